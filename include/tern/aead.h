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
 *
 * Built-in classes (key schedule and hash key computed once, at init):
 *
 *   class                      key  nonce  tag  constant-time  notes
 *   tern_aead_aes128_gcm        16    12    16   yes            AES-NI +
 *   tern_aead_aes256_gcm        32    12    16   yes            PCLMULQDQ when
 *                                                               the CPU has
 *                                                               them (checked
 *                                                               at init), else
 *                                                               the _ct code
 *   tern_aead_aes128_gcm_ct     16    12    16   yes            always portable:
 *   tern_aead_aes256_gcm_ct     32    12    16   yes            bitsliced AES
 *                                                               (encrypt only),
 *                                                               GHASH by masked
 *                                                               integer multiply
 *   tern_aead_aes128_ccm        16    12    16   yes            RFC 6655 CCM and
 *   tern_aead_aes128_ccm8       16    12     8   yes            CCM_8; AES from
 *   tern_aead_aes256_ccm        32    12    16   yes            tern_aes_enc_get()
 *   tern_aead_aes256_ccm8       32    12     8   yes            at init
 *
 * GCM and CCM use only the encryption direction of the block cipher, so
 * the portable classes take the encrypt-only AES class
 * (tern_aes_ct_enc_class, see cipher.h) and a program with no other AES
 * use links without the inverse cipher.
 *
 * Besides the classes, GCM and CCM can run over any 16-byte block class
 * with free IV, nonce and tag lengths (tern_gcm_*, tern_ccm_* below), and
 * GHASH is available on its own.
 *
 * Switches: the GCM and CCM classes need TERN_CONFIG_AES_CT or
 * TERN_CONFIG_AES_X86NI; the _ct classes need TERN_CONFIG_AES_CT.
 */
#ifndef TERN_AEAD_H
#define TERN_AEAD_H

#include <stddef.h>
#include <stdint.h>

#include "tern/cipher.h"
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

/* ---- classes ------------------------------------------------------------- */

#if TERN_CONFIG_AES_CT || TERN_CONFIG_AES_X86NI
extern const tern_aead_class tern_aead_aes128_gcm;
extern const tern_aead_class tern_aead_aes256_gcm;
extern const tern_aead_class tern_aead_aes128_ccm;
extern const tern_aead_class tern_aead_aes128_ccm8;
extern const tern_aead_class tern_aead_aes256_ccm;
extern const tern_aead_class tern_aead_aes256_ccm8;
#endif
#if TERN_CONFIG_AES_CT
extern const tern_aead_class tern_aead_aes128_gcm_ct;
extern const tern_aead_class tern_aead_aes256_gcm_ct;
#endif

/* ---- GCM over any block class (NIST SP 800-38D) ---------------------------- */

/* Encrypts len bytes of buf in place and writes tag_len bytes of tag.
 * bc: an initialised context of a class with 16-byte blocks (AES; an
 * encrypt-only class such as tern_aes_ct_enc_class will do); with
 * an AES-NI context on a CPU with PCLMULQDQ the fused AES-NI + PCLMULQDQ
 * code runs, otherwise the class's encrypt plus the portable GHASH. The
 * hash key H = E(K, 0^128) is derived on every call: for many messages
 * under one key the AEAD classes are cheaper.
 * iv: iv_len >= 1 bytes; 12 is the recommended length (SP 800-38D 8.2),
 * any other length is hashed into the pre-counter block J0.
 * tag_len: 4..16 bytes (SP 800-38D 5.2.1.2 and appendix C restrict tags
 * under 12 bytes to special uses; that policy is the caller's).
 * Errors: TERN_ERR_BAD_ARG (block length is not 16), TERN_ERR_BAD_LENGTH
 * (iv_len 0, tag_len out of range, len above 2^36 - 32 bytes or aad_len
 * above 2^61 - 1 bytes), TERN_ERR_USAGE (NULL pointers with non-zero
 * lengths). Constant-time when the block class is. */
TERN_MUST_CHECK int tern_gcm_seal(const tern_block_class *const *bc, const uint8_t *iv,
                                  size_t iv_len, const uint8_t *aad, size_t aad_len,
                                  uint8_t *buf, size_t len, uint8_t *tag, size_t tag_len);

/* Checks tag (tag_len bytes, compared in constant time) and decrypts buf
 * in place: TERN_OK, or TERN_ERR_BAD_MAC with buf zeroed. Other errors
 * as tern_gcm_seal (then buf is untouched). */
TERN_MUST_CHECK int tern_gcm_open(const tern_block_class *const *bc, const uint8_t *iv,
                                  size_t iv_len, const uint8_t *aad, size_t aad_len,
                                  uint8_t *buf, size_t len, const uint8_t *tag,
                                  size_t tag_len);

/* ---- CCM over any block class (RFC 3610, NIST SP 800-38C) ----------------- */

/* Encrypts len bytes of buf in place and writes tag_len bytes of tag.
 * bc: an initialised context of a class with 16-byte blocks (an
 * encrypt-only class will do).
 * nonce: nonce_len bytes, 7..13; the length field then has
 * L = 15 - nonce_len bytes and len must be below 2^(8L).
 * tag_len: 4, 6, 8, 10, 12, 14 or 16.
 * Errors: TERN_ERR_BAD_ARG (block length), TERN_ERR_BAD_LENGTH (a length
 * out of range; len is also capped at 2^36 - 32 bytes), TERN_ERR_USAGE.
 * Constant-time when the block class is. */
TERN_MUST_CHECK int tern_ccm_seal(const tern_block_class *const *bc, const uint8_t *nonce,
                                  size_t nonce_len, const uint8_t *aad, size_t aad_len,
                                  uint8_t *buf, size_t len, uint8_t *tag, size_t tag_len);

/* Decrypts buf in place and checks the tag in constant time: TERN_OK, or
 * TERN_ERR_BAD_MAC with buf zeroed. Other errors as tern_ccm_seal. */
TERN_MUST_CHECK int tern_ccm_open(const tern_block_class *const *bc, const uint8_t *nonce,
                                  size_t nonce_len, const uint8_t *aad, size_t aad_len,
                                  uint8_t *buf, size_t len, const uint8_t *tag,
                                  size_t tag_len);

/* ---- GHASH (SP 800-38D, 6.4) ------------------------------------------------- */

/* y <- GHASH_h continued over data: for each 16-byte block X (the last
 * one zero-padded if len is not a multiple of 16), y = (y ^ X) * h in
 * GF(2^128). h is the hash key; both are in the byte order of the spec. */
typedef void (*tern_ghash_fn)(uint8_t y[16], const uint8_t h[16], const void *data,
                              size_t len);

/* Portable and constant-time: the carry-less products come from ordinary
 * integer multiplications with the operand bits spread out so that carries
 * fall into unused bit positions; no table is indexed by h or data.
 * tern_ghash_ctmul32 works on 32x32->64-bit multiplies (for 32-bit cores),
 * tern_ghash_ctmul64 on 64x64->64-bit ones (built when
 * TERN_CONFIG_WORD_BITS is 64); tern_ghash_ctmul is the build's choice.
 * Integer multiplication must take constant time on the target (true of
 * x86-64, AArch64 and the Cortex-M4; not of the Cortex-M3). */
void tern_ghash_ctmul(uint8_t y[16], const uint8_t h[16], const void *data, size_t len);
void tern_ghash_ctmul32(uint8_t y[16], const uint8_t h[16], const void *data, size_t len);
#if TERN_CONFIG_WORD_BITS == 64
void tern_ghash_ctmul64(uint8_t y[16], const uint8_t h[16], const void *data, size_t len);
#endif

/* GHASH with PCLMULQDQ (constant-time), or NULL if the CPU lacks it or
 * TERN_CONFIG_AES_X86NI is off. Checks CPUID on every call. */
tern_ghash_fn tern_ghash_pclmul_get(void);

#ifdef __cplusplus
}
#endif

#endif /* TERN_AEAD_H */
