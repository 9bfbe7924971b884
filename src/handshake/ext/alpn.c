/*
 * application_layer_protocol_negotiation (RFC 7301 3.1):
 *   opaque ProtocolName<1..2^8-1>;
 *   struct { ProtocolName protocol_name_list<2..2^16-1> } ProtocolNameList;
 */
#include <string.h>

#include "common/try_internal.h"
#include "handshake/handshake_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_ext_alpn_parse(const uint8_t *body, size_t len, tern_reader *list)
{
    tern_reader r, walk, name;
    tern_reader_init(&r, body, len);
    TERN_TRY(tern_read_vec(&r, 2, 2, 0xffff, list));
    TERN_TRY(tern_reader_expect_end(&r));
    /* Every entry non-empty and inside the list ("empty strings MUST
     * NOT be included", 3.1). */
    walk = *list;
    while (tern_reader_left(&walk) > 0) {
        TERN_TRY(tern_read_vec(&walk, 1, 1, 0xff, &name));
    }
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_ext_alpn_write(tern_writer *w, const char *const *names, size_t count)
{
    size_t ext, list, i;
    TERN_TRY(tern_write_u16(w, TERN_EXT_ALPN));
    TERN_TRY(tern_write_vec_begin(w, 2, &ext));
    TERN_TRY(tern_write_vec_begin(w, 2, &list));
    for (i = 0; i < count; i++) {
        size_t n = strlen(names[i]);
        TERN_ENSURE(n >= 1 && n <= 255, TERN_ERR_BAD_CONFIG);
        TERN_TRY(tern_write_u8(w, (uint8_t)n));
        TERN_TRY(tern_write_bytes(w, names[i], n));
    }
    TERN_TRY(tern_write_vec_end(w, 2, list));
    return tern_write_vec_end(w, 2, ext);
}
