/*
 * Block ciphers behind a class (the seed's "bulk algorithm" handles), and
 * the CBC and CTR modes over any block class.
 *
 * Contexts follow the class-pointer-first convention of hash.h. A block
 * class encrypts or decrypts whole blocks in place (ECB over n blocks), so
 * an implementation can work on several blocks at once (bitsliced AES
 * does four; AES-NI pipelines eight).
 *
 *     tern_block_ctx c;                        // fits any built-in class
 *     const tern_block_class *aes = tern_aes_get();
 *     if (aes->init(&c.vtable, key, 16) == TERN_OK) {
 *         c.vtable->encrypt(&c.vtable, blocks, n);
 *         ...
 *     }
 *     tern_block_wipe(&c.vtable);
 *
 * Implementations:
 *
 *   class / getter            key bytes   constant-time   notes
 *   tern_aes_ct64_class       16,24,32    yes             portable, bitsliced on
 *                                                         64-bit words, 4 blocks
 *                                                         at a time (built when
 *                                                         TERN_CONFIG_WORD_BITS
 *                                                         is 64)
 *   tern_aes_ct32_class       16,24,32    yes             portable, bitsliced on
 *                                                         32-bit words, 2 blocks
 *                                                         at a time (smallest;
 *                                                         for Cortex-M)
 *   tern_aes_ct_class         16,24,32    yes             the build's choice of
 *                                                         the two above (ct64 on
 *                                                         64-bit words)
 *   tern_aes_x86ni_get()      16,24,32    yes             AES-NI; NULL if the
 *                                                         CPU lacks it or it is
 *                                                         compiled out
 *   tern_aes_get()            16,24,32    yes             best of the above
 *   tern_aes_ct_enc_class     16,24,32    yes             tern_aes_ct_class,
 *                                                         encrypt only (see below)
 *   tern_aes_enc_get()        16,24,32    yes             best for encryption only
 *   tern_des3_class           24          yes             legacy 3DES-EDE
 *                                                         (TERN_CONFIG_3DES);
 *                                                         S-boxes by masked
 *                                                         selection, slow
 *
 * Encrypt-only classes. The CTR-based modes (CTR, GCM, CCM) never run the
 * inverse cipher. tern_aes_ct_enc_class has the key schedule and encrypt
 * entry of tern_aes_ct_class and a NULL decrypt (flag
 * TERN_BLOCK_ENCRYPT_ONLY), so a program that reaches AES only through it
 * links without the inverse cipher when the linker drops unreferenced
 * sections (-ffunction-sections -fdata-sections --gc-sections: about
 * 380 bytes of Cortex-M4 code). tern_cbc_decrypt refuses such a class
 * (TERN_ERR_UNSUPPORTED); callers of a class's decrypt entry check the
 * flag or the pointer.
 *
 * "Constant-time" means: no branch and no memory index depends on the key
 * or the data; the time depends only on the number of blocks. None of
 * these implementations uses a lookup table indexed by secret data.
 *
 * Switches: TERN_CONFIG_AES_CT, TERN_CONFIG_AES_X86NI, TERN_CONFIG_3DES.
 */
#ifndef TERN_CIPHER_H
#define TERN_CIPHER_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"
#include "tern/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* tern_block_class.flags */
#define TERN_BLOCK_CONSTANT_TIME 0x01u
#define TERN_BLOCK_ENCRYPT_ONLY 0x02u /* decrypt is NULL */

typedef struct tern_block_class tern_block_class;
struct tern_block_class {
    const char *name;  /* "AES (bitsliced)" */
    uint8_t block_len; /* 16 for AES, 8 for DES */
    uint8_t flags;     /* TERN_BLOCK_* */
    uint16_t ctx_size; /* sizeof the context struct */
    /* Key schedule. TERN_ERR_BAD_LENGTH for an unsupported key length. */
    int (*init)(const tern_block_class **ctx, const uint8_t *key, size_t key_len);
    /* ECB over nblocks blocks, in place. */
    void (*encrypt)(const tern_block_class *const *ctx, uint8_t *blocks, size_t nblocks);
    /* NULL in an encrypt-only class (TERN_BLOCK_ENCRYPT_ONLY). */
    void (*decrypt)(const tern_block_class *const *ctx, uint8_t *blocks, size_t nblocks);
};

/* ---- contexts ---------------------------------------------------------- */

/* Bitsliced AES on 64-bit words: the round keys in compact bitsliced form
 * (2 words per round key, 15 round keys for AES-256; each encrypt or
 * decrypt call expands them to 8 words per round key on the stack, up to
 * 960 bytes, and wipes them). 256 bytes on 64-bit targets. */
typedef struct tern_aes_ct64_ctx {
    const tern_block_class *vtable;
    uint64_t sk[30];
    uint32_t nrounds; /* 10, 12 or 14 */
} tern_aes_ct64_ctx;

/* Bitsliced AES on 32-bit words (same design, half the width: 4 words per
 * compact round key, 8 expanded; up to 480 bytes of stack per call). 248
 * bytes on 32-bit targets. */
typedef struct tern_aes_ct32_ctx {
    const tern_block_class *vtable;
    uint32_t sk[60];
    uint32_t nrounds;
} tern_aes_ct32_ctx;

/* The context of tern_aes_ct_class. */
#if TERN_CONFIG_WORD_BITS == 64
typedef tern_aes_ct64_ctx tern_aes_ct_ctx;
#else
typedef tern_aes_ct32_ctx tern_aes_ct_ctx;
#endif

/* AES-NI: encryption round keys and the decryption round keys of the
 * equivalent inverse cipher (FIPS 197, 5.3.5), 16 bytes each. */
typedef struct tern_aes_x86ni_ctx {
    const tern_block_class *vtable;
    uint64_t ek[30];
    uint64_t dk[30];
    uint32_t nrounds;
    uint32_t has_pclmul; /* 1 if the CPU also has PCLMULQDQ (fast GCM) */
} tern_aes_x86ni_ctx;

/* 3DES-EDE: 3 x 16 round keys, each already spread out to match the
 * S-box inputs (see src/crypto/cipher/des3.c). */
typedef struct tern_des3_ctx {
    const tern_block_class *vtable;
    uint64_t sk[48];
} tern_des3_ctx;

/* Large enough for any built-in block context of this build (the 64-bit
 * bitsliced and AES-NI members only where those are built, so 32-bit
 * targets do not pay for them). */
typedef union tern_block_ctx {
    const tern_block_class *vtable;
#if TERN_CONFIG_WORD_BITS == 64
    tern_aes_ct64_ctx aes_ct64;
#endif
    tern_aes_ct32_ctx aes_ct32;
#if TERN_CONFIG_AES_X86NI
    tern_aes_x86ni_ctx aes_x86ni;
#endif
    tern_des3_ctx des3;
} tern_block_ctx;

/* ---- classes ------------------------------------------------------------- */

#if TERN_CONFIG_AES_CT
#if TERN_CONFIG_WORD_BITS == 64
extern const tern_block_class tern_aes_ct64_class;
#endif
extern const tern_block_class tern_aes_ct32_class;
extern const tern_block_class tern_aes_ct_class;
/* tern_aes_ct_class without the decryption direction (decrypt is NULL);
 * same context (tern_aes_ct_ctx), same round keys. */
extern const tern_block_class tern_aes_ct_enc_class;
#endif

/* The AES-NI class if this build has it (TERN_CONFIG_AES_X86NI) and the CPU
 * supports AES-NI (checked with CPUID on every call: call it once, at key
 * setup, not per block); NULL otherwise. */
const tern_block_class *tern_aes_x86ni_get(void);

/* The fastest constant-time AES class available here: AES-NI when present,
 * else tern_aes_ct_class. NULL only in a build without any AES. */
const tern_block_class *tern_aes_get(void);

/* The fastest constant-time AES class for encryption only (the CTR-based
 * modes): AES-NI when present (its class also decrypts: the AES-NI code
 * is not meant for flash-bound targets), else tern_aes_ct_enc_class. NULL
 * only in a build without any AES. Use the class's encrypt entry only. */
const tern_block_class *tern_aes_enc_get(void);

#if TERN_CONFIG_3DES
/* 3DES-EDE (ANSI X9.52 keying option 1: three independent 8-byte keys,
 * K1 || K2 || K3; parity bits are ignored). For two-key 3DES pass
 * K1 || K2 || K1. */
extern const tern_block_class tern_des3_class;
#endif

/* ---- modes --------------------------------------------------------------- */

/* Wipes a block context of class size ctx_size (key schedule). */
void tern_block_wipe(const tern_block_class **ctx);

/* CBC over any block class. len must be a multiple of the block length
 * (TERN_ERR_BAD_LENGTH otherwise); data is processed in place and iv is
 * updated to the last ciphertext block, so calls can be chained.
 * Padding is the caller's business. Constant-time when the class is.
 * tern_cbc_decrypt returns TERN_ERR_UNSUPPORTED for an encrypt-only
 * class. */
TERN_MUST_CHECK int tern_cbc_encrypt(const tern_block_class *const *bc, uint8_t *iv,
                                     uint8_t *data, size_t len);
TERN_MUST_CHECK int tern_cbc_decrypt(const tern_block_class *const *bc, uint8_t *iv,
                                     uint8_t *data, size_t len);

/* CTR with a 16-byte counter block whose last 4 bytes are a big-endian
 * counter (GCM, CCM style); XORs the key stream into data and advances
 * ctr. Block length must be 16 (with another class nothing is done); an
 * encrypt-only class will do.
 * The counter wraps modulo 2^32 without touching the first 12 bytes
 * (GCM's inc32). ctr advances by one per block started, a final partial
 * block included, so a later call continues on a fresh block. */
void tern_ctr32_xor(const tern_block_class *const *bc, uint8_t ctr[16], uint8_t *data,
                    size_t len);

#ifdef __cplusplus
}
#endif

#endif /* TERN_CIPHER_H */
