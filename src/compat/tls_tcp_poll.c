/*
 * tls_tcp_poll: the event loop of the native TCP interface, the guide's
 * poll mode (OAL_TASK_POLL_MODE): the application calls it from its main
 * loop or task; it waits for the sockets, then runs one step of every
 * native connection and delivers the notifications.
 */
#include "tern/config.h"

#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "compat/compat_internal.h"

#if TLS_TCPIP_IFC_ENABLE && TERN_CONFIG_PLATFORM_POSIX

#include <errno.h>
#include <poll.h>
#include <string.h>

#include "tern/socket.h"

#define MAX_FDS (TLS_MAX_CONN_SIZE + TLS_TCP_MAX_PORT)

/* What an entry waits for; 0 if nothing from its socket. *now set when
 * it has work that needs no waiting. */
static short events_of(t_tls_connection *s, int *now)
{
    switch (s->hs) {
    case HS_ACCEPTING:
        *now |= s->fd >= 0; /* accepted, not set up yet */
        return 0;
    case HS_CONNECTING:
        return POLLOUT;
    case HS_RUNNING:
        return (short)(POLLIN | (tern_pending(s->conn) > 0 ? POLLOUT : 0));
    case HS_DONE:
        if (tern_conn_state(s->conn) != TERN_CONN_OPERATING) {
            *now |= !s->closed_ntf;
            return 0;
        }
        *now |= s->txq[0].buf != NULL && tern_pending(s->conn) == 0;
        return (short)((s->data_ntf ? 0 : POLLIN) |
                       (tern_pending(s->conn) > 0 || s->txq[0].buf != NULL ? POLLOUT : 0));
    default:
        return 0;
    }
}

/* Waits for the sockets at most wait_ms. */
static void wait_sockets(int wait_ms)
{
    struct pollfd fds[MAX_FDS];
    size_t i, n = 0;
    int now = 0, rc;

    compat_lock();
    for (i = 0; i < TLS_TCP_MAX_PORT; i++) {
        size_t k;
        int want = 0;
        if (!g_tls_port[i].open) {
            continue;
        }
        for (k = 0; k < TLS_MAX_CONN_SIZE; k++) {
            const t_tls_connection *s = &g_tls_conn[k];
            want |= s->kind == CONN_TCP && s->hs == HS_ACCEPTING && s->fd < 0 && s->port == i;
        }
        if (want) {
            fds[n].fd = g_tls_port[i].fd;
            fds[n].events = POLLIN;
            fds[n].revents = 0;
            n++;
        }
    }
    for (i = 0; i < TLS_MAX_CONN_SIZE; i++) {
        t_tls_connection *s = &g_tls_conn[i];
        short ev;
        if (s->kind != CONN_TCP || s->busy || s->fd < 0) {
            continue;
        }
        ev = events_of(s, &now);
        if (ev != 0) {
            fds[n].fd = s->fd;
            fds[n].events = ev;
            fds[n].revents = 0;
            n++;
        }
    }
    compat_unlock();
    if (now) {
        wait_ms = 0;
    }
    do {
        rc = poll(fds, (nfds_t)n, wait_ms);
    } while (rc < 0 && errno == EINTR);
}

/* Fills reservations from the ports' waiting connections. */
static void accept_waiting(void)
{
    size_t i;

    compat_lock();
    for (i = 0; i < TLS_MAX_CONN_SIZE; i++) {
        t_tls_connection *s = &g_tls_conn[i];
        if (s->kind == CONN_TCP && s->hs == HS_ACCEPTING && s->fd < 0 && !s->busy &&
            s->port < TLS_TCP_MAX_PORT && g_tls_port[s->port].open) {
            s->fd = compat_port_accept(&g_tls_port[s->port], &s->peer);
        }
    }
    compat_unlock();
}

/* see include/api_tls.h */
t_tls_ret tls_tcp_poll(uint32_t timeout_ms)
{
    size_t i;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    compat_lock();
    if (g_tls.state != COMPAT_STARTED) {
        compat_unlock();
        return TLS_INIT_ERR;
    }
    compat_unlock();
    wait_sockets((int)(timeout_ms < TLS_TIMER_PERIOD ? timeout_ms : TLS_TIMER_PERIOD));
    accept_waiting();
    for (i = 0; i < TLS_MAX_CONN_SIZE; i++) {
        t_tls_connection *s = &g_tls_conn[i];
        compat_ntfs q;
        int mine;

        compat_lock();
        mine = s->kind == CONN_TCP && s->hs != HS_FAILED && s->hs != HS_IDLE && compat_acquire(s);
        compat_unlock();
        if (!mine) {
            continue;
        }
        memset(&q, 0, sizeof(q));
        compat_tcp_step(s, &q);
        compat_unacquire(s);
        compat_ntfs_deliver(&q);
    }
    compat_buf_notify();
    return TLS_OK;
}

#else
typedef int tls_tcp_poll_unused; /* ISO C forbids an empty translation unit */
#endif
