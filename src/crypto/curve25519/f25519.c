/*
 * GF(2^255 - 19): the operations that do not depend on the limb layout
 * (exponentiations with fixed addition chains, tests of the canonical
 * value). See f25519_internal.h.
 */
#include "tern/config.h"

#if TERN_CONFIG_X25519 || TERN_CONFIG_ED25519

#include "common/ct_internal.h"
#include "crypto/curve25519/f25519_internal.h"
#include "tern/util.h"

/* see f25519_internal.h */
void tern_f25519_copy(tern_f25519 *h, const tern_f25519 *f)
{
    *h = *f;
}

/* see f25519_internal.h */
void tern_f25519_neg(tern_f25519 *h, const tern_f25519 *f)
{
    tern_f25519 zero;

    tern_f25519_0(&zero);
    tern_f25519_sub(h, &zero, f);
}

/* see f25519_internal.h */
void tern_f25519_sqn(tern_f25519 *h, const tern_f25519 *f, unsigned n)
{
    unsigned i;

    tern_f25519_sq(h, f);
    for (i = 1; i < n; i++) {
        tern_f25519_sq(h, h);
    }
}

/* Common head of the two exponentiations: *t250 = f^(2^250 - 1) and
 * *f11 = f^11. The exponents in the comments are those of f. */
static void pow_2_250_1(tern_f25519 *t250, tern_f25519 *f11, const tern_f25519 *f)
{
    tern_f25519 t0, t1, t2;

    tern_f25519_sq(&t0, f);          /* 2 */
    tern_f25519_sqn(&t1, &t0, 2);    /* 8 */
    tern_f25519_mul(&t1, &t1, f);    /* 9 */
    tern_f25519_mul(f11, &t0, &t1);  /* 11 */
    tern_f25519_sq(&t0, f11);        /* 22 */
    tern_f25519_mul(&t1, &t1, &t0);  /* 31 = 2^5 - 1 */
    tern_f25519_sqn(&t0, &t1, 5);    /* 2^10 - 2^5 */
    tern_f25519_mul(&t1, &t0, &t1);  /* 2^10 - 1 */
    tern_f25519_sqn(&t0, &t1, 10);   /* 2^20 - 2^10 */
    tern_f25519_mul(&t0, &t0, &t1);  /* 2^20 - 1 */
    tern_f25519_sqn(&t2, &t0, 20);   /* 2^40 - 2^20 */
    tern_f25519_mul(&t0, &t2, &t0);  /* 2^40 - 1 */
    tern_f25519_sqn(&t0, &t0, 10);   /* 2^50 - 2^10 */
    tern_f25519_mul(&t1, &t0, &t1);  /* 2^50 - 1 */
    tern_f25519_sqn(&t0, &t1, 50);   /* 2^100 - 2^50 */
    tern_f25519_mul(&t0, &t0, &t1);  /* 2^100 - 1 */
    tern_f25519_sqn(&t2, &t0, 100);  /* 2^200 - 2^100 */
    tern_f25519_mul(&t0, &t2, &t0);  /* 2^200 - 1 */
    tern_f25519_sqn(&t0, &t0, 50);   /* 2^250 - 2^50 */
    tern_f25519_mul(t250, &t0, &t1); /* 2^250 - 1 */

    tern_wipe(&t0, sizeof(t0));
    tern_wipe(&t1, sizeof(t1));
    tern_wipe(&t2, sizeof(t2));
}

/* see f25519_internal.h */
void tern_f25519_invert(tern_f25519 *h, const tern_f25519 *f)
{
    tern_f25519 t, f11;

    /* p - 2 = 2^255 - 21 = (2^250 - 1) * 2^5 + 11 */
    pow_2_250_1(&t, &f11, f);
    tern_f25519_sqn(&t, &t, 5);
    tern_f25519_mul(h, &t, &f11);
    tern_wipe(&t, sizeof(t));
    tern_wipe(&f11, sizeof(f11));
}

/* see f25519_internal.h */
void tern_f25519_pow22523(tern_f25519 *h, const tern_f25519 *f)
{
    tern_f25519 t, f11;

    /* (p - 5) / 8 = 2^252 - 3 = (2^250 - 1) * 4 + 1 */
    pow_2_250_1(&t, &f11, f);
    tern_f25519_sqn(&t, &t, 2);
    tern_f25519_mul(h, &t, f);
    tern_wipe(&t, sizeof(t));
    tern_wipe(&f11, sizeof(f11));
}

/* see f25519_internal.h */
uint32_t tern_f25519_iszero(const tern_f25519 *f)
{
    uint8_t s[32];
    uint32_t acc = 0;
    int i;

    tern_f25519_tobytes(s, f);
    for (i = 0; i < 32; i++) {
        acc |= s[i];
    }
    tern_wipe(s, sizeof(s));
    return tern_ct_is_zero(acc);
}

/* see f25519_internal.h */
uint32_t tern_f25519_isnegative(const tern_f25519 *f)
{
    uint8_t s[32];
    uint32_t bit;

    tern_f25519_tobytes(s, f);
    bit = s[0] & 1u;
    tern_wipe(s, sizeof(s));
    return bit;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_f25519_unused_;
#endif
