/*
 * ChaCha20-Poly1305 AEAD (RFC 8439 2.8) and tern_aead_chacha20_poly1305:
 * the RFC example, Wycheproof chacha20_poly1305_test.json, Botan
 * aead/chacha20poly1305.vec, class round trips, tampering, limits and
 * argument checks.
 */
#include <stdio.h>

#include "tern/config.h"

#if TERN_CONFIG_CHACHA20

#include <stdlib.h>
#include <string.h>

#include "rfc_dump.h"
#include "tern/chacha.h"
#include "tern/util.h"
#include "tern_test.h"
#include "tv.h"

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

/* Seals pt and expects ct || tag; opens ct || tag and expects pt; opens
 * with a flipped tag bit and expects TERN_ERR_BAD_MAC and a zeroed
 * buffer. Both through the functions and through the class. Returns NULL
 * or what went wrong. */
static const char *check_aead(const uint8_t *key, const uint8_t *nonce, const uint8_t *aad,
                              size_t aad_len, const uint8_t *pt, const uint8_t *ct, size_t len,
                              const uint8_t *tag)
{
    const tern_aead_class *cls = &tern_aead_chacha20_poly1305;
    tern_aead_ctx actx;
    uint8_t *buf = (uint8_t *)malloc(len + 1);
    uint8_t t[16], bad_tag[16];
    const char *why = NULL;
    int pass;

    if (buf == NULL) {
        return "out of memory";
    }
    memcpy(bad_tag, tag, 16);
    bad_tag[len % 16] ^= 0x10;
    for (pass = 0; pass < 2 && why == NULL; pass++) {
        int rc;
        memcpy(buf, pt, len);
        if (pass == 0) {
            rc = tern_chacha20_poly1305_seal(key, nonce, aad, aad_len, buf, len, t);
        } else {
            rc = cls->init(&actx.vtable, key);
            if (rc == TERN_OK) {
                rc = actx.vtable->seal(&actx.vtable, nonce, aad, aad_len, buf, len, t);
            }
        }
        if (rc != TERN_OK || memcmp(buf, ct, len) != 0 || memcmp(t, tag, 16) != 0) {
            why = pass == 0 ? "seal" : "class seal";
            break;
        }
        rc = pass == 0 ? tern_chacha20_poly1305_open(key, nonce, aad, aad_len, buf, len, tag)
                       : actx.vtable->open(&actx.vtable, nonce, aad, aad_len, buf, len, tag);
        if (rc != TERN_OK || memcmp(buf, pt, len) != 0) {
            why = pass == 0 ? "open" : "class open";
            break;
        }
        memcpy(buf, ct, len);
        rc = pass == 0 ? tern_chacha20_poly1305_open(key, nonce, aad, aad_len, buf, len, bad_tag)
                       : actx.vtable->open(&actx.vtable, nonce, aad, aad_len, buf, len, bad_tag);
        if (rc != TERN_ERR_BAD_MAC || !all_zero(buf, len)) {
            why = pass == 0 ? "open accepted a bad tag" : "class open accepted a bad tag";
        }
    }
    tern_wipe(&actx, sizeof(actx));
    free(buf);
    return why;
}

/* Opening must fail with TERN_ERR_BAD_MAC and zero the buffer. */
static int rejects(const uint8_t *key, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                   const uint8_t *ct, size_t len, const uint8_t *tag)
{
    uint8_t *buf = (uint8_t *)malloc(len + 1);
    int ok;

    if (buf == NULL) {
        return 0;
    }
    memcpy(buf, ct, len);
    ok = tern_chacha20_poly1305_open(key, nonce, aad, aad_len, buf, len, tag) ==
             TERN_ERR_BAD_MAC &&
         all_zero(buf, len);
    free(buf);
    return ok;
}

/* RFC 8439 2.8.2. The nonce is the 32-bit fixed part || IV; the tag is
 * printed with colons and transcribed here. */
static void test_rfc_example(void)
{
    static const uint8_t tag[16] = {0x1a, 0xe1, 0x0b, 0x59, 0x4f, 0x09, 0xe2, 0x6a,
                                    0x7e, 0x90, 0x2e, 0xcb, 0xd0, 0x60, 0x06, 0x91};
    char *rfc = rfc_load("rfc8439.txt");
    uint8_t *pt = NULL, *aad = NULL, *key = NULL, *iv = NULL, *fixed = NULL, *ct = NULL;
    size_t pt_len = 0, aad_len = 0, key_len = 0, iv_len = 0, fixed_len = 0, ct_len = 0;
    uint8_t nonce[12];
    const char *why;

    EXPECT_TRUE(rfc != NULL);
    if (rfc == NULL) {
        return;
    }
    pt = rfc_dump(rfc, "2.8.2.", "Plaintext:", &pt_len);
    aad = rfc_dump(rfc, "2.8.2.", "AAD:", &aad_len);
    key = rfc_dump(rfc, "2.8.2.", "Key:", &key_len);
    iv = rfc_dump(rfc, "2.8.2.", "IV:", &iv_len);
    fixed = rfc_dump(rfc, "2.8.2.", "32-bit fixed-common part:", &fixed_len);
    ct = rfc_dump(rfc, "2.8.2.", "Ciphertext:", &ct_len);
    if (pt == NULL || aad == NULL || key == NULL || iv == NULL || fixed == NULL || ct == NULL ||
        pt_len != 114 || ct_len != 114 || aad_len != 12 || key_len != 32 || iv_len != 8 ||
        fixed_len != 4) {
        TEST_FAIL("RFC 8439 2.8.2 dumps missing or of unexpected length");
    } else {
        memcpy(nonce, fixed, 4);
        memcpy(nonce + 4, iv, 8);
        why = check_aead(key, nonce, aad, aad_len, pt, ct, pt_len, tag);
        EXPECT_TRUE(why == NULL);
        if (why != NULL) {
            TEST_FAIL(why);
        }
    }
    free(pt);
    free(aad);
    free(key);
    free(iv);
    free(fixed);
    free(ct);
    free(rfc);
}

/* Wycheproof. Decisions: the API takes 12-byte nonces only (the class
 * says nonce_len 12), so the InvalidNonceSize groups cannot be expressed
 * and count as rejected when the class's nonce length differs from the
 * group's; every other invalid case must fail to open. There are no
 * "acceptable" cases in this file; one would fail the test. */
static void test_wycheproof(void)
{
    const char *file = "wycheproof/chacha20_poly1305_test.json";
    cJSON *root = tv_json_load(file);
    const cJSON *groups, *g;
    tv_counts c;

    tv_counts_init(&c, file);
    EXPECT_TRUE(root != NULL);
    if (root == NULL) {
        return;
    }
    groups = cJSON_GetObjectItemCaseSensitive(root, "testGroups");
    cJSON_ArrayForEach(g, groups)
    {
        long iv_bits = tv_json_int(g, "ivSize", -1);
        long key_bits = tv_json_int(g, "keySize", -1);
        long tag_bits = tv_json_int(g, "tagSize", -1);
        const cJSON *tests = cJSON_GetObjectItemCaseSensitive(g, "tests");
        const cJSON *t;

        cJSON_ArrayForEach(t, tests)
        {
            uint8_t *key = NULL, *iv = NULL, *aad = NULL, *msg = NULL, *ct = NULL, *tag = NULL;
            size_t key_len, iv_len, aad_len, msg_len, ct_len, tag_len;
            const char *result = tv_json_str(t, "result");
            char id[32];
            int valid = result != NULL && strcmp(result, "valid") == 0;
            int invalid = result != NULL && strcmp(result, "invalid") == 0;

            snprintf(id, sizeof(id), "tcId %ld", tv_json_int(t, "tcId", -1));
            if (!valid && !invalid) {
                tv_fail(&c, id, "unexpected result kind (no decision written for it)");
                continue;
            }
            if (tv_json_hex(t, "key", &key, &key_len) != 0 ||
                tv_json_hex(t, "iv", &iv, &iv_len) != 0 ||
                tv_json_hex(t, "aad", &aad, &aad_len) != 0 ||
                tv_json_hex(t, "msg", &msg, &msg_len) != 0 ||
                tv_json_hex(t, "ct", &ct, &ct_len) != 0 ||
                tv_json_hex(t, "tag", &tag, &tag_len) != 0) {
                tv_fail(&c, id, "bad hex");
            } else if (iv_bits != 8L * tern_aead_chacha20_poly1305.nonce_len) {
                /* cannot be passed to the API: rejected by construction */
                tv_check(&c, invalid && (size_t)iv_bits == 8 * iv_len, id,
                         "valid case with a nonce size the API cannot take");
            } else if (key_bits != 256 || tag_bits != 128 || key_len != 32 || tag_len != 16 ||
                       ct_len != msg_len || iv_len != 12) {
                tv_fail(&c, id, "unexpected sizes");
            } else if (valid) {
                const char *why = check_aead(key, iv, aad, aad_len, msg, ct, msg_len, tag);
                tv_check(&c, why == NULL, id, why);
            } else {
                tv_check(&c, rejects(key, iv, aad, aad_len, ct, ct_len, tag), id,
                         "invalid case opened");
            }
            free(key);
            free(iv);
            free(aad);
            free(msg);
            free(ct);
            free(tag);
        }
    }
    cJSON_Delete(root);
    EXPECT_TRUE(tv_counts_print(&c) == 0);
    EXPECT_EQ(c.passed, 325);
}

/* Botan: Key, Nonce, AD, In, Out = ct || tag. Only the 12-byte nonces
 * are RFC 8439. Each valid case is also tampered with: one bit of the
 * ciphertext, of the AD, of the nonce. */
static void test_botan(void)
{
    const char *file = "botan/aead/chacha20poly1305.vec";
    tv_kv kv;
    tv_fields f = {0};
    tv_counts c;
    tv_kv_event ev;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open aead/chacha20poly1305.vec");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        const char *nonce_hex, *key_hex, *ad_hex, *in_hex;
        uint8_t key[32], nonce[12];
        uint8_t *ad = NULL, *in = NULL, *out = NULL;
        size_t ad_len = 0, in_len = 0, out_len = 0;
        char id[32];

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
        snprintf(id, sizeof(id), "line %d", kv.line);
        nonce_hex = tv_fields_get(&f, "Nonce");
        key_hex = tv_fields_get(&f, "Key");
        ad_hex = tv_fields_get(&f, "AD");
        in_hex = tv_fields_get(&f, "In");
        if (nonce_hex != NULL && strlen(nonce_hex) == 16) {
            tv_skip(&c, "8-byte nonce: the pre-RFC 8439 construction (draft-agl)");
            continue;
        }
        if (nonce_hex != NULL && strlen(nonce_hex) == 48) {
            tv_skip(&c, "24-byte nonce: XChaCha20-Poly1305, not RFC 8439");
            continue;
        }
        if (key_hex == NULL || nonce_hex == NULL || in_hex == NULL ||
            tv_hex_fixed(key_hex, key, 32) != 0 || tv_hex_fixed(nonce_hex, nonce, 12) != 0 ||
            tv_hex(ad_hex != NULL ? ad_hex : "", &ad, &ad_len) != 0 ||
            tv_hex(in_hex, &in, &in_len) != 0 || tv_hex(kv.value, &out, &out_len) != 0 ||
            out_len != in_len + 16) {
            tv_fail(&c, id, "bad or missing fields");
        } else {
            const char *why = check_aead(key, nonce, ad, ad_len, in, out, in_len, out + in_len);
            if (why == NULL && in_len > 0) {
                out[in_len / 2] ^= 0x01;
                why = rejects(key, nonce, ad, ad_len, out, in_len, out + in_len)
                          ? NULL
                          : "opened a tampered ciphertext";
                out[in_len / 2] ^= 0x01;
            }
            if (why == NULL && ad_len > 0) {
                ad[0] ^= 0x80;
                why = rejects(key, nonce, ad, ad_len, out, in_len, out + in_len)
                          ? NULL
                          : "opened with tampered AD";
                ad[0] ^= 0x80;
            }
            if (why == NULL) {
                nonce[11] ^= 0x01;
                why = rejects(key, nonce, ad, ad_len, out, in_len, out + in_len)
                          ? NULL
                          : "opened with another nonce";
            }
            tv_check(&c, why == NULL, id, why);
        }
        free(ad);
        free(in);
        free(out);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    EXPECT_TRUE(tv_counts_print(&c) == 0);
    EXPECT_EQ(c.passed, 140);
}

static void fill(uint8_t *p, size_t n, uint32_t seed)
{
    uint32_t x = seed * 2654435761u + 1u;
    size_t i;
    for (i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (uint8_t)(x >> 24);
    }
}

/* Class parameters and round trips over many lengths through a
 * tern_aead_ctx, with every single-byte tamper of a short record. */
static void test_class(void)
{
    const tern_aead_class *cls = &tern_aead_chacha20_poly1305;
    static uint8_t pt[1300], buf[1300];
    uint8_t key[32], nonce[12], aad[13], tag[16];
    tern_aead_ctx ctx;
    size_t len, i;
    int fails = 0;

    EXPECT_STR_EQ(cls->name, "ChaCha20-Poly1305");
    EXPECT_EQ(cls->key_len, 32);
    EXPECT_EQ(cls->nonce_len, 12);
    EXPECT_EQ(cls->tag_len, 16);
    EXPECT_TRUE((cls->flags & TERN_AEAD_CONSTANT_TIME) != 0);
    EXPECT_TRUE(cls->ctx_size >= sizeof(tern_chacha20_poly1305_ctx));
    EXPECT_TRUE(cls->ctx_size <= TERN_AEAD_CTX_MAX);

    fill(key, sizeof(key), 1);
    fill(nonce, sizeof(nonce), 2);
    fill(aad, sizeof(aad), 3);
    fill(pt, sizeof(pt), 4);
    EXPECT_OK(cls->init(&ctx.vtable, key));
    EXPECT_TRUE(ctx.vtable == cls);
    for (len = 0; len <= sizeof(pt); len += (len < 600 ? 1 : 37)) {
        memcpy(buf, pt, len);
        if (ctx.vtable->seal(&ctx.vtable, nonce, aad, sizeof(aad), buf, len, tag) != TERN_OK ||
            (len > 0 && memcmp(buf, pt, len) == 0) ||
            ctx.vtable->open(&ctx.vtable, nonce, aad, sizeof(aad), buf, len, tag) != TERN_OK ||
            memcmp(buf, pt, len) != 0) {
            fails++;
        }
    }
    EXPECT_EQ(fails, 0);

    /* a 40-byte record: flip each bit of ciphertext, tag, AD and nonce */
    len = 40;
    memcpy(buf, pt, len);
    EXPECT_OK(ctx.vtable->seal(&ctx.vtable, nonce, aad, sizeof(aad), buf, len, tag));
    for (i = 0; i < 8 * (len + 16 + sizeof(aad) + sizeof(nonce)); i++) {
        uint8_t ct[40], t2[16], a2[13], n2[12];
        uint8_t *p;
        size_t at = i / 8;
        memcpy(ct, buf, len);
        memcpy(t2, tag, 16);
        memcpy(a2, aad, sizeof(aad));
        memcpy(n2, nonce, sizeof(nonce));
        if (at < len) {
            p = ct + at;
        } else if (at < len + 16) {
            p = t2 + (at - len);
        } else if (at < len + 16 + sizeof(aad)) {
            p = a2 + (at - len - 16);
        } else {
            p = n2 + (at - len - 16 - sizeof(aad));
        }
        *p ^= (uint8_t)(1u << (i % 8));
        if (ctx.vtable->open(&ctx.vtable, n2, a2, sizeof(a2), ct, len, t2) != TERN_ERR_BAD_MAC ||
            !all_zero(ct, len)) {
            fails++;
        }
    }
    EXPECT_EQ(fails, 0);
    /* a shorter AD or ciphertext is another message */
    memcpy(pt, buf, len);
    EXPECT_ERR(TERN_ERR_BAD_MAC,
               ctx.vtable->open(&ctx.vtable, nonce, aad, sizeof(aad) - 1, pt, len, tag));
    memcpy(pt, buf, len);
    EXPECT_ERR(TERN_ERR_BAD_MAC,
               ctx.vtable->open(&ctx.vtable, nonce, aad, sizeof(aad), pt, len - 1, tag));
    tern_wipe(&ctx, sizeof(ctx));
}

/* Empty message and AD; NULL pointers with zero lengths. */
static void test_empty(void)
{
    uint8_t key[32], nonce[12], tag[16], tag2[16];

    fill(key, sizeof(key), 5);
    fill(nonce, sizeof(nonce), 6);
    EXPECT_OK(tern_chacha20_poly1305_seal(key, nonce, NULL, 0, NULL, 0, tag));
    EXPECT_OK(tern_chacha20_poly1305_open(key, nonce, NULL, 0, NULL, 0, tag));
    memcpy(tag2, tag, 16);
    tag2[15] ^= 0x80;
    EXPECT_ERR(TERN_ERR_BAD_MAC, tern_chacha20_poly1305_open(key, nonce, NULL, 0, NULL, 0, tag2));
}

/* The length limit of RFC 8439 2.8 is checked before buf is touched, and
 * NULL pointers are usage errors. */
static void test_limits_and_args(void)
{
    uint8_t key[32] = {0}, nonce[12] = {0}, buf[16] = {0}, tag[16] = {0};

#if SIZE_MAX > 0xffffffffu
    {
        size_t too_long = (size_t)TERN_CHACHA20_POLY1305_MAX_LEN + 1;
        EXPECT_ERR(TERN_ERR_BAD_LENGTH,
                   tern_chacha20_poly1305_seal(key, nonce, NULL, 0, buf, too_long, tag));
        EXPECT_ERR(TERN_ERR_BAD_LENGTH,
                   tern_chacha20_poly1305_open(key, nonce, NULL, 0, buf, too_long, tag));
        EXPECT_TRUE(all_zero(buf, sizeof(buf)) && all_zero(tag, sizeof(tag)));
    }
#endif
#if TERN_CONFIG_USAGE_CHECKS
    EXPECT_ERR(TERN_ERR_USAGE, tern_chacha20_poly1305_seal(NULL, nonce, NULL, 0, buf, 16, tag));
    EXPECT_ERR(TERN_ERR_USAGE, tern_chacha20_poly1305_seal(key, NULL, NULL, 0, buf, 16, tag));
    EXPECT_ERR(TERN_ERR_USAGE, tern_chacha20_poly1305_seal(key, nonce, NULL, 3, buf, 16, tag));
    EXPECT_ERR(TERN_ERR_USAGE, tern_chacha20_poly1305_seal(key, nonce, NULL, 0, NULL, 16, tag));
    EXPECT_ERR(TERN_ERR_USAGE, tern_chacha20_poly1305_seal(key, nonce, NULL, 0, buf, 16, NULL));
    EXPECT_ERR(TERN_ERR_USAGE, tern_chacha20_poly1305_open(key, nonce, NULL, 0, NULL, 16, tag));
    EXPECT_ERR(TERN_ERR_USAGE, tern_chacha20_poly1305_open(key, nonce, NULL, 0, buf, 16, NULL));
    EXPECT_ERR(TERN_ERR_USAGE, tern_aead_chacha20_poly1305.init(NULL, key));
#endif
}

int main(void)
{
    RUN_TEST(test_rfc_example);
    RUN_TEST(test_wycheproof);
    RUN_TEST(test_botan);
    RUN_TEST(test_class);
    RUN_TEST(test_empty);
    RUN_TEST(test_limits_and_args);
    return TEST_REPORT();
}

#else
int main(void)
{
    printf("skipped: TERN_CONFIG_CHACHA20 is off\n");
    return 77;
}
#endif /* TERN_CONFIG_CHACHA20 */
