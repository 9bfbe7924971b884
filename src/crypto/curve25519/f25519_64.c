/*
 * GF(2^255 - 19), radix 2^51: five 51-bit limbs in uint64_t, 128-bit
 * products (GCC/Clang unsigned __int128). Selected by
 * TERN_CONFIG_WORD_BITS == 64. See f25519_internal.h for the limb bounds.
 *
 * Bounds used below (units of 2^51): inputs of mul/sq are at most 7 units
 * (2^53.9), so 19 * g < 2^58.2, every product is below 2^112.1 and every
 * column sum below 2^114.2; column 4 (no factor 19) stays below 2^110.1,
 * so its carry times 19 still fits in 64 bits.
 */
#include "tern/config.h"

#if (TERN_CONFIG_X25519 || TERN_CONFIG_ED25519) && TERN_CONFIG_WORD_BITS == 64

#include "common/ct_internal.h"
#include "common/endian_internal.h"
#include "crypto/curve25519/f25519_internal.h"

/* unsigned __int128 is a GCC/Clang extension; config.h only selects this
 * file where the compiler has it. __extension__ keeps -Wpedantic quiet. */
__extension__ typedef unsigned __int128 u128;

#define MASK51 ((((uint64_t)1) << 51) - 1)

const tern_f25519 tern_f25519_d = {
    {0x34dca135978a3, 0x1a8283b156ebd, 0x5e7a26001c029, 0x739c663a03cbb, 0x52036cee2b6ff}};
const tern_f25519 tern_f25519_d2 = {
    {0x69b9426b2f159, 0x35050762add7a, 0x3cf44c0038052, 0x6738cc7407977, 0x2406d9dc56dff}};
const tern_f25519 tern_f25519_sqrtm1 = {
    {0x61b274a0ea0b0, 0xd5a5fc8f189d, 0x7ef5e9cbd0c60, 0x78595a6804c9e, 0x2b8324804fc1d}};

/* see f25519_internal.h */
void tern_f25519_0(tern_f25519 *h)
{
    h->v[0] = h->v[1] = h->v[2] = h->v[3] = h->v[4] = 0;
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
    /* Limb i holds bits 51i .. 51i+50; bit 255 is dropped with the mask
     * of limb 4. */
    h->v[0] = tern_load_le64(s) & MASK51;
    h->v[1] = (tern_load_le64(s + 6) >> 3) & MASK51;
    h->v[2] = (tern_load_le64(s + 12) >> 6) & MASK51;
    h->v[3] = (tern_load_le64(s + 19) >> 1) & MASK51;
    h->v[4] = (tern_load_le64(s + 24) >> 12) & MASK51;
}

/* see f25519_internal.h */
void tern_f25519_fromwords(tern_f25519 *h, const uint32_t w[8])
{
    uint64_t q0 = (uint64_t)w[0] | ((uint64_t)w[1] << 32);
    uint64_t q1 = (uint64_t)w[2] | ((uint64_t)w[3] << 32);
    uint64_t q2 = (uint64_t)w[4] | ((uint64_t)w[5] << 32);
    uint64_t q3 = (uint64_t)w[6] | ((uint64_t)w[7] << 32);

    h->v[0] = q0 & MASK51;
    h->v[1] = ((q0 >> 51) | (q1 << 13)) & MASK51;
    h->v[2] = ((q1 >> 38) | (q2 << 26)) & MASK51;
    h->v[3] = ((q2 >> 25) | (q3 << 39)) & MASK51;
    h->v[4] = (q3 >> 12) & MASK51;
}

/* One carry pass. Limbs below 2^63 in; out: limbs below 2^51 except limb
 * 1, which may exceed it by the last carry (below 2^13). */
static void carry(uint64_t t[5])
{
    t[1] += t[0] >> 51;
    t[0] &= MASK51;
    t[2] += t[1] >> 51;
    t[1] &= MASK51;
    t[3] += t[2] >> 51;
    t[2] &= MASK51;
    t[4] += t[3] >> 51;
    t[3] &= MASK51;
    t[0] += 19 * (t[4] >> 51);
    t[4] &= MASK51;
    t[1] += t[0] >> 51;
    t[0] &= MASK51;
}

/* see f25519_internal.h */
void tern_f25519_carry(tern_f25519 *h, const tern_f25519 *f)
{
    uint64_t t[5];
    int i;

    for (i = 0; i < 5; i++) {
        t[i] = f->v[i];
    }
    carry(t);
    for (i = 0; i < 5; i++) {
        h->v[i] = t[i];
    }
}

/* see f25519_internal.h */
void tern_f25519_tobytes(uint8_t s[32], const tern_f25519 *h)
{
    uint64_t t[5], q;
    int i;

    for (i = 0; i < 5; i++) {
        t[i] = h->v[i];
    }
    carry(t);
    /* Now t < 2^255 + 2^64 < 2p. q = floor((t + 19) / 2^255) is 1 exactly
     * when t >= p; computed limb by limb from the bottom. */
    q = (t[0] + 19) >> 51;
    q = (t[1] + q) >> 51;
    q = (t[2] + q) >> 51;
    q = (t[3] + q) >> 51;
    q = (t[4] + q) >> 51;
    /* t - q*p = t + 19q - q*2^255: add 19q, carry, drop bit 255. */
    t[0] += 19 * q;
    t[1] += t[0] >> 51;
    t[0] &= MASK51;
    t[2] += t[1] >> 51;
    t[1] &= MASK51;
    t[3] += t[2] >> 51;
    t[2] &= MASK51;
    t[4] += t[3] >> 51;
    t[3] &= MASK51;
    t[4] &= MASK51;

    tern_store_le64(s, t[0] | (t[1] << 51));
    tern_store_le64(s + 8, (t[1] >> 13) | (t[2] << 38));
    tern_store_le64(s + 16, (t[2] >> 26) | (t[3] << 25));
    tern_store_le64(s + 24, (t[3] >> 39) | (t[4] << 12));
}

/* Carries the five column sums into h (tight). */
static inline void reduce(tern_f25519 *h, u128 r0, u128 r1, u128 r2, u128 r3, u128 r4)
{
    uint64_t h0, h1, h2, h3, h4, c;

    r1 += (uint64_t)(r0 >> 51);
    h0 = (uint64_t)r0 & MASK51;
    r2 += (uint64_t)(r1 >> 51);
    h1 = (uint64_t)r1 & MASK51;
    r3 += (uint64_t)(r2 >> 51);
    h2 = (uint64_t)r2 & MASK51;
    r4 += (uint64_t)(r3 >> 51);
    h3 = (uint64_t)r3 & MASK51;
    c = (uint64_t)(r4 >> 51);
    h4 = (uint64_t)r4 & MASK51;
    h0 += 19 * c;
    h1 += h0 >> 51;
    h0 &= MASK51;

    h->v[0] = h0;
    h->v[1] = h1;
    h->v[2] = h2;
    h->v[3] = h3;
    h->v[4] = h4;
}

/* see f25519_internal.h */
void tern_f25519_mul(tern_f25519 *h, const tern_f25519 *f, const tern_f25519 *g)
{
    uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    uint64_t g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3], g4 = g->v[4];
    /* 2^255 = 19 (mod p): columns 5..8 fold onto 0..3 times 19. */
    uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
    u128 r0, r1, r2, r3, r4;

    r0 = (u128)f0 * g0 + (u128)f1 * g4_19 + (u128)f2 * g3_19 + (u128)f3 * g2_19 + (u128)f4 * g1_19;
    r1 = (u128)f0 * g1 + (u128)f1 * g0 + (u128)f2 * g4_19 + (u128)f3 * g3_19 + (u128)f4 * g2_19;
    r2 = (u128)f0 * g2 + (u128)f1 * g1 + (u128)f2 * g0 + (u128)f3 * g4_19 + (u128)f4 * g3_19;
    r3 = (u128)f0 * g3 + (u128)f1 * g2 + (u128)f2 * g1 + (u128)f3 * g0 + (u128)f4 * g4_19;
    r4 = (u128)f0 * g4 + (u128)f1 * g3 + (u128)f2 * g2 + (u128)f3 * g1 + (u128)f4 * g0;
    reduce(h, r0, r1, r2, r3, r4);
}

/* see f25519_internal.h */
void tern_f25519_sq(tern_f25519 *h, const tern_f25519 *f)
{
    uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    uint64_t f0_2 = 2 * f0, f1_2 = 2 * f1, f2_2 = 2 * f2;
    uint64_t f3_19 = 19 * f3, f4_19 = 19 * f4;
    u128 r0, r1, r2, r3, r4;

    r0 = (u128)f0 * f0 + (u128)f1_2 * f4_19 + (u128)f2_2 * f3_19;
    r1 = (u128)f0_2 * f1 + (u128)f2_2 * f4_19 + (u128)f3 * f3_19;
    r2 = (u128)f0_2 * f2 + (u128)f1 * f1 + (u128)(2 * f3) * f4_19;
    r3 = (u128)f0_2 * f3 + (u128)f1_2 * f2 + (u128)f4 * f4_19;
    r4 = (u128)f0_2 * f4 + (u128)f1_2 * f3 + (u128)f2 * f2;
    reduce(h, r0, r1, r2, r3, r4);
}

/* see f25519_internal.h */
void tern_f25519_mul_small(tern_f25519 *h, const tern_f25519 *f, uint32_t c)
{
    reduce(h, (u128)f->v[0] * c, (u128)f->v[1] * c, (u128)f->v[2] * c, (u128)f->v[3] * c,
           (u128)f->v[4] * c);
}

/* see f25519_internal.h */
void tern_f25519_cmov(tern_f25519 *f, const tern_f25519 *g, uint32_t b)
{
    uint64_t mask = (uint64_t)0 - (uint64_t)tern_ct_barrier(b);
    int i;

    for (i = 0; i < 5; i++) {
        f->v[i] ^= mask & (f->v[i] ^ g->v[i]);
    }
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_f25519_64_unused_;
#endif
