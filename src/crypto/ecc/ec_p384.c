/*
 * The P-384 curve object (FIPS 186-4 D.1.2.4, SEC 2 secp384r1, TLS group
 * secp384r1) and, in the fast variant, its field arithmetic specialised
 * for the constant modulus (unrolled loops, folded modulus limbs).
 * Constants and the comb table are in ec_p384_data.c (generated).
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P384

#include "crypto/ecc/ec_internal.h"
#define EC_MONT_UNROLL 1
#include "crypto/ecc/ec_mont_impl.h"
#include "tern/pk.h"

#define NL EC_LIMBS(384)

#if !TERN_CONFIG_EC_SMALL
/* The field modulus as a constant the compiler can fold (p =
 * tern_ec_p384_p; the two must agree, which the unit tests check through
 * the generic path). */
static const tern_limb P[NL] = {EC_W(0x00000000, 0xffffffff), EC_W(0xffffffff, 0x00000000),
                                EC_W(0xffffffff, 0xfffffffe), EC_W(0xffffffff, 0xffffffff),
                                EC_W(0xffffffff, 0xffffffff), EC_W(0xffffffff, 0xffffffff)};

static void fmul(tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    ec_mont_mul_impl(r, a, b, P, EC_M0I(0x00000001, 0x00000001), NL);
}

static void fsqr(tern_limb *r, const tern_limb *a)
{
    ec_mont_sqr_impl(r, a, P, EC_M0I(0x00000001, 0x00000001), NL);
}

static void fadd(tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    ec_mod_add_impl(r, a, b, P, NL);
}

static void fsub(tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    ec_mod_sub_impl(r, a, b, P, NL);
}
/* The group order, for the scalar arithmetic of ECDSA (inversion of the
 * nonce and of s). */
static const tern_limb N[NL] = {EC_W(0xecec196a, 0xccc52973), EC_W(0x581a0db2, 0x48b0a77a),
                                EC_W(0xc7634d81, 0xf4372ddf), EC_W(0xffffffff, 0xffffffff),
                                EC_W(0xffffffff, 0xffffffff), EC_W(0xffffffff, 0xffffffff)};

static void nmul(tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    ec_mont_mul_impl(r, a, b, N, EC_M0I(0x6ed46089, 0xe88fdc45), NL);
}

static void nsqr(tern_limb *r, const tern_limb *a)
{
    ec_mont_sqr_impl(r, a, N, EC_M0I(0x6ed46089, 0xe88fdc45), NL);
}
#endif /* !TERN_CONFIG_EC_SMALL */

/* see src/crypto/ecc/ec_internal.h */
const ec_curve tern_ec_p384 = {
    .group = TERN_GROUP_SECP384R1,
    .len = 384 / 8,
    .nl = NL,
    .p =
        {
            .m = tern_ec_p384_p,
            .rr = tern_ec_p384_p_rr,
            .one = tern_ec_p384_p_one,
            .m0i = EC_M0I(0x00000001, 0x00000001),
            .nl = NL,
#if !TERN_CONFIG_EC_SMALL
            .mul = fmul,
            .sqr = fsqr,
            .add = fadd,
            .sub = fsub,
#endif
        },
    .n =
        {
            .m = tern_ec_p384_n,
            .rr = tern_ec_p384_n_rr,
            .one = tern_ec_p384_n_one,
            .m0i = EC_M0I(0x6ed46089, 0xe88fdc45),
            .nl = NL,
#if !TERN_CONFIG_EC_SMALL
            .mul = nmul,
            .sqr = nsqr,
            .add = NULL,
            .sub = NULL,
#endif
        },
    .b = tern_ec_p384_b,
    .gx = tern_ec_p384_gx,
    .gy = tern_ec_p384_gy,
#if !TERN_CONFIG_EC_SMALL
    .gtab = tern_ec_p384_gtab,
    .strands = 8,
    .pt = NULL,
#endif
};

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ec_p384_unused_;
#endif
