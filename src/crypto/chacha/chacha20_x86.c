/*
 * ChaCha20 with AVX2 on x86-64: eight blocks at a time.
 *
 * Implementation notes. Each of the 16 state words lives in one 256-bit
 * register whose eight 32-bit lanes belong to eight consecutive blocks
 * (lane j has block counter st[12] + j), so a quarter round is the same
 * add/xor/rotate sequence as the portable code, done for eight blocks at
 * once. Rotations by 16 and 8 are byte shuffles; by 12 and 7, two shifts
 * and an or. After the rounds a 4x4 transpose inside each 128-bit half
 * and a swap of halves turn "word i of eight blocks" into "block j, 32
 * bytes at a time", which is XORed into the data.
 *
 * Short inputs and tails of up to four blocks take a second layout, two
 * blocks side by side (one per 128-bit half, a row of the state per
 * register), which costs about a quarter of an eight-block pass. A last
 * partial 32-byte piece of key stream goes through a wiped stack buffer;
 * whole pieces never leave the registers, except for what the compiler
 * spills to this function's stack frame (not wiped: there is no portable
 * way to reach it).
 *
 * Everything is data-independent: no branch or index depends on the key,
 * nonce or data, only on the (public) length.
 *
 * Compiled only with TERN_CONFIG_CHACHA20_X86; the code is marked
 * target("avx2") and runs only after tern_chacha20_avx2_supported()
 * (CPUID through the compiler's run-time, which also checks that the OS
 * saves the YMM registers).
 */
#include "tern/config.h"

#if TERN_CONFIG_CHACHA20_X86

#include <immintrin.h>

#include "crypto/chacha/chacha_internal.h"
#include "tern/util.h"

#define TERN_AVX2 __attribute__((target("avx2")))

/* see src/crypto/chacha/chacha_internal.h */
int tern_chacha20_avx2_supported(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
}

#define ADD8(a, b) _mm256_add_epi32((a), (b))
#define XOR8(a, b) _mm256_xor_si256((a), (b))
#define ROTL8X(v, n) _mm256_or_si256(_mm256_slli_epi32((v), (n)), _mm256_srli_epi32((v), 32 - (n)))

/* RFC 8439 2.1 on eight blocks; r16 and r8 are the byte shuffles that
 * rotate each lane left by 16 and 8 bits. */
#define QR8(a, b, c, d)                                                        \
    do {                                                                       \
        a = ADD8(a, b);                                                        \
        d = _mm256_shuffle_epi8(XOR8(d, a), r16);                              \
        c = ADD8(c, d);                                                        \
        b = ROTL8X(XOR8(b, c), 12);                                            \
        a = ADD8(a, b);                                                        \
        d = _mm256_shuffle_epi8(XOR8(d, a), r8);                               \
        c = ADD8(c, d);                                                        \
        b = ROTL8X(XOR8(b, c), 7);                                             \
    } while (0)

/* Transposes four registers as 4x4 matrices of words inside each 128-bit
 * half: on return a holds words (a0 b0 c0 d0 | a4 b4 c4 d4) and so on. */
#define TRANSPOSE4(a, b, c, d)                                                 \
    do {                                                                       \
        __m256i t0_ = _mm256_unpacklo_epi32(a, b);                             \
        __m256i t1_ = _mm256_unpackhi_epi32(a, b);                             \
        __m256i t2_ = _mm256_unpacklo_epi32(c, d);                             \
        __m256i t3_ = _mm256_unpackhi_epi32(c, d);                             \
        a = _mm256_unpacklo_epi64(t0_, t2_);                                   \
        b = _mm256_unpackhi_epi64(t0_, t2_);                                   \
        c = _mm256_unpacklo_epi64(t1_, t3_);                                   \
        d = _mm256_unpackhi_epi64(t1_, t3_);                                   \
    } while (0)

/* XORs 32 bytes of key stream into p. */
#define XOR32(p, ks)                                                           \
    _mm256_storeu_si256((__m256i *)(void *)(p),                                \
                        XOR8(_mm256_loadu_si256((const __m256i *)(const void *)(p)), (ks)))

/* XORs the first n < 32 bytes of ks into p. The key stream passes through
 * a stack buffer, which is wiped. */
static TERN_AVX2 void xor_partial(uint8_t *p, __m256i ks, size_t n)
{
    uint8_t tmp[32];
    size_t i;

    _mm256_storeu_si256((__m256i *)(void *)tmp, ks);
    for (i = 0; i < n; i++) {
        p[i] ^= tmp[i];
    }
    tern_wipe(tmp, sizeof(tmp));
}

/* XORs 32 bytes of key stream into p + off, or the part of them below n
 * (a public length). */
#define OUT32(off, ks)                                                         \
    do {                                                                       \
        if ((off) + 32 <= n) {                                                 \
            XOR32(p + (off), (ks));                                            \
        } else if ((off) < n) {                                                \
            xor_partial(p + (off), (ks), n - (off));                           \
        }                                                                      \
    } while (0)

/* XORs the key stream of the eight blocks st[12] .. st[12] + 7 into the
 * n <= 512 bytes at p. */
static TERN_AVX2 void xor8(const uint32_t st[16], uint8_t *p, size_t n)
{
    const __m256i r16 = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13,
                                         2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
    const __m256i r8 = _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14,
                                        3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14);
    const __m256i ctr = _mm256_add_epi32(_mm256_set1_epi32((int)st[12]),
                                         _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    __m256i x0 = _mm256_set1_epi32((int)st[0]), x1 = _mm256_set1_epi32((int)st[1]);
    __m256i x2 = _mm256_set1_epi32((int)st[2]), x3 = _mm256_set1_epi32((int)st[3]);
    __m256i x4 = _mm256_set1_epi32((int)st[4]), x5 = _mm256_set1_epi32((int)st[5]);
    __m256i x6 = _mm256_set1_epi32((int)st[6]), x7 = _mm256_set1_epi32((int)st[7]);
    __m256i x8 = _mm256_set1_epi32((int)st[8]), x9 = _mm256_set1_epi32((int)st[9]);
    __m256i x10 = _mm256_set1_epi32((int)st[10]), x11 = _mm256_set1_epi32((int)st[11]);
    __m256i x12 = ctr, x13 = _mm256_set1_epi32((int)st[13]);
    __m256i x14 = _mm256_set1_epi32((int)st[14]), x15 = _mm256_set1_epi32((int)st[15]);
    int i;

    for (i = 0; i < 10; i++) {
        QR8(x0, x4, x8, x12);
        QR8(x1, x5, x9, x13);
        QR8(x2, x6, x10, x14);
        QR8(x3, x7, x11, x15);
        QR8(x0, x5, x10, x15);
        QR8(x1, x6, x11, x12);
        QR8(x2, x7, x8, x13);
        QR8(x3, x4, x9, x14);
    }
    x0 = ADD8(x0, _mm256_set1_epi32((int)st[0]));
    x1 = ADD8(x1, _mm256_set1_epi32((int)st[1]));
    x2 = ADD8(x2, _mm256_set1_epi32((int)st[2]));
    x3 = ADD8(x3, _mm256_set1_epi32((int)st[3]));
    x4 = ADD8(x4, _mm256_set1_epi32((int)st[4]));
    x5 = ADD8(x5, _mm256_set1_epi32((int)st[5]));
    x6 = ADD8(x6, _mm256_set1_epi32((int)st[6]));
    x7 = ADD8(x7, _mm256_set1_epi32((int)st[7]));
    x8 = ADD8(x8, _mm256_set1_epi32((int)st[8]));
    x9 = ADD8(x9, _mm256_set1_epi32((int)st[9]));
    x10 = ADD8(x10, _mm256_set1_epi32((int)st[10]));
    x11 = ADD8(x11, _mm256_set1_epi32((int)st[11]));
    x12 = ADD8(x12, ctr);
    x13 = ADD8(x13, _mm256_set1_epi32((int)st[13]));
    x14 = ADD8(x14, _mm256_set1_epi32((int)st[14]));
    x15 = ADD8(x15, _mm256_set1_epi32((int)st[15]));

    TRANSPOSE4(x0, x1, x2, x3);
    TRANSPOSE4(x4, x5, x6, x7);
    TRANSPOSE4(x8, x9, x10, x11);
    TRANSPOSE4(x12, x13, x14, x15);
    /* Block j (j < 4) is the low halves of x_j, x_{4+j}, x_{8+j},
     * x_{12+j}; block j + 4 the high halves. */
    if (n == 512) {
        XOR32(p + 0, _mm256_permute2x128_si256(x0, x4, 0x20));
        XOR32(p + 32, _mm256_permute2x128_si256(x8, x12, 0x20));
        XOR32(p + 64, _mm256_permute2x128_si256(x1, x5, 0x20));
        XOR32(p + 96, _mm256_permute2x128_si256(x9, x13, 0x20));
        XOR32(p + 128, _mm256_permute2x128_si256(x2, x6, 0x20));
        XOR32(p + 160, _mm256_permute2x128_si256(x10, x14, 0x20));
        XOR32(p + 192, _mm256_permute2x128_si256(x3, x7, 0x20));
        XOR32(p + 224, _mm256_permute2x128_si256(x11, x15, 0x20));
        XOR32(p + 256, _mm256_permute2x128_si256(x0, x4, 0x31));
        XOR32(p + 288, _mm256_permute2x128_si256(x8, x12, 0x31));
        XOR32(p + 320, _mm256_permute2x128_si256(x1, x5, 0x31));
        XOR32(p + 352, _mm256_permute2x128_si256(x9, x13, 0x31));
        XOR32(p + 384, _mm256_permute2x128_si256(x2, x6, 0x31));
        XOR32(p + 416, _mm256_permute2x128_si256(x10, x14, 0x31));
        XOR32(p + 448, _mm256_permute2x128_si256(x3, x7, 0x31));
        XOR32(p + 480, _mm256_permute2x128_si256(x11, x15, 0x31));
        return;
    }
    OUT32(0, _mm256_permute2x128_si256(x0, x4, 0x20));
    OUT32(32, _mm256_permute2x128_si256(x8, x12, 0x20));
    OUT32(64, _mm256_permute2x128_si256(x1, x5, 0x20));
    OUT32(96, _mm256_permute2x128_si256(x9, x13, 0x20));
    OUT32(128, _mm256_permute2x128_si256(x2, x6, 0x20));
    OUT32(160, _mm256_permute2x128_si256(x10, x14, 0x20));
    OUT32(192, _mm256_permute2x128_si256(x3, x7, 0x20));
    OUT32(224, _mm256_permute2x128_si256(x11, x15, 0x20));
    OUT32(256, _mm256_permute2x128_si256(x0, x4, 0x31));
    OUT32(288, _mm256_permute2x128_si256(x8, x12, 0x31));
    OUT32(320, _mm256_permute2x128_si256(x1, x5, 0x31));
    OUT32(352, _mm256_permute2x128_si256(x9, x13, 0x31));
    OUT32(384, _mm256_permute2x128_si256(x2, x6, 0x31));
    OUT32(416, _mm256_permute2x128_si256(x10, x14, 0x31));
    OUT32(448, _mm256_permute2x128_si256(x3, x7, 0x31));
    OUT32(480, _mm256_permute2x128_si256(x11, x15, 0x31));
}

/* Two blocks side by side: register a holds row 0 of block st[12] in its
 * low half and of block st[12] + 1 in its high half, and so on for rows
 * 1..3 in b, c, d. A column round is one quarter round on the rows; for
 * the diagonal round, rows 1..3 are rotated by 1, 2 and 3 words first and
 * back afterwards. XORs the key stream into the n <= 128 bytes at p. */
static TERN_AVX2 void xor2(const uint32_t st[16], uint8_t *p, size_t n)
{
    const __m256i r16 = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13,
                                         2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
    const __m256i r8 = _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14,
                                        3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14);
    const __m256i a0 = _mm256_broadcastsi128_si256(
        _mm_loadu_si128((const __m128i *)(const void *)st));
    const __m256i b0 = _mm256_broadcastsi128_si256(
        _mm_loadu_si128((const __m128i *)(const void *)(st + 4)));
    const __m256i c0 = _mm256_broadcastsi128_si256(
        _mm_loadu_si128((const __m128i *)(const void *)(st + 8)));
    const __m256i d0 = _mm256_add_epi32(
        _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(st + 12))),
        _mm256_setr_epi32(0, 0, 0, 0, 1, 0, 0, 0));
    __m256i a = a0, b = b0, c = c0, d = d0;
    int i;

    for (i = 0; i < 10; i++) {
        QR8(a, b, c, d);
        b = _mm256_shuffle_epi32(b, 0x39);
        c = _mm256_shuffle_epi32(c, 0x4e);
        d = _mm256_shuffle_epi32(d, 0x93);
        QR8(a, b, c, d);
        b = _mm256_shuffle_epi32(b, 0x93);
        c = _mm256_shuffle_epi32(c, 0x4e);
        d = _mm256_shuffle_epi32(d, 0x39);
    }
    a = ADD8(a, a0);
    b = ADD8(b, b0);
    c = ADD8(c, c0);
    d = ADD8(d, d0);
    if (n == 128) {
        XOR32(p + 0, _mm256_permute2x128_si256(a, b, 0x20));
        XOR32(p + 32, _mm256_permute2x128_si256(c, d, 0x20));
        XOR32(p + 64, _mm256_permute2x128_si256(a, b, 0x31));
        XOR32(p + 96, _mm256_permute2x128_si256(c, d, 0x31));
        return;
    }
    OUT32(0, _mm256_permute2x128_si256(a, b, 0x20));
    OUT32(32, _mm256_permute2x128_si256(c, d, 0x20));
    OUT32(64, _mm256_permute2x128_si256(a, b, 0x31));
    OUT32(96, _mm256_permute2x128_si256(c, d, 0x31));
}

/* see src/crypto/chacha/chacha_internal.h */
TERN_AVX2 void tern_chacha20_xor_avx2(uint32_t st[16], uint8_t *data, size_t len)
{
    while (len >= 512) {
        xor8(st, data, 512);
        st[12] += 8;
        data += 512;
        len -= 512;
    }
    if (len > 256) {
        xor8(st, data, len);
        st[12] += (uint32_t)((len + 63) / 64);
        return;
    }
    while (len > 0) {
        size_t n = len < 128 ? len : 128;
        xor2(st, data, n);
        st[12] += (uint32_t)((n + 63) / 64);
        data += n;
        len -= n;
    }
}

#else
typedef int tern_chacha20_x86_unused;
#endif /* TERN_CONFIG_CHACHA20_X86 */
