/*
 * Static RSA key exchange (RFC 5246 7.4.7.1):
 *
 *   struct {
 *       ProtocolVersion client_version;
 *       opaque random[46];
 *   } PreMasterSecret;
 *   struct {
 *       public-key-encrypted PreMasterSecret pre_master_secret;
 *   } EncryptedPreMasterSecret;   (an opaque<0..2^16-1> in TLS 1.2)
 *
 * Legacy: no forward secrecy; the suites are used only when a suite list
 * names them (docs/kx.md). The server side is the Bleichenbacher-safe
 * construction of 7.4.7.1: tern_rsa_pkcs1_decrypt_tls() draws a random
 * premaster first and keeps it, with masks and no branch, whenever the
 * padding, the length or the version is wrong; the handshake goes on
 * exactly as with a good premaster and fails at Finished (the client's
 * Finished does not decrypt: bad_record_mac), the same alert as for a
 * well-padded wrong premaster. The version compared is the one the
 * ClientHello offered, never the negotiated one.
 *
 * RSA_PSK (RFC 4279 4) sends the same EncryptedPreMasterSecret after the
 * client's psk_identity and makes the 48 bytes the other_secret of the
 * PSK pre-master secret (tern_kx_rsa_psk_premaster): a bad ciphertext is
 * again found out only at Finished, like a wrong PSK.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA && TERN_CONFIG_STATIC_RSA

#include <string.h>

#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/rsa.h"
#include "tern/util.h"

#define PMS_LEN 48

/* see src/handshake/handshake_internal.h */
int tern_kx_rsa_write(tern_conn *c, tern_writer *w)
{
    tern_hs *hs = &c->hs;
    uint8_t ct[(TERN_CONFIG_MAX_RSA_BITS + 7) / 8];
    size_t ct_len = sizeof(ct);
    int rc;

    TERN_ENSURE(hs->peer_key.type == TERN_KEY_RSA && hs->peer_key_len > 0, TERN_ERR_INTERNAL);
    hs->ks.pms[0] = (uint8_t)(hs->client_version >> 8);
    hs->ks.pms[1] = (uint8_t)hs->client_version;
    TERN_TRY(tern_engine_random(c, hs->ks.pms + 2, PMS_LEN - 2));
    hs->pms_len = PMS_LEN;
    rc = tern_rsa_pkcs1_encrypt(&hs->peer_key.u.rsa, c->rng, hs->ks.pms, PMS_LEN, ct, &ct_len);
    tern_hs_release_peer_key(c);
    TERN_TRY(rc);
    TERN_TRY(tern_write_u16(w, (uint16_t)ct_len));
    return tern_write_bytes(w, ct, ct_len);
}

/* see src/handshake/handshake_internal.h */
int tern_kx_rsa_read(tern_conn *c, const uint8_t *ct, size_t ct_len)
{
    tern_hs *hs = &c->hs;
    uint8_t version[2];

    TERN_ENSURE(hs->cred >= 0 && c->cfg->credentials[hs->cred].key.type == TERN_KEY_RSA,
                TERN_ERR_INTERNAL);
    version[0] = (uint8_t)(hs->client_version >> 8);
    version[1] = (uint8_t)hs->client_version;
    /* Whatever the ciphertext, pms holds 48 bytes afterwards (7.4.7.1):
     * the only errors are faults and the generator's. */
    TERN_TRY(tern_rsa_pkcs1_decrypt_tls(&c->cfg->credentials[hs->cred].key.u.rsa, c->rng, ct,
                                        ct_len, hs->ks.pms, version));
    hs->pms_len = PMS_LEN;
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_kx_rsa_psk_premaster(tern_conn *c)
{
    tern_hs *hs = &c->hs;
    uint8_t other[PMS_LEN];
    int rc;

    TERN_ENSURE(hs->pms_len == PMS_LEN, TERN_ERR_INTERNAL);
    /* a copy: tern_kx_psk_premaster writes hs->ks.pms */
    memcpy(other, hs->ks.pms, PMS_LEN);
    rc = tern_kx_psk_premaster(c, other, PMS_LEN);
    tern_wipe(other, sizeof(other));
    if (rc != TERN_OK) {
        tern_wipe(hs->ks.pms, sizeof(hs->ks.pms));
        hs->pms_len = 0;
        if (hs->psk_buf != NULL) {
            tern_wipe(hs->psk_buf->key, sizeof(hs->psk_buf->key));
        }
        hs->psk_len = 0;
    }
    return rc;
}

#else
typedef int tern_kx_rsa_unused_;
#endif
