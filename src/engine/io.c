/*
 * The convenience layer over send/recv callbacks: tern_handshake,
 * tern_read, tern_write, tern_flush, tern_pending, tern_close. Each is a
 * short loop around the sans-I/O buffers; a record the transport does not
 * take stays pending in the engine (tern_pending, tern_flush).
 */
#include <limits.h>
#include <string.h>

#include "common/try_internal.h"
#include "engine/engine_internal.h"

/* see include/tern/engine.h */
void tern_conn_set_io(tern_conn *c, tern_send_fn send, tern_recv_fn recv, void *io)
{
    c->send = send;
    c->recv = recv;
    c->io = io;
}

/* see include/tern/engine.h */
void tern_conn_set_fd(tern_conn *c, int fd)
{
    c->fd = fd;
}

/* see include/tern/engine.h */
int tern_conn_fd(const tern_conn *c)
{
    return c->fd;
}

/* The transport failed: the connection is over (no alert can be sent
 * reliably over a broken transport). */
static int transport_failed(tern_conn *c, int rc)
{
    c->flags |= TERN_CF_EOF;
    /* The callback's own error passes through; nonsense becomes
     * TERN_ERR_TRANSPORT. */
    (void)tern_engine_fail(c, rc < 0 && !TERN_ERR_IS_WANT_IO(rc) ? rc : TERN_ERR_TRANSPORT);
    return c->error;
}

/* Hands every sealed record to the transport: TERN_OK when nothing is
 * left, TERN_ERR_WANT_WRITE, or an error. */
static int flush_out(tern_conn *c)
{
    for (;;) {
        size_t len;
        uint8_t *p = tern_conn_sendrec_buf(c, &len);
        int n;
        if (p == NULL) {
            return TERN_OK;
        }
        n = c->send(c->io, p, len > INT_MAX ? INT_MAX : len);
        if (n == TERN_ERR_WANT_WRITE) {
            return TERN_ERR_WANT_WRITE;
        }
        if (n <= 0 || (size_t)n > len) {
            return transport_failed(c, n);
        }
        tern_conn_sendrec_ack(c, (size_t)n);
    }
}

/* Reads what the engine asks for: TERN_OK (something arrived or nothing
 * is wanted), TERN_ERR_WANT_READ, or an error. */
static int fill_in(tern_conn *c)
{
    size_t len;
    uint8_t *p = tern_conn_recvrec_buf(c, &len);
    int n;

    if (p == NULL) {
        return TERN_OK;
    }
    n = c->recv(c->io, p, len > INT_MAX ? INT_MAX : len);
    if (n == TERN_ERR_WANT_READ) {
        return TERN_ERR_WANT_READ;
    }
    if (n == 0) {
        tern_conn_transport_eof(c);
        return c->error != TERN_OK ? c->error : TERN_ERR_EOF;
    }
    if (n < 0 || (size_t)n > len) {
        return transport_failed(c, n);
    }
    tern_conn_recvrec_ack(c, (size_t)n);
    return TERN_OK;
}

/* Runs the handshake until it is done (its last records may still be
 * pending), blocks, or fails. During a renegotiation it returns as soon
 * as application data may flow (reneg.c): tern_read and tern_write then
 * move the renegotiation along with the data. */
static int drive(tern_conn *c)
{
    TERN_ENSURE(c != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(c->send != NULL && c->recv != NULL, TERN_ERR_BAD_STATE);
    for (;;) {
        int rc = flush_out(c);
        if (tern_reneg_app_open(c) && !(c->flags & TERN_CF_FAILED)) {
            return TERN_OK;
        }
        if (c->error != TERN_OK) {
            return c->error;
        }
        if (rc < 0) {
            return rc;
        }
        rc = fill_in(c);
        if (rc < 0) {
            return c->error != TERN_OK ? c->error : rc;
        }
    }
}

/* see include/tern/engine.h */
int tern_handshake(tern_conn *c)
{
    int rc = drive(c);
    if (rc != TERN_OK) {
        return rc;
    }
    /* Done only once our last flight is out: the peer may be waiting
     * for it. */
    rc = flush_out(c);
    return rc == TERN_ERR_WANT_WRITE ? rc : TERN_OK;
}

/* see include/tern/engine.h */
int tern_read(tern_conn *c, uint8_t *buf, size_t len)
{
    int rc = drive(c);

    if (rc != TERN_OK) {
        return rc;
    }
    TERN_ENSURE(buf != NULL || len == 0, TERN_ERR_NULL_POINTER);
    if (len > INT_MAX) {
        len = INT_MAX;
    }
    for (;;) {
        size_t n;
        uint8_t *p = tern_conn_recvapp_buf(c, &n);
        if (p != NULL) {
            if (n > len) {
                n = len;
            }
            if (n > 0) {
                memcpy(buf, p, n); /* buf may be NULL when len is 0 */
            }
            tern_conn_recvapp_ack(c, n);
            return (int)n;
        }
        /* Queued alerts (our close_notify answer, a warning) go out. */
        rc = flush_out(c);
        if (c->error != TERN_OK) {
            return c->error; /* TERN_ERR_CLOSED after close_notify */
        }
        if (rc < 0 && rc != TERN_ERR_WANT_WRITE) {
            return rc;
        }
        rc = fill_in(c);
        if (rc < 0) {
            return c->error != TERN_OK ? c->error : rc;
        }
    }
}

/* see include/tern/engine.h */
int tern_write(tern_conn *c, const uint8_t *buf, size_t len)
{
    size_t total = 0;
    int rc = drive(c);

    if (rc != TERN_OK) {
        return rc;
    }
    TERN_ENSURE(buf != NULL || len == 0, TERN_ERR_NULL_POINTER);
    if (c->error != TERN_OK) {
        return c->error;
    }
    rc = flush_out(c);
    if (rc < 0) {
        return rc; /* earlier records still pending: call again */
    }
    if (len > INT_MAX) {
        len = INT_MAX;
    }
    while (total < len) {
        size_t n;
        uint8_t *p = tern_conn_sendapp_buf(c, &n);
        if (p == NULL) {
            break;
        }
        if (n > len - total) {
            n = len - total;
        }
        memcpy(p, buf + total, n);
        tern_conn_sendapp_ack(c, n);
        tern_conn_flush_app(c);
        total += n;
        rc = flush_out(c);
        if (rc == TERN_ERR_WANT_WRITE) {
            break; /* sealed and pending: counted as written */
        }
        if (rc < 0) {
            return rc;
        }
    }
    if (total == 0 && c->error != TERN_OK) {
        return c->error;
    }
    if (total == 0 && len > 0 && (c->flags & TERN_CF_CLOSE_SENT)) {
        return TERN_ERR_CLOSED; /* after our close_notify nothing is sent */
    }
    if (total == 0 && c->shared && tern_in_busy(c)) {
        /* half duplex: a received record holds the buffer until
         * tern_read takes it */
        return TERN_ERR_WANT_READ;
    }
    return (int)total;
}

/* see include/tern/engine.h */
int tern_flush(tern_conn *c)
{
    int rc;
    TERN_ENSURE(c != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(c->send != NULL, TERN_ERR_BAD_STATE);
    rc = flush_out(c);
    if (rc < 0) {
        return rc;
    }
    return (c->flags & TERN_CF_FAILED) ? c->error : TERN_OK;
}

/* see include/tern/engine.h */
int tern_conn_poll(tern_conn *c)
{
    TERN_ENSURE(c != NULL, TERN_ERR_NULL_POINTER);
    tern_engine_pump(c);
    if (c->send != NULL && c->hs.started) {
        int rc = flush_out(c);
        if (rc < 0 && rc != TERN_ERR_WANT_WRITE) {
            return rc;
        }
    }
    return c->error;
}

/* see include/tern/engine.h */
size_t tern_pending(const tern_conn *c)
{
    return c->out_state == TERN_OUT_READY ? c->out_len - c->out_off : 0;
}

/* see include/tern/engine.h */
int tern_close(tern_conn *c)
{
    int rc;
    TERN_ENSURE(c != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(c->send != NULL, TERN_ERR_BAD_STATE);
    if (c->flags & TERN_CF_FAILED) {
        return c->error;
    }
    tern_conn_close_notify(c);
    rc = flush_out(c);
    if (rc < 0) {
        return rc;
    }
    return (c->flags & TERN_CF_FAILED) ? c->error : TERN_OK;
}
