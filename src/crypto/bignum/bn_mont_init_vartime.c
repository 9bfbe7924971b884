/*
 * Montgomery context of a public modulus (an RSA n, a DH group prime):
 * R^2 mod m by schoolbook division. Variable time in m; m is public.
 *
 * Implementation notes. m is normalised first: mn = m 2^s with the top
 * bit of its top word set (s < w). Then
 *     x = R - mn                      which is R mod mn, as mn > R / 2
 *     x = x 2^s mod mn                (if s > 0)
 *     x = x 2^w mod mn, len times
 * leaves x = R^2 2^s mod mn = (R^2 mod m) 2^s, and a shift right by s
 * gives R^2 mod m ((a 2^s) mod (m 2^s) = (a mod m) 2^s).
 *
 * A step x 2^sh mod mn shifts x (len words, below mn) into len + 1
 * words X < mn 2^w, estimates the quotient q from X's top two words and
 * mn's top word, and subtracts q mn (Knuth, TAOCP vol. 2, 4.3.1,
 * algorithm D): with mn normalised the estimate is never below the true
 * quotient and at most 2 above it; a test on the next words (step D3)
 * corrects almost every excess, and adding mn back (at most twice)
 * finishes the step. The two-by-one word division works in half words,
 * so that only word / word divisions are needed (no library helper for
 * a double-word division).
 *
 * 64-bit words only: the 32-bit build takes the constant-time
 * tern_bn_mont_init for public moduli too (see bignum_internal.h), as
 * this code would grow a Cortex-M4 RSA verification by about a quarter.
 *
 * Cost: len + 1 steps of len word products, against w + t modular
 * doublings and 5 Montgomery squarings in the constant-time
 * tern_bn_mont_init (for RSA-2048 on 64-bit words about 20 times less).
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA && TERN_CONFIG_WORD_BITS == 64

#include <string.h>

#include "crypto/bignum/bignum_internal.h"

#define WBITS TERN_BN_WORD_BITS
#define HBITS (TERN_BN_WORD_BITS / 2)
#define HMASK ((((tern_bn_word)1) << HBITS) - 1)

/* floor((u1 2^w + u0) / d) for d with its top bit set and u1 < d. */
static tern_bn_word div_2by1(tern_bn_word u1, tern_bn_word u0, tern_bn_word d)
{
    const tern_bn_word b = (tern_bn_word)1 << HBITS;
    tern_bn_word d1 = d >> HBITS, d0 = d & HMASK;
    tern_bn_word un1 = u0 >> HBITS, un0 = u0 & HMASK;
    tern_bn_word q1, q0, rhat, rem;

    /* high half digit: (u1 b + un1) / d, estimated from d1 (at most 2
     * too large; rhat >= b means the estimate can no longer be) */
    q1 = u1 / d1;
    rhat = u1 - q1 * d1;
    while (q1 >= b || q1 * d0 > ((rhat << HBITS) | un1)) {
        q1--;
        rhat += d1;
        if (rhat >= b) {
            break;
        }
    }
    /* remainder of that step (below d), then the low half digit */
    rem = (u1 << HBITS) + un1 - q1 * d;
    q0 = rem / d1;
    rhat = rem - q0 * d1;
    while (q0 >= b || q0 * d0 > ((rhat << HBITS) | un0)) {
        q0--;
        rhat += d1;
        if (rhat >= b) {
            break;
        }
    }
    return (q1 << HBITS) | q0;
}

/* x = x 2^sh mod mn for x < mn (len words), 1 <= sh <= w. */
static void shift_mod(tern_bn_word *x, const tern_bn_word *mn, size_t len, unsigned sh)
{
    tern_bn_word top, q, c = 0;
    size_t i;

    if (sh == WBITS) {
        top = x[len - 1];
        memmove(x + 1, x, (len - 1) * sizeof(tern_bn_word));
        x[0] = 0;
    } else {
        top = x[len - 1] >> (WBITS - sh);
        for (i = len - 1; i > 0; i--) {
            x[i] = (x[i] << sh) | (x[i - 1] >> (WBITS - sh));
        }
        x[0] <<= sh;
    }
    /* X = top 2^(w len) + x < mn 2^w, so top <= mn's top word */
    q = top >= mn[len - 1] ? ~(tern_bn_word)0 : div_2by1(top, x[len - 1], mn[len - 1]);
    if (len >= 2) {
        /* Knuth's test on the next words: drops most estimates that are
         * one too large, so that the add-back below is rare. The partial
         * remainder rhat = top:x[len-1] - q mn[len-1] must stay below
         * 2^w for the test to apply. */
        tern_bn_dword num = ((tern_bn_dword)top << WBITS) | x[len - 1];
        tern_bn_dword prod = (tern_bn_dword)q * mn[len - 1];
        if (num - prod <= (tern_bn_dword)(~(tern_bn_word)0)) {
            tern_bn_word rhat = (tern_bn_word)(num - prod);
            while ((tern_bn_dword)q * mn[len - 2] > (((tern_bn_dword)rhat << WBITS) | x[len - 2])) {
                q--;
                rhat += mn[len - 1];
                if (rhat < mn[len - 1]) {
                    break; /* rhat passed 2^w */
                }
            }
        }
    }
    /* X -= q mn, the borrow of each word folded into the next word's
     * subtrahend: high word + borrow stays below 2^w (the high word of
     * q mn[i] + c is 2^w - 1 only with a low word of 0, which borrows
     * nothing) */
    for (i = 0; i < len; i++) {
        tern_bn_word xi = x[i];
        tern_bn_word lo = tern_bn_muladd(q, mn[i], c, 0, &c);
        x[i] = xi - lo;
        c += xi < lo;
    }
    /* X - q mn lies in (-2 mn, mn): its top word (wrapped) is 0, -1 or
     * -2; add mn back while it is negative */
    top -= c;
    while (top != 0) {
        top += tern_bn_add(x, mn, len, 1);
    }
}

/* x = x / 2^s (the low s bits are zero), s < w. */
static void unnormalise(tern_bn_word *x, size_t len, unsigned s)
{
    size_t i;

    if (s > 0) {
        for (i = 0; i + 1 < len; i++) {
            x[i] = (x[i] >> s) | (x[i + 1] << (WBITS - s));
        }
        x[len - 1] >>= s;
    }
}

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_mont_init_vartime(tern_bn_mont *mc, const tern_bn_word *m, size_t len)
{
    tern_bn_word mn[TERN_BN_MAX_WORDS];
    tern_bn_word *x = mc->rr;
    tern_bn_word top = m[len - 1];
    unsigned s = 0;
    size_t i;

    memset(mc, 0, sizeof(*mc));
    memcpy(mc->m, m, len * sizeof(tern_bn_word));
    mc->len = len;
    mc->m0i = tern_bn_ninv(m[0]);

    while ((top >> (WBITS - 1)) == 0) {
        top <<= 1;
        s++;
    }
    memcpy(mn, m, len * sizeof(tern_bn_word));
    if (s > 0) {
        for (i = len - 1; i > 0; i--) {
            mn[i] = (mn[i] << s) | (mn[i - 1] >> (WBITS - s));
        }
        mn[0] <<= s;
    }
    /* x = R - mn: the two's complement of mn (not 0: mn > 0) */
    for (i = 0; i < len; i++) {
        x[i] = ~mn[i];
    }
    for (i = 0; i < len; i++) {
        if (++x[i] != 0) {
            break;
        }
    }
    if (s > 0) {
        shift_mod(x, mn, len, s);
    }
    for (i = 0; i < len; i++) {
        shift_mod(x, mn, len, WBITS);
    }
#if TERN_CONFIG_BN_X86
    /* R'^2 for the AVX2 code: 2 (b L - 64 len) more bits, two steps at
     * most (see bn_modexp_avx2.c) */
    {
        size_t rbits = tern_bn_avx2_supported() ? tern_bn_avx2_rbits(len) : 0;
        if (rbits != 0) {
            size_t more = 2 * (rbits - 64 * len);
            memcpy(mc->rr2, x, len * sizeof(tern_bn_word));
            while (more > 0) {
                unsigned sh = more < WBITS ? (unsigned)more : WBITS;
                shift_mod(mc->rr2, mn, len, sh);
                more -= sh;
            }
            unnormalise(mc->rr2, len, s);
            mc->has_rr2 = 1;
        }
    }
#endif
    unnormalise(x, len, s);
}

#else
typedef int tern_bn_mont_init_vartime_unused_;
#endif /* TERN_CONFIG_RSA && TERN_CONFIG_WORD_BITS == 64 */
