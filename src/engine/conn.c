/*
 * Connection lifecycle: size, init (carving the caller's memory), per
 * connection settings, and the results read after the handshake.
 * See engine_internal.h for the memory layout.
 */
#include <string.h>

#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

static size_t align_up(size_t n)
{
    return (n + (TERN_CONN_ALIGN - 1)) & ~(size_t)(TERN_CONN_ALIGN - 1);
}

static size_t clamp_record(size_t n)
{
    return n == 0 || n > TERN_RECORD_MAX_PLAIN ? TERN_RECORD_MAX_PLAIN : n;
}

typedef struct layout {
    size_t in_cap, out_cap, hs_cap, chain_cap, aead_cap, psk_cap, hb_cap, th_cap, total;
} layout;

/* The largest AEAD context among the configured suites (the
 * configuration's classes, which may be larger than the built-in ones):
 * the two record protections get that much each (an AES-GCM context is
 * 272 bytes on x86-64 and on a Cortex-M4, an AES-CCM one 264 on x86-64;
 * a ChaCha20-Poly1305 one a few dozen bytes). */
static size_t aead_cap(const tern_config *cfg)
{
    size_t i, cap = 0;
    for (i = 0; i < cfg->suites_count && i < TERN_MAX_SUITES; i++) {
        const tern_suite_info *si = tern_suite_info_get(cfg->suites[i]);
        const tern_aead_class *a =
            si != NULL && si->protection == TERN_SUITE_AEAD ? tern_cfg_aead(cfg, si->aead) : NULL;
        if (si != NULL && si->protection == TERN_SUITE_CBC) {
            /* a CBC protection keeps all its state there */
            size_t n =
                tern_prot_cbc_ctx_size(tern_cfg_block(cfg, tern_suite_cbc_cipher(si), si->key_len));
            cap = n > cap ? n : cap;
        } else if (a != NULL && a->ctx_size > cap) {
            cap = a->ctx_size;
        }
    }
    return cap;
}

/* Room for a PSK key exchange's key and identity: only when a
 * configured suite is a PSK one usable in some role (a PSK or the
 * role's callback is set), so other connections do not carry ~200
 * bytes they can never use. */
static size_t psk_cap(const tern_config *cfg)
{
    size_t i;
    for (i = 0; i < cfg->suites_count && i < TERN_MAX_SUITES; i++) {
        const tern_suite_info *si = tern_suite_info_get(cfg->suites[i]);
        if (si != NULL && tern_kx_is_psk(si->kx) &&
            (tern_tls12_suite_usable(cfg, TERN_CLIENT, si) ||
             tern_tls12_suite_usable(cfg, TERN_SERVER, si))) {
            return sizeof(tern_hs_psk);
        }
    }
    return 0;
}

/* Prefix a CBC protection reserves on output: the explicit IV, or with
 * TLS 1.0 built, room for a 1/n-1 split (prot_cbc_split.c). */
#if TERN_CONFIG_TLS10
#define CBC_OUT_PREFIX TERN_RECORD_CBC_MAX_PREFIX
#else
#define CBC_OUT_PREFIX 16u
#endif

/* 1 when a configured suite uses CBC records: they need more room around
 * the plaintext (IV, MAC, padding; the peer may pad up to 256 bytes). */
static int any_cbc(const tern_config *cfg)
{
    size_t i;
    for (i = 0; i < cfg->suites_count && i < TERN_MAX_SUITES; i++) {
        const tern_suite_info *si = tern_suite_info_get(cfg->suites[i]);
        if (si != NULL && si->protection == TERN_SUITE_CBC) {
            return 1;
        }
    }
    return 0;
}

static void compute_layout(const tern_config *cfg, layout *l)
{
    int cbc = any_cbc(cfg);

    l->in_cap = TERN_RECORD_HEADER_LEN + clamp_record(cfg->in_record_size) +
                (cbc ? TERN_RECORD_CBC_MAX_IN_EXPANSION : TERN_RECORD_MAX_OVERHEAD);
    l->out_cap = TERN_RECORD_HEADER_LEN + clamp_record(cfg->out_record_size) +
                 (cbc ? CBC_OUT_PREFIX + TERN_RECORD_CBC_MAX_SUFFIX
                      : TERN_RECORD_MAX_PREFIX + TERN_RECORD_MAX_SUFFIX);
    if (cfg->shared_record_buffer) {
        /* one area for both directions */
        l->in_cap = l->out_cap = l->in_cap > l->out_cap ? l->in_cap : l->out_cap;
    }
    l->hs_cap = cfg->hs_buffer_size;
    l->chain_cap = cfg->keep_peer_chain;
    l->aead_cap = aead_cap(cfg);
    l->psk_cap = psk_cap(cfg);
    /* the heartbeat codec's state only where heartbeat is on */
    l->hb_cap = cfg->heartbeat != TERN_HB_OFF ? sizeof(tern_hb) : 0;
    /* the transcript contexts as large as the configured hash classes' */
    l->th_cap = tern_transcript_size(cfg);
    l->total = align_up(sizeof(tern_conn)) + 2 * align_up(l->aead_cap) + align_up(l->psk_cap) +
               align_up(l->hb_cap) + align_up(l->th_cap) + align_up(l->in_cap) +
               (cfg->shared_record_buffer ? 0 : align_up(l->out_cap)) + align_up(l->hs_cap) +
               align_up(l->chain_cap);
}

/* see include/tern/engine.h */
size_t tern_conn_size(const tern_config *cfg)
{
    layout l;
    compute_layout(cfg, &l);
    return l.total;
}

/* Configuration checks that do not depend on the peer. */
static int check_config(const tern_config *cfg, int role)
{
    unsigned need = tern_tls12_suites_need(cfg, role); /* what the suites use */

    TERN_ENSURE(role == TERN_CLIENT || role == TERN_SERVER, TERN_ERR_BAD_ARG);
    /* some version this build speaks (TLS 1.0/1.1 only when compiled in) */
    TERN_ENSURE(cfg->min_version <= TERN_TLS12 && cfg->max_version >= tern_version_lowest() &&
                    cfg->min_version <= cfg->max_version,
                TERN_ERR_BAD_CONFIG);
    TERN_ENSURE(cfg->suites_count > 0, TERN_ERR_BAD_CONFIG);
    /* groups and schemes only where a configured suite uses them (a
     * PSK-only configuration has neither, docs/kx.md) */
    TERN_ENSURE(cfg->groups_count > 0 || !(need & TERN_NEED_GROUPS), TERN_ERR_BAD_CONFIG);
    TERN_ENSURE(cfg->sig_schemes_count > 0 || !(need & TERN_NEED_CERT), TERN_ERR_BAD_CONFIG);
    /* RFC 8449 4: no limit below 64; handshake messages need room. */
    TERN_ENSURE(cfg->in_record_size == 0 || cfg->in_record_size >= 64, TERN_ERR_BAD_CONFIG);
    TERN_ENSURE(cfg->out_record_size == 0 || cfg->out_record_size >= 64, TERN_ERR_BAD_CONFIG);
    TERN_ENSURE(cfg->record_size_limit == 0 || cfg->record_size_limit >= 64, TERN_ERR_BAD_CONFIG);
    TERN_ENSURE(cfg->max_fragment_length <= 4, TERN_ERR_BAD_CONFIG);
    TERN_ENSURE(cfg->hs_buffer_size >= 256, TERN_ERR_BAD_CONFIG);
    /* the connection keeps its buffer sizes and offsets in 32 bits */
    TERN_ENSURE(cfg->hs_buffer_size <= TERN_CONN_BUF_MAX &&
                    cfg->keep_peer_chain <= TERN_CONN_BUF_MAX,
                TERN_ERR_BAD_CONFIG);
    /* the negotiated protocol is kept as a one-byte index */
    TERN_ENSURE(cfg->alpn_count < 255 && (cfg->alpn_count == 0 || cfg->alpn != NULL),
                TERN_ERR_BAD_CONFIG);
    if (role == TERN_SERVER) {
        TERN_ENSURE(cfg->credentials_count > 0 || (need & TERN_NEED_PSK), TERN_ERR_BAD_CONFIG);
    }
    /* DESIGN.md: an empty trust store is an error, never "trust all"
     * (a client whose suites are all PSK ones sees no certificate). */
    if (cfg->verify_mode == TERN_VERIFY_REQUIRED &&
        ((role == TERN_CLIENT && (need & TERN_NEED_CERT)) ||
         (role == TERN_SERVER && cfg->client_auth != TERN_CLIENT_AUTH_NONE))) {
        TERN_ENSURE(cfg->trust != NULL, TERN_ERR_BAD_CONFIG);
    }
    return TERN_OK;
}

/* see include/tern/engine.h */
int tern_conn_init(tern_conn **out, void *mem, size_t mem_len, const tern_config *cfg, int role)
{
    static const uint8_t pers[] = "tern connection";
    layout l;
    tern_conn *c;
    uint8_t *p = (uint8_t *)mem;

    TERN_ENSURE(out != NULL && mem != NULL && cfg != NULL, TERN_ERR_NULL_POINTER);
    *out = NULL;
    TERN_ENSURE(((uintptr_t)mem & (TERN_CONN_ALIGN - 1)) == 0, TERN_ERR_BAD_ARG);
    TERN_TRY(check_config(cfg, role));
    compute_layout(cfg, &l);
    TERN_ENSURE(mem_len >= l.total, TERN_ERR_BUFFER_TOO_SMALL);

    /* Only the state is zeroed: the buffers are written before they are
     * read, and tern_conn_free wipes what was used of them. */
    memset(mem, 0,
           align_up(sizeof(tern_conn)) + 2 * align_up(l.aead_cap) + align_up(l.psk_cap) +
               align_up(l.hb_cap) + align_up(l.th_cap));
    c = (tern_conn *)mem;
    p += align_up(sizeof(tern_conn));
    tern_prot_null_init(&c->in_prot);
    tern_prot_null_init(&c->out_prot);
    if (l.aead_cap > 0) {
        tern_prot_bind(&c->in_prot, p, l.aead_cap);
        tern_prot_bind(&c->out_prot, p + align_up(l.aead_cap), l.aead_cap);
        p += 2 * align_up(l.aead_cap);
    }
    if (l.psk_cap > 0) {
        c->hs.psk_buf = (tern_hs_psk *)(void *)p;
        p += align_up(l.psk_cap);
    }
    if (l.hb_cap > 0) {
        c->hbc.hb = (tern_hb *)(void *)p; /* zeroed: no request in flight */
        p += align_up(l.hb_cap);
    }
    tern_transcript_bind(&c->hs, p, cfg);
    p += align_up(l.th_cap);
    c->in_buf = p;
    c->in_cap = l.in_cap;
    p += align_up(l.in_cap);
    c->shared = cfg->shared_record_buffer != 0;
    if (c->shared) {
        c->out_buf = c->in_buf;
        c->out_cap = l.out_cap;
    } else {
        c->out_buf = p;
        c->out_cap = l.out_cap;
        p += align_up(l.out_cap);
    }
    c->hs_buf = p;
    c->hs_cap = l.hs_cap;
    p += align_up(l.hs_cap);
    c->chain_buf = l.chain_cap > 0 ? p : NULL;
    c->chain_cap = l.chain_cap;

    c->cfg = cfg;
    c->role = (uint8_t)role;
    c->last_alert = -1;
    c->pending_alert = -1;
    c->fd = -1;
    c->hs.cred = -1;
    c->in_state = TERN_IN_HEADER;
    c->in_need = TERN_RECORD_HEADER_LEN;
    /* Until the version is settled, the ClientHello record carries
     * {3,1} for the benefit of old servers (RFC 5246 Appendix E.1). */
    c->out_version = role == TERN_CLIENT ? TERN_TLS10 : TERN_TLS12;
    tern_engine_set_limits(c);
    tern_transcript_init(&c->hs, cfg);

    if (cfg->rng != NULL) {
        c->rng = cfg->rng;
    } else {
        /* Hash_DRBG (SP 800-90A 10.1.1, SHA-256, 256-bit strength) from
         * the platform's entropy: the same strength as HMAC_DRBG at about
         * a third of the hashing per handshake (include/tern/rand.h). */
        int rc = tern_hash_drbg_init(&c->drbg, &tern_sha256_class, cfg->platform, pers,
                                     sizeof(pers) - 1);
        if (rc < 0) {
            tern_conn_free(c);
            return rc;
        }
        c->rng = &c->drbg.vtable;
    }
    *out = c;
    return TERN_OK;
}

/* see src/engine/engine_internal.h */
void tern_engine_set_limits(tern_conn *c)
{
    const tern_config *cfg = c->cfg;
    size_t in = clamp_record(cfg->in_record_size);
    size_t out = clamp_record(cfg->out_record_size);
    size_t adv = in;

    if (cfg->record_size_limit != 0 && cfg->record_size_limit < adv) {
        adv = cfg->record_size_limit;
    }
    if (c->hs.mfl_code != 0) {
        /* RFC 6066 4: both directions, every record from now on. */
        size_t mfl = (size_t)1 << (8 + c->hs.mfl_code);
        if (mfl < in) {
            in = mfl;
        }
        if (mfl < out) {
            out = mfl;
        }
    }
    if (c->hs.rsl_seen && c->hs.rsl_sent && c->hs.peer_rsl < out) {
        out = c->hs.peer_rsl; /* RFC 8449 4 */
    }
    c->in_limit = in;
    /* Our own advertised record_size_limit binds protected records once
     * both sides used the extension. */
    c->in_limit_prot = c->hs.rsl_seen && c->hs.rsl_sent && adv < in ? adv : in;
    c->out_limit = out;
}

/* see include/tern/engine.h */
int tern_conn_set_hostname(tern_conn *c, const char *name)
{
    size_t len;

    TERN_ENSURE(c != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(c->role == TERN_CLIENT && !c->hs.started, TERN_ERR_BAD_STATE);
    if (name == NULL) {
        c->name[0] = '\0';
        c->name_set = 1;
        return TERN_OK;
    }
    len = strlen(name);
    TERN_ENSURE(len <= TERN_MAX_HOSTNAME, TERN_ERR_BAD_ARG);
    memcpy(c->name, name, len + 1);
    c->name_set = 1;
    return TERN_OK;
}

/* see include/tern/engine.h */
int tern_conn_set_session(tern_conn *c, const tern_session *s)
{
    tern_conn_session *sess;
    size_t name_len;

    TERN_ENSURE(c != NULL && s != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(c->role == TERN_CLIENT && !c->hs.started, TERN_ERR_BAD_STATE);
    sess = &c->session;
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    /* a session of any version this build speaks (TLS 1.0/1.1 too) */
    TERN_ENSURE(tern_version_built(s->version), TERN_ERR_BAD_ARG);
#else
    TERN_ENSURE(s->version == TERN_TLS12, TERN_ERR_BAD_ARG);
#endif
    TERN_ENSURE(s->id_len <= TERN_SESSION_ID_MAX && s->ticket_len <= TERN_MAX_TICKET_LEN,
                TERN_ERR_BAD_ARG);
    TERN_ENSURE(s->id_len > 0 || s->ticket_len > 0, TERN_ERR_BAD_ARG);
    for (name_len = 0; name_len <= TERN_MAX_HOSTNAME && s->server_name[name_len] != '\0';
         name_len++) {
    }
    TERN_ENSURE(name_len <= TERN_MAX_HOSTNAME, TERN_ERR_BAD_ARG);
    /* The ticket and the name wait at the end of hs_buf (hs_tail) with
     * room left for the ClientHello that carries the ticket. */
    TERN_ENSURE(c->hs_cap >= TERN_HS_FRONT_MIN &&
                    (size_t)s->ticket_len + name_len <= c->hs_cap - TERN_HS_FRONT_MIN,
                TERN_ERR_BUFFER_TOO_SMALL);
    sess->version = s->version;
    sess->suite = s->suite;
    memcpy(sess->master_secret, s->master_secret, sizeof(sess->master_secret));
    memcpy(sess->id, s->id, s->id_len);
    sess->id_len = s->id_len;
    sess->ems = s->ems;
    sess->created = s->created;
    sess->lifetime = s->lifetime;
    sess->ticket_len = s->ticket_len;
    sess->name_len = (uint16_t)name_len;
    c->hs_tail = s->ticket_len + name_len;
    memcpy(TERN_CONN_TICKET(c), s->ticket, s->ticket_len);
    memcpy(TERN_CONN_OFFERED_NAME(c), s->server_name, name_len);
    c->session_valid = 1;
    return TERN_OK;
}

/* see include/tern/engine.h */
void tern_conn_set_time(tern_conn *c, int64_t now)
{
    c->now = now;
}

static size_t at_most(size_t n, size_t cap)
{
    return n < cap ? n : cap;
}

/* see include/tern/engine.h */
void tern_conn_free(tern_conn *c)
{
    if (c == NULL) {
        return;
    }
    /* The keys (AEAD contexts, the struct with the handshake secrets and
     * the DRBG), and of the buffers what was used: records hold
     * plaintext up to the high-water marks; hs_buf (handshake messages,
     * a ticket, the peer's key) is wiped whole; the kept chain up to its
     * length (keep_chain writes nothing beyond it). */
    tern_prot_wipe(&c->in_prot);
    tern_prot_wipe(&c->out_prot);
    if (c->shared) {
        tern_wipe(c->in_buf, at_most(c->in_hw > c->out_hw ? c->in_hw : c->out_hw, c->in_cap));
    } else {
        tern_wipe(c->in_buf, at_most(c->in_hw, c->in_cap));
        tern_wipe(c->out_buf, at_most(c->out_hw, c->out_cap));
    }
    tern_wipe(c->hs_buf, c->hs_cap);
    tern_wipe(c->chain_buf, at_most(c->chain_len, c->chain_cap));
    if (c->hs.psk_buf != NULL) {
        tern_wipe(c->hs.psk_buf, sizeof(*c->hs.psk_buf));
    }
    if (c->hbc.hb != NULL) {
        tern_wipe(c->hbc.hb, sizeof(*c->hbc.hb));
    }
    tern_transcript_wipe(&c->hs);
    tern_wipe(c, sizeof(*c));
}

/* see include/tern/engine.h */
int tern_conn_state(const tern_conn *c)
{
    if (c->error != TERN_OK) {
        return TERN_CONN_CLOSED;
    }
    return c->hs.done || c->rn.active ? TERN_CONN_OPERATING : TERN_CONN_HANDSHAKE;
}

/* see include/tern/engine.h */
int tern_conn_get_info(const tern_conn *c, tern_conn_info *info)
{
    TERN_ENSURE(c != NULL && info != NULL, TERN_ERR_NULL_POINTER);
    memset(info, 0, sizeof(*info));
    info->version = c->info.version;
    info->suite = c->info.suite;
    info->group = c->info.group;
    info->sig_scheme = c->info.sig_scheme;
    info->resumed = c->info.resumed;
    info->ems = c->info.ems;
    info->etm = c->info.etm;
    info->peer_verified = c->info.peer_verified;
    info->server_gmt_unix_time = c->info.server_gmt_unix_time;
    if (c->info.alpn > 0 && c->info.alpn <= c->cfg->alpn_count) {
        const char *a = c->cfg->alpn[c->info.alpn - 1];
        size_t n = strlen(a);
        if (n < sizeof(info->alpn)) {
            memcpy(info->alpn, a, n + 1);
        }
    }
    if (c->role == TERN_SERVER || c->sni_sent) {
        memcpy(info->server_name, c->name, strlen(c->name) + 1);
    }
    info->peer_record_limit = (uint16_t)c->out_limit;
    info->peer_cert_count = c->peer_cert_count;
    return TERN_OK;
}

/* see include/tern/engine.h */
int tern_conn_peer_cert(const tern_conn *c, size_t idx, const uint8_t **der, size_t *len)
{
    size_t off = 0, i;

    TERN_ENSURE(c != NULL && der != NULL && len != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(idx < c->chain_count, TERN_ERR_NOT_FOUND);
    for (i = 0;; i++) {
        size_t n = tern_load_be24(c->chain_buf + off);
        if (i == idx) {
            *der = c->chain_buf + off + 3;
            *len = n;
            return TERN_OK;
        }
        off += 3 + n;
    }
}

/* see include/tern/engine.h */
int tern_conn_get_session(const tern_conn *c, tern_session *s)
{
    TERN_ENSURE(c != NULL && s != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(c->hs.done && c->session_valid, TERN_ERR_NOT_FOUND);
    TERN_ENSURE(c->session.id_len > 0 || c->session.ticket_len > 0, TERN_ERR_NOT_FOUND);
    memset(s, 0, sizeof(*s));
    s->version = c->session.version;
    s->suite = c->session.suite;
    memcpy(s->master_secret, c->session.master_secret, sizeof(s->master_secret));
    memcpy(s->id, c->session.id, c->session.id_len);
    s->id_len = c->session.id_len;
    s->ems = c->session.ems;
    s->created = c->session.created;
    s->lifetime = c->session.lifetime;
    s->ticket_len = c->session.ticket_len;
    memcpy(s->ticket, TERN_CONN_TICKET(c), c->session.ticket_len);
    memcpy(s->server_name, c->name, strlen(c->name) + 1);
    return TERN_OK;
}

/* see include/tern/engine.h */
int tern_conn_last_alert(const tern_conn *c, int *sent)
{
    if (sent != NULL) {
        *sent = c->last_alert_sent;
    }
    return c->last_alert;
}
