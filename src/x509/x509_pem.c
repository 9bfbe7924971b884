/*
 * Certificate chains as PEM text and back (RFC 7468 "CERTIFICATE"
 * blocks): printing a peer's chain, reading a bundle into DER.
 */
#include <string.h>

#include "common/try_internal.h"
#include "tern/pem.h"
#include "x509/x509_internal.h"

#define CERT_LABEL "CERTIFICATE"

/* see include/tern/x509.h */
size_t tern_x509_chain_pem_len(const size_t *lens, size_t n)
{
    size_t i, total = 0;
    for (i = 0; i < n; i++) {
        total += tern_pem_encoded_len(sizeof(CERT_LABEL) - 1u, lens[i]);
    }
    return total;
}

/* see include/tern/x509.h */
int tern_x509_chain_to_pem(const uint8_t *const *certs, const size_t *lens, size_t n, char *out,
                           size_t cap, size_t *out_len)
{
    size_t i, o = 0, need, len;

    TERN_ENSURE(out_len != NULL && (n == 0 || (certs != NULL && lens != NULL)),
                TERN_ERR_NULL_POINTER);
    for (i = 0; i < n; i++) {
        TERN_ENSURE(certs[i] != NULL, TERN_ERR_NULL_POINTER);
        TERN_ENSURE(lens[i] < ((size_t)-1) / 4u, TERN_ERR_BAD_ARG);
    }
    need = tern_x509_chain_pem_len(lens, n);
    if (need > cap) {
        *out_len = need;
        return TERN_ERR_BUFFER_TOO_SMALL;
    }
    TERN_ENSURE(out != NULL || need == 0, TERN_ERR_NULL_POINTER);
    for (i = 0; i < n; i++) {
        TERN_TRY(tern_pem_encode(CERT_LABEL, certs[i], lens[i], out + o, cap - o, &len));
        o += len;
    }
    *out_len = o;
    return TERN_OK;
}

/* Shared loop of the two readers: inplace != NULL decodes over the text. */
static int from_pem(const char *pem, size_t len, char *inplace, uint8_t *der, size_t cap,
                    const uint8_t **certs, size_t *lens, size_t max, size_t *n)
{
    tern_pem_iter it;
    tern_pem_block blk;
    tern_x509_cert c;
    size_t count = 0, used = 0, dlen;
    const uint8_t *p;
    int rc;

    tern_pem_iter_init(&it, pem, len);
    for (;;) {
        rc = tern_pem_next(&it, &blk);
        if (rc == 0) {
            break;
        }
        TERN_TRY(rc);
        if (!tern_pem_label_is(&blk, CERT_LABEL)) {
            continue;
        }
        TERN_ENSURE(count < max, TERN_ERR_FULL);
        if (inplace != NULL) {
            uint8_t *d;
            TERN_TRY(tern_pem_decode_inplace(&blk, inplace, len, &d, &dlen));
            p = d;
        } else {
            rc = tern_pem_decode(&blk, der + used, cap - used, &dlen);
            if (rc == TERN_ERR_BUFFER_TOO_SMALL) {
                /* report the whole need, not this block's alone */
                *n = count;
                return rc;
            }
            TERN_TRY(rc);
            p = der + used;
            used += dlen;
        }
        rc = tern_x509_parse(p, dlen, &c);
        TERN_ENSURE(rc == TERN_OK || rc == TERN_ERR_CERT_UNKNOWN_CRITICAL, TERN_ERR_CERT_PARSE);
        certs[count] = p;
        lens[count] = dlen;
        count++;
        *n = count;
    }
    TERN_ENSURE(count > 0, TERN_ERR_NOT_FOUND);
    return TERN_OK;
}

/* see include/tern/x509.h */
int tern_x509_chain_from_pem(const char *pem, size_t len, uint8_t *der, size_t cap,
                             const uint8_t **certs, size_t *lens, size_t max, size_t *n)
{
    TERN_ENSURE(n != NULL && certs != NULL && lens != NULL && (pem != NULL || len == 0) &&
                    (der != NULL || cap == 0),
                TERN_ERR_NULL_POINTER);
    *n = 0;
    return from_pem(pem, len, NULL, der, cap, certs, lens, max, n);
}

/* see include/tern/x509.h */
int tern_x509_chain_from_pem_inplace(char *pem, size_t len, const uint8_t **certs, size_t *lens,
                                     size_t max, size_t *n)
{
    TERN_ENSURE(n != NULL && certs != NULL && lens != NULL && (pem != NULL || len == 0),
                TERN_ERR_NULL_POINTER);
    *n = 0;
    return from_pem(pem, len, pem, NULL, 0, certs, lens, max, n);
}
