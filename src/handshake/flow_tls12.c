/*
 * TLS 1.2 flow tables (RFC 5246 7.3 figures 1 and 2; RFC 5077 3.1-3.4 for
 * NewSessionTicket). Both roles walk the same table: a step names its
 * sender. The full and abbreviated flows share their first two steps, so
 * the client can switch tables after ServerHello. The key exchange of the
 * suite removes steps (kx_suite.c): no Certificate for PSK, no
 * ServerKeyExchange for static RSA, an optional one for plain PSK; an
 * optional step whose `absent` bits are set is not expected at all.
 */
#include "handshake/handshake_internal.h"
#include "record/record_internal.h"

#define HS TERN_CT_HANDSHAKE
#define CCS TERN_CT_CHANGE_CIPHER_SPEC
#define C TERN_CLIENT
#define S TERN_SERVER

static const tern_hs_step full[] = {
    {TERN_MSG_CLIENT_HELLO, C, HS, TERN_HS_CLIENT_HELLO, 0, 0, 0},
    {TERN_MSG_SERVER_HELLO, S, HS, TERN_HS_SERVER_HELLO, 0, 0, 0},
    {TERN_MSG_SERVER_CERTIFICATE, S, HS, TERN_HS_CERTIFICATE, 0, TERN_HSB_NO_CERT, 0},
    {TERN_MSG_SERVER_KEY_EXCHANGE, S, HS, TERN_HS_SERVER_KEY_EXCHANGE, TERN_HSB_SKE_SURE,
     TERN_HSB_NO_SKE, 0},
    /* plain PSK: ServerKeyExchange only to carry a hint (RFC 4279 2) */
    {TERN_MSG_SERVER_KEY_EXCHANGE, S, HS, TERN_HS_SERVER_KEY_EXCHANGE, TERN_HSB_PSK_HINT,
     TERN_HSB_SKE_SURE, TERN_STEP_OPTIONAL},
    {TERN_MSG_CERTIFICATE_REQUEST, S, HS, TERN_HS_CERTIFICATE_REQUEST, TERN_HSB_CLIENT_AUTH,
     TERN_HSB_NO_CERT, TERN_STEP_OPTIONAL},
    {TERN_MSG_SERVER_HELLO_DONE, S, HS, TERN_HS_SERVER_HELLO_DONE, 0, 0, 0},
    {TERN_MSG_CLIENT_CERTIFICATE, C, HS, TERN_HS_CERTIFICATE, TERN_HSB_CLIENT_AUTH, 0, 0},
    {TERN_MSG_CLIENT_KEY_EXCHANGE, C, HS, TERN_HS_CLIENT_KEY_EXCHANGE, 0, 0, 0},
    {TERN_MSG_CERTIFICATE_VERIFY, C, HS, TERN_HS_CERTIFICATE_VERIFY, TERN_HSB_CLIENT_AUTH,
     TERN_HSB_NO_CLIENT_CERT, 0},
    {TERN_MSG_CLIENT_CCS, C, CCS, 0, 0, 0, 0},
    {TERN_MSG_CLIENT_FINISHED, C, HS, TERN_HS_FINISHED, 0, 0, 0},
    {TERN_MSG_NEW_SESSION_TICKET, S, HS, TERN_HS_NEW_SESSION_TICKET, TERN_HSB_TICKET, 0, 0},
    {TERN_MSG_SERVER_CCS, S, CCS, 0, 0, 0, 0},
    {TERN_MSG_SERVER_FINISHED, S, HS, TERN_HS_FINISHED, 0, 0, 0},
    {TERN_MSG_DONE, S, 0, 0, 0, 0, 0},
};

static const tern_hs_step resume[] = {
    {TERN_MSG_CLIENT_HELLO, C, HS, TERN_HS_CLIENT_HELLO, 0, 0, 0},
    {TERN_MSG_SERVER_HELLO, S, HS, TERN_HS_SERVER_HELLO, 0, 0, 0},
    {TERN_MSG_NEW_SESSION_TICKET, S, HS, TERN_HS_NEW_SESSION_TICKET, TERN_HSB_TICKET, 0, 0},
    {TERN_MSG_SERVER_CCS, S, CCS, 0, 0, 0, 0},
    {TERN_MSG_SERVER_FINISHED, S, HS, TERN_HS_FINISHED, 0, 0, 0},
    {TERN_MSG_CLIENT_CCS, C, CCS, 0, 0, 0, 0},
    {TERN_MSG_CLIENT_FINISHED, C, HS, TERN_HS_FINISHED, 0, 0, 0},
    {TERN_MSG_DONE, C, 0, 0, 0, 0, 0},
};

static const tern_hs_flow flows[] = {
    {"tls12-full", full, sizeof(full) / sizeof(full[0])},
    {"tls12-resume", resume, sizeof(resume) / sizeof(resume[0])},
};

/* see src/handshake/handshake_internal.h */
const tern_hs_flow *tern_flow_get(uint8_t flow)
{
    return flow < sizeof(flows) / sizeof(flows[0]) ? &flows[flow] : NULL;
}
