/*
 * Interop test peer built on Debian's Mbed TLS 2.28 (a test opponent
 * only; never linked into libtern). One program, two roles:
 *
 *   mbedtls-peer server [-port P] -cert CHAIN -key KEY [-CAfile F -Verify]
 *                [-cipher IANA] [-no_tickets] [-no_cache] [-naccept N] [-file F]
 *                [-psk HEX [-psk_identity ID]]
 *     prints "ACCEPT <port>" on stdout, then serves N connections one after
 *     the other: handshake, read a request up to a blank line, answer
 *     "HTTP/1.0 200 ok" with the suite it negotiated, close_notify.
 *
 *   mbedtls-peer client -connect HOST:PORT -servername NAME -CAfile F
 *                [-cert CHAIN -key KEY] [-cipher IANA] [-groups G] [-no_tickets] [-resume]
 *                [-get PATH] [-maxfrag 512|1024|2048|4096] [-psk HEX [-psk_identity ID]]
 *     handshakes (verifying the server), sends "GET / HTTP/1.0" and prints
 *     the answer up to the server's close; with -resume a second
 *     connection offers the first one's session.
 *
 * Every handshake prints "mbedtls-peer: handshake suite=<IANA name>" on
 * stderr. Exit status: 0 success, 1 failure, 3 the suite is not available
 * in this build of the library (the test reports a skip).
 */
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_cache.h>
#include <mbedtls/ssl_ticket.h>
#include <mbedtls/x509_crt.h>

#define IO_TIMEOUT_MS 10000

static struct {
    int server;
    const char *port, *connect, *servername, *cert, *key, *cafile, *cipher, *groups;
    const char *psk, *psk_identity;
    const char *file, *get;
    long maxfrag;
    int verify, no_tickets, no_cache, resume;
    long naccept;
} opt;

static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;
static mbedtls_x509_crt ca, own;
static mbedtls_pk_context own_key;
static mbedtls_ssl_cache_context cache;
static mbedtls_ssl_ticket_context ticket;
static int suites[2];
static mbedtls_ecp_group_id curves[2];

static void fail(const char *what, int rc)
{
    char buf[160];
    mbedtls_strerror(rc, buf, sizeof(buf));
    fprintf(stderr, "mbedtls-peer: %s: -0x%04x %s\n", what, (unsigned)-rc, buf);
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
        } else if (strcmp(a, "-psk") == 0) {
            v = &opt.psk;
        } else if (strcmp(a, "-psk_identity") == 0) {
            v = &opt.psk_identity;
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

/* IANA "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8" is Mbed TLS's
 * "TLS-ECDHE-ECDSA-WITH-AES-128-CCM-8". */
static int suite_id(const char *iana)
{
    char name[128];
    size_t i;
    if (strlen(iana) >= sizeof(name)) {
        return 0;
    }
    for (i = 0; iana[i] != 0; i++) {
        name[i] = iana[i] == '_' ? '-' : iana[i];
    }
    name[i] = 0;
    return mbedtls_ssl_get_ciphersuite_id(name);
}

static void print_iana(const char *mbed_name, char *out, size_t cap)
{
    size_t i;
    for (i = 0; mbed_name[i] != 0 && i + 1 < cap; i++) {
        out[i] = mbed_name[i] == '-' ? '_' : mbed_name[i];
    }
    out[i] = 0;
}

/* -psk HEX: the key for the PSK suites, with -psk_identity (default
 * OpenSSL's "Client_identity"; a server accepts only that identity). */
static int setup_psk(mbedtls_ssl_config *conf)
{
    unsigned char key[64];
    const char *id = opt.psk_identity != NULL ? opt.psk_identity : "Client_identity";
    size_t n = strlen(opt.psk), i;
    int rc;

    if (n == 0 || n % 2 != 0 || n / 2 > sizeof(key)) {
        fprintf(stderr, "mbedtls-peer: bad -psk\n");
        return 1;
    }
    for (i = 0; i < n / 2; i++) {
        unsigned v;
        if (sscanf(opt.psk + 2 * i, "%2x", &v) != 1) {
            fprintf(stderr, "mbedtls-peer: bad -psk\n");
            return 1;
        }
        key[i] = (unsigned char)v;
    }
    rc = mbedtls_ssl_conf_psk(conf, key, n / 2, (const unsigned char *)id, strlen(id));
    if (rc != 0) {
        fail("psk", rc);
        return 1;
    }
    return 0;
}

static int setup(mbedtls_ssl_config *conf)
{
    int rc;
    mbedtls_ssl_config_init(conf);
    rc = mbedtls_ssl_config_defaults(conf,
                                     opt.server ? MBEDTLS_SSL_IS_SERVER : MBEDTLS_SSL_IS_CLIENT,
                                     MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
    if (rc != 0) {
        fail("config", rc);
        return 1;
    }
    mbedtls_ssl_conf_rng(conf, mbedtls_ctr_drbg_random, &drbg);
    mbedtls_ssl_conf_min_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_max_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_read_timeout(conf, IO_TIMEOUT_MS);
    if (opt.cipher != NULL) {
        suites[0] = suite_id(opt.cipher);
        suites[1] = 0;
        if (suites[0] == 0) {
            fprintf(stderr, "mbedtls-peer: suite %s not available in this build\n", opt.cipher);
            return 3;
        }
        mbedtls_ssl_conf_ciphersuites(conf, suites);
    }
    if (opt.groups != NULL) {
        /* one group: secp256r1 or secp384r1 */
        curves[0] = strcmp(opt.groups, "secp384r1") == 0   ? MBEDTLS_ECP_DP_SECP384R1
                    : strcmp(opt.groups, "secp256r1") == 0 ? MBEDTLS_ECP_DP_SECP256R1
                                                           : MBEDTLS_ECP_DP_NONE;
        curves[1] = MBEDTLS_ECP_DP_NONE;
        if (curves[0] == MBEDTLS_ECP_DP_NONE) {
            fprintf(stderr, "mbedtls-peer: unknown group %s\n", opt.groups);
            return 1;
        }
        mbedtls_ssl_conf_curves(conf, curves);
    }
    if (opt.psk != NULL && setup_psk(conf) != 0) {
        return 1;
    }
    if (opt.cafile != NULL) {
        mbedtls_x509_crt_init(&ca);
        if ((rc = mbedtls_x509_crt_parse_file(&ca, opt.cafile)) != 0) {
            fail(opt.cafile, rc);
            return 1;
        }
        mbedtls_ssl_conf_ca_chain(conf, &ca, NULL);
    }
    if (opt.server) {
        mbedtls_ssl_conf_authmode(conf, opt.verify ? MBEDTLS_SSL_VERIFY_REQUIRED
                                                   : MBEDTLS_SSL_VERIFY_NONE);
    } else {
        mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_REQUIRED);
        if (opt.maxfrag != 0) {
            /* RFC 6066 max_fragment_length: code 1..4 for 2^9..2^12 */
            unsigned char code = MBEDTLS_SSL_MAX_FRAG_LEN_512;
            while ((512L << (code - 1)) < opt.maxfrag) {
                code++;
            }
            if ((rc = mbedtls_ssl_conf_max_frag_len(conf, code)) != 0) {
                fail("max_frag_len", rc);
                return 1;
            }
        }
        mbedtls_ssl_conf_session_tickets(conf, opt.no_tickets
                                                   ? MBEDTLS_SSL_SESSION_TICKETS_DISABLED
                                                   : MBEDTLS_SSL_SESSION_TICKETS_ENABLED);
    }
    if (opt.cert != NULL) {
        mbedtls_x509_crt_init(&own);
        mbedtls_pk_init(&own_key);
        if ((rc = mbedtls_x509_crt_parse_file(&own, opt.cert)) != 0) {
            fail(opt.cert, rc);
            return 1;
        }
        if ((rc = mbedtls_pk_parse_keyfile(&own_key, opt.key, NULL)) != 0) {
            fail(opt.key, rc);
            return 1;
        }
        if ((rc = mbedtls_ssl_conf_own_cert(conf, &own, &own_key)) != 0) {
            fail("own cert", rc);
            return 1;
        }
    }
    if (opt.server && !opt.no_cache) {
        mbedtls_ssl_cache_init(&cache);
        mbedtls_ssl_conf_session_cache(conf, &cache, mbedtls_ssl_cache_get, mbedtls_ssl_cache_set);
    }
    if (opt.server && !opt.no_tickets) {
        mbedtls_ssl_ticket_init(&ticket);
        rc = mbedtls_ssl_ticket_setup(&ticket, mbedtls_ctr_drbg_random, &drbg,
                                      MBEDTLS_CIPHER_AES_256_GCM, 86400);
        if (rc != 0) {
            fail("ticket setup", rc);
            return 1;
        }
        mbedtls_ssl_conf_session_tickets_cb(conf, mbedtls_ssl_ticket_write,
                                            mbedtls_ssl_ticket_parse, &ticket);
    }
    return 0;
}

static int handshake(mbedtls_ssl_context *ssl)
{
    int rc;
    char name[128];
    while ((rc = mbedtls_ssl_handshake(ssl)) != 0) {
        if (rc != MBEDTLS_ERR_SSL_WANT_READ && rc != MBEDTLS_ERR_SSL_WANT_WRITE) {
            fail("handshake", rc);
            if (rc == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
                char info[512];
                mbedtls_x509_crt_verify_info(info, sizeof(info), "  ",
                                             mbedtls_ssl_get_verify_result(ssl));
                fprintf(stderr, "%s", info);
            }
            return 1;
        }
    }
    print_iana(mbedtls_ssl_get_ciphersuite(ssl), name, sizeof(name));
    fprintf(stderr, "mbedtls-peer: handshake version=%s suite=%s\n", mbedtls_ssl_get_version(ssl),
            name);
    return 0;
}

static int write_all(mbedtls_ssl_context *ssl, const unsigned char *buf, size_t len)
{
    while (len > 0) {
        int rc = mbedtls_ssl_write(ssl, buf, len);
        if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE) {
            continue;
        }
        if (rc <= 0) {
            fail("write", rc);
            return 1;
        }
        buf += rc;
        len -= (size_t)rc;
    }
    return 0;
}

/* -file: the body of every answer. */
static int send_file(mbedtls_ssl_context *ssl)
{
    unsigned char buf[16384];
    size_t n;
    FILE *f = fopen(opt.file, "rb");
    if (f == NULL) {
        perror(opt.file);
        return 1;
    }
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
        if (write_all(ssl, buf, n) != 0) {
            fclose(f);
            return 1;
        }
    }
    fclose(f);
    return 0;
}

static int serve(mbedtls_ssl_config *conf, mbedtls_net_context *listen_fd)
{
    mbedtls_net_context fd;
    mbedtls_ssl_context ssl;
    unsigned char req[4096];
    char reply[512], name[128];
    size_t got = 0;
    int rc, status = 1;

    mbedtls_net_init(&fd);
    mbedtls_ssl_init(&ssl);
    if ((rc = mbedtls_net_accept(listen_fd, &fd, NULL, 0, NULL)) != 0) {
        fail("accept", rc);
        return 1;
    }
    if ((rc = mbedtls_ssl_setup(&ssl, conf)) != 0) {
        fail("setup", rc);
        goto out;
    }
    mbedtls_ssl_set_bio(&ssl, &fd, mbedtls_net_send, NULL, mbedtls_net_recv_timeout);
    if (handshake(&ssl) != 0) {
        goto out;
    }
    for (;;) {
        rc = mbedtls_ssl_read(&ssl, req + got, sizeof(req) - 1 - got);
        if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE) {
            continue;
        }
        if (rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || rc == 0) {
            status = got == 0 ? 0 : 1; /* closed before any request: fine */
            if (got != 0) {
                fprintf(stderr, "mbedtls-peer: client closed in the middle of a request\n");
            }
            goto out;
        }
        if (rc < 0) {
            fail("read", rc);
            goto out;
        }
        got += (size_t)rc;
        req[got] = 0;
        if (strstr((char *)req, "\r\n\r\n") != NULL || strstr((char *)req, "\n\n") != NULL) {
            break;
        }
        if (got == sizeof(req) - 1) {
            fprintf(stderr, "mbedtls-peer: request too long\n");
            goto out;
        }
    }
    print_iana(mbedtls_ssl_get_ciphersuite(&ssl), name, sizeof(name));
    snprintf(reply, sizeof(reply),
             "HTTP/1.0 200 ok\r\nContent-type: text/plain\r\n\r\nmbedtls-peer: suite %s\r\n", name);
    if (opt.file != NULL) {
        snprintf(reply, sizeof(reply), "HTTP/1.0 200 ok\r\n\r\n");
    }
    if (write_all(&ssl, (const unsigned char *)reply, strlen(reply)) != 0 ||
        (opt.file != NULL && send_file(&ssl) != 0)) {
        goto out;
    }
    status = 0;
out:
    if (status == 0) {
        rc = mbedtls_ssl_close_notify(&ssl);
        if (rc != 0 && rc != MBEDTLS_ERR_NET_CONN_RESET) {
            fail("close_notify", rc);
        }
    }
    mbedtls_ssl_free(&ssl);
    mbedtls_net_free(&fd);
    return status;
}

static int run_server(mbedtls_ssl_config *conf)
{
    mbedtls_net_context lfd;
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    long i;
    int rc, failed = 0;

    mbedtls_net_init(&lfd);
    if ((rc = mbedtls_net_bind(&lfd, "127.0.0.1", opt.port, MBEDTLS_NET_PROTO_TCP)) != 0) {
        fail("bind", rc);
        return 1;
    }
    if (getsockname(lfd.fd, (struct sockaddr *)&ss, &sl) != 0) {
        return 1;
    }
    printf("ACCEPT %u\n", (unsigned)ntohs(((struct sockaddr_in *)&ss)->sin_port));
    fflush(stdout);
    for (i = 0; opt.naccept == 0 || i < opt.naccept; i++) {
        failed |= serve(conf, &lfd);
    }
    mbedtls_net_free(&lfd);
    return failed;
}

/* One client connection: handshake, request, answer. */
static int connect_once(mbedtls_ssl_config *conf, char *host, char *port,
                        mbedtls_ssl_session *offer, mbedtls_ssl_session *keep)
{
    mbedtls_net_context fd;
    mbedtls_ssl_context ssl;
    char req[1100];
    unsigned char buf[4096];
    int rc, status = 1;

    mbedtls_net_init(&fd);
    mbedtls_ssl_init(&ssl);
    if ((rc = mbedtls_net_connect(&fd, host, port, MBEDTLS_NET_PROTO_TCP)) != 0) {
        fail("connect", rc);
        return 1;
    }
    if ((rc = mbedtls_ssl_setup(&ssl, conf)) != 0 ||
        (rc = mbedtls_ssl_set_hostname(&ssl, opt.servername)) != 0) {
        fail("setup", rc);
        goto out;
    }
    if (offer != NULL && (rc = mbedtls_ssl_set_session(&ssl, offer)) != 0) {
        fail("set_session", rc);
        goto out;
    }
    mbedtls_ssl_set_bio(&ssl, &fd, mbedtls_net_send, NULL, mbedtls_net_recv_timeout);
    if (handshake(&ssl) != 0) {
        goto out;
    }
    if (keep != NULL && (rc = mbedtls_ssl_get_session(&ssl, keep)) != 0) {
        fail("get_session", rc);
        goto out;
    }
    snprintf(req, sizeof(req), "GET %.1024s HTTP/1.0\r\n\r\n", opt.get != NULL ? opt.get : "/");
    if (write_all(&ssl, (const unsigned char *)req, strlen(req)) != 0) {
        goto out;
    }
    for (;;) {
        rc = mbedtls_ssl_read(&ssl, buf, sizeof(buf));
        if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE) {
            continue;
        }
        if (rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
            status = 0;
            break;
        }
        if (rc == 0) {
            fprintf(stderr, "mbedtls-peer: connection ended without close_notify\n");
            break;
        }
        if (rc < 0) {
            fail("read", rc);
            break;
        }
        fwrite(buf, 1, (size_t)rc, stdout);
        fflush(stdout);
    }
    if (status == 0) {
        (void)mbedtls_ssl_close_notify(&ssl);
    }
out:
    mbedtls_ssl_free(&ssl);
    mbedtls_net_free(&fd);
    return status;
}

static int run_client(mbedtls_ssl_config *conf)
{
    char host[256], *port;
    mbedtls_ssl_session sess;
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
    mbedtls_ssl_session_init(&sess);
    rc = connect_once(conf, host, port, NULL, opt.resume ? &sess : NULL);
    if (rc == 0 && opt.resume) {
        rc = connect_once(conf, host, port, &sess, NULL);
    }
    mbedtls_ssl_session_free(&sess);
    return rc;
}

int main(int argc, char **argv)
{
    mbedtls_ssl_config conf;
    int rc;

    if (parse_args(argc, argv) != 0) {
        fprintf(stderr, "usage: mbedtls-peer server|client [options] (see the source)\n");
        return 2;
    }
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    rc = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
                               (const unsigned char *)"mbedtls-peer", 12);
    if (rc != 0) {
        fail("drbg", rc);
        return 1;
    }
    rc = setup(&conf);
    if (rc != 0) {
        return rc;
    }
    rc = opt.server ? run_server(&conf) : run_client(&conf);
    mbedtls_ssl_config_free(&conf);
    return rc == 0 ? 0 : 1;
}
