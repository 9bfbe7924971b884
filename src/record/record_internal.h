/*
 * Record layer: framing (header, sequence numbers, limits) kept apart from
 * protection (what turns plaintext into a protected fragment and back).
 *
 * Implementation notes
 * --------------------
 * A protection is an object: a `tern_prot` holds the keys and the class
 * that knows how to seal and open one fragment. Framing hands it the
 * 64-bit sequence value, the content type and the version for the
 * additional data, and a fragment buffer laid out as
 *
 *     [ prefix | plaintext | suffix ]
 *
 * where prefix is the explicit nonce (AES-GCM/CCM in TLS 1.2) and suffix
 * the tag. Both lengths are fixed per protection, so framing can reserve
 * them before the plaintext is known and seal in place. The null
 * protection has empty prefix and suffix.
 *
 * Later versions slot in beside these without touching framing:
 *  - TLS 1.3: a protection whose suffix also holds the inner content type
 *    (and whose open() reports the inner type through *type);
 *  - DTLS 1.2: framing passes epoch << 48 | seq as the sequence value,
 *    which makes the same AEAD protection produce the DTLS nonce and AAD
 *    (RFC 6347 4.1.2.1, 4.1.2.3).
 *
 * Framing (tern_rec_in / tern_rec_out) is the TLS stream framing: a 5-byte
 * header, then the fragment. The engine asks for exactly the bytes it
 * still needs, so the input buffer never holds more than one record.
 */
#ifndef TERN_RECORD_INTERNAL_H
#define TERN_RECORD_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "tern/aead.h"
#include "tern/error.h"

/* ---- protocol constants (RFC 5246 6.2.1, 7.2) --------------------------- */

enum {
    TERN_CT_CHANGE_CIPHER_SPEC = 20,
    TERN_CT_ALERT = 21,
    TERN_CT_HANDSHAKE = 22,
    TERN_CT_APPLICATION_DATA = 23
};

enum { TERN_ALERT_WARNING = 1, TERN_ALERT_FATAL = 2 };

enum {
    TERN_ALERT_CLOSE_NOTIFY = 0,
    TERN_ALERT_UNEXPECTED_MESSAGE = 10,
    TERN_ALERT_BAD_RECORD_MAC = 20,
    TERN_ALERT_RECORD_OVERFLOW = 22,
    TERN_ALERT_HANDSHAKE_FAILURE = 40,
    TERN_ALERT_BAD_CERTIFICATE = 42,
    TERN_ALERT_UNSUPPORTED_CERTIFICATE = 43,
    TERN_ALERT_CERTIFICATE_REVOKED = 44,
    TERN_ALERT_CERTIFICATE_EXPIRED = 45,
    TERN_ALERT_CERTIFICATE_UNKNOWN = 46,
    TERN_ALERT_ILLEGAL_PARAMETER = 47,
    TERN_ALERT_UNKNOWN_CA = 48,
    TERN_ALERT_ACCESS_DENIED = 49,
    TERN_ALERT_DECODE_ERROR = 50,
    TERN_ALERT_DECRYPT_ERROR = 51,
    TERN_ALERT_PROTOCOL_VERSION = 70,
    TERN_ALERT_INSUFFICIENT_SECURITY = 71,
    TERN_ALERT_INTERNAL_ERROR = 80,
    TERN_ALERT_INAPPROPRIATE_FALLBACK = 86,
    TERN_ALERT_USER_CANCELED = 90,
    TERN_ALERT_NO_RENEGOTIATION = 100,
    TERN_ALERT_MISSING_EXTENSION = 109,
    TERN_ALERT_UNSUPPORTED_EXTENSION = 110,
    TERN_ALERT_UNRECOGNIZED_NAME = 112,
    TERN_ALERT_UNKNOWN_PSK_IDENTITY = 115, /* RFC 4279 2 */
    TERN_ALERT_NO_APPLICATION_PROTOCOL = 120
};

/* TLS record header: type(1) version(2) length(2). */
#define TERN_RECORD_HEADER_LEN 5
/* Largest TLSPlaintext.fragment (RFC 5246 6.2.1). */
#define TERN_RECORD_MAX_PLAIN 16384u
/* Largest prefix + suffix of any protection built here (TLS 1.2 AEAD:
 * 8-byte explicit nonce + 16-byte tag). CBC suites, when added, raise it
 * (IV + MAC + up to 256 bytes of padding). */
#define TERN_RECORD_MAX_PREFIX 8u
#define TERN_RECORD_MAX_SUFFIX 16u
#define TERN_RECORD_MAX_OVERHEAD (TERN_RECORD_MAX_PREFIX + TERN_RECORD_MAX_SUFFIX)

/* ---- protections ---------------------------------------------------------- */

typedef struct tern_prot tern_prot;
typedef struct tern_prot_class tern_prot_class;

struct tern_prot_class {
    const char *name;
    /* Seals plain_len bytes of plaintext at frag + p->prefix in place:
     * writes the prefix and the suffix; *frag_len = prefix + plain_len +
     * suffix. The caller reserved the room. */
    int (*seal)(tern_prot *p, uint64_t seq, uint8_t type, uint16_t version, uint8_t *frag,
                size_t plain_len, size_t *frag_len);
    /* Opens frag_len bytes at frag in place. On success the plaintext is
     * at frag + *plain_off, *plain_len bytes; *type may be changed by
     * protections that hide the content type (TLS 1.3). Errors:
     * TERN_ERR_BAD_RECORD_MAC (authentication failed or the fragment is
     * too short to hold prefix and suffix). */
    int (*open)(tern_prot *p, uint64_t seq, uint8_t *type, uint16_t version, uint8_t *frag,
                size_t frag_len, size_t *plain_off, size_t *plain_len);
};

struct tern_prot {
    const tern_prot_class *cls;
    uint8_t active; /* 0 for the null protection */
    uint8_t prefix; /* bytes before the plaintext */
    uint8_t suffix; /* bytes after the plaintext */
    uint8_t iv_len; /* 4 (GCM/CCM salt) or 12 (ChaCha20-Poly1305) */
    uint8_t iv[12];
    /* The keyed AEAD context, in storage the owner provides
     * (tern_prot_bind) so that it is sized for the classes in use
     * rather than for the largest one; NULL / 0 when none is bound. */
    const tern_aead_class **aead;
    size_t aead_cap;
};

/* The null protection (TLS_NULL_WITH_NULL_NULL: before the first
 * ChangeCipherSpec). Starts with no AEAD storage bound. */
void tern_prot_null_init(tern_prot *p);

/* Binds cap bytes at ctx (aligned for a uint64_t) as the storage of the
 * AEAD context; the binding survives tern_prot_wipe. */
void tern_prot_bind(tern_prot *p, void *ctx, size_t cap);

/* TLS 1.2 AEAD protection (RFC 5246 6.2.3.3):
 *  - explicit_len 8: AES-GCM (RFC 5288 3) and AES-CCM (RFC 6655 3): the
 *    nonce is the 4-byte implicit salt || the 8-byte explicit part, which
 *    is sent in front of the ciphertext; we send the sequence number;
 *  - explicit_len 0: ChaCha20-Poly1305 (RFC 7905 2): the nonce is the
 *    12-byte IV XOR the sequence number (left-padded), nothing is sent.
 * The additional data is seq_num(8) || type || version || plain length.
 * key is aead->key_len bytes, iv is 4 (explicit_len 8) or 12 bytes.
 * Errors: TERN_ERR_BAD_ARG (lengths, or a context larger than the bound
 * storage), TERN_ERR_BAD_KEY (the class's init failed). */
TERN_MUST_CHECK int tern_prot_aead12_init(tern_prot *p, const tern_aead_class *aead,
                                          const uint8_t *key, const uint8_t *iv, size_t iv_len,
                                          size_t explicit_len);

/* Wipes keys (the whole bound storage) and returns p to the null
 * protection. */
void tern_prot_wipe(tern_prot *p);

/* ---- framing --------------------------------------------------------------- */

/* What the header check needs to know. */
typedef struct tern_rec_limits {
    size_t plain_max;  /* largest plaintext accepted in this record */
    uint16_t version;  /* required version, or 0: any 0x03xx */
    uint8_t heartbeat; /* 1: content type 24 is known (RFC 6520 negotiated) */
} tern_rec_limits;

/* Checks a received record header (RFC 5246 6.2.1, 6.2.3): known content
 * type, version major 3 (and exact version when limits->version is set),
 * fragment length within the plaintext limit plus the protection's
 * overhead. Sets *type and *frag_len.
 * Errors: TERN_ERR_UNEXPECTED_MESSAGE (unknown content type),
 * TERN_ERR_PROTOCOL_VERSION, TERN_ERR_RECORD_OVERFLOW. */
TERN_MUST_CHECK int tern_rec_header_check(const uint8_t hdr[TERN_RECORD_HEADER_LEN],
                                          const tern_prot *prot, const tern_rec_limits *limits,
                                          uint8_t *type, size_t *frag_len);

/* Writes a record header. */
void tern_rec_header_write(uint8_t hdr[TERN_RECORD_HEADER_LEN], uint8_t type, uint16_t version,
                           size_t frag_len);

/* Seals the plaintext of a record being built in rec (header at rec[0],
 * plaintext at rec + 5 + prot->prefix, plain_len bytes) with sequence
 * number *seq, writes the header and increments *seq. *rec_len is the
 * whole record length. Fails with TERN_ERR_INTERNAL before the sequence
 * number would wrap (RFC 5246 6.1: it must not). */
TERN_MUST_CHECK int tern_rec_seal(tern_prot *prot, uint64_t *seq, uint8_t type, uint16_t version,
                                  uint8_t *rec, size_t plain_len, size_t *rec_len);

/* Opens a whole received record (header already checked) in place with
 * sequence number *seq and increments it. On success the plaintext is at
 * rec + *plain_off, *plain_len bytes. */
TERN_MUST_CHECK int tern_rec_open(tern_prot *prot, uint64_t *seq, uint8_t *type, uint8_t *rec,
                                  size_t rec_len, size_t *plain_off, size_t *plain_len);

/* ==== additions by wip/cbc: CBC record protections ========================
 *
 * TLS 1.2 / 1.1 CBC (RFC 5246 6.2.3.2, RFC 4346 6.2.3.2), encrypt-then-MAC
 * (RFC 7366) and, with TERN_CONFIG_TLS10, TLS 1.0 (RFC 2246 6.2.3.2).
 * Implemented in src/record/prot_cbc*.c; the constant-time pieces are in
 * src/record/cbc_*.c (see cbc_internal.h).
 *
 * A CBC protection is a plain tern_prot whose bound storage
 * (tern_prot_bind) holds all of its state: the keyed HMAC, the block
 * cipher context, the TLS 1.0 IV chain. The owner binds at least
 * tern_prot_cbc_ctx_size(cipher) bytes (as for an AEAD class's
 * ctx_size), and tern_prot_wipe wipes every key with the storage. The
 * storage then does not start with an AEAD class pointer: only the
 * protection's class functions look into it.
 *
 * Layout of a fragment (framing's prefix | plaintext | suffix):
 *   MAC-then-encrypt  IV | ENC(plaintext | MAC | padding)
 *   encrypt-then-MAC  IV | ENC(plaintext | padding) | MAC
 * prefix is the explicit IV (block length; 0 in TLS 1.0), suffix the
 * largest that seal adds after the plaintext: MAC + one block of padding
 * (seal pads minimally). A peer may pad with up to 256 bytes, so the
 * header check on the receiving side must allow
 * tern_prot_cbc_in_expansion() bytes beyond the plaintext limit, more
 * than prefix + suffix (which, as uint8_t, cannot say it).
 */
#include "tern/cipher.h"
#include "tern/hash.h"
#include "tern/mac.h"
#include "tern/rand.h"

/* tern_prot_cbc_init flags: encrypt-then-MAC (RFC 7366); the TLS 1.0
 * implicit IV (TERN_CONFIG_TLS10); with TLS10, on the write side, 1/n-1
 * splitting of application data by tern_rec_seal_split. */
#define TERN_PROT_CBC_ETM 0x01u
#define TERN_PROT_CBC_TLS10 0x02u
#define TERN_PROT_CBC_SPLIT 0x04u

/* Largest prefix and suffix a CBC protection asks framing to reserve
 * (prefix: 16-byte IV, or 4 + 64 for a splitting TLS 1.0 protection;
 * suffix: 48-byte MAC + 16 bytes of padding), and the largest expansion a
 * peer's record may carry (IV + MAC + 256 bytes of padding). */
#define TERN_RECORD_CBC_MAX_PREFIX 68u
#define TERN_RECORD_CBC_MAX_SUFFIX 64u
#define TERN_RECORD_CBC_MAX_IN_EXPANSION (16u + 48u + 256u)

/* Keys of one direction, from the key block (RFC 5246 6.3). */
typedef struct tern_prot_cbc_keys {
    const tern_block_class *cipher; /* tern_aes_get() or &tern_des3_class */
    const uint8_t *enc_key;         /* enc_key_len bytes: 16, 32 (AES), 24 (3DES) */
    size_t enc_key_len;
    const tern_hash_class *mac_hash; /* SHA-1, SHA-256 or SHA-384 */
    const uint8_t *mac_key;          /* mac_key_len == digest length */
    size_t mac_key_len;
    const uint8_t *iv; /* TLS 1.0 only: the key block's IV (block length);
                        * NULL otherwise */
} tern_prot_cbc_keys;

/* Bytes of bound storage a CBC protection over cipher needs (a multiple
 * of 8). */
size_t tern_prot_cbc_ctx_size(const tern_block_class *cipher);

/* Keys p as a CBC protection. p must have storage bound (tern_prot_bind)
 * of at least tern_prot_cbc_ctx_size(keys->cipher) bytes. flags:
 * TERN_PROT_CBC_*. rng gives the explicit per-record IVs (TLS 1.1 and
 * later; RFC 5246 6.2.3.2 (2)(a)) and is kept by pointer: it must outlive
 * p; NULL with TERN_PROT_CBC_TLS10. Whatever p held before is wiped first.
 * Errors: TERN_ERR_BAD_ARG (no or too little bound storage, a block length
 * other than 8 or 16, a MAC hash other than SHA-1/256/384, a MAC key
 * length other than its digest length, a missing key, IV or rng, unknown
 * flags, SPLIT without TLS10), TERN_ERR_UNSUPPORTED (TLS10 or ETM compiled
 * out): p is left as it was; the cipher's init error, e.g.
 * TERN_ERR_BAD_LENGTH for its key length: p is then the null protection,
 * its storage still bound. */
TERN_MUST_CHECK int tern_prot_cbc_init(tern_prot *p, const tern_prot_cbc_keys *keys, unsigned flags,
                                       const tern_rng_class **rng);

/* 1 if p is a CBC protection (keyed by tern_prot_cbc_init). */
int tern_prot_is_cbc(const tern_prot *p);

/* For a CBC protection p: the most a received fragment may exceed its
 * plaintext, IV + MAC + 256 bytes of padding (RFC 5246 6.2.3.2 allows any
 * padding up to 255 bytes plus the length byte); for the header check.
 * For any other protection: prefix + suffix. */
size_t tern_prot_cbc_in_expansion(const tern_prot *p);

#if TERN_CONFIG_TLS10
/* Seals as tern_rec_seal, except that when prot is a TLS 1.0 protection
 * with TERN_PROT_CBC_SPLIT and this is application data of 2 or more
 * bytes, it writes two records: the first byte, then the rest (1/n-1
 * splitting: the IV of the second record, the first one's last ciphertext
 * block, is then unknown to an attacker who chose the plaintext; BEAST,
 * CVE-2011-3389). The plaintext is at rec + 5 + prot->prefix as always,
 * and the caller reserved prot->prefix + plain_len + prot->suffix bytes
 * after the header, which hold both records. *seq advances by the number
 * of records; *rec_len covers both. Other protections: tern_rec_seal. */
TERN_MUST_CHECK int tern_rec_seal_split(tern_prot *prot, uint64_t *seq, uint8_t type,
                                        uint16_t version, uint8_t *rec, size_t plain_len,
                                        size_t *rec_len);
#endif

/* ==== end of wip/cbc additions ============================================ */

#endif /* TERN_RECORD_INTERNAL_H */
