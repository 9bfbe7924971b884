/*
 * Constant-time fixed-base scalar multiplication k * G.
 *
 * Fast variant: a comb over precomputed affine tables. The 4-bit windows
 * j = 0 .. W-1 of k are split into S strands (j mod S); table t holds
 * d * 2^(4 S t) * G for d = 1..15 (ec_p*_data.c). Horner over the strands:
 *     Q = 0; for s = S-1 .. 0: Q = 16 Q; Q += sum_t T_t[d_(s + S t)]
 * which costs 4 (S - 1) doublings and W mixed additions (P-256: S = 4,
 * 16 tables of 15 points, 12 doublings and 64 additions). Every table
 * entry is read for every digit (masked scan).
 * No exceptional case: at every step the accumulator and the addend are
 * multiples of G by two distinct partial sums of the base-16 digits of
 * floor(k / 16^s) < n, so they are neither equal nor opposite unless one
 * of them is zero (ec_mul.c gives the argument), and tern_ec_add_mixed
 * handles both zero cases.
 *
 * Small variant: no table; k * G is tern_ec_mul on G.
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "crypto/ecc/ec_internal.h"
#include "tern/util.h"

#if !TERN_CONFIG_EC_SMALL
/* (x, y) = entry d - 1 of table tab (2 * nl limbs per entry); zero for
 * d = 0. Reads every entry. */
static void lookup_affine(const ec_curve *c, tern_limb *x, tern_limb *y, const tern_limb *tab,
                          uint32_t d)
{
    size_t nl = c->nl;
    size_t i, j;
    for (j = 0; j < nl; j++) {
        x[j] = 0;
        y[j] = 0;
    }
    for (i = 0; i < 15; i++) {
        tern_limb mask = ec_mask(tern_ct_eq((uint32_t)i + 1, d));
        const tern_limb *e = tab + i * 2 * nl;
        for (j = 0; j < nl; j++) {
            x[j] |= e[j] & mask;
            y[j] |= e[nl + j] & mask;
        }
    }
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_mul_gen(const ec_curve *c, ec_jac *r, const tern_limb *k)
{
    tern_limb x[EC_MAXL], y[EC_MAXL];
    ec_jac q;
    size_t nl = c->nl;
    size_t nw = nl * EC_LIMB_BITS / 4;
    size_t strands = c->strands;
    size_t ntab = (nw + strands - 1) / strands;
    size_t s, t, j;

    for (j = 0; j < nl; j++) {
        q.x[j] = 0;
        q.y[j] = 0;
        q.z[j] = 0;
    }
    for (s = strands; s > 0; s--) {
        if (s != strands) {
            tern_ec_dbl(c, &q, &q);
            tern_ec_dbl(c, &q, &q);
            tern_ec_dbl(c, &q, &q);
            tern_ec_dbl(c, &q, &q);
        }
        for (t = 0; t < ntab; t++) {
            size_t w = (s - 1) + strands * t;
            uint32_t d;
            if (w >= nw) {
                break;
            }
            d = ec_window(k, w);
            lookup_affine(c, x, y, c->gtab + t * 15 * 2 * nl, d);
            tern_ec_add_mixed(c, &q, &q, x, y, tern_ct_neq(d, 0));
        }
    }
    *r = q;
    tern_wipe(&q, sizeof(q));
    tern_wipe(x, sizeof(x));
    tern_wipe(y, sizeof(y));
}

#else

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_mul_gen(const ec_curve *c, ec_jac *r, const tern_limb *k)
{
    tern_ec_mul(c, r, c->gx, c->gy, k);
}

#endif /* !TERN_CONFIG_EC_SMALL */

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ec_mul_gen_unused_;
#endif
