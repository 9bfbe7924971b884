/*
 * HKDF and HKDF-Expand-Label: Wycheproof hkdf_sha{256,384}_test.json
 * (invalid = requested size too large, must be rejected), Botan
 * kdf/hkdf.vec (RFC 5869 A and more: full HKDF, Extract, Expand),
 * Botan hkdf_label.vec, the first RFC 8448 key-schedule steps, and the
 * length limits.
 */
#include <stdlib.h>
#include <string.h>

#include "tern/kdf.h"
#include "tern_test.h"
#include "tv.h"

static void run_wycheproof(const char *file, const tern_hash_class *h)
{
    tv_counts c;
    cJSON *root = tv_json_load(file);
    const cJSON *group;

    tv_counts_init(&c, file);
    if (root == NULL) {
        TEST_FAIL("cannot load vectors");
        return;
    }
    cJSON_ArrayForEach(group, cJSON_GetObjectItemCaseSensitive(root, "testGroups"))
    {
        const cJSON *test;
        cJSON_ArrayForEach(test, cJSON_GetObjectItemCaseSensitive(group, "tests"))
        {
            uint8_t *ikm = NULL, *salt = NULL, *info = NULL, *okm = NULL, *out = NULL;
            size_t ikm_len, salt_len, info_len, okm_len;
            long size = tv_json_int(test, "size", -1);
            const char *result = tv_json_str(test, "result");
            uint8_t prk[TERN_HASH_MAX_DIGEST];
            char id[32];
            snprintf(id, sizeof(id), "tcId %ld", tv_json_int(test, "tcId", -1));
            if (tv_json_hex(test, "ikm", &ikm, &ikm_len) != 0 ||
                tv_json_hex(test, "salt", &salt, &salt_len) != 0 ||
                tv_json_hex(test, "info", &info, &info_len) != 0 ||
                tv_json_hex(test, "okm", &okm, &okm_len) != 0 || result == NULL || size < 0 ||
                (out = (uint8_t *)malloc((size_t)size + 1)) == NULL) {
                tv_fail(&c, id, "malformed test");
            } else {
                int rc = tern_hkdf_extract(h, salt, salt_len, ikm, ikm_len, prk);
                if (rc == TERN_OK) {
                    rc = tern_hkdf_expand(h, prk, h->digest_len, info, info_len, out, (size_t)size);
                }
                if (strcmp(result, "valid") == 0) {
                    tv_check(&c,
                             rc == TERN_OK && okm_len == (size_t)size &&
                                 memcmp(out, okm, okm_len) == 0,
                             id, "okm mismatch");
                } else if (strcmp(result, "invalid") == 0) {
                    /* The only invalid flag is SizeTooLarge. */
                    tv_check(&c, rc == TERN_ERR_BAD_LENGTH, id, "oversized output accepted");
                } else {
                    tv_fail(&c, id, "unexpected result value (no acceptable cases expected)");
                }
            }
            free(ikm);
            free(salt);
            free(info);
            free(okm);
            free(out);
        }
    }
    cJSON_Delete(root);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

static void test_wycheproof(void)
{
    run_wycheproof("wycheproof/hkdf_sha256_test.json", &tern_sha256_class);
    run_wycheproof("wycheproof/hkdf_sha384_test.json", &tern_sha384_class);
}

/* "HKDF(HMAC(SHA-256))" -> kind "HKDF", SHA-256 */
static const tern_hash_class *parse_section(const char *section, char *kind, size_t kind_size)
{
    static const struct {
        const char *name;
        int id;
    } hashes[] = {{"(HMAC(SHA-1))", TERN_HASH_SHA1},
                  {"(HMAC(SHA-256))", TERN_HASH_SHA256},
                  {"(HMAC(SHA-512))", TERN_HASH_SHA512}};
    const char *paren = strchr(section, '(');
    size_t i;
    if (paren == NULL || (size_t)(paren - section) >= kind_size) {
        return NULL;
    }
    memcpy(kind, section, (size_t)(paren - section));
    kind[paren - section] = '\0';
    for (i = 0; i < sizeof(hashes) / sizeof(hashes[0]); i++) {
        if (strcmp(paren, hashes[i].name) == 0) {
            return tern_hash_by_id(hashes[i].id);
        }
    }
    return NULL;
}

static int hexfield(const tv_fields *f, const char *name, uint8_t **out, size_t *len)
{
    const char *v = tv_fields_get(f, name);
    if (v == NULL) {
        v = ""; /* absent = empty (Botan) */
    }
    return tv_hex(v, out, len);
}

static void test_botan_hkdf(void)
{
    const char *file = "botan/kdf/hkdf.vec";
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
        const tern_hash_class *h;
        char kind[32], id[300];
        uint8_t *salt = NULL, *label = NULL, *secret = NULL, *want = NULL, *got = NULL;
        size_t salt_len, label_len, secret_len, want_len;
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
        /* Fields belong to one block: a field a block leaves out is empty
         * (RFC 5869 A.3: no salt, no info). They are cleared below. */
        n++;
        snprintf(id, sizeof(id), "%s #%d", kv.section, n);
        h = parse_section(kv.section, kind, sizeof(kind));
        if (h == NULL) {
            tv_skip(&c, "hash compiled out");
            tv_fields_clear(&f);
            continue;
        }
        if (hexfield(&f, "Salt", &salt, &salt_len) != 0 ||
            hexfield(&f, "Label", &label, &label_len) != 0 ||
            hexfield(&f, "Secret", &secret, &secret_len) != 0 ||
            tv_hex(kv.value, &want, &want_len) != 0 ||
            (got = (uint8_t *)malloc(want_len + 1)) == NULL) {
            tv_fail(&c, id, "malformed vector");
        } else if (strcmp(kind, "HKDF") == 0) {
            /* Salt = salt, Secret = IKM, Label = info */
            uint8_t prk[TERN_HASH_MAX_DIGEST];
            int rc = tern_hkdf_extract(h, salt, salt_len, secret, secret_len, prk);
            if (rc == TERN_OK) {
                rc = tern_hkdf_expand(h, prk, h->digest_len, label, label_len, got, want_len);
            }
            tv_check(&c, rc == TERN_OK && memcmp(got, want, want_len) == 0, id, "okm mismatch");
        } else if (strcmp(kind, "HKDF-Extract") == 0) {
            int rc = tern_hkdf_extract(h, salt, salt_len, secret, secret_len, got);
            tv_check(&c,
                     rc == TERN_OK && want_len == h->digest_len && memcmp(got, want, want_len) == 0,
                     id, "prk mismatch");
        } else if (strcmp(kind, "HKDF-Expand") == 0) {
            /* Secret = PRK; Botan's info is Salt || Label (Label empty
             * here) */
            uint8_t info[512];
            int rc = TERN_ERR_INTERNAL;
            if (salt_len + label_len <= sizeof(info)) {
                if (salt_len > 0) {
                    memcpy(info, salt, salt_len);
                }
                if (label_len > 0) {
                    memcpy(info + salt_len, label, label_len);
                }
                rc = tern_hkdf_expand(h, secret, secret_len, info, salt_len + label_len, got,
                                      want_len);
            }
            tv_check(&c, rc == TERN_OK && memcmp(got, want, want_len) == 0, id, "okm mismatch");
        } else {
            tv_skip(&c, "unknown HKDF variant");
        }
        free(salt);
        free(label);
        free(secret);
        free(want);
        free(got);
        tv_fields_clear(&f);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

static void test_botan_label(void)
{
    const char *file = "botan/hkdf_label.vec";
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
        const tern_hash_class *h = NULL;
        uint8_t *secret = NULL, *hv = NULL, *want = NULL, *got = NULL;
        size_t secret_len, hv_len, want_len;
        const char *label;
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
        /* Fields belong to one block: a field a block leaves out is empty
         * (RFC 5869 A.3: no salt, no info). They are cleared below. */
        n++;
        snprintf(id, sizeof(id), "%s #%d", kv.section, n);
        if (strcmp(kv.section, "SHA-256") == 0) {
            h = &tern_sha256_class;
        } else if (strcmp(kv.section, "SHA-384") == 0) {
            h = &tern_sha384_class;
        }
        label = tv_fields_get(&f, "Label"); /* plain text, complete label */
        if (h == NULL || label == NULL || hexfield(&f, "Secret", &secret, &secret_len) != 0 ||
            hexfield(&f, "HashValue", &hv, &hv_len) != 0 ||
            tv_hex(kv.value, &want, &want_len) != 0 ||
            (got = (uint8_t *)malloc(want_len + 1)) == NULL) {
            tv_fail(&c, id, "malformed vector");
        } else {
            int rc = tern_hkdf_expand_label(h, secret, secret_len, (const uint8_t *)label,
                                            strlen(label), hv, hv_len, got, want_len);
            tv_check(&c, rc == TERN_OK && memcmp(got, want, want_len) == 0, id, "output mismatch");
        }
        free(secret);
        free(hv);
        free(want);
        free(got);
        tv_fields_clear(&f);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

/* RFC 8448 3: early secret with no PSK, then Derive-Secret(., "derived",
 * "") with the "tls13 " prefix supplied by the caller. */
static void test_rfc8448_first_steps(void)
{
    static const uint8_t zeros[32] = {0};
    static const char *const label = "tls13 derived";
    uint8_t early[32], empty_hash[32], derived[32], want[32];

    EXPECT_OK(tern_hkdf_extract(&tern_sha256_class, NULL, 0, zeros, 32, early));
    EXPECT_EQ(
        tv_hex_fixed("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a", want, 32),
        0);
    EXPECT_MEM_EQ(early, want, 32);
    tern_hash(&tern_sha256_class, NULL, 0, empty_hash);
    EXPECT_OK(tern_hkdf_expand_label(&tern_sha256_class, early, 32, (const uint8_t *)label,
                                     strlen(label), empty_hash, 32, derived, 32));
    EXPECT_EQ(
        tv_hex_fixed("6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba", want, 32),
        0);
    EXPECT_MEM_EQ(derived, want, 32);
}

/* Expand-Label equals Expand over a hand-built HkdfLabel. */
static void test_label_layout(void)
{
    uint8_t secret[48], ctx[255], label[255], info[2 + 1 + 255 + 1 + 255];
    uint8_t a[600], b[600];
    size_t i, ll, cl;
    const size_t out_len = 600;

    for (i = 0; i < sizeof(secret); i++) {
        secret[i] = (uint8_t)(i + 1);
    }
    for (i = 0; i < 255; i++) {
        ctx[i] = (uint8_t)(i * 3);
        label[i] = (uint8_t)('a' + i % 26);
    }
    for (ll = 0; ll <= 255; ll += 85) {
        for (cl = 0; cl <= 255; cl += 51) {
            size_t n = 0;
            info[n++] = (uint8_t)(out_len >> 8);
            info[n++] = (uint8_t)out_len;
            info[n++] = (uint8_t)ll;
            memcpy(info + n, label, ll);
            n += ll;
            info[n++] = (uint8_t)cl;
            memcpy(info + n, ctx, cl);
            n += cl;
            EXPECT_OK(tern_hkdf_expand_label(&tern_sha384_class, secret, 48, label, ll, ctx, cl, a,
                                             out_len));
            EXPECT_OK(tern_hkdf_expand(&tern_sha384_class, secret, 48, info, n, b, out_len));
            EXPECT_MEM_EQ(a, b, out_len);
        }
    }
}

static void test_limits(void)
{
    static uint8_t out[255 * 64 + 1];
    uint8_t prk[64] = {7}, big[256] = {0};
    uint8_t canary[16];
    size_t i;
    const tern_hash_class *hs[] = {&tern_sha256_class, &tern_sha384_class, &tern_sha512_class};

    for (i = 0; i < 3; i++) {
        const tern_hash_class *h = hs[i];
        size_t max = 255 * (size_t)h->digest_len;
        EXPECT_OK(tern_hkdf_expand(h, prk, h->digest_len, NULL, 0, out, max));
        EXPECT_ERR(TERN_ERR_BAD_LENGTH,
                   tern_hkdf_expand(h, prk, h->digest_len, NULL, 0, out, max + 1));
        /* RFC 5869 2.3: PRK of at least HashLen octets */
        EXPECT_ERR(TERN_ERR_BAD_LENGTH,
                   tern_hkdf_expand(h, prk, h->digest_len - 1u, NULL, 0, out, 16));
        EXPECT_OK(tern_hkdf_expand(h, prk, h->digest_len, NULL, 0, NULL, 0));
    }
    /* failing calls leave out untouched */
    memset(canary, 0xa5, sizeof(canary));
    memcpy(out, canary, sizeof(canary));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_hkdf_expand(&tern_sha256_class, prk, 31, NULL, 0, out, sizeof(canary)));
    EXPECT_MEM_EQ(out, canary, sizeof(canary));

    /* HkdfLabel limits: label<..255>, context<0..255>, uint16 length */
    EXPECT_OK(tern_hkdf_expand_label(&tern_sha256_class, prk, 32, big, 255, big, 255, out, 32));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_hkdf_expand_label(&tern_sha256_class, prk, 32, big, 256, big, 0, out, 32));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_hkdf_expand_label(&tern_sha256_class, prk, 32, big, 6, big, 256, out, 32));
    /* 65536 is both over uint16 and over 255 * 64 */
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_hkdf_expand_label(&tern_sha512_class, prk, 64, big, 6, NULL, 0, out, 65536));
    /* 255 * 32 + 1 fits uint16 but not HKDF-Expand */
    EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_hkdf_expand_label(&tern_sha256_class, prk, 32, big, 6,
                                                           NULL, 0, out, 255 * 32 + 1));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_hkdf_expand_label(&tern_sha256_class, prk, 31, big, 6, NULL, 0, out, 32));
}

static void test_usage(void)
{
#if TERN_CONFIG_USAGE_CHECKS
    uint8_t buf[64] = {0};
    EXPECT_ERR(TERN_ERR_USAGE, tern_hkdf_extract(NULL, NULL, 0, buf, 1, buf));
    EXPECT_ERR(TERN_ERR_USAGE, tern_hkdf_extract(&tern_sha256_class, NULL, 0, buf, 1, NULL));
    EXPECT_ERR(TERN_ERR_USAGE, tern_hkdf_extract(&tern_sha256_class, NULL, 5, buf, 1, buf));
    EXPECT_ERR(TERN_ERR_USAGE, tern_hkdf_extract(&tern_sha256_class, buf, 1, NULL, 1, buf));
    EXPECT_ERR(TERN_ERR_USAGE, tern_hkdf_expand(NULL, buf, 32, NULL, 0, buf, 1));
    EXPECT_ERR(TERN_ERR_USAGE, tern_hkdf_expand(&tern_sha256_class, NULL, 32, NULL, 0, buf, 1));
    EXPECT_ERR(TERN_ERR_USAGE, tern_hkdf_expand(&tern_sha256_class, buf, 32, NULL, 3, buf, 1));
    EXPECT_ERR(TERN_ERR_USAGE, tern_hkdf_expand(&tern_sha256_class, buf, 32, NULL, 0, NULL, 1));
    EXPECT_ERR(TERN_ERR_USAGE,
               tern_hkdf_expand_label(&tern_sha256_class, buf, 32, NULL, 4, NULL, 0, buf, 1));
    EXPECT_ERR(TERN_ERR_USAGE,
               tern_hkdf_expand_label(&tern_sha256_class, buf, 32, buf, 4, NULL, 2, buf, 1));
    EXPECT_ERR(TERN_ERR_USAGE, tern_hkdf_expand_label(NULL, buf, 32, buf, 4, NULL, 0, buf, 1));
#else
    TEST_SKIP("TERN_CONFIG_USAGE_CHECKS is off");
#endif
}

/* Empty salt equals HashLen zeros (RFC 5869 2.2). */
static void test_empty_salt(void)
{
    static const uint8_t zeros[64] = {0};
    uint8_t a[64], b[64], c[64];
    EXPECT_OK(tern_hkdf_extract(&tern_sha384_class, NULL, 0, (const uint8_t *)"ikm", 3, a));
    EXPECT_OK(tern_hkdf_extract(&tern_sha384_class, zeros, 48, (const uint8_t *)"ikm", 3, b));
    EXPECT_MEM_EQ(a, b, 48);
    EXPECT_OK(tern_hkdf_extract(&tern_sha384_class, zeros, 1, (const uint8_t *)"ikm", 2, c));
    EXPECT_TRUE(memcmp(a, c, 48) != 0);
}

int main(void)
{
    RUN_TEST(test_wycheproof);
    RUN_TEST(test_botan_hkdf);
    RUN_TEST(test_botan_label);
    RUN_TEST(test_rfc8448_first_steps);
    RUN_TEST(test_label_layout);
    RUN_TEST(test_limits);
    RUN_TEST(test_usage);
    RUN_TEST(test_empty_salt);
    return TEST_REPORT();
}
