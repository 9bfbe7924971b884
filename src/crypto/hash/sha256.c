/*
 * SHA-224 and SHA-256 (FIPS 180-4, sections 4.1.2, 4.2.2, 5.3.2, 5.3.3,
 * 6.2 and 6.3). Constant-time by construction: only additions, rotations
 * and logic on the data, and table reads indexed by the round number.
 */
#include <string.h>

#include "common/endian_internal.h"
#include "crypto/hash/md_internal.h"
#include "tern/hash.h"
#include "tern/util.h"

/* FIPS 180-4 4.2.2: first 32 bits of the fractional parts of the cube
 * roots of the first 64 primes. */
static const uint32_t K[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u,
    0xab1c5ed5u, 0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu,
    0x9bdc06a7u, 0xc19bf174u, 0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu,
    0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau, 0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u,
    0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu,
    0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u, 0xa2bfe8a1u, 0xa81a664bu,
    0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u, 0x19a4c116u,
    0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u,
    0xc67178f2u};

/* FIPS 180-4 5.3.3 (SHA-256) and 5.3.2 (SHA-224). */
static const uint32_t IV256[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                  0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
static const uint32_t IV224[8] = {0xc1059ed8u, 0x367cd507u, 0x3070dd17u, 0xf70e5939u,
                                  0xffc00b31u, 0x68581511u, 0x64f98fa7u, 0xbefa4fa4u};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))
#define BSIG0(x) (ROTR((x), 2) ^ ROTR((x), 13) ^ ROTR((x), 22))
#define BSIG1(x) (ROTR((x), 6) ^ ROTR((x), 11) ^ ROTR((x), 25))
#define SSIG0(x) (ROTR((x), 7) ^ ROTR((x), 18) ^ ((x) >> 3))
#define SSIG1(x) (ROTR((x), 17) ^ ROTR((x), 19) ^ ((x) >> 10))

/* One round per loop iteration with the working variables shifted: the
 * smallest code (this runs on Cortex-M0..M4 class parts), at a modest
 * cost in speed on large cores. The message schedule (6.2.2 step 1) lives
 * in a 16-word ring. */
static void compress(void *state, const uint8_t *p, size_t nblocks)
{
    uint32_t *st = (uint32_t *)state;
    uint32_t w[16], v[8];
    size_t i;

    while (nblocks-- > 0) {
        for (i = 0; i < 16; i++) {
            w[i] = tern_load_be32(p + 4 * i);
        }
        memcpy(v, st, sizeof(v));
        for (i = 0; i < 64; i++) {
            uint32_t t1, t2, wi;
            if (i < 16) {
                wi = w[i];
            } else {
                uint32_t w2 = w[(i - 2) & 15], w15 = w[(i - 15) & 15];
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
        p += 64;
    }
    tern_wipe(w, sizeof(w));
    tern_wipe(v, sizeof(v));
}

static void init_with(tern_sha256_ctx *ctx, const tern_hash_class *cls, const uint32_t iv[8])
{
    ctx->vtable = cls;
    memcpy(ctx->state, iv, sizeof(ctx->state));
    ctx->count = 0;
}

static void out_words(const tern_sha256_ctx *ctx, uint8_t *digest, size_t nwords)
{
    uint32_t st[8];
    size_t i;

    memcpy(st, ctx->state, sizeof(st));
    tern_md_pad(st, ctx->buf, 64, ctx->count, 0, compress);
    for (i = 0; i < nwords; i++) {
        tern_store_be32(digest + 4 * i, st[i]);
    }
    tern_wipe(st, sizeof(st));
}

/* see include/tern/hash.h */
void tern_sha256_init(tern_sha256_ctx *ctx)
{
    init_with(ctx, &tern_sha256_class, IV256);
}

/* see include/tern/hash.h */
void tern_sha224_init(tern_sha256_ctx *ctx)
{
    init_with(ctx, &tern_sha224_class, IV224);
}

/* see include/tern/hash.h */
void tern_sha256_update(tern_sha256_ctx *ctx, const void *data, size_t len)
{
    tern_md_update(ctx->state, ctx->buf, 64, &ctx->count, compress, data, len);
}

/* see include/tern/hash.h */
void tern_sha256_out(const tern_sha256_ctx *ctx, uint8_t digest[32])
{
    out_words(ctx, digest, 8);
}

/* see include/tern/hash.h */
void tern_sha224_out(const tern_sha256_ctx *ctx, uint8_t digest[28])
{
    out_words(ctx, digest, 7);
}

/* Class adapters: the class pointer is the first member of the context,
 * so its address is the address of the context (C99 6.7.2.1p13). */
static void cls_init256(const tern_hash_class **ctx)
{
    tern_sha256_init((tern_sha256_ctx *)(void *)ctx);
}

static void cls_init224(const tern_hash_class **ctx)
{
    tern_sha224_init((tern_sha256_ctx *)(void *)ctx);
}

static void cls_update(const tern_hash_class **ctx, const void *data, size_t len)
{
    tern_sha256_update((tern_sha256_ctx *)(void *)ctx, data, len);
}

static void cls_out256(const tern_hash_class *const *ctx, uint8_t *digest)
{
    tern_sha256_out((const tern_sha256_ctx *)(const void *)ctx, digest);
}

static void cls_out224(const tern_hash_class *const *ctx, uint8_t *digest)
{
    tern_sha224_out((const tern_sha256_ctx *)(const void *)ctx, digest);
}

/* see include/tern/hash.h */
const tern_hash_class tern_sha256_class = {
    .name = "SHA-256",
    .id = TERN_HASH_SHA256,
    .digest_len = 32,
    .block_len = 64,
    .ctx_size = (uint16_t)sizeof(tern_sha256_ctx),
    .init = cls_init256,
    .update = cls_update,
    .out = cls_out256,
};

/* see include/tern/hash.h */
const tern_hash_class tern_sha224_class = {
    .name = "SHA-224",
    .id = TERN_HASH_SHA224,
    .digest_len = 28,
    .block_len = 64,
    .ctx_size = (uint16_t)sizeof(tern_sha256_ctx),
    .init = cls_init224,
    .update = cls_update,
    .out = cls_out224,
};
