/*
 * tern error codes -> the guide's t_tls_ret (User Guide 5.6). The table
 * is the one include/tern/error.h and docs/errors.md give.
 */
#include "compat/compat_internal.h"

/* see src/compat/compat_internal.h */
t_tls_ret compat_err(int err, int in_handshake)
{
    if (err >= 0) {
        return TLS_OK;
    }
    if (TERN_ERR_IS_WANT_IO(err)) {
        return TLS_WAIT;
    }
    if (TERN_ERR_IS_CLOSED(err)) {
        return TLS_IO_ERR;
    }
    if (err == TERN_ERR_HEARTBEAT_TIMEOUT) {
        return TLS_HEARTBEAT_TIMEOUT_ERR;
    }
    if (err == TERN_ERR_TIMEOUT) {
        return TLS_TIMEOUT_ERR;
    }
    if (TERN_ERR_IS_ALERT_SENT(err) || TERN_ERR_IS_ALERT_RECEIVED(err) ||
        TERN_ERR_IS_PROTOCOL(err)) {
        return in_handshake ? TLS_HS_ERR : TLS_IO_ERR;
    }
    if (err == TERN_ERR_BAD_SIGNATURE) {
        return TLS_VERIFY_ERR;
    }
    if (err == TERN_ERR_CERT_TYPE) {
        return TLS_TYPE_ERR;
    }
    if (TERN_ERR_IS_X509(err)) {
        return TLS_CERTIFICATE_ERR;
    }
    if (TERN_ERR_IS_CRYPTO(err)) {
        return TLS_ENCRYPTION_MODULE_ERR;
    }
    if (err == TERN_ERR_NULL_POINTER) {
        return TLS_NULL_PTR_ERR;
    }
    if (err == TERN_ERR_NOT_INITIALIZED) {
        return TLS_INIT_ERR;
    }
    if (err == TERN_ERR_NOT_FOUND) {
        return TLS_NOT_FOUND_ERR;
    }
    if (TERN_ERR_IS_USAGE(err)) {
        return TLS_PARAM_ERR;
    }
    if (err == TERN_ERR_FULL) {
        return TLS_FULL_ERR;
    }
    if (TERN_ERR_IS_MEMORY(err)) {
        return TLS_MEM_ERR;
    }
    if (TERN_ERR_IS_PLATFORM(err)) {
        return TLS_INIT_ERR;
    }
    return TLS_HS_ERR; /* internal category and anything unknown */
}
