/*
 * Jacobian point arithmetic on y^2 = x^3 - 3x + b (P-256, P-384).
 *
 * Formulas (Explicit-Formulas Database, a = -3): doubling "dbl-2001-b"
 * (3M + 5S), addition "add-1998-cmo-2" (12M + 4S), mixed addition with
 * Z2 = 1 (8M + 3S). The point at infinity is Z = 0; the cases the raw
 * formulas get wrong are patched by constant-time selection, never by a
 * branch (see ec_internal.h for which cases each function covers).
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "crypto/ecc/ec_internal.h"

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_dbl(const ec_curve *c, ec_jac *r, const ec_jac *a)
{
    tern_limb delta[EC_MAXL], gamma[EC_MAXL], beta[EC_MAXL], alpha[EC_MAXL];
    tern_limb t[EC_MAXL], u[EC_MAXL];

    EC_FSQR(c, delta, a->z);
    EC_FSQR(c, gamma, a->y);
    EC_FMUL(c, beta, a->x, gamma);
    /* alpha = 3 (X - delta)(X + delta) */
    EC_FSUB(c, t, a->x, delta);
    EC_FADD(c, u, a->x, delta);
    EC_FMUL(c, alpha, t, u);
    EC_FADD(c, t, alpha, alpha);
    EC_FADD(c, alpha, alpha, t);
    /* Z3 = (Y + Z)^2 - gamma - delta (before Y and Z are overwritten) */
    EC_FADD(c, t, a->y, a->z);
    EC_FSQR(c, t, t);
    EC_FSUB(c, t, t, gamma);
    EC_FSUB(c, r->z, t, delta);
    /* X3 = alpha^2 - 8 beta */
    EC_FADD(c, beta, beta, beta);
    EC_FADD(c, beta, beta, beta); /* 4 beta */
    EC_FSQR(c, t, alpha);
    EC_FADD(c, u, beta, beta);
    EC_FSUB(c, r->x, t, u);
    /* Y3 = alpha (4 beta - X3) - 8 gamma^2 */
    EC_FSUB(c, t, beta, r->x);
    EC_FMUL(c, t, alpha, t);
    EC_FSQR(c, gamma, gamma);
    EC_FADD(c, gamma, gamma, gamma);
    EC_FADD(c, gamma, gamma, gamma);
    EC_FADD(c, gamma, gamma, gamma);
    EC_FSUB(c, r->y, t, gamma);
}

/* The raw addition formula: r = a + b with H = U2 - U1 and R = S2 - S1
 * returned, so callers can detect the exceptional cases. r may alias. */
static void add_raw(const ec_curve *c, ec_jac *r, const ec_jac *a, const ec_jac *b, tern_limb *h,
                    tern_limb *rr)
{
    tern_limb z1z1[EC_MAXL], z2z2[EC_MAXL], u1[EC_MAXL], u2[EC_MAXL], s1[EC_MAXL];
    tern_limb s2[EC_MAXL], hh[EC_MAXL], hhh[EC_MAXL], v[EC_MAXL], t[EC_MAXL];

    EC_FSQR(c, z1z1, a->z);
    EC_FSQR(c, z2z2, b->z);
    EC_FMUL(c, u1, a->x, z2z2);
    EC_FMUL(c, u2, b->x, z1z1);
    EC_FMUL(c, s1, b->z, z2z2);
    EC_FMUL(c, s1, a->y, s1);
    EC_FMUL(c, s2, a->z, z1z1);
    EC_FMUL(c, s2, b->y, s2);
    EC_FSUB(c, h, u2, u1);
    EC_FSUB(c, rr, s2, s1);
    EC_FSQR(c, hh, h);
    EC_FMUL(c, hhh, h, hh);
    EC_FMUL(c, v, u1, hh);
    /* Z3 = Z1 Z2 H */
    EC_FMUL(c, t, a->z, b->z);
    EC_FMUL(c, r->z, t, h);
    /* X3 = R^2 - H^3 - 2V */
    EC_FSQR(c, t, rr);
    EC_FSUB(c, t, t, hhh);
    EC_FSUB(c, t, t, v);
    EC_FSUB(c, r->x, t, v);
    /* Y3 = R (V - X3) - S1 H^3 */
    EC_FSUB(c, t, v, r->x);
    EC_FMUL(c, t, rr, t);
    EC_FMUL(c, s1, s1, hhh);
    EC_FSUB(c, r->y, t, s1);
}

static void jac_cmov(const ec_curve *c, ec_jac *r, const ec_jac *a, uint32_t ctl)
{
    tern_ec_cmov(r->x, a->x, ctl, c->nl);
    tern_ec_cmov(r->y, a->y, ctl, c->nl);
    tern_ec_cmov(r->z, a->z, ctl, c->nl);
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_add(const ec_curve *c, ec_jac *r, const ec_jac *a, const ec_jac *b)
{
    ec_jac s;
    tern_limb h[EC_MAXL], rr[EC_MAXL];
    uint32_t a_inf = tern_ec_is_zero(a->z, c->nl);
    uint32_t b_inf = tern_ec_is_zero(b->z, c->nl);

    add_raw(c, &s, a, b, h, rr);
    jac_cmov(c, &s, b, a_inf);
    jac_cmov(c, &s, a, b_inf);
    *r = s;
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_add_complete(const ec_curve *c, ec_jac *r, const ec_jac *a, const ec_jac *b)
{
    ec_jac s, d;
    tern_limb h[EC_MAXL], rr[EC_MAXL];
    uint32_t a_inf = tern_ec_is_zero(a->z, c->nl);
    uint32_t b_inf = tern_ec_is_zero(b->z, c->nl);
    uint32_t same;

    add_raw(c, &s, a, b, h, rr);
    /* H = R = 0 with both finite: a == b, so the sum is 2a. (H = 0 with
     * R != 0 is a == -b: the formula already gives Z3 = 0.) */
    same = tern_ec_is_zero(h, c->nl) & tern_ec_is_zero(rr, c->nl) & (a_inf ^ 1) & (b_inf ^ 1);
    tern_ec_dbl(c, &d, a);
    jac_cmov(c, &s, &d, same);
    jac_cmov(c, &s, b, a_inf);
    jac_cmov(c, &s, a, b_inf);
    *r = s;
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_add_mixed(const ec_curve *c, ec_jac *r, const ec_jac *a, const tern_limb *bx,
                       const tern_limb *by, uint32_t use_b)
{
    tern_limb z1z1[EC_MAXL], u2[EC_MAXL], s2[EC_MAXL], h[EC_MAXL], rr[EC_MAXL];
    tern_limb hh[EC_MAXL], hhh[EC_MAXL], v[EC_MAXL], t[EC_MAXL];
    ec_jac s;
    size_t nl = c->nl;
    uint32_t a_inf = tern_ec_is_zero(a->z, nl);

    EC_FSQR(c, z1z1, a->z);
    EC_FMUL(c, u2, bx, z1z1);
    EC_FMUL(c, s2, a->z, z1z1);
    EC_FMUL(c, s2, by, s2);
    EC_FSUB(c, h, u2, a->x);
    EC_FSUB(c, rr, s2, a->y);
    EC_FSQR(c, hh, h);
    EC_FMUL(c, hhh, h, hh);
    EC_FMUL(c, v, a->x, hh);
    EC_FMUL(c, s.z, a->z, h);
    EC_FSQR(c, t, rr);
    EC_FSUB(c, t, t, hhh);
    EC_FSUB(c, t, t, v);
    EC_FSUB(c, s.x, t, v);
    EC_FSUB(c, t, v, s.x);
    EC_FMUL(c, t, rr, t);
    EC_FMUL(c, hhh, a->y, hhh);
    EC_FSUB(c, s.y, t, hhh);

    /* a at infinity: the sum is b (Z = 1) */
    tern_ec_cmov(s.x, bx, a_inf, nl);
    tern_ec_cmov(s.y, by, a_inf, nl);
    tern_ec_cmov(s.z, c->p.one, a_inf, nl);
    /* b not used: keep a */
    jac_cmov(c, &s, a, use_b ^ 1);
    *r = s;
}

/* see src/crypto/ecc/ec_internal.h */
uint32_t tern_ec_to_affine(const ec_curve *c, tern_limb *x, tern_limb *y, const ec_jac *a)
{
    tern_limb zi[EC_MAXL], zi2[EC_MAXL];

    tern_ec_mod_inv(&c->p, zi, a->z); /* 0 for infinity */
    EC_FSQR(c, zi2, zi);
    EC_FMUL(c, x, a->x, zi2);
    EC_FMUL(c, zi2, zi2, zi);
    EC_FMUL(c, y, a->y, zi2);
    return tern_ec_is_zero(a->z, c->nl) ^ 1;
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_set_affine(const ec_curve *c, ec_jac *r, const tern_limb *x, const tern_limb *y)
{
    size_t i;
    for (i = 0; i < c->nl; i++) {
        r->x[i] = x[i];
        r->y[i] = y[i];
        r->z[i] = c->p.one[i];
    }
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ec_point_unused_;
#endif
