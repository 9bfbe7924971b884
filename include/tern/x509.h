/*
 * X.509 certificates: trust store, chain verification, hostname checks.
 *
 * This header is the contract between the certificate code (src/x509) and
 * its users (the handshake, the seed API, applications verifying a chain
 * outside a handshake as the `001` seed's verifyCertificate does).
 *
 * Certificates are parsed in place: every structure points into the DER
 * the caller supplied, which must outlive it. Nothing here allocates, and
 * nothing is cached between calls. Certificates, chains and names are
 * public data: none of these functions is constant-time (the PEM
 * encoders are, as include/tern/pem.h says). A filled store is read-only
 * for verification, so one store serves any number of threads.
 *
 * Parsing is strict DER (src/asn1/asn1_internal.h) plus the rules RFC 5280
 * sets for every certificate: v3 extensions only in v3, no duplicate
 * extension, criticality as 4.2 requires per extension (AKI, SKI, AIA
 * never critical; policyConstraints, inhibitAnyPolicy always), no unknown
 * critical extension, TBS and outer signature algorithms identical.
 */
#ifndef TERN_X509_H
#define TERN_X509_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"
#include "tern/error.h"
#include "tern/pk.h"
#include "tern/platform.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- verification result reasons (bitmask) -------------------------------
 * The first seven are the Mbed Client seed's list, in its order. */
#define TERN_X509_NOT_TRUSTED 0x00000001u /* no path to a trust anchor */
#define TERN_X509_BAD_KEY 0x00000002u     /* key too small / unusable */
#define TERN_X509_BAD_PK 0x00000004u      /* public-key algorithm not allowed */
#define TERN_X509_BAD_MD 0x00000008u      /* signature hash not allowed */
#define TERN_X509_EXPIRED 0x00000010u
#define TERN_X509_FUTURE 0x00000020u        /* not yet valid */
#define TERN_X509_VERIFY_FAILED 0x00000040u /* a signature did not verify */
#define TERN_X509_NAME_MISMATCH 0x00000080u /* hostname / IP check failed */
#define TERN_X509_REVOKED 0x00000100u
#define TERN_X509_BAD_USAGE 0x00000200u       /* keyUsage / extendedKeyUsage */
#define TERN_X509_BAD_CONSTRAINTS 0x00000400u /* basicConstraints / pathLen */
#define TERN_X509_NAME_CONSTRAINTS 0x00000800u
#define TERN_X509_UNKNOWN_CRITICAL 0x00001000u
#define TERN_X509_MALFORMED 0x00002000u /* a certificate did not parse */
#define TERN_X509_CHAIN_TOO_LONG 0x00004000u
#define TERN_X509_NO_TIME 0x00008000u       /* no clock and check not waived */
#define TERN_X509_TOO_MUCH_WORK 0x00010000u /* path-building budget exhausted */
#define TERN_X509_BAD_CRL                                                                          \
    0x00020000u /* a CRL for a certificate of the                                                  \
                   path is unusable (bad signature,                                                \
                   malformed, stale): revocation                                                   \
                   status unknown, fail closed */
#define TERN_X509_BAD_POLICY                                                                       \
    0x00040000u /* certificate policies: an                                                        \
                   explicit policy was required                                                    \
                   and none is valid for the path */
#define TERN_X509_BAD_PROFILE                                                                      \
    0x00080000u /* a field RFC 5280 requires of a                                                  \
                   certificate in this place is                                                    \
                   missing or wrong (version,                                                      \
                   key identifiers) */

/* keyUsage bits (RFC 5280 4.2.1.3), for tern_x509_policy.required_key_usage. */
#define TERN_X509_KU_DIGITAL_SIGNATURE 0x0001u
#define TERN_X509_KU_NON_REPUDIATION 0x0002u
#define TERN_X509_KU_KEY_ENCIPHERMENT 0x0004u
#define TERN_X509_KU_DATA_ENCIPHERMENT 0x0008u
#define TERN_X509_KU_KEY_AGREEMENT 0x0010u
#define TERN_X509_KU_KEY_CERT_SIGN 0x0020u
#define TERN_X509_KU_CRL_SIGN 0x0040u
#define TERN_X509_KU_ENCIPHER_ONLY 0x0080u
#define TERN_X509_KU_DECIPHER_ONLY 0x0100u

/* Purposes (extendedKeyUsage / keyUsage checks on the leaf). */
enum {
    TERN_X509_PURPOSE_ANY = 0,
    TERN_X509_PURPOSE_SERVER = 1, /* serverAuth; TLS server certificate */
    TERN_X509_PURPOSE_CLIENT = 2  /* clientAuth; TLS client certificate */
};

/* Time check modes. */
enum {
    TERN_X509_TIME_REQUIRED = 0, /* use policy.now or the platform clock;
                                    no clock -> TERN_X509_NO_TIME */
    TERN_X509_TIME_IGNORE = 1    /* caller explicitly waives date checks
                                    (the seed's TLS_CHECK_CERT_EXP = 0) */
};

/* ---- trust store ------------------------------------------------------
 *
 * A trust store: anchors kept by pointer (the caller's DER stays in the
 * caller's memory) in a caller-sized table. Opaque layout is in the
 * implementation; size it with TERN_TRUST_STORE_SIZE(n). Revoked serials
 * and CRLs are added to the same store. Copies (PEM decoded into DER,
 * certificates read from files) go to an optional storage area the caller
 * also supplies (tern_trust_store_set_storage).
 *
 * A store is filled once and then only read: verifications may run on
 * several threads at a time on one store, additions may not. */
typedef struct tern_trust_store tern_trust_store;

/* Bytes of caller memory a store of up to n entries needs (anchors,
 * revoked serials and CRLs each take one entry). Constant expression. */
#define TERN_TRUST_STORE_SIZE(n) (TERN_TRUST_STORE_HEADER_ + (size_t)(n)*TERN_TRUST_STORE_ENTRY_)
/* implementation detail of TERN_TRUST_STORE_SIZE; do not use directly */
#define TERN_TRUST_STORE_HEADER_ (8u * sizeof(void *))
#define TERN_TRUST_STORE_ENTRY_ (6u * sizeof(void *) + 8u)

/* Lays a store out in mem (mem_len >= TERN_TRUST_STORE_SIZE(max_entries),
 * aligned for a pointer) and returns it in *store. TERN_ERR_NULL_POINTER,
 * TERN_ERR_BAD_ARG (misaligned), TERN_ERR_BUFFER_TOO_SMALL. */
TERN_MUST_CHECK int tern_trust_store_init(tern_trust_store **store, void *mem, size_t mem_len,
                                          size_t max_entries);

/* Gives the store len bytes at buf for copies (replacing any earlier
 * area, whose copies stay where they are). buf must outlive the store. */
TERN_MUST_CHECK int tern_trust_store_set_storage(tern_trust_store *store, void *buf, size_t len);

/* Adds one DER certificate as a trust anchor. The DER is kept by pointer
 * (no copy): it must outlive the store. The certificate must parse
 * (TERN_ERR_CERT_PARSE, TERN_ERR_CERT_UNKNOWN_CRITICAL) and carry a key
 * tern can use (TERN_ERR_CERT_BAD_KEY); TERN_ERR_FULL when the store is
 * full. Whether the anchor is fit to issue (validity, basicConstraints,
 * key size) is checked when a path uses it. */
TERN_MUST_CHECK int tern_trust_store_add_der(tern_trust_store *store, const uint8_t *der,
                                             size_t len);

/* As tern_trust_store_add_der, copying the DER into the storage area
 * first (TERN_ERR_BUFFER_TOO_SMALL when it does not fit). */
TERN_MUST_CHECK int tern_trust_store_add_der_copy(tern_trust_store *store, const uint8_t *der,
                                                  size_t len);

/* Adds every "CERTIFICATE" (and "TRUSTED CERTIFICATE") block of a PEM
 * bundle (include/tern/pem.h: text outside blocks, such as comments or
 * "Bag Attributes", is ignored; other blocks such as keys are skipped).
 * The DER goes to the storage area. *added (may be NULL) receives the
 * number of anchors added, also on error (the ones before the failing
 * block stay in the store). TERN_ERR_NOT_FOUND when the text holds no
 * certificate; TERN_ERR_PEM; the errors of tern_trust_store_add_der. */
TERN_MUST_CHECK int tern_trust_store_add_pem(tern_trust_store *store, const char *pem, size_t len,
                                             size_t *added);

/* As tern_trust_store_add_pem, decoding every certificate block over its
 * own PEM text (tern_pem_decode_inplace), so no storage area is needed:
 * pem must be writable and outlive the store. */
TERN_MUST_CHECK int tern_trust_store_add_pem_inplace(tern_trust_store *store, char *pem, size_t len,
                                                     size_t *added);

/* Marks a certificate as revoked, the seed's revoked-certificate table
 * (g_tls_arr_rv_cert): any certificate with the same issuer name and
 * serial number is rejected with TERN_X509_REVOKED. The DER is kept by
 * pointer. TERN_ERR_CERT_PARSE, TERN_ERR_FULL. */
TERN_MUST_CHECK int tern_trust_store_add_revoked(tern_trust_store *store, const uint8_t *der,
                                                 size_t len);

/* Marks a serial number of one issuer as revoked: issuer is the DER Name
 * (as in the certificate's issuer field, header included), serial the
 * contents octets of the INTEGER (minimal two's complement, as
 * certificates carry them). Both kept by pointer. TERN_ERR_CERT_PARSE
 * (issuer), TERN_ERR_BAD_ARG (serial), TERN_ERR_FULL. */
TERN_MUST_CHECK int tern_trust_store_add_revoked_serial(tern_trust_store *store,
                                                        const uint8_t *issuer, size_t issuer_len,
                                                        const uint8_t *serial, size_t serial_len);

/* Adds a CRL (DER CertificateList, RFC 5280 5) kept by pointer. It is
 * used for the certificates whose issuer name is the CRL's issuer: the
 * CRL must verify with that issuer's key (whose keyUsage, if present,
 * has cRLSign), be current (thisUpdate <= now <= nextUpdate) and then a
 * listed serial is TERN_X509_REVOKED; a CRL that fails those checks
 * makes the path fail with TERN_X509_BAD_CRL (fail closed). A
 * certificate whose issuer has no CRL in the store is not checked
 * (tern never fetches CRLs). Complete CRLs only: a CRL without a CRL
 * number, or with delta, indirect or distribution-point scope (critical
 * extensions tern does not evaluate), is refused here with
 * TERN_ERR_CERT_PARSE / TERN_ERR_CERT_UNKNOWN_CRITICAL. TERN_ERR_FULL. */
TERN_MUST_CHECK int tern_trust_store_add_crl(tern_trust_store *store, const uint8_t *der,
                                             size_t len);

/* As tern_trust_store_add_crl, copying into the storage area first. */
TERN_MUST_CHECK int tern_trust_store_add_crl_copy(tern_trust_store *store, const uint8_t *der,
                                                  size_t len);

#if TERN_CONFIG_PLATFORM_POSIX
/* Hosted systems only (src/x509/x509_store_file.c). Adds the anchors of
 * one file: a PEM bundle (every "CERTIFICATE" block, text around them
 * ignored) or one DER certificate. The bytes are read into the storage
 * area (tern_trust_store_set_storage), which must have room for the whole
 * file while it is read; afterwards only the certificates' DER stays
 * there. A certificate already in the store (same bytes) is not added
 * twice. *added (may be NULL) counts the new anchors, also on error.
 * TERN_ERR_NOT_FOUND (no such regular file, or no certificate in it),
 * TERN_ERR_BUFFER_TOO_SMALL, TERN_ERR_PLATFORM (read error), TERN_ERR_PEM
 * and the errors of tern_trust_store_add_der. */
TERN_MUST_CHECK int tern_trust_store_add_file(tern_trust_store *store, const char *path,
                                              size_t *added);

/* Every file of a directory (not recursing; names starting with '.'
 * skipped), as tern_trust_store_add_file, e.g. /etc/ssl/certs. Files
 * that hold no usable certificate are passed over; the store or its
 * storage running full stops the walk with that error. TERN_ERR_NOT_FOUND
 * when nothing was added. */
TERN_MUST_CHECK int tern_trust_store_add_dir(tern_trust_store *store, const char *dir,
                                             size_t *added);
#endif

/* Number of entries in the store (anchors, revoked entries and CRLs). */
size_t tern_trust_store_count(const tern_trust_store *store);

/* The i-th trust anchor (0-based, in the order added; revoked entries and
 * CRLs are not counted). TERN_ERR_NOT_FOUND past the end. */
TERN_MUST_CHECK int tern_trust_store_get(const tern_trust_store *store, size_t i,
                                         const uint8_t **der, size_t *len);

/* ---- verification ----------------------------------------------------- */

/* Verification policy: defaults from tern_x509_policy_init() are the
 * secure ones of DESIGN.md (RSA >= 2048, no SHA-1/MD5 signatures, time
 * required, max depth 8). Fields after cn_fallback were added later;
 * tern_x509_policy_init() sets all of them. */
typedef struct tern_x509_policy {
    int purpose;                   /* TERN_X509_PURPOSE_* */
    int time_mode;                 /* TERN_X509_TIME_* */
    int64_t now;                   /* seconds since 1970; 0 = ask the platform */
    const tern_platform *platform; /* NULL: tern_platform_default() */
    uint16_t min_rsa_bits;         /* default 2048; never below 1024 whatever
                                      it says (RSA-512 always rejected), and
                                      moduli must be whole octets */
    uint8_t allow_sha1;            /* default 0 */
    uint8_t max_depth;             /* certificates in a path including leaf and
                                      anchor, default 8, at most 16 */
    uint16_t max_candidates;       /* path-building budget, default 64: at
                                      most this many issuer candidates tried
                                      and this many signatures verified per
                                      call */
    uint8_t cn_fallback;           /* match hostname against subject CN when
                                      there is no SAN; default 0 */
    uint16_t required_key_usage;   /* TERN_X509_KU_* bits a leaf with a
                                      keyUsage extension must have; default 0
                                      (the purpose's own rule still applies) */
} tern_x509_policy;

/* Fills *policy with the defaults above (purpose SERVER, time required,
 * now 0, platform NULL). */
void tern_x509_policy_init(tern_x509_policy *policy);

/* Largest path (leaf, intermediates, anchor) the verifier builds. */
#define TERN_X509_MAX_DEPTH 16

/* Result of a verification. */
typedef struct tern_x509_result {
    uint32_t reasons; /* TERN_X509_* bits found (0 on success) */
    size_t path_len;  /* certificates in the validated path incl. anchor */
    /* Indexes into the caller's certificate list for the validated path,
     * leaf first; the anchor is reported through `anchor`. */
    uint8_t path[16];
    const uint8_t *anchor; /* DER of the trust anchor used */
    size_t anchor_len;
} tern_x509_result;

/* Verifies a chain as received in a TLS Certificate message: certs[0] is
 * the leaf, the rest an unordered pool of intermediates (at most 255
 * certificates in all). hostname: the name (DNS name or IP literal) to
 * check, or NULL to skip the name check (the caller's explicit choice; an
 * empty string is a name that matches nothing). Returns TERN_OK, or a
 * TERN_ERR_CERT_* code for the most important reason with every reason in
 * res->reasons. res may be NULL.
 *
 * What is checked (RFC 5280 section 6 with the web PKI profile; the
 * details are in src/x509/x509_verify.c and x509_check.c): a path from the
 * leaf through the pool to an anchor of the store, trying alternatives
 * when a candidate fails (at most max_candidates issuer candidates and
 * max_depth certificates); the signature on every link; validity at the
 * policy's time for every certificate including the anchor;
 * basicConstraints, pathLen, keyUsage and key identifiers of the CAs;
 * extendedKeyUsage of the leaf for the purpose (and of CAs that carry
 * one); name constraints; certificate policies; revocation by the
 * store's revoked entries and CRLs; key sizes and algorithms by policy;
 * the hostname. Nothing is allocated and nothing is cached between
 * calls; the stack use is bounded (under 4 KB plus the signature
 * algorithm's own). Errors: TERN_ERR_NULL_POINTER, TERN_ERR_BAD_ARG (no
 * certificate, too many) and the TERN_ERR_CERT_* codes. */
TERN_MUST_CHECK int tern_x509_verify_chain(const tern_trust_store *store,
                                           const tern_x509_policy *policy,
                                           const uint8_t *const *certs, const size_t *cert_lens,
                                           size_t ncerts, const char *hostname,
                                           tern_x509_result *res);

/* Extracts the subject public key of a DER certificate (pointing into
 * der). TERN_ERR_CERT_PARSE for a malformed certificate,
 * TERN_ERR_UNSUPPORTED_ALGORITHM for an unknown key type. */
TERN_MUST_CHECK int tern_x509_cert_pubkey(const uint8_t *der, size_t len, tern_pubkey *key);

/* ---- PEM <-> DER for certificate chains ---------------------------------
 * (RFC 7468 "CERTIFICATE" blocks; the text rules are those of
 * include/tern/pem.h: text outside blocks is ignored, base64 is strict.) */

/* Length of the PEM text tern_x509_chain_to_pem() writes for n
 * certificates of the given DER lengths. */
size_t tern_x509_chain_pem_len(const size_t *lens, size_t n);

/* Writes the chain (e.g. a peer's, as tern_conn_peer_cert gives it) as
 * consecutive "CERTIFICATE" blocks, in order, 64-character lines, no NUL.
 * *out_len receives the text length, or on TERN_ERR_BUFFER_TOO_SMALL the
 * capacity needed. The DER is not parsed. Constant-time in the bytes. */
TERN_MUST_CHECK int tern_x509_chain_to_pem(const uint8_t *const *certs, const size_t *lens,
                                           size_t n, char *out, size_t cap, size_t *out_len);

/* Reads every "CERTIFICATE" block of a PEM text (other blocks and text
 * skipped) into der (cap bytes, one certificate after the other):
 * certs[i] / lens[i] point into der, *n is the number read (also on
 * error: those before the failing block). Each must parse as a
 * certificate (TERN_ERR_CERT_PARSE). TERN_ERR_NOT_FOUND without any
 * certificate, TERN_ERR_FULL for more than max, TERN_ERR_BUFFER_TOO_SMALL
 * when der is full, TERN_ERR_PEM. The result can go straight to
 * tern_x509_verify_chain (leaf first, as in the text). */
TERN_MUST_CHECK int tern_x509_chain_from_pem(const char *pem, size_t len, uint8_t *der, size_t cap,
                                             const uint8_t **certs, size_t *lens, size_t max,
                                             size_t *n);

/* As tern_x509_chain_from_pem, decoding each block over its own text
 * (pem must be writable; the certificates then point into it). */
TERN_MUST_CHECK int tern_x509_chain_from_pem_inplace(char *pem, size_t len, const uint8_t **certs,
                                                     size_t *lens, size_t max, size_t *n);

#ifdef __cplusplus
}
#endif

#endif /* TERN_X509_H */
