/*
 * Memory per connection: tern_conn_size for the configurations the issue
 * sets targets for (16 KiB records: under 40 KB per client+server pair;
 * 1 KiB record limits: under 8 KB per connection), printed and asserted;
 * and the half-duplex shared record buffer that the small figures rely
 * on: handshakes of every kind through it, and its rules (nothing is
 * written while received data is lent out, nothing read while a record
 * of ours is pending, a flight that runs on past its end is refused).
 */
#include "common/endian_internal.h"
#include "engine/engine_internal.h"
#include "engine_test_util.h"
#include "tern/util.h"

static et_cred srv, cli;

/* ---- configurations ----------------------------------------------------------------------- */

/* The lean 16 KiB configuration: records of 2^14 both ways in one
 * shared buffer, a small reassembly buffer, no kept chain. */
static void lean16(tern_config *cfg)
{
    tern_config_init(cfg);
    cfg->shared_record_buffer = 1;
    cfg->hs_buffer_size = 1024;
    cfg->keep_peer_chain = 0;
}

/* The 1 KiB configuration: record_size_limit / max_fragment_length of
 * 1 KiB, records of 1 KiB, a reassembly buffer for a certificate chain. */
static void small1k(tern_config *cfg, int shared)
{
    tern_config_init(cfg);
    cfg->in_record_size = 1024;
    cfg->out_record_size = 1024;
    cfg->record_size_limit = 1024;
    cfg->hs_buffer_size = 1536;
    cfg->keep_peer_chain = 0;
    cfg->shared_record_buffer = (uint8_t)shared;
}

static size_t size_as(tern_config *cfg, int role, int chacha_only)
{
    if (role == TERN_SERVER) {
        EXPECT_OK(tern_config_add_credential(cfg, srv.chain, srv.lens, 2, &srv.key));
    }
    if (chacha_only) {
        EXPECT_OK(tern_config_set_suites(cfg, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256:"
                                              "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));
    }
    return tern_conn_size(cfg);
}

typedef struct row {
    const char *what;
    size_t client, server;
} row;

/* One configuration measured in both roles. */
static void measure(row *r, const char *what, int kind, int chacha_only)
{
    tern_config c, s;
    if (kind == 0) {
        tern_config_init(&c);
        tern_config_init(&s);
    } else if (kind == 1) {
        lean16(&c);
        lean16(&s);
    } else {
        small1k(&c, kind == 3);
        small1k(&s, kind == 3);
    }
    r->what = what;
    r->client = size_as(&c, TERN_CLIENT, chacha_only);
    r->server = size_as(&s, TERN_SERVER, chacha_only);
}

/* The targets: under 40 KB per client+server pair with 16 KiB
 * records (the lean configuration, default suites: AES-GCM and AES-CCM
 * contexts included), under 8 KB per connection with 1 KiB record
 * limits (KB taken as 1000 bytes). */
static void test_figures(void)
{
    row r[6];
    size_t i;

    measure(&r[0], "default: 16 KiB records, full duplex, all suites", 0, 0);
    measure(&r[1], "16 KiB records, shared buffer, hs 1 KiB", 1, 0);
    measure(&r[2], "  the same, ChaCha20-Poly1305 suites only", 1, 1);
    measure(&r[3], "1 KiB records, full duplex, hs 1.5 KiB", 2, 0);
    measure(&r[4], "1 KiB records, shared buffer, hs 1.5 KiB", 3, 0);
    measure(&r[5], "  the same, ChaCha20-Poly1305 suites only", 3, 1);
    printf("tern_conn_size in bytes (x86-64)                      client  server    pair\n");
    for (i = 0; i < 6; i++) {
        printf("  %-50s %6u  %6u  %6u\n", r[i].what, (unsigned)r[i].client, (unsigned)r[i].server,
               (unsigned)(r[i].client + r[i].server));
    }
    printf("  struct tern_conn alone: %u; AEAD contexts: AES-GCM %u, AES-CCM %u\n",
           (unsigned)sizeof(tern_conn), (unsigned)tern_aead_aes128_gcm.ctx_size,
           (unsigned)tern_aead_aes128_ccm.ctx_size);
    EXPECT_TRUE(r[1].client < r[0].client && r[4].client < r[3].client);
    EXPECT_TRUE(r[1].client + r[1].server < 40000);
    EXPECT_TRUE(r[2].client + r[2].server < 40000);
    for (i = 3; i < 6; i++) {
        EXPECT_TRUE(r[i].client < 8000 && r[i].server < 8000);
    }
}

/* ---- handshakes through a shared buffer ----------------------------------------------------- */

static int run_pair(const tern_config *ccfg, const tern_config *scfg, size_t chunk, size_t data,
                    const tern_session *offer, tern_session *out, int *resumed)
{
    et_pair p;
    tern_conn_info ci;
    int ok;

    if (et_pair_init(&p, ccfg, scfg) != TERN_OK ||
        tern_conn_set_hostname(p.c, "localhost") != TERN_OK) {
        return 0;
    }
    if (offer != NULL && tern_conn_set_session(p.c, offer) != TERN_OK) {
        et_pair_free(&p);
        return 0;
    }
    p.chunk = chunk;
    et_pump(&p);
    ok = et_done(&p) && et_exchange(&p, data);
    if (!ok) {
        fprintf(stderr, "  failed: client %s, server %s\n", tern_strerror(tern_conn_error(p.c)),
                tern_strerror(tern_conn_error(p.s)));
    }
    if (ok && tern_conn_get_info(p.c, &ci) == TERN_OK && resumed != NULL) {
        *resumed = ci.resumed;
    }
    if (ok && out != NULL) {
        ok = tern_conn_get_session(p.c, out) == TERN_OK;
    }
    et_pair_free(&p);
    return ok;
}

static void test_shared_handshakes(void)
{
    static const char *const suites[] = {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                                         "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                                         "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"};
    tern_config c, s;
    size_t i;

    for (i = 0; i < 3; i++) {
        lean16(&c);
        lean16(&s);
        c.verify_mode = TERN_VERIFY_NONE;
        EXPECT_OK(tern_config_set_suites(&c, suites[i]));
        EXPECT_OK(tern_config_add_credential(&s, srv.chain, srv.lens, 2, &srv.key));
        EXPECT_TRUE(run_pair(&c, &s, 0, 50000, NULL, NULL, NULL));
        EXPECT_TRUE(run_pair(&c, &s, 7, 3000, NULL, NULL, NULL));
    }
    /* one side shared, the other not */
    lean16(&c);
    tern_config_init(&s);
    c.verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_add_credential(&s, srv.chain, srv.lens, 2, &srv.key));
    EXPECT_TRUE(run_pair(&c, &s, 0, 40000, NULL, NULL, NULL));
    tern_config_init(&c);
    lean16(&s);
    c.verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_add_credential(&s, srv.chain, srv.lens, 2, &srv.key));
    EXPECT_TRUE(run_pair(&c, &s, 1, 2000, NULL, NULL, NULL));
}

/* Client authentication and both kinds of resumption, shared buffers,
 * 1 KiB records, verified chains. */
static void test_shared_small_full_features(void)
{
    tern_config c, s;
    tern_ticket_keys tk;
    tern_hmac_drbg_ctx drbg;
    tern_session_cache cache;
    tern_session slots[2], sess;
    uint64_t stamps[2];
    int resumed = -1;

    small1k(&c, 1);
    small1k(&s, 1);
    c.trust = et_trust();
    s.trust = et_trust();
    s.client_auth = TERN_CLIENT_AUTH_REQUIRED;
    EXPECT_OK(tern_config_add_credential(&s, srv.chain, srv.lens, 2, &srv.key));
    EXPECT_OK(tern_config_add_credential(&c, cli.chain, cli.lens, 2, &cli.key));
    EXPECT_OK(tern_hmac_drbg_init(&drbg, &tern_sha256_class, NULL, NULL, 0));
    EXPECT_OK(tern_ticket_keys_init(&tk, &drbg.vtable, NULL));
    s.ticket_keys = &tk;
    EXPECT_TRUE(run_pair(&c, &s, 0, 5000, NULL, &sess, &resumed));
    EXPECT_EQ(resumed, 0);
    EXPECT_TRUE(sess.ticket_len > 0);
    EXPECT_TRUE(run_pair(&c, &s, 3, 5000, &sess, NULL, &resumed));
    EXPECT_EQ(resumed, 1);
    /* by session ID */
    s.ticket_keys = NULL;
    c.client_tickets = 0;
    EXPECT_OK(tern_session_cache_init(&cache, slots, stamps, 2, NULL));
    s.session_cache = &cache;
    EXPECT_TRUE(run_pair(&c, &s, 0, 100, NULL, &sess, &resumed));
    EXPECT_EQ(resumed, 0);
    EXPECT_TRUE(run_pair(&c, &s, 0, 100, &sess, NULL, &resumed));
    EXPECT_EQ(resumed, 1);
    tern_session_cache_free(&cache);
    tern_ticket_keys_free(&tk);
    tern_wipe(&sess, sizeof(sess));
}

/* Certificate messages larger than hs_buf are streamed from the
 * credential: a server with a 512-byte handshake buffer sends its
 * chains, a client its own under client authentication; the trace sees
 * the streamed message's header only. */
static size_t cert_trace_len[2];

static void trace_certs(void *user, int dir, int ctype, int hs_type, const uint8_t *msg, size_t len)
{
    (void)user;
    if (ctype == 22 && hs_type == 11 && dir == TERN_TRACE_OUT) {
        EXPECT_TRUE(msg != NULL && msg[0] == 11);
        cert_trace_len[0] = len;
    }
    if (ctype == 22 && hs_type == 11 && dir == TERN_TRACE_IN) {
        cert_trace_len[1] = len;
    }
}

static void test_streamed_certificates(void)
{
    static et_cred rsa;
    tern_config c, s;
    size_t chunk;

    if (rsa.chain[0] == NULL) {
        et_cred_load(&rsa, "server-rsa2048");
    }
    for (chunk = 0; chunk < 2; chunk++) {
        small1k(&c, 1);
        small1k(&s, 1);
        c.hs_buffer_size = 2048;
        s.hs_buffer_size = 512;
        c.trust = et_trust();
        s.trust = et_trust();
        s.client_auth = TERN_CLIENT_AUTH_REQUIRED;
        s.trace = trace_certs;
        EXPECT_OK(tern_config_add_credential(&s, srv.chain, srv.lens, 2, &srv.key));
        EXPECT_OK(tern_config_add_credential(&c, cli.chain, cli.lens, 2, &cli.key));
        memset(cert_trace_len, 0, sizeof(cert_trace_len));
        EXPECT_TRUE(run_pair(&c, &s, chunk, 2000, NULL, NULL, NULL));
        EXPECT_EQ_U(cert_trace_len[0], 4); /* streamed */
        EXPECT_EQ_U(cert_trace_len[1], 4 + 3 + 6 + cli.lens[0] + cli.lens[1]);
        /* RSA: a larger chain */
        small1k(&c, 0);
        small1k(&s, 0);
        s.hs_buffer_size = 512;
        c.trust = et_trust();
        EXPECT_OK(tern_config_add_credential(&s, rsa.chain, rsa.lens, 2, &rsa.key));
        EXPECT_TRUE(run_pair(&c, &s, chunk ? 5 : 0, 2000, NULL, NULL, NULL));
    }
    /* the peer's key waits at the end of hs_buf until its signature is
     * checked: a reassembled chain that leaves no room for it is our
     * limit (internal_error), never an overlap */
    small1k(&c, 0);
    small1k(&s, 0);
    c.hs_buffer_size = 1300; /* RSA chain message 1189 bytes + key 259 */
    c.trust = et_trust();
    EXPECT_OK(tern_config_add_credential(&s, rsa.chain, rsa.lens, 2, &rsa.key));
    {
        et_pair p;
        int sent;
        EXPECT_OK(et_pair_init(&p, &c, &s));
        EXPECT_OK(tern_conn_set_hostname(p.c, "localhost"));
        et_pump(&p);
        EXPECT_EQ(tern_conn_error(p.c), TERN_ERR_BUFFER_TOO_SMALL);
        EXPECT_EQ(tern_conn_last_alert(p.c, &sent), 80);
        et_pair_free(&p);
    }
    c.hs_buffer_size = 1460;
    EXPECT_TRUE(run_pair(&c, &s, 0, 100, NULL, NULL, NULL));
}

/* A client's ticket waits at the end of the handshake buffer: one that
 * would leave too little room for the ClientHello is refused. */
static void test_ticket_room(void)
{
    tern_config c;
    tern_session sess;
    void *mem;
    tern_conn *conn;

    small1k(&c, 1);
    c.hs_buffer_size = 512;
    c.verify_mode = TERN_VERIFY_NONE;
    mem = et_alloc(tern_conn_size(&c));
    EXPECT_OK(tern_conn_init(&conn, mem, tern_conn_size(&c), &c, TERN_CLIENT));
    memset(&sess, 0, sizeof(sess));
    sess.version = TERN_TLS12;
    sess.suite = TERN_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    sess.ems = 1;
    strcpy(sess.server_name, "localhost");
    sess.ticket_len = 300;
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_conn_set_session(conn, &sess));
    sess.ticket_len = 200;
    EXPECT_OK(tern_conn_set_session(conn, &sess));
    tern_conn_free(conn);
    et_free(mem);
}

/* ---- PSK and heartbeat state only where they can be used ------------------------------------- */

/* The PSK key and identity are carved only into connections whose
 * configuration has a usable PSK suite; such connections run PSK
 * handshakes (plain and ECDHE_PSK), and a renegotiation keeps the
 * carved storage. */
static void test_psk_area(void)
{
    static const uint8_t key[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    static const char *const suites[] = {"TLS_PSK_WITH_AES_128_GCM_SHA256",
                                         "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256"};
    tern_config c, s;
    size_t i, plain;

    lean16(&c);
    plain = tern_conn_size(&c);
    EXPECT_OK(tern_config_set_psk(&c, (const uint8_t *)"client-1", 8, key, sizeof(key)));
    EXPECT_TRUE(tern_conn_size(&c) >= plain + sizeof(tern_hs_psk));
    /* a PSK but no PSK suite: nothing carved */
    EXPECT_OK(tern_config_set_suites(&c, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
    EXPECT_EQ_U(tern_conn_size(&c), plain);
    /* the heartbeat codec's state likewise, only with heartbeat on
     * (test_heartbeat_conn runs it) */
    lean16(&c);
    c.heartbeat = TERN_HB_PEER_ALLOWED;
    EXPECT_TRUE(tern_conn_size(&c) >= plain + sizeof(tern_hb));
    for (i = 0; i < 2; i++) {
        et_pair p;
        lean16(&c);
        lean16(&s);
        c.renegotiation = 1;
        s.renegotiation = 1;
        EXPECT_OK(tern_config_set_psk(&c, (const uint8_t *)"client-1", 8, key, sizeof(key)));
        EXPECT_OK(tern_config_set_psk(&s, (const uint8_t *)"client-1", 8, key, sizeof(key)));
        EXPECT_OK(tern_config_set_suites(&c, suites[i]));
        EXPECT_OK(tern_config_set_suites(&s, suites[i]));
        EXPECT_OK(et_pair_init(&p, &c, &s));
        et_pump(&p);
        EXPECT_TRUE(et_done(&p) && et_exchange(&p, 3000));
        EXPECT_OK(tern_conn_renegotiate(p.c, 0));
        et_pump(&p);
        EXPECT_EQ(tern_conn_renegotiations(p.s), 1u);
        EXPECT_EQ(tern_conn_renegotiations(p.c), 1u);
        EXPECT_TRUE(et_done(&p) && et_exchange(&p, 3000));
        EXPECT_OK(tern_conn_error(p.c));
        EXPECT_OK(tern_conn_error(p.s));
        et_pair_free(&p);
    }
}

/* ---- the half-duplex rules --------------------------------------------------------------------
 */

static int established(et_pair *p, int shared_client)
{
    static tern_config c, s;
    lean16(&c);
    c.shared_record_buffer = (uint8_t)shared_client;
    c.verify_mode = TERN_VERIFY_NONE;
    lean16(&s);
    EXPECT_OK(tern_config_add_credential(&s, srv.chain, srv.lens, 2, &srv.key));
    EXPECT_OK(et_pair_init(p, &c, &s));
    et_pump(p);
    return et_done(p);
}

static void send_text(tern_conn *a, const char *text)
{
    size_t n;
    uint8_t *q = tern_conn_sendapp_buf(a, &n);
    EXPECT_TRUE(q != NULL && n >= strlen(text));
    if (q != NULL) {
        memcpy(q, text, strlen(text));
        tern_conn_sendapp_ack(a, strlen(text));
        tern_conn_flush_app(a);
    }
}

static void test_half_duplex_rules(void)
{
    et_pair p;
    size_t n;
    uint8_t *q;

    EXPECT_TRUE(established(&p, 1));
    /* keep_peer_chain 0: the chain is not there to read afterwards */
    {
        char text[64];
        const uint8_t *der;
        EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_conn_peer_cert(p.c, 0, &der, &n));
        EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_conn_peer_chain_pem(p.c, text, sizeof(text), &n));
    }
    /* data arrives at the (shared) server and is lent out: the server
     * cannot write until it is consumed */
    send_text(p.c, "hello");
    et_pump(&p);
    q = tern_conn_recvapp_buf(p.s, &n);
    EXPECT_TRUE(q != NULL && n == 5);
    EXPECT_TRUE(tern_conn_sendapp_buf(p.s, &n) == NULL);
    EXPECT_FALSE(tern_conn_status(p.s) & TERN_ST_SENDAPP);
    /* a close requested meanwhile waits for the buffer */
    tern_conn_close_notify(p.s);
    EXPECT_TRUE(tern_conn_sendrec_buf(p.s, &n) == NULL);
    EXPECT_FALSE(tern_conn_status(p.s) & TERN_ST_SENDREC);
    tern_conn_recvapp_ack(p.s, 5);
    EXPECT_TRUE(tern_conn_status(p.s) & TERN_ST_SENDREC);
    EXPECT_TRUE(tern_conn_sendrec_buf(p.s, &n) != NULL && n > 0);
    et_pump(&p);
    EXPECT_EQ(tern_conn_error(p.c), TERN_ERR_CLOSED);
    EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_CLOSED);
    et_pair_free(&p);

    /* while a record of ours is pending, no body is read; a header is */
    EXPECT_TRUE(established(&p, 1));
    send_text(p.c, "ping");
    EXPECT_TRUE(tern_conn_sendrec_buf(p.c, &n) != NULL);
    send_text(p.s, "pong");
    {
        uint8_t rec[64];
        uint8_t *out = tern_conn_sendrec_buf(p.s, &n);
        EXPECT_TRUE(out != NULL && n <= sizeof(rec));
        memcpy(rec, out, n);
        tern_conn_sendrec_ack(p.s, n);
        EXPECT_EQ_U(et_feed(p.c, rec, n), 5); /* the header only */
        EXPECT_TRUE(tern_conn_recvrec_buf(p.c, &n) == NULL);
        et_pump(&p); /* the client's record drains; then its input moves */
        EXPECT_EQ_U(et_feed(p.c, rec + 5, tern_load_be16(rec + 3)), tern_load_be16(rec + 3));
        q = tern_conn_recvapp_buf(p.c, &n);
        EXPECT_TRUE(q != NULL && n == 4 && memcmp(q, "pong", 4) == 0);
    }
    et_pair_free(&p);
}

/* A peer whose flight runs on past the message that hands us the turn:
 * with a shared buffer our flight could never go out, so it is
 * unexpected_message. (Forged: a ServerHelloDone with a HelloRequest
 * behind it in one record, read by a shared client.) */
static void test_flight_overrun(void)
{
    tern_config c, s;
    et_pair p;
    int sent;
    static const uint8_t shd_hr[] = {22, 3, 3, 0, 8, 14, 0, 0, 0, 0, 0, 0, 0};
    uint8_t rec[8192];
    size_t n, m;
    uint8_t *out;

    lean16(&c);
    c.verify_mode = TERN_VERIFY_NONE;
    tern_config_init(&s);
    s.out_record_size = 4096;
    EXPECT_OK(tern_config_add_credential(&s, srv.chain, srv.lens, 2, &srv.key));
    EXPECT_OK(et_pair_init(&p, &c, &s));
    /* ClientHello to the server */
    while (et_move(&p, p.c, p.s, 0) > 0) {
    }
    /* the server's flight to the client, without its ServerHelloDone */
    out = tern_conn_sendrec_buf(p.s, &n);
    EXPECT_TRUE(out != NULL && n <= sizeof(rec));
    memcpy(rec, out, n);
    tern_conn_sendrec_ack(p.s, n);
    m = n - 4; /* the last 4 bytes: ServerHelloDone */
    EXPECT_EQ(rec[m], 14);
    tern_store_be16(rec + 3, (uint16_t)(m - 5));
    EXPECT_EQ_U(et_feed(p.c, rec, m), m);
    EXPECT_OK(tern_conn_error(p.c));
    (void)et_feed(p.c, shd_hr, sizeof(shd_hr));
    EXPECT_EQ(tern_conn_error(p.c), TERN_ERR_UNEXPECTED_MESSAGE);
    EXPECT_EQ(tern_conn_last_alert(p.c, &sent), 10);
    EXPECT_EQ(sent, 1);
    EXPECT_TRUE(tern_conn_sendrec_buf(p.c, &n) != NULL); /* the alert goes out */
    et_pair_free(&p);
}

int main(void)
{
    et_cred_load(&srv, "server-p256");
    et_cred_load(&cli, "client-p256");
    RUN_TEST(test_figures);
    RUN_TEST(test_shared_handshakes);
    RUN_TEST(test_shared_small_full_features);
    RUN_TEST(test_streamed_certificates);
    RUN_TEST(test_ticket_room);
    RUN_TEST(test_psk_area);
    RUN_TEST(test_half_duplex_rules);
    RUN_TEST(test_flight_overrun);
    return TEST_REPORT();
}
