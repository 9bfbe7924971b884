/*
 * AES-CCM: Wycheproof aes_ccm_test.json and Botan aead/ccm.vec (every AES
 * section: CCM(M,L) with M-byte tags and (15-L)-byte nonces), through
 * tern_ccm_* over every AES implementation and through the RFC 6655 AEAD
 * classes where the parameters fit (12-byte nonce, 16- or 8-byte tag).
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/cipher/aes_x86ni_internal.h"
#include "tern/aead.h"
#include "tern/cipher.h"
#include "tern/util.h"
#include "tern_test.h"
#include "tv.h"

#if TERN_CONFIG_AES_CT || TERN_CONFIG_AES_X86NI

typedef struct path {
    const char *label;
    const tern_block_class *bc; /* NULL: the AEAD classes */
} path;

#define MAX_PATHS 7
static path paths[MAX_PATHS];
static size_t npaths;

static void list_paths(void)
{
    npaths = 0;
#if TERN_CONFIG_AES_CT && TERN_CONFIG_WORD_BITS == 64
    paths[npaths++] = (path){"AES ct64", &tern_aes_ct64_class};
#endif
#if TERN_CONFIG_AES_CT
    paths[npaths++] = (path){"AES ct32", &tern_aes_ct32_class};
    paths[npaths++] = (path){"AES ct encrypt-only", &tern_aes_ct_enc_class};
#endif
    if (tern_aes_x86ni_get() != NULL) {
        paths[npaths++] = (path){"AES-NI", tern_aes_x86ni_get()};
#if TERN_CONFIG_AES_X86NI
        paths[npaths++] = (path){"AES-NI encrypt-only", &tern_aes_x86ni_enc_class};
#endif
    }
    paths[npaths++] = (path){"class", NULL};
}

static const tern_aead_class *pick_class(size_t key_len, size_t tag_len)
{
    if (key_len == 16) {
        return tag_len == 16 ? &tern_aead_aes128_ccm : tag_len == 8 ? &tern_aead_aes128_ccm8 : NULL;
    }
    if (key_len == 32) {
        return tag_len == 16 ? &tern_aead_aes256_ccm : tag_len == 8 ? &tern_aead_aes256_ccm8 : NULL;
    }
    return NULL;
}

/* seal (decrypt = 0) or open; 1 with *skip set if the path cannot run it. */
static int run_path(const path *p, int decrypt, const uint8_t *key, size_t key_len,
                    const uint8_t *nonce, size_t nonce_len, const uint8_t *aad, size_t aad_len,
                    uint8_t *buf, size_t len, uint8_t *tag, size_t tag_len, const char **skip)
{
    int rc;
    if (p->bc == NULL) {
        const tern_aead_class *cls = pick_class(key_len, tag_len);
        tern_aead_ctx ctx;
        if (cls == NULL || nonce_len != 12) {
            *skip = "AEAD class: 128/256-bit key, 12-byte nonce, 8- or 16-byte tag only";
            return 1;
        }
        rc = cls->init(&ctx.vtable, key);
        if (rc == TERN_OK) {
            rc = decrypt ? ctx.vtable->open(&ctx.vtable, nonce, aad, aad_len, buf, len, tag)
                         : ctx.vtable->seal(&ctx.vtable, nonce, aad, aad_len, buf, len, tag);
        }
        tern_aead_wipe(&ctx.vtable);
    } else {
        tern_block_ctx bctx;
        const tern_block_class *const *bc = (const tern_block_class *const *)&bctx.vtable;
        rc = p->bc->init(&bctx.vtable, key, key_len);
        if (rc == TERN_OK) {
            rc = decrypt
                     ? tern_ccm_open(bc, nonce, nonce_len, aad, aad_len, buf, len, tag, tag_len)
                     : tern_ccm_seal(bc, nonce, nonce_len, aad, aad_len, buf, len, tag, tag_len);
        }
        tern_block_wipe(&bctx.vtable);
    }
    return rc;
}

typedef struct ccm_vec {
    uint8_t *key, *nonce, *aad, *pt, *ct, *tag;
    size_t key_len, nonce_len, aad_len, pt_len, ct_len, tag_len;
} ccm_vec;

static void free_vec(ccm_vec *v)
{
    free(v->key);
    free(v->nonce);
    free(v->aad);
    free(v->pt);
    free(v->ct);
    free(v->tag);
    memset(v, 0, sizeof(*v));
}

static int all_zero(const uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (p[i] != 0) {
            return 0;
        }
    }
    return 1;
}

static void ccm_case(tv_counts *c, const path *p, const char *id, const ccm_vec *v, int valid)
{
    uint8_t *buf = (uint8_t *)malloc(v->pt_len + v->ct_len + 1);
    uint8_t tag[32];
    const char *skip = NULL;
    int rc, ok;

    memset(tag, 0, sizeof(tag));
    if (valid) {
        memcpy(buf, v->pt, v->pt_len);
        rc = run_path(p, 0, v->key, v->key_len, v->nonce, v->nonce_len, v->aad, v->aad_len, buf,
                      v->pt_len, tag, v->tag_len, &skip);
        if (rc == 1) {
            tv_skip(c, skip);
            free(buf);
            return;
        }
        ok = rc == TERN_OK && v->pt_len == v->ct_len && memcmp(buf, v->ct, v->ct_len) == 0 &&
             memcmp(tag, v->tag, v->tag_len) == 0;
        memcpy(buf, v->ct, v->ct_len);
        memcpy(tag, v->tag, v->tag_len);
        rc = run_path(p, 1, v->key, v->key_len, v->nonce, v->nonce_len, v->aad, v->aad_len, buf,
                      v->ct_len, tag, v->tag_len, &skip);
        ok = ok && rc == TERN_OK && memcmp(buf, v->pt, v->pt_len) == 0;
        tv_check(c, ok, id, "valid case");
    } else {
        memcpy(buf, v->ct, v->ct_len);
        memcpy(tag, v->tag, v->tag_len < sizeof(tag) ? v->tag_len : sizeof(tag));
        rc = run_path(p, 1, v->key, v->key_len, v->nonce, v->nonce_len, v->aad, v->aad_len, buf,
                      v->ct_len, tag, v->tag_len, &skip);
        if (rc == 1) {
            tv_skip(c, skip);
            free(buf);
            return;
        }
        ok = rc < 0 && (rc != TERN_ERR_BAD_MAC || all_zero(buf, v->ct_len));
        tv_check(c, ok, id, "invalid case accepted (or buffer not zeroed)");
    }
    free(buf);
}

static void run_wycheproof(const path *p)
{
    const char *file = "wycheproof/aes_ccm_test.json";
    cJSON *root = tv_json_load(file), *g;
    tv_counts c;
    char name[128];

    snprintf(name, sizeof(name), "%s (%s)", file, p->label);
    tv_counts_init(&c, name);
    if (root == NULL) {
        TEST_FAIL("cannot load vector file");
        return;
    }
    cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(root, "testGroups"))
    {
        cJSON *t;
        cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(g, "tests"))
        {
            ccm_vec v;
            char id[32];
            const char *result = tv_json_str(t, "result");
            memset(&v, 0, sizeof(v));
            snprintf(id, sizeof(id), "tcId %ld", tv_json_int(t, "tcId", -1));
            if (tv_json_hex(t, "key", &v.key, &v.key_len) != 0 ||
                tv_json_hex(t, "iv", &v.nonce, &v.nonce_len) != 0 ||
                tv_json_hex(t, "aad", &v.aad, &v.aad_len) != 0 ||
                tv_json_hex(t, "msg", &v.pt, &v.pt_len) != 0 ||
                tv_json_hex(t, "ct", &v.ct, &v.ct_len) != 0 ||
                tv_json_hex(t, "tag", &v.tag, &v.tag_len) != 0 || result == NULL) {
                tv_fail(&c, id, "malformed test");
            } else {
                /* valid or invalid only. Invalid covers tag lengths other
                 * than 4..16 even (InvalidTagSize, InsecureTagSize) and
                 * nonces outside 7..13 bytes (InvalidNonceSize, including
                 * the over-long nonces of CVE-2017-18330): all refused by
                 * the length checks. */
                ccm_case(&c, p, id, &v, strcmp(result, "valid") == 0);
            }
            free_vec(&v);
        }
    }
    cJSON_Delete(root);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

static void run_botan(const path *p)
{
    const char *file = "botan/aead/ccm.vec";
    tv_kv kv;
    tv_fields f;
    tv_counts c;
    tv_kv_event ev;
    char name[128], id[64];
    int n = 0;

    snprintf(name, sizeof(name), "%s (%s)", file, p->label);
    tv_counts_init(&c, name);
    memset(&f, 0, sizeof(f));
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vector file");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        ccm_vec v;
        uint8_t *out = NULL;
        size_t out_len, tag_len = 0, lsize = 0;
        const char *paren;

        if (ev == TV_KV_SECTION) {
            tv_fields_clear(&f);
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, "Out") != 0) {
            continue;
        }
        snprintf(id, sizeof(id), "%.24s #%d", kv.section, n++);
        paren = strchr(kv.section, '(');
        if (strncmp(kv.section, "AES-", 4) != 0 || paren == NULL) {
            tv_skip(&c, "cipher not in tern (SM4)");
            tv_fields_clear(&f);
            continue;
        }
        /* "AES-128/CCM(M,L)": M-byte tag, L-byte length field */
        tag_len = (size_t)strtoul(paren + 1, NULL, 10);
        if (strchr(paren, ',') != NULL) {
            lsize = (size_t)strtoul(strchr(paren, ',') + 1, NULL, 10);
        }
        memset(&v, 0, sizeof(v));
        if (tv_hex(tv_fields_get(&f, "Key") ? tv_fields_get(&f, "Key") : "x", &v.key, &v.key_len) !=
                0 ||
            tv_hex(tv_fields_get(&f, "Nonce") ? tv_fields_get(&f, "Nonce") : "x", &v.nonce,
                   &v.nonce_len) != 0 ||
            tv_hex(tv_fields_get(&f, "In") ? tv_fields_get(&f, "In") : "", &v.pt, &v.pt_len) != 0 ||
            tv_hex(tv_fields_get(&f, "AD") ? tv_fields_get(&f, "AD") : "", &v.aad, &v.aad_len) !=
                0 ||
            tv_hex(kv.value, &out, &out_len) != 0 || tag_len > 16 ||
            out_len != v.pt_len + tag_len || v.nonce_len != 15 - lsize) {
            tv_fail(&c, id, "malformed");
        } else {
            v.ct_len = v.pt_len;
            v.ct = (uint8_t *)malloc(v.ct_len + 1);
            memcpy(v.ct, out, v.ct_len);
            v.tag_len = tag_len;
            v.tag = (uint8_t *)malloc(16);
            memcpy(v.tag, out + v.ct_len, tag_len);
            ccm_case(&c, p, id, &v, 1);
            v.tag[tag_len - 1] ^= 0x40;
            ccm_case(&c, p, id, &v, 0);
        }
        free(out);
        free_vec(&v);
        tv_fields_clear(&f);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

static void test_vectors(void)
{
    size_t i;
    for (i = 0; i < npaths; i++) {
        run_wycheproof(&paths[i]);
        run_botan(&paths[i]);
    }
}

/* Length limits of RFC 3610 2.1 and the AAD length encodings of 2.2. */
static void test_lengths(void)
{
    static uint8_t big[70000], copy[70000];
    uint8_t key[16], nonce[13], tag[16], tag2[16];
    tern_block_ctx bctx;
    const tern_block_class *const *bc = (const tern_block_class *const *)&bctx.vtable;
    size_t i;

    memset(key, 0x42, sizeof(key));
    memset(nonce, 0x24, sizeof(nonce));
    for (i = 0; i < sizeof(big); i++) {
        big[i] = (uint8_t)i;
    }
    EXPECT_OK(tern_aes_get()->init(&bctx.vtable, key, 16));
    /* L = 2 (13-byte nonce): messages below 2^16 bytes only */
    EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_ccm_seal(bc, nonce, 13, NULL, 0, big, 65536, tag, 16));
    memcpy(copy, big, 65535);
    EXPECT_OK(tern_ccm_seal(bc, nonce, 13, NULL, 0, copy, 65535, tag, 16));
    EXPECT_OK(tern_ccm_open(bc, nonce, 13, NULL, 0, copy, 65535, tag, 16));
    EXPECT_MEM_EQ(copy, big, 65535);
    /* AAD of 0xff00 bytes and more takes the 6-byte encoding; check it
     * round-trips and differs from a one-byte-shorter AAD */
    EXPECT_OK(tern_ccm_seal(bc, nonce, 12, big, 0xFF00, copy, 16, tag, 16));
    EXPECT_OK(tern_ccm_seal(bc, nonce, 12, big, 0xFEFF, copy + 16, 16, tag2, 16));
    EXPECT_TRUE(memcmp(tag, tag2, 16) != 0);
    EXPECT_OK(tern_ccm_open(bc, nonce, 12, big, 0xFF00, copy, 16, tag, 16));
    EXPECT_ERR(TERN_ERR_BAD_MAC, tern_ccm_open(bc, nonce, 12, big, 0xFEFF, copy, 16, tag, 16));
    EXPECT_TRUE(copy[0] == 0 && copy[15] == 0);
    /* nonce and tag lengths */
    for (i = 0; i <= 17; i++) {
        int want = (i >= 4 && i <= 16 && i % 2 == 0) ? TERN_OK : TERN_ERR_BAD_LENGTH;
        EXPECT_ERR(want, tern_ccm_seal(bc, nonce, 12, NULL, 0, copy, 5, tag, i));
        want = (i >= 7 && i <= 13) ? TERN_OK : TERN_ERR_BAD_LENGTH;
        EXPECT_ERR(want, tern_ccm_seal(bc, nonce, i, NULL, 0, copy, 5, tag, 8));
    }
    EXPECT_ERR(TERN_ERR_USAGE, tern_ccm_seal(bc, NULL, 12, NULL, 0, copy, 5, tag, 8));
    EXPECT_ERR(TERN_ERR_USAGE, tern_ccm_open(bc, nonce, 12, NULL, 3, copy, 5, tag, 8));
    tern_block_wipe(&bctx.vtable);
}

int main(void)
{
    if (tern_aes_get() == NULL) {
        printf("SKIP all: no AES in this build and CPU\n");
        return 77;
    }
    list_paths();
    if (tern_aes_x86ni_get() == NULL) {
        printf("SKIP AES-NI path: CPU lacks AES-NI\n");
    }
    RUN_TEST(test_vectors);
    RUN_TEST(test_lengths);
    return TEST_REPORT();
}

#else

static void test_no_aes(void)
{
    TEST_SKIP("no AES in this build (TERN_CONFIG_AES_CT and TERN_CONFIG_AES_X86NI off)");
}

int main(void)
{
    RUN_TEST(test_no_aes);
    return TEST_REPORT();
}

#endif
