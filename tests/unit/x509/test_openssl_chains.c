/*
 * Chains made by the openssl command-line tool during the run (openssl
 * req / openssl x509, openssl ca for a CRL): depths 1 to 4 in EC (P-256,
 * P-384), RSA-2048 and Ed25519, each verified by tern in shuffled pool orders and
 * checked against `openssl verify`; then pathLen, name constraints,
 * explicit policies, extended key usage and a CRL, each failing with its
 * reason. Skipped (exit 77) when openssl is not installed.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tern/pem.h"
#include "tern/x509.h"
#include "tern_test.h"

static char dir[] = "/tmp/tern-x509-chains-XXXXXX";

/* Runs a shell command in dir; returns its exit status. */
static int sh(const char *fmt, ...)
{
    char cmd[2048], full[2300];
    va_list ap;
    int rc;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    snprintf(full, sizeof(full), "cd %s && (%s) >/dev/null 2>&1", dir, cmd);
    rc = system(full);
    rc = rc == -1 ? -1 : (rc >> 8) & 0xff;
    if (rc != 0 && getenv("TERN_VERBOSE") != NULL) {
        fprintf(stderr, "  exit %d: %s\n", rc, cmd);
    }
    return rc;
}

#define SH(...)                                                                                    \
    do {                                                                                           \
        if (sh(__VA_ARGS__) != 0) {                                                                \
            TEST_FAIL("command failed (see above)");                                               \
        }                                                                                          \
    } while (0)

/* A PEM certificate of the work directory as DER (malloc'd). */
static uint8_t *load(const char *name, size_t *len)
{
    char path[512];
    FILE *f;
    long n;
    char *text;
    uint8_t *der;
    tern_pem_iter it;
    tern_pem_block blk;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "rb");
    if (f == NULL) {
        TEST_FAIL(name);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = (char *)malloc((size_t)n + 1);
    if (fread(text, 1, (size_t)n, f) != (size_t)n) {
        n = 0;
    }
    fclose(f);
    tern_pem_iter_init(&it, text, (size_t)n);
    der = (uint8_t *)malloc((size_t)n + 1);
    if (tern_pem_next(&it, &blk) != 1 ||
        tern_pem_decode(&blk, der, (size_t)n + 1, len) != TERN_OK) {
        TEST_FAIL(name);
        exit(1);
    }
    free(text);
    return der;
}

static const char cnf[] =
    "[ req ]\ndistinguished_name = dn\nprompt = no\n[ dn ]\nCN = unused\n"
    "[ ca ]\nbasicConstraints = critical, CA:true\nkeyUsage = critical, keyCertSign, cRLSign\n"
    "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n"
    "[ ca_pl0 ]\nbasicConstraints = critical, CA:true, pathlen:0\n"
    "keyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash\n"
    "authorityKeyIdentifier = keyid\n"
    "[ ca_nc ]\nbasicConstraints = critical, CA:true\nkeyUsage = critical, keyCertSign, cRLSign\n"
    "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n"
    "nameConstraints = critical, permitted;DNS:example.com, excluded;DNS:bad.example.com\n"
    "[ ca_pol ]\nbasicConstraints = critical, CA:true\nkeyUsage = critical, keyCertSign, cRLSign\n"
    "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n"
    "certificatePolicies = 1.2.3.4\npolicyConstraints = critical, requireExplicitPolicy:0\n"
    "[ leaf ]\nbasicConstraints = critical, CA:false\n"
    "keyUsage = critical, digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth\n"
    "subjectAltName = $ENV::SAN\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n"
    "[ leaf_pol ]\nbasicConstraints = critical, CA:false\nkeyUsage = critical, digitalSignature\n"
    "extendedKeyUsage = serverAuth\nsubjectAltName = $ENV::SAN\n"
    "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\ncertificatePolicies = $ENV::POL\n"
    "[ leaf_client ]\nbasicConstraints = critical, CA:false\nkeyUsage = critical, "
    "digitalSignature\n"
    "extendedKeyUsage = clientAuth\nsubjectAltName = $ENV::SAN\n"
    "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n"
    "[ ca_db ]\ndatabase = index.txt\ndefault_md = sha256\ncrlnumber = crlnumber\n"
    "default_crl_days = 30\n[ ca_cfg ]\ndefault_ca = ca_db\n";

static int serial_no = 100;

static void key(const char *name, const char *alg)
{
    if (strcmp(alg, "rsa") == 0) {
        SH("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out %s.key", name);
    } else if (strcmp(alg, "ed25519") == 0) {
        SH("openssl genpkey -algorithm ED25519 -out %s.key", name);
    } else {
        SH("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:%s "
           "-pkeyopt ec_param_enc:named_curve -out %s.key",
           alg, name);
    }
}

static void root(const char *name, const char *alg)
{
    key(name, alg);
    SH("openssl req -x509 -new -config x.cnf -extensions ca -key %s.key -subj /CN=%s "
       "-days 3650 -set_serial %d -out %s.pem",
       name, name, serial_no++, name);
}

/* name signed by parent with extension section ext; san for leaves */
static void issue(const char *name, const char *alg, const char *parent, const char *ext,
                  const char *san, const char *pol)
{
    key(name, alg);
    SH("openssl req -new -config x.cnf -key %s.key -subj /CN=%s -out %s.csr", name, name, name);
    /* Ed25519 issuers sign without a separate digest (RFC 8410) */
    SH("SAN='%s' POL='%s' openssl x509 -req -in %s.csr -CA %s.pem -CAkey %s.key -set_serial %d "
       "-days 365 %s -extfile x.cnf -extensions %s -out %s.pem",
       san != NULL ? san : "DNS:unused.example", pol != NULL ? pol : "1.2.3.4", name, parent,
       parent, serial_no++, strcmp(alg, "ed25519") == 0 ? "" : "-sha256", ext, name);
}

typedef struct ctx {
    uint64_t mem[TERN_TRUST_STORE_SIZE(4) / 8 + 1];
    tern_trust_store *store;
    uint8_t *anchor;
    const uint8_t *certs[8];
    size_t lens[8], n;
    tern_x509_policy pol;
} ctx;

static void ctx_init(ctx *c, const char *anchor)
{
    size_t len;
    memset(c, 0, sizeof(*c));
    EXPECT_OK(tern_trust_store_init(&c->store, c->mem, sizeof(c->mem), 4));
    c->anchor = load(anchor, &len);
    EXPECT_OK(tern_trust_store_add_der(c->store, c->anchor, len));
    tern_x509_policy_init(&c->pol);
}

static void ctx_add(ctx *c, const char *name)
{
    c->certs[c->n] = load(name, &c->lens[c->n]);
    c->n++;
}

static void ctx_free(ctx *c)
{
    size_t i;
    for (i = 0; i < c->n; i++) {
        free((void *)c->certs[i]);
    }
    free(c->anchor);
}

static int verify(ctx *c, const char *host, uint32_t *reasons)
{
    tern_x509_result res;
    int rc = tern_x509_verify_chain(c->store, &c->pol, c->certs, c->lens, c->n, host, &res);
    if (reasons != NULL) {
        *reasons = res.reasons;
    }
    return rc;
}

/* The leaf under the chain root -> i1 -> ... -> i(depth-1), verified. */
static void check_depth(const char *alg, const char *p, int depth)
{
    char name[64], pool[256] = "", leaf[32];
    ctx c;
    int i;
    uint32_t why;

    snprintf(leaf, sizeof(leaf), "%sleaf%d", p, depth);
    for (i = 1; i < depth; i++) {
        snprintf(name, sizeof(name), " %si%d.pem", p, i);
        strcat(pool, name);
    }
    if (depth > 1) {
        SH("cat %s > %spool.pem && openssl verify -CAfile %sr.pem -untrusted %spool.pem %s.pem",
           pool, p, p, p, leaf);
    } else {
        SH("openssl verify -CAfile %sr.pem %s.pem", p, leaf);
    }
    snprintf(name, sizeof(name), "%sr.pem", p);
    ctx_init(&c, name);
    snprintf(name, sizeof(name), "%s.pem", leaf);
    ctx_add(&c, name);
    /* the pool in reverse order of issue: the worst case for a
     * front-to-back search */
    for (i = depth - 1; i >= 1; i--) {
        snprintf(name, sizeof(name), "%si%d.pem", p, i);
        ctx_add(&c, name);
    }
    EXPECT_OK(verify(&c, "www.example.com", NULL));
    EXPECT_OK(verify(&c, "192.0.2.7", NULL));
    EXPECT_ERR(TERN_ERR_CERT_NAME_MISMATCH, verify(&c, "example.com", NULL));
    /* two years on, everything has expired but the root */
    c.pol.now = (int64_t)time(NULL) + 2 * 365 * 86400;
    EXPECT_ERR(TERN_ERR_CERT_EXPIRED, verify(&c, "www.example.com", &why));
    EXPECT_TRUE(why == TERN_X509_EXPIRED);
    c.pol.now = 0;
    if (depth > 1) {
        /* a missing link */
        c.n--;
        EXPECT_ERR(TERN_ERR_CERT_NOT_TRUSTED, verify(&c, "www.example.com", NULL));
        c.n++;
        /* max_depth too small by one */
        c.pol.max_depth = (uint8_t)depth;
        EXPECT_ERR(TERN_ERR_CERT_NOT_TRUSTED, verify(&c, "www.example.com", &why));
        EXPECT_TRUE(why & TERN_X509_CHAIN_TOO_LONG);
        c.pol.max_depth = (uint8_t)(depth + 1);
        EXPECT_OK(verify(&c, "www.example.com", NULL));
    }
    (void)alg;
    ctx_free(&c);
}

/* One algorithm: root -> i1 -> i2 -> i3 and a leaf under each CA whose
 * depth is in the mask (bit d: a path of d certificates below the
 * anchor). */
static void family(const char *alg, const char *p, unsigned depths)
{
    char name[32], parent[32], leaf[32];
    int d;

    snprintf(name, sizeof(name), "%sr", p);
    root(name, alg);
    snprintf(parent, sizeof(parent), "%s", name);
    for (d = 1; d <= 4; d++) {
        if (depths >> d == 0) {
            break;
        }
        if (d > 1) {
            snprintf(name, sizeof(name), "%si%d", p, d - 1);
            issue(name, alg, parent, "ca", NULL, NULL);
            snprintf(parent, sizeof(parent), "%s", name);
        }
        if (depths & (1u << d)) {
            snprintf(leaf, sizeof(leaf), "%sleaf%d", p, d);
            issue(leaf, alg, parent, "leaf", "DNS:www.example.com, IP:192.0.2.7", NULL);
            check_depth(alg, p, d);
        }
    }
}

static void test_depths(void)
{
    family("P-256", "e", 0x1e); /* depths 1, 2, 3, 4 */
    family("P-384", "f", 0x04); /* 2 */
    family("rsa", "r", 0x12);   /* 1, 4 */
#if TERN_CONFIG_ED25519
    family("ed25519", "d", 0x04); /* 2 */
#endif
}

static void test_constraints(void)
{
    ctx c;
    uint32_t why;

    root("cr", "P-256");
    /* pathLen 0 with an intermediate below it */
    issue("pl0", "P-256", "cr", "ca_pl0", NULL, NULL);
    issue("pl0sub", "P-256", "pl0", "ca", NULL, NULL);
    issue("pl0leaf", "P-256", "pl0sub", "leaf", "DNS:www.example.com", NULL);
    issue("pl0ok", "P-256", "pl0", "leaf", "DNS:www.example.com", NULL);
    ctx_init(&c, "cr.pem");
    ctx_add(&c, "pl0leaf.pem");
    ctx_add(&c, "pl0sub.pem");
    ctx_add(&c, "pl0.pem");
    EXPECT_ERR(TERN_ERR_CERT_CONSTRAINTS, verify(&c, "www.example.com", &why));
    EXPECT_TRUE(why == TERN_X509_BAD_CONSTRAINTS);
    {
        /* openssl agrees */
        int rc = sh("cat pl0sub.pem pl0.pem > p.pem && openssl verify -CAfile cr.pem "
                    "-untrusted p.pem pl0leaf.pem");
        EXPECT_NE(rc, 0);
    }
    ctx_free(&c);
    ctx_init(&c, "cr.pem");
    ctx_add(&c, "pl0ok.pem");
    ctx_add(&c, "pl0.pem");
    EXPECT_OK(verify(&c, "www.example.com", NULL));
    ctx_free(&c);

    /* name constraints */
    issue("nc", "P-256", "cr", "ca_nc", NULL, NULL);
    issue("ncgood", "P-256", "nc", "leaf", "DNS:www.example.com", NULL);
    issue("ncout", "P-256", "nc", "leaf", "DNS:www.example.org", NULL);
    issue("ncexcl", "P-256", "nc", "leaf", "DNS:x.bad.example.com", NULL);
    issue("ncwild", "P-256", "nc", "leaf", "DNS:*.example.com", NULL);
    ctx_init(&c, "cr.pem");
    ctx_add(&c, "ncgood.pem");
    ctx_add(&c, "nc.pem");
    EXPECT_OK(verify(&c, "www.example.com", NULL));
    free((void *)c.certs[0]);
    c.certs[0] = load("ncout.pem", &c.lens[0]);
    EXPECT_ERR(TERN_ERR_CERT_CONSTRAINTS, verify(&c, "www.example.org", &why));
    EXPECT_TRUE(why == TERN_X509_NAME_CONSTRAINTS);
    free((void *)c.certs[0]);
    c.certs[0] = load("ncexcl.pem", &c.lens[0]);
    EXPECT_ERR(TERN_ERR_CERT_CONSTRAINTS, verify(&c, "x.bad.example.com", NULL));
    /* a wildcard that would cover the excluded name */
    free((void *)c.certs[0]);
    c.certs[0] = load("ncwild.pem", &c.lens[0]);
    EXPECT_ERR(TERN_ERR_CERT_CONSTRAINTS, verify(&c, "www.example.com", NULL));
    ctx_free(&c);

    /* an intermediate requiring an explicit policy */
    issue("pol", "P-256", "cr", "ca_pol", NULL, NULL);
    issue("polnone", "P-256", "pol", "leaf", "DNS:www.example.com", NULL);
    issue("polok", "P-256", "pol", "leaf_pol", "DNS:www.example.com", "1.2.3.4");
    issue("polother", "P-256", "pol", "leaf_pol", "DNS:www.example.com", "1.2.3.5");
    ctx_init(&c, "cr.pem");
    ctx_add(&c, "polnone.pem");
    ctx_add(&c, "pol.pem");
    /* the anchor has no policies: with an explicit policy required the
     * anchor (processed as a certificate) must list it too, so this
     * fails... */
    EXPECT_ERR(TERN_ERR_CERT_CONSTRAINTS, verify(&c, "www.example.com", &why));
    EXPECT_TRUE(why == TERN_X509_BAD_POLICY);
    ctx_free(&c);
    /* ... while an anchor that is the policy CA itself passes when the
     * leaf has the policy, and fails when it has another or none */
    ctx_init(&c, "pol.pem");
    ctx_add(&c, "polok.pem");
    EXPECT_OK(verify(&c, "www.example.com", NULL));
    free((void *)c.certs[0]);
    c.certs[0] = load("polother.pem", &c.lens[0]);
    EXPECT_ERR(TERN_ERR_CERT_CONSTRAINTS, verify(&c, "www.example.com", &why));
    EXPECT_TRUE(why == TERN_X509_BAD_POLICY);
    free((void *)c.certs[0]);
    c.certs[0] = load("polnone.pem", &c.lens[0]);
    EXPECT_ERR(TERN_ERR_CERT_CONSTRAINTS, verify(&c, "www.example.com", NULL));
    ctx_free(&c);

    /* extended key usage */
    issue("cli", "P-256", "cr", "leaf_client", "DNS:www.example.com", NULL);
    ctx_init(&c, "cr.pem");
    ctx_add(&c, "cli.pem");
    EXPECT_ERR(TERN_ERR_CERT_USAGE, verify(&c, "www.example.com", NULL));
    c.pol.purpose = TERN_X509_PURPOSE_CLIENT;
    EXPECT_OK(verify(&c, NULL, NULL));
    ctx_free(&c);
}

static void test_crl(void)
{
    ctx c;
    uint8_t *crl;
    size_t crl_len;
    uint32_t why;

    root("crlroot", "P-256");
    issue("crlgood", "P-256", "crlroot", "leaf", "DNS:www.example.com", NULL);
    issue("crlbad", "P-256", "crlroot", "leaf", "DNS:www.example.com", NULL);
    SH(": > index.txt && echo 01 > crlnumber");
    SH("openssl ca -config x.cnf -name ca_db -cert crlroot.pem -keyfile crlroot.key "
       "-revoke crlbad.pem");
    SH("openssl ca -config x.cnf -name ca_db -cert crlroot.pem -keyfile crlroot.key -gencrl "
       "-out crl.pem");
    crl = load("crl.pem", &crl_len);
    ctx_init(&c, "crlroot.pem");
    EXPECT_OK(tern_trust_store_add_crl(c.store, crl, crl_len));
    ctx_add(&c, "crlbad.pem");
    EXPECT_ERR(TERN_ERR_CERT_REVOKED, verify(&c, "www.example.com", &why));
    EXPECT_TRUE(why == TERN_X509_REVOKED);
    free((void *)c.certs[0]);
    c.certs[0] = load("crlgood.pem", &c.lens[0]);
    EXPECT_OK(verify(&c, "www.example.com", NULL));
    /* a stale CRL (after its nextUpdate, 30 days) fails closed */
    c.pol.now = (int64_t)time(NULL) + 60 * 86400;
    EXPECT_ERR(TERN_ERR_CERT_REVOKED, verify(&c, "www.example.com", &why));
    EXPECT_TRUE(why == TERN_X509_BAD_CRL);
    c.pol.now = 0;
    /* a CRL of that name signed by another key fails closed too */
    {
        uint8_t *crl2 = (uint8_t *)malloc(crl_len);
        memcpy(crl2, crl, crl_len);
        crl2[crl_len - 3] ^= 0x01; /* inside the signature */
        EXPECT_OK(tern_trust_store_add_crl(c.store, crl2, crl_len));
        EXPECT_ERR(TERN_ERR_CERT_REVOKED, verify(&c, "www.example.com", &why));
        EXPECT_TRUE(why & TERN_X509_BAD_CRL);
        free(crl2);
    }
    /* truncated CRLs are refused when added */
    {
        size_t i;
        for (i = 0; i < crl_len; i++) {
            if (tern_trust_store_add_crl(c.store, crl, i) == TERN_OK) {
                TEST_FAIL("truncated CRL accepted");
                break;
            }
        }
    }
    ctx_free(&c);
    free(crl);
}

int main(void)
{
    FILE *f;

    if (system("openssl version >/dev/null 2>&1") != 0) {
        printf("openssl not found: skipped\n");
        return 77;
    }
    if (mkdtemp(dir) == NULL) {
        return 1;
    }
    /* the config refers to these; every command reads the whole file */
    setenv("SAN", "DNS:unused.example", 1);
    setenv("POL", "1.2.3.4", 1);
    {
        char path[512];
        snprintf(path, sizeof(path), "%s/x.cnf", dir);
        f = fopen(path, "w");
        if (f == NULL || fputs(cnf, f) < 0) {
            return 1;
        }
        fclose(f);
    }
    RUN_TEST(test_depths);
    RUN_TEST(test_constraints);
    RUN_TEST(test_crl);
    if (getenv("TERN_KEEP_TMP") == NULL) {
        char cmd[600];
        snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
        if (system(cmd) != 0) {
            fprintf(stderr, "could not remove %s\n", dir);
        }
    }
    return TEST_REPORT();
}
