/*
 * The guide's "TLS Server Interface using Native TCP" (User Guide 7.1) as
 * a real program. The vendor's TCP/IP stack is replaced by tern's native
 * interface over BSD sockets, driven in the guide's poll mode: the
 * "task" below is called in a loop, and tls_tcp_poll() does what the
 * stack's task would (accept, handshake, decode, notify).
 *
 *   tls-server-native --cert chain.pem --key key.pem [--port 0]
 *       [--count N] [--verify --ca client-root.pem]
 *
 * Prints "listening on <port>", then the handshake summary and each
 * request per connection; echoes every request; serves --count
 * connections (default 1), exits 0 if each one echoed something.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ex_common.h"

#define TLS_TEST_EVENT 0x1

static void tls_test_ntf_fn(uint32_t param, uint32_t ntf);

static t_ip_ntf g_tls_test_ntf = {tls_test_ntf_fn, 0U, NULL};
static volatile uint32_t g_tls_test_event; /* stands in for the OAL event */
static volatile int g_done;                /* handshakes done */
static t_tcp_port_hdl g_tls_port_hdl;
static t_tcp_conn_hdl g_conn_hdl = TCP_INVALID_CONN_HDL;
static t_tls_conn_inf g_inf;

static void tls_test_ntf_fn(uint32_t param, uint32_t ntf)
{
    (void)param;
    if (ntf != TLS_NTF_HANDSHAKE_DONE) {
        g_tls_test_event |= TLS_TEST_EVENT;
    } else {
        g_done++;
    }
}

/* One round of the guide's server task (poll mode). Returns 1 when the
 * current connection ended (and says whether it echoed in *echoed). */
static int tls_server_task(int *echoed)
{
    uint8_t *p_rx_buf;
    uint16_t rx_bytes;
    t_tls_ret tls_res;
    static int printed;

    (void)tls_tcp_poll(100); /* the stack's work, the OAL wait */
    if (g_done && !printed) {
        tern_conn_info info;
        if (tls_get_info_tcp(g_conn_hdl, &info) == TLS_OK) {
            ex_summary("handshake", &info);
            printed = 1;
        }
    }
    if (!(g_tls_test_event & TLS_TEST_EVENT)) {
        return 0;
    }
    g_tls_test_event &= ~(uint32_t)TLS_TEST_EVENT;
    /* TLS connection is established */
    rx_bytes = 0;
    tls_res = tls_receive_tcp(g_conn_hdl, &p_rx_buf, &rx_bytes);
    if (tls_res == TLS_OK && rx_bytes > 0) {
        p_rx_buf[rx_bytes] = '\0';
        printf("%d bytes received: %s", rx_bytes, (char *)p_rx_buf);
        if (p_rx_buf[rx_bytes - 1] != '\n') {
            printf("\n");
        }
        fflush(stdout);
        if (tls_send_tcp(g_conn_hdl, p_rx_buf, rx_bytes) != TLS_OK) {
            (void)tcp_release_buf(p_rx_buf);
        } else {
            *echoed = 1;
        }
        g_tls_test_event |= TLS_TEST_EVENT; /* more may be waiting */
        return 0;
    }
    if (tls_res == TLS_WAIT || tls_get_state_tcp(g_conn_hdl) != TLS_CONNST_CLOSED) {
        return 0;
    }
    (void)tls_close_tcp(g_conn_hdl); /* closed by the client, or failed */
    g_conn_hdl = TCP_INVALID_CONN_HDL;
    printed = 0;
    g_done = 0;
    return 1;
}

int main(int argc, char **argv)
{
    const char *cert = NULL, *key = NULL, *ca = NULL, *v;
    uint16_t port = 0, bound = 0;
    int i, count = 1, verify = 0, failures = 0;
    size_t next_ca = 0;
    t_ip_port ip_rx_port;
    t_tls_ret r;

    ex_init(argv[0], 60);
    for (i = 1; i < argc; i++) {
        if ((v = ex_opt(argc, argv, &i, "--port")) != NULL) {
            port = (uint16_t)atoi(v);
        } else if ((v = ex_opt(argc, argv, &i, "--cert")) != NULL) {
            cert = v;
        } else if ((v = ex_opt(argc, argv, &i, "--key")) != NULL) {
            key = v;
        } else if ((v = ex_opt(argc, argv, &i, "--ca")) != NULL) {
            ca = v;
        } else if ((v = ex_opt(argc, argv, &i, "--count")) != NULL) {
            count = atoi(v);
        } else if (strcmp(argv[i], "--verify") == 0) {
            verify = 1;
        } else {
            ex_die("unknown argument %s", argv[i]);
        }
    }
    if (cert == NULL || (verify && ca == NULL)) {
        ex_die("usage: tls-server-native --cert chain.pem --key key.pem [options]");
    }
    ex_load_identity(&g_tls_arr_host_cert[0], cert, key != NULL ? key : cert, TLS_CERT_ROLE_SERVER);
    if (ca != NULL) {
        (void)ex_load_ca_bundle(ca, &next_ca);
    }
    ex_start_module();

    r = tcp_open(port, 1U, NULL, &g_tls_port_hdl);
    if (r != TLS_OK || tcp_get_port(g_tls_port_hdl, &bound) != TLS_OK) {
        ex_die("tcp_open: %s", ex_ret_name(r));
    }
    printf("listening on %u\n", (unsigned)bound);
    fflush(stdout);
    g_inf.p_tci_ntf = &g_tls_test_ntf;
    g_inf.p_tci_peer_name = NULL;
    g_inf.tci_flags = TLS_TCP_CONN_INF_FLAG_START | (verify ? TLS_TCP_CONN_INF_FLAG_VERIFY : 0U);
    for (i = 0; i < count; i++) {
        int echoed = 0;
        r = tls_tcp_accept(g_tls_port_hdl, &g_inf, &ip_rx_port, &g_conn_hdl);
        if (r != TLS_OK) {
            ex_die("tls_tcp_accept: %s", ex_ret_name(r));
        }
        while (!tls_server_task(&echoed)) {
        }
        failures += !echoed;
    }
    (void)tcp_close_port(g_tls_port_hdl);
    (void)tls_stop();
    (void)tls_delete();
    return failures == 0 ? 0 : 1;
}
