/*
 * The seed API on a library whose public-key switches are off (the
 * PSK-only library of tests/unit/engine/test_kx_psk_only.cmake:
 * TERN_CONFIG_RSA, _FFDH, _X25519, _ED25519, _ECC_P256, _ECC_P384 = 0, so
 * no static RSA, DHE or ECDHE): suites compiled out of the library are
 * never offered, and naming one makes tls_start fail (with a log line
 * saying it is compiled out); the plain PSK suites, AEAD and CBC, still
 * run seed to seed. The default build runs it against libtern, where the
 * named suites are built: there tls_start succeeds, which the test
 * checks too (TERN_TEST_NOPK tells which library it has).
 */
#include "compat_test_util.h" /* first: _POSIX_C_SOURCE */

#include "tern/aead.h"
#include "tern/cipher.h"
#include "tern/hash.h"
#include "tern/pk.h"

static const uint8_t key[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

#ifdef TERN_TEST_NOPK
#define BUILT 0
#else
#define BUILT 1
#endif

static void module(void)
{
    ct_clear_tables();
    EXPECT_EQ(tls_init(), TLS_OK);
    EXPECT_EQ(tls_register_bulk(0, &tern_aead_aes128_gcm, TLS_BULK_ALG_AES_128_GCM), TLS_OK);
    EXPECT_EQ(tls_register_bulk(1, tern_aes_get(), TLS_BULK_ALG_AES_128_CBC), TLS_OK);
    EXPECT_EQ(tls_register_bulk(2, &tern_des3_class, TLS_BULK_ALG_3DES_EDE_CBC), TLS_OK);
    EXPECT_EQ(tls_register_hash(0, &tern_sha256_class, TLS_HASH_ALG_SHA256), TLS_OK);
    EXPECT_EQ(tls_register_hash(1, &tern_sha1_class, TLS_HASH_ALG_SHA1), TLS_OK);
    EXPECT_EQ(tls_set_psk((const uint8_t *)"nopk", 4, key, sizeof(key)), TLS_OK);
#if BUILT /* the named certificate suites need a signature class */
    EXPECT_EQ(tls_register_sign(0, tern_sig_by_scheme(TLS_SIGN_ALG_RSA_PKCS1_SHA256),
                                TLS_SIGN_ALG_RSA_PKCS1_SHA256),
              TLS_OK);
    EXPECT_EQ(tls_register_sign(1, tern_sig_by_scheme(TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256),
                                TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256),
              TLS_OK);
#endif
}

/* Naming a suite whose key exchange is compiled out. */
static void test_named_compiled_out(void)
{
    static const uint16_t named[] = {
        TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA,
        TLS_RSA_WITH_AES_128_CBC_SHA, TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256,
        TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA};
    size_t i;

    for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
        module();
        g_tls_arr_cipher_suite[0] = named[i];
        if (BUILT) {
            EXPECT_EQ(tls_start(), TLS_OK);
            ct_down();
        } else {
            EXPECT_EQ(tls_start(), TLS_INIT_ERR);
            EXPECT_EQ(tls_delete(), TLS_OK);
        }
    }
}

static void run_pair(uint16_t named, uint16_t expect)
{
    int p[2], i;
    t_tls_ret cr = TLS_WAIT, sr = TLS_WAIT;
    tern_conn_info ci;

    module();
    g_tls_arr_cipher_suite[0] = named;
    EXPECT_EQ(tls_start(), TLS_OK);
    ct_pair(p, 1);
    for (i = 0; i < 20000 && (cr == TLS_WAIT || sr == TLS_WAIT); i++) {
        if (cr == TLS_WAIT) {
            cr = tls_client_handshake_socket(p[0], "", TLS_INVALID_CONN_TICKET);
        }
        if (sr == TLS_WAIT) {
            sr = tls_server_handshake_socket(p[1], 0, NULL);
        }
    }
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    EXPECT_EQ(tls_get_info_socket(p[0], &ci), TLS_OK);
    EXPECT_EQ(ci.suite, expect);
    (void)tls_close_socket(p[0]);
    (void)tls_close_socket(p[1]);
    close(p[0]);
    close(p[1]);
    ct_down();
}

/* Automatic (one suite): DHE_PSK where it is built, plain PSK without
 * public keys; named PSK CBC works in both. With room for more suites,
 * the automatic choice leaves out what cannot run (ECDHE_PSK without a
 * curve) and tls_start still succeeds. */
static void test_psk_runs(void)
{
    size_t i;
    for (i = 0; i < TLS_MAX_CIPHER_SUITES; i++) {
        g_tls_arr_cipher_suite[i] = 0;
    }
    run_pair(0, BUILT ? TLS_DHE_PSK_WITH_AES_128_GCM_SHA256 : TLS_PSK_WITH_AES_128_GCM_SHA256);
    run_pair(TLS_PSK_WITH_AES_128_CBC_SHA256, TLS_PSK_WITH_AES_128_CBC_SHA256);
}

int main(void)
{
    ct_guard(120);
    RUN_TEST(test_named_compiled_out);
    RUN_TEST(test_psk_runs);
    return TEST_REPORT();
}
