/*
 * Message authentication: HMAC (RFC 2104) over any tern_hash_class, and a
 * small MAC class so that code that only knows "a MAC with a key" (the
 * record layer's CBC suites) can drive any of them.
 *
 * HMAC is constant-time with respect to the key and the data: it only
 * runs the hash, whose time depends on lengths alone. Key and message
 * lengths are public. Compare tags with tern_ct_memeq (never memcmp).
 *
 * The hash class's contexts must fit in tern_hash_ctx (true for every
 * built-in hash).
 *
 * Reuse per record: keying costs two hash blocks, so a caller that MACs
 * many messages with one key initialises a context once and copies it
 * (struct assignment, or memcpy of ctx_size bytes) before each message:
 *
 *     tern_hmac_ctx keyed, c;
 *     tern_hmac_init(&keyed, &tern_sha256_class, key, key_len);
 *     c = keyed;                       // per record
 *     tern_hmac_update(&c, hdr, 13);
 *     tern_hmac_update(&c, frag, frag_len);
 *     tern_hmac_out(&c, tag);          // c unchanged: can be read again
 *     tern_hmac_wipe(&c);
 *
 *   MAC class                 tag  hash
 *   tern_hmac_sha1_class       20  SHA-1 (legacy: TLS *_SHA suites;
 *                                  absent without TERN_CONFIG_SHA1)
 *   tern_hmac_sha256_class     32  SHA-256
 *   tern_hmac_sha384_class     48  SHA-384
 *   tern_hmac_sha512_class     64  SHA-512
 */
#ifndef TERN_MAC_H
#define TERN_MAC_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"
#include "tern/error.h"
#include "tern/hash.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- HMAC ---------------------------------------------------------------- */

/* An HMAC state: the inner hash already fed (K xor ipad), the outer hash
 * already fed (K xor opad). Holds key-derived secrets: wipe it. */
typedef struct tern_hmac_ctx {
    tern_hash_ctx inner;
    tern_hash_ctx outer;
} tern_hmac_ctx;

/* Keys ctx with key for hash h. Keys longer than h's block are hashed
 * first, shorter ones are zero-padded (RFC 2104 2). key may be NULL when
 * key_len is 0. */
void tern_hmac_init(tern_hmac_ctx *ctx, const tern_hash_class *h, const uint8_t *key,
                    size_t key_len);

/* Feeds len bytes of message (data may be NULL when len is 0). */
void tern_hmac_update(tern_hmac_ctx *ctx, const void *data, size_t len);

/* Writes the tag, tern_hmac_size(ctx) bytes, to out. ctx is left
 * unchanged: more data may follow, and a keyed ctx copied before update
 * can be reused per message. */
void tern_hmac_out(const tern_hmac_ctx *ctx, uint8_t *out);

/* The tag length (the hash's digest length). */
size_t tern_hmac_size(const tern_hmac_ctx *ctx);

/* Wipes ctx (key-derived state). */
void tern_hmac_wipe(tern_hmac_ctx *ctx);

/* One-shot: out = HMAC-H(key, data), digest_len bytes. */
void tern_hmac(const tern_hash_class *h, const uint8_t *key, size_t key_len, const void *data,
               size_t len, uint8_t *out);

/* ---- MAC class ------------------------------------------------------------- */

typedef struct tern_mac_class tern_mac_class;
struct tern_mac_class {
    const char *name;  /* "HMAC-SHA256" */
    uint8_t tag_len;   /* bytes written by out */
    uint16_t ctx_size; /* sizeof the context struct */
    /* Keys the context. TERN_OK, or TERN_ERR_BAD_LENGTH for a key length
     * the MAC cannot take (HMAC takes any). */
    int (*init)(const tern_mac_class **ctx, const uint8_t *key, size_t key_len);
    void (*update)(const tern_mac_class **ctx, const void *data, size_t len);
    /* Writes tag_len bytes; ctx is left unchanged. */
    void (*out)(const tern_mac_class *const *ctx, uint8_t *tag);
};

/* Context of the HMAC classes: the class pointer first, as for hashes.
 * Copyable by struct assignment or memcpy (no pointers but to classes).
 * Wipe with tern_wipe(ctx, sizeof(*ctx)) when done. */
typedef struct tern_hmac_class_ctx {
    const tern_mac_class *vtable;
    tern_hmac_ctx hmac;
} tern_hmac_class_ctx;

#if TERN_CONFIG_SHA1
extern const tern_mac_class tern_hmac_sha1_class;
#endif
extern const tern_mac_class tern_hmac_sha256_class;
extern const tern_mac_class tern_hmac_sha384_class;
extern const tern_mac_class tern_hmac_sha512_class;

#ifdef __cplusplus
}
#endif

#endif /* TERN_MAC_H */
