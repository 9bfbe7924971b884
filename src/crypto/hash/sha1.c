/*
 * SHA-1 (FIPS 180-4, sections 4.1.1, 4.2.1, 5.3.1 and 6.1).
 *
 * LEGACY: SHA-1 is broken for collision resistance (SHAttered, 2017). tern
 * keeps it only for HMAC-SHA1 record protection in old cipher suites, the
 * TLS 1.0/1.1 PRF and verifying old signatures, which path validation
 * rejects by default. Compiled only with TERN_CONFIG_SHA1.
 */
#include "tern/config.h"

#if TERN_CONFIG_SHA1

#include <string.h>

#include "common/endian_internal.h"
#include "crypto/hash/md_internal.h"
#include "tern/hash.h"
#include "tern/util.h"

#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

/* 6.1.2 step 1, with the 16-word ring of 6.1.3. */
#define SCHED(j)                                                                                   \
    (w[(j)&15] = ROTL(w[((j) + 13) & 15] ^ w[((j) + 8) & 15] ^ w[((j) + 2) & 15] ^ w[(j)&15], 1))

static void compress(void *state, const uint8_t *p, size_t nblocks)
{
    uint32_t *st = (uint32_t *)state;
    uint32_t w[16];
    size_t i;

    while (nblocks-- > 0) {
        uint32_t a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], t;
        for (i = 0; i < 16; i++) {
            w[i] = tern_load_be32(p + 4 * i);
        }
        /* 4.1.1: Ch, Parity, Maj, Parity, twenty rounds each. */
        for (i = 0; i < 80; i++) {
            uint32_t f, k, wi = i < 16 ? w[i] : SCHED(i);
            if (i < 20) {
                f = d ^ (b & (c ^ d));
                k = 0x5a827999u;
            } else if (i < 40) {
                f = b ^ c ^ d;
                k = 0x6ed9eba1u;
            } else if (i < 60) {
                f = (b & c) | (d & (b | c));
                k = 0x8f1bbcdcu;
            } else {
                f = b ^ c ^ d;
                k = 0xca62c1d6u;
            }
            t = ROTL(a, 5) + f + e + k + wi;
            e = d;
            d = c;
            c = ROTL(b, 30);
            b = a;
            a = t;
        }
        st[0] += a;
        st[1] += b;
        st[2] += c;
        st[3] += d;
        st[4] += e;
        p += 64;
    }
    tern_wipe(w, sizeof(w));
}

/* see include/tern/hash.h */
void tern_sha1_init(tern_sha1_ctx *ctx)
{
    /* 5.3.1 */
    static const uint32_t iv[5] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u};
    ctx->vtable = &tern_sha1_class;
    memcpy(ctx->state, iv, sizeof(ctx->state));
    ctx->count = 0;
}

/* see include/tern/hash.h */
void tern_sha1_update(tern_sha1_ctx *ctx, const void *data, size_t len)
{
    tern_md_update(ctx->state, ctx->buf, 64, &ctx->count, compress, data, len);
}

/* see include/tern/hash.h */
void tern_sha1_out(const tern_sha1_ctx *ctx, uint8_t digest[20])
{
    uint32_t st[5];
    size_t i;

    memcpy(st, ctx->state, sizeof(st));
    tern_md_pad(st, ctx->buf, 64, ctx->count, 0, compress);
    for (i = 0; i < 5; i++) {
        tern_store_be32(digest + 4 * i, st[i]);
    }
    tern_wipe(st, sizeof(st));
}

/* Class adapters (the class pointer is the context's first member). */
static void cls_init(const tern_hash_class **ctx)
{
    tern_sha1_init((tern_sha1_ctx *)(void *)ctx);
}

static void cls_update(const tern_hash_class **ctx, const void *data, size_t len)
{
    tern_sha1_update((tern_sha1_ctx *)(void *)ctx, data, len);
}

static void cls_out(const tern_hash_class *const *ctx, uint8_t *digest)
{
    tern_sha1_out((const tern_sha1_ctx *)(const void *)ctx, digest);
}

/* see include/tern/hash.h */
const tern_hash_class tern_sha1_class = {
    .name = "SHA-1",
    .id = TERN_HASH_SHA1,
    .digest_len = 20,
    .block_len = 64,
    .ctx_size = (uint16_t)sizeof(tern_sha1_ctx),
    .init = cls_init,
    .update = cls_update,
    .out = cls_out,
};

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_sha1_unused_;
#endif /* TERN_CONFIG_SHA1 */
