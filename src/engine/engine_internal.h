/*
 * The connection object and the engine's internal functions.
 *
 * Implementation notes
 * --------------------
 * Memory. tern_conn_init carves the caller's block, 16-byte aligned:
 *
 *     [ struct tern_conn | aead x2 | psk | hb | th | in_buf | out_buf | hs_buf | chain_buf ]
 *
 *  aead      the two record protections' AEAD contexts (tern_prot_bind),
 *            each as large as the largest context of the configured
 *            suites.
 *  psk       a PSK key exchange's key and identity (hs.psk_buf), only
 *            when a configured suite is a usable PSK one.
 *  hb        the heartbeat codec's state (hbc.hb), only when
 *            cfg->heartbeat is on.
 *  th        the SHA-256 and SHA-384 transcript contexts (hs.th256,
 *            hs.th384), as large as the configured classes' contexts.
 *  in_buf    one incoming record: header + in_record_size + the largest
 *            protection overhead. Opened in place; application data is
 *            lent to the caller from here and no further record is read
 *            until it is consumed (in_pos == in_end).
 *  out_buf   one outgoing record: header + prefix + out_record_size +
 *            suffix. Plaintext is gathered at out_buf + 5 + prefix (the
 *            sendapp area or handshake bytes), then sealed in place and
 *            drained through sendrec_buf/ack.
 *  hs_buf    handshake scratch, one way at a time: an incoming message
 *            split across records is reassembled here (one that fits in
 *            its record is parsed in place in in_buf), or an outgoing
 *            message is built here, hashed, then cut into records (our
 *            Certificate is streamed from the credential if it does not
 *            fit). Its last hs_tail bytes hold a client's ticket (and
 *            the offered session's name until the ClientHello) and, below
 *            them, the peer's key until its signature is checked.
 *  chain_buf the peer's certificate_list (keep_peer_chain bytes).
 *
 * With cfg->shared_record_buffer, in_buf and out_buf are one area of the
 * larger size, used by one direction at a time (tern_in_busy /
 * tern_out_may_start / tern_in_may_fill). Record headers arrive in
 * in_hdr, so a header can be read while the area holds output; it is
 * copied to in_buf when the body starts.
 *
 * Output record states: EMPTY -> FILLING (plaintext being gathered, type
 * fixed) -> READY (sealed, out_off..out_len left to drain) -> EMPTY.
 *
 * Input record states: HEADER (want 5 bytes) -> BODY (want the fragment)
 * -> PLAIN (opened; in_pos..in_end left to consume) -> HEADER.
 *
 * Errors. tern_engine_fail() records the first fatal error (sticky),
 * drops any unsealed output, and queues the alert the error maps to; the
 * alert goes out after the record being drained, then nothing more.
 */
#ifndef TERN_ENGINE_INTERNAL_H
#define TERN_ENGINE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "handshake/handshake_internal.h"
#include "record/heartbeat_internal.h"
#include "record/record_internal.h"
#include "tern/engine.h"
#include "tern/rand.h"

enum { TERN_OUT_EMPTY = 0, TERN_OUT_FILLING = 1, TERN_OUT_READY = 2 };
enum { TERN_IN_HEADER = 0, TERN_IN_BODY = 1, TERN_IN_PLAIN = 2 };

/* c->flags */
#define TERN_CF_CLOSE_SENT 0x01u     /* our close_notify is queued or out */
#define TERN_CF_CLOSE_RECEIVED 0x02u /* the peer's close_notify arrived */
#define TERN_CF_EOF 0x04u            /* the transport ended */
#define TERN_CF_FAILED 0x08u         /* a fatal error happened */

/* Memory alignment of the carved areas. */
#define TERN_CONN_ALIGN 16u

/* Largest hs_buf / chain_buf (sizes and offsets in the connection are
 * 32-bit: a connection object is meant to be small). */
#define TERN_CONN_BUF_MAX 0x7fffffffu

/* What tern_conn_get_info reports, kept compact: the names live in
 * c->name and cfg->alpn. */
typedef struct tern_conn_results {
    uint16_t version;
    uint16_t suite;
    uint16_t group;
    uint16_t sig_scheme;
    uint8_t resumed;
    uint8_t ems;
    uint8_t etm; /* encrypt_then_mac (RFC 7366) */
    uint8_t peer_verified;
    uint8_t alpn; /* negotiated protocol: index into cfg->alpn + 1, 0 none */
    uint32_t server_gmt_unix_time;
} tern_conn_results;

/* A client's session without its variable parts: the ticket (and the
 * offered session's server name) sit at the end of hs_buf (hs_tail),
 * which the handshake does not otherwise use then; the name of a new
 * session is c->name. Keeps the fixed part of a connection small. */
typedef struct tern_conn_session {
    uint16_t version;
    uint16_t suite;
    uint8_t master_secret[48];
    uint8_t id[32];
    uint8_t id_len;
    uint8_t ems;
    int64_t created;
    uint32_t lifetime;
    uint16_t ticket_len; /* at hs_buf + hs_cap - hs_tail */
    uint16_t name_len;   /* offered session's name, after the ticket */
} tern_conn_session;

/* The ticket and the offered name in the tail of hs_buf. */
#define TERN_CONN_TICKET(c) ((c)->hs_buf + (c)->hs_cap - (c)->hs_tail)
#define TERN_CONN_OFFERED_NAME(c) (TERN_CONN_TICKET(c) + (c)->session.ticket_len)

/* Room a handshake message always keeps in hs_buf next to the tail (a
 * ticket that would leave less is not kept). */
#define TERN_HS_FRONT_MIN 256u

/* Heartbeat state of a connection (heartbeat_conn.c, ext/heartbeat.c). */
typedef struct tern_hb_conn {
    tern_hb *hb;        /* our request in flight (the codec's state): carved
                           only when cfg->heartbeat is on (conn.c), else
                           NULL, and then nothing is ever negotiated */
    uint8_t sent_ext;   /* client: we offered the extension */
    uint8_t negotiated; /* both hellos carried it */
    uint8_t may_send;   /* the peer announced peer_allowed_to_send */
    uint8_t want;       /* a request is asked for and not out yet */
    uint8_t clock;      /* `last` holds a time */
    int64_t last;       /* when our last request went out (at first: when
                           the handshake was seen done) */
} tern_hb_conn;

/* Renegotiation state of a connection (reneg.c, ext/renegotiation_info.c). */
typedef struct tern_reneg_conn {
    /* verify_data of the last Finished messages (RFC 5746 3.1) */
    uint8_t client_vd[TERN_FINISHED_LEN];
    uint8_t server_vd[TERN_FINISHED_LEN];
    uint8_t active;      /* a renegotiation handshake is under way */
    uint8_t want_hr;     /* server: HelloRequest to send */
    uint8_t hr_sent;     /* server: HelloRequest out, no ClientHello yet */
    uint8_t time_set;    /* c->now replaced for this renegotiation */
    uint16_t peer_count; /* renegotiations the peer started (accepted) */
    int64_t saved_now;   /* c->now to put back at its end */
    uint32_t count;      /* renegotiations completed */
} tern_reneg_conn;

struct tern_conn {
    const tern_config *cfg;
    uint8_t role;
    uint8_t flags;
    uint8_t last_alert_sent;
    uint8_t pending_level;
    uint8_t empty_count; /* consecutive empty records / ignored messages */
    int error;           /* sticky: first fatal error, or TERN_ERR_CLOSED */
    int last_alert;      /* -1 if none */
    int pending_alert;   /* alert to send once out_buf is free, -1 none */

    /* memory (pointers, then sizes: no padding between them) */
    uint8_t *in_buf;
    uint8_t *out_buf;
    uint8_t *hs_buf;
    uint8_t *chain_buf;
    uint32_t in_cap;
    uint32_t out_cap;
    uint32_t hs_cap;
    uint32_t chain_cap;
    uint32_t chain_len;   /* bytes kept: 3-byte length + DER, repeated */
    uint32_t chain_count; /* certificates kept */
    uint32_t peer_cert_count;
    /* High-water marks: bytes from the start of in_buf / out_buf that
     * may have been written (lent to the caller or filled by the
     * engine); tern_conn_free wipes that much, not the whole buffers. */
    uint32_t in_hw;
    uint32_t out_hw;

    /* record input */
    uint8_t in_hdr[TERN_RECORD_HEADER_LEN]; /* header of the record arriving */
    uint8_t shared;                         /* in_buf == out_buf (half duplex) */
    uint8_t in_state;
    uint8_t in_type;
    uint32_t in_have; /* bytes received of the current record */
    uint32_t in_need; /* bytes wanted in total for the current stage */
    uint32_t in_pos;  /* PLAIN: next unconsumed plaintext byte */
    uint32_t in_end;  /* PLAIN: end of the plaintext */
    tern_prot in_prot;
    uint64_t in_seq;
    uint32_t in_limit;      /* largest plaintext accepted (our buffer) */
    uint32_t in_limit_prot; /* ... in protected records (advertised RSL) */
    uint16_t in_version;    /* required record version, 0 = any 0x03xx */

    /* record output */
    uint8_t out_state;
    uint8_t out_type;
    uint32_t out_plain; /* FILLING: plaintext bytes gathered */
    uint32_t out_off;   /* READY: bytes drained */
    uint32_t out_len;   /* READY: record length */
    tern_prot out_prot;
    uint64_t out_seq;
    uint32_t out_limit; /* largest plaintext we put in a record */
    uint16_t out_version;

    /* randomness and time */
    tern_hash_drbg_ctx drbg; /* own generator unless cfg->rng is set */
    const tern_rng_class **rng;
    int64_t now; /* tern_conn_set_time, 0 = policy / platform clock */

    /* convenience I/O */
    tern_send_fn send;
    tern_recv_fn recv;
    void *io;
    int fd;

    /* client: the name to check (sent as SNI unless an IP literal);
     * server: the SNI received */
    char name[TERN_MAX_HOSTNAME + 1];
    uint8_t sni_sent;       /* client: name went out as SNI */
    uint8_t name_set;       /* client: tern_conn_set_hostname was called */
    uint8_t session_valid;  /* client: session holds a session */
    tern_conn_results info; /* results so far (tern_conn_get_info) */
    /* Bytes at the end of hs_buf that hold the client's session ticket
     * and then the name the offered session was made for (session.
     * ticket_len + session.name_len): handshake messages use the rest. */
    uint32_t hs_tail;
    tern_conn_session session; /* client: offered, then new */

    tern_hs hs;
    tern_hb_conn hbc;
    tern_reneg_conn rn;
};

/* The shared record buffer (cfg->shared_record_buffer) holds part of a
 * received record: body bytes, or plaintext not yet consumed. */
static inline int tern_in_busy(const tern_conn *c)
{
    return c->in_state == TERN_IN_PLAIN ||
           (c->in_state == TERN_IN_BODY && c->in_have > TERN_RECORD_HEADER_LEN);
}

/* Output may start using out_buf now (always, unless the buffer is
 * shared and input holds it). */
static inline int tern_out_may_start(const tern_conn *c)
{
    return !c->shared || !tern_in_busy(c);
}

/* Input may put body bytes into in_buf now. */
static inline int tern_in_may_fill(const tern_conn *c)
{
    return !c->shared || (c->out_state == TERN_OUT_EMPTY && c->pending_alert < 0);
}

/* Notes that out_buf may hold data up to byte end (tern_conn_free wipes
 * up to the highest such mark). Whatever writes plaintext into out_buf
 * calls it (or seals right after: tern_out_seal marks the record). */
static inline void tern_out_touch(tern_conn *c, size_t end)
{
    if (end > c->out_hw) {
        c->out_hw = end;
    }
}

/* ---- application classes (config_classes.c) ------------------------------------ */

/* The class the engine runs for an algorithm: the application's class
 * set in cfg (tern_config_set_*_class), else the built-in one. The
 * _find functions search the tables; the inline wrappers skip them when
 * no class is set, so the built-in path costs one test. */
const tern_aead_class *tern_cfg_aead_find(const tern_config *cfg, const tern_aead_class *builtin);
const tern_hash_class *tern_cfg_hash_find(const tern_config *cfg, const tern_hash_class *builtin);
const tern_sig_class *tern_cfg_sig_find(const tern_config *cfg, uint16_t scheme);
/* Block cipher replacing builtin (tern_suite_cbc_cipher) for a CBC suite
 * with key_len-byte keys; NULL for NULL. */
const tern_block_class *tern_cfg_block_find(const tern_config *cfg, const tern_block_class *builtin,
                                            size_t key_len);

/* The application class of scheme with its digest functions
 * (tern_config_set_sig_digest), or NULL: then the built-in digest
 * algorithm signs (tern_sig_sign_digest). */
const tern_sig_class *tern_cfg_sig_digest(const tern_config *cfg, uint16_t scheme,
                                          tern_sig_sign_digest_fn *sign,
                                          tern_sig_verify_digest_fn *verify);

/* AEAD replacing builtin (a suite's or the ticket AEAD). */
static inline const tern_aead_class *tern_cfg_aead(const tern_config *cfg,
                                                   const tern_aead_class *builtin)
{
    return cfg->classes_set ? tern_cfg_aead_find(cfg, builtin) : builtin;
}

/* Hash replacing builtin (SHA-256 / SHA-384; others pass through). */
static inline const tern_hash_class *tern_cfg_hash(const tern_config *cfg,
                                                   const tern_hash_class *builtin)
{
    return cfg->classes_set ? tern_cfg_hash_find(cfg, builtin) : builtin;
}

/* Block cipher of a CBC suite (builtin: tern_suite_cbc_cipher). */
static inline const tern_block_class *
tern_cfg_block(const tern_config *cfg, const tern_block_class *builtin, size_t key_len)
{
    return cfg->classes_set ? tern_cfg_block_find(cfg, builtin, key_len) : builtin;
}

/* Signature class of a scheme, or NULL (unknown or compiled out). */
static inline const tern_sig_class *tern_cfg_sig(const tern_config *cfg, uint16_t scheme)
{
    return cfg->classes_set ? tern_cfg_sig_find(cfg, scheme) : tern_sig_by_scheme(scheme);
}

/* ---- engine.c ----------------------------------------------------------------- */

/* Records the first fatal error and queues its alert (alert_map.c).
 * Returns err. */
int tern_engine_fail(tern_conn *c, int err);

/* Moves everything that can move without I/O: handshake output, input
 * processing, queued alerts. */
void tern_engine_pump(tern_conn *c);

/* Feeds len more bytes just written into in_buf at in_have (the
 * recvrec_ack step): checks a completed header, opens a completed
 * record. */
TERN_MUST_CHECK int tern_engine_record_in(tern_conn *c, size_t len);

/* Queues an alert record (level, description). */
void tern_engine_queue_alert(tern_conn *c, uint8_t level, uint8_t desc);

/* Random bytes from the connection's generator. */
TERN_MUST_CHECK int tern_engine_random(tern_conn *c, uint8_t *out, size_t len);

/* Time for certificate and session checks: the override, else the
 * platform clock. TERN_ERR_NO_TIME when neither is known. */
TERN_MUST_CHECK int tern_engine_time(const tern_conn *c, int64_t *now);

/* Applies negotiated record limits (after ServerHello). */
void tern_engine_set_limits(tern_conn *c);

/* ---- output records (out.c) ------------------------------------------------- */

/* Appends handshake (or other) bytes of content type `type` to the
 * current output record, starting/sealing records as needed. *used is
 * the number of bytes taken (less than len when the output is full). */
TERN_MUST_CHECK int tern_out_append(tern_conn *c, uint8_t type, const uint8_t *data, size_t len,
                                    size_t *used);
/* Seals a FILLING record (no-op otherwise). */
TERN_MUST_CHECK int tern_out_seal(tern_conn *c);
/* 1 when a sealed record is waiting to drain. */
int tern_out_busy(const tern_conn *c);

/* ---- alert_map.c --------------------------------------------------------------- */

/* The alert (RFC 5246 7.2) that reports err to the peer, or -1 for codes
 * that send none (closed, transport, received alerts). */
int tern_alert_for_error(int err);

/* ---- heartbeat (heartbeat_conn.c) ----------------------------------------------- */

/* A heartbeat record is PLAIN in in_buf: answers, matches or discards it
 * (RFC 6520 4) and consumes it, or waits (nothing consumed) while a
 * response would need the output record. unexpected_message when the
 * extension was not negotiated. */
TERN_MUST_CHECK int tern_hb_conn_record(tern_conn *c, int *progress);

/* Heartbeat timers and our pending request (from the pump): sends the
 * request when the output record is free; TERN_ERR_HEARTBEAT_TIMEOUT
 * when the response is overdue. */
TERN_MUST_CHECK int tern_hb_conn_tick(tern_conn *c, int *progress);

/* ---- renegotiation (reneg.c) ------------------------------------------------- */

/* Application data may flow: after the handshake, and during a
 * renegotiation while we are not writing our flight (under the old keys
 * until our ChangeCipherSpec, RFC 5246 7.1). */
int tern_reneg_app_open(const tern_conn *c);

/* 1 when a renegotiation could start now: enabled, the handshake done,
 * the peer signalled RFC 5746 support, nothing closed. */
int tern_reneg_allowed(const tern_conn *c);

/* 1 when a renegotiation the peer asks for may start now: allowed, and
 * the peer has not used up cfg->renegotiation_peer_max (a server's
 * ClientHello answering its own HelloRequest is not the peer's). */
int tern_reneg_peer_allowed(const tern_conn *c);

/* Resets the handshake state for a new handshake under the current keys
 * (the client then writes its ClientHello; the server expects one). */
TERN_MUST_CHECK int tern_reneg_begin(tern_conn *c);

/* Client: a HelloRequest arrived after the handshake: renegotiates when
 * allowed, else queues a no_renegotiation warning (RFC 5246 7.4.1.1). */
TERN_MUST_CHECK int tern_reneg_hello_request(tern_conn *c);

/* A no_renegotiation warning arrived: 1 when it answers a renegotiation
 * we asked for (which is then given up; the connection goes on), 0 when
 * it is unexpected. */
int tern_reneg_refused(tern_conn *c);

/* End of a handshake: a renegotiation is over (time override put back). */
void tern_reneg_done(tern_conn *c);

/* Keeps the verify_data of a Finished (sender: TERN_CLIENT/TERN_SERVER). */
void tern_reneg_save_vd(tern_conn *c, int sender, const uint8_t vd[TERN_FINISHED_LEN]);

/* Server: sends a requested HelloRequest once the output record is free. */
TERN_MUST_CHECK int tern_reneg_tick(tern_conn *c, int *progress);

/* renegotiation_info in the hellos (ext/renegotiation_info.c, RFC 5746
 * 3.4-3.7): empty on an initial handshake, the saved verify_data on a
 * renegotiation, compared in constant time (handshake_failure on any
 * mismatch). */
TERN_MUST_CHECK int tern_reneg_ext_write(tern_conn *c, tern_writer *w);
TERN_MUST_CHECK int tern_reneg_ext_client_read(tern_conn *c, const tern_exts *x);
TERN_MUST_CHECK int tern_reneg_ext_server_read(tern_conn *c, const uint8_t *suites,
                                               size_t suites_len, const tern_exts *x);

/* ---- trace -------------------------------------------------------------------- */

void tern_engine_trace(const tern_conn *c, int dir, int ctype, int hs_type, const uint8_t *msg,
                       size_t len);

#endif /* TERN_ENGINE_INTERNAL_H */
