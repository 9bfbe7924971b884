/*
 * Certificates and keys in the handshake: our chain on the wire, the
 * peer's chain verified (trust store, policy, name, callback) with its
 * leaf key copied into the connection, and the choice of our signature
 * scheme.
 */
#include <string.h>

#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

/* see src/handshake/handshake_internal.h */
int tern_hs_certificate_write(tern_conn *c, tern_writer *w)
{
    size_t list, i;
    const tern_credential *cr;

    TERN_TRY(tern_write_vec_begin(w, 3, &list));
    if (c->hs.cred >= 0) {
        cr = &c->cfg->credentials[c->hs.cred];
        for (i = 0; i < cr->chain_count; i++) {
            size_t mark;
            TERN_TRY(tern_write_vec_begin(w, 3, &mark));
            TERN_TRY(tern_write_bytes(w, cr->chain[i], cr->chain_lens[i]));
            TERN_TRY(tern_write_vec_end(w, 3, mark));
        }
    }
    return tern_write_vec_end(w, 3, list);
}

/* see src/handshake/handshake_internal.h */
int tern_hs_scheme_fits_key(uint16_t scheme, int key_type, uint16_t curve)
{
    const tern_sig_class *cls = tern_sig_by_scheme(scheme);

    if (cls == NULL || cls->key_type != key_type || cls->hash == NULL) {
        return 0;
    }
    /* rsa_pss_pss_* need an RSASSA-PSS key, which this code does not
     * tell apart from rsaEncryption: never used. */
    if (scheme >= TERN_SIG_RSA_PSS_PSS_SHA256 && scheme <= TERN_SIG_RSA_PSS_PSS_SHA512) {
        return 0;
    }
    /* TLS 1.2 ECDSA schemes name the hash, not the curve (RFC 8422 5.4
     * keeps any pairing); a class bound to a curve is honoured. */
    return key_type != TERN_KEY_EC || cls->curve == 0 || cls->curve == curve;
}

static int list_has(const uint8_t *p, size_t len, uint16_t v)
{
    size_t i;
    for (i = 0; i + 1 < len; i += 2) {
        if (tern_load_be16(p + i) == v) {
            return 1;
        }
    }
    return 0;
}

/* The hash an ECDSA key "naturally" pairs with (the TLS 1.3 pairing). */
static int natural_hash(uint16_t curve)
{
    return curve == TERN_GROUP_SECP384R1 ? TERN_HASH_SHA384 : TERN_HASH_SHA256;
}

/* see src/handshake/handshake_internal.h */
uint16_t tern_hs_choose_scheme(const tern_conn *c, size_t cred, const uint8_t *peer_list,
                               size_t peer_len, unsigned hash_mask)
{
    const tern_config *cfg = c->cfg;
    const tern_privkey *key = &cfg->credentials[cred].key;
    uint16_t curve = key->type == TERN_KEY_EC ? key->u.ec.curve : 0;
    int pass;
    size_t i;

    /* Pass 0 prefers, for EC keys, the hash matching the curve. */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < cfg->sig_schemes_count; i++) {
            uint16_t s = cfg->sig_schemes[i];
            const tern_sig_class *cls = tern_sig_by_scheme(s);
            if (cls == NULL || !tern_hs_scheme_fits_key(s, key->type, curve) ||
                !list_has(peer_list, peer_len, s) || !((hash_mask >> cls->hash->id) & 1u)) {
                continue;
            }
            if (pass == 0 && key->type == TERN_KEY_EC && cls->hash->id != natural_hash(curve)) {
                continue;
            }
            return s;
        }
    }
    return 0;
}

/* Copies the public key out of the certificate (which lives in a buffer
 * that is about to be reused). */
static int copy_key(tern_hs *hs, const tern_pubkey *k)
{
    uint8_t *buf = hs->peer_key_buf;
    size_t cap = sizeof(hs->peer_key_buf);

    hs->peer_key = *k;
    if (k->type == TERN_KEY_RSA) {
        TERN_ENSURE(k->u.rsa.n_len <= cap && k->u.rsa.e_len <= cap - k->u.rsa.n_len,
                    TERN_ERR_CERT_BAD_KEY);
        memcpy(buf, k->u.rsa.n, k->u.rsa.n_len);
        memcpy(buf + k->u.rsa.n_len, k->u.rsa.e, k->u.rsa.e_len);
        hs->peer_key.u.rsa.n = buf;
        hs->peer_key.u.rsa.e = buf + k->u.rsa.n_len;
        return TERN_OK;
    }
    if (k->type == TERN_KEY_EC) {
        TERN_ENSURE(k->u.ec.q_len <= cap, TERN_ERR_CERT_BAD_KEY);
        memcpy(buf, k->u.ec.q, k->u.ec.q_len);
        hs->peer_key.u.ec.q = buf;
        return TERN_OK;
    }
    return TERN_ERR_CERT_TYPE;
}

/* Keeps as many whole certificates of the chain as fit (leaf first). */
static void keep_chain(tern_conn *c, const tern_certificate_msg *m)
{
    size_t i, off = 0;

    c->chain_len = 0;
    c->chain_count = 0;
    for (i = 0; i < m->count; i++) {
        if (c->chain_buf == NULL || m->lens[i] > c->chain_cap - off ||
            c->chain_cap - off - m->lens[i] < 3) {
            break;
        }
        tern_store_be24(c->chain_buf + off, (uint32_t)m->lens[i]);
        memcpy(c->chain_buf + off + 3, m->certs[i], m->lens[i]);
        off += 3 + m->lens[i];
        c->chain_count++;
    }
    c->chain_len = off;
}

/* see src/handshake/handshake_internal.h */
int tern_hs_peer_certificate(tern_conn *c, const tern_certificate_msg *m)
{
    const tern_config *cfg = c->cfg;
    tern_pubkey key;
    int rc = TERN_OK;

    if (cfg->verify_mode != TERN_VERIFY_NONE) {
        tern_x509_policy policy = cfg->policy;
        tern_x509_result res;
        const char *host = NULL;

        policy.purpose =
            c->role == TERN_CLIENT ? TERN_X509_PURPOSE_SERVER : TERN_X509_PURPOSE_CLIENT;
        if (c->now != 0) {
            policy.now = c->now;
        }
        if (policy.platform == NULL) {
            policy.platform = cfg->platform;
        }
        if (c->role == TERN_CLIENT && c->name[0] != '\0') {
            host = c->name;
        }
        memset(&res, 0, sizeof(res));
        rc = tern_x509_verify_chain(cfg->trust, &policy, m->certs, m->lens, m->count, host, &res);
        c->info.peer_verified = rc == TERN_OK;
        if (cfg->verify_cb != NULL) {
            rc = cfg->verify_cb(cfg->user, c, rc, &res);
        }
        TERN_TRY(rc);
    }
    TERN_TRY(tern_x509_cert_pubkey(m->certs[0], m->lens[0], &key));
    TERN_TRY(copy_key(&c->hs, &key));
    keep_chain(c, m);
    c->peer_cert_count = m->count;
    c->hs.peer_cert_seen = 1;
    c->hs.proof |= TERN_VERIFIED_CERT;
    return TERN_OK;
}
