/*
 * NIST P-256 and P-384 (secp256r1, secp384r1): key generation, ECDH and
 * ECDSA over a digest. The TLS classes built on these are declared in
 * pk.h: tern_kex_secp256r1 / tern_kex_secp384r1 and
 * tern_sig_ecdsa_sha{1,256,384,512} (below).
 *
 * Curves are named by their TLS NamedGroup value (TERN_GROUP_SECP256R1,
 * TERN_GROUP_SECP384R1, pk.h); a curve compiled out (TERN_CONFIG_ECC_P256,
 * TERN_CONFIG_ECC_P384) gives TERN_ERR_UNSUPPORTED_ALGORITHM.
 *
 * Encodings: "len" is 32 (P-256) or 48 (P-384). Private keys are
 * big-endian scalars 1 <= d < n; a shorter string means leading zeros,
 * and extra leading zero bytes are accepted. Public keys are uncompressed
 * SEC1 points 04 || X || Y (1 + 2 len bytes); compressed and hybrid
 * encodings and the identity are rejected (TLS 1.3 allows only the
 * uncompressed form, RFC 8446 4.2.8.2; RFC 8422 5.1.2 deprecates the
 * others). ECDSA signatures are DER (SEQUENCE of two INTEGERs, RFC 5480
 * 2.2.3 / RFC 3279 2.2.3, strict: minimal, positive, no trailing bytes) or
 * raw r || s (len bytes each, IEEE P1363).
 *
 * Implementations (TERN_CONFIG_EC_SMALL picks the variant):
 *
 *   operation                 constant-time   method
 *   field / scalar arithmetic yes             Montgomery, 64-bit limbs
 *                                             (unsigned __int128) or 32-bit;
 *                                             fast 64-bit P-256: reduction
 *                                             specialised for the form of p
 *   k * P (ECDH)              yes             Jacobian, fixed 4-bit window,
 *                                             masked table scan
 *   k * G (keygen, sign)      yes             fast: P-256 signed 5-bit
 *                                             windows over 52 precomputed
 *                                             tables (53 KB), P-384 comb
 *                                             (17 KB); small: as k * P
 *   inversion mod p, mod n    yes             fast 64-bit: safegcd
 *                                             (Bernstein-Yang divsteps);
 *                                             otherwise Fermat
 *   RFC 6979 nonce, signing   yes (1)         in d, the digest, the
 *                                             rng output and k
 *   verification              fast: NO        fast: u1 G + u2 Q by
 *                             (public data)   interleaved width-5 NAF with
 *                                             branches on the (public)
 *                                             scalars and points, x(R)
 *                                             checked without inversion;
 *                             small: yes      small: the constant-time
 *                                             routines above
 *   point / DER decoding,     no (public)     validates every input;
 *   DER signature encoding                    encodes the public output
 *
 *   (1) RFC 6979 3.2 step h loops until a candidate nonce is in
 *       [1, n-1]. Instead of branching on that, signing always computes
 *       a fixed number of candidates (two for P-256, one for P-384)
 *       and keeps the first usable one with masks: the same nonce as the
 *       RFC whenever one of them is usable. A candidate is refused with
 *       probability about 2^-32 (P-256) or 2^-190 (P-384), so "none
 *       usable" has probability below 2^-64; signing then fails with
 *       TERN_ERR_FAULT, as it does when r or s comes out zero (about
 *       2^-256, RFC 6979 3.4).
 *
 * The fast variant (default with 64-bit words) unrolls the field
 * arithmetic per curve and keeps the k * G tables (with 64-bit words,
 * P-256's point doubling and additions also have their field operations
 * inlined: about 40 KB of x86-64 code for fewer instructions per
 * operation); the small variant (default with 32-bit words, for
 * Cortex-M) uses generic loops and no table.
 *
 * Secrets (scalars, nonces, intermediate points) are wiped before every
 * return.
 */
#ifndef TERN_EC_H
#define TERN_EC_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"
#include "tern/error.h"
#include "tern/hash.h"
#include "tern/pk.h"
#include "tern/rand.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest scalar / coordinate, point and signature sizes (P-384). */
#define TERN_EC_MAX_LEN 48
#define TERN_EC_MAX_POINT_LEN (1 + 2 * TERN_EC_MAX_LEN)
#define TERN_ECDSA_MAX_RAW_LEN (2 * TERN_EC_MAX_LEN)
/* SEQUENCE header (2) + 2 * (INTEGER header (2) + sign byte + len) */
#define TERN_ECDSA_MAX_DER_LEN (2 + 2 * (3 + TERN_EC_MAX_LEN))

/* Signature formats. */
enum {
    TERN_ECDSA_DER = 0, /* SEQUENCE { INTEGER r, INTEGER s } */
    TERN_ECDSA_RAW = 1  /* r || s, each len bytes */
};

/* Scalar / coordinate length in bytes (32 or 48), or 0 for a curve that
 * is unknown or compiled out. */
size_t tern_ec_curve_len(uint16_t curve);

/* Generates a key pair: d (len bytes) by rejection sampling from rng
 * (FIPS 186-4 B.4.2) and q = d G (1 + 2 len bytes).
 * Errors: TERN_ERR_UNSUPPORTED_ALGORITHM, the rng's error,
 * TERN_ERR_ENTROPY if the rng keeps producing out-of-range values. */
TERN_MUST_CHECK int tern_ec_keygen(uint16_t curve, const tern_rng_class **rng, uint8_t *d,
                                   uint8_t *q);

/* q = d G (1 + 2 len bytes). TERN_ERR_BAD_KEY unless 1 <= d < n (q is
 * zeroed then). */
TERN_MUST_CHECK int tern_ec_public_from_private(uint16_t curve, const uint8_t *d, size_t d_len,
                                                uint8_t *q);

/* Validates a public key (uncompressed, coordinates below p, on the
 * curve; the curves have cofactor 1, so that is full validation, SP
 * 800-56A 5.6.2.3.3). TERN_OK or TERN_ERR_BAD_POINT. */
TERN_MUST_CHECK int tern_ec_check_public(uint16_t curve, const uint8_t *q, size_t q_len);

/* ECDH (SP 800-56A 5.7.1.2, cofactor 1): secret = x-coordinate of d * peer,
 * len bytes, big-endian, left-padded. The peer point is validated first.
 * Errors: TERN_ERR_BAD_POINT (malformed encoding, compressed form,
 * coordinate >= p, off the curve, identity), TERN_ERR_BAD_KEY (d out of
 * range), TERN_ERR_UNSUPPORTED_ALGORITHM. On TERN_ERR_BAD_KEY secret is
 * zeroed; on the other errors it is untouched. */
TERN_MUST_CHECK int tern_ecdh(uint16_t curve, const uint8_t *d, size_t d_len, const uint8_t *peer,
                              size_t peer_len, uint8_t *secret);

/* ECDSA signature over a digest (SEC1 4.1.3) with the nonce of RFC 6979
 * section 3.2, computed with HMAC over `hash` (the hash that produced the
 * digest; digest_len must be its digest length, else TERN_ERR_BAD_LENGTH).
 * If rng is not NULL, len fresh bytes from it are appended to the HMAC-DRBG
 * seed as the additional data k' of RFC 6979 section 3.6 (the nonce stays
 * safe if either the rng or the key is good); with rng NULL the signature
 * is deterministic. The digest is converted per SEC1 4.1.3 step 5
 * (leftmost bits, then mod n).
 * On input *sig_len is the capacity of sig, on output the signature length
 * (DER: at most TERN_ECDSA_MAX_DER_LEN; raw: 2 len, and the raw capacity
 * is checked before any work).
 * Errors: TERN_ERR_BAD_KEY (d not in [1, n-1]), TERN_ERR_BAD_LENGTH
 * (digest_len), TERN_ERR_BUFFER_TOO_SMALL, TERN_ERR_BAD_ARG (format), the
 * rng's error, TERN_ERR_UNSUPPORTED_ALGORITHM, TERN_ERR_FAULT (no usable
 * nonce, probability below 2^-64: see note (1) above; with an rng, a new
 * call draws a new nonce). On TERN_ERR_BAD_KEY and TERN_ERR_FAULT a raw
 * signature buffer is zeroed (that outcome is computed without a branch
 * on d) and a DER one untouched. */
TERN_MUST_CHECK int tern_ecdsa_sign(uint16_t curve, const uint8_t *d, size_t d_len,
                                    const tern_hash_class *hash, const uint8_t *digest,
                                    size_t digest_len, const tern_rng_class **rng, int format,
                                    uint8_t *sig, size_t *sig_len);

/* ECDSA verification over a digest (SEC1 4.1.4) of any length (converted as
 * for signing). TERN_OK, TERN_ERR_BAD_SIGNATURE (malformed or non-strict
 * encoding, r or s outside [1, n-1], mismatch), TERN_ERR_BAD_POINT (public
 * key invalid), TERN_ERR_UNSUPPORTED_ALGORITHM. */
TERN_MUST_CHECK int tern_ecdsa_verify(uint16_t curve, const uint8_t *q, size_t q_len,
                                      const uint8_t *digest, size_t digest_len, const uint8_t *sig,
                                      size_t sig_len, int format);

/* Converts a strict DER signature to raw r || s (2 len bytes).
 * TERN_ERR_BAD_SIGNATURE if the DER is not strict or r, s do not fit in
 * len bytes (their range is checked by verification, not here). */
TERN_MUST_CHECK int tern_ecdsa_der_to_raw(uint16_t curve, const uint8_t *der, size_t der_len,
                                          uint8_t *raw);

/* Converts raw r || s (2 len bytes) to DER. *der_len: capacity in,
 * length out. TERN_ERR_BAD_LENGTH, TERN_ERR_BUFFER_TOO_SMALL. */
TERN_MUST_CHECK int tern_ecdsa_raw_to_der(uint16_t curve, const uint8_t *raw, size_t raw_len,
                                          uint8_t *der, size_t *der_len);

/* ---- TLS classes (pk.h) --------------------------------------------------
 *
 *   class                    group / scheme              priv pub  secret
 *   tern_kex_secp256r1       secp256r1 (0x0017)          32   65   32
 *   tern_kex_secp384r1       secp384r1 (0x0018)          48   97   48
 *
 *   class                    scheme   hash     curve
 *   tern_sig_ecdsa_sha256    0x0403   SHA-256  any (P-256 / P-384)
 *   tern_sig_ecdsa_sha384    0x0503   SHA-384  any
 *   tern_sig_ecdsa_sha512    0x0603   SHA-512  any
 *   tern_sig_ecdsa_sha1      0x0203   SHA-1    any (legacy, TLS 1.2 only)
 *
 * The signature classes take the curve from the key (TLS 1.2 allows any
 * pairing; TLS 1.3 enforces secp256r1+SHA-256 etc. in the handshake) and
 * produce / accept DER. Signing uses the rng for RFC 6979 section 3.6
 * extra randomness (rng may be NULL: deterministic). */
#if TERN_CONFIG_ECC_P256
extern const tern_kex_class tern_kex_secp256r1;
#endif
#if TERN_CONFIG_ECC_P384
extern const tern_kex_class tern_kex_secp384r1;
#endif
#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384
extern const tern_sig_class tern_sig_ecdsa_sha256;
extern const tern_sig_class tern_sig_ecdsa_sha384;
extern const tern_sig_class tern_sig_ecdsa_sha512;
#if TERN_CONFIG_SHA1
extern const tern_sig_class tern_sig_ecdsa_sha1;
#endif
#endif

#ifdef __cplusplus
}
#endif

#endif /* TERN_EC_H */
