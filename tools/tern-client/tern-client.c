/*
 * tern-client: a TLS client with the flags of `openssl s_client`.
 *
 * Connects, handshakes, prints a one-line summary on stderr, then sends
 * what arrives on stdin and writes what the server sends to stdout, until
 * the server closes (or stdin ends, unless -ign_eof / -quiet). Verifies
 * the server by default (-CAfile, else the system bundle); exits non-zero
 * on any failure. docs/tools.md describes every flag.
 */
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tern/engine.h"
#include "tern/socket.h"
#include "tern/util.h"
#include "tool.h"

#define RECONNECTS 5
#define DRAIN_TIMEOUT_MS 5000

typedef struct opts {
    const char *connect;
    const char *cafile;
    const char *servername;
    const char *cert;
    const char *key;
    const char *cipher;
    const char *groups;
    const char *alpn;
    const char *sess_out;
    const char *sess_in;
    const char *keylogfile;
    const char *verify_hostname;
    int tls1_2, reconnect, msg, quiet, ign_eof, no_verify, no_ticket, heartbeat, reneg;
    long maxfraglen;
} opts;

/* The name checked after the handshake when -verify_hostname differs
 * from the name sent as SNI (the engine checks the SNI name itself). */
static const char *late_name;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: tern-client [options]\n"
            "  -connect HOST:PORT    server to connect to (default localhost:4433)\n"
            "  -CAfile FILE          trust anchors, PEM bundle or DER (default: the system "
            "bundle)\n"
            "  -no_verify            do not verify the server (trust all; insecure)\n"
            "  -servername NAME      server name to send (SNI) and check (default: the "
            "-connect host)\n"
            "  -verify_hostname NAME name the certificate must match (default: the SNI name)\n"
            "  -cert FILE -key FILE  client certificate chain and key (PEM or DER)\n"
            "  -cipher LIST          suites, colon-separated IANA (or OpenSSL) names\n"
            "  -groups LIST          key exchange groups: x25519:secp256r1:secp384r1\n"
            "  -tls1_2               TLS 1.2 only (-tls1_1, -tls1: TLS 1.1 / 1.0 only, in a\n"
            "                        build with TERN_CONFIG_TLS11 / TERN_CONFIG_TLS10)\n"
            "  -alpn LIST            protocols to offer, comma-separated (h2,http/1.1)\n"
            "  -reconnect            reconnect %d times resuming the session\n"
            "  -sess_out FILE        save the session after the handshake\n"
            "  -sess_in FILE         resume the session saved in FILE\n"
            "  -no_ticket            do not offer session tickets (resume by session ID)\n"
            "  -maxfraglen N         ask for records of at most N bytes (512, 1024, 2048, "
            "4096; RFC 6066)\n"
            "  -msg                  trace handshake messages on stderr\n"
            "  -keylogfile FILE      append SSLKEYLOGFILE lines to FILE\n"
            "  -quiet                print no certificates; implies -ign_eof\n"
            "  -ign_eof              keep reading after stdin ends, until the server closes\n"
            "  -heartbeat            offer heartbeat (RFC 6520) and send one request after the\n"
            "                        handshake (waits for its response)\n"
            "  -reneg                allow secure renegotiation (RFC 5746) and renegotiate once\n"
            "                        after the handshake (like s_client's R command)\n",
            RECONNECTS);
}

static int parse_args(int argc, char **argv, opts *o)
{
    int i;
    memset(o, 0, sizeof(*o));
    o->connect = "localhost:4433";
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **val = NULL;
        if (a[0] == '-' && a[1] == '-') {
            a++; /* --flag works like -flag */
        }
        if (strcmp(a, "-connect") == 0) {
            val = &o->connect;
        } else if (strcmp(a, "-CAfile") == 0) {
            val = &o->cafile;
        } else if (strcmp(a, "-servername") == 0) {
            val = &o->servername;
        } else if (strcmp(a, "-cert") == 0) {
            val = &o->cert;
        } else if (strcmp(a, "-key") == 0) {
            val = &o->key;
        } else if (strcmp(a, "-cipher") == 0) {
            val = &o->cipher;
        } else if (strcmp(a, "-groups") == 0 || strcmp(a, "-curves") == 0) {
            val = &o->groups;
        } else if (strcmp(a, "-alpn") == 0) {
            val = &o->alpn;
        } else if (strcmp(a, "-sess_out") == 0) {
            val = &o->sess_out;
        } else if (strcmp(a, "-sess_in") == 0) {
            val = &o->sess_in;
        } else if (strcmp(a, "-keylogfile") == 0) {
            val = &o->keylogfile;
        } else if (strcmp(a, "-verify_hostname") == 0) {
            val = &o->verify_hostname;
        } else if (strcmp(a, "-tls1_2") == 0) {
            o->tls1_2 = TERN_TLS12;
        } else if (strcmp(a, "-tls1_1") == 0) {
            o->tls1_2 = TERN_TLS11; /* builds with TERN_CONFIG_TLS11 only */
        } else if (strcmp(a, "-tls1") == 0) {
            o->tls1_2 = TERN_TLS10; /* builds with TERN_CONFIG_TLS10 only */
        } else if (strcmp(a, "-reconnect") == 0) {
            o->reconnect = 1;
        } else if (strcmp(a, "-msg") == 0) {
            o->msg = 1;
        } else if (strcmp(a, "-quiet") == 0) {
            o->quiet = 1;
            o->ign_eof = 1;
        } else if (strcmp(a, "-ign_eof") == 0) {
            o->ign_eof = 1;
        } else if (strcmp(a, "-maxfraglen") == 0) {
            if (i + 1 >= argc || tool_parse_int(argv[i + 1], 512, 4096, &o->maxfraglen) != 0 ||
                (o->maxfraglen & (o->maxfraglen - 1)) != 0) {
                tool_err(TERN_ERR_BAD_ARG, "-maxfraglen takes 512, 1024, 2048 or 4096");
                return TERN_ERR_BAD_ARG;
            }
            i++;
        } else if (strcmp(a, "-no_ticket") == 0 || strcmp(a, "-no_tickets") == 0) {
            o->no_ticket = 1;
        } else if (strcmp(a, "-no_verify") == 0) {
            o->no_verify = 1;
        } else if (strcmp(a, "-heartbeat") == 0) {
            o->heartbeat = 1;
        } else if (strcmp(a, "-reneg") == 0) {
            o->reneg = 1;
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
    }
    if (o->key != NULL && o->cert == NULL) {
        tool_err(TERN_ERR_BAD_ARG, "-key needs -cert");
        return TERN_ERR_BAD_ARG;
    }
    if (o->no_verify && o->cafile != NULL) {
        tool_msg("warning: -no_verify given: -CAfile is ignored");
    }
    return TERN_OK;
}

/* Accepts a verification that failed only on the name when the name
 * is checked later (-verify_hostname differing from -servername). */
static int verify_cb(void *user, tern_conn *conn, int rc, const tern_x509_result *res)
{
    (void)user;
    (void)conn;
    if (rc != TERN_OK && late_name != NULL && res != NULL &&
        res->reasons == TERN_X509_NAME_MISMATCH) {
        return TERN_OK;
    }
    return rc;
}

/* The check -verify_hostname asks for, on the chain kept after a full
 * handshake (a resumed one carries no certificates: its session was
 * checked when it was made). */
static int late_name_check(const tern_config *cfg, const tern_conn *c, int *verified)
{
    const uint8_t *certs[TERN_MAX_PEER_CERTS];
    size_t lens[TERN_MAX_PEER_CERTS], n;
    tern_x509_policy policy = cfg->policy;
    tern_x509_result res;
    tern_conn_info info;
    int rc;

    rc = tern_conn_get_info(c, &info);
    if (rc != TERN_OK) {
        tool_err(rc, "no handshake information");
        return rc;
    }
    if (info.resumed) {
        return TERN_OK;
    }
    for (n = 0; n < TERN_MAX_PEER_CERTS; n++) {
        if (tern_conn_peer_cert(c, n, &certs[n], &lens[n]) != TERN_OK) {
            break;
        }
    }
    if (n == 0) {
        tool_err(TERN_ERR_CERT_VERIFY_FAILED,
                 "the server's certificates were not kept: cannot check -verify_hostname");
        return TERN_ERR_CERT_VERIFY_FAILED;
    }
    policy.purpose = TERN_X509_PURPOSE_SERVER;
    if (policy.platform == NULL) {
        policy.platform = cfg->platform;
    }
    rc = tern_x509_verify_chain(cfg->trust, &policy, certs, lens, n, late_name, &res);
    *verified = rc == TERN_OK;
    if (rc != TERN_OK) {
        tool_err(rc, "certificate does not verify for -verify_hostname %s", late_name);
    }
    return rc;
}

static int build_config(const opts *o, tern_config *cfg, tool_obs *obs)
{
    int rc;

    tern_config_init(cfg);
    if (o->tls1_2) {
        /* that version only (-tls1 / -tls1_1 need a legacy build) */
        cfg->min_version = cfg->max_version = (uint16_t)o->tls1_2;
    }
    cfg->client_tickets = o->no_ticket ? 0 : 1;
    cfg->heartbeat = o->heartbeat ? TERN_HB_PEER_ALLOWED : TERN_HB_OFF;
    cfg->renegotiation = (uint8_t)o->reneg;
    if (o->maxfraglen != 0) {
        /* RFC 6066 4: code 1..4 for 2^9..2^12, both directions; our
         * buffers shrink to match (record_size_limit says the same) */
        uint8_t code = 1;
        while ((512L << (code - 1)) < o->maxfraglen) {
            code++;
        }
        cfg->max_fragment_length = code;
        cfg->in_record_size = (size_t)o->maxfraglen;
        cfg->out_record_size = (size_t)o->maxfraglen;
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
    if (o->cert != NULL && (rc = tool_add_credential(cfg, o->cert, o->key)) != TERN_OK) {
        return rc;
    }
    if (o->no_verify) {
        cfg->verify_mode = TERN_VERIFY_NONE;
    } else {
        const char *ca = o->cafile != NULL ? o->cafile : tool_default_ca_file();
        if (ca == NULL) {
            tool_err(TERN_ERR_NOT_FOUND, "no trust anchors: give -CAfile FILE (or -no_verify)");
            return TERN_ERR_NOT_FOUND;
        }
        if ((rc = tool_load_trust(ca, &cfg->trust)) != TERN_OK) {
            return rc;
        }
        cfg->verify_mode = TERN_VERIFY_REQUIRED;
        cfg->verify_cb = verify_cb;
    }
    return tool_obs_setup(obs, cfg, o->keylogfile, o->msg);
}

static int load_session(const char *path, tern_session *s)
{
    uint8_t *data;
    size_t len;
    int rc = tool_read_file(path, &data, &len);
    if (rc != TERN_OK) {
        return rc;
    }
    rc = tern_session_import(s, data, len);
    tool_wipe_free(data, len);
    if (rc != TERN_OK) {
        tool_err(rc, "%s: not a session saved by -sess_out", path);
    }
    return rc;
}

static int save_session(const char *path, const tern_session *s)
{
    uint8_t buf[sizeof(tern_session) + 256];
    size_t len;
    int fd, rc = tern_session_export(s, buf, sizeof(buf), &len);

    if (rc != TERN_OK) {
        tool_err(rc, "cannot export the session");
        return rc;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600); /* holds the master secret */
    if (fd < 0 || write(fd, buf, len) != (ssize_t)len) {
        tool_msg("cannot write %s: %s", path, strerror(errno));
        rc = TERN_ERR_PLATFORM;
    }
    if (fd >= 0) {
        close(fd);
    }
    tern_wipe(buf, sizeof(buf));
    return rc;
}

typedef struct client {
    const opts *o;
    const tern_config *cfg;
    char host[256], port[32];
    const char *name; /* SNI name (and checked name) */
    void *mem;
    size_t mem_len;
    tern_conn *c;
    int fd;
} client;

static void hs_failed(const client *cl, int rc)
{
    int sent = 0, alert = tern_conn_last_alert(cl->c, &sent);
    tool_err(rc, "handshake with %s:%s failed", cl->host, cl->port);
    if (alert >= 0 && rc != TERN_ERR_ALERT_RECEIVED(alert)) {
        char buf[96];
        tool_msg("alert %s: %s", sent ? "sent" : "received",
                 tool_err_name(sent ? TERN_ERR_ALERT_SENT(alert) : TERN_ERR_ALERT_RECEIVED(alert),
                               buf, sizeof(buf)));
    }
}

/* Opens a connection and handshakes, offering sess if not NULL. */
static int connect_once(client *cl, const tern_session *sess)
{
    int rc, verified = -1;

    cl->fd = tool_tcp_connect(cl->host, cl->port);
    if (cl->fd < 0) {
        return TERN_ERR_TRANSPORT;
    }
    if (!cl->o->quiet) {
        fprintf(stderr, "CONNECTED(%08X)\n", (unsigned)cl->fd);
    }
    if (tool_set_nonblocking(cl->fd) != 0) {
        tool_msg("cannot make the socket non-blocking");
        return TERN_ERR_TRANSPORT;
    }
    rc = tern_conn_init(&cl->c, cl->mem, cl->mem_len, cl->cfg, TERN_CLIENT);
    if (rc != TERN_OK) {
        tool_err(rc, "cannot set up the connection");
        return rc;
    }
    /* SNI (not for an IP literal) and, when verifying, the name check */
    rc = tern_conn_set_hostname(cl->c, cl->name);
    if (rc != TERN_OK) {
        tool_err(rc, "bad server name %s", cl->name);
        return rc;
    }
    if (sess != NULL && (rc = tern_conn_set_session(cl->c, sess)) != TERN_OK) {
        tool_err(rc, "cannot offer the saved session");
        return rc;
    }
    rc = tern_socket_attach(cl->c, cl->fd);
    if (rc == TERN_OK) {
        rc = tool_handshake(cl->c, -1);
    }
    if (rc != TERN_OK) {
        hs_failed(cl, rc);
        return rc;
    }
    if (late_name != NULL) {
        rc = late_name_check(cl->cfg, cl->c, &verified);
        if (rc != TERN_OK) {
            return rc;
        }
    }
    (void)tool_print_summary(cl->c, verified);
    if (!cl->o->quiet) {
        tool_print_peer_chain(cl->c, stderr);
    }
    return TERN_OK;
}

static void disconnect(client *cl, int orderly)
{
    if (cl->c != NULL) {
        if (orderly) {
            (void)tool_close(cl->c, 2000);
        }
        tern_conn_free(cl->c);
        cl->c = NULL;
    }
    if (cl->fd >= 0) {
        close(cl->fd);
        cl->fd = -1;
    }
}

/* Moves data between stdin/stdout and the connection until the server
 * closes (TERN_OK), stdin ends without -ign_eof (TERN_OK, *stdin_eof
 * set: the caller closes), or something fails. */
static int data_loop(client *cl, int *stdin_eof)
{
    static uint8_t buf[16384];
    int stdin_open = 1;

    for (;;) {
        struct pollfd p[2];
        nfds_t n = 0;
        int rc;

        /* Read until the socket has nothing more (the engine may hold
         * data already). */
        for (;;) {
            rc = tern_read(cl->c, buf, sizeof(buf));
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
        p[n].fd = cl->fd;
        p[n].events = POLLIN | (tern_pending(cl->c) > 0 ? POLLOUT : 0);
        p[n].revents = 0;
        n++;
        if (stdin_open) {
            p[n].fd = 0;
            p[n].events = POLLIN;
            p[n].revents = 0;
            n++;
        }
        if (poll(p, n, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            tool_msg("poll: %s", strerror(errno));
            return TERN_ERR_TRANSPORT;
        }
        if (p[0].revents & POLLOUT) {
            rc = tern_flush(cl->c);
            if (rc != TERN_OK && rc != TERN_ERR_WANT_WRITE) {
                tool_err(rc, "connection failed");
                return rc;
            }
        }
        if (n > 1 && (p[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
            ssize_t got = read(0, buf, sizeof(buf));
            if (got > 0) {
                rc = tool_write_all(cl->c, buf, (size_t)got, -1);
                if (rc != TERN_OK) {
                    tool_err(rc, "sending failed");
                    return rc;
                }
            } else if (got == 0 || errno != EINTR) {
                stdin_open = 0;
                if (!cl->o->ign_eof) {
                    *stdin_eof = 1;
                    return TERN_OK;
                }
            }
        }
    }
}

/* stdin ended (without -ign_eof): our close_notify goes out, then what
 * the server still sends is printed until its close_notify in answer
 * (RFC 5246 7.2.1), its end of stream, or a quiet spell of
 * DRAIN_TIMEOUT_MS. */
static int close_and_drain(client *cl)
{
    static uint8_t buf[16384];
    int rc;

    for (;;) {
        rc = tern_close(cl->c);
        if (rc != TERN_ERR_WANT_WRITE) {
            break;
        }
        if ((rc = tern_socket_wait(cl->c, rc, DRAIN_TIMEOUT_MS)) != TERN_OK) {
            break;
        }
    }
    if (rc != TERN_OK) {
        tool_err(rc, "close failed");
        return rc;
    }
    for (;;) {
        rc = tern_read(cl->c, buf, sizeof(buf));
        if (rc > 0) {
            fwrite(buf, 1, (size_t)rc, stdout);
            fflush(stdout);
            continue;
        }
        if (rc == TERN_ERR_CLOSED || rc == TERN_ERR_EOF) {
            return TERN_OK; /* our side was closed already */
        }
        if (rc != TERN_ERR_WANT_READ && rc != TERN_ERR_WANT_WRITE) {
            tool_err(rc, "connection failed while closing");
            return rc;
        }
        if (tern_socket_wait(cl->c, rc, DRAIN_TIMEOUT_MS) != TERN_OK) {
            return TERN_OK;
        }
    }
}

int main(int argc, char **argv)
{
    opts o;
    tern_config cfg;
    tool_obs obs;
    client cl;
    tern_session *sess = NULL;
    int rc, i, have_sess = 0;

    tool_set_progname("tern-client");
    atexit(tool_release_all);
    memset(&cl, 0, sizeof(cl));
    cl.fd = -1;
    if (parse_args(argc, argv, &o) != TERN_OK) {
        return TOOL_EXIT_USAGE;
    }
    cl.o = &o;
    if (tool_split_hostport(o.connect, cl.host, sizeof(cl.host), cl.port, sizeof(cl.port)) != 0 ||
        cl.host[0] == 0) {
        tool_err(TERN_ERR_BAD_ARG, "-connect %s: expected HOST:PORT", o.connect);
        return TOOL_EXIT_USAGE;
    }
    cl.name = o.servername != NULL ? o.servername : cl.host;
    if (!o.no_verify && o.verify_hostname != NULL && strcmp(o.verify_hostname, cl.name) != 0) {
        late_name = o.verify_hostname;
    }
    if (build_config(&o, &cfg, &obs) != TERN_OK) {
        return TOOL_EXIT_USAGE;
    }
    cl.cfg = &cfg;
    cl.mem = tool_conn_alloc(&cfg, &cl.mem_len);
    sess = (tern_session *)tool_keep(calloc(1, sizeof(*sess)), sizeof(*sess), 1);
    if (cl.mem == NULL || sess == NULL) {
        tool_err(TERN_ERR_NO_MEMORY, "connection memory");
        return TOOL_EXIT_FAIL;
    }
    if (o.sess_in != NULL && load_session(o.sess_in, sess) != TERN_OK) {
        return TOOL_EXIT_USAGE;
    }
    rc = connect_once(&cl, o.sess_in != NULL ? sess : NULL);
    if (rc == TERN_OK && (o.sess_out != NULL || o.reconnect)) {
        rc = tern_conn_get_session(cl.c, sess);
        if (rc == TERN_ERR_NOT_FOUND) {
            tool_msg("the server offered no session to resume");
            rc = o.sess_out != NULL ? rc : TERN_OK;
        } else if (rc != TERN_OK) {
            tool_err(rc, "cannot get the session");
        } else {
            have_sess = 1;
            if (o.sess_out != NULL) {
                rc = save_session(o.sess_out, sess);
            }
        }
    }
    for (i = 0; rc == TERN_OK && o.reconnect && i < RECONNECTS; i++) {
        tern_session next;
        disconnect(&cl, 1);
        rc = connect_once(&cl, have_sess ? sess : NULL);
        if (rc == TERN_OK && tern_conn_get_session(cl.c, &next) == TERN_OK) {
            *sess = next; /* a renewed ticket replaces the old one */
            have_sess = 1;
        }
        tern_wipe(&next, sizeof(next));
    }
    if (rc == TERN_OK && o.heartbeat) {
        rc = tool_heartbeat(cl.c, stdout, 10000);
    }
    if (rc == TERN_OK && o.reneg) {
        rc = tool_renegotiate(cl.c, stdout, 10000);
    }
    if (rc == TERN_OK) {
        int stdin_eof = 0;
        rc = data_loop(&cl, &stdin_eof);
        if (rc == TERN_OK && stdin_eof) {
            rc = close_and_drain(&cl);
        }
    }
    disconnect(&cl, 0);
    tool_obs_close(&obs);
    return rc == TERN_OK ? TOOL_EXIT_OK : TOOL_EXIT_FAIL;
}
