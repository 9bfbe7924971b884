/*
 * The class-generic hash API: tern_hash_by_id, tern_hash_init,
 * tern_hash, and that every built-in context fits tern_hash_ctx.
 */
#include <string.h>

#include "tern/hash.h"
#include "tern_test.h"

static void test_by_id(void)
{
    EXPECT_TRUE(tern_hash_by_id(TERN_HASH_SHA224) == &tern_sha224_class);
    EXPECT_TRUE(tern_hash_by_id(TERN_HASH_SHA256) == &tern_sha256_class);
    EXPECT_TRUE(tern_hash_by_id(TERN_HASH_SHA384) == &tern_sha384_class);
    EXPECT_TRUE(tern_hash_by_id(TERN_HASH_SHA512) == &tern_sha512_class);
#if TERN_CONFIG_MD5
    EXPECT_TRUE(tern_hash_by_id(TERN_HASH_MD5) == &tern_md5_class);
#else
    EXPECT_TRUE(tern_hash_by_id(TERN_HASH_MD5) == NULL);
#endif
#if TERN_CONFIG_SHA1
    EXPECT_TRUE(tern_hash_by_id(TERN_HASH_SHA1) == &tern_sha1_class);
#else
    EXPECT_TRUE(tern_hash_by_id(TERN_HASH_SHA1) == NULL);
#endif
    /* none (0), intrinsic (8), unknown and negative ids */
    EXPECT_TRUE(tern_hash_by_id(0) == NULL);
    EXPECT_TRUE(tern_hash_by_id(7) == NULL);
    EXPECT_TRUE(tern_hash_by_id(8) == NULL);
    EXPECT_TRUE(tern_hash_by_id(255) == NULL);
    EXPECT_TRUE(tern_hash_by_id(-1) == NULL);
    EXPECT_TRUE(tern_hash_by_id(256 + TERN_HASH_SHA256) == NULL);
}

static void test_classes_consistent(void)
{
    int id;
    for (id = 1; id <= 6; id++) {
        const tern_hash_class *h = tern_hash_by_id(id);
        tern_hash_ctx ctx;
        uint8_t a[TERN_HASH_MAX_DIGEST], b[TERN_HASH_MAX_DIGEST];
        if (h == NULL) {
            continue;
        }
        EXPECT_EQ(h->id, id);
        EXPECT_TRUE(h->digest_len <= TERN_HASH_MAX_DIGEST);
        EXPECT_TRUE(h->block_len <= TERN_HASH_MAX_BLOCK);
        EXPECT_TRUE(h->ctx_size <= sizeof(tern_hash_ctx));
        EXPECT_TRUE(h->name != NULL);
        tern_hash_init(&ctx, h);
        EXPECT_TRUE(ctx.vtable == h);
        h->update(&ctx.vtable, "tern", 4);
        h->out(&ctx.vtable, a);
        tern_hash(h, "tern", 4, b);
        EXPECT_MEM_EQ(a, b, h->digest_len);
        /* different input, different digest */
        tern_hash(h, "tern!", 5, b);
        EXPECT_TRUE(memcmp(a, b, h->digest_len) != 0);
    }
}

int main(void)
{
    RUN_TEST(test_by_id);
    RUN_TEST(test_classes_consistent);
    return TEST_REPORT();
}
