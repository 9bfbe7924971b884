/*
 * Class-generic hash helpers: init through a class, one-shot hashing and
 * lookup by TLS HashAlgorithm id.
 */
#include "tern/hash.h"
#include "tern/util.h"

/* see include/tern/hash.h */
void tern_hash_init(tern_hash_ctx *ctx, const tern_hash_class *cls)
{
    cls->init(&ctx->vtable);
}

/* see include/tern/hash.h */
void tern_hash(const tern_hash_class *cls, const void *data, size_t len, uint8_t *out)
{
    tern_hash_ctx ctx;

    cls->init(&ctx.vtable);
    cls->update(&ctx.vtable, data, len);
    cls->out(&ctx.vtable, out);
    /* The state may describe secret data (a key being hashed). */
    tern_wipe(&ctx, sizeof(ctx));
}

/* see include/tern/hash.h */
const tern_hash_class *tern_hash_by_id(int id)
{
    switch (id) {
#if TERN_CONFIG_MD5
    case TERN_HASH_MD5:
        return &tern_md5_class;
#endif
#if TERN_CONFIG_SHA1
    case TERN_HASH_SHA1:
        return &tern_sha1_class;
#endif
    case TERN_HASH_SHA224:
        return &tern_sha224_class;
    case TERN_HASH_SHA256:
        return &tern_sha256_class;
    case TERN_HASH_SHA384:
        return &tern_sha384_class;
    case TERN_HASH_SHA512:
        return &tern_sha512_class;
    default:
        return NULL;
    }
}
