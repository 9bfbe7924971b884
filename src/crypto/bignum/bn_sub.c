/*
 * Conditional subtraction (and, with ctl = 0, constant-time "less than").
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
uint32_t tern_bn_sub(tern_bn_word *a, const tern_bn_word *b, size_t len, uint32_t ctl)
{
    tern_bn_word mask = tern_bn_mask(ctl);
    tern_bn_word borrow = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        tern_bn_word aw = a[i];
        /* In double width, a borrow wraps the upper half to all ones. */
        tern_bn_dword z = (tern_bn_dword)aw - b[i] - borrow;
        tern_bn_word d = (tern_bn_word)z;
        borrow = (tern_bn_word)(z >> TERN_BN_WORD_BITS) & 1;
        a[i] = aw ^ (mask & (aw ^ d));
    }
    return (uint32_t)borrow;
}

#else
typedef int tern_bn_sub_unused_;
#endif /* TERN_CONFIG_RSA */
