/*
 * The peer's certificates as PEM (the `001` seed offers the peer
 * certificate and chain both as DER and as PEM): each kept DER
 * certificate through tern_pem_encode.
 */
#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/pem.h"

#define LABEL "CERTIFICATE"

/* see include/tern/engine.h */
int tern_conn_peer_cert_pem(const tern_conn *c, size_t idx, char *out, size_t cap, size_t *len)
{
    const uint8_t *der;
    size_t der_len, need;

    /* out NULL with cap 0 asks for the size */
    TERN_ENSURE((out != NULL || cap == 0) && len != NULL, TERN_ERR_NULL_POINTER);
    TERN_TRY(tern_conn_peer_cert(c, idx, &der, &der_len));
    need = tern_pem_encoded_len(sizeof(LABEL) - 1, der_len) + 1;
    if (cap < need) {
        *len = need;
        return TERN_ERR_BUFFER_TOO_SMALL;
    }
    TERN_TRY(tern_pem_encode(LABEL, der, der_len, out, cap - 1, len));
    out[*len] = '\0';
    return TERN_OK;
}

/* see include/tern/engine.h */
int tern_conn_peer_chain_pem(const tern_conn *c, char *out, size_t cap, size_t *len)
{
    size_t i, need = 1, off = 0;

    TERN_ENSURE(c != NULL && (out != NULL || cap == 0) && len != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(c->chain_count > 0, TERN_ERR_NOT_FOUND);
    for (i = 0; i < c->chain_count; i++) {
        const uint8_t *der;
        size_t der_len;
        TERN_TRY(tern_conn_peer_cert(c, i, &der, &der_len));
        need += tern_pem_encoded_len(sizeof(LABEL) - 1, der_len);
    }
    if (cap < need) {
        *len = need;
        return TERN_ERR_BUFFER_TOO_SMALL;
    }
    for (i = 0; i < c->chain_count; i++) {
        size_t n;
        TERN_TRY(tern_conn_peer_cert_pem(c, i, out + off, cap - off, &n));
        off += n;
    }
    *len = off;
    return TERN_OK;
}
