/*
 * Configuration: secure defaults, the name tables (IANA names both
 * ways), the colon-separated list setters (unknown, duplicate, empty and
 * too many entries), credentials (key must match the leaf), and the
 * checks tern_conn_init makes before any byte moves.
 */
#include "engine_test_util.h"

static void test_defaults(void)
{
    tern_config cfg;
    size_t i;

    tern_config_init(&cfg);
    EXPECT_EQ(cfg.min_version, TERN_TLS12);
    EXPECT_EQ(cfg.max_version, TERN_TLS12);
    EXPECT_EQ(cfg.verify_mode, TERN_VERIFY_REQUIRED);
    EXPECT_TRUE(cfg.trust == NULL);
    EXPECT_EQ(cfg.require_ems, 1);
    EXPECT_EQ(cfg.client_auth, TERN_CLIENT_AUTH_NONE);
    EXPECT_EQ(cfg.client_tickets, 1);
    EXPECT_EQ_U(cfg.in_record_size, 16384);
    EXPECT_EQ(cfg.max_empty_records, 32);
    /* every built-in suite but static RSA and 3DES (docs/kx.md), ECDSA
     * AES-128-GCM preferred */
    EXPECT_TRUE(cfg.suites_count >= 8);
    EXPECT_EQ(cfg.suites[0], TERN_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    EXPECT_EQ_U(cfg.groups_count, 3);
    EXPECT_EQ(cfg.groups[0], TERN_GROUP_X25519);
    /* no SHA-1 scheme by default */
    EXPECT_TRUE(cfg.sig_schemes_count >= 3);
    for (i = 0; i < cfg.sig_schemes_count; i++) {
        EXPECT_TRUE(cfg.sig_schemes[i] != TERN_SIG_RSA_PKCS1_SHA1 &&
                    cfg.sig_schemes[i] != TERN_SIG_ECDSA_SHA1);
    }
    EXPECT_TRUE(cfg.platform == tern_platform_default());
}

static void test_names(void)
{
    static const uint16_t suites[] = {0xc02b, 0xc02c, 0xc02f, 0xc030,
                                      0xcca8, 0xcca9, 0xc0ac, 0xc0ae};
    size_t i;

    for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
        const char *n = tern_suite_name(suites[i]);
        EXPECT_TRUE(n != NULL);
        EXPECT_EQ(tern_suite_by_name(n), suites[i]);
    }
    EXPECT_STR_EQ(tern_suite_name(0xc02b), "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    EXPECT_STR_EQ(tern_suite_name(0xc0ae), "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8");
    EXPECT_TRUE(tern_suite_name(0x0005) == NULL);
    EXPECT_EQ(tern_suite_by_name("TLS_RSA_WITH_RC4_128_SHA"), 0);
    EXPECT_EQ(tern_suite_by_name(NULL), 0);
    EXPECT_STR_EQ(tern_group_name(TERN_GROUP_X25519), "x25519");
    EXPECT_STR_EQ(tern_group_name(TERN_GROUP_SECP384R1), "secp384r1");
    EXPECT_TRUE(tern_group_name(0x9999) == NULL);
    EXPECT_STR_EQ(tern_sig_scheme_name(0x0804), "rsa_pss_rsae_sha256");
    EXPECT_STR_EQ(tern_sig_scheme_name(0x0403), "ecdsa_secp256r1_sha256");
    EXPECT_TRUE(tern_sig_scheme_name(0x0101) == NULL);
    EXPECT_STR_EQ(tern_version_name(TERN_TLS12), "TLS 1.2");
    EXPECT_STR_EQ(tern_version_name(0xfefd), "DTLS 1.2");
    EXPECT_TRUE(tern_version_name(0x0200) == NULL);
}

static void test_list_setters(void)
{
    tern_config cfg;
    uint16_t before[TERN_MAX_SUITES];
    size_t n;

    tern_config_init(&cfg);
    EXPECT_OK(tern_config_set_suites(&cfg, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256:"
                                           "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
    EXPECT_EQ_U(cfg.suites_count, 2);
    EXPECT_EQ(cfg.suites[0], 0xcca9);
    EXPECT_EQ(cfg.suites[1], 0xc02b);
    /* failures leave the list alone */
    memcpy(before, cfg.suites, sizeof(before));
    n = cfg.suites_count;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_suites(&cfg, "TLS_NOPE"));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_suites(&cfg, ""));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_suites(&cfg, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM:"));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_suites(&cfg, ":TLS_ECDHE_ECDSA_WITH_AES_128_CCM"));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_suites(&cfg, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM:"
                                                              "TLS_ECDHE_ECDSA_WITH_AES_128_CCM"));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_suites(&cfg, "tls_ecdhe_ecdsa_with_aes_128_ccm"));
    EXPECT_ERR(TERN_ERR_NULL_POINTER, tern_config_set_suites(&cfg, NULL));
    EXPECT_EQ_U(cfg.suites_count, n);
    EXPECT_MEM_EQ(cfg.suites, before, n * sizeof(before[0]));

    EXPECT_OK(tern_config_set_groups(&cfg, "secp384r1:x25519"));
    EXPECT_EQ_U(cfg.groups_count, 2);
    EXPECT_EQ(cfg.groups[0], TERN_GROUP_SECP384R1);
    /* ffdhe groups are listed for DHE (RFC 7919), never used for ECDHE */
    EXPECT_OK(tern_config_set_groups(&cfg, "x25519:ffdhe2048"));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_groups(&cfg, "ffdhe4096"));
    EXPECT_OK(tern_config_set_sig_schemes(&cfg, "ecdsa_secp256r1_sha256:rsa_pss_rsae_sha256"));
    EXPECT_EQ_U(cfg.sig_schemes_count, 2);
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_sig_schemes(&cfg, "ecdsa_secp256r1_sha257"));
}

static void test_credentials(void)
{
    tern_config cfg;
    et_cred p256, rsa;

    et_cred_load(&p256, "server-p256");
    et_cred_load(&rsa, "server-rsa2048");
    tern_config_init(&cfg);
    /* the key must belong to the leaf */
    EXPECT_ERR(TERN_ERR_BAD_KEY,
               tern_config_add_credential(&cfg, p256.chain, p256.lens, 2, &rsa.key));
    EXPECT_ERR(TERN_ERR_BAD_KEY,
               tern_config_add_credential(&cfg, rsa.chain, rsa.lens, 2, &p256.key));
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_config_add_credential(&cfg, p256.chain, p256.lens, 0, &p256.key));
    EXPECT_EQ_U(cfg.credentials_count, 0);
    EXPECT_OK(tern_config_add_credential(&cfg, p256.chain, p256.lens, 2, &p256.key));
    EXPECT_OK(tern_config_add_credential(&cfg, rsa.chain, rsa.lens, 2, &rsa.key));
    EXPECT_OK(tern_config_add_credential(&cfg, p256.chain, p256.lens, 1, &p256.key));
    EXPECT_OK(tern_config_add_credential(&cfg, rsa.chain, rsa.lens, 1, &rsa.key));
    EXPECT_ERR(TERN_ERR_FULL, tern_config_add_credential(&cfg, rsa.chain, rsa.lens, 1, &rsa.key));
    et_cred_free(&p256);
    et_cred_free(&rsa);
}

static void test_conn_init_checks(void)
{
    tern_config cfg;
    size_t n;
    uint8_t *mem;
    tern_conn *c;
    et_cred p256;

    et_cred_load(&p256, "server-p256");
    tern_config_init(&cfg);
    n = tern_conn_size(&cfg);
    mem = (uint8_t *)et_alloc(n + 16);
    /* a client that must verify needs a trust store: no "trust all" by
     * accident */
    EXPECT_ERR(TERN_ERR_BAD_CONFIG, tern_conn_init(&c, mem, n, &cfg, TERN_CLIENT));
    cfg.verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_conn_init(&c, mem, n, &cfg, TERN_CLIENT));
    tern_conn_free(c);
    /* a server needs a credential */
    EXPECT_ERR(TERN_ERR_BAD_CONFIG, tern_conn_init(&c, mem, n, &cfg, TERN_SERVER));
    EXPECT_OK(tern_config_add_credential(&cfg, p256.chain, p256.lens, 2, &p256.key));
    EXPECT_OK(tern_conn_init(&c, mem, n, &cfg, TERN_SERVER));
    tern_conn_free(c);
    /* ... and one that asks for client certificates, a trust store */
    cfg.verify_mode = TERN_VERIFY_REQUIRED;
    cfg.client_auth = TERN_CLIENT_AUTH_OPTIONAL;
    EXPECT_ERR(TERN_ERR_BAD_CONFIG, tern_conn_init(&c, mem, n, &cfg, TERN_SERVER));
    cfg.client_auth = TERN_CLIENT_AUTH_NONE;
    /* memory: size, alignment, role */
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_conn_init(&c, mem, n - 1, &cfg, TERN_SERVER));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_conn_init(&c, mem + 8, n, &cfg, TERN_SERVER));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_conn_init(&c, mem, n, &cfg, 7));
    /* limits below RFC 8449's floor */
    cfg.in_record_size = 63;
    EXPECT_ERR(TERN_ERR_BAD_CONFIG, tern_conn_init(&c, mem, n, &cfg, TERN_SERVER));
    cfg.in_record_size = 0;
    cfg.max_fragment_length = 5;
    EXPECT_ERR(TERN_ERR_BAD_CONFIG, tern_conn_init(&c, mem, n, &cfg, TERN_SERVER));
    cfg.max_fragment_length = 0;
    cfg.suites_count = 0;
    EXPECT_ERR(TERN_ERR_BAD_CONFIG, tern_conn_init(&c, mem, n, &cfg, TERN_SERVER));
    et_free(mem);
    et_cred_free(&p256);
}

/* tern_conn_size grows with the buffers and nothing else. */
static void test_conn_size(void)
{
    tern_config a, b;
    tern_config_init(&a);
    tern_config_init(&b);
    b.hs_buffer_size += 1000;
    EXPECT_TRUE(tern_conn_size(&b) >= tern_conn_size(&a) + 1000);
    b = a;
    b.keep_peer_chain = 0;
    EXPECT_TRUE(tern_conn_size(&b) + 16384 == tern_conn_size(&a));
    b = a;
    b.in_record_size = 1024;
    b.out_record_size = 1024;
    EXPECT_TRUE(tern_conn_size(&b) + 2 * 15360 == tern_conn_size(&a));
}

int main(void)
{
    RUN_TEST(test_defaults);
    RUN_TEST(test_names);
    RUN_TEST(test_list_setters);
    RUN_TEST(test_credentials);
    RUN_TEST(test_conn_init_checks);
    RUN_TEST(test_conn_size);
    return TEST_REPORT();
}
