/*
 * Alert (RFC 5246 7.2):
 *   enum { warning(1), fatal(2), (255) } AlertLevel;
 *   struct { AlertLevel level; AlertDescription description; } Alert;
 * One alert per record: exactly two bytes.
 */
#include "common/try_internal.h"
#include "handshake/handshake_internal.h"

/* see src/handshake/handshake_internal.h */
int tern_alert_parse(const uint8_t *body, size_t len, uint8_t *level, uint8_t *desc)
{
    TERN_ENSURE(len == 2, TERN_ERR_DECODE);
    TERN_ENSURE(body[0] == 1 || body[0] == 2, TERN_ERR_ILLEGAL_PARAMETER);
    *level = body[0];
    *desc = body[1];
    return TERN_OK;
}
