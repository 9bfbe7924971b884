/*
 * Constant-time modular exponentiation with a fixed window.
 *
 * Left to right over all 8 e_len exponent bits, TERN_BN_WINDOW bits at a
 * time: TERN_BN_WINDOW squarings, then one multiplication by table[v]
 * where v is the window's value (table[0] = 1 in Montgomery form, so a
 * zero window costs the same as any other). The entry is fetched by
 * reading every table entry and keeping the wanted one through a mask,
 * so neither the sequence of operations nor any memory address depends
 * on the exponent, the base or the modulus.
 *
 * tern_bn_modexp runs the AVX2 version (bn_modexp_avx2.c, the same
 * method on 28-bit limbs) instead when it is built and the CPU has AVX2.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "crypto/bignum/bignum_internal.h"

#define TABLE_SIZE ((size_t)1 << TERN_BN_WINDOW)

/* Bit i of the big-endian string e (bit 0 is the least significant).
 * The position is public, the value may be secret. */
static uint32_t exp_bit(const uint8_t *e, size_t e_len, size_t i)
{
    return (uint32_t)(e[e_len - 1 - i / 8] >> (i % 8)) & 1;
}

/* dst = table[idx], reading all entries. */
static void table_select(tern_bn_word *dst, const tern_bn_word *table, size_t len, uint32_t idx)
{
    size_t i, j;

    memset(dst, 0, len * sizeof(tern_bn_word));
    for (i = 0; i < TABLE_SIZE; i++) {
        tern_bn_word mask = tern_bn_mask(tern_ct_eq((uint32_t)i, idx));
        const tern_bn_word *t = table + i * len;
        for (j = 0; j < len; j++) {
            dst[j] |= t[j] & mask;
        }
    }
}

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_modexp_generic(tern_bn_word *x, const uint8_t *e, size_t e_len, const tern_bn_mont *mc,
                            tern_bn_word *tmp)
{
    size_t len = mc->len;
    tern_bn_word *table = tmp;
    tern_bn_word *t = tmp + TABLE_SIZE * len;
    size_t nbits = 8 * e_len;
    size_t pos, i, first;
    uint32_t idx;

    /* table[0] = R mod m (1 in Montgomery form), table[1] = x R mod m,
     * table[i] = x^i R mod m (a squaring for even i). */
    memcpy(table, mc->rr, len * sizeof(tern_bn_word));
    tern_bn_from_mont(table, mc);
    memcpy(table + len, x, len * sizeof(tern_bn_word));
    tern_bn_to_mont(table + len, mc);
    for (i = 2; i < TABLE_SIZE; i++) {
        if (i % 2 == 0) {
            tern_bn_montsqr(table + i * len, table + i / 2 * len, mc);
        } else {
            tern_bn_montmul(table + i * len, table + (i - 1) * len, table + len, mc);
        }
    }

    /* The first window takes the leftover bits (nbits mod W), if any. */
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
    table_select(x, table, len, idx);
    while (pos > 0) {
        for (i = 0; i < TERN_BN_WINDOW; i++) {
            tern_bn_montsqr(x, x, mc);
        }
        idx = 0;
        for (i = 0; i < TERN_BN_WINDOW; i++) {
            pos--;
            idx = (idx << 1) | exp_bit(e, e_len, pos);
        }
        table_select(t, table, len, idx);
        tern_bn_montmul(x, x, t, mc);
    }
    tern_bn_from_mont(x, mc);
}

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_modexp(tern_bn_word *x, const uint8_t *e, size_t e_len, const tern_bn_mont *mc,
                    tern_bn_word *tmp)
{
#if TERN_CONFIG_BN_X86
    if (tern_bn_avx2_supported() && tern_bn_modexp_avx2(x, e, e_len, mc, tmp)) {
        return;
    }
#endif
    tern_bn_modexp_generic(x, e, e_len, mc, tmp);
}

#else
typedef int tern_bn_modexp_unused_;
#endif /* TERN_CONFIG_RSA */
