/*
 * DER reader: headers (rules T1-T4, L1-L4 of src/asn1/asn1_internal.h),
 * INTEGER / ENUMERATED / BOOLEAN / NULL / OID / BIT STRING / OCTET STRING
 * contents, explicit / implicit / optional tags, nested structures,
 * truncation at every byte, trailing data. Every failure must leave the
 * reader where it was.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "asn1/asn1_internal.h"
#include "asn1/oid_internal.h"
#include "tern_test.h"

/* Hex (spaces allowed) to bytes; returns the length. */
static size_t unhex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    while (*s) {
        unsigned v;
        if (*s == ' ') {
            s++;
            continue;
        }
        if (sscanf(s, "%2x", &v) != 1 || n >= cap) {
            fprintf(stderr, "bad test hex\n");
            exit(2);
        }
        out[n++] = (uint8_t)v;
        s += 2;
    }
    return n;
}

static uint8_t buf[70000];
static size_t buf_len;
static tern_reader rd;

/* Loads hex into buf and starts the reader on it. */
static void load(const char *hex)
{
    buf_len = unhex(hex, buf, sizeof(buf));
    tern_reader_init(&rd, buf, buf_len);
}

#define EXPECT_UNMOVED()                                                                           \
    do {                                                                                           \
        EXPECT_TRUE(rd.p == buf);                                                                  \
        EXPECT_EQ_U(rd.left, buf_len);                                                             \
    } while (0)

/* Reading `hex` with tern_der_read_any must fail cleanly. */
static void expect_bad_header(const char *hex)
{
    tern_der_elem e;
    load(hex);
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_any(&rd, &e));
    EXPECT_UNMOVED();
}

static void test_header_ok(void)
{
    tern_der_elem e;

    load("04 03 aa bb cc 05 00");
    EXPECT_OK(tern_der_read_any(&rd, &e));
    EXPECT_EQ(e.tag, 0x04);
    EXPECT_EQ_U(e.len, 3);
    EXPECT_TRUE(e.val == buf + 2);
    EXPECT_TRUE(e.raw == buf);
    EXPECT_EQ_U(e.raw_len, 5);
    EXPECT_EQ_U(rd.left, 2);
    EXPECT_OK(tern_der_read_null(&rd));
    EXPECT_OK(tern_der_end(&rd));

    /* Other classes, either form, are fine: application, context,
     * private. */
    load("41 00 61 00 80 00 a0 00 c1 01 00 e2 00");
    while (rd.left > 0) {
        EXPECT_OK(tern_der_read_any(&rd, &e));
    }
    /* Tag number 30 is the largest low-tag-number form. */
    load("9e 00");
    EXPECT_OK(tern_der_read_any(&rd, &e));
    EXPECT_EQ(e.tag, 0x9e);
}

static void test_header_tags(void)
{
    /* T1: high-tag-number form, in every class. */
    expect_bad_header("1f 01 00");
    expect_bad_header("3f 20 00");
    expect_bad_header("5f 1f 00");
    expect_bad_header("9f 1f 00");
    expect_bad_header("bf 81 00 00");
    expect_bad_header("df 22 00");
    /* T2: end-of-contents, primitive and constructed. */
    expect_bad_header("00 00");
    expect_bad_header("20 00");
    /* T3: constructed forms of primitive types (BER only). */
    expect_bad_header("21 03 01 01 ff");
    expect_bad_header("22 03 02 01 01");
    expect_bad_header("23 04 03 02 00 aa");
    expect_bad_header("24 03 04 01 aa");
    expect_bad_header("25 00");
    expect_bad_header("26 00");
    expect_bad_header("2c 03 0c 01 41");
    expect_bad_header("33 00");
    expect_bad_header("37 00");
    /* T3: primitive SEQUENCE / SET. */
    expect_bad_header("10 00");
    expect_bad_header("11 00");
}

static void test_header_lengths(void)
{
    static char hex[1200];
    tern_der_elem e;
    size_t i;

    /* Truncated headers and empty input. */
    expect_bad_header("");
    expect_bad_header("04");
    expect_bad_header("04 81");
    expect_bad_header("04 82 01");
    /* L1: indefinite length. */
    expect_bad_header("30 80 05 00 00 00");
    /* L2: long form for short lengths, leading zero octets. */
    expect_bad_header("04 81 05 01 02 03 04 05");
    expect_bad_header("04 81 7f");
    expect_bad_header("04 82 00 05 01 02 03 04 05");
    expect_bad_header("04 82 00 80");
    expect_bad_header("04 83 00 01 00");
    expect_bad_header("04 84 00 00 00 05 01 02 03 04 05");
    /* L3: more than 4 length octets; 0xFF. */
    expect_bad_header("04 85 01 00 00 00 00");
    expect_bad_header("04 88 00 00 00 00 00 00 00 01 aa");
    expect_bad_header("04 ff 01");
    /* L4: longer than what is left, including huge values. */
    expect_bad_header("04 05 01 02 03 04");
    expect_bad_header("04 84 ff ff ff ff 00");
    expect_bad_header("04 84 01 00 00 00 00");
    expect_bad_header("30 82 ff ff 00");

    /* The long form at its minimal boundaries. */
    strcpy(hex, "04 81 80");
    for (i = 0; i < 128; i++) {
        strcat(hex, " 5a");
    }
    load(hex);
    EXPECT_OK(tern_der_read_any(&rd, &e));
    EXPECT_EQ_U(e.len, 128);
    EXPECT_EQ_U(e.raw_len, 131);
    EXPECT_OK(tern_der_end(&rd));

    memset(buf, 0x5a, sizeof(buf));
    buf[0] = 0x04;
    buf[1] = 0x82;
    buf[2] = 0x01;
    buf[3] = 0x00;
    buf_len = 4 + 256;
    tern_reader_init(&rd, buf, buf_len);
    EXPECT_OK(tern_der_read_any(&rd, &e));
    EXPECT_EQ_U(e.len, 256);
    /* 255 in the two-octet form is not minimal. */
    buf[1] = 0x82;
    buf[2] = 0x00;
    buf[3] = 0xff;
    buf_len = 4 + 255;
    tern_reader_init(&rd, buf, buf_len);
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_any(&rd, &e));
    EXPECT_UNMOVED();
    /* Three octets: 65536. */
    buf[1] = 0x83;
    buf[2] = 0x01;
    buf[3] = 0x00;
    buf[4] = 0x00;
    buf_len = 5 + 65536;
    tern_reader_init(&rd, buf, buf_len);
    EXPECT_OK(tern_der_read_any(&rd, &e));
    EXPECT_EQ_U(e.len, 65536);
    /* ... one byte short of it. */
    tern_reader_init(&rd, buf, buf_len - 1);
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_any(&rd, &e));
    EXPECT_TRUE(rd.p == buf);
}

static void test_expected_tag(void)
{
    tern_der_elem e;
    tern_reader sub;
    uint8_t tag = 0;

    /* T4: the whole identifier octet is compared. */
    load("30 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read(&rd, TERN_DER_SET, &e));
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_integer(&rd, &e));
    EXPECT_UNMOVED();
    load("a0 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read(&rd, TERN_DER_CONTEXT(0), &e));
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read(&rd, TERN_DER_CONTEXT_CONS(1), &e));
    EXPECT_UNMOVED();
    EXPECT_OK(tern_der_read_constructed(&rd, TERN_DER_CONTEXT_CONS(0), &sub));
    EXPECT_OK(tern_der_end(&sub));
    load("80 01 aa");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read(&rd, TERN_DER_CONTEXT_CONS(0), &e));
    EXPECT_OK(tern_der_read(&rd, TERN_DER_CONTEXT(0), &e));

    /* Peeking. */
    load("");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_peek_tag(&rd, &tag));
    EXPECT_FALSE(tern_der_next_is(&rd, 0x00));
    load("31 00");
    EXPECT_OK(tern_der_peek_tag(&rd, &tag));
    EXPECT_EQ(tag, 0x31);
    EXPECT_TRUE(tern_der_next_is(&rd, TERN_DER_SET));
    EXPECT_FALSE(tern_der_next_is(&rd, TERN_DER_SEQUENCE));
    EXPECT_UNMOVED();
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_sequence(&rd, &sub));
    EXPECT_OK(tern_der_read_set(&rd, &sub));
}

static void test_integer(void)
{
    tern_der_elem e;
    int64_t v = 0;
    const uint8_t *m = NULL;
    size_t n = 99;

    /* X.690 8.3.2: minimal two's complement. */
    load("02 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_integer(&rd, &e));
    EXPECT_UNMOVED();
    load("02 02 00 7f");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_integer(&rd, &e));
    EXPECT_UNMOVED();
    load("02 02 00 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_integer(&rd, &e));
    load("02 02 ff 80");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_int64(&rd, &v));
    EXPECT_UNMOVED();
    load("02 02 ff ff");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_integer(&rd, &e));
    load("02 03 00 00 80");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_uint(&rd, &m, &n));
    EXPECT_UNMOVED();

    load("02 01 00");
    EXPECT_OK(tern_der_read_int64(&rd, &v));
    EXPECT_EQ(v, 0);
    load("02 02 00 80");
    EXPECT_OK(tern_der_read_int64(&rd, &v));
    EXPECT_EQ(v, 128);
    load("02 02 ff 7f");
    EXPECT_OK(tern_der_read_int64(&rd, &v));
    EXPECT_EQ(v, -129);
    load("02 01 80");
    EXPECT_OK(tern_der_read_int64(&rd, &v));
    EXPECT_EQ(v, -128);
    load("02 01 ff");
    EXPECT_OK(tern_der_read_int64(&rd, &v));
    EXPECT_EQ(v, -1);
    load("02 08 7f ff ff ff ff ff ff ff");
    EXPECT_OK(tern_der_read_int64(&rd, &v));
    EXPECT_TRUE(v == INT64_MAX);
    load("02 08 80 00 00 00 00 00 00 00");
    EXPECT_OK(tern_der_read_int64(&rd, &v));
    EXPECT_TRUE(v == INT64_MIN);
    /* Outside int64_t: well-formed, but too large for the accessor. */
    load("02 09 00 80 00 00 00 00 00 00 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_int64(&rd, &v));
    EXPECT_UNMOVED();
    EXPECT_OK(tern_der_read_integer(&rd, &e));
    load("02 09 ff 7f ff ff ff ff ff ff ff");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_int64(&rd, &v));

    /* Magnitudes. */
    load("02 02 00 80");
    EXPECT_OK(tern_der_read_uint(&rd, &m, &n));
    EXPECT_EQ_U(n, 1);
    EXPECT_TRUE(m == buf + 3);
    load("02 01 00");
    EXPECT_OK(tern_der_read_uint(&rd, &m, &n));
    EXPECT_EQ_U(n, 0);
    load("02 01 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_uint_positive(&rd, &m, &n));
    EXPECT_UNMOVED();
    load("02 01 80");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_uint(&rd, &m, &n));
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_uint_positive(&rd, &m, &n));
    EXPECT_UNMOVED();
    EXPECT_OK(tern_der_read_integer(&rd, &e));
    EXPECT_TRUE(tern_der_int_is_negative(&e));
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_int_magnitude(&e, &m, &n));
    load("02 03 01 00 01");
    EXPECT_OK(tern_der_read_uint_positive(&rd, &m, &n));
    EXPECT_EQ_U(n, 3);
    EXPECT_EQ(m[0], 1);

    /* ENUMERATED has the same rules and its own tag. */
    load("0a 01 05");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_int64(&rd, &v));
    EXPECT_OK(tern_der_read_enumerated(&rd, &v));
    EXPECT_EQ(v, 5);
    load("0a 02 00 05");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_enumerated(&rd, &v));
    EXPECT_UNMOVED();
    load("0a 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_enumerated(&rd, &v));

    /* Implicitly tagged: decode the contents of any element. */
    load("82 02 01 00");
    EXPECT_OK(tern_der_read(&rd, TERN_DER_CONTEXT(2), &e));
    EXPECT_OK(tern_der_int_to_i64(&e, &v));
    EXPECT_EQ(v, 256);
    load("82 02 00 01");
    EXPECT_OK(tern_der_read(&rd, TERN_DER_CONTEXT(2), &e));
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_decode_integer(&e));
}

static void test_boolean_null(void)
{
    int b = 7;

    load("01 01 ff");
    EXPECT_OK(tern_der_read_boolean(&rd, &b));
    EXPECT_EQ(b, 1);
    load("01 01 00");
    EXPECT_OK(tern_der_read_boolean(&rd, &b));
    EXPECT_EQ(b, 0);
    /* X.690 11.1: TRUE is 0xFF only. */
    load("01 01 01");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_boolean(&rd, &b));
    EXPECT_UNMOVED();
    load("01 01 fe");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_boolean(&rd, &b));
    load("01 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_boolean(&rd, &b));
    load("01 02 00 ff");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_boolean(&rd, &b));
    EXPECT_UNMOVED();
    load("02 01 ff");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_boolean(&rd, &b));

    load("05 00");
    EXPECT_OK(tern_der_read_null(&rd));
    load("05 01 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_null(&rd));
    EXPECT_UNMOVED();
    load("04 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_null(&rd));
}

static void test_oid(void)
{
    tern_der_elem e;

    load("06 03 2b 65 70");
    EXPECT_OK(tern_der_read_oid(&rd, &e));
    EXPECT_TRUE(TERN_DER_OID_IS(&e, TERN_OID_ED25519));
    EXPECT_FALSE(TERN_DER_OID_IS(&e, TERN_OID_X25519));
    EXPECT_FALSE(TERN_DER_OID_IS(&e, TERN_OID_RSA_ENCRYPTION));
    load("06 09 2a 86 48 86 f7 0d 01 01 01");
    EXPECT_OK(tern_der_read_oid(&rd, &e));
    EXPECT_TRUE(TERN_DER_OID_IS(&e, TERN_OID_RSA_ENCRYPTION));
    /* A prefix or an extension of a constant is a different OID. */
    EXPECT_FALSE(tern_der_oid_eq(&e, (const uint8_t *)TERN_OID_RSA_ENCRYPTION, 8));
    load("06 0a 2a 86 48 86 f7 0d 01 01 01 01");
    EXPECT_OK(tern_der_read_oid(&rd, &e));
    EXPECT_FALSE(TERN_DER_OID_IS(&e, TERN_OID_RSA_ENCRYPTION));
    /* Subidentifier 128 = 0x81 0x00 is fine. */
    load("06 03 2a 81 00");
    EXPECT_OK(tern_der_read_oid(&rd, &e));

    /* X.690 8.19: empty, unterminated, non-minimal subidentifiers. */
    load("06 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_oid(&rd, &e));
    EXPECT_UNMOVED();
    load("06 02 2b 81");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_oid(&rd, &e));
    EXPECT_UNMOVED();
    load("06 03 2b 80 01");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_oid(&rd, &e));
    load("06 02 80 01");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_oid(&rd, &e));
    load("06 04 2b 06 80 7f");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_oid(&rd, &e));
    load("26 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_oid(&rd, &e));
}

static void test_bit_string(void)
{
    tern_der_bits b;
    const uint8_t *p = NULL;
    size_t n = 0;
    uint32_t mask = 0;

    load("03 01 00");
    EXPECT_OK(tern_der_read_bit_string(&rd, &b));
    EXPECT_EQ_U(b.len, 0);
    EXPECT_EQ(b.unused, 0);
    load("03 03 00 ab cd");
    EXPECT_OK(tern_der_read_bit_string_octets(&rd, &p, &n));
    EXPECT_EQ_U(n, 2);
    EXPECT_TRUE(p == buf + 3);
    load("03 02 07 80");
    EXPECT_OK(tern_der_read_bit_string(&rd, &b));
    EXPECT_EQ(b.unused, 7);
    load("03 02 01 fe");
    EXPECT_OK(tern_der_read_bit_string(&rd, &b));
    /* Not whole octets. */
    load("03 02 01 fe");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_bit_string_octets(&rd, &p, &n));
    EXPECT_UNMOVED();

    /* X.690 8.6.2: no initial octet; unused bits 8; unused bits in an
     * empty string. 11.2.1: non-zero unused bits. */
    load("03 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_bit_string(&rd, &b));
    EXPECT_UNMOVED();
    load("03 02 08 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_bit_string(&rd, &b));
    EXPECT_UNMOVED();
    load("03 02 ff 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_bit_string(&rd, &b));
    load("03 01 01");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_bit_string(&rd, &b));
    load("03 02 07 81");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_bit_string(&rd, &b));
    EXPECT_UNMOVED();
    load("03 02 01 ff");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_bit_string(&rd, &b));
    load("03 03 04 ff f8");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_bit_string(&rd, &b));

    /* Named bit lists: KeyUsage digitalSignature | keyEncipherment. */
    load("03 02 05 a0");
    EXPECT_OK(tern_der_read_bit_string(&rd, &b));
    EXPECT_OK(tern_der_bits_named(&b, &mask));
    EXPECT_EQ_U(mask, 0x5);
    /* keyCertSign | cRLSign (bits 5, 6). */
    load("03 02 01 06");
    EXPECT_OK(tern_der_read_bit_string(&rd, &b));
    EXPECT_OK(tern_der_bits_named(&b, &mask));
    EXPECT_EQ_U(mask, 0x60);
    /* decipherOnly (bit 8) needs a second octet. */
    load("03 03 07 00 80");
    EXPECT_OK(tern_der_read_bit_string(&rd, &b));
    EXPECT_OK(tern_der_bits_named(&b, &mask));
    EXPECT_EQ_U(mask, 0x100);
    load("03 01 00");
    EXPECT_OK(tern_der_read_bit_string(&rd, &b));
    EXPECT_OK(tern_der_bits_named(&b, &mask));
    EXPECT_EQ_U(mask, 0);
    /* X.690 11.2.2: trailing zero bits must be removed. */
    load("03 02 04 a0");
    EXPECT_OK(tern_der_read_bit_string(&rd, &b));
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_bits_named(&b, &mask));
    load("03 03 00 80 00");
    EXPECT_OK(tern_der_read_bit_string(&rd, &b));
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_bits_named(&b, &mask));
    load("03 06 00 01 02 03 04 01");
    EXPECT_OK(tern_der_read_bit_string(&rd, &b));
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_bits_named(&b, &mask));
}

static void test_octet_string(void)
{
    const uint8_t *p = NULL;
    size_t n = 9;

    load("04 00");
    EXPECT_OK(tern_der_read_octet_string(&rd, &p, &n));
    EXPECT_EQ_U(n, 0);
    load("04 02 aa bb");
    EXPECT_OK(tern_der_read_octet_string(&rd, &p, &n));
    EXPECT_EQ_U(n, 2);
    EXPECT_EQ(p[1], 0xbb);
    load("24 04 04 02 aa bb");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_octet_string(&rd, &p, &n));
    EXPECT_UNMOVED();
}

static void test_explicit_optional(void)
{
    tern_der_elem e;
    int present = 9;

    load("a0 03 02 01 05");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_explicit(&rd, 0, TERN_DER_BOOLEAN, &e));
    EXPECT_UNMOVED();
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_explicit(&rd, 1, TERN_DER_INTEGER, &e));
    EXPECT_UNMOVED();
    EXPECT_OK(tern_der_read_explicit(&rd, 0, TERN_DER_INTEGER, &e));
    EXPECT_EQ(e.val[0], 5);
    EXPECT_OK(tern_der_end(&rd));

    /* S2: exactly one element inside; empty; primitive form. */
    load("a0 06 02 01 05 02 01 06");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_explicit(&rd, 0, TERN_DER_INTEGER, &e));
    EXPECT_UNMOVED();
    load("a0 00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_explicit(&rd, 0, TERN_DER_INTEGER, &e));
    load("80 03 02 01 05");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_explicit(&rd, 0, TERN_DER_INTEGER, &e));
    /* The inner element's own header is checked. */
    load("a0 04 02 81 01 05");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_explicit(&rd, 0, TERN_DER_INTEGER, &e));

    /* OPTIONAL: absent consumes nothing; present but malformed fails. */
    load("02 01 05");
    EXPECT_OK(tern_der_read_explicit_optional(&rd, 0, TERN_DER_INTEGER, &e, &present));
    EXPECT_EQ(present, 0);
    EXPECT_UNMOVED();
    EXPECT_OK(tern_der_read_optional(&rd, TERN_DER_BOOLEAN, &e, &present));
    EXPECT_EQ(present, 0);
    EXPECT_UNMOVED();
    EXPECT_OK(tern_der_read_optional(&rd, TERN_DER_INTEGER, &e, &present));
    EXPECT_EQ(present, 1);
    EXPECT_OK(tern_der_end(&rd));
    load("a3 03 02 01 05");
    EXPECT_OK(tern_der_read_explicit_optional(&rd, 3, TERN_DER_INTEGER, &e, &present));
    EXPECT_EQ(present, 1);
    load("a3 04 02 01 05");
    EXPECT_ERR(TERN_ERR_ASN1,
               tern_der_read_explicit_optional(&rd, 3, TERN_DER_INTEGER, &e, &present));
    EXPECT_UNMOVED();
    load("81 05 01");
    EXPECT_ERR(TERN_ERR_ASN1, tern_der_read_optional(&rd, TERN_DER_CONTEXT(1), &e, &present));
    EXPECT_UNMOVED();
    /* End of input: absent. */
    load("");
    EXPECT_OK(tern_der_read_optional(&rd, TERN_DER_INTEGER, &e, &present));
    EXPECT_EQ(present, 0);
}

/*
 * A nested structure of the kind X.509 has:
 *   SEQUENCE {
 *     INTEGER 1,
 *     SEQUENCE { OCTET STRING (200 bytes), NULL },
 *     [0] EXPLICIT INTEGER 5,
 *     [1] IMPLICIT OCTET STRING 'bb',
 *     SET { BOOLEAN TRUE }
 *   }
 * parsed in full; returns TERN_OK or the first error.
 */
static int parse_nested(const uint8_t *der, size_t len, tern_der_elem *outer)
{
    tern_reader top, seq, inner, set;
    tern_der_elem e;
    int64_t v;
    const uint8_t *p;
    size_t n;
    int b, rc;

    tern_reader_init(&top, der, len);
    if ((rc = tern_der_read(&top, TERN_DER_SEQUENCE, outer)) < 0 || (rc = tern_der_end(&top)) < 0) {
        return rc;
    }
    tern_der_contents(outer, &seq);
    if ((rc = tern_der_read_int64(&seq, &v)) < 0) {
        return rc;
    }
    if (v != 1) {
        return -1;
    }
    if ((rc = tern_der_read_sequence(&seq, &inner)) < 0 ||
        (rc = tern_der_read_octet_string(&inner, &p, &n)) < 0 ||
        (rc = tern_der_read_null(&inner)) < 0 || (rc = tern_der_end(&inner)) < 0) {
        return rc;
    }
    if (n != 200) {
        return -1;
    }
    if ((rc = tern_der_read_explicit(&seq, 0, TERN_DER_INTEGER, &e)) < 0 ||
        (rc = tern_der_int_to_i64(&e, &v)) < 0) {
        return rc;
    }
    if ((rc = tern_der_read(&seq, TERN_DER_CONTEXT(1), &e)) < 0 ||
        (rc = tern_der_read_set(&seq, &set)) < 0 || (rc = tern_der_read_boolean(&set, &b)) < 0 ||
        (rc = tern_der_end(&set)) < 0) {
        return rc;
    }
    return tern_der_end(&seq);
}

static size_t build_nested(uint8_t *out)
{
    size_t n = 0, i;
    /* 3 + (3 + 203 + 2) + 5 + 3 + 5 = 224 = 0xe0 */
    static const uint8_t head[] = {0x30, 0x81, 0xe0, 0x02, 0x01, 0x01,
                                   0x30, 0x81, 0xcd, 0x04, 0x81, 0xc8};
    static const uint8_t tail[] = {0x05, 0x00, 0xa0, 0x03, 0x02, 0x01, 0x05, 0x81,
                                   0x01, 0xbb, 0x31, 0x03, 0x01, 0x01, 0xff};
    memcpy(out, head, sizeof(head));
    n = sizeof(head);
    for (i = 0; i < 200; i++) {
        out[n++] = (uint8_t)i;
    }
    memcpy(out + n, tail, sizeof(tail));
    return n + sizeof(tail);
}

static void test_nested_truncation_trailing(void)
{
    uint8_t der[300];
    size_t len = build_nested(der), cut, i;
    tern_der_elem outer;

    EXPECT_EQ_U(len, 227);
    EXPECT_OK(parse_nested(der, len, &outer));
    EXPECT_TRUE(outer.raw == der);
    EXPECT_EQ_U(outer.raw_len, len);

    /* Every truncation fails. */
    for (cut = 0; cut < len; cut++) {
        uint8_t *copy = malloc(cut ? cut : 1);
        memcpy(copy, der, cut);
        if (parse_nested(copy, cut, &outer) == TERN_OK) {
            char m[64];
            snprintf(m, sizeof(m), "truncation to %u parsed", (unsigned)cut);
            TEST_FAIL(m);
        }
        free(copy);
    }
    /* Trailing data after the structure, and inside it. */
    der[len] = 0x00;
    EXPECT_ERR(TERN_ERR_ASN1, parse_nested(der, len + 1, &outer));
    der[2]++;
    EXPECT_ERR(TERN_ERR_ASN1, parse_nested(der, len + 1, &outer));
    der[2]--;
    /* Every length octet one up or one down fails (oversize / undersize
     * against the parent). Offsets of the length octets: */
    {
        static const size_t len_at[] = {2, 4, 8, 11, 213, 215, 217, 220, 223, 225};
        for (i = 0; i < sizeof(len_at) / sizeof(len_at[0]); i++) {
            der[len_at[i]]++;
            EXPECT_TRUE(parse_nested(der, len, &outer) != TERN_OK);
            der[len_at[i]] -= 2;
            EXPECT_TRUE(parse_nested(der, len, &outer) != TERN_OK);
            der[len_at[i]]++;
        }
    }
    EXPECT_OK(parse_nested(der, len, &outer));
    /* Skipping the whole structure, and a reader over an element. */
    tern_reader_init(&rd, der, len);
    EXPECT_OK(tern_der_skip(&rd));
    EXPECT_OK(tern_der_end(&rd));
}

int main(void)
{
    RUN_TEST(test_header_ok);
    RUN_TEST(test_header_tags);
    RUN_TEST(test_header_lengths);
    RUN_TEST(test_expected_tag);
    RUN_TEST(test_integer);
    RUN_TEST(test_boolean_null);
    RUN_TEST(test_oid);
    RUN_TEST(test_bit_string);
    RUN_TEST(test_octet_string);
    RUN_TEST(test_explicit_optional);
    RUN_TEST(test_nested_truncation_trailing);
    return TEST_REPORT();
}
