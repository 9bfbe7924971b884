/*
 * HMAC: Wycheproof hmac_sha{1,256,384,512}_test.json (tags truncated to
 * the group's tagSize; invalid = modified tag, must not compare equal),
 * Botan mac/hmac.vec (RFC 2202 / RFC 4231 and more), the keyed-context
 * reuse pattern, non-destructive out and the MAC classes.
 */
#include <stdlib.h>
#include <string.h>

#include "common/ct_internal.h"
#include "tern/mac.h"
#include "tern/util.h"
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
        long tag_bits = tv_json_int(group, "tagSize", -1);
        const cJSON *test;
        cJSON_ArrayForEach(test, cJSON_GetObjectItemCaseSensitive(group, "tests"))
        {
            uint8_t *key = NULL, *msg = NULL, *tag = NULL;
            size_t key_len, msg_len, tag_len;
            uint8_t full[TERN_HASH_MAX_DIGEST];
            const char *result = tv_json_str(test, "result");
            char id[32];
            snprintf(id, sizeof(id), "tcId %ld", tv_json_int(test, "tcId", -1));
            if (tv_json_hex(test, "key", &key, &key_len) != 0 ||
                tv_json_hex(test, "msg", &msg, &msg_len) != 0 ||
                tv_json_hex(test, "tag", &tag, &tag_len) != 0 || result == NULL || tag_bits <= 0 ||
                tag_bits % 8 != 0 || (size_t)tag_bits / 8 > h->digest_len) {
                tv_fail(&c, id, "malformed test");
            } else {
                size_t want_len = (size_t)tag_bits / 8;
                /* A tag of another length than the group's cannot match. */
                uint32_t eq = 0;
                tern_hmac(h, key, key_len, msg, msg_len, full);
                if (tag_len == want_len) {
                    eq = tern_ct_memeq(full, tag, want_len);
                }
                if (strcmp(result, "valid") == 0) {
                    tv_check(&c, eq == 1, id, "tag mismatch on a valid case");
                } else if (strcmp(result, "invalid") == 0) {
                    tv_check(&c, eq == 0, id, "modified tag accepted");
                } else {
                    /* The HMAC files have no acceptable cases; fail if one
                     * appears so a decision gets written down. */
                    tv_fail(&c, id, "unexpected result value");
                }
            }
            free(key);
            free(msg);
            free(tag);
        }
    }
    cJSON_Delete(root);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

static void test_wycheproof(void)
{
#if TERN_CONFIG_SHA1
    run_wycheproof("wycheproof/hmac_sha1_test.json", &tern_sha1_class);
#endif
    run_wycheproof("wycheproof/hmac_sha256_test.json", &tern_sha256_class);
    run_wycheproof("wycheproof/hmac_sha384_test.json", &tern_sha384_class);
    run_wycheproof("wycheproof/hmac_sha512_test.json", &tern_sha512_class);
}

static const tern_hash_class *botan_hash(const char *section)
{
    static const struct {
        const char *name;
        int id;
    } map[] = {{"HMAC(MD5)", TERN_HASH_MD5},        {"HMAC(SHA-1)", TERN_HASH_SHA1},
               {"HMAC(SHA-224)", TERN_HASH_SHA224}, {"HMAC(SHA-256)", TERN_HASH_SHA256},
               {"HMAC(SHA-384)", TERN_HASH_SHA384}, {"HMAC(SHA-512)", TERN_HASH_SHA512}};
    size_t i;
    for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (strcmp(section, map[i].name) == 0) {
            return tern_hash_by_id(map[i].id); /* NULL if compiled out */
        }
    }
    return NULL;
}

static void test_botan(void)
{
    const char *file = "botan/mac/hmac.vec";
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
        uint8_t *key = NULL, *in = NULL;
        size_t key_len, in_len;
        uint8_t want[TERN_HASH_MAX_DIGEST], got[TERN_HASH_MAX_DIGEST];
        char id[300];
        if (ev == TV_KV_SECTION) {
            tv_fields_clear(&f);
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        if (strcmp(kv.key, "Out") != 0) {
            tv_fields_set(&f, kv.key, kv.value);
            continue;
        }
        n++;
        snprintf(id, sizeof(id), "%s #%d", kv.section, n);
        h = botan_hash(kv.section);
        if (h == NULL) {
            tv_skip(&c, "hash not implemented or compiled out (RIPEMD-160, SHA-512/256, SHA-3)");
            tv_fields_clear(&f);
            continue;
        }
        if (tv_fields_get(&f, "Key") == NULL || tv_fields_get(&f, "In") == NULL ||
            tv_hex(tv_fields_get(&f, "Key"), &key, &key_len) != 0 ||
            tv_hex(tv_fields_get(&f, "In"), &in, &in_len) != 0 ||
            tv_hex_fixed(kv.value, want, h->digest_len) != 0) {
            tv_fail(&c, id, "malformed vector");
        } else {
            tern_hmac_ctx ctx;
            int ok;
            tern_hmac(h, key, key_len, in, in_len, got);
            ok = memcmp(got, want, h->digest_len) == 0;
            /* and incrementally, split in the middle */
            tern_hmac_init(&ctx, h, key, key_len);
            tern_hmac_update(&ctx, in, in_len / 2);
            tern_hmac_update(&ctx, in + in_len / 2, in_len - in_len / 2);
            tern_hmac_out(&ctx, got);
            tern_hmac_wipe(&ctx);
            ok = ok && memcmp(got, want, h->digest_len) == 0;
            tv_check(&c, ok, id, "tag mismatch");
        }
        free(key);
        free(in);
        tv_fields_clear(&f); /* fields belong to one block */
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("vector failures");
    }
}

/* The record-layer pattern: key once, copy per message; out leaves the
 * context usable; every split point gives the same tag. */
static void test_reuse_and_incremental(void)
{
    static const tern_hash_class *const hs[] = {&tern_sha256_class, &tern_sha384_class,
                                                &tern_sha512_class, &tern_sha224_class};
    uint8_t key[200], msg[260];
    size_t i, hi, kl;

    for (i = 0; i < sizeof(key); i++) {
        key[i] = (uint8_t)(i * 37 + 1);
    }
    for (i = 0; i < sizeof(msg); i++) {
        msg[i] = (uint8_t)(i * 11 + 3);
    }
    for (hi = 0; hi < sizeof(hs) / sizeof(hs[0]); hi++) {
        const tern_hash_class *h = hs[hi];
        /* key lengths around the block size: shorter, equal, one more */
        const size_t key_lens[] = {0, 1, h->block_len - 1, h->block_len, h->block_len + 1, 200};
        for (kl = 0; kl < sizeof(key_lens) / sizeof(key_lens[0]); kl++) {
            tern_hmac_ctx keyed, c1, c2;
            uint8_t ref[64], got[64], part[64];
            size_t split;
            tern_hmac_init(&keyed, h, key, key_lens[kl]);
            EXPECT_EQ(tern_hmac_size(&keyed), h->digest_len);
            for (split = 0; split <= sizeof(msg); split += 13) {
                tern_hmac(h, key, key_lens[kl], msg, split, ref);
                c1 = keyed;
                tern_hmac_update(&c1, msg, split);
                tern_hmac_out(&c1, got);
                EXPECT_MEM_EQ(got, ref, h->digest_len);
                tern_hmac_out(&c1, got); /* read twice */
                EXPECT_MEM_EQ(got, ref, h->digest_len);
                /* continue after reading */
                tern_hmac_update(&c1, msg + split, sizeof(msg) - split);
                tern_hmac_out(&c1, part);
                tern_hmac(h, key, key_lens[kl], msg, sizeof(msg), got);
                EXPECT_MEM_EQ(part, got, h->digest_len);
                /* the keyed context was not touched */
                c2 = keyed;
                tern_hmac_update(&c2, msg, sizeof(msg));
                tern_hmac_out(&c2, part);
                EXPECT_MEM_EQ(part, got, h->digest_len);
            }
            tern_hmac_wipe(&keyed);
        }
    }
}

static void test_key_matters(void)
{
    uint8_t k1[32] = {1}, k2[32] = {2};
    uint8_t t1[32], t2[32], t3[32];
    tern_hmac(&tern_sha256_class, k1, 32, "x", 1, t1);
    tern_hmac(&tern_sha256_class, k2, 32, "x", 1, t2);
    tern_hmac(&tern_sha256_class, k1, 32, "y", 1, t3);
    EXPECT_FALSE(tern_ct_memeq(t1, t2, 32));
    EXPECT_FALSE(tern_ct_memeq(t1, t3, 32));
    /* RFC 2104: a key shorter than the block is zero-padded, so trailing
     * zero bytes do not change the tag (a known HMAC property). */
    tern_hmac(&tern_sha256_class, k1, 1, "x", 1, t2);
    EXPECT_MEM_EQ(t1, t2, 32);
    /* NULL key of length 0 */
    tern_hmac(&tern_sha256_class, NULL, 0, NULL, 0, t1);
    tern_hmac(&tern_sha256_class, k2, 0, "", 0, t2);
    EXPECT_MEM_EQ(t1, t2, 32);
}

static void test_wipe(void)
{
    tern_hmac_ctx ctx;
    const uint8_t *p = (const uint8_t *)&ctx;
    size_t i, nonzero = 0;
    tern_hmac_init(&ctx, &tern_sha512_class, (const uint8_t *)"key", 3);
    tern_hmac_wipe(&ctx);
    for (i = 0; i < sizeof(ctx); i++) {
        nonzero += p[i] != 0;
    }
    EXPECT_EQ(nonzero, 0);
}

static void check_class(const tern_mac_class *mc, const tern_hash_class *h, const char *name)
{
    tern_hmac_class_ctx ctx, keyed;
    uint8_t key[40], ref[64], got[64];
    size_t i;

    for (i = 0; i < sizeof(key); i++) {
        key[i] = (uint8_t)i;
    }
    EXPECT_STR_EQ(mc->name, name);
    EXPECT_EQ(mc->tag_len, h->digest_len);
    EXPECT_EQ(mc->ctx_size, sizeof(tern_hmac_class_ctx));
    EXPECT_OK(mc->init(&keyed.vtable, key, sizeof(key)));
    EXPECT_TRUE(keyed.vtable == mc);
    ctx = keyed;
    mc->update(&ctx.vtable, "abc", 3);
    mc->update(&ctx.vtable, "def", 3);
    mc->out(&ctx.vtable, got);
    tern_hmac(h, key, sizeof(key), "abcdef", 6, ref);
    EXPECT_MEM_EQ(got, ref, h->digest_len);
    /* copy by memcpy of ctx_size bytes */
    memcpy(&ctx, &keyed, mc->ctx_size);
    mc->update(&ctx.vtable, "abcdef", 6);
    mc->out(&ctx.vtable, got);
    EXPECT_MEM_EQ(got, ref, h->digest_len);
    tern_wipe(&ctx, sizeof(ctx));
    tern_wipe(&keyed, sizeof(keyed));
}

static void test_mac_classes(void)
{
#if TERN_CONFIG_SHA1
    check_class(&tern_hmac_sha1_class, &tern_sha1_class, "HMAC-SHA1");
#endif
    check_class(&tern_hmac_sha256_class, &tern_sha256_class, "HMAC-SHA256");
    check_class(&tern_hmac_sha384_class, &tern_sha384_class, "HMAC-SHA384");
    check_class(&tern_hmac_sha512_class, &tern_sha512_class, "HMAC-SHA512");
}

int main(void)
{
    RUN_TEST(test_wycheproof);
    RUN_TEST(test_botan);
    RUN_TEST(test_reuse_and_incremental);
    RUN_TEST(test_key_matters);
    RUN_TEST(test_wipe);
    RUN_TEST(test_mac_classes);
    return TEST_REPORT();
}
