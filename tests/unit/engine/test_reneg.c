/*
 * Renegotiation (RFC 5746) between a tern client and a tern server:
 * started by the client and by the server with application data before,
 * during and after; refused when disabled on either side (no_renegotiation
 * warning, the connection goes on); a forged renegotiation_info (the
 * verify_data of a spliced connection) -> handshake_failure; a peer that
 * did not signal RFC 5746 support is never renegotiated with; the Mbed
 * Client seed's certificate time for one renegotiation of one connection.
 * Misbehaving peers are made by reaching into the engine's internals.
 */
#include "engine/engine_internal.h"
#include "engine_test_util.h"
#include "tern/hash.h"
#include "tern/rand.h"
#include "tern/util.h"

static et_cred srv_ec, cli_ec;
static tern_hmac_drbg_ctx drbg;

/* ClientHello / HelloRequest messages seen, per side. */
typedef struct counts {
    int ch_in, hr_in, hr_out, ccs_out;
} counts;

static counts cn, sn;

static void trace(void *user, int dir, int ctype, int type, const uint8_t *msg, size_t len)
{
    counts *n = (counts *)user;
    (void)msg;
    (void)len;
    if (ctype == 22 && dir == TERN_TRACE_IN && type == 1) {
        n->ch_in++;
    }
    if (ctype == 22 && type == 0) {
        (*(dir == TERN_TRACE_IN ? &n->hr_in : &n->hr_out))++;
    }
    if (ctype == 20 && dir == TERN_TRACE_OUT) {
        n->ccs_out++;
    }
}

static void configs(tern_config *c, tern_config *s, int creneg, int sreneg)
{
    tern_config_init(c);
    tern_config_init(s);
    c->verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_add_credential(s, srv_ec.chain, srv_ec.lens, 2, &srv_ec.key));
    c->renegotiation = (uint8_t)creneg;
    s->renegotiation = (uint8_t)sreneg;
    c->trace = trace;
    c->user = &cn;
    s->trace = trace;
    s->user = &sn;
    memset(&cn, 0, sizeof(cn));
    memset(&sn, 0, sizeof(sn));
}

/* Sends text from a (sealed at once) without pumping. */
static int send_text(tern_conn *a, const char *text)
{
    size_t n, len = strlen(text);
    uint8_t *q = tern_conn_sendapp_buf(a, &n);
    if (q == NULL || n < len) {
        return 0;
    }
    memcpy(q, text, len);
    tern_conn_sendapp_ack(a, len);
    tern_conn_flush_app(a);
    return 1;
}

/* Everything b can read now, NUL-terminated in out. */
static size_t recv_text(tern_conn *b, char *out, size_t cap)
{
    size_t got = 0, n;
    uint8_t *q;
    while ((q = tern_conn_recvapp_buf(b, &n)) != NULL) {
        if (n > cap - 1 - got) {
            n = cap - 1 - got;
        }
        memcpy(out + got, q, n);
        got += n;
        tern_conn_recvapp_ack(b, n);
        if (n == 0) {
            break;
        }
    }
    out[got] = '\0';
    return got;
}

/* Moves a's pending records to b, and nothing back. */
static void move_record(et_pair *p, tern_conn *a, tern_conn *b, int dir)
{
    size_t n;
    while (tern_conn_sendrec_buf(a, &n) != NULL) {
        if (et_move(p, a, b, dir) == 0) {
            break;
        }
    }
}

static void established(et_pair *p, const tern_config *c, const tern_config *s)
{
    EXPECT_OK(et_pair_init(p, c, s));
    et_pump(p);
    EXPECT_TRUE(et_done(p));
    EXPECT_TRUE(et_exchange(p, 300));
}

static void test_client_initiated(void)
{
    tern_config c, s;
    et_pair p;
    char buf[256];

    configs(&c, &s, 1, 1);
    established(&p, &c, &s);
    EXPECT_EQ(sn.ch_in, 1);
    EXPECT_OK(tern_conn_renegotiate(p.c, 0));
    EXPECT_TRUE(tern_conn_renegotiating(p.c));
    EXPECT_ERR(TERN_ERR_BAD_STATE, tern_conn_renegotiate(p.c, 0));
    /* the ClientHello reaches the server, which starts its flight */
    move_record(&p, p.c, p.s, 0);
    EXPECT_EQ(sn.ch_in, 2);
    EXPECT_TRUE(tern_conn_renegotiating(p.s));
    EXPECT_EQ(tern_conn_state(p.c), TERN_CONN_OPERATING);
    EXPECT_EQ(tern_conn_state(p.s), TERN_CONN_OPERATING);
    /* the client, waiting for the server's flight, still sends data
     * under the old keys */
    EXPECT_TRUE(send_text(p.c, "during"));
    et_pump(&p);
    recv_text(p.s, buf, sizeof(buf));
    EXPECT_STR_EQ(buf, "during");
    et_pump(&p); /* the data held the server's input until read */
    EXPECT_FALSE(tern_conn_renegotiating(p.c));
    EXPECT_FALSE(tern_conn_renegotiating(p.s));
    EXPECT_EQ(tern_conn_renegotiations(p.c), 1u);
    EXPECT_EQ(tern_conn_renegotiations(p.s), 1u);
    EXPECT_EQ(cn.ccs_out, 2);
    EXPECT_EQ(sn.ccs_out, 2);
    /* after: the new keys carry data both ways */
    EXPECT_TRUE(et_exchange(&p, 5000));
    /* and again, with data moving while it runs */
    EXPECT_OK(tern_conn_renegotiate(p.c, 0));
    EXPECT_TRUE(et_exchange(&p, 40000));
    et_pump(&p);
    EXPECT_EQ(tern_conn_renegotiations(p.c), 2u);
    EXPECT_EQ(tern_conn_renegotiations(p.s), 2u);
    EXPECT_OK(tern_conn_error(p.c));
    EXPECT_OK(tern_conn_error(p.s));
    et_pair_free(&p);
}

static void test_server_initiated(void)
{
    tern_config c, s;
    et_pair p;
    char buf[256];

    configs(&c, &s, 1, 1);
    established(&p, &c, &s);
    EXPECT_OK(tern_conn_renegotiate(p.s, 0));
    EXPECT_TRUE(tern_conn_renegotiating(p.s));
    EXPECT_EQ(sn.hr_out, 1);
    move_record(&p, p.s, p.c, 1); /* HelloRequest in */
    EXPECT_EQ(cn.hr_in, 1);
    EXPECT_TRUE(tern_conn_renegotiating(p.c));
    EXPECT_TRUE(send_text(p.s, "data before the new keys"));
    et_pump(&p);
    recv_text(p.c, buf, sizeof(buf));
    EXPECT_STR_EQ(buf, "data before the new keys");
    et_pump(&p);
    EXPECT_FALSE(tern_conn_renegotiating(p.c));
    EXPECT_FALSE(tern_conn_renegotiating(p.s));
    EXPECT_EQ(tern_conn_renegotiations(p.c), 1u);
    EXPECT_EQ(tern_conn_renegotiations(p.s), 1u);
    EXPECT_EQ(sn.ch_in, 2);
    EXPECT_TRUE(et_exchange(&p, 3000));
    EXPECT_OK(tern_conn_error(p.c));
    EXPECT_OK(tern_conn_error(p.s));
    et_pair_free(&p);
}

/* Renegotiation disabled: refused with a no_renegotiation warning (RFC
 * 5246 7.2.2, 7.4.1.1), and the connection goes on. */
static void test_refused(void)
{
    tern_config c, s;
    et_pair p;
    int sent;

    /* the server refuses the client's ClientHello */
    configs(&c, &s, 1, 0);
    established(&p, &c, &s);
    EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_conn_renegotiate(p.s, 0));
    EXPECT_OK(tern_conn_renegotiate(p.c, 0));
    et_pump(&p);
    EXPECT_EQ(sn.ch_in, 2);
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), TERN_ALERT_NO_RENEGOTIATION);
    EXPECT_EQ(sent, 1);
    EXPECT_EQ(tern_conn_last_alert(p.c, &sent), TERN_ALERT_NO_RENEGOTIATION);
    EXPECT_EQ(sent, 0);
    EXPECT_FALSE(tern_conn_renegotiating(p.c));
    EXPECT_EQ(tern_conn_renegotiations(p.c), 0u);
    EXPECT_TRUE(et_exchange(&p, 2000));
    /* the client may try again (and is refused again) */
    EXPECT_OK(tern_conn_renegotiate(p.c, 0));
    EXPECT_TRUE(et_exchange(&p, 100));
    EXPECT_FALSE(tern_conn_renegotiating(p.c));
    EXPECT_OK(tern_conn_error(p.c));
    EXPECT_OK(tern_conn_error(p.s));
    et_pair_free(&p);

    /* the client refuses the server's HelloRequest */
    configs(&c, &s, 0, 1);
    established(&p, &c, &s);
    EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_conn_renegotiate(p.c, 0));
    EXPECT_OK(tern_conn_renegotiate(p.s, 0));
    et_pump(&p);
    EXPECT_EQ(cn.hr_in, 1);
    EXPECT_EQ(sn.ch_in, 1);
    EXPECT_EQ(tern_conn_last_alert(p.c, &sent), TERN_ALERT_NO_RENEGOTIATION);
    EXPECT_EQ(sent, 1);
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), TERN_ALERT_NO_RENEGOTIATION);
    EXPECT_EQ(sent, 0);
    EXPECT_FALSE(tern_conn_renegotiating(p.s));
    EXPECT_TRUE(et_exchange(&p, 2000));
    EXPECT_OK(tern_conn_error(p.c));
    EXPECT_OK(tern_conn_error(p.s));
    et_pair_free(&p);

    /* both off (the default) */
    configs(&c, &s, 0, 0);
    established(&p, &c, &s);
    EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_conn_renegotiate(p.c, 0));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_conn_renegotiate(p.s, 0));
    et_pair_free(&p);

    /* a no_renegotiation warning that answers nothing of ours is fatal */
    configs(&c, &s, 1, 1);
    established(&p, &c, &s);
    tern_engine_queue_alert(p.s, TERN_ALERT_WARNING, TERN_ALERT_NO_RENEGOTIATION);
    et_pump(&p);
    EXPECT_ERR(TERN_ERR_ALERT_RECEIVED(TERN_ALERT_NO_RENEGOTIATION), tern_conn_error(p.c));
    et_pair_free(&p);
}

/* cfg->renegotiation_peer_max: the peer may start that many; later
 * requests get a no_renegotiation warning and the connection goes on;
 * renegotiations we start are not counted (a server's HelloRequest
 * answered by a ClientHello is the server's). */
static void test_peer_limit(void)
{
    tern_config c, s;
    et_pair p;
    int sent, i;

    configs(&c, &s, 1, 1);
    EXPECT_EQ(s.renegotiation_peer_max, 4); /* the default */
    s.renegotiation_peer_max = 2;
    established(&p, &c, &s);
    for (i = 0; i < 2; i++) {
        EXPECT_OK(tern_conn_renegotiate(p.c, 0));
        EXPECT_TRUE(et_exchange(&p, 1000));
        et_pump(&p);
    }
    EXPECT_EQ(tern_conn_renegotiations(p.s), 2u);
    /* the third request from the client is refused */
    EXPECT_OK(tern_conn_renegotiate(p.c, 0));
    et_pump(&p);
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), TERN_ALERT_NO_RENEGOTIATION);
    EXPECT_EQ(sent, 1);
    EXPECT_FALSE(tern_conn_renegotiating(p.c));
    EXPECT_EQ(tern_conn_renegotiations(p.c), 2u);
    EXPECT_TRUE(et_exchange(&p, 2000));
    /* the server's own renegotiation still runs */
    EXPECT_OK(tern_conn_renegotiate(p.s, 0));
    et_pump(&p);
    EXPECT_TRUE(et_exchange(&p, 1000));
    et_pump(&p);
    EXPECT_EQ(tern_conn_renegotiations(p.s), 3u);
    EXPECT_EQ(tern_conn_renegotiations(p.c), 3u);
    EXPECT_OK(tern_conn_error(p.c));
    EXPECT_OK(tern_conn_error(p.s));
    et_pair_free(&p);

    /* a client answers one HelloRequest, refuses the second */
    configs(&c, &s, 1, 1);
    c.renegotiation_peer_max = 1;
    established(&p, &c, &s);
    EXPECT_OK(tern_conn_renegotiate(p.s, 0));
    et_pump(&p);
    EXPECT_TRUE(et_exchange(&p, 500));
    EXPECT_EQ(tern_conn_renegotiations(p.s), 1u);
    EXPECT_OK(tern_conn_renegotiate(p.s, 0));
    et_pump(&p);
    EXPECT_EQ(tern_conn_last_alert(p.c, &sent), TERN_ALERT_NO_RENEGOTIATION);
    EXPECT_EQ(sent, 1);
    EXPECT_FALSE(tern_conn_renegotiating(p.s));
    EXPECT_EQ(tern_conn_renegotiations(p.s), 1u);
    EXPECT_TRUE(et_exchange(&p, 500));
    EXPECT_OK(tern_conn_error(p.c));
    EXPECT_OK(tern_conn_error(p.s));
    et_pair_free(&p);

    /* 0: no limit */
    configs(&c, &s, 1, 1);
    s.renegotiation_peer_max = 0;
    established(&p, &c, &s);
    for (i = 0; i < 6; i++) {
        EXPECT_OK(tern_conn_renegotiate(p.c, 0));
        et_pump(&p);
        EXPECT_TRUE(et_exchange(&p, 100));
    }
    EXPECT_EQ(tern_conn_renegotiations(p.s), 6u);
    et_pair_free(&p);
}

/* RFC 5746 3.5, 3.7: renegotiation_info with verify_data of another
 * connection (a splice) -> handshake_failure on the side that checks. */
static void test_forged_verify_data(void)
{
    tern_config c, s;
    et_pair p;
    int sent;

    /* the client's ClientHello carries a wrong client_verify_data */
    configs(&c, &s, 1, 1);
    established(&p, &c, &s);
    p.c->rn.client_vd[5] ^= 0x20;
    EXPECT_OK(tern_conn_renegotiate(p.c, 0));
    et_pump(&p);
    EXPECT_ERR(TERN_ERR_HANDSHAKE_FAILURE, tern_conn_error(p.s));
    EXPECT_ERR(TERN_ERR_ALERT_RECEIVED(TERN_ALERT_HANDSHAKE_FAILURE), tern_conn_error(p.c));
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), TERN_ALERT_HANDSHAKE_FAILURE);
    EXPECT_EQ(sent, 1);
    et_pair_free(&p);

    /* the server's ServerHello: wrong server_verify_data half */
    configs(&c, &s, 1, 1);
    established(&p, &c, &s);
    p.s->rn.server_vd[11] ^= 1;
    EXPECT_OK(tern_conn_renegotiate(p.c, 0));
    et_pump(&p);
    EXPECT_ERR(TERN_ERR_HANDSHAKE_FAILURE, tern_conn_error(p.c));
    EXPECT_ERR(TERN_ERR_ALERT_RECEIVED(TERN_ALERT_HANDSHAKE_FAILURE), tern_conn_error(p.s));
    et_pair_free(&p);

    /* the server's copy of client_verify_data differs (server-initiated) */
    configs(&c, &s, 1, 1);
    established(&p, &c, &s);
    p.s->rn.client_vd[0] ^= 0x80;
    EXPECT_OK(tern_conn_renegotiate(p.s, 0));
    et_pump(&p);
    EXPECT_ERR(TERN_ERR_HANDSHAKE_FAILURE, tern_conn_error(p.s));
    et_pair_free(&p);
}

/* RFC 5746 4.1-4.4: never with a peer that did not signal support. */
static void test_peer_without_rfc5746(void)
{
    tern_config c, s;
    et_pair p;
    int sent;

    configs(&c, &s, 1, 1);
    established(&p, &c, &s);
    p.c->hs.secure_reneg = 0; /* as if the server had not signalled it */
    EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_conn_renegotiate(p.c, 0));
    p.s->hs.secure_reneg = 0; /* as if the client had not signalled it */
    EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_conn_renegotiate(p.s, 0));
    et_pair_free(&p);

    /* the server receives a ClientHello from a client it thinks has no
     * RFC 5746: refused */
    configs(&c, &s, 1, 1);
    established(&p, &c, &s);
    p.s->hs.secure_reneg = 0;
    EXPECT_OK(tern_conn_renegotiate(p.c, 0));
    et_pump(&p);
    EXPECT_EQ(tern_conn_last_alert(p.c, &sent), TERN_ALERT_NO_RENEGOTIATION);
    EXPECT_EQ(tern_conn_renegotiations(p.s), 0u);
    EXPECT_TRUE(et_exchange(&p, 100));
    et_pair_free(&p);

    /* the client receives a HelloRequest from a server it thinks has no
     * RFC 5746: refused */
    configs(&c, &s, 1, 1);
    established(&p, &c, &s);
    EXPECT_OK(tern_conn_renegotiate(p.s, 0));
    p.c->hs.secure_reneg = 0;
    et_pump(&p);
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), TERN_ALERT_NO_RENEGOTIATION);
    EXPECT_EQ(sent, 0);
    EXPECT_FALSE(tern_conn_renegotiating(p.s));
    EXPECT_TRUE(et_exchange(&p, 100));
    et_pair_free(&p);
}

/* The Mbed Client seed: the renegotiation checks the server's
 * certificate at the time given for it, on that connection only, and the
 * connection's own time comes back afterwards. */
static void test_cert_time(void)
{
    tern_config c, s;
    et_pair p, q;
    const int64_t valid = 1800000000;   /* 2027 */
    const int64_t expired = 4200000000; /* 2103: after notAfter (2099) */

    configs(&c, &s, 1, 1);
    c.verify_mode = TERN_VERIFY_REQUIRED;
    c.trust = et_trust();
    EXPECT_OK(et_pair_init(&p, &c, &s));
    EXPECT_OK(et_pair_init(&q, &c, &s));
    EXPECT_OK(tern_conn_set_hostname(p.c, "localhost"));
    EXPECT_OK(tern_conn_set_hostname(q.c, "localhost"));
    tern_conn_set_time(p.c, valid);
    tern_conn_set_time(q.c, valid);
    et_pump(&p);
    et_pump(&q);
    EXPECT_TRUE(et_done(&p));
    EXPECT_TRUE(et_done(&q));

    /* the connection's clock moved past the certificate's end, but the
     * renegotiation uses the time it is given: it succeeds */
    tern_conn_set_time(p.c, expired);
    EXPECT_OK(tern_conn_renegotiate(p.c, valid));
    EXPECT_EQ(p.c->now, valid);
    EXPECT_EQ(q.c->now, valid);
    et_pump(&p);
    EXPECT_OK(tern_conn_error(p.c));
    EXPECT_EQ(tern_conn_renegotiations(p.c), 1u);
    EXPECT_EQ(p.c->now, expired); /* back to the connection's own setting */

    /* a renegotiation at a time the certificate is not valid fails; the
     * other connection, at its own time, renegotiates fine */
    EXPECT_OK(tern_conn_renegotiate(p.c, expired));
    EXPECT_OK(tern_conn_renegotiate(q.c, 0));
    et_pump(&p);
    et_pump(&q);
    EXPECT_ERR(TERN_ERR_CERT_EXPIRED, tern_conn_error(p.c));
    EXPECT_OK(tern_conn_error(q.c));
    EXPECT_EQ(tern_conn_renegotiations(q.c), 1u);
    EXPECT_TRUE(et_exchange(&q, 100));
    et_pair_free(&p);
    et_pair_free(&q);

    /* TERN_RENEG_SERVER_TIME: the client takes the gmt_unix_time of the
     * previous ServerHello itself (a tern server writes its time there) */
    EXPECT_OK(et_pair_init(&p, &c, &s));
    EXPECT_OK(tern_conn_set_hostname(p.c, "localhost"));
    tern_conn_set_time(p.c, valid);
    tern_conn_set_time(p.s, valid);
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_conn_renegotiate(p.s, TERN_RENEG_SERVER_TIME));
    tern_conn_set_time(p.c, expired);
    tern_conn_set_time(p.s, expired); /* what the next ServerHello says */
    EXPECT_OK(tern_conn_renegotiate(p.c, TERN_RENEG_SERVER_TIME));
    EXPECT_EQ(p.c->now, valid);
    et_pump(&p);
    EXPECT_OK(tern_conn_error(p.c));
    EXPECT_EQ(tern_conn_renegotiations(p.c), 1u);
    EXPECT_EQ(p.c->now, expired);
    /* the next one takes the time of that renegotiation's ServerHello */
    EXPECT_OK(tern_conn_renegotiate(p.c, TERN_RENEG_SERVER_TIME));
    et_pump(&p);
    EXPECT_ERR(TERN_ERR_CERT_EXPIRED, tern_conn_error(p.c));
    et_pair_free(&p);
}

/* With client authentication and session tickets: the renegotiation
 * repeats CertificateRequest / client Certificate / CertificateVerify and
 * a NewSessionTicket (whose ticket replaces the one the client keeps at
 * the end of its handshake buffer), and the client's session afterwards
 * resumes in a new connection. */
static void test_client_auth_and_tickets(void)
{
    tern_config c, s;
    tern_ticket_keys tk;
    tern_session sess;
    tern_conn_info si;
    et_pair p;

    configs(&c, &s, 1, 1);
    EXPECT_OK(tern_ticket_keys_init(&tk, &drbg.vtable, NULL));
    s.ticket_keys = &tk;
    s.client_auth = TERN_CLIENT_AUTH_REQUIRED;
    s.verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_add_credential(&c, cli_ec.chain, cli_ec.lens, 2, &cli_ec.key));
    established(&p, &c, &s);
    EXPECT_OK(tern_conn_renegotiate(p.c, 0));
    EXPECT_TRUE(et_exchange(&p, 2000));
    et_pump(&p);
    EXPECT_OK(tern_conn_renegotiate(p.s, 0));
    EXPECT_TRUE(et_exchange(&p, 2000));
    et_pump(&p);
    EXPECT_EQ(tern_conn_renegotiations(p.c), 2u);
    EXPECT_EQ(tern_conn_renegotiations(p.s), 2u);
    EXPECT_OK(tern_conn_get_info(p.s, &si));
    EXPECT_EQ(si.peer_cert_count, 2u);
    EXPECT_OK(tern_conn_get_session(p.c, &sess));
    EXPECT_TRUE(sess.ticket_len > 0);
    et_pair_free(&p);

    /* the session of the last renegotiation resumes */
    EXPECT_OK(et_pair_init(&p, &c, &s));
    EXPECT_OK(tern_conn_set_session(p.c, &sess));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    EXPECT_OK(tern_conn_get_info(p.s, &si));
    EXPECT_EQ(si.resumed, 1);
    EXPECT_TRUE(et_exchange(&p, 100));
    et_pair_free(&p);
    tern_wipe(&sess, sizeof(sess));
    tern_ticket_keys_free(&tk);
}

/* Half-duplex connections renegotiate too. */
static void test_shared_buffer(void)
{
    tern_config c, s;
    et_pair p;

    configs(&c, &s, 1, 1);
    c.shared_record_buffer = 1;
    s.shared_record_buffer = 1;
    established(&p, &c, &s);
    EXPECT_OK(tern_conn_renegotiate(p.c, 0));
    et_pump(&p);
    EXPECT_EQ(tern_conn_renegotiations(p.c), 1u);
    EXPECT_OK(tern_conn_renegotiate(p.s, 0));
    et_pump(&p);
    EXPECT_EQ(tern_conn_renegotiations(p.s), 2u);
    EXPECT_TRUE(et_exchange(&p, 1000));
    et_pair_free(&p);
}

int main(void)
{
    et_cred_load(&srv_ec, "server-p256");
    et_cred_load(&cli_ec, "client-p256");
    if (tern_hmac_drbg_init(&drbg, &tern_sha256_class, NULL, NULL, 0) != TERN_OK) {
        return 2;
    }
    RUN_TEST(test_client_initiated);
    RUN_TEST(test_server_initiated);
    RUN_TEST(test_refused);
    RUN_TEST(test_peer_limit);
    RUN_TEST(test_forged_verify_data);
    RUN_TEST(test_peer_without_rfc5746);
    RUN_TEST(test_cert_time);
    RUN_TEST(test_client_auth_and_tickets);
    RUN_TEST(test_shared_buffer);
    et_cred_free(&srv_ec);
    et_cred_free(&cli_ec);
    return TEST_REPORT();
}
