/*
 * bench-tls: tern side, through the sans-I/O buffers of
 * include/tern/engine.h. The two connections live in one block of
 * caller memory (tern_conn_size of each config, default buffers: 16 KiB
 * records both ways, 16 KiB handshake buffer, 16 KiB kept peer chain;
 * the small configurations of the memory rows are tlsb_tern_conf);
 * tern never allocates. Each connection seeds its own Hash_DRBG from the
 * platform (the default). Resumption by ticket (RFC 5077, one
 * tern_ticket_keys for every server config).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/engine.h"
#include "tern/hash.h"
#include "tern/keys.h"
#include "tern/rand.h"
#include "tern/util.h"
#include "tern/x509.h"
#include "tls_bench.h"

static tern_config ccfg_all[TLSB_TERN_NCONF][TLSB_NCASES], scfg_all[TLSB_TERN_NCONF][TLSB_NCASES];

int tlsb_tern_conf = TLSB_TERN_DEFAULT;
static tern_privkey key[2];
static const uint8_t *chain[2][2];
static size_t chain_len[2][2];
static uint64_t store_mem[TERN_TRUST_STORE_SIZE(2) / 8 + 1];
static tern_trust_store *store;
static tern_hmac_drbg_ctx drbg;
static tern_ticket_keys tk;
static tern_session saved;
static int have_saved, have_tk;

typedef struct side_io {
    tlsb_pipe *in, *out;
} side_io;

typedef struct pair {
    tern_conn *c[2];
    size_t size[2];
    void *raw; /* malloc'd block holding both connections */
    side_io io[2];
} pair;

static const char *const suites[TLSB_NCASES] = {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                                                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                                                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"};
static const char *const schemes[TLSB_NCASES] = {"ecdsa_secp256r1_sha256", "rsa_pkcs1_sha256",
                                                 "ecdsa_secp256r1_sha256"};

static const char *version(void)
{
    return "tern (this tree)";
}

static const char *rc_why(const char *what, int rc)
{
    static char buf[300];
    snprintf(buf, sizeof(buf), "%s: %s", what, tern_err_name(rc));
    return buf;
}

/* The buffer settings of configuration conf (TLSB_TERN_*). */
static void buffers(tern_config *cfg, int conf)
{
    if (conf == TLSB_TERN_SHARED16) {
        cfg->shared_record_buffer = 1;
        cfg->hs_buffer_size = 1024;
        cfg->keep_peer_chain = 0;
    } else if (conf == TLSB_TERN_1K || conf == TLSB_TERN_1K_SHARED) {
        cfg->in_record_size = 1024;
        cfg->out_record_size = 1024;
        cfg->record_size_limit = 1024;
        cfg->hs_buffer_size = 1536;
        cfg->keep_peer_chain = 0;
        cfg->shared_record_buffer = conf == TLSB_TERN_1K_SHARED;
    }
}

static const char *config(tern_config *cfg, int cs, int conf)
{
    int rc;
    tern_config_init(cfg);
    buffers(cfg, conf);
    if ((rc = tern_config_set_suites(cfg, suites[cs])) != TERN_OK ||
        (rc = tern_config_set_groups(cfg, "secp256r1")) != TERN_OK ||
        (rc = tern_config_set_sig_schemes(cfg, schemes[cs])) != TERN_OK) {
        return rc_why("config", rc);
    }
    return NULL;
}

static const char *setup(const tlsb_pki *pki)
{
    int rc, cs, k, conf;
    const char *why;

    if ((rc = tern_trust_store_init(&store, store_mem, sizeof(store_mem), 2)) != TERN_OK ||
        (rc = tern_trust_store_add_der(store, pki->root_der.data, pki->root_der.len)) != TERN_OK) {
        return rc_why("trust store", rc);
    }
    for (k = 0; k < 2; k++) {
        const tlsb_cred *cr = k == 0 ? &pki->ecdsa : &pki->rsa;
        chain[k][0] = cr->leaf_der.data;
        chain_len[k][0] = cr->leaf_der.len;
        chain[k][1] = pki->int_der.data;
        chain_len[k][1] = pki->int_der.len;
        if ((rc = tern_key_parse_private(cr->key_der.data, cr->key_der.len, &key[k])) != TERN_OK) {
            return rc_why("server key", rc);
        }
    }
    if ((rc = tern_hmac_drbg_init(&drbg, &tern_sha256_class, NULL, NULL, 0)) != TERN_OK ||
        (rc = tern_ticket_keys_init(&tk, &drbg.vtable, NULL)) != TERN_OK) {
        return rc_why("ticket keys", rc);
    }
    have_tk = 1;
    for (conf = 0; conf < TLSB_TERN_NCONF; conf++) {
        for (cs = 0; cs < TLSB_NCASES; cs++) {
            tern_config *cc = &ccfg_all[conf][cs], *sc = &scfg_all[conf][cs];
            k = cs == TLSB_RSA_GCM ? 1 : 0;
            if ((why = config(cc, cs, conf)) != NULL || (why = config(sc, cs, conf)) != NULL) {
                return why;
            }
            cc->trust = store;
            sc->ticket_keys = &tk;
            if ((rc = tern_config_add_credential(sc, chain[k], chain_len[k], 2, &key[k])) !=
                TERN_OK) {
                return rc_why("server credential", rc);
            }
        }
    }
    return NULL;
}

static void teardown(void)
{
    if (have_tk) {
        tern_ticket_keys_free(&tk);
        have_tk = 0;
    }
    tern_wipe(&saved, sizeof(saved));
    have_saved = 0;
}

static void pair_free(void *v)
{
    pair *p = (pair *)v;
    int side;
    for (side = 0; side < 2; side++) {
        if (p->c[side] != NULL) {
            tern_conn_free(p->c[side]);
        }
    }
    free(p->raw);
    free(p);
}

static size_t round16(size_t n)
{
    return (n + 15u) & ~(size_t)15u;
}

static void *pair_new(tlsb_case cs, tlsb_link *link, int resume)
{
    pair *p = (pair *)calloc(1, sizeof(*p));
    uint8_t *mem;
    int side, rc;

    if (p == NULL) {
        tlsb_error("out of memory");
        return NULL;
    }
    p->size[TLSB_CLIENT] = tern_conn_size(&ccfg_all[tlsb_tern_conf][cs]);
    p->size[TLSB_SERVER] = tern_conn_size(&scfg_all[tlsb_tern_conf][cs]);
    p->raw = malloc(round16(p->size[TLSB_CLIENT]) + p->size[TLSB_SERVER] + 15u);
    if (p->raw == NULL) {
        tlsb_error("out of memory");
        free(p);
        return NULL;
    }
    mem = (uint8_t *)(((uintptr_t)p->raw + 15u) & ~(uintptr_t)15u);
    for (side = 0; side < 2; side++) {
        p->io[side].in = tlsb_in(link, side);
        p->io[side].out = tlsb_out(link, side);
    }
    rc = tern_conn_init(&p->c[TLSB_CLIENT], mem, p->size[TLSB_CLIENT],
                        &ccfg_all[tlsb_tern_conf][cs], TERN_CLIENT);
    if (rc == TERN_OK) {
        mem += round16(p->size[TLSB_CLIENT]);
        rc = tern_conn_init(&p->c[TLSB_SERVER], mem, p->size[TLSB_SERVER],
                            &scfg_all[tlsb_tern_conf][cs], TERN_SERVER);
    }
    if (rc == TERN_OK) {
        rc = tern_conn_set_hostname(p->c[TLSB_CLIENT], TLSB_HOSTNAME);
    }
    if (rc == TERN_OK && resume) {
        rc = have_saved ? tern_conn_set_session(p->c[TLSB_CLIENT], &saved) : TERN_ERR_NOT_FOUND;
    }
    if (rc != TERN_OK) {
        tlsb_error("%s", rc_why("connection setup", rc));
        pair_free(p);
        return NULL;
    }
    return p;
}

/* Moves records between the connection and the pipes as far as they go;
 * -1 when the connection has failed. */
static int pump(tern_conn *c, side_io *io)
{
    int err, alert, sent = 0;
    for (;;) {
        size_t len, n;
        uint8_t *buf;
        int progress = 0;
        buf = tern_conn_sendrec_buf(c, &len);
        if (buf != NULL && len > 0 && (n = tlsb_pipe_write(io->out, buf, len)) > 0) {
            tern_conn_sendrec_ack(c, n);
            progress = 1;
        }
        buf = tern_conn_recvrec_buf(c, &len);
        if (buf != NULL && len > 0 && (n = tlsb_pipe_read(io->in, buf, len)) > 0) {
            tern_conn_recvrec_ack(c, n);
            progress = 1;
        }
        if (!progress) {
            break;
        }
    }
    err = tern_conn_error(c);
    if (err == TERN_OK) {
        return 0;
    }
    alert = tern_conn_last_alert(c, &sent);
    tlsb_error("%s (%s), alert %d %s", tern_err_name(err), tern_strerror(err), alert,
               alert < 0 ? ""
               : sent    ? "sent"
                         : "received");
    return -1;
}

static int handshake(void *v, int side)
{
    pair *p = (pair *)v;
    tern_conn *c = p->c[side];
    if (pump(c, &p->io[side]) != 0) {
        return -1;
    }
    return tern_conn_state(c) == TERN_CONN_OPERATING && !(tern_conn_status(c) & TERN_ST_SENDREC)
               ? 1
               : 0;
}

static int save_session(void *v)
{
    pair *p = (pair *)v;
    int rc = tern_conn_get_session(p->c[TLSB_CLIENT], &saved);
    if (rc != TERN_OK) {
        tlsb_error("%s", rc_why("tern_conn_get_session", rc));
        return -1;
    }
    if (saved.ticket_len == 0) {
        tlsb_error("no session ticket");
        return -1;
    }
    have_saved = 1;
    return 0;
}

static int resumed(void *v)
{
    tern_conn_info info;
    if (tern_conn_get_info(((pair *)v)->c[TLSB_CLIENT], &info) != TERN_OK) {
        return -1;
    }
    return info.resumed ? 1 : 0;
}

static const char *name_or(const char *s)
{
    return s != NULL ? s : "?";
}

static void describe(void *v, char *buf, size_t len)
{
    tern_conn_info info;
    if (tern_conn_get_info(((pair *)v)->c[TLSB_CLIENT], &info) != TERN_OK) {
        snprintf(buf, len, "(tern_conn_get_info failed)");
        return;
    }
    snprintf(buf, len, "%s %s %s %s, chain %s%s", name_or(tern_version_name(info.version)),
             name_or(tern_suite_name(info.suite)),
             info.group != 0 ? name_or(tern_group_name(info.group)) : "-",
             info.sig_scheme != 0 ? name_or(tern_sig_scheme_name(info.sig_scheme)) : "-",
             info.resumed         ? "not sent (resumed)"
             : info.peer_verified ? "verified"
                                  : "NOT verified",
             info.ems ? ", EMS" : "");
}

static long send_(void *v, int side, const uint8_t *data, size_t want)
{
    pair *p = (pair *)v;
    tern_conn *c = p->c[side];
    uint8_t *buf;
    size_t len;
    if (pump(c, &p->io[side]) != 0) {
        return -1;
    }
    buf = tern_conn_sendapp_buf(c, &len);
    if (buf == NULL || len == 0) {
        return 0;
    }
    if (len > want) {
        len = want;
    }
    memcpy(buf, data, len);
    tern_conn_sendapp_ack(c, len);
    tern_conn_flush_app(c);
    return pump(c, &p->io[side]) != 0 ? -1 : (long)len;
}

static long recv_(void *v, int side, uint8_t *out, size_t want)
{
    pair *p = (pair *)v;
    tern_conn *c = p->c[side];
    uint8_t *buf;
    size_t len;
    if (pump(c, &p->io[side]) != 0) {
        return -1;
    }
    buf = tern_conn_recvapp_buf(c, &len);
    if (buf == NULL || len == 0) {
        return 0;
    }
    if (len > want) {
        len = want;
    }
    memcpy(out, buf, len);
    tern_conn_recvapp_ack(c, len);
    return (long)len;
}

static size_t caller_mem(void *v)
{
    pair *p = (pair *)v;
    return p->size[TLSB_CLIENT] + p->size[TLSB_SERVER];
}

const tlsb_lib tlsb_tern = {
    "tern",         "ticket (RFC 5077)",
    TLSB_HEAP_NONE, "none: tern never allocates",
    NULL,           version,
    setup,          teardown,
    pair_new,       handshake,
    save_session,   resumed,
    describe,       send_,
    recv_,          caller_mem,
    pair_free,      NULL,
};
