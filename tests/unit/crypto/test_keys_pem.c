/*
 * Key PEM entry points and format detection: block selection by label in
 * bundles (RFC 7468 itself, certificates from shared/vectors), the label
 * deciding the format, "EC PARAMETERS" blocks, encrypted keys, buffer
 * sizes, wiping of the decoded DER on failure, in-place decoding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "der_build.h"
#include "tern/keys.h"
#include "tern/pem.h"
#include "tern_test.h"
#include "tv.h"

static char *read_shared(const char *path, size_t *len)
{
    char *s = tv_read_file(path, len);
    if (s == NULL) {
        TEST_FAIL(path);
    }
    return s;
}

static void test_rfc7468_keys(void)
{
    char path[1024];
    size_t len;
    char *text;
    uint8_t der[4096];
    tern_privkey k;
    tern_pubkey p;

    snprintf(path, sizeof(path), "%s/../rfc/rfc7468.txt", tv_dir());
    text = read_shared(path, &len);
    if (text == NULL) {
        return;
    }
    /* Figure 15: a P-384 SubjectPublicKeyInfo, among certificates. */
    EXPECT_OK(tern_key_parse_public_pem(text, len, der, sizeof(der), &p));
    EXPECT_EQ(p.type, TERN_KEY_EC);
    EXPECT_EQ(p.u.ec.curve, TERN_GROUP_SECP384R1);
    EXPECT_EQ_U(p.u.ec.q_len, 97);
    /* Figure 12 is a secp256k1 key: unsupported curve. */
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               tern_key_parse_private_pem(text, len, der, sizeof(der), &k));
    /* Figure 13, found when the first block is skipped. */
    {
        const char *enc = strstr(text, "-----BEGIN ENCRYPTED PRIVATE KEY-----");
        EXPECT_TRUE(enc != NULL);
        if (enc != NULL) {
            EXPECT_ERR(
                TERN_ERR_UNSUPPORTED,
                tern_key_parse_private_pem(enc, len - (size_t)(enc - text), der, sizeof(der), &k));
        }
    }
    /* In place on the whole RFC text. */
    EXPECT_OK(tern_key_parse_public_pem_inplace(text, len, &p));
    EXPECT_EQ(p.u.ec.curve, TERN_GROUP_SECP384R1);
    free(text);
}

static void test_not_found(void)
{
    size_t len;
    char *cert = read_shared("botan/tls_13_rfc8448/server_certificate.pem", &len);
    uint8_t der[2048];
    tern_privkey k;
    tern_pubkey p;

    if (cert == NULL) {
        return;
    }
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_key_parse_private_pem(cert, len, der, sizeof(der), &k));
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_key_parse_public_pem(cert, len, der, sizeof(der), &p));
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_key_parse_private_pem_inplace(cert, len, &k));
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_key_parse_private_pem(NULL, 0, NULL, 0, &k));
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_key_parse_public_pem("text", 4, der, sizeof(der), &p));
    /* A malformed block before any key is an error, not a skip. */
    EXPECT_ERR(TERN_ERR_PEM, tern_key_parse_private_pem("-----BEGIN X-----\n!!\n-----END X-----\n",
                                                        36, der, sizeof(der), &k));
    free(cert);
}

/* PEM text of a DER structure (malloc'd). */
static char *pem_of(const char *label, const uint8_t *der, size_t len, size_t *out_len)
{
    size_t cap = tern_pem_encoded_len(strlen(label), len);
    char *s = malloc(cap + 1);
    if (tern_pem_encode(label, der, len, s, cap, out_len) != TERN_OK) {
        TEST_FAIL("pem encode");
    }
    s[*out_len] = 0;
    return s;
}

static void test_labels_pick_format(void)
{
    size_t len, n;
    char *key_pem = read_shared("botan/tls_13_rfc8448/server_raw_public_keypair.pem", &len);
    uint8_t der[1024], sec1_der[512], spki_der[512];
    tern_privkey k;
    tern_pubkey p;
    dbuf sec1, spki, body, bits;
    char *s;

    if (key_pem == NULL) {
        return;
    }
    EXPECT_OK(tern_key_parse_private_pem(key_pem, len, der, sizeof(der), &k));
    EXPECT_EQ(k.type, TERN_KEY_EC);

    /* The same key as SEC1 ("EC PRIVATE KEY") after an "EC PARAMETERS"
     * block, as `openssl ecparam -genkey` writes it. */
    body.n = 0;
    db_small_int(&body, 1);
    db_tlv(&body, 0x04, k.u.ec.d, k.u.ec.d_len);
    db_tlv_hex(&body, 0xa0, "06 08 2a 86 48 ce 3d 03 01 07");
    sec1.n = 0;
    db_wrap(&sec1, 0x30, &body);
    memcpy(sec1_der, sec1.b, sec1.n);
    s = pem_of("EC PRIVATE KEY", sec1.b, sec1.n, &n);
    {
        const char *params = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n"
                             "-----END EC PARAMETERS-----\n";
        size_t pl = strlen(params);
        char *both = malloc(pl + n + 1);
        memcpy(both, params, pl);
        memcpy(both + pl, s, n + 1);
        EXPECT_OK(tern_key_parse_private_pem(both, pl + n, der, sizeof(der), &k));
        EXPECT_EQ(k.type, TERN_KEY_EC);
        EXPECT_EQ(k.u.ec.curve, TERN_GROUP_SECP256R1);
        /* The label decides: SEC1 under "PRIVATE KEY" or "RSA PRIVATE
         * KEY" is not accepted. */
        free(s);
        s = pem_of("PRIVATE KEY", sec1_der, sec1.n, &n);
        EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_private_pem(s, n, der, sizeof(der), &k));
        free(s);
        /* (SEC1 version 1 reads as a multi-prime RSAPrivateKey.) */
        s = pem_of("RSA PRIVATE KEY", sec1_der, sec1.n, &n);
        EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
                   tern_key_parse_private_pem(s, n, der, sizeof(der), &k));
        free(both);
    }
    free(s);

    /* SPKI under "RSA PUBLIC KEY" is refused; under "PUBLIC KEY" fine. */
    spki.n = 0;
    body.n = 0;
    db_tlv_hex(&body, 0x30, "06 07 2a 86 48 ce 3d 02 01 06 08 2a 86 48 ce 3d 03 01 07");
    bits.n = 0;
    db_byte(&bits, 0);
    EXPECT_OK(tern_key_parse_private_pem(key_pem, len, der, sizeof(der), &k));
    db_put(&bits, k.u.ec.q, k.u.ec.q_len);
    db_wrap(&body, 0x03, &bits);
    db_wrap(&spki, 0x30, &body);
    memcpy(spki_der, spki.b, spki.n);
    s = pem_of("PUBLIC KEY", spki_der, spki.n, &n);
    EXPECT_OK(tern_key_parse_public_pem(s, n, der, sizeof(der), &p));
    EXPECT_EQ(p.type, TERN_KEY_EC);
    free(s);
    s = pem_of("RSA PUBLIC KEY", spki_der, spki.n, &n);
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_public_pem(s, n, der, sizeof(der), &p));
    free(s);
    /* Private key labels are not public key labels. */
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_key_parse_public_pem(key_pem, len, der, sizeof(der), &p));
    /* Too small a DER buffer. */
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_key_parse_private_pem(key_pem, len, der, 100, &k));
    free(key_pem);
}

static void test_auto_detect(void)
{
    static const struct {
        const char *hex;
        int want_private, want_public;
    } cases[] = {
        {"30 00", TERN_ERR_ASN1, TERN_ERR_ASN1},                      /* empty SEQUENCE */
        {"30 03 01 01 ff", TERN_ERR_ASN1, TERN_ERR_ASN1},             /* BOOLEAN inside */
        {"30 06 02 01 00 01 01 ff", TERN_ERR_ASN1, TERN_ERR_BAD_KEY}, /* n = 0 for public */
        {"30 05 02 01 00 04 00", TERN_ERR_BAD_KEY, TERN_ERR_BAD_KEY}, /* SEC1 v0 */
        {"02 01 00", TERN_ERR_ASN1, TERN_ERR_ASN1},                   /* not a SEQUENCE */
        {"30 03 02 01 00 00", TERN_ERR_ASN1, TERN_ERR_ASN1},          /* trailing byte */
        {"30 80 02 01 00 00 00", TERN_ERR_ASN1, TERN_ERR_ASN1},       /* indefinite */
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        dbuf d;
        tern_privkey k;
        tern_pubkey p;
        d.n = 0;
        db_hex(&d, cases[i].hex);
        EXPECT_ERR(cases[i].want_private, tern_key_parse_private(d.b, d.n, &k));
        EXPECT_ERR(cases[i].want_public, tern_key_parse_public(d.b, d.n, &p));
    }
}

/* 1 if the n bytes at buf contain the string s (NULs allowed in buf). */
static int contains(const char *buf, size_t n, const char *s)
{
    size_t m = strlen(s), i;
    for (i = 0; i + m <= n; i++) {
        if (memcmp(buf + i, s, m) == 0) {
            return 1;
        }
    }
    return 0;
}

/* A private key that decodes but fails to parse leaves no DER behind. */
static void test_wipe_on_failure(void)
{
    size_t len, n, i, pl;
    char *key_pem = read_shared("botan/tls_13_rfc8448/server_key.pem", &len);
    uint8_t der[2048], bad_der[2048];
    tern_privkey k;
    char *s;
    int zeros = 1;

    if (key_pem == NULL) {
        return;
    }
    n = 0;
    {
        tern_pem_iter it;
        tern_pem_block b;
        tern_pem_iter_init(&it, key_pem, len);
        EXPECT_EQ(tern_pem_next(&it, &b), 1);
        EXPECT_OK(tern_pem_decode(&b, bad_der, sizeof(bad_der), &n));
    }
    /* Trailing garbage inside the outer SEQUENCE: the outer length grows
     * by one (it is 82 xx yy) and a zero byte is appended. */
    EXPECT_EQ(bad_der[1], 0x82);
    bad_der[3]++;
    bad_der[n] = 0;
    s = pem_of("PRIVATE KEY", bad_der, n + 1, &pl);
    memset(der, 0x5a, sizeof(der));
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_private_pem(s, pl, der, sizeof(der), &k));
    for (i = 0; i < n + 1; i++) {
        zeros &= der[i] == 0;
    }
    EXPECT_TRUE(zeros);
    EXPECT_EQ(der[n + 1], 0x5a);
    /* In place: the block's body is wiped. */
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_private_pem_inplace(s, pl, &k));
    EXPECT_FALSE(contains(s, pl, "MII"));
    EXPECT_TRUE(contains(s, pl, "-----BEGIN PRIVATE KEY-----\n"));
    EXPECT_TRUE(contains(s, pl, "-----END PRIVATE KEY-----\n"));
    {
        /* Everything between the boundary lines is zero. */
        size_t body = strlen("-----BEGIN PRIVATE KEY-----\n"), end = pl - 26, j;
        int all = 1;
        for (j = body; j < end; j++) {
            all &= s[j] == 0;
        }
        EXPECT_TRUE(all);
    }
    free(s);

    /* Successful in-place parse: the key points into the PEM buffer. */
    EXPECT_OK(tern_key_parse_private_pem_inplace(key_pem, len, &k));
    EXPECT_TRUE((const char *)k.u.rsa.n > key_pem && (const char *)k.u.rsa.n < key_pem + len);
    free(key_pem);
}

int main(void)
{
    RUN_TEST(test_rfc7468_keys);
    RUN_TEST(test_not_found);
    RUN_TEST(test_labels_pick_format);
    RUN_TEST(test_auto_detect);
    RUN_TEST(test_wipe_on_failure);
    return TEST_REPORT();
}
