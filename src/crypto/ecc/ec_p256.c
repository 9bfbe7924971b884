/*
 * The P-256 curve object (FIPS 186-4 D.1.2.3, SEC 2 secp256r1, TLS group
 * secp256r1) and, in the fast variant, its field arithmetic specialised
 * for the constant modulus: with 64-bit limbs the reduction written for
 * the form of p (ec_p256_fe64_impl.h), with 32-bit limbs the generic
 * loops unrolled with the modulus limbs folded. Constants and the comb
 * table are in ec_p256_data.c (generated).
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256

#include "crypto/ecc/ec_internal.h"
#define EC_MONT_UNROLL 1
#include "crypto/ecc/ec_mont_impl.h"
#include "crypto/ecc/ec_p256_fe64_impl.h"
#include "tern/pk.h"

#define NL EC_LIMBS(256)

#if !TERN_CONFIG_EC_SMALL
#if TERN_CONFIG_WORD_BITS == 64
/* 64-bit limbs: the reduction specialised for the form of p
 * (ec_p256_fe64_impl.h). */
static void fmul(tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    p256_fe_mul(r, a, b);
}

static void fsqr(tern_limb *r, const tern_limb *a)
{
    p256_fe_sqr(r, a);
}

static void fadd(tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    p256_fe_add(r, a, b);
}

static void fsub(tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    p256_fe_sub(r, a, b);
}
#else
/* The field modulus as a constant the compiler can fold (p =
 * tern_ec_p256_p; the two must agree, which the unit tests check through
 * the generic path). */
static const tern_limb P[NL] = {EC_W(0xffffffff, 0xffffffff), EC_W(0x00000000, 0xffffffff),
                                EC_W(0x00000000, 0x00000000), EC_W(0xffffffff, 0x00000001)};

static void fmul(tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    ec_mont_mul_impl(r, a, b, P, EC_M0I(0x00000000, 0x00000001), NL);
}

static void fsqr(tern_limb *r, const tern_limb *a)
{
    ec_mont_sqr_impl(r, a, P, EC_M0I(0x00000000, 0x00000001), NL);
}

static void fadd(tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    ec_mod_add_impl(r, a, b, P, NL);
}

static void fsub(tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    ec_mod_sub_impl(r, a, b, P, NL);
}
#endif
/* The group order, for the scalar arithmetic of ECDSA (inversion of the
 * nonce and of s). */
static const tern_limb N[NL] = {EC_W(0xf3b9cac2, 0xfc632551), EC_W(0xbce6faad, 0xa7179e84),
                                EC_W(0xffffffff, 0xffffffff), EC_W(0xffffffff, 0x00000000)};

static void nmul(tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    ec_mont_mul_impl(r, a, b, N, EC_M0I(0xccd1c8aa, 0xee00bc4f), NL);
}

static void nsqr(tern_limb *r, const tern_limb *a)
{
    ec_mont_sqr_impl(r, a, N, EC_M0I(0xccd1c8aa, 0xee00bc4f), NL);
}
#endif /* !TERN_CONFIG_EC_SMALL */

/* see src/crypto/ecc/ec_internal.h */
const ec_curve tern_ec_p256 = {
    .group = TERN_GROUP_SECP256R1,
    .len = 256 / 8,
    .nl = NL,
    .p =
        {
            .m = tern_ec_p256_p,
            .rr = tern_ec_p256_p_rr,
            .one = tern_ec_p256_p_one,
            .m0i = EC_M0I(0x00000000, 0x00000001),
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
            .m = tern_ec_p256_n,
            .rr = tern_ec_p256_n_rr,
            .one = tern_ec_p256_n_one,
            .m0i = EC_M0I(0xccd1c8aa, 0xee00bc4f),
            .nl = NL,
#if !TERN_CONFIG_EC_SMALL
            .mul = nmul,
            .sqr = nsqr,
            .add = NULL,
            .sub = NULL,
#endif
        },
    .b = tern_ec_p256_b,
    .gx = tern_ec_p256_gx,
    .gy = tern_ec_p256_gy,
#if !TERN_CONFIG_EC_SMALL
    .gtab = tern_ec_p256_gtab,
    .strands = 0,
#if TERN_CONFIG_WORD_BITS == 64
    .pt = &tern_ec_p256_point64,
#else
    .pt = NULL,
#endif
#endif
};

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ec_p256_unused_;
#endif
