/*
 * bench-pk: the tern side. Signing uses an HMAC-DRBG instance seeded
 * from the platform (ECDSA: RFC 6979 with extra randomness, as a TLS
 * server signs; RSA: blinding).
 */
#include <stdlib.h>
#include <string.h>

#include "pk_bench.h"
#include "tern/curve25519.h"
#include "tern/ec.h"
#include "tern/rand.h"
#include "tern/rsa.h"
#include "tern/util.h"

typedef struct tern_st {
    pk_state base;
    tern_hmac_drbg_ctx drbg;
    tern_rsa_privkey priv;
    tern_rsa_pubkey pub;
} tern_st;

static const char *why_not(int op)
{
    (void)op;
    return NULL;
}

static pk_state *setup(int op, const pk_keys *k)
{
    tern_st *st = (tern_st *)pk_state_new(sizeof(tern_st), op, k);
    if (st == NULL) {
        return NULL;
    }
    if (tern_hmac_drbg_init(&st->drbg, &tern_sha256_class, NULL, NULL, 0) != TERN_OK) {
        free(st);
        return NULL;
    }
    st->priv.n = k->n;
    st->priv.n_len = k->n_len;
    st->priv.e = k->e;
    st->priv.e_len = k->e_len;
    st->priv.d = k->d;
    st->priv.d_len = k->d_len;
    st->priv.p = k->p;
    st->priv.p_len = k->p_len;
    st->priv.q = k->q;
    st->priv.q_len = k->q_len;
    st->priv.dp = k->dp;
    st->priv.dp_len = k->dp_len;
    st->priv.dq = k->dq;
    st->priv.dq_len = k->dq_len;
    st->priv.qinv = k->qinv;
    st->priv.qinv_len = k->qinv_len;
    st->pub.n = k->n;
    st->pub.n_len = k->n_len;
    st->pub.e = k->e;
    st->pub.e_len = k->e_len;
    return &st->base;
}

static int run(pk_state *s)
{
    tern_st *st = (tern_st *)s;
    const pk_keys *k = s->keys;
    const tern_rng_class **rng = &st->drbg.vtable;
    int c = pk_op_curve(s->op);
    const pk_ec_keys *e = c >= 0 ? &k->ec[c] : NULL;
    int rc;

    switch (s->op) {
    case PK_X25519:
        s->out_len = 32;
        return tern_x25519(s->out, k->x25519_priv, k->x25519_peer) == TERN_OK ? 0 : -1;
    case PK_P256_ECDH:
    case PK_P384_ECDH:
        s->out_len = e->len;
        return tern_ecdh(e->group, e->d, e->len, e->peer, 1 + 2 * e->len, s->out) == TERN_OK ? 0
                                                                                             : -1;
    case PK_P256_SIGN:
    case PK_P384_SIGN:
        s->out_len = sizeof(s->out);
        rc = tern_ecdsa_sign(e->group, e->d, e->len,
                             e->len == 32 ? &tern_sha256_class : &tern_sha384_class, e->digest,
                             e->len, rng, TERN_ECDSA_DER, s->out, &s->out_len);
        return rc == TERN_OK ? 0 : -1;
    case PK_P256_VERIFY:
    case PK_P384_VERIFY:
        return tern_ecdsa_verify(e->group, e->q, 1 + 2 * e->len, e->digest, e->len, e->sig,
                                 e->sig_len, TERN_ECDSA_DER) == TERN_OK
                   ? 0
                   : -1;
    case PK_RSA2048_SIGN:
        s->out_len = sizeof(s->out);
        rc = tern_rsa_pkcs1_sign(&st->priv, rng, &tern_sha256_class, k->rsa_digest, 32, s->out,
                                 &s->out_len);
        return rc == TERN_OK ? 0 : -1;
    case PK_RSA2048_VERIFY:
        return tern_rsa_pkcs1_verify(&st->pub, &tern_sha256_class, k->rsa_digest, 32, k->rsa_sig,
                                     256) == TERN_OK
                   ? 0
                   : -1;
    case PK_ED25519_SIGN:
        s->out_len = 64;
        return tern_ed25519_sign(s->out, k->ed_msg, sizeof(k->ed_msg), k->ed_seed, k->ed_pk) ==
                       TERN_OK
                   ? 0
                   : -1;
    case PK_ED25519_VERIFY:
        return tern_ed25519_verify(k->ed_pk, k->ed_msg, sizeof(k->ed_msg), k->ed_sig) == TERN_OK
                   ? 0
                   : -1;
    default:
        return -1;
    }
}

static void done(pk_state *s)
{
    tern_st *st = (tern_st *)s;
    tern_hmac_drbg_wipe(&st->drbg);
    free(st);
}

static const char *version(void)
{
    return tern_version();
}

const pk_lib pk_lib_tern = {"tern", "tern", why_not, setup, run, done, version};
