/*
 * Conversions into and out of Montgomery form (constant time).
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_to_mont(tern_bn_word *x, const tern_bn_mont *mc)
{
    /* x R = x R^2 / R; montmul needs x < R (any len words) and rr < m. */
    tern_bn_montmul(x, x, mc->rr, mc);
}

#if TERN_BN_WORD_BITS == 32
/* see src/crypto/bignum/bignum_internal.h: a multiplication by 1 (the
 * 64-bit build has a reduction alone, in bn_montmul64.c) */
void tern_bn_from_mont(tern_bn_word *x, const tern_bn_mont *mc)
{
    tern_bn_word one[TERN_BN_MAX_WORDS];

    memset(one, 0, mc->len * sizeof(tern_bn_word));
    one[0] = 1; /* below m, since m > 1 */
    tern_bn_montmul(x, x, one, mc);
}
#endif

#else
typedef int tern_bn_mont_conv_unused_;
#endif /* TERN_CONFIG_RSA */
