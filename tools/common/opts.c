/*
 * Option values shared by both tools: cipher suite, group and ALPN lists,
 * integers. Suites and groups are handed to the library's own list
 * parsers (tern_config_set_suites / _groups) after the OpenSSL-style
 * aliases users type are rewritten to IANA names.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

typedef struct alias {
    const char *alias;
    const char *iana;
} alias;

/* OpenSSL's names for the suites tern implements. */
static const alias suite_aliases[] = {
    {"ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
    {"ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
    {"ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
    {"ECDHE-ECDSA-AES128-CCM", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM"},
    {"ECDHE-ECDSA-AES128-CCM8", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"},
    {"ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"},
    {"ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"},
    {"ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
    /* CBC suites (wip/cbc) */
    {"ECDHE-ECDSA-AES128-SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"},
    {"ECDHE-ECDSA-AES256-SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"},
    {"ECDHE-ECDSA-AES128-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"},
    {"ECDHE-ECDSA-AES256-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"},
    {"ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"},
    {"ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"},
    {"ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"},
    {"ECDHE-RSA-AES256-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"},
    /* key exchanges beyond ECDHE */
    {"AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"},
    {"AES256-GCM-SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384"},
    {"AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"},
    {"AES128-SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256"},
    {"DES-CBC3-SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"},
    {"EDH-RSA-DES-CBC3-SHA", "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA"},
    {"DHE-RSA-DES-CBC3-SHA", "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA"},
    {"DHE-RSA-AES128-GCM-SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"},
    {"DHE-RSA-AES256-GCM-SHA384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"},
    {"DHE-RSA-CHACHA20-POLY1305", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
    {"PSK-AES128-GCM-SHA256", "TLS_PSK_WITH_AES_128_GCM_SHA256"},
    {"PSK-AES256-GCM-SHA384", "TLS_PSK_WITH_AES_256_GCM_SHA384"},
    {"PSK-AES128-CBC-SHA256", "TLS_PSK_WITH_AES_128_CBC_SHA256"},
    {"PSK-AES128-CCM", "TLS_PSK_WITH_AES_128_CCM"},
    {"PSK-AES256-CCM", "TLS_PSK_WITH_AES_256_CCM"},
    {"PSK-AES128-CCM8", "TLS_PSK_WITH_AES_128_CCM_8"},
    {"PSK-AES256-CCM8", "TLS_PSK_WITH_AES_256_CCM_8"},
    {"PSK-CHACHA20-POLY1305", "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {"DHE-PSK-AES128-GCM-SHA256", "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256"},
    {"DHE-PSK-AES256-GCM-SHA384", "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384"},
    {"DHE-PSK-CHACHA20-POLY1305", "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {"ECDHE-PSK-AES128-CBC-SHA256", "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256"},
    {"ECDHE-PSK-CHACHA20-POLY1305", "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {"RSA-PSK-AES128-GCM-SHA256", "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256"},
    {"RSA-PSK-AES256-GCM-SHA384", "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384"},
    {"RSA-PSK-CHACHA20-POLY1305", "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256"},
    {"RSA-PSK-AES128-CBC-SHA256", "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256"},
    {"RSA-PSK-AES256-CBC-SHA384", "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384"},
    {"RSA-PSK-AES128-CBC-SHA", "TLS_RSA_PSK_WITH_AES_128_CBC_SHA"},
    {"RSA-PSK-AES256-CBC-SHA", "TLS_RSA_PSK_WITH_AES_256_CBC_SHA"},
    {"RSA-PSK-3DES-EDE-CBC-SHA", "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA"},
};

static const alias group_aliases[] = {
    {"X25519", "x25519"},   {"P-256", "secp256r1"},     {"prime256v1", "secp256r1"},
    {"P-384", "secp384r1"}, {"SECP256R1", "secp256r1"}, {"SECP384R1", "secp384r1"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Rewrites list (separators: any of seps) into out as a colon-separated
 * list of canonical names. Returns 0, or -1 when out is too small or an
 * entry is empty (then *bad names it). */
static int canonical(const char *list, const char *seps, const alias *tab, size_t n, char *out,
                     size_t cap, char *bad, size_t bad_cap)
{
    size_t used = 0;
    const char *p = list;

    out[0] = 0;
    bad[0] = 0;
    for (;;) {
        size_t len = strcspn(p, seps), i, add;
        const char *name = p;
        size_t name_len = len;

        if (len == 0) {
            snprintf(bad, bad_cap, "(empty entry)");
            return -1;
        }
        for (i = 0; i < n; i++) {
            if (strlen(tab[i].alias) == len && memcmp(tab[i].alias, p, len) == 0) {
                name = tab[i].iana;
                name_len = strlen(name);
                break;
            }
        }
        add = name_len + (used > 0 ? 1 : 0);
        if (add >= cap - used) {
            snprintf(bad, bad_cap, "(list too long)");
            return -1;
        }
        if (used > 0) {
            out[used++] = ':';
        }
        memcpy(out + used, name, name_len);
        used += name_len;
        out[used] = 0;
        if (p[len] == 0) {
            return 0;
        }
        p += len + 1;
    }
}

/* After the library rejected a list: the first entry it does not know. */
static void first_unknown(const char *canon, int suites, char *bad, size_t cap)
{
    const char *p = canon;
    tern_config probe;

    for (;;) {
        size_t len = strcspn(p, ":");
        char one[128];
        int rc;
        if (len >= sizeof(one)) {
            len = sizeof(one) - 1;
        }
        memcpy(one, p, len);
        one[len] = 0;
        tern_config_init(&probe);
        rc = suites ? tern_config_set_suites(&probe, one) : tern_config_set_groups(&probe, one);
        if (rc != TERN_OK) {
            snprintf(bad, cap, "%s", one);
            return;
        }
        if (p[len] == 0) {
            snprintf(bad, cap, "?");
            return;
        }
        p += len + 1;
    }
}

static int set_list(tern_config *cfg, const char *list, int suites)
{
    char canon[2048], bad[160];
    const alias *tab = suites ? suite_aliases : group_aliases;
    size_t n = suites ? COUNT(suite_aliases) : COUNT(group_aliases);
    const char *what = suites ? "-cipher" : "-groups";
    int rc;

    if (canonical(list, ":,", tab, n, canon, sizeof(canon), bad, sizeof(bad)) != 0) {
        tool_err(TERN_ERR_BAD_ARG, "%s %s: %s", what, list, bad);
        return TERN_ERR_BAD_ARG;
    }
    rc = suites ? tern_config_set_suites(cfg, canon) : tern_config_set_groups(cfg, canon);
    if (rc != TERN_OK) {
        first_unknown(canon, suites, bad, sizeof(bad));
        tool_err(rc, "%s: unknown or unsupported %s \"%s\"", what, suites ? "suite" : "group", bad);
    }
    return rc;
}

/* see tool.h */
int tool_set_suites(tern_config *cfg, const char *list)
{
    return set_list(cfg, list, 1);
}

/* see tool.h */
int tool_set_groups(tern_config *cfg, const char *list)
{
    return set_list(cfg, list, 0);
}

/* see tool.h */
int tool_set_alpn(tern_config *cfg, const char *list)
{
    static char *names[TERN_MAX_ALPN];
    size_t count = 0;
    const char *p = list;

    for (;;) {
        size_t len = strcspn(p, ",");
        if (len == 0 || len > 255) {
            tool_err(TERN_ERR_BAD_ARG, "-alpn %s: protocol names are 1 to 255 bytes", list);
            return TERN_ERR_BAD_ARG;
        }
        if (count == TERN_MAX_ALPN) {
            tool_err(TERN_ERR_BAD_ARG, "-alpn %s: at most %d protocols", list, TERN_MAX_ALPN);
            return TERN_ERR_BAD_ARG;
        }
        names[count] = (char *)tool_keep(malloc(len + 1), len + 1, 0);
        if (names[count] == NULL) {
            return TERN_ERR_NO_MEMORY;
        }
        memcpy(names[count], p, len);
        names[count][len] = 0;
        count++;
        if (p[len] == 0) {
            break;
        }
        p += len + 1;
    }
    cfg->alpn = (const char *const *)names;
    cfg->alpn_count = count;
    return TERN_OK;
}

/* see tool.h */
int tool_parse_int(const char *s, long min, long max, long *out)
{
    char *end;
    long v;

    if (s == NULL || *s == 0) {
        return -1;
    }
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || *end != 0 || v < min || v > max) {
        return -1;
    }
    *out = v;
    return 0;
}

/* see tool.h */
int tool_parse_hex(const char *s, uint8_t *out, size_t cap, size_t *len)
{
    size_t n = strlen(s), i;
    if (n == 0 || n % 2 != 0 || n / 2 > cap) {
        return -1;
    }
    for (i = 0; i < n; i++) {
        char ch = s[i];
        int v = ch >= '0' && ch <= '9'   ? ch - '0'
                : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                         : -1;
        if (v < 0) {
            return -1;
        }
        if (i % 2 == 0) {
            out[i / 2] = (uint8_t)(v << 4);
        } else {
            out[i / 2] = (uint8_t)(out[i / 2] | v);
        }
    }
    *len = n / 2;
    return 0;
}
