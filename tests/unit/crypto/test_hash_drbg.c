/*
 * Hash_DRBG (SP 800-90A 10.1.1).
 *
 * Known answers: no NIST DRBG vectors are available here, so the output
 * is cross-checked byte for byte against OpenSSL's HASH-DRBG (a test
 * opponent linked only into this test), fed the same entropy input and
 * nonce through OpenSSL's TEST-RAND parent: SHA-1 (strength 128) and
 * SHA-256 (256), with and without
 * personalization and additional input, several request sizes, and a
 * reseed with caller entropy.
 *
 * Behaviour: entropy failure fails closed, reseed interval without a
 * platform, over-long requests, short seed material, MD5 and SHA-384/512
 * refused, wipe,
 * two platform-seeded instances differ.
 */
#include <string.h>

#include "tern/rand.h"
#include "tern_test.h"

#if defined(TERN_TEST_HAVE_OPENSSL) && TERN_TEST_HAVE_OPENSSL
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#endif

static uint32_t rnd_state = 0x9e3779b9u;

static void rnd_fill(uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        /* xorshift32: test-input generator only */
        rnd_state ^= rnd_state << 13;
        rnd_state ^= rnd_state >> 17;
        rnd_state ^= rnd_state << 5;
        p[i] = (uint8_t)rnd_state;
    }
}

#if defined(TERN_TEST_HAVE_OPENSSL) && TERN_TEST_HAVE_OPENSSL

/* An OpenSSL HASH-DRBG whose parent hands out exactly the given entropy
 * and nonce. */
typedef struct ossl_drbg {
    EVP_RAND_CTX *parent, *drbg;
} ossl_drbg;

static int ossl_set_entropy(ossl_drbg *o, const uint8_t *entropy, size_t elen, const uint8_t *nonce,
                            size_t nlen)
{
    OSSL_PARAM params[3], *p = params;
    *p++ = OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_ENTROPY, (void *)entropy, elen);
    if (nonce != NULL) {
        *p++ = OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_NONCE, (void *)nonce, nlen);
    }
    *p = OSSL_PARAM_construct_end();
    return EVP_RAND_CTX_set_params(o->parent, params);
}

static int ossl_new(ossl_drbg *o, const char *digest, unsigned strength, const uint8_t *entropy,
                    size_t elen, const uint8_t *nonce, size_t nlen, const uint8_t *pers,
                    size_t plen)
{
    EVP_RAND *tr = EVP_RAND_fetch(NULL, "TEST-RAND", NULL);
    EVP_RAND *hr = EVP_RAND_fetch(NULL, "HASH-DRBG", NULL);
    OSSL_PARAM params[2];
    unsigned st = strength;
    int ok = 0;

    memset(o, 0, sizeof(*o));
    if (tr == NULL || hr == NULL) {
        goto out;
    }
    o->parent = EVP_RAND_CTX_new(tr, NULL);
    if (o->parent == NULL) {
        goto out;
    }
    params[0] = OSSL_PARAM_construct_uint(OSSL_RAND_PARAM_STRENGTH, &st);
    params[1] = OSSL_PARAM_construct_end();
    if (!EVP_RAND_CTX_set_params(o->parent, params) ||
        !ossl_set_entropy(o, entropy, elen, nonce, nlen) ||
        !EVP_RAND_instantiate(o->parent, strength, 0, NULL, 0, NULL)) {
        goto out;
    }
    o->drbg = EVP_RAND_CTX_new(hr, o->parent);
    if (o->drbg == NULL) {
        goto out;
    }
    params[0] =
        OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_DIGEST, (char *)(uintptr_t)digest, 0);
    params[1] = OSSL_PARAM_construct_end();
    if (!EVP_RAND_CTX_set_params(o->drbg, params) ||
        !EVP_RAND_instantiate(o->drbg, strength, 0, pers, plen, NULL)) {
        goto out;
    }
    ok = 1;
out:
    EVP_RAND_free(tr);
    EVP_RAND_free(hr);
    return ok;
}

static void ossl_free(ossl_drbg *o)
{
    EVP_RAND_CTX_free(o->drbg);
    EVP_RAND_CTX_free(o->parent);
}

typedef struct kat_case {
    const tern_hash_class *hash;
    const char *digest;
    unsigned strength; /* bits */
    int pers, adin, reseed;
} kat_case;

static void cross_check(const kat_case *k)
{
    static const size_t sizes[] = {1, 32, 33, 64, 100, 7, 200};
    uint8_t entropy[32], nonce[16], pers[40], adin[37], e2[32], a2[20];
    uint8_t mine[200], theirs[200];
    size_t s = k->strength / 8, i;
    tern_hash_drbg_ctx d;
    ossl_drbg o;

    rnd_fill(entropy, s);
    rnd_fill(nonce, s / 2);
    rnd_fill(pers, sizeof(pers));
    rnd_fill(adin, sizeof(adin));
    rnd_fill(e2, s);
    rnd_fill(a2, sizeof(a2));
    EXPECT_OK(tern_hash_drbg_init_seeded(&d, k->hash, entropy, s, nonce, s / 2,
                                         k->pers ? pers : NULL, k->pers ? sizeof(pers) : 0));
    /* never a NULL personalization: OpenSSL puts a default string in
     * place of NULL (a non-NULL empty one means none) */
    if (!ossl_new(&o, k->digest, k->strength, entropy, s, nonce, s / 2, pers,
                  k->pers ? sizeof(pers) : 0)) {
        EXPECT_TRUE(!"OpenSSL HASH-DRBG setup failed");
        ossl_free(&o);
        tern_hash_drbg_wipe(&d);
        return;
    }
    for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        size_t n = sizes[i];
        const uint8_t *a = k->adin && (i & 1) ? adin : NULL;
        size_t alen = a != NULL ? sizeof(adin) : 0;
        if (k->reseed && i == 3) {
            EXPECT_OK(tern_hash_drbg_reseed_with(&d, e2, s, a2, sizeof(a2)));
            EXPECT_TRUE(ossl_set_entropy(&o, e2, s, NULL, 0));
            EXPECT_TRUE(EVP_RAND_reseed(o.drbg, 0, NULL, 0, a2, sizeof(a2)));
        }
        EXPECT_OK(tern_hash_drbg_generate_ex(&d, mine, n, a, alen));
        EXPECT_TRUE(EVP_RAND_generate(o.drbg, theirs, n, k->strength, 0, a, alen));
        EXPECT_MEM_EQ(mine, theirs, n);
    }
    tern_hash_drbg_wipe(&d);
    ossl_free(&o);
}

static void test_openssl(void)
{
    static const kat_case cases[] = {
        {&tern_sha256_class, "SHA256", 256, 0, 0, 0}, {&tern_sha256_class, "SHA256", 256, 1, 1, 1},
        {&tern_sha256_class, "SHA256", 256, 0, 1, 1}, {&tern_sha1_class, "SHA1", 128, 1, 1, 1},
        {&tern_sha224_class, "SHA224", 192, 1, 1, 0},
    };
    size_t i;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        cross_check(&cases[i]);
    }
}

#else

static void test_openssl(void)
{
    /* the cross-check is this DRBG's only known-answer test */
    EXPECT_TRUE(!"OpenSSL (libssl-dev) not found: no known-answer test");
}

#endif

/* ---- behaviour ------------------------------------------------------------ */

static int fail_entropy(void *user, uint8_t *buf, size_t len)
{
    (void)user;
    (void)buf;
    (void)len;
    return -1;
}

static int count_entropy(void *user, uint8_t *buf, size_t len)
{
    ++*(int *)user;
    rnd_fill(buf, len);
    return 0;
}

static void test_entropy_failure(void)
{
    tern_platform p;
    tern_hash_drbg_ctx d;
    uint8_t out[16];

    memset(&p, 0, sizeof(p));
    p.entropy = fail_entropy;
    EXPECT_ERR(TERN_ERR_ENTROPY, tern_hash_drbg_init(&d, &tern_sha256_class, &p, NULL, 0));
    memset(out, 0x55, sizeof(out));
    EXPECT_ERR(TERN_ERR_NOT_INITIALIZED, tern_hash_drbg_generate_ex(&d, out, sizeof(out), NULL, 0));
    EXPECT_MEM_EQ(out, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", sizeof(out));
}

static void test_reseed_interval(void)
{
    uint8_t e[32] = {1}, n[16] = {2}, out[8];
    tern_hash_drbg_ctx d;
    tern_platform p;
    int calls = 0;

    /* seeded by the caller: no platform, so the interval is a hard stop */
    EXPECT_OK(tern_hash_drbg_init_seeded(&d, &tern_sha256_class, e, 32, n, 16, NULL, 0));
    tern_hash_drbg_set_reseed_interval(&d, 2);
    EXPECT_OK(tern_hash_drbg_generate_ex(&d, out, sizeof(out), NULL, 0));
    EXPECT_OK(tern_hash_drbg_generate_ex(&d, out, sizeof(out), NULL, 0));
    EXPECT_ERR(TERN_ERR_RNG_RESEED, tern_hash_drbg_generate_ex(&d, out, sizeof(out), NULL, 0));
    /* with a platform the DRBG reseeds itself when due */
    memset(&p, 0, sizeof(p));
    p.entropy = count_entropy;
    p.user = &calls;
    EXPECT_OK(tern_hash_drbg_init(&d, &tern_sha256_class, &p, NULL, 0));
    EXPECT_EQ(calls, 1);
    tern_hash_drbg_set_reseed_interval(&d, 1);
    EXPECT_OK(tern_hash_drbg_generate_ex(&d, out, sizeof(out), NULL, 0));
    EXPECT_EQ(calls, 1);
    EXPECT_OK(tern_hash_drbg_generate_ex(&d, out, sizeof(out), NULL, 0));
    EXPECT_EQ(calls, 2);
    tern_hash_drbg_wipe(&d);
}

static void test_lengths(void)
{
    uint8_t e[32] = {1}, n[16] = {2}, out[1];
    tern_hash_drbg_ctx d;

    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_hash_drbg_init_seeded(&d, &tern_sha256_class, e, 31, n, 16, NULL, 0));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_hash_drbg_init_seeded(&d, &tern_sha256_class, e, 32, n, 15, NULL, 0));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               tern_hash_drbg_init_seeded(&d, &tern_md5_class, e, 32, n, 16, NULL, 0));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               tern_hash_drbg_init_seeded(&d, &tern_sha384_class, e, 32, n, 16, NULL, 0));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               tern_hash_drbg_init(&d, &tern_sha512_class, NULL, NULL, 0));
    EXPECT_OK(tern_hash_drbg_init_seeded(&d, &tern_sha256_class, e, 32, n, 16, NULL, 0));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_hash_drbg_generate_ex(&d, out, TERN_HASH_DRBG_MAX_REQUEST + 1, NULL, 0));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_hash_drbg_reseed_with(&d, e, 31, NULL, 0));
    tern_hash_drbg_wipe(&d);
    EXPECT_ERR(TERN_ERR_NOT_INITIALIZED, tern_hash_drbg_generate_ex(&d, out, 1, NULL, 0));
}

static void test_instances_differ(void)
{
    tern_hash_drbg_ctx a, b;
    uint8_t x[32], y[32];
    EXPECT_OK(tern_hash_drbg_init(&a, &tern_sha256_class, NULL, NULL, 0));
    EXPECT_OK(tern_hash_drbg_init(&b, &tern_sha256_class, NULL, NULL, 0));
    EXPECT_OK(tern_rng_generate(&a.vtable, x, sizeof(x)));
    EXPECT_OK(tern_rng_generate(&b.vtable, y, sizeof(y)));
    EXPECT_FALSE(memcmp(x, y, sizeof(x)) == 0);
    EXPECT_OK(tern_rng_generate(&a.vtable, y, sizeof(y)));
    EXPECT_FALSE(memcmp(x, y, sizeof(x)) == 0);
    tern_hash_drbg_wipe(&a);
    tern_hash_drbg_wipe(&b);
    EXPECT_TRUE(a.hash == NULL && a.vtable == NULL);
}

int main(void)
{
    RUN_TEST(test_openssl);
    RUN_TEST(test_entropy_failure);
    RUN_TEST(test_reseed_interval);
    RUN_TEST(test_lengths);
    RUN_TEST(test_instances_differ);
    return TEST_REPORT();
}
