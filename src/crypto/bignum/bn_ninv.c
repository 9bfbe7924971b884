/*
 * -1/m0 mod 2^w by Newton iteration (constant time: a fixed number of
 * multiplications).
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
tern_bn_word tern_bn_ninv(tern_bn_word m0)
{
    /* For odd m0, m0 * m0 = 1 mod 8, so y = m0 is right to 3 bits; each
     * step y = y (2 - m0 y) doubles the correct bits: 3, 6, 12, 24, 48,
     * 96 >= 64. */
    tern_bn_word y = m0;
    int i;

    for (i = 0; i < 5; i++) {
        y *= (tern_bn_word)2 - m0 * y;
    }
    return (tern_bn_word)0 - y;
}

#else
typedef int tern_bn_ninv_unused_;
#endif /* TERN_CONFIG_RSA */
