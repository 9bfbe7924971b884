/*
 * Bounded reader: every accessor at length 0, exact end, one past the end,
 * and SIZE_MAX-sized requests; failures consume nothing.
 */
#include <stdint.h>

#include "common/rw_internal.h"
#include "tern_test.h"

static const uint8_t data[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09};

/* Asserts the reader still sits at offset `at` of data. */
#define EXPECT_AT(r, at)                                                       \
    do {                                                                       \
        EXPECT_TRUE((r).p == data + (at));                                     \
        EXPECT_EQ_U((r).left, sizeof(data) - (at));                            \
    } while (0)

static void test_integers_big_endian(void)
{
    tern_reader r;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;

    tern_reader_init(&r, data, sizeof(data));
    EXPECT_OK(tern_read_u8(&r, &u8));
    EXPECT_EQ(u8, 0x01);
    EXPECT_OK(tern_read_u16(&r, &u16));
    EXPECT_EQ(u16, 0x0203);
    EXPECT_OK(tern_read_u24(&r, &u32));
    EXPECT_EQ(u32, 0x040506);
    EXPECT_AT(r, 6);

    tern_reader_init(&r, data, sizeof(data));
    EXPECT_OK(tern_read_u32(&r, &u32));
    EXPECT_EQ_U(u32, 0x01020304u);
    tern_reader_init(&r, data, sizeof(data));
    EXPECT_OK(tern_read_u48(&r, &u64));
    EXPECT_EQ_U(u64, 0x010203040506ull);
    tern_reader_init(&r, data, sizeof(data));
    EXPECT_OK(tern_read_u64(&r, &u64));
    EXPECT_EQ_U(u64, 0x0102030405060708ull);
    EXPECT_AT(r, 8);
}

/* For each integer width w: a buffer of exactly w bytes succeeds and ends
 * the reader; w - 1 bytes fails without consuming. */
static void test_integers_exact_and_one_short(void)
{
    static const unsigned widths[] = {1, 2, 3, 4, 6, 8};
    size_t i;
    for (i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
        unsigned w = widths[i];
        tern_reader r;
        uint8_t u8;
        uint16_t u16;
        uint32_t u32;
        uint64_t u64;
        int pass;
        for (pass = 0; pass < 2; pass++) {
            size_t len = pass == 0 ? w : w - 1;
            int rc;
            tern_reader_init(&r, data, len);
            switch (w) {
            case 1: rc = tern_read_u8(&r, &u8); break;
            case 2: rc = tern_read_u16(&r, &u16); break;
            case 3: rc = tern_read_u24(&r, &u32); break;
            case 4: rc = tern_read_u32(&r, &u32); break;
            case 6: rc = tern_read_u48(&r, &u64); break;
            default: rc = tern_read_u64(&r, &u64); break;
            }
            if (pass == 0) {
                EXPECT_OK(rc);
                EXPECT_EQ_U(tern_reader_left(&r), 0);
                EXPECT_OK(tern_reader_expect_end(&r));
            } else {
                EXPECT_ERR(TERN_ERR_DECODE, rc);
                EXPECT_EQ_U(tern_reader_left(&r), len);
                EXPECT_TRUE(r.p == data);
            }
        }
    }
}

static void test_empty_and_null(void)
{
    tern_reader r;
    uint8_t u8 = 0xaa;
    const uint8_t *q = NULL;

    tern_reader_init(&r, NULL, 0);
    EXPECT_EQ_U(tern_reader_left(&r), 0);
    EXPECT_OK(tern_reader_expect_end(&r));
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_u8(&r, &u8));
    EXPECT_EQ(u8, 0xaa); /* output untouched on failure */
    EXPECT_ERR(TERN_ERR_DECODE, tern_peek_u8(&r, &u8));
    /* Zero-length operations succeed on an empty reader. */
    EXPECT_OK(tern_read_bytes(&r, 0, &q));
    EXPECT_OK(tern_read_skip(&r, 0));
    EXPECT_OK(tern_read_copy(&r, &u8, 0));

    /* A NULL buffer with a non-zero length is treated as empty. */
    tern_reader_init(&r, NULL, 5);
    EXPECT_EQ_U(tern_reader_left(&r), 0);
}

static void test_bytes_copy_skip_bounds(void)
{
    tern_reader r;
    const uint8_t *q = NULL;
    uint8_t out[16];

    tern_reader_init(&r, data, sizeof(data));
    EXPECT_OK(tern_read_bytes(&r, 2, &q));
    EXPECT_TRUE(q == data);
    EXPECT_AT(r, 2);
    /* exact end */
    EXPECT_OK(tern_read_bytes(&r, sizeof(data) - 2, &q));
    EXPECT_TRUE(q == data + 2);
    EXPECT_AT(r, sizeof(data));
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_bytes(&r, 1, &q));

    /* one past the end fails and consumes nothing */
    tern_reader_init(&r, data, sizeof(data));
    q = NULL;
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_bytes(&r, sizeof(data) + 1, &q));
    EXPECT_TRUE(q == NULL);
    EXPECT_AT(r, 0);
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_skip(&r, sizeof(data) + 1));
    EXPECT_AT(r, 0);
    memset(out, 0xee, sizeof(out));
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_copy(&r, out, sizeof(data) + 1));
    EXPECT_EQ(out[0], 0xee);
    EXPECT_AT(r, 0);

    /* SIZE_MAX and SIZE_MAX - k cannot wrap the bounds check */
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_bytes(&r, SIZE_MAX, &q));
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_skip(&r, SIZE_MAX));
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_skip(&r, SIZE_MAX - 1));
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_copy(&r, out, SIZE_MAX));
    EXPECT_AT(r, 0);

    EXPECT_OK(tern_read_skip(&r, 3));
    EXPECT_OK(tern_read_copy(&r, out, 4));
    EXPECT_MEM_EQ(out, data + 3, 4);
    EXPECT_AT(r, 7);
    EXPECT_ERR(TERN_ERR_DECODE, tern_reader_expect_end(&r));
}

static void test_peek(void)
{
    tern_reader r;
    uint8_t v = 0;
    tern_reader_init(&r, data + 4, 1);
    EXPECT_OK(tern_peek_u8(&r, &v));
    EXPECT_EQ(v, 0x05);
    EXPECT_EQ_U(tern_reader_left(&r), 1);
}

static void test_vectors(void)
{
    /* <1 byte len=2> aa bb | <2 byte len=3> cc dd ee | <3 byte len=0> */
    static const uint8_t buf[] = {0x02, 0xaa, 0xbb, 0x00, 0x03, 0xcc,
                                  0xdd, 0xee, 0x00, 0x00, 0x00};
    tern_reader r, sub, inner;
    uint8_t v;

    tern_reader_init(&r, buf, sizeof(buf));
    EXPECT_OK(tern_read_vec8(&r, &sub));
    EXPECT_EQ_U(tern_reader_left(&sub), 2);
    EXPECT_OK(tern_read_u8(&sub, &v));
    EXPECT_EQ(v, 0xaa);
    EXPECT_OK(tern_read_vec16(&r, &sub));
    EXPECT_EQ_U(tern_reader_left(&sub), 3);
    EXPECT_TRUE(sub.p == buf + 5);
    /* a sub-reader cannot read past its own end into the parent */
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_skip(&sub, 4));
    EXPECT_OK(tern_read_vec24(&r, &inner));
    EXPECT_EQ_U(tern_reader_left(&inner), 0);
    EXPECT_OK(tern_reader_expect_end(&r));
}

static void test_vector_failures_consume_nothing(void)
{
    /* length prefix 5 but only 3 body bytes */
    static const uint8_t shortbody[] = {0x00, 0x05, 0x01, 0x02, 0x03};
    /* prefix itself truncated */
    static const uint8_t shortprefix[] = {0x00, 0x00};
    /* exact fit */
    static const uint8_t exact[] = {0x03, 0x01, 0x02, 0x03};
    /* maximal lengths: 0xffff, 0xffffff with almost no data */
    static const uint8_t big16[] = {0xff, 0xff, 0x00};
    static const uint8_t big24[] = {0xff, 0xff, 0xff, 0x00};
    tern_reader r, sub, sentinel;

    sentinel.p = data;
    sentinel.left = 1234;

    tern_reader_init(&r, shortbody, sizeof(shortbody));
    sub = sentinel;
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_vec16(&r, &sub));
    EXPECT_TRUE(r.p == shortbody && r.left == sizeof(shortbody));
    EXPECT_TRUE(sub.p == sentinel.p && sub.left == sentinel.left);

    tern_reader_init(&r, shortprefix, sizeof(shortprefix));
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_vec24(&r, &sub));
    EXPECT_EQ_U(r.left, sizeof(shortprefix));

    tern_reader_init(&r, shortprefix, 0);
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_vec8(&r, &sub));

    tern_reader_init(&r, exact, sizeof(exact));
    EXPECT_OK(tern_read_vec8(&r, &sub));
    EXPECT_EQ_U(sub.left, 3);
    EXPECT_EQ_U(r.left, 0);

    /* one byte short of the exact fit */
    tern_reader_init(&r, exact, sizeof(exact) - 1);
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_vec8(&r, &sub));
    EXPECT_EQ_U(r.left, sizeof(exact) - 1);

    tern_reader_init(&r, big16, sizeof(big16));
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_vec16(&r, &sub));
    tern_reader_init(&r, big24, sizeof(big24));
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_vec24(&r, &sub));
}

static void test_vector_min_max(void)
{
    static const uint8_t two[] = {0x00, 0x02, 0xaa, 0xbb};
    static const uint8_t zero[] = {0x00};
    tern_reader r, sub;

    tern_reader_init(&r, two, sizeof(two));
    EXPECT_OK(tern_read_vec(&r, 2, 2, 2, &sub));
    tern_reader_init(&r, two, sizeof(two));
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_vec(&r, 2, 3, 10, &sub));
    EXPECT_EQ_U(r.left, sizeof(two));
    tern_reader_init(&r, two, sizeof(two));
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_vec(&r, 2, 0, 1, &sub));
    tern_reader_init(&r, two, sizeof(two));
    EXPECT_OK(tern_read_vec(&r, 2, 0, SIZE_MAX, &sub));
    /* empty vector where at least one byte is required (e.g. RFC 8446
     * cipher_suites<2..2^16-2>) */
    tern_reader_init(&r, zero, sizeof(zero));
    EXPECT_ERR(TERN_ERR_DECODE, tern_read_vec(&r, 1, 1, 255, &sub));
    /* bad prefix widths are API misuse */
    tern_reader_init(&r, two, sizeof(two));
    EXPECT_ERR(TERN_ERR_USAGE, tern_read_vec(&r, 0, 0, 10, &sub));
    EXPECT_ERR(TERN_ERR_USAGE, tern_read_vec(&r, 4, 0, 10, &sub));
}

int main(void)
{
    RUN_TEST(test_integers_big_endian);
    RUN_TEST(test_integers_exact_and_one_short);
    RUN_TEST(test_empty_and_null);
    RUN_TEST(test_bytes_copy_skip_bounds);
    RUN_TEST(test_peek);
    RUN_TEST(test_vectors);
    RUN_TEST(test_vector_failures_consume_nothing);
    RUN_TEST(test_vector_min_max);
    return TEST_REPORT();
}
