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
 * opaque signature<0..2^16-1>. TLS 1.0/1.1 (RFC 4492 5.4, RFC 2246
 * 7.4.3) have no algorithm field: the key type fixes the hashes
 * (versions.c).
 *
 * The other key exchanges (RFC 5246 7.4.3, RFC 4279 2-3, RFC 5489 2):
 *   DHE:        ServerDHParams (kx_dhe.c), signed as above
 *   PSK:        opaque psk_identity_hint<0..2^16-1>
 *   DHE_PSK:    psk_identity_hint, ServerDHParams (unsigned)
 *   ECDHE_PSK:  psk_identity_hint, ServerECDHParams (unsigned)
 *   RSA_PSK:    psk_identity_hint (RFC 4279 4), only when there is one
 *   static RSA: no ServerKeyExchange at all
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

/* Room for client_random || server_random || params: ServerECDHParams,
 * or ServerDHParams (three values no longer than p, kx_dhe.c). */
#if TERN_CONFIG_FFDH
#define SIGNED_MAX (2 * TERN_RANDOM_LEN + 6 + 3 * TERN_KX_MAX_SECRET)
#else
#define SIGNED_MAX (2 * TERN_RANDOM_LEN + 4 + TERN_HS_MAX_KEX_PUB)
#endif

static int signed_kx(uint8_t kx)
{
    return kx == TERN_KX_ECDHE || kx == TERN_KX_DHE;
}

#if TERN_CONFIG_FFDH
static int is_dhe(uint8_t kx)
{
    return kx == TERN_KX_DHE || kx == TERN_KX_DHE_PSK;
}
#endif

/* ServerECDHParams with a fresh key (ECDHE, ECDHE_PSK). */
static int ecdh_params_write(tern_conn *c, tern_writer *w)
{
    tern_hs *hs = &c->hs;
    const tern_kex_class *kex = hs->kex;

    TERN_ENSURE(kex != NULL && kex->pub_len <= sizeof(hs->kex_pub) &&
                    kex->priv_len <= sizeof(hs->kex_priv),
                TERN_ERR_INTERNAL);
    TERN_TRY(kex->keygen(kex, c->rng, hs->kex_priv, hs->kex_pub));
    hs->kex_pub_len = kex->pub_len;
    TERN_TRY(tern_write_u8(w, CURVE_TYPE_NAMED));
    TERN_TRY(tern_write_u16(w, hs->group));
    TERN_TRY(tern_write_u8(w, (uint8_t)hs->kex_pub_len));
    return tern_write_bytes(w, hs->kex_pub, hs->kex_pub_len);
}

/* Server: the hint (PSK kinds), fresh parameters, and for ECDHE / DHE
 * the signature over them. */
static int ske_write(tern_conn *c, tern_writer *w)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    uint8_t kx = hs->suite->kx;
    const tern_sig_class *sig;
    uint8_t *params, tbs[SIGNED_MAX], s[TERN_SIG_MAX_LEN];
    size_t params_len, tbs_len, s_len = sizeof(s), start;

    if (tern_kx_is_psk(kx)) {
        TERN_TRY(tern_write_u16(w, (uint16_t)cfg->psk_hint_len));
        TERN_TRY(tern_write_bytes(w, cfg->psk_hint, cfg->psk_hint_len));
    }
    start = tern_writer_len(w);
    if (kx == TERN_KX_ECDHE || kx == TERN_KX_ECDHE_PSK) {
        TERN_TRY(ecdh_params_write(c, w));
    }
#if TERN_CONFIG_FFDH
    if (is_dhe(kx)) {
        TERN_TRY(tern_kx_dhe_params_write(c, w));
    }
#endif
    if (!signed_kx(kx)) {
        return TERN_OK;
    }
    params = w->buf + start;
    params_len = tern_writer_len(w) - start;
    TERN_TRY(tern_hs_ske_signed(c, params, params_len, tbs, sizeof(tbs), &tbs_len));
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    if (hs->version < TERN_TLS12) {
        TERN_TRY(tern_legacy_sign(c, tbs, tbs_len, s, &s_len));
        TERN_TRY(tern_write_u16(w, (uint16_t)s_len));
        return tern_write_bytes(w, s, s_len);
    }
#endif
    sig = tern_cfg_sig(cfg, hs->own_scheme);
    TERN_ENSURE(sig != NULL && hs->cred >= 0, TERN_ERR_INTERNAL);
    TERN_TRY(sig->sign(sig, &cfg->credentials[hs->cred].key, c->rng, tbs, tbs_len, s, &s_len));
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

/* ServerECDHParams as parsed. */
typedef struct ecdh_params {
    uint16_t group;
    const uint8_t *point;
    size_t point_len;
} ecdh_params;

static int ecdh_params_parse(tern_reader *r, ecdh_params *ep)
{
    tern_reader v;
    uint8_t curve_type;

    TERN_TRY(tern_read_u8(r, &curve_type));
    /* RFC 8422 5.4: explicit curves are deprecated; only named_curve. */
    TERN_ENSURE(curve_type == CURVE_TYPE_NAMED, TERN_ERR_ILLEGAL_PARAMETER);
    TERN_TRY(tern_read_u16(r, &ep->group));
    TERN_TRY(tern_read_vec(r, 1, 1, 0xff, &v));
    ep->point = v.p;
    ep->point_len = v.left;
    return TERN_OK;
}

/* Client: our ECDHE share and the shared secret (the server's point is
 * not kept). */
static int ecdh_client(tern_conn *c, const ecdh_params *ep, uint8_t *secret, size_t *secret_len)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    const tern_kex_class *kex;
    int rc;

    /* RFC 8422 5.4: a curve we offered (never an FFDHE group). */
    TERN_ENSURE(cfg_has(cfg->groups, cfg->groups_count, ep->group) && (ep->group >> 8) != 0x01,
                TERN_ERR_ILLEGAL_PARAMETER);
    kex = tern_kex_by_group(ep->group);
    TERN_ENSURE(kex != NULL && ep->point_len == kex->pub_len, TERN_ERR_ILLEGAL_PARAMETER);
    TERN_ENSURE(kex->priv_len <= sizeof(hs->kex_priv) && kex->pub_len <= sizeof(hs->kex_pub) &&
                    kex->secret_len <= TERN_KX_MAX_SECRET,
                TERN_ERR_INTERNAL);
    hs->group = ep->group;
    hs->kex = kex;
    c->info.group = ep->group;
    TERN_TRY(kex->keygen(kex, c->rng, hs->kex_priv, hs->kex_pub));
    hs->kex_pub_len = kex->pub_len;
    rc = kex->derive(kex, hs->kex_priv, ep->point, ep->point_len, secret);
    tern_wipe(hs->kex_priv, sizeof(hs->kex_priv));
    TERN_TRY(rc);
    *secret_len = kex->secret_len;
    return TERN_OK;
}

/* Client: the signature over the parameters (ECDHE, DHE). */
static int check_signature(tern_conn *c, const uint8_t *params, size_t params_len, tern_reader *r)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    const tern_sig_class *sig;
    tern_reader v;
    uint16_t scheme;
    uint8_t tbs[SIGNED_MAX];
    size_t tbs_len;
    int rc;

    /* parameters longer than the buffer cannot be valid (kx_dhe.c
     * bounds every value by p, p by TERN_CONFIG_MAX_RSA_BITS) */
    TERN_ENSURE(params_len <= SIGNED_MAX - 2 * TERN_RANDOM_LEN, TERN_ERR_ILLEGAL_PARAMETER);
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    if (hs->version < TERN_TLS12) {
        TERN_TRY(tern_read_vec16(r, &v));
        TERN_TRY(tern_reader_expect_end(r));
        TERN_TRY(tern_hs_ske_signed(c, params, params_len, tbs, sizeof(tbs), &tbs_len));
        TERN_ENSURE(tern_legacy_verify(c, tbs, tbs_len, v.p, v.left) == TERN_OK, TERN_ERR_DECRYPT);
        tern_hs_release_peer_key(c);
        hs->proof |= TERN_VERIFIED_SIG;
        return TERN_OK;
    }
#endif
    TERN_TRY(tern_read_u16(r, &scheme));
    TERN_TRY(tern_read_vec16(r, &v));
    TERN_TRY(tern_reader_expect_end(r));
    /* RFC 5246 7.4.3: a scheme we offered, matching the certificate. */
    TERN_ENSURE(
        cfg_has(cfg->sig_schemes, cfg->sig_schemes_count, scheme) &&
            tern_hs_scheme_fits_key(scheme, hs->peer_key.type,
                                    hs->peer_key.type == TERN_KEY_EC ? hs->peer_key.u.ec.curve : 0),
        TERN_ERR_ILLEGAL_PARAMETER);
    sig = tern_cfg_sig(cfg, scheme);
    TERN_ENSURE(sig != NULL, TERN_ERR_ILLEGAL_PARAMETER);
    TERN_TRY(tern_hs_ske_signed(c, params, params_len, tbs, sizeof(tbs), &tbs_len));
    rc = sig->verify(sig, &hs->peer_key, tbs, tbs_len, v.p, v.left);
    TERN_ENSURE(rc == TERN_OK, TERN_ERR_DECRYPT);
    tern_hs_release_peer_key(c);
    hs->proof |= TERN_VERIFIED_SIG;
    hs->peer_scheme = scheme;
    c->info.sig_scheme = scheme;
    return TERN_OK;
}

/* Client: parse, check the signature (ECDHE, DHE), then make our share
 * and the pre-master secret. */
static int ske_read(tern_conn *c, const uint8_t *body, size_t len)
{
    tern_hs *hs = &c->hs;
    uint8_t kx = hs->suite->kx;
    tern_reader r, hint;
    const uint8_t *params;
    ecdh_params ep;
#if TERN_CONFIG_FFDH
    tern_dhe_params dp;
#endif
    uint8_t secret[TERN_KX_MAX_SECRET];
    size_t secret_len = 0;
    int rc;

    memset(&ep, 0, sizeof(ep));
    tern_reader_init(&r, body, len);
    if (tern_kx_is_psk(kx)) {
        TERN_TRY(tern_read_vec16(&r, &hint));
        TERN_TRY(tern_kx_psk_client_choose(c, hint.p, hint.left));
    }
    params = r.p;
    if (kx == TERN_KX_ECDHE || kx == TERN_KX_ECDHE_PSK) {
        TERN_TRY(ecdh_params_parse(&r, &ep));
    }
#if TERN_CONFIG_FFDH
    else if (is_dhe(kx)) {
        TERN_TRY(tern_kx_dhe_params_parse(&r, &dp));
    }
#endif
    if (signed_kx(kx)) {
        TERN_TRY(check_signature(c, params, (size_t)(r.p - params), &r));
    } else {
        TERN_TRY(tern_reader_expect_end(&r));
    }
    if (kx == TERN_KX_PSK || kx == TERN_KX_RSA_PSK) {
        return TERN_OK; /* the hint was all; ClientKeyExchange does the rest */
    }
    if (kx == TERN_KX_ECDHE || kx == TERN_KX_ECDHE_PSK) {
        rc = ecdh_client(c, &ep, secret, &secret_len);
    }
#if TERN_CONFIG_FFDH
    else if (is_dhe(kx)) {
        rc = tern_kx_dhe_client(c, &dp, secret, &secret_len);
    }
#endif
    else {
        rc = TERN_ERR_INTERNAL;
    }
    if (rc == TERN_OK) {
        rc = tern_kx_is_psk(kx) ? tern_kx_psk_premaster(c, secret, secret_len)
                                : tern_kx_set_pms(c, secret, secret_len);
    }
    tern_wipe(secret, sizeof(secret));
    return rc;
}

const tern_hs_ops tern_tls12_server_key_exchange_ops = {ske_write, ske_read, NULL};
