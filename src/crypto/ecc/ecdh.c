/*
 * Key generation, public-key derivation and validation, and ECDH for
 * P-256 / P-384. See include/tern/ec.h.
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "common/try_internal.h"
#include "crypto/ecc/ec_internal.h"
#include "tern/ec.h"
#include "tern/util.h"

/* dst = ok ? src : 0, without reading dst (which may be uninitialised)
 * and without a branch on ok. */
static void put_masked(uint32_t ok, uint8_t *dst, const uint8_t *src, size_t len)
{
    uint8_t mask = (uint8_t)(0u - tern_ct_barrier(ok));
    size_t i;
    for (i = 0; i < len; i++) {
        dst[i] = src[i] & mask;
    }
}

/* q = k G, encoded. Returns 1 unless the result is the identity (which
 * k in [1, n-1] never gives). */
static uint32_t public_point(const ec_curve *c, uint8_t *q, const tern_limb *k)
{
    ec_jac r;
    tern_limb x[EC_MAXL], y[EC_MAXL];
    uint32_t ok;

    tern_ec_mul_gen(c, &r, k);
    ok = tern_ec_to_affine(c, x, y, &r);
    tern_ec_point_encode(c, q, x, y);
    tern_wipe(&r, sizeof(r));
    tern_wipe(x, sizeof(x));
    tern_wipe(y, sizeof(y));
    return ok;
}

/* see include/tern/ec.h */
int tern_ec_public_from_private(uint16_t curve, const uint8_t *d, size_t d_len, uint8_t *q)
{
    const ec_curve *c = tern_ec_curve(curve);
    tern_limb k[EC_MAXL];
    uint8_t out[TERN_EC_MAX_POINT_LEN];
    uint32_t ok;

    TERN_ENSURE(c != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    TERN_CHECK_ARG(q != NULL && (d != NULL || d_len == 0));
    ok = tern_ec_scalar_decode(c, k, d, d_len);
    ok &= public_point(c, out, k);
    put_masked(ok, q, out, 1 + 2 * (size_t)c->len);
    tern_wipe(out, sizeof(out));
    tern_wipe(k, sizeof(k));
    return ec_status(ok, TERN_ERR_BAD_KEY);
}

/* see include/tern/ec.h */
int tern_ec_keygen(uint16_t curve, const tern_rng_class **rng, uint8_t *d, uint8_t *q)
{
    const ec_curve *c = tern_ec_curve(curve);
    tern_limb k[EC_MAXL];
    int tries;

    TERN_ENSURE(c != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    TERN_CHECK_ARG(rng != NULL && d != NULL && q != NULL);
    /* FIPS 186-4 B.4.2: draw len bytes until 1 <= d <= n - 1. A rejected
     * candidate is discarded, so branching on the outcome reveals nothing
     * about the key kept. For P-256 and P-384 a rejection has probability
     * below 2^-32, so 32 failures in a row mean a broken rng. */
    for (tries = 0; tries < 32; tries++) {
        uint32_t ok;
        TERN_TRY((*rng)->generate(rng, d, c->len));
        ok = tern_ec_scalar_decode(c, k, d, c->len);
        if (tern_ct_barrier(ok)) {
            ok = public_point(c, q, k);
            tern_wipe(k, sizeof(k));
            return ec_status(ok, TERN_ERR_FAULT);
        }
    }
    tern_wipe(k, sizeof(k));
    tern_wipe(d, c->len);
    return TERN_ERR_ENTROPY;
}

/* see include/tern/ec.h */
int tern_ec_check_public(uint16_t curve, const uint8_t *q, size_t q_len)
{
    const ec_curve *c = tern_ec_curve(curve);
    tern_limb x[EC_MAXL], y[EC_MAXL];

    TERN_ENSURE(c != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    return tern_ec_point_decode(c, x, y, q, q_len);
}

/* see include/tern/ec.h */
int tern_ecdh(uint16_t curve, const uint8_t *d, size_t d_len, const uint8_t *peer, size_t peer_len,
              uint8_t *secret)
{
    const ec_curve *c = tern_ec_curve(curve);
    tern_limb k[EC_MAXL], px[EC_MAXL], py[EC_MAXL], x[EC_MAXL], y[EC_MAXL];
    uint8_t out[EC_MAX_BYTES];
    ec_jac r;
    uint32_t ok;

    TERN_ENSURE(c != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    TERN_CHECK_ARG(secret != NULL && (d != NULL || d_len == 0));
    /* the peer's point is public: validate it first, branching freely */
    TERN_TRY(tern_ec_point_decode(c, px, py, peer, peer_len));
    ok = tern_ec_scalar_decode(c, k, d, d_len);
    tern_ec_mul(c, &r, px, py, k);
    /* with 1 <= d < n and a point of order n the result is never the
     * identity; checked anyway, without a branch */
    ok &= tern_ec_to_affine(c, x, y, &r);
    tern_ec_from_mont(&c->p, x, x);
    tern_ec_encode(out, x, c->nl);
    put_masked(ok, secret, out, c->len);
    tern_wipe(k, sizeof(k));
    tern_wipe(&r, sizeof(r));
    tern_wipe(x, sizeof(x));
    tern_wipe(y, sizeof(y));
    tern_wipe(out, sizeof(out));
    return ec_status(ok, TERN_ERR_BAD_KEY);
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ecdh_unused_;
#endif
