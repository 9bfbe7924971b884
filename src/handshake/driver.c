/*
 * The handshake driver: walks the flow table, frames outgoing messages
 * into records, reassembles incoming ones, checks each against the table
 * before its handler runs, keeps the transcript, and enters application
 * data once the proof token is complete. See handshake_internal.h.
 */
#include <string.h>

#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

static const tern_hs_step *step_at(const tern_conn *c, size_t i)
{
    const tern_hs_flow *f = tern_flow_get(c->hs.flow);
    return i < f->count ? &f->steps[i] : &f->steps[f->count - 1];
}

static int applies(const tern_conn *c, const tern_hs_step *s)
{
    return (c->hs.bits & s->need) == s->need && (c->hs.bits & s->absent) == 0;
}

/* A peer step that may still turn up: optional and not yet decided. */
static int maybe(const tern_conn *c, const tern_hs_step *s)
{
    return s->sender != c->role && (s->flags & TERN_STEP_OPTIONAL) && !applies(c, s) &&
           (c->hs.bits & s->absent) == 0;
}

/* Skips steps whose condition fails (except undecided optional ones). */
static void settle(tern_conn *c)
{
    for (;;) {
        const tern_hs_step *s = step_at(c, c->hs.step);
        if (s->msg == TERN_MSG_DONE || applies(c, s) || maybe(c, s)) {
            return;
        }
        c->hs.step++;
    }
}

static const tern_hs_step *current(const tern_conn *c)
{
    return step_at(c, c->hs.step);
}

/* see src/handshake/handshake_internal.h */
int tern_hs_writing(const tern_conn *c)
{
    const tern_hs_step *s = current(c);
    return !c->hs.done && s->msg != TERN_MSG_DONE && s->sender == c->role;
}

/* see src/handshake/handshake_internal.h */
int tern_hs_expects_ccs(const tern_conn *c)
{
    const tern_hs_step *s = current(c);
    return !c->hs.done && s->sender != c->role && s->ctype == TERN_CT_CHANGE_CIPHER_SPEC &&
           c->hs.rx_len == 0;
}

/* Enters application data: the proof token must hold what the flow
 * needs (handshake_internal.h). */
static int finish(tern_conn *c)
{
    tern_hs *hs = &c->hs;
    uint8_t need = tern_hs_proof_needed(c);

    TERN_ENSURE((hs->proof & need) == need, TERN_ERR_INTERNAL);
    TERN_TRY(tern_hs_complete(c));
    hs->done = 1;
    /* From now on records carry exactly the negotiated version. During
     * the handshake any {3,x} is taken (Appendix E.1), so that a peer's
     * alert written before it read our hello still arrives; the version
     * of protected records is authenticated as part of the AAD. */
    c->in_version = hs->version;
    c->empty_count = 0;
    tern_reneg_done(c);
    return TERN_OK;
}

/* Moves to the next step and settles; enters application data at the
 * end of the flow. */
static int advance(tern_conn *c)
{
    c->hs.step++;
    settle(c);
    if (current(c)->msg == TERN_MSG_DONE && !c->hs.done) {
        return finish(c);
    }
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_hs_start(tern_conn *c)
{
    if (c->hs.started) {
        return TERN_OK;
    }
    c->hs.started = 1;
    c->hs.flow = TERN_FLOW_TLS12_FULL;
    c->hs.step = 0;
    settle(c);
    return TERN_OK;
}

/* Our Certificate message when it does not fit hs_buf: generated from
 * the credential piece by piece as records take it, hashed as it goes.
 * The trace sees its 4-byte header only. */
static int start_stream(tern_conn *c, const tern_hs_step *s, int *streamed)
{
    size_t total;
    uint8_t hdr[TERN_HS_HEADER_LEN];

    *streamed = 0;
    if (s->msg != TERN_MSG_SERVER_CERTIFICATE && s->msg != TERN_MSG_CLIENT_CERTIFICATE) {
        return TERN_OK;
    }
    if (s->msg == TERN_MSG_CLIENT_CERTIFICATE) {
        tern_tls12_client_choose_credential(c);
    }
    total = tern_hs_certificate_len(c);
    TERN_ENSURE(total - TERN_HS_HEADER_LEN <= 0xffffffu, TERN_ERR_BAD_CONFIG);
    if (total <= c->hs_cap - c->hs_tail) {
        return TERN_OK; /* built in hs_buf as usual */
    }
    tern_hs_certificate_bytes(c, s->hs_type, 0, hdr, sizeof(hdr));
    c->hs.tx_len = total;
    c->hs.tx_off = 0;
    c->hs.tx_active = 1;
    c->hs.tx_stream = 1;
    tern_engine_trace(c, TERN_TRACE_OUT, TERN_CT_HANDSHAKE, s->hs_type, hdr, sizeof(hdr));
    *streamed = 1;
    return TERN_OK;
}

/* Before the first byte of a message of len bytes: if it does not fit
 * the rest of the record being filled but fits a record of its own, that
 * record goes out first, so the message is not split across two records.
 * Splitting is legal (RFC 5246 6.2.1), but some peers (Mbed TLS 2.x)
 * cannot reassemble a TLS handshake message, which matters with small
 * records (max_fragment_length, record_size_limit). */
static int keep_whole(tern_conn *c, size_t len)
{
    if (c->out_state == TERN_OUT_FILLING && c->out_type == TERN_CT_HANDSHAKE &&
        c->out_plain > 0 && len > c->out_limit - c->out_plain && len <= c->out_limit) {
        return tern_out_seal(c);
    }
    return TERN_OK;
}

/* Hands the next pieces of a streamed Certificate to the output. */
static int stream_out(tern_conn *c, uint8_t hs_type, int *progress)
{
    uint8_t chunk[256];

    if (c->hs.tx_off == 0) {
        TERN_TRY(keep_whole(c, c->hs.tx_len));
    }

    while (c->hs.tx_off < c->hs.tx_len) {
        size_t n = c->hs.tx_len - c->hs.tx_off, used;
        if (n > sizeof(chunk)) {
            n = sizeof(chunk);
        }
        tern_hs_certificate_bytes(c, hs_type, c->hs.tx_off, chunk, n);
        TERN_TRY(tern_out_append(c, TERN_CT_HANDSHAKE, chunk, n, &used));
        tern_transcript_update(&c->hs, chunk, used);
        c->hs.tx_off += used;
        if (used > 0) {
            *progress = 1;
        }
        if (used < n) {
            return TERN_OK; /* output busy */
        }
    }
    return TERN_OK;
}

/* Builds our next handshake message in hs_buf and hashes it. */
static int build_message(tern_conn *c, const tern_hs_step *s)
{
    const tern_hs_ops *ops = tern_hs_ops_get(s->msg);
    tern_writer w;
    size_t len;
    int streamed;

    /* hs_buf is ours only when no incoming message is half reassembled:
     * bytes of a message after the end of the peer's flight are a
     * protocol violation. */
    TERN_ENSURE(c->hs.rx_len == 0, TERN_ERR_UNEXPECTED_MESSAGE);
    TERN_ENSURE(ops != NULL && ops->write != NULL, TERN_ERR_INTERNAL);
    TERN_TRY(start_stream(c, s, &streamed));
    if (streamed) {
        return TERN_OK;
    }
    TERN_ENSURE(c->hs_cap - c->hs_tail > TERN_HS_HEADER_LEN, TERN_ERR_BUFFER_TOO_SMALL);
    tern_writer_init(&w, c->hs_buf + TERN_HS_HEADER_LEN,
                     c->hs_cap - c->hs_tail - TERN_HS_HEADER_LEN);
    TERN_TRY(ops->write(c, &w));
    len = tern_writer_len(&w);
    c->hs_buf[0] = s->hs_type;
    tern_store_be24(c->hs_buf + 1, (uint32_t)len);
    c->hs.tx_len = TERN_HS_HEADER_LEN + len;
    c->hs.tx_off = 0;
    c->hs.tx_active = 1;
    tern_engine_trace(c, TERN_TRACE_OUT, TERN_CT_HANDSHAKE, s->hs_type, c->hs_buf, c->hs.tx_len);
    tern_transcript_update(&c->hs, c->hs_buf, c->hs.tx_len);
    if (ops->after != NULL) {
        TERN_TRY(ops->after(c));
    }
    return TERN_OK;
}

/* Our ChangeCipherSpec: the records before it go under the old keys; the
 * record after it under the new ones (RFC 5246 7.1). */
static int send_ccs(tern_conn *c, int *progress)
{
    static const uint8_t one = 1;
    size_t used;

    TERN_TRY(tern_out_seal(c));
    if (tern_out_busy(c) || !tern_out_may_start(c)) {
        return TERN_OK;
    }
    TERN_TRY(tern_out_append(c, TERN_CT_CHANGE_CIPHER_SPEC, &one, 1, &used));
    TERN_ENSURE(used == 1, TERN_ERR_INTERNAL);
    TERN_TRY(tern_out_seal(c));
    tern_engine_trace(c, TERN_TRACE_OUT, TERN_CT_CHANGE_CIPHER_SPEC, -1, &one, 1);
    TERN_TRY(tern_tls12_install_keys(c, 1));
    *progress = 1;
    return advance(c);
}

/* see src/handshake/handshake_internal.h */
int tern_hs_output(tern_conn *c, int *progress)
{
    if (!c->hs.started) {
        return TERN_OK; /* the network side has not asked yet */
    }
    while (tern_hs_writing(c)) {
        const tern_hs_step *s = current(c);
        size_t used;

        if (s->ctype == TERN_CT_CHANGE_CIPHER_SPEC) {
            uint8_t before = c->hs.step;
            TERN_TRY(send_ccs(c, progress));
            if (c->hs.step == before) {
                return TERN_OK; /* output busy */
            }
            continue;
        }
        if (!c->hs.tx_active) {
            TERN_TRY(build_message(c, s));
            *progress = 1;
        }
        if (c->hs.tx_stream) {
            TERN_TRY(stream_out(c, s->hs_type, progress));
        } else {
            if (c->hs.tx_off == 0) {
                TERN_TRY(keep_whole(c, c->hs.tx_len));
            }
            TERN_TRY(tern_out_append(c, TERN_CT_HANDSHAKE, c->hs_buf + c->hs.tx_off,
                                     c->hs.tx_len - c->hs.tx_off, &used));
            c->hs.tx_off += used;
            if (used > 0) {
                *progress = 1;
            }
        }
        if (c->hs.tx_off < c->hs.tx_len) {
            return TERN_OK; /* output busy: continue after the drain */
        }
        c->hs.tx_active = 0;
        c->hs.tx_stream = 0;
        TERN_TRY(advance(c));
        if (!tern_hs_writing(c) || current(c)->ctype != TERN_CT_HANDSHAKE) {
            /* End of our flight (or a CCS next): send what we have. */
            TERN_TRY(tern_out_seal(c));
        }
    }
    return TERN_OK;
}

/* Post-handshake messages: a ClientHello starts a renegotiation when
 * allowed (reneg.c; *started set), else it is refused (RFC 5746 4.2-4.4
 * leave the choice; DESIGN.md: never unless configured). */
static int post_handshake(tern_conn *c, uint8_t type, int *started)
{
    *started = 0;
    if (c->role == TERN_SERVER && type == TERN_HS_CLIENT_HELLO && tern_reneg_peer_allowed(c)) {
        *started = 1;
        if (!c->rn.hr_sent) {
            c->rn.peer_count++; /* not an answer to our HelloRequest */
        }
        return tern_reneg_begin(c);
    }
    if (c->role == TERN_SERVER && type == TERN_HS_CLIENT_HELLO) {
        tern_engine_queue_alert(c, TERN_ALERT_WARNING, TERN_ALERT_NO_RENEGOTIATION);
        c->empty_count++;
        TERN_ENSURE(c->empty_count <= c->cfg->max_empty_records, TERN_ERR_TOO_MANY_EMPTY_RECORDS);
        return TERN_OK;
    }
    return TERN_ERR_UNEXPECTED_MESSAGE;
}

/* Finds the step an incoming message of this type fills. */
static int match_step(tern_conn *c, uint8_t type)
{
    for (;;) {
        const tern_hs_step *s = current(c);
        TERN_ENSURE(s->msg != TERN_MSG_DONE && s->sender != c->role &&
                        s->ctype == TERN_CT_HANDSHAKE,
                    TERN_ERR_UNEXPECTED_MESSAGE);
        if (applies(c, s)) {
            TERN_ENSURE(s->hs_type == type, TERN_ERR_UNEXPECTED_MESSAGE);
            return TERN_OK;
        }
        /* undecided optional step */
        if (s->hs_type == type) {
            c->hs.bits |= s->need;
            return TERN_OK;
        }
        c->hs.step++;
        settle(c);
    }
}

/* One complete incoming handshake message (header included). */
static int dispatch(tern_conn *c, const uint8_t *msg, size_t total)
{
    uint8_t type = msg[0];
    const uint8_t *body = msg + TERN_HS_HEADER_LEN;
    size_t len = total - TERN_HS_HEADER_LEN;
    const tern_hs_ops *ops;
    int started;

    tern_engine_trace(c, TERN_TRACE_IN, TERN_CT_HANDSHAKE, type, msg, total);
    if (type == TERN_HS_HELLO_REQUEST) {
        /* RFC 5246 7.4.1.1: never hashed; ignored during a handshake;
         * after one, a renegotiation or a no_renegotiation warning
         * (reneg.c). */
        TERN_ENSURE(c->role == TERN_CLIENT, TERN_ERR_UNEXPECTED_MESSAGE);
        TERN_TRY(tern_tls12_hello_request_parse(body, len));
        c->empty_count++;
        TERN_ENSURE(c->empty_count <= c->cfg->max_empty_records, TERN_ERR_TOO_MANY_EMPTY_RECORDS);
        return tern_reneg_hello_request(c);
    }
    if (c->hs.done) {
        TERN_TRY(post_handshake(c, type, &started));
        if (!started) {
            return TERN_OK;
        }
    }
    TERN_TRY(match_step(c, type));
    ops = tern_hs_ops_get(current(c)->msg);
    TERN_ENSURE(ops != NULL && ops->read != NULL, TERN_ERR_INTERNAL);
    TERN_TRY(ops->read(c, body, len));
    tern_transcript_update(&c->hs, msg, total);
    if (ops->after != NULL) {
        TERN_TRY(ops->after(c));
    }
    c->empty_count = 0; /* the flow moved */
    return advance(c);
}

/* Can a message of this type come now? Checked on its first byte,
 * before any of it is buffered, so that a message out of place is
 * unexpected_message whatever its length says. Walks the flow from the
 * current step like match_step, without changing anything. */
static int type_allowed(const tern_conn *c, uint8_t type)
{
    size_t i = c->hs.step;

    if (type == TERN_HS_HELLO_REQUEST) {
        const tern_hs_step *s = step_at(c, i);
        if (c->role != TERN_CLIENT) {
            return 0;
        }
        /* Ignored by clients during a handshake (RFC 5246 7.4.1.1, see
         * dispatch), but only where the server may send a handshake
         * message next (one crossing our ClientHello): where its
         * ChangeCipherSpec is due, a handshake record is out of place. */
        return c->hs.done || (s->msg != TERN_MSG_DONE && s->sender != c->role &&
                              s->ctype == TERN_CT_HANDSHAKE);
    }
    if (c->hs.done) {
        return c->role == TERN_SERVER && type == TERN_HS_CLIENT_HELLO;
    }
    for (;;) {
        const tern_hs_step *s = step_at(c, i);
        if (s->msg == TERN_MSG_DONE || s->sender == c->role || s->ctype != TERN_CT_HANDSHAKE) {
            return 0;
        }
        if (applies(c, s) || s->hs_type == type) {
            return s->hs_type == type;
        }
        /* an undecided optional step that this type does not fill */
        do {
            s = step_at(c, ++i);
        } while (s->msg != TERN_MSG_DONE && !applies(c, s) && !maybe(c, s));
    }
}

/* see src/handshake/handshake_internal.h */
int tern_hs_input(tern_conn *c)
{
    while (c->in_pos < c->in_end) {
        const uint8_t *p = c->in_buf + c->in_pos;
        size_t avail = c->in_end - c->in_pos;
        size_t total, n;

        if (tern_hs_writing(c)) {
            return TERN_OK; /* our flight first; the rest waits */
        }
        if (c->hs.rx_skip > 0) {
            /* the rest of a refused renegotiation ClientHello */
            n = c->hs.rx_skip < avail ? c->hs.rx_skip : avail;
            c->hs.rx_skip -= n;
            c->in_pos += n;
            continue;
        }
        if (c->hs.rx_len == 0) {
            TERN_ENSURE(type_allowed(c, p[0]), TERN_ERR_UNEXPECTED_MESSAGE);
        }
        if (c->hs.rx_len == 0 && avail >= TERN_HS_HEADER_LEN) {
            total = TERN_HS_HEADER_LEN + (size_t)tern_load_be24(p + 1);
            if (total <= avail) {
                /* Wholly inside this record: parse in place. */
                c->in_pos += total;
                TERN_TRY(dispatch(c, p, total));
                continue;
            }
        }
        /* Split across records: reassemble in hs_buf (RFC 5246 6.2.1). */
        TERN_ENSURE(c->hs_cap >= TERN_HS_HEADER_LEN, TERN_ERR_BUFFER_TOO_SMALL);
        if (c->hs.rx_len < TERN_HS_HEADER_LEN) {
            n = TERN_HS_HEADER_LEN - c->hs.rx_len;
            if (n > avail) {
                n = avail;
            }
            memcpy(c->hs_buf + c->hs.rx_len, p, n);
            c->hs.rx_len += n;
            c->in_pos += n;
            p += n;
            avail -= n;
            if (c->hs.rx_len < TERN_HS_HEADER_LEN) {
                continue;
            }
            if (c->hs.done && c->hs_buf[0] == TERN_HS_CLIENT_HELLO && !tern_reneg_peer_allowed(c)) {
                /* A renegotiation ClientHello we refuse: its body is not
                 * needed to refuse it (post_handshake), so it is skipped
                 * rather than buffered. */
                int started;
                c->hs.rx_skip = tern_load_be24(c->hs_buf + 1);
                c->hs.rx_len = 0;
                TERN_TRY(post_handshake(c, c->hs_buf[0], &started));
                continue;
            }
        }
        total = TERN_HS_HEADER_LEN + (size_t)tern_load_be24(c->hs_buf + 1);
        /* A message larger than the reassembly buffer cannot be handled
         * (hs_buffer_size, less a client's ticket kept at its end). */
        TERN_ENSURE(total <= c->hs_cap - c->hs_tail, TERN_ERR_BUFFER_TOO_SMALL);
        n = total - c->hs.rx_len;
        if (n > avail) {
            n = avail;
        }
        memcpy(c->hs_buf + c->hs.rx_len, p, n);
        c->hs.rx_len += n;
        c->in_pos += n;
        if (c->hs.rx_len == total) {
            c->hs.rx_len = 0;
            TERN_TRY(dispatch(c, c->hs_buf, total));
        }
    }
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_hs_ccs(tern_conn *c)
{
    TERN_ENSURE(tern_hs_expects_ccs(c), TERN_ERR_UNEXPECTED_MESSAGE);
    TERN_TRY(tern_tls12_install_keys(c, 0));
    return advance(c);
}
