/*
 * AES-GCM AEAD classes for the record layer (RFC 5288, RFC 8446 5.3):
 * 12-byte nonce, 16-byte tag.
 *
 * The plain classes pick, at init, the fused AES-NI + PCLMULQDQ code when
 * the CPU has both, else the portable constant-time code; the _ct classes
 * always take the portable code (bitsliced AES, tern_ghash_ctmul). Either
 * way the encryption round keys and the hash key are computed once, at
 * init, and kept in the context (GCM never runs the inverse cipher).
 *
 * Memory. A record protection keeps one context per direction, so the
 * context is kept small: one 240-byte area holds either kind of round
 * keys (AES-NI's, or the compact bitsliced ones of tern_aes_ct_ctx.sk),
 * then the 16-byte hash key; 272 bytes on x86-64. The fused code builds
 * the powers of H it needs per call (gcm_x86ni.c); the portable code
 * rebuilds its block context (class pointer, round keys, rounds) on the
 * stack per call, a copy that costs little next to the bitsliced AES.
 */
#include "tern/config.h"

#if TERN_CONFIG_AES_CT || TERN_CONFIG_AES_X86NI

#include <string.h>

#include "common/try_internal.h"
#include "crypto/aead/gcm_internal.h"
#include "crypto/cipher/aes_x86ni_internal.h"
#include "crypto/cipher/cpu_x86_internal.h"
#include "tern/aead.h"
#include "tern/util.h"

typedef struct gcm_ctx {
    const tern_aead_class *vtable;
    uint32_t fused;   /* 1: rk and h are for the fused AES-NI + PCLMULQDQ code */
    uint32_t nrounds; /* 10, 12 or 14 */
    uint64_t rk[30];  /* fused: AES-NI round keys; else tern_aes_ct_ctx.sk */
    uint8_t h[16];    /* fused: H' (gcm_internal.h); else H = E(K, 0^128) */
} gcm_ctx;

/* Every built-in AEAD context must fit tern_aead_ctx (ISO C99 has no
 * static assertion: a negative array size stops the build instead). */
typedef char tern_gcm_ctx_fits[(sizeof(gcm_ctx) <= TERN_AEAD_CTX_MAX) ? 1 : -1];

#if TERN_CONFIG_AES_CT
/* The bitsliced round keys fit rk. */
typedef char tern_gcm_ct_keys_fit[(sizeof(((tern_aes_ct_ctx *)0)->sk) <= sizeof(((gcm_ctx *)0)->rk))
                                      ? 1
                                      : -1];

/* The portable code's block context, rebuilt from the kept round keys
 * (the caller wipes it). */
static void ct_block(const gcm_ctx *c, tern_aes_ct_ctx *aes)
{
    aes->vtable = &tern_aes_ct_enc_class;
    memcpy(aes->sk, c->rk, sizeof(aes->sk));
    aes->nrounds = c->nrounds;
}
#endif

static int init_common(const tern_aead_class *cls, const tern_aead_class **ctx, const uint8_t *key,
                       int allow_fused)
{
    gcm_ctx *c = (gcm_ctx *)(void *)ctx;

    TERN_CHECK_ARG(ctx != NULL && key != NULL);
    c->vtable = cls;
    c->fused = 0;
#if TERN_CONFIG_AES_X86NI
    if (allow_fused && (tern_cpu_x86_features() & TERN_X86_NEED_GCM) == TERN_X86_NEED_GCM) {
        unsigned nr = tern_aes_x86ni_expand_enc(c->rk, key, cls->key_len);
        TERN_ENSURE(nr != 0, TERN_ERR_BAD_LENGTH);
        c->nrounds = nr;
        tern_gcm_x86ni_hkey(c->h, c->rk, nr);
        c->fused = 1;
        return TERN_OK;
    }
#else
    (void)allow_fused;
#endif
#if TERN_CONFIG_AES_CT
    {
        /* encrypt only: GCM never runs the inverse cipher */
        tern_aes_ct_ctx aes;
        int ret = tern_aes_ct_enc_class.init(&aes.vtable, key, cls->key_len);
        if (ret == TERN_OK) {
            memcpy(c->rk, aes.sk, sizeof(aes.sk));
            c->nrounds = aes.nrounds;
            memset(c->h, 0, 16);
            aes.vtable->encrypt(&aes.vtable, c->h, 1);
        }
        tern_wipe(&aes, sizeof(aes));
        return ret;
    }
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
        tern_gcm_x86ni_seal(c->rk, c->nrounds, c->h, nonce, 12, aad, aad_len, buf, len, tag, 16);
        return TERN_OK;
    }
#endif
#if TERN_CONFIG_AES_CT
    {
        tern_aes_ct_ctx aes;
        ct_block(c, &aes);
        tern_gcm_generic_seal(&aes.vtable, tern_ghash_ctmul, c->h, nonce, 12, aad, aad_len, buf,
                              len, tag, 16);
        tern_wipe(&aes, sizeof(aes));
        return TERN_OK;
    }
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
        return tern_gcm_x86ni_open(c->rk, c->nrounds, c->h, nonce, 12, aad, aad_len, buf, len, tag,
                                   16);
    }
#endif
#if TERN_CONFIG_AES_CT
    {
        tern_aes_ct_ctx aes;
        int ret;
        ct_block(c, &aes);
        ret = tern_gcm_generic_open(&aes.vtable, tern_ghash_ctmul, c->h, nonce, 12, aad, aad_len,
                                    buf, len, tag, 16);
        tern_wipe(&aes, sizeof(aes));
        return ret;
    }
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
