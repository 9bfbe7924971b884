/*
 * Handshake transcript: SHA-256 and SHA-384 run side by side from the
 * first message, because the PRF hash is known only after ServerHello and
 * a TLS 1.2 CertificateVerify may use either (RFC 5246 7.4.8). Each runs
 * the configuration's class of its hash (tern_config_set_hash_class),
 * the built-in one by default.
 */
#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

/* A context's room, kept 8-byte aligned. */
static size_t room(const tern_hash_class *cls)
{
    return ((size_t)cls->ctx_size + 7u) & ~(size_t)7u;
}

/* see src/handshake/handshake_internal.h */
size_t tern_transcript_size(const tern_config *cfg)
{
    return room(tern_cfg_hash(cfg, &tern_sha256_class)) +
           room(tern_cfg_hash(cfg, &tern_sha384_class));
}

/* see src/handshake/handshake_internal.h */
void tern_transcript_bind(tern_hs *hs, void *mem, const tern_config *cfg)
{
    uint8_t *p = (uint8_t *)mem;
    hs->th256 = (const tern_hash_class **)(void *)p;
    hs->th384 =
        (const tern_hash_class **)(void *)(p + room(tern_cfg_hash(cfg, &tern_sha256_class)));
}

/* see src/handshake/handshake_internal.h */
void tern_transcript_init(tern_hs *hs, const tern_config *cfg)
{
    tern_cfg_hash(cfg, &tern_sha256_class)->init(hs->th256);
    tern_cfg_hash(cfg, &tern_sha384_class)->init(hs->th384);
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    tern_md5_init(&hs->thmd5);
    tern_sha1_init(&hs->thsha1);
#endif
}

/* see src/handshake/handshake_internal.h */
void tern_transcript_update(tern_hs *hs, const uint8_t *msg, size_t len)
{
    /* Wiped (handshake over or failed): nothing left to hash into. */
    if (*hs->th256 == NULL || *hs->th384 == NULL) {
        return;
    }
    (*hs->th256)->update(hs->th256, msg, len);
    (*hs->th384)->update(hs->th384, msg, len);
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    tern_md5_update(&hs->thmd5, msg, len);
    tern_sha1_update(&hs->thsha1, msg, len);
#endif
}

/* see src/handshake/handshake_internal.h */
int tern_transcript_hash(const tern_hs *hs, const tern_hash_class *hash, uint8_t *out, size_t *len)
{
    const tern_hash_class *const *ctx;

    TERN_ENSURE(hash != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    if (hash->id == TERN_HASH_SHA256) {
        ctx = hs->th256;
    } else if (hash->id == TERN_HASH_SHA384) {
        ctx = hs->th384;
    } else {
        return TERN_ERR_UNSUPPORTED_ALGORITHM;
    }
    TERN_ENSURE(*ctx != NULL, TERN_ERR_INTERNAL); /* wiped */
    (*ctx)->out(ctx, out);
    *len = (*ctx)->digest_len;
    return TERN_OK;
}

/* Wipes one context (its class tells its size; a wiped one is zero). */
static void wipe_ctx(const tern_hash_class **ctx)
{
    if (ctx != NULL && *ctx != NULL) {
        tern_wipe(ctx, (*ctx)->ctx_size);
    }
}

/* see src/handshake/handshake_internal.h */
void tern_transcript_wipe(tern_hs *hs)
{
    wipe_ctx(hs->th256);
    wipe_ctx(hs->th384);
}
