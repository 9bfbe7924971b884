/*
 * What the key exchange of the chosen suite means for the flow (which
 * messages come, RFC 5246 7.3; RFC 4279 2; RFC 5489 2) and whether a
 * suite can be used at all under a configuration.
 *
 *   kx          server Certificate   ServerKeyExchange
 *   ECDHE, DHE  yes                  signed parameters
 *   RSA         yes                  none
 *   PSK         none                 only with an identity hint
 *   ECDHE_PSK   none                 hint + unsigned parameters
 *   DHE_PSK     none                 hint + unsigned parameters
 *   RSA_PSK     yes                  only with an identity hint
 */
#include "common/try_internal.h"
#include "engine/engine_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_kx_is_psk(uint8_t kx)
{
    return kx == TERN_KX_PSK || kx == TERN_KX_ECDHE_PSK || kx == TERN_KX_DHE_PSK ||
           kx == TERN_KX_RSA_PSK;
}

/* see src/handshake/handshake_internal.h */
int tern_kx_rsa_encrypted(uint8_t kx)
{
    return kx == TERN_KX_RSA || kx == TERN_KX_RSA_PSK;
}

/* see src/handshake/handshake_internal.h */
int tern_tls12_suite_usable(const tern_config *cfg, int role, const tern_suite_info *si)
{
    if (si == NULL) {
        return 0;
    }
    if (tern_kx_is_psk(si->kx)) {
        if (role == TERN_CLIENT) {
            return cfg->psk_client_cb != NULL || cfg->psk_key_len > 0;
        }
        return cfg->psk_server_cb != NULL || cfg->psk_key_len > 0;
    }
    return 1;
}

/* see src/handshake/handshake_internal.h */
unsigned tern_tls12_suites_need(const tern_config *cfg, int role)
{
    unsigned need = 0;
    size_t i;
    for (i = 0; i < cfg->suites_count && i < TERN_MAX_SUITES; i++) {
        const tern_suite_info *si = tern_suite_info_get(cfg->suites[i]);
        if (!tern_tls12_suite_usable(cfg, role, si)) {
            continue;
        }
        if (si->auth != TERN_KEY_NONE) {
            need |= TERN_NEED_CERT;
        } else {
            need |= TERN_NEED_PSK;
        }
        if (si->kx == TERN_KX_ECDHE || si->kx == TERN_KX_ECDHE_PSK) {
            need |= TERN_NEED_GROUPS;
        }
    }
    return need;
}

/* see src/handshake/handshake_internal.h */
int tern_tls12_kx_start(tern_conn *c)
{
    tern_hs *hs = &c->hs;
    uint8_t kx;

    TERN_ENSURE(hs->suite != NULL, TERN_ERR_INTERNAL);
    /* A client only offered suites it could use (client_hello.c). */
    TERN_ENSURE(tern_tls12_suite_usable(c->cfg, c->role, hs->suite), TERN_ERR_ILLEGAL_PARAMETER);
    kx = hs->suite->kx;
    hs->bits &=
        (uint8_t) ~(TERN_HSB_NO_CERT | TERN_HSB_NO_SKE | TERN_HSB_SKE_SURE | TERN_HSB_PSK_HINT);
    switch (kx) {
    case TERN_KX_RSA:
        hs->bits |= TERN_HSB_NO_SKE | TERN_HSB_SKE_SURE;
        break;
    case TERN_KX_PSK:
        /* The client learns from the next message whether a hint
         * comes; the server sends one when it has one. */
        hs->bits |= TERN_HSB_NO_CERT;
        if (c->role == TERN_SERVER && c->cfg->psk_hint_len > 0) {
            hs->bits |= TERN_HSB_PSK_HINT;
        }
        break;
    case TERN_KX_RSA_PSK:
        /* RFC 4279 4: Certificate as for static RSA; ServerKeyExchange
         * only to carry a hint, as for plain PSK */
        if (c->role == TERN_SERVER && c->cfg->psk_hint_len > 0) {
            hs->bits |= TERN_HSB_PSK_HINT;
        }
        break;
    case TERN_KX_ECDHE_PSK:
    case TERN_KX_DHE_PSK:
        hs->bits |= TERN_HSB_NO_CERT | TERN_HSB_SKE_SURE;
        break;
    case TERN_KX_ECDHE:
    case TERN_KX_DHE:
        hs->bits |= TERN_HSB_SKE_SURE;
        break;
    default:
        return TERN_ERR_INTERNAL;
    }
    return TERN_OK;
}
