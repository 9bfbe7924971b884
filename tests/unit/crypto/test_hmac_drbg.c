/*
 * HMAC_DRBG (SP 800-90A 10.1.2).
 *
 * Known answers: no NIST DRBG vectors are available here, so the output
 * is cross-checked byte for byte against Mbed TLS's HMAC_DRBG (a test
 * opponent linked only into this test): the same seed material through
 * mbedtls_hmac_drbg_seed_buf, and the same entropy stream through
 * mbedtls_hmac_drbg_seed with automatic and explicit reseeds.
 *
 * Behaviour: entropy failure fails closed, reseed counter and interval,
 * over-long requests, personalization and additional input matter, two
 * instances differ, wipe.
 */
#include <stdlib.h>
#include <string.h>

#include "tern/rand.h"
#include "tern_test.h"

#if defined(TERN_TEST_HAVE_MBEDTLS) && TERN_TEST_HAVE_MBEDTLS
#include <mbedtls/hmac_drbg.h>
#include <mbedtls/md.h>
#endif

/* ---- deterministic test data ------------------------------------------ */

static uint32_t rnd_state = 0x12345678u;

static uint32_t rnd(void)
{
    /* xorshift32: test-input generator only */
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 17;
    rnd_state ^= rnd_state << 5;
    return rnd_state;
}

static void rnd_fill(uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        p[i] = (uint8_t)rnd();
    }
}

/* An entropy stream served in order, shared by a tern platform and an
 * Mbed TLS entropy callback; each side has its own cursor. */
typedef struct stream {
    uint8_t bytes[4096];
    size_t pos;
    int calls;
    int fail_after; /* calls that succeed before failures start; -1 never */
} stream;

static int stream_read(stream *s, uint8_t *buf, size_t len)
{
    if (s->fail_after >= 0 && s->calls >= s->fail_after) {
        s->calls++;
        return -1;
    }
    s->calls++;
    if (len > sizeof(s->bytes) - s->pos) {
        return -1;
    }
    memcpy(buf, s->bytes + s->pos, len);
    s->pos += len;
    return 0;
}

static int plat_entropy(void *user, uint8_t *buf, size_t len)
{
    return stream_read((stream *)user, buf, len) == 0 ? TERN_OK : TERN_ERR_ENTROPY;
}

static void stream_init(stream *s, uint32_t seed)
{
    uint32_t saved = rnd_state;
    memset(s, 0, sizeof(*s));
    rnd_state = seed;
    rnd_fill(s->bytes, sizeof(s->bytes));
    rnd_state = saved;
    s->fail_after = -1;
}

static const tern_hash_class *const hashes[] = {
#if TERN_CONFIG_SHA1
    &tern_sha1_class,
#endif
    &tern_sha224_class, &tern_sha256_class, &tern_sha384_class, &tern_sha512_class};
#define NHASHES (sizeof(hashes) / sizeof(hashes[0]))

static size_t strength(const tern_hash_class *h)
{
    return h->digest_len >= 32 ? 32 : h->digest_len >= 28 ? 24 : 16;
}

/* ---- cross-check with Mbed TLS ------------------------------------------ */

#if defined(TERN_TEST_HAVE_MBEDTLS) && TERN_TEST_HAVE_MBEDTLS
static const mbedtls_md_info_t *mbed_md(const tern_hash_class *h)
{
    switch (h->id) {
    case TERN_HASH_SHA1:
        return mbedtls_md_info_from_type(MBEDTLS_MD_SHA1);
    case TERN_HASH_SHA224:
        return mbedtls_md_info_from_type(MBEDTLS_MD_SHA224);
    case TERN_HASH_SHA256:
        return mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    case TERN_HASH_SHA384:
        return mbedtls_md_info_from_type(MBEDTLS_MD_SHA384);
    default:
        return mbedtls_md_info_from_type(MBEDTLS_MD_SHA512);
    }
}

static int mbed_entropy(void *user, unsigned char *buf, size_t len)
{
    return stream_read((stream *)user, buf, len);
}

/* seed_buf(entropy || nonce || pers) is Instantiate with that seed
 * material; then generate with and without additional input. */
static void test_mbedtls_seed_buf(void)
{
    size_t hi;
    int round;
    for (hi = 0; hi < NHASHES; hi++) {
        const tern_hash_class *h = hashes[hi];
        size_t s = strength(h);
        for (round = 0; round < 8; round++) {
            uint8_t material[(32 + 7) + (16 + 6) + 7 * 8]; /* longest elen + nlen + plen */
            size_t elen = s + (size_t)(round & 1) * 7;     /* at and over the minimum */
            size_t nlen = s / 2 + (size_t)(round & 2) * 3;
            size_t plen = (size_t)(round * 8);
            mbedtls_hmac_drbg_context m;
            tern_hmac_drbg_ctx t;
            int i;
            rnd_fill(material, elen + nlen + plen);
            mbedtls_hmac_drbg_init(&m);
            EXPECT_EQ(mbedtls_hmac_drbg_seed_buf(&m, mbed_md(h), material, elen + nlen + plen), 0);
            EXPECT_OK(tern_hmac_drbg_init_seeded(&t, h, material, elen, material + elen, nlen,
                                                 plen > 0 ? material + elen + nlen : NULL, plen));
            for (i = 0; i < 12; i++) {
                uint8_t a[1024], b[1024], add[256];
                size_t len = rnd() % 1025;
                size_t add_len = (i % 3 == 0) ? 0 : rnd() % 257;
                rnd_fill(add, add_len);
                if (i == 5) {
                    len = 1024; /* Mbed TLS's maximum request */
                }
                EXPECT_EQ(mbedtls_hmac_drbg_random_with_add(&m, a, len, add, add_len), 0);
                EXPECT_OK(tern_hmac_drbg_generate_ex(&t, b, len, add_len ? add : NULL, add_len));
                EXPECT_MEM_EQ(b, a, len);
            }
            mbedtls_hmac_drbg_free(&m);
            tern_hmac_drbg_wipe(&t);
        }
    }
}

/* The same entropy stream through Mbed TLS's callback and tern's
 * platform: instantiate (entropy, nonce, personalization), automatic
 * reseeds at a short interval (with additional input going to the
 * reseed), and explicit reseeds. */
static void test_mbedtls_reseed(void)
{
    size_t hi;
    for (hi = 0; hi < NHASHES; hi++) {
        const tern_hash_class *h = hashes[hi];
        stream sm, st;
        tern_platform plat;
        mbedtls_hmac_drbg_context m;
        tern_hmac_drbg_ctx t;
        uint8_t pers[40];
        int i;

        stream_init(&sm, 1000u + (uint32_t)hi);
        stream_init(&st, 1000u + (uint32_t)hi);
        tern_platform_baremetal_init(&plat, plat_entropy, NULL, NULL, &st);
        rnd_fill(pers, sizeof(pers));
        mbedtls_hmac_drbg_init(&m);
        EXPECT_EQ(mbedtls_hmac_drbg_seed(&m, mbed_md(h), mbed_entropy, &sm, pers, sizeof(pers)), 0);
        EXPECT_OK(tern_hmac_drbg_init(&t, h, &plat, pers, sizeof(pers)));
        EXPECT_EQ(st.pos, strength(h) * 3 / 2);
        EXPECT_EQ(sm.pos, st.pos);
        mbedtls_hmac_drbg_set_reseed_interval(&m, 3);
        tern_hmac_drbg_set_reseed_interval(&t, 3);
        for (i = 0; i < 20; i++) {
            uint8_t a[300], b[300], add[64];
            size_t len = rnd() % sizeof(a);
            size_t add_len = (i % 2) ? rnd() % sizeof(add) : 0;
            rnd_fill(add, add_len);
            if (i % 7 == 6) {
                /* explicit reseed with additional input */
                EXPECT_EQ(mbedtls_hmac_drbg_reseed(&m, add, add_len), 0);
                EXPECT_OK(tern_hmac_drbg_reseed(&t, add_len ? add : NULL, add_len));
                EXPECT_EQ(t.reseed_counter, 1);
            }
            EXPECT_EQ(mbedtls_hmac_drbg_random_with_add(&m, a, len, add, add_len), 0);
            EXPECT_OK(tern_hmac_drbg_generate_ex(&t, b, len, add_len ? add : NULL, add_len));
            EXPECT_MEM_EQ(b, a, len);
        }
        /* both drew the same amount of entropy: same reseed points */
        EXPECT_EQ(st.pos, sm.pos);
        EXPECT_TRUE(st.calls > 5);
        mbedtls_hmac_drbg_free(&m);
        tern_hmac_drbg_wipe(&t);
    }
}

/* tern_hmac_drbg_reseed_with equals an explicit Mbed TLS reseed. */
static void test_mbedtls_reseed_with(void)
{
    const tern_hash_class *h = &tern_sha256_class;
    stream sm;
    mbedtls_hmac_drbg_context m;
    tern_hmac_drbg_ctx t;
    uint8_t a[100], b[100];

    stream_init(&sm, 77);
    mbedtls_hmac_drbg_init(&m);
    EXPECT_EQ(mbedtls_hmac_drbg_seed(&m, mbed_md(h), mbed_entropy, &sm, NULL, 0), 0);
    EXPECT_OK(tern_hmac_drbg_init_seeded(&t, h, sm.bytes, 32, sm.bytes + 32, 16, NULL, 0));
    EXPECT_EQ(mbedtls_hmac_drbg_reseed(&m, (const unsigned char *)"add", 3), 0);
    EXPECT_OK(tern_hmac_drbg_reseed_with(&t, sm.bytes + 48, 32, (const uint8_t *)"add", 3));
    EXPECT_EQ(mbedtls_hmac_drbg_random(&m, a, sizeof(a)), 0);
    EXPECT_OK(tern_rng_generate(&t.vtable, b, sizeof(b)));
    EXPECT_MEM_EQ(b, a, sizeof(a));
    mbedtls_hmac_drbg_free(&m);
    tern_hmac_drbg_wipe(&t);
}
#else
static void test_mbedtls_missing(void)
{
    TEST_FAIL("Mbed TLS not found at configure time: no known-answer check of the DRBG");
}
#endif

/* ---- behaviour ------------------------------------------------------------ */

static int is_zero(const uint8_t *p, size_t n)
{
    size_t i;
    uint8_t acc = 0;
    for (i = 0; i < n; i++) {
        acc |= p[i];
    }
    return acc == 0;
}

static int fail_entropy(void *user, uint8_t *buf, size_t len)
{
    (void)user;
    memset(buf, 0xaa, len); /* weak bytes that must never be used */
    return TERN_ERR_ENTROPY;
}

static void test_entropy_failure(void)
{
    tern_platform bad, none;
    tern_hmac_drbg_ctx t;
    uint8_t out[32];
    stream st;
    tern_platform flaky;
    size_t hi;

    tern_platform_baremetal_init(&bad, fail_entropy, NULL, NULL, NULL);
    for (hi = 0; hi < NHASHES; hi++) {
        EXPECT_ERR(TERN_ERR_ENTROPY, tern_hmac_drbg_init(&t, hashes[hi], &bad, NULL, 0));
        memset(out, 0x55, sizeof(out));
        EXPECT_ERR(TERN_ERR_NOT_INITIALIZED, tern_hmac_drbg_generate_ex(&t, out, 32, NULL, 0));
        EXPECT_TRUE(is_zero(out, sizeof(out)));
#if TERN_CONFIG_USAGE_CHECKS
        /* through the class: the vtable is gone too */
        EXPECT_ERR(TERN_ERR_USAGE, tern_rng_generate(&t.vtable, out, 32));
#endif
    }
    /* a platform without an entropy callback */
    tern_platform_baremetal_init(&none, NULL, NULL, NULL, NULL);
    EXPECT_ERR(TERN_ERR_ENTROPY, tern_hmac_drbg_init(&t, &tern_sha256_class, &none, NULL, 0));

    /* entropy that fails at the automatic reseed: no output, state kept */
    stream_init(&st, 5);
    st.fail_after = 1;
    tern_platform_baremetal_init(&flaky, plat_entropy, NULL, NULL, &st);
    EXPECT_OK(tern_hmac_drbg_init(&t, &tern_sha256_class, &flaky, NULL, 0));
    tern_hmac_drbg_set_reseed_interval(&t, 2);
    EXPECT_OK(tern_hmac_drbg_generate_ex(&t, out, 32, NULL, 0));
    EXPECT_OK(tern_hmac_drbg_generate_ex(&t, out, 32, NULL, 0));
    memset(out, 0x55, sizeof(out));
    EXPECT_ERR(TERN_ERR_ENTROPY, tern_hmac_drbg_generate_ex(&t, out, 32, NULL, 0));
    EXPECT_TRUE(is_zero(out, sizeof(out)));
    EXPECT_ERR(TERN_ERR_ENTROPY, tern_rng_generate(&t.vtable, out, 32));
    EXPECT_ERR(TERN_ERR_ENTROPY, tern_hmac_drbg_reseed(&t, NULL, 0));
    EXPECT_EQ(t.reseed_counter, 3);
    /* the source recovers: reseeding happens, output flows again */
    st.fail_after = -1;
    EXPECT_OK(tern_hmac_drbg_generate_ex(&t, out, 32, NULL, 0));
    EXPECT_EQ(t.reseed_counter, 2);
    tern_hmac_drbg_wipe(&t);
}

static void test_reseed_counter(void)
{
    static const uint8_t e[48] = {1, 2, 3};
    tern_hmac_drbg_ctx t, twin;
    uint8_t out[16], out2[16];
    stream st;
    tern_platform plat;
    int i;

    /* no platform: exactly `interval` requests, then RNG_RESEED */
    EXPECT_OK(tern_hmac_drbg_init_seeded(&t, &tern_sha256_class, e, 32, e + 32, 16, NULL, 0));
    EXPECT_EQ(t.reseed_counter, 1);
    EXPECT_EQ(t.reseed_interval, TERN_HMAC_DRBG_RESEED_INTERVAL);
    tern_hmac_drbg_set_reseed_interval(&t, 3);
    for (i = 0; i < 3; i++) {
        EXPECT_OK(tern_hmac_drbg_generate_ex(&t, out, sizeof(out), NULL, 0));
        EXPECT_EQ(t.reseed_counter, (uint64_t)i + 2);
    }
    memset(out, 0x55, sizeof(out));
    EXPECT_ERR(TERN_ERR_RNG_RESEED, tern_hmac_drbg_generate_ex(&t, out, sizeof(out), NULL, 0));
    EXPECT_TRUE(is_zero(out, sizeof(out)));
    EXPECT_ERR(TERN_ERR_RNG_RESEED, tern_rng_generate(&t.vtable, out, sizeof(out)));
    /* no platform to reseed from */
    EXPECT_ERR(TERN_ERR_ENTROPY, tern_hmac_drbg_reseed(&t, NULL, 0));
    /* too little entropy */
    EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_hmac_drbg_reseed_with(&t, e, 31, NULL, 0));
    EXPECT_OK(tern_hmac_drbg_reseed_with(&t, e, 32, NULL, 0));
    EXPECT_EQ(t.reseed_counter, 1);
    EXPECT_OK(tern_hmac_drbg_generate_ex(&t, out, sizeof(out), NULL, 0));

    /* interval 0 is treated as 1 */
    tern_hmac_drbg_set_reseed_interval(&t, 0);
    EXPECT_EQ(t.reseed_interval, 1);
    tern_hmac_drbg_set_reseed_interval(&t, UINT64_MAX);
    EXPECT_EQ_U(t.reseed_interval, (uint64_t)1 << 48);

    /* with a platform: reseeds itself every `interval` requests */
    stream_init(&st, 9);
    tern_platform_baremetal_init(&plat, plat_entropy, NULL, NULL, &st);
    EXPECT_OK(tern_hmac_drbg_init(&t, &tern_sha256_class, &plat, NULL, 0));
    EXPECT_EQ(st.calls, 1);
    EXPECT_EQ(st.pos, 48);
    tern_hmac_drbg_set_reseed_interval(&t, 2);
    for (i = 0; i < 5; i++) {
        EXPECT_OK(tern_hmac_drbg_generate_ex(&t, out, sizeof(out), NULL, 0));
    }
    /* requests 3 and 5 reseeded, 32 bytes each */
    EXPECT_EQ(st.calls, 3);
    EXPECT_EQ(st.pos, 48 + 64);

    /* a reseed changes the stream: compare with a twin that did not */
    EXPECT_OK(tern_hmac_drbg_init_seeded(&t, &tern_sha256_class, e, 32, e + 32, 16, NULL, 0));
    twin = t;
    EXPECT_OK(tern_hmac_drbg_reseed_with(&t, e + 1, 32, NULL, 0));
    EXPECT_OK(tern_hmac_drbg_generate_ex(&t, out, sizeof(out), NULL, 0));
    EXPECT_OK(tern_hmac_drbg_generate_ex(&twin, out2, sizeof(out2), NULL, 0));
    EXPECT_TRUE(memcmp(out, out2, sizeof(out)) != 0);
    tern_hmac_drbg_wipe(&t);
    tern_hmac_drbg_wipe(&twin);
}

static void test_lengths(void)
{
    static const uint8_t e[64] = {9};
    static uint8_t big[TERN_HMAC_DRBG_MAX_REQUEST + 1];
    tern_hmac_drbg_ctx t;

    EXPECT_OK(tern_hmac_drbg_init_seeded(&t, &tern_sha512_class, e, 32, e + 32, 16, NULL, 0));
    EXPECT_OK(tern_hmac_drbg_generate_ex(&t, big, TERN_HMAC_DRBG_MAX_REQUEST, NULL, 0));
    EXPECT_FALSE(is_zero(big, TERN_HMAC_DRBG_MAX_REQUEST));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_hmac_drbg_generate_ex(&t, big, TERN_HMAC_DRBG_MAX_REQUEST + 1, NULL, 0));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_rng_generate(&t.vtable, big, sizeof(big)));
    EXPECT_OK(tern_rng_generate(&t.vtable, big, 0));
    EXPECT_OK(tern_rng_generate(&t.vtable, NULL, 0));
    /* the rejected requests did not count */
    EXPECT_EQ(t.reseed_counter, 4);

    /* instantiate: entropy >= strength, nonce >= strength / 2 */
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_hmac_drbg_init_seeded(&t, &tern_sha256_class, e, 31, e + 32, 16, NULL, 0));
    EXPECT_ERR(TERN_ERR_NOT_INITIALIZED, tern_hmac_drbg_generate_ex(&t, big, 1, NULL, 0));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_hmac_drbg_init_seeded(&t, &tern_sha256_class, e, 32, e + 32, 15, NULL, 0));
#if TERN_CONFIG_SHA1
    EXPECT_OK(tern_hmac_drbg_init_seeded(&t, &tern_sha1_class, e, 16, e + 16, 8, NULL, 0));
#endif
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_hmac_drbg_init_seeded(&t, &tern_sha224_class, e, 23, e + 24, 12, NULL, 0));
#if TERN_CONFIG_MD5
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               tern_hmac_drbg_init_seeded(&t, &tern_md5_class, e, 32, e + 32, 16, NULL, 0));
#endif
#if TERN_CONFIG_USAGE_CHECKS
    EXPECT_ERR(TERN_ERR_USAGE, tern_hmac_drbg_init_seeded(&t, NULL, e, 32, e + 32, 16, NULL, 0));
    EXPECT_ERR(TERN_ERR_USAGE,
               tern_hmac_drbg_init_seeded(&t, &tern_sha256_class, NULL, 32, e, 16, NULL, 0));
    EXPECT_ERR(TERN_ERR_USAGE, tern_hmac_drbg_init(&t, &tern_sha256_class, NULL, NULL, 3));
    EXPECT_ERR(TERN_ERR_USAGE, tern_rng_generate(NULL, big, 1));
#endif
    tern_hmac_drbg_wipe(&t);
}

static void test_inputs_matter(void)
{
    static const uint8_t e[48] = {4, 5, 6};
    tern_hmac_drbg_ctx a, b;
    uint8_t oa[64], ob[64];

    /* same seed material: same output (deterministic) */
    EXPECT_OK(tern_hmac_drbg_init_seeded(&a, &tern_sha256_class, e, 32, e + 32, 16,
                                         (const uint8_t *)"p", 1));
    EXPECT_OK(tern_hmac_drbg_init_seeded(&b, &tern_sha256_class, e, 32, e + 32, 16,
                                         (const uint8_t *)"p", 1));
    EXPECT_OK(tern_hmac_drbg_generate_ex(&a, oa, 64, NULL, 0));
    EXPECT_OK(tern_hmac_drbg_generate_ex(&b, ob, 64, NULL, 0));
    EXPECT_MEM_EQ(oa, ob, 64);
    /* consecutive outputs differ */
    EXPECT_OK(tern_hmac_drbg_generate_ex(&b, ob, 64, NULL, 0));
    EXPECT_TRUE(memcmp(oa, ob, 64) != 0);

    /* personalization changes the output */
    EXPECT_OK(tern_hmac_drbg_init_seeded(&b, &tern_sha256_class, e, 32, e + 32, 16,
                                         (const uint8_t *)"q", 1));
    EXPECT_OK(tern_hmac_drbg_generate_ex(&b, ob, 64, NULL, 0));
    EXPECT_TRUE(memcmp(oa, ob, 64) != 0);
    EXPECT_OK(tern_hmac_drbg_init_seeded(&b, &tern_sha256_class, e, 32, e + 32, 16, NULL, 0));
    EXPECT_OK(tern_hmac_drbg_generate_ex(&b, ob, 64, NULL, 0));
    EXPECT_TRUE(memcmp(oa, ob, 64) != 0);

    /* additional input changes the output */
    EXPECT_OK(tern_hmac_drbg_init_seeded(&a, &tern_sha256_class, e, 32, e + 32, 16, NULL, 0));
    EXPECT_OK(tern_hmac_drbg_init_seeded(&b, &tern_sha256_class, e, 32, e + 32, 16, NULL, 0));
    EXPECT_OK(tern_hmac_drbg_generate_ex(&a, oa, 64, (const uint8_t *)"x", 1));
    EXPECT_OK(tern_hmac_drbg_generate_ex(&b, ob, 64, NULL, 0));
    EXPECT_TRUE(memcmp(oa, ob, 64) != 0);

    /* the class path equals generate_ex without additional input */
    EXPECT_OK(tern_hmac_drbg_init_seeded(&a, &tern_sha384_class, e, 32, e + 32, 16, NULL, 0));
    EXPECT_OK(tern_hmac_drbg_init_seeded(&b, &tern_sha384_class, e, 32, e + 32, 16, NULL, 0));
    EXPECT_TRUE(a.vtable == &tern_hmac_drbg_class);
    EXPECT_EQ(tern_hmac_drbg_class.ctx_size, sizeof(tern_hmac_drbg_ctx));
    EXPECT_OK(tern_rng_generate(&a.vtable, oa, 64));
    EXPECT_OK(tern_hmac_drbg_generate_ex(&b, ob, 64, NULL, 0));
    EXPECT_MEM_EQ(oa, ob, 64);
    tern_hmac_drbg_wipe(&a);
    tern_hmac_drbg_wipe(&b);
}

/* Two instances from the system entropy source differ; so do two from
 * one platform (it hands out different bytes). */
static void test_two_instances(void)
{
    const tern_platform *p = tern_platform_posix();
    tern_hmac_drbg_ctx a, b;
    uint8_t oa[32], ob[32];

    if (p == NULL) {
        TEST_SKIP("no POSIX platform in this build");
    }
    EXPECT_OK(tern_hmac_drbg_init(&a, &tern_sha256_class, p, NULL, 0));
    EXPECT_OK(tern_hmac_drbg_init(&b, &tern_sha256_class, p, NULL, 0));
    EXPECT_OK(tern_rng_generate(&a.vtable, oa, 32));
    EXPECT_OK(tern_rng_generate(&b.vtable, ob, 32));
    EXPECT_TRUE(memcmp(oa, ob, 32) != 0);
    /* NULL platform = the default platform */
    EXPECT_OK(tern_hmac_drbg_init(&a, &tern_sha256_class, NULL, NULL, 0));
    EXPECT_TRUE(a.platform == tern_platform_default());
    EXPECT_OK(tern_hmac_drbg_reseed(&a, NULL, 0));
    EXPECT_OK(tern_rng_generate(&a.vtable, oa, 32));
    EXPECT_TRUE(memcmp(oa, ob, 32) != 0);
    tern_hmac_drbg_wipe(&a);
    tern_hmac_drbg_wipe(&b);
}

static void test_wipe(void)
{
    static const uint8_t e[48] = {7};
    tern_hmac_drbg_ctx t;
    const uint8_t *p = (const uint8_t *)&t;
    uint8_t out[8];
    size_t i, nonzero = 0;

    EXPECT_OK(tern_hmac_drbg_init_seeded(&t, &tern_sha256_class, e, 32, e + 32, 16, NULL, 0));
    tern_hmac_drbg_wipe(&t);
    for (i = 0; i < sizeof(t); i++) {
        nonzero += p[i] != 0;
    }
    EXPECT_EQ(nonzero, 0);
    EXPECT_ERR(TERN_ERR_NOT_INITIALIZED, tern_hmac_drbg_generate_ex(&t, out, 8, NULL, 0));
    EXPECT_ERR(TERN_ERR_NOT_INITIALIZED, tern_hmac_drbg_reseed_with(&t, e, 32, NULL, 0));
}

int main(void)
{
#if defined(TERN_TEST_HAVE_MBEDTLS) && TERN_TEST_HAVE_MBEDTLS
    RUN_TEST(test_mbedtls_seed_buf);
    RUN_TEST(test_mbedtls_reseed);
    RUN_TEST(test_mbedtls_reseed_with);
#else
    RUN_TEST(test_mbedtls_missing);
#endif
    RUN_TEST(test_entropy_failure);
    RUN_TEST(test_reseed_counter);
    RUN_TEST(test_lengths);
    RUN_TEST(test_inputs_matter);
    RUN_TEST(test_two_instances);
    RUN_TEST(test_wipe);
    return TEST_REPORT();
}
