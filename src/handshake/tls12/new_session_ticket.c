/*
 * NewSessionTicket (RFC 5077 3.3):
 *   struct { uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>; } NewSessionTicket;
 * Sent after the client's Finished (full handshake) or before the
 * server's ChangeCipherSpec (resumption), when the ServerHello carried
 * an empty session_ticket extension.
 */
#include <string.h>

#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

/* see src/handshake/handshake_internal.h */
int tern_tls12_new_session_ticket_parse(const uint8_t *body, size_t len, uint32_t *lifetime,
                                        const uint8_t **ticket, size_t *ticket_len)
{
    tern_reader r, v;
    tern_reader_init(&r, body, len);
    TERN_TRY(tern_read_u32(&r, lifetime));
    TERN_TRY(tern_read_vec16(&r, &v));
    TERN_TRY(tern_reader_expect_end(&r));
    *ticket = v.p;
    *ticket_len = v.left;
    return TERN_OK;
}

/* Largest ticket we make: name + iv + state + tag. */
#define TICKET_MAX 512

/* Server: seal the session state. A server without a clock still sends
 * the message (it promised it) but with an empty ticket (3.3). */
static int nst_write(tern_conn *c, tern_writer *w)
{
    tern_ticket_keys *tk = c->cfg->ticket_keys;
    tern_session s;
    uint8_t ticket[TICKET_MAX];
    size_t ticket_len = 0;
    int64_t now;
    int rc = TERN_OK;

    memset(&s, 0, sizeof(s));
    if (tk != NULL && tern_engine_time(c, &now) == TERN_OK && now > 0) {
        s.version = c->hs.version;
        s.suite = c->hs.suite->id;
        memcpy(s.master_secret, c->hs.master_secret, TERN_MASTER_SECRET_LEN);
        s.ems = c->hs.ems;
        s.created = now;
        s.lifetime = tk->lifetime;
        strcpy(s.server_name, c->name);
        rc = tern_ticket_seal_cls(tern_cfg_aead(c->cfg, tern_ticket_aead()), tk, c->rng, &s, ticket,
                                  sizeof(ticket), &ticket_len);
        tern_wipe(&s, sizeof(s));
    }
    if (rc == TERN_OK) {
        rc = tern_write_u32(w, tk != NULL ? tk->lifetime : 0);
    }
    if (rc == TERN_OK) {
        rc = tern_write_u16(w, (uint16_t)ticket_len);
    }
    if (rc == TERN_OK) {
        rc = tern_write_bytes(w, ticket, ticket_len);
    }
    tern_wipe(ticket, sizeof(ticket));
    return rc;
}

/* Client: keep the ticket for tern_conn_get_session. One too large for
 * tern_session or for hs_buf is dropped (the session stays resumable by
 * ID). */
static int nst_read(tern_conn *c, const uint8_t *body, size_t len)
{
    const uint8_t *ticket;
    size_t ticket_len;
    uint32_t lifetime;

    TERN_TRY(tern_tls12_new_session_ticket_parse(body, len, &lifetime, &ticket, &ticket_len));
    c->hs.nst_received = 1;
    /* The new ticket replaces the old one (and the offered name, no
     * longer needed) at the end of hs_buf; the message itself may sit at
     * the start of hs_buf, so the bytes move with memmove. */
    c->session.ticket_len = 0;
    c->session.name_len = 0;
    c->hs_tail = 0;
    if (ticket_len <= TERN_MAX_TICKET_LEN && c->hs_cap >= TERN_HS_FRONT_MIN &&
        ticket_len <= c->hs_cap - TERN_HS_FRONT_MIN) {
        c->hs_tail = ticket_len;
        memmove(TERN_CONN_TICKET(c), ticket, ticket_len);
        c->session.ticket_len = (uint16_t)ticket_len;
    }
    c->session.lifetime = lifetime;
    return TERN_OK;
}

const tern_hs_ops tern_tls12_new_session_ticket_ops = {nst_write, nst_read, NULL};
