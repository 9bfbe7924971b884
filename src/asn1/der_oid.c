/*
 * DER OBJECT IDENTIFIER (X.690 8.19): validation of the base-128
 * subidentifiers and comparison with constants (oid_internal.h).
 */
#include <string.h>

#include "asn1/asn1_internal.h"
#include "common/try_internal.h"

/* see src/asn1/asn1_internal.h */
int tern_der_decode_oid(const tern_der_elem *e)
{
    size_t i;

    TERN_ENSURE(e->len >= 1, TERN_ERR_ASN1);
    for (i = 0; i < e->len; i++) {
        /* X.690 8.19.2: the first octet of a subidentifier is not 0x80
         * (it would be a redundant leading zero group). */
        int starts = i == 0 || (e->val[i - 1] & 0x80u) == 0;
        TERN_ENSURE(!(starts && e->val[i] == 0x80u), TERN_ERR_ASN1);
    }
    /* The last octet closes a subidentifier. */
    TERN_ENSURE((e->val[e->len - 1] & 0x80u) == 0, TERN_ERR_ASN1);
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_read_oid(tern_reader *r, tern_der_elem *e)
{
    tern_reader copy = *r;
    tern_der_elem el;

    TERN_TRY(tern_der_read(&copy, TERN_DER_OID, &el));
    TERN_TRY(tern_der_decode_oid(&el));
    *e = el;
    *r = copy;
    return TERN_OK;
}

/* see src/asn1/asn1_internal.h */
int tern_der_oid_eq(const tern_der_elem *e, const uint8_t *oid, size_t len)
{
    return e->len == len && (len == 0 || memcmp(e->val, oid, len) == 0);
}
