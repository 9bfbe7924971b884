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

/* r = a - b mod 2^(nl*w); returns the borrow. */
static inline tern_limb ec_sub_impl(tern_limb *r, const tern_limb *a, const tern_limb *b,
                                    size_t nl)
{
    tern_limb borrow = 0;
    size_t i;
    for (i = 0; i < nl; i++) {
        tern_dlimb d = (tern_dlimb)a[i] - b[i] - borrow;
        r[i] = (tern_limb)d;
        borrow = (tern_limb)(d >> (2 * EC_LIMB_BITS - 1));
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
    for (i = 0; i < nl; i++) {
        r[i] = (t[i] & keep) | (s[i] & ~keep);
    }
}

/* r = a * b / R mod m (CIOS: Koc, Acar, Kaliski 1996). a, b < m. */
static inline void ec_mont_mul_impl(tern_limb *r, const tern_limb *a, const tern_limb *b,
                                    const tern_limb *m, tern_limb m0i, size_t nl)
{
    tern_limb t[EC_MAXL + 2];
    size_t i, j;

    for (j = 0; j < nl + 2; j++) {
        t[j] = 0;
    }
    for (i = 0; i < nl; i++) {
        tern_dlimb acc;
        tern_limb c = 0;
        tern_limb u;
        for (j = 0; j < nl; j++) {
            acc = (tern_dlimb)a[j] * b[i] + t[j] + c;
            t[j] = (tern_limb)acc;
            c = (tern_limb)(acc >> EC_LIMB_BITS);
        }
        acc = (tern_dlimb)t[nl] + c;
        t[nl] = (tern_limb)acc;
        t[nl + 1] = (tern_limb)(acc >> EC_LIMB_BITS);
        /* add u * m, which makes the low limb zero, and shift one limb */
        u = t[0] * m0i;
        acc = (tern_dlimb)u * m[0] + t[0];
        c = (tern_limb)(acc >> EC_LIMB_BITS);
        for (j = 1; j < nl; j++) {
            acc = (tern_dlimb)u * m[j] + t[j] + c;
            t[j - 1] = (tern_limb)acc;
            c = (tern_limb)(acc >> EC_LIMB_BITS);
        }
        acc = (tern_dlimb)t[nl] + c;
        t[nl - 1] = (tern_limb)acc;
        t[nl] = t[nl + 1] + (tern_limb)(acc >> EC_LIMB_BITS);
    }
    ec_final_sub_impl(r, t, t[nl], m, nl);
}

/* r = a^2 / R mod m: the off-diagonal products once, doubled, plus the
 * squares; then nl Montgomery reduction steps. a < m. */
static inline void ec_mont_sqr_impl(tern_limb *r, const tern_limb *a, const tern_limb *m,
                                    tern_limb m0i, size_t nl)
{
    tern_limb t[2 * EC_MAXL + 1];
    tern_limb c, hi;
    tern_dlimb acc;
    size_t i, j;

    for (j = 0; j < 2 * nl; j++) {
        t[j] = 0;
    }
    for (i = 0; i < nl; i++) {
        c = 0;
        for (j = i + 1; j < nl; j++) {
            acc = (tern_dlimb)a[i] * a[j] + t[i + j] + c;
            t[i + j] = (tern_limb)acc;
            c = (tern_limb)(acc >> EC_LIMB_BITS);
        }
        t[i + nl] = c;
    }
    /* double, add the squares */
    c = 0;
    for (j = 0; j < 2 * nl; j++) {
        tern_limb v = t[j];
        t[j] = (v << 1) | c;
        c = v >> (EC_LIMB_BITS - 1);
    }
    c = 0;
    for (i = 0; i < nl; i++) {
        acc = (tern_dlimb)a[i] * a[i] + t[2 * i] + c;
        t[2 * i] = (tern_limb)acc;
        acc = (tern_dlimb)t[2 * i + 1] + (tern_limb)(acc >> EC_LIMB_BITS);
        t[2 * i + 1] = (tern_limb)acc;
        c = (tern_limb)(acc >> EC_LIMB_BITS);
    }
    /* reduce: nl steps, each clearing one low limb */
    hi = 0;
    for (i = 0; i < nl; i++) {
        tern_limb u = t[i] * m0i;
        c = 0;
        for (j = 0; j < nl; j++) {
            acc = (tern_dlimb)u * m[j] + t[i + j] + c;
            t[i + j] = (tern_limb)acc;
            c = (tern_limb)(acc >> EC_LIMB_BITS);
        }
        /* propagate into the upper half; hi collects the carry out of
         * limb i + nl from the previous step */
        acc = (tern_dlimb)t[i + nl] + c + hi;
        t[i + nl] = (tern_limb)acc;
        hi = (tern_limb)(acc >> EC_LIMB_BITS);
    }
    ec_final_sub_impl(r, t + nl, hi, m, nl);
}

/* r = a + b mod m. a, b < m. */
static inline void ec_mod_add_impl(tern_limb *r, const tern_limb *a, const tern_limb *b,
                                   const tern_limb *m, size_t nl)
{
    tern_limb t[EC_MAXL];
    tern_limb c = 0;
    size_t i;
    for (i = 0; i < nl; i++) {
        tern_dlimb acc = (tern_dlimb)a[i] + b[i] + c;
        t[i] = (tern_limb)acc;
        c = (tern_limb)(acc >> EC_LIMB_BITS);
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
    for (i = 0; i < nl; i++) {
        tern_dlimb acc = (tern_dlimb)r[i] + (m[i] & mask) + c;
        r[i] = (tern_limb)acc;
        c = (tern_limb)(acc >> EC_LIMB_BITS);
    }
}

#endif /* TERN_EC_MONT_IMPL_H */
