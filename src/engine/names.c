/*
 * Names <-> values for suites, groups, signature schemes and versions
 * (IANA registry names), and the colon-separated list parsers of the
 * config.
 */
#include <string.h>

#include "common/try_internal.h"
#include "handshake/handshake_internal.h"
#include "tern/engine.h"

typedef struct name_entry {
    uint16_t value;
    const char *name;
} name_entry;

static const name_entry suite_names[] = {
    {TERN_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
    {TERN_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
    {TERN_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"},
    {TERN_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"},
    {TERN_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
     "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
    {TERN_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
     "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
    {TERN_TLS_ECDHE_ECDSA_WITH_AES_128_CCM, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM"},
    {TERN_TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"},
    /* CBC suites (wip/cbc) */
    {TERN_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"},
    {TERN_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"},
    {TERN_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"},
    {TERN_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"},
    {TERN_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"},
    {TERN_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"},
    {TERN_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"},
    {TERN_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"},
    /* key exchanges beyond ECDHE (kx) */
    {TERN_TLS_RSA_WITH_3DES_EDE_CBC_SHA, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"},
    {TERN_TLS_RSA_WITH_AES_128_CBC_SHA, "TLS_RSA_WITH_AES_128_CBC_SHA"},
    {TERN_TLS_RSA_WITH_AES_128_CBC_SHA256, "TLS_RSA_WITH_AES_128_CBC_SHA256"},
    {TERN_TLS_RSA_WITH_AES_128_GCM_SHA256, "TLS_RSA_WITH_AES_128_GCM_SHA256"},
    {TERN_TLS_RSA_WITH_AES_256_GCM_SHA384, "TLS_RSA_WITH_AES_256_GCM_SHA384"},
    {TERN_TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA"},
    {TERN_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"},
    {TERN_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"},
    {TERN_TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
    {TERN_TLS_PSK_WITH_AES_128_GCM_SHA256, "TLS_PSK_WITH_AES_128_GCM_SHA256"},
    {TERN_TLS_PSK_WITH_AES_256_GCM_SHA384, "TLS_PSK_WITH_AES_256_GCM_SHA384"},
    {TERN_TLS_PSK_WITH_AES_128_CBC_SHA256, "TLS_PSK_WITH_AES_128_CBC_SHA256"},
    {TERN_TLS_PSK_WITH_AES_128_CCM, "TLS_PSK_WITH_AES_128_CCM"},
    {TERN_TLS_PSK_WITH_AES_256_CCM, "TLS_PSK_WITH_AES_256_CCM"},
    {TERN_TLS_PSK_WITH_AES_128_CCM_8, "TLS_PSK_WITH_AES_128_CCM_8"},
    {TERN_TLS_PSK_WITH_AES_256_CCM_8, "TLS_PSK_WITH_AES_256_CCM_8"},
    {TERN_TLS_PSK_WITH_CHACHA20_POLY1305_SHA256, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {TERN_TLS_DHE_PSK_WITH_AES_128_GCM_SHA256, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256"},
    {TERN_TLS_DHE_PSK_WITH_AES_256_GCM_SHA384, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384"},
    {TERN_TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256, "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {TERN_TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256"},
    {TERN_TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {TERN_TLS_RSA_PSK_WITH_AES_128_GCM_SHA256, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256"},
    {TERN_TLS_RSA_PSK_WITH_AES_256_GCM_SHA384, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384"},
    {TERN_TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256, "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {TERN_TLS_RSA_PSK_WITH_AES_128_CBC_SHA256, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256"},
    {TERN_TLS_RSA_PSK_WITH_AES_256_CBC_SHA384, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384"},
    {TERN_TLS_RSA_PSK_WITH_AES_128_CBC_SHA, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA"},
    {TERN_TLS_RSA_PSK_WITH_AES_256_CBC_SHA, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA"},
    {TERN_TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA, "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA"},
};

static const name_entry group_names[] = {
    {TERN_GROUP_SECP256R1, "secp256r1"}, {TERN_GROUP_SECP384R1, "secp384r1"},
    {TERN_GROUP_X25519, "x25519"},       {TERN_GROUP_FFDHE2048, "ffdhe2048"},
    {TERN_GROUP_FFDHE3072, "ffdhe3072"},
};

static const name_entry scheme_names[] = {
    {TERN_SIG_RSA_PKCS1_SHA1, "rsa_pkcs1_sha1"},
    {TERN_SIG_ECDSA_SHA1, "ecdsa_sha1"},
    {TERN_SIG_RSA_PKCS1_SHA256, "rsa_pkcs1_sha256"},
    {TERN_SIG_RSA_PKCS1_SHA384, "rsa_pkcs1_sha384"},
    {TERN_SIG_RSA_PKCS1_SHA512, "rsa_pkcs1_sha512"},
    {TERN_SIG_ECDSA_SECP256R1_SHA256, "ecdsa_secp256r1_sha256"},
    {TERN_SIG_ECDSA_SECP384R1_SHA384, "ecdsa_secp384r1_sha384"},
    {TERN_SIG_ECDSA_SECP521R1_SHA512, "ecdsa_secp521r1_sha512"},
    {TERN_SIG_RSA_PSS_RSAE_SHA256, "rsa_pss_rsae_sha256"},
    {TERN_SIG_RSA_PSS_RSAE_SHA384, "rsa_pss_rsae_sha384"},
    {TERN_SIG_RSA_PSS_RSAE_SHA512, "rsa_pss_rsae_sha512"},
    {TERN_SIG_ED25519, "ed25519"},
    {TERN_SIG_RSA_PSS_PSS_SHA256, "rsa_pss_pss_sha256"},
    {TERN_SIG_RSA_PSS_PSS_SHA384, "rsa_pss_pss_sha384"},
    {TERN_SIG_RSA_PSS_PSS_SHA512, "rsa_pss_pss_sha512"},
};

static const name_entry version_names[] = {
    {0x0300, "SSL 3.0"},     {TERN_TLS10, "TLS 1.0"}, {TERN_TLS11, "TLS 1.1"},
    {TERN_TLS12, "TLS 1.2"}, {TERN_TLS13, "TLS 1.3"}, {0xfeff, "DTLS 1.0"},
    {0xfefd, "DTLS 1.2"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *name_of(const name_entry *t, size_t n, uint16_t v)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (t[i].value == v) {
            return t[i].name;
        }
    }
    return NULL;
}

/* Looks up the name s[0..len) (exact, case-sensitive). */
static int value_of(const name_entry *t, size_t n, const char *s, size_t len, uint16_t *v)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (strlen(t[i].name) == len && memcmp(t[i].name, s, len) == 0) {
            *v = t[i].value;
            return 1;
        }
    }
    return 0;
}

/* see include/tern/engine.h */
const char *tern_suite_name(uint16_t suite)
{
    return name_of(suite_names, COUNT(suite_names), suite);
}

/* see include/tern/engine.h */
uint16_t tern_suite_by_name(const char *name)
{
    uint16_t v;
    if (name == NULL || !value_of(suite_names, COUNT(suite_names), name, strlen(name), &v)) {
        return 0;
    }
    return v;
}

/* see include/tern/engine.h */
const char *tern_group_name(uint16_t group)
{
    return name_of(group_names, COUNT(group_names), group);
}

/* see include/tern/engine.h */
const char *tern_sig_scheme_name(uint16_t scheme)
{
    return name_of(scheme_names, COUNT(scheme_names), scheme);
}

/* see include/tern/engine.h */
const char *tern_version_name(uint16_t version)
{
    return name_of(version_names, COUNT(version_names), version);
}

enum { LIST_SUITES, LIST_GROUPS, LIST_SCHEMES };

static int available(int kind, uint16_t v)
{
    switch (kind) {
    case LIST_SUITES:
        return tern_suite_info_get(v) != NULL;
    case LIST_GROUPS:
        return tern_kex_by_group(v) != NULL;
    default:
        return tern_sig_by_scheme(v) != NULL;
    }
}

/* Parses "a:b:c" into out (cap entries): every name known and compiled
 * in, no name twice, no empty entry. Nothing is written on failure. */
static int parse_list(int kind, const char *list, uint16_t *out, size_t cap, size_t *count)
{
    const name_entry *t = kind == LIST_SUITES   ? suite_names
                          : kind == LIST_GROUPS ? group_names
                                                : scheme_names;
    size_t tn = kind == LIST_SUITES   ? COUNT(suite_names)
                : kind == LIST_GROUPS ? COUNT(group_names)
                                      : COUNT(scheme_names);
    uint16_t tmp[TERN_MAX_SUITES];
    size_t n = 0, i;
    const char *p = list;

    TERN_ENSURE(list != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(*p != '\0', TERN_ERR_BAD_ARG);
    for (;;) {
        const char *end = strchr(p, ':');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        uint16_t v;
        TERN_ENSURE(len > 0, TERN_ERR_BAD_ARG);
        TERN_ENSURE(value_of(t, tn, p, len, &v) && available(kind, v), TERN_ERR_BAD_ARG);
        for (i = 0; i < n; i++) {
            TERN_ENSURE(tmp[i] != v, TERN_ERR_BAD_ARG);
        }
        TERN_ENSURE(n < cap && n < TERN_MAX_SUITES, TERN_ERR_FULL);
        tmp[n++] = v;
        if (end == NULL) {
            break;
        }
        p = end + 1;
    }
    for (i = 0; i < n; i++) {
        out[i] = tmp[i];
    }
    *count = n;
    return TERN_OK;
}

/* see include/tern/engine.h */
int tern_config_set_suites(tern_config *cfg, const char *list)
{
    return parse_list(LIST_SUITES, list, cfg->suites, TERN_MAX_SUITES, &cfg->suites_count);
}

/* see include/tern/engine.h */
int tern_config_set_groups(tern_config *cfg, const char *list)
{
    return parse_list(LIST_GROUPS, list, cfg->groups, TERN_MAX_GROUPS, &cfg->groups_count);
}

/* see include/tern/engine.h */
int tern_config_set_sig_schemes(tern_config *cfg, const char *list)
{
    return parse_list(LIST_SCHEMES, list, cfg->sig_schemes, TERN_MAX_SIG_SCHEMES,
                      &cfg->sig_schemes_count);
}
