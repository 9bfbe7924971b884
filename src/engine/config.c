/*
 * Configuration defaults (secure by default, DESIGN.md) and credentials.
 */
#include <string.h>

#include "common/try_internal.h"
#include "handshake/handshake_internal.h"
#include "tern/cipher.h"
#include "tern/engine.h"
#include "tern/util.h"

/* Default groups and signature schemes, in preference order; entries
 * compiled out are dropped. SHA-1 schemes are never defaults. */
static const uint16_t default_groups[] = {TERN_GROUP_X25519, TERN_GROUP_SECP256R1,
                                          TERN_GROUP_SECP384R1};
static const uint16_t default_schemes[] = {
    TERN_SIG_ECDSA_SECP256R1_SHA256, TERN_SIG_ECDSA_SECP384R1_SHA384,
    TERN_SIG_ECDSA_SECP521R1_SHA512, TERN_SIG_RSA_PSS_RSAE_SHA256,
    TERN_SIG_RSA_PSS_RSAE_SHA384,    TERN_SIG_RSA_PSS_RSAE_SHA512,
    TERN_SIG_RSA_PKCS1_SHA256,       TERN_SIG_RSA_PKCS1_SHA384,
    TERN_SIG_RSA_PKCS1_SHA512,
};

/* Static RSA key exchange (no forward secrecy) and 3DES (64-bit blocks,
 * Sweet32) are never defaults: only a list that names them enables them
 * (docs/kx.md). */
static int legacy(const tern_suite_info *si)
{
#if TERN_CONFIG_3DES
    if (si->protection == TERN_SUITE_CBC && si->cbc_cipher == &tern_des3_class) {
        return 1;
    }
#endif
    return tern_kx_rsa_encrypted(si->kx); /* static RSA, RSA_PSK */
}

/* see include/tern/engine.h */
void tern_config_init(tern_config *cfg)
{
    size_t i, n;
    const tern_suite_info *const *all = tern_suite_info_all(&n);

    memset(cfg, 0, sizeof(*cfg));
    cfg->min_version = TERN_TLS12;
    cfg->max_version = TERN_TLS12;
    for (i = 0; i < n && cfg->suites_count < TERN_MAX_SUITES; i++) {
        /* CBC suites only when named (tern_config_set_suites): AEAD
         * only by default (also keeps the 1 KiB-record connection under
         * 8 KB: a CBC peer may pad by 256 bytes); static RSA and 3DES
         * never by default (docs/kx.md) */
        if (all[i]->protection == TERN_SUITE_CBC || legacy(all[i])) {
            continue;
        }
        cfg->suites[cfg->suites_count++] = all[i]->id;
    }
    for (i = 0; i < sizeof(default_groups) / sizeof(default_groups[0]); i++) {
        if (tern_kex_by_group(default_groups[i]) != NULL && cfg->groups_count < TERN_MAX_GROUPS) {
            cfg->groups[cfg->groups_count++] = default_groups[i];
        }
    }
    for (i = 0; i < sizeof(default_schemes) / sizeof(default_schemes[0]); i++) {
        if (tern_sig_by_scheme(default_schemes[i]) != NULL &&
            cfg->sig_schemes_count < TERN_MAX_SIG_SCHEMES) {
            cfg->sig_schemes[cfg->sig_schemes_count++] = default_schemes[i];
        }
    }
    cfg->verify_mode = TERN_VERIFY_REQUIRED;
    tern_x509_policy_init(&cfg->policy);
    cfg->client_auth = TERN_CLIENT_AUTH_NONE;
    cfg->require_ems = 1;
    cfg->client_tickets = 1;
    cfg->in_record_size = 16384;
    cfg->out_record_size = 16384;
    cfg->hs_buffer_size = 16384;
    cfg->keep_peer_chain = 16384;
    cfg->max_empty_records = 32;
    cfg->renegotiation_peer_max = 4;
    cfg->platform = tern_platform_default();
    cfg->dhe_group = TERN_GROUP_FFDHE2048;
    cfg->dhe_min_bits = 2048; /* RFC 7919 groups start there; NIST SP 800-131A */
}

/* see include/tern/engine.h */
void tern_config_wipe(tern_config *cfg)
{
    if (cfg == NULL) {
        return;
    }
    tern_wipe(cfg->psk_key, sizeof(cfg->psk_key));
    cfg->psk_key_len = 0;
}

/* see include/tern/engine.h */
int tern_config_set_psk(tern_config *cfg, const uint8_t *identity, size_t identity_len,
                        const uint8_t *key, size_t key_len)
{
    TERN_ENSURE(cfg != NULL && key != NULL && (identity != NULL || identity_len == 0),
                TERN_ERR_NULL_POINTER);
    TERN_ENSURE(key_len > 0 && key_len <= sizeof(cfg->psk_key) &&
                    identity_len <= sizeof(cfg->psk_identity),
                TERN_ERR_BAD_ARG);
    tern_wipe(cfg->psk_key, sizeof(cfg->psk_key));
    memcpy(cfg->psk_key, key, key_len);
    cfg->psk_key_len = key_len;
    if (identity_len > 0) {
        memcpy(cfg->psk_identity, identity, identity_len);
    }
    cfg->psk_identity_len = identity_len;
    return TERN_OK;
}

/* see include/tern/engine.h */
int tern_config_set_psk_hint(tern_config *cfg, const uint8_t *hint, size_t len)
{
    TERN_ENSURE(cfg != NULL && (hint != NULL || len == 0), TERN_ERR_NULL_POINTER);
    TERN_ENSURE(len <= sizeof(cfg->psk_hint), TERN_ERR_BAD_ARG);
    if (len > 0) {
        memcpy(cfg->psk_hint, hint, len);
    }
    cfg->psk_hint_len = len;
    return TERN_OK;
}

static int bytes_eq(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    /* Leading zeros do not change an integer. */
    while (alen > 0 && a[0] == 0) {
        a++;
        alen--;
    }
    while (blen > 0 && b[0] == 0) {
        b++;
        blen--;
    }
    return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

/* Does the private key belong to the public key? Compared directly:
 * RSA by modulus and exponent, EC by curve and point (a key without its
 * point is checked by a signature round trip). */
static int key_matches(const tern_pubkey *pub, const tern_privkey *priv)
{
    if (pub->type != priv->type) {
        return 0;
    }
    if (pub->type == TERN_KEY_RSA) {
        return bytes_eq(pub->u.rsa.n, pub->u.rsa.n_len, priv->u.rsa.n, priv->u.rsa.n_len) &&
               bytes_eq(pub->u.rsa.e, pub->u.rsa.e_len, priv->u.rsa.e, priv->u.rsa.e_len);
    }
    if (pub->type == TERN_KEY_EC) {
        const tern_sig_class *sig = tern_sig_by_scheme(pub->u.ec.curve == TERN_GROUP_SECP384R1
                                                           ? TERN_SIG_ECDSA_SECP384R1_SHA384
                                                           : TERN_SIG_ECDSA_SECP256R1_SHA256);
        static const uint8_t msg[] = "tern credential check";
        uint8_t s[TERN_SIG_MAX_LEN];
        size_t slen = sizeof(s);
        if (pub->u.ec.curve != priv->u.ec.curve) {
            return 0;
        }
        if (priv->u.ec.q != NULL) {
            return pub->u.ec.q_len == priv->u.ec.q_len &&
                   memcmp(pub->u.ec.q, priv->u.ec.q, priv->u.ec.q_len) == 0;
        }
        /* Deterministic ECDSA (rng NULL, RFC 6979) needs no generator. */
        if (sig == NULL || sig->sign(sig, priv, NULL, msg, sizeof(msg), s, &slen) != TERN_OK) {
            return 0;
        }
        return sig->verify(sig, pub, msg, sizeof(msg), s, slen) == TERN_OK;
    }
    return 0;
}

/* see include/tern/engine.h */
int tern_config_add_credential(tern_config *cfg, const uint8_t *const *chain, const size_t *lens,
                               size_t count, const tern_privkey *key)
{
    tern_pubkey pub;
    tern_credential *cr;

    TERN_ENSURE(cfg != NULL && chain != NULL && lens != NULL && key != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(count > 0, TERN_ERR_BAD_ARG);
    TERN_ENSURE(cfg->credentials_count < TERN_MAX_CREDENTIALS, TERN_ERR_FULL);
    TERN_TRY(tern_x509_cert_pubkey(chain[0], lens[0], &pub));
    TERN_ENSURE(pub.type == TERN_KEY_RSA || pub.type == TERN_KEY_EC, TERN_ERR_CERT_TYPE);
    TERN_ENSURE(key_matches(&pub, key), TERN_ERR_BAD_KEY);
    cr = &cfg->credentials[cfg->credentials_count++];
    cr->chain = chain;
    cr->chain_lens = lens;
    cr->chain_count = count;
    cr->key = *key;
    return TERN_OK;
}
