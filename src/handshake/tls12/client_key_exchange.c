/*
 * ClientKeyExchange for ECDHE (RFC 8422 5.7):
 *
 *   struct { opaque point <1..2^8-1>; } ECPoint;
 *   struct { ECPoint ecdh_Yc; } ClientECDiffieHellmanPublic;
 *
 * The other key exchanges (RFC 5246 7.4.7, RFC 4279 2-3, RFC 5489 2):
 *   DHE:        opaque dh_Yc<1..2^16-1>
 *   RSA:        EncryptedPreMasterSecret, opaque <0..2^16-1> (kx_rsa.c)
 *   PSK:        opaque psk_identity<0..2^16-1>
 *   DHE_PSK:    psk_identity, dh_Yc
 *   ECDHE_PSK:  psk_identity, ECPoint
 *   RSA_PSK:    psk_identity, EncryptedPreMasterSecret (RFC 4279 4)
 *
 * Once it is in the transcript both sides derive the master secret (the
 * extended master secret covers it, RFC 7627 4) and the key block.
 */
#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

/* see src/handshake/handshake_internal.h */
int tern_tls12_client_key_exchange_parse(const uint8_t *body, size_t len, const uint8_t **point,
                                         size_t *point_len)
{
    tern_reader r, v;
    tern_reader_init(&r, body, len);
    TERN_TRY(tern_read_vec(&r, 1, 1, 0xff, &v));
    TERN_TRY(tern_reader_expect_end(&r));
    *point = v.p;
    *point_len = v.left;
    return TERN_OK;
}

/* Client: the identity (PSK kinds), then our share (made when the
 * ServerKeyExchange was checked) or, for static RSA, the encrypted
 * premaster. */
static int cke_write(tern_conn *c, tern_writer *w)
{
    tern_hs *hs = &c->hs;
    uint8_t kx = hs->suite->kx;

    if (kx == TERN_KX_PSK || kx == TERN_KX_RSA_PSK) {
        /* no ServerKeyExchange, or one with just the hint (chosen then) */
        static const uint8_t no_hint[1] = {0};
        TERN_TRY(tern_kx_psk_client_choose(c, no_hint, 0));
    }
    if (kx == TERN_KX_PSK) {
        TERN_TRY(tern_kx_psk_premaster(c, NULL, 0));
    }
    if (tern_kx_is_psk(kx)) {
        TERN_TRY(tern_write_u16(w, hs->psk_identity_len));
        TERN_ENSURE(hs->psk_buf != NULL, TERN_ERR_INTERNAL);
        TERN_TRY(tern_write_bytes(w, hs->psk_buf->identity, hs->psk_identity_len));
    }
    switch (kx) {
#if TERN_CONFIG_RSA && TERN_CONFIG_STATIC_RSA
    case TERN_KX_RSA:
        return tern_kx_rsa_write(c, w);
    case TERN_KX_RSA_PSK:
        TERN_TRY(tern_kx_rsa_write(c, w));
        return tern_kx_rsa_psk_premaster(c);
#endif
    case TERN_KX_PSK:
        return TERN_OK;
#if TERN_CONFIG_FFDH
    case TERN_KX_DHE:
    case TERN_KX_DHE_PSK:
        TERN_ENSURE(hs->pms_len > 0, TERN_ERR_INTERNAL);
        return tern_kx_dhe_public_write(c, w);
#endif
    case TERN_KX_ECDHE:
    case TERN_KX_ECDHE_PSK:
        TERN_ENSURE(hs->pms_len > 0 && hs->kex_pub_len > 0 && hs->kex_pub_len <= 0xff,
                    TERN_ERR_INTERNAL);
        TERN_TRY(tern_write_u8(w, (uint8_t)hs->kex_pub_len));
        return tern_write_bytes(w, hs->kex_pub, hs->kex_pub_len);
    default:
        return TERN_ERR_INTERNAL;
    }
}

/* Server: ECDHE share -> shared secret. */
static int ecdh_derive(tern_conn *c, const uint8_t *point, size_t point_len, uint8_t *secret,
                       size_t *secret_len)
{
    tern_hs *hs = &c->hs;
    int rc;

    TERN_ENSURE(hs->kex != NULL && hs->kex->secret_len <= TERN_KX_MAX_SECRET, TERN_ERR_INTERNAL);
    TERN_ENSURE(point_len == hs->kex->pub_len, TERN_ERR_ILLEGAL_PARAMETER);
    rc = hs->kex->derive(hs->kex, hs->kex_priv, point, point_len, secret);
    tern_wipe(hs->kex_priv, sizeof(hs->kex_priv));
    TERN_TRY(rc);
    *secret_len = hs->kex->secret_len;
    return TERN_OK;
}

/* Server: the client's share, encrypted premaster or identity gives the
 * pre-master secret. */
static int cke_read(tern_conn *c, const uint8_t *body, size_t len)
{
    tern_hs *hs = &c->hs;
    uint8_t kx = hs->suite->kx;
    uint8_t secret[TERN_KX_MAX_SECRET];
    size_t secret_len = 0;
    tern_reader r, v;
    int rc;

    tern_reader_init(&r, body, len);
    if (tern_kx_is_psk(kx)) {
        TERN_TRY(tern_read_vec16(&r, &v));
        TERN_TRY(tern_kx_psk_server_find(c, v.p, v.left));
    }
    switch (kx) {
    case TERN_KX_ECDHE:
    case TERN_KX_ECDHE_PSK:
        TERN_TRY(tern_read_vec(&r, 1, 1, 0xff, &v));
        TERN_TRY(tern_reader_expect_end(&r));
        rc = ecdh_derive(c, v.p, v.left, secret, &secret_len);
        break;
#if TERN_CONFIG_FFDH
    case TERN_KX_DHE:
    case TERN_KX_DHE_PSK:
        TERN_TRY(tern_read_vec(&r, 2, 1, 0xffff, &v));
        TERN_TRY(tern_reader_expect_end(&r));
        rc = tern_kx_dhe_derive(c, v.p, v.left, secret, &secret_len);
        break;
#endif
#if TERN_CONFIG_RSA && TERN_CONFIG_STATIC_RSA
    case TERN_KX_RSA:
        TERN_TRY(tern_read_vec16(&r, &v));
        TERN_TRY(tern_reader_expect_end(&r));
        return tern_kx_rsa_read(c, v.p, v.left);
    case TERN_KX_RSA_PSK:
        /* the identity is known (else unknown_psk_identity above); any
         * ciphertext gives 48 bytes, a bad one fails at Finished */
        rc = tern_read_vec16(&r, &v);
        if (rc == TERN_OK) {
            rc = tern_reader_expect_end(&r);
        }
        if (rc == TERN_OK) {
            rc = tern_kx_rsa_read(c, v.p, v.left);
        }
        if (rc == TERN_OK) {
            return tern_kx_rsa_psk_premaster(c);
        }
        break;
#endif
    case TERN_KX_PSK:
        TERN_TRY(tern_reader_expect_end(&r));
        return tern_kx_psk_premaster(c, NULL, 0);
    default:
        return TERN_ERR_INTERNAL;
    }
    if (rc == TERN_OK) {
        rc = tern_kx_is_psk(kx) ? tern_kx_psk_premaster(c, secret, secret_len)
                                : tern_kx_set_pms(c, secret, secret_len);
    }
    tern_wipe(secret, sizeof(secret));
    if (rc != TERN_OK) {
        if (hs->psk_buf != NULL) {
            tern_wipe(hs->psk_buf->key, sizeof(hs->psk_buf->key));
        }
        hs->psk_len = 0;
    }
    return rc;
}

static int cke_after(tern_conn *c)
{
    TERN_TRY(tern_tls12_master_secret(c));
    return tern_tls12_key_block(c);
}

const tern_hs_ops tern_tls12_client_key_exchange_ops = {cke_write, cke_read, cke_after};
