/*
 * The TLS sockets interface (User Guide 5.4) over tern's socket front end
 * (include/tern/socket.h). A non-blocking socket makes every call return
 * at once (TLS_WAIT: call again when the socket is ready); on a blocking
 * socket a call waits, within the socket's own SO_RCVTIMEO / SO_SNDTIMEO
 * if the application set them.
 */
#include "tern/config.h"

#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "compat/compat_internal.h"

#if TLS_SOCKET_IFC_ENABLE && TERN_CONFIG_PLATFORM_POSIX

#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "tern/socket.h"

/* 1 blocking, 0 non-blocking, -1 not a descriptor. */
static int blocking(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0) {
        return -1;
    }
    return (fl & O_NONBLOCK) ? 0 : 1;
}

/* Finds the connection of fd and marks it busy. */
static t_tls_ret enter(int fd, t_tls_connection **out)
{
    t_tls_connection *s;
    t_tls_ret ret = TLS_OK;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    compat_lock();
    if (g_tls.state != COMPAT_STARTED) {
        ret = TLS_INIT_ERR;
    } else if ((s = compat_by_fd(fd)) == NULL) {
        ret = TLS_NOT_FOUND_ERR;
    } else if (!compat_acquire(s)) {
        ret = TLS_WAIT;
    } else {
        *out = s;
    }
    compat_unlock();
    return ret;
}

/* Gives up a connection whose handshake failed: the entry goes back to
 * the pool (a later socket with the same descriptor starts afresh). */
static t_tls_ret drop(t_tls_connection *s, t_tls_ret ret)
{
    compat_lock();
    s->busy = 0;
    compat_release(s);
    compat_unlock();
    return ret;
}

/* Runs the handshake of a busy entry. */
static t_tls_ret handshake(t_tls_connection *s)
{
    int blk = blocking(s->fd);

    if (blk < 0) {
        return drop(s, TLS_IO_ERR);
    }
    for (;;) {
        int rc = tern_handshake(s->conn);
        t_tls_ret ret;
        if (rc == TERN_OK) {
            ret = compat_hs_finish(s);
            if (ret != TLS_OK) {
                return drop(s, ret);
            }
            compat_unacquire(s);
            return TLS_OK;
        }
        if (rc != TERN_ERR_WANT_READ && rc != TERN_ERR_WANT_WRITE) {
            /* The alert, if any, is already handed to the socket or lost
             * with it. */
            return drop(s, compat_err(rc, 1));
        }
        /* Non-blocking: not ready. Blocking: the socket's own
         * SO_RCVTIMEO / SO_SNDTIMEO passed (a blocking socket waits in
         * recv / send itself). Either way the caller may call again. */
        compat_unacquire(s);
        return blk ? TLS_TIMEOUT_ERR : TLS_WAIT;
    }
}

/* Finds or makes the entry of fd for a handshake in role. */
static t_tls_ret begin(int fd, int role, t_tls_connection **out, int *created)
{
    t_tls_connection *s;
    t_tls_ret ret = TLS_OK;

    *created = 0;
    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    compat_lock();
    if (g_tls.state != COMPAT_STARTED) {
        ret = TLS_INIT_ERR;
    } else if ((s = compat_by_fd(fd)) != NULL) {
        if (s->role != role) {
            ret = TLS_PARAM_ERR;
        } else if (!compat_acquire(s)) {
            ret = TLS_WAIT;
        } else {
            *out = s;
        }
    } else if ((s = compat_alloc(CONN_SOCKET)) == NULL) {
        ret = TLS_FULL_ERR;
    } else {
        s->fd = fd;
        s->busy = 1;
        s->role = (uint8_t)role;
        *created = 1;
        *out = s;
    }
    compat_unlock();
    return ret;
}

/* see include/api_tls.h */
t_tls_ret tls_client_handshake_socket(int sockfd, const char_t *const p_peer_name,
                                      t_tls_ticket conn_ticket)
{
    t_tls_connection *s = NULL;
    int created;
    t_tls_ret ret;

    if (sockfd < 0 || !compat_name_ok(p_peer_name)) {
        return g_tls.state == COMPAT_NONE ? TLS_INIT_ERR : TLS_PARAM_ERR;
    }
    ret = begin(sockfd, TERN_CLIENT, &s, &created);
    if (ret != TLS_OK) {
        return ret;
    }
    if (created) {
        const char *name = p_peer_name != NULL ? p_peer_name : "";
        ret = compat_conn_init(s, TERN_CLIENT, 0);
        if (ret == TLS_OK && (tern_socket_attach(s->conn, sockfd) != TERN_OK ||
                              tern_conn_set_hostname(s->conn, name) != TERN_OK)) {
            ret = TLS_PARAM_ERR;
        }
        if (ret != TLS_OK) {
            return drop(s, ret);
        }
        strcpy(s->peer_name, name);
        if (compat_ses_offer(s->conn, conn_ticket, name)) {
            s->resume = conn_ticket;
        }
        s->hs = HS_RUNNING;
    } else if (s->hs == HS_DONE) {
        compat_unacquire(s);
        return TLS_OK;
    }
    return handshake(s);
}

/* see include/api_tls.h */
t_tls_ret tls_server_handshake_socket(int sockfd, uint8_t b_cli_verify,
                                      const char *const p_peer_name)
{
    t_tls_connection *s = NULL;
    int created;
    t_tls_ret ret;

    if (sockfd < 0 || !compat_name_ok(p_peer_name)) {
        return g_tls.state == COMPAT_NONE ? TLS_INIT_ERR : TLS_PARAM_ERR;
    }
    ret = begin(sockfd, TERN_SERVER, &s, &created);
    if (ret != TLS_OK) {
        return ret;
    }
    if (created) {
        ret = compat_conn_init(s, TERN_SERVER, b_cli_verify != 0);
        if (ret == TLS_OK && tern_socket_attach(s->conn, sockfd) != TERN_OK) {
            ret = TLS_PARAM_ERR;
        }
        if (ret != TLS_OK) {
            return drop(s, ret);
        }
        strcpy(s->peer_name, p_peer_name != NULL ? p_peer_name : "");
        s->hs = HS_RUNNING;
    } else if (s->hs == HS_DONE) {
        compat_unacquire(s);
        return TLS_OK;
    }
    return handshake(s);
}

/* Established and usable? TLS_OK, TLS_WAIT (handshake running) or
 * TLS_IO_ERR. */
static t_tls_ret usable(const t_tls_connection *s)
{
    if (s->hs == HS_DONE) {
        return TLS_OK;
    }
    return s->hs == HS_FAILED ? TLS_IO_ERR : TLS_WAIT;
}

/* Sends what is pending: TLS_OK when nothing is left, TLS_WAIT
 * (non-blocking socket full) or TLS_TIMEOUT_ERR (blocking socket's
 * SO_SNDTIMEO passed). */
static t_tls_ret flush(t_tls_connection *s, int blk)
{
    int rc = tern_pending(s->conn) > 0 ? tern_flush(s->conn) : TERN_OK;

    if (rc == TERN_ERR_WANT_WRITE) {
        return blk ? TLS_TIMEOUT_ERR : TLS_WAIT;
    }
    return rc == TERN_OK ? TLS_OK : compat_err(rc, 0);
}

static t_tls_ret send_data(t_tls_connection *s, const uint8_t *data, uint16_t len)
{
    int blk = blocking(s->fd);
    t_tls_ret ret = usable(s);
    int rc;

    if (ret != TLS_OK) {
        return ret;
    }
    compat_settle_lent(s);
    /* Records of an earlier call go first; while they are stuck nothing
     * new is taken (all or nothing). */
    ret = flush(s, blk == 1);
    if (ret != TLS_OK) {
        return ret;
    }
    /* data_len <= TLS_MAX_DATA_LEN = the record size: one record. */
    rc = tern_write(s->conn, data, len);
    if (rc == TERN_ERR_WANT_WRITE || rc == TERN_ERR_WANT_READ) {
        return TLS_WAIT;
    }
    if (rc < 0) {
        return compat_err(rc, 0);
    }
    if (rc != (int)len) {
        return TLS_IO_ERR; /* cannot happen with one record; never lie */
    }
    /* Taken. A blocking socket sends it now; a stuck tail (timeout) or a
     * non-blocking socket's goes out at the next call. */
    ret = flush(s, blk == 1);
    return ret == TLS_WAIT || ret == TLS_TIMEOUT_ERR ? TLS_OK : ret;
}

/* see include/api_tls.h */
t_tls_ret tls_send_socket(int sockfd, uint8_t *const p_data, uint16_t data_len)
{
    t_tls_connection *s = NULL;
    t_tls_ret ret;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    if (p_data == NULL) {
        return TLS_NULL_PTR_ERR;
    }
    if (data_len == 0 || data_len > TLS_MAX_DATA_LEN) {
        return TLS_PARAM_ERR;
    }
    ret = enter(sockfd, &s);
    if (ret != TLS_OK) {
        return ret;
    }
    ret = send_data(s, p_data, data_len);
    compat_unacquire(s);
    return ret;
}

static t_tls_ret receive(t_tls_connection *s, uint8_t **pp_buf, uint16_t buf_size, uint16_t *p_len)
{
    t_tls_ret ret = usable(s);
    uint8_t *p;
    size_t n;
    int rc;

    if (ret != TLS_OK) {
        return ret;
    }
    compat_settle_lent(s);
    rc = buf_size > 0 ? tern_read(s->conn, *pp_buf, buf_size) : compat_peek(s->conn);
    if (rc == TERN_ERR_WANT_READ || rc == TERN_ERR_WANT_WRITE) {
        /* Non-blocking: nothing yet. Blocking (which waited in recv):
         * SO_RCVTIMEO passed. Either way "no data was received". */
        return TLS_WAIT;
    }
    if (rc < 0) {
        return compat_err(rc, 0);
    }
    if (buf_size > 0) {
        *p_len = (uint16_t)rc;
        return TLS_OK;
    }
    /* Data is there: lend it (the samples' buffer size 0). */
    p = tern_conn_recvapp_buf(s->conn, &n);
    if (p == NULL) {
        return TLS_IO_ERR;
    }
    if (n > 0xFFFFu) {
        n = 0xFFFFu;
    }
    *pp_buf = p;
    *p_len = (uint16_t)n;
    s->lent = 1;
    s->lent_len = n;
    return TLS_OK;
}

/* see include/api_tls.h */
t_tls_ret tls_receive_socket(int sockfd, uint8_t **pp_buf, uint16_t buf_size, uint16_t *p_data_len)
{
    t_tls_connection *s = NULL;
    t_tls_ret ret;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    if (pp_buf == NULL || p_data_len == NULL || (buf_size > 0 && *pp_buf == NULL)) {
        return TLS_NULL_PTR_ERR;
    }
    *p_data_len = 0;
    ret = enter(sockfd, &s);
    if (ret != TLS_OK) {
        return ret;
    }
    ret = receive(s, pp_buf, buf_size, p_data_len);
    compat_unacquire(s);
    return ret;
}

/* see include/api_tls.h */
t_tls_ret tls_get_ticket_socket(int sockfd, t_tls_ticket *p_conn_ticket)
{
    t_tls_connection *s = NULL;
    t_tls_ret ret;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    if (p_conn_ticket == NULL) {
        return TLS_NULL_PTR_ERR;
    }
    *p_conn_ticket = TLS_INVALID_CONN_TICKET;
    ret = enter(sockfd, &s);
    if (ret != TLS_OK) {
        return ret;
    }
    if (s->role != TERN_CLIENT || s->hs != HS_DONE) {
        ret = TLS_PARAM_ERR;
    } else if (s->ticket == TLS_INVALID_CONN_TICKET) {
        ret = TLS_NOT_FOUND_ERR; /* the server gave no session */
    } else {
        *p_conn_ticket = s->ticket;
    }
    compat_unacquire(s);
    return ret;
}

/* see include/api_tls.h */
t_tls_conn_status tls_get_state_socket(int sockfd)
{
    t_tls_connection *s;
    t_tls_conn_status st = TLS_CONNST_CLOSED;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_CONNST_CLOSED;
    }
    compat_lock();
    if (g_tls.state == COMPAT_STARTED && (s = compat_by_fd(sockfd)) != NULL) {
        /* A busy entry's engine state is another task's: report ours. */
        if (s->busy) {
            st = s->hs == HS_DONE     ? TLS_CONNST_OPERATING
                 : s->hs == HS_FAILED ? TLS_CONNST_CLOSED
                                      : TLS_CONNST_HANDSHAKE;
        } else {
            st = compat_state_of(s);
        }
    }
    compat_unlock();
    return st;
}

/* see include/api_tls.h */
t_tls_ret tls_close_socket(int sockfd)
{
    t_tls_connection *s = NULL;
    t_tls_ret ret = enter(sockfd, &s);

    if (ret != TLS_OK) {
        return ret;
    }
    if (s->hs == HS_DONE && tern_conn_state(s->conn) == TERN_CONN_OPERATING) {
        int rc;
        compat_settle_lent(s);
        rc = tern_close(s->conn); /* best effort: a full socket loses it */
        (void)rc;
    }
    compat_lock();
    s->busy = 0;
    compat_release(s);
    compat_unlock();
    return TLS_OK;
}

/* see include/api_tls.h */
t_tls_ret tls_get_info_socket(int sockfd, tern_conn_info *p_info)
{
    t_tls_connection *s = NULL;
    t_tls_ret ret;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    if (p_info == NULL) {
        return TLS_NULL_PTR_ERR;
    }
    ret = enter(sockfd, &s);
    if (ret != TLS_OK) {
        return ret;
    }
    if (s->hs != HS_DONE) {
        ret = TLS_WAIT;
    } else if (tern_conn_get_info(s->conn, p_info) != TERN_OK) {
        ret = TLS_HS_ERR;
    }
    compat_unacquire(s);
    return ret;
}

#else
typedef int tls_socket_unused; /* ISO C forbids an empty translation unit */
#endif
