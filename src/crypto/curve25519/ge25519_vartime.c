/*
 * a * A + b * B in variable time, for Ed25519 verification (all inputs
 * public).
 *
 * Implementation notes. Both scalars are recoded in width-5 NAF (digits
 * 0 or odd in -15..15, any two non-zero digits at least 5 positions
 * apart), and one pass of doublings from the top serves both (Straus'
 * method): about 253 doublings and 2 * 253/6 additions. The odd multiples
 * 1, 3, .., 15 of A and of B are computed per call (8 points each) rather
 * than stored, which keeps rodata to the fixed-base table alone.
 */
#include "tern/config.h"

#if TERN_CONFIG_ED25519

#include "crypto/curve25519/ge25519_internal.h"

/* Width-5 NAF of a little-endian 256-bit s: s = sum naf[i] 2^i. s must be
 * below 2^255 so that the last carry lands inside the 256 digits. */
static void wnaf5(int8_t naf[256], const uint8_t s[32])
{
    unsigned i = 0, carry = 0;
    unsigned j;

    for (j = 0; j < 256; j++) {
        naf[j] = 0;
    }
    while (i < 256) {
        unsigned bit = (unsigned)(s[i >> 3] >> (i & 7)) & 1u;
        unsigned w = 0;

        if (bit == carry) {
            /* (remaining value) is even here: digit 0, carry unchanged. */
            i++;
            continue;
        }
        /* Odd: take the 5-bit window plus the carry (odd, 1..31) and
         * choose the digit in -15..15 that leaves a multiple of 32. */
        for (j = 0; j < 5 && i + j < 256; j++) {
            w |= (unsigned)((s[(i + j) >> 3] >> ((i + j) & 7)) & 1u) << j;
        }
        w += carry;
        if (w > 16) {
            naf[i] = (int8_t)((int)w - 32);
            carry = 1;
        } else {
            naf[i] = (int8_t)w;
            carry = 0;
        }
        i += 5;
    }
}

/* t[k] = (2k + 1) * p for k = 0..7, cached. */
static void odd_multiples(tern_ge25519_cached t[8], const tern_ge25519_p3 *p)
{
    tern_ge25519_p1p1 s;
    tern_ge25519_p2 q;
    tern_ge25519_p3 p2, cur;
    tern_ge25519_cached c2;
    int k;

    tern_ge25519_p3_to_p2(&q, p);
    tern_ge25519_p2_dbl(&s, &q);
    tern_ge25519_p1p1_to_p3(&p2, &s);
    tern_ge25519_p3_to_cached(&c2, &p2);
    tern_ge25519_p3_to_cached(&t[0], p);
    cur = *p;
    for (k = 1; k < 8; k++) {
        tern_ge25519_add(&s, &cur, &c2);
        tern_ge25519_p1p1_to_p3(&cur, &s);
        tern_ge25519_p3_to_cached(&t[k], &cur);
    }
}

/* see ge25519_internal.h */
void tern_ge25519_double_scalarmult_vartime(tern_ge25519_p2 *r, const uint8_t a[32],
                                            const tern_ge25519_p3 *A, const uint8_t b[32])
{
    int8_t anaf[256], bnaf[256];
    tern_ge25519_cached ai[8], bi[8];
    tern_ge25519_p3 base, u;
    tern_ge25519_p1p1 t;
    int i;

    /* B from entry [0][0] of the fixed-base table (affine x, y). */
    tern_f25519_fromwords(&base.X, tern_ge25519_base_table[0][0]);
    tern_f25519_fromwords(&base.Y, tern_ge25519_base_table[0][0] + 8);
    tern_f25519_1(&base.Z);
    tern_f25519_mul(&base.T, &base.X, &base.Y);

    wnaf5(anaf, a);
    wnaf5(bnaf, b);
    odd_multiples(ai, A);
    odd_multiples(bi, &base);

    tern_f25519_0(&r->X);
    tern_f25519_1(&r->Y);
    tern_f25519_1(&r->Z);
    i = 255;
    while (i >= 0 && anaf[i] == 0 && bnaf[i] == 0) {
        i--;
    }
    for (; i >= 0; i--) {
        tern_ge25519_p2_dbl(&t, r);
        if (anaf[i] > 0) {
            tern_ge25519_p1p1_to_p3(&u, &t);
            tern_ge25519_add(&t, &u, &ai[anaf[i] / 2]);
        } else if (anaf[i] < 0) {
            tern_ge25519_p1p1_to_p3(&u, &t);
            tern_ge25519_sub(&t, &u, &ai[(-anaf[i]) / 2]);
        }
        if (bnaf[i] > 0) {
            tern_ge25519_p1p1_to_p3(&u, &t);
            tern_ge25519_add(&t, &u, &bi[bnaf[i] / 2]);
        } else if (bnaf[i] < 0) {
            tern_ge25519_p1p1_to_p3(&u, &t);
            tern_ge25519_sub(&t, &u, &bi[(-bnaf[i]) / 2]);
        }
        tern_ge25519_p1p1_to_p2(r, &t);
    }
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ge25519_vartime_unused_;
#endif
