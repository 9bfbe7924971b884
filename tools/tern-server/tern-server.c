/*
 * tern-server: a TLS server with the flags of `openssl s_server`.
 *
 * Listens, then serves connections one after the other (all of them, or
 * -naccept N and exit). Per connection: handshake, a one-line summary on
 * stderr, then one of three modes:
 *   -www   read an HTTP request (up to the blank line), answer with a
 *          small status page, close (http.c);
 *   -WWW   the same, answering with the file the request names;
 *   -echo  send back whatever arrives, until the client closes;
 *   else   write what arrives to stdout and send stdin to the client,
 *          until the client closes.
 * A failed connection is reported and the server carries on; with
 * -naccept the exit status says whether every connection succeeded.
 * docs/tools.md describes every flag.
 */
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server.h"
#include "tern/engine.h"
#include "tern/hash.h"
#include "tern/rand.h"
#include "tern/socket.h"
#include "tern/util.h"
#include "tool.h"

/* A connection that stays silent this long is dropped (the server is
 * sequential: one stuck client must not block the others forever). */
#define IDLE_TIMEOUT_MS 60000
#define SESSION_CACHE_SLOTS 128

typedef struct opts {
    const char *accept;
    const char *cert, *key, *dcert, *dkey;
    const char *cafile;
    const char *cipher, *groups, *alpn;
    const char *keylogfile;
    long verify_depth;
    int client_auth;
    int tls1_2, www, www_files, echo, msg, quiet, no_tickets, no_cache, heartbeat, reneg;
    long naccept; /* 0: forever */
} opts;

static void usage(FILE *f)
{
    fprintf(f, "usage: tern-server -cert FILE [options]\n"
               "  -accept [HOST:]PORT   where to listen (default 4433; 0 = any free port)\n"
               "  -cert FILE -key FILE  certificate chain and key (PEM or DER; -key defaults "
               "to -cert)\n"
               "  -dcert FILE -dkey FILE a second credential (e.g. RSA beside ECDSA), chosen "
               "by the client's offer\n"
               "  -CAfile FILE          trust anchors for client certificates\n"
               "  -verify N             ask for a client certificate (optional), chain depth N\n"
               "  -Verify N             require a client certificate, chain depth N\n"
               "  -cipher LIST          suites, colon-separated IANA (or OpenSSL) names, in "
               "preference order\n"
               "  -groups LIST          key exchange groups: x25519:secp256r1:secp384r1\n"
               "  -tls1_2               TLS 1.2 only (-tls1_1, -tls1: TLS 1.1 / 1.0 only, in a\n"
               "                        build with TERN_CONFIG_TLS11 / TERN_CONFIG_TLS10)\n"
               "  -alpn LIST            protocols to accept, comma-separated, preference order\n"
               "  -www                  answer an HTTP request with a status page\n"
               "  -WWW                  answer an HTTP request with the file it names (under the "
               "current directory)\n"
               "  -echo                 send back whatever the client sends\n"
               "  -naccept N            exit after N connections\n"
               "  -no_tickets           no session tickets (resumption by session ID only)\n"
               "  -no_cache             no session ID cache (resumption by ticket only)\n"
               "  -msg                  trace handshake messages on stderr\n"
               "  -keylogfile FILE      append SSLKEYLOGFILE lines to FILE\n"
               "  -quiet                print no client certificates\n"
               "  -heartbeat            accept heartbeat (RFC 6520, answering requests) and\n"
               "                        send one request after serving a connection\n"
               "  -reneg                allow secure renegotiation (RFC 5746) and renegotiate\n"
               "                        once (HelloRequest) after serving a connection\n");
}

static int parse_args(int argc, char **argv, opts *o)
{
    int i;
    memset(o, 0, sizeof(*o));
    o->accept = "4433";
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **val = NULL;
        const char *num = NULL;
        if (a[0] == '-' && a[1] == '-') {
            a++;
        }
        if (strcmp(a, "-accept") == 0 || strcmp(a, "-port") == 0) {
            val = &o->accept;
        } else if (strcmp(a, "-cert") == 0) {
            val = &o->cert;
        } else if (strcmp(a, "-key") == 0) {
            val = &o->key;
        } else if (strcmp(a, "-dcert") == 0) {
            val = &o->dcert;
        } else if (strcmp(a, "-dkey") == 0) {
            val = &o->dkey;
        } else if (strcmp(a, "-CAfile") == 0) {
            val = &o->cafile;
        } else if (strcmp(a, "-cipher") == 0) {
            val = &o->cipher;
        } else if (strcmp(a, "-groups") == 0 || strcmp(a, "-curves") == 0) {
            val = &o->groups;
        } else if (strcmp(a, "-alpn") == 0) {
            val = &o->alpn;
        } else if (strcmp(a, "-keylogfile") == 0) {
            val = &o->keylogfile;
        } else if (strcmp(a, "-verify") == 0 || strcmp(a, "-Verify") == 0) {
            o->client_auth = a[1] == 'V' ? TERN_CLIENT_AUTH_REQUIRED : TERN_CLIENT_AUTH_OPTIONAL;
            val = &num;
        } else if (strcmp(a, "-naccept") == 0) {
            val = &num;
        } else if (strcmp(a, "-tls1_2") == 0) {
            o->tls1_2 = TERN_TLS12;
        } else if (strcmp(a, "-tls1_1") == 0) {
            o->tls1_2 = TERN_TLS11; /* builds with TERN_CONFIG_TLS11 only */
        } else if (strcmp(a, "-tls1") == 0) {
            o->tls1_2 = TERN_TLS10; /* builds with TERN_CONFIG_TLS10 only */
        } else if (strcmp(a, "-www") == 0) {
            o->www = 1;
        } else if (strcmp(a, "-WWW") == 0) {
            o->www_files = 1;
        } else if (strcmp(a, "-echo") == 0) {
            o->echo = 1;
        } else if (strcmp(a, "-msg") == 0) {
            o->msg = 1;
        } else if (strcmp(a, "-quiet") == 0) {
            o->quiet = 1;
        } else if (strcmp(a, "-heartbeat") == 0) {
            o->heartbeat = 1;
        } else if (strcmp(a, "-reneg") == 0) {
            o->reneg = 1;
        } else if (strcmp(a, "-no_tickets") == 0 || strcmp(a, "-no_ticket") == 0) {
            o->no_tickets = 1;
        } else if (strcmp(a, "-no_cache") == 0) {
            o->no_cache = 1;
        } else if (strcmp(a, "-help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            exit(TOOL_EXIT_OK);
        } else {
            tool_err(TERN_ERR_BAD_ARG, "unknown option %s (try -help)", argv[i]);
            return TERN_ERR_BAD_ARG;
        }
        if (val != NULL) {
            if (i + 1 >= argc) {
                tool_err(TERN_ERR_BAD_ARG, "option %s needs a value", argv[i]);
                return TERN_ERR_BAD_ARG;
            }
            *val = argv[++i];
        }
        if (num != NULL) {
            long *dst = strcmp(a, "-naccept") == 0 ? &o->naccept : &o->verify_depth;
            if (tool_parse_int(num, 1, 100000000L, dst) != 0) {
                tool_err(TERN_ERR_BAD_ARG, "%s %s: expected a positive number", argv[i - 1], num);
                return TERN_ERR_BAD_ARG;
            }
        }
    }
    if (o->cert == NULL) {
        tool_err(TERN_ERR_BAD_ARG, "-cert FILE is required (try -help)");
        return TERN_ERR_BAD_ARG;
    }
    if (o->dkey != NULL && o->dcert == NULL) {
        tool_err(TERN_ERR_BAD_ARG, "-dkey needs -dcert");
        return TERN_ERR_BAD_ARG;
    }
    if (o->www + o->www_files + o->echo > 1) {
        tool_err(TERN_ERR_BAD_ARG, "-www, -WWW and -echo exclude each other");
        return TERN_ERR_BAD_ARG;
    }
    if (o->client_auth != TERN_CLIENT_AUTH_NONE && o->cafile == NULL) {
        tool_err(TERN_ERR_BAD_ARG, "-verify / -Verify need -CAfile to check client "
                                   "certificates against");
        return TERN_ERR_BAD_ARG;
    }
    return TERN_OK;
}

typedef struct server {
    opts o;
    tern_config cfg;
    tool_obs obs;
    tern_hmac_drbg_ctx drbg;
    tern_session_cache cache;
    tern_ticket_keys tickets;
    void *mem;
    size_t mem_len;
} server;

/* Resumption by session ID: a cache in heap memory. */
static int setup_cache(server *sv)
{
    /* the slots hold master secrets: wiped at exit */
    tern_session *slots = (tern_session *)tool_keep(calloc(SESSION_CACHE_SLOTS, sizeof(*slots)),
                                                    SESSION_CACHE_SLOTS * sizeof(*slots), 1);
    uint64_t *stamps = (uint64_t *)tool_keep(calloc(SESSION_CACHE_SLOTS, sizeof(*stamps)),
                                             SESSION_CACHE_SLOTS * sizeof(*stamps), 0);
    int rc;

    if (slots == NULL || stamps == NULL) {
        tool_err(TERN_ERR_NO_MEMORY, "session cache");
        return TERN_ERR_NO_MEMORY;
    }
    rc = tern_session_cache_init(&sv->cache, slots, stamps, SESSION_CACHE_SLOTS, sv->cfg.platform);
    if (rc != TERN_OK) {
        tool_err(rc, "session cache");
        return rc;
    }
    sv->cfg.session_cache = &sv->cache;
    return TERN_OK;
}

/* RFC 5077 tickets under a random key. */
static int setup_tickets(server *sv)
{
    static const uint8_t pers[] = "tern-server ticket keys";
    int rc = tern_hmac_drbg_init(&sv->drbg, &tern_sha256_class, sv->cfg.platform, pers,
                                 sizeof(pers) - 1);
    if (rc == TERN_OK) {
        rc = tern_ticket_keys_init(&sv->tickets, (const tern_rng_class **)&sv->drbg,
                                   sv->cfg.platform);
    }
    if (rc != TERN_OK) {
        tool_err(rc, "ticket keys");
        return rc;
    }
    sv->cfg.ticket_keys = &sv->tickets;
    return TERN_OK;
}

static int build_config(server *sv)
{
    const opts *o = &sv->o;
    tern_config *cfg = &sv->cfg;
    int rc;

    tern_config_init(cfg);
    if (o->tls1_2) {
        /* that version only (-tls1 / -tls1_1 need a legacy build) */
        cfg->min_version = cfg->max_version = (uint16_t)o->tls1_2;
    }
    if (o->cipher != NULL && (rc = tool_set_suites(cfg, o->cipher)) != TERN_OK) {
        return rc;
    }
    if (o->groups != NULL && (rc = tool_set_groups(cfg, o->groups)) != TERN_OK) {
        return rc;
    }
    if (o->alpn != NULL && (rc = tool_set_alpn(cfg, o->alpn)) != TERN_OK) {
        return rc;
    }
    if ((rc = tool_add_credential(cfg, o->cert, o->key)) != TERN_OK) {
        return rc;
    }
    if (o->dcert != NULL && (rc = tool_add_credential(cfg, o->dcert, o->dkey)) != TERN_OK) {
        return rc;
    }
    cfg->client_auth = o->client_auth;
    cfg->heartbeat = o->heartbeat ? TERN_HB_PEER_ALLOWED : TERN_HB_OFF;
    cfg->renegotiation = (uint8_t)o->reneg;
    if (o->cafile != NULL) {
        if ((rc = tool_load_trust(o->cafile, &cfg->trust)) != TERN_OK) {
            return rc;
        }
        if (o->verify_depth > 0) {
            /* OpenSSL's depth counts intermediate CAs; tern's max_depth
             * counts every certificate of the path (leaf and anchor). */
            cfg->policy.max_depth = (uint8_t)(o->verify_depth > 253 ? 255 : o->verify_depth + 2);
        }
    }

    if (!o->no_cache && (rc = setup_cache(sv)) != TERN_OK) {
        return rc;
    }
    if (!o->no_tickets && (rc = setup_tickets(sv)) != TERN_OK) {
        return rc;
    }
    return tool_obs_setup(&sv->obs, cfg, o->keylogfile, o->msg);
}

/* -echo: everything back until the client closes. */
static int serve_echo(tern_conn *c)
{
    static uint8_t buf[16384];
    for (;;) {
        int rc = tool_read_some(c, buf, sizeof(buf), IDLE_TIMEOUT_MS);
        if (rc == TERN_ERR_CLOSED) {
            return TERN_OK;
        }
        if (rc <= 0) {
            tool_err(rc, "connection failed");
            return rc;
        }
        rc = tool_write_all(c, buf, (size_t)rc, IDLE_TIMEOUT_MS);
        if (rc != TERN_OK) {
            tool_err(rc, "echo failed");
            return rc;
        }
    }
}

/* Default mode: client data to stdout, stdin to the client. */
static int serve_stdio(tern_conn *c, int *stdin_open)
{
    static uint8_t buf[16384];
    for (;;) {
        struct pollfd p[2];
        nfds_t n = 1;
        int rc;

        for (;;) {
            rc = tern_read(c, buf, sizeof(buf));
            if (rc > 0) {
                fwrite(buf, 1, (size_t)rc, stdout);
                fflush(stdout);
                continue;
            }
            if (rc == TERN_ERR_CLOSED) {
                return TERN_OK;
            }
            if (rc != TERN_ERR_WANT_READ && rc != TERN_ERR_WANT_WRITE) {
                tool_err(rc, "connection failed");
                return rc;
            }
            break;
        }
        p[0].fd = tern_conn_fd(c);
        p[0].events = POLLIN | (tern_pending(c) > 0 ? POLLOUT : 0);
        p[0].revents = 0;
        if (*stdin_open) {
            p[1].fd = 0;
            p[1].events = POLLIN;
            p[1].revents = 0;
            n = 2;
        }
        rc = poll(p, n, IDLE_TIMEOUT_MS);
        if (rc == 0) {
            tool_err(TERN_ERR_TIMEOUT, "client idle");
            return TERN_ERR_TIMEOUT;
        }
        if (rc < 0) {
            if (errno == EINTR) {
                continue;
            }
            return TERN_ERR_TRANSPORT;
        }
        if ((p[0].revents & POLLOUT) != 0 && (rc = tern_flush(c)) != TERN_OK &&
            rc != TERN_ERR_WANT_WRITE) {
            tool_err(rc, "connection failed");
            return rc;
        }
        if (n > 1 && (p[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
            ssize_t got = read(0, buf, sizeof(buf));
            if (got > 0) {
                rc = tool_write_all(c, buf, (size_t)got, IDLE_TIMEOUT_MS);
                if (rc != TERN_OK) {
                    tool_err(rc, "sending failed");
                    return rc;
                }
            } else if (got == 0 || errno != EINTR) {
                *stdin_open = 0;
            }
        }
    }
}

/* One accepted connection, start to end. */
static int serve_one(server *sv, int fd, int *stdin_open)
{
    tern_conn *c = NULL;
    int rc, sent = 0, alert;

    if (tool_set_nonblocking(fd) != 0) {
        tool_msg("cannot make the socket non-blocking");
        return TERN_ERR_TRANSPORT;
    }
    rc = tern_conn_init(&c, sv->mem, sv->mem_len, &sv->cfg, TERN_SERVER);
    if (rc != TERN_OK) {
        tool_err(rc, "cannot set up the connection");
        return rc;
    }
    rc = tern_socket_attach(c, fd);
    if (rc == TERN_OK) {
        rc = tool_handshake(c, IDLE_TIMEOUT_MS);
    }
    if (rc != TERN_OK) {
        tool_err(rc, "handshake failed");
        alert = tern_conn_last_alert(c, &sent);
        if (alert >= 0 && rc != TERN_ERR_ALERT_RECEIVED(alert)) {
            char buf[96];
            tool_msg(
                "alert %s: %s", sent ? "sent" : "received",
                tool_err_name(sent ? TERN_ERR_ALERT_SENT(alert) : TERN_ERR_ALERT_RECEIVED(alert),
                              buf, sizeof(buf)));
        }
        /* the alert (if any) is flushed; nothing more to do */
        tern_conn_free(c);
        return rc;
    }
    (void)tool_print_summary(c, -1);
    if (!sv->o.quiet) {
        tool_print_peer_chain(c, stderr);
    }
    if (sv->o.www || sv->o.www_files) {
        rc = server_http(c, sv->o.www_files, IDLE_TIMEOUT_MS);
    } else if (sv->o.echo) {
        rc = serve_echo(c);
    } else {
        rc = serve_stdio(c, stdin_open);
    }
    if (rc == TERN_OK && sv->o.heartbeat) {
        rc = tool_heartbeat(c, NULL, 10000);
    }
    if (rc == TERN_OK && sv->o.reneg) {
        rc = tool_renegotiate(c, NULL, 10000);
    }
    if (rc == TERN_OK || rc == TERN_ERR_CLOSED) {
        rc = tool_close(c, 2000);
        if (rc != TERN_OK) {
            tool_err(rc, "close failed");
        }
    }
    tern_conn_free(c);
    return rc;
}

int main(int argc, char **argv)
{
    static server sv;
    int lfd, stdin_open = 1;
    unsigned port = 0;
    long served = 0, failed = 0;
    char host[256], portstr[32];

    tool_set_progname("tern-server");
    atexit(tool_release_all);
    signal(SIGPIPE, SIG_IGN);
    if (parse_args(argc, argv, &sv.o) != TERN_OK) {
        return TOOL_EXIT_USAGE;
    }
    if (tool_split_hostport(sv.o.accept, host, sizeof(host), portstr, sizeof(portstr)) != 0) {
        tool_err(TERN_ERR_BAD_ARG, "-accept %s: expected PORT or HOST:PORT", sv.o.accept);
        return TOOL_EXIT_USAGE;
    }
    if (build_config(&sv) != TERN_OK) {
        return TOOL_EXIT_USAGE;
    }
    sv.mem = tool_conn_alloc(&sv.cfg, &sv.mem_len);
    if (sv.mem == NULL) {
        tool_err(TERN_ERR_NO_MEMORY, "connection memory");
        return TOOL_EXIT_FAIL;
    }
    lfd = tool_tcp_listen(host, portstr, &port);
    if (lfd < 0) {
        return TOOL_EXIT_FAIL;
    }
    printf("ACCEPT %s:%u\n", host[0] != 0 ? host : "*", port);
    fflush(stdout);

    while (sv.o.naccept == 0 || served < sv.o.naccept) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            tool_msg("accept: %s", strerror(errno));
            failed++;
            break;
        }
        served++;
        if (serve_one(&sv, fd, &stdin_open) != TERN_OK) {
            failed++;
        }
        close(fd);
    }
    close(lfd);
    if (sv.o.naccept != 0) {
        tool_msg("%ld connection%s, %ld failed", served, served == 1 ? "" : "s", failed);
    }
    if (!sv.o.no_tickets) {
        tern_ticket_keys_free(&sv.tickets);
    }
    if (!sv.o.no_cache) {
        tern_session_cache_free(&sv.cache);
    }
    tern_hmac_drbg_wipe(&sv.drbg);
    tool_obs_close(&sv.obs);
    return failed == 0 ? TOOL_EXIT_OK : TOOL_EXIT_FAIL;
}
