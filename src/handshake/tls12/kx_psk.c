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
 * Diffie-Hellman value Z for DHE_PSK and ECDHE_PSK.
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
    size_t id_len = sizeof(hs->psk_identity), key_len = sizeof(hs->psk);
    int rc;

    if (hs->psk_len > 0) {
        return TERN_OK; /* chosen already */
    }
    if (cfg->psk_client_cb != NULL) {
        rc = cfg->psk_client_cb(cfg->user, hint, hint_len, hs->psk_identity, &id_len, hs->psk,
                                &key_len);
        if (rc != TERN_OK) {
            tern_wipe(hs->psk, sizeof(hs->psk));
            return rc < 0 ? rc : TERN_ERR_HANDSHAKE_FAILURE;
        }
        TERN_ENSURE(key_len > 0 && key_len <= sizeof(hs->psk) && id_len <= sizeof(hs->psk_identity),
                    TERN_ERR_BAD_CONFIG);
    } else {
        TERN_ENSURE(cfg->psk_key_len > 0 && cfg->psk_key_len <= sizeof(hs->psk) &&
                        cfg->psk_identity_len <= sizeof(hs->psk_identity),
                    TERN_ERR_BAD_CONFIG);
        key_len = cfg->psk_key_len;
        id_len = cfg->psk_identity_len;
        memcpy(hs->psk, cfg->psk_key, key_len);
        memcpy(hs->psk_identity, cfg->psk_identity, id_len);
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
    size_t key_len = sizeof(hs->psk);
    int rc;

    /* RFC 4279 5.3: identities up to 128 bytes must be supported; longer
     * ones are not ours. */
    TERN_ENSURE(id_len <= sizeof(hs->psk_identity), TERN_ERR_UNKNOWN_PSK_IDENTITY);
    if (cfg->psk_server_cb != NULL) {
        rc = cfg->psk_server_cb(cfg->user, id, id_len, hs->psk, &key_len);
        if (rc != TERN_OK) {
            tern_wipe(hs->psk, sizeof(hs->psk));
            return rc < 0 ? rc : TERN_ERR_UNKNOWN_PSK_IDENTITY;
        }
        TERN_ENSURE(key_len > 0 && key_len <= sizeof(hs->psk), TERN_ERR_BAD_CONFIG);
    } else {
        /* The identity is public: an ordinary comparison. */
        TERN_ENSURE(cfg->psk_key_len > 0 && id_len == cfg->psk_identity_len &&
                        (id_len == 0 || memcmp(id, cfg->psk_identity, id_len) == 0),
                    TERN_ERR_UNKNOWN_PSK_IDENTITY);
        TERN_ENSURE(cfg->psk_key_len <= sizeof(hs->psk), TERN_ERR_BAD_CONFIG);
        key_len = cfg->psk_key_len;
        memcpy(hs->psk, cfg->psk_key, key_len);
    }
    hs->psk_len = (uint16_t)key_len;
    memcpy(hs->psk_identity, id, id_len);
    hs->psk_identity_len = (uint16_t)id_len;
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_kx_psk_premaster(tern_conn *c, size_t other_len)
{
    tern_hs *hs = &c->hs;
    size_t psk_len = hs->psk_len;

    TERN_ENSURE(psk_len > 0 && other_len <= TERN_HS_MAX_KEX_PUB &&
                    4 + other_len + psk_len <= sizeof(hs->pms),
                TERN_ERR_INTERNAL);
    memmove(hs->pms + 2, hs->pms, other_len);
    tern_store_be16(hs->pms, (uint16_t)other_len);
    tern_store_be16(hs->pms + 2 + other_len, (uint16_t)psk_len);
    memcpy(hs->pms + 4 + other_len, hs->psk, psk_len);
    hs->pms_len = (uint16_t)(4 + other_len + psk_len);
    tern_wipe(hs->psk, sizeof(hs->psk));
    hs->psk_len = 0;
    return TERN_OK;
}
