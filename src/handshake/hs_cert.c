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
size_t tern_hs_certificate_len(const tern_conn *c)
{
    size_t i, n = TERN_HS_HEADER_LEN + 3;
    if (c->hs.cred >= 0) {
        const tern_credential *cr = &c->cfg->credentials[c->hs.cred];
        for (i = 0; i < cr->chain_count; i++) {
            n += 3 + cr->chain_lens[i];
        }
    }
    return n;
}

/* Copies the part of seg (seg_len bytes, at message offset *pos) that
 * falls in [off, off + n) to out. */
static void piece(const uint8_t *seg, size_t seg_len, size_t *pos, size_t off, uint8_t *out,
                  size_t n)
{
    size_t start = *pos, end = *pos + seg_len;
    *pos = end;
    if (end <= off || start >= off + n) {
        return;
    }
    if (start < off) {
        seg += off - start;
        seg_len -= off - start;
        start = off;
    }
    if (seg_len > off + n - start) {
        seg_len = off + n - start;
    }
    memcpy(out + (start - off), seg, seg_len);
}

/* see src/handshake/handshake_internal.h */
void tern_hs_certificate_bytes(const tern_conn *c, uint8_t hs_type, size_t off, uint8_t *out,
                               size_t n)
{
    size_t total = tern_hs_certificate_len(c), pos = 0, i;
    uint8_t hdr[TERN_HS_HEADER_LEN + 3], len3[3];

    hdr[0] = hs_type;
    tern_store_be24(hdr + 1, (uint32_t)(total - TERN_HS_HEADER_LEN));
    tern_store_be24(hdr + 4, (uint32_t)(total - TERN_HS_HEADER_LEN - 3));
    piece(hdr, sizeof(hdr), &pos, off, out, n);
    if (c->hs.cred >= 0) {
        const tern_credential *cr = &c->cfg->credentials[c->hs.cred];
        for (i = 0; i < cr->chain_count; i++) {
            tern_store_be24(len3, (uint32_t)cr->chain_lens[i]);
            piece(len3, 3, &pos, off, out, n);
            piece(cr->chain[i], cr->chain_lens[i], &pos, off, out, n);
        }
    }
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
                !tern_u16_list_has(peer_list, peer_len, s) || !((hash_mask >> cls->hash->id) & 1u)) {
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
 * about to be reused) to the end of hs_buf, below a client's ticket: the
 * handshake reads on until the signature check (ServerKeyExchange or
 * CertificateVerify) and builds nothing meanwhile. If the Certificate
 * message itself sits in hs_buf (reassembled), the key must not land on
 * it: it is still hashed after this. */
static int copy_key(tern_conn *c, const tern_certificate_msg *m, const tern_pubkey *k)
{
    tern_hs *hs = &c->hs;
    size_t need, used_front = 0;
    uint8_t *buf;

    if (k->type == TERN_KEY_RSA) {
        TERN_ENSURE(k->u.rsa.n_len <= TERN_HS_PEER_KEY_MAX &&
                        k->u.rsa.e_len <= TERN_HS_PEER_KEY_MAX - k->u.rsa.n_len,
                    TERN_ERR_CERT_BAD_KEY);
        need = k->u.rsa.n_len + k->u.rsa.e_len;
    } else if (k->type == TERN_KEY_EC) {
        TERN_ENSURE(k->u.ec.q_len <= TERN_HS_PEER_KEY_MAX, TERN_ERR_CERT_BAD_KEY);
        need = k->u.ec.q_len;
    } else {
        return TERN_ERR_CERT_TYPE;
    }
    if (m->list >= c->hs_buf && m->list < c->hs_buf + c->hs_cap) {
        used_front = (size_t)(m->list - c->hs_buf) + m->list_len;
    }
    TERN_ENSURE(c->hs_tail <= c->hs_cap && need <= c->hs_cap - c->hs_tail &&
                    used_front <= c->hs_cap - c->hs_tail - need,
                TERN_ERR_BUFFER_TOO_SMALL);
    c->hs_tail += need;
    hs->peer_key_len = (uint16_t)need;
    buf = c->hs_buf + c->hs_cap - c->hs_tail;
    hs->peer_key = *k;
    if (k->type == TERN_KEY_RSA) {
        memcpy(buf, k->u.rsa.n, k->u.rsa.n_len);
        memcpy(buf + k->u.rsa.n_len, k->u.rsa.e, k->u.rsa.e_len);
        hs->peer_key.u.rsa.n = buf;
        hs->peer_key.u.rsa.e = buf + k->u.rsa.n_len;
    } else {
        memcpy(buf, k->u.ec.q, k->u.ec.q_len);
        hs->peer_key.u.ec.q = buf;
    }
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
void tern_hs_release_peer_key(tern_conn *c)
{
    tern_hs *hs = &c->hs;
    if (hs->peer_key_len > 0 && hs->peer_key_len <= c->hs_tail) {
        c->hs_tail -= hs->peer_key_len;
    }
    hs->peer_key_len = 0;
    memset(&hs->peer_key, 0, sizeof(hs->peer_key));
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

    /* kept first, so that a verify callback can read the chain it judges
     * (tern_conn_peer_cert / tern_conn_peer_chain_pem) */
    keep_chain(c, m);
    if (cfg->verify_mode != TERN_VERIFY_NONE) {
        tern_x509_policy policy = cfg->policy;
        tern_x509_result res;
        const char *host = NULL;

        policy.purpose =
            c->role == TERN_CLIENT ? TERN_X509_PURPOSE_SERVER : TERN_X509_PURPOSE_CLIENT;
        if (c->role == TERN_CLIENT && c->hs.suite != NULL) {
            /* RFC 5246 7.4.2: a static-RSA (RSA_PSK) server key must allow key
             * encipherment; one signing (EC)DHE parameters, digital
             * signature (RFC 5280 4.2.1.3; checked when the leaf has a
             * keyUsage extension) */
            policy.required_key_usage |= tern_kx_rsa_encrypted(c->hs.suite->kx)
                                             ? TERN_X509_KU_KEY_ENCIPHERMENT
                                             : TERN_X509_KU_DIGITAL_SIGNATURE;
        }
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
        /* A client that never said which name to check fails the name
         * check: skipping it is an explicit choice
         * (tern_conn_set_hostname(c, NULL) or ""), never an omission. */
        if (c->role == TERN_CLIENT && !c->name_set) {
            res.reasons |= TERN_X509_NAME_MISMATCH;
            if (rc == TERN_OK) {
                rc = TERN_ERR_CERT_NAME_MISMATCH;
            }
        }
        c->info.peer_verified = rc == TERN_OK;
        if (cfg->verify_cb != NULL) {
            rc = cfg->verify_cb(cfg->user, c, rc, &res);
        }
        TERN_TRY(rc);
    }
    TERN_TRY(tern_x509_cert_pubkey(m->certs[0], m->lens[0], &key));
    TERN_TRY(copy_key(c, m, &key));
    c->peer_cert_count = m->count;
    c->hs.peer_cert_seen = 1;
    c->hs.proof |= TERN_VERIFIED_CERT;
    return TERN_OK;
}
