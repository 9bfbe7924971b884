/*
 * api_tls.h - the seed-compatible TLS/DTLS module API (TLS and DTLS User
 * Guide, section 5), built on tern's public API.
 *
 * Status: this header currently carries the return codes of section 5.6
 * with their documented values; the functions arrive with the seed API
 * issue and are not declared until they exist.
 */
#ifndef API_TLS_H
#define API_TLS_H

#include "config_tls.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Return codes (User Guide 5.6), with their documented values. */
typedef enum {
    TLS_OK = 0,
    TLS_SET = 1,
    TLS_NOT_SET = 2,
    TLS_FOUND = 3,
    TLS_SIGN_VERIFY = 5,
    TLS_WAIT = 6,
    TLS_INIT_ERR = 7,
    TLS_NOT_FOUND_ERR = 8,
    TLS_IO_ERR = 9,
    TLS_TYPE_ERR = 10,
    TLS_FULL_ERR = 11,
    TLS_NULL_PTR_ERR = 12,
    TLS_HS_ERR = 13,
    TLS_PARAM_ERR = 14,
    TLS_MEM_ERR = 15,
    TLS_VERIFY_ERR = 16,
    TLS_CERTIFICATE_ERR = 17,
    TLS_ENCRYPTION_MODULE_ERR = 18,
    TLS_HEARTBEAT_TIMEOUT_ERR = 19,
    TLS_DROP_MESSAGE = 20,
    TLS_TIMEOUT_ERR = 21,
    TLS_DTLS_NEW_CONN = 22,
    TLS_DTLS_DROP_FRMSG = 23,
    TLS_DTLS_CONNECT_ERR = 24
} t_tls_ret;

#ifdef __cplusplus
}
#endif

#endif /* API_TLS_H */
