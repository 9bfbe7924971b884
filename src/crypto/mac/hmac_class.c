/*
 * The HMAC MAC classes (tern_mac_class instances over tern_hmac_*).
 */
#include "tern/mac.h"

/* The class pointer is the first member of tern_hmac_class_ctx, so its
 * address is the context's address (C99 6.7.2.1p13). */
static tern_hmac_class_ctx *as_ctx(const tern_mac_class **ctx)
{
    return (tern_hmac_class_ctx *)(void *)ctx;
}

static int init_with(const tern_mac_class **ctx, const tern_mac_class *cls,
                     const tern_hash_class *h, const uint8_t *key, size_t key_len)
{
    tern_hmac_class_ctx *c = as_ctx(ctx);
    c->vtable = cls;
    tern_hmac_init(&c->hmac, h, key, key_len);
    return TERN_OK;
}

static void cls_update(const tern_mac_class **ctx, const void *data, size_t len)
{
    tern_hmac_update(&as_ctx(ctx)->hmac, data, len);
}

static void cls_out(const tern_mac_class *const *ctx, uint8_t *tag)
{
    tern_hmac_out(&((const tern_hmac_class_ctx *)(const void *)ctx)->hmac, tag);
}

#if TERN_CONFIG_SHA1
static int init_sha1(const tern_mac_class **ctx, const uint8_t *key, size_t key_len)
{
    return init_with(ctx, &tern_hmac_sha1_class, &tern_sha1_class, key, key_len);
}

/* see include/tern/mac.h */
const tern_mac_class tern_hmac_sha1_class = {
    .name = "HMAC-SHA1",
    .tag_len = 20,
    .ctx_size = (uint16_t)sizeof(tern_hmac_class_ctx),
    .init = init_sha1,
    .update = cls_update,
    .out = cls_out,
};
#endif

static int init_sha256(const tern_mac_class **ctx, const uint8_t *key, size_t key_len)
{
    return init_with(ctx, &tern_hmac_sha256_class, &tern_sha256_class, key, key_len);
}

static int init_sha384(const tern_mac_class **ctx, const uint8_t *key, size_t key_len)
{
    return init_with(ctx, &tern_hmac_sha384_class, &tern_sha384_class, key, key_len);
}

static int init_sha512(const tern_mac_class **ctx, const uint8_t *key, size_t key_len)
{
    return init_with(ctx, &tern_hmac_sha512_class, &tern_sha512_class, key, key_len);
}

/* see include/tern/mac.h */
const tern_mac_class tern_hmac_sha256_class = {
    .name = "HMAC-SHA256",
    .tag_len = 32,
    .ctx_size = (uint16_t)sizeof(tern_hmac_class_ctx),
    .init = init_sha256,
    .update = cls_update,
    .out = cls_out,
};

/* see include/tern/mac.h */
const tern_mac_class tern_hmac_sha384_class = {
    .name = "HMAC-SHA384",
    .tag_len = 48,
    .ctx_size = (uint16_t)sizeof(tern_hmac_class_ctx),
    .init = init_sha384,
    .update = cls_update,
    .out = cls_out,
};

/* see include/tern/mac.h */
const tern_mac_class tern_hmac_sha512_class = {
    .name = "HMAC-SHA512",
    .tag_len = 64,
    .ctx_size = (uint16_t)sizeof(tern_hmac_class_ctx),
    .init = init_sha512,
    .update = cls_update,
    .out = cls_out,
};
