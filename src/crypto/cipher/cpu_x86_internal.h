/*
 * x86 CPU feature detection for the AES-NI / PCLMULQDQ code.
 *
 * The accelerated functions are compiled with a per-function target
 * attribute (TERN_X86_TARGET) instead of global -maes/-mpclmul flags, so
 * the rest of the library still runs on any x86-64; callers must check
 * tern_cpu_x86_features() before calling them. The answer is not cached
 * (tern keeps no mutable global state): ask once, at key setup.
 */
#ifndef TERN_CPU_X86_INTERNAL_H
#define TERN_CPU_X86_INTERNAL_H

#include <stdint.h>

#include "tern/config.h"

#if TERN_CONFIG_AES_X86NI

#define TERN_X86_AESNI 0x01u
#define TERN_X86_PCLMUL 0x02u
#define TERN_X86_SSSE3 0x04u
#define TERN_X86_SSE41 0x08u

/* What the AES-NI block code needs, and what the fused GCM code needs. */
#define TERN_X86_NEED_AES (TERN_X86_AESNI | TERN_X86_SSSE3 | TERN_X86_SSE41)
#define TERN_X86_NEED_GCM (TERN_X86_NEED_AES | TERN_X86_PCLMUL)

#define TERN_X86_TARGET __attribute__((target("aes,pclmul,sse4.1")))

/* TERN_X86_* bits of the features this CPU has (CPUID leaf 1). */
uint32_t tern_cpu_x86_features(void);

#endif /* TERN_CONFIG_AES_X86NI */

#endif /* TERN_CPU_X86_INTERNAL_H */
