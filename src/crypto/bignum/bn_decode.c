/*
 * Big-endian byte string -> word array. Constant time in the byte values.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
uint32_t tern_bn_decode(tern_bn_word *x, size_t len, const uint8_t *src, size_t src_len)
{
    uint32_t extra = 0;
    size_t i;

    memset(x, 0, len * sizeof(tern_bn_word));
    /* i counts bytes from the least significant end; the word index and
     * shift depend on i only. */
    for (i = 0; i < src_len; i++) {
        uint8_t b = src[src_len - 1 - i];
        size_t w = i / TERN_BN_WORD_BYTES;
        if (w < len) {
            x[w] |= (tern_bn_word)b << (8 * (i % TERN_BN_WORD_BYTES));
        } else {
            extra |= b;
        }
    }
    return tern_ct_is_zero(extra);
}

#else
typedef int tern_bn_decode_unused_;
#endif /* TERN_CONFIG_RSA */
