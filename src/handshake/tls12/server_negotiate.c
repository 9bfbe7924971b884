/*
 * Server: what the ClientHello decides. Version (with the fallback check
 * of RFC 7507), extensions, resumption (ticket, then session ID), and
 * for a full handshake the suite, credential, signature scheme and group.
 */
#include <string.h>

#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

static int cfg_has_suite(const tern_config *cfg, uint16_t id)
{
    size_t i;
    for (i = 0; i < cfg->suites_count; i++) {
        if (cfg->suites[i] == id) {
            return tern_suite_info_get(id) != NULL;
        }
    }
    return 0;
}

/* Extensions that do not depend on the suite. */
typedef struct offer {
    const uint8_t *groups; /* supported_groups list, or NULL */
    size_t groups_len;
    const uint8_t *schemes; /* signature_algorithms list */
    size_t schemes_len;
    const uint8_t *sni;
    size_t sni_len;
    const uint8_t *ticket;
    size_t ticket_len;
} offer;

/* RFC 5246 7.4.1.4.1: without signature_algorithms, {sha1,rsa} and
 * {sha1,ecdsa} are implied (and fail unless SHA-1 is configured). */
static const uint8_t implied_schemes[] = {0x02, 0x01, 0x02, 0x03};

static int read_extensions(tern_conn *c, const tern_client_hello *ch, offer *o)
{
    const tern_exts *x = &ch->ext;
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    tern_reader list;

    memset(o, 0, sizeof(*o));
    /* RFC 5746 3.6, 3.7: the SCSV or renegotiation_info. */
    TERN_TRY(tern_reneg_ext_server_read(c, ch->suites, ch->suites_len, x));
    /* RFC 7627 5.2 / 5.3. */
    if (TERN_EXT_SEEN(x, TERN_X_EXTENDED_MASTER_SECRET)) {
        TERN_TRY(tern_ext_empty_parse(x->body[TERN_X_EXTENDED_MASTER_SECRET],
                                      x->len[TERN_X_EXTENDED_MASTER_SECRET]));
        hs->ems = 1;
    }
    TERN_ENSURE(hs->ems || !cfg->require_ems, TERN_ERR_MISSING_EXTENSION);
    if (TERN_EXT_SEEN(x, TERN_X_SERVER_NAME)) {
        TERN_TRY(tern_ext_server_name_parse(x->body[TERN_X_SERVER_NAME], x->len[TERN_X_SERVER_NAME],
                                            &o->sni, &o->sni_len));
        TERN_ENSURE(o->sni_len > 0, TERN_ERR_DECODE);
        memcpy(c->name, o->sni, o->sni_len);
        c->name[o->sni_len] = '\0';
    }
    if (TERN_EXT_SEEN(x, TERN_X_SUPPORTED_GROUPS)) {
        TERN_TRY(tern_ext_supported_groups_parse(x->body[TERN_X_SUPPORTED_GROUPS],
                                                 x->len[TERN_X_SUPPORTED_GROUPS], &list));
        o->groups = list.p;
        o->groups_len = list.left;
    }
    if (TERN_EXT_SEEN(x, TERN_X_EC_POINT_FORMATS)) {
        int uncompressed;
        TERN_TRY(tern_ext_ec_point_formats_parse(x->body[TERN_X_EC_POINT_FORMATS],
                                                 x->len[TERN_X_EC_POINT_FORMATS], &uncompressed));
        /* RFC 8422 5.1.2: uncompressed must be supported. */
        TERN_ENSURE(uncompressed, TERN_ERR_ILLEGAL_PARAMETER);
        hs->ec_formats = 1;
    }
    o->schemes = implied_schemes;
    o->schemes_len = sizeof(implied_schemes);
    if (TERN_EXT_SEEN(x, TERN_X_SIGNATURE_ALGORITHMS)) {
        TERN_TRY(tern_ext_signature_algorithms_parse(x->body[TERN_X_SIGNATURE_ALGORITHMS],
                                                     x->len[TERN_X_SIGNATURE_ALGORITHMS], &list));
        o->schemes = list.p;
        o->schemes_len = list.left;
    }
    if (TERN_EXT_SEEN(x, TERN_X_RECORD_SIZE_LIMIT)) {
        uint16_t limit;
        TERN_TRY(tern_ext_record_size_limit_parse(x->body[TERN_X_RECORD_SIZE_LIMIT],
                                                  x->len[TERN_X_RECORD_SIZE_LIMIT], &limit));
        /* RFC 8449 4: the server does not enforce the version maximum;
         * it just never sends more than 2^14. */
        hs->peer_rsl = limit > TERN_RECORD_MAX_PLAIN ? TERN_RECORD_MAX_PLAIN : limit;
        hs->rsl_seen = 1;
    }
    if (TERN_EXT_SEEN(x, TERN_X_MAX_FRAGMENT_LENGTH) && !hs->rsl_seen) {
        uint8_t code;
        /* RFC 8449 5: ignored when record_size_limit is also present. */
        TERN_TRY(tern_ext_max_fragment_length_parse(x->body[TERN_X_MAX_FRAGMENT_LENGTH],
                                                    x->len[TERN_X_MAX_FRAGMENT_LENGTH], &code));
        TERN_ENSURE(code >= 1 && code <= 4, TERN_ERR_ILLEGAL_PARAMETER); /* RFC 6066 4 */
        hs->mfl_code = code;
    }
    if (TERN_EXT_SEEN(x, TERN_X_SESSION_TICKET) && cfg->ticket_keys != NULL) {
        hs->ticket_offered = 1;
        o->ticket = x->body[TERN_X_SESSION_TICKET];
        o->ticket_len = x->len[TERN_X_SESSION_TICKET];
    }
    return tern_hb_ext_server_read(c, x);
}

/* ALPN (RFC 7301 3.2): our first protocol the client also offers. */
static int choose_alpn(tern_conn *c, const tern_client_hello *ch)
{
    const tern_config *cfg = c->cfg;
    tern_reader list, name;
    size_t i;

    if (!TERN_EXT_SEEN(&ch->ext, TERN_X_ALPN)) {
        return TERN_OK;
    }
    TERN_TRY(tern_ext_alpn_parse(ch->ext.body[TERN_X_ALPN], ch->ext.len[TERN_X_ALPN], &list));
    if (cfg->alpn_count == 0) {
        return TERN_OK;
    }
    for (i = 0; i < cfg->alpn_count; i++) {
        size_t n = strlen(cfg->alpn[i]);
        tern_reader walk = list;
        while (tern_reader_left(&walk) > 0) {
            TERN_TRY(tern_read_vec(&walk, 1, 1, 0xff, &name));
            if (name.left == n && memcmp(name.p, cfg->alpn[i], n) == 0) {
                c->info.alpn = (uint8_t)(i + 1);
                return TERN_OK;
            }
        }
    }
    TERN_ENSURE(!cfg->alpn_required, TERN_ERR_NO_APPLICATION_PROTOCOL);
    return TERN_OK;
}

/* Can a session found by ticket or ID be resumed with this hello?
 * 1 yes, 0 no (full handshake), or an error. */
static int session_usable(tern_conn *c, const tern_client_hello *ch, const offer *o,
                          const tern_session *s, uint32_t lifetime)
{
    int64_t now;

    if (s->version != c->hs.version || !cfg_has_suite(c->cfg, s->suite) ||
        !tern_u16_list_has(ch->suites, ch->suites_len, s->suite)) {
        return 0;
    }
    /* RFC 7627 5.3: a session made with the extended master secret is
     * never resumed without it; one made without is not resumed when
     * the client now offers it. */
    if (s->ems && !c->hs.ems) {
        return TERN_ERR_HANDSHAKE_FAILURE;
    }
    if (!s->ems && c->hs.ems) {
        return 0;
    }
    /* RFC 6066 3: not across server names. */
    if (strlen(s->server_name) != o->sni_len ||
        memcmp(s->server_name, o->sni != NULL ? (const char *)o->sni : "", o->sni_len) != 0) {
        return 0;
    }
    if (tern_engine_time(c, &now) != TERN_OK || s->created == 0 || now < s->created ||
        now - s->created > (int64_t)lifetime) {
        return 0;
    }
    return 1;
}

/* Tries a ticket, then the session cache. Sets hs->resumed. */
static int try_resume(tern_conn *c, const tern_client_hello *ch, const offer *o)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    tern_session s;
    int rc = 0;

    memset(&s, 0, sizeof(s));
    if (o->ticket_len > 0 &&
        tern_ticket_open_cls(tern_cfg_aead(cfg, tern_ticket_aead()), cfg->ticket_keys, o->ticket,
                             o->ticket_len, &s) == TERN_OK) {
        rc = session_usable(c, ch, o, &s, cfg->ticket_keys->lifetime);
        /* RFC 5077 3.4: echo the client's session ID on acceptance. */
        if (rc == 1) {
            memcpy(hs->session_id, ch->session_id, ch->session_id_len);
            hs->session_id_len = (uint8_t)ch->session_id_len;
        }
    }
    if (rc == 0 && ch->session_id_len > 0 && cfg->session_cache != NULL) {
        tern_wipe(&s, sizeof(s));
        if (tern_session_cache_find(cfg->session_cache, ch->session_id, ch->session_id_len, &s) ==
            TERN_OK) {
            rc = session_usable(c, ch, o, &s, cfg->session_cache->lifetime);
            if (rc == 1) {
                memcpy(hs->session_id, s.id, s.id_len);
                hs->session_id_len = s.id_len;
            }
        }
    }
    if (rc == 1) {
        hs->resumed = 1;
        hs->suite = tern_suite_info_get(s.suite);
        memcpy(hs->master_secret, s.master_secret, TERN_MASTER_SECRET_LEN);
        c->info.resumed = 1;
    }
    tern_wipe(&s, sizeof(s));
    return rc < 0 ? rc : TERN_OK;
}

/* The group: our first the client supports (RFC 8422 5.1.1; a client
 * without the extension is taken to support ours, section 4). Only
 * elliptic-curve groups: the FFDHE range (0x0100..0x01ff) belongs to the
 * DHE suites. */
static uint16_t choose_group(const tern_conn *c, const offer *o)
{
    size_t i;
    for (i = 0; i < c->cfg->groups_count; i++) {
        uint16_t g = c->cfg->groups[i];
        if ((g >> 8) != 0x01 && tern_kex_by_group(g) != NULL &&
            (o->groups == NULL || tern_u16_list_has(o->groups, o->groups_len, g))) {
            return g;
        }
    }
    return 0;
}

/* The group a suite's key exchange needs, in *group (0 for none): 1 when
 * the suite can run with this client, 0 when it cannot. */
static int suite_group(const tern_conn *c, const offer *o, const tern_suite_info *si,
                       uint16_t *group)
{
    *group = 0;
    switch (si->kx) {
    case TERN_KX_ECDHE:
    case TERN_KX_ECDHE_PSK:
        *group = choose_group(c, o);
        return *group != 0;
#if TERN_CONFIG_FFDH
    case TERN_KX_DHE:
    case TERN_KX_DHE_PSK:
        *group = tern_kx_dhe_choose_group(c, o->groups, o->groups != NULL ? o->groups_len : 0);
        return *group != 0;
#endif
    default:
        return 1;
    }
}

/* Picks suite, credential and scheme for a full handshake. */
static int choose_suite(tern_conn *c, const tern_client_hello *ch, const offer *o)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    int forced = -1;
    uint16_t group;
    size_t i, k, n;

    if (cfg->select_credential != NULL) {
        uint16_t schemes[64], groups[32];
        tern_client_hello_info info;
        size_t ns = 0, ng = 0;
        for (i = 0; i + 1 < o->schemes_len && ns < 64; i += 2) {
            schemes[ns++] = tern_load_be16(o->schemes + i);
        }
        for (i = 0; o->groups != NULL && i + 1 < o->groups_len && ng < 32; i += 2) {
            groups[ng++] = tern_load_be16(o->groups + i);
        }
        info.server_name = o->sni_len > 0 ? c->name : NULL;
        info.sig_schemes = schemes;
        info.sig_schemes_count = ns;
        info.groups = groups;
        info.groups_count = ng;
        forced = cfg->select_credential(cfg->user, &info);
        if (forced < 0) {
            return forced;
        }
        TERN_ENSURE((size_t)forced < cfg->credentials_count, TERN_ERR_BAD_CONFIG);
    }
    n = cfg->client_preference ? ch->suites_len / 2 : cfg->suites_count;
    for (i = 0; i < n; i++) {
        uint16_t id = cfg->client_preference ? tern_load_be16(ch->suites + 2 * i) : cfg->suites[i];
        const tern_suite_info *si;
        if (!cfg_has_suite(cfg, id) || !tern_u16_list_has(ch->suites, ch->suites_len, id)) {
            continue;
        }
        si = tern_suite_info_get(id);
        if (!tern_suite_allowed(si, hs->version)) {
            continue; /* e.g. AEAD in TLS 1.1 */
        }
        if (!tern_tls12_suite_usable(cfg, TERN_SERVER, si) || !suite_group(c, o, si, &group)) {
            continue;
        }
        if (si->auth == TERN_KEY_NONE) {
            /* PSK key exchanges: no certificate (RFC 4279 2) */
            hs->suite = si;
            hs->cred = -1;
            hs->group = group;
            return TERN_OK;
        }
        for (k = 0; k < cfg->credentials_count; k++) {
            const tern_privkey *key = &cfg->credentials[k].key;
            uint16_t scheme;
            if ((forced >= 0 && (size_t)forced != k) || key->type != si->auth) {
                continue;
            }
            /* RFC 8422 5.1: an ECDSA key on a curve the client supports
             * (when it said which). */
            if (key->type == TERN_KEY_EC && o->groups != NULL &&
                !tern_u16_list_has(o->groups, o->groups_len, key->u.ec.curve)) {
                continue;
            }
            /* static RSA signs nothing (RFC 5246 7.4.3); TLS 1.0/1.1 have
             * no scheme: the version fixes the hashes */
            if (tern_kx_rsa_encrypted(si->kx)) {
                scheme = 0;
            } else if (hs->version < TERN_TLS12) {
                scheme = 0xffffu;
            } else {
                scheme = tern_hs_choose_scheme(c, k, o->schemes, o->schemes_len, 0xffffu);
            }
            if (scheme != 0 || tern_kx_rsa_encrypted(si->kx)) {
                hs->suite = si;
                hs->group = group;
                hs->cred = (int)k;
                hs->own_scheme = scheme;
                return TERN_OK;
            }
        }
    }
    return TERN_ERR_HANDSHAKE_FAILURE;
}

/* see src/handshake/handshake_internal.h */
int tern_tls12_server_negotiate(tern_conn *c, const tern_client_hello *ch)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    /* the best version this code speaks under this configuration */
    uint16_t best = cfg->max_version < TERN_TLS12 ? cfg->max_version : TERN_TLS12;
    offer o;
    size_t i;
    int has_null = 0;

    /* RFC 7507 3: a fallback signal below our best version is an
     * attack; checked before the version itself. */
    if (tern_u16_list_has(ch->suites, ch->suites_len, TERN_SCSV_FALLBACK) && ch->client_version < best) {
        return TERN_ERR_INAPPROPRIATE_FALLBACK;
    }
    /* RFC 5246 E.1: the highest version both have; SSL 3.0 never
     * (RFC 7568 3: below tern_version_lowest, which is TLS 1.0 at most) */
    TERN_ENSURE((ch->client_version >> 8) == 3, TERN_ERR_PROTOCOL_VERSION);
    hs->version = ch->client_version < best ? ch->client_version : best;
    TERN_ENSURE(hs->version >= cfg->min_version && tern_version_built(hs->version),
                TERN_ERR_PROTOCOL_VERSION);
    hs->client_version = ch->client_version;
    c->info.version = hs->version;
    c->out_version = hs->version;
    memcpy(hs->client_random, ch->random, TERN_RANDOM_LEN);
    for (i = 0; i < ch->compressions_len; i++) {
        if (ch->compressions[i] == 0) {
            has_null = 1;
        }
    }
    /* 7.4.1.2: null compression must be offered. */
    TERN_ENSURE(has_null, TERN_ERR_ILLEGAL_PARAMETER);
    TERN_TRY(read_extensions(c, ch, &o));
    TERN_TRY(choose_alpn(c, ch));
    TERN_TRY(try_resume(c, ch, &o));
    if (hs->resumed) {
        TERN_TRY(tern_ext_encrypt_then_mac_server(c, &ch->ext));
        hs->flow = TERN_FLOW_TLS12_RESUME;
        /* renew the ticket when tickets are in use */
        if (hs->ticket_offered) {
            hs->bits |= TERN_HSB_TICKET;
        }
        c->info.ems = hs->ems;
        c->info.suite = hs->suite->id;
        return TERN_OK;
    }
    TERN_TRY(choose_suite(c, ch, &o));
    TERN_TRY(tern_ext_encrypt_then_mac_server(c, &ch->ext));
    hs->kex = hs->group != 0 ? tern_kex_by_group(hs->group) : NULL;
    TERN_TRY(tern_tls12_kx_start(c));
    if (cfg->session_cache != NULL) {
        hs->session_id_len = TERN_SESSION_ID_MAX;
        TERN_TRY(tern_engine_random(c, hs->session_id, TERN_SESSION_ID_MAX));
    }
    if (hs->ticket_offered) {
        hs->bits |= TERN_HSB_TICKET;
    }
    if (cfg->client_auth != TERN_CLIENT_AUTH_NONE && hs->suite->auth != TERN_KEY_NONE) {
        /* PSK suites have no certificates on either side (RFC 4279 2). */
        hs->bits |= TERN_HSB_CLIENT_AUTH;
    }
    c->info.suite = hs->suite->id;
    c->info.group = hs->group;
    c->info.ems = hs->ems;
    return TERN_OK;
}
