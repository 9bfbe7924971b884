/*
 * tern_x509_verify_chain with the test PKI (tests/data/certs): good chains
 * of every key type and purpose, each failure with its reason and error
 * code, pool order and noise, tampering, time sources, policy knobs, the
 * path-building budget and revocation by the store.
 */
#include "tern/platform.h"
#include "x509/x509_internal.h"
#include "x509_test_util.h"

static uint64_t store_mem[TERN_TRUST_STORE_SIZE(8) / 8 + 1];
static tern_trust_store *store;
static uint8_t *root_der, *int_der, *other_root_der;
static size_t root_len, int_len, other_root_len;

static void setup_store(void)
{
    EXPECT_OK(tern_trust_store_init(&store, store_mem, sizeof(store_mem), 8));
    EXPECT_OK(tern_trust_store_add_der(store, root_der, root_len));
}

static void policy_at(tern_x509_policy *p, int purpose)
{
    tern_x509_policy_init(p);
    p->purpose = purpose;
    p->now = XT_NOW;
}

/* leaf + int-ca */
static void load_chain(xt_chain *c, const char *leaf)
{
    char name[128];
    memset(c, 0, sizeof(*c));
    snprintf(name, sizeof(name), "%s.der", leaf);
    xt_chain_add(c, name);
    xt_chain_add(c, "int-ca.der");
}

static int verify(const xt_chain *c, const tern_x509_policy *p, const char *host,
                  tern_x509_result *res)
{
    return tern_x509_verify_chain(store, p, c->certs, c->lens, c->n, host, res);
}

static void test_good_chains(void)
{
    static const char *const servers[] = {"server-p256", "server-p384", "server-rsa2048"};
    static const char *const clients[] = {"client-p256", "client-rsa2048"};
    tern_x509_policy p;
    tern_x509_result res;
    xt_chain c;
    size_t i;

    setup_store();
    policy_at(&p, TERN_X509_PURPOSE_SERVER);
    for (i = 0; i < 3; i++) {
        load_chain(&c, servers[i]);
        EXPECT_OK(verify(&c, &p, "localhost", &res));
        EXPECT_EQ_U(res.reasons, 0);
        EXPECT_EQ_U(res.path_len, 3);
        EXPECT_EQ_U(res.path[0], 0);
        EXPECT_EQ_U(res.path[1], 1);
        EXPECT_TRUE(res.anchor == root_der);
        EXPECT_EQ_U(res.anchor_len, root_len);
        EXPECT_OK(verify(&c, &p, "LocalHost", &res));  /* case-insensitive */
        EXPECT_OK(verify(&c, &p, "localhost.", &res)); /* absolute form */
        EXPECT_OK(verify(&c, &p, "127.0.0.1", &res));
        EXPECT_OK(verify(&c, &p, NULL, &res));
        EXPECT_OK(verify(&c, &p, NULL, NULL)); /* res is optional */
        xt_chain_free(&c);
    }
    policy_at(&p, TERN_X509_PURPOSE_CLIENT);
    for (i = 0; i < 2; i++) {
        load_chain(&c, clients[i]);
        EXPECT_OK(verify(&c, &p, NULL, &res));
        EXPECT_EQ_U(res.path_len, 3);
        xt_chain_free(&c);
    }
    /* purpose ANY takes either */
    policy_at(&p, TERN_X509_PURPOSE_ANY);
    load_chain(&c, "client-p256");
    EXPECT_OK(verify(&c, &p, NULL, &res));
    xt_chain_free(&c);
}

/* The pool is unordered and may hold certificates that lead nowhere. */
static void test_pool(void)
{
    tern_x509_policy p;
    tern_x509_result res;
    xt_chain c;

    setup_store();
    policy_at(&p, TERN_X509_PURPOSE_SERVER);
    memset(&c, 0, sizeof(c));
    xt_chain_add(&c, "server-p256.der");
    xt_chain_add(&c, "other-root.der");
    xt_chain_add(&c, "server-untrusted.der");
    xt_chain_add(&c, "root-ca.der"); /* the anchor itself, as servers send it */
    xt_chain_add(&c, "int-ca.der");
    EXPECT_OK(verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.path_len, 3);
    EXPECT_EQ_U(res.path[1], 4);
    EXPECT_TRUE(res.anchor == root_der);
    xt_chain_free(&c);

    /* leaf alone: the intermediate is missing */
    memset(&c, 0, sizeof(c));
    xt_chain_add(&c, "server-p256.der");
    EXPECT_ERR(TERN_ERR_CERT_NOT_TRUSTED, verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.reasons, TERN_X509_NOT_TRUSTED);
    EXPECT_EQ_U(res.path_len, 0);
    EXPECT_TRUE(res.anchor == NULL);
    xt_chain_free(&c);

    /* the intermediate trusted directly: a path of two */
    EXPECT_OK(tern_trust_store_add_der(store, int_der, int_len));
    load_chain(&c, "server-p256");
    c.n = 1;
    EXPECT_OK(verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.path_len, 2);
    EXPECT_TRUE(res.anchor == int_der);
    c.n = 2;
    xt_chain_free(&c);
}

static void test_failures(void)
{
    tern_x509_policy p;
    tern_x509_result res;
    xt_chain c;

    setup_store();
    policy_at(&p, TERN_X509_PURPOSE_SERVER);

    load_chain(&c, "server-expired");
    EXPECT_ERR(TERN_ERR_CERT_EXPIRED, verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.reasons, TERN_X509_EXPIRED);
    xt_chain_free(&c);

    load_chain(&c, "server-wrongname");
    EXPECT_ERR(TERN_ERR_CERT_NAME_MISMATCH, verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.reasons, TERN_X509_NAME_MISMATCH);
    EXPECT_OK(verify(&c, &p, "other.example", &res));
    EXPECT_ERR(TERN_ERR_CERT_NAME_MISMATCH, verify(&c, &p, "", &res)); /* empty: no skip */
    xt_chain_free(&c);

    load_chain(&c, "server-clientonly");
    EXPECT_ERR(TERN_ERR_CERT_USAGE, verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.reasons, TERN_X509_BAD_USAGE);
    xt_chain_free(&c);

    /* a client certificate presented by a server, and the reverse */
    load_chain(&c, "client-p256");
    EXPECT_ERR(TERN_ERR_CERT_USAGE, verify(&c, &p, NULL, &res));
    xt_chain_free(&c);
    policy_at(&p, TERN_X509_PURPOSE_CLIENT);
    load_chain(&c, "server-p256");
    EXPECT_ERR(TERN_ERR_CERT_USAGE, verify(&c, &p, NULL, &res));
    xt_chain_free(&c);
    policy_at(&p, TERN_X509_PURPOSE_SERVER);

    memset(&c, 0, sizeof(c));
    xt_chain_add(&c, "server-untrusted.der");
    EXPECT_ERR(TERN_ERR_CERT_NOT_TRUSTED, verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.reasons, TERN_X509_NOT_TRUSTED);
    xt_chain_add(&c, "other-root.der"); /* sending the root does not help */
    EXPECT_ERR(TERN_ERR_CERT_NOT_TRUSTED, verify(&c, &p, "localhost", &res));
    xt_chain_free(&c);

    /* wrong host names of every kind */
    load_chain(&c, "server-p256");
    EXPECT_ERR(TERN_ERR_CERT_NAME_MISMATCH, verify(&c, &p, "other.example", &res));
    EXPECT_ERR(TERN_ERR_CERT_NAME_MISMATCH, verify(&c, &p, "10.0.0.1", &res));
    EXPECT_ERR(TERN_ERR_CERT_NAME_MISMATCH, verify(&c, &p, "::1", &res));
    EXPECT_ERR(TERN_ERR_CERT_NAME_MISMATCH, verify(&c, &p, "localhost..", &res));
    EXPECT_ERR(TERN_ERR_CERT_NAME_MISMATCH, verify(&c, &p, "local host", &res));
    /* the CN says localhost too, but CN is not consulted when a SAN is
     * there, fallback or not */
    p.cn_fallback = 1;
    EXPECT_ERR(TERN_ERR_CERT_NAME_MISMATCH, verify(&c, &p, "other.example", &res));
    xt_chain_free(&c);
}

/* Every byte of the signed part and of the signature matters. */
static void test_tampering(void)
{
    tern_x509_policy p;
    tern_x509_result res;
    xt_chain c;
    uint8_t *leaf;

    setup_store();
    policy_at(&p, TERN_X509_PURPOSE_SERVER);
    load_chain(&c, "server-p256");
    leaf = (uint8_t *)c.certs[0];
    /* last byte of the signature (inside the DER ECDSA integer s) */
    leaf[c.lens[0] - 1] ^= 0x01;
    EXPECT_ERR(TERN_ERR_CERT_NOT_TRUSTED, verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.reasons, TERN_X509_NOT_TRUSTED | TERN_X509_VERIFY_FAILED);
    leaf[c.lens[0] - 1] ^= 0x01;
    EXPECT_OK(verify(&c, &p, "localhost", &res));
    /* a byte of the intermediate's signed part (its serial number) */
    ((uint8_t *)c.certs[1])[15] ^= 0x40;
    EXPECT_ERR(TERN_ERR_CERT_NOT_TRUSTED, verify(&c, &p, "localhost", &res));
    EXPECT_TRUE(res.reasons & TERN_X509_VERIFY_FAILED);
    xt_chain_free(&c);

    /* a truncated leaf does not parse */
    load_chain(&c, "server-p256");
    c.lens[0]--;
    EXPECT_ERR(TERN_ERR_CERT_PARSE, verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.reasons, TERN_X509_MALFORMED);
    c.lens[0]++;
    xt_chain_free(&c);
}

static int no_clock(void *user, int64_t *now)
{
    (void)user;
    (void)now;
    return TERN_ERR_NO_TIME;
}

static int fixed_clock(void *user, int64_t *now)
{
    *now = *(const int64_t *)user;
    return TERN_OK;
}

static int entropy(void *user, uint8_t *buf, size_t len)
{
    (void)user;
    memset(buf, 0, len);
    return TERN_ERR_ENTROPY;
}

static void test_time(void)
{
    tern_x509_policy p;
    tern_x509_result res;
    tern_platform plat;
    int64_t when = XT_NOW;
    xt_chain c;

    setup_store();
    load_chain(&c, "server-p256");
    policy_at(&p, TERN_X509_PURPOSE_SERVER);
    /* 2020: before every certificate of the PKI */
    p.now = 1600000000;
    EXPECT_ERR(TERN_ERR_CERT_FUTURE, verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.reasons, TERN_X509_FUTURE);
    /* 2100: after */
    p.now = 4200000000LL;
    EXPECT_ERR(TERN_ERR_CERT_EXPIRED, verify(&c, &p, "localhost", &res));
    /* waived explicitly */
    p.time_mode = TERN_X509_TIME_IGNORE;
    EXPECT_OK(verify(&c, &p, "localhost", &res));
    /* no clock: an error unless waived */
    tern_platform_baremetal_init(&plat, entropy, no_clock, NULL, NULL);
    policy_at(&p, TERN_X509_PURPOSE_SERVER);
    p.now = 0;
    p.platform = &plat;
    EXPECT_ERR(TERN_ERR_CERT_NO_TIME, verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.reasons, TERN_X509_NO_TIME);
    tern_platform_baremetal_init(&plat, entropy, NULL, NULL, NULL);
    EXPECT_ERR(TERN_ERR_CERT_NO_TIME, verify(&c, &p, "localhost", &res));
    p.time_mode = TERN_X509_TIME_IGNORE;
    EXPECT_OK(verify(&c, &p, "localhost", &res));
    /* the platform's clock */
    tern_platform_baremetal_init(&plat, entropy, fixed_clock, NULL, &when);
    p.time_mode = TERN_X509_TIME_REQUIRED;
    EXPECT_OK(verify(&c, &p, "localhost", &res));
    when = 1600000000;
    EXPECT_ERR(TERN_ERR_CERT_FUTURE, verify(&c, &p, "localhost", &res));
    xt_chain_free(&c);

    /* the expired leaf is fine inside its window only if the CAs are too:
     * in 2017 the intermediate and root are not valid yet */
    load_chain(&c, "server-expired");
    policy_at(&p, TERN_X509_PURPOSE_SERVER);
    p.now = 1500000000;
    EXPECT_ERR(TERN_ERR_CERT_FUTURE, verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.reasons, TERN_X509_FUTURE);
    xt_chain_free(&c);
}

static void test_policy_knobs(void)
{
    tern_x509_policy p;
    tern_x509_result res;
    xt_chain c;

    setup_store();
    policy_at(&p, TERN_X509_PURPOSE_SERVER);
    load_chain(&c, "server-rsa2048");
    p.min_rsa_bits = 3072;
    EXPECT_ERR(TERN_ERR_CERT_BAD_KEY, verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.reasons, TERN_X509_BAD_KEY);
    p.min_rsa_bits = 512; /* never below 1024 whatever the policy says */
    EXPECT_OK(verify(&c, &p, "localhost", &res));
    xt_chain_free(&c);

    policy_at(&p, TERN_X509_PURPOSE_SERVER);
    load_chain(&c, "server-p256");
    p.max_depth = 2;
    EXPECT_ERR(TERN_ERR_CERT_NOT_TRUSTED, verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.reasons, TERN_X509_NOT_TRUSTED | TERN_X509_CHAIN_TOO_LONG);
    p.max_depth = 3;
    EXPECT_OK(verify(&c, &p, "localhost", &res));
    p.max_candidates = 1; /* one link only: the leaf's issuer */
    EXPECT_ERR(TERN_ERR_CERT_NOT_TRUSTED, verify(&c, &p, "localhost", &res));
    EXPECT_TRUE(res.reasons & TERN_X509_TOO_MUCH_WORK);
    p.max_candidates = 2;
    EXPECT_OK(verify(&c, &p, "localhost", &res));
    /* keyUsage demanded by the caller */
    p.required_key_usage = TERN_X509_KU_DIGITAL_SIGNATURE;
    EXPECT_OK(verify(&c, &p, "localhost", &res));
    p.required_key_usage = TERN_X509_KU_KEY_ENCIPHERMENT;
    EXPECT_ERR(TERN_ERR_CERT_USAGE, verify(&c, &p, "localhost", &res));
    xt_chain_free(&c);
}

static void test_revoked(void)
{
    tern_x509_policy p;
    tern_x509_result res;
    xt_chain c, other;
    static const uint8_t serial_one[1] = {1};

    setup_store();
    policy_at(&p, TERN_X509_PURPOSE_SERVER);
    load_chain(&c, "server-p256");
    load_chain(&other, "server-p384");
    EXPECT_OK(tern_trust_store_add_revoked(store, c.certs[0], c.lens[0]));
    EXPECT_ERR(TERN_ERR_CERT_REVOKED, verify(&c, &p, "localhost", &res));
    EXPECT_EQ_U(res.reasons, TERN_X509_REVOKED);
    EXPECT_OK(verify(&other, &p, "localhost", &res)); /* its sibling is fine */
    /* a revoked intermediate takes every leaf with it */
    setup_store();
    EXPECT_OK(tern_trust_store_add_revoked(store, int_der, int_len));
    EXPECT_ERR(TERN_ERR_CERT_REVOKED, verify(&other, &p, "localhost", &res));
    /* by issuer name and serial: only the matching serial */
    setup_store();
    {
        tern_x509_cert leaf;
        EXPECT_OK(tern_x509_parse(c.certs[0], c.lens[0], &leaf));
        EXPECT_OK(tern_trust_store_add_revoked_serial(store, leaf.issuer.p, leaf.issuer.len,
                                                      serial_one, 1));
        EXPECT_OK(verify(&c, &p, "localhost", &res));
        EXPECT_OK(tern_trust_store_add_revoked_serial(store, leaf.issuer.p, leaf.issuer.len,
                                                      leaf.serial.p, leaf.serial.len));
        EXPECT_ERR(TERN_ERR_CERT_REVOKED, verify(&c, &p, "localhost", &res));
        EXPECT_OK(verify(&other, &p, "localhost", &res));
        /* the same serial from another issuer is another certificate */
        setup_store();
        EXPECT_OK(tern_trust_store_add_revoked_serial(store, leaf.subject.p, leaf.subject.len,
                                                      leaf.serial.p, leaf.serial.len));
        EXPECT_OK(verify(&c, &p, "localhost", &res));
        /* malformed arguments */
        EXPECT_ERR(TERN_ERR_CERT_PARSE,
                   tern_trust_store_add_revoked_serial(store, leaf.issuer.p, leaf.issuer.len - 1,
                                                       serial_one, 1));
        EXPECT_ERR(TERN_ERR_BAD_ARG, tern_trust_store_add_revoked_serial(
                                         store, leaf.issuer.p, leaf.issuer.len, serial_one, 0));
    }
    xt_chain_free(&c);
    xt_chain_free(&other);
}

static void test_args(void)
{
    tern_x509_policy p;
    tern_x509_result res;
    xt_chain c;
    uint64_t small[4];
    tern_trust_store *s2;

    setup_store();
    policy_at(&p, TERN_X509_PURPOSE_SERVER);
    load_chain(&c, "server-p256");
    EXPECT_ERR(TERN_ERR_NULL_POINTER,
               tern_x509_verify_chain(store, NULL, c.certs, c.lens, c.n, NULL, &res));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_x509_verify_chain(store, &p, c.certs, c.lens, 0, NULL, &res));
    /* no store, or an empty one, trusts nothing */
    EXPECT_ERR(TERN_ERR_CERT_NOT_TRUSTED,
               tern_x509_verify_chain(NULL, &p, c.certs, c.lens, c.n, NULL, &res));
    EXPECT_OK(tern_trust_store_init(&s2, store_mem, sizeof(store_mem), 2));
    EXPECT_ERR(TERN_ERR_CERT_NOT_TRUSTED,
               tern_x509_verify_chain(s2, &p, c.certs, c.lens, c.n, NULL, &res));
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_trust_store_init(&s2, small, sizeof(small), 1));
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_trust_store_init(&s2, (uint8_t *)store_mem + 1, sizeof(store_mem) - 8, 1));
    xt_chain_free(&c);
}

int main(void)
{
    root_der = xt_read("root-ca.der", &root_len);
    int_der = xt_read("int-ca.der", &int_len);
    other_root_der = xt_read("other-root.der", &other_root_len);
    RUN_TEST(test_good_chains);
    RUN_TEST(test_pool);
    RUN_TEST(test_failures);
    RUN_TEST(test_tampering);
    RUN_TEST(test_time);
    RUN_TEST(test_policy_knobs);
    RUN_TEST(test_revoked);
    RUN_TEST(test_args);
    free(root_der);
    free(int_der);
    free(other_root_der);
    return TEST_REPORT();
}
