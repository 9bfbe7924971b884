/*
 * The in-memory TLS harness shared by the handshake fuzz targets
 * (fuzz_server.c, fuzz_client.c) and by the test that records and checks
 * their seed corpora (tests/unit/engine/test_fuzz_corpus.c).
 *
 * One tern endpoint (the role under test) is driven by a byte stream that
 * stands for everything its peer sends; what the endpoint sends is thrown
 * away, and application data it receives is echoed back. Everything is
 * deterministic: the endpoint's random generator is an HMAC-DRBG with a
 * fixed seed, its clock is fixed, its ticket keys come from a second
 * fixed-seed DRBG, its session cache starts empty. So the same input
 * always takes the same path, and a stream recorded from a real handshake
 * with a peer still completes the handshake when replayed (the endpoint
 * makes the same randoms and keys as when it was recorded).
 *
 * Input format (corpus files):
 *
 *     flags (1 byte, TH_*)
 *     [TH_RESUME, client only: u16 length, tern_session_export() blob]
 *     the peer's records, as on the wire
 *
 * The flags choose the endpoint's configuration: client authentication
 * (a server requests it as optional; a client has a credential), small
 * records (1 KiB buffers; a client asks for max_fragment_length), ALPN,
 * a half-duplex shared record buffer, and for a client a session to
 * offer.
 *
 * The test PKI is read from tests/data/certs (TERN_TEST_CERTS_DIR when
 * defined, else found from this file's own path).
 */
#ifndef TERN_FUZZ_TLS_HARNESS_H
#define TERN_FUZZ_TLS_HARNESS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/engine.h"
#include "tern/hash.h"
#include "tern/keys.h"
#include "tern/rand.h"
#include "tern/x509.h"

/* Fixed wall clock: 2025-06-15 (the test PKI is valid 2024..2099). */
#define TH_NOW ((int64_t)1750000000)

enum {
    TH_CLIENT_AUTH = 0x01,
    TH_SMALL = 0x02,
    TH_ALPN = 0x04,
    TH_RESUME = 0x08,
    TH_SHARED = 0x10 /* one record buffer for both directions */
};

/* ---- the test PKI ------------------------------------------------------------ */

typedef struct th_cred {
    const uint8_t *chain[2];
    size_t lens[2];
    uint8_t *key_der;
    size_t key_len;
    tern_privkey key;
} th_cred;

typedef struct th_pki {
    int loaded;
    th_cred srv_ec, srv_rsa, cli_ec;
    uint8_t *root;
    size_t root_len;
    tern_trust_store *trust;
    uint64_t trust_mem[TERN_TRUST_STORE_SIZE(2) / 8 + 1];
} th_pki;

static th_pki th_g;

static uint8_t *th_read(const char *name, size_t *len)
{
    char path[2048];
    FILE *f;
    long n;
    uint8_t *buf;
#ifdef TERN_TEST_CERTS_DIR
    snprintf(path, sizeof(path), "%s/%s", TERN_TEST_CERTS_DIR, name);
#else
    {
        /* this file is fuzz/tls_harness.h: the PKI is ../tests/data/certs */
        const char *here = __FILE__;
        const char *slash = strrchr(here, '/');
        int dir = slash != NULL ? (int)(slash - here) : 1;
        snprintf(path, sizeof(path), "%.*s/../tests/data/certs/%s", dir, slash != NULL ? here : ".",
                 name);
    }
#endif
    f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "tls_harness: cannot open %s\n", path);
        abort();
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = (uint8_t *)malloc((size_t)n + 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        abort();
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void th_cred_load(th_cred *cr, const char *name)
{
    char file[256];
    snprintf(file, sizeof(file), "%s.der", name);
    cr->chain[0] = th_read(file, &cr->lens[0]);
    cr->chain[1] = th_read("int-ca.der", &cr->lens[1]);
    snprintf(file, sizeof(file), "%s.key.der", name);
    cr->key_der = th_read(file, &cr->key_len);
    if (tern_key_parse_private(cr->key_der, cr->key_len, &cr->key) != TERN_OK) {
        abort();
    }
}

static void th_load(void)
{
    if (th_g.loaded) {
        return;
    }
    th_cred_load(&th_g.srv_ec, "server-p256");
    th_cred_load(&th_g.srv_rsa, "server-rsa2048");
    th_cred_load(&th_g.cli_ec, "client-p256");
    th_g.root = th_read("root-ca.der", &th_g.root_len);
    if (tern_trust_store_init(&th_g.trust, th_g.trust_mem, sizeof(th_g.trust_mem), 2) != TERN_OK ||
        tern_trust_store_add_der(th_g.trust, th_g.root, th_g.root_len) != TERN_OK) {
        abort();
    }
    th_g.loaded = 1;
}

/* ---- one deterministic endpoint ------------------------------------------------ */

typedef struct th_endpoint {
    tern_platform platform;
    tern_hmac_drbg_ctx drbg;    /* the connection's generator (cfg.rng) */
    tern_hmac_drbg_ctx tk_drbg; /* ticket keys */
    tern_ticket_keys tk;
    tern_session_cache cache;
    tern_session slots[2];
    uint64_t stamps[2];
    tern_config cfg;
    void *raw;
    tern_conn *conn;
} th_endpoint;

static int th_time(void *user, int64_t *now)
{
    (void)user;
    *now = TH_NOW;
    return TERN_OK;
}

/* No entropy: everything random comes from the seeded generators. */
static int th_entropy(void *user, uint8_t *buf, size_t len)
{
    (void)user;
    (void)buf;
    (void)len;
    return TERN_ERR_ENTROPY;
}

static int th_seed(tern_hmac_drbg_ctx *d, uint8_t seed)
{
    uint8_t entropy[32], nonce[16];
    memset(entropy, seed, sizeof(entropy));
    memset(nonce, (uint8_t)(seed ^ 0x5a), sizeof(nonce));
    return tern_hmac_drbg_init_seeded(d, &tern_sha256_class, entropy, sizeof(entropy), nonce,
                                      sizeof(nonce), NULL, 0);
}

static const char *const th_alpn[] = {"h2", "http/1.1"};

/* Fills e->cfg for role with the configuration the flags choose; the
 * caller may still change e->cfg (a recording peer does) before
 * th_start. seed: the connection generator's seed. */
static int th_config(th_endpoint *e, int role, unsigned flags, uint8_t seed)
{
    tern_config *cfg = &e->cfg;

    th_load();
    memset(e, 0, sizeof(*e));
    e->platform.entropy = th_entropy;
    e->platform.wall_time = th_time;
    if (th_seed(&e->drbg, seed) != TERN_OK) {
        return TERN_ERR_INTERNAL;
    }
    tern_config_init(cfg);
    cfg->platform = &e->platform;
    cfg->policy.platform = &e->platform;
    cfg->rng = &e->drbg.vtable;
    cfg->trust = th_g.trust;
    if (role == TERN_SERVER) {
        if (tern_config_add_credential(cfg, th_g.srv_ec.chain, th_g.srv_ec.lens, 2,
                                       &th_g.srv_ec.key) != TERN_OK ||
            tern_config_add_credential(cfg, th_g.srv_rsa.chain, th_g.srv_rsa.lens, 2,
                                       &th_g.srv_rsa.key) != TERN_OK ||
            th_seed(&e->tk_drbg, 0x77) != TERN_OK ||
            tern_ticket_keys_init(&e->tk, &e->tk_drbg.vtable, &e->platform) != TERN_OK ||
            tern_session_cache_init(&e->cache, e->slots, e->stamps, 2, &e->platform) != TERN_OK) {
            return TERN_ERR_INTERNAL;
        }
        cfg->ticket_keys = &e->tk;
        cfg->session_cache = &e->cache;
        cfg->client_auth =
            (flags & TH_CLIENT_AUTH) ? TERN_CLIENT_AUTH_OPTIONAL : TERN_CLIENT_AUTH_NONE;
    } else if (flags & TH_CLIENT_AUTH) {
        if (tern_config_add_credential(cfg, th_g.cli_ec.chain, th_g.cli_ec.lens, 2,
                                       &th_g.cli_ec.key) != TERN_OK) {
            return TERN_ERR_INTERNAL;
        }
    }
    if (flags & TH_SMALL) {
        cfg->in_record_size = 1024;
        cfg->out_record_size = 1024;
        cfg->hs_buffer_size = 4096;
        cfg->keep_peer_chain = 2048;
        if (role == TERN_CLIENT) {
            cfg->max_fragment_length = 2; /* 2^10 (RFC 6066 4) */
        }
    }
    if (flags & TH_SHARED) {
        cfg->shared_record_buffer = 1;
    }
    if (flags & TH_ALPN) {
        cfg->alpn = th_alpn;
        cfg->alpn_count = 2;
    }
    return TERN_OK;
}

/* Creates the connection (after th_config and any changes to e->cfg). */
static int th_start(th_endpoint *e, int role)
{
    size_t n = tern_conn_size(&e->cfg);
    uintptr_t a;
    int rc;

    e->raw = malloc(n + 16);
    if (e->raw == NULL) {
        return TERN_ERR_INTERNAL;
    }
    a = ((uintptr_t)e->raw + 15u) & ~(uintptr_t)15u;
    rc = tern_conn_init(&e->conn, (void *)a, n, &e->cfg, role);
    if (rc != TERN_OK) {
        return rc;
    }
    tern_conn_set_time(e->conn, TH_NOW);
    if (role == TERN_CLIENT) {
        rc = tern_conn_set_hostname(e->conn, "localhost");
    }
    return rc;
}

static void th_end(th_endpoint *e)
{
    if (e->conn != NULL) {
        tern_conn_free(e->conn);
    }
    free(e->raw);
    tern_ticket_keys_free(&e->tk);
    tern_session_cache_free(&e->cache);
    memset(e, 0, sizeof(*e));
}

/* Echoes the application data c received (what it can take now). */
static size_t th_echo(tern_conn *c)
{
    uint8_t *in, *out;
    size_t n, m, total = 0;

    while ((in = tern_conn_recvapp_buf(c, &n)) != NULL) {
        out = tern_conn_sendapp_buf(c, &m);
        if (out != NULL) {
            if (m > n) {
                m = n;
            }
            memmove(out, in, m);
            tern_conn_sendapp_ack(c, m);
            tern_conn_flush_app(c);
        }
        tern_conn_recvapp_ack(c, n);
        total += n;
    }
    return total;
}

/* Splits an input into flags, optional session and the peer's stream.
 * 0 when it is too short to hold what the flags promise. */
static int th_split(const uint8_t *data, size_t size, unsigned *flags, const uint8_t **blob,
                    size_t *blob_len, const uint8_t **stream, size_t *stream_len, int role)
{
    size_t off = 1;

    if (size < 1) {
        return 0;
    }
    *flags = data[0];
    *blob = NULL;
    *blob_len = 0;
    if ((*flags & TH_RESUME) && role == TERN_CLIENT) {
        if (size < 3) {
            return 0;
        }
        *blob_len = (size_t)data[1] << 8 | data[2];
        if (*blob_len > size - 3) {
            return 0;
        }
        *blob = data + 3;
        off = 3 + *blob_len;
    }
    *stream = data + off;
    *stream_len = size - off;
    return 1;
}

/* What a run reached. */
typedef struct th_result {
    int done;    /* the handshake completed (state was OPERATING) */
    int state;   /* tern_conn_state at the end */
    int error;   /* tern_conn_error at the end */
    size_t app;  /* application bytes received */
    int info_ok; /* tern_conn_get_info worked */
    tern_conn_info info;
} th_result;

/* Runs the endpoint of role on one input. Returns 0 when the input was
 * not usable (too short), 1 otherwise. */
static int th_run(int role, const uint8_t *data, size_t size, th_result *res)
{
    th_endpoint e;
    unsigned flags;
    const uint8_t *blob, *stream;
    size_t blob_len, len, off = 0;

    memset(res, 0, sizeof(*res));
    if (!th_split(data, size, &flags, &blob, &blob_len, &stream, &len, role)) {
        return 0;
    }
    if (th_config(&e, role, flags, role == TERN_SERVER ? 0x53 : 0x43) != TERN_OK ||
        th_start(&e, role) != TERN_OK) {
        abort(); /* the harness itself must work */
    }
    if (blob != NULL) {
        tern_session s;
        if (tern_session_import(&s, blob, blob_len) == TERN_OK) {
            if (tern_conn_set_session(e.conn, &s) != TERN_OK) {
                /* a session the connection refuses: a full handshake */
            }
        }
        memset(&s, 0, sizeof(s));
    }
    for (;;) {
        uint8_t *p;
        size_t n;

        while ((p = tern_conn_sendrec_buf(e.conn, &n)) != NULL) {
            tern_conn_sendrec_ack(e.conn, n); /* to nobody */
        }
        res->app += th_echo(e.conn);
        if (tern_conn_state(e.conn) == TERN_CONN_OPERATING) {
            res->done = 1;
        }
        if (off == len) {
            break;
        }
        p = tern_conn_recvrec_buf(e.conn, &n);
        if (p == NULL) {
            break; /* closed or failed */
        }
        if (n > len - off) {
            n = len - off;
        }
        memcpy(p, stream + off, n);
        tern_conn_recvrec_ack(e.conn, n);
        off += n;
    }
    if (tern_conn_state(e.conn) == TERN_CONN_OPERATING || tern_conn_error(e.conn) != TERN_OK) {
        /* read the results the way an application would */
        const uint8_t *der;
        size_t der_len;
        res->info_ok = tern_conn_get_info(e.conn, &res->info) == TERN_OK;
        if (tern_conn_peer_cert(e.conn, 0, &der, &der_len) == TERN_OK && der_len == 0) {
            abort(); /* a kept certificate is never empty */
        }
    }
    res->state = tern_conn_state(e.conn);
    res->error = tern_conn_error(e.conn);
    th_end(&e);
    return 1;
}

#endif /* TERN_FUZZ_TLS_HARNESS_H */
