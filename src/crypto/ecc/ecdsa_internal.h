/*
 * ECDSA internals shared by the signing, verification and encoding files
 * (and the known-answer tests, which sign with a given nonce).
 */
#ifndef TERN_ECDSA_INTERNAL_H
#define TERN_ECDSA_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/ecc/ec_internal.h"
#include "tern/hash.h"

/* SEC1 4.1.3 step 5 / RFC 6979 2.3.2 bits2int, then mod n: the leftmost
 * 8 len bytes of the digest (all of it if shorter) as an integer, reduced
 * once (it is below 2^(8 len) < 2n). Normal form. */
void tern_ecdsa_bits2int(const ec_curve *c, tern_limb *e, const uint8_t *digest, size_t digest_len);

/* The nonce of RFC 6979 section 3.2 for private key x and h1 =
 * bits2int(H(m)) mod n (both normal form, x in [1, n-1]), with HMAC over
 * h, and the additional data k' of section 3.6 (extra, extra_len bytes;
 * none when extra_len is 0). Exactly `candidates` candidates of step h
 * are computed, whatever their values; k is set to the first one in
 * [1, n-1], which is the RFC's nonce, and 1 is returned; if none was,
 * k = 1 and 0 is returned. Constant-time in x, h1 and extra. */
uint32_t tern_ecdsa_rfc6979(const ec_curve *c, const tern_hash_class *h, const tern_limb *x,
                            const tern_limb *h1, const uint8_t *extra, size_t extra_len,
                            unsigned candidates, tern_limb *k);

/* How many RFC 6979 candidates signing computes. A candidate is refused
 * when it is 0 or >= n, which for a uniform qlen-bit value has
 * probability (2^qlen - n + 1) / 2^qlen: about 2^-32 for P-256 (the top
 * 32 bits of n are ones, the next 32 zeros) and 2^-190 for P-384. Two
 * candidates for P-256 and one for P-384 leave below 2^-64 and 2^-190
 * for "none usable", where signing fails with TERN_ERR_FAULT instead of
 * looping on (a loop would branch on secret data). Each further P-256
 * candidate would cost 8 more hash compressions (a new K and two V
 * updates, RFC 6979 3.2 h.3) on every signature, about 8% of a P-256
 * signature, to move that bound from 2^-64 to 2^-96. */
static inline unsigned tern_ecdsa_candidates(const ec_curve *c)
{
    return c->len == 32 ? 2u : 1u;
}

/* The ECDSA core (SEC1 4.1.3 steps 1-6) with a given nonce: r and s
 * (c->len bytes each, big-endian) from d and k in [1, n-1] and e < n, all
 * normal form. Returns 1, or 0 if r or s came out zero (the caller picks
 * another k). Constant-time in d, k and e. */
uint32_t tern_ecdsa_sign_k(const ec_curve *c, const tern_limb *d, const tern_limb *k,
                           const tern_limb *e, uint8_t *r, uint8_t *s);

/* Test entry point: signs with the given nonce k (big-endian, at most len
 * bytes after leading zeros, 1 <= k < n) and writes raw r || s (2 len
 * bytes). TERN_ERR_BAD_KEY for d or k out of range, TERN_ERR_BAD_ARG if r
 * or s is zero. FIPS 186-4 / CAVP SigGen vectors give k. */
TERN_MUST_CHECK int tern_ecdsa_sign_with_k(uint16_t curve, const uint8_t *d, size_t d_len,
                                           const uint8_t *k, size_t k_len, const uint8_t *digest,
                                           size_t digest_len, uint8_t *raw);

/* Strict DER signature decode into r, s (len bytes each, big-endian;
 * values not range-checked). TERN_ERR_BAD_SIGNATURE. */
TERN_MUST_CHECK int tern_ecdsa_der_decode(const ec_curve *c, const uint8_t *der, size_t der_len,
                                          uint8_t *r, uint8_t *s);

/* DER encode of r, s (len bytes each). *out_len: capacity in, length out.
 * TERN_ERR_BUFFER_TOO_SMALL. */
TERN_MUST_CHECK int tern_ecdsa_der_encode(const ec_curve *c, const uint8_t *r, const uint8_t *s,
                                          uint8_t *out, size_t *out_len);

/* Verification of raw r, s (len bytes each) over e (normal form) with
 * public key (qx, qy) (affine, Montgomery, validated). TERN_OK or
 * TERN_ERR_BAD_SIGNATURE. */
TERN_MUST_CHECK int tern_ecdsa_verify_rs(const ec_curve *c, const tern_limb *qx,
                                         const tern_limb *qy, const tern_limb *e, const uint8_t *r,
                                         const uint8_t *s);

#endif /* TERN_ECDSA_INTERNAL_H */
