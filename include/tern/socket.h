/*
 * TLS over a connected TCP socket (POSIX; TERN_CONFIG_PLATFORM_POSIX).
 *
 * The socket front end is a pair of send/recv callbacks for the engine's
 * convenience layer (tern_handshake / tern_read / tern_write / tern_flush
 * / tern_close, engine.h). It works on a socket that is already connected
 * (TLS started on an existing connection, e.g. after a plaintext
 * protocol exchange), blocking or non-blocking:
 *
 *   - blocking socket: every call returns when done (or failed);
 *   - non-blocking socket: a call returns TERN_ERR_WANT_READ or
 *     TERN_ERR_WANT_WRITE when the socket would block; wait for the fd to
 *     become readable / writable (tern_socket_wait, or your own event
 *     loop) and call again. Records already sealed stay pending inside
 *     the connection (tern_pending / tern_flush).
 *
 * EINTR is retried; EAGAIN / EWOULDBLOCK become TERN_ERR_WANT_*; any
 * other socket error is TERN_ERR_TRANSPORT. SIGPIPE is suppressed where
 * the system allows it per call (MSG_NOSIGNAL). The front end never
 * closes the fd.
 */
#ifndef TERN_SOCKET_H
#define TERN_SOCKET_H

#include "tern/config.h"
#include "tern/engine.h"
#include "tern/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#if TERN_CONFIG_PLATFORM_POSIX

/* Installs the socket callbacks on conn for the connected socket fd
 * (kept with tern_conn_set_fd). Call before the first tern_handshake.
 * Errors: TERN_ERR_NULL_POINTER, TERN_ERR_BAD_ARG (negative fd). */
TERN_MUST_CHECK int tern_socket_attach(tern_conn *conn, int fd);

/* Waits until the fd of conn is ready for what rc asks for
 * (TERN_ERR_WANT_READ: readable, TERN_ERR_WANT_WRITE: writable), at most
 * timeout_ms milliseconds (-1: no limit). TERN_OK when ready,
 * TERN_ERR_TIMEOUT, TERN_ERR_TRANSPORT (poll failed), TERN_ERR_BAD_ARG
 * for another rc. */
TERN_MUST_CHECK int tern_socket_wait(const tern_conn *conn, int rc, int timeout_ms);

#endif /* TERN_CONFIG_PLATFORM_POSIX */

#ifdef __cplusplus
}
#endif

#endif /* TERN_SOCKET_H */
