/*
 * P-256 / P-384 ECDH, key derivation and point validation: Wycheproof
 * (raw points and SubjectPublicKeyInfo), NIST CAVS ECC CDH, Botan, and
 * negative tests for every malformed point and private key.
 */
#include <stdlib.h>
#include <string.h>

#include "ec_test_util.h"
#include "tern/ec.h"
#include "tern_test.h"
#include "tv.h"

/* Decisions for Wycheproof "acceptable" cases (all rejected):
 *  - CompressedPublic / CompressedPoint: tern accepts only the
 *    uncompressed form (RFC 8446 4.2.8.2; RFC 8422 5.1.2 deprecates the
 *    compressed one), so the point is refused with TERN_ERR_BAD_POINT.
 *  - SPKI files: InvalidAsn (BER and other non-DER encodings), and the
 *    explicit-parameter keys (UnnamedCurve, UnusedParam, WrongOrder,
 *    ModifiedGenerator, ModifiedCofactor, NoCofactor,
 *    ModifiedCurveParameter): the test's SPKI parser is strict DER and
 *    takes only the named-curve form (RFC 5480 2.1.1), so they are
 *    refused before ECDH runs. */
static void run_wycheproof(const char *file, int spki, uint16_t file_curve)
{
    tv_counts c;
    cJSON *root;
    const cJSON *group, *test;

    if (tern_ec_curve_len(file_curve) == 0) {
        TEST_SKIP("curve compiled out");
    }
    root = tv_json_load(file);
    tv_counts_init(&c, file);
    if (root == NULL) {
        TEST_FAIL("cannot load vectors");
        return;
    }
    cJSON_ArrayForEach(group, cJSON_GetObjectItemCaseSensitive(root, "testGroups"))
    {
        uint16_t curve = ect_group(tv_json_str(group, "curve"));
        cJSON_ArrayForEach(test, cJSON_GetObjectItemCaseSensitive(group, "tests"))
        {
            uint8_t *pub = NULL, *priv = NULL, *shared = NULL;
            size_t pub_len, priv_len, shared_len;
            uint8_t out[TERN_EC_MAX_LEN];
            const uint8_t *point;
            size_t point_len;
            uint16_t key_curve = curve;
            const char *result = tv_json_str(test, "result");
            int valid = strcmp(result, "valid") == 0;
            int ok;
            char id[300];

            snprintf(id, sizeof(id), "tcId %ld", tv_json_int(test, "tcId", -1));
            if (curve == 0) {
                tv_skip(&c, "curve other than P-256/P-384, or compiled out");
                continue;
            }
            if (tv_json_hex(test, "public", &pub, &pub_len) != 0 ||
                tv_json_hex(test, "private", &priv, &priv_len) != 0 ||
                tv_json_hex(test, "shared", &shared, &shared_len) != 0) {
                tv_fail(&c, id, "bad hex");
                free(pub);
                free(priv);
                free(shared);
                continue;
            }
            point = pub;
            point_len = pub_len;
            ok = 1;
            if (spki) {
                ok = ect_spki(pub, pub_len, &key_curve, &point, &point_len) == 0 &&
                     key_curve == curve;
            }
            if (ok) {
                int rc = tern_ecdh(curve, priv, priv_len, point, point_len, out);
                ok = rc == TERN_OK && shared_len == tern_ec_curve_len(curve) &&
                     memcmp(out, shared, shared_len) == 0;
                if (rc != TERN_OK && rc != TERN_ERR_BAD_POINT) {
                    ok = 0;
                    valid = 1; /* any other error is a failure */
                }
            }
            tv_check(&c, ok == valid, id, valid ? "valid case failed" : "invalid case accepted");
            free(pub);
            free(priv);
            free(shared);
        }
    }
    cJSON_Delete(root);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

static void test_wycheproof_ecpoint_p256(void)
{
    run_wycheproof("wycheproof/ecdh_secp256r1_ecpoint_test.json", 0, TERN_GROUP_SECP256R1);
}

static void test_wycheproof_ecpoint_p384(void)
{
    run_wycheproof("wycheproof/ecdh_secp384r1_ecpoint_test.json", 0, TERN_GROUP_SECP384R1);
}

static void test_wycheproof_spki_p256(void)
{
    run_wycheproof("wycheproof/ecdh_secp256r1_test.json", 1, TERN_GROUP_SECP256R1);
}

static void test_wycheproof_spki_p384(void)
{
    run_wycheproof("wycheproof/ecdh_secp384r1_test.json", 1, TERN_GROUP_SECP384R1);
}

/* NIST CAVS 14.1 ECC CDH primitive (SP 800-56A 5.7.1.2): Z from dIUT and
 * QCAVS, and QIUT = dIUT G. */
static void test_nist_cdh(void)
{
    const char *file = "nist/ecdh/KAS_ECC_CDH_PrimitiveTest.txt";
    tv_counts c;
    tv_kv kv;
    tv_fields f = {0};
    tv_kv_event ev;
    uint16_t curve = 0;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vectors");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev == TV_KV_SECTION) {
            curve = ect_group(kv.section);
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, "ZIUT") != 0) {
            continue;
        }
        if (curve == 0) {
            tv_skip(&c,
                    "curve other than P-256/P-384 (P-192, P-224, P-521, K-, B-) or compiled out");
            continue;
        }
        {
            size_t len = tern_ec_curve_len(curve);
            uint8_t peer[TERN_EC_MAX_POINT_LEN], qiut[TERN_EC_MAX_POINT_LEN];
            uint8_t q[TERN_EC_MAX_POINT_LEN], z[TERN_EC_MAX_LEN], out[TERN_EC_MAX_LEN];
            uint8_t d[TERN_EC_MAX_LEN];
            char id[300];
            int ok;

            snprintf(id, sizeof(id), "%s COUNT %s", kv.section, tv_fields_get(&f, "COUNT"));
            peer[0] = qiut[0] = 0x04;
            ok = tv_hex_fixed(tv_fields_get(&f, "QCAVSx"), peer + 1, len) == 0 &&
                 tv_hex_fixed(tv_fields_get(&f, "QCAVSy"), peer + 1 + len, len) == 0 &&
                 tv_hex_fixed(tv_fields_get(&f, "QIUTx"), qiut + 1, len) == 0 &&
                 tv_hex_fixed(tv_fields_get(&f, "QIUTy"), qiut + 1 + len, len) == 0 &&
                 tv_hex_fixed(tv_fields_get(&f, "dIUT"), d, len) == 0 &&
                 tv_hex_fixed(kv.value, z, len) == 0;
            ok = ok && tern_ecdh(curve, d, len, peer, 1 + 2 * len, out) == TERN_OK &&
                 memcmp(out, z, len) == 0;
            ok = ok && tern_ec_public_from_private(curve, d, len, q) == TERN_OK &&
                 memcmp(q, qiut, 1 + 2 * len) == 0;
            tv_check(&c, ok, id, "Z or QIUT mismatch");
        }
    }
    tv_kv_close(&kv);
    tv_fields_clear(&f);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

/* Botan pubkey/ecdh.vec: Secret (0x-prefixed hex), CounterKey, K. */
static void test_botan_ecdh(void)
{
    const char *file = "botan/pubkey/ecdh.vec";
    tv_counts c;
    tv_kv kv;
    tv_fields f = {0};
    tv_kv_event ev;
    uint16_t curve = 0;
    int n = 0;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vectors");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev == TV_KV_SECTION) {
            curve = ect_group(kv.section);
            tv_fields_clear(&f);
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, "K") != 0) {
            continue;
        }
        n++;
        if (curve == 0) {
            tv_skip(&c, "curve other than P-256/P-384 (secp192/224/521, brainpool, frp256v1) or "
                        "compiled out");
            continue;
        }
        {
            const char *secret = tv_fields_get(&f, "Secret");
            uint8_t *d = NULL, *peer = NULL, *k = NULL;
            size_t d_len, peer_len, k_len;
            uint8_t out[TERN_EC_MAX_LEN];
            char id[300];
            int ok;

            snprintf(id, sizeof(id), "%s #%d", kv.section, n);
            if (secret != NULL && strncmp(secret, "0x", 2) == 0) {
                secret += 2;
            }
            ok = secret != NULL && tv_hex(secret, &d, &d_len) == 0 &&
                 tv_hex(tv_fields_get(&f, "CounterKey"), &peer, &peer_len) == 0 &&
                 tv_hex(kv.value, &k, &k_len) == 0;
            ok = ok && tern_ecdh(curve, d, d_len, peer, peer_len, out) == TERN_OK &&
                 k_len == tern_ec_curve_len(curve) && memcmp(out, k, k_len) == 0;
            tv_check(&c, ok, id, "shared secret mismatch");
            free(d);
            free(peer);
            free(k);
        }
    }
    tv_kv_close(&kv);
    tv_fields_clear(&f);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

static const uint8_t p256_p[32] = {0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
                                   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff,
                                   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
static const uint8_t p256_n[32] = {0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,
                                   0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17,
                                   0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51};

/* Big-endian a += v (v small), in place. */
static void be_add(uint8_t *a, size_t len, unsigned v)
{
    while (len > 0 && v != 0) {
        unsigned s = a[len - 1] + (v & 0xffu);
        a[len - 1] = (uint8_t)s;
        v = (v >> 8) + (s >> 8);
        len--;
    }
}

/* Every malformed encoding of a point is refused, with TERN_ERR_BAD_POINT
 * from tern_ecdh and tern_ec_check_public alike. */
static void test_bad_points(void)
{
    static const uint16_t curves[2] = {TERN_GROUP_SECP256R1, TERN_GROUP_SECP384R1};
    size_t ci;

    for (ci = 0; ci < 2; ci++) {
        uint16_t curve = curves[ci];
        size_t len = tern_ec_curve_len(curve);
        size_t plen = 1 + 2 * len;
        if (len == 0) {
            continue; /* compiled out */
        }
        uint8_t d[TERN_EC_MAX_LEN], q[TERN_EC_MAX_POINT_LEN + 2], bad[TERN_EC_MAX_POINT_LEN + 2];
        uint8_t out[TERN_EC_MAX_LEN], keep[TERN_EC_MAX_LEN];
        size_t l;
        unsigned b;

        memset(d, 0, sizeof(d));
        d[len - 1] = 7;
        EXPECT_OK(tern_ec_public_from_private(curve, d, len, q));
        EXPECT_OK(tern_ec_check_public(curve, q, plen));
        EXPECT_OK(tern_ecdh(curve, d, len, q, plen, out));

        /* every wrong length, with a valid prefix */
        for (l = 0; l <= plen + 1; l++) {
            if (l == plen) {
                continue;
            }
            memcpy(bad, q, plen);
            bad[plen] = 0;
            bad[plen + 1] = 0;
            EXPECT_ERR(TERN_ERR_BAD_POINT, tern_ec_check_public(curve, bad, l));
            EXPECT_ERR(TERN_ERR_BAD_POINT, tern_ecdh(curve, d, len, bad, l, out));
        }
        /* every first byte but 04: identity (00), compressed (02/03),
         * hybrid (06/07), garbage */
        for (b = 0; b < 256; b++) {
            if (b == 4) {
                continue;
            }
            memcpy(bad, q, plen);
            bad[0] = (uint8_t)b;
            EXPECT_ERR(TERN_ERR_BAD_POINT, tern_ec_check_public(curve, bad, plen));
        }
        /* compressed encoding of the valid point, correct length */
        memcpy(bad, q, 1 + len);
        bad[0] = (uint8_t)(2 + (q[plen - 1] & 1));
        EXPECT_ERR(TERN_ERR_BAD_POINT, tern_ec_check_public(curve, bad, 1 + len));
        EXPECT_ERR(TERN_ERR_BAD_POINT, tern_ecdh(curve, d, len, bad, 1 + len, out));
        /* the single-byte identity */
        bad[0] = 0;
        EXPECT_ERR(TERN_ERR_BAD_POINT, tern_ecdh(curve, d, len, bad, 1, out));
        /* off the curve: flip each bit of the last byte of y and of x */
        for (b = 0; b < 8; b++) {
            memcpy(bad, q, plen);
            bad[plen - 1] ^= (uint8_t)(1u << b);
            EXPECT_ERR(TERN_ERR_BAD_POINT, tern_ec_check_public(curve, bad, plen));
            memcpy(bad, q, plen);
            bad[len] ^= (uint8_t)(1u << b);
            EXPECT_ERR(TERN_ERR_BAD_POINT, tern_ec_check_public(curve, bad, plen));
        }
        /* all-zero coordinates (0, 0) is not on the curve */
        memset(bad, 0, plen);
        bad[0] = 4;
        EXPECT_ERR(TERN_ERR_BAD_POINT, tern_ec_check_public(curve, bad, plen));
        if (curve == TERN_GROUP_SECP256R1) {
            /* x or y replaced by x + p / y + p (>= p, same residue: on the
             * curve modulo p, so only the range check catches it) */
            memcpy(bad, q, plen);
            memcpy(bad + 1, p256_p, 32);
            EXPECT_ERR(TERN_ERR_BAD_POINT, tern_ec_check_public(curve, bad, plen));
            /* y' = y + p fits in 32 bytes only when y < 2^256 - p; use the
             * point (x, p - y) = -Q instead, valid, then y + p overflow is
             * simulated by y = p exactly and y = all-ones */
            memcpy(bad, q, plen);
            memcpy(bad + 1 + len, p256_p, 32);
            EXPECT_ERR(TERN_ERR_BAD_POINT, tern_ec_check_public(curve, bad, plen));
            memset(bad + 1 + len, 0xff, 32);
            EXPECT_ERR(TERN_ERR_BAD_POINT, tern_ec_check_public(curve, bad, plen));
        }
        /* a failed ECDH leaves secret untouched */
        memset(out, 0xa5, sizeof(out));
        memcpy(keep, out, sizeof(out));
        memcpy(bad, q, plen);
        bad[plen - 1] ^= 1;
        EXPECT_ERR(TERN_ERR_BAD_POINT, tern_ecdh(curve, d, len, bad, plen, out));
        EXPECT_MEM_EQ(out, keep, sizeof(out));
        EXPECT_ERR(TERN_ERR_BAD_POINT, tern_ecdh(curve, d, len, NULL, 0, out));
    }
}

/* Private keys outside [1, n-1] are refused; leading zeros accepted. */
static void test_bad_private(void)
{
    uint16_t curve = TERN_GROUP_SECP256R1;
    uint8_t d[40], q[65], q2[65], out[32], keep[32];

    if (tern_ec_curve_len(curve) == 0) {
        TEST_SKIP("P-256 compiled out");
    }

    memset(d, 0, sizeof(d));
    d[31] = 5;
    EXPECT_OK(tern_ec_public_from_private(curve, d, 32, q));
    /* the same key with leading zeros, or shorter */
    memset(d, 0, sizeof(d));
    d[39] = 5;
    EXPECT_OK(tern_ec_public_from_private(curve, d, 40, q2));
    EXPECT_MEM_EQ(q, q2, 65);
    EXPECT_OK(tern_ec_public_from_private(curve, d + 39, 1, q2));
    EXPECT_MEM_EQ(q, q2, 65);
    /* zero, empty */
    memset(d, 0, sizeof(d));
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_ec_public_from_private(curve, d, 32, q2));
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_ec_public_from_private(curve, d, 0, q2));
    /* n, n + 1, n - 1 (valid), all ones */
    memcpy(d, p256_n, 32);
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_ec_public_from_private(curve, d, 32, q2));
    memset(out, 0x5a, sizeof(out));
    memset(keep, 0, sizeof(keep));
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_ecdh(curve, d, 32, q, 65, out));
    EXPECT_MEM_EQ(out, keep, sizeof(out)); /* zeroed */
    be_add(d, 32, 1);
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_ec_public_from_private(curve, d, 32, q2));
    memcpy(d, p256_n, 32);
    d[31] -= 1;
    EXPECT_OK(tern_ec_public_from_private(curve, d, 32, q2));
    EXPECT_OK(tern_ecdh(curve, d, 32, q, 65, out));
    memset(d, 0xff, 32);
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_ec_public_from_private(curve, d, 32, q2));
    /* a non-zero byte beyond the field length */
    memset(d, 0, sizeof(d));
    d[0] = 1;
    d[32] = 5;
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_ec_public_from_private(curve, d, 33, q2));
    /* unknown curve */
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, tern_ecdh(0x001d, d, 32, q, 65, out));
    EXPECT_EQ(tern_ec_curve_len(0x0019), 0);
}

/* Both sides of an exchange agree, for keys from tern_ec_keygen. */
static void test_keygen_agree(void)
{
    static const uint16_t curves[2] = {TERN_GROUP_SECP256R1, TERN_GROUP_SECP384R1};
    size_t ci;
    int i;

    for (ci = 0; ci < 2; ci++) {
        uint16_t curve = curves[ci];
        size_t len = tern_ec_curve_len(curve);
        if (len == 0) {
            continue; /* compiled out */
        }
        for (i = 0; i < 4; i++) {
            ect_rng rng;
            uint8_t da[TERN_EC_MAX_LEN], db[TERN_EC_MAX_LEN];
            uint8_t qa[TERN_EC_MAX_POINT_LEN], qb[TERN_EC_MAX_POINT_LEN];
            uint8_t sa[TERN_EC_MAX_LEN], sb[TERN_EC_MAX_LEN];
            ect_rng_init(&rng, 1000u + (unsigned)i);
            EXPECT_OK(tern_ec_keygen(curve, &rng.vtable, da, qa));
            EXPECT_OK(tern_ec_keygen(curve, &rng.vtable, db, qb));
            EXPECT_OK(tern_ec_check_public(curve, qa, 1 + 2 * len));
            EXPECT_OK(tern_ecdh(curve, da, len, qb, 1 + 2 * len, sa));
            EXPECT_OK(tern_ecdh(curve, db, len, qa, 1 + 2 * len, sb));
            EXPECT_MEM_EQ(sa, sb, len);
        }
    }
}

/* The TLS key-agreement classes: sizes, agreement, validation. */
static void test_kex_classes(void)
{
    const tern_kex_class *classes[2] = {NULL, NULL};
    size_t i;
    int n = 0;

#if TERN_CONFIG_ECC_P256
    classes[n++] = &tern_kex_secp256r1;
    EXPECT_EQ(tern_kex_secp256r1.group, TERN_GROUP_SECP256R1);
    EXPECT_EQ(tern_kex_secp256r1.priv_len, 32);
    EXPECT_EQ(tern_kex_secp256r1.pub_len, 65);
    EXPECT_EQ(tern_kex_secp256r1.secret_len, 32);
#endif
#if TERN_CONFIG_ECC_P384
    classes[n++] = &tern_kex_secp384r1;
    EXPECT_EQ(tern_kex_secp384r1.group, TERN_GROUP_SECP384R1);
    EXPECT_EQ(tern_kex_secp384r1.priv_len, 48);
    EXPECT_EQ(tern_kex_secp384r1.pub_len, 97);
    EXPECT_EQ(tern_kex_secp384r1.secret_len, 48);
#endif
    for (i = 0; i < (size_t)n; i++) {
        const tern_kex_class *k = classes[i];
        ect_rng rng;
        uint8_t pa[TERN_KEX_MAX_PRIV], pb[TERN_KEX_MAX_PRIV];
        uint8_t qa[TERN_EC_MAX_POINT_LEN], qb[TERN_EC_MAX_POINT_LEN];
        uint8_t sa[TERN_EC_MAX_LEN], sb[TERN_EC_MAX_LEN];

        ect_rng_init(&rng, 77 + i);
        EXPECT_OK(k->keygen(k, &rng.vtable, pa, qa));
        EXPECT_OK(k->keygen(k, &rng.vtable, pb, qb));
        EXPECT_EQ(qa[0], 4);
        EXPECT_OK(k->derive(k, pa, qb, k->pub_len, sa));
        EXPECT_OK(k->derive(k, pb, qa, k->pub_len, sb));
        EXPECT_MEM_EQ(sa, sb, k->secret_len);
        /* the peer's value is validated */
        qb[k->pub_len - 1] ^= 1;
        EXPECT_ERR(TERN_ERR_BAD_POINT, k->derive(k, pa, qb, k->pub_len, sa));
        EXPECT_ERR(TERN_ERR_BAD_POINT, k->derive(k, pa, qa, k->pub_len - 1, sa));
        EXPECT_ERR(TERN_ERR_BAD_POINT, k->derive(k, pa, qa, (k->pub_len - 1) / 2 + 1, sa));
    }
}

int main(void)
{
    RUN_TEST(test_wycheproof_ecpoint_p256);
    RUN_TEST(test_wycheproof_ecpoint_p384);
    RUN_TEST(test_wycheproof_spki_p256);
    RUN_TEST(test_wycheproof_spki_p384);
    RUN_TEST(test_nist_cdh);
    RUN_TEST(test_botan_ecdh);
    RUN_TEST(test_bad_points);
    RUN_TEST(test_bad_private);
    RUN_TEST(test_keygen_agree);
    RUN_TEST(test_kex_classes);
    return TEST_REPORT();
}
