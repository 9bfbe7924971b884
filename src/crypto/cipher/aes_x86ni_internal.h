/*
 * AES-NI internals: the block class object, for code that recognises it
 * to take a faster path (the GCM functions use the fused AES-NI +
 * PCLMULQDQ code when handed an AES-NI context), and an encrypt-only
 * variant for the CTR-based modes. Users get the full class from
 * tern_aes_x86ni_get().
 */
#ifndef TERN_AES_X86NI_INTERNAL_H
#define TERN_AES_X86NI_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "tern/cipher.h"

#if TERN_CONFIG_AES_X86NI
extern const tern_block_class tern_aes_x86ni_class;

/* Encryption round keys only (16 bytes each): what CTR, GCM and CCM need.
 * Half the size of tern_aes_x86ni_ctx, which also keeps the decryption
 * round keys; ek sits at the same offset in both. */
typedef struct tern_aes_x86ni_enc_ctx {
    const tern_block_class *vtable;
    uint64_t ek[30];
    uint32_t nrounds;
    uint32_t has_pclmul; /* 1 if the CPU also has PCLMULQDQ (fast GCM) */
} tern_aes_x86ni_enc_ctx;

/* The AES-NI class without the inverse cipher (flag
 * TERN_BLOCK_ENCRYPT_ONLY, decrypt NULL), context tern_aes_x86ni_enc_ctx.
 * Only hand it out after tern_aes_x86ni_get() returned non-NULL. */
extern const tern_block_class tern_aes_x86ni_enc_class;

/* Expands key (16, 24 or 32 bytes) into the encryption round keys ek
 * (16 bytes each, 4 * (nrounds + 1) words). Returns the number of rounds,
 * or 0 for a bad key length or a CPU without AES-NI (checked here). */
unsigned tern_aes_x86ni_expand_enc(uint64_t ek[30], const uint8_t *key, size_t key_len);
#endif

#endif /* TERN_AES_X86NI_INTERNAL_H */
