/*
 * The native TCP interface (User Guide 5.2): the calls. The work itself
 * is done in steps (tls_tcp_step.c) by tls_tcp_poll (tls_tcp_poll.c) and
 * by the calls that drive a handshake.
 */
#include "tern/config.h"

#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "compat/compat_internal.h"

#if TLS_TCPIP_IFC_ENABLE && TERN_CONFIG_PLATFORM_POSIX

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tern/socket.h"

/* Largest user data per send: one record, one buffer. */
#define MAX_SEND (TLS_TCP_BUF_SIZE < TLS_MAX_DATA_LEN ? TLS_TCP_BUF_SIZE : TLS_MAX_DATA_LEN)

/* Finds the connection of a handle and marks it busy. unknown: the
 * return for a handle that names nothing. */
static t_tls_ret enter(t_tcp_conn_hdl hdl, t_tls_connection **out, t_tls_ret unknown)
{
    t_tls_connection *s;
    t_tls_ret ret = TLS_OK;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    compat_lock();
    if (g_tls.state != COMPAT_STARTED) {
        ret = TLS_INIT_ERR;
    } else if ((s = compat_by_handle(hdl)) == NULL) {
        ret = unknown;
    } else if (!compat_acquire(s)) {
        ret = TLS_WAIT;
    } else {
        *out = s;
    }
    compat_unlock();
    return ret;
}

/* Ends a call: the entry is free for others, then notifications go out. */
static t_tls_ret leave(t_tls_connection *s, const compat_ntfs *q, t_tls_ret ret)
{
    compat_unacquire(s);
    compat_ntfs_deliver(q);
    return ret;
}

/* The outcome of a handshake driven by the application. */
static t_tls_ret hs_result(const t_tls_connection *s)
{
    if (s->hs == HS_DONE) {
        return TLS_OK;
    }
    if (s->hs == HS_FAILED) {
        return (t_tls_ret)s->error;
    }
    return TLS_WAIT;
}

/* see include/api_tls.h */
t_ip_ret tls_tcp_connect(const t_ip_port *p_ip_port, const t_tls_conn_inf *const p_inf,
                         t_tls_ticket conn_ticket, t_tcp_conn_hdl *const p_tcp_conn_hdl)
{
    struct sockaddr_in sa;
    t_tls_connection *s;
    int fd, rc;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    if (p_ip_port == NULL || p_inf == NULL || p_tcp_conn_hdl == NULL) {
        return TLS_NULL_PTR_ERR;
    }
    *p_tcp_conn_hdl = TCP_INVALID_CONN_HDL;
    if (p_inf->p_tci_peer_name == NULL || !compat_name_ok(p_inf->p_tci_peer_name)) {
        return TLS_PARAM_ERR;
    }
    compat_lock();
    if (g_tls.state != COMPAT_STARTED) {
        compat_unlock();
        return TLS_INIT_ERR;
    }
    s = compat_alloc(CONN_TCP);
    if (s == NULL) {
        compat_unlock();
        return TLS_NOT_FOUND_ERR;
    }
    s->busy = 1;
    compat_unlock();

    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
        if (fd >= 0) {
            (void)close(fd);
        }
        compat_lock();
        s->busy = 0;
        compat_release(s);
        compat_unlock();
        return TLS_IO_ERR;
    }
    s->fd = fd;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(p_ip_port->ipp_ip_addr);
    sa.sin_port = htons(p_ip_port->ipp_port);
    do {
        rc = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
    } while (rc != 0 && errno == EINTR);
    if (rc != 0 && errno != EINPROGRESS) {
        compat_lock();
        s->busy = 0;
        compat_release(s); /* closes fd */
        compat_unlock();
        return TLS_IO_ERR;
    }
    s->role = TERN_CLIENT;
    s->peer = *p_ip_port;
    s->ntf = p_inf->p_tci_ntf;
    s->flags = p_inf->tci_flags;
    s->timeout = p_inf->tci_timeout;
    s->resume = conn_ticket;
    strcpy(s->peer_name, p_inf->p_tci_peer_name);
    s->t0 = compat_now_ms();
    s->hs = HS_CONNECTING;
    *p_tcp_conn_hdl = compat_handle(s);
    compat_unacquire(s);
    return TLS_OK;
}

/* see include/api_tls.h */
t_ip_ret tls_tcp_accept(const t_tcp_port_hdl tcp_port_hdl, const t_tls_conn_inf *const p_inf,
                        t_ip_port *const p_ip_port, t_tcp_conn_hdl *const p_tcp_conn_hdl)
{
    compat_port *port;
    t_tls_connection *s;
    t_ip_ret ret = TLS_OK;
    size_t i, n = 0;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    if (p_inf == NULL || p_tcp_conn_hdl == NULL) {
        return TLS_NULL_PTR_ERR;
    }
    *p_tcp_conn_hdl = TCP_INVALID_CONN_HDL;
    if (!compat_name_ok(p_inf->p_tci_peer_name)) {
        return TLS_PARAM_ERR;
    }
    if (p_ip_port != NULL) {
        memset(p_ip_port, 0, sizeof(*p_ip_port));
    }
    compat_lock();
    if (g_tls.state != COMPAT_STARTED) {
        compat_unlock();
        return TLS_INIT_ERR;
    }
    port = compat_port_by_handle(tcp_port_hdl);
    if (port == NULL) {
        compat_unlock();
        return TLS_NOT_FOUND_ERR;
    }
    for (i = 0; i < TLS_MAX_CONN_SIZE; i++) {
        const t_tls_connection *o = &g_tls_conn[i];
        n += o->kind == CONN_TCP && o->role == TERN_SERVER && o->hs != HS_FAILED &&
             o->port == (uint8_t)(port - g_tls_port);
    }
    if (port->max_conn != 0 && n >= port->max_conn) {
        ret = TLS_WAIT;
    } else if ((s = compat_alloc(CONN_TCP)) == NULL) {
        ret = TLS_NOT_FOUND_ERR;
    } else {
        s->role = TERN_SERVER;
        s->port = (uint8_t)(port - g_tls_port);
        s->ntf = p_inf->p_tci_ntf;
        s->flags = p_inf->tci_flags;
        s->timeout = p_inf->tci_timeout;
        strcpy(s->peer_name, p_inf->p_tci_peer_name != NULL ? p_inf->p_tci_peer_name : "");
        s->hs = HS_ACCEPTING;
        s->fd = compat_port_accept(port, &s->peer); /* -1: tls_tcp_poll waits */
        if (s->fd >= 0 && p_ip_port != NULL) {
            *p_ip_port = s->peer;
        }
        *p_tcp_conn_hdl = compat_handle(s);
    }
    compat_unlock();
    return ret;
}

/* see include/api_tls.h */
t_tls_ret tls_start_tcp(t_tcp_conn_hdl conn_hdl)
{
    t_tls_connection *s = NULL;
    t_tls_ret ret = enter(conn_hdl, &s, TLS_NOT_FOUND_ERR);
    compat_ntfs q;

    if (ret != TLS_OK) {
        return ret;
    }
    memset(&q, 0, sizeof(q));
    compat_tcp_step(s, &q); /* finishes a connect or accept if it can */
    if (s->hs == HS_IDLE) {
        s->hs = HS_RUNNING;
        s->t0 = compat_now_ms();
        compat_tcp_step(s, &q);
        ret = TLS_OK;
    } else if (s->hs == HS_CONNECTING || s->hs == HS_ACCEPTING) {
        ret = TLS_WAIT;
    } else if (s->hs == HS_FAILED) {
        ret = (t_tls_ret)s->error;
    } else {
        ret = TLS_PARAM_ERR; /* already started */
    }
    return leave(s, &q, ret);
}

/* The session of a previous connection (resume_hdl): its ticket. */
static t_tls_ticket ticket_of(t_tcp_conn_hdl hdl)
{
    uint32_t idx = hdl & 0xFFu;
    t_tls_ticket t = TLS_INVALID_CONN_TICKET;

    if (hdl == TCP_INVALID_CONN_HDL || idx >= TLS_MAX_CONN_SIZE) {
        return t;
    }
    compat_lock();
    if (compat_by_handle(hdl) != NULL) {
        t = g_tls_conn[idx].ticket;
    } else if (g_tls_conn[idx].last_hdl == hdl) {
        t = g_tls_conn[idx].last_ticket;
    }
    compat_unlock();
    return t;
}

/* see include/api_tls.h */
t_tls_ret tls_client_handshake_tcp(const t_tcp_conn_hdl conn_hdl, const char_t *const p_peer_name,
                                   const t_tcp_conn_hdl resume_hdl)
{
    t_tls_connection *s = NULL;
    t_tls_ticket ticket;
    t_tls_ret ret;
    compat_ntfs q;

    if (!compat_name_ok(p_peer_name)) {
        return g_tls.state == COMPAT_NONE ? TLS_INIT_ERR : TLS_PARAM_ERR;
    }
    ticket = resume_hdl != conn_hdl ? ticket_of(resume_hdl) : TLS_INVALID_CONN_TICKET;
    ret = enter(conn_hdl, &s, TLS_NOT_FOUND_ERR);
    if (ret != TLS_OK) {
        return ret;
    }
    memset(&q, 0, sizeof(q));
    if (s->role != TERN_CLIENT) {
        return leave(s, &q, TLS_PARAM_ERR);
    }
    if (s->hs == HS_CONNECTING) {
        compat_tcp_step(s, &q);
    }
    if (s->hs == HS_IDLE) {
        const char *name = p_peer_name != NULL ? p_peer_name : "";
        if (tern_conn_set_hostname(s->conn, name) != TERN_OK) {
            return leave(s, &q, TLS_PARAM_ERR);
        }
        strcpy(s->peer_name, name);
        if (compat_ses_offer(s->conn, ticket, name)) {
            s->resume = ticket;
        }
        s->hs = HS_RUNNING;
        s->t0 = compat_now_ms();
    }
    if (s->hs == HS_RUNNING) {
        compat_tcp_step(s, &q);
    }
    return leave(s, &q, hs_result(s));
}

/* see include/api_tls.h */
t_tls_ret tls_server_handshake_tcp(const t_tcp_conn_hdl conn_hdl, uint8_t client_verify,
                                   const char *const p_peer_name)
{
    t_tls_connection *s = NULL;
    t_tls_ret ret;
    compat_ntfs q;

    if (!compat_name_ok(p_peer_name)) {
        return g_tls.state == COMPAT_NONE ? TLS_INIT_ERR : TLS_PARAM_ERR;
    }
    ret = enter(conn_hdl, &s, TLS_NOT_FOUND_ERR);
    if (ret != TLS_OK) {
        return ret;
    }
    memset(&q, 0, sizeof(q));
    if (s->role != TERN_SERVER) {
        return leave(s, &q, TLS_PARAM_ERR);
    }
    if (s->hs == HS_ACCEPTING) {
        compat_tcp_step(s, &q);
    }
    if (s->hs == HS_IDLE) {
        if ((client_verify != 0) != (s->verify != 0)) {
            /* Not started yet: set up again with the other policy. */
            tern_conn_free(s->conn);
            s->conn = NULL;
            ret = compat_conn_init(s, TERN_SERVER, client_verify != 0);
            if (ret == TLS_OK && tern_socket_attach(s->conn, s->fd) != TERN_OK) {
                ret = TLS_PARAM_ERR;
            }
            if (ret != TLS_OK) {
                compat_fail(s, ret);
                return leave(s, &q, ret);
            }
        }
        strcpy(s->peer_name, p_peer_name != NULL ? p_peer_name : "");
        s->hs = HS_RUNNING;
        s->t0 = compat_now_ms();
    }
    if (s->hs == HS_RUNNING) {
        compat_tcp_step(s, &q);
    }
    return leave(s, &q, hs_result(s));
}

/* see include/api_tls.h */
t_tls_ret tls_close_tcp(t_tcp_conn_hdl conn_hdl)
{
    t_tls_connection *s = NULL;
    t_tls_ret ret = enter(conn_hdl, &s, TLS_NOT_FOUND_ERR);

    if (ret != TLS_OK) {
        return ret;
    }
    if (s->hs == HS_DONE && tern_conn_state(s->conn) == TERN_CONN_OPERATING) {
        int rc = tern_close(s->conn); /* best effort: the socket closes next */
        (void)rc;
    }
    compat_lock();
    s->busy = 0;
    compat_release(s);
    compat_unlock();
    compat_buf_notify();
    return TLS_OK;
}

/* see include/api_tls.h */
t_tls_ret tls_send_tcp(const t_tcp_conn_hdl conn_hdl, uint8_t *p_data, uint16_t data_len)
{
    t_tls_connection *s;
    t_tls_ret ret = TLS_OK;
    compat_ntfs q;
    size_t i;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    if (p_data == NULL) {
        return TLS_NULL_PTR_ERR;
    }
    if (data_len == 0 || data_len > MAX_SEND) {
        return TLS_PARAM_ERR;
    }
    compat_lock();
    if (g_tls.state != COMPAT_STARTED) {
        ret = TLS_INIT_ERR;
    } else if ((s = compat_by_handle(conn_hdl)) == NULL) {
        ret = TLS_NOT_FOUND_ERR;
    } else if (s->busy) {
        ret = TLS_WAIT;
    } else if (!compat_buf_owned(p_data)) {
        ret = TLS_PARAM_ERR; /* not a buffer of the pool held by the caller */
    } else if (s->hs != HS_DONE) {
        ret = s->hs == HS_FAILED ? TLS_IO_ERR : TLS_WAIT;
    } else if (tern_conn_state(s->conn) != TERN_CONN_OPERATING) {
        ret = TLS_IO_ERR;
    } else {
        for (i = 0; i < COMPAT_TXQ_LEN && s->txq[i].buf != NULL; i++) {
        }
        if (i == COMPAT_TXQ_LEN) {
            ret = TLS_WAIT; /* queue full: the buffer stays the caller's */
        } else {
            compat_buf_hold(p_data);
            s->txq[i].buf = p_data;
            s->txq[i].len = data_len;
            s->txq[i].off = 0;
            s->busy = 1;
        }
    }
    compat_unlock();
    if (ret != TLS_OK) {
        return ret;
    }
    memset(&q, 0, sizeof(q));
    compat_tcp_step(s, &q); /* seal and send now if the socket takes it */
    return leave(s, &q, TLS_OK);
}

/* see include/api_tls.h */
t_tls_ret tls_receive_tcp(t_tcp_conn_hdl conn_hdl, uint8_t **pp_buf, uint16_t *p_data_len)
{
    t_tls_connection *s = NULL;
    t_tls_ret ret;
    uint8_t *src, *buf;
    size_t n;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    if (pp_buf == NULL || p_data_len == NULL) {
        return TLS_PARAM_ERR;
    }
    *pp_buf = NULL;
    *p_data_len = 0;
    ret = enter(conn_hdl, &s, TLS_PARAM_ERR);
    if (ret != TLS_OK) {
        return ret;
    }
    if (s->hs != HS_DONE) {
        ret = s->hs == HS_FAILED ? TLS_IO_ERR : TLS_WAIT;
    } else if ((src = tern_conn_recvapp_buf(s->conn, &n)) == NULL) {
        int rc = compat_peek(s->conn); /* pull a record if one came */
        src = rc == 0 ? tern_conn_recvapp_buf(s->conn, &n) : NULL;
        if (src == NULL) {
            s->data_ntf = 0;
            ret = rc == TERN_ERR_WANT_READ || rc == TERN_ERR_WANT_WRITE ? TLS_WAIT : TLS_IO_ERR;
        }
    }
    if (ret == TLS_OK) {
        compat_lock();
        buf = compat_buf_take();
        compat_unlock();
        if (buf == NULL) {
            ret = TLS_MEM_ERR;
        } else {
            /* Room for one more byte: the samples NUL-terminate. */
            if (n > TLS_TCP_BUF_SIZE - 1u) {
                n = TLS_TCP_BUF_SIZE - 1u;
            }
            memcpy(buf, src, n);
            tern_conn_recvapp_ack(s->conn, n);
            s->data_ntf = 0; /* more data: notified again */
            *pp_buf = buf;
            *p_data_len = (uint16_t)n;
        }
    }
    compat_unacquire(s);
    return ret;
}

/* see include/api_tls.h */
t_tls_ret tls_get_buffer_tcp(const t_tcp_conn_hdl conn_hdl, uint16_t data_len, uint8_t **pp_buf,
                             uint32_t timeout, t_ip_ntf *const p_ntf, uint16_t *p_buf_len)
{
    t_tls_connection *s;
    t_tls_ret ret = TLS_OK;

    (void)timeout; /* poll mode never blocks */
    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    if (pp_buf == NULL || p_buf_len == NULL) {
        return TLS_NULL_PTR_ERR;
    }
    *pp_buf = NULL;
    *p_buf_len = 0;
    compat_lock();
    if (g_tls.state != COMPAT_STARTED) {
        ret = TLS_INIT_ERR;
    } else if ((s = compat_by_handle(conn_hdl)) == NULL) {
        ret = TLS_NOT_FOUND_ERR;
    } else if (s->hs != HS_DONE) {
        ret = TLS_WAIT;
    } else if ((*pp_buf = compat_buf_take()) == NULL) {
        if (p_ntf != NULL) {
            compat_buf_queue(p_ntf);
        }
        ret = TLS_MEM_ERR;
    } else {
        *p_buf_len = data_len != 0 && data_len < MAX_SEND ? data_len : (uint16_t)MAX_SEND;
    }
    compat_unlock();
    return ret;
}

/* see include/api_tls.h */
t_tls_ret tls_get_ticket_tcp(const t_tcp_conn_hdl conn_hdl, t_tls_ticket *p_conn_ticket)
{
    t_tls_connection *s;
    t_tls_ret ret = TLS_OK;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    if (p_conn_ticket == NULL) {
        return TLS_PARAM_ERR;
    }
    *p_conn_ticket = TLS_INVALID_CONN_TICKET;
    compat_lock();
    if (g_tls.state != COMPAT_STARTED) {
        ret = TLS_INIT_ERR;
    } else if ((s = compat_by_handle(conn_hdl)) == NULL) {
        ret = TLS_NOT_FOUND_ERR;
    } else if (s->role != TERN_CLIENT || s->hs != HS_DONE) {
        ret = TLS_PARAM_ERR;
    } else if (s->ticket == TLS_INVALID_CONN_TICKET) {
        ret = TLS_NOT_FOUND_ERR;
    } else {
        *p_conn_ticket = s->ticket;
    }
    compat_unlock();
    return ret;
}

/* see include/api_tls.h */
t_tls_conn_status tls_get_state_tcp(const t_tcp_conn_hdl conn_hdl)
{
    t_tls_connection *s;
    t_tls_conn_status st = TLS_CONNST_CLOSED;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_CONNST_CLOSED;
    }
    compat_lock();
    if (g_tls.state == COMPAT_STARTED && (s = compat_by_handle(conn_hdl)) != NULL) {
        if (s->busy) {
            st = s->hs == HS_DONE     ? TLS_CONNST_OPERATING
                 : s->hs == HS_FAILED ? TLS_CONNST_CLOSED
                                      : TLS_CONNST_HANDSHAKE;
        } else {
            st = compat_state_of(s);
        }
    }
    compat_unlock();
    return st;
}

/* see include/api_tls.h */
t_tls_ret tls_get_info_tcp(const t_tcp_conn_hdl conn_hdl, tern_conn_info *p_info)
{
    t_tls_connection *s = NULL;
    t_tls_ret ret;
    compat_ntfs q;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    if (p_info == NULL) {
        return TLS_NULL_PTR_ERR;
    }
    ret = enter(conn_hdl, &s, TLS_NOT_FOUND_ERR);
    if (ret != TLS_OK) {
        return ret;
    }
    memset(&q, 0, sizeof(q));
    if (s->hs != HS_DONE) {
        ret = TLS_WAIT;
    } else if (tern_conn_get_info(s->conn, p_info) != TERN_OK) {
        ret = TLS_HS_ERR;
    }
    return leave(s, &q, ret);
}

#else
typedef int tls_tcp_unused; /* ISO C forbids an empty translation unit */
#endif
