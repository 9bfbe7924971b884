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
 *   bench-tls --lib a,b         only these libraries (tern, openssl,
 *                               mbedtls, wolfssl, bearssl, gnutls)
 *   bench-tls --cg-child LIB    internal: the run under callgrind
 *
 * Speed (handshakes/s, MB/s) is process CPU time on a shared machine: a
 * snapshot. The instruction counts are the stable figures: one
 * handshake pair (after a warm-up one), counted by
 * valgrind --tool=callgrind with collection switched on only inside
 * tlsb_measured(). Memory is the peak, over a full handshake and 64 KiB
 * each way, of the heap the pair allocates plus the memory it occupies
 * outside the heap (tls_mem.c).
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tls_bench.h"
#include "tls_have.h"

#define REC 16384u            /* application bytes per record */
#define LINK_CAP (256u * 1024u) /* bytes each pipe holds */
#define MEM_BYTES (64u * 1024u) /* each way, in the memory run */
#define CG_BULK_BYTES (16u * REC)

/* ---- errors ------------------------------------------------------------------ */

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

/* ---- the libraries ------------------------------------------------------------- */

typedef struct entry {
    const char *key;  /* --lib name */
    const char *name; /* column title */
    const tlsb_lib *lib;
    const char *why; /* not built: why */
} entry;

static const entry libs[] = {
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
#define NLIBS (sizeof(libs) / sizeof(libs[0]))

/* The measured cells. */
enum { C_FULL_ECDSA, C_FULL_RSA, C_RESUMED, C_BULK_GCM, C_BULK_CHACHA, NCELLS };
static const char *const cell_names[NCELLS] = {"full-ecdsa", "full-rsa", "resumed", "bulk-gcm",
                                               "bulk-chacha"};

typedef struct result {
    int active;       /* set up and checked */
    char why[512];    /* when not active */
    double rate[NCELLS];  /* handshakes/s or MB/s; < 0 unknown */
    double instr[NCELLS]; /* per handshake or per byte; < 0 unknown */
    double instr_lo[NCELLS], instr_hi[NCELLS]; /* spread of the repetitions */
    char cell_err[NCELLS][256];
    double mem;       /* bytes per pair; < 0 unknown */
    char mem_err[256];
    tlsb_heap_stats heap, ip;
    size_t caller;
    char desc[TLSB_NCASES][256];
    char resumed_desc[256];
    const char *version;
} result;

static result results[NLIBS];

/* ---- the PKI ------------------------------------------------------------------------- */

static int load(const char *dir, const char *name, tlsb_blob *b)
{
    char path[1024];
    FILE *f;
    long n;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "rb");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "bench-tls: cannot read %s\n", path);
        if (f != NULL) {
            fclose(f);
        }
        return -1;
    }
    b->data = (uint8_t *)malloc((size_t)n + 1);
    if (b->data == NULL || fread(b->data, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "bench-tls: cannot read %s\n", path);
        fclose(f);
        return -1;
    }
    b->data[n] = 0;
    b->len = (size_t)n;
    fclose(f);
    return 0;
}

static int load_cred(const char *dir, const char *name, tlsb_cred *c)
{
    char file[256];
    c->name = name;
    snprintf(c->chain_pem, sizeof(c->chain_pem), "%s/chain-%s.pem", dir, name);
    snprintf(c->key_pem, sizeof(c->key_pem), "%s/%s.key.pem", dir, name);
    snprintf(file, sizeof(file), "%s.der", name);
    if (load(dir, file, &c->leaf_der) != 0) {
        return -1;
    }
    snprintf(file, sizeof(file), "%s.key.der", name);
    return load(dir, file, &c->key_der);
}

static int load_pki(tlsb_pki *pki, const char *anchor)
{
    char file[256];
    memset(pki, 0, sizeof(*pki));
    pki->dir = TLSB_CERTS_DIR;
    pki->anchor = anchor;
    pki->partial = strcmp(anchor, "root-ca") != 0;
    snprintf(pki->root_pem, sizeof(pki->root_pem), "%s/%s.pem", pki->dir, anchor);
    snprintf(file, sizeof(file), "%s.der", anchor);
    if (load(pki->dir, file, &pki->root_der) != 0 ||
        load(pki->dir, "int-ca.der", &pki->int_der) != 0 ||
        load_cred(pki->dir, "server-p256", &pki->ecdsa) != 0 ||
        load_cred(pki->dir, "server-rsa2048", &pki->rsa) != 0) {
        return -1;
    }
    return 0;
}

const tlsb_cred *tlsb_case_cred(const tlsb_pki *pki, tlsb_case cs)
{
    return cs == TLSB_RSA_GCM ? &pki->rsa : &pki->ecdsa;
}

/* ---- running a pair ---------------------------------------------------------------------- */

static uint8_t pattern[REC];
static uint8_t rbuf[REC];
static tlsb_link link_;

static unsigned long long moved(const tlsb_link *l)
{
    return l->to_server.moved + l->to_client.moved;
}

static int run_handshake(const tlsb_lib *lib, void *pair)
{
    int done[2] = {0, 0};
    int idle = 0;

    while (!done[TLSB_CLIENT] || !done[TLSB_SERVER]) {
        unsigned long long before = moved(&link_);
        int side;
        for (side = 0; side < 2; side++) {
            if (!done[side]) {
                int r = lib->handshake(pair, side);
                if (r < 0) {
                    char tmp[512];
                    snprintf(tmp, sizeof(tmp), "%s handshake: %.480s",
                             side == TLSB_CLIENT ? "client" : "server", tlsb_last_error());
                    tlsb_error("%s", tmp);
                    return -1;
                }
                done[side] = r;
            }
        }
        if (moved(&link_) == before && ++idle > 3) {
            tlsb_error("handshake stalled (client %s, server %s)",
                       done[TLSB_CLIENT] ? "done" : "waiting",
                       done[TLSB_SERVER] ? "done" : "waiting");
            return -1;
        }
        if (moved(&link_) != before) {
            idle = 0;
        }
    }
    return 0;
}

/* Sends total bytes from side `from` to the other side in records of
 * REC bytes; check: compare what arrives with what was sent. */
static int transfer(const tlsb_lib *lib, void *pair, int from, size_t total, int check)
{
    size_t sent = 0, got = 0;
    int idle = 0;

    while (got < total) {
        unsigned long long before = moved(&link_);
        long r;
        if (sent < total) {
            size_t off = sent % REC;
            size_t n = REC - off < total - sent ? REC - off : total - sent;
            r = lib->send(pair, from, pattern + off, n);
            if (r < 0) {
                return -1;
            }
            sent += (size_t)r;
        }
        for (;;) {
            r = lib->recv(pair, !from, rbuf, sizeof(rbuf));
            if (r < 0) {
                return -1;
            }
            if (r == 0) {
                break;
            }
            if (check) {
                size_t i;
                for (i = 0; i < (size_t)r; i++) {
                    if (rbuf[i] != pattern[(got + i) % REC]) {
                        tlsb_error("data corrupted at byte %lu", (unsigned long)(got + i));
                        return -1;
                    }
                }
            }
            got += (size_t)r;
            if ((size_t)r > total || got > total) {
                tlsb_error("received more than was sent");
                return -1;
            }
        }
        if (moved(&link_) == before && ++idle > 3) {
            tlsb_error("transfer stalled after %lu of %lu bytes", (unsigned long)got,
                       (unsigned long)total);
            return -1;
        }
        if (moved(&link_) != before) {
            idle = 0;
        }
    }
    return 0;
}

/* A new pair with its handshake done (NULL on failure). */
static void *pair_up(const tlsb_lib *lib, tlsb_case cs, int resume)
{
    void *pair;
    tlsb_link_reset(&link_);
    pair = lib->pair_new(cs, &link_, resume);
    if (pair == NULL) {
        return NULL;
    }
    if (run_handshake(lib, pair) != 0) {
        lib->pair_free(pair);
        return NULL;
    }
    return pair;
}

static tlsb_case cell_case(int cell)
{
    return cell == C_FULL_RSA ? TLSB_RSA_GCM
                              : cell == C_BULK_CHACHA ? TLSB_ECDSA_CHACHA : TLSB_ECDSA_GCM;
}

/* A full handshake on the ECDSA case whose session the client keeps for
 * the resumed cells. */
static int prepare_session(const tlsb_lib *lib)
{
    void *pair = pair_up(lib, TLSB_ECDSA_GCM, 0);
    int rc;
    if (pair == NULL) {
        return -1;
    }
    rc = lib->save_session(pair);
    lib->pair_free(pair);
    return rc;
}

/* The section that callgrind counts (and only it): not static, called
 * through a volatile pointer so that it is never inlined. */
typedef struct measured_arg {
    const tlsb_lib *lib;
    int cell;
    void *pair; /* bulk cells: the pair, handshake done */
    size_t bytes;
} measured_arg;

static int measured_body(measured_arg *a)
{
    if (a->cell == C_BULK_GCM || a->cell == C_BULK_CHACHA) {
        return transfer(a->lib, a->pair, TLSB_CLIENT, a->bytes, 0);
    } else {
        void *pair = pair_up(a->lib, cell_case(a->cell), a->cell == C_RESUMED);
        int res;
        if (pair == NULL) {
            return -1;
        }
        res = a->lib->resumed(pair);
        a->lib->pair_free(pair);
        return res >= 0 && res != (a->cell == C_RESUMED) ? -1 : 0;
    }
}

int tlsb_measured(measured_arg *a);
int tlsb_measured(measured_arg *a)
{
    return measured_body(a);
}

static int (*volatile measured_fn)(measured_arg *) = tlsb_measured;

/* ---- checks --------------------------------------------------------------------------------- */

/* Every case: handshake, parameters, 64 KiB each way, byte for byte;
 * then a resumption. Fills r->desc. Returns 0 when everything works. */
static int check_lib(const tlsb_lib *lib, result *r)
{
    int cs;
    unsigned long long full_bytes = 0, res_bytes;
    void *pair;

    for (cs = 0; cs < TLSB_NCASES; cs++) {
        pair = pair_up(lib, (tlsb_case)cs, 0);
        if (pair == NULL) {
            snprintf(r->why, sizeof(r->why), "case %d: %.200s", cs, tlsb_last_error());
            return -1;
        }
        if (cs == TLSB_ECDSA_GCM) {
            full_bytes = moved(&link_);
        }
        lib->describe(pair, r->desc[cs], sizeof(r->desc[cs]));
        if (lib->resumed(pair) == 1) {
            snprintf(r->why, sizeof(r->why), "case %d: a first handshake says it resumed", cs);
            lib->pair_free(pair);
            return -1;
        }
        if (transfer(lib, pair, TLSB_CLIENT, MEM_BYTES, 1) != 0 ||
            transfer(lib, pair, TLSB_SERVER, MEM_BYTES, 1) != 0) {
            snprintf(r->why, sizeof(r->why), "case %d data: %.200s", cs, tlsb_last_error());
            lib->pair_free(pair);
            return -1;
        }
        lib->pair_free(pair);
    }
    if (prepare_session(lib) != 0) {
        snprintf(r->why, sizeof(r->why), "keeping the session: %.200s", tlsb_last_error());
        return -1;
    }
    pair = pair_up(lib, TLSB_ECDSA_GCM, 1);
    if (pair == NULL) {
        snprintf(r->why, sizeof(r->why), "resumed handshake: %.200s", tlsb_last_error());
        return -1;
    }
    res_bytes = moved(&link_);
    lib->describe(pair, r->resumed_desc, sizeof(r->resumed_desc));
    /* A resumption sends no certificates: with a library that cannot
     * say, the byte count tells. */
    if (lib->resumed(pair) == 0 || (lib->resumed(pair) < 0 && res_bytes * 2 > full_bytes)) {
        snprintf(r->why, sizeof(r->why),
                 "the server did not resume the session (%llu bytes moved, %llu in a full "
                 "handshake)",
                 res_bytes / 2, full_bytes / 2);
        lib->pair_free(pair);
        return -1;
    }
    if (transfer(lib, pair, TLSB_CLIENT, REC, 1) != 0) {
        snprintf(r->why, sizeof(r->why), "resumed data: %.200s", tlsb_last_error());
        lib->pair_free(pair);
        return -1;
    }
    lib->pair_free(pair);
    return 0;
}

/* ---- timing ------------------------------------------------------------------------------------ */

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double time_handshakes(const tlsb_lib *lib, int cell, double seconds, char *err,
                              size_t errlen)
{
    double t0, t;
    unsigned long n = 0;
    if (cell == C_RESUMED && prepare_session(lib) != 0) {
        snprintf(err, errlen, "keeping the session: %.200s", tlsb_last_error());
        return -1;
    }
    t0 = cpu_now();
    do {
        void *pair = pair_up(lib, cell_case(cell), cell == C_RESUMED);
        int res;
        if (pair == NULL) {
            snprintf(err, errlen, "%.200s", tlsb_last_error());
            return -1;
        }
        res = lib->resumed(pair);
        lib->pair_free(pair);
        if (res >= 0 && res != (cell == C_RESUMED)) {
            snprintf(err, errlen, "handshake %lu %s", n + 1,
                     res ? "resumed unasked" : "did not resume: not timed");
            return -1;
        }
        n++;
        t = cpu_now() - t0;
    } while (t < seconds || n < 2);
    return (double)n / t;
}

static double time_bulk(const tlsb_lib *lib, int cell, double seconds, char *err, size_t errlen)
{
    void *pair = pair_up(lib, cell_case(cell), 0);
    double t0, t;
    unsigned long n = 0;
    if (pair == NULL) {
        snprintf(err, errlen, "%.200s", tlsb_last_error());
        return -1;
    }
    if (transfer(lib, pair, TLSB_CLIENT, REC, 0) != 0) { /* warm-up */
        snprintf(err, errlen, "%.200s", tlsb_last_error());
        lib->pair_free(pair);
        return -1;
    }
    t0 = cpu_now();
    do {
        if (transfer(lib, pair, TLSB_CLIENT, 4 * REC, 0) != 0) {
            snprintf(err, errlen, "%.200s", tlsb_last_error());
            lib->pair_free(pair);
            return -1;
        }
        n += 4 * REC;
        t = cpu_now() - t0;
    } while (t < seconds);
    lib->pair_free(pair);
    return (double)n / t / 1e6;
}

static void measure_memory(const tlsb_lib *lib, result *r)
{
    void *pair;
    tlsb_heap_stats hook, ip;

    if (lib->drop_caches != NULL) {
        lib->drop_caches();
    }
    pair = pair_up(lib, TLSB_ECDSA_GCM, 0); /* caches warm again, with room left */
    if (pair != NULL) {
        lib->pair_free(pair);
    }
    tlsb_heap_begin();
    pair = pair_up(lib, TLSB_ECDSA_GCM, 0);
    if (pair != NULL && (transfer(lib, pair, TLSB_CLIENT, MEM_BYTES, 0) != 0 ||
                         transfer(lib, pair, TLSB_SERVER, MEM_BYTES, 0) != 0)) {
        lib->pair_free(pair);
        pair = NULL;
    }
    if (pair == NULL) {
        tlsb_heap_end(&hook, &ip);
        snprintf(r->mem_err, sizeof(r->mem_err), "the memory run failed: %.200s",
                 tlsb_last_error());
        return;
    }
    r->caller = lib->caller_mem(pair);
    lib->pair_free(pair);
    tlsb_heap_end(&hook, &ip);
    r->ip = ip;
    switch (lib->heap) {
    case TLSB_HEAP_HOOKS:
        r->heap = hook;
        break;
    case TLSB_HEAP_INTERPOSED:
        if (!tlsb_interposer()) {
            snprintf(r->mem_err, sizeof(r->mem_err),
                     "needs the interposed malloc, which sanitizer builds leave out");
            return;
        }
        r->heap = ip;
        break;
    default:
        memset(&r->heap, 0, sizeof(r->heap));
        r->heap.ok = 1;
        break;
    }
    if (!r->heap.ok) {
        snprintf(r->mem_err, sizeof(r->mem_err), "too many allocations for the counters");
        return;
    }
    r->mem = (double)(r->heap.own_peak + r->caller);
}

/* ---- callgrind ------------------------------------------------------------------------------------ */

/* The child: runs every cell once (after a warm-up) inside
 * tlsb_measured and prints "cell <n> <ok|fail> <units>" per cell, in
 * the order of callgrind's dumps. */
static int cg_child(const tlsb_lib *lib, int reps)
{
    int cell, i;
    for (cell = 0; cell < NCELLS; cell++) {
        measured_arg a;
        int rc, bulk = cell == C_BULK_GCM || cell == C_BULK_CHACHA;
        memset(&a, 0, sizeof(a));
        a.lib = lib;
        a.cell = cell;
        if (cell == C_RESUMED && prepare_session(lib) != 0) {
            printf("cell %d skip 0\n", cell);
            continue;
        }
        if (bulk) {
            a.pair = pair_up(lib, cell_case(cell), 0);
            if (a.pair != NULL && transfer(lib, a.pair, TLSB_CLIENT, REC, 0) != 0) {
                lib->pair_free(a.pair);
                a.pair = NULL;
            }
            if (a.pair == NULL) {
                printf("cell %d skip 0\n", cell);
                continue;
            }
            a.bytes = CG_BULK_BYTES;
            rc = measured_fn(&a); /* one dump */
            printf("cell %d %s %lu\n", cell, rc == 0 ? "ok" : "fail", (unsigned long)a.bytes);
            lib->pair_free(a.pair);
            continue;
        }
        /* warm-ups, not counted: caches that a library fills on its first
         * handshakes (e.g. wolfSSL's fixed-point ECC tables) are filled */
        if (measured_body(&a) != 0 || measured_body(&a) != 0) {
            printf("cell %d skip 0\n", cell);
            continue;
        }
        for (i = 0; i < reps; i++) {
            rc = measured_fn(&a); /* one dump each */
            printf("cell %d %s 1\n", cell, rc == 0 ? "ok" : "fail");
        }
    }
    fflush(stdout);
    return 0;
}

static int have_valgrind(void)
{
    return system("valgrind --version >/dev/null 2>&1") == 0;
}

static void shell_quote(char *out, size_t cap, const char *s)
{
    size_t o = 0;
    if (cap < 3) {
        out[0] = 0;
        return;
    }
    out[o++] = '\'';
    for (; *s != '\0' && o + 5 < cap; s++) {
        if (*s == '\'') {
            memcpy(out + o, "'\\''", 4);
            o += 4;
        } else {
            out[o++] = *s;
        }
    }
    out[o++] = '\'';
    out[o] = '\0';
}

static unsigned long long cg_summary(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512];
    unsigned long long v = 0;
    if (f == NULL) {
        return 0;
    }
    while (fgets(line, sizeof(line), f) != NULL) {
        if (strncmp(line, "summary:", 8) == 0) {
            v = strtoull(line + 8, NULL, 10);
            break;
        }
    }
    fclose(f);
    return v;
}

/* Runs this program under callgrind for one library and fills
 * r->instr. Only the cells that ran in the timed pass count. */
static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b ? 1 : 0;
}

#define MAX_REPS 15

static void run_callgrind(const char *self, const entry *e, result *r, const char *dir, int reps,
                          const char *anchor)
{
    char cmd[4096], qself[1200], qanchor[300], path[1200], line[256];
    FILE *f;
    int k = 0, rc, cell;
    double vals[NCELLS][MAX_REPS];
    int nvals[NCELLS] = {0};

    shell_quote(qself, sizeof(qself), self);
    shell_quote(qanchor, sizeof(qanchor), anchor);
    snprintf(cmd, sizeof(cmd),
             "valgrind --tool=callgrind --collect-atstart=no --toggle-collect=tlsb_measured "
             "--dump-after=tlsb_measured --callgrind-out-file=%s/cg.%s %s --cg-child %s "
             "--cg-reps %d --anchor %s >%s/cells.%s 2>%s/err.%s",
             dir, e->key, qself, e->key, reps, qanchor, dir, e->key, dir, e->key);
    rc = system(cmd);
    snprintf(path, sizeof(path), "%s/cells.%s", dir, e->key);
    f = fopen(path, "r");
    while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
        char status[16];
        unsigned long units;
        unsigned long long ins;
        if (sscanf(line, "cell %d %15s %lu", &cell, status, &units) != 3 || cell < 0 ||
            cell >= NCELLS) {
            continue;
        }
        if (strcmp(status, "skip") == 0) {
            continue; /* no dump */
        }
        k++;
        snprintf(path, sizeof(path), "%s/cg.%s.%d", dir, e->key, k);
        ins = cg_summary(path);
        remove(path);
        if (strcmp(status, "ok") == 0 && units > 0 && ins > 0 && nvals[cell] < MAX_REPS) {
            vals[cell][nvals[cell]++] = (double)ins / (double)units;
        }
    }
    if (f != NULL) {
        fclose(f);
    }
    /* the median of the repetitions */
    for (cell = 0; cell < NCELLS; cell++) {
        if (nvals[cell] > 0) {
            qsort(vals[cell], (size_t)nvals[cell], sizeof(double), cmp_double);
            r->instr[cell] = vals[cell][nvals[cell] / 2];
            r->instr_lo[cell] = vals[cell][0];
            r->instr_hi[cell] = vals[cell][nvals[cell] - 1];
        }
    }
    if (rc != 0 || k == 0) {
        snprintf(path, sizeof(path), "%s/err.%s", dir, e->key);
        fprintf(stderr, "bench-tls: %s under callgrind failed (exit %d); see the end of %s\n",
                e->name, rc, path);
    } else {
        snprintf(path, sizeof(path), "%s/err.%s", dir, e->key);
        remove(path);
    }
    snprintf(path, sizeof(path), "%s/cells.%s", dir, e->key);
    remove(path);
    snprintf(path, sizeof(path), "%s/cg.%s", dir, e->key);
    remove(path);
}

/* ---- the table ------------------------------------------------------------------------------------------- */

typedef struct row {
    const char *group, *unit;
    int cell;      /* or -1 for memory */
    int instr;     /* 1: instruction figure */
    double scale;  /* printed value = figure / scale */
    const char *fmt;
} row;

static const row rows[] = {
    {"full ECDHE-ECDSA-P256", "handshakes/s", C_FULL_ECDSA, 0, 1, "%.0f"},
    {"", "M instr/handshake", C_FULL_ECDSA, 1, 1e6, "%.2f"},
    {"full ECDHE-RSA-2048", "handshakes/s", C_FULL_RSA, 0, 1, "%.0f"},
    {"", "M instr/handshake", C_FULL_RSA, 1, 1e6, "%.2f"},
    {"resumed (ECDSA case)", "handshakes/s", C_RESUMED, 0, 1, "%.0f"},
    {"", "M instr/handshake", C_RESUMED, 1, 1e6, "%.3f"},
    {"bulk AES-128-GCM", "MB/s", C_BULK_GCM, 0, 1, "%.0f"},
    {"", "instr/byte", C_BULK_GCM, 1, 1, "%.2f"},
    {"bulk ChaCha20-Poly1305", "MB/s", C_BULK_CHACHA, 0, 1, "%.0f"},
    {"", "instr/byte", C_BULK_CHACHA, 1, 1, "%.2f"},
    {"memory per pair", "KB (peak)", -1, 0, 1000, "%.1f"},
};

static double figure(const result *r, const row *w)
{
    if (!r->active) {
        return -1;
    }
    if (w->cell < 0) {
        return r->mem;
    }
    return w->instr ? r->instr[w->cell] : r->rate[w->cell];
}

static void print_table(void)
{
    size_t i, k;
    const result *tern = &results[0];

    printf("\n%-24s %-18s", "", "");
    for (i = 0; i < NLIBS; i++) {
        printf(i == 0 ? " %9s" : " | %-16s", libs[i].name);
    }
    printf("\n");
    for (k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
        const row *w = &rows[k];
        double t = figure(tern, w);
        char cell[32];
        printf("%-24s %-18s", w->group, w->unit);
        for (i = 0; i < NLIBS; i++) {
            double v = figure(&results[i], w);
            if (v >= 0) {
                snprintf(cell, sizeof(cell), w->fmt, v / w->scale);
            } else {
                snprintf(cell, sizeof(cell), "-");
            }
            if (i == 0) {
                printf(" %9s", cell);
            } else {
                char ratio[16] = "";
                if (v > 0 && t >= 0) {
                    snprintf(ratio, sizeof(ratio), "x%.2f", t / v);
                }
                printf(" | %8s %7s", cell, ratio);
            }
        }
        printf("\n");
    }
}

static void print_notes(int callgrind)
{
    size_t i;
    int cs;

    printf("\nx = tern / peer (from the unrounded figures): above 1 tern is faster for "
           "handshakes/s and MB/s; below 1 tern\n"
           "executes fewer instructions / uses less memory. - = not measured (see below).\n");
    printf("Every case: TLS 1.2, ECDHE over P-256 (secp256r1) in every library; the client "
           "verifies the server chain\n"
           "(server-p256 or server-rsa2048 + int-ca from tests/data/certs) against root-ca "
           "(P-384) and the name localhost.\n"
           "Handshake figures include creating and freeing both connection objects, not the "
           "shared contexts / configs.\n"
           "Bulk: 16 KiB records client -> server; per byte = sealing + opening + copies "
           "through memory. MB = 10^6 bytes.\n"
           "Memory: peak heap of the pair over a full ECDSA handshake and 64 KiB each way, "
           "plus its memory outside the heap.\n");
    if (!callgrind) {
        printf("Instruction counts: skipped (--no-callgrind, or valgrind not found).\n");
    }
    printf("\nPer library:\n");
    for (i = 0; i < NLIBS; i++) {
        const result *r = &results[i];
        const tlsb_lib *lib = libs[i].lib;
        printf("  %s", libs[i].name);
        if (lib == NULL) {
            printf(": not built (%s)\n", libs[i].why);
            continue;
        }
        printf(" %s", r->version != NULL ? r->version : "");
        if (!r->active) {
            printf(": left out: %s\n", r->why);
            continue;
        }
        printf("; resumption by %s\n", lib->resumption);
        for (cs = 0; cs < TLSB_NCASES; cs++) {
            printf("      negotiated: %s\n", r->desc[cs]);
        }
        printf("      resumed:    %s\n", r->resumed_desc);
        if (r->mem >= 0) {
            printf("      memory: %lu B heap peak (%s) + %lu B outside the heap\n",
                   (unsigned long)r->heap.own_peak, lib->heap_how, (unsigned long)r->caller);
            if (r->heap.retained > 0) {
                printf("              not counted: %lu B the library still holds after "
                       "freeing the pair (process-wide caches;\n"
                       "              peak with them %lu B)\n",
                       (unsigned long)r->heap.retained, (unsigned long)r->heap.peak);
            }
            if (lib->heap != TLSB_HEAP_INTERPOSED && tlsb_interposer() && r->ip.ok) {
                printf("              cross-check: the interposed malloc saw a peak of %lu B "
                       "(%lu B retained)\n",
                       (unsigned long)r->ip.own_peak, (unsigned long)r->ip.retained);
            }
        } else {
            printf("      memory: not measured (%s)\n", r->mem_err);
        }
        for (cs = 0; cs < NCELLS; cs++) {
            if (r->cell_err[cs][0] != '\0') {
                printf("      %s: %s\n", cell_names[cs], r->cell_err[cs]);
            }
            if (r->instr[cs] > 0 && r->instr_hi[cs] > 1.05 * r->instr_lo[cs]) {
                printf("      %s: instruction counts of the repetitions spread from %.3f M "
                       "to %.3f M (median shown)\n",
                       cell_names[cs], r->instr_lo[cs] / 1e6, r->instr_hi[cs] / 1e6);
            }
        }
    }
    printf("\nReference (issue 6, measured before tern): full ECDHE-ECDSA handshake "
           "OpenSSL 8.2 M, GnuTLS 10.9 M,\n"
           "wolfSSL 16.4 M, BearSSL 48.7 M, Mbed TLS 81.1 M instructions; resumed OpenSSL "
           "0.64 M, GnuTLS 0.34 M;\n"
           "AES-128-GCM OpenSSL 9.0 instr/byte; memory per pair BearSSL 77 KB, Mbed TLS 83 KB, "
           "OpenSSL 171 KB.\n");
}

/* ---- main ------------------------------------------------------------------------------------------------ */

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
    for (i = 0; i < NLIBS; i++) {
        if (libs[i].lib != NULL && libs[i].lib->install_hooks != NULL &&
            libs[i].lib->install_hooks() != 0) {
            fprintf(stderr, "bench-tls: %s: allocator hooks refused\n", libs[i].name);
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
            if (reps < 1 || reps > MAX_REPS) {
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
    for (i = 0; i < REC; i++) {
        pattern[i] = (uint8_t)(i * 131u + (i >> 8) * 7u + 1u);
    }
    if (load_pki(&pki, anchor) != 0 || tlsb_link_init(&link_, LINK_CAP) != 0) {
        return 1;
    }

    if (child != NULL) {
        for (i = 0; i < NLIBS; i++) {
            if (libs[i].lib != NULL && strcmp(libs[i].key, child) == 0) {
                const char *why = libs[i].lib->setup(&pki);
                if (why != NULL) {
                    fprintf(stderr, "%s\n", why);
                    return 1;
                }
                return cg_child(libs[i].lib, reps);
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
    for (i = 0; i < NLIBS; i++) {
        const tlsb_lib *lib = libs[i].lib;
        result *r = &results[i];
        const char *why;
        int cell;

        for (cell = 0; cell < NCELLS; cell++) {
            r->rate[cell] = r->instr[cell] = -1;
        }
        r->mem = -1;
        if (lib == NULL || !selected(only, libs[i].key)) {
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
        if (check_lib(lib, r) != 0) {
            lib->teardown();
            continue;
        }
        r->active = 1;
        for (cell = 0; cell < NCELLS; cell++) {
            double v;
            r->cell_err[cell][0] = '\0';
            if (cell == C_BULK_GCM || cell == C_BULK_CHACHA) {
                v = time_bulk(lib, cell, ms / 1000, r->cell_err[cell], sizeof(r->cell_err[cell]));
            } else {
                v = time_handshakes(lib, cell, ms / 1000, r->cell_err[cell],
                                    sizeof(r->cell_err[cell]));
            }
            r->rate[cell] = v;
        }
        measure_memory(lib, r);
        lib->teardown();
        printf("  %-9s checked and timed\n", libs[i].name);
        fflush(stdout);
    }

    if (cg && !have_valgrind()) {
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
            for (i = 0; i < NLIBS; i++) {
                if (results[i].active) {
                    run_callgrind(self, &libs[i], &results[i], dir, reps, anchor);
                    printf("  %-9s counted under callgrind\n", libs[i].name);
                    fflush(stdout);
                }
            }
            rmdir(dir);
        }
    }
    print_table();
    print_notes(cg);
    tlsb_link_free(&link_);
    return 0;
}
