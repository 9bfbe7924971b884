/*
 * ECDSA signing beyond the known answers: the RFC 6979 nonce with the
 * section 3.6 extra randomness against a plain test-side implementation,
 * the constant-time choice among several candidates (on a curve copy with
 * a modified order, so that candidates are refused often), argument and
 * key errors, buffer sizes, and the tern_sig_ecdsa_* classes (directly,
 * through tern_sig_by_scheme and tern_sig_sign_digest).
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/ecc/ecdsa_internal.h"
#include "ec_test_util.h"
#include "tern/ec.h"
#include "tern/mac.h"
#include "tern/pk.h"
#include "tern_test.h"

static const uint16_t curves[2] = {TERN_GROUP_SECP256R1, TERN_GROUP_SECP384R1};

/* ---- RFC 6979, written plainly (test side) ------------------------------ */

static void ref_hmac(const tern_hash_class *h, const uint8_t *key, const uint8_t *a, size_t a_len,
                     int sep, const uint8_t *b, size_t b_len, uint8_t *out)
{
    uint8_t buf[512];
    size_t n = 0;
    memcpy(buf, a, a_len);
    n = a_len;
    if (sep >= 0) {
        buf[n++] = (uint8_t)sep;
    }
    if (b_len > 0) {
        memcpy(buf + n, b, b_len);
        n += b_len;
    }
    tern_hmac(h, key, h->digest_len, buf, n, out);
}

/* RFC 6979 3.2 steps b-h with k' (3.6) appended to the seed in both K
 * updates; order n, len bytes. Returns the index of the first usable
 * candidate among at most max (k set), or -1. */
static int ref_nonce(const tern_hash_class *h, const uint8_t *n, size_t len, const uint8_t *x,
                     const uint8_t *h1, const uint8_t *extra, size_t extra_len, int max,
                     uint8_t *k)
{
    uint8_t K[TERN_HASH_MAX_DIGEST], V[TERN_HASH_MAX_DIGEST], seed[3 * TERN_EC_MAX_LEN];
    uint8_t t[TERN_EC_MAX_LEN + TERN_HASH_MAX_DIGEST];
    size_t hl = h->digest_len, seed_len = 0, tl;
    int i;

    memcpy(seed, x, len);
    memcpy(seed + len, h1, len);
    if (extra_len > 0) {
        memcpy(seed + 2 * len, extra, extra_len);
    }
    seed_len = 2 * len + extra_len;
    memset(V, 1, hl);
    memset(K, 0, hl);
    ref_hmac(h, K, V, hl, 0, seed, seed_len, K);
    ref_hmac(h, K, V, hl, -1, NULL, 0, V);
    ref_hmac(h, K, V, hl, 1, seed, seed_len, K);
    ref_hmac(h, K, V, hl, -1, NULL, 0, V);
    for (i = 0; i < max; i++) {
        static const uint8_t zero[TERN_EC_MAX_LEN] = {0};
        for (tl = 0; tl < len; tl += hl) {
            ref_hmac(h, K, V, hl, -1, NULL, 0, V);
            memcpy(t + tl, V, hl);
        }
        if (memcmp(t, zero, len) != 0 && memcmp(t, n, len) < 0) {
            memcpy(k, t, len);
            return i;
        }
        ref_hmac(h, K, V, hl, 0, NULL, 0, K);
        ref_hmac(h, K, V, hl, -1, NULL, 0, V);
    }
    return -1;
}

static const tern_hash_class *const hashes[] = {
#if TERN_CONFIG_SHA1
    &tern_sha1_class,
#endif
    &tern_sha224_class, &tern_sha256_class, &tern_sha384_class, &tern_sha512_class};
#define NHASHES (sizeof(hashes) / sizeof(hashes[0]))

/* A private key below n (top byte cleared) from the test rng. */
static void make_key(ect_rng *rng, size_t len, uint8_t *d)
{
    (void)ect_rng_generate(&rng->vtable, d, len);
    d[0] &= 0x7f;
    d[len - 1] |= 1;
}

/* tern_ecdsa_sign with and without an rng equals sign-with-k with the
 * nonce of the reference (k' = the bytes the rng gives), for every hash
 * and both curves; the rng makes signatures differ. */
static void test_nonce_reference(void)
{
    size_t ci, hi;
    int round;

    for (ci = 0; ci < 2; ci++) {
        uint16_t curve = curves[ci];
        const ec_curve *c = tern_ec_curve(curve);
        size_t len = tern_ec_curve_len(curve);
        uint8_t nb[TERN_EC_MAX_LEN];
        if (c == NULL) {
            continue;
        }
        tern_ec_encode(nb, c->n.m, c->nl);
        for (hi = 0; hi < NHASHES; hi++) {
            const tern_hash_class *h = hashes[hi];
            for (round = 0; round < (ECT_SLOW ? 2 : 4); round++) {
                ect_rng keys, rng, pred;
                uint8_t d[TERN_EC_MAX_LEN], dg[TERN_HASH_MAX_DIGEST], h1[TERN_EC_MAX_LEN];
                uint8_t extra[TERN_EC_MAX_LEN], k[TERN_EC_MAX_LEN];
                uint8_t expect[TERN_ECDSA_MAX_RAW_LEN], sig[TERN_ECDSA_MAX_RAW_LEN];
                uint8_t det[TERN_ECDSA_MAX_RAW_LEN];
                size_t sig_len;
                tern_limb e[EC_MAXL];

                ect_rng_init(&keys, 1000u * ci + 10u * hi + (unsigned)round);
                make_key(&keys, len, d);
                (void)ect_rng_generate(&keys.vtable, dg, h->digest_len);
                tern_ecdsa_bits2int(c, e, dg, h->digest_len);
                tern_ec_encode(h1, e, c->nl);

                /* deterministic */
                EXPECT_EQ(ref_nonce(h, nb, len, d, h1, NULL, 0, 1, k), 0);
                EXPECT_OK(tern_ecdsa_sign_with_k(curve, d, len, k, len, dg, h->digest_len, expect));
                sig_len = sizeof(det);
                EXPECT_OK(tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len, NULL,
                                          TERN_ECDSA_RAW, det, &sig_len));
                EXPECT_EQ(sig_len, 2 * len);
                EXPECT_MEM_EQ(det, expect, 2 * len);

                /* with extra randomness: k' is the rng's next len bytes */
                ect_rng_init(&rng, 77u + (unsigned)round);
                ect_rng_init(&pred, 77u + (unsigned)round);
                (void)ect_rng_generate(&pred.vtable, extra, len);
                EXPECT_EQ(ref_nonce(h, nb, len, d, h1, extra, len, 1, k), 0);
                EXPECT_OK(tern_ecdsa_sign_with_k(curve, d, len, k, len, dg, h->digest_len, expect));
                sig_len = sizeof(sig);
                EXPECT_OK(tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len, &rng.vtable,
                                          TERN_ECDSA_RAW, sig, &sig_len));
                EXPECT_MEM_EQ(sig, expect, 2 * len);
                EXPECT_TRUE(memcmp(sig, det, 2 * len) != 0);
                /* the next call draws new bytes: another signature */
                sig_len = sizeof(expect);
                EXPECT_OK(tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len, &rng.vtable,
                                          TERN_ECDSA_RAW, expect, &sig_len));
                EXPECT_TRUE(memcmp(sig, expect, 2 * len) != 0);
            }
        }
    }
}

/* The candidate choice of tern_ecdsa_rfc6979 on a copy of the curve whose
 * order is replaced by n' = 2^(8 len - 1) + 1: about half the candidates
 * are >= n' and refused, so the first, second, third or no candidate is
 * chosen in turn. The result must match the plain loop every time. */
static void test_candidates(void)
{
    size_t ci;

    for (ci = 0; ci < 2; ci++) {
        const ec_curve *real = tern_ec_curve(curves[ci]);
        ec_curve fake;
        tern_limb nl[EC_MAXL], x[EC_MAXL], h1[EC_MAXL], k[EC_MAXL];
        uint8_t nb[TERN_EC_MAX_LEN], xb[TERN_EC_MAX_LEN], hb[TERN_EC_MAX_LEN];
        uint8_t kb[TERN_EC_MAX_LEN], kr[TERN_EC_MAX_LEN], extra[TERN_EC_MAX_LEN];
        int seen[4] = {0, 0, 0, 0};
        size_t len;
        int i;

        if (real == NULL) {
            continue;
        }
        len = real->len;
        fake = *real;
        memset(nb, 0, sizeof(nb));
        nb[0] = 0x80;
        nb[len - 1] = 0x01;
        tern_ec_decode(nl, nb, real->nl);
        fake.n.m = nl;
        for (i = 0; i < 160; i++) {
            const tern_hash_class *h = hashes[(size_t)i % NHASHES];
            ect_rng r;
            size_t extra_len = (i & 1) ? len : 0;
            int idx;
            uint32_t found;

            ect_rng_init(&r, 5000u + (unsigned)i);
            (void)ect_rng_generate(&r.vtable, xb, len);
            (void)ect_rng_generate(&r.vtable, hb, len);
            (void)ect_rng_generate(&r.vtable, extra, len);
            xb[0] &= 0x7f;
            hb[0] &= 0x7f;
            tern_ec_decode(x, xb, real->nl);
            tern_ec_decode(h1, hb, real->nl);
            found = tern_ecdsa_rfc6979(&fake, h, x, h1, extra, extra_len, 3, k);
            idx = ref_nonce(h, nb, len, xb, hb, extra, extra_len, 3, kr);
            seen[idx + 1]++;
            EXPECT_EQ(found, idx >= 0);
            tern_ec_encode(kb, k, real->nl);
            if (idx >= 0) {
                EXPECT_MEM_EQ(kb, kr, len);
            } else {
                static const uint8_t one[TERN_EC_MAX_LEN] = {0};
                EXPECT_MEM_EQ(kb, one, len - 1);
                EXPECT_EQ(kb[len - 1], 1);
            }
        }
        /* every outcome occurred (fixed seeds: this is deterministic) */
        EXPECT_TRUE(seen[0] > 0 && seen[1] > 0 && seen[2] > 0 && seen[3] > 0);
    }
}

/* ---- errors ------------------------------------------------------------- */

static int failing_generate(const tern_rng_class **ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    memset(out, 0xaa, len);
    return TERN_ERR_ENTROPY;
}
static const tern_rng_class failing_rng_class = {"failing", sizeof(void *), failing_generate};

static void test_errors(void)
{
    size_t ci;

    for (ci = 0; ci < 2; ci++) {
        uint16_t curve = curves[ci];
        const ec_curve *c = tern_ec_curve(curve);
        size_t len = tern_ec_curve_len(curve);
        const tern_hash_class *h = len == 32 ? &tern_sha256_class : &tern_sha384_class;
        const tern_rng_class *bad_rng = &failing_rng_class;
        uint8_t d[TERN_EC_MAX_LEN + 2], bad[TERN_EC_MAX_LEN + 2], dg[TERN_HASH_MAX_DIGEST];
        uint8_t sig[TERN_ECDSA_MAX_DER_LEN + 8], ref[TERN_ECDSA_MAX_DER_LEN];
        size_t sig_len, ref_len, i;
        ect_rng r;

        if (c == NULL) {
            continue;
        }
        ect_rng_init(&r, 99u + ci);
        make_key(&r, len, d);
        (void)ect_rng_generate(&r.vtable, dg, sizeof(dg));

        /* unknown curve */
        sig_len = sizeof(sig);
        EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
                   tern_ecdsa_sign(TERN_GROUP_X25519, d, len, h, dg, h->digest_len, NULL,
                                   TERN_ECDSA_DER, sig, &sig_len));
        /* digest length other than the hash's, both ways */
        EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len - 1,
                                                        NULL, TERN_ECDSA_DER, sig, &sig_len));
        EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len + 1,
                                                        NULL, TERN_ECDSA_DER, sig, &sig_len));
        EXPECT_ERR(TERN_ERR_BAD_LENGTH,
                   tern_ecdsa_sign(curve, d, len, &tern_sha512_class, dg, h->digest_len, NULL,
                                   TERN_ECDSA_DER, sig, &sig_len));
        /* format */
        EXPECT_ERR(TERN_ERR_BAD_ARG,
                   tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len, NULL, 2, sig, &sig_len));
#if TERN_CONFIG_USAGE_CHECKS
        EXPECT_ERR(TERN_ERR_USAGE, tern_ecdsa_sign(curve, d, len, NULL, dg, h->digest_len, NULL,
                                                   TERN_ECDSA_DER, sig, &sig_len));
        EXPECT_ERR(TERN_ERR_USAGE, tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len, NULL,
                                                   TERN_ECDSA_DER, sig, NULL));
#endif
        /* the rng's error is returned */
        sig_len = sizeof(sig);
        EXPECT_ERR(TERN_ERR_ENTROPY, tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len, &bad_rng,
                                                     TERN_ECDSA_DER, sig, &sig_len));

        /* bad keys: 0, n, n + 1, all ones, empty, a non-zero extra byte;
         * raw output zeroed, DER output untouched */
        for (i = 0; i < 6; i++) {
            size_t bl = len;
            memset(bad, 0, sizeof(bad));
            if (i == 1 || i == 2) {
                tern_ec_encode(bad, c->n.m, c->nl);
                bad[len - 1] = (uint8_t)(bad[len - 1] + (i == 2));
            } else if (i == 3) {
                memset(bad, 0xff, len);
            } else if (i == 4) {
                bl = 0;
            } else if (i == 5) {
                bad[0] = 1;
                memcpy(bad + 1, d, len);
                bl = len + 1;
            }
            memset(sig, 0x5a, sizeof(sig));
            sig_len = sizeof(sig);
            EXPECT_ERR(TERN_ERR_BAD_KEY, tern_ecdsa_sign(curve, bad, bl, h, dg, h->digest_len, NULL,
                                                         TERN_ECDSA_RAW, sig, &sig_len));
            {
                static const uint8_t zero[TERN_ECDSA_MAX_RAW_LEN] = {0};
                EXPECT_MEM_EQ(sig, zero, 2 * len);
            }
            memset(sig, 0x5a, sizeof(sig));
            sig_len = sizeof(sig);
            EXPECT_ERR(TERN_ERR_BAD_KEY, tern_ecdsa_sign(curve, bad, bl, h, dg, h->digest_len, NULL,
                                                         TERN_ECDSA_DER, sig, &sig_len));
            EXPECT_EQ(sig[0], 0x5a);
            EXPECT_EQ(sig_len, sizeof(sig));
        }
        /* extra leading zero bytes are fine and change nothing */
        memset(bad, 0, sizeof(bad));
        memcpy(bad + 2, d, len);
        sig_len = sizeof(sig);
        ref_len = sizeof(ref);
        EXPECT_OK(tern_ecdsa_sign(curve, bad, len + 2, h, dg, h->digest_len, NULL, TERN_ECDSA_DER,
                                  sig, &sig_len));
        EXPECT_OK(tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len, NULL, TERN_ECDSA_DER, ref,
                                  &ref_len));
        EXPECT_EQ(sig_len, ref_len);
        EXPECT_MEM_EQ(sig, ref, ref_len);

        /* buffer sizes: raw needs 2 len, DER exactly its length */
        sig_len = 2 * len - 1;
        EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len,
                                                              NULL, TERN_ECDSA_RAW, sig, &sig_len));
        sig_len = 2 * len;
        EXPECT_OK(tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len, NULL, TERN_ECDSA_RAW, sig,
                                  &sig_len));
        for (i = 0; i < ref_len; i++) {
            sig_len = i;
            EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
                       tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len, NULL, TERN_ECDSA_DER,
                                       i == 0 ? NULL : sig, &sig_len));
        }
        sig_len = ref_len;
        EXPECT_OK(tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len, NULL, TERN_ECDSA_DER, sig,
                                  &sig_len));
        EXPECT_EQ(sig_len, ref_len);
        EXPECT_MEM_EQ(sig, ref, ref_len);
        EXPECT_TRUE(ref_len <= TERN_ECDSA_MAX_DER_LEN);
    }
}

/* ---- classes ------------------------------------------------------------ */

static void test_classes_lookup(void)
{
    EXPECT_TRUE(tern_sig_by_scheme(TERN_SIG_ECDSA_SECP256R1_SHA256) == &tern_sig_ecdsa_sha256);
    EXPECT_TRUE(tern_sig_by_scheme(TERN_SIG_ECDSA_SECP384R1_SHA384) == &tern_sig_ecdsa_sha384);
    EXPECT_TRUE(tern_sig_by_scheme(TERN_SIG_ECDSA_SECP521R1_SHA512) == &tern_sig_ecdsa_sha512);
    EXPECT_STR_EQ(tern_sig_ecdsa_sha256.name, "ecdsa_secp256r1_sha256");
    EXPECT_TRUE(tern_sig_ecdsa_sha256.hash == &tern_sha256_class);
    EXPECT_TRUE(tern_sig_ecdsa_sha384.hash == &tern_sha384_class);
    EXPECT_TRUE(tern_sig_ecdsa_sha512.hash == &tern_sha512_class);
    EXPECT_EQ(tern_sig_ecdsa_sha256.key_type, TERN_KEY_EC);
    EXPECT_EQ(tern_sig_ecdsa_sha256.curve, 0);
#if TERN_CONFIG_SHA1
    EXPECT_TRUE(tern_sig_by_scheme(TERN_SIG_ECDSA_SHA1) == &tern_sig_ecdsa_sha1);
    EXPECT_TRUE(tern_sig_ecdsa_sha1.hash == &tern_sha1_class);
#endif
}

static const tern_sig_class *const classes[] = {
#if TERN_CONFIG_SHA1
    &tern_sig_ecdsa_sha1,
#endif
    &tern_sig_ecdsa_sha256, &tern_sig_ecdsa_sha384, &tern_sig_ecdsa_sha512};
#define NCLASSES (sizeof(classes) / sizeof(classes[0]))

/* Every class with both curves: sign, verify, the digest entry points
 * agree, deterministic without an rng, and every kind of mismatch is a
 * signature that does not verify. */
static void test_classes(void)
{
    static const uint8_t msg[] = "tern ECDSA class test message";
    size_t ci, k;

    for (ci = 0; ci < 2; ci++) {
        uint16_t curve = curves[ci];
        size_t len = tern_ec_curve_len(curve);
        uint8_t d[TERN_EC_MAX_LEN], q[TERN_EC_MAX_POINT_LEN], q2[TERN_EC_MAX_POINT_LEN];
        ect_rng r;

        if (len == 0) {
            continue;
        }
        ect_rng_init(&r, 4242u + ci);
        make_key(&r, len, d);
        EXPECT_OK(tern_ec_public_from_private(curve, d, len, q));
        d[len - 1] ^= 2;
        EXPECT_OK(tern_ec_public_from_private(curve, d, len, q2)); /* another key */
        d[len - 1] ^= 2;
        for (k = 0; k < NCLASSES; k++) {
            const tern_sig_class *cls = classes[k];
            tern_privkey priv;
            tern_pubkey pub, other;
            uint8_t sig[TERN_SIG_MAX_LEN], sig2[TERN_SIG_MAX_LEN], dg[TERN_HASH_MAX_DIGEST];
            size_t sig_len = sizeof(sig), sig2_len = sizeof(sig2), i;

            memset(&priv, 0, sizeof(priv));
            memset(&pub, 0, sizeof(pub));
            priv.type = TERN_KEY_EC;
            priv.u.ec.curve = curve;
            priv.u.ec.d = d;
            priv.u.ec.d_len = len;
            pub.type = TERN_KEY_EC;
            pub.u.ec.curve = curve;
            pub.u.ec.q = q;
            pub.u.ec.q_len = 1 + 2 * len;
            other = pub;
            other.u.ec.q = q2;

            /* sign / verify through the class, with an rng */
            EXPECT_OK(cls->sign(cls, &priv, &r.vtable, msg, sizeof(msg), sig, &sig_len));
            EXPECT_TRUE(sig_len <= TERN_ECDSA_MAX_DER_LEN);
            EXPECT_OK(cls->verify(cls, &pub, msg, sizeof(msg), sig, sig_len));
            EXPECT_OK(tern_sig_by_scheme(cls->scheme)->verify(cls, &pub, msg, sizeof(msg), sig,
                                                              sig_len));
            /* the digest form verifies it too */
            tern_hash(cls->hash, msg, sizeof(msg), dg);
            EXPECT_OK(
                tern_sig_verify_digest(cls->scheme, &pub, dg, cls->hash->digest_len, sig, sig_len));
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_sig_verify_digest(cls->scheme, &pub, dg,
                                                                      cls->hash->digest_len - 1,
                                                                      sig, sig_len));

            /* without rng: deterministic, equal to the digest form and
             * to tern_ecdsa_sign */
            sig_len = sizeof(sig);
            EXPECT_OK(cls->sign(cls, &priv, NULL, msg, sizeof(msg), sig, &sig_len));
            EXPECT_OK(tern_sig_sign_digest(cls->scheme, &priv, NULL, dg, cls->hash->digest_len,
                                           sig2, &sig2_len));
            EXPECT_EQ(sig_len, sig2_len);
            EXPECT_MEM_EQ(sig, sig2, sig_len);
            sig2_len = sizeof(sig2);
            EXPECT_OK(tern_ecdsa_sign(curve, d, len, cls->hash, dg, cls->hash->digest_len, NULL,
                                      TERN_ECDSA_DER, sig2, &sig2_len));
            EXPECT_EQ(sig_len, sig2_len);
            EXPECT_MEM_EQ(sig, sig2, sig_len);
            sig2_len = sizeof(sig2);
            EXPECT_ERR(TERN_ERR_BAD_LENGTH,
                       tern_sig_sign_digest(cls->scheme, &priv, NULL, dg, cls->hash->digest_len + 1,
                                            sig2, &sig2_len));

            /* mismatches: message, key, key type, curve, every truncation,
             * trailing byte, flipped bits */
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                       cls->verify(cls, &pub, msg, sizeof(msg) - 1, sig, sig_len));
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                       cls->verify(cls, &other, msg, sizeof(msg), sig, sig_len));
            other = pub;
            other.type = TERN_KEY_RSA;
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                       cls->verify(cls, &other, msg, sizeof(msg), sig, sig_len));
            other = pub;
            other.u.ec.curve = curves[1 - ci];
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                       cls->verify(cls, &other, msg, sizeof(msg), sig, sig_len));
            other.u.ec.curve = TERN_GROUP_X25519;
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                       cls->verify(cls, &other, msg, sizeof(msg), sig, sig_len));
            for (i = 0; i < sig_len; i++) {
                EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, cls->verify(cls, &pub, msg, sizeof(msg),
                                                               i == 0 ? NULL : sig, i));
            }
            sig[sig_len] = 0;
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                       cls->verify(cls, &pub, msg, sizeof(msg), sig, sig_len + 1));
            /* one bit of every byte (a different bit each time; every
             * fifth byte in the slow builds) */
            for (i = 0; i < sig_len; i += ECT_SLOW ? 5 : 1) {
                sig[i] ^= (uint8_t)(1u << ((i + k) % 8));
                EXPECT_ERR(TERN_ERR_BAD_SIGNATURE,
                           cls->verify(cls, &pub, msg, sizeof(msg), sig, sig_len));
                sig[i] ^= (uint8_t)(1u << ((i + k) % 8));
            }
            EXPECT_OK(cls->verify(cls, &pub, msg, sizeof(msg), sig, sig_len));

            /* signing errors: wrong key type, unknown curve, bad scalar,
             * small buffer */
            {
                tern_privkey bad = priv;
                uint8_t zero[TERN_EC_MAX_LEN] = {0};
                bad.type = TERN_KEY_RSA;
                sig2_len = sizeof(sig2);
                EXPECT_ERR(TERN_ERR_BAD_KEY,
                           cls->sign(cls, &bad, NULL, msg, sizeof(msg), sig2, &sig2_len));
                bad = priv;
                bad.u.ec.curve = TERN_GROUP_X25519;
                EXPECT_ERR(TERN_ERR_BAD_KEY,
                           cls->sign(cls, &bad, NULL, msg, sizeof(msg), sig2, &sig2_len));
                bad = priv;
                bad.u.ec.d = zero;
                EXPECT_ERR(TERN_ERR_BAD_KEY,
                           cls->sign(cls, &bad, NULL, msg, sizeof(msg), sig2, &sig2_len));
                sig2_len = 8;
                EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
                           cls->sign(cls, &priv, NULL, msg, sizeof(msg), sig2, &sig2_len));
            }
        }
    }
}

int main(void)
{
    RUN_TEST(test_nonce_reference);
    RUN_TEST(test_candidates);
    RUN_TEST(test_errors);
    RUN_TEST(test_classes_lookup);
    RUN_TEST(test_classes);
    return TEST_REPORT();
}
