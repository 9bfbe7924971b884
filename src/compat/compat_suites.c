/*
 * Cipher suite choice for tls_start: which of tern's suites the
 * registered algorithms and the key-length options allow (User Guide
 * 3.2: TLS_MAX_CIPHER_SUITES, TLS_MAX_BKEY_LEN, TLS_MAX_MKEY_LEN; 4.4:
 * a suite is a hash, a signature and a bulk algorithm), and the
 * signature schemes and groups to offer.
 *
 * The rule for 3DES and static RSA (docs/compat.md): they are never
 * chosen automatically, whatever is registered; only a suite named in
 * g_tls_arr_cipher_suite brings them in, and then both roles use
 * exactly the named list (a server accepts nothing else).
 */
#include <stdio.h>
#include <string.h>

#include "compat/compat_internal.h"

/* What each suite tern implements needs (RFC 5246 A.5, 4279, 5288, 5289,
 * 5487, 5489, 6655, 7251, 7905, 8422): its bulk cipher (IANA AEAD number
 * or tern's CBC id), the PRF hash, for CBC the MAC hash, the certificate
 * key type (TERN_KEY_NONE: PSK only), the key lengths, and flags: LEGACY
 * (3DES, static RSA or RSA_PSK: used only when named), NEEDS_PSK (a PSK
 * suite; RSA_PSK rows carry TERN_KEY_RSA as well). Order: the
 * automatic choice's, AEAD before CBC as in the engine. */
typedef struct suite_need {
    uint16_t suite;
    uint16_t bulk;
    uint8_t prf_hash;
    uint8_t mac_hash; /* 0: AEAD, no MAC */
    uint8_t key_type;
    uint8_t bulk_key_len;
    uint8_t mac_key_len;
    uint8_t flags; /* LEGACY, NEEDS_PSK */
} suite_need;

#define LEGACY 1u
#define NEEDS_PSK 2u

#define SHA1 TERN_HASH_SHA1
#define SHA256 TERN_HASH_SHA256
#define SHA384 TERN_HASH_SHA384
#define EC TERN_KEY_EC
#define RSA TERN_KEY_RSA
#define PSK TERN_KEY_NONE
#define GCM128 TLS_BULK_ALG_AES_128_GCM
#define GCM256 TLS_BULK_ALG_AES_256_GCM
#define CHACHA TLS_BULK_ALG_CHACHA20_POLY1305
#define CBC128 TLS_BULK_ALG_AES_128_CBC
#define CBC256 TLS_BULK_ALG_AES_256_CBC
#define DES3 TLS_BULK_ALG_3DES_EDE_CBC

static const suite_need needs[] = {
    /* suite, bulk, PRF hash, MAC hash, key type, bulk key, MAC key, flags */
    {TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, GCM128, SHA256, 0, EC, 16, 0, 0},
    {TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, GCM256, SHA384, 0, EC, 32, 0, 0},
    {TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, CHACHA, SHA256, 0, EC, 32, 0, 0},
    {TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, GCM128, SHA256, 0, RSA, 16, 0, 0},
    {TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, GCM256, SHA384, 0, RSA, 32, 0, 0},
    {TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, CHACHA, SHA256, 0, RSA, 32, 0, 0},
    {TLS_ECDHE_ECDSA_WITH_AES_128_CCM, TLS_BULK_ALG_AES_128_CCM, SHA256, 0, EC, 16, 0, 0},
    {TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, TLS_BULK_ALG_AES_128_CCM_8, SHA256, 0, EC, 16, 0, 0},
    {TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, GCM128, SHA256, 0, RSA, 16, 0, 0},
    {TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, GCM256, SHA384, 0, RSA, 32, 0, 0},
    {TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256, CHACHA, SHA256, 0, RSA, 32, 0, 0},
    {TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256, CHACHA, SHA256, 0, PSK, 32, 0, NEEDS_PSK},
    {TLS_DHE_PSK_WITH_AES_128_GCM_SHA256, GCM128, SHA256, 0, PSK, 16, 0, NEEDS_PSK},
    {TLS_DHE_PSK_WITH_AES_256_GCM_SHA384, GCM256, SHA384, 0, PSK, 32, 0, NEEDS_PSK},
    {TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256, CHACHA, SHA256, 0, PSK, 32, 0, NEEDS_PSK},
    {TLS_PSK_WITH_AES_128_GCM_SHA256, GCM128, SHA256, 0, PSK, 16, 0, NEEDS_PSK},
    {TLS_PSK_WITH_AES_256_GCM_SHA384, GCM256, SHA384, 0, PSK, 32, 0, NEEDS_PSK},
    {TLS_PSK_WITH_CHACHA20_POLY1305_SHA256, CHACHA, SHA256, 0, PSK, 32, 0, NEEDS_PSK},
    {TLS_PSK_WITH_AES_128_CCM, TLS_BULK_ALG_AES_128_CCM, SHA256, 0, PSK, 16, 0, NEEDS_PSK},
    {TLS_PSK_WITH_AES_256_CCM, TLS_BULK_ALG_AES_256_CCM, SHA256, 0, PSK, 32, 0, NEEDS_PSK},
    {TLS_PSK_WITH_AES_128_CCM_8, TLS_BULK_ALG_AES_128_CCM_8, SHA256, 0, PSK, 16, 0, NEEDS_PSK},
    {TLS_PSK_WITH_AES_256_CCM_8, TLS_BULK_ALG_AES_256_CCM_8, SHA256, 0, PSK, 32, 0, NEEDS_PSK},
    /* CBC (RFC 8422 6, RFC 5289 3.2, RFC 5487, RFC 5489): after every AEAD */
    {TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, CBC128, SHA256, SHA256, EC, 16, 32, 0},
    {TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, CBC256, SHA384, SHA384, EC, 32, 48, 0},
    {TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, CBC128, SHA256, SHA1, EC, 16, 20, 0},
    {TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, CBC256, SHA256, SHA1, EC, 32, 20, 0},
    {TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, CBC128, SHA256, SHA256, RSA, 16, 32, 0},
    {TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, CBC256, SHA384, SHA384, RSA, 32, 48, 0},
    {TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CBC128, SHA256, SHA1, RSA, 16, 20, 0},
    {TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, CBC256, SHA256, SHA1, RSA, 32, 20, 0},
    {TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256, CBC128, SHA256, SHA256, PSK, 16, 32, NEEDS_PSK},
    {TLS_PSK_WITH_AES_128_CBC_SHA256, CBC128, SHA256, SHA256, PSK, 16, 32, NEEDS_PSK},
    /* legacy: static RSA (no forward secrecy) and 3DES (64-bit blocks) */
    {TLS_RSA_WITH_AES_128_GCM_SHA256, GCM128, SHA256, 0, RSA, 16, 0, LEGACY},
    {TLS_RSA_WITH_AES_256_GCM_SHA384, GCM256, SHA384, 0, RSA, 32, 0, LEGACY},
    {TLS_RSA_WITH_AES_128_CBC_SHA, CBC128, SHA256, SHA1, RSA, 16, 20, LEGACY},
    {TLS_RSA_WITH_AES_128_CBC_SHA256, CBC128, SHA256, SHA256, RSA, 16, 32, LEGACY},
    {TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA, DES3, SHA256, SHA1, RSA, 24, 20, LEGACY},
    {TLS_RSA_WITH_3DES_EDE_CBC_SHA, DES3, SHA256, SHA1, RSA, 24, 20, LEGACY},
    /* RSA_PSK (RFC 4279 4, RFC 5487, RFC 7905): static RSA's class, plus a PSK */
    {TLS_RSA_PSK_WITH_AES_128_GCM_SHA256, GCM128, SHA256, 0, RSA, 16, 0, LEGACY | NEEDS_PSK},
    {TLS_RSA_PSK_WITH_AES_256_GCM_SHA384, GCM256, SHA384, 0, RSA, 32, 0, LEGACY | NEEDS_PSK},
    {TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256, CHACHA, SHA256, 0, RSA, 32, 0, LEGACY | NEEDS_PSK},
    {TLS_RSA_PSK_WITH_AES_128_CBC_SHA256, CBC128, SHA256, SHA256, RSA, 16, 32, LEGACY | NEEDS_PSK},
    {TLS_RSA_PSK_WITH_AES_256_CBC_SHA384, CBC256, SHA384, SHA384, RSA, 32, 48, LEGACY | NEEDS_PSK},
    {TLS_RSA_PSK_WITH_AES_128_CBC_SHA, CBC128, SHA256, SHA1, RSA, 16, 20, LEGACY | NEEDS_PSK},
    {TLS_RSA_PSK_WITH_AES_256_CBC_SHA, CBC256, SHA256, SHA1, RSA, 32, 20, LEGACY | NEEDS_PSK},
    {TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA, DES3, SHA256, SHA1, RSA, 24, 20, LEGACY | NEEDS_PSK},
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

/* 1 if a group of cfg (tern's defaults: the curves built) has a shared
 * secret that fits TLS_PRE_MASTER_SECRET_SIZE. */
static int group_fits(const tern_config *cfg)
{
    size_t i;
    for (i = 0; i < cfg->groups_count; i++) {
        const tern_kex_class *kex = tern_kex_by_group(cfg->groups[i]);
        if (kex != NULL && kex->secret_len <= TLS_PRE_MASTER_SECRET_SIZE) {
            return 1;
        }
    }
    return 0;
}

/* Why a suite cannot be used (NULL: it can). */
static const char *unusable(uint16_t suite)
{
    const suite_need *n = need_of(suite);
    const char *name = tern_suite_name(suite);
    tern_config probe;

    if (n == NULL || name == NULL) {
        return "is not a suite tern implements";
    }
    /* The engine's list parser refuses suites compiled out of the build. */
    tern_config_init(&probe);
    if (tern_config_set_suites(&probe, name) != TERN_OK) {
        return "is compiled out of this library (TERN_CONFIG_3DES, TERN_CONFIG_STATIC_RSA, "
               "TERN_CONFIG_FFDH, TERN_CONFIG_SHA1, the AES / ChaCha20 / curve switches)";
    }
    if (strncmp(name, "TLS_ECDHE_", 10) == 0 && !group_fits(&probe)) {
        return "needs an ECDHE group: none built, or none fits TLS_PRE_MASTER_SECRET_SIZE";
    }
    if (n->bulk_key_len > TLS_MAX_BKEY_LEN) {
        return "needs a longer bulk key than TLS_MAX_BKEY_LEN";
    }
    if (n->mac_key_len > TLS_MAX_MKEY_LEN) {
        return "needs a longer MAC key than TLS_MAX_MKEY_LEN";
    }
    if (!registered(g_tls.bulk, TLS_MAX_BULK_ALG_SIZE, n->bulk)) {
        return "has no registered bulk cipher (tls_register_bulk)";
    }
    if (!registered(g_tls.hash, TLS_MAX_HASH_ALG_SIZE, n->prf_hash)) {
        return "has no registered PRF hash (tls_register_hash)";
    }
    if (n->mac_hash != 0 && !registered(g_tls.hash, TLS_MAX_HASH_ALG_SIZE, n->mac_hash)) {
        return "has no registered MAC hash (tls_register_hash)";
    }
    if ((n->flags & NEEDS_PSK) != 0 && !compat_psk_client() && !compat_psk_server()) {
        return "needs a PSK (tls_set_psk or a PSK callback)";
    }
    return NULL;
}

/* 1 if a registered signature class serves keys of key_type (an
 * ECDHE_ECDSA suite also takes Ed25519 certificates, RFC 8422 5.5). */
static int signs_for(int key_type)
{
    size_t i;
    for (i = 0; i < TLS_MAX_SIGN_ALG_SIZE; i++) {
        const tern_sig_class *cls = (const tern_sig_class *)g_tls.sign[i].cls;
        if (cls != NULL && (cls->key_type == key_type ||
                            (key_type == TERN_KEY_EC && cls->key_type == TERN_KEY_ED25519))) {
            return 1;
        }
    }
    return 0;
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

/* see src/compat/compat_internal.h */
t_tls_ret compat_choose_suites(tern_config *cfg, unsigned key_types)
{
    char msg[256];
    size_t i;
    int pass;

    cfg->suites_count = 0;
    if (g_tls_arr_cipher_suite[0] != 0) {
        for (i = 0; i < TLS_MAX_CIPHER_SUITES && g_tls_arr_cipher_suite[i] != 0; i++) {
            uint16_t s = g_tls_arr_cipher_suite[i];
            const char *why = unusable(s);
            if (why != NULL) {
                snprintf(msg, sizeof(msg), "tls_start: cipher suite 0x%04x (%s) %s", (unsigned)s,
                         tern_suite_name(s) != NULL ? tern_suite_name(s) : "unknown", why);
                compat_log(msg);
                return TLS_INIT_ERR;
            }
            if (!listed(cfg, s)) {
                cfg->suites[cfg->suites_count++] = s;
            }
        }
        return TLS_OK;
    }
    /* Automatic: the table's order, suites for the host keys (and, with a
     * PSK, the PSK suites) first; never a legacy suite, nor one whose
     * certificate key no registered signature class serves. */
    if (compat_psk_client() || compat_psk_server()) {
        key_types |= 1u << TERN_KEY_NONE;
    }
    for (pass = 0; pass < 2; pass++) {
        for (i = 0;
             i < sizeof(needs) / sizeof(needs[0]) && cfg->suites_count < TLS_MAX_CIPHER_SUITES;
             i++) {
            const suite_need *n = &needs[i];
            int fits = (key_types & (1u << n->key_type)) != 0;
            if ((pass == 0) == (fits != 0) && (n->flags & LEGACY) == 0 &&
                unusable(n->suite) == NULL &&
                (n->key_type == TERN_KEY_NONE || signs_for(n->key_type)) &&
                !listed(cfg, n->suite)) {
                cfg->suites[cfg->suites_count++] = n->suite;
            }
        }
    }
    if (cfg->suites_count == 0) {
        compat_log("tls_start: no cipher suite: register its bulk cipher and hashes");
        return TLS_INIT_ERR;
    }
    return TLS_OK;
}

/* see src/compat/compat_internal.h */
int compat_suites_need_certs(const tern_config *cfg)
{
    size_t i;
    for (i = 0; i < cfg->suites_count; i++) {
        const suite_need *n = need_of(cfg->suites[i]);
        if (n == NULL || n->key_type != TERN_KEY_NONE) {
            return 1;
        }
    }
    return 0;
}

/* 1 if some suite of cfg runs ECDHE (needs a group). */
static int uses_ecdhe(const tern_config *cfg)
{
    size_t i;
    for (i = 0; i < cfg->suites_count; i++) {
        const char *name = tern_suite_name(cfg->suites[i]);
        if (name == NULL || strncmp(name, "TLS_ECDHE_", 10) == 0) {
            return 1;
        }
    }
    return 0;
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
    /* PSK suites need none (docs/kx.md: PSK-only configurations). */
    if (cfg->sig_schemes_count == 0 && compat_suites_need_certs(cfg)) {
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
    if (k == 0 && uses_ecdhe(cfg)) {
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
