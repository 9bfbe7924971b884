/*
 * Modular exponentiation with AVX2 on x86-64 (both tern_bn_modexp and
 * tern_bn_modexp_vartime take this path when the CPU has AVX2).
 *
 * Implementation notes.
 *
 * Representation. Inside the exponentiation numbers are held in limbs of
 * b = 28 bits (27 for moduli above about 3470 bits, see below), one limb
 * per 64-bit lane, L = ceil((64 len + 2) / b) limbs. VPMULUDQ multiplies
 * the low 32 bits of four lanes at once, so four limb products cost one
 * instruction, against one 64x64-bit MUL (and its carries) per word
 * product in the scalar code: for RSA-2048 about 2.5 times fewer
 * instructions per Montgomery multiplication.
 *
 * Montgomery multiplication with R' = 2^(b L) (> 4m), "almost" reduced:
 * inputs below 2m give an output below 2m,
 *     (A B + U m) / R' < (4 m^2 + R' m) / R' < 2m,
 * so no conditional subtraction is needed until the very end, where the
 * result is brought below m with one masked subtraction.
 *
 * The accumulator lanes are not carried while products are added: a lane
 * receives at most 2L products and one carry below 2^(64-b). Limbs are
 * below 2^b + 2^(64-2b) + 1 (a multiplication's result is carried in two
 * vector rounds only, see carry_round), so a product is below
 * 2^(2b) (1 + 2^-17)^2 and the lane stays below 2^64 for L <= 124 with
 * b = 28 (moduli up to 3470 bits: 2^63.96 at most) and L <= 508 with
 * b = 27 (13700 bits: 2^63.99); larger moduli take the portable code.
 *
 * The reduction steps go four limbs at a time (a block): for limbs
 * 4k..4k+3 of A the scalar code computes the four Montgomery factors
 * u = (lane + carry) (-1/m) mod 2^b one after the other, adding by hand
 * the products that fall into the block's own four lanes, and carries
 * each zeroed lane into the next. Then one vector pass adds
 * a_s B 2^(b s) + u_s m 2^(b s) (s = 0..3) to the lanes above the block,
 * four lanes per register: a register-aligned window moves four lanes
 * per block, and B and m are read at offsets -1..-3 (they carry zero
 * padding). The last block may hold fewer than four limbs.
 *
 * Conversions. R' is not R = 2^(64 len) of tern_bn_mont, so R'^2 mod m
 * comes from R^2 mod m (mc->rr) with two multiplications:
 *     AMM(AMM(rr, rr), 2^(4d)) = R^4 R'^-2 2^(4d) = R'^2,  d = b L - 64 len
 * (the power of two is a valid operand without being reduced: the
 * output bound only needs A B < R' m), unless the context of a public
 * modulus already holds it (mc->rr2, from the division of
 * tern_bn_mont_init_vartime).
 *
 * Memory: the window table keeps its entries packed, one limb per 32-bit
 * lane, which halves the largest part of the scratch space (about 11 KB
 * instead of 22 KB for a 4096-bit modulus).
 *
 * Constant time: no branch or memory index depends on the base, the
 * exponent bits (modexp) or the modulus words; table entries are
 * selected by reading the whole table through masks. The limb size and
 * count depend on len only. tern_bn_modexp_vartime_avx2 skips the zero
 * bits of the (public) exponent, like tern_bn_modexp_vartime.
 *
 * Compiled with TERN_CONFIG_BN_X86; the functions carry target("avx2")
 * and run only after tern_bn_avx2_supported() (CPUID through the
 * compiler's run-time). Every number lives in tmp, which the callers
 * wipe; the selection masks (they follow the exponent) are wiped here;
 * what the compiler spills to the stack frames is not (there is no
 * portable way to reach it).
 */
#include "tern/config.h"

#include "crypto/bignum/bignum_internal.h"

#if TERN_CONFIG_RSA && TERN_CONFIG_BN_X86

#include <immintrin.h>
#include <string.h>

#include "tern/util.h"

#define TERN_AVX2 __attribute__((target("avx2")))

#define TABLE_SIZE ((size_t)1 << TERN_BN_WINDOW)

/* Limb layout of one modulus size. */
typedef struct lctx {
    size_t nl;      /* limbs L */
    size_t ns;      /* lanes per stored number: 4 ceil(L / 4) + 8 (zero padded) */
    size_t nchunks; /* register chunks a block's vector pass covers */
    unsigned b;     /* limb bits */
    uint64_t mask;  /* 2^b - 1 */
    uint64_t m0i;   /* -1/m mod 2^b */
    uint64_t *m;    /* modulus limbs (ns lanes) */
    uint64_t *acc;  /* accumulator (2 ns lanes) */
    uint64_t *nb;   /* carry buffer (ns lanes, the first 4 zero) */
} lctx;

/* see src/crypto/bignum/bignum_internal.h */
int tern_bn_avx2_supported(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
}

/* Chooses b and L for len words: 0 if the size is out of range. */
static int layout(lctx *lc, size_t len)
{
    size_t bits = 64 * len + 2;
    size_t l28 = (bits + 27) / 28, l27 = (bits + 26) / 27;

    if (l28 <= 124) {
        lc->b = 28;
        lc->nl = l28;
    } else if (l27 <= 508) {
        lc->b = 27;
        lc->nl = l27;
    } else {
        return 0;
    }
    lc->ns = 4 * ((lc->nl + 3) / 4) + 8;
    /* block k adds to lanes 4k + s + j (s < 4, j < L): chunks 1..(L+2)/4 */
    lc->nchunks = (lc->nl + 2) / 4;
    lc->mask = ((uint64_t)1 << lc->b) - 1;
    return 1;
}

/* see src/crypto/bignum/bignum_internal.h */
size_t tern_bn_avx2_rbits(size_t len)
{
    lctx lc;
    return layout(&lc, len) ? lc.b * lc.nl : 0;
}

/* dst (ns lanes) = the limbs of x (len words). */
static void to_limbs(uint64_t *dst, const tern_bn_word *x, size_t len, const lctx *lc)
{
    size_t j, w = 0;
    unsigned off = 0; /* limb j starts at bit off of word w */

    for (j = 0; j < lc->ns; j++) {
        uint64_t v = 0;
        if (w < len) {
            v = x[w] >> off;
            if (off + lc->b > 64 && w + 1 < len) {
                v |= x[w + 1] << (64 - off);
            }
        }
        dst[j] = v & lc->mask;
        off += lc->b;
        if (off >= 64) {
            off -= 64;
            w++;
        }
    }
}

/* x (len words) = the normalised limbs src (value below 2^(64 len)). */
static void from_limbs(tern_bn_word *x, size_t len, const uint64_t *src, const lctx *lc)
{
    size_t j, w = 0;
    unsigned off = 0;

    memset(x, 0, len * sizeof(tern_bn_word));
    for (j = 0; j < lc->nl && w < len; j++) {
        x[w] |= src[j] << off;
        if (off + lc->b > 64 && w + 1 < len) {
            x[w + 1] |= src[j] >> (64 - off);
        }
        off += lc->b;
        if (off >= 64) {
            off -= 64;
            w++;
        }
    }
}

/* One register chunk of a block's vector pass: the lanes at p get
 * a_s b + u_s m, both read s lanes back (s = 0..3). */
#define CHUNK(p, bj, mj)                                                                           \
    do {                                                                                           \
        __m256i v_ = _mm256_loadu_si256(p);                                                        \
        __m256i t0_, t1_;                                                                          \
        t0_ = _mm256_add_epi64(_mm256_mul_epu32(x0, LOADU((bj))),                                  \
                               _mm256_mul_epu32(u0, LOADU((mj))));                                 \
        t1_ = _mm256_add_epi64(_mm256_mul_epu32(x1, LOADU((bj)-1)),                                \
                               _mm256_mul_epu32(u1, LOADU((mj)-1)));                               \
        v_ = _mm256_add_epi64(v_, _mm256_add_epi64(t0_, t1_));                                     \
        t0_ = _mm256_add_epi64(_mm256_mul_epu32(x2, LOADU((bj)-2)),                                \
                               _mm256_mul_epu32(u2, LOADU((mj)-2)));                               \
        t1_ = _mm256_add_epi64(_mm256_mul_epu32(x3, LOADU((bj)-3)),                                \
                               _mm256_mul_epu32(u3, LOADU((mj)-3)));                               \
        v_ = _mm256_add_epi64(v_, _mm256_add_epi64(t0_, t1_));                                     \
        _mm256_storeu_si256((p), v_);                                                              \
    } while (0)
#define LOADU(q) _mm256_loadu_si256((const __m256i *)(const void *)(q))

/* dst[j] = (src[j] mod 2^b) + (src[j - 1] >> b) for the lanes of the
 * L limbs (src[-1] must be 0): one round of carries, all lanes at once.
 * Lanes below 2^64 come out below 2^b + 2^(64-b); a second round leaves
 * them below 2^b + 2^(64-2b) + 1, which the notes allow as input. No
 * carry leaves the top lane: the value is below 2^(b L). */
TERN_AVX2 static void carry_round(uint64_t *dst, const uint64_t *src, const lctx *lc)
{
    const __m256i mask = _mm256_set1_epi64x((long long)lc->mask);
    const __m128i cnt = _mm_cvtsi32_si128((int)lc->b);
    size_t j;

    for (j = 0; j < lc->nl; j += 4) {
        __m256i lo = _mm256_and_si256(LOADU(src + j), mask);
        __m256i hi = _mm256_srl_epi64(LOADU(src + j - 1), cnt);
        _mm256_storeu_si256((__m256i *)(void *)(dst + j), _mm256_add_epi64(lo, hi));
    }
}

/* out = a b / R' mod m, almost reduced (see the notes). a and b are
 * limbs below 2^b + 2^(64-2b) + 1 (ns lanes, zero above L) with
 * a b < R' m; out (the same form) may alias a or b. */
TERN_AVX2 static void amm(uint64_t *out, const uint64_t *a, const uint64_t *bv, const lctx *lc)
{
    const uint64_t *m = lc->m;
    uint64_t *acc = lc->acc;
    const size_t nl = lc->nl, nc = lc->nchunks;
    const uint64_t m0i = lc->m0i, mask = lc->mask;
    const uint64_t b0 = bv[0], b1 = bv[1], b2 = bv[2], b3 = bv[3];
    const uint64_t m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3];
    const unsigned b = lc->b;
    uint64_t c = 0, v;
    size_t k, j;

    for (j = 0; j < 2 * lc->ns; j += 4) {
        _mm256_storeu_si256((__m256i *)(void *)(acc + j), _mm256_setzero_si256());
    }
    for (k = 0; 4 * k < nl; k++) {
        uint64_t *lane = acc + 4 * k;
        const uint64_t *ak = a + 4 * k;
        uint64_t u[4];
        __m256i x0, x1, x2, x3, u0, u1, u2, u3;

        /* the block's own lanes, in scalar code: each u zeroes its lane
         * (mod 2^b) and the lane's carry goes on to the next one */
        if (nl - 4 * k >= 4) {
            const uint64_t a0 = ak[0], a1 = ak[1], a2 = ak[2], a3 = ak[3];
            v = lane[0] + c + a0 * b0;
            u[0] = (v * m0i) & mask;
            c = (v + u[0] * m0) >> b;
            v = lane[1] + c + a0 * b1 + u[0] * m1 + a1 * b0;
            u[1] = (v * m0i) & mask;
            c = (v + u[1] * m0) >> b;
            v = lane[2] + c + a0 * b2 + u[0] * m2 + a1 * b1 + u[1] * m1 + a2 * b0;
            u[2] = (v * m0i) & mask;
            c = (v + u[2] * m0) >> b;
            v = lane[3] + c + a0 * b3 + u[0] * m3 + a1 * b2 + u[1] * m2 + a2 * b1 + u[2] * m1 +
                a3 * b0;
            u[3] = (v * m0i) & mask;
            c = (v + u[3] * m0) >> b;
        } else {
            /* the last block, with fewer limbs: lanes past the last limb
             * are result lanes and keep what the block adds to them */
            size_t nlb = nl - 4 * k, s, r;
            for (s = 0; s < 4; s++) {
                v = lane[s] + ak[s] * b0;
                for (r = 0; r < s; r++) {
                    v += ak[r] * bv[s - r] + u[r] * m[s - r];
                }
                if (s < nlb) {
                    v += c;
                    u[s] = (v * m0i) & mask;
                    c = (v + u[s] * m0) >> b;
                } else {
                    u[s] = 0;
                    lane[s] = v;
                }
            }
        }
        /* the lanes above: 4 at a time, a_s b and u_s m shifted by s */
        x0 = _mm256_set1_epi64x((long long)ak[0]);
        x1 = _mm256_set1_epi64x((long long)ak[1]);
        x2 = _mm256_set1_epi64x((long long)ak[2]);
        x3 = _mm256_set1_epi64x((long long)ak[3]);
        u0 = _mm256_set1_epi64x((long long)u[0]);
        u1 = _mm256_set1_epi64x((long long)u[1]);
        u2 = _mm256_set1_epi64x((long long)u[2]);
        u3 = _mm256_set1_epi64x((long long)u[3]);
        if (nl - 4 * k >= 4) {
            for (j = 4; j + 4 <= 4 * nc; j += 8) {
                CHUNK((__m256i *)(void *)(lane + j), bv + j, m + j);
                CHUNK((__m256i *)(void *)(lane + j + 4), bv + j + 4, m + j + 4);
            }
            if (j <= 4 * nc) {
                CHUNK((__m256i *)(void *)(lane + j), bv + j, m + j);
            }
        } else {
            /* a short last block: only its limbs' terms (the others
             * are zero) */
            const __m256i xs[3] = {x0, x1, x2}, us[3] = {u0, u1, u2};
            size_t nlb = nl - 4 * k, s;
            for (j = 4; j <= 4 * nc; j += 4) {
                __m256i *p = (__m256i *)(void *)(lane + j);
                __m256i w = _mm256_loadu_si256(p);
                for (s = 0; s < nlb; s++) {
                    w = _mm256_add_epi64(
                        w, _mm256_add_epi64(_mm256_mul_epu32(xs[s], LOADU(bv + j - s)),
                                            _mm256_mul_epu32(us[s], LOADU(m + j - s))));
                }
                _mm256_storeu_si256(p, w);
            }
        }
    }
    /* the result: lanes L..2L-1 plus the last carry (lane L - 1's
     * carry is in c, so the lane itself now counts as 0) */
    acc[nl] += c;
    acc[nl - 1] = 0;
    carry_round(lc->nb + 4, acc + nl, lc);
    carry_round(out, lc->nb + 4, lc);
    for (j = 4 * ((nl + 3) / 4); j < lc->ns; j += 4) {
        _mm256_storeu_si256((__m256i *)(void *)(out + j), _mm256_setzero_si256());
    }
}

/* Sets up lc over scratch (modulus limbs, accumulator, carry buffer: 4 ns
 * lanes) and
 * computes rr = R'^2 mod m (almost reduced) and one = 1 (ns lanes each);
 * t is ns lanes of scratch. */
TERN_AVX2 static void setup(lctx *lc, uint64_t *scratch, const tern_bn_mont *mc, uint64_t *rr,
                            uint64_t *one, uint64_t *t)
{
    size_t d = lc->b * lc->nl - 64 * mc->len;

    lc->m = scratch;
    lc->acc = scratch + lc->ns;
    lc->nb = scratch + 3 * lc->ns;
    memset(lc->nb, 0, lc->ns * sizeof(uint64_t));
    lc->m0i = (uint64_t)mc->m0i & lc->mask;
    to_limbs(lc->m, mc->m, mc->len, lc);
    if (mc->has_rr2) {
        to_limbs(rr, mc->rr2, mc->len, lc);
    } else {
        to_limbs(rr, mc->rr, mc->len, lc);
        amm(rr, rr, rr, lc); /* R^4 / R' */
        memset(t, 0, lc->ns * sizeof(uint64_t));
        t[4 * d / lc->b] = (uint64_t)1 << (4 * d % lc->b);
        amm(rr, rr, t, lc); /* R^4 2^(4d) / R'^2 = R'^2 */
    }
    memset(one, 0, lc->ns * sizeof(uint64_t));
    one[0] = 1;
}

/* x (len words) = the almost reduced acc (< 2m) taken out of Montgomery
 * form and fully reduced. acc is overwritten. */
TERN_AVX2 static void finish(tern_bn_word *x, uint64_t *acc, const uint64_t *one, const lctx *lc,
                             const tern_bn_mont *mc)
{
    size_t j;
    uint64_t c = 0;

    amm(acc, acc, one, lc); /* < m + 1 */
    for (j = 0; j < lc->nl; j++) {
        uint64_t v = acc[j] + c;
        acc[j] = v & lc->mask;
        c = v >> lc->b;
    }
    from_limbs(x, mc->len, acc, lc);
    (void)tern_bn_sub(x, mc->m, mc->len, tern_ct_not(tern_bn_lt(x, mc->m, mc->len)));
}

/* The table keeps its entries packed, one limb per 32-bit lane (ns
 * lanes, ns / 2 words per entry), half the memory of the working form.
 * Entries are read and written through vector loads and stores only. */
#define ENTRY(table, i, ns) ((const char *)(table) + (i) * (ns)*4)

/* table entry i = src (ns lanes, limbs below 2^32). */
TERN_AVX2 static void pack(uint64_t *table, size_t i, const uint64_t *src, size_t ns)
{
    const __m256i even = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
    char *dst = (char *)table + i * ns * 4;
    size_t j;

    for (j = 0; j < ns; j += 4) {
        __m256i v = _mm256_permutevar8x32_epi32(LOADU(src + j), even);
        _mm_storeu_si128((__m128i *)(void *)(dst + 4 * j), _mm256_castsi256_si128(v));
    }
}

/* The four lanes j..j+3 of entry i, widened to 64 bits. */
#define LOAD_ENTRY(table, i, ns, j)                                                                \
    _mm256_cvtepu32_epi64(                                                                         \
        _mm_loadu_si128((const __m128i *)(const void *)(ENTRY(table, i, ns) + 4 * (j))))

/* dst (ns lanes) = table entry i. */
TERN_AVX2 static void unpack(uint64_t *dst, const uint64_t *table, size_t i, size_t ns)
{
    size_t j;

    for (j = 0; j < ns; j += 4) {
        _mm256_storeu_si256((__m256i *)(void *)(dst + j), LOAD_ENTRY(table, i, ns, j));
    }
}

/* dst (ns lanes) = table entry idx, reading every entry: per register
 * chunk, the OR of all entries' chunks under their masks. */
TERN_AVX2 static void table_select(uint64_t *dst, const uint64_t *table, size_t ns, uint32_t idx)
{
    __m256i masks[TABLE_SIZE];
    size_t i, j;

    for (i = 0; i < TABLE_SIZE; i++) {
        masks[i] = _mm256_set1_epi64x((long long)tern_bn_mask(tern_ct_eq((uint32_t)i, idx)));
    }
    for (j = 0; j < ns; j += 4) {
        __m256i v = _mm256_setzero_si256();
        for (i = 0; i + 4 <= TABLE_SIZE; i += 4) {
            __m256i v0 = _mm256_and_si256(LOAD_ENTRY(table, i, ns, j), masks[i]);
            __m256i v1 = _mm256_and_si256(LOAD_ENTRY(table, i + 1, ns, j), masks[i + 1]);
            __m256i v2 = _mm256_and_si256(LOAD_ENTRY(table, i + 2, ns, j), masks[i + 2]);
            __m256i v3 = _mm256_and_si256(LOAD_ENTRY(table, i + 3, ns, j), masks[i + 3]);
            v = _mm256_or_si256(v,
                                _mm256_or_si256(_mm256_or_si256(v0, v1), _mm256_or_si256(v2, v3)));
        }
        for (; i < TABLE_SIZE; i++) {
            v = _mm256_or_si256(v, _mm256_and_si256(LOAD_ENTRY(table, i, ns, j), masks[i]));
        }
        _mm256_storeu_si256((__m256i *)(void *)(dst + j), v);
    }
    tern_wipe(masks, sizeof(masks));
}

/* Bit i of the big-endian string e (bit 0 is the least significant). */
static uint32_t exp_bit(const uint8_t *e, size_t e_len, size_t i)
{
    return (uint32_t)(e[e_len - 1 - i / 8] >> (i % 8)) & 1;
}

/* see src/crypto/bignum/bignum_internal.h */
TERN_AVX2 int tern_bn_modexp_avx2(tern_bn_word *x, const uint8_t *e, size_t e_len,
                                  const tern_bn_mont *mc, tern_bn_word *tmp)
{
    lctx lc;
    uint64_t *table, *rr, *one, *acc, *t, *base, *scratch;
    size_t nbits = 8 * e_len, pos, i, first, ns;
    uint32_t idx;

    if (!layout(&lc, mc->len)) {
        return 0;
    }
    ns = lc.ns;
    table = tmp; /* TABLE_SIZE packed entries of ns / 2 words */
    rr = table + TABLE_SIZE * ns / 2;
    one = rr + ns;
    acc = one + ns;
    t = acc + ns;
    base = t + ns;
    scratch = base + ns; /* 4 ns: see setup */
    setup(&lc, scratch, mc, rr, one, t);

    /* table[i] = x^i R' (almost reduced; a squaring for even i) */
    amm(t, rr, one, &lc);
    pack(table, 0, t, ns);
    to_limbs(t, x, mc->len, &lc);
    amm(base, t, rr, &lc);
    pack(table, 1, base, ns);
    for (i = 2; i < TABLE_SIZE; i++) {
        if (i % 2 == 0) {
            unpack(acc, table, i / 2, ns);
            amm(t, acc, acc, &lc);
        } else {
            unpack(acc, table, i - 1, ns);
            amm(t, acc, base, &lc);
        }
        pack(table, i, t, ns);
    }

    /* as tern_bn_modexp: the first window takes the leftover bits */
    first = nbits % TERN_BN_WINDOW;
    if (first == 0 && nbits > 0) {
        first = TERN_BN_WINDOW;
    }
    pos = nbits;
    idx = 0;
    for (i = 0; i < first; i++) {
        pos--;
        idx = (idx << 1) | exp_bit(e, e_len, pos);
    }
    table_select(acc, table, ns, idx);
    while (pos > 0) {
        for (i = 0; i < TERN_BN_WINDOW; i++) {
            amm(acc, acc, acc, &lc);
        }
        idx = 0;
        for (i = 0; i < TERN_BN_WINDOW; i++) {
            pos--;
            idx = (idx << 1) | exp_bit(e, e_len, pos);
        }
        table_select(t, table, ns, idx);
        amm(acc, acc, t, &lc);
    }
    finish(x, acc, one, &lc, mc);
    return 1;
}

/* see src/crypto/bignum/bignum_internal.h */
TERN_AVX2 int tern_bn_modexp_vartime_avx2(tern_bn_word *x, const uint8_t *e, size_t e_len,
                                          const tern_bn_mont *mc, tern_bn_word *tmp)
{
    lctx lc;
    uint64_t *base, *rr, *one, *acc, *scratch;
    size_t nbits = 8 * e_len, i, ns;

    if (!layout(&lc, mc->len)) {
        return 0;
    }
    /* skip the leading zero bits (e is public) */
    while (nbits > 0 && exp_bit(e, e_len, nbits - 1) == 0) {
        nbits--;
    }
    if (nbits == 0) {
        memset(x, 0, mc->len * sizeof(tern_bn_word));
        x[0] = 1; /* x^0 = 1 (m > 1) */
        return 1;
    }
    ns = lc.ns;
    base = tmp;
    rr = base + ns;
    one = rr + ns;
    acc = one + ns;
    scratch = acc + ns;
    setup(&lc, scratch, mc, rr, one, acc);
    to_limbs(acc, x, mc->len, &lc);
    amm(base, acc, rr, &lc);
    memcpy(acc, base, ns * sizeof(uint64_t));
    for (i = nbits - 1; i > 0; i--) {
        amm(acc, acc, acc, &lc);
        if (exp_bit(e, e_len, i - 1)) {
            amm(acc, acc, base, &lc);
        }
    }
    finish(x, acc, one, &lc, mc);
    return 1;
}

#else
typedef int tern_bn_modexp_avx2_unused_;
#endif /* TERN_CONFIG_RSA && TERN_CONFIG_BN_X86 */
