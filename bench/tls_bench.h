/*
 * bench-tls: TLS 1.2 handshakes and bulk transfer, client and server in
 * one process over memory, for tern and the peer libraries. The driver
 * (tls_bench.c) runs the same cases through one small interface
 * (tlsb_lib) that each library implements in its own file
 * (tls_<library>.c); tls_mem.c counts heap memory; tls_pipe.c is the
 * in-memory transport.
 *
 * Every case, in every library:
 *  - TLS 1.2 only, ECDHE over P-256 (secp256r1) only;
 *  - the server sends the chain of tests/data/certs (leaf + int-ca), and
 *    the client verifies it against root-ca (its only anchor) and checks
 *    the name "localhost" (also sent as SNI);
 *  - the server signs its key exchange with the one scheme the case
 *    names (ecdsa_secp256r1_sha256 or rsa_pkcs1_sha256, not PSS: BearSSL
 *    and Mbed TLS 2.28 have no RSA-PSS in TLS 1.2);
 *  - the server can resume (tickets where the library has them, else a
 *    session-ID cache; tlsb_lib.resumption says which) and the client
 *    offers to.
 */
#ifndef TLS_BENCH_H
#define TLS_BENCH_H

#include <stddef.h>
#include <stdint.h>

/* ---- cases ----------------------------------------------------------------- */

typedef enum tlsb_case {
    TLSB_ECDSA_GCM = 0,    /* TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, server-p256 */
    TLSB_RSA_GCM = 1,      /* TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, server-rsa2048 */
    TLSB_ECDSA_CHACHA = 2, /* TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 */
    TLSB_NCASES = 3
} tlsb_case;

enum { TLSB_CLIENT = 0, TLSB_SERVER = 1 };

/* ---- the test PKI (loaded once by the driver) ------------------------------ */

typedef struct tlsb_blob {
    uint8_t *data;
    size_t len;
} tlsb_blob;

/* A server credential: files in tests/data/certs. */
typedef struct tlsb_cred {
    const char *name;     /* "server-p256" / "server-rsa2048" */
    tlsb_blob leaf_der;   /* <name>.der */
    tlsb_blob key_der;    /* <name>.key.der (PKCS#8) */
    char chain_pem[1024]; /* path of chain-<name>.pem (leaf + int-ca) */
    char key_pem[1024];   /* path of <name>.key.pem (PKCS#8) */
} tlsb_cred;

typedef struct tlsb_pki {
    const char *dir;
    const char *anchor; /* "root-ca", or what --anchor names */
    int partial;        /* the anchor is not self-signed (--anchor int-ca) */
    tlsb_blob root_der; /* root-ca.der, the only trust anchor */
    tlsb_blob int_der;  /* int-ca.der */
    char root_pem[1024];
    tlsb_cred ecdsa; /* for TLSB_ECDSA_* */
    tlsb_cred rsa;   /* for TLSB_RSA_GCM */
} tlsb_pki;

/* The credential a case uses. */
const tlsb_cred *tlsb_case_cred(const tlsb_pki *pki, tlsb_case cs);

#define TLSB_HOSTNAME "localhost"

/* ---- in-memory transport --------------------------------------------------- */

/* One direction: a byte queue. Writes take what fits (a pipe holds far
 * more than one flight or one 16 KiB record), reads take what is there. */
typedef struct tlsb_pipe {
    uint8_t *buf;
    size_t cap, head, tail;   /* bytes [head, tail) are queued */
    unsigned long long moved; /* bytes written plus bytes read, ever */
} tlsb_pipe;

typedef struct tlsb_link {
    tlsb_pipe to_server, to_client;
} tlsb_link;

int tlsb_link_init(tlsb_link *l, size_t cap);
void tlsb_link_reset(tlsb_link *l);
void tlsb_link_free(tlsb_link *l);
size_t tlsb_pipe_write(tlsb_pipe *p, const uint8_t *data, size_t len);
size_t tlsb_pipe_read(tlsb_pipe *p, uint8_t *out, size_t len);
size_t tlsb_pipe_queued(const tlsb_pipe *p);
/* The pipe a side writes to, and the one it reads from. */
tlsb_pipe *tlsb_out(tlsb_link *l, int side);
tlsb_pipe *tlsb_in(tlsb_link *l, int side);

/* ---- the interface each library implements --------------------------------- */

typedef struct tlsb_lib {
    const char *name;
    /* "ticket (RFC 5077)" or "session ID" */
    const char *resumption;
    /* How heap memory is counted: TLSB_HEAP_HOOKS (the library's own
     * allocator hooks, installed by install_hooks), TLSB_HEAP_INTERPOSED
     * (every malloc of the process while the pair lives) or
     * TLSB_HEAP_NONE (the library never allocates: caller memory only). */
    int heap;
    const char *heap_how; /* e.g. "CRYPTO_set_mem_functions" */
    /* Called first thing in main(), before any library allocates; may be
     * NULL. Returns 0 when the hooks are in place. */
    int (*install_hooks)(void);
    /* Library version string. */
    const char *(*version)(void);
    /* One-time setup: shared contexts / configs for every case (server
     * credentials, trust anchor, ticket keys or session cache). Returns
     * NULL, or why the library cannot run. */
    const char *(*setup)(const tlsb_pki *pki);
    void (*teardown)(void);
    /* A client+server pair for case cs over link (whose pipes are
     * empty). resume: the client offers the session kept by
     * save_session. NULL on failure (tlsb_error says why). */
    void *(*pair_new)(tlsb_case cs, tlsb_link *link, int resume);
    /* Moves one side's handshake as far as the link allows: 1 when that
     * side has completed it (and handed its last flight to the link), 0
     * when it waits for the peer, < 0 on failure (tlsb_error says why). */
    int (*handshake)(void *pair, int side);
    /* Client: keeps the session of this (full) handshake for the pairs
     * created with resume = 1. 0 on success. */
    int (*save_session)(void *pair);
    /* 1 when the handshake was a resumption, 0 when it was full, < 0
     * when the library cannot tell. */
    int (*resumed)(void *pair);
    /* Negotiated parameters, e.g. "TLSv1.2 ECDHE-ECDSA-AES128-GCM-SHA256
     * secp256r1 ecdsa_secp256r1_sha256". */
    void (*describe)(void *pair, char *buf, size_t len);
    /* Application data after the handshake. send: takes up to len bytes
     * (at most one 16 KiB record's worth) and hands the records to the
     * link; returns bytes taken (0: none now) or < 0. recv: returns bytes
     * received (0: none now) or < 0. */
    long (*send)(void *pair, int side, const uint8_t *buf, size_t len);
    long (*recv)(void *pair, int side, uint8_t *buf, size_t len);
    /* Memory the pair occupies outside the heap counters: caller-supplied
     * connection memory (tern_conn_size), context structs and I/O
     * buffers (BearSSL). 0 when everything is on the heap. */
    size_t (*caller_mem)(void *pair);
    void (*pair_free)(void *pair);
    /* Optional (NULL): empties process-wide caches that the library
     * refills during every handshake, just before the memory run, so that
     * what it refills shows up as kept by the library rather than as the
     * pair's (wolfSSL's fixed-point ECC tables). */
    void (*drop_caches)(void);
} tlsb_lib;

enum { TLSB_HEAP_NONE = 0, TLSB_HEAP_HOOKS = 1, TLSB_HEAP_INTERPOSED = 2 };

/* tern only: the buffer configuration pair_new uses. The memory rows of
 * the small configurations run the memory measurement again with each
 * (tls_run.c); everything else uses the default. */
enum {
    TLSB_TERN_DEFAULT = 0,   /* 16 KiB records both ways, 16 KiB hs_buf and kept chain */
    TLSB_TERN_SHARED16 = 1,  /* 16 KiB records, shared record buffer, 1 KiB hs_buf, no chain */
    TLSB_TERN_1K = 2,        /* 1 KiB records (record_size_limit), 1.5 KiB hs_buf, no chain */
    TLSB_TERN_1K_SHARED = 3, /* the same with a shared record buffer */
    TLSB_TERN_NCONF = 4
};
extern int tlsb_tern_conf;

/* Libraries (each file defines one, when its library was found). */
extern const tlsb_lib tlsb_tern;
extern const tlsb_lib tlsb_openssl;
extern const tlsb_lib tlsb_mbedtls;
extern const tlsb_lib tlsb_wolfssl;
extern const tlsb_lib tlsb_bearssl;
extern const tlsb_lib tlsb_gnutls;

/* Why the last call failed (set by the library files). */
void tlsb_error(const char *fmt, ...);
const char *tlsb_last_error(void);

/* ---- heap accounting (tls_mem.c) ------------------------------------------- */

/* A counting window over the life of one pair. Two counters run side by
 * side: the hook counter (allocations through tlsb_hook_*) and the
 * interposer (every malloc/calloc/realloc/aligned allocation of the
 * process, when tls_mem.c could interpose them). Only blocks allocated
 * inside the window count. */
typedef struct tlsb_heap_stats {
    size_t peak;     /* most bytes live at once */
    size_t retained; /* bytes still live when the window closed (the
                        library keeps them after the pair is freed:
                        global caches built meanwhile) */
    size_t own_peak; /* most bytes live at once, counting only blocks
                        freed before the window closed: the pair's own */
    int ok;          /* 0: a table or log overflowed */
} tlsb_heap_stats;

void tlsb_heap_begin(void);
void tlsb_heap_end(tlsb_heap_stats *hook, tlsb_heap_stats *interposed);
/* 1 when malloc is interposed (glibc, no sanitizer). */
int tlsb_interposer(void);

/* Allocation functions for the libraries' hooks: plain malloc with a
 * small size header. */
void *tlsb_hook_malloc(size_t n);
void *tlsb_hook_realloc(void *p, size_t n);
void tlsb_hook_free(void *p);

#endif /* TLS_BENCH_H */
