/*
 * One-bit shifts (constant time).
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_shr1(tern_bn_word *x, size_t len, uint32_t top)
{
    tern_bn_word in = (tern_bn_word)top << (TERN_BN_WORD_BITS - 1);
    size_t i = len;

    while (i > 0) {
        tern_bn_word w;
        i--;
        w = x[i];
        x[i] = (w >> 1) | in;
        in = w << (TERN_BN_WORD_BITS - 1);
    }
}

/* see src/crypto/bignum/bignum_internal.h */
uint32_t tern_bn_shl1(tern_bn_word *x, size_t len, uint32_t bit)
{
    tern_bn_word in = (tern_bn_word)bit;
    size_t i;

    for (i = 0; i < len; i++) {
        tern_bn_word w = x[i];
        x[i] = (w << 1) | in;
        in = w >> (TERN_BN_WORD_BITS - 1);
    }
    return (uint32_t)in;
}

#else
typedef int tern_bn_shift_unused_;
#endif /* TERN_CONFIG_RSA */
