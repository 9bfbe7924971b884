/*
 * Protocol versions in a build without TLS 1.0/1.1 (the default): SSL
 * 3.0 is never spoken (RFC 7568 3): a ClientHello or ServerHello naming
 * {3,0} gets a protocol_version alert and TERN_ERR_PROTOCOL_VERSION, as
 * does a record of another major version; TLS 1.0/1.1 in the version
 * configuration is refused (they are compiled out); a downgrade with
 * TLS_FALLBACK_SCSV gets inappropriate_fallback (RFC 7507 3).
 */
#include "common/endian_internal.h"
#include "engine/engine_internal.h"
#include "engine_test_util.h"

static et_cred srv;
static uint16_t server_min; /* the server's min_version when not 0 */

typedef struct edit {
    int dir;       /* 0: client -> server, 1: back */
    int hs_type;   /* handshake message to change (its version field) */
    uint16_t ver;  /* new hello version, or 0 */
    uint16_t rver; /* new record version, or 0 */
    int scsv;      /* append TLS_FALLBACK_SCSV to the ClientHello suites */
    int applied;
} edit;

static int hook(void *user, int dir, uint8_t *rec, size_t *len)
{
    edit *e = (edit *)user;

    if (e->applied || dir != e->dir || *len < 11 || rec[0] != TERN_CT_HANDSHAKE ||
        rec[5] != e->hs_type) {
        return 0;
    }
    if (e->ver != 0) {
        tern_store_be16(rec + 9, e->ver);
    }
    if (e->rver != 0) {
        tern_store_be16(rec + 1, e->rver);
    }
    if (e->scsv) {
        /* after version, random, session_id: the suite list */
        size_t off = 9 + 2 + 32;
        size_t n;
        off += 1 + rec[off];
        n = tern_load_be16(rec + off);
        memmove(rec + off + 2 + n + 2, rec + off + 2 + n, *len - (off + 2 + n));
        tern_store_be16(rec + off + 2 + n, TERN_SCSV_FALLBACK);
        tern_store_be16(rec + off, (uint16_t)(n + 2));
        *len += 2;
        tern_store_be24(rec + 6, tern_load_be24(rec + 6) + 2);
        tern_store_be16(rec + 3, (uint16_t)(*len - 5));
    }
    e->applied = 1;
    return 0;
}

/* Runs a default pair with the edit; the side that detects it has err and
 * sent alert; the other received it. */
static void run(edit *e, int detector_is_server, int err, int alert)
{
    tern_config c, s;
    et_pair p;
    int sent = 0;
    tern_conn *d, *o;

    tern_config_init(&c);
    tern_config_init(&s);
    c.verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_add_credential(&s, srv.chain, srv.lens, 2, &srv.key));
    if (server_min != 0) {
        s.min_version = server_min;
    }
    EXPECT_OK(et_pair_init(&p, &c, &s));
    p.hook = hook;
    p.hook_user = e;
    et_pump(&p);
    EXPECT_TRUE(e->applied);
    d = detector_is_server ? p.s : p.c;
    o = detector_is_server ? p.c : p.s;
    EXPECT_FALSE(et_done(&p));
    EXPECT_EQ(tern_conn_error(d), err);
    EXPECT_EQ(tern_conn_last_alert(d, &sent), alert);
    EXPECT_EQ(sent, 1);
    EXPECT_EQ(tern_conn_error(o), TERN_ERR_ALERT_RECEIVED(alert));
    et_pair_free(&p);
}

static void test_ssl3_client_hello(void)
{
    edit e = {0, TERN_HS_CLIENT_HELLO, 0x0300, 0, 0, 0};
    run(&e, 1, TERN_ERR_PROTOCOL_VERSION, TERN_ALERT_PROTOCOL_VERSION);
    /* ... also in an SSL 3.0 record */
    e.applied = 0;
    e.rver = 0x0300;
    run(&e, 1, TERN_ERR_PROTOCOL_VERSION, TERN_ALERT_PROTOCOL_VERSION);
    /* a server whose configuration names SSL 3.0 as its minimum still
     * refuses it (RFC 7568 3) */
    e.applied = 0;
    e.rver = 0;
    server_min = 0x0300;
    run(&e, 1, TERN_ERR_PROTOCOL_VERSION, TERN_ALERT_PROTOCOL_VERSION);
    server_min = 0;
    /* an SSL 2-style version (major 2) */
    e.applied = 0;
    e.ver = 0x0002;
    e.rver = 0;
    run(&e, 1, TERN_ERR_PROTOCOL_VERSION, TERN_ALERT_PROTOCOL_VERSION);
}

static void test_ssl3_server_hello(void)
{
    edit e = {1, TERN_HS_SERVER_HELLO, 0x0300, 0, 0, 0};
    run(&e, 0, TERN_ERR_PROTOCOL_VERSION, TERN_ALERT_PROTOCOL_VERSION);
    /* TLS 1.0 / 1.1 from the server of a client that has only 1.2 */
    e.applied = 0;
    e.ver = TERN_TLS11;
    run(&e, 0, TERN_ERR_PROTOCOL_VERSION, TERN_ALERT_PROTOCOL_VERSION);
    e.applied = 0;
    e.ver = TERN_TLS10;
    run(&e, 0, TERN_ERR_PROTOCOL_VERSION, TERN_ALERT_PROTOCOL_VERSION);
}

/* A record with major version 2 after the hello. */
static void test_record_major(void)
{
    edit e = {1, TERN_HS_SERVER_HELLO, 0, 0x0203, 0, 0};
    run(&e, 0, TERN_ERR_PROTOCOL_VERSION, TERN_ALERT_PROTOCOL_VERSION);
}

/* RFC 7507 3: a client that fell back to TLS 1.1 says so; a server that
 * has TLS 1.2 refuses it. Without the SCSV the same hello is a plain
 * version refusal. */
static void test_fallback_scsv(void)
{
    edit e = {0, TERN_HS_CLIENT_HELLO, TERN_TLS11, 0, 1, 0};
    run(&e, 1, TERN_ERR_INAPPROPRIATE_FALLBACK, TERN_ALERT_INAPPROPRIATE_FALLBACK);
    e.applied = 0;
    e.scsv = 0;
    run(&e, 1, TERN_ERR_PROTOCOL_VERSION, TERN_ALERT_PROTOCOL_VERSION);
    /* the SCSV with TLS 1.2 itself is fine (nothing was given up) */
    {
        tern_config c, s;
        et_pair p;
        edit ok = {0, TERN_HS_CLIENT_HELLO, 0, 0, 1, 0};
        tern_config_init(&c);
        tern_config_init(&s);
        c.verify_mode = TERN_VERIFY_NONE;
        /* the client's transcript lacks the SCSV: with the extended
         * master secret the keys differ, and the client's Finished
         * record fails to open: not a version error */
        EXPECT_OK(tern_config_add_credential(&s, srv.chain, srv.lens, 2, &srv.key));
        EXPECT_OK(et_pair_init(&p, &c, &s));
        p.hook = hook;
        p.hook_user = &ok;
        et_pump(&p);
        EXPECT_TRUE(ok.applied);
        EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_BAD_RECORD_MAC);
        et_pair_free(&p);
    }
}

/* TLS 1.0 and 1.1 are compiled out: a configuration asking for them
 * cannot make a connection. */
static void test_config_versions(void)
{
    tern_config c;
    void *mem = et_alloc(64); /* 16-byte aligned: only the versions are wrong */
    tern_conn *conn;

    tern_config_init(&c);
    c.verify_mode = TERN_VERIFY_NONE;
#if !TERN_CONFIG_TLS10 && !TERN_CONFIG_TLS11
    c.max_version = TERN_TLS11;
    c.min_version = TERN_TLS10;
    EXPECT_ERR(TERN_ERR_BAD_CONFIG, tern_conn_init(&conn, mem, 64, &c, TERN_CLIENT));
#endif
    (void)conn;
    et_free(mem);
}

int main(void)
{
    et_cred_load(&srv, "server-p256");
    RUN_TEST(test_ssl3_client_hello);
    RUN_TEST(test_ssl3_server_hello);
    RUN_TEST(test_record_major);
    RUN_TEST(test_fallback_scsv);
    RUN_TEST(test_config_versions);
    et_cred_free(&srv);
    return TEST_REPORT();
}
