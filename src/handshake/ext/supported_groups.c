/*
 * supported_groups (RFC 8422 5.1.1, RFC 7919):
 *   struct { NamedCurve named_curve_list<2..2^16-1> } NamedCurveList;
 */
#include "common/try_internal.h"
#include "handshake/handshake_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_ext_supported_groups_parse(const uint8_t *body, size_t len, tern_reader *list)
{
    tern_reader r;
    tern_reader_init(&r, body, len);
    TERN_TRY(tern_read_vec(&r, 2, 2, 0xfffe, list));
    TERN_TRY(tern_reader_expect_end(&r));
    TERN_ENSURE((list->left & 1u) == 0, TERN_ERR_DECODE);
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_ext_supported_groups_write(tern_writer *w, const uint16_t *groups, size_t count)
{
    size_t ext, list, i;
    TERN_TRY(tern_write_u16(w, TERN_EXT_SUPPORTED_GROUPS));
    TERN_TRY(tern_write_vec_begin(w, 2, &ext));
    TERN_TRY(tern_write_vec_begin(w, 2, &list));
    for (i = 0; i < count; i++) {
        TERN_TRY(tern_write_u16(w, groups[i]));
    }
    TERN_TRY(tern_write_vec_end(w, 2, list));
    return tern_write_vec_end(w, 2, ext);
}
