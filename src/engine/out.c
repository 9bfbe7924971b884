/*
 * Output records: gathering plaintext of one content type into out_buf,
 * sealing it in place, and the state the drain (sendrec_buf/ack) sees.
 */
#include <string.h>

#include "common/try_internal.h"
#include "engine/engine_internal.h"

/* see src/engine/engine_internal.h */
int tern_out_busy(const tern_conn *c)
{
    return c->out_state == TERN_OUT_READY;
}

/* see src/engine/engine_internal.h */
int tern_out_seal(tern_conn *c)
{
    size_t len = 0;

    if (c->out_state != TERN_OUT_FILLING) {
        return TERN_OK;
    }
    if (c->out_plain == 0) {
        c->out_state = TERN_OUT_EMPTY;
        return TERN_OK;
    }
#if TERN_CONFIG_TLS10
    /* TLS 1.0 CBC: application data goes out 1/n-1 split (BEAST) */
    TERN_TRY(tern_rec_seal_split(&c->out_prot, &c->out_seq, c->out_type, c->out_version, c->out_buf,
                                 c->out_plain, &len));
#else
    TERN_TRY(tern_rec_seal(&c->out_prot, &c->out_seq, c->out_type, c->out_version, c->out_buf,
                           c->out_plain, &len));
    tern_out_touch(c, len);
#endif
    c->out_len = (uint32_t)len;
    c->out_state = TERN_OUT_READY;
    c->out_off = 0;
    c->out_plain = 0;
    return TERN_OK;
}

/* see src/engine/engine_internal.h */
int tern_out_append(tern_conn *c, uint8_t type, const uint8_t *data, size_t len, size_t *used)
{
    size_t n;

    *used = 0;
    if (c->out_state == TERN_OUT_FILLING && c->out_type != type) {
        TERN_TRY(tern_out_seal(c));
    }
    if (c->out_state == TERN_OUT_READY) {
        return TERN_OK;
    }
    if (c->out_state == TERN_OUT_EMPTY && !tern_out_may_start(c)) {
        return TERN_OK; /* a shared buffer holding input */
    }
    if (c->out_state == TERN_OUT_EMPTY) {
        c->out_state = TERN_OUT_FILLING;
        c->out_type = type;
        c->out_plain = 0;
    }
    n = c->out_limit - c->out_plain;
    if (n > len) {
        n = len;
    }
    memcpy(c->out_buf + TERN_RECORD_HEADER_LEN + c->out_prot.prefix + c->out_plain, data, n);
    c->out_plain += n;
    tern_out_touch(c, TERN_RECORD_HEADER_LEN + c->out_prot.prefix + c->out_plain);
    *used = n;
    if (c->out_plain == c->out_limit) {
        TERN_TRY(tern_out_seal(c));
    }
    return TERN_OK;
}
