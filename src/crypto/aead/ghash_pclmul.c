/*
 * GHASH with PCLMULQDQ, four blocks per reduction (see
 * ghash_x86_internal.h for the representation and the reduction).
 */
#include "tern/config.h"

#if TERN_CONFIG_AES_X86NI

#include <string.h>

#include "crypto/aead/ghash_x86_internal.h"
#include "tern/aead.h"
#include "tern/util.h"

#define LOADU(p) _mm_loadu_si128((const __m128i *)(const void *)(p))

TERN_X86_TARGET static void ghash_pclmul(uint8_t y[16], const uint8_t h[16], const void *data,
                                         size_t len)
{
    const uint8_t *p = (const uint8_t *)data;
    __m128i yv = ghx_bswap(LOADU(y));
    __m128i h1 = ghx_key(ghx_bswap(LOADU(h)));

    if (len >= 64) {
        __m128i h2 = ghx_mul(h1, h1);
        __m128i h3 = ghx_mul(h2, h1);
        __m128i h4 = ghx_mul(h3, h1);
        __m128i k1 = ghx_fold(h1), k2 = ghx_fold(h2), k3 = ghx_fold(h3), k4 = ghx_fold(h4);
        while (len >= 64) {
            ghash_acc a;
            ghx_acc_init(&a);
            ghx_acc_mul(&a, _mm_xor_si128(yv, ghx_bswap(LOADU(p))), h4, k4);
            ghx_acc_mul(&a, ghx_bswap(LOADU(p + 16)), h3, k3);
            ghx_acc_mul(&a, ghx_bswap(LOADU(p + 32)), h2, k2);
            ghx_acc_mul(&a, ghx_bswap(LOADU(p + 48)), h1, k1);
            yv = ghx_reduce(&a);
            p += 64;
            len -= 64;
        }
    }
    while (len >= 16) {
        yv = ghx_mul(_mm_xor_si128(yv, ghx_bswap(LOADU(p))), h1);
        p += 16;
        len -= 16;
    }
    if (len > 0) {
        uint8_t last[16];
        memset(last, 0, sizeof(last));
        memcpy(last, p, len);
        yv = ghx_mul(_mm_xor_si128(yv, ghx_bswap(LOADU(last))), h1);
        tern_wipe(last, sizeof(last));
    }
    _mm_storeu_si128((__m128i *)(void *)y, ghx_bswap(yv));
}

/* see include/tern/aead.h */
tern_ghash_fn tern_ghash_pclmul_get(void)
{
    uint32_t f = tern_cpu_x86_features();
    return (f & TERN_X86_NEED_GCM) == TERN_X86_NEED_GCM ? ghash_pclmul : NULL;
}

#else

#include <stddef.h>

#include "tern/aead.h"

/* see include/tern/aead.h: compiled out */
tern_ghash_fn tern_ghash_pclmul_get(void)
{
    return NULL;
}

#endif
