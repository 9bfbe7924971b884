/*
 * The guide's "TLS Client Interface using Native TCP" (User Guide 7.2) as
 * a real program: tls_tcp_connect() with TLS_TCP_CONN_INF_FLAG_START,
 * wait for TLS_NTF_HANDSHAKE_DONE, send a request from a buffer of the
 * pool, print the answer announced by IP_NTF_TX_RDY. With --resume a
 * second connection resumes the first one's session by its ticket.
 * Everything runs in the guide's poll mode (tls_tcp_poll()).
 *
 *   tls-client-native --port P --ca root.pem [--host 127.0.0.1]
 *       [--name localhost] [--message TEXT] [--resume]
 *       [--cert c.pem --key k.pem]
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ex_common.h"

#define TLS_TEST_EVENT 0x1

static void tls_test_ntf_fn(uint32_t param, uint32_t ntf);

static t_ip_ntf g_tls_test_ntf = {tls_test_ntf_fn, 0U, NULL};
static volatile uint32_t g_tls_test_event;
static volatile int g_done, g_failed;

static void tls_test_ntf_fn(uint32_t param, uint32_t ntf)
{
    (void)param;
    if (ntf == TLS_NTF_HANDSHAKE_DONE) {
        g_done = 1;
    } else if (ntf == TLS_NTF_HANDSHAKE_FAILED) {
        g_failed = 1;
    } else {
        g_tls_test_event |= TLS_TEST_EVENT;
    }
}

/* One connection: connect, handshake, request, answer. */
static int session(const t_ip_port *ip, const char *name, const char *msg, t_tls_ticket ticket,
                   t_tls_ticket *next, const char *label)
{
    t_tls_conn_inf inf;
    t_tcp_conn_hdl hdl;
    tern_conn_info info;
    uint8_t *buf, *p_rx_buf;
    uint16_t len, rx_bytes;
    t_tls_ret r;
    int ok = 0;

    g_done = g_failed = 0;
    g_tls_test_event = 0;
    memset(&inf, 0, sizeof(inf));
    inf.tci_timeout = 5000;
    inf.p_tci_ntf = &g_tls_test_ntf;
    inf.p_tci_peer_name = name;
    inf.tci_flags = TLS_TCP_CONN_INF_FLAG_START;
    r = tls_tcp_connect(ip, &inf, ticket, &hdl);
    if (r != TLS_OK) {
        fprintf(stderr, "tls_tcp_connect: %s\n", ex_ret_name(r));
        return 0;
    }
    while (!g_done && !g_failed) {
        (void)tls_tcp_poll(100);
    }
    if (g_failed) {
        fprintf(stderr, "handshake failed: %s\n",
                ex_ret_name(tls_client_handshake_tcp(hdl, name, TCP_INVALID_CONN_HDL)));
        (void)tls_close_tcp(hdl);
        return 0;
    }
    if (tls_get_info_tcp(hdl, &info) == TLS_OK) {
        ex_summary(label, &info);
    }
    /* The request goes in a buffer of the pool. */
    r = tls_get_buffer_tcp(hdl, (uint16_t)strlen(msg), &buf, IP_WAIT_FOREVER, NULL, &len);
    if (r == TLS_OK && len >= strlen(msg)) {
        memcpy(buf, msg, strlen(msg));
        r = tls_send_tcp(hdl, buf, (uint16_t)strlen(msg));
        if (r != TLS_OK) {
            (void)tcp_release_buf(buf);
        }
    }
    /* The answer: announced by the notification, taken by receive. */
    while (r == TLS_OK && !ok && tls_get_state_tcp(hdl) == TLS_CONNST_OPERATING) {
        (void)tls_tcp_poll(100);
        if (!(g_tls_test_event & TLS_TEST_EVENT)) {
            continue;
        }
        g_tls_test_event &= ~(uint32_t)TLS_TEST_EVENT;
        if (tls_receive_tcp(hdl, &p_rx_buf, &rx_bytes) == TLS_OK) {
            while (rx_bytes > 0 &&
                   (p_rx_buf[rx_bytes - 1] == '\n' || p_rx_buf[rx_bytes - 1] == '\r')) {
                rx_bytes--;
            }
            p_rx_buf[rx_bytes] = '\0';
            printf("%d bytes received: %s\n", rx_bytes, (char *)p_rx_buf);
            (void)tcp_release_buf(p_rx_buf);
            ok = 1;
        }
    }
    if (next != NULL && tls_get_ticket_tcp(hdl, next) != TLS_OK) {
        *next = TLS_INVALID_CONN_TICKET;
    }
    (void)tls_close_tcp(hdl);
    return ok;
}

int main(int argc, char **argv)
{
    const char *host = "127.0.0.1", *name = "localhost", *ca = NULL, *cert = NULL, *key = NULL;
    const char *message = "hello from the native interface", *v;
    char msg[600];
    t_ip_port ip;
    struct in_addr a;
    uint16_t port = 0;
    int i, resume = 0, ok;
    size_t next_ca = 0;
    t_tls_ticket ticket = TLS_INVALID_CONN_TICKET;

    ex_init(argv[0], 30);
    for (i = 1; i < argc; i++) {
        if ((v = ex_opt(argc, argv, &i, "--port")) != NULL) {
            port = (uint16_t)atoi(v);
        } else if ((v = ex_opt(argc, argv, &i, "--host")) != NULL) {
            host = v;
        } else if ((v = ex_opt(argc, argv, &i, "--name")) != NULL) {
            name = v;
        } else if ((v = ex_opt(argc, argv, &i, "--ca")) != NULL) {
            ca = v;
        } else if ((v = ex_opt(argc, argv, &i, "--cert")) != NULL) {
            cert = v;
        } else if ((v = ex_opt(argc, argv, &i, "--key")) != NULL) {
            key = v;
        } else if ((v = ex_opt(argc, argv, &i, "--message")) != NULL) {
            message = v;
        } else if (strcmp(argv[i], "--resume") == 0) {
            resume = 1;
        } else {
            ex_die("unknown argument %s", argv[i]);
        }
    }
    if (port == 0 || ca == NULL || inet_pton(AF_INET, host, &a) != 1) {
        ex_die("usage: tls-client-native --port P --ca root.pem [options]");
    }
    snprintf(msg, sizeof(msg), "%s\n", message);
    ip.ipp_ip_addr = ntohl(a.s_addr);
    ip.ipp_port = port;

    (void)ex_load_ca_bundle(ca, &next_ca);
    if (cert != NULL) {
        ex_load_identity(&g_tls_arr_host_cert[0], cert, key != NULL ? key : cert,
                         TLS_CERT_ROLE_CLIENT);
    }
    ex_start_module();
    ok = session(&ip, name, msg, TLS_INVALID_CONN_TICKET, &ticket, "handshake");
    if (ok && resume) {
        ok = session(&ip, name, msg, ticket, NULL, "resumed handshake");
    }
    (void)tls_stop();
    (void)tls_delete();
    return ok ? 0 : 1;
}
