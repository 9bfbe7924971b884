/*
 * Constant-time reduction a mod m of a number of any length, for the CRT
 * halves of RSA (c mod p, c mod q, m2 mod p) where m is a secret prime.
 *
 * Horner's rule over chunks of len words (len = m's length, R = 2^(w len)),
 * from the top, in Montgomery form: with A = acc R mod m,
 *     (acc R + chunk) R = montmul(A, R^2) + montmul(chunk, R^2)   (mod m)
 * (montmul(x, y) = x y / R needs only x < R and y < m, which any chunk
 * and R^2 mod m satisfy), and a last montmul by 1 leaves acc mod m. Two
 * multiplications per chunk: c mod p for a balanced RSA key takes four,
 * against about 1100 shift-and-subtract steps bit by bit.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "crypto/bignum/bignum_internal.h"
#include "tern/util.h"

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_reduce(tern_bn_word *r, const tern_bn_word *a, size_t alen, const tern_bn_mont *mc)
{
    size_t len = mc->len;
    size_t i = (alen + len - 1) / len;
    tern_bn_word c[TERN_BN_MAX_WORDS];
    uint32_t carry;

    memset(r, 0, len * sizeof(tern_bn_word));
    while (i > 0) {
        size_t lo, n;
        i--;
        lo = i * len;
        n = alen - lo < len ? alen - lo : len;
        memset(c, 0, len * sizeof(tern_bn_word));
        memcpy(c, a + lo, n * sizeof(tern_bn_word));
        tern_bn_montmul(r, r, mc->rr, mc);
        tern_bn_montmul(c, c, mc->rr, mc);
        /* r = r + c mod m (both below m) */
        carry = tern_bn_add(r, c, len, 1);
        (void)tern_bn_sub(r, mc->m, len, carry | tern_ct_not(tern_bn_lt(r, mc->m, len)));
    }
    tern_bn_from_mont(r, mc);
    tern_wipe(c, sizeof(c));
}

#else
typedef int tern_bn_reduce_unused_;
#endif /* TERN_CONFIG_RSA */
