/*
 * bench-tls: Mbed TLS 2.28 side. One CTR-DRBG shared by every
 * connection (as Mbed TLS applications do); resumption by ticket
 * (mbedtls_ssl_ticket, AES-256-GCM). Debian builds Mbed TLS without
 * MBEDTLS_PLATFORM_MEMORY, so mbedtls_platform_set_calloc_free does not
 * exist: the heap is counted by the interposed malloc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_ticket.h>
#include <mbedtls/version.h>
#include <mbedtls/x509_crt.h>

#include "tls_bench.h"

static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;
static mbedtls_ssl_ticket_context tickets;
static mbedtls_x509_crt anchor, chain[2];
static mbedtls_pk_context key[2];
static mbedtls_ssl_config cconf[TLSB_NCASES], sconf[TLSB_NCASES];
static mbedtls_ssl_session saved;
static int have_saved, ready;

static const int suites[TLSB_NCASES][2] = {
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, 0},
    {MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0},
    {MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, 0},
};
static const mbedtls_ecp_group_id curves[] = {MBEDTLS_ECP_DP_SECP256R1, MBEDTLS_ECP_DP_NONE};
static const int hashes[] = {MBEDTLS_MD_SHA256, MBEDTLS_MD_NONE};

typedef struct side_io {
    tlsb_pipe *in, *out;
} side_io;

typedef struct pair {
    mbedtls_ssl_context ssl[2];
    side_io io[2];
    int certs_verified; /* client: certificates seen by the verify callback */
} pair;

static const char *mbed_err(const char *what, int rc)
{
    static char buf[300];
    char es[200];
    mbedtls_strerror(rc, es, sizeof(es));
    snprintf(buf, sizeof(buf), "%s: -0x%04x %s", what, (unsigned)-rc, es);
    return buf;
}

static const char *version(void)
{
    return "Mbed TLS " MBEDTLS_VERSION_STRING;
}

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    side_io *io = (side_io *)ctx;
    size_t n = tlsb_pipe_write(io->out, buf, len);
    return n == 0 && len > 0 ? MBEDTLS_ERR_SSL_WANT_WRITE : (int)n;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    side_io *io = (side_io *)ctx;
    size_t n = tlsb_pipe_read(io->in, buf, len);
    return n == 0 && len > 0 ? MBEDTLS_ERR_SSL_WANT_READ : (int)n;
}

static const char *conf_common(mbedtls_ssl_config *c, int endpoint, int cs)
{
    int rc = mbedtls_ssl_config_defaults(c, endpoint, MBEDTLS_SSL_TRANSPORT_STREAM,
                                         MBEDTLS_SSL_PRESET_DEFAULT);
    if (rc != 0) {
        return mbed_err("mbedtls_ssl_config_defaults", rc);
    }
    mbedtls_ssl_conf_rng(c, mbedtls_ctr_drbg_random, &drbg);
    mbedtls_ssl_conf_min_version(c, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_max_version(c, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_ciphersuites(c, suites[cs]);
    mbedtls_ssl_conf_curves(c, curves);
    mbedtls_ssl_conf_sig_hashes(c, hashes);
    return NULL;
}

static const char *setup(const tlsb_pki *pki)
{
    int rc, cs, k;
    const char *why;

    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_ssl_ticket_init(&tickets);
    mbedtls_x509_crt_init(&anchor);
    for (k = 0; k < 2; k++) {
        mbedtls_x509_crt_init(&chain[k]);
        mbedtls_pk_init(&key[k]);
    }
    for (cs = 0; cs < TLSB_NCASES; cs++) {
        mbedtls_ssl_config_init(&cconf[cs]);
        mbedtls_ssl_config_init(&sconf[cs]);
    }
    ready = 1;
    if ((rc = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
                                    (const unsigned char *)"bench-tls", 9)) != 0) {
        return mbed_err("mbedtls_ctr_drbg_seed", rc);
    }
    if ((rc = mbedtls_ssl_ticket_setup(&tickets, mbedtls_ctr_drbg_random, &drbg,
                                       MBEDTLS_CIPHER_AES_256_GCM, 86400)) != 0) {
        return mbed_err("mbedtls_ssl_ticket_setup", rc);
    }
    if ((rc = mbedtls_x509_crt_parse_file(&anchor, pki->root_pem)) != 0) {
        return mbed_err("trust anchor", rc);
    }
    for (k = 0; k < 2; k++) {
        const tlsb_cred *cr = k == 0 ? &pki->ecdsa : &pki->rsa;
        if ((rc = mbedtls_x509_crt_parse_file(&chain[k], cr->chain_pem)) != 0) {
            return mbed_err("server chain", rc);
        }
        if ((rc = mbedtls_pk_parse_keyfile(&key[k], cr->key_pem, NULL)) != 0) {
            return mbed_err("server key", rc);
        }
    }
    for (cs = 0; cs < TLSB_NCASES; cs++) {
        int k2 = cs == TLSB_RSA_GCM ? 1 : 0;
        if ((why = conf_common(&sconf[cs], MBEDTLS_SSL_IS_SERVER, cs)) != NULL ||
            (why = conf_common(&cconf[cs], MBEDTLS_SSL_IS_CLIENT, cs)) != NULL) {
            return why;
        }
        if ((rc = mbedtls_ssl_conf_own_cert(&sconf[cs], &chain[k2], &key[k2])) != 0) {
            return mbed_err("mbedtls_ssl_conf_own_cert", rc);
        }
        mbedtls_ssl_conf_session_tickets_cb(&sconf[cs], mbedtls_ssl_ticket_write,
                                            mbedtls_ssl_ticket_parse, &tickets);
        mbedtls_ssl_conf_authmode(&cconf[cs], MBEDTLS_SSL_VERIFY_REQUIRED);
        mbedtls_ssl_conf_ca_chain(&cconf[cs], &anchor, NULL);
        mbedtls_ssl_conf_session_tickets(&cconf[cs], MBEDTLS_SSL_SESSION_TICKETS_ENABLED);
    }
    return NULL;
}

static void teardown(void)
{
    int cs, k;
    if (!ready) {
        return;
    }
    for (cs = 0; cs < TLSB_NCASES; cs++) {
        mbedtls_ssl_config_free(&cconf[cs]);
        mbedtls_ssl_config_free(&sconf[cs]);
    }
    for (k = 0; k < 2; k++) {
        mbedtls_x509_crt_free(&chain[k]);
        mbedtls_pk_free(&key[k]);
    }
    mbedtls_x509_crt_free(&anchor);
    mbedtls_ssl_ticket_free(&tickets);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    if (have_saved) {
        mbedtls_ssl_session_free(&saved);
        have_saved = 0;
    }
    ready = 0;
}

/* Counts the certificates the client verified (none when it resumed). */
static int verify_cb(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    (void)crt;
    (void)depth;
    (void)flags;
    ((pair *)ctx)->certs_verified++;
    return 0; /* keeps the library's verdict in *flags */
}

static void pair_free(void *v)
{
    pair *p = (pair *)v;
    mbedtls_ssl_free(&p->ssl[TLSB_CLIENT]);
    mbedtls_ssl_free(&p->ssl[TLSB_SERVER]);
    free(p);
}

static void *pair_new(tlsb_case cs, tlsb_link *link, int resume)
{
    pair *p = (pair *)calloc(1, sizeof(*p));
    int side, rc;

    if (p == NULL) {
        tlsb_error("out of memory");
        return NULL;
    }
    for (side = 0; side < 2; side++) {
        mbedtls_ssl_init(&p->ssl[side]);
    }
    for (side = 0; side < 2; side++) {
        rc = mbedtls_ssl_setup(&p->ssl[side], side == TLSB_CLIENT ? &cconf[cs] : &sconf[cs]);
        if (rc != 0) {
            tlsb_error("%s", mbed_err("mbedtls_ssl_setup", rc));
            pair_free(p);
            return NULL;
        }
        p->io[side].in = tlsb_in(link, side);
        p->io[side].out = tlsb_out(link, side);
        mbedtls_ssl_set_bio(&p->ssl[side], &p->io[side], bio_send, bio_recv, NULL);
    }
    mbedtls_ssl_set_verify(&p->ssl[TLSB_CLIENT], verify_cb, p);
    if ((rc = mbedtls_ssl_set_hostname(&p->ssl[TLSB_CLIENT], TLSB_HOSTNAME)) != 0 ||
        (resume &&
         (!have_saved || (rc = mbedtls_ssl_set_session(&p->ssl[TLSB_CLIENT], &saved)) != 0))) {
        tlsb_error("%s", mbed_err("client settings", rc));
        pair_free(p);
        return NULL;
    }
    return p;
}

static int handshake(void *v, int side)
{
    pair *p = (pair *)v;
    int rc = mbedtls_ssl_handshake(&p->ssl[side]);
    if (rc == 0) {
        return 1;
    }
    if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE) {
        return 0;
    }
    tlsb_error("%s (verify flags 0x%x)", mbed_err("mbedtls_ssl_handshake", rc),
               (unsigned)mbedtls_ssl_get_verify_result(&p->ssl[side]));
    return -1;
}

static int save_session(void *v)
{
    pair *p = (pair *)v;
    int rc;
    if (have_saved) {
        mbedtls_ssl_session_free(&saved);
    }
    mbedtls_ssl_session_init(&saved);
    have_saved = 1;
    rc = mbedtls_ssl_get_session(&p->ssl[TLSB_CLIENT], &saved);
    if (rc != 0) {
        tlsb_error("%s", mbed_err("mbedtls_ssl_get_session", rc));
        return -1;
    }
    if (saved.ticket == NULL || saved.ticket_len == 0) {
        tlsb_error("no session ticket");
        return -1;
    }
    return 0;
}

static int resumed(void *v)
{
    return ((pair *)v)->certs_verified == 0 ? 1 : 0;
}

static void describe(void *v, char *buf, size_t len)
{
    pair *p = (pair *)v;
    const mbedtls_ssl_context *c = &p->ssl[TLSB_CLIENT];
    /* 2.28 has no accessor for the ECDHE group or the signature scheme:
     * the configuration allows only secp256r1 and SHA-256 signatures */
    snprintf(buf, len, "%s %s secp256r1 (only one configured) %s-SHA256, chain %s (%d certs)",
             mbedtls_ssl_get_version(c), mbedtls_ssl_get_ciphersuite(c),
             mbedtls_ssl_get_ciphersuite_id(mbedtls_ssl_get_ciphersuite(c)) ==
                     MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
                 ? "RSA"
                 : "ECDSA",
             mbedtls_ssl_get_verify_result(c) == 0 ? "verified" : "NOT verified",
             p->certs_verified);
}

static long send_(void *v, int side, const uint8_t *buf, size_t len)
{
    pair *p = (pair *)v;
    int rc = mbedtls_ssl_write(&p->ssl[side], buf, len);
    if (rc >= 0) {
        return rc;
    }
    if (rc == MBEDTLS_ERR_SSL_WANT_WRITE || rc == MBEDTLS_ERR_SSL_WANT_READ) {
        return 0;
    }
    tlsb_error("%s", mbed_err("mbedtls_ssl_write", rc));
    return -1;
}

static long recv_(void *v, int side, uint8_t *buf, size_t len)
{
    pair *p = (pair *)v;
    int rc = mbedtls_ssl_read(&p->ssl[side], buf, len);
    if (rc > 0) {
        return rc;
    }
    if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE) {
        return 0;
    }
    tlsb_error("%s", mbed_err("mbedtls_ssl_read", rc));
    return -1;
}

/* The two mbedtls_ssl_context structs (caller memory in Mbed TLS's API)
 * live in the pair struct, which is malloc'd inside the counting window:
 * the interposer counts them with the rest. */
static size_t caller_mem(void *v)
{
    (void)v;
    return 0;
}

const tlsb_lib tlsb_mbedtls = {
    "Mbed TLS",
    "ticket (RFC 5077)",
    TLSB_HEAP_INTERPOSED,
    "interposed malloc: Debian builds it without MBEDTLS_PLATFORM_MEMORY",
    NULL,
    version,
    setup,
    teardown,
    pair_new,
    handshake,
    save_session,
    resumed,
    describe,
    send_,
    recv_,
    caller_mem,
    pair_free,
    NULL,
};
