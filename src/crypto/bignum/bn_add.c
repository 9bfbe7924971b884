/*
 * Conditional addition. Constant time: the sum is always computed and
 * written back through a mask.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
uint32_t tern_bn_add(tern_bn_word *a, const tern_bn_word *b, size_t len, uint32_t ctl)
{
    tern_bn_word mask = tern_bn_mask(ctl);
    tern_bn_word cc = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        tern_bn_word aw = a[i];
        tern_bn_dword z = (tern_bn_dword)aw + b[i] + cc;
        tern_bn_word s = (tern_bn_word)z;
        cc = (tern_bn_word)(z >> TERN_BN_WORD_BITS);
        a[i] = aw ^ (mask & (aw ^ s));
    }
    return (uint32_t)cc;
}

#else
typedef int tern_bn_add_unused_;
#endif /* TERN_CONFIG_RSA */
