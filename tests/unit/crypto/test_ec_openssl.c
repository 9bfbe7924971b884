/*
 * P-256 / P-384 against OpenSSL libcrypto (the test opponent): ECDH
 * agreement both ways, OpenSSL signs -> tern verifies, tern signs ->
 * OpenSSL verifies, for keys made by each side: over digests (given
 * nonce, RFC 6979, RFC 6979 with extra randomness; DER and raw) and over
 * messages through the tern_sig_ecdsa_* classes against EVP_DigestSign /
 * EVP_DigestVerify with SHA-1/256/384/512.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "crypto/ecc/ecdsa_internal.h"
#include "ec_test_util.h"
#include "tern/ec.h"
#include "tern/hash.h"
#include "tern_test.h"

#define ROUNDS 16

static const char *ossl_group(uint16_t curve)
{
    return curve == TERN_GROUP_SECP256R1 ? "P-256" : "P-384";
}

/* OpenSSL key from tern's private scalar and public point. */
static EVP_PKEY *ossl_from_tern(uint16_t curve, const uint8_t *d, size_t len, const uint8_t *q)
{
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    EVP_PKEY *pkey = NULL;
    BIGNUM *bn = NULL;

    if (bld == NULL || ctx == NULL) {
        goto out;
    }
    if (!OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, ossl_group(curve), 0) ||
        !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, q, 1 + 2 * len)) {
        goto out;
    }
    if (d != NULL) {
        bn = BN_bin2bn(d, (int)len, NULL);
        if (bn == NULL || !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, bn)) {
            goto out;
        }
    }
    params = OSSL_PARAM_BLD_to_param(bld);
    if (params == NULL || EVP_PKEY_fromdata_init(ctx) <= 0 ||
        EVP_PKEY_fromdata(ctx, &pkey, d != NULL ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) <=
            0) {
        pkey = NULL;
    }
out:
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX_free(ctx);
    BN_free(bn);
    return pkey;
}

/* tern's private scalar and public point from an OpenSSL key. */
static int tern_from_ossl(EVP_PKEY *pkey, size_t len, uint8_t *d, uint8_t *q)
{
    BIGNUM *bn = NULL;
    size_t qlen = 0;
    int ok = EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &bn) == 1 &&
             BN_bn2binpad(bn, d, (int)len) == (int)len &&
             EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, q, 1 + 2 * len,
                                             &qlen) == 1 &&
             qlen == 1 + 2 * len;
    BN_free(bn);
    return ok;
}

static int ossl_derive(EVP_PKEY *priv, EVP_PKEY *peer, uint8_t *out, size_t len)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(priv, NULL);
    size_t n = len;
    int ok = ctx != NULL && EVP_PKEY_derive_init(ctx) > 0 &&
             EVP_PKEY_derive_set_peer(ctx, peer) > 0 && EVP_PKEY_derive(ctx, out, &n) > 0 &&
             n == len;
    EVP_PKEY_CTX_free(ctx);
    return ok;
}

static int ossl_sign(EVP_PKEY *key, const uint8_t *dg, size_t dg_len, uint8_t *sig, size_t *sig_len)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key, NULL);
    int ok = ctx != NULL && EVP_PKEY_sign_init(ctx) > 0 &&
             EVP_PKEY_sign(ctx, sig, sig_len, dg, dg_len) > 0;
    EVP_PKEY_CTX_free(ctx);
    return ok;
}

static int ossl_verify(EVP_PKEY *key, const uint8_t *dg, size_t dg_len, const uint8_t *sig,
                       size_t sig_len)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key, NULL);
    int rc = -1;
    if (ctx != NULL && EVP_PKEY_verify_init(ctx) > 0) {
        rc = EVP_PKEY_verify(ctx, sig, sig_len, dg, dg_len);
    }
    EVP_PKEY_CTX_free(ctx);
    return rc;
}

/* Message signatures with a digest (EVP_DigestSign / EVP_DigestVerify). */
static int ossl_msg_sign(EVP_PKEY *key, const EVP_MD *md, const uint8_t *msg, size_t msg_len,
                         uint8_t *sig, size_t *sig_len)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int ok = ctx != NULL && EVP_DigestSignInit(ctx, NULL, md, NULL, key) > 0 &&
             EVP_DigestSign(ctx, sig, sig_len, msg, msg_len) > 0;
    EVP_MD_CTX_free(ctx);
    return ok;
}

static int ossl_msg_verify(EVP_PKEY *key, const EVP_MD *md, const uint8_t *msg, size_t msg_len,
                           const uint8_t *sig, size_t sig_len)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int rc = -1;
    if (ctx != NULL && EVP_DigestVerifyInit(ctx, NULL, md, NULL, key) > 0) {
        rc = EVP_DigestVerify(ctx, sig, sig_len, msg, msg_len);
    }
    EVP_MD_CTX_free(ctx);
    return rc;
}

/* The signature classes and their OpenSSL digests. */
static const struct {
    const tern_sig_class *cls;
    const char *md;
} sig_classes[] = {
#if TERN_CONFIG_SHA1
    {&tern_sig_ecdsa_sha1, "SHA1"},
#endif
    {&tern_sig_ecdsa_sha256, "SHA256"},
    {&tern_sig_ecdsa_sha384, "SHA384"},
    {&tern_sig_ecdsa_sha512, "SHA512"},
};
#define NCLASSES (sizeof(sig_classes) / sizeof(sig_classes[0]))

/* tern_ecdsa_sign (deterministic and with extra randomness, DER and raw)
 * and the classes against OpenSSL, with the key pair (td, tq) = ours
 * and (od, oq) = theirs. */
static void sign_both_ways(uint16_t curve, ect_rng *rng, EVP_PKEY *ours, EVP_PKEY *theirs,
                           const uint8_t *td, const uint8_t *oq, int round)
{
    size_t len = tern_ec_curve_len(curve);
    size_t k;

    for (k = 0; k < NCLASSES; k++) {
        const tern_sig_class *cls = sig_classes[k].cls;
        const tern_hash_class *h = cls->hash;
        EVP_MD *md = EVP_MD_fetch(NULL, sig_classes[k].md, NULL);
        uint8_t msg[100], dg[TERN_HASH_MAX_DIGEST];
        uint8_t sig[TERN_ECDSA_MAX_DER_LEN + 16], raw[TERN_ECDSA_MAX_RAW_LEN];
        size_t msg_len = (size_t)(round * 7 + (int)k) % sizeof(msg), sig_len, raw_len;
        tern_privkey priv;
        tern_pubkey pub;

        EXPECT_TRUE(md != NULL);
        if (md == NULL) {
            return;
        }
        (void)ect_rng_generate(&rng->vtable, msg, sizeof(msg));
        tern_hash(h, msg, msg_len, dg);

        /* tern_ecdsa_sign over the digest, deterministic, DER */
        sig_len = sizeof(sig);
        EXPECT_OK(tern_ecdsa_sign(curve, td, len, h, dg, h->digest_len, NULL, TERN_ECDSA_DER, sig,
                                  &sig_len));
        EXPECT_EQ(ossl_verify(ours, dg, h->digest_len, sig, sig_len), 1);
        EXPECT_EQ(ossl_msg_verify(ours, md, msg, msg_len, sig, sig_len), 1);
        /* with extra randomness, raw, converted for OpenSSL */
        raw_len = sizeof(raw);
        EXPECT_OK(tern_ecdsa_sign(curve, td, len, h, dg, h->digest_len, &rng->vtable,
                                  TERN_ECDSA_RAW, raw, &raw_len));
        sig_len = sizeof(sig);
        EXPECT_OK(tern_ecdsa_raw_to_der(curve, raw, raw_len, sig, &sig_len));
        EXPECT_EQ(ossl_verify(ours, dg, h->digest_len, sig, sig_len), 1);
        dg[0] ^= 0x80;
        EXPECT_EQ(ossl_verify(ours, dg, h->digest_len, sig, sig_len), 0);
        dg[0] ^= 0x80;

        /* the class signs the message, OpenSSL verifies it */
        memset(&priv, 0, sizeof(priv));
        priv.type = TERN_KEY_EC;
        priv.u.ec.curve = curve;
        priv.u.ec.d = td;
        priv.u.ec.d_len = len;
        sig_len = sizeof(sig);
        EXPECT_OK(cls->sign(cls, &priv, &rng->vtable, msg, msg_len, sig, &sig_len));
        EXPECT_EQ(ossl_msg_verify(ours, md, msg, msg_len, sig, sig_len), 1);
        msg[0] ^= 1;
        EXPECT_EQ(ossl_msg_verify(ours, md, msg, msg_len + 1, sig, sig_len), 0);
        msg[0] ^= 1;

        /* OpenSSL signs the message, the class verifies it */
        memset(&pub, 0, sizeof(pub));
        pub.type = TERN_KEY_EC;
        pub.u.ec.curve = curve;
        pub.u.ec.q = oq;
        pub.u.ec.q_len = 1 + 2 * len;
        sig_len = sizeof(sig);
        EXPECT_TRUE(ossl_msg_sign(theirs, md, msg, msg_len, sig, &sig_len));
        EXPECT_OK(cls->verify(cls, &pub, msg, msg_len, sig, sig_len));
        EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, cls->verify(cls, &pub, msg, msg_len + 1, sig, sig_len));
        EVP_MD_free(md);
    }
}

static void run_curve(uint16_t curve)
{
    size_t len = tern_ec_curve_len(curve);
    int i;

    for (i = 0; i < ROUNDS; i++) {
        ect_rng rng;
        uint8_t td[TERN_EC_MAX_LEN], tq[TERN_EC_MAX_POINT_LEN];
        uint8_t od[TERN_EC_MAX_LEN], oq[TERN_EC_MAX_POINT_LEN];
        uint8_t s1[TERN_EC_MAX_LEN], s2[TERN_EC_MAX_LEN], s3[TERN_EC_MAX_LEN];
        uint8_t dg[64], sig[TERN_ECDSA_MAX_DER_LEN + 16];
        size_t sig_len, dg_len = (i % 2) ? 64 : len; /* also longer digests */
        EVP_PKEY *ours, *theirs;

        ect_rng_init(&rng, 0x5eed0000u + (unsigned)i + curve);
        EXPECT_OK(tern_ec_keygen(curve, &rng.vtable, td, tq));
        theirs = EVP_PKEY_Q_keygen(NULL, NULL, "EC", ossl_group(curve));
        EXPECT_TRUE(theirs != NULL && tern_from_ossl(theirs, len, od, oq));
        ours = ossl_from_tern(curve, td, len, tq);
        EXPECT_TRUE(ours != NULL);
        if (theirs == NULL || ours == NULL) {
            EVP_PKEY_free(theirs);
            EVP_PKEY_free(ours);
            return;
        }

        /* ECDH: tern(ours, their point) = OpenSSL(theirs, our point) */
        EXPECT_OK(tern_ecdh(curve, td, len, oq, 1 + 2 * len, s1));
        EXPECT_TRUE(ossl_derive(theirs, ours, s2, len));
        EXPECT_OK(tern_ecdh(curve, od, len, tq, 1 + 2 * len, s3));
        EXPECT_MEM_EQ(s1, s2, len);
        EXPECT_MEM_EQ(s1, s3, len);

        /* OpenSSL signs, tern verifies (DER); a changed digest fails */
        (void)ect_rng_generate(&rng.vtable, dg, sizeof(dg));
        sig_len = sizeof(sig);
        EXPECT_TRUE(ossl_sign(theirs, dg, dg_len, sig, &sig_len));
        EXPECT_OK(
            tern_ecdsa_verify(curve, oq, 1 + 2 * len, dg, dg_len, sig, sig_len, TERN_ECDSA_DER));
        dg[0] ^= 1;
        EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ecdsa_verify(curve, oq, 1 + 2 * len, dg, dg_len,
                                                             sig, sig_len, TERN_ECDSA_DER));
        dg[0] ^= 1;

        /* tern signs (given nonce), OpenSSL verifies */
        {
            uint8_t k[TERN_EC_MAX_LEN], raw[TERN_ECDSA_MAX_RAW_LEN];
            (void)ect_rng_generate(&rng.vtable, k, len);
            k[0] &= 0x7f; /* below n */
            EXPECT_OK(tern_ecdsa_sign_with_k(curve, td, len, k, len, dg, dg_len, raw));
            sig_len = sizeof(sig);
            EXPECT_OK(tern_ecdsa_raw_to_der(curve, raw, 2 * len, sig, &sig_len));
            EXPECT_EQ(ossl_verify(ours, dg, dg_len, sig, sig_len), 1);
            dg[1] ^= 1;
            EXPECT_EQ(ossl_verify(ours, dg, dg_len, sig, sig_len), 0);
            dg[1] ^= 1;
        }
        sign_both_ways(curve, &rng, ours, theirs, td, oq, i);
        EVP_PKEY_free(theirs);
        EVP_PKEY_free(ours);
    }
}

static void test_p256(void)
{
    if (tern_ec_curve_len(TERN_GROUP_SECP256R1) == 0) {
        TEST_SKIP("P-256 compiled out");
    }
    run_curve(TERN_GROUP_SECP256R1);
}

static void test_p384(void)
{
    if (tern_ec_curve_len(TERN_GROUP_SECP384R1) == 0) {
        TEST_SKIP("P-384 compiled out");
    }
    run_curve(TERN_GROUP_SECP384R1);
}

int main(void)
{
    RUN_TEST(test_p256);
    RUN_TEST(test_p384);
    return TEST_REPORT();
}
