/*
 * The DTLS functions of the guide (5.3 native UDP, 5.5 sockets), with
 * their documented signatures. tern's DTLS does not exist yet (its issue
 * is open), so every one of them answers TLS_NOT_FOUND_ERR ("the
 * connection was not found": no DTLS connection can exist) and the state
 * queries TLS_CONNST_CLOSED, with no effect on their arguments.
 * config_tls.h refuses DTLS_IFC_ENABLE = 1 at build time.
 * tests/unit/compat/test_dtls.c records this behaviour, to be replaced
 * when DTLS lands.
 */
#define TERN_COMPAT_BUILD 1 /* see include/api_tls.h */
#include "api_tls.h"

/* see include/api_tls.h */
t_tls_ret dtls_start_udp(t_dtls_hdl conn_hdl)
{
    (void)conn_hdl;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_tls_ret dtls_close_udp(t_dtls_hdl conn_hdl)
{
    (void)conn_hdl;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_ip_ret dtls_udp_srv_open(uint16_t port, const t_tls_conn_inf *const p_inf,
                           t_udp_hdl *const p_conn_hdl)
{
    (void)port;
    (void)p_inf;
    (void)p_conn_hdl;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_tls_ret dtls_udp_srv_close(t_udp_hdl conn_hdl)
{
    (void)conn_hdl;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_tls_ret dtls_get_srv_conn_udp(t_udp_hdl srv_hdl, t_dtls_hdl *const p_conn_hdl)
{
    (void)srv_hdl;
    (void)p_conn_hdl;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_ip_ret dtls_accept_udp(const t_udp_port_hdl udp_port_hdl, const t_tls_conn_inf *const p_inf,
                         t_ip_port *const p_ip_port, t_dtls_hdl *const p_dtls_conn_hdl)
{
    (void)udp_port_hdl;
    (void)p_inf;
    (void)p_ip_port;
    (void)p_dtls_conn_hdl;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_ip_ret dtls_connect_udp(const t_ip_port *p_ip_port, const t_tls_conn_inf *const p_inf,
                          t_tls_ticket conn_ticket, t_dtls_hdl *const p_conn_hdl)
{
    (void)p_ip_port;
    (void)p_inf;
    (void)conn_ticket;
    (void)p_conn_hdl;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_tls_ret dtls_send_udp(const t_dtls_hdl conn_hdl, uint8_t *p_data, uint16_t data_len)
{
    (void)conn_hdl;
    (void)p_data;
    (void)data_len;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_tls_ret dtls_receive_udp(t_dtls_hdl conn_hdl, uint8_t **pp_buf, uint16_t *p_data_len)
{
    (void)conn_hdl;
    (void)pp_buf;
    (void)p_data_len;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_tls_ret dtls_get_buffer_udp(const t_dtls_hdl conn_hdl, uint16_t data_len, uint8_t **pp_buf,
                              uint32_t timeout, t_ip_ntf *const p_ntf, uint16_t *p_buf_len)
{
    (void)conn_hdl;
    (void)data_len;
    (void)pp_buf;
    (void)timeout;
    (void)p_ntf;
    (void)p_buf_len;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_tls_ret dtls_get_ticket_udp(const t_dtls_hdl conn_hdl, t_tls_ticket *p_conn_ticket)
{
    (void)conn_hdl;
    (void)p_conn_ticket;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_tls_conn_status dtls_get_state_udp(const t_dtls_hdl conn_hdl)
{
    (void)conn_hdl;
    return TLS_CONNST_CLOSED;
}

/* see include/api_tls.h */
t_tls_ret dtls_client_handshake_socket(int sockfd, const t_ip_port *p_ip_port,
                                       const char_t *const p_peer_name, t_tls_ticket conn_ticket,
                                       t_dtls_hdl *const p_conn_hdl)
{
    (void)sockfd;
    (void)p_ip_port;
    (void)p_peer_name;
    (void)conn_ticket;
    (void)p_conn_hdl;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_tls_ret dtls_server_handshake_socket(int sockfd, uint8_t client_verify,
                                       const char *const p_peer_name,
                                       t_dtls_socket_hdl *const p_conn_hdl)
{
    (void)sockfd;
    (void)client_verify;
    (void)p_peer_name;
    (void)p_conn_hdl;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_tls_ret dtls_send_socket(t_dtls_hdl conn_hdl, uint8_t *const p_data, uint16_t data_len)
{
    (void)conn_hdl;
    (void)p_data;
    (void)data_len;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_tls_ret dtls_receive_socket(t_dtls_hdl conn_hdl, uint8_t **pp_buf, uint16_t buf_size,
                              uint16_t *p_data_len)
{
    (void)conn_hdl;
    (void)pp_buf;
    (void)buf_size;
    (void)p_data_len;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_tls_ret dtls_get_ticket_socket(t_dtls_hdl conn_hdl, t_tls_ticket *p_conn_ticket)
{
    (void)conn_hdl;
    (void)p_conn_ticket;
    return TLS_NOT_FOUND_ERR;
}

/* see include/api_tls.h */
t_tls_conn_status dtls_get_state_socket(t_dtls_hdl conn_hdl)
{
    (void)conn_hdl;
    return TLS_CONNST_CLOSED;
}

/* see include/api_tls.h */
t_tls_ret dtls_close_socket(t_dtls_socket_hdl p_conn_hdl)
{
    (void)p_conn_hdl;
    return TLS_NOT_FOUND_ERR;
}
