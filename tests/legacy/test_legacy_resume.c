/*
 * Resumption of TLS 1.0 and 1.1 sessions, in a build that has them
 * (tests/legacy/tests.cmake): by session ID and by RFC 5077 ticket, the
 * session passed through tern_session_export / import in between, with
 * the version capped on either side. A session resumes only at the
 * version it was made with (RFC 5246 7.4.1.3, E.1): the server does not
 * resume it at another (full handshake instead), the client does not
 * offer one outside its version range, and a client whose server resumes
 * at another version than the session's fails with protocol_version.
 */
#include "engine/engine_internal.h"
#include "engine_test_util.h"
#include "tern/rand.h"

static et_cred srv_p256, srv_rsa;
static tern_hmac_drbg_ctx drbg;

#define SUITES "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA:TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"

enum { BY_ID = 0, BY_TICKET = 1 };

typedef struct server_side {
    tern_session slots[4];
    uint64_t stamps[4];
    tern_session_cache cache;
    tern_ticket_keys tk;
} server_side;

static void server_side_init(server_side *sv)
{
    EXPECT_OK(tern_session_cache_init(&sv->cache, sv->slots, sv->stamps, 4, NULL));
    EXPECT_OK(tern_ticket_keys_init(&sv->tk, &drbg.vtable, NULL));
}

static void server_side_free(server_side *sv)
{
    tern_session_cache_free(&sv->cache);
    tern_ticket_keys_free(&sv->tk);
}

static void configs(tern_config *c, tern_config *s, server_side *sv, int how, uint16_t cmax,
                    uint16_t smax)
{
    tern_config_init(c);
    tern_config_init(s);
    c->verify_mode = TERN_VERIFY_NONE;
    c->min_version = s->min_version = TERN_TLS10;
    c->max_version = cmax;
    s->max_version = smax;
    EXPECT_OK(tern_config_set_suites(c, SUITES));
    EXPECT_OK(tern_config_set_suites(s, SUITES));
    EXPECT_OK(tern_config_add_credential(s, srv_p256.chain, srv_p256.lens, 2, &srv_p256.key));
    EXPECT_OK(tern_config_add_credential(s, srv_rsa.chain, srv_rsa.lens, 2, &srv_rsa.key));
    if (how == BY_ID) {
        c->client_tickets = 0;
        s->session_cache = &sv->cache;
    } else {
        s->ticket_keys = &sv->tk;
    }
}

typedef struct result {
    int ok; /* handshake and data */
    int resumed;
    uint16_t version;
    int cerr, serr, calert;
} result;

/* One connection, offering `offer` (or nothing); the client's session
 * out in *out when it succeeded. */
static void connect_once(const tern_config *c, const tern_config *s, const tern_session *offer,
                         tern_session *out, result *r)
{
    et_pair p;
    tern_conn_info ci, si;
    int sent;

    memset(r, 0, sizeof(*r));
    if (et_pair_init(&p, c, s) != TERN_OK) {
        return;
    }
    EXPECT_OK(tern_conn_set_hostname(p.c, "localhost"));
    if (offer != NULL) {
        EXPECT_OK(tern_conn_set_session(p.c, offer));
    }
    et_pump(&p);
    r->ok = et_done(&p) && et_exchange(&p, 500);
    r->cerr = tern_conn_error(p.c);
    r->serr = tern_conn_error(p.s);
    r->calert = tern_conn_last_alert(p.c, &sent);
    if (r->ok) {
        EXPECT_OK(tern_conn_get_info(p.c, &ci));
        EXPECT_OK(tern_conn_get_info(p.s, &si));
        EXPECT_EQ(ci.resumed, si.resumed);
        EXPECT_EQ(ci.version, si.version);
        r->resumed = ci.resumed;
        r->version = ci.version;
        if (out != NULL) {
            EXPECT_OK(tern_conn_get_session(p.c, out));
        }
    }
    et_pair_free(&p);
}

/* Full handshake at version v, then two resumptions (one with the
 * session through export / import), both at v. The version is capped
 * on the client's side (cap_client) or the server's. */
static int resume_at(uint16_t v, int how, int cap_client)
{
    tern_config c, s;
    server_side sv;
    tern_session s1, s2, s3;
    uint8_t buf[2048];
    size_t len;
    result r;
    int ok = 1;

    server_side_init(&sv);
    configs(&c, &s, &sv, how, cap_client ? v : TERN_TLS12, cap_client ? TERN_TLS12 : v);
    connect_once(&c, &s, NULL, &s1, &r);
    ok &= r.ok && !r.resumed && r.version == v && s1.version == v;
    ok &= how == BY_ID ? s1.id_len == 32 && s1.ticket_len == 0 : s1.ticket_len > 0;
    ok &= tern_session_export(&s1, buf, sizeof(buf), &len) == TERN_OK &&
          tern_session_import(&s2, buf, len) == TERN_OK && s2.version == v;
    connect_once(&c, &s, &s2, &s3, &r);
    ok &= r.ok && r.resumed && r.version == v && s3.version == v;
    ok &= memcmp(s3.master_secret, s1.master_secret, 48) == 0;
    /* what the resumed connection returned resumes again */
    connect_once(&c, &s, &s3, NULL, &r);
    ok &= r.ok && r.resumed && r.version == v;
    if (!ok) {
        fprintf(stderr, "  %04x %s capped at the %s: client %s, server %s\n", v,
                how == BY_ID ? "id" : "ticket", cap_client ? "client" : "server",
                tern_strerror(r.cerr), tern_strerror(r.serr));
    }
    server_side_free(&sv);
    return ok;
}

static void test_resume(void)
{
    static const uint16_t vs[2] = {TERN_TLS10, TERN_TLS11};
    size_t i, good = 0, n = 0;
    int how, cap;

    for (i = 0; i < 2; i++) {
        for (how = 0; how < 2; how++) {
            for (cap = 0; cap < 2; cap++) {
                good += (size_t)resume_at(vs[i], how, cap);
                n++;
            }
        }
    }
    printf("TLS 1.0 / 1.1 resumption (id, ticket; capped at either side): %u of %u\n",
           (unsigned)good, (unsigned)n);
    EXPECT_EQ_U(good, n);
}

/* A session made at 1.1 is offered again when the server (or the
 * client) now has 1.2: the server agrees on 1.2 and does not resume it
 * (a full handshake at 1.2 instead, a new session). The same from 1.0
 * to 1.1. */
static void test_server_refuses_other_version(void)
{
    int how;
    for (how = 0; how < 2; how++) {
        tern_config c, s;
        server_side sv;
        tern_session s1, s2;
        result r;

        server_side_init(&sv);
        configs(&c, &s, &sv, how, TERN_TLS12, TERN_TLS11);
        connect_once(&c, &s, NULL, &s1, &r);
        EXPECT_TRUE(r.ok && r.version == TERN_TLS11);
        s.max_version = TERN_TLS12; /* the server now has 1.2 */
        connect_once(&c, &s, &s1, &s2, &r);
        EXPECT_TRUE(r.ok);
        EXPECT_FALSE(r.resumed);
        EXPECT_EQ(r.version, TERN_TLS12);
        EXPECT_EQ(s2.version, TERN_TLS12);

        /* 1.0 session, client now capped at 1.1: offered, not resumed */
        c.max_version = s.max_version = TERN_TLS10;
        connect_once(&c, &s, NULL, &s1, &r);
        EXPECT_TRUE(r.ok && r.version == TERN_TLS10);
        c.max_version = TERN_TLS11;
        s.max_version = TERN_TLS12;
        connect_once(&c, &s, &s1, NULL, &r);
        EXPECT_TRUE(r.ok);
        EXPECT_FALSE(r.resumed);
        EXPECT_EQ(r.version, TERN_TLS11);
        server_side_free(&sv);
    }
}

/* A client does not offer a session outside its version range: a 1.2
 * session to a client capped at 1.1, a 1.0 session to a client whose
 * minimum is 1.1 (full handshake, nothing resumed either way). */
static void test_client_does_not_offer(void)
{
    tern_config c, s;
    server_side sv;
    tern_session s1;
    result r;

    server_side_init(&sv);
    configs(&c, &s, &sv, BY_TICKET, TERN_TLS12, TERN_TLS12);
    connect_once(&c, &s, NULL, &s1, &r);
    EXPECT_TRUE(r.ok && r.version == TERN_TLS12);
    c.max_version = TERN_TLS11;
    connect_once(&c, &s, &s1, NULL, &r);
    EXPECT_TRUE(r.ok && !r.resumed && r.version == TERN_TLS11);

    c.max_version = TERN_TLS10;
    connect_once(&c, &s, NULL, &s1, &r);
    EXPECT_TRUE(r.ok && r.version == TERN_TLS10);
    c.min_version = TERN_TLS11;
    c.max_version = TERN_TLS12;
    s.max_version = TERN_TLS11;
    connect_once(&c, &s, &s1, NULL, &r);
    EXPECT_TRUE(r.ok && !r.resumed && r.version == TERN_TLS11);
    server_side_free(&sv);
}

/* The server resumes the session at another version than the client
 * holds it for: the client aborts with protocol_version. Made here by
 * relabelling the client's copy of a 1.1 session (the server, which
 * keeps it as 1.1, resumes it at 1.1). */
static void test_client_refuses_other_version(void)
{
    static const uint16_t labels[2] = {TERN_TLS10, TERN_TLS12};
    int how;
    size_t i;
    for (how = 0; how < 2; how++) {
        for (i = 0; i < 2; i++) {
            tern_config c, s;
            server_side sv;
            tern_session s1;
            result r;

            server_side_init(&sv);
            configs(&c, &s, &sv, how, TERN_TLS12, TERN_TLS11);
            connect_once(&c, &s, NULL, &s1, &r);
            EXPECT_TRUE(r.ok && r.version == TERN_TLS11);
            /* untouched, it resumes */
            connect_once(&c, &s, &s1, NULL, &r);
            EXPECT_TRUE(r.ok && r.resumed && r.version == TERN_TLS11);
            s1.version = labels[i];
            connect_once(&c, &s, &s1, NULL, &r);
            EXPECT_FALSE(r.ok);
            EXPECT_EQ(r.cerr, TERN_ERR_PROTOCOL_VERSION);
            EXPECT_EQ(r.calert, TERN_ALERT_PROTOCOL_VERSION);
            EXPECT_EQ(r.serr, TERN_ERR_ALERT_RECEIVED(TERN_ALERT_PROTOCOL_VERSION));
            server_side_free(&sv);
        }
    }
}

/* Export / import and tern_conn_set_session take the versions this
 * build speaks, never SSL 3.0 or an unknown one. */
static void test_session_versions(void)
{
    tern_session s, t;
    uint8_t buf[2048];
    size_t len;
    tern_config c, sc;
    server_side sv;
    et_pair p;

    memset(&s, 0, sizeof(s));
    s.suite = TERN_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
    s.id_len = 32;
    s.id[0] = 1;
    s.version = TERN_TLS10;
    EXPECT_OK(tern_session_export(&s, buf, sizeof(buf), &len));
    EXPECT_OK(tern_session_import(&t, buf, len));
    EXPECT_EQ(t.version, TERN_TLS10);
    buf[4] = 0x03; /* version 0x0300 */
    buf[5] = 0x00;
    EXPECT_ERR(TERN_ERR_DECODE, tern_session_import(&t, buf, len));
    buf[5] = 0x04; /* 0x0304: not a TLS 1.2 session format */
    EXPECT_ERR(TERN_ERR_DECODE, tern_session_import(&t, buf, len));

    server_side_init(&sv);
    configs(&c, &sc, &sv, BY_ID, TERN_TLS12, TERN_TLS12);
    EXPECT_OK(et_pair_init(&p, &c, &sc));
    s.version = 0x0300;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_conn_set_session(p.c, &s));
    s.version = 0x0304;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_conn_set_session(p.c, &s));
    s.version = TERN_TLS11;
    EXPECT_OK(tern_conn_set_session(p.c, &s));
    et_pair_free(&p);
    server_side_free(&sv);
}

int main(void)
{
    if (tern_hmac_drbg_init(&drbg, &tern_sha256_class, NULL, NULL, 0) != TERN_OK) {
        return 2;
    }
    et_cred_load(&srv_p256, "server-p256");
    et_cred_load(&srv_rsa, "server-rsa2048");
    RUN_TEST(test_resume);
    RUN_TEST(test_server_refuses_other_version);
    RUN_TEST(test_client_does_not_offer);
    RUN_TEST(test_client_refuses_other_version);
    RUN_TEST(test_session_versions);
    et_cred_free(&srv_p256);
    et_cred_free(&srv_rsa);
    return TEST_REPORT();
}
