/*
 * Constant-time modular inverse for an odd modulus: Bernstein-Yang
 * "safegcd" divsteps (Bernstein, Yang: "Fast constant-time gcd
 * computation and modular inversion", TCHES 2019), in batches of
 * B = w - 2 divsteps on machine words.
 *
 * Implementation notes.
 *   divstep(delta, f, g), f odd:
 *     delta > 0 and g odd:  (1 - delta, g, (g - f) / 2)
 *     g odd:                (1 + delta, f, (g + f) / 2)
 *     else:                 (1 + delta, f, g / 2)
 *   Starting from delta = 1, f = m, g = x with 0 <= x < m < 2^d, g is 0
 *   after floor((49 d + 57) / 17) divsteps (d >= 46; (49 d + 80) / 17
 *   below), paper section 11; f is then +-gcd(m, x).
 *   A batch of B divsteps only looks at the low B bits of f and g; it
 *   yields a matrix T with 2^B (f', g') = T (f, g), whose entries have
 *   |u| + |v| <= 2^B and |q| + |r| <= 2^B. T is then applied to the
 *   full f and g, and to d and e, where f = d x and g = e x (mod m),
 *   starting from d = 0, e = 1. The division of T (d, e) by 2^B mod m
 *   adds a multiple of m that clears the low B bits; choosing it as in
 *   libsecp256k1's modinv (start from u or v where d or e is negative)
 *   keeps d and e in (-2m, m). At the end, 1/x = f d mod m.
 *
 *   Numbers are held in "signed limbs" of B bits (62 or 30): every limb
 *   but the top one is in [0, 2^B), the top one is a two's complement
 *   word. All arithmetic is done on unsigned types (wrapping), with
 *   explicit sign extension and arithmetic shifts, so nothing relies on
 *   implementation-defined signed behaviour. The loop counts depend on
 *   len only.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "crypto/bignum/bignum_internal.h"
#include "tern/util.h"

#define WB TERN_BN_WORD_BITS
#define LB (WB - 2) /* limb bits = divsteps per batch */
#define LMASK ((((tern_bn_word)1) << LB) - 1)
#define MAXL ((TERN_BN_MAX_WORDS * WB + LB - 1) / LB + 1)

/* sign extension of a two's complement word to a double word */
static tern_bn_dword sext(tern_bn_word x)
{
    return (tern_bn_dword)x - ((tern_bn_dword)(x >> (WB - 1)) << WB);
}

/* arithmetic shift right by LB of a two's complement double word */
static tern_bn_dword asr(tern_bn_dword x)
{
    tern_bn_dword neg = x >> (2 * WB - 1);
    return (x >> LB) | (((tern_bn_dword)0 - neg) << (2 * WB - LB));
}

/* x (len words, unsigned) to nl limbs */
static void to_limbs(tern_bn_word *l, size_t nl, const tern_bn_word *x, size_t len)
{
    size_t i, bit = 0;
    for (i = 0; i < nl; i++) {
        size_t w = bit / WB, s = bit % WB;
        tern_bn_word v = 0;
        if (w < len) {
            v = x[w] >> s;
            if (s > WB - LB && w + 1 < len) {
                v |= x[w + 1] << (WB - s);
            }
        }
        l[i] = v & LMASK;
        bit += LB;
    }
}

/* WB bits of the signed-limb number l starting at bit pos (two's
 * complement: the top limb is sign-extended). pos is public. */
static tern_bn_word limb_word(const tern_bn_word *l, size_t nl, size_t pos)
{
    tern_bn_word top = l[nl - 1];
    tern_bn_word sign = (tern_bn_word)0 - (top >> (WB - 1));
    size_t top_pos = LB * (nl - 1);
    tern_bn_word out = 0;
    size_t got = 0;

    while (got < WB) {
        size_t p = pos + got;
        if (p >= top_pos) {
            size_t off = p - top_pos;
            tern_bn_word v = sign;
            if (off == 0) {
                v = top;
            } else if (off < WB) {
                v = (top >> off) | (sign << (WB - off));
            }
            out |= v << got;
            break;
        }
        out |= (l[p / LB] >> (p % LB)) << got;
        got += LB - p % LB;
    }
    return out;
}

/* nl signed limbs to len words, two's complement mod 2^(w len) */
static void from_limbs(tern_bn_word *x, size_t len, const tern_bn_word *l, size_t nl)
{
    size_t i;
    for (i = 0; i < len; i++) {
        x[i] = limb_word(l, nl, i * WB);
    }
}

/* B divsteps on the low limbs; returns the new delta, matrix in t. */
static tern_bn_word divsteps(tern_bn_word delta, tern_bn_word f, tern_bn_word g, tern_bn_word t[4])
{
    tern_bn_word u = 1, v = 0, q = 0, r = 1;
    int i;

    for (i = 0; i < LB; i++) {
        /* c1: delta > 0 (delta is small, so -delta's top bit is its sign) */
        tern_bn_word c1 = (tern_bn_word)0 - (((tern_bn_word)0 - delta) >> (WB - 1));
        tern_bn_word c2 = (tern_bn_word)0 - (g & 1);
        tern_bn_word sw = c1 & c2, x;
        /* if swapping: (f, g) = (g, -f), (u, v, q, r) = (q, r, -u, -v),
         * delta = -delta; then the common odd step g = (g + f) / 2. */
        x = (f ^ g) & sw;
        f ^= x;
        g ^= x;
        g = (g ^ sw) - sw;
        x = (u ^ q) & sw;
        u ^= x;
        q ^= x;
        q = (q ^ sw) - sw;
        x = (v ^ r) & sw;
        v ^= x;
        r ^= x;
        r = (r ^ sw) - sw;
        delta = (delta ^ sw) - sw;
        g += f & c2;
        q += u & c2;
        r += v & c2;
        g >>= 1;
        u <<= 1;
        v <<= 1;
        delta += 1;
    }
    t[0] = u;
    t[1] = v;
    t[2] = q;
    t[3] = r;
    return delta;
}

/* (f, g) = T (f, g) / 2^B, exactly. */
static void update_fg(tern_bn_word *f, tern_bn_word *g, size_t nl, const tern_bn_word t[4])
{
    tern_bn_dword u = sext(t[0]), v = sext(t[1]), q = sext(t[2]), r = sext(t[3]);
    tern_bn_dword cf, cg, fi, gi;
    size_t i;

    cf = asr(u * f[0] + v * g[0]);
    cg = asr(q * f[0] + r * g[0]);
    for (i = 1; i < nl; i++) {
        fi = (i == nl - 1) ? sext(f[i]) : (tern_bn_dword)f[i];
        gi = (i == nl - 1) ? sext(g[i]) : (tern_bn_dword)g[i];
        cf += u * fi + v * gi;
        cg += q * fi + r * gi;
        f[i - 1] = (tern_bn_word)cf & LMASK;
        g[i - 1] = (tern_bn_word)cg & LMASK;
        cf = asr(cf);
        cg = asr(cg);
    }
    f[nl - 1] = (tern_bn_word)cf;
    g[nl - 1] = (tern_bn_word)cg;
}

/* (d, e) = T (d, e) / 2^B mod m, kept in (-2m, m). minv = 1/m mod 2^B. */
static void update_de(tern_bn_word *d, tern_bn_word *e, const tern_bn_word *m, size_t nl,
                      const tern_bn_word t[4], tern_bn_word minv)
{
    tern_bn_word sd = (tern_bn_word)0 - (d[nl - 1] >> (WB - 1));
    tern_bn_word se = (tern_bn_word)0 - (e[nl - 1] >> (WB - 1));
    tern_bn_word md = (t[0] & sd) + (t[1] & se);
    tern_bn_word me = (t[2] & sd) + (t[3] & se);
    tern_bn_dword u = sext(t[0]), v = sext(t[1]), q = sext(t[2]), r = sext(t[3]);
    tern_bn_dword cd, ce, di, ei, mdd, med;
    size_t i;

    cd = u * d[0] + v * e[0];
    ce = q * d[0] + r * e[0];
    /* md = -(cd / m) mod 2^B, adjusted to keep the result in range */
    md -= (minv * (tern_bn_word)cd + md) & LMASK;
    me -= (minv * (tern_bn_word)ce + me) & LMASK;
    mdd = sext(md);
    med = sext(me);
    cd = asr(cd + mdd * m[0]);
    ce = asr(ce + med * m[0]);
    for (i = 1; i < nl; i++) {
        di = (i == nl - 1) ? sext(d[i]) : (tern_bn_dword)d[i];
        ei = (i == nl - 1) ? sext(e[i]) : (tern_bn_dword)e[i];
        cd += u * di + v * ei + mdd * m[i];
        ce += q * di + r * ei + med * m[i];
        d[i - 1] = (tern_bn_word)cd & LMASK;
        e[i - 1] = (tern_bn_word)ce & LMASK;
        cd = asr(cd);
        ce = asr(ce);
    }
    d[nl - 1] = (tern_bn_word)cd;
    e[nl - 1] = (tern_bn_word)ce;
}

/* see src/crypto/bignum/bignum_internal.h */
uint32_t tern_bn_modinv(tern_bn_word *x, const tern_bn_word *m, size_t len)
{
    tern_bn_word f[MAXL], g[MAXL], d[MAXL], e[MAXL], ml[MAXL];
    tern_bn_word r[TERN_BN_MAX_WORDS + 1], mx[TERN_BN_MAX_WORDS + 1];
    tern_bn_word t[4], delta = 1, minv, acc, neg;
    size_t nl = (len * WB + LB - 1) / LB + 1;
    size_t dbits = len * WB;
    size_t steps = dbits >= 46 ? (49 * dbits + 57) / 17 : (49 * dbits + 80) / 17;
    size_t batches = (steps + LB - 1) / LB;
    size_t i;
    uint32_t ok;

    to_limbs(ml, nl, m, len);
    to_limbs(f, nl, m, len);
    to_limbs(g, nl, x, len);
    memset(d, 0, nl * sizeof(tern_bn_word));
    memset(e, 0, nl * sizeof(tern_bn_word));
    e[0] = 1;
    /* 1/m mod 2^B from -1/m mod 2^w */
    minv = ((tern_bn_word)0 - tern_bn_ninv(m[0])) & LMASK;

    for (i = 0; i < batches; i++) {
        delta = divsteps(delta, f[0], g[0], t);
        update_fg(f, g, nl, t);
        update_de(d, e, ml, nl, t, minv);
    }

    /* g = 0 and f = +-1 exactly when the inverse exists */
    acc = 0;
    for (i = 0; i < nl; i++) {
        acc |= g[i];
    }
    ok = tern_ct_not(tern_bn_word_nz(acc));
    neg = f[nl - 1] >> (WB - 1); /* 1 if f < 0 */
    acc = f[0] ^ ((tern_bn_word)1 ^ (((tern_bn_word)1 ^ LMASK) & ((tern_bn_word)0 - neg)));
    for (i = 1; i < nl; i++) {
        tern_bn_word want = (i == nl - 1) ? (tern_bn_word)0 - neg : LMASK & ((tern_bn_word)0 - neg);
        acc |= f[i] ^ want;
    }
    ok &= tern_ct_not(tern_bn_word_nz(acc));

    /* r = f d, then from (-2m, 2m) into [0, m) */
    from_limbs(r, len + 1, d, nl);
    memcpy(mx, m, len * sizeof(tern_bn_word));
    mx[len] = 0;
    {
        tern_bn_word mask = (tern_bn_word)0 - neg;
        tern_bn_word c = neg;
        for (i = 0; i <= len; i++) {
            tern_bn_dword z = (tern_bn_dword)(r[i] ^ mask) + c;
            r[i] = (tern_bn_word)z;
            c = (tern_bn_word)(z >> WB);
        }
    }
    (void)tern_bn_add(r, mx, len + 1, (uint32_t)(r[len] >> (WB - 1)));
    (void)tern_bn_add(r, mx, len + 1, (uint32_t)(r[len] >> (WB - 1)));
    (void)tern_bn_sub(r, mx, len + 1, tern_ct_not(tern_bn_lt(r, mx, len + 1)));
    memcpy(x, r, len * sizeof(tern_bn_word));

    tern_wipe(f, sizeof(f));
    tern_wipe(g, sizeof(g));
    tern_wipe(d, sizeof(d));
    tern_wipe(e, sizeof(e));
    tern_wipe(r, sizeof(r));
    return ok;
}

#else
typedef int tern_bn_modinv_unused_;
#endif /* TERN_CONFIG_RSA */
