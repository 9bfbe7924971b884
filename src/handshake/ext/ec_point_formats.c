/*
 * ec_point_formats (RFC 8422 5.1.2):
 *   struct { ECPointFormat ec_point_format_list<1..2^8-1> } ECPointFormatList;
 * Only uncompressed (0) is used; it must be listed (5.1.2, 5.2).
 */
#include "common/try_internal.h"
#include "handshake/handshake_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_ext_ec_point_formats_parse(const uint8_t *body, size_t len, int *uncompressed)
{
    tern_reader r, list;
    *uncompressed = 0;
    tern_reader_init(&r, body, len);
    TERN_TRY(tern_read_vec(&r, 1, 1, 0xff, &list));
    TERN_TRY(tern_reader_expect_end(&r));
    while (tern_reader_left(&list) > 0) {
        uint8_t f;
        TERN_TRY(tern_read_u8(&list, &f));
        if (f == 0) {
            *uncompressed = 1;
        }
    }
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_ext_ec_point_formats_write(tern_writer *w)
{
    static const uint8_t body[] = {1, 0}; /* one format: uncompressed */
    return tern_ext_write_raw(w, TERN_EXT_EC_POINT_FORMATS, body, sizeof(body));
}
