/*
 * Secure wipe.
 *
 * GCC and Clang: memset (the compiler's fastest clear, word- or vector-
 * wide), then an empty asm that takes the pointer and clobbers memory, so
 * the optimizer must assume the zeroed bytes are read afterwards and may
 * not drop the memset as a dead store.
 *
 * Other compilers, or TERN_WIPE_PORTABLE defined (the portable path, no
 * extensions; the unit test builds it too): stores through a
 * volatile pointer, which the compiler must perform one by one; the
 * aligned middle of the buffer is cleared a machine word at a time.
 */
#include <stdint.h>
#include <string.h>

#include "tern/util.h"

/* see include/tern/util.h */
void tern_wipe(void *p, size_t len)
{
    if (p == NULL || len == 0) {
        return;
    }
#if (defined(__GNUC__) || defined(__clang__)) && !defined(TERN_WIPE_PORTABLE)
    memset(p, 0, len);
    __asm__ __volatile__("" : : "r"(p) : "memory");
#else
    {
        volatile uint8_t *b = (volatile uint8_t *)p;
        volatile size_t *w;
        size_t n = len;

        while (n > 0 && ((uintptr_t)b % sizeof(size_t)) != 0) {
            *b++ = 0;
            n--;
        }
        w = (volatile size_t *)(volatile void *)b;
        for (; n >= sizeof(size_t); n -= sizeof(size_t)) {
            *w++ = 0;
        }
        b = (volatile uint8_t *)w;
        while (n > 0) {
            *b++ = 0;
            n--;
        }
    }
#endif
}
