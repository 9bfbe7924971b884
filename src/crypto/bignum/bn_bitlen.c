/*
 * Bit length of a public value (variable time).
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
size_t tern_bn_bitlen_vartime(const tern_bn_word *x, size_t len)
{
    size_t i = len;

    while (i > 0) {
        tern_bn_word w = x[i - 1];
        if (w != 0) {
            size_t bits = 0;
            while (w != 0) {
                w >>= 1;
                bits++;
            }
            return (i - 1) * TERN_BN_WORD_BITS + bits;
        }
        i--;
    }
    return 0;
}

#else
typedef int tern_bn_bitlen_unused_;
#endif /* TERN_CONFIG_RSA */
