/*
 * TLS 1.2 CertificateVerify signatures (RFC 5246 7.4.8): the signed data
 * is every handshake message so far, which is not kept; the running
 * transcript hash of the scheme's hash (SHA-256 or SHA-384) is signed as
 * a digest instead, which is the same signature. The digest comes from
 * the configuration's hash class; the signature from the digest
 * functions of the application's class of the scheme
 * (tern_config_set_sig_digest), else from the scheme's built-in
 * algorithm (tern_sig_class itself has no digest entry point).
 */
#include "common/try_internal.h"
#include "engine/engine_internal.h"

/* The transcript digest for a scheme's hash. */
static int transcript_digest(const tern_conn *c, uint16_t scheme, uint8_t *out, size_t *len)
{
    const tern_sig_class *cls = tern_sig_by_scheme(scheme);
    TERN_ENSURE(cls != NULL && cls->hash != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    return tern_transcript_hash(&c->hs, cls->hash, out, len);
}

/* see src/handshake/handshake_internal.h */
int tern_hs_cv_sign(tern_conn *c, uint16_t scheme, uint8_t *sig, size_t *sig_len)
{
    uint8_t d[TERN_HASH_MAX_DIGEST];
    size_t dlen;
    tern_sig_sign_digest_fn sign = NULL;
    tern_sig_verify_digest_fn verify = NULL;
    const tern_sig_class *cls;

    TERN_ENSURE(c->hs.cred >= 0, TERN_ERR_INTERNAL);
    TERN_TRY(transcript_digest(c, scheme, d, &dlen));
    cls = tern_cfg_sig_digest(c->cfg, scheme, &sign, &verify);
    if (cls != NULL) {
        return sign(cls, &c->cfg->credentials[c->hs.cred].key, c->rng, d, dlen, sig, sig_len);
    }
    return tern_sig_sign_digest(scheme, &c->cfg->credentials[c->hs.cred].key, c->rng, d, dlen, sig,
                                sig_len);
}

/* see src/handshake/handshake_internal.h */
int tern_hs_cv_verify(tern_conn *c, uint16_t scheme, const uint8_t *sig, size_t sig_len)
{
    uint8_t d[TERN_HASH_MAX_DIGEST];
    size_t dlen;
    tern_sig_sign_digest_fn sign = NULL;
    tern_sig_verify_digest_fn verify = NULL;
    const tern_sig_class *cls;

    TERN_TRY(transcript_digest(c, scheme, d, &dlen));
    cls = tern_cfg_sig_digest(c->cfg, scheme, &sign, &verify);
    if (cls != NULL) {
        return verify(cls, &c->hs.peer_key, d, dlen, sig, sig_len);
    }
    return tern_sig_verify_digest(scheme, &c->hs.peer_key, d, dlen, sig, sig_len);
}
