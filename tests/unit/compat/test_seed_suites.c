/*
 * The cipher suites of issue 8 through the seed API: CBC ciphers and
 * their MAC hashes registered with tls_register_bulk / _hash (tern's
 * TLS_BULK_ALG_*_CBC ids), the guide's suites (static RSA, DHE_RSA, 3DES),
 * the ECDHE CBC suites, the PSK ones with tern's tls_set_psk* extension,
 * and the AEAD suites already there.
 *
 * Every suite: a seed client and a seed server of the same module
 * handshake over a socket pair with the suite named in
 * g_tls_arr_cipher_suite, then data flows both ways. Negative tests: a
 * suite whose cipher or MAC hash is not registered is neither offered nor
 * accepted (native tern peers that allow only that suite fail; naming it
 * fails tls_start); 3DES and static RSA suites that are not named are
 * neither offered nor accepted, however much is registered; a wrong PSK
 * and an unknown identity fail with TLS_HS_ERR; the new calls' bad
 * arguments give their documented codes. Built with its own config_tls.h
 * options (test_seed_suites.cmake).
 */
#include "compat_test_util.h" /* first: _POSIX_C_SOURCE */

#include "compat_native_peer.h"

#include "tern/aead.h"
#include "tern/chacha.h"
#include "tern/cipher.h"
#include "tern/engine.h"
#include "tern/hash.h"
#include "tern/keys.h"
#include "tern/pk.h"
#include "tern/socket.h"

static t_tls_certificate srv_ec, srv_rsa, root;

static const uint8_t psk_a[32] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb,
                                  0xcc, 0xdd, 0xee, 0xff, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
                                  0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10};
static const uint8_t psk_b[32] = {0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa,
                                  0xab, 0xac, 0xad, 0xae, 0xaf, 0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5,
                                  0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf};
#define PSK_ID "seed-device-17"
#define PSK_ID_LEN 14u

/* ---- module setup ------------------------------------------------------------------------- */

static void load(void)
{
    ct_entry(&srv_ec, "server-p256", 1, 1);
    srv_ec.cert_role = TLS_CERT_ROLE_SERVER;
    ct_entry(&srv_rsa, "server-rsa2048", 1, 1);
    srv_rsa.cert_role = TLS_CERT_ROLE_SERVER;
    ct_entry(&root, "root-ca", 0, 0);
}

static void tables(void)
{
    ct_clear_tables();
    g_tls_arr_host_cert[0] = srv_ec;
    g_tls_arr_host_cert[1] = srv_rsa;
    g_tls_arr_ca_cert[0] = root;
}

/* What register_algs leaves out. */
enum { NO_SHA1 = 1, NO_CBC128 = 2, NO_3DES = 4 };

/* tls_init and every algorithm the suites of issue 8 need, as the
 * guide's application would register them (one call per algorithm). */
static void register_algs(unsigned omit)
{
    static const uint16_t aeads[] = {TLS_BULK_ALG_AES_128_GCM,      TLS_BULK_ALG_AES_256_GCM,
                                     TLS_BULK_ALG_AES_128_CCM,      TLS_BULK_ALG_AES_256_CCM,
                                     TLS_BULK_ALG_AES_128_CCM_8,    TLS_BULK_ALG_AES_256_CCM_8,
                                     TLS_BULK_ALG_CHACHA20_POLY1305};
    static const tern_aead_class *const aead_cls[] = {
        &tern_aead_aes128_gcm,       &tern_aead_aes256_gcm,  &tern_aead_aes128_ccm,
        &tern_aead_aes256_ccm,       &tern_aead_aes128_ccm8, &tern_aead_aes256_ccm8,
        &tern_aead_chacha20_poly1305};
    static const uint16_t signs[] = {TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256,
                                     TLS_SIGN_ALG_RSA_PSS_RSAE_SHA256,
                                     TLS_SIGN_ALG_RSA_PKCS1_SHA256};
    uint8_t slot = 0;
    size_t i;

    tables();
    EXPECT_EQ(tls_init(), TLS_OK);
    for (i = 0; i < sizeof(aeads) / sizeof(aeads[0]); i++) {
        EXPECT_EQ(tls_register_bulk(slot++, aead_cls[i], aeads[i]), TLS_OK);
    }
    if (!(omit & NO_CBC128)) {
        EXPECT_EQ(tls_register_bulk(slot++, tern_aes_get(), TLS_BULK_ALG_AES_128_CBC), TLS_OK);
    }
    EXPECT_EQ(tls_register_bulk(slot++, &tern_aes_ct_class, TLS_BULK_ALG_AES_256_CBC), TLS_OK);
    if (!(omit & NO_3DES)) {
        EXPECT_EQ(tls_register_bulk(slot++, &tern_des3_class, TLS_BULK_ALG_3DES_EDE_CBC), TLS_OK);
    }
    EXPECT_EQ(tls_register_hash(0, &tern_sha256_class, TLS_HASH_ALG_SHA256), TLS_OK);
    EXPECT_EQ(tls_register_hash(1, &tern_sha384_class, TLS_HASH_ALG_SHA384), TLS_OK);
    if (!(omit & NO_SHA1)) {
        EXPECT_EQ(tls_register_hash(2, &tern_sha1_class, TLS_HASH_ALG_SHA1), TLS_OK);
    }
    for (i = 0; i < sizeof(signs) / sizeof(signs[0]); i++) {
        EXPECT_EQ(tls_register_sign((uint8_t)i, tern_sig_by_scheme(signs[i]), signs[i]), TLS_OK);
    }
}

static int is_psk(uint16_t s)
{
    switch (s) {
    case TLS_PSK_WITH_AES_128_GCM_SHA256:
    case TLS_PSK_WITH_AES_256_GCM_SHA384:
    case TLS_PSK_WITH_AES_128_CCM:
    case TLS_PSK_WITH_AES_256_CCM:
    case TLS_PSK_WITH_AES_128_CCM_8:
    case TLS_PSK_WITH_AES_256_CCM_8:
    case TLS_PSK_WITH_CHACHA20_POLY1305_SHA256:
    case TLS_PSK_WITH_AES_128_CBC_SHA256:
    case TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256:
    case TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256:
    case TLS_DHE_PSK_WITH_AES_128_GCM_SHA256:
    case TLS_DHE_PSK_WITH_AES_256_GCM_SHA384:
    case TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256:
    case TLS_RSA_PSK_WITH_AES_128_GCM_SHA256:
    case TLS_RSA_PSK_WITH_AES_256_GCM_SHA384:
    case TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256:
    case TLS_RSA_PSK_WITH_AES_128_CBC_SHA256:
    case TLS_RSA_PSK_WITH_AES_256_CBC_SHA384:
    case TLS_RSA_PSK_WITH_AES_128_CBC_SHA:
    case TLS_RSA_PSK_WITH_AES_256_CBC_SHA:
    case TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA:
        return 1;
    default:
        return 0;
    }
}

static int is_cbc(uint16_t s)
{
    const char *n = tern_suite_name(s);
    return n != NULL && strstr(n, "_CBC_") != NULL;
}

/* ---- seed to seed -------------------------------------------------------------------------- */

static void run_hs(const int p[2], t_tls_ret *cr, t_tls_ret *sr)
{
    int i;
    *cr = *sr = TLS_WAIT;
    for (i = 0; i < 20000 && (*cr == TLS_WAIT || *sr == TLS_WAIT); i++) {
        if (*cr == TLS_WAIT) {
            *cr = tls_client_handshake_socket(p[0], "localhost", TLS_INVALID_CONN_TICKET);
        }
        if (*sr == TLS_WAIT) {
            *sr = tls_server_handshake_socket(p[1], 0, NULL);
        }
    }
}

/* Sends len bytes from one end, reads them at the other. */
static int transfer(int from, int to, size_t len)
{
    uint8_t msg[1200], back[sizeof(msg)];
    size_t got = 0, i;
    int k;

    for (i = 0; i < len; i++) {
        msg[i] = (uint8_t)(i * 7 + (size_t)from);
    }
    if (tls_send_socket(from, msg, (uint16_t)len) != TLS_OK) {
        return 0;
    }
    for (k = 0; k < 20000 && got < len; k++) {
        uint8_t *q = back + got;
        uint16_t n = 0;
        t_tls_ret r = tls_receive_socket(to, &q, (uint16_t)(sizeof(back) - got), &n);
        if (r == TLS_OK) {
            got += n;
        } else if (r != TLS_WAIT) {
            break;
        }
    }
    return got == len && memcmp(back, msg, len) == 0;
}

static void close_pair(int p[2])
{
    (void)tls_close_socket(p[0]);
    (void)tls_close_socket(p[1]);
    close(p[0]);
    close(p[1]);
}

/* The suites of issue 8 the seed API reaches (all of the engine's). */
static const uint16_t all_suites[] = {
    /* the User Guide's (4.4) and the other legacy ones: named only */
    TLS_RSA_WITH_3DES_EDE_CBC_SHA,
    TLS_RSA_WITH_AES_128_CBC_SHA,
    TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA,
    TLS_RSA_WITH_AES_128_CBC_SHA256,
    TLS_RSA_WITH_AES_128_GCM_SHA256,
    TLS_RSA_WITH_AES_256_GCM_SHA384,
    /* ECDHE with CBC */
    TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
    TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
    TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
    TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
    /* PSK */
    TLS_PSK_WITH_AES_128_CBC_SHA256,
    TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256,
    TLS_PSK_WITH_AES_128_GCM_SHA256,
    TLS_PSK_WITH_AES_256_GCM_SHA384,
    TLS_PSK_WITH_AES_128_CCM,
    TLS_PSK_WITH_AES_256_CCM,
    TLS_PSK_WITH_AES_128_CCM_8,
    TLS_PSK_WITH_AES_256_CCM_8,
    TLS_PSK_WITH_CHACHA20_POLY1305_SHA256,
    TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
    TLS_DHE_PSK_WITH_AES_128_GCM_SHA256,
    TLS_DHE_PSK_WITH_AES_256_GCM_SHA384,
    TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
    /* RSA_PSK: certificate and PSK, named only */
    TLS_RSA_PSK_WITH_AES_128_GCM_SHA256,
    TLS_RSA_PSK_WITH_AES_256_GCM_SHA384,
    TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256,
    TLS_RSA_PSK_WITH_AES_128_CBC_SHA256,
    TLS_RSA_PSK_WITH_AES_256_CBC_SHA384,
    TLS_RSA_PSK_WITH_AES_128_CBC_SHA,
    TLS_RSA_PSK_WITH_AES_256_CBC_SHA,
    TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA,
    /* AEAD with certificates */
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    TLS_ECDHE_ECDSA_WITH_AES_128_CCM,
    TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
    TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
    TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
};

static uint16_t cur_suite;

/* One suite: named, handshake, data both ways, then the module stops. */
static void test_suite(void)
{
    int p[2];
    t_tls_ret cr, sr;
    tern_conn_info ci, si;
    int fails = tt_cur_failures_;

    register_algs(0);
    if (is_psk(cur_suite)) {
        EXPECT_EQ(tls_set_psk((const uint8_t *)PSK_ID, PSK_ID_LEN, psk_a, sizeof(psk_a)), TLS_OK);
    }
    g_tls_arr_cipher_suite[0] = cur_suite;
    EXPECT_EQ(tls_start(), TLS_OK);
    ct_pair(p, 1);
    run_hs(p, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    if (cr == TLS_OK && sr == TLS_OK) {
        EXPECT_EQ(tls_get_info_socket(p[0], &ci), TLS_OK);
        EXPECT_EQ(tls_get_info_socket(p[1], &si), TLS_OK);
        EXPECT_EQ(ci.suite, cur_suite);
        EXPECT_EQ(si.suite, cur_suite);
        /* encrypt_then_mac (RFC 7366) with every CBC suite, never AEAD */
        EXPECT_EQ(ci.etm, is_cbc(cur_suite));
        EXPECT_TRUE(transfer(p[0], p[1], 1000));
        EXPECT_TRUE(transfer(p[1], p[0], 777));
        EXPECT_TRUE(transfer(p[0], p[1], 1));
    }
    close_pair(p);
    ct_down();
    if (tt_cur_failures_ != fails) {
        printf("  suite 0x%04x %s failed\n", (unsigned)cur_suite, tern_suite_name(cur_suite));
    }
}

/* ---- negative tests and the rules ------------------------------------------------------ */

/* Automatic choice (nothing named, room for 40 suites): a CBC suite whose
 * MAC hash (SHA-1) or cipher (AES-128-CBC) is not registered is neither
 * offered by a seed client nor accepted by a seed server; registered,
 * the same suite works (the control). Naming it fails tls_start. */
static void test_unregistered_not_offered(void)
{
    int nr;
    static const struct {
        unsigned omit;
        const char *suite;
        uint16_t id;
    } cases[] = {
        {NO_SHA1, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA},
        {NO_SHA1, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA},
        {NO_CBC128, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
         TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int rsa = strstr(cases[i].suite, "_RSA_") != NULL;
        register_algs(cases[i].omit);
        EXPECT_EQ(tls_start(), TLS_OK);
        EXPECT_NE(mixed(TERN_CLIENT, cases[i].suite, rsa, &nr), TLS_OK);
        EXPECT_NE(nr, TERN_OK);
        EXPECT_NE(mixed(TERN_SERVER, cases[i].suite, rsa, &nr), TLS_OK);
        EXPECT_NE(nr, TERN_OK);
        ct_down();
        /* named: tls_start says no */
        register_algs(cases[i].omit);
        g_tls_arr_cipher_suite[0] = cases[i].id;
        EXPECT_EQ(tls_start(), TLS_INIT_ERR);
        EXPECT_EQ(tls_delete(), TLS_OK);
        /* the control: everything registered, automatic */
        register_algs(0);
        EXPECT_EQ(tls_start(), TLS_OK);
        EXPECT_EQ(mixed(TERN_CLIENT, cases[i].suite, rsa, &nr), TLS_OK);
        EXPECT_EQ(nr, TERN_OK);
        EXPECT_EQ(mixed(TERN_SERVER, cases[i].suite, rsa, &nr), TLS_OK);
        EXPECT_EQ(nr, TERN_OK);
        ct_down();
    }
}

/* 3DES and static RSA: registered (3DES cipher, SHA-1, RSA key) but not
 * named, they are neither offered nor accepted, with the automatic
 * choice or with a named list of other suites; named, they work against
 * native tern peers too. */
static void test_legacy_named_only(void)
{
    static const char *const legacy[] = {
        "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
        "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA256",
        "TLS_RSA_WITH_AES_128_GCM_SHA256"};
    size_t i;
    int nr, named;

    for (named = 0; named < 2; named++) {
        register_algs(0);
        if (named) {
            /* a list that names other suites only */
            g_tls_arr_cipher_suite[0] = TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
            g_tls_arr_cipher_suite[1] = TLS_DHE_RSA_WITH_AES_128_GCM_SHA256;
        }
        EXPECT_EQ(tls_start(), TLS_OK);
        for (i = 0; i < sizeof(legacy) / sizeof(legacy[0]); i++) {
            EXPECT_NE(mixed(TERN_CLIENT, legacy[i], 1, &nr), TLS_OK);
            EXPECT_NE(nr, TERN_OK);
            EXPECT_NE(mixed(TERN_SERVER, legacy[i], 1, &nr), TLS_OK);
            EXPECT_NE(nr, TERN_OK);
        }
        ct_down();
    }
    /* named: the guide's three, against native peers both ways */
    register_algs(0);
    g_tls_arr_cipher_suite[0] = TLS_RSA_WITH_3DES_EDE_CBC_SHA;
    g_tls_arr_cipher_suite[1] = TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA;
    g_tls_arr_cipher_suite[2] = TLS_RSA_WITH_AES_128_CBC_SHA;
    EXPECT_EQ(tls_start(), TLS_OK);
    for (i = 0; i < 3; i++) {
        EXPECT_EQ(mixed_data(TERN_CLIENT, legacy[i], 1, 1, &nr), TLS_OK);
        EXPECT_EQ(nr, TERN_OK);
        EXPECT_EQ(mixed_data(TERN_SERVER, legacy[i], 1, 1, &nr), TLS_OK);
        EXPECT_EQ(nr, TERN_OK);
    }
    ct_down();
}

/* Naming what cannot run fails tls_start: a suite tern does not have
 * (the guide's 0x0013, which is DHE_DSS), a 3DES suite without the 3DES
 * cipher registered, a PSK suite without a PSK. */
static void test_named_unusable(void)
{
    static const struct {
        unsigned omit;
        uint16_t id;
    } cases[] = {
        {0, TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA},   {0, TLS_DHE_RSA_WITH_AES_128_CBC_SHA},
        {NO_3DES, TLS_RSA_WITH_3DES_EDE_CBC_SHA}, {NO_SHA1, TLS_RSA_WITH_AES_128_CBC_SHA},
        {0, TLS_PSK_WITH_AES_128_CBC_SHA256},     {0, TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        register_algs(cases[i].omit);
        g_tls_arr_cipher_suite[0] = TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
        g_tls_arr_cipher_suite[1] = cases[i].id;
        EXPECT_EQ(tls_start(), TLS_INIT_ERR);
        EXPECT_EQ(tls_delete(), TLS_OK);
    }
}

/* PSK callbacks: the client chooses by the server's hint, the server
 * looks the identity up. */
static unsigned client_calls, server_calls;

static t_tls_ret client_psk(uint32_t param, const uint8_t *p_hint, uint16_t hint_len,
                            uint8_t *p_identity, uint16_t *p_identity_len, uint8_t *p_key,
                            uint16_t *p_key_len)
{
    client_calls++;
    if (param != 7u || hint_len != 6 || memcmp(p_hint, "zone-4", 6) != 0 ||
        *p_identity_len < PSK_ID_LEN || *p_key_len < sizeof(psk_a)) {
        return TLS_PARAM_ERR;
    }
    memcpy(p_identity, PSK_ID, PSK_ID_LEN);
    *p_identity_len = (uint16_t)PSK_ID_LEN;
    memcpy(p_key, psk_a, sizeof(psk_a));
    *p_key_len = (uint16_t)sizeof(psk_a);
    return TLS_OK;
}

/* param 1: the right key; 2: a wrong key; 3: unknown identity. */
static t_tls_ret server_psk(uint32_t param, const uint8_t *p_identity, uint16_t identity_len,
                            uint8_t *p_key, uint16_t *p_key_len)
{
    server_calls++;
    if (param == 3u || identity_len != PSK_ID_LEN || memcmp(p_identity, PSK_ID, PSK_ID_LEN) != 0) {
        return TLS_NOT_FOUND_ERR;
    }
    memcpy(p_key, param == 1u ? psk_a : psk_b, sizeof(psk_a));
    *p_key_len = (uint16_t)sizeof(psk_a);
    return TLS_OK;
}

static void psk_pair(uint32_t server_param, int client_cb, t_tls_ret *cr, t_tls_ret *sr)
{
    int p[2];

    register_algs(0);
    EXPECT_EQ(tls_set_psk((const uint8_t *)PSK_ID, PSK_ID_LEN, psk_a, sizeof(psk_a)), TLS_OK);
    EXPECT_EQ(tls_set_psk_hint((const uint8_t *)"zone-4", 6), TLS_OK);
    EXPECT_EQ(tls_set_psk_server_cb(server_psk, server_param), TLS_OK);
    if (client_cb) {
        EXPECT_EQ(tls_set_psk_client_cb(client_psk, 7u), TLS_OK);
    }
    g_tls_arr_cipher_suite[0] = TLS_PSK_WITH_AES_128_CBC_SHA256;
    EXPECT_EQ(tls_start(), TLS_OK);
    ct_pair(p, 1);
    run_hs(p, cr, sr);
    close_pair(p);
    ct_down();
}

static void test_psk_callbacks(void)
{
    t_tls_ret cr, sr;

    client_calls = server_calls = 0;
    psk_pair(1u, 1, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    EXPECT_EQ(client_calls, 1);
    EXPECT_EQ(server_calls, 1);
}

/* A wrong key fails both ends at the Finished (bad_record_mac), an
 * unknown identity at the ClientKeyExchange (unknown_psk_identity): the
 * mapped code is TLS_HS_ERR. */
static void test_psk_wrong(void)
{
    t_tls_ret cr, sr;
    int nr;

    psk_pair(2u, 0, &cr, &sr);
    EXPECT_EQ(cr, TLS_HS_ERR);
    EXPECT_EQ(sr, TLS_HS_ERR);
    psk_pair(3u, 1, &cr, &sr);
    EXPECT_EQ(cr, TLS_HS_ERR);
    EXPECT_EQ(sr, TLS_HS_ERR);

    /* against native tern ends with the other key */
    register_algs(0);
    EXPECT_EQ(tls_set_psk((const uint8_t *)PSK_ID, PSK_ID_LEN, psk_a, sizeof(psk_a)), TLS_OK);
    EXPECT_EQ(tls_start(), TLS_OK);
    {
        int p[2];
        tern_conn *nc;
        ct_pair(p, 1);
        tern_config_init(&ncfg);
        EXPECT_EQ(tern_config_set_suites(&ncfg, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256"), TERN_OK);
        EXPECT_EQ(
            tern_config_set_psk(&ncfg, (const uint8_t *)PSK_ID, PSK_ID_LEN, psk_b, sizeof(psk_b)),
            TERN_OK);
        nc = native_conn(TERN_SERVER, p[1]);
        if (nc != NULL) {
            run_mixed(p, TERN_CLIENT, nc, &cr, &nr);
            EXPECT_EQ(cr, TLS_HS_ERR);
            EXPECT_EQ(nr, TERN_ERR_BAD_RECORD_MAC); /* its Finished check */
            tern_conn_free(nc);
        }
        (void)tls_close_socket(p[0]);
        close(p[0]);
        close(p[1]);
        /* a native client with an unknown identity */
        ct_pair(p, 1);
        tern_config_init(&ncfg);
        EXPECT_EQ(tern_config_set_suites(&ncfg, "TLS_PSK_WITH_AES_128_GCM_SHA256"), TERN_OK);
        EXPECT_EQ(tern_config_set_psk(&ncfg, (const uint8_t *)"stranger", 8, psk_a, sizeof(psk_a)),
                  TERN_OK);
        nc = native_conn(TERN_CLIENT, p[1]);
        if (nc != NULL) {
            run_mixed(p, TERN_SERVER, nc, &sr, &nr);
            EXPECT_EQ(sr, TLS_HS_ERR);
            EXPECT_EQ(nr, TERN_ERR_ALERT_RECEIVED(115)); /* unknown_psk_identity */
            tern_conn_free(nc);
        }
        (void)tls_close_socket(p[0]);
        close(p[0]);
        close(p[1]);
        tern_config_wipe(&ncfg);
    }
    ct_down();
}

/* A PSK-only module: no certificates and no signature class at all. */
static void test_psk_only(void)
{
    int p[2];
    t_tls_ret cr, sr;
    tern_conn_info ci;

    ct_clear_tables();
    EXPECT_EQ(tls_init(), TLS_OK);
    EXPECT_EQ(tls_register_bulk(0, tern_aes_get(), TLS_BULK_ALG_AES_128_CBC), TLS_OK);
    EXPECT_EQ(tls_register_hash(0, &tern_sha256_class, TLS_HASH_ALG_SHA256), TLS_OK);
    EXPECT_EQ(tls_set_psk((const uint8_t *)PSK_ID, PSK_ID_LEN, psk_a, sizeof(psk_a)), TLS_OK);
    EXPECT_EQ(tls_start(), TLS_OK); /* automatic: the two PSK CBC suites */
    ct_pair(p, 1);
    run_hs(p, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    EXPECT_EQ(tls_get_info_socket(p[0], &ci), TLS_OK);
    EXPECT_EQ(ci.suite, TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256);
    EXPECT_TRUE(transfer(p[0], p[1], 500));
    close_pair(p);
    ct_down();
    /* every built-in class registered but no certificate: the server
     * serves the PSK suites, the client falls back to them */
    ct_clear_tables();
    g_tls_arr_ca_cert[0] = root;
    EXPECT_EQ(tls_init(), TLS_OK);
    EXPECT_EQ(tls_register_builtin(), TLS_OK);
    EXPECT_EQ(tls_set_psk((const uint8_t *)PSK_ID, PSK_ID_LEN, psk_a, sizeof(psk_a)), TLS_OK);
    EXPECT_EQ(tls_start(), TLS_OK);
    ct_pair(p, 1);
    run_hs(p, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    EXPECT_EQ(tls_get_info_socket(p[0], &ci), TLS_OK);
    EXPECT_EQ(ci.suite, TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256);
    EXPECT_TRUE(transfer(p[1], p[0], 300));
    close_pair(p);
    ct_down();
    /* without the PSK nothing is left to offer */
    ct_clear_tables();
    EXPECT_EQ(tls_init(), TLS_OK);
    EXPECT_EQ(tls_register_bulk(0, tern_aes_get(), TLS_BULK_ALG_AES_128_CBC), TLS_OK);
    EXPECT_EQ(tls_register_hash(0, &tern_sha256_class, TLS_HASH_ALG_SHA256), TLS_OK);
    EXPECT_EQ(tls_start(), TLS_INIT_ERR);
    EXPECT_EQ(tls_delete(), TLS_OK);
}

/* The new calls' documented errors. */
static void test_bad_args(void)
{
    uint8_t big[TLS_MAX_PSK_IDENTITY_LEN + 1];
    tern_block_class mine;

    memset(big, 'x', sizeof(big));
    EXPECT_EQ(tls_set_psk((const uint8_t *)PSK_ID, PSK_ID_LEN, psk_a, 16), TLS_INIT_ERR);
    EXPECT_EQ(tls_set_psk_hint((const uint8_t *)"h", 1), TLS_INIT_ERR);
    EXPECT_EQ(tls_set_psk_client_cb(client_psk, 0), TLS_INIT_ERR);
    EXPECT_EQ(tls_set_psk_server_cb(server_psk, 0), TLS_INIT_ERR);

    tables();
    EXPECT_EQ(tls_init(), TLS_OK);
    EXPECT_EQ(tls_set_psk((const uint8_t *)PSK_ID, PSK_ID_LEN, NULL, 16), TLS_NULL_PTR_ERR);
    EXPECT_EQ(tls_set_psk(NULL, 3, psk_a, 16), TLS_NULL_PTR_ERR);
    EXPECT_EQ(tls_set_psk((const uint8_t *)PSK_ID, PSK_ID_LEN, psk_a, 0), TLS_PARAM_ERR);
    EXPECT_EQ(tls_set_psk((const uint8_t *)PSK_ID, PSK_ID_LEN, big, TLS_MAX_PSK_LEN + 1),
              TLS_PARAM_ERR);
    EXPECT_EQ(tls_set_psk(big, TLS_MAX_PSK_IDENTITY_LEN + 1, psk_a, 16), TLS_PARAM_ERR);
    EXPECT_EQ(tls_set_psk(big, TLS_MAX_PSK_IDENTITY_LEN, big, TLS_MAX_PSK_LEN), TLS_OK);
    EXPECT_EQ(tls_set_psk(NULL, 0, psk_a, 1), TLS_OK); /* empty identity */
    EXPECT_EQ(tls_set_psk(NULL, 0, NULL, 0), TLS_OK);  /* removed */
    EXPECT_EQ(tls_set_psk_hint(NULL, 2), TLS_NULL_PTR_ERR);
    EXPECT_EQ(tls_set_psk_hint(big, TLS_MAX_PSK_IDENTITY_LEN + 1), TLS_PARAM_ERR);
    EXPECT_EQ(tls_set_psk_hint(NULL, 0), TLS_OK);
    EXPECT_EQ(tls_set_psk_client_cb(NULL, 0), TLS_OK);
    EXPECT_EQ(tls_set_psk_server_cb(NULL, 0), TLS_OK);

    /* CBC registrations */
    mine = tern_aes_ct_class;
    mine.name = "application AES";
    EXPECT_EQ(tls_register_bulk(0, &mine, TLS_BULK_ALG_AES_128_CBC), TLS_OK); /* application's */
    mine.block_len = 8;
    EXPECT_EQ(tls_register_bulk(0, &mine, TLS_BULK_ALG_AES_128_CBC), TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_bulk(0, &mine, TLS_BULK_ALG_3DES_EDE_CBC), TLS_OK);
    mine.flags |= TERN_BLOCK_ENCRYPT_ONLY;
    EXPECT_EQ(tls_register_bulk(0, &mine, TLS_BULK_ALG_3DES_EDE_CBC), TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_bulk(0, &tern_aes_ct_enc_class, TLS_BULK_ALG_AES_128_CBC),
              TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_bulk(0, &tern_des3_class, TLS_BULK_ALG_AES_128_CBC), TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_bulk(0, tern_aes_get(), TLS_BULK_ALG_3DES_EDE_CBC), TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_bulk(0, tern_aes_get(), 0x8004), TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_bulk(0, &tern_aead_aes128_gcm, TLS_BULK_ALG_AES_128_CBC), TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_bulk(0, &tern_des3_class, TLS_BULK_ALG_AES_128_GCM), TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_bulk(TLS_MAX_BULK_ALG_SIZE, &tern_des3_class, TLS_BULK_ALG_3DES_EDE_CBC),
              TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_bulk(0, NULL, TLS_BULK_ALG_3DES_EDE_CBC), TLS_NULL_PTR_ERR);
    EXPECT_EQ(tls_register_bulk(0, &tern_des3_class, TLS_BULK_ALG_3DES_EDE_CBC), TLS_OK);

    EXPECT_EQ(tls_register_builtin(), TLS_OK);
    EXPECT_EQ(tls_start(), TLS_OK);
    EXPECT_EQ(tls_set_psk((const uint8_t *)PSK_ID, PSK_ID_LEN, psk_a, 16), TLS_INIT_ERR);
    EXPECT_EQ(tls_set_psk_hint((const uint8_t *)"h", 1), TLS_INIT_ERR);
    EXPECT_EQ(tls_set_psk_client_cb(client_psk, 0), TLS_INIT_ERR);
    EXPECT_EQ(tls_set_psk_server_cb(server_psk, 0), TLS_INIT_ERR);
    EXPECT_EQ(tls_register_bulk(1, tern_aes_get(), TLS_BULK_ALG_AES_128_CBC), TLS_INIT_ERR);
    ct_down();
}

int main(void)
{
    size_t i;

    ct_guard(300);
    load();
    for (i = 0; i < sizeof(all_suites) / sizeof(all_suites[0]); i++) {
        cur_suite = all_suites[i];
        RUN_TEST(test_suite);
    }
    RUN_TEST(test_unregistered_not_offered);
    RUN_TEST(test_legacy_named_only);
    RUN_TEST(test_named_unusable);
    RUN_TEST(test_psk_callbacks);
    RUN_TEST(test_psk_wrong);
    RUN_TEST(test_psk_only);
    RUN_TEST(test_bad_args);
    return TEST_REPORT();
}
