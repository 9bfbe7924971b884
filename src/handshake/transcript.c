/*
 * Handshake transcript: SHA-256 and SHA-384 run side by side from the
 * first message, because the PRF hash is known only after ServerHello and
 * a TLS 1.2 CertificateVerify may use either (RFC 5246 7.4.8). Each runs
 * the configuration's class of its hash (tern_config_set_hash_class),
 * the built-in one by default.
 */
#include "common/try_internal.h"
#include "engine/engine_internal.h"

/* see src/handshake/handshake_internal.h */
void tern_transcript_init(tern_hs *hs, const tern_config *cfg)
{
    tern_hash_init(&hs->th256, tern_cfg_hash(cfg, &tern_sha256_class));
    tern_hash_init(&hs->th384, tern_cfg_hash(cfg, &tern_sha384_class));
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    tern_md5_init(&hs->thmd5);
    tern_sha1_init(&hs->thsha1);
#endif
}

/* see src/handshake/handshake_internal.h */
void tern_transcript_update(tern_hs *hs, const uint8_t *msg, size_t len)
{
    /* Wiped (handshake over or failed): nothing left to hash into. */
    if (hs->th256.vtable == NULL || hs->th384.vtable == NULL) {
        return;
    }
    hs->th256.vtable->update(&hs->th256.vtable, msg, len);
    hs->th384.vtable->update(&hs->th384.vtable, msg, len);
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    tern_md5_update(&hs->thmd5, msg, len);
    tern_sha1_update(&hs->thsha1, msg, len);
#endif
}

/* see src/handshake/handshake_internal.h */
int tern_transcript_hash(const tern_hs *hs, const tern_hash_class *hash, uint8_t *out, size_t *len)
{
    const tern_hash_ctx *ctx;

    TERN_ENSURE(hash != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    if (hash->id == TERN_HASH_SHA256) {
        ctx = &hs->th256;
    } else if (hash->id == TERN_HASH_SHA384) {
        ctx = &hs->th384;
    } else {
        return TERN_ERR_UNSUPPORTED_ALGORITHM;
    }
    TERN_ENSURE(ctx->vtable != NULL, TERN_ERR_INTERNAL); /* wiped */
    ctx->vtable->out(&ctx->vtable, out);
    *len = ctx->vtable->digest_len;
    return TERN_OK;
}
