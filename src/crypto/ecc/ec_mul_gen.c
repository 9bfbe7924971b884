/*
 * Constant-time fixed-base scalar multiplication k * G.
 *
 * Fast variant, P-256: signed 5-bit windows (Booth recoding: digits
 * d_j in [-16, 16], k = sum d_j 32^j, j = 0..51) and one table per window
 * holding 1..16 times 32^j G (ec_p256_data.c): 52 mixed additions, no
 * doubling, a masked scan of 16 entries and a conditional negation per
 * digit. Windows are added from the lowest up. When digit j is added the
 * accumulator is m G with m = sum_{i<j} d_i 32^i, |m| < (16/31) 32^j,
 * and the addend is d_j 32^j G with |d_j 32^j| >= 32^j, so m != +-d_j 32^j
 * as integers. For j <= 50 both are below 17 * 2^250 < n, so they are not
 * congruent either. For the top window (j = 51, bits 254 and 255,
 * d = 0, 1 or 2): m + d 2^255 = k, which is in (0, n); and m = d 2^255
 * mod n would give k = d 2^256 = d (2^256 - n) mod n, a number below
 * 2^226 whose bits 254-255 are zero, contradicting d != 0. So only m = 0
 * (accumulator at infinity) and d_j = 0 occur, both handled by
 * tern_ec_add_mixed.
 *
 * Fast variant, P-384: a comb over precomputed affine tables. The 4-bit
 * windows j = 0 .. W-1 of k are split into S strands (j mod S); table t
 * holds d * 2^(4 S t) * G for d = 1..15 (ec_p384_data.c). Horner over the
 * strands:
 *     Q = 0; for s = S-1 .. 0: Q = 16 Q; Q += sum_t T_t[d_(s + S t)]
 * which costs 4 (S - 1) doublings and W mixed additions (S = 8: 12
 * tables of 15 points, 28 doublings and 96 additions). Every table
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
/* Full unrolling of the scan's inner loop over one entry (GCC and Clang
 * read "GCC unroll"): the accumulator then stays in registers and the
 * compilers use 128-bit and/or. */
#if defined(__GNUC__)
#define SCAN_UNROLL _Pragma("GCC unroll 16")
#else
#define SCAN_UNROLL
#endif

/* xy = entry d - 1 of table tab (count entries of n2 limbs), zero for
 * d = 0, reading every entry. Inlined with a constant n2 for P-256. */
static inline void scan(tern_limb *xy, const tern_limb *tab, size_t count, uint32_t d, size_t n2)
{
    tern_limb acc[2 * EC_MAXL];
    tern_limb dd = (tern_limb)tern_ct_barrier(d);
    size_t i, j;
    for (j = 0; j < n2; j++) {
        acc[j] = 0;
    }
    for (i = 0; i < count; i++) {
        /* all ones iff d = i + 1: both are at most 16, so the difference
         * minus one has its top bit set exactly when they are equal */
        tern_limb mask = (tern_limb)0 - (((dd ^ (tern_limb)(i + 1)) - 1) >> (EC_LIMB_BITS - 1));
        const tern_limb *e = tab + i * n2;
        SCAN_UNROLL
        for (j = 0; j < n2; j++) {
            acc[j] |= e[j] & mask;
        }
    }
    for (j = 0; j < n2; j++) {
        xy[j] = acc[j];
    }
}

/* (x, y) = entry d - 1 of table tab (count entries of 2 * nl limbs, x
 * then y); zero for d = 0. */
static void lookup_affine(const ec_curve *c, tern_limb *x, tern_limb *y, const tern_limb *tab,
                          size_t count, uint32_t d)
{
    tern_limb xy[2 * EC_MAXL];
    size_t nl = c->nl;
    size_t j;
    if (nl == EC_LIMBS(256)) {
        scan(xy, tab, count, d, 2 * EC_LIMBS(256));
    } else {
        scan(xy, tab, count, d, 2 * nl);
    }
    for (j = 0; j < nl; j++) {
        x[j] = xy[j];
        y[j] = xy[nl + j];
    }
}

/* count bits of k from bit pos (public); bits past the top are zero */
static uint32_t get_bits(const tern_limb *k, size_t nl, size_t pos, unsigned count)
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

/* P-256: signed 5-bit windows, see the top of the file. */
static void mul_gen_booth(const ec_curve *c, ec_jac *r, const tern_limb *k)
{
    tern_limb x[EC_MAXL], y[EC_MAXL], ny[EC_MAXL], zero[EC_MAXL];
    ec_jac q;
    size_t nl = c->nl;
    size_t nwin = nl * EC_LIMB_BITS / 5 + 1;
    size_t j;

    for (j = 0; j < nl; j++) {
        q.x[j] = 0;
        q.y[j] = 0;
        q.z[j] = 0;
        zero[j] = 0;
    }
    for (j = 0; j < nwin; j++) {
        /* v = bits 5j-1 .. 5j+4 (bit -1 is 0); d = ((v + 1) >> 1) - 32 v5 */
        uint32_t v = j == 0 ? get_bits(k, nl, 0, 5) << 1 : get_bits(k, nl, 5 * j - 1, 6);
        uint32_t neg = v >> 5;
        uint32_t half = (v + 1) >> 1;
        uint32_t mag = tern_ct_mux(neg, 32 - half, half);
        lookup_affine(c, x, y, c->gtab + j * 16 * 2 * nl, 16, mag);
        EC_FSUB(c, ny, zero, y);
        tern_ec_cmov(y, ny, neg, nl);
        if (j == 0) {
            /* the accumulator is still the identity: it becomes the
             * entry itself (Z = 1), or stays (0, 0, 0) for a zero digit,
             * without a mixed addition */
            tern_limb nz = ec_mask(tern_ct_neq(mag, 0));
            size_t i;
            for (i = 0; i < nl; i++) {
                q.x[i] = x[i];
                q.y[i] = y[i];
                q.z[i] = c->p.one[i] & nz;
            }
            continue;
        }
        tern_ec_add_mixed(c, &q, &q, x, y, tern_ct_neq(mag, 0));
    }
    *r = q;
    tern_wipe(&q, sizeof(q));
    tern_wipe(x, sizeof(x));
    tern_wipe(y, sizeof(y));
    tern_wipe(ny, sizeof(ny));
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_mul_gen(const ec_curve *c, ec_jac *r, const tern_limb *k)
{
    tern_limb x[EC_MAXL], y[EC_MAXL];
    ec_jac q;
    size_t nl = c->nl;
    size_t nw = nl * EC_LIMB_BITS / 4;
    size_t strands = c->strands;
    size_t ntab;
    size_t s, t, j;

    if (strands == 0) {
        mul_gen_booth(c, r, k);
        return;
    }
    ntab = (nw + strands - 1) / strands;
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
            lookup_affine(c, x, y, c->gtab + t * 15 * 2 * nl, 15, d);
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
