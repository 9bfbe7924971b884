/*
 * SHA-384 and SHA-512 (FIPS 180-4, sections 4.1.3, 4.2.3, 5.3.4, 5.3.5,
 * 6.4 and 6.5). Constant-time by construction, as SHA-256. On 32-bit
 * targets every 64-bit word costs two registers, which is why the rounds
 * stay a plain loop: unrolled, the compression function is ~7x larger.
 */
#include <string.h>

#include "common/endian_internal.h"
#include "crypto/hash/md_internal.h"
#include "tern/hash.h"
#include "tern/util.h"

/* FIPS 180-4 4.2.3: first 64 bits of the fractional parts of the cube
 * roots of the first 80 primes. */
static const uint64_t K[80] = {
    UINT64_C(0x428a2f98d728ae22), UINT64_C(0x7137449123ef65cd), UINT64_C(0xb5c0fbcfec4d3b2f),
    UINT64_C(0xe9b5dba58189dbbc), UINT64_C(0x3956c25bf348b538), UINT64_C(0x59f111f1b605d019),
    UINT64_C(0x923f82a4af194f9b), UINT64_C(0xab1c5ed5da6d8118), UINT64_C(0xd807aa98a3030242),
    UINT64_C(0x12835b0145706fbe), UINT64_C(0x243185be4ee4b28c), UINT64_C(0x550c7dc3d5ffb4e2),
    UINT64_C(0x72be5d74f27b896f), UINT64_C(0x80deb1fe3b1696b1), UINT64_C(0x9bdc06a725c71235),
    UINT64_C(0xc19bf174cf692694), UINT64_C(0xe49b69c19ef14ad2), UINT64_C(0xefbe4786384f25e3),
    UINT64_C(0x0fc19dc68b8cd5b5), UINT64_C(0x240ca1cc77ac9c65), UINT64_C(0x2de92c6f592b0275),
    UINT64_C(0x4a7484aa6ea6e483), UINT64_C(0x5cb0a9dcbd41fbd4), UINT64_C(0x76f988da831153b5),
    UINT64_C(0x983e5152ee66dfab), UINT64_C(0xa831c66d2db43210), UINT64_C(0xb00327c898fb213f),
    UINT64_C(0xbf597fc7beef0ee4), UINT64_C(0xc6e00bf33da88fc2), UINT64_C(0xd5a79147930aa725),
    UINT64_C(0x06ca6351e003826f), UINT64_C(0x142929670a0e6e70), UINT64_C(0x27b70a8546d22ffc),
    UINT64_C(0x2e1b21385c26c926), UINT64_C(0x4d2c6dfc5ac42aed), UINT64_C(0x53380d139d95b3df),
    UINT64_C(0x650a73548baf63de), UINT64_C(0x766a0abb3c77b2a8), UINT64_C(0x81c2c92e47edaee6),
    UINT64_C(0x92722c851482353b), UINT64_C(0xa2bfe8a14cf10364), UINT64_C(0xa81a664bbc423001),
    UINT64_C(0xc24b8b70d0f89791), UINT64_C(0xc76c51a30654be30), UINT64_C(0xd192e819d6ef5218),
    UINT64_C(0xd69906245565a910), UINT64_C(0xf40e35855771202a), UINT64_C(0x106aa07032bbd1b8),
    UINT64_C(0x19a4c116b8d2d0c8), UINT64_C(0x1e376c085141ab53), UINT64_C(0x2748774cdf8eeb99),
    UINT64_C(0x34b0bcb5e19b48a8), UINT64_C(0x391c0cb3c5c95a63), UINT64_C(0x4ed8aa4ae3418acb),
    UINT64_C(0x5b9cca4f7763e373), UINT64_C(0x682e6ff3d6b2b8a3), UINT64_C(0x748f82ee5defb2fc),
    UINT64_C(0x78a5636f43172f60), UINT64_C(0x84c87814a1f0ab72), UINT64_C(0x8cc702081a6439ec),
    UINT64_C(0x90befffa23631e28), UINT64_C(0xa4506cebde82bde9), UINT64_C(0xbef9a3f7b2c67915),
    UINT64_C(0xc67178f2e372532b), UINT64_C(0xca273eceea26619c), UINT64_C(0xd186b8c721c0c207),
    UINT64_C(0xeada7dd6cde0eb1e), UINT64_C(0xf57d4f7fee6ed178), UINT64_C(0x06f067aa72176fba),
    UINT64_C(0x0a637dc5a2c898a6), UINT64_C(0x113f9804bef90dae), UINT64_C(0x1b710b35131c471b),
    UINT64_C(0x28db77f523047d84), UINT64_C(0x32caab7b40c72493), UINT64_C(0x3c9ebe0a15c9bebc),
    UINT64_C(0x431d67c49c100d4c), UINT64_C(0x4cc5d4becb3e42b6), UINT64_C(0x597f299cfc657e2a),
    UINT64_C(0x5fcb6fab3ad6faec), UINT64_C(0x6c44198c4a475817)};

/* FIPS 180-4 5.3.5 (SHA-512) and 5.3.4 (SHA-384). */
static const uint64_t IV512[8] = {UINT64_C(0x6a09e667f3bcc908), UINT64_C(0xbb67ae8584caa73b),
                                  UINT64_C(0x3c6ef372fe94f82b), UINT64_C(0xa54ff53a5f1d36f1),
                                  UINT64_C(0x510e527fade682d1), UINT64_C(0x9b05688c2b3e6c1f),
                                  UINT64_C(0x1f83d9abfb41bd6b), UINT64_C(0x5be0cd19137e2179)};
static const uint64_t IV384[8] = {UINT64_C(0xcbbb9d5dc1059ed8), UINT64_C(0x629a292a367cd507),
                                  UINT64_C(0x9159015a3070dd17), UINT64_C(0x152fecd8f70e5939),
                                  UINT64_C(0x67332667ffc00b31), UINT64_C(0x8eb44a8768581511),
                                  UINT64_C(0xdb0c2e0d64f98fa7), UINT64_C(0x47b5481dbefa4fa4)};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (64 - (n))))
#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))
#define BSIG0(x) (ROTR((x), 28) ^ ROTR((x), 34) ^ ROTR((x), 39))
#define BSIG1(x) (ROTR((x), 14) ^ ROTR((x), 18) ^ ROTR((x), 41))
#define SSIG0(x) (ROTR((x), 1) ^ ROTR((x), 8) ^ ((x) >> 7))
#define SSIG1(x) (ROTR((x), 19) ^ ROTR((x), 61) ^ ((x) >> 6))

/* One round per loop iteration with the working variables shifted: the
 * smallest code (this runs on Cortex-M0..M4 class parts), at a modest
 * cost in speed on large cores. The message schedule (6.2.2 step 1) lives
 * in a 16-word ring. */
static void compress(void *state, const uint8_t *p, size_t nblocks)
{
    uint64_t *st = (uint64_t *)state;
    uint64_t w[16], v[8];
    size_t i;

    while (nblocks-- > 0) {
        for (i = 0; i < 16; i++) {
            w[i] = tern_load_be64(p + 8 * i);
        }
        memcpy(v, st, sizeof(v));
        for (i = 0; i < 80; i++) {
            uint64_t t1, t2, wi;
            if (i < 16) {
                wi = w[i];
            } else {
                uint64_t w2 = w[(i - 2) & 15], w15 = w[(i - 15) & 15];
                wi = w[i & 15] += SSIG1(w2) + w[(i - 7) & 15] + SSIG0(w15);
            }
            t1 = v[7] + BSIG1(v[4]) + CH(v[4], v[5], v[6]) + K[i] + wi;
            t2 = BSIG0(v[0]) + MAJ(v[0], v[1], v[2]);
            v[7] = v[6];
            v[6] = v[5];
            v[5] = v[4];
            v[4] = v[3] + t1;
            v[3] = v[2];
            v[2] = v[1];
            v[1] = v[0];
            v[0] = t1 + t2;
        }
        for (i = 0; i < 8; i++) {
            st[i] += v[i];
        }
        p += 128;
    }
    tern_wipe(w, sizeof(w));
    tern_wipe(v, sizeof(v));
}

static void init_with(tern_sha512_ctx *ctx, const tern_hash_class *cls, const uint64_t iv[8])
{
    ctx->vtable = cls;
    memcpy(ctx->state, iv, sizeof(ctx->state));
    ctx->count = 0;
}

static void out_words(const tern_sha512_ctx *ctx, uint8_t *digest, size_t nwords)
{
    uint64_t st[8];
    size_t i;

    memcpy(st, ctx->state, sizeof(st));
    tern_md_pad(st, ctx->buf, 128, ctx->count, 0, compress);
    for (i = 0; i < nwords; i++) {
        tern_store_be64(digest + 8 * i, st[i]);
    }
    tern_wipe(st, sizeof(st));
}

/* see include/tern/hash.h */
void tern_sha512_init(tern_sha512_ctx *ctx)
{
    init_with(ctx, &tern_sha512_class, IV512);
}

/* see include/tern/hash.h */
void tern_sha384_init(tern_sha512_ctx *ctx)
{
    init_with(ctx, &tern_sha384_class, IV384);
}

/* see include/tern/hash.h */
void tern_sha512_update(tern_sha512_ctx *ctx, const void *data, size_t len)
{
    tern_md_update(ctx->state, ctx->buf, 128, &ctx->count, compress, data, len);
}

/* see include/tern/hash.h */
void tern_sha512_out(const tern_sha512_ctx *ctx, uint8_t digest[64])
{
    out_words(ctx, digest, 8);
}

/* see include/tern/hash.h */
void tern_sha384_out(const tern_sha512_ctx *ctx, uint8_t digest[48])
{
    out_words(ctx, digest, 6);
}

/* Class adapters (the class pointer is the context's first member). */
static void cls_init512(const tern_hash_class **ctx)
{
    tern_sha512_init((tern_sha512_ctx *)(void *)ctx);
}

static void cls_init384(const tern_hash_class **ctx)
{
    tern_sha384_init((tern_sha512_ctx *)(void *)ctx);
}

static void cls_update(const tern_hash_class **ctx, const void *data, size_t len)
{
    tern_sha512_update((tern_sha512_ctx *)(void *)ctx, data, len);
}

static void cls_out512(const tern_hash_class *const *ctx, uint8_t *digest)
{
    tern_sha512_out((const tern_sha512_ctx *)(const void *)ctx, digest);
}

static void cls_out384(const tern_hash_class *const *ctx, uint8_t *digest)
{
    tern_sha384_out((const tern_sha512_ctx *)(const void *)ctx, digest);
}

/* see include/tern/hash.h */
const tern_hash_class tern_sha512_class = {
    .name = "SHA-512",
    .id = TERN_HASH_SHA512,
    .digest_len = 64,
    .block_len = 128,
    .ctx_size = (uint16_t)sizeof(tern_sha512_ctx),
    .init = cls_init512,
    .update = cls_update,
    .out = cls_out512,
};

/* see include/tern/hash.h */
const tern_hash_class tern_sha384_class = {
    .name = "SHA-384",
    .id = TERN_HASH_SHA384,
    .digest_len = 48,
    .block_len = 128,
    .ctx_size = (uint16_t)sizeof(tern_sha512_ctx),
    .init = cls_init384,
    .update = cls_update,
    .out = cls_out384,
};
