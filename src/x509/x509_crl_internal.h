/*
 * Parsed view of a CRL (RFC 5280 5.1) and its check against a
 * certificate of a path.
 */
#ifndef TERN_X509_CRL_INTERNAL_H
#define TERN_X509_CRL_INTERNAL_H

#include "x509/x509_internal.h"

typedef struct tern_x509_crl {
    tern_x509_span tbs;     /* TBSCertList, header included (signed) */
    tern_x509_span sig;     /* signatureValue octets */
    tern_x509_span issuer;  /* Name, header included */
    tern_x509_span revoked; /* revokedCertificates contents (may be empty) */
    int64_t this_update;
    int64_t next_update;
    tern_x509_sigalg sigalg;
    uint8_t sigalg_ok;
    uint8_t version;
    uint8_t has_next_update;
    uint8_t has_number;
} tern_x509_crl;

/* Parses a DER CertificateList strictly (the whole input): TERN_ERR_ASN1,
 * TERN_ERR_CERT_UNKNOWN_CRITICAL (delta, indirect, partitioned CRLs and
 * other critical extensions), or TERN_OK. A CRL without a CRL number is
 * refused (5.2.3). */
TERN_MUST_CHECK int tern_x509_crl_parse(const uint8_t *der, size_t len, tern_x509_crl *crl);

/* cert (issued by issuer) against a CRL whose issuer name is cert's
 * issuer name: TERN_X509_REVOKED if listed, TERN_X509_BAD_CRL if the CRL
 * cannot be used (see x509_crl.c), else 0. */
uint32_t tern_x509_crl_check(const tern_x509_crl *crl, const tern_x509_cert *cert,
                             const tern_x509_cert *issuer, const tern_x509_policy *pol, int64_t now,
                             int check_time);

#endif /* TERN_X509_CRL_INTERNAL_H */
