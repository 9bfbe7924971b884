/*
 * Message -> handlers (the columns of the flow table that are code).
 */
#include "handshake/handshake_internal.h"

extern const tern_hs_ops tern_tls12_client_hello_ops;
extern const tern_hs_ops tern_tls12_server_hello_ops;
extern const tern_hs_ops tern_tls12_server_certificate_ops;
extern const tern_hs_ops tern_tls12_server_key_exchange_ops;
extern const tern_hs_ops tern_tls12_certificate_request_ops;
extern const tern_hs_ops tern_tls12_server_hello_done_ops;
extern const tern_hs_ops tern_tls12_client_certificate_ops;
extern const tern_hs_ops tern_tls12_client_key_exchange_ops;
extern const tern_hs_ops tern_tls12_certificate_verify_ops;
extern const tern_hs_ops tern_tls12_new_session_ticket_ops;
extern const tern_hs_ops tern_tls12_finished_ops;

/* see src/handshake/handshake_internal.h */
const tern_hs_ops *tern_hs_ops_get(uint8_t msg)
{
    switch (msg) {
    case TERN_MSG_CLIENT_HELLO:
        return &tern_tls12_client_hello_ops;
    case TERN_MSG_SERVER_HELLO:
        return &tern_tls12_server_hello_ops;
    case TERN_MSG_SERVER_CERTIFICATE:
        return &tern_tls12_server_certificate_ops;
    case TERN_MSG_SERVER_KEY_EXCHANGE:
        return &tern_tls12_server_key_exchange_ops;
    case TERN_MSG_CERTIFICATE_REQUEST:
        return &tern_tls12_certificate_request_ops;
    case TERN_MSG_SERVER_HELLO_DONE:
        return &tern_tls12_server_hello_done_ops;
    case TERN_MSG_CLIENT_CERTIFICATE:
        return &tern_tls12_client_certificate_ops;
    case TERN_MSG_CLIENT_KEY_EXCHANGE:
        return &tern_tls12_client_key_exchange_ops;
    case TERN_MSG_CERTIFICATE_VERIFY:
        return &tern_tls12_certificate_verify_ops;
    case TERN_MSG_NEW_SESSION_TICKET:
        return &tern_tls12_new_session_ticket_ops;
    case TERN_MSG_CLIENT_FINISHED:
    case TERN_MSG_SERVER_FINISHED:
        return &tern_tls12_finished_ops;
    default:
        return NULL;
    }
}
