/*
 * EC (SEC1 / RFC 5915 / RFC 5480) and Curve25519 (RFC 8410) key formats,
 * field by field. The EC reference key is the RFC 8448 server "raw public
 * key" pair from shared/vectors; the Ed25519 keys are the two PKCS#8
 * examples of RFC 8410 section 10.3 (the second with attributes and the
 * public key, version 1).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "der_build.h"
#include "tern/keys.h"
#include "tern_test.h"
#include "tv.h"

#define OID_ECPK "2a 86 48 ce 3d 02 01"
#define OID_P256 "2a 86 48 ce 3d 03 01 07"
#define OID_P384 "2b 81 04 00 22"
#define OID_K256 "2b 81 04 00 0a"
#define OID_ED25519 "2b 65 70"
#define OID_X25519 "2b 65 6e"

/* RFC 8410 10.3. */
static const char rfc8410_v1[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
    "-----END PRIVATE KEY-----\n";
static const char rfc8410_v2[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MHICAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
    "oB8wHQYKKoZIhvcNAQkJFDEPDA1DdXJkbGUgQ2hhaXJzgSEAGb9ECWmEzf6FQbrB\n"
    "Z9w7lshQhqowtrbLDFw4rXAxZuE=\n"
    "-----END PRIVATE KEY-----\n";
static const char rfc8410_pub[] = "-----BEGIN PUBLIC KEY-----\n"
                                  "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
                                  "-----END PUBLIC KEY-----\n";

static uint8_t ref_der[512];
static uint8_t d_ref[32], q_ref[65];

static int load_base(void)
{
    size_t len;
    char *pem = tv_read_file("botan/tls_13_rfc8448/server_raw_public_keypair.pem", &len);
    tern_privkey k;
    int rc;

    if (pem == NULL) {
        return -1;
    }
    rc = tern_key_parse_private_pem(pem, len, ref_der, sizeof(ref_der), &k);
    free(pem);
    if (rc != TERN_OK || k.type != TERN_KEY_EC || k.u.ec.d_len != 32 || k.u.ec.q == NULL ||
        k.u.ec.q_len != 65) {
        return -1;
    }
    memcpy(d_ref, k.u.ec.d, 32);
    memcpy(q_ref, k.u.ec.q, 65);
    return 0;
}

/* A BIT STRING (unused bits 0) holding p[0..n). */
static void bits_of(dbuf *out, uint8_t tag, const uint8_t *p, size_t n, uint8_t unused)
{
    dbuf t;
    t.n = 0;
    db_byte(&t, unused);
    db_put(&t, p, n);
    db_wrap(out, tag, &t);
}

/* ECPrivateKey: version, d, [0] params (hex contents or NULL), [1]
 * public key (or NULL), extra hex. */
static void build_sec1(dbuf *out, int version, const uint8_t *d, size_t d_len,
                       const char *params_hex, const uint8_t *q, size_t q_len, const char *extra)
{
    dbuf body;
    body.n = 0;
    db_small_int(&body, version);
    db_tlv(&body, 0x04, d, d_len);
    if (params_hex != NULL) {
        db_tlv_hex(&body, 0xa0, params_hex);
    }
    if (q != NULL) {
        dbuf b;
        b.n = 0;
        bits_of(&b, 0x03, q, q_len, 0);
        db_wrap(&body, 0xa1, &b);
    }
    db_hex(&body, extra);
    out->n = 0;
    db_wrap(out, 0x30, &body);
}

static void build_pkcs8(dbuf *out, int version, const char *algid_hex, const dbuf *inner,
                        const dbuf *extra)
{
    dbuf body;
    body.n = 0;
    db_small_int(&body, version);
    db_tlv_hex(&body, 0x30, algid_hex);
    db_wrap(&body, 0x04, inner);
    if (extra != NULL) {
        db_put(&body, extra->b, extra->n);
    }
    out->n = 0;
    db_wrap(out, 0x30, &body);
}

static void build_spki(dbuf *out, const char *algid_hex, const uint8_t *key, size_t n,
                       uint8_t unused)
{
    dbuf body;
    body.n = 0;
    db_tlv_hex(&body, 0x30, algid_hex);
    bits_of(&body, 0x03, key, n, unused);
    out->n = 0;
    db_wrap(out, 0x30, &body);
}

static int sec1_rc(const dbuf *d)
{
    tern_privkey k;
    return tern_key_parse_sec1(d->b, d->n, &k);
}

static int spki_rc(const char *algid_hex, const uint8_t *key, size_t n)
{
    dbuf d;
    tern_pubkey k;
    build_spki(&d, algid_hex, key, n, 0);
    return tern_key_parse_spki(d.b, d.n, &k, NULL);
}

static void test_sec1(void)
{
    static const uint8_t zero[48];
    uint8_t d48[49], q97[97];
    dbuf d;
    tern_privkey k;
    tern_pubkey p;

    build_sec1(&d, 1, d_ref, 32, "06 08 " OID_P256, q_ref, 65, "");
    EXPECT_OK(tern_key_parse_sec1(d.b, d.n, &k));
    EXPECT_OK(tern_key_parse_private(d.b, d.n, &k));
    EXPECT_EQ(k.u.ec.curve, TERN_GROUP_SECP256R1);
    EXPECT_MEM_EQ(k.u.ec.d, d_ref, 32);
    EXPECT_OK(tern_pubkey_from_privkey(&k, &p));
    EXPECT_MEM_EQ(p.u.ec.q, q_ref, 65);
    EXPECT_EQ_U(tern_pubkey_bits(&p), 256);
    /* Without the public key. */
    build_sec1(&d, 1, d_ref, 32, "06 08 " OID_P256, NULL, 0, "");
    EXPECT_OK(tern_key_parse_sec1(d.b, d.n, &k));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_pubkey_from_privkey(&k, &p));
    /* A shorter octet string means leading zeros (pk.h). */
    build_sec1(&d, 1, d_ref + 1, 31, "06 08 " OID_P256, NULL, 0, "");
    EXPECT_OK(tern_key_parse_sec1(d.b, d.n, &k));
    EXPECT_EQ_U(k.u.ec.d_len, 31);
    /* P-384. */
    memset(d48, 0x42, sizeof(d48));
    q97[0] = 0x04;
    memset(q97 + 1, 0x17, 96);
    build_sec1(&d, 1, d48, 48, "06 05 " OID_P384, q97, 97, "");
    EXPECT_OK(tern_key_parse_sec1(d.b, d.n, &k));
    EXPECT_EQ(k.u.ec.curve, TERN_GROUP_SECP384R1);
    EXPECT_OK(tern_pubkey_from_privkey(&k, &p));
    EXPECT_EQ_U(tern_pubkey_bits(&p), 384);

    /* Standalone SEC1 needs its parameters (RFC 5915 3). */
    build_sec1(&d, 1, d_ref, 32, NULL, q_ref, 65, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, sec1_rc(&d));
    build_sec1(&d, 1, d_ref, 32, "05 00", q_ref, 65, "");
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, sec1_rc(&d));
    build_sec1(&d, 1, d_ref, 32, "06 05 " OID_K256, NULL, 0, "");
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, sec1_rc(&d));
    build_sec1(&d, 1, d_ref, 32, "06 08 " OID_P256 " 05 00", NULL, 0, "");
    EXPECT_ERR(TERN_ERR_ASN1, sec1_rc(&d));
    /* Version, scalar range and length. */
    build_sec1(&d, 0, d_ref, 32, "06 08 " OID_P256, NULL, 0, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, sec1_rc(&d));
    build_sec1(&d, 2, d_ref, 32, "06 08 " OID_P256, NULL, 0, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, sec1_rc(&d));
    build_sec1(&d, 1, zero, 32, "06 08 " OID_P256, NULL, 0, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, sec1_rc(&d));
    build_sec1(&d, 1, zero, 1, "06 08 " OID_P256, NULL, 0, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, sec1_rc(&d));
    build_sec1(&d, 1, zero, 0, "06 08 " OID_P256, NULL, 0, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, sec1_rc(&d));
    build_sec1(&d, 1, d48, 33, "06 08 " OID_P256, NULL, 0, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, sec1_rc(&d));
    build_sec1(&d, 1, d48, 49, "06 05 " OID_P384, NULL, 0, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, sec1_rc(&d));
    /* The public key: the curve's length, uncompressed. */
    build_sec1(&d, 1, d_ref, 32, "06 05 " OID_P384, q_ref, 65, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, sec1_rc(&d));
    q97[0] = 0x02;
    build_sec1(&d, 1, d_ref, 32, "06 08 " OID_P256, q97, 33, "");
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, sec1_rc(&d));
    /* Order and form of the optional fields. */
    {
        dbuf body, b;
        body.n = 0;
        db_small_int(&body, 1);
        db_tlv(&body, 0x04, d_ref, 32);
        b.n = 0;
        bits_of(&b, 0x03, q_ref, 65, 0);
        db_wrap(&body, 0xa1, &b);
        db_tlv_hex(&body, 0xa0, "06 08 " OID_P256);
        d.n = 0;
        db_wrap(&d, 0x30, &body);
        EXPECT_ERR(TERN_ERR_ASN1, sec1_rc(&d));
    }
    build_sec1(&d, 1, d_ref, 32, NULL, NULL, 0, "80 08 " OID_P256);
    EXPECT_ERR(TERN_ERR_ASN1, sec1_rc(&d));
    build_sec1(&d, 1, d_ref, 32, "06 08 " OID_P256, q_ref, 65, "05 00");
    EXPECT_ERR(TERN_ERR_ASN1, sec1_rc(&d));
    {
        /* [1] holding a BIT STRING with unused bits. */
        dbuf body, b;
        body.n = 0;
        db_small_int(&body, 1);
        db_tlv(&body, 0x04, d_ref, 32);
        db_tlv_hex(&body, 0xa0, "06 08 " OID_P256);
        b.n = 0;
        {
            uint8_t q[65];
            memcpy(q, q_ref, 65);
            q[64] &= 0xfe;
            bits_of(&b, 0x03, q, 65, 1);
        }
        db_wrap(&body, 0xa1, &b);
        d.n = 0;
        db_wrap(&d, 0x30, &body);
        EXPECT_ERR(TERN_ERR_ASN1, sec1_rc(&d));
    }
}

static void test_pkcs8_ec(void)
{
    dbuf inner, d, extra;
    tern_privkey k;
    tern_key_info info;
    uint8_t q2[65];

    /* Curve from PKCS#8 only, from both (agreeing), disagreeing. */
    build_sec1(&inner, 1, d_ref, 32, NULL, q_ref, 65, "");
    build_pkcs8(&d, 0, "06 07 " OID_ECPK " 06 08 " OID_P256, &inner, NULL);
    EXPECT_OK(tern_key_parse_pkcs8(d.b, d.n, &k, &info));
    EXPECT_EQ(info.alg, TERN_KEY_ALG_EC);
    EXPECT_EQ(k.u.ec.curve, TERN_GROUP_SECP256R1);
    build_sec1(&inner, 1, d_ref, 32, "06 08 " OID_P256, q_ref, 65, "");
    build_pkcs8(&d, 0, "06 07 " OID_ECPK " 06 08 " OID_P256, &inner, NULL);
    EXPECT_OK(tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    build_sec1(&inner, 1, d_ref, 32, "06 05 " OID_P384, NULL, 0, "");
    build_pkcs8(&d, 0, "06 07 " OID_ECPK " 06 08 " OID_P256, &inner, NULL);
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    /* The outer parameters are required and must be a named curve. */
    build_sec1(&inner, 1, d_ref, 32, "06 08 " OID_P256, NULL, 0, "");
    build_pkcs8(&d, 0, "06 07 " OID_ECPK, &inner, NULL);
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    build_pkcs8(&d, 0, "06 07 " OID_ECPK " 05 00", &inner, NULL);
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    build_pkcs8(&d, 0, "06 07 " OID_ECPK " 30 03 02 01 01", &inner, NULL);
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));

    /* Version 1 with the public key outside the SEC1 structure. */
    build_sec1(&inner, 1, d_ref, 32, NULL, NULL, 0, "");
    extra.n = 0;
    bits_of(&extra, 0x81, q_ref, 65, 0);
    build_pkcs8(&d, 1, "06 07 " OID_ECPK " 06 08 " OID_P256, &inner, &extra);
    EXPECT_OK(tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    EXPECT_TRUE(k.u.ec.q != NULL && memcmp(k.u.ec.q, q_ref, 65) == 0);
    /* ... given twice: must agree. */
    build_sec1(&inner, 1, d_ref, 32, NULL, q_ref, 65, "");
    build_pkcs8(&d, 1, "06 07 " OID_ECPK " 06 08 " OID_P256, &inner, &extra);
    EXPECT_OK(tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    memcpy(q2, q_ref, 65);
    q2[10] ^= 1;
    extra.n = 0;
    bits_of(&extra, 0x81, q2, 65, 0);
    build_pkcs8(&d, 1, "06 07 " OID_ECPK " 06 08 " OID_P256, &inner, &extra);
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
}

static void test_spki_ec(void)
{
    uint8_t q[97];
    dbuf d;
    tern_pubkey k;

    EXPECT_OK(spki_rc("06 07 " OID_ECPK " 06 08 " OID_P256, q_ref, 65));
    /* RFC 5480 2.1.1: parameters required, named curves only. */
    EXPECT_ERR(TERN_ERR_ASN1, spki_rc("06 07 " OID_ECPK, q_ref, 65));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, spki_rc("06 07 " OID_ECPK " 05 00", q_ref, 65));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               spki_rc("06 07 " OID_ECPK " 30 03 02 01 01", q_ref, 65));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               spki_rc("06 07 " OID_ECPK " 06 05 " OID_K256, q_ref, 65));
    EXPECT_ERR(TERN_ERR_ASN1, spki_rc("06 07 " OID_ECPK " 04 00", q_ref, 65));
    EXPECT_ERR(TERN_ERR_ASN1, spki_rc("06 07 " OID_ECPK " 06 08 " OID_P256 " 05 00", q_ref, 65));
    /* Point forms (SEC1 2.3.3, RFC 5480 2.2). */
    memcpy(q, q_ref, 65);
    q[0] = 0x00;
    EXPECT_ERR(TERN_ERR_BAD_KEY, spki_rc("06 07 " OID_ECPK " 06 08 " OID_P256, q, 1));
    EXPECT_ERR(TERN_ERR_BAD_KEY, spki_rc("06 07 " OID_ECPK " 06 08 " OID_P256, q, 0));
    q[0] = 0x06;
    EXPECT_ERR(TERN_ERR_BAD_KEY, spki_rc("06 07 " OID_ECPK " 06 08 " OID_P256, q, 65));
    q[0] = 0x07;
    EXPECT_ERR(TERN_ERR_BAD_KEY, spki_rc("06 07 " OID_ECPK " 06 08 " OID_P256, q, 65));
    q[0] = 0x04;
    EXPECT_ERR(TERN_ERR_BAD_KEY, spki_rc("06 07 " OID_ECPK " 06 08 " OID_P256, q, 64));
    EXPECT_ERR(TERN_ERR_BAD_KEY, spki_rc("06 07 " OID_ECPK " 06 05 " OID_P384, q, 65));
    q[0] = 0x02;
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               spki_rc("06 07 " OID_ECPK " 06 08 " OID_P256, q, 33));
    q[0] = 0x03;
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               spki_rc("06 07 " OID_ECPK " 06 05 " OID_P384, q, 49));
    EXPECT_ERR(TERN_ERR_BAD_KEY, spki_rc("06 07 " OID_ECPK " 06 08 " OID_P256, q, 49));
    /* Unused bits in the subjectPublicKey. */
    build_spki(&d, "06 07 " OID_ECPK " 06 08 " OID_P256, q_ref, 65, 0);
    d.b[d.n - 66] = 1; /* the unused-bits octet */
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_spki(d.b, d.n, &k, NULL));
}

static void test_curve25519(void)
{
    static const uint8_t pk_want[4] = {0x19, 0xbf, 0x44, 0x09};
    uint8_t der[200], key[64], cp[sizeof(rfc8410_v2)];
    tern_privkey k;
    tern_pubkey p, p2;
    tern_key_info info;
    dbuf inner, d, extra;

    /* RFC 8410 10.3, version 0 and version 1 (attributes + public key). */
    EXPECT_OK(tern_key_parse_private_pem(rfc8410_v1, sizeof(rfc8410_v1) - 1, der, sizeof(der), &k));
    EXPECT_EQ(k.type, TERN_KEY_ED25519);
    EXPECT_EQ(k.u.ed25519.seed[0], 0xd4);
    EXPECT_TRUE(k.u.ed25519.pk == NULL);
    EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_pubkey_from_privkey(&k, &p));
    memcpy(cp, rfc8410_v2, sizeof(rfc8410_v2));
    EXPECT_OK(tern_key_parse_private_pem_inplace((char *)cp, sizeof(cp), &k));
    EXPECT_EQ(k.type, TERN_KEY_ED25519);
    EXPECT_EQ(k.u.ed25519.seed[0], 0xd4);
    EXPECT_TRUE(k.u.ed25519.pk != NULL);
    EXPECT_OK(tern_pubkey_from_privkey(&k, &p));
    EXPECT_MEM_EQ(p.u.ed25519.pk, pk_want, 4);
    EXPECT_OK(
        tern_key_parse_public_pem(rfc8410_pub, sizeof(rfc8410_pub) - 1, der, sizeof(der), &p2));
    EXPECT_EQ(p2.type, TERN_KEY_ED25519);
    EXPECT_MEM_EQ(p2.u.ed25519.pk, p.u.ed25519.pk, 32);
    EXPECT_EQ_U(tern_pubkey_bits(&p2), 256);

    memset(key, 0x09, sizeof(key));
    /* SPKI: 32 bytes exactly, no parameters. */
    EXPECT_OK(spki_rc("06 03 " OID_X25519, key, 32));
    build_spki(&d, "06 03 " OID_X25519, key, 32, 0);
    EXPECT_OK(tern_key_parse_spki(d.b, d.n, &p, &info));
    EXPECT_EQ(p.type, TERN_KEY_X25519);
    EXPECT_EQ(info.alg, TERN_KEY_ALG_X25519);
    EXPECT_ERR(TERN_ERR_BAD_KEY, spki_rc("06 03 " OID_ED25519, key, 31));
    EXPECT_ERR(TERN_ERR_BAD_KEY, spki_rc("06 03 " OID_ED25519, key, 33));
    EXPECT_ERR(TERN_ERR_BAD_KEY, spki_rc("06 03 " OID_X25519, key, 0));
    EXPECT_ERR(TERN_ERR_ASN1, spki_rc("06 03 " OID_ED25519 " 05 00", key, 32));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, spki_rc("06 03 2b 65 71", key, 57)); /* Ed448 */

    /* PKCS#8: CurvePrivateKey is an OCTET STRING inside privateKey. */
    inner.n = 0;
    db_tlv(&inner, 0x04, key, 32);
    build_pkcs8(&d, 0, "06 03 " OID_X25519, &inner, NULL);
    EXPECT_OK(tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    EXPECT_EQ(k.type, TERN_KEY_X25519);
    inner.n = 0;
    db_tlv(&inner, 0x04, key, 31);
    build_pkcs8(&d, 0, "06 03 " OID_X25519, &inner, NULL);
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    inner.n = 0;
    db_put(&inner, key, 32); /* not wrapped */
    build_pkcs8(&d, 0, "06 03 " OID_X25519, &inner, NULL);
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    inner.n = 0;
    db_tlv(&inner, 0x04, key, 32);
    db_hex(&inner, "05 00");
    build_pkcs8(&d, 0, "06 03 " OID_X25519, &inner, NULL);
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    /* Version 1 public key of the wrong length, or with unused bits. */
    inner.n = 0;
    db_tlv(&inner, 0x04, key, 32);
    extra.n = 0;
    bits_of(&extra, 0x81, key, 31, 0);
    build_pkcs8(&d, 1, "06 03 " OID_ED25519, &inner, &extra);
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    extra.n = 0;
    key[31] = 0x08;
    bits_of(&extra, 0x81, key, 32, 3);
    build_pkcs8(&d, 1, "06 03 " OID_ED25519, &inner, &extra);
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    extra.n = 0;
    bits_of(&extra, 0x81, key, 32, 0);
    build_pkcs8(&d, 1, "06 03 " OID_ED25519, &inner, &extra);
    EXPECT_OK(tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    EXPECT_OK(tern_pubkey_from_privkey(&k, &p));
    EXPECT_EQ(p.type, TERN_KEY_ED25519);
    /* The [1] tag must be primitive (IMPLICIT BIT STRING). */
    d.b[d.n - 35] = 0xa1;
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
}

static void test_misc(void)
{
    tern_privkey k;
    tern_pubkey p;

    memset(&k, 0, sizeof(k));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_pubkey_from_privkey(&k, &p));
    k.type = TERN_KEY_RSA;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_pubkey_from_privkey(&k, &p));
    k.type = 99;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_pubkey_from_privkey(&k, &p));
    memset(&p, 0, sizeof(p));
    EXPECT_EQ_U(tern_pubkey_bits(NULL), 0);
    EXPECT_EQ_U(tern_pubkey_bits(&p), 0);
    p.type = TERN_KEY_EC;
    p.u.ec.curve = TERN_GROUP_X25519;
    EXPECT_EQ_U(tern_pubkey_bits(&p), 0);
    p.type = TERN_KEY_RSA;
    EXPECT_EQ_U(tern_pubkey_bits(&p), 0);
#if TERN_CONFIG_USAGE_CHECKS
    EXPECT_ERR(TERN_ERR_USAGE, tern_pubkey_from_privkey(NULL, &p));
    EXPECT_ERR(TERN_ERR_USAGE, tern_key_parse_private(NULL, 5, &k));
    EXPECT_ERR(TERN_ERR_USAGE, tern_key_parse_public(q_ref, 65, NULL));
    EXPECT_ERR(TERN_ERR_USAGE, tern_key_parse_spki(NULL, 1, &p, NULL));
    EXPECT_ERR(TERN_ERR_USAGE, tern_key_parse_pkcs8(q_ref, 65, NULL, NULL));
    EXPECT_ERR(TERN_ERR_USAGE, tern_key_parse_sec1(q_ref, 65, NULL));
#endif
    /* Empty input. */
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_private(NULL, 0, &k));
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_public(NULL, 0, &p));
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_sec1(NULL, 0, &k));
}

int main(void)
{
    if (load_base() != 0) {
        fprintf(stderr, "cannot load the RFC 8448 EC key\n");
        printf("0 passed, 1 failed\n");
        return 1;
    }
    RUN_TEST(test_sec1);
    RUN_TEST(test_pkcs8_ec);
    RUN_TEST(test_spki_ec);
    RUN_TEST(test_curve25519);
    RUN_TEST(test_misc);
    return TEST_REPORT();
}
