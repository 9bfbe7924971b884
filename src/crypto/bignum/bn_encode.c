/*
 * Word array -> big-endian byte string. Constant time in the values (the
 * loops and indices depend on the lengths only).
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "common/endian_internal.h"
#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_encode(uint8_t *dst, size_t dst_len, const tern_bn_word *x, size_t len)
{
    size_t w = 0, left = dst_len;

    /* whole words from the least significant end */
    while (left >= TERN_BN_WORD_BYTES && w < len) {
        left -= TERN_BN_WORD_BYTES;
#if TERN_BN_WORD_BITS == 64
        tern_store_be64(dst + left, x[w++]);
#else
        tern_store_be32(dst + left, x[w++]);
#endif
    }
    /* then the low bytes of one more word, or zero padding */
    if (w < len) {
        tern_bn_word v = x[w];
        while (left > 0) {
            dst[--left] = (uint8_t)v;
            v >>= 8;
        }
    }
    memset(dst, 0, left);
}

#else
typedef int tern_bn_encode_unused_;
#endif /* TERN_CONFIG_RSA */
