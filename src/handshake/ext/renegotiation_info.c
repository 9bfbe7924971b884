/*
 * renegotiation_info (RFC 5746 3.2):
 *   struct { opaque renegotiated_connection<0..255>; } RenegotiationInfo;
 * On an initial handshake it is empty both ways (3.4, 3.6).
 */
#include "common/try_internal.h"
#include "handshake/handshake_internal.h"

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
