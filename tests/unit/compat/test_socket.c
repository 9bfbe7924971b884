/*
 * The TLS sockets interface (User Guide 5.4): client and server in one
 * process over socket pairs, non-blocking (TLS_WAIT, polled) and blocking
 * (two threads); handshake results, data both ways, zero-copy receive,
 * tickets and resumption, client certificates and names, certificate
 * failures, and each call's documented returns.
 * Built with its own config_tls.h options (test_socket.cmake).
 */
#include "compat_test_util.h" /* first: _POSIX_C_SOURCE */

#include <pthread.h>
#include <time.h>

static t_tls_certificate srv, cli, cli_named, root;

static void load(void)
{
    ct_entry(&srv, "server-p256", 1, 1);
    srv.cert_role = TLS_CERT_ROLE_SERVER;
    ct_entry(&cli, "client-p256", 1, 1);
    cli.cert_role = TLS_CERT_ROLE_CLIENT;
    ct_entry(&cli_named, "@client-named", 0, 1);
    cli_named.cert_role = TLS_CERT_ROLE_CLIENT;
    {
        /* client-named's chain: its leaf and int-ca */
        size_t ilen;
        uint8_t *ica = ct_read("int-ca.der", &ilen);
        uint8_t *both = (uint8_t *)ct_keep(malloc(cli_named.cert_block_len + ilen));
        memcpy(both, cli_named.p_cert_block, cli_named.cert_block_len);
        memcpy(both + cli_named.cert_block_len, ica, ilen);
        cli_named.p_cert_block = both;
        cli_named.cert_block_len += (uint32_t)ilen;
    }
    ct_entry(&root, "root-ca", 0, 0);
}

/* Module with the standard tables: server-p256, client-p256, root-ca. */
static int up(void)
{
    ct_clear_tables();
    g_tls_arr_host_cert[0] = srv;
    g_tls_arr_host_cert[1] = cli;
    g_tls_arr_ca_cert[0] = root;
    return ct_up();
}

/* Runs both handshakes on a non-blocking pair until neither waits. */
static void run_hs(const int p[2], const char *name, t_tls_ticket t, uint8_t verify,
                   const char *cname, t_tls_ret *cr, t_tls_ret *sr)
{
    int i;
    *cr = *sr = TLS_WAIT;
    for (i = 0; i < 20000 && (*cr == TLS_WAIT || *sr == TLS_WAIT); i++) {
        if (*cr == TLS_WAIT) {
            *cr = tls_client_handshake_socket(p[0], name, t);
        }
        if (*sr == TLS_WAIT) {
            *sr = tls_server_handshake_socket(p[1], verify, cname);
        }
    }
}

/* Receives exactly len bytes into buf (polling). */
static t_tls_ret recv_all(int fd, uint8_t *buf, size_t len)
{
    size_t got = 0;
    int i;
    for (i = 0; i < 20000 && got < len; i++) {
        uint8_t *p = buf + got;
        uint16_t n = 0;
        size_t room = len - got;
        t_tls_ret r = tls_receive_socket(fd, &p, (uint16_t)(room > 65535 ? 65535 : room), &n);
        if (r == TLS_OK) {
            got += n;
        } else if (r != TLS_WAIT) {
            return r;
        }
    }
    return got == len ? TLS_OK : TLS_TIMEOUT_ERR;
}

static void close_pair(int p[2])
{
    (void)tls_close_socket(p[0]);
    (void)tls_close_socket(p[1]);
    close(p[0]);
    close(p[1]);
}

static void test_full_and_resumed(void)
{
    int p[2], q[2];
    t_tls_ret cr, sr;
    t_tls_ticket t, t2;
    tern_conn_info ci, si;
    uint8_t msg[] = "hello seed", back[sizeof(msg)], *lent = NULL;
    uint16_t n = 0;
    int i;

    EXPECT_TRUE(up());
    ct_pair(p, 1);
    EXPECT_EQ(tls_get_info_socket(p[0], &ci), TLS_NOT_FOUND_ERR);
    run_hs(p, "localhost", TLS_INVALID_CONN_TICKET, 0, NULL, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    EXPECT_EQ(tls_get_state_socket(p[0]), TLS_CONNST_OPERATING);
    EXPECT_EQ(tls_get_state_socket(p[1]), TLS_CONNST_OPERATING);
    /* Calling the handshake again after it is done is harmless. */
    EXPECT_EQ(tls_client_handshake_socket(p[0], "localhost", TLS_INVALID_CONN_TICKET), TLS_OK);
    EXPECT_EQ(tls_get_info_socket(p[0], NULL), TLS_NULL_PTR_ERR);
    EXPECT_EQ(tls_get_info_socket(p[0], &ci), TLS_OK);
    EXPECT_EQ(tls_get_info_socket(p[1], &si), TLS_OK);
    EXPECT_EQ(ci.version, 0x0303);
    EXPECT_EQ(ci.suite, si.suite);
    EXPECT_EQ(ci.suite, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    EXPECT_NE(ci.group, 0);
    EXPECT_EQ(ci.peer_verified, 1);
    EXPECT_EQ(ci.resumed, 0);
    EXPECT_EQ(ci.peer_cert_count, 2);
    EXPECT_EQ(si.peer_cert_count, 0);

    /* Data both ways; the client takes the echo without a buffer of its
     * own (buffer size 0: pointed at the connection's copy). */
    EXPECT_EQ(tls_send_socket(p[0], msg, sizeof(msg)), TLS_OK);
    EXPECT_EQ(recv_all(p[1], back, sizeof(msg)), TLS_OK);
    EXPECT_MEM_EQ(back, msg, sizeof(msg));
    EXPECT_EQ(tls_send_socket(p[1], back, sizeof(back)), TLS_OK);
    for (i = 0; i < 1000; i++) {
        t_tls_ret r = tls_receive_socket(p[0], &lent, 0, &n);
        if (r != TLS_WAIT) {
            EXPECT_EQ(r, TLS_OK);
            break;
        }
    }
    EXPECT_EQ(n, sizeof(msg));
    EXPECT_TRUE(lent != NULL && memcmp(lent, msg, sizeof(msg)) == 0);
    /* Nothing more: TLS_WAIT (and the lent data is settled). */
    lent = back;
    EXPECT_EQ(tls_receive_socket(p[0], &lent, sizeof(back), &n), TLS_WAIT);
    EXPECT_EQ(n, 0);
    /* A caller buffer of size > 0 must exist. */
    lent = NULL;
    EXPECT_EQ(tls_receive_socket(p[0], &lent, 10, &n), TLS_NULL_PTR_ERR);

    /* Tickets: the client's, not the server's. */
    EXPECT_EQ(tls_get_ticket_socket(p[1], &t), TLS_PARAM_ERR);
    EXPECT_EQ(tls_get_ticket_socket(p[0], &t), TLS_OK);
    EXPECT_NE(t, TLS_INVALID_CONN_TICKET);

    /* Orderly close: the server sees the end, then its state is closed. */
    EXPECT_EQ(tls_close_socket(p[0]), TLS_OK);
    EXPECT_EQ(tls_close_socket(p[0]), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(recv_all(p[1], back, 1), TLS_IO_ERR);
    EXPECT_EQ(tls_get_state_socket(p[1]), TLS_CONNST_CLOSED);
    EXPECT_EQ(tls_send_socket(p[1], msg, 4), TLS_IO_ERR);
    close_pair(p);

    /* Resumed with the ticket. */
    ct_pair(q, 1);
    run_hs(q, "localhost", t, 0, NULL, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    EXPECT_EQ(tls_get_info_socket(q[0], &ci), TLS_OK);
    EXPECT_EQ(tls_get_info_socket(q[1], &si), TLS_OK);
    EXPECT_EQ(ci.resumed, 1);
    EXPECT_EQ(si.resumed, 1);
    /* The session stays under the same ticket. */
    EXPECT_EQ(tls_get_ticket_socket(q[0], &t2), TLS_OK);
    EXPECT_EQ(t2, t);
    EXPECT_EQ(tls_send_socket(q[0], msg, sizeof(msg)), TLS_OK);
    EXPECT_EQ(recv_all(q[1], back, sizeof(msg)), TLS_OK);
    EXPECT_MEM_EQ(back, msg, sizeof(msg));
    close_pair(q);

    /* A ticket is offered only to the name it was made with. */
    ct_pair(q, 1);
    run_hs(q, "127.0.0.1", t, 0, NULL, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    EXPECT_EQ(tls_get_info_socket(q[0], &ci), TLS_OK);
    EXPECT_EQ(ci.resumed, 0);
    close_pair(q);

    /* An unknown ticket resumes nothing. */
    ct_pair(q, 1);
    run_hs(q, "localhost", t + 0x10000u, 0, NULL, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(tls_get_info_socket(q[0], &ci), TLS_OK);
    EXPECT_EQ(ci.resumed, 0);
    close_pair(q);
    ct_down();
}

static void test_large(void)
{
    int p[2];
    t_tls_ret cr, sr;
    static uint8_t big[TLS_MAX_DATA_LEN], got[TLS_MAX_DATA_LEN];
    size_t i;

    EXPECT_TRUE(up());
    ct_pair(p, 1);
    run_hs(p, "localhost", TLS_INVALID_CONN_TICKET, 0, NULL, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    for (i = 0; i < sizeof(big); i++) {
        big[i] = (uint8_t)(i * 7 + 1);
    }
    for (i = 0; i < 8; i++) {
        EXPECT_EQ(tls_send_socket(p[1], big, (uint16_t)sizeof(big)), TLS_OK);
        memset(got, 0, sizeof(got));
        EXPECT_EQ(recv_all(p[0], got, sizeof(got)), TLS_OK);
        EXPECT_MEM_EQ(got, big, sizeof(big));
    }
    close_pair(p);
    ct_down();
}

static void test_names_and_failures(void)
{
    int p[2];
    t_tls_ret cr, sr;

    EXPECT_TRUE(up());
    /* Wrong server name: the client refuses; both entries are freed. */
    ct_pair(p, 1);
    run_hs(p, "other.example", TLS_INVALID_CONN_TICKET, 0, NULL, &cr, &sr);
    EXPECT_EQ(cr, TLS_CERTIFICATE_ERR);
    EXPECT_NE(sr, TLS_OK);
    EXPECT_NE(sr, TLS_WAIT);
    EXPECT_EQ(tls_get_state_socket(p[0]), TLS_CONNST_CLOSED);
    EXPECT_EQ(tls_close_socket(p[0]), TLS_NOT_FOUND_ERR);
    close_pair(p);

    /* Empty name: no name check (the caller's choice), chain still
     * verified. */
    ct_pair(p, 1);
    run_hs(p, "", TLS_INVALID_CONN_TICKET, 0, NULL, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    close_pair(p);

    /* Client certificate required: client-p256 is presented. */
    ct_pair(p, 1);
    run_hs(p, "localhost", TLS_INVALID_CONN_TICKET, 1, NULL, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    {
        tern_conn_info si;
        EXPECT_EQ(tls_get_info_socket(p[1], &si), TLS_OK);
        EXPECT_EQ(si.peer_cert_count, 2);
        EXPECT_EQ(si.peer_verified, 1);
    }
    close_pair(p);

    /* A client name the certificate does not carry. */
    ct_pair(p, 1);
    run_hs(p, "localhost", TLS_INVALID_CONN_TICKET, 1, "device-1.example", &cr, &sr);
    EXPECT_EQ(sr, TLS_CERTIFICATE_ERR);
    close_pair(p);
    ct_down();

    /* The client identity with that name. */
    ct_clear_tables();
    g_tls_arr_host_cert[0] = srv;
    g_tls_arr_host_cert[1] = cli_named;
    g_tls_arr_ca_cert[0] = root;
    EXPECT_TRUE(ct_up());
    ct_pair(p, 1);
    run_hs(p, "localhost", TLS_INVALID_CONN_TICKET, 1, "device-1.example", &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    close_pair(p);
    ct_pair(p, 1);
    run_hs(p, "localhost", TLS_INVALID_CONN_TICKET, 1, "device-2.example", &cr, &sr);
    EXPECT_EQ(sr, TLS_CERTIFICATE_ERR);
    close_pair(p);
    ct_down();
}

/* Restarts with the server identity name, expects the client to fail. */
static void expect_refused(const char *server, int revoke, int chain)
{
    int p[2];
    t_tls_ret cr, sr;
    t_tls_certificate e;

    ct_clear_tables();
    ct_entry(&e, server, chain, 1);
    g_tls_arr_host_cert[0] = e;
    g_tls_arr_ca_cert[0] = root;
    if (revoke) {
        ct_entry(&g_tls_arr_rv_cert[0], server, 0, 0);
    }
    EXPECT_TRUE(ct_up());
    ct_pair(p, 1);
    run_hs(p, "localhost", TLS_INVALID_CONN_TICKET, 0, NULL, &cr, &sr);
    EXPECT_EQ(cr, TLS_CERTIFICATE_ERR);
    EXPECT_NE(sr, TLS_OK);
    close_pair(p);
    ct_down();
}

static void test_refused_certificates(void)
{
    expect_refused("server-untrusted", 0, 0);  /* other root */
    expect_refused("server-expired", 0, 1);    /* TLS_CHECK_CERT_EXP = 1 */
    expect_refused("server-p256", 1, 1);       /* in g_tls_arr_rv_cert */
    expect_refused("server-clientonly", 0, 1); /* EKU clientAuth only */
}

/* ---- blocking sockets, two threads ---------------------------------------- */

typedef struct srv_arg {
    int fd;
    t_tls_ret hs, rx, tx, end;
    uint8_t buf[64];
    uint16_t n;
} srv_arg;

static void *server_thread(void *v)
{
    srv_arg *a = (srv_arg *)v;
    uint8_t *p = a->buf;

    a->hs = tls_server_handshake_socket(a->fd, 0, NULL);
    if (a->hs != TLS_OK) {
        return NULL;
    }
    a->rx = tls_receive_socket(a->fd, &p, sizeof(a->buf), &a->n);
    if (a->rx == TLS_OK) {
        a->tx = tls_send_socket(a->fd, a->buf, a->n);
    }
    p = a->buf;
    a->end = tls_receive_socket(a->fd, &p, sizeof(a->buf), &a->n); /* until closed */
    (void)tls_close_socket(a->fd);
    return NULL;
}

static void test_blocking(void)
{
    int p[2];
    pthread_t th;
    srv_arg a;
    uint8_t msg[] = "blocking", back[sizeof(msg)], *bp = back;
    uint16_t n = 0;

    EXPECT_TRUE(up());
    ct_pair(p, 0);
    ct_timeouts(p[0], 5000);
    ct_timeouts(p[1], 5000);
    memset(&a, 0, sizeof(a));
    a.fd = p[1];
    a.hs = a.rx = a.tx = a.end = TLS_WAIT;
    EXPECT_EQ(pthread_create(&th, NULL, server_thread, &a), 0);
    /* Blocking: returns when done, never TLS_WAIT. */
    EXPECT_EQ(tls_client_handshake_socket(p[0], "localhost", TLS_INVALID_CONN_TICKET), TLS_OK);
    EXPECT_EQ(tls_send_socket(p[0], msg, sizeof(msg)), TLS_OK);
    EXPECT_EQ(tls_receive_socket(p[0], &bp, sizeof(back), &n), TLS_OK);
    EXPECT_EQ(n, sizeof(msg));
    EXPECT_MEM_EQ(back, msg, sizeof(msg));
    EXPECT_EQ(tls_close_socket(p[0]), TLS_OK);
    EXPECT_EQ(pthread_join(th, NULL), 0);
    EXPECT_EQ(a.hs, TLS_OK);
    EXPECT_EQ(a.rx, TLS_OK);
    EXPECT_EQ(a.tx, TLS_OK);
    EXPECT_EQ(a.end, TLS_IO_ERR); /* close_notify */
    close(p[0]);
    close(p[1]);

    /* A blocking receive with SO_RCVTIMEO that passes: no data, TLS_WAIT. */
    ct_pair(p, 0);
    ct_timeouts(p[0], 5000);
    ct_timeouts(p[1], 5000);
    memset(&a, 0, sizeof(a));
    a.fd = p[1];
    EXPECT_EQ(pthread_create(&th, NULL, server_thread, &a), 0);
    EXPECT_EQ(tls_client_handshake_socket(p[0], "localhost", TLS_INVALID_CONN_TICKET), TLS_OK);
    ct_timeouts(p[0], 100);
    bp = back;
    EXPECT_EQ(tls_receive_socket(p[0], &bp, sizeof(back), &n), TLS_WAIT);
    EXPECT_EQ(tls_send_socket(p[0], msg, sizeof(msg)), TLS_OK);
    ct_timeouts(p[0], 5000);
    EXPECT_EQ(tls_receive_socket(p[0], &bp, sizeof(back), &n), TLS_OK);
    EXPECT_EQ(tls_close_socket(p[0]), TLS_OK);
    EXPECT_EQ(pthread_join(th, NULL), 0);
    close(p[0]);
    close(p[1]);
    ct_down();
}

/* A call in progress on a connection (another task's blocking receive):
 * other calls on it answer TLS_WAIT, tls_stop does not stop. */
typedef struct rx_arg {
    int fd;
    t_tls_ret r;
    uint8_t buf[16];
    uint16_t n;
} rx_arg;

static void *blocking_receive(void *v)
{
    rx_arg *a = (rx_arg *)v;
    uint8_t *p = a->buf;
    a->r = tls_receive_socket(a->fd, &p, sizeof(a->buf), &a->n);
    return NULL;
}

static void test_busy(void)
{
    int p[2];
    t_tls_ret cr, sr;
    pthread_t th;
    rx_arg a;
    uint8_t x[1] = {'x'};
    struct timespec ts = {0, 200 * 1000 * 1000};

    EXPECT_TRUE(up());
    ct_pair(p, 1);
    run_hs(p, "localhost", TLS_INVALID_CONN_TICKET, 0, NULL, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    (void)fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) & ~O_NONBLOCK);
    ct_timeouts(p[0], 5000);
    memset(&a, 0, sizeof(a));
    a.fd = p[0];
    a.r = TLS_INIT_ERR;
    EXPECT_EQ(pthread_create(&th, NULL, blocking_receive, &a), 0);
    nanosleep(&ts, NULL); /* the thread is in its receive now */
    EXPECT_EQ(tls_send_socket(p[0], x, 1), TLS_WAIT);
    EXPECT_EQ(tls_close_socket(p[0]), TLS_WAIT);
    EXPECT_EQ(tls_get_state_socket(p[0]), TLS_CONNST_OPERATING);
    EXPECT_EQ(tls_stop(), TLS_INIT_ERR);
    EXPECT_EQ(tls_send_socket(p[1], x, 1), TLS_OK); /* wakes it */
    EXPECT_EQ(pthread_join(th, NULL), 0);
    EXPECT_EQ(a.r, TLS_OK);
    EXPECT_EQ(a.n, 1);
    EXPECT_EQ(tls_close_socket(p[0]), TLS_OK);
    close_pair(p);
    ct_down();
}

/* tls_stop refuses while a call is inside, closes what is open. */
static void test_stop(void)
{
    int p[2];
    t_tls_ret cr, sr;

    EXPECT_TRUE(up());
    ct_pair(p, 1);
    run_hs(p, "localhost", TLS_INVALID_CONN_TICKET, 0, NULL, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(tls_stop(), TLS_OK);
    EXPECT_EQ(tls_get_state_socket(p[0]), TLS_CONNST_CLOSED);
    EXPECT_EQ(tls_start(), TLS_OK);
    EXPECT_EQ(tls_get_state_socket(p[0]), TLS_CONNST_CLOSED);
    EXPECT_EQ(tls_close_socket(p[0]), TLS_NOT_FOUND_ERR);
    close(p[0]);
    close(p[1]);
    ct_down();
}

int main(void)
{
    ct_guard(120);
    load();
    RUN_TEST(test_full_and_resumed);
    RUN_TEST(test_large);
    RUN_TEST(test_names_and_failures);
    RUN_TEST(test_refused_certificates);
    RUN_TEST(test_blocking);
    RUN_TEST(test_busy);
    RUN_TEST(test_stop);
    return TEST_REPORT();
}
