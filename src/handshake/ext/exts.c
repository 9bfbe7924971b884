/*
 * Extension blocks of the hello messages (RFC 5246 7.4.1.4): splitting
 * into entries, slot lookup, duplicate detection.
 *
 *   struct { ExtensionType extension_type; opaque extension_data<0..2^16-1>; } Extension;
 */
#include "common/try_internal.h"
#include "handshake/handshake_internal.h"

static const uint16_t slot_types[TERN_X_COUNT] = {
    TERN_EXT_SERVER_NAME,
    TERN_EXT_MAX_FRAGMENT_LENGTH,
    TERN_EXT_SUPPORTED_GROUPS,
    TERN_EXT_EC_POINT_FORMATS,
    TERN_EXT_SIGNATURE_ALGORITHMS,
    TERN_EXT_ALPN,
    TERN_EXT_EXTENDED_MASTER_SECRET,
    TERN_EXT_RECORD_SIZE_LIMIT,
    TERN_EXT_SESSION_TICKET,
    TERN_EXT_RENEGOTIATION_INFO,
    TERN_EXT_HEARTBEAT,
    TERN_EXT_ENCRYPT_THEN_MAC,
};

/* see src/handshake/handshake_internal.h */
int tern_ext_slot(uint16_t type)
{
    int i;
    for (i = 0; i < TERN_X_COUNT; i++) {
        if (slot_types[i] == type) {
            return i;
        }
    }
    return -1;
}

/* Unknown types remembered for the duplicate check. */
#define MAX_UNKNOWN 64

/* see src/handshake/handshake_internal.h */
int tern_exts_parse(const uint8_t *p, size_t len, tern_exts *x)
{
    tern_reader r, body;
    uint16_t unknown[MAX_UNKNOWN];
    size_t nunknown = 0, i;

    x->seen = 0;
    x->unknown = 0;
    x->raw = p;
    x->raw_len = len;
    tern_reader_init(&r, p, len);
    while (tern_reader_left(&r) > 0) {
        uint16_t type;
        int slot;
        TERN_TRY(tern_read_u16(&r, &type));
        TERN_TRY(tern_read_vec16(&r, &body));
        slot = tern_ext_slot(type);
        if (slot >= 0) {
            TERN_ENSURE(!TERN_EXT_SEEN(x, slot), TERN_ERR_DUPLICATE_EXTENSION);
            x->seen |= 1u << slot;
            x->body[slot] = body.p;
            x->len[slot] = (uint16_t)body.left;
            continue;
        }
        /* Ignored (7.4.1.4), but a type appears at most once. */
        for (i = 0; i < nunknown; i++) {
            TERN_ENSURE(unknown[i] != type, TERN_ERR_DUPLICATE_EXTENSION);
        }
        TERN_ENSURE(nunknown < MAX_UNKNOWN, TERN_ERR_DECODE);
        unknown[nunknown++] = type;
        x->unknown++;
    }
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_ext_write_raw(tern_writer *w, uint16_t type, const uint8_t *body, size_t len)
{
    size_t mark;
    TERN_TRY(tern_write_u16(w, type));
    TERN_TRY(tern_write_vec_begin(w, 2, &mark));
    TERN_TRY(tern_write_bytes(w, body, len));
    return tern_write_vec_end(w, 2, mark);
}

/* see src/handshake/handshake_internal.h */
int tern_ext_empty_parse(const uint8_t *body, size_t len)
{
    (void)body;
    TERN_ENSURE(len == 0, TERN_ERR_DECODE);
    return TERN_OK;
}
