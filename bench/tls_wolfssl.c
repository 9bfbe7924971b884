/*
 * bench-tls: wolfSSL side (Debian's build: OPENSSL_ALL, SP math, no
 * AES-NI). I/O through wolfSSL's callback hooks; resumption by ticket
 * (wolfSSL's default ticket callback, keys made per context). Heap
 * counted through wolfSSL_SetAllocators.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wolfssl/options.h>

#include <wolfssl/ssl.h>
#include <wolfssl/wolfcrypt/ecc.h>
#include <wolfssl/wolfcrypt/memory.h>
#include <wolfssl/wolfio.h>

#include "tls_bench.h"

static WOLFSSL_CTX *cctx[TLSB_NCASES], *sctx[TLSB_NCASES];
static WOLFSSL_SESSION *saved;
static int inited;

typedef struct side_io {
    tlsb_pipe *in, *out;
} side_io;

typedef struct pair {
    WOLFSSL *ssl[2];
    side_io io[2];
} pair;

/* ---- allocator hooks ------------------------------------------------------- */

static void *hook_malloc(size_t n)
{
    return tlsb_hook_malloc(n);
}

static void hook_free(void *p)
{
    tlsb_hook_free(p);
}

static void *hook_realloc(void *p, size_t n)
{
    return tlsb_hook_realloc(p, n);
}

static int install_hooks(void)
{
    return wolfSSL_SetAllocators(hook_malloc, hook_free, hook_realloc) == 0 ? 0 : -1;
}

/* ---- I/O callbacks --------------------------------------------------------- */

static int io_recv(WOLFSSL *ssl, char *buf, int sz, void *ctx)
{
    side_io *io = (side_io *)ctx;
    size_t n = tlsb_pipe_read(io->in, (uint8_t *)buf, (size_t)sz);
    (void)ssl;
    return n == 0 && sz > 0 ? WOLFSSL_CBIO_ERR_WANT_READ : (int)n;
}

static int io_send(WOLFSSL *ssl, char *buf, int sz, void *ctx)
{
    side_io *io = (side_io *)ctx;
    size_t n = tlsb_pipe_write(io->out, (const uint8_t *)buf, (size_t)sz);
    (void)ssl;
    return n == 0 && sz > 0 ? WOLFSSL_CBIO_ERR_WANT_WRITE : (int)n;
}

/* ---- setup ----------------------------------------------------------------- */

static const char *version(void)
{
    static char buf[64];
    snprintf(buf, sizeof(buf), "wolfSSL %s", wolfSSL_lib_version());
    return buf;
}

static const char *const suites[TLSB_NCASES] = {"ECDHE-ECDSA-AES128-GCM-SHA256",
                                                "ECDHE-RSA-AES128-GCM-SHA256",
                                                "ECDHE-ECDSA-CHACHA20-POLY1305"};
static const char *const sigalgs[TLSB_NCASES] = {"ECDSA+SHA256", "RSA+SHA256", "ECDSA+SHA256"};

static const char *common(WOLFSSL_CTX *ctx, int cs)
{
    wolfSSL_CTX_SetIORecv(ctx, io_recv);
    wolfSSL_CTX_SetIOSend(ctx, io_send);
    if (wolfSSL_CTX_set_cipher_list(ctx, suites[cs]) != WOLFSSL_SUCCESS) {
        return "wolfSSL_CTX_set_cipher_list failed";
    }
    if (wolfSSL_CTX_set1_sigalgs_list(ctx, sigalgs[cs]) != WOLFSSL_SUCCESS) {
        return "wolfSSL_CTX_set1_sigalgs_list failed";
    }
    if (wolfSSL_CTX_UseSupportedCurve(ctx, WOLFSSL_ECC_SECP256R1) != WOLFSSL_SUCCESS) {
        return "wolfSSL_CTX_UseSupportedCurve failed";
    }
    return NULL;
}

static const char *setup(const tlsb_pki *pki)
{
    int cs;
    const char *why;

    if (wolfSSL_Init() != WOLFSSL_SUCCESS) {
        return "wolfSSL_Init failed";
    }
    inited = 1;
    for (cs = 0; cs < TLSB_NCASES; cs++) {
        const tlsb_cred *cr = tlsb_case_cred(pki, (tlsb_case)cs);
        sctx[cs] = wolfSSL_CTX_new(wolfTLSv1_2_server_method());
        cctx[cs] = wolfSSL_CTX_new(wolfTLSv1_2_client_method());
        if (sctx[cs] == NULL || cctx[cs] == NULL) {
            return "wolfSSL_CTX_new failed";
        }
        if ((why = common(sctx[cs], cs)) != NULL || (why = common(cctx[cs], cs)) != NULL) {
            return why;
        }
        if (wolfSSL_CTX_use_certificate_chain_file(sctx[cs], cr->chain_pem) != WOLFSSL_SUCCESS ||
            wolfSSL_CTX_use_PrivateKey_file(sctx[cs], cr->key_pem, WOLFSSL_FILETYPE_PEM) !=
                WOLFSSL_SUCCESS) {
            return "server credential not loaded";
        }
        if (wolfSSL_CTX_load_verify_locations(cctx[cs], pki->root_pem, NULL) != WOLFSSL_SUCCESS) {
            return "trust anchor not loaded";
        }
        wolfSSL_CTX_set_verify(cctx[cs], WOLFSSL_VERIFY_PEER, NULL);
        if (wolfSSL_CTX_UseSessionTicket(cctx[cs]) != WOLFSSL_SUCCESS) {
            return "wolfSSL_CTX_UseSessionTicket failed";
        }
    }
    return NULL;
}

static void teardown(void)
{
    int cs;
    for (cs = 0; cs < TLSB_NCASES; cs++) {
        wolfSSL_CTX_free(cctx[cs]);
        wolfSSL_CTX_free(sctx[cs]);
        cctx[cs] = sctx[cs] = NULL;
    }
    if (saved != NULL) {
        wolfSSL_SESSION_free(saved);
        saved = NULL;
    }
    if (inited) {
        wolfSSL_Cleanup();
        inited = 0;
    }
}

/* ---- pairs ----------------------------------------------------------------- */

static void pair_free(void *v)
{
    pair *p = (pair *)v;
    wolfSSL_free(p->ssl[TLSB_CLIENT]);
    wolfSSL_free(p->ssl[TLSB_SERVER]);
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
    p->ssl[TLSB_CLIENT] = wolfSSL_new(cctx[cs]);
    p->ssl[TLSB_SERVER] = wolfSSL_new(sctx[cs]);
    if (p->ssl[TLSB_CLIENT] == NULL || p->ssl[TLSB_SERVER] == NULL) {
        tlsb_error("wolfSSL_new failed");
        pair_free(p);
        return NULL;
    }
    for (side = 0; side < 2; side++) {
        p->io[side].in = tlsb_in(link, side);
        p->io[side].out = tlsb_out(link, side);
        wolfSSL_SetIOReadCtx(p->ssl[side], &p->io[side]);
        wolfSSL_SetIOWriteCtx(p->ssl[side], &p->io[side]);
    }
    if (wolfSSL_UseSNI(p->ssl[TLSB_CLIENT], WOLFSSL_SNI_HOST_NAME, TLSB_HOSTNAME,
                       (unsigned short)strlen(TLSB_HOSTNAME)) != WOLFSSL_SUCCESS ||
        wolfSSL_check_domain_name(p->ssl[TLSB_CLIENT], TLSB_HOSTNAME) != WOLFSSL_SUCCESS ||
        (resume &&
         (saved == NULL || wolfSSL_set_session(p->ssl[TLSB_CLIENT], saved) != WOLFSSL_SUCCESS))) {
        tlsb_error("client settings refused");
        pair_free(p);
        return NULL;
    }
    return p;
}

static int handshake(void *v, int side)
{
    pair *p = (pair *)v;
    WOLFSSL *ssl = p->ssl[side];
    int r = side == TLSB_CLIENT ? wolfSSL_connect(ssl) : wolfSSL_accept(ssl);
    int e;
    char es[WOLFSSL_MAX_ERROR_SZ];
    if (r == WOLFSSL_SUCCESS) {
        return 1;
    }
    e = wolfSSL_get_error(ssl, r);
    if (e == WOLFSSL_ERROR_WANT_READ || e == WOLFSSL_ERROR_WANT_WRITE) {
        return 0;
    }
    tlsb_error("error %d: %s", e, wolfSSL_ERR_error_string((unsigned long)e, es));
    return -1;
}

static int save_session(void *v)
{
    pair *p = (pair *)v;
    if (saved != NULL) {
        wolfSSL_SESSION_free(saved);
    }
    saved = wolfSSL_get1_session(p->ssl[TLSB_CLIENT]);
    if (saved == NULL || !wolfSSL_SESSION_has_ticket(saved)) {
        tlsb_error("no session ticket");
        return -1;
    }
    return 0;
}

static int resumed(void *v)
{
    return wolfSSL_session_reused(((pair *)v)->ssl[TLSB_CLIENT]) ? 1 : 0;
}

static void describe(void *v, char *buf, size_t len)
{
    pair *p = (pair *)v;
    WOLFSSL *c = p->ssl[TLSB_CLIENT];
    const char *curve = wolfSSL_get_curve_name(c);
    snprintf(buf, len, "%s %s %s (signature: the one scheme configured), chain %s",
             wolfSSL_get_version(c), wolfSSL_get_cipher_name(c), curve != NULL ? curve : "?",
             wolfSSL_get_verify_result(c) == 0 ? "verified" : "NOT verified");
}

static long send_(void *v, int side, const uint8_t *buf, size_t len)
{
    pair *p = (pair *)v;
    int r = wolfSSL_write(p->ssl[side], buf, (int)len);
    if (r > 0) {
        return r;
    }
    if (wolfSSL_get_error(p->ssl[side], r) == WOLFSSL_ERROR_WANT_WRITE) {
        return 0;
    }
    tlsb_error("wolfSSL_write: error %d", wolfSSL_get_error(p->ssl[side], r));
    return -1;
}

static long recv_(void *v, int side, uint8_t *buf, size_t len)
{
    pair *p = (pair *)v;
    int r = wolfSSL_read(p->ssl[side], buf, (int)len);
    if (r > 0) {
        return r;
    }
    if (wolfSSL_get_error(p->ssl[side], r) == WOLFSSL_ERROR_WANT_READ) {
        return 0;
    }
    tlsb_error("wolfSSL_read: error %d", wolfSSL_get_error(p->ssl[side], r));
    return -1;
}

static size_t caller_mem(void *v)
{
    (void)v;
    return 0;
}

/* Debian builds wolfSSL with FP_ECC: a per-thread cache of fixed-point
 * tables (256 points of 3216 bytes, about 826 KB each) to which every
 * point used twice is added; the peer's ephemeral key is (key check,
 * then ECDH), so every handshake builds one table per side, evicting
 * older ones. Emptied before the memory run (and warmed by one
 * handshake), the cache has room for the tables built during the run,
 * which are then reported as kept by the library, not as the pair's. */
static void drop_caches(void)
{
#ifdef FP_ECC
    wc_ecc_fp_free();
#endif
}

const tlsb_lib tlsb_wolfssl = {
    "wolfSSL",       "ticket (RFC 5077)",
    TLSB_HEAP_HOOKS, "wolfSSL_SetAllocators",
    install_hooks,   version,
    setup,           teardown,
    pair_new,        handshake,
    save_session,    resumed,
    describe,        send_,
    recv_,           caller_mem,
    pair_free,       drop_caches,
};
