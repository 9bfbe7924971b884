/*
 * CertificateVerify (RFC 5246 7.4.8):
 *
 *   struct {
 *       digitally-signed struct { opaque handshake_messages[handshake_messages_length]; };
 *   } CertificateVerify;
 *
 * In TLS 1.0/1.1 (RFC 2246 / RFC 4346 7.4.8) the digitally-signed struct
 * is the bare signature<0..2^16-1>, its algorithm fixed by the key
 * (versions.c).
 */
#include "common/try_internal.h"
#include "engine/engine_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_tls12_certificate_verify_parse(const uint8_t *body, size_t len, uint16_t *scheme,
                                        const uint8_t **sig, size_t *sig_len)
{
    tern_reader r, v;
    tern_reader_init(&r, body, len);
    TERN_TRY(tern_read_u16(&r, scheme));
    TERN_TRY(tern_read_vec16(&r, &v));
    TERN_TRY(tern_reader_expect_end(&r));
    *sig = v.p;
    *sig_len = v.left;
    return TERN_OK;
}

/* Client: sign the transcript so far. */
static int cv_write(tern_conn *c, tern_writer *w)
{
    uint8_t s[TERN_SIG_MAX_LEN];
    size_t s_len = sizeof(s);

#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    if (c->hs.version < TERN_TLS12) {
        TERN_TRY(tern_legacy_cv_sign(c, s, &s_len));
        TERN_TRY(tern_write_u16(w, (uint16_t)s_len));
        return tern_write_bytes(w, s, s_len);
    }
#endif
    TERN_TRY(tern_hs_cv_sign(c, c->hs.own_scheme, s, &s_len));
    TERN_TRY(tern_write_u16(w, c->hs.own_scheme));
    TERN_TRY(tern_write_u16(w, (uint16_t)s_len));
    return tern_write_bytes(w, s, s_len);
}

/* Server: the scheme must be one our CertificateRequest listed and fit
 * the client's key; the signature covers the transcript so far. */
static int cv_read(tern_conn *c, const uint8_t *body, size_t len)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    const tern_sig_class *cls;
    const uint8_t *sig;
    size_t sig_len, i;
    uint16_t scheme;
    int listed = 0;

#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    if (hs->version < TERN_TLS12) {
        tern_reader r, v;
        tern_reader_init(&r, body, len);
        TERN_TRY(tern_read_vec16(&r, &v));
        TERN_TRY(tern_reader_expect_end(&r));
        TERN_ENSURE(tern_legacy_cv_verify(c, v.p, v.left) == TERN_OK, TERN_ERR_DECRYPT);
        tern_hs_release_peer_key(c);
        hs->proof |= TERN_VERIFIED_SIG;
        return TERN_OK;
    }
#endif
    TERN_TRY(tern_tls12_certificate_verify_parse(body, len, &scheme, &sig, &sig_len));
    for (i = 0; i < cfg->sig_schemes_count; i++) {
        if (cfg->sig_schemes[i] == scheme) {
            listed = 1;
        }
    }
    cls = tern_sig_by_scheme(scheme);
    TERN_ENSURE(
        listed && cls != NULL && cls->hash != NULL &&
            (cls->hash->id == TERN_HASH_SHA256 || cls->hash->id == TERN_HASH_SHA384) &&
            tern_hs_scheme_fits_key(scheme, hs->peer_key.type,
                                    hs->peer_key.type == TERN_KEY_EC ? hs->peer_key.u.ec.curve : 0),
        TERN_ERR_ILLEGAL_PARAMETER);
    TERN_ENSURE(tern_hs_cv_verify(c, scheme, sig, sig_len) == TERN_OK, TERN_ERR_DECRYPT);
    tern_hs_release_peer_key(c);
    hs->proof |= TERN_VERIFIED_SIG;
    hs->peer_scheme = scheme;
    c->info.sig_scheme = scheme;
    return TERN_OK;
}

const tern_hs_ops tern_tls12_certificate_verify_ops = {cv_write, cv_read, NULL};
