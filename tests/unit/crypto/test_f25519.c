/*
 * GF(2^255 - 19) arithmetic (src/crypto/curve25519/f25519_*.c) against
 * OpenSSL BIGNUM, for the representation this build selects (radix 2^51
 * or 2^25.5; test_f25519.cmake also builds this file with
 * TERN_CONFIG_WORD_BITS=32 so that both run).
 *
 * Besides random and edge values (0, 1, p-1, p, 2^255-1), the limb-bound
 * rules of f25519_internal.h are tested at their limits: elements whose
 * every limb is at the largest value the rules allow ("3 units" sums of
 * tight values, sub results of those) go through mul, sq, mul_small,
 * carry and tobytes, and must give the value the limbs represent, mod p.
 * An overflow anywhere in the column sums or carries would show here.
 */
#include <string.h>

#include <openssl/bn.h>

#include "crypto/curve25519/f25519_internal.h"
#include "tern_test.h"

#if TERN_CONFIG_X25519 || TERN_CONFIG_ED25519

static BN_CTX *bn_ctx;
static BIGNUM *P;

static uint64_t rng_state = 0xbb67ae8584caa73bull;

static uint64_t rnd64(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Bit position and width of limb i. */
static unsigned limb_pos(int i)
{
#if TERN_F25519_LIMBS == 5
    return 51u * (unsigned)i;
#else
    return 26u * (unsigned)((i + 1) / 2) + 25u * (unsigned)(i / 2);
#endif
}

static unsigned limb_width(int i)
{
#if TERN_F25519_LIMBS == 5
    (void)i;
    return 51;
#else
    return (i & 1) ? 25u : 26u;
#endif
}

/* BN = sum of the limbs at their positions (not reduced). */
static BIGNUM *fe_value(const tern_f25519 *f)
{
    BIGNUM *r = BN_new(), *t = BN_new();
    int i;

    BN_zero(r);
    for (i = 0; i < TERN_F25519_LIMBS; i++) {
        uint64_t v = (uint64_t)f->v[i];
        BN_set_word(t, (BN_ULONG)(v >> 32));
        BN_lshift(t, t, 32);
        BN_add_word(t, (BN_ULONG)(v & 0xffffffffu));
        BN_lshift(t, t, (int)limb_pos(i));
        BN_add(r, r, t);
    }
    BN_free(t);
    return r;
}

/* 1 if the canonical 32 bytes s equal (x mod p). */
static int bytes_eq_mod_p(const uint8_t s[32], const BIGNUM *x)
{
    uint8_t want[32];
    BIGNUM *m = BN_new();
    int ok;

    BN_nnmod(m, x, P, bn_ctx);
    ok = BN_bn2lebinpad(m, want, 32) == 32 && memcmp(s, want, 32) == 0;
    BN_free(m);
    return ok;
}

/* 1 if f represents (x mod p): checked through tobytes and through the
 * raw limb value. */
static int fe_eq_mod_p(const tern_f25519 *f, const BIGNUM *x)
{
    uint8_t s[32];
    BIGNUM *v = fe_value(f), *d = BN_new();
    int ok;

    tern_f25519_tobytes(s, f);
    BN_sub(d, v, x);
    BN_nnmod(d, d, P, bn_ctx);
    ok = BN_is_zero(d) && bytes_eq_mod_p(s, x);
    BN_free(v);
    BN_free(d);
    return ok;
}

/* A tight element with random limbs (below the unit). */
static void fe_random(tern_f25519 *f)
{
    int i;
    for (i = 0; i < TERN_F25519_LIMBS; i++) {
        f->v[i] = (tern_f25519_limb)(rnd64() & ((((uint64_t)1) << limb_width(i)) - 1));
    }
}

/* The largest tight element the rules allow: every limb one unit plus the
 * permitted excess (2^13 - 1). */
static void fe_max_tight(tern_f25519 *f)
{
    int i;
    for (i = 0; i < TERN_F25519_LIMBS; i++) {
        f->v[i] = (tern_f25519_limb)((((uint64_t)1) << limb_width(i)) - 1 + 8191);
    }
}

static void test_constants(void)
{
    BIGNUM *d = BN_new(), *t = BN_new(), *x = BN_new();
    uint8_t s[32];

    /* d = -121665 / 121666 */
    BN_set_word(t, 121666);
    BN_mod_inverse(d, t, P, bn_ctx);
    BN_set_word(t, 121665);
    BN_mod_mul(d, d, t, P, bn_ctx);
    BN_sub(d, P, d);
    EXPECT_TRUE(fe_eq_mod_p(&tern_f25519_d, d));
    BN_lshift1(t, d);
    EXPECT_TRUE(fe_eq_mod_p(&tern_f25519_d2, t));
    /* sqrt(-1) = 2^((p-1)/4) */
    BN_sub(x, P, BN_value_one());
    BN_rshift(x, x, 2);
    BN_set_word(t, 2);
    BN_mod_exp(t, t, x, P, bn_ctx);
    EXPECT_TRUE(fe_eq_mod_p(&tern_f25519_sqrtm1, t));
    tern_f25519_tobytes(s, &tern_f25519_sqrtm1);
    BN_free(d);
    BN_free(t);
    BN_free(x);
}

static void test_random_ops(void)
{
    tern_f25519 f, g, h;
    BIGNUM *bf, *bg, *r = BN_new(), *e = BN_new();
    int i, bad = 0;

    BN_sub(e, P, BN_value_one());
    BN_sub_word(e, 1); /* p - 2 */
    for (i = 0; i < 500 && bad < 5; i++) {
        int ok = 1;
        fe_random(&f);
        fe_random(&g);
        bf = fe_value(&f);
        bg = fe_value(&g);

        tern_f25519_mul(&h, &f, &g);
        BN_mod_mul(r, bf, bg, P, bn_ctx);
        ok &= fe_eq_mod_p(&h, r);
        tern_f25519_sq(&h, &f);
        BN_mod_sqr(r, bf, P, bn_ctx);
        ok &= fe_eq_mod_p(&h, r);
        tern_f25519_add(&h, &f, &g);
        BN_mod_add(r, bf, bg, P, bn_ctx);
        ok &= fe_eq_mod_p(&h, r);
        tern_f25519_sub(&h, &f, &g);
        BN_mod_sub(r, bf, bg, P, bn_ctx);
        ok &= fe_eq_mod_p(&h, r);
        tern_f25519_neg(&h, &f);
        BN_mod_sub(r, P, bf, P, bn_ctx);
        ok &= fe_eq_mod_p(&h, r);
        tern_f25519_mul_small(&h, &f, 121666);
        BN_copy(r, bf);
        BN_mul_word(r, 121666);
        ok &= fe_eq_mod_p(&h, r);
        if (i < 50) {
            tern_f25519_invert(&h, &f);
            BN_mod_exp(r, bf, e, P, bn_ctx);
            ok &= fe_eq_mod_p(&h, r);
        }
        if (!ok) {
            TEST_FAIL("random field operation differs from BIGNUM");
            bad++;
        }
        BN_free(bf);
        BN_free(bg);
    }
    BN_free(r);
    BN_free(e);
}

static void test_pow22523(void)
{
    tern_f25519 f, h;
    BIGNUM *bf, *r = BN_new(), *e = BN_new();
    int i;

    /* (p - 5) / 8 */
    BN_sub_word(BN_copy(e, P), 5);
    BN_rshift(e, e, 3);
    for (i = 0; i < 20; i++) {
        fe_random(&f);
        bf = fe_value(&f);
        tern_f25519_pow22523(&h, &f);
        BN_mod_exp(r, bf, e, P, bn_ctx);
        EXPECT_TRUE(fe_eq_mod_p(&h, r));
        BN_free(bf);
    }
    BN_free(r);
    BN_free(e);
}

/* Operations at the limits of the bound rules. */
static void test_limb_bounds(void)
{
    tern_f25519 t, t3, s, s2, zero, h;
    BIGNUM *b3, *bs, *bs2, *r = BN_new();

    fe_max_tight(&t);
    tern_f25519_0(&zero);
    tern_f25519_add(&t3, &t, &t);
    tern_f25519_add(&t3, &t3, &t);   /* 3 units */
    tern_f25519_sub(&s, &t3, &zero); /* largest sub result */
    tern_f25519_sub(&s2, &zero, &t3);
    b3 = fe_value(&t3);
    bs = fe_value(&s);
    bs2 = fe_value(&s2);

    tern_f25519_mul(&h, &t3, &t3);
    BN_mod_mul(r, b3, b3, P, bn_ctx);
    EXPECT_TRUE(fe_eq_mod_p(&h, r));
    tern_f25519_mul(&h, &s, &s);
    BN_mod_mul(r, bs, bs, P, bn_ctx);
    EXPECT_TRUE(fe_eq_mod_p(&h, r));
    tern_f25519_mul(&h, &s, &t3);
    BN_mod_mul(r, bs, b3, P, bn_ctx);
    EXPECT_TRUE(fe_eq_mod_p(&h, r));
    tern_f25519_mul(&h, &t3, &s2);
    BN_mod_mul(r, b3, bs2, P, bn_ctx);
    EXPECT_TRUE(fe_eq_mod_p(&h, r));
    tern_f25519_sq(&h, &t3);
    BN_mod_sqr(r, b3, P, bn_ctx);
    EXPECT_TRUE(fe_eq_mod_p(&h, r));
    tern_f25519_sq(&h, &s);
    BN_mod_sqr(r, bs, P, bn_ctx);
    EXPECT_TRUE(fe_eq_mod_p(&h, r));
    tern_f25519_mul_small(&h, &s, 121666);
    BN_copy(r, bs);
    BN_mul_word(r, 121666);
    EXPECT_TRUE(fe_eq_mod_p(&h, r));
    tern_f25519_mul_small(&h, &t3, 121666);
    BN_copy(r, b3);
    BN_mul_word(r, 121666);
    EXPECT_TRUE(fe_eq_mod_p(&h, r));
    tern_f25519_carry(&h, &s);
    EXPECT_TRUE(fe_eq_mod_p(&h, bs));
    /* tobytes straight from the loose values (fe_eq_mod_p uses it). */
    EXPECT_TRUE(fe_eq_mod_p(&s, bs));
    EXPECT_TRUE(fe_eq_mod_p(&t3, b3));
    /* Subtracting the largest allowed subtrahend from 0 and from 3 units. */
    tern_f25519_sub(&h, &t3, &t3);
    EXPECT_TRUE(tern_f25519_iszero(&h));
    tern_f25519_sub(&h, &zero, &t3);
    BN_mod_sub(r, P, b3, P, bn_ctx);
    EXPECT_TRUE(fe_eq_mod_p(&h, r));

    BN_free(b3);
    BN_free(bs);
    BN_free(bs2);
    BN_free(r);
}

static void test_bytes(void)
{
    static const uint8_t p_bytes[32] = {0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
    uint8_t in[32], out[32];
    tern_f25519 f;
    BIGNUM *x = BN_new();
    int i, k;

    for (i = 0; i < 300; i++) {
        for (k = 0; k < 32; k++) {
            in[k] = (uint8_t)rnd64();
        }
        if (i == 0) {
            memcpy(in, p_bytes, 32); /* p -> 0 */
        } else if (i == 1) {
            memcpy(in, p_bytes, 32);
            in[0]++; /* p + 1 -> 1 */
        } else if (i == 2) {
            memset(in, 0xff, 32); /* 2^256 - 1: bit 255 dropped -> 18 */
        } else if (i == 3) {
            memcpy(in, p_bytes, 32);
            in[0]--; /* p - 1 */
        } else if (i == 4) {
            memset(in, 0, 32);
        } else if (i >= 5 && i < 24) {
            memcpy(in, p_bytes, 32);
            in[0] = (uint8_t)(in[0] + (i - 5)); /* p .. p + 18 */
        }
        tern_f25519_frombytes(&f, in);
        tern_f25519_tobytes(out, &f);
        in[31] &= 0x7f; /* RFC 7748 5: the top bit is masked */
        BN_lebin2bn(in, 32, x);
        EXPECT_TRUE(bytes_eq_mod_p(out, x));
        EXPECT_EQ(tern_f25519_iszero(&f), BN_is_zero(x) || BN_cmp(x, P) == 0);
        EXPECT_EQ(tern_f25519_isnegative(&f), out[0] & 1);
    }
    BN_free(x);
}

static void test_cswap_cmov(void)
{
    tern_f25519 f, g, f0, g0;

    fe_random(&f);
    fe_random(&g);
    f0 = f;
    g0 = g;
    tern_f25519_cswap(&f, &g, 0);
    EXPECT_MEM_EQ(&f, &f0, sizeof(f));
    EXPECT_MEM_EQ(&g, &g0, sizeof(g));
    tern_f25519_cswap(&f, &g, 1);
    EXPECT_MEM_EQ(&f, &g0, sizeof(f));
    EXPECT_MEM_EQ(&g, &f0, sizeof(g));
    tern_f25519_cmov(&f, &f0, 0);
    EXPECT_MEM_EQ(&f, &g0, sizeof(f));
    tern_f25519_cmov(&f, &f0, 1);
    EXPECT_MEM_EQ(&f, &f0, sizeof(f));
}

static void test_fromwords(void)
{
    uint32_t w[8];
    uint8_t b[32], o1[32], o2[32];
    tern_f25519 f, g;
    int i, k;

    for (i = 0; i < 50; i++) {
        for (k = 0; k < 8; k++) {
            w[k] = (uint32_t)rnd64();
            b[4 * k] = (uint8_t)w[k];
            b[4 * k + 1] = (uint8_t)(w[k] >> 8);
            b[4 * k + 2] = (uint8_t)(w[k] >> 16);
            b[4 * k + 3] = (uint8_t)(w[k] >> 24);
        }
        w[7] &= 0x7fffffff;
        b[31] &= 0x7f;
        tern_f25519_fromwords(&f, w);
        tern_f25519_frombytes(&g, b);
        EXPECT_MEM_EQ(&f, &g, sizeof(f));
        tern_f25519_tobytes(o1, &f);
        tern_f25519_tobytes(o2, &g);
        EXPECT_MEM_EQ(o1, o2, 32);
    }
}

int main(void)
{
    bn_ctx = BN_CTX_new();
    P = BN_new();
    BN_set_bit(P, 255);
    BN_sub_word(P, 19);
    RUN_TEST(test_constants);
    RUN_TEST(test_random_ops);
    RUN_TEST(test_pow22523);
    RUN_TEST(test_limb_bounds);
    RUN_TEST(test_bytes);
    RUN_TEST(test_cswap_cmov);
    RUN_TEST(test_fromwords);
    BN_free(P);
    BN_CTX_free(bn_ctx);
    return TEST_REPORT();
}

#else

static void test_compiled_out(void)
{
    TEST_SKIP("X25519 and Ed25519 compiled out");
}

int main(void)
{
    RUN_TEST(test_compiled_out);
    return TEST_REPORT() == 0 ? 77 : 1;
}

#endif
