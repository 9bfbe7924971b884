/*
 * Constant-time variable-base scalar multiplication: fixed 4-bit windows
 * (unsigned digits), a table of 1P..15P, a masked scan of the whole table
 * for every digit.
 *
 * Why no exceptional case can occur (ec_internal.h): k < n is written in
 * base 16 as sum d_j 16^j with 0 <= d_j < 16. Before digit j is added the
 * accumulator holds m P with m = sum_{i>j} d_i 16^(i-j), a multiple of 16,
 * and m + d_j = floor(k / 16^j) < n. So for 0 < d_j < 16 and m > 0,
 * m - d_j is neither 0 nor a multiple of n, and neither is m + d_j: the
 * two points are never equal or opposite. The remaining cases, m = 0
 * (accumulator at infinity) and d_j = 0 (addend at infinity), are the two
 * tern_ec_add patches. Building the table adds P to iP for i < 15: never
 * a doubling either, since P has prime order n > 16.
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "crypto/ecc/ec_internal.h"
#include "tern/util.h"

/* Fast variant: full unrolling of the scan's inner loop (GCC and Clang
 * read "GCC unroll"), so the accumulator stays in registers. */
#if !TERN_CONFIG_EC_SMALL && defined(__GNUC__)
#define SCAN_UNROLL _Pragma("GCC unroll 8")
#else
#define SCAN_UNROLL
#endif

/* r = tab[d - 1], or the point at infinity (all zero) for d = 0, reading
 * every entry. Inlined with a constant nl for P-256. */
static inline void scan(ec_jac *r, const ec_jac *tab, uint32_t d, size_t nl)
{
    size_t i, j;
    for (j = 0; j < nl; j++) {
        r->x[j] = 0;
        r->y[j] = 0;
        r->z[j] = 0;
    }
    for (i = 0; i < 15; i++) {
        tern_limb mask = ec_mask(tern_ct_eq((uint32_t)i + 1, d));
        SCAN_UNROLL
        for (j = 0; j < nl; j++) {
            r->x[j] |= tab[i].x[j] & mask;
            r->y[j] |= tab[i].y[j] & mask;
            r->z[j] |= tab[i].z[j] & mask;
        }
    }
}

static void lookup(const ec_curve *c, ec_jac *r, const ec_jac *tab, uint32_t d)
{
    if (c->nl == EC_LIMBS(256)) {
        scan(r, tab, d, EC_LIMBS(256));
    } else {
        scan(r, tab, d, c->nl);
    }
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_mul(const ec_curve *c, ec_jac *r, const tern_limb *px, const tern_limb *py,
                 const tern_limb *k)
{
    ec_jac tab[15];
    ec_jac q, e;
    size_t nw = (size_t)c->nl * EC_LIMB_BITS / 4;
    size_t i, j;

    tern_ec_set_affine(c, &tab[0], px, py);
    tern_ec_dbl(c, &tab[1], &tab[0]);
    for (i = 2; i < 15; i++) {
        tern_ec_add_mixed(c, &tab[i], &tab[i - 1], px, py, 1);
    }

    lookup(c, &q, tab, ec_window(k, nw - 1));
    for (j = nw - 1; j > 0; j--) {
        tern_ec_dbl(c, &q, &q);
        tern_ec_dbl(c, &q, &q);
        tern_ec_dbl(c, &q, &q);
        tern_ec_dbl(c, &q, &q);
        lookup(c, &e, tab, ec_window(k, j - 1));
        tern_ec_add(c, &q, &q, &e);
    }
    *r = q;
    tern_wipe(tab, sizeof(tab));
    tern_wipe(&q, sizeof(q));
    tern_wipe(&e, sizeof(e));
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ec_mul_unused_;
#endif
