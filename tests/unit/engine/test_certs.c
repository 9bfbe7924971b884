/*
 * Certificate checks in the handshake, with the test PKI: a good chain
 * (by name and by IP), and each failure with its alert: untrusted
 * (unknown_ca), expired and not yet valid (certificate_expired), wrong
 * name (bad_certificate), wrong usage (unsupported_certificate); the same
 * for client certificates; the verify callback; the per-connection time;
 * trust-all; the peer chain kept for the application (DER and PEM).
 */
#include "engine_test_util.h"
#include "tern/pem.h"

static et_cred good, expired, wrongname, clientonly, untrusted, cli_good, cli_untrusted;

typedef struct res {
    int done, cerr, serr, calert, salert, calert_sent, salert_sent;
    tern_conn_info ci, si;
} res;

/* The PEM forms decode to the DER ones: one certificate, then the chain
 * as consecutive blocks; short buffers report the size needed. */
static void check_pem(const tern_conn *conn, size_t count)
{
    static char text[16384];
    uint8_t der2[4096];
    const uint8_t *der;
    size_t len, der_len, der2_len, need, i;
    tern_pem_iter it;
    tern_pem_block blk;

    EXPECT_OK(tern_conn_peer_cert(conn, 0, &der, &der_len));
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_conn_peer_cert_pem(conn, 0, text, 10, &need));
    EXPECT_OK(tern_conn_peer_cert_pem(conn, 0, text, need, &len));
    EXPECT_EQ_U(len + 1, need);
    EXPECT_EQ_U(strlen(text), len);
    EXPECT_TRUE(strncmp(text, "-----BEGIN CERTIFICATE-----\n", 28) == 0);
    tern_pem_iter_init(&it, text, len);
    EXPECT_EQ(tern_pem_next(&it, &blk), 1);
    EXPECT_OK(tern_pem_decode(&blk, der2, sizeof(der2), &der2_len));
    EXPECT_EQ_U(der2_len, der_len);
    EXPECT_MEM_EQ(der2, der, der_len);
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_conn_peer_cert_pem(conn, count, text, sizeof(text), &len));

    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_conn_peer_chain_pem(conn, text, 100, &need));
    EXPECT_OK(tern_conn_peer_chain_pem(conn, text, need, &len));
    EXPECT_EQ_U(len + 1, need);
    tern_pem_iter_init(&it, text, len);
    for (i = 0; i < count; i++) {
        EXPECT_EQ(tern_pem_next(&it, &blk), 1);
        EXPECT_TRUE(tern_pem_label_is(&blk, "CERTIFICATE"));
        EXPECT_OK(tern_pem_decode(&blk, der2, sizeof(der2), &der2_len));
        EXPECT_OK(tern_conn_peer_cert(conn, i, &der, &der_len));
        EXPECT_EQ_U(der2_len, der_len);
        EXPECT_MEM_EQ(der2, der, der_len);
    }
    EXPECT_EQ(tern_pem_next(&it, &blk), 0);
}

static void run(const tern_config *c, const tern_config *s, const char *host, int64_t now, res *r)
{
    et_pair p;
    memset(r, 0, sizeof(*r));
    EXPECT_OK(et_pair_init(&p, c, s));
    EXPECT_OK(tern_conn_set_hostname(p.c, host)); /* NULL: skip, explicitly */
    if (now != 0) {
        tern_conn_set_time(p.c, now);
        tern_conn_set_time(p.s, now);
    }
    et_pump(&p);
    r->done = et_done(&p);
    r->cerr = tern_conn_error(p.c);
    r->serr = tern_conn_error(p.s);
    r->calert = tern_conn_last_alert(p.c, &r->calert_sent);
    r->salert = tern_conn_last_alert(p.s, &r->salert_sent);
    EXPECT_OK(tern_conn_get_info(p.c, &r->ci));
    EXPECT_OK(tern_conn_get_info(p.s, &r->si));
    if (r->done) {
        const uint8_t *der;
        size_t len;
        /* the chain as received stays readable */
        EXPECT_OK(tern_conn_peer_cert(p.c, 0, &der, &len));
        EXPECT_EQ_U(len, ((et_cred *)s->user)->lens[0]);
        EXPECT_MEM_EQ(der, ((et_cred *)s->user)->chain[0], len);
        EXPECT_EQ_U(r->ci.peer_cert_count, s->credentials[0].chain_count);
        if (r->ci.peer_cert_count > 1) {
            EXPECT_OK(tern_conn_peer_cert(p.c, 1, &der, &len));
        }
        EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_conn_peer_cert(p.c, r->ci.peer_cert_count, &der, &len));
        check_pem(p.c, r->ci.peer_cert_count);
    }
    et_pair_free(&p);
}

static void server_with(tern_config *s, et_cred *cr)
{
    tern_config_init(s);
    EXPECT_OK(
        tern_config_add_credential(s, cr->chain, cr->lens, cr == &untrusted ? 1 : 2, &cr->key));
    s->user = cr;
}

static void client(tern_config *c)
{
    tern_config_init(c);
    c->trust = et_trust();
}

/* The client rejects the server's chain with err / alert. */
static void expect_client_rejects(const res *r, int err, int alert)
{
    EXPECT_FALSE(r->done);
    EXPECT_EQ(r->cerr, err);
    EXPECT_EQ(r->calert, alert);
    EXPECT_EQ(r->calert_sent, 1);
    EXPECT_EQ(r->serr, TERN_ERR_ALERT_RECEIVED(alert));
}

static void test_good_chain(void)
{
    tern_config c, s;
    res r;

    client(&c);
    server_with(&s, &good);
    run(&c, &s, "localhost", 0, &r);
    EXPECT_TRUE(r.done);
    EXPECT_EQ(r.ci.peer_verified, 1);
    EXPECT_EQ_U(r.ci.peer_cert_count, 2);
    run(&c, &s, "127.0.0.1", 0, &r); /* IP SAN */
    EXPECT_TRUE(r.done);
    run(&c, &s, NULL, 0, &r); /* no name: the caller's explicit choice */
    EXPECT_TRUE(r.done);
}

/* A verifying client that never named the server fails the name check
 * (DESIGN: the check is skipped only when asked, never by omission), and
 * says so in the reasons its verify callback sees. */
static uint32_t seen_reasons;
static int seen_chain_rc;
static int record_reasons(void *user, tern_conn *conn, int rc, const tern_x509_result *res_)
{
    const uint8_t *der;
    size_t len;

    (void)user;
    seen_reasons = res_->reasons;
    /* the chain being judged is readable from the callback */
    seen_chain_rc = tern_conn_peer_cert(conn, 0, &der, &len);
    return rc;
}

static void test_name_never_set(void)
{
    tern_config c, s;
    et_pair p;

    client(&c);
    c.verify_cb = record_reasons;
    server_with(&s, &good);
    EXPECT_OK(et_pair_init(&p, &c, &s));
    seen_reasons = 0;
    seen_chain_rc = TERN_ERR_NOT_FOUND;
    et_pump(&p);
    EXPECT_FALSE(et_done(&p));
    EXPECT_ERR(TERN_ERR_CERT_NAME_MISMATCH, tern_conn_error(p.c));
    EXPECT_TRUE((seen_reasons & TERN_X509_NAME_MISMATCH) != 0);
    EXPECT_OK(seen_chain_rc);
    et_pair_free(&p);
}

static void test_server_chain_failures(void)
{
    tern_config c, s;
    res r;

    client(&c);
    server_with(&s, &untrusted);
    run(&c, &s, "localhost", 0, &r);
    expect_client_rejects(&r, TERN_ERR_CERT_NOT_TRUSTED, 48);
    server_with(&s, &expired);
    run(&c, &s, "localhost", 0, &r);
    expect_client_rejects(&r, TERN_ERR_CERT_EXPIRED, 45);
    server_with(&s, &wrongname);
    run(&c, &s, "localhost", 0, &r);
    expect_client_rejects(&r, TERN_ERR_CERT_NAME_MISMATCH, 42);
    server_with(&s, &clientonly);
    run(&c, &s, "localhost", 0, &r);
    expect_client_rejects(&r, TERN_ERR_CERT_USAGE, 43);
    server_with(&s, &good);
    run(&c, &s, "other.example", 0, &r);
    expect_client_rejects(&r, TERN_ERR_CERT_NAME_MISMATCH, 42);
    run(&c, &s, "10.0.0.1", 0, &r);
    expect_client_rejects(&r, TERN_ERR_CERT_NAME_MISMATCH, 42);
}

/* The connection's own time decides validity (RFC 5280 6.1.3 checks
 * every certificate of the path, so the expired leaf is not valid in
 * 2017 either: its CAs start in 2024). */
static void test_time(void)
{
    tern_config c, s;
    res r;

    client(&c);
    server_with(&s, &good); /* valid 2024..2099 */
    run(&c, &s, "localhost", 1750000000 /* 2025 */, &r);
    EXPECT_TRUE(r.done);
    run(&c, &s, "localhost", 1600000000 /* 2020 */, &r);
    expect_client_rejects(&r, TERN_ERR_CERT_FUTURE, 45);
    server_with(&s, &expired); /* valid 2015..2020 */
    run(&c, &s, "localhost", 1500000000 /* 2017 */, &r);
    expect_client_rejects(&r, TERN_ERR_CERT_FUTURE, 45);
    run(&c, &s, "localhost", 4102444800 /* 2100 */, &r);
    expect_client_rejects(&r, TERN_ERR_CERT_EXPIRED, 45);
}

/* The verify callback may override (and the result says it was not
 * verified), or veto a chain that verified. */
static int accept_all(void *user, tern_conn *conn, int rc, const tern_x509_result *res_)
{
    int *calls = (int *)user;
    (void)conn;
    (*calls)++;
    EXPECT_TRUE(rc == TERN_OK || res_->reasons != 0);
    return TERN_OK;
}

static int veto(void *user, tern_conn *conn, int rc, const tern_x509_result *res_)
{
    (void)user;
    (void)conn;
    (void)res_;
    EXPECT_OK(rc);
    return TERN_ERR_CERT_REVOKED;
}

static void test_verify_callback(void)
{
    tern_config c, s;
    res r;
    int calls = 0;

    client(&c);
    c.verify_cb = accept_all;
    c.user = &calls;
    server_with(&s, &expired);
    run(&c, &s, "localhost", 0, &r);
    EXPECT_TRUE(r.done);
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(r.ci.peer_verified, 0);
    c.verify_cb = veto;
    server_with(&s, &good);
    run(&c, &s, "localhost", 0, &r);
    expect_client_rejects(&r, TERN_ERR_CERT_REVOKED, 44);
}

/* Trust-all is explicit; the chain is still parsed and its key used. */
static void test_trust_all(void)
{
    tern_config c, s;
    res r;

    tern_config_init(&c);
    c.verify_mode = TERN_VERIFY_NONE;
    server_with(&s, &untrusted);
    run(&c, &s, "localhost", 0, &r);
    EXPECT_TRUE(r.done);
    EXPECT_EQ(r.ci.peer_verified, 0);
}

/* Client certificates, checked by the server (purpose clientAuth). */
static void test_client_chains(void)
{
    tern_config c, s;
    res r;

    client(&c);
    server_with(&s, &good);
    s.trust = et_trust();
    s.client_auth = TERN_CLIENT_AUTH_REQUIRED;
    EXPECT_OK(tern_config_add_credential(&c, cli_good.chain, cli_good.lens, 2, &cli_good.key));
    run(&c, &s, "localhost", 0, &r);
    EXPECT_TRUE(r.done);
    EXPECT_EQ(r.si.peer_verified, 1);
    EXPECT_EQ_U(r.si.peer_cert_count, 2);
    /* untrusted */
    client(&c);
    EXPECT_OK(tern_config_add_credential(&c, cli_untrusted.chain, cli_untrusted.lens, 1,
                                         &cli_untrusted.key));
    run(&c, &s, "localhost", 0, &r);
    EXPECT_FALSE(r.done);
    EXPECT_EQ(r.serr, TERN_ERR_CERT_NOT_TRUSTED);
    EXPECT_EQ(r.salert, 48);
    EXPECT_EQ(r.cerr, TERN_ERR_ALERT_RECEIVED(48));
    /* a server certificate (serverAuth only) used as a client's */
    client(&c);
    EXPECT_OK(tern_config_add_credential(&c, good.chain, good.lens, 2, &good.key));
    run(&c, &s, "localhost", 0, &r);
    EXPECT_FALSE(r.done);
    EXPECT_EQ(r.serr, TERN_ERR_CERT_USAGE);
    EXPECT_EQ(r.salert, 43);
}

int main(void)
{
    et_cred_load(&good, "server-p256");
    et_cred_load(&expired, "server-expired");
    et_cred_load(&wrongname, "server-wrongname");
    et_cred_load(&clientonly, "server-clientonly");
    et_cred_load(&untrusted, "server-untrusted");
    et_cred_load(&cli_good, "client-p256");
    et_cred_load(&cli_untrusted, "client-untrusted");
    RUN_TEST(test_good_chain);
    RUN_TEST(test_name_never_set);
    RUN_TEST(test_server_chain_failures);
    RUN_TEST(test_time);
    RUN_TEST(test_verify_callback);
    RUN_TEST(test_trust_all);
    RUN_TEST(test_client_chains);
    return TEST_REPORT();
}
