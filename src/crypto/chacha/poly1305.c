/*
 * Poly1305 (RFC 8439 2.5): the incremental interface over the core that
 * TERN_CONFIG_WORD_BITS selects (poly1305_64.c or poly1305_32.c), with
 * long runs of blocks going to AVX2 (poly1305_x86.c) when the CPU has it.
 * This file keeps the partial block and the key half s; the cores do the
 * arithmetic.
 */
#include "tern/config.h"

#if TERN_CONFIG_CHACHA20

#include <string.h>

#include "crypto/chacha/chacha_internal.h"
#include "tern/chacha.h"
#include "tern/util.h"

#if TERN_CONFIG_WORD_BITS == 64
#define CORE_INIT(ctx, r) tern_poly1305_64_init((ctx)->st.w64, (r))
#define CORE_BLOCKS(ctx, m, n, hi) tern_poly1305_64_blocks((ctx)->st.w64, (m), (n), (hi))
#define CORE_FINISH(ctx, tag) tern_poly1305_64_finish((ctx)->st.w64, (ctx)->s, (tag))
#else
#define CORE_INIT(ctx, r) tern_poly1305_32_init((ctx)->st.w32, (r))
#define CORE_BLOCKS(ctx, m, n, hi) tern_poly1305_32_blocks((ctx)->st.w32, (m), (n), (hi))
#define CORE_FINISH(ctx, tag) tern_poly1305_32_finish((ctx)->st.w32, (ctx)->s, (tag))
#endif

/* Absorbs n full blocks: with AVX2 when it is there and n is large
 * enough, the rest (or all) with the core. */
static void full_blocks(tern_poly1305_ctx *ctx, const uint8_t *m, size_t n)
{
#if TERN_CONFIG_CHACHA20_X86 && TERN_CONFIG_WORD_BITS == 64
    if (n >= TERN_POLY1305_AVX2_MIN_BLOCKS && tern_chacha20_avx2_supported()) {
        size_t done = tern_poly1305_64_blocks_avx2(ctx->st.w64, m, n);
        m += 16 * done;
        n -= done;
    }
#endif
    if (n > 0) {
        CORE_BLOCKS(ctx, m, n, 1);
    }
}

/* see include/tern/chacha.h */
void tern_poly1305_init(tern_poly1305_ctx *ctx, const uint8_t key[32])
{
    memset(ctx, 0, sizeof(*ctx));
    CORE_INIT(ctx, key);
    memcpy(ctx->s, key + 16, 16);
}

/* see include/tern/chacha.h */
void tern_poly1305_update(tern_poly1305_ctx *ctx, const uint8_t *msg, size_t len)
{
    size_t n;

    if (len == 0) {
        return;
    }
    if (ctx->buf_len > 0) {
        n = 16 - ctx->buf_len;
        if (n > len) {
            n = len;
        }
        memcpy(ctx->buf + ctx->buf_len, msg, n);
        ctx->buf_len += n;
        msg += n;
        len -= n;
        if (ctx->buf_len < 16) {
            return;
        }
        CORE_BLOCKS(ctx, ctx->buf, 1, 1);
        ctx->buf_len = 0;
    }
    n = len / 16;
    if (n > 0) {
        full_blocks(ctx, msg, n);
        msg += 16 * n;
        len -= 16 * n;
    }
    if (len > 0) {
        memcpy(ctx->buf, msg, len);
        ctx->buf_len = len;
    }
}

/* see include/tern/chacha.h */
void tern_poly1305_final(tern_poly1305_ctx *ctx, uint8_t tag[16])
{
    if (ctx->buf_len > 0) {
        /* RFC 8439 2.5: a short last block gets a 0x01 byte after it and
         * zeros up to 16 bytes, and no 2^128. */
        ctx->buf[ctx->buf_len] = 1;
        memset(ctx->buf + ctx->buf_len + 1, 0, 15 - ctx->buf_len);
        CORE_BLOCKS(ctx, ctx->buf, 1, 0);
    }
    CORE_FINISH(ctx, tag);
    tern_wipe(ctx, sizeof(*ctx));
}

/* see include/tern/chacha.h */
void tern_poly1305(const uint8_t key[32], const uint8_t *msg, size_t len, uint8_t tag[16])
{
    tern_poly1305_ctx ctx;

    tern_poly1305_init(&ctx, key);
    tern_poly1305_update(&ctx, msg, len);
    tern_poly1305_final(&ctx, tag);
}

#else
typedef int tern_poly1305_unused;
#endif /* TERN_CONFIG_CHACHA20 */
