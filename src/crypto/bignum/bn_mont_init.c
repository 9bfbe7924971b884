/*
 * Montgomery context: m0i = -1/m mod 2^w and rr = R^2 mod m, R = 2^(w len).
 *
 * rr without division, in constant time for a secret m (an RSA prime):
 * write w len = t 2^k. x = 2^(w (len - 1)) is below m (whose top word
 * is non-zero and which is odd, so not equal to it); w + t modular
 * doublings give x = 2^(w len + t) = R 2^t mod m, which is 2^t in
 * Montgomery form. k Montgomery squarings then give the Montgomery form
 * of 2^(t 2^k) = R, that is R^2 mod m. A doubling costs three passes
 * over the words, a squaring about len of them, so k is kept small:
 * k = 5 (2^5 divides w len for w = 32 and 64) is near the minimum of
 * (w + t) 3 len + k len^2 for every RSA and DH size.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "crypto/bignum/bignum_internal.h"
#include "tern/util.h"

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_mont_init(tern_bn_mont *mc, const tern_bn_word *m, size_t len)
{
    tern_bn_word *x = mc->rr;
    const size_t k = 5;
    size_t t = len * TERN_BN_WORD_BITS / 32;
    size_t i;

    memset(mc, 0, sizeof(*mc));
    memcpy(mc->m, m, len * sizeof(tern_bn_word));
    mc->len = len;
    mc->m0i = tern_bn_ninv(m[0]);

    x[len - 1] = 1;
    for (i = 0; i < TERN_BN_WORD_BITS + t; i++) {
        uint32_t out = tern_bn_shl1(x, len, 0);
        uint32_t lt = tern_bn_lt(x, m, len);
        (void)tern_bn_sub(x, m, len, out | tern_ct_not(lt));
    }
    for (i = 0; i < k; i++) {
        tern_bn_montsqr(x, x, mc);
    }
}

#else
typedef int tern_bn_mont_init_unused_;
#endif /* TERN_CONFIG_RSA */
