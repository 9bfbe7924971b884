/*
 * Jacobian point arithmetic on y^2 = x^3 - 3x + b (P-256, P-384): the
 * formulas of ec_point_impl.h over the curve's field functions, and in
 * the fast variant a dispatch to a curve's own point functions where it
 * has them (ec_p256_point64.c). Constant-time; see ec_internal.h for
 * which exceptional cases each function covers.
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "crypto/ecc/ec_internal.h"

#define PT_FMUL(c, r, a, b) EC_FMUL(c, r, a, b)
#define PT_FSQR(c, r, a) EC_FSQR(c, r, a)
#define PT_FADD(c, r, a, b) EC_FADD(c, r, a, b)
#define PT_FSUB(c, r, a, b) EC_FSUB(c, r, a, b)
#define PT_CMOV(c, r, a, ctl) tern_ec_cmov(r, a, ctl, (c)->nl)
#define PT_IS_ZERO(c, a) tern_ec_is_zero(a, (c)->nl)
#include "crypto/ecc/ec_point_impl.h"

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_dbl(const ec_curve *c, ec_jac *r, const ec_jac *a)
{
#if !TERN_CONFIG_EC_SMALL
    if (c->pt != NULL) {
        c->pt->dbl(r, a);
        return;
    }
#endif
    pt_dbl(c, r, a);
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_add(const ec_curve *c, ec_jac *r, const ec_jac *a, const ec_jac *b)
{
#if !TERN_CONFIG_EC_SMALL
    if (c->pt != NULL) {
        c->pt->add(r, a, b);
        return;
    }
#endif
    pt_add(c, r, a, b);
}

static void add_raw(const ec_curve *c, ec_jac *r, const ec_jac *a, const ec_jac *b, tern_limb *h,
                    tern_limb *rr)
{
#if !TERN_CONFIG_EC_SMALL
    if (c->pt != NULL) {
        c->pt->add_raw(r, a, b, h, rr);
        return;
    }
#endif
    pt_add_raw(c, r, a, b, h, rr);
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
    pt_jac_cmov(c, &s, &d, same);
    pt_jac_cmov(c, &s, b, a_inf);
    pt_jac_cmov(c, &s, a, b_inf);
    *r = s;
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_add_mixed(const ec_curve *c, ec_jac *r, const ec_jac *a, const tern_limb *bx,
                       const tern_limb *by, uint32_t use_b)
{
#if !TERN_CONFIG_EC_SMALL
    if (c->pt != NULL) {
        c->pt->add_mixed(r, a, bx, by, use_b);
        return;
    }
#endif
    pt_add_mixed(c, r, a, bx, by, use_b, c->p.one);
}

#if !TERN_CONFIG_EC_SMALL
/* see src/crypto/ecc/ec_internal.h */
void tern_ec_add_raw(const ec_curve *c, ec_jac *r, const ec_jac *a, const ec_jac *b, tern_limb *h,
                     tern_limb *rr)
{
    add_raw(c, r, a, b, h, rr);
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_madd_raw(const ec_curve *c, ec_jac *r, const ec_jac *a, const tern_limb *bx,
                      const tern_limb *by, tern_limb *h, tern_limb *rr)
{
    if (c->pt != NULL) {
        c->pt->madd_raw(r, a, bx, by, h, rr);
        return;
    }
    pt_madd_raw(c, r, a, bx, by, h, rr);
}
#endif

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
