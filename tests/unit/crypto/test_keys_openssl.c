/*
 * Key parsers against keys that `openssl genpkey` makes during the test
 * run (RSA 2048, RSA-PSS, EC P-256 / P-384, Ed25519, X25519), in every
 * format openssl writes: PKCS#8 PEM and DER (DER through `openssl pkcs8
 * -topk8`: OpenSSL 3.0 `pkey -outform DER` writes the traditional form),
 * traditional PKCS#1 / SEC1 PEM and DER, SubjectPublicKeyInfo PEM and
 * DER, RSAPublicKey. Every
 * parsed component is compared with what libcrypto reads from the same
 * file (test_keys_openssl.cmake links OpenSSL::Crypto; libtern does not).
 * Every DER file also goes through the mutation sweep of keys_mutate.h.
 *
 * Negative cases made by openssl too: RSA-512, secp521r1, secp256k1,
 * explicit curve parameters, compressed points, encrypted PKCS#8 and
 * encrypted traditional PEM.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "keys_mutate.h"
#include "tern/keys.h"
#include "tern/pem.h"
#include "tern_test.h"

static char dir[] = "/tmp/tern-keys-XXXXXX";
static int dir_ok;
static size_t mutants;

/* Runs a shell command built from fmt in dir; 0 on success. */
static int sh(const char *fmt, ...)
{
    char cmd[1024], full[1200];
    va_list ap;
    int rc;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    snprintf(full, sizeof(full), "cd %s && %s 2>/dev/null", dir, cmd);
    rc = system(full);
    if (rc != 0) {
        char m[1300];
        snprintf(m, sizeof(m), "command failed: %s", cmd);
        TEST_FAIL(m);
    }
    return rc;
}

/* Reads dir/name (malloc'd, NUL-terminated). */
static uint8_t *slurp(const char *name, size_t *len)
{
    char path[256];
    FILE *f;
    uint8_t *b;
    long n;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "rb");
    if (f == NULL) {
        TEST_FAIL(path);
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    b = malloc((size_t)n + 1);
    if (fread(b, 1, (size_t)n, f) != (size_t)n) {
        TEST_FAIL(path);
    }
    b[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return b;
}

static EVP_PKEY *ossl_private(const char *name)
{
    char path[256];
    FILE *f;
    EVP_PKEY *k;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "r");
    if (f == NULL) {
        return NULL;
    }
    k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    return k;
}

/* big-endian magnitude of a libcrypto BIGNUM parameter equals p[0..n). */
static int bn_eq(EVP_PKEY *k, const char *param, const uint8_t *p, size_t n)
{
    BIGNUM *bn = NULL;
    uint8_t buf[1024];
    int len, ok;

    while (n > 0 && p[0] == 0) { /* EC scalars may keep leading zeros */
        p++;
        n--;
    }
    if (!EVP_PKEY_get_bn_param(k, param, &bn)) {
        return 0;
    }
    len = BN_bn2bin(bn, buf);
    ok = len >= 0 && (size_t)len == n && memcmp(buf, p, n) == 0;
    BN_free(bn);
    return ok;
}

static int parse_private_any(const uint8_t *der, size_t len)
{
    tern_privkey k;
    return tern_key_parse_private(der, len, &k);
}

static int parse_pkcs8(const uint8_t *der, size_t len)
{
    tern_privkey k;
    return tern_key_parse_pkcs8(der, len, &k, NULL);
}

static int parse_rsa_private(const uint8_t *der, size_t len)
{
    tern_privkey k;
    return tern_key_parse_rsa_private(der, len, &k);
}

static int parse_sec1(const uint8_t *der, size_t len)
{
    tern_privkey k;
    return tern_key_parse_sec1(der, len, &k);
}

static int parse_public_any(const uint8_t *der, size_t len)
{
    tern_pubkey k;
    return tern_key_parse_public(der, len, &k);
}

static int parse_spki(const uint8_t *der, size_t len)
{
    tern_pubkey k;
    return tern_key_parse_spki(der, len, &k, NULL);
}

static int parse_rsa_public(const uint8_t *der, size_t len)
{
    tern_pubkey k;
    return tern_key_parse_rsa_public(der, len, &k);
}

/* Mutation sweep of one DER file through a specific and the automatic
 * parser. */
static void sweep(const char *file, km_parse_fn specific, km_parse_fn any)
{
    size_t len;
    uint8_t *der = slurp(file, &len);
    if (der == NULL) {
        return;
    }
    mutants += km_sweep(file, der, len, specific);
    mutants += km_sweep(file, der, len, any);
    free(der);
}

/* The private key of every private file of one key agrees with
 * libcrypto; checks per type in check(). PEM files are parsed through
 * both PEM entry points; DER files directly. */
typedef void (*check_fn)(EVP_PKEY *ref, const tern_privkey *k);

static void check_private_files(const char *ref_pem, const char *const *files, size_t nfiles,
                                check_fn check)
{
    EVP_PKEY *ref = ossl_private(ref_pem);
    size_t i;

    if (ref == NULL) {
        TEST_FAIL("libcrypto cannot read the key");
        return;
    }
    for (i = 0; i < nfiles; i++) {
        size_t len;
        uint8_t *data = slurp(files[i], &len);
        tern_privkey k;
        if (data == NULL) {
            continue;
        }
        if (strstr(files[i], ".der") != NULL) {
            EXPECT_OK(tern_key_parse_private(data, len, &k));
            check(ref, &k);
        } else {
            uint8_t *der = malloc(len);
            EXPECT_OK(tern_key_parse_private_pem((const char *)data, len, der, len, &k));
            check(ref, &k);
            EXPECT_OK(tern_key_parse_private_pem_inplace((char *)data, len, &k));
            check(ref, &k);
            free(der);
        }
        free(data);
    }
    EVP_PKEY_free(ref);
}

/* The public key files of one key agree with each other and with the
 * private key's public half. */
static void check_public_files(const tern_pubkey *want, const char *const *files, size_t nfiles)
{
    size_t i;
    for (i = 0; i < nfiles; i++) {
        size_t len;
        uint8_t *data = slurp(files[i], &len);
        tern_pubkey k;
        if (data == NULL) {
            continue;
        }
        if (strstr(files[i], ".der") != NULL) {
            EXPECT_OK(tern_key_parse_public(data, len, &k));
        } else {
            EXPECT_OK(tern_key_parse_public_pem_inplace((char *)data, len, &k));
        }
        EXPECT_EQ(k.type, want->type);
        EXPECT_EQ_U(tern_pubkey_bits(&k), tern_pubkey_bits(want));
        if (k.type == TERN_KEY_RSA) {
            EXPECT_EQ_U(k.u.rsa.n_len, want->u.rsa.n_len);
            EXPECT_MEM_EQ(k.u.rsa.n, want->u.rsa.n, want->u.rsa.n_len);
            EXPECT_EQ_U(k.u.rsa.e_len, want->u.rsa.e_len);
            EXPECT_MEM_EQ(k.u.rsa.e, want->u.rsa.e, want->u.rsa.e_len);
        } else if (k.type == TERN_KEY_EC) {
            EXPECT_EQ(k.u.ec.curve, want->u.ec.curve);
            EXPECT_EQ_U(k.u.ec.q_len, want->u.ec.q_len);
            EXPECT_MEM_EQ(k.u.ec.q, want->u.ec.q, want->u.ec.q_len);
        } else {
            EXPECT_MEM_EQ(k.u.ed25519.pk, want->u.ed25519.pk, 32);
        }
        free(data);
    }
}

/* Re-encoding a DER file as PEM gives openssl's PEM file byte for byte. */
static void check_pem_encoding(const char *label, const char *der_file, const char *pem_file)
{
    size_t dl, pl, n = 0;
    uint8_t *der = slurp(der_file, &dl), *pem = slurp(pem_file, &pl);
    char *out = malloc(pl + 64);
    if (der != NULL && pem != NULL) {
        EXPECT_OK(tern_pem_encode(label, der, dl, out, pl + 64, &n));
        EXPECT_EQ_U(n, pl);
        EXPECT_MEM_EQ(out, pem, pl);
    }
    free(der);
    free(pem);
    free(out);
}

/* ---- RSA ------------------------------------------------------------------ */

static void check_rsa(EVP_PKEY *ref, const tern_privkey *k)
{
    const tern_rsa_privkey *r = &k->u.rsa;
    EXPECT_EQ(k->type, TERN_KEY_RSA);
    EXPECT_TRUE(bn_eq(ref, OSSL_PKEY_PARAM_RSA_N, r->n, r->n_len));
    EXPECT_TRUE(bn_eq(ref, OSSL_PKEY_PARAM_RSA_E, r->e, r->e_len));
    EXPECT_TRUE(bn_eq(ref, OSSL_PKEY_PARAM_RSA_D, r->d, r->d_len));
    EXPECT_TRUE(bn_eq(ref, OSSL_PKEY_PARAM_RSA_FACTOR1, r->p, r->p_len));
    EXPECT_TRUE(bn_eq(ref, OSSL_PKEY_PARAM_RSA_FACTOR2, r->q, r->q_len));
    EXPECT_TRUE(bn_eq(ref, OSSL_PKEY_PARAM_RSA_EXPONENT1, r->dp, r->dp_len));
    EXPECT_TRUE(bn_eq(ref, OSSL_PKEY_PARAM_RSA_EXPONENT2, r->dq, r->dq_len));
    EXPECT_TRUE(bn_eq(ref, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, r->qinv, r->qinv_len));
    EXPECT_TRUE(r->n[0] != 0 && r->p[0] != 0 && r->d[0] != 0);
}

static void test_rsa(void)
{
    static const char *const priv[] = {"rsa.pem", "rsa.der", "rsa.trad.pem", "rsa.trad.der"};
    static const char *const pub[] = {"rsa.pub.pem", "rsa.pub.der", "rsa.rsapub.pem",
                                      "rsa.rsapub.der"};
    size_t len;
    uint8_t *der;
    tern_privkey k;
    tern_pubkey p;
    tern_key_info info;
    EVP_PKEY *ref;

    if (!dir_ok) {
        TEST_SKIP("no temporary directory");
    }
    sh("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.pem");
    sh("openssl pkcs8 -topk8 -nocrypt -in rsa.pem -outform DER -out rsa.der");
    sh("openssl pkey -in rsa.pem -traditional -out rsa.trad.pem");
    sh("openssl pkey -in rsa.pem -traditional -outform DER -out rsa.trad.der");
    sh("openssl pkey -in rsa.pem -pubout -out rsa.pub.pem");
    sh("openssl pkey -in rsa.pem -pubout -outform DER -out rsa.pub.der");
    sh("openssl rsa -in rsa.pem -RSAPublicKey_out -out rsa.rsapub.pem");
    sh("openssl rsa -in rsa.pem -RSAPublicKey_out -outform DER -out rsa.rsapub.der");
    check_private_files("rsa.pem", priv, 4, check_rsa);

    der = slurp("rsa.der", &len);
    if (der == NULL) {
        return;
    }
    EXPECT_OK(tern_key_parse_pkcs8(der, len, &k, &info));
    EXPECT_EQ(info.alg, TERN_KEY_ALG_RSA);
    EXPECT_EQ(info.pss_params, 0);
    EXPECT_OK(tern_pubkey_from_privkey(&k, &p));
    ref = ossl_private("rsa.pem");
    EXPECT_EQ_U(tern_pubkey_bits(&p), (size_t)EVP_PKEY_get_bits(ref));
    EXPECT_EQ_U(tern_pubkey_bits(&p), 2048);
    EVP_PKEY_free(ref);
    check_public_files(&p, pub, 4);
    free(der);

    check_pem_encoding("PRIVATE KEY", "rsa.der", "rsa.pem");
    check_pem_encoding("RSA PRIVATE KEY", "rsa.trad.der", "rsa.trad.pem");
    check_pem_encoding("PUBLIC KEY", "rsa.pub.der", "rsa.pub.pem");
    check_pem_encoding("RSA PUBLIC KEY", "rsa.rsapub.der", "rsa.rsapub.pem");

    sweep("rsa.der", parse_pkcs8, parse_private_any);
    sweep("rsa.trad.der", parse_rsa_private, parse_private_any);
    sweep("rsa.pub.der", parse_spki, parse_public_any);
    sweep("rsa.rsapub.der", parse_rsa_public, parse_public_any);

    /* The key found in a bundle: certificate first, junk around. */
    sh("openssl req -x509 -new -key rsa.pem -subj /CN=tern -days 2 -out cert.pem");
    sh("(echo '# identity'; echo 'Bag Attributes'; cat cert.pem; echo 'junk'; cat rsa.pem;"
       " echo) > bundle.pem");
    {
        uint8_t *pem = slurp("bundle.pem", &len);
        uint8_t *buf = malloc(len);
        tern_privkey kb;
        tern_pubkey pb;
        if (pem != NULL) {
            EXPECT_OK(tern_key_parse_private_pem((const char *)pem, len, buf, len, &kb));
            EXPECT_EQ(kb.type, TERN_KEY_RSA);
            EXPECT_ERR(TERN_ERR_NOT_FOUND,
                       tern_key_parse_public_pem((const char *)pem, len, buf, len, &pb));
            EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
                       tern_key_parse_private_pem((const char *)pem, len, buf, 100, &kb));
        }
        free(pem);
        free(buf);
    }
}

static void test_rsa_pss(void)
{
    size_t len;
    uint8_t *der;
    tern_privkey k;
    tern_pubkey p;
    tern_key_info info;

    if (!dir_ok) {
        TEST_SKIP("no temporary directory");
    }
    /* Without parameters: an unrestricted PSS key. */
    sh("openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out pss.pem");
    sh("openssl pkcs8 -topk8 -nocrypt -in pss.pem -outform DER -out pss.der");
    sh("openssl pkey -in pss.pem -pubout -outform DER -out pss.pub.der");
    /* With parameters: SHA-256, MGF1-SHA-256, salt 32. */
    sh("openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048"
       " -pkeyopt rsa_pss_keygen_md:sha256 -pkeyopt rsa_pss_keygen_mgf1_md:sha256"
       " -pkeyopt rsa_pss_keygen_saltlen:32 -out pss256.pem");
    sh("openssl pkcs8 -topk8 -nocrypt -in pss256.pem -outform DER -out pss256.der");
    sh("openssl pkey -in pss256.pem -pubout -outform DER -out pss256.pub.der");
    /* SHA-384 with a salt longer than the hash: no TLS scheme fits. */
    sh("openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048"
       " -pkeyopt rsa_pss_keygen_md:sha384 -pkeyopt rsa_pss_keygen_saltlen:64"
       " -out pss384.pem");
    sh("openssl pkey -in pss384.pem -pubout -outform DER -out pss384.pub.der");

    {
        static const char *const priv[] = {"pss.pem", "pss.der"};
        check_private_files("pss.pem", priv, 2, check_rsa);
    }
    {
        static const char *const priv[] = {"pss256.pem", "pss256.der"};
        check_private_files("pss256.pem", priv, 2, check_rsa);
    }

    der = slurp("pss.pub.der", &len);
    if (der != NULL) {
        EXPECT_OK(tern_key_parse_spki(der, len, &p, &info));
        EXPECT_EQ(p.type, TERN_KEY_RSA);
        EXPECT_EQ(info.alg, TERN_KEY_ALG_RSA_PSS);
        EXPECT_EQ(info.pss_params, 0);
        EXPECT_EQ(info.pss_scheme, 0);
        free(der);
    }
    der = slurp("pss256.pub.der", &len);
    if (der != NULL) {
        EXPECT_OK(tern_key_parse_spki(der, len, &p, &info));
        EXPECT_EQ(info.alg, TERN_KEY_ALG_RSA_PSS);
        EXPECT_EQ(info.pss_params, 1);
        EXPECT_EQ(info.pss_hash, TERN_HASH_SHA256);
        EXPECT_EQ(info.pss_mgf1_hash, TERN_HASH_SHA256);
        EXPECT_EQ(info.pss_salt_len, 32);
        EXPECT_EQ(info.pss_scheme, TERN_SIG_RSA_PSS_PSS_SHA256);
        EXPECT_EQ_U(tern_pubkey_bits(&p), 2048);
        free(der);
    }
    der = slurp("pss256.der", &len);
    if (der != NULL) {
        EXPECT_OK(tern_key_parse_pkcs8(der, len, &k, &info));
        EXPECT_EQ(info.pss_scheme, TERN_SIG_RSA_PSS_PSS_SHA256);
        free(der);
    }
    der = slurp("pss384.pub.der", &len);
    if (der != NULL) {
        EXPECT_OK(tern_key_parse_spki(der, len, &p, &info));
        EXPECT_EQ(info.pss_hash, TERN_HASH_SHA384);
        EXPECT_EQ(info.pss_mgf1_hash, TERN_HASH_SHA1); /* openssl's default */
        EXPECT_EQ(info.pss_salt_len, 64);
        EXPECT_EQ(info.pss_scheme, 0);
        free(der);
    }
    sweep("pss256.der", parse_pkcs8, parse_private_any);
    sweep("pss256.pub.der", parse_spki, parse_public_any);
    sweep("pss.pub.der", parse_spki, parse_public_any);
}

/* ---- EC ----------------------------------------------------------------------- */

static void check_ec(EVP_PKEY *ref, const tern_privkey *k)
{
    char group[64];
    uint8_t q[200];
    size_t n = 0;
    uint16_t want;

    EXPECT_EQ(k->type, TERN_KEY_EC);
    EXPECT_TRUE(EVP_PKEY_get_utf8_string_param(ref, OSSL_PKEY_PARAM_GROUP_NAME, group,
                                               sizeof(group), NULL));
    want = strcmp(group, "prime256v1") == 0 ? TERN_GROUP_SECP256R1 : TERN_GROUP_SECP384R1;
    EXPECT_EQ(k->u.ec.curve, want);
    EXPECT_EQ_U(k->u.ec.d_len, want == TERN_GROUP_SECP256R1 ? 32 : 48);
    EXPECT_TRUE(bn_eq(ref, OSSL_PKEY_PARAM_PRIV_KEY, k->u.ec.d, k->u.ec.d_len));
    EXPECT_TRUE(EVP_PKEY_get_octet_string_param(ref, OSSL_PKEY_PARAM_PUB_KEY, q, sizeof(q), &n));
    EXPECT_TRUE(k->u.ec.q != NULL);
    if (k->u.ec.q != NULL) {
        EXPECT_EQ_U(k->u.ec.q_len, n);
        EXPECT_MEM_EQ(k->u.ec.q, q, n);
    }
}

static void ec_case(const char *curve, const char *base, size_t bits)
{
    char f[8][64];
    const char *priv[4], *pub[2];
    size_t len, i;
    uint8_t *der;
    tern_privkey k;
    tern_pubkey p;
    EVP_PKEY *ref;

    for (i = 0; i < 8; i++) {
        static const char *const ext[8] = {".pem",     ".der",     ".trad.pem",  ".trad.der",
                                           ".pub.pem", ".pub.der", ".nopub.der", ".explicit.der"};
        snprintf(f[i], sizeof(f[i]), "%s%s", base, ext[i]);
    }
    sh("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:%s -out %s", curve, f[0]);
    sh("openssl pkcs8 -topk8 -nocrypt -in %s -outform DER -out %s", f[0], f[1]);
    sh("openssl pkey -in %s -traditional -out %s", f[0], f[2]);
    sh("openssl pkey -in %s -traditional -outform DER -out %s", f[0], f[3]);
    sh("openssl pkey -in %s -pubout -out %s", f[0], f[4]);
    sh("openssl pkey -in %s -pubout -outform DER -out %s", f[0], f[5]);
    sh("openssl ec -in %s -no_public -outform DER -out %s", f[0], f[6]);
    sh("openssl ec -in %s -param_enc explicit -outform DER -out %s", f[0], f[7]);
    for (i = 0; i < 4; i++) {
        priv[i] = f[i];
    }
    pub[0] = f[4];
    pub[1] = f[5];
    check_private_files(f[0], priv, 4, check_ec);

    der = slurp(f[1], &len);
    if (der == NULL) {
        return;
    }
    EXPECT_OK(tern_key_parse_private(der, len, &k));
    EXPECT_OK(tern_pubkey_from_privkey(&k, &p));
    EXPECT_EQ_U(tern_pubkey_bits(&p), bits);
    ref = ossl_private(f[0]);
    EXPECT_EQ_U(tern_pubkey_bits(&p), (size_t)EVP_PKEY_get_bits(ref));
    EVP_PKEY_free(ref);
    check_public_files(&p, pub, 2);
    free(der);

    /* SEC1 without the public key: parsed, but no public half. */
    der = slurp(f[6], &len);
    if (der != NULL) {
        EXPECT_OK(tern_key_parse_sec1(der, len, &k));
        EXPECT_TRUE(k.u.ec.q == NULL);
        EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_pubkey_from_privkey(&k, &p));
        sweep(f[6], parse_sec1, parse_private_any);
        free(der);
    }
    /* Explicit curve parameters (specifiedCurve): not supported. */
    der = slurp(f[7], &len);
    if (der != NULL) {
        EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, tern_key_parse_private(der, len, &k));
        free(der);
    }
    check_pem_encoding("EC PRIVATE KEY", f[3], f[2]);
    check_pem_encoding("PUBLIC KEY", f[5], f[4]);
    sweep(f[1], parse_pkcs8, parse_private_any);
    sweep(f[3], parse_sec1, parse_private_any);
    sweep(f[5], parse_spki, parse_public_any);
}

static void test_ec(void)
{
    size_t len;
    uint8_t *der;
    tern_pubkey p;
    tern_privkey k;

    if (!dir_ok) {
        TEST_SKIP("no temporary directory");
    }
    ec_case("P-256", "p256", 256);
    ec_case("P-384", "p384", 384);

    /* Compressed points and explicit parameters in SPKI. */
    sh("openssl ec -in p256.pem -pubout -conv_form compressed -outform DER -out p256.comp.der");
    sh("openssl ec -in p256.pem -pubout -param_enc explicit -outform DER -out p256.expl.der");
    der = slurp("p256.comp.der", &len);
    if (der != NULL) {
        EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, tern_key_parse_public(der, len, &p));
        free(der);
    }
    der = slurp("p256.expl.der", &len);
    if (der != NULL) {
        EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, tern_key_parse_public(der, len, &p));
        free(der);
    }
    /* Other curves. */
    sh("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -outform DER"
       " -out p521.der");
    sh("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -outform DER"
       " -out k256.der");
    sh("openssl pkey -in k256.der -inform DER -pubout -outform DER -out k256.pub.der");
    der = slurp("p521.der", &len);
    if (der != NULL) {
        EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, tern_key_parse_private(der, len, &k));
        free(der);
    }
    der = slurp("k256.der", &len);
    if (der != NULL) {
        EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, tern_key_parse_private(der, len, &k));
        free(der);
    }
    der = slurp("k256.pub.der", &len);
    if (der != NULL) {
        EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, tern_key_parse_public(der, len, &p));
        free(der);
    }
}

/* ---- Ed25519 / X25519 ---------------------------------------------------------- */

static void curve25519_case(const char *alg, int type)
{
    char f[4][32];
    static const char *const ext[4] = {".pem", ".der", ".pub.pem", ".pub.der"};
    const char *priv[2], *pub[2];
    uint8_t raw[32];
    size_t len, n, i;
    uint8_t *der;
    tern_privkey k;
    tern_pubkey p, want;
    tern_key_info info;
    EVP_PKEY *ref;

    for (i = 0; i < 4; i++) {
        snprintf(f[i], sizeof(f[i]), "%s%s", alg, ext[i]);
    }
    sh("openssl genpkey -algorithm %s -out %s", alg, f[0]);
    sh("openssl pkcs8 -topk8 -nocrypt -in %s -outform DER -out %s", f[0], f[1]);
    sh("openssl pkey -in %s -pubout -out %s", f[0], f[2]);
    sh("openssl pkey -in %s -pubout -outform DER -out %s", f[0], f[3]);
    priv[0] = f[0];
    priv[1] = f[1];
    pub[0] = f[2];
    pub[1] = f[3];

    ref = ossl_private(f[0]);
    der = slurp(f[1], &len);
    if (ref == NULL || der == NULL) {
        TEST_FAIL("cannot read the key");
        EVP_PKEY_free(ref);
        free(der);
        return;
    }
    EXPECT_OK(tern_key_parse_pkcs8(der, len, &k, &info));
    EXPECT_EQ(k.type, type);
    EXPECT_EQ(info.alg, type == TERN_KEY_ED25519 ? TERN_KEY_ALG_ED25519 : TERN_KEY_ALG_X25519);
    n = sizeof(raw);
    EXPECT_TRUE(EVP_PKEY_get_raw_private_key(ref, raw, &n));
    EXPECT_EQ_U(n, 32);
    EXPECT_MEM_EQ(k.u.ed25519.seed, raw, 32);
    /* openssl writes version 0 without the public key. */
    EXPECT_TRUE(k.u.ed25519.pk == NULL);
    EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_pubkey_from_privkey(&k, &p));
    {
        tern_privkey kp;
        uint8_t *pem = slurp(f[0], &n);
        if (pem != NULL) {
            EXPECT_OK(tern_key_parse_private_pem_inplace((char *)pem, n, &kp));
            EXPECT_MEM_EQ(kp.u.ed25519.seed, raw, 32);
            free(pem);
        }
    }
    (void)priv;

    n = sizeof(raw);
    EXPECT_TRUE(EVP_PKEY_get_raw_public_key(ref, raw, &n));
    memset(&want, 0, sizeof(want));
    want.type = type;
    want.u.ed25519.pk = raw;
    check_public_files(&want, pub, 2);
    {
        uint8_t *pd = slurp(f[3], &n);
        if (pd != NULL) {
            EXPECT_OK(tern_key_parse_spki(pd, n, &p, &info));
            EXPECT_EQ_U(tern_pubkey_bits(&p), 256);
            free(pd);
        }
    }
    check_pem_encoding("PRIVATE KEY", f[1], f[0]);
    check_pem_encoding("PUBLIC KEY", f[3], f[2]);
    sweep(f[1], parse_pkcs8, parse_private_any);
    sweep(f[3], parse_spki, parse_public_any);
    EVP_PKEY_free(ref);
    free(der);
}

static void test_curve25519(void)
{
    if (!dir_ok) {
        TEST_SKIP("no temporary directory");
    }
    curve25519_case("ED25519", TERN_KEY_ED25519);
    curve25519_case("X25519", TERN_KEY_X25519);
}

/* ---- refused keys ---------------------------------------------------------------- */

static void test_refused(void)
{
    size_t len;
    uint8_t *data, *buf;
    tern_privkey k;
    tern_pubkey p;

    if (!dir_ok) {
        TEST_SKIP("no temporary directory");
    }
    /* RSA-512: always too small. */
    sh("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:512 -outform DER"
       " -out rsa512.der");
    sh("openssl pkey -in rsa512.der -inform DER -pubout -outform DER -out rsa512.pub.der");
    data = slurp("rsa512.der", &len);
    if (data != NULL) {
        EXPECT_ERR(TERN_ERR_KEY_TOO_SMALL, tern_key_parse_private(data, len, &k));
        free(data);
    }
    data = slurp("rsa512.pub.der", &len);
    if (data != NULL) {
        EXPECT_ERR(TERN_ERR_KEY_TOO_SMALL, tern_key_parse_public(data, len, &p));
        free(data);
    }
    /* Encrypted keys: PKCS#8 EncryptedPrivateKeyInfo and legacy PEM
     * encryption. */
    sh("openssl pkey -in p256.pem -aes256 -passout pass:secret -out enc8.pem");
    sh("openssl ec -in p256.pem -aes256 -passout pass:secret -out enctrad.pem");
    data = slurp("enc8.pem", &len);
    buf = malloc(len + 1);
    if (data != NULL) {
        EXPECT_ERR(TERN_ERR_UNSUPPORTED,
                   tern_key_parse_private_pem((const char *)data, len, buf, len, &k));
        EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_key_parse_private_pem_inplace((char *)data, len, &k));
        free(data);
    }
    data = slurp("enctrad.pem", &len);
    if (data != NULL) {
        EXPECT_TRUE(strstr((const char *)data, "Proc-Type: 4,ENCRYPTED") != NULL);
        EXPECT_ERR(TERN_ERR_UNSUPPORTED,
                   tern_key_parse_private_pem((const char *)data, len, buf, len, &k));
        free(data);
    }
    free(buf);
}

int main(void)
{
    int rc;

    dir_ok = mkdtemp(dir) != NULL;
    if (!dir_ok) {
        fprintf(stderr, "mkdtemp failed\n");
    }
    RUN_TEST(test_rsa);
    RUN_TEST(test_rsa_pss);
    RUN_TEST(test_ec);
    RUN_TEST(test_curve25519);
    RUN_TEST(test_refused);
    printf("mutants tried (each must be rejected): %u\n", (unsigned)mutants);
    rc = TEST_REPORT();
    if (dir_ok) {
        char cmd[128];
        snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
        if (system(cmd) != 0) {
            fprintf(stderr, "could not remove %s\n", dir);
        }
    }
    return rc;
}
