/*
 * After-handshake operations of the tools: a heartbeat round trip
 * (-heartbeat) and a renegotiation (-reneg), each driven to its end over
 * the non-blocking socket while application data keeps arriving.
 */
#include "tern/socket.h"
#include "tool.h"

/* What a wait is for. */
typedef int (*pending_fn)(const tern_conn *c);

/* Reads (passing data to out) and flushes until pending(c) is 0, the
 * connection fails, or timeout_ms pass without progress. */
static int wait_until_done(tern_conn *c, pending_fn pending, FILE *out, int timeout_ms)
{
    static uint8_t buf[16384];

    for (;;) {
        int rc = tern_read(c, buf, sizeof(buf));
        if (rc > 0) {
            if (out != NULL) {
                fwrite(buf, 1, (size_t)rc, out);
                fflush(out);
            }
            continue;
        }
        if (rc != TERN_ERR_WANT_READ && rc != TERN_ERR_WANT_WRITE) {
            return rc; /* failed, or the peer closed */
        }
        if (tern_pending(c) > 0) {
            rc = tern_flush(c);
            if (rc != TERN_OK && rc != TERN_ERR_WANT_WRITE) {
                return rc;
            }
            if (rc == TERN_ERR_WANT_WRITE) {
                if ((rc = tern_socket_wait(c, rc, timeout_ms)) != TERN_OK) {
                    return rc;
                }
                continue;
            }
        }
        if (!pending(c)) {
            return TERN_OK;
        }
        if ((rc = tern_socket_wait(c, TERN_ERR_WANT_READ, timeout_ms)) != TERN_OK) {
            return rc;
        }
    }
}

/* see tools/common/tool.h */
int tool_heartbeat(tern_conn *c, FILE *out, int timeout_ms)
{
    int rc = tern_conn_heartbeat(c);

    if (rc != TERN_OK) {
        tool_err(rc, "heartbeat: %s",
                 rc == TERN_ERR_UNSUPPORTED ? "not negotiated, or the peer does not answer"
                                            : "cannot send");
        return rc;
    }
    rc = wait_until_done(c, tern_conn_heartbeat_pending, out, timeout_ms);
    if (rc != TERN_OK) {
        tool_err(rc, "heartbeat: no response");
        return rc;
    }
    fprintf(stderr, "heartbeat: answered\n");
    return TERN_OK;
}

/* see tools/common/tool.h */
int tool_renegotiate(tern_conn *c, FILE *out, int timeout_ms)
{
    uint32_t before = tern_conn_renegotiations(c);
    int rc = tern_conn_renegotiate(c, 0);

    if (rc != TERN_OK) {
        tool_err(rc, "renegotiation: cannot start");
        return rc;
    }
    rc = wait_until_done(c, tern_conn_renegotiating, out, timeout_ms);
    if (rc != TERN_OK) {
        tool_err(rc, "renegotiation failed");
        return rc;
    }
    if (tern_conn_renegotiations(c) == before) {
        fprintf(stderr, "renegotiation refused by the peer\n");
    } else {
        fprintf(stderr, "renegotiated: %u\n", (unsigned)tern_conn_renegotiations(c));
    }
    return TERN_OK;
}
