/*
 * Scalars modulo the edwards25519 group order
 * L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 5.1).
 * Scalars are 32-byte little-endian strings, as Ed25519 encodes them.
 * Constant-time (fixed loops over 32-bit words, masks instead of
 * branches): the nonce r and the secret scalar a pass through here.
 */
#ifndef TERN_SC25519_INTERNAL_H
#define TERN_SC25519_INTERNAL_H

#include <stdint.h>

/* out = in mod L for a 64-byte little-endian in (a SHA-512 digest,
 * RFC 8032 5.1.6 steps 2 and 4). out may alias in. */
void tern_sc25519_reduce(uint8_t out[32], const uint8_t in[64]);

/* s = (a * b + c) mod L for any 32-byte a, b, c (RFC 8032 5.1.6
 * step 5: S = (r + k * s) mod L). s may alias any input. */
void tern_sc25519_muladd(uint8_t s[32], const uint8_t a[32], const uint8_t b[32],
                         const uint8_t c[32]);

/* 1 if s < L (the canonical range RFC 8032 5.1.7 requires of S), else 0. */
uint32_t tern_sc25519_is_canonical(const uint8_t s[32]);

#endif /* TERN_SC25519_INTERNAL_H */
