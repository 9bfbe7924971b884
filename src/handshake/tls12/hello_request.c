/*
 * HelloRequest (RFC 5246 7.4.1.1): struct { } HelloRequest;
 * Never hashed; the driver starts a renegotiation or declines it
 * (src/engine/reneg.c).
 */
#include "common/try_internal.h"
#include "handshake/handshake_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_tls12_hello_request_parse(const uint8_t *body, size_t len)
{
    (void)body;
    TERN_ENSURE(len == 0, TERN_ERR_DECODE);
    return TERN_OK;
}
