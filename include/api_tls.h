/*
 * api_tls.h - the module API of the TLS and DTLS User Guide (sections 3
 * and 5 to 7), built on tern's public API by src/compat.
 *
 * What is here
 *   5.1  module management: tls_init, tls_register_bulk / _hash / _sign,
 *        tls_start, tls_stop, tls_delete
 *   5.2  the native TCP interface (tls_*_tcp, tls_tcp_accept,
 *        tls_tcp_connect). The vendor's TCP/IP stack does not exist here:
 *        tern provides the few stack calls the guide's samples use
 *        (tcp_open, tcp_release_buf) over the platform's BSD sockets, and
 *        the application drives everything with tls_tcp_poll() (the
 *        guide's OAL poll mode, OAL_TASK_POLL_MODE = 1).
 *   5.3  the DTLS native UDP interface and
 *   5.5  the DTLS sockets interface: declared with their documented
 *        signatures; until tern's DTLS exists every one of them returns
 *        TLS_NOT_FOUND_ERR (or TLS_CONNST_CLOSED for the state queries),
 *        and DTLS_IFC_ENABLE = 1 is refused at build time (config_tls.h).
 *   5.4  the TLS sockets interface (tls_*_socket) over tern's socket front
 *        end (include/tern/socket.h): on a non-blocking socket every call
 *        returns at once, TLS_WAIT meaning "call again when the socket is
 *        ready"; on a blocking socket every call returns when done.
 *   5.6  return codes, 5.7 types, notification codes and flags, with the
 *        guide's numeric values.
 *
 * Threads (guide 6.1): the module uses two platform mutexes, created by
 * tls_init and deleted by tls_delete through tern_platform_default()
 * (include/tern/platform.h; on bare metal call
 * tern_platform_set_default() before tls_init): the module mutex (module
 * state, algorithm tables, connection pool, buffer pool) and the session
 * mutex (session pool, the server's session cache and ticket keys). Calls
 * on different connections may run in parallel. A call on a connection
 * that another task is using returns TLS_WAIT instead of waiting.
 *
 * Memory: connections, sessions and native-interface buffers come from
 * static pools sized by config_tls.h (src/compat/compat_pool.c); nothing
 * is allocated. docs/porting.md gives the budget per option set.
 *
 * Crypto (guide 4.4, the EEM): an "encryption handle" (t_enc_ifc_hdl) is
 * a pointer to a tern algorithm class: a tern_hash_class for
 * tls_register_hash, a tern_aead_class (AEAD) or tern_block_class (CBC)
 * for tls_register_bulk, a tern_sig_class for tls_register_sign
 * (include/tern/hash.h, aead.h, cipher.h, pk.h). tls_start offers exactly
 * what was registered: the cipher suites whose bulk cipher, PRF hash and
 * (CBC) MAC hash are registered, the signature schemes whose classes are
 * registered; 3DES and static RSA suites only when g_tls_arr_cipher_suite
 * names them. A class of the application's own
 * (a hardware accelerator) is accepted and handed by tls_start to the
 * engine (tern_config_set_*_class, include/tern/engine.h), which then runs
 * it for record protection (bulk), the transcript and PRF (SHA-256 /
 * SHA-384) and the ServerKeyExchange signature (sign). See
 * docs/compat.md, "Registering algorithms".
 *
 * Certificates (guide 3.3, 4.4): the tables g_tls_arr_host_cert,
 * g_tls_arr_ca_cert and g_tls_arr_rv_cert (the guide's config_tls.c),
 * defined in src/compat/config_tls.c, are read by tls_start.
 *
 * Where the guide contradicts itself, tern chose as follows (each is
 * repeated beside the declaration concerned):
 *  - tls_tcp_connect / dtls_connect_udp: the documented 4- and 4-argument
 *    formats, not the samples' 6 and 5 arguments (timeout, notification
 *    and peer name travel in t_tls_conn_inf, as the descriptions say).
 *  - dtls_client_handshake_socket: the documented 5-argument format (with
 *    p_ip_port), not the sample's 4.
 *  - t_tls_conn_inf.tci_flags is listed with type "t_ip_ntf *": it holds
 *    the TLS_TCP_CONN_INF_FLAG_* bits, so it is a uint32_t.
 *  - tls_receive_socket's table gives pp_buf the type uint8_t *, its
 *    format uint8_t **; dtls_receive_socket's format says uint8_t *. Both
 *    samples pass &p_buf: both take uint8_t **.
 *  - tls_send_tcp lists conn_hdl as t_tls_conn_hdl: it is t_tcp_conn_hdl.
 *  - dtls_get_ticket_udp / dtls_get_state_udp show the TCP names in their
 *    formats: the section titles' names are used.
 *  - dtls_server_handshake_socket and dtls_close_socket use
 *    t_dtls_socket_hdl where the other DTLS sockets calls use t_dtls_hdl:
 *    one is a typedef of the other.
 *  - IP_NTF_TX_RDY is described as "ready to transmit" but the receive
 *    functions say it announces decoded data to read: tern delivers it
 *    when data is ready to read (and, after a TLS_WAIT from
 *    tls_get_buffer_tcp, when a buffer became free).
 *  - TLS_TCP_CONN_INF_FLAG_VERIFY is "not currently supported - do not
 *    use it" in 5.7 but "the client is only verified if set" in
 *    tls_tcp_accept: tern supports it (client certificate required and
 *    verified against g_tls_arr_ca_cert).
 *  - The DTLS text names TLS_CONN_INF_FLAG_START / _VERIFY: aliases of the
 *    TLS_TCP_CONN_INF_FLAG_* values.
 *  - TLS_DATA_BUF_SIZE "should not be less than 2 * TLS_RECV_BUF_SIZE" but
 *    its default is not: tern checks only what its engine needs, at
 *    tls_start (docs/compat.md).
 *  - tls_tcp_accept: "TLS_WAIT: the connection was not accepted" next to
 *    "returns a new connection handle when it succeeds, ... you are
 *    notified of the result by a callback": tern reserves the connection
 *    at once (TLS_OK and a handle; the next TCP connection on the port
 *    fills it during tls_tcp_poll), and returns TLS_WAIT when the port
 *    already holds as many connections as tcp_open allowed.
 */
#ifndef API_TLS_H
#define API_TLS_H

#include <stddef.h>
#include <stdint.h>

#include "config_tls.h"
#include "tern/engine.h"

/* The two interfaces need BSD sockets: tern provides them on POSIX
 * systems (TERN_CONFIG_PLATFORM_POSIX). Elsewhere the library compiles
 * them out (src/compat defines TERN_COMPAT_BUILD), and an application
 * that asks for them is stopped here rather than at link time. */
#if !TERN_CONFIG_PLATFORM_POSIX && (TLS_SOCKET_IFC_ENABLE || TLS_TCPIP_IFC_ENABLE) &&              \
    !defined(TERN_COMPAT_BUILD)
#error                                                                                             \
    "TLS_SOCKET_IFC_ENABLE / TLS_TCPIP_IFC_ENABLE need BSD sockets (TERN_CONFIG_PLATFORM_POSIX); on this platform set both to 0"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- 5.6 return codes ------------------------------------------------------- */

typedef enum {
    TLS_OK = 0,                     /* successful execution */
    TLS_SET = 1,                    /* flag is set */
    TLS_NOT_SET = 2,                /* flag is not set */
    TLS_FOUND = 3,                  /* specified object was found */
    TLS_SIGN_VERIFY = 5,            /* signature should be verified */
    TLS_WAIT = 6,                   /* not executed, call again */
    TLS_INIT_ERR = 7,               /* initialization error */
    TLS_NOT_FOUND_ERR = 8,          /* the specified object was not found */
    TLS_IO_ERR = 9,                 /* IO operation error */
    TLS_TYPE_ERR = 10,              /* the certificate type is incorrect */
    TLS_FULL_ERR = 11,              /* array is full, no free slot found */
    TLS_NULL_PTR_ERR = 12,          /* a parameter was a NULL pointer */
    TLS_HS_ERR = 13,                /* handshake protocol error */
    TLS_PARAM_ERR = 14,             /* invalid parameter */
    TLS_MEM_ERR = 15,               /* memory allocation error */
    TLS_VERIFY_ERR = 16,            /* signature verification error */
    TLS_CERTIFICATE_ERR = 17,       /* a certificate is invalid */
    TLS_ENCRYPTION_MODULE_ERR = 18, /* error from the encryption classes */
    TLS_HEARTBEAT_TIMEOUT_ERR = 19, /* heartbeat message timeout */
    TLS_DROP_MESSAGE = 20,          /* drop current message silently */
    TLS_TIMEOUT_ERR = 21,           /* operation timed out */
    TLS_DTLS_NEW_CONN = 22,         /* new connection found */
    TLS_DTLS_DROP_FRMSG = 23,       /* drop DTLS message fragment */
    TLS_DTLS_CONNECT_ERR = 24       /* server is still connected */
} t_tls_ret;

/* The vendor IP stack's return type. The guide documents TLS_* values for
 * the t_ip_ret functions of this API, so here it is the same type. */
typedef t_tls_ret t_ip_ret;

/* ---- basic types ---------------------------------------------------------------- */

typedef char char_t;

/* An encryption handle: a pointer to a tern algorithm class (see the
 * top of this file). */
typedef const void *t_enc_ifc_hdl;

/* Slot numbers of the algorithm tables: 0 .. TLS_MAX_*_ALG_SIZE - 1.
 * Registering a slot twice replaces the earlier class. */
typedef uint8_t t_tls_bulk_algorithm_index;
typedef uint8_t t_tls_hash_algorithm_index;
typedef uint8_t t_tls_sign_algorithm_index;

/* Handles. A handle names a pool entry and the use it was given for: once
 * the entry is closed and reused, the old handle is unknown
 * (TLS_NOT_FOUND_ERR), never someone else's connection. */
typedef uint32_t t_tcp_conn_hdl;
typedef uint32_t t_tcp_port_hdl;
typedef uint32_t t_udp_hdl;
typedef uint32_t t_udp_port_hdl;
typedef uint32_t t_dtls_hdl;
typedef t_dtls_hdl t_dtls_socket_hdl;
typedef uint32_t t_tls_ticket;

#define TCP_INVALID_CONN_HDL 0xFFFFFFFFU
#define TCP_INVALID_PORT_HDL 0xFFFFFFFFU
#define UDP_INVALID_HDL 0xFFFFFFFFU
#define DTLS_INVALID_UDP_HDL 0xFFFFFFFFU
#define TLS_INVALID_CONN_TICKET 0xFFFFFFFFU

/* An IPv4 address and port, both in host byte order
 * (127.0.0.1 is 0x7F000001U). */
typedef struct t_ip_port {
    uint32_t ipp_ip_addr;
    uint16_t ipp_port;
} t_ip_port;

#define IP_ADDR_ANY 0x00000000U
#define IP_ADDR_LOOPBACK 0x7F000001U

/* Timeout value: no limit. */
#define IP_WAIT_FOREVER 0xFFFFFFFFU

/* A notification: ntf_fn(ntf_param, code) is called with one of the codes
 * below, from inside tls_tcp_poll() (or the native call that caused it).
 * p_ntf_next is tern's link for queueing a structure that waits for a
 * free buffer (tls_get_buffer_tcp): initialise it to NULL and leave it
 * alone. The samples' initialiser { fn, 0U, NULL } fits. */
typedef struct t_ip_ntf {
    void (*ntf_fn)(uint32_t param, uint32_t ntf);
    uint32_t ntf_param;
    struct t_ip_ntf *p_ntf_next;
} t_ip_ntf;

/* ---- 5.7 notification codes --------------------------------------------------- */

#define TLS_NTF_HANDSHAKE_FAILED 0x10000U /* TLS handshake failed */
#define TLS_NTF_HANDSHAKE_DONE 0x20000U   /* TLS handshake succeeded */
#define TLS_NTF_HANDSHAKE_TIMEOUT                                                                  \
    0x40000U                      /* TLS_TCP_HS_TIMEOUT passed in the                              \
                                     handshake; the connection stays                               \
                                     open (close it or keep waiting) */
#define DTLS_NTF_TIMEOUT 0x80000U /* DTLS retransmit timeout */
#define IP_NTF_TX_RDY                                                                              \
    0x00000002U /* decoded data is ready to read (see                                              \
                   the top of the file), or a buffer                                               \
                   became free */
/* tern extension: the connection ended (peer's close_notify, end of the
 * TCP stream, or a failure after the handshake); tls_get_state_tcp says
 * TLS_CONNST_CLOSED. Close it with tls_close_tcp to free the entry. */
#define IP_NTF_CLOSED 0x00000008U

/* ---- 5.7 t_tls_conn_inf ---------------------------------------------------------- */

#define TLS_TCP_CONN_INF_FLAG_START                                                                \
    0x00001U /* handshake at once after the                                                        \
                TCP connection is made */
#define TLS_TCP_CONN_INF_FLAG_VERIFY                                                               \
    0x00002U /* server: require and verify a                                                       \
                client certificate */
#define TLS_CONN_INF_FLAG_START TLS_TCP_CONN_INF_FLAG_START
#define TLS_CONN_INF_FLAG_VERIFY TLS_TCP_CONN_INF_FLAG_VERIFY

typedef struct t_tls_conn_inf {
    uint32_t tci_timeout;          /* TCP connect timeout, ms, or
                                      IP_WAIT_FOREVER */
    t_ip_ntf *p_tci_ntf;           /* notifications (may be NULL) */
    uint32_t tci_flags;            /* TLS_TCP_CONN_INF_FLAG_* (the guide's
                                      "t_ip_ntf *" is a typo) */
    const char_t *p_tci_peer_name; /* client: the server name (required;
                                      "" skips the name check). Server:
                                      the name the client certificate
                                      must carry, or NULL */
} t_tls_conn_inf;

/* ---- 5.7 connection state -------------------------------------------------------- */

typedef enum {
    TLS_CONNST_CLOSED = 0,    /* closed, failed, or does not exist */
    TLS_CONNST_HANDSHAKE = 1, /* connecting or in the handshake */
    TLS_CONNST_OPERATING = 2  /* established: data can be sent and received */
} t_tls_conn_status;

/* ---- 5.7 certificates (config_tls.c tables) ---------------------------------------- */

/* cert_type values: the TLS ClientCertificateType codes (RFC 5246 7.4.4,
 * RFC 8422 5.5) of the certificate's key, or TLS_CERT_TYPE_ANY to let
 * tls_start read it from the certificate. tls_start refuses an entry
 * whose type does not match its certificate. */
#define TLS_CERT_TYPE_ANY 0U
#define TLS_CERT_TYPE_RSA_SIGN 1U
#define TLS_CERT_TYPE_DSS_SIGN 2U /* DSA: not supported by tern */
#define TLS_CERT_TYPE_ECDSA_SIGN 64U

/* One certificate of a table. An entry with p_cert_block == NULL (or
 * cert_block_len == 0) is empty and skipped.
 *  - host entries (g_tls_arr_host_cert): p_cert_block is the DER
 *    certificate, optionally followed by the DER certificates of its
 *    chain (intermediates, leaf first, simply concatenated: tern sends
 *    them all); p_cert_priv_key is its private key in DER (PKCS#8,
 *    PKCS#1 RSAPrivateKey or SEC1 ECPrivateKey). See cert_role below.
 *  - CA entries (g_tls_arr_ca_cert): one DER certificate, a trust anchor;
 *    the key fields are unused.
 *  - revoked entries (g_tls_arr_rv_cert): one DER certificate that must
 *    no longer be accepted (see docs/compat.md for how it is applied).
 * p_cert_pub_key, if not NULL, is the certificate's public key in DER
 * (SubjectPublicKeyInfo or PKCS#1): tls_start checks that it matches.
 * cert_role (tern extension, after the guide's fields so that the guide's
 * initialisers still fit): for host entries, which side presents it:
 * TLS_CERT_ROLE_ANY (0, both: the guide's single identity),
 * TLS_CERT_ROLE_SERVER or TLS_CERT_ROLE_CLIENT (a device that is server
 * and client with two identities). A client presents the first client
 * entry that fits the server's request; a server picks among its entries
 * by the client's offer and server name.
 * The memory is the application's and must stay valid and unchanged from
 * tls_start to tls_stop (tern keeps pointers, not copies). */
typedef struct t_tls_certificate {
    uint16_t cert_pub_key_len;
    uint16_t cert_priv_key_len;
    uint32_t cert_block_len;
    const uint8_t *p_cert_pub_key;
    const uint8_t *p_cert_priv_key;
    const uint8_t *p_cert_block;
    uint8_t cert_type;
    uint8_t cert_role;
} t_tls_certificate;

#define TLS_CERT_ROLE_ANY 0U
#define TLS_CERT_ROLE_SERVER 1U
#define TLS_CERT_ROLE_CLIENT 2U

extern t_tls_certificate g_tls_arr_host_cert[TLS_MAX_HOST_CERT];
extern t_tls_certificate g_tls_arr_ca_cert[TLS_MAX_CA_CERT];
extern t_tls_certificate g_tls_arr_rv_cert[TLS_MAX_RV_CERT];

/* tern extension of config_tls.c (the guide's TLS_MAX_CIPHER_SUITES
 * "supported cipher suites"): the cipher suites to offer and accept, in
 * preference order (IANA values below), 0 marking the end. Each one named
 * must be built, have its algorithms registered and its keys within
 * TLS_MAX_BKEY_LEN / TLS_MAX_MKEY_LEN (a PSK suite: a PSK set), else
 * tls_start fails and logs why. All zero (the default): tls_start picks
 * up to TLS_MAX_CIPHER_SUITES of the suites tern implements, allowed by
 * the registered algorithms and the key length options, preferring those
 * that fit the host certificates (AEAD suites first, then CBC ones, PSK
 * suites only with a PSK), but never a 3DES or static RSA suite: those
 * are used only when named here, whatever is registered. */
extern uint16_t g_tls_arr_cipher_suite[TLS_MAX_CIPHER_SUITES];

/* ---- cipher suite IDs (IANA, RFC 5246 A.5, RFC 5288, 5289, 7251, 7905) ------------ */

/* The suites of the guide's generation (CBC with HMAC, 3DES, static RSA
 * and DHE key exchange). tern runs those its engine has (docs/compat.md,
 * "Cipher suites"): TLS_RSA_WITH_3DES_EDE_CBC_SHA,
 * TLS_RSA_WITH_AES_128_CBC_SHA, TLS_RSA_WITH_AES_128_CBC_SHA256 and
 * TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA, and only when
 * g_tls_arr_cipher_suite names them (static RSA has no forward secrecy,
 * 3DES 64-bit blocks). The others (NULL ciphers, DSS, DHE_RSA with
 * AES-CBC, AES-256-CBC with static RSA) are defined for source
 * compatibility; naming one makes tls_start fail. The guide's table gives
 * TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA the ID 0x0013U, which RFC 5246 A.5
 * assigns to TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA: the RFC's values are
 * used. */
#define TLS_NULL_WITH_NULL_NULL 0x0000U
#define TLS_RSA_WITH_NULL_MD5 0x0001U
#define TLS_RSA_WITH_NULL_SHA 0x0002U
#define TLS_RSA_WITH_3DES_EDE_CBC_SHA 0x000AU
#define TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA 0x0013U
#define TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA 0x0016U
#define TLS_RSA_WITH_AES_128_CBC_SHA 0x002FU
#define TLS_DHE_DSS_WITH_AES_128_CBC_SHA 0x0032U
#define TLS_DHE_RSA_WITH_AES_128_CBC_SHA 0x0033U
#define TLS_RSA_WITH_AES_256_CBC_SHA 0x0035U
#define TLS_DHE_DSS_WITH_AES_256_CBC_SHA 0x0038U
#define TLS_DHE_RSA_WITH_AES_256_CBC_SHA 0x0039U
#define TLS_RSA_WITH_NULL_SHA256 0x003BU
#define TLS_RSA_WITH_AES_128_CBC_SHA256 0x003CU
#define TLS_RSA_WITH_AES_256_CBC_SHA256 0x003DU
#define TLS_DHE_DSS_WITH_AES_128_CBC_SHA256 0x0040U
#define TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 0x0067U
#define TLS_DHE_DSS_WITH_AES_256_CBC_SHA256 0x006AU
#define TLS_DHE_RSA_WITH_AES_256_CBC_SHA256 0x006BU
/* The suites tern implements (TLS 1.2, ECDHE with an AEAD). */
#define TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 0xC02BU
#define TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 0xC02CU
#define TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 0xC02FU
#define TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 0xC030U
#define TLS_ECDHE_ECDSA_WITH_AES_128_CCM 0xC0ACU
#define TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 0xC0AEU
#define TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 0xCCA8U
#define TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 0xCCA9U
/* ECDHE with CBC records (RFC 8422 6, RFC 5289 3.2; encrypt-then-MAC,
 * RFC 7366, when the peer offers it): offered when their CBC cipher and
 * hashes are registered (tls_register_bulk with a TLS_BULK_ALG_*_CBC id),
 * after every AEAD suite. */
#define TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA 0xC009U
#define TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA 0xC00AU
#define TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA 0xC013U
#define TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA 0xC014U
#define TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 0xC023U
#define TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 0xC024U
#define TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 0xC027U
#define TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384 0xC028U
/* The other key exchanges (docs/kx.md): static RSA (used only when
 * g_tls_arr_cipher_suite names it), DHE_RSA (RFC 7919 groups), and the
 * PSK ones (RFC 4279, 5487, 5489, 6655, 7905), which need a PSK given
 * with tls_set_psk or a PSK callback (tern extensions, below). */
#define TLS_RSA_WITH_AES_128_GCM_SHA256 0x009CU
#define TLS_RSA_WITH_AES_256_GCM_SHA384 0x009DU
#define TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 0x009EU
#define TLS_DHE_RSA_WITH_AES_256_GCM_SHA384 0x009FU
#define TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256 0xCCAAU
#define TLS_PSK_WITH_AES_128_GCM_SHA256 0x00A8U
#define TLS_PSK_WITH_AES_256_GCM_SHA384 0x00A9U
#define TLS_DHE_PSK_WITH_AES_128_GCM_SHA256 0x00AAU
#define TLS_DHE_PSK_WITH_AES_256_GCM_SHA384 0x00ABU
#define TLS_PSK_WITH_AES_128_CBC_SHA256 0x00AEU
#define TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256 0xC037U
#define TLS_PSK_WITH_AES_128_CCM 0xC0A4U
#define TLS_PSK_WITH_AES_256_CCM 0xC0A5U
#define TLS_PSK_WITH_AES_128_CCM_8 0xC0A8U
#define TLS_PSK_WITH_AES_256_CCM_8 0xC0A9U
#define TLS_PSK_WITH_CHACHA20_POLY1305_SHA256 0xCCABU
#define TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256 0xCCACU
#define TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256 0xCCADU
/* RSA_PSK (RFC 4279 4, RFC 5487, RFC 7905): the server's RSA certificate
 * and a PSK; like static RSA, used only when g_tls_arr_cipher_suite names
 * them (no forward secrecy). */
#define TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA 0x0093U
#define TLS_RSA_PSK_WITH_AES_128_CBC_SHA 0x0094U
#define TLS_RSA_PSK_WITH_AES_256_CBC_SHA 0x0095U
#define TLS_RSA_PSK_WITH_AES_128_GCM_SHA256 0x00ACU
#define TLS_RSA_PSK_WITH_AES_256_GCM_SHA384 0x00ADU
#define TLS_RSA_PSK_WITH_AES_128_CBC_SHA256 0x00B6U
#define TLS_RSA_PSK_WITH_AES_256_CBC_SHA384 0x00B7U
#define TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256 0xCCAEU

/* ---- algorithm identifiers for the register functions ------------------------------ */

/* tls_register_hash alg_id: TLS HashAlgorithm (RFC 5246 7.4.1.4.1), which
 * is also tern_hash_class.id. As in the guide (4.4, 5.7: "the mac_key[] is
 * used by the HMAC algorithm"), a registered hash serves the PRF and the
 * record MAC of the CBC suites: SHA-1 for the *_SHA suites (HMAC-SHA1,
 * 20-byte MAC key), SHA-256 for *_SHA256 (32), SHA-384 for *_SHA384 (48);
 * TLS_MAX_MKEY_LEN bounds those MAC keys. */
#define TLS_HASH_ALG_MD5 1U
#define TLS_HASH_ALG_SHA1 2U
#define TLS_HASH_ALG_SHA224 3U
#define TLS_HASH_ALG_SHA256 4U
#define TLS_HASH_ALG_SHA384 5U
#define TLS_HASH_ALG_SHA512 6U

/* tls_register_bulk alg_id: the IANA AEAD algorithm numbers (RFC 5116 6,
 * RFC 6655 6, RFC 8439 4) for an AEAD (handle: a const tern_aead_class *),
 * and for a CBC block cipher (handle: a const tern_block_class *, see
 * tls_register_bulk) tern's numbers below. The guide names no IDs; the CBC
 * ones lie in the AEAD registry's private-use range (0x8000 and up, RFC
 * 5116 6) so that they never meet an AEAD number. */
#define TLS_BULK_ALG_AES_128_GCM 1U
#define TLS_BULK_ALG_AES_256_GCM 2U
#define TLS_BULK_ALG_AES_128_CCM 3U
#define TLS_BULK_ALG_AES_256_CCM 4U
#define TLS_BULK_ALG_AES_128_CCM_8 18U
#define TLS_BULK_ALG_AES_256_CCM_8 19U
#define TLS_BULK_ALG_CHACHA20_POLY1305 29U
#define TLS_BULK_ALG_3DES_EDE_CBC 0x8001U /* 24-byte key, 8-byte block */
#define TLS_BULK_ALG_AES_128_CBC 0x8002U  /* 16-byte key */
#define TLS_BULK_ALG_AES_256_CBC 0x8003U  /* 32-byte key */

/* tls_register_sign alg_id: TLS SignatureScheme (RFC 8446 4.2.3; for TLS
 * 1.2 the hash and signature bytes of RFC 5246 7.4.1.4.1), which is also
 * tern_sig_class.scheme. */
#define TLS_SIGN_ALG_RSA_PKCS1_SHA1 0x0201U
#define TLS_SIGN_ALG_ECDSA_SHA1 0x0203U
#define TLS_SIGN_ALG_RSA_PKCS1_SHA256 0x0401U
#define TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256 0x0403U
#define TLS_SIGN_ALG_RSA_PKCS1_SHA384 0x0501U
#define TLS_SIGN_ALG_ECDSA_SECP384R1_SHA384 0x0503U
#define TLS_SIGN_ALG_RSA_PKCS1_SHA512 0x0601U
#define TLS_SIGN_ALG_ECDSA_SECP521R1_SHA512 0x0603U
#define TLS_SIGN_ALG_RSA_PSS_RSAE_SHA256 0x0804U
#define TLS_SIGN_ALG_RSA_PSS_RSAE_SHA384 0x0805U
#define TLS_SIGN_ALG_RSA_PSS_RSAE_SHA512 0x0806U
#define TLS_SIGN_ALG_ED25519 0x0807U

/* ---- 5.7 other types -------------------------------------------------------------- */

/* Protocol sizes the guide's structures use. */
#define TLS_RANDOM_LEN 32U
#define TLS_MASTER_SEC_LEN 48U
#define TLS_MAX_SES_ID_LEN 32U
#define TLS_RP_HDR_LEN 5U        /* record header */
#define DTLS_MAX_COOKIE_LEN 255U /* RFC 6347 4.2.1 */

/* A connection and a session: entries of the static pools
 * (src/compat/compat_internal.h); the application uses them only through
 * handles and tickets. */
typedef struct t_tls_connection t_tls_connection;
typedef struct t_tls_session t_tls_session;

/* Security parameters per direction (guide 5.7). tern keeps keys inside
 * the engine's connection memory and never hands them out; the type is
 * here for source compatibility and is not filled by any call. */
typedef struct t_tls_security_params {
    uint8_t random_val[TLS_RANDOM_LEN];
    uint8_t mac_key[TLS_MAX_MKEY_LEN];
    uint8_t bulk_key[TLS_MAX_BKEY_LEN];
    uint8_t init_vector[TLS_MAX_BKEY_LEN];
} t_tls_security_params;

/* Attributes of a hash algorithm (guide 5.7), as tls_get_hash_attr()
 * reports them for a registered hash slot: digest_prefix is the DER
 * DigestInfo prefix of an RSASSA-PKCS1-v1_5 signature with that hash
 * (RFC 8017 9.2, note 1), block_len its block length, key_len the HMAC
 * key length tern uses (the digest length), digest_len its output. */
typedef struct t_tls_hash_alg_attr {
    uint8_t digest_prefix[TLS_DIGEST_PREFIX_LEN];
    uint16_t digest_prefix_len;
    uint16_t block_len;
    uint16_t key_len;
    uint16_t digest_len;
} t_tls_hash_alg_attr;

/* DTLS per-connection data (guide 5.7); for source compatibility until
 * tern's DTLS lands, not filled by any call. */
typedef struct t_dtls_conn_data {
    uint8_t dtd_cookie[DTLS_MAX_COOKIE_LEN];
    uint8_t dtd_cookie_length;
    uint16_t dtd_hepoch;
    uint64_t dtd_hseq_num;
    uint16_t dtd_pepoch;
    uint64_t dtd_pseq_num;
    uint64_t dtd_ar_win_right;
    uint64_t dtd_ar_win_left;
    uint32_t dtd_ar_window;
    uint16_t dtd_frg_data_cnt;
    uint16_t dtd_hs_seq_num;
    uint16_t dtd_hs_peer_seqnum;
    uint16_t dtd_hs_frag_length;
    uint16_t dtd_hs_send_offset;
    uint8_t *p_dtd_recv_msg;
    uint8_t *p_dtd_frg_msg;
    uint16_t dtd_recv_msg_len;
    uint16_t dtd_flight_timeout;
    uint16_t dtd_rtr_cnt;
    uint8_t *p_dtd_rtr_msg;
    uint8_t dtd_rtr_cnt_fl;
    uint8_t *p_dtd_rtr_msg_fl;
    uint8_t dtd_rtr_cs_idx;
    uint16_t dtd_rtr_send_cnt;
    uint64_t dtd_rtr_prv_seq_num;
    uint64_t dtd_rtr_cur_seq_num;
} t_dtls_conn_data;

/* ---- 5.1 module management ------------------------------------------------------------ */

/* Initialises the module: empties the pools and algorithm tables, creates
 * the two mutexes. Call it first (any other call before it returns
 * TLS_INIT_ERR, the state queries TLS_CONNST_CLOSED).
 * TLS_OK; TLS_INIT_ERR when already initialised (tls_delete first) or no
 * platform / mutex is available. */
t_tls_ret tls_init(void);

/* Registers an algorithm class in slot idx of its table, replacing what
 * the slot held. Only between tls_init and tls_start.
 *   bulk: ifc_hdl is a const tern_aead_class *, alg_id a
 *         TLS_BULK_ALG_* AEAD number matching the class (key, nonce and
 *         tag lengths); or, for alg_id TLS_BULK_ALG_3DES_EDE_CBC /
 *         _AES_128_CBC / _AES_256_CBC, a const tern_block_class *:
 *         tern's built-in classes (tern_des3_class; an AES class:
 *         tern_aes_get(), tern_aes_ct_class ...; the engine then runs
 *         the best AES class it has) or the application's own (handed
 *         to tern_config_set_block_class: block length 16 / 8, init,
 *         encrypt and decrypt); an encrypt-only class (CBC decrypts),
 *         a wrong block length or a 3DES / AES mix-up is TLS_PARAM_ERR;
 *   hash: a const tern_hash_class *, alg_id a TLS_HASH_ALG_* equal to
 *         the class's id;
 *   sign: a const tern_sig_class *, alg_id a TLS_SIGN_ALG_* equal to the
 *         class's scheme.
 * TLS_OK; TLS_PARAM_ERR: idx out of range, alg_id not the class's
 * algorithm, or an application class the engine cannot use (lengths,
 * missing function; the rules of tern_config_set_*_class);
 * TLS_NULL_PTR_ERR: no class; TLS_INIT_ERR: before tls_init or after
 * tls_start; TLS_ENCRYPTION_MODULE_ERR: an application class of a hash
 * the engine never runs itself (any but SHA-256 and SHA-384), or a
 * CBC cipher compiled out. A bulk key longer than
 * TLS_MAX_BKEY_LEN is TLS_PARAM_ERR. */
t_tls_ret tls_register_bulk(t_tls_bulk_algorithm_index idx, t_enc_ifc_hdl ifc_hdl, uint16_t alg_id);
t_tls_ret tls_register_hash(t_tls_hash_algorithm_index idx, t_enc_ifc_hdl ifc_hdl, uint16_t alg_id);
t_tls_ret tls_register_sign(t_tls_sign_algorithm_index idx, t_enc_ifc_hdl ifc_hdl, uint16_t alg_id);

/* tern extension: registers tern's built-in classes in the free slots,
 * most useful first (hashes SHA-256, SHA-384, SHA-512, SHA-1; AEADs
 * AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305, AES-128-CCM, AES-128-CCM_8;
 * signatures ECDSA P-256, P-384, RSA-PSS and PKCS#1 with SHA-256/384/512,
 * Ed25519), as many as the TLS_MAX_*_ALG_SIZE slots hold and the key
 * length options allow. No CBC cipher: register those with
 * tls_register_bulk. Same state rule as the register functions.
 * TLS_OK or TLS_INIT_ERR. */
t_tls_ret tls_register_builtin(void);

/* ---- tern extension: pre-shared keys (RFC 4279, 5487, 5489) ----------------------- */

/* The guide has no way to give a PSK; these calls feed tern's
 * (tern_config_set_psk, _set_psk_hint, psk_client_cb / psk_server_cb,
 * docs/kx.md). Like the register functions they work only between
 * tls_init and tls_start (else TLS_INIT_ERR), and tls_start puts them in
 * every configuration it builds. The PSK suites are offered (client)
 * and chosen (server) only when a PSK or a callback of that side is set;
 * naming a PSK suite in g_tls_arr_cipher_suite without one makes
 * tls_start fail. The module keeps its copy of the key until a call
 * replaces it or tls_delete (both wipe it); a connection wipes its copy
 * after the handshake. */

/* Longest key and identity / hint (RFC 4279 5.3), in bytes. */
#define TLS_MAX_PSK_LEN TERN_MAX_PSK
#define TLS_MAX_PSK_IDENTITY_LEN TERN_MAX_PSK_IDENTITY

/* The static PSK: a client sends p_identity and uses p_key; a server
 * accepts exactly p_identity with p_key (unless a server callback is
 * set, which then decides). identity_len may be 0 (an empty identity).
 * p_key NULL with key_len 0 removes the PSK.
 * TLS_OK; TLS_NULL_PTR_ERR (p_key NULL with key_len > 0, p_identity NULL
 * with identity_len > 0); TLS_PARAM_ERR (key_len above TLS_MAX_PSK_LEN,
 * key_len 0 with a key, identity_len above TLS_MAX_PSK_IDENTITY_LEN);
 * TLS_INIT_ERR (before tls_init or after tls_start). */
t_tls_ret tls_set_psk(const uint8_t *p_identity, uint16_t identity_len, const uint8_t *p_key,
                      uint16_t key_len);

/* Server: the identity hint sent in ServerKeyExchange (RFC 4279 5.2);
 * hint_len 0 sends none (plain PSK then sends no ServerKeyExchange).
 * TLS_OK; TLS_NULL_PTR_ERR (p_hint NULL with hint_len > 0);
 * TLS_PARAM_ERR (hint_len above TLS_MAX_PSK_IDENTITY_LEN); TLS_INIT_ERR
 * as tls_set_psk. */
t_tls_ret tls_set_psk_hint(const uint8_t *p_hint, uint16_t hint_len);

/* Client callback: chooses the identity and key from the server's hint
 * (hint_len 0: none). Write at most *p_identity_len
 * (TLS_MAX_PSK_IDENTITY_LEN) and *p_key_len (TLS_MAX_PSK_LEN) bytes and
 * set both lengths (the key at least 1 byte). Return TLS_OK, or anything
 * else to end the handshake (TLS_HS_ERR on that connection). Takes
 * precedence over tls_set_psk. param is the value given with it. */
typedef t_tls_ret (*t_tls_psk_client_fn)(uint32_t param, const uint8_t *p_hint, uint16_t hint_len,
                                         uint8_t *p_identity, uint16_t *p_identity_len,
                                         uint8_t *p_key, uint16_t *p_key_len);

/* Server callback: the key of p_identity. Write at most *p_key_len
 * (TLS_MAX_PSK_LEN) bytes and set it. Return TLS_OK; TLS_NOT_FOUND_ERR
 * for an unknown identity (alert unknown_psk_identity); anything else
 * ends the handshake too (handshake_failure). Either way the
 * connection's handshake returns TLS_HS_ERR. */
typedef t_tls_ret (*t_tls_psk_server_fn)(uint32_t param, const uint8_t *p_identity,
                                         uint16_t identity_len, uint8_t *p_key,
                                         uint16_t *p_key_len);

/* Set (or, with fn NULL, remove) the callbacks. They are called from the
 * handshake of any connection, possibly from several tasks at once.
 * TLS_OK; TLS_INIT_ERR as tls_set_psk. */
t_tls_ret tls_set_psk_client_cb(t_tls_psk_client_fn fn, uint32_t param);
t_tls_ret tls_set_psk_server_cb(t_tls_psk_server_fn fn, uint32_t param);

/* tern extension: the attributes of the hash class in slot idx.
 * TLS_OK, TLS_NULL_PTR_ERR, TLS_PARAM_ERR (idx out of range),
 * TLS_NOT_FOUND_ERR (empty slot), TLS_INIT_ERR (before tls_init). */
t_tls_ret tls_get_hash_attr(t_tls_hash_algorithm_index idx, t_tls_hash_alg_attr *p_attr);

/* Starts the module: builds tern's configurations from the registered
 * algorithms, the certificate tables and config_tls.h, and opens the
 * pools for connections. TLS_OK; TLS_INIT_ERR when not initialised,
 * already started, or the configuration cannot work (nothing registered
 * that makes a suite, a table entry that does not parse or fit, a
 * connection that would not fit its pool entry); the reason goes to the
 * platform's log. */
t_tls_ret tls_start(void);

/* Stops the module: closes every connection still open (without
 * close_notify: the application should close its connections first),
 * forgets the sessions, wipes the keys. tls_start may follow.
 * TLS_OK; TLS_INIT_ERR when not started. */
t_tls_ret tls_stop(void);

/* Deletes the mutexes and releases the module; tls_init may follow.
 * TLS_OK; TLS_INIT_ERR when not initialised or still started (call
 * tls_stop first). */
t_tls_ret tls_delete(void);

#if TLS_SOCKET_IFC_ENABLE && TERN_CONFIG_PLATFORM_POSIX

/* ---- 5.4 TLS sockets interface ----------------------------------------------------------- */

/* Client handshake on the connected TCP socket sockfd. The first call
 * takes a connection from the pool for sockfd; later calls continue its
 * handshake. p_peer_name: the server's name for SNI and the certificate
 * name check (at most TLS_PEER_NAME_SIZE - 1 characters; "" or NULL: no
 * SNI and no name check, the caller's explicit choice). conn_ticket: a
 * ticket from tls_get_ticket_socket / _tcp to resume, or
 * TLS_INVALID_CONN_TICKET (an unknown or forgotten ticket gives a full
 * handshake).
 * TLS_OK: established (calling again then returns TLS_OK). TLS_WAIT:
 * non-blocking socket not ready, call again. TLS_TIMEOUT_ERR: a blocking
 * socket's own SO_RCVTIMEO / SO_SNDTIMEO passed; call again to go on.
 * Errors: TLS_INIT_ERR (module not started, or no host certificate for a
 * server), TLS_PARAM_ERR (bad sockfd, name too long, sockfd already used
 * in the other role), TLS_FULL_ERR (no free connection), TLS_HS_ERR,
 * TLS_CERTIFICATE_ERR, TLS_VERIFY_ERR, TLS_IO_ERR, ...; after an error
 * the connection is given back to the pool at once (state
 * TLS_CONNST_CLOSED; tls_close_socket then says TLS_NOT_FOUND_ERR), so a
 * later socket with the same descriptor starts afresh. */
t_tls_ret tls_client_handshake_socket(int sockfd, const char_t *const p_peer_name,
                                      t_tls_ticket conn_ticket);

/* Server handshake on the accepted TCP socket sockfd. b_cli_verify
 * nonzero: require a client certificate and verify it against
 * g_tls_arr_ca_cert; p_peer_name (may be NULL): a name the client
 * certificate must carry (checked after its chain). Same returns as the
 * client call. */
t_tls_ret tls_server_handshake_socket(int sockfd, uint8_t b_cli_verify,
                                      const char *const p_peer_name);

/* Sends data_len bytes (1 .. TLS_MAX_DATA_LEN: one record) over the
 * established connection.
 * Blocking socket: returns when everything was handed to the socket
 * (TLS_TIMEOUT_ERR with nothing taken when earlier records could not go
 * out within SO_SNDTIMEO).
 * Non-blocking socket: either all data is taken (sealed into records;
 * records the socket did not take yet go out at the next call on this
 * connection) and TLS_OK is returned, or nothing is taken and TLS_WAIT
 * is returned (earlier records still pending: call again when the socket
 * is writable).
 * Errors: TLS_NULL_PTR_ERR, TLS_PARAM_ERR (data_len 0 or over
 * TLS_MAX_DATA_LEN), TLS_NOT_FOUND_ERR
 * (no TLS connection on sockfd), TLS_WAIT (handshake not finished),
 * TLS_IO_ERR (connection closed or failed). */
t_tls_ret tls_send_socket(int sockfd, uint8_t *const p_data, uint16_t data_len);

/* Receives decoded data. *pp_buf must point to the caller's buffer of
 * buf_size bytes; on TLS_OK *p_data_len bytes (at least 1) were stored
 * there. buf_size 0 means "no buffer of my own" (the samples' "for
 * native API buffer size is 0"): *pp_buf is then pointed at the
 * connection's own copy of the data, valid until the next call on this
 * connection.
 * Blocking socket: waits for data (TLS_WAIT when its SO_RCVTIMEO passes
 * first). Non-blocking: TLS_WAIT when none.
 * Errors: TLS_NULL_PTR_ERR, TLS_NOT_FOUND_ERR, TLS_WAIT (handshake not
 * finished), TLS_IO_ERR (peer closed: close_notify or end of stream; or
 * the connection failed). */
t_tls_ret tls_receive_socket(int sockfd, uint8_t **pp_buf, uint16_t buf_size, uint16_t *p_data_len);

/* The ticket of the established client connection on sockfd: a handle to
 * its session in the session pool, for tls_client_handshake_socket /
 * tls_tcp_connect. The pool keeps the TLS_MAX_SES_SIZE most recently
 * used sessions; a ticket whose session was dropped resumes nothing.
 * TLS_OK; TLS_NULL_PTR_ERR; TLS_NOT_FOUND_ERR (no connection on sockfd);
 * TLS_PARAM_ERR (a server connection, or no established client one). */
t_tls_ret tls_get_ticket_socket(int sockfd, t_tls_ticket *p_conn_ticket);

/* TLS_CONNST_CLOSED (no connection, or closed / failed),
 * TLS_CONNST_HANDSHAKE, TLS_CONNST_OPERATING. */
t_tls_conn_status tls_get_state_socket(int sockfd);

/* Closes the TLS connection on sockfd: sends close_notify if the
 * connection is established (best effort on a non-blocking socket) and
 * returns the connection to the pool. The socket stays open: closing it
 * is the application's job. TLS_OK; TLS_NOT_FOUND_ERR; TLS_WAIT (another
 * task is using the connection). */
t_tls_ret tls_close_socket(int sockfd);

/* tern extension: what the handshake negotiated (version, suite, group,
 * verified chain, resumed, peer certificate count ...).
 * TLS_OK; TLS_NULL_PTR_ERR; TLS_NOT_FOUND_ERR; TLS_WAIT (handshake not
 * finished). */
t_tls_ret tls_get_info_socket(int sockfd, tern_conn_info *p_info);

#endif /* TLS_SOCKET_IFC_ENABLE && TERN_CONFIG_PLATFORM_POSIX */

#if TLS_TCPIP_IFC_ENABLE && TERN_CONFIG_PLATFORM_POSIX

/* ---- 5.2 TLS native TCP interface --------------------------------------------------------------
 */

/* The vendor stack's listening port, provided by tern over BSD sockets
 * (tern extension standing in for the stack): opens a TCP port on all
 * addresses (port 0: a free port, see tcp_get_port) accepting at most
 * max_conn connections at a time (0: no limit beyond the pool).
 * p_ntf is accepted for the stack's signature and must be NULL (tern
 * reports through each connection's t_tls_conn_inf).
 * TLS_OK; TLS_NULL_PTR_ERR; TLS_PARAM_ERR (p_ntf set); TLS_INIT_ERR (not
 * started); TLS_FULL_ERR (TLS_TCP_MAX_PORT ports open); TLS_IO_ERR
 * (socket, bind or listen failed). */
t_ip_ret tcp_open(uint16_t port, uint16_t max_conn, t_ip_ntf *p_ntf, t_tcp_port_hdl *p_port_hdl);

/* tern extension: the port number a port handle listens on (useful after
 * tcp_open with port 0). TLS_OK, TLS_NULL_PTR_ERR, TLS_NOT_FOUND_ERR. */
t_ip_ret tcp_get_port(t_tcp_port_hdl port_hdl, uint16_t *p_port);

/* tern extension: closes a listening port (connections already accepted
 * on it stay). TLS_OK, TLS_NOT_FOUND_ERR. */
t_ip_ret tcp_close_port(t_tcp_port_hdl port_hdl);

/* Releases a buffer of the native interface's pool (from
 * tls_get_buffer_tcp or tls_receive_tcp) that the application does not
 * pass to tls_send_tcp. TLS_OK; TLS_NOT_FOUND_ERR (not a buffer of the
 * pool, or already free). */
t_ip_ret tcp_release_buf(uint8_t *p_buf);

/* tern extension: the event loop of the native interface (the guide's
 * poll mode). Accepts and connects, runs the handshakes, moves records
 * between the sockets and the connections, sends queued data, runs the
 * timers (TLS_TCP_HS_TIMEOUT, connect timeouts) and calls the
 * notification functions. Waits at most timeout_ms milliseconds (also
 * bounded by TLS_TIMER_PERIOD) for socket activity; 0 just polls.
 * TLS_OK; TLS_INIT_ERR (not started). */
t_tls_ret tls_tcp_poll(uint32_t timeout_ms);

/* Starts the handshake of a connection made without
 * TLS_TCP_CONN_INF_FLAG_START (as client or server by how it was made,
 * with the parameters of its t_tls_conn_inf); tls_tcp_poll runs it and
 * notifies. TLS_OK; TLS_NOT_FOUND_ERR (unknown handle); TLS_WAIT (TCP
 * connection not made yet: call again); TLS_PARAM_ERR (already
 * started). */
t_tls_ret tls_start_tcp(t_tcp_conn_hdl conn_hdl);

/* Closes the connection: close_notify if established, then the TCP
 * connection, and frees the pool entry (queued buffers are released).
 * TLS_OK; TLS_NOT_FOUND_ERR. */
t_tls_ret tls_close_tcp(t_tcp_conn_hdl conn_hdl);

/* Drives the client handshake of conn_hdl itself (instead of
 * TLS_TCP_CONN_INF_FLAG_START / tls_start_tcp): call it at every
 * notification until it returns TLS_OK or an error. p_peer_name as in
 * tls_client_handshake_socket. resume_hdl: a connection (open or closed,
 * while its pool entry was not reused) whose session to resume, or
 * TCP_INVALID_CONN_HDL.
 * TLS_OK; TLS_WAIT; TLS_NOT_FOUND_ERR; TLS_PARAM_ERR (a server
 * connection, or name too long); handshake errors as for sockets. */
t_tls_ret tls_client_handshake_tcp(const t_tcp_conn_hdl conn_hdl, const char_t *const p_peer_name,
                                   const t_tcp_conn_hdl resume_hdl);

/* Drives the server handshake of conn_hdl; client_verify and p_peer_name
 * as in tls_server_handshake_socket. Same returns. */
t_tls_ret tls_server_handshake_tcp(const t_tcp_conn_hdl conn_hdl, uint8_t client_verify,
                                   const char *const p_peer_name);

/* Reserves a connection on the listening port: the next TCP connection
 * tls_tcp_poll accepts there fills it (TLS_OK and *p_tcp_conn_hdl at
 * once; *p_ip_port is set to the peer's address if the connection was
 * already waiting, else to zeros). With TLS_TCP_CONN_INF_FLAG_START the
 * handshake starts as soon as the connection is accepted; the result
 * comes as TLS_NTF_HANDSHAKE_DONE / _FAILED through p_inf->p_tci_ntf.
 * TLS_OK; TLS_NULL_PTR_ERR; TLS_WAIT (the port already has max_conn
 * connections); TLS_NOT_FOUND_ERR (no free connection, or unknown
 * port); TLS_INIT_ERR (not started). */
t_ip_ret tls_tcp_accept(const t_tcp_port_hdl tcp_port_hdl, const t_tls_conn_inf *const p_inf,
                        t_ip_port *const p_ip_port, t_tcp_conn_hdl *const p_tcp_conn_hdl);

/* Opens a TCP connection to *p_ip_port (non-blocking; tls_tcp_poll
 * completes it within p_inf->tci_timeout ms) and, with
 * TLS_TCP_CONN_INF_FLAG_START, runs the client handshake, resuming
 * conn_ticket if it names a session. The guide's sample passes six
 * arguments; this is the documented four-argument form.
 * TLS_OK; TLS_NULL_PTR_ERR; TLS_PARAM_ERR (p_tci_peer_name NULL or too
 * long); TLS_NOT_FOUND_ERR (no free connection); TLS_IO_ERR (socket
 * failed at once); TLS_INIT_ERR (not started). */
t_ip_ret tls_tcp_connect(const t_ip_port *p_ip_port, const t_tls_conn_inf *const p_inf,
                         t_tls_ticket conn_ticket, t_tcp_conn_hdl *const p_tcp_conn_hdl);

/* Sends data_len bytes from p_data, which must be a buffer of the pool
 * (tls_get_buffer_tcp or tls_receive_tcp; data_len at most its size). On
 * TLS_OK the buffer belongs to tern again (it is released once the data
 * is sealed); on any error it stays the caller's (release it with
 * tcp_release_buf, as the samples do).
 * TLS_OK; TLS_NULL_PTR_ERR; TLS_PARAM_ERR (not a pool buffer, or too
 * long); TLS_NOT_FOUND_ERR; TLS_WAIT (handshake not finished); TLS_IO_ERR
 * (connection closed or failed). */
t_tls_ret tls_send_tcp(const t_tcp_conn_hdl conn_hdl, uint8_t *p_data, uint16_t data_len);

/* Takes decoded data: *pp_buf receives a pool buffer holding *p_data_len
 * bytes (the buffer has room for one more byte, so the samples'
 * p_rx_buf[rx_bytes] = '\0' is safe); release it with tcp_release_buf
 * or pass it to tls_send_tcp.
 * TLS_OK; TLS_WAIT (no data, or the handshake is not finished);
 * TLS_PARAM_ERR (NULL pointer or unknown handle, as the guide lists);
 * TLS_MEM_ERR (no free buffer: call again after releasing one);
 * TLS_IO_ERR (connection closed or failed). */
t_tls_ret tls_receive_tcp(t_tcp_conn_hdl conn_hdl, uint8_t **pp_buf, uint16_t *p_data_len);

/* Takes a buffer of the pool for data_len bytes of user data (a smaller
 * one when the pool's buffers are smaller: *p_buf_len says how big).
 * timeout is ignored (poll mode never blocks). When no buffer is free and
 * p_ntf is not NULL, p_ntf is queued and called with IP_NTF_TX_RDY once
 * a buffer is released (it must stay valid until then).
 * TLS_OK; TLS_NULL_PTR_ERR; TLS_NOT_FOUND_ERR (unknown handle); TLS_WAIT
 * (handshake not finished); TLS_MEM_ERR (no free buffer). */
t_tls_ret tls_get_buffer_tcp(const t_tcp_conn_hdl conn_hdl, uint16_t data_len, uint8_t **pp_buf,
                             uint32_t timeout, t_ip_ntf *const p_ntf, uint16_t *p_buf_len);

/* As tls_get_ticket_socket, for a native connection. */
t_tls_ret tls_get_ticket_tcp(const t_tcp_conn_hdl conn_hdl, t_tls_ticket *p_conn_ticket);

/* As tls_get_state_socket, for a native connection. */
t_tls_conn_status tls_get_state_tcp(const t_tcp_conn_hdl conn_hdl);

/* tern extension: as tls_get_info_socket, for a native connection. */
t_tls_ret tls_get_info_tcp(const t_tcp_conn_hdl conn_hdl, tern_conn_info *p_info);

#endif /* TLS_TCPIP_IFC_ENABLE && TERN_CONFIG_PLATFORM_POSIX */

/* ---- 5.3 DTLS native UDP interface (not implemented yet: see the top) ---------------------- */

t_tls_ret dtls_start_udp(t_dtls_hdl conn_hdl);
t_tls_ret dtls_close_udp(t_dtls_hdl conn_hdl);
t_ip_ret dtls_udp_srv_open(uint16_t port, const t_tls_conn_inf *const p_inf,
                           t_udp_hdl *const p_conn_hdl);
t_tls_ret dtls_udp_srv_close(t_udp_hdl conn_hdl);
t_tls_ret dtls_get_srv_conn_udp(t_udp_hdl srv_hdl, t_dtls_hdl *const p_conn_hdl);
t_ip_ret dtls_accept_udp(const t_udp_port_hdl udp_port_hdl, const t_tls_conn_inf *const p_inf,
                         t_ip_port *const p_ip_port, t_dtls_hdl *const p_dtls_conn_hdl);
/* The documented four-argument form (the sample passes five). */
t_ip_ret dtls_connect_udp(const t_ip_port *p_ip_port, const t_tls_conn_inf *const p_inf,
                          t_tls_ticket conn_ticket, t_dtls_hdl *const p_conn_hdl);
t_tls_ret dtls_send_udp(const t_dtls_hdl conn_hdl, uint8_t *p_data, uint16_t data_len);
t_tls_ret dtls_receive_udp(t_dtls_hdl conn_hdl, uint8_t **pp_buf, uint16_t *p_data_len);
t_tls_ret dtls_get_buffer_udp(const t_dtls_hdl conn_hdl, uint16_t data_len, uint8_t **pp_buf,
                              uint32_t timeout, t_ip_ntf *const p_ntf, uint16_t *p_buf_len);
/* The guide's format shows tls_get_ticket_tcp; the section's name is
 * used. */
t_tls_ret dtls_get_ticket_udp(const t_dtls_hdl conn_hdl, t_tls_ticket *p_conn_ticket);
/* Likewise (format shows tls_get_state_tcp). */
t_tls_conn_status dtls_get_state_udp(const t_dtls_hdl conn_hdl);

/* ---- 5.5 DTLS sockets interface (not implemented yet: see the top) ------------------------- */

/* The documented five-argument form (the sample passes four). */
t_tls_ret dtls_client_handshake_socket(int sockfd, const t_ip_port *p_ip_port,
                                       const char_t *const p_peer_name, t_tls_ticket conn_ticket,
                                       t_dtls_hdl *const p_conn_hdl);
t_tls_ret dtls_server_handshake_socket(int sockfd, uint8_t client_verify,
                                       const char *const p_peer_name,
                                       t_dtls_socket_hdl *const p_conn_hdl);
t_tls_ret dtls_send_socket(t_dtls_hdl conn_hdl, uint8_t *const p_data, uint16_t data_len);
/* uint8_t ** as tls_receive_socket and both samples (the format says
 * uint8_t *). */
t_tls_ret dtls_receive_socket(t_dtls_hdl conn_hdl, uint8_t **pp_buf, uint16_t buf_size,
                              uint16_t *p_data_len);
t_tls_ret dtls_get_ticket_socket(t_dtls_hdl conn_hdl, t_tls_ticket *p_conn_ticket);
t_tls_conn_status dtls_get_state_socket(t_dtls_hdl conn_hdl);
t_tls_ret dtls_close_socket(t_dtls_socket_hdl p_conn_hdl);

#ifdef __cplusplus
}
#endif

#endif /* API_TLS_H */
