/*
 * ECDSA arithmetic (SEC1 4.1.3 and 4.1.4) for P-256 / P-384: digest
 * conversion, signing with a given nonce (constant-time), verification
 * (public data; it reuses the constant-time routines).
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "common/try_internal.h"
#include "crypto/ecc/ecdsa_internal.h"
#include "tern/ec.h"
#include "tern/util.h"

/* see src/crypto/ecc/ecdsa_internal.h */
void tern_ecdsa_bits2int(const ec_curve *c, tern_limb *e, const uint8_t *digest, size_t digest_len)
{
    uint8_t buf[EC_MAX_BYTES];
    size_t len = c->len;
    size_t i;

    /* qlen is a multiple of 8 for both curves: leftmost bits are leftmost
     * bytes, and no shift is needed */
    if (digest_len > len) {
        digest_len = len;
    }
    for (i = 0; i < len - digest_len; i++) {
        buf[i] = 0;
    }
    for (i = 0; i < digest_len; i++) {
        buf[len - digest_len + i] = digest[i];
    }
    tern_ec_decode(e, buf, c->nl);
    tern_ec_mod_reduce_once(&c->n, e, e);
    tern_wipe(buf, sizeof(buf));
}

/* x-coordinate of a Jacobian point mod n, normal form; returns 0 for the
 * point at infinity (x = 0 then). */
static uint32_t x_mod_n(const ec_curve *c, tern_limb *xr, const ec_jac *p)
{
#if !TERN_CONFIG_EC_SMALL
    /* X / Z^2 only: y is not needed (the small variant reuses
     * tern_ec_to_affine instead, for size) */
    tern_limb zi[EC_MAXL];
    uint32_t ok = tern_ec_is_zero(p->z, c->nl) ^ 1;
    tern_ec_mod_inv(&c->p, zi, p->z); /* 0 for infinity */
    EC_FSQR(c, zi, zi);
    EC_FMUL(c, xr, p->x, zi);
    tern_wipe(zi, sizeof(zi));
#else
    tern_limb y[EC_MAXL];
    uint32_t ok = tern_ec_to_affine(c, xr, y, p);
    tern_wipe(y, sizeof(y));
#endif
    tern_ec_from_mont(&c->p, xr, xr);
    /* x < p < 2n */
    tern_ec_mod_reduce_once(&c->n, xr, xr);
    return ok;
}

#if !TERN_CONFIG_EC_SMALL
/* 1 if the Jacobian point p is not the identity and x(p) mod n = r, for
 * r in [1, n-1] (normal form), without an inversion: x(p) = X / Z^2 and
 * x < p < 2n, so x mod n = r means x = r or x = r + n (the latter only
 * when r + n < p), that is X = r Z^2 or X = (r + n) Z^2 mod p (SEC1
 * 4.1.4 step 7). Public data: branches are fine. */
static int x_matches(const ec_curve *c, const ec_jac *p, const tern_limb *r)
{
    size_t nl = c->nl;
    tern_limb zz[EC_MAXL], t[EC_MAXL], rn[EC_MAXL];
    size_t i;
    tern_limb carry = 0;

    if (tern_ec_is_zero(p->z, nl)) {
        return 0;
    }
    EC_FSQR(c, zz, p->z);
    /* r < n < p: a field element; to Montgomery form */
    tern_ec_to_mont(&c->p, t, r);
    EC_FMUL(c, t, t, zz);
    if (tern_ec_eq(t, p->x, nl)) {
        return 1;
    }
    /* rn = r + n, if below p */
    for (i = 0; i < nl; i++) {
        tern_limb s = r[i] + carry;
        tern_limb k = (tern_limb)(s < carry);
        s += c->n.m[i];
        k += (tern_limb)(s < c->n.m[i]);
        rn[i] = s;
        carry = k;
    }
    if (carry != 0 || !tern_ec_lt(rn, c->p.m, nl)) {
        return 0;
    }
    tern_ec_to_mont(&c->p, t, rn);
    EC_FMUL(c, t, t, zz);
    return (int)tern_ec_eq(t, p->x, nl);
}
#endif

/* see src/crypto/ecc/ecdsa_internal.h */
uint32_t tern_ecdsa_sign_k(const ec_curve *c, const tern_limb *d, const tern_limb *k,
                           const tern_limb *e, uint8_t *r, uint8_t *s)
{
    const ec_mod *n = &c->n;
    tern_limb rr[EC_MAXL], t[EC_MAXL], ki[EC_MAXL];
    ec_jac p;
    uint32_t ok;

    /* r = x(k G) mod n */
    tern_ec_mul_gen(c, &p, k);
    ok = x_mod_n(c, rr, &p);
    /* s = k^-1 (e + r d) mod n. mont(r, d) = r d / R, and one more
     * product with R^2 gives r d. */
    tern_ec_mont_mul(n, t, rr, d);
    tern_ec_mont_mul(n, t, t, n->rr);
    tern_ec_mod_add(n, t, t, e);
    tern_ec_to_mont(n, ki, k);
    tern_ec_mod_inv(n, ki, ki); /* k^-1 R */
    tern_ec_mont_mul(n, t, ki, t);
    ok &= (tern_ec_is_zero(rr, c->nl) ^ 1) & (tern_ec_is_zero(t, c->nl) ^ 1);
    tern_ec_encode(r, rr, c->nl);
    tern_ec_encode(s, t, c->nl);
    tern_wipe(&p, sizeof(p));
    tern_wipe(t, sizeof(t));
    tern_wipe(ki, sizeof(ki));
    tern_wipe(rr, sizeof(rr));
    return ok;
}

/* see src/crypto/ecc/ecdsa_internal.h */
int tern_ecdsa_sign_with_k(uint16_t curve, const uint8_t *d, size_t d_len, const uint8_t *k,
                           size_t k_len, const uint8_t *digest, size_t digest_len, uint8_t *raw)
{
    const ec_curve *c = tern_ec_curve(curve);
    tern_limb dl[EC_MAXL], kl[EC_MAXL], e[EC_MAXL];
    uint32_t ok, nonzero;

    TERN_ENSURE(c != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    ok = tern_ec_scalar_decode(c, dl, d, d_len);
    ok &= tern_ec_scalar_decode(c, kl, k, k_len);
    tern_ecdsa_bits2int(c, e, digest, digest_len);
    nonzero = tern_ecdsa_sign_k(c, dl, kl, e, raw, raw + c->len);
    tern_wipe(dl, sizeof(dl));
    tern_wipe(kl, sizeof(kl));
    /* no branch on the (secret-derived) outcome */
    return -(int)tern_ct_mux(ok, tern_ct_mux(nonzero, 0, (uint32_t)-TERN_ERR_BAD_ARG),
                             (uint32_t)-TERN_ERR_BAD_KEY);
}

/* see src/crypto/ecc/ecdsa_internal.h */
int tern_ecdsa_verify_rs(const ec_curve *c, const tern_limb *qx, const tern_limb *qy,
                         const tern_limb *e, const uint8_t *r, const uint8_t *s)
{
    const ec_mod *n = &c->n;
    size_t nl = c->nl;
    tern_limb rl[EC_MAXL], sl[EC_MAXL], w[EC_MAXL], u1[EC_MAXL], u2[EC_MAXL];
    ec_jac p1;
#if TERN_CONFIG_EC_SMALL
    tern_limb x[EC_MAXL];
    ec_jac p2;
#endif

    /* SEC1 4.1.4 step 1: r, s in [1, n-1] */
    tern_ec_decode(rl, r, nl);
    tern_ec_decode(sl, s, nl);
    TERN_ENSURE(!tern_ec_is_zero(rl, nl) && tern_ec_lt(rl, n->m, nl), TERN_ERR_BAD_SIGNATURE);
    TERN_ENSURE(!tern_ec_is_zero(sl, nl) && tern_ec_lt(sl, n->m, nl), TERN_ERR_BAD_SIGNATURE);
    /* u1 = e / s, u2 = r / s (w = s^-1 R, so the products are normal) */
    tern_ec_to_mont(n, w, sl);
    tern_ec_mod_inv(n, w, w);
    tern_ec_mont_mul(n, u1, w, e);
    tern_ec_mont_mul(n, u2, w, rl);
#if !TERN_CONFIG_EC_SMALL
    /* R = u1 G + u2 Q (public data: variable time, ec_mul_vt.c) */
    tern_ec_mul_double_vartime(c, &p1, u1, qx, qy, u2);
    TERN_ENSURE(x_matches(c, &p1, rl), TERN_ERR_BAD_SIGNATURE);
#else
    /* R = u1 G + u2 Q, which may be a doubling or the identity */
    tern_ec_mul_gen(c, &p1, u1);
    tern_ec_mul(c, &p2, qx, qy, u2);
    tern_ec_add_complete(c, &p1, &p1, &p2);
    TERN_ENSURE(x_mod_n(c, x, &p1), TERN_ERR_BAD_SIGNATURE);
    TERN_ENSURE(tern_ec_eq(x, rl, nl), TERN_ERR_BAD_SIGNATURE);
#endif
    return TERN_OK;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ecdsa_core_unused_;
#endif
