/*
 * A WICED-style TLS server (WICED course 6B, "TCP server TLS firmware
 * flow"; exercise 6B.2) on the seed API:
 *   1 create the socket, 2 listen            -> ex_listen
 *   3, 5 server identity: certificate chain and private key in PEM
 *                                            -> g_tls_arr_host_cert
 *   4, 7 the client's root CA (only to verify clients: optional)
 *                                            -> g_tls_arr_ca_cert
 *   6 init the context                       -> tls_start
 *   8-10 enable TLS, accept                  -> accept(), then
 *                                               tls_server_handshake_socket
 *                                               (b_cli_verify = 1 when a
 *                                               client root CA was given)
 * Echoes every request until the client closes.
 *
 *   wiced-server --cert chain.pem --key key.pem [--client-ca bundle.pem]
 *       [--port 0] [--count N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ex_common.h"

static int serve(int fd, uint8_t verify)
{
    uint8_t buf[1024], *p;
    uint16_t n;
    tern_conn_info info;
    t_tls_ret r = tls_server_handshake_socket(fd, verify, NULL);
    int echoed = 0;

    if (r != TLS_OK) {
        printf("secure accept failed: %s\n", ex_ret_name(r));
        return 0;
    }
    if (tls_get_info_socket(fd, &info) == TLS_OK) {
        ex_summary("secure accept", &info);
    }
    for (;;) {
        p = buf;
        r = tls_receive_socket(fd, &p, sizeof(buf) - 1, &n);
        if (r != TLS_OK) {
            break;
        }
        buf[n] = '\0';
        printf("request: %s", (char *)buf);
        fflush(stdout);
        if (tls_send_socket(fd, buf, n) != TLS_OK) {
            break;
        }
        echoed = 1;
    }
    (void)tls_close_socket(fd);
    return echoed;
}

int main(int argc, char **argv)
{
    const char *cert = NULL, *key = NULL, *client_ca = NULL, *v;
    uint16_t port = 0, bound;
    int i, count = 1, lfd, failures = 0;
    size_t next_ca = 0;

    ex_init(argv[0], 60);
    for (i = 1; i < argc; i++) {
        if ((v = ex_opt(argc, argv, &i, "--port")) != NULL) {
            port = (uint16_t)atoi(v);
        } else if ((v = ex_opt(argc, argv, &i, "--cert")) != NULL) {
            cert = v;
        } else if ((v = ex_opt(argc, argv, &i, "--key")) != NULL) {
            key = v;
        } else if ((v = ex_opt(argc, argv, &i, "--client-ca")) != NULL) {
            client_ca = v;
        } else if ((v = ex_opt(argc, argv, &i, "--count")) != NULL) {
            count = atoi(v);
        } else {
            ex_die("unknown argument %s", argv[i]);
        }
    }
    if (cert == NULL) {
        ex_die("usage: wiced-server --cert chain.pem --key key.pem [options]");
    }
    ex_load_identity(&g_tls_arr_host_cert[0], cert, key != NULL ? key : cert, TLS_CERT_ROLE_SERVER);
    if (client_ca != NULL) {
        (void)ex_load_ca_bundle(client_ca, &next_ca);
    }
    ex_start_module();
    lfd = ex_listen(port, &bound);
    printf("listening on %u\n", (unsigned)bound);
    fflush(stdout);
    for (i = 0; i < count; i++) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) {
            ex_die("accept failed");
        }
        ex_timeouts(fd, 10000);
        failures += !serve(fd, client_ca != NULL);
        close(fd);
    }
    close(lfd);
    (void)tls_stop();
    (void)tls_delete();
    return failures == 0 ? 0 : 1;
}
