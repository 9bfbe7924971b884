/*
 * Bignum layer (src/crypto/bignum): edge values (0, 1, m - 1, carries and
 * borrows through every word, all-ones words), identities (Fermat on the
 * RFC 7919 primes, x * (1/x) = 1), and random operands of every size from
 * one word up to TERN_BN_MAX_WORDS checked against OpenSSL's BIGNUM (the
 * test opponent, linked by test_bignum.cmake). test_bignum.cmake also
 * builds it against 32-bit words (the Cortex-M code) as test_bignum_w32.
 */
#include <openssl/bn.h>
#include <openssl/err.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/bignum/bignum_internal.h"
#include "tern/dh.h"
#include "tern_test.h"

#define MAXW TERN_BN_MAX_WORDS
#define WB sizeof(tern_bn_word)

/* ---- helpers ---------------------------------------------------------- */

/* The lengths the size loops visit: every one with 64-bit words; with
 * 32-bit words (128 of them for 4096 bits) every one up to 32, then every
 * fourth (36, 40, ..., 64 for 2048 bits, ..., 128), to keep the run short. */
static size_t next_len(size_t len)
{
    return (TERN_BN_WORD_BITS == 32 && len >= 32) ? len + 4 : len + 1;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t rnd64(void)
{
    /* splitmix64 */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static tern_bn_word rndw(void)
{
    return (tern_bn_word)rnd64();
}

/* Random number of len words; "shape" picks sparse or extreme values
 * sometimes, so carries run through whole words. */
static void rnd_bn(tern_bn_word *x, size_t len)
{
    size_t i;
    unsigned shape = (unsigned)(rnd64() % 8);
    for (i = 0; i < len; i++) {
        switch (shape) {
        case 0:
            x[i] = (tern_bn_word) ~(tern_bn_word)0;
            break;
        case 1:
            x[i] = (rnd64() & 1) ? (tern_bn_word) ~(tern_bn_word)0 : 0;
            break;
        default:
            x[i] = rndw();
            break;
        }
    }
}

static BIGNUM *to_bn(const tern_bn_word *x, size_t len)
{
    uint8_t buf[MAXW * 2 * 8 + 16];
    tern_bn_encode(buf, len * WB, x, len);
    return BN_bin2bn(buf, (int)(len * WB), NULL);
}

/* 1 if x (len words) equals b */
static int eq_bn(const tern_bn_word *x, size_t len, const BIGNUM *b)
{
    BIGNUM *a = to_bn(x, len);
    int r = BN_cmp(a, b) == 0;
    BN_free(a);
    return r;
}

static void from_bn(tern_bn_word *x, size_t len, const BIGNUM *b)
{
    uint8_t buf[MAXW * 2 * 8 + 16];
    int n = BN_num_bytes(b);
    BN_bn2bin(b, buf);
    EXPECT_EQ(tern_bn_decode(x, len, buf, (size_t)n), 1);
}

/* Random odd modulus of len words with a non-zero top word. */
static void rnd_modulus(tern_bn_word *m, size_t len)
{
    rnd_bn(m, len);
    m[0] |= 1;
    if (m[len - 1] == 0) {
        m[len - 1] = 1 + (rndw() & 0xff);
    }
    if (len == 1 && m[0] == 1) {
        m[0] = 3;
    }
}

/* ---- encoding ----------------------------------------------------------- */

static void test_codec(void)
{
    uint8_t in[3 * 8 + 3], out[sizeof(in) + 5];
    tern_bn_word x[8];
    size_t i;

    for (i = 0; i < sizeof(in); i++) {
        in[i] = (uint8_t)(i + 1);
    }
    EXPECT_EQ(tern_bn_decode(x, 8, in, sizeof(in)), 1);
    tern_bn_encode(out, sizeof(out), x, 8);
    for (i = 0; i < 5; i++) {
        EXPECT_EQ(out[i], 0); /* left padding */
    }
    EXPECT_MEM_EQ(out + 5, in, sizeof(in));
    /* least significant word holds the last bytes */
    EXPECT_EQ_U(x[0] & 0xff, sizeof(in));
    /* too short: low words kept, 0 returned */
    EXPECT_EQ(tern_bn_decode(x, 1, in, sizeof(in)), 0);
    tern_bn_encode(out, WB, x, 1);
    EXPECT_MEM_EQ(out, in + sizeof(in) - WB, WB);
    /* leading zero bytes do not count */
    memset(in, 0, sizeof(in));
    in[sizeof(in) - 1] = 7;
    EXPECT_EQ(tern_bn_decode(x, 1, in, sizeof(in)), 1);
    EXPECT_EQ_U(x[0], 7);
    /* empty input is zero */
    EXPECT_EQ(tern_bn_decode(x, 2, in, 0), 1);
    EXPECT_EQ(tern_bn_is_zero(x, 2), 1);
    /* truncating encode keeps the low bytes */
    x[0] = 0x0102;
    x[1] = 0;
    tern_bn_encode(out, 1, x, 2);
    EXPECT_EQ(out[0], 2);
}

/* ---- add / sub / compare ------------------------------------------------- */

static void test_add_sub_edges(void)
{
    tern_bn_word a[MAXW], b[MAXW], c[MAXW];
    size_t len;

    for (len = 1; len <= MAXW; len += (len < 4 ? 1 : 7)) {
        /* all ones + 1: the carry runs through every word */
        memset(a, 0xff, len * WB);
        memset(b, 0, len * WB);
        b[0] = 1;
        memcpy(c, a, len * WB);
        EXPECT_EQ(tern_bn_add(c, b, len, 0), 1); /* carry reported, no write */
        EXPECT_MEM_EQ(c, a, len * WB);
        EXPECT_EQ(tern_bn_add(c, b, len, 1), 1);
        EXPECT_EQ(tern_bn_is_zero(c, len), 1);
        /* 0 - 1: the borrow runs through every word */
        EXPECT_EQ(tern_bn_lt(c, b, len), 1);
        EXPECT_EQ(tern_bn_is_zero(c, len), 1);
        EXPECT_EQ(tern_bn_sub(c, b, len, 1), 1);
        EXPECT_MEM_EQ(c, a, len * WB);
        /* x - x = 0 without borrow; x < x is false */
        EXPECT_EQ(tern_bn_lt(c, a, len), 0);
        EXPECT_EQ(tern_bn_sub(c, a, len, 1), 0);
        EXPECT_EQ(tern_bn_is_zero(c, len), 1);
        /* a difference in the top word only decides the comparison */
        memset(a, 0, len * WB);
        memset(b, 0xff, len * WB);
        a[len - 1] = 1;
        b[len - 1] = 0;
        EXPECT_EQ(tern_bn_lt(a, b, len), 0); /* a > b */
        EXPECT_EQ(tern_bn_lt(b, a, len), 1); /* b < a */
        EXPECT_EQ(tern_bn_eq(a, b, len), 0);
        EXPECT_EQ(tern_bn_eq(a, a, len), 1);
        /* is_zero sees a single bit in any word */
        memset(c, 0, len * WB);
        c[len - 1] = (tern_bn_word)1 << (TERN_BN_WORD_BITS - 1);
        EXPECT_EQ(tern_bn_is_zero(c, len), 0);
    }
}

static void test_ccopy_cswap_shift(void)
{
    tern_bn_word a[4] = {1, 2, 3, 4}, b[4] = {5, 6, 7, 8}, t[4];
    tern_bn_word top = (tern_bn_word)1 << (TERN_BN_WORD_BITS - 1);

    memcpy(t, a, sizeof(t));
    tern_bn_ccopy(0, t, b, 4);
    EXPECT_MEM_EQ(t, a, sizeof(t));
    tern_bn_ccopy(1, t, b, 4);
    EXPECT_MEM_EQ(t, b, sizeof(t));
    tern_bn_cswap(0, a, b, 4);
    EXPECT_EQ_U(a[0], 1);
    tern_bn_cswap(1, a, b, 4);
    EXPECT_EQ_U(a[0], 5);
    EXPECT_EQ_U(b[3], 4);

    /* shifts move bits across word boundaries */
    t[0] = top;
    t[1] = 0;
    t[2] = top;
    t[3] = top;
    EXPECT_EQ(tern_bn_shl1(t, 4, 1), 1);
    EXPECT_EQ_U(t[0], 1);
    EXPECT_EQ_U(t[1], 1);
    EXPECT_EQ_U(t[2], 0);
    EXPECT_EQ_U(t[3], 1);
    /* and back: shr1 undoes shl1 given the bit shifted out */
    tern_bn_shr1(t, 4, 1);
    EXPECT_EQ_U(t[0], top);
    EXPECT_EQ_U(t[1], 0);
    EXPECT_EQ_U(t[2], top);
    EXPECT_EQ_U(t[3], top);
    /* low bits move down into the top bit of the word below */
    t[0] = 0;
    t[1] = 1;
    t[2] = 0;
    t[3] = 3;
    tern_bn_shr1(t, 4, 0);
    EXPECT_EQ_U(t[0], top);
    EXPECT_EQ_U(t[1], 0);
    EXPECT_EQ_U(t[2], top);
    EXPECT_EQ_U(t[3], 1);
}

static void test_mul_edges(void)
{
    tern_bn_word a[MAXW], d[2 * MAXW];
    size_t len, i;

    /* (2^(w n) - 1)^2 = 2^(2 w n) - 2^(w n + 1) + 1: words 1, 0.., 0, ~1, ~0.. */
    for (len = 1; len <= MAXW; len += (len < 4 ? 1 : 9)) {
        memset(a, 0xff, len * WB);
        tern_bn_mul(d, a, len, a, len);
        EXPECT_EQ_U(d[0], 1);
        for (i = 1; i < len; i++) {
            EXPECT_EQ_U(d[i], 0);
        }
        EXPECT_EQ_U(d[len], (tern_bn_word) ~(tern_bn_word)1);
        for (i = len + 1; i < 2 * len; i++) {
            EXPECT_EQ_U(d[i], (tern_bn_word) ~(tern_bn_word)0);
        }
        /* times zero, times one */
        memset(d + len, 0, len * WB);
        tern_bn_mul(d, a, len, d + len, len);
        EXPECT_EQ(tern_bn_is_zero(d, 2 * len), 1);
    }
}

/* ---- Montgomery, exponentiation, reduction, inverse ---------------------- */

static void test_ninv(void)
{
    tern_bn_word m;
    int i;
    for (i = 0; i < 1000; i++) {
        m = rndw() | 1;
        if (i == 0) {
            m = 1;
        } else if (i == 1) {
            m = (tern_bn_word) ~(tern_bn_word)0;
        }
        EXPECT_EQ_U((tern_bn_word)(m * tern_bn_ninv(m)), (tern_bn_word) ~(tern_bn_word)0);
    }
}

/* Edge values against a modulus: 0, 1, m - 1. */
static void check_edges(const tern_bn_word *m, size_t len)
{
    static tern_bn_mont mc;
    static tern_bn_word tmp[TERN_BN_MODEXP_TMP_WORDS(MAXW)];
    tern_bn_word x[MAXW], one[MAXW], mm1[MAXW];
    const uint8_t e3[1] = {3}, e2[2] = {0, 2}, ezero[3] = {0, 0, 0};

    tern_bn_mont_init(&mc, m, len);
    memset(one, 0, len * WB);
    one[0] = 1;
    memcpy(mm1, m, len * WB);
    (void)tern_bn_sub(mm1, one, len, 1);

#if TERN_CONFIG_BN_X86
    /* the AVX2 code on the largest base and a full-length exponent of
     * all ones (every table entry, every carry lane at its largest) */
    if (tern_bn_avx2_supported()) {
        uint8_t eff[24];
        tern_bn_word y[MAXW];
        memset(eff, 0xff, sizeof(eff));
        memcpy(x, mm1, len * WB);
        memcpy(y, mm1, len * WB);
        EXPECT_EQ(tern_bn_modexp_avx2(x, eff, sizeof(eff), &mc, tmp), 1);
        tern_bn_modexp_generic(y, eff, sizeof(eff), &mc, tmp);
        EXPECT_MEM_EQ(x, y, len * WB);
        EXPECT_EQ(tern_bn_lt(x, m, len), 1);
        memcpy(x, mm1, len * WB);
        EXPECT_EQ(tern_bn_modexp_vartime_avx2(x, eff, sizeof(eff), &mc, tmp), 1);
        EXPECT_MEM_EQ(x, y, len * WB);
        memset(x, 0, len * WB);
        EXPECT_EQ(tern_bn_modexp_avx2(x, eff, sizeof(eff), &mc, tmp), 1);
        EXPECT_EQ(tern_bn_is_zero(x, len), 1);
    }
#endif
    /* 0^3 = 0, 1^3 = 1, (m-1)^3 = m-1, (m-1)^2 = 1 (both exponentiations) */
    memset(x, 0, len * WB);
    tern_bn_modexp(x, e3, 1, &mc, tmp);
    EXPECT_EQ(tern_bn_is_zero(x, len), 1);
    memcpy(x, one, len * WB);
    tern_bn_modexp(x, e3, 1, &mc, tmp);
    EXPECT_EQ(tern_bn_eq(x, one, len), 1);
    memcpy(x, mm1, len * WB);
    tern_bn_modexp(x, e3, 1, &mc, tmp);
    EXPECT_EQ(tern_bn_eq(x, mm1, len), 1);
    memcpy(x, mm1, len * WB);
    tern_bn_modexp(x, e2, 2, &mc, tmp);
    EXPECT_EQ(tern_bn_eq(x, one, len), 1);
    memcpy(x, mm1, len * WB);
    tern_bn_modexp_vartime(x, e2, 2, &mc, tmp);
    EXPECT_EQ(tern_bn_eq(x, one, len), 1);
    memcpy(x, mm1, len * WB);
    tern_bn_modexp_vartime(x, e3, 1, &mc, tmp);
    EXPECT_EQ(tern_bn_eq(x, mm1, len), 1);
    /* x^0 = 1, also with an all-zero exponent string and an empty one */
    memcpy(x, mm1, len * WB);
    tern_bn_modexp(x, ezero, 3, &mc, tmp);
    EXPECT_EQ(tern_bn_eq(x, one, len), 1);
    memcpy(x, mm1, len * WB);
    tern_bn_modexp(x, ezero, 0, &mc, tmp);
    EXPECT_EQ(tern_bn_eq(x, one, len), 1);
    memcpy(x, mm1, len * WB);
    tern_bn_modexp_vartime(x, ezero, 3, &mc, tmp);
    EXPECT_EQ(tern_bn_eq(x, one, len), 1);
    /* the public-modulus context is the same context; squaring is
     * multiplication by itself (m - 1, 1, 0) */
    {
        static tern_bn_mont mv;
        tern_bn_word a[MAXW], b[MAXW];
        tern_bn_mont_init_vartime(&mv, m, len);
        EXPECT_EQ(mv.len, len);
        EXPECT_EQ_U(mv.m0i, mc.m0i);
        EXPECT_MEM_EQ(mv.m, mc.m, len * WB);
        EXPECT_MEM_EQ(mv.rr, mc.rr, len * WB);
        tern_bn_montsqr(a, mm1, &mc);
        tern_bn_montmul(b, mm1, mm1, &mc);
        EXPECT_MEM_EQ(a, b, len * WB);
        tern_bn_montsqr(a, one, &mc);
        tern_bn_montmul(b, one, one, &mc);
        EXPECT_MEM_EQ(a, b, len * WB);
        memset(a, 0, len * WB);
        tern_bn_montsqr(a, a, &mc);
        EXPECT_EQ(tern_bn_is_zero(a, len), 1);
        /* from_mont of the largest input, R - 1: (R - 1) / R mod m */
        memset(a, 0xff, len * WB);
        memcpy(b, a, len * WB);
        tern_bn_from_mont(a, &mc);
        tern_bn_montmul(b, b, one, &mc);
        EXPECT_MEM_EQ(a, b, len * WB);
        EXPECT_EQ(tern_bn_lt(a, m, len), 1);
    }
    /* Montgomery round trip of m - 1 and 0 */
    memcpy(x, mm1, len * WB);
    tern_bn_to_mont(x, &mc);
    tern_bn_from_mont(x, &mc);
    EXPECT_EQ(tern_bn_eq(x, mm1, len), 1);
    /* inverse of 1 and of m - 1 (both self-inverse); 0 has none */
    memcpy(x, one, len * WB);
    EXPECT_EQ(tern_bn_modinv(x, m, len), 1);
    EXPECT_EQ(tern_bn_eq(x, one, len), 1);
    memcpy(x, mm1, len * WB);
    EXPECT_EQ(tern_bn_modinv(x, m, len), 1);
    EXPECT_EQ(tern_bn_eq(x, mm1, len), 1);
    memset(x, 0, len * WB);
    EXPECT_EQ(tern_bn_modinv(x, m, len), 0);
    /* reduction: m mod m = 0, (m - 1) mod m = m - 1, (m - 1) R + m = 0 */
    tern_bn_reduce(x, m, len, &mc);
    EXPECT_EQ(tern_bn_is_zero(x, len), 1);
    tern_bn_reduce(x, mm1, len, &mc);
    EXPECT_EQ(tern_bn_eq(x, mm1, len), 1);
    {
        tern_bn_word big[2 * MAXW];
        memcpy(big, m, len * WB);
        memcpy(big + len, mm1, len * WB);
        tern_bn_reduce(x, big, 2 * len, &mc);
        EXPECT_EQ(tern_bn_is_zero(x, len), 0);
        memset(big + len, 0, len * WB);
        tern_bn_reduce(x, big, 2 * len, &mc);
        EXPECT_EQ(tern_bn_is_zero(x, len), 1);
        tern_bn_reduce(x, big, 0, &mc); /* empty: 0 */
        EXPECT_EQ(tern_bn_is_zero(x, len), 1);
    }
}

static void test_edges_all_sizes(void)
{
    tern_bn_word m[MAXW];
    size_t len;

    for (len = 1; len <= MAXW; len = next_len(len)) {
        /* all-ones modulus (odd, top word non-zero) */
        memset(m, 0xff, len * WB);
        check_edges(m, len);
        /* the smallest modulus with this top word: 2^(w(len-1)) + 1 */
        memset(m, 0, len * WB);
        m[0] |= 1;
        m[len - 1] |= 1;
        if (len == 1) {
            m[0] = 3;
        }
        check_edges(m, len);
        rnd_modulus(m, len);
        check_edges(m, len);
    }
}

/* Fermat: a^(p-1) = 1 mod p for the RFC 7919 primes, a = 2 and random. */
static void test_fermat_ffdhe(void)
{
    static tern_bn_mont mc;
    static tern_bn_word tmp[TERN_BN_MODEXP_TMP_WORDS(MAXW)];
    const tern_dh_group *groups[2];
    size_t gi;

    groups[0] = &tern_dh_ffdhe2048_group;
    groups[1] = &tern_dh_ffdhe3072_group;
    for (gi = 0; gi < 2; gi++) {
        const tern_dh_group *g = groups[gi];
        size_t len = TERN_BN_WORDS(g->p_len);
        uint8_t pm1[512];
        tern_bn_word p[MAXW], x[MAXW], one[MAXW];
        int k;

        if (g->p_len * 8 > TERN_CONFIG_MAX_RSA_BITS) {
            continue;
        }
        EXPECT_EQ(tern_bn_decode(p, len, g->p, g->p_len), 1);
        tern_bn_mont_init(&mc, p, len);
        memcpy(pm1, g->p, g->p_len);
        pm1[g->p_len - 1] ^= 1; /* p - 1 (p is odd) */
        memset(one, 0, sizeof(one));
        one[0] = 1;
        for (k = 0; k < 3; k++) {
            memset(x, 0, sizeof(x));
            if (k == 0) {
                x[0] = 2;
            } else {
                rnd_bn(x, len - 1);
            }
            tern_bn_modexp(x, pm1, g->p_len, &mc, tmp);
            EXPECT_EQ(tern_bn_eq(x, one, len), 1);
        }
    }
}

/* Random operands of every size, against OpenSSL. */
static void test_random_vs_openssl(void)
{
    static tern_bn_mont mc, mv;
    static tern_bn_word tmp[TERN_BN_MODEXP_TMP_WORDS(MAXW)];
    tern_bn_word m[MAXW], x[MAXW], y[MAXW], d[3 * MAXW];
    BN_CTX *ctx = BN_CTX_new();
    BIGNUM *bm, *bx, *by, *br = BN_new(), *bR = BN_new(), *be;
    uint8_t e[64];
    size_t len, e_len;
    int round;

    for (len = 1; len <= MAXW; len = next_len(len)) {
        for (round = 0; round < (len < 8 ? 12 : 2); round++) {
            rnd_modulus(m, len);
            rnd_bn(x, len);
            rnd_bn(y, len);
            bm = to_bn(m, len);
            bx = to_bn(x, len);
            by = to_bn(y, len);
            BN_one(bR);
            BN_lshift(bR, bR, (int)(len * TERN_BN_WORD_BITS));

            /* plain multiplication (unequal lengths too) */
            tern_bn_mul(d, x, len, y, len);
            BN_mul(br, bx, by, ctx);
            EXPECT_TRUE(eq_bn(d, 2 * len, br));
            tern_bn_mul(d, x, len, y, 1);
            {
                BIGNUM *y0 = to_bn(y, 1);
                BN_mul(br, bx, y0, ctx);
                BN_free(y0);
            }
            EXPECT_TRUE(eq_bn(d, len + 1, br));

            /* Montgomery: R^2 mod m, x y / R for x < R, y < m */
            tern_bn_mont_init(&mc, m, len);

            /* reduction of a double-length value, of a short one and of
             * one of 2.5 times the modulus length */
            tern_bn_mul(d, x, len, y, len);
            tern_bn_reduce(d + 2 * len, d, 2 * len, &mc);
            BN_mod_mul(br, bx, by, bm, ctx);
            EXPECT_TRUE(eq_bn(d + 2 * len, len, br));
            if (len > 1) {
                tern_bn_reduce(d, x, len - 1, &mc);
                BN_free(br);
                br = to_bn(x, len - 1);
                EXPECT_TRUE(eq_bn(d, len, br));
            }
            if (5 * len / 2 <= 2 * MAXW) {
                tern_bn_word big[2 * MAXW];
                size_t bl = 5 * len / 2, bi;
                BIGNUM *bb;
                for (bi = 0; bi < bl; bi++) {
                    big[bi] = rndw();
                }
                bb = to_bn(big, bl);
                BN_mod(br, bb, bm, ctx);
                tern_bn_reduce(d, big, bl, &mc);
                EXPECT_TRUE(eq_bn(d, len, br));
                BN_free(bb);
            }
            BN_mod_mul(br, bR, bR, bm, ctx);
            EXPECT_TRUE(eq_bn(mc.rr, len, br));
            tern_bn_mont_init_vartime(&mv, m, len);
            EXPECT_TRUE(eq_bn(mv.rr, len, br));
            EXPECT_EQ_U(mv.m0i, mc.m0i);
            BN_mod(by, by, bm, ctx);
            from_bn(y, len, by);
            tern_bn_montmul(d, x, y, &mc);
            {
                BIGNUM *ri = BN_mod_inverse(NULL, bR, bm, ctx);
                BN_mod_mul(br, bx, by, bm, ctx);
                BN_mod_mul(br, br, ri, bm, ctx);
                BN_free(ri);
            }
            EXPECT_TRUE(eq_bn(d, len, br));
            /* squaring y^2 / R, and in place */
            tern_bn_montsqr(d, y, &mc);
            {
                BIGNUM *ri = BN_mod_inverse(NULL, bR, bm, ctx);
                BN_mod_mul(br, by, by, bm, ctx);
                BN_mod_mul(br, br, ri, bm, ctx);
                BN_free(ri);
            }
            EXPECT_TRUE(eq_bn(d, len, br));
            memcpy(d, y, len * WB);
            tern_bn_montsqr(d, d, &mc);
            EXPECT_TRUE(eq_bn(d, len, br));
            /* from_mont of any len-word value: x / R mod m */
            memcpy(d, x, len * WB);
            tern_bn_from_mont(d, &mc);
            {
                BIGNUM *ri = BN_mod_inverse(NULL, bR, bm, ctx);
                BN_mod_mul(br, bx, ri, bm, ctx);
                BN_free(ri);
            }
            EXPECT_TRUE(eq_bn(d, len, br));

            /* exponentiation, both versions, random exponent lengths */
            BN_mod(bx, bx, bm, ctx);
            from_bn(x, len, bx);
            e_len = 1 + (size_t)(rnd64() % sizeof(e));
            {
                size_t i;
                for (i = 0; i < e_len; i++) {
                    e[i] = (uint8_t)rnd64();
                }
            }
            be = BN_bin2bn(e, (int)e_len, NULL);
            BN_mod_exp(br, bx, be, bm, ctx);
            memcpy(d, x, len * WB);
            tern_bn_modexp(d, e, e_len, &mc, tmp);
            EXPECT_TRUE(eq_bn(d, len, br));
            memcpy(d, x, len * WB);
            tern_bn_modexp_vartime(d, e, e_len, &mc, tmp);
            EXPECT_TRUE(eq_bn(d, len, br));
            /* the portable code and the AVX2 code each, whichever the
             * dispatchers above chose */
            memcpy(d, x, len * WB);
            tern_bn_modexp_generic(d, e, e_len, &mc, tmp);
            EXPECT_TRUE(eq_bn(d, len, br));
            memcpy(d, x, len * WB);
            tern_bn_modexp_vartime_generic(d, e, e_len, &mc, tmp);
            EXPECT_TRUE(eq_bn(d, len, br));
#if TERN_CONFIG_BN_X86
            if (tern_bn_avx2_supported()) {
                memcpy(d, x, len * WB);
                EXPECT_EQ(tern_bn_modexp_avx2(d, e, e_len, &mc, tmp), 1);
                EXPECT_TRUE(eq_bn(d, len, br));
                memcpy(d, x, len * WB);
                EXPECT_EQ(tern_bn_modexp_vartime_avx2(d, e, e_len, &mc, tmp), 1);
                EXPECT_TRUE(eq_bn(d, len, br));
                /* with the public-modulus context, which brings R'^2 */
                EXPECT_EQ(mv.has_rr2, 1);
                memcpy(d, x, len * WB);
                EXPECT_EQ(tern_bn_modexp_vartime_avx2(d, e, e_len, &mv, tmp), 1);
                EXPECT_TRUE(eq_bn(d, len, br));
                memcpy(d, x, len * WB);
                EXPECT_EQ(tern_bn_modexp_avx2(d, e, e_len, &mv, tmp), 1);
                EXPECT_TRUE(eq_bn(d, len, br));
            }
#endif
            BN_free(be);

            /* inverse: exists iff gcd(x, m) = 1 */
            memcpy(d, x, len * WB);
            {
                BIGNUM *inv = BN_mod_inverse(NULL, bx, bm, ctx);
                uint32_t ok = tern_bn_modinv(d, m, len);
                EXPECT_EQ(ok, inv != NULL);
                if (inv != NULL) {
                    EXPECT_TRUE(eq_bn(d, len, inv));
                    BN_free(inv);
                }
                ERR_clear_error(); /* BN_mod_inverse queues an error on failure */
            }
            BN_free(bm);
            BN_free(bx);
            BN_free(by);
        }
    }
    BN_free(br);
    BN_free(bR);
    BN_CTX_free(ctx);
}

/* Small composite modulus: inverses exist exactly for units. */
static void test_modinv_composite(void)
{
    tern_bn_word m[1] = {15}, x[1];
    tern_bn_word v;
    for (v = 0; v < 15; v++) {
        uint32_t unit = (v % 3 != 0) && (v % 5 != 0);
        x[0] = v;
        EXPECT_EQ(tern_bn_modinv(x, m, 1), unit);
        if (unit) {
            EXPECT_EQ_U((x[0] * v) % 15, 1);
        }
    }
}

int main(void)
{
    RUN_TEST(test_codec);
    RUN_TEST(test_add_sub_edges);
    RUN_TEST(test_ccopy_cswap_shift);
    RUN_TEST(test_mul_edges);
    RUN_TEST(test_ninv);
    RUN_TEST(test_edges_all_sizes);
    RUN_TEST(test_fermat_ffdhe);
    RUN_TEST(test_random_vs_openssl);
    RUN_TEST(test_modinv_composite);
    return TEST_REPORT();
}
