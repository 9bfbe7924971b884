/*
 * Cipher suite choice for tls_start: which of tern's suites the
 * registered algorithms and the key-length options allow (User Guide
 * 3.2: TLS_MAX_CIPHER_SUITES, TLS_MAX_BKEY_LEN, TLS_MAX_MKEY_LEN), and the
 * signature schemes and groups to offer.
 */
#include <stdio.h>
#include <string.h>

#include "compat/compat_internal.h"

/* What each suite tern implements needs (RFC 5288, 5289, 7251, 7905):
 * its AEAD (IANA AEAD number), the PRF hash, the certificate key type. */
typedef struct suite_need {
    uint16_t suite;
    uint16_t bulk;
    uint8_t prf_hash;
    uint8_t key_type;
    uint8_t bulk_key_len;
} suite_need;

static const suite_need needs[] = {
    {TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_BULK_ALG_AES_128_GCM, TERN_HASH_SHA256,
     TERN_KEY_EC, 16},
    {TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TLS_BULK_ALG_AES_256_GCM, TERN_HASH_SHA384,
     TERN_KEY_EC, 32},
    {TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_BULK_ALG_AES_128_GCM, TERN_HASH_SHA256,
     TERN_KEY_RSA, 16},
    {TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_BULK_ALG_AES_256_GCM, TERN_HASH_SHA384,
     TERN_KEY_RSA, 32},
    {TLS_ECDHE_ECDSA_WITH_AES_128_CCM, TLS_BULK_ALG_AES_128_CCM, TERN_HASH_SHA256, TERN_KEY_EC, 16},
    {TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, TLS_BULK_ALG_AES_128_CCM_8, TERN_HASH_SHA256, TERN_KEY_EC,
     16},
    {TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, TLS_BULK_ALG_CHACHA20_POLY1305, TERN_HASH_SHA256,
     TERN_KEY_RSA, 32},
    {TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, TLS_BULK_ALG_CHACHA20_POLY1305,
     TERN_HASH_SHA256, TERN_KEY_EC, 32},
    /* the other key exchanges (docs/kx.md); PSK suites need no key */
    {TLS_RSA_WITH_AES_128_GCM_SHA256, TLS_BULK_ALG_AES_128_GCM, TERN_HASH_SHA256, TERN_KEY_RSA, 16},
    {TLS_RSA_WITH_AES_256_GCM_SHA384, TLS_BULK_ALG_AES_256_GCM, TERN_HASH_SHA384, TERN_KEY_RSA, 32},
    {TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, TLS_BULK_ALG_AES_128_GCM, TERN_HASH_SHA256, TERN_KEY_RSA,
     16},
    {TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, TLS_BULK_ALG_AES_256_GCM, TERN_HASH_SHA384, TERN_KEY_RSA,
     32},
    {TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256, TLS_BULK_ALG_CHACHA20_POLY1305, TERN_HASH_SHA256,
     TERN_KEY_RSA, 32},
    {TLS_PSK_WITH_AES_128_GCM_SHA256, TLS_BULK_ALG_AES_128_GCM, TERN_HASH_SHA256, TERN_KEY_NONE,
     16},
    {TLS_PSK_WITH_AES_256_GCM_SHA384, TLS_BULK_ALG_AES_256_GCM, TERN_HASH_SHA384, TERN_KEY_NONE,
     32},
    {TLS_PSK_WITH_AES_128_CCM, TLS_BULK_ALG_AES_128_CCM, TERN_HASH_SHA256, TERN_KEY_NONE, 16},
    {TLS_PSK_WITH_AES_256_CCM, TLS_BULK_ALG_AES_256_CCM, TERN_HASH_SHA256, TERN_KEY_NONE, 32},
    {TLS_PSK_WITH_AES_128_CCM_8, TLS_BULK_ALG_AES_128_CCM_8, TERN_HASH_SHA256, TERN_KEY_NONE, 16},
    {TLS_PSK_WITH_AES_256_CCM_8, TLS_BULK_ALG_AES_256_CCM_8, TERN_HASH_SHA256, TERN_KEY_NONE, 32},
    {TLS_PSK_WITH_CHACHA20_POLY1305_SHA256, TLS_BULK_ALG_CHACHA20_POLY1305, TERN_HASH_SHA256,
     TERN_KEY_NONE, 32},
    {TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256, TLS_BULK_ALG_CHACHA20_POLY1305, TERN_HASH_SHA256,
     TERN_KEY_NONE, 32},
    {TLS_DHE_PSK_WITH_AES_128_GCM_SHA256, TLS_BULK_ALG_AES_128_GCM, TERN_HASH_SHA256, TERN_KEY_NONE,
     16},
    {TLS_DHE_PSK_WITH_AES_256_GCM_SHA384, TLS_BULK_ALG_AES_256_GCM, TERN_HASH_SHA384, TERN_KEY_NONE,
     32},
    {TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256, TLS_BULK_ALG_CHACHA20_POLY1305, TERN_HASH_SHA256,
     TERN_KEY_NONE, 32},
};

static int registered(const compat_alg *tab, size_t n, uint16_t alg_id)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (tab[i].cls != NULL && tab[i].alg_id == alg_id) {
            return 1;
        }
    }
    return 0;
}

static const suite_need *need_of(uint16_t suite)
{
    size_t i;
    for (i = 0; i < sizeof(needs) / sizeof(needs[0]); i++) {
        if (needs[i].suite == suite) {
            return &needs[i];
        }
    }
    return NULL;
}

/* Can this build and the registered algorithms run the suite? */
static int usable(const tern_config *defaults, uint16_t suite)
{
    const suite_need *n = need_of(suite);
    size_t i;
    int built = 0;

    for (i = 0; i < defaults->suites_count; i++) {
        built |= defaults->suites[i] == suite;
    }
    /* static RSA is built but never a default: usable when named */
    if (!built && tern_suite_name(suite) != NULL) {
        tern_config probe;
        tern_config_init(&probe);
        built = tern_config_set_suites(&probe, tern_suite_name(suite)) == TERN_OK;
    }
    /* An AEAD suite has no MAC key: TLS_MAX_MKEY_LEN always holds. */
    return built && n != NULL && n->bulk_key_len <= TLS_MAX_BKEY_LEN &&
           registered(g_tls.bulk, TLS_MAX_BULK_ALG_SIZE, n->bulk) &&
           registered(g_tls.hash, TLS_MAX_HASH_ALG_SIZE, n->prf_hash);
}

static int listed(const tern_config *cfg, uint16_t suite)
{
    size_t i;
    for (i = 0; i < cfg->suites_count; i++) {
        if (cfg->suites[i] == suite) {
            return 1;
        }
    }
    return 0;
}

/* see src/compat/compat_internal.h (compat_setup uses it) */
t_tls_ret compat_choose_suites(tern_config *cfg, unsigned key_types)
{
    tern_config defaults;
    char msg[96];
    size_t i;
    int pass;

    tern_config_init(&defaults);
    cfg->suites_count = 0;
    if (g_tls_arr_cipher_suite[0] != 0) {
        for (i = 0; i < TLS_MAX_CIPHER_SUITES && g_tls_arr_cipher_suite[i] != 0; i++) {
            if (!usable(&defaults, g_tls_arr_cipher_suite[i])) {
                snprintf(msg, sizeof(msg),
                         "tls_start: cipher suite 0x%04x not built or its algorithms not "
                         "registered",
                         (unsigned)g_tls_arr_cipher_suite[i]);
                compat_log(msg);
                return TLS_INIT_ERR;
            }
            if (!listed(cfg, g_tls_arr_cipher_suite[i])) {
                cfg->suites[cfg->suites_count++] = g_tls_arr_cipher_suite[i];
            }
        }
        return TLS_OK;
    }
    /* Automatic: tern's order, suites for the host keys first. */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < defaults.suites_count && cfg->suites_count < TLS_MAX_CIPHER_SUITES; i++) {
            uint16_t s = defaults.suites[i];
            const suite_need *n = need_of(s);
            int fits = n != NULL && (key_types & (1u << n->key_type)) != 0;
            if ((pass == 0) == (fits != 0) && usable(&defaults, s) && !listed(cfg, s)) {
                cfg->suites[cfg->suites_count++] = s;
            }
        }
    }
    if (cfg->suites_count == 0) {
        compat_log("tls_start: no cipher suite: register its bulk (AEAD) and PRF hash classes");
        return TLS_INIT_ERR;
    }
    return TLS_OK;
}

/* see src/compat/compat_internal.h */
t_tls_ret compat_choose_schemes(tern_config *cfg)
{
    size_t i, k;

    cfg->sig_schemes_count = 0;
    for (i = 0; i < TLS_MAX_SIGN_ALG_SIZE; i++) {
        const tern_sig_class *cls = (const tern_sig_class *)g_tls.sign[i].cls;
        int dup = 0;
        if (cls == NULL || cfg->sig_schemes_count >= TERN_MAX_SIG_SCHEMES) {
            continue;
        }
        /* The scheme's hash must be registered too (Ed25519 has none). */
        if (cls->hash != NULL && !registered(g_tls.hash, TLS_MAX_HASH_ALG_SIZE, cls->hash->id)) {
            continue;
        }
        for (k = 0; k < cfg->sig_schemes_count; k++) {
            dup |= cfg->sig_schemes[k] == cls->scheme;
        }
        if (!dup) {
            cfg->sig_schemes[cfg->sig_schemes_count++] = cls->scheme;
        }
    }
    if (cfg->sig_schemes_count == 0) {
        compat_log("tls_start: no signature scheme: register a sign class and its hash");
        return TLS_INIT_ERR;
    }
    /* Groups: tern's defaults whose shared secret fits the pre-master
     * secret buffer (TLS_PRE_MASTER_SECRET_SIZE). */
    for (i = 0, k = 0; i < cfg->groups_count; i++) {
        const tern_kex_class *kex = tern_kex_by_group(cfg->groups[i]);
        if (kex != NULL && kex->secret_len <= TLS_PRE_MASTER_SECRET_SIZE) {
            cfg->groups[k++] = cfg->groups[i];
        }
    }
    cfg->groups_count = k;
    if (k == 0) {
        compat_log("tls_start: no key exchange group fits TLS_PRE_MASTER_SECRET_SIZE");
        return TLS_INIT_ERR;
    }
    return TLS_OK;
}

/* see src/compat/compat_internal.h */
int compat_scheme_for_key(const tern_config *cfg, int key_type)
{
    size_t i;
    for (i = 0; i < cfg->sig_schemes_count; i++) {
        const tern_sig_class *cls = tern_sig_by_scheme(cfg->sig_schemes[i]);
        if (cls != NULL && cls->key_type == key_type) {
            return 1;
        }
    }
    return 0;
}
