/*
 * Socket front end: send/recv callbacks over a connected TCP fd. See
 * include/tern/socket.h. Compiled only on POSIX systems.
 */
#include "tern/config.h"

#if TERN_CONFIG_PLATFORM_POSIX

#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "common/try_internal.h"
#include "tern/socket.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

static int would_block(int e)
{
    return e == EAGAIN || e == EWOULDBLOCK;
}

static int sock_send(void *io, const uint8_t *buf, size_t len)
{
    int fd = tern_conn_fd((tern_conn *)io);
    if (len > INT_MAX) {
        len = INT_MAX;
    }
    for (;;) {
        ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
        if (n >= 0) {
            return n == 0 ? TERN_ERR_WANT_WRITE : (int)n;
        }
        if (errno == EINTR) {
            continue;
        }
        return would_block(errno) ? TERN_ERR_WANT_WRITE : TERN_ERR_TRANSPORT;
    }
}

static int sock_recv(void *io, uint8_t *buf, size_t len)
{
    int fd = tern_conn_fd((tern_conn *)io);
    if (len > INT_MAX) {
        len = INT_MAX;
    }
    for (;;) {
        ssize_t n = recv(fd, buf, len, 0);
        if (n >= 0) {
            return (int)n; /* 0: end of stream */
        }
        if (errno == EINTR) {
            continue;
        }
        return would_block(errno) ? TERN_ERR_WANT_READ : TERN_ERR_TRANSPORT;
    }
}

/* see include/tern/socket.h */
int tern_socket_attach(tern_conn *conn, int fd)
{
    TERN_ENSURE(conn != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(fd >= 0, TERN_ERR_BAD_ARG);
    tern_conn_set_fd(conn, fd);
    tern_conn_set_io(conn, sock_send, sock_recv, conn);
    return TERN_OK;
}

/* see include/tern/socket.h */
int tern_socket_wait(const tern_conn *conn, int rc, int timeout_ms)
{
    struct pollfd p;

    TERN_ENSURE(conn != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(rc == TERN_ERR_WANT_READ || rc == TERN_ERR_WANT_WRITE, TERN_ERR_BAD_ARG);
    p.fd = tern_conn_fd(conn);
    p.events = rc == TERN_ERR_WANT_READ ? POLLIN : POLLOUT;
    p.revents = 0;
    for (;;) {
        int n = poll(&p, 1, timeout_ms);
        if (n > 0) {
            return TERN_OK; /* ready, or an error the next call reports */
        }
        if (n == 0) {
            return TERN_ERR_TIMEOUT;
        }
        if (errno != EINTR) {
            return TERN_ERR_TRANSPORT;
        }
    }
}

#else
typedef int tern_socket_unused; /* ISO C forbids an empty translation unit */
#endif
