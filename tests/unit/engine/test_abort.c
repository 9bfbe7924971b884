/*
 * Two small calls for applications: tern_conn_abort (fail a connection
 * with a fatal alert after a check of the application's own, during or
 * after the handshake; the error is sticky, the peer receives the alert)
 * and the size query of tern_conn_peer_cert_pem / tern_conn_peer_chain_pem
 * (out NULL, cap 0).
 */
#include "engine_test_util.h"

static et_cred srv;

static void configs(tern_config *ccfg, tern_config *scfg)
{
    tern_config_init(ccfg);
    tern_config_init(scfg);
    ccfg->verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_add_credential(scfg, srv.chain, srv.lens, 2, &srv.key));
}

/* After the handshake: the server rejects the client (access_denied). */
static void test_after_handshake(void)
{
    tern_config ccfg, scfg;
    et_pair p;
    uint8_t buf[16];
    size_t n;
    int sent = -1;

    configs(&ccfg, &scfg);
    EXPECT_OK(et_pair_init(&p, &ccfg, &scfg));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    EXPECT_OK(tern_conn_abort(p.s, 49));
    EXPECT_ERR(TERN_ERR_ALERT_SENT(49), tern_conn_error(p.s));
    EXPECT_TRUE(tern_conn_status(p.s) & TERN_ST_CLOSED);
    EXPECT_TRUE(tern_conn_status(p.s) & TERN_ST_SENDREC); /* the alert waits */
    EXPECT_TRUE(tern_conn_sendapp_buf(p.s, &n) == NULL);
    EXPECT_EQ(tern_conn_state(p.s), TERN_CONN_CLOSED);
    /* sticky: a second abort sends nothing more and reports the error */
    EXPECT_ERR(TERN_ERR_ALERT_SENT(49), tern_conn_abort(p.s, 40));
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), 49);
    EXPECT_EQ(sent, 1);
    et_pump(&p);
    EXPECT_ERR(TERN_ERR_ALERT_RECEIVED(49), tern_conn_error(p.c));
    EXPECT_EQ(tern_conn_last_alert(p.c, &sent), 49);
    EXPECT_EQ(sent, 0);
    EXPECT_ERR(TERN_ERR_ALERT_SENT(49), tern_conn_error(p.s));
    EXPECT_FALSE(tern_conn_status(p.s) & TERN_ST_SENDREC); /* drained */
    EXPECT_ERR(TERN_ERR_ALERT_RECEIVED(49), tern_conn_abort(p.c, 10));
    EXPECT_TRUE(tern_conn_recvapp_buf(p.c, &n) == NULL);
    (void)buf;
    et_pair_free(&p);
}

/* During the handshake: the client gives up before sending anything
 * (handshake_failure); the server sees the alert instead of a
 * ClientHello. */
static void test_before_handshake(void)
{
    tern_config ccfg, scfg;
    et_pair p;
    int sent = -1;

    configs(&ccfg, &scfg);
    EXPECT_OK(et_pair_init(&p, &ccfg, &scfg));
    EXPECT_OK(tern_conn_abort(p.c, 40));
    et_pump(&p);
    EXPECT_ERR(TERN_ERR_ALERT_SENT(40), tern_conn_error(p.c));
    EXPECT_ERR(TERN_ERR_ALERT_RECEIVED(40), tern_conn_error(p.s));
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), 40);
    EXPECT_EQ(sent, 0);
    EXPECT_FALSE(et_done(&p));
    et_pair_free(&p);
}

/* Mid-handshake, with a record of the flight already sealed: the server
 * aborts after its first flight is queued; the flight still drains, then
 * the alert. The client fails with the alert, not a parse error. */
static void test_mid_handshake(void)
{
    tern_config ccfg, scfg;
    et_pair p;
    int sent = -1;

    configs(&ccfg, &scfg);
    EXPECT_OK(et_pair_init(&p, &ccfg, &scfg));
    /* ClientHello to the server; the server builds its flight */
    EXPECT_TRUE(et_move(&p, p.c, p.s, 0) > 0);
    EXPECT_OK(tern_conn_abort(p.s, 71)); /* insufficient_security */
    et_pump(&p);
    EXPECT_ERR(TERN_ERR_ALERT_SENT(71), tern_conn_error(p.s));
    EXPECT_ERR(TERN_ERR_ALERT_RECEIVED(71), tern_conn_error(p.c));
    EXPECT_EQ(tern_conn_last_alert(p.c, &sent), 71);
    EXPECT_EQ(sent, 0);
    et_pair_free(&p);
}

/* A transport that takes everything and never has input. */
static int sink_send(void *io, const uint8_t *buf, size_t len)
{
    (void)io;
    (void)buf;
    return (int)len;
}

static int sink_recv(void *io, uint8_t *buf, size_t len)
{
    (void)io;
    (void)buf;
    (void)len;
    return TERN_ERR_WANT_READ;
}

/* The convenience layer reports the sticky error; bad arguments; no
 * alert after our own close_notify. */
static void test_api(void)
{
    tern_config ccfg, scfg;
    et_pair p;
    uint8_t b[4] = {1, 2, 3, 4};

    configs(&ccfg, &scfg);
    EXPECT_OK(et_pair_init(&p, &ccfg, &scfg));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    EXPECT_ERR(TERN_ERR_NULL_POINTER, tern_conn_abort(NULL, 40));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_conn_abort(p.c, 0));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_conn_abort(p.c, 256));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_conn_abort(p.c, -1));
    EXPECT_OK(tern_conn_error(p.c)); /* nothing happened */
    tern_conn_close_notify(p.s);
    EXPECT_ERR(TERN_ERR_CLOSED, tern_conn_abort(p.s, 40));
    tern_conn_set_io(p.c, sink_send, sink_recv, NULL);
    EXPECT_OK(tern_conn_abort(p.c, 80)); /* internal_error */
    EXPECT_ERR(TERN_ERR_ALERT_SENT(80), tern_write(p.c, b, sizeof(b)));
    EXPECT_ERR(TERN_ERR_ALERT_SENT(80), tern_handshake(p.c));
    et_pair_free(&p);
}

/* Size query of the PEM calls: out NULL, cap 0 gives the size needed;
 * out NULL with a capacity stays an error. */
static void test_pem_size_query(void)
{
    tern_config ccfg, scfg;
    et_pair p;
    size_t need = 0, len = 0, need1 = 0;
    char *text;

    configs(&ccfg, &scfg);
    EXPECT_OK(et_pair_init(&p, &ccfg, &scfg));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));

    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_conn_peer_chain_pem(p.c, NULL, 0, &need));
    EXPECT_TRUE(need > 100);
    text = (char *)malloc(need);
    EXPECT_TRUE(text != NULL);
    EXPECT_OK(tern_conn_peer_chain_pem(p.c, text, need, &len));
    EXPECT_EQ_U(len + 1, need);
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_conn_peer_chain_pem(p.c, text, need - 1, &len));
    EXPECT_EQ_U(len, need);
    EXPECT_ERR(TERN_ERR_NULL_POINTER, tern_conn_peer_chain_pem(p.c, NULL, need, &len));
    EXPECT_ERR(TERN_ERR_NULL_POINTER, tern_conn_peer_chain_pem(p.c, text, need, NULL));

    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_conn_peer_cert_pem(p.c, 1, NULL, 0, &need1));
    EXPECT_TRUE(need1 > 100 && need1 < need);
    EXPECT_OK(tern_conn_peer_cert_pem(p.c, 1, text, need1, &len));
    EXPECT_EQ_U(len + 1, need1);
    EXPECT_ERR(TERN_ERR_NULL_POINTER, tern_conn_peer_cert_pem(p.c, 1, NULL, 10, &len));
    /* absent certificate, and the server (no client certificate) */
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_conn_peer_cert_pem(p.c, 2, NULL, 0, &len));
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_conn_peer_chain_pem(p.s, NULL, 0, &len));
    free(text);
    et_pair_free(&p);
}

int main(void)
{
    et_cred_load(&srv, "server-p256");
    RUN_TEST(test_after_handshake);
    RUN_TEST(test_before_handshake);
    RUN_TEST(test_mid_handshake);
    RUN_TEST(test_api);
    RUN_TEST(test_pem_size_query);
    et_cred_free(&srv);
    return TEST_REPORT();
}
