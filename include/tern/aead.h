/*
 * Authenticated encryption behind a class: what the record layer uses for
 * every AEAD suite.
 *
 * Contexts follow the class-pointer-first convention of hash.h. A class
 * has a fixed key, nonce and tag length. `open` checks the tag in constant
 * time and, on failure, returns TERN_ERR_BAD_MAC and zeroes buf, so no
 * unauthenticated plaintext is ever released.
 *
 * tern_aead_ctx is storage large enough for any built-in AEAD context;
 * the engine keeps one per direction.
 */
#ifndef TERN_AEAD_H
#define TERN_AEAD_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"
#include "tern/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* tern_aead_class.flags */
#define TERN_AEAD_CONSTANT_TIME 0x01u

typedef struct tern_aead_class tern_aead_class;
struct tern_aead_class {
    const char *name;  /* "AES-128-GCM" */
    uint8_t key_len;   /* bytes */
    uint8_t nonce_len; /* bytes */
    uint8_t tag_len;   /* bytes */
    uint8_t flags;     /* TERN_AEAD_* */
    uint16_t ctx_size; /* sizeof the context struct, <= TERN_AEAD_CTX_MAX */
    /* Key setup: key is key_len bytes. */
    int (*init)(const tern_aead_class **ctx, const uint8_t *key);
    /* Encrypts len bytes of buf in place and writes tag_len bytes of tag. */
    int (*seal)(const tern_aead_class *const *ctx, const uint8_t *nonce, const uint8_t *aad,
                size_t aad_len, uint8_t *buf, size_t len, uint8_t *tag);
    /* Checks tag and decrypts in place: TERN_OK, or TERN_ERR_BAD_MAC with
     * buf zeroed. */
    int (*open)(const tern_aead_class *const *ctx, const uint8_t *nonce, const uint8_t *aad,
                size_t aad_len, uint8_t *buf, size_t len, const uint8_t *tag);
};

/* Bytes of storage in tern_aead_ctx. Every built-in class fits (checked
 * at compile time by the implementations). */
#define TERN_AEAD_CTX_MAX 1024

typedef union tern_aead_ctx {
    const tern_aead_class *vtable;
    uint64_t align_[TERN_AEAD_CTX_MAX / 8];
    unsigned char bytes[TERN_AEAD_CTX_MAX];
} tern_aead_ctx;

/* Wipes an AEAD context (key schedule) of its class's ctx_size. */
void tern_aead_wipe(const tern_aead_class **ctx);

#ifdef __cplusplus
}
#endif

#endif /* TERN_AEAD_H */
