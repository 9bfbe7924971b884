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
 *     -> client_write_key, server_write_key, client_write_IV, server_write_IV
 *        (AEAD suites have no MAC keys; the IV is the implicit part)
 *   verify_data = PRF(master_secret, "client finished" | "server finished",
 *                     Hash(handshake_messages))[0..11]
 *
 * The PRF hash is the suite's (SHA-256, or SHA-384 for *_SHA384).
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
    const tern_hash_class *h = tern_cfg_hash(c->cfg, hs->suite->prf_hash);
    uint8_t session_hash[TERN_HASH_MAX_DIGEST];
    size_t hlen;
    int rc;

    TERN_ENSURE(hs->pms_len > 0, TERN_ERR_INTERNAL);
    if (hs->ems) {
        /* session_hash: the transcript through ClientKeyExchange. */
        TERN_TRY(tern_transcript_hash(hs, h, session_hash, &hlen));
        rc = tern_tls12_prf(h, hs->pms, hs->pms_len, LABEL("extended master secret"), session_hash,
                            hlen, NULL, 0, hs->master_secret, TERN_MASTER_SECRET_LEN);
    } else {
        rc = tern_tls12_prf(h, hs->pms, hs->pms_len, LABEL("master secret"), hs->client_random,
                            TERN_RANDOM_LEN, hs->server_random, TERN_RANDOM_LEN, hs->master_secret,
                            TERN_MASTER_SECRET_LEN);
    }
    tern_wipe(hs->pms, sizeof(hs->pms));
    hs->pms_len = 0;
    return rc;
}

/* see src/handshake/handshake_internal.h */
int tern_tls12_key_block(tern_conn *c)
{
    tern_hs *hs = &c->hs;
    const tern_suite_info *s = hs->suite;
    size_t need = 2u * ((size_t)s->key_len + s->iv_len);

    TERN_ENSURE(need <= sizeof(hs->key_block), TERN_ERR_INTERNAL);
    return tern_tls12_prf(tern_cfg_hash(c->cfg, s->prf_hash), hs->master_secret,
                          TERN_MASTER_SECRET_LEN, LABEL("key expansion"), hs->server_random,
                          TERN_RANDOM_LEN, hs->client_random, TERN_RANDOM_LEN, hs->key_block, need);
}

/* see src/handshake/handshake_internal.h */
int tern_tls12_finished(tern_conn *c, int sender, uint8_t out[TERN_FINISHED_LEN])
{
    tern_hs *hs = &c->hs;
    const tern_hash_class *h = tern_cfg_hash(c->cfg, hs->suite->prf_hash);
    uint8_t th[TERN_HASH_MAX_DIGEST];
    size_t hlen;

    TERN_TRY(tern_transcript_hash(hs, h, th, &hlen));
    if (sender == TERN_CLIENT) {
        return tern_tls12_prf(h, hs->master_secret, TERN_MASTER_SECRET_LEN,
                              LABEL("client finished"), th, hlen, NULL, 0, out, TERN_FINISHED_LEN);
    }
    return tern_tls12_prf(h, hs->master_secret, TERN_MASTER_SECRET_LEN, LABEL("server finished"),
                          th, hlen, NULL, 0, out, TERN_FINISHED_LEN);
}

/* see src/handshake/handshake_internal.h */
int tern_tls12_install_keys(tern_conn *c, int write)
{
    tern_hs *hs = &c->hs;
    const tern_suite_info *s = hs->suite;
    const uint8_t *kb = hs->key_block;
    /* client_write_key | server_write_key | client_write_IV | server_write_IV */
    int client_side = (write != 0) == (c->role == TERN_CLIENT);
    const uint8_t *key = kb + (client_side ? 0 : s->key_len);
    const uint8_t *iv = kb + 2u * s->key_len + (client_side ? 0 : s->iv_len);

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
