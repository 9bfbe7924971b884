/*
 * Renegotiation (RFC 5746 on top of RFC 5246 7.4.1.1-7.4.1.2), off unless
 * cfg->renegotiation is set, and never with a peer that did not signal
 * RFC 5746 support in the handshake before (hs.secure_reneg).
 *
 * A renegotiation is a new full handshake run by the same flow tables
 * under the current keys: the handshake state is reset (the connection's
 * verify_data, kept in c->rn, survives for renegotiation_info), rn.active
 * is set, and application data keeps flowing in both directions under
 * the old keys until each side's ChangeCipherSpec; only while we write
 * our own flight does our application data wait. The client starts one
 * with its ClientHello (tern_conn_renegotiate, or a HelloRequest it
 * accepts); the server with a HelloRequest, or by accepting a
 * ClientHello that arrives after the handshake.
 *
 * Refusals: a client that may not renegotiate answers HelloRequest with
 * a no_renegotiation warning (RFC 5246 7.4.1.1 allows it; RFC 5746 4.2);
 * so does a server for a ClientHello (RFC 5746 4.4). The connection goes
 * on. A no_renegotiation warning we receive in answer to our own request
 * gives the renegotiation up and the connection goes on; one that answers
 * nothing of ours is fatal (engine.c).
 */
#include <string.h>

#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

/* see src/engine/engine_internal.h */
int tern_reneg_app_open(const tern_conn *c)
{
    return c->hs.done || (c->rn.active && !tern_hs_writing(c));
}

/* see src/engine/engine_internal.h */
int tern_reneg_allowed(const tern_conn *c)
{
    return c->cfg->renegotiation && c->hs.done && c->hs.secure_reneg && c->error == TERN_OK &&
           !(c->flags & (TERN_CF_CLOSE_SENT | TERN_CF_CLOSE_RECEIVED | TERN_CF_EOF));
}

/* see src/engine/engine_internal.h */
int tern_reneg_peer_allowed(const tern_conn *c)
{
    /* a ClientHello answering our HelloRequest is ours, not counted */
    return tern_reneg_allowed(c) && (c->rn.hr_sent || c->cfg->renegotiation_peer_max == 0 ||
                                     c->rn.peer_count < c->cfg->renegotiation_peer_max);
}

/* see src/engine/engine_internal.h */
int tern_reneg_begin(tern_conn *c)
{
    tern_hs *hs = &c->hs;
    /* What a renegotiation keeps of the last handshake: the version and
     * suite stay in force for the records until the new keys, and the
     * peer's RFC 5746 support. */
    uint16_t version = hs->version;
    const tern_suite_info *suite = hs->suite;
    uint8_t secure = hs->secure_reneg;
    tern_hs_psk *psk = hs->psk_buf; /* carved storage (conn.c) */
    const tern_hash_class **th256 = hs->th256, **th384 = hs->th384;

    TERN_ENSURE(hs->done && hs->rx_len == 0 && !hs->tx_active, TERN_ERR_BAD_STATE);
    /* the secrets were wiped at the end of the last handshake; the rest
     * goes too */
    tern_wipe(hs, sizeof(*hs));
    hs->version = version;
    hs->suite = suite;
    hs->secure_reneg = secure;
    hs->psk_buf = psk;
    hs->th256 = th256;
    hs->th384 = th384;
    hs->cred = -1;
    tern_transcript_init(hs, c->cfg);
    c->rn.active = 1;
    c->rn.hr_sent = 0;
    c->rn.want_hr = 0;
    return tern_hs_start(c);
}

/* see src/engine/engine_internal.h */
int tern_reneg_hello_request(tern_conn *c)
{
    if (!c->hs.done) {
        return TERN_OK; /* 7.4.1.1: ignored while negotiating */
    }
    if (tern_reneg_peer_allowed(c)) {
        c->rn.peer_count++;
        return tern_reneg_begin(c);
    }
    tern_engine_queue_alert(c, TERN_ALERT_WARNING, TERN_ALERT_NO_RENEGOTIATION);
    return TERN_OK;
}

/* Puts back the connection's own time after a renegotiation that used
 * the caller's certificate time. */
static void restore_time(tern_conn *c)
{
    if (c->rn.time_set) {
        c->now = c->rn.saved_now;
        c->rn.time_set = 0;
    }
}

/* see src/engine/engine_internal.h */
int tern_reneg_refused(tern_conn *c)
{
    if (c->role == TERN_SERVER && c->rn.hr_sent) {
        c->rn.hr_sent = 0; /* the client declined our HelloRequest */
        restore_time(c);
        return 1;
    }
    /* step 1 of the full flow: the ServerHello (flow_tls12.c) */
    if (c->role == TERN_CLIENT && c->rn.active && c->hs.flow == TERN_FLOW_TLS12_FULL &&
        c->hs.step == 1 && !c->hs.tx_active && c->hs.rx_len == 0) {
        /* The server declined our ClientHello (we wait for its
         * ServerHello): back to the state of the last handshake, whose
         * keys are still the ones in use. */
        c->rn.active = 0;
        c->hs.done = 1;
        restore_time(c);
        return 1;
    }
    return 0;
}

/* see src/engine/engine_internal.h */
void tern_reneg_done(tern_conn *c)
{
    if (c->rn.active) {
        c->rn.active = 0;
        c->rn.count++;
    }
    restore_time(c);
}

/* see src/engine/engine_internal.h */
void tern_reneg_save_vd(tern_conn *c, int sender, const uint8_t vd[TERN_FINISHED_LEN])
{
    memcpy(sender == TERN_CLIENT ? c->rn.client_vd : c->rn.server_vd, vd, TERN_FINISHED_LEN);
}

/* see src/engine/engine_internal.h */
int tern_reneg_tick(tern_conn *c, int *progress)
{
    /* HelloRequest: type 0, empty body; never hashed (7.4.1.1) */
    static const uint8_t hr[TERN_HS_HEADER_LEN] = {TERN_HS_HELLO_REQUEST, 0, 0, 0};
    size_t used;

    if (!c->rn.want_hr || !c->hs.done || c->out_state != TERN_OUT_EMPTY || !tern_out_may_start(c)) {
        return TERN_OK;
    }
    TERN_TRY(tern_out_append(c, TERN_CT_HANDSHAKE, hr, sizeof(hr), &used));
    TERN_ENSURE(used == sizeof(hr), TERN_ERR_INTERNAL);
    tern_engine_trace(c, TERN_TRACE_OUT, TERN_CT_HANDSHAKE, TERN_HS_HELLO_REQUEST, hr, sizeof(hr));
    TERN_TRY(tern_out_seal(c));
    c->rn.want_hr = 0;
    c->rn.hr_sent = 1;
    *progress = 1;
    return TERN_OK;
}

/* see include/tern/engine.h */
int tern_conn_renegotiate(tern_conn *c, int64_t cert_time)
{
    TERN_ENSURE(c != NULL, TERN_ERR_NULL_POINTER);
    if (c->error != TERN_OK) {
        return c->error;
    }
    TERN_ENSURE(c->cfg->renegotiation, TERN_ERR_UNSUPPORTED);
    TERN_ENSURE(c->hs.done && !c->rn.want_hr && !c->rn.hr_sent, TERN_ERR_BAD_STATE);
    /* RFC 5746 4.1 / 4.3: never with a peer that did not signal support */
    TERN_ENSURE(c->hs.secure_reneg, TERN_ERR_UNSUPPORTED);
    TERN_ENSURE(tern_reneg_allowed(c), TERN_ERR_BAD_STATE);
    if (cert_time == TERN_RENEG_SERVER_TIME) {
        /* the gmt_unix_time of the last ServerHello (RFC 5246 7.4.1.2);
         * a hint at best, which is why it is only used when asked for */
        TERN_ENSURE(c->role == TERN_CLIENT && c->info.server_gmt_unix_time != 0, TERN_ERR_BAD_ARG);
        cert_time = (int64_t)c->info.server_gmt_unix_time;
    }
    if (cert_time != 0) {
        c->rn.saved_now = c->now;
        c->rn.time_set = 1;
        c->now = cert_time;
    }
    if (c->role == TERN_SERVER) {
        c->rn.want_hr = 1;
    } else {
        TERN_TRY(tern_reneg_begin(c));
    }
    tern_engine_pump(c);
    return c->error != TERN_OK ? c->error : TERN_OK;
}

/* see include/tern/engine.h */
int tern_conn_renegotiating(const tern_conn *c)
{
    return c->rn.active || c->rn.want_hr || c->rn.hr_sent;
}

/* see include/tern/engine.h */
uint32_t tern_conn_renegotiations(const tern_conn *c)
{
    return c->rn.count;
}
