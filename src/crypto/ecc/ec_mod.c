/*
 * Multi-precision helpers and arithmetic modulo p or n for the P-curves:
 * the generic (run-time limb count) instances of ec_mont_impl.h, the
 * dispatch to the fast variant's per-curve functions, and inversion.
 * Everything is constant-time in the operand values. See ec_internal.h.
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "crypto/ecc/ec_internal.h"
#include "crypto/ecc/ec_mont_impl.h"
#include "tern/util.h"

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_cmov(tern_limb *r, const tern_limb *a, uint32_t ctl, size_t nl)
{
    tern_limb mask = ec_mask(ctl);
    size_t i;
    for (i = 0; i < nl; i++) {
        r[i] ^= mask & (r[i] ^ a[i]);
    }
}

/* see src/crypto/ecc/ec_internal.h */
uint32_t tern_ec_is_zero(const tern_limb *a, size_t nl)
{
    tern_limb acc = 0;
    size_t i;
    for (i = 0; i < nl; i++) {
        acc |= a[i];
    }
    /* top bit of acc | -acc is set iff acc != 0 */
    return (uint32_t)(((acc | (0 - acc)) >> (EC_LIMB_BITS - 1)) ^ 1);
}

/* see src/crypto/ecc/ec_internal.h */
uint32_t tern_ec_eq(const tern_limb *a, const tern_limb *b, size_t nl)
{
    tern_limb acc = 0;
    size_t i;
    for (i = 0; i < nl; i++) {
        acc |= a[i] ^ b[i];
    }
    return (uint32_t)(((acc | (0 - acc)) >> (EC_LIMB_BITS - 1)) ^ 1);
}

/* see src/crypto/ecc/ec_internal.h */
tern_limb tern_ec_sub_raw(tern_limb *r, const tern_limb *a, const tern_limb *b, size_t nl)
{
    return ec_sub_impl(r, a, b, nl);
}

/* see src/crypto/ecc/ec_internal.h */
uint32_t tern_ec_lt(const tern_limb *a, const tern_limb *b, size_t nl)
{
    tern_limb t[EC_MAXL];
    uint32_t borrow = (uint32_t)ec_sub_impl(t, a, b, nl);
    tern_wipe(t, sizeof(t));
    return borrow;
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_decode(tern_limb *r, const uint8_t *in, size_t nl)
{
    size_t i, j;
    for (i = 0; i < nl; i++) {
        const uint8_t *q = in + (nl - 1 - i) * (EC_LIMB_BITS / 8);
        tern_limb v = 0;
        for (j = 0; j < EC_LIMB_BITS / 8; j++) {
            v = (v << 8) | q[j];
        }
        r[i] = v;
    }
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_encode(uint8_t *out, const tern_limb *a, size_t nl)
{
    size_t i, j;
    for (i = 0; i < nl; i++) {
        uint8_t *q = out + (nl - 1 - i) * (EC_LIMB_BITS / 8);
        tern_limb v = a[i];
        for (j = EC_LIMB_BITS / 8; j > 0; j--) {
            q[j - 1] = (uint8_t)v;
            v >>= 8;
        }
    }
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_mont_mul(const ec_mod *md, tern_limb *r, const tern_limb *a, const tern_limb *b)
{
#if !TERN_CONFIG_EC_SMALL
    if (md->mul != NULL) {
        md->mul(r, a, b);
        return;
    }
#endif
    ec_mont_mul_impl(r, a, b, md->m, md->m0i, md->nl);
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_mod_add(const ec_mod *md, tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    ec_mod_add_impl(r, a, b, md->m, md->nl);
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_mod_sub(const ec_mod *md, tern_limb *r, const tern_limb *a, const tern_limb *b)
{
    ec_mod_sub_impl(r, a, b, md->m, md->nl);
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_mod_reduce_once(const ec_mod *md, tern_limb *r, const tern_limb *a)
{
    ec_final_sub_impl(r, a, 0, md->m, md->nl);
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_to_mont(const ec_mod *md, tern_limb *r, const tern_limb *a)
{
    tern_ec_mont_mul(md, r, a, md->rr);
}

/* see src/crypto/ecc/ec_internal.h */
void tern_ec_from_mont(const ec_mod *md, tern_limb *r, const tern_limb *a)
{
    tern_limb one[EC_MAXL];
    size_t i;
    one[0] = 1;
    for (i = 1; i < md->nl; i++) {
        one[i] = 0;
    }
    tern_ec_mont_mul(md, r, a, one);
}

#if TERN_CONFIG_WORD_BITS == 64 && !TERN_CONFIG_EC_SMALL

/* see src/crypto/ecc/ec_internal.h
 *
 * Fast variant: safegcd gives (a R)^-1 = a^-1 R^-1; two products with R^2
 * bring it to a^-1 R. */
void tern_ec_mod_inv(const ec_mod *md, tern_limb *r, const tern_limb *a)
{
    tern_ec_modinv_safegcd(md, r, a);
    tern_ec_mont_mul(md, r, r, md->rr);
    tern_ec_mont_mul(md, r, r, md->rr);
}

#else

/* Squaring through the specialised function when there is one. */
static void mod_sqr(const ec_mod *md, tern_limb *r, const tern_limb *a)
{
#if !TERN_CONFIG_EC_SMALL
    if (md->sqr != NULL) {
        md->sqr(r, a);
        return;
    }
#endif
    ec_mont_mul_impl(r, a, a, md->m, md->m0i, md->nl);
}

/* see src/crypto/ecc/ec_internal.h
 *
 * a^(m-2) with a fixed 4-bit window over the exponent. The exponent is
 * public (it is the modulus), so indexing the table with its digits leaks
 * nothing; the base may be secret and is only multiplied. */
void tern_ec_mod_inv(const ec_mod *md, tern_limb *r, const tern_limb *a)
{
    tern_limb tab[16][EC_MAXL];
    tern_limb e[EC_MAXL] = {0};
    tern_limb acc[EC_MAXL];
    size_t nl = md->nl;
    size_t i, j;
    int started = 0;

    /* e = m - 2: m is odd and its low limb is at least 3 for P-256/P-384
     * p and n, so no borrow leaves the low limb. */
    for (i = 0; i < nl; i++) {
        e[i] = md->m[i];
    }
    e[0] -= 2;

    for (i = 0; i < nl; i++) {
        tab[0][i] = md->one[i];
        tab[1][i] = a[i];
    }
    for (j = 2; j < 16; j++) {
        tern_ec_mont_mul(md, tab[j], tab[j - 1], a);
    }
    for (i = 0; i < nl; i++) {
        acc[i] = md->one[i];
    }
    for (j = nl * EC_LIMB_BITS / 4; j > 0; j--) {
        uint32_t d = ec_window(e, j - 1);
        if (started) {
            mod_sqr(md, acc, acc);
            mod_sqr(md, acc, acc);
            mod_sqr(md, acc, acc);
            mod_sqr(md, acc, acc);
        }
        if (d != 0) {
            if (started) {
                tern_ec_mont_mul(md, acc, acc, tab[d]);
            } else {
                for (i = 0; i < nl; i++) {
                    acc[i] = tab[d][i];
                }
                started = 1;
            }
        }
    }
    for (i = 0; i < nl; i++) {
        r[i] = acc[i];
    }
    tern_wipe(tab, sizeof(tab));
    tern_wipe(acc, sizeof(acc));
}

#endif /* safegcd or Fermat */

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ec_mod_unused_;
#endif
