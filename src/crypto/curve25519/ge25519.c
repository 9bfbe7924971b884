/*
 * edwards25519 group operations: conversions, doubling, additions,
 * encoding and strict decoding. See ge25519_internal.h for the coordinate
 * systems. The comments on each formula track the limb bounds of
 * f25519_internal.h ("2u" = at most two units, "sub" = a sub result, which
 * only a multiplication may consume).
 */
#include "tern/config.h"

#if TERN_CONFIG_ED25519

#include "common/ct_internal.h"
#include "crypto/curve25519/ge25519_internal.h"
#include "tern/util.h"

/* see ge25519_internal.h */
void tern_ge25519_p3_0(tern_ge25519_p3 *r)
{
    tern_f25519_0(&r->X);
    tern_f25519_1(&r->Y);
    tern_f25519_1(&r->Z);
    tern_f25519_0(&r->T);
}

/* see ge25519_internal.h */
void tern_ge25519_p3_to_p2(tern_ge25519_p2 *r, const tern_ge25519_p3 *p)
{
    r->X = p->X;
    r->Y = p->Y;
    r->Z = p->Z;
}

/* see ge25519_internal.h */
void tern_ge25519_p3_to_cached(tern_ge25519_cached *r, const tern_ge25519_p3 *p)
{
    tern_f25519_add(&r->ypx, &p->Y, &p->X);           /* 2u */
    tern_f25519_sub(&r->ymx, &p->Y, &p->X);           /* sub */
    tern_f25519_add(&r->z2, &p->Z, &p->Z);            /* 2u */
    tern_f25519_mul(&r->t2d, &p->T, &tern_f25519_d2); /* tight */
}

/* see ge25519_internal.h */
void tern_ge25519_p1p1_to_p2(tern_ge25519_p2 *r, const tern_ge25519_p1p1 *p)
{
    /* (X/Z, Y/T) = (XT/ZT, YZ/ZT) */
    tern_f25519_mul(&r->X, &p->X, &p->T);
    tern_f25519_mul(&r->Y, &p->Y, &p->Z);
    tern_f25519_mul(&r->Z, &p->Z, &p->T);
}

/* see ge25519_internal.h */
void tern_ge25519_p1p1_to_p3(tern_ge25519_p3 *r, const tern_ge25519_p1p1 *p)
{
    tern_f25519_mul(&r->X, &p->X, &p->T);
    tern_f25519_mul(&r->Y, &p->Y, &p->Z);
    tern_f25519_mul(&r->Z, &p->Z, &p->T);
    tern_f25519_mul(&r->T, &p->X, &p->Y);
}

/* see ge25519_internal.h */
void tern_ge25519_p2_dbl(tern_ge25519_p1p1 *r, const tern_ge25519_p2 *p)
{
    /* dbl-2008-hwcd with a = -1: A = X^2, B = Y^2, C = 2Z^2,
     * x' = ((X+Y)^2 - A - B) / (B - A), y' = (A + B) / (A + C - B). */
    tern_f25519 a, b, c, t;

    tern_f25519_sq(&a, &p->X);
    tern_f25519_sq(&b, &p->Y);
    tern_f25519_sq(&c, &p->Z);
    tern_f25519_add(&c, &c, &c);       /* C: 2u */
    tern_f25519_add(&t, &p->X, &p->Y); /* 2u */
    tern_f25519_sq(&t, &t);
    tern_f25519_add(&r->Y, &a, &b);    /* A + B: 2u */
    tern_f25519_sub(&r->X, &t, &r->Y); /* sub */
    tern_f25519_sub(&r->Z, &b, &a);    /* sub */
    tern_f25519_add(&c, &c, &a);       /* A + C: 3u */
    tern_f25519_sub(&r->T, &c, &b);    /* sub */
}

/* see ge25519_internal.h */
void tern_ge25519_add(tern_ge25519_p1p1 *r, const tern_ge25519_p3 *p, const tern_ge25519_cached *q)
{
    /* add-2008-hwcd-3: A = (Y1-X1)(Y2-X2), B = (Y1+X1)(Y2+X2),
     * C = 2d T1 T2, D = 2 Z1 Z2; x3 = (B-A)/(D+C), y3 = (B+A)/(D-C). */
    tern_f25519 a, b, c, d;

    tern_f25519_sub(&a, &p->Y, &p->X);
    tern_f25519_mul(&a, &a, &q->ymx);
    tern_f25519_add(&b, &p->Y, &p->X);
    tern_f25519_mul(&b, &b, &q->ypx);
    tern_f25519_mul(&c, &p->T, &q->t2d);
    tern_f25519_mul(&d, &p->Z, &q->z2);
    tern_f25519_sub(&r->X, &b, &a); /* E: sub */
    tern_f25519_add(&r->Y, &b, &a); /* H: 2u */
    tern_f25519_add(&r->Z, &d, &c); /* G: 2u */
    tern_f25519_sub(&r->T, &d, &c); /* F: sub */
}

/* see ge25519_internal.h */
void tern_ge25519_sub(tern_ge25519_p1p1 *r, const tern_ge25519_p3 *p, const tern_ge25519_cached *q)
{
    /* p + (-q), where -q swaps Y+X with Y-X and negates T. */
    tern_f25519 a, b, c, d;

    tern_f25519_sub(&a, &p->Y, &p->X);
    tern_f25519_mul(&a, &a, &q->ypx);
    tern_f25519_add(&b, &p->Y, &p->X);
    tern_f25519_mul(&b, &b, &q->ymx);
    tern_f25519_mul(&c, &p->T, &q->t2d);
    tern_f25519_mul(&d, &p->Z, &q->z2);
    tern_f25519_sub(&r->X, &b, &a);
    tern_f25519_add(&r->Y, &b, &a);
    tern_f25519_sub(&r->Z, &d, &c);
    tern_f25519_add(&r->T, &d, &c);
}

/* see ge25519_internal.h */
void tern_ge25519_madd(tern_ge25519_p1p1 *r, const tern_ge25519_p3 *p,
                       const tern_ge25519_precomp *q)
{
    /* add-2008-hwcd-3 with Z2 = 1: D = 2 Z1. */
    tern_f25519 a, b, c, d;

    tern_f25519_sub(&a, &p->Y, &p->X);
    tern_f25519_mul(&a, &a, &q->ymx);
    tern_f25519_add(&b, &p->Y, &p->X);
    tern_f25519_mul(&b, &b, &q->ypx);
    tern_f25519_mul(&c, &p->T, &q->xy2d);
    tern_f25519_add(&d, &p->Z, &p->Z); /* 2u */
    tern_f25519_sub(&r->X, &b, &a);    /* E: sub */
    tern_f25519_add(&r->Y, &b, &a);    /* H: 2u */
    tern_f25519_add(&r->Z, &d, &c);    /* G: 3u */
    tern_f25519_sub(&r->T, &d, &c);    /* F: sub */
}

/* see ge25519_internal.h */
void tern_ge25519_p2_tobytes(uint8_t s[32], const tern_ge25519_p2 *p)
{
    tern_f25519 zi, x, y;

    tern_f25519_invert(&zi, &p->Z);
    tern_f25519_mul(&x, &p->X, &zi);
    tern_f25519_mul(&y, &p->Y, &zi);
    tern_f25519_tobytes(s, &y);
    s[31] = (uint8_t)(s[31] | (tern_f25519_isnegative(&x) << 7));
    tern_wipe(&zi, sizeof(zi));
    tern_wipe(&x, sizeof(x));
    tern_wipe(&y, sizeof(y));
}

/* see ge25519_internal.h */
void tern_ge25519_p3_tobytes(uint8_t s[32], const tern_ge25519_p3 *p)
{
    tern_ge25519_p2 q;

    tern_ge25519_p3_to_p2(&q, p);
    tern_ge25519_p2_tobytes(s, &q);
    tern_wipe(&q, sizeof(q));
}

/* see ge25519_internal.h */
uint32_t tern_ge25519_frombytes(tern_ge25519_p3 *r, const uint8_t s[32])
{
    tern_f25519 y, u, v, v3, x, vxx, t;
    uint8_t canon[32];
    uint32_t x0 = (uint32_t)(s[31] >> 7);
    uint32_t ok, root_pos, root_neg, diff = 0;
    int i;

    /* 5.1.3 step 1: y is the low 255 bits and must be below p. Canonical
     * exactly when re-encoding gives the same bytes. */
    tern_f25519_frombytes(&y, s);
    tern_f25519_tobytes(canon, &y);
    canon[31] = (uint8_t)(canon[31] | (x0 << 7));
    for (i = 0; i < 32; i++) {
        diff |= (uint32_t)(canon[i] ^ s[i]);
    }
    ok = tern_ct_is_zero(diff);

    /* Step 2: x^2 = u/v with u = y^2 - 1, v = d y^2 + 1; candidate root
     * x = u v^3 (u v^7)^((p-5)/8). */
    tern_f25519_sq(&u, &y);
    tern_f25519_mul(&v, &u, &tern_f25519_d);
    tern_f25519_1(&t);
    tern_f25519_sub(&u, &u, &t);
    tern_f25519_carry(&u, &u);   /* tight: subtracted below */
    tern_f25519_add(&v, &v, &t); /* 2u */
    tern_f25519_sq(&v3, &v);
    tern_f25519_mul(&v3, &v3, &v); /* v^3 */
    tern_f25519_sq(&x, &v3);
    tern_f25519_mul(&x, &x, &v); /* v^7 */
    tern_f25519_mul(&x, &x, &u); /* u v^7 */
    tern_f25519_pow22523(&x, &x);
    tern_f25519_mul(&x, &x, &v3);
    tern_f25519_mul(&x, &x, &u);

    /* Step 3: v x^2 = u: x is a root; v x^2 = -u: x * sqrt(-1) is one;
     * otherwise there is none. */
    tern_f25519_sq(&vxx, &x);
    tern_f25519_mul(&vxx, &vxx, &v);
    tern_f25519_sub(&t, &vxx, &u);
    root_pos = tern_f25519_iszero(&t);
    tern_f25519_add(&t, &vxx, &u);
    root_neg = tern_f25519_iszero(&t);
    tern_f25519_mul(&t, &x, &tern_f25519_sqrtm1);
    tern_f25519_cmov(&x, &t, root_neg & tern_ct_not(root_pos));
    ok &= root_pos | root_neg;

    /* Step 4: x = 0 with x_0 = 1 fails; otherwise pick the root whose low
     * bit is x_0. */
    ok &= tern_ct_not(tern_f25519_iszero(&x) & x0);
    tern_f25519_neg(&t, &x);
    tern_f25519_cmov(&x, &t, tern_f25519_isnegative(&x) ^ x0);
    tern_f25519_carry(&r->X, &x);
    r->Y = y;
    tern_f25519_1(&r->Z);
    tern_f25519_mul(&r->T, &r->X, &y);
    return ok;
}

/* see ge25519_internal.h */
void tern_ge25519_p3_neg(tern_ge25519_p3 *r, const tern_ge25519_p3 *p)
{
    tern_f25519_neg(&r->X, &p->X);
    tern_f25519_carry(&r->X, &r->X);
    r->Y = p->Y;
    r->Z = p->Z;
    tern_f25519_neg(&r->T, &p->T);
    tern_f25519_carry(&r->T, &r->T);
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ge25519_unused_;
#endif
