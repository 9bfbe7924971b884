/*
 * bench-tls: OpenSSL (libssl 3.x) side. The pipes are reached through a
 * BIO method of our own (no BIO pair buffers to count). Resumption by
 * ticket (RFC 5077, keys made by the SSL_CTX); the server's stateful
 * session cache is off, as tern's benchmark server has none. Heap
 * counted through CRYPTO_set_mem_functions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include "tls_bench.h"

static SSL_CTX *cctx[TLSB_NCASES], *sctx[TLSB_NCASES];
static BIO_METHOD *method;
static SSL_SESSION *saved;

typedef struct side_io {
    tlsb_pipe *in, *out;
} side_io;

typedef struct pair {
    SSL *ssl[2];
    side_io io[2];
} pair;

/* ---- allocator hooks ------------------------------------------------------- */

static void *hook_malloc(size_t n, const char *file, int line)
{
    (void)file;
    (void)line;
    return tlsb_hook_malloc(n);
}

static void *hook_realloc(void *p, size_t n, const char *file, int line)
{
    (void)file;
    (void)line;
    return tlsb_hook_realloc(p, n);
}

static void hook_free(void *p, const char *file, int line)
{
    (void)file;
    (void)line;
    tlsb_hook_free(p);
}

static int install_hooks(void)
{
    return CRYPTO_set_mem_functions(hook_malloc, hook_realloc, hook_free) == 1 ? 0 : -1;
}

/* ---- BIO over a pipe ------------------------------------------------------- */

static int bio_write(BIO *b, const char *data, int len)
{
    side_io *io = (side_io *)BIO_get_data(b);
    size_t n;
    BIO_clear_retry_flags(b);
    n = tlsb_pipe_write(io->out, (const uint8_t *)data, (size_t)len);
    if (n == 0 && len > 0) {
        BIO_set_retry_write(b);
        return -1;
    }
    return (int)n;
}

static int bio_read(BIO *b, char *out, int len)
{
    side_io *io = (side_io *)BIO_get_data(b);
    size_t n;
    BIO_clear_retry_flags(b);
    n = tlsb_pipe_read(io->in, (uint8_t *)out, (size_t)len);
    if (n == 0 && len > 0) {
        BIO_set_retry_read(b);
        return -1;
    }
    return (int)n;
}

static long bio_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    (void)b;
    (void)num;
    (void)ptr;
    return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

static int bio_create(BIO *b)
{
    BIO_set_init(b, 1);
    return 1;
}

/* ---- setup ----------------------------------------------------------------- */

static const char *err_string(const char *what)
{
    static char buf[400];
    unsigned long e = ERR_get_error();
    char es[256];
    ERR_error_string_n(e, es, sizeof(es));
    snprintf(buf, sizeof(buf), "%s: %s", what, e != 0 ? es : "failed");
    ERR_clear_error();
    return buf;
}

static const char *version(void)
{
    return OpenSSL_version(OPENSSL_VERSION);
}

static const char *const suites[TLSB_NCASES] = {"ECDHE-ECDSA-AES128-GCM-SHA256",
                                                "ECDHE-RSA-AES128-GCM-SHA256",
                                                "ECDHE-ECDSA-CHACHA20-POLY1305"};
static const char *const sigalgs[TLSB_NCASES] = {"ECDSA+SHA256", "RSA+SHA256", "ECDSA+SHA256"};

static const char *common(SSL_CTX *ctx, int cs)
{
    if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_cipher_list(ctx, suites[cs]) != 1 ||
        SSL_CTX_set1_groups_list(ctx, "P-256") != 1 ||
        SSL_CTX_set1_sigalgs_list(ctx, sigalgs[cs]) != 1) {
        return err_string("context settings");
    }
    return NULL;
}

static const char *setup(const tlsb_pki *pki)
{
    int cs;
    const char *why;

    method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "tlsb pipe");
    if (method == NULL || BIO_meth_set_write(method, bio_write) != 1 ||
        BIO_meth_set_read(method, bio_read) != 1 || BIO_meth_set_ctrl(method, bio_ctrl) != 1 ||
        BIO_meth_set_create(method, bio_create) != 1) {
        return "BIO_meth_new failed";
    }
    for (cs = 0; cs < TLSB_NCASES; cs++) {
        const tlsb_cred *cr = tlsb_case_cred(pki, (tlsb_case)cs);
        sctx[cs] = SSL_CTX_new(TLS_server_method());
        cctx[cs] = SSL_CTX_new(TLS_client_method());
        if (sctx[cs] == NULL || cctx[cs] == NULL) {
            return err_string("SSL_CTX_new");
        }
        if ((why = common(sctx[cs], cs)) != NULL || (why = common(cctx[cs], cs)) != NULL) {
            return why;
        }
        if (SSL_CTX_use_certificate_chain_file(sctx[cs], cr->chain_pem) != 1 ||
            SSL_CTX_use_PrivateKey_file(sctx[cs], cr->key_pem, SSL_FILETYPE_PEM) != 1) {
            return err_string("server credential");
        }
        /* tickets on (the default), stateful cache off */
        SSL_CTX_set_session_cache_mode(sctx[cs], SSL_SESS_CACHE_OFF);
        if (SSL_CTX_load_verify_locations(cctx[cs], pki->root_pem, NULL) != 1) {
            return err_string("trust anchor");
        }
        SSL_CTX_set_verify(cctx[cs], SSL_VERIFY_PEER, NULL);
        if (pki->partial) { /* a non-self-signed anchor (--anchor int-ca) */
            X509_STORE_set_flags(SSL_CTX_get_cert_store(cctx[cs]), X509_V_FLAG_PARTIAL_CHAIN);
        }
    }
    return NULL;
}

static void teardown(void)
{
    int cs;
    for (cs = 0; cs < TLSB_NCASES; cs++) {
        SSL_CTX_free(cctx[cs]);
        SSL_CTX_free(sctx[cs]);
        cctx[cs] = sctx[cs] = NULL;
    }
    SSL_SESSION_free(saved);
    saved = NULL;
    BIO_meth_free(method);
    method = NULL;
}

/* ---- pairs ----------------------------------------------------------------- */

/* Freed as after a closed connection: without the shutdown flags,
 * SSL_free marks the session as not resumable (the other libraries'
 * pairs are freed without sending close_notify either). */
static void pair_free(void *v)
{
    pair *p = (pair *)v;
    int side;
    for (side = 0; side < 2; side++) {
        if (p->ssl[side] != NULL) {
            SSL_set_shutdown(p->ssl[side], SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
            SSL_free(p->ssl[side]);
        }
    }
    free(p);
}

static void *pair_new(tlsb_case cs, tlsb_link *link, int resume)
{
    pair *p = (pair *)calloc(1, sizeof(*p));
    int side;

    if (p == NULL) {
        tlsb_error("out of memory");
        return NULL;
    }
    p->ssl[TLSB_CLIENT] = SSL_new(cctx[cs]);
    p->ssl[TLSB_SERVER] = SSL_new(sctx[cs]);
    if (p->ssl[TLSB_CLIENT] == NULL || p->ssl[TLSB_SERVER] == NULL) {
        tlsb_error("%s", err_string("SSL_new"));
        pair_free(p);
        return NULL;
    }
    for (side = 0; side < 2; side++) {
        BIO *b = BIO_new(method);
        if (b == NULL) {
            tlsb_error("%s", err_string("BIO_new"));
            pair_free(p);
            return NULL;
        }
        p->io[side].in = tlsb_in(link, side);
        p->io[side].out = tlsb_out(link, side);
        BIO_set_data(b, &p->io[side]);
        SSL_set_bio(p->ssl[side], b, b);
    }
    if (SSL_set_tlsext_host_name(p->ssl[TLSB_CLIENT], TLSB_HOSTNAME) != 1 ||
        SSL_set1_host(p->ssl[TLSB_CLIENT], TLSB_HOSTNAME) != 1 ||
        (resume && (saved == NULL || SSL_set_session(p->ssl[TLSB_CLIENT], saved) != 1))) {
        tlsb_error("%s", err_string("client settings"));
        pair_free(p);
        return NULL;
    }
    SSL_set_connect_state(p->ssl[TLSB_CLIENT]);
    SSL_set_accept_state(p->ssl[TLSB_SERVER]);
    return p;
}

static int handshake(void *v, int side)
{
    pair *p = (pair *)v;
    int r = SSL_do_handshake(p->ssl[side]);
    int e;
    if (r == 1) {
        return 1;
    }
    e = SSL_get_error(p->ssl[side], r);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
        return 0;
    }
    tlsb_error("%s (verify: %s)", err_string("SSL_do_handshake"),
               X509_verify_cert_error_string(SSL_get_verify_result(p->ssl[side])));
    return -1;
}

static int save_session(void *v)
{
    pair *p = (pair *)v;
    SSL_SESSION_free(saved);
    saved = SSL_get1_session(p->ssl[TLSB_CLIENT]);
    if (saved == NULL || !SSL_SESSION_has_ticket(saved)) {
        tlsb_error("no session ticket");
        return -1;
    }
    return 0;
}

static int resumed(void *v)
{
    return SSL_session_reused(((pair *)v)->ssl[TLSB_CLIENT]) ? 1 : 0;
}

static void describe(void *v, char *buf, size_t len)
{
    pair *p = (pair *)v;
    SSL *c = p->ssl[TLSB_CLIENT];
    EVP_PKEY *tmp = NULL;
    char group[64] = "?";
    int sig = 0, hash = 0;
    size_t glen = 0;

    if (SSL_get_peer_tmp_key(c, &tmp) == 1 && tmp != NULL) {
        if (EVP_PKEY_get_group_name(tmp, group, sizeof(group), &glen) != 1) {
            snprintf(group, sizeof(group), "?");
        }
        EVP_PKEY_free(tmp);
    }
    if (SSL_get_peer_signature_type_nid(c, &sig) != 1) {
        sig = 0;
    }
    if (SSL_get_peer_signature_nid(c, &hash) != 1) {
        hash = 0;
    }
    snprintf(buf, len, "%s %s %s %s+%s, chain %s%s", SSL_get_version(c), SSL_get_cipher_name(c),
             group, sig != 0 ? OBJ_nid2sn(sig) : "-", hash != 0 ? OBJ_nid2sn(hash) : "-",
             SSL_get_verify_result(c) == X509_V_OK ? "verified" : "NOT verified",
             SSL_get_extms_support(c) == 1 ? ", EMS" : "");
}

static long send_(void *v, int side, const uint8_t *buf, size_t len)
{
    pair *p = (pair *)v;
    int r = SSL_write(p->ssl[side], buf, (int)len);
    if (r > 0) {
        return r;
    }
    if (SSL_get_error(p->ssl[side], r) == SSL_ERROR_WANT_WRITE) {
        return 0;
    }
    tlsb_error("%s", err_string("SSL_write"));
    return -1;
}

static long recv_(void *v, int side, uint8_t *buf, size_t len)
{
    pair *p = (pair *)v;
    int r = SSL_read(p->ssl[side], buf, (int)len);
    if (r > 0) {
        return r;
    }
    if (SSL_get_error(p->ssl[side], r) == SSL_ERROR_WANT_READ) {
        return 0;
    }
    tlsb_error("%s", err_string("SSL_read"));
    return -1;
}

static size_t caller_mem(void *v)
{
    (void)v;
    return 0;
}

const tlsb_lib tlsb_openssl = {
    "OpenSSL",       "ticket (RFC 5077)",
    TLSB_HEAP_HOOKS, "CRYPTO_set_mem_functions",
    install_hooks,   version,
    setup,           teardown,
    pair_new,        handshake,
    save_session,    resumed,
    describe,        send_,
    recv_,           caller_mem,
    pair_free,       NULL,
};
