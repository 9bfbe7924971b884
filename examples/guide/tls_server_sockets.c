/*
 * The guide's "TLS Server Interface using Sockets" (User Guide 7.1) as a
 * real program: open a port, accept TCP connections, complete the server
 * handshake on each, then read requests in a loop and echo them until the
 * client closes.
 *
 *   tls-server-sockets --cert chain.pem --key key.pem [--port 0]
 *       [--count N] [--verify --ca client-root.pem] [--nonblocking]
 *
 * Prints "listening on <port>" first, then per connection the handshake
 * summary and each request. Serves --count connections (default 1) and
 * exits 0 if every one of them worked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ex_common.h"

static int nonblocking;

static int serve(int sd_conn, uint8_t verify)
{
    uint8_t dec_buf[1024];
    uint8_t *p_buf;
    uint16_t rcv_bytes;
    tern_conn_info info;
    t_tls_ret tls_res;
    int echoed = 0;

    /* First establish the connection by the handshake process. */
    do {
        tls_res = tls_server_handshake_socket(sd_conn, verify, NULL);
        if (tls_res == TLS_WAIT) {
            (void)ex_wait(sd_conn, 1, 100);
        }
    } while (tls_res == TLS_WAIT);
    if (tls_res != TLS_OK) {
        printf("handshake failed: %s\n", ex_ret_name(tls_res));
        return 0;
    }
    if (tls_get_info_socket(sd_conn, &info) == TLS_OK) {
        ex_summary("handshake", &info);
    }
    /* The TLS connection is established: requests in a loop. */
    for (;;) {
        rcv_bytes = 0;
        p_buf = dec_buf;
        tls_res = tls_receive_socket(sd_conn, &p_buf, sizeof(dec_buf) - 1, &rcv_bytes);
        if (tls_res == TLS_WAIT) {
            (void)ex_wait(sd_conn, 1, 100);
            continue;
        }
        if (tls_res != TLS_OK) {
            break; /* the client closed (or failed) */
        }
        p_buf[rcv_bytes] = '\0';
        printf("%d bytes received: %s", rcv_bytes, p_buf);
        if (rcv_bytes == 0 || p_buf[rcv_bytes - 1] != '\n') {
            printf("\n");
        }
        fflush(stdout);
        tls_res = tls_send_socket(sd_conn, p_buf, rcv_bytes);
        if (tls_res != TLS_OK) {
            printf("send failed: %s\n", ex_ret_name(tls_res));
            break;
        }
        echoed = 1;
    }
    (void)tls_close_socket(sd_conn);
    return echoed;
}

int main(int argc, char **argv)
{
    const char *cert = NULL, *key = NULL, *ca = NULL, *v;
    uint16_t port = 0, bound;
    int i, count = 1, verify = 0, sd_svr, failures = 0;
    size_t next_ca = 0;

    ex_init(argv[0], 60);
    for (i = 1; i < argc; i++) {
        if ((v = ex_opt(argc, argv, &i, "--port")) != NULL) {
            port = (uint16_t)atoi(v);
        } else if ((v = ex_opt(argc, argv, &i, "--cert")) != NULL) {
            cert = v;
        } else if ((v = ex_opt(argc, argv, &i, "--key")) != NULL) {
            key = v;
        } else if ((v = ex_opt(argc, argv, &i, "--ca")) != NULL) {
            ca = v;
        } else if ((v = ex_opt(argc, argv, &i, "--count")) != NULL) {
            count = atoi(v);
        } else if (strcmp(argv[i], "--verify") == 0) {
            verify = 1;
        } else if (strcmp(argv[i], "--nonblocking") == 0) {
            nonblocking = 1;
        } else {
            ex_die("unknown argument %s", argv[i]);
        }
    }
    if (cert == NULL || (verify && ca == NULL)) {
        ex_die("usage: tls-server-sockets --cert chain.pem --key key.pem [options]");
    }
    ex_load_identity(&g_tls_arr_host_cert[0], cert, key != NULL ? key : cert, TLS_CERT_ROLE_SERVER);
    if (ca != NULL) {
        (void)ex_load_ca_bundle(ca, &next_ca);
    }
    ex_start_module();

    sd_svr = ex_listen(port, &bound);
    printf("listening on %u\n", (unsigned)bound);
    fflush(stdout);
    for (i = 0; i < count; i++) {
        int sd_conn = accept(sd_svr, NULL, NULL);
        if (sd_conn < 0) {
            ex_die("accept failed");
        }
        ex_timeouts(sd_conn, 10000);
        if (nonblocking) {
            ex_nonblock(sd_conn);
        }
        failures += !serve(sd_conn, (uint8_t)verify);
        close(sd_conn);
    }
    close(sd_svr);
    (void)tls_stop();
    (void)tls_delete();
    return failures == 0 ? 0 : 1;
}
