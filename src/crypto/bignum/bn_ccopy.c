/*
 * Conditional copy and swap through masks (constant time).
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_ccopy(uint32_t ctl, tern_bn_word *dst, const tern_bn_word *src, size_t len)
{
    tern_bn_word mask = tern_bn_mask(ctl);
    size_t i;

    for (i = 0; i < len; i++) {
        dst[i] ^= mask & (dst[i] ^ src[i]);
    }
}

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_cswap(uint32_t ctl, tern_bn_word *a, tern_bn_word *b, size_t len)
{
    tern_bn_word mask = tern_bn_mask(ctl);
    size_t i;

    for (i = 0; i < len; i++) {
        tern_bn_word t = mask & (a[i] ^ b[i]);
        a[i] ^= t;
        b[i] ^= t;
    }
}

#else
typedef int tern_bn_ccopy_unused_;
#endif /* TERN_CONFIG_RSA */
