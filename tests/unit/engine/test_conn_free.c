/*
 * tern_conn_free: what it wipes and what it leaves.
 *
 * The connection memory is filled with a known pattern before
 * tern_conn_init (the caller's old bytes). tern_conn_init zeroes only the
 * state (struct and AEAD contexts) and tern_conn_free wipes the state,
 * hs_buf, the kept chain and the record buffers up to their high-water
 * marks. Checked after free:
 *  - the master secret and the application data (a distinctive text,
 *    both ways, and one record left unsealed in out_buf) occur nowhere in
 *    either connection's memory;
 *  - the struct, the AEAD contexts and hs_buf are all zero; the record
 *    buffers are zero up to their marks, and beyond them still hold the
 *    caller's pattern (the part no record reached was never touched,
 *    which is what makes freeing cheap);
 *  - the same with a shared record buffer, and after a failed init.
 */
#include "engine/engine_internal.h"
#include "engine_test_util.h"
#include "tern/util.h"

#define FILL 0xa5u

static et_cred srv;

static const char secret_text[] = "attack at dawn: the plaintext that must not survive";

static int contains(const uint8_t *mem, size_t len, const uint8_t *needle, size_t n)
{
    size_t i;
    for (i = 0; i + n <= len; i++) {
        if (memcmp(mem + i, needle, n) == 0) {
            return 1;
        }
    }
    return 0;
}

static int all(const uint8_t *p, size_t len, uint8_t v)
{
    size_t i;
    for (i = 0; i < len; i++) {
        if (p[i] != v) {
            return 0;
        }
    }
    return 1;
}

/* Where each area sits, taken before tern_conn_free. */
typedef struct areas {
    uint8_t *mem;
    size_t size;
    size_t state; /* struct + AEAD contexts: everything before in_buf */
    size_t in_off, in_hw, in_cap;
    size_t out_off, out_hw, out_cap;
    size_t hs_off, hs_cap;
    int shared;
} areas;

static void take(areas *a, tern_conn *c, void *mem, size_t size)
{
    a->mem = (uint8_t *)mem;
    a->size = size;
    a->state = (size_t)(c->in_buf - a->mem);
    a->in_off = a->state;
    a->in_hw = c->in_hw;
    a->in_cap = c->in_cap;
    a->out_off = (size_t)(c->out_buf - a->mem);
    a->out_hw = c->out_hw;
    a->out_cap = c->out_cap;
    a->hs_off = (size_t)(c->hs_buf - a->mem);
    a->hs_cap = c->hs_cap;
    a->shared = c->shared;
}

static void check_wiped(const areas *a)
{
    size_t in_hw = a->in_hw;
    if (a->shared && a->out_hw > in_hw) {
        in_hw = a->out_hw;
    }
    EXPECT_TRUE(in_hw > 0 && in_hw < a->in_cap);
    EXPECT_TRUE(all(a->mem, a->state, 0));
    EXPECT_TRUE(all(a->mem + a->in_off, in_hw, 0));
    EXPECT_TRUE(all(a->mem + a->in_off + in_hw, a->in_cap - in_hw, FILL));
    if (!a->shared) {
        EXPECT_TRUE(a->out_hw > 0 && a->out_hw < a->out_cap);
        EXPECT_TRUE(all(a->mem + a->out_off, a->out_hw, 0));
        EXPECT_TRUE(all(a->mem + a->out_off + a->out_hw, a->out_cap - a->out_hw, FILL));
    }
    EXPECT_TRUE(all(a->mem + a->hs_off, a->hs_cap, 0));
    EXPECT_FALSE(contains(a->mem, a->size, (const uint8_t *)secret_text, sizeof(secret_text) - 1));
}

static void send_text(tern_conn *a, const char *text, int flush)
{
    size_t n;
    uint8_t *q = tern_conn_sendapp_buf(a, &n);
    EXPECT_TRUE(q != NULL && n >= strlen(text));
    if (q != NULL && n >= strlen(text)) {
        memcpy(q, text, strlen(text));
        tern_conn_sendapp_ack(a, strlen(text));
        if (flush) {
            tern_conn_flush_app(a);
        }
    }
}

static void receive_text(et_pair *p, tern_conn *b, const char *text)
{
    size_t n;
    uint8_t *q;
    et_pump(p);
    q = tern_conn_recvapp_buf(b, &n);
    EXPECT_TRUE(q != NULL && n == strlen(text) && memcmp(q, text, n) == 0);
    if (q != NULL) {
        tern_conn_recvapp_ack(b, n);
    }
}

static void run(int shared)
{
    tern_config c, s;
    tern_hmac_drbg_ctx drbg;
    tern_ticket_keys tk;
    et_pair p;
    tern_session sess;
    areas ac, as;
    size_t cn, sn;

    tern_config_init(&c);
    tern_config_init(&s);
    c.verify_mode = TERN_VERIFY_NONE;
    c.shared_record_buffer = s.shared_record_buffer = (uint8_t)shared;
    EXPECT_OK(tern_config_add_credential(&s, srv.chain, srv.lens, 2, &srv.key));
    EXPECT_OK(tern_hmac_drbg_init(&drbg, &tern_sha256_class, NULL, NULL, 0));
    EXPECT_OK(tern_ticket_keys_init(&tk, &drbg.vtable, NULL));
    s.ticket_keys = &tk; /* the client keeps a session: its master secret */
    cn = tern_conn_size(&c);
    sn = tern_conn_size(&s);

    memset(&p, 0, sizeof(p));
    p.cmem = et_alloc(cn);
    p.smem = et_alloc(sn);
    memset(p.cmem, FILL, cn);
    memset(p.smem, FILL, sn);
    EXPECT_OK(tern_conn_init(&p.c, p.cmem, cn, &c, TERN_CLIENT));
    EXPECT_OK(tern_conn_init(&p.s, p.smem, sn, &s, TERN_SERVER));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));

    /* the text both ways, then once more client -> server left unsealed
     * in the client's out_buf (shared: the client holds nothing to read) */
    send_text(p.c, secret_text, 1);
    receive_text(&p, p.s, secret_text);
    send_text(p.s, secret_text, 1);
    receive_text(&p, p.c, secret_text);
    send_text(p.c, secret_text, 0);

    EXPECT_OK(tern_conn_get_session(p.c, &sess));
    EXPECT_TRUE(contains((const uint8_t *)p.cmem, cn, sess.master_secret, 48));
    EXPECT_TRUE(contains((const uint8_t *)p.cmem, cn, (const uint8_t *)secret_text,
                         sizeof(secret_text) - 1));

    take(&ac, p.c, p.cmem, cn);
    take(&as, p.s, p.smem, sn);
    tern_conn_free(p.c);
    tern_conn_free(p.s);
    check_wiped(&ac);
    check_wiped(&as);
    EXPECT_FALSE(contains((const uint8_t *)p.cmem, cn, sess.master_secret, 48));
    EXPECT_FALSE(contains((const uint8_t *)p.smem, sn, sess.master_secret, 48));
    tern_wipe(&sess, sizeof(sess));
    tern_ticket_keys_free(&tk);
    tern_hmac_drbg_wipe(&drbg);
    et_free(p.cmem);
    et_free(p.smem);
}

static void test_full_duplex(void)
{
    run(0);
}

static void test_shared_buffer(void)
{
    run(1);
}

/* A failing entropy source: init fails closed and leaves no state. */
static int no_entropy(void *user, uint8_t *buf, size_t len)
{
    (void)user;
    (void)buf;
    (void)len;
    return -1;
}

static void test_failed_init(void)
{
    tern_config c;
    tern_platform pf;
    tern_conn *conn = (tern_conn *)1;
    size_t n;
    uint8_t *mem;

    tern_config_init(&c);
    c.verify_mode = TERN_VERIFY_NONE;
    pf = *c.platform;
    pf.entropy = no_entropy;
    c.platform = &pf;
    n = tern_conn_size(&c);
    mem = (uint8_t *)et_alloc(n);
    memset(mem, FILL, n);
    EXPECT_ERR(TERN_ERR_ENTROPY, tern_conn_init(&conn, mem, n, &c, TERN_CLIENT));
    EXPECT_TRUE(conn == NULL);
    EXPECT_TRUE(all(mem, sizeof(tern_conn), 0));
    et_free(mem);
}

int main(void)
{
    et_cred_load(&srv, "server-p256");
    RUN_TEST(test_full_duplex);
    RUN_TEST(test_shared_buffer);
    RUN_TEST(test_failed_init);
    et_cred_free(&srv);
    return TEST_REPORT();
}
