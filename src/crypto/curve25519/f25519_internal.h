/*
 * Arithmetic in GF(p), p = 2^255 - 19, shared by X25519 and Ed25519.
 *
 * Two representations, chosen by TERN_CONFIG_WORD_BITS (one is compiled):
 *
 *   64: five limbs of 51 bits in uint64_t, products in unsigned __int128
 *       (f25519_64.c);
 *   32: ten limbs of alternately 26 and 25 bits ("radix 2^25.5") in
 *       uint32_t, products in uint64_t (f25519_32.c).
 *
 * Everything here is constant-time: no branch and no memory index depends
 * on a field element.
 *
 * Limb bounds. A "unit" is the nominal limb size: 2^51 (64-bit), 2^26 for
 * even and 2^25 for odd limbs (32-bit). An element is *tight* when every
 * limb is at most 1 unit plus a small excess (below 2^13). Each function
 * states what it takes and gives; the rules below hold for both
 * representations (the 64-bit code has more headroom, the 32-bit code
 * none to spare), and callers follow them:
 *
 *   tight:   results of mul, sq, sqn, mul_small, carry, frombytes,
 *            set/copy of tight values, the constants;
 *   add:     f + g without carry; the sum of at most 3 tight values
 *            ("<= 3 units") may be used as an input below;
 *   sub:     f - g with f, g <= 3 units. The result is a valid input to
 *            mul, sq, sqn, mul_small, carry, tobytes, iszero, isnegative
 *            and cswap/cmov, but NOT to add or sub (on 64-bit it is not
 *            carried and may reach 7 units);
 *   mul, sq, sqn, mul_small, invert, pow22523: inputs <= 3 units or a
 *            sub result.
 *
 * frombytes ignores bit 255 and accepts the non-canonical values
 * p .. 2^255-1 (RFC 7748 5); tobytes always writes the canonical value.
 */
#ifndef TERN_F25519_INTERNAL_H
#define TERN_F25519_INTERNAL_H

#include <stdint.h>

#include "common/ct_internal.h"
#include "tern/config.h"

#if TERN_CONFIG_WORD_BITS == 64
#define TERN_F25519_LIMBS 5
typedef uint64_t tern_f25519_limb;
#else
#define TERN_F25519_LIMBS 10
typedef uint32_t tern_f25519_limb;
#endif

typedef struct tern_f25519 {
    tern_f25519_limb v[TERN_F25519_LIMBS];
} tern_f25519;

/* Constants (tight): d = -121665/121666 of edwards25519, 2d, and
 * sqrt(-1) = 2^((p-1)/4) (RFC 8032 5.1). */
extern const tern_f25519 tern_f25519_d;
extern const tern_f25519 tern_f25519_d2;
extern const tern_f25519 tern_f25519_sqrtm1;

/* ---- representation-specific (f25519_32.c / f25519_64.c) ------------- */

/* h = 0, h = 1 */
void tern_f25519_0(tern_f25519 *h);
void tern_f25519_1(tern_f25519 *h);

/* h = s mod p, s little-endian; bit 255 of s is ignored. Tight. */
void tern_f25519_frombytes(tern_f25519 *h, const uint8_t s[32]);

/* h = the value of eight little-endian 32-bit words (w[0] least
 * significant) below 2^255, as the fixed-base table stores them. Tight. */
void tern_f25519_fromwords(tern_f25519 *h, const uint32_t w[8]);

/* s = canonical little-endian encoding of h (0 <= value < p). */
void tern_f25519_tobytes(uint8_t s[32], const tern_f25519 *h);

/* h = f * g, tight. h may alias f or g. */
void tern_f25519_mul(tern_f25519 *h, const tern_f25519 *f, const tern_f25519 *g);

/* h = f^2, tight. h may alias f. */
void tern_f25519_sq(tern_f25519 *h, const tern_f25519 *f);

/* h = f * c for a small constant c < 2^17 (121665, 121666), tight. */
void tern_f25519_mul_small(tern_f25519 *h, const tern_f25519 *f, uint32_t c);

/* h = f with the carries propagated: tight, same value mod p. */
void tern_f25519_carry(tern_f25519 *h, const tern_f25519 *f);

/* tern_f25519_add(h, f, g): h = f + g; tern_f25519_sub(h, f, g): h = f - g
 * (see the bounds above; h may alias f or g); tern_f25519_cswap(f, g, b):
 * swap f and g if b == 1, leave them if b == 0 (b must be 0 or 1).
 * The 64-bit versions are a handful of instructions: defined here, inline,
 * because a call would cost as much as the work (the ladder makes eight of
 * these calls per bit). The 32-bit ones are in f25519_32.c. */
#if TERN_CONFIG_WORD_BITS == 64
#define TERN_F25519_FOURP0 ((uint64_t)0x1fffffffffffb4) /* 4 * (2^51 - 19) */
#define TERN_F25519_FOURPN ((uint64_t)0x1ffffffffffffc) /* 4 * (2^51 - 1) */

static inline void tern_f25519_add(tern_f25519 *h, const tern_f25519 *f, const tern_f25519 *g)
{
    h->v[0] = f->v[0] + g->v[0];
    h->v[1] = f->v[1] + g->v[1];
    h->v[2] = f->v[2] + g->v[2];
    h->v[3] = f->v[3] + g->v[3];
    h->v[4] = f->v[4] + g->v[4];
}

/* f + 4p - g: no limb goes negative for g below 4 units; not carried. */
static inline void tern_f25519_sub(tern_f25519 *h, const tern_f25519 *f, const tern_f25519 *g)
{
    h->v[0] = (f->v[0] + TERN_F25519_FOURP0) - g->v[0];
    h->v[1] = (f->v[1] + TERN_F25519_FOURPN) - g->v[1];
    h->v[2] = (f->v[2] + TERN_F25519_FOURPN) - g->v[2];
    h->v[3] = (f->v[3] + TERN_F25519_FOURPN) - g->v[3];
    h->v[4] = (f->v[4] + TERN_F25519_FOURPN) - g->v[4];
}

static inline void tern_f25519_cswap(tern_f25519 *f, tern_f25519 *g, uint32_t b)
{
    uint64_t mask = (uint64_t)0 - (uint64_t)tern_ct_barrier(b);
    uint64_t x0 = mask & (f->v[0] ^ g->v[0]), x1 = mask & (f->v[1] ^ g->v[1]);
    uint64_t x2 = mask & (f->v[2] ^ g->v[2]), x3 = mask & (f->v[3] ^ g->v[3]);
    uint64_t x4 = mask & (f->v[4] ^ g->v[4]);

    f->v[0] ^= x0;
    f->v[1] ^= x1;
    f->v[2] ^= x2;
    f->v[3] ^= x3;
    f->v[4] ^= x4;
    g->v[0] ^= x0;
    g->v[1] ^= x1;
    g->v[2] ^= x2;
    g->v[3] ^= x3;
    g->v[4] ^= x4;
}
#else
void tern_f25519_add(tern_f25519 *h, const tern_f25519 *f, const tern_f25519 *g);
void tern_f25519_sub(tern_f25519 *h, const tern_f25519 *f, const tern_f25519 *g);
void tern_f25519_cswap(tern_f25519 *f, tern_f25519 *g, uint32_t b);
#endif

/* If b == 1 set f = g; if b == 0 leave f. b must be 0 or 1. */
void tern_f25519_cmov(tern_f25519 *f, const tern_f25519 *g, uint32_t b);

/* ---- common (f25519.c) --------------------------------------------- */

/* h = f (plain copy). */
void tern_f25519_copy(tern_f25519 *h, const tern_f25519 *f);

/* h = -f: a sub result. */
void tern_f25519_neg(tern_f25519 *h, const tern_f25519 *f);

/* h = f^(2^n), n >= 1, tight. h may alias f. */
void tern_f25519_sqn(tern_f25519 *h, const tern_f25519 *f, unsigned n);

/* h = 1/f = f^(p-2) (0 maps to 0), tight. */
void tern_f25519_invert(tern_f25519 *h, const tern_f25519 *f);

/* h = f^((p-5)/8) = f^(2^252 - 3), tight (square roots, RFC 8032 5.1.3). */
void tern_f25519_pow22523(tern_f25519 *h, const tern_f25519 *f);

/* 1 if f == 0 mod p, else 0. */
uint32_t tern_f25519_iszero(const tern_f25519 *f);

/* The least significant bit of the canonical value of f ("negative" in
 * RFC 8032 5.1.2). */
uint32_t tern_f25519_isnegative(const tern_f25519 *f);

#endif /* TERN_F25519_INTERNAL_H */
