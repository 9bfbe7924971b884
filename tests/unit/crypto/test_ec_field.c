/*
 * Internal arithmetic of the P-curves: the per-curve (fast variant)
 * field functions against the generic loops, Montgomery conversions,
 * inversion (safegcd in the fast 64-bit variant, Fermat otherwise) on
 * edge and pseudo-random values, and the point formulas' special cases.
 */
#include <string.h>

#include "crypto/ecc/ec_internal.h"
#include "crypto/ecc/ec_mont_impl.h"
#include "ec_test_util.h"
#include "tern_test.h"

/* Pseudo-random value below m (rejection on the top limb). */
static void rand_below(ect_rng *rng, const ec_mod *md, tern_limb *a)
{
    uint8_t buf[EC_MAX_BYTES];
    size_t len = md->nl * sizeof(tern_limb);
    do {
        (void)ect_rng_generate(&rng->vtable, buf, len);
        tern_ec_decode(a, buf, md->nl);
    } while (!tern_ec_lt(a, md->m, md->nl));
}

static void set_small(tern_limb *a, size_t nl, tern_limb v)
{
    size_t i;
    for (i = 0; i < nl; i++) {
        a[i] = 0;
    }
    a[0] = v;
}

static void check_mod(const ec_mod *md, uint64_t seed)
{
    size_t nl = md->nl;
    tern_limb a[EC_MAXL], b[EC_MAXL], r1[EC_MAXL], r2[EC_MAXL], inv[EC_MAXL];
    tern_limb one_n[EC_MAXL], mm1[EC_MAXL];
    ect_rng rng;
    int i;

    ect_rng_init(&rng, seed);
    /* the constants agree with each other: R mod m is to_mont(1) */
    set_small(one_n, nl, 1);
    tern_ec_to_mont(md, r1, one_n);
    EXPECT_TRUE(tern_ec_eq(r1, md->one, nl));
    /* m0i: m[0] * m0i = -1 mod 2^w */
    EXPECT_TRUE((tern_limb)(md->m[0] * md->m0i) == (tern_limb)-1);
    /* m - 1 */
    tern_ec_sub_raw(mm1, md->m, one_n, nl);

    for (i = 0; i < 1000; i++) {
        rand_below(&rng, md, a);
        rand_below(&rng, md, b);
        if (i == 0) {
            tern_ec_cmov(a, mm1, 1, nl); /* edge: m - 1 */
        }
        if (i == 1) {
            set_small(a, nl, 1);
        }
        /* dispatched product vs generic loops */
        tern_ec_mont_mul(md, r1, a, b);
        ec_mont_mul_impl(r2, a, b, md->m, md->m0i, nl);
        EXPECT_TRUE(tern_ec_eq(r1, r2, nl));
        /* squaring both ways */
        ec_mont_sqr_impl(r1, a, md->m, md->m0i, nl);
        ec_mont_mul_impl(r2, a, a, md->m, md->m0i, nl);
        EXPECT_TRUE(tern_ec_eq(r1, r2, nl));
#if !TERN_CONFIG_EC_SMALL
        if (md->sqr != NULL) {
            md->sqr(r1, a);
            EXPECT_TRUE(tern_ec_eq(r1, r2, nl));
        }
        if (md->add != NULL) {
            md->add(r1, a, b);
            ec_mod_add_impl(r2, a, b, md->m, nl);
            EXPECT_TRUE(tern_ec_eq(r1, r2, nl));
            md->sub(r1, a, b);
            ec_mod_sub_impl(r2, a, b, md->m, nl);
            EXPECT_TRUE(tern_ec_eq(r1, r2, nl));
        }
#endif
        /* (a + b) - b = a, results reduced */
        tern_ec_mod_add(md, r1, a, b);
        EXPECT_TRUE(tern_ec_lt(r1, md->m, nl));
        tern_ec_mod_sub(md, r1, r1, b);
        EXPECT_TRUE(tern_ec_eq(r1, a, nl));
        /* a * a^-1 = 1 (Montgomery form), and the inverse is reduced */
        tern_ec_mod_inv(md, inv, a);
        EXPECT_TRUE(tern_ec_lt(inv, md->m, nl));
        tern_ec_mont_mul(md, r1, a, inv);
        EXPECT_TRUE(tern_ec_eq(r1, md->one, nl));
        /* to and from Montgomery form */
        tern_ec_to_mont(md, r1, a);
        tern_ec_from_mont(md, r2, r1);
        EXPECT_TRUE(tern_ec_eq(r2, a, nl));
    }
    /* 0 has no inverse: 0 */
    set_small(a, nl, 0);
    tern_ec_mod_inv(md, inv, a);
    EXPECT_TRUE(tern_ec_is_zero(inv, nl));
}

static void test_field_and_scalar(void)
{
#if TERN_CONFIG_ECC_P256
    check_mod(&tern_ec_p256.p, 1);
    check_mod(&tern_ec_p256.n, 2);
#endif
#if TERN_CONFIG_ECC_P384
    check_mod(&tern_ec_p384.p, 3);
    check_mod(&tern_ec_p384.n, 4);
#endif
}

#if !TERN_CONFIG_EC_SMALL
/* a = v mod m for a v below 2^(nl w) < 2m (one conditional subtraction) */
static void reduce_below(const ec_mod *md, tern_limb *a)
{
    tern_limb t[EC_MAXL];
    if (!tern_ec_lt(a, md->m, md->nl)) {
        tern_ec_sub_raw(t, a, md->m, md->nl);
        memcpy(a, t, md->nl * sizeof(tern_limb));
    }
}

/* One of the limbs that make carries and borrows run the whole way. */
static tern_limb edge_limb(ect_rng *rng)
{
    static const tern_limb limbs[] = {0, 1, 2, (tern_limb)-1, (tern_limb)-2,
#if TERN_CONFIG_WORD_BITS == 64
                                      EC_W(0, 0xffffffff), EC_W(0xffffffff, 0),
                                      EC_W(0xffffffff, 1), EC_W(0x80000000, 0),
#endif
                                      (tern_limb)1 << (EC_LIMB_BITS - 1)};
    uint8_t b[sizeof(tern_limb) + 1];
    tern_limb v = 0;
    size_t i;
    (void)ect_rng_generate(&rng->vtable, b, sizeof(b));
    if (b[0] % 3 != 0) {
        return limbs[b[1] % (sizeof(limbs) / sizeof(limbs[0]))];
    }
    for (i = 1; i < sizeof(b); i++) {
        v = (v << 8) | b[i];
    }
    return v;
}

/* The curve's specialised field functions (the fast variant's per-curve
 * code: for P-256 with 64-bit limbs the reduction written for the form of
 * p, ec_p256_fe64_impl.h) against the generic Montgomery loops, on every
 * pair of edge values (0, 1, 2, m - 1, m - 2, (m +- 1) / 2, 2^(w nl - 1),
 * R mod m, R^2 mod m, the largest values below m with all-ones low limbs)
 * and on values built from carry-heavy limbs (all ones, 2^32 - 1, ...). */
static void check_fast_field(const ec_mod *md, uint64_t seed)
{
    enum { NE = 14 };
    size_t nl = md->nl;
    tern_limb e[NE][EC_MAXL], r1[EC_MAXL], r2[EC_MAXL], one[EC_MAXL];
    ect_rng rng;
    size_t i, j;
    int it;

    if (md->mul == NULL || md->sqr == NULL || md->add == NULL || md->sub == NULL) {
        return;
    }
    memset(e, 0, sizeof(e));
    memset(one, 0, sizeof(one));
    one[0] = 1;
    /* 0, 1, 2 */
    e[1][0] = 1;
    e[2][0] = 2;
    /* m - 1, m - 2 */
    tern_ec_sub_raw(e[3], md->m, one, nl);
    tern_ec_sub_raw(e[4], e[3], one, nl);
    /* (m - 1) / 2 and (m + 1) / 2 */
    for (i = 0; i < nl; i++) {
        tern_limb hi = i + 1 < nl ? e[3][i + 1] : 0;
        e[5][i] = (e[3][i] >> 1) | (hi << (EC_LIMB_BITS - 1));
    }
    tern_ec_mod_add(md, e[6], e[5], one);
    /* 2^(w nl - 1) (below m for P-256 and P-384) */
    e[7][nl - 1] = (tern_limb)1 << (EC_LIMB_BITS - 1);
    /* R mod m, R^2 mod m */
    memcpy(e[8], md->one, nl * sizeof(tern_limb));
    memcpy(e[9], md->rr, nl * sizeof(tern_limb));
    /* top limb of m minus one, all lower limbs ones: just below m */
    for (i = 0; i < nl; i++) {
        e[10][i] = (tern_limb)-1;
    }
    e[10][nl - 1] = md->m[nl - 1] - 1;
    /* 2^(w (nl - 1)) - 1 and its complement in the top limb */
    for (i = 0; i + 1 < nl; i++) {
        e[11][i] = (tern_limb)-1;
    }
    e[12][nl - 1] = md->m[nl - 1] - 1;
    /* m - 2^w */
    tern_ec_sub_raw(e[13], md->m, one, nl);
    e[13][1] -= 1;
    for (i = 0; i < NE; i++) {
        EXPECT_TRUE(tern_ec_lt(e[i], md->m, nl));
    }

    ect_rng_init(&rng, seed);
    for (it = -1; it < 20000; it++) {
        tern_limb a[EC_MAXL], b[EC_MAXL];
        size_t ia = (size_t)it;
        if (it < 0) {
            /* all edge pairs first */
            for (i = 0; i < NE; i++) {
                for (j = 0; j < NE; j++) {
                    md->mul(r1, e[i], e[j]);
                    ec_mont_mul_impl(r2, e[i], e[j], md->m, md->m0i, nl);
                    EXPECT_TRUE(tern_ec_eq(r1, r2, nl));
                    md->add(r1, e[i], e[j]);
                    ec_mod_add_impl(r2, e[i], e[j], md->m, nl);
                    EXPECT_TRUE(tern_ec_eq(r1, r2, nl));
                    md->sub(r1, e[i], e[j]);
                    ec_mod_sub_impl(r2, e[i], e[j], md->m, nl);
                    EXPECT_TRUE(tern_ec_eq(r1, r2, nl));
                }
                md->sqr(r1, e[i]);
                ec_mont_mul_impl(r2, e[i], e[i], md->m, md->m0i, nl);
                EXPECT_TRUE(tern_ec_eq(r1, r2, nl));
            }
            continue;
        }
        for (i = 0; i < nl; i++) {
            a[i] = edge_limb(&rng);
            b[i] = edge_limb(&rng);
        }
        reduce_below(md, a);
        reduce_below(md, b);
        if (ia % 7 == 0) {
            memcpy(b, e[ia / 7 % NE], nl * sizeof(tern_limb));
        }
        md->mul(r1, a, b);
        ec_mont_mul_impl(r2, a, b, md->m, md->m0i, nl);
        EXPECT_TRUE(tern_ec_eq(r1, r2, nl));
        md->sqr(r1, a);
        ec_mont_mul_impl(r2, a, a, md->m, md->m0i, nl);
        EXPECT_TRUE(tern_ec_eq(r1, r2, nl));
        md->add(r1, a, b);
        ec_mod_add_impl(r2, a, b, md->m, nl);
        EXPECT_TRUE(tern_ec_eq(r1, r2, nl));
        md->sub(r1, a, b);
        ec_mod_sub_impl(r2, a, b, md->m, nl);
        EXPECT_TRUE(tern_ec_eq(r1, r2, nl));
    }
}
#endif

static void test_fast_field_edges(void)
{
#if !TERN_CONFIG_EC_SMALL
#if TERN_CONFIG_ECC_P256
    check_fast_field(&tern_ec_p256.p, 11);
#endif
#if TERN_CONFIG_ECC_P384
    check_fast_field(&tern_ec_p384.p, 13);
#endif
#else
    TEST_SKIP("small variant: no per-curve field functions");
#endif
}

/* Point formulas: P + P through the complete addition equals 2P, P + (-P)
 * is the identity, O + P = P, and k G via the comb matches k G via the
 * variable-base ladder for edge scalars (1, 2, n - 1, n - 2, 2^i). */
static void check_points(const ec_curve *c)
{
    size_t nl = c->nl;
    ec_jac g, p2, s, o;
    tern_limb x1[EC_MAXL], y1[EC_MAXL], x2[EC_MAXL], y2[EC_MAXL], k[EC_MAXL], ny[EC_MAXL];
    tern_limb zero[EC_MAXL];
    size_t i, bit;

    memset(zero, 0, sizeof(zero));
    tern_ec_set_affine(c, &g, c->gx, c->gy);
    tern_ec_dbl(c, &p2, &g);
    tern_ec_add_complete(c, &s, &g, &g);
    EXPECT_TRUE(tern_ec_to_affine(c, x1, y1, &p2));
    EXPECT_TRUE(tern_ec_to_affine(c, x2, y2, &s));
    EXPECT_TRUE(tern_ec_eq(x1, x2, nl) && tern_ec_eq(y1, y2, nl));
    /* G + (-G) = O */
    tern_ec_mod_sub(&c->p, ny, zero, c->gy);
    tern_ec_set_affine(c, &o, c->gx, ny);
    tern_ec_add_complete(c, &s, &g, &o);
    EXPECT_FALSE(tern_ec_to_affine(c, x2, y2, &s));
    /* O + G = G, G + O = G */
    memset(&o, 0, sizeof(o));
    tern_ec_add_complete(c, &s, &o, &g);
    EXPECT_TRUE(tern_ec_to_affine(c, x2, y2, &s));
    EXPECT_TRUE(tern_ec_eq(x2, c->gx, nl));
    tern_ec_add(c, &s, &g, &o);
    EXPECT_TRUE(tern_ec_to_affine(c, x2, y2, &s));
    EXPECT_TRUE(tern_ec_eq(x2, c->gx, nl));
    /* comb vs ladder */
    for (i = 0; i < 4 + nl * EC_LIMB_BITS; i++) {
        set_small(k, nl, 0);
        if (i == 0) {
            k[0] = 1;
        } else if (i == 1) {
            k[0] = 2;
        } else if (i == 2 || i == 3) {
            tern_limb d[EC_MAXL];
            set_small(d, nl, (tern_limb)(i - 1));
            tern_ec_sub_raw(k, c->n.m, d, nl);
        } else {
            bit = i - 4;
            k[bit / EC_LIMB_BITS] = (tern_limb)1 << (bit % EC_LIMB_BITS);
            if (!tern_ec_lt(k, c->n.m, nl)) {
                continue;
            }
        }
        tern_ec_mul_gen(c, &s, k);
        tern_ec_mul(c, &p2, c->gx, c->gy, k);
        EXPECT_TRUE(tern_ec_to_affine(c, x1, y1, &s));
        EXPECT_TRUE(tern_ec_to_affine(c, x2, y2, &p2));
        EXPECT_TRUE(tern_ec_eq(x1, x2, nl) && tern_ec_eq(y1, y2, nl));
    }
    /* 0 G = O both ways */
    set_small(k, nl, 0);
    tern_ec_mul_gen(c, &s, k);
    EXPECT_FALSE(tern_ec_to_affine(c, x1, y1, &s));
    tern_ec_mul(c, &s, c->gx, c->gy, k);
    EXPECT_FALSE(tern_ec_to_affine(c, x1, y1, &s));
}

#if !TERN_CONFIG_EC_SMALL
/* u1 G + u2 Q by the variable-time interleaved NAF routine against the
 * constant-time pieces (k G, k P, complete addition), affine results
 * compared (both infinity counts as equal). */
static void expect_double_mul(const ec_curve *c, const tern_limb *u1, const tern_limb *qx,
                              const tern_limb *qy, const tern_limb *u2)
{
    size_t nl = c->nl;
    ec_jac a, b, s;
    tern_limb x1[EC_MAXL], y1[EC_MAXL], x2[EC_MAXL], y2[EC_MAXL];
    uint32_t f1, f2;

    tern_ec_mul_double_vartime(c, &s, u1, qx, qy, u2);
    tern_ec_mul_gen(c, &a, u1);
    tern_ec_mul(c, &b, qx, qy, u2);
    tern_ec_add_complete(c, &a, &a, &b);
    f1 = tern_ec_to_affine(c, x1, y1, &s);
    f2 = tern_ec_to_affine(c, x2, y2, &a);
    EXPECT_EQ(f1, f2);
    EXPECT_TRUE(tern_ec_eq(x1, x2, nl) && tern_ec_eq(y1, y2, nl));
}

static void check_double_mul(const ec_curve *c, uint64_t seed)
{
    size_t nl = c->nl;
    tern_limb u1[EC_MAXL], u2[EC_MAXL], k[EC_MAXL], qx[EC_MAXL], qy[EC_MAXL];
    tern_limb one[EC_MAXL], nm1[EC_MAXL];
    ec_jac q;
    ect_rng rng;
    int i;

    ect_rng_init(&rng, seed);
    memset(one, 0, sizeof(one));
    one[0] = 1;
    tern_ec_sub_raw(nm1, c->n.m, one, nl);
    for (i = 0; i < (ECT_SLOW ? 20 : 200); i++) {
        rand_below(&rng, &c->n, u1);
        rand_below(&rng, &c->n, u2);
        rand_below(&rng, &c->n, k);
        switch (i) {
        case 0: /* Q = G, u1 = u2: the sum is a doubling */
            set_small(k, nl, 1);
            memcpy(u2, u1, sizeof(u1));
            break;
        case 1: /* Q = G, u2 = n - u1: the identity */
            set_small(k, nl, 1);
            tern_ec_sub_raw(u2, c->n.m, u1, nl);
            break;
        case 2: /* zero scalars */
            set_small(u1, nl, 0);
            break;
        case 3:
            set_small(u2, nl, 0);
            break;
        case 4: /* n - 1 twice: NAF digits up to the top bit */
            memcpy(u1, nm1, sizeof(nm1));
            memcpy(u2, nm1, sizeof(nm1));
            break;
        case 5: /* Q = -G: u1 G + u2 Q = (u1 - u2) G, 0 for u1 = u2 */
            memcpy(k, nm1, sizeof(nm1));
            memcpy(u2, u1, sizeof(u1));
            break;
        case 6: /* small scalars */
            set_small(u1, nl, 15);
            set_small(u2, nl, 17);
            break;
        case 7:
        case 8:
            /* u1 = 2^100, u2 = 2^200, Q = +-2^-100 G: when the digit of
             * u1 is added the accumulator is +-G itself, so that mixed
             * addition is a doubling (case 7) or gives the identity
             * (case 8) */
            set_small(u1, nl, 0);
            set_small(u2, nl, 0);
            u1[100 / EC_LIMB_BITS] = (tern_limb)1 << (100 % EC_LIMB_BITS);
            u2[200 / EC_LIMB_BITS] = (tern_limb)1 << (200 % EC_LIMB_BITS);
            tern_ec_to_mont(&c->n, k, u1);
            tern_ec_mod_inv(&c->n, k, k);
            tern_ec_from_mont(&c->n, k, k);
            if (i == 8) {
                tern_ec_sub_raw(k, c->n.m, k, nl);
            }
            break;
        default:
            break;
        }
        if (tern_ec_is_zero(k, nl)) {
            set_small(k, nl, 1);
        }
        tern_ec_mul_gen(c, &q, k);
        EXPECT_TRUE(tern_ec_to_affine(c, qx, qy, &q));
        expect_double_mul(c, u1, qx, qy, u2);
    }
}
#endif

static void test_double_mul(void)
{
#if !TERN_CONFIG_EC_SMALL
#if TERN_CONFIG_ECC_P256
    check_double_mul(&tern_ec_p256, 21);
#endif
#if TERN_CONFIG_ECC_P384
    check_double_mul(&tern_ec_p384, 22);
#endif
#else
    TEST_SKIP("small variant: verification uses the constant-time routines");
#endif
}

static void test_points(void)
{
#if TERN_CONFIG_ECC_P256
    check_points(&tern_ec_p256);
#endif
#if TERN_CONFIG_ECC_P384
    check_points(&tern_ec_p384);
#endif
}

int main(void)
{
    RUN_TEST(test_field_and_scalar);
    RUN_TEST(test_fast_field_edges);
    RUN_TEST(test_points);
    RUN_TEST(test_double_mul);
    return TEST_REPORT();
}
