/*
 * Small memory: record_size_limit (RFC 8449) and max_fragment_length
 * (RFC 6066 4) so that a peer sends records that fit a few KB of
 * buffers; every record on the wire is checked against the limit; small
 * handshake buffers; memory per connection (tern_conn_size) reported.
 */
#include "common/endian_internal.h"
#include "engine_test_util.h"

static et_cred srv;

/* Records larger than the limit in either direction are counted. */
typedef struct watch {
    size_t limit[2]; /* plaintext limit per direction, 0 = unchecked */
    size_t records[2];
    size_t too_big[2];
    size_t largest[2];
} watch;

static int watch_hook(void *user, int dir, uint8_t *buf, size_t *len)
{
    watch *w = (watch *)user;
    size_t frag;
    if (*len < 5) {
        return 0;
    }
    frag = tern_load_be16(buf + 3);
    w->records[dir]++;
    if (frag > w->largest[dir]) {
        w->largest[dir] = frag;
    }
    /* plaintext + at most 24 bytes of AEAD expansion */
    if (w->limit[dir] != 0 && frag > w->limit[dir] + 24) {
        w->too_big[dir]++;
    }
    return 0;
}

static int run(const tern_config *ccfg, const tern_config *scfg, watch *w, size_t data)
{
    et_pair p;
    int ok;
    EXPECT_OK(et_pair_init(&p, ccfg, scfg));
    p.hook = watch_hook;
    p.hook_user = w;
    et_pump(&p);
    ok = et_done(&p) && et_exchange(&p, data);
    if (!ok) {
        fprintf(stderr, "  failed: client %s, server %s\n", tern_strerror(tern_conn_error(p.c)),
                tern_strerror(tern_conn_error(p.s)));
    }
    et_pair_free(&p);
    return ok;
}

static void small_client(tern_config *c, size_t rec)
{
    tern_config_init(c);
    c->verify_mode = TERN_VERIFY_NONE;
    c->in_record_size = rec;
    c->out_record_size = rec;
    c->hs_buffer_size = 2048;
    c->keep_peer_chain = 0;
}

static void test_record_size_limit_512(void)
{
    tern_config ccfg, scfg;
    watch w;

    small_client(&ccfg, 512);
    ccfg.record_size_limit = 512;
    tern_config_init(&scfg);
    EXPECT_OK(tern_config_add_credential(&scfg, srv.chain, srv.lens, 2, &srv.key));
    memset(&w, 0, sizeof(w));
    w.limit[0] = 512;
    w.limit[1] = 512;
    EXPECT_TRUE(run(&ccfg, &scfg, &w, 40000));
    EXPECT_EQ_U(w.too_big[0], 0);
    EXPECT_EQ_U(w.too_big[1], 0);
    EXPECT_TRUE(w.records[1] > 80); /* 40000 bytes in <= 512-byte records */
}

static void test_max_fragment_length_512(void)
{
    tern_config ccfg, scfg;
    watch w;

    small_client(&ccfg, 512);
    ccfg.max_fragment_length = 1; /* 2^9 */
    tern_config_init(&scfg);
    EXPECT_OK(tern_config_add_credential(&scfg, srv.chain, srv.lens, 2, &srv.key));
    memset(&w, 0, sizeof(w));
    w.limit[0] = 512;
    w.limit[1] = 512;
    EXPECT_TRUE(run(&ccfg, &scfg, &w, 40000));
    EXPECT_EQ_U(w.too_big[0], 0);
    EXPECT_EQ_U(w.too_big[1], 0);
}

/* Both extensions offered: the server uses record_size_limit and
 * ignores max_fragment_length (RFC 8449 5). */
static void test_both_offered(void)
{
    tern_config ccfg, scfg;
    watch w;

    small_client(&ccfg, 1024);
    ccfg.max_fragment_length = 1;
    ccfg.record_size_limit = 1024;
    tern_config_init(&scfg);
    EXPECT_OK(tern_config_add_credential(&scfg, srv.chain, srv.lens, 2, &srv.key));
    memset(&w, 0, sizeof(w));
    w.limit[1] = 1024;
    EXPECT_TRUE(run(&ccfg, &scfg, &w, 20000));
    EXPECT_EQ_U(w.too_big[1], 0);
    /* the limit is reached (AEAD expansion 16..24 bytes) */
    EXPECT_TRUE(w.largest[1] >= 1024 + 16 && w.largest[1] <= 1024 + 24);
}

/* Small on both sides. */
static void test_both_small(void)
{
    tern_config ccfg, scfg;
    watch w;

    small_client(&ccfg, 512);
    ccfg.record_size_limit = 512;
    tern_config_init(&scfg);
    scfg.in_record_size = 512;
    scfg.out_record_size = 512;
    scfg.record_size_limit = 512;
    scfg.hs_buffer_size = 2048;
    EXPECT_OK(tern_config_add_credential(&scfg, srv.chain, srv.lens, 2, &srv.key));
    memset(&w, 0, sizeof(w));
    w.limit[0] = 512;
    w.limit[1] = 512;
    EXPECT_TRUE(run(&ccfg, &scfg, &w, 10000));
    EXPECT_EQ_U(w.too_big[0], 0);
    EXPECT_EQ_U(w.too_big[1], 0);
}

/* A reassembly buffer too small for the server's Certificate message:
 * the client fails cleanly (internal_error: our limit, not the peer's
 * fault) and the server hears the alert. */
static void test_hs_buffer_too_small(void)
{
    tern_config ccfg, scfg;
    et_pair p;
    int sent;

    small_client(&ccfg, 512);
    ccfg.max_fragment_length = 1;
    ccfg.hs_buffer_size = 256;
    tern_config_init(&scfg);
    EXPECT_OK(tern_config_add_credential(&scfg, srv.chain, srv.lens, 2, &srv.key));
    EXPECT_OK(et_pair_init(&p, &ccfg, &scfg));
    et_pump(&p);
    EXPECT_FALSE(et_done(&p));
    EXPECT_EQ(tern_conn_error(p.c), TERN_ERR_BUFFER_TOO_SMALL);
    EXPECT_EQ(tern_conn_last_alert(p.c, &sent), 80);
    EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_ALERT_RECEIVED(80));
    et_pair_free(&p);
}

/* A peer that ignores our limit: a record over our buffer is
 * record_overflow, before any of it is read. (A tern server honours the
 * limit a small client advertises, so the record is forged.) */
static void test_oversized_record_rejected(void)
{
    tern_config ccfg;
    void *mem;
    tern_conn *c;
    size_t n;
    int sent;
    static const uint8_t hdr[5] = {22, 3, 3, 0x02, 0x01}; /* 513 bytes */
    uint8_t *p;

    small_client(&ccfg, 512);
    mem = et_alloc(tern_conn_size(&ccfg));
    EXPECT_OK(tern_conn_init(&c, mem, tern_conn_size(&ccfg), &ccfg, TERN_CLIENT));
    p = tern_conn_sendrec_buf(c, &n); /* the ClientHello */
    EXPECT_TRUE(p != NULL);
    tern_conn_sendrec_ack(c, n);
    p = tern_conn_recvrec_buf(c, &n);
    EXPECT_TRUE(p != NULL && n == 5);
    memcpy(p, hdr, 5);
    tern_conn_recvrec_ack(c, 5);
    EXPECT_EQ(tern_conn_error(c), TERN_ERR_RECORD_OVERFLOW);
    EXPECT_EQ(tern_conn_last_alert(c, &sent), 22);
    EXPECT_EQ(sent, 1);
    EXPECT_TRUE(tern_conn_status(c) & TERN_ST_CLOSED);
    EXPECT_TRUE(tern_conn_sendrec_buf(c, &n) != NULL && n == 7); /* the alert */
    tern_conn_free(c);
    et_free(mem);
}

static void test_memory_report(void)
{
    tern_config def, kib;
    size_t a, b;

    tern_config_init(&def);
    small_client(&kib, 1024);
    kib.record_size_limit = 1024;
    a = tern_conn_size(&def);
    b = tern_conn_size(&kib);
    printf("memory per connection: default config %u bytes, 1 KiB record limit %u bytes "
           "(in/out records 1024, hs_buffer 2048, no kept chain)\n",
           (unsigned)a, (unsigned)b);
    EXPECT_TRUE(b < a);
    EXPECT_TRUE(b < 16384);
}

int main(void)
{
    et_cred_load(&srv, "server-p256");
    RUN_TEST(test_record_size_limit_512);
    RUN_TEST(test_max_fragment_length_512);
    RUN_TEST(test_both_offered);
    RUN_TEST(test_both_small);
    RUN_TEST(test_hs_buffer_too_small);
    RUN_TEST(test_oversized_record_rejected);
    RUN_TEST(test_memory_report);
    return TEST_REPORT();
}
