/*
 * Heartbeat codec (RFC 6520): requests, responses, matching, and above
 * all the length rule of section 4: a payload_length that does not leave
 * 16 bytes of padding inside the received message is discarded silently
 * and never answered (Heartbleed, CVE-2014-0160), at every claimed length
 * and every truncation.
 */
#include <string.h>

#include "record/heartbeat_internal.h"
#include "record/record_internal.h"
#include "tern/rand.h"
#include "tern_test.h"

static tern_hmac_drbg_ctx drbg;

static const tern_rng_class **rng(void)
{
    static int ready;
    if (!ready) {
        uint8_t ent[32], nonce[16];
        memset(ent, 0x11, sizeof(ent));
        memset(nonce, 0x22, sizeof(nonce));
        if (tern_hmac_drbg_init_seeded(&drbg, &tern_sha256_class, ent, 32, nonce, 16, NULL, 0) !=
            TERN_OK) {
            TEST_FAIL("drbg");
        }
        tern_hmac_drbg_set_reseed_interval(&drbg, UINT32_MAX);
        ready = 1;
    }
    return &drbg.vtable;
}

static uint8_t msg[TERN_RECORD_MAX_PLAIN], out[TERN_RECORD_MAX_PLAIN + 64];

/* tern to tern: A asks, B answers, A matches. */
static void test_request_response_match(void)
{
    tern_hb a, b;
    size_t len, rlen;
    tern_hb_action act;

    tern_hb_init(&a);
    tern_hb_init(&b);
    EXPECT_FALSE(tern_hb_in_flight(&a));
    EXPECT_OK(tern_hb_request(&a, rng(), 32, 40, TERN_RECORD_MAX_PLAIN, msg, sizeof(msg), &len));
    EXPECT_EQ_U(len, 3 + 32 + 40);
    EXPECT_EQ(msg[0], TERN_HB_REQUEST);
    EXPECT_EQ((msg[1] << 8) | msg[2], 32);
    EXPECT_TRUE(tern_hb_in_flight(&a));
    EXPECT_MEM_EQ(a.payload, msg + 3, 32);

    EXPECT_OK(tern_hb_receive(&b, msg, len, 1, rng(), TERN_RECORD_MAX_PLAIN, out, sizeof(out),
                              &rlen, &act));
    EXPECT_EQ(act, TERN_HB_RESPOND);
    EXPECT_EQ_U(rlen, 3 + 32 + 16);
    EXPECT_EQ(out[0], TERN_HB_RESPONSE);
    EXPECT_EQ((out[1] << 8) | out[2], 32);
    EXPECT_MEM_EQ(out + 3, msg + 3, 32);
    /* the padding is random, not a copy of the request's */
    EXPECT_TRUE(memcmp(out + 3 + 32, msg + 3 + 32, 16) != 0);
    EXPECT_FALSE(tern_hb_in_flight(&b));

    EXPECT_OK(tern_hb_receive(&a, out, rlen, 1, rng(), TERN_RECORD_MAX_PLAIN, msg, sizeof(msg),
                              &len, &act));
    EXPECT_EQ(act, TERN_HB_ANSWERED);
    EXPECT_EQ_U(len, 0);
    EXPECT_FALSE(tern_hb_in_flight(&a));
    /* the same response again matches nothing now */
    EXPECT_OK(tern_hb_receive(&a, out, rlen, 1, rng(), TERN_RECORD_MAX_PLAIN, msg, sizeof(msg),
                              &len, &act));
    EXPECT_EQ(act, TERN_HB_DISCARD);
}

static void test_request_rules(void)
{
    tern_hb a;
    size_t len = 99;

    tern_hb_init(&a);
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_hb_request(&a, rng(), 0, 16, 16384, msg, sizeof(msg), &len));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_hb_request(&a, rng(), TERN_HB_MAX_OWN_PAYLOAD + 1, 16, 16384,
                                                 msg, sizeof(msg), &len));
    /* RFC 6520 4: padding of at least 16 bytes */
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_hb_request(&a, rng(), 16, 15, 16384, msg, sizeof(msg), &len));
    /* the message must fit the record limit: exactly fits, one over */
    EXPECT_OK(tern_hb_request(&a, rng(), 16, 493, 512, msg, sizeof(msg), &len));
    EXPECT_EQ_U(len, 512);
    tern_hb_cancel(&a);
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_hb_request(&a, rng(), 16, 494, 512, msg, sizeof(msg), &len));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_hb_request(&a, rng(), 16, 16, 16385, msg, sizeof(msg), &len));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_hb_request(&a, rng(), 16, 600, 512, msg, sizeof(msg), &len));
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
               tern_hb_request(&a, rng(), 16, 16, 16384, msg, 3 + 16 + 15, &len));
    EXPECT_FALSE(tern_hb_in_flight(&a));
    /* one request in flight at a time (RFC 6520 3) */
    EXPECT_OK(tern_hb_request(&a, rng(), 16, 16, 16384, msg, sizeof(msg), &len));
    EXPECT_ERR(TERN_ERR_BAD_STATE,
               tern_hb_request(&a, rng(), 16, 16, 16384, msg, sizeof(msg), &len));
    /* after the timer gave up on it, another may go */
    tern_hb_cancel(&a);
    EXPECT_OK(tern_hb_request(&a, rng(), 16, 16, 16384, msg, sizeof(msg), &len));
}

/* The Heartbleed rule, at every claimed length around the limit and far
 * beyond it. */
static void test_payload_length_checked_against_record(void)
{
    tern_hb b;
    size_t msg_len, rlen, claim;
    tern_hb_action act;
    int bad = 0;

    tern_hb_init(&b);
    for (msg_len = 0; msg_len < 80; msg_len++) {
        memset(msg, 0xab, sizeof(msg));
        msg[0] = TERN_HB_REQUEST;
        for (claim = 0; claim < 0x10000; claim += (claim < 200 ? 1 : 997)) {
            int fits = msg_len >= 3 && claim + 3 + 16 <= msg_len;
            int rc;
            msg[1] = (uint8_t)(claim >> 8);
            msg[2] = (uint8_t)claim;
            rc = tern_hb_receive(&b, msg, msg_len, 1, rng(), TERN_RECORD_MAX_PLAIN, out,
                                 sizeof(out), &rlen, &act);
            if (rc != TERN_OK || act != (fits ? TERN_HB_RESPOND : TERN_HB_DISCARD) ||
                (fits ? rlen != 3 + claim + 16 : rlen != 0)) {
                bad++;
            }
        }
    }
    /* the full-size case: a 16384-byte request claiming all but 19 bytes,
     * and claiming one more */
    msg[0] = TERN_HB_REQUEST;
    msg[1] = (uint8_t)((16384 - 19) >> 8);
    msg[2] = (uint8_t)(16384 - 19);
    EXPECT_OK(tern_hb_receive(&b, msg, 16384, 1, rng(), TERN_RECORD_MAX_PLAIN, out, sizeof(out),
                              &rlen, &act));
    EXPECT_EQ(act, TERN_HB_RESPOND);
    EXPECT_EQ_U(rlen, 16384);
    msg[2] = (uint8_t)(16384 - 18);
    EXPECT_OK(tern_hb_receive(&b, msg, 16384, 1, rng(), TERN_RECORD_MAX_PLAIN, out, sizeof(out),
                              &rlen, &act));
    EXPECT_EQ(act, TERN_HB_DISCARD);
    EXPECT_EQ_U(rlen, 0);
    EXPECT_EQ(bad, 0);
}

/* Every truncation of a valid request is discarded, never answered with
 * bytes beyond what arrived. */
static void test_truncated_requests(void)
{
    tern_hb a, b;
    size_t len, i, rlen;
    tern_hb_action act;

    tern_hb_init(&a);
    tern_hb_init(&b);
    EXPECT_OK(tern_hb_request(&a, rng(), 40, 16, 16384, msg, sizeof(msg), &len));
    for (i = 0; i < len; i++) {
        memset(out, 0, sizeof(out));
        EXPECT_OK(tern_hb_receive(&b, msg, i, 1, rng(), 16384, out, sizeof(out), &rlen, &act));
        EXPECT_EQ(act, TERN_HB_DISCARD);
        EXPECT_EQ_U(rlen, 0);
    }
    EXPECT_OK(tern_hb_receive(&b, msg, len, 1, rng(), 16384, out, sizeof(out), &rlen, &act));
    EXPECT_EQ(act, TERN_HB_RESPOND);
    /* longer padding than 16 is fine and ignored */
    EXPECT_OK(tern_hb_receive(&b, msg, len + 100, 1, rng(), 16384, out, sizeof(out), &rlen, &act));
    EXPECT_EQ(act, TERN_HB_RESPOND);
    EXPECT_EQ_U(rlen, 3 + 40 + 16);
}

static void test_discards(void)
{
    tern_hb a, b;
    size_t len, rlen;
    tern_hb_action act;
    uint8_t saved[3 + 16 + 16];

    tern_hb_init(&a);
    tern_hb_init(&b);
    EXPECT_OK(tern_hb_request(&a, rng(), 16, 16, 16384, msg, sizeof(msg), &len));
    memcpy(saved, msg, len);
    /* peer requests not allowed: no answer */
    EXPECT_OK(tern_hb_receive(&b, msg, len, 0, rng(), 16384, out, sizeof(out), &rlen, &act));
    EXPECT_EQ(act, TERN_HB_DISCARD);
    EXPECT_EQ_U(rlen, 0);
    /* the response would not fit our record limit towards the peer */
    EXPECT_OK(tern_hb_receive(&b, msg, len, 1, rng(), 3 + 16 + 15, out, sizeof(out), &rlen, &act));
    EXPECT_EQ(act, TERN_HB_DISCARD);
    EXPECT_OK(tern_hb_receive(&b, msg, len, 1, rng(), 3 + 16 + 16, out, sizeof(out), &rlen, &act));
    EXPECT_EQ(act, TERN_HB_RESPOND);
    /* it fits the limit but not the caller's buffer: an error, not a
     * silent drop (the caller sized it wrong) */
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
               tern_hb_receive(&b, msg, len, 1, rng(), 16384, out, 34, &rlen, &act));
    /* unknown types */
    msg[0] = 0;
    EXPECT_OK(tern_hb_receive(&b, msg, len, 1, rng(), 16384, out, sizeof(out), &rlen, &act));
    EXPECT_EQ(act, TERN_HB_DISCARD);
    msg[0] = 3;
    EXPECT_OK(tern_hb_receive(&b, msg, len, 1, rng(), 16384, out, sizeof(out), &rlen, &act));
    EXPECT_EQ(act, TERN_HB_DISCARD);
    /* responses that do not match ours: another payload, another length */
    memcpy(msg, saved, len);
    msg[0] = TERN_HB_RESPONSE;
    msg[3] ^= 1;
    EXPECT_OK(tern_hb_receive(&a, msg, len, 1, rng(), 16384, out, sizeof(out), &rlen, &act));
    EXPECT_EQ(act, TERN_HB_DISCARD);
    EXPECT_TRUE(tern_hb_in_flight(&a));
    msg[3] ^= 1;
    msg[2] = 15;
    EXPECT_OK(tern_hb_receive(&a, msg, len, 1, rng(), 16384, out, sizeof(out), &rlen, &act));
    EXPECT_EQ(act, TERN_HB_DISCARD);
    EXPECT_TRUE(tern_hb_in_flight(&a));
    msg[2] = 16;
    EXPECT_OK(tern_hb_receive(&a, msg, len, 1, rng(), 16384, out, sizeof(out), &rlen, &act));
    EXPECT_EQ(act, TERN_HB_ANSWERED);
    EXPECT_FALSE(tern_hb_in_flight(&a));
    /* a response while nothing is in flight */
    EXPECT_OK(tern_hb_receive(&b, msg, len, 1, rng(), 16384, out, sizeof(out), &rlen, &act));
    EXPECT_EQ(act, TERN_HB_DISCARD);
}

/* A response built in place over the request. */
static void test_respond_in_place(void)
{
    tern_hb a, b;
    size_t len, rlen;
    tern_hb_action act;
    uint8_t payload[20];

    tern_hb_init(&a);
    tern_hb_init(&b);
    EXPECT_OK(tern_hb_request(&a, rng(), 20, 100, 16384, msg, sizeof(msg), &len));
    memcpy(payload, msg + 3, 20);
    EXPECT_OK(tern_hb_receive(&b, msg, len, 1, rng(), 16384, msg, sizeof(msg), &rlen, &act));
    EXPECT_EQ(act, TERN_HB_RESPOND);
    EXPECT_EQ_U(rlen, 3 + 20 + 16);
    EXPECT_EQ(msg[0], TERN_HB_RESPONSE);
    EXPECT_MEM_EQ(msg + 3, payload, 20);
    EXPECT_OK(tern_hb_receive(&a, msg, rlen, 1, rng(), 16384, out, sizeof(out), &len, &act));
    EXPECT_EQ(act, TERN_HB_ANSWERED);
}

static int failing_generate(const tern_rng_class **ctx, uint8_t *o, size_t len)
{
    (void)ctx;
    (void)o;
    (void)len;
    return TERN_ERR_ENTROPY;
}

static void test_rng_failure(void)
{
    static const tern_rng_class failing = {"failing", sizeof(tern_rng_class *), failing_generate};
    const tern_rng_class *f = &failing;
    tern_hb a, b;
    size_t len, rlen;
    tern_hb_action act;

    tern_hb_init(&a);
    tern_hb_init(&b);
    EXPECT_ERR(TERN_ERR_ENTROPY, tern_hb_request(&a, &f, 16, 16, 16384, msg, sizeof(msg), &len));
    EXPECT_FALSE(tern_hb_in_flight(&a));
    EXPECT_OK(tern_hb_request(&a, rng(), 16, 16, 16384, msg, sizeof(msg), &len));
    EXPECT_ERR(TERN_ERR_ENTROPY,
               tern_hb_receive(&b, msg, len, 1, &f, 16384, out, sizeof(out), &rlen, &act));
    EXPECT_EQ(act, TERN_HB_DISCARD);
}

int main(void)
{
    RUN_TEST(test_request_response_match);
    RUN_TEST(test_request_rules);
    RUN_TEST(test_payload_length_checked_against_record);
    RUN_TEST(test_truncated_requests);
    RUN_TEST(test_discards);
    RUN_TEST(test_respond_in_place);
    RUN_TEST(test_rng_failure);
    tern_hmac_drbg_wipe(&drbg);
    return TEST_REPORT();
}
