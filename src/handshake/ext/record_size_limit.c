/*
 * record_size_limit (RFC 8449 4): uint16 RecordSizeLimit, at least 64.
 */
#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "handshake/handshake_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_ext_record_size_limit_parse(const uint8_t *body, size_t len, uint16_t *limit)
{
    TERN_ENSURE(len == 2, TERN_ERR_DECODE);
    *limit = tern_load_be16(body);
    /* "MUST treat receipt of a smaller value as a fatal error and
     * generate an illegal_parameter alert" */
    TERN_ENSURE(*limit >= 64, TERN_ERR_ILLEGAL_PARAMETER);
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_ext_record_size_limit_write(tern_writer *w, uint16_t limit)
{
    uint8_t b[2];
    tern_store_be16(b, limit);
    return tern_ext_write_raw(w, TERN_EXT_RECORD_SIZE_LIMIT, b, 2);
}
