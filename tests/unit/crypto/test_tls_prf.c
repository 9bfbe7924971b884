/*
 * TLS PRFs: Botan kdf/tls_prf.vec ([TLS-PRF] = TLS 1.0/1.1 MD5+SHA-1 PRF;
 * [TLS-12-PRF(HMAC(SHA-224/256/384/512))] = TLS 1.2 PRF vectors from the
 * IETF TLS list), seed splitting, prefix consistency and argument checks.
 */
#include <stdlib.h>
#include <string.h>

#include "tern/kdf.h"
#include "tern_test.h"
#include "tv.h"

static const tern_hash_class *tls12_hash(const char *section)
{
    static const struct {
        const char *name;
        const tern_hash_class *h;
    } map[] = {{"TLS-12-PRF(HMAC(SHA-224))", &tern_sha224_class},
               {"TLS-12-PRF(HMAC(SHA-256))", &tern_sha256_class},
               {"TLS-12-PRF(HMAC(SHA-384))", &tern_sha384_class},
               {"TLS-12-PRF(HMAC(SHA-512))", &tern_sha512_class}};
    size_t i;
    for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (strcmp(section, map[i].name) == 0) {
            return map[i].h;
        }
    }
    return NULL;
}

/* Runs one PRF call with the seed given whole and split at `split`;
 * both must give want. h == NULL selects the TLS 1.0 PRF. */
static int prf_matches(const tern_hash_class *h, const uint8_t *secret, size_t secret_len,
                       const uint8_t *label, size_t label_len, const uint8_t *seed, size_t seed_len,
                       const uint8_t *want, size_t want_len)
{
    uint8_t *got = (uint8_t *)malloc(want_len + 1);
    size_t split = seed_len / 2;
    int ok = got != NULL;
    int pass;
    for (pass = 0; ok && pass < 2; pass++) {
        size_t s1 = pass == 0 ? seed_len : split;
        int rc;
        memset(got, 0xee, want_len);
        if (h != NULL) {
            rc = tern_tls12_prf(h, secret, secret_len, (const char *)label, label_len, seed, s1,
                                seed + s1, seed_len - s1, got, want_len);
        } else {
            rc = tern_tls10_prf(secret, secret_len, (const char *)label, label_len, seed, s1,
                                seed + s1, seed_len - s1, got, want_len);
        }
        ok = rc == TERN_OK && memcmp(got, want, want_len) == 0;
    }
    free(got);
    return ok;
}

static void test_botan(void)
{
    const char *file = "botan/kdf/tls_prf.vec";
    tv_counts c;
    tv_kv kv;
    tv_kv_event ev;
    tv_fields f = {0};
    int n = 0;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vector file");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        uint8_t *secret = NULL, *salt = NULL, *label = NULL, *want = NULL;
        size_t secret_len, salt_len, label_len, want_len;
        const tern_hash_class *h = NULL;
        int tls10;
        char id[300];
        if (ev == TV_KV_SECTION) {
            tv_fields_clear(&f);
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        if (strcmp(kv.key, "Output") != 0) {
            tv_fields_set(&f, kv.key, kv.value);
            continue;
        }
        n++;
        snprintf(id, sizeof(id), "%s #%d", kv.section, n);
        tls10 = strcmp(kv.section, "TLS-PRF") == 0;
        if (!tls10) {
            h = tls12_hash(kv.section);
        }
#if !(TERN_CONFIG_MD5 && TERN_CONFIG_SHA1)
        if (tls10) {
            tv_skip(&c, "TLS 1.0 PRF compiled out (MD5 or SHA-1 off)");
            tv_fields_clear(&f);
            continue;
        }
#endif
        if ((!tls10 && h == NULL) || tv_fields_get(&f, "Secret") == NULL ||
            tv_fields_get(&f, "Salt") == NULL ||
            tv_hex(tv_fields_get(&f, "Secret"), &secret, &secret_len) != 0 ||
            tv_hex(tv_fields_get(&f, "Salt"), &salt, &salt_len) != 0 ||
            tv_hex(tv_fields_get(&f, "Label") ? tv_fields_get(&f, "Label") : "", &label,
                   &label_len) != 0 ||
            tv_hex(kv.value, &want, &want_len) != 0) {
            tv_fail(&c, id, "malformed vector or unknown section");
        } else {
            /* Botan's seed is Label || Salt; the [TLS-PRF] blocks have no
             * label. */
            tv_check(&c,
                     prf_matches(h, secret, secret_len, label, label_len, salt, salt_len, want,
                                 want_len),
                     id, "output mismatch");
        }
        free(secret);
        free(salt);
        free(label);
        free(want);
        tv_fields_clear(&f); /* fields belong to one block */
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

/* Shorter outputs are prefixes of longer ones, across block boundaries. */
static void test_prefix(void)
{
    static const uint8_t secret[48] = {1, 2, 3, 4, 5};
    static const uint8_t cr[32] = {9}, sr[32] = {8};
    uint8_t full[200], part[200];
    size_t len;

    EXPECT_OK(tern_tls12_prf(&tern_sha384_class, secret, 48, "master secret", 13, cr, 32, sr, 32,
                             full, sizeof(full)));
    for (len = 0; len <= sizeof(full); len += 7) {
        memset(part, 0, sizeof(part));
        EXPECT_OK(tern_tls12_prf(&tern_sha384_class, secret, 48, "master secret", 13, cr, 32, sr,
                                 32, part, len));
        EXPECT_MEM_EQ(part, full, len);
    }
    /* seed order matters */
    EXPECT_OK(tern_tls12_prf(&tern_sha384_class, secret, 48, "master secret", 13, sr, 32, cr, 32,
                             part, 48));
    EXPECT_TRUE(memcmp(part, full, 48) != 0);
#if TERN_CONFIG_MD5 && TERN_CONFIG_SHA1
    EXPECT_OK(tern_tls10_prf(secret, 48, "key expansion", 13, sr, 32, cr, 32, full, 104));
    for (len = 0; len <= 104; len += 13) {
        EXPECT_OK(tern_tls10_prf(secret, 48, "key expansion", 13, sr, 32, cr, 32, part, len));
        EXPECT_MEM_EQ(part, full, len);
    }
    /* even and odd secret lengths, and the empty secret */
    EXPECT_OK(tern_tls10_prf(secret, 47, "x", 1, NULL, 0, NULL, 0, part, 20));
    EXPECT_TRUE(memcmp(part, full, 20) != 0);
    EXPECT_OK(tern_tls10_prf(NULL, 0, "x", 1, NULL, 0, NULL, 0, part, 20));
#endif
}

/* The label is just the first part of the seed (RFC 5246 5). */
static void test_label_is_seed_prefix(void)
{
    static const uint8_t secret[16] = {0x42};
    uint8_t a[64], b[64];
    EXPECT_OK(tern_tls12_prf(&tern_sha256_class, secret, 16, "ab", 2, (const uint8_t *)"cd", 2,
                             NULL, 0, a, 64));
    EXPECT_OK(tern_tls12_prf(&tern_sha256_class, secret, 16, NULL, 0, (const uint8_t *)"a", 1,
                             (const uint8_t *)"bcd", 3, b, 64));
    EXPECT_MEM_EQ(a, b, 64);
}

static void test_usage(void)
{
#if TERN_CONFIG_USAGE_CHECKS
    uint8_t buf[32] = {0};
    EXPECT_ERR(TERN_ERR_USAGE, tern_tls12_prf(NULL, buf, 1, "l", 1, buf, 1, NULL, 0, buf, 1));
    EXPECT_ERR(TERN_ERR_USAGE,
               tern_tls12_prf(&tern_sha256_class, NULL, 1, "l", 1, buf, 1, NULL, 0, buf, 1));
    EXPECT_ERR(TERN_ERR_USAGE,
               tern_tls12_prf(&tern_sha256_class, buf, 1, NULL, 1, buf, 1, NULL, 0, buf, 1));
    EXPECT_ERR(TERN_ERR_USAGE,
               tern_tls12_prf(&tern_sha256_class, buf, 1, "l", 1, NULL, 1, NULL, 0, buf, 1));
    EXPECT_ERR(TERN_ERR_USAGE,
               tern_tls12_prf(&tern_sha256_class, buf, 1, "l", 1, buf, 1, NULL, 2, buf, 1));
    EXPECT_ERR(TERN_ERR_USAGE,
               tern_tls12_prf(&tern_sha256_class, buf, 1, "l", 1, buf, 1, NULL, 0, NULL, 1));
    EXPECT_OK(tern_tls12_prf(&tern_sha256_class, buf, 1, "l", 1, buf, 1, NULL, 0, NULL, 0));
#if TERN_CONFIG_MD5 && TERN_CONFIG_SHA1
    EXPECT_ERR(TERN_ERR_USAGE, tern_tls10_prf(NULL, 1, "l", 1, buf, 1, NULL, 0, buf, 1));
    EXPECT_ERR(TERN_ERR_USAGE, tern_tls10_prf(buf, 1, "l", 1, buf, 1, NULL, 0, NULL, 1));
#endif
#else
    TEST_SKIP("TERN_CONFIG_USAGE_CHECKS is off");
#endif
}

#if !(TERN_CONFIG_MD5 && TERN_CONFIG_SHA1)
static void test_tls10_compiled_out(void)
{
    uint8_t buf[16] = {0};
    EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_tls10_prf(buf, 16, "l", 1, NULL, 0, NULL, 0, buf, 16));
}
#endif

int main(void)
{
    RUN_TEST(test_botan);
    RUN_TEST(test_prefix);
    RUN_TEST(test_label_is_seed_prefix);
    RUN_TEST(test_usage);
#if !(TERN_CONFIG_MD5 && TERN_CONFIG_SHA1)
    RUN_TEST(test_tls10_compiled_out);
#endif
    return TEST_REPORT();
}
