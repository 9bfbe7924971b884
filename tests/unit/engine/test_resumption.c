/*
 * Resumption: by session ID (server cache) and by RFC 5077 ticket, with
 * ticket key rotation, bad tickets (full handshake instead), sessions
 * exported and imported in between, and the cases where a session must
 * not be offered or accepted.
 */
#include "engine_test_util.h"
#include "tern/rand.h"

static et_cred srv;
static tern_hmac_drbg_ctx drbg;

static void base_configs(tern_config *ccfg, tern_config *scfg)
{
    tern_config_init(ccfg);
    tern_config_init(scfg);
    ccfg->verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_add_credential(scfg, srv.chain, srv.lens, 2, &srv.key));
}

/* One connection: handshake, a little data, the client's session out.
 * Returns 1 when the handshake succeeded; *resumed from the client's
 * view (the server's must agree). */
static int connect_once(const tern_config *ccfg, const tern_config *scfg, const tern_session *offer,
                        tern_session *out, int *resumed)
{
    et_pair p;
    tern_conn_info ci, si;
    int ok;

    if (et_pair_init(&p, ccfg, scfg) != TERN_OK) {
        return 0;
    }
    EXPECT_OK(tern_conn_set_hostname(p.c, "localhost"));
    if (offer != NULL) {
        EXPECT_OK(tern_conn_set_session(p.c, offer));
    }
    et_pump(&p);
    ok = et_done(&p) && et_exchange(&p, 1000);
    if (ok) {
        EXPECT_OK(tern_conn_get_info(p.c, &ci));
        EXPECT_OK(tern_conn_get_info(p.s, &si));
        EXPECT_EQ(ci.resumed, si.resumed);
        *resumed = ci.resumed;
        if (out != NULL) {
            EXPECT_OK(tern_conn_get_session(p.c, out));
        }
        /* a server never hands out a session */
        {
            tern_session tmp;
            EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_conn_get_session(p.s, &tmp));
        }
    } else {
        fprintf(stderr, "  handshake failed: client %s, server %s\n",
                tern_strerror(tern_conn_error(p.c)), tern_strerror(tern_conn_error(p.s)));
    }
    et_pair_free(&p);
    return ok;
}

static void test_by_session_id(void)
{
    tern_config ccfg, scfg;
    tern_session slots[4], s1, s2;
    uint64_t stamps[4];
    tern_session_cache cache;
    uint8_t buf[2048];
    size_t len;
    int resumed = -1;

    base_configs(&ccfg, &scfg);
    ccfg.client_tickets = 0;
    EXPECT_OK(tern_session_cache_init(&cache, slots, stamps, 4, NULL));
    scfg.session_cache = &cache;
    EXPECT_TRUE(connect_once(&ccfg, &scfg, NULL, &s1, &resumed));
    EXPECT_EQ(resumed, 0);
    EXPECT_EQ(s1.id_len, 32);
    EXPECT_EQ(s1.ticket_len, 0);
    EXPECT_TRUE(strcmp(s1.server_name, "localhost") == 0);
    /* through export / import, like -sess_out / -sess_in */
    EXPECT_OK(tern_session_export(&s1, buf, sizeof(buf), &len));
    EXPECT_OK(tern_session_import(&s2, buf, len));
    EXPECT_TRUE(connect_once(&ccfg, &scfg, &s2, &s1, &resumed));
    EXPECT_EQ(resumed, 1);
    /* and again with what the resumed connection returned */
    EXPECT_TRUE(connect_once(&ccfg, &scfg, &s1, NULL, &resumed));
    EXPECT_EQ(resumed, 1);
    /* an unknown ID: full handshake */
    s2.id[0] ^= 1;
    EXPECT_TRUE(connect_once(&ccfg, &scfg, &s2, NULL, &resumed));
    EXPECT_EQ(resumed, 0);
    /* a server without the cache: full handshake */
    scfg.session_cache = NULL;
    EXPECT_TRUE(connect_once(&ccfg, &scfg, &s1, NULL, &resumed));
    EXPECT_EQ(resumed, 0);
    tern_session_cache_free(&cache);
}

static void test_by_ticket(void)
{
    tern_config ccfg, scfg;
    tern_ticket_keys tk;
    tern_session s1, s2, bad;
    int resumed = -1;

    base_configs(&ccfg, &scfg);
    EXPECT_OK(tern_ticket_keys_init(&tk, &drbg.vtable, NULL));
    scfg.ticket_keys = &tk;
    EXPECT_TRUE(connect_once(&ccfg, &scfg, NULL, &s1, &resumed));
    EXPECT_EQ(resumed, 0);
    EXPECT_TRUE(s1.ticket_len > 0);
    EXPECT_EQ(s1.id_len, 0); /* ticket-only server: no session ID */
    EXPECT_EQ(s1.lifetime, 7200);
    EXPECT_TRUE(connect_once(&ccfg, &scfg, &s1, &s2, &resumed));
    EXPECT_EQ(resumed, 1);
    /* the server renewed the ticket */
    EXPECT_TRUE(s2.ticket_len > 0);
    EXPECT_TRUE(s2.ticket_len != s1.ticket_len || memcmp(s2.ticket, s1.ticket, s1.ticket_len) != 0);
    EXPECT_MEM_EQ(s2.master_secret, s1.master_secret, 48);

    /* one rotation: tickets of the previous key still open */
    EXPECT_OK(tern_ticket_keys_rotate(&tk, &drbg.vtable));
    EXPECT_TRUE(connect_once(&ccfg, &scfg, &s1, NULL, &resumed));
    EXPECT_EQ(resumed, 1);
    /* two rotations: the key is gone, a full handshake follows */
    EXPECT_OK(tern_ticket_keys_rotate(&tk, &drbg.vtable));
    EXPECT_TRUE(connect_once(&ccfg, &scfg, &s1, &s2, &resumed));
    EXPECT_EQ(resumed, 0);
    EXPECT_TRUE(s2.ticket_len > 0);

    /* a tampered ticket is ignored (RFC 5077 3.4): full handshake */
    bad = s2;
    bad.ticket[bad.ticket_len / 2] ^= 0x40;
    EXPECT_TRUE(connect_once(&ccfg, &scfg, &bad, NULL, &resumed));
    EXPECT_EQ(resumed, 0);
    bad = s2;
    bad.ticket_len = 20;
    EXPECT_TRUE(connect_once(&ccfg, &scfg, &bad, NULL, &resumed));
    EXPECT_EQ(resumed, 0);
    /* a ticket for another server name is not offered */
    bad = s2;
    strcpy(bad.server_name, "other.example");
    EXPECT_TRUE(connect_once(&ccfg, &scfg, &bad, NULL, &resumed));
    EXPECT_EQ(resumed, 0);
    /* a client that does not want tickets does not use them (and from
     * a ticket-only server gets nothing to resume with) */
    ccfg.client_tickets = 0;
    EXPECT_TRUE(connect_once(&ccfg, &scfg, &s2, NULL, &resumed));
    EXPECT_EQ(resumed, 0);
    tern_ticket_keys_free(&tk);
}

/* A session made without the extended master secret is not offered by
 * a client that requires it (RFC 7627 5.3). */
static void test_no_ems_session_not_offered(void)
{
    tern_config ccfg, scfg;
    tern_session slots[2], s1;
    uint64_t stamps[2];
    tern_session_cache cache;
    int resumed = -1;

    base_configs(&ccfg, &scfg);
    ccfg.client_tickets = 0;
    EXPECT_OK(tern_session_cache_init(&cache, slots, stamps, 2, NULL));
    scfg.session_cache = &cache;
    EXPECT_TRUE(connect_once(&ccfg, &scfg, NULL, &s1, &resumed));
    s1.ems = 0;
    EXPECT_TRUE(connect_once(&ccfg, &scfg, &s1, NULL, &resumed));
    EXPECT_EQ(resumed, 0);
    tern_session_cache_free(&cache);
}

/* Resumption across every suite (the abbreviated flow derives keys from
 * the stored master secret with each suite's PRF). */
static void test_each_suite(void)
{
    static const char *const suites[] = {
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"};
    tern_config ccfg, scfg;
    tern_ticket_keys tk;
    size_t i;

    EXPECT_OK(tern_ticket_keys_init(&tk, &drbg.vtable, NULL));
    for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
        tern_session s;
        int resumed = -1;
        base_configs(&ccfg, &scfg);
        scfg.ticket_keys = &tk;
        if (tern_config_set_suites(&ccfg, suites[i]) != TERN_OK) {
            fprintf(stderr, "  not available: %s\n", suites[i]);
            TEST_FAIL("suite not available");
            continue;
        }
        EXPECT_TRUE(connect_once(&ccfg, &scfg, NULL, &s, &resumed));
        EXPECT_TRUE(connect_once(&ccfg, &scfg, &s, NULL, &resumed));
        EXPECT_EQ(resumed, 1);
    }
    tern_ticket_keys_free(&tk);
}

int main(void)
{
    et_cred_load(&srv, "server-p256");
    if (tern_hmac_drbg_init(&drbg, &tern_sha256_class, NULL, NULL, 0) != TERN_OK) {
        return 2;
    }
    RUN_TEST(test_by_session_id);
    RUN_TEST(test_by_ticket);
    RUN_TEST(test_no_ems_session_not_offered);
    RUN_TEST(test_each_suite);
    return TEST_REPORT();
}
