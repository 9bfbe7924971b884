/*
 * Poly1305 core for 32-bit targets (RFC 8439 2.5): radix 2^26.
 *
 * Implementation notes. h and r are five 26-bit limbs (limb i holds bits
 * 26i .. 26i+25), so every product of a limb of h (< 2^27 after adding a
 * block) by a limb of r or by 5 * a limb of r (< 2^29) stays below 2^56,
 * and a sum of five of them below 2^59: the multiply-accumulate is plain
 * uint32 x uint32 -> uint64, one UMULL/UMLAL each on a Cortex-M4. Limbs
 * that overflow past 2^130 wrap around times 5 (2^130 == 5 mod p), which
 * is why the upper products use 5*r. Carries are propagated once per
 * block; the final reduction is branch-free.
 *
 * Used when TERN_CONFIG_WORD_BITS == 32, and built everywhere so that the
 * unit tests run it on 64-bit hosts too.
 */
#include "tern/config.h"

#if TERN_CONFIG_CHACHA20

#include "common/endian_internal.h"
#include "crypto/chacha/chacha_internal.h"

#define M26 0x3ffffffu

/* see src/crypto/chacha/chacha_internal.h */
void tern_poly1305_32_init(uint32_t st[10], const uint8_t r[16])
{
    uint32_t t0 = tern_load_le32(r);
    uint32_t t1 = tern_load_le32(r + 4);
    uint32_t t2 = tern_load_le32(r + 8);
    uint32_t t3 = tern_load_le32(r + 12);
    unsigned i;

    /* Split into 26-bit limbs and clamp at once (RFC 8439 2.5: r &=
     * 0x0ffffffc0ffffffc0ffffffc0fffffff, shown here limb by limb). */
    st[0] = t0 & 0x3ffffffu;
    st[1] = ((t0 >> 26) | (t1 << 6)) & 0x3ffff03u;
    st[2] = ((t1 >> 20) | (t2 << 12)) & 0x3ffc0ffu;
    st[3] = ((t2 >> 14) | (t3 << 18)) & 0x3f03fffu;
    st[4] = (t3 >> 8) & 0x00fffffu;
    for (i = 5; i < 10; i++) {
        st[i] = 0;
    }
}

/* see src/crypto/chacha/chacha_internal.h */
void tern_poly1305_32_blocks(uint32_t st[10], const uint8_t *m, size_t nblocks, uint32_t hibit)
{
    const uint32_t r0 = st[0], r1 = st[1], r2 = st[2], r3 = st[3], r4 = st[4];
    const uint32_t s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;
    const uint32_t hi = hibit << 24; /* 2^128 is bit 24 of limb 4 */
    uint32_t h0 = st[5], h1 = st[6], h2 = st[7], h3 = st[8], h4 = st[9];

    while (nblocks > 0) {
        uint64_t d0, d1, d2, d3, d4;
        uint32_t c;

        h0 += tern_load_le32(m) & M26;
        h1 += (tern_load_le32(m + 3) >> 2) & M26;
        h2 += (tern_load_le32(m + 6) >> 4) & M26;
        h3 += (tern_load_le32(m + 9) >> 6) & M26;
        h4 += (tern_load_le32(m + 12) >> 8) | hi;

        d0 = (uint64_t)h0 * r0 + (uint64_t)h1 * s4 + (uint64_t)h2 * s3 + (uint64_t)h3 * s2 +
             (uint64_t)h4 * s1;
        d1 = (uint64_t)h0 * r1 + (uint64_t)h1 * r0 + (uint64_t)h2 * s4 + (uint64_t)h3 * s3 +
             (uint64_t)h4 * s2;
        d2 = (uint64_t)h0 * r2 + (uint64_t)h1 * r1 + (uint64_t)h2 * r0 + (uint64_t)h3 * s4 +
             (uint64_t)h4 * s3;
        d3 = (uint64_t)h0 * r3 + (uint64_t)h1 * r2 + (uint64_t)h2 * r1 + (uint64_t)h3 * r0 +
             (uint64_t)h4 * s4;
        d4 = (uint64_t)h0 * r4 + (uint64_t)h1 * r3 + (uint64_t)h2 * r2 + (uint64_t)h3 * r1 +
             (uint64_t)h4 * r0;

        c = (uint32_t)(d0 >> 26);
        h0 = (uint32_t)d0 & M26;
        d1 += c;
        c = (uint32_t)(d1 >> 26);
        h1 = (uint32_t)d1 & M26;
        d2 += c;
        c = (uint32_t)(d2 >> 26);
        h2 = (uint32_t)d2 & M26;
        d3 += c;
        c = (uint32_t)(d3 >> 26);
        h3 = (uint32_t)d3 & M26;
        d4 += c;
        c = (uint32_t)(d4 >> 26);
        h4 = (uint32_t)d4 & M26;
        h0 += c * 5;
        c = h0 >> 26;
        h0 &= M26;
        h1 += c;

        m += 16;
        nblocks--;
    }
    st[5] = h0;
    st[6] = h1;
    st[7] = h2;
    st[8] = h3;
    st[9] = h4;
}

/* see src/crypto/chacha/chacha_internal.h */
void tern_poly1305_32_finish(uint32_t st[10], const uint8_t s[16], uint8_t tag[16])
{
    uint32_t h0 = st[5], h1 = st[6], h2 = st[7], h3 = st[8], h4 = st[9];
    uint32_t g0, g1, g2, g3, g4, c, mask;
    uint64_t f;

    /* Carry fully: afterwards h0, h2, h3 < 2^26, h1 <= 2^26, h4 < 2^26. */
    c = h1 >> 26;
    h1 &= M26;
    h2 += c;
    c = h2 >> 26;
    h2 &= M26;
    h3 += c;
    c = h3 >> 26;
    h3 &= M26;
    h4 += c;
    c = h4 >> 26;
    h4 &= M26;
    h0 += c * 5;
    c = h0 >> 26;
    h0 &= M26;
    h1 += c;
    /* Once more from h1 without the wrap, so every limb but h4 is below
     * 2^26 (h4 may reach 2^26 only when h >= 2^130, and then g is used). */
    c = h1 >> 26;
    h1 &= M26;
    h2 += c;
    c = h2 >> 26;
    h2 &= M26;
    h3 += c;
    c = h3 >> 26;
    h3 &= M26;
    h4 += c;

    /* g = h + 5 - 2^130; if it does not go negative, h >= p and g is h
     * mod p. The sign bit of g4 makes the mask. */
    g0 = h0 + 5;
    c = g0 >> 26;
    g0 &= M26;
    g1 = h1 + c;
    c = g1 >> 26;
    g1 &= M26;
    g2 = h2 + c;
    c = g2 >> 26;
    g2 &= M26;
    g3 = h3 + c;
    c = g3 >> 26;
    g3 &= M26;
    g4 = h4 + c - (1u << 26);
    mask = (g4 >> 31) - 1u; /* all ones when g4 >= 0 (take g) */
    h0 = (h0 & ~mask) | (g0 & mask);
    h1 = (h1 & ~mask) | (g1 & mask);
    h2 = (h2 & ~mask) | (g2 & mask);
    h3 = (h3 & ~mask) | (g3 & mask);
    h4 = (h4 & ~mask) | (g4 & mask);

    /* Back to four 32-bit words (mod 2^128), then tag = h + s. */
    h0 = h0 | (h1 << 26);
    h1 = (h1 >> 6) | (h2 << 20);
    h2 = (h2 >> 12) | (h3 << 14);
    h3 = (h3 >> 18) | (h4 << 8);
    f = (uint64_t)h0 + tern_load_le32(s);
    tern_store_le32(tag, (uint32_t)f);
    f = (uint64_t)h1 + tern_load_le32(s + 4) + (f >> 32);
    tern_store_le32(tag + 4, (uint32_t)f);
    f = (uint64_t)h2 + tern_load_le32(s + 8) + (f >> 32);
    tern_store_le32(tag + 8, (uint32_t)f);
    f = (uint64_t)h3 + tern_load_le32(s + 12) + (f >> 32);
    tern_store_le32(tag + 12, (uint32_t)f);
}

#else
typedef int tern_poly1305_32_unused;
#endif /* TERN_CONFIG_CHACHA20 */
