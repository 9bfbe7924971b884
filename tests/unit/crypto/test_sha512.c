/*
 * SHA-384 and SHA-512: NIST SHAVS (ShortMsg, LongMsg, Monte for both),
 * Botan sha2_64.vec, incremental use, the direct API and the class
 * description.
 */
#include "hash_tv.h"

static void test_shavs_short(void)
{
    htv_run_shavs("nist/shavs/SHA384ShortMsg.rsp", &tern_sha384_class);
    htv_run_shavs("nist/shavs/SHA512ShortMsg.rsp", &tern_sha512_class);
}

static void test_shavs_long(void)
{
    htv_run_shavs("nist/shavs/SHA384LongMsg.rsp", &tern_sha384_class);
    htv_run_shavs("nist/shavs/SHA512LongMsg.rsp", &tern_sha512_class);
}

static void test_shavs_monte(void)
{
    htv_run_monte("nist/shavs/SHA384Monte.rsp", &tern_sha384_class);
    htv_run_monte("nist/shavs/SHA512Monte.rsp", &tern_sha512_class);
}

static void test_botan(void)
{
    static const char *const names[] = {"SHA-384", "SHA-512"};
    static const tern_hash_class *const classes[] = {&tern_sha384_class, &tern_sha512_class};
    htv_run_botan("botan/hash/sha2_64.vec", names, classes, 2,
                  "SHA-512/256 not implemented (no TLS use)");
}

static void test_incremental(void)
{
    htv_check_incremental(&tern_sha512_class);
    htv_check_incremental(&tern_sha384_class);
}

static void test_direct_api(void)
{
    static const uint8_t abc[3] = {'a', 'b', 'c'};
    uint8_t d1[64], d2[64], d3[48], d4[48];
    tern_sha512_ctx c, copy, c384;

    tern_sha512_init(&c);
    EXPECT_TRUE(c.vtable == &tern_sha512_class);
    tern_sha512_update(&c, abc, 2);
    copy = c;
    tern_sha512_update(&c, abc + 2, 1);
    tern_sha512_out(&c, d1);
    tern_hash(&tern_sha512_class, abc, 3, d2);
    EXPECT_MEM_EQ(d1, d2, 64);
    tern_sha512_update(&copy, abc + 2, 1);
    tern_sha512_out(&copy, d2);
    EXPECT_MEM_EQ(d1, d2, 64);

    tern_sha384_init(&c384);
    EXPECT_TRUE(c384.vtable == &tern_sha384_class);
    tern_sha512_update(&c384, abc, 3);
    tern_sha384_out(&c384, d3);
    tern_hash(&tern_sha384_class, abc, 3, d4);
    EXPECT_MEM_EQ(d3, d4, 48);
    EXPECT_TRUE(memcmp(d3, d1, 48) != 0);
}

static void test_class(void)
{
    EXPECT_EQ(tern_sha512_class.id, TERN_HASH_SHA512);
    EXPECT_EQ(tern_sha512_class.digest_len, 64);
    EXPECT_EQ(tern_sha512_class.block_len, 128);
    EXPECT_EQ(tern_sha512_class.ctx_size, sizeof(tern_sha512_ctx));
    EXPECT_STR_EQ(tern_sha512_class.name, "SHA-512");
    EXPECT_EQ(tern_sha384_class.id, TERN_HASH_SHA384);
    EXPECT_EQ(tern_sha384_class.digest_len, 48);
    EXPECT_EQ(tern_sha384_class.block_len, 128);
    EXPECT_EQ(tern_sha384_class.ctx_size, sizeof(tern_sha512_ctx));
    EXPECT_STR_EQ(tern_sha384_class.name, "SHA-384");
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
