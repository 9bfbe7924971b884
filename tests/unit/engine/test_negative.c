/*
 * Negative tests: what a broken or hostile peer gets. Records tampered
 * with, messages truncated, dropped, reordered or repeated, an
 * unexpected ChangeCipherSpec, oversized records, a wrong Finished,
 * duplicate extensions, unknown extensions (ignored from a client,
 * refused from a server), a bad ServerKeyExchange signature, malformed,
 * missing and mistyped certificates, a missing ChangeCipherSpec, a
 * missing extended master secret, the fallback
 * signal, renegotiation attempts, empty-record floods, closes and EOFs.
 * Each case checks the error code and the alert that went out.
 *
 * The hooks edit plaintext handshake records in flight (before
 * ChangeCipherSpec); white-box cases reach into the connection
 * (engine_internal.h) to send what a tern peer never would.
 */
#include "common/endian_internal.h"
#include "engine/engine_internal.h"
#include "engine_test_util.h"

static et_cred srv;

/* ---- record surgery -------------------------------------------------------- */

/* Offset of the first handshake message of type t in a plaintext
 * handshake record, or 0. */
static size_t find_msg(const uint8_t *rec, size_t len, uint8_t t)
{
    size_t off = 5;
    if (len < 5 || rec[0] != 22) {
        return 0;
    }
    while (off + 4 <= len) {
        if (rec[off] == t) {
            return off;
        }
        off += 4 + tern_load_be24(rec + off + 1);
    }
    return 0;
}

/* Offset of the extensions block length of a hello at msg (ClientHello
 * when ch, else ServerHello). */
static size_t ext_block(const uint8_t *rec, size_t msg, int ch)
{
    size_t p = msg + 4 + 2 + 32;
    p += 1 + rec[p]; /* session_id */
    if (ch) {
        p += 2 + tern_load_be16(rec + p); /* suites */
        p += 1 + rec[p];                  /* compressions */
    } else {
        p += 3;
    }
    return p;
}

/* Offset of extension type t in the hello at msg, or 0. */
static size_t find_ext(const uint8_t *rec, size_t msg, int ch, uint16_t t)
{
    size_t b = ext_block(rec, msg, ch);
    size_t end = b + 2 + tern_load_be16(rec + b), p = b + 2;
    while (p + 4 <= end) {
        if (tern_load_be16(rec + p) == t) {
            return p;
        }
        p += 4 + tern_load_be16(rec + p + 2);
    }
    return 0;
}

/* Removes n bytes at off from the hello at msg, fixing the record,
 * message and extension-block lengths (when the cut is inside it). */
static void cut(uint8_t *rec, size_t *len, size_t msg, int ch, size_t off, size_t n)
{
    size_t b = ext_block(rec, msg, ch);
    memmove(rec + off, rec + off + n, *len - off - n);
    *len -= n;
    tern_store_be16(rec + 3, (uint16_t)(tern_load_be16(rec + 3) - n));
    tern_store_be24(rec + msg + 1, tern_load_be24(rec + msg + 1) - (uint32_t)n);
    if (off > b) {
        tern_store_be16(rec + b, (uint16_t)(tern_load_be16(rec + b) - n));
    }
}

/* ---- running a case ---------------------------------------------------------------- */

typedef struct result {
    int done;
    int cerr, serr;
    int calert, salert, calert_sent, salert_sent;
} result;

typedef struct edit {
    int dir;     /* which direction to edit */
    int which;   /* what to do */
    int applied; /* set when the edit happened */
} edit;

static void collect(et_pair *p, result *r)
{
    r->done = et_done(p);
    r->cerr = tern_conn_error(p->c);
    r->serr = tern_conn_error(p->s);
    r->calert = tern_conn_last_alert(p->c, &r->calert_sent);
    r->salert = tern_conn_last_alert(p->s, &r->salert_sent);
}

static void configs(tern_config *c, tern_config *s)
{
    tern_config_init(c);
    tern_config_init(s);
    c->verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_add_credential(s, srv.chain, srv.lens, 2, &srv.key));
}

static void run_with(const tern_config *c, const tern_config *s, et_hook hook, edit *e, result *r)
{
    et_pair p;
    EXPECT_OK(et_pair_init(&p, c, s));
    p.hook = hook;
    p.hook_user = e;
    et_pump(&p);
    collect(&p, r);
    et_pair_free(&p);
}

static void run(et_hook hook, edit *e, result *r)
{
    tern_config c, s;
    configs(&c, &s);
    run_with(&c, &s, hook, e, r);
}

/* One side detected err and sent alert; the other received it. */
static void expect_failure(const result *r, int detector_is_server, int err, int alert)
{
    EXPECT_FALSE(r->done);
    if (detector_is_server) {
        EXPECT_EQ(r->serr, err);
        EXPECT_EQ(r->salert, alert);
        EXPECT_EQ(r->salert_sent, 1);
        EXPECT_EQ(r->cerr, TERN_ERR_ALERT_RECEIVED(alert));
    } else {
        EXPECT_EQ(r->cerr, err);
        EXPECT_EQ(r->calert, alert);
        EXPECT_EQ(r->calert_sent, 1);
        EXPECT_EQ(r->serr, TERN_ERR_ALERT_RECEIVED(alert));
    }
}

/* ---- hooks ---------------------------------------------------------------------------- */

enum {
    E_FLIP_ENCRYPTED,     /* flip a bit in the first encrypted record */
    E_TRUNCATE_SH,        /* ServerHello one byte short */
    E_DROP_SKE,           /* remove ServerKeyExchange */
    E_SWAP_CERT_SKE,      /* Certificate and ServerKeyExchange swapped */
    E_CCS_FIRST,          /* a ChangeCipherSpec before the ServerHello */
    E_DUP_EXT_CH,         /* ec_point_formats renamed supported_groups */
    E_DUP_EXT_SH,         /* the same in the ServerHello */
    E_NO_EMS_CH,          /* extended_master_secret removed from ClientHello */
    E_NO_EMS_SH,          /* ... from ServerHello */
    E_FALLBACK,           /* TLS 1.1 ClientHello with TLS_FALLBACK_SCSV */
    E_OLD_VERSION,        /* TLS 1.1 ClientHello without it */
    E_RI_NONEMPTY,        /* non-empty renegotiation_info in ClientHello */
    E_NO_EMS_AND_SUITE,   /* EMS removed and an unused scheme changed */
    E_SH_UNOFFERED_SUITE, /* the server picks a suite the client did not offer */
    E_UNKNOWN_EXT_SH,     /* ec_point_formats renamed to an unknown type in ServerHello */
    E_BAD_SKE_SIG,        /* last byte of the ServerKeyExchange signature changed */
    E_CERT_MALFORMED,     /* the leaf's outer SEQUENCE tag changed */
    E_CERT_EMPTY,         /* an empty certificate_list from the server */
    E_CERT_RSA,           /* an RSA chain for an ECDHE_ECDSA suite */
    E_DROP_CCS            /* the ChangeCipherSpec record dropped */
};

static et_cred srv_rsa;

/* Replaces the message at m (whole, header included) by n bytes. */
static void replace_msg(uint8_t *rec, size_t *len, size_t m, const uint8_t *msg, size_t n)
{
    size_t old = 4 + tern_load_be24(rec + m + 1);
    memmove(rec + m + n, rec + m + old, *len - m - old);
    memcpy(rec + m, msg, n);
    *len = *len - old + n;
    tern_store_be16(rec + 3, (uint16_t)(*len - 5));
}

/* A Certificate message carrying cr's chain. */
static size_t cert_msg(const et_cred *cr, uint8_t *out)
{
    size_t off = 7, i;
    for (i = 0; i < 2; i++) {
        tern_store_be24(out + off, (uint32_t)cr->lens[i]);
        memcpy(out + off + 3, cr->chain[i], cr->lens[i]);
        off += 3 + cr->lens[i];
    }
    out[0] = 11;
    tern_store_be24(out + 1, (uint32_t)(off - 4));
    tern_store_be24(out + 4, (uint32_t)(off - 7));
    return off;
}

static int hook(void *user, int dir, uint8_t *rec, size_t *len)
{
    edit *e = (edit *)user;
    size_t m, x;

    if (dir != e->dir || e->applied || *len < 5) {
        return 0;
    }
    switch (e->which) {
    case E_FLIP_ENCRYPTED:
        /* the first record after ChangeCipherSpec (Finished) */
        if (rec[0] == 20) {
            e->which = -E_FLIP_ENCRYPTED - 1;
        }
        return 0;
    case -E_FLIP_ENCRYPTED - 1:
        rec[*len - 1] ^= 0x80;
        e->applied = 1;
        return 0;
    case E_TRUNCATE_SH:
        if ((m = find_msg(rec, *len, 2)) != 0) {
            size_t end = m + 4 + tern_load_be24(rec + m + 1);
            cut(rec, len, m, 0, end - 1, 1);
            /* the extension block length now overruns the message */
            tern_store_be16(rec + ext_block(rec, m, 0),
                            (uint16_t)(tern_load_be16(rec + ext_block(rec, m, 0)) + 1));
            e->applied = 1;
        }
        return 0;
    case E_DROP_SKE:
        if ((m = find_msg(rec, *len, 12)) != 0) {
            size_t n = 4 + tern_load_be24(rec + m + 1);
            memmove(rec + m, rec + m + n, *len - m - n);
            *len -= n;
            tern_store_be16(rec + 3, (uint16_t)(tern_load_be16(rec + 3) - n));
            e->applied = 1;
        }
        return 0;
    case E_SWAP_CERT_SKE:
        if ((m = find_msg(rec, *len, 11)) != 0 && (x = find_msg(rec, *len, 12)) != 0) {
            size_t n1 = x - m, n2 = 4 + tern_load_be24(rec + x + 1);
            uint8_t tmp[8192];
            memcpy(tmp, rec + m, n1);
            memmove(rec + m, rec + x, n2);
            memcpy(rec + m + n2, tmp, n1);
            e->applied = 1;
        }
        return 0;
    case E_CCS_FIRST:
        memmove(rec + 6, rec, *len);
        rec[0] = 20;
        rec[1] = 3;
        rec[2] = 3;
        rec[3] = 0;
        rec[4] = 1;
        rec[5] = 1;
        *len += 6;
        e->applied = 1;
        return 0;
    case E_DUP_EXT_CH:
    case E_DUP_EXT_SH:
        m = find_msg(rec, *len, e->which == E_DUP_EXT_CH ? 1 : 2);
        if (m != 0 && (x = find_ext(rec, m, e->which == E_DUP_EXT_CH, 0xff01)) != 0) {
            /* rename extended_master_secret as renegotiation_info */
            size_t y = find_ext(rec, m, e->which == E_DUP_EXT_CH, 23);
            if (y != 0) {
                tern_store_be16(rec + y, 0xff01);
                e->applied = 1;
            }
        }
        return 0;
    case E_NO_EMS_CH:
    case E_NO_EMS_SH:
    case E_NO_EMS_AND_SUITE:
        m = find_msg(rec, *len, e->which == E_NO_EMS_SH ? 2 : 1);
        if (m != 0 && (x = find_ext(rec, m, e->which != E_NO_EMS_SH, 23)) != 0) {
            cut(rec, len, m, e->which != E_NO_EMS_SH, x, 4);
            if (e->which == E_NO_EMS_AND_SUITE) {
                /* change the last offered signature scheme (the server
                 * picks the first that fits its key) */
                size_t y = find_ext(rec, m, 1, 13);
                size_t last = y + 4 + tern_load_be16(rec + y + 2) - 2;
                tern_store_be16(rec + last, 0x0777);
            }
            e->applied = 1;
        }
        return 0;
    case E_FALLBACK:
    case E_OLD_VERSION:
        if ((m = find_msg(rec, *len, 1)) != 0) {
            size_t s = m + 4 + 2 + 32;
            tern_store_be16(rec + m + 4, 0x0302);
            if (e->which == E_FALLBACK) {
                s += 1 + rec[s];
                s += 2 + tern_load_be16(rec + s) - 2;
                tern_store_be16(rec + s, 0x5600);
            }
            e->applied = 1;
        }
        return 0;
    case E_RI_NONEMPTY:
        /* ec_point_formats' body {1, 0} reads as a one-byte
         * renegotiated_connection; the real one is renamed away */
        if ((m = find_msg(rec, *len, 1)) != 0 && (x = find_ext(rec, m, 1, 0xff01)) != 0) {
            size_t y = find_ext(rec, m, 1, 11);
            tern_store_be16(rec + x, 0xfe01);
            tern_store_be16(rec + y, 0xff01);
            e->applied = 1;
        }
        return 0;
    case E_SH_UNOFFERED_SUITE:
        if ((m = find_msg(rec, *len, 2)) != 0) {
            size_t s = m + 4 + 2 + 32;
            s += 1 + rec[s];
            tern_store_be16(rec + s, 0x009c); /* TLS_RSA_WITH_AES_128_GCM_SHA256 */
            e->applied = 1;
        }
        return 0;
    case E_UNKNOWN_EXT_SH:
        if ((m = find_msg(rec, *len, 2)) != 0 && (x = find_ext(rec, m, 0, 11)) != 0) {
            tern_store_be16(rec + x, 0x7a7a);
            e->applied = 1;
        }
        return 0;
    case E_BAD_SKE_SIG:
        if ((m = find_msg(rec, *len, 12)) != 0) {
            rec[m + 4 + tern_load_be24(rec + m + 1) - 1] ^= 0x01;
            e->applied = 1;
        }
        return 0;
    case E_CERT_MALFORMED:
        if ((m = find_msg(rec, *len, 11)) != 0) {
            rec[m + 4 + 3 + 3] = 0x31; /* the leaf's first byte */
            e->applied = 1;
        }
        return 0;
    case E_CERT_EMPTY:
        if ((m = find_msg(rec, *len, 11)) != 0) {
            static const uint8_t empty[] = {11, 0, 0, 3, 0, 0, 0};
            replace_msg(rec, len, m, empty, sizeof(empty));
            e->applied = 1;
        }
        return 0;
    case E_CERT_RSA:
        if ((m = find_msg(rec, *len, 11)) != 0) {
            static uint8_t msg[8192];
            replace_msg(rec, len, m, msg, cert_msg(&srv_rsa, msg));
            e->applied = 1;
        }
        return 0;
    case E_DROP_CCS:
        if (rec[0] == 20) {
            e->applied = 1;
            return 1;
        }
        return 0;
    default:
        return 0;
    }
}

static void one(int dir, int which, result *r)
{
    edit e;
    e.dir = dir;
    e.which = which;
    e.applied = 0;
    run(hook, &e, r);
    EXPECT_TRUE(e.applied);
}

/* ---- cases ------------------------------------------------------------------------ */

static void test_tampered_record(void)
{
    result r;
    one(0, E_FLIP_ENCRYPTED, &r); /* client's Finished */
    expect_failure(&r, 1, TERN_ERR_BAD_RECORD_MAC, 20);
    one(1, E_FLIP_ENCRYPTED, &r); /* server's Finished */
    expect_failure(&r, 0, TERN_ERR_BAD_RECORD_MAC, 20);
}

static void test_truncated_and_reordered(void)
{
    result r;
    one(1, E_TRUNCATE_SH, &r);
    expect_failure(&r, 0, TERN_ERR_DECODE, 50);
    one(1, E_DROP_SKE, &r);
    expect_failure(&r, 0, TERN_ERR_UNEXPECTED_MESSAGE, 10);
    one(1, E_SWAP_CERT_SKE, &r);
    expect_failure(&r, 0, TERN_ERR_UNEXPECTED_MESSAGE, 10);
}

static void test_unexpected_ccs(void)
{
    result r;
    one(1, E_CCS_FIRST, &r);
    expect_failure(&r, 0, TERN_ERR_UNEXPECTED_MESSAGE, 10);
    one(0, E_CCS_FIRST, &r);
    expect_failure(&r, 1, TERN_ERR_UNEXPECTED_MESSAGE, 10);
}

static void test_duplicate_extensions(void)
{
    result r;
    one(0, E_DUP_EXT_CH, &r);
    expect_failure(&r, 1, TERN_ERR_DUPLICATE_EXTENSION, 47);
    one(1, E_DUP_EXT_SH, &r);
    expect_failure(&r, 0, TERN_ERR_DUPLICATE_EXTENSION, 47);
}

/* RFC 7627 5.2: required by default, on both sides. */
static void test_missing_ems(void)
{
    result r;
    one(0, E_NO_EMS_CH, &r);
    expect_failure(&r, 1, TERN_ERR_MISSING_EXTENSION, 40);
    one(1, E_NO_EMS_SH, &r);
    expect_failure(&r, 0, TERN_ERR_MISSING_EXTENSION, 40);
}

/* A transcript that differs while the keys agree (no extended master
 * secret, an unused signature scheme changed in flight): the Finished
 * check fails. */
static void test_wrong_finished(void)
{
    tern_config c, s;
    edit e;
    result r;

    configs(&c, &s);
    c.require_ems = 0;
    s.require_ems = 0;
    e.dir = 0;
    e.which = E_NO_EMS_AND_SUITE;
    e.applied = 0;
    run_with(&c, &s, hook, &e, &r);
    EXPECT_TRUE(e.applied);
    expect_failure(&r, 1, TERN_ERR_BAD_FINISHED, 51);
}

/* RFC 7507: TLS_FALLBACK_SCSV below our best version. */
static void test_fallback_scsv(void)
{
    result r;
    one(0, E_FALLBACK, &r);
    expect_failure(&r, 1, TERN_ERR_INAPPROPRIATE_FALLBACK, 86);
    one(0, E_OLD_VERSION, &r);
    expect_failure(&r, 1, TERN_ERR_PROTOCOL_VERSION, 70);
}

static void test_initial_renegotiation_info(void)
{
    result r;
    one(0, E_RI_NONEMPTY, &r);
    expect_failure(&r, 1, TERN_ERR_HANDSHAKE_FAILURE, 40);
}

static void test_unoffered_suite(void)
{
    result r;
    one(1, E_SH_UNOFFERED_SUITE, &r);
    expect_failure(&r, 0, TERN_ERR_ILLEGAL_PARAMETER, 47);
}

/* RFC 5246 7.4.1.4: a client aborts on an extension it did not offer. */
static void test_unknown_extension_from_server(void)
{
    result r;
    one(1, E_UNKNOWN_EXT_SH, &r);
    expect_failure(&r, 0, TERN_ERR_UNSUPPORTED_EXTENSION, 110);
}

/* ... while a server ignores unknown extensions in a ClientHello: the
 * client's real hello with one extension renamed to a GREASE-style value
 * (RFC 8701) still gets a ServerHello. */
static void test_unknown_extension_ignored_by_server(void)
{
    tern_config c, s;
    et_pair p;
    uint8_t rec[2048], *out;
    size_t len, m, x, n;

    configs(&c, &s);
    EXPECT_OK(et_pair_init(&p, &c, &s));
    out = tern_conn_sendrec_buf(p.c, &len);
    EXPECT_TRUE(out != NULL && len <= sizeof(rec));
    memcpy(rec, out, len);
    m = find_msg(rec, len, 1);
    x = find_ext(rec, m, 1, 11);
    EXPECT_TRUE(m != 0 && x != 0);
    tern_store_be16(rec + x, 0x0a0a);
    EXPECT_EQ_U(et_feed(p.s, rec, len), len);
    EXPECT_OK(tern_conn_error(p.s));
    out = tern_conn_sendrec_buf(p.s, &n);
    EXPECT_TRUE(out != NULL && n > 9 && out[0] == 22 && out[5] == 2);
    et_pair_free(&p);
}

/* The server's signature over its ECDHE share does not verify. */
static void test_bad_server_signature(void)
{
    result r;
    one(1, E_BAD_SKE_SIG, &r);
    expect_failure(&r, 0, TERN_ERR_DECRYPT, 51);
}

/* Certificate messages a client must refuse (even when it trusts all):
 * a leaf that does not parse, none at all, a key of the wrong type for
 * the suite. The chain checks themselves are in test_certs. */
static void test_bad_certificates(void)
{
    result r;
    one(1, E_CERT_MALFORMED, &r);
    expect_failure(&r, 0, TERN_ERR_CERT_PARSE, 42);
    one(1, E_CERT_EMPTY, &r);
    expect_failure(&r, 0, TERN_ERR_CERT_REQUIRED, 40);
    one(1, E_CERT_RSA, &r);
    expect_failure(&r, 0, TERN_ERR_CERT_TYPE, 43);
}

/* A Finished without the ChangeCipherSpec before it (RFC 5246 7.1). */
static void test_missing_ccs(void)
{
    tern_config c, s;
    edit e;
    result r;

    configs(&c, &s);
    EXPECT_OK(tern_config_set_suites(&c, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
    e.dir = 0;
    e.which = E_DROP_CCS;
    e.applied = 0;
    run_with(&c, &s, hook, &e, &r);
    EXPECT_TRUE(e.applied);
    expect_failure(&r, 1, TERN_ERR_UNEXPECTED_MESSAGE, 10);
    e.dir = 1;
    e.applied = 0;
    run_with(&c, &s, hook, &e, &r);
    EXPECT_TRUE(e.applied);
    expect_failure(&r, 0, TERN_ERR_UNEXPECTED_MESSAGE, 10);
}

/* ---- white-box cases on an established pair ------------------------------------------- */

static int established(et_pair *p)
{
    tern_config *c = (tern_config *)malloc(sizeof(*c));
    tern_config *s = (tern_config *)malloc(sizeof(*s));
    configs(c, s);
    EXPECT_OK(et_pair_init(p, c, s));
    et_pump(p);
    return et_done(p);
}

static void release(et_pair *p)
{
    const tern_config *c = p->c->cfg, *s = p->s->cfg;
    et_pair_free(p);
    free((void *)c);
    free((void *)s);
}

/* Sends raw plaintext of a content type from conn a, sealed with a's
 * keys, as one record. */
static void inject(tern_conn *a, uint8_t type, const uint8_t *data, size_t len)
{
    size_t used;
    EXPECT_OK(tern_out_seal(a));
    EXPECT_FALSE(tern_out_busy(a));
    EXPECT_OK(tern_out_append(a, type, data, len, &used));
    EXPECT_EQ_U(used, len);
    EXPECT_OK(tern_out_seal(a));
}

/* RFC 5746 4: a ClientHello after the handshake gets a no_renegotiation
 * warning and changes nothing on the server. */
static void test_renegotiation_refused_by_server(void)
{
    et_pair p;
    static const uint8_t fake_ch[] = {1, 0, 0, 2, 3, 3};
    int sent;

    EXPECT_TRUE(established(&p));
    inject(p.c, 22, fake_ch, sizeof(fake_ch));
    et_pump(&p);
    EXPECT_OK(tern_conn_error(p.s));
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), 100);
    EXPECT_EQ(sent, 1);
    /* a tern client never asks, so the refusal is unexpected: fatal */
    EXPECT_EQ(tern_conn_error(p.c), TERN_ERR_ALERT_RECEIVED(100));
    release(&p);

    /* a hello larger than the handshake buffer, over three records: its
     * body is skipped, not buffered, and the answer is the same */
    EXPECT_TRUE(established(&p));
    {
        static uint8_t big[4 + 40000];
        size_t off = 0;
        memset(big, 0, sizeof(big));
        big[0] = 1;
        tern_store_be24(big + 1, 40000);
        while (off < sizeof(big)) {
            size_t n = sizeof(big) - off > 16000 ? 16000 : sizeof(big) - off;
            inject(p.c, 22, big + off, n);
            /* to the server only: the client would take the warning
             * as fatal and stop sealing */
            while (et_move(&p, p.c, p.s, 0) > 0) {
            }
            off += n;
            EXPECT_OK(tern_conn_error(p.s));
        }
    }
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), 100);
    EXPECT_OK(tern_conn_error(p.s));
    release(&p);
}

/* A client that may not renegotiate (the default) answers HelloRequest
 * with a no_renegotiation warning (RFC 5246 7.4.1.1, RFC 5746 4.2); the
 * connection goes on. A flood of them is cut off. (The server is marked
 * as having sent them: a no_renegotiation it did not ask for is fatal.) */
static void test_hello_request_ignored(void)
{
    et_pair p;
    static const uint8_t hr[] = {0, 0, 0, 0};
    static const uint8_t bad_hr[] = {0, 0, 0, 1, 0};
    int i, sent;

    EXPECT_TRUE(established(&p));
    inject(p.s, 22, hr, sizeof(hr));
    p.s->rn.hr_sent = 1;
    et_pump(&p);
    EXPECT_OK(tern_conn_error(p.c));
    EXPECT_OK(tern_conn_error(p.s));
    EXPECT_EQ(tern_conn_last_alert(p.c, &sent), 100);
    EXPECT_EQ(sent, 1);
    EXPECT_TRUE(et_exchange(&p, 3000));
    for (i = 0; i < 40 && tern_conn_error(p.c) == TERN_OK; i++) {
        inject(p.s, 22, hr, sizeof(hr));
        p.s->rn.hr_sent = 1;
        et_pump(&p);
    }
    EXPECT_EQ(tern_conn_error(p.c), TERN_ERR_TOO_MANY_EMPTY_RECORDS);
    release(&p);
    /* a HelloRequest with a body is malformed */
    EXPECT_TRUE(established(&p));
    inject(p.s, 22, bad_hr, sizeof(bad_hr));
    et_pump(&p);
    EXPECT_EQ(tern_conn_error(p.c), TERN_ERR_DECODE);
    release(&p);
    /* a server never accepts one */
    EXPECT_TRUE(established(&p));
    inject(p.c, 22, hr, sizeof(hr));
    et_pump(&p);
    EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_UNEXPECTED_MESSAGE);
    release(&p);
}

/* Empty application data records: a few are fine, a long run is not;
 * an empty handshake or alert record never is. */
static void test_empty_records(void)
{
    et_pair p;
    uint8_t rec[64];
    size_t len, i;
    int sent;

    EXPECT_TRUE(established(&p));
    for (i = 0; i < 32; i++) {
        EXPECT_OK(tern_rec_seal(&p.c->out_prot, &p.c->out_seq, 23, 0x0303, rec, 0, &len));
        EXPECT_EQ_U(et_feed(p.s, rec, len), len);
    }
    EXPECT_OK(tern_conn_error(p.s));
    EXPECT_TRUE(et_exchange(&p, 10)); /* data resets the count */
    for (i = 0; i < 33; i++) {
        EXPECT_OK(tern_rec_seal(&p.c->out_prot, &p.c->out_seq, 23, 0x0303, rec, 0, &len));
        (void)et_feed(p.s, rec, len);
    }
    EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_TOO_MANY_EMPTY_RECORDS);
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), 10);
    release(&p);

    EXPECT_TRUE(established(&p));
    EXPECT_OK(tern_rec_seal(&p.c->out_prot, &p.c->out_seq, 22, 0x0303, rec, 0, &len));
    (void)et_feed(p.s, rec, len);
    EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_DECODE);
    release(&p);
}

/* Alerts: one per record, level 1 or 2; a fatal one ends the
 * connection without an answer; warnings are ignored. */
static void test_alerts_received(void)
{
    et_pair p;
    static const uint8_t fatal[] = {2, 40}, warning[] = {1, 90}, bad_level[] = {3, 0},
                         two[] = {1, 90, 1, 90};
    size_t n;
    int sent;

    EXPECT_TRUE(established(&p));
    inject(p.c, 21, warning, 2);
    et_pump(&p);
    EXPECT_OK(tern_conn_error(p.s));
    EXPECT_TRUE(et_exchange(&p, 100));
    inject(p.c, 21, fatal, 2);
    et_pump(&p);
    EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_ALERT_RECEIVED(40));
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), 40);
    EXPECT_EQ(sent, 0);
    EXPECT_TRUE(tern_conn_sendrec_buf(p.s, &n) == NULL); /* no answer */
    EXPECT_TRUE(tern_conn_status(p.s) & TERN_ST_CLOSED);
    release(&p);

    EXPECT_TRUE(established(&p));
    inject(p.c, 21, bad_level, 2);
    et_pump(&p);
    EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_ILLEGAL_PARAMETER);
    release(&p);
    EXPECT_TRUE(established(&p));
    inject(p.c, 21, two, 4);
    et_pump(&p);
    EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_DECODE);
    release(&p);
}

/* Sticky errors: after a failure every call reports the same error and
 * nothing but the alert moves. */
static void test_sticky_error(void)
{
    et_pair p;
    static const uint8_t garbage[] = {23, 3, 3, 0, 30};
    uint8_t junk[30];
    size_t n;

    EXPECT_TRUE(established(&p));
    memset(junk, 0x5a, sizeof(junk));
    EXPECT_EQ_U(et_feed(p.s, garbage, 5), 5);
    EXPECT_EQ_U(et_feed(p.s, junk, 30), 30);
    EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_BAD_RECORD_MAC);
    EXPECT_TRUE(tern_conn_recvrec_buf(p.s, &n) == NULL);
    EXPECT_TRUE(tern_conn_sendapp_buf(p.s, &n) == NULL);
    EXPECT_TRUE(tern_conn_recvapp_buf(p.s, &n) == NULL);
    EXPECT_EQ(tern_conn_state(p.s), TERN_CONN_CLOSED);
    EXPECT_TRUE(tern_conn_sendrec_buf(p.s, &n) != NULL); /* the alert */
    tern_conn_sendrec_ack(p.s, n);
    EXPECT_TRUE(tern_conn_sendrec_buf(p.s, &n) == NULL);
    tern_conn_close_notify(p.s);
    EXPECT_TRUE(tern_conn_sendrec_buf(p.s, &n) == NULL);
    EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_BAD_RECORD_MAC);
    release(&p);
}

/* Records that break the framing rules. */
static void test_bad_headers(void)
{
    static const struct {
        uint8_t hdr[5];
        int err;
        int alert;
    } cases[] = {
        {{24, 3, 3, 0, 1}, TERN_ERR_UNEXPECTED_MESSAGE, 10}, /* heartbeat: not ours */
        {{22, 2, 0, 0, 1}, TERN_ERR_PROTOCOL_VERSION, 70},
        {{23, 3, 1, 0, 20}, TERN_ERR_PROTOCOL_VERSION, 70},     /* after the handshake */
        {{23, 3, 3, 0x40, 0x19}, TERN_ERR_RECORD_OVERFLOW, 22}, /* 2^14 + 25 */
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        et_pair p;
        int sent;
        EXPECT_TRUE(established(&p));
        (void)et_feed(p.s, cases[i].hdr, 5);
        EXPECT_EQ(tern_conn_error(p.s), cases[i].err);
        EXPECT_EQ(tern_conn_last_alert(p.s, &sent), cases[i].alert);
        release(&p);
    }
}

/* Application data before the handshake is done. */
static void test_early_application_data(void)
{
    tern_config c, s;
    et_pair p;
    static const uint8_t rec[] = {23, 3, 3, 0, 2, 'h', 'i'};
    int sent;

    configs(&c, &s);
    EXPECT_OK(et_pair_init(&p, &c, &s));
    (void)et_feed(p.s, rec, sizeof(rec));
    EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_UNEXPECTED_MESSAGE);
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), 10);
    et_pair_free(&p);
}

/* close_notify both ways; EOF without it is a possible truncation. */
static void test_close(void)
{
    et_pair p;
    size_t n;
    int sent;

    EXPECT_TRUE(established(&p));
    tern_conn_close_notify(p.c);
    EXPECT_FALSE(tern_conn_status(p.c) & TERN_ST_SENDAPP);
    et_pump(&p);
    /* the server saw it and answered; both are closed cleanly */
    EXPECT_EQ(tern_conn_error(p.s), TERN_ERR_CLOSED);
    EXPECT_EQ(tern_conn_error(p.c), TERN_ERR_CLOSED);
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), 0);
    EXPECT_TRUE(tern_conn_status(p.c) & TERN_ST_CLOSED);
    EXPECT_TRUE(tern_conn_status(p.s) & TERN_ST_CLOSED);
    EXPECT_TRUE(tern_conn_sendapp_buf(p.s, &n) == NULL);
    tern_conn_transport_eof(p.c); /* after close_notify: still clean */
    EXPECT_EQ(tern_conn_error(p.c), TERN_ERR_CLOSED);
    release(&p);

    EXPECT_TRUE(established(&p));
    tern_conn_transport_eof(p.c);
    EXPECT_EQ(tern_conn_error(p.c), TERN_ERR_EOF);
    EXPECT_TRUE(tern_conn_sendrec_buf(p.c, &n) == NULL); /* no alert on a dead transport */
    release(&p);
}

int main(void)
{
    et_cred_load(&srv, "server-p256");
    et_cred_load(&srv_rsa, "server-rsa2048");
    RUN_TEST(test_tampered_record);
    RUN_TEST(test_truncated_and_reordered);
    RUN_TEST(test_unexpected_ccs);
    RUN_TEST(test_duplicate_extensions);
    RUN_TEST(test_missing_ems);
    RUN_TEST(test_wrong_finished);
    RUN_TEST(test_fallback_scsv);
    RUN_TEST(test_initial_renegotiation_info);
    RUN_TEST(test_unoffered_suite);
    RUN_TEST(test_unknown_extension_from_server);
    RUN_TEST(test_unknown_extension_ignored_by_server);
    RUN_TEST(test_bad_server_signature);
    RUN_TEST(test_bad_certificates);
    RUN_TEST(test_missing_ccs);
    RUN_TEST(test_renegotiation_refused_by_server);
    RUN_TEST(test_hello_request_ignored);
    RUN_TEST(test_empty_records);
    RUN_TEST(test_alerts_received);
    RUN_TEST(test_sticky_error);
    RUN_TEST(test_bad_headers);
    RUN_TEST(test_early_application_data);
    RUN_TEST(test_close);
    return TEST_REPORT();
}
