/*
 * Word array -> big-endian byte string. Constant time in the values (the
 * loops and indices depend on the lengths only). 64-bit words move whole
 * words; 32-bit words (Cortex-M) go byte by byte, which is smaller.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "common/endian_internal.h"
#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_encode(uint8_t *dst, size_t dst_len, const tern_bn_word *x, size_t len)
{
    size_t w = 0;

#if TERN_BN_WORD_BITS == 64
    /* whole words from the least significant end */
    while (dst_len >= 8 && w < len) {
        dst_len -= 8;
        tern_store_be64(dst + dst_len, x[w++]);
    }
    /* then the low bytes of one more word, or zero padding */
    if (w < len) {
        tern_bn_word v = x[w];
        while (dst_len > 0) {
            dst[--dst_len] = (uint8_t)v;
            v >>= 8;
        }
    }
    memset(dst, 0, dst_len);
#else
    {
        unsigned sh = 0; /* byte i comes from bits sh.. of word w */
        size_t i;
        for (i = dst_len; i > 0; i--) {
            dst[i - 1] = w < len ? (uint8_t)(x[w] >> sh) : 0;
            sh += 8;
            if (sh == TERN_BN_WORD_BITS) {
                sh = 0;
                w++;
            }
        }
    }
#endif
}

#else
typedef int tern_bn_encode_unused_;
#endif /* TERN_CONFIG_RSA */
