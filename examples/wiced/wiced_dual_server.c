/*
 * The dual secure + insecure echo server of the WICED course (exercise
 * 6B.4): one port speaks TLS, another plain TCP, both served by one loop
 * over non-blocking sockets. TLS connections use the seed API's sockets
 * interface in its polled form (TLS_WAIT: come back when the socket is
 * ready).
 *
 *   wiced-dual-server --cert chain.pem --key key.pem [--count N]
 *
 * Prints "listening on <tls port> <plain port>"; ends after --count
 * connections (default 2) have closed, exit status 0 if each one echoed.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ex_common.h"

#define MAX_CONN 4

typedef struct conn {
    int fd;     /* -1: free */
    int secure; /* TLS on it */
    int ready;  /* TLS handshake done */
    int echoed;
} conn;

static conn conns[MAX_CONN];

static void finish(conn *c, int *done, int *failures)
{
    if (c->secure) {
        (void)tls_close_socket(c->fd);
    }
    printf("%s connection closed\n", c->secure ? "secure" : "insecure");
    fflush(stdout);
    close(c->fd);
    c->fd = -1;
    (*done)++;
    *failures += !c->echoed;
}

/* Work on a secure connection: 1 while it lives, 0 when it ended. */
static int secure_step(conn *c)
{
    uint8_t buf[1024], *p = buf;
    uint16_t n = 0;
    t_tls_ret r;

    if (!c->ready) {
        r = tls_server_handshake_socket(c->fd, 0, NULL);
        if (r == TLS_WAIT) {
            return 1;
        }
        if (r != TLS_OK) {
            printf("secure handshake failed: %s\n", ex_ret_name(r));
            return 0;
        }
        c->ready = 1;
        printf("secure connection established\n");
    }
    for (;;) {
        r = tls_receive_socket(c->fd, &p, sizeof(buf), &n);
        if (r == TLS_WAIT) {
            return 1;
        }
        if (r != TLS_OK) {
            return 0;
        }
        printf("secure request: %.*s", (int)n, (char *)buf);
        /* A send can wait while earlier records are stuck: retry on
         * writability (bounded). */
        while ((r = tls_send_socket(c->fd, buf, n)) == TLS_WAIT) {
            (void)ex_wait(c->fd, 0, 100);
        }
        if (r != TLS_OK) {
            return 0;
        }
        c->echoed = 1;
    }
}

static int plain_step(conn *c)
{
    char buf[1024];
    ssize_t n = recv(c->fd, buf, sizeof(buf), 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        return 1;
    }
    if (n <= 0) {
        return 0;
    }
    printf("insecure request: %.*s", (int)n, buf);
    if (send(c->fd, buf, (size_t)n, 0) != n) {
        return 0;
    }
    c->echoed = 1;
    return 1;
}

int main(int argc, char **argv)
{
    const char *cert = NULL, *key = NULL, *v;
    uint16_t tls_port, plain_port;
    int i, count = 2, done = 0, failures = 0, lfd[2];

    ex_init(argv[0], 60);
    for (i = 1; i < argc; i++) {
        if ((v = ex_opt(argc, argv, &i, "--cert")) != NULL) {
            cert = v;
        } else if ((v = ex_opt(argc, argv, &i, "--key")) != NULL) {
            key = v;
        } else if ((v = ex_opt(argc, argv, &i, "--count")) != NULL) {
            count = atoi(v);
        } else {
            ex_die("unknown argument %s", argv[i]);
        }
    }
    if (cert == NULL) {
        ex_die("usage: wiced-dual-server --cert chain.pem --key key.pem [--count N]");
    }
    ex_load_identity(&g_tls_arr_host_cert[0], cert, key != NULL ? key : cert, TLS_CERT_ROLE_SERVER);
    ex_start_module();
    lfd[0] = ex_listen(0, &tls_port);
    lfd[1] = ex_listen(0, &plain_port);
    printf("listening on %u %u\n", (unsigned)tls_port, (unsigned)plain_port);
    fflush(stdout);
    for (i = 0; i < MAX_CONN; i++) {
        conns[i].fd = -1;
    }
    while (done < count) {
        struct pollfd p[2 + MAX_CONN];
        int n = 0, k;
        for (k = 0; k < 2; k++) {
            p[n].fd = lfd[k];
            p[n].events = POLLIN;
            p[n].revents = 0;
            n++;
        }
        for (k = 0; k < MAX_CONN; k++) {
            if (conns[k].fd >= 0) {
                p[n].fd = conns[k].fd;
                p[n].events = POLLIN;
                p[n].revents = 0;
                n++;
            }
        }
        (void)poll(p, (nfds_t)n, 100);
        for (k = 0; k < 2; k++) {
            int fd, s;
            if (!(p[k].revents & POLLIN) || (fd = accept(lfd[k], NULL, NULL)) < 0) {
                continue;
            }
            for (s = 0; s < MAX_CONN && conns[s].fd >= 0; s++) {
            }
            if (s == MAX_CONN) {
                close(fd);
                continue;
            }
            ex_nonblock(fd);
            memset(&conns[s], 0, sizeof(conns[s]));
            conns[s].fd = fd;
            conns[s].secure = k == 0;
            printf("%s connection accepted\n", k == 0 ? "secure" : "insecure");
        }
        for (k = 0; k < MAX_CONN; k++) {
            conn *c = &conns[k];
            if (c->fd >= 0 && !(c->secure ? secure_step(c) : plain_step(c))) {
                finish(c, &done, &failures);
            }
        }
        fflush(stdout);
    }
    close(lfd[0]);
    close(lfd[1]);
    (void)tls_stop();
    (void)tls_delete();
    return failures == 0 ? 0 : 1;
}
