/*
 * A Tibbo-style TLS client (the Tibbo BASIC "Establishing a Secure
 * Connection" flow) on the seed API:
 *   sock.connect()          the plain TCP connection comes first
 *   sock.tlsinit(cert)      the certificate into the tables, tls_start
 *   sock.tlshandshake(name) tls_client_handshake_socket on the connected
 *                           socket; an empty name skips the name check
 *                           (useful with a bare IP address), the chain is
 *                           still verified
 *   state PL_SST_EST_TLS    tls_get_state_socket() == TLS_CONNST_OPERATING
 * Only one TLS socket at a time (this program is built with
 * TLS_MAX_CONN_SIZE = 1): a handshake on another socket is refused with
 * TLS_FULL_ERR, the PL_TLS_ERROR_IN_USE of Tibbo, and the program shows it.
 *
 *   tibbo-client --port P --ca root.pem [--host 127.0.0.1]
 *       [--name N | --no-name] [--message TEXT] [--second]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ex_common.h"

int main(int argc, char **argv)
{
    const char *host = "127.0.0.1", *name = "localhost", *ca = NULL, *v;
    const char *message = "tibbo says hi";
    char msg[600];
    uint8_t buf[1024], *p = buf;
    uint16_t port = 0, n = 0;
    int i, fd, fd2 = -1, second = 0;
    size_t next_ca = 0;
    t_tls_ret r;

    ex_init(argv[0], 30);
    for (i = 1; i < argc; i++) {
        if ((v = ex_opt(argc, argv, &i, "--port")) != NULL) {
            port = (uint16_t)atoi(v);
        } else if ((v = ex_opt(argc, argv, &i, "--host")) != NULL) {
            host = v;
        } else if ((v = ex_opt(argc, argv, &i, "--name")) != NULL) {
            name = v;
        } else if (strcmp(argv[i], "--no-name") == 0) {
            name = "";
        } else if ((v = ex_opt(argc, argv, &i, "--ca")) != NULL) {
            ca = v;
        } else if ((v = ex_opt(argc, argv, &i, "--message")) != NULL) {
            message = v;
        } else if (strcmp(argv[i], "--second") == 0) {
            second = 1;
        } else {
            ex_die("unknown argument %s", argv[i]);
        }
    }
    if (port == 0 || ca == NULL) {
        ex_die("usage: tibbo-client --port P --ca root.pem [options]");
    }
    snprintf(msg, sizeof(msg), "%s\n", message);

    /* sock.connect(): a regular TCP connection first. */
    fd = ex_connect(host, port);
    ex_timeouts(fd, 10000);
    printf("tcp connection established\n");

    /* sock.tlsinit(): the certificate. */
    (void)ex_load_ca_bundle(ca, &next_ca);
    ex_start_module();

    /* sock.tlshandshake(): TLS on the connected socket. */
    r = tls_client_handshake_socket(fd, name, TLS_INVALID_CONN_TICKET);
    printf("tlshandshake(\"%s\"): %s\n", name, ex_ret_name(r));
    if (r != TLS_OK) {
        return 1;
    }
    printf("state: %s\n",
           tls_get_state_socket(fd) == TLS_CONNST_OPERATING ? "PL_SST_EST_TLS" : "not TLS");

    if (second) {
        /* Another connected socket wants TLS while this one has it. */
        fd2 = ex_connect(host, port);
        r = tls_client_handshake_socket(fd2, name, TLS_INVALID_CONN_TICKET);
        printf("second socket tlshandshake: %s%s\n", ex_ret_name(r),
               r == TLS_FULL_ERR ? " (in use by another socket)" : "");
        close(fd2);
        if (r != TLS_FULL_ERR) {
            return 1;
        }
    }

    r = tls_send_socket(fd, (uint8_t *)msg, (uint16_t)strlen(msg));
    if (r == TLS_OK) {
        r = tls_receive_socket(fd, &p, sizeof(buf) - 1, &n);
    }
    if (r != TLS_OK) {
        printf("exchange failed: %s\n", ex_ret_name(r));
        return 1;
    }
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) {
        n--;
    }
    buf[n] = '\0';
    printf("reply: %s\n", (char *)buf);
    (void)tls_close_socket(fd);
    close(fd);
    (void)tls_stop();
    (void)tls_delete();
    return 0;
}
