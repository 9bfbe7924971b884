/*
 * Schoolbook multiplication (constant time: the loops depend on the
 * lengths only). Used for the CRT recombination m2 + q h.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_mul(tern_bn_word *d, const tern_bn_word *a, size_t alen, const tern_bn_word *b,
                 size_t blen)
{
    size_t i, j;

    memset(d, 0, (alen + blen) * sizeof(tern_bn_word));
    for (i = 0; i < alen; i++) {
        tern_bn_word ai = a[i];
        tern_bn_word c = 0;
        for (j = 0; j < blen; j++) {
            d[i + j] = tern_bn_muladd(ai, b[j], d[i + j], c, &c);
        }
        d[i + blen] = c;
    }
}

#else
typedef int tern_bn_mul_unused_;
#endif /* TERN_CONFIG_RSA */
