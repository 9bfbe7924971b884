/*
 * GeneralName syntax (RFC 5280 4.2.1.6), shared by subjectAltName,
 * nameConstraints, authorityInfoAccess and CRL distribution points.
 */
#include "common/try_internal.h"
#include "x509/x509_internal.h"

/* see src/x509/x509_internal.h */
int tern_x509_read_general_name(tern_reader *r, tern_der_elem *gn)
{
    tern_reader sub;
    tern_der_elem e;

    TERN_TRY(tern_der_read_any(r, gn));
    switch (gn->tag) {
    case TERN_X509_GN_EMAIL: /* rfc822Name [1] IA5String */
    case TERN_X509_GN_DNS:   /* dNSName [2] IA5String */
    case TERN_X509_GN_URI:   /* uniformResourceIdentifier [6] IA5String */
        return tern_der_check_string(TERN_DER_IA5_STRING, gn->val, gn->len);
    case TERN_X509_GN_IP: /* iPAddress [7] OCTET STRING */
        return TERN_OK;
    case TERN_X509_GN_RID: /* registeredID [8] OBJECT IDENTIFIER */
        return tern_der_decode_oid(gn);
    case TERN_X509_GN_DIRNAME: /* directoryName [4] Name (EXPLICIT: a CHOICE) */
        tern_der_contents(gn, &sub);
        TERN_TRY(tern_der_read(&sub, TERN_DER_SEQUENCE, &e));
        TERN_TRY(tern_der_end(&sub));
        return tern_x509_check_name(e.raw, e.raw_len);
    case TERN_X509_GN_OTHER:
        /* otherName [0] IMPLICIT SEQUENCE { type-id OID,
         *   value [0] EXPLICIT ANY DEFINED BY type-id } */
        tern_der_contents(gn, &sub);
        TERN_TRY(tern_der_read_oid(&sub, &e));
        TERN_TRY(tern_der_read(&sub, TERN_DER_CONTEXT_CONS(0), &e));
        TERN_TRY(tern_der_end(&sub));
        tern_der_contents(&e, &sub);
        TERN_TRY(tern_der_skip(&sub));
        return tern_der_end(&sub);
    case TERN_X509_GN_X400: /* x400Address [3] ORAddress */
    case TERN_X509_GN_EDI:  /* ediPartyName [5] EDIPartyName */
        return TERN_OK;
    default:
        return TERN_ERR_ASN1;
    }
}
