/*
 * GCM (NIST SP 800-38D) over any 16-byte block class: the direct API, and
 * the generic construction from a block class plus a GHASH function.
 *
 * GCM-AE (SP 800-38D 7.1): H = E(K, 0^128); the pre-counter block J0 is
 * IV || 0^31 || 1 for a 96-bit IV, else GHASH_H(IV || 0^s || [len(IV)]64);
 * the plaintext is encrypted in CTR mode from inc32(J0); the tag is
 * E(K, J0) xor GHASH_H(A || 0^v || C || 0^u || [len(A)]64 || [len(C)]64),
 * truncated. GCM-AD (7.2) recomputes the tag from the ciphertext before
 * decrypting and releases nothing unless it matches.
 */
#include <string.h>

#include "common/ct_internal.h"
#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "crypto/aead/aead_internal.h"
#include "crypto/aead/gcm_internal.h"
#include "crypto/cipher/aes_x86ni_internal.h"
#include "tern/aead.h"
#include "tern/util.h"

/* see src/crypto/aead/gcm_internal.h */
int tern_gcm_check_lengths(size_t iv_len, size_t aad_len, size_t len, size_t tag_len)
{
    /* SP 800-38D 5.2.1.1: len(P) <= 2^39 - 256 bits; len(A) and len(IV)
     * below 2^64 bits; 1 <= len(IV). */
    TERN_ENSURE(iv_len >= 1 && ((uint64_t)iv_len >> 61) == 0, TERN_ERR_BAD_LENGTH);
    TERN_ENSURE(((uint64_t)aad_len >> 61) == 0, TERN_ERR_BAD_LENGTH);
    TERN_ENSURE(!tern_aead_len_over(len, ((uint64_t)1 << 36) - 32), TERN_ERR_BAD_LENGTH);
    TERN_ENSURE(tag_len >= 4 && tag_len <= 16, TERN_ERR_BAD_LENGTH);
    return TERN_OK;
}

/* J0 (SP 800-38D 7.1, step 2). For IVs other than 96 bits J0 depends on H
 * and is wiped by the caller. */
static void pre_counter(tern_ghash_fn ghash, const uint8_t h[16], const uint8_t *iv, size_t iv_len,
                        uint8_t j0[16])
{
    if (iv_len == 12) {
        memcpy(j0, iv, 12);
        tern_store_be32(j0 + 12, 1);
    } else {
        uint8_t lens[16];
        memset(j0, 0, 16);
        ghash(j0, h, iv, iv_len);
        tern_store_be64(lens, 0);
        tern_store_be64(lens + 8, (uint64_t)iv_len * 8);
        ghash(j0, h, lens, 16);
    }
}

/* Hashes the length block into y and writes the full 16-byte tag. */
static void finish(const tern_block_class *const *bc, tern_ghash_fn ghash, const uint8_t h[16],
                   uint8_t y[16], const uint8_t j0[16], size_t aad_len, size_t len,
                   uint8_t full[16])
{
    uint8_t lens[16];
    unsigned i;

    tern_store_be64(lens, (uint64_t)aad_len * 8);
    tern_store_be64(lens + 8, (uint64_t)len * 8);
    ghash(y, h, lens, 16);
    memcpy(full, j0, 16);
    (*bc)->encrypt(bc, full, 1);
    for (i = 0; i < 16; i++) {
        full[i] ^= y[i];
    }
}

/* see src/crypto/aead/gcm_internal.h */
void tern_gcm_generic_seal(const tern_block_class *const *bc, tern_ghash_fn ghash,
                           const uint8_t h[16], const uint8_t *iv, size_t iv_len,
                           const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                           uint8_t *tag, size_t tag_len)
{
    uint8_t j0[16], ctr[16], y[16], full[16];

    pre_counter(ghash, h, iv, iv_len, j0);
    memset(y, 0, sizeof(y));
    ghash(y, h, aad, aad_len);
    memcpy(ctr, j0, 16);
    tern_store_be32(ctr + 12, tern_load_be32(j0 + 12) + 1);
    tern_ctr32_xor(bc, ctr, buf, len);
    ghash(y, h, buf, len);
    finish(bc, ghash, h, y, j0, aad_len, len, full);
    memcpy(tag, full, tag_len);
    tern_wipe(j0, sizeof(j0));
    tern_wipe(ctr, sizeof(ctr));
    tern_wipe(y, sizeof(y));
    tern_wipe(full, sizeof(full));
}

/* see src/crypto/aead/gcm_internal.h */
int tern_gcm_generic_open(const tern_block_class *const *bc, tern_ghash_fn ghash,
                          const uint8_t h[16], const uint8_t *iv, size_t iv_len, const uint8_t *aad,
                          size_t aad_len, uint8_t *buf, size_t len, const uint8_t *tag,
                          size_t tag_len)
{
    uint8_t j0[16], ctr[16], y[16], full[16];
    uint32_t ok;

    pre_counter(ghash, h, iv, iv_len, j0);
    memset(y, 0, sizeof(y));
    ghash(y, h, aad, aad_len);
    ghash(y, h, buf, len);
    finish(bc, ghash, h, y, j0, aad_len, len, full);
    ok = tern_ct_memeq(full, tag, tag_len);
    memcpy(ctr, j0, 16);
    tern_store_be32(ctr + 12, tern_load_be32(j0 + 12) + 1);
    tern_ctr32_xor(bc, ctr, buf, len);
    tern_aead_mask(ok, buf, len);
    tern_wipe(j0, sizeof(j0));
    tern_wipe(ctr, sizeof(ctr));
    tern_wipe(y, sizeof(y));
    tern_wipe(full, sizeof(full));
    return tern_aead_result(ok);
}

static int check_args(const tern_block_class *const *bc, const uint8_t *iv, size_t iv_len,
                      const uint8_t *aad, size_t aad_len, const uint8_t *buf, size_t len,
                      const uint8_t *tag, size_t tag_len)
{
    TERN_CHECK_ARG(bc != NULL && *bc != NULL && iv != NULL && tag != NULL);
    TERN_CHECK_ARG(aad != NULL || aad_len == 0);
    TERN_CHECK_ARG(buf != NULL || len == 0);
    (void)iv;
    (void)aad;
    (void)buf;
    (void)tag;
    TERN_ENSURE((*bc)->block_len == 16, TERN_ERR_BAD_ARG);
    return tern_gcm_check_lengths(iv_len, aad_len, len, tag_len);
}

#if TERN_CONFIG_AES_X86NI
/* An AES-NI context (either class) on a CPU with PCLMULQDQ takes the
 * fused code: its round keys are returned (and *nr set), else NULL. */
static const uint64_t *fused_keys(const tern_block_class *const *bc, unsigned *nr)
{
    if (*bc == &tern_aes_x86ni_class) {
        const tern_aes_x86ni_ctx *c = (const tern_aes_x86ni_ctx *)(const void *)bc;
        *nr = c->nrounds;
        return c->has_pclmul ? c->ek : NULL;
    }
    if (*bc == &tern_aes_x86ni_enc_class) {
        const tern_aes_x86ni_enc_ctx *c = (const tern_aes_x86ni_enc_ctx *)(const void *)bc;
        *nr = c->nrounds;
        return c->has_pclmul ? c->ek : NULL;
    }
    return NULL;
}
#endif

/* see include/tern/aead.h */
int tern_gcm_seal(const tern_block_class *const *bc, const uint8_t *iv, size_t iv_len,
                  const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len, uint8_t *tag,
                  size_t tag_len)
{
    uint8_t h[16];

    TERN_TRY(check_args(bc, iv, iv_len, aad, aad_len, buf, len, tag, tag_len));
#if TERN_CONFIG_AES_X86NI
    {
        unsigned nr = 0;
        const uint64_t *ek = fused_keys(bc, &nr);
        if (ek != NULL) {
            tern_gcm_x86ni_hkey(h, ek, nr);
            tern_gcm_x86ni_seal(ek, nr, h, iv, iv_len, aad, aad_len, buf, len, tag, tag_len);
            tern_wipe(h, sizeof(h));
            return TERN_OK;
        }
    }
#endif
    memset(h, 0, sizeof(h));
    (*bc)->encrypt(bc, h, 1);
    tern_gcm_generic_seal(bc, tern_ghash_ctmul, h, iv, iv_len, aad, aad_len, buf, len, tag,
                          tag_len);
    tern_wipe(h, sizeof(h));
    return TERN_OK;
}

/* see include/tern/aead.h */
int tern_gcm_open(const tern_block_class *const *bc, const uint8_t *iv, size_t iv_len,
                  const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len, const uint8_t *tag,
                  size_t tag_len)
{
    uint8_t h[16];
    int ret;

    TERN_TRY(check_args(bc, iv, iv_len, aad, aad_len, buf, len, tag, tag_len));
#if TERN_CONFIG_AES_X86NI
    {
        unsigned nr = 0;
        const uint64_t *ek = fused_keys(bc, &nr);
        if (ek != NULL) {
            tern_gcm_x86ni_hkey(h, ek, nr);
            ret = tern_gcm_x86ni_open(ek, nr, h, iv, iv_len, aad, aad_len, buf, len, tag, tag_len);
            tern_wipe(h, sizeof(h));
            return ret;
        }
    }
#endif
    memset(h, 0, sizeof(h));
    (*bc)->encrypt(bc, h, 1);
    ret = tern_gcm_generic_open(bc, tern_ghash_ctmul, h, iv, iv_len, aad, aad_len, buf, len, tag,
                                tag_len);
    tern_wipe(h, sizeof(h));
    return ret;
}
