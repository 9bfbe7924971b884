/*
 * server_name (RFC 6066 3).
 *
 *   struct { NameType name_type; select (name_type) { case host_name: HostName; } name; }
 * ServerName; enum { host_name(0), (255) } NameType; opaque HostName<1..2^16-1>; struct {
 * ServerName server_name_list<1..2^16-1> } ServerNameList;
 *
 * We accept exactly one host_name (the RFC forbids two of the same type
 * and defines no other type), 1..255 bytes, printable ASCII without a
 * trailing dot (3: "not permitted").
 */
#include <string.h>

#include "common/try_internal.h"
#include "handshake/handshake_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_ext_server_name_parse(const uint8_t *body, size_t len, const uint8_t **name,
                               size_t *name_len)
{
    tern_reader r, list, host;
    uint8_t type;
    size_t i;

    *name = NULL;
    *name_len = 0;
    if (len == 0) {
        return TERN_OK; /* server's acknowledgement */
    }
    tern_reader_init(&r, body, len);
    TERN_TRY(tern_read_vec(&r, 2, 1, 0xffff, &list));
    TERN_TRY(tern_reader_expect_end(&r));
    TERN_TRY(tern_read_u8(&list, &type));
    TERN_ENSURE(type == 0, TERN_ERR_ILLEGAL_PARAMETER);
    TERN_TRY(tern_read_vec(&list, 2, 1, 0xffff, &host));
    /* A second entry (of any type) is not accepted. */
    TERN_ENSURE(tern_reader_left(&list) == 0, TERN_ERR_ILLEGAL_PARAMETER);
    TERN_ENSURE(host.left <= TERN_MAX_HOSTNAME, TERN_ERR_ILLEGAL_PARAMETER);
    for (i = 0; i < host.left; i++) {
        TERN_ENSURE(host.p[i] > 0x20 && host.p[i] < 0x7f, TERN_ERR_ILLEGAL_PARAMETER);
    }
    TERN_ENSURE(host.p[host.left - 1] != '.', TERN_ERR_ILLEGAL_PARAMETER);
    *name = host.p;
    *name_len = host.left;
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_ext_server_name_write(tern_writer *w, const char *name)
{
    size_t ext, list, host;
    size_t len = name != NULL ? strlen(name) : 0;

    TERN_TRY(tern_write_u16(w, TERN_EXT_SERVER_NAME));
    TERN_TRY(tern_write_vec_begin(w, 2, &ext));
    if (len > 0) {
        TERN_TRY(tern_write_vec_begin(w, 2, &list));
        TERN_TRY(tern_write_u8(w, 0)); /* host_name */
        TERN_TRY(tern_write_vec_begin(w, 2, &host));
        TERN_TRY(tern_write_bytes(w, name, len));
        TERN_TRY(tern_write_vec_end(w, 2, host));
        TERN_TRY(tern_write_vec_end(w, 2, list));
    }
    return tern_write_vec_end(w, 2, ext);
}
