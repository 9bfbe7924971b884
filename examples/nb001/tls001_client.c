/*
 * A client in the style of the `001` seed's net.TLS API, written on
 * tern's own API (include/tern/engine.h, socket.h, x509.h): the seed's
 * concepts are tern's, under tern's names.
 *
 *   net.TLS                     tern here
 *   TLS(context)                tern_config + tern_conn_init
 *   setNonBlocking()            O_NONBLOCK on the socket
 *   connect(socket)             tern_handshake until TERN_OK; it does not
 *                               judge the certificate (TERN_VERIFY_NONE),
 *                               as connect() does not
 *   getStatus() WAIT_READ /     TERN_ERR_WANT_READ / _WANT_WRITE, then
 *     WAIT_WRITE                tern_socket_wait (a TCPMonitor's job)
 *   getPeerCertChain()          tern_conn_peer_chain_pem: PEM text
 *   verifyCertificate(store,    tern_x509_verify_chain with a store made
 *     cert, chain)              from a PEM bundle; the host name checked
 *                               in the same call (the seed leaves it to the
 *                               programmer)
 *   sendBuffer() /              tern_flush / tern_pending: records the
 *     getBufferUnsent()         socket did not take yet
 *
 *   tls001-client --port P --ca bundle.pem [--host 127.0.0.1]
 *       [--name localhost] [--message TEXT]
 * Exits 0 when the chain verified and the echo came back, 1 when the
 * chain did not verify (nothing is sent then), 2 on other errors.
 */
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ex_common.h"
#include "tern/pem.h"
#include "tern/socket.h"
#include "tern/x509.h"

/* getStatus(): WAIT_READ / WAIT_WRITE; then waits for the socket (the
 * seed's TCPMonitor). TERN_OK to try again, or the error. */
static int wait_status(tern_conn *c, int rc, const char *what)
{
    static int shown;
    if (rc != TERN_ERR_WANT_READ && rc != TERN_ERR_WANT_WRITE) {
        return rc;
    }
    if (shown++ < 4) {
        printf("%s: status %s\n", what, rc == TERN_ERR_WANT_READ ? "WAIT_READ" : "WAIT_WRITE");
    }
    return tern_socket_wait(c, rc, 10000);
}

/* verifyCertificate: the PEM chain against a store from a PEM bundle. */
static int verify_chain(const char *chain_pem, size_t chain_len, const char *bundle_path,
                        const char *host)
{
    static uint64_t store_mem[TERN_TRUST_STORE_SIZE(16) / 8 + 1];
    static uint8_t storage[16384];
    const uint8_t *certs[TERN_MAX_PEER_CERTS];
    size_t lens[TERN_MAX_PEER_CERTS], n = 0, added = 0, blen;
    uint8_t *ders;
    tern_trust_store *store;
    tern_x509_policy policy;
    tern_x509_result res;
    tern_pem_iter it;
    tern_pem_block blk;
    char *bundle = ex_read_file(bundle_path, &blen);
    size_t used = 0;
    int rc;

    if (tern_trust_store_init(&store, store_mem, sizeof(store_mem), 16) != TERN_OK ||
        tern_trust_store_set_storage(store, storage, sizeof(storage)) != TERN_OK ||
        tern_trust_store_add_pem(store, bundle, blen, &added) != TERN_OK) {
        ex_die("%s: no usable root certificates", bundle_path);
    }
    free(bundle);
    /* The chain back from PEM to DER. */
    ders = (uint8_t *)malloc(chain_len);
    tern_pem_iter_init(&it, chain_pem, chain_len);
    while (n < TERN_MAX_PEER_CERTS && (rc = tern_pem_next(&it, &blk)) == 1) {
        size_t len;
        if (tern_pem_decode(&blk, ders + used, chain_len - used, &len) != TERN_OK) {
            ex_die("peer chain: bad PEM");
        }
        certs[n] = ders + used;
        lens[n] = len;
        used += len;
        n++;
    }
    tern_x509_policy_init(&policy);
    policy.purpose = TERN_X509_PURPOSE_SERVER;
    memset(&res, 0, sizeof(res));
    rc = tern_x509_verify_chain(store, &policy, certs, lens, n, host, &res);
    printf("verifyCertificate: %s (%u anchors, reasons 0x%x)\n",
           rc == TERN_OK ? "OK" : tern_strerror(rc), (unsigned)added, (unsigned)res.reasons);
    free(ders);
    return rc == TERN_OK;
}

int main(int argc, char **argv)
{
    const char *host = "127.0.0.1", *name = "localhost", *ca = NULL, *v;
    const char *message = "net.TLS says hello";
    char msg[600], *chain;
    uint8_t reply[1024];
    uint16_t port = 0;
    size_t chain_len = 0, sent = 0;
    tern_config cfg;
    tern_conn *c = NULL;
    void *mem;
    int i, fd, rc;

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
        } else if ((v = ex_opt(argc, argv, &i, "--message")) != NULL) {
            message = v;
        } else {
            ex_die("unknown argument %s", argv[i]);
        }
    }
    if (port == 0 || ca == NULL) {
        ex_die("usage: tls001-client --port P --ca bundle.pem [options]");
    }
    snprintf(msg, sizeof(msg), "%s\n", message);

    /* TLS(context): connect() does not judge the certificate. */
    tern_config_init(&cfg);
    cfg.verify_mode = TERN_VERIFY_NONE;
    if (posix_memalign(&mem, 16, tern_conn_size(&cfg)) != 0 ||
        tern_conn_init(&c, mem, tern_conn_size(&cfg), &cfg, TERN_CLIENT) != TERN_OK ||
        tern_conn_set_hostname(c, name) != TERN_OK) {
        ex_die("cannot set up the connection");
    }
    fd = ex_connect(host, port);
    ex_nonblock(fd); /* setNonBlocking() */
    if (tern_socket_attach(c, fd) != TERN_OK) {
        ex_die("attach failed");
    }
    /* connect(socket) */
    while ((rc = tern_handshake(c)) != TERN_OK) {
        if ((rc = wait_status(c, rc, "connect")) != TERN_OK) {
            break;
        }
    }
    if (rc != TERN_OK) {
        ex_die("connect: %s", tern_strerror(rc));
    }
    printf("connect: OK\n");

    /* getPeerCertChain(), then verifyCertificate(). */
    {
        char probe[1]; /* asks for the size */
        rc = tern_conn_peer_chain_pem(c, probe, sizeof(probe), &chain_len);
    }
    if (rc != TERN_ERR_BUFFER_TOO_SMALL) {
        ex_die("no peer chain: %s", tern_strerror(rc));
    }
    chain = (char *)malloc(chain_len);
    if (chain == NULL || tern_conn_peer_chain_pem(c, chain, chain_len, &chain_len) != TERN_OK) {
        ex_die("peer chain");
    }
    printf("getPeerCertChain: %u bytes of PEM, %s", (unsigned)chain_len,
           strstr(chain, "-----BEGIN CERTIFICATE-----") == chain ? "starts with a certificate\n"
                                                                 : "unexpected\n");
    if (!verify_chain(chain, chain_len, ca, name[0] != '\0' ? name : NULL)) {
        rc = tern_close(c);
        (void)rc;
        tern_conn_free(c);
        free(mem);
        free(chain);
        close(fd);
        return 1; /* nothing is sent to an unverified peer */
    }

    /* Send; records the socket did not take stay pending (sendBuffer). */
    while (sent < strlen(msg)) {
        rc = tern_write(c, (const uint8_t *)msg + sent, strlen(msg) - sent);
        if (rc > 0) {
            sent += (size_t)rc;
            continue;
        }
        if ((rc = wait_status(c, rc, "send")) != TERN_OK) {
            ex_die("send: %s", tern_strerror(rc));
        }
    }
    printf("getBufferUnsent: %u\n", (unsigned)tern_pending(c));
    while ((rc = tern_flush(c)) != TERN_OK) { /* sendBuffer() */
        if ((rc = wait_status(c, rc, "sendBuffer")) != TERN_OK) {
            ex_die("sendBuffer: %s", tern_strerror(rc));
        }
    }
    while ((rc = tern_read(c, reply, sizeof(reply) - 1)) < 0) {
        int w = wait_status(c, rc, "recv");
        if (w != TERN_OK) {
            ex_die("recv: %s", tern_strerror(w));
        }
    }
    while (rc > 0 && (reply[rc - 1] == '\n' || reply[rc - 1] == '\r')) {
        rc--;
    }
    reply[rc] = '\0';
    printf("reply: %s\n", (char *)reply);
    rc = tern_close(c);
    (void)rc;
    tern_conn_free(c);
    free(mem);
    free(chain);
    close(fd);
    return 0;
}
