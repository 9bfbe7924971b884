/*
 * X.509 certificates: trust store, chain verification, hostname checks.
 *
 * This header is the contract between the certificate code (src/x509) and
 * its users (the handshake, the seed API, applications verifying a chain
 * outside a handshake as the `001` seed's verifyCertificate does).
 *
 * Certificates are parsed in place: every structure points into the DER
 * the caller supplied, which must outlive it. Nothing here allocates.
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
#define TERN_X509_NOT_TRUSTED 0x00000001u   /* no path to a trust anchor */
#define TERN_X509_BAD_KEY 0x00000002u       /* key too small / unusable */
#define TERN_X509_BAD_PK 0x00000004u        /* public-key algorithm not allowed */
#define TERN_X509_BAD_MD 0x00000008u        /* signature hash not allowed */
#define TERN_X509_EXPIRED 0x00000010u
#define TERN_X509_FUTURE 0x00000020u        /* not yet valid */
#define TERN_X509_VERIFY_FAILED 0x00000040u /* a signature did not verify */
#define TERN_X509_NAME_MISMATCH 0x00000080u /* hostname / IP check failed */
#define TERN_X509_REVOKED 0x00000100u
#define TERN_X509_BAD_USAGE 0x00000200u      /* keyUsage / extendedKeyUsage */
#define TERN_X509_BAD_CONSTRAINTS 0x00000400u /* basicConstraints / pathLen */
#define TERN_X509_NAME_CONSTRAINTS 0x00000800u
#define TERN_X509_UNKNOWN_CRITICAL 0x00001000u
#define TERN_X509_MALFORMED 0x00002000u      /* a certificate did not parse */
#define TERN_X509_CHAIN_TOO_LONG 0x00004000u
#define TERN_X509_NO_TIME 0x00008000u        /* no clock and check not waived */
#define TERN_X509_TOO_MUCH_WORK 0x00010000u  /* path-building budget exhausted */

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

/* A trust store: anchors kept by pointer (the caller's DER stays in the
 * caller's memory) in a caller-sized table. Opaque layout is in the
 * implementation; size it with TERN_TRUST_STORE_SIZE(n). Revoked serials
 * and CRLs are added to the same store. */
typedef struct tern_trust_store tern_trust_store;

/* Bytes of caller memory a store of up to n entries needs (anchors,
 * revoked serials and CRLs each take one entry). Constant expression. */
#define TERN_TRUST_STORE_SIZE(n) (TERN_TRUST_STORE_HEADER_ + (size_t)(n) * TERN_TRUST_STORE_ENTRY_)
/* implementation detail of TERN_TRUST_STORE_SIZE; do not use directly */
#define TERN_TRUST_STORE_HEADER_ 64u
#define TERN_TRUST_STORE_ENTRY_ 96u

/* Lays a store out in mem (mem_len >= TERN_TRUST_STORE_SIZE(max_entries),
 * aligned for a pointer) and returns it in *store. TERN_ERR_BAD_ARG,
 * TERN_ERR_BUFFER_TOO_SMALL. */
TERN_MUST_CHECK int tern_trust_store_init(tern_trust_store **store, void *mem, size_t mem_len,
                                          size_t max_entries);

/* Adds one DER certificate as a trust anchor. The DER is kept by pointer
 * (no copy): it must outlive the store. TERN_ERR_CERT_PARSE,
 * TERN_ERR_BUFFER_TOO_SMALL when the store is full. */
TERN_MUST_CHECK int tern_trust_store_add_der(tern_trust_store *store, const uint8_t *der,
                                             size_t len);

/* Verification policy: defaults from tern_x509_policy_init() are the
 * secure ones of DESIGN.md (RSA >= 2048, no SHA-1/MD5 signatures, time
 * required, max depth 8). */
typedef struct tern_x509_policy {
    int purpose;                /* TERN_X509_PURPOSE_* */
    int time_mode;              /* TERN_X509_TIME_* */
    int64_t now;                /* seconds since 1970; 0 = ask the platform */
    const tern_platform *platform;
    uint16_t min_rsa_bits;      /* default 2048; RSA-512 is always rejected */
    uint8_t allow_sha1;         /* default 0 */
    uint8_t max_depth;          /* certificates in a path, default 8 */
    uint16_t max_candidates;    /* path-building budget, default 64 */
    uint8_t cn_fallback;        /* match hostname against subject CN when
                                   there is no SAN; default 0 */
} tern_x509_policy;

void tern_x509_policy_init(tern_x509_policy *policy);

/* Result of a verification. */
typedef struct tern_x509_result {
    uint32_t reasons;     /* TERN_X509_* bits found (0 on success) */
    size_t path_len;      /* certificates in the validated path incl. anchor */
    /* Indexes into the caller's certificate list for the validated path,
     * leaf first; the anchor is reported through `anchor`. */
    uint8_t path[16];
    const uint8_t *anchor; /* DER of the trust anchor used */
    size_t anchor_len;
} tern_x509_result;

/* Verifies a chain as received in a TLS Certificate message: certs[0] is
 * the leaf, the rest an unordered pool of intermediates. hostname: the
 * name (DNS name or IP literal) to check, or NULL to skip the name check
 * (the caller's explicit choice). Returns TERN_OK, or a TERN_ERR_CERT_*
 * code for the most important reason with every reason in res->reasons.
 * res may be NULL. */
TERN_MUST_CHECK int tern_x509_verify_chain(const tern_trust_store *store,
                                           const tern_x509_policy *policy,
                                           const uint8_t *const *certs, const size_t *cert_lens,
                                           size_t ncerts, const char *hostname,
                                           tern_x509_result *res);

/* Extracts the subject public key of a DER certificate (pointing into
 * der). TERN_ERR_CERT_PARSE for a malformed certificate,
 * TERN_ERR_UNSUPPORTED_ALGORITHM for an unknown key type. */
TERN_MUST_CHECK int tern_x509_cert_pubkey(const uint8_t *der, size_t len, tern_pubkey *key);

#ifdef __cplusplus
}
#endif

#endif /* TERN_X509_H */
