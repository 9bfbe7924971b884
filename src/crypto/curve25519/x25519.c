/*
 * X25519 (RFC 7748 5): the Montgomery ladder on the u-coordinate, and the
 * fixed-base variant.
 *
 * The ladder runs the same 255 steps for every scalar, each with one
 * conditional swap by masks (RFC 7748 5, "cswap"), so time and memory
 * accesses do not depend on the scalar or the point. The all-zero check
 * (RFC 7748 6.1, RFC 8446 7.4.2) looks only at the finished output.
 *
 * tern_x25519_base: with Ed25519 compiled in, the fixed-base table of
 * ge25519_base.c computes a * B on edwards25519 and maps it to the
 * Montgomery curve, u = (1 + y) / (1 - y) (RFC 7748 4.1), about three
 * times faster than the ladder; without Ed25519 it runs the ladder on
 * u = 9 and adds no table.
 */
#include "tern/config.h"

#if TERN_CONFIG_X25519

#include <string.h>

#include "common/ct_internal.h"
#include "common/try_internal.h"
#include "crypto/curve25519/f25519_internal.h"
#include "tern/curve25519.h"
#include "tern/util.h"

#if TERN_CONFIG_ED25519
#include "crypto/curve25519/ge25519_internal.h"
#endif

/* (A - 2) / 4 for curve25519, A = 486662 (RFC 7748 5). */
#define A24 121665u

/* RFC 7748 5 "decodeScalar25519": clear bits 0, 1, 2 and 255, set 254. */
static void clamp(uint8_t k[32], const uint8_t scalar[32])
{
    memcpy(k, scalar, 32);
    k[0] &= 248;
    k[31] &= 127;
    k[31] |= 64;
}

/* out = X25519(k, u) for a clamped k. */
static void ladder(uint8_t out[32], const uint8_t k[32], const uint8_t u[32])
{
    tern_f25519 x1, x2, z2, x3, z3, a, aa, b, bb, e, c, d, da, cb;
    uint32_t swap = 0, bit;
    int t;

    /* decodeUCoordinate: bit 255 is masked by frombytes; values p..2^255-1
     * are taken mod p (RFC 7748 5). */
    tern_f25519_frombytes(&x1, u);
    tern_f25519_1(&x2);
    tern_f25519_0(&z2);
    x3 = x1;
    tern_f25519_1(&z3);

    for (t = 254; t >= 0; t--) {
        bit = (uint32_t)(k[t >> 3] >> (t & 7)) & 1u;
        swap ^= bit;
        tern_f25519_cswap(&x2, &x3, swap);
        tern_f25519_cswap(&z2, &z3, swap);
        swap = bit;

        tern_f25519_add(&a, &x2, &z2); /* A = x2 + z2: 2u */
        tern_f25519_sq(&aa, &a);       /* AA */
        tern_f25519_sub(&b, &x2, &z2); /* B = x2 - z2: sub */
        tern_f25519_sq(&bb, &b);       /* BB */
        tern_f25519_sub(&e, &aa, &bb); /* E = AA - BB: sub */
        tern_f25519_add(&c, &x3, &z3); /* C: 2u */
        tern_f25519_sub(&d, &x3, &z3); /* D: sub */
        tern_f25519_mul(&da, &d, &a);
        tern_f25519_mul(&cb, &c, &b);
        tern_f25519_add(&x3, &da, &cb); /* 2u */
        tern_f25519_sq(&x3, &x3);       /* x3 = (DA + CB)^2 */
        tern_f25519_sub(&z3, &da, &cb); /* sub */
        tern_f25519_sq(&z3, &z3);
        tern_f25519_mul(&z3, &z3, &x1); /* z3 = x1 (DA - CB)^2 */
        tern_f25519_mul(&x2, &aa, &bb); /* x2 = AA BB */
        tern_f25519_mul_small(&z2, &e, A24);
        tern_f25519_add(&z2, &z2, &aa); /* AA + a24 E: 2u */
        tern_f25519_mul(&z2, &z2, &e);  /* z2 = E (AA + a24 E) */
    }
    tern_f25519_cswap(&x2, &x3, swap);
    tern_f25519_cswap(&z2, &z3, swap);

    /* x2 / z2; z2 = 0 (u of small order) gives 0, as RFC 7748 5 says
     * (z2^(p-2) = 0). */
    tern_f25519_invert(&z2, &z2);
    tern_f25519_mul(&x2, &x2, &z2);
    tern_f25519_tobytes(out, &x2);

    tern_wipe(&x1, sizeof(x1));
    tern_wipe(&x2, sizeof(x2));
    tern_wipe(&z2, sizeof(z2));
    tern_wipe(&x3, sizeof(x3));
    tern_wipe(&z3, sizeof(z3));
    tern_wipe(&a, sizeof(a));
    tern_wipe(&aa, sizeof(aa));
    tern_wipe(&b, sizeof(b));
    tern_wipe(&bb, sizeof(bb));
    tern_wipe(&e, sizeof(e));
    tern_wipe(&c, sizeof(c));
    tern_wipe(&d, sizeof(d));
    tern_wipe(&da, sizeof(da));
    tern_wipe(&cb, sizeof(cb));
    tern_wipe(&swap, sizeof(swap));
    tern_wipe(&bit, sizeof(bit));
}

/* see include/tern/curve25519.h */
int tern_x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32])
{
    uint8_t k[32];
    uint32_t acc = 0;
    int i;

    TERN_CHECK_ARG(out != NULL && scalar != NULL && point != NULL);
    clamp(k, scalar);
    ladder(out, k, point);
    tern_wipe(k, sizeof(k));

    /* RFC 7748 6.1: OR all bytes together; a small-order point gives 0.
     * Only whether the result is zero is revealed, and without a branch
     * here: the caller acts on the return value. */
    for (i = 0; i < 32; i++) {
        acc |= out[i];
    }
    return TERN_ERR_BAD_SHARED_SECRET * (int)tern_ct_is_zero(acc);
}

/* see include/tern/curve25519.h */
int tern_x25519_base(uint8_t out[32], const uint8_t scalar[32])
{
    uint8_t k[32];
#if TERN_CONFIG_ED25519
    tern_ge25519_p3 p;
    tern_f25519 num, den;
#else
    static const uint8_t nine[32] = {9};
#endif

    TERN_CHECK_ARG(out != NULL && scalar != NULL);
    clamp(k, scalar);
#if TERN_CONFIG_ED25519
    /* u = (1 + y) / (1 - y) = (Z + Y) / (Z - Y). k is a nonzero multiple of
     * 8 below 2^255 and not a multiple of L, so y != 1. */
    tern_ge25519_scalarmult_base(&p, k);
    tern_f25519_add(&num, &p.Z, &p.Y);
    tern_f25519_sub(&den, &p.Z, &p.Y);
    tern_f25519_invert(&den, &den);
    tern_f25519_mul(&num, &num, &den);
    tern_f25519_tobytes(out, &num);
    tern_wipe(&p, sizeof(p));
    tern_wipe(&num, sizeof(num));
    tern_wipe(&den, sizeof(den));
#else
    ladder(out, k, nine);
#endif
    tern_wipe(k, sizeof(k));
    return TERN_OK;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_x25519_unused_;
#endif
