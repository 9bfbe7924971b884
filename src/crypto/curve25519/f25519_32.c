/*
 * GF(2^255 - 19), radix 2^25.5: ten limbs of alternately 26 and 25 bits
 * (limb i holds bits ceil(25.5 i) ..) in uint32_t, products in uint64_t.
 * Selected by TERN_CONFIG_WORD_BITS == 32 (Cortex-M and any compiler
 * without a 128-bit type). See f25519_internal.h for the limb bounds.
 *
 * Products: the term f_i g_j lands in column i+j; it is doubled when i and
 * j are both odd (25 + 25 bits where the column expects 51), and columns
 * 10..18 fold onto 0..8 times 19 (2^255 = 19 mod p).
 *
 * Bounds used below (units: 2^26 even, 2^25 odd limbs): inputs are at most
 * 3 units plus 3 * 2^16, so 19 * g (even limb) < 57 * 2^26 + 2^22 < 2^32,
 * 2 * f and 4 * f (odd limbs) < 2^29, and the largest column sum,
 * column 0 of 124.5 * 9 * 2^52, stays below 2^62.2.
 */
#include "tern/config.h"

#if (TERN_CONFIG_X25519 || TERN_CONFIG_ED25519) && TERN_CONFIG_WORD_BITS == 32

#include "common/ct_internal.h"
#include "common/endian_internal.h"
#include "crypto/curve25519/f25519_internal.h"

#define MASK26 ((((uint32_t)1) << 26) - 1)
#define MASK25 ((((uint32_t)1) << 25) - 1)

/* 4p limb by limb: 4 * (2^26 - 19), then 4 * (2^25 - 1) (odd limbs) and
 * 4 * (2^26 - 1) (even limbs). */
#define FOURP0 ((uint32_t)0xfffffb4)
#define FOURPO ((uint32_t)0x7fffffc)
#define FOURPE ((uint32_t)0xffffffc)

const tern_f25519 tern_f25519_d = {{0x35978a3, 0xd37284, 0x3156ebd, 0x6a0a0e, 0x1c029, 0x179e898,
                                    0x3a03cbb, 0x1ce7198, 0x2e2b6ff, 0x1480db3}};
const tern_f25519 tern_f25519_d2 = {{0x2b2f159, 0x1a6e509, 0x22add7a, 0xd4141d, 0x38052, 0xf3d130,
                                     0x3407977, 0x19ce331, 0x1c56dff, 0x901b67}};
const tern_f25519 tern_f25519_sqrtm1 = {{0x20ea0b0, 0x186c9d2, 0x8f189d, 0x35697f, 0xbd0c60,
                                         0x1fbd7a7, 0x2804c9e, 0x1e16569, 0x4fc1d, 0xae0c92}};

/* Width of limb i. */
#define WIDTH(i) (((i)&1) ? 25u : 26u)

/* see f25519_internal.h */
void tern_f25519_0(tern_f25519 *h)
{
    int i;

    for (i = 0; i < 10; i++) {
        h->v[i] = 0;
    }
}

/* see f25519_internal.h */
void tern_f25519_1(tern_f25519 *h)
{
    tern_f25519_0(h);
    h->v[0] = 1;
}

/* see f25519_internal.h */
void tern_f25519_frombytes(tern_f25519 *h, const uint8_t s[32])
{
    /* Limb start bits 0, 26, 51, 77, 102, 128, 153, 179, 204, 230: byte
     * offset and shift of each; the last mask drops bit 255. */
    h->v[0] = tern_load_le32(s) & MASK26;
    h->v[1] = (tern_load_le32(s + 3) >> 2) & MASK25;
    h->v[2] = (tern_load_le32(s + 6) >> 3) & MASK26;
    h->v[3] = (tern_load_le32(s + 9) >> 5) & MASK25;
    h->v[4] = (tern_load_le32(s + 12) >> 6) & MASK26;
    h->v[5] = tern_load_le32(s + 16) & MASK25;
    h->v[6] = (tern_load_le32(s + 19) >> 1) & MASK26;
    h->v[7] = (tern_load_le32(s + 22) >> 3) & MASK25;
    h->v[8] = (tern_load_le32(s + 25) >> 4) & MASK26;
    h->v[9] = (tern_load_le32(s + 28) >> 6) & MASK25;
}

/* see f25519_internal.h */
void tern_f25519_fromwords(tern_f25519 *h, const uint32_t w[8])
{
    /* Limb i starts at bit ceil(25.5 i); a limb crossing a word boundary
     * takes its high bits from the next word. */
    h->v[0] = w[0] & MASK26;
    h->v[1] = ((w[0] >> 26) | (w[1] << 6)) & MASK25;
    h->v[2] = ((w[1] >> 19) | (w[2] << 13)) & MASK26;
    h->v[3] = ((w[2] >> 13) | (w[3] << 19)) & MASK25;
    h->v[4] = (w[3] >> 6) & MASK26;
    h->v[5] = w[4] & MASK25;
    h->v[6] = ((w[4] >> 25) | (w[5] << 7)) & MASK26;
    h->v[7] = ((w[5] >> 19) | (w[6] << 13)) & MASK25;
    h->v[8] = ((w[6] >> 12) | (w[7] << 20)) & MASK26;
    h->v[9] = (w[7] >> 6) & MASK25;
}

/* Carries 64-bit column sums (each below 2^63) into h: every limb within
 * its width except limb 2, which may exceed it by 1. */
static void reduce(tern_f25519 *h, uint64_t t[10])
{
    uint64_t c;
    int i;

    for (i = 0; i < 9; i++) {
        c = t[i] >> WIDTH(i);
        t[i] &= ((uint64_t)1 << WIDTH(i)) - 1;
        t[i + 1] += c;
    }
    c = t[9] >> 25;
    t[9] &= MASK25;
    t[0] += 19 * c;
    c = t[0] >> 26;
    t[0] &= MASK26;
    t[1] += c;
    c = t[1] >> 25;
    t[1] &= MASK25;
    t[2] += c;
    for (i = 0; i < 10; i++) {
        h->v[i] = (uint32_t)t[i];
    }
}

/* see f25519_internal.h */
void tern_f25519_carry(tern_f25519 *h, const tern_f25519 *f)
{
    uint64_t t[10];
    int i;

    for (i = 0; i < 10; i++) {
        t[i] = f->v[i];
    }
    reduce(h, t);
}

/* see f25519_internal.h */
void tern_f25519_tobytes(uint8_t s[32], const tern_f25519 *h)
{
    tern_f25519 t;
    uint32_t q, c;
    uint64_t acc;
    unsigned nbits, n;
    int i;

    tern_f25519_carry(&t, h);
    /* t < 2^255 + 2^52 < 2p. q = floor((t + 19) / 2^255) is 1 exactly
     * when t >= p; computed limb by limb from the bottom. */
    q = (t.v[0] + 19) >> 26;
    for (i = 1; i < 10; i++) {
        q = (t.v[i] + q) >> WIDTH(i);
    }
    /* t - q*p = t + 19q - q*2^255: add 19q, carry, drop bit 255. */
    t.v[0] += 19 * q;
    for (i = 0; i < 9; i++) {
        c = t.v[i] >> WIDTH(i);
        t.v[i] &= (((uint32_t)1) << WIDTH(i)) - 1;
        t.v[i + 1] += c;
    }
    t.v[9] &= MASK25;

    acc = 0;
    nbits = 0;
    n = 0;
    for (i = 0; i < 10; i++) {
        acc |= (uint64_t)t.v[i] << nbits;
        nbits += WIDTH(i);
        while (nbits >= 8) {
            s[n++] = (uint8_t)acc;
            acc >>= 8;
            nbits -= 8;
        }
    }
    /* 255 bits: the last 7 are still in acc. */
    s[31] = (uint8_t)acc;
}

/* see f25519_internal.h */
void tern_f25519_add(tern_f25519 *h, const tern_f25519 *f, const tern_f25519 *g)
{
    int i;

    for (i = 0; i < 10; i++) {
        h->v[i] = f->v[i] + g->v[i];
    }
}

/* see f25519_internal.h */
void tern_f25519_sub(tern_f25519 *h, const tern_f25519 *f, const tern_f25519 *g)
{
    tern_f25519 t;
    int i;

    /* f + 4p - g: no limb goes negative for g below 4 units. The result
     * (below 2^29) is carried so that it is tight. */
    t.v[0] = (f->v[0] + FOURP0) - g->v[0];
    for (i = 1; i < 10; i++) {
        t.v[i] = (f->v[i] + ((i & 1) ? FOURPO : FOURPE)) - g->v[i];
    }
    tern_f25519_carry(h, &t);
}

/* see f25519_internal.h */
void tern_f25519_mul(tern_f25519 *h, const tern_f25519 *f, const tern_f25519 *g)
{
    uint32_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    uint32_t f5 = f->v[5], f6 = f->v[6], f7 = f->v[7], f8 = f->v[8], f9 = f->v[9];
    uint32_t g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3], g4 = g->v[4];
    uint32_t g5 = g->v[5], g6 = g->v[6], g7 = g->v[7], g8 = g->v[8], g9 = g->v[9];
    uint32_t f1_2 = 2 * f1, f3_2 = 2 * f3, f5_2 = 2 * f5, f7_2 = 2 * f7, f9_2 = 2 * f9;
    uint32_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
    uint32_t g5_19 = 19 * g5, g6_19 = 19 * g6, g7_19 = 19 * g7, g8_19 = 19 * g8;
    uint32_t g9_19 = 19 * g9;
    uint64_t h0, h1, h2, h3, h4, h5, h6, h7, h8, h9;
    uint64_t t[10];

    h0 = (uint64_t)f0 * g0 + (uint64_t)f1_2 * g9_19 + (uint64_t)f2 * g8_19 +
         (uint64_t)f3_2 * g7_19 + (uint64_t)f4 * g6_19 + (uint64_t)f5_2 * g5_19 +
         (uint64_t)f6 * g4_19 + (uint64_t)f7_2 * g3_19 + (uint64_t)f8 * g2_19 +
         (uint64_t)f9_2 * g1_19;
    h1 = (uint64_t)f0 * g1 + (uint64_t)f1 * g0 + (uint64_t)f2 * g9_19 + (uint64_t)f3 * g8_19 +
         (uint64_t)f4 * g7_19 + (uint64_t)f5 * g6_19 + (uint64_t)f6 * g5_19 + (uint64_t)f7 * g4_19 +
         (uint64_t)f8 * g3_19 + (uint64_t)f9 * g2_19;
    h2 = (uint64_t)f0 * g2 + (uint64_t)f1_2 * g1 + (uint64_t)f2 * g0 + (uint64_t)f3_2 * g9_19 +
         (uint64_t)f4 * g8_19 + (uint64_t)f5_2 * g7_19 + (uint64_t)f6 * g6_19 +
         (uint64_t)f7_2 * g5_19 + (uint64_t)f8 * g4_19 + (uint64_t)f9_2 * g3_19;
    h3 = (uint64_t)f0 * g3 + (uint64_t)f1 * g2 + (uint64_t)f2 * g1 + (uint64_t)f3 * g0 +
         (uint64_t)f4 * g9_19 + (uint64_t)f5 * g8_19 + (uint64_t)f6 * g7_19 + (uint64_t)f7 * g6_19 +
         (uint64_t)f8 * g5_19 + (uint64_t)f9 * g4_19;
    h4 = (uint64_t)f0 * g4 + (uint64_t)f1_2 * g3 + (uint64_t)f2 * g2 + (uint64_t)f3_2 * g1 +
         (uint64_t)f4 * g0 + (uint64_t)f5_2 * g9_19 + (uint64_t)f6 * g8_19 +
         (uint64_t)f7_2 * g7_19 + (uint64_t)f8 * g6_19 + (uint64_t)f9_2 * g5_19;
    h5 = (uint64_t)f0 * g5 + (uint64_t)f1 * g4 + (uint64_t)f2 * g3 + (uint64_t)f3 * g2 +
         (uint64_t)f4 * g1 + (uint64_t)f5 * g0 + (uint64_t)f6 * g9_19 + (uint64_t)f7 * g8_19 +
         (uint64_t)f8 * g7_19 + (uint64_t)f9 * g6_19;
    h6 = (uint64_t)f0 * g6 + (uint64_t)f1_2 * g5 + (uint64_t)f2 * g4 + (uint64_t)f3_2 * g3 +
         (uint64_t)f4 * g2 + (uint64_t)f5_2 * g1 + (uint64_t)f6 * g0 + (uint64_t)f7_2 * g9_19 +
         (uint64_t)f8 * g8_19 + (uint64_t)f9_2 * g7_19;
    h7 = (uint64_t)f0 * g7 + (uint64_t)f1 * g6 + (uint64_t)f2 * g5 + (uint64_t)f3 * g4 +
         (uint64_t)f4 * g3 + (uint64_t)f5 * g2 + (uint64_t)f6 * g1 + (uint64_t)f7 * g0 +
         (uint64_t)f8 * g9_19 + (uint64_t)f9 * g8_19;
    h8 = (uint64_t)f0 * g8 + (uint64_t)f1_2 * g7 + (uint64_t)f2 * g6 + (uint64_t)f3_2 * g5 +
         (uint64_t)f4 * g4 + (uint64_t)f5_2 * g3 + (uint64_t)f6 * g2 + (uint64_t)f7_2 * g1 +
         (uint64_t)f8 * g0 + (uint64_t)f9_2 * g9_19;
    h9 = (uint64_t)f0 * g9 + (uint64_t)f1 * g8 + (uint64_t)f2 * g7 + (uint64_t)f3 * g6 +
         (uint64_t)f4 * g5 + (uint64_t)f5 * g4 + (uint64_t)f6 * g3 + (uint64_t)f7 * g2 +
         (uint64_t)f8 * g1 + (uint64_t)f9 * g0;

    t[0] = h0;
    t[1] = h1;
    t[2] = h2;
    t[3] = h3;
    t[4] = h4;
    t[5] = h5;
    t[6] = h6;
    t[7] = h7;
    t[8] = h8;
    t[9] = h9;
    reduce(h, t);
}

/* see f25519_internal.h */
void tern_f25519_sq(tern_f25519 *h, const tern_f25519 *f)
{
    uint32_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    uint32_t f5 = f->v[5], f6 = f->v[6], f7 = f->v[7], f8 = f->v[8], f9 = f->v[9];
    /* Off-diagonal terms appear twice (x2), odd-odd terms are doubled
     * (x2), folded columns carry 19. */
    uint32_t f0_2 = 2 * f0, f1_2 = 2 * f1, f2_2 = 2 * f2, f3_2 = 2 * f3, f4_2 = 2 * f4;
    uint32_t f5_2 = 2 * f5, f6_2 = 2 * f6, f7_2 = 2 * f7, f8_2 = 2 * f8, f9_2 = 2 * f9;
    uint32_t f1_4 = 4 * f1, f3_4 = 4 * f3, f5_4 = 4 * f5, f7_4 = 4 * f7;
    uint32_t f5_19 = 19 * f5, f6_19 = 19 * f6, f7_19 = 19 * f7, f8_19 = 19 * f8;
    uint32_t f9_19 = 19 * f9;
    uint64_t h0, h1, h2, h3, h4, h5, h6, h7, h8, h9;
    uint64_t t[10];

    h0 = (uint64_t)f0 * f0 + (uint64_t)f1_4 * f9_19 + (uint64_t)f2_2 * f8_19 +
         (uint64_t)f3_4 * f7_19 + (uint64_t)f4_2 * f6_19 + (uint64_t)f5_2 * f5_19;
    h1 = (uint64_t)f0_2 * f1 + (uint64_t)f2_2 * f9_19 + (uint64_t)f3_2 * f8_19 +
         (uint64_t)f4_2 * f7_19 + (uint64_t)f5_2 * f6_19;
    h2 = (uint64_t)f0_2 * f2 + (uint64_t)f1_2 * f1 + (uint64_t)f3_4 * f9_19 +
         (uint64_t)f4_2 * f8_19 + (uint64_t)f5_4 * f7_19 + (uint64_t)f6 * f6_19;
    h3 = (uint64_t)f0_2 * f3 + (uint64_t)f1_2 * f2 + (uint64_t)f4_2 * f9_19 +
         (uint64_t)f5_2 * f8_19 + (uint64_t)f6_2 * f7_19;
    h4 = (uint64_t)f0_2 * f4 + (uint64_t)f1_4 * f3 + (uint64_t)f2 * f2 + (uint64_t)f5_4 * f9_19 +
         (uint64_t)f6_2 * f8_19 + (uint64_t)f7_2 * f7_19;
    h5 = (uint64_t)f0_2 * f5 + (uint64_t)f1_2 * f4 + (uint64_t)f2_2 * f3 + (uint64_t)f6_2 * f9_19 +
         (uint64_t)f7_2 * f8_19;
    h6 = (uint64_t)f0_2 * f6 + (uint64_t)f1_4 * f5 + (uint64_t)f2_2 * f4 + (uint64_t)f3_2 * f3 +
         (uint64_t)f7_4 * f9_19 + (uint64_t)f8 * f8_19;
    h7 = (uint64_t)f0_2 * f7 + (uint64_t)f1_2 * f6 + (uint64_t)f2_2 * f5 + (uint64_t)f3_2 * f4 +
         (uint64_t)f8_2 * f9_19;
    h8 = (uint64_t)f0_2 * f8 + (uint64_t)f1_4 * f7 + (uint64_t)f2_2 * f6 + (uint64_t)f3_4 * f5 +
         (uint64_t)f4 * f4 + (uint64_t)f9_2 * f9_19;
    h9 = (uint64_t)f0_2 * f9 + (uint64_t)f1_2 * f8 + (uint64_t)f2_2 * f7 + (uint64_t)f3_2 * f6 +
         (uint64_t)f4_2 * f5;

    t[0] = h0;
    t[1] = h1;
    t[2] = h2;
    t[3] = h3;
    t[4] = h4;
    t[5] = h5;
    t[6] = h6;
    t[7] = h7;
    t[8] = h8;
    t[9] = h9;
    reduce(h, t);
}

/* see f25519_internal.h */
void tern_f25519_mul_small(tern_f25519 *h, const tern_f25519 *f, uint32_t c)
{
    uint64_t t[10];
    int i;

    for (i = 0; i < 10; i++) {
        t[i] = (uint64_t)f->v[i] * c;
    }
    reduce(h, t);
}

/* see f25519_internal.h */
void tern_f25519_cswap(tern_f25519 *f, tern_f25519 *g, uint32_t b)
{
    uint32_t mask = (uint32_t)0 - tern_ct_barrier(b);
    int i;

    for (i = 0; i < 10; i++) {
        uint32_t x = mask & (f->v[i] ^ g->v[i]);
        f->v[i] ^= x;
        g->v[i] ^= x;
    }
}

/* see f25519_internal.h */
void tern_f25519_cmov(tern_f25519 *f, const tern_f25519 *g, uint32_t b)
{
    uint32_t mask = (uint32_t)0 - tern_ct_barrier(b);
    int i;

    for (i = 0; i < 10; i++) {
        f->v[i] ^= mask & (f->v[i] ^ g->v[i]);
    }
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_f25519_32_unused_;
#endif
