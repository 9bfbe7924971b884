/*
 * AES block classes: NIST CAVP AESAVS CBC files (KAT, MMT, MCT) and
 * Botan's block/aes.vec, run for every implementation in this build
 * (bitsliced 64-bit, bitsliced 32-bit, AES-NI when the CPU has it), plus
 * cross-checks between implementations and API edge cases.
 */
#include <stdlib.h>
#include <string.h>

#include "tern/cipher.h"
#include "tern/util.h"
#include "tern_test.h"
#include "tv.h"

typedef struct impl {
    const char *label;
    const tern_block_class *cls;
} impl;

/* The implementation under test (RUN_TEST takes no arguments). */
static impl cur;

static size_t list_impls(impl *out)
{
    size_t n = 0;
#if TERN_CONFIG_AES_CT && TERN_CONFIG_WORD_BITS == 64
    out[n].label = "AES ct64";
    out[n++].cls = &tern_aes_ct64_class;
#endif
#if TERN_CONFIG_AES_CT
    out[n].label = "AES ct32";
    out[n++].cls = &tern_aes_ct32_class;
#endif
    if (tern_aes_x86ni_get() != NULL) {
        out[n].label = "AES-NI";
        out[n++].cls = tern_aes_x86ni_get();
    }
    return n;
}

static int hex_into(const char *hex, uint8_t **out, size_t *len)
{
    return hex == NULL ? -1 : tv_hex(hex, out, len);
}

/* ---- NIST CBC files ----------------------------------------------------- */

/* AESAVS 6.4.2 (CBC MCT), encrypt: 1000 chained encryptions where each
 * plaintext is the ciphertext two steps back (the IV for the first). */
static int mct_encrypt(tern_block_ctx *ctx, const uint8_t *iv0, const uint8_t *pt0, uint8_t *out)
{
    uint8_t iv[16], pt[16], blk[16], prev[16];
    int j;

    memcpy(iv, iv0, 16);
    memcpy(pt, pt0, 16);
    for (j = 0; j < 1000; j++) {
        memcpy(blk, pt, 16);
        if (tern_cbc_encrypt((const tern_block_class *const *)&ctx->vtable, iv, blk, 16) != 0) {
            return -1;
        }
        memcpy(pt, j == 0 ? iv0 : prev, 16);
        memcpy(prev, blk, 16);
    }
    memcpy(out, blk, 16);
    return 0;
}

static int mct_decrypt(tern_block_ctx *ctx, const uint8_t *iv0, const uint8_t *ct0, uint8_t *out)
{
    uint8_t iv[16], ct[16], blk[16], prev[16];
    int j;

    memcpy(iv, iv0, 16);
    memcpy(ct, ct0, 16);
    for (j = 0; j < 1000; j++) {
        memcpy(blk, ct, 16);
        if (tern_cbc_decrypt((const tern_block_class *const *)&ctx->vtable, iv, blk, 16) != 0) {
            return -1;
        }
        memcpy(ct, j == 0 ? iv0 : prev, 16);
        memcpy(prev, blk, 16);
    }
    memcpy(out, blk, 16);
    return 0;
}

static void nist_case(tv_counts *c, const tv_fields *f, int decrypt, int mct)
{
    uint8_t *key = NULL, *iv = NULL, *pt = NULL, *ct = NULL, *buf = NULL;
    size_t key_len, iv_len, pt_len, ct_len;
    const char *id = tv_fields_get(f, "COUNT");
    tern_block_ctx ctx;
    uint8_t ivw[16];

    if (hex_into(tv_fields_get(f, "KEY"), &key, &key_len) != 0 ||
        hex_into(tv_fields_get(f, "IV"), &iv, &iv_len) != 0 ||
        hex_into(tv_fields_get(f, "PLAINTEXT"), &pt, &pt_len) != 0 ||
        hex_into(tv_fields_get(f, "CIPHERTEXT"), &ct, &ct_len) != 0 || iv_len != 16 ||
        pt_len != ct_len) {
        tv_fail(c, id, "malformed record");
        goto out;
    }
    if (cur.cls->init(&ctx.vtable, key, key_len) != TERN_OK) {
        tv_fail(c, id, "init failed");
        goto out;
    }
    buf = (uint8_t *)malloc(pt_len + 1);
    if (mct) {
        if (decrypt) {
            tv_check(c, mct_decrypt(&ctx, iv, ct, buf) == 0 && memcmp(buf, pt, 16) == 0, id,
                     "MCT decrypt");
        } else {
            tv_check(c, mct_encrypt(&ctx, iv, pt, buf) == 0 && memcmp(buf, ct, 16) == 0, id,
                     "MCT encrypt");
        }
    } else {
        /* Both directions for every record, whichever section it is in. */
        int ok;
        memcpy(buf, pt, pt_len);
        memcpy(ivw, iv, 16);
        ok = tern_cbc_encrypt((const tern_block_class *const *)&ctx.vtable, ivw, buf, pt_len) ==
                 TERN_OK &&
             memcmp(buf, ct, ct_len) == 0 && memcmp(ivw, ct + ct_len - 16, 16) == 0;
        memcpy(ivw, iv, 16);
        ok = ok &&
             tern_cbc_decrypt((const tern_block_class *const *)&ctx.vtable, ivw, buf, ct_len) ==
                 TERN_OK &&
             memcmp(buf, pt, pt_len) == 0 && memcmp(ivw, ct + ct_len - 16, 16) == 0;
        tv_check(c, ok, id, decrypt ? "decrypt section" : "encrypt section");
    }
    tern_block_wipe(&ctx.vtable);
out:
    free(key);
    free(iv);
    free(pt);
    free(ct);
    free(buf);
}

static void run_nist_file(const char *path, int mct)
{
    tv_kv kv;
    tv_fields f;
    tv_counts c;
    char name[160];
    int decrypt = 0;
    tv_kv_event ev;

    snprintf(name, sizeof(name), "%s (%s)", path, cur.label);
    tv_counts_init(&c, name);
    memset(&f, 0, sizeof(f));
    if (tv_kv_open(&kv, path) != 0) {
        TEST_FAIL("cannot open vector file");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev == TV_KV_SECTION) {
            decrypt = strcmp(kv.section, "DECRYPT") == 0;
            tv_fields_clear(&f);
        } else if (ev == TV_KV_FIELD) {
            tv_fields_set(&f, kv.key, kv.value);
            if (tv_fields_get(&f, "PLAINTEXT") != NULL && tv_fields_get(&f, "CIPHERTEXT") != NULL) {
                nist_case(&c, &f, decrypt, mct);
                tv_fields_clear(&f);
            }
        }
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

static void test_nist_kat(void)
{
    static const char *const kinds[] = {"GFSbox", "KeySbox", "VarKey", "VarTxt", "MMT"};
    static const int bits[] = {128, 192, 256};
    char path[64];
    size_t i, j;
    for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        for (j = 0; j < 3; j++) {
            snprintf(path, sizeof(path), "nist/aes/CBC%s%d.rsp", kinds[i], bits[j]);
            run_nist_file(path, 0);
        }
    }
}

static void test_nist_mct(void)
{
    run_nist_file("nist/aes/CBCMCT128.rsp", 1);
    run_nist_file("nist/aes/CBCMCT192.rsp", 1);
    run_nist_file("nist/aes/CBCMCT256.rsp", 1);
}

/* ---- Botan block/aes.vec ------------------------------------------------- */

static void test_botan(void)
{
    tv_kv kv;
    tv_fields f;
    tv_counts c;
    char name[96], id[48];
    tv_kv_event ev;
    int n = 0;

    snprintf(name, sizeof(name), "botan/block/aes.vec (%s)", cur.label);
    tv_counts_init(&c, name);
    memset(&f, 0, sizeof(f));
    if (tv_kv_open(&kv, "botan/block/aes.vec") != 0) {
        TEST_FAIL("cannot open vector file");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        uint8_t *key = NULL, *in = NULL, *out = NULL;
        size_t key_len, in_len, out_len;
        tern_block_ctx ctx;
        int ok;

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
        snprintf(id, sizeof(id), "%.20s #%d", kv.section, n++);
        if (hex_into(tv_fields_get(&f, "Key"), &key, &key_len) != 0 ||
            hex_into(tv_fields_get(&f, "In"), &in, &in_len) != 0 ||
            hex_into(tv_fields_get(&f, "Out"), &out, &out_len) != 0 || in_len != out_len ||
            in_len % 16 != 0) {
            tv_fail(&c, id, "malformed");
        } else if (cur.cls->init(&ctx.vtable, key, key_len) != TERN_OK) {
            tv_fail(&c, id, "init failed");
        } else {
            ctx.vtable->encrypt(&ctx.vtable, in, in_len / 16);
            ok = memcmp(in, out, out_len) == 0;
            ctx.vtable->decrypt(&ctx.vtable, out, out_len / 16);
            ctx.vtable->encrypt(&ctx.vtable, out, out_len / 16);
            ok = ok && memcmp(in, out, out_len) == 0;
            tv_check(&c, ok, id, "encrypt/decrypt");
            tern_block_wipe(&ctx.vtable);
        }
        free(key);
        free(in);
        free(out);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

/* ---- properties ------------------------------------------------------------ */

static uint32_t rng_state = 0x12345678u;

static void fill(uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        rng_state = rng_state * 1103515245u + 12345u;
        p[i] = (uint8_t)(rng_state >> 16);
    }
}

/* Encrypting n blocks in one call equals n single-block calls, for every
 * batch remainder, and decrypting undoes it. */
static void test_multiblock(void)
{
    static const size_t key_lens[] = {16, 24, 32};
    uint8_t key[32], data[16 * 21], one[16 * 21], back[16 * 21];
    tern_block_ctx ctx;
    size_t k, n, i;

    for (k = 0; k < 3; k++) {
        fill(key, sizeof(key));
        EXPECT_OK(cur.cls->init(&ctx.vtable, key, key_lens[k]));
        EXPECT_TRUE(ctx.vtable == cur.cls);
        for (n = 0; n <= 21; n++) {
            fill(data, sizeof(data));
            memcpy(one, data, sizeof(data));
            memcpy(back, data, sizeof(data));
            ctx.vtable->encrypt(&ctx.vtable, back, n);
            for (i = 0; i < n; i++) {
                ctx.vtable->encrypt(&ctx.vtable, one + 16 * i, 1);
            }
            EXPECT_MEM_EQ(back, one, sizeof(one));
            ctx.vtable->decrypt(&ctx.vtable, back, n);
            EXPECT_MEM_EQ(back, data, sizeof(data));
        }
        tern_block_wipe(&ctx.vtable);
    }
}

/* Every implementation gives the same result as every other. */
static void test_cross(void)
{
    impl all[4] = {{NULL, NULL}};
    size_t n = list_impls(all), a, t;
    uint8_t key[32], data[16 * 9], ref[16 * 9], got[16 * 9];
    tern_block_ctx ctx;

    for (t = 0; t < 60; t++) {
        size_t key_len = 16 + 8 * (t % 3);
        fill(key, sizeof(key));
        fill(data, sizeof(data));
        for (a = 0; a < n; a++) {
            memcpy(got, data, sizeof(data));
            EXPECT_OK(all[a].cls->init(&ctx.vtable, key, key_len));
            ctx.vtable->encrypt(&ctx.vtable, got, 9);
            if (a == 0) {
                memcpy(ref, got, sizeof(got));
            }
            EXPECT_MEM_EQ(got, ref, sizeof(got));
            tern_block_wipe(&ctx.vtable);
        }
    }
}

/* The encrypt-only class: same key schedule and cipher as
 * tern_aes_ct_class, no decrypt entry, refused by CBC decryption. */
static void test_encrypt_only(void)
{
#if TERN_CONFIG_AES_CT
    static const size_t bad[] = {0, 15, 17, 33};
    const tern_block_class *enc = &tern_aes_ct_enc_class;
    uint8_t key[32], iv[16], data[16 * 7], ref[16 * 7], got[16 * 7];
    tern_block_ctx a, b;
    size_t t, i;

    EXPECT_TRUE(enc->decrypt == NULL);
    EXPECT_TRUE((enc->flags & TERN_BLOCK_ENCRYPT_ONLY) != 0);
    EXPECT_TRUE((enc->flags & TERN_BLOCK_CONSTANT_TIME) != 0);
    EXPECT_TRUE((tern_aes_ct_class.flags & TERN_BLOCK_ENCRYPT_ONLY) == 0);
    EXPECT_EQ(enc->block_len, 16);
    EXPECT_EQ(enc->ctx_size, tern_aes_ct_class.ctx_size);
    memset(key, 0x33, sizeof(key));
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        EXPECT_ERR(TERN_ERR_BAD_LENGTH, enc->init(&a.vtable, key, bad[i]));
    }
    for (t = 0; t < 30; t++) {
        size_t key_len = 16 + 8 * (t % 3), n = 1 + t % 7;
        fill(key, sizeof(key));
        fill(data, sizeof(data));
        memcpy(ref, data, sizeof(data));
        memcpy(got, data, sizeof(data));
        EXPECT_OK(tern_aes_ct_class.init(&a.vtable, key, key_len));
        EXPECT_OK(enc->init(&b.vtable, key, key_len));
        EXPECT_TRUE(b.vtable == enc);
        a.vtable->encrypt(&a.vtable, ref, n);
        b.vtable->encrypt(&b.vtable, got, n);
        EXPECT_MEM_EQ(got, ref, sizeof(got));
        /* and the full class takes the result back */
        a.vtable->decrypt(&a.vtable, got, n);
        EXPECT_MEM_EQ(got, data, sizeof(data));
        tern_block_wipe(&a.vtable);
        tern_block_wipe(&b.vtable);
    }
    /* CBC: encryption works, decryption is refused and leaves data alone */
    EXPECT_OK(enc->init(&b.vtable, key, 16));
    memset(iv, 0, sizeof(iv));
    EXPECT_OK(tern_cbc_encrypt((const tern_block_class *const *)&b.vtable, iv, got, 32));
    memcpy(ref, got, sizeof(got));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED,
               tern_cbc_decrypt((const tern_block_class *const *)&b.vtable, iv, got, 32));
    EXPECT_MEM_EQ(got, ref, sizeof(got));
    tern_block_wipe(&b.vtable);
#else
    TEST_SKIP("TERN_CONFIG_AES_CT is off");
#endif
    /* the getter: AES-NI when present, else the encrypt-only class */
    if (tern_aes_x86ni_get() != NULL) {
        EXPECT_TRUE(tern_aes_enc_get() == tern_aes_x86ni_get());
    }
#if TERN_CONFIG_AES_CT
    else {
        EXPECT_TRUE(tern_aes_enc_get() == &tern_aes_ct_enc_class);
    }
#endif
}

static void test_api(void)
{
    static const size_t bad[] = {0, 1, 8, 15, 17, 20, 23, 25, 31, 33, 64};
    uint8_t key[64];
    tern_block_ctx ctx;
    size_t i;

    memset(key, 0x5a, sizeof(key));
    EXPECT_EQ(cur.cls->block_len, 16);
    EXPECT_TRUE((cur.cls->flags & TERN_BLOCK_CONSTANT_TIME) != 0);
    EXPECT_TRUE(cur.cls->ctx_size <= sizeof(tern_block_ctx));
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        EXPECT_ERR(TERN_ERR_BAD_LENGTH, cur.cls->init(&ctx.vtable, key, bad[i]));
    }
    /* wipe clears the whole context */
    EXPECT_OK(cur.cls->init(&ctx.vtable, key, 32));
    tern_block_wipe(&ctx.vtable);
    for (i = 0; i < cur.cls->ctx_size; i++) {
        if (((const uint8_t *)&ctx)[i] != 0) {
            break;
        }
    }
    EXPECT_EQ_U(i, cur.cls->ctx_size);
}

static void test_getters(void)
{
    const tern_block_class *best = tern_aes_get();
    if (best == NULL) {
        TEST_SKIP("no AES in this build and CPU");
    }
    EXPECT_TRUE((best->flags & TERN_BLOCK_CONSTANT_TIME) != 0);
    if (tern_aes_x86ni_get() != NULL) {
        EXPECT_TRUE(best == tern_aes_x86ni_get());
    }
#if TERN_CONFIG_AES_CT
    else {
        EXPECT_TRUE(best == &tern_aes_ct_class);
    }
#if TERN_CONFIG_WORD_BITS == 64
    EXPECT_EQ(tern_aes_ct_class.ctx_size, sizeof(tern_aes_ct64_ctx));
#else
    EXPECT_EQ(tern_aes_ct_class.ctx_size, sizeof(tern_aes_ct32_ctx));
#endif
#endif
    tern_block_wipe(NULL);
}

static void test_x86ni_absent(void)
{
    TEST_SKIP("AES-NI runs skipped: this CPU (or build) has no AES-NI");
}

int main(void)
{
    impl all[4] = {{NULL, NULL}};
    size_t n = list_impls(all), i;

    if (tern_aes_get() == NULL) {
        printf("SKIP all: no AES in this build and CPU\n");
        return 77;
    }

    for (i = 0; i < n; i++) {
        cur = all[i];
        printf("== %s (%s)\n", cur.label, cur.cls->name);
        RUN_TEST(test_nist_kat);
        RUN_TEST(test_nist_mct);
        RUN_TEST(test_botan);
        RUN_TEST(test_multiblock);
        RUN_TEST(test_api);
    }
    if (tern_aes_x86ni_get() == NULL) {
        RUN_TEST(test_x86ni_absent);
    }
    RUN_TEST(test_cross);
    RUN_TEST(test_encrypt_only);
    RUN_TEST(test_getters);
    return TEST_REPORT();
}
