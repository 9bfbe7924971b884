/*
 * ClientHello (RFC 5246 7.4.1.2): parser, client writer, server handler.
 *
 *   struct {
 *       ProtocolVersion client_version;
 *       Random random;
 *       SessionID session_id;                          opaque <0..32>
 *       CipherSuite cipher_suites<2..2^16-2>;
 *       CompressionMethod compression_methods<1..2^8-1>;
 *       select (extensions_present) {
 *           case false: struct {};
 *           case true:  Extension extensions<0..2^16-1>;
 *       };
 *   } ClientHello;
 *
 * The server's negotiation (suite, credential, group, resumption) is in
 * server_negotiate.c.
 */
#include <string.h>

#include "common/try_internal.h"
#include "engine/engine_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_tls12_client_hello_parse(const uint8_t *body, size_t len, tern_client_hello *ch)
{
    tern_reader r, v;

    memset(ch, 0, sizeof(*ch));
    tern_reader_init(&r, body, len);
    TERN_TRY(tern_read_u16(&r, &ch->client_version));
    TERN_TRY(tern_read_bytes(&r, TERN_RANDOM_LEN, &ch->random));
    TERN_TRY(tern_read_vec(&r, 1, 0, TERN_SESSION_ID_MAX, &v));
    ch->session_id = v.p;
    ch->session_id_len = v.left;
    TERN_TRY(tern_read_vec(&r, 2, 2, 0xfffe, &v));
    TERN_ENSURE((v.left & 1u) == 0, TERN_ERR_DECODE);
    ch->suites = v.p;
    ch->suites_len = v.left;
    TERN_TRY(tern_read_vec(&r, 1, 1, 0xff, &v));
    ch->compressions = v.p;
    ch->compressions_len = v.left;
    if (tern_reader_left(&r) == 0) {
        /* No extensions at all (7.4.1.2: allowed). */
        return tern_exts_parse(NULL, 0, &ch->ext);
    }
    TERN_TRY(tern_read_vec16(&r, &v));
    TERN_TRY(tern_reader_expect_end(&r));
    return tern_exts_parse(v.p, v.left, &ch->ext);
}

/* An IP literal is checked against IP SANs but never sent as SNI
 * (RFC 6066 3: "Literal IPv4 and IPv6 addresses are not permitted"). */
static int is_ip_literal(const char *name)
{
    size_t i, dots = 0;
    if (strchr(name, ':') != NULL) {
        return 1;
    }
    for (i = 0; name[i] != '\0'; i++) {
        if (name[i] == '.') {
            dots++;
        } else if (name[i] < '0' || name[i] > '9') {
            return 0;
        }
    }
    return dots == 3;
}

/* The limit on records we receive that we advertise (RFC 8449), 0 for
 * none. */
static uint16_t advertised_limit(const tern_config *cfg)
{
    size_t in = cfg->in_record_size == 0 || cfg->in_record_size > TERN_RECORD_MAX_PLAIN
                    ? TERN_RECORD_MAX_PLAIN
                    : cfg->in_record_size;
    if (cfg->record_size_limit != 0 && cfg->record_size_limit < in) {
        in = cfg->record_size_limit;
    }
    if (cfg->record_size_limit == 0 && in == TERN_RECORD_MAX_PLAIN) {
        return 0;
    }
    return (uint16_t)in;
}

/* Client: decides what to offer for resumption. */
static int prepare_offer(tern_conn *c)
{
    tern_hs *hs = &c->hs;
    const tern_conn_session *s = &c->session;
    size_t i;
    int suite_ok = 0;

    hs->offered_id_len = 0;
    hs->offered_session = 0;
    hs->offered_ticket = 0;
    if (!c->session_valid || c->rn.active) {
        return TERN_OK; /* a renegotiation is a full handshake */
    }
    /* Only offer a session to the server it was made with, and only
     * with a suite still configured. */
    for (i = 0; i < c->cfg->suites_count; i++) {
        if (c->cfg->suites[i] == s->suite) {
            suite_ok = 1;
        }
    }
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    /* A session resumes only at its own version (RFC 5246 7.4.1.3, E.1):
     * not one we could no longer agree to. We still offer our best
     * version, not the session's: a lower ClientHello would trip the
     * downgrade checks (RFC 8446 4.1.3, RFC 7507). */
    if (s->version < c->cfg->min_version || s->version > c->cfg->max_version ||
        !tern_version_built(s->version)) {
        suite_ok = 0;
    }
#endif
    if (!suite_ok || s->name_len != strlen(c->name) ||
        memcmp(TERN_CONN_OFFERED_NAME(c), c->name, s->name_len) != 0 ||
        (c->cfg->require_ems && !s->ems)) {
        c->session_valid = 0;
        return TERN_OK;
    }
    hs->offered_session = 1;
    if (s->ticket_len > 0 && c->cfg->client_tickets) {
        /* RFC 5077 3.4: a fresh session ID lets us see acceptance. */
        hs->offered_ticket = 1;
        hs->offered_id_len = TERN_SESSION_ID_MAX;
        return tern_engine_random(c, hs->offered_id, TERN_SESSION_ID_MAX);
    }
    if (s->id_len == 0) {
        hs->offered_session = 0;
        c->session_valid = 0;
        return TERN_OK;
    }
    memcpy(hs->offered_id, s->id, s->id_len);
    hs->offered_id_len = s->id_len;
    return TERN_OK;
}

static int write_extensions(tern_conn *c, tern_writer *w)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    uint16_t limit = advertised_limit(cfg);

    if (c->name[0] != '\0' && !is_ip_literal(c->name)) {
        TERN_TRY(tern_ext_server_name_write(w, c->name));
        c->sni_sent = 1;
    }
    if (cfg->groups_count > 0) { /* none in a PSK-only configuration */
        TERN_TRY(tern_ext_supported_groups_write(w, cfg->groups, cfg->groups_count));
        TERN_TRY(tern_ext_ec_point_formats_write(w));
    }
    if (cfg->sig_schemes_count > 0) {
        TERN_TRY(tern_ext_signature_algorithms_write(w, cfg->sig_schemes, cfg->sig_schemes_count));
    }
    if (cfg->alpn_count > 0) {
        TERN_TRY(tern_ext_alpn_write(w, cfg->alpn, cfg->alpn_count));
        hs->alpn_offered = 1;
    }
    TERN_TRY(tern_ext_write_raw(w, TERN_EXT_EXTENDED_MASTER_SECRET, NULL, 0));
    TERN_TRY(tern_ext_encrypt_then_mac_write(c, w)); /* RFC 7366 2 */
    if (cfg->client_tickets) {
        hs->ticket_offered = 1;
        TERN_TRY(tern_ext_write_raw(w, TERN_EXT_SESSION_TICKET,
                                    hs->offered_ticket ? TERN_CONN_TICKET(c) : NULL,
                                    hs->offered_ticket ? c->session.ticket_len : 0));
    }
    if (cfg->max_fragment_length != 0) {
        TERN_TRY(tern_ext_max_fragment_length_write(w, cfg->max_fragment_length));
    }
    if (limit != 0) {
        TERN_TRY(tern_ext_record_size_limit_write(w, limit));
        hs->rsl_sent = 1;
    }
    TERN_TRY(tern_hb_ext_client_write(c, w));
    /* RFC 5746 3.4: signal secure renegotiation support (3.5: with our
     * verify_data on a renegotiation). */
    return tern_reneg_ext_write(c, w);
}

/* Client: writes the ClientHello. */
static int ch_write(tern_conn *c, tern_writer *w)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    size_t mark, i;

    TERN_TRY(prepare_offer(c));
    TERN_TRY(tern_engine_random(c, hs->client_random, TERN_RANDOM_LEN));
    /* our best version (RFC 5246 E.1) */
    hs->client_version = cfg->max_version < TERN_TLS12 ? cfg->max_version : TERN_TLS12;
    TERN_TRY(tern_write_u16(w, hs->client_version));
    TERN_TRY(tern_write_bytes(w, hs->client_random, TERN_RANDOM_LEN));
    TERN_TRY(tern_write_u8(w, hs->offered_id_len));
    TERN_TRY(tern_write_bytes(w, hs->offered_id, hs->offered_id_len));
    TERN_TRY(tern_write_vec_begin(w, 2, &mark));
    for (i = 0; i < cfg->suites_count; i++) {
        if (tern_tls12_suite_usable(cfg, TERN_CLIENT, tern_suite_info_get(cfg->suites[i]))) {
            TERN_TRY(tern_write_u16(w, cfg->suites[i]));
        }
    }
    TERN_ENSURE(tern_writer_len(w) > mark + 2, TERN_ERR_BAD_CONFIG);
    TERN_TRY(tern_write_vec_end(w, 2, mark));
    TERN_TRY(tern_write_u8(w, 1));
    TERN_TRY(tern_write_u8(w, 0)); /* null compression only */
    TERN_TRY(tern_write_vec_begin(w, 2, &mark));
    TERN_TRY(write_extensions(c, w));
    return tern_write_vec_end(w, 2, mark);
}

/* Server: a ClientHello arrived. */
static int ch_read(tern_conn *c, const uint8_t *body, size_t len)
{
    tern_client_hello ch;
    TERN_TRY(tern_tls12_client_hello_parse(body, len, &ch));
    return tern_tls12_server_negotiate(c, &ch);
}

const tern_hs_ops tern_tls12_client_hello_ops = {ch_write, ch_read, NULL};
