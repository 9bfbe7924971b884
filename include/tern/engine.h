/*
 * The tern connection engine: TLS (and later DTLS) without I/O.
 *
 * Two objects:
 *  - tern_config: everything shared by many connections (versions, suites,
 *    groups, signature schemes, credentials, trust store and policy, session
 *    cache, ticket keys, ALPN, callbacks). Fill it with tern_config_init()
 *    and the setters below; it must not change while connections use it.
 *  - tern_conn: one connection, living in memory the caller provides
 *    (tern_conn_size() tells how much). The engine never allocates, never
 *    touches a socket or a clock.
 *
 * Sans-I/O interface: four buffer pairs, each a `_buf()` that lends a
 * pointer into the engine's own memory and an `_ack()` that says how much
 * was used (zero copies):
 *
 *    network -> tern_conn_recvrec_buf/ack   (ciphertext in)
 *    network <- tern_conn_sendrec_buf/ack   (ciphertext out)
 *    app     <- tern_conn_recvapp_buf/ack   (plaintext in)
 *    app     -> tern_conn_sendapp_buf/ack   (plaintext out)
 *
 * A `_buf()` returns NULL (and *len = 0) when that direction cannot move
 * now; tern_conn_status() tells which can. Errors are sticky: after the
 * first fatal error every call reports it (tern_conn_error()) and only
 * pending output (the alert) can still be drained. The handshake starts
 * at the first network-side call (sendrec_buf or recvrec_buf): settings
 * such as tern_conn_set_hostname apply until then.
 *
 * Convenience layer: give the connection send/recv callbacks
 * (tern_conn_set_io) and use tern_handshake / tern_read / tern_write /
 * tern_close, which return a byte count, 0, TERN_ERR_WANT_READ /
 * TERN_ERR_WANT_WRITE (the `001` seed's WAIT_READ / WAIT_WRITE: call again
 * when the transport is ready) or an error. Partly written records stay
 * pending inside the engine; tern_flush() sends them and tern_pending()
 * counts them (the `001` seed's sendBuffer / getBufferUnsent).
 */
#ifndef TERN_ENGINE_H
#define TERN_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "tern/aead.h"
#include "tern/cipher.h"
#include "tern/config.h"
#include "tern/error.h"
#include "tern/hash.h"
#include "tern/pk.h"
#include "tern/platform.h"
#include "tern/rand.h"
#include "tern/x509.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- constants ------------------------------------------------------- */

enum { TERN_CLIENT = 0, TERN_SERVER = 1 };

enum { TERN_TLS10 = 0x0301, TERN_TLS11 = 0x0302, TERN_TLS12 = 0x0303, TERN_TLS13 = 0x0304 };

/* Cipher suites (IANA values). */
enum {
    TERN_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 = 0xc02b,
    TERN_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 = 0xc02c,
    TERN_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = 0xc02f,
    TERN_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 = 0xc030,
    TERN_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 = 0xcca8,
    TERN_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 = 0xcca9,
    TERN_TLS_ECDHE_ECDSA_WITH_AES_128_CCM = 0xc0ac,
    TERN_TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 = 0xc0ae,
    /* Key exchanges beyond ECDHE (docs/kx.md). Static RSA and 3DES are
     * legacy: never in the default list, used only when a list names
     * them. */
    TERN_TLS_RSA_WITH_3DES_EDE_CBC_SHA = 0x000a,
    TERN_TLS_RSA_WITH_AES_128_CBC_SHA = 0x002f,
    TERN_TLS_RSA_WITH_AES_128_CBC_SHA256 = 0x003c,
    TERN_TLS_RSA_WITH_AES_128_GCM_SHA256 = 0x009c,
    TERN_TLS_RSA_WITH_AES_256_GCM_SHA384 = 0x009d,
    TERN_TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA = 0x0016,
    TERN_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 = 0x009e,
    TERN_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384 = 0x009f,
    TERN_TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256 = 0xccaa,
    TERN_TLS_PSK_WITH_AES_128_GCM_SHA256 = 0x00a8,
    TERN_TLS_PSK_WITH_AES_256_GCM_SHA384 = 0x00a9,
    TERN_TLS_PSK_WITH_AES_128_CBC_SHA256 = 0x00ae,
    TERN_TLS_PSK_WITH_AES_128_CCM = 0xc0a4,
    TERN_TLS_PSK_WITH_AES_256_CCM = 0xc0a5,
    TERN_TLS_PSK_WITH_AES_128_CCM_8 = 0xc0a8,
    TERN_TLS_PSK_WITH_AES_256_CCM_8 = 0xc0a9,
    TERN_TLS_PSK_WITH_CHACHA20_POLY1305_SHA256 = 0xccab,
    TERN_TLS_DHE_PSK_WITH_AES_128_GCM_SHA256 = 0x00aa,
    TERN_TLS_DHE_PSK_WITH_AES_256_GCM_SHA384 = 0x00ab,
    TERN_TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256 = 0xccad,
    TERN_TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256 = 0xc037,
    TERN_TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256 = 0xccac,
    /* RSA_PSK (RFC 4279 4, RFC 5487, RFC 7905): a PSK and a premaster
     * encrypted to the server's RSA key. Legacy like static RSA (no
     * forward secrecy): used only when a list names them. */
    TERN_TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA = 0x0093,
    TERN_TLS_RSA_PSK_WITH_AES_128_CBC_SHA = 0x0094,
    TERN_TLS_RSA_PSK_WITH_AES_256_CBC_SHA = 0x0095,
    TERN_TLS_RSA_PSK_WITH_AES_128_GCM_SHA256 = 0x00ac,
    TERN_TLS_RSA_PSK_WITH_AES_256_GCM_SHA384 = 0x00ad,
    TERN_TLS_RSA_PSK_WITH_AES_128_CBC_SHA256 = 0x00b6,
    TERN_TLS_RSA_PSK_WITH_AES_256_CBC_SHA384 = 0x00b7,
    TERN_TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256 = 0xccae
};

/* ECDHE suites with CBC record protection (RFC 8422 6, RFC 5289 3.2):
 * HMAC-SHA1 / SHA-256 / SHA-384, MAC-then-encrypt or, when negotiated,
 * encrypt-then-MAC (RFC 7366). */
enum {
    TERN_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA = 0xc009,
    TERN_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA = 0xc00a,
    TERN_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA = 0xc013,
    TERN_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA = 0xc014,
    TERN_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 = 0xc023,
    TERN_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384 = 0xc024,
    TERN_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 = 0xc027,
    TERN_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384 = 0xc028
};

/* Client authentication policy (server side; the seed's client_verify). */
enum {
    TERN_CLIENT_AUTH_NONE = 0,
    TERN_CLIENT_AUTH_OPTIONAL = 1, /* request; verify if sent */
    TERN_CLIENT_AUTH_REQUIRED = 2  /* request; fail without one */
};

/* Peer verification mode. */
enum {
    TERN_VERIFY_REQUIRED = 0, /* default: chain must verify against the
                                 trust store (an empty store fails) */
    TERN_VERIFY_NONE = 1      /* explicit "trust all" (the seed's
                                 TLS_TRUST_ALL_CERT); still parses */
};

/* Limits (compile-time). */
#ifndef TERN_MAX_SUITES
#define TERN_MAX_SUITES 48
#endif
#ifndef TERN_MAX_PSK
#define TERN_MAX_PSK 64 /* bytes of a pre-shared key (RFC 4279 5.3) */
#endif
#ifndef TERN_MAX_PSK_IDENTITY
#define TERN_MAX_PSK_IDENTITY 128 /* bytes of a PSK identity or hint */
#endif
#ifndef TERN_MAX_GROUPS
#define TERN_MAX_GROUPS 8
#endif
#ifndef TERN_MAX_SIG_SCHEMES
#define TERN_MAX_SIG_SCHEMES 16
#endif
#ifndef TERN_MAX_CREDENTIALS
#define TERN_MAX_CREDENTIALS 4
#endif
#ifndef TERN_MAX_ALPN
#define TERN_MAX_ALPN 8
#endif
#ifndef TERN_MAX_HOSTNAME
#define TERN_MAX_HOSTNAME 255
#endif
#ifndef TERN_MAX_TICKET_LEN
#define TERN_MAX_TICKET_LEN 1024
#endif
#ifndef TERN_MAX_PEER_CERTS
#define TERN_MAX_PEER_CERTS 10
#endif
#ifndef TERN_MAX_SIG_CLASSES
#define TERN_MAX_SIG_CLASSES 8 /* application signature classes */
#endif

/* AEAD algorithms by their IANA "AEAD Algorithms" numbers (RFC 5116 6,
 * RFC 6655, RFC 8439): the keys of tern_config_set_aead_class. */
enum {
    TERN_AEAD_ID_AES_128_GCM = 1,
    TERN_AEAD_ID_AES_256_GCM = 2,
    TERN_AEAD_ID_AES_128_CCM = 3,
    TERN_AEAD_ID_AES_256_CCM = 4,
    TERN_AEAD_ID_AES_128_CCM_8 = 18,
    TERN_AEAD_ID_AES_256_CCM_8 = 19,
    TERN_AEAD_ID_CHACHA20_POLY1305 = 29
};
/* Number of AEAD slots in tern_config (one per id above). */
#define TERN_AEAD_ID_COUNT 7

/* Block ciphers of the CBC suites, one slot per cipher and key length:
 * the keys of tern_config_set_block_class. */
enum {
    TERN_BLOCK_AES_128 = 0, /* the *_AES_128_CBC_* suites: 16-byte keys */
    TERN_BLOCK_AES_256 = 1, /* the *_AES_256_CBC_* suites: 32-byte keys */
    TERN_BLOCK_3DES = 2     /* the *_3DES_EDE_CBC_* suites: 24-byte keys */
};
/* Number of block cipher slots in tern_config. */
#define TERN_BLOCK_ID_COUNT 3

/* ---- credentials, sessions, caches, tickets ----------------------------- */

/* A certificate chain (DER, leaf first, pointers into the caller's memory)
 * and its private key. */
typedef struct tern_credential {
    const uint8_t *const *chain;
    const size_t *chain_lens;
    size_t chain_count;
    tern_privkey key;
} tern_credential;

/* A resumable session: what a client keeps to resume (by ID or ticket) and
 * what a server cache stores. Plain data: it can be copied, exported with
 * tern_session_export() and imported again. Holds the master secret:
 * protect it and wipe it (tern_wipe) when done. */
typedef struct tern_session {
    uint16_t version;
    uint16_t suite;
    uint8_t master_secret[48];
    uint8_t id[32];
    uint8_t id_len;
    uint8_t ems;       /* extended master secret was used */
    int64_t created;   /* seconds since 1970 (0 if unknown) */
    uint32_t lifetime; /* seconds (ticket lifetime hint) */
    uint16_t ticket_len;
    uint8_t ticket[TERN_MAX_TICKET_LEN];
    char server_name[TERN_MAX_HOSTNAME + 1]; /* SNI it was made for */
} tern_session;

/* Serialises / parses a session (versioned binary format, for
 * -sess_out / -sess_in). export: *len = bytes written; import validates
 * every field (TERN_ERR_DECODE). */
TERN_MUST_CHECK int tern_session_export(const tern_session *s, uint8_t *out, size_t cap,
                                        size_t *len);
TERN_MUST_CHECK int tern_session_import(tern_session *s, const uint8_t *in, size_t len);

/* Server session cache for resumption by session ID: a caller-provided
 * table of `count` slots (the seed's TLS_MAX_SES_SIZE), least recently
 * used entry replaced when full, guarded by a platform mutex. */
typedef struct tern_session_cache {
    tern_session *slots;
    uint64_t *stamps; /* count entries: use order (0 = empty) */
    size_t count;
    uint64_t clock;
    uint32_t lifetime; /* seconds an entry stays valid, default 7200 */
    const tern_platform *platform;
    tern_mutex lock;
} tern_session_cache;

TERN_MUST_CHECK int tern_session_cache_init(tern_session_cache *cache, tern_session *slots,
                                            uint64_t *stamps, size_t count,
                                            const tern_platform *platform);
void tern_session_cache_free(tern_session_cache *cache);

/* Session ticket keys (RFC 5077): the current key seals new tickets; the
 * previous key still opens tickets it sealed (rotation). Tickets are
 * AEAD-protected (AES-256-GCM) with a 16-byte key name. */
typedef struct tern_ticket_keys {
    struct {
        uint8_t name[16];
        uint8_t key[32];
        int64_t created;
        uint8_t valid;
    } slot[2];
    uint8_t current;   /* index of the sealing key */
    uint32_t lifetime; /* ticket lifetime in seconds, default 7200 */
    const tern_platform *platform;
    tern_mutex lock;
} tern_ticket_keys;

/* Creates a first random key from the rng. */
TERN_MUST_CHECK int tern_ticket_keys_init(tern_ticket_keys *tk, const tern_rng_class **rng,
                                          const tern_platform *platform);
/* New sealing key; the old one keeps opening tickets until the next
 * rotation. */
TERN_MUST_CHECK int tern_ticket_keys_rotate(tern_ticket_keys *tk, const tern_rng_class **rng);
void tern_ticket_keys_free(tern_ticket_keys *tk);

/* ---- configuration -------------------------------------------------------- */

typedef struct tern_conn tern_conn;

/* What the server saw in a ClientHello, for certificate selection. */
typedef struct tern_client_hello_info {
    const char *server_name;     /* SNI or NULL */
    const uint16_t *sig_schemes; /* client's signature_algorithms */
    size_t sig_schemes_count;
    const uint16_t *groups; /* client's supported_groups */
    size_t groups_count;
} tern_client_hello_info;

/* Handshake trace directions. */
enum { TERN_TRACE_IN = 0, TERN_TRACE_OUT = 1 };

/* Digest entry points of an application signature class
 * (tern_config_set_sig_digest): sign / verify a digest already computed
 * with the class's hash, same outputs and errors as the class's sign /
 * verify (ECDSA signatures DER). */
typedef int (*tern_sig_sign_digest_fn)(const tern_sig_class *cls, const tern_privkey *key,
                                       const tern_rng_class **rng, const uint8_t *digest,
                                       size_t digest_len, uint8_t *sig, size_t *sig_len);
typedef int (*tern_sig_verify_digest_fn)(const tern_sig_class *cls, const tern_pubkey *key,
                                         const uint8_t *digest, size_t digest_len,
                                         const uint8_t *sig, size_t sig_len);

typedef struct tern_config {
    uint16_t min_version; /* default TERN_TLS12 */
    uint16_t max_version; /* default TERN_TLS12 (TERN_TLS13 when built) */

    /* Preference order; the server uses its own order unless
     * client_preference is set. Defaults: every built-in AEAD suite. */
    uint16_t suites[TERN_MAX_SUITES];
    size_t suites_count;
    uint8_t client_preference;
    uint16_t groups[TERN_MAX_GROUPS]; /* default x25519, P-256, P-384 */
    size_t groups_count;
    uint16_t sig_schemes[TERN_MAX_SIG_SCHEMES]; /* default: every built-in
                                                   scheme except SHA-1 ones */
    size_t sig_schemes_count;

    tern_credential credentials[TERN_MAX_CREDENTIALS];
    size_t credentials_count;
    /* Optional: returns the index of the credential to use, or a negative
     * error. Default: first credential whose key type and scheme fit the
     * client's offer, preferring one whose certificate names the SNI. */
    int (*select_credential)(void *user, const tern_client_hello_info *info);

    /* Peer verification. */
    int verify_mode; /* TERN_VERIFY_* */
    const tern_trust_store *trust;
    tern_x509_policy policy; /* purpose is set per role */
    int client_auth;         /* server: TERN_CLIENT_AUTH_* */
    /* Optional override: called with the verification result (rc and
     * reasons); return TERN_OK to accept or an error to reject. */
    int (*verify_cb)(void *user, tern_conn *conn, int rc, const tern_x509_result *res);

    /* Extensions. */
    uint8_t require_ems;         /* default 1 (RFC 7627) */
    uint8_t disable_etm;         /* 1: never offer or accept
                                    encrypt_then_mac (RFC 7366) for CBC
                                    suites; default 0 (negotiated
                                    whenever a CBC suite is chosen) */
    uint16_t record_size_limit;  /* limit on records we receive,
                                    advertised (RFC 8449); 0 = none.
                                    With in_record_size below 2^14
                                    the smaller of the two is
                                    advertised anyway */
    uint8_t max_fragment_length; /* client: RFC 6066 code 1..4 to
                                    request, 0 = none */
    const char *const *alpn;     /* protocol names, preference order */
    size_t alpn_count;
    uint8_t alpn_required; /* server: no overlap -> alert */

    /* Resumption. */
    tern_session_cache *session_cache; /* server, by ID; NULL = none */
    tern_ticket_keys *ticket_keys;     /* server, RFC 5077; NULL = none */
    uint8_t client_tickets;            /* client: offer session_ticket,
                                          default 1 */

    /* Pre-shared keys (RFC 4279, RFC 5489; docs/kx.md). PSK suites are
     * offered (client) and chosen (server) only when a key can be
     * found: psk_key set (tern_config_set_psk) or the role's callback.
     * The key bytes are a secret: tern_config_wipe() clears them. */
    uint8_t psk_key[TERN_MAX_PSK];
    size_t psk_key_len;                          /* 0 = no static PSK */
    uint8_t psk_identity[TERN_MAX_PSK_IDENTITY]; /* client: sent; server:
                                                    the identity psk_key
                                                    belongs to */
    size_t psk_identity_len;
    uint8_t psk_hint[TERN_MAX_PSK_IDENTITY]; /* server: identity hint sent
                                                in ServerKeyExchange (plain
                                                PSK: omitted when empty) */
    size_t psk_hint_len;
    /* Client, optional: chooses identity and key from the server's hint
     * (hint_len 0: none sent). Write at most *identity_len and *key_len
     * bytes (TERN_MAX_PSK_IDENTITY, TERN_MAX_PSK) and set both lengths;
     * return TERN_OK or an error to abort. Takes precedence over
     * psk_key. */
    int (*psk_client_cb)(void *user, const uint8_t *hint, size_t hint_len, uint8_t *identity,
                         size_t *identity_len, uint8_t *key, size_t *key_len);
    /* Server, optional: the key of this identity (write at most *key_len
     * = TERN_MAX_PSK bytes and set it). Return TERN_OK, or
     * TERN_ERR_UNKNOWN_PSK_IDENTITY (alert unknown_psk_identity) or
     * another error. Without it the server accepts only psk_identity. */
    int (*psk_server_cb)(void *user, const uint8_t *identity, size_t identity_len, uint8_t *key,
                         size_t *key_len);

    /* Finite-field DHE (RFC 5246, RFC 7919). Server: the group used when
     * the client lists no FFDHE group (default ffdhe2048); a client
     * listing FFDHE groups in supported_groups gets one of those that
     * tern has, or no DHE suite (RFC 7919 4). Client: smallest p accepted
     * in bits (default 2048, at most TERN_CONFIG_MAX_RSA_BITS). */
    uint16_t dhe_group;
    uint16_t dhe_min_bits;

    /* Buffers (bytes of plaintext per record). */
    size_t in_record_size;     /* default 16384: largest record we accept */
    size_t out_record_size;    /* default 16384: largest record we send */
    size_t hs_buffer_size;     /* handshake scratch: builds our messages
                                  (a Certificate that does not fit is
                                  streamed) and reassembles the peer's
                                  messages split across records; a
                                  client's ticket and the peer's key
                                  borrow its end. Default 16384 */
    size_t keep_peer_chain;    /* bytes kept for the peer's chain after the
                                  handshake (0 = keep nothing but what the
                                  handshake needs); default 16384 */
    uint8_t max_empty_records; /* consecutive empty records allowed,
                                  default 32 */
    /* 1: one record buffer serves both directions (half duplex), which
     * saves max(in, out) record bytes of memory. While a received record
     * is arriving, being processed or lent to the application
     * (recvapp_buf), nothing can be written (sendapp_buf returns NULL,
     * tern_write TERN_ERR_WANT_READ), and while a record of ours is being
     * filled or drained nothing is read (recvrec_buf returns NULL): drain
     * output and consume input to keep both moving. Default 0. */
    uint8_t shared_record_buffer;

    /* Randomness and time. rng: NULL = each connection seeds its own
     * HMAC-DRBG from platform->entropy (the default). */
    const tern_platform *platform;
    const tern_rng_class **rng;

    /* Observability. */
    void *user; /* passed to every callback */
    /* SSLKEYLOGFILE line, e.g. "CLIENT_RANDOM <hex> <hex>" (no newline). */
    void (*keylog)(void *user, const char *line);
    /* One call per handshake message / alert / CCS sent or received. */
    void (*trace)(void *user, int direction, int content_type, int hs_type, const uint8_t *msg,
                  size_t len);

    /* Heartbeat (RFC 6520), off by default. heartbeat: TERN_HB_OFF, or
     * the mode we announce: TERN_HB_PEER_ALLOWED (we answer the peer's
     * requests) or TERN_HB_PEER_NOT_ALLOWED (we only send our own). */
    uint8_t heartbeat;
    uint8_t heartbeat_payload;   /* bytes of our requests' payload, 1..64;
                                    0 = 8 (the seed's TLS_EXT_HB_PAYLOAD_SIZE) */
    uint32_t heartbeat_interval; /* seconds between our requests, 0 = none
                                    on a timer (tern_conn_heartbeat only) */
    uint32_t heartbeat_timeout;  /* seconds to wait for the response before
                                    TERN_ERR_HEARTBEAT_TIMEOUT; 0 = twice
                                    the interval, or 30 without one */

    /* Renegotiation (RFC 5746), off by default: 1 allows secure
     * renegotiation started by either side (never with a peer that did not
     * signal RFC 5746 support); 0 refuses it with a no_renegotiation
     * warning and the connection goes on. */
    uint8_t renegotiation;
    /* The most renegotiations the peer may start on one connection
     * (ClientHellos a server accepts, HelloRequests a client answers);
     * later ones are refused with a no_renegotiation warning and the
     * connection goes on. Bounds the full handshakes a peer can make us
     * run (each one costs public-key operations); tern_config_init sets
     * 4, 0 means no limit. Renegotiations we start are not counted. */
    uint16_t renegotiation_peer_max;

    /* Application crypto classes (a hardware accelerator, say) used
     * instead of the built-in ones; set them with the
     * tern_config_set_*_class functions below, never directly. NULL
     * entries mean the built-in class. */
    const tern_aead_class *aead_classes[TERN_AEAD_ID_COUNT];           /* by slot */
    const tern_hash_class *hash_classes[2];                            /* SHA-256, SHA-384 */
    const tern_sig_class *sig_classes[TERN_MAX_SIG_CLASSES];           /* any scheme order */
    tern_sig_sign_digest_fn sig_sign_digest[TERN_MAX_SIG_CLASSES];     /* per sig_classes */
    tern_sig_verify_digest_fn sig_verify_digest[TERN_MAX_SIG_CLASSES]; /* entry */
    const tern_block_class *block_classes[TERN_BLOCK_ID_COUNT];        /* CBC, by slot */
    uint8_t classes_set; /* 1 when any entry above is set (fast path) */
} tern_config;

/* Secure defaults (see each field). platform: tern_platform_default().
 * The default suite list holds every built-in suite except static RSA,
 * RSA_PSK and 3DES ones: ECDHE first, then DHE_RSA, then the PSK suites (which
 * are skipped unless a PSK is configured). */
void tern_config_init(tern_config *cfg);

/* Wipes the secrets a configuration holds (the PSK). Call when no
 * connection uses it any more. */
void tern_config_wipe(tern_config *cfg);

/* Sets the static PSK (client: sent with identity; server: accepted for
 * identity). identity may be empty on a client only if the server takes
 * an empty one. Errors: TERN_ERR_BAD_ARG (key empty or longer than
 * TERN_MAX_PSK, identity longer than TERN_MAX_PSK_IDENTITY). */
TERN_MUST_CHECK int tern_config_set_psk(tern_config *cfg, const uint8_t *identity,
                                        size_t identity_len, const uint8_t *key, size_t key_len);
/* Server: the identity hint (RFC 4279 5.2); TERN_ERR_BAD_ARG when longer
 * than TERN_MAX_PSK_IDENTITY. */
TERN_MUST_CHECK int tern_config_set_psk_hint(tern_config *cfg, const uint8_t *hint, size_t len);

/* Adds a credential (chain leaf first, key); TERN_ERR_FULL when the table
 * is full, TERN_ERR_BAD_KEY when the key does not match the leaf. */
TERN_MUST_CHECK int tern_config_add_credential(tern_config *cfg, const uint8_t *const *chain,
                                               const size_t *lens, size_t count,
                                               const tern_privkey *key);

/* Sets suites / groups / signature schemes from a colon-separated list of
 * IANA names ("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:...",
 * "x25519:secp256r1", "ecdsa_secp256r1_sha256:rsa_pss_rsae_sha256").
 * TERN_ERR_BAD_ARG names an unknown or compiled-out entry. */
TERN_MUST_CHECK int tern_config_set_suites(tern_config *cfg, const char *list);
TERN_MUST_CHECK int tern_config_set_groups(tern_config *cfg, const char *list);
TERN_MUST_CHECK int tern_config_set_sig_schemes(tern_config *cfg, const char *list);

/* ---- application crypto classes ------------------------------------------------ */

/* The engine reaches every algorithm it runs for a connection through
 * the configuration: a class set here replaces tern's built-in class of
 * the same algorithm in every connection that uses cfg (set them before
 * tern_conn_size / tern_conn_init; the configuration must not change
 * while connections use it). The configuration keeps the pointer: the
 * class must outlive it. cls NULL restores the built-in class. Without
 * any class set, the engine runs exactly the built-in path (one flag
 * test per lookup).
 *
 * Constant-time behaviour, wiping of the context and zeroing of the
 * buffer on a failed open are the class's own responsibility: tern
 * cannot check them. A class that fails (returns an error) fails the
 * connection closed: an AEAD open failure is reported as bad_record_mac,
 * a signature failure as decrypt_error.
 *
 * AEAD (tern_config_set_aead_class): aead_id is a TERN_AEAD_ID_* number
 * whose built-in class is compiled in (else TERN_ERR_UNSUPPORTED_ALGORITHM).
 * The class must have the algorithm's key, nonce and tag lengths (the
 * built-in class's; else TERN_ERR_BAD_ARG), a 12-byte nonce, the three
 * functions, and follow the context convention of aead.h: the context
 * starts with the class pointer (the engine stores it there before
 * calling init, so one init function can serve several instances) and
 * is ctx_size bytes (at least a pointer; record contexts are aligned to
 * 16 bytes, ticket contexts to 8). ctx_size may exceed the built-in
 * one and TERN_AEAD_CTX_MAX: tern_conn_size reserves the largest
 * context of the configured suites for each direction. The class runs
 * record protection and, for the ticket AEAD (AES-256-GCM), session
 * tickets (RFC 5077); ticket contexts live on the stack in a
 * tern_aead_ctx, so with an AES-256-GCM class whose ctx_size is above
 * TERN_AEAD_CTX_MAX a server with ticket_keys sends empty tickets and
 * opens none (resumption by session ID still works).
 *
 * Hash (tern_config_set_hash_class): hash_id TERN_HASH_SHA256 or
 * TERN_HASH_SHA384 (others: TERN_ERR_UNSUPPORTED_ALGORITHM), the class's
 * id, digest and block lengths equal to the built-in's and ctx_size at
 * most sizeof(tern_hash_ctx) (else TERN_ERR_BAD_ARG); init must store
 * the class pointer at the start of the context (hash.h), and out must
 * leave the context unchanged (the engine takes several digests of one
 * running transcript). It runs the
 * handshake transcript, the TLS 1.2 PRF (master secret, key block,
 * Finished; through HMAC) and the transcript digest of CertificateVerify.
 * The hash inside a signature class is that class's business, and the
 * connection's random generator keeps the built-in HMAC-DRBG (SHA-256).
 *
 * Signature (tern_config_set_sig_class): scheme a TLS SignatureScheme
 * whose built-in class is compiled in (else
 * TERN_ERR_UNSUPPORTED_ALGORITHM); the class must have that scheme, the
 * built-in class's key type and curve, a hash of the same id (or none,
 * as Ed25519), and sign / verify (else
 * TERN_ERR_BAD_ARG). TERN_ERR_FULL after TERN_MAX_SIG_CLASSES distinct
 * schemes. It signs and verifies the ServerKeyExchange (RFC 5246
 * 7.4.3), with the credential's key passed through unchanged. The TLS 1.2
 * CertificateVerify (client authentication) signs a transcript the
 * engine keeps only as a running hash, and tern_sig_class has no digest
 * entry point: give the class digest functions with
 * tern_config_set_sig_digest and the engine calls them with the
 * transcript digest (computed with the hash class above); without them
 * the built-in algorithm of the scheme signs / verifies that digest.
 * Setting or removing a scheme's class drops its digest functions.
 * Certificate chain signatures are checked by the X.509 module's own
 * classes.
 *
 * Block cipher (tern_config_set_block_class): cipher a TERN_BLOCK_* slot
 * whose built-in cipher is compiled in (else
 * TERN_ERR_UNSUPPORTED_ALGORITHM); the class runs the CBC record
 * protection (RFC 5246 6.2.3.2; both MAC-then-encrypt and RFC 7366
 * encrypt-then-MAC) of every suite of that cipher and key length. It
 * must have the cipher's block length (16 for AES, 8 for 3DES), init,
 * encrypt and decrypt, no TERN_BLOCK_ENCRYPT_ONLY flag (CBC decryption
 * runs the inverse cipher) and a ctx_size of at least a pointer (else
 * TERN_ERR_BAD_ARG). Its init must accept the slot's key length and
 * store the class pointer at the start of the context (cipher.h); an
 * init error fails the handshake when the keys are installed. The
 * context lives in the connection (aligned to 8 bytes) and may exceed
 * tern_block_ctx: tern_conn_size reserves the largest CBC context of the
 * configured suites for each direction. The record layer wipes the
 * context when the keys change and on free, and checks padding and
 * MAC in constant time; the class itself must run in constant time
 * (no key- or data-dependent branch or table index), which tern cannot
 * check. One class may serve several slots (AES-128 and AES-256).
 *
 * tern_config_set_sig_digest: the digest functions of the application
 * class set for scheme (TERN_ERR_NOT_FOUND when none is); both NULL
 * goes back to the built-in digest algorithm, one NULL is
 * TERN_ERR_BAD_ARG.
 *
 * Errors: TERN_ERR_NULL_POINTER (cfg NULL), as above. */
TERN_MUST_CHECK int tern_config_set_aead_class(tern_config *cfg, uint16_t aead_id,
                                               const tern_aead_class *cls);
TERN_MUST_CHECK int tern_config_set_hash_class(tern_config *cfg, int hash_id,
                                               const tern_hash_class *cls);
TERN_MUST_CHECK int tern_config_set_sig_class(tern_config *cfg, uint16_t scheme,
                                              const tern_sig_class *cls);
TERN_MUST_CHECK int tern_config_set_sig_digest(tern_config *cfg, uint16_t scheme,
                                               tern_sig_sign_digest_fn sign,
                                               tern_sig_verify_digest_fn verify);
TERN_MUST_CHECK int tern_config_set_block_class(tern_config *cfg, int cipher,
                                                const tern_block_class *cls);

/* The class the engine uses for an algorithm with this configuration:
 * the application's or the built-in one; NULL when compiled out (and,
 * for hashes, for any but SHA-256 and SHA-384). cfg NULL: the built-in
 * class. */
const tern_aead_class *tern_config_aead_class(const tern_config *cfg, uint16_t aead_id);
const tern_hash_class *tern_config_hash_class(const tern_config *cfg, int hash_id);
const tern_sig_class *tern_config_sig_class(const tern_config *cfg, uint16_t scheme);
/* Block cipher of a TERN_BLOCK_* slot: for AES the built-in class is the
 * one the CBC suites pick at run time (tern_aes_get()). */
const tern_block_class *tern_config_block_class(const tern_config *cfg, int cipher);

/* Names <-> values. NULL / 0 when unknown. */
const char *tern_suite_name(uint16_t suite);
uint16_t tern_suite_by_name(const char *name);
const char *tern_group_name(uint16_t group);
const char *tern_sig_scheme_name(uint16_t scheme);
const char *tern_version_name(uint16_t version);

/* ---- connection lifecycle --------------------------------------------------- */

/* Bytes of memory a connection needs with this configuration. */
size_t tern_conn_size(const tern_config *cfg);

/* Sets up a connection in mem (at least tern_conn_size(cfg) bytes,
 * aligned to 16). *out points into mem. Seeds the connection's random
 * generator (TERN_ERR_ENTROPY fails closed). */
TERN_MUST_CHECK int tern_conn_init(tern_conn **out, void *mem, size_t mem_len,
                                   const tern_config *cfg, int role);

/* Client: the server name for SNI and for certificate name checks.
 * NULL or "" means: send no SNI and skip the name check — an explicit
 * choice (the Tibbo/WICED "empty name" behaviour); IP literals are checked
 * against IP SANs and not sent as SNI. Must precede the handshake.
 * A verifying client that never calls it fails the certificate check with
 * TERN_ERR_CERT_NAME_MISMATCH (reason TERN_X509_NAME_MISMATCH): the name
 * check is skipped only when asked, never by omission. */
TERN_MUST_CHECK int tern_conn_set_hostname(tern_conn *c, const char *name);

/* Client: offer to resume this session (by ticket if it has one, else by
 * ID). Must precede the handshake. The ticket and the session's server
 * name wait at the end of the handshake buffer: TERN_ERR_BUFFER_TOO_SMALL
 * when they would leave it less than 256 bytes (hs_buffer_size). */
TERN_MUST_CHECK int tern_conn_set_session(tern_conn *c, const tern_session *s);

/* Overrides the time used for certificate checks (and the heartbeat
 * timers) on this connection only; 0 goes back to the policy's time or
 * the platform clock. Other connections are not affected. For the Mbed
 * Client seed's renegotiation with the server's time see
 * tern_conn_renegotiate's cert_time. */
void tern_conn_set_time(tern_conn *c, int64_t now);

/* Wipes every secret in the connection memory. */
void tern_conn_free(tern_conn *c);

/* ---- sans-I/O buffers --------------------------------------------------------- */

/* Status bits. */
#define TERN_ST_CLOSED 0x01u  /* finished: closed or failed */
#define TERN_ST_SENDREC 0x02u /* records are waiting to go to the peer */
#define TERN_ST_RECVREC 0x04u /* engine wants records from the peer */
#define TERN_ST_SENDAPP 0x08u /* application data can be written */
#define TERN_ST_RECVAPP 0x10u /* application data can be read */

unsigned tern_conn_status(const tern_conn *c);

/* The first fatal error, TERN_ERR_CLOSED after a clean close, or TERN_OK. */
int tern_conn_error(const tern_conn *c);

uint8_t *tern_conn_recvrec_buf(tern_conn *c, size_t *len);
void tern_conn_recvrec_ack(tern_conn *c, size_t len);
uint8_t *tern_conn_sendrec_buf(tern_conn *c, size_t *len);
void tern_conn_sendrec_ack(tern_conn *c, size_t len);
uint8_t *tern_conn_recvapp_buf(tern_conn *c, size_t *len);
void tern_conn_recvapp_ack(tern_conn *c, size_t len);
uint8_t *tern_conn_sendapp_buf(tern_conn *c, size_t *len);
void tern_conn_sendapp_ack(tern_conn *c, size_t len);
/* Turns buffered application data into a record now. */
void tern_conn_flush_app(tern_conn *c);
/* Starts an orderly close: queues close_notify. */
void tern_conn_close_notify(tern_conn *c);
/* The peer ended the transport (EOF). Without a prior close_notify this is
 * TERN_ERR_EOF (possible truncation). */
void tern_conn_transport_eof(tern_conn *c);
/* Fails the connection after a check of the application's own (a pinned
 * certificate, an application-protocol rule): queues a fatal alert
 * (alert: an RFC 5246 7.2 AlertDescription, 1..255, e.g. 49
 * access_denied or 40 handshake_failure), drops output not yet sealed,
 * wipes the keys and makes TERN_ERR_ALERT_SENT(alert) the sticky error,
 * as the engine does on an error of its own. Works during and after the
 * handshake; the alert leaves through sendrec_buf / tern_flush like any
 * record, and then nothing more. TERN_OK when the alert is queued; the
 * connection's error when it had failed or closed already, or
 * TERN_ERR_CLOSED after our close_notify (no alert is sent then); TERN_ERR_BAD_ARG for alert 0
 * (close_notify is no failure: tern_conn_close_notify) or above 255; TERN_ERR_NULL_POINTER. */
TERN_MUST_CHECK int tern_conn_abort(tern_conn *c, int alert);

/* ---- convenience layer over send/recv callbacks ---------------------------------- */

/* send: returns bytes accepted (> 0), TERN_ERR_WANT_WRITE, or an error.
 * recv: returns bytes read (> 0), 0 at end of stream, TERN_ERR_WANT_READ,
 *       or an error. */
typedef int (*tern_send_fn)(void *io, const uint8_t *buf, size_t len);
typedef int (*tern_recv_fn)(void *io, uint8_t *buf, size_t len);

void tern_conn_set_io(tern_conn *c, tern_send_fn send, tern_recv_fn recv, void *io);

/* A descriptor slot for front ends (the engine itself never uses it):
 * the socket front end keeps its fd here so that its callbacks need no
 * memory of their own. -1 until set. */
void tern_conn_set_fd(tern_conn *c, int fd);
int tern_conn_fd(const tern_conn *c);

/* Drives the handshake: TERN_OK when done and our last flight is handed
 * to the transport, TERN_ERR_WANT_* to call again, or the (sticky)
 * error. */
TERN_MUST_CHECK int tern_handshake(tern_conn *c);
/* Reads application data (handshaking first if needed): bytes (> 0),
 * TERN_ERR_CLOSED at close_notify, TERN_ERR_WANT_*, or an error. */
TERN_MUST_CHECK int tern_read(tern_conn *c, uint8_t *buf, size_t len);
/* Writes application data: bytes accepted (> 0; data is sealed into
 * records at once and kept pending if the transport blocks),
 * TERN_ERR_WANT_*, TERN_ERR_CLOSED once our close_notify is sent, or an
 * error. With shared_record_buffer,
 * TERN_ERR_WANT_READ means a received record holds the buffer: call
 * tern_read first. */
TERN_MUST_CHECK int tern_write(tern_conn *c, const uint8_t *buf, size_t len);
/* Sends pending records: TERN_OK when all are out, TERN_ERR_WANT_WRITE,
 * or an error. */
TERN_MUST_CHECK int tern_flush(tern_conn *c);
/* Bytes of records not yet accepted by the transport. */
size_t tern_pending(const tern_conn *c);
/* Sends close_notify and flushes: TERN_OK, TERN_ERR_WANT_WRITE, or an
 * error. Does not wait for the peer's close_notify. */
TERN_MUST_CHECK int tern_close(tern_conn *c);

/* ---- after the handshake ------------------------------------------------------------ */

/* Seed-style connection state. */
enum { TERN_CONN_CLOSED = 0, TERN_CONN_HANDSHAKE = 1, TERN_CONN_OPERATING = 2 };
int tern_conn_state(const tern_conn *c);

typedef struct tern_conn_info {
    uint16_t version;
    uint16_t suite;
    uint16_t group;      /* key exchange group (0 if none) */
    uint16_t sig_scheme; /* peer's handshake signature (0 if none) */
    uint8_t resumed;
    uint8_t ems;
    uint8_t etm;                             /* encrypt_then_mac in use (CBC) */
    uint8_t peer_verified;                   /* chain verified (not trust-all) */
    char alpn[256];                          /* negotiated protocol or "" */
    char server_name[TERN_MAX_HOSTNAME + 1]; /* SNI sent / received or "" */
    uint32_t server_gmt_unix_time;           /* first 4 bytes of ServerHello.random:
                                                many servers randomise them, so this
                                                is a hint at best (RFC 8446 drops the
                                                field) */
    uint16_t peer_record_limit;              /* largest plaintext we send per record */
    size_t peer_cert_count;
} tern_conn_info;

TERN_MUST_CHECK int tern_conn_get_info(const tern_conn *c, tern_conn_info *info);

/* The peer's certificate idx (0 = leaf) as received, DER, pointing into
 * connection memory (valid until tern_conn_free). TERN_ERR_NOT_FOUND when
 * absent or not kept (keep_peer_chain). */
TERN_MUST_CHECK int tern_conn_peer_cert(const tern_conn *c, size_t idx, const uint8_t **der,
                                        size_t *len);

/* The same certificate as PEM text ("-----BEGIN CERTIFICATE-----", base64
 * in 64-character lines, LF line ends), NUL-terminated in out (cap
 * bytes). *len receives the text length without the NUL, or on
 * TERN_ERR_BUFFER_TOO_SMALL the capacity needed (NUL included): out NULL
 * with cap 0 asks for that size. TERN_ERR_NOT_FOUND as for
 * tern_conn_peer_cert; TERN_ERR_NULL_POINTER for len NULL, or out NULL
 * with cap above 0. */
TERN_MUST_CHECK int tern_conn_peer_cert_pem(const tern_conn *c, size_t idx, char *out, size_t cap,
                                            size_t *len);

/* Every kept certificate of the peer's chain, leaf first, as consecutive
 * PEM blocks (a CA-bundle-style text), NUL-terminated; *len (and the
 * size query with out NULL, cap 0) as for tern_conn_peer_cert_pem.
 * TERN_ERR_NOT_FOUND when nothing was kept. */
TERN_MUST_CHECK int tern_conn_peer_chain_pem(const tern_conn *c, char *out, size_t cap,
                                             size_t *len);

/* The session of this connection for later resumption (client), or
 * TERN_ERR_NOT_FOUND when the handshake did not produce one. */
TERN_MUST_CHECK int tern_conn_get_session(const tern_conn *c, tern_session *s);

/* The alert we sent or received last (-1 if none). */
int tern_conn_last_alert(const tern_conn *c, int *sent);

/* ---- heartbeat (RFC 6520) and renegotiation (RFC 5746) --------------------------------- */

/* cfg->heartbeat values (the HeartbeatMode we announce, RFC 6520 2). */
enum { TERN_HB_OFF = 0, TERN_HB_PEER_ALLOWED = 1, TERN_HB_PEER_NOT_ALLOWED = 2 };

/* Queues a HeartbeatRequest (random payload of cfg->heartbeat_payload
 * bytes, 16 random bytes of padding); it goes out with the next record
 * the engine can send. The response must come back within
 * cfg->heartbeat_timeout seconds (measured by the connection's time,
 * tern_conn_set_time, else the platform clock), else the connection fails
 * with TERN_ERR_HEARTBEAT_TIMEOUT. With cfg->heartbeat_interval the
 * engine also sends one on its own once the interval has passed since the
 * last one and none is in flight (checked whenever the connection is
 * used: any buffer call, tern_read, tern_write, tern_conn_poll).
 * Errors: TERN_ERR_UNSUPPORTED (heartbeat not negotiated, or the peer
 * announced peer_not_allowed_to_send), TERN_ERR_BAD_STATE (handshake not
 * done, or a request already in flight: RFC 6520 3 allows one), the
 * connection's sticky error. */
TERN_MUST_CHECK int tern_conn_heartbeat(tern_conn *c);

/* 1 when the heartbeat extension was negotiated and the peer lets us send
 * requests. */
int tern_conn_heartbeat_ok(const tern_conn *c);

/* 1 while our request is asked for or awaits its response. */
int tern_conn_heartbeat_pending(const tern_conn *c);

/* Starts a renegotiation (RFC 5746): needs cfg->renegotiation on this side
 * and a peer that signalled RFC 5746 support in the last handshake. A
 * client sends a new ClientHello under the current keys; a server sends
 * HelloRequest (the client may decline with a no_renegotiation warning:
 * the connection then goes on as before, tern_conn_renegotiating() turns
 * 0). Application data keeps flowing both ways during the renegotiation
 * (under the old keys until each side's ChangeCipherSpec); tern_read /
 * tern_write (or the sans-I/O buffers) move it along, and
 * tern_conn_renegotiating() tells when it is over.
 * cert_time: 0 = the new handshake checks certificates with the
 * connection's usual time; otherwise that time (seconds since 1970) is
 * used for them on this connection only, until the renegotiation ends,
 * and the previous tern_conn_set_time setting comes back then. The Mbed
 * Client seed passes the server time of the previous handshake here
 * (tern_conn_info.server_gmt_unix_time), or TERN_RENEG_SERVER_TIME to
 * have the client take it itself.
 * Errors: TERN_ERR_UNSUPPORTED (renegotiation not enabled, or the peer
 * did not signal RFC 5746 support), TERN_ERR_BAD_STATE (handshake not
 * done, a renegotiation already under way, connection closing),
 * TERN_ERR_BAD_ARG (TERN_RENEG_SERVER_TIME on a server, or without a
 * server time: 0 in the last ServerHello), the sticky error. */
#define TERN_RENEG_SERVER_TIME (-1)
TERN_MUST_CHECK int tern_conn_renegotiate(tern_conn *c, int64_t cert_time);

/* 1 while a renegotiation is asked for or under way. */
int tern_conn_renegotiating(const tern_conn *c);

/* Renegotiations completed on this connection. */
uint32_t tern_conn_renegotiations(const tern_conn *c);

/* Runs the connection's timers (heartbeat) and moves what can move: for
 * callers that are idle (neither reading nor writing). Returns the sticky
 * error or TERN_OK. */
TERN_MUST_CHECK int tern_conn_poll(tern_conn *c);

#ifdef __cplusplus
}
#endif

#endif /* TERN_ENGINE_H */
