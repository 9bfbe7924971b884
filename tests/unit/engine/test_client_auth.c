/*
 * Client authentication (RFC 5246 7.4.4, 7.4.6, 7.4.8): server policy
 * none / optional / required, with and without a client certificate
 * (EC and RSA), and a CertificateVerify that does not verify.
 */
#include "common/endian_internal.h"
#include "engine_test_util.h"

static et_cred srv, cli_ec, cli_rsa;

typedef struct outcome {
    int done;
    int cerr, serr;
    int calert, salert; /* last alert seen by each side (sent or received) */
    int calert_sent, salert_sent;
    size_t server_sees_certs;
    uint16_t server_sees_scheme;
} outcome;

static void run(int policy, et_cred *client_cred, et_hook hook, outcome *o)
{
    tern_config ccfg, scfg;
    et_pair p;
    tern_conn_info si;

    memset(o, 0, sizeof(*o));
    tern_config_init(&ccfg);
    tern_config_init(&scfg);
    ccfg.verify_mode = TERN_VERIFY_NONE;
    scfg.verify_mode = TERN_VERIFY_NONE; /* chains are checked in test_certs */
    scfg.client_auth = policy;
    EXPECT_OK(tern_config_add_credential(&scfg, srv.chain, srv.lens, 2, &srv.key));
    if (client_cred != NULL) {
        EXPECT_OK(tern_config_add_credential(&ccfg, client_cred->chain, client_cred->lens, 2,
                                             &client_cred->key));
    }
    EXPECT_OK(et_pair_init(&p, &ccfg, &scfg));
    p.hook = hook;
    et_pump(&p);
    o->done = et_done(&p) && et_exchange(&p, 100);
    o->cerr = tern_conn_error(p.c);
    o->serr = tern_conn_error(p.s);
    o->calert = tern_conn_last_alert(p.c, &o->calert_sent);
    o->salert = tern_conn_last_alert(p.s, &o->salert_sent);
    if (tern_conn_get_info(p.s, &si) == TERN_OK) {
        o->server_sees_certs = si.peer_cert_count;
        o->server_sees_scheme = si.sig_scheme;
    }
    et_pair_free(&p);
}

static void test_policy_none(void)
{
    outcome o;
    run(TERN_CLIENT_AUTH_NONE, &cli_ec, NULL, &o);
    EXPECT_TRUE(o.done);
    EXPECT_EQ_U(o.server_sees_certs, 0);
}

static void test_optional(void)
{
    outcome o;
    run(TERN_CLIENT_AUTH_OPTIONAL, NULL, NULL, &o);
    EXPECT_TRUE(o.done);
    EXPECT_EQ_U(o.server_sees_certs, 0);
    EXPECT_EQ(o.server_sees_scheme, 0);
    run(TERN_CLIENT_AUTH_OPTIONAL, &cli_ec, NULL, &o);
    EXPECT_TRUE(o.done);
    EXPECT_EQ_U(o.server_sees_certs, 2);
    EXPECT_EQ(o.server_sees_scheme, TERN_SIG_ECDSA_SECP256R1_SHA256);
    run(TERN_CLIENT_AUTH_OPTIONAL, &cli_rsa, NULL, &o);
    EXPECT_TRUE(o.done);
    EXPECT_EQ_U(o.server_sees_certs, 2);
    EXPECT_TRUE(o.server_sees_scheme == TERN_SIG_RSA_PSS_RSAE_SHA256);
}

static void test_required(void)
{
    outcome o;
    run(TERN_CLIENT_AUTH_REQUIRED, &cli_ec, NULL, &o);
    EXPECT_TRUE(o.done);
    EXPECT_EQ_U(o.server_sees_certs, 2);
    run(TERN_CLIENT_AUTH_REQUIRED, &cli_rsa, NULL, &o);
    EXPECT_TRUE(o.done);
    /* no certificate: the server fails with handshake_failure (TLS 1.2
     * has no certificate_required alert) */
    run(TERN_CLIENT_AUTH_REQUIRED, NULL, NULL, &o);
    EXPECT_FALSE(o.done);
    EXPECT_EQ(o.serr, TERN_ERR_CERT_REQUIRED);
    EXPECT_EQ(o.salert, 40);
    EXPECT_EQ(o.salert_sent, 1);
    EXPECT_EQ(o.cerr, TERN_ERR_ALERT_RECEIVED(40));
}

/* Flips a bit in the signature of the client's CertificateVerify (sent
 * in the clear, before ChangeCipherSpec). */
static int flip_cv(void *user, int dir, uint8_t *buf, size_t *len)
{
    size_t off = 5;
    (void)user;
    if (dir != 0 || *len < 5 || buf[0] != 22) {
        return 0;
    }
    while (off + 4 <= *len) {
        size_t mlen = tern_load_be24(buf + off + 1);
        if (buf[off] == 15 && off + 4 + mlen <= *len) {
            buf[off + 4 + mlen - 3] ^= 0x01;
            return 0;
        }
        off += 4 + mlen;
    }
    return 0;
}

static void test_bad_certificate_verify(void)
{
    outcome o;
    run(TERN_CLIENT_AUTH_REQUIRED, &cli_ec, flip_cv, &o);
    EXPECT_FALSE(o.done);
    EXPECT_EQ(o.serr, TERN_ERR_DECRYPT);
    EXPECT_EQ(o.salert, 51);
    EXPECT_EQ(o.cerr, TERN_ERR_ALERT_RECEIVED(51));
    run(TERN_CLIENT_AUTH_OPTIONAL, &cli_rsa, flip_cv, &o);
    EXPECT_FALSE(o.done);
    EXPECT_EQ(o.serr, TERN_ERR_DECRYPT);
}

int main(void)
{
    et_cred_load(&srv, "server-p256");
    et_cred_load(&cli_ec, "client-p256");
    et_cred_load(&cli_rsa, "client-rsa2048");
    RUN_TEST(test_policy_none);
    RUN_TEST(test_optional);
    RUN_TEST(test_required);
    RUN_TEST(test_bad_certificate_verify);
    return TEST_REPORT();
}
