/*
 * DER BIT STRING and OCTET STRING (X.690 8.6, 8.7, 11.2).
 */
#include "asn1/asn1_internal.h"
#include "common/try_internal.h"

/* see src/asn1/asn1_internal.h */
int tern_der_decode_bit_string(const tern_der_elem *e, tern_der_bits *b)
{
    uint8_t unused;

    /* X.690 8.6.2: an initial octet giving the unused bits (0..7) in the
     * last octet; an empty string has initial octet 0 only. */
    TERN_ENSURE(e->len >= 1, TERN_ERR_ASN1);
    unused = e->val[0];
    TERN_ENSURE(unused <= 7u, TERN_ERR_ASN1);
    TERN_ENSURE(e->len >= 2 || unused == 0, TERN_ERR_ASN1);
    /* X.690 11.2.1: DER sets the unused bits to zero. */
    if (unused != 0) {
        uint8_t mask = (uint8_t)((1u << unused) - 1u);
        TERN_ENSURE((e->val[e->len - 1] & mask) == 0, TERN_ERR_ASN1);
    }
    b->bytes = e->val + 1;
    b->len = e->len - 1;
    b->unused = unused;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_bit_string(tern_reader *r, tern_der_bits *b)
{
    tern_reader copy = *r;
    tern_der_elem e;
    tern_der_bits bits;

    TERN_TRY(tern_der_read(&copy, TERN_DER_BIT_STRING, &e));
    TERN_TRY(tern_der_decode_bit_string(&e, &bits));
    *b = bits;
    *r = copy;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_bit_string_octets(tern_reader *r, const uint8_t **p, size_t *len)
{
    tern_reader copy = *r;
    tern_der_bits bits;

    TERN_TRY(tern_der_read_bit_string(&copy, &bits));
    TERN_ENSURE(bits.unused == 0, TERN_ERR_ASN1);
    *p = bits.bytes;
    *len = bits.len;
    *r = copy;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_bits_named(const tern_der_bits *b, uint32_t *mask)
{
    uint32_t m = 0;
    size_t i;

    TERN_ENSURE(b->len <= 4, TERN_ERR_ASN1);
    for (i = 0; i < b->len; i++) {
        unsigned bit;
        for (bit = 0; bit < 8; bit++) {
            if ((b->bytes[i] >> (7u - bit)) & 1u) {
                m |= (uint32_t)1 << (i * 8u + bit);
            }
        }
    }
    /* X.690 11.2.2: trailing zero bits are removed, so a non-empty list
     * ends with a one bit: the last octet's lowest used bit is set. */
    if (b->len > 0) {
        TERN_ENSURE((b->bytes[b->len - 1] >> b->unused) & 1u, TERN_ERR_ASN1);
    }
    *mask = m;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_octet_string(tern_reader *r, const uint8_t **p, size_t *len)
{
    tern_der_elem e;

    TERN_TRY(tern_der_read(r, TERN_DER_OCTET_STRING, &e));
    *p = e.val;
    *len = e.len;
    return TERN_OK;
}
