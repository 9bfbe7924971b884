/*
 * Failing a connection from the application (tern_conn_abort): after a
 * check of its own, the application ends the connection the way the
 * engine ends it on an error of its own, with a fatal alert (RFC 5246
 * 7.2: "Alert messages with a level of fatal result in the immediate
 * termination of the connection") and a sticky error.
 */
#include "common/try_internal.h"
#include "engine/engine_internal.h"

/* see include/tern/engine.h */
int tern_conn_abort(tern_conn *c, int alert)
{
    TERN_ENSURE(c != NULL, TERN_ERR_NULL_POINTER);
    /* close_notify is no failure: tern_conn_close_notify sends it */
    TERN_ENSURE(alert > 0 && alert <= 255, TERN_ERR_BAD_ARG);
    if (c->error != TERN_OK) {
        return c->error; /* failed or closed already: nothing more goes out */
    }
    if (c->flags & TERN_CF_CLOSE_SENT) {
        return TERN_ERR_CLOSED; /* our close_notify ended the stream */
    }
    /* The error maps back to this alert (alert_map.c), which
     * tern_engine_fail queues as fatal after any record being drained. */
    (void)tern_engine_fail(c, TERN_ERR_ALERT_SENT(alert));
    tern_engine_pump(c);
    return TERN_OK;
}
