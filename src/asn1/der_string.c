/*
 * DER character string types: charset checks (X.680 37, 41; RFC 3629 for
 * UTF-8). Contents are handed out as they are; nothing is converted.
 */
#include "asn1/asn1_internal.h"
#include "common/try_internal.h"

/* X.680 41.4 table 10: A-Z a-z 0-9 space ' ( ) + , - . / : = ? */
static int printable_char(uint8_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        return 1;
    }
    switch (c) {
    case ' ':
    case '\'':
    case '(':
    case ')':
    case '+':
    case ',':
    case '-':
    case '.':
    case '/':
    case ':':
    case '=':
    case '?':
        return 1;
    default:
        return 0;
    }
}

/* RFC 3629 section 4: well-formed UTF-8 (shortest form, no surrogates
 * D800..DFFF, at most U+10FFFF). */
static int check_utf8(const uint8_t *p, size_t len)
{
    size_t i = 0;

    while (i < len) {
        uint8_t c = p[i];
        size_t n, k;
        uint32_t cp, min;

        if (c < 0x80u) {
            i++;
            continue;
        }
        if (c >= 0xc2u && c <= 0xdfu) {
            n = 1;
            cp = c & 0x1fu;
            min = 0x80u;
        } else if (c >= 0xe0u && c <= 0xefu) {
            n = 2;
            cp = c & 0x0fu;
            min = 0x800u;
        } else if (c >= 0xf0u && c <= 0xf4u) {
            n = 3;
            cp = c & 0x07u;
            min = 0x10000u;
        } else {
            /* 0x80..0xC1 (continuation or overlong lead), 0xF5..0xFF. */
            return TERN_ERR_ASN1;
        }
        TERN_ENSURE(n <= len - i - 1, TERN_ERR_ASN1);
        for (k = 1; k <= n; k++) {
            uint8_t cc = p[i + k];
            TERN_ENSURE((cc & 0xc0u) == 0x80u, TERN_ERR_ASN1);
            cp = (cp << 6) | (cc & 0x3fu);
        }
        TERN_ENSURE(cp >= min, TERN_ERR_ASN1);
        TERN_ENSURE(cp <= 0x10ffffu, TERN_ERR_ASN1);
        TERN_ENSURE(cp < 0xd800u || cp > 0xdfffu, TERN_ERR_ASN1);
        i += n + 1;
    }
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_is_string_tag(uint8_t tag)
{
    switch (tag) {
    case TERN_DER_UTF8_STRING:
    case TERN_DER_NUMERIC_STRING:
    case TERN_DER_PRINTABLE_STRING:
    case TERN_DER_T61_STRING:
    case TERN_DER_IA5_STRING:
    case TERN_DER_VISIBLE_STRING:
    case TERN_DER_UNIVERSAL_STRING:
    case TERN_DER_BMP_STRING:
        return 1;
    default:
        return 0;
    }
}

/* see src/asn1/asn1_internal.h */
int tern_der_check_string(uint8_t string_tag, const uint8_t *p, size_t len)
{
    size_t i;

    switch (string_tag) {
    case TERN_DER_UTF8_STRING:
        return check_utf8(p, len);
    case TERN_DER_NUMERIC_STRING:
        for (i = 0; i < len; i++) {
            TERN_ENSURE((p[i] >= '0' && p[i] <= '9') || p[i] == ' ', TERN_ERR_ASN1);
        }
        return TERN_OK;
    case TERN_DER_PRINTABLE_STRING:
        for (i = 0; i < len; i++) {
            TERN_ENSURE(printable_char(p[i]), TERN_ERR_ASN1);
        }
        return TERN_OK;
    case TERN_DER_IA5_STRING:
        for (i = 0; i < len; i++) {
            TERN_ENSURE(p[i] < 0x80u, TERN_ERR_ASN1);
        }
        return TERN_OK;
    case TERN_DER_VISIBLE_STRING:
        for (i = 0; i < len; i++) {
            TERN_ENSURE(p[i] >= 0x20u && p[i] <= 0x7eu, TERN_ERR_ASN1);
        }
        return TERN_OK;
    case TERN_DER_T61_STRING:
        /* T.61 has escapes and shifts: handed out raw. */
        return TERN_OK;
    case TERN_DER_BMP_STRING:
        /* UCS-2, big-endian: two octets per character. */
        TERN_ENSURE(len % 2u == 0, TERN_ERR_ASN1);
        return TERN_OK;
    case TERN_DER_UNIVERSAL_STRING:
        /* UCS-4, big-endian: four octets per character. */
        TERN_ENSURE(len % 4u == 0, TERN_ERR_ASN1);
        return TERN_OK;
    default:
        return TERN_ERR_ASN1;
    }
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_string(tern_reader *r, tern_der_elem *e)
{
    tern_reader copy = *r;
    tern_der_elem el;

    TERN_TRY(tern_der_read_any(&copy, &el));
    TERN_ENSURE(tern_der_is_string_tag(el.tag), TERN_ERR_ASN1);
    TERN_TRY(tern_der_check_string(el.tag, el.val, el.len));
    *e = el;
    *r = copy;
    return TERN_OK;
}
