/*
 * Bounded writer: exact fit, one over, SIZE_MAX, back-patched vectors,
 * and failures that write nothing.
 */
#include <stdint.h>

#include "common/rw_internal.h"
#include "tern_test.h"

static void test_integers(void)
{
    uint8_t buf[32];
    static const uint8_t expect[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                                     0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10,
                                     0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18};
    tern_writer w;

    tern_writer_init(&w, buf, sizeof(buf));
    EXPECT_OK(tern_write_u8(&w, 0x01));
    EXPECT_OK(tern_write_u16(&w, 0x0203));
    EXPECT_OK(tern_write_u24(&w, 0x040506));
    EXPECT_OK(tern_write_u32(&w, 0x0708090au));
    EXPECT_OK(tern_write_u48(&w, 0x0b0c0d0e0f10ull));
    EXPECT_OK(tern_write_u64(&w, 0x1112131415161718ull));
    EXPECT_EQ_U(tern_writer_len(&w), sizeof(expect));
    EXPECT_MEM_EQ(buf, expect, sizeof(expect));
    /* values that do not fit their width are misuse */
    EXPECT_ERR(TERN_ERR_USAGE, tern_write_u24(&w, 0x1000000u));
    EXPECT_ERR(TERN_ERR_USAGE, tern_write_u48(&w, 0x1000000000000ull));
    EXPECT_EQ_U(tern_writer_len(&w), sizeof(expect));
}

static void test_exact_fit_and_one_over(void)
{
    static const unsigned widths[] = {1, 2, 3, 4, 6, 8};
    size_t i;
    for (i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
        unsigned wdt = widths[i];
        int pass;
        for (pass = 0; pass < 2; pass++) {
            uint8_t buf[8];
            size_t cap = pass == 0 ? wdt : wdt - 1;
            tern_writer w;
            int rc;
            memset(buf, 0xee, sizeof(buf));
            tern_writer_init(&w, buf, cap);
            switch (wdt) {
            case 1: rc = tern_write_u8(&w, 0x11); break;
            case 2: rc = tern_write_u16(&w, 0x1111); break;
            case 3: rc = tern_write_u24(&w, 0x111111); break;
            case 4: rc = tern_write_u32(&w, 0x11111111u); break;
            case 6: rc = tern_write_u48(&w, 0x111111111111ull); break;
            default: rc = tern_write_u64(&w, 0x1111111111111111ull); break;
            }
            if (pass == 0) {
                EXPECT_OK(rc);
                EXPECT_EQ_U(tern_writer_left(&w), 0);
            } else {
                EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, rc);
                EXPECT_EQ_U(tern_writer_len(&w), 0);
                EXPECT_EQ(buf[0], 0xee); /* nothing written */
            }
        }
    }
}

static void test_bytes_zeros_reserve(void)
{
    uint8_t buf[8];
    uint8_t *slot = NULL;
    tern_writer w;

    memset(buf, 0xee, sizeof(buf));
    tern_writer_init(&w, buf, sizeof(buf));
    EXPECT_OK(tern_write_bytes(&w, "ab", 2));
    EXPECT_OK(tern_write_zeros(&w, 2));
    EXPECT_OK(tern_write_reserve(&w, 3, &slot));
    EXPECT_TRUE(slot == buf + 4);
    slot[0] = 'x';
    EXPECT_OK(tern_write_bytes(&w, NULL, 0));
    EXPECT_OK(tern_write_bytes(&w, "z", 1)); /* exact end */
    EXPECT_EQ_U(tern_writer_left(&w), 0);
    EXPECT_MEM_EQ(buf, "ab\0\0x", 5);
    EXPECT_EQ(buf[7], 'z');
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_write_bytes(&w, "q", 1));
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_write_zeros(&w, 1));

    tern_writer_init(&w, buf, sizeof(buf));
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_write_bytes(&w, buf, SIZE_MAX));
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_write_zeros(&w, SIZE_MAX));
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_write_reserve(&w, SIZE_MAX, &slot));
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_write_reserve(&w, 9, &slot));
    EXPECT_EQ_U(tern_writer_len(&w), 0);

    tern_writer_init(&w, NULL, 100); /* NULL buffer: capacity 0 */
    EXPECT_EQ_U(tern_writer_left(&w), 0);
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_write_u8(&w, 1));
    EXPECT_OK(tern_write_zeros(&w, 0));
}

static void test_vectors_nested(void)
{
    uint8_t buf[32];
    static const uint8_t expect[] = {0x00, 0x06, 0x03, 'a', 'b', 'c', 0x00, 0x00, 0x00};
    size_t outer, inner, empty;
    tern_writer w;

    tern_writer_init(&w, buf, sizeof(buf));
    EXPECT_OK(tern_write_vec_begin(&w, 2, &outer));
    EXPECT_OK(tern_write_vec_begin(&w, 1, &inner));
    EXPECT_OK(tern_write_bytes(&w, "abc", 3));
    EXPECT_OK(tern_write_vec_end(&w, 1, inner));
    EXPECT_OK(tern_write_u16(&w, 0));
    EXPECT_OK(tern_write_vec_end(&w, 2, outer));
    EXPECT_OK(tern_write_vec_begin(&w, 3, &empty));
    EXPECT_OK(tern_write_vec_end(&w, 3, empty));
    EXPECT_EQ_U(tern_writer_len(&w), sizeof(expect) + 2);
    EXPECT_MEM_EQ(buf, expect, 6);
    EXPECT_MEM_EQ(buf + 8, "\0\0\0", 3);
}

static void test_vector_too_long_for_prefix(void)
{
    static uint8_t buf[300];
    size_t mark;
    tern_writer w;

    tern_writer_init(&w, buf, sizeof(buf));
    EXPECT_OK(tern_write_vec_begin(&w, 1, &mark));
    EXPECT_OK(tern_write_zeros(&w, 255)); /* exactly the maximum */
    EXPECT_OK(tern_write_vec_end(&w, 1, mark));
    EXPECT_EQ(buf[0], 255);

    tern_writer_init(&w, buf, sizeof(buf));
    EXPECT_OK(tern_write_vec_begin(&w, 1, &mark));
    EXPECT_OK(tern_write_zeros(&w, 256)); /* one over */
    buf[0] = 0x77;
    EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_write_vec_end(&w, 1, mark));
    EXPECT_EQ(buf[0], 0x77); /* prefix not patched */
}

static void test_vector_begin_without_room_and_bad_marks(void)
{
    uint8_t buf[2];
    size_t mark = 99;
    tern_writer w;

    tern_writer_init(&w, buf, sizeof(buf));
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_write_vec_begin(&w, 3, &mark));
    EXPECT_EQ_U(mark, 99);
    EXPECT_EQ_U(tern_writer_len(&w), 0);
    EXPECT_ERR(TERN_ERR_USAGE, tern_write_vec_begin(&w, 0, &mark));
    EXPECT_ERR(TERN_ERR_USAGE, tern_write_vec_begin(&w, 4, &mark));
    /* a mark beyond what was written */
    EXPECT_ERR(TERN_ERR_USAGE, tern_write_vec_end(&w, 2, 5));
    EXPECT_ERR(TERN_ERR_USAGE, tern_write_vec_end(&w, 2, SIZE_MAX));
    EXPECT_OK(tern_write_u8(&w, 0));
    EXPECT_ERR(TERN_ERR_USAGE, tern_write_vec_end(&w, 2, 0)); /* prefix past end */
}

int main(void)
{
    RUN_TEST(test_integers);
    RUN_TEST(test_exact_fit_and_one_over);
    RUN_TEST(test_bytes_zeros_reserve);
    RUN_TEST(test_vectors_nested);
    RUN_TEST(test_vector_too_long_for_prefix);
    RUN_TEST(test_vector_begin_without_room_and_bad_marks);
    return TEST_REPORT();
}
