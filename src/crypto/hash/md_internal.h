/*
 * Shared Merkle-Damgard plumbing for the built-in hashes (MD5, SHA-1,
 * SHA-2): buffering of partial blocks and the final padding. Each hash
 * supplies only its compression function, so the buffering code exists
 * once in the image however many hashes are linked.
 */
#ifndef TERN_MD_INTERNAL_H
#define TERN_MD_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Processes nblocks whole blocks at p into state (the hash's own state
 * array, uint32_t[] or uint64_t[]). */
typedef void (*tern_md_compress_fn)(void *state, const uint8_t *p, size_t nblocks);

/* Absorbs len bytes: fills the partial block buf (block_len bytes, of which
 * *count % block_len are in use), compresses whole blocks straight from
 * data, keeps the tail in buf and adds len to *count. block_len is 64 or
 * 128. data may be NULL when len is 0. */
void tern_md_update(void *state, uint8_t *buf, size_t block_len, uint64_t *count,
                    tern_md_compress_fn compress, const void *data, size_t len);

/* Appends the padding of FIPS 180-4 5.1 (RFC 1321 3.1-3.2 for MD5) to a
 * copy of buf and compresses the last block(s) into state, which the
 * caller passes as a scratch copy of its running state. The message length
 * in bits is stored big-endian in the last 8 (block_len 64) or 16
 * (block_len 128) bytes, or little-endian in the last 8 if little_endian.
 * The scratch block is wiped. */
void tern_md_pad(void *state, const uint8_t *buf, size_t block_len, uint64_t count,
                 int little_endian, tern_md_compress_fn compress);

#endif /* TERN_MD_INTERNAL_H */
