/*
 * Poly1305 with AVX2 on x86-64: four blocks at a time, for long messages.
 *
 * Implementation notes. Poly1305 over blocks m1..mn is
 *     h' = h * r^n + m1 * r^n + m2 * r^(n-1) + ... + mn * r,
 * so with n = 4k the blocks can be split into four interleaved streams:
 * lane j (j = 0..3) accumulates blocks 4i + j + 1, multiplied by r^4 at
 * every step but the last, where each lane is multiplied by the power its
 * position needs instead (r^4, r^3, r^2, r). The incoming h joins lane 0.
 * The four lanes are then added and carried into one number.
 *
 * Each lane is a 64-bit element holding one 26-bit limb (radix 2^26, as
 * poly1305_32.c), so VPMULUDQ (32x32->64 per lane) does four limb
 * products at once: a step is 25 of them, a lazy carry chain that leaves
 * limbs a little above 2^26, and the message split into limbs. Bounds:
 * h limbs < 2^27 after adding a block, r^k limbs < 2^26 + 2^12 and
 * 5 * r^k limbs < 2^29, so each of the five products in a sum is < 2^56
 * and a sum < 2^59.
 *
 * Loading two 32-byte halves and interleaving their 64-bit words puts the
 * blocks in lanes in the order 0, 2, 1, 3 (the 128-bit halves of a YMM
 * register do not mix); the final powers follow that order.
 *
 * The state enters and leaves in the radix 2^64 form of poly1305_64.c
 * (h2 <= 4 on return), so the scalar core continues where this stops.
 * No branch or index depends on r, h or the message.
 */
#include "tern/config.h"

#if TERN_CONFIG_CHACHA20_X86 && TERN_CONFIG_WORD_BITS == 64

#include <immintrin.h>

#include "common/endian_internal.h"
#include "crypto/chacha/chacha_internal.h"

#define TERN_AVX2 __attribute__((target("avx2")))

#define M26 0x3ffffffu

__extension__ typedef unsigned __int128 u128;

/* a = a * b mod 2^130 - 5 on 26-bit limbs (a, b < 2^27 per limb); the
 * result has every limb below 2^26 except a[1] < 2^26 + 2^12. */
static void mul26(uint32_t a[5], const uint32_t b[5])
{
    const uint64_t b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
    const uint64_t s1 = b1 * 5, s2 = b2 * 5, s3 = b3 * 5, s4 = b4 * 5;
    const uint64_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    uint64_t d0 = a0 * b0 + a1 * s4 + a2 * s3 + a3 * s2 + a4 * s1;
    uint64_t d1 = a0 * b1 + a1 * b0 + a2 * s4 + a3 * s3 + a4 * s2;
    uint64_t d2 = a0 * b2 + a1 * b1 + a2 * b0 + a3 * s4 + a4 * s3;
    uint64_t d3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0 + a4 * s4;
    uint64_t d4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;

    d1 += d0 >> 26;
    d2 += d1 >> 26;
    d3 += d2 >> 26;
    d4 += d3 >> 26;
    d0 = (d0 & M26) + (d4 >> 26) * 5;
    a[0] = (uint32_t)d0 & M26;
    a[1] = ((uint32_t)d1 & M26) + (uint32_t)(d0 >> 26);
    a[2] = (uint32_t)d2 & M26;
    a[3] = (uint32_t)d3 & M26;
    a[4] = (uint32_t)d4 & M26;
}

/* Splits a 130-bit value given as 64-bit words (w0, w1, w2) into limbs. */
static void to26(uint32_t l[5], uint64_t w0, uint64_t w1, uint64_t w2)
{
    l[0] = (uint32_t)w0 & M26;
    l[1] = (uint32_t)(w0 >> 26) & M26;
    l[2] = (uint32_t)((w0 >> 52) | (w1 << 12)) & M26;
    l[3] = (uint32_t)(w1 >> 14) & M26;
    l[4] = (uint32_t)((w1 >> 40) | (w2 << 24));
}

#define MUL(a, b) _mm256_mul_epu32((a), (b))
#define ADD(a, b) _mm256_add_epi64((a), (b))

/* h_i = h_i * r^k lane by lane (r = r0..r4, s = 5 r1..5 r4), then a lazy
 * carry: every limb ends below 2^26 + 2^26/32 or so, enough for the next
 * step. */
#define MULR(h0, h1, h2, h3, h4, r0, r1, r2, r3, r4, s1, s2, s3, s4)                 \
    do {                                                                       \
        __m256i d0_ = ADD(ADD(ADD(ADD(MUL(h0, r0), MUL(h1, s4)), MUL(h2, s3)), MUL(h3, s2)), \
                          MUL(h4, s1));                                        \
        __m256i d1_ = ADD(ADD(ADD(ADD(MUL(h0, r1), MUL(h1, r0)), MUL(h2, s4)), MUL(h3, s3)), \
                          MUL(h4, s2));                                        \
        __m256i d2_ = ADD(ADD(ADD(ADD(MUL(h0, r2), MUL(h1, r1)), MUL(h2, r0)), MUL(h3, s4)), \
                          MUL(h4, s3));                                        \
        __m256i d3_ = ADD(ADD(ADD(ADD(MUL(h0, r3), MUL(h1, r2)), MUL(h2, r1)), MUL(h3, r0)), \
                          MUL(h4, s4));                                        \
        __m256i d4_ = ADD(ADD(ADD(ADD(MUL(h0, r4), MUL(h1, r3)), MUL(h2, r2)), MUL(h3, r1)), \
                          MUL(h4, r0));                                        \
        __m256i c_;                                                            \
        c_ = _mm256_srli_epi64(d0_, 26);                                       \
        d0_ = _mm256_and_si256(d0_, mask26);                                   \
        d1_ = ADD(d1_, c_);                                                    \
        c_ = _mm256_srli_epi64(d3_, 26);                                       \
        d3_ = _mm256_and_si256(d3_, mask26);                                   \
        d4_ = ADD(d4_, c_);                                                    \
        c_ = _mm256_srli_epi64(d1_, 26);                                       \
        d1_ = _mm256_and_si256(d1_, mask26);                                   \
        d2_ = ADD(d2_, c_);                                                    \
        c_ = _mm256_srli_epi64(d4_, 26);                                       \
        d4_ = _mm256_and_si256(d4_, mask26);                                   \
        d0_ = ADD(d0_, ADD(c_, _mm256_slli_epi64(c_, 2)));                     \
        c_ = _mm256_srli_epi64(d2_, 26);                                       \
        d2_ = _mm256_and_si256(d2_, mask26);                                   \
        d3_ = ADD(d3_, c_);                                                    \
        c_ = _mm256_srli_epi64(d0_, 26);                                       \
        d0_ = _mm256_and_si256(d0_, mask26);                                   \
        d1_ = ADD(d1_, c_);                                                    \
        c_ = _mm256_srli_epi64(d3_, 26);                                       \
        d3_ = _mm256_and_si256(d3_, mask26);                                   \
        d4_ = ADD(d4_, c_);                                                    \
        h0 = d0_;                                                              \
        h1 = d1_;                                                              \
        h2 = d2_;                                                              \
        h3 = d3_;                                                              \
        h4 = d4_;                                                              \
    } while (0)

/* h_i += the limbs of the four blocks at p (lanes: blocks 0, 2, 1, 3),
 * each with 2^128 added. */
#define ADD_BLOCKS(p)                                                          \
    do {                                                                       \
        __m256i a_ = _mm256_loadu_si256((const __m256i *)(const void *)(p));   \
        __m256i b_ = _mm256_loadu_si256((const __m256i *)(const void *)((p) + 32)); \
        __m256i lo_ = _mm256_unpacklo_epi64(a_, b_);                           \
        __m256i hi_ = _mm256_unpackhi_epi64(a_, b_);                           \
        h0 = ADD(h0, _mm256_and_si256(lo_, mask26));                           \
        h1 = ADD(h1, _mm256_and_si256(_mm256_srli_epi64(lo_, 26), mask26));    \
        h2 = ADD(h2, _mm256_and_si256(                                         \
                         _mm256_or_si256(_mm256_srli_epi64(lo_, 52), _mm256_slli_epi64(hi_, 12)), \
                         mask26));                                             \
        h3 = ADD(h3, _mm256_and_si256(_mm256_srli_epi64(hi_, 14), mask26));    \
        h4 = ADD(h4, _mm256_or_si256(_mm256_srli_epi64(hi_, 40), hibit));      \
    } while (0)

/* see src/crypto/chacha/chacha_internal.h */
TERN_AVX2 size_t tern_poly1305_64_blocks_avx2(uint64_t st[5], const uint8_t *m, size_t nblocks)
{
    const __m256i mask26 = _mm256_set1_epi64x(M26);
    const __m256i hibit = _mm256_set1_epi64x((int64_t)1 << 24);
    uint32_t p1[5], p2[5], p3[5], p4[5], hl[5];
    uint64_t sum[5][4];
    __m256i h0, h1, h2, h3, h4;
    __m256i r0, r1, r2, r3, r4, s1, s2, s3, s4;
    size_t steps = nblocks / 4, i;
    uint64_t l0, l1, l2, l3, l4;
    u128 t;

    if (steps == 0) {
        return 0;
    }
    /* r, r^2, r^3, r^4 in limbs */
    to26(p1, st[0], st[1], 0);
    for (i = 0; i < 5; i++) {
        p2[i] = p1[i];
    }
    mul26(p2, p1);
    for (i = 0; i < 5; i++) {
        p3[i] = p2[i];
    }
    mul26(p3, p1);
    for (i = 0; i < 5; i++) {
        p4[i] = p3[i];
    }
    mul26(p4, p1);

    /* lane 0 starts with h, the others with 0 */
    to26(hl, st[2], st[3], st[4]);
    h0 = _mm256_set_epi64x(0, 0, 0, hl[0]);
    h1 = _mm256_set_epi64x(0, 0, 0, hl[1]);
    h2 = _mm256_set_epi64x(0, 0, 0, hl[2]);
    h3 = _mm256_set_epi64x(0, 0, 0, hl[3]);
    h4 = _mm256_set_epi64x(0, 0, 0, hl[4]);

    r0 = _mm256_set1_epi64x(p4[0]);
    r1 = _mm256_set1_epi64x(p4[1]);
    r2 = _mm256_set1_epi64x(p4[2]);
    r3 = _mm256_set1_epi64x(p4[3]);
    r4 = _mm256_set1_epi64x(p4[4]);
    s1 = _mm256_set1_epi64x((int64_t)p4[1] * 5);
    s2 = _mm256_set1_epi64x((int64_t)p4[2] * 5);
    s3 = _mm256_set1_epi64x((int64_t)p4[3] * 5);
    s4 = _mm256_set1_epi64x((int64_t)p4[4] * 5);
    for (i = 0; i + 1 < steps; i++) {
        ADD_BLOCKS(m);
        MULR(h0, h1, h2, h3, h4, r0, r1, r2, r3, r4, s1, s2, s3, s4);
        m += 64;
    }

    /* last step: lanes (blocks 0, 2, 1, 3) take r^4, r^2, r^3, r */
#define LANES(k) _mm256_set_epi64x(p1[k], p3[k], p2[k], p4[k])
#define LANES5(k) _mm256_set_epi64x((int64_t)p1[k] * 5, (int64_t)p3[k] * 5, \
                                    (int64_t)p2[k] * 5, (int64_t)p4[k] * 5)
    r0 = LANES(0);
    r1 = LANES(1);
    r2 = LANES(2);
    r3 = LANES(3);
    r4 = LANES(4);
    s1 = LANES5(1);
    s2 = LANES5(2);
    s3 = LANES5(3);
    s4 = LANES5(4);
#undef LANES
#undef LANES5
    ADD_BLOCKS(m);
    MULR(h0, h1, h2, h3, h4, r0, r1, r2, r3, r4, s1, s2, s3, s4);

    /* add the lanes, carry, and go back to radix 2^64 */
    _mm256_storeu_si256((__m256i *)(void *)sum[0], h0);
    _mm256_storeu_si256((__m256i *)(void *)sum[1], h1);
    _mm256_storeu_si256((__m256i *)(void *)sum[2], h2);
    _mm256_storeu_si256((__m256i *)(void *)sum[3], h3);
    _mm256_storeu_si256((__m256i *)(void *)sum[4], h4);
    l0 = sum[0][0] + sum[0][1] + sum[0][2] + sum[0][3];
    l1 = sum[1][0] + sum[1][1] + sum[1][2] + sum[1][3];
    l2 = sum[2][0] + sum[2][1] + sum[2][2] + sum[2][3];
    l3 = sum[3][0] + sum[3][1] + sum[3][2] + sum[3][3];
    l4 = sum[4][0] + sum[4][1] + sum[4][2] + sum[4][3];
    l1 += l0 >> 26;
    l0 &= M26;
    l2 += l1 >> 26;
    l1 &= M26;
    l3 += l2 >> 26;
    l2 &= M26;
    l4 += l3 >> 26;
    l3 &= M26;
    l0 += (l4 >> 26) * 5;
    l4 &= M26;
    /* now h < 2^130 + 2^33: h2 <= 4 below */
    t = (u128)l0 + ((u128)l1 << 26) + ((u128)l2 << 52);
    st[2] = (uint64_t)t;
    t = (t >> 64) + ((u128)l3 << 14) + ((u128)l4 << 40);
    st[3] = (uint64_t)t;
    st[4] = (uint64_t)(t >> 64);
    _mm256_zeroupper();
    return 4 * steps;
}

#else
typedef int tern_poly1305_x86_unused;
#endif /* TERN_CONFIG_CHACHA20_X86 && TERN_CONFIG_WORD_BITS == 64 */
