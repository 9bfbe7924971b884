/*
 * The guide's "TLS Client Interface using Sockets" (User Guide 7.2) as a
 * real program: establish the TCP connection, complete the client
 * handshake, exchange data; then, with --resume, connect again with the
 * ticket of the first session.
 *
 *   tls-client-sockets --port P --ca root.pem [--host 127.0.0.1]
 *       [--name localhost] [--message TEXT] [--resume] [--nonblocking]
 *       [--cert c.pem --key k.pem]
 *
 * Blocking sockets are the guide's preemptive case (every call returns
 * when done); --nonblocking is its polled case (TLS_WAIT until done).
 * Prints the handshake summary and what came back; exits 0 when the echo
 * arrived.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ex_common.h"

static int nonblocking;

/* The guide's handshake loop: polled until it is not TLS_WAIT. */
static t_tls_ret handshake(int sd, const char *name, t_tls_ticket ticket)
{
    t_tls_ret r;
    for (;;) {
        r = tls_client_handshake_socket(sd, name, ticket);
        if (r != TLS_WAIT) {
            return r;
        }
        (void)ex_wait(sd, 1, 100); /* a real task would yield here */
    }
}

/* Sends the message, prints the first data that comes back. */
static int exchange(int sd, const char *msg)
{
    uint8_t dec_buf[1024];
    uint8_t *p_buf = dec_buf;
    uint16_t rcv_bytes = 0;
    t_tls_ret r = tls_send_socket(sd, (uint8_t *)msg, (uint16_t)strlen(msg));

    if (r != TLS_OK) {
        fprintf(stderr, "send: %s\n", ex_ret_name(r));
        return 0;
    }
    do {
        r = tls_receive_socket(sd, &p_buf, sizeof(dec_buf) - 1, &rcv_bytes);
        if (r == TLS_WAIT) {
            (void)ex_wait(sd, 1, 100);
        }
    } while (r == TLS_WAIT);
    if (r != TLS_OK) {
        fprintf(stderr, "receive: %s\n", ex_ret_name(r));
        return 0;
    }
    while (rcv_bytes > 0 && (p_buf[rcv_bytes - 1] == '\n' || p_buf[rcv_bytes - 1] == '\r')) {
        rcv_bytes--;
    }
    p_buf[rcv_bytes] = '\0';
    printf("%d bytes received: %s\n", rcv_bytes, p_buf);
    return 1;
}

static int session(const char *host, uint16_t port, const char *name, const char *msg,
                   t_tls_ticket ticket, t_tls_ticket *next, const char *label)
{
    tern_conn_info info;
    int sd = ex_connect(host, port);
    t_tls_ret r;
    int ok;

    ex_timeouts(sd, 10000);
    if (nonblocking) {
        ex_nonblock(sd);
    }
    r = handshake(sd, name, ticket);
    if (r != TLS_OK) {
        fprintf(stderr, "handshake: %s\n", ex_ret_name(r));
        close(sd);
        return 0;
    }
    if (tls_get_info_socket(sd, &info) == TLS_OK) {
        ex_summary(label, &info);
    }
    ok = exchange(sd, msg);
    if (next != NULL && tls_get_ticket_socket(sd, next) != TLS_OK) {
        *next = TLS_INVALID_CONN_TICKET;
    }
    (void)tls_close_socket(sd);
    close(sd);
    return ok;
}

int main(int argc, char **argv)
{
    const char *host = "127.0.0.1", *name = "localhost", *ca = NULL, *cert = NULL, *key = NULL;
    const char *message = "hello from the seed API", *v;
    char msg[600];
    uint16_t port = 0;
    int i, resume = 0, ok;
    size_t next_ca = 0;
    t_tls_ticket ticket = TLS_INVALID_CONN_TICKET;

    ex_init(argv[0], 30);
    for (i = 1; i < argc; i++) {
        if ((v = ex_opt(argc, argv, &i, "--port")) != NULL) {
            port = (uint16_t)atoi(v);
        } else if ((v = ex_opt(argc, argv, &i, "--host")) != NULL) {
            host = v;
        } else if ((v = ex_opt(argc, argv, &i, "--name")) != NULL) {
            name = v;
        } else if ((v = ex_opt(argc, argv, &i, "--ca")) != NULL) {
            ca = v;
        } else if ((v = ex_opt(argc, argv, &i, "--cert")) != NULL) {
            cert = v;
        } else if ((v = ex_opt(argc, argv, &i, "--key")) != NULL) {
            key = v;
        } else if ((v = ex_opt(argc, argv, &i, "--message")) != NULL) {
            message = v;
        } else if (strcmp(argv[i], "--resume") == 0) {
            resume = 1;
        } else if (strcmp(argv[i], "--nonblocking") == 0) {
            nonblocking = 1;
        } else {
            ex_die("unknown argument %s", argv[i]);
        }
    }
    if (port == 0 || ca == NULL) {
        ex_die("usage: tls-client-sockets --port P --ca root.pem [options]");
    }
    snprintf(msg, sizeof(msg), "%s\n", message);

    /* config_tls.c: the CA table (and a client identity if asked). */
    (void)ex_load_ca_bundle(ca, &next_ca);
    if (cert != NULL) {
        ex_load_identity(&g_tls_arr_host_cert[0], cert, key != NULL ? key : cert,
                         TLS_CERT_ROLE_CLIENT);
    }
    ex_start_module();

    ok = session(host, port, name, msg, TLS_INVALID_CONN_TICKET, &ticket, "handshake");
    if (ok && resume) {
        ok = session(host, port, name, msg, ticket, NULL, "resumed handshake");
    }
    (void)tls_stop();
    (void)tls_delete();
    return ok ? 0 : 1;
}
