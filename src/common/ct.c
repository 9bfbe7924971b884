/*
 * Constant-time byte-string helpers. See ct_internal.h.
 */
#include "common/ct_internal.h"

/* see src/common/ct_internal.h */
uint32_t tern_ct_memeq(const void *a, const void *b, size_t len)
{
    const uint8_t *pa = (const uint8_t *)a;
    const uint8_t *pb = (const uint8_t *)b;
    uint32_t acc = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        acc |= (uint32_t)(pa[i] ^ pb[i]);
    }
    return tern_ct_is_zero(acc);
}

/* see src/common/ct_internal.h */
int tern_ct_memcmp(const void *a, const void *b, size_t len)
{
    const uint8_t *pa = (const uint8_t *)a;
    const uint8_t *pb = (const uint8_t *)b;
    /* Walk from the least significant byte; a later (more significant)
     * difference overrides an earlier one. gt/lt stay 0 or 1. */
    uint32_t gt = 0;
    uint32_t lt = 0;
    size_t i = len;

    while (i > 0) {
        uint32_t x, y, differ;
        i--;
        x = pa[i];
        y = pb[i];
        differ = tern_ct_neq(x, y);
        gt = tern_ct_mux(differ, tern_ct_gt(x, y), gt);
        lt = tern_ct_mux(differ, tern_ct_lt(x, y), lt);
    }
    return (int)gt - (int)lt;
}

/* see src/common/ct_internal.h */
void tern_ct_copy(uint32_t ctl, void *dst, const void *src, size_t len)
{
    uint8_t *d = (uint8_t *)dst;
    const uint8_t *s = (const uint8_t *)src;
    uint8_t mask = (uint8_t)((uint32_t)0 - tern_ct_barrier(ctl));
    size_t i;

    for (i = 0; i < len; i++) {
        d[i] = (uint8_t)(d[i] ^ (mask & (d[i] ^ s[i])));
    }
}

/* see src/common/ct_internal.h */
void tern_ct_select(uint32_t ctl, void *dst, const void *a, const void *b,
                    size_t len)
{
    uint8_t *d = (uint8_t *)dst;
    const uint8_t *pa = (const uint8_t *)a;
    const uint8_t *pb = (const uint8_t *)b;
    uint8_t mask = (uint8_t)((uint32_t)0 - tern_ct_barrier(ctl));
    size_t i;

    for (i = 0; i < len; i++) {
        d[i] = (uint8_t)(pb[i] ^ (mask & (pa[i] ^ pb[i])));
    }
}
