/*
 * Helpers for the engine tests: the test PKI (tests/data/certs, path
 * compiled in by each test's .cmake file), configurations, and a pair of
 * connections (client and server in one process) pumped through their
 * sans-I/O buffers, with hooks to cut, drop or tamper with records.
 */
#ifndef TERN_ENGINE_TEST_UTIL_H
#define TERN_ENGINE_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/engine.h"
#include "tern/keys.h"
#include "tern/x509.h"
#include "tern_test.h"

#ifndef TERN_TEST_CERTS_DIR
#error "TERN_TEST_CERTS_DIR must be defined (see the test's .cmake file)"
#endif

/* ---- files ------------------------------------------------------------------ */

static inline uint8_t *et_read(const char *name, size_t *len)
{
    char path[1024];
    FILE *f;
    long n;
    uint8_t *buf;

    snprintf(path, sizeof(path), "%s/%s", TERN_TEST_CERTS_DIR, name);
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
    *len = (size_t)n;
    return buf;
}

/* A credential loaded from <name>.der + int-ca.der and <name>.key.der
 * (the test keeps it for the whole run: the config points into it). */
typedef struct et_cred {
    const uint8_t *chain[2];
    size_t lens[2];
    uint8_t *key_der;
    size_t key_len;
    tern_privkey key;
} et_cred;

static inline void et_cred_load(et_cred *cr, const char *name)
{
    char file[256];
    snprintf(file, sizeof(file), "%s.der", name);
    cr->chain[0] = et_read(file, &cr->lens[0]);
    cr->chain[1] = et_read("int-ca.der", &cr->lens[1]);
    snprintf(file, sizeof(file), "%s.key.der", name);
    cr->key_der = et_read(file, &cr->key_len);
    if (tern_key_parse_private(cr->key_der, cr->key_len, &cr->key) != TERN_OK) {
        fprintf(stderr, "cannot parse key %s\n", file);
        exit(2);
    }
}

/* The trust store of the test PKI: root-ca.der as the only anchor. */
static inline const tern_trust_store *et_trust(void)
{
    static tern_trust_store *ts;
    static uint64_t mem[TERN_TRUST_STORE_SIZE(4) / 8 + 1];
    static uint8_t *root;
    static size_t root_len;

    if (ts == NULL) {
        root = et_read("root-ca.der", &root_len);
        if (tern_trust_store_init(&ts, mem, sizeof(mem), 4) != TERN_OK ||
            tern_trust_store_add_der(ts, root, root_len) != TERN_OK) {
            fprintf(stderr, "cannot build the trust store\n");
            exit(2);
        }
    }
    return ts;
}

static inline void et_cred_free(et_cred *cr)
{
    free((void *)cr->chain[0]);
    free((void *)cr->chain[1]);
    free(cr->key_der);
    memset(cr, 0, sizeof(*cr));
}

/* ---- pumping a pair -------------------------------------------------------------- */

/* Called with each record (or piece of one) on its way; may change it
 * (tamper) or return 1 to drop it. dir: 0 client->server, 1 back. */
typedef int (*et_hook)(void *user, int dir, uint8_t *buf, size_t *len);

typedef struct et_pair {
    tern_conn *c, *s;
    void *cmem, *smem;
    size_t chunk; /* bytes moved per step (0 = as many as possible) */
    et_hook hook;
    void *hook_user;
    unsigned long steps;
} et_pair;

/* tern_conn_init wants 16-byte alignment: over-allocate and align; the
 * raw pointer is kept just before the aligned block. */
static inline void *et_alloc(size_t n)
{
    uint8_t *raw = (uint8_t *)malloc(n + 16 + sizeof(void *));
    uintptr_t a;
    if (raw == NULL) {
        exit(2);
    }
    a = ((uintptr_t)(raw + sizeof(void *)) + 15u) & ~(uintptr_t)15u;
    memcpy((uint8_t *)a - sizeof(void *), &raw, sizeof(void *));
    return (void *)a;
}

static inline void et_free(void *p)
{
    void *raw;
    if (p == NULL) {
        return;
    }
    memcpy(&raw, (uint8_t *)p - sizeof(void *), sizeof(void *));
    free(raw);
}

static inline int et_pair_init(et_pair *p, const tern_config *ccfg, const tern_config *scfg)
{
    size_t cn = tern_conn_size(ccfg), sn = tern_conn_size(scfg);
    int rc;

    memset(p, 0, sizeof(*p));
    p->cmem = et_alloc(cn);
    p->smem = et_alloc(sn);
    rc = tern_conn_init(&p->c, p->cmem, cn, ccfg, TERN_CLIENT);
    if (rc == TERN_OK) {
        rc = tern_conn_init(&p->s, p->smem, sn, scfg, TERN_SERVER);
    }
    return rc;
}

static inline void et_pair_free(et_pair *p)
{
    if (p->c != NULL) {
        tern_conn_free(p->c);
    }
    if (p->s != NULL) {
        tern_conn_free(p->s);
    }
    et_free(p->cmem);
    et_free(p->smem);
    p->c = p->s = NULL;
}

/* Feeds n bytes to b's input as b asks for them; returns bytes taken. */
static inline size_t et_feed(tern_conn *b, const uint8_t *data, size_t n)
{
    size_t done = 0;
    while (done < n) {
        size_t in_len;
        uint8_t *in = tern_conn_recvrec_buf(b, &in_len);
        if (in == NULL) {
            break;
        }
        if (in_len > n - done) {
            in_len = n - done;
        }
        memcpy(in, data + done, in_len);
        tern_conn_recvrec_ack(b, in_len);
        done += in_len;
    }
    return done;
}

/* Moves bytes from a's output to b's input. Without a hook, in pieces of
 * p->chunk bytes (0: as much as b takes); with a hook, one whole record
 * at a time (the engine hands out one record per sendrec_buf), which
 * the hook sees before b does. Returns bytes moved. */
static inline size_t et_move(et_pair *p, tern_conn *a, tern_conn *b, int dir)
{
    size_t out_len, in_len, n;
    uint8_t *out = tern_conn_sendrec_buf(a, &out_len);
    uint8_t *in;
    static uint8_t tmp[20000];

    if (out == NULL) {
        return 0;
    }
    if (p->hook != NULL) {
        if (tern_conn_recvrec_buf(b, &in_len) == NULL && !(tern_conn_status(b) & TERN_ST_CLOSED)) {
            return 0; /* b busy (lending data): later */
        }
        n = out_len > sizeof(tmp) ? sizeof(tmp) : out_len;
        memcpy(tmp, out, n);
        tern_conn_sendrec_ack(a, n);
        if (!p->hook(p->hook_user, dir, tmp, &n)) {
            (void)et_feed(b, tmp, n);
        }
        return out_len;
    }
    n = out_len;
    if (p->chunk != 0 && n > p->chunk) {
        n = p->chunk;
    }
    in = tern_conn_recvrec_buf(b, &in_len);
    if (in == NULL) {
        /* The receiver takes nothing now (closed or lending data). */
        if (tern_conn_status(b) & TERN_ST_CLOSED) {
            tern_conn_sendrec_ack(a, out_len); /* discard */
            return out_len;
        }
        return 0;
    }
    if (n > in_len) {
        n = in_len;
    }
    memcpy(in, out, n);
    tern_conn_sendrec_ack(a, n);
    tern_conn_recvrec_ack(b, n);
    return n;
}

/* Pumps until neither side moves. */
static inline void et_pump(et_pair *p)
{
    for (;;) {
        size_t moved = et_move(p, p->c, p->s, 0) + et_move(p, p->s, p->c, 1);
        p->steps++;
        if (moved == 0) {
            return;
        }
    }
}

static inline int et_done(const et_pair *p)
{
    return tern_conn_state(p->c) == TERN_CONN_OPERATING &&
           tern_conn_state(p->s) == TERN_CONN_OPERATING;
}

/* Handshakes, then sends `len` bytes each way through the buffers and
 * checks they arrive. Returns 1 on success. */
static inline int et_exchange(et_pair *p, size_t len)
{
    size_t sent, got, n;
    uint8_t *buf;
    int dir;

    for (dir = 0; dir < 2; dir++) {
        tern_conn *a = dir == 0 ? p->c : p->s;
        tern_conn *b = dir == 0 ? p->s : p->c;
        unsigned long rounds = 0;
        sent = got = 0;
        while (got < len) {
            if (++rounds > 100000) {
                return 0;
            }
            uint8_t *q;
            if (sent < len && (q = tern_conn_sendapp_buf(a, &n)) != NULL) {
                size_t i, k = len - sent < n ? len - sent : n;
                for (i = 0; i < k; i++) {
                    q[i] = (uint8_t)(sent + i + dir);
                }
                tern_conn_sendapp_ack(a, k);
                sent += k;
                if (sent == len) {
                    tern_conn_flush_app(a);
                }
            }
            et_pump(p);
            while ((buf = tern_conn_recvapp_buf(b, &n)) != NULL) {
                size_t i;
                for (i = 0; i < n; i++) {
                    if (buf[i] != (uint8_t)(got + i + dir)) {
                        return 0;
                    }
                }
                got += n;
                tern_conn_recvapp_ack(b, n);
            }
            if (tern_conn_error(a) != TERN_OK || tern_conn_error(b) != TERN_OK) {
                return 0;
            }
        }
    }
    return 1;
}

#endif /* TERN_ENGINE_TEST_UTIL_H */
