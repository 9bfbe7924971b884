/*
 * The buffer pool of the native TCP interface (tls_get_buffer_tcp,
 * tls_receive_tcp, tcp_release_buf): TLS_TCP_BUF_COUNT buffers of
 * TLS_TCP_BUF_SIZE bytes, and the notifications waiting for one.
 */
#include "tern/config.h"

#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "compat/compat_internal.h"

#if TLS_TCPIP_IFC_ENABLE && TERN_CONFIG_PLATFORM_POSIX

#include <string.h>
#include <unistd.h>

#include "tern/util.h"

static uint8_t bufs[TLS_TCP_BUF_COUNT][TLS_TCP_BUF_SIZE];
static uint8_t used[TLS_TCP_BUF_COUNT]; /* 0 free, 1 the application's,
                                           2 queued for sending */
static t_ip_ntf *waiters;               /* queued by tls_get_buffer_tcp */
static int woken;                       /* a buffer came back since the last notify */

/* Index of the buffer that starts at p, or -1. */
static int index_of(const uint8_t *p)
{
    size_t i;
    for (i = 0; i < TLS_TCP_BUF_COUNT; i++) {
        if (p == bufs[i]) {
            return (int)i;
        }
    }
    return -1;
}

/* see src/compat/compat_internal.h */
uint8_t *compat_buf_take(void)
{
    size_t i;
    for (i = 0; i < TLS_TCP_BUF_COUNT; i++) {
        if (!used[i]) {
            used[i] = 1;
            return bufs[i];
        }
    }
    return NULL;
}

/* see src/compat/compat_internal.h */
int compat_buf_owned(const uint8_t *p)
{
    int i = index_of(p);
    return i >= 0 && used[i] == 1;
}

/* see src/compat/compat_internal.h */
void compat_buf_hold(uint8_t *p)
{
    int i = index_of(p);
    if (i >= 0 && used[i] == 1) {
        used[i] = 2;
    }
}

/* see src/compat/compat_internal.h */
void compat_buf_give(uint8_t *p)
{
    int i = index_of(p);
    if (i >= 0 && used[i]) {
        tern_wipe(bufs[i], TLS_TCP_BUF_SIZE); /* plaintext */
        used[i] = 0;
        woken = 1;
    }
}

/* see src/compat/compat_internal.h */
void compat_buf_queue(t_ip_ntf *ntf)
{
    t_ip_ntf *w;
    for (w = waiters; w != NULL; w = w->p_ntf_next) {
        if (w == ntf) {
            return; /* already waiting */
        }
    }
    ntf->p_ntf_next = waiters;
    waiters = ntf;
}

/* see src/compat/compat_internal.h */
void compat_buf_notify(void)
{
    t_ip_ntf *list = NULL;
    size_t i;
    int free_one = 0;

    compat_lock();
    for (i = 0; i < TLS_TCP_BUF_COUNT; i++) {
        free_one |= !used[i];
    }
    if (woken && free_one && waiters != NULL) {
        list = waiters;
        waiters = NULL;
    }
    woken = 0;
    compat_unlock();
    while (list != NULL) {
        t_ip_ntf *next = list->p_ntf_next;
        list->p_ntf_next = NULL;
        if (list->ntf_fn != NULL) {
            list->ntf_fn(list->ntf_param, IP_NTF_TX_RDY);
        }
        list = next;
    }
}

/* see src/compat/compat_internal.h */
void compat_tcp_drop(t_tls_connection *s)
{
    size_t i;
    for (i = 0; i < COMPAT_TXQ_LEN; i++) {
        if (s->txq[i].buf != NULL) {
            compat_buf_give(s->txq[i].buf);
            s->txq[i].buf = NULL;
        }
    }
    if (s->fd >= 0) {
        (void)close(s->fd);
        s->fd = -1;
    }
}

/* see src/compat/compat_internal.h */
void compat_tcp_reset(void)
{
    size_t i;
    for (i = 0; i < TLS_TCP_BUF_COUNT; i++) {
        tern_wipe(bufs[i], TLS_TCP_BUF_SIZE);
        used[i] = 0;
    }
    waiters = NULL;
    woken = 0;
    for (i = 0; i < TLS_TCP_MAX_PORT; i++) {
        if (g_tls_port[i].open) {
            (void)close(g_tls_port[i].fd);
            g_tls_port[i].open = 0;
            g_tls_port[i].gen++;
        }
    }
}

/* see include/api_tls.h */
t_ip_ret tcp_release_buf(uint8_t *p_buf)
{
    t_ip_ret ret = TLS_NOT_FOUND_ERR;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    compat_lock();
    if (p_buf != NULL && compat_buf_owned(p_buf)) {
        compat_buf_give(p_buf);
        ret = TLS_OK;
    }
    compat_unlock();
    compat_buf_notify();
    return ret;
}

#else
typedef int tls_tcp_buf_unused; /* ISO C forbids an empty translation unit */
#endif
