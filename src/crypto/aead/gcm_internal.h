/*
 * GCM internals shared by the direct API (gcm.c), the fused AES-NI code
 * (gcm_x86ni.c) and the AEAD classes (aead_gcm.c).
 */
#ifndef TERN_GCM_INTERNAL_H
#define TERN_GCM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "tern/aead.h"
#include "tern/cipher.h"

/* Checks the lengths of SP 800-38D 5.2.1.1 and our tag range:
 * TERN_OK or TERN_ERR_BAD_LENGTH. */
TERN_MUST_CHECK int tern_gcm_check_lengths(size_t iv_len, size_t aad_len, size_t len,
                                           size_t tag_len);

/* GCM over block class bc (block length 16) with GHASH function ghash and
 * hash key h = E(K, 0^128). Lengths must have passed
 * tern_gcm_check_lengths. open returns TERN_OK or TERN_ERR_BAD_MAC (with
 * buf zeroed), decided without branches. */
void tern_gcm_generic_seal(const tern_block_class *const *bc, tern_ghash_fn ghash,
                           const uint8_t h[16], const uint8_t *iv, size_t iv_len,
                           const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                           uint8_t *tag, size_t tag_len);
TERN_MUST_CHECK int tern_gcm_generic_open(const tern_block_class *const *bc, tern_ghash_fn ghash,
                                          const uint8_t h[16], const uint8_t *iv, size_t iv_len,
                                          const uint8_t *aad, size_t aad_len, uint8_t *buf,
                                          size_t len, const uint8_t *tag, size_t tag_len);

#if TERN_CONFIG_AES_X86NI
/* The fused AES-NI + PCLMULQDQ code (gcm_x86ni.c). Its key is the AES-NI
 * encryption round keys ek (nrounds rounds, see aes_x86ni_internal.h) and
 * hkey, the 16-byte hash key in the form the code multiplies with
 * (H' = H * x^-1, see ghash_x86_internal.h). The powers of H that the
 * eight-block loop uses are computed per call, on the stack, when a call
 * has 128 bytes or more to hash: a context stays small (a record
 * protection keeps two per connection) for a cost of a few hundred
 * instructions per call. Only after a CPUID check for TERN_X86_NEED_GCM. */

/* hkey from the round keys. */
void tern_gcm_x86ni_hkey(uint8_t hkey[16], const uint64_t *ek, unsigned nrounds);

/* GCM with the fused code; same contract as the generic functions. */
void tern_gcm_x86ni_seal(const uint64_t *ek, unsigned nrounds, const uint8_t hkey[16],
                         const uint8_t *iv, size_t iv_len, const uint8_t *aad, size_t aad_len,
                         uint8_t *buf, size_t len, uint8_t *tag, size_t tag_len);
TERN_MUST_CHECK int tern_gcm_x86ni_open(const uint64_t *ek, unsigned nrounds,
                                        const uint8_t hkey[16], const uint8_t *iv, size_t iv_len,
                                        const uint8_t *aad, size_t aad_len, uint8_t *buf,
                                        size_t len, const uint8_t *tag, size_t tag_len);
#endif

#endif /* TERN_GCM_INTERNAL_H */
