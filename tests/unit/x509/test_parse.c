/*
 * Certificate parser: DER edge cases on certificates built field by field
 * (versions, serial numbers, algorithm identifiers, names, times, every
 * extension's syntax and criticality rules), truncation at every byte and
 * trailing bytes for every certificate of the test PKI, and every single
 * byte change of a leaf (it must never verify).
 */
#include "x509/x509_internal.h"
#include "x509_test_util.h"

/* ---- a small DER builder ------------------------------------------------ */

typedef struct buf {
    uint8_t b[4096];
    size_t n;
} buf;

static void put(buf *o, const void *p, size_t n)
{
    if (o->n + n <= sizeof(o->b)) {
        memcpy(o->b + o->n, p, n);
    }
    o->n += n;
}

/* appends tag + length + contents */
static void tlv(buf *o, uint8_t tag, const void *p, size_t n)
{
    uint8_t h[4];
    size_t hl = 0;
    h[hl++] = tag;
    if (n < 128) {
        h[hl++] = (uint8_t)n;
    } else if (n < 256) {
        h[hl++] = 0x81;
        h[hl++] = (uint8_t)n;
    } else {
        h[hl++] = 0x82;
        h[hl++] = (uint8_t)(n >> 8);
        h[hl++] = (uint8_t)n;
    }
    put(o, h, hl);
    put(o, p, n);
}

static void wrap(buf *o, uint8_t tag, const buf *in)
{
    tlv(o, tag, in->b, in->n);
}

#define LIT(s) (const uint8_t *)(s), sizeof(s) - 1u

static const uint8_t oid_ecdsa_sha256[] = {0x06, 0x08, 0x2a, 0x86, 0x48,
                                           0xce, 0x3d, 0x04, 0x03, 0x02};
static const uint8_t oid_cn[] = {0x06, 0x03, 0x55, 0x04, 0x03};

/* The parts of a certificate; each test changes some and builds. */
typedef struct parts {
    buf version;  /* complete [0] element or empty */
    buf serial;   /* complete INTEGER */
    buf alg_in;   /* complete AlgorithmIdentifier in the TBS */
    buf alg_out;  /* and outside */
    buf issuer;   /* complete Name */
    buf validity; /* complete Validity */
    buf subject;
    buf uids; /* optional unique identifiers, complete */
    buf exts; /* contents of the Extensions SEQUENCE (no [3] if none) */
    int no_exts;
} parts;

static void name_cn(buf *o, const char *cn)
{
    buf atv = {{0}, 0}, set = {{0}, 0};
    put(&atv, oid_cn, sizeof(oid_cn));
    tlv(&atv, 0x0c, cn, strlen(cn));
    wrap(&set, 0x30, &atv);
    {
        buf rdn = {{0}, 0};
        wrap(&rdn, 0x31, &set);
        o->n = 0;
        wrap(o, 0x30, &rdn);
    }
}

/* one extension: OID contents, critical flag (-1: encode FALSE), value */
static void ext(parts *p, const uint8_t *oid, size_t oid_len, int critical, const uint8_t *val,
                size_t val_len)
{
    buf e = {{0}, 0};
    tlv(&e, 0x06, oid, oid_len);
    if (critical == 1) {
        put(&e, "\x01\x01\xff", 3);
    } else if (critical == -1) {
        put(&e, "\x01\x01\x00", 3);
    }
    tlv(&e, 0x04, val, val_len);
    wrap(&p->exts, 0x30, &e);
}

#define OID_BC "\x55\x1d\x13"
#define OID_KU "\x55\x1d\x0f"
#define OID_EKU "\x55\x1d\x25"
#define OID_SAN "\x55\x1d\x11"
#define OID_AKI "\x55\x1d\x23"
#define OID_SKI "\x55\x1d\x0e"
#define OID_NC "\x55\x1d\x1e"
#define OID_PC "\x55\x1d\x24"
#define OID_CP "\x55\x1d\x20"
#define OID_AIA "\x2b\x06\x01\x05\x05\x07\x01\x01"
#define OID_UNKNOWN "\x2b\x06\x01\x04\x01\x82\x37\x99\x01"

static void defaults(parts *p)
{
    memset(p, 0, sizeof(*p));
    put(&p->version, "\xa0\x03\x02\x01\x02", 5);
    put(&p->serial, "\x02\x01\x2a", 3);
    tlv(&p->alg_in, 0x30, oid_ecdsa_sha256, sizeof(oid_ecdsa_sha256));
    p->alg_out = p->alg_in;
    name_cn(&p->issuer, "issuer");
    name_cn(&p->subject, "subject");
    put(&p->validity,
        "\x30\x1e\x17\x0d"
        "240101000000Z"
        "\x17\x0d"
        "341231235959Z",
        32);
    /* a harmless extension: SKI */
    ext(p, LIT(OID_SKI), 0, LIT("\x04\x02\x01\x02"));
}

static size_t build(const parts *p, uint8_t *out)
{
    buf tbs = {{0}, 0}, t = {{0}, 0}, cert = {{0}, 0}, whole = {{0}, 0};
    /* a fixed SPKI: P-256 id + a point of the right form */
    static const uint8_t spki_head[] = {0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48,
                                        0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
                                        0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04};
    uint8_t point[64];

    memset(point, 0x11, sizeof(point));
    put(&t, p->version.b, p->version.n);
    put(&t, p->serial.b, p->serial.n);
    put(&t, p->alg_in.b, p->alg_in.n);
    put(&t, p->issuer.b, p->issuer.n);
    put(&t, p->validity.b, p->validity.n);
    put(&t, p->subject.b, p->subject.n);
    put(&t, spki_head, sizeof(spki_head));
    put(&t, point, sizeof(point));
    put(&t, p->uids.b, p->uids.n);
    if (!p->no_exts) {
        buf seq = {{0}, 0};
        wrap(&seq, 0x30, &p->exts);
        wrap(&t, 0xa3, &seq);
    }
    wrap(&tbs, 0x30, &t);
    put(&cert, tbs.b, tbs.n);
    put(&cert, p->alg_out.b, p->alg_out.n);
    put(&cert, "\x03\x03\x00\xab\xcd", 5);
    wrap(&whole, 0x30, &cert);
    memcpy(out, whole.b, whole.n);
    return whole.n;
}

static uint8_t der[4096];
static size_t der_len;
static tern_x509_cert cert;

static int parse(const parts *p)
{
    der_len = build(p, der);
    return tern_x509_parse(der, der_len, &cert);
}

/* ---- tests -------------------------------------------------------------------- */

static void test_baseline(void)
{
    parts p;
    defaults(&p);
    EXPECT_OK(parse(&p));
    EXPECT_EQ(cert.version, 3);
    EXPECT_EQ(cert.sigalg.kind, TERN_X509_SIG_ECDSA);
    EXPECT_EQ(cert.sigalg.hash, TERN_HASH_SHA256);
    EXPECT_TRUE(cert.sigalg_ok);
    EXPECT_EQ(cert.not_before, 1704067200);
    EXPECT_EQ_U(cert.serial.len, 1);
    EXPECT_EQ(cert.serial.p[0], 0x2a);
    EXPECT_EQ_U(cert.ext, TERN_X509_EXT_SKI);
    EXPECT_EQ_U(cert.ski.len, 2);
    EXPECT_FALSE(cert.bad_serial);
    /* trailing byte */
    der[der_len] = 0;
    EXPECT_ERR(TERN_ERR_CERT_PARSE, tern_x509_parse(der, der_len + 1, &cert));
}

static void test_version_serial(void)
{
    parts p;

    defaults(&p);
    p.version.n = 0;
    put(&p.version, "\xa0\x03\x02\x01\x00", 5); /* v1 encoded: a DEFAULT */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
    p.version.n = 0;
    put(&p.version, "\xa0\x03\x02\x01\x03", 5); /* v4 */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
    p.version.n = 0; /* v1 with extensions */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
    p.no_exts = 1; /* v1 proper */
    EXPECT_OK(parse(&p));
    EXPECT_EQ(cert.version, 1);
    put(&p.uids, "\x81\x02\x00\xff", 4); /* unique ids need v2+ */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
    put(&p.version, "\xa0\x03\x02\x01\x01", 5);
    EXPECT_OK(parse(&p));
    EXPECT_EQ(cert.version, 2);
    p.uids.n = 0;
    put(&p.uids, "\x82\x02\x03\xff", 4); /* unused bits must be zero */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));

    defaults(&p);
    p.serial.n = 0;
    put(&p.serial, "\x02\x01\xff", 3); /* negative */
    EXPECT_OK(parse(&p));
    EXPECT_TRUE(cert.bad_serial);
    p.serial.n = 0;
    put(&p.serial, "\x02\x01\x00", 3); /* zero */
    EXPECT_OK(parse(&p));
    EXPECT_TRUE(cert.bad_serial);
    p.serial.n = 0;
    tlv(&p.serial, 0x02,
        "\x00\xff\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12", 20);
    EXPECT_OK(parse(&p)); /* 19 octets of value */
    EXPECT_FALSE(cert.bad_serial);
    p.serial.n = 0;
    tlv(&p.serial, 0x02,
        "\x7f\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14", 21);
    EXPECT_OK(parse(&p));
    EXPECT_TRUE(cert.bad_serial); /* 21 octets */
    p.serial.n = 0;
    put(&p.serial, "\x02\x02\x00\x01", 4); /* not minimal */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
    p.serial.n = 0;
    put(&p.serial, "\x02\x00", 2); /* empty */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
}

static void test_algorithms(void)
{
    parts p;
    static const uint8_t rsa_sha256[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                         0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00};
    static const uint8_t rsa_no_null[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
                                          0xf7, 0x0d, 0x01, 0x01, 0x0b};
    static const uint8_t unknown[] = {0x06, 0x03, 0x2a, 0x03, 0x04};

    defaults(&p);
    p.alg_out.n = 0;
    tlv(&p.alg_out, 0x30, rsa_sha256, sizeof(rsa_sha256));
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p)); /* TBS and outer differ */
    p.alg_in = p.alg_out;
    EXPECT_OK(parse(&p));
    EXPECT_EQ(cert.sigalg.kind, TERN_X509_SIG_RSA_PKCS1);
    p.alg_in.n = 0;
    tlv(&p.alg_in, 0x30, rsa_no_null, sizeof(rsa_no_null));
    p.alg_out = p.alg_in;
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p)); /* NULL parameters required */
    p.alg_in.n = 0;
    tlv(&p.alg_in, 0x30, unknown, sizeof(unknown));
    p.alg_out = p.alg_in;
    EXPECT_OK(parse(&p)); /* unknown: parses, cannot verify */
    EXPECT_FALSE(cert.sigalg_ok);
    /* ECDSA with parameters present */
    p.alg_in.n = 0;
    {
        buf a = {{0}, 0};
        put(&a, oid_ecdsa_sha256, sizeof(oid_ecdsa_sha256));
        put(&a, "\x05\x00", 2);
        wrap(&p.alg_in, 0x30, &a);
    }
    p.alg_out = p.alg_in;
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
}

static void test_names_times(void)
{
    parts p;

    defaults(&p);
    p.issuer.n = 0;
    put(&p.issuer, "\x30\x02\x31\x00", 4); /* empty RDN */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
    p.issuer.n = 0;
    put(&p.issuer, "\x30\x0c\x31\x0a\x30\x08\x06\x03\x55\x04\x03\x13\x01*",
        14); /* '*' not printable */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
    p.issuer.n = 0;
    put(&p.issuer, "\x30\x00", 2); /* an empty name parses (the verifier decides) */
    EXPECT_OK(parse(&p));

    defaults(&p);
    p.validity.n = 0;
    put(&p.validity,
        "\x30\x1c\x17\x0b"
        "2401010000Z"
        "\x17\x0d"
        "341231235959Z",
        30); /* no seconds */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
    p.validity.n = 0;
    put(&p.validity,
        "\x30\x22\x18\x11"
        "20240101000000.5Z"
        "\x17\x0d"
        "341231235959Z",
        36);
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p)); /* fractions */
    p.validity.n = 0;
    put(&p.validity,
        "\x30\x22\x17\x11"
        "240101000000+0100"
        "\x17\x0d"
        "341231235959Z",
        36);
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p)); /* offsets */
    p.validity.n = 0;
    put(&p.validity,
        "\x30\x20\x18\x0f"
        "20240101000000Z"
        "\x17\x0d"
        "341231235959Z",
        34);
    EXPECT_OK(parse(&p)); /* GeneralizedTime is a Time too */
}

static void test_extension_frame(void)
{
    parts p;

    defaults(&p);
    p.exts.n = 0; /* [3] with an empty SEQUENCE */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
    defaults(&p);
    ext(&p, LIT(OID_UNKNOWN), -1, LIT("\x05\x00")); /* critical FALSE encoded */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
    defaults(&p);
    ext(&p, LIT(OID_SKI), 0, LIT("\x04\x01\x05")); /* duplicate */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
    defaults(&p);
    ext(&p, LIT(OID_UNKNOWN), 0, LIT("\x05\x00")); /* unknown, not critical */
    EXPECT_OK(parse(&p));
    defaults(&p);
    ext(&p, LIT(OID_UNKNOWN), 1, LIT("\x05\x00"));
    EXPECT_ERR(TERN_ERR_CERT_UNKNOWN_CRITICAL, parse(&p));
    EXPECT_TRUE(cert.unknown_critical);
    defaults(&p);
    {
        /* critical as BOOLEAN 0x01 (BER, not DER) */
        buf e = {{0}, 0};
        tlv(&e, 0x06, LIT(OID_UNKNOWN));
        put(&e, "\x01\x01\x01", 3);
        tlv(&e, 0x04, LIT("\x05\x00"));
        wrap(&p.exts, 0x30, &e);
    }
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
    defaults(&p);
    ext(&p, LIT(OID_BC), 1, LIT("\x30\x03\x01\x01\xff\x00")); /* trailing byte in value */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, parse(&p));
}

/* One extension value and whether it parses, with criticality. */
static void one(const char *oid, size_t oid_len, int critical, const char *val, size_t val_len,
                int expect)
{
    parts p;
    defaults(&p);
    ext(&p, (const uint8_t *)oid, oid_len, critical, (const uint8_t *)val, val_len);
    EXPECT_ERR(expect, parse(&p));
}

#define ONE(oid, crit, val, expect) one(oid, sizeof(oid) - 1u, crit, val, sizeof(val) - 1u, expect)
#define BAD TERN_ERR_CERT_PARSE

static void test_extension_values(void)
{
    /* basicConstraints */
    ONE(OID_BC, 1, "\x30\x03\x01\x01\xff", TERN_OK);
    EXPECT_TRUE(cert.ca && cert.bc_critical && cert.path_len == -1);
    ONE(OID_BC, 1, "\x30\x06\x01\x01\xff\x02\x01\x03", TERN_OK);
    EXPECT_EQ(cert.path_len, 3);
    ONE(OID_BC, 0, "\x30\x00", TERN_OK);
    EXPECT_FALSE(cert.ca);
    ONE(OID_BC, 1, "\x30\x03\x01\x01\x00", BAD);             /* cA FALSE encoded */
    ONE(OID_BC, 1, "\x30\x06\x01\x01\xff\x02\x01\xff", BAD); /* pathLen < 0 */
    ONE(OID_BC, 1, "\x31\x00", BAD);
    /* keyUsage */
    ONE(OID_KU, 1, "\x03\x02\x07\x80", TERN_OK);
    EXPECT_EQ_U(cert.key_usage, TERN_X509_KU_DIGITAL_SIGNATURE);
    ONE(OID_KU, 1, "\x03\x02\x01\x06", TERN_OK);
    EXPECT_EQ_U(cert.key_usage, TERN_X509_KU_KEY_CERT_SIGN | TERN_X509_KU_CRL_SIGN);
    ONE(OID_KU, 1, "\x03\x01\x00", BAD);         /* no bit set */
    ONE(OID_KU, 1, "\x03\x02\x00\x80", BAD);     /* trailing zero bits kept */
    ONE(OID_KU, 1, "\x03\x03\x07\x80\x00", BAD); /* trailing zero octet */
    /* extendedKeyUsage */
    ONE(OID_EKU, 0, "\x30\x0a\x06\x08\x2b\x06\x01\x05\x05\x07\x03\x01", TERN_OK);
    ONE(OID_EKU, 0, "\x30\x00", BAD);
    ONE(OID_EKU, 0, "\x30\x02\x05\x00", BAD);
    /* subjectAltName */
    ONE(OID_SAN, 0,
        "\x30\x0d\x82\x0b"
        "example.com",
        TERN_OK);
    ONE(OID_SAN, 0, "\x30\x06\x87\x04\x7f\x00\x00\x01", TERN_OK);
    ONE(OID_SAN, 0, "\x30\x07\x87\x05\x7f\x00\x00\x01\x00", BAD); /* 5-octet address */
    ONE(OID_SAN, 0, "\x30\x00", BAD);
    ONE(OID_SAN, 0, "\x30\x03\x82\x01\x80", BAD);         /* not IA5 */
    ONE(OID_SAN, 0, "\x30\x03\x89\x01\x00", BAD);         /* no such choice */
    ONE(OID_SAN, 0, "\x30\x04\xa4\x02\x30\x00", TERN_OK); /* directoryName */
    ONE(OID_SAN, 0, "\x30\x04\xa4\x02\x31\x00", BAD);
    ONE(OID_SAN, 0, "\x30\x0b\xa0\x09\x06\x03\x2a\x03\x04\xa0\x02\x05\x00", TERN_OK);
    ONE(OID_SAN, 0, "\x30\x09\xa0\x07\x06\x03\x2a\x03\x04\x05\x00", BAD); /* otherName value */
    {
        /* empty subject: the SAN must be critical */
        parts p;
        defaults(&p);
        p.subject.n = 0;
        put(&p.subject, "\x30\x00", 2);
        ext(&p, LIT(OID_SAN), 0, LIT("\x30\x03\x82\x01x"));
        EXPECT_ERR(BAD, parse(&p));
        defaults(&p);
        p.subject.n = 0;
        put(&p.subject, "\x30\x00", 2);
        ext(&p, LIT(OID_SAN), 1, LIT("\x30\x03\x82\x01x"));
        EXPECT_OK(parse(&p));
    }
    /* key identifiers: never critical; AKI with keyIdentifier only */
    ONE(OID_AKI, 0, "\x30\x04\x80\x02\x01\x02", TERN_OK);
    EXPECT_EQ_U(cert.aki.len, 2);
    ONE(OID_AKI, 1, "\x30\x04\x80\x02\x01\x02", BAD);
    ONE(OID_AKI, 0, "\x30\x00", BAD);
    ONE(OID_AKI, 0, "\x30\x07\x80\x02\x01\x02\x82\x01\x01", BAD); /* serial, no issuer */
    ONE(OID_AKI, 0, "\x30\x09\x80\x02\x01\x02\xa1\x03\x82\x01\x61", BAD); /* issuer, no serial */
    /* the issuer/serial form parses (old roots carry it); paths refuse it */
    ONE(OID_AKI, 0, "\x30\x0c\x80\x02\x01\x02\xa1\x03\x82\x01\x61\x82\x01\x01", TERN_OK);
    EXPECT_EQ_U(cert.aki.len, 2);
    EXPECT_EQ(cert.aki_issuer_serial, 1);
    ONE(OID_AKI, 0, "\x30\x08\xa1\x03\x82\x01\x61\x82\x01\x01", TERN_OK);
    EXPECT_EQ_U(cert.aki.len, 0);
    EXPECT_EQ(cert.aki_issuer_serial, 1);
    ONE(OID_AKI, 0, "\x30\x06\xa1\x00\x82\x01\x01", BAD); /* empty GeneralNames */
    {
        parts p;
        defaults(&p);
        p.exts.n = 0;
        ext(&p, LIT(OID_SKI), 1, LIT("\x04\x02\x01\x02"));
        EXPECT_ERR(BAD, parse(&p));
        p.exts.n = 0;
        ext(&p, LIT(OID_SKI), 0, LIT("\x04\x00"));
        EXPECT_ERR(BAD, parse(&p));
    }
    /* nameConstraints */
    ONE(OID_NC, 1,
        "\x30\x0a\xa0\x08\x30\x06\x82\x04"
        "a.bc",
        TERN_OK);
    EXPECT_EQ_U(cert.nc_permitted.len, 8);
    ONE(OID_NC, 1, "\x30\x0e\xa1\x0c\x30\x0a\x87\x08\x0a\x00\x00\x00\xff\x00\x00\x00", TERN_OK);
    ONE(OID_NC, 1, "\x30\x00", BAD);
    ONE(OID_NC, 1, "\x30\x02\xa0\x00", BAD);
    ONE(OID_NC, 1, "\x30\x0a\xa1\x08\x30\x06\x87\x04\x0a\x00\x00\x00", BAD); /* no mask */
    ONE(OID_NC, 1,
        "\x30\x0d\xa0\x0b\x30\x09\x82\x04"
        "a.bc\x80\x01\x01",
        BAD); /* minimum 1 */
    ONE(OID_NC, 1,
        "\x30\x0d\xa0\x0b\x30\x09\x82\x04"
        "a.bc\x81\x01\x01",
        BAD); /* maximum */
    /* policies */
    ONE(OID_CP, 0, "\x30\x06\x30\x04\x06\x02\x2a\x03", TERN_OK);
    ONE(OID_CP, 0, "\x30\x0c\x30\x04\x06\x02\x2a\x03\x30\x04\x06\x02\x2a\x03", BAD); /* twice */
    ONE(OID_CP, 0, "\x30\x00", BAD);
    ONE(OID_PC, 1, "\x30\x03\x80\x01\x00", TERN_OK);
    EXPECT_EQ(cert.require_explicit, 0);
    ONE(OID_PC, 0, "\x30\x03\x80\x01\x00", BAD); /* must be critical */
    ONE(OID_PC, 1, "\x30\x00", BAD);
    /* authorityInfoAccess: never critical, well-formed */
    ONE(OID_AIA, 0, "\x30\x15\x30\x13\x06\x08\x2b\x06\x01\x05\x05\x07\x30\x01\x86\x07http://",
        TERN_OK);
    ONE(OID_AIA, 1, "\x30\x15\x30\x13\x06\x08\x2b\x06\x01\x05\x05\x07\x30\x01\x86\x07http://", BAD);
    ONE(OID_AIA, 0, "\x30\x0c\x30\x0a\x06\x08\x2b\x06\x01\x05\x05\x07\x30\x01", BAD);
}

/* Every prefix of every certificate of the test PKI fails cleanly. */
static void test_truncation(void)
{
    static const char *const files[] = {
        "root-ca.der",     "int-ca.der",         "server-p256.der", "server-rsa2048.der",
        "server-p384.der", "client-rsa2048.der", "other-root.der"};
    size_t f, i, len;
    uint8_t *d;
    tern_x509_cert c;

    for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
        d = xt_read(files[f], &len);
        EXPECT_OK(tern_x509_parse(d, len, &c));
        for (i = 0; i < len; i++) {
            uint8_t *copy = (uint8_t *)malloc(i + 1); /* exact size: ASan sees overreads */
            memcpy(copy, d, i);
            if (tern_x509_parse(copy, i, &c) != TERN_ERR_CERT_PARSE) {
                EXPECT_ERR(TERN_ERR_CERT_PARSE, tern_x509_parse(copy, i, &c));
                free(copy);
                break;
            }
            free(copy);
        }
        free(d);
    }
}

/* No single changed byte of a leaf verifies: the signed part is covered
 * by the signature, the rest by parsing. */
static void test_every_byte(void)
{
    static uint64_t mem[TERN_TRUST_STORE_SIZE(2) / 8 + 1];
    tern_trust_store *s;
    tern_x509_policy pol;
    xt_chain c;
    uint8_t *root, *leaf;
    size_t rlen, i, bad = 0;
    int rc;

    root = xt_read("root-ca.der", &rlen);
    EXPECT_OK(tern_trust_store_init(&s, mem, sizeof(mem), 2));
    EXPECT_OK(tern_trust_store_add_der(s, root, rlen));
    memset(&c, 0, sizeof(c));
    xt_chain_add(&c, "server-p256.der");
    xt_chain_add(&c, "int-ca.der");
    tern_x509_policy_init(&pol);
    pol.now = XT_NOW;
    EXPECT_OK(tern_x509_verify_chain(s, &pol, c.certs, c.lens, c.n, NULL, NULL));
    leaf = (uint8_t *)c.certs[0];
    for (i = 0; i < c.lens[0]; i++) {
        leaf[i] ^= 0x04;
        rc = tern_x509_verify_chain(s, &pol, c.certs, c.lens, c.n, NULL, NULL);
        leaf[i] ^= 0x04;
        if (rc == TERN_OK) {
            bad++;
            fprintf(stderr, "  byte %zu changed and still verifies\n", i);
        }
    }
    EXPECT_EQ_U(bad, 0);
    xt_chain_free(&c);
    free(root);
}

int main(void)
{
    RUN_TEST(test_baseline);
    RUN_TEST(test_version_serial);
    RUN_TEST(test_algorithms);
    RUN_TEST(test_names_times);
    RUN_TEST(test_extension_frame);
    RUN_TEST(test_extension_values);
    RUN_TEST(test_truncation);
    RUN_TEST(test_every_byte);
    return TEST_REPORT();
}
