/*
 * OBJECT IDENTIFIER constants: the contents octets of the DER encoding, as
 * string literals, for TERN_DER_OID_IS() (asn1_internal.h). A literal
 * costs nothing unless used. Each line gives the dotted form and where the
 * OID is defined.
 */
#ifndef TERN_OID_INTERNAL_H
#define TERN_OID_INTERNAL_H

/* ---- public-key algorithms ---------------------------------------------- */

/* 1.2.840.113549.1.1.1 rsaEncryption (RFC 8017 A.1) */
#define TERN_OID_RSA_ENCRYPTION "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01"
/* 1.2.840.113549.1.1.10 id-RSASSA-PSS (RFC 4055 3.1, RFC 8017 A.2.3) */
#define TERN_OID_RSASSA_PSS "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a"
/* 1.2.840.113549.1.1.8 id-mgf1 (RFC 8017 B.2.1) */
#define TERN_OID_MGF1 "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x08"
/* 1.2.840.10045.2.1 id-ecPublicKey (RFC 5480 2.1.1) */
#define TERN_OID_EC_PUBLIC_KEY "\x2a\x86\x48\xce\x3d\x02\x01"
/* 1.3.101.110 id-X25519, 1.3.101.112 id-Ed25519 (RFC 8410 3) */
#define TERN_OID_X25519 "\x2b\x65\x6e"
#define TERN_OID_ED25519 "\x2b\x65\x70"

/* ---- named curves (RFC 5480 2.1.1.1) ------------------------------------- */

/* 1.2.840.10045.3.1.7 secp256r1 (prime256v1) */
#define TERN_OID_SECP256R1 "\x2a\x86\x48\xce\x3d\x03\x01\x07"
/* 1.3.132.0.34 secp384r1 */
#define TERN_OID_SECP384R1 "\x2b\x81\x04\x00\x22"

/* ---- hash functions ----------------------------------------------------------- */

/* 1.3.14.3.2.26 id-sha1 (RFC 3279 2.2.1) */
#define TERN_OID_SHA1 "\x2b\x0e\x03\x02\x1a"
/* 2.16.840.1.101.3.4.2.{4,1,2,3} id-sha224/256/384/512 (RFC 5754 2) */
#define TERN_OID_SHA224 "\x60\x86\x48\x01\x65\x03\x04\x02\x04"
#define TERN_OID_SHA256 "\x60\x86\x48\x01\x65\x03\x04\x02\x01"
#define TERN_OID_SHA384 "\x60\x86\x48\x01\x65\x03\x04\x02\x02"
#define TERN_OID_SHA512 "\x60\x86\x48\x01\x65\x03\x04\x02\x03"

#endif /* TERN_OID_INTERNAL_H */
