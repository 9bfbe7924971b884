/*
 * AES-GCM AEAD classes for the record layer (RFC 5288, RFC 8446 5.3):
 * 12-byte nonce, 16-byte tag.
 *
 * The plain classes pick, at init, the fused AES-NI + PCLMULQDQ code when
 * the CPU has both, else the portable constant-time code; the _ct classes
 * always take the portable code (bitsliced AES, tern_ghash_ctmul). Either
 * way the key schedule and the hash key (or its powers) are computed once,
 * at init, and kept in the context.
 */
#include "tern/config.h"

#if TERN_CONFIG_AES_CT || TERN_CONFIG_AES_X86NI

#include <string.h>

#include "common/try_internal.h"
#include "crypto/aead/gcm_internal.h"
#include "crypto/cipher/aes_x86ni_internal.h"
#include "tern/aead.h"
#include "tern/util.h"

typedef struct gcm_ctx {
    const tern_aead_class *vtable;
    uint32_t fused; /* 1: the AES-NI + PCLMULQDQ member is in use */
    union {
#if TERN_CONFIG_AES_CT
        struct {
            tern_aes_ct_ctx aes;
            uint8_t h[16];
        } ct;
#endif
#if TERN_CONFIG_AES_X86NI
        struct {
            tern_aes_x86ni_ctx aes;
            tern_gcm_x86ni_hkey hk;
        } ni;
#endif
    } u;
} gcm_ctx;

/* Every built-in AEAD context must fit tern_aead_ctx (ISO C99 has no
 * static assertion: a negative array size stops the build instead). */
typedef char tern_gcm_ctx_fits[(sizeof(gcm_ctx) <= TERN_AEAD_CTX_MAX) ? 1 : -1];

static int init_common(const tern_aead_class *cls, const tern_aead_class **ctx, const uint8_t *key,
                       int allow_fused)
{
    gcm_ctx *c = (gcm_ctx *)(void *)ctx;

    TERN_CHECK_ARG(ctx != NULL && key != NULL);
    c->vtable = cls;
    c->fused = 0;
#if TERN_CONFIG_AES_X86NI
    if (allow_fused) {
        const tern_block_class *ni = tern_aes_x86ni_get();
        if (ni != NULL) {
            TERN_TRY(ni->init(&c->u.ni.aes.vtable, key, cls->key_len));
            if (c->u.ni.aes.has_pclmul) {
                tern_gcm_x86ni_hkey_init(&c->u.ni.hk, &c->u.ni.aes);
                c->fused = 1;
                return TERN_OK;
            }
            tern_block_wipe(&c->u.ni.aes.vtable);
        }
    }
#else
    (void)allow_fused;
#endif
#if TERN_CONFIG_AES_CT
    /* encrypt only: GCM never runs the inverse cipher */
    TERN_TRY(tern_aes_ct_enc_class.init(&c->u.ct.aes.vtable, key, cls->key_len));
    memset(c->u.ct.h, 0, 16);
    c->u.ct.aes.vtable->encrypt(&c->u.ct.aes.vtable, c->u.ct.h, 1);
    return TERN_OK;
#else
    return TERN_ERR_UNSUPPORTED;
#endif
}

static int gcm_seal(const tern_aead_class *const *ctx, const uint8_t *nonce, const uint8_t *aad,
                    size_t aad_len, uint8_t *buf, size_t len, uint8_t *tag)
{
    const gcm_ctx *c = (const gcm_ctx *)(const void *)ctx;

    TERN_CHECK_ARG(nonce != NULL && tag != NULL);
    TERN_CHECK_ARG(aad != NULL || aad_len == 0);
    TERN_CHECK_ARG(buf != NULL || len == 0);
    TERN_TRY(tern_gcm_check_lengths(12, aad_len, len, 16));
#if TERN_CONFIG_AES_X86NI
    if (c->fused) {
        tern_gcm_x86ni_seal(&c->u.ni.aes, &c->u.ni.hk, nonce, 12, aad, aad_len, buf, len, tag, 16);
        return TERN_OK;
    }
#endif
#if TERN_CONFIG_AES_CT
    tern_gcm_generic_seal(&c->u.ct.aes.vtable, tern_ghash_ctmul, c->u.ct.h, nonce, 12, aad, aad_len,
                          buf, len, tag, 16);
    return TERN_OK;
#else
    return TERN_ERR_BAD_STATE;
#endif
}

static int gcm_open(const tern_aead_class *const *ctx, const uint8_t *nonce, const uint8_t *aad,
                    size_t aad_len, uint8_t *buf, size_t len, const uint8_t *tag)
{
    const gcm_ctx *c = (const gcm_ctx *)(const void *)ctx;

    TERN_CHECK_ARG(nonce != NULL && tag != NULL);
    TERN_CHECK_ARG(aad != NULL || aad_len == 0);
    TERN_CHECK_ARG(buf != NULL || len == 0);
    TERN_TRY(tern_gcm_check_lengths(12, aad_len, len, 16));
#if TERN_CONFIG_AES_X86NI
    if (c->fused) {
        return tern_gcm_x86ni_open(&c->u.ni.aes, &c->u.ni.hk, nonce, 12, aad, aad_len, buf, len,
                                   tag, 16);
    }
#endif
#if TERN_CONFIG_AES_CT
    return tern_gcm_generic_open(&c->u.ct.aes.vtable, tern_ghash_ctmul, c->u.ct.h, nonce, 12, aad,
                                 aad_len, buf, len, tag, 16);
#else
    return TERN_ERR_BAD_STATE;
#endif
}

static int aes128_gcm_init(const tern_aead_class **ctx, const uint8_t *key)
{
    return init_common(&tern_aead_aes128_gcm, ctx, key, 1);
}

static int aes256_gcm_init(const tern_aead_class **ctx, const uint8_t *key)
{
    return init_common(&tern_aead_aes256_gcm, ctx, key, 1);
}

/* see include/tern/aead.h */
const tern_aead_class tern_aead_aes128_gcm = {
    "AES-128-GCM",   16,       12,       16, TERN_AEAD_CONSTANT_TIME, (uint16_t)sizeof(gcm_ctx),
    aes128_gcm_init, gcm_seal, gcm_open,
};

/* see include/tern/aead.h */
const tern_aead_class tern_aead_aes256_gcm = {
    "AES-256-GCM",   32,       12,       16, TERN_AEAD_CONSTANT_TIME, (uint16_t)sizeof(gcm_ctx),
    aes256_gcm_init, gcm_seal, gcm_open,
};

#if TERN_CONFIG_AES_CT
static int aes128_gcm_ct_init(const tern_aead_class **ctx, const uint8_t *key)
{
    return init_common(&tern_aead_aes128_gcm_ct, ctx, key, 0);
}

static int aes256_gcm_ct_init(const tern_aead_class **ctx, const uint8_t *key)
{
    return init_common(&tern_aead_aes256_gcm_ct, ctx, key, 0);
}

/* see include/tern/aead.h */
const tern_aead_class tern_aead_aes128_gcm_ct = {
    "AES-128-GCM (portable)",
    16,
    12,
    16,
    TERN_AEAD_CONSTANT_TIME,
    (uint16_t)sizeof(gcm_ctx),
    aes128_gcm_ct_init,
    gcm_seal,
    gcm_open,
};

/* see include/tern/aead.h */
const tern_aead_class tern_aead_aes256_gcm_ct = {
    "AES-256-GCM (portable)",
    32,
    12,
    16,
    TERN_AEAD_CONSTANT_TIME,
    (uint16_t)sizeof(gcm_ctx),
    aes256_gcm_ct_init,
    gcm_seal,
    gcm_open,
};
#endif

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_aead_gcm_unused_;
#endif
