/*
 * Big-endian byte string -> word array. Constant time in the byte values
 * (the loops and indices depend on the lengths only). 64-bit words move
 * whole words; 32-bit words (Cortex-M) go byte by byte, which is smaller.
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
    size_t w = 0, i;

    memset(x, 0, len * sizeof(tern_bn_word));
#if TERN_BN_WORD_BITS == 64
    /* whole words from the least significant end */
    while (src_len >= 8 && w < len) {
        src_len -= 8;
        x[w++] = tern_load_be64(src + src_len);
    }
    /* then a partial word, or the bytes that do not fit in len words */
    if (w < len) {
        tern_bn_word v = 0;
        for (i = 0; i < src_len; i++) {
            v = (v << 8) | src[i];
        }
        x[w] = v;
    } else {
        for (i = 0; i < src_len; i++) {
            extra |= src[i];
        }
    }
#else
    {
        unsigned sh = 0; /* byte i goes to bits sh.. of word w */
        for (i = src_len; i > 0; i--) {
            uint8_t b = src[i - 1];
            if (w < len) {
                x[w] |= (tern_bn_word)b << sh;
            } else {
                extra |= b;
            }
            sh += 8;
            if (sh == TERN_BN_WORD_BITS) {
                sh = 0;
                w++;
            }
        }
    }
#endif
    return tern_ct_is_zero(extra);
}

#else
typedef int tern_bn_decode_unused_;
#endif /* TERN_CONFIG_RSA */
