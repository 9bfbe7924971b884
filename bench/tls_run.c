/*
 * bench-tls: running client+server pairs of one library over the
 * in-memory link: the checks, the timed loops, the memory run and the
 * run under callgrind (see tls_bench.c for what is measured).
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tls_driver.h"
#include "tls_have.h"

const char *const tlsb_cell_names[NCELLS] = {"full-ecdsa", "full-rsa", "resumed", "bulk-gcm",
                                             "bulk-chacha"};

/* ---- the PKI --------------------------------------------------------------- */

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

int tlsb_load_pki(tlsb_pki *pki, const char *anchor)
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

/* ---- running a pair -------------------------------------------------------- */

static uint8_t pattern[TLSB_REC];
static uint8_t rbuf[TLSB_REC];
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
 * TLSB_REC bytes; check: compare what arrives with what was sent. */
static int transfer(const tlsb_lib *lib, void *pair, int from, size_t total, int check)
{
    size_t sent = 0, got = 0;
    int idle = 0;

    while (got < total) {
        unsigned long long before = moved(&link_);
        long r;
        if (sent < total) {
            size_t off = sent % TLSB_REC;
            size_t n = TLSB_REC - off < total - sent ? TLSB_REC - off : total - sent;
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
                    if (rbuf[i] != pattern[(got + i) % TLSB_REC]) {
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
    return cell == C_FULL_RSA      ? TLSB_RSA_GCM
           : cell == C_BULK_CHACHA ? TLSB_ECDSA_CHACHA
                                   : TLSB_ECDSA_GCM;
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

/* ---- checks ---------------------------------------------------------------- */

/* Every case: handshake, parameters, 64 KiB each way, byte for byte;
 * then a resumption. Fills r->desc. Returns 0 when everything works. */
int tlsb_check(const tlsb_lib *lib, tlsb_result *r)
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
        if (transfer(lib, pair, TLSB_CLIENT, TLSB_MEM_BYTES, 1) != 0 ||
            transfer(lib, pair, TLSB_SERVER, TLSB_MEM_BYTES, 1) != 0) {
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
    if (transfer(lib, pair, TLSB_CLIENT, TLSB_REC, 1) != 0) {
        snprintf(r->why, sizeof(r->why), "resumed data: %.200s", tlsb_last_error());
        lib->pair_free(pair);
        return -1;
    }
    lib->pair_free(pair);
    return 0;
}

/* ---- timing ---------------------------------------------------------- */

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double tlsb_time_handshakes(const tlsb_lib *lib, int cell, double seconds, char *err, size_t errlen)
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

double tlsb_time_bulk(const tlsb_lib *lib, int cell, double seconds, char *err, size_t errlen)
{
    void *pair = pair_up(lib, cell_case(cell), 0);
    double t0, t;
    unsigned long n = 0;
    if (pair == NULL) {
        snprintf(err, errlen, "%.200s", tlsb_last_error());
        return -1;
    }
    if (transfer(lib, pair, TLSB_CLIENT, TLSB_REC, 0) != 0) { /* warm-up */
        snprintf(err, errlen, "%.200s", tlsb_last_error());
        lib->pair_free(pair);
        return -1;
    }
    t0 = cpu_now();
    do {
        if (transfer(lib, pair, TLSB_CLIENT, 4 * TLSB_REC, 0) != 0) {
            snprintf(err, errlen, "%.200s", tlsb_last_error());
            lib->pair_free(pair);
            return -1;
        }
        n += 4 * TLSB_REC;
        t = cpu_now() - t0;
    } while (t < seconds);
    lib->pair_free(pair);
    return (double)n / t / 1e6;
}

void tlsb_measure_memory(const tlsb_lib *lib, tlsb_result *r)
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
    if (pair != NULL && (transfer(lib, pair, TLSB_CLIENT, TLSB_MEM_BYTES, 0) != 0 ||
                         transfer(lib, pair, TLSB_SERVER, TLSB_MEM_BYTES, 0) != 0)) {
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

/* see tls_driver.h */
void tlsb_measure_memory_confs(const tlsb_lib *lib, tlsb_result *r)
{
#if TLSB_HAVE_TERN
    static tlsb_result tmp;
    int k;
    for (k = 1; k < TLSB_TERN_NCONF; k++) {
        memset(&tmp, 0, sizeof(tmp));
        tmp.mem = -1;
        tlsb_tern_conf = k;
        tlsb_measure_memory(lib, &tmp);
        r->mem_conf[k] = tmp.mem;
        if (tmp.mem < 0) {
            fprintf(stderr, "bench-tls: tern configuration %d: %s\n", k, tmp.mem_err);
        }
    }
    tlsb_tern_conf = TLSB_TERN_DEFAULT;
#else
    (void)lib;
    (void)r;
#endif
}

/* see tls_driver.h */
int tlsb_cg_child(const tlsb_lib *lib, int reps)
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
            if (a.pair != NULL && transfer(lib, a.pair, TLSB_CLIENT, TLSB_REC, 0) != 0) {
                lib->pair_free(a.pair);
                a.pair = NULL;
            }
            if (a.pair == NULL) {
                printf("cell %d skip 0\n", cell);
                continue;
            }
            a.bytes = TLSB_CG_BULK_BYTES;
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

int tlsb_run_init(void)
{
    size_t i;
    for (i = 0; i < TLSB_REC; i++) {
        pattern[i] = (uint8_t)(i * 131u + (i >> 8) * 7u + 1u);
    }
    return tlsb_link_init(&link_, TLSB_LINK_CAP);
}

void tlsb_run_free(void)
{
    tlsb_link_free(&link_);
}
