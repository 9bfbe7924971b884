/*
 * Internal interface of the P-256 / P-384 code (src/crypto/ecc).
 *
 * Implementation notes
 * --------------------
 * Numbers are little-endian arrays of tern_limb (64-bit limbs with an
 * unsigned __int128 product when TERN_CONFIG_WORD_BITS is 64, 32-bit limbs
 * with a uint64_t product otherwise). Field elements and scalars are kept
 * fully reduced, in Montgomery form with R = 2^256 (P-256) or 2^384
 * (P-384), so R is the same for both word sizes and the generated tables
 * in ec_p256_data.c / ec_p384_data.c serve both.
 *
 * Points are Jacobian (X, Y, Z) <-> affine (X/Z^2, Y/Z^3); Z = 0 is the
 * point at infinity. Every routine here is constant-time with respect to
 * the values of its operands (no branch, no memory index on them); only
 * the curve, the lengths and public exponents steer control flow. The
 * one exception says so in its name: tern_ec_mul_double_vartime, for
 * ECDSA verification, where every input is public.
 *
 * Exceptional cases of the addition formulas: tern_ec_add and
 * tern_ec_add_mixed handle an operand at infinity (by constant-time
 * selection) but not P + P (they return a wrong point then). The scalar
 * multiplications only ever add two points whose scalars are distinct
 * subset sums of the base-16 digits of a scalar below n (see ec_mul.c), so
 * neither P + P nor P + (-P) can occur there. tern_ec_add_complete handles
 * every case; the small variant's ECDSA verification uses it for
 * u1*G + u2*Q (the fast variant's variable-time routine checks the cases
 * and branches).
 *
 * Variants: TERN_CONFIG_EC_SMALL selects generic loops only (no curve
 * specialisation, no fixed-base table: k*G runs the variable-base ladder).
 * The fast variant adds unrolled field arithmetic per curve, a
 * precomputed comb table for G and variable-time verification
 * (ec_mul_vt.c); with 64-bit limbs P-256 also gets a reduction written
 * for the form of p (ec_p256_fe64_impl.h) and point functions with that
 * arithmetic inlined (ec_p256_point64.c, through ec_curve.pt).
 */
#ifndef TERN_EC_INTERNAL_H
#define TERN_EC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/ct_internal.h"
#include "tern/config.h"
#include "tern/error.h"

#if TERN_CONFIG_WORD_BITS == 64
typedef uint64_t tern_limb;
/* The one extension of the 64-bit path (GCC and Clang): see config.h. */
__extension__ typedef unsigned __int128 tern_dlimb;
#define EC_LIMB_BITS 64
/* A 64-bit constant given as two 32-bit halves. */
#define EC_W(hi, lo) ((((tern_limb)(hi)) << 32) | (tern_limb)(lo))
/* -m^-1 mod 2^64 given as two halves. */
#define EC_M0I(hi, lo) EC_W(hi, lo)
#else
typedef uint32_t tern_limb;
typedef uint64_t tern_dlimb;
#define EC_LIMB_BITS 32
#define EC_W(hi, lo) (tern_limb)(lo), (tern_limb)(hi)
#define EC_M0I(hi, lo) ((tern_limb)(lo))
#endif

#define EC_LIMBS(bits) ((bits) / EC_LIMB_BITS)

#if TERN_CONFIG_ECC_P384
#define EC_MAX_BITS 384
#else
#define EC_MAX_BITS 256
#endif
#define EC_MAXL EC_LIMBS(EC_MAX_BITS)
#define EC_MAX_BYTES (EC_MAX_BITS / 8)

/* A modulus (p or n) and its Montgomery constants. */
typedef struct ec_mod {
    const tern_limb *m;   /* modulus, odd */
    const tern_limb *rr;  /* R^2 mod m */
    const tern_limb *one; /* R mod m: 1 in Montgomery form */
    tern_limb m0i;        /* -m^-1 mod 2^EC_LIMB_BITS */
    uint8_t nl;           /* limbs */
#if !TERN_CONFIG_EC_SMALL
    /* Specialised Montgomery product, squaring, addition, subtraction
     * (NULL: use the generic loops). */
    void (*mul)(tern_limb *r, const tern_limb *a, const tern_limb *b);
    void (*sqr)(tern_limb *r, const tern_limb *a);
    void (*add)(tern_limb *r, const tern_limb *a, const tern_limb *b);
    void (*sub)(tern_limb *r, const tern_limb *a, const tern_limb *b);
#endif
} ec_mod;

/* Jacobian point. */
typedef struct ec_jac {
    tern_limb x[EC_MAXL];
    tern_limb y[EC_MAXL];
    tern_limb z[EC_MAXL];
} ec_jac;

#if !TERN_CONFIG_EC_SMALL
/* A curve's own point functions (fast variant; the semantics of
 * tern_ec_dbl, tern_ec_add, tern_ec_add_mixed, tern_ec_add_raw and
 * tern_ec_madd_raw below, which dispatch to them). */
typedef struct ec_point_ops {
    void (*dbl)(ec_jac *r, const ec_jac *a);
    void (*add)(ec_jac *r, const ec_jac *a, const ec_jac *b);
    void (*add_mixed)(ec_jac *r, const ec_jac *a, const tern_limb *bx, const tern_limb *by,
                      uint32_t use_b);
    void (*add_raw)(ec_jac *r, const ec_jac *a, const ec_jac *b, tern_limb *h, tern_limb *rr);
    void (*madd_raw)(ec_jac *r, const ec_jac *a, const tern_limb *bx, const tern_limb *by,
                     tern_limb *h, tern_limb *rr);
} ec_point_ops;
#endif

typedef struct ec_curve {
    uint16_t group;      /* TERN_GROUP_* */
    uint8_t len;         /* bytes of a field element and of a scalar */
    uint8_t nl;          /* limbs */
    ec_mod p;            /* field */
    ec_mod n;            /* group order */
    const tern_limb *b;  /* curve coefficient b (Montgomery form); a = -3 */
    const tern_limb *gx; /* base point (Montgomery form) */
    const tern_limb *gy;
#if !TERN_CONFIG_EC_SMALL
    const tern_limb *gtab;   /* fixed-base tables, see ec_mul_gen.c */
    uint8_t strands;         /* comb strands; 0: signed 5-bit windows */
    const ec_point_ops *pt;  /* NULL: the generic formulas (ec_point.c) */
#endif
} ec_curve;

/* ---- curves ----------------------------------------------------------- */

/* The curve for a TLS NamedGroup, or NULL (unknown or compiled out). */
const ec_curve *tern_ec_curve(uint16_t group);

#if TERN_CONFIG_ECC_P256
extern const ec_curve tern_ec_p256;
extern const tern_limb tern_ec_p256_p[], tern_ec_p256_n[], tern_ec_p256_p_rr[], tern_ec_p256_n_rr[],
    tern_ec_p256_p_one[], tern_ec_p256_n_one[], tern_ec_p256_b[], tern_ec_p256_gx[],
    tern_ec_p256_gy[], tern_ec_p256_gtab[];
#endif
#if TERN_CONFIG_ECC_P256 && TERN_CONFIG_WORD_BITS == 64 && !TERN_CONFIG_EC_SMALL
/* P-256's point functions with the inline 64-bit field (ec_p256_point64.c) */
extern const ec_point_ops tern_ec_p256_point64;
#endif
#if TERN_CONFIG_ECC_P384
extern const ec_curve tern_ec_p384;
extern const tern_limb tern_ec_p384_p[], tern_ec_p384_n[], tern_ec_p384_p_rr[], tern_ec_p384_n_rr[],
    tern_ec_p384_p_one[], tern_ec_p384_n_one[], tern_ec_p384_b[], tern_ec_p384_gx[],
    tern_ec_p384_gy[], tern_ec_p384_gtab[];
#endif

/* ---- multi-precision helpers (ec_mod.c); nl limbs each ---------------- */

/* Constant-time: all-ones limb mask for ctl = 1, zero for ctl = 0. */
static inline tern_limb ec_mask(uint32_t ctl)
{
    return (tern_limb)0 - (tern_limb)tern_ct_barrier(ctl);
}

/* r = ctl ? a : r */
void tern_ec_cmov(tern_limb *r, const tern_limb *a, uint32_t ctl, size_t nl);
/* 1 if a == 0 */
uint32_t tern_ec_is_zero(const tern_limb *a, size_t nl);
/* 1 if a == b */
uint32_t tern_ec_eq(const tern_limb *a, const tern_limb *b, size_t nl);
/* 1 if a < b */
uint32_t tern_ec_lt(const tern_limb *a, const tern_limb *b, size_t nl);
/* r = a - b mod 2^(nl*w); returns the borrow (0/1). */
tern_limb tern_ec_sub_raw(tern_limb *r, const tern_limb *a, const tern_limb *b, size_t nl);

/* Big-endian bytes (exactly nl * w / 8 of them) <-> limbs. */
void tern_ec_decode(tern_limb *r, const uint8_t *in, size_t nl);
void tern_ec_encode(uint8_t *out, const tern_limb *a, size_t nl);

/* ---- arithmetic modulo an ec_mod (ec_mod.c) --------------------------- */
/* Inputs are fully reduced; outputs are fully reduced. r may alias. */

void tern_ec_mont_mul(const ec_mod *md, tern_limb *r, const tern_limb *a, const tern_limb *b);
void tern_ec_mod_add(const ec_mod *md, tern_limb *r, const tern_limb *a, const tern_limb *b);
void tern_ec_mod_sub(const ec_mod *md, tern_limb *r, const tern_limb *a, const tern_limb *b);
/* r = a * R mod m (a may be any value below m) */
void tern_ec_to_mont(const ec_mod *md, tern_limb *r, const tern_limb *a);
/* r = a / R mod m */
void tern_ec_from_mont(const ec_mod *md, tern_limb *r, const tern_limb *a);
/* r = a^-1 (Montgomery form in and out), by Fermat (a^(m-2)); 0 -> 0. */
void tern_ec_mod_inv(const ec_mod *md, tern_limb *r, const tern_limb *a);
#if TERN_CONFIG_WORD_BITS == 64 && !TERN_CONFIG_EC_SMALL
/* r = a^-1 mod m (normal form: no Montgomery factor handled), 0 for 0,
 * by constant-time safegcd (ec_modinv64.c). */
void tern_ec_modinv_safegcd(const ec_mod *md, tern_limb *r, const tern_limb *a);
#endif
/* r = a mod m for a < 2m (one conditional subtraction). */
void tern_ec_mod_reduce_once(const ec_mod *md, tern_limb *r, const tern_limb *a);

/* The field shorthands used by the point code. */
#if TERN_CONFIG_EC_SMALL
#define EC_FMUL(c, r, a, b) tern_ec_mont_mul(&(c)->p, (r), (a), (b))
#define EC_FSQR(c, r, a) tern_ec_mont_mul(&(c)->p, (r), (a), (a))
#define EC_FADD(c, r, a, b) tern_ec_mod_add(&(c)->p, (r), (a), (b))
#define EC_FSUB(c, r, a, b) tern_ec_mod_sub(&(c)->p, (r), (a), (b))
#else
#define EC_FMUL(c, r, a, b) (c)->p.mul((r), (a), (b))
#define EC_FSQR(c, r, a) (c)->p.sqr((r), (a))
#define EC_FADD(c, r, a, b) (c)->p.add((r), (a), (b))
#define EC_FSUB(c, r, a, b) (c)->p.sub((r), (a), (b))
#endif

/* ---- points (ec_point.c, ec_point_impl.h) ----------------------------- */

/* r = 2a (any a, including infinity). r may alias a. */
void tern_ec_dbl(const ec_curve *c, ec_jac *r, const ec_jac *a);
/* r = a + b; a or b may be infinity; a != +-b otherwise. r may alias. */
void tern_ec_add(const ec_curve *c, ec_jac *r, const ec_jac *a, const ec_jac *b);
/* r = a + (bx, by) if use_b, else r = a; (bx, by) affine, a may be
 * infinity, a != +-b otherwise. r may alias a. */
void tern_ec_add_mixed(const ec_curve *c, ec_jac *r, const ec_jac *a, const tern_limb *bx,
                       const tern_limb *by, uint32_t use_b);
/* r = a + b for every a, b (doubling and infinity included). */
void tern_ec_add_complete(const ec_curve *c, ec_jac *r, const ec_jac *a, const ec_jac *b);
#if !TERN_CONFIG_EC_SMALL
/* The raw formulas, for callers that handle the exceptional cases
 * themselves (ec_mul_vt.c): r = a + b, resp. r = a + (bx, by), with
 * H = U2 - U1 and R = S2 - S1 returned: H = 0 means a = +-b (R = 0: a = b).
 * Wrong when an operand is infinity. r may alias a in the first, must not
 * in the second. */
void tern_ec_add_raw(const ec_curve *c, ec_jac *r, const ec_jac *a, const ec_jac *b, tern_limb *h,
                     tern_limb *rr);
void tern_ec_madd_raw(const ec_curve *c, ec_jac *r, const ec_jac *a, const tern_limb *bx,
                      const tern_limb *by, tern_limb *h, tern_limb *rr);
#endif
/* Affine coordinates (Montgomery form); returns 1, or 0 for infinity
 * (x = y = 0 then). */
uint32_t tern_ec_to_affine(const ec_curve *c, tern_limb *x, tern_limb *y, const ec_jac *a);
/* Sets r to the affine point (x, y) (Z = 1). */
void tern_ec_set_affine(const ec_curve *c, ec_jac *r, const tern_limb *x, const tern_limb *y);

/* ---- encodings (ec_point_codec.c) -------------------------------------- */

/* Decodes an uncompressed SEC1 point 04 || X || Y and validates it
 * (coordinates below p, on the curve). x, y in Montgomery form.
 * TERN_ERR_BAD_POINT otherwise. The input is public. */
TERN_MUST_CHECK int tern_ec_point_decode(const ec_curve *c, tern_limb *x, tern_limb *y,
                                         const uint8_t *in, size_t in_len);
/* Encodes affine Montgomery (x, y) as 04 || X || Y (1 + 2 * len bytes). */
void tern_ec_point_encode(const ec_curve *c, uint8_t *out, const tern_limb *x, const tern_limb *y);

/* Reads a private scalar (big-endian; a shorter string means leading
 * zeros, extra leading zero bytes are allowed; in may be NULL only when
 * in_len is 0) into k (normal form). Returns 1 if 1 <= k < n, else 0 and
 * k = 1, so the caller can finish its computation and fail without
 * branching on the secret. Constant-time in the value. */
uint32_t tern_ec_scalar_decode(const ec_curve *c, tern_limb *k, const uint8_t *in, size_t in_len);

/* TERN_OK if ok, else err, computed without a branch on ok (which may
 * depend on secrets). */
static inline int ec_status(uint32_t ok, int err)
{
    return -(int)tern_ct_mux(ok, 0, (uint32_t)-err);
}

/* ---- scalar multiplication (ec_mul.c, ec_mul_gen.c) --------------------- */

/* r = k * (px, py), k in normal form, 0 <= k < n; (px, py) affine,
 * Montgomery, on the curve. Constant-time in k and the point. */
void tern_ec_mul(const ec_curve *c, ec_jac *r, const tern_limb *px, const tern_limb *py,
                 const tern_limb *k);
/* r = k * G, 0 <= k < n. Constant-time in k. */
void tern_ec_mul_gen(const ec_curve *c, ec_jac *r, const tern_limb *k);

#if !TERN_CONFIG_EC_SMALL
/* r = u1 G + u2 (qx, qy) for ECDSA verification: u1, u2 in normal form
 * below n, (qx, qy) affine Montgomery on the curve. NOT constant-time:
 * it branches and indexes tables on the scalars and the point, which
 * must be public (ec_mul_vt.c). Any result, the identity included. */
void tern_ec_mul_double_vartime(const ec_curve *c, ec_jac *r, const tern_limb *u1,
                                const tern_limb *qx, const tern_limb *qy, const tern_limb *u2);
#endif

/* The 4-bit window j of k (public j). */
static inline uint32_t ec_window(const tern_limb *k, size_t j)
{
    size_t bit = 4 * j;
    return (uint32_t)(k[bit / EC_LIMB_BITS] >> (bit % EC_LIMB_BITS)) & 15u;
}

#endif /* TERN_EC_INTERNAL_H */
