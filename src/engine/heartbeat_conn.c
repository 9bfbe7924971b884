/*
 * Heartbeat on a connection (RFC 6520): the engine side of the codec in
 * src/record/heartbeat.c. Heartbeat records (content type 24) are taken
 * only when the extension was negotiated (unexpected_message otherwise,
 * RFC 5246 6), only outside handshakes (RFC 6520 3: discarded silently
 * during one), and each carries one whole HeartbeatMessage.
 *
 * Requests of ours: at most one in flight (RFC 6520 3), asked for by
 * tern_conn_heartbeat or by the interval timer, sent when the output
 * record is free; without its response within the timeout the connection
 * fails with TERN_ERR_HEARTBEAT_TIMEOUT. Over TLS a request is never
 * retransmitted (RFC 6520 3: the transport is reliable).
 */
#include "common/try_internal.h"
#include "engine/engine_internal.h"

/* Default response timeout without an interval, seconds. */
#define DEFAULT_TIMEOUT 30
/* Payload of our requests when the configuration leaves it at 0 (the
 * seed's TLS_EXT_HB_PAYLOAD_SIZE default). */
#define DEFAULT_PAYLOAD 8

static int64_t timeout_of(const tern_config *cfg)
{
    if (cfg->heartbeat_timeout != 0) {
        return cfg->heartbeat_timeout;
    }
    return cfg->heartbeat_interval != 0 ? 2 * (int64_t)cfg->heartbeat_interval : DEFAULT_TIMEOUT;
}

static size_t payload_of(const tern_config *cfg)
{
    size_t n = cfg->heartbeat_payload == 0 ? DEFAULT_PAYLOAD : cfg->heartbeat_payload;
    return n > TERN_HB_MAX_OWN_PAYLOAD ? TERN_HB_MAX_OWN_PAYLOAD : n;
}

/* The input record is used up. */
static void consume(tern_conn *c)
{
    c->in_pos = c->in_end;
    c->in_state = TERN_IN_HEADER;
    c->in_have = 0;
    c->in_need = TERN_RECORD_HEADER_LEN;
}

/* Seals the message of len bytes built at the start of the output
 * record's plaintext area. */
static int seal_message(tern_conn *c, uint8_t *msg, size_t len)
{
    c->out_state = TERN_OUT_FILLING;
    c->out_type = TERN_CT_HEARTBEAT;
    c->out_plain = len;
    /* traced before sealing: sealing encrypts msg in place */
    tern_engine_trace(c, TERN_TRACE_OUT, TERN_CT_HEARTBEAT, msg[0], msg, len);
    return tern_out_seal(c);
}

/* see src/engine/engine_internal.h */
int tern_hb_conn_record(tern_conn *c, int *progress)
{
    tern_hb_conn *h = &c->hbc;
    const uint8_t *msg = c->in_buf + c->in_pos;
    size_t len = c->in_end - c->in_pos, out_len;
    uint8_t *out = c->out_buf + TERN_RECORD_HEADER_LEN + c->out_prot.prefix;
    tern_hb_action action;
    int respond, rc;

    TERN_ENSURE(h->negotiated, TERN_ERR_UNEXPECTED_MESSAGE);
    /* We answer requests only when we announced peer_allowed_to_send.
     * With peer_not_allowed_to_send the peer MUST NOT send any (RFC 6520
     * 2); one that still does gets no answer: tern discards the request
     * silently, as section 4 does with every message it will not answer,
     * and the connection goes on. */
    respond = c->hs.done && c->cfg->heartbeat == TERN_HB_PEER_ALLOWED &&
              !(c->flags & TERN_CF_CLOSE_SENT); /* nothing after our close_notify */
    if (respond && len > 0 && msg[0] == TERN_HB_REQUEST && c->out_state != TERN_OUT_EMPTY) {
        return TERN_OK; /* the response needs the output record: after the drain */
    }
    tern_engine_trace(c, TERN_TRACE_IN, TERN_CT_HEARTBEAT, len > 0 ? msg[0] : -1, msg, len);
    *progress = 1;
    if (!c->hs.done) {
        consume(c); /* RFC 6520 3: discarded silently during a handshake */
        return TERN_OK;
    }
    /* The response is built in the output record's plaintext area. With
     * a shared record buffer that is the very memory the request lies
     * in: the codec moves the payload first (memmove), then writes the
     * header and fresh padding. The output record is EMPTY here whenever
     * a response is possible (checked above). */
    TERN_ENSURE(h->hb != NULL, TERN_ERR_INTERNAL);
    rc = tern_hb_receive(h->hb, msg, len, respond, c->rng, c->out_limit, out, c->out_limit,
                         &out_len, &action);
    consume(c);
    TERN_TRY(rc);
    if (action == TERN_HB_RESPOND) {
        TERN_TRY(seal_message(c, out, out_len));
    }
    return TERN_OK;
}

/* Sends our request if asked for and the output record is free. */
static int send_request(tern_conn *c, int have_time, int64_t now, int *progress)
{
    tern_hb_conn *h = &c->hbc;
    uint8_t *out = c->out_buf + TERN_RECORD_HEADER_LEN + c->out_prot.prefix;
    size_t len;

    if (!h->want || tern_hb_in_flight(h->hb) || c->out_state != TERN_OUT_EMPTY ||
        !tern_out_may_start(c) || c->pending_alert >= 0) {
        return TERN_OK;
    }
    TERN_TRY(tern_hb_request(h->hb, c->rng, payload_of(c->cfg), TERN_HB_MIN_PADDING, c->out_limit,
                             out, c->out_limit, &len));
    h->want = 0;
    if (have_time) {
        h->last = now;
        h->clock = 1;
    }
    *progress = 1;
    return seal_message(c, out, len);
}

/* see src/engine/engine_internal.h */
int tern_hb_conn_tick(tern_conn *c, int *progress)
{
    tern_hb_conn *h = &c->hbc;
    const tern_config *cfg = c->cfg;
    int64_t now = 0;
    int have_time;

    /* RFC 6520 3: no request during a handshake (a renegotiation
     * included); nothing after our close_notify. */
    if (!h->negotiated || h->hb == NULL || !c->hs.done || c->error != TERN_OK ||
        (c->flags & TERN_CF_CLOSE_SENT)) {
        return TERN_OK;
    }
    have_time = tern_engine_time(c, &now) == TERN_OK;
    if (have_time && !h->clock) {
        h->clock = 1;
        h->last = now; /* the interval counts from the end of the handshake */
    }
    if (have_time && tern_hb_in_flight(h->hb) && now - h->last >= timeout_of(cfg)) {
        return TERN_ERR_HEARTBEAT_TIMEOUT;
    }
    if (have_time && h->may_send && cfg->heartbeat_interval != 0 && !tern_hb_in_flight(h->hb) &&
        now - h->last >= (int64_t)cfg->heartbeat_interval) {
        h->want = 1;
    }
    return send_request(c, have_time, now, progress);
}

/* see include/tern/engine.h */
int tern_conn_heartbeat(tern_conn *c)
{
    TERN_ENSURE(c != NULL, TERN_ERR_NULL_POINTER);
    if (c->error != TERN_OK) {
        return c->error;
    }
    TERN_ENSURE(c->hs.done, TERN_ERR_BAD_STATE);
    TERN_ENSURE(c->hbc.negotiated && c->hbc.may_send && c->hbc.hb != NULL, TERN_ERR_UNSUPPORTED);
    TERN_ENSURE(!tern_hb_in_flight(c->hbc.hb) && !c->hbc.want, TERN_ERR_BAD_STATE);
    c->hbc.want = 1;
    tern_engine_pump(c);
    return c->error != TERN_OK ? c->error : TERN_OK;
}

/* see include/tern/engine.h */
int tern_conn_heartbeat_ok(const tern_conn *c)
{
    return c->hbc.negotiated && c->hbc.may_send;
}

/* see include/tern/engine.h */
int tern_conn_heartbeat_pending(const tern_conn *c)
{
    return c->hbc.want || (c->hbc.hb != NULL && tern_hb_in_flight(c->hbc.hb));
}
