/*
 * Interop test peer built on Debian's wolfSSL 5.5 (a test opponent only;
 * never linked into libtern). Same command line and behaviour as
 * mbedtls_peer.c:
 *
 *   wolfssl-peer server [-port P] -cert CHAIN -key KEY [-CAfile F -Verify]
 *                [-cipher IANA] [-no_tickets] [-no_cache] [-naccept N] [-file F]
 *                [-dhparam PEM] [-psk HEX [-psk_identity ID]]
 *                [-any_version]
 *   wolfssl-peer client -connect HOST:PORT -servername NAME -CAfile F
 *                [-cert CHAIN -key KEY] [-cipher IANA] [-groups G] [-no_tickets] [-resume]
 *                [-get PATH] [-maxfrag 512|1024|2048|4096] [-any_version]
 *
 * Every handshake prints "wolfssl-peer: handshake suite=<IANA name>
 * resumed=yes|no" on stderr. Exit status: 0 success, 1 failure, 3 the
 * suite is not available in this build of the library (a skip).
 */
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <wolfssl/options.h>
#include <wolfssl/ssl.h>

#define IO_TIMEOUT_S 10

static struct {
    int server;
    const char *port, *connect, *servername, *cert, *key, *cafile, *cipher, *groups;
    const char *file, *get, *dhparam, *psk, *psk_identity;
    long maxfrag;
    int verify, no_tickets, no_cache, resume, any_version;
    long naccept;
} opt;

static void fail(WOLFSSL *ssl, int ret, const char *what)
{
    char buf[WOLFSSL_MAX_ERROR_SZ];
    int err = ssl != NULL ? wolfSSL_get_error(ssl, ret) : ret;
    fprintf(stderr, "wolfssl-peer: %s: %d %s\n", what, err,
            wolfSSL_ERR_error_string((unsigned long)err, buf));
}

static int parse_args(int argc, char **argv)
{
    int i;
    if (argc < 2) {
        return -1;
    }
    opt.server = strcmp(argv[1], "server") == 0;
    if (!opt.server && strcmp(argv[1], "client") != 0) {
        return -1;
    }
    opt.port = "0";
    for (i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char **v = NULL;
        if (strcmp(a, "-port") == 0) {
            v = &opt.port;
        } else if (strcmp(a, "-connect") == 0) {
            v = &opt.connect;
        } else if (strcmp(a, "-servername") == 0) {
            v = &opt.servername;
        } else if (strcmp(a, "-cert") == 0) {
            v = &opt.cert;
        } else if (strcmp(a, "-key") == 0) {
            v = &opt.key;
        } else if (strcmp(a, "-CAfile") == 0) {
            v = &opt.cafile;
        } else if (strcmp(a, "-cipher") == 0) {
            v = &opt.cipher;
        } else if (strcmp(a, "-groups") == 0) {
            v = &opt.groups;
        } else if (strcmp(a, "-file") == 0) {
            v = &opt.file;
        } else if (strcmp(a, "-get") == 0) {
            v = &opt.get;
        } else if (strcmp(a, "-dhparam") == 0) {
            v = &opt.dhparam;
        } else if (strcmp(a, "-psk") == 0) {
            v = &opt.psk;
        } else if (strcmp(a, "-psk_identity") == 0) {
            v = &opt.psk_identity;
        } else if (strcmp(a, "-maxfrag") == 0 && i + 1 < argc) {
            opt.maxfrag = strtol(argv[++i], NULL, 10);
        } else if (strcmp(a, "-naccept") == 0 && i + 1 < argc) {
            opt.naccept = strtol(argv[++i], NULL, 10);
        } else if (strcmp(a, "-Verify") == 0) {
            opt.verify = 1;
        } else if (strcmp(a, "-no_tickets") == 0) {
            opt.no_tickets = 1;
        } else if (strcmp(a, "-no_cache") == 0) {
            opt.no_cache = 1;
        } else if (strcmp(a, "-resume") == 0) {
            opt.resume = 1;
        } else if (strcmp(a, "-any_version") == 0) {
            opt.any_version = 1;
        } else {
            return -1;
        }
        if (v != NULL) {
            if (i + 1 >= argc) {
                return -1;
            }
            *v = argv[++i];
        }
    }
    return 0;
}

static void set_timeouts(int fd)
{
    struct timeval tv;
    tv.tv_sec = IO_TIMEOUT_S;
    tv.tv_usec = 0;
    (void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    (void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* -psk HEX [-psk_identity ID]: the key of the PSK suites; the identity
 * defaults to OpenSSL's "Client_identity", and a server accepts only it. */
static unsigned char psk_key[64];
static unsigned int psk_len;

static const char *psk_id(void)
{
    return opt.psk_identity != NULL ? opt.psk_identity : "Client_identity";
}

static unsigned int psk_client(WOLFSSL *ssl, const char *hint, char *identity,
                               unsigned int id_max, unsigned char *key, unsigned int key_max)
{
    (void)ssl;
    (void)hint;
    if (strlen(psk_id()) >= id_max || psk_len > key_max) {
        return 0;
    }
    strcpy(identity, psk_id());
    memcpy(key, psk_key, psk_len);
    return psk_len;
}

static unsigned int psk_server(WOLFSSL *ssl, const char *identity, unsigned char *key,
                               unsigned int key_max)
{
    (void)ssl;
    if (identity == NULL || strcmp(identity, psk_id()) != 0 || psk_len > key_max) {
        return 0;
    }
    memcpy(key, psk_key, psk_len);
    return psk_len;
}

static int setup_psk(WOLFSSL_CTX *ctx)
{
    size_t n = strlen(opt.psk), i;
    if (n == 0 || n % 2 != 0 || n / 2 > sizeof(psk_key)) {
        fprintf(stderr, "wolfssl-peer: bad -psk\n");
        return 1;
    }
    for (i = 0; i < n / 2; i++) {
        unsigned v;
        if (sscanf(opt.psk + 2 * i, "%2x", &v) != 1) {
            fprintf(stderr, "wolfssl-peer: bad -psk\n");
            return 1;
        }
        psk_key[i] = (unsigned char)v;
    }
    psk_len = (unsigned int)(n / 2);
    if (opt.server) {
        wolfSSL_CTX_set_psk_server_callback(ctx, psk_server);
        (void)wolfSSL_CTX_use_psk_identity_hint(ctx, "wolfssl-hint");
    } else {
        wolfSSL_CTX_set_psk_client_callback(ctx, psk_client);
    }
    return 0;
}

static int setup(WOLFSSL_CTX **out)
{
    /* -any_version: the highest version both sides have (TLS 1.3 too) */
    WOLFSSL_CTX *ctx = wolfSSL_CTX_new(
        opt.any_version ? (opt.server ? wolfSSLv23_server_method() : wolfSSLv23_client_method())
                        : (opt.server ? wolfTLSv1_2_server_method() : wolfTLSv1_2_client_method()));
    int ret;

    if (ctx == NULL) {
        fprintf(stderr, "wolfssl-peer: CTX_new failed\n");
        return 1;
    }
    *out = ctx;
    if (opt.cipher != NULL && wolfSSL_CTX_set_cipher_list(ctx, opt.cipher) != WOLFSSL_SUCCESS) {
        fprintf(stderr, "wolfssl-peer: suite %s not available in this build\n", opt.cipher);
        return 3;
    }
    if (opt.psk != NULL && setup_psk(ctx) != 0) {
        return 1;
    }
    /* DHE suites: the server's group (PEM DH parameters) */
    if (opt.dhparam != NULL &&
        wolfSSL_CTX_SetTmpDH_file(ctx, opt.dhparam, WOLFSSL_FILETYPE_PEM) != WOLFSSL_SUCCESS) {
        fprintf(stderr, "wolfssl-peer: cannot load DH parameters %s\n", opt.dhparam);
        return 1;
    }
    if (opt.groups != NULL) {
        /* one group: secp256r1 or secp384r1 (only the named ones are
         * offered once one is set) */
        word16 g = strcmp(opt.groups, "secp384r1") == 0   ? WOLFSSL_ECC_SECP384R1
                   : strcmp(opt.groups, "secp256r1") == 0 ? WOLFSSL_ECC_SECP256R1
                                                          : 0;
        if (g == 0 || wolfSSL_CTX_UseSupportedCurve(ctx, g) != WOLFSSL_SUCCESS) {
            fprintf(stderr, "wolfssl-peer: cannot offer group %s\n", opt.groups);
            return 1;
        }
    }
    if (opt.cafile != NULL &&
        (ret = wolfSSL_CTX_load_verify_locations(ctx, opt.cafile, NULL)) != WOLFSSL_SUCCESS) {
        fail(NULL, ret, opt.cafile);
        return 1;
    }
    if (opt.server) {
        wolfSSL_CTX_set_verify(ctx,
                               opt.verify
                                   ? WOLFSSL_VERIFY_PEER | WOLFSSL_VERIFY_FAIL_IF_NO_PEER_CERT
                                   : WOLFSSL_VERIFY_NONE,
                               NULL);
        if (opt.no_tickets) {
            (void)wolfSSL_CTX_NoTicketTLSv12(ctx);
        }
        if (opt.no_cache) {
            (void)wolfSSL_CTX_set_session_cache_mode(ctx, WOLFSSL_SESS_CACHE_OFF);
        }
    } else {
        wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_PEER, NULL);
    }
    if (opt.cert != NULL) {
        if ((ret = wolfSSL_CTX_use_certificate_chain_file(ctx, opt.cert)) != WOLFSSL_SUCCESS) {
            fail(NULL, ret, opt.cert);
            return 1;
        }
        if ((ret = wolfSSL_CTX_use_PrivateKey_file(ctx, opt.key, WOLFSSL_FILETYPE_PEM)) !=
            WOLFSSL_SUCCESS) {
            fail(NULL, ret, opt.key);
            return 1;
        }
    }
    return 0;
}

static int handshake(WOLFSSL *ssl)
{
    int ret = opt.server ? wolfSSL_accept(ssl) : wolfSSL_connect(ssl);
    if (ret != WOLFSSL_SUCCESS) {
        fail(ssl, ret, "handshake");
        return 1;
    }
    fprintf(stderr, "wolfssl-peer: handshake version=%s suite=%s resumed=%s\n",
            wolfSSL_get_version(ssl), wolfSSL_get_cipher_name(ssl),
            wolfSSL_session_reused(ssl) ? "yes" : "no");
    return 0;
}

static int write_all(WOLFSSL *ssl, const char *buf, int len)
{
    while (len > 0) {
        int n = wolfSSL_write(ssl, buf, len);
        if (n <= 0) {
            fail(ssl, n, "write");
            return 1;
        }
        buf += n;
        len -= n;
    }
    return 0;
}

/* Sends close_notify and waits for the peer's (a bidirectional
 * shutdown), ignoring a peer that just closes the socket. */
static void shutdown_tls(WOLFSSL *ssl)
{
    if (wolfSSL_shutdown(ssl) == WOLFSSL_SHUTDOWN_NOT_DONE) {
        (void)wolfSSL_shutdown(ssl);
    }
}

/* -file: the body of every answer. */
static int send_file(WOLFSSL *ssl)
{
    char buf[16384];
    size_t n;
    FILE *f = fopen(opt.file, "rb");
    if (f == NULL) {
        perror(opt.file);
        return 1;
    }
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
        if (write_all(ssl, buf, (int)n) != 0) {
            fclose(f);
            return 1;
        }
    }
    fclose(f);
    return 0;
}

static int serve(WOLFSSL_CTX *ctx, int lfd)
{
    char req[4096], reply[512];
    int fd, got = 0, status = 1;
    WOLFSSL *ssl;

    fd = accept(lfd, NULL, NULL);
    if (fd < 0) {
        perror("wolfssl-peer: accept");
        return 1;
    }
    set_timeouts(fd);
    ssl = wolfSSL_new(ctx);
    if (ssl == NULL || wolfSSL_set_fd(ssl, fd) != WOLFSSL_SUCCESS) {
        close(fd);
        return 1;
    }
    if (handshake(ssl) != 0) {
        goto out;
    }
    for (;;) {
        int n = wolfSSL_read(ssl, req + got, (int)sizeof(req) - 1 - got);
        if (n <= 0) {
            int err = wolfSSL_get_error(ssl, n);
            if (err == WOLFSSL_ERROR_ZERO_RETURN && got == 0) {
                status = 0; /* closed before any request: fine */
            } else {
                fail(ssl, n, "read");
            }
            goto out;
        }
        got += n;
        req[got] = 0;
        if (strstr(req, "\r\n\r\n") != NULL || strstr(req, "\n\n") != NULL) {
            break;
        }
        if (got == (int)sizeof(req) - 1) {
            goto out;
        }
    }
    snprintf(reply, sizeof(reply),
             "HTTP/1.0 200 ok\r\nContent-type: text/plain\r\n\r\nwolfssl-peer: suite %s\r\n",
             wolfSSL_get_cipher_name(ssl));
    if (opt.file != NULL) {
        snprintf(reply, sizeof(reply), "HTTP/1.0 200 ok\r\n\r\n");
    }
    if (write_all(ssl, reply, (int)strlen(reply)) == 0 &&
        (opt.file == NULL || send_file(ssl) == 0)) {
        status = 0;
    }
out:
    if (status == 0) {
        shutdown_tls(ssl);
    }
    wolfSSL_free(ssl);
    close(fd);
    return status;
}

static int run_server(WOLFSSL_CTX *ctx)
{
    struct sockaddr_in sa;
    socklen_t sl = sizeof(sa);
    int lfd = socket(AF_INET, SOCK_STREAM, 0), one = 1, failed = 0;
    long i;

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons((unsigned short)atoi(opt.port));
    (void)setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(lfd, 8) != 0 ||
        getsockname(lfd, (struct sockaddr *)&sa, &sl) != 0) {
        perror("wolfssl-peer: listen");
        return 1;
    }
    printf("ACCEPT %u\n", (unsigned)ntohs(sa.sin_port));
    fflush(stdout);
    for (i = 0; opt.naccept == 0 || i < opt.naccept; i++) {
        failed |= serve(ctx, lfd);
    }
    close(lfd);
    return failed;
}

static int connect_once(WOLFSSL_CTX *ctx, const char *host, int port, WOLFSSL_SESSION *offer,
                        WOLFSSL_SESSION **keep)
{
    char req[1100];
    struct sockaddr_in sa;
    char buf[4096];
    int fd, status = 1;
    WOLFSSL *ssl;

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)port);
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
        fprintf(stderr, "wolfssl-peer: -connect takes an IPv4 address\n");
        return 1;
    }
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        perror("wolfssl-peer: connect");
        return 1;
    }
    set_timeouts(fd);
    ssl = wolfSSL_new(ctx);
    if (ssl == NULL || wolfSSL_set_fd(ssl, fd) != WOLFSSL_SUCCESS) {
        close(fd);
        return 1;
    }
    if (opt.servername != NULL &&
        (wolfSSL_UseSNI(ssl, WOLFSSL_SNI_HOST_NAME, opt.servername,
                        (unsigned short)strlen(opt.servername)) != WOLFSSL_SUCCESS ||
         wolfSSL_check_domain_name(ssl, opt.servername) != WOLFSSL_SUCCESS)) {
        fprintf(stderr, "wolfssl-peer: cannot set the server name\n");
        goto out;
    }
    if (opt.maxfrag != 0) {
        /* RFC 6066 max_fragment_length: code 1..4 for 2^9..2^12 */
        unsigned char code = WOLFSSL_MFL_2_9;
        while ((512L << (code - 1)) < opt.maxfrag) {
            code++;
        }
        if (wolfSSL_UseMaxFragment(ssl, code) != WOLFSSL_SUCCESS) {
            fprintf(stderr, "wolfssl-peer: cannot ask for max_fragment_length\n");
            goto out;
        }
    }
    if (!opt.no_tickets && wolfSSL_UseSessionTicket(ssl) != WOLFSSL_SUCCESS) {
        fprintf(stderr, "wolfssl-peer: cannot offer session tickets\n");
        goto out;
    }
    if (offer != NULL && wolfSSL_set_session(ssl, offer) != WOLFSSL_SUCCESS) {
        fprintf(stderr, "wolfssl-peer: cannot offer the session\n");
        goto out;
    }
    if (handshake(ssl) != 0) {
        goto out;
    }
    if (offer != NULL && !wolfSSL_session_reused(ssl)) {
        fprintf(stderr, "wolfssl-peer: the server did not resume the session\n");
        goto out;
    }
    snprintf(req, sizeof(req), "GET %.1024s HTTP/1.0\r\n\r\n", opt.get != NULL ? opt.get : "/");
    if (write_all(ssl, req, (int)strlen(req)) != 0) {
        goto out;
    }
    for (;;) {
        int n = wolfSSL_read(ssl, buf, (int)sizeof(buf));
        if (n <= 0) {
            if (wolfSSL_get_error(ssl, n) == WOLFSSL_ERROR_ZERO_RETURN) {
                status = 0;
            } else {
                fail(ssl, n, "read");
            }
            break;
        }
        fwrite(buf, 1, (size_t)n, stdout);
        fflush(stdout);
    }
    if (status == 0) {
        if (keep != NULL) {
            *keep = wolfSSL_get1_session(ssl);
        }
        shutdown_tls(ssl);
    }
out:
    wolfSSL_free(ssl);
    close(fd);
    return status;
}

static int run_client(WOLFSSL_CTX *ctx)
{
    char host[256], *port;
    WOLFSSL_SESSION *sess = NULL;
    int rc;

    if (opt.connect == NULL || strlen(opt.connect) >= sizeof(host)) {
        return 1;
    }
    strcpy(host, opt.connect);
    port = strrchr(host, ':');
    if (port == NULL) {
        return 1;
    }
    *port++ = 0;
    rc = connect_once(ctx, host, atoi(port), NULL, opt.resume ? &sess : NULL);
    if (rc == 0 && opt.resume) {
        if (sess == NULL) {
            fprintf(stderr, "wolfssl-peer: no session to resume\n");
            return 1;
        }
        rc = connect_once(ctx, host, atoi(port), sess, NULL);
        wolfSSL_SESSION_free(sess);
    }
    return rc;
}

int main(int argc, char **argv)
{
    WOLFSSL_CTX *ctx = NULL;
    int rc;

    if (parse_args(argc, argv) != 0) {
        fprintf(stderr, "usage: wolfssl-peer server|client [options] (see the source)\n");
        return 2;
    }
    wolfSSL_Init();
    rc = setup(&ctx);
    if (rc == 0) {
        rc = opt.server ? run_server(ctx) : run_client(ctx);
    }
    wolfSSL_CTX_free(ctx);
    wolfSSL_Cleanup();
    return rc == 0 ? 0 : (rc == 3 ? 3 : 1);
}
