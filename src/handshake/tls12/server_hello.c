/*
 * ServerHello (RFC 5246 7.4.1.3): parser, server writer, client handler.
 *
 *   struct {
 *       ProtocolVersion server_version;
 *       Random random;
 *       SessionID session_id;
 *       CipherSuite cipher_suite;
 *       CompressionMethod compression_method;
 *       select (extensions_present) {
 *           case false: struct {};
 *           case true:  Extension extensions<0..2^16-1>;
 *       };
 *   } ServerHello;
 */
#include <string.h>

#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "engine/engine_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_tls12_server_hello_parse(const uint8_t *body, size_t len, tern_server_hello *sh)
{
    tern_reader r, v;

    memset(sh, 0, sizeof(*sh));
    tern_reader_init(&r, body, len);
    TERN_TRY(tern_read_u16(&r, &sh->server_version));
    TERN_TRY(tern_read_bytes(&r, TERN_RANDOM_LEN, &sh->random));
    TERN_TRY(tern_read_vec(&r, 1, 0, TERN_SESSION_ID_MAX, &v));
    sh->session_id = v.p;
    sh->session_id_len = v.left;
    TERN_TRY(tern_read_u16(&r, &sh->suite));
    TERN_TRY(tern_read_u8(&r, &sh->compression));
    if (tern_reader_left(&r) == 0) {
        return tern_exts_parse(NULL, 0, &sh->ext);
    }
    TERN_TRY(tern_read_vec16(&r, &v));
    TERN_TRY(tern_reader_expect_end(&r));
    return tern_exts_parse(v.p, v.left, &sh->ext);
}

/* The limit on records we receive that we advertise (RFC 8449). */
static uint16_t own_limit(const tern_config *cfg)
{
    size_t in = cfg->in_record_size == 0 || cfg->in_record_size > TERN_RECORD_MAX_PLAIN
                    ? TERN_RECORD_MAX_PLAIN
                    : cfg->in_record_size;
    if (cfg->record_size_limit != 0 && cfg->record_size_limit < in) {
        in = cfg->record_size_limit;
    }
    return (uint16_t)in;
}

static int write_extensions(tern_conn *c, tern_writer *w)
{
    tern_hs *hs = &c->hs;

    if (hs->secure_reneg) {
        TERN_TRY(tern_reneg_ext_write(c, w)); /* RFC 5746 3.6, 3.7 */
    }
    if (hs->ems) {
        TERN_TRY(tern_ext_write_raw(w, TERN_EXT_EXTENDED_MASTER_SECRET, NULL, 0));
    }
    TERN_TRY(tern_ext_encrypt_then_mac_write(c, w)); /* RFC 7366 3 */
    /* RFC 6066 3: acknowledge the name we used; never on resumption. */
    if (c->name[0] != '\0' && !hs->resumed) {
        TERN_TRY(tern_ext_server_name_write(w, NULL));
    }
    if (hs->ec_formats) {
        TERN_TRY(tern_ext_ec_point_formats_write(w));
    }
    if (hs->bits & TERN_HSB_TICKET) {
        TERN_TRY(tern_ext_write_raw(w, TERN_EXT_SESSION_TICKET, NULL, 0));
    }
    if (c->info.alpn > 0) {
        TERN_TRY(tern_ext_alpn_write(w, &c->cfg->alpn[c->info.alpn - 1], 1));
    }
    if (hs->mfl_code != 0) {
        TERN_TRY(tern_ext_max_fragment_length_write(w, hs->mfl_code));
    }
    if (hs->rsl_seen) {
        TERN_TRY(tern_ext_record_size_limit_write(w, own_limit(c->cfg)));
        hs->rsl_sent = 1;
    }
    return tern_hb_ext_server_write(c, w);
}

/* Server: writes the ServerHello. */
static int sh_write(tern_conn *c, tern_writer *w)
{
    tern_hs *hs = &c->hs;
    size_t mark;
    int64_t now;

    TERN_TRY(tern_engine_random(c, hs->server_random, TERN_RANDOM_LEN));
    /* gmt_unix_time (7.4.1.2) when we have a clock; random otherwise. */
    if (tern_engine_time(c, &now) == TERN_OK && now > 0) {
        tern_store_be32(hs->server_random, (uint32_t)now);
    }
    tern_downgrade_mark(c, hs->server_random); /* RFC 8446 4.1.3 */
    TERN_TRY(tern_write_u16(w, hs->version));
    TERN_TRY(tern_write_bytes(w, hs->server_random, TERN_RANDOM_LEN));
    TERN_TRY(tern_write_u8(w, hs->session_id_len));
    TERN_TRY(tern_write_bytes(w, hs->session_id, hs->session_id_len));
    TERN_TRY(tern_write_u16(w, hs->suite->id));
    TERN_TRY(tern_write_u8(w, 0));
    TERN_TRY(tern_write_vec_begin(w, 2, &mark));
    TERN_TRY(write_extensions(c, w));
    /* An empty extension list is sent as none at all. */
    if (tern_writer_len(w) == mark + 2) {
        w->len = mark;
        return TERN_OK;
    }
    return tern_write_vec_end(w, 2, mark);
}

/* Server: after the ServerHello, the negotiated record limits apply; a
 * resumed session has its keys now. */
static int sh_after_write(tern_conn *c)
{
    if (c->role != TERN_SERVER) {
        return TERN_OK; /* the client did this in sh_read */
    }
    tern_engine_set_limits(c);
    if (c->hs.resumed) {
        TERN_TRY(tern_tls12_key_block(c));
    }
    return TERN_OK;
}

static int cfg_has(const uint16_t *list, size_t n, uint16_t v)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (list[i] == v) {
            return 1;
        }
    }
    return 0;
}

/* Client: the server's extensions. Every one must answer one we sent
 * (RFC 5246 7.4.1.4: unsupported_extension). */
static int read_extensions(tern_conn *c, const tern_server_hello *sh)
{
    const tern_exts *x = &sh->ext;
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;

    TERN_ENSURE(x->unknown == 0 && !TERN_EXT_SEEN(x, TERN_X_SUPPORTED_GROUPS) &&
                    !TERN_EXT_SEEN(x, TERN_X_SIGNATURE_ALGORITHMS),
                TERN_ERR_UNSUPPORTED_EXTENSION);
    TERN_TRY(tern_reneg_ext_client_read(c, x)); /* RFC 5746 3.4, 3.5 */
    if (TERN_EXT_SEEN(x, TERN_X_EXTENDED_MASTER_SECRET)) {
        TERN_TRY(tern_ext_empty_parse(x->body[TERN_X_EXTENDED_MASTER_SECRET],
                                      x->len[TERN_X_EXTENDED_MASTER_SECRET]));
        hs->ems = 1;
    }
    /* RFC 7627 5.2: a client requiring it aborts without it. */
    TERN_ENSURE(hs->ems || !cfg->require_ems, TERN_ERR_MISSING_EXTENSION);
    if (TERN_EXT_SEEN(x, TERN_X_SERVER_NAME)) {
        TERN_ENSURE(c->sni_sent, TERN_ERR_UNSUPPORTED_EXTENSION);
        TERN_ENSURE(x->len[TERN_X_SERVER_NAME] == 0, TERN_ERR_DECODE);
    }
    if (TERN_EXT_SEEN(x, TERN_X_EC_POINT_FORMATS)) {
        int uncompressed;
        TERN_TRY(tern_ext_ec_point_formats_parse(x->body[TERN_X_EC_POINT_FORMATS],
                                                 x->len[TERN_X_EC_POINT_FORMATS], &uncompressed));
        TERN_ENSURE(uncompressed, TERN_ERR_ILLEGAL_PARAMETER); /* RFC 8422 5.2 */
    }
    if (TERN_EXT_SEEN(x, TERN_X_SESSION_TICKET)) {
        TERN_ENSURE(hs->ticket_offered, TERN_ERR_UNSUPPORTED_EXTENSION);
        TERN_TRY(
            tern_ext_empty_parse(x->body[TERN_X_SESSION_TICKET], x->len[TERN_X_SESSION_TICKET]));
        hs->bits |= TERN_HSB_TICKET; /* RFC 5077 3.2 */
    }
    if (TERN_EXT_SEEN(x, TERN_X_ALPN)) {
        tern_reader list, name;
        size_t i;
        int found = 0;
        TERN_ENSURE(hs->alpn_offered, TERN_ERR_UNSUPPORTED_EXTENSION);
        TERN_TRY(tern_ext_alpn_parse(x->body[TERN_X_ALPN], x->len[TERN_X_ALPN], &list));
        /* RFC 7301 3.1: exactly one name, one we offered. */
        TERN_TRY(tern_read_vec(&list, 1, 1, 0xff, &name));
        TERN_ENSURE(tern_reader_left(&list) == 0, TERN_ERR_ILLEGAL_PARAMETER);
        for (i = 0; i < cfg->alpn_count && !found; i++) {
            if (strlen(cfg->alpn[i]) == name.left && memcmp(cfg->alpn[i], name.p, name.left) == 0) {
                found = 1;
                c->info.alpn = (uint8_t)(i + 1);
            }
        }
        TERN_ENSURE(found, TERN_ERR_ILLEGAL_PARAMETER);
    }
    if (TERN_EXT_SEEN(x, TERN_X_MAX_FRAGMENT_LENGTH)) {
        uint8_t code;
        TERN_ENSURE(cfg->max_fragment_length != 0, TERN_ERR_UNSUPPORTED_EXTENSION);
        TERN_TRY(tern_ext_max_fragment_length_parse(x->body[TERN_X_MAX_FRAGMENT_LENGTH],
                                                    x->len[TERN_X_MAX_FRAGMENT_LENGTH], &code));
        /* RFC 6066 4: the echo must match the request. */
        TERN_ENSURE(code == cfg->max_fragment_length, TERN_ERR_ILLEGAL_PARAMETER);
        hs->mfl_code = code;
    }
    if (TERN_EXT_SEEN(x, TERN_X_RECORD_SIZE_LIMIT)) {
        uint16_t limit;
        TERN_ENSURE(hs->rsl_sent, TERN_ERR_UNSUPPORTED_EXTENSION);
        /* RFC 8449 5: never both. */
        TERN_ENSURE(hs->mfl_code == 0, TERN_ERR_ILLEGAL_PARAMETER);
        TERN_TRY(tern_ext_record_size_limit_parse(x->body[TERN_X_RECORD_SIZE_LIMIT],
                                                  x->len[TERN_X_RECORD_SIZE_LIMIT], &limit));
        /* RFC 8449 4: a client may reject a value above the version's
         * maximum. */
        TERN_ENSURE(limit <= TERN_RECORD_MAX_PLAIN, TERN_ERR_ILLEGAL_PARAMETER);
        hs->peer_rsl = limit;
        hs->rsl_seen = 1;
    }
    return tern_hb_ext_client_read(c, x);
}

/* Client: the server resumed the session we offered. */
static int accept_resumption(tern_conn *c)
{
    tern_hs *hs = &c->hs;
    const tern_conn_session *s = &c->session;

    /* RFC 5246 7.4.1.3: same suite as the session; RFC 7627 5.3: same
     * extended-master-secret use. */
    TERN_ENSURE(s->suite == hs->suite->id, TERN_ERR_ILLEGAL_PARAMETER);
    TERN_ENSURE(s->ems == hs->ems, TERN_ERR_HANDSHAKE_FAILURE);
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    /* and the session's version (RFC 5246 E.1: the server agrees on a
     * version first, and a session is resumed only at its own) */
    TERN_ENSURE(s->version == hs->version, TERN_ERR_PROTOCOL_VERSION);
#endif
    hs->resumed = 1;
    hs->flow = TERN_FLOW_TLS12_RESUME;
    c->info.resumed = 1;
    memcpy(hs->master_secret, s->master_secret, TERN_MASTER_SECRET_LEN);
    return tern_tls12_key_block(c);
}

/* Client: a ServerHello arrived. */
static int sh_read(tern_conn *c, const uint8_t *body, size_t len)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    tern_server_hello sh;

    TERN_TRY(tern_tls12_server_hello_parse(body, len, &sh));
    /* a version we offered (at most client_version) and speak */
    TERN_ENSURE(sh.server_version <= hs->client_version && sh.server_version >= cfg->min_version &&
                    tern_version_built(sh.server_version),
                TERN_ERR_PROTOCOL_VERSION);
    TERN_ENSURE(cfg_has(cfg->suites, cfg->suites_count, sh.suite), TERN_ERR_ILLEGAL_PARAMETER);
    hs->suite = tern_suite_info_get(sh.suite);
    TERN_ENSURE(hs->suite != NULL && tern_suite_allowed(hs->suite, sh.server_version),
                TERN_ERR_ILLEGAL_PARAMETER);
    TERN_ENSURE(sh.compression == 0, TERN_ERR_ILLEGAL_PARAMETER);
    TERN_TRY(tern_tls12_kx_start(c));
    hs->version = sh.server_version;
    c->out_version = hs->version;
    memcpy(hs->server_random, sh.random, TERN_RANDOM_LEN);
    TERN_TRY(tern_downgrade_check(c, hs->server_random));
    memcpy(hs->session_id, sh.session_id, sh.session_id_len);
    hs->session_id_len = (uint8_t)sh.session_id_len;
    TERN_TRY(read_extensions(c, &sh));
    TERN_TRY(tern_ext_encrypt_then_mac_client(c, &sh.ext));
    tern_engine_set_limits(c);
    c->info.version = hs->version;
    c->info.suite = sh.suite;
    c->info.ems = hs->ems;
    c->info.server_gmt_unix_time = tern_load_be32(sh.random);
    if (hs->offered_session && sh.session_id_len > 0 && sh.session_id_len == hs->offered_id_len &&
        memcmp(sh.session_id, hs->offered_id, sh.session_id_len) == 0) {
        return accept_resumption(c);
    }
    /* Not resumed: whatever was offered is dropped. */
    c->session_valid = 0;
    return TERN_OK;
}

const tern_hs_ops tern_tls12_server_hello_ops = {sh_write, sh_read, sh_after_write};
