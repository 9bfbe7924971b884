/*
 * HMAC (RFC 2104, FIPS 198-1) over any hash class.
 *
 * Both pads are absorbed at init, so a keyed context is two hash states;
 * out finishes copies of them, which keeps the context reusable. The
 * padded key block and every temporary digest are wiped before return.
 */
#include <string.h>

#include "tern/mac.h"
#include "tern/util.h"

/* see include/tern/mac.h */
void tern_hmac_init(tern_hmac_ctx *ctx, const tern_hash_class *h, const uint8_t *key,
                    size_t key_len)
{
    uint8_t k[TERN_HASH_MAX_BLOCK];
    size_t bl = h->block_len;
    size_t i;

    memset(k, 0, sizeof(k));
    /* RFC 2104 2: a key longer than B bytes is replaced by H(key). */
    if (key_len > bl) {
        tern_hash(h, key, key_len, k);
    } else if (key_len > 0) {
        memcpy(k, key, key_len);
    }
    for (i = 0; i < bl; i++) {
        k[i] ^= 0x36; /* ipad */
    }
    h->init(&ctx->inner.vtable);
    h->update(&ctx->inner.vtable, k, bl);
    for (i = 0; i < bl; i++) {
        k[i] ^= 0x36 ^ 0x5c; /* ipad -> opad */
    }
    h->init(&ctx->outer.vtable);
    h->update(&ctx->outer.vtable, k, bl);
    tern_wipe(k, sizeof(k));
}

/* see include/tern/mac.h */
void tern_hmac_update(tern_hmac_ctx *ctx, const void *data, size_t len)
{
    ctx->inner.vtable->update(&ctx->inner.vtable, data, len);
}

/* see include/tern/mac.h */
void tern_hmac_out(const tern_hmac_ctx *ctx, uint8_t *out)
{
    const tern_hash_class *h = ctx->inner.vtable;
    uint8_t ihash[TERN_HASH_MAX_DIGEST];
    tern_hash_ctx outer;

    h->out(&ctx->inner.vtable, ihash);
    outer = ctx->outer;
    h->update(&outer.vtable, ihash, h->digest_len);
    h->out(&outer.vtable, out);
    tern_wipe(ihash, sizeof(ihash));
    tern_wipe(&outer, sizeof(outer));
}

/* see include/tern/mac.h */
size_t tern_hmac_size(const tern_hmac_ctx *ctx)
{
    return ctx->inner.vtable->digest_len;
}

/* see include/tern/mac.h */
void tern_hmac_wipe(tern_hmac_ctx *ctx)
{
    tern_wipe(ctx, sizeof(*ctx));
}

/* see include/tern/mac.h */
void tern_hmac(const tern_hash_class *h, const uint8_t *key, size_t key_len, const void *data,
               size_t len, uint8_t *out)
{
    tern_hmac_ctx ctx;

    tern_hmac_init(&ctx, h, key, key_len);
    tern_hmac_update(&ctx, data, len);
    tern_hmac_out(&ctx, out);
    tern_hmac_wipe(&ctx);
}
