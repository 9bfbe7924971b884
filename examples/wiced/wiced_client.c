/*
 * A WICED-style TLS client (the WICED course, chapter 6B: "TCP client TLS
 * firmware flow", and exercise 6B.3's dual secure / insecure client) on
 * the seed API. The WICED steps map as follows:
 *   1 create the socket, 2 bind it            -> socket()
 *   3 read the root CA certificate (PEM)      -> ex_load_ca_bundle: every
 *     CERTIFICATE block of a bundle, text outside BEGIN/END ignored,
 *     into g_tls_arr_ca_cert
 *   4-5 client identity (cert + key, PEM; only when the server asks)
 *                                             -> g_tls_arr_host_cert
 *   6 init the root CA certificates,
 *   7 init the TLS context                    -> tls_start
 *   8 enable TLS on the socket, 9 connect     -> connect(), then
 *                                                tls_client_handshake_socket
 * Unlike WICED, leaving out the root CA does not mean "trust anyone":
 * tern verifies the server always (an empty CA table fails the handshake).
 *
 *   wiced-client --port P --ca bundle.pem [--host 127.0.0.1]
 *       [--name localhost] [--cert c.pem --key k.pem] [--message TEXT]
 *       [--plain]      (insecure: plain TCP, for the dual server)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ex_common.h"

static int plain_exchange(int fd, const char *msg)
{
    char buf[1024];
    ssize_t n;
    size_t len = strlen(msg);

    if (send(fd, msg, len, 0) != (ssize_t)len) {
        return 0;
    }
    n = recv(fd, buf, sizeof(buf) - 1, 0);
    if (n <= 0) {
        return 0;
    }
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) {
        n--;
    }
    buf[n] = '\0';
    printf("insecure reply: %s\n", buf);
    return 1;
}

static int tls_exchange(int fd, const char *name, const char *msg)
{
    uint8_t buf[1024], *p = buf;
    uint16_t n = 0;
    tern_conn_info info;
    t_tls_ret r = tls_client_handshake_socket(fd, name, TLS_INVALID_CONN_TICKET);

    if (r != TLS_OK) {
        printf("secure connection failed: %s\n", ex_ret_name(r));
        return 0;
    }
    if (tls_get_info_socket(fd, &info) == TLS_OK) {
        ex_summary("secure connection", &info);
    }
    r = tls_send_socket(fd, (uint8_t *)msg, (uint16_t)strlen(msg));
    if (r == TLS_OK) {
        r = tls_receive_socket(fd, &p, sizeof(buf) - 1, &n);
    }
    if (r != TLS_OK) {
        printf("secure exchange failed: %s\n", ex_ret_name(r));
        return 0;
    }
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) {
        n--;
    }
    buf[n] = '\0';
    printf("secure reply: %s\n", (char *)buf);
    (void)tls_close_socket(fd);
    return 1;
}

int main(int argc, char **argv)
{
    const char *host = "127.0.0.1", *name = "localhost", *ca = NULL, *cert = NULL, *key = NULL;
    const char *message = "WWEP request", *v;
    char msg[600];
    uint16_t port = 0;
    int i, plain = 0, fd, ok;
    size_t next_ca = 0;

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
        } else if (strcmp(argv[i], "--plain") == 0) {
            plain = 1;
        } else {
            ex_die("unknown argument %s", argv[i]);
        }
    }
    if (port == 0 || (!plain && ca == NULL)) {
        ex_die("usage: wiced-client --port P --ca bundle.pem [options]");
    }
    snprintf(msg, sizeof(msg), "%s\n", message);
    if (plain) {
        fd = ex_connect(host, port); /* steps 1, 2, 9 only */
        ex_timeouts(fd, 10000);
        ok = plain_exchange(fd, msg);
        close(fd);
        return ok ? 0 : 1;
    }
    /* Steps 3-7: certificates into the tables, then the context. */
    printf("root CA certificates: %u\n", (unsigned)ex_load_ca_bundle(ca, &next_ca));
    if (cert != NULL) {
        ex_load_identity(&g_tls_arr_host_cert[0], cert, key != NULL ? key : cert,
                         TLS_CERT_ROLE_CLIENT);
    }
    ex_start_module();
    /* Steps 8-9: connect, then TLS on the connected socket. */
    fd = ex_connect(host, port);
    ex_timeouts(fd, 10000);
    ok = tls_exchange(fd, name, msg);
    close(fd);
    (void)tls_stop();
    (void)tls_delete();
    return ok ? 0 : 1;
}
