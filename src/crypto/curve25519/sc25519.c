/*
 * Arithmetic modulo L, the order of the edwards25519 base point.
 *
 * Reduction of a 512-bit x is Barrett's (Handbook of Applied Cryptography,
 * algorithm 14.42) with base b = 2^32 and k = 8 words:
 *
 *   q = floor(floor(x / b^7) * mu / b^9),  mu = floor(b^16 / L)
 *   r = (x - q L) mod b^9,  then 0 <= r < 3L
 *
 * followed by two masked subtractions of L. Everything runs over fixed
 * word counts; only the 0/1 borrow of the trial subtraction selects the
 * result, through a mask. 32x32->64-bit products only, so the same code
 * serves 32- and 64-bit targets.
 */
#include "tern/config.h"

#if TERN_CONFIG_ED25519

#include "common/ct_internal.h"
#include "common/endian_internal.h"
#include "crypto/curve25519/sc25519_internal.h"
#include "tern/util.h"

/* L, little-endian 32-bit words. */
static const uint32_t L_WORDS[8] = {0x5cf5d3ed, 0x5812631a, 0xa2f79cd6, 0x14def9de,
                                    0x00000000, 0x00000000, 0x00000000, 0x10000000};

/* mu = floor(2^512 / L), 260 bits, little-endian 32-bit words. */
static const uint32_t MU_WORDS[9] = {0x0a2c131b, 0xed9ce5a3, 0x086329a7, 0x2106215d, 0xffffffeb,
                                     0xffffffff, 0xffffffff, 0xffffffff, 0x0000000f};

/* out[0 .. na+nb-1] = a * b, schoolbook. */
static void mul_words(uint32_t *out, const uint32_t *a, unsigned na, const uint32_t *b, unsigned nb)
{
    unsigned i, j;

    for (i = 0; i < na + nb; i++) {
        out[i] = 0;
    }
    for (i = 0; i < na; i++) {
        uint64_t carry = 0;
        for (j = 0; j < nb; j++) {
            uint64_t t = (uint64_t)a[i] * b[j] + out[i + j] + carry;
            out[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
        out[i + nb] = (uint32_t)carry;
    }
}

/* r = r - L if r >= L (r has 9 words, value below 2^264). */
static void cond_sub_l(uint32_t r[9])
{
    uint32_t t[9];
    uint32_t borrow = 0, mask;
    unsigned i;

    for (i = 0; i < 9; i++) {
        uint64_t d = (uint64_t)r[i] - (i < 8 ? L_WORDS[i] : 0) - borrow;
        t[i] = (uint32_t)d;
        borrow = (uint32_t)(d >> 63);
    }
    /* No borrow: r >= L, keep the difference. */
    mask = (uint32_t)0 - tern_ct_not(borrow);
    for (i = 0; i < 9; i++) {
        r[i] ^= mask & (r[i] ^ t[i]);
    }
    tern_wipe(t, sizeof(t));
}

/* out = x mod L for a 16-word x. */
static void barrett(uint8_t out[32], const uint32_t x[16])
{
    uint32_t q2[18], r2[17], r[9];
    uint32_t borrow = 0;
    unsigned i;

    /* q1 = x / b^7 (words 7..15), q2 = q1 * mu, q3 = q2 / b^9. */
    mul_words(q2, x + 7, 9, MU_WORDS, 9);
    /* r2 = (q3 * L) mod b^9 */
    mul_words(r2, q2 + 9, 9, L_WORDS, 8);
    /* r = (x mod b^9) - r2, mod b^9 */
    for (i = 0; i < 9; i++) {
        uint64_t d = (uint64_t)x[i] - r2[i] - borrow;
        r[i] = (uint32_t)d;
        borrow = (uint32_t)(d >> 63);
    }
    cond_sub_l(r);
    cond_sub_l(r);
    for (i = 0; i < 8; i++) {
        tern_store_le32(out + 4 * i, r[i]);
    }
    tern_wipe(q2, sizeof(q2));
    tern_wipe(r2, sizeof(r2));
    tern_wipe(r, sizeof(r));
}

/* see sc25519_internal.h */
void tern_sc25519_reduce(uint8_t out[32], const uint8_t in[64])
{
    uint32_t x[16];
    unsigned i;

    for (i = 0; i < 16; i++) {
        x[i] = tern_load_le32(in + 4 * i);
    }
    barrett(out, x);
    tern_wipe(x, sizeof(x));
}

/* see sc25519_internal.h */
void tern_sc25519_muladd(uint8_t s[32], const uint8_t a[32], const uint8_t b[32],
                         const uint8_t c[32])
{
    uint32_t aw[8], bw[8], x[16];
    uint64_t carry = 0;
    unsigned i;

    for (i = 0; i < 8; i++) {
        aw[i] = tern_load_le32(a + 4 * i);
        bw[i] = tern_load_le32(b + 4 * i);
    }
    mul_words(x, aw, 8, bw, 8);
    /* a * b + c < (2^256 - 1)^2 + 2^256 < 2^512: no carry out of x. */
    for (i = 0; i < 16; i++) {
        carry += (uint64_t)x[i] + (i < 8 ? tern_load_le32(c + 4 * i) : 0);
        x[i] = (uint32_t)carry;
        carry >>= 32;
    }
    barrett(s, x);
    tern_wipe(aw, sizeof(aw));
    tern_wipe(bw, sizeof(bw));
    tern_wipe(x, sizeof(x));
}

/* see sc25519_internal.h */
uint32_t tern_sc25519_is_canonical(const uint8_t s[32])
{
    uint32_t borrow = 0;
    unsigned i;

    /* s < L exactly when s - L borrows. */
    for (i = 0; i < 8; i++) {
        uint64_t d = (uint64_t)tern_load_le32(s + 4 * i) - L_WORDS[i] - borrow;
        borrow = (uint32_t)(d >> 63);
    }
    return borrow;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_sc25519_unused_;
#endif
