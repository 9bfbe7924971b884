/*
 * SHA-224 and SHA-256: NIST SHAVS (SHA-256 ShortMsg, LongMsg, Monte),
 * Botan sha2_32.vec (SHA-224 and SHA-256), incremental use, the direct
 * API and the class description.
 */
#include "hash_tv.h"

static void test_shavs_short(void)
{
    htv_run_shavs("nist/shavs/SHA256ShortMsg.rsp", &tern_sha256_class);
}

static void test_shavs_long(void)
{
    htv_run_shavs("nist/shavs/SHA256LongMsg.rsp", &tern_sha256_class);
}

static void test_shavs_monte(void)
{
    htv_run_monte("nist/shavs/SHA256Monte.rsp", &tern_sha256_class);
}

static void test_botan(void)
{
    static const char *const names[] = {"SHA-224", "SHA-256"};
    static const tern_hash_class *const classes[] = {&tern_sha224_class, &tern_sha256_class};
    htv_run_botan("botan/hash/sha2_32.vec", names, classes, 2, "not a SHA-224/256 section");
}

static void test_incremental(void)
{
    htv_check_incremental(&tern_sha256_class);
    htv_check_incremental(&tern_sha224_class);
}

/* The direct calls agree with the class, and struct assignment copies. */
static void test_direct_api(void)
{
    static const uint8_t abc[3] = {'a', 'b', 'c'};
    uint8_t d1[32], d2[32], d3[28], d4[28];
    tern_sha256_ctx c, copy;
    tern_sha256_ctx c224;

    tern_sha256_init(&c);
    EXPECT_TRUE(c.vtable == &tern_sha256_class);
    tern_sha256_update(&c, abc, 1);
    copy = c;
    tern_sha256_update(&c, abc + 1, 2);
    tern_sha256_out(&c, d1);
    tern_hash(&tern_sha256_class, abc, 3, d2);
    EXPECT_MEM_EQ(d1, d2, 32);
    tern_sha256_update(&copy, abc + 1, 2);
    tern_sha256_out(&copy, d2);
    EXPECT_MEM_EQ(d1, d2, 32);
    tern_sha256_update(&copy, NULL, 0); /* empty update changes nothing */
    tern_sha256_out(&copy, d2);
    EXPECT_MEM_EQ(d1, d2, 32);

    tern_sha224_init(&c224);
    EXPECT_TRUE(c224.vtable == &tern_sha224_class);
    tern_sha256_update(&c224, abc, 3);
    tern_sha224_out(&c224, d3);
    tern_hash(&tern_sha224_class, abc, 3, d4);
    EXPECT_MEM_EQ(d3, d4, 28);
    /* SHA-224 is not a truncated SHA-256 (different IV) */
    EXPECT_TRUE(memcmp(d3, d1, 28) != 0);
}

static void test_class(void)
{
    EXPECT_EQ(tern_sha256_class.id, TERN_HASH_SHA256);
    EXPECT_EQ(tern_sha256_class.digest_len, 32);
    EXPECT_EQ(tern_sha256_class.block_len, 64);
    EXPECT_EQ(tern_sha256_class.ctx_size, sizeof(tern_sha256_ctx));
    EXPECT_STR_EQ(tern_sha256_class.name, "SHA-256");
    EXPECT_EQ(tern_sha224_class.id, TERN_HASH_SHA224);
    EXPECT_EQ(tern_sha224_class.digest_len, 28);
    EXPECT_EQ(tern_sha224_class.block_len, 64);
    EXPECT_EQ(tern_sha224_class.ctx_size, sizeof(tern_sha256_ctx));
    EXPECT_STR_EQ(tern_sha224_class.name, "SHA-224");
}

int main(void)
{
    RUN_TEST(test_shavs_short);
    RUN_TEST(test_shavs_long);
    RUN_TEST(test_shavs_monte);
    RUN_TEST(test_botan);
    RUN_TEST(test_incremental);
    RUN_TEST(test_direct_api);
    RUN_TEST(test_class);
    return TEST_REPORT();
}
