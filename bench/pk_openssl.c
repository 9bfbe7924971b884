/*
 * bench-pk: the OpenSSL side (libcrypto 3, EVP). Each run does what
 * libssl does per handshake: ECDH and X25519 build the peer's key from
 * its encoding (EVP_PKEY_set1_encoded_public_key / raw public key) and
 * derive; signatures reuse an initialised EVP_PKEY_CTX; Ed25519 inits
 * its EVP_MD_CTX per message, as the one-shot API requires.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "pk_bench.h"

typedef struct ossl_st {
    pk_state base;
    EVP_PKEY *key;
    EVP_PKEY_CTX *ctx;
    EVP_MD_CTX *md;
} ossl_st;

static const char *why_not(int op)
{
    (void)op;
    return NULL;
}

/* An EC key pair (or public key if d is NULL) from raw values. */
static EVP_PKEY *ec_key(const pk_ec_keys *e, int with_private)
{
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    EVP_PKEY *pkey = NULL;
    BIGNUM *bn = NULL;

    if (bld == NULL || ctx == NULL ||
        !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
                                         e->len == 32 ? "P-256" : "P-384", 0) ||
        !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, e->q, 1 + 2 * e->len)) {
        goto out;
    }
    if (with_private) {
        bn = BN_bin2bn(e->d, (int)e->len, NULL);
        if (bn == NULL || !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, bn)) {
            goto out;
        }
    }
    params = OSSL_PARAM_BLD_to_param(bld);
    if (params == NULL || EVP_PKEY_fromdata_init(ctx) <= 0 ||
        EVP_PKEY_fromdata(ctx, &pkey, with_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                          params) <= 0) {
        pkey = NULL;
    }
out:
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX_free(ctx);
    BN_free(bn);
    return pkey;
}

static void done(pk_state *s)
{
    ossl_st *st = (ossl_st *)s;
    EVP_MD_CTX_free(st->md);
    EVP_PKEY_CTX_free(st->ctx);
    EVP_PKEY_free(st->key);
    free(st);
}

static pk_state *setup(int op, const pk_keys *k)
{
    ossl_st *st = (ossl_st *)pk_state_new(sizeof(ossl_st), op, k);
    int c = pk_op_curve(op);
    int ok = 0;

    if (st == NULL) {
        return NULL;
    }
    switch (op) {
    case PK_X25519:
        st->key = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, k->x25519_priv, 32);
        ok = st->key != NULL && (st->ctx = EVP_PKEY_CTX_new_from_pkey(NULL, st->key, NULL)) &&
             EVP_PKEY_derive_init(st->ctx) > 0;
        break;
    case PK_P256_ECDH:
    case PK_P384_ECDH:
        st->key = ec_key(&k->ec[c], 1);
        ok = st->key != NULL && (st->ctx = EVP_PKEY_CTX_new_from_pkey(NULL, st->key, NULL)) &&
             EVP_PKEY_derive_init(st->ctx) > 0;
        break;
    case PK_P256_SIGN:
    case PK_P384_SIGN:
        st->key = ec_key(&k->ec[c], 1);
        ok = st->key != NULL && (st->ctx = EVP_PKEY_CTX_new_from_pkey(NULL, st->key, NULL)) &&
             EVP_PKEY_sign_init(st->ctx) > 0;
        break;
    case PK_P256_VERIFY:
    case PK_P384_VERIFY:
        st->key = ec_key(&k->ec[c], 0);
        ok = st->key != NULL && (st->ctx = EVP_PKEY_CTX_new_from_pkey(NULL, st->key, NULL)) &&
             EVP_PKEY_verify_init(st->ctx) > 0;
        break;
    case PK_RSA2048_SIGN:
    case PK_RSA2048_VERIFY: {
        const unsigned char *p = k->rsa_der;
        st->key = d2i_PrivateKey(EVP_PKEY_RSA, NULL, &p, (long)k->rsa_der_len);
        ok = st->key != NULL && (st->ctx = EVP_PKEY_CTX_new_from_pkey(NULL, st->key, NULL)) &&
             (op == PK_RSA2048_SIGN ? EVP_PKEY_sign_init(st->ctx)
                                    : EVP_PKEY_verify_init(st->ctx)) > 0 &&
             EVP_PKEY_CTX_set_rsa_padding(st->ctx, RSA_PKCS1_PADDING) > 0 &&
             EVP_PKEY_CTX_set_signature_md(st->ctx, EVP_sha256()) > 0;
        break;
    }
    case PK_ED25519_SIGN:
        st->key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, k->ed_seed, 32);
        ok = st->key != NULL && (st->md = EVP_MD_CTX_new()) != NULL;
        break;
    case PK_ED25519_VERIFY:
        st->key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, k->ed_pk, 32);
        ok = st->key != NULL && (st->md = EVP_MD_CTX_new()) != NULL;
        break;
    default:
        break;
    }
    if (!ok) {
        done(&st->base);
        return NULL;
    }
    return &st->base;
}

/* Derive with a peer key built from its encoding. */
static int derive(ossl_st *st, EVP_PKEY *peer, size_t len)
{
    int ok = peer != NULL && EVP_PKEY_derive_set_peer(st->ctx, peer) > 0;
    st->base.out_len = len;
    ok = ok && EVP_PKEY_derive(st->ctx, st->base.out, &st->base.out_len) > 0 &&
         st->base.out_len == len;
    EVP_PKEY_free(peer);
    return ok ? 0 : -1;
}

static int run(pk_state *s)
{
    ossl_st *st = (ossl_st *)s;
    const pk_keys *k = s->keys;
    int c = pk_op_curve(s->op);
    const pk_ec_keys *e = c >= 0 ? &k->ec[c] : NULL;

    switch (s->op) {
    case PK_X25519:
        return derive(st, EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, k->x25519_peer, 32),
                      32);
    case PK_P256_ECDH:
    case PK_P384_ECDH: {
        EVP_PKEY *peer = EVP_PKEY_new();
        if (peer == NULL || EVP_PKEY_copy_parameters(peer, st->key) <= 0 ||
            EVP_PKEY_set1_encoded_public_key(peer, e->peer, 1 + 2 * e->len) <= 0) {
            EVP_PKEY_free(peer);
            return -1;
        }
        return derive(st, peer, e->len);
    }
    case PK_P256_SIGN:
    case PK_P384_SIGN:
        s->out_len = sizeof(s->out);
        return EVP_PKEY_sign(st->ctx, s->out, &s->out_len, e->digest, e->len) > 0 ? 0 : -1;
    case PK_P256_VERIFY:
    case PK_P384_VERIFY:
        return EVP_PKEY_verify(st->ctx, e->sig, e->sig_len, e->digest, e->len) == 1 ? 0 : -1;
    case PK_RSA2048_SIGN:
        s->out_len = sizeof(s->out);
        return EVP_PKEY_sign(st->ctx, s->out, &s->out_len, k->rsa_digest, 32) > 0 ? 0 : -1;
    case PK_RSA2048_VERIFY:
        return EVP_PKEY_verify(st->ctx, k->rsa_sig, 256, k->rsa_digest, 32) == 1 ? 0 : -1;
    case PK_ED25519_SIGN:
        s->out_len = sizeof(s->out);
        return EVP_DigestSignInit(st->md, NULL, NULL, NULL, st->key) > 0 &&
                       EVP_DigestSign(st->md, s->out, &s->out_len, k->ed_msg, sizeof(k->ed_msg)) >
                           0
                   ? 0
                   : -1;
    case PK_ED25519_VERIFY:
        return EVP_DigestVerifyInit(st->md, NULL, NULL, NULL, st->key) > 0 &&
                       EVP_DigestVerify(st->md, k->ed_sig, 64, k->ed_msg, sizeof(k->ed_msg)) == 1
                   ? 0
                   : -1;
    default:
        return -1;
    }
}

static const char *version(void)
{
    return OpenSSL_version(OPENSSL_VERSION);
}

const pk_lib pk_lib_openssl = {"OpenSSL", "openssl", why_not, setup, run, done, version};
