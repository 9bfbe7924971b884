/*
 * Jacobian point formulas on y^2 = x^3 - 3x + b (P-256, P-384), written
 * once over field macros that the including file defines:
 *     PT_FMUL(c, r, a, b)  PT_FSQR(c, r, a)  PT_FADD(c, r, a, b)
 *     PT_FSUB(c, r, a, b)  PT_CMOV(c, r, a, ctl)  PT_IS_ZERO(c, a)
 * (c is the curve; r may alias an input). ec_point.c instantiates them
 * for any curve through the curve's field functions; the fast variant's
 * ec_p256_point64.c instantiates them for P-256 with the inline 64-bit
 * field arithmetic, so no call is made per field operation there.
 *
 * Formulas (Explicit-Formulas Database, a = -3): doubling "dbl-2001-b"
 * (3M + 5S), addition "add-1998-cmo-2" (12M + 4S), mixed addition with
 * Z2 = 1 (8M + 3S). The point at infinity is Z = 0; the cases the raw
 * formulas get wrong are patched by constant-time selection, never by a
 * branch (see ec_internal.h for which cases each function covers).
 * Everything here is constant-time.
 */
#ifndef TERN_EC_POINT_IMPL_H
#define TERN_EC_POINT_IMPL_H

#include "crypto/ecc/ec_internal.h"

/* pt_dbl has a single caller per instance; GCC -Os would leave it out of
 * line behind a tail call (4 more bytes in the size-optimised build). */
#if defined(__GNUC__)
#define PT_INLINE_ONCE __attribute__((always_inline))
#else
#define PT_INLINE_ONCE
#endif

/* r = 2a (any a, including infinity). r may alias a. */
static inline PT_INLINE_ONCE void pt_dbl(const ec_curve *c, ec_jac *r, const ec_jac *a)
{
    tern_limb delta[EC_MAXL], gamma[EC_MAXL], beta[EC_MAXL], alpha[EC_MAXL];
    tern_limb t[EC_MAXL], u[EC_MAXL];

    (void)c;
    PT_FSQR(c, delta, a->z);
    PT_FSQR(c, gamma, a->y);
    PT_FMUL(c, beta, a->x, gamma);
    /* alpha = 3 (X - delta)(X + delta) */
    PT_FSUB(c, t, a->x, delta);
    PT_FADD(c, u, a->x, delta);
    PT_FMUL(c, alpha, t, u);
    PT_FADD(c, t, alpha, alpha);
    PT_FADD(c, alpha, alpha, t);
    /* Z3 = (Y + Z)^2 - gamma - delta (before Y and Z are overwritten) */
    PT_FADD(c, t, a->y, a->z);
    PT_FSQR(c, t, t);
    PT_FSUB(c, t, t, gamma);
    PT_FSUB(c, r->z, t, delta);
    /* X3 = alpha^2 - 8 beta */
    PT_FADD(c, beta, beta, beta);
    PT_FADD(c, beta, beta, beta); /* 4 beta */
    PT_FSQR(c, t, alpha);
    PT_FADD(c, u, beta, beta);
    PT_FSUB(c, r->x, t, u);
    /* Y3 = alpha (4 beta - X3) - 8 gamma^2 */
    PT_FSUB(c, t, beta, r->x);
    PT_FMUL(c, t, alpha, t);
    PT_FSQR(c, gamma, gamma);
    PT_FADD(c, gamma, gamma, gamma);
    PT_FADD(c, gamma, gamma, gamma);
    PT_FADD(c, gamma, gamma, gamma);
    PT_FSUB(c, r->y, t, gamma);
}

/* The raw addition formula: r = a + b with H = U2 - U1 and R = S2 - S1
 * returned, so callers can detect the exceptional cases. r may alias. */
static inline void pt_add_raw(const ec_curve *c, ec_jac *r, const ec_jac *a, const ec_jac *b,
                              tern_limb *h, tern_limb *rr)
{
    tern_limb z1z1[EC_MAXL], z2z2[EC_MAXL], u1[EC_MAXL], u2[EC_MAXL], s1[EC_MAXL];
    tern_limb s2[EC_MAXL], hh[EC_MAXL], hhh[EC_MAXL], v[EC_MAXL], t[EC_MAXL];

    (void)c;
    PT_FSQR(c, z1z1, a->z);
    PT_FSQR(c, z2z2, b->z);
    PT_FMUL(c, u1, a->x, z2z2);
    PT_FMUL(c, u2, b->x, z1z1);
    PT_FMUL(c, s1, b->z, z2z2);
    PT_FMUL(c, s1, a->y, s1);
    PT_FMUL(c, s2, a->z, z1z1);
    PT_FMUL(c, s2, b->y, s2);
    PT_FSUB(c, h, u2, u1);
    PT_FSUB(c, rr, s2, s1);
    PT_FSQR(c, hh, h);
    PT_FMUL(c, hhh, h, hh);
    PT_FMUL(c, v, u1, hh);
    /* Z3 = Z1 Z2 H */
    PT_FMUL(c, t, a->z, b->z);
    PT_FMUL(c, r->z, t, h);
    /* X3 = R^2 - H^3 - 2V */
    PT_FSQR(c, t, rr);
    PT_FSUB(c, t, t, hhh);
    PT_FSUB(c, t, t, v);
    PT_FSUB(c, r->x, t, v);
    /* Y3 = R (V - X3) - S1 H^3 */
    PT_FSUB(c, t, v, r->x);
    PT_FMUL(c, t, rr, t);
    PT_FMUL(c, s1, s1, hhh);
    PT_FSUB(c, r->y, t, s1);
}

/* The raw mixed addition: r = a + (bx, by) (Z2 = 1), H = U2 - X1 and
 * R = S2 - Y1 returned. r must not alias a. */
static inline void pt_madd_raw(const ec_curve *c, ec_jac *r, const ec_jac *a, const tern_limb *bx,
                               const tern_limb *by, tern_limb *h, tern_limb *rr)
{
    tern_limb z1z1[EC_MAXL], u2[EC_MAXL], s2[EC_MAXL];
    tern_limb hh[EC_MAXL], hhh[EC_MAXL], v[EC_MAXL], t[EC_MAXL];

    (void)c;
    PT_FSQR(c, z1z1, a->z);
    PT_FMUL(c, u2, bx, z1z1);
    PT_FMUL(c, s2, a->z, z1z1);
    PT_FMUL(c, s2, by, s2);
    PT_FSUB(c, h, u2, a->x);
    PT_FSUB(c, rr, s2, a->y);
    PT_FSQR(c, hh, h);
    PT_FMUL(c, hhh, h, hh);
    PT_FMUL(c, v, a->x, hh);
    PT_FMUL(c, r->z, a->z, h);
    PT_FSQR(c, t, rr);
    PT_FSUB(c, t, t, hhh);
    PT_FSUB(c, t, t, v);
    PT_FSUB(c, r->x, t, v);
    PT_FSUB(c, t, v, r->x);
    PT_FMUL(c, t, rr, t);
    PT_FMUL(c, hhh, a->y, hhh);
    PT_FSUB(c, r->y, t, hhh);
}

static inline void pt_jac_cmov(const ec_curve *c, ec_jac *r, const ec_jac *a, uint32_t ctl)
{
    (void)c;
    PT_CMOV(c, r->x, a->x, ctl);
    PT_CMOV(c, r->y, a->y, ctl);
    PT_CMOV(c, r->z, a->z, ctl);
}

/* r = a + b; a or b may be infinity; a != +-b otherwise. r may alias. */
static inline void pt_add(const ec_curve *c, ec_jac *r, const ec_jac *a, const ec_jac *b)
{
    ec_jac s;
    tern_limb h[EC_MAXL], rr[EC_MAXL];
    uint32_t a_inf = PT_IS_ZERO(c, a->z);
    uint32_t b_inf = PT_IS_ZERO(c, b->z);

    pt_add_raw(c, &s, a, b, h, rr);
    pt_jac_cmov(c, &s, b, a_inf);
    pt_jac_cmov(c, &s, a, b_inf);
    *r = s;
}

/* r = a + (bx, by) if use_b, else r = a; (bx, by) affine, a may be
 * infinity, a != +-b otherwise. r may alias a. one is 1 in Montgomery
 * form. */
static inline void pt_add_mixed(const ec_curve *c, ec_jac *r, const ec_jac *a, const tern_limb *bx,
                                const tern_limb *by, uint32_t use_b, const tern_limb *one)
{
    tern_limb h[EC_MAXL], rr[EC_MAXL];
    ec_jac s;
    uint32_t a_inf = PT_IS_ZERO(c, a->z);

    pt_madd_raw(c, &s, a, bx, by, h, rr);
    /* a at infinity: the sum is b (Z = 1) */
    PT_CMOV(c, s.x, bx, a_inf);
    PT_CMOV(c, s.y, by, a_inf);
    PT_CMOV(c, s.z, one, a_inf);
    /* b not used: keep a */
    pt_jac_cmov(c, &s, a, use_b ^ 1);
    *r = s;
}

#endif /* TERN_EC_POINT_IMPL_H */
