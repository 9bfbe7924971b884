/*
 * Bitsliced AES on 32-bit words: two blocks at a time, constant-time.
 * The small variant, meant for 32-bit cores such as the Cortex-M4.
 *
 * Implementation notes (compare aes_ct64.c, which is the same design on
 * words twice as wide).
 *
 * State layout. Two blocks (32 bytes) are held in eight 32-bit words
 * q[0..7]; q[i] holds bit i of every byte. The byte at row r, column c of
 * block k sits at bit 8r + 2c + k, so each row is an 8-bit lane:
 * ShiftRows rotates lane r by 2r bits, and MixColumns finds the next rows
 * of a column in the word rotated by 8, 16 and 24 bits.
 *
 * ortho() swaps bit b of byte j of word m with bit m of byte j of word b,
 * so a byte bound for bit 8j + m of the planes starts as byte j of word
 * m: with j = r and m = 2c + k, word 2c + k is simply column c of block k
 * loaded little-endian. No interleaving step is needed.
 *
 * Round keys are kept in compact form, as in aes_ct64.c: a round key in
 * both block positions has bits 2j and 2j + 1 of every plane equal, so
 * planes 2h and 2h + 1 share word h (bits 2j + i % 2 for plane i), four
 * words per round key. Each call expands them on the stack (two shifts
 * and masks per word) and wipes them afterwards.
 */
#include "tern/config.h"

#if TERN_CONFIG_AES_CT

#include <string.h>

#include "common/endian_internal.h"
#include "crypto/cipher/aes_internal.h"
#include "tern/cipher.h"
#include "tern/util.h"

#define AES_CT_WORD uint32_t
#include "crypto/cipher/aes_ct_sbox_internal.h"

#define SWAPN(cl, ch, s, x, y)                                                                     \
    do {                                                                                           \
        uint32_t a_ = (x), b_ = (y);                                                               \
        (x) = (a_ & (uint32_t)(cl)) | ((b_ & (uint32_t)(cl)) << (s));                              \
        (y) = ((a_ & (uint32_t)(ch)) >> (s)) | (b_ & (uint32_t)(ch));                              \
    } while (0)

#define SWAP2(x, y) SWAPN(0x55555555u, 0xAAAAAAAAu, 1, x, y)
#define SWAP4(x, y) SWAPN(0x33333333u, 0xCCCCCCCCu, 2, x, y)
#define SWAP8(x, y) SWAPN(0x0F0F0F0Fu, 0xF0F0F0F0u, 4, x, y)

/* Transposes the four 8x8 bit matrices formed by byte j of q[0..7]. Its
 * own inverse. */
static void ortho(uint32_t *q)
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

static void load_blocks(uint32_t *q, const uint8_t *in)
{
    unsigned k, c;
    for (k = 0; k < 2; k++) {
        for (c = 0; c < 4; c++) {
            q[2 * c + k] = tern_load_le32(in + 16 * k + 4 * c);
        }
    }
    ortho(q);
}

static void store_blocks(uint8_t *out, uint32_t *q)
{
    unsigned k, c;
    ortho(q);
    for (k = 0; k < 2; k++) {
        for (c = 0; c < 4; c++) {
            tern_store_le32(out + 16 * k + 4 * c, q[2 * c + k]);
        }
    }
}

static uint32_t sub_word(uint32_t x)
{
    uint32_t q[8];
    memset(q, 0, sizeof(q));
    q[0] = x;
    ortho(q);
    sbox(q);
    ortho(q);
    x = q[0];
    tern_wipe(q, sizeof(q));
    return x;
}

static void add_round_key(uint32_t *q, const uint32_t *sk)
{
    unsigned i;
    for (i = 0; i < 8; i++) {
        q[i] ^= sk[i];
    }
}

/* new (r, c) = old (r, c + r) */
static void shift_rows(uint32_t *q)
{
    unsigned i;
    for (i = 0; i < 8; i++) {
        uint32_t x = q[i];
        q[i] = (x & 0x000000FFu) | ((x & 0x0000FC00u) >> 2) | ((x & 0x00000300u) << 6) |
               ((x & 0x00F00000u) >> 4) | ((x & 0x000F0000u) << 4) | ((x & 0xC0000000u) >> 6) |
               ((x & 0x3F000000u) << 2);
    }
}

/* new (r, c) = old (r, c - r) */
static void inv_shift_rows(uint32_t *q)
{
    unsigned i;
    for (i = 0; i < 8; i++) {
        uint32_t x = q[i];
        q[i] = (x & 0x000000FFu) | ((x & 0x00003F00u) << 2) | ((x & 0x0000C000u) >> 6) |
               ((x & 0x00F00000u) >> 4) | ((x & 0x000F0000u) << 4) | ((x & 0xFC000000u) >> 2) |
               ((x & 0x03000000u) << 6);
    }
}

static uint32_t rotr8(uint32_t x)
{
    return (x >> 8) | (x << 24);
}

static uint32_t rotr16(uint32_t x)
{
    return (x >> 16) | (x << 16);
}

/* 2(a ^ b) ^ b ^ (c ^ d): see aes_ct64.c. */
static void mix_columns(uint32_t *q)
{
    uint32_t b[8], t[8];
    unsigned i;

    for (i = 0; i < 8; i++) {
        b[i] = rotr8(q[i]);
        t[i] = q[i] ^ b[i];
    }
    q[0] = t[7] ^ b[0] ^ rotr16(t[0]);
    q[1] = t[0] ^ t[7] ^ b[1] ^ rotr16(t[1]);
    q[2] = t[1] ^ b[2] ^ rotr16(t[2]);
    q[3] = t[2] ^ t[7] ^ b[3] ^ rotr16(t[3]);
    q[4] = t[3] ^ t[7] ^ b[4] ^ rotr16(t[4]);
    q[5] = t[4] ^ b[5] ^ rotr16(t[5]);
    q[6] = t[5] ^ b[6] ^ rotr16(t[6]);
    q[7] = t[6] ^ b[7] ^ rotr16(t[7]);
}

/* (14 11 13 9) = (2 3 1 1)(5 0 4 0): see aes_ct64.c. */
static void inv_mix_columns(uint32_t *q)
{
    uint32_t d[8];
    unsigned i;

    for (i = 0; i < 8; i++) {
        d[i] = q[i] ^ rotr16(q[i]);
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

/* Bits 2j of a plane, i.e. block position 0 of each byte. */
#define LANE0 0x55555555u

/* Round key in the state layout (8 words, both block positions) to the
 * compact form: planes 2h and 2h + 1 in word h, plane i at bits
 * 2j + i % 2. */
static void compress_round_key(uint32_t *ck, const uint32_t *sk)
{
    unsigned h;
    for (h = 0; h < 4; h++) {
        ck[h] = (sk[2 * h] & LANE0) | (sk[2 * h + 1] & (LANE0 << 1));
    }
}

/* The inverse: nr + 1 compact round keys into 8 * (nr + 1) words. */
static void expand_round_keys(uint32_t *sk, const uint32_t *ck, unsigned nr)
{
    unsigned n = 4 * (nr + 1), h;
    for (h = 0; h < n; h++) {
        uint32_t x0 = ck[h] & LANE0, x1 = (ck[h] >> 1) & LANE0;
        sk[2 * h] = x0 | (x0 << 1);
        sk[2 * h + 1] = x1 | (x1 << 1);
    }
}

static void encrypt2(const uint32_t *sk, unsigned nr, uint32_t *q)
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

static void decrypt2(const uint32_t *sk, unsigned nr, uint32_t *q)
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
    tern_aes_ct32_ctx *c = (tern_aes_ct32_ctx *)(void *)ctx;
    uint32_t w[TERN_AES_MAX_WORDS];
    uint32_t q[8];
    unsigned nr, r, i;

    nr = tern_aes_expand_key(w, key, key_len, sub_word);
    if (nr == 0) {
        return TERN_ERR_BAD_LENGTH;
    }
    for (r = 0; r <= nr; r++) {
        /* round key r in both block positions: word 2c + k = column c */
        for (i = 0; i < 8; i++) {
            q[i] = w[4 * r + i / 2];
        }
        ortho(q);
        compress_round_key(c->sk + 4 * r, q);
    }
    c->nrounds = nr;
    c->vtable = cls;
    tern_wipe(w, sizeof(w));
    tern_wipe(q, sizeof(q));
    return TERN_OK;
}

static int aes_ct32_init(const tern_block_class **ctx, const uint8_t *key, size_t key_len)
{
    return init_with(&tern_aes_ct32_class, ctx, key, key_len);
}

/* Expands the round keys, then runs fn over n blocks, two at a time; a
 * last odd block goes through a zero-padded buffer. */
static void run(const tern_aes_ct32_ctx *c, uint8_t *blocks, size_t n,
                void (*fn)(const uint32_t *, unsigned, uint32_t *))
{
    uint32_t sk[8 * 15];
    uint32_t q[8];
    unsigned nr = c->nrounds;

    expand_round_keys(sk, c->sk, nr);
    while (n >= 2) {
        load_blocks(q, blocks);
        fn(sk, nr, q);
        store_blocks(blocks, q);
        blocks += 32;
        n -= 2;
    }
    if (n > 0) {
        uint8_t tmp[32];
        memset(tmp + 16, 0, 16);
        memcpy(tmp, blocks, 16);
        load_blocks(q, tmp);
        fn(sk, nr, q);
        store_blocks(tmp, q);
        memcpy(blocks, tmp, 16);
        tern_wipe(tmp, sizeof(tmp));
    }
    tern_wipe(q, sizeof(q));
    tern_wipe(sk, 8 * (nr + 1) * sizeof(sk[0]));
}

static void aes_ct32_encrypt(const tern_block_class *const *ctx, uint8_t *blocks, size_t nblocks)
{
    run((const tern_aes_ct32_ctx *)(const void *)ctx, blocks, nblocks, encrypt2);
}

static void aes_ct32_decrypt(const tern_block_class *const *ctx, uint8_t *blocks, size_t nblocks)
{
    run((const tern_aes_ct32_ctx *)(const void *)ctx, blocks, nblocks, decrypt2);
}

/* see include/tern/cipher.h */
const tern_block_class tern_aes_ct32_class = {
    "AES (bitsliced, 32-bit)",
    16,
    TERN_BLOCK_CONSTANT_TIME,
    (uint16_t)sizeof(tern_aes_ct32_ctx),
    aes_ct32_init,
    aes_ct32_encrypt,
    aes_ct32_decrypt,
};

#if TERN_CONFIG_WORD_BITS == 32
static int aes_ct_init(const tern_block_class **ctx, const uint8_t *key, size_t key_len)
{
    return init_with(&tern_aes_ct_class, ctx, key, key_len);
}

/* see include/tern/cipher.h: the build's bitsliced AES is this one */
const tern_block_class tern_aes_ct_class = {
    "AES (bitsliced, 32-bit)",
    16,
    TERN_BLOCK_CONSTANT_TIME,
    (uint16_t)sizeof(tern_aes_ct32_ctx),
    aes_ct_init,
    aes_ct32_encrypt,
    aes_ct32_decrypt,
};

static int aes_ct_enc_init(const tern_block_class **ctx, const uint8_t *key, size_t key_len)
{
    return init_with(&tern_aes_ct_enc_class, ctx, key, key_len);
}

/* see include/tern/cipher.h: nothing here refers to decrypt2, so with
 * --gc-sections a program using only this class drops the inverse cipher */
const tern_block_class tern_aes_ct_enc_class = {
    "AES (bitsliced, 32-bit, encrypt only)",
    16,
    TERN_BLOCK_CONSTANT_TIME | TERN_BLOCK_ENCRYPT_ONLY,
    (uint16_t)sizeof(tern_aes_ct32_ctx),
    aes_ct_enc_init,
    aes_ct32_encrypt,
    NULL,
};
#endif

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_aes_ct32_unused_;
#endif
