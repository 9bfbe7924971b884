/*
 * Endian loads and stores round-trip and hit the right bytes.
 */
#include <stdint.h>

#include "common/endian_internal.h"
#include "tern_test.h"

static void test_big_endian(void)
{
    uint8_t b[8];
    memset(b, 0, sizeof(b));
    tern_store_be16(b, 0xa1b2);
    EXPECT_MEM_EQ(b, "\xa1\xb2", 2);
    EXPECT_EQ(tern_load_be16(b), 0xa1b2);
    tern_store_be24(b, 0xa1b2c3);
    EXPECT_MEM_EQ(b, "\xa1\xb2\xc3", 3);
    EXPECT_EQ_U(tern_load_be24(b), 0xa1b2c3);
    tern_store_be32(b, 0xa1b2c3d4u);
    EXPECT_MEM_EQ(b, "\xa1\xb2\xc3\xd4", 4);
    EXPECT_EQ_U(tern_load_be32(b), 0xa1b2c3d4u);
    tern_store_be48(b, 0xa1b2c3d4e5f6ull);
    EXPECT_MEM_EQ(b, "\xa1\xb2\xc3\xd4\xe5\xf6", 6);
    EXPECT_EQ_U(tern_load_be48(b), 0xa1b2c3d4e5f6ull);
    tern_store_be64(b, 0xa1b2c3d4e5f60718ull);
    EXPECT_MEM_EQ(b, "\xa1\xb2\xc3\xd4\xe5\xf6\x07\x18", 8);
    EXPECT_EQ_U(tern_load_be64(b), 0xa1b2c3d4e5f60718ull);
}

static void test_little_endian(void)
{
    uint8_t b[8];
    tern_store_le32(b, 0xa1b2c3d4u);
    EXPECT_MEM_EQ(b, "\xd4\xc3\xb2\xa1", 4);
    EXPECT_EQ_U(tern_load_le32(b), 0xa1b2c3d4u);
    tern_store_le64(b, 0x0102030405060708ull);
    EXPECT_MEM_EQ(b, "\x08\x07\x06\x05\x04\x03\x02\x01", 8);
    EXPECT_EQ_U(tern_load_le64(b), 0x0102030405060708ull);
}

static void test_unaligned(void)
{
    uint8_t b[16];
    size_t off;
    for (off = 0; off < 8; off++) {
        tern_store_be64(b + off, 0x1122334455667788ull);
        EXPECT_EQ_U(tern_load_be64(b + off), 0x1122334455667788ull);
    }
}

int main(void)
{
    RUN_TEST(test_big_endian);
    RUN_TEST(test_little_endian);
    RUN_TEST(test_unaligned);
    return TEST_REPORT();
}
