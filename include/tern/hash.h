/*
 * Hash functions behind a class (the seed's "hash algorithm" handles).
 *
 * A hash context is a struct whose first field is a pointer to its class;
 * every class function takes the address of that field
 * (`const tern_hash_class **`), so code that only knows the class can drive
 * any context:
 *
 *     tern_sha256_ctx c;
 *     tern_sha256_init(&c);
 *     c.vtable->update(&c.vtable, data, len);
 *     c.vtable->out(&c.vtable, digest);      // does not modify c
 *
 * `out` is non-destructive, so a running transcript hash can be read at
 * any point and then continued. Contexts hold no pointers besides the
 * class pointer: copying a context with memcpy (ctx_size bytes) or by
 * struct assignment snapshots the state.
 *
 * Implementations (all constant-time with respect to the data; lengths
 * are public):
 *
 *   class                 id  digest block  notes
 *   tern_md5_class         1    16    64    legacy: TLS 1.0/1.1 PRF only
 *   tern_sha1_class        2    20    64    legacy: HMAC-SHA1 suites, old
 *                                           signatures (rejected by policy)
 *   tern_sha224_class      3    28    64
 *   tern_sha256_class      4    32    64
 *   tern_sha384_class      5    48   128
 *   tern_sha512_class      6    64   128
 *
 * Ids are the TLS HashAlgorithm values (RFC 5246 7.4.1.4.1).
 */
#ifndef TERN_HASH_H
#define TERN_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    TERN_HASH_MD5 = 1,
    TERN_HASH_SHA1 = 2,
    TERN_HASH_SHA224 = 3,
    TERN_HASH_SHA256 = 4,
    TERN_HASH_SHA384 = 5,
    TERN_HASH_SHA512 = 6
};

#define TERN_HASH_MAX_DIGEST 64
#define TERN_HASH_MAX_BLOCK 128

typedef struct tern_hash_class tern_hash_class;
struct tern_hash_class {
    const char *name;   /* "SHA-256" */
    uint8_t id;         /* TERN_HASH_* */
    uint8_t digest_len; /* bytes */
    uint8_t block_len;  /* bytes */
    uint16_t ctx_size;  /* sizeof the context struct */
    void (*init)(const tern_hash_class **ctx);
    void (*update)(const tern_hash_class **ctx, const void *data, size_t len);
    /* Writes digest_len bytes; ctx is left unchanged. */
    void (*out)(const tern_hash_class *const *ctx, uint8_t *digest);
};

typedef struct tern_md5_ctx {
    const tern_hash_class *vtable;
    uint32_t state[4];
    uint64_t count; /* bytes hashed */
    uint8_t buf[64];
} tern_md5_ctx;

typedef struct tern_sha1_ctx {
    const tern_hash_class *vtable;
    uint32_t state[5];
    uint64_t count;
    uint8_t buf[64];
} tern_sha1_ctx;

/* SHA-224 and SHA-256 */
typedef struct tern_sha256_ctx {
    const tern_hash_class *vtable;
    uint32_t state[8];
    uint64_t count;
    uint8_t buf[64];
} tern_sha256_ctx;

/* SHA-384 and SHA-512 */
typedef struct tern_sha512_ctx {
    const tern_hash_class *vtable;
    uint64_t state[8];
    uint64_t count; /* bytes; messages are far below 2^64 bytes */
    uint8_t buf[128];
} tern_sha512_ctx;

/* Large enough for any built-in hash context. */
typedef union tern_hash_ctx {
    const tern_hash_class *vtable;
    tern_md5_ctx md5;
    tern_sha1_ctx sha1;
    tern_sha256_ctx sha256;
    tern_sha512_ctx sha512;
} tern_hash_ctx;

extern const tern_hash_class tern_md5_class;
extern const tern_hash_class tern_sha1_class;
extern const tern_hash_class tern_sha224_class;
extern const tern_hash_class tern_sha256_class;
extern const tern_hash_class tern_sha384_class;
extern const tern_hash_class tern_sha512_class;

/* Direct calls (same behaviour as the class functions). */
void tern_md5_init(tern_md5_ctx *ctx);
void tern_md5_update(tern_md5_ctx *ctx, const void *data, size_t len);
void tern_md5_out(const tern_md5_ctx *ctx, uint8_t digest[16]);
void tern_sha1_init(tern_sha1_ctx *ctx);
void tern_sha1_update(tern_sha1_ctx *ctx, const void *data, size_t len);
void tern_sha1_out(const tern_sha1_ctx *ctx, uint8_t digest[20]);
void tern_sha224_init(tern_sha256_ctx *ctx);
void tern_sha224_out(const tern_sha256_ctx *ctx, uint8_t digest[28]);
void tern_sha256_init(tern_sha256_ctx *ctx);
void tern_sha256_update(tern_sha256_ctx *ctx, const void *data, size_t len);
void tern_sha256_out(const tern_sha256_ctx *ctx, uint8_t digest[32]);
void tern_sha384_init(tern_sha512_ctx *ctx);
void tern_sha384_out(const tern_sha512_ctx *ctx, uint8_t digest[48]);
void tern_sha512_init(tern_sha512_ctx *ctx);
void tern_sha512_update(tern_sha512_ctx *ctx, const void *data, size_t len);
void tern_sha512_out(const tern_sha512_ctx *ctx, uint8_t digest[64]);

/* Initialises ctx (any context at least cls->ctx_size bytes, e.g. a
 * tern_hash_ctx) for class cls. */
void tern_hash_init(tern_hash_ctx *ctx, const tern_hash_class *cls);

/* One-shot: out = H(data). The state lives in a tern_hash_ctx on the
 * stack, so cls->ctx_size must not exceed sizeof(tern_hash_ctx) (true for
 * every built-in class); the state is wiped before return. */
void tern_hash(const tern_hash_class *cls, const void *data, size_t len, uint8_t *out);

/* The built-in class with TLS HashAlgorithm id, or NULL (unknown or
 * compiled out). */
const tern_hash_class *tern_hash_by_id(int id);

#ifdef __cplusplus
}
#endif

#endif /* TERN_HASH_H */
