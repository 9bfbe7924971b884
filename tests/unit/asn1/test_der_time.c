/*
 * DER UTCTime / GeneralizedTime: the RFC 5280 4.1.2.5 forms, the
 * 1950 / 2049 / 2050 boundaries, leap days, every malformed kind, and a
 * walk over every day of four centuries.
 */
#include <stdint.h>
#include <string.h>

#include "asn1/asn1_internal.h"
#include "tern_test.h"

static int utc(const char *s, int64_t *t)
{
    return tern_der_decode_utc_time((const uint8_t *)s, strlen(s), t);
}

static int gen(const char *s, int64_t *t)
{
    return tern_der_decode_generalized_time((const uint8_t *)s, strlen(s), t);
}

#define EXPECT_UTC(s, want)                                                                        \
    do {                                                                                           \
        int64_t t_ = 0;                                                                            \
        EXPECT_OK(utc((s), &t_));                                                                  \
        EXPECT_EQ(t_, (want));                                                                     \
    } while (0)

#define EXPECT_GEN(s, want)                                                                        \
    do {                                                                                           \
        int64_t t_ = 0;                                                                            \
        EXPECT_OK(gen((s), &t_));                                                                  \
        EXPECT_EQ(t_, (want));                                                                     \
    } while (0)

static void test_utc_boundaries(void)
{
    /* RFC 5280 4.1.2.5.1: YY >= 50 is 19YY, YY < 50 is 20YY. */
    EXPECT_UTC("500101000000Z", -631152000LL);
    EXPECT_UTC("491231235959Z", 2524607999LL);
    EXPECT_UTC("000101000000Z", 946684800LL);
    EXPECT_UTC("991231235959Z", 946684799LL);
    EXPECT_UTC("700101000000Z", 0);
    EXPECT_UTC("691231235959Z", -1);
    EXPECT_UTC("000229120000Z", 951825600LL);
    EXPECT_UTC("240229000000Z", 1709164800LL);
}

static void test_generalized(void)
{
    /* The first instant RFC 5280 writes as GeneralizedTime. */
    EXPECT_GEN("20500101000000Z", 2524608000LL);
    EXPECT_GEN("20491231235959Z", 2524607999LL);
    EXPECT_GEN("19500101000000Z", -631152000LL);
    EXPECT_GEN("19700101000000Z", 0);
    EXPECT_GEN("99991231235959Z", 253402300799LL);
    EXPECT_GEN("00010101000000Z", -62135596800LL);
    EXPECT_GEN("00000101000000Z", -62167219200LL);
    EXPECT_GEN("20000229120000Z", 951825600LL);
    EXPECT_GEN("16000229000000Z", -11670998400LL);
}

static void test_invalid_dates(void)
{
    int64_t t;

    /* Feb 29 outside leap years (1900 and 2100 are not leap years). */
    EXPECT_ERR(TERN_ERR_ASN1, gen("19000229000000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, gen("21000229000000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, gen("20230229000000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("230229000000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("000230000000Z", &t));
    /* Month and day ranges. */
    EXPECT_ERR(TERN_ERR_ASN1, utc("490001000000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("491301000000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("490100000000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("490132000000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("490431000000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("491131000000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, gen("20240631000000Z", &t));
    /* Time ranges, including the leap second. */
    EXPECT_ERR(TERN_ERR_ASN1, utc("490101240000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("490101006000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("490101000060Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, gen("20161231235960Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, gen("20161231995959Z", &t));
}

static void test_malformed_forms(void)
{
    int64_t t;

    /* RFC 5280 4.1.2.5.1 / 4.1.2.5.2: 'Z', seconds, no fraction. */
    EXPECT_ERR(TERN_ERR_ASN1, utc("491231235959", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("4912312359Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("491231235959z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("491231235959+0000", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("4912312359+0100", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("491231235959-0500", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("491231235959.0Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("491231235959ZZ", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("", &t));
    EXPECT_ERR(TERN_ERR_ASN1, gen("20500101000000", &t));
    EXPECT_ERR(TERN_ERR_ASN1, gen("205001010000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, gen("20500101000000.5Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, gen("20500101000000.0Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, gen("20500101000000.Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, gen("20500101000000+0000", &t));
    EXPECT_ERR(TERN_ERR_ASN1, gen("20500101000000z", &t));
    /* Two-digit year in GeneralizedTime and four in UTCTime. */
    EXPECT_ERR(TERN_ERR_ASN1, gen("500101000000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("20500101000000Z", &t));
    /* Not digits: signs, spaces, letters. */
    EXPECT_ERR(TERN_ERR_ASN1, utc("+90101000000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc(" 90101000000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("4912312359 9Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, utc("49123123595aZ", &t));
    EXPECT_ERR(TERN_ERR_ASN1, gen("2O500101000000Z", &t));
    EXPECT_ERR(TERN_ERR_ASN1, gen("-0500101000000Z", &t));
}

static void test_read_time(void)
{
    static const uint8_t der[] = {0x17, 0x0d, '4', '9',  '1',  '2', '3', '1', '2',  '3', '5', '9',
                                  '5',  '9',  'Z', 0x18, 0x0f, '2', '0', '5', '0',  '0', '1', '0',
                                  '1',  '0',  '0', '0',  '0',  '0', '0', 'Z', 0x04, 0x00};
    static const uint8_t bad[] = {0x17, 0x0d, '4', '9', '1', '2', '3', '1',
                                  '2',  '3',  '5', '9', '6', '0', 'Z'};
    static const uint8_t cons[] = {0x37, 0x0f, 0x17, 0x0d, '4', '9', '1', '2', '3',
                                   '1',  '2',  '3',  '5',  '9', '5', '9', 'Z'};
    tern_reader r;
    int64_t t = 0;

    tern_reader_init(&r, der, sizeof(der));
    EXPECT_OK(tern_der_read_time(&r, &t));
    EXPECT_EQ(t, 2524607999LL);
    EXPECT_OK(tern_der_read_time(&r, &t));
    EXPECT_EQ(t, 2524608000LL);
    /* Another type: nothing consumed. */
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_time(&r, &t));
    EXPECT_EQ_U(r.left, 2);
    tern_reader_init(&r, bad, sizeof(bad));
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_time(&r, &t));
    EXPECT_EQ_U(r.left, sizeof(bad));
    /* Constructed UTCTime (BER) is rejected by the header rules. */
    tern_reader_init(&r, cons, sizeof(cons));
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_time(&r, &t));
    /* Truncations of a valid time. */
    {
        size_t cut;
        for (cut = 0; cut < 15; cut++) {
            tern_reader_init(&r, der, cut);
            EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_time(&r, &t));
        }
    }
}

static int is_leap(unsigned y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Every day from 1600 to 2400: consecutive days are 86400 s apart, the
 * day after the last valid day of a month is rejected. */
static void test_every_day(void)
{
    static const unsigned dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    char s[16];
    unsigned y, m, d;
    int64_t prev = 0, t = 0;
    int first = 1, bad = 0;

    for (y = 1600; y <= 2400 && bad < 5; y++) {
        for (m = 1; m <= 12; m++) {
            unsigned last = dim[m - 1] + (m == 2 && is_leap(y));
            for (d = 1; d <= 31; d++) {
                int rc;
                snprintf(s, sizeof(s), "%04u%02u%02u000000Z", y, m, d);
                rc = gen(s, &t);
                if (d > last) {
                    if (rc != TERN_ERR_ASN1) {
                        TEST_FAIL(s);
                        bad++;
                    }
                    continue;
                }
                if (rc != TERN_OK || (!first && t != prev + 86400)) {
                    TEST_FAIL(s);
                    bad++;
                }
                first = 0;
                prev = t;
            }
        }
    }
    /* 2400-12-31 as a cross-check of the whole walk. */
    EXPECT_EQ(prev, 13601001600LL);
}

int main(void)
{
    RUN_TEST(test_utc_boundaries);
    RUN_TEST(test_generalized);
    RUN_TEST(test_invalid_dates);
    RUN_TEST(test_malformed_forms);
    RUN_TEST(test_read_time);
    RUN_TEST(test_every_day);
    return TEST_REPORT();
}
