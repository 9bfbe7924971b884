/*
 * Montgomery multiplication d = x y / R mod m (constant time).
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

#if TERN_CONFIG_RSA

#include <string.h>

#include "crypto/bignum/bignum_internal.h"

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

        lo = tern_bn_muladd(xi, y[0], t[0], 0, &c1);
        (void)tern_bn_muladd(u, m[0], lo, 0, &c2); /* low word is zero */
        for (j = 1; j < len; j++) {
            lo = tern_bn_muladd(xi, y[j], t[j], c1, &c1);
            t[j - 1] = tern_bn_muladd(u, m[j], lo, c2, &c2);
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
}

#else
typedef int tern_bn_montmul_unused_;
#endif /* TERN_CONFIG_RSA */
