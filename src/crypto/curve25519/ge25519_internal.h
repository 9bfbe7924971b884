/*
 * The group edwards25519 (RFC 8032 5.1): -x^2 + y^2 = 1 + d x^2 y^2 over
 * GF(2^255 - 19), d = -121665/121666, with base point B of prime order
 * L = 2^252 + 27742317777372353535851937790883648493.
 *
 * Coordinates (Hisil, Wong, Carter, Dawson, "Twisted Edwards curves
 * revisited", 2008: the a = -1 formulas, which are complete on this curve
 * because a = -1 is a square and d is not, so the same code adds any two
 * points, doubles, and handles the identity without a branch):
 *
 *   p2      projective (X:Y:Z), x = X/Z, y = Y/Z
 *   p3      extended (X:Y:Z:T), additionally T = XY/Z
 *   p1p1    completed ((X:Z),(Y:T)), x = X/Z, y = Y/T: the output of an
 *           addition or doubling before it is turned back into p2 or p3
 *   cached  (Y+X, Y-X, 2Z, 2dT) of a p3 point, the second operand of add
 *   precomp (y+x, y-x, 2dxy) of an affine point (Z = 1), for madd
 *
 * Coordinates of p2 and p3 points are tight field elements (every p2/p3
 * value here comes out of a multiplication or a carry). Everything is
 * constant-time except where a name says _vartime.
 */
#ifndef TERN_GE25519_INTERNAL_H
#define TERN_GE25519_INTERNAL_H

#include <stdint.h>

#include "crypto/curve25519/f25519_internal.h"

typedef struct tern_ge25519_p2 {
    tern_f25519 X, Y, Z;
} tern_ge25519_p2;

typedef struct tern_ge25519_p3 {
    tern_f25519 X, Y, Z, T;
} tern_ge25519_p3;

typedef struct tern_ge25519_p1p1 {
    tern_f25519 X, Y, Z, T;
} tern_ge25519_p1p1;

typedef struct tern_ge25519_cached {
    tern_f25519 ypx, ymx, z2, t2d;
} tern_ge25519_cached;

typedef struct tern_ge25519_precomp {
    tern_f25519 ypx, ymx, xy2d;
} tern_ge25519_precomp;

/* Base-point table for tern_ge25519_scalarmult_base (ge25519_base_table.c):
 * entry [i][j] is (j+1) * 2^(32 i) * B in affine coordinates, x then y,
 * each as eight little-endian 32-bit words of the canonical value. Entry
 * [0][0] is B itself. */
extern const uint32_t tern_ge25519_base_table[8][8][16];

/* ---- ge25519.c -------------------------------------------------------- */

/* r = the identity (0, 1). */
void tern_ge25519_p3_0(tern_ge25519_p3 *r);

void tern_ge25519_p3_to_p2(tern_ge25519_p2 *r, const tern_ge25519_p3 *p);
void tern_ge25519_p3_to_cached(tern_ge25519_cached *r, const tern_ge25519_p3 *p);
void tern_ge25519_p1p1_to_p2(tern_ge25519_p2 *r, const tern_ge25519_p1p1 *p);
void tern_ge25519_p1p1_to_p3(tern_ge25519_p3 *r, const tern_ge25519_p1p1 *p);

/* r = 2p */
void tern_ge25519_p2_dbl(tern_ge25519_p1p1 *r, const tern_ge25519_p2 *p);
/* r = p + q, r = p - q */
void tern_ge25519_add(tern_ge25519_p1p1 *r, const tern_ge25519_p3 *p, const tern_ge25519_cached *q);
void tern_ge25519_sub(tern_ge25519_p1p1 *r, const tern_ge25519_p3 *p, const tern_ge25519_cached *q);
/* r = p + q for an affine q */
void tern_ge25519_madd(tern_ge25519_p1p1 *r, const tern_ge25519_p3 *p,
                       const tern_ge25519_precomp *q);

/* RFC 8032 5.1.2 encoding: y with the low bit of x in bit 255. */
void tern_ge25519_p2_tobytes(uint8_t s[32], const tern_ge25519_p2 *p);
void tern_ge25519_p3_tobytes(uint8_t s[32], const tern_ge25519_p3 *p);

/* RFC 8032 5.1.3 decoding, strict: fails (returns 0) for y >= p, for a y
 * with no x on the curve, and for x = 0 with the sign bit set (the
 * encodings 5.1.3 rejects); returns 1 and sets r otherwise. Runs in
 * constant time; the result tells whether s was valid. */
uint32_t tern_ge25519_frombytes(tern_ge25519_p3 *r, const uint8_t s[32]);

/* r = -p */
void tern_ge25519_p3_neg(tern_ge25519_p3 *r, const tern_ge25519_p3 *p);

/* ---- ge25519_base.c ----------------------------------------------------- */

/* r = a * B for a little-endian scalar a < 2^255 (bit 255 must be 0),
 * constant-time in a. */
void tern_ge25519_scalarmult_base(tern_ge25519_p3 *r, const uint8_t a[32]);

/* ---- ge25519_vartime.c -------------------------------------------------- */

/* r = a * A + b * B, a and b little-endian scalars below 2^253. Variable
 * time: for public inputs only (signature verification). */
void tern_ge25519_double_scalarmult_vartime(tern_ge25519_p2 *r, const uint8_t a[32],
                                            const tern_ge25519_p3 *A, const uint8_t b[32]);

#endif /* TERN_GE25519_INTERNAL_H */
