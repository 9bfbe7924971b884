/*
 * Constant-time helpers: functional results over edge values. (Timing is
 * checked separately by tests/ct/ct_common.c under valgrind.)
 */
#include <stdint.h>

#include "common/ct_internal.h"
#include "tern_test.h"

static const uint32_t edge[] = {0u,          1u,          2u,          0x7fu,
                                0x80u,       0xffu,       0x7fffffffu, 0x80000000u,
                                0x80000001u, 0xfffffffeu, 0xffffffffu, 12345678u};
#define NEDGE (sizeof(edge) / sizeof(edge[0]))

static void test_compare_all_pairs(void)
{
    size_t i, j;
    for (i = 0; i < NEDGE; i++) {
        for (j = 0; j < NEDGE; j++) {
            uint32_t x = edge[i], y = edge[j];
            EXPECT_EQ(tern_ct_eq(x, y), x == y);
            EXPECT_EQ(tern_ct_neq(x, y), x != y);
            EXPECT_EQ(tern_ct_gt(x, y), x > y);
            EXPECT_EQ(tern_ct_ge(x, y), x >= y);
            EXPECT_EQ(tern_ct_lt(x, y), x < y);
            EXPECT_EQ(tern_ct_le(x, y), x <= y);
        }
        EXPECT_EQ(tern_ct_is_zero(edge[i]), edge[i] == 0);
    }
}

static void test_mux_not(void)
{
    EXPECT_EQ_U(tern_ct_mux(1, 0xdeadbeefu, 0x12345678u), 0xdeadbeefu);
    EXPECT_EQ_U(tern_ct_mux(0, 0xdeadbeefu, 0x12345678u), 0x12345678u);
    EXPECT_EQ_U(tern_ct_mux(1, 0, 0xffffffffu), 0);
    EXPECT_EQ_U(tern_ct_mux(0, 0, 0xffffffffu), 0xffffffffu);
    EXPECT_EQ(tern_ct_not(0), 1);
    EXPECT_EQ(tern_ct_not(1), 0);
}

static void test_memeq(void)
{
    uint8_t a[64], b[64];
    size_t i;
    for (i = 0; i < sizeof(a); i++) {
        a[i] = b[i] = (uint8_t)(i * 7);
    }
    EXPECT_EQ(tern_ct_memeq(a, b, sizeof(a)), 1);
    EXPECT_EQ(tern_ct_memeq(a, b, 0), 1);
    EXPECT_EQ(tern_ct_memeq(NULL, NULL, 0), 1);
    /* a difference at every position, including first and last, and in a
     * single bit */
    for (i = 0; i < sizeof(a); i++) {
        b[i] ^= 0x80;
        EXPECT_EQ(tern_ct_memeq(a, b, sizeof(a)), 0);
        b[i] ^= 0x81;
        EXPECT_EQ(tern_ct_memeq(a, b, sizeof(a)), 0);
        b[i] ^= 0x01;
    }
    /* a difference beyond len is not seen */
    b[10] ^= 1;
    EXPECT_EQ(tern_ct_memeq(a, b, 10), 1);
}

static int ref_cmp(const uint8_t *a, const uint8_t *b, size_t n)
{
    int r = memcmp(a, b, n);
    return (r > 0) - (r < 0);
}

static void test_memcmp(void)
{
    uint8_t a[4] = {1, 2, 3, 4};
    uint8_t b[4] = {1, 2, 3, 4};
    size_t i;
    EXPECT_EQ(tern_ct_memcmp(a, b, 4), 0);
    EXPECT_EQ(tern_ct_memcmp(a, b, 0), 0);
    /* most significant difference wins */
    b[0] = 0;
    b[3] = 0xff;
    EXPECT_EQ(tern_ct_memcmp(a, b, 4), 1);
    EXPECT_EQ(tern_ct_memcmp(b, a, 4), -1);
    /* exhaustive over two-byte strings from a small alphabet */
    {
        static const uint8_t vals[] = {0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff};
        size_t x0, x1, y0, y1;
        for (x0 = 0; x0 < 6; x0++) {
            for (x1 = 0; x1 < 6; x1++) {
                for (y0 = 0; y0 < 6; y0++) {
                    for (y1 = 0; y1 < 6; y1++) {
                        uint8_t x[2] = {vals[x0], vals[x1]};
                        uint8_t y[2] = {vals[y0], vals[y1]};
                        EXPECT_EQ(tern_ct_memcmp(x, y, 2), ref_cmp(x, y, 2));
                    }
                }
            }
        }
    }
    for (i = 0; i < 4; i++) {
        a[i] = b[i] = 0xff;
    }
    EXPECT_EQ(tern_ct_memcmp(a, b, 4), 0);
}

static void test_copy_select(void)
{
    uint8_t dst[5] = {1, 2, 3, 4, 5};
    const uint8_t src[5] = {9, 8, 7, 6, 5};
    const uint8_t orig[5] = {1, 2, 3, 4, 5};
    uint8_t out[5];

    tern_ct_copy(0, dst, src, sizeof(dst));
    EXPECT_MEM_EQ(dst, orig, 5);
    tern_ct_copy(1, dst, src, sizeof(dst));
    EXPECT_MEM_EQ(dst, src, 5);
    tern_ct_copy(1, dst, dst, sizeof(dst)); /* dst == src allowed */
    EXPECT_MEM_EQ(dst, src, 5);
    tern_ct_copy(1, dst, src, 0);

    tern_ct_select(1, out, src, orig, 5);
    EXPECT_MEM_EQ(out, src, 5);
    tern_ct_select(0, out, src, orig, 5);
    EXPECT_MEM_EQ(out, orig, 5);
}

int main(void)
{
    RUN_TEST(test_compare_all_pairs);
    RUN_TEST(test_mux_not);
    RUN_TEST(test_memeq);
    RUN_TEST(test_memcmp);
    RUN_TEST(test_copy_select);
    return TEST_REPORT();
}
