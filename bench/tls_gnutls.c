/*
 * bench-tls: GnuTLS side (3.7, over Nettle and GMP). Non-blocking
 * sessions with push/pull functions over the pipes; priorities pinned
 * per case; resumption by ticket (RFC 5077, one key made at setup).
 * GnuTLS's own allocator hooks are a no-op since 3.3: the heap is
 * counted by the interposed malloc (which also sees Nettle and GMP).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>

#include "tls_bench.h"

static gnutls_certificate_credentials_t ccred, scred[2];
static gnutls_priority_t prio[TLSB_NCASES];
static gnutls_datum_t ticket_key;
static gnutls_datum_t saved;
static int ready;

typedef struct side_io {
    tlsb_pipe *in, *out;
    gnutls_session_t s;
} side_io;

typedef struct pair {
    gnutls_session_t s[2];
    side_io io[2];
} pair;

/* Only the one suite, group and signature scheme of each case (the
 * ECDSA scheme stays in the RSA case's list: it is not a server choice
 * there, since the server's key is RSA). */
static const char *const priorities[TLSB_NCASES] = {
    "NONE:+VERS-TLS1.2:+ECDHE-ECDSA:+AES-128-GCM:+AEAD:+GROUP-SECP256R1:+SIGN-ECDSA-SHA256:"
    "+COMP-NULL:+CTYPE-X509",
    "NONE:+VERS-TLS1.2:+ECDHE-RSA:+AES-128-GCM:+AEAD:+GROUP-SECP256R1:+SIGN-RSA-SHA256:"
    "+SIGN-ECDSA-SHA256:+COMP-NULL:+CTYPE-X509",
    "NONE:+VERS-TLS1.2:+ECDHE-ECDSA:+CHACHA20-POLY1305:+AEAD:+GROUP-SECP256R1:"
    "+SIGN-ECDSA-SHA256:+COMP-NULL:+CTYPE-X509",
};

static const char *version(void)
{
    static char buf[64];
    snprintf(buf, sizeof(buf), "GnuTLS %s", gnutls_check_version(NULL));
    return buf;
}

static const char *gt_err(const char *what, int rc)
{
    static char buf[300];
    snprintf(buf, sizeof(buf), "%s: %s", what, gnutls_strerror(rc));
    return buf;
}

static const char *setup(const tlsb_pki *pki)
{
    int rc, cs, k;
    const char *errpos = NULL;

    if ((rc = gnutls_global_init()) < 0) {
        return gt_err("gnutls_global_init", rc);
    }
    ready = 1;
    if ((rc = gnutls_certificate_allocate_credentials(&ccred)) < 0) {
        return gt_err("credentials", rc);
    }
    rc = gnutls_certificate_set_x509_trust_file(ccred, pki->root_pem, GNUTLS_X509_FMT_PEM);
    if (rc != 1) {
        return rc < 0 ? gt_err("trust anchor", rc) : "trust anchor: not exactly one certificate";
    }
    for (k = 0; k < 2; k++) {
        const tlsb_cred *cr = k == 0 ? &pki->ecdsa : &pki->rsa;
        if ((rc = gnutls_certificate_allocate_credentials(&scred[k])) < 0 ||
            (rc = gnutls_certificate_set_x509_key_file(scred[k], cr->chain_pem, cr->key_pem,
                                                       GNUTLS_X509_FMT_PEM)) < 0) {
            return gt_err("server credential", rc);
        }
    }
    for (cs = 0; cs < TLSB_NCASES; cs++) {
        if ((rc = gnutls_priority_init(&prio[cs], priorities[cs], &errpos)) < 0) {
            return gt_err("gnutls_priority_init", rc);
        }
    }
    if ((rc = gnutls_session_ticket_key_generate(&ticket_key)) < 0) {
        return gt_err("gnutls_session_ticket_key_generate", rc);
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
        if (prio[cs] != NULL) {
            gnutls_priority_deinit(prio[cs]);
            prio[cs] = NULL;
        }
    }
    for (k = 0; k < 2; k++) {
        if (scred[k] != NULL) {
            gnutls_certificate_free_credentials(scred[k]);
            scred[k] = NULL;
        }
    }
    if (ccred != NULL) {
        gnutls_certificate_free_credentials(ccred);
        ccred = NULL;
    }
    gnutls_free(ticket_key.data);
    ticket_key.data = NULL;
    gnutls_free(saved.data);
    saved.data = NULL;
    gnutls_global_deinit();
    ready = 0;
}

static ssize_t push(gnutls_transport_ptr_t ptr, const void *data, size_t len)
{
    side_io *io = (side_io *)ptr;
    size_t n = tlsb_pipe_write(io->out, (const uint8_t *)data, len);
    if (n == 0 && len > 0) {
        gnutls_transport_set_errno(io->s, EAGAIN);
        return -1;
    }
    return (ssize_t)n;
}

static ssize_t pull(gnutls_transport_ptr_t ptr, void *data, size_t len)
{
    side_io *io = (side_io *)ptr;
    size_t n = tlsb_pipe_read(io->in, (uint8_t *)data, len);
    if (n == 0 && len > 0) {
        gnutls_transport_set_errno(io->s, EAGAIN);
        return -1;
    }
    return (ssize_t)n;
}

static void pair_free(void *v)
{
    pair *p = (pair *)v;
    if (p->s[TLSB_CLIENT] != NULL) {
        gnutls_deinit(p->s[TLSB_CLIENT]);
    }
    if (p->s[TLSB_SERVER] != NULL) {
        gnutls_deinit(p->s[TLSB_SERVER]);
    }
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
        gnutls_session_t s;
        rc = gnutls_init(&p->s[side],
                         (side == TLSB_CLIENT ? GNUTLS_CLIENT : GNUTLS_SERVER) | GNUTLS_NONBLOCK);
        if (rc < 0) {
            tlsb_error("%s", gt_err("gnutls_init", rc));
            pair_free(p);
            return NULL;
        }
        s = p->s[side];
        p->io[side].in = tlsb_in(link, side);
        p->io[side].out = tlsb_out(link, side);
        p->io[side].s = s;
        gnutls_transport_set_ptr(s, &p->io[side]);
        gnutls_transport_set_push_function(s, push);
        gnutls_transport_set_pull_function(s, pull);
        if ((rc = gnutls_priority_set(s, prio[cs])) < 0 ||
            (rc = gnutls_credentials_set(
                 s, GNUTLS_CRD_CERTIFICATE,
                 side == TLSB_CLIENT ? ccred : scred[cs == TLSB_RSA_GCM ? 1 : 0])) < 0) {
            tlsb_error("%s", gt_err("session settings", rc));
            pair_free(p);
            return NULL;
        }
    }
    if ((rc = gnutls_session_ticket_enable_server(p->s[TLSB_SERVER], &ticket_key)) < 0 ||
        (rc = gnutls_server_name_set(p->s[TLSB_CLIENT], GNUTLS_NAME_DNS, TLSB_HOSTNAME,
                                     strlen(TLSB_HOSTNAME))) < 0 ||
        (resume && (saved.data == NULL || (rc = gnutls_session_set_data(
                                               p->s[TLSB_CLIENT], saved.data, saved.size)) < 0))) {
        tlsb_error("%s", gt_err("client or server settings", rc));
        pair_free(p);
        return NULL;
    }
    gnutls_session_set_verify_cert(p->s[TLSB_CLIENT], TLSB_HOSTNAME, 0);
    return p;
}

static int handshake(void *v, int side)
{
    pair *p = (pair *)v;
    int rc = gnutls_handshake(p->s[side]);
    if (rc == GNUTLS_E_SUCCESS) {
        return 1;
    }
    if (rc == GNUTLS_E_AGAIN || rc == GNUTLS_E_INTERRUPTED) {
        return 0;
    }
    tlsb_error("%s (verify status 0x%x)", gt_err("gnutls_handshake", rc),
               gnutls_session_get_verify_cert_status(p->s[side]));
    return -1;
}

static int save_session(void *v)
{
    pair *p = (pair *)v;
    int rc;
    gnutls_free(saved.data);
    saved.data = NULL;
    rc = gnutls_session_get_data2(p->s[TLSB_CLIENT], &saved);
    if (rc < 0) {
        tlsb_error("%s", gt_err("gnutls_session_get_data2", rc));
        return -1;
    }
    return 0;
}

static int resumed(void *v)
{
    return gnutls_session_is_resumed(((pair *)v)->s[TLSB_CLIENT]) ? 1 : 0;
}

static void describe(void *v, char *buf, size_t len)
{
    pair *p = (pair *)v;
    gnutls_session_t c = p->s[TLSB_CLIENT];
    const char *suite =
        gnutls_cipher_suite_get_name(gnutls_kx_get(c), gnutls_cipher_get(c), gnutls_mac_get(c));
    const char *group = gnutls_group_get_name(gnutls_group_get(c));
    const char *sig = gnutls_sign_get_name((gnutls_sign_algorithm_t)gnutls_sign_algorithm_get(c));
    snprintf(buf, len, "%s %s %s %s, chain %s%s",
             gnutls_protocol_get_name(gnutls_protocol_get_version(c)), suite != NULL ? suite : "?",
             group != NULL ? group : "?", sig != NULL ? sig : "-",
             gnutls_session_is_resumed(c)                    ? "not sent (resumed)"
             : gnutls_session_get_verify_cert_status(c) == 0 ? "verified"
                                                             : "NOT verified",
             gnutls_session_ext_master_secret_status(c) ? ", EMS" : "");
}

static long send_(void *v, int side, const uint8_t *buf, size_t len)
{
    pair *p = (pair *)v;
    ssize_t r = gnutls_record_send(p->s[side], buf, len);
    if (r >= 0) {
        return (long)r;
    }
    if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED) {
        return 0;
    }
    tlsb_error("%s", gt_err("gnutls_record_send", (int)r));
    return -1;
}

static long recv_(void *v, int side, uint8_t *buf, size_t len)
{
    pair *p = (pair *)v;
    ssize_t r = gnutls_record_recv(p->s[side], buf, len);
    if (r > 0) {
        return (long)r;
    }
    if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED) {
        return 0;
    }
    tlsb_error("%s", gt_err("gnutls_record_recv", (int)r));
    return -1;
}

static size_t caller_mem(void *v)
{
    (void)v;
    return 0;
}

const tlsb_lib tlsb_gnutls = {
    "GnuTLS",
    "ticket (RFC 5077)",
    TLSB_HEAP_INTERPOSED,
    "interposed malloc: gnutls_global_set_mem_functions is a no-op since 3.3",
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
