/*
 * bench-tls: BearSSL side. BearSSL never allocates: each pair holds its
 * client context, X.509 validation context, server context and two full
 * bidirectional I/O buffers (BR_SSL_BUFSIZE_BIDI, 16 KiB records both
 * ways), all reported as memory outside the heap. BearSSL has no session
 * tickets: resumption by session ID, through an LRU cache shared by
 * every server (like a config, not counted per pair).
 *
 * Pinning the parameters: the client's ECDHE implementation is the
 * default one with its curve list cut to secp256r1, and its engine keeps
 * only SHA-256, so that its signature_algorithms offer SHA-256 only (the
 * X.509 context keeps every hash for the chain).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bearssl.h>

#include "tls_bench.h"

#ifndef TLSB_BEARSSL_VERSION
#define TLSB_BEARSSL_VERSION "?"
#endif

typedef struct side_io {
    tlsb_pipe *in, *out;
} side_io;

typedef struct pair {
    br_ssl_client_context cc;
    br_x509_minimal_context xc;
    br_ssl_server_context sc;
    unsigned char cbuf[BR_SSL_BUFSIZE_BIDI];
    unsigned char sbuf[BR_SSL_BUFSIZE_BIDI];
    side_io io[2];
} pair;

static br_x509_trust_anchor anchor;
static unsigned char anchor_dn[512], anchor_q[160];
static br_x509_certificate chain[2][2];
static br_skey_decoder_context skey[2];
static br_ec_impl ec_p256;
static br_ssl_session_cache_lru cache;
static unsigned char cache_store[256 * 100]; /* about 256 sessions */
static br_ssl_session_parameters saved;
static int have_saved;

static const uint16_t suites[TLSB_NCASES] = {BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                                             BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                                             BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256};

static const char *version(void)
{
    return "BearSSL " TLSB_BEARSSL_VERSION;
}

typedef struct dn_buf {
    unsigned char *p;
    size_t len, cap;
    int overflow;
} dn_buf;

static void dn_append(void *ctx, const void *data, size_t len)
{
    dn_buf *d = (dn_buf *)ctx;
    if (len > d->cap - d->len) {
        d->overflow = 1;
        return;
    }
    memcpy(d->p + d->len, data, len);
    d->len += len;
}

static const char *setup(const tlsb_pki *pki)
{
    br_x509_decoder_context dc;
    const br_x509_pkey *pk;
    dn_buf dn = {anchor_dn, 0, sizeof(anchor_dn), 0};
    int k;

    br_x509_decoder_init(&dc, dn_append, &dn);
    br_x509_decoder_push(&dc, pki->root_der.data, pki->root_der.len);
    pk = br_x509_decoder_get_pkey(&dc);
    if (pk == NULL || dn.overflow || pk->key_type != BR_KEYTYPE_EC ||
        pk->key.ec.qlen > sizeof(anchor_q)) {
        return "cannot decode root-ca.der as an EC trust anchor";
    }
    memcpy(anchor_q, pk->key.ec.q, pk->key.ec.qlen);
    anchor.dn.data = anchor_dn;
    anchor.dn.len = dn.len;
    anchor.flags = br_x509_decoder_isCA(&dc) ? BR_X509_TA_CA : 0;
    anchor.pkey.key_type = BR_KEYTYPE_EC;
    anchor.pkey.key.ec.curve = pk->key.ec.curve;
    anchor.pkey.key.ec.q = anchor_q;
    anchor.pkey.key.ec.qlen = pk->key.ec.qlen;

    for (k = 0; k < 2; k++) {
        const tlsb_cred *cr = k == 0 ? &pki->ecdsa : &pki->rsa;
        chain[k][0].data = cr->leaf_der.data;
        chain[k][0].data_len = cr->leaf_der.len;
        chain[k][1].data = pki->int_der.data;
        chain[k][1].data_len = pki->int_der.len;
        br_skey_decoder_init(&skey[k]);
        br_skey_decoder_push(&skey[k], cr->key_der.data, cr->key_der.len);
        if (br_skey_decoder_last_error(&skey[k]) != 0 ||
            br_skey_decoder_key_type(&skey[k]) != (k == 0 ? BR_KEYTYPE_EC : BR_KEYTYPE_RSA)) {
            return "cannot decode the server key";
        }
    }
    ec_p256 = *br_ec_get_default();
    ec_p256.supported_curves &= (uint32_t)1 << BR_EC_secp256r1;
    br_ssl_session_cache_lru_init(&cache, cache_store, sizeof(cache_store));
    have_saved = 0;
    return NULL;
}

static void teardown(void)
{
    have_saved = 0;
}

static void pair_free(void *v)
{
    free(v);
}

static void *pair_new(tlsb_case cs, tlsb_link *link, int resume)
{
    pair *p = (pair *)malloc(sizeof(*p));
    br_ssl_engine_context *ce, *se;
    int side;

    if (p == NULL) {
        tlsb_error("out of memory");
        return NULL;
    }
    memset(p, 0, sizeof(*p));
    ce = &p->cc.eng;
    se = &p->sc.eng;

    br_ssl_client_init_full(&p->cc, &p->xc, &anchor, 1);
    br_ssl_engine_set_versions(ce, BR_TLS12, BR_TLS12);
    br_ssl_engine_set_suites(ce, &suites[cs], 1);
    br_ssl_engine_set_ec(ce, &ec_p256);
    br_ssl_engine_set_hash(ce, br_md5_ID, NULL);
    br_ssl_engine_set_hash(ce, br_sha1_ID, NULL);
    br_ssl_engine_set_hash(ce, br_sha224_ID, NULL);
    br_ssl_engine_set_hash(ce, br_sha384_ID, NULL);
    br_ssl_engine_set_hash(ce, br_sha512_ID, NULL);
    br_ssl_engine_set_buffer(ce, p->cbuf, sizeof(p->cbuf), 1);

    if (cs == TLSB_RSA_GCM) {
        br_ssl_server_init_full_rsa(&p->sc, chain[1], 2, br_skey_decoder_get_rsa(&skey[1]));
    } else {
        br_ssl_server_init_full_ec(&p->sc, chain[0], 2, BR_KEYTYPE_EC,
                                   br_skey_decoder_get_ec(&skey[0]));
    }
    br_ssl_engine_set_versions(se, BR_TLS12, BR_TLS12);
    br_ssl_engine_set_suites(se, &suites[cs], 1);
    br_ssl_engine_set_buffer(se, p->sbuf, sizeof(p->sbuf), 1);
    br_ssl_server_set_cache(&p->sc, &cache.vtable);

    for (side = 0; side < 2; side++) {
        p->io[side].in = tlsb_in(link, side);
        p->io[side].out = tlsb_out(link, side);
    }
    if (resume) {
        if (!have_saved) {
            tlsb_error("no saved session");
            free(p);
            return NULL;
        }
        br_ssl_engine_set_session_parameters(ce, &saved);
    }
    if (!br_ssl_client_reset(&p->cc, TLSB_HOSTNAME, resume) || !br_ssl_server_reset(&p->sc)) {
        tlsb_error("reset failed: error %d", br_ssl_engine_last_error(ce));
        free(p);
        return NULL;
    }
    return p;
}

/* Moves records between the engine and the pipes as far as they go. */
static int run_engine(br_ssl_engine_context *eng, side_io *io)
{
    for (;;) {
        unsigned st = br_ssl_engine_current_state(eng);
        unsigned char *buf;
        size_t len, n;
        if (st & BR_SSL_CLOSED) {
            tlsb_error("engine closed, error %d", br_ssl_engine_last_error(eng));
            return -1;
        }
        if (st & BR_SSL_SENDREC) {
            buf = br_ssl_engine_sendrec_buf(eng, &len);
            n = tlsb_pipe_write(io->out, buf, len);
            if (n > 0) {
                br_ssl_engine_sendrec_ack(eng, n);
                continue;
            }
        }
        if (st & BR_SSL_RECVREC) {
            buf = br_ssl_engine_recvrec_buf(eng, &len);
            n = tlsb_pipe_read(io->in, buf, len);
            if (n > 0) {
                br_ssl_engine_recvrec_ack(eng, n);
                continue;
            }
        }
        return 0;
    }
}

static br_ssl_engine_context *engine(pair *p, int side)
{
    return side == TLSB_CLIENT ? &p->cc.eng : &p->sc.eng;
}

static int handshake(void *v, int side)
{
    pair *p = (pair *)v;
    br_ssl_engine_context *eng = engine(p, side);
    unsigned st;
    if (run_engine(eng, &p->io[side]) != 0) {
        return -1;
    }
    st = br_ssl_engine_current_state(eng);
    return (st & BR_SSL_SENDAPP) && !(st & BR_SSL_SENDREC) ? 1 : 0;
}

static int save_session(void *v)
{
    pair *p = (pair *)v;
    br_ssl_engine_get_session_parameters(&p->cc.eng, &saved);
    have_saved = saved.session_id_len > 0;
    if (!have_saved) {
        tlsb_error("the server gave no session ID");
        return -1;
    }
    return 0;
}

/* The server echoes the offered session ID only when it resumes. */
static int resumed(void *v)
{
    pair *p = (pair *)v;
    br_ssl_session_parameters now;
    br_ssl_engine_get_session_parameters(&p->cc.eng, &now);
    return have_saved && now.session_id_len == saved.session_id_len &&
                   memcmp(now.session_id, saved.session_id, now.session_id_len) == 0
               ? 1
               : 0;
}

static void describe(void *v, char *buf, size_t len)
{
    pair *p = (pair *)v;
    br_ssl_session_parameters sp;
    int curve = br_ssl_engine_get_ecdhe_curve(&p->cc.eng);
    br_ssl_engine_get_session_parameters(&p->cc.eng, &sp);
    snprintf(buf, len,
             "version 0x%04x suite 0x%04x curve %d%s (client offers SHA-256 signatures only), "
             "chain verified by br_x509_minimal",
             br_ssl_engine_get_version(&p->cc.eng), sp.cipher_suite, curve,
             curve == BR_EC_secp256r1 ? " (secp256r1)" : "");
}

static long send_(void *v, int side, const uint8_t *data, size_t want)
{
    pair *p = (pair *)v;
    br_ssl_engine_context *eng = engine(p, side);
    unsigned char *buf;
    size_t len;
    if (run_engine(eng, &p->io[side]) != 0) {
        return -1;
    }
    buf = br_ssl_engine_sendapp_buf(eng, &len);
    if (buf == NULL) {
        return 0;
    }
    if (len > want) {
        len = want;
    }
    memcpy(buf, data, len);
    br_ssl_engine_sendapp_ack(eng, len);
    br_ssl_engine_flush(eng, 0);
    return run_engine(eng, &p->io[side]) != 0 ? -1 : (long)len;
}

static long recv_(void *v, int side, uint8_t *out, size_t want)
{
    pair *p = (pair *)v;
    br_ssl_engine_context *eng = engine(p, side);
    unsigned char *buf;
    size_t len;
    if (run_engine(eng, &p->io[side]) != 0) {
        return -1;
    }
    buf = br_ssl_engine_recvapp_buf(eng, &len);
    if (buf == NULL) {
        return 0;
    }
    if (len > want) {
        len = want;
    }
    memcpy(out, buf, len);
    br_ssl_engine_recvapp_ack(eng, len);
    return (long)len;
}

static size_t caller_mem(void *v)
{
    (void)v;
    return sizeof(br_ssl_client_context) + sizeof(br_x509_minimal_context) +
           sizeof(br_ssl_server_context) + 2 * (size_t)BR_SSL_BUFSIZE_BIDI;
}

const tlsb_lib tlsb_bearssl = {
    "BearSSL",      "session ID (LRU cache; BearSSL has no tickets)",
    TLSB_HEAP_NONE, "none: BearSSL never allocates",
    NULL,           version,
    setup,          teardown,
    pair_new,       handshake,
    save_session,   resumed,
    describe,       send_,
    recv_,          caller_mem,
    pair_free,      NULL,
};
