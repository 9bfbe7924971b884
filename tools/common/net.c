/*
 * Sockets for the tools: connect, listen, non-blocking mode, and the
 * wait loops around tern's convenience calls (tern_handshake, tern_write,
 * tern_close) on a non-blocking socket.
 */
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "tern/socket.h"
#include "tern/util.h"
#include "tool.h"

/* see tool.h */
int tool_split_hostport(const char *s, char *host, size_t host_cap, char *port, size_t port_cap)
{
    const char *colon, *h = s;
    size_t hlen;

    if (s[0] == '[') { /* [v6]:port */
        const char *close = strchr(s, ']');
        if (close == NULL || close[1] != ':') {
            return -1;
        }
        h = s + 1;
        hlen = (size_t)(close - h);
        colon = close + 1;
    } else {
        colon = strrchr(s, ':');
        if (colon == NULL) { /* just a port */
            host[0] = 0;
            if (strlen(s) == 0 || strlen(s) >= port_cap) {
                return -1;
            }
            strcpy(port, s);
            return 0;
        }
        if (strchr(s, ':') != colon) {
            return -1; /* a bare IPv6 address needs brackets */
        }
        hlen = (size_t)(colon - s);
    }
    if (hlen >= host_cap || strlen(colon + 1) == 0 || strlen(colon + 1) >= port_cap) {
        return -1;
    }
    memcpy(host, h, hlen);
    host[hlen] = 0;
    strcpy(port, colon + 1);
    return 0;
}

/* see tool.h */
int tool_tcp_connect(const char *host, const char *port)
{
    struct addrinfo hints, *res, *ai;
    int fd = -1, rc, err = 0;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        tool_err(TERN_ERR_TRANSPORT, "cannot resolve %s:%s (%s)", host, port, gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            break;
        }
        err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        tool_err(TERN_ERR_TRANSPORT, "cannot connect to %s:%s (%s)", host, port, strerror(err));
    }
    return fd;
}

static int listen_on(const struct addrinfo *ai, unsigned *bound_port)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    int one = 1, zero = 0;
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);

    if (fd < 0) {
        return -1;
    }
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (ai->ai_family == AF_INET6) {
        /* one socket for IPv6 and IPv4 where the system allows it */
        (void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
    }
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 16) != 0 ||
        getsockname(fd, (struct sockaddr *)&ss, &sl) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    if (ss.ss_family == AF_INET6) {
        *bound_port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    } else {
        *bound_port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
    }
    return fd;
}

/* see tool.h */
int tool_tcp_listen(const char *host, const char *port, unsigned *bound_port)
{
    struct addrinfo hints, *res, *ai;
    int fd = -1, rc, err = 0, pass;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    rc = getaddrinfo(host != NULL && host[0] != 0 ? host : NULL, port, &hints, &res);
    if (rc != 0) {
        tool_err(TERN_ERR_TRANSPORT, "cannot resolve listen address %s:%s (%s)",
                 host != NULL ? host : "*", port, gai_strerror(rc));
        return -1;
    }
    /* Without a host, prefer the IPv6 wildcard (it takes IPv4 too). */
    for (pass = 0; pass < 2 && fd < 0; pass++) {
        for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
            if ((pass == 0) != (ai->ai_family == AF_INET6)) {
                continue;
            }
            fd = listen_on(ai, bound_port);
            if (fd < 0) {
                err = errno;
            }
        }
    }
    freeaddrinfo(res);
    if (fd < 0) {
        tool_err(TERN_ERR_TRANSPORT, "cannot listen on port %s (%s)", port, strerror(err));
    }
    return fd;
}

/* see tool.h */
int tool_set_nonblocking(int fd)
{
    int fl = fcntl(fd, F_GETFL, 0);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0) {
        return -1;
    }
    return 0;
}

/* see tool.h */
int tool_handshake(tern_conn *c, int timeout_ms)
{
    for (;;) {
        int rc = tern_handshake(c);
        if (rc != TERN_ERR_WANT_READ && rc != TERN_ERR_WANT_WRITE) {
            return rc;
        }
        rc = tern_socket_wait(c, rc, timeout_ms);
        if (rc != TERN_OK) {
            return rc;
        }
    }
}

/* see tool.h */
int tool_read_some(tern_conn *c, uint8_t *buf, size_t len, int timeout_ms)
{
    for (;;) {
        int rc = tern_read(c, buf, len);
        if (rc != TERN_ERR_WANT_READ && rc != TERN_ERR_WANT_WRITE) {
            return rc;
        }
        rc = tern_socket_wait(c, rc, timeout_ms);
        if (rc != TERN_OK) {
            return rc;
        }
    }
}

/* see tool.h */
int tool_write_all(tern_conn *c, const uint8_t *buf, size_t len, int timeout_ms)
{
    size_t done = 0;

    while (done < len) {
        int rc = tern_write(c, buf + done, len - done);
        if (rc > 0) {
            done += (size_t)rc;
            continue;
        }
        if (rc != TERN_ERR_WANT_READ && rc != TERN_ERR_WANT_WRITE) {
            return rc == 0 ? TERN_ERR_INTERNAL : rc;
        }
        rc = tern_socket_wait(c, rc, timeout_ms);
        if (rc != TERN_OK) {
            return rc;
        }
    }
    for (;;) {
        int rc = tern_flush(c);
        if (rc != TERN_ERR_WANT_WRITE) {
            return rc;
        }
        rc = tern_socket_wait(c, rc, timeout_ms);
        if (rc != TERN_OK) {
            return rc;
        }
    }
}

/* see tool.h */
int tool_close(tern_conn *c, int timeout_ms)
{
    int rc, sent;
    uint8_t sink[512];

    for (;;) {
        rc = tern_close(c);
        if (rc != TERN_ERR_WANT_WRITE) {
            break;
        }
        if (tern_socket_wait(c, rc, timeout_ms) != TERN_OK) {
            break;
        }
    }
    /* After the peer's close_notify the connection reports
     * TERN_ERR_CLOSED, and ours went out in answer already. */
    sent = rc == TERN_OK || rc == TERN_ERR_CLOSED;
    (void)shutdown(tern_conn_fd(c), SHUT_WR);
    /* Drain until the peer closes too: closing a socket with unread
     * input makes the kernel send a reset, which can destroy our last
     * records before the peer reads them. */
    for (;;) {
        ssize_t n;
        if (tern_socket_wait(c, TERN_ERR_WANT_READ, timeout_ms) != TERN_OK) {
            break;
        }
        n = recv(tern_conn_fd(c), sink, sizeof(sink), 0);
        if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)) {
            break;
        }
    }
    return sent ? TERN_OK : rc;
}

/* see tool.h */
void *tool_conn_alloc(const tern_config *cfg, size_t *len)
{
    void *mem = NULL;
    *len = tern_conn_size(cfg);
    if (posix_memalign(&mem, 16, *len) != 0) {
        return NULL;
    }
    return tool_keep(mem, *len, 1);
}
