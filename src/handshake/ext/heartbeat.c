/*
 * heartbeat extension (RFC 6520 2):
 *   enum { peer_allowed_to_send(1), peer_not_allowed_to_send(2), (255) } HeartbeatMode;
 *   struct { HeartbeatMode mode; } HeartbeatExtension;
 * The mode says whether the sender of the extension will answer the
 * other side's requests. Negotiated only when configured on both sides
 * (cfg->heartbeat); the server answers an offer with its own mode.
 */
#include "common/try_internal.h"
#include "engine/engine_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_ext_heartbeat_parse(const uint8_t *body, size_t len, uint8_t *mode)
{
    TERN_ENSURE(len == 1, TERN_ERR_DECODE);
    /* "Upon reception of an unknown mode, an error Alert message using
     * illegal_parameter as its AlertDescription MUST be sent" */
    TERN_ENSURE(body[0] == TERN_HB_MODE_PEER_ALLOWED || body[0] == TERN_HB_MODE_PEER_NOT_ALLOWED,
                TERN_ERR_ILLEGAL_PARAMETER);
    *mode = body[0];
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_ext_heartbeat_write(tern_writer *w, uint8_t mode)
{
    return tern_ext_write_raw(w, TERN_EXT_HEARTBEAT, &mode, 1);
}

/* The mode we announce: whether we answer the peer's requests. */
static uint8_t own_mode(const tern_conn *c)
{
    return c->cfg->heartbeat == TERN_HB_PEER_ALLOWED ? TERN_HB_MODE_PEER_ALLOWED
                                                     : TERN_HB_MODE_PEER_NOT_ALLOWED;
}

/* The peer's extension arrived: remember what it allows. */
static int take_peer(tern_conn *c, const tern_exts *x)
{
    uint8_t mode;

    TERN_TRY(tern_ext_heartbeat_parse(x->body[TERN_X_HEARTBEAT], x->len[TERN_X_HEARTBEAT], &mode));
    c->hbc.negotiated = 1;
    c->hbc.may_send = mode == TERN_HB_MODE_PEER_ALLOWED;
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_hb_ext_client_write(tern_conn *c, tern_writer *w)
{
    if (c->cfg->heartbeat == TERN_HB_OFF) {
        return TERN_OK;
    }
    c->hbc.sent_ext = 1;
    return tern_ext_heartbeat_write(w, own_mode(c));
}

/* see src/handshake/handshake_internal.h */
int tern_hb_ext_client_read(tern_conn *c, const tern_exts *x)
{
    if (!TERN_EXT_SEEN(x, TERN_X_HEARTBEAT)) {
        /* not negotiated (again: a renegotiation may drop it) */
        c->hbc.negotiated = 0;
        c->hbc.may_send = 0;
        return TERN_OK;
    }
    /* RFC 5246 7.4.1.4: only in answer to our offer. */
    TERN_ENSURE(c->hbc.sent_ext, TERN_ERR_UNSUPPORTED_EXTENSION);
    return take_peer(c, x);
}

/* see src/handshake/handshake_internal.h */
int tern_hb_ext_server_read(tern_conn *c, const tern_exts *x)
{
    c->hbc.negotiated = 0;
    c->hbc.may_send = 0;
    if (c->cfg->heartbeat == TERN_HB_OFF || !TERN_EXT_SEEN(x, TERN_X_HEARTBEAT)) {
        return TERN_OK; /* ignored like any extension we do not speak */
    }
    return take_peer(c, x);
}

/* see src/handshake/handshake_internal.h */
int tern_hb_ext_server_write(tern_conn *c, tern_writer *w)
{
    if (!c->hbc.negotiated) {
        return TERN_OK;
    }
    return tern_ext_heartbeat_write(w, own_mode(c));
}
