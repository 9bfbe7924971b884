/*
 * ServerKeyExchange for ECDHE (RFC 8422 5.4; RFC 5246 7.4.3):
 *
 *   struct { ECCurveType curve_type; NamedCurve namedcurve; } ECParameters;
 *   struct { ECParameters curve_params; ECPoint public; } ServerECDHParams;
 *   opaque point <1..2^8-1>;
 *   struct {
 *       ServerECDHParams params;
 *       digitally-signed struct {
 *           opaque client_random[32]; opaque server_random[32];
 *           ServerECDHParams params;
 *       } signed_params;
 *   } ServerKeyExchange;
 *
 * digitally-signed in TLS 1.2 (4.7): SignatureAndHashAlgorithm, then
 * opaque signature<0..2^16-1>. TLS 1.0/1.1 (RFC 4492 5.4) have no
 * algorithm field: the key type fixes the hashes (versions.c).
 */
#include <string.h>

#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

#define CURVE_TYPE_NAMED 3

/* see src/handshake/handshake_internal.h */
int tern_tls12_server_key_exchange_parse(const uint8_t *body, size_t len,
                                         tern_server_key_exchange *ske)
{
    tern_reader r, v;
    uint8_t curve_type;

    memset(ske, 0, sizeof(*ske));
    tern_reader_init(&r, body, len);
    ske->params = r.p;
    TERN_TRY(tern_read_u8(&r, &curve_type));
    /* RFC 8422 5.4: explicit curves are deprecated; only named_curve. */
    TERN_ENSURE(curve_type == CURVE_TYPE_NAMED, TERN_ERR_ILLEGAL_PARAMETER);
    TERN_TRY(tern_read_u16(&r, &ske->group));
    TERN_TRY(tern_read_vec(&r, 1, 1, 0xff, &v));
    ske->point = v.p;
    ske->point_len = v.left;
    ske->params_len = (size_t)(r.p - ske->params);
    TERN_TRY(tern_read_u16(&r, &ske->scheme));
    TERN_TRY(tern_read_vec16(&r, &v));
    TERN_TRY(tern_reader_expect_end(&r));
    ske->sig = v.p;
    ske->sig_len = v.left;
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_hs_ske_signed(const tern_conn *c, const uint8_t *params, size_t params_len, uint8_t *buf,
                       size_t cap, size_t *len)
{
    TERN_ENSURE(params_len <= cap && cap - params_len >= 2 * TERN_RANDOM_LEN, TERN_ERR_INTERNAL);
    memcpy(buf, c->hs.client_random, TERN_RANDOM_LEN);
    memcpy(buf + TERN_RANDOM_LEN, c->hs.server_random, TERN_RANDOM_LEN);
    memcpy(buf + 2 * TERN_RANDOM_LEN, params, params_len);
    *len = 2 * TERN_RANDOM_LEN + params_len;
    return TERN_OK;
}

/* Room for client_random || server_random || params. */
#define SIGNED_MAX (2 * TERN_RANDOM_LEN + 4 + TERN_HS_MAX_KEX_PUB)

/* Server: fresh ephemeral key, signed. */
static int ske_write(tern_conn *c, tern_writer *w)
{
    tern_hs *hs = &c->hs;
    const tern_kex_class *kex = hs->kex;
    const tern_sig_class *sig = tern_cfg_sig(c->cfg, hs->own_scheme);
    uint8_t *params, tbs[SIGNED_MAX], s[TERN_SIG_MAX_LEN];
    size_t params_len, tbs_len, s_len = sizeof(s), start = tern_writer_len(w);
    int legacy = hs->version < TERN_TLS12;

    TERN_ENSURE(kex != NULL && (sig != NULL || legacy) && kex->pub_len <= TERN_HS_MAX_KEX_PUB &&
                    kex->priv_len <= sizeof(hs->kex_priv),
                TERN_ERR_INTERNAL);
    TERN_TRY(kex->keygen(kex, c->rng, hs->kex_priv, hs->kex_pub));
    hs->kex_pub_len = (uint8_t)kex->pub_len;
    TERN_TRY(tern_write_u8(w, CURVE_TYPE_NAMED));
    TERN_TRY(tern_write_u16(w, hs->group));
    TERN_TRY(tern_write_u8(w, hs->kex_pub_len));
    TERN_TRY(tern_write_bytes(w, hs->kex_pub, hs->kex_pub_len));
    params = w->buf + start;
    params_len = tern_writer_len(w) - start;
    TERN_TRY(tern_hs_ske_signed(c, params, params_len, tbs, sizeof(tbs), &tbs_len));
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    if (legacy) {
        TERN_TRY(tern_legacy_sign(c, tbs, tbs_len, s, &s_len));
        TERN_TRY(tern_write_u16(w, (uint16_t)s_len));
        return tern_write_bytes(w, s, s_len);
    }
#endif
    TERN_ENSURE(sig != NULL, TERN_ERR_INTERNAL);
    TERN_TRY(sig->sign(sig, &c->cfg->credentials[hs->cred].key, c->rng, tbs, tbs_len, s, &s_len));
    TERN_TRY(tern_write_u16(w, hs->own_scheme));
    TERN_TRY(tern_write_u16(w, (uint16_t)s_len));
    return tern_write_bytes(w, s, s_len);
}

static int cfg_has(const uint16_t *list, size_t n, uint16_t v)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (list[i] == v) {
            return 1;
        }
    }
    return 0;
}

/* Client, once the signature checked: our share and the pre-master
 * secret at once (the server's point is not kept). */
static int ske_derive(tern_conn *c, const tern_kex_class *kex, const tern_server_key_exchange *ske)
{
    tern_hs *hs = &c->hs;

    tern_hs_release_peer_key(c);
    hs->proof |= TERN_VERIFIED_SIG;
    hs->peer_scheme = ske->scheme;
    hs->group = ske->group;
    hs->kex = kex;
    c->info.group = ske->group;
    c->info.sig_scheme = ske->scheme;

    TERN_ENSURE(kex->priv_len <= sizeof(hs->kex_priv) && kex->pub_len <= TERN_HS_MAX_KEX_PUB &&
                    kex->secret_len <= TERN_HS_MAX_PMS,
                TERN_ERR_INTERNAL);
    TERN_TRY(kex->keygen(kex, c->rng, hs->kex_priv, hs->kex_pub));
    hs->kex_pub_len = (uint8_t)kex->pub_len;
    TERN_TRY(kex->derive(kex, hs->kex_priv, ske->point, ske->point_len, hs->pms));
    hs->pms_len = (uint8_t)kex->secret_len;
    tern_wipe(hs->kex_priv, sizeof(hs->kex_priv));
    return TERN_OK;
}

#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
/* Client, TLS 1.0/1.1: ServerECDHParams then signature<0..2^16-1>
 * without an algorithm (RFC 4492 5.4). */
static int legacy_ske_read(tern_conn *c, const uint8_t *body, size_t len)
{
    const tern_config *cfg = c->cfg;
    tern_server_key_exchange ske;
    const tern_kex_class *kex;
    tern_reader r, v;
    uint8_t curve_type, tbs[SIGNED_MAX];
    size_t tbs_len;

    memset(&ske, 0, sizeof(ske));
    tern_reader_init(&r, body, len);
    ske.params = r.p;
    TERN_TRY(tern_read_u8(&r, &curve_type));
    TERN_ENSURE(curve_type == CURVE_TYPE_NAMED, TERN_ERR_ILLEGAL_PARAMETER);
    TERN_TRY(tern_read_u16(&r, &ske.group));
    TERN_TRY(tern_read_vec(&r, 1, 1, 0xff, &v));
    ske.point = v.p;
    ske.point_len = v.left;
    ske.params_len = (size_t)(r.p - ske.params);
    TERN_TRY(tern_read_vec16(&r, &v));
    TERN_TRY(tern_reader_expect_end(&r));
    TERN_ENSURE(cfg_has(cfg->groups, cfg->groups_count, ske.group), TERN_ERR_ILLEGAL_PARAMETER);
    kex = tern_kex_by_group(ske.group);
    TERN_ENSURE(kex != NULL && ske.point_len == kex->pub_len, TERN_ERR_ILLEGAL_PARAMETER);
    TERN_TRY(tern_hs_ske_signed(c, ske.params, ske.params_len, tbs, sizeof(tbs), &tbs_len));
    TERN_ENSURE(tern_legacy_verify(c, tbs, tbs_len, v.p, v.left) == TERN_OK, TERN_ERR_DECRYPT);
    return ske_derive(c, kex, &ske);
}
#endif

/* Client: check the signature, then compute our share and the
 * pre-master secret at once (the server's point is not kept). */
static int ske_read(tern_conn *c, const uint8_t *body, size_t len)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    tern_server_key_exchange ske;
    const tern_sig_class *sig;
    const tern_kex_class *kex;
    uint8_t tbs[SIGNED_MAX];
    size_t tbs_len;
    int rc;

#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    if (hs->version < TERN_TLS12) {
        return legacy_ske_read(c, body, len);
    }
#endif
    TERN_TRY(tern_tls12_server_key_exchange_parse(body, len, &ske));
    /* RFC 8422 5.4: a curve we offered. */
    TERN_ENSURE(cfg_has(cfg->groups, cfg->groups_count, ske.group), TERN_ERR_ILLEGAL_PARAMETER);
    kex = tern_kex_by_group(ske.group);
    TERN_ENSURE(kex != NULL && ske.point_len == kex->pub_len, TERN_ERR_ILLEGAL_PARAMETER);
    /* RFC 5246 7.4.3: a scheme we offered, matching the certificate. */
    TERN_ENSURE(
        cfg_has(cfg->sig_schemes, cfg->sig_schemes_count, ske.scheme) &&
            tern_hs_scheme_fits_key(ske.scheme, hs->peer_key.type,
                                    hs->peer_key.type == TERN_KEY_EC ? hs->peer_key.u.ec.curve : 0),
        TERN_ERR_ILLEGAL_PARAMETER);
    sig = tern_cfg_sig(cfg, ske.scheme);
    TERN_TRY(tern_hs_ske_signed(c, ske.params, ske.params_len, tbs, sizeof(tbs), &tbs_len));
    rc = sig->verify(sig, &hs->peer_key, tbs, tbs_len, ske.sig, ske.sig_len);
    TERN_ENSURE(rc == TERN_OK, TERN_ERR_DECRYPT);
    return ske_derive(c, kex, &ske);
}

const tern_hs_ops tern_tls12_server_key_exchange_ops = {ske_write, ske_read, NULL};
