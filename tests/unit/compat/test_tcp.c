/*
 * The native TCP interface (User Guide 5.2) as tern provides it: a
 * listening port (tcp_open), tls_tcp_accept / tls_tcp_connect with and
 * without TLS_TCP_CONN_INF_FLAG_START, the event loop (tls_tcp_poll) and
 * its notifications, the buffer pool, tickets and resume handles, timers,
 * and each call's documented returns. Everything on loopback.
 * Built with its own config_tls.h options (test_tcp.cmake).
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include "compat_test_util.h"

/* Notifications per side (ntf_param: 0 client, 1 server, 2 buffer). */
static uint32_t seen[3][32];
static size_t nseen[3];

static void ntf_fn(uint32_t param, uint32_t ntf)
{
    if (param < 3 && nseen[param] < 32) {
        seen[param][nseen[param]++] = ntf;
    }
}

static t_ip_ntf ntf_c = {ntf_fn, 0U, NULL};
static t_ip_ntf ntf_s = {ntf_fn, 1U, NULL};
static t_ip_ntf ntf_b = {ntf_fn, 2U, NULL};

static int has(int who, uint32_t code)
{
    size_t i;
    for (i = 0; i < nseen[who]; i++) {
        if (seen[who][i] == code) {
            return 1;
        }
    }
    return 0;
}

static void forget(void)
{
    memset(nseen, 0, sizeof(nseen));
}

/* Polls until side who has seen code (or a failure), at most ~5 s. */
static int poll_for(int who, uint32_t code)
{
    int i;
    for (i = 0; i < 500; i++) {
        if (has(who, code)) {
            return 1;
        }
        if (code != TLS_NTF_HANDSHAKE_FAILED && has(who, TLS_NTF_HANDSHAKE_FAILED)) {
            return 0;
        }
        if (tls_tcp_poll(10) != TLS_OK) {
            return 0;
        }
    }
    return 0;
}

static t_tls_certificate srv, cli, root;
static uint16_t port_num;
static t_tcp_port_hdl port;

static int up(void)
{
    ct_clear_tables();
    g_tls_arr_host_cert[0] = srv;
    g_tls_arr_host_cert[1] = cli;
    g_tls_arr_ca_cert[0] = root;
    if (!ct_up() || tcp_open(0, 2, NULL, &port) != TLS_OK ||
        tcp_get_port(port, &port_num) != TLS_OK) {
        return 0;
    }
    return 1;
}

static void infs(t_tls_conn_inf *c, t_tls_conn_inf *s, uint32_t flags)
{
    memset(c, 0, sizeof(*c));
    memset(s, 0, sizeof(*s));
    c->tci_timeout = 5000;
    c->p_tci_ntf = &ntf_c;
    c->tci_flags = flags;
    c->p_tci_peer_name = "localhost";
    s->tci_timeout = IP_WAIT_FOREVER;
    s->p_tci_ntf = &ntf_s;
    s->tci_flags = flags;
}

/* Accept + connect with START; both notified done. */
static int connect_pair(t_tcp_conn_hdl *hc, t_tcp_conn_hdl *hs, t_tls_ticket t, uint32_t flags)
{
    t_tls_conn_inf ic, is;
    t_ip_port ip, peer;

    forget();
    infs(&ic, &is, TLS_TCP_CONN_INF_FLAG_START | flags);
    if (tls_tcp_accept(port, &is, &peer, hs) != TLS_OK) {
        return 0;
    }
    ip.ipp_ip_addr = IP_ADDR_LOOPBACK;
    ip.ipp_port = port_num;
    if (tls_tcp_connect(&ip, &ic, t, hc) != TLS_OK) {
        return 0;
    }
    return poll_for(0, TLS_NTF_HANDSHAKE_DONE) && poll_for(1, TLS_NTF_HANDSHAKE_DONE);
}

/* Sends text from side a to side b and checks it arrives. */
static int transfer(t_tcp_conn_hdl a, t_tcp_conn_hdl b, int b_who, const char *text)
{
    uint8_t *buf, *rb = NULL;
    uint16_t len = 0, n = 0;
    size_t tl = strlen(text);
    int ok;

    if (tls_get_buffer_tcp(a, (uint16_t)tl, &buf, 0, NULL, &len) != TLS_OK || len < tl) {
        return 0;
    }
    memcpy(buf, text, tl);
    if (tls_send_tcp(a, buf, (uint16_t)tl) != TLS_OK) {
        (void)tcp_release_buf(buf);
        return 0;
    }
    nseen[b_who] = 0;
    if (!poll_for(b_who, IP_NTF_TX_RDY) || tls_receive_tcp(b, &rb, &n) != TLS_OK) {
        return 0;
    }
    rb[n] = '\0'; /* the samples do this: there is room */
    ok = n == tl && strcmp((const char *)rb, text) == 0;
    return ok && tcp_release_buf(rb) == TLS_OK;
}

static void test_start_flag(void)
{
    t_tcp_conn_hdl hc, hs;
    t_tls_ticket t, t2;
    tern_conn_info info;
    uint8_t *rb = NULL, *buf;
    uint16_t n, len;
    static uint8_t mine[8];

    EXPECT_TRUE(up());
    EXPECT_TRUE(connect_pair(&hc, &hs, TLS_INVALID_CONN_TICKET, 0));
    EXPECT_EQ(tls_get_state_tcp(hc), TLS_CONNST_OPERATING);
    EXPECT_EQ(tls_get_state_tcp(hs), TLS_CONNST_OPERATING);
    EXPECT_EQ(tls_get_info_tcp(hc, &info), TLS_OK);
    EXPECT_EQ(info.version, 0x0303);
    EXPECT_EQ(info.peer_verified, 1);
    EXPECT_EQ(info.resumed, 0);
    EXPECT_TRUE(transfer(hc, hs, 1, "hello native"));
    EXPECT_TRUE(transfer(hs, hc, 0, "and back"));

    /* The echo of the samples: the receive buffer is sent back. */
    EXPECT_EQ(tls_get_buffer_tcp(hc, 4, &buf, 0, NULL, &len), TLS_OK);
    memcpy(buf, "ping", 4);
    EXPECT_EQ(tls_send_tcp(hc, buf, 4), TLS_OK);
    EXPECT_EQ(tcp_release_buf(buf), TLS_NOT_FOUND_ERR); /* tern's now */
    nseen[1] = 0;
    EXPECT_TRUE(poll_for(1, IP_NTF_TX_RDY));
    EXPECT_EQ(tls_receive_tcp(hs, &rb, &n), TLS_OK);
    EXPECT_EQ(tls_send_tcp(hs, rb, n), TLS_OK);
    nseen[0] = 0;
    EXPECT_TRUE(poll_for(0, IP_NTF_TX_RDY));
    EXPECT_EQ(tls_receive_tcp(hc, &rb, &n), TLS_OK);
    EXPECT_TRUE(n == 4 && memcmp(rb, "ping", 4) == 0);
    EXPECT_EQ(tcp_release_buf(rb), TLS_OK);
    EXPECT_EQ(tls_receive_tcp(hc, &rb, &n), TLS_WAIT);

    /* Sending needs a buffer of the pool, held by the caller. */
    EXPECT_EQ(tls_send_tcp(hc, mine, sizeof(mine)), TLS_PARAM_ERR);
    EXPECT_EQ(tls_send_tcp(hc, NULL, 4), TLS_NULL_PTR_ERR);
    EXPECT_EQ(tls_get_buffer_tcp(hc, 4, &buf, 0, NULL, &len), TLS_OK);
    EXPECT_EQ(tls_send_tcp(hc, buf, 0), TLS_PARAM_ERR);
    EXPECT_EQ(tls_send_tcp(hc, buf, TLS_MAX_DATA_LEN + 1), TLS_PARAM_ERR);
    EXPECT_EQ(tls_send_tcp(hc + 0x100u, buf, 4), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tcp_release_buf(buf), TLS_OK);
    EXPECT_EQ(tls_send_tcp(hc, buf, 4), TLS_PARAM_ERR); /* released */
    EXPECT_EQ(tls_receive_tcp(hc, NULL, &n), TLS_PARAM_ERR);
    EXPECT_EQ(tls_receive_tcp(hc + 0x100u, &rb, &n), TLS_PARAM_ERR);
    EXPECT_EQ(tls_get_buffer_tcp(hc, 4, NULL, 0, NULL, &len), TLS_NULL_PTR_ERR);

    /* Tickets: the client's. */
    EXPECT_EQ(tls_get_ticket_tcp(hs, &t), TLS_PARAM_ERR);
    EXPECT_EQ(tls_get_ticket_tcp(hc, NULL), TLS_PARAM_ERR);
    EXPECT_EQ(tls_get_ticket_tcp(hc + 0x100u, &t), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tls_get_ticket_tcp(hc, &t), TLS_OK);

    /* The client closes: the server is told, and is closed. */
    nseen[1] = 0;
    EXPECT_EQ(tls_close_tcp(hc), TLS_OK);
    EXPECT_EQ(tls_close_tcp(hc), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tls_get_state_tcp(hc), TLS_CONNST_CLOSED);
    EXPECT_TRUE(poll_for(1, IP_NTF_CLOSED));
    EXPECT_EQ(tls_get_state_tcp(hs), TLS_CONNST_CLOSED);
    EXPECT_EQ(tls_receive_tcp(hs, &rb, &n), TLS_IO_ERR);
    EXPECT_EQ(tls_close_tcp(hs), TLS_OK);

    /* Resumed with the ticket. */
    EXPECT_TRUE(connect_pair(&hc, &hs, t, 0));
    EXPECT_EQ(tls_get_info_tcp(hc, &info), TLS_OK);
    EXPECT_EQ(info.resumed, 1);
    EXPECT_EQ(tls_get_info_tcp(hs, &info), TLS_OK);
    EXPECT_EQ(info.resumed, 1);
    EXPECT_EQ(tls_get_ticket_tcp(hc, &t2), TLS_OK);
    EXPECT_EQ(t2, t);
    EXPECT_TRUE(transfer(hc, hs, 1, "resumed"));
    EXPECT_EQ(tls_close_tcp(hc), TLS_OK);
    EXPECT_EQ(tls_close_tcp(hs), TLS_OK);
    ct_down();
}

static void test_buffers(void)
{
    t_tcp_conn_hdl hc, hs;
    uint8_t *b[TLS_TCP_BUF_COUNT], *extra;
    uint16_t len;
    size_t i;

    EXPECT_TRUE(up());
    EXPECT_TRUE(connect_pair(&hc, &hs, TLS_INVALID_CONN_TICKET, 0));
    for (i = 0; i < TLS_TCP_BUF_COUNT; i++) {
        EXPECT_EQ(tls_get_buffer_tcp(hc, 100, &b[i], 0, NULL, &len), TLS_OK);
        EXPECT_EQ(len, 100);
    }
    /* Exhausted: TLS_MEM_ERR, and the notification waits for a buffer. */
    forget();
    EXPECT_EQ(tls_get_buffer_tcp(hc, 100, &extra, 0, &ntf_b, &len), TLS_MEM_ERR);
    EXPECT_TRUE(extra == NULL);
    EXPECT_EQ(nseen[2], 0);
    EXPECT_EQ(tcp_release_buf(b[0]), TLS_OK);
    EXPECT_TRUE(has(2, IP_NTF_TX_RDY));
    EXPECT_EQ(tls_get_buffer_tcp(hc, 60000, &extra, 0, NULL, &len), TLS_OK);
    EXPECT_EQ(len, TLS_MAX_DATA_LEN < TLS_TCP_BUF_SIZE ? TLS_MAX_DATA_LEN : TLS_TCP_BUF_SIZE);
    EXPECT_EQ(tcp_release_buf(extra), TLS_OK);
    for (i = 1; i < TLS_TCP_BUF_COUNT; i++) {
        EXPECT_EQ(tcp_release_buf(b[i]), TLS_OK);
    }
    EXPECT_EQ(tls_close_tcp(hc), TLS_OK);
    EXPECT_EQ(tls_close_tcp(hs), TLS_OK);
    ct_down();
}

/* Without the START flag the application starts or drives each side. */
static void test_driven(void)
{
    t_tcp_conn_hdl hc, hs, hc2, hs2, old;
    t_tls_conn_inf ic, is;
    t_ip_port ip, peer;
    tern_conn_info info;
    t_tls_ret cr = TLS_WAIT, sr = TLS_WAIT;
    int i;

    EXPECT_TRUE(up());
    /* A first connection, for its session. */
    EXPECT_TRUE(connect_pair(&old, &hs, TLS_INVALID_CONN_TICKET, 0));
    EXPECT_EQ(tls_close_tcp(old), TLS_OK);
    EXPECT_EQ(tls_close_tcp(hs), TLS_OK);

    forget();
    infs(&ic, &is, 0);
    ic.p_tci_peer_name = "unused.example"; /* replaced by the driven call */
    EXPECT_EQ(tls_tcp_accept(port, &is, &peer, &hs), TLS_OK);
    ip.ipp_ip_addr = IP_ADDR_LOOPBACK;
    ip.ipp_port = port_num;
    EXPECT_EQ(tls_tcp_connect(&ip, &ic, TLS_INVALID_CONN_TICKET, &hc), TLS_OK);
    EXPECT_EQ(tls_client_handshake_tcp(hs, "localhost", TCP_INVALID_CONN_HDL), TLS_PARAM_ERR);
    EXPECT_EQ(tls_server_handshake_tcp(hc, 0, NULL), TLS_PARAM_ERR);
    for (i = 0; i < 500 && (cr == TLS_WAIT || sr == TLS_WAIT); i++) {
        (void)tls_tcp_poll(5);
        if (cr == TLS_WAIT) {
            cr = tls_client_handshake_tcp(hc, "localhost", old); /* resume the closed one */
        }
        if (sr == TLS_WAIT) {
            sr = tls_server_handshake_tcp(hs, 0, NULL);
        }
    }
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    EXPECT_EQ(tls_get_info_tcp(hc, &info), TLS_OK);
    EXPECT_EQ(info.resumed, 1);
    EXPECT_EQ(tls_start_tcp(hc), TLS_PARAM_ERR); /* already started */
    EXPECT_TRUE(transfer(hc, hs, 1, "driven"));
    EXPECT_EQ(tls_close_tcp(hc), TLS_OK);
    EXPECT_EQ(tls_close_tcp(hs), TLS_OK);

    /* tls_start_tcp on both sides, server requiring a client certificate. */
    forget();
    infs(&ic, &is, 0);
    is.tci_flags = TLS_TCP_CONN_INF_FLAG_VERIFY;
    EXPECT_EQ(tls_tcp_accept(port, &is, &peer, &hs2), TLS_OK);
    EXPECT_EQ(tls_tcp_connect(&ip, &ic, TLS_INVALID_CONN_TICKET, &hc2), TLS_OK);
    for (i = 0; i < 500 && (cr = tls_start_tcp(hc2)) == TLS_WAIT; i++) {
        (void)tls_tcp_poll(5);
    }
    EXPECT_EQ(cr, TLS_OK);
    for (i = 0; i < 500 && (sr = tls_start_tcp(hs2)) == TLS_WAIT; i++) {
        (void)tls_tcp_poll(5);
    }
    EXPECT_EQ(sr, TLS_OK);
    EXPECT_TRUE(poll_for(0, TLS_NTF_HANDSHAKE_DONE));
    EXPECT_TRUE(poll_for(1, TLS_NTF_HANDSHAKE_DONE));
    EXPECT_EQ(tls_get_info_tcp(hs2, &info), TLS_OK);
    EXPECT_EQ(info.peer_cert_count, 2);
    EXPECT_EQ(tls_close_tcp(hc2), TLS_OK);
    EXPECT_EQ(tls_close_tcp(hs2), TLS_OK);
    ct_down();
}

static void test_timers_and_failures(void)
{
    t_tcp_conn_hdl hc;
    t_tls_conn_inf ic, is;
    t_ip_port ip;
    struct sockaddr_in sa;
    socklen_t sl = sizeof(sa);
    int lfd, afd = -1, i;

    EXPECT_TRUE(up());
    /* A TCP server that never answers: the handshake times out
     * (TLS_TCP_HS_TIMEOUT), reported once; the connection stays. */
    lfd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    EXPECT_EQ(listen(lfd, 1), 0);
    EXPECT_EQ(getsockname(lfd, (struct sockaddr *)&sa, &sl), 0);
    forget();
    infs(&ic, &is, TLS_TCP_CONN_INF_FLAG_START);
    ip.ipp_ip_addr = IP_ADDR_LOOPBACK;
    ip.ipp_port = ntohs(sa.sin_port);
    EXPECT_EQ(tls_tcp_connect(&ip, &ic, TLS_INVALID_CONN_TICKET, &hc), TLS_OK);
    EXPECT_TRUE(poll_for(0, TLS_NTF_HANDSHAKE_TIMEOUT));
    EXPECT_EQ(tls_get_state_tcp(hc), TLS_CONNST_HANDSHAKE);
    for (i = 0; i < 20; i++) {
        (void)tls_tcp_poll(10);
    }
    {
        size_t k, timeouts = 0;
        for (k = 0; k < nseen[0]; k++) {
            timeouts += seen[0][k] == TLS_NTF_HANDSHAKE_TIMEOUT;
        }
        EXPECT_EQ(timeouts, 1);
    }
    EXPECT_EQ(tls_close_tcp(hc), TLS_OK);
    afd = accept(lfd, NULL, NULL);
    if (afd >= 0) {
        close(afd);
    }
    close(lfd);

    /* Nobody listening: the connection fails and says so. */
    forget();
    EXPECT_EQ(tls_tcp_connect(&ip, &ic, TLS_INVALID_CONN_TICKET, &hc), TLS_OK);
    EXPECT_TRUE(poll_for(0, TLS_NTF_HANDSHAKE_FAILED));
    EXPECT_EQ(tls_get_state_tcp(hc), TLS_CONNST_CLOSED);
    EXPECT_EQ(tls_start_tcp(hc), TLS_IO_ERR);
    EXPECT_EQ(tls_close_tcp(hc), TLS_OK);

    /* A wrong server name: both sides fail. */
    {
        t_tcp_conn_hdl hs;
        t_ip_port peer;
        forget();
        infs(&ic, &is, TLS_TCP_CONN_INF_FLAG_START);
        ic.p_tci_peer_name = "other.example";
        EXPECT_EQ(tls_tcp_accept(port, &is, &peer, &hs), TLS_OK);
        ip.ipp_port = port_num;
        EXPECT_EQ(tls_tcp_connect(&ip, &ic, TLS_INVALID_CONN_TICKET, &hc), TLS_OK);
        EXPECT_TRUE(poll_for(0, TLS_NTF_HANDSHAKE_FAILED));
        EXPECT_TRUE(poll_for(1, TLS_NTF_HANDSHAKE_FAILED));
        EXPECT_EQ(tls_client_handshake_tcp(hc, "localhost", TCP_INVALID_CONN_HDL),
                  TLS_CERTIFICATE_ERR);
        EXPECT_EQ(tls_close_tcp(hc), TLS_OK);
        EXPECT_EQ(tls_close_tcp(hs), TLS_OK);
    }
    ct_down();
}

int main(void)
{
    ct_guard(120);
    ct_entry(&srv, "server-p256", 1, 1);
    srv.cert_role = TLS_CERT_ROLE_SERVER;
    ct_entry(&cli, "client-p256", 1, 1);
    cli.cert_role = TLS_CERT_ROLE_CLIENT;
    ct_entry(&root, "root-ca", 0, 0);
    RUN_TEST(test_start_flag);
    RUN_TEST(test_buffers);
    RUN_TEST(test_driven);
    RUN_TEST(test_timers_and_failures);
    return TEST_REPORT();
}
