/*
 * TLS 1.0 and 1.1 in a build that has them (tests/legacy/tests.cmake):
 * every suite these versions allow, both key types, with and without
 * encrypt_then_mac, data both ways (TLS 1.0 sends it 1/n-1 split); the
 * version agreed is the highest both have; SHA-256/384 and AEAD suites are
 * never chosen below TLS 1.2; the RFC 8446 4.1.3 downgrade mark is
 * written by a server that has TLS 1.2 and caught by a client that has
 * it; TLS_FALLBACK_SCSV below the server's best version is refused
 * (RFC 7507); SSL 3.0 is refused even here (RFC 7568).
 */
#include "common/endian_internal.h"
#include "engine/engine_internal.h"
#include "engine_test_util.h"

static et_cred srv_p256, srv_rsa;

static const char *const legacy_suites[] = {
    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"};

static void configs(tern_config *c, tern_config *s, const char *suites, uint16_t cmax,
                    uint16_t smax)
{
    tern_config_init(c);
    tern_config_init(s);
    c->verify_mode = TERN_VERIFY_NONE;
    c->min_version = TERN_TLS10;
    s->min_version = TERN_TLS10;
    c->max_version = cmax;
    s->max_version = smax;
    EXPECT_OK(tern_config_set_suites(c, suites));
    EXPECT_OK(tern_config_set_suites(s, suites));
    EXPECT_OK(tern_config_add_credential(s, srv_p256.chain, srv_p256.lens, 2, &srv_p256.key));
    EXPECT_OK(tern_config_add_credential(s, srv_rsa.chain, srv_rsa.lens, 2, &srv_rsa.key));
}

/* ---- hooks ------------------------------------------------------------------------------ */

typedef struct edit {
    uint16_t ch_version; /* rewrite the ClientHello's version, or 0 */
    int scsv;            /* append TLS_FALLBACK_SCSV to its suites */
    int split_seen;      /* client -> server: a 1-byte-plaintext record before another */
    int applied;
} edit;

static int hook(void *user, int dir, uint8_t *rec, size_t *len)
{
    edit *e = (edit *)user;

    if (dir != 0 || *len < 11 || rec[0] != TERN_CT_HANDSHAKE || rec[5] != TERN_HS_CLIENT_HELLO ||
        e->applied) {
        return 0;
    }
    if (e->ch_version != 0) {
        tern_store_be16(rec + 9, e->ch_version);
    }
    if (e->scsv) {
        size_t off = 9 + 2 + 32, n;
        off += 1 + rec[off];
        n = tern_load_be16(rec + off);
        memmove(rec + off + 2 + n + 2, rec + off + 2 + n, *len - (off + 2 + n));
        tern_store_be16(rec + off + 2 + n, TERN_SCSV_FALLBACK);
        tern_store_be16(rec + off, (uint16_t)(n + 2));
        *len += 2;
        tern_store_be24(rec + 6, tern_load_be24(rec + 6) + 2);
        tern_store_be16(rec + 3, (uint16_t)(*len - 5));
    }
    e->applied = 1;
    return 0;
}

/* ---- handshakes --------------------------------------------------------------------------- */

static int run(const char *suite, uint16_t cmax, uint16_t smax, int etm_off, uint16_t want)
{
    tern_config c, s;
    tern_conn_info ci, si;
    et_pair p;
    int ok;

    configs(&c, &s, suite, cmax, smax);
    c.disable_etm = (uint8_t)etm_off;
    if (et_pair_init(&p, &c, &s) != TERN_OK) {
        return 0;
    }
    et_pump(&p);
    ok = et_done(&p) && tern_conn_get_info(p.c, &ci) == TERN_OK &&
         tern_conn_get_info(p.s, &si) == TERN_OK && ci.version == want && si.version == want &&
         ci.suite == tern_suite_by_name(suite) && ci.etm == !etm_off && si.etm == !etm_off;
    ok = ok && et_exchange(&p, 20000);
    if (!ok) {
        fprintf(stderr, "  %s %04x/%04x etm off %d: client %s, server %s\n", suite, cmax, smax,
                etm_off, tern_strerror(tern_conn_error(p.c)), tern_strerror(tern_conn_error(p.s)));
    }
    et_pair_free(&p);
    return ok;
}

static void test_tls10_tls11_suites(void)
{
    size_t i, good = 0, n = 0;
    int etm;
    for (i = 0; i < 4; i++) {
        for (etm = 0; etm < 2; etm++) {
            /* the client's best is the version; the server has up to 1.2 */
            good += (size_t)run(legacy_suites[i], TERN_TLS10, TERN_TLS12, !etm, TERN_TLS10);
            good += (size_t)run(legacy_suites[i], TERN_TLS11, TERN_TLS12, !etm, TERN_TLS11);
            /* the server's best is the version, the client has 1.2 */
            good += (size_t)run(legacy_suites[i], TERN_TLS12, TERN_TLS10, !etm, TERN_TLS10);
            good += (size_t)run(legacy_suites[i], TERN_TLS12, TERN_TLS11, !etm, TERN_TLS11);
            n += 4;
        }
    }
    printf("TLS 1.0 / 1.1 handshakes: %u of %u\n", (unsigned)good, (unsigned)n);
    EXPECT_EQ_U(good, n);
    /* TLS 1.2 still agreed when both have it */
    EXPECT_TRUE(run("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", TERN_TLS12, TERN_TLS12, 0, TERN_TLS12));
    EXPECT_TRUE(
        run("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", TERN_TLS12, TERN_TLS12, 1, TERN_TLS12));
}

/* Below TLS 1.2 only the SHA-1 CBC suites exist. */
static void test_suites_per_version(void)
{
    tern_config c, s;
    tern_conn_info ci;
    et_pair p;

    configs(&c, &s,
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256:"
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384:TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            TERN_TLS11, TERN_TLS12);
    EXPECT_OK(et_pair_init(&p, &c, &s));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    EXPECT_OK(tern_conn_get_info(p.c, &ci));
    EXPECT_EQ(ci.version, TERN_TLS11);
    EXPECT_EQ(ci.suite, TERN_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA);
    et_pair_free(&p);

    configs(&c, &s, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            TERN_TLS10, TERN_TLS12);
    EXPECT_OK(et_pair_init(&p, &c, &s));
    et_pump(&p);
    EXPECT_FALSE(et_done(&p));
    EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_HANDSHAKE_FAILURE);
    et_pair_free(&p);
}

/* Runs with the ClientHello edited; returns the pair's errors. */
static void run_edit(edit *e, uint16_t cmax, uint16_t smax, int *cerr, int *serr, int *calert)
{
    tern_config c, s;
    et_pair p;
    int sent;

    configs(&c, &s, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", cmax, smax);
    EXPECT_OK(et_pair_init(&p, &c, &s));
    p.hook = hook;
    p.hook_user = e;
    et_pump(&p);
    EXPECT_TRUE(e->applied);
    *cerr = tern_conn_error(p.c);
    *serr = tern_conn_error(p.s);
    *calert = tern_conn_last_alert(p.c, &sent);
    et_pair_free(&p);
}

/* RFC 8446 4.1.3: an attacker lowers the ClientHello version to 1.1; the
 * server (which has 1.2) agrees to 1.1 and marks its random; the client
 * (which has 1.2) sees the mark and aborts with illegal_parameter. A
 * genuine TLS 1.1-only server does not mark, and the client agrees. */
static void test_downgrade_sentinel(void)
{
    edit e = {TERN_TLS11, 0, 0, 0};
    int cerr, serr, alert;

    run_edit(&e, TERN_TLS12, TERN_TLS12, &cerr, &serr, &alert);
    EXPECT_EQ(cerr, TERN_ERR_ILLEGAL_PARAMETER);
    EXPECT_EQ(alert, TERN_ALERT_ILLEGAL_PARAMETER);
    EXPECT_EQ(serr, TERN_ERR_ALERT_RECEIVED(TERN_ALERT_ILLEGAL_PARAMETER));

    e.applied = 0;
    e.ch_version = TERN_TLS10;
    run_edit(&e, TERN_TLS12, TERN_TLS12, &cerr, &serr, &alert);
    EXPECT_EQ(cerr, TERN_ERR_ILLEGAL_PARAMETER);

    EXPECT_TRUE(run("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", TERN_TLS12, TERN_TLS11, 0, TERN_TLS11));
}

/* RFC 7507 3: the fallback signal below the server's best version. */
static void test_fallback_scsv(void)
{
    edit e = {0, 1, 0, 0};
    int cerr, serr, alert;

    /* a client capped at 1.1 that says it fell back: the server has 1.2 */
    run_edit(&e, TERN_TLS11, TERN_TLS12, &cerr, &serr, &alert);
    EXPECT_EQ(serr, TERN_ERR_INAPPROPRIATE_FALLBACK);
    EXPECT_EQ(cerr, TERN_ERR_ALERT_RECEIVED(TERN_ALERT_INAPPROPRIATE_FALLBACK));
    /* the same against a server whose best is 1.1: nothing was given up
     * (the client's transcript lacks the SCSV, so the handshake fails
     * later, on the keys, not on the version) */
    e.applied = 0;
    run_edit(&e, TERN_TLS11, TERN_TLS11, &cerr, &serr, &alert);
    EXPECT_EQ(serr, TERN_ERR_BAD_RECORD_MAC);
}

/* SSL 3.0 (and anything below the lowest version built) is refused. */
static void test_ssl3(void)
{
    edit e = {0x0300, 0, 0, 0};
    int cerr, serr, alert;

    run_edit(&e, TERN_TLS12, TERN_TLS12, &cerr, &serr, &alert);
    EXPECT_EQ(serr, TERN_ERR_PROTOCOL_VERSION);
    EXPECT_EQ(cerr, TERN_ERR_ALERT_RECEIVED(TERN_ALERT_PROTOCOL_VERSION));
    /* a server whose minimum is 1.1 refuses a 1.0 hello */
    {
        tern_config c, s;
        et_pair p;
        configs(&c, &s, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", TERN_TLS10, TERN_TLS12);
        s.min_version = TERN_TLS11;
        EXPECT_OK(et_pair_init(&p, &c, &s));
        et_pump(&p);
        EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_PROTOCOL_VERSION);
        et_pair_free(&p);
    }
}

/* TLS 1.0 application data leaves 1/n-1 split: the first byte in a
 * record of its own, the rest in a second (RFC 2246 6.2.3.2 IV chain,
 * BEAST); a one-byte write is not split; TLS 1.1 never splits. */
static int app_records_for(uint16_t version, size_t len)
{
    tern_config c, s;
    et_pair p;
    uint8_t *q, wire[4096];
    size_t n, wire_len = 0, got = 0, off, fed = 0;
    int records = 0;

    configs(&c, &s, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", version, TERN_TLS12);
    EXPECT_OK(et_pair_init(&p, &c, &s));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    q = tern_conn_sendapp_buf(p.c, &n);
    EXPECT_TRUE(q != NULL && n >= len);
    if (q != NULL) {
        memset(q, 'x', len);
        tern_conn_sendapp_ack(p.c, len);
        tern_conn_flush_app(p.c);
    }
    while ((q = tern_conn_sendrec_buf(p.c, &n)) != NULL && wire_len + n <= sizeof(wire)) {
        memcpy(wire + wire_len, q, n);
        wire_len += n;
        tern_conn_sendrec_ack(p.c, n);
    }
    for (off = 0; off + 5 <= wire_len; off += 5 + tern_load_be16(wire + off + 3)) {
        records += wire[off] == TERN_CT_APPLICATION_DATA;
    }
    while (fed < wire_len || tern_conn_recvapp_buf(p.s, &n) != NULL) {
        fed += et_feed(p.s, wire + fed, wire_len - fed);
        while ((q = tern_conn_recvapp_buf(p.s, &n)) != NULL) {
            got += n;
            tern_conn_recvapp_ack(p.s, n);
        }
        if (tern_conn_error(p.s) != TERN_OK) {
            break;
        }
    }
    EXPECT_EQ_U(got, len);
    et_pair_free(&p);
    return records;
}

static void test_tls10_split(void)
{
    EXPECT_EQ(app_records_for(TERN_TLS10, 100), 2);
    EXPECT_EQ(app_records_for(TERN_TLS10, 2), 2);
    EXPECT_EQ(app_records_for(TERN_TLS10, 1), 1);
    EXPECT_EQ(app_records_for(TERN_TLS11, 100), 1);
}

int main(void)
{
    et_cred_load(&srv_p256, "server-p256");
    et_cred_load(&srv_rsa, "server-rsa2048");
    RUN_TEST(test_tls10_tls11_suites);
    RUN_TEST(test_suites_per_version);
    RUN_TEST(test_downgrade_sentinel);
    RUN_TEST(test_fallback_scsv);
    RUN_TEST(test_ssl3);
    RUN_TEST(test_tls10_split);
    et_cred_free(&srv_p256);
    et_cred_free(&srv_rsa);
    return TEST_REPORT();
}
