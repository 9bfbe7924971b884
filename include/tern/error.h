/*
 * tern error codes.
 *
 * Every fallible tern function returns int: 0 (TERN_OK) on success, a
 * non-negative count where documented (bytes read or written), or one
 * negative TERN_ERR_* code. There is one flat list, grouped in ranges so a
 * caller can test the category without knowing every code:
 *
 *   range              category              test
 *   -1 .. -9           would block           TERN_ERR_IS_WANT_IO(e)
 *   -10 .. -19         connection closed     TERN_ERR_IS_CLOSED(e)
 *   -511 .. -256       alert sent (+alert)   TERN_ERR_IS_ALERT_SENT(e)
 *   -767 .. -512       alert received        TERN_ERR_IS_ALERT_RECEIVED(e)
 *   -1199 .. -1000     protocol              TERN_ERR_IS_PROTOCOL(e)
 *   -1399 .. -1200     crypto                TERN_ERR_IS_CRYPTO(e)
 *   -1599 .. -1400     x509 / certificates   TERN_ERR_IS_X509(e)
 *   -1699 .. -1600     usage (API misuse)    TERN_ERR_IS_USAGE(e)
 *   -1799 .. -1700     memory / capacity     TERN_ERR_IS_MEMORY(e)
 *   -1899 .. -1800     platform              TERN_ERR_IS_PLATFORM(e)
 *   -1999 .. -1900     internal              TERN_ERR_IS_INTERNAL(e)
 *
 * Alert codes carry the TLS alert number (RFC 5246 7.2, RFC 8446 6):
 * TERN_ERR_ALERT_RECEIVED(40) is "peer sent handshake_failure". Building
 * those two is the only arithmetic allowed on codes: codes are never added
 * or OR-ed together across layers; a layer passes a lower layer's code
 * through unchanged or replaces it.
 *
 * Mapping to the seed API's t_tls_ret (User Guide 5.6, values in brackets),
 * applied by src/compat:
 *
 *   TERN_OK                          -> TLS_OK (0)
 *   WANT_READ / WANT_WRITE / TIMER   -> TLS_WAIT (6)
 *   CLOSED, EOF, TRANSPORT           -> TLS_IO_ERR (9)
 *   alert sent / received, protocol  -> TLS_HS_ERR (13) during the
 *                                       handshake, TLS_IO_ERR (9) after it
 *   TERN_ERR_BAD_SIGNATURE           -> TLS_VERIFY_ERR (16)
 *   x509 category                    -> TLS_CERTIFICATE_ERR (17)
 *   TERN_ERR_CERT_TYPE               -> TLS_TYPE_ERR (10)
 *   other crypto category            -> TLS_ENCRYPTION_MODULE_ERR (18)
 *   TERN_ERR_NULL_POINTER            -> TLS_NULL_PTR_ERR (12)
 *   other usage category             -> TLS_PARAM_ERR (14)
 *   TERN_ERR_NOT_FOUND               -> TLS_NOT_FOUND_ERR (8)
 *   TERN_ERR_FULL                    -> TLS_FULL_ERR (11)
 *   other memory category            -> TLS_MEM_ERR (15)
 *   TERN_ERR_NOT_INITIALIZED,
 *   platform category                -> TLS_INIT_ERR (7)
 *   TERN_ERR_HEARTBEAT_TIMEOUT       -> TLS_HEARTBEAT_TIMEOUT_ERR (19)
 *   TERN_ERR_TIMEOUT                 -> TLS_TIMEOUT_ERR (21)
 *   internal category                -> TLS_HS_ERR (13)
 * The seed's non-error statuses TLS_SET (1), TLS_NOT_SET (2), TLS_FOUND (3),
 * TLS_SIGN_VERIFY (5), TLS_DROP_MESSAGE (20), TLS_DTLS_NEW_CONN (22),
 * TLS_DTLS_DROP_FRMSG (23) and TLS_DTLS_CONNECT_ERR (24) are statuses of the
 * seed's internals or its DTLS listener; they have no tern error code.
 */
#ifndef TERN_ERROR_H
#define TERN_ERROR_H

#include "tern/config.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a function whose result must not be ignored. */
#if defined(__GNUC__) || defined(__clang__)
#define TERN_MUST_CHECK __attribute__((warn_unused_result))
#else
#define TERN_MUST_CHECK
#endif

enum {
    TERN_OK = 0,

    /* -- would block: retry the same call when the condition clears ------ */
    TERN_ERR_WANT_READ = -1,   /* needs more input from the peer */
    TERN_ERR_WANT_WRITE = -2,  /* output is pending: flush, then retry */
    TERN_ERR_WANT_TIMER = -3,  /* waiting for a timer (DTLS retransmit) */

    /* -- closed ---------------------------------------------------------- */
    TERN_ERR_CLOSED = -10,     /* peer sent close_notify: orderly end */
    TERN_ERR_EOF = -11,        /* transport ended without close_notify
                                  (possible truncation attack) */
    TERN_ERR_TRANSPORT = -12,  /* the send/recv callback or socket failed */
    TERN_ERR_RESET = -13,      /* connection was reset by the caller */

    /* -- alerts: use the macros below ------------------------------------ */
    TERN_ERR_ALERT_SENT_BASE = -511,     /* + alert number (0..255) */
    TERN_ERR_ALERT_RECEIVED_BASE = -767, /* + alert number (0..255) */

    /* -- protocol: the peer broke the protocol ---------------------------- */
    TERN_ERR_DECODE = -1000,             /* malformed message (decode_error) */
    TERN_ERR_UNEXPECTED_MESSAGE = -1001, /* message not allowed now */
    TERN_ERR_BAD_RECORD_MAC = -1002,     /* record failed authentication */
    TERN_ERR_RECORD_OVERFLOW = -1003,    /* record longer than allowed */
    TERN_ERR_HANDSHAKE_FAILURE = -1004,  /* no acceptable parameters */
    TERN_ERR_ILLEGAL_PARAMETER = -1005,  /* field out of range */
    TERN_ERR_PROTOCOL_VERSION = -1006,   /* version not supported */
    TERN_ERR_INSUFFICIENT_SECURITY = -1007,
    TERN_ERR_INAPPROPRIATE_FALLBACK = -1008, /* RFC 7507 */
    TERN_ERR_NO_RENEGOTIATION = -1009,
    TERN_ERR_UNSUPPORTED_EXTENSION = -1010,
    TERN_ERR_MISSING_EXTENSION = -1011,
    TERN_ERR_BAD_FINISHED = -1012,       /* Finished verify_data mismatch */
    TERN_ERR_NO_APPLICATION_PROTOCOL = -1013, /* ALPN, RFC 7301 */
    TERN_ERR_UNRECOGNIZED_NAME = -1014,  /* SNI, RFC 6066 */
    TERN_ERR_DUPLICATE_EXTENSION = -1015,
    TERN_ERR_TOO_MANY_EMPTY_RECORDS = -1016,
    TERN_ERR_BAD_CERTIFICATE_MSG = -1017, /* Certificate message malformed */
    TERN_ERR_CERT_REQUIRED = -1018,      /* peer sent no certificate */
    TERN_ERR_UNKNOWN_PSK_IDENTITY = -1019,
    TERN_ERR_HEARTBEAT_TIMEOUT = -1020,  /* peer did not answer a heartbeat */
    TERN_ERR_TIMEOUT = -1021,            /* handshake or retransmit timeout */
    TERN_ERR_DECRYPT = -1022,            /* decrypt_error (bad signature or
                                            key exchange in the handshake) */

    /* -- crypto ------------------------------------------------------------ */
    TERN_ERR_BAD_MAC = -1200,            /* AEAD tag or MAC mismatch */
    TERN_ERR_BAD_SIGNATURE = -1201,      /* signature did not verify */
    TERN_ERR_BAD_KEY = -1202,            /* malformed or unusable key */
    TERN_ERR_BAD_POINT = -1203,          /* EC point invalid / not on curve */
    TERN_ERR_BAD_SHARED_SECRET = -1204,  /* all-zero or low-order result */
    TERN_ERR_BAD_PADDING = -1205,
    TERN_ERR_UNSUPPORTED_ALGORITHM = -1206,
    TERN_ERR_KEY_TOO_SMALL = -1207,      /* below the configured policy */
    TERN_ERR_ENTROPY = -1208,            /* no entropy: fail closed */
    TERN_ERR_RNG_RESEED = -1209,         /* DRBG reseed required */
    TERN_ERR_BAD_LENGTH = -1210,         /* input length invalid for
                                            this algorithm */
    TERN_ERR_FAULT = -1211,              /* self-check failed (fault) */

    /* -- x509 -------------------------------------------------------------- */
    TERN_ERR_ASN1 = -1400,               /* malformed DER */
    TERN_ERR_PEM = -1401,                /* malformed PEM / base64 */
    TERN_ERR_CERT_PARSE = -1402,         /* certificate structure invalid */
    TERN_ERR_CERT_UNKNOWN_CRITICAL = -1403,
    TERN_ERR_CERT_NOT_TRUSTED = -1404,   /* no path to a trust anchor */
    TERN_ERR_CERT_EXPIRED = -1405,
    TERN_ERR_CERT_FUTURE = -1406,        /* not yet valid */
    TERN_ERR_CERT_BAD_KEY = -1407,       /* key too weak / wrong type */
    TERN_ERR_CERT_BAD_MD = -1408,        /* signature hash not allowed */
    TERN_ERR_CERT_BAD_PK = -1409,        /* public-key algorithm not allowed */
    TERN_ERR_CERT_VERIFY_FAILED = -1410, /* several or other reasons: see
                                            the reason bitmask */
    TERN_ERR_CERT_NAME_MISMATCH = -1411, /* hostname / IP check failed */
    TERN_ERR_CERT_REVOKED = -1412,
    TERN_ERR_CERT_USAGE = -1413,         /* keyUsage / extKeyUsage */
    TERN_ERR_CERT_CONSTRAINTS = -1414,   /* basicConstraints, pathLen,
                                            nameConstraints */
    TERN_ERR_CERT_NO_TIME = -1415,       /* no clock and check not waived */
    TERN_ERR_CERT_TYPE = -1416,          /* certificate type not usable
                                            for the negotiated suite */
    TERN_ERR_CERT_CHAIN_TOO_LONG = -1417,

    /* -- usage: the caller broke the API contract -------------------------- */
    TERN_ERR_USAGE = -1600,              /* generic contract violation */
    TERN_ERR_NULL_POINTER = -1601,
    TERN_ERR_BAD_ARG = -1602,            /* argument out of range */
    TERN_ERR_BAD_STATE = -1603,          /* call not allowed in this state */
    TERN_ERR_NOT_INITIALIZED = -1604,
    TERN_ERR_NOT_FOUND = -1605,          /* unknown handle / object */
    TERN_ERR_UNSUPPORTED = -1606,        /* feature compiled out */
    TERN_ERR_BAD_CONFIG = -1607,         /* inconsistent configuration */

    /* -- memory / capacity ------------------------------------------------- */
    TERN_ERR_BUFFER_TOO_SMALL = -1700,   /* output buffer too small */
    TERN_ERR_FULL = -1701,               /* table or pool is full */
    TERN_ERR_NO_MEMORY = -1702,          /* allocator hook failed */

    /* -- platform ---------------------------------------------------------- */
    TERN_ERR_PLATFORM = -1800,           /* platform service missing */
    TERN_ERR_NO_TIME = -1801,            /* wall clock not available */

    /* -- internal: a bug in tern ------------------------------------------- */
    TERN_ERR_INTERNAL = -1900
};

#define TERN_ERR_ALERT_SENT(alert) (TERN_ERR_ALERT_SENT_BASE + (int)(alert))
#define TERN_ERR_ALERT_RECEIVED(alert) (TERN_ERR_ALERT_RECEIVED_BASE + (int)(alert))

#define TERN_ERR_IN_RANGE_(e, lo, hi) ((e) >= (lo) && (e) <= (hi))
#define TERN_ERR_IS_WANT_IO(e) TERN_ERR_IN_RANGE_((e), -9, -1)
#define TERN_ERR_IS_CLOSED(e) TERN_ERR_IN_RANGE_((e), -19, -10)
#define TERN_ERR_IS_ALERT_SENT(e) TERN_ERR_IN_RANGE_((e), -511, -256)
#define TERN_ERR_IS_ALERT_RECEIVED(e) TERN_ERR_IN_RANGE_((e), -767, -512)
#define TERN_ERR_IS_PROTOCOL(e) TERN_ERR_IN_RANGE_((e), -1199, -1000)
#define TERN_ERR_IS_CRYPTO(e) TERN_ERR_IN_RANGE_((e), -1399, -1200)
#define TERN_ERR_IS_X509(e) TERN_ERR_IN_RANGE_((e), -1599, -1400)
#define TERN_ERR_IS_USAGE(e) TERN_ERR_IN_RANGE_((e), -1699, -1600)
#define TERN_ERR_IS_MEMORY(e) TERN_ERR_IN_RANGE_((e), -1799, -1700)
#define TERN_ERR_IS_PLATFORM(e) TERN_ERR_IN_RANGE_((e), -1899, -1800)
#define TERN_ERR_IS_INTERNAL(e) TERN_ERR_IN_RANGE_((e), -1999, -1900)

/* The alert number carried by an alert code (sent or received), or -1 if
 * the code is not an alert code. */
int tern_err_alert(int err);

/* A short English description of an error code; never NULL. Unknown codes
 * give "unknown error". With TERN_CONFIG_ERROR_STRINGS off, every code
 * gives "tern error" except TERN_OK ("ok"). */
const char *tern_strerror(int err);

/* The symbolic name of a code ("TERN_ERR_DECODE"), or NULL if unknown or
 * compiled out. Alert codes give "TERN_ERR_ALERT_SENT" /
 * "TERN_ERR_ALERT_RECEIVED". */
const char *tern_err_name(int err);

#ifdef __cplusplus
}
#endif

#endif /* TERN_ERROR_H */
