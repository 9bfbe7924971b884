/*
 * Certificate internals: the parsed view of a certificate (pointers into
 * its DER, nothing copied), the extension parsers, signature checks, name
 * matching and the trust store layout.
 *
 * Parsing (x509_parse.c, x509_ext.c) checks the encoding strictly and the
 * rules RFC 5280 states about the certificate alone (version and
 * extensions, serial number, extension criticality and contents). Rules
 * that depend on the certificate's place in a path (CA or leaf) are
 * applied by the verifier (x509_verify.c, x509_check.c).
 */
#ifndef TERN_X509_INTERNAL_H
#define TERN_X509_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "asn1/asn1_internal.h"
#include "tern/pk.h"
#include "tern/x509.h"

/* A byte range inside the certificate (p may be NULL when len is 0). */
typedef struct tern_x509_span {
    const uint8_t *p;
    size_t len;
} tern_x509_span;

/* Signature algorithm kinds (AlgorithmIdentifier of a signature). */
enum {
    TERN_X509_SIG_NONE = 0,
    TERN_X509_SIG_RSA_PKCS1 = 1, /* RSASSA-PKCS1-v1_5 with sig_hash */
    TERN_X509_SIG_RSA_PSS = 2,   /* RSASSA-PSS, sig_hash / mgf1 / salt */
    TERN_X509_SIG_ECDSA = 3,     /* ECDSA with sig_hash */
    TERN_X509_SIG_ED25519 = 4    /* PureEdDSA, no hash */
};

/* A signature algorithm as parsed from an AlgorithmIdentifier. hash ids
 * are TERN_HASH_*; TERN_HASH_MD5 is recognised only to be refused. */
typedef struct tern_x509_sigalg {
    uint8_t kind;      /* TERN_X509_SIG_* */
    uint8_t hash;      /* TERN_HASH_* (0 for Ed25519) */
    uint8_t mgf1_hash; /* PSS only */
    uint16_t salt_len; /* PSS only */
} tern_x509_sigalg;

/* Extension presence bits (tern_x509_cert.ext). */
#define TERN_X509_EXT_BC 0x0001u
#define TERN_X509_EXT_KU 0x0002u
#define TERN_X509_EXT_EKU 0x0004u
#define TERN_X509_EXT_SAN 0x0008u
#define TERN_X509_EXT_NC 0x0010u
#define TERN_X509_EXT_AKI 0x0020u
#define TERN_X509_EXT_SKI 0x0040u
#define TERN_X509_EXT_POLICIES 0x0080u
#define TERN_X509_EXT_POLICY_CONSTRAINTS 0x0100u
#define TERN_X509_EXT_POLICY_MAPPINGS 0x0200u
#define TERN_X509_EXT_INHIBIT_ANY 0x0400u
#define TERN_X509_EXT_CRL_DP 0x0800u
#define TERN_X509_EXT_AIA 0x1000u

/* A parsed certificate. Every span points into the DER it came from. */
typedef struct tern_x509_cert {
    tern_x509_span raw;     /* the whole Certificate */
    tern_x509_span tbs;     /* TBSCertificate, header included: the signed
                               bytes */
    tern_x509_span sig;     /* signatureValue octets */
    tern_x509_span serial;  /* serialNumber contents (two's complement) */
    tern_x509_span issuer;  /* issuer Name, header included */
    tern_x509_span subject; /* subject Name, header included */
    tern_x509_span spki;    /* SubjectPublicKeyInfo, header included */
    int64_t not_before;
    int64_t not_after;
    tern_x509_sigalg sigalg; /* signatureAlgorithm (= TBS signature) */
    uint8_t version;         /* 1, 2 or 3 */
    uint8_t ca;              /* basicConstraints cA */
    uint8_t bc_critical;
    int16_t path_len;   /* pathLenConstraint, -1 when absent */
    uint16_t ext;       /* TERN_X509_EXT_* present */
    uint16_t key_usage; /* TERN_X509_KU_* (when EXT_KU) */
    uint8_t san_critical;
    uint8_t eku_critical;
    uint8_t sigalg_ok;           /* the algorithm is known and supported */
    uint8_t unknown_critical;    /* a critical extension tern does not process */
    uint8_t bad_serial;          /* serial zero, negative or over 20 octets */
    uint8_t aki_issuer_serial;   /* AKI names the issuer and serial */
    tern_x509_span eku;          /* KeyPurposeId OIDs: SEQUENCE contents */
    tern_x509_span san;          /* GeneralNames: SEQUENCE contents */
    tern_x509_span nc_permitted; /* GeneralSubtrees contents, or len 0 */
    tern_x509_span nc_excluded;
    tern_x509_span aki;       /* AKI keyIdentifier octets, or len 0 */
    tern_x509_span ski;       /* keyIdentifier octets */
    tern_x509_span policies;  /* certificatePolicies SEQUENCE contents */
    tern_x509_span mappings;  /* policyMappings SEQUENCE contents */
    int16_t require_explicit; /* policyConstraints, -1 when absent */
    int16_t inhibit_mapping;
    int16_t inhibit_any; /* inhibitAnyPolicy SkipCerts, -1 absent */
} tern_x509_cert;

/* Parses a DER certificate (the whole input, no trailing bytes).
 * TERN_ERR_CERT_PARSE for anything malformed or not allowed by RFC 5280
 * for any certificate; TERN_ERR_CERT_UNKNOWN_CRITICAL for a critical
 * extension tern does not process. An unsupported signature algorithm is
 * not an error here (sigalg_ok = 0): the certificate can still be an
 * anchor or a leaf whose signature someone else checks. */
TERN_MUST_CHECK int tern_x509_parse(const uint8_t *der, size_t len, tern_x509_cert *c);

/* Parses the extensions SEQUENCE contents into c (x509_ext.c). */
TERN_MUST_CHECK int tern_x509_parse_extensions(tern_reader *exts, tern_x509_cert *c);

/* GeneralName tags (RFC 5280 4.2.1.6): [0] and [3..5] are constructed. */
#define TERN_X509_GN_OTHER 0xa0u
#define TERN_X509_GN_EMAIL 0x81u
#define TERN_X509_GN_DNS 0x82u
#define TERN_X509_GN_X400 0xa3u
#define TERN_X509_GN_DIRNAME 0xa4u
#define TERN_X509_GN_EDI 0xa5u
#define TERN_X509_GN_URI 0x86u
#define TERN_X509_GN_IP 0x87u
#define TERN_X509_GN_RID 0x88u

/* Reads one GeneralName and checks its syntax: IA5String contents for
 * email, DNS and URI; a well-formed Name inside directoryName (whose
 * contents are then the Name, header included); OID contents for
 * registeredID; otherName = type-id OID + [0] EXPLICIT value. iPAddress
 * lengths are left to the caller (4/16 in a SAN, 8/32 in a constraint).
 * TERN_ERR_ASN1 when malformed. */
TERN_MUST_CHECK int tern_x509_read_general_name(tern_reader *r, tern_der_elem *gn);

/* Reads a signature AlgorithmIdentifier. Unknown algorithms give
 * TERN_ERR_UNSUPPORTED_ALGORITHM with the reader moved past the element;
 * malformed ones TERN_ERR_ASN1. */
TERN_MUST_CHECK int tern_x509_read_sigalg(tern_reader *r, tern_x509_sigalg *alg);

/* Checks a Name (RDNSequence, header included): every RDN a non-empty
 * SET of AttributeTypeAndValue with an OID and a value. */
TERN_MUST_CHECK int tern_x509_check_name(const uint8_t *p, size_t len);

/* 1 if the two encoded Names are equal (byte comparison of the DER, which
 * is canonical for the strings tern accepts), else 0. */
int tern_x509_name_eq(const tern_x509_span *a, const tern_x509_span *b);

/* 1 if a Name is empty (RDNSequence with no RDN). */
int tern_x509_name_empty(const tern_x509_span *name);

/* Verifies sig (made with alg over msg) with the public key in spki.
 * TERN_OK, TERN_ERR_BAD_SIGNATURE, TERN_ERR_UNSUPPORTED_ALGORITHM. */
TERN_MUST_CHECK int tern_x509_verify_signature(const tern_x509_sigalg *alg, const tern_pubkey *key,
                                               const uint8_t *msg, size_t msg_len,
                                               const uint8_t *sig, size_t sig_len);

/* ---- names (x509_host.c, x509_nc.c) ------------------------------------ */

/* Parses an IP literal: dotted-quad IPv4 (4 bytes out) or RFC 4291 2.2
 * IPv6 text (16 bytes). Returns the length (4 or 16) or 0 if s is not an
 * IP literal. */
size_t tern_x509_parse_ip(const char *s, size_t len, uint8_t out[16]);

/* 1 if s is a valid DNS name for a certificate SAN (LDH labels of 1..63
 * characters, at most 253 in all, no trailing dot); allow_wildcard lets
 * the left-most label be exactly "*". */
int tern_x509_dns_valid(const uint8_t *s, size_t len, int allow_wildcard);

/* RFC 6125 / RFC 9525 match of the reference identity host against the
 * certificate's SANs (or CN when cn_fallback and there is no SAN).
 * TERN_OK or TERN_ERR_CERT_NAME_MISMATCH. */
TERN_MUST_CHECK int tern_x509_match_host(const tern_x509_cert *c, const char *host,
                                         int cn_fallback);

/* ---- per-certificate checks (x509_check.c) ------------------------------
 * Each returns the TERN_X509_* reason bits found (0 = fine). */

/* The subject key: parses it into *key and applies the key policy
 * (algorithm usable for signatures, RSA size and bits % 8). */
uint32_t tern_x509_check_key(const tern_x509_cert *c, const tern_x509_policy *pol,
                             tern_pubkey *key);

/* The certificate's own signature algorithm against the policy. */
uint32_t tern_x509_check_sigalg(const tern_x509_cert *c, const tern_x509_policy *pol);

/* Validity at now (skipped when check_time is 0). */
uint32_t tern_x509_check_time(const tern_x509_cert *c, int64_t now, int check_time);

/* A certificate used as an issuer (intermediate or anchor). */
uint32_t tern_x509_check_ca(const tern_x509_cert *c, const tern_x509_policy *pol, int is_anchor);

/* The end-entity certificate: profile, usage for the purpose, name. */
uint32_t tern_x509_check_leaf(const tern_x509_cert *c, const tern_x509_policy *pol,
                              const char *host);

/* Everything about the leaf alone, from its DER: parse (MALFORMED /
 * UNKNOWN_CRITICAL), tern_x509_check_leaf, validity, key and algorithm
 * policy. */
uint32_t tern_x509_leaf_reasons(const uint8_t *der, size_t len, const tern_x509_policy *pol,
                                const char *host, int64_t now, int check_time);

/* 1 if the certificate's subject and issuer names are equal. */
int tern_x509_self_issued(const tern_x509_cert *c);

/* ---- trust store --------------------------------------------------------- */

enum {
    TERN_X509_ENTRY_ANCHOR = 1,
    TERN_X509_ENTRY_REVOKED = 2, /* issuer name + serial */
    TERN_X509_ENTRY_CRL = 3
};

/* One store entry. Anchor: der / len the certificate, name its subject,
 * aux its subjectKeyIdentifier (len 0 when absent). Revoked: name the
 * issuer, aux the serial contents. CRL: der the CertificateList, name its
 * issuer. */
typedef struct tern_x509_entry {
    const uint8_t *der;
    size_t len;
    const uint8_t *name;
    size_t name_len;
    const uint8_t *aux;
    size_t aux_len;
    uint32_t type;
    uint32_t flags;
} tern_x509_entry;

struct tern_trust_store {
    uint32_t magic;
    uint32_t reserved;
    size_t max;
    size_t count;
    uint8_t *arena; /* copies (tern_trust_store_set_storage) */
    size_t arena_cap;
    size_t arena_used;
};

#define TERN_X509_STORE_MAGIC 0x74727374u /* "trst" */

/* Entry i (< s->count); the entries follow the header at
 * TERN_TRUST_STORE_HEADER_, TERN_TRUST_STORE_ENTRY_ bytes apart. */
const tern_x509_entry *tern_x509_store_entry(const tern_trust_store *s, size_t i);

#endif /* TERN_X509_INTERNAL_H */
