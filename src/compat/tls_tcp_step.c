/*
 * The work of the native TCP interface on one connection, one
 * non-blocking step at a time (tls_tcp_poll and the tls_*_tcp calls run
 * it): finishing a TCP connect or accept, the handshake, queued sends,
 * incoming data, and the timers. What happened is reported as
 * notification codes (User Guide 5.7), delivered by the caller once the
 * entry is no longer busy, so that a notification function may call the
 * API.
 */
#include "tern/config.h"

#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "compat/compat_internal.h"

#if TLS_TCPIP_IFC_ENABLE && TERN_CONFIG_PLATFORM_POSIX

#include <poll.h>
#include <string.h>
#include <sys/socket.h>

#include "tern/socket.h"

/* see src/compat/compat_internal.h */
void compat_ntfs_add(compat_ntfs *q, uint32_t code)
{
    if (q->n < sizeof(q->code) / sizeof(q->code[0])) {
        q->code[q->n++] = code;
    }
}

/* see src/compat/compat_internal.h */
void compat_ntfs_deliver(const compat_ntfs *q)
{
    size_t i;
    if (q->ntf == NULL || q->ntf->ntf_fn == NULL) {
        return;
    }
    for (i = 0; i < q->n; i++) {
        q->ntf->ntf_fn(q->ntf->ntf_param, q->code[i]);
    }
}

static void failed(t_tls_connection *s, t_tls_ret ret, compat_ntfs *q)
{
    compat_fail(s, ret);
    compat_ntfs_add(q, TLS_NTF_HANDSHAKE_FAILED);
}

static void begin_handshake(t_tls_connection *s)
{
    if (s->flags & TLS_TCP_CONN_INF_FLAG_START) {
        s->hs = HS_RUNNING;
        s->t0 = compat_now_ms();
    } else {
        s->hs = HS_IDLE;
    }
}

/* Server: a TCP connection was accepted into the entry (fd set). */
static void step_accepted(t_tls_connection *s, compat_ntfs *q)
{
    t_tls_ret ret =
        compat_conn_init(s, TERN_SERVER, (s->flags & TLS_TCP_CONN_INF_FLAG_VERIFY) != 0);
    if (ret == TLS_OK && tern_socket_attach(s->conn, s->fd) != TERN_OK) {
        ret = TLS_PARAM_ERR;
    }
    if (ret != TLS_OK) {
        failed(s, ret, q);
        return;
    }
    begin_handshake(s);
}

/* Client: sets up the engine connection once TCP is connected. */
static void step_connected(t_tls_connection *s, compat_ntfs *q)
{
    t_tls_ret ret = compat_conn_init(s, TERN_CLIENT, 0);
    if (ret == TLS_OK && (tern_socket_attach(s->conn, s->fd) != TERN_OK ||
                          tern_conn_set_hostname(s->conn, s->peer_name) != TERN_OK)) {
        ret = TLS_PARAM_ERR;
    }
    if (ret != TLS_OK) {
        failed(s, ret, q);
        return;
    }
    if (!compat_ses_offer(s->conn, s->resume, s->peer_name)) {
        s->resume = TLS_INVALID_CONN_TICKET;
    }
    begin_handshake(s);
}

static void step_connect(t_tls_connection *s, compat_ntfs *q)
{
    struct pollfd p;
    int err = 0;
    socklen_t len = sizeof(err);

    p.fd = s->fd;
    p.events = POLLOUT;
    p.revents = 0;
    if (poll(&p, 1, 0) > 0) {
        if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) {
            failed(s, TLS_IO_ERR, q);
            return;
        }
        step_connected(s, q);
        return;
    }
    if (s->timeout != IP_WAIT_FOREVER && compat_now_ms() - s->t0 >= s->timeout) {
        failed(s, TLS_TIMEOUT_ERR, q);
    }
}

static void step_handshake(t_tls_connection *s, compat_ntfs *q)
{
    int rc = tern_handshake(s->conn);

    if (rc == TERN_OK) {
        if (compat_hs_finish(s) == TLS_OK) {
            compat_ntfs_add(q, TLS_NTF_HANDSHAKE_DONE);
        } else {
            compat_ntfs_add(q, TLS_NTF_HANDSHAKE_FAILED);
        }
        return;
    }
    if (rc == TERN_ERR_WANT_READ || rc == TERN_ERR_WANT_WRITE) {
        /* TLS_TCP_HS_TIMEOUT: reported once; the connection stays. */
        if (!s->hs_timeout_sent && compat_now_ms() - s->t0 >= TLS_TCP_HS_TIMEOUT) {
            s->hs_timeout_sent = 1;
            compat_ntfs_add(q, TLS_NTF_HANDSHAKE_TIMEOUT);
        }
        return;
    }
    failed(s, compat_err(rc, 1), q);
}

/* Seals queued buffers into records and sends them; a buffer goes back
 * to the pool once all its data is sealed. 0, or -1 if the connection
 * failed. */
static int step_send(t_tls_connection *s)
{
    int rc = tern_flush(s->conn);

    if (rc == TERN_ERR_WANT_WRITE) {
        return 0;
    }
    if (rc != TERN_OK) {
        return -1;
    }
    while (s->txq[0].buf != NULL) {
        compat_txq *t = &s->txq[0];
        rc = tern_write(s->conn, t->buf + t->off, (size_t)(t->len - t->off));
        if (rc == TERN_ERR_WANT_WRITE || rc == TERN_ERR_WANT_READ) {
            return 0;
        }
        if (rc <= 0) {
            return -1;
        }
        t->off = (uint16_t)(t->off + rc);
        if (t->off == t->len) {
            compat_lock();
            compat_buf_give(t->buf);
            compat_unlock();
            memmove(&s->txq[0], &s->txq[1], sizeof(s->txq[0]) * (COMPAT_TXQ_LEN - 1));
            memset(&s->txq[COMPAT_TXQ_LEN - 1], 0, sizeof(s->txq[0]));
        }
    }
    return 0;
}

static void step_data(t_tls_connection *s, compat_ntfs *q)
{
    int bad = tern_conn_state(s->conn) != TERN_CONN_OPERATING;

    if (!bad && step_send(s) < 0) {
        bad = 1;
    }
    if (!bad && !s->data_ntf) {
        int rc = compat_peek(s->conn); /* 0: decoded data is waiting */
        if (rc == 0) {
            s->data_ntf = 1;
            compat_ntfs_add(q, IP_NTF_TX_RDY);
        } else if (rc != TERN_ERR_WANT_READ && rc != TERN_ERR_WANT_WRITE) {
            bad = 1;
        }
    }
    if (bad && !s->closed_ntf && tern_conn_state(s->conn) != TERN_CONN_OPERATING) {
        s->closed_ntf = 1;
        compat_ntfs_add(q, IP_NTF_CLOSED);
    }
}

/* see src/compat/compat_internal.h */
void compat_tcp_step(t_tls_connection *s, compat_ntfs *q)
{
    q->ntf = s->ntf;
    if (s->hs == HS_ACCEPTING && s->fd >= 0) {
        step_accepted(s, q);
    } else if (s->hs == HS_CONNECTING) {
        step_connect(s, q);
    }
    if (s->hs == HS_RUNNING) {
        step_handshake(s, q);
    }
    if (s->hs == HS_DONE) {
        step_data(s, q);
    }
}

#else
typedef int tls_tcp_step_unused; /* ISO C forbids an empty translation unit */
#endif
