/*
 * Public-key objects shared by the whole library: keys (pointing into the
 * caller's memory, never copied), and the two classes the handshake uses:
 * tern_sig_class (sign / verify one TLS SignatureScheme) and
 * tern_kex_class (key agreement for one TLS NamedGroup).
 *
 * Keys hold big-endian byte strings (leading zero bytes stripped from
 * integers) that point into the buffer they were parsed from; that buffer
 * must outlive the key. Parsers are in keys.h, algorithms in rsa.h, ec.h,
 * curve25519.h and dh.h.
 */
#ifndef TERN_PK_H
#define TERN_PK_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"
#include "tern/error.h"
#include "tern/hash.h"
#include "tern/rand.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Key types */
enum {
    TERN_KEY_NONE = 0,
    TERN_KEY_RSA = 1,
    TERN_KEY_EC = 2, /* P-256 / P-384 */
    TERN_KEY_ED25519 = 3,
    TERN_KEY_X25519 = 4
};

/* Curves and groups: TLS NamedGroup values (RFC 8446 4.2.7, RFC 7919). */
enum {
    TERN_GROUP_SECP256R1 = 0x0017,
    TERN_GROUP_SECP384R1 = 0x0018,
    TERN_GROUP_X25519 = 0x001d,
    TERN_GROUP_FFDHE2048 = 0x0100,
    TERN_GROUP_FFDHE3072 = 0x0101
};

/* Signature schemes: TLS SignatureScheme values (RFC 8446 4.2.3). For
 * TLS 1.2 the high byte is the HashAlgorithm and the low byte the
 * SignatureAlgorithm (RFC 5246 7.4.1.4.1), which these values match. */
enum {
    TERN_SIG_RSA_PKCS1_SHA1 = 0x0201,
    TERN_SIG_ECDSA_SHA1 = 0x0203,
    TERN_SIG_RSA_PKCS1_SHA256 = 0x0401,
    TERN_SIG_RSA_PKCS1_SHA384 = 0x0501,
    TERN_SIG_RSA_PKCS1_SHA512 = 0x0601,
    TERN_SIG_ECDSA_SECP256R1_SHA256 = 0x0403,
    TERN_SIG_ECDSA_SECP384R1_SHA384 = 0x0503,
    TERN_SIG_ECDSA_SECP521R1_SHA512 = 0x0603,
    TERN_SIG_RSA_PSS_RSAE_SHA256 = 0x0804,
    TERN_SIG_RSA_PSS_RSAE_SHA384 = 0x0805,
    TERN_SIG_RSA_PSS_RSAE_SHA512 = 0x0806,
    TERN_SIG_ED25519 = 0x0807,
    TERN_SIG_RSA_PSS_PSS_SHA256 = 0x0809,
    TERN_SIG_RSA_PSS_PSS_SHA384 = 0x080a,
    TERN_SIG_RSA_PSS_PSS_SHA512 = 0x080b
};

typedef struct tern_rsa_pubkey {
    const uint8_t *n;
    size_t n_len;
    const uint8_t *e;
    size_t e_len;
} tern_rsa_pubkey;

/* CRT form is required (p, q, dp, dq, qinv); d is optional (may be NULL).
 * e is required (for blinding and the fault check). */
typedef struct tern_rsa_privkey {
    const uint8_t *n, *e, *d, *p, *q, *dp, *dq, *qinv;
    size_t n_len, e_len, d_len, p_len, q_len, dp_len, dq_len, qinv_len;
} tern_rsa_privkey;

/* EC public key: uncompressed SEC1 point 0x04 || X || Y. */
typedef struct tern_ec_pubkey {
    uint16_t curve; /* TERN_GROUP_SECP256R1 / _SECP384R1 */
    const uint8_t *q;
    size_t q_len;
} tern_ec_pubkey;

/* EC private key: scalar d (big-endian, <= field size; shorter means
 * leading zeros) and, when known, the public point. */
typedef struct tern_ec_privkey {
    uint16_t curve;
    const uint8_t *d;
    size_t d_len;
    const uint8_t *q; /* may be NULL */
    size_t q_len;
} tern_ec_privkey;

/* Ed25519 / X25519 keys: 32-byte strings. */
typedef struct tern_ed25519_pubkey {
    const uint8_t *pk;
} tern_ed25519_pubkey;
typedef struct tern_ed25519_privkey {
    const uint8_t *seed; /* RFC 8032 private key (32 bytes) */
    const uint8_t *pk;   /* may be NULL: derived when needed */
} tern_ed25519_privkey;

typedef struct tern_pubkey {
    int type; /* TERN_KEY_* */
    union {
        tern_rsa_pubkey rsa;
        tern_ec_pubkey ec;
        tern_ed25519_pubkey ed25519;
    } u;
} tern_pubkey;

typedef struct tern_privkey {
    int type; /* TERN_KEY_* */
    union {
        tern_rsa_privkey rsa;
        tern_ec_privkey ec;
        tern_ed25519_privkey ed25519;
    } u;
} tern_privkey;

/* Size in bits of the key (RSA modulus bits, curve size), 0 if unknown. */
size_t tern_pubkey_bits(const tern_pubkey *key);

/* ---- signature classes ----------------------------------------------- */

/* Largest signature tern produces or accepts, in bytes. */
#define TERN_SIG_MAX_LEN (TERN_CONFIG_MAX_RSA_BITS / 8)

typedef struct tern_sig_class tern_sig_class;
struct tern_sig_class {
    const char *name;            /* "ecdsa_secp256r1_sha256" */
    uint16_t scheme;             /* TERN_SIG_* */
    uint8_t key_type;            /* TERN_KEY_* */
    uint16_t curve;              /* for EC: required curve (0 = any) */
    const tern_hash_class *hash; /* NULL for Ed25519 */
    /* Verifies sig over msg (the class hashes msg itself). TERN_OK or
     * TERN_ERR_BAD_SIGNATURE (also for a key of the wrong type or size). */
    int (*verify)(const tern_sig_class *cls, const tern_pubkey *key, const uint8_t *msg,
                  size_t msg_len, const uint8_t *sig, size_t sig_len);
    /* Signs msg. On input *sig_len is the capacity of sig; on output the
     * signature length. ECDSA signatures are DER (as TLS sends them). The
     * rng provides blinding / extra randomness; it may be NULL only where
     * the algorithm is deterministic (Ed25519). */
    int (*sign)(const tern_sig_class *cls, const tern_privkey *key, const tern_rng_class **rng,
                const uint8_t *msg, size_t msg_len, uint8_t *sig, size_t *sig_len);
};

/* The built-in class for a TLS SignatureScheme, or NULL (unknown or
 * compiled out). */
const tern_sig_class *tern_sig_by_scheme(uint16_t scheme);

/* Sign / verify a digest already computed with the scheme's hash
 * (digest_len = that hash's digest length) with the built-in algorithm
 * of a TLS SignatureScheme. TLS 1.2 CertificateVerify needs this
 * (RFC 5246 7.4.8): it signs every handshake message so far, which the
 * handshake does not keep; it keeps their running hash instead.
 * Same outputs and errors as the class's sign / verify;
 * TERN_ERR_UNSUPPORTED_ALGORITHM for a scheme unknown, compiled out or
 * without a digest form (Ed25519). */
TERN_MUST_CHECK int tern_sig_sign_digest(uint16_t scheme, const tern_privkey *key,
                                         const tern_rng_class **rng, const uint8_t *digest,
                                         size_t digest_len, uint8_t *sig, size_t *sig_len);
TERN_MUST_CHECK int tern_sig_verify_digest(uint16_t scheme, const tern_pubkey *key,
                                           const uint8_t *digest, size_t digest_len,
                                           const uint8_t *sig, size_t sig_len);

/* ---- key agreement classes ------------------------------------------- */

#define TERN_KEX_MAX_PRIV 64
#define TERN_KEX_MAX_PUB 384 /* ffdhe3072 */
#define TERN_KEX_MAX_SECRET 384

typedef struct tern_kex_class tern_kex_class;
struct tern_kex_class {
    const char *name;    /* "x25519" */
    uint16_t group;      /* TERN_GROUP_* */
    uint16_t priv_len;   /* bytes of private key storage */
    uint16_t pub_len;    /* bytes of the public value (key_exchange field) */
    uint16_t secret_len; /* bytes of the shared secret (fixed length,
                            left-padded; TLS 1.2 DHE strips leading zeros
                            itself, RFC 5246 8.1.2) */
    /* Generates a key pair: priv_len bytes of private state, pub_len
     * bytes of public value. */
    int (*keygen)(const tern_kex_class *cls, const tern_rng_class **rng, uint8_t *priv,
                  uint8_t *pub);
    /* Computes the shared secret from our private state and the peer's
     * public value, which it validates: TERN_ERR_BAD_POINT (malformed,
     * off-curve, identity, out of range) or TERN_ERR_BAD_SHARED_SECRET
     * (all-zero / low-order result). */
    int (*derive)(const tern_kex_class *cls, const uint8_t *priv, const uint8_t *peer,
                  size_t peer_len, uint8_t *secret);
};

/* The built-in class for a TLS NamedGroup, or NULL. */
const tern_kex_class *tern_kex_by_group(uint16_t group);

#ifdef __cplusplus
}
#endif

#endif /* TERN_PK_H */
