/*
 * bench-x509: verification of a depth-3 chain (root anchor -> intermediate
 * -> leaf, tests/data/x509/bench-*.der) in EC P-256 and RSA-2048, by
 * tern_x509_verify_chain and by OpenSSL's X509_verify_cert in the same
 * run. Both sides start from DER each time (OpenSSL: d2i of leaf and
 * intermediate, store with the parsed root, verify with host check).
 *
 * Columns: microseconds per verification (wall clock, best of 5 rounds),
 * instructions per verification under valgrind --tool=callgrind (the
 * program runs itself with --one SIDE CHAIN N for two N and takes the
 * difference, so start-up and loading cancel out), and for tern the peak
 * stack of one verification (stack painting) and the heap it allocates
 * (glibc mallinfo2: zero expected, tern never allocates).
 *
 * Usage: bench-x509            full table
 *        bench-x509 --one tern|openssl ec|rsa N   N verifications (callgrind)
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "tern/x509.h"
#include "x509/x509_internal.h" /* the signature step alone, for the stack split */

#ifndef TERN_BENCH_CERTS_DIR
#error "TERN_BENCH_CERTS_DIR must be defined (bench/x509.cmake)"
#endif

#define HOST "bench.example"

typedef struct chain {
    const char *name;
    uint8_t *der[3]; /* root, int, leaf */
    size_t len[3];
} chain;

static uint8_t *read_file(const char *name, size_t *len)
{
    char path[1024];
    FILE *f;
    long n;
    uint8_t *buf;

    snprintf(path, sizeof(path), "%s/%s", TERN_BENCH_CERTS_DIR, name);
    f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "bench-x509: cannot open %s\n", path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = (uint8_t *)malloc((size_t)n);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        exit(1);
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void load(chain *c, const char *kind)
{
    static const char *const parts[3] = {"root", "int", "leaf"};
    char name[64];
    int i;

    c->name = kind;
    for (i = 0; i < 3; i++) {
        snprintf(name, sizeof(name), "bench-%s-%s.der", kind, parts[i]);
        c->der[i] = read_file(name, &c->len[i]);
    }
}

/* ---- tern ------------------------------------------------------------------ */

static uint64_t tern_mem[TERN_TRUST_STORE_SIZE(2) / 8 + 1];
static tern_trust_store *tern_store;

static void tern_setup(const chain *c)
{
    if (tern_trust_store_init(&tern_store, tern_mem, sizeof(tern_mem), 2) != TERN_OK ||
        tern_trust_store_add_der(tern_store, c->der[0], c->len[0]) != TERN_OK) {
        fprintf(stderr, "bench-x509: tern store setup failed\n");
        exit(1);
    }
}

static const chain *tern_chain;

static void tern_once(void)
{
    const uint8_t *certs[2];
    size_t lens[2];
    tern_x509_policy pol;
    int rc;

    certs[0] = tern_chain->der[2];
    lens[0] = tern_chain->len[2];
    certs[1] = tern_chain->der[1];
    lens[1] = tern_chain->len[1];
    tern_x509_policy_init(&pol);
    rc = tern_x509_verify_chain(tern_store, &pol, certs, lens, 2, HOST, NULL);
    if (rc != TERN_OK) {
        fprintf(stderr, "bench-x509: tern rejects the %s chain (%d)\n", tern_chain->name, rc);
        exit(1);
    }
}

/* The leaf's signature checked with the intermediate's key, alone: the
 * stack of the signature code, to tell it from the verifier's own. */
static void sig_once(void)
{
    tern_x509_cert leaf, inter;
    tern_pubkey key;

    if (tern_x509_parse(tern_chain->der[2], tern_chain->len[2], &leaf) != TERN_OK ||
        tern_x509_parse(tern_chain->der[1], tern_chain->len[1], &inter) != TERN_OK ||
        tern_x509_cert_pubkey(tern_chain->der[1], tern_chain->len[1], &key) != TERN_OK ||
        tern_x509_verify_signature(&leaf.sigalg, &key, leaf.tbs.p, leaf.tbs.len, leaf.sig.p,
                                   leaf.sig.len) != TERN_OK) {
        fprintf(stderr, "bench-x509: signature step failed\n");
        exit(1);
    }
}

/* ---- OpenSSL ------------------------------------------------------------------ */

static X509_STORE *ossl_store;
static const chain *ossl_chain;

static void ossl_setup(const chain *c)
{
    const unsigned char *p = c->der[0];
    X509 *root = d2i_X509(NULL, &p, (long)c->len[0]);

    ossl_store = X509_STORE_new();
    if (root == NULL || ossl_store == NULL || X509_STORE_add_cert(ossl_store, root) != 1) {
        fprintf(stderr, "bench-x509: OpenSSL store setup failed\n");
        exit(1);
    }
    X509_free(root);
    ossl_chain = c;
}

static void ossl_once(void)
{
    const unsigned char *p;
    X509 *leaf, *inter;
    STACK_OF(X509) *pool = sk_X509_new_null();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    int ok;

    p = ossl_chain->der[2];
    leaf = d2i_X509(NULL, &p, (long)ossl_chain->len[2]);
    p = ossl_chain->der[1];
    inter = d2i_X509(NULL, &p, (long)ossl_chain->len[1]);
    sk_X509_push(pool, inter);
    X509_STORE_CTX_init(ctx, ossl_store, leaf, pool);
    X509_VERIFY_PARAM_set1_host(X509_STORE_CTX_get0_param(ctx), HOST, 0);
    X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
    ok = X509_verify_cert(ctx);
    if (ok != 1) {
        fprintf(stderr, "bench-x509: OpenSSL rejects the %s chain: %s\n", ossl_chain->name,
                X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx)));
        exit(1);
    }
    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(pool, X509_free);
    X509_free(leaf);
}

/* ---- measurement --------------------------------------------------------------- */

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Best of 5 rounds of n calls, in microseconds per call. */
static double time_us(void (*fn)(void), int n)
{
    double best = 1e30;
    int r, i;
    for (r = 0; r < 5; r++) {
        double t0 = now_us(), t;
        for (i = 0; i < n; i++) {
            fn();
        }
        t = (now_us() - t0) / n;
        if (t < best) {
            best = t;
        }
    }
    return best;
}

/* Stack painting: fill 64 KiB below the caller's frame with a pattern,
 * run fn, and find how deep it wrote. */
#define PAINT 65536
static uintptr_t painted; /* address of the painted area (a dead frame) */

__attribute__((noinline)) static void paint(void)
{
    volatile uint8_t area[PAINT];
    size_t i;
    for (i = 0; i < PAINT; i++) {
        area[i] = 0xa5;
    }
    painted = (uintptr_t)area;
}

__attribute__((noinline)) static size_t peak_stack(void (*fn)(void))
{
    volatile uint8_t top = 0;
    const volatile uint8_t *area;
    size_t i;

    paint();
    fn();
    area = (const volatile uint8_t *)painted;
    for (i = 0; i < PAINT && area[i] == 0xa5; i++) {
    }
    /* bytes from the deepest write up to this frame */
    return (size_t)((uintptr_t)&top - (painted + i));
}

static long heap_used(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    return (long)mallinfo2().uordblks;
#else
    return -1;
#endif
}

/* Instructions per call of `side` on `kind` under callgrind, or -1. */
static double instructions(const char *self, const char *side, const char *kind)
{
    static const int n1 = 2, n2 = 12;
    long long ir[2];
    int k;

    for (k = 0; k < 2; k++) {
        char cmd[2048], line[512];
        FILE *p;
        ir[k] = -1;
        snprintf(cmd, sizeof(cmd),
                 "valgrind --tool=callgrind --callgrind-out-file=/dev/stdout %s --one %s %s %d "
                 "2>/dev/null | sed -n 's/^summary: *\\([0-9][0-9]*\\).*/\\1/p'",
                 self, side, kind, k == 0 ? n1 : n2);
        p = popen(cmd, "r");
        if (p == NULL) {
            return -1;
        }
        if (fgets(line, sizeof(line), p) != NULL) {
            ir[k] = atoll(line);
        }
        pclose(p);
        if (ir[k] <= 0) {
            return -1;
        }
    }
    return (double)(ir[1] - ir[0]) / (n2 - n1);
}

static void run_one(const char *side, const char *kind, int n)
{
    static chain c;
    int i;

    load(&c, kind);
    if (strcmp(side, "tern") == 0) {
        tern_setup(&c);
        tern_chain = &c;
        for (i = 0; i < n; i++) {
            tern_once();
        }
    } else {
        ossl_setup(&c);
        for (i = 0; i < n; i++) {
            ossl_once();
        }
    }
}

int main(int argc, char **argv)
{
    static const char *const kinds[2] = {"ec", "rsa"};
    static const char *const labels[2] = {"ECDSA P-256", "RSA-2048"};
    int have_valgrind = system("valgrind --version >/dev/null 2>&1") == 0;
    int k;

    if (argc == 5 && strcmp(argv[1], "--one") == 0) {
        run_one(argv[2], argv[3], atoi(argv[4]));
        return 0;
    }
    printf("bench-x509: depth-3 chain (anchor, intermediate, leaf), host check, from DER each "
           "time\n");
    printf("%-12s %10s %12s %14s %14s %11s %11s %10s\n", "chain", "tern us", "OpenSSL us",
           "tern instr", "OpenSSL instr", "tern stack", "sig. stack", "tern heap");
    for (k = 0; k < 2; k++) {
        chain c;
        double tu, ou, ti = -1, oi = -1;
        size_t stack, sig_stack;
        long h0, h1;

        load(&c, kinds[k]);
        tern_setup(&c);
        tern_chain = &c;
        ossl_setup(&c);
        tern_once(); /* warm */
        ossl_once();
        tu = time_us(tern_once, k == 0 ? 50 : 200);
        ou = time_us(ossl_once, k == 0 ? 50 : 200);
        stack = peak_stack(tern_once);
        sig_stack = peak_stack(sig_once);
        h0 = heap_used();
        tern_once();
        h1 = heap_used();
        if (have_valgrind) {
            ti = instructions(argv[0], "tern", kinds[k]);
            oi = instructions(argv[0], "openssl", kinds[k]);
        }
        printf("%-12s %10.1f %12.1f %14.0f %14.0f %9zu B %9zu B %8ld B\n", labels[k], tu, ou, ti,
               oi, stack, sig_stack, h0 < 0 ? -1L : h1 - h0);
        X509_STORE_free(ossl_store);
    }
    if (!have_valgrind) {
        printf("(valgrind not found: instruction counts are -1)\n");
    }
    printf("tern stack: peak of one tern_x509_verify_chain, the signature code it calls "
           "included;\nsig. stack: peak of that signature step alone (parse two certificates + "
           "verify one signature);\nheap: bytes allocated during one call\n");
    return 0;
}
