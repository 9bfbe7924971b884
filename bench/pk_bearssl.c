/*
 * bench-pk: the BearSSL side (0.6 as Debian ships it: br_ec_get_default,
 * br_ecdsa_*_asn1_get_default, br_rsa_pkcs1_*_get_default, which pick
 * the i31/m31 code on this build). Its EC API takes the encoded point,
 * which mul() decodes and validates on every run; its ECDSA signing is
 * deterministic (RFC 6979) and takes no rng; its RSA has no blinding
 * (the i31 code is constant-time instead).
 */
#include <stdlib.h>
#include <string.h>

#include <bearssl.h>

#include "pk_bench.h"

typedef struct bear_st {
    pk_state base;
    br_ec_private_key sk;
    br_ec_public_key pk;
    br_rsa_private_key rsk;
    br_rsa_public_key rpk;
} bear_st;

static const char *why_not(int op)
{
    if (op == PK_ED25519_SIGN || op == PK_ED25519_VERIFY) {
        return "BearSSL has no Ed25519";
    }
    return NULL;
}

static pk_state *setup(int op, const pk_keys *k)
{
    bear_st *st = (bear_st *)pk_state_new(sizeof(bear_st), op, k);
    int c = pk_op_curve(op);

    if (st == NULL) {
        return NULL;
    }
    if (c >= 0) {
        const pk_ec_keys *e = &k->ec[c];
        int curve = c == 0 ? BR_EC_secp256r1 : BR_EC_secp384r1;
        st->sk.curve = curve;
        st->sk.x = (unsigned char *)(uintptr_t)e->d;
        st->sk.xlen = e->len;
        st->pk.curve = curve;
        st->pk.q = (unsigned char *)(uintptr_t)e->q;
        st->pk.qlen = 1 + 2 * e->len;
    }
    st->rsk.n_bitlen = 2048;
    st->rsk.p = (unsigned char *)(uintptr_t)k->p;
    st->rsk.plen = k->p_len;
    st->rsk.q = (unsigned char *)(uintptr_t)k->q;
    st->rsk.qlen = k->q_len;
    st->rsk.dp = (unsigned char *)(uintptr_t)k->dp;
    st->rsk.dplen = k->dp_len;
    st->rsk.dq = (unsigned char *)(uintptr_t)k->dq;
    st->rsk.dqlen = k->dq_len;
    st->rsk.iq = (unsigned char *)(uintptr_t)k->qinv;
    st->rsk.iqlen = k->qinv_len;
    st->rpk.n = (unsigned char *)(uintptr_t)k->n;
    st->rpk.nlen = k->n_len;
    st->rpk.e = (unsigned char *)(uintptr_t)k->e;
    st->rpk.elen = k->e_len;
    return &st->base;
}

/* x(scalar * point) of an encoded point, decoded and checked by mul(). */
static int ecdh(pk_state *s, const uint8_t *point, size_t point_len, const uint8_t *scalar,
                size_t scalar_len, int curve)
{
    const br_ec_impl *impl = br_ec_get_default();
    unsigned char buf[97];
    size_t xoff, xlen;

    memcpy(buf, point, point_len);
    if (!impl->mul(buf, point_len, scalar, scalar_len, curve)) {
        return -1;
    }
    xoff = impl->xoff(curve, &xlen);
    memcpy(s->out, buf + xoff, xlen);
    s->out_len = xlen;
    return 0;
}

static int run(pk_state *s)
{
    bear_st *st = (bear_st *)s;
    const pk_keys *k = s->keys;
    int c = pk_op_curve(s->op);
    const pk_ec_keys *e = c >= 0 ? &k->ec[c] : NULL;
    const br_hash_class *hc = c == 0 ? &br_sha256_vtable : &br_sha384_vtable;

    switch (s->op) {
    case PK_X25519:
        return ecdh(s, k->x25519_peer, 32, k->x25519_priv, 32, BR_EC_curve25519);
    case PK_P256_ECDH:
    case PK_P384_ECDH:
        return ecdh(s, e->peer, 1 + 2 * e->len, e->d, e->len, st->sk.curve);
    case PK_P256_SIGN:
    case PK_P384_SIGN:
        s->out_len =
            br_ecdsa_sign_asn1_get_default()(br_ec_get_default(), hc, e->digest, &st->sk, s->out);
        return s->out_len > 0 ? 0 : -1;
    case PK_P256_VERIFY:
    case PK_P384_VERIFY:
        return br_ecdsa_vrfy_asn1_get_default()(br_ec_get_default(), e->digest, e->len, &st->pk,
                                                e->sig, e->sig_len) == 1
                   ? 0
                   : -1;
    case PK_RSA2048_SIGN:
        s->out_len = 256;
        return br_rsa_pkcs1_sign_get_default()(BR_HASH_OID_SHA256, k->rsa_digest, 32, &st->rsk,
                                               s->out) == 1
                   ? 0
                   : -1;
    case PK_RSA2048_VERIFY: {
        unsigned char h[32];
        return br_rsa_pkcs1_vrfy_get_default()(k->rsa_sig, 256, BR_HASH_OID_SHA256, 32, &st->rpk,
                                               h) == 1 &&
                       memcmp(h, k->rsa_digest, 32) == 0
                   ? 0
                   : -1;
    }
    default:
        return -1;
    }
}

static void done(pk_state *s)
{
    free(s);
}

static const char *version(void)
{
    return "BearSSL (no version API; Debian libbearssl-dev)";
}

const pk_lib pk_lib_bearssl = {"BearSSL", "bearssl", why_not, setup, run, done, version};
