/*
 * Multi-precision integers for RSA and finite-field Diffie-Hellman.
 *
 * Representation: an integer is an array of `len` words (tern_bn_word,
 * TERN_CONFIG_WORD_BITS wide), least significant word first. The length
 * is always passed explicitly and is public; the word values may be
 * secret. There is no allocation: callers size their buffers with
 * TERN_BN_MAX_WORDS (TERN_CONFIG_MAX_RSA_BITS) and pass scratch space
 * where a function needs more than a few numbers.
 *
 * Constant time. Unless a function says "variable time", its running
 * time, branches and memory addresses depend only on the lengths passed
 * (and on the bit length of an exponent given as a byte string, i.e. on
 * its byte length), never on the values of the words. The exceptions:
 *
 *   tern_bn_modexp_vartime      time depends on the exponent (public e)
 *   tern_bn_bitlen_vartime      time depends on the value (public moduli)
 *   tern_bn_mont_init_vartime   time depends on the modulus (public moduli)
 *
 * Word products: 64-bit words use unsigned __int128 (GCC/Clang on 64-bit
 * targets, selected by TERN_CONFIG_WORD_BITS); 32-bit words use uint64_t,
 * which a 32-bit target multiplies with a single UMULL (constant time on
 * Cortex-M3/M4 for 32x32->64: the M3's early-terminating MUL only
 * applies to 32-bit results, and UMULL/UMLAL take fixed cycles on M4).
 *
 * Montgomery arithmetic: for an odd modulus m of len words, R = 2^(w*len)
 * and tern_bn_montmul(d, x, y) = x*y/R mod m. It requires x < R (any
 * len-word value) and y < m, and returns a fully reduced result.
 */
#ifndef TERN_BIGNUM_INTERNAL_H
#define TERN_BIGNUM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/ct_internal.h"
#include "tern/config.h"

#if TERN_CONFIG_WORD_BITS == 64
typedef uint64_t tern_bn_word;
/* The one extension of the 64-bit path (see TERN_CONFIG_WORD_BITS). */
__extension__ typedef unsigned __int128 tern_bn_dword;
#define TERN_BN_WORD_BITS 64
#define TERN_BN_WORD_BYTES 8
#else
typedef uint32_t tern_bn_word;
typedef uint64_t tern_bn_dword;
#define TERN_BN_WORD_BITS 32
#define TERN_BN_WORD_BYTES 4
#endif

/* Words of the largest modulus (TERN_CONFIG_MAX_RSA_BITS). */
#define TERN_BN_MAX_WORDS ((TERN_CONFIG_MAX_RSA_BITS + TERN_BN_WORD_BITS - 1) / TERN_BN_WORD_BITS)

/* Words of the largest RSA prime factor: tern takes balanced keys only,
 * p and q at most one word longer than half the modulus (FIPS 186-5
 * A.1.3 primes are exactly half; this allows odd modulus sizes). */
#define TERN_BN_HALF_WORDS (TERN_BN_MAX_WORDS / 2 + 1)

/* Words needed for `bytes` bytes. */
#define TERN_BN_WORDS(bytes) (((bytes) + TERN_BN_WORD_BYTES - 1) / TERN_BN_WORD_BYTES)

/* Fixed exponent window of tern_bn_modexp (1..6 bits). The table holds
 * 2^TERN_BN_WINDOW numbers, so 4 costs 16 modulus-sized buffers; 5 saves
 * about 5% of the multiplications for twice the table. */
#ifndef TERN_BN_WINDOW
#define TERN_BN_WINDOW 4
#endif
#if TERN_BN_WINDOW < 1 || TERN_BN_WINDOW > 6
#error "TERN_BN_WINDOW must be between 1 and 6"
#endif

/* AVX2 exponentiation on x86-64 (bn_modexp_avx2.c), chosen at run time
 * by CPUID. Default: on for 64-bit words on x86-64 with GCC or Clang
 * (target attributes and intrinsics). A TERN_CONFIG_* switch defined
 * here rather than in tern/config.h because only the bignum layer reads
 * it; define it to 0 to leave the code out. */
#ifndef TERN_CONFIG_BN_X86
#if TERN_CONFIG_WORD_BITS == 64 && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TERN_CONFIG_BN_X86 1
#else
#define TERN_CONFIG_BN_X86 0
#endif
#endif
#if TERN_CONFIG_BN_X86 && (TERN_CONFIG_WORD_BITS != 64 || !defined(__x86_64__))
#error "TERN_CONFIG_BN_X86 needs 64-bit words on x86-64"
#endif

/* Scratch words tern_bn_modexp needs for a modulus of len words. */
#define TERN_BN_MODEXP_GENERIC_TMP_WORDS(len) ((((size_t)1 << TERN_BN_WINDOW) + 1) * (size_t)(len))
/* Scratch words tern_bn_modexp_vartime needs. */
#define TERN_BN_MODEXP_VT_GENERIC_TMP_WORDS(len) (2 * (size_t)(len))
#if TERN_CONFIG_BN_X86
/* The AVX2 code keeps numbers as 27- or 28-bit limbs in 64-bit lanes:
 * at most this many lanes per number (see bn_modexp_avx2.c); a table of
 * 2^TERN_BN_WINDOW numbers packed in 32-bit lanes, plus 9 numbers (8 for
 * the vartime version). */
#define TERN_BN_AVX2_LANES(len) ((5 * (size_t)(len)) / 2 + 13)
#define TERN_BN_MODEXP_TMP_WORDS(len)                                                              \
    ((((size_t)1 << TERN_BN_WINDOW) / 2 + 9) * TERN_BN_AVX2_LANES(len))
#define TERN_BN_MODEXP_VT_TMP_WORDS(len) (8 * TERN_BN_AVX2_LANES(len))
#else
#define TERN_BN_MODEXP_TMP_WORDS(len) TERN_BN_MODEXP_GENERIC_TMP_WORDS(len)
#define TERN_BN_MODEXP_VT_TMP_WORDS(len) TERN_BN_MODEXP_VT_GENERIC_TMP_WORDS(len)
#endif

/* all-ones word if ctl is 1, zero if ctl is 0 */
static inline tern_bn_word tern_bn_mask(uint32_t ctl)
{
    return (tern_bn_word)0 - (tern_bn_word)tern_ct_barrier(ctl);
}

/* 1 if w != 0, else 0 */
static inline uint32_t tern_bn_word_nz(tern_bn_word w)
{
#if TERN_BN_WORD_BITS == 64
    return tern_ct_neq((uint32_t)w | (uint32_t)(w >> 32), 0);
#else
    return tern_ct_neq(w, 0);
#endif
}

/* lo word of a * b + c + d, high word to *hi. Never overflows: the
 * largest value is (2^w - 1)^2 + 2 (2^w - 1) = 2^2w - 1. The additions
 * are done on single words with explicit carries (x < c is the carry of
 * x = y + c), which GCC compiles far better than double-word sums of
 * unsigned __int128 (the comparisons become carry flags, not branches). */
static inline tern_bn_word tern_bn_muladd(tern_bn_word a, tern_bn_word b, tern_bn_word c,
                                          tern_bn_word d, tern_bn_word *hi)
{
    tern_bn_dword z = (tern_bn_dword)a * b;
    tern_bn_word lo = (tern_bn_word)z;
    tern_bn_word h = (tern_bn_word)(z >> TERN_BN_WORD_BITS);
    lo += c;
    h += lo < c;
    lo += d;
    h += lo < d;
    *hi = h;
    return lo;
}

/* TERN_OK if ok is 1, else err (a negative TERN_ERR_*), computed without
 * a branch: for results whose success depends on secret data (the RSA
 * fault check, a DH secret of 1) inside otherwise constant-time code. */
static inline int tern_bn_status(uint32_t ok, int err)
{
    return -(int)(tern_ct_barrier(ok ^ 1) * (uint32_t)(-err));
}

/* Montgomery context of an odd modulus m (copied in, so the caller's
 * buffer may go away). rr = R^2 mod m, m0i = -1/m mod 2^w. */
typedef struct tern_bn_mont {
    tern_bn_word m[TERN_BN_MAX_WORDS];
    tern_bn_word rr[TERN_BN_MAX_WORDS];
    tern_bn_word m0i;
    size_t len;
#if TERN_CONFIG_BN_X86
    /* R'^2 mod m for the AVX2 code's limbs (R' = 2^tern_bn_avx2_rbits(len)),
     * valid if has_rr2: tern_bn_mont_init_vartime computes it along with
     * rr when the CPU has AVX2; otherwise the AVX2 code derives it from
     * rr (two multiplications). */
    tern_bn_word rr2[TERN_BN_MAX_WORDS];
    uint32_t has_rr2;
#endif
} tern_bn_mont;

/* ---- encoding (constant time) ------------------------------------------ */

/* x (len words) = the big-endian number src (src_len bytes). Returns 1 if
 * the number fits in len words, else 0 (x then holds it mod 2^(w*len)). */
uint32_t tern_bn_decode(tern_bn_word *x, size_t len, const uint8_t *src, size_t src_len);

/* dst = x mod 256^dst_len as dst_len big-endian bytes (left-padded with
 * zeros when x is shorter). */
void tern_bn_encode(uint8_t *dst, size_t dst_len, const tern_bn_word *x, size_t len);

/* ---- word-array arithmetic (constant time) -------------------------------- */

/* a + b: if ctl is 1, a = a + b mod 2^(w*len). Returns the carry of a + b
 * (whether or not it was written). */
uint32_t tern_bn_add(tern_bn_word *a, const tern_bn_word *b, size_t len, uint32_t ctl);

/* a - b: if ctl is 1, a = a - b mod 2^(w*len). Returns the borrow, i.e.
 * 1 if a < b (whether or not it was written). */
uint32_t tern_bn_sub(tern_bn_word *a, const tern_bn_word *b, size_t len, uint32_t ctl);

/* 1 if a < b (the borrow of a - b; nothing is written). */
uint32_t tern_bn_lt(const tern_bn_word *a, const tern_bn_word *b, size_t len);

/* 1 if x == 0. */
uint32_t tern_bn_is_zero(const tern_bn_word *x, size_t len);

/* 1 if a == b. */
uint32_t tern_bn_eq(const tern_bn_word *a, const tern_bn_word *b, size_t len);

/* If ctl is 1, dst = src. Reads and writes every word either way. */
void tern_bn_ccopy(uint32_t ctl, tern_bn_word *dst, const tern_bn_word *src, size_t len);

/* If ctl is 1, exchanges a and b. */
void tern_bn_cswap(uint32_t ctl, tern_bn_word *a, tern_bn_word *b, size_t len);

/* x = x / 2 (shift right by one), shifting `top` (0/1) into the top bit. */
void tern_bn_shr1(tern_bn_word *x, size_t len, uint32_t top);

/* x = 2x + bit mod 2^(w*len); returns the bit shifted out. */
uint32_t tern_bn_shl1(tern_bn_word *x, size_t len, uint32_t bit);

/* d (alen + blen words) = a * b. d must not overlap a or b. */
void tern_bn_mul(tern_bn_word *d, const tern_bn_word *a, size_t alen, const tern_bn_word *b,
                 size_t blen);

/* Number of significant bits of x. Variable time: for public values. */
size_t tern_bn_bitlen_vartime(const tern_bn_word *x, size_t len);

/* ---- Montgomery arithmetic (constant time) ----------------------------- */

/* -1/m0 mod 2^w for odd m0. */
tern_bn_word tern_bn_ninv(tern_bn_word m0);

/* Prepares mc for modulus m (len words, 1 <= len <= TERN_BN_MAX_WORDS).
 * Requires m odd, m > 1 and m[len - 1] != 0. Constant time in m (it may
 * be a secret prime). */
void tern_bn_mont_init(tern_bn_mont *mc, const tern_bn_word *m, size_t len);

/* tern_bn_mont_init for a public modulus (RSA n, a DH group prime):
 * the same context. With 64-bit words R^2 mod m comes from a schoolbook
 * division instead of doublings and squarings (for RSA-2048 about 12
 * times fewer instructions); variable time in m. With 32-bit words it is
 * tern_bn_mont_init itself: the division code would add about 500 bytes
 * of Cortex-M4 code to an RSA verification of 1.8 KB. */
#if TERN_BN_WORD_BITS == 64
void tern_bn_mont_init_vartime(tern_bn_mont *mc, const tern_bn_word *m, size_t len);
#else
static inline void tern_bn_mont_init_vartime(tern_bn_mont *mc, const tern_bn_word *m, size_t len)
{
    tern_bn_mont_init(mc, m, len);
}
#endif

/* d = x * y / R mod m, for x < R and y < m. d may alias x or y. */
void tern_bn_montmul(tern_bn_word *d, const tern_bn_word *x, const tern_bn_word *y,
                     const tern_bn_mont *mc);

/* d = x^2 / R mod m, for x < m. d may alias x. With 64-bit words a
 * squaring of its own (about a quarter fewer word products than
 * tern_bn_montmul); with 32-bit words tern_bn_montmul(d, x, x, mc), to
 * keep the code small. */
#if TERN_BN_WORD_BITS == 64
void tern_bn_montsqr(tern_bn_word *d, const tern_bn_word *x, const tern_bn_mont *mc);
#else
static inline void tern_bn_montsqr(tern_bn_word *d, const tern_bn_word *x, const tern_bn_mont *mc)
{
    tern_bn_montmul(d, x, x, mc);
}
#endif

/* x = x * R mod m (x < m on input). */
void tern_bn_to_mont(tern_bn_word *x, const tern_bn_mont *mc);

/* x = x / R mod m (any len-word x on input; output < m). */
void tern_bn_from_mont(tern_bn_word *x, const tern_bn_mont *mc);

/* r (mc->len words) = a mod m, for a of any length alen (Horner over
 * chunks of mc->len words in Montgomery form). r must not overlap a.
 * Used for the CRT reductions. */
void tern_bn_reduce(tern_bn_word *r, const tern_bn_word *a, size_t alen, const tern_bn_mont *mc);

/* ---- exponentiation and inversion --------------------------------------- */

/* x = x^e mod m, for x < m, with e a big-endian byte string of e_len
 * bytes. Constant time in x, e and m: every one of the 8*e_len exponent
 * bits is processed (fixed window of TERN_BN_WINDOW bits, a
 * multiplication for every window, table entries selected by scanning
 * the whole table). tmp: TERN_BN_MODEXP_TMP_WORDS(mc->len) words. With
 * TERN_CONFIG_BN_X86, on a CPU with AVX2, the AVX2 code runs. */
void tern_bn_modexp(tern_bn_word *x, const uint8_t *e, size_t e_len, const tern_bn_mont *mc,
                    tern_bn_word *tmp);

/* x = x^e mod m like tern_bn_modexp, but by square-and-multiply over the
 * significant bits of e: variable time in e (public exponents only);
 * still constant time in x and m. tmp: TERN_BN_MODEXP_VT_TMP_WORDS. */
void tern_bn_modexp_vartime(tern_bn_word *x, const uint8_t *e, size_t e_len, const tern_bn_mont *mc,
                            tern_bn_word *tmp);

/* The portable code behind the two functions above (the same contracts;
 * tmp: TERN_BN_MODEXP_GENERIC_TMP_WORDS / _VT_GENERIC_TMP_WORDS). The
 * dispatchers run the AVX2 code instead where it applies; tests call
 * these to check both. */
void tern_bn_modexp_generic(tern_bn_word *x, const uint8_t *e, size_t e_len, const tern_bn_mont *mc,
                            tern_bn_word *tmp);
void tern_bn_modexp_vartime_generic(tern_bn_word *x, const uint8_t *e, size_t e_len,
                                    const tern_bn_mont *mc, tern_bn_word *tmp);

#if TERN_CONFIG_BN_X86
/* 1 if this CPU has AVX2 (CPUID, through the compiler's run-time). */
int tern_bn_avx2_supported(void);

/* log2 of the Montgomery radix R' the AVX2 code uses for len words (limb
 * bits times limb count), or 0 if len is beyond its range. */
size_t tern_bn_avx2_rbits(size_t len);

/* tern_bn_modexp / tern_bn_modexp_vartime with AVX2 (same contracts and
 * timing properties). Call only when tern_bn_avx2_supported() is 1.
 * Return 1, or 0 without touching x when mc->len is beyond the AVX2
 * code's range (moduli above about 13700 bits). */
int tern_bn_modexp_avx2(tern_bn_word *x, const uint8_t *e, size_t e_len, const tern_bn_mont *mc,
                        tern_bn_word *tmp);
int tern_bn_modexp_vartime_avx2(tern_bn_word *x, const uint8_t *e, size_t e_len,
                                const tern_bn_mont *mc, tern_bn_word *tmp);
#endif

/* x = 1/x mod m for odd m > 1 and x < m (Bernstein-Yang divsteps, a
 * fixed number of them for len). Returns 1 if the inverse exists, else 0
 * (x is then unspecified). Constant time in x and m. Uses about
 * 7 TERN_BN_MAX_WORDS words of stack. */
uint32_t tern_bn_modinv(tern_bn_word *x, const tern_bn_word *m, size_t len);

#endif /* TERN_BIGNUM_INTERNAL_H */
