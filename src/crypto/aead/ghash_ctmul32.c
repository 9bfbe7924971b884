/*
 * GHASH (NIST SP 800-38D, 6.4) in portable, constant-time C, on 32x32-bit
 * multiplies: the variant for 32-bit cores (ghash_ctmul64.c is the one for
 * 64-bit words).
 *
 * Implementation notes.
 *
 * Carry-less products from integer multiplies. Write a 32-bit x as
 * x0 + x1 + x2 + x3 where xi keeps only the bits at positions = i mod 4
 * (masks 0x11111111 << i). In the integer product xi * yj every partial
 * product lands on a position = i + j mod 4, and any one position sums at
 * most 8 partial products, so its count fits in 4 bits: the carries only
 * reach the three positions above, which belong to other residues. The
 * XOR of the four products with i + j = r (mod 4), masked to the positions
 * = r mod 4, is exactly residue class r of the carry-less product. Sixteen
 * 32x32->64 multiplies give one 64-bit carry-less product (bmul32).
 * Integer multiplication takes the same time for all operands on the
 * targets we care about (x86-64, and the single-cycle UMULL of the
 * Cortex-M4; not the early-terminating multiplier of the Cortex-M3).
 *
 * 128x128 bits: two levels of Karatsuba, 9 bmul32.
 *
 * Bit order. GCM numbers the bits of a block from the most significant
 * bit of byte 0, which is the coefficient of x^0. Loading a block as a
 * big-endian 128-bit integer therefore gives the bit-reversed polynomial,
 * and the integer carry-less product of two such values is the reversed
 * 255-bit polynomial product: one left shift makes it a 256-bit value with
 * x^k at bit 255 - k.
 *
 * Reduction modulo x^128 + x^7 + x^2 + x + 1. In words of 64 bits, W0
 * (most significant) holds x^0..x^63 and W3 holds x^192..x^255. Since
 * x^128 = x^7 + x^2 + x + 1, the coefficient of x^(128+k) adds into
 * x^k, x^(k+1), x^(k+2), x^(k+7); in reversed order "times x" is a shift
 * right. Folding W3 into W1 (and its spill into W2), then W2 into W0 (and
 * spill into W1), leaves the result in W0:W1.
 */
#include <string.h>

#include "common/endian_internal.h"
#include "tern/aead.h"
#include "tern/util.h"

#define M0 0x11111111u
#define M1 0x22222222u
#define M2 0x44444444u
#define M3 0x88888888u

/* Carry-less 32x32 -> 64 product. */
static uint64_t bmul32(uint32_t x, uint32_t y)
{
    uint64_t x0 = x & M0, x1 = x & M1, x2 = x & M2, x3 = x & M3;
    uint64_t y0 = y & M0, y1 = y & M1, y2 = y & M2, y3 = y & M3;
    uint64_t z0, z1, z2, z3;

    z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
    z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
    z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
    z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
    return (z0 & 0x1111111111111111u) | (z1 & 0x2222222222222222u) | (z2 & 0x4444444444444444u) |
           (z3 & 0x8888888888888888u);
}

/* Carry-less 64x64 -> 128 product (Karatsuba over bmul32). */
static void bmul64(uint64_t *hi, uint64_t *lo, uint64_t x, uint64_t y)
{
    uint32_t x0 = (uint32_t)x, x1 = (uint32_t)(x >> 32);
    uint32_t y0 = (uint32_t)y, y1 = (uint32_t)(y >> 32);
    uint64_t a = bmul32(x0, y0);
    uint64_t b = bmul32(x1, y1);
    uint64_t m = bmul32(x0 ^ x1, y0 ^ y1) ^ a ^ b;

    *lo = a ^ (m << 32);
    *hi = b ^ (m >> 32);
}

/* (y1:y0) <- (y1:y0) * (h1:h0) in GCM's field, halves as big-endian
 * 64-bit words (y1 from bytes 0..7). */
static void gf_mul(uint64_t *y1, uint64_t *y0, uint64_t h1, uint64_t h0)
{
    uint64_t l1, l0, k1, k0, m1, m0;
    uint64_t w0, w1, w2, w3;

    bmul64(&l1, &l0, *y0, h0);
    bmul64(&k1, &k0, *y1, h1);
    bmul64(&m1, &m0, *y0 ^ *y1, h0 ^ h1);
    m1 ^= l1 ^ k1;
    m0 ^= l0 ^ k0;

    /* 255-bit product, most significant word first, shifted left by 1 */
    w0 = k1;
    w1 = k0 ^ m1;
    w2 = l1 ^ m0;
    w3 = l0;
    w0 = (w0 << 1) | (w1 >> 63);
    w1 = (w1 << 1) | (w2 >> 63);
    w2 = (w2 << 1) | (w3 >> 63);
    w3 <<= 1;

    /* fold x^192..x^255, then x^128..x^191 */
    w1 ^= w3 ^ (w3 >> 1) ^ (w3 >> 2) ^ (w3 >> 7);
    w2 ^= (w3 << 63) ^ (w3 << 62) ^ (w3 << 57);
    w0 ^= w2 ^ (w2 >> 1) ^ (w2 >> 2) ^ (w2 >> 7);
    w1 ^= (w2 << 63) ^ (w2 << 62) ^ (w2 << 57);

    *y1 = w0;
    *y0 = w1;
}

/* see include/tern/aead.h */
void tern_ghash_ctmul32(uint8_t y[16], const uint8_t h[16], const void *data, size_t len)
{
    const uint8_t *p = (const uint8_t *)data;
    uint64_t y1 = tern_load_be64(y), y0 = tern_load_be64(y + 8);
    uint64_t h1 = tern_load_be64(h), h0 = tern_load_be64(h + 8);

    while (len >= 16) {
        y1 ^= tern_load_be64(p);
        y0 ^= tern_load_be64(p + 8);
        gf_mul(&y1, &y0, h1, h0);
        p += 16;
        len -= 16;
    }
    if (len > 0) {
        uint8_t last[16];
        memset(last, 0, sizeof(last));
        memcpy(last, p, len);
        y1 ^= tern_load_be64(last);
        y0 ^= tern_load_be64(last + 8);
        gf_mul(&y1, &y0, h1, h0);
        tern_wipe(last, sizeof(last));
    }
    tern_store_be64(y, y1);
    tern_store_be64(y + 8, y0);
}

#if TERN_CONFIG_WORD_BITS == 32
/* see include/tern/aead.h: the build's portable GHASH is this one */
void tern_ghash_ctmul(uint8_t y[16], const uint8_t h[16], const void *data, size_t len)
{
    tern_ghash_ctmul32(y, h, data, len);
}
#endif
