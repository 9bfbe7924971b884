/*
 * The convenience layer over send/recv callbacks (tern_handshake,
 * tern_read, tern_write, tern_flush, tern_pending, tern_close) over
 * in-memory pipes that block when full or empty: WANT_READ / WANT_WRITE,
 * partial writes kept pending, close_notify, EOF, transport errors.
 */
#include "engine/engine_internal.h"
#include "engine_test_util.h"

typedef struct pipe_buf {
    uint8_t data[4096];
    size_t len;
    size_t cap; /* simulated capacity (<= sizeof data) */
    int eof;    /* writer closed */
    int broken; /* transport error */
} pipe_buf;

typedef struct end {
    pipe_buf *in, *out;
} end;

static int pipe_send(void *io, const uint8_t *buf, size_t len)
{
    end *e = (end *)io;
    size_t room = e->out->cap - e->out->len;
    if (e->out->broken) {
        return TERN_ERR_TRANSPORT;
    }
    if (room == 0) {
        return TERN_ERR_WANT_WRITE;
    }
    if (len > room) {
        len = room;
    }
    memcpy(e->out->data + e->out->len, buf, len);
    e->out->len += len;
    return (int)len;
}

static int pipe_recv(void *io, uint8_t *buf, size_t len)
{
    end *e = (end *)io;
    if (e->in->len == 0) {
        return e->in->eof ? 0 : TERN_ERR_WANT_READ;
    }
    if (len > e->in->len) {
        len = e->in->len;
    }
    memcpy(buf, e->in->data, len);
    memmove(e->in->data, e->in->data + len, e->in->len - len);
    e->in->len -= len;
    return (int)len;
}

static et_cred srv;
static int shared_mode; /* both ends use shared_record_buffer */
static pipe_buf c2s, s2c;
static end cend, send_;

static void setup(et_pair *p, size_t cap)
{
    tern_config *c = (tern_config *)malloc(sizeof(*c)), *s = (tern_config *)malloc(sizeof(*s));
    tern_config_init(c);
    tern_config_init(s);
    c->verify_mode = TERN_VERIFY_NONE;
    c->shared_record_buffer = s->shared_record_buffer = (uint8_t)shared_mode;
    EXPECT_OK(tern_config_add_credential(s, srv.chain, srv.lens, 2, &srv.key));
    memset(&c2s, 0, sizeof(c2s));
    memset(&s2c, 0, sizeof(s2c));
    c2s.cap = s2c.cap = cap;
    cend.in = &s2c;
    cend.out = &c2s;
    send_.in = &c2s;
    send_.out = &s2c;
    EXPECT_OK(et_pair_init(p, c, s));
    tern_conn_set_io(p->c, pipe_send, pipe_recv, &cend);
    tern_conn_set_io(p->s, pipe_send, pipe_recv, &send_);
}

static void teardown(et_pair *p)
{
    const tern_config *c = p->c->cfg, *s = p->s->cfg;
    et_pair_free(p);
    free((void *)c);
    free((void *)s);
}

/* Alternates the two handshakes until both are done. */
static int handshake_both(et_pair *p)
{
    int rc_c = TERN_ERR_WANT_READ, rc_s = TERN_ERR_WANT_READ, i;
    for (i = 0; i < 100000 && (rc_c != TERN_OK || rc_s != TERN_OK); i++) {
        if (rc_c != TERN_OK) {
            rc_c = tern_handshake(p->c);
            if (rc_c != TERN_OK && !TERN_ERR_IS_WANT_IO(rc_c)) {
                return rc_c;
            }
        }
        if (rc_s != TERN_OK) {
            rc_s = tern_handshake(p->s);
            if (rc_s != TERN_OK && !TERN_ERR_IS_WANT_IO(rc_s)) {
                return rc_s;
            }
        }
    }
    return rc_c == TERN_OK && rc_s == TERN_OK ? TERN_OK : TERN_ERR_TIMEOUT;
}

static void test_handshake_and_data(void)
{
    et_pair p;
    uint8_t buf[100];
    int n;

    setup(&p, 4096);
    /* before anything arrives the server wants to read */
    EXPECT_ERR(TERN_ERR_WANT_READ, tern_handshake(p.s));
    EXPECT_OK(handshake_both(&p));
    EXPECT_OK(tern_handshake(p.c)); /* done stays done */
    EXPECT_EQ(tern_write(p.c, (const uint8_t *)"ping", 4), 4);
    EXPECT_EQ(tern_read(p.s, buf, sizeof(buf)), 4);
    EXPECT_MEM_EQ(buf, "ping", 4);
    EXPECT_ERR(TERN_ERR_WANT_READ, tern_read(p.s, buf, sizeof(buf)));
    EXPECT_EQ(tern_write(p.s, (const uint8_t *)"pong!", 5), 5);
    /* a short read leaves the rest for the next one */
    EXPECT_EQ(tern_read(p.c, buf, 2), 2);
    EXPECT_EQ(tern_read(p.c, buf + 2, 10), 3);
    EXPECT_MEM_EQ(buf, "pong!", 5);
    EXPECT_EQ(tern_write(p.c, buf, 0), 0);
    /* orderly close: the reader sees TERN_ERR_CLOSED, and answers */
    EXPECT_OK(tern_close(p.c));
    EXPECT_ERR(TERN_ERR_CLOSED, tern_write(p.c, buf, 1)); /* nothing after it */
    n = tern_read(p.s, buf, sizeof(buf));
    EXPECT_EQ(n, TERN_ERR_CLOSED);
    EXPECT_EQ(tern_read(p.s, buf, sizeof(buf)), TERN_ERR_CLOSED);
    EXPECT_ERR(TERN_ERR_CLOSED, tern_write(p.s, buf, 1));
    EXPECT_EQ(tern_read(p.c, buf, sizeof(buf)), TERN_ERR_CLOSED);
    EXPECT_EQ(tern_conn_error(p.c), TERN_ERR_CLOSED);
    teardown(&p);
}

/* A transport that takes 100 bytes at a time: writes are sealed into
 * records at once, what the transport refuses stays pending. */
static void test_partial_writes(void)
{
    et_pair p;
    static uint8_t big[30000], got[30000];
    size_t sent = 0, recvd = 0, i;
    int rounds = 0;

    for (i = 0; i < sizeof(big); i++) {
        big[i] = (uint8_t)(i * 13);
    }
    setup(&p, 4096);
    EXPECT_OK(handshake_both(&p));
    c2s.cap = 100;
    while (recvd < sizeof(big) && rounds++ < 100000) {
        int n;
        if (sent < sizeof(big)) {
            n = tern_write(p.c, big + sent, sizeof(big) - sent);
            if (n > 0) {
                sent += (size_t)n;
                EXPECT_TRUE(tern_pending(p.c) > 0 || c2s.len <= c2s.cap);
            } else {
                EXPECT_EQ(n, TERN_ERR_WANT_WRITE);
                EXPECT_TRUE(tern_pending(p.c) > 0);
            }
        } else if (tern_pending(p.c) > 0) {
            n = tern_flush(p.c);
            EXPECT_TRUE(n == TERN_OK || n == TERN_ERR_WANT_WRITE);
        }
        /* the reader drains the pipe */
        n = tern_read(p.s, got + recvd, sizeof(got) - recvd);
        if (n > 0) {
            recvd += (size_t)n;
        } else {
            EXPECT_EQ(n, TERN_ERR_WANT_READ);
        }
    }
    EXPECT_EQ_U(recvd, sizeof(big));
    EXPECT_MEM_EQ(got, big, sizeof(big));
    EXPECT_EQ_U(tern_pending(p.c), 0);
    EXPECT_OK(tern_flush(p.c));
    teardown(&p);
}

/* The handshake through a transport that takes one byte at a time. */
static void test_one_byte_transport(void)
{
    et_pair p;
    setup(&p, 1);
    EXPECT_OK(handshake_both(&p));
    teardown(&p);
}

static void test_eof_and_transport_errors(void)
{
    et_pair p;
    uint8_t buf[16];

    /* EOF without close_notify: possible truncation */
    setup(&p, 4096);
    EXPECT_OK(handshake_both(&p));
    s2c.eof = 1;
    EXPECT_ERR(TERN_ERR_EOF, tern_read(p.c, buf, sizeof(buf)));
    EXPECT_ERR(TERN_ERR_EOF, tern_write(p.c, buf, 1));
    EXPECT_ERR(TERN_ERR_EOF, tern_handshake(p.c));
    teardown(&p);

    /* EOF in the middle of the handshake */
    setup(&p, 4096);
    EXPECT_ERR(TERN_ERR_WANT_READ, tern_handshake(p.c));
    s2c.eof = 1;
    EXPECT_ERR(TERN_ERR_EOF, tern_handshake(p.c));
    teardown(&p);

    /* the transport fails: its error, sticky */
    setup(&p, 4096);
    EXPECT_OK(handshake_both(&p));
    c2s.broken = 1;
    EXPECT_ERR(TERN_ERR_TRANSPORT, tern_write(p.c, buf, 1));
    EXPECT_ERR(TERN_ERR_TRANSPORT, tern_read(p.c, buf, 1));
    EXPECT_ERR(TERN_ERR_TRANSPORT, tern_conn_error(p.c));
    teardown(&p);

    /* without callbacks */
    setup(&p, 4096);
    tern_conn_set_io(p.c, NULL, NULL, NULL);
    EXPECT_ERR(TERN_ERR_BAD_STATE, tern_handshake(p.c));
    teardown(&p);
}

/* A failed handshake through the callbacks: the alert goes out, both
 * sides report. */
static void test_failed_handshake(void)
{
    et_pair p;
    tern_config *sc;
    int rc;

    setup(&p, 4096);
    sc = (tern_config *)p.s->cfg;
    /* no group in common: handshake_failure */
    EXPECT_OK(tern_config_set_groups(sc, "x25519"));
    EXPECT_OK(tern_config_set_groups((tern_config *)p.c->cfg, "secp384r1"));
    rc = handshake_both(&p);
    EXPECT_TRUE(rc == TERN_ERR_HANDSHAKE_FAILURE || rc == TERN_ERR_ALERT_RECEIVED(40));
    rc = tern_flush(p.s); /* the alert may or may not be out yet */
    (void)rc;
    EXPECT_ERR(TERN_ERR_HANDSHAKE_FAILURE, tern_handshake(p.s));
    EXPECT_ERR(TERN_ERR_ALERT_RECEIVED(40), tern_handshake(p.c));
    teardown(&p);
}

/* The same through half-duplex connections; tern_write waits
 * (TERN_ERR_WANT_READ) while received data holds the shared buffer. */
static void test_shared_buffer(void)
{
    et_pair p;
    uint8_t buf[16];

    shared_mode = 1;
    test_handshake_and_data();
    test_partial_writes();
    test_one_byte_transport();
    setup(&p, 4096);
    EXPECT_OK(handshake_both(&p));
    EXPECT_EQ(tern_write(p.c, (const uint8_t *)"ping", 4), 4);
    EXPECT_EQ(tern_read(p.s, buf, 2), 2);
    EXPECT_ERR(TERN_ERR_WANT_READ, tern_write(p.s, (const uint8_t *)"pong", 4));
    EXPECT_EQ(tern_read(p.s, buf + 2, 2), 2);
    EXPECT_MEM_EQ(buf, "ping", 4);
    EXPECT_EQ(tern_write(p.s, (const uint8_t *)"pong", 4), 4);
    EXPECT_EQ(tern_read(p.c, buf, sizeof(buf)), 4);
    EXPECT_MEM_EQ(buf, "pong", 4);
    teardown(&p);
    shared_mode = 0;
}

int main(void)
{
    et_cred_load(&srv, "server-p256");
    RUN_TEST(test_handshake_and_data);
    RUN_TEST(test_partial_writes);
    RUN_TEST(test_one_byte_transport);
    RUN_TEST(test_eof_and_transport_errors);
    RUN_TEST(test_failed_handshake);
    RUN_TEST(test_shared_buffer);
    return TEST_REPORT();
}
