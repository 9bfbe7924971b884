/*
 * The DTLS functions of the guide (5.3, 5.5) exist with their documented
 * signatures and, until tern's DTLS lands, answer TLS_NOT_FOUND_ERR (the
 * state queries TLS_CONNST_CLOSED) without touching their arguments.
 * This test records that interim behaviour; the DTLS issue replaces it.
 */
#include <string.h>

#include "api_tls.h"
#include "tern_test.h"

static void test_udp(void)
{
    t_tls_conn_inf inf;
    t_ip_port ip;
    t_udp_hdl udp = 0x1234;
    t_dtls_hdl d = 0x5678;
    t_tls_ticket t = 0x9abc;
    uint8_t data[4] = {1, 2, 3, 4}, *p = data;
    uint16_t n = 7;

    memset(&inf, 0, sizeof(inf));
    memset(&ip, 0, sizeof(ip));
    EXPECT_EQ(dtls_start_udp(d), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(dtls_close_udp(d), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(dtls_udp_srv_open(4433, &inf, &udp), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(udp, 0x1234);
    EXPECT_EQ(dtls_udp_srv_close(udp), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(dtls_get_srv_conn_udp(udp, &d), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(d, 0x5678);
    EXPECT_EQ(dtls_accept_udp(udp, &inf, &ip, &d), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(dtls_connect_udp(&ip, &inf, TLS_INVALID_CONN_TICKET, &d), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(dtls_send_udp(d, data, 4), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(dtls_receive_udp(d, &p, &n), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(n, 7);
    EXPECT_EQ(dtls_get_buffer_udp(d, 4, &p, 0, NULL, &n), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(dtls_get_ticket_udp(d, &t), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(t, 0x9abc);
    EXPECT_EQ(dtls_get_state_udp(d), TLS_CONNST_CLOSED);
}

static void test_sockets(void)
{
    t_ip_port ip;
    t_dtls_hdl d = 0x5678;
    t_tls_ticket t = 0x9abc;
    uint8_t data[4] = {1, 2, 3, 4}, *p = data;
    uint16_t n = 7;

    memset(&ip, 0, sizeof(ip));
    EXPECT_EQ(dtls_client_handshake_socket(3, &ip, "localhost", TLS_INVALID_CONN_TICKET, &d),
              TLS_NOT_FOUND_ERR);
    EXPECT_EQ(d, 0x5678);
    EXPECT_EQ(dtls_server_handshake_socket(3, 0, NULL, &d), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(dtls_send_socket(d, data, 4), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(dtls_receive_socket(d, &p, sizeof(data), &n), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(dtls_get_ticket_socket(d, &t), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(dtls_get_state_socket(d), TLS_CONNST_CLOSED);
    EXPECT_EQ(dtls_close_socket(d), TLS_NOT_FOUND_ERR);
    /* Whatever the module's state. */
    EXPECT_EQ(tls_init(), TLS_OK);
    EXPECT_EQ(dtls_close_socket(d), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tls_delete(), TLS_OK);
}

int main(void)
{
    RUN_TEST(test_udp);
    RUN_TEST(test_sockets);
    return TEST_REPORT();
}
