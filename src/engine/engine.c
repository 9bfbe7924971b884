/*
 * The engine's core: the pump that moves everything that can move without
 * I/O, record input processing (alerts, ChangeCipherSpec, handshake,
 * application data), sticky failure and alert queueing.
 * See engine_internal.h for the buffer and state notes.
 */
#include <string.h>

#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

/* see src/engine/engine_internal.h */
void tern_engine_trace(const tern_conn *c, int dir, int ctype, int hs_type, const uint8_t *msg,
                       size_t len)
{
    if (c->cfg->trace != NULL) {
        c->cfg->trace(c->cfg->user, dir, ctype, hs_type, msg, len);
    }
}

/* Wipes every handshake secret (keys already installed in the record
 * protections stay there). */
static void wipe_handshake_secrets(tern_conn *c)
{
    tern_hs *hs = &c->hs;
    tern_wipe(hs->kex_priv, sizeof(hs->kex_priv));
    tern_wipe(hs->ks.pms, sizeof(hs->ks.pms));
    tern_wipe(hs->master_secret, sizeof(hs->master_secret));
    tern_wipe(hs->ks.key_block, sizeof(hs->ks.key_block));
    tern_transcript_wipe(hs);
}

/* see src/engine/engine_internal.h */
int tern_engine_fail(tern_conn *c, int err)
{
    int alert;

    if (c->error != TERN_OK) {
        return c->error;
    }
    c->error = err;
    c->flags |= TERN_CF_FAILED;
    alert = tern_alert_for_error(err);
    /* Drop what was not sealed yet: after a fatal error only the alert
     * goes out (a record being drained is finished first so the stream
     * stays well formed). */
    if (c->out_state == TERN_OUT_FILLING) {
        c->out_state = TERN_OUT_EMPTY;
        c->out_plain = 0;
    }
    c->hs.tx_active = 0;
    c->hs.tx_stream = 0;
    c->pending_alert = -1;
    /* Nothing more is read: a shared record buffer is free for the
     * alert. */
    c->in_state = TERN_IN_HEADER;
    c->in_have = 0;
    c->in_need = TERN_RECORD_HEADER_LEN;
    if (alert >= 0 && !(c->flags & TERN_CF_EOF)) {
        c->pending_alert = alert;
        c->pending_level = TERN_ALERT_FATAL;
    }
    wipe_handshake_secrets(c);
    tern_wipe(c->session.master_secret, sizeof(c->session.master_secret));
    c->session_valid = 0;
    tern_prot_wipe(&c->in_prot);
    if (c->pending_alert < 0) {
        tern_prot_wipe(&c->out_prot);
    }
    return err;
}

/* see src/engine/engine_internal.h */
void tern_engine_queue_alert(tern_conn *c, uint8_t level, uint8_t desc)
{
    if (c->flags & (TERN_CF_FAILED | TERN_CF_EOF)) {
        return;
    }
    if (c->pending_alert >= 0 && c->pending_level == TERN_ALERT_FATAL) {
        return;
    }
    c->pending_alert = desc;
    c->pending_level = level;
}

/* see src/engine/engine_internal.h */
int tern_engine_random(tern_conn *c, uint8_t *out, size_t len)
{
    return tern_rng_generate(c->rng, out, len);
}

/* see src/engine/engine_internal.h */
int tern_engine_time(const tern_conn *c, int64_t *now)
{
    if (c->now != 0) {
        *now = c->now;
        return TERN_OK;
    }
    if (c->cfg->policy.now != 0) {
        *now = c->cfg->policy.now;
        return TERN_OK;
    }
    return tern_platform_time(
        c->cfg->policy.platform != NULL ? c->cfg->policy.platform : c->cfg->platform, now);
}

/* Seals and queues the pending alert once the output buffer is free. */
static int flush_alert(tern_conn *c, int *progress)
{
    uint8_t *p;
    uint8_t desc = (uint8_t)c->pending_alert;
    uint8_t level = c->pending_level;

    if (c->out_state == TERN_OUT_FILLING) {
        if (c->out_plain > 0 && !(c->flags & TERN_CF_FAILED)) {
            TERN_TRY(tern_out_seal(c)); /* application data before close_notify */
        } else {
            c->out_state = TERN_OUT_EMPTY;
            c->out_plain = 0;
        }
    }
    if (c->out_state != TERN_OUT_EMPTY || !tern_out_may_start(c)) {
        return TERN_OK; /* after the record being drained / read */
    }
    p = c->out_buf + TERN_RECORD_HEADER_LEN + c->out_prot.prefix;
    p[0] = level;
    p[1] = desc;
    c->out_state = TERN_OUT_FILLING;
    c->out_type = TERN_CT_ALERT;
    c->out_plain = 2;
    c->pending_alert = -1;
    *progress = 1;
    /* traced before sealing: sealing encrypts p in place */
    tern_engine_trace(c, TERN_TRACE_OUT, TERN_CT_ALERT, -1, p, 2);
    TERN_TRY(tern_out_seal(c));
    c->last_alert = desc;
    c->last_alert_sent = 1;
    if (desc == TERN_ALERT_CLOSE_NOTIFY) {
        c->flags |= TERN_CF_CLOSE_SENT;
    }
    if (c->flags & TERN_CF_FAILED) {
        tern_prot_wipe(&c->out_prot); /* nothing more is sent */
    }
    return TERN_OK;
}

/* Counts a record or message that carries nothing (empty record, ignored
 * warning or HelloRequest); too many in a row is an attack. */
static int count_empty(tern_conn *c)
{
    c->empty_count++;
    TERN_ENSURE(c->empty_count <= c->cfg->max_empty_records, TERN_ERR_TOO_MANY_EMPTY_RECORDS);
    return TERN_OK;
}

/* RFC 5246 7.2: one alert per record (a record of another length is
 * malformed). close_notify ends reading; fatal alerts end the
 * connection; warnings are ignored except no_renegotiation, which we
 * never provoke and take as fatal. */
static int handle_alert(tern_conn *c, const uint8_t *body, size_t len)
{
    uint8_t level, desc;

    TERN_TRY(tern_alert_parse(body, len, &level, &desc));
    tern_engine_trace(c, TERN_TRACE_IN, TERN_CT_ALERT, -1, body, len);
    c->last_alert = desc;
    c->last_alert_sent = 0;
    if (desc == TERN_ALERT_CLOSE_NOTIFY) {
        /* 7.2.1: answer with our own close_notify. */
        c->flags |= TERN_CF_CLOSE_RECEIVED;
        if (!(c->flags & TERN_CF_CLOSE_SENT) && c->pending_alert < 0) {
            tern_engine_queue_alert(c, TERN_ALERT_WARNING, TERN_ALERT_CLOSE_NOTIFY);
        }
        if (c->error == TERN_OK) {
            c->error = TERN_ERR_CLOSED;
        }
        return TERN_OK;
    }
    if (level == TERN_ALERT_WARNING && desc == TERN_ALERT_NO_RENEGOTIATION &&
        tern_reneg_refused(c)) {
        return count_empty(c); /* our renegotiation was declined (reneg.c) */
    }
    if (level == TERN_ALERT_FATAL || desc == TERN_ALERT_NO_RENEGOTIATION) {
        /* No alert answers a received fatal alert (the error maps to
         * none). */
        return tern_engine_fail(c, TERN_ERR_ALERT_RECEIVED(desc));
    }
    return count_empty(c);
}

/* Consumes the current input record: called while in_state is PLAIN. */
static int process_input(tern_conn *c, int *progress)
{
    size_t before = c->in_pos;
    const uint8_t *p = c->in_buf + c->in_pos;
    size_t len = c->in_end - c->in_pos;

    switch (c->in_type) {
    case TERN_CT_ALERT:
        c->in_pos = c->in_end;
        TERN_TRY(handle_alert(c, p, len));
        break;
    case TERN_CT_CHANGE_CIPHER_SPEC:
        /* RFC 5246 7.1: one byte of value 1, and only where the flow
         * expects it. */
        TERN_ENSURE(tern_hs_expects_ccs(c), TERN_ERR_UNEXPECTED_MESSAGE);
        TERN_ENSURE(len == 1 && p[0] == 1, TERN_ERR_DECODE);
        c->in_pos = c->in_end;
        tern_engine_trace(c, TERN_TRACE_IN, TERN_CT_CHANGE_CIPHER_SPEC, -1, p, len);
        TERN_TRY(tern_hs_ccs(c));
        break;
    case TERN_CT_HEARTBEAT:
        return tern_hb_conn_record(c, progress); /* heartbeat_conn.c */
    case TERN_CT_HANDSHAKE:
        TERN_TRY(tern_hs_input(c));
        /* Bytes after the end of the peer's flight wait for ours; with a
         * shared buffer ours could never be written: the peer broke the
         * flow (RFC 5246 7.3). */
        TERN_ENSURE(!c->shared || c->in_pos == c->in_end || !tern_hs_writing(c),
                    TERN_ERR_UNEXPECTED_MESSAGE);
        break;
    default: /* application data (also during a renegotiation, reneg.c) */
        TERN_ENSURE(c->hs.done || c->rn.active, TERN_ERR_UNEXPECTED_MESSAGE);
        if (len > 0) {
            return TERN_OK; /* lent to the application */
        }
        break;
    }
    if (c->in_pos != before || c->in_pos == c->in_end) {
        *progress = 1;
    }
    if (c->in_pos == c->in_end) {
        c->in_state = TERN_IN_HEADER;
        c->in_have = 0;
        c->in_need = TERN_RECORD_HEADER_LEN;
    }
    return TERN_OK;
}

/* see src/engine/engine_internal.h */
void tern_engine_pump(tern_conn *c)
{
    int progress, rc;

    do {
        progress = 0;
        if (c->pending_alert >= 0) {
            rc = flush_alert(c, &progress);
            if (rc < 0) {
                (void)tern_engine_fail(c, rc);
                c->pending_alert = -1;
                return;
            }
        }
        if (c->flags & TERN_CF_FAILED) {
            return;
        }
        if (c->rn.want_hr) {
            rc = tern_reneg_tick(c, &progress);
            if (rc < 0) {
                (void)tern_engine_fail(c, rc);
                progress = 1;
                continue;
            }
        }
        if (c->hbc.negotiated) {
            rc = tern_hb_conn_tick(c, &progress);
            if (rc < 0) {
                (void)tern_engine_fail(c, rc);
                progress = 1;
                continue;
            }
        }
        if (!c->hs.done && c->error == TERN_OK) {
            rc = tern_hs_output(c, &progress);
            if (rc < 0) {
                (void)tern_engine_fail(c, rc);
                progress = 1; /* once more: the alert goes out */
                continue;
            }
        }
        if (c->in_state == TERN_IN_PLAIN) {
            rc = process_input(c, &progress);
            if (rc < 0) {
                (void)tern_engine_fail(c, rc);
                progress = 1;
                continue;
            }
        }
    } while (progress);
}

/* Input: a complete header arrived. */
static int header_in(tern_conn *c)
{
    tern_rec_limits lim;
    size_t frag_len;
    uint8_t type;

    lim.plain_max = c->in_prot.active ? c->in_limit_prot : c->in_limit;
    lim.version = c->in_version;
    lim.heartbeat = c->hbc.negotiated;
    TERN_TRY(tern_rec_header_check(c->in_hdr, &c->in_prot, &lim, &type, &frag_len));
    c->in_type = type;
    c->in_state = TERN_IN_BODY;
    c->in_need = TERN_RECORD_HEADER_LEN + frag_len;
    return TERN_OK;
}

/* Input: a complete record arrived; open it. */
static int body_in(tern_conn *c)
{
    size_t off, len;
    uint8_t type = c->in_type;
    /* An empty fragment never had its header copied to in_buf (which a
     * shared buffer may be using for output): open it from in_hdr; its
     * (empty) plaintext is never read. */
    uint8_t *rec = c->in_need == TERN_RECORD_HEADER_LEN ? c->in_hdr : c->in_buf;

    TERN_TRY(tern_rec_open(&c->in_prot, &c->in_seq, &type, rec, c->in_need, &off, &len));
    /* RFC 5246 6.2.3: a CBC fragment may carry more padding than the
     * header check could tell apart from plaintext; the plaintext limit
     * holds for what it decrypted to. */
    TERN_ENSURE(len <= (c->in_prot.active ? c->in_limit_prot : c->in_limit),
                TERN_ERR_RECORD_OVERFLOW);
    c->in_type = type;
    if (len == 0) {
        /* RFC 5246 6.2.1: zero-length fragments only for application
         * data, and a bounded number of them in a row. */
        TERN_ENSURE(type == TERN_CT_APPLICATION_DATA, TERN_ERR_DECODE);
        TERN_TRY(count_empty(c));
    } else if (type == TERN_CT_APPLICATION_DATA) {
        c->empty_count = 0; /* data moved (the handshake resets it too) */
    }
    c->in_state = TERN_IN_PLAIN;
    c->in_pos = off;
    c->in_end = off + len;
    return TERN_OK;
}

/* see src/engine/engine_internal.h */
int tern_engine_record_in(tern_conn *c, size_t len)
{
    c->in_have += len;
    if (c->in_state == TERN_IN_HEADER && c->in_have == TERN_RECORD_HEADER_LEN) {
        TERN_TRY(header_in(c));
    }
    if (c->in_state == TERN_IN_BODY && c->in_have == c->in_need) {
        TERN_TRY(body_in(c));
    }
    return TERN_OK;
}
