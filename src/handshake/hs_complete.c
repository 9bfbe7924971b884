/*
 * End of a handshake: the session is stored (server cache) or kept for
 * the application (client), then every handshake secret is wiped.
 */
#include <string.h>

#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

/* see src/handshake/handshake_internal.h */
/* Server: a new session goes into the cache (a copy made here). */
static void cache_store(tern_conn *c, int64_t now)
{
    tern_hs *hs = &c->hs;
    tern_session s;

    if (c->cfg->session_cache == NULL || hs->session_id_len == 0) {
        return;
    }
    memset(&s, 0, sizeof(s));
    s.version = hs->version;
    s.suite = hs->suite->id;
    memcpy(s.master_secret, hs->master_secret, TERN_MASTER_SECRET_LEN);
    memcpy(s.id, hs->session_id, hs->session_id_len);
    s.id_len = hs->session_id_len;
    s.ems = hs->ems;
    s.created = now;
    s.lifetime = c->cfg->session_cache->lifetime;
    memcpy(s.server_name, c->name, strlen(c->name) + 1);
    tern_session_cache_store(c->cfg->session_cache, &s);
    tern_wipe(&s, sizeof(s));
}

/* Client: the tail of hs_buf keeps just the ticket, at its very end. */
static void drop_offered_name(tern_conn *c)
{
    size_t t = c->session.ticket_len;
    if (c->session.name_len > 0 && t > 0) {
        memmove(c->hs_buf + c->hs_cap - t, TERN_CONN_TICKET(c), t);
    }
    c->session.name_len = 0;
    c->hs_tail = t;
}

/* see src/handshake/handshake_internal.h */
uint8_t tern_hs_proof_needed(const tern_conn *c)
{
    const tern_hs *hs = &c->hs;
    uint8_t need = TERN_VERIFIED_FIN;

    if (hs->resumed) {
        return need;
    }
    if (c->role == TERN_CLIENT) {
        uint8_t kx = hs->suite != NULL ? hs->suite->kx : 0;
        if (tern_kx_is_psk(kx) && kx != TERN_KX_RSA_PSK) {
            /* RFC 4279: no certificate; the server's Finished, keyed
             * through the PSK, is the proof. */
            return need;
        }
        need |= TERN_VERIFIED_CERT;
        if (!tern_kx_rsa_encrypted(kx)) {
            /* static RSA has no signature: only the holder of the
             * certificate's key could decrypt our premaster, which the
             * server's Finished proves (RFC 5246 F.1.1.2) */
            need |= TERN_VERIFIED_SIG;
        }
        return need;
    }
    if (hs->peer_cert_seen) {
        need |= TERN_VERIFIED_CERT | TERN_VERIFIED_SIG;
    }
    return need;
}

/* see src/handshake/handshake_internal.h */
int tern_hs_complete(tern_conn *c)
{
    tern_hs *hs = &c->hs;
    tern_conn_session *s = &c->session;
    int64_t now = 0;

    if (tern_engine_time(c, &now) != TERN_OK) {
        now = 0;
    }
    if (c->role == TERN_SERVER) {
        if (!hs->resumed) {
            cache_store(c, now);
        }
    } else if (!hs->resumed) {
        if (!hs->nst_received) {
            s->ticket_len = 0;
            s->lifetime = 0;
        }
        drop_offered_name(c);
        s->version = hs->version;
        s->suite = hs->suite->id;
        memcpy(s->master_secret, hs->master_secret, TERN_MASTER_SECRET_LEN);
        memcpy(s->id, hs->session_id, hs->session_id_len);
        s->id_len = hs->session_id_len;
        s->ems = hs->ems;
        s->created = now;
        c->session_valid = 1;
    } else {
        /* resumed: the offered session, its ticket renewed or kept */
        drop_offered_name(c);
        if (hs->nst_received) {
            s->created = now;
        }
    }
    if (c->cfg->keylog != NULL) {
        /* NSS key log format: CLIENT_RANDOM <64 hex> <96 hex>. */
        static const char hex[] = "0123456789abcdef";
        char line[14 + 64 + 1 + 96 + 1];
        size_t i, o = 0;
        memcpy(line, "CLIENT_RANDOM ", 14);
        o = 14;
        for (i = 0; i < TERN_RANDOM_LEN; i++) {
            line[o++] = hex[hs->client_random[i] >> 4];
            line[o++] = hex[hs->client_random[i] & 15];
        }
        line[o++] = ' ';
        for (i = 0; i < TERN_MASTER_SECRET_LEN; i++) {
            line[o++] = hex[hs->master_secret[i] >> 4];
            line[o++] = hex[hs->master_secret[i] & 15];
        }
        line[o] = '\0';
        c->cfg->keylog(c->cfg->user, line);
        tern_wipe(line, sizeof(line));
    }
    if (c->role == TERN_SERVER) {
        /* The cache holds its own copy; the connection keeps no secret. */
        tern_wipe(s, sizeof(*s));
        c->session_valid = 0;
    }
    tern_wipe(hs->kex_priv, sizeof(hs->kex_priv));
    tern_wipe(hs->ks.pms, sizeof(hs->ks.pms));
    if (hs->psk_buf != NULL) {
        tern_wipe(hs->psk_buf->key, sizeof(hs->psk_buf->key));
    }
    tern_wipe(hs->master_secret, sizeof(hs->master_secret));
    tern_wipe(hs->ks.key_block, sizeof(hs->ks.key_block));
    tern_transcript_wipe(hs);
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    tern_wipe(&hs->thmd5, sizeof(hs->thmd5));
    tern_wipe(&hs->thsha1, sizeof(hs->thsha1));
#endif
    return TERN_OK;
}
