/*
 * Block ciphers behind a class (the seed's "bulk algorithm" handles), and
 * the CBC and CTR modes over any block class.
 *
 * Contexts follow the class-pointer-first convention of hash.h. A block
 * class encrypts or decrypts whole blocks in place (ECB over n blocks), so
 * an implementation can work on several blocks at once (bitsliced AES
 * does four; AES-NI pipelines eight).
 *
 * Implementations:
 *
 *   class / getter            key bytes   constant-time   notes
 *   tern_aes_ct_class         16,24,32    yes             portable, bitsliced
 *   tern_aes_x86ni_get()      16,24,32    yes             AES-NI; NULL if the
 *                                                         CPU lacks it or it is
 *                                                         compiled out
 *   tern_aes_get()            16,24,32    yes             best of the above
 *   tern_des3_class           24          see below       legacy 3DES-EDE
 *                                                         (TERN_CONFIG_3DES)
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
    void (*decrypt)(const tern_block_class *const *ctx, uint8_t *blocks, size_t nblocks);
};

/* Wipes a block context of class size ctx_size (key schedule). */
void tern_block_wipe(const tern_block_class **ctx);

/* CBC over any block class. len must be a multiple of the block length
 * (TERN_ERR_BAD_LENGTH otherwise); data is processed in place and iv is
 * updated to the last ciphertext block, so calls can be chained. */
TERN_MUST_CHECK int tern_cbc_encrypt(const tern_block_class *const *bc, uint8_t *iv,
                                     uint8_t *data, size_t len);
TERN_MUST_CHECK int tern_cbc_decrypt(const tern_block_class *const *bc, uint8_t *iv,
                                     uint8_t *data, size_t len);

/* CTR with a 16-byte counter block whose last 4 bytes are a big-endian
 * counter (GCM, CCM style); XORs the key stream into data and advances
 * ctr. Block length must be 16. */
void tern_ctr32_xor(const tern_block_class *const *bc, uint8_t ctr[16], uint8_t *data,
                    size_t len);

#ifdef __cplusplus
}
#endif

#endif /* TERN_CIPHER_H */
