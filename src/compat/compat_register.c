/*
 * The algorithm tables of the guide's EEM (User Guide 4.4, 5.1):
 * tls_register_bulk / _hash / _sign, tern's tls_register_builtin and
 * tls_get_hash_attr.
 *
 * A slot holds a tern class and its algorithm number: tern's built-in
 * class or the application's own (a hardware accelerator, say). tls_start
 * offers what the slots hold and hands every application class to the
 * configurations it builds (tern_config_set_*_class, compat_setup.c), so
 * the engine runs it. A class is checked here against the rules of those
 * setters (include/tern/engine.h), so that tls_start cannot fail on it:
 * it must be a class of the algorithm alg_id names (lengths, scheme, key
 * type) with all its functions. The engine replaces only the hashes it
 * runs itself (SHA-256 and SHA-384: transcript, PRF, Finished): an
 * application class of another hash would never be called, so it is
 * refused with TLS_ENCRYPTION_MODULE_ERR rather than silently ignored.
 *
 * CBC block ciphers (TLS_BULK_ALG_*_CBC, tern's ids) are tern block
 * classes (tern/cipher.h): tern's own (then the engine runs its best AES
 * class or its 3DES, as without any registration) or the application's,
 * handed to tern_config_set_block_class (one slot per AES key length and
 * 3DES). Their MAC is the HMAC of a registered hash (the guide's model: a
 * suite is hash + signature + bulk), so there is no MAC table.
 */
#include <string.h>

#include "compat/compat_internal.h"
#include "tern/cipher.h"
#if TERN_CONFIG_CHACHA20
#include "tern/chacha.h"
#endif

#define HAVE_AES (TERN_CONFIG_AES_CT || TERN_CONFIG_AES_X86NI)

/* The built-in AEAD class for an IANA AEAD number, or NULL. */
static const tern_aead_class *builtin_aead(uint16_t alg_id)
{
    switch (alg_id) {
#if HAVE_AES
    case TLS_BULK_ALG_AES_128_GCM:
        return &tern_aead_aes128_gcm;
    case TLS_BULK_ALG_AES_256_GCM:
        return &tern_aead_aes256_gcm;
    case TLS_BULK_ALG_AES_128_CCM:
        return &tern_aead_aes128_ccm;
    case TLS_BULK_ALG_AES_256_CCM:
        return &tern_aead_aes256_ccm;
    case TLS_BULK_ALG_AES_128_CCM_8:
        return &tern_aead_aes128_ccm8;
    case TLS_BULK_ALG_AES_256_CCM_8:
        return &tern_aead_aes256_ccm8;
#endif
#if TERN_CONFIG_CHACHA20
    case TLS_BULK_ALG_CHACHA20_POLY1305:
        return &tern_aead_chacha20_poly1305;
#endif
    default:
        return NULL;
    }
}

static int is_builtin_aead(const tern_aead_class *cls)
{
    static const uint16_t ids[] = {TLS_BULK_ALG_AES_128_GCM,      TLS_BULK_ALG_AES_256_GCM,
                                   TLS_BULK_ALG_AES_128_CCM,      TLS_BULK_ALG_AES_256_CCM,
                                   TLS_BULK_ALG_AES_128_CCM_8,    TLS_BULK_ALG_AES_256_CCM_8,
                                   TLS_BULK_ALG_CHACHA20_POLY1305};
    size_t i;
    for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        if (builtin_aead(ids[i]) == cls) {
            return 1;
        }
    }
    return 0;
}

/* 1 if cls is one of tern's built-in AES classes that decrypt too; 2 if
 * it is the encrypt-only one; 0 otherwise. */
static int builtin_aes(const tern_block_class *cls)
{
#if HAVE_AES
    if (cls == tern_aes_get() || (tern_aes_x86ni_get() != NULL && cls == tern_aes_x86ni_get())) {
        return 1;
    }
#endif
#if TERN_CONFIG_AES_CT
#if TERN_CONFIG_WORD_BITS == 64
    if (cls == &tern_aes_ct64_class) {
        return 1;
    }
#endif
    if (cls == &tern_aes_ct32_class || cls == &tern_aes_ct_class) {
        return 1;
    }
    if (cls == &tern_aes_ct_enc_class) {
        return 2;
    }
#endif
    (void)cls;
    return 0;
}

static int builtin_des3(const tern_block_class *cls)
{
#if TERN_CONFIG_3DES
    return cls == &tern_des3_class;
#else
    (void)cls;
    return 0;
#endif
}

/* Checks a CBC registration: tern's block class of the algorithm alg_id
 * names, or an application class usable by tern_config_set_block_class
 * (its block length, not encrypt-only, all functions); the key within
 * TLS_MAX_BKEY_LEN. */
static t_tls_ret check_cbc(const tern_block_class *cls, uint16_t alg_id)
{
    int aes = builtin_aes(cls), des3 = builtin_des3(cls), have;
    size_t key_len, block_len;

    switch (alg_id) {
    case TLS_BULK_ALG_3DES_EDE_CBC:
        key_len = 24;
        block_len = 8;
        have = TERN_CONFIG_3DES;
        break;
    case TLS_BULK_ALG_AES_128_CBC:
        key_len = 16;
        block_len = 16;
        have = HAVE_AES;
        break;
    case TLS_BULK_ALG_AES_256_CBC:
        key_len = 32;
        block_len = 16;
        have = HAVE_AES;
        break;
    default:
        return TLS_PARAM_ERR; /* not a CBC cipher tern has */
    }
    if (!have) {
        return TLS_ENCRYPTION_MODULE_ERR; /* compiled out: the engine never runs it */
    }
    if (aes == 2 || (aes && block_len != 16) || (des3 && block_len != 8)) {
        return TLS_PARAM_ERR; /* encrypt-only, or the other cipher */
    }
    if (!aes && !des3 &&
        (cls->block_len != block_len || (cls->flags & TERN_BLOCK_ENCRYPT_ONLY) != 0 ||
         cls->init == NULL || cls->encrypt == NULL || cls->decrypt == NULL ||
         cls->ctx_size < sizeof(const tern_block_class *))) {
        return TLS_PARAM_ERR; /* not a usable class (tern_config_set_block_class) */
    }
    if (key_len > TLS_MAX_BKEY_LEN) {
        return TLS_PARAM_ERR;
    }
    return TLS_OK;
}

/* see src/compat/compat_internal.h */
int compat_block_install(tern_config *cfg, uint16_t alg_id, const void *cls)
{
    const tern_block_class *b = (const tern_block_class *)cls;
    int slot = alg_id == TLS_BULK_ALG_AES_128_CBC   ? TERN_BLOCK_AES_128
               : alg_id == TLS_BULK_ALG_AES_256_CBC ? TERN_BLOCK_AES_256
                                                    : TERN_BLOCK_3DES;
    /* tern's own: the engine's choice (NULL), so a later slot wins */
    return tern_config_set_block_class(cfg, slot, builtin_aes(b) || builtin_des3(b) ? NULL : b);
}

/* Common checks of the three register functions. */
static t_tls_ret check_slot(size_t idx, size_t size, const void *cls)
{
    if (g_tls.state != COMPAT_INITED) {
        return TLS_INIT_ERR; /* before tls_init, or after tls_start */
    }
    if (idx >= size) {
        return TLS_PARAM_ERR;
    }
    if (cls == NULL) {
        return TLS_NULL_PTR_ERR;
    }
    return TLS_OK;
}

static t_tls_ret put(compat_alg *slot, const void *cls, uint16_t alg_id)
{
    slot->cls = cls;
    slot->alg_id = alg_id;
    return TLS_OK;
}

static t_tls_ret register_bulk(t_tls_bulk_algorithm_index idx, const tern_aead_class *cls,
                               uint16_t alg_id)
{
    const tern_aead_class *builtin;
    t_tls_ret ret = check_slot(idx, TLS_MAX_BULK_ALG_SIZE, cls);

    if (ret != TLS_OK) {
        return ret;
    }
    if (COMPAT_BULK_IS_CBC(alg_id)) {
        if (is_builtin_aead(cls)) {
            return TLS_PARAM_ERR; /* tern's AEAD under a CBC id */
        }
        ret = check_cbc((const tern_block_class *)(const void *)cls, alg_id);
        return ret != TLS_OK ? ret : put(&g_tls.bulk[idx], cls, alg_id);
    }
    if (builtin_aes((const tern_block_class *)(const void *)cls) ||
        builtin_des3((const tern_block_class *)(const void *)cls)) {
        return TLS_PARAM_ERR; /* tern's block cipher under an AEAD id */
    }
    builtin = builtin_aead(alg_id);
    if (builtin != cls && is_builtin_aead(cls)) {
        return TLS_PARAM_ERR; /* tern's class of another algorithm */
    }
    if (builtin == NULL || cls->key_len != builtin->key_len ||
        cls->nonce_len != builtin->nonce_len || cls->tag_len != builtin->tag_len ||
        cls->key_len > TLS_MAX_BKEY_LEN) {
        return TLS_PARAM_ERR; /* not that algorithm, or a key too long */
    }
    if (cls != builtin && (cls->init == NULL || cls->seal == NULL || cls->open == NULL ||
                           cls->ctx_size < sizeof(const tern_aead_class *))) {
        return TLS_PARAM_ERR; /* not a usable class (tern_config_set_aead_class) */
    }
    return put(&g_tls.bulk[idx], cls, alg_id);
}

static t_tls_ret register_hash(t_tls_hash_algorithm_index idx, const tern_hash_class *cls,
                               uint16_t alg_id)
{
    const tern_hash_class *builtin;
    t_tls_ret ret = check_slot(idx, TLS_MAX_HASH_ALG_SIZE, cls);

    if (ret != TLS_OK) {
        return ret;
    }
    builtin = tern_hash_by_id((int)alg_id);
    if (builtin == NULL || cls->id != alg_id || cls->digest_len > TLS_MAX_HMAC_LEN) {
        return TLS_PARAM_ERR;
    }
    if (cls != builtin) {
        if (alg_id != TLS_HASH_ALG_SHA256 && alg_id != TLS_HASH_ALG_SHA384) {
            return TLS_ENCRYPTION_MODULE_ERR; /* the engine never runs it */
        }
        if (cls->digest_len != builtin->digest_len || cls->block_len != builtin->block_len ||
            cls->init == NULL || cls->update == NULL || cls->out == NULL ||
            cls->ctx_size < sizeof(const tern_hash_class *) ||
            cls->ctx_size > sizeof(tern_hash_ctx)) {
            return TLS_PARAM_ERR; /* not a usable class (tern_config_set_hash_class) */
        }
    }
    return put(&g_tls.hash[idx], cls, alg_id);
}

static t_tls_ret register_sign(t_tls_sign_algorithm_index idx, const tern_sig_class *cls,
                               uint16_t alg_id)
{
    const tern_sig_class *builtin;
    t_tls_ret ret = check_slot(idx, TLS_MAX_SIGN_ALG_SIZE, cls);

    if (ret != TLS_OK) {
        return ret;
    }
    builtin = tern_sig_by_scheme(alg_id);
    if (builtin == NULL || cls->scheme != alg_id) {
        return TLS_PARAM_ERR;
    }
    if (cls != builtin &&
        (cls->key_type != builtin->key_type || cls->curve != builtin->curve || cls->sign == NULL ||
         cls->verify == NULL || (cls->hash == NULL) != (builtin->hash == NULL) ||
         (cls->hash != NULL && cls->hash->id != builtin->hash->id))) {
        return TLS_PARAM_ERR; /* not a usable class (tern_config_set_sig_class) */
    }
    return put(&g_tls.sign[idx], cls, alg_id);
}

/* see include/api_tls.h */
t_tls_ret tls_register_bulk(t_tls_bulk_algorithm_index idx, t_enc_ifc_hdl ifc_hdl, uint16_t alg_id)
{
    COMPAT_LOCKED(register_bulk(idx, (const tern_aead_class *)ifc_hdl, alg_id));
}

/* see include/api_tls.h */
t_tls_ret tls_register_hash(t_tls_hash_algorithm_index idx, t_enc_ifc_hdl ifc_hdl, uint16_t alg_id)
{
    COMPAT_LOCKED(register_hash(idx, (const tern_hash_class *)ifc_hdl, alg_id));
}

/* see include/api_tls.h */
t_tls_ret tls_register_sign(t_tls_sign_algorithm_index idx, t_enc_ifc_hdl ifc_hdl, uint16_t alg_id)
{
    COMPAT_LOCKED(register_sign(idx, (const tern_sig_class *)ifc_hdl, alg_id));
}

/* Registration order of tls_register_builtin: most useful first. */
static const uint16_t builtin_hashes[] = {TLS_HASH_ALG_SHA256, TLS_HASH_ALG_SHA384,
                                          TLS_HASH_ALG_SHA512, TLS_HASH_ALG_SHA1};
static const uint16_t builtin_bulks[] = {TLS_BULK_ALG_AES_128_GCM, TLS_BULK_ALG_AES_256_GCM,
                                         TLS_BULK_ALG_CHACHA20_POLY1305, TLS_BULK_ALG_AES_128_CCM,
                                         TLS_BULK_ALG_AES_128_CCM_8};
static const uint16_t builtin_signs[] = {TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256,
                                         TLS_SIGN_ALG_ECDSA_SECP384R1_SHA384,
                                         TLS_SIGN_ALG_RSA_PSS_RSAE_SHA256,
                                         TLS_SIGN_ALG_RSA_PKCS1_SHA256,
                                         TLS_SIGN_ALG_RSA_PSS_RSAE_SHA384,
                                         TLS_SIGN_ALG_RSA_PKCS1_SHA384,
                                         TLS_SIGN_ALG_RSA_PSS_RSAE_SHA512,
                                         TLS_SIGN_ALG_RSA_PKCS1_SHA512,
                                         TLS_SIGN_ALG_ED25519};

static int has_alg(const compat_alg *tab, size_t n, uint16_t alg_id)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (tab[i].cls != NULL && tab[i].alg_id == alg_id) {
            return 1;
        }
    }
    return 0;
}

/* Index of the first free slot, or n. */
static size_t free_slot(const compat_alg *tab, size_t n)
{
    size_t i;
    for (i = 0; i < n && tab[i].cls != NULL; i++) {
    }
    return i;
}

static t_tls_ret register_builtin(void)
{
    size_t i, k;

    if (g_tls.state != COMPAT_INITED) {
        return TLS_INIT_ERR;
    }
    for (i = 0; i < sizeof(builtin_hashes) / sizeof(builtin_hashes[0]); i++) {
        const tern_hash_class *cls = tern_hash_by_id(builtin_hashes[i]);
        k = free_slot(g_tls.hash, TLS_MAX_HASH_ALG_SIZE);
        if (cls != NULL && k < TLS_MAX_HASH_ALG_SIZE && cls->digest_len <= TLS_MAX_HMAC_LEN &&
            !has_alg(g_tls.hash, TLS_MAX_HASH_ALG_SIZE, builtin_hashes[i])) {
            (void)put(&g_tls.hash[k], cls, builtin_hashes[i]);
        }
    }
    for (i = 0; i < sizeof(builtin_bulks) / sizeof(builtin_bulks[0]); i++) {
        const tern_aead_class *cls = builtin_aead(builtin_bulks[i]);
        k = free_slot(g_tls.bulk, TLS_MAX_BULK_ALG_SIZE);
        if (cls != NULL && k < TLS_MAX_BULK_ALG_SIZE && cls->key_len <= TLS_MAX_BKEY_LEN &&
            !has_alg(g_tls.bulk, TLS_MAX_BULK_ALG_SIZE, builtin_bulks[i])) {
            (void)put(&g_tls.bulk[k], cls, builtin_bulks[i]);
        }
    }
    for (i = 0; i < sizeof(builtin_signs) / sizeof(builtin_signs[0]); i++) {
        const tern_sig_class *cls = tern_sig_by_scheme(builtin_signs[i]);
        k = free_slot(g_tls.sign, TLS_MAX_SIGN_ALG_SIZE);
        if (cls != NULL && k < TLS_MAX_SIGN_ALG_SIZE &&
            !has_alg(g_tls.sign, TLS_MAX_SIGN_ALG_SIZE, builtin_signs[i])) {
            (void)put(&g_tls.sign[k], cls, builtin_signs[i]);
        }
    }
    return TLS_OK;
}

/* see include/api_tls.h */
t_tls_ret tls_register_builtin(void)
{
    COMPAT_LOCKED(register_builtin());
}

/* DER DigestInfo prefixes (RFC 8017 9.2, note 1). */
static const uint8_t prefix_md5[] = {0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48,
                                     0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05, 0x00, 0x04, 0x10};
static const uint8_t prefix_sha1[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                      0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
/* SHA-2: 30 (len) 30 0d 06 09 60 86 48 01 65 03 04 02 (n) 05 00 04 (digest len) */
static const uint8_t prefix_sha2[] = {0x30, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                      0x65, 0x03, 0x04, 0x02, 0x00, 0x05, 0x00, 0x04, 0x00};

static t_tls_ret hash_attr(size_t idx, t_tls_hash_alg_attr *attr)
{
    const tern_hash_class *cls;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    if (attr == NULL) {
        return TLS_NULL_PTR_ERR;
    }
    if (idx >= TLS_MAX_HASH_ALG_SIZE) {
        return TLS_PARAM_ERR;
    }
    cls = (const tern_hash_class *)g_tls.hash[idx].cls;
    if (cls == NULL) {
        return TLS_NOT_FOUND_ERR;
    }
    memset(attr, 0, sizeof(*attr));
    if (cls->id == TERN_HASH_MD5) {
        memcpy(attr->digest_prefix, prefix_md5, sizeof(prefix_md5));
        attr->digest_prefix_len = (uint16_t)sizeof(prefix_md5);
    } else if (cls->id == TERN_HASH_SHA1) {
        memcpy(attr->digest_prefix, prefix_sha1, sizeof(prefix_sha1));
        attr->digest_prefix_len = (uint16_t)sizeof(prefix_sha1);
    } else {
        /* SHA-224 .. SHA-512: hash OIDs 2.16.840.1.101.3.4.2.{4,1,2,3}. */
        static const uint8_t arc[] = {0, 0, 0, 4, 1, 2, 3};
        memcpy(attr->digest_prefix, prefix_sha2, sizeof(prefix_sha2));
        attr->digest_prefix[1] = (uint8_t)(0x11 + cls->digest_len);
        attr->digest_prefix[14] = arc[cls->id];
        attr->digest_prefix[18] = cls->digest_len;
        attr->digest_prefix_len = (uint16_t)sizeof(prefix_sha2);
    }
    attr->block_len = cls->block_len;
    attr->key_len = cls->digest_len;
    attr->digest_len = cls->digest_len;
    return TLS_OK;
}

/* see include/api_tls.h */
t_tls_ret tls_get_hash_attr(t_tls_hash_algorithm_index idx, t_tls_hash_alg_attr *p_attr)
{
    COMPAT_LOCKED(hash_attr(idx, p_attr));
}
