/*
 * Montgomery multiplication, squaring and reduction for 64-bit words
 * (constant time). The 32-bit build uses bn_montmul.c instead: smaller
 * code, and the Cortex-M4's UMAAL already does a word step in one
 * instruction.
 *
 * Implementation notes.
 *
 * Word products come from unsigned __int128; the sums after them are
 * done on single words with explicit carries (x < c is the carry of
 * x = y + c), which GCC and Clang turn into add/adc. Sums of __int128
 * values compile far worse (GCC 12 moves them through the stack).
 *
 * Multiplication: word-serial with the reduction interleaved (as in
 * bn_montmul.c), the inner loop unrolled four times; the loop overhead
 * is a fifth of the unrolled loop's instructions otherwise. With x < R
 * and y < m the running value stays below 2m (see bn_montmul.c).
 *
 * Squaring and reduction are separated instead: the square is formed
 * first (each cross product x[i] x[j], i < j, once, then the sum is
 * doubled and the squares x[i]^2 added), then reduced row by row
 * (t += u m 2^(w i) with u chosen to clear word i). That is
 * len (len + 1) / 2 + len^2 word products against 2 len^2, and a
 * reduction alone (tern_bn_from_mont) costs len^2. The reduction of a
 * 2 len-word T < m R gives (T + U m) / R < 2m, so one conditional
 * subtraction finishes both.
 *
 * The final conditional subtraction is fused: d = T - m is computed in
 * one pass, then T is kept instead (masked select) if that borrowed and
 * T had no carry word. Nothing branches on or indexes by word values.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA && TERN_CONFIG_WORD_BITS == 64

#include <string.h>

#include "crypto/bignum/bignum_internal.h"
#include "tern/util.h"

/* lo = a * b + c + d (low word), hi = high word (see tern_bn_muladd); a
 * macro so that unoptimised builds do not pay a call per product. */
#define MULADD(lo, hi, a, b, c, d)                                                                 \
    do {                                                                                           \
        tern_bn_dword z_ = (tern_bn_dword)(a) * (b);                                               \
        tern_bn_word l_ = (tern_bn_word)z_;                                                        \
        tern_bn_word h_ = (tern_bn_word)(z_ >> 64);                                                \
        tern_bn_word c_ = (c), d_ = (d);                                                           \
        l_ += c_;                                                                                  \
        h_ += l_ < c_;                                                                             \
        l_ += d_;                                                                                  \
        h_ += l_ < d_;                                                                             \
        (lo) = l_;                                                                                 \
        (hi) = h_;                                                                                 \
    } while (0)

/* One column of the interleaved multiplication: t[j - 1] = low word of
 * t[j] + xi y[j] + u m[j] + carries (c1 for the x y chain, c2 for u m). */
#define STEP(j)                                                                                    \
    do {                                                                                           \
        tern_bn_word lo_, l2_;                                                                     \
        MULADD(lo_, c1, xi, y[j], t[j], c1);                                                       \
        MULADD(l2_, c2, u, m[j], lo_, c2);                                                         \
        t[(j)-1] = l2_;                                                                            \
    } while (0)

/* d = t - m if t + top 2^(64 len) >= m, else t (t < 2m, top 0 or 1).
 * d may alias neither t nor m. */
static void final_sub(tern_bn_word *d, const tern_bn_word *t, tern_bn_word top,
                      const tern_bn_word *m, size_t len)
{
    tern_bn_word borrow = 0, keep;
    size_t i;

    for (i = 0; i < len; i++) {
        tern_bn_word a = t[i], b = m[i];
        tern_bn_word s = a - b;
        tern_bn_word br = a < b;
        br |= s < borrow;
        d[i] = s - borrow;
        borrow = br;
    }
    /* t < m exactly when the subtraction borrowed out and top is 0 */
    keep = tern_bn_mask((uint32_t)(borrow & (top ^ 1)));
    for (i = 0; i < len; i++) {
        d[i] ^= keep & (d[i] ^ t[i]);
    }
}

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_montmul(tern_bn_word *d, const tern_bn_word *x, const tern_bn_word *y,
                     const tern_bn_mont *mc)
{
    const tern_bn_word *m = mc->m;
    size_t len = mc->len;
    tern_bn_word t[TERN_BN_MAX_WORDS];
    tern_bn_word top = 0; /* word len of T: 0 or 1 */
    size_t i, j;

    memset(t, 0, len * sizeof(tern_bn_word));
    for (i = 0; i < len; i++) {
        tern_bn_word xi = x[i];
        tern_bn_word u = (t[0] + xi * y[0]) * mc->m0i;
        tern_bn_word c1, c2, lo, s, cc;

        MULADD(lo, c1, xi, y[0], t[0], 0);
        MULADD(lo, c2, u, m[0], lo, 0); /* low word is zero */
        for (j = 1; j + 3 < len; j += 4) {
            STEP(j);
            STEP(j + 1);
            STEP(j + 2);
            STEP(j + 3);
        }
        for (; j < len; j++) {
            STEP(j);
        }
        s = c1 + top;
        cc = s < top;
        s += c2;
        cc += s < c2;
        t[len - 1] = s;
        top = cc;
    }
    final_sub(d, t, top, m, len);
    /* t held products of possibly secret values */
    tern_wipe(t, len * sizeof(tern_bn_word));
}

/* r[0..n-1] += a b[0..n-1]; returns the carry word. */
static tern_bn_word addmul_row(tern_bn_word *r, const tern_bn_word *b, size_t n, tern_bn_word a)
{
    tern_bn_word c = 0;
    size_t j;

    for (j = 0; j + 3 < n; j += 4) {
        MULADD(r[j], c, a, b[j], r[j], c);
        MULADD(r[j + 1], c, a, b[j + 1], r[j + 1], c);
        MULADD(r[j + 2], c, a, b[j + 2], r[j + 2], c);
        MULADD(r[j + 3], c, a, b[j + 3], r[j + 3], c);
    }
    for (; j < n; j++) {
        MULADD(r[j], c, a, b[j], r[j], c);
    }
    return c;
}

/* d = t / R mod m for t of 2 len words, t < m R (t is overwritten). */
static void redc(tern_bn_word *d, tern_bn_word *t, const tern_bn_mont *mc)
{
    size_t len = mc->len, i;
    tern_bn_word top = 0; /* carry into word i + len */

    for (i = 0; i < len; i++) {
        tern_bn_word u = t[i] * mc->m0i;
        tern_bn_word c = addmul_row(t + i, mc->m, len, u);
        tern_bn_word s = t[i + len] + c;
        tern_bn_word cc = s < c;
        s += top;
        cc += s < top;
        t[i + len] = s;
        top = cc;
    }
    final_sub(d, t + len, top, mc->m, len);
}

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_montsqr(tern_bn_word *d, const tern_bn_word *x, const tern_bn_mont *mc)
{
    size_t len = mc->len, i;
    tern_bn_word t[2 * TERN_BN_MAX_WORDS];
    tern_bn_word shifted = 0, cy = 0;

    /* cross products: row i adds x[i] x[j] (j > i) at words 2i + 1 to
     * i + len - 1; its carry word lands on i + len, not yet written */
    memset(t, 0, 2 * len * sizeof(tern_bn_word));
    for (i = 0; i + 1 < len; i++) {
        t[i + len] = addmul_row(t + 2 * i + 1, x + i + 1, len - i - 1, x[i]);
    }
    /* t = 2 t + sum x[i]^2 2^(128 i); the doubled sum is below x^2 < 2^(128 len) */
    for (i = 0; i < len; i++) {
        tern_bn_dword z = (tern_bn_dword)x[i] * x[i];
        tern_bn_word lo = (tern_bn_word)z, hi = (tern_bn_word)(z >> 64);
        tern_bn_word t0 = t[2 * i], t1 = t[2 * i + 1];
        tern_bn_word n0 = (t0 << 1) | shifted;
        tern_bn_word n1 = (t1 << 1) | (t0 >> 63);
        shifted = t1 >> 63;
        n0 += cy;
        cy = n0 < cy;
        n0 += lo;
        cy += n0 < lo;
        n1 += cy;
        cy = n1 < cy;
        n1 += hi;
        cy += n1 < hi;
        t[2 * i] = n0;
        t[2 * i + 1] = n1;
    }
    redc(d, t, mc);
    tern_wipe(t, 2 * len * sizeof(tern_bn_word));
}

/* see src/crypto/bignum/bignum_internal.h: a reduction alone (the
 * 32-bit build multiplies by 1 instead, in bn_mont_conv.c) */
void tern_bn_from_mont(tern_bn_word *x, const tern_bn_mont *mc)
{
    size_t len = mc->len;
    tern_bn_word t[2 * TERN_BN_MAX_WORDS];

    /* x < R < m R */
    memcpy(t, x, len * sizeof(tern_bn_word));
    memset(t + len, 0, len * sizeof(tern_bn_word));
    redc(x, t, mc);
    tern_wipe(t, 2 * len * sizeof(tern_bn_word));
}

#else
typedef int tern_bn_montmul64_unused_;
#endif /* TERN_CONFIG_RSA && TERN_CONFIG_WORD_BITS == 64 */
