/*
 * Helpers for the seed API tests: the test PKI (tests/data/certs, path
 * from each test's .cmake file) loaded into the config_tls.c tables,
 * socket pairs, and a guard that ends a hung test.
 */
#ifndef TERN_COMPAT_TEST_UTIL_H
#define TERN_COMPAT_TEST_UTIL_H

#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "api_tls.h"
#include "tern_test.h"

#if !defined(TERN_TEST_CERTS_DIR) || !defined(TERN_COMPAT_DATA_DIR)
#error "TERN_TEST_CERTS_DIR and TERN_COMPAT_DATA_DIR must be defined (see the test's .cmake file)"
#endif

/* Every file read stays reachable until exit (the tables point into
 * them; LeakSanitizer counts only unreachable memory). */
static uint8_t *ct_files[256];
static size_t ct_nfiles;

static inline void *ct_keep(void *p)
{
    if (ct_nfiles < sizeof(ct_files) / sizeof(ct_files[0])) {
        ct_files[ct_nfiles++] = (uint8_t *)p;
    }
    return p;
}

/* Reads a file of the test PKI, or of tests/unit/compat/data when the
 * name starts with '@'. */
static inline uint8_t *ct_read(const char *name, size_t *len)
{
    char path[1024];
    FILE *f;
    long n;
    uint8_t *buf;

    if (name[0] == '@') {
        snprintf(path, sizeof(path), "%s/%s", TERN_COMPAT_DATA_DIR, name + 1);
    } else {
        snprintf(path, sizeof(path), "%s/%s", TERN_TEST_CERTS_DIR, name);
    }
    f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = (uint8_t *)malloc((size_t)n + 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    buf[n] = 0;
    *len = (size_t)n;
    return (uint8_t *)ct_keep(buf);
}

/* A table entry from <name>.der (+ int-ca.der appended when chain) and
 * <name>.key.der. The memory stays for the whole run. */
static inline void ct_entry(t_tls_certificate *e, const char *name, int chain, int key)
{
    char file[256];
    size_t leaf_len, int_len = 0, klen;
    uint8_t *leaf, *ica = NULL, *both;

    snprintf(file, sizeof(file), "%s.der", name);
    leaf = ct_read(file, &leaf_len);
    if (chain) {
        ica = ct_read("int-ca.der", &int_len);
    }
    both = (uint8_t *)ct_keep(malloc(leaf_len + int_len));
    memcpy(both, leaf, leaf_len);
    if (chain) {
        memcpy(both + leaf_len, ica, int_len);
    }
    memset(e, 0, sizeof(*e));
    e->p_cert_block = both;
    e->cert_block_len = (uint32_t)(leaf_len + int_len);
    if (key) {
        snprintf(file, sizeof(file), "%s.key.der", name);
        e->p_cert_priv_key = ct_read(file, &klen);
        e->cert_priv_key_len = (uint16_t)klen;
    }
}

static inline void ct_clear_tables(void)
{
    memset(g_tls_arr_host_cert, 0, sizeof(g_tls_arr_host_cert));
    memset(g_tls_arr_ca_cert, 0, sizeof(g_tls_arr_ca_cert));
    memset(g_tls_arr_rv_cert, 0, sizeof(g_tls_arr_rv_cert));
    memset(g_tls_arr_cipher_suite, 0, sizeof(g_tls_arr_cipher_suite));
}

/* tls_init + tls_register_builtin + tls_start, expecting success. */
static inline int ct_up(void)
{
    return tls_init() == TLS_OK && tls_register_builtin() == TLS_OK && tls_start() == TLS_OK;
}

static inline void ct_down(void)
{
    (void)tls_stop();
    (void)tls_delete();
}

static inline void ct_nonblock(int fd)
{
    (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

static inline void ct_timeouts(int fd, int ms)
{
    struct timeval tv;
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    (void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    (void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* A connected pair of stream sockets (AF_UNIX), non-blocking or not. */
static inline void ct_pair(int fds[2], int nonblocking)
{
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) {
        perror("socketpair");
        exit(2);
    }
    if (nonblocking) {
        ct_nonblock(fds[0]);
        ct_nonblock(fds[1]);
    }
}

static void ct_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "test timed out\n";
    if (write(2, msg, sizeof(msg) - 1) < 0) {
        _exit(3);
    }
    _exit(3);
}

/* Ends the process if the test runs longer than seconds. */
static inline void ct_guard(unsigned seconds)
{
    signal(SIGALRM, ct_alarm);
    alarm(seconds);
}

#endif /* TERN_COMPAT_TEST_UTIL_H */
