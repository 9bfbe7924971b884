/*
 * bench-pk: public-key operations per second of tern and the peer
 * libraries, side by side (see pk_bench.h for what is measured).
 *
 *   bench-pk                  check every cell, then print ops/s
 *   bench-pk --ms N           the same, timing each cell for ~N ms
 *   bench-pk --callgrind [N]  instructions per operation: runs itself
 *                             under valgrind --tool=callgrind once per
 *                             cell, N operations each (default 4)
 *   bench-pk --list           operations and libraries
 *   bench-pk --one LIB:OP N   set up, run one operation uninstrumented
 *                             (lazy tables, first-use costs), then N
 *                             operations between callgrind's start and
 *                             stop of instrumentation; prints nothing
 *
 * Speed is reported, never asserted. ops/s moves with the load of a
 * shared machine; the instruction counts do not.
 */
#define _POSIX_C_SOURCE 200809L

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <valgrind/callgrind.h>

#include "pk_bench.h"
#include "tern/curve25519.h"
#include "tern/ec.h"
#include "tern/rsa.h"

static const pk_lib *const libs[] = {
    &pk_lib_tern,
    &pk_lib_openssl,
#ifdef PK_HAVE_MBEDTLS
    &pk_lib_mbedtls,
#endif
#ifdef PK_HAVE_WOLFSSL
    &pk_lib_wolfssl,
#endif
#ifdef PK_HAVE_BEARSSL
    &pk_lib_bearssl,
#endif
};
#define NLIBS (sizeof(libs) / sizeof(libs[0]))

/* Peers this build could not find (pk.cmake), for the header. */
static const char *const absent[] = {
#ifndef PK_HAVE_MBEDTLS
    "Mbed TLS (Debian libmbedtls-dev)",
#endif
#ifndef PK_HAVE_WOLFSSL
    "wolfSSL (Debian libwolfssl-dev)",
#endif
#ifndef PK_HAVE_BEARSSL
    "BearSSL (Debian libbearssl-dev)",
#endif
    NULL};

static pk_keys keys;

/* ---- checks ------------------------------------------------------------- */

/* NULL if lib's output for op is right, else what is wrong. */
static const char *check(const pk_lib *lib, int op)
{
    pk_state *st = lib->setup(op, &keys);
    const char *bad = NULL;
    int c = pk_op_curve(op);

    if (st == NULL) {
        return "setup failed";
    }
    if (lib->run(st) != 0) {
        bad = "operation failed";
    } else if (op == PK_X25519) {
        bad = st->out_len == 32 && memcmp(st->out, keys.x25519_shared, 32) == 0
                  ? NULL
                  : "wrong shared secret";
    } else if (op == PK_P256_ECDH || op == PK_P384_ECDH) {
        bad = st->out_len == keys.ec[c].len &&
                      memcmp(st->out, keys.ec[c].shared, keys.ec[c].len) == 0
                  ? NULL
                  : "wrong shared secret";
    } else if (op == PK_P256_SIGN || op == PK_P384_SIGN) {
        const pk_ec_keys *e = &keys.ec[c];
        bad = tern_ecdsa_verify(e->group, e->q, 1 + 2 * e->len, e->digest, e->len, st->out,
                                st->out_len, TERN_ECDSA_DER) == TERN_OK
                  ? NULL
                  : "signature does not verify (tern)";
    } else if (op == PK_RSA2048_SIGN) {
        tern_rsa_pubkey pub = {keys.n, keys.n_len, keys.e, keys.e_len};
        bad = tern_rsa_pkcs1_verify(&pub, &tern_sha256_class, keys.rsa_digest, 32, st->out,
                                    st->out_len) == TERN_OK
                  ? NULL
                  : "signature does not verify (tern)";
    } else if (op == PK_ED25519_SIGN) {
        bad = st->out_len == 64 &&
                      tern_ed25519_verify(keys.ed_pk, keys.ed_msg, sizeof(keys.ed_msg), st->out) ==
                          TERN_OK
                  ? NULL
                  : "signature does not verify (tern)";
    }
    lib->done(st);
    return bad;
}

/* ---- timing ------------------------------------------------------------- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Operations per second: the best of three runs of about ms/3
 * milliseconds, after a calibration run. Negative on failure. */
static double measure(const pk_lib *lib, int op, double ms)
{
    pk_state *st = lib->setup(op, &keys);
    double best = -1.0, slice = ms / 3000.0;
    unsigned long iters = 1, i;
    int rep, failed = 0;

    if (st == NULL) {
        return -1.0;
    }
    for (;;) {
        double t0 = now(), t;
        for (i = 0; i < iters; i++) {
            failed |= lib->run(st);
        }
        t = now() - t0;
        if (failed != 0 || t >= slice || iters >= (1ul << 24)) {
            break;
        }
        iters = t < slice / 16 ? iters * 8 : iters * 2;
    }
    for (rep = 0; rep < 3 && failed == 0; rep++) {
        double t0 = now(), t;
        for (i = 0; i < iters; i++) {
            failed |= lib->run(st);
        }
        t = now() - t0;
        if (t > 0 && (double)iters / t > best) {
            best = (double)iters / t;
        }
    }
    lib->done(st);
    return failed != 0 ? -1.0 : best;
}

/* ---- output ------------------------------------------------------------- */

static void header(const char *what)
{
    size_t l, i;
    printf("bench-pk: %s\n", what);
    for (l = 0; l < NLIBS; l++) {
        printf("  %-9s %s\n", libs[l]->name, libs[l]->version());
    }
    for (i = 0; absent[i] != NULL; i++) {
        printf("  not built: %s not found\n", absent[i]);
    }
}

static void column_titles(const char *unit)
{
    size_t l;
    printf("\n%-15s %11s", "operation", "tern");
    for (l = 1; l < NLIBS; l++) {
        printf(" | %-18s", libs[l]->name);
    }
    printf("\n%-15s %11s", "", unit);
    for (l = 1; l < NLIBS; l++) {
        printf(" | %11s %6s", unit, "x");
    }
    printf("\n");
}

/* Notes printed under a table: n/a reasons and failures. */
#define MAX_NOTES 64
static char notes[MAX_NOTES][160];
static int nnotes;

static void note(const pk_lib *lib, int op, const char *text)
{
    if (nnotes < MAX_NOTES) {
        snprintf(notes[nnotes++], sizeof(notes[0]), "%s %s: %s", lib->name, pk_op_names[op], text);
    }
}

static void print_notes(void)
{
    int i;
    for (i = 0; i < nnotes; i++) {
        printf("  %s\n", notes[i]);
    }
    nnotes = 0;
}

/* What a cell shows instead of a figure, or NULL to measure it. */
static const char *cell_skip(const pk_lib *lib, int op)
{
    const char *why = lib->why_not(op);
    const char *bad;
    if (why != NULL) {
        note(lib, op, why);
        return "n/a";
    }
    bad = check(lib, op);
    if (bad != NULL) {
        note(lib, op, bad);
        return "FAILED";
    }
    return NULL;
}

static int table(double ms)
{
    int op, status = 0;
    size_t l;

    header("public-key operations per second");
    printf("ops/s: best of 3 runs of ~%.0f ms per cell (a shared machine: see the instruction\n"
           "counts of bench-pk --callgrind for stable figures); x = tern / library speed\n"
           "(above 1: tern faster). Every cell is checked before it is timed.\n",
           ms / 3);
    column_titles("ops/s");
    for (op = 0; op < PK_NOPS; op++) {
        double t = -1.0;
        const char *skip = cell_skip(libs[0], op);
        printf("%-15s", pk_op_names[op]);
        if (skip == NULL) {
            t = measure(libs[0], op, ms);
            printf(" %11.0f", t);
        } else {
            printf(" %11s", skip);
            status |= strcmp(skip, "FAILED") == 0;
        }
        for (l = 1; l < NLIBS; l++) {
            const char *s = cell_skip(libs[l], op);
            if (s == NULL) {
                double o = measure(libs[l], op, ms);
                if (t > 0 && o > 0) {
                    printf(" | %11.0f %6.2f", o, t / o);
                } else {
                    printf(" | %11.0f %6s", o, "-");
                }
            } else {
                printf(" | %11s %6s", s, "");
                status |= strcmp(s, "FAILED") == 0;
            }
            fflush(stdout);
        }
        printf("\n");
    }
    if (nnotes > 0) {
        printf("\n");
        print_notes();
    }
    return status;
}

/* ---- callgrind ---------------------------------------------------------- */

static int find_cell(const char *spec, const pk_lib **lib, int *op)
{
    const char *colon = strchr(spec, ':');
    size_t l;
    int o;

    if (colon == NULL) {
        return -1;
    }
    for (l = 0; l < NLIBS; l++) {
        if (strlen(libs[l]->id) == (size_t)(colon - spec) &&
            strncmp(spec, libs[l]->id, (size_t)(colon - spec)) == 0) {
            for (o = 0; o < PK_NOPS; o++) {
                if (strcmp(colon + 1, pk_op_names[o]) == 0) {
                    *lib = libs[l];
                    *op = o;
                    return 0;
                }
            }
        }
    }
    return -1;
}

static int one(const char *spec, const char *n_s)
{
    const pk_lib *lib;
    pk_state *st;
    int op, failed;
    long n = strtol(n_s, NULL, 10), i;

    if (find_cell(spec, &lib, &op) != 0 || n <= 0) {
        fprintf(stderr, "bench-pk: unknown cell %s (see --list)\n", spec);
        return 2;
    }
    if (lib->why_not(op) != NULL) {
        fprintf(stderr, "bench-pk: %s: %s\n", spec, lib->why_not(op));
        return 2;
    }
    st = lib->setup(op, &keys);
    if (st == NULL) {
        fprintf(stderr, "bench-pk: %s: setup failed\n", spec);
        return 1;
    }
    failed = lib->run(st); /* first use: lazy tables, caches */
    CALLGRIND_START_INSTRUMENTATION;
    for (i = 0; i < n; i++) {
        failed |= lib->run(st);
    }
    CALLGRIND_STOP_INSTRUMENTATION;
    lib->done(st);
    if (failed != 0) {
        fprintf(stderr, "bench-pk: %s: operation failed\n", spec);
        return 1;
    }
    return 0;
}

/* Instructions of `self --one spec n` under callgrind (instrumented part
 * only), or -1. */
static double callgrind_count(const char *self, const char *spec, long n)
{
    char out[] = "/tmp/bench-pk-cg-XXXXXX";
    char opt[64], n_s[24];
    double total = -1.0;
    int fd = mkstemp(out), status = 0;
    pid_t pid;

    if (fd < 0) {
        return -1.0;
    }
    close(fd);
    snprintf(opt, sizeof(opt), "--callgrind-out-file=%s", out);
    snprintf(n_s, sizeof(n_s), "%ld", n);
    pid = fork();
    if (pid == 0) {
        int nul = open("/dev/null", O_WRONLY);
        if (nul >= 0) {
            dup2(nul, 1);
            dup2(nul, 2);
        }
        execlp("valgrind", "valgrind", "--tool=callgrind", "--instr-atstart=no", opt, self, "--one",
               spec, n_s, (char *)NULL);
        _exit(127);
    }
    if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
        WEXITSTATUS(status) == 0) {
        FILE *f = fopen(out, "r");
        char line[256];
        /* "totals:" counts the instrumented part; "summary:" can be 0
         * when instrumentation started late */
        while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
            if (strncmp(line, "totals:", 7) == 0) {
                total = strtod(line + 7, NULL);
            }
        }
        if (f != NULL) {
            fclose(f);
        }
    }
    remove(out);
    return total;
}

static int have_valgrind(void)
{
    return system("valgrind --version >/dev/null 2>&1") == 0;
}

static int callgrind_table(const char *self, long n)
{
    int op, status = 0;
    size_t l;

    if (!have_valgrind()) {
        printf("bench-pk --callgrind: valgrind not found (Debian: valgrind); skipped\n");
        return 0;
    }
    header("instructions per operation (valgrind --tool=callgrind)");
    printf("Each cell: one operation uninstrumented (first-use costs), then %ld counted; in\n"
           "thousands of instructions per operation. x = tern / library instructions (below 1:\n"
           "tern executes fewer). Under valgrind the CPU reports other features (no AVX-512,\n"
           "and libraries that choose assembly by CPU flags may fall back to C): where a\n"
           "library's ops/s above disagree with its count here, it took another path.\n",
           n);
    column_titles("kinstr");
    for (op = 0; op < PK_NOPS; op++) {
        double t = -1.0;
        printf("%-15s", pk_op_names[op]);
        for (l = 0; l < NLIBS; l++) {
            const pk_lib *lib = libs[l];
            const char *why = lib->why_not(op);
            char spec[64];
            double c = -1.0;

            snprintf(spec, sizeof(spec), "%s:%s", lib->id, pk_op_names[op]);
            if (why != NULL) {
                note(lib, op, why);
            } else {
                c = callgrind_count(self, spec, n);
                if (c < 0) {
                    note(lib, op, "failed under callgrind");
                    status = 1;
                } else {
                    c /= (double)n * 1000.0;
                }
            }
            if (l == 0) {
                t = c;
                if (c >= 0) {
                    printf(" %11.1f", c);
                } else {
                    printf(" %11s", why != NULL ? "n/a" : "FAILED");
                }
            } else if (c >= 0) {
                if (t > 0) {
                    printf(" | %11.1f %6.2f", c, t / c);
                } else {
                    printf(" | %11.1f %6s", c, "-");
                }
            } else {
                printf(" | %11s %6s", why != NULL ? "n/a" : "FAILED", "");
            }
            fflush(stdout);
        }
        printf("\n");
    }
    if (nnotes > 0) {
        printf("\n");
        print_notes();
    }
    return status;
}

static int usage(void)
{
    fprintf(stderr, "usage: bench-pk [--ms N] | --callgrind [N] | --list | --one LIB:OP N\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (pk_keys_load(&keys) != 0) {
        fprintf(stderr, "bench-pk: cannot set up the keys\n");
        return 1;
    }
    if (argc == 1) {
        return table(150.0);
    }
    if (argc == 3 && strcmp(argv[1], "--ms") == 0) {
        double ms = strtod(argv[2], NULL);
        return ms > 0 ? table(ms) : usage();
    }
    if ((argc == 2 || argc == 3) && strcmp(argv[1], "--callgrind") == 0) {
        char self[4096];
        ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
        long n = argc == 3 ? strtol(argv[2], NULL, 10) : 4;
        if (len <= 0) {
            snprintf(self, sizeof(self), "%s", argv[0]);
        } else {
            self[len] = '\0';
        }
        return n > 0 ? callgrind_table(self, n) : usage();
    }
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        size_t l;
        int op;
        for (op = 0; op < PK_NOPS; op++) {
            printf("%s", pk_op_names[op]);
            for (l = 0; l < NLIBS; l++) {
                if (libs[l]->why_not(op) == NULL) {
                    printf(" %s", libs[l]->id);
                }
            }
            printf("\n");
        }
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "--one") == 0) {
        return one(argv[2], argv[3]);
    }
    return usage();
}
