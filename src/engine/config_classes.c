/*
 * Application crypto classes in the configuration (AEAD, hash,
 * signature, CBC block cipher): the setters, the
 * public getters and the engine's lookups (engine_internal.h). The
 * built-in path costs one test of cfg->classes_set per lookup.
 */
#include <stddef.h>

#include "common/try_internal.h"
#include "engine/engine_internal.h"
#if TERN_CONFIG_CHACHA20
#include "tern/chacha.h"
#endif

#define HAVE_AES (TERN_CONFIG_AES_CT || TERN_CONFIG_AES_X86NI)

/* AEAD slots of cfg->aead_classes, in TERN_AEAD_ID_* order. */
static const uint16_t aead_ids[TERN_AEAD_ID_COUNT] = {
    TERN_AEAD_ID_AES_128_GCM,      TERN_AEAD_ID_AES_256_GCM,   TERN_AEAD_ID_AES_128_CCM,
    TERN_AEAD_ID_AES_256_CCM,      TERN_AEAD_ID_AES_128_CCM_8, TERN_AEAD_ID_AES_256_CCM_8,
    TERN_AEAD_ID_CHACHA20_POLY1305};

/* The built-in class of AEAD slot i, or NULL when compiled out. */
static const tern_aead_class *builtin_aead(size_t i)
{
    switch (i) {
#if HAVE_AES
    case 0:
        return &tern_aead_aes128_gcm;
    case 1:
        return &tern_aead_aes256_gcm;
    case 2:
        return &tern_aead_aes128_ccm;
    case 3:
        return &tern_aead_aes256_ccm;
    case 4:
        return &tern_aead_aes128_ccm8;
    case 5:
        return &tern_aead_aes256_ccm8;
#endif
#if TERN_CONFIG_CHACHA20
    case 6:
        return &tern_aead_chacha20_poly1305;
#endif
    default:
        return NULL;
    }
}

/* Slot of an AEAD id, or TERN_AEAD_ID_COUNT. */
static size_t aead_slot(uint16_t id)
{
    size_t i;
    for (i = 0; i < TERN_AEAD_ID_COUNT && aead_ids[i] != id; i++) {
    }
    return i;
}

/* The built-in block cipher of a TERN_BLOCK_* slot (the class the CBC
 * suites pick, suites.c), or NULL when compiled out or unknown. */
static const tern_block_class *builtin_block(int cipher)
{
    switch (cipher) {
#if HAVE_AES
    case TERN_BLOCK_AES_128:
    case TERN_BLOCK_AES_256:
        return tern_aes_get();
#endif
#if TERN_CONFIG_3DES
    case TERN_BLOCK_3DES:
        return &tern_des3_class;
#endif
    default:
        return NULL;
    }
}

/* Slot of a hash id in cfg->hash_classes, or 2. */
static size_t hash_slot(int id)
{
    return id == TERN_HASH_SHA256 ? 0u : id == TERN_HASH_SHA384 ? 1u : 2u;
}

static void update_flag(tern_config *cfg)
{
    size_t i;
    int any = 0;
    for (i = 0; i < TERN_AEAD_ID_COUNT; i++) {
        any |= cfg->aead_classes[i] != NULL;
    }
    for (i = 0; i < 2; i++) {
        any |= cfg->hash_classes[i] != NULL;
    }
    for (i = 0; i < TERN_MAX_SIG_CLASSES; i++) {
        any |= cfg->sig_classes[i] != NULL;
    }
    for (i = 0; i < TERN_BLOCK_ID_COUNT; i++) {
        any |= cfg->block_classes[i] != NULL;
    }
    cfg->classes_set = (uint8_t)any;
}

/* see include/tern/engine.h */
int tern_config_set_aead_class(tern_config *cfg, uint16_t aead_id, const tern_aead_class *cls)
{
    size_t slot = aead_slot(aead_id);
    const tern_aead_class *builtin;

    TERN_ENSURE(cfg != NULL, TERN_ERR_NULL_POINTER);
    builtin = slot < TERN_AEAD_ID_COUNT ? builtin_aead(slot) : NULL;
    TERN_ENSURE(builtin != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    if (cls != NULL) {
        TERN_ENSURE(cls->key_len == builtin->key_len && cls->nonce_len == builtin->nonce_len &&
                        cls->tag_len == builtin->tag_len && cls->nonce_len == 12,
                    TERN_ERR_BAD_ARG);
        TERN_ENSURE(cls->init != NULL && cls->seal != NULL && cls->open != NULL &&
                        cls->ctx_size >= sizeof(const tern_aead_class *),
                    TERN_ERR_BAD_ARG);
    }
    cfg->aead_classes[slot] = cls == builtin ? NULL : cls;
    update_flag(cfg);
    return TERN_OK;
}

/* see include/tern/engine.h */
int tern_config_set_hash_class(tern_config *cfg, int hash_id, const tern_hash_class *cls)
{
    size_t slot = hash_slot(hash_id);
    const tern_hash_class *builtin;

    TERN_ENSURE(cfg != NULL, TERN_ERR_NULL_POINTER);
    builtin = slot < 2 ? tern_hash_by_id(hash_id) : NULL;
    TERN_ENSURE(builtin != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    if (cls != NULL) {
        TERN_ENSURE(cls->id == builtin->id && cls->digest_len == builtin->digest_len &&
                        cls->block_len == builtin->block_len,
                    TERN_ERR_BAD_ARG);
        /* HMAC and the transcript keep hash states in tern_hash_ctx. */
        TERN_ENSURE(cls->init != NULL && cls->update != NULL && cls->out != NULL &&
                        cls->ctx_size >= sizeof(const tern_hash_class *) &&
                        cls->ctx_size <= sizeof(tern_hash_ctx),
                    TERN_ERR_BAD_ARG);
    }
    cfg->hash_classes[slot] = cls == builtin ? NULL : cls;
    update_flag(cfg);
    return TERN_OK;
}

/* see include/tern/engine.h */
int tern_config_set_sig_class(tern_config *cfg, uint16_t scheme, const tern_sig_class *cls)
{
    const tern_sig_class *builtin = tern_sig_by_scheme(scheme);
    size_t i, slot = TERN_MAX_SIG_CLASSES, free_slot = TERN_MAX_SIG_CLASSES;

    TERN_ENSURE(cfg != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(builtin != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    if (cls != NULL) {
        TERN_ENSURE(cls->scheme == scheme && cls->key_type == builtin->key_type &&
                        cls->curve == builtin->curve && cls->sign != NULL && cls->verify != NULL,
                    TERN_ERR_BAD_ARG);
        TERN_ENSURE((cls->hash == NULL) == (builtin->hash == NULL) &&
                        (cls->hash == NULL || cls->hash->id == builtin->hash->id),
                    TERN_ERR_BAD_ARG);
    }
    for (i = 0; i < TERN_MAX_SIG_CLASSES; i++) {
        if (cfg->sig_classes[i] == NULL) {
            free_slot = free_slot < i ? free_slot : i;
        } else if (cfg->sig_classes[i]->scheme == scheme) {
            slot = i;
        }
    }
    if (cls == NULL || cls == builtin) {
        if (slot < TERN_MAX_SIG_CLASSES) {
            cfg->sig_classes[slot] = NULL;
        }
    } else {
        slot = slot < TERN_MAX_SIG_CLASSES ? slot : free_slot;
        TERN_ENSURE(slot < TERN_MAX_SIG_CLASSES, TERN_ERR_FULL);
        cfg->sig_classes[slot] = cls;
    }
    if (slot < TERN_MAX_SIG_CLASSES) {
        /* digest functions belong to the class they were set for */
        cfg->sig_sign_digest[slot] = NULL;
        cfg->sig_verify_digest[slot] = NULL;
    }
    update_flag(cfg);
    return TERN_OK;
}

/* see include/tern/engine.h */
int tern_config_set_sig_digest(tern_config *cfg, uint16_t scheme, tern_sig_sign_digest_fn sign,
                               tern_sig_verify_digest_fn verify)
{
    size_t i;

    TERN_ENSURE(cfg != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE((sign == NULL) == (verify == NULL), TERN_ERR_BAD_ARG);
    for (i = 0; i < TERN_MAX_SIG_CLASSES; i++) {
        if (cfg->sig_classes[i] != NULL && cfg->sig_classes[i]->scheme == scheme) {
            cfg->sig_sign_digest[i] = sign;
            cfg->sig_verify_digest[i] = verify;
            return TERN_OK;
        }
    }
    return TERN_ERR_NOT_FOUND;
}

/* see include/tern/engine.h */
int tern_config_set_block_class(tern_config *cfg, int cipher, const tern_block_class *cls)
{
    const tern_block_class *builtin;

    TERN_ENSURE(cfg != NULL, TERN_ERR_NULL_POINTER);
    builtin = builtin_block(cipher);
    TERN_ENSURE(builtin != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    if (cls != NULL) {
        TERN_ENSURE(cls->block_len == builtin->block_len &&
                        (cls->flags & TERN_BLOCK_ENCRYPT_ONLY) == 0 && cls->init != NULL &&
                        cls->encrypt != NULL && cls->decrypt != NULL &&
                        cls->ctx_size >= sizeof(const tern_block_class *),
                    TERN_ERR_BAD_ARG);
    }
    cfg->block_classes[cipher] = cls == builtin ? NULL : cls;
    update_flag(cfg);
    return TERN_OK;
}

/* see src/engine/engine_internal.h */
const tern_sig_class *tern_cfg_sig_digest(const tern_config *cfg, uint16_t scheme,
                                          tern_sig_sign_digest_fn *sign,
                                          tern_sig_verify_digest_fn *verify)
{
    size_t i;
    for (i = 0; cfg->classes_set && i < TERN_MAX_SIG_CLASSES; i++) {
        if (cfg->sig_classes[i] != NULL && cfg->sig_classes[i]->scheme == scheme &&
            cfg->sig_sign_digest[i] != NULL) {
            *sign = cfg->sig_sign_digest[i];
            *verify = cfg->sig_verify_digest[i];
            return cfg->sig_classes[i];
        }
    }
    return NULL;
}

/* see src/engine/engine_internal.h */
const tern_aead_class *tern_cfg_aead_find(const tern_config *cfg, const tern_aead_class *builtin)
{
    size_t i;
    for (i = 0; i < TERN_AEAD_ID_COUNT; i++) {
        if (cfg->aead_classes[i] != NULL && builtin_aead(i) == builtin) {
            return cfg->aead_classes[i];
        }
    }
    return builtin;
}

/* see src/engine/engine_internal.h */
const tern_hash_class *tern_cfg_hash_find(const tern_config *cfg, const tern_hash_class *builtin)
{
    size_t slot = builtin != NULL ? hash_slot(builtin->id) : 2u;
    if (slot < 2 && cfg->hash_classes[slot] != NULL) {
        return cfg->hash_classes[slot];
    }
    return builtin;
}

/* see src/engine/engine_internal.h */
const tern_sig_class *tern_cfg_sig_find(const tern_config *cfg, uint16_t scheme)
{
    size_t i;
    for (i = 0; i < TERN_MAX_SIG_CLASSES; i++) {
        if (cfg->sig_classes[i] != NULL && cfg->sig_classes[i]->scheme == scheme) {
            return cfg->sig_classes[i];
        }
    }
    return tern_sig_by_scheme(scheme);
}

/* see src/engine/engine_internal.h */
const tern_block_class *tern_cfg_block_find(const tern_config *cfg, const tern_block_class *builtin,
                                            size_t key_len)
{
    int slot;
    if (builtin == NULL) {
        return NULL;
    }
    /* the suite table's classes: 3DES (8-byte blocks) or AES by key */
    slot = builtin->block_len == 8 ? TERN_BLOCK_3DES
           : key_len == 16         ? TERN_BLOCK_AES_128
           : key_len == 32         ? TERN_BLOCK_AES_256
                                   : TERN_BLOCK_ID_COUNT;
    if (slot < TERN_BLOCK_ID_COUNT && cfg->block_classes[slot] != NULL) {
        return cfg->block_classes[slot];
    }
    return builtin;
}

/* see include/tern/engine.h */
const tern_aead_class *tern_config_aead_class(const tern_config *cfg, uint16_t aead_id)
{
    size_t slot = aead_slot(aead_id);
    const tern_aead_class *builtin = slot < TERN_AEAD_ID_COUNT ? builtin_aead(slot) : NULL;
    if (cfg == NULL || builtin == NULL) {
        return builtin;
    }
    return cfg->aead_classes[slot] != NULL ? cfg->aead_classes[slot] : builtin;
}

/* see include/tern/engine.h */
const tern_hash_class *tern_config_hash_class(const tern_config *cfg, int hash_id)
{
    const tern_hash_class *builtin = hash_slot(hash_id) < 2 ? tern_hash_by_id(hash_id) : NULL;
    return cfg == NULL || builtin == NULL ? builtin : tern_cfg_hash_find(cfg, builtin);
}

/* see include/tern/engine.h */
const tern_sig_class *tern_config_sig_class(const tern_config *cfg, uint16_t scheme)
{
    return cfg == NULL ? tern_sig_by_scheme(scheme) : tern_cfg_sig_find(cfg, scheme);
}

/* see include/tern/engine.h */
const tern_block_class *tern_config_block_class(const tern_config *cfg, int cipher)
{
    const tern_block_class *builtin = builtin_block(cipher);
    if (cfg == NULL || builtin == NULL || cfg->block_classes[cipher] == NULL) {
        return builtin;
    }
    return cfg->block_classes[cipher];
}
