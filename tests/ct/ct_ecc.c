/*
 * Constant-time check of the P-256 / P-384 code under valgrind memcheck
 * (see tests/harness/ct_check.h): scalar multiplication (variable and
 * fixed base) with the scalar secret, ECDH and public-key derivation with
 * the private key secret, ECDSA signing with the private key and the
 * nonce secret, and tern_ecdsa_sign (RFC 6979 nonce, candidate choice,
 * key check) with the private key, the digest and the rng output secret.
 * Only lengths and public points steer control flow.
 *
 * tern_ecdsa_sign runs with the raw output format: the DER encoder
 * branches on the bytes of r and s, which are the public signature.
 *
 * The field and point functions are also run directly on secret operands
 * (for P-256 with 64-bit limbs: the reduction specialised for p and the
 * point functions with it inlined). ECDSA verification is not checked:
 * its inputs are public, and the fast variant computes u1 G + u2 Q in
 * variable time by design (ec_mul_vt.c, documented in ec.h).
 */
#include <stdint.h>
#include <string.h>

#include "crypto/ecc/ec_internal.h"
#include "crypto/ecc/ecdsa_internal.h"
#include "ct_check.h"
#include "tern/ec.h"
#include "tern/hash.h"

/* A test rng whose output is marked secret (the k' of RFC 6979 3.6). */
typedef struct secret_rng {
    const tern_rng_class *vtable;
    uint32_t state;
} secret_rng;

static int secret_generate(const tern_rng_class **ctx, uint8_t *out, size_t len)
{
    secret_rng *r = (secret_rng *)(void *)ctx;
    size_t i;
    for (i = 0; i < len; i++) {
        r->state = r->state * 1103515245u + 12345u;
        out[i] = (uint8_t)(r->state >> 16);
    }
    CT_SECRET(out, len);
    return TERN_OK;
}

static const tern_rng_class secret_rng_class = {"ct-secret", sizeof(secret_rng),
                                                secret_generate};

/* Field and point functions of the curve on secret operands: the
 * multiplication, squaring, addition, subtraction, doubling, addition and
 * mixed addition (with a secret use_b). */
static int run_arith(const ec_curve *c)
{
    ec_jac a, b, r;
    tern_limb x[EC_MAXL], y[EC_MAXL], t[EC_MAXL];
    uint32_t use_b = 1;
    size_t i;
    int fn = 0;

    /* a = G, b = 2G (public), then marked secret */
    tern_ec_set_affine(c, &a, c->gx, c->gy);
    tern_ec_dbl(c, &b, &a);
    memcpy(x, c->gx, sizeof(x));
    memcpy(y, c->gy, sizeof(y));
    for (i = 0; i < EC_MAXL; i++) {
        t[i] = 0;
    }
    CT_SECRET(&a, sizeof(a));
    CT_SECRET(&b, sizeof(b));
    CT_SECRET(x, sizeof(x));
    CT_SECRET(y, sizeof(y));
    CT_SECRET(&use_b, sizeof(use_b));
    tern_ec_mont_mul(&c->p, t, x, y);
    fn++;
    EC_FSQR(c, t, t);
    fn++;
    EC_FADD(c, t, t, x);
    fn++;
    EC_FSUB(c, t, y, t);
    fn++;
    tern_ec_dbl(c, &r, &b);
    fn++;
    tern_ec_add(c, &r, &r, &b);
    fn++;
    tern_ec_add_mixed(c, &r, &r, x, y, use_b);
    fn++;
    CT_PUBLIC(t, sizeof(t));
    CT_PUBLIC(&r, sizeof(r));
    return fn;
}

static int run_curve(uint16_t group)
{
    const ec_curve *c = tern_ec_curve(group);
    size_t len = c->len;
    uint8_t d[TERN_EC_MAX_LEN], k[TERN_EC_MAX_LEN], digest[TERN_EC_MAX_LEN];
    uint8_t q[TERN_EC_MAX_POINT_LEN], peer[TERN_EC_MAX_POINT_LEN];
    uint8_t secret[TERN_EC_MAX_LEN], sig[TERN_ECDSA_MAX_RAW_LEN];
    tern_limb kl[EC_MAXL], x[EC_MAXL], y[EC_MAXL];
    ec_jac r;
    size_t i;
    int rc, fn = 0;
    uint32_t ok;

    for (i = 0; i < len; i++) {
        d[i] = (uint8_t)(0x31 + 7 * i);
        k[i] = (uint8_t)(0x7c ^ (13 * i));
        digest[i] = (uint8_t)(0xa5 + i);
    }
    d[0] = 0x4e; /* below n */
    k[0] = 0x2f;
    fn += run_arith(c);
    /* a public peer point: 5 G (computed before anything is secret) */
    {
        uint8_t five[1] = {5};
        if (tern_ec_public_from_private(group, five, 1, peer) != TERN_OK) {
            return -1;
        }
    }

    /* k * P and k * G with k secret */
    memset(kl, 0, sizeof(kl));
    tern_ec_decode(kl, k, c->nl);
    CT_SECRET(kl, sizeof(kl));
    if (tern_ec_point_decode(c, x, y, peer, 1 + 2 * len) != TERN_OK) {
        return -1;
    }
    tern_ec_mul(c, &r, x, y, kl);
    fn++;
    tern_ec_mul_gen(c, &r, kl);
    fn++;
    ok = tern_ec_to_affine(c, x, y, &r);
    fn++;
    CT_PUBLIC(&ok, sizeof(ok));
    CT_PUBLIC(x, sizeof(x));
    CT_PUBLIC(y, sizeof(y));

    /* ECDH and public-key derivation with d secret */
    CT_SECRET(d, sizeof(d));
    rc = tern_ecdh(group, d, len, peer, 1 + 2 * len, secret);
    fn++;
    CT_PUBLIC(&rc, sizeof(rc));
    CT_PUBLIC(secret, sizeof(secret));
    if (rc != TERN_OK) {
        return -1;
    }
    rc = tern_ec_public_from_private(group, d, len, q);
    fn++;
    CT_PUBLIC(&rc, sizeof(rc));
    CT_PUBLIC(q, sizeof(q));
    if (rc != TERN_OK) {
        return -1;
    }

    /* ECDSA with d and k secret (the digest is secret too: it may be of
     * a secret message) */
    CT_SECRET(k, sizeof(k));
    CT_SECRET(digest, sizeof(digest));
    rc = tern_ecdsa_sign_with_k(group, d, len, k, len, digest, len, sig);
    fn++;
    CT_PUBLIC(&rc, sizeof(rc));
    CT_PUBLIC(sig, sizeof(sig));
    CT_PUBLIC(digest, sizeof(digest));
    if (rc != TERN_OK) {
        return -1;
    }
    if (tern_ecdsa_verify(group, q, 1 + 2 * len, digest, len, sig, 2 * len, TERN_ECDSA_RAW) !=
        TERN_OK) {
        return -1;
    }

    /* tern_ecdsa_sign, deterministic and with secret extra randomness
     * (d is still secret; the digest is secret again) */
    {
        const tern_hash_class *h = len == 32 ? &tern_sha256_class : &tern_sha384_class;
        secret_rng rng;
        size_t sig_len;
        int pass;

        rng.vtable = &secret_rng_class;
        rng.state = 0x1234u;
        for (pass = 0; pass < 2; pass++) {
            CT_SECRET(digest, sizeof(digest));
            sig_len = sizeof(sig);
            rc = tern_ecdsa_sign(group, d, len, h, digest, len, pass ? &rng.vtable : NULL,
                                 TERN_ECDSA_RAW, sig, &sig_len);
            fn++;
            CT_PUBLIC(&rc, sizeof(rc));
            CT_PUBLIC(sig, sizeof(sig));
            CT_PUBLIC(digest, sizeof(digest));
            if (rc != TERN_OK || sig_len != 2 * len ||
                tern_ecdsa_verify(group, q, 1 + 2 * len, digest, len, sig, 2 * len,
                                  TERN_ECDSA_RAW) != TERN_OK) {
                return -1;
            }
        }
    }
    return fn;
}

int main(void)
{
    int fn = 0;
    int n;
#if TERN_CONFIG_ECC_P256
    n = run_curve(TERN_GROUP_SECP256R1);
    if (n < 0) {
        return 1;
    }
    fn += n;
#endif
#if TERN_CONFIG_ECC_P384
    n = run_curve(TERN_GROUP_SECP384R1);
    if (n < 0) {
        return 1;
    }
    fn += n;
#endif
    CT_DONE(fn);
    return 0;
}
