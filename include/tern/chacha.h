/*
 * ChaCha20, Poly1305 and the ChaCha20-Poly1305 AEAD of RFC 8439 (the TLS
 * 1.2 suites of RFC 7905 and TLS_CHACHA20_POLY1305_SHA256 of TLS 1.3).
 *
 * Implementations (all constant-time: no branch and no memory index
 * depends on keys, nonces, counters' secret parts, messages or tags;
 * lengths are public):
 *
 *   part        implementation                       switch / when used
 *   ChaCha20    portable C, one block at a time      TERN_CONFIG_CHACHA20
 *   ChaCha20    x86-64 AVX2, eight (or two) blocks   TERN_CONFIG_CHACHA20_X86,
 *               at a time                            when CPUID reports AVX2
 *   Poly1305    radix 2^64 limbs, unsigned __int128  TERN_CONFIG_WORD_BITS == 64
 *   Poly1305    x86-64 AVX2, four blocks at a time   TERN_CONFIG_CHACHA20_X86 and
 *                                                    WORD_BITS == 64, with AVX2,
 *                                                    for runs of >= 24 blocks
 *   Poly1305    radix 2^26 limbs, 32x32->64 products TERN_CONFIG_WORD_BITS == 32
 *                                                    (Cortex-M)
 *
 * Every function here picks the best implementation compiled in and
 * supported by the CPU on its own; results do not depend on the choice.
 *
 * Secrets left behind: the stack copies of keys, key streams, one-time
 * Poly1305 keys and Poly1305 state are wiped before these functions
 * return (tern_poly1305_final wipes its context); register contents the
 * compiler spills are out of reach of C. A tern_chacha20_poly1305_ctx
 * holds the key until the caller wipes it (tern_aead_wipe or tern_wipe).
 *
 * Switch: TERN_CONFIG_CHACHA20 (this whole header's functions).
 */
#ifndef TERN_CHACHA_H
#define TERN_CHACHA_H

#include <stddef.h>
#include <stdint.h>

#include "tern/aead.h"
#include "tern/config.h"
#include "tern/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- ChaCha20 (RFC 8439 2.3, 2.4) ------------------------------------ */

/* XORs the ChaCha20 key stream for (key, nonce) starting at block
 * `counter` into len bytes of data, in place: encryption and decryption
 * are the same operation. data may be NULL when len is 0.
 *
 * The block counter is 32 bits (RFC 8439 2.3): after block 0xffffffff it
 * wraps to 0 and the key stream repeats. Callers must keep
 * counter + ceil(len / 64) <= 2^32; the AEAD below enforces its own
 * limit. */
void tern_chacha20_xor(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                       uint8_t *data, size_t len);

/* ---- Poly1305 (RFC 8439 2.5) ------------------------------------------ */

/* Incremental Poly1305 state. The fields are private: st holds r and the
 * accumulator in the limb form of the compiled implementation. */
typedef struct tern_poly1305_ctx {
    union {
        uint64_t w64[5]; /* radix 2^64: r0 r1 h0 h1 h2 */
        uint32_t w32[10]; /* radix 2^26: r0..r4 h0..h4 */
    } st;
    uint8_t s[16];   /* second key half, added at the end */
    uint8_t buf[16]; /* partial block */
    size_t buf_len;  /* bytes in buf, < 16 */
} tern_poly1305_ctx;

/* Starts a MAC with the 32-byte one-time key r || s (r is clamped here,
 * RFC 8439 2.5). A key must never authenticate two different messages. */
void tern_poly1305_init(tern_poly1305_ctx *ctx, const uint8_t key[32]);

/* Absorbs len bytes (any split of the message gives the same tag). msg may
 * be NULL when len is 0. */
void tern_poly1305_update(tern_poly1305_ctx *ctx, const uint8_t *msg, size_t len);

/* Writes the 16-byte tag and wipes ctx (init again to reuse it). */
void tern_poly1305_final(tern_poly1305_ctx *ctx, uint8_t tag[16]);

/* One-shot: tag = Poly1305(key, msg). */
void tern_poly1305(const uint8_t key[32], const uint8_t *msg, size_t len, uint8_t tag[16]);

/* ---- ChaCha20-Poly1305 AEAD (RFC 8439 2.8) ----------------------------- */

/* Largest plaintext one nonce may protect: (2^32 - 1) blocks of 64 bytes
 * after the block that makes the Poly1305 key (RFC 8439 2.8). */
#define TERN_CHACHA20_POLY1305_MAX_LEN ((uint64_t)0xffffffffu * 64u)

/* Encrypts len bytes of buf in place and writes the 16-byte tag over
 * aad (aad_len bytes, may be NULL when 0) and the ciphertext.
 * Errors: TERN_ERR_BAD_LENGTH if len > TERN_CHACHA20_POLY1305_MAX_LEN
 * (buf untouched). */
TERN_MUST_CHECK int tern_chacha20_poly1305_seal(const uint8_t key[32], const uint8_t nonce[12],
                                                const uint8_t *aad, size_t aad_len,
                                                uint8_t *buf, size_t len, uint8_t tag[16]);

/* Checks tag over aad and the ciphertext in buf and decrypts buf in place.
 * Errors: TERN_ERR_BAD_MAC if the tag does not match (buf is then all
 * zeros: no unauthenticated plaintext leaves); TERN_ERR_BAD_LENGTH if
 * len > TERN_CHACHA20_POLY1305_MAX_LEN (buf untouched). The tag is
 * compared in constant time, and the time taken does not depend on
 * whether it matched. */
TERN_MUST_CHECK int tern_chacha20_poly1305_open(const uint8_t key[32], const uint8_t nonce[12],
                                                const uint8_t *aad, size_t aad_len,
                                                uint8_t *buf, size_t len,
                                                const uint8_t tag[16]);

/* Context of tern_aead_chacha20_poly1305 (class pointer first, see
 * aead.h). Holds the key. */
typedef struct tern_chacha20_poly1305_ctx {
    const tern_aead_class *vtable;
    uint8_t key[32];
} tern_chacha20_poly1305_ctx;

/* "ChaCha20-Poly1305": key 32, nonce 12, tag 16 bytes, constant-time.
 * init copies the key into the context; seal and open behave as the
 * functions above. */
extern const tern_aead_class tern_aead_chacha20_poly1305;

#ifdef __cplusplus
}
#endif

#endif /* TERN_CHACHA_H */
