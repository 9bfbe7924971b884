/*
 * SHA-1 (legacy): NIST SHAVS (ShortMsg, LongMsg, Monte), Botan sha1.vec
 * (including the SHAttered colliding pair), incremental use and the direct
 * API. With TERN_CONFIG_SHA1 off, checks that SHA-1 is really gone.
 */
#include "hash_tv.h"

#if TERN_CONFIG_SHA1
static void test_shavs_short(void)
{
    htv_run_shavs("nist/shavs/SHA1ShortMsg.rsp", &tern_sha1_class);
}

static void test_shavs_long(void)
{
    htv_run_shavs("nist/shavs/SHA1LongMsg.rsp", &tern_sha1_class);
}

static void test_shavs_monte(void)
{
    htv_run_monte("nist/shavs/SHA1Monte.rsp", &tern_sha1_class);
}

static void test_botan(void)
{
    static const char *const names[] = {"SHA-1"};
    static const tern_hash_class *const classes[] = {&tern_sha1_class};
    htv_run_botan("botan/hash/sha1.vec", names, classes, 1, "not a SHA-1 section");
}

static void test_incremental(void)
{
    htv_check_incremental(&tern_sha1_class);
}

static void test_direct_api(void)
{
    static const uint8_t abc[3] = {'a', 'b', 'c'};
    uint8_t d1[20], d2[20];
    tern_sha1_ctx c, copy;

    tern_sha1_init(&c);
    EXPECT_TRUE(c.vtable == &tern_sha1_class);
    tern_sha1_update(&c, abc, 1);
    copy = c;
    tern_sha1_update(&c, abc + 1, 2);
    tern_sha1_out(&c, d1);
    tern_hash(&tern_sha1_class, abc, 3, d2);
    EXPECT_MEM_EQ(d1, d2, 20);
    tern_sha1_update(&copy, abc + 1, 2);
    tern_sha1_out(&copy, d2);
    EXPECT_MEM_EQ(d1, d2, 20);
    EXPECT_EQ(tern_sha1_class.digest_len, 20);
    EXPECT_EQ(tern_sha1_class.block_len, 64);
    EXPECT_EQ(tern_sha1_class.ctx_size, sizeof(tern_sha1_ctx));
    EXPECT_TRUE(tern_hash_by_id(TERN_HASH_SHA1) == &tern_sha1_class);
}
#else
static void test_compiled_out(void)
{
    EXPECT_TRUE(tern_hash_by_id(TERN_HASH_SHA1) == NULL);
}
#endif

int main(void)
{
#if TERN_CONFIG_SHA1
    RUN_TEST(test_shavs_short);
    RUN_TEST(test_shavs_long);
    RUN_TEST(test_shavs_monte);
    RUN_TEST(test_botan);
    RUN_TEST(test_incremental);
    RUN_TEST(test_direct_api);
#else
    RUN_TEST(test_compiled_out);
#endif
    return TEST_REPORT();
}
