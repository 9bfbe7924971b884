/*
 * What the sockets and native interfaces share about one connection: the
 * checks after the engine's handshake, failure bookkeeping, state.
 */
#include <string.h>

#include "compat/compat_internal.h"

/* see src/compat/compat_internal.h */
int compat_name_ok(const char *name)
{
    return name == NULL || strlen(name) < TLS_PEER_NAME_SIZE;
}

/* see src/compat/compat_internal.h */
void compat_fail(t_tls_connection *s, t_tls_ret ret)
{
    if (s->hs != HS_FAILED) {
        s->error = (int)ret;
    }
    s->hs = HS_FAILED;
}

/* The peer's public key size, in bytes, within TLS_MIN_PUB_KEY_SIZE ..
 * TLS_MAX_PUB_KEY_SIZE (User Guide 3.2). */
static t_tls_ret check_key_size(const tern_conn *c)
{
    const uint8_t *der;
    size_t len, bytes;
    tern_pubkey key;

    if (tern_conn_peer_cert(c, 0, &der, &len) != TERN_OK ||
        tern_x509_cert_pubkey(der, len, &key) != TERN_OK) {
        compat_log("peer key size: the peer's certificate was not kept (TLS_PEER_CHAIN_SIZE)");
        return TLS_CERTIFICATE_ERR;
    }
    bytes = (tern_pubkey_bits(&key) + 7u) / 8u;
    if (bytes < TLS_MIN_PUB_KEY_SIZE || bytes > TLS_MAX_PUB_KEY_SIZE) {
        compat_log("peer key size outside TLS_MIN_PUB_KEY_SIZE .. TLS_MAX_PUB_KEY_SIZE");
        return TLS_CERTIFICATE_ERR;
    }
    return TLS_OK;
}

/* Server: the client certificate must carry peer_name. The engine checks
 * names for clients only, so the chain kept after the handshake is
 * verified again, with the name (RFC 6125 rules of tern_x509). */
static t_tls_ret check_client_name(const tern_conn *c, const char *peer_name, size_t count)
{
    const uint8_t *certs[TERN_MAX_PEER_CERTS];
    size_t lens[TERN_MAX_PEER_CERTS];
    tern_x509_policy policy = g_tls.cfg_server.policy;
    size_t n;

    for (n = 0; n < count && n < TERN_MAX_PEER_CERTS; n++) {
        if (tern_conn_peer_cert(c, n, &certs[n], &lens[n]) != TERN_OK) {
            break;
        }
    }
    if (n == 0) {
        compat_log("client name: no client certificate (or not kept: TLS_PEER_CHAIN_SIZE)");
        return TLS_CERTIFICATE_ERR;
    }
    policy.purpose = TERN_X509_PURPOSE_CLIENT;
    if (tern_x509_verify_chain(g_tls.trust, &policy, certs, lens, n, peer_name, NULL) != TERN_OK) {
        compat_log("client name: the client certificate does not carry the expected name");
        return TLS_CERTIFICATE_ERR;
    }
    return TLS_OK;
}

/* see src/compat/compat_internal.h */
t_tls_ret compat_hs_finish(t_tls_connection *s)
{
    tern_conn_info info;
    t_tls_ret ret = TLS_OK;

    if (tern_conn_get_info(s->conn, &info) != TERN_OK) {
        ret = TLS_HS_ERR;
    }
    if (ret == TLS_OK && info.peer_cert_count > 0) {
        ret = check_key_size(s->conn);
    }
    if (ret == TLS_OK && s->role == TERN_SERVER && s->peer_name[0] != '\0' && !TLS_TRUST_ALL_CERT) {
        ret = check_client_name(s->conn, s->peer_name, info.peer_cert_count);
    }
    if (ret != TLS_OK) {
        /* Established on the wire, refused here: nothing was sent on it;
         * end it with close_notify (the public API has no fatal alert
         * to send after the handshake). */
        int rc = tern_close(s->conn);
        (void)rc;
        compat_fail(s, ret);
        return ret;
    }
    if (s->role == TERN_CLIENT) {
        s->ticket = compat_ses_save(s);
    }
    s->hs = HS_DONE;
    return TLS_OK;
}

/* see src/compat/compat_internal.h */
int compat_peek(tern_conn *c)
{
    /* tern_read with a zero length returns 0 once data is there, without
     * taking any. (A real pointer: the engine memcpy()s zero bytes to it,
     * and memcpy to NULL is undefined even for zero bytes.) */
    uint8_t none;
    int rc = tern_read(c, &none, 0);
    return rc > 0 ? TERN_OK : rc;
}

/* see src/compat/compat_internal.h */
void compat_settle_lent(t_tls_connection *s)
{
    if (s->lent) {
        tern_conn_recvapp_ack(s->conn, s->lent_len);
        s->lent = 0;
        s->lent_len = 0;
    }
}

/* see src/compat/compat_internal.h */
t_tls_conn_status compat_state_of(const t_tls_connection *s)
{
    if (s == NULL || s->hs == HS_FAILED) {
        return TLS_CONNST_CLOSED;
    }
    if (s->hs != HS_DONE) {
        return TLS_CONNST_HANDSHAKE;
    }
    return tern_conn_state(s->conn) == TERN_CONN_OPERATING ? TLS_CONNST_OPERATING
                                                           : TLS_CONNST_CLOSED;
}
