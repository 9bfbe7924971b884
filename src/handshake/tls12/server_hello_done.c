/*
 * ServerHelloDone (RFC 5246 7.4.5): struct { } ServerHelloDone;
 */
#include "common/try_internal.h"
#include "engine/engine_internal.h"

static int shd_write(tern_conn *c, tern_writer *w)
{
    (void)c;
    (void)w;
    return TERN_OK;
}

static int shd_read(tern_conn *c, const uint8_t *body, size_t len)
{
    (void)c;
    (void)body;
    TERN_ENSURE(len == 0, TERN_ERR_DECODE);
    return TERN_OK;
}

const tern_hs_ops tern_tls12_server_hello_done_ops = {shd_write, shd_read, NULL};
