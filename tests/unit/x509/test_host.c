/*
 * Reference identity matching (RFC 6125 / RFC 9525) on hand-made
 * subjectAltName lists: IP literal parsing, DNS name validity, exact and
 * wildcard matches, IP versus DNS, and the CN fallback.
 */
#include "tern_test.h"
#include "x509/x509_internal.h"

/* A certificate view with only the fields the matcher reads: the SAN
 * list (GeneralNames contents) built from (tag, string) pairs. */
typedef struct fake {
    tern_x509_cert c;
    uint8_t san[512];
    uint8_t subject[256];
} fake;

static void fake_init(fake *f)
{
    memset(f, 0, sizeof(*f));
}

static void san_add(fake *f, uint8_t tag, const void *val, size_t len)
{
    uint8_t *p = f->san + f->c.san.len;
    p[0] = tag;
    p[1] = (uint8_t)len;
    memcpy(p + 2, val, len);
    f->c.san.p = f->san;
    f->c.san.len += 2 + len;
    f->c.ext |= TERN_X509_EXT_SAN;
}

static void dns(fake *f, const char *s)
{
    san_add(f, TERN_X509_GN_DNS, s, strlen(s));
}

/* subject = SEQUENCE { SET { SEQUENCE { OID 2.5.4.3, UTF8String cn } } } */
static void subject_cn(fake *f, const char *cn)
{
    size_t n = strlen(cn);
    uint8_t *p = f->subject;
    p[0] = 0x30;
    p[1] = (uint8_t)(n + 11);
    p[2] = 0x31;
    p[3] = (uint8_t)(n + 9);
    p[4] = 0x30;
    p[5] = (uint8_t)(n + 7);
    p[6] = 0x06;
    p[7] = 0x03;
    p[8] = 0x55;
    p[9] = 0x04;
    p[10] = 0x03;
    p[11] = 0x0c;
    p[12] = (uint8_t)n;
    memcpy(p + 13, cn, n);
    f->c.subject.p = f->subject;
    f->c.subject.len = n + 13;
}

static int match(const fake *f, const char *host)
{
    return tern_x509_match_host(&f->c, host, 0) == TERN_OK;
}

static void test_parse_ip(void)
{
    uint8_t ip[16];
    static const uint8_t v6_1[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static const uint8_t v6_db8[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
                                       0,    0,    0,    0,    0, 0, 0, 0x42};
    static const uint8_t v6_mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 1, 2, 3};

    EXPECT_EQ_U(tern_x509_parse_ip("127.0.0.1", 9, ip), 4);
    EXPECT_TRUE(ip[0] == 127 && ip[1] == 0 && ip[2] == 0 && ip[3] == 1);
    EXPECT_EQ_U(tern_x509_parse_ip("255.255.255.255", 15, ip), 4);
    EXPECT_EQ_U(tern_x509_parse_ip("0.0.0.0", 7, ip), 4);
    /* not dotted quads */
    EXPECT_EQ_U(tern_x509_parse_ip("256.0.0.1", 9, ip), 0);
    EXPECT_EQ_U(tern_x509_parse_ip("01.0.0.1", 8, ip), 0); /* octal in inet_aton */
    EXPECT_EQ_U(tern_x509_parse_ip("1.2.3", 5, ip), 0);
    EXPECT_EQ_U(tern_x509_parse_ip("1.2.3.4.5", 9, ip), 0);
    EXPECT_EQ_U(tern_x509_parse_ip("1.2.3.", 6, ip), 0);
    EXPECT_EQ_U(tern_x509_parse_ip("0x7f.0.0.1", 10, ip), 0);
    EXPECT_EQ_U(tern_x509_parse_ip("1..2.3", 6, ip), 0);
    EXPECT_EQ_U(tern_x509_parse_ip("", 0, ip), 0);
    /* IPv6 */
    EXPECT_EQ_U(tern_x509_parse_ip("::1", 3, ip), 16);
    EXPECT_MEM_EQ(ip, v6_1, 16);
    EXPECT_EQ_U(tern_x509_parse_ip("0:0:0:0:0:0:0:1", 15, ip), 16);
    EXPECT_MEM_EQ(ip, v6_1, 16);
    EXPECT_EQ_U(tern_x509_parse_ip("2001:DB8::42", 12, ip), 16);
    EXPECT_MEM_EQ(ip, v6_db8, 16);
    EXPECT_EQ_U(tern_x509_parse_ip("::ffff:10.1.2.3", 15, ip), 16);
    EXPECT_MEM_EQ(ip, v6_mapped, 16);
    EXPECT_EQ_U(tern_x509_parse_ip("::", 2, ip), 16);
    EXPECT_EQ_U(tern_x509_parse_ip("1::", 3, ip), 16);
    EXPECT_EQ_U(tern_x509_parse_ip("1::2::3", 7, ip), 0);
    EXPECT_EQ_U(tern_x509_parse_ip(":1::2", 5, ip), 0);
    EXPECT_EQ_U(tern_x509_parse_ip("1:2:3:4:5:6:7:8:9", 17, ip), 0);
    EXPECT_EQ_U(tern_x509_parse_ip("1:2:3:4:5:6:7", 13, ip), 0);
    EXPECT_EQ_U(tern_x509_parse_ip("1:2:3:4:5:6:7::8", 16, ip), 0); /* "::" for nothing */
    EXPECT_EQ_U(tern_x509_parse_ip("12345::1", 8, ip), 0);
    EXPECT_EQ_U(tern_x509_parse_ip("1:", 2, ip), 0);
    EXPECT_EQ_U(tern_x509_parse_ip("g::1", 4, ip), 0);
    EXPECT_EQ_U(tern_x509_parse_ip("fe80::1%eth0", 12, ip), 0); /* zone ids: no */
}

static void test_dns_valid(void)
{
#define V(s, w) tern_x509_dns_valid((const uint8_t *)(s), strlen(s), (w))
    EXPECT_TRUE(V("example.com", 0));
    EXPECT_TRUE(V("a-b.example", 0));
    EXPECT_TRUE(V("localhost", 0));
    EXPECT_TRUE(V("xn--bcher-kva.example", 0));
    EXPECT_TRUE(V("*.example.com", 1));
    EXPECT_FALSE(V("*.example.com", 0));
    EXPECT_FALSE(V("*", 1));
    EXPECT_FALSE(V("f*o.example.com", 1));
    EXPECT_FALSE(V("foo.*.example.com", 1));
    EXPECT_FALSE(V("", 0));
    EXPECT_FALSE(V(".example.com", 0));
    EXPECT_FALSE(V("example..com", 0));
    EXPECT_FALSE(V("example.com.", 0));
    EXPECT_FALSE(V("-a.example", 0));
    EXPECT_FALSE(V("a-.example", 0));
    EXPECT_FALSE(V("under_score.example", 0));
    EXPECT_FALSE(V("sp ace.example", 0));
    EXPECT_FALSE(V("1.2.3.4", 0)); /* all-digit top label: an address */
    EXPECT_TRUE(V("1.2.3.com", 0));
    EXPECT_FALSE(V("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com", 0));
    EXPECT_TRUE(V("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com", 0));
#undef V
}

static void test_dns_match(void)
{
    fake f;

    fake_init(&f);
    dns(&f, "www.Example.com");
    EXPECT_TRUE(match(&f, "www.example.com"));
    EXPECT_TRUE(match(&f, "WWW.EXAMPLE.COM"));
    EXPECT_TRUE(match(&f, "www.example.com."));
    EXPECT_FALSE(match(&f, "example.com"));
    EXPECT_FALSE(match(&f, "a.www.example.com"));
    EXPECT_FALSE(match(&f, "www.example.co"));
    EXPECT_FALSE(match(&f, "www.example.com.."));
    EXPECT_FALSE(match(&f, ""));

    fake_init(&f);
    dns(&f, "*.example.com");
    EXPECT_TRUE(match(&f, "foo.example.com"));
    EXPECT_TRUE(match(&f, "FOO.example.COM"));
    EXPECT_FALSE(match(&f, "example.com"));     /* needs a label */
    EXPECT_FALSE(match(&f, "a.b.example.com")); /* one label only */
    EXPECT_FALSE(match(&f, ".example.com"));
    EXPECT_FALSE(match(&f, "fooexample.com"));

    /* wildcards elsewhere, partial or too wide never match */
    fake_init(&f);
    dns(&f, "f*.example.com");
    dns(&f, "*oo.example.com");
    dns(&f, "foo.*.com");
    dns(&f, "*.com");
    dns(&f, "*");
    dns(&f, "*.*.example.com");
    EXPECT_FALSE(match(&f, "foo.example.com"));
    EXPECT_FALSE(match(&f, "example.com"));
    EXPECT_FALSE(match(&f, "foo.bar.com"));

    /* invalid SAN entries never match, even byte for byte */
    fake_init(&f);
    dns(&f, "under_score.example");
    dns(&f, "");
    dns(&f, "trailing.dot.");
    EXPECT_FALSE(match(&f, "under_score.example"));
    EXPECT_FALSE(match(&f, "trailing.dot"));

    /* the second entry can match */
    fake_init(&f);
    dns(&f, "a.example");
    dns(&f, "b.example");
    EXPECT_TRUE(match(&f, "b.example"));
}

static void test_ip_match(void)
{
    fake f;
    static const uint8_t v4[4] = {192, 0, 2, 1};
    static const uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    fake_init(&f);
    san_add(&f, TERN_X509_GN_IP, v4, 4);
    san_add(&f, TERN_X509_GN_IP, v6, 16);
    dns(&f, "192.0.2.2.example");
    EXPECT_TRUE(match(&f, "192.0.2.1"));
    EXPECT_TRUE(match(&f, "2001:db8::1"));
    EXPECT_TRUE(match(&f, "2001:0DB8:0:0:0:0:0:1"));
    EXPECT_FALSE(match(&f, "192.0.2.2"));
    EXPECT_FALSE(match(&f, "::ffff:192.0.2.1")); /* a v6 address is not the v4 one */
    EXPECT_FALSE(match(&f, "2001:db8::2"));

    /* an IP written as a dNSName is no IP SAN, and a DNS reference never
     * matches an iPAddress */
    fake_init(&f);
    dns(&f, "192.0.2.1");
    san_add(&f, TERN_X509_GN_IP, v4, 4);
    EXPECT_TRUE(match(&f, "192.0.2.1"));
    fake_init(&f);
    dns(&f, "192.0.2.1");
    EXPECT_FALSE(match(&f, "192.0.2.1"));
}

static void test_cn_fallback(void)
{
    fake f;

    fake_init(&f);
    subject_cn(&f, "cn.example");
    /* no SAN at all: the CN counts only when the caller enables it */
    EXPECT_FALSE(match(&f, "cn.example"));
    EXPECT_OK(tern_x509_match_host(&f.c, "cn.example", 1));
    EXPECT_ERR(TERN_ERR_CERT_NAME_MISMATCH, tern_x509_match_host(&f.c, "other.example", 1));
    /* never for IP references */
    subject_cn(&f, "192.0.2.1");
    EXPECT_ERR(TERN_ERR_CERT_NAME_MISMATCH, tern_x509_match_host(&f.c, "192.0.2.1", 1));
    /* a SAN present: CN ignored */
    subject_cn(&f, "cn.example");
    dns(&f, "san.example");
    EXPECT_ERR(TERN_ERR_CERT_NAME_MISMATCH, tern_x509_match_host(&f.c, "cn.example", 1));
    EXPECT_OK(tern_x509_match_host(&f.c, "san.example", 1));
}

int main(void)
{
    RUN_TEST(test_parse_ip);
    RUN_TEST(test_dns_valid);
    RUN_TEST(test_dns_match);
    RUN_TEST(test_ip_match);
    RUN_TEST(test_cn_fallback);
    return TEST_REPORT();
}
