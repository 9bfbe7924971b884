/*
 * Internals of the seed-compatible API (include/api_tls.h): module state,
 * the static pools, and the helpers the interfaces share.
 *
 * src/compat uses only tern's public headers (DESIGN.md); this header is
 * its own and is not installed.
 *
 * Locking (User Guide 6.1: two mutexes):
 *   g_tls.mod_lock  module state, algorithm tables, connection pool
 *                   (allocation, lookup, the busy marks), buffer pool,
 *                   listening ports;
 *   g_tls.ses_lock  session pool, and the engine's server session cache
 *                   and ticket keys (which lock through ses_platform, a
 *                   platform whose mutex calls forward to ses_lock).
 * A connection is worked on outside both locks by the one task that
 * marked it busy (compat_conn_acquire); the engine is never called with a
 * lock held except tern_conn_set_session (a copy) under ses_lock.
 */
#ifndef TERN_COMPAT_INTERNAL_H
#define TERN_COMPAT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#define TERN_COMPAT_BUILD 1 /* see include/api_tls.h */
#include "api_tls.h"
#include "tern/aead.h"
#include "tern/engine.h"
#include "tern/error.h"
#include "tern/hash.h"
#include "tern/pk.h"
#include "tern/platform.h"
#include "tern/rand.h"
#include "tern/x509.h"

/* ---- options that need tern's own limits ------------------------------------ */

#if TLS_MAX_HOST_CERT > TERN_MAX_CREDENTIALS
#error "TLS_MAX_HOST_CERT exceeds TERN_MAX_CREDENTIALS (include/tern/engine.h)"
#endif

#if TLS_MAX_CIPHER_SUITES > TERN_MAX_SUITES
#error "TLS_MAX_CIPHER_SUITES exceeds TERN_MAX_SUITES (include/tern/engine.h)"
#endif

#if TLS_PEER_NAME_SIZE > TERN_MAX_HOSTNAME + 1
#error "TLS_PEER_NAME_SIZE exceeds TERN_MAX_HOSTNAME + 1 (include/tern/engine.h)"
#endif

#if RSA_KEY_MODULO_LEN * 8 > TERN_CONFIG_MAX_RSA_BITS
#error "RSA_KEY_MODULO_LEN exceeds what TERN_CONFIG_MAX_RSA_BITS builds (include/tern/config.h)"
#endif

#if TLS_DIGEST_PREFIX_LEN < 19
#error "TLS_DIGEST_PREFIX_LEN must hold a DigestInfo prefix (19 bytes for SHA-2, RFC 8017 9.2)"
#endif

#if TLS_HS_MSG_STORE_SIZE < 256 || TLS_HS_MSG_STORE_SIZE < TLS_MIN_KEY_EX_SIZE
#error "TLS_HS_MSG_STORE_SIZE must be at least 256 and at least TLS_MIN_KEY_EX_SIZE"
#endif

/* Certificates per host entry (leaf and intermediates). */
#define COMPAT_MAX_HOST_CHAIN 4

/* ---- module state -------------------------------------------------------------- */

enum { COMPAT_NONE = 0, COMPAT_INITED = 1, COMPAT_STARTED = 2 };

typedef struct compat_alg {
    const void *cls; /* tern_aead_class or (CBC ids) tern_block_class /
                        tern_hash_class / tern_sig_class */
    uint16_t alg_id;
} compat_alg;

/* A bulk alg_id of a CBC block cipher (TLS_BULK_ALG_*_CBC). */
#define COMPAT_BULK_IS_CBC(id) ((id) >= 0x8000U)

/* Connection kinds. */
enum { CONN_FREE = 0, CONN_SOCKET = 1, CONN_TCP = 2 };

/* Handshake progress of a pool entry. */
enum {
    HS_IDLE = 0,       /* made, handshake not started (native, no START flag) */
    HS_RUNNING = 1,    /* handshake in progress */
    HS_DONE = 2,       /* established */
    HS_FAILED = 3,     /* failed or closed: error says why */
    HS_CONNECTING = 4, /* native client: TCP connect in progress */
    HS_ACCEPTING = 5   /* native server: waiting for a TCP connection */
};

/* A queued send of the native interface (a pool buffer). */
typedef struct compat_txq {
    uint8_t *buf;
    uint16_t len;
    uint16_t off; /* bytes already given to the engine */
} compat_txq;

#define COMPAT_TXQ_LEN 4

/* A connection pool entry: the engine's memory and what the interfaces
 * know about it. */
struct t_tls_connection {
    /* tern_conn and its buffers; aligned to 16 at run time. */
    union {
        uint8_t bytes[TLS_CONN_MEM_SIZE + 16];
        uint64_t align_u64;
        void *align_ptr;
    } mem;
    /* Kept across reuse (compat_alloc clears from conn on): the handle
     * and ticket of the entry's previous native connection, for
     * tls_client_handshake_tcp's resume_hdl. */
    uint32_t last_hdl;
    t_tls_ticket last_ticket;
    tern_conn *conn;
    uint8_t kind;   /* CONN_* */
    uint8_t role;   /* TERN_CLIENT / TERN_SERVER */
    uint8_t busy;   /* a task is working on it (under mod_lock) */
    uint8_t hs;     /* HS_* */
    uint8_t verify; /* server: client certificate required */
    uint8_t lent;   /* a zero-copy receive is outstanding */
    uint16_t gen;   /* generation: part of the handle */
    int fd;
    int error;           /* t_tls_ret of the failure (hs == HS_FAILED) */
    t_tls_ticket ticket; /* session saved after a client handshake */
    t_tls_ticket resume; /* session to offer (client) */
    char peer_name[TLS_PEER_NAME_SIZE];
    size_t lent_len;

    /* native interface */
    t_ip_ntf *ntf;
    uint32_t flags;   /* TLS_TCP_CONN_INF_FLAG_* */
    uint32_t timeout; /* connect timeout, ms */
    uint64_t t0;      /* ms: connect / handshake start */
    uint8_t hs_timeout_sent;
    uint8_t data_ntf;   /* IP_NTF_TX_RDY given for the data now buffered */
    uint8_t closed_ntf; /* IP_NTF_CLOSED given */
    uint8_t port;       /* listening port index (server) */
    t_ip_port peer;
    compat_txq txq[COMPAT_TXQ_LEN];
};

/* A session pool entry (client tickets). */
struct t_tls_session {
    tern_session ses;
    uint64_t stamp; /* use order, 0 = empty */
    uint16_t gen;
};

/* A listening port of the native interface. */
typedef struct compat_port {
    int fd;
    uint8_t open;
    uint16_t gen;
    uint16_t port;
    uint16_t max_conn;
} compat_port;

typedef struct compat_state {
    int state; /* COMPAT_* */
    const tern_platform *platform;
    tern_mutex mod_lock;
    tern_mutex ses_lock;
    tern_platform ses_platform; /* forwards mutexes to ses_lock */

    compat_alg bulk[TLS_MAX_BULK_ALG_SIZE];
    compat_alg hash[TLS_MAX_HASH_ALG_SIZE];
    compat_alg sign[TLS_MAX_SIGN_ALG_SIZE];

    /* built by tls_start (compat_setup.c) */
    tern_config cfg_client;
    tern_config cfg_server;        /* no client certificate */
    tern_config cfg_server_verify; /* client certificate required */
    tern_trust_store *trust;
    uint64_t trust_mem[TERN_TRUST_STORE_SIZE(TLS_MAX_CA_CERT + TLS_MAX_RV_CERT) / 8 + 1];
    const uint8_t *host_chain[TLS_MAX_HOST_CERT][COMPAT_MAX_HOST_CHAIN];
    size_t host_lens[TLS_MAX_HOST_CERT][COMPAT_MAX_HOST_CHAIN];
    tern_privkey host_key[TLS_MAX_HOST_CERT];
    tern_session_cache cache;
    tern_session cache_slots[TLS_MAX_SES_SIZE];
    uint64_t cache_stamps[TLS_MAX_SES_SIZE];
    tern_ticket_keys ticket_keys;
    tern_hmac_drbg_ctx drbg; /* seeds the ticket keys */

    t_tls_session ses[TLS_MAX_SES_SIZE];
    uint64_t ses_clock;

    /* tern extension: pre-shared keys (tls_set_psk*, compat_psk.c); set
     * only before tls_start, read by handshakes after. */
    uint8_t psk_key[TERN_MAX_PSK];
    size_t psk_key_len;
    uint8_t psk_identity[TERN_MAX_PSK_IDENTITY];
    size_t psk_identity_len;
    uint8_t psk_hint[TERN_MAX_PSK_IDENTITY];
    size_t psk_hint_len;
    t_tls_psk_client_fn psk_client_fn;
    uint32_t psk_client_param;
    t_tls_psk_server_fn psk_server_fn;
    uint32_t psk_server_param;
} compat_state;

extern compat_state g_tls;
extern t_tls_connection g_tls_conn[TLS_MAX_CONN_SIZE];

/* ---- compat_errmap.c ---------------------------------------------------------------- */

/* The t_tls_ret for a tern error (include/tern/error.h gives the table);
 * in_handshake selects TLS_HS_ERR over TLS_IO_ERR for protocol errors. */
t_tls_ret compat_err(int err, int in_handshake);

/* ---- compat_module.c ------------------------------------------------------------------ */

void compat_lock(void);
void compat_unlock(void);

/* Returns call's result, run under the module mutex; TLS_INIT_ERR before
 * tls_init (the module must exist before its mutex can be taken). For the
 * setters that only touch module state. */
#define COMPAT_LOCKED(call)                                                                        \
    do {                                                                                           \
        t_tls_ret r_;                                                                              \
        if (g_tls.state == COMPAT_NONE) {                                                          \
            return TLS_INIT_ERR;                                                                   \
        }                                                                                          \
        compat_lock();                                                                             \
        r_ = (call);                                                                               \
        compat_unlock();                                                                           \
        return r_;                                                                                 \
    } while (0)
void compat_ses_lock(void);
void compat_ses_unlock(void);
/* Milliseconds from the platform's monotonic clock (0 if none). */
uint64_t compat_now_ms(void);
/* Sends a line to the platform's log at TERN_LOG_WARN. */
void compat_log(const char *msg);

/* ---- compat_register.c ---------------------------------------------------------------- */

/* Hands a CBC slot's class (TLS_BULK_ALG_*_CBC alg_id) to cfg: an
 * application block class through tern_config_set_block_class; tern's
 * own restores the engine's choice. TERN_OK or the setter's error. */
int compat_block_install(tern_config *cfg, uint16_t alg_id, const void *cls);

/* ---- compat_setup.c ------------------------------------------------------------------- */

/* Builds the configurations of tls_start. TLS_OK or TLS_INIT_ERR. */
t_tls_ret compat_setup(void);
/* Forgets them (keys, ticket keys, cache) at tls_stop. */
void compat_teardown(void);

/* ---- compat_psk.c --------------------------------------------------------------------- */

/* 1 if the module has a PSK for a client (key or client callback) /
 * for a server (key or server callback). */
int compat_psk_client(void);
int compat_psk_server(void);
/* Puts the module's PSK, hint and callbacks in cfg. TLS_OK or
 * TLS_INIT_ERR. */
t_tls_ret compat_psk_apply(tern_config *cfg);

/* ---- compat_suites.c ------------------------------------------------------------------ */

/* Fills cfg->suites: g_tls_arr_cipher_suite if it names any (each must be
 * usable, else TLS_INIT_ERR and a log line), else up to
 * TLS_MAX_CIPHER_SUITES usable suites (never 3DES or static RSA; PSK ones
 * only with a PSK), those whose key type is in key_types (bit
 * 1 << TERN_KEY_*) first. */
t_tls_ret compat_choose_suites(tern_config *cfg, unsigned key_types);
/* 1 if some suite of cfg authenticates with a certificate (not PSK). */
int compat_suites_need_certs(const tern_config *cfg);
/* Fills cfg->sig_schemes from the sign slots (none needed when no suite
 * of cfg uses certificates), filters cfg->groups. */
t_tls_ret compat_choose_schemes(tern_config *cfg);
/* 1 if cfg offers a scheme for keys of key_type. */
int compat_scheme_for_key(const tern_config *cfg, int key_type);

/* ---- compat_pool.c -------------------------------------------------------------------- */

/* Handle of an entry (index and generation). */
uint32_t compat_handle(const t_tls_connection *s);
/* The entry a handle names, or NULL. Call with mod_lock held. */
t_tls_connection *compat_by_handle(uint32_t hdl);
/* The socket-interface entry for fd, or NULL. Call with mod_lock held. */
t_tls_connection *compat_by_fd(int fd);
/* Takes a free entry and gives it kind; NULL when the pool is full. Call
 * with mod_lock held. */
t_tls_connection *compat_alloc(int kind);
/* Initialises the engine connection of an entry for role (server: with or
 * without client verification). TLS_OK or a t_tls_ret. */
t_tls_ret compat_conn_init(t_tls_connection *s, int role, int verify);
/* Wipes the engine connection and returns the entry to the pool. Call
 * with mod_lock held and the entry not busy. */
void compat_release(t_tls_connection *s);
/* Marks an entry busy; 0 if another task has it. Under mod_lock. */
int compat_acquire(t_tls_connection *s);
void compat_unacquire(t_tls_connection *s);

/* Sessions (client tickets). */
/* Saves the session of an established client connection; returns its
 * ticket or TLS_INVALID_CONN_TICKET. Takes ses_lock. */
t_tls_ticket compat_ses_save(t_tls_connection *s);
/* Offers the session of ticket t on the (not yet started) client
 * connection: 1 if offered, 0 if the ticket names nothing or a session
 * made with another server name. Takes ses_lock. */
int compat_ses_offer(tern_conn *c, t_tls_ticket t, const char *name);
/* Forgets every session (tls_stop). */
void compat_ses_clear(void);

/* ---- compat_conn.c --------------------------------------------------------------------- */

/* Checks a peer name for the pool: NULL and "" are fine, longer than
 * TLS_PEER_NAME_SIZE - 1 is not. */
int compat_name_ok(const char *name);
/* Checks run once the engine reports the handshake done: peer key size
 * (TLS_MIN/MAX_PUB_KEY_SIZE), the server's check of the client name;
 * saves the client's session. TLS_OK or the failure (the entry is then
 * failed). */
t_tls_ret compat_hs_finish(t_tls_connection *s);
/* Marks an entry failed with ret (keeps the first failure). */
void compat_fail(t_tls_connection *s, t_tls_ret ret);
/* Settles an outstanding zero-copy receive. */
void compat_settle_lent(t_tls_connection *s);
/* Reads records until decoded data waits in the engine (TERN_OK), or
 * TERN_ERR_WANT_*, or the connection's end or error. Consumes nothing. */
int compat_peek(tern_conn *c);
/* State of an entry as the guide reports it. */
t_tls_conn_status compat_state_of(const t_tls_connection *s);

/* ---- tls_tcp_buf.c (native interface) ---------------------------------------------------- */

#if TLS_TCPIP_IFC_ENABLE && TERN_CONFIG_PLATFORM_POSIX
/* Takes a buffer; NULL when none is free. Under mod_lock. */
uint8_t *compat_buf_take(void);
/* 1 if p is a pool buffer the application holds. Under mod_lock. */
int compat_buf_owned(const uint8_t *p);
/* Marks a held buffer as queued for sending (tern's again). */
void compat_buf_hold(uint8_t *p);
/* Returns a buffer and wakes a waiting notification. Under mod_lock. */
void compat_buf_give(uint8_t *p);
/* Frees every buffer, drops the waiting notifications and closes the
 * listening ports (tls_stop, under mod_lock). */
void compat_tcp_reset(void);
/* Queues ntf to be called once a buffer comes back. Under mod_lock. */
void compat_buf_queue(t_ip_ntf *ntf);
/* Calls the notifications that waited for a buffer, if one is free. Not
 * under mod_lock. */
void compat_buf_notify(void);
/* Closes a native entry's socket and releases its queued buffers (from
 * compat_release, under mod_lock). */
void compat_tcp_drop(t_tls_connection *s);

/* Notifications collected while an entry is busy, delivered after. */
typedef struct compat_ntfs {
    t_ip_ntf *ntf;
    uint32_t code[4];
    size_t n;
} compat_ntfs;
void compat_ntfs_add(compat_ntfs *q, uint32_t code);
void compat_ntfs_deliver(const compat_ntfs *q);

/* One non-blocking step of a busy native entry: connect, accept,
 * handshake, queued sends, incoming data, timers; notifications go to
 * q. */
void compat_tcp_step(t_tls_connection *s, compat_ntfs *q);
/* The port a handle names, or NULL (under mod_lock). */
compat_port *compat_port_by_handle(t_tcp_port_hdl hdl);
/* Accepts a waiting connection on port p: fd or -1. */
int compat_port_accept(compat_port *p, t_ip_port *peer);
extern compat_port g_tls_port[TLS_TCP_MAX_PORT];
#endif

#endif /* TERN_COMPAT_INTERNAL_H */
