/*
 * GHASH building blocks on PCLMULQDQ, shared by ghash_pclmul.c and the
 * fused AES-GCM code (gcm_x86ni.c). Only for files compiled under
 * TERN_CONFIG_AES_X86NI; every function carries TERN_X86_TARGET and must
 * only run after a CPUID check.
 *
 * Representation. A 16-byte GCM block is byte-reversed into a 128-bit
 * integer (bit 127 = the spec's first bit = coefficient of x^0), so
 * PCLMULQDQ computes the bit-reflected polynomial product. Read with
 * x^k at bit 255 - k, clmul(A, B) is A * B * x. To cancel the x, the hash
 * key is kept as H' = H * x^-1 mod P: then clmul(A, H') is exactly
 * A * H, and powers stay in that form since clmul(H'^a, H'^b) =
 * H^(a+b) x^-1 (Gueron and Kounavis, "Intel Carry-Less Multiplication
 * Instruction and its Usage for Computing the GCM Mode", 2010/2014).
 * In reversed order, times x^-1 is a left shift by one; the bit that
 * falls out (x^-1) comes back as x^127 + x^6 + x + 1, the constant
 * 0xC2000000000000000000000000000001.
 *
 * Reduction of a 256-bit product hi:lo. The low half holds x^128 and up.
 * PCLMULQDQ of its low 64 bits by 0xC2 << 56 plus a swap of its halves
 * multiplies it by x^64 modulo P while staying 128 bits wide; doing that
 * twice gives x^128 * lo, which is lo's value moved into the hi half.
 *
 * Products are formed with Karatsuba (three PCLMULQDQ); several blocks
 * can share one reduction by summing unreduced products (aggregated
 * reduction): Y' = (Y ^ X1) H^n ^ X2 H^(n-1) ^ ... ^ Xn H.
 */
#ifndef TERN_GHASH_X86_INTERNAL_H
#define TERN_GHASH_X86_INTERNAL_H

#include "tern/config.h"

#if TERN_CONFIG_AES_X86NI

#include <immintrin.h>
#include <wmmintrin.h>

#include "crypto/cipher/cpu_x86_internal.h"

/* The helpers below are small and sit in hot loops: force inlining (this
 * header is only used by GCC/Clang-specific x86 files). */
#define GHX_INLINE TERN_X86_TARGET static inline __attribute__((always_inline))

/* An unreduced 256-bit product in Karatsuba form. */
typedef struct ghash_acc {
    __m128i lo, hi, mid;
} ghash_acc;

GHX_INLINE __m128i ghx_bswap(__m128i x)
{
    return _mm_shuffle_epi8(x, _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
}

GHX_INLINE __m128i ghx_poly(void)
{
    return _mm_set_epi64x((long long)0xC200000000000000u, 1);
}

/* hi64 ^ lo64 in the low half: the Karatsuba middle operand. */
GHX_INLINE __m128i ghx_fold(__m128i x)
{
    return _mm_xor_si128(x, _mm_shuffle_epi32(x, 0x4E));
}

/* H' = H * x^-1 mod P, from H as a byte-reversed integer. */
GHX_INLINE __m128i ghx_key(__m128i h)
{
    __m128i carry = _mm_srli_epi64(h, 63);
    __m128i top = _mm_srai_epi32(_mm_shuffle_epi32(h, 0xFF), 31);
    h = _mm_or_si128(_mm_slli_epi64(h, 1), _mm_slli_si128(carry, 8));
    return _mm_xor_si128(h, _mm_and_si128(top, ghx_poly()));
}

GHX_INLINE void ghx_acc_init(ghash_acc *a)
{
    a->lo = _mm_setzero_si128();
    a->hi = _mm_setzero_si128();
    a->mid = _mm_setzero_si128();
}

/* a += x * h, where hk is ghx_fold(h). */
GHX_INLINE void ghx_acc_mul(ghash_acc *a, __m128i x, __m128i h, __m128i hk)
{
    a->lo = _mm_xor_si128(a->lo, _mm_clmulepi64_si128(x, h, 0x00));
    a->hi = _mm_xor_si128(a->hi, _mm_clmulepi64_si128(x, h, 0x11));
    a->mid = _mm_xor_si128(a->mid, _mm_clmulepi64_si128(ghx_fold(x), hk, 0x00));
}

/* The reduced value of an accumulated product. */
GHX_INLINE __m128i ghx_reduce(const ghash_acc *a)
{
    __m128i mid = _mm_xor_si128(a->mid, _mm_xor_si128(a->lo, a->hi));
    __m128i lo = _mm_xor_si128(a->lo, _mm_slli_si128(mid, 8));
    __m128i hi = _mm_xor_si128(a->hi, _mm_srli_si128(mid, 8));
    __m128i p = ghx_poly();
    __m128i t;

    t = _mm_clmulepi64_si128(lo, p, 0x10);
    lo = _mm_xor_si128(_mm_shuffle_epi32(lo, 0x4E), t);
    t = _mm_clmulepi64_si128(lo, p, 0x10);
    lo = _mm_xor_si128(_mm_shuffle_epi32(lo, 0x4E), t);
    return _mm_xor_si128(hi, lo);
}

/* x * h for a single product (h in the H' form). */
GHX_INLINE __m128i ghx_mul(__m128i x, __m128i h)
{
    ghash_acc a;
    ghx_acc_init(&a);
    ghx_acc_mul(&a, x, h, ghx_fold(h));
    return ghx_reduce(&a);
}

#endif /* TERN_CONFIG_AES_X86NI */

#endif /* TERN_GHASH_X86_INTERNAL_H */
