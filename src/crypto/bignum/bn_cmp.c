/*
 * Constant-time comparisons.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
uint32_t tern_bn_lt(const tern_bn_word *a, const tern_bn_word *b, size_t len)
{
    tern_bn_word borrow = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        tern_bn_dword z = (tern_bn_dword)a[i] - b[i] - borrow;
        borrow = (tern_bn_word)(z >> TERN_BN_WORD_BITS) & 1;
    }
    return (uint32_t)borrow;
}

/* see src/crypto/bignum/bignum_internal.h */
uint32_t tern_bn_is_zero(const tern_bn_word *x, size_t len)
{
    tern_bn_word acc = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        acc |= x[i];
    }
    return tern_ct_not(tern_bn_word_nz(acc));
}

/* see src/crypto/bignum/bignum_internal.h */
uint32_t tern_bn_eq(const tern_bn_word *a, const tern_bn_word *b, size_t len)
{
    tern_bn_word acc = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        acc |= a[i] ^ b[i];
    }
    return tern_ct_not(tern_bn_word_nz(acc));
}

#else
typedef int tern_bn_cmp_unused_;
#endif /* TERN_CONFIG_RSA */
