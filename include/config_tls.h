/*
 * config_tls.h - configuration of the seed-compatible TLS/DTLS module API
 * (include/api_tls.h), as described in the TLS and DTLS User Guide,
 * section 3. Every option of the guide is here with its documented
 * default. Edit this file (or define the options on the command line;
 * each one is guarded by #ifndef) to configure the module.
 *
 * How tern uses each option is noted beside it. tern's own compile-time
 * switches live in include/tern/config.h.
 */
#ifndef CONFIG_TLS_H
#define CONFIG_TLS_H

/* ---- 3.1 choosing TLS or DTLS and the native or sockets interface ------ */

/* TLS over the BSD sockets interface (tls_*_socket). */
#ifndef TLS_SOCKET_IFC_ENABLE
#define TLS_SOCKET_IFC_ENABLE 1
#endif

/* TLS over the native TCP interface (tls_*_tcp); tern provides it over the
 * platform's sockets with an application-driven event loop. */
#ifndef TLS_TCPIP_IFC_ENABLE
#define TLS_TCPIP_IFC_ENABLE 1
#endif

/* DTLS (both DTLS interfaces need this). */
#ifndef DTLS_IFC_ENABLE
#define DTLS_IFC_ENABLE 0
#endif

/* DTLS over the native UDP interface (dtls_*_udp). */
#ifndef DTLS_UDP_IFC_ENABLE
#define DTLS_UDP_IFC_ENABLE 1
#endif

/* DTLS over the sockets interface (dtls_*_socket). */
#ifndef DTLS_SOCKET_IFC_ENABLE
#define DTLS_SOCKET_IFC_ENABLE 1
#endif

/* ---- 3.2 TLS options ---------------------------------------------------- */

/* Minimum size of the key exchange message sent by the server: the seed
 * sizes a buffer with it. tern keeps handshake messages in the
 * TLS_HS_MSG_STORE_SIZE buffer, which must be at least this big (checked
 * at build time); the message itself may be any valid size. */
#ifndef TLS_MIN_KEY_EX_SIZE
#define TLS_MIN_KEY_EX_SIZE 128
#endif

/* Maximum MAC key length; at least the largest MAC key of the configured
 * suites (20 for HMAC-SHA1, 32 for SHA-256, 48 for SHA-384). tern:
 * tls_start offers no CBC suite whose MAC key is longer, and naming one
 * in g_tls_arr_cipher_suite fails tls_start (the default 20 allows the
 * *_SHA suites only: the guide's 3DES and AES-128-CBC ones). AEAD suites
 * have no MAC key. */
#ifndef TLS_MAX_MKEY_LEN
#define TLS_MAX_MKEY_LEN 20
#endif

/* Maximum bulk (cipher) key length; at least the largest bulk key of the
 * configured suites (16 for AES-128, 24 for 3DES, 32 for AES-256 and
 * ChaCha20). tern: tls_register_bulk refuses a class with a longer key
 * and tls_start offers no suite that needs one (the default 24 allows
 * the AES-128 and 3DES suites only). */
#ifndef TLS_MAX_BKEY_LEN
#define TLS_MAX_BKEY_LEN 24
#endif

/* Maximum HMAC output length: tls_register_hash refuses a hash with a
 * longer digest (the PRF and HMAC run on the registered hashes). */
#ifndef TLS_MAX_HMAC_LEN
#define TLS_MAX_HMAC_LEN 64
#endif

/* Minimum size, in bytes, of the peer's public key (the seed encrypts
 * the pre-master secret with it). tern: checked on the peer's
 * certificate key after the handshake ((bits + 7) / 8, any key type);
 * for RSA, tern's own floor of 2048 bits applies when it is higher. */
#ifndef TLS_MIN_PUB_KEY_SIZE
#define TLS_MIN_PUB_KEY_SIZE 32
#endif

/* Maximum size, in bytes, of that public key, checked the same way (the
 * default 260 accepts RSA up to 2080 bits and every EC key). */
#ifndef TLS_MAX_PUB_KEY_SIZE
#define TLS_MAX_PUB_KEY_SIZE 260
#endif

/* Size of the pre-master secret buffer; not shorter than
 * TLS_MASTER_SEC_LEN (48). tern offers only the key exchange groups whose
 * shared secret fits (x25519 32, P-256 32, P-384 48 bytes). */
#ifndef TLS_PRE_MASTER_SECRET_SIZE
#define TLS_PRE_MASTER_SECRET_SIZE 64
#endif

/* Number of host certificates (g_tls_arr_host_cert). */
#ifndef TLS_MAX_HOST_CERT
#define TLS_MAX_HOST_CERT 1
#endif

/* Number of CA certificates (g_tls_arr_ca_cert). */
#ifndef TLS_MAX_CA_CERT
#define TLS_MAX_CA_CERT 1
#endif

/* Number of revoked certificates (g_tls_arr_rv_cert). */
#ifndef TLS_MAX_RV_CERT
#define TLS_MAX_RV_CERT 1
#endif

/* Number of cipher suites offered (g_tls_arr_cipher_suite, or tls_start's
 * choice). The default 1 offers one suite: ECDHE_ECDSA with AES-128-GCM
 * for a client, the first fitting the host certificates for a server.
 * 3DES and static RSA suites only when g_tls_arr_cipher_suite names
 * them (docs/compat.md, "Cipher suites"). */
#ifndef TLS_MAX_CIPHER_SUITES
#define TLS_MAX_CIPHER_SUITES 1
#endif

/* Number of hash algorithm slots (tls_register_hash). */
#ifndef TLS_MAX_HASH_ALG_SIZE
#define TLS_MAX_HASH_ALG_SIZE 3
#endif

/* Number of bulk encryption algorithm slots (tls_register_bulk). */
#ifndef TLS_MAX_BULK_ALG_SIZE
#define TLS_MAX_BULK_ALG_SIZE 2
#endif

/* Number of signature algorithm slots (tls_register_sign). */
#ifndef TLS_MAX_SIGN_ALG_SIZE
#define TLS_MAX_SIGN_ALG_SIZE 3
#endif

/* Number of connections in the static connection pool. */
#ifndef TLS_MAX_CONN_SIZE
#define TLS_MAX_CONN_SIZE 1
#endif

/* Number of sessions in each static session pool: the client's tickets
 * (least recently used one replaced) and the server's session-ID cache.
 * Servers also resume by RFC 5077 tickets, which take no pool entry. */
#ifndef TLS_MAX_SES_SIZE
#define TLS_MAX_SES_SIZE 1
#endif

/* Size of the peer name field, NUL included: longer names are refused
 * with TLS_PARAM_ERR. */
#ifndef TLS_PEER_NAME_SIZE
#define TLS_PEER_NAME_SIZE 16
#endif

/* Maximum padding added by a block cipher. tern pads CBC records with the
 * fewest bytes RFC 5246 6.2.3.2 allows (at most 8 for 3DES, 16 for AES,
 * length byte included) and receives any padding up to 256 bytes; its
 * buffers are sized for that, so nothing in tern depends on this. */
#ifndef TLS_CBC_PADDING_LEN
#define TLS_CBC_PADDING_LEN 9
#endif

/* Maximum size of TLS user data: the largest record tern sends and
 * accepts (a client also asks the server for it: RFC 6066
 * max_fragment_length and RFC 8449 record_size_limit), and the largest
 * data_len of one tls_send_socket / tls_send_tcp call (64 .. 16384). */
#ifndef TLS_MAX_DATA_LEN
#define TLS_MAX_DATA_LEN 2700
#endif

/* Size of the receive buffer. Recommended:
 * TLS_RP_HDR_LEN + cbc_size * (2 + (TLS_MAX_DATA_LEN + TLS_MAX_HMAC_LEN) / cbc_size)
 * tern: part of a connection's pool entry (TLS_CONN_MEM_SIZE below);
 * tls_start checks that the engine's record buffers, handshake buffer,
 * kept chain and state fit the entry. */
#ifndef TLS_RECV_BUF_SIZE
#define TLS_RECV_BUF_SIZE 2700
#endif

/* Size of the encryption buffer; not less than 2 * TLS_RECV_BUF_SIZE per
 * the guide (whose own default does not meet that; tern checks only what
 * its engine needs). Part of the pool entry like TLS_RECV_BUF_SIZE. */
#ifndef TLS_DATA_BUF_SIZE
#define TLS_DATA_BUF_SIZE 3400
#endif

/* Size of the buffer holding a handshake message (the largest one is
 * usually the peer's Certificate message). */
#ifndef TLS_HS_MSG_STORE_SIZE
#define TLS_HS_MSG_STORE_SIZE (8 * 1024)
#endif

/* Length of the digest prefix used for signature generation: the size of
 * t_tls_hash_alg_attr.digest_prefix (at least 19). */
#ifndef TLS_DIGEST_PREFIX_LEN
#define TLS_DIGEST_PREFIX_LEN 32
#endif

/* Size of an Object Identifier buffer. tern parses OIDs in place, of any
 * length: nothing in tern is sized by it. */
#ifndef TLS_OID_SIZE
#define TLS_OID_SIZE 9
#endif

/* 1: verify certificate validity dates. The guide's default is 0; with 0
 * tern skips the date check only because this option says so (it never
 * skips it for lack of a clock otherwise). Recommended: 1. */
#ifndef TLS_CHECK_CERT_EXP
#define TLS_CHECK_CERT_EXP 0
#endif

/* Stack size of the seed's TCP connection task. tern's native interface
 * runs in the application's own task (tls_tcp_poll): nothing is sized by
 * it. */
#ifndef TLS_TCP_CONN_STACK_SIZE
#define TLS_TCP_CONN_STACK_SIZE 1256
#endif

/* Timer period for TLS TCP connections, ms: the longest tls_tcp_poll
 * waits, and so the resolution of the native interface's timers. */
#ifndef TLS_TIMER_PERIOD
#define TLS_TIMER_PERIOD 100
#endif

/* Handshake time, ms, after which the native interface reports
 * TLS_NTF_HANDSHAKE_TIMEOUT (once; the connection stays). */
#ifndef TLS_TCP_HS_TIMEOUT
#define TLS_TCP_HS_TIMEOUT 100
#endif

/* tern addition: 1 offers / accepts the heartbeat extension (RFC 6520)
 * on every connection; 0 (the default) leaves heartbeat off, and the
 * three TLS_HB_* settings below then have no effect. */
#ifndef TLS_HB_ENABLE
#define TLS_HB_ENABLE 0
#endif

/* Heartbeat resend time, seconds: with heartbeat negotiated, a request
 * goes out this long after the previous one (0: none on a timer). Over
 * TCP a request is never retransmitted (RFC 6520 3). */
#ifndef TLS_HB_TIME
#define TLS_HB_TIME 3
#endif

/* tern addition: seconds to wait for the response to a request before the
 * connection fails with TLS_HEARTBEAT_TIMEOUT_ERR; 0 = twice TLS_HB_TIME
 * (30 when TLS_HB_TIME is 0). */
#ifndef TLS_HB_TIMEOUT
#define TLS_HB_TIMEOUT 0
#endif

/* 1: answer heartbeat requests from the peer (the extension announces
 * peer_allowed_to_send); 0: the peer may not send any, and one that does
 * gets no answer. */
#ifndef TLS_HB_ALLOW_PEER_REQ
#define TLS_HB_ALLOW_PEER_REQ 0
#endif

/* Payload size of the heartbeat messages tern sends, 1..64. */
#ifndef TLS_EXT_HB_PAYLOAD_SIZE
#define TLS_EXT_HB_PAYLOAD_SIZE 8
#endif

/* 1: reject certificates with RSA-512 keys. tern rejects them always (and,
 * by default, every RSA key under 2048 bits); 0 is refused at build time. */
#ifndef TLS_TREAT_RSA512_CERT_INV
#define TLS_TREAT_RSA512_CERT_INV 1
#endif

/* 1: trust every certificate (no chain verification, no name check,
 * TERN_VERIFY_NONE). Dangerous; for development only. */
#ifndef TLS_TRUST_ALL_CERT
#define TLS_TRUST_ALL_CERT 0
#endif

/* ---- 3.2 DTLS options ---------------------------------------------------- */
/* tern's DTLS is not built yet (DTLS_IFC_ENABLE must be 0): these are
 * kept with their defaults for the DTLS issue and have no effect now. */

/* DTLS client connection port start number. */
#ifndef DTLS_CLIENT_CONN_PORT
#define DTLS_CLIENT_CONN_PORT 1000
#endif

/* MTU used for DTLS handshake fragmentation. */
#ifndef DTLS_PMTU_SIZE
#define DTLS_PMTU_SIZE 1400
#endif

/* Receive buffer of the DTLS server (sockets interface). */
#ifndef DTLS_SCKSRV_RCV_SIZE
#define DTLS_SCKSRV_RCV_SIZE 500
#endif

/* Retransmissions before DTLS_NTF_TIMEOUT is reported. */
#ifndef DTLS_MSG_RETRY_NR
#define DTLS_MSG_RETRY_NR 5
#endif

/* Maximum number of server ports of the DTLS native UDP interface. */
#ifndef DTLS_UDP_MAX_PORT_SRV_CNT
#define DTLS_UDP_MAX_PORT_SRV_CNT 1
#endif

/* Initial DTLS retransmit time, in units of 100 ms. */
#ifndef DTLS_RETRANSMIT_INIT_TIME
#define DTLS_RETRANSMIT_INIT_TIME 10
#endif

/* Maximum DTLS retransmit time, in units of 100 ms. */
#ifndef DTLS_RETRANSMIT_MAX_TIME
#define DTLS_RETRANSMIT_MAX_TIME 600
#endif

/* ---- 3.3 config_tls.c algorithm options ----------------------------------- */

/* Length of the RSA modulus in bytes: the largest RSA key the build must
 * handle. tern sizes its RSA code by TERN_CONFIG_MAX_RSA_BITS
 * (include/tern/config.h), which must cover it (checked in
 * src/compat/compat_internal.h). */
#ifndef RSA_KEY_MODULO_LEN
#define RSA_KEY_MODULO_LEN 128
#endif

/* Length of the RSA public exponent in bytes (the guide repeats the
 * modulus description here). tern accepts any odd exponent 3 <= e < n;
 * this option only bounds what the build expects (1..4). */
#ifndef RSA_KEY_EXP_LEN
#define RSA_KEY_EXP_LEN 3
#endif

/* ---- tern extensions ------------------------------------------------------- */

/* Bytes of the peer's certificate chain each connection keeps after the
 * handshake (tern_conn_peer_cert). The checks made after the handshake
 * read it: the peer's key size (TLS_MIN/MAX_PUB_KEY_SIZE, on the leaf)
 * and the server's check of p_peer_name (the whole chain); a chain that
 * does not fit fails those checks (closed). At least 1024. */
#ifndef TLS_PEER_CHAIN_SIZE
#define TLS_PEER_CHAIN_SIZE 4096
#endif

/* Bytes of tern's own connection state besides the buffers (engine,
 * handshake and key schedule, session being made). tls_start checks that
 * every connection fits its pool entry and logs the size it needs. */
#ifndef TLS_CONN_STATE_SIZE
#define TLS_CONN_STATE_SIZE 8192
#endif

/* Bytes of one connection pool entry: the guide's buffers plus tern's
 * state. */
#ifndef TLS_CONN_MEM_SIZE
#define TLS_CONN_MEM_SIZE                                                                          \
    (TLS_RECV_BUF_SIZE + TLS_DATA_BUF_SIZE + TLS_HS_MSG_STORE_SIZE + TLS_PEER_CHAIN_SIZE +         \
     TLS_CONN_STATE_SIZE)
#endif

/* Native TCP interface: number of buffers in the pool of
 * tls_get_buffer_tcp / tls_receive_tcp, and their size in bytes. */
#ifndef TLS_TCP_BUF_COUNT
#define TLS_TCP_BUF_COUNT (2 * TLS_MAX_CONN_SIZE)
#endif
#ifndef TLS_TCP_BUF_SIZE
#define TLS_TCP_BUF_SIZE (TLS_MAX_DATA_LEN + 1)
#endif

/* Native TCP interface: the local IPv4 address tcp_open binds (host byte
 * order). The guide's sample binds IN_ADDR_ANY (0, the default);
 * 0x7F000001 keeps a server on loopback. */
#ifndef TLS_TCP_BIND_ADDR
#define TLS_TCP_BIND_ADDR 0x00000000U
#endif

/* Native TCP interface: number of listening ports (tcp_open). */
#ifndef TLS_TCP_MAX_PORT
#define TLS_TCP_MAX_PORT 1
#endif

/* ---- options tern cannot honour, and impossible values ---------------------- */

#if TLS_PRE_MASTER_SECRET_SIZE < 48
#error "TLS_PRE_MASTER_SECRET_SIZE must be at least TLS_MASTER_SEC_LEN (48)"
#endif

#if DTLS_IFC_ENABLE
#error                                                                                             \
    "DTLS_IFC_ENABLE: tern's DTLS is not built yet; the dtls_* functions return TLS_NOT_FOUND_ERR. Set DTLS_IFC_ENABLE to 0."
#endif

#if !TLS_TREAT_RSA512_CERT_INV
#error                                                                                             \
    "TLS_TREAT_RSA512_CERT_INV = 0: tern rejects RSA-512 certificates always (and RSA under 2048 bits by default); set it to 1."
#endif

#if TLS_EXT_HB_PAYLOAD_SIZE < 1 || TLS_EXT_HB_PAYLOAD_SIZE > 64
#error "TLS_EXT_HB_PAYLOAD_SIZE: tern sends heartbeat payloads of 1 to 64 bytes."
#endif

#if TLS_MAX_HOST_CERT < 1 || TLS_MAX_CA_CERT < 1 || TLS_MAX_RV_CERT < 1
#error                                                                                             \
    "TLS_MAX_HOST_CERT, TLS_MAX_CA_CERT and TLS_MAX_RV_CERT must be at least 1 (C has no empty arrays)"
#endif

#if TLS_MAX_CONN_SIZE < 1 || TLS_MAX_CONN_SIZE > 255
#error "TLS_MAX_CONN_SIZE must be 1 .. 255"
#endif

#if TLS_MAX_SES_SIZE < 1 || TLS_MAX_SES_SIZE > 255
#error "TLS_MAX_SES_SIZE must be 1 .. 255"
#endif

#if TLS_MAX_HASH_ALG_SIZE < 1 || TLS_MAX_BULK_ALG_SIZE < 1 || TLS_MAX_SIGN_ALG_SIZE < 1 ||         \
    TLS_MAX_HASH_ALG_SIZE > 255 || TLS_MAX_BULK_ALG_SIZE > 255 || TLS_MAX_SIGN_ALG_SIZE > 255
#error "TLS_MAX_HASH_ALG_SIZE, TLS_MAX_BULK_ALG_SIZE and TLS_MAX_SIGN_ALG_SIZE must be 1 .. 255"
#endif

#if TLS_MAX_CIPHER_SUITES < 1
#error "TLS_MAX_CIPHER_SUITES must be at least 1"
#endif

#if TLS_MAX_DATA_LEN < 64 || TLS_MAX_DATA_LEN > 16384
#error                                                                                             \
    "TLS_MAX_DATA_LEN must be 64 .. 16384 (RFC 5246 6.2.1 caps a record at 2^14 bytes; RFC 8449 4 floors a limit at 64)"
#endif

#if TLS_PEER_NAME_SIZE < 1
#error "TLS_PEER_NAME_SIZE must be at least 1"
#endif

#if RSA_KEY_EXP_LEN < 1 || RSA_KEY_EXP_LEN > 4
#error "RSA_KEY_EXP_LEN must be 1 .. 4 bytes"
#endif

#if TLS_TIMER_PERIOD < 1 || TLS_TCP_HS_TIMEOUT < 1
#error "TLS_TIMER_PERIOD and TLS_TCP_HS_TIMEOUT must be at least 1 ms"
#endif

#if TLS_TCP_BUF_COUNT < 1 || TLS_TCP_BUF_SIZE < 2 || TLS_TCP_BUF_SIZE > 65535
#error "TLS_TCP_BUF_COUNT must be at least 1 and TLS_TCP_BUF_SIZE 2 .. 65535"
#endif

#if TLS_PEER_CHAIN_SIZE < 1024
#error                                                                                             \
    "TLS_PEER_CHAIN_SIZE must be at least 1024: the peer key size checks (TLS_MIN_PUB_KEY_SIZE, TLS_MAX_PUB_KEY_SIZE) read the peer's certificate after the handshake"
#endif

#if TLS_TCP_MAX_PORT < 1
#error "TLS_TCP_MAX_PORT must be at least 1"
#endif

#endif /* CONFIG_TLS_H */
