/*
 * MD5 (RFC 1321).
 *
 * LEGACY: MD5 is broken for collision resistance. tern keeps it only for
 * the TLS 1.0/1.1 PRF (RFC 2246 5, P_MD5 xor P_SHA1) and the HMAC-MD5
 * test vectors; no signature or certificate path uses it. Compiled only
 * with TERN_CONFIG_MD5.
 */
#include "tern/config.h"

#if TERN_CONFIG_MD5

#include <string.h>

#include "common/endian_internal.h"
#include "crypto/hash/md_internal.h"
#include "tern/hash.h"
#include "tern/util.h"

/* RFC 1321 3.4: T[i] = floor(2^32 * abs(sin(i))), i = 1..64. */
static const uint32_t T[64] = {
    0xd76aa478u, 0xe8c7b756u, 0x242070dbu, 0xc1bdceeeu, 0xf57c0fafu, 0x4787c62au, 0xa8304613u,
    0xfd469501u, 0x698098d8u, 0x8b44f7afu, 0xffff5bb1u, 0x895cd7beu, 0x6b901122u, 0xfd987193u,
    0xa679438eu, 0x49b40821u, 0xf61e2562u, 0xc040b340u, 0x265e5a51u, 0xe9b6c7aau, 0xd62f105du,
    0x02441453u, 0xd8a1e681u, 0xe7d3fbc8u, 0x21e1cde6u, 0xc33707d6u, 0xf4d50d87u, 0x455a14edu,
    0xa9e3e905u, 0xfcefa3f8u, 0x676f02d9u, 0x8d2a4c8au, 0xfffa3942u, 0x8771f681u, 0x6d9d6122u,
    0xfde5380cu, 0xa4beea44u, 0x4bdecfa9u, 0xf6bb4b60u, 0xbebfbc70u, 0x289b7ec6u, 0xeaa127fau,
    0xd4ef3085u, 0x04881d05u, 0xd9d4d039u, 0xe6db99e5u, 0x1fa27cf8u, 0xc4ac5665u, 0xf4292244u,
    0x432aff97u, 0xab9423a7u, 0xfc93a039u, 0x655b59c3u, 0x8f0ccc92u, 0xffeff47du, 0x85845dd1u,
    0x6fa87e4fu, 0xfe2ce6e0u, 0xa3014314u, 0x4e0811a1u, 0xf7537e82u, 0xbd3af235u, 0x2ad7d2bbu,
    0xeb86d391u};

/* Left-rotation amounts, four per round (RFC 1321 3.4). */
static const uint8_t S[16] = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

static void compress(void *state, const uint8_t *p, size_t nblocks)
{
    uint32_t *st = (uint32_t *)state;
    uint32_t x[16];
    size_t i;

    while (nblocks-- > 0) {
        uint32_t a = st[0], b = st[1], c = st[2], d = st[3];
        for (i = 0; i < 16; i++) {
            x[i] = tern_load_le32(p + 4 * i);
        }
        /* The four rounds differ in the function and in the order the
         * message words are taken (RFC 1321 3.4); indices depend only on
         * the step number. */
        for (i = 0; i < 64; i++) {
            uint32_t f, t;
            unsigned s = S[((i >> 4) << 2) | (i & 3)];
            size_t g;
            if (i < 16) {
                f = d ^ (b & (c ^ d)); /* F */
                g = i;
            } else if (i < 32) {
                f = c ^ (d & (b ^ c)); /* G */
                g = (5 * i + 1) & 15;
            } else if (i < 48) {
                f = b ^ c ^ d; /* H */
                g = (3 * i + 5) & 15;
            } else {
                f = c ^ (b | ~d); /* I */
                g = (7 * i) & 15;
            }
            t = a + f + T[i] + x[g];
            a = d;
            d = c;
            c = b;
            b += (t << s) | (t >> (32 - s));
        }
        st[0] += a;
        st[1] += b;
        st[2] += c;
        st[3] += d;
        p += 64;
    }
    tern_wipe(x, sizeof(x));
}

/* see include/tern/hash.h */
void tern_md5_init(tern_md5_ctx *ctx)
{
    /* RFC 1321 3.3 (words A, B, C, D as little-endian integers) */
    ctx->vtable = &tern_md5_class;
    ctx->state[0] = 0x67452301u;
    ctx->state[1] = 0xefcdab89u;
    ctx->state[2] = 0x98badcfeu;
    ctx->state[3] = 0x10325476u;
    ctx->count = 0;
}

/* see include/tern/hash.h */
void tern_md5_update(tern_md5_ctx *ctx, const void *data, size_t len)
{
    tern_md_update(ctx->state, ctx->buf, 64, &ctx->count, compress, data, len);
}

/* see include/tern/hash.h */
void tern_md5_out(const tern_md5_ctx *ctx, uint8_t digest[16])
{
    uint32_t st[4];
    size_t i;

    memcpy(st, ctx->state, sizeof(st));
    tern_md_pad(st, ctx->buf, 64, ctx->count, 1, compress);
    for (i = 0; i < 4; i++) {
        tern_store_le32(digest + 4 * i, st[i]);
    }
    tern_wipe(st, sizeof(st));
}

/* Class adapters (the class pointer is the context's first member). */
static void cls_init(const tern_hash_class **ctx)
{
    tern_md5_init((tern_md5_ctx *)(void *)ctx);
}

static void cls_update(const tern_hash_class **ctx, const void *data, size_t len)
{
    tern_md5_update((tern_md5_ctx *)(void *)ctx, data, len);
}

static void cls_out(const tern_hash_class *const *ctx, uint8_t *digest)
{
    tern_md5_out((const tern_md5_ctx *)(const void *)ctx, digest);
}

/* see include/tern/hash.h */
const tern_hash_class tern_md5_class = {
    .name = "MD5",
    .id = TERN_HASH_MD5,
    .digest_len = 16,
    .block_len = 64,
    .ctx_size = (uint16_t)sizeof(tern_md5_ctx),
    .init = cls_init,
    .update = cls_update,
    .out = cls_out,
};

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_md5_unused_;
#endif /* TERN_CONFIG_MD5 */
