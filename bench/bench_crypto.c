/*
 * bench-crypto: MB/s of tern's symmetric crypto next to OpenSSL's, one
 * row per algorithm (see bench_crypto.h for what a row is).
 *
 *   bench-crypto                 check every row, then print the table
 *   bench-crypto --ms N          the same, timing each cell for ~N ms
 *   bench-crypto --check         only compare tern's output with OpenSSL's
 *   bench-crypto --list          row names, and whether tern has each
 *   bench-crypto --one [tern:|openssl:]ALG SIZE ITERS
 *                                set up once, run ITERS operations on SIZE
 *                                bytes, print nothing else: for
 *                                valgrind --tool=callgrind (see
 *                                tools/bench-callgrind.sh)
 *
 * Speed is reported, never asserted. The table is a snapshot of a shared
 * machine; the instruction counts of tools/bench-callgrind.sh are the
 * stable figure.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "bench_crypto.h"
#include "bench_have.h"
#include "tern/util.h"

/* ---- shared inputs ---------------------------------------------------------- */

const uint8_t bench_key[32] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                               11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                               22, 23, 24, 25, 26, 27, 28, 29, 30, 31};
/* seq_num(8) || type || version(2) || length(2), as TLS 1.2 records */
const uint8_t bench_ad[BENCH_AD_LEN] = {0, 0, 0, 0, 0, 0, 0, 1, 23, 3, 3, 0x40, 0};

void bench_nonce(uint64_t seq, uint8_t nonce[12])
{
    int i;
    memset(nonce, 0, 4);
    for (i = 0; i < 8; i++) {
        nonce[4 + i] = (uint8_t)(seq >> (56 - 8 * i));
    }
}

/* ---- the rows ------------------------------------------------------------------ */

#if TERN_BENCH_HAVE_SHA
#define T_SHA256 &bench_tern_sha256
#define T_SHA512 &bench_tern_sha512
#else
#define T_SHA256 NULL
#define T_SHA512 NULL
#endif
#if TERN_BENCH_HAVE_HMAC
#define T_HMAC_SHA256 &bench_tern_hmac_sha256
#else
#define T_HMAC_SHA256 NULL
#endif
#if TERN_BENCH_HAVE_AES_GCM
#define T_AES128_GCM &bench_tern_aes128_gcm
#define T_AES256_GCM &bench_tern_aes256_gcm
#else
#define T_AES128_GCM NULL
#define T_AES256_GCM NULL
#endif
#if TERN_BENCH_HAVE_AES_CCM
#define T_AES128_CCM &bench_tern_aes128_ccm
#else
#define T_AES128_CCM NULL
#endif
#if TERN_BENCH_HAVE_AES_CBC
#define T_AES128_CBC &bench_tern_aes128_cbc
#else
#define T_AES128_CBC NULL
#endif
#if TERN_BENCH_HAVE_CHACHA
#define T_CHACHA20_POLY1305 &bench_tern_chacha20_poly1305
#define T_CHACHA20 &bench_tern_chacha20
#define T_POLY1305 &bench_tern_poly1305
#else
#define T_CHACHA20_POLY1305 NULL
#define T_CHACHA20 NULL
#define T_POLY1305 NULL
#endif

static const bench_row rows[] = {
    {"sha-256", T_SHA256, &bench_ossl_sha256},
    {"sha-512", T_SHA512, &bench_ossl_sha512},
    {"hmac-sha256", T_HMAC_SHA256, &bench_ossl_hmac_sha256},
    {"aes-128-gcm", T_AES128_GCM, &bench_ossl_aes128_gcm},
    {"aes-256-gcm", T_AES256_GCM, &bench_ossl_aes256_gcm},
    {"aes-128-ccm", T_AES128_CCM, &bench_ossl_aes128_ccm},
    {"aes-128-cbc", T_AES128_CBC, &bench_ossl_aes128_cbc},
    {"chacha20-poly1305", T_CHACHA20_POLY1305, &bench_ossl_chacha20_poly1305},
    {"chacha20", T_CHACHA20, &bench_ossl_chacha20},
    {"poly1305", T_POLY1305, &bench_ossl_poly1305},
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

/* Table sizes; all multiples of 16, so CBC takes them. */
static const size_t sizes[] = {16, 256, 1024, 16384};
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

static void fill(uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        p[i] = (uint8_t)(i * 7 + 3);
    }
}

/* ---- check: both sides compute the same thing ------------------------------------- */

/* 1 if equal, 0 if the outputs differ, -1 if a side failed. */
static int check_row(const bench_row *r)
{
    static const size_t lens[] = {16, 64, 256, 1024, 1040, 16384};
    size_t i;
    int verdict = 1;

    for (i = 0; i < sizeof(lens) / sizeof(lens[0]) && verdict == 1; i++) {
        size_t len = lens[i];
        uint8_t *a = (uint8_t *)malloc(len), *b = (uint8_t *)malloc(len);
        bench_state *sa = r->tern->setup(r->tern->arg);
        bench_state *sb = r->openssl->setup(r->openssl->arg);
        int k;

        if (a == NULL || b == NULL || sa == NULL || sb == NULL) {
            verdict = -1;
        }
        for (k = 0; k < 2 && verdict == 1; k++) { /* two messages: two nonces */
            fill(a, len);
            fill(b, len);
            if (r->tern->run(sa, a, len) != 0 || r->openssl->run(sb, b, len) != 0) {
                verdict = -1;
            } else if (memcmp(a, b, len) != 0 || sa->out_len != sb->out_len ||
                       memcmp(sa->out, sb->out, sa->out_len) != 0) {
                verdict = 0;
            }
        }
        if (sa != NULL) {
            r->tern->done(sa);
        }
        if (sb != NULL) {
            r->openssl->done(sb);
        }
        free(a);
        free(b);
    }
    return verdict;
}

/* ---- timing ------------------------------------------------------------------------ */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* MB/s (10^6 bytes per second): the best of five runs of about ms/5
 * milliseconds each, after a calibration run. Negative on failure. */
static double measure(const bench_impl *im, size_t len, double ms)
{
    uint8_t *buf = (uint8_t *)malloc(len);
    bench_state *st = im->setup(im->arg);
    double best = -1.0, slice = ms / 5000.0;
    unsigned long iters = 1, i;
    int rep, failed = 0;

    if (buf == NULL || st == NULL) {
        free(buf);
        if (st != NULL) {
            im->done(st);
        }
        return -1.0;
    }
    fill(buf, len);
    /* calibrate: double the count until one run takes a slice */
    for (;;) {
        double t0 = now(), t;
        for (i = 0; i < iters; i++) {
            failed |= im->run(st, buf, len);
        }
        t = now() - t0;
        if (failed != 0 || t >= slice || iters >= (1ul << 30)) {
            break;
        }
        iters = t < slice / 16 ? iters * 8 : iters * 2;
    }
    for (rep = 0; rep < 5 && failed == 0; rep++) {
        double t0 = now(), t, rate;
        for (i = 0; i < iters; i++) {
            failed |= im->run(st, buf, len);
        }
        t = now() - t0;
        rate = t > 0 ? (double)len * (double)iters / t / 1e6 : 0.0;
        if (rate > best) {
            best = rate;
        }
    }
    im->done(st);
    free(buf);
    return failed != 0 ? -1.0 : best;
}

static void print_size_label(size_t n)
{
    char label[32];
    if (n >= 1024) {
        snprintf(label, sizeof(label), "%lu KiB", (unsigned long)(n / 1024));
    } else {
        snprintf(label, sizeof(label), "%lu B", (unsigned long)n);
    }
    printf(" | %-23s", label);
}

static int table(double ms)
{
    size_t r, s;
    int status = 0;

    printf("bench-crypto: tern %s vs %s (libcrypto, EVP)\n", tern_version(),
           OpenSSL_version(OPENSSL_VERSION));
    printf("MB/s = 10^6 bytes/s, best of 5 runs of ~%.0f ms; x = tern/OpenSSL speed "
           "(above 1: tern faster).\n",
           ms / 5);
    printf("AEADs seal in place with a new 12-byte nonce and 13 bytes of AD per message;\n"
           "HMAC and Poly1305 are keyed per message; CBC encrypts with a fixed IV.\n\n");
    printf("%-18s", "");
    for (s = 0; s < NSIZES; s++) {
        print_size_label(sizes[s]);
    }
    printf("\n%-18s", "algorithm");
    for (s = 0; s < NSIZES; s++) {
        printf(" | %8s %8s %5s", "tern", "OpenSSL", "x");
    }
    printf("\n");
    for (r = 0; r < NROWS; r++) {
        const bench_row *row = &rows[r];
        int verdict = row->tern != NULL ? check_row(row) : 1;

        printf("%-18s", row->name);
        if (verdict != 1) {
            printf(" | %s\n", verdict == 0 ? "OUTPUT MISMATCH between tern and OpenSSL: not timed"
                                           : "a side failed to run: not timed");
            status = 1;
            continue;
        }
        for (s = 0; s < NSIZES; s++) {
            double o = measure(row->openssl, sizes[s], ms);
            if (row->tern != NULL) {
                double t = measure(row->tern, sizes[s], ms);
                printf(" | %8.1f %8.1f %5.2f", t, o, o > 0 ? t / o : 0.0);
            } else {
                printf(" | %8s %8.1f %5s", "-", o, "-");
            }
            fflush(stdout);
        }
        printf("%s\n", row->tern == NULL ? "  (tern: not in this build yet)" : "");
    }
    return status;
}

/* ---- modes --------------------------------------------------------------------------- */

static int one(const char *spec, const char *size_s, const char *iters_s)
{
    const char *name = spec;
    int use_openssl = 0;
    size_t len = (size_t)strtoul(size_s, NULL, 10), r;
    unsigned long iters = strtoul(iters_s, NULL, 10), i;

    if (strncmp(spec, "openssl:", 8) == 0) {
        use_openssl = 1;
        name = spec + 8;
    } else if (strncmp(spec, "tern:", 5) == 0) {
        name = spec + 5;
    }
    for (r = 0; r < NROWS; r++) {
        const bench_impl *im = use_openssl ? rows[r].openssl : rows[r].tern;
        uint8_t *buf;
        bench_state *st;
        int failed = 0;

        if (strcmp(rows[r].name, name) != 0) {
            continue;
        }
        if (im == NULL) {
            fprintf(stderr, "bench-crypto: %s: tern does not have it in this build\n", name);
            return 2;
        }
        buf = (uint8_t *)malloc(len > 0 ? len : 1);
        st = im->setup(im->arg);
        if (buf == NULL || st == NULL) {
            fprintf(stderr, "bench-crypto: %s: setup failed\n", spec);
            free(buf);
            return 1;
        }
        fill(buf, len);
        for (i = 0; i < iters; i++) {
            failed |= im->run(st, buf, len);
        }
        im->done(st);
        free(buf);
        if (failed != 0) {
            fprintf(stderr, "bench-crypto: %s: run failed\n", spec);
            return 1;
        }
        return 0;
    }
    fprintf(stderr, "bench-crypto: unknown algorithm %s (see --list)\n", name);
    return 2;
}

static int check_all(void)
{
    size_t r;
    int status = 0;
    for (r = 0; r < NROWS; r++) {
        int v = rows[r].tern != NULL ? check_row(&rows[r]) : 2;
        printf("%-18s %s\n", rows[r].name,
               v == 1   ? "same output as OpenSSL"
               : v == 2 ? "skipped: tern does not have it in this build"
               : v == 0 ? "OUTPUT MISMATCH"
                        : "a side failed to run");
        status |= v == 0 || v < 0;
    }
    return status;
}

static int usage(void)
{
    fprintf(stderr, "usage: bench-crypto [--ms N] | --check | --list |\n"
                    "       bench-crypto --one [tern:|openssl:]ALG SIZE ITERS\n");
    return 2;
}

int main(int argc, char **argv)
{
    size_t r;

    if (argc == 1) {
        return table(100.0);
    }
    if (argc == 3 && strcmp(argv[1], "--ms") == 0) {
        double ms = strtod(argv[2], NULL);
        return ms > 0 ? table(ms) : usage();
    }
    if (argc == 2 && strcmp(argv[1], "--check") == 0) {
        return check_all();
    }
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (r = 0; r < NROWS; r++) {
            printf("%s %s\n", rows[r].name, rows[r].tern != NULL ? "tern" : "-");
        }
        return 0;
    }
    if (argc == 5 && strcmp(argv[1], "--one") == 0) {
        return one(argv[2], argv[3], argv[4]);
    }
    return usage();
}
