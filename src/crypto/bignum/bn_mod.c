/*
 * Constant-time reduction a mod m, for the CRT halves of RSA (c mod p,
 * m2 mod p) where m is secret.
 *
 * Bit-serial: r = 2r + bit, minus m when that reaches m. Since m has a
 * non-zero top word, the top mlen - 1 words of a are already below m and
 * are loaded directly; only the remaining bits are shifted in. For
 * c mod p with a balanced 2048-bit key that is about 1100 steps of three
 * passes over 16 (64-bit) words: a few percent of the exponentiation.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_mod(tern_bn_word *r, const tern_bn_word *m, size_t mlen, const tern_bn_word *a,
                 size_t alen)
{
    size_t k = mlen - 1;
    size_t i;

    memset(r, 0, mlen * sizeof(tern_bn_word));
    if (alen < mlen) {
        /* a < 2^(w (mlen - 1)) <= m: nothing to reduce. */
        memcpy(r, a, alen * sizeof(tern_bn_word));
        return;
    }
    memcpy(r, a + (alen - k), k * sizeof(tern_bn_word));
    i = alen - k;
    while (i > 0) {
        tern_bn_word w;
        int j;
        i--;
        w = a[i];
        for (j = TERN_BN_WORD_BITS - 1; j >= 0; j--) {
            /* r < m, so 2r + bit < 2m: one conditional subtraction. The
             * bit shifted out of the top word counts as 2^(w mlen) > m. */
            uint32_t out = tern_bn_shl1(r, mlen, (uint32_t)(w >> j) & 1);
            uint32_t lt = tern_bn_lt(r, m, mlen);
            (void)tern_bn_sub(r, m, mlen, out | tern_ct_not(lt));
        }
    }
}

#else
typedef int tern_bn_mod_unused_;
#endif /* TERN_CONFIG_RSA */
