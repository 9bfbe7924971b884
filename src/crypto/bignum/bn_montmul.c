/*
 * Montgomery multiplication d = x y / R mod m (constant time), for
 * 32-bit words (64-bit words: bn_montmul64.c).
 *
 * Word-serial, with the multiplication and the reduction interleaved in
 * one inner loop (each outer step adds x[i] y and u m, u chosen so that
 * the low word cancels, then drops that word). With x < R and y < m the
 * running value T stays below 2m:
 *     T' = (T + x[i] y + u m) / 2^w < (2m + 2 (2^w - 1) m) / 2^w = 2m,
 * so one conditional subtraction at the end reduces it fully. T needs
 * len words plus one carry bit.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA && TERN_CONFIG_WORD_BITS == 32

#include <string.h>

#include "crypto/bignum/bignum_internal.h"
#include "tern/util.h"

/* lo = a * b + c + d (low word), hi = high word: tern_bn_muladd as a
 * macro, so that unoptimised (debug, sanitizer) builds do not pay a call
 * per word product in the hottest loop. */
#define MULADD(lo, hi, a, b, c, d)                                                                 \
    do {                                                                                           \
        tern_bn_dword z_ = (tern_bn_dword)(a) * (b);                                               \
        tern_bn_word l_ = (tern_bn_word)z_;                                                        \
        tern_bn_word h_ = (tern_bn_word)(z_ >> TERN_BN_WORD_BITS);                                 \
        tern_bn_word c_ = (c), d_ = (d);                                                           \
        l_ += c_;                                                                                  \
        h_ += l_ < c_;                                                                             \
        l_ += d_;                                                                                  \
        h_ += l_ < d_;                                                                             \
        (lo) = l_;                                                                                 \
        (hi) = h_;                                                                                 \
    } while (0)

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_montmul(tern_bn_word *d, const tern_bn_word *x, const tern_bn_word *y,
                     const tern_bn_mont *mc)
{
    const tern_bn_word *m = mc->m;
    size_t len = mc->len;
    tern_bn_word t[TERN_BN_MAX_WORDS + 1];
    tern_bn_word top = 0; /* t[len]: 0 or 1 */
    uint32_t ctl;
    size_t i, j;

    memset(t, 0, len * sizeof(tern_bn_word));
    for (i = 0; i < len; i++) {
        tern_bn_word xi = x[i];
        tern_bn_word u = (t[0] + xi * y[0]) * mc->m0i;
        tern_bn_word c1, c2, lo;
        tern_bn_dword z;

        MULADD(lo, c1, xi, y[0], t[0], 0);
        MULADD(lo, c2, u, m[0], lo, 0); /* low word is zero */
        for (j = 1; j < len; j++) {
            tern_bn_word l2;
            MULADD(lo, c1, xi, y[j], t[j], c1);
            MULADD(l2, c2, u, m[j], lo, c2);
            t[j - 1] = l2;
        }
        z = (tern_bn_dword)top + c1 + c2;
        t[len - 1] = (tern_bn_word)z;
        top = (tern_bn_word)(z >> TERN_BN_WORD_BITS);
    }
    /* T < 2m: subtract m if T >= m, i.e. if the carry bit is set or the
     * low len words are not below m. */
    ctl = tern_bn_word_nz(top) | tern_ct_not(tern_bn_lt(t, m, len));
    (void)tern_bn_sub(t, m, len, ctl);
    memcpy(d, t, len * sizeof(tern_bn_word));
    /* t held products of possibly secret values (1-2% of the time) */
    tern_wipe(t, len * sizeof(tern_bn_word));
}

#else
typedef int tern_bn_montmul_unused_;
#endif /* TERN_CONFIG_RSA && TERN_CONFIG_WORD_BITS == 32 */
