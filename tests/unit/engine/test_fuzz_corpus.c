/*
 * The seed corpora of the handshake fuzz targets (fuzz/fuzz_server.c,
 * fuzz/fuzz_client.c): each seed is a real in-memory handshake, recorded
 * from the side of the peer, between the deterministic endpoint of
 * fuzz/tls_harness.h and a tern peer configured for one case (suite,
 * group, key type, client authentication, small records, ALPN, ticket
 * resumption), followed by application data and close_notify.
 *
 * This program records every case and checks that the recording, replayed
 * through the harness exactly as the fuzz target does, completes the
 * handshake, delivers the data and ends cleanly; then it checks the same
 * of every file in fuzz/corpus/fuzz_server and fuzz_client (they go stale
 * when the protocol code or the test PKI changes: rewrite them with
 * TERN_FUZZ_REGEN=1 in the environment).
 */
#include <dirent.h>

#include "../../../fuzz/tls_harness.h"
#include "tern_test.h"

#define DATA_LEN 100

typedef struct bytes {
    uint8_t data[65536];
    size_t len;
} bytes;

static void put(bytes *b, const uint8_t *p, size_t n)
{
    if (n > sizeof(b->data) - b->len) {
        fprintf(stderr, "recording too long\n");
        abort();
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

/* a -> b; records what moves when rec is not NULL. */
static size_t move(tern_conn *a, tern_conn *b, bytes *rec)
{
    size_t n, m;
    uint8_t *p = tern_conn_sendrec_buf(a, &n), *q;

    if (p == NULL) {
        return 0;
    }
    q = tern_conn_recvrec_buf(b, &m);
    if (q == NULL) {
        if (tern_conn_status(b) & TERN_ST_CLOSED) {
            tern_conn_sendrec_ack(a, n);
            return n;
        }
        return 0;
    }
    if (m > n) {
        m = n;
    }
    memcpy(q, p, m);
    if (rec != NULL) {
        put(rec, p, m);
    }
    tern_conn_sendrec_ack(a, m);
    tern_conn_recvrec_ack(b, m);
    return m;
}

static void drop_app(tern_conn *c)
{
    uint8_t *p;
    size_t n;
    while ((p = tern_conn_recvapp_buf(c, &n)) != NULL) {
        tern_conn_recvapp_ack(c, n);
    }
}

/* Pumps until nothing moves; the endpoint echoes as in th_run. */
static void pump(th_endpoint *ep, th_endpoint *peer, bytes *rec)
{
    for (;;) {
        size_t moved = move(peer->conn, ep->conn, rec) + move(ep->conn, peer->conn, NULL);
        moved += th_echo(ep->conn);
        drop_app(peer->conn);
        if (moved == 0) {
            return;
        }
    }
}

/* One case: how the peer differs from th_config's defaults. */
typedef struct case_ {
    const char *name;
    unsigned flags;      /* the endpoint's (and the peer's) TH_* flags */
    const char *suites;  /* peer's suite list, or NULL */
    const char *groups;  /* peer's groups, or NULL */
    const char *schemes; /* peer's signature schemes, or NULL */
    int client_auth;     /* peer server: TERN_CLIENT_AUTH_* override, or -1 */
} case_;

static const case_ server_cases[] = {
    {"plain", 0, NULL, NULL, NULL, -1},
    {"rsa_chacha_p384", 0, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "secp384r1",
     "rsa_pss_rsae_sha256", -1},
    {"rsa_aes256_pkcs1", 0, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "secp256r1",
     "rsa_pkcs1_sha384", -1},
    {"ecdsa_ccm8", 0, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", "secp256r1", NULL, -1},
    {"dhe_rsa", 0, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", NULL, NULL, -1},
    {"client_auth", TH_CLIENT_AUTH, NULL, NULL, NULL, -1},
    {"small_records", TH_SMALL, NULL, NULL, NULL, -1},
    {"alpn", TH_ALPN, NULL, NULL, NULL, -1},
    {"ticket_resumed", TH_RESUME, NULL, NULL, NULL, -1},
    {"shared_small_auth", TH_SHARED | TH_SMALL | TH_CLIENT_AUTH, NULL, NULL, NULL, -1},
};

static const case_ client_cases[] = {
    {"plain", 0, NULL, NULL, NULL, -1},
    {"rsa_chacha_p384", 0, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "secp384r1", NULL, -1},
    {"ecdsa_ccm_p256", 0, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", "secp256r1", NULL, -1},
    {"dhe_rsa_chacha", 0, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", NULL, NULL, -1},
    {"client_auth", TH_CLIENT_AUTH, NULL, NULL, NULL, TERN_CLIENT_AUTH_REQUIRED},
    {"auth_requested_none", 0, NULL, NULL, NULL, TERN_CLIENT_AUTH_OPTIONAL},
    {"small_records", TH_SMALL, NULL, NULL, NULL, -1},
    {"alpn", TH_ALPN, NULL, NULL, NULL, -1},
    {"ticket_resumed", TH_RESUME, NULL, NULL, NULL, -1},
    {"shared_small_resumed", TH_SHARED | TH_SMALL | TH_RESUME, NULL, NULL, NULL, -1},
};

static int peer_config(th_endpoint *peer, int role, const case_ *cs)
{
    int rc =
        th_config(peer, role, cs->flags & (unsigned)~TH_RESUME, role == TERN_SERVER ? 0x73 : 0x63);
    if (rc == TERN_OK && cs->suites != NULL) {
        rc = tern_config_set_suites(&peer->cfg, cs->suites);
    }
    if (rc == TERN_OK && cs->groups != NULL) {
        rc = tern_config_set_groups(&peer->cfg, cs->groups);
    }
    if (rc == TERN_OK && cs->schemes != NULL) {
        rc = tern_config_set_sig_schemes(&peer->cfg, cs->schemes);
    }
    if (role == TERN_SERVER && cs->client_auth >= 0) {
        peer->cfg.client_auth = cs->client_auth;
    }
    return rc;
}

/* A full handshake between the endpoint and the peer of a case; returns
 * the client's session (for the ticket cases). */
static int first_session(int role, const case_ *cs, tern_session *s)
{
    th_endpoint ep, peer;
    int ok;

    ok = th_config(&ep, role, cs->flags & (unsigned)~TH_RESUME,
                   role == TERN_SERVER ? 0x53 : 0x43) == TERN_OK &&
         th_start(&ep, role) == TERN_OK && peer_config(&peer, !role, cs) == TERN_OK &&
         th_start(&peer, !role) == TERN_OK;
    if (ok) {
        pump(&ep, &peer, NULL);
        ok = tern_conn_get_session(role == TERN_CLIENT ? ep.conn : peer.conn, s) == TERN_OK;
    }
    th_end(&ep);
    th_end(&peer);
    return ok;
}

/* Records the peer's side of one case into out (the corpus file format). */
static int record(int role, const case_ *cs, bytes *out)
{
    th_endpoint ep, peer;
    tern_session s;
    uint8_t *p;
    size_t n, i;
    int ok;

    out->len = 0;
    out->data[0] = (uint8_t)cs->flags;
    out->len = 1;
    memset(&s, 0, sizeof(s));
    if ((cs->flags & TH_RESUME) && !first_session(role, cs, &s)) {
        return 0;
    }
    if ((cs->flags & TH_RESUME) && role == TERN_CLIENT) {
        if (tern_session_export(&s, out->data + 3, sizeof(out->data) - 3, &n) != TERN_OK) {
            return 0;
        }
        out->data[1] = (uint8_t)(n >> 8);
        out->data[2] = (uint8_t)n;
        out->len = 3 + n;
    }
    ok = th_config(&ep, role, cs->flags, role == TERN_SERVER ? 0x53 : 0x43) == TERN_OK &&
         th_start(&ep, role) == TERN_OK && peer_config(&peer, !role, cs) == TERN_OK &&
         th_start(&peer, !role) == TERN_OK;
    if (ok && (cs->flags & TH_RESUME)) {
        ok = tern_conn_set_session(role == TERN_CLIENT ? ep.conn : peer.conn, &s) == TERN_OK;
    }
    if (ok) {
        pump(&ep, &peer, out);
        ok = tern_conn_state(ep.conn) == TERN_CONN_OPERATING;
    }
    if (ok) {
        /* application data from the peer, then its close_notify */
        p = tern_conn_sendapp_buf(peer.conn, &n);
        ok = p != NULL && n >= DATA_LEN;
        for (i = 0; ok && i < DATA_LEN; i++) {
            p[i] = (uint8_t)('a' + i % 26);
        }
        if (ok) {
            tern_conn_sendapp_ack(peer.conn, DATA_LEN);
            tern_conn_flush_app(peer.conn);
            pump(&ep, &peer, out);
            tern_conn_close_notify(peer.conn);
            pump(&ep, &peer, out);
            ok = tern_conn_error(ep.conn) == TERN_ERR_CLOSED;
        }
    }
    th_end(&ep);
    th_end(&peer);
    memset(&s, 0, sizeof(s));
    return ok;
}

/* The replay of one seed completes the handshake and the data. */
static int replays(int role, const uint8_t *data, size_t len, const char *what, int resumed)
{
    th_result r;
    if (!th_run(role, data, len, &r) || !r.done || r.app != DATA_LEN ||
        r.error != TERN_ERR_CLOSED || (resumed >= 0 && r.info.resumed != resumed)) {
        fprintf(stderr, "  seed %s does not replay: done %d, %u bytes, %s, resumed %d\n", what,
                r.done, (unsigned)r.app, tern_strerror(r.error), r.info.resumed);
        return 0;
    }
    return 1;
}

static void corpus_path(char *buf, size_t cap, int role, const char *name)
{
    snprintf(buf, cap, "%s/corpus/fuzz_%s/%s", TERN_FUZZ_DIR,
             role == TERN_SERVER ? "server" : "client", name);
}

static void record_cases(int role, const case_ *cases, size_t count)
{
    static bytes b;
    const char *regen = getenv("TERN_FUZZ_REGEN");
    size_t i;

    for (i = 0; i < count; i++) {
        char what[256];
        snprintf(what, sizeof(what), "%s/%s", role == TERN_SERVER ? "server" : "client",
                 cases[i].name);
        if (!record(role, &cases[i], &b)) {
            fprintf(stderr, "  cannot record %s\n", what);
            TEST_FAIL(what);
            continue;
        }
        EXPECT_TRUE(replays(role, b.data, b.len, what, (cases[i].flags & TH_RESUME) != 0));
        /* the recording is deterministic */
        {
            static bytes again;
            EXPECT_TRUE(record(role, &cases[i], &again));
            EXPECT_EQ_U(again.len, b.len);
            EXPECT_TRUE(again.len == b.len && memcmp(again.data, b.data, b.len) == 0);
        }
        if (regen != NULL && regen[0] != '\0' && regen[0] != '0') {
            char path[1024];
            FILE *f;
            corpus_path(path, sizeof(path), role, cases[i].name);
            f = fopen(path, "wb");
            EXPECT_TRUE(f != NULL);
            if (f != NULL) {
                EXPECT_EQ_U(fwrite(b.data, 1, b.len, f), b.len);
                fclose(f);
                printf("wrote %s (%u bytes)\n", path, (unsigned)b.len);
            }
        }
    }
}

static void test_record_server_seeds(void)
{
    record_cases(TERN_SERVER, server_cases, sizeof(server_cases) / sizeof(server_cases[0]));
}

static void test_record_client_seeds(void)
{
    record_cases(TERN_CLIENT, client_cases, sizeof(client_cases) / sizeof(client_cases[0]));
}

/* Every file of a corpus directory replays to a clean end. */
static void check_dir(int role)
{
    char dir[1024];
    DIR *d;
    struct dirent *ent;
    size_t files = 0;

    corpus_path(dir, sizeof(dir), role, "");
    d = opendir(dir);
    EXPECT_TRUE(d != NULL);
    if (d == NULL) {
        return;
    }
    while ((ent = readdir(d)) != NULL) {
        char path[2048];
        static uint8_t buf[65536];
        FILE *f;
        size_t n;
        if (ent->d_name[0] == '.') {
            continue;
        }
        snprintf(path, sizeof(path), "%s%s", dir, ent->d_name);
        f = fopen(path, "rb");
        EXPECT_TRUE(f != NULL);
        if (f == NULL) {
            continue;
        }
        n = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        files++;
        if (!replays(role, buf, n, path, -1)) {
            TEST_FAIL("stale seed (rewrite with TERN_FUZZ_REGEN=1)");
        }
    }
    closedir(d);
    printf("corpus fuzz_%s: %u seeds replayed\n", role == TERN_SERVER ? "server" : "client",
           (unsigned)files);
    EXPECT_TRUE(files >= 8);
}

static void test_server_corpus(void)
{
    check_dir(TERN_SERVER);
}

static void test_client_corpus(void)
{
    check_dir(TERN_CLIENT);
}

/* The harness itself rejects what it must: no bytes, or a session length
 * running past the input. */
static void test_harness_inputs(void)
{
    static const uint8_t short_blob[] = {TH_RESUME, 0x10, 0x00, 1, 2, 3}, flags_only[] = {0};
    th_result r;
    EXPECT_EQ(th_run(TERN_SERVER, NULL, 0, &r), 0);
    EXPECT_EQ(th_run(TERN_CLIENT, short_blob, sizeof(short_blob), &r), 0);
    /* flags alone: the client writes its hello and waits */
    EXPECT_EQ(th_run(TERN_CLIENT, flags_only, 1, &r), 1);
    EXPECT_FALSE(r.done);
    EXPECT_EQ(r.state, TERN_CONN_HANDSHAKE);
}

int main(void)
{
    RUN_TEST(test_harness_inputs);
    RUN_TEST(test_record_server_seeds);
    RUN_TEST(test_record_client_seeds);
    RUN_TEST(test_server_corpus);
    RUN_TEST(test_client_corpus);
    return TEST_REPORT();
}
