/*
 * PEM <-> DER for certificate chains: round trips, sizes, bundles with
 * junk, in place, capacity and malformed input.
 */
#include "tern/pem.h"
#include "x509_test_util.h"

static void test_round_trip(void)
{
    xt_chain c;
    char *pem;
    size_t len, need, n, i;
    uint8_t der[8192];
    const uint8_t *certs[4];
    size_t lens[4];

    memset(&c, 0, sizeof(c));
    xt_chain_add(&c, "server-rsa2048.der");
    xt_chain_add(&c, "int-ca.der");
    xt_chain_add(&c, "root-ca.der");
    need = tern_x509_chain_pem_len(c.lens, c.n);
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
               tern_x509_chain_to_pem(c.certs, c.lens, c.n, NULL, 0, &len));
    EXPECT_EQ_U(len, need);
    pem = (char *)malloc(need);
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
               tern_x509_chain_to_pem(c.certs, c.lens, c.n, pem, need - 1, &len));
    EXPECT_OK(tern_x509_chain_to_pem(c.certs, c.lens, c.n, pem, need, &len));
    EXPECT_EQ_U(len, need);
    EXPECT_TRUE(memcmp(pem, "-----BEGIN CERTIFICATE-----\n", 28) == 0);
    /* the same text openssl writes for each certificate */
    {
        size_t flen;
        uint8_t *file = xt_read("server-rsa2048.pem", &flen);
        EXPECT_TRUE(flen <= len && memcmp(pem, file, flen) == 0);
        free(file);
    }
    /* back */
    EXPECT_OK(tern_x509_chain_from_pem(pem, len, der, sizeof(der), certs, lens, 4, &n));
    EXPECT_EQ_U(n, 3);
    for (i = 0; i < n && i < 3; i++) {
        EXPECT_EQ_U(lens[i], c.lens[i]);
        EXPECT_MEM_EQ(certs[i], c.certs[i], c.lens[i]);
    }
    EXPECT_ERR(TERN_ERR_FULL,
               tern_x509_chain_from_pem(pem, len, der, sizeof(der), certs, lens, 2, &n));
    EXPECT_EQ_U(n, 2);
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
               tern_x509_chain_from_pem(pem, len, der, c.lens[0] + 10, certs, lens, 4, &n));
    EXPECT_EQ_U(n, 1);
    /* in place */
    EXPECT_OK(tern_x509_chain_from_pem_inplace(pem, len, certs, lens, 4, &n));
    EXPECT_EQ_U(n, 3);
    EXPECT_TRUE(certs[0] >= (const uint8_t *)pem && certs[2] < (const uint8_t *)pem + len);
    EXPECT_MEM_EQ(certs[2], c.certs[2], c.lens[2]);
    /* empty chain */
    EXPECT_OK(tern_x509_chain_to_pem(c.certs, c.lens, 0, NULL, 0, &len));
    EXPECT_EQ_U(len, 0);
    free(pem);
    xt_chain_free(&c);
}

static void test_junk(void)
{
    static const char text[] = "Certificate chain\n 0 s:CN=x\n---\n"
                               "-----BEGIN EC PRIVATE KEY-----\n"
                               "MHcCAQEEIGu9ePsFeNPEYclk05xG3gG2gd/HnJtxEWJbN4o4t3bfoAoGCCqGSM49\n"
                               "-----END EC PRIVATE KEY-----\n"
                               "no certificate here\n";
    static const char not_a_cert[] =
        "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n";
    uint8_t der[256];
    const uint8_t *certs[2];
    size_t lens[2], n = 7;
    uint8_t *a;
    size_t alen;
    char *mixed;

    /* the key block (a truncated key) is skipped undecoded: only
     * certificates are read */
    EXPECT_ERR(TERN_ERR_NOT_FOUND,
               tern_x509_chain_from_pem(text, sizeof(text), der, sizeof(der), certs, lens, 2, &n));
    EXPECT_ERR(TERN_ERR_NOT_FOUND,
               tern_x509_chain_from_pem("plain text\n", 11, der, sizeof(der), certs, lens, 2, &n));
    EXPECT_EQ_U(n, 0);
    EXPECT_ERR(TERN_ERR_CERT_PARSE, tern_x509_chain_from_pem(not_a_cert, sizeof(not_a_cert), der,
                                                             sizeof(der), certs, lens, 2, &n));
    /* a certificate among comments */
    a = xt_read("int-ca.pem", &alen);
    mixed = (char *)malloc(alen + 64);
    memcpy(mixed, "subject=whatever\r\n", 18);
    memcpy(mixed + 18, a, alen);
    memcpy(mixed + 18 + alen, "trailer", 7);
    {
        uint8_t big[2048];
        EXPECT_OK(
            tern_x509_chain_from_pem(mixed, 18 + alen + 7, big, sizeof(big), certs, lens, 2, &n));
        EXPECT_EQ_U(n, 1);
    }
    free(mixed);
    free(a);
}

int main(void)
{
    RUN_TEST(test_round_trip);
    RUN_TEST(test_junk);
    return TEST_REPORT();
}
