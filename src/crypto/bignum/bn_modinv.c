/*
 * Constant-time modular inverse for an odd modulus (binary extended
 * Euclid). Used for the RSA blinding factor 1/r mod n and the test-side
 * derivation of CRT keys.
 *
 * Invariants, with x0 the input: a = u x0 and b = v x0 (mod m). Start
 * a = x0, u = 1, b = m, v = 0. Each step: if a is odd and a < b, swap
 * (a, u) with (b, v); if a is odd, a -= b and u -= v; then a /= 2 and
 * u /= 2 mod m (adding m first when u is odd; m is odd). Every step
 * removes at least one bit from a b, so after 2 w len steps a = 0 and
 * b = gcd(x0, m); if that is 1, v is the inverse. All steps run every
 * time, with masks in place of branches.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
uint32_t tern_bn_modinv(tern_bn_word *x, const tern_bn_word *m, size_t len, tern_bn_word *tmp)
{
    tern_bn_word *a = tmp;
    tern_bn_word *b = tmp + len;
    tern_bn_word *u = tmp + 2 * len;
    tern_bn_word *v = x;
    size_t iter = 2 * TERN_BN_WORD_BITS * len;
    size_t i;
    tern_bn_word acc;

    memcpy(a, x, len * sizeof(tern_bn_word));
    memcpy(b, m, len * sizeof(tern_bn_word));
    memset(u, 0, len * sizeof(tern_bn_word));
    u[0] = 1;
    memset(v, 0, len * sizeof(tern_bn_word));

    for (i = 0; i < iter; i++) {
        uint32_t odd = (uint32_t)a[0] & 1;
        uint32_t swap = odd & tern_bn_lt(a, b, len);
        uint32_t borrow, uodd, carry;

        tern_bn_cswap(swap, a, b, len);
        tern_bn_cswap(swap, u, v, len);
        (void)tern_bn_sub(a, b, len, odd);
        borrow = tern_bn_sub(u, v, len, odd);
        (void)tern_bn_add(u, m, len, odd & borrow);
        tern_bn_shr1(a, len, 0);
        uodd = (uint32_t)u[0] & 1;
        carry = tern_bn_add(u, m, len, uodd);
        tern_bn_shr1(u, len, carry & uodd);
    }

    /* b == 1 */
    acc = b[0] ^ 1;
    for (i = 1; i < len; i++) {
        acc |= b[i];
    }
    return tern_ct_not(tern_bn_word_nz(acc));
}

#else
typedef int tern_bn_modinv_unused_;
#endif /* TERN_CONFIG_RSA */
