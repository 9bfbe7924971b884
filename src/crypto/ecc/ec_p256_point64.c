/*
 * P-256 point functions of the fast 64-bit variant: the formulas of
 * ec_point_impl.h instantiated with the inline P-256 field arithmetic of
 * ec_p256_fe64_impl.h, so a doubling or an addition is one function with
 * no call per field operation (the generic instance calls through the
 * curve's function pointers 20 to 30 times per point operation).
 * tern_ec_p256 points at them (ec_p256.c); ec_point.c dispatches.
 * Constant-time, like the formulas.
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 && TERN_CONFIG_WORD_BITS == 64 && !TERN_CONFIG_EC_SMALL

#include "crypto/ecc/ec_internal.h"
#include "crypto/ecc/ec_p256_fe64_impl.h"

#define NL EC_LIMBS(256)

/* r = ctl ? a : r, four limbs */
static inline void cmov4(tern_limb *r, const tern_limb *a, uint32_t ctl)
{
    tern_limb mask = ec_mask(ctl);
    r[0] ^= mask & (r[0] ^ a[0]);
    r[1] ^= mask & (r[1] ^ a[1]);
    r[2] ^= mask & (r[2] ^ a[2]);
    r[3] ^= mask & (r[3] ^ a[3]);
}

/* 1 if a == 0, four limbs */
static inline uint32_t is_zero4(const tern_limb *a)
{
    tern_limb acc = a[0] | a[1] | a[2] | a[3];
    return (uint32_t)(((acc | (0 - acc)) >> (EC_LIMB_BITS - 1)) ^ 1);
}

#define PT_FMUL(c, r, a, b) p256_fe_mul(r, a, b)
#define PT_FSQR(c, r, a) p256_fe_sqr(r, a)
#define PT_FADD(c, r, a, b) p256_fe_add(r, a, b)
#define PT_FSUB(c, r, a, b) p256_fe_sub(r, a, b)
#define PT_CMOV(c, r, a, ctl) cmov4(r, a, ctl)
#define PT_IS_ZERO(c, a) is_zero4(a)
#include "crypto/ecc/ec_point_impl.h"

static void dbl(ec_jac *r, const ec_jac *a)
{
    pt_dbl(NULL, r, a);
}

static void add(ec_jac *r, const ec_jac *a, const ec_jac *b)
{
    pt_add(NULL, r, a, b);
}

static void add_mixed(ec_jac *r, const ec_jac *a, const tern_limb *bx, const tern_limb *by,
                      uint32_t use_b)
{
    pt_add_mixed(NULL, r, a, bx, by, use_b, tern_ec_p256_p_one);
}

static void add_raw(ec_jac *r, const ec_jac *a, const ec_jac *b, tern_limb *h, tern_limb *rr)
{
    pt_add_raw(NULL, r, a, b, h, rr);
}

static void madd_raw(ec_jac *r, const ec_jac *a, const tern_limb *bx, const tern_limb *by,
                     tern_limb *h, tern_limb *rr)
{
    pt_madd_raw(NULL, r, a, bx, by, h, rr);
}

/* see src/crypto/ecc/ec_internal.h */
const ec_point_ops tern_ec_p256_point64 = {dbl, add, add_mixed, add_raw, madd_raw};

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ec_p256_point64_unused_;
#endif
