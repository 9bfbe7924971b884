/*
 * DER INTEGER, ENUMERATED, BOOLEAN and NULL (X.690 8.2, 8.3, 8.4, 8.8,
 * 11.1).
 */
#include "asn1/asn1_internal.h"
#include "common/try_internal.h"

/* see src/asn1/asn1_internal.h */
int tern_der_decode_integer(const tern_der_elem *e)
{
    /* X.690 8.3.1: at least one octet. 8.3.2: if there are two or more,
     * the first octet and bit 8 of the second are not all zero or all
     * one, i.e. no redundant 0x00 / 0xFF sign octet. */
    TERN_ENSURE(e->len >= 1, TERN_ERR_ASN1);
    if (e->len >= 2) {
        uint8_t a = e->val[0], b = (uint8_t)(e->val[1] & 0x80u);
        TERN_ENSURE(!(a == 0x00u && b == 0x00u), TERN_ERR_ASN1);
        TERN_ENSURE(!(a == 0xffu && b == 0x80u), TERN_ERR_ASN1);
    }
    return TERN_OK;
}

/* Reads an element with `tag` whose contents are a minimal integer. */
static int read_int_tagged(tern_reader *r, uint8_t tag, tern_der_elem *e)
{
    tern_reader copy = *r;
    tern_der_elem el;

    TERN_TRY(tern_der_read(&copy, tag, &el));
    TERN_TRY(tern_der_decode_integer(&el));
    *e = el;
    *r = copy;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_integer(tern_reader *r, tern_der_elem *e)
{
    return read_int_tagged(r, TERN_DER_INTEGER, e);
}

/* see src/asn1/asn1_internal.h */
int tern_der_int_is_negative(const tern_der_elem *e)
{
    return e->len >= 1 && (e->val[0] & 0x80u) != 0;
}

/* see src/asn1/asn1_internal.h */
int tern_der_int_magnitude(const tern_der_elem *e, const uint8_t **mag, size_t *mag_len)
{
    const uint8_t *p = e->val;
    size_t n = e->len;

    TERN_TRY(tern_der_decode_integer(e));
    TERN_ENSURE(!tern_der_int_is_negative(e), TERN_ERR_ASN1);
    /* Minimal encoding: at most one leading zero, the sign octet. */
    if (p[0] == 0) {
        p++;
        n--;
    }
    *mag = p;
    *mag_len = n;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_uint(tern_reader *r, const uint8_t **mag, size_t *mag_len)
{
    tern_reader copy = *r;
    tern_der_elem e;
    const uint8_t *m;
    size_t n;

    TERN_TRY(tern_der_read_integer(&copy, &e));
    TERN_TRY(tern_der_int_magnitude(&e, &m, &n));
    *mag = m;
    *mag_len = n;
    *r = copy;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_uint_positive(tern_reader *r, const uint8_t **mag, size_t *mag_len)
{
    tern_reader copy = *r;
    const uint8_t *m;
    size_t n;

    TERN_TRY(tern_der_read_uint(&copy, &m, &n));
    TERN_ENSURE(n >= 1, TERN_ERR_ASN1);
    *mag = m;
    *mag_len = n;
    *r = copy;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_int_to_i64(const tern_der_elem *e, int64_t *v)
{
    uint64_t u;
    size_t i;

    TERN_TRY(tern_der_decode_integer(e));
    /* A minimal encoding of an int64_t value takes at most 8 octets. */
    TERN_ENSURE(e->len <= 8, TERN_ERR_ASN1);
    /* Sign-extend, then shift the octets in; the conversion back to
     * int64_t is done arithmetically to stay within defined behaviour. */
    u = tern_der_int_is_negative(e) ? ~(uint64_t)0 : 0;
    for (i = 0; i < e->len; i++) {
        u = (u << 8) | e->val[i];
    }
    if (u <= (uint64_t)INT64_MAX) {
        *v = (int64_t)u;
    } else {
        /* u represents u - 2^64: -(2^64 - u) = -(~u) - 1. */
        *v = -(int64_t)(~u) - 1;
    }
    return TERN_OK;
}

/* Reads an element with `tag` holding an integer that fits int64_t. */
static int read_i64_tagged(tern_reader *r, uint8_t tag, int64_t *v)
{
    tern_reader copy = *r;
    tern_der_elem e;
    int64_t x;

    TERN_TRY(read_int_tagged(&copy, tag, &e));
    TERN_TRY(tern_der_int_to_i64(&e, &x));
    *v = x;
    *r = copy;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_int64(tern_reader *r, int64_t *v)
{
    return read_i64_tagged(r, TERN_DER_INTEGER, v);
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_enumerated(tern_reader *r, int64_t *v)
{
    return read_i64_tagged(r, TERN_DER_ENUMERATED, v);
}

/* see src/asn1/asn1_internal.h */
int tern_der_decode_boolean(const tern_der_elem *e, int *v)
{
    /* X.690 8.2.1: one octet. 11.1: TRUE is 0xFF in DER. */
    TERN_ENSURE(e->len == 1, TERN_ERR_ASN1);
    TERN_ENSURE(e->val[0] == 0x00u || e->val[0] == 0xffu, TERN_ERR_ASN1);
    *v = e->val[0] == 0xffu;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_boolean(tern_reader *r, int *v)
{
    tern_reader copy = *r;
    tern_der_elem e;
    int b;

    TERN_TRY(tern_der_read(&copy, TERN_DER_BOOLEAN, &e));
    TERN_TRY(tern_der_decode_boolean(&e, &b));
    *v = b;
    *r = copy;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_null(tern_reader *r)
{
    tern_reader copy = *r;
    tern_der_elem e;

    TERN_TRY(tern_der_read(&copy, TERN_DER_NULL, &e));
    TERN_ENSURE(e.len == 0, TERN_ERR_ASN1);
    *r = copy;
    return TERN_OK;
}
