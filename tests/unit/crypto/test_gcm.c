/*
 * AES-GCM: Wycheproof aes_gcm_test.json, NIST gcmEncryptExtIV128.rsp and
 * Botan aead/gcm.vec, each run through every code path:
 *   - tern_gcm_* over the bitsliced classes (portable GHASH),
 *   - tern_gcm_* over the AES-NI class (fused AES-NI + PCLMULQDQ code),
 *   - the generic construction with the AES-NI class and PCLMULQDQ GHASH,
 *   - the AEAD classes, plain and _ct (12-byte IV, 16-byte tag only).
 * Plus GHASH on its own, agreement between all paths on random inputs,
 * and argument checks.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/aead/gcm_internal.h"
#include "crypto/cipher/aes_x86ni_internal.h"
#include "tern/aead.h"
#include "tern/cipher.h"
#include "tern/util.h"
#include "tern_test.h"
#include "tv.h"

#if TERN_CONFIG_AES_CT || TERN_CONFIG_AES_X86NI

enum { PATH_DIRECT, PATH_GENERIC, PATH_CLASS };

typedef struct path {
    const char *label;
    int kind;
    const tern_block_class *bc;         /* PATH_DIRECT, PATH_GENERIC */
    const tern_aead_class *c128, *c256; /* PATH_CLASS */
    tern_ghash_fn ghash;                /* PATH_GENERIC */
} path;

#define MAX_PATHS 10
static path paths[MAX_PATHS];
static size_t npaths;

static void list_paths(void)
{
    npaths = 0;
#if TERN_CONFIG_AES_CT && TERN_CONFIG_WORD_BITS == 64
    paths[npaths++] =
        (path){"direct, AES ct64", PATH_DIRECT, &tern_aes_ct64_class, NULL, NULL, NULL};
#endif
#if TERN_CONFIG_AES_CT
    paths[npaths++] =
        (path){"direct, AES ct32", PATH_DIRECT, &tern_aes_ct32_class, NULL, NULL, NULL};
    paths[npaths++] = (path){
        "direct, AES ct encrypt-only", PATH_DIRECT, &tern_aes_ct_enc_class, NULL, NULL, NULL};
#if TERN_CONFIG_WORD_BITS == 64
    /* the 32-bit GHASH is the build's choice only on 32-bit targets */
    paths[npaths++] =
        (path){"AES ct32 + GHASH ctmul32", PATH_GENERIC, &tern_aes_ct32_class, NULL, NULL,
               tern_ghash_ctmul32};
#endif
#endif
    if (tern_aes_x86ni_get() != NULL) {
        paths[npaths++] =
            (path){"direct, AES-NI fused", PATH_DIRECT, tern_aes_x86ni_get(), NULL, NULL, NULL};
#if TERN_CONFIG_AES_X86NI
        paths[npaths++] = (path){"direct, AES-NI encrypt-only fused",
                                 PATH_DIRECT,
                                 &tern_aes_x86ni_enc_class,
                                 NULL,
                                 NULL,
                                 NULL};
#endif
        if (tern_ghash_pclmul_get() != NULL) {
            paths[npaths++] =
                (path){"AES-NI + PCLMUL GHASH", PATH_GENERIC, tern_aes_x86ni_get(), NULL, NULL,
                       tern_ghash_pclmul_get()};
        }
    }
    paths[npaths++] =
        (path){"class", PATH_CLASS, NULL, &tern_aead_aes128_gcm, &tern_aead_aes256_gcm, NULL};
#if TERN_CONFIG_AES_CT
    paths[npaths++] = (path){
        "class _ct", PATH_CLASS, NULL, &tern_aead_aes128_gcm_ct, &tern_aead_aes256_gcm_ct, NULL};
#endif
}

/* Runs seal (decrypt = 0) or open on buf. Returns a TERN_* code, or 1 with
 * *skip set when the path cannot take these parameters. */
static int run_path(const path *p, int decrypt, const uint8_t *key, size_t key_len,
                    const uint8_t *iv, size_t iv_len, const uint8_t *aad, size_t aad_len,
                    uint8_t *buf, size_t len, uint8_t *tag, size_t tag_len, const char **skip)
{
    int rc;
    if (p->kind == PATH_CLASS) {
        const tern_aead_class *cls = key_len == 16 ? p->c128 : key_len == 32 ? p->c256 : NULL;
        tern_aead_ctx ctx;
        if (cls == NULL || iv_len != 12 || tag_len != 16) {
            *skip = "AEAD class: 128/256-bit key, 12-byte IV, 16-byte tag only";
            return 1;
        }
        rc = cls->init(&ctx.vtable, key);
        if (rc == TERN_OK) {
            rc = decrypt ? ctx.vtable->open(&ctx.vtable, iv, aad, aad_len, buf, len, tag)
                         : ctx.vtable->seal(&ctx.vtable, iv, aad, aad_len, buf, len, tag);
        }
        tern_aead_wipe(&ctx.vtable);
        return rc;
    } else {
        tern_block_ctx bctx;
        const tern_block_class *const *bc = (const tern_block_class *const *)&bctx.vtable;
        rc = p->bc->init(&bctx.vtable, key, key_len);
        if (rc != TERN_OK) {
            return rc;
        }
        if (p->kind == PATH_DIRECT) {
            rc = decrypt ? tern_gcm_open(bc, iv, iv_len, aad, aad_len, buf, len, tag, tag_len)
                         : tern_gcm_seal(bc, iv, iv_len, aad, aad_len, buf, len, tag, tag_len);
        } else {
            uint8_t h[16];
            rc = tern_gcm_check_lengths(iv_len, aad_len, len, tag_len);
            if (rc == TERN_OK) {
                memset(h, 0, 16);
                bctx.vtable->encrypt(bc, h, 1);
                if (decrypt) {
                    rc = tern_gcm_generic_open(bc, p->ghash, h, iv, iv_len, aad, aad_len, buf, len,
                                               tag, tag_len);
                } else {
                    tern_gcm_generic_seal(bc, p->ghash, h, iv, iv_len, aad, aad_len, buf, len, tag,
                                          tag_len);
                }
            }
        }
        tern_block_wipe(&bctx.vtable);
        return rc;
    }
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

typedef struct gcm_vec {
    uint8_t *key, *iv, *aad, *pt, *ct, *tag;
    size_t key_len, iv_len, aad_len, pt_len, ct_len, tag_len;
} gcm_vec;

static void free_vec(gcm_vec *v)
{
    free(v->key);
    free(v->iv);
    free(v->aad);
    free(v->pt);
    free(v->ct);
    free(v->tag);
    memset(v, 0, sizeof(*v));
}

/* valid: seal gives ct and tag, open gives pt. Invalid: open must fail,
 * leaving zeroes if it got as far as the tag check. */
static void gcm_case(tv_counts *c, const path *p, const char *id, const gcm_vec *v, int valid)
{
    uint8_t *buf = (uint8_t *)malloc(v->pt_len + v->ct_len + 1);
    uint8_t tag[16];
    const char *skip = NULL;
    int rc, ok;

    if (valid) {
        memcpy(buf, v->pt, v->pt_len);
        memset(tag, 0, sizeof(tag));
        rc = run_path(p, 0, v->key, v->key_len, v->iv, v->iv_len, v->aad, v->aad_len, buf,
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
        rc = run_path(p, 1, v->key, v->key_len, v->iv, v->iv_len, v->aad, v->aad_len, buf,
                      v->ct_len, tag, v->tag_len, &skip);
        ok = ok && rc == TERN_OK && memcmp(buf, v->pt, v->pt_len) == 0;
        tv_check(c, ok, id, "valid case");
    } else {
        memcpy(buf, v->ct, v->ct_len);
        memcpy(tag, v->tag, v->tag_len < 16 ? v->tag_len : 16);
        rc = run_path(p, 1, v->key, v->key_len, v->iv, v->iv_len, v->aad, v->aad_len, buf,
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

/* ---- Wycheproof -------------------------------------------------------------- */

static void run_wycheproof(const path *p)
{
    const char *file = "wycheproof/aes_gcm_test.json";
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
            gcm_vec v;
            char id[32];
            const char *result = tv_json_str(t, "result");
            memset(&v, 0, sizeof(v));
            snprintf(id, sizeof(id), "tcId %ld", tv_json_int(t, "tcId", -1));
            if (tv_json_hex(t, "key", &v.key, &v.key_len) != 0 ||
                tv_json_hex(t, "iv", &v.iv, &v.iv_len) != 0 ||
                tv_json_hex(t, "aad", &v.aad, &v.aad_len) != 0 ||
                tv_json_hex(t, "msg", &v.pt, &v.pt_len) != 0 ||
                tv_json_hex(t, "ct", &v.ct, &v.ct_len) != 0 ||
                tv_json_hex(t, "tag", &v.tag, &v.tag_len) != 0 || v.tag_len > 16 ||
                result == NULL) {
                tv_fail(&c, id, "malformed test");
            } else {
                /* No "acceptable" results in this file: valid or invalid. */
                gcm_case(&c, p, id, &v, strcmp(result, "valid") == 0);
            }
            free_vec(&v);
        }
    }
    cJSON_Delete(root);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

/* ---- NIST gcmEncryptExtIV128.rsp ------------------------------------------------ */

static void run_nist(const path *p)
{
    const char *file = "nist/aes/gcmEncryptExtIV128.rsp";
    tv_kv kv;
    tv_fields f;
    tv_counts c;
    tv_kv_event ev;
    char name[128], id[64];

    snprintf(name, sizeof(name), "%s (%s)", file, p->label);
    tv_counts_init(&c, name);
    memset(&f, 0, sizeof(f));
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vector file");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        gcm_vec v;
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, "Tag") != 0) {
            continue;
        }
        memset(&v, 0, sizeof(v));
        snprintf(id, sizeof(id), "line %d", kv.line);
        if (tv_hex(tv_fields_get(&f, "Key") ? tv_fields_get(&f, "Key") : "x", &v.key, &v.key_len) !=
                0 ||
            tv_hex(tv_fields_get(&f, "IV") ? tv_fields_get(&f, "IV") : "x", &v.iv, &v.iv_len) !=
                0 ||
            tv_hex(tv_fields_get(&f, "PT") ? tv_fields_get(&f, "PT") : "x", &v.pt, &v.pt_len) !=
                0 ||
            tv_hex(tv_fields_get(&f, "AAD") ? tv_fields_get(&f, "AAD") : "x", &v.aad, &v.aad_len) !=
                0 ||
            tv_hex(tv_fields_get(&f, "CT") ? tv_fields_get(&f, "CT") : "x", &v.ct, &v.ct_len) !=
                0 ||
            tv_hex(kv.value, &v.tag, &v.tag_len) != 0 || v.tag_len > 16) {
            tv_fail(&c, id, "malformed record");
        } else {
            gcm_case(&c, p, id, &v, 1);
            /* and the same with the tag's last byte flipped */
            v.tag[v.tag_len - 1] ^= 0x01;
            gcm_case(&c, p, id, &v, 0);
        }
        free_vec(&v);
        tv_fields_clear(&f);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

/* ---- Botan aead/gcm.vec -------------------------------------------------------- */

static void run_botan(const path *p)
{
    const char *file = "botan/aead/gcm.vec";
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
        gcm_vec v;
        uint8_t *out = NULL;
        size_t out_len, tag_len = 16;
        const char *sec = kv.section, *paren;

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
        snprintf(id, sizeof(id), "%.24s #%d", sec, n++);
        if (strncmp(sec, "AES-", 4) != 0) {
            tv_skip(&c, "cipher not in tern (ARIA, SM4)");
            tv_fields_clear(&f);
            continue;
        }
        /* "AES-128/GCM(12)": a 12-byte tag */
        paren = strchr(sec, '(');
        if (paren != NULL) {
            tag_len = (size_t)strtoul(paren + 1, NULL, 10);
        }
        memset(&v, 0, sizeof(v));
        /* Each AEAD test stands alone: a missing AD means empty (the
         * bag is cleared after every test). */
        if (tv_hex(tv_fields_get(&f, "Key") ? tv_fields_get(&f, "Key") : "x", &v.key, &v.key_len) !=
                0 ||
            tv_hex(tv_fields_get(&f, "Nonce") ? tv_fields_get(&f, "Nonce") : "x", &v.iv,
                   &v.iv_len) != 0 ||
            tv_hex(tv_fields_get(&f, "In") ? tv_fields_get(&f, "In") : "", &v.pt, &v.pt_len) != 0 ||
            tv_hex(tv_fields_get(&f, "AD") ? tv_fields_get(&f, "AD") : "", &v.aad, &v.aad_len) !=
                0 ||
            tv_hex(kv.value, &out, &out_len) != 0 || tag_len > 16 ||
            out_len != v.pt_len + tag_len) {
            tv_fail(&c, id, "malformed");
        } else {
            v.ct_len = v.pt_len;
            v.ct = (uint8_t *)malloc(v.ct_len + 1);
            memcpy(v.ct, out, v.ct_len);
            v.tag_len = tag_len;
            v.tag = (uint8_t *)malloc(16);
            memcpy(v.tag, out + v.ct_len, tag_len);
            gcm_case(&c, p, id, &v, 1);
            v.tag[0] ^= 0x80;
            gcm_case(&c, p, id, &v, 0);
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
        run_nist(&paths[i]);
        run_botan(&paths[i]);
    }
}

/* ---- GHASH ------------------------------------------------------------------ */

static uint32_t rng_state = 0x9e3779b9u;

static void fill(uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        rng_state ^= rng_state << 13;
        rng_state ^= rng_state >> 17;
        rng_state ^= rng_state << 5;
        p[i] = (uint8_t)rng_state;
    }
}

/* Every GHASH function in the build, the portable build choice first. */
static size_t list_ghash(tern_ghash_fn *f)
{
    size_t n = 0;
    f[n++] = tern_ghash_ctmul;
    f[n++] = tern_ghash_ctmul32;
#if TERN_CONFIG_WORD_BITS == 64
    f[n++] = tern_ghash_ctmul64;
#endif
    if (tern_ghash_pclmul_get() != NULL) {
        f[n++] = tern_ghash_pclmul_get();
    }
    return n;
}

static void test_ghash(void)
{
    /* SP 800-38D test case 2 (the "GCM spec" test vectors): H and C, with
     * the length block; GHASH = f38cbb1a... */
    uint8_t h[16], blocks[32], want[16], y[16], y2[16], data[300];
    tern_ghash_fn fns[4];
    size_t nf = list_ghash(fns), t, len, i;

    EXPECT_EQ(tv_hex_fixed("66e94bd4ef8a2c3b884cfa59ca342b2e", h, 16), 0);
    EXPECT_EQ(tv_hex_fixed("0388dace60b6a392f328c2b971b2fe78"
                           "00000000000000000000000000000080",
                           blocks, 32),
              0);
    EXPECT_EQ(tv_hex_fixed("f38cbb1ad69223dcc3457ae5b6b0f885", want, 16), 0);
    for (i = 0; i < nf; i++) {
        memset(y, 0, 16);
        fns[i](y, h, blocks, 32);
        EXPECT_MEM_EQ(y, want, 16);
        /* in two calls */
        memset(y, 0, 16);
        fns[i](y, h, blocks, 16);
        fns[i](y, h, blocks + 16, 16);
        EXPECT_MEM_EQ(y, want, 16);
        /* a partial block is zero-padded */
        memset(y, 0, 16);
        memset(y2, 0, 16);
        fns[i](y, h, blocks, 15);
        memcpy(data, blocks, 15);
        data[15] = 0;
        fns[i](y2, h, data, 16);
        EXPECT_MEM_EQ(y, y2, 16);
    }
    /* random agreement with the first, every length across the 4-block
     * aggregation of the PCLMULQDQ code */
    for (t = 0; t < 400; t++) {
        len = t % 300;
        fill(h, 16);
        fill(y, 16);
        fill(data, len);
        for (i = 1; i < nf; i++) {
            memcpy(y2, y, 16);
            fns[i](y2, h, data, len);
            if (i == 1) {
                memcpy(want, y, 16);
                fns[0](want, h, data, len);
            }
            EXPECT_MEM_EQ(y2, want, 16);
        }
    }
    if (tern_ghash_pclmul_get() == NULL) {
        TEST_SKIP("PCLMULQDQ GHASH: CPU lacks PCLMULQDQ (portable ones checked)");
    }
}

/* ---- all paths agree, long and odd-sized inputs --------------------------------- */

static void test_paths_agree(void)
{
    static const size_t lens[] = {0,   1,   15,  16,  17,  63,   64,    65,   127,
                                  128, 129, 255, 256, 257, 1000, 16384, 16400};
    static uint8_t pt[16400], ref[16400], buf[16400];
    uint8_t key[32], iv[300], aad[300], reftag[16], tag[16];
    size_t i, k, pi;

    for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        for (k = 0; k < 2; k++) {
            size_t len = lens[i], key_len = k ? 32 : 16, aad_len = (len * 7) % 300;
            const char *skip;
            fill(key, sizeof(key));
            fill(iv, 12);
            fill(aad, aad_len);
            fill(pt, len);
            for (pi = 0; pi < npaths; pi++) {
                memcpy(buf, pt, len);
                EXPECT_OK(run_path(&paths[pi], 0, key, key_len, iv, 12, aad, aad_len, buf, len, tag,
                                   16, &skip));
                if (pi == 0) {
                    memcpy(ref, buf, len);
                    memcpy(reftag, tag, 16);
                }
                EXPECT_MEM_EQ(buf, ref, len);
                EXPECT_MEM_EQ(tag, reftag, 16);
                EXPECT_OK(run_path(&paths[pi], 1, key, key_len, iv, 12, aad, aad_len, buf, len, tag,
                                   16, &skip));
                EXPECT_MEM_EQ(buf, pt, len);
            }
        }
    }
    /* IVs of other lengths through the direct paths (from 128 bytes on,
     * the fused code hashes them eight blocks at a time) */
    for (i = 1; i <= 300; i += i < 64 ? 7 : 61) {
        size_t len = 200 + i;
        fill(key, 16);
        fill(iv, i);
        fill(pt, len);
        for (pi = 0; pi < npaths; pi++) {
            const char *skip;
            if (paths[pi].kind == PATH_CLASS) {
                continue;
            }
            memcpy(buf, pt, len);
            EXPECT_OK(run_path(&paths[pi], 0, key, 16, iv, i, NULL, 0, buf, len, tag, 16, &skip));
            if (pi == 0) {
                memcpy(ref, buf, len);
                memcpy(reftag, tag, 16);
            }
            EXPECT_MEM_EQ(buf, ref, len);
            EXPECT_MEM_EQ(tag, reftag, 16);
        }
    }
}

/* ---- argument checks ------------------------------------------------------------ */

static void test_args(void)
{
    uint8_t key[16], iv[12], buf[32], tag[16];
    tern_block_ctx bctx;
    const tern_block_class *const *bc = (const tern_block_class *const *)&bctx.vtable;

    memset(key, 1, sizeof(key));
    memset(iv, 2, sizeof(iv));
    memset(buf, 3, sizeof(buf));
    EXPECT_OK(tern_aes_get()->init(&bctx.vtable, key, 16));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_gcm_seal(bc, iv, 0, NULL, 0, buf, 32, tag, 16));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_gcm_seal(bc, iv, 12, NULL, 0, buf, 32, tag, 3));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_gcm_seal(bc, iv, 12, NULL, 0, buf, 32, tag, 17));
    EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_gcm_open(bc, iv, 12, NULL, 0, buf, 32, tag, 0));
    EXPECT_ERR(TERN_ERR_USAGE, tern_gcm_seal(NULL, iv, 12, NULL, 0, buf, 32, tag, 16));
    EXPECT_ERR(TERN_ERR_USAGE, tern_gcm_seal(bc, iv, 12, NULL, 5, buf, 32, tag, 16));
    EXPECT_ERR(TERN_ERR_USAGE, tern_gcm_open(bc, iv, 12, NULL, 0, NULL, 32, tag, 16));
    EXPECT_OK(tern_gcm_seal(bc, iv, 12, NULL, 0, NULL, 0, tag, 16));
    EXPECT_OK(tern_gcm_open(bc, iv, 12, NULL, 0, NULL, 0, tag, 16));
    EXPECT_OK(tern_gcm_check_lengths(1, 0, 0, 4));
    if (sizeof(size_t) > 4) {
        /* SP 800-38D: at most 2^36 - 32 bytes of plaintext */
        EXPECT_OK(tern_gcm_check_lengths(12, 0, (size_t)(((uint64_t)1 << 36) - 32), 16));
        EXPECT_ERR(TERN_ERR_BAD_LENGTH,
                   tern_gcm_check_lengths(12, 0, (size_t)(((uint64_t)1 << 36) - 31), 16));
    }
    tern_block_wipe(&bctx.vtable);
#if TERN_CONFIG_AES_X86NI
    if (tern_aes_x86ni_get() != NULL) {
        /* the encrypt-only AES-NI class (GCM, CCM): same keys, same
         * encryption as the full class, no inverse cipher, bad key
         * lengths refused */
        tern_block_ctx full;
        uint8_t a[48], b[48];
        memset(a, 5, sizeof(a));
        memcpy(b, a, sizeof(b));
        EXPECT_TRUE(tern_aes_x86ni_enc_class.decrypt == NULL &&
                    (tern_aes_x86ni_enc_class.flags & TERN_BLOCK_ENCRYPT_ONLY) != 0);
        EXPECT_TRUE(tern_aes_x86ni_enc_class.ctx_size < tern_aes_x86ni_get()->ctx_size);
        EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_aes_x86ni_enc_class.init(&bctx.vtable, key, 15));
        EXPECT_OK(tern_aes_x86ni_enc_class.init(&bctx.vtable, key, 16));
        EXPECT_OK(tern_aes_x86ni_get()->init(&full.vtable, key, 16));
        bctx.vtable->encrypt(bc, a, 3);
        full.vtable->encrypt((const tern_block_class *const *)&full.vtable, b, 3);
        EXPECT_MEM_EQ(a, b, sizeof(a));
        EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_cbc_decrypt(bc, iv, a, 32));
        tern_block_wipe(&bctx.vtable);
        tern_block_wipe(&full.vtable);
    }
#endif
#if TERN_CONFIG_3DES
    {
        uint8_t k24[24];
        memset(k24, 7, sizeof(k24));
        EXPECT_OK(tern_des3_class.init(&bctx.vtable, k24, 24));
        EXPECT_ERR(TERN_ERR_BAD_ARG, tern_gcm_seal(bc, iv, 12, NULL, 0, buf, 32, tag, 16));
        tern_block_wipe(&bctx.vtable);
    }
#endif
}

int main(void)
{
    if (tern_aes_get() == NULL) {
        printf("SKIP all: no AES in this build and CPU\n");
        return 77;
    }
    size_t i;
    list_paths();
    for (i = 0; i < npaths; i++) {
        printf("path: %s\n", paths[i].label);
    }
    if (tern_aes_x86ni_get() == NULL) {
        printf("SKIP AES-NI paths: CPU lacks AES-NI\n");
    }
    RUN_TEST(test_vectors);
    RUN_TEST(test_ghash);
    RUN_TEST(test_paths_agree);
    RUN_TEST(test_args);
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
