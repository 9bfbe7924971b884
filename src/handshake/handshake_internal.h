/*
 * Handshake internals: message and extension codecs, the flow tables, the
 * driver, the transcript and the TLS 1.2 key schedule.
 *
 * Implementation notes
 * --------------------
 * Flow. Each protocol version has flow tables (flow_tls12.c): an ordered
 * list of steps {message, sender, condition}. A step applies when the
 * connection's handshake bits satisfy its condition (need / absent); a
 * step the peer may or may not send (CertificateRequest) is marked
 * optional: if the incoming message matches it, its bits are set, else
 * it is skipped. The driver (driver.c) walks the table: on our turn it
 * calls the step's writer, on the peer's turn it checks the incoming
 * message type against the step before any parser runs
 * (unexpected_message otherwise). States are thus "expecting step n".
 *
 * Handlers. Each message file (tls12/<message>.c) holds a pure parser
 * (bytes -> struct, no connection state touched; what the unit tests and
 * the Botan vectors exercise), a process step that checks the parsed
 * values against the connection and updates it, and a writer. Parsers
 * return specific codes; the engine maps codes to alerts in one table
 * (alert_map.c).
 *
 * Transcript. Every handshake message (except HelloRequest) is hashed
 * into SHA-256 and SHA-384 together; the suite picks one for the PRF,
 * the other may still serve CertificateVerify. A step's handler runs
 * before its message is hashed (Finished and CertificateVerify cover the
 * messages before them); the optional `after` hook runs once it is
 * hashed (the extended master secret covers ClientKeyExchange).
 *
 * Proof token. Only the certificate check sets TERN_VERIFIED_CERT, only
 * a signature check TERN_VERIFIED_SIG, only the Finished check
 * TERN_VERIFIED_FIN; the step into application data requires the set the
 * flow needs.
 */
#ifndef TERN_HANDSHAKE_INTERNAL_H
#define TERN_HANDSHAKE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/rw_internal.h"
#include "tern/aead.h"
#include "tern/cipher.h"
#include "tern/engine.h"
#include "tern/hash.h"
#include "tern/pk.h"

/* ---- handshake message types (RFC 5246 7.4, RFC 5077 3.3) --------------- */

enum {
    TERN_HS_HELLO_REQUEST = 0,
    TERN_HS_CLIENT_HELLO = 1,
    TERN_HS_SERVER_HELLO = 2,
    TERN_HS_NEW_SESSION_TICKET = 4,
    TERN_HS_CERTIFICATE = 11,
    TERN_HS_SERVER_KEY_EXCHANGE = 12,
    TERN_HS_CERTIFICATE_REQUEST = 13,
    TERN_HS_SERVER_HELLO_DONE = 14,
    TERN_HS_CERTIFICATE_VERIFY = 15,
    TERN_HS_CLIENT_KEY_EXCHANGE = 16,
    TERN_HS_FINISHED = 20
};

#define TERN_HS_HEADER_LEN 4
#define TERN_RANDOM_LEN 32
#define TERN_SESSION_ID_MAX 32
#define TERN_FINISHED_LEN 12
#define TERN_MASTER_SECRET_LEN 48

/* Cipher suite values that are signals, not suites. */
#define TERN_SCSV_RENEGOTIATION 0x00ffu /* RFC 5746 3.3 */
#define TERN_SCSV_FALLBACK 0x5600u      /* RFC 7507 */

/* ---- cipher suites --------------------------------------------------------- */

/* Key exchange of a TLS 1.2 suite (RFC 5246 7.4.3, 7.4.7; RFC 4279,
 * RFC 5489, RFC 8422). */
enum {
    TERN_KX_ECDHE = 1, /* ECDHE, signed ServerKeyExchange */
    TERN_KX_DHE,       /* finite-field DHE, signed ServerKeyExchange */
    TERN_KX_RSA,       /* static RSA: premaster encrypted to the server key */
    TERN_KX_PSK,       /* plain PSK (RFC 4279 2) */
    TERN_KX_ECDHE_PSK, /* RFC 5489 */
    TERN_KX_DHE_PSK,   /* RFC 4279 3 */
    TERN_KX_RSA_PSK    /* RFC 4279 4: PSK + premaster encrypted to the server key */
};

/* Record protection kind of a suite. */
enum {
    TERN_SUITE_AEAD = 0, /* aead set; iv_len = fixed IV, explicit_len = nonce */
    TERN_SUITE_CBC       /* cbc_cipher + mac_hash set (RFC 5246 6.2.3.2) */
};

typedef struct tern_suite_info {
    uint16_t id;
    const char *name;     /* IANA name */
    uint8_t kx;           /* TERN_KX_* */
    uint8_t auth;         /* TERN_KEY_EC, TERN_KEY_RSA, or TERN_KEY_NONE (PSK) */
    uint8_t protection;   /* TERN_SUITE_AEAD or TERN_SUITE_CBC */
    uint8_t key_len;      /* cipher key bytes */
    uint8_t iv_len;       /* AEAD: fixed IV bytes from the key block; CBC: block size */
    uint8_t explicit_len; /* explicit nonce bytes per record (AEAD) */
    uint8_t mac_len;      /* CBC: HMAC key and tag bytes; AEAD: 0 */
    const tern_aead_class *aead;         /* AEAD suites */
    const tern_block_class *cbc_cipher;  /* CBC suites */
    const tern_hash_class *mac_hash;     /* CBC suites: the HMAC hash */
    const tern_hash_class *prf_hash;     /* PRF and Finished hash */
} tern_suite_info;

/* The built-in suite with this IANA value, or NULL (unknown or compiled
 * out). */
const tern_suite_info *tern_suite_info_get(uint16_t id);
/* Every built-in suite, in the default server preference order; *count
 * is set. */
const tern_suite_info *const *tern_suite_info_all(size_t *count);
/* The block cipher class of a CBC suite (cbc_cipher, or for AES, which
 * suites leave NULL, the best AES class: tern_aes_get()); NULL for an
 * AEAD suite. */
const tern_block_class *tern_suite_cbc_cipher(const tern_suite_info *s);

/* ---- extensions ---------------------------------------------------------------- */

/* IANA extension numbers. */
enum {
    TERN_EXT_SERVER_NAME = 0,
    TERN_EXT_MAX_FRAGMENT_LENGTH = 1,
    TERN_EXT_HEARTBEAT = 15, /* RFC 6520 2 */
    TERN_EXT_SUPPORTED_GROUPS = 10,
    TERN_EXT_EC_POINT_FORMATS = 11,
    TERN_EXT_SIGNATURE_ALGORITHMS = 13,
    TERN_EXT_ALPN = 16,
    TERN_EXT_EXTENDED_MASTER_SECRET = 23,
    TERN_EXT_RECORD_SIZE_LIMIT = 28,
    TERN_EXT_ENCRYPT_THEN_MAC = 22,
    TERN_EXT_SESSION_TICKET = 35,
    TERN_EXT_RENEGOTIATION_INFO = 0xff01
};

/* Internal slots of the extensions this code understands. */
enum {
    TERN_X_SERVER_NAME = 0,
    TERN_X_MAX_FRAGMENT_LENGTH,
    TERN_X_SUPPORTED_GROUPS,
    TERN_X_EC_POINT_FORMATS,
    TERN_X_SIGNATURE_ALGORITHMS,
    TERN_X_ALPN,
    TERN_X_EXTENDED_MASTER_SECRET,
    TERN_X_RECORD_SIZE_LIMIT,
    TERN_X_SESSION_TICKET,
    TERN_X_RENEGOTIATION_INFO,
    TERN_X_HEARTBEAT,
    TERN_X_ENCRYPT_THEN_MAC,
    TERN_X_COUNT
};

/* The slot of an extension number, or -1 when unknown. */
int tern_ext_slot(uint16_t type);

/* Extensions found in one hello: known ones by slot (body borrowed from
 * the message), plus how many unknown ones were skipped. */
typedef struct tern_exts {
    uint32_t seen; /* bit per TERN_X_* slot */
    const uint8_t *body[TERN_X_COUNT];
    uint16_t len[TERN_X_COUNT];
    uint16_t unknown;   /* unknown extensions (ignored) */
    const uint8_t *raw; /* the whole extensions block (list body) */
    size_t raw_len;
} tern_exts;

#define TERN_EXT_SEEN(x, slot) (((x)->seen >> (slot)) & 1u)

/* Parses an extensions block `extensions<0..2^16-1>` (the list body, after
 * its length) into x: every entry well formed, no type twice (RFC 5246
 * 7.4.1.4; also among unknown types, at most 64 of which are tracked).
 * Errors: TERN_ERR_DECODE, TERN_ERR_DUPLICATE_EXTENSION. */
TERN_MUST_CHECK int tern_exts_parse(const uint8_t *p, size_t len, tern_exts *x);

/* Per-extension codecs (ext/<name>.c). Parsers take the extension body;
 * they check its syntax only. */

/* server_name (RFC 6066 3): one host_name, 1..255 bytes, no NUL, not an
 * IP literal is not checked here. *name points into body. An empty body
 * (the server's acknowledgement) gives name_len 0. */
TERN_MUST_CHECK int tern_ext_server_name_parse(const uint8_t *body, size_t len,
                                               const uint8_t **name, size_t *name_len);
TERN_MUST_CHECK int tern_ext_server_name_write(tern_writer *w, const char *name);

/* max_fragment_length (RFC 6066 4): one byte; *code is not range-checked
 * here (the caller gives illegal_parameter). */
TERN_MUST_CHECK int tern_ext_max_fragment_length_parse(const uint8_t *body, size_t len,
                                                       uint8_t *code);
TERN_MUST_CHECK int tern_ext_max_fragment_length_write(tern_writer *w, uint8_t code);

/* supported_groups (RFC 8422 5.1.1): a non-empty list of uint16; the
 * parser checks the framing and returns a reader over the list. */
TERN_MUST_CHECK int tern_ext_supported_groups_parse(const uint8_t *body, size_t len,
                                                    tern_reader *list);
TERN_MUST_CHECK int tern_ext_supported_groups_write(tern_writer *w, const uint16_t *groups,
                                                    size_t count);

/* ec_point_formats (RFC 8422 5.1.2): a non-empty list of bytes; sets
 * *uncompressed when format 0 is listed. */
TERN_MUST_CHECK int tern_ext_ec_point_formats_parse(const uint8_t *body, size_t len,
                                                    int *uncompressed);
TERN_MUST_CHECK int tern_ext_ec_point_formats_write(tern_writer *w);

/* signature_algorithms (RFC 5246 7.4.1.4.1): a non-empty, even-length
 * list of uint16. */
TERN_MUST_CHECK int tern_ext_signature_algorithms_parse(const uint8_t *body, size_t len,
                                                        tern_reader *list);
TERN_MUST_CHECK int tern_ext_signature_algorithms_write(tern_writer *w, const uint16_t *schemes,
                                                        size_t count);

/* ALPN (RFC 7301 3.1): a non-empty list of non-empty names. The parser
 * returns a reader over the list entries (vec8 each). */
TERN_MUST_CHECK int tern_ext_alpn_parse(const uint8_t *body, size_t len, tern_reader *list);
TERN_MUST_CHECK int tern_ext_alpn_write(tern_writer *w, const char *const *names, size_t count);

/* Empty-bodied extensions: extended_master_secret (RFC 7627 5.1) and the
 * server's session_ticket acknowledgement. */
TERN_MUST_CHECK int tern_ext_empty_parse(const uint8_t *body, size_t len);

/* record_size_limit (RFC 8449 4): uint16, at least 64
 * (TERN_ERR_ILLEGAL_PARAMETER below). */
TERN_MUST_CHECK int tern_ext_record_size_limit_parse(const uint8_t *body, size_t len,
                                                     uint16_t *limit);
TERN_MUST_CHECK int tern_ext_record_size_limit_write(tern_writer *w, uint16_t limit);

/* renegotiation_info (RFC 5746 3.2): renegotiated_connection<0..255>. */
TERN_MUST_CHECK int tern_ext_renegotiation_info_parse(const uint8_t *body, size_t len,
                                                      const uint8_t **data, size_t *data_len);
TERN_MUST_CHECK int tern_ext_renegotiation_info_write(tern_writer *w);

/* heartbeat (RFC 6520 2): one HeartbeatMode byte, 1 or 2; any other
 * value is illegal_parameter. */
TERN_MUST_CHECK int tern_ext_heartbeat_parse(const uint8_t *body, size_t len, uint8_t *mode);
TERN_MUST_CHECK int tern_ext_heartbeat_write(tern_writer *w, uint8_t mode);
/* The hello steps of the extension (ext/heartbeat.c); each does nothing
 * unless cfg->heartbeat is set. Client: offer it; read the server's
 * answer (unsupported_extension when not offered). Server: read the
 * client's offer; answer it. */
TERN_MUST_CHECK int tern_hb_ext_client_write(tern_conn *c, tern_writer *w);
TERN_MUST_CHECK int tern_hb_ext_client_read(tern_conn *c, const tern_exts *x);
TERN_MUST_CHECK int tern_hb_ext_server_read(tern_conn *c, const tern_exts *x);
TERN_MUST_CHECK int tern_hb_ext_server_write(tern_conn *c, tern_writer *w);
/* encrypt_then_mac (RFC 7366, ext/encrypt_then_mac.c). write: the client
 * offers it when it offers a CBC suite (sets hs.etm_offered), the server
 * answers it when hs.etm is set; nothing with TERN_CONFIG_ENCRYPT_THEN_MAC
 * off. server: reads the ClientHello's (after the suite is chosen) and
 * sets hs.etm for a CBC suite. client: reads the ServerHello's (after
 * hs.suite is set) and sets hs.etm; TERN_ERR_UNSUPPORTED_EXTENSION when
 * not offered, TERN_ERR_ILLEGAL_PARAMETER with an AEAD suite,
 * TERN_ERR_DECODE for a non-empty body. */
TERN_MUST_CHECK int tern_ext_encrypt_then_mac_write(tern_conn *c, tern_writer *w);
TERN_MUST_CHECK int tern_ext_encrypt_then_mac_server(tern_conn *c, const tern_exts *x);
TERN_MUST_CHECK int tern_ext_encrypt_then_mac_client(tern_conn *c, const tern_exts *x);

/* Writes an extension header and body of arbitrary bytes. */
TERN_MUST_CHECK int tern_ext_write_raw(tern_writer *w, uint16_t type, const uint8_t *body,
                                       size_t len);

/* ---- parsed messages ------------------------------------------------------------ */

/* ClientHello (RFC 5246 7.4.1.2). */
typedef struct tern_client_hello {
    uint16_t client_version;
    const uint8_t *random; /* 32 bytes */
    const uint8_t *session_id;
    size_t session_id_len;
    const uint8_t *suites; /* cipher_suites list body, 2 bytes each */
    size_t suites_len;
    const uint8_t *compressions;
    size_t compressions_len;
    tern_exts ext;
} tern_client_hello;

/* Parses a ClientHello body (syntax only: lengths, vector bounds, even
 * suite list, null compression offered is *not* checked here).
 * Errors: TERN_ERR_DECODE, TERN_ERR_DUPLICATE_EXTENSION. */
TERN_MUST_CHECK int tern_tls12_client_hello_parse(const uint8_t *body, size_t len,
                                                  tern_client_hello *ch);

/* ServerHello (RFC 5246 7.4.1.3). */
typedef struct tern_server_hello {
    uint16_t server_version;
    const uint8_t *random;
    const uint8_t *session_id;
    size_t session_id_len;
    uint16_t suite;
    uint8_t compression;
    tern_exts ext;
} tern_server_hello;

TERN_MUST_CHECK int tern_tls12_server_hello_parse(const uint8_t *body, size_t len,
                                                  tern_server_hello *sh);

/* Certificate (RFC 5246 7.4.2): certificate_list<0..2^24-1> of
 * ASN.1Cert<1..2^24-1>. The parser checks the framing and counts the
 * certificates; at most TERN_MAX_PEER_CERTS are accepted
 * (TERN_ERR_CERT_CHAIN_TOO_LONG beyond). */
typedef struct tern_certificate_msg {
    size_t count;
    const uint8_t *certs[TERN_MAX_PEER_CERTS];
    size_t lens[TERN_MAX_PEER_CERTS];
    const uint8_t *list; /* certificate_list body */
    size_t list_len;
} tern_certificate_msg;

TERN_MUST_CHECK int tern_tls12_certificate_parse(const uint8_t *body, size_t len,
                                                 tern_certificate_msg *m);

/* ServerKeyExchange for ECDHE (RFC 8422 5.4): ServerECDHParams (named
 * curve only) then a TLS 1.2 digitally-signed struct. */
typedef struct tern_server_key_exchange {
    uint16_t group;
    const uint8_t *point;
    size_t point_len;
    const uint8_t *params; /* curve_type .. point: what is signed */
    size_t params_len;
    uint16_t scheme;
    const uint8_t *sig;
    size_t sig_len;
} tern_server_key_exchange;

/* Errors: TERN_ERR_DECODE; TERN_ERR_ILLEGAL_PARAMETER for a curve type
 * other than named_curve (RFC 8422 5.4). */
TERN_MUST_CHECK int tern_tls12_server_key_exchange_parse(const uint8_t *body, size_t len,
                                                         tern_server_key_exchange *ske);

/* CertificateRequest (RFC 5246 7.4.4). */
typedef struct tern_certificate_request {
    const uint8_t *types;
    size_t types_len;
    tern_reader schemes; /* supported_signature_algorithms */
    const uint8_t *cas;  /* certificate_authorities body */
    size_t cas_len;
} tern_certificate_request;

TERN_MUST_CHECK int tern_tls12_certificate_request_parse(const uint8_t *body, size_t len,
                                                         tern_certificate_request *cr);

/* ClientKeyExchange for ECDHE (RFC 8422 5.7): ECPoint ecdh_Yc<1..255>. */
TERN_MUST_CHECK int tern_tls12_client_key_exchange_parse(const uint8_t *body, size_t len,
                                                         const uint8_t **point, size_t *point_len);

/* CertificateVerify / digitally-signed (RFC 5246 4.7, 7.4.8). */
TERN_MUST_CHECK int tern_tls12_certificate_verify_parse(const uint8_t *body, size_t len,
                                                        uint16_t *scheme, const uint8_t **sig,
                                                        size_t *sig_len);

/* NewSessionTicket (RFC 5077 3.3). */
TERN_MUST_CHECK int tern_tls12_new_session_ticket_parse(const uint8_t *body, size_t len,
                                                        uint32_t *lifetime, const uint8_t **ticket,
                                                        size_t *ticket_len);

/* HelloRequest (RFC 5246 7.4.1.1): empty. */
TERN_MUST_CHECK int tern_tls12_hello_request_parse(const uint8_t *body, size_t len);

/* Alert (RFC 5246 7.2): level 1 or 2, exactly two bytes. */
TERN_MUST_CHECK int tern_alert_parse(const uint8_t *body, size_t len, uint8_t *level,
                                     uint8_t *desc);

/* ---- flow --------------------------------------------------------------------------- */

/* Messages of the flows (index into the handler table). */
enum {
    TERN_MSG_CLIENT_HELLO = 0,
    TERN_MSG_SERVER_HELLO,
    TERN_MSG_SERVER_CERTIFICATE,
    TERN_MSG_SERVER_KEY_EXCHANGE,
    TERN_MSG_CERTIFICATE_REQUEST,
    TERN_MSG_SERVER_HELLO_DONE,
    TERN_MSG_CLIENT_CERTIFICATE,
    TERN_MSG_CLIENT_KEY_EXCHANGE,
    TERN_MSG_CERTIFICATE_VERIFY,
    TERN_MSG_NEW_SESSION_TICKET,
    TERN_MSG_CLIENT_CCS,
    TERN_MSG_CLIENT_FINISHED,
    TERN_MSG_SERVER_CCS,
    TERN_MSG_SERVER_FINISHED,
    TERN_MSG_DONE, /* end of the flow: application data */
    TERN_MSG_COUNT
};

/* Handshake bits (conditions of flow steps). */
#define TERN_HSB_CLIENT_AUTH 0x01u    /* CertificateRequest sent */
#define TERN_HSB_NO_CLIENT_CERT 0x02u /* client sent an empty Certificate */
#define TERN_HSB_TICKET 0x04u         /* server sends NewSessionTicket */
/* Key-exchange bits, set once the suite is known (tern_tls12_kx_bits). */
#define TERN_HSB_NO_CERT 0x10u  /* no server Certificate (PSK key exchanges) */
#define TERN_HSB_NO_SKE 0x20u   /* no ServerKeyExchange (static RSA) */
#define TERN_HSB_SKE_SURE 0x40u /* the suite alone decides on ServerKeyExchange
                                   (all but plain PSK) */
#define TERN_HSB_PSK_HINT 0x80u /* plain PSK: ServerKeyExchange with an
                                   identity hint (RFC 4279 2) */

/* Step flags. */
#define TERN_STEP_OPTIONAL                                                                         \
    0x01u /* receiver: take it if the type matches,                                                \
             setting `need`, else skip it */

typedef struct tern_hs_step {
    uint8_t msg;    /* TERN_MSG_* */
    uint8_t sender; /* TERN_CLIENT / TERN_SERVER */
    uint8_t ctype;  /* record content type */
    uint8_t hs_type;
    uint8_t need;   /* TERN_HSB_* that must be set */
    uint8_t absent; /* TERN_HSB_* that must be clear */
    uint8_t flags;  /* TERN_STEP_* */
} tern_hs_step;

typedef struct tern_hs_flow {
    const char *name;
    const tern_hs_step *steps;
    size_t count;
} tern_hs_flow;

enum { TERN_FLOW_TLS12_FULL = 0, TERN_FLOW_TLS12_RESUME = 1 };

const tern_hs_flow *tern_flow_get(uint8_t flow);

/* Handlers of one message. write: our side builds the body (the driver
 * adds the header); read: the peer's body arrives; after: the message is
 * now in the transcript. NULL where not applicable. */
typedef struct tern_hs_ops {
    int (*write)(tern_conn *c, tern_writer *w);
    int (*read)(tern_conn *c, const uint8_t *body, size_t len);
    int (*after)(tern_conn *c);
} tern_hs_ops;

const tern_hs_ops *tern_hs_ops_get(uint8_t msg);

/* Server: applies the ClientHello (version, extensions, resumption,
 * suite, credential, group) to the connection
 * (tls12/server_negotiate.c). */
TERN_MUST_CHECK int tern_tls12_server_negotiate(tern_conn *c, const tern_client_hello *ch);

/* ---- key exchanges (tls12/kx_*.c) ------------------------------------------------------ */

/* 1 when suite si can be used in this role under cfg: a PSK suite needs
 * a PSK (psk_key or the role's callback); others need nothing here (the
 * server's credential is matched in server_negotiate.c). */
int tern_tls12_suite_usable(const tern_config *cfg, int role, const tern_suite_info *si);

/* The suite is chosen (server) or received (client): checks it may be
 * used (TERN_ERR_ILLEGAL_PARAMETER for a client given a suite it could
 * not have offered) and sets the TERN_HSB_* key-exchange bits. */
TERN_MUST_CHECK int tern_tls12_kx_start(tern_conn *c);

/* What the configured suites usable in this role need, as bits: a
 * certificate (some suite authenticates with one), a group (some suite
 * does ECDHE), a PSK (some PSK suite is usable: a server may then have
 * no credential). */
#define TERN_NEED_CERT 0x01u
#define TERN_NEED_GROUPS 0x02u
#define TERN_NEED_PSK 0x04u
unsigned tern_tls12_suites_need(const tern_config *cfg, int role);

/* 1 for the PSK key exchanges (PSK, ECDHE_PSK, DHE_PSK, RSA_PSK). */
int tern_kx_is_psk(uint8_t kx);
/* 1 for the key exchanges whose premaster the client encrypts to the
 * server's RSA key (static RSA, RSA_PSK): the server's leaf must allow
 * key encipherment, nothing is signed. */
int tern_kx_rsa_encrypted(uint8_t kx);

/* The pre-master secret (RFC 5246 8.1): copied to hs->pms, or when it is
 * longer than a block of the PRF hash, its hash (the HMAC of the PRF
 * hashes such a key first, RFC 2104 2). */
TERN_MUST_CHECK int tern_kx_set_pms(tern_conn *c, const uint8_t *pms, size_t len);

/* PSK (kx_psk.c). Client: takes identity and key for the server's hint
 * (hint_len 0: none) from the callback or the configuration, once.
 * Server: finds the key of the client's identity
 * (TERN_ERR_UNKNOWN_PSK_IDENTITY when there is none). */
TERN_MUST_CHECK int tern_kx_psk_client_choose(tern_conn *c, const uint8_t *hint, size_t hint_len);
TERN_MUST_CHECK int tern_kx_psk_server_find(tern_conn *c, const uint8_t *id, size_t id_len);
/* Sets the PSK pre-master secret (RFC 4279 2, 3; RFC 5489 2):
 * uint16 other_len || other_secret || uint16 psk_len || psk, where
 * other_secret is the Diffie-Hellman value (other_len bytes), or for
 * plain PSK (other NULL) psk_len zero bytes. Wipes the PSK from the
 * handshake state. */
TERN_MUST_CHECK int tern_kx_psk_premaster(tern_conn *c, const uint8_t *other, size_t other_len);

/* Largest Diffie-Hellman secret of any key exchange (bytes). */
#if TERN_CONFIG_FFDH
#define TERN_KX_MAX_SECRET ((TERN_CONFIG_MAX_RSA_BITS + 7) / 8)
#else
#define TERN_KX_MAX_SECRET 48
#endif

/* Finite-field DHE (kx_dhe.c). ServerDHParams as parsed (syntax only:
 * three non-empty vectors). */
typedef struct tern_dhe_params {
    const uint8_t *p, *g, *y;
    size_t p_len, g_len, y_len;
} tern_dhe_params;

TERN_MUST_CHECK int tern_kx_dhe_params_parse(tern_reader *r, tern_dhe_params *dp);
/* Server: chooses the group for a DHE suite (RFC 7919 4); 0 when none
 * fits this client. */
uint16_t tern_kx_dhe_choose_group(const tern_conn *c, const uint8_t *client_groups,
                                  size_t client_groups_len);
/* Server: fresh key for hs->group; writes ServerDHParams (dh_p, dh_g,
 * dh_Ys; RFC 5246 7.4.3), Ys padded to the length of p. */
TERN_MUST_CHECK int tern_kx_dhe_params_write(tern_conn *c, tern_writer *w);
/* Client: checks the group against the size policy
 * (TERN_ERR_KEY_TOO_SMALL) and its shape, makes our key (kept at the end
 * of hs_buf for ClientKeyExchange) and the shared secret Z, leading
 * zeros stripped (RFC 5246 8.1.2), in secret (TERN_KX_MAX_SECRET bytes):
 * the server's value must lie in 1 < Ys < p - 1
 * (TERN_ERR_ILLEGAL_PARAMETER). */
TERN_MUST_CHECK int tern_kx_dhe_client(tern_conn *c, const tern_dhe_params *dp, uint8_t *secret,
                                       size_t *secret_len);
/* Client: writes dh_Yc<1..2^16-1> and gives back its hs_buf room. */
TERN_MUST_CHECK int tern_kx_dhe_public_write(tern_conn *c, tern_writer *w);
/* Server: the client's dh_Yc gives Z (stripped) in secret. */
TERN_MUST_CHECK int tern_kx_dhe_derive(tern_conn *c, const uint8_t *y, size_t y_len,
                                       uint8_t *secret, size_t *secret_len);

/* Static RSA (kx_rsa.c). Client: makes the premaster secret
 * (client_version || 46 random bytes) and writes it encrypted to the
 * server's key as EncryptedPreMasterSecret (RFC 5246 7.4.7.1).
 * Server: decrypts it without a padding oracle: any failure gives a
 * random premaster, found out only at Finished. */
TERN_MUST_CHECK int tern_kx_rsa_write(tern_conn *c, tern_writer *w);
TERN_MUST_CHECK int tern_kx_rsa_read(tern_conn *c, const uint8_t *ct, size_t ct_len);
/* RSA_PSK (RFC 4279 4), after tern_kx_rsa_write / tern_kx_rsa_read left
 * the 48 bytes in hs->ks.pms: the pre-master secret becomes
 * uint16(48) || those bytes || uint16(psk_len) || psk
 * (tern_kx_psk_premaster); the PSK and, on failure, the 48 bytes are
 * wiped. */
TERN_MUST_CHECK int tern_kx_rsa_psk_premaster(tern_conn *c);

/* The proof token a complete handshake needs (hs_complete.c): Finished
 * always; a client of a full handshake also the certificate check, and
 * the ServerKeyExchange signature unless the key exchange has none
 * (static RSA: decrypting proves the key; PSK: the key itself); a server
 * both when the client sent a certificate. */
uint8_t tern_hs_proof_needed(const tern_conn *c);

/* ---- proof token --------------------------------------------------------------------- */

#define TERN_VERIFIED_CERT 0x01u
#define TERN_VERIFIED_SIG 0x02u
#define TERN_VERIFIED_FIN 0x04u

/* ---- handshake state ----------------------------------------------------------------- */

/* Largest PSK and PSK identity handled (RFC 4279 5.3 asks for 64 and
 * 128 at least). */
#define TERN_HS_PSK_MAX TERN_MAX_PSK
#define TERN_HS_PSK_ID_MAX TERN_MAX_PSK_IDENTITY
/* Largest ECDHE public value kept (P-384: 97). A finite-field DHE value
 * (up to 512 bytes) is not kept here: the server writes it straight into
 * its message, the client keeps it at the end of hs_buf (kx_dhe.c). */
#define TERN_HS_MAX_KEX_PUB 97
/* Room for the pre-master secret: as it is, or, when it is longer than
 * the block of the PRF hash, its hash, which keys the PRF's HMAC to the
 * same effect (RFC 2104 2; tern_kx_set_pms). So a DHE or PSK secret of
 * any length needs at most one hash block here. */
#define TERN_HS_MAX_PMS TERN_HASH_MAX_BLOCK
/* Room for the peer's public key copied out of its certificate. */
#define TERN_HS_PEER_KEY_MAX (TERN_CONFIG_MAX_RSA_BITS / 8 + 16)
/* Largest key block: 2 * (32-byte key + 12-byte IV) for AEAD suites;
 * 2 * (48-byte MAC key + 32-byte key + 16-byte TLS 1.0 IV) for CBC. */
#define TERN_HS_KEY_BLOCK_MAX 192

/* The PSK key exchanges' key and identity (see tern_hs.psk_buf). */
typedef struct tern_hs_psk {
    uint8_t key[TERN_HS_PSK_MAX];
    uint8_t identity[TERN_HS_PSK_ID_MAX];
} tern_hs_psk;

typedef struct tern_hs {
    uint8_t flow;    /* TERN_FLOW_* */
    uint8_t step;    /* index of the step we are at */
    uint8_t bits;    /* TERN_HSB_* */
    uint8_t proof;   /* TERN_VERIFIED_* */
    uint8_t started; /* the first step has run */
    uint8_t done;    /* in application data */
    uint8_t resumed;

    /* hs_buf use: reassembly of an incoming message, or an outgoing
     * message being cut into records (never both). */
    uint32_t rx_len;  /* bytes of a partial incoming message */
    uint32_t rx_skip; /* bytes of a refused message still to skip */
    uint32_t tx_len;  /* length of the outgoing message */
    uint32_t tx_off;  /* bytes of it already framed */
    uint8_t tx_active;
    uint8_t tx_stream; /* our Certificate, generated piece by piece from
                          the credential (it did not fit hs_buf) */

    uint16_t version;
    uint16_t client_version; /* as offered in ClientHello */
    uint8_t client_random[TERN_RANDOM_LEN];
    uint8_t server_random[TERN_RANDOM_LEN];
    uint8_t session_id[TERN_SESSION_ID_MAX];
    uint8_t session_id_len;
    uint8_t offered_id[TERN_SESSION_ID_MAX]; /* client: id sent in ClientHello */
    uint8_t offered_id_len;
    uint8_t offered_session; /* client: a session was offered */
    uint8_t offered_ticket;  /* client: a ticket was offered */

    const tern_suite_info *suite;
    const tern_kex_class *kex;
    uint16_t group;
    uint8_t kex_priv[TERN_KEX_MAX_PRIV];
    uint8_t kex_pub[TERN_HS_MAX_KEX_PUB];
    uint16_t kex_pub_len;
    /* The pre-master secret until the master secret is made (then wiped),
     * and the key block after it (RFC 5246 8.1, 6.3): never both at once,
     * so they share the bytes. */
    union {
        uint8_t pms[TERN_HS_MAX_PMS];
        uint8_t key_block[TERN_HS_KEY_BLOCK_MAX];
    } ks;
    uint16_t pms_len;
    uint16_t kex_priv_len; /* client DHE: exponent bytes */
    uint16_t kex_tail;     /* client DHE: bytes of our public value at the
                              end of hs_buf (hs_tail) until ClientKeyExchange */

    /* PSK key exchanges: the key in use (client: chosen for the hint;
     * server: found for the identity) and the client's identity. Their
     * bytes are carved only into a connection whose configuration has a
     * usable PSK suite (conn.c): NULL otherwise. */
    tern_hs_psk *psk_buf;
    uint16_t psk_len;
    uint16_t psk_identity_len;
    uint8_t master_secret[TERN_MASTER_SECRET_LEN];

    /* transcript, SHA-256 and SHA-384 (cfg's classes): contexts in
     * storage carved with the connection, each as large as its class's
     * context (tern_transcript_size), not as a tern_hash_ctx */
    const tern_hash_class **th256;
    const tern_hash_class **th384;
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    tern_md5_ctx thmd5;   /* transcript, MD5 (TLS 1.0/1.1 Finished) */
    tern_sha1_ctx thsha1; /* transcript, SHA-1 */
#endif

    /* our credential and signature scheme (server: ServerKeyExchange;
     * client: CertificateVerify) */
    int cred; /* index into cfg->credentials, -1 for none */
    uint16_t own_scheme;
    /* the peer's signature scheme and public key */
    uint16_t peer_scheme;
    tern_pubkey peer_key; /* its bytes sit at the end of hs_buf (hs_tail) from
                             the Certificate to the signature check */
    uint16_t peer_key_len;
    uint8_t peer_cert_seen; /* the peer sent a non-empty Certificate */

    /* extensions */
    uint8_t ems;            /* extended master secret negotiated */
    uint8_t secure_reneg;   /* RFC 5746 support signalled */
    uint8_t ticket_offered; /* client sent session_ticket / server saw it */
    uint8_t alpn_offered;   /* client sent ALPN */
    uint8_t mfl_code;       /* negotiated max_fragment_length code */
    uint8_t rsl_seen;       /* peer sent record_size_limit */
    uint8_t rsl_sent;       /* we sent record_size_limit */
    uint8_t ec_formats;     /* server: client sent ec_point_formats */
    uint16_t peer_rsl;      /* peer's record_size_limit */
    uint8_t nst_received;   /* client: a NewSessionTicket arrived */
    uint8_t etm;            /* encrypt_then_mac negotiated (RFC 7366) */
    uint8_t etm_offered;    /* client sent / server saw encrypt_then_mac */

    /* client: what the server's CertificateRequest allows */
    uint8_t cr_types;                             /* bit 0: rsa_sign, bit 1: ecdsa_sign */
    uint8_t cr_schemes[2 * TERN_MAX_SIG_SCHEMES]; /* ours among them, wire form */
    uint8_t cr_schemes_len;
} tern_hs;

/* ---- driver (driver.c) ------------------------------------------------------------------ */

/* Starts the handshake if it has not started (the client writes its
 * ClientHello). */
TERN_MUST_CHECK int tern_hs_start(tern_conn *c);

/* Runs our writing steps as far as the output buffer allows. Returns
 * TERN_OK (possibly with nothing done), or an error. Sets *progress when
 * something moved. */
TERN_MUST_CHECK int tern_hs_output(tern_conn *c, int *progress);

/* 1 when the next step is ours to send (the handshake cannot read until
 * it is done). */
int tern_hs_writing(const tern_conn *c);

/* Processes handshake bytes from the current input record
 * (reassembling messages split across records, several per record);
 * stops when the flow turns to our writing steps. */
TERN_MUST_CHECK int tern_hs_input(tern_conn *c);

/* End of the flow (proof token checked): stores or returns the session,
 * fills the connection info, wipes handshake secrets (hs_complete.c). */
TERN_MUST_CHECK int tern_hs_complete(tern_conn *c);

/* A ChangeCipherSpec record arrived (body already checked to be {1}). */
TERN_MUST_CHECK int tern_hs_ccs(tern_conn *c);

/* 1 when a ChangeCipherSpec is allowed now. */
int tern_hs_expects_ccs(const tern_conn *c);

/* ---- transcript (transcript.c) ---------------------------------------------------------- */

/* Starts both transcript hashes with cfg's SHA-256 / SHA-384 classes
 * (tern_config_set_hash_class). */
/* Bytes of storage the two transcript contexts of cfg's classes take;
 * tern_transcript_bind points hs at such storage (8-byte aligned; kept
 * across tern_transcript_init and renegotiations). */
size_t tern_transcript_size(const tern_config *cfg);
void tern_transcript_bind(tern_hs *hs, void *mem, const tern_config *cfg);
void tern_transcript_init(tern_hs *hs, const tern_config *cfg);
/* Wipes both contexts (the handshake is over or failed). */
void tern_transcript_wipe(tern_hs *hs);
void tern_transcript_update(tern_hs *hs, const uint8_t *msg, size_t len);
/* Hash of the transcript so far with hash (SHA-256 or SHA-384, chosen by
 * its id: the built-in class or cfg's give the same state): *len is set.
 * TERN_ERR_UNSUPPORTED_ALGORITHM for any other hash. */
TERN_MUST_CHECK int tern_transcript_hash(const tern_hs *hs, const tern_hash_class *hash,
                                         uint8_t *out, size_t *len);

/* ---- TLS 1.2 key schedule (keysched12.c) ------------------------------------------------ */

/* master_secret from the pre-master secret (RFC 5246 8.1, RFC 7627 4). */
TERN_MUST_CHECK int tern_tls12_master_secret(tern_conn *c);
/* key_block from master_secret and the randoms (RFC 5246 6.3). */
TERN_MUST_CHECK int tern_tls12_key_block(tern_conn *c);
/* verify_data for our / the peer's Finished (RFC 5246 7.4.9). */
TERN_MUST_CHECK int tern_tls12_finished(tern_conn *c, int sender, uint8_t out[TERN_FINISHED_LEN]);
/* Installs the pending write (ours) or read (peer's) protection from the
 * key block. */
TERN_MUST_CHECK int tern_tls12_install_keys(tern_conn *c, int write);

/* ---- protocol versions (versions.c) ------------------------------------------------------ */

/* The lowest version this build speaks (TLS 1.0 / 1.1 when compiled in). */
uint16_t tern_version_lowest(void);
/* 1 when version v is compiled in. */
int tern_version_built(uint16_t v);
/* 1 when suite s may be negotiated in version: TLS 1.0/1.1 take only CBC
 * suites with HMAC-SHA1 and the default PRF. */
int tern_suite_allowed(const tern_suite_info *s, uint16_t version);
/* Server: writes the RFC 8446 4.1.3 downgrade mark into ServerHello.random
 * when hs.version is below 1.2 and the configuration has 1.2. */
void tern_downgrade_mark(const tern_conn *c, uint8_t random[TERN_RANDOM_LEN]);
/* Client: TERN_ERR_ILLEGAL_PARAMETER when hs.version is below 1.2, we
 * have 1.2, and the server's random carries the mark. */
TERN_MUST_CHECK int tern_downgrade_check(const tern_conn *c, const uint8_t random[TERN_RANDOM_LEN]);
/* The PRF of hs.version (TLS 1.2: the suite's hash; 1.0/1.1: RFC 2246 5). */
TERN_MUST_CHECK int tern_hs_prf(const tern_conn *c, const uint8_t *secret, size_t secret_len,
                                const char *label, size_t label_len, const uint8_t *seed1,
                                size_t seed1_len, const uint8_t *seed2, size_t seed2_len,
                                uint8_t *out, size_t out_len);
/* The transcript hash the PRF takes (Finished, extended master secret):
 * the suite's PRF hash in TLS 1.2, MD5 || SHA-1 (36 bytes) before. */
TERN_MUST_CHECK int tern_hs_prf_hash(const tern_conn *c, uint8_t *out, size_t *len);
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
/* TLS 1.0/1.1 digitally-signed (no algorithm field): RSA PKCS#1 v1.5 over
 * MD5 || SHA-1 without DigestInfo, ECDSA over SHA-1; with our credential
 * (hs.cred) / the peer's key (hs.peer_key). */
TERN_MUST_CHECK int tern_legacy_sign(tern_conn *c, const uint8_t *data, size_t len, uint8_t *sig,
                                     size_t *sig_len);
TERN_MUST_CHECK int tern_legacy_verify(tern_conn *c, const uint8_t *data, size_t len,
                                       const uint8_t *sig, size_t sig_len);
/* The TLS 1.0/1.1 CertificateVerify signature over the transcript so far
 * (RFC 4346 7.4.8): the same algorithms, the digests taken from the
 * running MD5 / SHA-1 transcripts. */
TERN_MUST_CHECK int tern_legacy_cv_sign(tern_conn *c, uint8_t *sig, size_t *sig_len);
TERN_MUST_CHECK int tern_legacy_cv_verify(tern_conn *c, const uint8_t *sig, size_t sig_len);
#endif

/* ---- signatures and certificates (hs_sig.c, hs_cert.c) ---------------------------------- */

/* The signed content of the ECDHE ServerKeyExchange:
 * client_random || server_random || params, built in buf (cap bytes). */
TERN_MUST_CHECK int tern_hs_ske_signed(const tern_conn *c, const uint8_t *params, size_t params_len,
                                       uint8_t *buf, size_t cap, size_t *len);

/* 1 when scheme can be made with / checked against a key of this type
 * (and curve). */
int tern_hs_scheme_fits_key(uint16_t scheme, int key_type, uint16_t curve);

/* Gives back the hs_buf tail the peer's key used once its signature is
 * checked. */
void tern_hs_release_peer_key(tern_conn *c);

/* Signs / verifies the TLS 1.2 CertificateVerify over the transcript so far. */
TERN_MUST_CHECK int tern_hs_cv_sign(tern_conn *c, uint16_t scheme, uint8_t *sig, size_t *sig_len);
TERN_MUST_CHECK int tern_hs_cv_verify(tern_conn *c, uint16_t scheme, const uint8_t *sig,
                                      size_t sig_len);

/* Verifies the peer's chain (policy, trust store, hostname, callback),
 * copies the leaf key to the end of hs_buf (hs_tail grows), keeps the
 * chain if configured. Sets TERN_VERIFIED_CERT. */
TERN_MUST_CHECK int tern_hs_peer_certificate(tern_conn *c, const tern_certificate_msg *m);

/* Writes a Certificate message body for our credential (or an empty one
 * when cred < 0). */
TERN_MUST_CHECK int tern_hs_certificate_write(tern_conn *c, tern_writer *w);

/* Our Certificate message without building it: tern_hs_certificate_len
 * is its whole length (header included) for the current credential,
 * tern_hs_certificate_bytes copies n bytes of it from offset off. A
 * message larger than hs_buf is streamed this way (driver.c). */
size_t tern_hs_certificate_len(const tern_conn *c);
void tern_hs_certificate_bytes(const tern_conn *c, uint8_t hs_type, size_t off, uint8_t *out,
                               size_t n);

/* Client: chooses the credential for the server's CertificateRequest
 * (sets hs.cred / own_scheme, or TERN_HSB_NO_CLIENT_CERT). */
void tern_tls12_client_choose_credential(tern_conn *c);

/* Chooses our signature scheme for credential idx from the peer's list
 * (reader over uint16 entries) restricted to our configuration; allowed
 * hashes limited by hash_mask (bit per TERN_HASH_* id). 0 when none. */
uint16_t tern_hs_choose_scheme(const tern_conn *c, size_t cred, const uint8_t *peer_list,
                               size_t peer_len, unsigned hash_mask);

/* ---- tickets (ticket.c) ---------------------------------------------------------------- */

/* The AEAD sealing tickets (AES-256-GCM), or NULL when compiled out
 * (suites.c). */
const tern_aead_class *tern_ticket_aead(void);

/* Seals the session into a ticket (RFC 5077 4 layout: key_name(16) ||
 * iv(12) || AES-256-GCM(state) || tag(16)). */
TERN_MUST_CHECK int tern_ticket_seal(tern_ticket_keys *tk, const tern_rng_class **rng,
                                     const tern_session *s, uint8_t *out, size_t cap, size_t *len);
/* Opens a ticket into s (without its ticket field). TERN_ERR_NOT_FOUND
 * when no key matches or the ticket does not open (the caller falls
 * back to a full handshake). */
TERN_MUST_CHECK int tern_ticket_open(tern_ticket_keys *tk, const uint8_t *ticket, size_t len,
                                     tern_session *s);
/* The same with an AEAD class of the algorithm of tern_ticket_aead()
 * (the configuration's, tern_cfg_aead). A class whose context does not
 * fit a tern_aead_ctx seals nothing (TERN_OK, *len = 0: an empty ticket,
 * RFC 5077 3.3) and opens nothing (TERN_ERR_NOT_FOUND). */
TERN_MUST_CHECK int tern_ticket_seal_cls(const tern_aead_class *cls, tern_ticket_keys *tk,
                                         const tern_rng_class **rng, const tern_session *s,
                                         uint8_t *out, size_t cap, size_t *len);
TERN_MUST_CHECK int tern_ticket_open_cls(const tern_aead_class *cls, tern_ticket_keys *tk,
                                         const uint8_t *ticket, size_t len, tern_session *s);

/* ---- server session cache (engine/session_cache.c) -------------------------------------- */

/* Copies the entry with this ID into *s: TERN_ERR_NOT_FOUND when absent
 * or expired (expired entries are dropped). */
TERN_MUST_CHECK int tern_session_cache_find(tern_session_cache *cache, const uint8_t *id,
                                            size_t id_len, tern_session *s);
/* Stores s (replacing the least recently used entry when full). */
void tern_session_cache_store(tern_session_cache *cache, const tern_session *s);

/* ---- session state codec (engine/session.c) --------------------------------------------- */

/* The session fields a ticket carries (no ticket, no id). */
TERN_MUST_CHECK int tern_session_state_write(const tern_session *s, tern_writer *w);
TERN_MUST_CHECK int tern_session_state_read(tern_session *s, tern_reader *r);

#endif /* TERN_HANDSHAKE_INTERNAL_H */
