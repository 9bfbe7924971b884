/*
 * Big-endian byte string -> word array. Constant time in the byte values
 * (the loops and indices depend on the lengths only).
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "common/endian_internal.h"
#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
uint32_t tern_bn_decode(tern_bn_word *x, size_t len, const uint8_t *src, size_t src_len)
{
    uint32_t extra = 0;
    size_t w = 0, left = src_len, i;

    memset(x, 0, len * sizeof(tern_bn_word));
    /* whole words from the least significant end */
    while (left >= TERN_BN_WORD_BYTES && w < len) {
        left -= TERN_BN_WORD_BYTES;
#if TERN_BN_WORD_BITS == 64
        x[w++] = tern_load_be64(src + left);
#else
        x[w++] = tern_load_be32(src + left);
#endif
    }
    /* then a partial word, or the bytes that do not fit in len words */
    if (w < len) {
        tern_bn_word v = 0;
        for (i = 0; i < left; i++) {
            v = (v << 8) | src[i];
        }
        x[w] = v;
    } else {
        for (i = 0; i < left; i++) {
            extra |= src[i];
        }
    }
    return tern_ct_is_zero(extra);
}

#else
typedef int tern_bn_decode_unused_;
#endif /* TERN_CONFIG_RSA */
