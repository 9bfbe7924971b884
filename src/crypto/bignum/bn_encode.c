/*
 * Word array -> big-endian byte string. Constant time in the values.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_encode(uint8_t *dst, size_t dst_len, const tern_bn_word *x, size_t len)
{
    size_t i;

    for (i = 0; i < dst_len; i++) {
        size_t w = i / TERN_BN_WORD_BYTES;
        uint8_t b = 0;
        if (w < len) {
            b = (uint8_t)(x[w] >> (8 * (i % TERN_BN_WORD_BYTES)));
        }
        dst[dst_len - 1 - i] = b;
    }
}

#else
typedef int tern_bn_encode_unused_;
#endif /* TERN_CONFIG_RSA */
