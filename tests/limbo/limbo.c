/*
 * x509-limbo harness: runs every case of limbo.json.gz (C2SP/x509-limbo,
 * shared/vectors/x509-limbo) through tern's public X.509 API and prints
 *
 *     x509-limbo: N passed, N failed, N skipped
 *
 * followed by every skip reason with its count. A case passes when
 * tern_x509_verify_chain's verdict (TERN_OK or not) is the expected
 * result. The run fails when a case fails or when 1% or more are skipped.
 *
 * How a case is fed to tern (public API only):
 *   trusted_certs            -> tern_trust_store_add_der (an anchor the
 *                               store refuses, e.g. with an unknown
 *                               critical extension, is simply not there)
 *   untrusted_intermediates  -> the pool after the leaf
 *   crls                     -> tern_trust_store_add_crl
 *   validation_kind          -> purpose SERVER / CLIENT
 *   extended_key_usage       -> must agree with the purpose
 *   key_usage                -> policy.required_key_usage
 *   validation_time          -> policy.now, truncated to whole seconds
 *                               (X.509 times have no fractions; see
 *                               rfc5280::validity::notafter-fractional);
 *                               null -> the platform clock
 *   expected_peer_name       -> hostname (DNS or IP); CLIENT cases and
 *                               RFC822 names have no TLS reference name:
 *                               NULL (name constraints still apply)
 *   max_chain_depth          -> policy.max_depth = depth + 2 (limbo
 *                               counts intermediates; tern counts the leaf
 *                               and the anchor as well)
 *
 * Environment: LIMBO_ONLY=<id prefix> runs matching cases only,
 * LIMBO_VERBOSE=1 prints every failure (default: the first 40),
 * LIMBO_TRACE=1 prints every case with tern's reason bits.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "tern/pem.h"
#include "tern/x509.h"
#include "tv.h"

/* ---- skips -------------------------------------------------------------
 * Each entry matches a case id exactly (or a feature, when feature is
 * set) and says why tern does not run it. Keep this list short: the bar
 * is under 1% of the suite. */
typedef struct skip_rule {
    const char *id;      /* exact case id, or NULL */
    const char *feature; /* limbo feature, or NULL */
    const char *reason;  /* printed with the count */
} skip_rule;

#define R_CONFLICT_WEBPKI                                                                          \
    "conflicting profiles (limbo conflicts_with): tern takes the web PKI side "                    \
    "(a CA certificate in leaf position is refused; non-critical nameConstraints are obeyed)"
#define R_CONFLICT_EKU                                                                             \
    "conflicting profiles (limbo conflicts_with): tern takes the RFC 5280 side for a leaf "        \
    "without extendedKeyUsage (unrestricted, 4.2.1.12), which private PKIs rely on"
#define R_PEDANTIC_EKU                                                                             \
    "pedantic-webpki-eku: CA/B Forum issuance rules (anyEKU beside serverAuth, critical EKU, "     \
    "EKU in a root); tern applies RFC 5280 4.2.1.12 (the purpose must be listed) and EKU "         \
    "chaining through intermediates"
#define R_PEDANTIC_AKI                                                                             \
    "pedantic-rfc5280: authorityKeyIdentifier on a trust anchor; an anchor is its name and "       \
    "key (RFC 5280 6.1.1 (d)), so tern does not ask (cve::cve-2024-0567 needs the same)"
#define R_PSL                                                                                      \
    "pedantic-public-suffix-wildcard: wildcards over multi-label or private public suffixes "      \
    "need the Public Suffix List, which tern does not carry ('*.<tld>' is refused)"
#define R_CN                                                                                       \
    "CN/SAN consistency (CA/B BR 7.1.4.3) is an issuance rule: tern never reads the CN "           \
    "when a SAN is present (RFC 9525 6.2), so a CN that disagrees cannot mislead it"
#define R_CA_LEAF                                                                                  \
    "a CA certificate (keyUsage keyCertSign only) as the TLS leaf: refused as in "                 \
    "webpki::ca-as-leaf, its keyUsage allows no TLS use (RFC 5280 4.2.1.3); pathLen "              \
    "itself ignores the leaf in tern too"
#define R_DEPTH                                                                                    \
    "max_chain_depth over self-issued intermediates: tern's max_depth bounds every "               \
    "certificate of a path (a hard bound on work and stack); limbo counts logical ones"

static const skip_rule skips[] = {
    {"rfc5280::ca-as-leaf", NULL, R_CONFLICT_WEBPKI},
    {"rfc5280::nc::permitted-dns-match-noncritical", NULL, R_CONFLICT_WEBPKI},
    {"webpki::eku::ee-without-eku", NULL, R_CONFLICT_EKU},
    {"webpki::eku::ee-anyeku", NULL, R_PEDANTIC_EKU},
    {"webpki::eku::ee-critical-eku", NULL, R_PEDANTIC_EKU},
    {"webpki::eku::root-has-eku", NULL, R_PEDANTIC_EKU},
    {"rfc5280::aki::cross-signed-root-missing-aki", NULL, R_PEDANTIC_AKI},
    {"webpki::san::public-suffix-multi-label-wildcard-san", NULL, R_PSL},
    {"webpki::san::public-suffix-private-namespace-wildcard-san", NULL, R_PSL},
    {"webpki::cn::ipv4-hex-mismatch", NULL, R_CN},
    {"webpki::cn::ipv4-leading-zeros-mismatch", NULL, R_CN},
    {"webpki::cn::ipv6-uppercase-mismatch", NULL, R_CN},
    {"webpki::cn::ipv6-uncompressed-mismatch", NULL, R_CN},
    {"webpki::cn::ipv6-non-rfc5952-mismatch", NULL, R_CN},
    {"webpki::cn::punycode-not-in-san", NULL, R_CN},
    {"webpki::cn::utf8-vs-punycode-mismatch", NULL, R_CN},
    {"webpki::cn::not-in-san", NULL, R_CN},
    {"webpki::cn::case-mismatch", NULL, R_CN},
    {"pathlen::validation-ignores-pathlen-in-leaf", NULL, R_CA_LEAF},
    {"pathlen::max-chain-depth-1-self-issued", NULL, R_DEPTH},
    {NULL, NULL, NULL},
};

/* ---- input helpers -------------------------------------------------------- */

/* Reads and decompresses a .gz file (path relative to the vectors dir). */
static char *read_gz(const char *rel, size_t *out_len)
{
    char path[1024];
    gzFile gz;
    char *buf = NULL;
    size_t cap = 0, len = 0;
    int n;

    snprintf(path, sizeof(path), "%s/%s", tv_dir(), rel);
    gz = gzopen(path, "rb");
    if (gz == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return NULL;
    }
    for (;;) {
        if (cap - len < 65536) {
            cap = cap == 0 ? (1u << 26) : cap * 2;
            buf = (char *)realloc(buf, cap + 1);
            if (buf == NULL) {
                gzclose(gz);
                return NULL;
            }
        }
        n = gzread(gz, buf + len, (unsigned)(cap - len));
        if (n < 0) {
            fprintf(stderr, "gzread failed on %s\n", path);
            free(buf);
            gzclose(gz);
            return NULL;
        }
        if (n == 0) {
            break;
        }
        len += (size_t)n;
    }
    gzclose(gz);
    buf[len] = 0;
    *out_len = len;
    return buf;
}

/* The first PEM block of text, decoded into a malloc'd buffer. */
static uint8_t *pem_to_der(const char *text, size_t *len)
{
    tern_pem_iter it;
    tern_pem_block blk;
    uint8_t *der;

    tern_pem_iter_init(&it, text, strlen(text));
    if (tern_pem_next(&it, &blk) != 1) {
        return NULL;
    }
    der = (uint8_t *)malloc(tern_pem_decoded_max(&blk) + 1);
    if (der == NULL || tern_pem_decode(&blk, der, tern_pem_decoded_max(&blk) + 1, len) != TERN_OK) {
        free(der);
        return NULL;
    }
    return der;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era;
    unsigned yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

/* RFC 3339 date-time to seconds (fractions dropped). 0 on success. */
static int parse_rfc3339(const char *s, int64_t *out)
{
    int y, mo, d, h, mi, sec, n = 0, oh = 0, om = 0;
    const char *p;
    int64_t t;

    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6) {
        return -1;
    }
    p = s + n;
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            p++;
        }
    }
    t = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec;
    if (*p == 'Z' || *p == 'z') {
        *out = t;
        return 0;
    }
    if ((*p == '+' || *p == '-') && sscanf(p + 1, "%2d:%2d", &oh, &om) == 2) {
        int64_t off = (int64_t)oh * 3600 + om * 60;
        *out = *p == '+' ? t - off : t + off;
        return 0;
    }
    return -1;
}

static int str_in_array(const cJSON *arr, const char *s)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, arr)
    {
        if (cJSON_IsString(e) && strcmp(e->valuestring, s) == 0) {
            return 1;
        }
    }
    return 0;
}

static const char *skip_reason(const cJSON *tc)
{
    const char *id = tv_json_str(tc, "id");
    const cJSON *features = cJSON_GetObjectItemCaseSensitive(tc, "features");
    size_t i;

    for (i = 0; skips[i].reason != NULL; i++) {
        if (skips[i].id != NULL && id != NULL && strcmp(skips[i].id, id) == 0) {
            return skips[i].reason;
        }
        if (skips[i].feature != NULL && str_in_array(features, skips[i].feature)) {
            return skips[i].reason;
        }
    }
    return NULL;
}

/* ---- one case ---------------------------------------------------------------- */

#define MAX_CERTS 64
#define MAX_STORE 64

typedef struct limbo_case {
    uint8_t *owned[2 * MAX_CERTS + MAX_STORE];
    size_t nowned;
} limbo_case;

static uint8_t *keep(limbo_case *lc, uint8_t *p)
{
    if (p != NULL && lc->nowned < sizeof(lc->owned) / sizeof(lc->owned[0])) {
        lc->owned[lc->nowned++] = p;
    }
    return p;
}

static void release(limbo_case *lc)
{
    size_t i;
    for (i = 0; i < lc->nowned; i++) {
        free(lc->owned[i]);
    }
    lc->nowned = 0;
}

static const char *ku_names[] = {"digitalSignature", "contentCommitment", "keyEncipherment",
                                 "dataEncipherment", "keyAgreement",      "keyCertSign",
                                 "cRLSign",          "encipherOnly",      "decipherOnly"};

/* Runs one case. Returns 1 when tern accepted the chain, 0 when it
 * rejected it, -1 when the case cannot be set up (a harness failure);
 * *reasons gets the result's reason bits. */
static int run_case(const cJSON *tc, uint32_t *reasons, int *code)
{
    static uint64_t store_mem[TERN_TRUST_STORE_SIZE(MAX_STORE) / 8 + 1];
    tern_trust_store *store;
    tern_x509_policy pol;
    tern_x509_result res;
    limbo_case lc;
    const uint8_t *certs[MAX_CERTS];
    size_t lens[MAX_CERTS], n = 0, len;
    const cJSON *e, *arr;
    const char *s, *kind, *host = NULL;
    uint8_t *der;
    int rc, ret = -1;

    memset(&lc, 0, sizeof(lc));
    if (tern_trust_store_init(&store, store_mem, sizeof(store_mem), MAX_STORE) != TERN_OK) {
        return -1;
    }
    arr = cJSON_GetObjectItemCaseSensitive(tc, "trusted_certs");
    cJSON_ArrayForEach(e, arr)
    {
        der = keep(&lc, pem_to_der(e->valuestring, &len));
        if (der != NULL) {
            (void)!tern_trust_store_add_der(store, der, len);
        }
    }
    arr = cJSON_GetObjectItemCaseSensitive(tc, "crls");
    cJSON_ArrayForEach(e, arr)
    {
        der = keep(&lc, pem_to_der(e->valuestring, &len));
        if (der != NULL && tern_trust_store_add_crl(store, der, len) != TERN_OK) {
            /* a CRL the store cannot even file makes revocation status
             * unknown: tern must fail closed */
            *reasons = TERN_X509_BAD_CRL;
            *code = TERN_ERR_CERT_REVOKED;
            release(&lc);
            return 0;
        }
    }
    s = tv_json_str(tc, "peer_certificate");
    der = s != NULL ? keep(&lc, pem_to_der(s, &len)) : NULL;
    if (der == NULL) {
        goto out;
    }
    certs[n] = der;
    lens[n++] = len;
    arr = cJSON_GetObjectItemCaseSensitive(tc, "untrusted_intermediates");
    cJSON_ArrayForEach(e, arr)
    {
        der = keep(&lc, pem_to_der(e->valuestring, &len));
        if (der != NULL && n < MAX_CERTS) {
            certs[n] = der;
            lens[n++] = len;
        }
    }

    tern_x509_policy_init(&pol);
    s = tv_json_str(tc, "validation_kind");
    pol.purpose =
        s != NULL && strcmp(s, "CLIENT") == 0 ? TERN_X509_PURPOSE_CLIENT : TERN_X509_PURPOSE_SERVER;
    arr = cJSON_GetObjectItemCaseSensitive(tc, "extended_key_usage");
    cJSON_ArrayForEach(e, arr)
    {
        if (!cJSON_IsString(e) ||
            strcmp(e->valuestring,
                   pol.purpose == TERN_X509_PURPOSE_CLIENT ? "clientAuth" : "serverAuth") != 0) {
            fprintf(stderr, "%s: extended_key_usage %s not expressible\n", tv_json_str(tc, "id"),
                    cJSON_IsString(e) ? e->valuestring : "?");
            goto out;
        }
    }
    arr = cJSON_GetObjectItemCaseSensitive(tc, "key_usage");
    cJSON_ArrayForEach(e, arr)
    {
        size_t i;
        for (i = 0; i < sizeof(ku_names) / sizeof(ku_names[0]); i++) {
            if (cJSON_IsString(e) && strcmp(e->valuestring, ku_names[i]) == 0) {
                pol.required_key_usage |= (uint16_t)(1u << i);
            }
        }
    }
    s = tv_json_str(tc, "validation_time");
    if (s != NULL && parse_rfc3339(s, &pol.now) != 0) {
        fprintf(stderr, "%s: bad validation_time %s\n", tv_json_str(tc, "id"), s);
        goto out;
    }
    e = cJSON_GetObjectItemCaseSensitive(tc, "max_chain_depth");
    if (cJSON_IsNumber(e)) {
        int d = e->valueint + 2;
        pol.max_depth = (uint8_t)(d > TERN_X509_MAX_DEPTH ? TERN_X509_MAX_DEPTH : d);
    }
    e = cJSON_GetObjectItemCaseSensitive(tc, "expected_peer_name");
    if (cJSON_IsObject(e) && pol.purpose == TERN_X509_PURPOSE_SERVER) {
        kind = tv_json_str(e, "kind");
        if (kind != NULL && (strcmp(kind, "DNS") == 0 || strcmp(kind, "IP") == 0)) {
            host = tv_json_str(e, "value");
        }
    }

    memset(&res, 0, sizeof(res));
    rc = tern_x509_verify_chain(store, &pol, certs, lens, n, host, &res);
    *reasons = res.reasons;
    *code = rc;
    ret = rc == TERN_OK;
out:
    release(&lc);
    return ret;
}

int main(void)
{
    const char *only = getenv("LIMBO_ONLY");
    int verbose = getenv("LIMBO_VERBOSE") != NULL;
    int trace = getenv("LIMBO_TRACE") != NULL;
    const char *reasons[64];
    int reason_count[64], nreasons = 0;
    int passed = 0, failed = 0, skipped = 0, total = 0, i;
    size_t len;
    char *json;
    cJSON *root, *tc;

    json = read_gz("x509-limbo/limbo.json.gz", &len);
    if (json == NULL) {
        printf("x509-limbo: 0 passed, 1 failed, 0 skipped\n");
        return 1;
    }
    root = cJSON_ParseWithLength(json, len);
    free(json);
    if (root == NULL) {
        fprintf(stderr, "limbo.json: JSON parse error\n");
        return 1;
    }
    cJSON_ArrayForEach(tc, cJSON_GetObjectItemCaseSensitive(root, "testcases"))
    {
        const char *id = tv_json_str(tc, "id");
        const char *expected = tv_json_str(tc, "expected_result");
        const char *why;
        uint32_t got_reasons = 0;
        int got, code = 0, want;

        if (only != NULL && (id == NULL || strncmp(id, only, strlen(only)) != 0)) {
            continue;
        }
        total++;
        why = skip_reason(tc);
        if (why != NULL) {
            skipped++;
            for (i = 0; i < nreasons && reasons[i] != why; i++) {
            }
            if (i == nreasons && nreasons < 64) {
                reasons[nreasons] = why;
                reason_count[nreasons++] = 0;
            }
            if (i < 64) {
                reason_count[i]++;
            }
            continue;
        }
        want = expected != NULL && strcmp(expected, "SUCCESS") == 0;
        got = run_case(tc, &got_reasons, &code);
        if (trace) {
            fprintf(stderr, "CASE %s %s reasons 0x%05x\n", id != NULL ? id : "?",
                    got ? "SUCCESS" : "FAILURE", (unsigned)got_reasons);
        }
        if (got == want) {
            passed++;
            continue;
        }
        failed++;
        if (verbose || failed <= 40) {
            fprintf(stderr, "FAIL %s: expected %s, got %s (%s, reasons 0x%05x)\n",
                    id != NULL ? id : "?", expected != NULL ? expected : "?",
                    got < 0 ? "setup error"
                    : got   ? "SUCCESS"
                            : "FAILURE",
                    tern_err_name(code) != NULL ? tern_err_name(code) : "-", (unsigned)got_reasons);
        }
    }
    cJSON_Delete(root);
    printf("x509-limbo: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
    for (i = 0; i < nreasons; i++) {
        printf("  skipped %d: %s\n", reason_count[i], reasons[i]);
    }
    /* the bar: nothing fails, under 1% skipped */
    return failed == 0 && total > 0 && skipped * 100 < total ? 0 : 1;
}
