/*
 * bench-tls: TLS 1.2 handshakes, resumption, bulk transfer and memory
 * per connection pair, client and server in one process over memory,
 * for tern, OpenSSL, Mbed TLS, wolfSSL, BearSSL and GnuTLS side by side
 * (the cases are described in tls_bench.h).
 *
 *   bench-tls                   check every library, time it, count its
 *                               instructions under callgrind, print the
 *                               table
 *   bench-tls --ms N            time each cell for about N ms (300)
 *   bench-tls --no-callgrind    skip the instruction counts
 *   bench-tls --cg-reps N       counted handshakes per cell (3; median)
 *   bench-tls --lib a,b         only these libraries (tern, openssl,
 *                               mbedtls, wolfssl, bearssl, gnutls)
 *   bench-tls --anchor int-ca   diagnostic: trust int-ca instead of
 *                               root-ca (no P-384 signature to check)
 *   bench-tls --cg-child LIB    internal: the run under callgrind
 *
 * Speed (handshakes/s, MB/s) is process CPU time on a shared machine: a
 * snapshot. The instruction counts are the stable figures: after two
 * warm-up handshakes, the median of three handshake pairs, each counted
 * by valgrind --tool=callgrind with collection switched on only inside
 * tlsb_measured() (tls_run.c, tls_cg.c). Memory is the peak, over a full
 * handshake and 64 KiB each way, of the heap the pair allocates plus the
 * memory it occupies outside the heap (tls_mem.c).
 *
 * This file: the table of libraries and main(); tls_run.c runs pairs,
 * tls_cg.c starts the callgrind run, tls_report.c prints the table.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tls_driver.h"
#include "tls_have.h"

/* ---- errors ---------------------------------------------------------------- */

static char last_error[512];

void tlsb_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof(last_error), fmt, ap);
    va_end(ap);
}

const char *tlsb_last_error(void)
{
    return last_error[0] != '\0' ? last_error : "unknown error";
}

/* ---- the libraries --------------------------------------------------------- */

const tlsb_entry tlsb_libs[TLSB_NLIBS] = {
#if TLSB_HAVE_TERN
    {"tern", "tern", &tlsb_tern, NULL},
#else
    {"tern", "tern", NULL, TLSB_WHY_TERN},
#endif
#if TLSB_HAVE_OPENSSL
    {"openssl", "OpenSSL", &tlsb_openssl, NULL},
#else
    {"openssl", "OpenSSL", NULL, TLSB_WHY_OPENSSL},
#endif
#if TLSB_HAVE_MBEDTLS
    {"mbedtls", "Mbed TLS", &tlsb_mbedtls, NULL},
#else
    {"mbedtls", "Mbed TLS", NULL, TLSB_WHY_MBEDTLS},
#endif
#if TLSB_HAVE_WOLFSSL
    {"wolfssl", "wolfSSL", &tlsb_wolfssl, NULL},
#else
    {"wolfssl", "wolfSSL", NULL, TLSB_WHY_WOLFSSL},
#endif
#if TLSB_HAVE_BEARSSL
    {"bearssl", "BearSSL", &tlsb_bearssl, NULL},
#else
    {"bearssl", "BearSSL", NULL, TLSB_WHY_BEARSSL},
#endif
#if TLSB_HAVE_GNUTLS
    {"gnutls", "GnuTLS", &tlsb_gnutls, NULL},
#else
    {"gnutls", "GnuTLS", NULL, TLSB_WHY_GNUTLS},
#endif
};

static tlsb_result results[TLSB_NLIBS];

/* ---- main ------------------------------------------------------------------ */

static int selected(const char *list, const char *key)
{
    const char *p = list;
    size_t n = strlen(key);
    if (list == NULL) {
        return 1;
    }
    while (p != NULL && *p != '\0') {
        const char *end = strchr(p, ',');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, key, n) == 0) {
            return 1;
        }
        p = end != NULL ? end + 1 : NULL;
    }
    return 0;
}

int main(int argc, char **argv)
{
    size_t i;
    int a, cg = 1, reps = 3;
    double ms = 300;
    const char *only = NULL, *child = NULL, *anchor = "root-ca";
    tlsb_pki pki;
    char self[1024];

    /* hooks first: OpenSSL refuses new allocators once it has allocated */
    for (i = 0; i < TLSB_NLIBS; i++) {
        if (tlsb_libs[i].lib != NULL && tlsb_libs[i].lib->install_hooks != NULL &&
            tlsb_libs[i].lib->install_hooks() != 0) {
            fprintf(stderr, "bench-tls: %s: allocator hooks refused\n", tlsb_libs[i].name);
        }
    }
    for (a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--ms") == 0 && a + 1 < argc) {
            ms = atof(argv[++a]);
        } else if (strcmp(argv[a], "--no-callgrind") == 0) {
            cg = 0;
        } else if (strcmp(argv[a], "--lib") == 0 && a + 1 < argc) {
            only = argv[++a];
        } else if (strcmp(argv[a], "--anchor") == 0 && a + 1 < argc) {
            anchor = argv[++a];
        } else if (strcmp(argv[a], "--cg-reps") == 0 && a + 1 < argc) {
            reps = atoi(argv[++a]);
            if (reps < 1 || reps > TLSB_MAX_REPS) {
                reps = 3;
            }
        } else if (strcmp(argv[a], "--cg-child") == 0 && a + 1 < argc) {
            child = argv[++a];
        } else {
            fprintf(stderr,
                    "usage: %s [--ms N] [--no-callgrind] [--cg-reps N] [--lib a,b,...] "
                    "[--anchor NAME]\n",
                    argv[0]);
            return 2;
        }
    }
    if (tlsb_load_pki(&pki, anchor) != 0 || tlsb_run_init() != 0) {
        return 1;
    }

    if (child != NULL) {
        for (i = 0; i < TLSB_NLIBS; i++) {
            if (tlsb_libs[i].lib != NULL && strcmp(tlsb_libs[i].key, child) == 0) {
                const char *why = tlsb_libs[i].lib->setup(&pki);
                if (why != NULL) {
                    fprintf(stderr, "%s\n", why);
                    return 1;
                }
                return tlsb_cg_child(tlsb_libs[i].lib, reps);
            }
        }
        return 1;
    }

    printf("bench-tls: TLS 1.2 client and server in one process over memory "
           "(timing %.0f ms of CPU per cell)\n",
           ms);
    if (pki.partial) {
        printf("DIAGNOSTIC RUN: trust anchor %s instead of root-ca\n", anchor);
    }
    fflush(stdout);
    for (i = 0; i < TLSB_NLIBS; i++) {
        const tlsb_lib *lib = tlsb_libs[i].lib;
        tlsb_result *r = &results[i];
        const char *why;
        int cell;

        for (cell = 0; cell < NCELLS; cell++) {
            r->rate[cell] = r->instr[cell] = -1;
        }
        r->mem = -1;
        for (cell = 0; cell < TLSB_TERN_NCONF; cell++) {
            r->mem_conf[cell] = -1;
        }
        if (lib == NULL || !selected(only, tlsb_libs[i].key)) {
            if (lib != NULL) {
                snprintf(r->why, sizeof(r->why), "not selected (--lib)");
            }
            continue;
        }
        r->version = lib->version();
        why = lib->setup(&pki);
        if (why != NULL) {
            snprintf(r->why, sizeof(r->why), "setup: %s", why);
            continue;
        }
        if (tlsb_check(lib, r) != 0) {
            lib->teardown();
            continue;
        }
        r->active = 1;
        for (cell = 0; cell < NCELLS; cell++) {
            double v;
            r->cell_err[cell][0] = '\0';
            if (cell == C_BULK_GCM || cell == C_BULK_CHACHA) {
                v = tlsb_time_bulk(lib, cell, ms / 1000, r->cell_err[cell],
                                   sizeof(r->cell_err[cell]));
            } else {
                v = tlsb_time_handshakes(lib, cell, ms / 1000, r->cell_err[cell],
                                         sizeof(r->cell_err[cell]));
            }
            r->rate[cell] = v;
        }
        tlsb_measure_memory(lib, r);
#if TLSB_HAVE_TERN
        if (lib == &tlsb_tern) {
            tlsb_measure_memory_confs(lib, r);
        }
#endif
        lib->teardown();
        printf("  %-9s checked and timed\n", tlsb_libs[i].name);
        fflush(stdout);
    }

    if (cg && !tlsb_have_valgrind()) {
        cg = 0;
    }
    if (cg) {
        char dir[] = "/tmp/bench-tls.XXXXXX";
        ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
        if (n > 0) {
            self[n] = '\0';
        } else {
            snprintf(self, sizeof(self), "%s", argv[0]);
        }
        if (mkdtemp(dir) == NULL) {
            cg = 0;
        } else {
            for (i = 0; i < TLSB_NLIBS; i++) {
                if (results[i].active) {
                    tlsb_run_callgrind(self, &tlsb_libs[i], &results[i], dir, reps, anchor);
                    printf("  %-9s counted under callgrind\n", tlsb_libs[i].name);
                    fflush(stdout);
                }
            }
            rmdir(dir);
        }
    }
    tlsb_print_table(results);
    tlsb_print_notes(results, cg);
    tlsb_run_free();
    return 0;
}
