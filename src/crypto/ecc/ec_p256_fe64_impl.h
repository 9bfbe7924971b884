/*
 * P-256 field arithmetic for the fast 64-bit variant, specialised for the
 * shape of p = 2^256 - 2^224 + 2^192 + 2^96 - 1 (FIPS 186-4 D.2.3).
 *
 * Elements are 4 little-endian 64-bit limbs, fully reduced, in Montgomery
 * form with R = 2^256: the representation of the generic code in
 * ec_mont_impl.h, so the two can be mixed and compared (test_ec_field.c).
 *
 * Montgomery reduction with this p needs no multiplication by m0i: p is
 * -1 mod 2^64, so -p^-1 mod 2^64 = 1 and the multiplier of a reduction
 * step is the low limb u itself. The limbs of p are 2^64 - 1, 2^32 - 1,
 * 0 and 2^64 - 2^32 + 1, so adding u p and dropping the (now zero) low
 * limb is
 *     (a + u p) / 2^64 = (a >> 64) + u 2^32 + u (2^64 - 2^32 + 1) 2^128:
 * shifts and additions per step instead of three products (the first two
 * limbs of u p cancel against a's low limb).
 *
 * Carries: the idioms below are the ones GCC and Clang compile to
 * add/adc/setb without a branch ("s = a + c; k = s < c; s += b;
 * k += s < b", carry first). Straight-line code throughout, selections
 * by masks: constant-time. Included only by ec_p256.c and
 * ec_p256_point64.c.
 */
#ifndef TERN_EC_P256_FE64_IMPL_H
#define TERN_EC_P256_FE64_IMPL_H

#include "crypto/ecc/ec_internal.h"

#if TERN_CONFIG_WORD_BITS == 64

/* limb 3 of p; limb 1 is 2^32 - 1, limb 2 is 0, limb 0 is 2^64 - 1 */
#define P256_P3 ((tern_limb)0xffffffff00000001u)

/* (s, c) = a + b + c for a carry c of 0 or 1 */
#define P256_ADC(s, a, b, c)                                                                       \
    do {                                                                                           \
        tern_limb r_ = (a) + (c);                                                                  \
        tern_limb k_ = (tern_limb)(r_ < (c));                                                      \
        r_ += (b);                                                                                 \
        k_ += (tern_limb)(r_ < (b));                                                               \
        (s) = r_;                                                                                  \
        (c) = k_;                                                                                  \
    } while (0)

/* (d, w) = a - b - w for a borrow w of 0 or 1 */
#define P256_SBB(d, a, b, w)                                                                       \
    do {                                                                                           \
        tern_limb r_ = (a) - (w);                                                                  \
        tern_limb k_ = (tern_limb)((a) < (w));                                                     \
        k_ += (tern_limb)(r_ < (b));                                                               \
        (d) = r_ - (b);                                                                            \
        (w) = k_;                                                                                  \
    } while (0)

/* (c:t) = x y + t + c; cannot overflow 128 bits. The two additions are
 * folded into the halves with their carries (add/adc). */
#define P256_MAC(t, c, x, y)                                                                       \
    do {                                                                                           \
        tern_dlimb m_ = (tern_dlimb)(x) * (y);                                                     \
        tern_limb lo_ = (tern_limb)m_;                                                             \
        tern_limb hi_ = (tern_limb)(m_ >> 64);                                                     \
        lo_ += (t);                                                                                \
        hi_ += (tern_limb)(lo_ < (t));                                                             \
        lo_ += (c);                                                                                \
        hi_ += (tern_limb)(lo_ < (c));                                                             \
        (t) = lo_;                                                                                 \
        (c) = hi_;                                                                                 \
    } while (0)

/* r = t0..t3 + t4 2^256 reduced once, for t < 2p: t + (2^256 - p)
 * carries out of 2^256 (or t4 is set) exactly when t >= p; both cannot
 * happen, since t + 2^256 - p < 2^257. */
static inline void p256_reduce_once(tern_limb *r, tern_limb t0, tern_limb t1, tern_limb t2,
                                    tern_limb t3, tern_limb t4)
{
    tern_limb s0, s1, s2, s3, c, mask;

    s0 = t0 + 1u;
    c = (tern_limb)(s0 < 1u);
    P256_ADC(s1, t1, (tern_limb)0xffffffff00000000u, c);
    P256_ADC(s2, t2, (tern_limb)0xffffffffffffffffu, c);
    P256_ADC(s3, t3, (tern_limb)0x00000000fffffffeu, c);
    mask = ec_mask((uint32_t)(c | t4));
    r[0] = t0 ^ (mask & (t0 ^ s0));
    r[1] = t1 ^ (mask & (t1 ^ s1));
    r[2] = t2 ^ (mask & (t2 ^ s2));
    r[3] = t3 ^ (mask & (t3 ^ s3));
}

/* One Montgomery step on the window (a0, a1, a2, a3), low limb first:
 * (a + a0 p) / 2^64 = (a1, a2) + a0 2^32 + (a3 + a0 (2^64 - 2^32 + 1))
 * 2^128, written back to (a0, a1, a2, a3). The product a0 (2^64 - 2^32
 * + 1) = (a0 - (a0 >> 32) - b) 2^64 + (a0 - (a0 << 32) mod 2^64), b the
 * borrow of the low half, takes shifts and subtractions only. The result
 * stays below 2^256 whenever the window holds the low half of a value
 * being reduced (see P256_MONT_REDUCE), so nothing carries out of it. */
#define P256_RED_STEP(a0, a1, a2, a3)                                                              \
    do {                                                                                           \
        tern_limb u_ = (a0), x_ = u_ << 32, y_ = u_ >> 32, lo_, hi_, k_;                           \
        lo_ = u_ - x_;                                                                             \
        hi_ = u_ - y_ - (tern_limb)(u_ < x_);                                                      \
        (a0) = (a1) + x_;                                                                          \
        k_ = (tern_limb)((a0) < x_);                                                               \
        y_ += k_; /* below 2^32 + 1: no overflow */                                                \
        (a1) = (a2) + y_;                                                                          \
        k_ = (tern_limb)((a1) < y_);                                                               \
        lo_ += k_;                                                                                 \
        hi_ += (tern_limb)(lo_ < k_);                                                              \
        (a2) = (a3) + lo_;                                                                         \
        hi_ += (tern_limb)((a2) < lo_);                                                            \
        (a3) = hi_;                                                                                \
    } while (0)

/* r = t / 2^256 mod p for t = t0 + t1 2^64 + ... + t7 2^448 < p 2^256
 * (a product of two reduced elements); t0..t7 are scratch variables.
 * Four steps reduce the low half: after step i the window holds
 * (tlo + U p) / 2^(64 i) < 2^(256 - 64 i) + p <= 2^256 (p + 2^192 <
 * 2^256), so nothing overflows and the last one is at most p. Adding the
 * high half (below p) gives less than 2p, then one conditional
 * subtraction. */
#define P256_MONT_REDUCE(r, t0, t1, t2, t3, t4, t5, t6, t7)                                        \
    do {                                                                                           \
        tern_limb c_ = 0;                                                                          \
        P256_RED_STEP(t0, t1, t2, t3);                                                             \
        P256_RED_STEP(t0, t1, t2, t3);                                                             \
        P256_RED_STEP(t0, t1, t2, t3);                                                             \
        P256_RED_STEP(t0, t1, t2, t3);                                                             \
        P256_ADC(t0, t0, t4, c_);                                                                  \
        P256_ADC(t1, t1, t5, c_);                                                                  \
        P256_ADC(t2, t2, t6, c_);                                                                  \
        P256_ADC(t3, t3, t7, c_);                                                                  \
        p256_reduce_once(r, t0, t1, t2, t3, c_);                                                   \
    } while (0)

/* The point functions of ec_p256_point64.c inline every field operation
 * (no call and no register save per multiplication); GCC would not inline
 * bodies of this size on its own. */
#if defined(__GNUC__)
#define P256_FORCE_INLINE __attribute__((always_inline))
#else
#define P256_FORCE_INLINE
#endif

/* r = a b / R mod p; a, b reduced; r may alias a or b. */
static inline P256_FORCE_INLINE void p256_fe_mul(tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    tern_limb a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], bi, c;
    tern_limb t0, t1, t2, t3, t4, t5, t6, t7;
    tern_dlimb m;

    bi = b[0];
    m = (tern_dlimb)a0 * bi;
    t0 = (tern_limb)m;
    c = (tern_limb)(m >> 64);
    m = (tern_dlimb)a1 * bi + c;
    t1 = (tern_limb)m;
    c = (tern_limb)(m >> 64);
    m = (tern_dlimb)a2 * bi + c;
    t2 = (tern_limb)m;
    c = (tern_limb)(m >> 64);
    m = (tern_dlimb)a3 * bi + c;
    t3 = (tern_limb)m;
    t4 = (tern_limb)(m >> 64);
    bi = b[1];
    c = 0;
    P256_MAC(t1, c, a0, bi);
    P256_MAC(t2, c, a1, bi);
    P256_MAC(t3, c, a2, bi);
    P256_MAC(t4, c, a3, bi);
    t5 = c;
    bi = b[2];
    c = 0;
    P256_MAC(t2, c, a0, bi);
    P256_MAC(t3, c, a1, bi);
    P256_MAC(t4, c, a2, bi);
    P256_MAC(t5, c, a3, bi);
    t6 = c;
    bi = b[3];
    c = 0;
    P256_MAC(t3, c, a0, bi);
    P256_MAC(t4, c, a1, bi);
    P256_MAC(t5, c, a2, bi);
    P256_MAC(t6, c, a3, bi);
    t7 = c;
    P256_MONT_REDUCE(r, t0, t1, t2, t3, t4, t5, t6, t7);
}

/* r = a^2 / R mod p; a reduced; r may alias a. The six cross products
 * once, doubled, plus the four squares. */
static inline P256_FORCE_INLINE void p256_fe_sqr(tern_limb *r, const tern_limb *a)
{
    tern_limb a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], c, h;
    tern_limb t0, t1, t2, t3, t4, t5, t6, t7;
    tern_dlimb m;

    /* cross products a_i a_j, i < j, at limbs 1..6 */
    m = (tern_dlimb)a0 * a1;
    t1 = (tern_limb)m;
    c = (tern_limb)(m >> 64);
    m = (tern_dlimb)a0 * a2 + c;
    t2 = (tern_limb)m;
    c = (tern_limb)(m >> 64);
    m = (tern_dlimb)a0 * a3 + c;
    t3 = (tern_limb)m;
    t4 = (tern_limb)(m >> 64);
    c = 0;
    P256_MAC(t3, c, a1, a2);
    P256_MAC(t4, c, a1, a3);
    t5 = c;
    c = 0;
    P256_MAC(t5, c, a2, a3);
    t6 = c;
    /* double */
    t7 = t6 >> 63;
    t6 = (t6 << 1) | (t5 >> 63);
    t5 = (t5 << 1) | (t4 >> 63);
    t4 = (t4 << 1) | (t3 >> 63);
    t3 = (t3 << 1) | (t2 >> 63);
    t2 = (t2 << 1) | (t1 >> 63);
    t1 = t1 << 1;
    /* add the squares a_i^2 at limbs 2i, 2i + 1 */
    m = (tern_dlimb)a0 * a0;
    t0 = (tern_limb)m;
    h = (tern_limb)(m >> 64);
    c = 0;
    P256_ADC(t1, t1, h, c);
    m = (tern_dlimb)a1 * a1;
    h = (tern_limb)(m >> 64);
    P256_ADC(t2, t2, (tern_limb)m, c);
    P256_ADC(t3, t3, h, c);
    m = (tern_dlimb)a2 * a2;
    h = (tern_limb)(m >> 64);
    P256_ADC(t4, t4, (tern_limb)m, c);
    P256_ADC(t5, t5, h, c);
    m = (tern_dlimb)a3 * a3;
    h = (tern_limb)(m >> 64);
    P256_ADC(t6, t6, (tern_limb)m, c);
    t7 += h + c;
    P256_MONT_REDUCE(r, t0, t1, t2, t3, t4, t5, t6, t7);
}

/* r = a + b mod p; a, b reduced. */
static inline void p256_fe_add(tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    tern_limb t0, t1, t2, t3, c;

    t0 = a[0] + b[0];
    c = (tern_limb)(t0 < b[0]);
    P256_ADC(t1, a[1], b[1], c);
    P256_ADC(t2, a[2], b[2], c);
    P256_ADC(t3, a[3], b[3], c);
    p256_reduce_once(r, t0, t1, t2, t3, c);
}

/* r = a - b mod p; a, b reduced: a - b, plus p if that borrowed. */
static inline void p256_fe_sub(tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    tern_limb t0, t1, t2, t3, w, mask, c;

    t0 = a[0] - b[0];
    w = (tern_limb)(a[0] < b[0]);
    P256_SBB(t1, a[1], b[1], w);
    P256_SBB(t2, a[2], b[2], w);
    P256_SBB(t3, a[3], b[3], w);
    mask = ec_mask((uint32_t)w);
    /* + (p & mask): limbs mask, mask >> 32, 0, mask & P3 */
    r[0] = t0 + mask;
    c = (tern_limb)(r[0] < mask);
    P256_ADC(r[1], t1, mask >> 32, c);
    r[2] = t2 + c;
    c = (tern_limb)(r[2] < c);
    r[3] = t3 + (mask & P256_P3) + c;
}

#endif /* TERN_CONFIG_WORD_BITS == 64 */

#endif /* TERN_EC_P256_FE64_IMPL_H */
