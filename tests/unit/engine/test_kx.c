/*
 * The TLS 1.2 key exchanges beyond ECDHE, tern client against tern
 * server: static RSA, DHE_RSA, PSK, ECDHE_PSK and DHE_PSK with every
 * AEAD suite, and what must fail: a wrong PSK (at Finished), an unknown
 * identity (unknown_psk_identity), a DHE group below the size policy,
 * DHE public values out of range, RSA premasters with bad padding or a
 * wrong version (the same alert as a well-padded wrong premaster), and
 * the legacy suites staying off unless named.
 */
#include "engine_test_util.h"
#include "tern/rsa.h"
#include "tern/util.h"

static et_cred srv_rsa, srv_p256;

static const uint8_t psk_a[16] = {0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 0x6f, 0x70, 0x81,
                                  0x92, 0xa3, 0xb4, 0xc5, 0xd6, 0xe7, 0xf8, 0x09};
static const uint8_t psk_b[16] = {0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 0x6f, 0x70, 0x81,
                                  0x92, 0xa3, 0xb4, 0xc5, 0xd6, 0xe7, 0xf8, 0x0a};

#include "kx_test_util.h" /* uses psk_a, psk_b */

/* ---- configurations ------------------------------------------------------------ */

static void set_psk(tern_config *cfg, const char *id, const uint8_t *key)
{
    if (tern_config_set_psk(cfg, (const uint8_t *)id, strlen(id), key, 16) != TERN_OK) {
        exit(2);
    }
}

/* Runs a pair to the end; returns 1 when both sides are in application
 * data and data crosses both ways. */
static int handshake(const tern_config *ccfg, const tern_config *scfg, et_hook hook, void *user,
                     et_pair *p)
{
    int rc = et_pair_init(p, ccfg, scfg);
    if (rc != TERN_OK) {
        fprintf(stderr, "  connection init: %s\n", tern_strerror(rc));
        exit(1);
    }
    p->hook = hook;
    p->hook_user = user;
    et_pump(p);
    return et_done(p) && et_exchange(p, 3000);
}

static int run_ok(const tern_config *ccfg, const tern_config *scfg, uint16_t want_suite)
{
    et_pair p;
    tern_conn_info ci, si;
    int ok = handshake(ccfg, scfg, NULL, NULL, &p);
    if (!ok) {
        int sent;
        fprintf(stderr, "  handshake failed (0x%04x): client %s, server %s, alert %d\n", want_suite,
                tern_strerror(tern_conn_error(p.c)), tern_strerror(tern_conn_error(p.s)),
                tern_conn_last_alert(p.c, &sent));
    }
    if (ok && (tern_conn_get_info(p.c, &ci) != TERN_OK || tern_conn_get_info(p.s, &si) != TERN_OK ||
               ci.suite != want_suite || si.suite != want_suite || !ci.ems || !si.ems)) {
        fprintf(stderr, "  info mismatch (0x%04x): got 0x%04x / 0x%04x\n", want_suite, ci.suite,
                si.suite);
        ok = 0;
    }
    et_pair_free(&p);
    return ok;
}

/* Runs a pair that must fail: *c_err, *s_err get both errors and
 * *alert the alert the client received or sent last. */
static void run_fail(const tern_config *ccfg, const tern_config *scfg, et_hook hook, void *user,
                     int *c_err, int *s_err, int *c_alert, int *s_alert)
{
    et_pair p;
    int sent;
    (void)handshake(ccfg, scfg, hook, user, &p);
    *c_err = tern_conn_error(p.c);
    *s_err = tern_conn_error(p.s);
    *c_alert = tern_conn_last_alert(p.c, &sent);
    *s_alert = tern_conn_last_alert(p.s, &sent);
    et_pair_free(&p);
}

/* ---- every AEAD suite of the new key exchanges ------------------------------------ */

static const char *const rsa_suites[] = {
    "TLS_RSA_WITH_AES_128_GCM_SHA256",           "TLS_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",       "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
};

static const char *const psk_suites[] = {
    "TLS_PSK_WITH_AES_128_GCM_SHA256",
    "TLS_PSK_WITH_AES_256_GCM_SHA384",
    "TLS_PSK_WITH_AES_128_CCM",
    "TLS_PSK_WITH_AES_256_CCM",
    "TLS_PSK_WITH_AES_128_CCM_8",
    "TLS_PSK_WITH_AES_256_CCM_8",
    "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256",
    "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384",
    "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_rsa_dhe_suites(void)
{
    size_t i;
    for (i = 0; i < COUNT(rsa_suites); i++) {
        tern_config ccfg, scfg;
        client_cfg(&ccfg, rsa_suites[i]);
        server_cfg(&scfg, rsa_suites[i], &srv_rsa);
        if (!run_ok(&ccfg, &scfg, tern_suite_by_name(rsa_suites[i]))) {
            fprintf(stderr, "  suite %s\n", rsa_suites[i]);
            EXPECT_TRUE(0);
        }
    }
}

/* RFC 5246 7.4.2: a static-RSA server key must allow keyEncipherment. A
 * leaf with keyUsage digitalSignature only serves ECDHE_RSA but not
 * TLS_RSA_*: the client refuses the certificate. */
/* A verifying client (trust: the test root, name localhost) against a
 * server holding cred; returns the client's error (0 when the pair
 * reached application data). */
static int verified_run(const char *suite, et_cred *cred)
{
    tern_config ccfg, scfg;
    et_pair p;
    int rc;

    client_cfg(&ccfg, suite);
    ccfg.verify_mode = TERN_VERIFY_REQUIRED;
    ccfg.trust = et_trust();
    server_cfg(&scfg, suite, cred);
    if (et_pair_init(&p, &ccfg, &scfg) != TERN_OK ||
        tern_conn_set_hostname(p.c, "localhost") != TERN_OK) {
        exit(1);
    }
    et_pump(&p);
    rc = et_done(&p) ? 0 : tern_conn_error(p.c);
    et_pair_free(&p);
    return rc;
}

/* RFC 5246 7.4.2: a static-RSA server key must allow keyEncipherment. A
 * leaf with keyUsage digitalSignature only serves ECDHE_RSA but not
 * TLS_RSA_*: the client refuses the certificate. */
static void test_rsa_key_usage(void)
{
    et_cred signonly;

    et_cred_load(&signonly, "server-rsa-signonly");
    EXPECT_EQ(verified_run("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", &signonly), 0);
    EXPECT_EQ(verified_run("TLS_RSA_WITH_AES_128_GCM_SHA256", &signonly), TERN_ERR_CERT_USAGE);
    /* the same key in a certificate that allows key encipherment */
    EXPECT_EQ(verified_run("TLS_RSA_WITH_AES_128_GCM_SHA256", &srv_rsa), 0);
    et_cred_free(&signonly);
}

/* Both ways of plain PSK: with and without a hint; a PSK-only server
 * holds no credential at all. */
static void test_psk_suites(void)
{
    size_t i;
    int hint;
    for (i = 0; i < COUNT(psk_suites); i++) {
        for (hint = 0; hint < 2; hint++) {
            tern_config ccfg, scfg;
            client_cfg(&ccfg, psk_suites[i]);
            server_cfg(&scfg, psk_suites[i], NULL);
            set_psk(&ccfg, "client1", psk_a);
            set_psk(&scfg, "client1", psk_a);
            if (hint) {
                EXPECT_OK(tern_config_set_psk_hint(&scfg, (const uint8_t *)"hint", 4));
            }
            if (!run_ok(&ccfg, &scfg, tern_suite_by_name(psk_suites[i]))) {
                fprintf(stderr, "  suite %s, hint %d\n", psk_suites[i], hint);
                EXPECT_TRUE(0);
            }
            tern_config_wipe(&ccfg);
            tern_config_wipe(&scfg);
        }
    }
}

/* ---- CBC and 3DES records with the non-ECDHE key exchanges ------------------------ */

/* CBC, 3DES and static RSA suites are never in the default list: both
 * sides name the suite. Each runs with encrypt_then_mac (RFC 7366) and
 * with it disabled on the client (MAC-then-encrypt), data both ways. */
static const struct {
    const char *name;
    int psk; /* 0: RSA credential, 1: PSK only */
    int des; /* needs TERN_CONFIG_3DES */
} cbc_suites[] = {
    {"TLS_RSA_WITH_3DES_EDE_CBC_SHA", 0, 1},   {"TLS_RSA_WITH_AES_128_CBC_SHA", 0, 0},
    {"TLS_RSA_WITH_AES_128_CBC_SHA256", 0, 0}, {"TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", 0, 1},
    {"TLS_PSK_WITH_AES_128_CBC_SHA256", 1, 0}, {"TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", 1, 0},
};

static void test_cbc_suites(void)
{
    size_t i;
    int no_etm;
    for (i = 0; i < COUNT(cbc_suites); i++) {
        uint16_t id = tern_suite_by_name(cbc_suites[i].name);
        EXPECT_TRUE(id != 0);
        if (cbc_suites[i].des && !TERN_CONFIG_3DES) {
            printf("  skip %s: TERN_CONFIG_3DES is 0 in this build\n", cbc_suites[i].name);
            continue;
        }
        for (no_etm = 0; no_etm < 2; no_etm++) {
            tern_config ccfg, scfg;
            et_pair p;
            tern_conn_info ci, si;
            int ok;
            client_cfg(&ccfg, cbc_suites[i].name);
            server_cfg(&scfg, cbc_suites[i].name, cbc_suites[i].psk ? NULL : &srv_rsa);
            if (cbc_suites[i].psk) {
                set_psk(&ccfg, "client1", psk_a);
                set_psk(&scfg, "client1", psk_a);
            }
            ccfg.disable_etm = (uint8_t)no_etm;
            ok = handshake(&ccfg, &scfg, NULL, NULL, &p);
            if (ok && (tern_conn_get_info(p.c, &ci) != TERN_OK ||
                       tern_conn_get_info(p.s, &si) != TERN_OK || ci.suite != id ||
                       si.suite != id || ci.etm != !no_etm || si.etm != !no_etm)) {
                ok = 0;
            }
            if (!ok) {
                int sent;
                fprintf(stderr, "  suite %s, etm %d: client %s, server %s, alert %d\n",
                        cbc_suites[i].name, !no_etm, tern_strerror(tern_conn_error(p.c)),
                        tern_strerror(tern_conn_error(p.s)), tern_conn_last_alert(p.c, &sent));
            }
            EXPECT_TRUE(ok);
            et_pair_free(&p);
            tern_config_wipe(&ccfg);
            tern_config_wipe(&scfg);
        }
    }
}

/* The default lists: ECDHE preferred, then DHE_RSA; PSK suites appear
 * once a PSK is configured. */
static void test_defaults(void)
{
    tern_config ccfg, scfg;
    size_t i;
    int has_psk = 0, has_dhe = 0;

    client_cfg(&ccfg, NULL);
    for (i = 0; i < ccfg.suites_count; i++) {
        uint16_t s = ccfg.suites[i];
        /* no static RSA, no 3DES by default */
        EXPECT_TRUE(
            s != TERN_TLS_RSA_WITH_AES_128_GCM_SHA256 &&
            s != TERN_TLS_RSA_WITH_AES_256_GCM_SHA384 && s != TERN_TLS_RSA_WITH_AES_128_CBC_SHA &&
            s != TERN_TLS_RSA_WITH_AES_128_CBC_SHA256 && s != TERN_TLS_RSA_WITH_3DES_EDE_CBC_SHA &&
            s != TERN_TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA);
        has_psk |= s == TERN_TLS_PSK_WITH_AES_128_GCM_SHA256;
        has_dhe |= s == TERN_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256;
    }
    EXPECT_TRUE(has_psk && has_dhe);
    /* default client and RSA server: ECDHE_RSA wins */
    server_cfg(&scfg, NULL, &srv_rsa);
    EXPECT_TRUE(run_ok(&ccfg, &scfg, TERN_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
    /* a client without ECDHE gets DHE_RSA from a default server */
    client_cfg(&ccfg, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");
    EXPECT_TRUE(run_ok(&ccfg, &scfg, TERN_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384));
    /* both default with a PSK each: still ECDHE with the certificate */
    client_cfg(&ccfg, NULL);
    set_psk(&ccfg, "id", psk_a);
    set_psk(&scfg, "id", psk_a);
    EXPECT_TRUE(run_ok(&ccfg, &scfg, TERN_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
    /* default lists, PSK-only server: ECDHE_PSK */
    server_cfg(&scfg, NULL, NULL);
    set_psk(&scfg, "id", psk_a);
    EXPECT_TRUE(run_ok(&ccfg, &scfg, TERN_TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256));
    tern_config_wipe(&scfg);
    EXPECT_EQ_U(scfg.psk_key_len, 0);
    for (i = 0; i < sizeof(scfg.psk_key); i++) {
        EXPECT_EQ_U(scfg.psk_key[i], 0);
    }
    tern_config_wipe(&ccfg);
}

/* Static RSA and 3DES only when named; PSK suites only with a PSK. */
static void test_not_offered(void)
{
    tern_config ccfg, scfg;
    int ce, se, ca, sa;

    /* server names static RSA only, client defaults: nothing shared */
    client_cfg(&ccfg, NULL);
    server_cfg(&scfg, "TLS_RSA_WITH_AES_128_GCM_SHA256:TLS_RSA_WITH_3DES_EDE_CBC_SHA", &srv_rsa);
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_EQ(se, TERN_ERR_HANDSHAKE_FAILURE);
    EXPECT_EQ(ca, 40);
    /* client names static RSA, default server: refused */
    client_cfg(&ccfg, "TLS_RSA_WITH_AES_128_GCM_SHA256:TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    server_cfg(&scfg, NULL, &srv_rsa);
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_EQ(se, TERN_ERR_HANDSHAKE_FAILURE);
    /* PSK suites without a client PSK are not offered */
    client_cfg(&ccfg, "TLS_PSK_WITH_AES_128_GCM_SHA256:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    server_cfg(&scfg, "TLS_PSK_WITH_AES_128_GCM_SHA256", NULL);
    set_psk(&scfg, "id", psk_a);
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_EQ(se, TERN_ERR_HANDSHAKE_FAILURE);
    /* and a server without a PSK does not choose them */
    client_cfg(&ccfg, "TLS_PSK_WITH_AES_128_GCM_SHA256");
    set_psk(&ccfg, "id", psk_a);
    server_cfg(&scfg, "TLS_PSK_WITH_AES_128_GCM_SHA256:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
               &srv_rsa);
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_EQ(se, TERN_ERR_HANDSHAKE_FAILURE);
    /* a server with neither credential nor PSK is no server */
    {
        static uint64_t mem[65536];
        tern_conn *c;
        server_cfg(&scfg, "TLS_PSK_WITH_AES_128_GCM_SHA256", NULL);
        EXPECT_ERR(TERN_ERR_BAD_CONFIG, tern_conn_init(&c, mem, sizeof(mem), &scfg, TERN_SERVER));
    }
}

/* ---- PSK failures and callbacks ------------------------------------------------------- */

static void test_psk_wrong_key(void)
{
    static const char *const list[] = {"TLS_PSK_WITH_AES_128_GCM_SHA256",
                                       "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
                                       "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256"};
    size_t i;
    for (i = 0; i < COUNT(list); i++) {
        tern_config ccfg, scfg;
        int ce, se, ca, sa;
        client_cfg(&ccfg, list[i]);
        server_cfg(&scfg, list[i], NULL);
        set_psk(&ccfg, "client1", psk_a);
        set_psk(&scfg, "client1", psk_b);
        run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
        /* the server cannot open the client's Finished */
        EXPECT_EQ(se, TERN_ERR_BAD_RECORD_MAC);
        EXPECT_EQ(sa, 20); /* bad_record_mac */
        EXPECT_NE(ce, TERN_OK);
    }
}

static void test_psk_unknown_identity(void)
{
    tern_config ccfg, scfg;
    int ce, se, ca, sa;
    client_cfg(&ccfg, "TLS_PSK_WITH_AES_128_GCM_SHA256");
    server_cfg(&scfg, "TLS_PSK_WITH_AES_128_GCM_SHA256", NULL);
    set_psk(&ccfg, "mallory", psk_a);
    set_psk(&scfg, "client1", psk_a);
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_EQ(se, TERN_ERR_UNKNOWN_PSK_IDENTITY);
    EXPECT_EQ(ca, 115);
    EXPECT_EQ(sa, 115);
}

/* Callbacks: the client picks its key by the server's hint; the server
 * looks the identity up. */

static void test_psk_callbacks(void)
{
    tern_config ccfg, scfg;
    int ce, se, ca, sa;
    client_cfg(&ccfg, "TLS_PSK_WITH_AES_256_GCM_SHA384:TLS_DHE_PSK_WITH_AES_128_GCM_SHA256");
    server_cfg(&scfg, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", NULL);
    ccfg.psk_client_cb = client_cb;
    scfg.psk_server_cb = server_cb;
    EXPECT_OK(tern_config_set_psk_hint(&scfg, (const uint8_t *)"zone-b", 6));
    EXPECT_TRUE(run_ok(&ccfg, &scfg, TERN_TLS_DHE_PSK_WITH_AES_128_GCM_SHA256));
    EXPECT_STR_EQ(seen_hint, "zone-b");
    /* another hint: the client picks the other key, which fails */
    EXPECT_OK(tern_config_set_psk_hint(&scfg, (const uint8_t *)"zone-a", 6));
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_EQ(se, TERN_ERR_BAD_RECORD_MAC);
    EXPECT_STR_EQ(seen_hint, "zone-a");
    /* plain PSK without hint: the callback sees none */
    server_cfg(&scfg, "TLS_PSK_WITH_AES_256_GCM_SHA384", NULL);
    scfg.psk_server_cb = server_cb;
    strcpy(seen_hint, "x");
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_STR_EQ(seen_hint, "");
    EXPECT_EQ(se, TERN_ERR_BAD_RECORD_MAC); /* psk_a against psk_b */
    /* argument checks */
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_psk(&ccfg, NULL, 0, psk_a, 0));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_psk(&ccfg, NULL, 0, psk_a, TERN_MAX_PSK + 1));
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_config_set_psk_hint(&ccfg, (const uint8_t *)"x", TERN_MAX_PSK_IDENTITY + 1));
}

/* Resumption by session ID of a PSK and a DHE session; a client that no
 * longer has its PSK does not offer the PSK session. */
static int connect_resume(const tern_config *ccfg, const tern_config *scfg,
                          const tern_session *offer, tern_session *out, int *resumed)
{
    et_pair p;
    tern_conn_info ci;
    int ok;
    if (et_pair_init(&p, ccfg, scfg) != TERN_OK) {
        return 0;
    }
    if (tern_conn_set_hostname(p.c, "localhost") != TERN_OK ||
        (offer != NULL && tern_conn_set_session(p.c, offer) != TERN_OK)) {
        et_pair_free(&p);
        return 0;
    }
    et_pump(&p);
    ok = et_done(&p) && et_exchange(&p, 500) && tern_conn_get_info(p.c, &ci) == TERN_OK;
    if (ok) {
        *resumed = ci.resumed;
        ok = out == NULL || tern_conn_get_session(p.c, out) == TERN_OK;
    }
    et_pair_free(&p);
    return ok;
}

static void test_resumption(void)
{
    static const char *const list[] = {"TLS_PSK_WITH_AES_128_CCM_8",
                                       "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256",
                                       "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"};
    size_t i;
    for (i = 0; i < COUNT(list); i++) {
        tern_config ccfg, scfg;
        tern_session slots[2], s1;
        uint64_t stamps[2];
        tern_session_cache cache;
        int resumed = -1;
        client_cfg(&ccfg, list[i]);
        ccfg.client_tickets = 0;
        server_cfg(&scfg, list[i], i == 2 ? &srv_rsa : NULL);
        set_psk(&ccfg, "id", psk_a);
        set_psk(&scfg, "id", psk_a);
        EXPECT_OK(tern_session_cache_init(&cache, slots, stamps, 2, NULL));
        scfg.session_cache = &cache;
        EXPECT_TRUE(connect_resume(&ccfg, &scfg, NULL, &s1, &resumed));
        EXPECT_EQ(resumed, 0);
        EXPECT_TRUE(connect_resume(&ccfg, &scfg, &s1, NULL, &resumed));
        EXPECT_EQ(resumed, 1);
        if (i < 2) {
            /* without the PSK the suite is not offered, nor the session */
            tern_config_wipe(&ccfg);
            ccfg.suites[ccfg.suites_count++] = TERN_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
            server_cfg(&scfg, NULL, &srv_rsa);
            set_psk(&scfg, "id", psk_a);
            scfg.session_cache = &cache;
            EXPECT_TRUE(connect_resume(&ccfg, &scfg, &s1, NULL, &resumed));
            EXPECT_EQ(resumed, 0);
        }
        tern_wipe(&s1, sizeof(s1));
        tern_session_cache_free(&cache);
    }
}

/* ---- DHE failures ------------------------------------------------------------------------ */

static void test_dhe_group_too_small(void)
{
    tern_config ccfg, scfg;
    int ce, se, ca, sa;
    client_cfg(&ccfg, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
    ccfg.dhe_min_bits = 3072;
    server_cfg(&scfg, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", &srv_rsa);
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_EQ(ce, TERN_ERR_KEY_TOO_SMALL);
    EXPECT_EQ(sa, 71); /* insufficient_security */
    /* ffdhe3072 from the server passes the same policy */
    scfg.dhe_group = TERN_GROUP_FFDHE3072;
    EXPECT_TRUE(run_ok(&ccfg, &scfg, TERN_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256));
}

/* RFC 7919 4: a client listing FFDHE groups gets one of them. */
static void test_dhe_negotiated_group(void)
{
    tern_config ccfg, scfg;
    et_pair p;
    tern_conn_info ci;
    int ce, se, ca, sa;
    client_cfg(&ccfg, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
    EXPECT_OK(tern_config_set_groups(&ccfg, "x25519:ffdhe3072"));
    server_cfg(&scfg, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", &srv_rsa);
    EXPECT_OK(tern_config_set_groups(&scfg, "x25519:ffdhe2048:ffdhe3072"));
    EXPECT_TRUE(handshake(&ccfg, &scfg, NULL, NULL, &p));
    EXPECT_OK(tern_conn_get_info(p.c, &ci));
    EXPECT_EQ_U(ci.group, TERN_GROUP_FFDHE3072);
    et_pair_free(&p);
    /* a client listing only FFDHE groups the server lacks: no DHE */
    EXPECT_OK(tern_config_set_groups(&scfg, "x25519:ffdhe2048"));
    scfg.dhe_group = TERN_GROUP_FFDHE2048;
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_EQ(se, TERN_ERR_HANDSHAKE_FAILURE);
}

/* Small buffers: the server's DHE parameters arrive in pieces and are
 * reassembled in hs_buf, beside the client's public value kept at its
 * end. */
static void test_dhe_small_buffers(void)
{
    static const char *const list[] = {"TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
                                       "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384"};
    size_t i;
    for (i = 0; i < COUNT(list); i++) {
        tern_config ccfg, scfg;
        client_cfg(&ccfg, list[i]);
        server_cfg(&scfg, list[i], i == 0 ? &srv_rsa : NULL);
        set_psk(&ccfg, "id", psk_a);
        set_psk(&scfg, "id", psk_a);
        ccfg.in_record_size = ccfg.out_record_size = 512;
        scfg.in_record_size = scfg.out_record_size = 512;
        ccfg.hs_buffer_size = scfg.hs_buffer_size = 1536;
        ccfg.max_fragment_length = 1; /* 512-byte records both ways */
        EXPECT_TRUE(run_ok(&ccfg, &scfg, tern_suite_by_name(list[i])));
    }
}

/* Hook state: which handshake message to change and how. */
typedef struct tamper {
    int dir;      /* 0: client->server, 1: server->client */
    uint8_t type; /* handshake type */
    int mode;     /* what to do */
    int done;
    const tern_rsa_pubkey *rsa;
} tamper;

/* Finds handshake message `type` in a plaintext handshake record:
 * returns its body offset and length. */
static int find_msg(const uint8_t *rec, size_t len, uint8_t type, size_t *off, size_t *blen)
{
    size_t pos = 5;
    if (len < 5 || rec[0] != 22) {
        return 0;
    }
    while (pos + 4 <= len) {
        size_t n = ((size_t)rec[pos + 1] << 16) | ((size_t)rec[pos + 2] << 8) | rec[pos + 3];
        if (pos + 4 + n > len) {
            return 0;
        }
        if (rec[pos] == type) {
            *off = pos + 4;
            *blen = n;
            return 1;
        }
        pos += 4 + n;
    }
    return 0;
}

/* The DHE value y (len bytes, p beside it) set by mode: 0 -> 0, 1 -> 1,
 * 2 -> p - 1, 3 -> p, 4 -> all 0xff (above p). */
static void set_y(uint8_t *y, size_t len, const uint8_t *p, size_t p_len, int mode)
{
    size_t i;
    memset(y, 0, len);
    if (mode == 1) {
        y[len - 1] = 1;
    } else if ((mode == 2 || mode == 3) && p_len == len) {
        memcpy(y, p, len);
        if (mode == 2) {
            y[len - 1] = (uint8_t)(y[len - 1] - 1); /* p is odd: no borrow */
        }
    } else if (mode == 4) {
        for (i = 0; i < len; i++) {
            y[i] = 0xff;
        }
    }
}

static int tamper_hook(void *user, int dir, uint8_t *buf, size_t *len)
{
    tamper *t = (tamper *)user;
    size_t off, blen;

    if (t->done || dir != t->dir || !find_msg(buf, *len, t->type, &off, &blen)) {
        return 0;
    }
    if (t->type == 12) {
        /* ServerDHParams, after the hint for DHE_PSK (mode + 10) */
        size_t pos = off, p_len, g_len, y_len;
        const uint8_t *p;
        if (t->mode >= 10) {
            pos += 2 + (((size_t)buf[pos] << 8) | buf[pos + 1]);
        }
        p_len = ((size_t)buf[pos] << 8) | buf[pos + 1];
        p = buf + pos + 2;
        pos += 2 + p_len;
        g_len = ((size_t)buf[pos] << 8) | buf[pos + 1];
        pos += 2 + g_len;
        y_len = ((size_t)buf[pos] << 8) | buf[pos + 1];
        set_y(buf + pos + 2, y_len, p, p_len, t->mode % 10);
    } else if (t->type == 16 && t->rsa == NULL) {
        /* dh_Yc; the server's p is ffdhe2048 here */
        size_t y_len = ((size_t)buf[off] << 8) | buf[off + 1];
        set_y(buf + off + 2, y_len, NULL, 0, t->mode);
    } else if (t->type == 16) {
        /* EncryptedPreMasterSecret: replaced by one we make */
        uint8_t em[512], pms[48];
        size_t k = t->rsa->n_len, i, ct_len = k;
        const tern_rng_class **rng = NULL;
        (void)rng;
        memset(em, 0x5a, sizeof(em));
        for (i = 0; i < 48; i++) {
            pms[i] = (uint8_t)(i * 7 + 1);
        }
        pms[0] = 3;
        pms[1] = 3;
        em[0] = 0;
        em[1] = 2;
        em[k - 49] = 0;
        memcpy(em + k - 48, pms, 48);
        switch (t->mode) {
        case 0: /* well padded, right version, wrong value */
            break;
        case 1: /* wrong version */
            em[k - 48 + 1] = 2;
            break;
        case 2: /* bad block type */
            em[1] = 1;
            break;
        case 3: /* no zero separator */
            em[k - 49] = 0x5a;
            break;
        case 4: /* message of 47 bytes */
            em[k - 49] = 0x5a;
            em[k - 48] = 0;
            break;
        case 5: /* first byte not zero */
            em[0] = 1;
            break;
        }
        if (blen != 2 + k || tern_rsa_public(t->rsa, em, k, buf + off + 2) != TERN_OK) {
            /* 0x01 in front keeps em < n for a modulus with its top bit set */
            fprintf(stderr, "cannot encrypt the test premaster (%d)\n", t->mode);
            exit(2);
        }
        (void)ct_len;
    }
    t->done = 1;
    return 0;
}

static void test_dhe_value_range(void)
{
    int mode;
    for (mode = 0; mode < 5; mode++) {
        tern_config ccfg, scfg;
        tamper t;
        int ce, se, ca, sa;
        /* server value, DHE_RSA: the signature no longer matches */
        memset(&t, 0, sizeof(t));
        t.dir = 1;
        t.type = 12;
        t.mode = mode;
        client_cfg(&ccfg, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
        server_cfg(&scfg, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", &srv_rsa);
        run_fail(&ccfg, &scfg, tamper_hook, &t, &ce, &se, &ca, &sa);
        EXPECT_TRUE(t.done);
        EXPECT_EQ(ce, TERN_ERR_DECRYPT);
        EXPECT_EQ(sa, 51);
        /* server value, DHE_PSK (unsigned parameters): the range check
         * (RFC 7919 5.1) */
        memset(&t, 0, sizeof(t));
        t.dir = 1;
        t.type = 12;
        t.mode = 10 + mode;
        client_cfg(&ccfg, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256");
        server_cfg(&scfg, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", NULL);
        set_psk(&ccfg, "id", psk_a);
        set_psk(&scfg, "id", psk_a);
        run_fail(&ccfg, &scfg, tamper_hook, &t, &ce, &se, &ca, &sa);
        EXPECT_TRUE(t.done);
        EXPECT_EQ(ce, TERN_ERR_ILLEGAL_PARAMETER);
        EXPECT_EQ(sa, 47);
        /* client value: 0, 1 and all-ones (>= p) */
        if (mode == 0 || mode == 1 || mode == 4) {
            memset(&t, 0, sizeof(t));
            t.dir = 0;
            t.type = 16;
            t.mode = mode;
            client_cfg(&ccfg, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
            server_cfg(&scfg, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", &srv_rsa);
            run_fail(&ccfg, &scfg, tamper_hook, &t, &ce, &se, &ca, &sa);
            EXPECT_TRUE(t.done);
            EXPECT_EQ(se, TERN_ERR_ILLEGAL_PARAMETER);
            EXPECT_EQ(ca, 47);
        }
    }
}

/* ---- static RSA: no padding oracle ----------------------------------------------------- */

static void test_rsa_premaster(void)
{
    tern_pubkey pub;
    int mode, first_se = 0, first_sa = 0;

    EXPECT_OK(tern_x509_cert_pubkey(srv_rsa.chain[0], srv_rsa.lens[0], &pub));
    for (mode = 0; mode < 6; mode++) {
        tern_config ccfg, scfg;
        tamper t;
        int ce, se, ca, sa;
        memset(&t, 0, sizeof(t));
        t.dir = 0;
        t.type = 16;
        t.mode = mode;
        t.rsa = &pub.u.rsa;
        client_cfg(&ccfg, "TLS_RSA_WITH_AES_128_GCM_SHA256");
        server_cfg(&scfg, "TLS_RSA_WITH_AES_128_GCM_SHA256", &srv_rsa);
        run_fail(&ccfg, &scfg, tamper_hook, &t, &ce, &se, &ca, &sa);
        EXPECT_TRUE(t.done);
        /* the server notices only at the client's Finished */
        EXPECT_EQ(se, TERN_ERR_BAD_RECORD_MAC);
        EXPECT_EQ(sa, 20);
        if (mode == 0) {
            first_se = se;
            first_sa = sa;
        }
        EXPECT_EQ(se, first_se);
        EXPECT_EQ(sa, first_sa);
    }
}

int main(void)
{
    et_cred_load(&srv_rsa, "server-rsa2048");
    et_cred_load(&srv_p256, "server-p256");
    RUN_TEST(test_rsa_dhe_suites);
    RUN_TEST(test_psk_suites);
    RUN_TEST(test_cbc_suites);
    RUN_TEST(test_defaults);
    RUN_TEST(test_not_offered);
    RUN_TEST(test_psk_wrong_key);
    RUN_TEST(test_psk_unknown_identity);
    RUN_TEST(test_psk_callbacks);
    RUN_TEST(test_resumption);
    RUN_TEST(test_dhe_group_too_small);
    RUN_TEST(test_dhe_negotiated_group);
    RUN_TEST(test_dhe_small_buffers);
    RUN_TEST(test_dhe_value_range);
    RUN_TEST(test_rsa_premaster);
    RUN_TEST(test_rsa_key_usage);
    et_cred_free(&srv_rsa);
    et_cred_free(&srv_p256);
    return TEST_REPORT();
}
