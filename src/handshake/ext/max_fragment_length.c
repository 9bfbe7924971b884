/*
 * max_fragment_length (RFC 6066 4): enum { 2^9(1), 2^10(2), 2^11(3),
 * 2^12(4), (255) } MaxFragmentLength; one byte.
 */
#include "common/try_internal.h"
#include "handshake/handshake_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_ext_max_fragment_length_parse(const uint8_t *body, size_t len, uint8_t *code)
{
    TERN_ENSURE(len == 1, TERN_ERR_DECODE);
    *code = body[0];
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_ext_max_fragment_length_write(tern_writer *w, uint8_t code)
{
    return tern_ext_write_raw(w, TERN_EXT_MAX_FRAGMENT_LENGTH, &code, 1);
}
