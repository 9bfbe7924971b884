/*
 * The ECDHE CBC suites in the engine (RFC 5246 6.2.3.2, RFC 8422 6,
 * RFC 5289 3.2) and encrypt_then_mac (RFC 7366): every suite handshakes
 * tern to tern and moves data both ways, with encrypt-then-MAC and with
 * MAC-then-encrypt; the extension is offered and answered only as RFC
 * 7366 3 allows. Then hostile records, forged with the client's own
 * write keys so that only the part under test is wrong: bad padding of
 * several kinds, a bad MAC, a fragment that is no whole number of
 * blocks, one too short for IV and MAC: all give bad_record_mac with the
 * same error. The largest padding a peer may send (256 bytes) is
 * accepted; records too long for the limits give record_overflow; a
 * record cut short by the end of the transport is a truncation.
 */
#include "common/endian_internal.h"
#include "engine/engine_internal.h"
#include "engine_test_util.h"
#include "record/cbc_internal.h"

static et_cred srv_p256, srv_rsa;

static const char *const cbc_suites[] = {
    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",      "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",   "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"};
#define N_CBC (sizeof(cbc_suites) / sizeof(cbc_suites[0]))

/* Client and server configurations for suite (a ':'-list for the
 * client), ETM switched off on either side as asked. */
static void configs(tern_config *c, tern_config *s, const char *csuites, const char *ssuites,
                    int c_etm_off, int s_etm_off)
{
    tern_config_init(c);
    tern_config_init(s);
    c->verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_set_suites(c, csuites));
    EXPECT_OK(tern_config_set_suites(s, ssuites));
    c->disable_etm = (uint8_t)c_etm_off;
    s->disable_etm = (uint8_t)s_etm_off;
    EXPECT_OK(tern_config_add_credential(s, srv_p256.chain, srv_p256.lens, 2, &srv_p256.key));
    EXPECT_OK(tern_config_add_credential(s, srv_rsa.chain, srv_rsa.lens, 2, &srv_rsa.key));
}

/* Handshake, check suite and ETM, exchange data. */
static int run_suite(const char *suite, int c_etm_off, int s_etm_off, size_t chunk)
{
    tern_config c, s;
    tern_conn_info ci, si;
    et_pair p;
    int ok, want_etm = !c_etm_off && !s_etm_off;

    configs(&c, &s, suite, suite, c_etm_off, s_etm_off);
    if (et_pair_init(&p, &c, &s) != TERN_OK) {
        return 0;
    }
    p.chunk = chunk;
    et_pump(&p);
    ok = et_done(&p) && tern_conn_get_info(p.c, &ci) == TERN_OK &&
         tern_conn_get_info(p.s, &si) == TERN_OK;
    ok = ok && ci.suite == tern_suite_by_name(suite) && si.suite == ci.suite &&
         ci.etm == want_etm && si.etm == want_etm && ci.version == TERN_TLS12;
    ok = ok && et_exchange(&p, 40000);
    if (!ok) {
        fprintf(stderr, "  %s etm off c%d s%d chunk %u: client %s, server %s\n", suite, c_etm_off,
                s_etm_off, (unsigned)chunk, tern_strerror(tern_conn_error(p.c)),
                tern_strerror(tern_conn_error(p.s)));
    }
    et_pair_free(&p);
    return ok;
}

static void test_every_suite_both_modes(void)
{
    size_t i, good = 0, n = 0;
    for (i = 0; i < N_CBC; i++) {
        good += (size_t)run_suite(cbc_suites[i], 0, 0, 0);
        good += (size_t)run_suite(cbc_suites[i], 1, 0, 0);
        good += (size_t)run_suite(cbc_suites[i], 0, 1, 0);
        n += 3;
    }
    printf("CBC suites x {ETM, client MtE, server MtE}: %u of %u\n", (unsigned)good, (unsigned)n);
    EXPECT_EQ_U(good, n);
}

/* Records and messages cut anywhere (the larger CBC overhead). */
static void test_tiny_pieces(void)
{
    EXPECT_TRUE(run_suite("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 0, 0, 1));
    EXPECT_TRUE(run_suite("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 1, 0, 7));
}

/* A default configuration prefers AEAD; CBC only when the peer has
 * nothing else; the server never answers encrypt_then_mac for an AEAD
 * suite (RFC 7366 3). */
static void test_preference_and_aead(void)
{
    tern_config c, s;
    tern_conn_info ci;
    et_pair p;

    tern_config_init(&c);
    tern_config_init(&s);
    c.verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_add_credential(&s, srv_p256.chain, srv_p256.lens, 2, &srv_p256.key));
    EXPECT_OK(et_pair_init(&p, &c, &s));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    EXPECT_OK(tern_conn_get_info(p.c, &ci));
    EXPECT_EQ(ci.suite, TERN_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    EXPECT_EQ(ci.etm, 0);
    et_pair_free(&p);

    /* the client offers AEAD and CBC, the server has CBC only */
    configs(&c, &s, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 0, 0);
    EXPECT_OK(et_pair_init(&p, &c, &s));
    et_pump(&p);
    EXPECT_TRUE(et_done(&p));
    EXPECT_OK(tern_conn_get_info(p.c, &ci));
    EXPECT_EQ(ci.suite, TERN_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA);
    EXPECT_EQ(ci.etm, 1);
    et_pair_free(&p);
}

/* ---- hooks on the hellos ------------------------------------------------------------- */

typedef struct hello_edit {
    int which; /* 1: ServerHello gains encrypt_then_mac; 2: ClientHello's ETM -> unknown */
    int applied;
} hello_edit;

/* Offset of the extensions block length of the hello at m, or 0. */
static size_t hello_ext_block(const uint8_t *rec, size_t m, int client)
{
    size_t off = m + 4 + 2 + 32;
    off += 1 + rec[off];
    if (client) {
        off += 2 + tern_load_be16(rec + off);
        off += 1 + rec[off];
    } else {
        off += 2 + 1;
    }
    return off;
}

static int hello_hook(void *user, int dir, uint8_t *rec, size_t *len)
{
    hello_edit *e = (hello_edit *)user;
    size_t blk, off, end;

    if (e->applied || rec[0] != TERN_CT_HANDSHAKE) {
        return 0;
    }
    if (e->which == 1 && dir == 1 && rec[5] == TERN_HS_SERVER_HELLO) {
        /* append an empty encrypt_then_mac (22) to the ServerHello */
        blk = hello_ext_block(rec, 5, 0);
        end = blk + 2 + tern_load_be16(rec + blk);
        memmove(rec + end + 4, rec + end, *len - end);
        tern_store_be16(rec + end, TERN_EXT_ENCRYPT_THEN_MAC);
        tern_store_be16(rec + end + 2, 0);
        *len += 4;
        tern_store_be16(rec + blk, (uint16_t)(tern_load_be16(rec + blk) + 4));
        tern_store_be24(rec + 6, tern_load_be24(rec + 6) + 4);
        tern_store_be16(rec + 3, (uint16_t)(*len - 5));
        e->applied = 1;
    }
    if (e->which == 2 && dir == 0 && rec[5] == TERN_HS_CLIENT_HELLO) {
        blk = hello_ext_block(rec, 5, 1);
        end = blk + 2 + tern_load_be16(rec + blk);
        for (off = blk + 2; off + 4 <= end; off += 4 + tern_load_be16(rec + off + 2)) {
            if (tern_load_be16(rec + off) == TERN_EXT_ENCRYPT_THEN_MAC) {
                tern_store_be16(rec + off, 0xfe22); /* an unknown type */
                e->applied = 1;
            }
        }
    }
    return 0;
}

static void run_hello_edit(const char *csuites, const char *ssuites, int which, int *cerr,
                           int *serr, int *alert)
{
    tern_config c, s;
    hello_edit e;
    et_pair p;
    int sent;

    configs(&c, &s, csuites, ssuites, 0, 0);
    e.which = which;
    e.applied = 0;
    EXPECT_OK(et_pair_init(&p, &c, &s));
    p.hook = hello_hook;
    p.hook_user = &e;
    et_pump(&p);
    EXPECT_TRUE(e.applied);
    *cerr = tern_conn_error(p.c);
    *serr = tern_conn_error(p.s);
    *alert = tern_conn_last_alert(p.c, &sent);
    et_pair_free(&p);
}

/* RFC 7366 3: encrypt_then_mac with an AEAD suite is refused by the
 * client (illegal_parameter); with a CBC suite the server's unasked
 * answer is caught (the client offered it, so the hellos then disagree
 * only in the transcript: the edit of case 2 makes the server not see
 * the offer and stay with MAC-then-encrypt, and the Finished check
 * fails instead of a record being misread). */
static void test_etm_rules(void)
{
    int cerr, serr, alert;

    run_hello_edit("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
                   "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 1, &cerr, &serr, &alert);
    EXPECT_EQ(cerr, TERN_ERR_ILLEGAL_PARAMETER);
    EXPECT_EQ(alert, TERN_ALERT_ILLEGAL_PARAMETER);
    EXPECT_EQ(serr, TERN_ERR_ALERT_RECEIVED(TERN_ALERT_ILLEGAL_PARAMETER));

    run_hello_edit("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
                   2, &cerr, &serr, &alert);
    EXPECT_NE(cerr, TERN_OK);
    EXPECT_NE(serr, TERN_OK);
}

/* A client with ETM off gets an unsolicited encrypt_then_mac. */
static void test_etm_unsolicited(void)
{
    tern_config c, s;
    hello_edit e;
    et_pair p;

    configs(&c, &s, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            1, 0);
    e.which = 1;
    e.applied = 0;
    EXPECT_OK(et_pair_init(&p, &c, &s));
    p.hook = hello_hook;
    p.hook_user = &e;
    et_pump(&p);
    EXPECT_TRUE(e.applied);
    EXPECT_EQ(tern_conn_error(p.c), TERN_ERR_UNSUPPORTED_EXTENSION);
    EXPECT_EQ(tern_conn_last_alert(p.c, NULL), TERN_ALERT_UNSUPPORTED_EXTENSION);
    et_pair_free(&p);
}

/* ---- forged records ------------------------------------------------------------------ */

/* How to spoil a forged record. */
enum {
    F_GOOD,         /* well formed */
    F_PAD_BYTE,     /* one padding byte differs from padding_length */
    F_PAD_LONG,     /* padding_length larger than the record allows */
    F_PAD_FIRST,    /* the first padding byte differs */
    F_MAC,          /* one MAC bit flipped */
    F_NOT_BLOCKS,   /* fragment one byte longer than a block multiple */
    F_TOO_SHORT,    /* fragment: IV and one block, no room for the MAC */
    F_GOOD_MAX_PAD, /* well formed with the most padding (256 bytes) */
    F_COUNT
};

/* Builds in rec an application-data record from a's write keys: plain
 * (n bytes), MAC, padding of pad_total bytes (length byte included),
 * spoiled as `how` says. Advances a's sequence number. Returns the
 * record length. */
static size_t forge(tern_conn *a, uint8_t *rec, const uint8_t *plain, size_t n, size_t pad_total,
                    int how)
{
    tern_cbc_state *st = tern_cbc_state_of(&a->out_prot);
    size_t bs = st->block_len, ml = st->mac_len, body, i;
    int etm = (st->flags & TERN_PROT_CBC_ETM) != 0;
    uint8_t *frag = rec + TERN_RECORD_HEADER_LEN, *p = frag + bs;
    uint8_t iv[16], hdr[TERN_CBC_MAC_HDR_LEN];
    tern_hmac_ctx m;

    for (i = 0; i < bs; i++) {
        frag[i] = (uint8_t)(0xa5 ^ i); /* any IV will do */
    }
    memcpy(iv, frag, bs);
    memcpy(p, plain, n);
    body = n;
    if (!etm) {
        tern_cbc_mac_hdr(hdr, a->out_seq, TERN_CT_APPLICATION_DATA, a->out_version, n);
        m = st->mac;
        tern_hmac_update(&m, hdr, sizeof(hdr));
        tern_hmac_update(&m, plain, n);
        tern_hmac_out(&m, p + body);
        if (how == F_MAC) {
            p[body + 3] ^= 0x10;
        }
        body += ml;
    }
    for (i = 0; i < pad_total; i++) {
        p[body + i] = (uint8_t)(pad_total - 1);
    }
    body += pad_total;
    if (how == F_PAD_BYTE) {
        p[body - 2] ^= 0x01;
    } else if (how == F_PAD_FIRST) {
        p[body - pad_total] ^= 0x40;
    } else if (how == F_PAD_LONG) {
        p[body - 1] = (uint8_t)(body > 255 ? 255 : body); /* beyond the record */
    }
    if (tern_cbc_encrypt(tern_cbc_cipher(st), iv, p, body) != TERN_OK) {
        return 0;
    }
    body += bs; /* the IV */
    if (etm) {
        tern_cbc_mac_hdr(hdr, a->out_seq, TERN_CT_APPLICATION_DATA, a->out_version, body);
        m = st->mac;
        tern_hmac_update(&m, hdr, sizeof(hdr));
        tern_hmac_update(&m, frag, body);
        tern_hmac_out(&m, frag + body);
        if (how == F_MAC) {
            frag[body + 3] ^= 0x10;
        }
        body += ml;
    }
    if (how == F_NOT_BLOCKS) {
        frag[body] = 0x42;
        body += 1;
    } else if (how == F_TOO_SHORT) {
        body = 2 * bs;
    }
    tern_rec_header_write(rec, TERN_CT_APPLICATION_DATA, a->out_version, body);
    a->out_seq++;
    return TERN_RECORD_HEADER_LEN + body;
}

/* A handshaken pair on suite. */
static int pair_up(et_pair *p, tern_config *c, tern_config *s, const char *suite, int etm_off,
                   size_t in_record_size)
{
    configs(c, s, suite, suite, etm_off, 0);
    s->in_record_size = in_record_size;
    if (et_pair_init(p, c, s) != TERN_OK) {
        return 0;
    }
    et_pump(p);
    return et_done(p);
}

/* Delivers rec to the server, returns what the server says. */
static int deliver(et_pair *p, const uint8_t *rec, size_t len)
{
    (void)et_feed(p->s, rec, len);
    et_pump(p);
    return tern_conn_error(p->s);
}

/* The padding total that makes n bytes of plaintext (plus the MAC in
 * MtE) whole blocks, plus `extra` blocks. */
static size_t pad_for(const tern_conn *a, size_t n, size_t extra)
{
    const tern_cbc_state *st = tern_cbc_state_of(&a->out_prot);
    size_t bs = st->block_len;
    size_t used = n + ((st->flags & TERN_PROT_CBC_ETM) != 0 ? 0 : st->mac_len);
    return bs - used % bs + extra * bs;
}

static void test_forged_records(void)
{
    static const uint8_t msg[] = "seven bytes and then some more";
    static uint8_t rec[20000];
    size_t si, how, n = sizeof(msg) - 1, good = 0, runs = 0;
    int etm;

    for (si = 0; si < N_CBC; si++) {
        for (etm = 0; etm < 2; etm++) {
            for (how = 0; how < F_COUNT; how++) {
                tern_config c, s;
                et_pair p;
                size_t len, pad, got;
                uint8_t *app;
                int rc, ok;

                runs++;
                if (!pair_up(&p, &c, &s, cbc_suites[si], !etm, 0)) {
                    fprintf(stderr, "  handshake failed: %s\n", cbc_suites[si]);
                    et_pair_free(&p);
                    continue;
                }
                pad = pad_for(p.c, n, how == F_PAD_LONG ? 1 : 0);
                if (how == F_GOOD_MAX_PAD) {
                    while (pad + tern_cbc_state_of(&p.c->out_prot)->block_len <= 256) {
                        pad += tern_cbc_state_of(&p.c->out_prot)->block_len;
                    }
                }
                len = forge(p.c, rec, msg, n, pad, (int)how);
                rc = deliver(&p, rec, len);
                if (how == F_GOOD || how == F_GOOD_MAX_PAD) {
                    app = tern_conn_recvapp_buf(p.s, &got);
                    ok = rc == TERN_OK && app != NULL && got == n && memcmp(app, msg, n) == 0;
                } else {
                    int sent = 0;
                    ok = rc == TERN_ERR_BAD_RECORD_MAC &&
                         tern_conn_last_alert(p.s, &sent) == TERN_ALERT_BAD_RECORD_MAC && sent &&
                         tern_conn_error(p.c) == TERN_ERR_ALERT_RECEIVED(TERN_ALERT_BAD_RECORD_MAC);
                }
                if (!ok) {
                    fprintf(stderr, "  forged %u etm %d %s: server %s\n", (unsigned)how, etm,
                            cbc_suites[si], tern_strerror(rc));
                }
                good += (size_t)ok;
                et_pair_free(&p);
            }
        }
    }
    printf("forged records (good, max padding, 6 kinds of bad): %u of %u\n", (unsigned)good,
           (unsigned)runs);
    EXPECT_EQ_U(good, runs);
}

/* RFC 5246 6.2.3: plaintext at most 2^14 (and our configured limit);
 * the header check allows the CBC expansion, no more. */
static void test_record_limits(void)
{
    static uint8_t big[16400], rec[20000];
    tern_config c, s;
    et_pair p;
    size_t len;
    int etm, sent;

    memset(big, 0x5a, sizeof(big));
    for (etm = 0; etm < 2; etm++) {
        /* 2^14 + 1 bytes of authentic plaintext */
        EXPECT_TRUE(pair_up(&p, &c, &s, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", !etm, 0));
        len = forge(p.c, rec, big, 16385, pad_for(p.c, 16385, 0), F_GOOD);
        EXPECT_EQ(deliver(&p, rec, len), TERN_ERR_RECORD_OVERFLOW);
        EXPECT_EQ(tern_conn_last_alert(p.s, &sent), TERN_ALERT_RECORD_OVERFLOW);
        et_pair_free(&p);

        /* exactly 2^14 is fine */
        EXPECT_TRUE(pair_up(&p, &c, &s, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", !etm, 0));
        len = forge(p.c, rec, big, 16384, pad_for(p.c, 16384, 0), F_GOOD);
        EXPECT_EQ(deliver(&p, rec, len), TERN_OK);
        et_pair_free(&p);

        /* a server taking 1024-byte records gets 1025 (and well padded
         * 1024 + 15 blocks of padding is fine) */
        EXPECT_TRUE(pair_up(&p, &c, &s, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", !etm, 1024));
        len = forge(p.c, rec, big, 1024, pad_for(p.c, 1024, 15), F_GOOD);
        EXPECT_EQ(deliver(&p, rec, len), TERN_OK);
        EXPECT_TRUE(tern_conn_recvapp_buf(p.s, &len) != NULL && len == 1024);
        tern_conn_recvapp_ack(p.s, len);
        len = forge(p.c, rec, big, 1025, pad_for(p.c, 1025, 0), F_GOOD);
        EXPECT_EQ(deliver(&p, rec, len), TERN_ERR_RECORD_OVERFLOW);
        et_pair_free(&p);
    }

    /* a header announcing more than 2^14 + IV + MAC + 256 */
    EXPECT_TRUE(pair_up(&p, &c, &s, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 0, 0));
    tern_rec_header_write(rec, TERN_CT_APPLICATION_DATA, TERN_TLS12, 16384 + 16 + 48 + 256 + 1);
    EXPECT_EQ(deliver(&p, rec, TERN_RECORD_HEADER_LEN), TERN_ERR_RECORD_OVERFLOW);
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), TERN_ALERT_RECORD_OVERFLOW);
    et_pair_free(&p);
    /* ... and exactly that much is read (then fails its MAC) */
    EXPECT_TRUE(pair_up(&p, &c, &s, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 0, 0));
    memset(rec, 0x33, sizeof(rec));
    tern_rec_header_write(rec, TERN_CT_APPLICATION_DATA, TERN_TLS12, 16384 + 16 + 48 + 256);
    EXPECT_EQ(deliver(&p, rec, TERN_RECORD_HEADER_LEN + 16384 + 16 + 48 + 256),
              TERN_ERR_BAD_RECORD_MAC);
    et_pair_free(&p);
}

/* A record cut short by the end of the transport. */
static void test_truncated(void)
{
    static const uint8_t msg[] = "cut";
    static uint8_t rec[512];
    tern_config c, s;
    et_pair p;
    size_t len;

    EXPECT_TRUE(pair_up(&p, &c, &s, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 0, 0));
    len = forge(p.c, rec, msg, 3, pad_for(p.c, 3, 0), F_GOOD);
    EXPECT_EQ(deliver(&p, rec, len - 7), TERN_OK); /* waiting for the rest */
    EXPECT_TRUE(tern_conn_recvapp_buf(p.s, &len) == NULL);
    tern_conn_transport_eof(p.s);
    EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_EOF);
    EXPECT_TRUE(tern_conn_recvapp_buf(p.s, &len) == NULL);
    et_pair_free(&p);
}

/* Resumption keeps negotiating ETM in its hellos. */
static void test_resumption(void)
{
    static tern_session slots[4];
    static uint64_t stamps[4];
    tern_config c, s;
    tern_session sess;
    tern_session_cache cache;
    tern_conn_info ci, si;
    et_pair p;
    int round;

    EXPECT_OK(tern_session_cache_init(&cache, slots, stamps, 4, NULL));
    for (round = 0; round < 2; round++) {
        configs(&c, &s, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                0, 0);
        c.client_tickets = 0;
        s.session_cache = &cache;
        EXPECT_OK(et_pair_init(&p, &c, &s));
        if (round == 1) {
            EXPECT_OK(tern_conn_set_session(p.c, &sess));
        }
        et_pump(&p);
        EXPECT_TRUE(et_done(&p));
        EXPECT_OK(tern_conn_get_info(p.c, &ci));
        EXPECT_OK(tern_conn_get_info(p.s, &si));
        EXPECT_EQ(ci.resumed, round);
        EXPECT_EQ(ci.etm, 1);
        EXPECT_EQ(si.etm, 1);
        EXPECT_TRUE(et_exchange(&p, 3000));
        if (round == 0) {
            EXPECT_OK(tern_conn_get_session(p.c, &sess));
        }
        et_pair_free(&p);
    }
    tern_session_cache_free(&cache);
}

int main(void)
{
    et_cred_load(&srv_p256, "server-p256");
    et_cred_load(&srv_rsa, "server-rsa2048");
    RUN_TEST(test_every_suite_both_modes);
    RUN_TEST(test_tiny_pieces);
    RUN_TEST(test_preference_and_aead);
    RUN_TEST(test_etm_rules);
    RUN_TEST(test_etm_unsolicited);
    RUN_TEST(test_forged_records);
    RUN_TEST(test_record_limits);
    RUN_TEST(test_truncated);
    RUN_TEST(test_resumption);
    et_cred_free(&srv_p256);
    et_cred_free(&srv_rsa);
    return TEST_REPORT();
}
