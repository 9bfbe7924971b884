/*
 * Certificate (RFC 5246 7.4.2, 7.4.6): parser, writers and handlers for
 * both the server's and the client's message.
 *
 *   opaque ASN.1Cert<1..2^24-1>;
 *   struct { ASN.1Cert certificate_list<0..2^24-1>; } Certificate;
 */
#include <string.h>

#include "common/try_internal.h"
#include "engine/engine_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_tls12_certificate_parse(const uint8_t *body, size_t len, tern_certificate_msg *m)
{
    tern_reader r, list, cert;

    memset(m, 0, sizeof(*m));
    tern_reader_init(&r, body, len);
    TERN_TRY(tern_read_vec24(&r, &list));
    TERN_TRY(tern_reader_expect_end(&r));
    m->list = list.p;
    m->list_len = list.left;
    while (tern_reader_left(&list) > 0) {
        TERN_TRY(tern_read_vec(&list, 3, 1, 0xffffff, &cert));
        TERN_ENSURE(m->count < TERN_MAX_PEER_CERTS, TERN_ERR_CERT_CHAIN_TOO_LONG);
        m->certs[m->count] = cert.p;
        m->lens[m->count] = cert.left;
        m->count++;
    }
    return TERN_OK;
}

/* Server: our chain. */
static int server_cert_write(tern_conn *c, tern_writer *w)
{
    return tern_hs_certificate_write(c, w);
}

/* Client: the server's chain; it must not be empty for our suites. */
static int server_cert_read(tern_conn *c, const uint8_t *body, size_t len)
{
    tern_certificate_msg m;
    TERN_TRY(tern_tls12_certificate_parse(body, len, &m));
    TERN_ENSURE(m.count > 0, TERN_ERR_CERT_REQUIRED);
    TERN_TRY(tern_hs_peer_certificate(c, &m));
    /* The key must suit the suite (RFC 8422 5.3 / RFC 5246 7.4.2), and
     * an ECDSA key be on a curve we offered (RFC 8422 5.1). */
    TERN_ENSURE(c->hs.peer_key.type == c->hs.suite->auth, TERN_ERR_CERT_TYPE);
    if (c->hs.peer_key.type == TERN_KEY_EC) {
        size_t i;
        int offered = 0;
        for (i = 0; i < c->cfg->groups_count; i++) {
            offered |= c->cfg->groups[i] == c->hs.peer_key.u.ec.curve;
        }
        TERN_ENSURE(offered, TERN_ERR_ILLEGAL_PARAMETER);
    }
    return TERN_OK;
}

/* Client: our chain for the server's CertificateRequest, or an empty
 * one when no credential fits (7.4.6: the server decides then). */
/* see src/handshake/handshake_internal.h */
void tern_tls12_client_choose_credential(tern_conn *c)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    size_t k;
    /* CertificateVerify is computed over the transcript, which runs
     * SHA-256 and SHA-384 only. */
    const unsigned hashes = (1u << TERN_HASH_SHA256) | (1u << TERN_HASH_SHA384);

    hs->cred = -1;
    for (k = 0; k < cfg->credentials_count && hs->cred < 0; k++) {
        int type = cfg->credentials[k].key.type;
        uint16_t scheme;
        if (!((type == TERN_KEY_RSA && (hs->cr_types & 1u)) ||
              (type == TERN_KEY_EC && (hs->cr_types & 2u)))) {
            continue;
        }
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
        if (hs->version < TERN_TLS12) {
            /* no scheme: the key type fixes the signature (RFC 4346 7.4.8) */
            hs->cred = (int)k;
            hs->own_scheme = 0;
            continue;
        }
#endif
        scheme = tern_hs_choose_scheme(c, k, hs->cr_schemes, hs->cr_schemes_len, hashes);
        if (scheme != 0) {
            hs->cred = (int)k;
            hs->own_scheme = scheme;
        }
    }
    if (hs->cred < 0) {
        hs->bits |= TERN_HSB_NO_CLIENT_CERT;
    }
}

static int client_cert_write(tern_conn *c, tern_writer *w)
{
    tern_tls12_client_choose_credential(c);
    return tern_hs_certificate_write(c, w);
}

static int client_cert_read(tern_conn *c, const uint8_t *body, size_t len)
{
    tern_certificate_msg m;
    TERN_TRY(tern_tls12_certificate_parse(body, len, &m));
    if (m.count == 0) {
        TERN_ENSURE(c->cfg->client_auth != TERN_CLIENT_AUTH_REQUIRED, TERN_ERR_CERT_REQUIRED);
        c->hs.bits |= TERN_HSB_NO_CLIENT_CERT;
        return TERN_OK;
    }
    TERN_TRY(tern_hs_peer_certificate(c, &m));
    TERN_ENSURE(c->hs.peer_key.type == TERN_KEY_RSA || c->hs.peer_key.type == TERN_KEY_EC,
                TERN_ERR_CERT_TYPE);
    return TERN_OK;
}

const tern_hs_ops tern_tls12_server_certificate_ops = {server_cert_write, server_cert_read, NULL};
const tern_hs_ops tern_tls12_client_certificate_ops = {client_cert_write, client_cert_read, NULL};
