/*
 * The static pools: connections (TLS_MAX_CONN_SIZE entries of
 * TLS_CONN_MEM_SIZE bytes) and client sessions (TLS_MAX_SES_SIZE
 * tickets). No malloc: the engine's connection is laid out in the entry's
 * memory (tern_conn_init).
 *
 * Handles and tickets carry the entry's index in their low 8 bits and a
 * generation above it, bumped at every reuse: a stale handle names
 * nothing instead of a stranger's connection.
 */
#include <string.h>

#include "compat/compat_internal.h"
#include "tern/util.h"

#define IDX_BITS 8u
#define IDX_MASK 0xFFu

static uint16_t next_gen(uint16_t gen)
{
    gen = (uint16_t)(gen + 1u);
    return gen == 0 ? 1 : gen;
}

/* see src/compat/compat_internal.h */
uint32_t compat_handle(const t_tls_connection *s)
{
    return ((uint32_t)s->gen << IDX_BITS) | (uint32_t)(s - g_tls_conn);
}

/* see src/compat/compat_internal.h */
t_tls_connection *compat_by_handle(uint32_t hdl)
{
    uint32_t idx = hdl & IDX_MASK;
    t_tls_connection *s;

    if (idx >= TLS_MAX_CONN_SIZE || (hdl >> IDX_BITS) > 0xFFFFu) {
        return NULL;
    }
    s = &g_tls_conn[idx];
    if (s->kind != CONN_TCP || s->gen != (uint16_t)(hdl >> IDX_BITS)) {
        return NULL;
    }
    return s;
}

/* see src/compat/compat_internal.h */
t_tls_connection *compat_by_fd(int fd)
{
    size_t i;
    for (i = 0; i < TLS_MAX_CONN_SIZE; i++) {
        if (g_tls_conn[i].kind == CONN_SOCKET && g_tls_conn[i].fd == fd) {
            return &g_tls_conn[i];
        }
    }
    return NULL;
}

/* see src/compat/compat_internal.h */
t_tls_connection *compat_alloc(int kind)
{
    size_t i;
    for (i = 0; i < TLS_MAX_CONN_SIZE; i++) {
        t_tls_connection *s = &g_tls_conn[i];
        if (s->kind == CONN_FREE && !s->busy) {
            uint16_t gen = next_gen(s->gen);
            memset(&s->conn, 0, sizeof(*s) - offsetof(t_tls_connection, conn));
            s->gen = gen;
            s->kind = (uint8_t)kind;
            s->fd = -1;
            s->ticket = TLS_INVALID_CONN_TICKET;
            s->resume = TLS_INVALID_CONN_TICKET;
            return s;
        }
    }
    return NULL;
}

/* see src/compat/compat_internal.h */
t_tls_ret compat_conn_init(t_tls_connection *s, int role, int verify)
{
    const tern_config *cfg = role == TERN_CLIENT ? &g_tls.cfg_client
                             : verify            ? &g_tls.cfg_server_verify
                                                 : &g_tls.cfg_server;
    uintptr_t a = ((uintptr_t)s->mem.bytes + 15u) & ~(uintptr_t)15u;
    size_t room = sizeof(s->mem.bytes) - (size_t)(a - (uintptr_t)s->mem.bytes);
    int rc;

    /* A server with certificate suites needs a certificate (PSK suites
     * need none, and the engine skips them without a PSK). */
    if (role == TERN_SERVER && cfg->credentials_count == 0 && compat_suites_need_certs(cfg) &&
        !compat_psk_server()) {
        compat_log("server handshake: g_tls_arr_host_cert holds no certificate");
        return TLS_INIT_ERR;
    }
    rc = tern_conn_init(&s->conn, (void *)a, room, cfg, role);
    if (rc != TERN_OK) {
        s->conn = NULL;
        return rc == TERN_ERR_BAD_CONFIG ? TLS_INIT_ERR : compat_err(rc, 1);
    }
    s->role = (uint8_t)role;
    s->verify = (uint8_t)(verify != 0);
    return TLS_OK;
}

/* see src/compat/compat_internal.h */
void compat_release(t_tls_connection *s)
{
    if (s->conn != NULL) {
        tern_conn_free(s->conn);
        s->conn = NULL;
    }
#if TLS_TCPIP_IFC_ENABLE && TERN_CONFIG_PLATFORM_POSIX
    if (s->kind == CONN_TCP) {
        s->last_hdl = compat_handle(s);
        s->last_ticket = s->ticket;
        compat_tcp_drop(s);
    }
#endif
    s->kind = CONN_FREE;
    s->fd = -1;
    s->hs = HS_IDLE;
    s->lent = 0;
    s->gen = next_gen(s->gen);
}

/* see src/compat/compat_internal.h */
int compat_acquire(t_tls_connection *s)
{
    if (s->busy) {
        return 0;
    }
    s->busy = 1;
    return 1;
}

/* see src/compat/compat_internal.h */
void compat_unacquire(t_tls_connection *s)
{
    compat_lock();
    s->busy = 0;
    compat_unlock();
}

/* ---- sessions ------------------------------------------------------------------------- */

/* see src/compat/compat_internal.h */
t_tls_ticket compat_ses_save(t_tls_connection *s)
{
    t_tls_session *slot = NULL;
    size_t i, idx;
    t_tls_ticket t;

    compat_ses_lock();
    /* The session this connection resumed is updated in place (its ticket
     * keeps working); otherwise the least recently used entry goes. */
    if (s->resume != TLS_INVALID_CONN_TICKET) {
        idx = s->resume & IDX_MASK;
        if (idx < TLS_MAX_SES_SIZE && g_tls.ses[idx].stamp != 0 &&
            g_tls.ses[idx].gen == (uint16_t)(s->resume >> IDX_BITS)) {
            slot = &g_tls.ses[idx];
        }
    }
    if (slot == NULL) {
        slot = &g_tls.ses[0];
        for (i = 1; i < TLS_MAX_SES_SIZE; i++) {
            if (g_tls.ses[i].stamp < slot->stamp) {
                slot = &g_tls.ses[i];
            }
        }
        /* tern_conn_get_session writes only on success: the entry is
         * untouched when the server gave no session. */
        if (tern_conn_get_session(s->conn, &slot->ses) != TERN_OK) {
            compat_ses_unlock();
            return TLS_INVALID_CONN_TICKET;
        }
        slot->gen = next_gen(slot->gen);
    } else if (tern_conn_get_session(s->conn, &slot->ses) != TERN_OK) {
        compat_ses_unlock();
        return TLS_INVALID_CONN_TICKET;
    }
    slot->stamp = ++g_tls.ses_clock;
    t = ((uint32_t)slot->gen << IDX_BITS) | (uint32_t)(slot - g_tls.ses);
    compat_ses_unlock();
    return t;
}

/* see src/compat/compat_internal.h */
int compat_ses_offer(tern_conn *c, t_tls_ticket t, const char *name)
{
    size_t idx = t & IDX_MASK;
    t_tls_session *slot;
    int offered = 0;

    if (t == TLS_INVALID_CONN_TICKET || idx >= TLS_MAX_SES_SIZE || (t >> IDX_BITS) > 0xFFFFu) {
        return 0;
    }
    compat_ses_lock();
    slot = &g_tls.ses[idx];
    /* Only to the server it was made with (RFC 5077 5: a ticket names a
     * session of one server). */
    if (slot->stamp != 0 && slot->gen == (uint16_t)(t >> IDX_BITS) &&
        strcmp(slot->ses.server_name, name != NULL ? name : "") == 0 &&
        tern_conn_set_session(c, &slot->ses) == TERN_OK) {
        slot->stamp = ++g_tls.ses_clock;
        offered = 1;
    }
    compat_ses_unlock();
    return offered;
}

/* see src/compat/compat_internal.h */
void compat_ses_clear(void)
{
    size_t i;
    compat_ses_lock();
    for (i = 0; i < TLS_MAX_SES_SIZE; i++) {
        uint16_t gen = g_tls.ses[i].gen;
        tern_wipe(&g_tls.ses[i], sizeof(g_tls.ses[i]));
        g_tls.ses[i].gen = gen;
    }
    compat_ses_unlock();
}
