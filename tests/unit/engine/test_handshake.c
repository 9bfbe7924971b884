/*
 * Full TLS 1.2 handshakes between a tern client and a tern server in one
 * process: every valid combination of suite x group x server key x
 * signature scheme, then application data both ways; what
 * tern_conn_get_info reports; the sans-I/O contract (status bits, byte by
 * byte delivery).
 */
#include "engine_test_util.h"

static et_cred srv_p256, srv_p384, srv_rsa;

typedef struct combo {
    const char *suite;
    const char *group;
    const char *scheme;
    et_cred *cred;
    const char *cert_curve; /* group of an EC certificate's key, or NULL */
} combo;

static int run_combo(const combo *cb, size_t chunk)
{
    tern_config ccfg, scfg;
    et_pair p;
    tern_conn_info ci, si;
    int ok = 1;
    char what[256], groups[64];

    snprintf(what, sizeof(what), "%s / %s / %s", cb->suite, cb->group, cb->scheme);
    tern_config_init(&ccfg);
    tern_config_init(&scfg);
    ccfg.verify_mode = TERN_VERIFY_NONE;
    /* The server has only the group under test; the client also lists
     * the curve of an EC certificate (RFC 8422 5.1 requires it). */
    snprintf(groups, sizeof(groups), "%s%s%s", cb->group,
             cb->cert_curve != NULL && strcmp(cb->cert_curve, cb->group) != 0 ? ":" : "",
             cb->cert_curve != NULL && strcmp(cb->cert_curve, cb->group) != 0 ? cb->cert_curve
                                                                              : "");
    if (tern_config_set_suites(&ccfg, cb->suite) != TERN_OK ||
        tern_config_set_groups(&ccfg, groups) != TERN_OK ||
        tern_config_set_groups(&scfg, cb->group) != TERN_OK ||
        tern_config_set_sig_schemes(&ccfg, cb->scheme) != TERN_OK) {
        fprintf(stderr, "  not available: %s\n", what);
        return 0;
    }
    if (tern_config_add_credential(&scfg, cb->cred->chain, cb->cred->lens, 2, &cb->cred->key) !=
        TERN_OK) {
        fprintf(stderr, "  credential rejected: %s\n", what);
        return 0;
    }
    if (et_pair_init(&p, &ccfg, &scfg) != TERN_OK) {
        fprintf(stderr, "  init failed: %s\n", what);
        return 0;
    }
    p.chunk = chunk;
    et_pump(&p);
    if (!et_done(&p)) {
        int sent;
        fprintf(stderr, "  handshake failed: %s: client %s, server %s, alert %d\n", what,
                tern_strerror(tern_conn_error(p.c)), tern_strerror(tern_conn_error(p.s)),
                tern_conn_last_alert(p.c, &sent));
        ok = 0;
    }
    if (ok &&
        (tern_conn_get_info(p.c, &ci) != TERN_OK || tern_conn_get_info(p.s, &si) != TERN_OK)) {
        ok = 0;
    }
    if (ok) {
        ok = ci.version == TERN_TLS12 && si.version == TERN_TLS12 &&
             ci.suite == tern_suite_by_name(cb->suite) && si.suite == ci.suite &&
             ci.group == si.group && strcmp(tern_group_name(ci.group), cb->group) == 0 &&
             strcmp(tern_sig_scheme_name(ci.sig_scheme), cb->scheme) == 0 && ci.ems && si.ems &&
             !ci.resumed && !si.resumed && ci.peer_cert_count == 2;
        if (!ok) {
            fprintf(stderr, "  info mismatch: %s\n", what);
        }
    }
    if (ok && !et_exchange(&p, 40000)) {
        fprintf(stderr, "  data exchange failed: %s\n", what);
        ok = 0;
    }
    et_pair_free(&p);
    return ok;
}

static void test_ecdsa_combinations(void)
{
    static const char *const suites[] = {
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"};
    static const char *const groups[] = {"x25519", "secp256r1", "secp384r1"};
    static const char *const schemes[] = {"ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384",
                                          "ecdsa_secp521r1_sha512"};
    et_cred *creds[2];
    size_t s, g, k, c, n = 0, good = 0;

    creds[0] = &srv_p256;
    creds[1] = &srv_p384;
    for (s = 0; s < 5; s++) {
        for (g = 0; g < 3; g++) {
            for (k = 0; k < 3; k++) {
                for (c = 0; c < 2; c++) {
                    combo cb;
                    cb.suite = suites[s];
                    cb.group = groups[g];
                    cb.scheme = schemes[k];
                    cb.cred = creds[c];
                    cb.cert_curve = c == 0 ? "secp256r1" : "secp384r1";
                    n++;
                    good += (size_t)run_combo(&cb, 0);
                }
            }
        }
    }
    printf("ECDHE-ECDSA combinations: %u of %u\n", (unsigned)good, (unsigned)n);
    EXPECT_EQ_U(good, n);
}

static void test_rsa_combinations(void)
{
    static const char *const suites[] = {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                                         "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                                         "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};
    static const char *const groups[] = {"x25519", "secp256r1", "secp384r1"};
    static const char *const schemes[] = {"rsa_pkcs1_sha256",    "rsa_pkcs1_sha384",
                                          "rsa_pkcs1_sha512",    "rsa_pss_rsae_sha256",
                                          "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512"};
    size_t s, g, k, n = 0, good = 0;

    for (s = 0; s < 3; s++) {
        for (g = 0; g < 3; g++) {
            for (k = 0; k < 6; k++) {
                combo cb;
                cb.suite = suites[s];
                cb.group = groups[g];
                cb.scheme = schemes[k];
                cb.cred = &srv_rsa;
                cb.cert_curve = NULL;
                n++;
                good += (size_t)run_combo(&cb, 0);
            }
        }
    }
    printf("ECDHE-RSA combinations: %u of %u\n", (unsigned)good, (unsigned)n);
    EXPECT_EQ_U(good, n);
}

/* The same handshake delivered one byte at a time, and in 7-byte
 * pieces: records and messages split anywhere. */
static void test_tiny_pieces(void)
{
    combo cb;
    cb.suite = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
    cb.group = "x25519";
    cb.scheme = "ecdsa_secp256r1_sha256";
    cb.cred = &srv_p256;
    cb.cert_curve = "secp256r1";
    EXPECT_TRUE(run_combo(&cb, 1));
    EXPECT_TRUE(run_combo(&cb, 7));
}

/* Status bits through a handshake (the sans-I/O contract). */
static void test_status_bits(void)
{
    tern_config ccfg, scfg;
    et_pair p;
    size_t n;

    tern_config_init(&ccfg);
    tern_config_init(&scfg);
    ccfg.verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_add_credential(&scfg, srv_p256.chain, srv_p256.lens, 2, &srv_p256.key));
    EXPECT_OK(et_pair_init(&p, &ccfg, &scfg));
    /* a fresh client has its ClientHello to send; a fresh server waits */
    EXPECT_TRUE(tern_conn_status(p.c) & TERN_ST_SENDREC);
    EXPECT_FALSE(tern_conn_status(p.c) & TERN_ST_SENDAPP);
    EXPECT_TRUE(tern_conn_status(p.s) & TERN_ST_RECVREC);
    EXPECT_FALSE(tern_conn_status(p.s) & TERN_ST_SENDREC);
    EXPECT_TRUE(tern_conn_sendapp_buf(p.c, &n) == NULL && n == 0);
    EXPECT_TRUE(tern_conn_recvapp_buf(p.s, &n) == NULL && n == 0);
    EXPECT_EQ(tern_conn_state(p.c), TERN_CONN_HANDSHAKE);
    /* the hostname can be set until the ClientHello is written */
    EXPECT_OK(tern_conn_set_hostname(p.c, "localhost"));
    EXPECT_TRUE(tern_conn_sendrec_buf(p.c, &n) != NULL && n > 0);
    EXPECT_ERR(TERN_ERR_BAD_STATE, tern_conn_set_hostname(p.c, "other"));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    EXPECT_TRUE(tern_conn_status(p.c) & TERN_ST_SENDAPP);
    EXPECT_TRUE(tern_conn_status(p.c) & TERN_ST_RECVREC);
    EXPECT_FALSE(tern_conn_status(p.c) & TERN_ST_RECVAPP);
    EXPECT_FALSE(tern_conn_status(p.c) & TERN_ST_CLOSED);
    EXPECT_OK(tern_conn_error(p.c));
    /* a tern server puts its clock in ServerHello.random (7.4.1.2) */
    {
        tern_conn_info ci;
        int64_t now = 0;
        EXPECT_OK(tern_conn_get_info(p.c, &ci));
        EXPECT_OK(tern_platform_time(tern_platform_default(), &now));
        EXPECT_TRUE(ci.server_gmt_unix_time + 600 >= (uint32_t)now &&
                    ci.server_gmt_unix_time <= (uint32_t)now + 600);
        EXPECT_STR_EQ(ci.server_name, "localhost");
    }
    et_pair_free(&p);
}

int main(void)
{
    et_cred_load(&srv_p256, "server-p256");
    et_cred_load(&srv_p384, "server-p384");
    et_cred_load(&srv_rsa, "server-rsa2048");
    RUN_TEST(test_status_bits);
    RUN_TEST(test_ecdsa_combinations);
    RUN_TEST(test_rsa_combinations);
    RUN_TEST(test_tiny_pieces);
    return TEST_REPORT();
}
