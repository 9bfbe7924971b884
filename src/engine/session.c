/*
 * Session serialisation: the exported form (tern_session_export/import)
 * and the state a ticket carries.
 *
 * Export format, version 1 (all integers big-endian):
 *
 *   "TSN" 0x01 | version(2) | suite(2) | ems(1) | created(8) | lifetime(4)
 *   | master_secret(48) | id<0..32> | ticket<0..2^16-1> | server_name<0..255>
 *
 * Ticket state (inside the AEAD, never exported):
 *
 *   version(2) | suite(2) | ems(1) | created(8) | master_secret(48)
 *   | server_name<0..255>
 */
#include <string.h>

#include "common/rw_internal.h"
#include "common/try_internal.h"
#include "handshake/handshake_internal.h"
#include "tern/util.h"

static const uint8_t magic[4] = {'T', 'S', 'N', 1};

static int name_ok(const uint8_t *p, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        if (p[i] <= 0x20 || p[i] >= 0x7f) {
            return 0;
        }
    }
    return 1;
}

static int write_name(tern_writer *w, const char *name)
{
    size_t n = strlen(name);
    TERN_ENSURE(n <= TERN_MAX_HOSTNAME, TERN_ERR_BAD_ARG);
    TERN_TRY(tern_write_u8(w, (uint8_t)n));
    return tern_write_bytes(w, name, n);
}

static int read_name(tern_reader *r, char *name)
{
    tern_reader v;
    TERN_TRY(tern_read_vec8(r, &v));
    TERN_ENSURE(name_ok(v.p, v.left), TERN_ERR_DECODE);
    memcpy(name, v.p, v.left);
    name[v.left] = '\0';
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_session_state_write(const tern_session *s, tern_writer *w)
{
    TERN_TRY(tern_write_u16(w, s->version));
    TERN_TRY(tern_write_u16(w, s->suite));
    TERN_TRY(tern_write_u8(w, s->ems));
    TERN_TRY(tern_write_u64(w, (uint64_t)s->created));
    TERN_TRY(tern_write_bytes(w, s->master_secret, sizeof(s->master_secret)));
    return write_name(w, s->server_name);
}

/* see src/handshake/handshake_internal.h */
int tern_session_state_read(tern_session *s, tern_reader *r)
{
    uint64_t created;
    TERN_TRY(tern_read_u16(r, &s->version));
    TERN_TRY(tern_read_u16(r, &s->suite));
    TERN_TRY(tern_read_u8(r, &s->ems));
    TERN_ENSURE(s->ems <= 1, TERN_ERR_DECODE);
    TERN_TRY(tern_read_u64(r, &created));
    s->created = (int64_t)created;
    TERN_TRY(tern_read_copy(r, s->master_secret, sizeof(s->master_secret)));
    return read_name(r, s->server_name);
}

/* see include/tern/engine.h */
int tern_session_export(const tern_session *s, uint8_t *out, size_t cap, size_t *len)
{
    tern_writer w;
    int ret;

    TERN_ENSURE(s != NULL && out != NULL && len != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(s->id_len <= TERN_SESSION_ID_MAX && s->ticket_len <= TERN_MAX_TICKET_LEN,
                TERN_ERR_BAD_ARG);
    tern_writer_init(&w, out, cap);
    /* one exit: a partial export holds the master secret */
    TERN_TRY_GOTO(tern_write_bytes(&w, magic, sizeof(magic)));
    TERN_TRY_GOTO(tern_write_u16(&w, s->version));
    TERN_TRY_GOTO(tern_write_u16(&w, s->suite));
    TERN_TRY_GOTO(tern_write_u8(&w, s->ems));
    TERN_TRY_GOTO(tern_write_u64(&w, (uint64_t)s->created));
    TERN_TRY_GOTO(tern_write_u32(&w, s->lifetime));
    TERN_TRY_GOTO(tern_write_bytes(&w, s->master_secret, sizeof(s->master_secret)));
    TERN_TRY_GOTO(tern_write_u8(&w, s->id_len));
    TERN_TRY_GOTO(tern_write_bytes(&w, s->id, s->id_len));
    TERN_TRY_GOTO(tern_write_u16(&w, s->ticket_len));
    TERN_TRY_GOTO(tern_write_bytes(&w, s->ticket, s->ticket_len));
    TERN_TRY_GOTO(write_name(&w, s->server_name));
    *len = tern_writer_len(&w);
    return TERN_OK;
out:
    tern_wipe(out, cap);
    return ret;
}

/* see include/tern/engine.h */
int tern_session_import(tern_session *s, const uint8_t *in, size_t len)
{
    tern_reader r, v;
    uint64_t created;
    const uint8_t *m;
    int ret;

    TERN_ENSURE(s != NULL && in != NULL, TERN_ERR_NULL_POINTER);
    memset(s, 0, sizeof(*s));
    tern_reader_init(&r, in, len);
    TERN_TRY_GOTO(tern_read_bytes(&r, sizeof(magic), &m));
    TERN_ENSURE_GOTO(memcmp(m, magic, sizeof(magic)) == 0, TERN_ERR_DECODE);
    TERN_TRY_GOTO(tern_read_u16(&r, &s->version));
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    TERN_ENSURE_GOTO(tern_version_built(s->version), TERN_ERR_DECODE);
#else
    TERN_ENSURE_GOTO(s->version == TERN_TLS12, TERN_ERR_DECODE);
#endif
    TERN_TRY_GOTO(tern_read_u16(&r, &s->suite));
    TERN_ENSURE_GOTO(s->suite != 0, TERN_ERR_DECODE);
    TERN_TRY_GOTO(tern_read_u8(&r, &s->ems));
    TERN_ENSURE_GOTO(s->ems <= 1, TERN_ERR_DECODE);
    TERN_TRY_GOTO(tern_read_u64(&r, &created));
    TERN_ENSURE_GOTO(created <= (uint64_t)INT64_MAX, TERN_ERR_DECODE);
    s->created = (int64_t)created;
    TERN_TRY_GOTO(tern_read_u32(&r, &s->lifetime));
    TERN_TRY_GOTO(tern_read_copy(&r, s->master_secret, sizeof(s->master_secret)));
    TERN_TRY_GOTO(tern_read_vec(&r, 1, 0, TERN_SESSION_ID_MAX, &v));
    memcpy(s->id, v.p, v.left);
    s->id_len = (uint8_t)v.left;
    TERN_TRY_GOTO(tern_read_vec(&r, 2, 0, TERN_MAX_TICKET_LEN, &v));
    memcpy(s->ticket, v.p, v.left);
    s->ticket_len = (uint16_t)v.left;
    TERN_ENSURE_GOTO(s->id_len > 0 || s->ticket_len > 0, TERN_ERR_DECODE);
    TERN_TRY_GOTO(read_name(&r, s->server_name));
    TERN_TRY_GOTO(tern_reader_expect_end(&r));
    return TERN_OK;
out:
    tern_wipe(s, sizeof(*s));
    return ret;
}
