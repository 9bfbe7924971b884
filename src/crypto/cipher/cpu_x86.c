/*
 * CPUID feature bits (Intel SDM vol. 2A, CPUID leaf 01H, ECX): SSSE3 is
 * bit 9, SSE4.1 bit 19, AES-NI bit 25, PCLMULQDQ bit 1. These are all
 * SSE-register features, whose state every x86-64 OS saves, so no XGETBV
 * check is needed (that is only for AVX state).
 */
#include "tern/config.h"

#if TERN_CONFIG_AES_X86NI

#include <cpuid.h>

#include "crypto/cipher/cpu_x86_internal.h"

/* see src/crypto/cipher/cpu_x86_internal.h */
uint32_t tern_cpu_x86_features(void)
{
    unsigned int eax, ebx, ecx, edx;
    uint32_t f = 0;

    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0) {
        return 0;
    }
    if ((ecx >> 25) & 1u) {
        f |= TERN_X86_AESNI;
    }
    if ((ecx >> 1) & 1u) {
        f |= TERN_X86_PCLMUL;
    }
    if ((ecx >> 9) & 1u) {
        f |= TERN_X86_SSSE3;
    }
    if ((ecx >> 19) & 1u) {
        f |= TERN_X86_SSE41;
    }
    return f;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_cpu_x86_unused_;
#endif
