/*
 * Bitsliced AES on 64-bit words: four blocks at a time, constant-time.
 *
 * Implementation notes.
 *
 * State layout. Four blocks (64 bytes) are held in eight 64-bit words
 * q[0..7]; q[i] holds bit i of every byte. Within a word, the byte at
 * row r, column c (FIPS 197 state s[r,c], block byte r + 4c) of block k
 * sits at bit 16r + 4c + k. With rows in 16-bit lanes:
 *   - ShiftRows rotates each 16-bit lane by 4r bits (masks and shifts);
 *   - the neighbour rows that MixColumns needs are the word rotated by 16
 *     and 32 bits;
 *   - SubBytes is the S-box circuit applied to the eight words (64 S-boxes
 *     in parallel).
 *
 * Getting there. ortho() transposes 8x8 bit matrices: bit b of byte j of
 * word m trades places with bit m of byte j of word b. So a byte that
 * must end at bit p = 8j + m of every plane has to start as byte j of
 * word m, where m = p % 8 = 4(c % 2) + k and j = p / 8 = 2r + c / 2:
 * word k takes columns 0 and 2 of block k with their bytes interleaved
 * row by row, word 4 + k takes columns 1 and 3 (see load_blocks()).
 *
 * Round keys. In the state layout a round key, replicated in all four
 * block positions, has each 4-bit group (bits 16r + 4c + 0..3 of a plane)
 * all zeros or all ones: 16 bits of information per plane, 128 per round
 * key. The context keeps only that (compact form): bit 4j + i % 4 of word
 * i / 4 is group j of plane i, two 64-bit words per round key (240 bytes
 * for AES-256 instead of 960). Each encrypt or decrypt call expands all
 * round keys into the full eight-word form on the stack (a shift, a mask,
 * a shift and a subtraction per word; no table, no branch), runs every
 * block with them and wipes them: once per call, which for the CTR-based
 * modes is once per batch of counter blocks (see ctr32.c).
 *
 * Decryption runs the inverse cipher of FIPS 197 5.3 with the same round
 * keys; the inverse S-box is the forward circuit between two affine maps
 * (aes_ct_sbox_internal.h).
 */
#include "tern/config.h"

#if TERN_CONFIG_AES_CT && TERN_CONFIG_WORD_BITS == 64

#include <string.h>

#include "common/endian_internal.h"
#include "crypto/cipher/aes_internal.h"
#include "tern/cipher.h"
#include "tern/util.h"

#define AES_CT_WORD uint64_t
#include "crypto/cipher/aes_ct_sbox_internal.h"

/* Exchanges the bits selected by cl in x with the bits selected by ch in y
 * (ch == cl << s). */
#define SWAPN(cl, ch, s, x, y)                                                                     \
    do {                                                                                           \
        uint64_t a_ = (x), b_ = (y);                                                               \
        (x) = (a_ & (uint64_t)(cl)) | ((b_ & (uint64_t)(cl)) << (s));                              \
        (y) = ((a_ & (uint64_t)(ch)) >> (s)) | (b_ & (uint64_t)(ch));                              \
    } while (0)

#define SWAP2(x, y) SWAPN(0x5555555555555555u, 0xAAAAAAAAAAAAAAAAu, 1, x, y)
#define SWAP4(x, y) SWAPN(0x3333333333333333u, 0xCCCCCCCCCCCCCCCCu, 2, x, y)
#define SWAP8(x, y) SWAPN(0x0F0F0F0F0F0F0F0Fu, 0xF0F0F0F0F0F0F0F0u, 4, x, y)

/* Transposes the eight 8x8 bit matrices formed by byte j of q[0..7]. Its
 * own inverse. */
static void ortho(uint64_t *q)
{
    SWAP2(q[0], q[1]);
    SWAP2(q[2], q[3]);
    SWAP2(q[4], q[5]);
    SWAP2(q[6], q[7]);

    SWAP4(q[0], q[2]);
    SWAP4(q[1], q[3]);
    SWAP4(q[4], q[6]);
    SWAP4(q[5], q[7]);

    SWAP8(q[0], q[4]);
    SWAP8(q[1], q[5]);
    SWAP8(q[2], q[6]);
    SWAP8(q[3], q[7]);
}

/* Byte r of w moves to bits 16r..16r+7. */
static uint64_t spread(uint32_t w)
{
    uint64_t x = w;
    x = (x | (x << 16)) & 0x0000FFFF0000FFFFu;
    x = (x | (x << 8)) & 0x00FF00FF00FF00FFu;
    return x;
}

static uint32_t unspread(uint64_t x)
{
    x &= 0x00FF00FF00FF00FFu;
    x = (x | (x >> 8)) & 0x0000FFFF0000FFFFu;
    return (uint32_t)(x | (x >> 16));
}

/* Places block k, given as its four little-endian column words, into
 * q[k] and q[4 + k] (before ortho). */
static void interleave_in(uint64_t *q, unsigned k, const uint32_t *w)
{
    q[k] = spread(w[0]) | (spread(w[2]) << 8);
    q[4 + k] = spread(w[1]) | (spread(w[3]) << 8);
}

static void interleave_out(uint32_t *w, const uint64_t *q, unsigned k)
{
    w[0] = unspread(q[k]);
    w[2] = unspread(q[k] >> 8);
    w[1] = unspread(q[4 + k]);
    w[3] = unspread(q[4 + k] >> 8);
}

static void load_blocks(uint64_t *q, const uint8_t *in)
{
    unsigned k, c;
    for (k = 0; k < 4; k++) {
        uint32_t w[4];
        for (c = 0; c < 4; c++) {
            w[c] = tern_load_le32(in + 16 * k + 4 * c);
        }
        interleave_in(q, k, w);
    }
    ortho(q);
}

static void store_blocks(uint8_t *out, uint64_t *q)
{
    unsigned k, c;
    ortho(q);
    for (k = 0; k < 4; k++) {
        uint32_t w[4];
        interleave_out(w, q, k);
        for (c = 0; c < 4; c++) {
            tern_store_le32(out + 16 * k + 4 * c, w[c]);
        }
    }
}

static uint32_t sub_word(uint32_t x)
{
    uint64_t q[8];
    memset(q, 0, sizeof(q));
    q[0] = x;
    ortho(q);
    sbox(q);
    ortho(q);
    x = (uint32_t)q[0];
    tern_wipe(q, sizeof(q));
    return x;
}

static void add_round_key(uint64_t *q, const uint64_t *sk)
{
    unsigned i;
    for (i = 0; i < 8; i++) {
        q[i] ^= sk[i];
    }
}

/* Row r rotates left by r columns: new (r, c) = old (r, c + r). */
static void shift_rows(uint64_t *q)
{
    unsigned i;
    for (i = 0; i < 8; i++) {
        uint64_t x = q[i];
        q[i] = (x & 0x000000000000FFFFu) | ((x & 0x00000000FFF00000u) >> 4) |
               ((x & 0x00000000000F0000u) << 12) | ((x & 0x0000FF0000000000u) >> 8) |
               ((x & 0x000000FF00000000u) << 8) | ((x & 0xF000000000000000u) >> 12) |
               ((x & 0x0FFF000000000000u) << 4);
    }
}

/* new (r, c) = old (r, c - r) */
static void inv_shift_rows(uint64_t *q)
{
    unsigned i;
    for (i = 0; i < 8; i++) {
        uint64_t x = q[i];
        q[i] = (x & 0x000000000000FFFFu) | ((x & 0x000000000FFF0000u) << 4) |
               ((x & 0x00000000F0000000u) >> 12) | ((x & 0x0000FF0000000000u) >> 8) |
               ((x & 0x000000FF00000000u) << 8) | ((x & 0xFFF0000000000000u) >> 4) |
               ((x & 0x000F000000000000u) << 12);
    }
}

static uint64_t rotr16(uint64_t x)
{
    return (x >> 16) | (x << 48);
}

static uint64_t rotr32(uint64_t x)
{
    return (x >> 32) | (x << 32);
}

/* Each output row is 2a ^ 3b ^ c ^ d with a the row itself and b, c, d
 * the next rows of the column: 2(a ^ b) ^ b ^ (c ^ d), where c ^ d is
 * a ^ b rotated by two rows. Doubling in GF(2^8) on bit planes: shift the
 * planes up by one and fold bit 7 back in as 0x1b (bits 0, 1, 3, 4). */
static void mix_columns(uint64_t *q)
{
    uint64_t b[8], t[8];
    unsigned i;

    for (i = 0; i < 8; i++) {
        b[i] = rotr16(q[i]);
        t[i] = q[i] ^ b[i];
    }
    q[0] = t[7] ^ b[0] ^ rotr32(t[0]);
    q[1] = t[0] ^ t[7] ^ b[1] ^ rotr32(t[1]);
    q[2] = t[1] ^ b[2] ^ rotr32(t[2]);
    q[3] = t[2] ^ t[7] ^ b[3] ^ rotr32(t[3]);
    q[4] = t[3] ^ t[7] ^ b[4] ^ rotr32(t[4]);
    q[5] = t[4] ^ b[5] ^ rotr32(t[5]);
    q[6] = t[5] ^ b[6] ^ rotr32(t[6]);
    q[7] = t[6] ^ b[7] ^ rotr32(t[7]);
}

/* The InvMixColumns matrix (14 11 13 9) is the MixColumns matrix (2 3 1 1)
 * times (5 0 4 0): first u = a ^ 4(a ^ c) with c two rows down, then
 * MixColumns. Times 4 on bit planes is two doublings (see mix_columns). */
static void inv_mix_columns(uint64_t *q)
{
    uint64_t d[8];
    unsigned i;

    for (i = 0; i < 8; i++) {
        d[i] = q[i] ^ rotr32(q[i]);
    }
    q[0] ^= d[6];
    q[1] ^= d[6] ^ d[7];
    q[2] ^= d[0] ^ d[7];
    q[3] ^= d[1] ^ d[6];
    q[4] ^= d[2] ^ d[6] ^ d[7];
    q[5] ^= d[3] ^ d[7];
    q[6] ^= d[4];
    q[7] ^= d[5];
    mix_columns(q);
}

/* Bits 4j of a plane, i.e. block position 0 of each byte. */
#define LANE0 0x1111111111111111u

/* Round key in the state layout (8 words, replicated in the four block
 * positions) to the compact form: planes 4h..4h+3 in word h, plane i at
 * bits 4j + i % 4. */
static void compress_round_key(uint64_t *ck, const uint64_t *sk)
{
    unsigned h;
    for (h = 0; h < 2; h++) {
        const uint64_t *p = sk + 4 * h;
        ck[h] =
            (p[0] & LANE0) | (p[1] & (LANE0 << 1)) | (p[2] & (LANE0 << 2)) | (p[3] & (LANE0 << 3));
    }
}

/* The inverse: nr + 1 compact round keys into 8 * (nr + 1) words. A
 * plane's bits sit alone in their 4-bit groups (x has only bits 4j), so
 * (x << 4) - x fills each group with copies of its bit, without carries
 * between groups. */
static void expand_round_keys(uint64_t *sk, const uint64_t *ck, unsigned nr)
{
    unsigned n = 2 * (nr + 1), h;
    for (h = 0; h < n; h++) {
        uint64_t c = ck[h];
        uint64_t x0 = c & LANE0, x1 = (c >> 1) & LANE0;
        uint64_t x2 = (c >> 2) & LANE0, x3 = (c >> 3) & LANE0;
        uint64_t *p = sk + 4 * h;
        p[0] = (x0 << 4) - x0;
        p[1] = (x1 << 4) - x1;
        p[2] = (x2 << 4) - x2;
        p[3] = (x3 << 4) - x3;
    }
}

static void encrypt4(const uint64_t *sk, unsigned nr, uint64_t *q)
{
    unsigned r;
    add_round_key(q, sk);
    for (r = 1; r < nr; r++) {
        sbox(q);
        shift_rows(q);
        mix_columns(q);
        add_round_key(q, sk + 8 * r);
    }
    sbox(q);
    shift_rows(q);
    add_round_key(q, sk + 8 * nr);
}

static void decrypt4(const uint64_t *sk, unsigned nr, uint64_t *q)
{
    unsigned r;
    add_round_key(q, sk + 8 * nr);
    for (r = nr - 1; r > 0; r--) {
        inv_shift_rows(q);
        inv_sbox(q);
        add_round_key(q, sk + 8 * r);
        inv_mix_columns(q);
    }
    inv_shift_rows(q);
    inv_sbox(q);
    add_round_key(q, sk);
}

static int init_with(const tern_block_class *cls, const tern_block_class **ctx, const uint8_t *key,
                     size_t key_len)
{
    tern_aes_ct64_ctx *c = (tern_aes_ct64_ctx *)(void *)ctx;
    uint32_t w[TERN_AES_MAX_WORDS];
    uint64_t q[8];
    unsigned nr, r, k;

    nr = tern_aes_expand_key(w, key, key_len, sub_word);
    if (nr == 0) {
        return TERN_ERR_BAD_LENGTH;
    }
    for (r = 0; r <= nr; r++) {
        for (k = 0; k < 4; k++) {
            interleave_in(q, k, w + 4 * r);
        }
        ortho(q);
        compress_round_key(c->sk + 2 * r, q);
    }
    c->nrounds = nr;
    c->vtable = cls;
    tern_wipe(w, sizeof(w));
    tern_wipe(q, sizeof(q));
    return TERN_OK;
}

static int aes_ct64_init(const tern_block_class **ctx, const uint8_t *key, size_t key_len)
{
    return init_with(&tern_aes_ct64_class, ctx, key, key_len);
}

/* Expands the round keys, then runs fn over n blocks, four at a time; a
 * short tail goes through a zero-padded buffer. */
static void run(const tern_aes_ct64_ctx *c, uint8_t *blocks, size_t n,
                void (*fn)(const uint64_t *, unsigned, uint64_t *))
{
    uint64_t sk[8 * 15];
    uint64_t q[8];
    unsigned nr = c->nrounds;

    expand_round_keys(sk, c->sk, nr);
    while (n >= 4) {
        load_blocks(q, blocks);
        fn(sk, nr, q);
        store_blocks(blocks, q);
        blocks += 64;
        n -= 4;
    }
    if (n > 0) {
        uint8_t tmp[64];
        memset(tmp, 0, sizeof(tmp));
        memcpy(tmp, blocks, 16 * n);
        load_blocks(q, tmp);
        fn(sk, nr, q);
        store_blocks(tmp, q);
        memcpy(blocks, tmp, 16 * n);
        tern_wipe(tmp, sizeof(tmp));
    }
    tern_wipe(q, sizeof(q));
    tern_wipe(sk, 8 * (nr + 1) * sizeof(sk[0]));
}

static void aes_ct64_encrypt(const tern_block_class *const *ctx, uint8_t *blocks, size_t nblocks)
{
    run((const tern_aes_ct64_ctx *)(const void *)ctx, blocks, nblocks, encrypt4);
}

static void aes_ct64_decrypt(const tern_block_class *const *ctx, uint8_t *blocks, size_t nblocks)
{
    run((const tern_aes_ct64_ctx *)(const void *)ctx, blocks, nblocks, decrypt4);
}

/* see include/tern/cipher.h */
const tern_block_class tern_aes_ct64_class = {
    "AES (bitsliced, 64-bit)",
    16,
    TERN_BLOCK_CONSTANT_TIME,
    (uint16_t)sizeof(tern_aes_ct64_ctx),
    aes_ct64_init,
    aes_ct64_encrypt,
    aes_ct64_decrypt,
};

static int aes_ct_init(const tern_block_class **ctx, const uint8_t *key, size_t key_len)
{
    return init_with(&tern_aes_ct_class, ctx, key, key_len);
}

/* see include/tern/cipher.h: the build's bitsliced AES is this one */
const tern_block_class tern_aes_ct_class = {
    "AES (bitsliced, 64-bit)",
    16,
    TERN_BLOCK_CONSTANT_TIME,
    (uint16_t)sizeof(tern_aes_ct64_ctx),
    aes_ct_init,
    aes_ct64_encrypt,
    aes_ct64_decrypt,
};

static int aes_ct_enc_init(const tern_block_class **ctx, const uint8_t *key, size_t key_len)
{
    return init_with(&tern_aes_ct_enc_class, ctx, key, key_len);
}

/* see include/tern/cipher.h: nothing here refers to decrypt4, so with
 * --gc-sections a program using only this class drops the inverse cipher */
const tern_block_class tern_aes_ct_enc_class = {
    "AES (bitsliced, 64-bit, encrypt only)",
    16,
    TERN_BLOCK_CONSTANT_TIME | TERN_BLOCK_ENCRYPT_ONLY,
    (uint16_t)sizeof(tern_aes_ct64_ctx),
    aes_ct_enc_init,
    aes_ct64_encrypt,
    NULL,
};

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_aes_ct64_unused_;
#endif
