/*
 * Protocol versions: which this build speaks, which suites each version
 * allows, the downgrade sentinel (RFC 8446 4.1.3) and, with TLS 1.0/1.1
 * compiled in (TERN_CONFIG_TLS10 / TERN_CONFIG_TLS11), what those versions
 * do differently in the handshake:
 *
 *  - the PRF is P_MD5 XOR P_SHA1 (RFC 2246 5), and the Finished and
 *    extended-master-secret hashes are MD5(messages) || SHA-1(messages)
 *    (RFC 2246 7.4.9, RFC 7627 3);
 *  - a digitally-signed element has no SignatureAndHashAlgorithm: RSA
 *    signs MD5(data) || SHA-1(data) with PKCS#1 v1.5 and no DigestInfo,
 *    ECDSA signs SHA-1(data) (RFC 2246 7.4.3, RFC 4492 5.4); the
 *    CertificateVerify signs the handshake messages so, from the running
 *    MD5 and SHA-1 transcripts (RFC 4346 7.4.8, RFC 4492 5.8);
 *  - only CBC suites without SHA-256/384 exist (RFC 5246 A.5 and
 *    RFC 5289 3.2 define those for TLS 1.2 only; AEAD is TLS 1.2).
 */
#include <string.h>

#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/kdf.h"
#include "tern/rsa.h"
#include "tern/util.h"

/* RFC 8446 4.1.3: "DOWNGRD" || 0x00 in the last 8 bytes of
 * ServerHello.random when a server that has TLS 1.2 negotiates 1.1 or
 * below (0x01 is the TLS 1.3 server's mark for negotiating 1.2). */
static const uint8_t downgrade_tls11[8] = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x00};

/* see src/handshake/handshake_internal.h */
uint16_t tern_version_lowest(void)
{
#if TERN_CONFIG_TLS10
    return TERN_TLS10;
#elif TERN_CONFIG_TLS11
    return TERN_TLS11;
#else
    return TERN_TLS12;
#endif
}

/* see src/handshake/handshake_internal.h */
int tern_version_built(uint16_t v)
{
    if (v == TERN_TLS12) {
        return 1;
    }
#if TERN_CONFIG_TLS11
    if (v == TERN_TLS11) {
        return 1;
    }
#endif
#if TERN_CONFIG_TLS10
    if (v == TERN_TLS10) {
        return 1;
    }
#endif
    return 0;
}

/* see src/handshake/handshake_internal.h */
int tern_suite_allowed(const tern_suite_info *s, uint16_t version)
{
    if (version >= TERN_TLS12) {
        return 1;
    }
    return s->protection == TERN_SUITE_CBC && s->mac_hash->id == TERN_HASH_SHA1 &&
           s->prf_hash->id == TERN_HASH_SHA256;
}

/* see src/handshake/handshake_internal.h */
void tern_downgrade_mark(const tern_conn *c, uint8_t random[TERN_RANDOM_LEN])
{
    if (c->hs.version < TERN_TLS12 && c->cfg->max_version >= TERN_TLS12) {
        memcpy(random + TERN_RANDOM_LEN - 8, downgrade_tls11, 8);
    }
}

/* see src/handshake/handshake_internal.h */
int tern_downgrade_check(const tern_conn *c, const uint8_t random[TERN_RANDOM_LEN])
{
    /* RFC 8446 4.1.3: a client that has TLS 1.2 and is offered 1.1 or
     * below checks for the mark: a server that has 1.2 would not choose
     * less unless an attacker changed our ClientHello. */
    if (c->hs.version < TERN_TLS12 && c->cfg->max_version >= TERN_TLS12 &&
        memcmp(random + TERN_RANDOM_LEN - 8, downgrade_tls11, 8) == 0) {
        return TERN_ERR_ILLEGAL_PARAMETER;
    }
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_hs_prf(const tern_conn *c, const uint8_t *secret, size_t secret_len, const char *label,
                size_t label_len, const uint8_t *seed1, size_t seed1_len, const uint8_t *seed2,
                size_t seed2_len, uint8_t *out, size_t out_len)
{
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    if (c->hs.version < TERN_TLS12) {
        return tern_tls10_prf(secret, secret_len, label, label_len, seed1, seed1_len, seed2,
                              seed2_len, out, out_len);
    }
#endif
    return tern_tls12_prf(tern_cfg_hash(c->cfg, c->hs.suite->prf_hash), secret, secret_len, label,
                          label_len, seed1, seed1_len, seed2, seed2_len, out, out_len);
}

/* see src/handshake/handshake_internal.h */
int tern_hs_prf_hash(const tern_conn *c, uint8_t *out, size_t *len)
{
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    if (c->hs.version < TERN_TLS12) {
        tern_md5_out(&c->hs.thmd5, out);
        tern_sha1_out(&c->hs.thsha1, out + 16);
        *len = 36;
        return TERN_OK;
    }
#endif
    return tern_transcript_hash(&c->hs, c->hs.suite->prf_hash, out, len);
}

#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11

/* The digest a TLS 1.0/1.1 signature of key type covers. */
static int legacy_digest(int key_type, const uint8_t *data, size_t len, uint8_t *d, size_t *dlen)
{
    tern_sha1_ctx s;

    tern_sha1_init(&s);
    tern_sha1_update(&s, data, len);
    if (key_type == TERN_KEY_RSA) {
        tern_md5_ctx m;
        tern_md5_init(&m);
        tern_md5_update(&m, data, len);
        tern_md5_out(&m, d);
        tern_sha1_out(&s, d + 16);
        *dlen = 36;
        return TERN_OK;
    }
    TERN_ENSURE(key_type == TERN_KEY_EC, TERN_ERR_UNSUPPORTED_ALGORITHM);
    tern_sha1_out(&s, d);
    *dlen = 20;
    return TERN_OK;
}

/* The CertificateVerify digest of key type: the running MD5 and SHA-1
 * transcripts (the ones the Finished hash uses) instead of the messages,
 * RFC 4346 7.4.8 (RSA: MD5 || SHA-1; ECDSA: SHA-1, RFC 4492 5.8). */
static int transcript_digest(const tern_conn *c, int key_type, uint8_t *d, size_t *dlen)
{
    if (key_type == TERN_KEY_RSA) {
        tern_md5_out(&c->hs.thmd5, d);
        tern_sha1_out(&c->hs.thsha1, d + 16);
        *dlen = 36;
        return TERN_OK;
    }
    TERN_ENSURE(key_type == TERN_KEY_EC, TERN_ERR_UNSUPPORTED_ALGORITHM);
    tern_sha1_out(&c->hs.thsha1, d);
    *dlen = 20;
    return TERN_OK;
}

/* Signs digest d with our credential: PKCS#1 v1.5 without DigestInfo
 * (RSA), ECDSA over the SHA-1 value. */
static int sign_digest(tern_conn *c, const uint8_t *d, size_t dlen, uint8_t *sig, size_t *sig_len)
{
    const tern_privkey *key = &c->cfg->credentials[c->hs.cred].key;
    if (key->type == TERN_KEY_RSA) {
        return tern_rsa_pkcs1_sign(&key->u.rsa, c->rng, NULL, d, dlen, sig, sig_len);
    }
    return tern_sig_sign_digest(TERN_SIG_ECDSA_SHA1, key, c->rng, d, dlen, sig, sig_len);
}

static int verify_digest(tern_conn *c, const uint8_t *d, size_t dlen, const uint8_t *sig,
                         size_t sig_len)
{
    const tern_pubkey *key = &c->hs.peer_key;
    if (key->type == TERN_KEY_RSA) {
        return tern_rsa_pkcs1_verify(&key->u.rsa, NULL, d, dlen, sig, sig_len);
    }
    return tern_sig_verify_digest(TERN_SIG_ECDSA_SHA1, key, d, dlen, sig, sig_len);
}

/* see src/handshake/handshake_internal.h */
int tern_legacy_sign(tern_conn *c, const uint8_t *data, size_t len, uint8_t *sig, size_t *sig_len)
{
    uint8_t d[36];
    size_t dlen;

    TERN_ENSURE(c->hs.cred >= 0, TERN_ERR_INTERNAL);
    TERN_TRY(legacy_digest(c->cfg->credentials[c->hs.cred].key.type, data, len, d, &dlen));
    return sign_digest(c, d, dlen, sig, sig_len);
}

/* see src/handshake/handshake_internal.h */
int tern_legacy_verify(tern_conn *c, const uint8_t *data, size_t len, const uint8_t *sig,
                       size_t sig_len)
{
    uint8_t d[36];
    size_t dlen;

    TERN_TRY(legacy_digest(c->hs.peer_key.type, data, len, d, &dlen));
    return verify_digest(c, d, dlen, sig, sig_len);
}

/* see src/handshake/handshake_internal.h */
int tern_legacy_cv_sign(tern_conn *c, uint8_t *sig, size_t *sig_len)
{
    uint8_t d[36];
    size_t dlen;

    TERN_ENSURE(c->hs.cred >= 0, TERN_ERR_INTERNAL);
    TERN_TRY(transcript_digest(c, c->cfg->credentials[c->hs.cred].key.type, d, &dlen));
    return sign_digest(c, d, dlen, sig, sig_len);
}

/* see src/handshake/handshake_internal.h */
int tern_legacy_cv_verify(tern_conn *c, const uint8_t *sig, size_t sig_len)
{
    uint8_t d[36];
    size_t dlen;

    TERN_TRY(transcript_digest(c, c->hs.peer_key.type, d, &dlen));
    return verify_digest(c, d, dlen, sig, sig_len);
}

#endif /* TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11 */
