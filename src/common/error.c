/*
 * Error strings: one table, compiled out with TERN_CONFIG_ERROR_STRINGS=0.
 */
#include <stddef.h>

#include "tern/error.h"

/* see include/tern/error.h */
int tern_err_alert(int err)
{
    if (TERN_ERR_IS_ALERT_SENT(err)) {
        return err - TERN_ERR_ALERT_SENT_BASE;
    }
    if (TERN_ERR_IS_ALERT_RECEIVED(err)) {
        return err - TERN_ERR_ALERT_RECEIVED_BASE;
    }
    return -1;
}

#if TERN_CONFIG_ERROR_STRINGS

struct err_entry {
    int code;
    const char *name;
    const char *text;
};

#define E(code, text) { code, #code, text }
static const struct err_entry err_table[] = {
    E(TERN_OK, "ok"),
    E(TERN_ERR_WANT_READ, "needs more input (would block on read)"),
    E(TERN_ERR_WANT_WRITE, "output pending (would block on write)"),
    E(TERN_ERR_WANT_TIMER, "waiting for a timer"),
    E(TERN_ERR_CLOSED, "connection closed by peer (close_notify)"),
    E(TERN_ERR_EOF, "transport closed without close_notify"),
    E(TERN_ERR_TRANSPORT, "transport send/receive failed"),
    E(TERN_ERR_RESET, "connection was reset"),
    E(TERN_ERR_DECODE, "malformed message"),
    E(TERN_ERR_UNEXPECTED_MESSAGE, "unexpected message"),
    E(TERN_ERR_BAD_RECORD_MAC, "record authentication failed"),
    E(TERN_ERR_RECORD_OVERFLOW, "record too long"),
    E(TERN_ERR_HANDSHAKE_FAILURE, "no acceptable handshake parameters"),
    E(TERN_ERR_ILLEGAL_PARAMETER, "illegal parameter in handshake"),
    E(TERN_ERR_PROTOCOL_VERSION, "protocol version not supported"),
    E(TERN_ERR_INSUFFICIENT_SECURITY, "insufficient security"),
    E(TERN_ERR_INAPPROPRIATE_FALLBACK, "inappropriate fallback (downgrade)"),
    E(TERN_ERR_NO_RENEGOTIATION, "renegotiation refused"),
    E(TERN_ERR_UNSUPPORTED_EXTENSION, "unsupported extension"),
    E(TERN_ERR_MISSING_EXTENSION, "required extension missing"),
    E(TERN_ERR_BAD_FINISHED, "Finished message did not verify"),
    E(TERN_ERR_NO_APPLICATION_PROTOCOL, "no common application protocol (ALPN)"),
    E(TERN_ERR_UNRECOGNIZED_NAME, "server name not recognized"),
    E(TERN_ERR_DUPLICATE_EXTENSION, "duplicate extension"),
    E(TERN_ERR_TOO_MANY_EMPTY_RECORDS, "too many consecutive empty records"),
    E(TERN_ERR_BAD_CERTIFICATE_MSG, "malformed Certificate message"),
    E(TERN_ERR_CERT_REQUIRED, "peer certificate required but not sent"),
    E(TERN_ERR_UNKNOWN_PSK_IDENTITY, "unknown PSK identity"),
    E(TERN_ERR_HEARTBEAT_TIMEOUT, "heartbeat not answered"),
    E(TERN_ERR_TIMEOUT, "operation timed out"),
    E(TERN_ERR_DECRYPT, "handshake signature or key exchange did not verify"),
    E(TERN_ERR_BAD_MAC, "authentication tag mismatch"),
    E(TERN_ERR_BAD_SIGNATURE, "signature did not verify"),
    E(TERN_ERR_BAD_KEY, "malformed or unusable key"),
    E(TERN_ERR_BAD_POINT, "invalid elliptic-curve point"),
    E(TERN_ERR_BAD_SHARED_SECRET, "key agreement gave an invalid secret"),
    E(TERN_ERR_BAD_PADDING, "bad padding"),
    E(TERN_ERR_UNSUPPORTED_ALGORITHM, "algorithm not supported"),
    E(TERN_ERR_KEY_TOO_SMALL, "key smaller than policy allows"),
    E(TERN_ERR_ENTROPY, "entropy source unavailable"),
    E(TERN_ERR_RNG_RESEED, "random generator needs reseeding"),
    E(TERN_ERR_BAD_LENGTH, "invalid input length"),
    E(TERN_ERR_FAULT, "self-check failed (possible fault)"),
    E(TERN_ERR_ASN1, "malformed DER"),
    E(TERN_ERR_PEM, "malformed PEM or base64"),
    E(TERN_ERR_CERT_PARSE, "malformed certificate"),
    E(TERN_ERR_CERT_UNKNOWN_CRITICAL, "unknown critical certificate extension"),
    E(TERN_ERR_CERT_NOT_TRUSTED, "certificate not trusted"),
    E(TERN_ERR_CERT_EXPIRED, "certificate expired"),
    E(TERN_ERR_CERT_FUTURE, "certificate not yet valid"),
    E(TERN_ERR_CERT_BAD_KEY, "certificate key not acceptable"),
    E(TERN_ERR_CERT_BAD_MD, "certificate signature hash not acceptable"),
    E(TERN_ERR_CERT_BAD_PK, "certificate public-key algorithm not acceptable"),
    E(TERN_ERR_CERT_VERIFY_FAILED, "certificate verification failed"),
    E(TERN_ERR_CERT_NAME_MISMATCH, "certificate does not match the peer name"),
    E(TERN_ERR_CERT_REVOKED, "certificate revoked"),
    E(TERN_ERR_CERT_USAGE, "certificate key usage not allowed"),
    E(TERN_ERR_CERT_CONSTRAINTS, "certificate constraints violated"),
    E(TERN_ERR_CERT_NO_TIME, "no time source to check certificate validity"),
    E(TERN_ERR_CERT_TYPE, "certificate type not usable here"),
    E(TERN_ERR_CERT_CHAIN_TOO_LONG, "certificate chain too long"),
    E(TERN_ERR_USAGE, "API misuse"),
    E(TERN_ERR_NULL_POINTER, "NULL pointer argument"),
    E(TERN_ERR_BAD_ARG, "argument out of range"),
    E(TERN_ERR_BAD_STATE, "call not allowed in this state"),
    E(TERN_ERR_NOT_INITIALIZED, "not initialized"),
    E(TERN_ERR_NOT_FOUND, "not found"),
    E(TERN_ERR_UNSUPPORTED, "feature not compiled in"),
    E(TERN_ERR_BAD_CONFIG, "inconsistent configuration"),
    E(TERN_ERR_BUFFER_TOO_SMALL, "buffer too small"),
    E(TERN_ERR_FULL, "table or pool full"),
    E(TERN_ERR_NO_MEMORY, "out of memory"),
    E(TERN_ERR_PLATFORM, "platform service unavailable"),
    E(TERN_ERR_NO_TIME, "wall clock unavailable"),
    E(TERN_ERR_INTERNAL, "internal error"),
};
#undef E

static const struct err_entry *find(int err)
{
    size_t i;
    for (i = 0; i < sizeof(err_table) / sizeof(err_table[0]); i++) {
        if (err_table[i].code == err) {
            return &err_table[i];
        }
    }
    return NULL;
}

/* see include/tern/error.h */
const char *tern_strerror(int err)
{
    const struct err_entry *e;
    if (TERN_ERR_IS_ALERT_SENT(err)) {
        return "fatal alert sent to peer";
    }
    if (TERN_ERR_IS_ALERT_RECEIVED(err)) {
        return "fatal alert received from peer";
    }
    e = find(err);
    return e != NULL ? e->text : "unknown error";
}

/* see include/tern/error.h */
const char *tern_err_name(int err)
{
    const struct err_entry *e;
    if (TERN_ERR_IS_ALERT_SENT(err)) {
        return "TERN_ERR_ALERT_SENT";
    }
    if (TERN_ERR_IS_ALERT_RECEIVED(err)) {
        return "TERN_ERR_ALERT_RECEIVED";
    }
    e = find(err);
    return e != NULL ? e->name : NULL;
}

#else /* !TERN_CONFIG_ERROR_STRINGS */

/* see include/tern/error.h */
const char *tern_strerror(int err)
{
    return err == TERN_OK ? "ok" : "tern error";
}

/* see include/tern/error.h */
const char *tern_err_name(int err)
{
    (void)err;
    return NULL;
}

#endif
