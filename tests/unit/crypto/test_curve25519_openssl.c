/*
 * Cross-check of X25519 and Ed25519 against OpenSSL's libcrypto (EVP_PKEY
 * raw keys), over pseudo-random keys and messages:
 *  - X25519: public keys agree; agreement tern <-> OpenSSL both ways;
 *  - Ed25519: public keys and (deterministic) signatures agree; tern signs
 *    and OpenSSL verifies, OpenSSL signs and tern verifies; a tampered
 *    signature is rejected by both.
 * The inputs come from a fixed-seed generator, so a failure names the
 * iteration and reproduces.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "tern/curve25519.h"
#include "tern_test.h"

#define X_ROUNDS 200
#define ED_ROUNDS 150

#if TERN_CONFIG_X25519 || TERN_CONFIG_ED25519
static uint64_t rng_state = 0x6a09e667f3bcc908ull;

static void fill(uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        rng_state ^= rng_state << 13;
        rng_state ^= rng_state >> 7;
        rng_state ^= rng_state << 17;
        p[i] = (uint8_t)(rng_state >> 24);
    }
}

static int ossl_public(int type, const uint8_t priv[32], uint8_t pub[32])
{
    EVP_PKEY *k = EVP_PKEY_new_raw_private_key(type, NULL, priv, 32);
    size_t len = 32;
    int ok = k != NULL && EVP_PKEY_get_raw_public_key(k, pub, &len) == 1 && len == 32;
    EVP_PKEY_free(k);
    return ok;
}

#endif

#if TERN_CONFIG_X25519
static int ossl_x25519(const uint8_t priv[32], const uint8_t peer[32], uint8_t out[32])
{
    EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, priv, 32);
    EVP_PKEY *p = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, peer, 32);
    EVP_PKEY_CTX *c = k != NULL ? EVP_PKEY_CTX_new(k, NULL) : NULL;
    size_t len = 32;
    int ok = c != NULL && p != NULL && EVP_PKEY_derive_init(c) == 1 &&
             EVP_PKEY_derive_set_peer(c, p) == 1 && EVP_PKEY_derive(c, out, &len) == 1 && len == 32;
    EVP_PKEY_CTX_free(c);
    EVP_PKEY_free(p);
    EVP_PKEY_free(k);
    return ok;
}

#endif

#if TERN_CONFIG_ED25519
static int ossl_ed_sign(const uint8_t seed[32], const uint8_t *msg, size_t len, uint8_t sig[64])
{
    EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    size_t sig_len = 64;
    int ok = k != NULL && c != NULL && EVP_DigestSignInit(c, NULL, NULL, NULL, k) == 1 &&
             EVP_DigestSign(c, sig, &sig_len, msg, len) == 1 && sig_len == 64;
    EVP_MD_CTX_free(c);
    EVP_PKEY_free(k);
    return ok;
}

/* 1 valid, 0 invalid, -1 error */
static int ossl_ed_verify(const uint8_t pk[32], const uint8_t *msg, size_t len,
                          const uint8_t sig[64])
{
    EVP_PKEY *k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pk, 32);
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int rc = -1;
    if (k != NULL && c != NULL && EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1) {
        rc = EVP_DigestVerify(c, sig, 64, msg, len) == 1 ? 1 : 0;
    }
    EVP_MD_CTX_free(c);
    EVP_PKEY_free(k);
    return rc;
}

#endif

static void test_x25519_vs_openssl(void)
{
#if TERN_CONFIG_X25519
    uint8_t a[32], b[32], pa[32], pb[32], opa[32], opb[32], s1[32], s2[32], s3[32];
    int i, bad = 0;

    for (i = 0; i < X_ROUNDS && bad < 5; i++) {
        fill(a, 32);
        fill(b, 32);
        EXPECT_OK(tern_x25519_base(pa, a));
        EXPECT_OK(tern_x25519_base(pb, b));
        if (!ossl_public(EVP_PKEY_X25519, a, opa) || !ossl_public(EVP_PKEY_X25519, b, opb)) {
            TEST_FAIL("OpenSSL X25519 key setup failed");
            return;
        }
        /* tern's a with OpenSSL's b, and the reverse. */
        EXPECT_OK(tern_x25519(s1, a, opb));
        if (!ossl_x25519(b, pa, s2) || !ossl_x25519(a, pb, s3)) {
            TEST_FAIL("OpenSSL X25519 derive failed");
            return;
        }
        if (memcmp(pa, opa, 32) != 0 || memcmp(pb, opb, 32) != 0 || memcmp(s1, s2, 32) != 0 ||
            memcmp(s1, s3, 32) != 0) {
            fprintf(stderr, "  x25519 mismatch at round %d\n", i);
            TEST_FAIL("X25519 differs from OpenSSL");
            bad++;
        }
    }
#else
    TEST_SKIP("X25519 compiled out");
#endif
}

static void test_ed25519_vs_openssl(void)
{
#if TERN_CONFIG_ED25519
    uint8_t seed[32], pk[32], opk[32], sig[64], osig[64], msg[600];
    size_t len;
    int i, bad = 0;

    for (i = 0; i < ED_ROUNDS && bad < 5; i++) {
        int ok;
        fill(seed, 32);
        len = (i == 0) ? 0 : (size_t)(i * 37) % sizeof(msg);
        fill(msg, len);
        EXPECT_OK(tern_ed25519_public(pk, seed));
        if (!ossl_public(EVP_PKEY_ED25519, seed, opk) || !ossl_ed_sign(seed, msg, len, osig)) {
            TEST_FAIL("OpenSSL Ed25519 setup failed");
            return;
        }
        EXPECT_OK(tern_ed25519_sign(sig, msg, len, seed, pk));
        ok = memcmp(pk, opk, 32) == 0 && memcmp(sig, osig, 64) == 0;
        /* tern -> OpenSSL, OpenSSL -> tern */
        ok = ok && ossl_ed_verify(pk, msg, len, sig) == 1;
        ok = ok && tern_ed25519_verify(opk, msg, len, osig) == TERN_OK;
        /* Tampered (one bit of R, S or the message): both reject. */
        sig[i % 64] ^= (uint8_t)(1u << (i % 8));
        ok = ok && ossl_ed_verify(pk, msg, len, sig) == 0;
        ok = ok && tern_ed25519_verify(pk, msg, len, sig) == TERN_ERR_BAD_SIGNATURE;
        sig[i % 64] ^= (uint8_t)(1u << (i % 8));
        if (len > 0) {
            msg[i % len] ^= 1;
            ok = ok && ossl_ed_verify(pk, msg, len, sig) == 0;
            ok = ok && tern_ed25519_verify(pk, msg, len, sig) == TERN_ERR_BAD_SIGNATURE;
        }
        if (!ok) {
            fprintf(stderr, "  ed25519 mismatch at round %d (len %zu)\n", i, len);
            TEST_FAIL("Ed25519 differs from OpenSSL");
            bad++;
        }
    }
#else
    TEST_SKIP("Ed25519 compiled out");
#endif
}

int main(void)
{
    RUN_TEST(test_x25519_vs_openssl);
    RUN_TEST(test_ed25519_vs_openssl);
    return TEST_REPORT();
}
