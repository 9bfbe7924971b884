/*
 * Triple DES (TDEA, 3DES-EDE; NIST SP 800-67 rev. 2, DES from FIPS 46-3),
 * constant-time. Legacy: only for the TLS 3DES_EDE_CBC suites, which tern
 * never offers unless configured.
 *
 * Implementation notes.
 *
 * The DES S-boxes are tables indexed by key-dependent bits. Here they are
 * evaluated by masked selection, reading every table word every time:
 *
 *  - E expansion into lanes: the eight 6-bit S-box inputs are overlapping
 *    windows of R. Rotating R left by 5 puts the windows of S1, S7, S5, S3
 *    at bits 0, 8, 16, 24; rotating by 9 does the same for S2, S8, S6, S4.
 *    Masked with 0x3F3F3F3F and combined, that gives one 64-bit word with
 *    one S-box input per byte ("lane"): lanes 0..7 hold S1, S7, S5, S3,
 *    S2, S8, S6, S4. Round keys are stored in the same layout, so the key
 *    addition is one XOR.
 *
 *  - S-boxes: lane l of table word w holds entries 2w (low nibble) and
 *    2w + 1 (high nibble) of that lane's S-box, the input read as a 6-bit
 *    number with the first bit most significant. Input bit 5 picks the
 *    lower or upper 16 words (stored as T[w] and D[w] = T[w] ^ T[w + 16]),
 *    then bits 4..1 halve the remaining words four times, and bit 0 picks
 *    the nibble. Each choice is x ^ ((x ^ y) & mask), with a per-lane mask
 *    of 0x00 or 0xff made from the input bit: all 32 words are read in
 *    every round, whatever the input.
 *
 *  - P permutation: the 32 output nibble bits are moved to their places
 *    in f by shift-and-mask, one step per distinct distance.
 *
 *  - IP and FP: the usual sequence of five swaps of bit groups between the
 *    two halves (Hoey; see also Outerbridge's public-domain DES); FP runs
 *    the same swaps in reverse order. The inner FP/IP pairs of EDE cancel,
 *    so a 3DES block does IP once, 48 rounds and FP once.
 *
 * The table constants were generated from the S-box tables of FIPS 46-3
 * by the rule above; the NIST TDES KATs (subtab, varkey, permop, invperm,
 * vartext) exercise every S-box entry and every permutation position.
 *
 * Cost: about 200 word operations per round. Slow next to table-based
 * DES, but without secret-indexed memory access.
 */
#include "tern/config.h"

#if TERN_CONFIG_3DES

#include "common/endian_internal.h"
#include "tern/cipher.h"
#include "tern/util.h"

/* S-box tables in lanes (see above): T[w], w = 0..15. */
static const uint64_t sbox_lo[16] = {
    0xD7AC1D3FDAE2D40Eu, 0x8DF1F2D170BC0BF4u, 0xBE4AD8480924B27Du, 0x532F847E9EC17E41u,
    0x6079A6F636474FE2u, 0xF6C23F2B437A902Fu, 0x09967B836FDB18DBu, 0x3A5841E4A516AD18u,
    0x4160CAC92158E3A3u, 0x721D59078D053C6Au, 0x28D363125CF359C6u, 0xC5E4BEADE7AFC7BCu,
    0x1B0E056CCB3D2595u, 0xACB7E090B490FA59u, 0xE4359CB5F28E8630u, 0x9F8B275A18696187u,
};

/* D[w] = T[w] ^ T[w + 16]. */
static const uint64_t sbox_diff[16] = {
    0xEDE53AEFC756B5FAu, 0x7BCFE95FD63EBF35u, 0xB7653CEFDDE569F3u, 0x33EAF56597BAF369u,
    0xCCEBEFCC5E5D53AFu, 0xED9A93DFDC97D3B9u, 0xDE6AF5CEECFCBFC9u, 0xB7FB93C5D5CED363u,
    0xDED73A7C6A3779FCu, 0x33FD9F6F7CFC63D6u, 0x7BC7F96EBEFF5FFFu, 0x7B9EB36BDB3A3F5Bu,
    0xDE6F3A657E9BC536u, 0xDEBAB3C3EED3DF53u, 0xCCBEF957DCDEBF55u, 0x7B5D9FC5DF57A357u,
};

/* FIPS 46-3 key schedule tables (bit numbers count from 1 at the most
 * significant bit), laid out as in the standard. */
/* clang-format off */
static const uint8_t pc1[56] = {
    57, 49, 41, 33, 25, 17,  9,
     1, 58, 50, 42, 34, 26, 18,
    10,  2, 59, 51, 43, 35, 27,
    19, 11,  3, 60, 52, 44, 36,
    63, 55, 47, 39, 31, 23, 15,
     7, 62, 54, 46, 38, 30, 22,
    14,  6, 61, 53, 45, 37, 29,
    21, 13,  5, 28, 20, 12,  4,
};

static const uint8_t pc2[48] = {
    14, 17, 11, 24,  1,  5,
     3, 28, 15,  6, 21, 10,
    23, 19, 12,  4, 26,  8,
    16,  7, 27, 20, 13,  2,
    41, 52, 31, 37, 47, 55,
    30, 40, 51, 45, 33, 48,
    44, 49, 39, 56, 34, 53,
    46, 42, 50, 36, 29, 32,
};
/* clang-format on */

static const uint8_t key_shifts[16] = {1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1};

/* Lane l holds the input of S-box lane_sbox[l] (0-based). */
static const uint8_t lane_sbox[8] = {0, 6, 4, 2, 1, 7, 5, 3};

static uint32_t rotl32(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32 - n));
}

/* 0x00 or 0xff in each lane: bit k of the lane's value. */
static uint64_t lane_mask(uint64_t x, unsigned k)
{
    uint64_t m = (x >> k) & 0x0101010101010101u;
    return (m << 8) - m;
}

static uint64_t pick(uint64_t x, uint64_t y, uint64_t m)
{
    return x ^ ((x ^ y) & m);
}

/* f(R, K) of FIPS 46-3 with the round key k in lane layout. */
static uint32_t feistel(uint32_t r, uint64_t k)
{
    uint64_t x, m, w[16];
    uint32_t f = 0;
    unsigned i, bit, half;

    x = (uint64_t)(rotl32(r, 5) & 0x3F3F3F3Fu) | ((uint64_t)(rotl32(r, 9) & 0x3F3F3F3Fu) << 32);
    x ^= k;

    m = lane_mask(x, 5);
    for (i = 0; i < 16; i++) {
        w[i] = sbox_lo[i] ^ (sbox_diff[i] & m);
    }
    for (bit = 4, half = 8; bit >= 1; bit--, half /= 2) {
        m = lane_mask(x, bit);
        for (i = 0; i < half; i++) {
            w[i] = pick(w[i], w[i + half], m);
        }
    }
    x = pick(w[0], w[0] >> 4, lane_mask(x, 0)) & 0x0F0F0F0F0F0F0F0Fu;

    /* P */
    f |= (uint32_t)((x & 0x0000000000000008u) << 20);
    f |= (uint32_t)((x & 0x0000000000000100u) << 17);
    f |= (uint32_t)((x & 0x0000000000010004u) << 13);
    f |= (uint32_t)((x & 0x0000000000000400u) << 10);
    f |= (uint32_t)((x & 0x0000000000000002u) << 8);
    f |= (uint32_t)((x & 0x0000000000080000u) << 5);
    f |= (uint32_t)((x & 0x0000000001000000u) << 2);
    f |= (uint32_t)((x & 0x0000000000000201u) << 1);
    f |= (uint32_t)(x & 0x0000000000040000u);
    f |= (uint32_t)((x & 0x0000000200000000u) >> 3);
    f |= (uint32_t)((x & 0x0000000004020000u) >> 10);
    f |= (uint32_t)((x & 0x0000000000000800u) >> 11);
    f |= (uint32_t)((x & 0x0000080800000000u) >> 16);
    f |= (uint32_t)((x & 0x0000000100000000u) >> 18);
    f |= (uint32_t)((x & 0x0000000008000000u) >> 19);
    f |= (uint32_t)((x & 0x0008000002000000u) >> 23);
    f |= (uint32_t)((x & 0x0000020000000000u) >> 24);
    f |= (uint32_t)((x & 0x0100000000000000u) >> 25);
    f |= (uint32_t)((x & 0x0002000000000000u) >> 28);
    f |= (uint32_t)((x & 0x0000010000000000u) >> 29);
    f |= (uint32_t)((x & 0x0000000400000000u) >> 30);
    f |= (uint32_t)((x & 0x0201000000000000u) >> 35);
    f |= (uint32_t)((x & 0x0000040000000000u) >> 37);
    f |= (uint32_t)((x & 0x0400000000000000u) >> 46);
    f |= (uint32_t)((x & 0x0004000000000000u) >> 47);
    f |= (uint32_t)((x & 0x0800000000000000u) >> 53);
    return f;
}

/* Sixteen rounds with the round keys in order (encrypt) or reversed
 * (decrypt), ending with the swap undone, as FIPS 46-3 prescribes. */
static void des_rounds(const uint64_t *sk, int decrypt, uint32_t *l, uint32_t *r)
{
    uint32_t a = *l, b = *r, t;
    unsigned i;
    for (i = 0; i < 16; i++) {
        t = b;
        b = a ^ feistel(b, sk[decrypt ? 15 - i : i]);
        a = t;
    }
    *l = b;
    *r = a;
}

#define SWAPMOVE(a, b, shift, mask)                                                                \
    do {                                                                                           \
        uint32_t t_ = (((a) >> (shift)) ^ (b)) & (mask);                                           \
        (b) ^= t_;                                                                                 \
        (a) ^= t_ << (shift);                                                                      \
    } while (0)

static void initial_perm(uint32_t *l, uint32_t *r)
{
    SWAPMOVE(*l, *r, 4, 0x0F0F0F0Fu);
    SWAPMOVE(*l, *r, 16, 0x0000FFFFu);
    SWAPMOVE(*r, *l, 2, 0x33333333u);
    SWAPMOVE(*r, *l, 8, 0x00FF00FFu);
    SWAPMOVE(*l, *r, 1, 0x55555555u);
}

static void final_perm(uint32_t *l, uint32_t *r)
{
    SWAPMOVE(*l, *r, 1, 0x55555555u);
    SWAPMOVE(*r, *l, 8, 0x00FF00FFu);
    SWAPMOVE(*r, *l, 2, 0x33333333u);
    SWAPMOVE(*l, *r, 16, 0x0000FFFFu);
    SWAPMOVE(*l, *r, 4, 0x0F0F0F0Fu);
}

/* The sixteen round keys of one DES key, in lane layout. Table positions
 * are public; only the bit values are secret. */
static void des_key_schedule(uint64_t *sk, const uint8_t *key)
{
    uint64_t k = tern_load_be64(key);
    uint32_t c = 0, d = 0;
    unsigned i, round, l;

    for (i = 0; i < 28; i++) {
        c |= (uint32_t)((k >> (64 - pc1[i])) & 1u) << (27 - i);
        d |= (uint32_t)((k >> (64 - pc1[28 + i])) & 1u) << (27 - i);
    }
    for (round = 0; round < 16; round++) {
        uint64_t cd, sub = 0, lanes = 0;
        unsigned s = key_shifts[round];
        c = ((c << s) | (c >> (28 - s))) & 0x0FFFFFFFu;
        d = ((d << s) | (d >> (28 - s))) & 0x0FFFFFFFu;
        cd = ((uint64_t)c << 28) | d;
        for (i = 0; i < 48; i++) {
            sub |= ((cd >> (56 - pc2[i])) & 1u) << (47 - i);
        }
        /* S-box n (0-based) takes sub bits 6n..6n+5 counted from the top */
        for (l = 0; l < 8; l++) {
            lanes |= ((sub >> (42 - 6 * lane_sbox[l])) & 0x3Fu) << (8 * l);
        }
        sk[round] = lanes;
    }
}

static int des3_init(const tern_block_class **ctx, const uint8_t *key, size_t key_len)
{
    tern_des3_ctx *c = (tern_des3_ctx *)(void *)ctx;

    if (key_len != 24) {
        return TERN_ERR_BAD_LENGTH;
    }
    des_key_schedule(c->sk, key);
    des_key_schedule(c->sk + 16, key + 8);
    des_key_schedule(c->sk + 32, key + 16);
    c->vtable = &tern_des3_class;
    return TERN_OK;
}

static void des3_run(const tern_block_class *const *ctx, uint8_t *blocks, size_t nblocks,
                     int decrypt)
{
    const tern_des3_ctx *c = (const tern_des3_ctx *)(const void *)ctx;
    /* EDE: E(K1) D(K2) E(K3); decryption: D(K3) E(K2) D(K1) */
    const uint64_t *first = decrypt ? c->sk + 32 : c->sk;
    const uint64_t *last = decrypt ? c->sk : c->sk + 32;

    for (; nblocks > 0; nblocks--, blocks += 8) {
        uint32_t l = tern_load_be32(blocks), r = tern_load_be32(blocks + 4);
        initial_perm(&l, &r);
        des_rounds(first, decrypt, &l, &r);
        des_rounds(c->sk + 16, !decrypt, &l, &r);
        des_rounds(last, decrypt, &l, &r);
        final_perm(&l, &r);
        tern_store_be32(blocks, l);
        tern_store_be32(blocks + 4, r);
    }
}

static void des3_encrypt(const tern_block_class *const *ctx, uint8_t *blocks, size_t nblocks)
{
    des3_run(ctx, blocks, nblocks, 0);
}

static void des3_decrypt(const tern_block_class *const *ctx, uint8_t *blocks, size_t nblocks)
{
    des3_run(ctx, blocks, nblocks, 1);
}

/* see include/tern/cipher.h */
const tern_block_class tern_des3_class = {
    "3DES-EDE (constant-time)",
    8,
    TERN_BLOCK_CONSTANT_TIME,
    (uint16_t)sizeof(tern_des3_ctx),
    des3_init,
    des3_encrypt,
    des3_decrypt,
};

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_des3_unused_;
#endif
