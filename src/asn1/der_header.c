/*
 * DER element headers: identifier and length octets, sub-readers, optional
 * and explicitly tagged elements. Rules T1-T3, L1-L4, S1, S2 of
 * asn1_internal.h.
 */
#include "asn1/asn1_internal.h"
#include "common/try_internal.h"

/* Universal types that DER encodes constructed (X.690 8.9, 8.11, 8.18,
 * 8.19 of the 2002 numbering: SEQUENCE 16, SET 17, EXTERNAL 8, EMBEDDED
 * PDV 11, CHARACTER STRING 29). Every other universal type is primitive in
 * DER (X.690 10.2). */
static int universal_is_constructed(unsigned number)
{
    return number == 16u || number == 17u || number == 8u || number == 11u || number == 29u;
}

/* Parses the header at p (left bytes). On success *hdr is the header
 * length and *len the contents length, which is known to fit in left. */
static int parse_header(const uint8_t *p, size_t left, size_t *hdr, size_t *len)
{
    uint8_t tag, first;
    uint32_t value = 0;
    size_t n, i;

    TERN_ENSURE(left >= 2, TERN_ERR_ASN1);
    tag = p[0];
    /* T1: high-tag-number form. */
    TERN_ENSURE((tag & 0x1fu) != 0x1fu, TERN_ERR_ASN1);
    if ((tag & TERN_DER_CLASS_MASK) == TERN_DER_CLASS_UNIVERSAL) {
        unsigned number = tag & 0x1fu;
        int constructed = (tag & TERN_DER_CONSTRUCTED) != 0;
        /* T2: end-of-contents. */
        TERN_ENSURE(number != 0, TERN_ERR_ASN1);
        /* T3: the form follows the type. */
        TERN_ENSURE(constructed == universal_is_constructed(number), TERN_ERR_ASN1);
    }

    first = p[1];
    if (first < 0x80u) {
        *hdr = 2;
        *len = first;
    } else {
        n = first & 0x7fu;
        /* L1: indefinite form. L3: more than 4 octets, including 0xFF. */
        TERN_ENSURE(n != 0, TERN_ERR_ASN1);
        TERN_ENSURE(n <= 4, TERN_ERR_ASN1);
        TERN_ENSURE(n <= left - 2, TERN_ERR_ASN1);
        /* L2: no leading zero octet, and the long form only for >= 128. */
        TERN_ENSURE(p[2] != 0, TERN_ERR_ASN1);
        for (i = 0; i < n; i++) {
            value = (value << 8) | p[2 + i];
        }
        TERN_ENSURE(value >= 0x80u, TERN_ERR_ASN1);
        *hdr = 2 + n;
        *len = (size_t)value;
        /* size_t narrower than 32 bits: the value must survive. */
        TERN_ENSURE((uint32_t)*len == value, TERN_ERR_ASN1);
    }
    /* L4: the contents are present. */
    TERN_ENSURE(*len <= left - *hdr, TERN_ERR_ASN1);
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_any(tern_reader *r, tern_der_elem *e)
{
    size_t hdr, len;

    TERN_TRY(parse_header(r->p, r->left, &hdr, &len));
    e->raw = r->p;
    e->raw_len = hdr + len;
    e->val = r->p + hdr;
    e->len = len;
    e->tag = r->p[0];
    r->p += hdr + len;
    r->left -= hdr + len;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read(tern_reader *r, uint8_t tag, tern_der_elem *e)
{
    /* T4: compare the identifier octet before anything is consumed. */
    TERN_ENSURE(r->left >= 1 && r->p[0] == tag, TERN_ERR_ASN1);
    return tern_der_read_any(r, e);
}

/* see src/asn1/asn1_internal.h */
int tern_der_skip(tern_reader *r)
{
    tern_der_elem e;
    return tern_der_read_any(r, &e);
}

/* see src/asn1/asn1_internal.h */
int tern_der_peek_tag(const tern_reader *r, uint8_t *tag)
{
    TERN_ENSURE(r->left >= 1, TERN_ERR_ASN1);
    *tag = r->p[0];
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_next_is(const tern_reader *r, uint8_t tag)
{
    return r->left >= 1 && r->p[0] == tag;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_optional(tern_reader *r, uint8_t tag, tern_der_elem *e, int *present)
{
    if (!tern_der_next_is(r, tag)) {
        *present = 0;
        return TERN_OK;
    }
    TERN_TRY(tern_der_read(r, tag, e));
    *present = 1;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
void tern_der_contents(const tern_der_elem *e, tern_reader *sub)
{
    sub->p = e->val;
    sub->left = e->len;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_constructed(tern_reader *r, uint8_t tag, tern_reader *sub)
{
    tern_der_elem e;

    TERN_CHECK_ARG((tag & TERN_DER_CONSTRUCTED) != 0);
    TERN_TRY(tern_der_read(r, tag, &e));
    tern_der_contents(&e, sub);
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_sequence(tern_reader *r, tern_reader *sub)
{
    return tern_der_read_constructed(r, TERN_DER_SEQUENCE, sub);
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_set(tern_reader *r, tern_reader *sub)
{
    return tern_der_read_constructed(r, TERN_DER_SET, sub);
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_explicit(tern_reader *r, unsigned n, uint8_t inner_tag, tern_der_elem *inner)
{
    tern_reader copy = *r, sub;
    tern_der_elem in;

    TERN_CHECK_ARG(n <= 30u);
    TERN_TRY(tern_der_read_constructed(&copy, TERN_DER_CONTEXT_CONS(n), &sub));
    /* S2: exactly one element inside. */
    TERN_TRY(tern_der_read(&sub, inner_tag, &in));
    TERN_TRY(tern_der_end(&sub));
    *inner = in;
    *r = copy;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_explicit_optional(tern_reader *r, unsigned n, uint8_t inner_tag,
                                    tern_der_elem *inner, int *present)
{
    TERN_CHECK_ARG(n <= 30u);
    if (!tern_der_next_is(r, TERN_DER_CONTEXT_CONS(n))) {
        *present = 0;
        return TERN_OK;
    }
    TERN_TRY(tern_der_read_explicit(r, n, inner_tag, inner));
    *present = 1;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_end(const tern_reader *r)
{
    return r->left == 0 ? TERN_OK : TERN_ERR_ASN1;
}
