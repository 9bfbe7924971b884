/*
 * Negotiation through extensions and preferences, end to end: ALPN
 * (match, no overlap, required), SNI (sent, received, IP literals not
 * sent), credential selection (by suite, by callback with the SNI),
 * server vs client suite preference, and the trace / key log callbacks.
 */
#include "common/endian_internal.h"
#include "engine_test_util.h"

static et_cred srv_ec, srv_rsa, srv_p384;

static void configs(tern_config *c, tern_config *s)
{
    tern_config_init(c);
    tern_config_init(s);
    c->verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_add_credential(s, srv_ec.chain, srv_ec.lens, 2, &srv_ec.key));
}

typedef struct run_out {
    int done, cerr, serr, calert;
    tern_conn_info ci, si;
} run_out;

static void run(const tern_config *c, const tern_config *s, const char *host, run_out *o)
{
    et_pair p;
    int sent;
    memset(o, 0, sizeof(*o));
    EXPECT_OK(et_pair_init(&p, c, s));
    if (host != NULL) {
        EXPECT_OK(tern_conn_set_hostname(p.c, host));
    }
    et_pump(&p);
    o->done = et_done(&p);
    o->cerr = tern_conn_error(p.c);
    o->serr = tern_conn_error(p.s);
    o->calert = tern_conn_last_alert(p.c, &sent);
    EXPECT_OK(tern_conn_get_info(p.c, &o->ci));
    EXPECT_OK(tern_conn_get_info(p.s, &o->si));
    et_pair_free(&p);
}

static void test_alpn(void)
{
    static const char *const client_alpn[] = {"h2", "http/1.1"};
    static const char *const server_alpn[] = {"http/1.1", "h2"};
    static const char *const other[] = {"imap"};
    tern_config c, s;
    run_out o;

    configs(&c, &s);
    c.alpn = client_alpn;
    c.alpn_count = 2;
    s.alpn = server_alpn;
    s.alpn_count = 2;
    run(&c, &s, NULL, &o);
    EXPECT_TRUE(o.done);
    /* the server's preference wins (RFC 7301 3.2) */
    EXPECT_STR_EQ(o.ci.alpn, "http/1.1");
    EXPECT_STR_EQ(o.si.alpn, "http/1.1");
    /* no overlap: no protocol, unless the server requires one */
    s.alpn = other;
    s.alpn_count = 1;
    run(&c, &s, NULL, &o);
    EXPECT_TRUE(o.done);
    EXPECT_STR_EQ(o.ci.alpn, "");
    s.alpn_required = 1;
    run(&c, &s, NULL, &o);
    EXPECT_FALSE(o.done);
    EXPECT_EQ(o.serr, TERN_ERR_NO_APPLICATION_PROTOCOL);
    EXPECT_EQ(o.cerr, TERN_ERR_ALERT_RECEIVED(120));
    /* a client that offers nothing gets nothing */
    s.alpn_required = 0;
    s.alpn = server_alpn;
    s.alpn_count = 2;
    c.alpn_count = 0;
    run(&c, &s, NULL, &o);
    EXPECT_TRUE(o.done);
    EXPECT_STR_EQ(o.si.alpn, "");
}

/* A ServerHello carrying ALPN the client did not offer, or two names. */
static int alpn_hook(void *user, int dir, uint8_t *rec, size_t *len)
{
    int mode = *(int *)user;
    static const uint8_t ext[] = {0x00, 0x10, 0x00, 0x05, 0x00, 0x03, 0x02, 'h', '2'};
    static const uint8_t ext2[] = {0x00, 0x10, 0x00, 0x08, 0x00, 0x06,
                                   0x02, 'h',  '2',  0x02, 'h',  '3'};
    const uint8_t *add = mode == 1 ? ext : ext2;
    size_t n = mode == 1 ? sizeof(ext) : sizeof(ext2);
    size_t m = 5, b;

    if (dir != 1 || *len < 10 || rec[0] != 22 || rec[5] != 2 || mode == 0) {
        return 0;
    }
    /* append to the ServerHello's extensions (it has some: EMS...) */
    b = m + 4 + 2 + 32;
    b += 1 + rec[b] + 3;
    {
        size_t end = m + 4 + tern_load_be24(rec + m + 1);
        memmove(rec + end + n, rec + end, *len - end);
        memcpy(rec + end, add, n);
        *len += n;
        tern_store_be16(rec + 3, (uint16_t)(tern_load_be16(rec + 3) + n));
        tern_store_be24(rec + m + 1, tern_load_be24(rec + m + 1) + (uint32_t)n);
        tern_store_be16(rec + b, (uint16_t)(tern_load_be16(rec + b) + n));
    }
    *(int *)user = 0;
    return 0;
}

static void test_alpn_bad_server(void)
{
    static const char *const client_alpn[] = {"h2"};
    tern_config c, s;
    et_pair p;
    int mode, sent;

    /* not offered */
    configs(&c, &s);
    EXPECT_OK(et_pair_init(&p, &c, &s));
    mode = 1;
    p.hook = alpn_hook;
    p.hook_user = &mode;
    et_pump(&p);
    EXPECT_EQ(tern_conn_error(p.c), TERN_ERR_UNSUPPORTED_EXTENSION);
    EXPECT_EQ(tern_conn_last_alert(p.c, &sent), 110);
    et_pair_free(&p);
    /* two names in the answer */
    c.alpn = client_alpn;
    c.alpn_count = 1;
    EXPECT_OK(et_pair_init(&p, &c, &s));
    mode = 2;
    p.hook = alpn_hook;
    p.hook_user = &mode;
    et_pump(&p);
    EXPECT_EQ(tern_conn_error(p.c), TERN_ERR_ILLEGAL_PARAMETER);
    et_pair_free(&p);
}

static void test_sni(void)
{
    tern_config c, s;
    run_out o;

    configs(&c, &s);
    run(&c, &s, "localhost", &o);
    EXPECT_TRUE(o.done);
    EXPECT_STR_EQ(o.ci.server_name, "localhost");
    EXPECT_STR_EQ(o.si.server_name, "localhost");
    /* IP literals are checked against the certificate but never sent */
    run(&c, &s, "127.0.0.1", &o);
    EXPECT_TRUE(o.done);
    EXPECT_STR_EQ(o.si.server_name, "");
    run(&c, &s, "::1", &o);
    EXPECT_TRUE(o.done);
    EXPECT_STR_EQ(o.si.server_name, "");
    /* no name at all */
    run(&c, &s, NULL, &o);
    EXPECT_TRUE(o.done);
    EXPECT_STR_EQ(o.si.server_name, "");
}

/* select_credential sees the SNI and the client's offer. */
static char seen_name[64];
static int pick(void *user, const tern_client_hello_info *info)
{
    (void)user;
    snprintf(seen_name, sizeof(seen_name), "%s", info->server_name ? info->server_name : "");
    if (info->server_name != NULL && strcmp(info->server_name, "rsa.example") == 0) {
        return 1;
    }
    if (info->server_name != NULL && strcmp(info->server_name, "nobody.example") == 0) {
        return TERN_ERR_UNRECOGNIZED_NAME;
    }
    return 0;
}

static void test_credential_selection(void)
{
    tern_config c, s;
    run_out o;

    configs(&c, &s);
    EXPECT_OK(tern_config_add_credential(&s, srv_rsa.chain, srv_rsa.lens, 2, &srv_rsa.key));
    /* by what the client offers */
    EXPECT_OK(tern_config_set_suites(&c, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));
    run(&c, &s, NULL, &o);
    EXPECT_TRUE(o.done);
    EXPECT_EQ(o.ci.suite, TERN_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
    EXPECT_OK(tern_config_set_suites(&c, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"));
    run(&c, &s, NULL, &o);
    EXPECT_TRUE(o.done);
    EXPECT_EQ(o.ci.suite, TERN_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256);
    /* by callback */
    tern_config_init(&c);
    c.verify_mode = TERN_VERIFY_NONE;
    s.select_credential = pick;
    run(&c, &s, "rsa.example", &o);
    EXPECT_TRUE(o.done);
    EXPECT_STR_EQ(seen_name, "rsa.example");
    EXPECT_TRUE(o.ci.suite == TERN_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 ||
                o.ci.suite == TERN_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);
    run(&c, &s, "ec.example", &o);
    EXPECT_TRUE(o.done);
    EXPECT_TRUE(o.ci.suite == TERN_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 ||
                o.ci.suite == TERN_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256);
    run(&c, &s, "nobody.example", &o);
    EXPECT_FALSE(o.done);
    EXPECT_EQ(o.serr, TERN_ERR_UNRECOGNIZED_NAME);
    EXPECT_EQ(o.cerr, TERN_ERR_ALERT_RECEIVED(112));
}

/* RFC 8422 5.1: an ECDSA certificate on a curve the client supports. */
static void test_certificate_curve(void)
{
    tern_config c, s;
    run_out o;

    configs(&c, &s); /* server: P-256 certificate */
    EXPECT_OK(tern_config_set_groups(&c, "secp384r1"));
    EXPECT_OK(tern_config_set_suites(&c, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
    run(&c, &s, NULL, &o);
    EXPECT_FALSE(o.done);
    EXPECT_EQ(o.serr, TERN_ERR_HANDSHAKE_FAILURE);
    /* with a P-384 certificate too, that one is used */
    EXPECT_OK(tern_config_add_credential(&s, srv_p384.chain, srv_p384.lens, 2, &srv_p384.key));
    run(&c, &s, NULL, &o);
    EXPECT_TRUE(o.done);
    EXPECT_EQ(o.ci.sig_scheme, TERN_SIG_ECDSA_SECP384R1_SHA384);
}

static void test_preference(void)
{
    tern_config c, s;
    run_out o;

    configs(&c, &s);
    EXPECT_OK(tern_config_set_suites(&c, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256:"
                                         "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"));
    EXPECT_OK(tern_config_set_suites(&s, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8:"
                                         "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"));
    run(&c, &s, NULL, &o);
    EXPECT_TRUE(o.done);
    EXPECT_EQ(o.si.suite, TERN_TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
    s.client_preference = 1;
    run(&c, &s, NULL, &o);
    EXPECT_TRUE(o.done);
    EXPECT_EQ(o.si.suite, TERN_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256);
    /* groups: the server's order */
    EXPECT_OK(tern_config_set_groups(&c, "x25519:secp256r1:secp384r1"));
    EXPECT_OK(tern_config_set_groups(&s, "secp384r1:x25519:secp256r1"));
    run(&c, &s, NULL, &o);
    EXPECT_EQ(o.ci.group, TERN_GROUP_SECP384R1);
}

/* Trace: every message both ways, in order; key log: one NSS line. */
typedef struct trace_log {
    int n;
    int dir[64], ct[64], type[64];
    char keylog[256];
} trace_log;

static void on_trace(void *user, int direction, int content_type, int hs_type, const uint8_t *msg,
                     size_t len)
{
    trace_log *t = (trace_log *)user;
    (void)msg;
    (void)len;
    if (t->n < 64) {
        t->dir[t->n] = direction;
        t->ct[t->n] = content_type;
        t->type[t->n] = hs_type;
        t->n++;
    }
}

static void on_keylog(void *user, const char *line)
{
    trace_log *t = (trace_log *)user;
    snprintf(t->keylog, sizeof(t->keylog), "%s", line);
}

static void test_trace_and_keylog(void)
{
    /* client's view of a full handshake */
    static const int want_dir[] = {1, 0, 0, 0, 0, 1, 1, 1, 0, 0};
    static const int want_type[] = {1, 2, 11, 12, 14, 16, -1, 20, -1, 20};
    tern_config c, s;
    run_out o;
    trace_log t;
    int i;

    configs(&c, &s);
    memset(&t, 0, sizeof(t));
    c.trace = on_trace;
    c.keylog = on_keylog;
    c.user = &t;
    run(&c, &s, NULL, &o);
    EXPECT_TRUE(o.done);
    EXPECT_EQ(t.n, 10);
    for (i = 0; i < 10 && i < t.n; i++) {
        EXPECT_EQ(t.dir[i], want_dir[i]);
        EXPECT_EQ(t.type[i], want_type[i]);
    }
    EXPECT_EQ(t.ct[6], 20);
    EXPECT_EQ_U(strlen(t.keylog), 14 + 64 + 1 + 96);
    EXPECT_TRUE(strncmp(t.keylog, "CLIENT_RANDOM ", 14) == 0);
}

int main(void)
{
    et_cred_load(&srv_ec, "server-p256");
    et_cred_load(&srv_rsa, "server-rsa2048");
    et_cred_load(&srv_p384, "server-p384");
    RUN_TEST(test_alpn);
    RUN_TEST(test_alpn_bad_server);
    RUN_TEST(test_sni);
    RUN_TEST(test_credential_selection);
    RUN_TEST(test_certificate_curve);
    RUN_TEST(test_preference);
    RUN_TEST(test_trace_and_keylog);
    return TEST_REPORT();
}
