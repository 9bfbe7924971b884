/*
 * Montgomery arithmetic bodies, written once as static inline functions
 * over a limb count nl and a modulus m. ec_mod.c instantiates them with
 * run-time arguments (the generic loops); the fast variant's per-curve
 * files (ec_p256.c, ec_p384.c) instantiate them with constant nl and a
 * constant modulus, so the compiler unrolls the loops and folds the
 * modulus limbs (P-256's p has limbs 0, 1 and 2^w - 1).
 *
 * All of it is constant-time: no branch or index depends on limb values.
 * Included only by those files.
 */
#ifndef TERN_EC_MONT_IMPL_H
#define TERN_EC_MONT_IMPL_H

#include "crypto/ecc/ec_internal.h"

/* Full unrolling of the fixed-count loops below, requested by the files
 * that instantiate them with a constant limb count (they define
 * EC_MONT_UNROLL first). _Pragma is C99; GCC and Clang both read "GCC
 * unroll". The generic instance stays a compact loop. */
#if defined(EC_MONT_UNROLL) && defined(__GNUC__)
#define EC_UNROLL _Pragma("GCC unroll 16")
#else
#define EC_UNROLL
#endif

/* r = a - b mod 2^(nl*w); returns the borrow. The borrows are folded in
 * by comparison (compiled to subtract-with-borrow; no branch). */
static inline tern_limb ec_sub_impl(tern_limb *r, const tern_limb *a, const tern_limb *b, size_t nl)
{
    tern_limb borrow = 0;
    size_t i;
    EC_UNROLL
    for (i = 0; i < nl; i++) {
        tern_limb ai = a[i];
        tern_limb d = ai - b[i];
        tern_limb b1 = (tern_limb)(ai < b[i]);
        tern_limb d2 = d - borrow;
        b1 |= (tern_limb)(d < borrow);
        r[i] = d2;
        borrow = b1;
    }
    return borrow;
}

/* r = (hi:t) reduced once: t - m if (hi:t) >= m, else t. t < 2m. */
static inline void ec_final_sub_impl(tern_limb *r, const tern_limb *t, tern_limb hi,
                                     const tern_limb *m, size_t nl)
{
    tern_limb s[EC_MAXL];
    tern_limb borrow = ec_sub_impl(s, t, m, nl);
    /* keep t exactly when there was no carry out and t < m */
    tern_limb hi_zero = ((hi | (0 - hi)) >> (EC_LIMB_BITS - 1)) ^ 1;
    tern_limb keep = ec_mask((uint32_t)(borrow & hi_zero));
    size_t i;
    EC_UNROLL
    for (i = 0; i < nl; i++) {
        r[i] = (t[i] & keep) | (s[i] & ~keep);
    }
}

/* (c:t) = x * y + t + c, with the additions' carries folded in by
 * comparison (GCC and Clang compile both to add-with-carry; no branch). */
#define EC_MAC(t, c, x, y)                                                                         \
    do {                                                                                           \
        tern_dlimb z_ = (tern_dlimb)(x) * (y);                                                     \
        tern_limb lo_ = (tern_limb)z_;                                                             \
        tern_limb hi_ = (tern_limb)(z_ >> EC_LIMB_BITS);                                           \
        lo_ += (t);                                                                                \
        hi_ += (tern_limb)(lo_ < (t));                                                             \
        lo_ += (c);                                                                                \
        hi_ += (tern_limb)(lo_ < (c));                                                             \
        (t) = lo_;                                                                                 \
        (c) = hi_;                                                                                 \
    } while (0)

/* (c:t) = t + x + c, c a carry of at most one limb */
#define EC_ADC(t, c, x)                                                                            \
    do {                                                                                           \
        tern_limb s_ = (t) + (x);                                                                  \
        tern_limb c1_ = (tern_limb)(s_ < (x));                                                     \
        s_ += (c);                                                                                 \
        c1_ += (tern_limb)(s_ < (c));                                                              \
        (t) = s_;                                                                                  \
        (c) = c1_;                                                                                 \
    } while (0)

/* Montgomery reduction of the 2 nl-limb t (t < m R): r = t / R mod m.
 * Each step adds u m with u = t[i] m0i, which clears t[i]; hi carries the
 * overflow of limb i + nl into the next step. */
static inline void ec_mont_reduce_impl(tern_limb *r, tern_limb *t, const tern_limb *m,
                                       tern_limb m0i, size_t nl)
{
    tern_limb hi = 0;
    size_t i, j;

    EC_UNROLL
    for (i = 0; i < nl; i++) {
        tern_limb u = t[i] * m0i;
        tern_limb c = 0;
        EC_UNROLL
        for (j = 0; j < nl; j++) {
            EC_MAC(t[i + j], c, u, m[j]);
        }
        EC_ADC(t[i + nl], c, hi);
        hi = c;
    }
    ec_final_sub_impl(r, t + nl, hi, m, nl);
}

/* r = a * b / R mod m: schoolbook product, then reduction. a, b < m. */
static inline void ec_mont_mul_impl(tern_limb *r, const tern_limb *a, const tern_limb *b,
                                    const tern_limb *m, tern_limb m0i, size_t nl)
{
    tern_limb t[2 * EC_MAXL];
    size_t i, j;

    EC_UNROLL
    for (j = 0; j < nl; j++) {
        t[j] = 0;
    }
    EC_UNROLL
    for (i = 0; i < nl; i++) {
        tern_limb c = 0;
        EC_UNROLL
        for (j = 0; j < nl; j++) {
            EC_MAC(t[i + j], c, a[j], b[i]);
        }
        t[i + nl] = c;
    }
    ec_mont_reduce_impl(r, t, m, m0i, nl);
}

/* r = a^2 / R mod m: the products a[i] a[j] (i < j) once, doubled, plus
 * the squares, then reduction. a < m. */
static inline void ec_mont_sqr_impl(tern_limb *r, const tern_limb *a, const tern_limb *m,
                                    tern_limb m0i, size_t nl)
{
    tern_limb t[2 * EC_MAXL];
    tern_limb c;
    size_t i, j;

    EC_UNROLL
    for (j = 0; j < 2 * nl; j++) {
        t[j] = 0;
    }
    EC_UNROLL
    for (i = 0; i < nl; i++) {
        c = 0;
        EC_UNROLL
        for (j = i + 1; j < nl; j++) {
            EC_MAC(t[i + j], c, a[i], a[j]);
        }
        t[i + nl] = c;
    }
    /* double */
    c = 0;
    EC_UNROLL
    for (j = 0; j < 2 * nl; j++) {
        tern_limb v = t[j];
        t[j] = (v << 1) | c;
        c = v >> (EC_LIMB_BITS - 1);
    }
    /* add the squares */
    c = 0;
    EC_UNROLL
    for (i = 0; i < nl; i++) {
        tern_limb hi = 0;
        EC_MAC(t[2 * i], hi, a[i], a[i]);
        t[2 * i] += c;
        c = (tern_limb)(t[2 * i] < c);
        /* c (0/1) from the low limb and hi go into limb 2i + 1 */
        EC_ADC(t[2 * i + 1], c, hi);
    }
    ec_mont_reduce_impl(r, t, m, m0i, nl);
}

/* r = a + b mod m. a, b < m. */
static inline void ec_mod_add_impl(tern_limb *r, const tern_limb *a, const tern_limb *b,
                                   const tern_limb *m, size_t nl)
{
    tern_limb t[EC_MAXL];
    tern_limb c = 0;
    size_t i;
    EC_UNROLL
    for (i = 0; i < nl; i++) {
        tern_limb s_ = a[i] + b[i];
        tern_limb c1 = (tern_limb)(s_ < a[i]);
        s_ += c;
        c1 |= (tern_limb)(s_ < c);
        t[i] = s_;
        c = c1;
    }
    ec_final_sub_impl(r, t, c, m, nl);
}

/* r = a - b mod m. a, b < m. */
static inline void ec_mod_sub_impl(tern_limb *r, const tern_limb *a, const tern_limb *b,
                                   const tern_limb *m, size_t nl)
{
    tern_limb borrow = ec_sub_impl(r, a, b, nl);
    tern_limb mask = ec_mask((uint32_t)borrow);
    tern_limb c = 0;
    size_t i;
    EC_UNROLL
    for (i = 0; i < nl; i++) {
        tern_limb add = m[i] & mask;
        tern_limb s_ = r[i] + add;
        tern_limb c1 = (tern_limb)(s_ < add);
        s_ += c;
        c1 |= (tern_limb)(s_ < c);
        r[i] = s_;
        c = c1;
    }
}

#endif /* TERN_EC_MONT_IMPL_H */
