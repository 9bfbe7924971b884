/*
 * RSA key formats, field by field: the RFC 8448 server key (a PKCS#8 RSA
 * key in shared/vectors) is taken apart and rebuilt with one field
 * changed at a time, to reach every check in include/tern/keys.h: sizes,
 * parity, e range, CRT lengths, versions, multi-prime, PKCS#8 v2 public
 * keys, attributes; plus the AlgorithmIdentifier rules (NULL parameters,
 * RSASSA-PSS-params with their DEFAULT rules).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "der_build.h"
#include "tern/keys.h"
#include "tern_test.h"
#include "tv.h"

#define OID_RSA "2a 86 48 86 f7 0d 01 01 01"
#define OID_PSS "2a 86 48 86 f7 0d 01 01 0a"
#define OID_MGF1 "2a 86 48 86 f7 0d 01 01 08"
#define OID_SHA1 "2b 0e 03 02 1a"
#define OID_SHA256 "60 86 48 01 65 03 04 02 01"
#define OID_SHA384 "60 86 48 01 65 03 04 02 02"
#define OID_SHA512 "60 86 48 01 65 03 04 02 03"
#define OID_MD5 "2a 86 48 86 f7 0d 02 05"

static uint8_t pem_der[4096];
static tern_rsa_privkey base; /* points into pem_der */

/* The components of the reference key, as copies that tests modify. */
typedef struct comps {
    uint8_t v[8][600];
    size_t n[8];
} comps;

enum { N, E, D, P, Q, DP, DQ, QINV };

static int load_base(void)
{
    size_t len;
    char *pem = tv_read_file("botan/tls_13_rfc8448/server_key.pem", &len);
    tern_privkey k;
    int rc;

    if (pem == NULL) {
        return -1;
    }
    rc = tern_key_parse_private_pem(pem, len, pem_der, sizeof(pem_der), &k);
    free(pem);
    if (rc != TERN_OK || k.type != TERN_KEY_RSA) {
        return -1;
    }
    base = k.u.rsa;
    return 0;
}

static void get_comps(comps *c)
{
    const uint8_t *src[8] = {base.n, base.e, base.d, base.p, base.q, base.dp, base.dq, base.qinv};
    size_t len[8] = {base.n_len, base.e_len,  base.d_len,  base.p_len,
                     base.q_len, base.dp_len, base.dq_len, base.qinv_len};
    size_t i;
    for (i = 0; i < 8; i++) {
        memcpy(c->v[i], src[i], len[i]);
        c->n[i] = len[i];
    }
}

/* RSAPrivateKey with the given version and components; extra (hex) is
 * appended inside the SEQUENCE. */
static void build_rsa_priv(dbuf *out, int version, const comps *c, const char *extra)
{
    dbuf body;
    size_t i;
    body.n = 0;
    db_small_int(&body, version);
    for (i = 0; i < 8; i++) {
        db_uint(&body, c->v[i], c->n[i]);
    }
    db_hex(&body, extra);
    out->n = 0;
    db_wrap(out, 0x30, &body);
}

static void build_rsa_pub(dbuf *out, const uint8_t *n, size_t n_len, const uint8_t *e, size_t e_len)
{
    dbuf body;
    body.n = 0;
    db_uint(&body, n, n_len);
    db_uint(&body, e, e_len);
    out->n = 0;
    db_wrap(out, 0x30, &body);
}

/* SubjectPublicKeyInfo with an AlgorithmIdentifier given in hex (the
 * contents of its SEQUENCE) and a key. */
static void build_spki(dbuf *out, const char *algid_hex, const dbuf *key)
{
    dbuf body, bits;
    body.n = 0;
    db_tlv_hex(&body, 0x30, algid_hex);
    bits.n = 0;
    db_byte(&bits, 0);
    db_put(&bits, key->b, key->n);
    db_wrap(&body, 0x03, &bits);
    out->n = 0;
    db_wrap(out, 0x30, &body);
}

/* PKCS#8 with the given version, algid (hex contents), inner key and
 * trailing fields (hex). */
static void build_pkcs8(dbuf *out, int version, const char *algid_hex, const dbuf *inner,
                        const char *extra)
{
    dbuf body;
    body.n = 0;
    db_small_int(&body, version);
    db_tlv_hex(&body, 0x30, algid_hex);
    db_wrap(&body, 0x04, inner);
    db_hex(&body, extra);
    out->n = 0;
    db_wrap(out, 0x30, &body);
}

static int priv_rc(const dbuf *d)
{
    tern_privkey k;
    return tern_key_parse_rsa_private(d->b, d->n, &k);
}

static int pub_rc(const uint8_t *n, size_t n_len, const uint8_t *e, size_t e_len)
{
    dbuf d;
    tern_pubkey k;
    build_rsa_pub(&d, n, n_len, e, e_len);
    return tern_key_parse_rsa_public(d.b, d.n, &k);
}

static void test_reference_key(void)
{
    comps c;
    dbuf d;
    tern_privkey k;
    tern_pubkey p;

    get_comps(&c);
    build_rsa_priv(&d, 0, &c, "");
    EXPECT_OK(tern_key_parse_rsa_private(d.b, d.n, &k));
    EXPECT_OK(tern_key_parse_private(d.b, d.n, &k));
    EXPECT_EQ_U(k.u.rsa.n_len, 128);
    EXPECT_OK(tern_pubkey_from_privkey(&k, &p));
    EXPECT_EQ_U(tern_pubkey_bits(&p), 1024);
    EXPECT_TRUE(p.u.rsa.n == k.u.rsa.n);
}

static void test_public_checks(void)
{
    uint8_t n[520], e[520];
    size_t i;

    memset(n, 0xa5, sizeof(n));
    n[0] = 0xc3;
    e[0] = 0x01;
    e[1] = 0x00;
    e[2] = 0x01;
    /* 2048-bit odd modulus, e = 65537. */
    EXPECT_OK(pub_rc(n, 256, e, 3));
    /* n even. */
    n[255] = 0xa4;
    EXPECT_ERR(TERN_ERR_BAD_KEY, pub_rc(n, 256, e, 3));
    n[255] = 0xa5;
    /* e even, e = 1, e = 3, e = 0. */
    e[2] = 0x02;
    EXPECT_ERR(TERN_ERR_BAD_KEY, pub_rc(n, 256, e, 3));
    e[0] = 1;
    EXPECT_ERR(TERN_ERR_BAD_KEY, pub_rc(n, 256, e, 1));
    e[0] = 3;
    EXPECT_OK(pub_rc(n, 256, e, 1));
    e[0] = 0;
    EXPECT_ERR(TERN_ERR_BAD_KEY, pub_rc(n, 256, e, 1));
    /* e >= n: e = n, e = n + 2. */
    EXPECT_ERR(TERN_ERR_BAD_KEY, pub_rc(n, 256, n, 256));
    memcpy(e, n, 256);
    e[255] += 2;
    EXPECT_ERR(TERN_ERR_BAD_KEY, pub_rc(n, 256, e, 256));
    e[255] -= 4;
    EXPECT_OK(pub_rc(n, 256, e, 256));
    e[0] = 3;
    /* Sizes: 512 bits is too small always, 513 is a policy matter. */
    n[0] = 0x80;
    EXPECT_ERR(TERN_ERR_KEY_TOO_SMALL, pub_rc(n, 64, e, 1));
    n[0] = 0xff;
    EXPECT_ERR(TERN_ERR_KEY_TOO_SMALL, pub_rc(n, 64, e, 1));
    n[0] = 0x01;
    EXPECT_OK(pub_rc(n, 65, e, 1));
    EXPECT_ERR(TERN_ERR_KEY_TOO_SMALL, pub_rc(n + 64, 1, e, 1));
    /* Up to TERN_CONFIG_MAX_RSA_BITS, not beyond. */
    n[0] = 0xff;
    EXPECT_OK(pub_rc(n, TERN_CONFIG_MAX_RSA_BITS / 8, e, 1));
    n[0] = 0x01;
    EXPECT_ERR(TERN_ERR_BAD_KEY, pub_rc(n, TERN_CONFIG_MAX_RSA_BITS / 8 + 1, e, 1));

    /* Negative and zero modulus; malformed INTEGERs; trailing fields. */
    {
        static const char *const bad[] = {
            "30 08 02 03 c3 a5 a5 02 01 03",       /* negative n */
            "30 06 02 01 00 02 01 03",             /* n = 0 */
            "30 07 02 02 00 01 02 01 03",          /* non-minimal n */
            "30 03 02 01 03",                      /* e missing */
            "30 0b 02 03 00 c3 a5 02 01 03 05 00", /* trailing NULL */
            "31 09 02 03 00 c3 a5 02 01 03 05 00", /* SET */
        };
        static const int want[] = {TERN_ERR_BAD_KEY, TERN_ERR_BAD_KEY, TERN_ERR_ASN1,
                                   TERN_ERR_ASN1,    TERN_ERR_ASN1,    TERN_ERR_ASN1};
        for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
            dbuf d;
            tern_pubkey k;
            d.n = 0;
            db_hex(&d, bad[i]);
            EXPECT_ERR(want[i], tern_key_parse_rsa_public(d.b, d.n, &k));
        }
    }
}

static void test_private_checks(void)
{
    comps c;
    dbuf d;

    get_comps(&c);
    /* Versions: multi-prime (1) is unsupported, others unknown. */
    build_rsa_priv(&d, 1, &c, "30 00");
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, priv_rc(&d));
    build_rsa_priv(&d, 2, &c, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, priv_rc(&d));
    build_rsa_priv(&d, -1, &c, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, priv_rc(&d));
    /* Version 0 with otherPrimeInfos: not DER of a two-prime key. */
    build_rsa_priv(&d, 0, &c, "30 00");
    EXPECT_ERR(TERN_ERR_ASN1, priv_rc(&d));

    /* p even, q even. */
    get_comps(&c);
    c.v[P][c.n[P] - 1] ^= 1;
    build_rsa_priv(&d, 0, &c, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, priv_rc(&d));
    get_comps(&c);
    c.v[Q][c.n[Q] - 1] ^= 1;
    build_rsa_priv(&d, 0, &c, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, priv_rc(&d));
    /* bits(p) + bits(q) far from bits(n): p one byte shorter. */
    get_comps(&c);
    memmove(c.v[P], c.v[P] + 1, c.n[P] - 1);
    c.n[P]--;
    build_rsa_priv(&d, 0, &c, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, priv_rc(&d));
    /* ... and one byte longer. */
    get_comps(&c);
    memmove(c.v[Q] + 1, c.v[Q], c.n[Q]);
    c.v[Q][0] = 0x80;
    c.n[Q]++;
    build_rsa_priv(&d, 0, &c, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, priv_rc(&d));
    /* d, dp, dq, qinv longer than their modulus. */
    {
        static const int which[] = {D, DP, DQ, QINV};
        size_t i;
        for (i = 0; i < 4; i++) {
            int f = which[i];
            get_comps(&c);
            c.n[f] = f == D ? c.n[N] + 1 : c.n[f == DQ ? Q : P] + 1;
            memset(c.v[f], 0x11, c.n[f]);
            build_rsa_priv(&d, 0, &c, "");
            EXPECT_ERR(TERN_ERR_BAD_KEY, priv_rc(&d));
        }
    }
    /* Zero components. */
    {
        static const int which[] = {D, P, Q, DP, DQ, QINV};
        size_t i;
        for (i = 0; i < 6; i++) {
            get_comps(&c);
            c.n[which[i]] = 0;
            build_rsa_priv(&d, 0, &c, "");
            EXPECT_ERR(TERN_ERR_BAD_KEY, priv_rc(&d));
        }
    }
    /* A negative component. */
    {
        dbuf body;
        size_t i;
        get_comps(&c);
        body.n = 0;
        db_small_int(&body, 0);
        for (i = 0; i < 8; i++) {
            if (i == DQ) {
                db_tlv_hex(&body, 0x02, "ff 01");
            } else {
                db_uint(&body, c.v[i], c.n[i]);
            }
        }
        d.n = 0;
        db_wrap(&d, 0x30, &body);
        EXPECT_ERR(TERN_ERR_BAD_KEY, priv_rc(&d));
    }
    /* The public checks apply too: e even. */
    get_comps(&c);
    c.v[E][c.n[E] - 1] ^= 1;
    build_rsa_priv(&d, 0, &c, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, priv_rc(&d));
}

static void test_pkcs8_rsa(void)
{
    comps c;
    dbuf inner, d, pub, extra_pub;
    tern_privkey k;
    tern_key_info info;
    char hex[1200];
    size_t i;

    get_comps(&c);
    build_rsa_priv(&inner, 0, &c, "");
    build_pkcs8(&d, 0, "06 09 " OID_RSA " 05 00", &inner, "");
    EXPECT_OK(tern_key_parse_pkcs8(d.b, d.n, &k, &info));
    EXPECT_EQ(info.alg, TERN_KEY_ALG_RSA);
    /* Parameters must be NULL. */
    build_pkcs8(&d, 0, "06 09 " OID_RSA, &inner, "");
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    build_pkcs8(&d, 0, "06 09 " OID_RSA " 04 00", &inner, "");
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    build_pkcs8(&d, 0, "06 09 " OID_RSA " 05 00 05 00", &inner, "");
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    /* Versions. */
    build_pkcs8(&d, 2, "06 09 " OID_RSA " 05 00", &inner, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    /* Attributes [0] are skipped, in either version. */
    build_pkcs8(&d, 0, "06 09 " OID_RSA " 05 00", &inner, "a0 05 30 03 06 01 00");
    EXPECT_OK(tern_key_parse_pkcs8(d.b, d.n, &k, NULL));

    /* Version 1 (RFC 5958) with the matching public key [1]. */
    build_rsa_pub(&pub, c.v[N], c.n[N], c.v[E], c.n[E]);
    extra_pub.n = 0;
    {
        dbuf bits;
        bits.n = 0;
        db_byte(&bits, 0);
        db_put(&bits, pub.b, pub.n);
        db_wrap(&extra_pub, 0x81, &bits);
    }
    for (i = 0; i < extra_pub.n; i++) {
        snprintf(hex + 3 * i, 4, "%02x ", extra_pub.b[i]);
    }
    build_pkcs8(&d, 1, "06 09 " OID_RSA " 05 00", &inner, hex);
    EXPECT_OK(tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    /* ... not allowed in version 0. */
    build_pkcs8(&d, 0, "06 09 " OID_RSA " 05 00", &inner, hex);
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    /* ... after attributes, not before. */
    {
        char both[1300];
        snprintf(both, sizeof(both), "a0 00 %s", hex);
        build_pkcs8(&d, 1, "06 09 " OID_RSA " 05 00", &inner, both);
        EXPECT_OK(tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
        snprintf(both, sizeof(both), "%s a0 00", hex);
        build_pkcs8(&d, 1, "06 09 " OID_RSA " 05 00", &inner, both);
        EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    }
    /* A public key that does not match (e = 3). */
    {
        static const uint8_t three = 3;
        dbuf bits, wrong;
        build_rsa_pub(&pub, c.v[N], c.n[N], &three, 1);
        bits.n = 0;
        db_byte(&bits, 0);
        db_put(&bits, pub.b, pub.n);
        wrong.n = 0;
        db_wrap(&wrong, 0x81, &bits);
        for (i = 0; i < wrong.n; i++) {
            snprintf(hex + 3 * i, 4, "%02x ", wrong.b[i]);
        }
        build_pkcs8(&d, 1, "06 09 " OID_RSA " 05 00", &inner, hex);
        EXPECT_ERR(TERN_ERR_BAD_KEY, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    }
    /* The inner key's errors come through; unknown algorithms. */
    c.v[P][c.n[P] - 1] ^= 1;
    build_rsa_priv(&inner, 0, &c, "");
    build_pkcs8(&d, 0, "06 09 " OID_RSA " 05 00", &inner, "");
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
    build_pkcs8(&d, 0, "06 07 2a 86 48 ce 38 04 01", &inner, ""); /* DSA */
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, tern_key_parse_pkcs8(d.b, d.n, &k, NULL));
}

/* SPKI of the reference key with an id-RSASSA-PSS AlgorithmIdentifier
 * whose parameters are params_hex (NULL: absent). */
static int pss_spki(const char *params_hex, tern_key_info *info)
{
    char algid[600];
    dbuf key, spki;
    tern_pubkey k;

    if (params_hex == NULL) {
        snprintf(algid, sizeof(algid), "06 09 " OID_PSS);
    } else {
        dbuf p, seq;
        size_t i, o;
        p.n = 0;
        db_hex(&p, params_hex);
        seq.n = 0;
        db_wrap(&seq, 0x30, &p);
        o = (size_t)snprintf(algid, sizeof(algid), "06 09 " OID_PSS " ");
        for (i = 0; i < seq.n; i++) {
            o += (size_t)snprintf(algid + o, sizeof(algid) - o, "%02x ", seq.b[i]);
        }
    }
    build_rsa_pub(&key, base.n, base.n_len, base.e, base.e_len);
    build_spki(&spki, algid, &key);
    memset(info, 0xee, sizeof(*info));
    return tern_key_parse_spki(spki.b, spki.n, &k, info);
}

#define H256 "a0 0f 30 0d 06 09 " OID_SHA256 " 05 00"
#define H384 "a0 0f 30 0d 06 09 " OID_SHA384 " 05 00"
#define H512 "a0 0d 30 0b 06 09 " OID_SHA512
#define M256 "a1 1c 30 1a 06 09 " OID_MGF1 " 30 0d 06 09 " OID_SHA256 " 05 00"
#define M384 "a1 1c 30 1a 06 09 " OID_MGF1 " 30 0d 06 09 " OID_SHA384 " 05 00"
#define M512 "a1 1a 30 18 06 09 " OID_MGF1 " 30 0b 06 09 " OID_SHA512

static void test_pss_params(void)
{
    tern_key_info info;

    /* Absent: unrestricted. */
    EXPECT_OK(pss_spki(NULL, &info));
    EXPECT_EQ(info.alg, TERN_KEY_ALG_RSA_PSS);
    EXPECT_EQ(info.pss_params, 0);
    EXPECT_EQ(info.pss_scheme, 0);
    /* Empty SEQUENCE: all defaults (SHA-1, MGF1-SHA-1, 20). */
    EXPECT_OK(pss_spki("", &info));
    EXPECT_EQ(info.pss_params, 1);
    EXPECT_EQ(info.pss_hash, TERN_HASH_SHA1);
    EXPECT_EQ(info.pss_mgf1_hash, TERN_HASH_SHA1);
    EXPECT_EQ(info.pss_salt_len, 20);
    EXPECT_EQ(info.pss_scheme, 0);
    /* The three TLS combinations; hash parameters NULL or absent. */
    EXPECT_OK(pss_spki(H256 M256 "a2 03 02 01 20", &info));
    EXPECT_EQ(info.pss_scheme, TERN_SIG_RSA_PSS_PSS_SHA256);
    EXPECT_EQ(info.pss_salt_len, 32);
    EXPECT_OK(pss_spki(H384 M384 "a2 03 02 01 30", &info));
    EXPECT_EQ(info.pss_scheme, TERN_SIG_RSA_PSS_PSS_SHA384);
    EXPECT_OK(pss_spki(H512 M512 "a2 03 02 01 40", &info));
    EXPECT_EQ(info.pss_scheme, TERN_SIG_RSA_PSS_PSS_SHA512);
    EXPECT_EQ(info.pss_hash, TERN_HASH_SHA512);
    /* A shorter minimum salt still allows the scheme; a longer one, a
     * different MGF1 hash or the default salt with SHA-256 do not. */
    EXPECT_OK(pss_spki(H256 M256 "a2 03 02 01 00", &info));
    EXPECT_EQ(info.pss_scheme, TERN_SIG_RSA_PSS_PSS_SHA256);
    EXPECT_OK(pss_spki(H256 M256 "a2 03 02 01 21", &info));
    EXPECT_EQ(info.pss_scheme, 0);
    EXPECT_OK(pss_spki(H256 M384 "a2 03 02 01 20", &info));
    EXPECT_EQ(info.pss_scheme, 0);
    EXPECT_OK(pss_spki(H256 M256, &info));
    EXPECT_EQ(info.pss_salt_len, 20);
    EXPECT_EQ(info.pss_scheme, TERN_SIG_RSA_PSS_PSS_SHA256);
    EXPECT_OK(pss_spki(H256, &info));
    EXPECT_EQ(info.pss_mgf1_hash, TERN_HASH_SHA1);
    EXPECT_EQ(info.pss_scheme, 0);

    /* X.690 11.5: DEFAULT values are not encoded. */
    EXPECT_ERR(TERN_ERR_ASN1, pss_spki("a0 09 30 07 06 05 " OID_SHA1, &info));
    EXPECT_ERR(TERN_ERR_ASN1,
               pss_spki("a1 16 30 14 06 09 " OID_MGF1 " 30 07 06 05 " OID_SHA1, &info));
    EXPECT_ERR(TERN_ERR_ASN1, pss_spki(H256 "a2 03 02 01 14", &info));
    EXPECT_ERR(TERN_ERR_ASN1, pss_spki("a3 03 02 01 01", &info));
    /* Values tern cannot use. */
    EXPECT_ERR(TERN_ERR_BAD_KEY, pss_spki("a3 03 02 01 02", &info));
    EXPECT_ERR(TERN_ERR_BAD_KEY, pss_spki("a2 03 02 01 ff", &info));
    EXPECT_ERR(TERN_ERR_BAD_KEY, pss_spki("a2 05 02 03 01 00 00", &info));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               pss_spki("a0 0e 30 0c 06 08 " OID_MD5 " 05 00", &info));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               pss_spki("a1 1a 30 18 06 09 " OID_SHA256 " 30 0b 06 09 " OID_SHA256, &info));
    /* Malformed: wrong order, implicit instead of explicit tags, a hash
     * parameter other than NULL, trailing fields, not a SEQUENCE. */
    EXPECT_ERR(TERN_ERR_ASN1, pss_spki("a2 03 02 01 20 " H256, &info));
    EXPECT_ERR(TERN_ERR_ASN1, pss_spki("82 01 20", &info));
    EXPECT_ERR(TERN_ERR_ASN1, pss_spki("a0 0f 30 0d 06 09 " OID_SHA256 " 04 00", &info));
    EXPECT_ERR(TERN_ERR_ASN1, pss_spki(H256 "05 00", &info));
    EXPECT_ERR(TERN_ERR_ASN1, pss_spki("a2 04 02 01 20 00", &info));
    {
        /* The parameters are a NULL instead of a SEQUENCE. */
        dbuf key, spki;
        tern_pubkey k;
        build_rsa_pub(&key, base.n, base.n_len, base.e, base.e_len);
        build_spki(&spki, "06 09 " OID_PSS " 05 00", &key);
        EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_spki(spki.b, spki.n, &k, NULL));
    }
}

static void test_spki_rsa(void)
{
    dbuf key, spki;
    tern_pubkey k;
    tern_key_info info;

    build_rsa_pub(&key, base.n, base.n_len, base.e, base.e_len);
    build_spki(&spki, "06 09 " OID_RSA " 05 00", &key);
    EXPECT_OK(tern_key_parse_spki(spki.b, spki.n, &k, &info));
    EXPECT_EQ(info.alg, TERN_KEY_ALG_RSA);
    EXPECT_OK(tern_key_parse_spki(spki.b, spki.n, &k, NULL));
    EXPECT_OK(tern_key_parse_public(spki.b, spki.n, &k));
    /* RFC 3279 2.3.1: NULL parameters required. */
    build_spki(&spki, "06 09 " OID_RSA, &key);
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_spki(spki.b, spki.n, &k, NULL));
    /* The BIT STRING must hold exactly one RSAPublicKey. */
    db_hex(&key, "00");
    build_spki(&spki, "06 09 " OID_RSA " 05 00", &key);
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_spki(spki.b, spki.n, &k, NULL));
    /* The whole input must be the SPKI. */
    build_rsa_pub(&key, base.n, base.n_len, base.e, base.e_len);
    build_spki(&spki, "06 09 " OID_RSA " 05 00", &key);
    db_hex(&spki, "00");
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_spki(spki.b, spki.n, &k, NULL));
    EXPECT_ERR(TERN_ERR_ASN1, tern_key_parse_public(spki.b, spki.n, &k));
}

int main(void)
{
    if (load_base() != 0) {
        fprintf(stderr, "cannot load the RFC 8448 server key\n");
        printf("0 passed, 1 failed\n");
        return 1;
    }
    RUN_TEST(test_reference_key);
    RUN_TEST(test_public_checks);
    RUN_TEST(test_private_checks);
    RUN_TEST(test_pkcs8_rsa);
    RUN_TEST(test_pss_params);
    RUN_TEST(test_spki_rsa);
    return TEST_REPORT();
}
