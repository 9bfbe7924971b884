/*
 * Handshake message parsers: the Botan TLS message vectors (the .vec
 * files of shared/vectors/botan/tls/) where the format is TLS 1.2's, then
 * negative tests of our own (truncation at every byte, trailing data,
 * oversized length fields) for every parser.
 */
#include <stdlib.h>
#include <string.h>

#include "common/endian_internal.h"
#include "handshake/handshake_internal.h"
#include "tern_test.h"
#include "tv.h"

/* ---- Botan vectors --------------------------------------------------------- */

/* Parses a hex field ("" is zero bytes); returns malloc'd bytes. */
static uint8_t *hexfield(const tv_fields *f, const char *key, size_t *len)
{
    const char *v = tv_fields_get(f, key);
    uint8_t *out = NULL;
    if (v == NULL || tv_hex(v, &out, len) != 0) {
        *len = 0;
        return NULL;
    }
    return out;
}

static int cmp16(const void *a, const void *b)
{
    return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

/* The sorted list of extension types of a parsed block (Botan's
 * AdditionalData), with FF01 added when the renegotiation SCSV is in
 * the suite list (Botan turns the SCSV into the extension). */
static size_t ext_types(const tern_exts *x, int scsv, uint16_t *out, size_t cap)
{
    tern_reader r;
    size_t n = 0;
    int have_ri = 0;
    tern_reader_init(&r, x->raw, x->raw_len);
    while (tern_reader_left(&r) > 0 && n < cap) {
        uint16_t t;
        tern_reader body;
        if (tern_read_u16(&r, &t) != TERN_OK || tern_read_vec16(&r, &body) != TERN_OK) {
            break;
        }
        have_ri |= t == TERN_EXT_RENEGOTIATION_INFO;
        out[n++] = t;
    }
    if (scsv && !have_ri && n < cap) {
        out[n++] = TERN_EXT_RENEGOTIATION_INFO;
    }
    qsort(out, n, sizeof(out[0]), cmp16);
    return n;
}

static int ext_types_match(const tern_exts *x, int scsv, const uint8_t *want, size_t want_len)
{
    uint16_t got[64];
    size_t n = ext_types(x, scsv, got, 64), i;
    if (n * 2 != want_len) {
        return 0;
    }
    for (i = 0; i < n; i++) {
        if (got[i] != tern_load_be16(want + 2 * i)) {
            return 0;
        }
    }
    return 1;
}

/* Parses every known extension body with its own parser. */
static int parse_known_exts(const tern_exts *x)
{
    tern_reader list;
    const uint8_t *p;
    size_t n;
    uint8_t code;
    uint16_t limit;
    int unc;
#define BODY(s) x->body[s], x->len[s]
    if (TERN_EXT_SEEN(x, TERN_X_SERVER_NAME) &&
        tern_ext_server_name_parse(BODY(TERN_X_SERVER_NAME), &p, &n) != TERN_OK) {
        return -1;
    }
    if (TERN_EXT_SEEN(x, TERN_X_MAX_FRAGMENT_LENGTH) &&
        tern_ext_max_fragment_length_parse(BODY(TERN_X_MAX_FRAGMENT_LENGTH), &code) != TERN_OK) {
        return -1;
    }
    if (TERN_EXT_SEEN(x, TERN_X_ENCRYPT_THEN_MAC) &&
        tern_ext_empty_parse(BODY(TERN_X_ENCRYPT_THEN_MAC)) != TERN_OK) {
        return -1;
    }
    if (TERN_EXT_SEEN(x, TERN_X_SUPPORTED_GROUPS) &&
        tern_ext_supported_groups_parse(BODY(TERN_X_SUPPORTED_GROUPS), &list) != TERN_OK) {
        return -1;
    }
    if (TERN_EXT_SEEN(x, TERN_X_EC_POINT_FORMATS) &&
        tern_ext_ec_point_formats_parse(BODY(TERN_X_EC_POINT_FORMATS), &unc) != TERN_OK) {
        return -1;
    }
    if (TERN_EXT_SEEN(x, TERN_X_SIGNATURE_ALGORITHMS) &&
        tern_ext_signature_algorithms_parse(BODY(TERN_X_SIGNATURE_ALGORITHMS), &list) != TERN_OK) {
        return -1;
    }
    if (TERN_EXT_SEEN(x, TERN_X_ALPN) && tern_ext_alpn_parse(BODY(TERN_X_ALPN), &list) != TERN_OK) {
        return -1;
    }
    if (TERN_EXT_SEEN(x, TERN_X_EXTENDED_MASTER_SECRET) &&
        tern_ext_empty_parse(BODY(TERN_X_EXTENDED_MASTER_SECRET)) != TERN_OK) {
        return -1;
    }
    if (TERN_EXT_SEEN(x, TERN_X_RECORD_SIZE_LIMIT) &&
        tern_ext_record_size_limit_parse(BODY(TERN_X_RECORD_SIZE_LIMIT), &limit) != TERN_OK) {
        return -1;
    }
    if (TERN_EXT_SEEN(x, TERN_X_RENEGOTIATION_INFO) &&
        tern_ext_renegotiation_info_parse(BODY(TERN_X_RENEGOTIATION_INFO), &p, &n) != TERN_OK) {
        return -1;
    }
#undef BODY
    return 0;
}

static int list_has_scsv(const uint8_t *suites, size_t len)
{
    size_t i;
    for (i = 0; i + 1 < len; i += 2) {
        if (tern_load_be16(suites + i) == TERN_SCSV_RENEGOTIATION) {
            return 1;
        }
    }
    return 0;
}

typedef void (*vec_fn)(tv_counts *c, const tv_fields *f, int line);

/* Runs fn for every block of a Botan .vec file (a block ends at its
 * Exception field). */
static void run_vec(const char *file, vec_fn fn, int all_skipped)
{
    tv_kv kv;
    tv_fields f;
    tv_counts c;
    tv_kv_event ev;

    memset(&f, 0, sizeof(f));
    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vector file");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev == TV_KV_SECTION) {
            tv_fields_clear(&f);
        } else if (ev == TV_KV_FIELD) {
            tv_fields_set(&f, kv.key, kv.value);
            if (strcmp(kv.key, "Exception") == 0) {
                fn(&c, &f, kv.line);
            }
        }
    }
    tv_kv_close(&kv);
    tv_fields_clear(&f);
    /* tv_counts_print fails a file where no case ran; for a format we
     * skip as a whole that is expected (the skips are printed). */
    if (tv_counts_print(&c) != 0 && !(all_skipped && c.failed == 0 && c.skipped > 0)) {
        TEST_FAIL(file);
    }
}

static int expect_failure(const tv_fields *f)
{
    const char *e = tv_fields_get(f, "Exception");
    return e != NULL && e[0] != '\0';
}

static void id_of(char *id, size_t cap, int line)
{
    snprintf(id, cap, "line %d", line);
}

static void client_hello_vec(tv_counts *c, const tv_fields *f, int line)
{
    size_t len, want_len, proto_len;
    uint8_t *buf = hexfield(f, "Buffer", &len);
    uint8_t *want = hexfield(f, "AdditionalData", &want_len);
    uint8_t *proto = hexfield(f, "Protocol", &proto_len);
    tern_client_hello ch;
    char id[32];
    int rc;

    id_of(id, sizeof(id), line);
    rc = tern_tls12_client_hello_parse(buf, len, &ch);
    if (rc == TERN_OK) {
        rc = parse_known_exts(&ch.ext);
    }
    if (expect_failure(f)) {
        tv_check(c, rc != TERN_OK, id, "malformed ClientHello accepted");
    } else if (rc != TERN_OK) {
        tv_fail(c, id, "valid ClientHello rejected");
    } else {
        int ok = proto_len == 2 && ch.client_version == tern_load_be16(proto);
        ok =
            ok && ext_types_match(&ch.ext, list_has_scsv(ch.suites, ch.suites_len), want, want_len);
        tv_check(c, ok, id, "ClientHello fields differ");
    }
    free(buf);
    free(want);
    free(proto);
}

static void server_hello_vec(tv_counts *c, const tv_fields *f, int line)
{
    size_t len, want_len, proto_len, suite_len;
    uint8_t *buf = hexfield(f, "Buffer", &len);
    uint8_t *want = hexfield(f, "AdditionalData", &want_len);
    uint8_t *proto = hexfield(f, "Protocol", &proto_len);
    uint8_t *suite = hexfield(f, "Ciphersuite", &suite_len);
    tern_server_hello sh;
    char id[32];
    int rc;

    id_of(id, sizeof(id), line);
    rc = tern_tls12_server_hello_parse(buf, len, &sh);
    if (rc == TERN_OK) {
        rc = parse_known_exts(&sh.ext);
    }
    if (expect_failure(f)) {
        tv_check(c, rc != TERN_OK, id, "malformed ServerHello accepted");
    } else if (rc != TERN_OK) {
        tv_fail(c, id, "valid ServerHello rejected");
    } else {
        int ok = proto_len == 2 && sh.server_version == tern_load_be16(proto) && suite_len == 2 &&
                 sh.suite == tern_load_be16(suite) && ext_types_match(&sh.ext, 0, want, want_len);
        tv_check(c, ok, id, "ServerHello fields differ");
    }
    free(buf);
    free(want);
    free(proto);
    free(suite);
}

static void cert_verify_vec(tv_counts *c, const tv_fields *f, int line)
{
    size_t len, sig_len;
    uint8_t *buf = hexfield(f, "Buffer", &len);
    const uint8_t *sig;
    uint16_t scheme;
    char id[32];
    int rc;

    id_of(id, sizeof(id), line);
    rc = tern_tls12_certificate_verify_parse(buf, len, &scheme, &sig, &sig_len);
    if (expect_failure(f)) {
        tv_check(c, rc != TERN_OK, id, "malformed CertificateVerify accepted");
    } else {
        tv_check(c, rc == TERN_OK && scheme == tern_load_be16(buf) && sig_len == len - 4, id,
                 "valid CertificateVerify rejected");
    }
    free(buf);
}

static void hello_request_vec(tv_counts *c, const tv_fields *f, int line)
{
    size_t len;
    uint8_t *buf = hexfield(f, "Buffer", &len);
    char id[32];
    int rc;

    id_of(id, sizeof(id), line);
    rc = tern_tls12_hello_request_parse(buf, len);
    tv_check(c, expect_failure(f) ? rc != TERN_OK : rc == TERN_OK, id, "HelloRequest");
    free(buf);
}

static void nst_vec(tv_counts *c, const tv_fields *f, int line)
{
    size_t len, tlen;
    uint8_t *buf = hexfield(f, "Buffer", &len);
    const uint8_t *ticket;
    uint32_t lifetime;
    char id[32];
    int rc;

    id_of(id, sizeof(id), line);
    rc = tern_tls12_new_session_ticket_parse(buf, len, &lifetime, &ticket, &tlen);
    if (expect_failure(f)) {
        tv_check(c, rc != TERN_OK, id, "malformed NewSessionTicket accepted");
    } else {
        tv_check(c, rc == TERN_OK && lifetime == tern_load_be32(buf) && tlen == len - 6, id,
                 "valid NewSessionTicket rejected");
    }
    free(buf);
}

static void alert_vec(tv_counts *c, const tv_fields *f, int line)
{
    size_t len;
    uint8_t *buf = hexfield(f, "Buffer", &len);
    uint8_t level, desc;
    char id[32];
    int rc;

    id_of(id, sizeof(id), line);
    rc = tern_alert_parse(buf, len, &level, &desc);
    if (expect_failure(f)) {
        tv_check(c, rc != TERN_OK, id, "malformed alert accepted");
    } else {
        tv_check(c, rc == TERN_OK && level == buf[0] && desc == buf[1], id, "alert rejected");
    }
    free(buf);
}

/* Formats this code does not have (yet): every block is skipped, with
 * the reason. */
static const char *skip_reason;
static void skip_vec(tv_counts *c, const tv_fields *f, int line)
{
    (void)f;
    (void)line;
    tv_skip(c, skip_reason);
}

static void test_botan_vectors(void)
{
    run_vec("botan/tls/client_hello.vec", client_hello_vec, 0);
    run_vec("botan/tls/server_hello.vec", server_hello_vec, 0);
    run_vec("botan/tls/cert_verify.vec", cert_verify_vec, 0);
    run_vec("botan/tls/hello_request.vec", hello_request_vec, 0);
    run_vec("botan/tls/new_session_ticket.vec", nst_vec, 0);
    run_vec("botan/tls/alert.vec", alert_vec, 0);
    skip_reason = "DTLS HelloVerifyRequest: DTLS is not implemented at this stage";
    run_vec("botan/tls/hello_verify.vec", skip_vec, 1);
    skip_reason = "CertificateStatus (OCSP stapling, RFC 6066 8) is not supported";
    run_vec("botan/tls/cert_status.vec", skip_vec, 1);
}

/* ---- our own negative tests ----------------------------------------------------------- */

/* A well-formed ClientHello with every extension we parse. */
static size_t build_client_hello(uint8_t *buf, size_t cap)
{
    static const uint16_t groups[] = {0x001d, 0x0017};
    static const uint16_t schemes[] = {0x0403, 0x0804};
    static const char *const alpn[] = {"h2", "http/1.1"};
    tern_writer w;
    size_t mark, i;
    uint8_t rnd[32];

    for (i = 0; i < 32; i++) {
        rnd[i] = (uint8_t)i;
    }
    tern_writer_init(&w, buf, cap);
    EXPECT_OK(tern_write_u16(&w, 0x0303));
    EXPECT_OK(tern_write_bytes(&w, rnd, 32));
    EXPECT_OK(tern_write_u8(&w, 4));
    EXPECT_OK(tern_write_bytes(&w, "sess", 4));
    EXPECT_OK(tern_write_u16(&w, 4));
    EXPECT_OK(tern_write_u16(&w, 0xc02b));
    EXPECT_OK(tern_write_u16(&w, 0xcca9));
    EXPECT_OK(tern_write_u8(&w, 1));
    EXPECT_OK(tern_write_u8(&w, 0));
    EXPECT_OK(tern_write_vec_begin(&w, 2, &mark));
    EXPECT_OK(tern_ext_server_name_write(&w, "example.com"));
    EXPECT_OK(tern_ext_supported_groups_write(&w, groups, 2));
    EXPECT_OK(tern_ext_ec_point_formats_write(&w));
    EXPECT_OK(tern_ext_signature_algorithms_write(&w, schemes, 2));
    EXPECT_OK(tern_ext_alpn_write(&w, alpn, 2));
    EXPECT_OK(tern_ext_write_raw(&w, TERN_EXT_EXTENDED_MASTER_SECRET, NULL, 0));
    EXPECT_OK(tern_ext_write_raw(&w, TERN_EXT_ENCRYPT_THEN_MAC, NULL, 0));
    EXPECT_OK(tern_ext_max_fragment_length_write(&w, 1));
    EXPECT_OK(tern_ext_record_size_limit_write(&w, 512));
    EXPECT_OK(tern_ext_write_raw(&w, 0x1234, (const uint8_t *)"?", 1)); /* unknown */
    EXPECT_OK(tern_ext_renegotiation_info_write(&w));
    EXPECT_OK(tern_ext_heartbeat_write(&w, 1));
    EXPECT_OK(tern_write_vec_end(&w, 2, mark));
    return tern_writer_len(&w);
}

static void test_client_hello_roundtrip(void)
{
    uint8_t buf[512];
    size_t len = build_client_hello(buf, sizeof(buf));
    tern_client_hello ch;
    tern_reader list;
    const uint8_t *name;
    size_t name_len;
    uint16_t limit;
    uint8_t code;

    EXPECT_OK(tern_tls12_client_hello_parse(buf, len, &ch));
    EXPECT_EQ(ch.client_version, 0x0303);
    EXPECT_EQ_U(ch.session_id_len, 4);
    EXPECT_EQ_U(ch.suites_len, 4);
    EXPECT_EQ(ch.ext.unknown, 1);
    EXPECT_EQ_U(ch.ext.seen, (1u << TERN_X_COUNT) - 1 - (1u << TERN_X_SESSION_TICKET));
    EXPECT_OK(parse_known_exts(&ch.ext) == 0 ? TERN_OK : TERN_ERR_DECODE);
    EXPECT_OK(tern_ext_server_name_parse(ch.ext.body[TERN_X_SERVER_NAME],
                                         ch.ext.len[TERN_X_SERVER_NAME], &name, &name_len));
    EXPECT_EQ_U(name_len, 11);
    EXPECT_MEM_EQ(name, "example.com", 11);
    EXPECT_OK(tern_ext_alpn_parse(ch.ext.body[TERN_X_ALPN], ch.ext.len[TERN_X_ALPN], &list));
    EXPECT_EQ_U(list.left, 3 + 9);
    EXPECT_OK(tern_ext_record_size_limit_parse(ch.ext.body[TERN_X_RECORD_SIZE_LIMIT],
                                               ch.ext.len[TERN_X_RECORD_SIZE_LIMIT], &limit));
    EXPECT_EQ(limit, 512);
    EXPECT_OK(tern_ext_max_fragment_length_parse(ch.ext.body[TERN_X_MAX_FRAGMENT_LENGTH],
                                                 ch.ext.len[TERN_X_MAX_FRAGMENT_LENGTH], &code));
    EXPECT_EQ(code, 1);
}

/* Every strict prefix fails, except the one that ends right after the
 * compression methods (a hello without extensions is legal). */
static void test_client_hello_truncation(void)
{
    uint8_t buf[512];
    size_t len = build_client_hello(buf, sizeof(buf)), i;
    size_t no_ext = 2 + 32 + 1 + 4 + 2 + 4 + 1 + 1;
    tern_client_hello ch;

    for (i = 0; i < len; i++) {
        int rc = tern_tls12_client_hello_parse(buf, i, &ch);
        if (i == no_ext) {
            EXPECT_OK(rc);
        } else if (rc == TERN_OK) {
            char m[64];
            snprintf(m, sizeof(m), "prefix of %u bytes accepted", (unsigned)i);
            TEST_FAIL(m);
        }
    }
    /* trailing data */
    buf[len] = 0;
    EXPECT_ERR(TERN_ERR_DECODE, tern_tls12_client_hello_parse(buf, len + 1, &ch));
}

/* Every length field one larger than its contents fails. */
static void test_client_hello_oversized_lengths(void)
{
    uint8_t buf[512], copy[512];
    size_t len = build_client_hello(buf, sizeof(buf));
    tern_client_hello ch;
    /* offsets of the length fields: session_id (1 byte), suites (2),
     * compressions (1), extensions (2) */
    static const size_t off1[] = {34, 45};
    static const size_t off2[] = {39, 47};
    size_t i;

    memcpy(copy, buf, len);
    for (i = 0; i < 2; i++) {
        memcpy(buf, copy, len);
        buf[off1[i]]++;
        EXPECT_TRUE(tern_tls12_client_hello_parse(buf, len, &ch) != TERN_OK);
        memcpy(buf, copy, len);
        tern_store_be16(buf + off2[i], (uint16_t)(tern_load_be16(buf + off2[i]) + 1));
        EXPECT_TRUE(tern_tls12_client_hello_parse(buf, len, &ch) != TERN_OK);
    }
    /* session_id longer than 32 */
    memcpy(buf, copy, len);
    EXPECT_OK(tern_tls12_client_hello_parse(buf, len, &ch));
    buf[34] = 33;
    EXPECT_ERR(TERN_ERR_DECODE, tern_tls12_client_hello_parse(buf, len, &ch));
    /* odd suite list, empty suite list, empty compression list */
    memcpy(buf, copy, len);
    buf[40] = 3;
    EXPECT_ERR(TERN_ERR_DECODE, tern_tls12_client_hello_parse(buf, len, &ch));
}

static void test_duplicate_extensions(void)
{
    uint8_t buf[64];
    tern_writer w;
    tern_exts x;

    /* a known one twice */
    tern_writer_init(&w, buf, sizeof(buf));
    EXPECT_OK(tern_ext_write_raw(&w, TERN_EXT_EXTENDED_MASTER_SECRET, NULL, 0));
    EXPECT_OK(tern_ext_write_raw(&w, TERN_EXT_SESSION_TICKET, NULL, 0));
    EXPECT_OK(tern_ext_write_raw(&w, TERN_EXT_EXTENDED_MASTER_SECRET, NULL, 0));
    EXPECT_ERR(TERN_ERR_DUPLICATE_EXTENSION, tern_exts_parse(buf, tern_writer_len(&w), &x));
    /* an unknown one twice */
    tern_writer_init(&w, buf, sizeof(buf));
    EXPECT_OK(tern_ext_write_raw(&w, 0x7777, NULL, 0));
    EXPECT_OK(tern_ext_write_raw(&w, 0x1111, NULL, 0));
    EXPECT_OK(tern_ext_write_raw(&w, 0x7777, (const uint8_t *)"x", 1));
    EXPECT_ERR(TERN_ERR_DUPLICATE_EXTENSION, tern_exts_parse(buf, tern_writer_len(&w), &x));
    /* distinct ones are fine; truncated entries are not */
    tern_writer_init(&w, buf, sizeof(buf));
    EXPECT_OK(tern_ext_write_raw(&w, 0x7777, NULL, 0));
    EXPECT_OK(tern_ext_write_raw(&w, 0x7778, NULL, 0));
    EXPECT_OK(tern_exts_parse(buf, tern_writer_len(&w), &x));
    EXPECT_EQ(x.unknown, 2);
    EXPECT_ERR(TERN_ERR_DECODE, tern_exts_parse(buf, tern_writer_len(&w) - 1, &x));
    EXPECT_ERR(TERN_ERR_DECODE, tern_exts_parse(buf, 3, &x));
}

static void test_extension_bodies(void)
{
    static const uint8_t sni_two[] = {0, 10, 0, 0, 2, 'a', 'b', 0, 0, 2, 'c', 'd'};
    static const uint8_t sni_ok[] = {0, 5, 0, 0, 2, 'a', 'b'};
    static const uint8_t sni_type1[] = {0, 5, 1, 0, 2, 'a', 'b'};
    static const uint8_t sni_empty_name[] = {0, 3, 0, 0, 0};
    static const uint8_t sni_nul[] = {0, 5, 0, 0, 2, 'a', 0};
    static const uint8_t sni_dot[] = {0, 5, 0, 0, 2, 'a', '.'};
    static const uint8_t groups_odd[] = {0, 3, 0, 0x17, 0};
    static const uint8_t groups_empty[] = {0, 0};
    static const uint8_t groups_ok[] = {0, 2, 0, 0x1d};
    static const uint8_t fmt_ok[] = {2, 1, 0};
    static const uint8_t fmt_noun[] = {1, 1};
    static const uint8_t fmt_empty[] = {0};
    static const uint8_t alpn_empty_name[] = {0, 4, 2, 'h', '2', 0};
    static const uint8_t alpn_over[] = {0, 3, 3, 'h', '2'};
    static const uint8_t rsl_small[] = {0, 63};
    static const uint8_t rsl_ok[] = {0, 64};
    static const uint8_t ri_bad[] = {2, 0};
    const uint8_t *p;
    size_t n;
    tern_reader list;
    int unc;
    uint16_t limit;

    EXPECT_ERR(TERN_ERR_ILLEGAL_PARAMETER,
               tern_ext_server_name_parse(sni_two, sizeof(sni_two), &p, &n));
    EXPECT_OK(tern_ext_server_name_parse(sni_ok, sizeof(sni_ok), &p, &n));
    EXPECT_EQ_U(n, 2);
    EXPECT_ERR(TERN_ERR_ILLEGAL_PARAMETER,
               tern_ext_server_name_parse(sni_type1, sizeof(sni_type1), &p, &n));
    EXPECT_ERR(TERN_ERR_DECODE,
               tern_ext_server_name_parse(sni_empty_name, sizeof(sni_empty_name), &p, &n));
    EXPECT_ERR(TERN_ERR_ILLEGAL_PARAMETER,
               tern_ext_server_name_parse(sni_nul, sizeof(sni_nul), &p, &n));
    EXPECT_ERR(TERN_ERR_ILLEGAL_PARAMETER,
               tern_ext_server_name_parse(sni_dot, sizeof(sni_dot), &p, &n));
    EXPECT_ERR(TERN_ERR_DECODE,
               tern_ext_supported_groups_parse(groups_odd, sizeof(groups_odd), &list));
    EXPECT_ERR(TERN_ERR_DECODE,
               tern_ext_supported_groups_parse(groups_empty, sizeof(groups_empty), &list));
    EXPECT_OK(tern_ext_supported_groups_parse(groups_ok, sizeof(groups_ok), &list));
    EXPECT_OK(tern_ext_ec_point_formats_parse(fmt_ok, sizeof(fmt_ok), &unc));
    EXPECT_EQ(unc, 1);
    EXPECT_OK(tern_ext_ec_point_formats_parse(fmt_noun, sizeof(fmt_noun), &unc));
    EXPECT_EQ(unc, 0);
    EXPECT_ERR(TERN_ERR_DECODE,
               tern_ext_ec_point_formats_parse(fmt_empty, sizeof(fmt_empty), &unc));
    EXPECT_ERR(TERN_ERR_DECODE,
               tern_ext_alpn_parse(alpn_empty_name, sizeof(alpn_empty_name), &list));
    EXPECT_ERR(TERN_ERR_DECODE, tern_ext_alpn_parse(alpn_over, sizeof(alpn_over), &list));
    EXPECT_ERR(TERN_ERR_ILLEGAL_PARAMETER, tern_ext_record_size_limit_parse(rsl_small, 2, &limit));
    EXPECT_OK(tern_ext_record_size_limit_parse(rsl_ok, 2, &limit));
    EXPECT_ERR(TERN_ERR_DECODE, tern_ext_record_size_limit_parse(rsl_ok, 1, &limit));
    EXPECT_ERR(TERN_ERR_DECODE, tern_ext_renegotiation_info_parse(ri_bad, sizeof(ri_bad), &p, &n));
    EXPECT_ERR(TERN_ERR_DECODE, tern_ext_empty_parse(ri_bad, 1));
}

/* Certificate, ServerKeyExchange, CertificateRequest, ClientKeyExchange,
 * NewSessionTicket: truncation at every byte and trailing data. */
typedef int (*parse_fn)(const uint8_t *buf, size_t len);

static int p_cert(const uint8_t *b, size_t n)
{
    tern_certificate_msg m;
    return tern_tls12_certificate_parse(b, n, &m);
}
static int p_ske(const uint8_t *b, size_t n)
{
    tern_server_key_exchange s;
    return tern_tls12_server_key_exchange_parse(b, n, &s);
}
static int p_cr(const uint8_t *b, size_t n)
{
    tern_certificate_request r;
    return tern_tls12_certificate_request_parse(b, n, &r);
}
static int p_cke(const uint8_t *b, size_t n)
{
    const uint8_t *p;
    size_t l;
    return tern_tls12_client_key_exchange_parse(b, n, &p, &l);
}
static int p_nst(const uint8_t *b, size_t n)
{
    const uint8_t *p;
    size_t l;
    uint32_t t;
    return tern_tls12_new_session_ticket_parse(b, n, &t, &p, &l);
}
static int p_sh(const uint8_t *b, size_t n)
{
    tern_server_hello sh;
    return tern_tls12_server_hello_parse(b, n, &sh);
}

static void check_strict(const char *name, parse_fn fn, const uint8_t *msg, size_t len,
                         size_t allowed_prefix)
{
    uint8_t buf[256];
    size_t i;
    char m[96];

    memcpy(buf, msg, len);
    if (fn(buf, len) != TERN_OK) {
        snprintf(m, sizeof(m), "%s: valid message rejected", name);
        TEST_FAIL(m);
    }
    for (i = 0; i < len; i++) {
        if (i != allowed_prefix && fn(buf, i) == TERN_OK) {
            snprintf(m, sizeof(m), "%s: %u-byte prefix accepted", name, (unsigned)i);
            TEST_FAIL(m);
        }
    }
    buf[len] = 0;
    if (fn(buf, len + 1) == TERN_OK) {
        snprintf(m, sizeof(m), "%s: trailing byte accepted", name);
        TEST_FAIL(m);
    }
}

static void test_other_messages_strict(void)
{
    static const uint8_t cert[] = {0, 0, 9, 0, 0, 2, 0x30, 0, 0, 0, 1, 0x05};
    static const uint8_t cert_empty[] = {0, 0, 0};
    static const uint8_t ske[] = {3, 0, 0x1d, 2, 0xaa, 0xbb, 0x04, 0x03, 0, 2, 0x30, 0x00};
    static const uint8_t cr[] = {2, 64, 1, 0, 4, 4, 3, 8, 4, 0, 5, 0, 3, 'a', 'b', 'c'};
    static const uint8_t cke[] = {3, 1, 2, 3};
    static const uint8_t nst[] = {0, 0, 0x1c, 0x20, 0, 3, 1, 2, 3};
    static const uint8_t sh_noext[] = {3, 3, 0, 0, 0, 0, 0, 0, 0, 0,    0,    0, 0,
                                       0, 0, 0, 0, 0, 0, 0, 0, 0, 0,    0,    0, 0,
                                       0, 0, 0, 0, 0, 0, 0, 0, 0, 0xc0, 0x2b, 0};
    static const uint8_t ske_explicit[] = {1, 0, 0x1d, 2, 0xaa, 0xbb, 0x04, 0x03, 0, 2, 0x30, 0};
    static const uint8_t cert_zero_len_cert[] = {0, 0, 3, 0, 0, 0};
    static const uint8_t cr_empty_dn[] = {1, 64, 0, 2, 4, 3, 0, 2, 0, 0};
    tern_server_key_exchange s;

    check_strict("Certificate", p_cert, cert, sizeof(cert), (size_t)-1);
    check_strict("Certificate(empty)", p_cert, cert_empty, sizeof(cert_empty), (size_t)-1);
    check_strict("ServerKeyExchange", p_ske, ske, sizeof(ske), (size_t)-1);
    check_strict("CertificateRequest", p_cr, cr, sizeof(cr), (size_t)-1);
    check_strict("ClientKeyExchange", p_cke, cke, sizeof(cke), (size_t)-1);
    check_strict("NewSessionTicket", p_nst, nst, sizeof(nst), (size_t)-1);
    check_strict("ServerHello", p_sh, sh_noext, sizeof(sh_noext), (size_t)-1);
    EXPECT_ERR(TERN_ERR_ILLEGAL_PARAMETER,
               tern_tls12_server_key_exchange_parse(ske_explicit, sizeof(ske_explicit), &s));
    EXPECT_OK(tern_tls12_server_key_exchange_parse(ske, sizeof(ske), &s));
    EXPECT_EQ(s.group, 0x1d);
    EXPECT_EQ_U(s.params_len, 6);
    EXPECT_EQ(s.scheme, 0x0403);
    EXPECT_EQ_U(s.sig_len, 2);
    EXPECT_ERR(TERN_ERR_DECODE, p_cert(cert_zero_len_cert, sizeof(cert_zero_len_cert)));
    EXPECT_ERR(TERN_ERR_DECODE, p_cr(cr_empty_dn, sizeof(cr_empty_dn)));
}

static void test_certificate_too_many(void)
{
    uint8_t buf[3 + (TERN_MAX_PEER_CERTS + 1) * 4];
    tern_certificate_msg m;
    size_t i, n = TERN_MAX_PEER_CERTS + 1;

    tern_store_be24(buf, (uint32_t)(n * 4));
    for (i = 0; i < n; i++) {
        tern_store_be24(buf + 3 + 4 * i, 1);
        buf[3 + 4 * i + 3] = 0x30;
    }
    EXPECT_ERR(TERN_ERR_CERT_CHAIN_TOO_LONG, tern_tls12_certificate_parse(buf, sizeof(buf), &m));
    tern_store_be24(buf, (uint32_t)((n - 1) * 4));
    EXPECT_OK(tern_tls12_certificate_parse(buf, sizeof(buf) - 4, &m));
    EXPECT_EQ_U(m.count, TERN_MAX_PEER_CERTS);
}

int main(void)
{
    RUN_TEST(test_botan_vectors);
    RUN_TEST(test_client_hello_roundtrip);
    RUN_TEST(test_client_hello_truncation);
    RUN_TEST(test_client_hello_oversized_lengths);
    RUN_TEST(test_duplicate_extensions);
    RUN_TEST(test_extension_bodies);
    RUN_TEST(test_other_messages_strict);
    RUN_TEST(test_certificate_too_many);
    return TEST_REPORT();
}
