/*
 * TLS 1.2 key schedule (RFC 5246 6.3, 7.4.9, 8.1; RFC 7627 4):
 *
 *   master_secret = PRF(pre_master_secret, "master secret",
 *                       ClientHello.random + ServerHello.random)[0..47]
 *   or, with the extended master secret,
 *   master_secret = PRF(pre_master_secret, "extended master secret",
 *                       session_hash)[0..47]
 *   key_block = PRF(master_secret, "key expansion",
 *                   server_random + client_random)
 *     -> client_write_MAC_key, server_write_MAC_key,
 *        client_write_key, server_write_key, client_write_IV, server_write_IV
 *        (AEAD suites have no MAC keys and their IV is the implicit part;
 *        CBC suites have IVs only in TLS 1.0, RFC 2246 6.3: TLS 1.1 and
 *        1.2 send an explicit IV with every record)
 *   verify_data = PRF(master_secret, "client finished" | "server finished",
 *                     Hash(handshake_messages))[0..11]
 *
 * The PRF hash is the suite's (SHA-256, or SHA-384 for *_SHA384); TLS
 * 1.0/1.1 use their own PRF and MD5 || SHA-1 hashes (versions.c).
 */
#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/kdf.h"
#include "tern/util.h"

#define LABEL(s) s, sizeof(s) - 1

/* see src/handshake/handshake_internal.h */
int tern_tls12_master_secret(tern_conn *c)
{
    tern_hs *hs = &c->hs;
    uint8_t session_hash[TERN_HASH_MAX_DIGEST];
    size_t hlen;
    int rc;

    TERN_ENSURE(hs->pms_len > 0, TERN_ERR_INTERNAL);
    if (hs->ems) {
        /* session_hash: the transcript through ClientKeyExchange. */
        TERN_TRY(tern_hs_prf_hash(c, session_hash, &hlen));
        rc = tern_hs_prf(c, hs->ks.pms, hs->pms_len, LABEL("extended master secret"), session_hash,
                         hlen, NULL, 0, hs->master_secret, TERN_MASTER_SECRET_LEN);
    } else {
        rc = tern_hs_prf(c, hs->ks.pms, hs->pms_len, LABEL("master secret"), hs->client_random,
                         TERN_RANDOM_LEN, hs->server_random, TERN_RANDOM_LEN, hs->master_secret,
                         TERN_MASTER_SECRET_LEN);
    }
    tern_wipe(hs->ks.pms, sizeof(hs->ks.pms));
    hs->pms_len = 0;
    return rc;
}

/* Bytes of the IV per direction in the key block: the AEAD fixed IV, the
 * CBC block in TLS 1.0, nothing for CBC in TLS 1.1 and 1.2. */
static size_t key_block_iv_len(const tern_conn *c)
{
    const tern_suite_info *s = c->hs.suite;
    if (s->protection == TERN_SUITE_CBC && c->hs.version != TERN_TLS10) {
        return 0;
    }
    return s->iv_len;
}

/* see src/handshake/handshake_internal.h */
int tern_tls12_key_block(tern_conn *c)
{
    tern_hs *hs = &c->hs;
    const tern_suite_info *s = hs->suite;
    size_t need = 2u * ((size_t)s->mac_len + s->key_len + key_block_iv_len(c));

    TERN_ENSURE(need <= sizeof(hs->ks.key_block), TERN_ERR_INTERNAL);
    return tern_hs_prf(c, hs->master_secret, TERN_MASTER_SECRET_LEN, LABEL("key expansion"),
                       hs->server_random, TERN_RANDOM_LEN, hs->client_random, TERN_RANDOM_LEN,
                       hs->ks.key_block, need);
}

/* see src/handshake/handshake_internal.h */
int tern_tls12_finished(tern_conn *c, int sender, uint8_t out[TERN_FINISHED_LEN])
{
    tern_hs *hs = &c->hs;
    uint8_t th[TERN_HASH_MAX_DIGEST];
    size_t hlen;

    TERN_TRY(tern_hs_prf_hash(c, th, &hlen));
    if (sender == TERN_CLIENT) {
        return tern_hs_prf(c, hs->master_secret, TERN_MASTER_SECRET_LEN, LABEL("client finished"),
                           th, hlen, NULL, 0, out, TERN_FINISHED_LEN);
    }
    return tern_hs_prf(c, hs->master_secret, TERN_MASTER_SECRET_LEN, LABEL("server finished"), th,
                       hlen, NULL, 0, out, TERN_FINISHED_LEN);
}

/* Keys the pending CBC protection of one direction (RFC 5246 6.2.3.2,
 * RFC 7366 3, RFC 2246 6.2.3.2). */
static int install_cbc(tern_conn *c, int write, int client_side)
{
    const tern_hs *hs = &c->hs;
    const tern_suite_info *s = hs->suite;
    const uint8_t *kb = hs->ks.key_block;
    size_t ml = s->mac_len, kl = s->key_len, ivl = key_block_iv_len(c);
    tern_prot_cbc_keys k;
    unsigned flags = 0;

    k.cipher = tern_cfg_block(c->cfg, tern_suite_cbc_cipher(s), kl);
    TERN_ENSURE(k.cipher != NULL, TERN_ERR_INTERNAL);
    k.mac_hash = s->mac_hash;
    k.mac_key = kb + (client_side ? 0 : ml);
    k.mac_key_len = ml;
    k.enc_key = kb + 2u * ml + (client_side ? 0 : kl);
    k.enc_key_len = kl;
    k.iv = NULL;
    if (hs->etm) {
        flags |= TERN_PROT_CBC_ETM;
    }
    if (ivl > 0) {
        /* TLS 1.0: implicit IV chain, and 1/n-1 splitting on send */
        k.iv = kb + 2u * (ml + kl) + (client_side ? 0 : ivl);
        flags |= TERN_PROT_CBC_TLS10 | (write ? TERN_PROT_CBC_SPLIT : 0u);
        return tern_prot_cbc_init(write ? &c->out_prot : &c->in_prot, &k, flags, NULL);
    }
    return tern_prot_cbc_init(write ? &c->out_prot : &c->in_prot, &k, flags, c->rng);
}

/* see src/handshake/handshake_internal.h */
int tern_tls12_install_keys(tern_conn *c, int write)
{
    tern_hs *hs = &c->hs;
    const tern_suite_info *s = hs->suite;
    const uint8_t *kb = hs->ks.key_block;
    /* client_write_key | server_write_key | client_write_IV | server_write_IV */
    int client_side = (write != 0) == (c->role == TERN_CLIENT);
    const uint8_t *key = kb + (client_side ? 0 : s->key_len);
    const uint8_t *iv = kb + 2u * s->key_len + (client_side ? 0 : s->iv_len);

    if (s->protection == TERN_SUITE_CBC) {
        TERN_TRY(install_cbc(c, write, client_side));
        if (write) {
            c->out_seq = 0;
        } else {
            c->in_seq = 0;
        }
        return TERN_OK;
    }
    if (write) {
        TERN_TRY(tern_prot_aead12_init(&c->out_prot, tern_cfg_aead(c->cfg, s->aead), key, iv,
                                       s->iv_len, s->explicit_len));
        c->out_seq = 0;
        return TERN_OK;
    }
    TERN_TRY(tern_prot_aead12_init(&c->in_prot, tern_cfg_aead(c->cfg, s->aead), key, iv, s->iv_len,
                                   s->explicit_len));
    c->in_seq = 0;
    return TERN_OK;
}
