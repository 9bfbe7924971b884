/*
 * RSA API behaviour beyond the vector files: key checks, every error
 * path, fault detection (corrupted CRT parts must give TERN_ERR_FAULT and
 * release nothing), strict PKCS#1 v1.5 verification against hand-built
 * malformed encodings, PSS salt lengths, encryption limits, the TLS
 * premaster decryption for each kind of bad plaintext, and the
 * signature classes.
 *
 * Keys come from the Wycheproof files (2048-bit CRT key from
 * rsa_pkcs1_2048_test.json, 3072-bit from rsa_pkcs1_3072_test.json).
 */
#include <stdlib.h>
#include <string.h>

#include "rsa_test_util.h"
#include "tern/rsa.h"
#include "tern_test.h"
#include "tv.h"

static test_rsa_key key2048, key3072;

static int load_key(test_rsa_key *k, const char *file)
{
    cJSON *root = tv_json_load(file);
    const cJSON *group;
    int rc = -1;

    trk_init(k);
    if (root == NULL) {
        return -1;
    }
    group = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "testGroups"), 0);
    if (group != NULL) {
        rc = trk_from_wycheproof(k, cJSON_GetObjectItemCaseSensitive(group, "privateKey"));
    }
    cJSON_Delete(root);
    return rc;
}

/* An independent copy of src (its own buffers). */ static void copy_key(test_rsa_key *dst,
                                                                         const test_rsa_key *src)
{
    int i;
    trk_init(dst);
    for (i = 0; i < TK_COUNT; i++) {
        if (src->b[i] != NULL) {
            (void)trk_set(dst, i, src->b[i], src->len[i]);
        }
    }
    trk_link(dst);
}

/* em (k bytes) -> c = em^e: a ciphertext whose decryption is em. */
static void encrypt_block(const test_rsa_key *k, const uint8_t *em, uint8_t *c)
{
    EXPECT_OK(tern_rsa_public(&k->pub, em, k->len[TK_N], c));
}

/* ---- keys and the raw primitives --------------------------------------------- */

static void test_public_key_checks(void)
{
    test_rsa_key k;
    uint8_t in[TERN_RSA_MAX_LEN], out[TERN_RSA_MAX_LEN];
    size_t klen = key2048.len[TK_N];
    uint8_t e1[1] = {1}, e2[1] = {2}, e3[1] = {3};

    memset(in, 0x11, sizeof(in));
    EXPECT_EQ_U(tern_rsa_pubkey_bits(&key2048.pub), 2048);
    EXPECT_OK(tern_rsa_public(&key2048.pub, in, klen, out));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_rsa_public(&key2048.pub, in, klen - 1, out));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_rsa_public(&key2048.pub, in, klen + 1, out));
    /* in = n and in = n + something: out of range */
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_rsa_public(&key2048.pub, key2048.b[TK_N], klen, out));
    memset(in, 0xff, klen);
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_rsa_public(&key2048.pub, in, klen, out));
    /* n - 1 is fine: (n - 1)^e = n - 1 for odd e */
    memcpy(in, key2048.b[TK_N], klen);
    in[klen - 1] ^= 1;
    EXPECT_OK(tern_rsa_public(&key2048.pub, in, klen, out));
    EXPECT_MEM_EQ(out, in, klen);
    /* 0 and 1 are fixed points */
    memset(in, 0, klen);
    EXPECT_OK(tern_rsa_public(&key2048.pub, in, klen, out));
    EXPECT_MEM_EQ(out, in, klen);

    copy_key(&k, &key2048);
    /* e = 1, e = 2 (even), e = 3 fine, e = n */
    (void)trk_set(&k, TK_E, e1, 1);
    trk_link(&k);
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_rsa_public(&k.pub, in, klen, out));
    (void)trk_set(&k, TK_E, e2, 1);
    trk_link(&k);
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_rsa_public(&k.pub, in, klen, out));
    (void)trk_set(&k, TK_E, e3, 1);
    trk_link(&k);
    EXPECT_OK(tern_rsa_public(&k.pub, in, klen, out));
    (void)trk_set(&k, TK_E, key2048.b[TK_N], klen);
    trk_link(&k);
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_rsa_public(&k.pub, in, klen, out));
    k.pub.e_len = 0;
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_rsa_public(&k.pub, in, klen, out));
    /* even n */
    (void)trk_set(&k, TK_E, key2048.b[TK_E], key2048.len[TK_E]);
    k.b[TK_N][klen - 1] ^= 1;
    trk_link(&k);
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_rsa_public(&k.pub, in, klen, out));
    k.b[TK_N][klen - 1] ^= 1;
    /* 1023- and 1024-bit moduli (the low half of n, top byte forced) */
    {
        uint8_t n1[128];
        memcpy(n1, key2048.b[TK_N] + klen - 128, 128);
        n1[0] = 0x7f;
        k.pub.n = n1;
        k.pub.n_len = 128;
        memset(in, 0x01, 128);
        EXPECT_ERR(TERN_ERR_KEY_TOO_SMALL, tern_rsa_public(&k.pub, in, 128, out));
        n1[0] = 0x80;
        EXPECT_OK(tern_rsa_public(&k.pub, in, 128, out));
        EXPECT_EQ_U(tern_rsa_pubkey_bits(&k.pub), 1024);
    }
    /* n with leading zero bytes is the same key */
    {
        uint8_t n0[TERN_RSA_MAX_LEN + 2];
        n0[0] = 0;
        n0[1] = 0;
        memcpy(n0 + 2, key2048.b[TK_N], klen);
        k.pub = key2048.pub;
        k.pub.n = n0;
        k.pub.n_len = klen + 2;
        memset(in, 0x22, klen);
        EXPECT_OK(tern_rsa_public(&k.pub, in, klen, out));
        EXPECT_EQ_U(tern_rsa_pubkey_bits(&k.pub), 2048);
    }
    /* too large for the build */
    {
        static uint8_t big[TERN_RSA_MAX_LEN + 1];
        memset(big, 0xff, sizeof(big));
        k.pub.n = big;
        k.pub.n_len = sizeof(big);
        EXPECT_ERR(TERN_ERR_BAD_KEY, tern_rsa_public(&k.pub, big, sizeof(big), out));
    }
    trk_free(&k);
}

static void test_private_round_trip_and_faults(void)
{
    const test_rsa_key *base[2];
    uint8_t m[TERN_RSA_MAX_LEN], c[TERN_RSA_MAX_LEN], out[TERN_RSA_MAX_LEN];
    test_rng rng;
    int ki, comp;

    base[0] = &key2048;
    base[1] = &key3072;
    test_rng_init(&rng, 99);
    for (ki = 0; ki < 2; ki++) {
        const test_rsa_key *key = base[ki];
        size_t k = key->len[TK_N];
        test_rsa_key bad;
        size_t i;

        for (i = 0; i < k; i++) {
            m[i] = (uint8_t)(i * 31 + 7);
        }
        m[0] = 0x01;
        encrypt_block(key, m, c);
        EXPECT_OK(tern_rsa_private(&key->priv, &rng.vtable, c, k, out));
        EXPECT_MEM_EQ(out, m, k);
        /* in place */
        memcpy(out, c, k);
        EXPECT_OK(tern_rsa_private(&key->priv, &rng.vtable, out, k, out));
        EXPECT_MEM_EQ(out, m, k);
        /* different blinding each time, same result */
        EXPECT_OK(tern_rsa_private(&key->priv, &rng.vtable, c, k, out));
        EXPECT_MEM_EQ(out, m, k);

        /* A wrong bit in any CRT part is caught by the check, and the
         * output is all zeros (no faulty half escapes). */
        for (comp = TK_P; comp <= TK_QINV; comp++) {
            copy_key(&bad, key);
            bad.b[comp][bad.len[comp] / 2] ^= 0x04;
            trk_link(&bad);
            memset(out, 0x5a, k);
            EXPECT_ERR(TERN_ERR_FAULT, tern_rsa_private(&bad.priv, &rng.vtable, c, k, out));
            for (i = 0; i < k && out[i] == 0; i++) {
            }
            EXPECT_EQ_U(i, k);
            trk_free(&bad);
        }
        /* p and q swapped: qinv no longer matches */
        copy_key(&bad, key);
        bad.priv.p = key->b[TK_Q];
        bad.priv.p_len = key->len[TK_Q];
        bad.priv.q = key->b[TK_P];
        bad.priv.q_len = key->len[TK_P];
        bad.priv.dp = key->b[TK_DQ];
        bad.priv.dp_len = key->len[TK_DQ];
        bad.priv.dq = key->b[TK_DP];
        bad.priv.dq_len = key->len[TK_DP];
        EXPECT_ERR(TERN_ERR_FAULT, tern_rsa_private(&bad.priv, &rng.vtable, c, k, out));
        /* wrong e */
        {
            uint8_t e3[1] = {3};
            bad.priv = key->priv;
            bad.priv.e = e3;
            bad.priv.e_len = 1;
            EXPECT_ERR(TERN_ERR_FAULT, tern_rsa_private(&bad.priv, &rng.vtable, c, k, out));
        }
        /* a leading zero byte on p is refused through the check too */
        {
            uint8_t p0[TERN_RSA_MAX_LEN];
            p0[0] = 0;
            memcpy(p0 + 1, key->b[TK_P], key->len[TK_P]);
            bad.priv = key->priv;
            bad.priv.p = p0;
            bad.priv.p_len = key->len[TK_P] + 1;
            EXPECT_ERR(TERN_ERR_FAULT, tern_rsa_private(&bad.priv, &rng.vtable, c, k, out));
        }
        /* shapes refused up front */
        bad.priv = key->priv;
        bad.priv.qinv_len = key->len[TK_P] + 1;
        EXPECT_ERR(TERN_ERR_BAD_KEY, tern_rsa_private(&bad.priv, &rng.vtable, c, k, out));
        bad.priv = key->priv;
        bad.priv.p_len = 0;
        EXPECT_ERR(TERN_ERR_BAD_KEY, tern_rsa_private(&bad.priv, &rng.vtable, c, k, out));
        bad.priv = key->priv;
        bad.priv.q_len = key->len[TK_Q] - 8; /* p, q too short for n */
        EXPECT_ERR(TERN_ERR_BAD_KEY, tern_rsa_private(&bad.priv, &rng.vtable, c, k, out));
        bad.priv = key->priv;
        bad.priv.p = NULL;
        EXPECT_ERR(TERN_ERR_USAGE, tern_rsa_private(&bad.priv, &rng.vtable, c, k, out));
        trk_free(&bad);

        /* input checks, rng required and its failure passed on */
        EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_rsa_private(&key->priv, &rng.vtable, c, k - 1, out));
        EXPECT_ERR(TERN_ERR_BAD_ARG,
                   tern_rsa_private(&key->priv, &rng.vtable, key->b[TK_N], k, out));
        EXPECT_ERR(TERN_ERR_USAGE, tern_rsa_private(&key->priv, NULL, c, k, out));
        {
            const tern_rng_class *failing = &failing_rng_class;
            EXPECT_ERR(TERN_ERR_ENTROPY, tern_rsa_private(&key->priv, &failing, c, k, out));
        }
    }
}

/* ---- PKCS#1 v1.5 signatures ----------------------------------------------------- */

/* Signs a hand-made EM with the raw private key. */
static void sign_em(const uint8_t *em, uint8_t *sig)
{
    test_rng rng;
    test_rng_init(&rng, 5);
    EXPECT_OK(tern_rsa_private(&key2048.priv, &rng.vtable, em, key2048.len[TK_N], sig));
}

static void test_pkcs1_strict(void)
{
    static const uint8_t di_sha256_no_null[] = {0x30, 0x2f, 0x30, 0x0b, 0x06, 0x09,
                                                0x60, 0x86, 0x48, 0x01, 0x65, 0x03,
                                                0x04, 0x02, 0x01, 0x04, 0x20};
    static const uint8_t di_sha256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                        0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
    const size_t k = key2048.len[TK_N];
    uint8_t digest[32], em[TERN_RSA_MAX_LEN], sig[TERN_RSA_MAX_LEN];
    size_t sig_len = sizeof(sig), t;
    test_rng rng;

    memset(digest, 0xab, sizeof(digest));
    test_rng_init(&rng, 1);
    EXPECT_OK(tern_rsa_pkcs1_sign(&key2048.priv, &rng.vtable, &tern_sha256_class, digest, 32, sig,
                                  &sig_len));
    EXPECT_EQ_U(sig_len, k);
    EXPECT_OK(tern_rsa_pkcs1_verify(&key2048.pub, &tern_sha256_class, digest, 32, sig, k));
    /* the same EM built by hand verifies: the reference for the variants */
    memset(em, 0xff, k);
    em[0] = 0;
    em[1] = 1;
    t = sizeof(di_sha256) + 32;
    em[k - t - 1] = 0;
    memcpy(em + k - t, di_sha256, sizeof(di_sha256));
    memcpy(em + k - 32, digest, 32);
    sign_em(em, sig);
    EXPECT_OK(tern_rsa_pkcs1_verify(&key2048.pub, &tern_sha256_class, digest, 32, sig, k));

    /* DigestInfo without the NULL parameter (RFC 8017 9.2 note 1 allows
     * only the form with it; Wycheproof MissingNull): rejected */
    memset(em, 0xff, k);
    em[0] = 0;
    em[1] = 1;
    t = sizeof(di_sha256_no_null) + 32;
    em[k - t - 1] = 0;
    memcpy(em + k - t, di_sha256_no_null, sizeof(di_sha256_no_null));
    memcpy(em + k - 32, digest, 32);
    sign_em(em, sig);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
               tern_rsa_pkcs1_verify(&key2048.pub, &tern_sha256_class, digest, 32, sig, k));
    /* block type 2, first byte 1, a zero inside PS, no separator */
    memset(em, 0xff, k);
    em[0] = 0;
    em[1] = 2;
    t = sizeof(di_sha256) + 32;
    em[k - t - 1] = 0;
    memcpy(em + k - t, di_sha256, sizeof(di_sha256));
    memcpy(em + k - 32, digest, 32);
    sign_em(em, sig);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
               tern_rsa_pkcs1_verify(&key2048.pub, &tern_sha256_class, digest, 32, sig, k));
    em[1] = 1;
    em[20] = 0;
    sign_em(em, sig);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
               tern_rsa_pkcs1_verify(&key2048.pub, &tern_sha256_class, digest, 32, sig, k));
    em[20] = 0xff;
    em[k - t - 1] = 0xff;
    sign_em(em, sig);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
               tern_rsa_pkcs1_verify(&key2048.pub, &tern_sha256_class, digest, 32, sig, k));
    /* wrong digest, wrong hash class, wrong lengths */
    em[k - t - 1] = 0;
    sign_em(em, sig);
    EXPECT_OK(tern_rsa_pkcs1_verify(&key2048.pub, &tern_sha256_class, digest, 32, sig, k));
    digest[31] ^= 1;
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
               tern_rsa_pkcs1_verify(&key2048.pub, &tern_sha256_class, digest, 32, sig, k));
    digest[31] ^= 1;
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_rsa_pkcs1_verify(&key2048.pub, &tern_sha256_class, digest, 31, sig, k));
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
               tern_rsa_pkcs1_verify(&key2048.pub, &tern_sha256_class, digest, 32, sig, k - 1));
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
               tern_rsa_pkcs1_verify(&key2048.pub, &tern_sha256_class, digest, 32, sig, k + 1));
    /* s = n and s = 0 */
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_rsa_pkcs1_verify(&key2048.pub, &tern_sha256_class,
                                                             digest, 32, key2048.b[TK_N], k));
    memset(sig, 0, k);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
               tern_rsa_pkcs1_verify(&key2048.pub, &tern_sha256_class, digest, 32, sig, k));
    /* a hash without a DigestInfo */
    {
        tern_hash_class fake = tern_sha256_class;
        fake.id = 99;
        EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
                   tern_rsa_pkcs1_verify(&key2048.pub, &fake, digest, 32, sig, k));
        sig_len = sizeof(sig);
        EXPECT_ERR(
            TERN_ERR_UNSUPPORTED_ALGORITHM,
            tern_rsa_pkcs1_sign(&key2048.priv, &rng.vtable, &fake, digest, 32, sig, &sig_len));
    }
}

static void test_pkcs1_sign_limits(void)
{
    const size_t k = key2048.len[TK_N];
    uint8_t t[TERN_RSA_MAX_LEN], sig[TERN_RSA_MAX_LEN];
    size_t sig_len;
    test_rng rng;

    test_rng_init(&rng, 2);
    memset(t, 0x33, sizeof(t));
    /* raw T (TLS 1.0 MD5||SHA-1): up to k - 11 bytes */
    sig_len = sizeof(sig);
    EXPECT_OK(tern_rsa_pkcs1_sign(&key2048.priv, &rng.vtable, NULL, t, 36, sig, &sig_len));
    EXPECT_OK(tern_rsa_pkcs1_verify(&key2048.pub, NULL, t, 36, sig, sig_len));
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_rsa_pkcs1_verify(&key2048.pub, NULL, t, 35, sig, k));
    sig_len = sizeof(sig);
    EXPECT_OK(tern_rsa_pkcs1_sign(&key2048.priv, &rng.vtable, NULL, t, k - 11, sig, &sig_len));
    sig_len = sizeof(sig);
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_rsa_pkcs1_sign(&key2048.priv, &rng.vtable, NULL, t, k - 10, sig, &sig_len));
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
               tern_rsa_pkcs1_verify(&key2048.pub, NULL, t, k - 10, sig, k));
    /* output buffer */
    sig_len = k - 1;
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
               tern_rsa_pkcs1_sign(&key2048.priv, &rng.vtable, NULL, t, 36, sig, &sig_len));
}

/* ---- PSS ------------------------------------------------------------------------------ */

static void test_pss(void)
{
    const tern_hash_class *hashes[3];
    uint8_t digest[64], sig[TERN_RSA_MAX_LEN], sig2[TERN_RSA_MAX_LEN];
    size_t sig_len, k = key2048.len[TK_N], em_len = k; /* 2048 bits: emLen = k */
    test_rng rng;
    int hi;

    hashes[0] = &tern_sha256_class;
    hashes[1] = &tern_sha384_class;
    hashes[2] = &tern_sha512_class;
    test_rng_init(&rng, 3);
    memset(digest, 0x42, sizeof(digest));
    for (hi = 0; hi < 3; hi++) {
        const tern_hash_class *h = hashes[hi];
        size_t hl = h->digest_len;
        size_t salts[4];
        int si;
        salts[0] = 0;
        salts[1] = hl;
        salts[2] = 1;
        salts[3] = em_len - hl - 2; /* the largest */
        for (si = 0; si < 4; si++) {
            sig_len = sizeof(sig);
            EXPECT_OK(tern_rsa_pss_sign(&key2048.priv, &rng.vtable, h, salts[si], digest, hl, sig,
                                        &sig_len));
            EXPECT_OK(tern_rsa_pss_verify(&key2048.pub, h, h, salts[si], digest, hl, sig, sig_len));
            EXPECT_OK(tern_rsa_pss_verify(&key2048.pub, h, h, TERN_RSA_PSS_SALT_ANY, digest, hl,
                                          sig, sig_len));
            /* another salt length, another MGF hash, another digest */
            EXPECT_ERR(
                TERN_ERR_BAD_SIGNATURE,
                tern_rsa_pss_verify(&key2048.pub, h, h, salts[si] ^ 1, digest, hl, sig, sig_len));
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                       tern_rsa_pss_verify(&key2048.pub, h, hashes[(hi + 1) % 3], salts[si], digest,
                                           hl, sig, sig_len));
            digest[0] ^= 1;
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                       tern_rsa_pss_verify(&key2048.pub, h, h, TERN_RSA_PSS_SALT_ANY, digest, hl,
                                           sig, sig_len));
            digest[0] ^= 1;
        }
        /* a random salt: two signatures differ, both verify */
        sig_len = sizeof(sig);
        EXPECT_OK(tern_rsa_pss_sign(&key2048.priv, &rng.vtable, h, hl, digest, hl, sig, &sig_len));
        sig_len = sizeof(sig2);
        EXPECT_OK(tern_rsa_pss_sign(&key2048.priv, &rng.vtable, h, hl, digest, hl, sig2, &sig_len));
        EXPECT_TRUE(memcmp(sig, sig2, k) != 0);
        /* salt one byte too long */
        sig_len = sizeof(sig);
        EXPECT_ERR(TERN_ERR_BAD_LENGTH,
                   tern_rsa_pss_sign(&key2048.priv, &rng.vtable, h, em_len - hl - 1, digest, hl,
                                     sig, &sig_len));
        EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_rsa_pss_sign(&key2048.priv, &rng.vtable, h, hl, digest,
                                                          hl - 1, sig, &sig_len));
    }
    /* a signature whose trailer is not 0xbc, or with the top bit set */
    {
        uint8_t em[TERN_RSA_MAX_LEN];
        const tern_hash_class *h = &tern_sha256_class;
        sig_len = sizeof(sig);
        EXPECT_OK(tern_rsa_pss_sign(&key2048.priv, &rng.vtable, h, 32, digest, 32, sig, &sig_len));
        EXPECT_OK(tern_rsa_public(&key2048.pub, sig, k, em));
        em[k - 1] = 0xbd;
        sign_em(em, sig2);
        EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                   tern_rsa_pss_verify(&key2048.pub, h, h, 32, digest, 32, sig2, k));
        em[k - 1] = 0xbc;
        em[0] |= 0x80; /* emBits = 2047: the top bit must be zero */
        if (memcmp(em, key2048.b[TK_N], k) < 0) {
            sign_em(em, sig2);
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                       tern_rsa_pss_verify(&key2048.pub, h, h, 32, digest, 32, sig2, k));
        }
    }
}

/* ---- encryption ------------------------------------------------------------------------ */

static int zero_rng_generate(const tern_rng_class **ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    memset(out, 0, len);
    return TERN_OK;
}
static const tern_rng_class zero_rng_class = {"zeros", sizeof(void *), zero_rng_generate};

static void test_encrypt_decrypt(void)
{
    const size_t k = key2048.len[TK_N];
    uint8_t msg[TERN_RSA_MAX_LEN], ct[TERN_RSA_MAX_LEN], out[TERN_RSA_MAX_LEN];
    size_t ct_len, out_len, len;
    test_rng rng;
    const tern_rng_class *zero = &zero_rng_class;

    test_rng_init(&rng, 4);
    memset(msg, 0x61, sizeof(msg));
    {
        static const size_t lens[4] = {0, 1, 48, 245}; /* 245 = k - 11 */
        int i;
        for (i = 0; i < 4; i++) {
            len = lens[i];
            ct_len = sizeof(ct);
            EXPECT_OK(tern_rsa_pkcs1_encrypt(&key2048.pub, &rng.vtable, msg, len, ct, &ct_len));
            EXPECT_EQ_U(ct_len, k);
            out_len = sizeof(out);
            EXPECT_OK(tern_rsa_pkcs1_decrypt(&key2048.priv, &rng.vtable, ct, k, out, &out_len));
            EXPECT_EQ_U(out_len, len);
            EXPECT_MEM_EQ(out, msg, len);
            /* a buffer one byte short */
            if (len > 0) {
                out_len = len - 1;
                EXPECT_ERR(
                    TERN_ERR_BUFFER_TOO_SMALL,
                    tern_rsa_pkcs1_decrypt(&key2048.priv, &rng.vtable, ct, k, out, &out_len));
            }
        }
    }
    ct_len = sizeof(ct);
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_rsa_pkcs1_encrypt(&key2048.pub, &rng.vtable, msg, k - 10, ct, &ct_len));
    ct_len = k - 1;
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
               tern_rsa_pkcs1_encrypt(&key2048.pub, &rng.vtable, msg, 48, ct, &ct_len));
    /* an rng that only gives zeros cannot fill PS */
    ct_len = sizeof(ct);
    EXPECT_ERR(TERN_ERR_ENTROPY, tern_rsa_pkcs1_encrypt(&key2048.pub, &zero, msg, 48, ct, &ct_len));
    /* decryption: lengths, range, padding */
    out_len = sizeof(out);
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_rsa_pkcs1_decrypt(&key2048.priv, &rng.vtable, ct, k - 1, out, &out_len));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_rsa_pkcs1_decrypt(&key2048.priv, &rng.vtable, key2048.b[TK_N],
                                                        k, out, &out_len));
    {
        uint8_t em[TERN_RSA_MAX_LEN];
        memset(em, 0x77, k);
        em[0] = 0;
        em[1] = 1; /* block type 1 */
        em[100] = 0;
        encrypt_block(&key2048, em, ct);
        out_len = sizeof(out);
        EXPECT_ERR(TERN_ERR_BAD_PADDING,
                   tern_rsa_pkcs1_decrypt(&key2048.priv, &rng.vtable, ct, k, out, &out_len));
    }
}

/* The TLS premaster decryption for each kind of plaintext. */
static void check_tls(const uint8_t *em, int expect_good, const uint8_t ver[2], uint64_t seed)
{
    const size_t k = key2048.len[TK_N];
    uint8_t ct[TERN_RSA_MAX_LEN], pm[48], r48[48];
    test_rng rng, twin;

    encrypt_block(&key2048, em, ct);
    test_rng_init(&rng, seed);
    test_rng_init(&twin, seed);
    (void)test_rng_generate(&twin.vtable, r48, 48);
    EXPECT_OK(tern_rsa_pkcs1_decrypt_tls(&key2048.priv, &rng.vtable, ct, k, pm, ver));
    if (expect_good) {
        EXPECT_MEM_EQ(pm, em + k - 48, 48);
    } else {
        EXPECT_MEM_EQ(pm, r48, 48);
    }
}

static void test_decrypt_tls(void)
{
    const size_t k = key2048.len[TK_N];
    const uint8_t ver[2] = {3, 3};
    uint8_t em[TERN_RSA_MAX_LEN], pm[48], r48[48], ct[TERN_RSA_MAX_LEN];
    test_rng rng, twin;
    size_t i;

    /* a good block: 00 02 PS 00 03 03 || 46 bytes */
    for (i = 0; i < k; i++) {
        em[i] = (uint8_t)(0x80 | i);
    }
    em[0] = 0;
    em[1] = 2;
    em[k - 49] = 0;
    em[k - 48] = 3;
    em[k - 47] = 3;
    check_tls(em, 1, ver, 1);
    /* version mismatch in either byte */
    em[k - 48] = 2;
    check_tls(em, 0, ver, 2);
    em[k - 48] = 3;
    em[k - 47] = 1;
    check_tls(em, 0, ver, 3);
    em[k - 47] = 3;
    /* 47- and 49-byte messages */
    em[k - 49] = 0x55;
    em[k - 48] = 0;
    check_tls(em, 0, ver, 4);
    em[k - 48] = 3;
    em[k - 50] = 0;
    check_tls(em, 0, ver, 5);
    em[k - 50] = 0x55;
    em[k - 49] = 0;
    check_tls(em, 1, ver, 6);
    /* no separator at all */
    em[k - 49] = 0x55;
    check_tls(em, 0, ver, 7);
    em[k - 49] = 0;
    /* block type, first byte */
    em[1] = 1;
    check_tls(em, 0, ver, 8);
    em[1] = 2;
    em[0] = 1;
    if (memcmp(em, key2048.b[TK_N], k) < 0) {
        check_tls(em, 0, ver, 9);
    }
    em[0] = 0;
    /* PS of 7 bytes: a 48-byte message cannot have it, so use a longer
     * message: a zero at index 9 makes PS 7 bytes long */
    em[9] = 0;
    check_tls(em, 0, ver, 10);
    em[9] = 0x55;
    check_tls(em, 1, ver, 11);

    /* public errors still give the random premaster and TERN_OK */
    encrypt_block(&key2048, em, ct);
    test_rng_init(&rng, 12);
    test_rng_init(&twin, 12);
    (void)test_rng_generate(&twin.vtable, r48, 48);
    EXPECT_OK(tern_rsa_pkcs1_decrypt_tls(&key2048.priv, &rng.vtable, ct, k - 1, pm, ver));
    EXPECT_MEM_EQ(pm, r48, 48);
    test_rng_init(&rng, 12);
    EXPECT_OK(tern_rsa_pkcs1_decrypt_tls(&key2048.priv, &rng.vtable, key2048.b[TK_N], k, pm, ver));
    EXPECT_MEM_EQ(pm, r48, 48);
    /* a fault: TERN_ERR_FAULT with the random premaster */
    {
        test_rsa_key bad;
        copy_key(&bad, &key2048);
        bad.b[TK_DP][3] ^= 1;
        trk_link(&bad);
        test_rng_init(&rng, 12);
        EXPECT_ERR(TERN_ERR_FAULT,
                   tern_rsa_pkcs1_decrypt_tls(&bad.priv, &rng.vtable, ct, k, pm, ver));
        EXPECT_MEM_EQ(pm, r48, 48);
        trk_free(&bad);
    }
    /* no rng: nothing can be done */
    {
        const tern_rng_class *failing = &failing_rng_class;
        EXPECT_ERR(TERN_ERR_ENTROPY,
                   tern_rsa_pkcs1_decrypt_tls(&key2048.priv, &failing, ct, k, pm, ver));
    }
}

/* ---- classes ---------------------------------------------------------------------------- */

static void test_sig_classes(void)
{
    const tern_sig_class *classes[] = {
#if TERN_CONFIG_SHA1
        &tern_sig_rsa_pkcs1_sha1,
#endif
        &tern_sig_rsa_pkcs1_sha256,
        &tern_sig_rsa_pkcs1_sha384,
        &tern_sig_rsa_pkcs1_sha512,
        &tern_sig_rsa_pss_rsae_sha256,
        &tern_sig_rsa_pss_rsae_sha384,
        &tern_sig_rsa_pss_rsae_sha512,
        &tern_sig_rsa_pss_pss_sha256,
        &tern_sig_rsa_pss_pss_sha384,
        &tern_sig_rsa_pss_pss_sha512,
    };
    static const uint8_t msg[] = "tern signs this";
    uint8_t sig[TERN_RSA_MAX_LEN];
    size_t i, sig_len;
    test_rng rng;
    tern_pubkey wrong;

    test_rng_init(&rng, 6);
    memset(&wrong, 0, sizeof(wrong));
    wrong.type = TERN_KEY_EC;
    EXPECT_STR_EQ(tern_sig_rsa_pss_rsae_sha256.name, "rsa_pss_rsae_sha256");
    EXPECT_EQ(tern_sig_rsa_pss_pss_sha512.scheme, TERN_SIG_RSA_PSS_PSS_SHA512);
    EXPECT_EQ(tern_sig_rsa_pkcs1_sha384.scheme, TERN_SIG_RSA_PKCS1_SHA384);
    for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
        const tern_sig_class *cls = classes[i];
        EXPECT_EQ(cls->key_type, TERN_KEY_RSA);
        sig_len = sizeof(sig);
        EXPECT_OK(cls->sign(cls, &key2048.gpriv, &rng.vtable, msg, sizeof(msg), sig, &sig_len));
        EXPECT_EQ_U(sig_len, 256);
        EXPECT_OK(cls->verify(cls, &key2048.gpub, msg, sizeof(msg), sig, sig_len));
        EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                   cls->verify(cls, &key2048.gpub, msg, sizeof(msg) - 1, sig, sig_len));
        EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                   cls->verify(cls, &wrong, msg, sizeof(msg), sig, sig_len));
        if (TERN_CONFIG_MAX_RSA_BITS >= 3072) { /* another key */
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                       cls->verify(cls, &key3072.gpub, msg, sizeof(msg), sig, sig_len));
        }
        /* a signature of another scheme does not pass */
        EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                   classes[(i + 1) % (sizeof(classes) / sizeof(classes[0]))]->verify(
                       classes[(i + 1) % (sizeof(classes) / sizeof(classes[0]))], &key2048.gpub,
                       msg, sizeof(msg), sig, sig_len));
        sig_len = 100;
        EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
                   cls->sign(cls, &key2048.gpriv, &rng.vtable, msg, sizeof(msg), sig, &sig_len));
    }
    /* PKCS#1 v1.5 is deterministic: the class gives the same bytes */
    {
        uint8_t s2[TERN_RSA_MAX_LEN];
        size_t l2 = sizeof(s2);
        sig_len = sizeof(sig);
        EXPECT_OK(tern_sig_rsa_pkcs1_sha256.sign(&tern_sig_rsa_pkcs1_sha256, &key2048.gpriv,
                                                 &rng.vtable, msg, sizeof(msg), sig, &sig_len));
        EXPECT_OK(tern_sig_rsa_pkcs1_sha256.sign(&tern_sig_rsa_pkcs1_sha256, &key2048.gpriv,
                                                 &rng.vtable, msg, sizeof(msg), s2, &l2));
        EXPECT_MEM_EQ(sig, s2, sig_len);
    }
    /* a PSS signature with a salt other than the hash length is refused
     * by the TLS classes (RFC 8446 4.2.3) */
    {
        uint8_t d[32];
        tern_hash(&tern_sha256_class, msg, sizeof(msg), d);
        sig_len = sizeof(sig);
        EXPECT_OK(tern_rsa_pss_sign(&key2048.priv, &rng.vtable, &tern_sha256_class, 20, d, 32, sig,
                                    &sig_len));
        EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                   tern_sig_rsa_pss_rsae_sha256.verify(&tern_sig_rsa_pss_rsae_sha256, &key2048.gpub,
                                                       msg, sizeof(msg), sig, sig_len));
    }
    {
        tern_privkey wp;
        memset(&wp, 0, sizeof(wp));
        wp.type = TERN_KEY_ED25519;
        sig_len = sizeof(sig);
        EXPECT_ERR(TERN_ERR_BAD_KEY,
                   tern_sig_rsa_pkcs1_sha256.sign(&tern_sig_rsa_pkcs1_sha256, &wp, &rng.vtable, msg,
                                                  sizeof(msg), sig, &sig_len));
    }
}

int main(void)
{
    /* (a build for 2048-bit keys only uses the 2048-bit key twice) */
    if (load_key(&key2048, "wycheproof/rsa_pkcs1_2048_test.json") != 0 ||
        load_key(&key3072, TERN_CONFIG_MAX_RSA_BITS >= 3072
                               ? "wycheproof/rsa_pkcs1_3072_test.json"
                               : "wycheproof/rsa_pkcs1_2048_test.json") != 0) {
        printf("0 passed, 1 failed\n");
        fprintf(stderr, "cannot load the test keys\n");
        return 1;
    }
    RUN_TEST(test_public_key_checks);
    RUN_TEST(test_private_round_trip_and_faults);
    RUN_TEST(test_pkcs1_strict);
    RUN_TEST(test_pkcs1_sign_limits);
    RUN_TEST(test_pss);
    RUN_TEST(test_encrypt_decrypt);
    RUN_TEST(test_decrypt_tls);
    RUN_TEST(test_sig_classes);
    trk_free(&key2048);
    trk_free(&key3072);
    return TEST_REPORT();
}
