/*
 * DER character strings: the charset of each type, UTF-8 well-formedness
 * (RFC 3629), length rules of BMPString / UniversalString, and the
 * any-string reader.
 */
#include <stdint.h>
#include <string.h>

#include "asn1/asn1_internal.h"
#include "tern_test.h"

static int check(uint8_t tag, const char *s, size_t n)
{
    return tern_der_check_string(tag, (const uint8_t *)s, n);
}

#define OK_STR(tag, s) EXPECT_OK(check((tag), (s), sizeof(s) - 1))
#define BAD_STR(tag, s) EXPECT_ERR(TERN_ERR_ASN1, check((tag), (s), sizeof(s) - 1))

static void test_printable(void)
{
    OK_STR(TERN_DER_PRINTABLE_STRING, "");
    OK_STR(TERN_DER_PRINTABLE_STRING, "Test CA 1");
    OK_STR(TERN_DER_PRINTABLE_STRING, "AZaz09 '()+,-./:=?");
    /* Not in X.680 table 10 (often seen in broken certificates). */
    BAD_STR(TERN_DER_PRINTABLE_STRING, "*.example.com");
    BAD_STR(TERN_DER_PRINTABLE_STRING, "a@b");
    BAD_STR(TERN_DER_PRINTABLE_STRING, "R&D");
    BAD_STR(TERN_DER_PRINTABLE_STRING, "a_b");
    BAD_STR(TERN_DER_PRINTABLE_STRING, "hi!");
    BAD_STR(TERN_DER_PRINTABLE_STRING, "a\"b");
    BAD_STR(TERN_DER_PRINTABLE_STRING, "tab\there");
    BAD_STR(TERN_DER_PRINTABLE_STRING, "nul\0");
    BAD_STR(TERN_DER_PRINTABLE_STRING, "\xc3\xa9");
}

static void test_ascii_types(void)
{
    OK_STR(TERN_DER_IA5_STRING, "user@example.com");
    OK_STR(TERN_DER_IA5_STRING, "\x00\x01\x7f");
    BAD_STR(TERN_DER_IA5_STRING, "caf\xc3\xa9");
    BAD_STR(TERN_DER_IA5_STRING, "\x80");
    OK_STR(TERN_DER_VISIBLE_STRING, " ~Policy!");
    BAD_STR(TERN_DER_VISIBLE_STRING, "\x1f");
    BAD_STR(TERN_DER_VISIBLE_STRING, "\x7f");
    BAD_STR(TERN_DER_VISIBLE_STRING, "a\nb");
    OK_STR(TERN_DER_NUMERIC_STRING, "0123 456789");
    BAD_STR(TERN_DER_NUMERIC_STRING, "12a");
    BAD_STR(TERN_DER_NUMERIC_STRING, "-1");
    /* Teletex is handed out raw. */
    OK_STR(TERN_DER_T61_STRING, "\x1b\xc2\x41\xff");
}

static void test_utf8(void)
{
    OK_STR(TERN_DER_UTF8_STRING, "");
    OK_STR(TERN_DER_UTF8_STRING, "plain");
    OK_STR(TERN_DER_UTF8_STRING, "\xc2\x80");         /* U+0080 */
    OK_STR(TERN_DER_UTF8_STRING, "caf\xc3\xa9");      /* e acute */
    OK_STR(TERN_DER_UTF8_STRING, "\xdf\xbf");         /* U+07FF */
    OK_STR(TERN_DER_UTF8_STRING, "\xe0\xa0\x80");     /* U+0800 */
    OK_STR(TERN_DER_UTF8_STRING, "\xe2\x82\xac");     /* euro */
    OK_STR(TERN_DER_UTF8_STRING, "\xed\x9f\xbf");     /* U+D7FF */
    OK_STR(TERN_DER_UTF8_STRING, "\xee\x80\x80");     /* U+E000 */
    OK_STR(TERN_DER_UTF8_STRING, "\xef\xbf\xbf");     /* U+FFFF */
    OK_STR(TERN_DER_UTF8_STRING, "\xf0\x90\x80\x80"); /* U+10000 */
    OK_STR(TERN_DER_UTF8_STRING, "\xf0\x9f\x98\x80"); /* emoji */
    OK_STR(TERN_DER_UTF8_STRING, "\xf4\x8f\xbf\xbf"); /* U+10FFFF */
    OK_STR(TERN_DER_UTF8_STRING, "\x00");             /* NUL is UTF-8 */

    /* Overlong forms. */
    BAD_STR(TERN_DER_UTF8_STRING, "\xc0\x80");
    BAD_STR(TERN_DER_UTF8_STRING, "\xc1\xbf");
    BAD_STR(TERN_DER_UTF8_STRING, "\xe0\x80\x80");
    BAD_STR(TERN_DER_UTF8_STRING, "\xe0\x9f\xbf");
    BAD_STR(TERN_DER_UTF8_STRING, "\xf0\x80\x80\x80");
    BAD_STR(TERN_DER_UTF8_STRING, "\xf0\x8f\xbf\xbf");
    /* Surrogates and beyond U+10FFFF. */
    BAD_STR(TERN_DER_UTF8_STRING, "\xed\xa0\x80");
    BAD_STR(TERN_DER_UTF8_STRING, "\xed\xbf\xbf");
    BAD_STR(TERN_DER_UTF8_STRING, "\xf4\x90\x80\x80");
    BAD_STR(TERN_DER_UTF8_STRING, "\xf5\x80\x80\x80");
    BAD_STR(TERN_DER_UTF8_STRING, "\xf8\x88\x80\x80\x80");
    BAD_STR(TERN_DER_UTF8_STRING, "\xff");
    BAD_STR(TERN_DER_UTF8_STRING, "\xfe");
    /* Stray continuation, truncated and interrupted sequences. */
    BAD_STR(TERN_DER_UTF8_STRING, "\x80");
    BAD_STR(TERN_DER_UTF8_STRING, "a\xbf");
    BAD_STR(TERN_DER_UTF8_STRING, "\xe2\x82");
    BAD_STR(TERN_DER_UTF8_STRING, "\xf0\x9f\x98");
    BAD_STR(TERN_DER_UTF8_STRING, "\xc3");
    BAD_STR(TERN_DER_UTF8_STRING, "\xc3\x41");
    BAD_STR(TERN_DER_UTF8_STRING, "\xe2\x28\xa1");
}

static void test_wide(void)
{
    OK_STR(TERN_DER_BMP_STRING, "");
    OK_STR(TERN_DER_BMP_STRING, "\x00\x41\x00\xe9");
    BAD_STR(TERN_DER_BMP_STRING, "\x00\x41\x00");
    OK_STR(TERN_DER_UNIVERSAL_STRING, "\x00\x00\x00\x41");
    BAD_STR(TERN_DER_UNIVERSAL_STRING, "\x00\x00\x00\x41\x00\x00");
    /* Not a string type. */
    EXPECT_ERR(TERN_ERR_ASN1, check(TERN_DER_OCTET_STRING, "a", 1));
    EXPECT_ERR(TERN_ERR_ASN1, check(TERN_DER_INTEGER, "a", 1));
}

static void test_tags(void)
{
    unsigned t;
    int count = 0;
    for (t = 0; t < 256; t++) {
        count += tern_der_is_string_tag((uint8_t)t);
    }
    EXPECT_EQ(count, 8);
    EXPECT_TRUE(tern_der_is_string_tag(TERN_DER_UTF8_STRING));
    EXPECT_TRUE(tern_der_is_string_tag(TERN_DER_BMP_STRING));
    EXPECT_FALSE(tern_der_is_string_tag(TERN_DER_OCTET_STRING));
    EXPECT_FALSE(tern_der_is_string_tag(0x2c)); /* constructed UTF8String */
}

static void test_read_string(void)
{
    static const uint8_t der[] = {0x0c, 0x02, 0xc3, 0xa9, 0x13, 0x02, 'C',
                                  'A',  0x16, 0x00, 0x04, 0x01, 'A'};
    static const uint8_t bad_printable[] = {0x13, 0x01, '*'};
    static const uint8_t cons[] = {0x2c, 0x03, 0x0c, 0x01, 'A'};
    tern_reader r;
    tern_der_elem e;

    tern_reader_init(&r, der, sizeof(der));
    EXPECT_OK(tern_der_read_string(&r, &e));
    EXPECT_EQ(e.tag, TERN_DER_UTF8_STRING);
    EXPECT_EQ_U(e.len, 2);
    EXPECT_OK(tern_der_read_string(&r, &e));
    EXPECT_EQ(e.tag, TERN_DER_PRINTABLE_STRING);
    EXPECT_MEM_EQ(e.val, "CA", 2);
    EXPECT_OK(tern_der_read_string(&r, &e));
    EXPECT_EQ(e.tag, TERN_DER_IA5_STRING);
    EXPECT_EQ_U(e.len, 0);
    /* OCTET STRING is not a character string: nothing consumed. */
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_string(&r, &e));
    EXPECT_EQ_U(r.left, 3);

    tern_reader_init(&r, bad_printable, sizeof(bad_printable));
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_string(&r, &e));
    EXPECT_EQ_U(r.left, sizeof(bad_printable));
    tern_reader_init(&r, cons, sizeof(cons));
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_string(&r, &e));

    /* An IMPLICIT [2] IA5String (dNSName) checked by type. */
    {
        static const uint8_t dns[] = {0x82, 0x03, 'a', '.', 'b'};
        static const uint8_t dns_bad[] = {0x82, 0x02, 'a', 0xc3};
        tern_reader_init(&r, dns, sizeof(dns));
        EXPECT_OK(tern_der_read(&r, TERN_DER_CONTEXT(2), &e));
        EXPECT_OK(tern_der_check_string(TERN_DER_IA5_STRING, e.val, e.len));
        tern_reader_init(&r, dns_bad, sizeof(dns_bad));
        EXPECT_OK(tern_der_read(&r, TERN_DER_CONTEXT(2), &e));
        EXPECT_ERR(TERN_ERR_ASN1, tern_der_check_string(TERN_DER_IA5_STRING, e.val, e.len));
    }
}

int main(void)
{
    RUN_TEST(test_printable);
    RUN_TEST(test_ascii_types);
    RUN_TEST(test_utf8);
    RUN_TEST(test_wide);
    RUN_TEST(test_tags);
    RUN_TEST(test_read_string);
    return TEST_REPORT();
}
