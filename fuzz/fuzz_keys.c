/*
 * libFuzzer target for the key parsers (include/tern/keys.h): every
 * format parser and the PEM entry points on the input; a parsed key must
 * point inside the input and have the lengths its type promises.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tern/keys.h"

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static const uint8_t *lo, *hi;

static void inside(const uint8_t *p, size_t n)
{
    CHECK(p != NULL && p >= lo && p <= hi && n <= (size_t)(hi - p));
}

static void check_pub(const tern_pubkey *k)
{
    switch (k->type) {
    case TERN_KEY_RSA:
        inside(k->u.rsa.n, k->u.rsa.n_len);
        inside(k->u.rsa.e, k->u.rsa.e_len);
        CHECK(k->u.rsa.n[0] != 0 && (k->u.rsa.n[k->u.rsa.n_len - 1] & 1));
        CHECK(tern_pubkey_bits(k) > 512 && tern_pubkey_bits(k) <= TERN_CONFIG_MAX_RSA_BITS);
        break;
    case TERN_KEY_EC:
        inside(k->u.ec.q, k->u.ec.q_len);
        CHECK(k->u.ec.q_len == 65 || k->u.ec.q_len == 97);
        CHECK(k->u.ec.q[0] == 0x04);
        break;
    case TERN_KEY_ED25519:
    case TERN_KEY_X25519:
        inside(k->u.ed25519.pk, 32);
        break;
    default:
        CHECK(0);
    }
}

static void check_priv(const tern_privkey *k)
{
    tern_pubkey p;
    int rc = tern_pubkey_from_privkey(k, &p);

    CHECK(rc == TERN_OK || rc == TERN_ERR_UNSUPPORTED);
    if (rc == TERN_OK) {
        check_pub(&p);
    }
    switch (k->type) {
    case TERN_KEY_RSA:
        inside(k->u.rsa.d, k->u.rsa.d_len);
        inside(k->u.rsa.p, k->u.rsa.p_len);
        inside(k->u.rsa.q, k->u.rsa.q_len);
        inside(k->u.rsa.dp, k->u.rsa.dp_len);
        inside(k->u.rsa.dq, k->u.rsa.dq_len);
        inside(k->u.rsa.qinv, k->u.rsa.qinv_len);
        break;
    case TERN_KEY_EC:
        inside(k->u.ec.d, k->u.ec.d_len);
        CHECK(k->u.ec.d_len >= 1 && k->u.ec.d_len <= 48);
        break;
    case TERN_KEY_ED25519:
    case TERN_KEY_X25519:
        inside(k->u.ed25519.seed, 32);
        break;
    default:
        CHECK(0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tern_pubkey pub;
    tern_privkey priv;
    tern_key_info info;
    uint8_t *der;
    char *text;

    lo = data;
    hi = data + size;
    if (tern_key_parse_public(data, size, &pub) == TERN_OK) {
        check_pub(&pub);
    }
    if (tern_key_parse_spki(data, size, &pub, &info) == TERN_OK) {
        check_pub(&pub);
        CHECK(info.alg >= TERN_KEY_ALG_RSA && info.alg <= TERN_KEY_ALG_X25519);
    }
    if (tern_key_parse_rsa_public(data, size, &pub) == TERN_OK) {
        check_pub(&pub);
    }
    if (tern_key_parse_private(data, size, &priv) == TERN_OK) {
        check_priv(&priv);
    }
    if (tern_key_parse_pkcs8(data, size, &priv, &info) == TERN_OK) {
        check_priv(&priv);
    }
    if (tern_key_parse_rsa_private(data, size, &priv) == TERN_OK) {
        check_priv(&priv);
    }
    if (tern_key_parse_sec1(data, size, &priv) == TERN_OK) {
        check_priv(&priv);
    }

    /* The input as PEM: into a buffer and in place. */
    der = malloc(size + 1);
    lo = der;
    hi = der + size;
    if (tern_key_parse_public_pem((const char *)data, size, der, size, &pub) == TERN_OK) {
        check_pub(&pub);
    }
    if (tern_key_parse_private_pem((const char *)data, size, der, size, &priv) == TERN_OK) {
        check_priv(&priv);
    }
    text = malloc(size + 1);
    memcpy(text, data, size);
    lo = (const uint8_t *)text;
    hi = lo + size;
    if (tern_key_parse_private_pem_inplace(text, size, &priv) == TERN_OK) {
        check_priv(&priv);
    }
    memcpy(text, data, size);
    if (tern_key_parse_public_pem_inplace(text, size, &pub) == TERN_OK) {
        check_pub(&pub);
    }
    free(der);
    free(text);
    return 0;
}
