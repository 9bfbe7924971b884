/*
 * renegotiation_info (RFC 5746 3.2):
 *   struct { opaque renegotiated_connection<0..255>; } RenegotiationInfo;
 * On an initial handshake it is empty both ways (3.4, 3.6). On a
 * renegotiation the client sends its verify_data of the previous
 * handshake, the server client_verify_data || server_verify_data (3.5,
 * 3.7); both are checked in constant time against what this connection
 * kept, and any difference is handshake_failure: it is how a splice of
 * two connections by a man in the middle shows (RFC 5746 1).
 */
#include <string.h>

#include "common/ct_internal.h"
#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "engine/engine_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_ext_renegotiation_info_parse(const uint8_t *body, size_t len, const uint8_t **data,
                                      size_t *data_len)
{
    tern_reader r, v;
    tern_reader_init(&r, body, len);
    TERN_TRY(tern_read_vec8(&r, &v));
    TERN_TRY(tern_reader_expect_end(&r));
    *data = v.p;
    *data_len = v.left;
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_ext_renegotiation_info_write(tern_writer *w)
{
    static const uint8_t empty[] = {0};
    return tern_ext_write_raw(w, TERN_EXT_RENEGOTIATION_INFO, empty, 1);
}

/* see src/engine/engine_internal.h */
int tern_reneg_ext_write(tern_conn *c, tern_writer *w)
{
    uint8_t body[1 + 2 * TERN_FINISHED_LEN];
    size_t n = TERN_FINISHED_LEN;

    if (!c->rn.active) {
        return tern_ext_renegotiation_info_write(w);
    }
    memcpy(body + 1, c->rn.client_vd, TERN_FINISHED_LEN);
    if (c->role == TERN_SERVER) {
        memcpy(body + 1 + TERN_FINISHED_LEN, c->rn.server_vd, TERN_FINISHED_LEN);
        n += TERN_FINISHED_LEN;
    }
    body[0] = (uint8_t)n;
    return tern_ext_write_raw(w, TERN_EXT_RENEGOTIATION_INFO, body, 1 + n);
}

/* The renegotiated_connection field must be exactly expect (n bytes). */
static int check(const uint8_t *data, size_t len, const uint8_t *expect, size_t n)
{
    /* the length is public (12 or 24 bytes for every TLS 1.2 suite);
     * the bytes are compared without a data-dependent branch */
    TERN_ENSURE(len == n, TERN_ERR_HANDSHAKE_FAILURE);
    TERN_ENSURE(tern_ct_memeq(data, expect, n), TERN_ERR_HANDSHAKE_FAILURE);
    return TERN_OK;
}

/* see src/engine/engine_internal.h */
int tern_reneg_ext_client_read(tern_conn *c, const tern_exts *x)
{
    uint8_t expect[2 * TERN_FINISHED_LEN];
    const uint8_t *data;
    size_t data_len;

    if (!TERN_EXT_SEEN(x, TERN_X_RENEGOTIATION_INFO)) {
        /* 3.4: an initial handshake goes on without it (the server then
         * never renegotiates with us); 3.5: a renegotiation does not. */
        TERN_ENSURE(!c->rn.active, TERN_ERR_HANDSHAKE_FAILURE);
        c->hs.secure_reneg = 0;
        return TERN_OK;
    }
    TERN_TRY(tern_ext_renegotiation_info_parse(
        x->body[TERN_X_RENEGOTIATION_INFO], x->len[TERN_X_RENEGOTIATION_INFO], &data, &data_len));
    if (!c->rn.active) {
        /* 3.4: must be empty on an initial handshake. */
        TERN_ENSURE(data_len == 0, TERN_ERR_HANDSHAKE_FAILURE);
    } else {
        /* 3.5: client_verify_data || server_verify_data */
        memcpy(expect, c->rn.client_vd, TERN_FINISHED_LEN);
        memcpy(expect + TERN_FINISHED_LEN, c->rn.server_vd, TERN_FINISHED_LEN);
        TERN_TRY(check(data, data_len, expect, sizeof(expect)));
    }
    c->hs.secure_reneg = 1;
    return TERN_OK;
}

/* see src/engine/engine_internal.h */
int tern_reneg_ext_server_read(tern_conn *c, const uint8_t *suites, size_t suites_len,
                               const tern_exts *x)
{
    const uint8_t *data;
    size_t data_len, i;
    int scsv = 0;

    for (i = 0; i + 1 < suites_len; i += 2) {
        scsv |= tern_load_be16(suites + i) == TERN_SCSV_RENEGOTIATION;
    }
    if (c->rn.active) {
        /* 3.7: no SCSV, and the extension with client_verify_data. */
        TERN_ENSURE(!scsv && TERN_EXT_SEEN(x, TERN_X_RENEGOTIATION_INFO),
                    TERN_ERR_HANDSHAKE_FAILURE);
        TERN_TRY(tern_ext_renegotiation_info_parse(x->body[TERN_X_RENEGOTIATION_INFO],
                                                   x->len[TERN_X_RENEGOTIATION_INFO], &data,
                                                   &data_len));
        TERN_TRY(check(data, data_len, c->rn.client_vd, TERN_FINISHED_LEN));
        c->hs.secure_reneg = 1;
        return TERN_OK;
    }
    /* 3.6: the SCSV or an empty renegotiation_info. */
    c->hs.secure_reneg = (uint8_t)scsv;
    if (TERN_EXT_SEEN(x, TERN_X_RENEGOTIATION_INFO)) {
        TERN_TRY(tern_ext_renegotiation_info_parse(x->body[TERN_X_RENEGOTIATION_INFO],
                                                   x->len[TERN_X_RENEGOTIATION_INFO], &data,
                                                   &data_len));
        TERN_ENSURE(data_len == 0, TERN_ERR_HANDSHAKE_FAILURE);
        c->hs.secure_reneg = 1;
    }
    return TERN_OK;
}
