/*
 * The listening ports of the native TCP interface: tcp_open, tcp_get_port,
 * tcp_close_port. The vendor's TCP/IP stack is not available, so these
 * stand in for its calls over the platform's BSD sockets.
 */
#include "tern/config.h"

#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "compat/compat_internal.h"

#if TLS_TCPIP_IFC_ENABLE && TERN_CONFIG_PLATFORM_POSIX

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

compat_port g_tls_port[TLS_TCP_MAX_PORT];

static t_tcp_port_hdl port_handle(const compat_port *p)
{
    return ((uint32_t)p->gen << 8) | (uint32_t)(p - g_tls_port);
}

/* see src/compat/compat_internal.h */
compat_port *compat_port_by_handle(t_tcp_port_hdl hdl)
{
    uint32_t idx = hdl & 0xFFu;
    if (idx >= TLS_TCP_MAX_PORT || !g_tls_port[idx].open ||
        (uint32_t)g_tls_port[idx].gen != (hdl >> 8)) {
        return NULL;
    }
    return &g_tls_port[idx];
}

/* see src/compat/compat_internal.h */
int compat_port_accept(compat_port *p, t_ip_port *peer)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof(sa);
    int fd;

    do {
        fd = accept(p->fd, (struct sockaddr *)&sa, &len);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        return -1;
    }
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
        (void)close(fd);
        return -1;
    }
    if (peer != NULL) {
        peer->ipp_ip_addr = ntohl(sa.sin_addr.s_addr);
        peer->ipp_port = ntohs(sa.sin_port);
    }
    return fd;
}

static t_ip_ret open_port(uint16_t port, uint16_t max_conn, t_tcp_port_hdl *hdl)
{
    struct sockaddr_in sa;
    compat_port *p = NULL;
    size_t i;
    int fd, one = 1;

    for (i = 0; i < TLS_TCP_MAX_PORT && p == NULL; i++) {
        if (!g_tls_port[i].open) {
            p = &g_tls_port[i];
        }
    }
    if (p == NULL) {
        return TLS_FULL_ERR;
    }
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return TLS_IO_ERR;
    }
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(TLS_TCP_BIND_ADDR);
    sa.sin_port = htons(port);
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
        bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
        listen(fd, max_conn > 4 ? (int)max_conn : 4) != 0 ||
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
        (void)close(fd);
        return TLS_IO_ERR;
    }
    p->fd = fd;
    p->open = 1;
    p->gen = (uint16_t)(p->gen + 1u);
    p->max_conn = max_conn;
    p->port = port;
    if (port == 0) {
        socklen_t len = sizeof(sa);
        if (getsockname(fd, (struct sockaddr *)&sa, &len) == 0) {
            p->port = ntohs(sa.sin_port);
        }
    }
    *hdl = port_handle(p);
    return TLS_OK;
}

/* see include/api_tls.h */
t_ip_ret tcp_open(uint16_t port, uint16_t max_conn, t_ip_ntf *p_ntf, t_tcp_port_hdl *p_port_hdl)
{
    t_ip_ret ret;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    if (p_port_hdl == NULL) {
        return TLS_NULL_PTR_ERR;
    }
    *p_port_hdl = TCP_INVALID_PORT_HDL;
    if (p_ntf != NULL) {
        return TLS_PARAM_ERR;
    }
    compat_lock();
    ret = g_tls.state == COMPAT_STARTED ? open_port(port, max_conn, p_port_hdl) : TLS_INIT_ERR;
    compat_unlock();
    return ret;
}

/* see include/api_tls.h */
t_ip_ret tcp_get_port(t_tcp_port_hdl port_hdl, uint16_t *p_port)
{
    compat_port *p;
    t_ip_ret ret = TLS_NOT_FOUND_ERR;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    if (p_port == NULL) {
        return TLS_NULL_PTR_ERR;
    }
    compat_lock();
    if ((p = compat_port_by_handle(port_hdl)) != NULL) {
        *p_port = p->port;
        ret = TLS_OK;
    }
    compat_unlock();
    return ret;
}

/* see include/api_tls.h */
t_ip_ret tcp_close_port(t_tcp_port_hdl port_hdl)
{
    compat_port *p;
    t_ip_ret ret = TLS_NOT_FOUND_ERR;
    size_t i;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    compat_lock();
    if ((p = compat_port_by_handle(port_hdl)) != NULL) {
        /* Reservations still waiting on the port fail. */
        for (i = 0; i < TLS_MAX_CONN_SIZE; i++) {
            t_tls_connection *s = &g_tls_conn[i];
            if (s->kind == CONN_TCP && s->hs == HS_ACCEPTING &&
                s->port == (uint8_t)(p - g_tls_port)) {
                compat_fail(s, TLS_NOT_FOUND_ERR);
            }
        }
        (void)close(p->fd);
        p->open = 0;
        p->gen = (uint16_t)(p->gen + 1u);
        ret = TLS_OK;
    }
    compat_unlock();
    return ret;
}

#else
typedef int tls_tcp_port_unused; /* ISO C forbids an empty translation unit */
#endif
