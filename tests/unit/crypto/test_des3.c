/*
 * 3DES-EDE: NIST CAVP TDES files (CBC KATs with one key used three times,
 * CBC and ECB MMT with two and three keys) and Botan block/des.vec. The
 * [DES] section runs as 3DES with K1 = K2 = K3, which is single DES.
 */
#include <stdlib.h>
#include <string.h>

#include "tern/cipher.h"
#include "tern/util.h"
#include "tern_test.h"
#include "tv.h"

#if TERN_CONFIG_3DES

/* 24-byte EDE key from an 8-, 16- or 24-byte string (K1 [K2 [K3]]). */
static int make_key(const char *hex, uint8_t key[24])
{
    uint8_t *k;
    size_t n;
    if (hex == NULL || tv_hex(hex, &k, &n) != 0) {
        return -1;
    }
    if (n == 8) {
        memcpy(key, k, 8);
        memcpy(key + 8, k, 8);
        memcpy(key + 16, k, 8);
    } else if (n == 16) {
        memcpy(key, k, 16);
        memcpy(key + 16, k, 8);
    } else if (n == 24) {
        memcpy(key, k, 24);
    } else {
        free(k);
        return -1;
    }
    free(k);
    return 0;
}

static int nist_key(const tv_fields *f, uint8_t key[24])
{
    const char *k1 = tv_fields_get(f, "KEY1");
    if (k1 == NULL) {
        return make_key(tv_fields_get(f, "KEYs"), key);
    }
    if (make_key(k1, key) != 0 || tv_hex_fixed(tv_fields_get(f, "KEY2"), key + 8, 8) != 0 ||
        tv_hex_fixed(tv_fields_get(f, "KEY3"), key + 16, 8) != 0) {
        return -1;
    }
    return 0;
}

static void nist_case(tv_counts *c, const tv_fields *f, int ecb)
{
    uint8_t key[24], iv[8], ivw[8];
    uint8_t *pt = NULL, *ct = NULL, *buf = NULL;
    size_t pt_len, ct_len;
    const char *id = tv_fields_get(f, "COUNT");
    tern_des3_ctx ctx;
    int ok;

    memset(iv, 0, sizeof(iv));
    if (nist_key(f, key) != 0 || (!ecb && tv_hex_fixed(tv_fields_get(f, "IV"), iv, 8) != 0) ||
        tv_hex(tv_fields_get(f, "PLAINTEXT"), &pt, &pt_len) != 0 ||
        tv_hex(tv_fields_get(f, "CIPHERTEXT"), &ct, &ct_len) != 0 || pt_len != ct_len ||
        pt_len % 8 != 0) {
        tv_fail(c, id, "malformed record");
        goto out;
    }
    if (tern_des3_class.init(&ctx.vtable, key, 24) != TERN_OK) {
        tv_fail(c, id, "init");
        goto out;
    }
    buf = (uint8_t *)malloc(pt_len + 1);
    memcpy(buf, pt, pt_len);
    if (ecb) {
        ctx.vtable->encrypt(&ctx.vtable, buf, pt_len / 8);
        ok = memcmp(buf, ct, ct_len) == 0;
        ctx.vtable->decrypt(&ctx.vtable, buf, ct_len / 8);
        ok = ok && memcmp(buf, pt, pt_len) == 0;
    } else {
        memcpy(ivw, iv, 8);
        ok = tern_cbc_encrypt((const tern_block_class *const *)&ctx.vtable, ivw, buf, pt_len) ==
                 TERN_OK &&
             memcmp(buf, ct, ct_len) == 0;
        memcpy(ivw, iv, 8);
        ok = ok &&
             tern_cbc_decrypt((const tern_block_class *const *)&ctx.vtable, ivw, buf, ct_len) ==
                 TERN_OK &&
             memcmp(buf, pt, pt_len) == 0;
    }
    tv_check(c, ok, id, "encrypt/decrypt");
    tern_block_wipe(&ctx.vtable);
out:
    free(pt);
    free(ct);
    free(buf);
}

static void run_nist(const char *path, int ecb)
{
    tv_kv kv;
    tv_fields f;
    tv_counts c;
    tv_kv_event ev;

    tv_counts_init(&c, path);
    memset(&f, 0, sizeof(f));
    if (tv_kv_open(&kv, path) != 0) {
        TEST_FAIL("cannot open vector file");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev == TV_KV_SECTION) {
            tv_fields_clear(&f);
        } else if (ev == TV_KV_FIELD) {
            tv_fields_set(&f, kv.key, kv.value);
            if (tv_fields_get(&f, "PLAINTEXT") != NULL && tv_fields_get(&f, "CIPHERTEXT") != NULL) {
                nist_case(&c, &f, ecb);
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

static void test_nist(void)
{
    static const char *const cbc[] = {"TCBCinvperm", "TCBCpermop", "TCBCsubtab", "TCBCvarkey",
                                      "TCBCvartext", "TCBCMMT2",   "TCBCMMT3"};
    char path[64];
    size_t i;
    for (i = 0; i < sizeof(cbc) / sizeof(cbc[0]); i++) {
        snprintf(path, sizeof(path), "nist/tdes/%s.rsp", cbc[i]);
        run_nist(path, 0);
    }
    run_nist("nist/tdes/TECBMMT2.rsp", 1);
    run_nist("nist/tdes/TECBMMT3.rsp", 1);
}

static void test_botan(void)
{
    tv_kv kv;
    tv_fields f;
    tv_counts c;
    tv_kv_event ev;
    char id[48];
    int n = 0;

    tv_counts_init(&c, "botan/block/des.vec");
    memset(&f, 0, sizeof(f));
    if (tv_kv_open(&kv, "botan/block/des.vec") != 0) {
        TEST_FAIL("cannot open vector file");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        uint8_t key[24], *in = NULL, *out = NULL;
        size_t in_len, out_len;
        tern_des3_ctx ctx;
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
        if (make_key(tv_fields_get(&f, "Key"), key) != 0 ||
            tv_hex(tv_fields_get(&f, "In"), &in, &in_len) != 0 ||
            tv_hex(tv_fields_get(&f, "Out"), &out, &out_len) != 0 || in_len != out_len ||
            in_len % 8 != 0) {
            tv_fail(&c, id, "malformed");
        } else if (tern_des3_class.init(&ctx.vtable, key, 24) != TERN_OK) {
            tv_fail(&c, id, "init");
        } else {
            ctx.vtable->encrypt(&ctx.vtable, in, in_len / 8);
            ok = memcmp(in, out, out_len) == 0;
            ctx.vtable->decrypt(&ctx.vtable, in, in_len / 8);
            ctx.vtable->encrypt(&ctx.vtable, in, in_len / 8);
            ok = ok && memcmp(in, out, out_len) == 0;
            tv_check(&c, ok, id, "encrypt/decrypt");
        }
        free(in);
        free(out);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

static void test_api(void)
{
    static const size_t bad[] = {0, 7, 8, 16, 23, 25, 32};
    uint8_t key[32], blocks[8 * 7], one[8 * 7], orig[8 * 7];
    tern_block_ctx ctx;
    size_t i;

    for (i = 0; i < sizeof(key); i++) {
        key[i] = (uint8_t)(i * 37 + 1);
    }
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_des3_class.init(&ctx.vtable, key, bad[i]));
    }
    EXPECT_EQ(tern_des3_class.block_len, 8);
    EXPECT_TRUE(tern_des3_class.ctx_size <= sizeof(tern_block_ctx));
    EXPECT_OK(tern_des3_class.init(&ctx.vtable, key, 24));
    EXPECT_TRUE(ctx.vtable == &tern_des3_class);
    for (i = 0; i < sizeof(blocks); i++) {
        orig[i] = blocks[i] = one[i] = (uint8_t)(i * 11);
    }
    ctx.vtable->encrypt(&ctx.vtable, blocks, 7);
    for (i = 0; i < 7; i++) {
        ctx.vtable->encrypt(&ctx.vtable, one + 8 * i, 1);
    }
    EXPECT_MEM_EQ(blocks, one, sizeof(one));
    ctx.vtable->decrypt(&ctx.vtable, blocks, 7);
    EXPECT_MEM_EQ(blocks, orig, sizeof(orig));
    /* CBC needs whole 8-byte blocks */
    EXPECT_ERR(TERN_ERR_BAD_LENGTH,
               tern_cbc_encrypt((const tern_block_class *const *)&ctx.vtable, one, blocks, 12));
    tern_block_wipe(&ctx.vtable);
    EXPECT_TRUE(ctx.des3.sk[0] == 0 && ctx.des3.sk[47] == 0);
}

int main(void)
{
    RUN_TEST(test_nist);
    RUN_TEST(test_botan);
    RUN_TEST(test_api);
    return TEST_REPORT();
}

#else

static void test_compiled_out(void)
{
    TEST_SKIP("TERN_CONFIG_3DES is off");
}

int main(void)
{
    RUN_TEST(test_compiled_out);
    return TEST_REPORT();
}

#endif
