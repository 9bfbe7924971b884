/*
 * Fixed-base scalar multiplication a * B, constant-time.
 *
 * Implementation notes. The scalar (below 2^255) is recoded into 64
 * signed radix-16 digits e_k in [-8, 8], a = sum e_k 16^k. Splitting the
 * digit index as k = 8i + r (i, r in 0..7) and writing T_i = 2^(32 i) B,
 *
 *     a B = sum_r 16^r sum_i e_(8i+r) T_i,
 *
 * which Horner's rule evaluates from r = 7 down to 0 with 4 doublings
 * between rows: 64 mixed additions and 28 doublings. The table
 * (ge25519_base_table.c) holds 1..8 times each T_i, 8 x 8 affine points
 * in 4 KB; every lookup reads all 8 entries of its row and keeps the
 * wanted one with masks, then negates it with a conditional swap when the
 * digit is negative, so neither the memory access pattern nor any branch
 * depends on the scalar. A larger table (more rows, fewer doublings) would
 * be faster and bigger; 4 KB was chosen for the embedded targets.
 */
#include "tern/config.h"

#if TERN_CONFIG_ED25519

#include <stdint.h>

#include "common/ct_internal.h"
#include "crypto/curve25519/ge25519_internal.h"
#include "tern/util.h"

/* Scratch space of select_point, owned by the caller so that it is wiped
 * once at the end rather than on each of the 64 lookups. */
typedef struct select_scratch {
    uint32_t w[16];
    tern_f25519 x, y, nxy;
} select_scratch;

/* t = e * T_i for a digit e in [-8, 8], in precomp form. */
static void select_point(tern_ge25519_precomp *t, select_scratch *sc, unsigned i, int8_t e)
{
    uint32_t u = (uint32_t)(int32_t)e;
    uint32_t neg = u >> 31;
    uint32_t mag = (u ^ ((uint32_t)0 - neg)) + neg; /* |e| */
    unsigned j, k;

    /* Start from the identity, x = 0, y = 1. */
    for (k = 0; k < 16; k++) {
        sc->w[k] = 0;
    }
    sc->w[8] = 1;
    for (j = 0; j < 8; j++) {
        uint32_t mask = (uint32_t)0 - tern_ct_eq(mag, j + 1);
        for (k = 0; k < 16; k++) {
            sc->w[k] ^= mask & (sc->w[k] ^ tern_ge25519_base_table[i][j][k]);
        }
    }
    tern_f25519_fromwords(&sc->x, sc->w);
    tern_f25519_fromwords(&sc->y, sc->w + 8);

    tern_f25519_add(&t->ypx, &sc->y, &sc->x); /* 2u */
    tern_f25519_sub(&t->ymx, &sc->y, &sc->x); /* sub */
    tern_f25519_mul(&t->xy2d, &sc->x, &sc->y);
    tern_f25519_mul(&t->xy2d, &t->xy2d, &tern_f25519_d2);
    /* -(x, y) = (-x, y): swaps y+x with y-x and negates 2dxy. */
    tern_f25519_cswap(&t->ypx, &t->ymx, neg);
    tern_f25519_neg(&sc->nxy, &t->xy2d);
    tern_f25519_cmov(&t->xy2d, &sc->nxy, neg);
}

/* see ge25519_internal.h */
void tern_ge25519_scalarmult_base(tern_ge25519_p3 *r, const uint8_t a[32])
{
    int8_t e[64];
    int8_t carry;
    tern_ge25519_precomp t;
    select_scratch sc;
    tern_ge25519_p1p1 s;
    tern_ge25519_p2 q;
    int i, row, k;

    for (i = 0; i < 32; i++) {
        e[2 * i] = (int8_t)(a[i] & 15);
        e[2 * i + 1] = (int8_t)(a[i] >> 4);
    }
    /* Digits 0..15 to -8..7, carrying into the next one; the top digit
     * ends at most 8 because a < 2^255. No shift of a negative value. */
    carry = 0;
    for (i = 0; i < 63; i++) {
        e[i] = (int8_t)(e[i] + carry);
        carry = (int8_t)((e[i] + 8) >> 4);
        e[i] = (int8_t)(e[i] - carry * 16);
    }
    e[63] = (int8_t)(e[63] + carry);

    tern_ge25519_p3_0(r);
    for (row = 7; row >= 0; row--) {
        if (row != 7) {
            /* r = 16 r */
            tern_ge25519_p3_to_p2(&q, r);
            for (k = 0; k < 3; k++) {
                tern_ge25519_p2_dbl(&s, &q);
                tern_ge25519_p1p1_to_p2(&q, &s);
            }
            tern_ge25519_p2_dbl(&s, &q);
            tern_ge25519_p1p1_to_p3(r, &s);
        }
        for (i = 0; i < 8; i++) {
            select_point(&t, &sc, (unsigned)i, e[8 * i + row]);
            tern_ge25519_madd(&s, r, &t);
            tern_ge25519_p1p1_to_p3(r, &s);
        }
    }

    tern_wipe(e, sizeof(e));
    tern_wipe(&sc, sizeof(sc));
    tern_wipe(&t, sizeof(t));
    tern_wipe(&s, sizeof(s));
    tern_wipe(&q, sizeof(q));
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ge25519_base_unused_;
#endif
