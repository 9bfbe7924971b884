/*
 * PEM (RFC 7468): the examples of RFC 7468 itself (read from shared/rfc:
 * fourteen blocks among page headers and prose), bundles with junk
 * between and around blocks, line endings, every malformed boundary,
 * decoding into a buffer and in place, and encoding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "asn1/asn1_internal.h"
#include "tern/pem.h"
#include "tern_test.h"
#include "tv.h"

/* "foobar" and "fooba" in base64 stand in for DER bodies. */
#define B64_FOOBAR "Zm9vYmFy"
#define B64_FOOBA "Zm9vYmE="

static int count_blocks(const char *s, size_t len, int *err)
{
    tern_pem_iter it;
    tern_pem_block b;
    int n = 0, rc;

    tern_pem_iter_init(&it, s, len);
    while ((rc = tern_pem_next(&it, &b)) > 0) {
        n++;
    }
    *err = rc;
    return n;
}

static int first_block_error(const char *s)
{
    tern_pem_iter it;
    tern_pem_block b;
    tern_pem_iter_init(&it, s, strlen(s));
    return tern_pem_next(&it, &b);
}

static void test_rfc7468_examples(void)
{
    static const char *labels[] = {"CERTIFICATE",
                                   "CERTIFICATE",
                                   "X509 CRL",
                                   "CERTIFICATE REQUEST",
                                   "PKCS7",
                                   "CMS",
                                   "PRIVATE KEY",
                                   "ENCRYPTED PRIVATE KEY",
                                   "ATTRIBUTE CERTIFICATE",
                                   "PUBLIC KEY",
                                   "X509 CERTIFICATE",
                                   "X.509 CERTIFICATE",
                                   "NEW CERTIFICATE REQUEST",
                                   "CERTIFICATE CHAIN"};
    char path[1024];
    char *text;
    size_t len, i = 0;
    tern_pem_iter it;
    tern_pem_block b;
    tv_counts c;
    int rc;

    snprintf(path, sizeof(path), "%s/../rfc/rfc7468.txt", tv_dir());
    text = tv_read_file(path, &len);
    if (text == NULL) {
        TEST_FAIL("cannot read rfc7468.txt");
        return;
    }
    tv_counts_init(&c, "rfc7468.txt");
    tern_pem_iter_init(&it, text, len);
    while ((rc = tern_pem_next(&it, &b)) > 0) {
        uint8_t der[2048];
        size_t n = 0;
        tern_reader r;
        int ok = i < sizeof(labels) / sizeof(labels[0]) && tern_pem_label_is(&b, labels[i]);
        /* Each body is one BER/DER element (headers are strict DER in
         * all of them). */
        ok = ok && tern_pem_decode(&b, der, sizeof(der), &n) == TERN_OK;
        tern_reader_init(&r, der, n);
        ok = ok && tern_der_skip(&r) == TERN_OK && tern_der_end(&r) == TERN_OK;
        ok = ok && n <= tern_pem_decoded_max(&b);
        tv_check(&c, ok, i < sizeof(labels) / sizeof(labels[0]) ? labels[i] : "extra", "block");
        i++;
    }
    EXPECT_EQ(rc, 0);
    EXPECT_EQ_U(i, 14);
    EXPECT_EQ(tv_counts_print(&c), 0);
    free(text);
}

static void test_bundle_with_junk(void)
{
    /* Comments, "Bag Attributes" (openssl pkcs12 output), blank lines,
     * explanatory text, lines of dashes that are not boundaries, a NUL
     * terminator counted in the length, mixed line endings. */
    static const char bundle[] =
        "# trust store for the device\n"
        "Bag Attributes\n"
        "    localKeyID: 01 02 03\n"
        "subject=/CN=Root\n"
        "-----BEGIN CERTIFICATE-----\n" B64_FOOBAR "\n-----END CERTIFICATE-----\n"
        "\n"
        "----------------------------\n"
        "- a list item\n"
        "Some text -----BEGIN CERTIFICATE----- not at the start of a line\n"
        "\t-----BEGIN CERTIFICATE-----  \r\n"
        "  " B64_FOOBA "  \r\n"
        "-----END CERTIFICATE-----\r\n"
        "garbage \x01\x02\xff between\n"
        "-----BEGIN PRIVATE KEY-----\r" B64_FOOBAR "\r-----END PRIVATE KEY-----\r"
        "-----BEGIN EC PARAMETERS-----\n\n" B64_FOOBAR "\n\n-----END EC PARAMETERS-----";
    tern_pem_iter it;
    tern_pem_block b;
    uint8_t der[16];
    size_t n;

    tern_pem_iter_init(&it, bundle, sizeof(bundle)); /* includes the NUL */
    EXPECT_EQ(tern_pem_next(&it, &b), 1);
    EXPECT_TRUE(tern_pem_label_is(&b, "CERTIFICATE"));
    EXPECT_FALSE(tern_pem_label_is(&b, "CERTIFICATE "));
    EXPECT_FALSE(tern_pem_label_is(&b, "CERT"));
    EXPECT_OK(tern_pem_decode(&b, der, sizeof(der), &n));
    EXPECT_EQ_U(n, 6);
    EXPECT_MEM_EQ(der, "foobar", 6);
    EXPECT_TRUE(bundle + b.offset == strstr(bundle, "-----BEGIN"));
    EXPECT_TRUE(b.body == bundle + b.body_offset);
    EXPECT_MEM_EQ(bundle + b.offset + b.len - 26, "-----END CERTIFICATE-----\n", 26);

    EXPECT_EQ(tern_pem_next(&it, &b), 1);
    EXPECT_TRUE(tern_pem_label_is(&b, "CERTIFICATE"));
    EXPECT_OK(tern_pem_decode(&b, der, sizeof(der), &n));
    EXPECT_EQ_U(n, 5);
    EXPECT_MEM_EQ(der, "fooba", 5);
    EXPECT_EQ(bundle[b.offset], '\t');

    EXPECT_EQ(tern_pem_next(&it, &b), 1);
    EXPECT_TRUE(tern_pem_label_is(&b, "PRIVATE KEY"));
    EXPECT_OK(tern_pem_decode(&b, der, sizeof(der), &n));
    EXPECT_MEM_EQ(der, "foobar", 6);

    EXPECT_EQ(tern_pem_next(&it, &b), 1);
    EXPECT_TRUE(tern_pem_label_is(&b, "EC PARAMETERS"));
    EXPECT_OK(tern_pem_decode(&b, der, sizeof(der), &n));
    EXPECT_MEM_EQ(der, "foobar", 6);

    EXPECT_EQ(tern_pem_next(&it, &b), 0);
    EXPECT_EQ(tern_pem_next(&it, &b), 0);

    /* The text ends at a NUL (a C string's terminator counted in the
     * length), even if more follows. */
    {
        static const char two[] = "-----BEGIN A-----\n" B64_FOOBAR "\n-----END A-----"
                                  "\0-----BEGIN B-----\n" B64_FOOBAR "\n-----END B-----\n";
        int err = 9;
        EXPECT_EQ(count_blocks(two, sizeof(two), &err), 1);
        EXPECT_EQ(err, 0);
    }
    /* Nothing at all, or text only. */
    {
        int err = 9;
        EXPECT_EQ(count_blocks(NULL, 0, &err), 0);
        EXPECT_EQ(err, 0);
        EXPECT_EQ(count_blocks("hello\nworld\n", 12, &err), 0);
        EXPECT_EQ(err, 0);
    }
}

static void test_line_endings(void)
{
    static const char *forms[] = {
        "-----BEGIN X-----\n" B64_FOOBAR "\n" B64_FOOBA "\n-----END X-----\n",
        "-----BEGIN X-----\r\n" B64_FOOBAR "\r\n" B64_FOOBA "\r\n-----END X-----\r\n",
        "-----BEGIN X-----\r" B64_FOOBAR "\r" B64_FOOBA "\r-----END X-----\r",
        "-----BEGIN X-----\n" B64_FOOBAR "\r\n" B64_FOOBA "\r-----END X-----",
        "-----BEGIN X-----\n \t" B64_FOOBAR " \n\n\n" B64_FOOBA "\t\n-----END X----- \t",
        /* A quantum split over lines is fine (RFC 7468 lax form). */
        "-----BEGIN X-----\nZm9\nvYmFyZm9vYmE\n=\n-----END X-----\n",
    };
    size_t i;

    for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        tern_pem_iter it;
        tern_pem_block b;
        uint8_t der[32];
        size_t n = 0;
        tern_pem_iter_init(&it, forms[i], strlen(forms[i]));
        EXPECT_EQ(tern_pem_next(&it, &b), 1);
        EXPECT_OK(tern_pem_decode(&b, der, sizeof(der), &n));
        EXPECT_EQ_U(n, 11);
        EXPECT_MEM_EQ(der, "foobarfooba", 11);
        EXPECT_EQ(tern_pem_next(&it, &b), 0);
    }
}

static void test_malformed(void)
{
    /* Labels must match. */
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN CERTIFICATE-----\n" B64_FOOBAR
                                               "\n-----END PRIVATE KEY-----\n"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN CERTIFICATE-----\n" B64_FOOBAR
                                               "\n-----END CERTIFICATES-----\n"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN CERTIFICATE-----\n" B64_FOOBAR
                                               "\n-----END certificate-----\n"));
    /* Missing END, at EOF and before the next BEGIN. */
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN CERTIFICATE-----\n" B64_FOOBAR "\n"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN CERTIFICATE-----"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN CERTIFICATE-----\n" B64_FOOBAR
                                               "\n-----BEGIN CERTIFICATE-----\n" B64_FOOBAR
                                               "\n-----END CERTIFICATE-----\n"));
    /* Text inside a block. */
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN X-----\n" B64_FOOBAR
                                               "\nhello world\n-----END X-----\n"));
    EXPECT_ERR(TERN_ERR_PEM,
               first_block_error("-----BEGIN X-----\n" B64_FOOBAR "*\n-----END X-----\n"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN X-----\nZm9v Ym Fy\n-----END X-----\n"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN X-----\nZm9v-YmFy\n-----END X-----\n"));
    EXPECT_ERR(TERN_ERR_PEM,
               first_block_error("-----BEGIN X-----\n" B64_FOOBAR "\n-----END X----- trailing\n"));
    {
        static const char nul[] = "-----BEGIN X-----\nZm9v\0mFy\n-----END X-----\n";
        tern_pem_iter it;
        tern_pem_block b;
        tern_pem_iter_init(&it, nul, sizeof(nul) - 1);
        EXPECT_ERR(TERN_ERR_PEM, tern_pem_next(&it, &b));
    }
    /* Damaged boundaries outside a block, and a stray END. */
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN CERTIFICATE\n" B64_FOOBAR
                                               "\n-----END CERTIFICATE-----\n"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGINCERTIFICATE-----\n"));
    EXPECT_ERR(TERN_ERR_PEM,
               first_block_error("-----BEGINXCERT-----\n" B64_FOOBAR "\n-----END CERT-----\n"));
    EXPECT_ERR(TERN_ERR_PEM,
               first_block_error("-----BEGIN CERT-----\n" B64_FOOBAR "\n-----ENDXCERT-----\n"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN CERTIFICATE-----x\n"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN ----\n"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("text\n-----END CERTIFICATE-----\n"));
    /* RFC 7468 section 3 labels: no doubled, leading or trailing '-' or
     * space, printable characters only. */
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN A  B-----\n-----END A  B-----\n"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN A--B-----\n-----END A--B-----\n"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN -A-----\n-----END -A-----\n"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN A------\n-----END A------\n"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN A\x80-----\n-----END A\x80-----\n"));
    EXPECT_EQ(first_block_error("-----BEGIN A-B C-----\n-----END A-B C-----\n"), 1);
    EXPECT_EQ(first_block_error("-----BEGIN -----\n" B64_FOOBAR "\n-----END -----\n"), 1);

    /* RFC 1421 headers: legacy encrypted PEM. */
    EXPECT_ERR(
        TERN_ERR_UNSUPPORTED,
        first_block_error("-----BEGIN RSA PRIVATE KEY-----\n"
                          "Proc-Type: 4,ENCRYPTED\n"
                          "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n" B64_FOOBAR
                          "\n-----END RSA PRIVATE KEY-----\n"));
    EXPECT_ERR(TERN_ERR_PEM, first_block_error("-----BEGIN X-----\n" B64_FOOBAR
                                               "\nKey: value\n-----END X-----\n"));

    /* The iterator does not move past an error. */
    {
        static const char two[] = "-----BEGIN A-----\n" B64_FOOBAR "\n-----END A-----\n"
                                  "-----BEGIN B-----\n" B64_FOOBAR "\n-----END C-----\n";
        tern_pem_iter it;
        tern_pem_block b;
        size_t pos;
        tern_pem_iter_init(&it, two, strlen(two));
        EXPECT_EQ(tern_pem_next(&it, &b), 1);
        pos = it.pos;
        EXPECT_ERR(TERN_ERR_PEM, tern_pem_next(&it, &b));
        EXPECT_EQ_U(it.pos, pos);
        EXPECT_ERR(TERN_ERR_PEM, tern_pem_next(&it, &b));
    }
}

static void test_bad_base64_in_block(void)
{
    static const char *bodies[] = {"Zm9vYmF",    "Zm9vYh==",  "Zm9=YmFy",
                                   "Zg==\nZg==", "Zm9vYmFy=", "===="};
    size_t i;

    for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        char pem[128];
        tern_pem_iter it;
        tern_pem_block b;
        uint8_t der[16];
        size_t n;
        snprintf(pem, sizeof(pem), "-----BEGIN X-----\n%s\n-----END X-----\n", bodies[i]);
        tern_pem_iter_init(&it, pem, strlen(pem));
        EXPECT_EQ(tern_pem_next(&it, &b), 1);
        EXPECT_ERR(TERN_ERR_PEM, tern_pem_decode(&b, der, sizeof(der), &n));
    }
}

static void test_decode_sizes(void)
{
    static const char pem[] = "-----BEGIN X-----\n" B64_FOOBAR "\n" B64_FOOBA "\n-----END X-----\n";
    tern_pem_iter it;
    tern_pem_block b;
    uint8_t der[16];
    size_t n = 0;

    tern_pem_iter_init(&it, pem, strlen(pem));
    EXPECT_EQ(tern_pem_next(&it, &b), 1);
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_pem_decode(&b, der, 10, &n));
    EXPECT_EQ_U(n, 11);
    EXPECT_OK(tern_pem_decode(&b, der, 11, &n));
    EXPECT_TRUE(tern_pem_decoded_max(&b) >= 11);
}

static void test_in_place(void)
{
    char pem[] = "junk\n-----BEGIN A-----\n" B64_FOOBAR "\n" B64_FOOBA "\n-----END A-----\n"
                 "-----BEGIN B-----\n" B64_FOOBA "\n-----END B-----\n";
    char other[sizeof(pem)];
    tern_pem_iter it;
    tern_pem_block a, b;
    uint8_t *der = NULL;
    size_t n = 0, i;
    int zeros = 1;

    memcpy(other, pem, sizeof(pem));
    tern_pem_iter_init(&it, pem, sizeof(pem) - 1);
    EXPECT_EQ(tern_pem_next(&it, &a), 1);
    /* Not this buffer, or outside it: refused. */
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_pem_decode_inplace(&a, other, sizeof(other), &der, &n));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_pem_decode_inplace(&a, pem, a.body_offset + 3, &der, &n));
    EXPECT_MEM_EQ(pem, other, sizeof(pem));

    EXPECT_OK(tern_pem_decode_inplace(&a, pem, sizeof(pem), &der, &n));
    EXPECT_TRUE(der == (uint8_t *)pem + a.body_offset);
    EXPECT_EQ_U(n, 11);
    EXPECT_MEM_EQ(der, "foobarfooba", 11);
    for (i = n; i < a.body_len; i++) {
        zeros &= der[i] == 0;
    }
    EXPECT_TRUE(zeros);
    /* The next block is untouched and still found. */
    EXPECT_EQ(tern_pem_next(&it, &b), 1);
    EXPECT_TRUE(tern_pem_label_is(&b, "B"));
    EXPECT_OK(tern_pem_decode_inplace(&b, pem, sizeof(pem), &der, &n));
    EXPECT_MEM_EQ(der, "fooba", 5);

    /* A failing in-place decode wipes the whole body. */
    {
        char bad[] = "-----BEGIN A-----\nZm9vYh==\n-----END A-----\n";
        tern_pem_iter_init(&it, bad, strlen(bad));
        EXPECT_EQ(tern_pem_next(&it, &a), 1);
        EXPECT_ERR(TERN_ERR_PEM, tern_pem_decode_inplace(&a, bad, sizeof(bad), &der, &n));
        zeros = 1;
        for (i = 0; i < a.body_len; i++) {
            zeros &= bad[a.body_offset + i] == 0;
        }
        EXPECT_TRUE(zeros);
        EXPECT_MEM_EQ(bad + a.body_offset + a.body_len, "-----END A-----\n", 16);
    }
}

static void test_encode(void)
{
    uint8_t der[300], back[300];
    char pem[600];
    size_t len, n, m;

    for (len = 0; len < sizeof(der); len++) {
        der[len] = (uint8_t)(len * 7u + 3u);
    }
    for (len = 0; len <= sizeof(der); len += 1) {
        tern_pem_iter it;
        tern_pem_block b;
        size_t i, col = 0, longest = 0;
        EXPECT_OK(tern_pem_encode("CERTIFICATE", der, len, pem, sizeof(pem), &n));
        EXPECT_EQ_U(n, tern_pem_encoded_len(11, len));
        /* RFC 7468 stricttextualmsg: 64-character lines. */
        for (i = 0; i < n; i++) {
            if (pem[i] == '\n') {
                col = 0;
            } else if (++col > longest && pem[i] != '-') {
                longest = col;
            }
        }
        EXPECT_TRUE(longest <= 64);
        EXPECT_EQ(pem[n - 1], '\n');
        tern_pem_iter_init(&it, pem, n);
        EXPECT_EQ(tern_pem_next(&it, &b), 1);
        EXPECT_TRUE(tern_pem_label_is(&b, "CERTIFICATE"));
        EXPECT_OK(tern_pem_decode(&b, back, sizeof(back), &m));
        EXPECT_EQ_U(m, len);
        EXPECT_MEM_EQ(back, der, len);
        EXPECT_EQ(tern_pem_next(&it, &b), 0);
    }
    EXPECT_OK(tern_pem_encode("X", (const uint8_t *)"foobar", 6, pem, sizeof(pem), &n));
    EXPECT_EQ_U(n, strlen("-----BEGIN X-----\nZm9vYmFy\n-----END X-----\n"));
    EXPECT_MEM_EQ(pem, "-----BEGIN X-----\nZm9vYmFy\n-----END X-----\n", n);
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
               tern_pem_encode("X", (const uint8_t *)"foobar", 6, pem, n - 1, &m));
    EXPECT_EQ_U(m, n);
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_pem_encode("A--B", der, 3, pem, sizeof(pem), &n));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_pem_encode("A\nB", der, 3, pem, sizeof(pem), &n));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_pem_encode(" A", der, 3, pem, sizeof(pem), &n));
}

int main(void)
{
    RUN_TEST(test_rfc7468_examples);
    RUN_TEST(test_bundle_with_junk);
    RUN_TEST(test_line_endings);
    RUN_TEST(test_malformed);
    RUN_TEST(test_bad_base64_in_block);
    RUN_TEST(test_decode_sizes);
    RUN_TEST(test_in_place);
    RUN_TEST(test_encode);
    return TEST_REPORT();
}
