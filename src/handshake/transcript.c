/*
 * Handshake transcript: SHA-256 and SHA-384 run side by side from the
 * first message, because the PRF hash is known only after ServerHello and
 * a TLS 1.2 CertificateVerify may use either (RFC 5246 7.4.8).
 */
#include "common/try_internal.h"
#include "handshake/handshake_internal.h"

/* see src/handshake/handshake_internal.h */
void tern_transcript_init(tern_hs *hs)
{
    tern_sha256_init(&hs->th256);
    tern_sha384_init(&hs->th384);
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    tern_md5_init(&hs->thmd5);
    tern_sha1_init(&hs->thsha1);
#endif
}

/* see src/handshake/handshake_internal.h */
void tern_transcript_update(tern_hs *hs, const uint8_t *msg, size_t len)
{
    tern_sha256_update(&hs->th256, msg, len);
    tern_sha512_update(&hs->th384, msg, len);
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    tern_md5_update(&hs->thmd5, msg, len);
    tern_sha1_update(&hs->thsha1, msg, len);
#endif
}

/* see src/handshake/handshake_internal.h */
int tern_transcript_hash(const tern_hs *hs, const tern_hash_class *hash, uint8_t *out, size_t *len)
{
    TERN_ENSURE(hash != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    if (hash->id == TERN_HASH_SHA256) {
        tern_sha256_out(&hs->th256, out);
        *len = 32;
        return TERN_OK;
    }
    if (hash->id == TERN_HASH_SHA384) {
        tern_sha384_out(&hs->th384, out);
        *len = 48;
        return TERN_OK;
    }
    return TERN_ERR_UNSUPPORTED_ALGORITHM;
}
