/*
 * bench-pk: the keys and reference values every library gets (see
 * pk_bench.h). Fixed scalars and seeds are hashes of fixed strings, so
 * every run uses the same keys; the public values, shared secrets and
 * reference signatures are computed with tern (whose outputs the tests
 * check against Wycheproof, NIST and OpenSSL). The RSA key is read with
 * OpenSSL from tests/data/certs/server-rsa2048.key.pem (PK_RSA_KEY_FILE).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "pk_bench.h"
#include "tern/curve25519.h"
#include "tern/ec.h"
#include "tern/hash.h"
#include "tern/rand.h"
#include "tern/rsa.h"

const char *const pk_op_names[PK_NOPS] = {
    "x25519",         "p256-ecdh",    "p256-sign",      "p256-verify",
    "p384-ecdh",      "p384-sign",    "p384-verify",    "rsa2048-sign",
    "rsa2048-verify", "ed25519-sign", "ed25519-verify",
};

int pk_op_curve(int op)
{
    if (op == PK_P256_ECDH || op == PK_P256_SIGN || op == PK_P256_VERIFY) {
        return 0;
    }
    if (op == PK_P384_ECDH || op == PK_P384_SIGN || op == PK_P384_VERIFY) {
        return 1;
    }
    return -1;
}

/* out = the first len bytes of SHA-512(label) */
static void derive(const char *label, uint8_t *out, size_t len)
{
    uint8_t h[64];
    tern_hash(&tern_sha512_class, label, strlen(label), h);
    memcpy(out, h, len);
}

static int ec_keys(pk_ec_keys *e, uint16_t group, const char *tag)
{
    uint8_t peer_d[48];
    char label[64];

    e->group = group;
    e->len = tern_ec_curve_len(group);
    if (e->len == 0) {
        return -1;
    }
    snprintf(label, sizeof(label), "bench-pk %s key", tag);
    derive(label, e->d, e->len);
    e->d[0] &= 0x7f; /* below n */
    snprintf(label, sizeof(label), "bench-pk %s peer", tag);
    derive(label, peer_d, e->len);
    peer_d[0] &= 0x7f;
    snprintf(label, sizeof(label), "bench-pk %s message", tag);
    tern_hash(e->len == 32 ? &tern_sha256_class : &tern_sha384_class, label, strlen(label),
              e->digest);
    e->sig_len = sizeof(e->sig);
    if (tern_ec_public_from_private(group, e->d, e->len, e->q) != TERN_OK ||
        tern_ec_public_from_private(group, peer_d, e->len, e->peer) != TERN_OK ||
        tern_ecdh(group, e->d, e->len, e->peer, 1 + 2 * e->len, e->shared) != TERN_OK ||
        tern_ecdsa_sign(group, e->d, e->len, e->len == 32 ? &tern_sha256_class : &tern_sha384_class,
                        e->digest, e->len, NULL, TERN_ECDSA_DER, e->sig, &e->sig_len) != TERN_OK) {
        return -1;
    }
    return 0;
}

/* One RSA parameter as big-endian bytes without leading zeros. */
static int rsa_param(EVP_PKEY *pkey, const char *name, uint8_t *out, size_t cap, size_t *len)
{
    BIGNUM *bn = NULL;
    int n, ok = 0;
    if (EVP_PKEY_get_bn_param(pkey, name, &bn) == 1) {
        n = BN_num_bytes(bn);
        if (n > 0 && (size_t)n <= cap && BN_bn2bin(bn, out) == n) {
            *len = (size_t)n;
            ok = 1;
        }
    }
    BN_free(bn);
    return ok;
}

static int rsa_keys(pk_keys *k)
{
    FILE *f = fopen(PK_RSA_KEY_FILE, "r");
    EVP_PKEY *pkey = NULL;
    unsigned char *der = NULL;
    int der_len, ok;

    if (f == NULL) {
        fprintf(stderr, "bench-pk: cannot open %s\n", PK_RSA_KEY_FILE);
        return -1;
    }
    pkey = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    if (pkey == NULL || EVP_PKEY_get_bits(pkey) != 2048) {
        fprintf(stderr, "bench-pk: %s is not an RSA-2048 private key\n", PK_RSA_KEY_FILE);
        EVP_PKEY_free(pkey);
        return -1;
    }
    ok = rsa_param(pkey, OSSL_PKEY_PARAM_RSA_N, k->n, sizeof(k->n), &k->n_len) &&
         rsa_param(pkey, OSSL_PKEY_PARAM_RSA_E, k->e, sizeof(k->e), &k->e_len) &&
         rsa_param(pkey, OSSL_PKEY_PARAM_RSA_D, k->d, sizeof(k->d), &k->d_len) &&
         rsa_param(pkey, OSSL_PKEY_PARAM_RSA_FACTOR1, k->p, sizeof(k->p), &k->p_len) &&
         rsa_param(pkey, OSSL_PKEY_PARAM_RSA_FACTOR2, k->q, sizeof(k->q), &k->q_len) &&
         rsa_param(pkey, OSSL_PKEY_PARAM_RSA_EXPONENT1, k->dp, sizeof(k->dp), &k->dp_len) &&
         rsa_param(pkey, OSSL_PKEY_PARAM_RSA_EXPONENT2, k->dq, sizeof(k->dq), &k->dq_len) &&
         rsa_param(pkey, OSSL_PKEY_PARAM_RSA_COEFFICIENT1, k->qinv, sizeof(k->qinv),
                   &k->qinv_len);
    /* the traditional (PKCS#1 RSAPrivateKey) DER form, for wolfSSL */
    der_len = ok ? i2d_PrivateKey(pkey, &der) : -1;
    if (der_len <= 0 || (size_t)der_len > sizeof(k->rsa_der)) {
        ok = 0;
    } else {
        memcpy(k->rsa_der, der, (size_t)der_len);
        k->rsa_der_len = (size_t)der_len;
    }
    OPENSSL_free(der);
    EVP_PKEY_free(pkey);
    return ok ? 0 : -1;
}

/* see pk_bench.h */
int pk_keys_load(pk_keys *k)
{
    memset(k, 0, sizeof(*k));
    derive("bench-pk x25519 key", k->x25519_priv, 32);
    /* clamped as RFC 7748 5 does it, so that libraries that only clear
     * some bits, or check the clamping, compute the same function */
    k->x25519_priv[0] &= 248;
    k->x25519_priv[31] &= 127;
    k->x25519_priv[31] |= 64;
    {
        uint8_t peer[32];
        derive("bench-pk x25519 peer", peer, 32);
        if (tern_x25519_base(k->x25519_peer, peer) != TERN_OK ||
            tern_x25519(k->x25519_shared, k->x25519_priv, k->x25519_peer) != TERN_OK) {
            return -1;
        }
    }
    if (ec_keys(&k->ec[0], TERN_GROUP_SECP256R1, "p256") != 0 ||
        ec_keys(&k->ec[1], TERN_GROUP_SECP384R1, "p384") != 0) {
        fprintf(stderr, "bench-pk: EC key setup failed\n");
        return -1;
    }
    if (rsa_keys(k) != 0) {
        return -1;
    }
    tern_hash(&tern_sha256_class, "bench-pk rsa message", 20, k->rsa_digest);
    {
        tern_rsa_privkey priv = {k->n,     k->e,     k->d,      k->p,      k->q,       k->dp,
                                 k->dq,    k->qinv,  k->n_len,  k->e_len,  k->d_len,   k->p_len,
                                 k->q_len, k->dp_len, k->dq_len, k->qinv_len};
        tern_hmac_drbg_ctx drbg;
        const tern_rng_class **rng = &drbg.vtable;
        size_t sig_len = sizeof(k->rsa_sig);
        int rc = tern_hmac_drbg_init(&drbg, &tern_sha256_class, NULL, NULL, 0);
        if (rc == TERN_OK) {
            rc = tern_rsa_pkcs1_sign(&priv, rng, &tern_sha256_class, k->rsa_digest, 32, k->rsa_sig,
                                     &sig_len);
        }
        tern_hmac_drbg_wipe(&drbg);
        if (rc != TERN_OK || sig_len != 256) {
            fprintf(stderr, "bench-pk: RSA reference signature failed\n");
            return -1;
        }
    }
    derive("bench-pk ed25519 seed", k->ed_seed, 32);
    derive("bench-pk ed25519 message", k->ed_msg, 32);
    derive("bench-pk ed25519 message 2", k->ed_msg + 32, 32);
    if (tern_ed25519_public(k->ed_pk, k->ed_seed) != TERN_OK ||
        tern_ed25519_sign(k->ed_sig, k->ed_msg, sizeof(k->ed_msg), k->ed_seed, k->ed_pk) !=
            TERN_OK) {
        return -1;
    }
    return 0;
}

/* see pk_bench.h */
pk_state *pk_state_new(size_t size, int op, const pk_keys *k)
{
    pk_state *st = (pk_state *)calloc(1, size);
    if (st != NULL) {
        st->op = op;
        st->keys = k;
    }
    return st;
}
