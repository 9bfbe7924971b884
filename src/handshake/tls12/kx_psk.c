/*
 * Pre-shared keys for the TLS 1.2 PSK key exchanges (RFC 4279 2 and 3,
 * RFC 5489 2): which key and identity the client uses, which key the
 * server finds for an identity, and the pre-master secret built around
 * the other secret:
 *
 *   struct {
 *       opaque other_secret<0..2^16-1>;
 *       opaque psk<0..2^16-1>;
 *   };
 *
 * other_secret is N zero bytes for plain PSK (N = the PSK's length), the
 * Diffie-Hellman value Z for DHE_PSK and ECDHE_PSK, the 48 bytes of the
 * encrypted premaster for RSA_PSK (RFC 4279 4).
 */
#include <string.h>

#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

/* see src/handshake/handshake_internal.h */
int tern_kx_psk_client_choose(tern_conn *c, const uint8_t *hint, size_t hint_len)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    size_t id_len = sizeof(hs->psk_buf->identity), key_len = sizeof(hs->psk_buf->key);
    int rc;

    if (hs->psk_len > 0) {
        return TERN_OK; /* chosen already */
    }
    TERN_ENSURE(hs->psk_buf != NULL, TERN_ERR_INTERNAL); /* no PSK suite was usable */
    if (cfg->psk_client_cb != NULL) {
        rc = cfg->psk_client_cb(cfg->user, hint, hint_len, hs->psk_buf->identity, &id_len,
                                hs->psk_buf->key, &key_len);
        if (rc != TERN_OK) {
            tern_wipe(hs->psk_buf->key, sizeof(hs->psk_buf->key));
            return rc < 0 ? rc : TERN_ERR_HANDSHAKE_FAILURE;
        }
        TERN_ENSURE(key_len > 0 && key_len <= sizeof(hs->psk_buf->key) &&
                        id_len <= sizeof(hs->psk_buf->identity),
                    TERN_ERR_BAD_CONFIG);
    } else {
        TERN_ENSURE(cfg->psk_key_len > 0 && cfg->psk_key_len <= sizeof(hs->psk_buf->key) &&
                        cfg->psk_identity_len <= sizeof(hs->psk_buf->identity),
                    TERN_ERR_BAD_CONFIG);
        key_len = cfg->psk_key_len;
        id_len = cfg->psk_identity_len;
        memcpy(hs->psk_buf->key, cfg->psk_key, key_len);
        memcpy(hs->psk_buf->identity, cfg->psk_identity, id_len);
    }
    hs->psk_len = (uint16_t)key_len;
    hs->psk_identity_len = (uint16_t)id_len;
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_kx_psk_server_find(tern_conn *c, const uint8_t *id, size_t id_len)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    size_t key_len = TERN_HS_PSK_MAX;
    int rc;

    TERN_ENSURE(hs->psk_buf != NULL, TERN_ERR_INTERNAL); /* no PSK suite was usable */
    /* RFC 4279 5.3: identities up to 128 bytes must be supported; longer
     * ones are not ours. */
    TERN_ENSURE(id_len <= sizeof(hs->psk_buf->identity), TERN_ERR_UNKNOWN_PSK_IDENTITY);
    if (cfg->psk_server_cb != NULL) {
        rc = cfg->psk_server_cb(cfg->user, id, id_len, hs->psk_buf->key, &key_len);
        if (rc != TERN_OK) {
            tern_wipe(hs->psk_buf->key, sizeof(hs->psk_buf->key));
            return rc < 0 ? rc : TERN_ERR_UNKNOWN_PSK_IDENTITY;
        }
        TERN_ENSURE(key_len > 0 && key_len <= sizeof(hs->psk_buf->key), TERN_ERR_BAD_CONFIG);
    } else {
        /* The identity is public: an ordinary comparison. */
        TERN_ENSURE(cfg->psk_key_len > 0 && id_len == cfg->psk_identity_len &&
                        (id_len == 0 || memcmp(id, cfg->psk_identity, id_len) == 0),
                    TERN_ERR_UNKNOWN_PSK_IDENTITY);
        TERN_ENSURE(cfg->psk_key_len <= sizeof(hs->psk_buf->key), TERN_ERR_BAD_CONFIG);
        key_len = cfg->psk_key_len;
        memcpy(hs->psk_buf->key, cfg->psk_key, key_len);
    }
    hs->psk_len = (uint16_t)key_len;
    memcpy(hs->psk_buf->identity, id, id_len);
    hs->psk_identity_len = (uint16_t)id_len;
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_kx_set_pms(tern_conn *c, const uint8_t *pms, size_t len)
{
    tern_hs *hs = &c->hs;
    const tern_hash_class *h = hs->suite->prf_hash;
    tern_hash_ctx ctx;

    TERN_ENSURE(len > 0, TERN_ERR_INTERNAL);
    /* The TLS 1.0/1.1 PRF (RFC 2246 5) splits the secret in halves: it
     * is kept whole there (RSA_PSK: 52 bytes plus the PSK). */
    if (len <= sizeof(hs->ks.pms) && (len <= h->block_len || hs->version < TERN_TLS12)) {
        memcpy(hs->ks.pms, pms, len);
        hs->pms_len = (uint16_t)len;
        return TERN_OK;
    }
    TERN_ENSURE(hs->version >= TERN_TLS12, TERN_ERR_INTERNAL);
    /* RFC 2104 2: HMAC keys longer than the block are hashed first; the
     * PRF (RFC 5246 5) keys HMAC with the secret, so H(secret) gives the
     * same master secret. */
    TERN_ENSURE(h->digest_len <= sizeof(hs->ks.pms) && h->ctx_size <= sizeof(ctx), TERN_ERR_INTERNAL);
    h->init(&ctx.vtable);
    ctx.vtable->update(&ctx.vtable, pms, len);
    ctx.vtable->out(&ctx.vtable, hs->ks.pms);
    tern_wipe(&ctx, sizeof(ctx));
    hs->pms_len = h->digest_len;
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_kx_psk_premaster(tern_conn *c, const uint8_t *other, size_t other_len)
{
    tern_hs *hs = &c->hs;
    uint8_t buf[4 + TERN_KX_MAX_SECRET + TERN_HS_PSK_MAX];
    size_t psk_len = hs->psk_len, n;
    int rc;

    TERN_ENSURE(hs->psk_buf != NULL && psk_len > 0 && psk_len <= sizeof(hs->psk_buf->key),
                TERN_ERR_INTERNAL);
    if (other == NULL) {
        other_len = psk_len; /* plain PSK: N zero bytes (RFC 4279 2) */
    }
    TERN_ENSURE(other_len <= TERN_KX_MAX_SECRET, TERN_ERR_INTERNAL);
    tern_store_be16(buf, (uint16_t)other_len);
    if (other == NULL) {
        memset(buf + 2, 0, other_len);
    } else {
        memcpy(buf + 2, other, other_len);
    }
    tern_store_be16(buf + 2 + other_len, (uint16_t)psk_len);
    memcpy(buf + 4 + other_len, hs->psk_buf->key, psk_len);
    n = 4 + other_len + psk_len;
    rc = tern_kx_set_pms(c, buf, n);
    tern_wipe(buf, sizeof(buf));
    tern_wipe(hs->psk_buf->key, sizeof(hs->psk_buf->key));
    hs->psk_len = 0;
    return rc;
}
