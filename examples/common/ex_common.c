/*
 * Shared helpers of the examples (see ex_common.h).
 */
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "ex_common.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "tern/pem.h"

static const char *prog = "example";

void ex_die(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(2);
}

static void on_alarm(int sig)
{
    static const char msg[] = "example: deadline passed\n";
    (void)sig;
    if (write(2, msg, sizeof(msg) - 1) < 0) {
        _exit(3);
    }
    _exit(3);
}

void ex_init(const char *name, unsigned seconds)
{
    const char *slash = strrchr(name, '/');
    prog = slash != NULL ? slash + 1 : name;
    signal(SIGALRM, on_alarm);
    signal(SIGPIPE, SIG_IGN);
    alarm(seconds);
}

char *ex_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    long n = 0;
    char *buf;

    if (f == NULL) {
        ex_die("cannot open %s", path);
    }
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        ex_die("cannot read %s", path);
    }
    buf = (char *)malloc((size_t)n + 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        ex_die("cannot read %s", path);
    }
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

/* Decodes the PEM blocks of text whose label is one of labels (NULL
 * terminated), concatenated, into a new buffer. */
static uint8_t *pem_blocks(const char *text, size_t len, const char *const *labels, size_t *out_len,
                           size_t *count, const char *what)
{
    tern_pem_iter it;
    tern_pem_block blk;
    uint8_t *out = (uint8_t *)malloc(len + 1);
    size_t total = 0;
    int rc;

    if (out == NULL) {
        ex_die("out of memory");
    }
    *count = 0;
    tern_pem_iter_init(&it, text, len);
    while ((rc = tern_pem_next(&it, &blk)) == 1) {
        size_t k, n;
        int want = 0;
        for (k = 0; labels[k] != NULL; k++) {
            want |= tern_pem_label_is(&blk, labels[k]);
        }
        if (!want) {
            continue;
        }
        if (tern_pem_decode(&blk, out + total, len + 1 - total, &n) != TERN_OK) {
            ex_die("%s: bad PEM block", what);
        }
        total += n;
        (*count)++;
    }
    if (rc < 0) {
        ex_die("%s: %s", what, tern_strerror(rc));
    }
    *out_len = total;
    return out;
}

void ex_load_identity(t_tls_certificate *e, const char *cert_pem, const char *key_pem, uint8_t role)
{
    static const char *const cert_labels[] = {"CERTIFICATE", NULL};
    static const char *const key_labels[] = {"PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY",
                                             NULL};
    size_t len, der_len, n;
    char *text;
    uint8_t *der;

    memset(e, 0, sizeof(*e));
    text = ex_read_file(cert_pem, &len);
    der = pem_blocks(text, len, cert_labels, &der_len, &n, cert_pem);
    free(text);
    if (n == 0) {
        ex_die("%s: no certificate", cert_pem);
    }
    e->p_cert_block = der;
    e->cert_block_len = (uint32_t)der_len;
    text = ex_read_file(key_pem, &len);
    der = pem_blocks(text, len, key_labels, &der_len, &n, key_pem);
    memset(text, 0, len);
    free(text);
    if (n != 1) {
        ex_die("%s: expected one private key", key_pem);
    }
    e->p_cert_priv_key = der;
    e->cert_priv_key_len = (uint16_t)der_len;
    e->cert_role = role;
}

size_t ex_load_ca_bundle(const char *pem_path, size_t *next)
{
    size_t len, added = 0;
    char *text = ex_read_file(pem_path, &len);
    tern_pem_iter it;
    tern_pem_block blk;
    int rc;

    tern_pem_iter_init(&it, text, len);
    while ((rc = tern_pem_next(&it, &blk)) == 1) {
        uint8_t *der;
        size_t n = 0;
        if (!tern_pem_label_is(&blk, "CERTIFICATE")) {
            continue; /* keys and other blocks of a bundle */
        }
        if (*next >= TLS_MAX_CA_CERT) {
            ex_die("%s: more certificates than TLS_MAX_CA_CERT (%d)", pem_path, TLS_MAX_CA_CERT);
        }
        der = (uint8_t *)malloc(tern_pem_decoded_max(&blk) + 1);
        if (der == NULL ||
            tern_pem_decode(&blk, der, tern_pem_decoded_max(&blk) + 1, &n) != TERN_OK) {
            ex_die("%s: bad certificate block", pem_path);
        }
        memset(&g_tls_arr_ca_cert[*next], 0, sizeof(g_tls_arr_ca_cert[0]));
        g_tls_arr_ca_cert[*next].p_cert_block = der;
        g_tls_arr_ca_cert[*next].cert_block_len = (uint32_t)n;
        (*next)++;
        added++;
    }
    if (rc < 0) {
        ex_die("%s: %s", pem_path, tern_strerror(rc));
    }
    free(text);
    if (added == 0) {
        ex_die("%s: no certificate", pem_path);
    }
    return added;
}

void ex_start_module(void)
{
    t_tls_ret r = tls_init();
    if (r == TLS_OK) {
        r = tls_register_builtin();
    }
    if (r == TLS_OK) {
        r = tls_start();
    }
    if (r != TLS_OK) {
        ex_die("module start failed: %s", ex_ret_name(r));
    }
}

int ex_listen(uint16_t port, uint16_t *bound)
{
    struct sockaddr_in sa;
    socklen_t sl = sizeof(sa);
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons(port);
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
        bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 8) != 0 ||
        getsockname(fd, (struct sockaddr *)&sa, &sl) != 0) {
        ex_die("cannot listen on port %u: %s", (unsigned)port, strerror(errno));
    }
    *bound = ntohs(sa.sin_port);
    return fd;
}

int ex_connect(const char *ip, uint16_t port)
{
    struct sockaddr_in sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    if (fd < 0 || inet_pton(AF_INET, ip, &sa.sin_addr) != 1 ||
        connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        ex_die("cannot connect to %s:%u: %s", ip, (unsigned)port, strerror(errno));
    }
    return fd;
}

void ex_timeouts(int fd, int ms)
{
    struct timeval tv;
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    (void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    (void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

void ex_nonblock(int fd)
{
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
        ex_die("fcntl: %s", strerror(errno));
    }
}

int ex_wait(int fd, int in, int ms)
{
    struct pollfd p;
    p.fd = fd;
    p.events = in ? POLLIN : POLLOUT;
    p.revents = 0;
    return poll(&p, 1, ms) > 0;
}

const char *ex_ret_name(t_tls_ret r)
{
    static const char *const names[] = {"TLS_OK",
                                        "TLS_SET",
                                        "TLS_NOT_SET",
                                        "TLS_FOUND",
                                        "TLS_4",
                                        "TLS_SIGN_VERIFY",
                                        "TLS_WAIT",
                                        "TLS_INIT_ERR",
                                        "TLS_NOT_FOUND_ERR",
                                        "TLS_IO_ERR",
                                        "TLS_TYPE_ERR",
                                        "TLS_FULL_ERR",
                                        "TLS_NULL_PTR_ERR",
                                        "TLS_HS_ERR",
                                        "TLS_PARAM_ERR",
                                        "TLS_MEM_ERR",
                                        "TLS_VERIFY_ERR",
                                        "TLS_CERTIFICATE_ERR",
                                        "TLS_ENCRYPTION_MODULE_ERR",
                                        "TLS_HEARTBEAT_TIMEOUT_ERR",
                                        "TLS_DROP_MESSAGE",
                                        "TLS_TIMEOUT_ERR",
                                        "TLS_DTLS_NEW_CONN",
                                        "TLS_DTLS_DROP_FRMSG",
                                        "TLS_DTLS_CONNECT_ERR"};
    unsigned i = (unsigned)r;
    return i < sizeof(names) / sizeof(names[0]) ? names[i] : "TLS_?";
}

void ex_summary(const char *label, const tern_conn_info *info)
{
    const char *v = tern_version_name(info->version);
    const char *s = tern_suite_name(info->suite);
    const char *g = tern_group_name(info->group);
    char chain[64];

    if (info->peer_cert_count > 0) {
        snprintf(chain, sizeof(chain), "%s (%u certificate%s)",
                 info->peer_verified ? "verified" : "NOT verified", (unsigned)info->peer_cert_count,
                 info->peer_cert_count == 1 ? "" : "s");
    } else {
        snprintf(chain, sizeof(chain), "%s",
                 info->resumed ? "not sent again (resumed session)" : "none sent");
    }
    printf("%s: version %s, suite %s, group %s, chain %s, resumed %s\n", label, v != NULL ? v : "?",
           s != NULL ? s : "?", g != NULL ? g : (info->resumed ? "none (resumed)" : "none"), chain,
           info->resumed ? "yes" : "no");
    fflush(stdout);
}

const char *ex_opt(int argc, char **argv, int *i, const char *name)
{
    if (strcmp(argv[*i], name) != 0) {
        return NULL;
    }
    if (*i + 1 >= argc) {
        ex_die("%s needs a value", name);
    }
    (*i)++;
    return argv[*i];
}
