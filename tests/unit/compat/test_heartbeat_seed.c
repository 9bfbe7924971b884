/*
 * The seed's heartbeat options (config_tls.h: TLS_HB_ENABLE,
 * TLS_HB_ALLOW_PEER_REQ, TLS_HB_TIME, TLS_HB_TIMEOUT,
 * TLS_EXT_HB_PAYLOAD_SIZE; test_heartbeat_seed.cmake sets them) through
 * the sockets interface, client and server in one process over a socket
 * pair, on the real clock: the extension is negotiated, a request goes
 * out TLS_HB_TIME seconds after the handshake on the next call and is
 * answered, and a peer that stops answering ends the connection with
 * TLS_HEARTBEAT_TIMEOUT_ERR.
 */
#include "compat_test_util.h" /* first: _POSIX_C_SOURCE */

#include <time.h>

#include "compat/compat_internal.h"

static t_tls_certificate srv, root;

static void sleep_ms(long ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}

/* One receive call on fd: no data is expected. */
static t_tls_ret poll_once(int fd)
{
    uint8_t buf[64], *p = buf;
    uint16_t n = 0;
    return tls_receive_socket(fd, &p, sizeof(buf), &n);
}

static tern_conn *conn_of(int fd)
{
    t_tls_connection *s = compat_by_fd(fd);
    return s != NULL ? s->conn : NULL;
}

static void test_heartbeat(void)
{
    int p[2], i;
    t_tls_ret cr = TLS_WAIT, sr = TLS_WAIT, r = TLS_OK;
    uint8_t msg[] = "after the heartbeat", back[sizeof(msg)], *bp;
    uint16_t n;
    size_t got;

    ct_clear_tables();
    g_tls_arr_host_cert[0] = srv;
    g_tls_arr_ca_cert[0] = root;
    EXPECT_TRUE(ct_up());
    ct_pair(p, 1);
    for (i = 0; i < 20000 && (cr == TLS_WAIT || sr == TLS_WAIT); i++) {
        if (cr == TLS_WAIT) {
            cr = tls_client_handshake_socket(p[0], "localhost", TLS_INVALID_CONN_TICKET);
        }
        if (sr == TLS_WAIT) {
            sr = tls_server_handshake_socket(p[1], 0, NULL);
        }
    }
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    EXPECT_TRUE(conn_of(p[0]) != NULL && tern_conn_heartbeat_ok(conn_of(p[0])));
    EXPECT_TRUE(conn_of(p[1]) != NULL && tern_conn_heartbeat_ok(conn_of(p[1])));
    EXPECT_EQ(poll_once(p[0]), TLS_WAIT);
    EXPECT_FALSE(tern_conn_heartbeat_pending(conn_of(p[0])));

    /* TLS_HB_TIME later: the next call sends a request, the server's next
     * call answers it, the client's next call takes the answer */
    sleep_ms(1100);
    EXPECT_EQ(poll_once(p[0]), TLS_WAIT);
    EXPECT_TRUE(tern_conn_heartbeat_pending(conn_of(p[0])));
    EXPECT_EQ(poll_once(p[1]), TLS_WAIT);
    EXPECT_EQ(poll_once(p[0]), TLS_WAIT);
    EXPECT_FALSE(tern_conn_heartbeat_pending(conn_of(p[0])));
    EXPECT_EQ(tls_send_socket(p[0], msg, sizeof(msg)), TLS_OK);
    for (i = 0, got = 0; i < 1000 && got < sizeof(msg); i++) {
        bp = back + got;
        n = 0;
        r = tls_receive_socket(p[1], &bp, (uint16_t)(sizeof(back) - got), &n);
        if (r == TLS_OK) {
            got += n;
        } else if (r != TLS_WAIT) {
            break;
        }
    }
    EXPECT_EQ(got, sizeof(msg));
    EXPECT_MEM_EQ(back, msg, sizeof(msg));

    /* the server stops reading: the client's next request (TLS_HB_TIME
     * after the last) stays unanswered, and TLS_HB_TIMEOUT later the
     * connection ends */
    sleep_ms(1100);
    EXPECT_EQ(poll_once(p[0]), TLS_WAIT);
    EXPECT_TRUE(tern_conn_heartbeat_pending(conn_of(p[0])));
    sleep_ms(1000);
    EXPECT_EQ(poll_once(p[0]), TLS_WAIT);
    sleep_ms(1100);
    EXPECT_EQ(poll_once(p[0]), TLS_HEARTBEAT_TIMEOUT_ERR);
    (void)tls_close_socket(p[0]);
    (void)tls_close_socket(p[1]);
    close(p[0]);
    close(p[1]);
    ct_down();
}

int main(void)
{
    ct_guard(60);
    ct_entry(&srv, "server-p256", 1, 1);
    srv.cert_role = TLS_CERT_ROLE_SERVER;
    ct_entry(&root, "root-ca", 0, 0);
    RUN_TEST(test_heartbeat);
    return TEST_REPORT();
}
