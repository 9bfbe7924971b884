/*
 * Poly1305 core for 64-bit targets (RFC 8439 2.5): radix 2^64.
 *
 * Implementation notes. The accumulator is h = h0 + h1*2^64 + h2*2^128
 * (h2 stays below 8) and the clamped key r = r0 + r1*2^64. Clamping
 * leaves r1 divisible by 4, so with s1 = r1 + r1/4 = 5*r1/4,
 *     h1*r1*2^128 = h1*(r1/4)*2^130 == h1*s1   (mod 2^130 - 5)
 * and one block costs four 64x64->128 products plus two small ones:
 *     d0 = h0*r0 + h1*s1
 *     d1 = h0*r1 + h1*r0 + h2*s1
 *     d2 = h2*r0
 * After the carries, the bits of d2 above 2^130 are folded back times 5.
 * Additions are written on 64-bit words with explicit carries (x += y;
 * carry = x < y) and only the products are 128-bit: GCC 12 turns 128-bit
 * additions of zero-extended words into stack round trips.
 * Bounds: r0, r1 < 2^60 and s1 < 2^61, so d0, d1 < 2^126; h2 <= 4 after
 * each block and <= 6 after adding a block, so h2*s1 and d2 fit in 64
 * bits. The final reduction picks h or h - p with a mask, never a branch.
 *
 * unsigned __int128 is a GCC/Clang extension; config.h only allows
 * TERN_CONFIG_WORD_BITS == 64 where it exists.
 */
#include "tern/config.h"

#if TERN_CONFIG_CHACHA20 && TERN_CONFIG_WORD_BITS == 64

#include "common/endian_internal.h"
#include "crypto/chacha/chacha_internal.h"

__extension__ typedef unsigned __int128 u128;

/* see src/crypto/chacha/chacha_internal.h */
void tern_poly1305_64_init(uint64_t st[5], const uint8_t r[16])
{
    /* RFC 8439 2.5: r &= 0x0ffffffc0ffffffc0ffffffc0fffffff */
    st[0] = tern_load_le64(r) & 0x0ffffffc0fffffffu;
    st[1] = tern_load_le64(r + 8) & 0x0ffffffc0ffffffcu;
    st[2] = 0;
    st[3] = 0;
    st[4] = 0;
}

/* see src/crypto/chacha/chacha_internal.h */
void tern_poly1305_64_blocks(uint64_t st[5], const uint8_t *m, size_t nblocks, uint32_t hibit)
{
    const uint64_t r0 = st[0];
    const uint64_t r1 = st[1];
    const uint64_t s1 = r1 + (r1 >> 2);
    uint64_t h0 = st[2];
    uint64_t h1 = st[3];
    uint64_t h2 = st[4];

    while (nblocks > 0) {
        const uint64_t m0 = tern_load_le64(m);
        const uint64_t m1 = tern_load_le64(m + 8);
        uint64_t c, t, d0l, d0h, d1l, d1h, d2;
        u128 d0, d1;

        /* h += m + hibit * 2^128 */
        h0 += m0;
        c = h0 < m0;
        h1 += c;
        c = h1 < c;
        h1 += m1;
        c += h1 < m1;
        h2 += c + hibit;

        /* h *= r: the two 128-bit sums of products, then the small terms
         * and the carry from d0 into d1 and d2 */
        d0 = (u128)h0 * r0 + (u128)h1 * s1;
        d1 = (u128)h0 * r1 + (u128)h1 * r0;
        d0l = (uint64_t)d0;
        d0h = (uint64_t)(d0 >> 64);
        d1l = (uint64_t)d1;
        d1h = (uint64_t)(d1 >> 64);
        t = h2 * s1;
        d1l += t;
        d1h += d1l < t;
        d1l += d0h;
        d1h += d1l < d0h;
        d2 = h2 * r0 + d1h;

        /* fold 2^130 * (d2 >> 2) back as 5 * (d2 >> 2) */
        c = (d2 >> 2) + (d2 & ~(uint64_t)3);
        h2 = d2 & 3;
        h0 = d0l + c;
        c = h0 < c;
        h1 = d1l + c;
        h2 += h1 < c;

        m += 16;
        nblocks--;
    }
    st[2] = h0;
    st[3] = h1;
    st[4] = h2;
}

/* see src/crypto/chacha/chacha_internal.h */
void tern_poly1305_64_finish(uint64_t st[5], const uint8_t s[16], uint8_t tag[16])
{
    uint64_t h0 = st[2], h1 = st[3], h2 = st[4];
    uint64_t g0, g1, g2, mask;
    u128 t;

    /* h < 2^130 + 2^128 < 2p, so one conditional subtraction of
     * p = 2^130 - 5 reduces it: g = h + 5 - 2^130 is the answer exactly
     * when h + 5 reaches 2^130. */
    t = (u128)h0 + 5;
    g0 = (uint64_t)t;
    t = (u128)h1 + (uint64_t)(t >> 64);
    g1 = (uint64_t)t;
    g2 = h2 + (uint64_t)(t >> 64);
    mask = (uint64_t)0 - (g2 >> 2);
    h0 = (h0 & ~mask) | (g0 & mask);
    h1 = (h1 & ~mask) | (g1 & mask);

    /* tag = (h + s) mod 2^128 */
    t = (u128)h0 + tern_load_le64(s);
    h0 = (uint64_t)t;
    h1 = h1 + tern_load_le64(s + 8) + (uint64_t)(t >> 64);
    tern_store_le64(tag, h0);
    tern_store_le64(tag + 8, h1);
}

#else
typedef int tern_poly1305_64_unused;
#endif /* TERN_CONFIG_CHACHA20 && TERN_CONFIG_WORD_BITS == 64 */
