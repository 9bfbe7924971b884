/*
 * AES-CCM AEAD classes for TLS (RFC 6655; RFC 8446 for TLS 1.3): 12-byte
 * nonce (so L = 3), 16-byte tag for CCM and 8-byte tag for CCM_8. The AES
 * implementation is chosen once, at init: AES-NI when the CPU has it,
 * else the bitsliced code, both in their encrypt-only form (CCM only
 * encrypts), so the context holds encryption round keys only: 264 bytes
 * on x86-64 instead of a full tern_block_ctx (504).
 */
#include "tern/config.h"

#if TERN_CONFIG_AES_CT || TERN_CONFIG_AES_X86NI

#include "common/try_internal.h"
#include "crypto/cipher/aes_x86ni_internal.h"
#include "tern/aead.h"
#include "tern/util.h"

typedef struct ccm_ctx {
    const tern_aead_class *vtable;
    union {
        const tern_block_class *vtable;
#if TERN_CONFIG_AES_CT
        tern_aes_ct_ctx ct;
#endif
#if TERN_CONFIG_AES_X86NI
        tern_aes_x86ni_enc_ctx ni;
#endif
    } aes;
} ccm_ctx;

/* See aead_gcm.c. */
typedef char tern_ccm_ctx_fits[(sizeof(ccm_ctx) <= TERN_AEAD_CTX_MAX) ? 1 : -1];

/* The fastest encrypt-only AES class here (NULL: none built). */
static const tern_block_class *enc_class(void)
{
#if TERN_CONFIG_AES_X86NI
    if (tern_aes_x86ni_get() != NULL) {
        return &tern_aes_x86ni_enc_class;
    }
#endif
#if TERN_CONFIG_AES_CT
    return &tern_aes_ct_enc_class;
#else
    return NULL;
#endif
}

static int init_common(const tern_aead_class *cls, const tern_aead_class **ctx, const uint8_t *key)
{
    ccm_ctx *c = (ccm_ctx *)(void *)ctx;
    const tern_block_class *aes = enc_class();

    TERN_CHECK_ARG(ctx != NULL && key != NULL);
    TERN_ENSURE(aes != NULL, TERN_ERR_UNSUPPORTED);
    c->vtable = cls;
    return aes->init(&c->aes.vtable, key, cls->key_len);
}

static int ccm_seal(const tern_aead_class *const *ctx, const uint8_t *nonce, const uint8_t *aad,
                    size_t aad_len, uint8_t *buf, size_t len, uint8_t *tag)
{
    const ccm_ctx *c = (const ccm_ctx *)(const void *)ctx;
    return tern_ccm_seal(&c->aes.vtable, nonce, 12, aad, aad_len, buf, len, tag, (*ctx)->tag_len);
}

static int ccm_open(const tern_aead_class *const *ctx, const uint8_t *nonce, const uint8_t *aad,
                    size_t aad_len, uint8_t *buf, size_t len, const uint8_t *tag)
{
    const ccm_ctx *c = (const ccm_ctx *)(const void *)ctx;
    return tern_ccm_open(&c->aes.vtable, nonce, 12, aad, aad_len, buf, len, tag, (*ctx)->tag_len);
}

static int aes128_ccm_init(const tern_aead_class **ctx, const uint8_t *key)
{
    return init_common(&tern_aead_aes128_ccm, ctx, key);
}

static int aes128_ccm8_init(const tern_aead_class **ctx, const uint8_t *key)
{
    return init_common(&tern_aead_aes128_ccm8, ctx, key);
}

static int aes256_ccm_init(const tern_aead_class **ctx, const uint8_t *key)
{
    return init_common(&tern_aead_aes256_ccm, ctx, key);
}

static int aes256_ccm8_init(const tern_aead_class **ctx, const uint8_t *key)
{
    return init_common(&tern_aead_aes256_ccm8, ctx, key);
}

/* see include/tern/aead.h */
const tern_aead_class tern_aead_aes128_ccm = {
    "AES-128-CCM",   16,       12,       16, TERN_AEAD_CONSTANT_TIME, (uint16_t)sizeof(ccm_ctx),
    aes128_ccm_init, ccm_seal, ccm_open,
};

/* see include/tern/aead.h */
const tern_aead_class tern_aead_aes128_ccm8 = {
    "AES-128-CCM-8",  16,       12,       8, TERN_AEAD_CONSTANT_TIME, (uint16_t)sizeof(ccm_ctx),
    aes128_ccm8_init, ccm_seal, ccm_open,
};

/* see include/tern/aead.h */
const tern_aead_class tern_aead_aes256_ccm = {
    "AES-256-CCM",   32,       12,       16, TERN_AEAD_CONSTANT_TIME, (uint16_t)sizeof(ccm_ctx),
    aes256_ccm_init, ccm_seal, ccm_open,
};

/* see include/tern/aead.h */
const tern_aead_class tern_aead_aes256_ccm8 = {
    "AES-256-CCM-8",  32,       12,       8, TERN_AEAD_CONSTANT_TIME, (uint16_t)sizeof(ccm_ctx),
    aes256_ccm8_init, ccm_seal, ccm_open,
};

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_aead_ccm_unused_;
#endif
