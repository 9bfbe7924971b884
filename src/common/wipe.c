/*
 * Secure wipe. The stores go through a volatile pointer, so the compiler
 * must perform each one; the empty asm with a memory clobber (GCC/Clang)
 * additionally tells the optimizer the memory is observed afterwards.
 */
#include <stdint.h>

#include "tern/util.h"

/* see include/tern/util.h */
void tern_wipe(void *p, size_t len)
{
    volatile uint8_t *v = (volatile uint8_t *)p;
    size_t i;

    for (i = 0; i < len; i++) {
        v[i] = 0;
    }
#if defined(__GNUC__) || defined(__clang__)
    __asm__ __volatile__("" : : "r"(p) : "memory");
#endif
}
