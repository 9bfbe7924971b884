/*
 * CBC mode: Wycheproof aes_cbc_pkcs5_test.json (PKCS#7 padding added and
 * checked here, since tern_cbc_* leave padding to the caller) and Botan
 * modes/cbc.vec (AES and TripleDES/DES sections), for every AES
 * implementation; plus chaining and argument checks.
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

/* PKCS#7: returns the unpadded length, or -1 if the padding is bad. (The
 * test's own helper; the TLS record layer has its own constant-time
 * check.) */
static long pkcs7_unpad(const uint8_t *p, size_t len, size_t bl)
{
    size_t pad, i;
    if (len == 0 || len % bl != 0) {
        return -1;
    }
    pad = p[len - 1];
    if (pad == 0 || pad > bl) {
        return -1;
    }
    for (i = len - pad; i < len; i++) {
        if (p[i] != pad) {
            return -1;
        }
    }
    return (long)(len - pad);
}

static size_t pkcs7_pad(uint8_t *p, size_t len, size_t bl)
{
    size_t pad = bl - len % bl, i;
    for (i = 0; i < pad; i++) {
        p[len + i] = (uint8_t)pad;
    }
    return len + pad;
}

/* ---- Wycheproof ------------------------------------------------------------ */

static void test_wycheproof(void)
{
    const char *path = "wycheproof/aes_cbc_pkcs5_test.json";
    cJSON *root = tv_json_load(path), *groups, *g;
    tv_counts c;
    char name[96];

    snprintf(name, sizeof(name), "%s (%s)", path, cur.label);
    tv_counts_init(&c, name);
    if (root == NULL) {
        TEST_FAIL("cannot load vector file");
        return;
    }
    groups = cJSON_GetObjectItemCaseSensitive(root, "testGroups");
    cJSON_ArrayForEach(g, groups)
    {
        cJSON *t, *tests = cJSON_GetObjectItemCaseSensitive(g, "tests");
        cJSON_ArrayForEach(t, tests)
        {
            uint8_t *key = NULL, *iv = NULL, *msg = NULL, *ct = NULL, *buf = NULL;
            size_t key_len, iv_len, msg_len, ct_len, n;
            char id[32];
            const char *result = tv_json_str(t, "result");
            int valid = result != NULL && strcmp(result, "valid") == 0;
            tern_block_ctx ctx;
            uint8_t ivw[16];
            long un;

            snprintf(id, sizeof(id), "tcId %ld", tv_json_int(t, "tcId", -1));
            if (tv_json_hex(t, "key", &key, &key_len) != 0 ||
                tv_json_hex(t, "iv", &iv, &iv_len) != 0 ||
                tv_json_hex(t, "msg", &msg, &msg_len) != 0 ||
                tv_json_hex(t, "ct", &ct, &ct_len) != 0 || iv_len != 16) {
                tv_fail(&c, id, "malformed test");
                goto next;
            }
            if (cur.cls->init(&ctx.vtable, key, key_len) != TERN_OK) {
                tv_fail(&c, id, "init");
                goto next;
            }
            buf = (uint8_t *)malloc(msg_len + ct_len + 32);
            if (valid) {
                int ok;
                memcpy(buf, msg, msg_len);
                n = pkcs7_pad(buf, msg_len, 16);
                memcpy(ivw, iv, 16);
                ok = tern_cbc_encrypt((const tern_block_class *const *)&ctx.vtable, ivw, buf, n) ==
                         TERN_OK &&
                     n == ct_len && memcmp(buf, ct, ct_len) == 0;
                memcpy(ivw, iv, 16);
                ok = ok && tern_cbc_decrypt((const tern_block_class *const *)&ctx.vtable, ivw, buf,
                                            ct_len) == TERN_OK;
                un = ok ? pkcs7_unpad(buf, ct_len, 16) : -1;
                ok = ok && un == (long)msg_len && memcmp(buf, msg, msg_len) == 0;
                tv_check(&c, ok, id, "valid case");
            } else {
                /* Invalid: bad or missing padding. A length that is not a
                 * whole number of blocks must be refused by CBC itself. */
                int rc;
                memcpy(buf, ct, ct_len);
                memcpy(ivw, iv, 16);
                rc = tern_cbc_decrypt((const tern_block_class *const *)&ctx.vtable, ivw, buf,
                                      ct_len);
                if (ct_len % 16 != 0) {
                    tv_check(&c, rc == TERN_ERR_BAD_LENGTH, id, "partial block accepted");
                } else {
                    tv_check(&c, rc == TERN_OK && pkcs7_unpad(buf, ct_len, 16) < 0, id,
                             "bad padding accepted");
                }
            }
            tern_block_wipe(&ctx.vtable);
        next:
            free(key);
            free(iv);
            free(msg);
            free(ct);
            free(buf);
        }
    }
    cJSON_Delete(root);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

/* ---- Botan modes/cbc.vec ------------------------------------------------- */

/* Which sections this build can run: 1 = AES (key from the field), 2 =
 * DES/3DES (key expanded to 24 bytes); 0 = skip with *reason. */
static int section_kind(const char *sec, int *pkcs7, const char **reason)
{
    const char *mode = strchr(sec, '/');
    *pkcs7 = 0;
    *reason = NULL;
    if (mode == NULL) {
        *reason = "malformed section";
        return 0;
    }
    if (strstr(sec, "/CBC/NoPadding") == NULL && strstr(sec, "/CBC/PKCS7") == NULL) {
        *reason = "padding mode other than none or PKCS#7 (not part of tern)";
        return 0;
    }
    *pkcs7 = strstr(sec, "/CBC/PKCS7") != NULL;
    if (strncmp(sec, "AES-", 4) == 0) {
        return 1;
    }
    if (strncmp(sec, "TripleDES/", 10) == 0 || strncmp(sec, "DES/", 4) == 0) {
        return 2;
    }
    *reason = "cipher not in tern (CAST-128, Blowfish, Noekeon, ARIA)";
    return 0;
}

static void botan_case(tv_counts *c, const tv_fields *f, const char *id, int kind, int pkcs7)
{
    uint8_t *key = NULL, *iv = NULL, *in = NULL, *out = NULL, *buf = NULL;
    size_t key_len, iv_len, in_len, out_len, n, bl;
    uint8_t ivw[16];
    const tern_block_class *cls;
    tern_block_ctx ctx;
    int ok;

    if (tv_hex(tv_fields_get(f, "Key"), &key, &key_len) != 0 ||
        tv_hex(tv_fields_get(f, "Nonce"), &iv, &iv_len) != 0 ||
        tv_hex(tv_fields_get(f, "In"), &in, &in_len) != 0 ||
        tv_hex(tv_fields_get(f, "Out"), &out, &out_len) != 0) {
        tv_fail(c, id, "malformed");
        goto out;
    }
    if (kind == 1) {
        cls = cur.cls;
    } else {
#if TERN_CONFIG_3DES
        uint8_t key24[24];
        cls = &tern_des3_class;
        if (key_len == 8 || key_len == 16 || key_len == 24) {
            memcpy(key24, key, key_len == 24 ? 24 : key_len);
            if (key_len <= 16) {
                memcpy(key24 + 16, key, 8);
                memcpy(key24 + 8, key_len == 8 ? key : key + 8, 8);
            }
            free(key);
            key = (uint8_t *)malloc(24);
            memcpy(key, key24, 24);
            key_len = 24;
        }
#else
        tv_skip(c, "TERN_CONFIG_3DES is off");
        goto out;
#endif
    }
    bl = cls->block_len;
    if (iv_len != bl || cls->init(&ctx.vtable, key, key_len) != TERN_OK) {
        tv_fail(c, id, "init or IV length");
        goto out;
    }
    buf = (uint8_t *)malloc(in_len + out_len + 32);
    memcpy(buf, in, in_len);
    n = pkcs7 ? pkcs7_pad(buf, in_len, bl) : in_len;
    memcpy(ivw, iv, bl);
    ok = n == out_len &&
         tern_cbc_encrypt((const tern_block_class *const *)&ctx.vtable, ivw, buf, n) == TERN_OK &&
         memcmp(buf, out, out_len) == 0;
    memcpy(ivw, iv, bl);
    ok = ok &&
         tern_cbc_decrypt((const tern_block_class *const *)&ctx.vtable, ivw, buf, n) == TERN_OK &&
         (pkcs7 ? pkcs7_unpad(buf, n, bl) == (long)in_len : 1) && memcmp(buf, in, in_len) == 0;
    tv_check(c, ok, id, "encrypt/decrypt");
    tern_block_wipe(&ctx.vtable);
out:
    free(key);
    free(iv);
    free(in);
    free(out);
    free(buf);
}

static void test_botan(void)
{
    tv_kv kv;
    tv_fields f;
    tv_counts c;
    tv_kv_event ev;
    char name[96], id[64];
    int n = 0;

    snprintf(name, sizeof(name), "botan/modes/cbc.vec (%s)", cur.label);
    tv_counts_init(&c, name);
    memset(&f, 0, sizeof(f));
    if (tv_kv_open(&kv, "botan/modes/cbc.vec") != 0) {
        TEST_FAIL("cannot open vector file");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        int kind, pkcs7;
        const char *reason;
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
        snprintf(id, sizeof(id), "%.40s #%d", kv.section, n++);
        kind = section_kind(kv.section, &pkcs7, &reason);
        if (kind == 0) {
            tv_skip(&c, reason);
        } else {
            botan_case(&c, &f, id, kind, pkcs7);
        }
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

/* ---- API ----------------------------------------------------------------- */

/* Chained calls equal one call; the IV carries the last ciphertext block. */
static void test_chaining(void)
{
    uint8_t key[16], iv0[16], iv[16], data[16 * 13], one[16 * 13], orig[16 * 13];
    tern_block_ctx ctx;
    const tern_block_class *const *bc = (const tern_block_class *const *)&ctx.vtable;
    size_t i, split;

    for (i = 0; i < sizeof(data); i++) {
        orig[i] = (uint8_t)(i * 7 + 3);
    }
    for (i = 0; i < 16; i++) {
        key[i] = (uint8_t)(0xA0 + i);
        iv0[i] = (uint8_t)(0x10 * i);
    }
    EXPECT_OK(cur.cls->init(&ctx.vtable, key, 16));
    memcpy(one, orig, sizeof(orig));
    memcpy(iv, iv0, 16);
    EXPECT_OK(tern_cbc_encrypt(bc, iv, one, sizeof(one)));
    EXPECT_MEM_EQ(iv, one + sizeof(one) - 16, 16);
    for (split = 0; split <= 13; split++) {
        memcpy(data, orig, sizeof(data));
        memcpy(iv, iv0, 16);
        EXPECT_OK(tern_cbc_encrypt(bc, iv, data, 16 * split));
        EXPECT_OK(tern_cbc_encrypt(bc, iv, data + 16 * split, sizeof(data) - 16 * split));
        EXPECT_MEM_EQ(data, one, sizeof(one));
        memcpy(iv, iv0, 16);
        EXPECT_OK(tern_cbc_decrypt(bc, iv, data, 16 * split));
        EXPECT_OK(tern_cbc_decrypt(bc, iv, data + 16 * split, sizeof(data) - 16 * split));
        EXPECT_MEM_EQ(data, orig, sizeof(orig));
        EXPECT_MEM_EQ(iv, one + sizeof(one) - 16, 16);
    }
    /* lengths that are not whole blocks: nothing is touched */
    memcpy(data, orig, sizeof(data));
    memcpy(iv, iv0, 16);
    for (i = 1; i < 16; i++) {
        EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_cbc_encrypt(bc, iv, data, 16 + i));
        EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_cbc_decrypt(bc, iv, data, 16 + i));
    }
    EXPECT_MEM_EQ(data, orig, sizeof(orig));
    EXPECT_MEM_EQ(iv, iv0, 16);
    EXPECT_OK(tern_cbc_encrypt(bc, iv, data, 0));
    EXPECT_ERR(TERN_ERR_USAGE, tern_cbc_encrypt(NULL, iv, data, 16));
    EXPECT_ERR(TERN_ERR_USAGE, tern_cbc_decrypt(bc, NULL, data, 16));
    tern_block_wipe(&ctx.vtable);
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
        RUN_TEST(test_wycheproof);
        RUN_TEST(test_botan);
        RUN_TEST(test_chaining);
    }
    return TEST_REPORT();
}
