/*
 * OBJECT IDENTIFIER constants of the certificate code: contents octets of
 * the DER encoding as string literals, for TERN_DER_OID_IS()
 * (src/asn1/asn1_internal.h). Key and hash OIDs are in
 * src/asn1/oid_internal.h.
 */
#ifndef TERN_X509_OID_INTERNAL_H
#define TERN_X509_OID_INTERNAL_H

/* ---- signature algorithms ------------------------------------------------ */

/* 1.2.840.113549.1.1.{4,5,11,12,13,14} md5/sha1/sha256/sha384/sha512/
 * sha224WithRSAEncryption (RFC 8017 A.2.4, RFC 4055 5) */
#define TERN_OID_MD5_RSA "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x04"
#define TERN_OID_SHA1_RSA "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x05"
#define TERN_OID_SHA256_RSA "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0b"
#define TERN_OID_SHA384_RSA "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0c"
#define TERN_OID_SHA512_RSA "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0d"
#define TERN_OID_SHA224_RSA "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0e"
/* 1.2.840.10045.4.1 ecdsa-with-SHA1, 1.2.840.10045.4.3.{1,2,3,4}
 * ecdsa-with-SHA224/256/384/512 (RFC 5758 3.2) */
#define TERN_OID_ECDSA_SHA1 "\x2a\x86\x48\xce\x3d\x04\x01"
#define TERN_OID_ECDSA_SHA224 "\x2a\x86\x48\xce\x3d\x04\x03\x01"
#define TERN_OID_ECDSA_SHA256 "\x2a\x86\x48\xce\x3d\x04\x03\x02"
#define TERN_OID_ECDSA_SHA384 "\x2a\x86\x48\xce\x3d\x04\x03\x03"
#define TERN_OID_ECDSA_SHA512 "\x2a\x86\x48\xce\x3d\x04\x03\x04"

/* ---- attribute types (X.520) ------------------------------------------- */

/* 2.5.4.3 commonName */
#define TERN_OID_AT_CN "\x55\x04\x03"
/* 1.2.840.113549.1.9.1 emailAddress (PKCS #9; RFC 5280 4.1.2.6) */
#define TERN_OID_AT_EMAIL "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x01"

/* ---- certificate and CRL extensions (RFC 5280 4.2, 5.2, 5.3) ----------- */

#define TERN_OID_EXT_SUBJECT_DIR_ATTRS "\x55\x1d\x09"  /* 2.5.29.9 */
#define TERN_OID_EXT_SKI "\x55\x1d\x0e"                /* 2.5.29.14 */
#define TERN_OID_EXT_KEY_USAGE "\x55\x1d\x0f"          /* 2.5.29.15 */
#define TERN_OID_EXT_SAN "\x55\x1d\x11"                /* 2.5.29.17 */
#define TERN_OID_EXT_IAN "\x55\x1d\x12"                /* 2.5.29.18 */
#define TERN_OID_EXT_BASIC_CONSTRAINTS "\x55\x1d\x13"  /* 2.5.29.19 */
#define TERN_OID_EXT_CRL_NUMBER "\x55\x1d\x14"         /* 2.5.29.20 */
#define TERN_OID_EXT_REASON_CODE "\x55\x1d\x15"        /* 2.5.29.21 */
#define TERN_OID_EXT_INVALIDITY_DATE "\x55\x1d\x18"    /* 2.5.29.24 */
#define TERN_OID_EXT_DELTA_CRL "\x55\x1d\x1b"          /* 2.5.29.27 */
#define TERN_OID_EXT_IDP "\x55\x1d\x1c"                /* 2.5.29.28 */
#define TERN_OID_EXT_CERT_ISSUER "\x55\x1d\x1d"        /* 2.5.29.29 */
#define TERN_OID_EXT_NAME_CONSTRAINTS "\x55\x1d\x1e"   /* 2.5.29.30 */
#define TERN_OID_EXT_CRL_DP "\x55\x1d\x1f"             /* 2.5.29.31 */
#define TERN_OID_EXT_CERT_POLICIES "\x55\x1d\x20"      /* 2.5.29.32 */
#define TERN_OID_EXT_POLICY_MAPPINGS "\x55\x1d\x21"    /* 2.5.29.33 */
#define TERN_OID_EXT_AKI "\x55\x1d\x23"                /* 2.5.29.35 */
#define TERN_OID_EXT_POLICY_CONSTRAINTS "\x55\x1d\x24" /* 2.5.29.36 */
#define TERN_OID_EXT_EKU "\x55\x1d\x25"                /* 2.5.29.37 */
#define TERN_OID_EXT_FRESHEST_CRL "\x55\x1d\x2e"       /* 2.5.29.46 */
#define TERN_OID_EXT_INHIBIT_ANY "\x55\x1d\x36"        /* 2.5.29.54 */
/* 1.3.6.1.5.5.7.1.1 authorityInfoAccess, 1.3.6.1.5.5.7.1.11
 * subjectInfoAccess (RFC 5280 4.2.2) */
#define TERN_OID_EXT_AIA "\x2b\x06\x01\x05\x05\x07\x01\x01"
#define TERN_OID_EXT_SIA "\x2b\x06\x01\x05\x05\x07\x01\x0b"
/* 1.3.6.1.4.1.11129.2.4.2 SignedCertificateTimestampList (RFC 6962
 * 3.3); 1.3.6.1.4.1.11129.2.4.3 precertificate poison (RFC 6962 3.1) */
#define TERN_OID_EXT_SCT_LIST "\x2b\x06\x01\x04\x01\xd6\x79\x02\x04\x02"

/* ---- extended key usage purposes (RFC 5280 4.2.1.12) ----------------------- */

#define TERN_OID_EKU_ANY "\x55\x1d\x25\x00" /* 2.5.29.37.0 */
#define TERN_OID_EKU_SERVER "\x2b\x06\x01\x05\x05\x07\x03\x01"
#define TERN_OID_EKU_CLIENT "\x2b\x06\x01\x05\x05\x07\x03\x02"

/* 2.5.29.32.0 anyPolicy (RFC 5280 4.2.1.4) */
#define TERN_OID_ANY_POLICY "\x55\x1d\x20\x00"

#endif /* TERN_X509_OID_INTERNAL_H */
