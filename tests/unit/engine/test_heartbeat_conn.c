/*
 * Heartbeat (RFC 6520) between a tern client and a tern server: the
 * extension's negotiation, request and response, a request refused by a
 * peer that announced peer_not_allowed_to_send, a payload_length beyond
 * the record (Heartbleed) discarded, a response with the wrong payload
 * ignored, the response timeout, the interval timer, heartbeat records
 * without the extension (unexpected_message), and the shared record
 * buffer. A misbehaving peer is made by reaching into the engine's
 * internals (forged messages are sealed under the real keys).
 */
#include "engine/engine_internal.h"
#include "engine_test_util.h"

static et_cred srv_ec;

/* Heartbeat messages seen through the trace callback, per side. */
typedef struct hb_count {
    int req_out, req_in, resp_out, resp_in;
} hb_count;

static void trace(void *user, int dir, int ctype, int type, const uint8_t *msg, size_t len)
{
    hb_count *n = (hb_count *)user;
    (void)msg;
    (void)len;
    if (ctype != 24) {
        return;
    }
    if (type == 1) {
        (*(dir == TERN_TRACE_OUT ? &n->req_out : &n->req_in))++;
    } else if (type == 2) {
        (*(dir == TERN_TRACE_OUT ? &n->resp_out : &n->resp_in))++;
    }
}

static hb_count cn, sn;

static void configs(tern_config *c, tern_config *s, uint8_t cmode, uint8_t smode)
{
    tern_config_init(c);
    tern_config_init(s);
    c->verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_add_credential(s, srv_ec.chain, srv_ec.lens, 2, &srv_ec.key));
    c->heartbeat = cmode;
    s->heartbeat = smode;
    c->trace = trace;
    c->user = &cn;
    s->trace = trace;
    s->user = &sn;
    memset(&cn, 0, sizeof(cn));
    memset(&sn, 0, sizeof(sn));
}

/* Seals a raw heartbeat message from a (as a misbehaving peer would). */
static void forge(tern_conn *a, const uint8_t *msg, size_t len)
{
    uint8_t *out = a->out_buf + TERN_RECORD_HEADER_LEN + a->out_prot.prefix;
    EXPECT_EQ(a->out_state, TERN_OUT_EMPTY);
    memcpy(out, msg, len);
    a->out_state = TERN_OUT_FILLING;
    a->out_type = TERN_CT_HEARTBEAT;
    a->out_plain = len;
    EXPECT_OK(tern_out_seal(a));
}

static void test_extension_codec(void)
{
    uint8_t mode = 0, b[8];
    tern_writer w;

    b[0] = 1;
    EXPECT_OK(tern_ext_heartbeat_parse(b, 1, &mode));
    EXPECT_EQ(mode, 1);
    b[0] = 2;
    EXPECT_OK(tern_ext_heartbeat_parse(b, 1, &mode));
    EXPECT_EQ(mode, 2);
    b[0] = 0;
    EXPECT_ERR(TERN_ERR_ILLEGAL_PARAMETER, tern_ext_heartbeat_parse(b, 1, &mode));
    b[0] = 3;
    EXPECT_ERR(TERN_ERR_ILLEGAL_PARAMETER, tern_ext_heartbeat_parse(b, 1, &mode));
    b[0] = 1;
    EXPECT_ERR(TERN_ERR_DECODE, tern_ext_heartbeat_parse(b, 0, &mode));
    EXPECT_ERR(TERN_ERR_DECODE, tern_ext_heartbeat_parse(b, 2, &mode));
    tern_writer_init(&w, b, sizeof(b));
    EXPECT_OK(tern_ext_heartbeat_write(&w, 2));
    EXPECT_EQ(tern_writer_len(&w), 5u);
    EXPECT_MEM_EQ(b, "\x00\x0f\x00\x01\x02", 5);
    tern_writer_init(&w, b, 4);
    EXPECT_TRUE(tern_ext_heartbeat_write(&w, 2) != TERN_OK);
}

static void test_negotiation(void)
{
    static const uint8_t modes[][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {2, 1}, {1, 2}, {2, 2}};
    size_t i;

    for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
        tern_config c, s;
        et_pair p;
        int both = modes[i][0] != 0 && modes[i][1] != 0;
        configs(&c, &s, modes[i][0], modes[i][1]);
        EXPECT_OK(et_pair_init(&p, &c, &s));
        /* before the handshake: not yet */
        EXPECT_ERR(TERN_ERR_BAD_STATE, tern_conn_heartbeat(p.c));
        et_pump(&p);
        EXPECT_TRUE(et_done(&p));
        /* each side may send when the other announced peer_allowed */
        EXPECT_EQ(tern_conn_heartbeat_ok(p.c), both && modes[i][1] == 1);
        EXPECT_EQ(tern_conn_heartbeat_ok(p.s), both && modes[i][0] == 1);
        if (!tern_conn_heartbeat_ok(p.c)) {
            EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_conn_heartbeat(p.c));
        }
        EXPECT_TRUE(et_exchange(&p, 100));
        et_pair_free(&p);
    }
}

static void test_request_response(void)
{
    tern_config c, s;
    et_pair p;
    int round;

    configs(&c, &s, TERN_HB_PEER_ALLOWED, TERN_HB_PEER_ALLOWED);
    c.heartbeat_payload = 64;
    EXPECT_OK(et_pair_init(&p, &c, &s));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    for (round = 1; round <= 3; round++) {
        EXPECT_OK(tern_conn_heartbeat(p.c));
        /* one in flight at a time (RFC 6520 3) */
        EXPECT_ERR(TERN_ERR_BAD_STATE, tern_conn_heartbeat(p.c));
        et_pump(&p);
        EXPECT_EQ(cn.req_out, round);
        EXPECT_EQ(sn.req_in, round);
        EXPECT_EQ(sn.resp_out, round);
        EXPECT_EQ(cn.resp_in, round);
        EXPECT_FALSE(tern_hb_in_flight(p.c->hbc.hb));
    }
    /* the server asks too; data flows in between */
    EXPECT_OK(tern_conn_heartbeat(p.s));
    EXPECT_TRUE(et_exchange(&p, 3000));
    et_pump(&p);
    EXPECT_EQ(cn.resp_out, 1);
    EXPECT_EQ(sn.resp_in, 1);
    EXPECT_FALSE(tern_hb_in_flight(p.s->hbc.hb));
    EXPECT_OK(tern_conn_error(p.c));
    EXPECT_OK(tern_conn_error(p.s));
    et_pair_free(&p);
}

/* The server announced peer_not_allowed_to_send; a client that sends a
 * request anyway gets no answer, and the connection goes on. */
static void test_request_refused(void)
{
    tern_config c, s;
    et_pair p;

    configs(&c, &s, TERN_HB_PEER_ALLOWED, TERN_HB_PEER_NOT_ALLOWED);
    EXPECT_OK(et_pair_init(&p, &c, &s));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_conn_heartbeat(p.c));
    p.c->hbc.may_send = 1; /* misbehave */
    EXPECT_OK(tern_conn_heartbeat(p.c));
    et_pump(&p);
    EXPECT_EQ(sn.req_in, 1);
    EXPECT_EQ(sn.resp_out, 0);
    EXPECT_EQ(cn.resp_in, 0);
    EXPECT_TRUE(tern_hb_in_flight(p.c->hbc.hb));
    EXPECT_TRUE(et_exchange(&p, 500));
    /* the server itself may still ask the client */
    EXPECT_OK(tern_conn_heartbeat(p.s));
    et_pump(&p);
    EXPECT_EQ(sn.resp_in, 1);
    et_pair_free(&p);
}

/* RFC 6520 4: payload_length beyond the record, or leaving less than 16
 * bytes of padding: discarded silently, nothing echoed. */
static void test_heartbleed(void)
{
    tern_config c, s;
    et_pair p;
    uint8_t msg[40];

    configs(&c, &s, TERN_HB_PEER_ALLOWED, TERN_HB_PEER_ALLOWED);
    EXPECT_OK(et_pair_init(&p, &c, &s));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    memset(msg, 0x41, sizeof(msg));
    msg[0] = 1;
    msg[1] = 0x40; /* claims 16384 bytes in a 40-byte record */
    msg[2] = 0x00;
    forge(p.c, msg, sizeof(msg));
    et_pump(&p);
    EXPECT_EQ(sn.req_in, 1);
    EXPECT_EQ(sn.resp_out, 0);
    /* 40 - 3 - 16 = 21 is the largest payload that fits: 22 is dropped,
     * 21 answered */
    msg[1] = 0;
    msg[2] = 22;
    forge(p.c, msg, sizeof(msg));
    et_pump(&p);
    EXPECT_EQ(sn.resp_out, 0);
    msg[2] = 21;
    forge(p.c, msg, sizeof(msg));
    et_pump(&p);
    EXPECT_EQ(sn.resp_out, 1);
    /* the unsolicited response is discarded by the client */
    EXPECT_EQ(cn.resp_in, 1);
    /* too short to hold a header */
    forge(p.c, msg, 2);
    et_pump(&p);
    EXPECT_EQ(sn.resp_out, 1);
    EXPECT_OK(tern_conn_error(p.s));
    EXPECT_TRUE(et_exchange(&p, 200));
    et_pair_free(&p);
}

/* RFC 6520 4: a response without the payload of our request is
 * discarded; the right one still clears the request. */
static void test_response_mismatch(void)
{
    tern_config c, s;
    et_pair p;
    uint8_t msg[3 + TERN_HB_MAX_OWN_PAYLOAD + 16];
    size_t plen;

    configs(&c, &s, TERN_HB_PEER_ALLOWED, TERN_HB_PEER_NOT_ALLOWED);
    EXPECT_OK(et_pair_init(&p, &c, &s));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    p.c->hbc.may_send = 1; /* the server will not answer: we do it by hand */
    EXPECT_OK(tern_conn_heartbeat(p.c));
    et_pump(&p);
    EXPECT_TRUE(tern_hb_in_flight(p.c->hbc.hb));
    plen = p.c->hbc.hb->payload_len;
    EXPECT_EQ(plen, 8u);
    memset(msg, 0x5a, sizeof(msg));
    msg[0] = 2;
    msg[1] = 0;
    msg[2] = (uint8_t)plen;
    memcpy(msg + 3, p.c->hbc.hb->payload, plen);
    msg[3 + plen - 1] ^= 1; /* one bit off */
    forge(p.s, msg, 3 + plen + 16);
    et_pump(&p);
    EXPECT_EQ(cn.resp_in, 1);
    EXPECT_TRUE(tern_hb_in_flight(p.c->hbc.hb));
    msg[2] = (uint8_t)(plen - 1); /* a prefix of the payload */
    msg[3 + plen - 1] ^= 1;
    forge(p.s, msg, 3 + plen + 16);
    et_pump(&p);
    EXPECT_TRUE(tern_hb_in_flight(p.c->hbc.hb));
    msg[2] = (uint8_t)plen;
    forge(p.s, msg, 3 + plen + 16);
    et_pump(&p);
    EXPECT_EQ(cn.resp_in, 3);
    EXPECT_FALSE(tern_hb_in_flight(p.c->hbc.hb));
    EXPECT_OK(tern_conn_error(p.c));
    et_pair_free(&p);
}

static void test_timeout(void)
{
    tern_config c, s;
    et_pair p;

    configs(&c, &s, TERN_HB_PEER_ALLOWED, TERN_HB_PEER_NOT_ALLOWED);
    c.heartbeat_timeout = 5;
    EXPECT_OK(et_pair_init(&p, &c, &s));
    tern_conn_set_time(p.c, 1000);
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    p.c->hbc.may_send = 1; /* a request the server will not answer */
    EXPECT_OK(tern_conn_heartbeat(p.c));
    et_pump(&p);
    tern_conn_set_time(p.c, 1004);
    EXPECT_OK(tern_conn_poll(p.c));
    tern_conn_set_time(p.c, 1005);
    EXPECT_ERR(TERN_ERR_HEARTBEAT_TIMEOUT, tern_conn_poll(p.c));
    EXPECT_ERR(TERN_ERR_HEARTBEAT_TIMEOUT, tern_conn_error(p.c));
    EXPECT_TRUE(tern_conn_status(p.c) & TERN_ST_CLOSED);
    et_pair_free(&p);

    /* an answered request never times out */
    configs(&c, &s, TERN_HB_PEER_ALLOWED, TERN_HB_PEER_ALLOWED);
    c.heartbeat_timeout = 5;
    EXPECT_OK(et_pair_init(&p, &c, &s));
    tern_conn_set_time(p.c, 1000);
    et_pump(&p);
    EXPECT_OK(tern_conn_heartbeat(p.c));
    et_pump(&p);
    tern_conn_set_time(p.c, 2000);
    EXPECT_OK(tern_conn_poll(p.c));
    et_pair_free(&p);
}

static void test_interval(void)
{
    tern_config c, s;
    et_pair p;

    configs(&c, &s, TERN_HB_PEER_ALLOWED, TERN_HB_PEER_ALLOWED);
    c.heartbeat_interval = 10;
    EXPECT_OK(et_pair_init(&p, &c, &s));
    tern_conn_set_time(p.c, 1000);
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    EXPECT_OK(tern_conn_poll(p.c));
    EXPECT_EQ(cn.req_out, 0);
    tern_conn_set_time(p.c, 1009);
    EXPECT_OK(tern_conn_poll(p.c));
    EXPECT_EQ(cn.req_out, 0);
    tern_conn_set_time(p.c, 1010);
    /* any use of the connection runs the timer: here the pump */
    et_pump(&p);
    EXPECT_EQ(cn.req_out, 1);
    EXPECT_EQ(cn.resp_in, 1);
    tern_conn_set_time(p.c, 1015);
    EXPECT_TRUE(et_exchange(&p, 100));
    EXPECT_EQ(cn.req_out, 1);
    tern_conn_set_time(p.c, 1020);
    EXPECT_TRUE(et_exchange(&p, 100));
    EXPECT_EQ(cn.req_out, 2);
    EXPECT_EQ(cn.resp_in, 2);
    /* the default timeout is twice the interval: once the server stops
     * answering (its configuration changes under it), the connection
     * fails 20 s after the unanswered request */
    s.heartbeat = TERN_HB_PEER_NOT_ALLOWED;
    tern_conn_set_time(p.c, 1030);
    et_pump(&p);
    EXPECT_EQ(cn.req_out, 3);
    EXPECT_EQ(cn.resp_in, 2);
    tern_conn_set_time(p.c, 1049);
    EXPECT_OK(tern_conn_poll(p.c));
    EXPECT_EQ(cn.req_out, 3);
    tern_conn_set_time(p.c, 1050);
    EXPECT_ERR(TERN_ERR_HEARTBEAT_TIMEOUT, tern_conn_poll(p.c));
    et_pair_free(&p);
}

/* Heartbeat records without the extension: unexpected_message. */
static void test_not_negotiated(void)
{
    tern_config c, s;
    et_pair p;
    uint8_t msg[24];
    int sent;

    configs(&c, &s, TERN_HB_OFF, TERN_HB_PEER_ALLOWED);
    EXPECT_OK(et_pair_init(&p, &c, &s));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    memset(msg, 0, sizeof(msg));
    msg[0] = 1;
    msg[2] = 4;
    forge(p.c, msg, sizeof(msg));
    et_pump(&p);
    EXPECT_ERR(TERN_ERR_UNEXPECTED_MESSAGE, tern_conn_error(p.s));
    EXPECT_EQ(tern_conn_last_alert(p.c, &sent), 10);
    EXPECT_EQ(sent, 0);
    et_pair_free(&p);
}

static void test_shared_buffer(void)
{
    tern_config c, s;
    et_pair p;

    configs(&c, &s, TERN_HB_PEER_ALLOWED, TERN_HB_PEER_ALLOWED);
    c.shared_record_buffer = 1;
    s.shared_record_buffer = 1;
    c.heartbeat_payload = 33;
    EXPECT_OK(et_pair_init(&p, &c, &s));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    /* one way at a time: the pair's harness has no network buffer, and
     * two half-duplex ends that both hold a record wait for each other */
    EXPECT_OK(tern_conn_heartbeat(p.c));
    et_pump(&p);
    EXPECT_OK(tern_conn_heartbeat(p.s));
    et_pump(&p);
    EXPECT_EQ(cn.resp_in, 1);
    EXPECT_EQ(sn.resp_in, 1);
    EXPECT_FALSE(tern_hb_in_flight(p.c->hbc.hb));
    EXPECT_FALSE(tern_hb_in_flight(p.s->hbc.hb));
    EXPECT_TRUE(et_exchange(&p, 1000));
    et_pair_free(&p);
}

/* RFC 6520 3: no heartbeat during a handshake (a renegotiation here): our
 * own request waits, a received one is discarded silently. */
static void test_during_renegotiation(void)
{
    tern_config c, s;
    et_pair p;
    uint8_t msg[40];
    size_t n;

    configs(&c, &s, TERN_HB_PEER_ALLOWED, TERN_HB_PEER_ALLOWED);
    c.renegotiation = 1;
    s.renegotiation = 1;
    EXPECT_OK(et_pair_init(&p, &c, &s));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    EXPECT_OK(tern_conn_renegotiate(p.c, 0));
    EXPECT_ERR(TERN_ERR_BAD_STATE, tern_conn_heartbeat(p.c));
    while (tern_conn_sendrec_buf(p.c, &n) != NULL && et_move(&p, p.c, p.s, 0) > 0) {
    }
    EXPECT_TRUE(tern_conn_renegotiating(p.s));
    EXPECT_ERR(TERN_ERR_BAD_STATE, tern_conn_heartbeat(p.s));
    memset(msg, 0x33, sizeof(msg));
    msg[0] = 1;
    msg[1] = 0;
    msg[2] = 8;
    forge(p.c, msg, sizeof(msg));
    et_pump(&p);
    EXPECT_EQ(sn.req_in, 1);
    EXPECT_EQ(sn.resp_out, 0);
    EXPECT_OK(tern_conn_error(p.s));
    EXPECT_EQ(tern_conn_renegotiations(p.s), 1u);
    /* after it, heartbeat works again */
    EXPECT_OK(tern_conn_heartbeat(p.c));
    et_pump(&p);
    EXPECT_EQ(sn.resp_out, 1);
    EXPECT_EQ(cn.resp_in, 1);
    et_pair_free(&p);
}

int main(void)
{
    et_cred_load(&srv_ec, "server-p256");
    RUN_TEST(test_extension_codec);
    RUN_TEST(test_negotiation);
    RUN_TEST(test_request_response);
    RUN_TEST(test_request_refused);
    RUN_TEST(test_heartbleed);
    RUN_TEST(test_response_mismatch);
    RUN_TEST(test_timeout);
    RUN_TEST(test_interval);
    RUN_TEST(test_not_negotiated);
    RUN_TEST(test_shared_buffer);
    RUN_TEST(test_during_renegotiation);
    et_cred_free(&srv_ec);
    return TEST_REPORT();
}
