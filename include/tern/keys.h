/*
 * Key formats: DER and PEM parsers that fill tern_pubkey / tern_privkey
 * (include/tern/pk.h). Nothing is copied: the keys point into the DER
 * buffer given to the parser, which must outlive them (for the PEM
 * functions: the DER output buffer, or the PEM text itself in place).
 *
 * Formats
 *   public  SubjectPublicKeyInfo (RFC 5280 4.1.2.7)       "PUBLIC KEY"
 *             rsaEncryption, parameters NULL (RFC 3279 2.3.1)
 *             id-RSASSA-PSS, parameters absent or RSASSA-PSS-params
 *               (RFC 4055 3.1): parsed as an RSA key; the parameters are
 *               checked and recorded in tern_key_info
 *             id-ecPublicKey, namedCurve secp256r1 / secp384r1
 *               (RFC 5480 2.1.1), uncompressed point
 *             id-Ed25519, id-X25519 (RFC 8410), no parameters
 *           PKCS#1 RSAPublicKey (RFC 8017 A.1.1)           "RSA PUBLIC KEY"
 *   private PKCS#8 PrivateKeyInfo / OneAsymmetricKey       "PRIVATE KEY"
 *             (RFC 5208, RFC 5958), version 0 or 1 (1 may carry the
 *             public key), unencrypted, for RSA (also id-RSASSA-PSS), EC
 *             (SEC1 inside, its parameters optional), Ed25519, X25519
 *             (RFC 8410 7); attributes are skipped
 *           PKCS#1 RSAPrivateKey, version 0 (two primes)   "RSA PRIVATE KEY"
 *           SEC1 ECPrivateKey (RFC 5915), parameters       "EC PRIVATE KEY"
 *             required when not inside PKCS#8
 *   not supported: "ENCRYPTED PRIVATE KEY" (PKCS#8 EncryptedPrivateKeyInfo)
 *           and legacy encrypted PEM ("Proc-Type: 4,ENCRYPTED") give
 *           TERN_ERR_UNSUPPORTED: tern has no password-based decryption;
 *           decrypt the key offline (openssl pkey -in k.pem -out plain.pem).
 *
 * DER is parsed strictly (src/asn1/asn1_internal.h lists the rules); the
 * whole input must be one structure, without trailing bytes.
 *
 * Checks beyond the encoding (cheap ones only; the algorithms check the
 * rest, e.g. the EC code that the point is on the curve and d < n):
 *   RSA    n odd, e odd, 3 <= e < n; n longer than 512 bits
 *          (TERN_ERR_KEY_TOO_SMALL: RSA-512 is rejected always, the 2048-bit
 *          policy is applied where keys are used) and at most
 *          TERN_CONFIG_MAX_RSA_BITS (TERN_ERR_BAD_KEY); private keys: every
 *          integer positive, p and q odd, bits(p) + bits(q) = bits(n) or
 *          bits(n) + 1, d no longer than n, dp and qinv no longer than p, dq
 *          no longer than q; a public key in PKCS#8 v1 must match.
 *   EC     point 0x04 || X || Y of the curve's length (compressed points:
 *          TERN_ERR_UNSUPPORTED_ALGORITHM; other forms TERN_ERR_BAD_KEY);
 *          0 < d, d no longer than the curve order; curves given twice
 *          (PKCS#8 and SEC1) or public keys given twice must agree.
 *   25519  keys of exactly 32 bytes.
 * Private key values are only passed through: the checks above look at
 * lengths, low bits and "is zero" (the latter without branching on the
 * value). Nothing here does arithmetic on a secret.
 *
 * X25519 keys use the u.ed25519 member of the key unions (pk = the public
 * u-coordinate, seed = the private scalar as stored, RFC 7748 5).
 *
 * Errors: TERN_ERR_ASN1 (malformed DER or a structure that does not match
 * the format), TERN_ERR_BAD_KEY (well formed but unusable),
 * TERN_ERR_KEY_TOO_SMALL, TERN_ERR_UNSUPPORTED_ALGORITHM (unknown
 * algorithm or curve, compressed point, multi-prime RSA), and for the PEM
 * functions also TERN_ERR_PEM, TERN_ERR_NOT_FOUND (no block with a key
 * label), TERN_ERR_UNSUPPORTED and TERN_ERR_BUFFER_TOO_SMALL.
 */
#ifndef TERN_KEYS_H
#define TERN_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"
#include "tern/error.h"
#include "tern/pk.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The algorithm a key was labelled with, finer than tern_pubkey.type. */
enum {
    TERN_KEY_ALG_RSA = 1,     /* rsaEncryption (and PKCS#1 formats) */
    TERN_KEY_ALG_RSA_PSS = 2, /* id-RSASSA-PSS: the key may only make PSS
                                 signatures (TLS rsa_pss_pss_*) */
    TERN_KEY_ALG_EC = 3,
    TERN_KEY_ALG_ED25519 = 4,
    TERN_KEY_ALG_X25519 = 5
};

/* What an AlgorithmIdentifier said beyond the key type. For id-RSASSA-PSS
 * with parameters (RFC 4055 3.1), the key is bound to one hash, one MGF1
 * hash and a minimum salt length; TLS 1.3 (RFC 8446 4.2.3) can then use it
 * only with the matching rsa_pss_pss_* scheme. */
typedef struct tern_key_info {
    int alg;               /* TERN_KEY_ALG_* */
    int pss_params;        /* 1 if RSASSA-PSS-params were present */
    uint8_t pss_hash;      /* TERN_HASH_* of hashAlgorithm (default SHA-1) */
    uint8_t pss_mgf1_hash; /* TERN_HASH_* of the MGF1 hash (default SHA-1) */
    uint16_t pss_salt_len; /* saltLength (default 20) */
    uint16_t pss_scheme;   /* TERN_SIG_RSA_PSS_PSS_SHA256/384/512 if the
                              parameters allow exactly that TLS scheme
                              (hash = MGF1 hash = SHA-256/384/512, salt
                              length <= the hash length), else 0; 0 also when
                              there are no parameters (any scheme) */
} tern_key_info;

/* SubjectPublicKeyInfo. info may be NULL. */
TERN_MUST_CHECK int tern_key_parse_spki(const uint8_t *der, size_t len, tern_pubkey *pub,
                                        tern_key_info *info);

/* PKCS#1 RSAPublicKey. */
TERN_MUST_CHECK int tern_key_parse_rsa_public(const uint8_t *der, size_t len, tern_pubkey *pub);

/* PKCS#1 RSAPrivateKey (version 0; version 1, multi-prime, is
 * TERN_ERR_UNSUPPORTED_ALGORITHM). */
TERN_MUST_CHECK int tern_key_parse_rsa_private(const uint8_t *der, size_t len, tern_privkey *priv);

/* PKCS#8 PrivateKeyInfo / OneAsymmetricKey (unencrypted). info may be
 * NULL. */
TERN_MUST_CHECK int tern_key_parse_pkcs8(const uint8_t *der, size_t len, tern_privkey *priv,
                                         tern_key_info *info);

/* SEC1 ECPrivateKey on its own: the parameters (namedCurve) are
 * required. */
TERN_MUST_CHECK int tern_key_parse_sec1(const uint8_t *der, size_t len, tern_privkey *priv);

/* Any public key format above, told apart by its structure
 * (SubjectPublicKeyInfo or RSAPublicKey). */
TERN_MUST_CHECK int tern_key_parse_public(const uint8_t *der, size_t len, tern_pubkey *pub);

/* Any private key format above (PKCS#8, RSAPrivateKey or ECPrivateKey). */
TERN_MUST_CHECK int tern_key_parse_private(const uint8_t *der, size_t len, tern_privkey *priv);

/* PEM: the first block labelled "PUBLIC KEY" or "RSA PUBLIC KEY" (other
 * blocks, e.g. certificates, and text outside blocks are skipped) is
 * decoded into der (der_cap bytes) and parsed in the format its label
 * names. */
TERN_MUST_CHECK int tern_key_parse_public_pem(const char *pem, size_t pem_len, uint8_t *der,
                                              size_t der_cap, tern_pubkey *pub);

/* PEM: the first block labelled "PRIVATE KEY", "RSA PRIVATE KEY", "EC
 * PRIVATE KEY" or "ENCRYPTED PRIVATE KEY" (the last gives
 * TERN_ERR_UNSUPPORTED) is decoded into der and parsed in the format its
 * label names. On failure the DER written is wiped. */
TERN_MUST_CHECK int tern_key_parse_private_pem(const char *pem, size_t pem_len, uint8_t *der,
                                               size_t der_cap, tern_privkey *priv);

/* As above, decoding the block in place (tern_pem_decode_inplace): the key
 * points into pem, whose block text is destroyed (and wiped on failure). */
TERN_MUST_CHECK int tern_key_parse_public_pem_inplace(char *pem, size_t pem_len, tern_pubkey *pub);
TERN_MUST_CHECK int tern_key_parse_private_pem_inplace(char *pem, size_t pem_len,
                                                       tern_privkey *priv);

/* The public half of a private key, when the private key carries it: RSA
 * (n, e), EC (q, if the key had a publicKey field), Ed25519 / X25519 (pk,
 * if present). TERN_ERR_UNSUPPORTED when it would have to be computed
 * (point multiplication is the EC / Curve25519 code's job),
 * TERN_ERR_BAD_ARG for an empty key. pub points into the same memory as
 * priv. */
TERN_MUST_CHECK int tern_pubkey_from_privkey(const tern_privkey *priv, tern_pubkey *pub);

#ifdef __cplusplus
}
#endif

#endif /* TERN_KEYS_H */
