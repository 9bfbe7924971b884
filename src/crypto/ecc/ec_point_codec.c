/*
 * SEC1 point and private-scalar decoding/encoding, with validation.
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "common/try_internal.h"
#include "crypto/ecc/ec_internal.h"
#include "tern/util.h"

/* see src/crypto/ecc/ec_internal.h
 *
 * SEC1 2.3.4 for the uncompressed form only (compressed 02/03 and hybrid
 * 06/07 are refused: RFC 8422 5.1.2, RFC 8446 4.2.8.2), then the public
 * key checks of SP 800-56A 5.6.2.3.3: coordinates in [0, p-1] and
 * y^2 = x^3 - 3x + b. The identity has no uncompressed encoding, and with
 * cofactor 1 every point on the curve has order n. */
int tern_ec_point_decode(const ec_curve *c, tern_limb *x, tern_limb *y, const uint8_t *in,
                         size_t in_len)
{
    tern_limb lhs[EC_MAXL], rhs[EC_MAXL];
    size_t len = c->len;
    size_t nl = c->nl;

    TERN_ENSURE(in != NULL && in_len == 1 + 2 * len && in[0] == 0x04, TERN_ERR_BAD_POINT);
    tern_ec_decode(x, in + 1, nl);
    tern_ec_decode(y, in + 1 + len, nl);
    TERN_ENSURE(tern_ec_lt(x, c->p.m, nl) && tern_ec_lt(y, c->p.m, nl), TERN_ERR_BAD_POINT);
    tern_ec_to_mont(&c->p, x, x);
    tern_ec_to_mont(&c->p, y, y);
    /* rhs = x^3 - 3x + b = (x^2 - 3) x + b */
    EC_FSQR(c, rhs, x);
    EC_FSUB(c, rhs, rhs, c->p.one);
    EC_FSUB(c, rhs, rhs, c->p.one);
    EC_FSUB(c, rhs, rhs, c->p.one);
    EC_FMUL(c, rhs, rhs, x);
    EC_FADD(c, rhs, rhs, c->b);
    EC_FSQR(c, lhs, y);
    TERN_ENSURE(tern_ec_eq(lhs, rhs, nl), TERN_ERR_BAD_POINT);
    return TERN_OK;
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_point_encode(const ec_curve *c, uint8_t *out, const tern_limb *x, const tern_limb *y)
{
    tern_limb t[EC_MAXL];
    out[0] = 0x04;
    tern_ec_from_mont(&c->p, t, x);
    tern_ec_encode(out + 1, t, c->nl);
    tern_ec_from_mont(&c->p, t, y);
    tern_ec_encode(out + 1 + c->len, t, c->nl);
}

/* see src/crypto/ecc/ec_internal.h */
uint32_t tern_ec_scalar_decode(const ec_curve *c, tern_limb *k, const uint8_t *in, size_t in_len)
{
    uint8_t buf[EC_MAX_BYTES];
    tern_limb one[EC_MAXL];
    size_t len = c->len;
    size_t i;
    uint32_t extra = 0;
    uint32_t ok;

    /* extra leading bytes must be zero (folded into the validity bit) */
    while (in_len > len) {
        extra |= in[0];
        in++;
        in_len--;
    }
    for (i = 0; i < len - in_len; i++) {
        buf[i] = 0;
    }
    for (i = 0; i < in_len; i++) {
        buf[len - in_len + i] = in[i];
    }
    tern_ec_decode(k, buf, c->nl);
    tern_wipe(buf, sizeof(buf));
    ok = tern_ct_is_zero(extra) & (tern_ec_is_zero(k, c->nl) ^ 1) & tern_ec_lt(k, c->n.m, c->nl);
    for (i = 0; i < c->nl; i++) {
        one[i] = (tern_limb)(i == 0);
    }
    tern_ec_cmov(k, one, ok ^ 1, c->nl);
    return ok;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ec_point_codec_unused_;
#endif
