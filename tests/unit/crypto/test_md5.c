/*
 * MD5 (legacy): the RFC 1321 A.5 test suite, incremental use and the
 * direct API. (HMAC-MD5 vectors run in test_hmac.) With TERN_CONFIG_MD5
 * off, checks that MD5 is really gone.
 */
#include "hash_tv.h"

#if TERN_CONFIG_MD5
/* RFC 1321 A.5 */
static const struct {
    const char *msg;
    const char *md;
} suite[] = {
    {"", "d41d8cd98f00b204e9800998ecf8427e"},
    {"a", "0cc175b9c0f1b6a831c399e269772661"},
    {"abc", "900150983cd24fb0d6963f7d28e17f72"},
    {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
    {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
    {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
     "d174ab98d277d9f5a5611c2c9f419d9f"},
    {"1234567890123456789012345678901234567890123456789012345678901234567890123456789"
     "0",
     "57edf4a22be3c955ac49da2e2107b67a"},
};

static void test_rfc1321_suite(void)
{
    size_t i;
    for (i = 0; i < sizeof(suite) / sizeof(suite[0]); i++) {
        uint8_t want[16];
        EXPECT_EQ(tv_hex_fixed(suite[i].md, want, 16), 0);
        EXPECT_TRUE(htv_check_msg(&tern_md5_class, (const uint8_t *)suite[i].msg,
                                  strlen(suite[i].msg), want));
    }
    EXPECT_EQ(i, 7);
}

static void test_incremental(void)
{
    htv_check_incremental(&tern_md5_class);
}

static void test_direct_api(void)
{
    uint8_t d1[16], d2[16];
    tern_md5_ctx c, copy;

    tern_md5_init(&c);
    EXPECT_TRUE(c.vtable == &tern_md5_class);
    tern_md5_update(&c, "message ", 8);
    copy = c;
    tern_md5_update(&c, "digest", 6);
    tern_md5_out(&c, d1);
    tern_md5_update(&copy, "digest", 6);
    tern_md5_out(&copy, d2);
    EXPECT_MEM_EQ(d1, d2, 16);
    EXPECT_EQ(tv_hex_fixed(suite[3].md, d2, 16), 0);
    EXPECT_MEM_EQ(d1, d2, 16);
    EXPECT_EQ(tern_md5_class.digest_len, 16);
    EXPECT_EQ(tern_md5_class.block_len, 64);
    EXPECT_EQ(tern_md5_class.ctx_size, sizeof(tern_md5_ctx));
    EXPECT_TRUE(tern_hash_by_id(TERN_HASH_MD5) == &tern_md5_class);
}
#else
static void test_compiled_out(void)
{
    EXPECT_TRUE(tern_hash_by_id(TERN_HASH_MD5) == NULL);
}
#endif

int main(void)
{
#if TERN_CONFIG_MD5
    RUN_TEST(test_rfc1321_suite);
    RUN_TEST(test_incremental);
    RUN_TEST(test_direct_api);
#else
    RUN_TEST(test_compiled_out);
#endif
    return TEST_REPORT();
}
