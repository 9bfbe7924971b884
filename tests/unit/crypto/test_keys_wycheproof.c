/*
 * Key parsers on Wycheproof data:
 *  - every publicKeyDer / publicKeyPem of the ECDSA, Ed25519, RSA PKCS#1
 *    and RSA-PSS verify files parses and matches the group's publicKey
 *    fields (one case per group);
 *  - every privateKeyPkcs8 / privateKeyPem (and keyDer) of the RSA
 *    signing and decryption files parses and matches privateKey; the
 *    first key of each file also goes through the mutation sweep;
 *  - the SubjectPublicKeyInfo values ("public") of the ECDH files, per
 *    test, with these decisions:
 *      valid                       must parse, curve and length right
 *      InvalidAsn (acceptable)     must be rejected: strict DER (a damaged
 *                                  OID gives an unknown algorithm); the
 *                                  one case that is still DER (a changed
 *                                  last byte of the point) is skipped as
 *                                  the EC code's check
 *      CompressedPoint/Public      rejected (TERN_ERR_UNSUPPORTED_ALGORITHM:
 *        (acceptable)              compressed points are not supported)
 *      UnnamedCurve (acceptable)   rejected (explicit parameters are not
 *                                  supported, RFC 5480 2.1.1)
 *      WrongCurve (invalid)        rejected, or parsed with a curve other
 *                                  than the group's (the caller's check)
 *      other invalid               rejected, or skipped as "point not on
 *                                  the curve: the EC code's check" when
 *                                  the SPKI itself is well formed
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keys_mutate.h"
#include "tern/keys.h"
#include "tern_test.h"
#include "tv.h"

/* Wycheproof integers are two's complement: drop leading zero octets. */
static void strip(const uint8_t **p, size_t *n)
{
    while (*n > 0 && (*p)[0] == 0) {
        (*p)++;
        (*n)--;
    }
}

/* Hex member `name` of obj equals the magnitude m[0..n). */
static int hex_eq(const cJSON *obj, const char *name, const uint8_t *m, size_t n)
{
    uint8_t *v = NULL;
    const uint8_t *p;
    size_t len;
    int ok;

    if (tv_json_hex(obj, name, &v, &len) != 0) {
        return 0;
    }
    p = v;
    strip(&p, &len);
    strip(&m, &n);
    ok = len == n && memcmp(p, m, n) == 0;
    free(v);
    return ok;
}

/* As hex_eq, and true when the member is absent. */
static int opt_hex_eq(const cJSON *obj, const char *name, const uint8_t *m, size_t n)
{
    return tv_json_str(obj, name) == NULL || hex_eq(obj, name, m, n);
}

static int same_public(const tern_pubkey *a, const tern_pubkey *b)
{
    if (a->type != b->type) {
        return 0;
    }
    switch (a->type) {
    case TERN_KEY_RSA:
        return a->u.rsa.n_len == b->u.rsa.n_len && a->u.rsa.e_len == b->u.rsa.e_len &&
               memcmp(a->u.rsa.n, b->u.rsa.n, a->u.rsa.n_len) == 0 &&
               memcmp(a->u.rsa.e, b->u.rsa.e, a->u.rsa.e_len) == 0;
    case TERN_KEY_EC:
        return a->u.ec.curve == b->u.ec.curve && a->u.ec.q_len == b->u.ec.q_len &&
               memcmp(a->u.ec.q, b->u.ec.q, a->u.ec.q_len) == 0;
    default:
        return memcmp(a->u.ed25519.pk, b->u.ed25519.pk, 32) == 0;
    }
}

static uint16_t curve_of(const char *name)
{
    if (name == NULL) {
        return 0;
    }
    if (strcmp(name, "secp256r1") == 0) {
        return TERN_GROUP_SECP256R1;
    }
    if (strcmp(name, "secp384r1") == 0) {
        return TERN_GROUP_SECP384R1;
    }
    return 0;
}

/* One group of a verify file: its public key in DER and PEM. */
static int check_public_group(const cJSON *g, char *why, size_t why_len)
{
    const cJSON *pk = cJSON_GetObjectItemCaseSensitive(g, "publicKey");
    const char *pem = tv_json_str(g, "publicKeyPem");
    uint8_t *der = NULL, *buf = NULL;
    size_t len, pem_len;
    tern_pubkey k, kp;
    int ok = 0;

    if (pk == NULL || pem == NULL || tv_json_hex(g, "publicKeyDer", &der, &len) != 0) {
        snprintf(why, why_len, "group fields missing");
        return 0;
    }
    pem_len = strlen(pem);
    buf = malloc(pem_len);
    if (tern_key_parse_spki(der, len, &k, NULL) != TERN_OK) {
        snprintf(why, why_len, "DER rejected");
    } else if (tern_key_parse_public_pem(pem, pem_len, buf, pem_len, &kp) != TERN_OK ||
               !same_public(&k, &kp)) {
        snprintf(why, why_len, "PEM differs");
    } else if (k.type == TERN_KEY_RSA) {
        ok = hex_eq(pk, "modulus", k.u.rsa.n, k.u.rsa.n_len) &&
             hex_eq(pk, "publicExponent", k.u.rsa.e, k.u.rsa.e_len) &&
             (long)tern_pubkey_bits(&k) == tv_json_int(g, "keySize", -1);
        snprintf(why, why_len, "RSA components differ");
    } else if (k.type == TERN_KEY_EC) {
        ok = k.u.ec.curve == curve_of(tv_json_str(pk, "curve")) &&
             hex_eq(pk, "uncompressed", k.u.ec.q, k.u.ec.q_len) &&
             (long)tern_pubkey_bits(&k) == tv_json_int(pk, "keySize", -1);
        snprintf(why, why_len, "EC key differs");
    } else {
        ok = k.type == TERN_KEY_ED25519 && hex_eq(pk, "pk", k.u.ed25519.pk, 32);
        snprintf(why, why_len, "Ed25519 key differs");
    }
    free(der);
    free(buf);
    return ok;
}

static void run_public_file(const char *file)
{
    cJSON *root = tv_json_load(file);
    const cJSON *g;
    tv_counts c;
    int i = 0;

    tv_counts_init(&c, file);
    if (root == NULL) {
        TEST_FAIL(file);
        return;
    }
    cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(root, "testGroups"))
    {
        char why[64], id[32];
        int ok = check_public_group(g, why, sizeof(why));
        snprintf(id, sizeof(id), "group %d", i++);
        tv_check(&c, ok, id, why);
    }
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL(file);
    }
    cJSON_Delete(root);
}

static int parse_pkcs8(const uint8_t *der, size_t len)
{
    tern_privkey k;
    return tern_key_parse_pkcs8(der, len, &k, NULL);
}

/* One group of an RSA signing / decryption file. */
static int check_private_group(const cJSON *g, int sweep, char *why, size_t why_len)
{
    const cJSON *pk = cJSON_GetObjectItemCaseSensitive(g, "privateKey");
    const char *pem = tv_json_str(g, "privateKeyPem");
    uint8_t *der = NULL, *spki = NULL, *buf = NULL;
    size_t len, spki_len = 0, pem_len;
    tern_privkey k, kp;
    tern_pubkey pub, from_priv;
    int ok = 0;

    if (pk == NULL || pem == NULL || tv_json_hex(g, "privateKeyPkcs8", &der, &len) != 0) {
        snprintf(why, why_len, "group fields missing");
        return 0;
    }
    pem_len = strlen(pem);
    buf = malloc(pem_len);
    if (tern_key_parse_pkcs8(der, len, &k, NULL) != TERN_OK || k.type != TERN_KEY_RSA) {
        snprintf(why, why_len, "PKCS#8 rejected");
    } else if (tern_key_parse_private_pem(pem, pem_len, buf, pem_len, &kp) != TERN_OK ||
               kp.u.rsa.n_len != k.u.rsa.n_len ||
               memcmp(kp.u.rsa.n, k.u.rsa.n, k.u.rsa.n_len) != 0 ||
               kp.u.rsa.d_len != k.u.rsa.d_len ||
               memcmp(kp.u.rsa.d, k.u.rsa.d, k.u.rsa.d_len) != 0) {
        snprintf(why, why_len, "PEM differs");
    } else {
        const tern_rsa_privkey *r = &k.u.rsa;
        /* The signing files give n, e, d only; the decryption files
         * also give the CRT values. */
        ok = hex_eq(pk, "modulus", r->n, r->n_len) &&
             hex_eq(pk, "publicExponent", r->e, r->e_len) &&
             hex_eq(pk, "privateExponent", r->d, r->d_len) &&
             opt_hex_eq(pk, "prime1", r->p, r->p_len) && opt_hex_eq(pk, "prime2", r->q, r->q_len) &&
             opt_hex_eq(pk, "exponent1", r->dp, r->dp_len) &&
             opt_hex_eq(pk, "exponent2", r->dq, r->dq_len) &&
             opt_hex_eq(pk, "coefficient", r->qinv, r->qinv_len);
        snprintf(why, why_len, "RSA components differ");
        /* The SPKI of the signing files matches the private key. */
        if (ok && tv_json_str(g, "keyDer") != NULL) {
            ok = tv_json_hex(g, "keyDer", &spki, &spki_len) == 0 &&
                 tern_key_parse_public(spki, spki_len, &pub) == TERN_OK &&
                 tern_pubkey_from_privkey(&k, &from_priv) == TERN_OK &&
                 same_public(&pub, &from_priv);
            snprintf(why, why_len, "keyDer differs");
        }
    }
    if (sweep) {
        km_sweep("wycheproof PKCS#8", der, len, parse_pkcs8);
    }
    free(der);
    free(spki);
    free(buf);
    return ok;
}

static void run_private_file(const char *file)
{
    cJSON *root = tv_json_load(file);
    const cJSON *g;
    tv_counts c;
    int i = 0;

    tv_counts_init(&c, file);
    if (root == NULL) {
        TEST_FAIL(file);
        return;
    }
    cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(root, "testGroups"))
    {
        char why[64], id[32];
        int ok = check_private_group(g, i == 0, why, sizeof(why));
        snprintf(id, sizeof(id), "group %d", i++);
        tv_check(&c, ok, id, why);
    }
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL(file);
    }
    cJSON_Delete(root);
}

static void run_ecdh_spki_file(const char *file)
{
    cJSON *root = tv_json_load(file);
    const cJSON *g, *t;
    tv_counts c;

    tv_counts_init(&c, file);
    if (root == NULL) {
        TEST_FAIL(file);
        return;
    }
    cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(root, "testGroups"))
    {
        uint16_t curve = curve_of(tv_json_str(g, "curve"));
        cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(g, "tests"))
        {
            const char *result = tv_json_str(t, "result");
            char id[32];
            uint8_t *der = NULL;
            size_t len;
            tern_pubkey k;
            int rc;

            snprintf(id, sizeof(id), "tcId %ld", tv_json_int(t, "tcId", -1));
            if (tv_json_hex(t, "public", &der, &len) != 0) {
                tv_fail(&c, id, "bad hex");
                continue;
            }
            rc = tern_key_parse_spki(der, len, &k, NULL);
            if (strcmp(result, "valid") == 0) {
                tv_check(&c,
                         rc == TERN_OK && k.type == TERN_KEY_EC && k.u.ec.curve == curve &&
                             k.u.ec.q_len == (curve == TERN_GROUP_SECP256R1 ? 65u : 97u),
                         id, "valid key rejected");
            } else if (tv_json_has_flag(t, "InvalidAsn") && rc == TERN_OK) {
                /* "modifying last byte of bit string": still DER, but
                 * the point has changed. */
                tv_skip(&c, "well-formed DER, modified point: the EC code's check");
            } else if (tv_json_has_flag(t, "InvalidAsn")) {
                /* Mostly TERN_ERR_ASN1; a damaged OID is an unknown
                 * algorithm (TERN_ERR_UNSUPPORTED_ALGORITHM). */
                tv_pass(&c);
            } else if (tv_json_has_flag(t, "CompressedPoint") ||
                       tv_json_has_flag(t, "CompressedPublic")) {
                tv_check(&c, rc == TERN_ERR_UNSUPPORTED_ALGORITHM, id, "compressed point accepted");
            } else if (tv_json_has_flag(t, "UnnamedCurve")) {
                tv_check(&c, rc == TERN_ERR_UNSUPPORTED_ALGORITHM, id,
                         "explicit parameters accepted");
            } else if (tv_json_has_flag(t, "WrongCurve")) {
                tv_check(&c, rc < 0 || k.u.ec.curve != curve, id, "wrong curve not visible");
            } else if (strcmp(result, "invalid") == 0 && rc == TERN_OK) {
                tv_skip(&c, "point not on the curve: the EC code's check");
            } else if (strcmp(result, "invalid") == 0) {
                tv_pass(&c);
            } else {
                /* Valid SPKI with edge-case points. */
                tv_check(&c, rc == TERN_OK, id, "acceptable key rejected");
            }
            free(der);
        }
    }
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL(file);
    }
    cJSON_Delete(root);
}

static void test_public_keys(void)
{
    static const char *const files[] = {
        "wycheproof/ecdsa_secp256r1_sha256_test.json",
        "wycheproof/ecdsa_secp256r1_sha256_p1363_test.json",
        "wycheproof/ecdsa_secp256r1_sha512_test.json",
        "wycheproof/ecdsa_secp384r1_sha256_test.json",
        "wycheproof/ecdsa_secp384r1_sha384_test.json",
        "wycheproof/ecdsa_secp384r1_sha384_p1363_test.json",
        "wycheproof/ecdsa_secp384r1_sha512_test.json",
        "wycheproof/ed25519_test.json",
        "wycheproof/rsa_signature_2048_sha256_test.json",
        "wycheproof/rsa_signature_2048_sha384_test.json",
        "wycheproof/rsa_signature_2048_sha512_test.json",
        "wycheproof/rsa_signature_3072_sha256_test.json",
        "wycheproof/rsa_signature_3072_sha384_test.json",
        "wycheproof/rsa_signature_4096_sha256_test.json",
        "wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json",
        "wycheproof/rsa_pss_2048_sha384_mgf1_48_test.json",
        "wycheproof/rsa_pss_3072_sha256_mgf1_32_test.json",
        "wycheproof/rsa_pss_4096_sha256_mgf1_32_test.json",
        "wycheproof/rsa_pss_4096_sha384_mgf1_48_test.json",
        "wycheproof/rsa_pss_4096_sha512_mgf1_64_test.json",
        "wycheproof/rsa_pss_misc_test.json",
    };
    size_t i;
    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        run_public_file(files[i]);
    }
}

static void test_private_keys(void)
{
    static const char *const files[] = {
        "wycheproof/rsa_pkcs1_1024_sig_gen_test.json",
        "wycheproof/rsa_pkcs1_2048_sig_gen_test.json",
        "wycheproof/rsa_pkcs1_3072_sig_gen_test.json",
        "wycheproof/rsa_pkcs1_4096_sig_gen_test.json",
        "wycheproof/rsa_pkcs1_2048_test.json",
        "wycheproof/rsa_pkcs1_3072_test.json",
        "wycheproof/rsa_pkcs1_4096_test.json",
    };
    size_t i;
    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        run_private_file(files[i]);
    }
}

static void test_ecdh_spki(void)
{
    run_ecdh_spki_file("wycheproof/ecdh_secp256r1_test.json");
    run_ecdh_spki_file("wycheproof/ecdh_secp384r1_test.json");
}

int main(void)
{
    RUN_TEST(test_public_keys);
    RUN_TEST(test_private_keys);
    RUN_TEST(test_ecdh_spki);
    return TEST_REPORT();
}
