/*
 * Variable-time double-scalar multiplication u1 G + u2 Q for ECDSA
 * verification (fast variant). Everything it handles is public: the
 * scalars come from the signature and the digest, Q is the public key,
 * so it branches and indexes tables on their values (ec.h documents
 * that verification is not constant-time). Signing and ECDH never call
 * it.
 *
 * Method: both scalars in width-5 NAF (odd digits in [-15, 15], any two
 * non-zero digits at least 5 positions apart; about one digit in six is
 * non-zero), evaluated together from the top bit with one shared chain
 * of doublings ("Shamir's trick", interleaved). The odd multiples
 * G, 3G, ..., 15G are the first row of the fixed-base table (affine, so
 * those are mixed additions); Q, 3Q, ..., 15Q are computed (Jacobian).
 * For P-256 that is about 256 doublings, 43 mixed and 43 full
 * additions, where two independent multiplications needed 252 doublings,
 * 64 additions and 52 mixed additions plus masked table scans.
 *
 * The additions here check for the exceptional cases (an operand at
 * infinity, P + P, P + (-P)) and branch, which the constant-time
 * formulas of ec_point.c cannot do; with public data that is allowed.
 */
#include "tern/config.h"

#if (TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384) && !TERN_CONFIG_EC_SMALL

#include <string.h>

#include "crypto/ecc/ec_internal.h"

/* width of the NAF: 2^(W-2) = 8 odd multiples per point */
#define W 5
#define NTAB (1 << (W - 2))
/* NAF digits of a scalar below 2^EC_MAX_BITS: one more than its bits */
#define NAF_MAX (EC_MAX_BITS + 1)

/* Bits pos .. pos + count - 1 of k (nl limbs; count <= W; bits past the
 * top are zero). */
static uint32_t bits_at(const tern_limb *k, size_t nl, size_t pos, unsigned count)
{
    size_t w = pos / EC_LIMB_BITS;
    unsigned off = (unsigned)(pos % EC_LIMB_BITS);
    tern_limb v;
    if (w >= nl) {
        return 0;
    }
    v = k[w] >> off;
    if (off + count > EC_LIMB_BITS && w + 1 < nl) {
        v |= k[w + 1] << (EC_LIMB_BITS - off);
    }
    return (uint32_t)v & ((1u << count) - 1u);
}

/* Width-W NAF of k (nl limbs): naf[i] is the digit of 2^i, for i below
 * the returned length (at most nl w + 1). The running carry is the 1
 * borrowed by a negative digit: k = sum naf[i] 2^i. */
static size_t naf_w(int8_t *naf, const tern_limb *k, size_t nl)
{
    size_t bits = nl * EC_LIMB_BITS;
    size_t i = 0, len = 0;
    uint32_t carry = 0;

    memset(naf, 0, NAF_MAX);
    while (i < bits) {
        uint32_t v;
        if (bits_at(k, nl, i, 1) == carry) {
            i++;
            continue;
        }
        /* the bit plus the carry is odd: a digit here */
        v = bits_at(k, nl, i, W) + carry;
        carry = (v >> (W - 1)) & 1u;
        naf[i] = (int8_t)((int32_t)v - (int32_t)(carry << W));
        i += W;
        len = i < bits ? i : bits;
    }
    if (carry != 0) {
        naf[bits] = 1;
        len = bits + 1;
    }
    return len;
}

static int is_inf(const ec_curve *c, const ec_jac *a)
{
    return (int)tern_ec_is_zero(a->z, c->nl);
}

static void set_inf(ec_jac *r)
{
    memset(r, 0, sizeof(*r));
}

/* r = a + b, Jacobian, any inputs. r may alias a. */
static void add_vt(const ec_curve *c, ec_jac *r, const ec_jac *a, const ec_jac *b)
{
    tern_limb h[EC_MAXL], rr[EC_MAXL];
    ec_jac s;

    if (is_inf(c, a)) {
        *r = *b;
        return;
    }
    if (is_inf(c, b)) {
        *r = *a;
        return;
    }
    tern_ec_add_raw(c, &s, a, b, h, rr);
    if (tern_ec_is_zero(h, c->nl)) {
        if (tern_ec_is_zero(rr, c->nl)) {
            tern_ec_dbl(c, r, a); /* a == b */
        } else {
            set_inf(r); /* a == -b */
        }
        return;
    }
    *r = s;
}

/* r = a + (bx, by), Jacobian plus affine, any inputs. r may alias a. */
static void madd_vt(const ec_curve *c, ec_jac *r, const ec_jac *a, const tern_limb *bx,
                    const tern_limb *by)
{
    tern_limb h[EC_MAXL], rr[EC_MAXL];
    ec_jac s;

    if (is_inf(c, a)) {
        tern_ec_set_affine(c, r, bx, by);
        return;
    }
    tern_ec_madd_raw(c, &s, a, bx, by, h, rr);
    if (tern_ec_is_zero(h, c->nl)) {
        if (tern_ec_is_zero(rr, c->nl)) {
            tern_ec_dbl(c, r, a); /* a == b */
        } else {
            set_inf(r); /* a == -b */
        }
        return;
    }
    *r = s;
}

/* (x, y) = d G for odd d in [1, 15]: the first row of the fixed-base
 * table holds 1 G .. 15 G (16 G too for P-256), x then y. */
static const tern_limb *g_entry(const ec_curve *c, unsigned d)
{
    return c->gtab + (size_t)(d - 1) * 2 * c->nl;
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_mul_double_vartime(const ec_curve *c, ec_jac *r, const tern_limb *u1,
                                const tern_limb *qx, const tern_limb *qy, const tern_limb *u2)
{
    ec_jac tab[NTAB], q2, acc;
    int8_t n1[NAF_MAX], n2[NAF_MAX];
    tern_limb ny[EC_MAXL], zero[EC_MAXL];
    size_t nl = c->nl;
    size_t len1, len2, len, i;

    memset(zero, 0, sizeof(zero));
    len1 = naf_w(n1, u1, nl);
    len2 = naf_w(n2, u2, nl);
    len = len1 > len2 ? len1 : len2;

    /* Q, 3Q, ..., 15Q */
    if (len2 > 0) {
        tern_ec_set_affine(c, &tab[0], qx, qy);
        tern_ec_dbl(c, &q2, &tab[0]);
        for (i = 1; i < NTAB; i++) {
            add_vt(c, &tab[i], &tab[i - 1], &q2);
        }
    }

    set_inf(&acc);
    for (i = len; i > 0; i--) {
        int d1 = n1[i - 1], d2 = n2[i - 1];
        if (!is_inf(c, &acc)) {
            tern_ec_dbl(c, &acc, &acc);
        }
        if (d1 != 0) {
            const tern_limb *e = g_entry(c, (unsigned)(d1 < 0 ? -d1 : d1));
            if (d1 > 0) {
                madd_vt(c, &acc, &acc, e, e + nl);
            } else {
                EC_FSUB(c, ny, zero, e + nl);
                madd_vt(c, &acc, &acc, e, ny);
            }
        }
        if (d2 > 0) {
            add_vt(c, &acc, &acc, &tab[d2 / 2]);
        } else if (d2 < 0) {
            ec_jac neg = tab[-d2 / 2];
            EC_FSUB(c, neg.y, zero, neg.y);
            add_vt(c, &acc, &acc, &neg);
        }
    }
    *r = acc;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ec_mul_vt_unused_;
#endif
