/*
 * X25519 (RFC 7748) and the x25519 key-agreement class.
 *
 * Vectors: RFC 7748 5.2 (the two single-call vectors, 1 and 1,000
 * iterations) and 6.1 (the Diffie-Hellman example), transcribed below;
 * Wycheproof x25519_test.json; Botan pubkey/x25519.vec.
 *
 * Not run: the RFC 7748 1,000,000-iteration vector (about a minute in the
 * plain build, far beyond the time budget of a unit test).
 *
 * Wycheproof "acceptable" decisions (flags of x25519_test.json):
 *  - ZeroSharedSecret / LowOrderPublic: the point has small order and the
 *    result is all zero: tern_x25519 must return TERN_ERR_BAD_SHARED_SECRET
 *    (RFC 7748 6.1, RFC 8446 7.4.2 require TLS to abort). In this file every
 *    LowOrderPublic case also has ZeroSharedSecret; a low-order case with a
 *    non-zero result would be checked like any other.
 *  - Twist, NonCanonicalPublic, SmallPublicKey, SpecialPublicKey,
 *    EdgeCaseMultiplication, EdgeCaseShared, Ktv: accepted, and the result
 *    must equal "shared". RFC 7748 5 defines X25519 on the twist and on
 *    non-canonical u (taken mod p after masking bit 255) and section 7
 *    recommends accepting them; rejecting them would gain nothing, since
 *    the ladder computes the right value for every input.
 * So: a case passes when the result equals "shared" and the return value
 * is TERN_ERR_BAD_SHARED_SECRET exactly when "shared" is all zero.
 */
#include <stdlib.h>
#include <string.h>

#include "tern/curve25519.h"
#include "tern_test.h"
#include "tv.h"

#if TERN_CONFIG_X25519

static void hex32(const char *hex, uint8_t out[32])
{
    if (tv_hex_fixed(hex, out, 32) != 0) {
        TEST_FAIL("bad hex in test");
        memset(out, 0, 32);
    }
}

static int all_zero(const uint8_t *p, size_t n)
{
    size_t i;
    uint8_t acc = 0;
    for (i = 0; i < n; i++) {
        acc |= p[i];
    }
    return acc == 0;
}

/* ---- RFC 7748 -------------------------------------------------------- */

static void test_rfc7748_5_2(void)
{
    static const char *const v[2][3] = {
        {"a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
         "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
         "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"},
        {"4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
         "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
         "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"},
    };
    uint8_t k[32], u[32], want[32], out[32];
    int i;

    for (i = 0; i < 2; i++) {
        hex32(v[i][0], k);
        hex32(v[i][1], u);
        hex32(v[i][2], want);
        EXPECT_OK(tern_x25519(out, k, u));
        EXPECT_MEM_EQ(out, want, 32);
    }
}

static void test_rfc7748_iterations(void)
{
    uint8_t k[32], u[32], r[32], want1[32], want1000[32];
    int i;

    hex32("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079", want1);
    hex32("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51", want1000);
    memset(k, 0, 32);
    k[0] = 9;
    memcpy(u, k, 32);
    for (i = 1; i <= 1000; i++) {
        EXPECT_OK(tern_x25519(r, k, u));
        memcpy(u, k, 32);
        memcpy(k, r, 32);
        if (i == 1) {
            EXPECT_MEM_EQ(k, want1, 32);
        }
    }
    EXPECT_MEM_EQ(k, want1000, 32);
}

static void test_rfc7748_6_1(void)
{
    uint8_t a[32], b[32], ka[32], kb[32], k[32], out[32];

    hex32("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", a);
    hex32("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", ka);
    hex32("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", b);
    hex32("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", kb);
    hex32("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", k);

    EXPECT_OK(tern_x25519_base(out, a));
    EXPECT_MEM_EQ(out, ka, 32);
    EXPECT_OK(tern_x25519_base(out, b));
    EXPECT_MEM_EQ(out, kb, 32);
    EXPECT_OK(tern_x25519(out, a, kb));
    EXPECT_MEM_EQ(out, k, 32);
    EXPECT_OK(tern_x25519(out, b, ka));
    EXPECT_MEM_EQ(out, k, 32);
}

/* ---- Wycheproof ---------------------------------------------------------- */

static void test_wycheproof(void)
{
    const char *file = "wycheproof/x25519_test.json";
    cJSON *root = tv_json_load(file);
    const cJSON *groups, *g;
    tv_counts c;

    tv_counts_init(&c, file);
    if (root == NULL) {
        TEST_FAIL("cannot load x25519_test.json");
        return;
    }
    groups = cJSON_GetObjectItemCaseSensitive(root, "testGroups");
    cJSON_ArrayForEach(g, groups)
    {
        const cJSON *tests = cJSON_GetObjectItemCaseSensitive(g, "tests");
        const cJSON *t;
        const char *curve = tv_json_str(g, "curve");

        cJSON_ArrayForEach(t, tests)
        {
            uint8_t *pub = NULL, *priv = NULL, *shared = NULL;
            size_t pub_len = 0, priv_len = 0, shared_len = 0;
            uint8_t out[32];
            char id[32];
            int rc, want_zero;

            snprintf(id, sizeof(id), "tcId %ld", tv_json_int(t, "tcId", -1));
            if (curve == NULL || strcmp(curve, "curve25519") != 0) {
                tv_skip(&c, "not curve25519");
                continue;
            }
            if (tv_json_hex(t, "public", &pub, &pub_len) != 0 ||
                tv_json_hex(t, "private", &priv, &priv_len) != 0 ||
                tv_json_hex(t, "shared", &shared, &shared_len) != 0 || pub_len != 32 ||
                priv_len != 32 || shared_len != 32) {
                tv_fail(&c, id, "malformed test case");
                free(pub);
                free(priv);
                free(shared);
                continue;
            }
            /* See the file comment for the acceptable flags. */
            want_zero = all_zero(shared, 32);
            rc = tern_x25519(out, priv, pub);
            if (want_zero) {
                tv_check(&c, rc == TERN_ERR_BAD_SHARED_SECRET && all_zero(out, 32), id,
                         "all-zero shared secret not rejected");
            } else {
                tv_check(&c, rc == TERN_OK && memcmp(out, shared, 32) == 0, id,
                         "wrong shared secret");
            }
            free(pub);
            free(priv);
            free(shared);
        }
    }
    cJSON_Delete(root);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

/* ---- Botan ------------------------------------------------------------ */

static void test_botan(void)
{
    const char *file = "botan/pubkey/x25519.vec";
    tv_kv kv;
    tv_fields f;
    tv_counts c;
    tv_kv_event ev;
    int n = 0;

    tv_counts_init(&c, file);
    memset(&f, 0, sizeof(f));
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open x25519.vec");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev == TV_KV_SECTION) {
            tv_fields_clear(&f);
        } else if (ev == TV_KV_FIELD) {
            tv_fields_set(&f, kv.key, kv.value);
            if (strcmp(kv.key, "K") == 0) {
                const char *sec = tv_fields_get(&f, "Secret");
                const char *peer = tv_fields_get(&f, "CounterKey");
                uint8_t s[32], u[32], want[32], out[32];
                char id[32];
                int rc;

                snprintf(id, sizeof(id), "line %d", kv.line);
                n++;
                if (sec == NULL || peer == NULL || tv_hex_fixed(sec, s, 32) != 0 ||
                    tv_hex_fixed(peer, u, 32) != 0 || tv_hex_fixed(kv.value, want, 32) != 0) {
                    tv_fail(&c, id, "malformed test case");
                    continue;
                }
                rc = tern_x25519(out, s, u);
                if (all_zero(want, 32)) {
                    /* Botan lists low-order peers with K = 0: tern rejects
                     * them (RFC 7748 6.1) and still outputs the zeros. */
                    tv_check(&c, rc == TERN_ERR_BAD_SHARED_SECRET && all_zero(out, 32), id,
                             "all-zero result not rejected");
                } else {
                    tv_check(&c, rc == TERN_OK && memcmp(out, want, 32) == 0, id,
                             "wrong shared secret");
                }
            }
        }
    }
    tv_kv_close(&kv);
    tv_fields_clear(&f);
    EXPECT_TRUE(n > 0);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

/* ---- properties --------------------------------------------------------- */

/* A small deterministic generator for test inputs (not a crypto rng). */
static uint64_t rng_state = 0x243f6a8885a308d3ull;

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

static void test_base_matches_ladder(void)
{
    static const uint8_t nine[32] = {9};
    uint8_t k[32], a[32], b[32];
    int i;

    /* The fixed-base path (Edwards table when Ed25519 is built) must agree
     * with the ladder on u = 9, including scalars with extreme bits. */
    for (i = 0; i < 64; i++) {
        fill(k, 32);
        if (i == 0) {
            memset(k, 0, 32);
        } else if (i == 1) {
            memset(k, 0xff, 32);
        } else if (i == 2) {
            memset(k, 0x88, 32); /* every radix-16 digit 8: maximal carries */
        } else if (i == 3) {
            memset(k, 0x77, 32);
        }
        EXPECT_OK(tern_x25519_base(a, k));
        EXPECT_OK(tern_x25519(b, k, nine));
        EXPECT_MEM_EQ(a, b, 32);
    }
}

static void test_dh_agreement(void)
{
    uint8_t a[32], b[32], pa[32], pb[32], s1[32], s2[32];
    int i;

    for (i = 0; i < 16; i++) {
        fill(a, 32);
        fill(b, 32);
        EXPECT_OK(tern_x25519_base(pa, a));
        EXPECT_OK(tern_x25519_base(pb, b));
        EXPECT_OK(tern_x25519(s1, a, pb));
        EXPECT_OK(tern_x25519(s2, b, pa));
        EXPECT_MEM_EQ(s1, s2, 32);
    }
}

static void test_u_decoding(void)
{
    uint8_t k[32], u[32], u2[32], r1[32], r2[32];
    int i;

    /* Bit 255 of u is ignored (RFC 7748 5). */
    for (i = 0; i < 8; i++) {
        fill(k, 32);
        fill(u, 32);
        u[31] &= 0x7f;
        memcpy(u2, u, 32);
        u2[31] |= 0x80;
        EXPECT_EQ(tern_x25519(r1, k, u), tern_x25519(r2, k, u2));
        EXPECT_MEM_EQ(r1, r2, 32);
    }
    /* u = p + 9 is taken mod p: same as u = 9. */
    memset(u, 0xff, 32);
    u[0] = 0xed + 9;
    u[31] = 0x7f;
    memset(u2, 0, 32);
    u2[0] = 9;
    fill(k, 32);
    EXPECT_OK(tern_x25519(r1, k, u));
    EXPECT_OK(tern_x25519(r2, k, u2));
    EXPECT_MEM_EQ(r1, r2, 32);
    /* u = 0, u = 1 and u = p (= 0) have small order: rejected. */
    memset(u, 0, 32);
    EXPECT_ERR(TERN_ERR_BAD_SHARED_SECRET, tern_x25519(r1, k, u));
    EXPECT_TRUE(all_zero(r1, 32));
    u[0] = 1;
    EXPECT_ERR(TERN_ERR_BAD_SHARED_SECRET, tern_x25519(r1, k, u));
    memset(u, 0xff, 32);
    u[0] = 0xed;
    u[31] = 0x7f;
    EXPECT_ERR(TERN_ERR_BAD_SHARED_SECRET, tern_x25519(r1, k, u));
}

static void test_clamping(void)
{
    uint8_t k[32], k2[32], u[32], r1[32], r2[32];

    /* Bits 0-2 and 255 of the scalar do not matter, bit 254 is forced. */
    fill(k, 32);
    fill(u, 32);
    memcpy(k2, k, 32);
    k2[0] ^= 7;
    k2[31] ^= 0x80;
    k2[31] ^= 0x40;
    EXPECT_OK(tern_x25519(r1, k, u));
    EXPECT_OK(tern_x25519(r2, k2, u));
    EXPECT_MEM_EQ(r1, r2, 32);
    EXPECT_OK(tern_x25519_base(r1, k));
    EXPECT_OK(tern_x25519_base(r2, k2));
    EXPECT_MEM_EQ(r1, r2, 32);
    /* ...but the other bits do. */
    k2[1] ^= 1;
    EXPECT_OK(tern_x25519_base(r2, k2));
    EXPECT_FALSE(memcmp(r1, r2, 32) == 0);
}

static void test_in_place(void)
{
    uint8_t k[32], u[32], r[32], buf[32];

    fill(k, 32);
    fill(u, 32);
    EXPECT_OK(tern_x25519(r, k, u));
    memcpy(buf, u, 32);
    EXPECT_OK(tern_x25519(buf, k, buf));
    EXPECT_MEM_EQ(buf, r, 32);
    memcpy(buf, k, 32);
    EXPECT_OK(tern_x25519(buf, buf, u));
    EXPECT_MEM_EQ(buf, r, 32);
}

static void test_usage(void)
{
#if TERN_CONFIG_USAGE_CHECKS
    uint8_t k[32] = {1}, u[32] = {9}, r[32];
    EXPECT_ERR(TERN_ERR_USAGE, tern_x25519(NULL, k, u));
    EXPECT_ERR(TERN_ERR_USAGE, tern_x25519(r, NULL, u));
    EXPECT_ERR(TERN_ERR_USAGE, tern_x25519(r, k, NULL));
    EXPECT_ERR(TERN_ERR_USAGE, tern_x25519_base(NULL, k));
    EXPECT_ERR(TERN_ERR_USAGE, tern_x25519_base(r, NULL));
#else
    TEST_SKIP("TERN_CONFIG_USAGE_CHECKS is off");
#endif
}

/* ---- the kex class -------------------------------------------------------- */

typedef struct test_rng {
    const tern_rng_class *vtable;
    int fail;
} test_rng;

static int test_rng_generate(const tern_rng_class **ctx, uint8_t *out, size_t len)
{
    test_rng *r = (test_rng *)(void *)ctx;
    if (r->fail) {
        return TERN_ERR_ENTROPY;
    }
    fill(out, len);
    return TERN_OK;
}

static const tern_rng_class test_rng_class = {"test", sizeof(test_rng), test_rng_generate};

static void test_kex_class(void)
{
    const tern_kex_class *kx = &tern_kex_x25519;
    test_rng rng = {&test_rng_class, 0};
    uint8_t pa[TERN_KEX_MAX_PRIV], pb[TERN_KEX_MAX_PRIV];
    uint8_t qa[32], qb[32], sa[32], sb[32], check[32], low[32];

    EXPECT_STR_EQ(kx->name, "x25519");
    EXPECT_EQ(kx->group, TERN_GROUP_X25519);
    EXPECT_EQ(kx->priv_len, 32);
    EXPECT_EQ(kx->pub_len, 32);
    EXPECT_EQ(kx->secret_len, 32);

    EXPECT_OK(kx->keygen(kx, &rng.vtable, pa, qa));
    EXPECT_OK(kx->keygen(kx, &rng.vtable, pb, qb));
    EXPECT_FALSE(memcmp(qa, qb, 32) == 0);
    EXPECT_OK(tern_x25519_base(check, pa));
    EXPECT_MEM_EQ(check, qa, 32);
    EXPECT_OK(kx->derive(kx, pa, qb, 32, sa));
    EXPECT_OK(kx->derive(kx, pb, qa, 32, sb));
    EXPECT_MEM_EQ(sa, sb, 32);

    /* Wrong peer lengths: not a point. */
    EXPECT_ERR(TERN_ERR_BAD_POINT, kx->derive(kx, pa, qb, 31, sa));
    EXPECT_ERR(TERN_ERR_BAD_POINT, kx->derive(kx, pa, qb, 33, sa));
    EXPECT_ERR(TERN_ERR_BAD_POINT, kx->derive(kx, pa, qb, 0, sa));
    EXPECT_ERR(TERN_ERR_BAD_POINT, kx->derive(kx, pa, NULL, 32, sa));

    /* Low-order peer (u = 1): all-zero secret, rejected and zeroed. */
    memset(low, 0, 32);
    low[0] = 1;
    memset(sa, 0xaa, 32);
    EXPECT_ERR(TERN_ERR_BAD_SHARED_SECRET, kx->derive(kx, pa, low, 32, sa));
    EXPECT_TRUE(all_zero(sa, 32));

    /* A failing rng fails keygen and leaves no key behind. */
    rng.fail = 1;
    memset(pa, 0x55, sizeof(pa));
    EXPECT_ERR(TERN_ERR_ENTROPY, kx->keygen(kx, &rng.vtable, pa, qa));
    EXPECT_TRUE(all_zero(pa, 32));
}

int main(void)
{
    RUN_TEST(test_rfc7748_5_2);
    RUN_TEST(test_rfc7748_iterations);
    RUN_TEST(test_rfc7748_6_1);
    RUN_TEST(test_wycheproof);
    RUN_TEST(test_botan);
    RUN_TEST(test_base_matches_ladder);
    RUN_TEST(test_dh_agreement);
    RUN_TEST(test_u_decoding);
    RUN_TEST(test_clamping);
    RUN_TEST(test_in_place);
    RUN_TEST(test_usage);
    RUN_TEST(test_kex_class);
    return TEST_REPORT();
}

#else

static void test_compiled_out(void)
{
    TEST_SKIP("X25519 compiled out (TERN_CONFIG_X25519 = 0)");
}

int main(void)
{
    RUN_TEST(test_compiled_out);
    return TEST_REPORT() == 0 ? 77 : 1;
}

#endif
