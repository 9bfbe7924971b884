/*
 * GHASH (NIST SP 800-38D, 6.4) in portable, constant-time C, on 64x64-bit
 * multiplies: the variant for 64-bit words (ghash_ctmul32.c explains the
 * bit order and the reduction, which are the same here).
 *
 * Implementation notes.
 *
 * Low half of a 64x64 carry-less product: the operands are split into
 * four parts with their bits at positions = i mod 4 (masks
 * 0x1111111111111111 << i), multiplied as integers, and the residue
 * classes recombined, as in the 32-bit variant. A position n below 64
 * sums at most n/4 + 1 <= 16 partial products; up to position 59 the
 * count is at most 15 and stays within its 4-bit slot, and the counts of
 * 16 at positions 60..63 only carry beyond bit 63, which the 64-bit
 * multiply discards. So the low 64 bits are exact.
 *
 * High half: with rev() reversing 64 bits, rev(x) * rev(y) (carry-less)
 * is the 127-bit product reversed, so rev(low64(rev(x) * rev(y))) is the
 * product shifted right by 63, and one more shift gives the high half.
 * The reversed hash key is computed once per call.
 *
 * 128x128 bits: Karatsuba, 3 products, i.e. 6 of the 64-bit halves.
 */
#include "tern/config.h"

#if TERN_CONFIG_WORD_BITS == 64

#include <string.h>

#include "common/endian_internal.h"
#include "tern/aead.h"
#include "tern/util.h"

#define M0 0x1111111111111111u
#define M1 0x2222222222222222u
#define M2 0x4444444444444444u
#define M3 0x8888888888888888u

/* Low 64 bits of the carry-less product of x and y. */
static uint64_t bmul64(uint64_t x, uint64_t y)
{
    uint64_t x0 = x & M0, x1 = x & M1, x2 = x & M2, x3 = x & M3;
    uint64_t y0 = y & M0, y1 = y & M1, y2 = y & M2, y3 = y & M3;
    uint64_t z0, z1, z2, z3;

    z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
    z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
    z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
    z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
    return (z0 & M0) | (z1 & M1) | (z2 & M2) | (z3 & M3);
}

static uint64_t rev64(uint64_t x)
{
    x = ((x & 0x5555555555555555u) << 1) | ((x >> 1) & 0x5555555555555555u);
    x = ((x & 0x3333333333333333u) << 2) | ((x >> 2) & 0x3333333333333333u);
    x = ((x & 0x0F0F0F0F0F0F0F0Fu) << 4) | ((x >> 4) & 0x0F0F0F0F0F0F0F0Fu);
    x = ((x & 0x00FF00FF00FF00FFu) << 8) | ((x >> 8) & 0x00FF00FF00FF00FFu);
    x = ((x & 0x0000FFFF0000FFFFu) << 16) | ((x >> 16) & 0x0000FFFF0000FFFFu);
    return (x << 32) | (x >> 32);
}

/* The hash key in the forms the products need. */
typedef struct hkey {
    uint64_t h0, h1, h2;    /* low half, high half, their XOR */
    uint64_t h0r, h1r, h2r; /* the same, bit-reversed */
} hkey;

/* (y1:y0) <- (y1:y0) * H (halves as big-endian 64-bit words). */
static void gf_mul(uint64_t *y1, uint64_t *y0, const hkey *k)
{
    uint64_t y0r = rev64(*y0), y1r = rev64(*y1), y2 = *y0 ^ *y1, y2r = y0r ^ y1r;
    uint64_t l0, l1, k0, k1, m0, m1, w0, w1, w2, w3;

    l0 = bmul64(*y0, k->h0);
    l1 = rev64(bmul64(y0r, k->h0r)) >> 1;
    k0 = bmul64(*y1, k->h1);
    k1 = rev64(bmul64(y1r, k->h1r)) >> 1;
    m0 = bmul64(y2, k->h2) ^ l0 ^ k0;
    m1 = (rev64(bmul64(y2r, k->h2r)) >> 1) ^ l1 ^ k1;

    /* 255-bit product, most significant word first, shifted left by 1 */
    w0 = k1;
    w1 = k0 ^ m1;
    w2 = l1 ^ m0;
    w3 = l0;
    w0 = (w0 << 1) | (w1 >> 63);
    w1 = (w1 << 1) | (w2 >> 63);
    w2 = (w2 << 1) | (w3 >> 63);
    w3 <<= 1;

    /* fold x^192..x^255, then x^128..x^191 (see ghash_ctmul32.c) */
    w1 ^= w3 ^ (w3 >> 1) ^ (w3 >> 2) ^ (w3 >> 7);
    w2 ^= (w3 << 63) ^ (w3 << 62) ^ (w3 << 57);
    w0 ^= w2 ^ (w2 >> 1) ^ (w2 >> 2) ^ (w2 >> 7);
    w1 ^= (w2 << 63) ^ (w2 << 62) ^ (w2 << 57);

    *y1 = w0;
    *y0 = w1;
}

/* see include/tern/aead.h */
void tern_ghash_ctmul64(uint8_t y[16], const uint8_t h[16], const void *data, size_t len)
{
    const uint8_t *p = (const uint8_t *)data;
    uint64_t y1 = tern_load_be64(y), y0 = tern_load_be64(y + 8);
    hkey k;

    k.h1 = tern_load_be64(h);
    k.h0 = tern_load_be64(h + 8);
    k.h2 = k.h0 ^ k.h1;
    k.h0r = rev64(k.h0);
    k.h1r = rev64(k.h1);
    k.h2r = k.h0r ^ k.h1r;
    while (len >= 16) {
        y1 ^= tern_load_be64(p);
        y0 ^= tern_load_be64(p + 8);
        gf_mul(&y1, &y0, &k);
        p += 16;
        len -= 16;
    }
    if (len > 0) {
        uint8_t last[16];
        memset(last, 0, sizeof(last));
        memcpy(last, p, len);
        y1 ^= tern_load_be64(last);
        y0 ^= tern_load_be64(last + 8);
        gf_mul(&y1, &y0, &k);
        tern_wipe(last, sizeof(last));
    }
    tern_store_be64(y, y1);
    tern_store_be64(y + 8, y0);
    tern_wipe(&k, sizeof(k));
}

/* see include/tern/aead.h: the build's portable GHASH is this one */
void tern_ghash_ctmul(uint8_t y[16], const uint8_t h[16], const void *data, size_t len)
{
    tern_ghash_ctmul64(y, h, data, len);
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ghash_ctmul64_unused_;
#endif
