/*
 * edwards25519 group code and scalars mod L (src/crypto/curve25519/
 * ge25519*.c, sc25519.c), checked against OpenSSL BIGNUM and against the
 * group law itself:
 *  - the fixed-base table: every entry recomputed with the library's
 *    doubling and addition (independently of the generator script);
 *  - fixed-base multiplication against a plain double-and-add, for
 *    scalars with extreme digits;
 *  - the double-scalar multiplication against two single ones;
 *  - strict decoding: for small y and random y, decoding succeeds exactly
 *    when BIGNUM finds a square root of (y^2-1)/(dy^2+1), with the right
 *    sign; y >= p and (x = 0, sign 1) fail;
 *  - reduction mod L and (a*b + c) mod L against BIGNUM; is_canonical at
 *    L - 1, L, L + 1.
 */
#include <string.h>

#include <openssl/bn.h>
#include <openssl/err.h>

#include "crypto/curve25519/ge25519_internal.h"
#include "crypto/curve25519/sc25519_internal.h"
#include "tern_test.h"

#if TERN_CONFIG_ED25519

static BN_CTX *bn_ctx;
static BIGNUM *P, *L, *D;

static uint64_t rng_state = 0x3c6ef372fe94f82bull;

static void fill(uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        rng_state ^= rng_state << 13;
        rng_state ^= rng_state >> 7;
        rng_state ^= rng_state << 17;
        p[i] = (uint8_t)(rng_state >> 24);
    }
}

/* ---- helpers --------------------------------------------------------- */

static void p3_base(tern_ge25519_p3 *b)
{
    tern_f25519_fromwords(&b->X, tern_ge25519_base_table[0][0]);
    tern_f25519_fromwords(&b->Y, tern_ge25519_base_table[0][0] + 8);
    tern_f25519_1(&b->Z);
    tern_f25519_mul(&b->T, &b->X, &b->Y);
}

static void p3_add(tern_ge25519_p3 *r, const tern_ge25519_p3 *p, const tern_ge25519_p3 *q)
{
    tern_ge25519_cached c;
    tern_ge25519_p1p1 t;
    tern_ge25519_p3_to_cached(&c, q);
    tern_ge25519_add(&t, p, &c);
    tern_ge25519_p1p1_to_p3(r, &t);
}

static void p3_dbl(tern_ge25519_p3 *r, const tern_ge25519_p3 *p)
{
    tern_ge25519_p2 q;
    tern_ge25519_p1p1 t;
    tern_ge25519_p3_to_p2(&q, p);
    tern_ge25519_p2_dbl(&t, &q);
    tern_ge25519_p1p1_to_p3(r, &t);
}

/* r = s * p by plain double-and-add from the top bit (reference). */
static void p3_mul_ref(tern_ge25519_p3 *r, const uint8_t s[32], const tern_ge25519_p3 *p)
{
    int i;
    tern_ge25519_p3_0(r);
    for (i = 255; i >= 0; i--) {
        p3_dbl(r, r);
        if ((s[i >> 3] >> (i & 7)) & 1) {
            p3_add(r, r, p);
        }
    }
}

static int p3_eq(const tern_ge25519_p3 *a, const tern_ge25519_p3 *b)
{
    uint8_t ea[32], eb[32];
    tern_ge25519_p3_tobytes(ea, a);
    tern_ge25519_p3_tobytes(eb, b);
    return memcmp(ea, eb, 32) == 0;
}

/* Affine x, y as canonical bytes. */
static void affine(const tern_ge25519_p3 *p, uint8_t x[32], uint8_t y[32])
{
    tern_f25519 zi, t;
    tern_f25519_invert(&zi, &p->Z);
    tern_f25519_mul(&t, &p->X, &zi);
    tern_f25519_tobytes(x, &t);
    tern_f25519_mul(&t, &p->Y, &zi);
    tern_f25519_tobytes(y, &t);
}

/* ---- tests ------------------------------------------------------------- */

static void test_base_table(void)
{
    tern_ge25519_p3 row, q;
    uint8_t x[32], y[32], tx[32], ty[32];
    int i, j, k, bad = 0;

    p3_base(&row);
    /* B itself: y = 4/5 */
    {
        BIGNUM *yb = BN_new(), *f = BN_new();
        BN_set_word(f, 5);
        BN_mod_inverse(yb, f, P, bn_ctx);
        BN_mul_word(yb, 4);
        BN_nnmod(yb, yb, P, bn_ctx);
        affine(&row, x, y);
        BN_bn2lebinpad(yb, ty, 32);
        EXPECT_MEM_EQ(y, ty, 32);
        EXPECT_EQ(x[0] & 1, 0); /* x "positive" (RFC 8032 5.1) */
        BN_free(yb);
        BN_free(f);
    }
    for (i = 0; i < 8; i++) {
        q = row;
        for (j = 0; j < 8; j++) {
            affine(&q, x, y);
            for (k = 0; k < 8; k++) {
                uint32_t wx = tern_ge25519_base_table[i][j][k];
                uint32_t wy = tern_ge25519_base_table[i][j][8 + k];
                tx[4 * k] = (uint8_t)wx;
                tx[4 * k + 1] = (uint8_t)(wx >> 8);
                tx[4 * k + 2] = (uint8_t)(wx >> 16);
                tx[4 * k + 3] = (uint8_t)(wx >> 24);
                ty[4 * k] = (uint8_t)wy;
                ty[4 * k + 1] = (uint8_t)(wy >> 8);
                ty[4 * k + 2] = (uint8_t)(wy >> 16);
                ty[4 * k + 3] = (uint8_t)(wy >> 24);
            }
            if ((memcmp(x, tx, 32) != 0 || memcmp(y, ty, 32) != 0) && bad++ < 3) {
                fprintf(stderr, "  table entry [%d][%d] differs\n", i, j);
                TEST_FAIL("base table entry is not (j+1) 2^(32 i) B");
            }
            p3_add(&q, &q, &row);
        }
        for (k = 0; k < 32; k++) {
            p3_dbl(&row, &row);
        }
    }
}

static void test_scalarmult_base(void)
{
    tern_ge25519_p3 b, r1, r2;
    uint8_t s[32];
    int i;

    p3_base(&b);
    for (i = 0; i < 24; i++) {
        fill(s, 32);
        if (i == 0) {
            memset(s, 0, 32);
        } else if (i == 1) {
            memset(s, 0x88, 32); /* all digits 8 before recoding */
        } else if (i == 2) {
            memset(s, 0xff, 32);
        } else if (i == 3) {
            memset(s, 0, 32);
            s[0] = 1;
        }
        s[31] &= 0x7f; /* below 2^255 */
        tern_ge25519_scalarmult_base(&r1, s);
        p3_mul_ref(&r2, s, &b);
        EXPECT_TRUE(p3_eq(&r1, &r2));
    }
}

static void test_double_scalarmult(void)
{
    tern_ge25519_p3 b, A, r1, r2, t;
    tern_ge25519_p2 r;
    uint8_t a[32], s[32], seed[32], e1[32], e2[32];
    int i;

    p3_base(&b);
    for (i = 0; i < 12; i++) {
        fill(seed, 32);
        seed[31] &= 0x7f;
        tern_ge25519_scalarmult_base(&A, seed);
        fill(a, 32);
        fill(s, 32);
        a[31] &= 0x0f; /* below 2^252 < L */
        s[31] &= 0x0f;
        if (i == 0) {
            memset(a, 0, 32);
        } else if (i == 1) {
            memset(s, 0, 32);
        } else if (i == 2) {
            memset(a, 0xff, 31); /* long runs of ones: carries in the NAF */
            memset(s, 0xff, 31);
        }
        tern_ge25519_double_scalarmult_vartime(&r, a, &A, s);
        p3_mul_ref(&r1, a, &A);
        p3_mul_ref(&t, s, &b);
        p3_add(&r2, &r1, &t);
        tern_ge25519_p2_tobytes(e1, &r);
        tern_ge25519_p3_tobytes(e2, &r2);
        EXPECT_MEM_EQ(e1, e2, 32);
    }
}

/* Expected decoding of (y, sign) per RFC 8032 5.1.3, with BIGNUM:
 * returns 1 and x (canonical bytes) if it decodes, 0 otherwise. */
static int ref_decode(const uint8_t enc[32], uint8_t x_out[32])
{
    uint8_t yb[32];
    BIGNUM *y = BN_new(), *u = BN_new(), *v = BN_new(), *x = BN_new();
    int sign = enc[31] >> 7, ok = 0;

    memcpy(yb, enc, 32);
    yb[31] &= 0x7f;
    BN_lebin2bn(yb, 32, y);
    if (BN_cmp(y, P) < 0) {
        BN_mod_sqr(u, y, P, bn_ctx);
        BN_mod_mul(v, u, D, P, bn_ctx);
        BN_add_word(v, 1);
        BN_sub_word(u, 1); /* y^2 >= 1 unless y = 0 */
        if (BN_is_negative(u)) {
            BN_add(u, u, P);
        }
        BN_mod_inverse(v, v, P, bn_ctx);
        BN_mod_mul(u, u, v, P, bn_ctx);
        if (BN_is_zero(u)) {
            BN_zero(x);
            ok = !sign;
        } else if (BN_mod_sqrt(x, u, P, bn_ctx) != NULL) {
            BIGNUM *chk = BN_new();
            BN_mod_sqr(chk, x, P, bn_ctx);
            if (BN_cmp(chk, u) == 0) {
                if (BN_is_odd(x) != sign) {
                    BN_sub(x, P, x);
                }
                ok = 1;
            }
            BN_free(chk);
        }
        ERR_clear_error(); /* BN_mod_sqrt queues an error for non-squares */
        if (ok) {
            BN_bn2lebinpad(x, x_out, 32);
        }
    }
    BN_free(y);
    BN_free(u);
    BN_free(v);
    BN_free(x);
    return ok;
}

static void check_decode(const uint8_t enc[32])
{
    tern_ge25519_p3 p;
    uint8_t want_x[32], x[32], y[32], again[32];
    int want = ref_decode(enc, want_x);
    uint32_t got = tern_ge25519_frombytes(&p, enc);

    EXPECT_EQ(got, want);
    if (got && want) {
        uint8_t yb[32];
        affine(&p, x, y);
        memcpy(yb, enc, 32);
        yb[31] &= 0x7f;
        EXPECT_MEM_EQ(x, want_x, 32);
        EXPECT_MEM_EQ(y, yb, 32);
        tern_ge25519_p3_tobytes(again, &p);
        EXPECT_MEM_EQ(again, enc, 32);
    }
}

static void test_decode(void)
{
    uint8_t enc[32];
    int y, sign, i;

    /* Small y (squares and non-squares, the identity y = 1, y = 0). */
    for (y = 0; y < 64; y++) {
        for (sign = 0; sign < 2; sign++) {
            memset(enc, 0, 32);
            enc[0] = (uint8_t)y;
            enc[31] = (uint8_t)(sign << 7);
            check_decode(enc);
        }
    }
    /* y = p + k (non-canonical) and y = p - k. */
    for (y = 0; y < 19; y++) {
        for (sign = 0; sign < 2; sign++) {
            memset(enc, 0xff, 32);
            enc[0] = (uint8_t)(0xed + y);
            enc[31] = (uint8_t)(0x7f | (sign << 7));
            check_decode(enc);
            memset(enc, 0xff, 32);
            enc[0] = (uint8_t)(0xed - 1 - y);
            enc[31] = (uint8_t)(0x7f | (sign << 7));
            check_decode(enc);
        }
    }
    /* Random encodings: about half decode. */
    for (i = 0; i < 200; i++) {
        fill(enc, 32);
        check_decode(enc);
    }
}

static void test_sc_reduce(void)
{
    uint8_t in[64], out[32], want[32];
    BIGNUM *x = BN_new();
    int i;

    for (i = 0; i < 300; i++) {
        fill(in, 64);
        if (i == 0) {
            memset(in, 0xff, 64);
        } else if (i == 1) {
            memset(in, 0, 64);
        } else if (i == 2) {
            /* exactly L */
            memset(in, 0, 64);
            BN_bn2lebinpad(L, in, 32);
        } else if (i == 3) {
            /* L * (2^259 + small) : large multiple of L */
            BIGNUM *m = BN_new();
            BN_set_bit(m, 259);
            BN_add_word(m, 12345);
            BN_mul(m, m, L, bn_ctx);
            BN_bn2lebinpad(m, in, 64);
            BN_free(m);
        } else if (i == 4) {
            /* 3L - 1: the largest Barrett remainder case */
            BIGNUM *m = BN_new();
            BN_copy(m, L);
            BN_mul_word(m, 3);
            BN_sub_word(m, 1);
            memset(in, 0, 64);
            BN_bn2lebinpad(m, in, 64);
            BN_free(m);
        }
        BN_lebin2bn(in, 64, x);
        BN_nnmod(x, x, L, bn_ctx);
        BN_bn2lebinpad(x, want, 32);
        tern_sc25519_reduce(out, in);
        EXPECT_MEM_EQ(out, want, 32);
    }
    BN_free(x);
}

static void test_sc_muladd(void)
{
    uint8_t a[32], b[32], c[32], s[32], want[32];
    BIGNUM *ba = BN_new(), *bb = BN_new(), *bc = BN_new(), *r = BN_new();
    int i;

    for (i = 0; i < 300; i++) {
        fill(a, 32);
        fill(b, 32);
        fill(c, 32);
        if (i == 0) {
            memset(a, 0xff, 32);
            memset(b, 0xff, 32);
            memset(c, 0xff, 32);
        }
        BN_lebin2bn(a, 32, ba);
        BN_lebin2bn(b, 32, bb);
        BN_lebin2bn(c, 32, bc);
        BN_mul(r, ba, bb, bn_ctx);
        BN_add(r, r, bc);
        BN_nnmod(r, r, L, bn_ctx);
        BN_bn2lebinpad(r, want, 32);
        tern_sc25519_muladd(s, a, b, c);
        EXPECT_MEM_EQ(s, want, 32);
        /* in place */
        tern_sc25519_muladd(a, a, b, c);
        EXPECT_MEM_EQ(a, want, 32);
    }
    BN_free(ba);
    BN_free(bb);
    BN_free(bc);
    BN_free(r);
}

static void test_sc_canonical(void)
{
    uint8_t s[32];
    BIGNUM *x = BN_new();

    BN_copy(x, L);
    BN_sub_word(x, 1);
    BN_bn2lebinpad(x, s, 32);
    EXPECT_EQ(tern_sc25519_is_canonical(s), 1);
    BN_bn2lebinpad(L, s, 32);
    EXPECT_EQ(tern_sc25519_is_canonical(s), 0);
    BN_add_word(x, 2);
    BN_bn2lebinpad(x, s, 32);
    EXPECT_EQ(tern_sc25519_is_canonical(s), 0);
    memset(s, 0, 32);
    EXPECT_EQ(tern_sc25519_is_canonical(s), 1);
    memset(s, 0xff, 32);
    EXPECT_EQ(tern_sc25519_is_canonical(s), 0);
    s[31] = 0x0f; /* 2^252 - 1 < L */
    EXPECT_EQ(tern_sc25519_is_canonical(s), 1);
    BN_free(x);
}

int main(void)
{
    BIGNUM *t;

    bn_ctx = BN_CTX_new();
    P = BN_new();
    BN_set_bit(P, 255);
    BN_sub_word(P, 19);
    L = BN_new();
    BN_dec2bn(&L, "27742317777372353535851937790883648493");
    t = BN_new();
    BN_set_bit(t, 252);
    BN_add(L, L, t);
    /* d = -121665 / 121666 mod p */
    D = BN_new();
    BN_set_word(t, 121666);
    BN_mod_inverse(D, t, P, bn_ctx);
    BN_set_word(t, 121665);
    BN_mod_mul(D, D, t, P, bn_ctx);
    BN_sub(D, P, D);
    BN_free(t);

    RUN_TEST(test_base_table);
    RUN_TEST(test_scalarmult_base);
    RUN_TEST(test_double_scalarmult);
    RUN_TEST(test_decode);
    RUN_TEST(test_sc_reduce);
    RUN_TEST(test_sc_muladd);
    RUN_TEST(test_sc_canonical);

    BN_free(P);
    BN_free(L);
    BN_free(D);
    BN_CTX_free(bn_ctx);
    return TEST_REPORT();
}

#else

static void test_compiled_out(void)
{
    TEST_SKIP("Ed25519 compiled out (TERN_CONFIG_ED25519 = 0)");
}

int main(void)
{
    RUN_TEST(test_compiled_out);
    return TEST_REPORT() == 0 ? 77 : 1;
}

#endif
