/*
 * The four sans-I/O buffer pairs, status and close handling.
 * See engine_internal.h for the buffer layout and record states.
 */
#include <string.h>

#include "common/try_internal.h"
#include "engine/engine_internal.h"

/* Records can be taken from the peer now. */
static int can_receive(const tern_conn *c)
{
    if (c->flags & (TERN_CF_FAILED | TERN_CF_CLOSE_RECEIVED | TERN_CF_EOF)) {
        return 0;
    }
    if (c->in_state == TERN_IN_BODY) {
        return tern_in_may_fill(c);
    }
    return c->in_state == TERN_IN_HEADER;
}

/* Application data can be written now. */
static int can_send_app(const tern_conn *c)
{
    if (!tern_reneg_app_open(c) || c->error != TERN_OK || (c->flags & TERN_CF_CLOSE_SENT) ||
        c->pending_alert >= 0) {
        return 0;
    }
    if (c->out_state == TERN_OUT_READY) {
        return 0;
    }
    if (c->out_state == TERN_OUT_EMPTY) {
        return tern_out_may_start(c);
    }
    return c->out_type == TERN_CT_APPLICATION_DATA;
}

static int app_available(const tern_conn *c)
{
    return c->in_state == TERN_IN_PLAIN && c->in_type == TERN_CT_APPLICATION_DATA &&
           (c->hs.done || c->rn.active) && !(c->flags & TERN_CF_FAILED) && c->in_pos < c->in_end;
}

/* see include/tern/engine.h */
unsigned tern_conn_status(const tern_conn *c)
{
    unsigned st = 0;

    if (c->error != TERN_OK || (c->flags & TERN_CF_EOF)) {
        st |= TERN_ST_CLOSED;
    }
    if (c->out_state == TERN_OUT_READY || (c->pending_alert >= 0 && tern_out_may_start(c)) ||
        (c->role == TERN_CLIENT && !c->hs.started && c->error == TERN_OK)) {
        st |= TERN_ST_SENDREC;
    }
    if (can_receive(c)) {
        st |= TERN_ST_RECVREC;
    }
    if (can_send_app(c)) {
        st |= TERN_ST_SENDAPP;
    }
    if (app_available(c)) {
        st |= TERN_ST_RECVAPP;
    }
    return st;
}

/* see include/tern/engine.h */
int tern_conn_error(const tern_conn *c)
{
    return c->error;
}

/* The first call on the network side starts the handshake (the client's
 * ClientHello is written then, so per-connection settings made before it
 * apply). */
static void start(tern_conn *c)
{
    if (!c->hs.started && c->error == TERN_OK) {
        int rc = tern_hs_start(c);
        if (rc < 0) {
            (void)tern_engine_fail(c, rc);
        }
    }
}

/* see include/tern/engine.h */
uint8_t *tern_conn_recvrec_buf(tern_conn *c, size_t *len)
{
    start(c);
    tern_engine_pump(c);
    if (!can_receive(c)) {
        *len = 0;
        return NULL;
    }
    *len = c->in_need - c->in_have;
    if (c->in_state == TERN_IN_HEADER) {
        return c->in_hdr + c->in_have;
    }
    /* the caller may write up to in_need; the record is opened in place */
    if (c->in_need > c->in_hw) {
        c->in_hw = c->in_need;
    }
    if (c->in_have == TERN_RECORD_HEADER_LEN) {
        /* the body starts: the header goes in front of it */
        memcpy(c->in_buf, c->in_hdr, TERN_RECORD_HEADER_LEN);
    }
    return c->in_buf + c->in_have;
}

/* see include/tern/engine.h */
void tern_conn_recvrec_ack(tern_conn *c, size_t len)
{
    int rc;

    if (len == 0) {
        return;
    }
    if (!can_receive(c) || len > c->in_need - c->in_have) {
        (void)tern_engine_fail(c, TERN_ERR_USAGE);
        tern_engine_pump(c);
        return;
    }
    start(c);
    rc = tern_engine_record_in(c, len);
    if (rc < 0) {
        (void)tern_engine_fail(c, rc);
    }
    tern_engine_pump(c);
}

/* see include/tern/engine.h */
uint8_t *tern_conn_sendrec_buf(tern_conn *c, size_t *len)
{
    start(c);
    tern_engine_pump(c);
    if (c->out_state != TERN_OUT_READY) {
        *len = 0;
        return NULL;
    }
    *len = c->out_len - c->out_off;
    return c->out_buf + c->out_off;
}

/* see include/tern/engine.h */
void tern_conn_sendrec_ack(tern_conn *c, size_t len)
{
    if (len == 0) {
        return;
    }
    if (c->out_state != TERN_OUT_READY || len > c->out_len - c->out_off) {
        (void)tern_engine_fail(c, TERN_ERR_USAGE);
        return;
    }
    c->out_off += len;
    if (c->out_off == c->out_len) {
        c->out_state = TERN_OUT_EMPTY;
        c->out_off = 0;
        c->out_len = 0;
    }
    tern_engine_pump(c);
}

/* see include/tern/engine.h */
uint8_t *tern_conn_recvapp_buf(tern_conn *c, size_t *len)
{
    tern_engine_pump(c);
    if (!app_available(c)) {
        *len = 0;
        return NULL;
    }
    *len = c->in_end - c->in_pos;
    return c->in_buf + c->in_pos;
}

/* see include/tern/engine.h */
void tern_conn_recvapp_ack(tern_conn *c, size_t len)
{
    if (len == 0) {
        return;
    }
    if (!app_available(c) || len > c->in_end - c->in_pos) {
        (void)tern_engine_fail(c, TERN_ERR_USAGE);
        return;
    }
    c->in_pos += len;
    if (c->in_pos == c->in_end) {
        c->in_state = TERN_IN_HEADER;
        c->in_have = 0;
        c->in_need = TERN_RECORD_HEADER_LEN;
    }
    tern_engine_pump(c);
}

/* see include/tern/engine.h */
uint8_t *tern_conn_sendapp_buf(tern_conn *c, size_t *len)
{
    tern_engine_pump(c);
    if (!can_send_app(c)) {
        *len = 0;
        return NULL;
    }
    if (c->out_state == TERN_OUT_EMPTY) {
        c->out_state = TERN_OUT_FILLING;
        c->out_type = TERN_CT_APPLICATION_DATA;
        c->out_plain = 0;
    }
    *len = c->out_limit - c->out_plain;
    /* the caller may write anywhere in the lent area */
    tern_out_touch(c, TERN_RECORD_HEADER_LEN + c->out_prot.prefix + c->out_limit);
    return c->out_buf + TERN_RECORD_HEADER_LEN + c->out_prot.prefix + c->out_plain;
}

/* see include/tern/engine.h */
void tern_conn_sendapp_ack(tern_conn *c, size_t len)
{
    int rc;

    if (len == 0) {
        return;
    }
    if (c->out_state != TERN_OUT_FILLING || c->out_type != TERN_CT_APPLICATION_DATA ||
        !can_send_app(c) || len > c->out_limit - c->out_plain) {
        (void)tern_engine_fail(c, TERN_ERR_USAGE);
        return;
    }
    c->out_plain += len;
    if (c->out_plain == c->out_limit) {
        rc = tern_out_seal(c);
        if (rc < 0) {
            (void)tern_engine_fail(c, rc);
        }
    }
    tern_engine_pump(c);
}

/* see include/tern/engine.h */
void tern_conn_flush_app(tern_conn *c)
{
    int rc;

    if (c->out_state == TERN_OUT_FILLING && c->out_type == TERN_CT_APPLICATION_DATA &&
        c->error == TERN_OK) {
        rc = tern_out_seal(c);
        if (rc < 0) {
            (void)tern_engine_fail(c, rc);
        }
    }
    tern_engine_pump(c);
}

/* see include/tern/engine.h */
void tern_conn_close_notify(tern_conn *c)
{
    if ((c->flags & (TERN_CF_CLOSE_SENT | TERN_CF_FAILED | TERN_CF_EOF)) ||
        (c->pending_alert == TERN_ALERT_CLOSE_NOTIFY)) {
        return;
    }
    tern_engine_queue_alert(c, TERN_ALERT_WARNING, TERN_ALERT_CLOSE_NOTIFY);
    tern_engine_pump(c);
}

/* see include/tern/engine.h */
void tern_conn_transport_eof(tern_conn *c)
{
    c->flags |= TERN_CF_EOF;
    if (c->flags & TERN_CF_CLOSE_RECEIVED) {
        return;
    }
    /* RFC 5246 7.2.1: an end without close_notify may be a truncation. */
    (void)tern_engine_fail(c, TERN_ERR_EOF);
}
