/*
 * Constant-time helpers.
 *
 * Control values ("ctl") are uint32_t holding exactly 0 or 1. Nothing here
 * branches on or indexes memory with its arguments; the values it handles
 * may be secret. tern_ct_barrier() hides a value from the optimizer so that
 * it cannot prove a ctl is 0/1 and turn a mask back into a branch.
 *
 * Timing checks: tests/unit/common/test_ct.c runs these under valgrind
 * memcheck with inputs marked undefined (see tests/harness/ct_check.h).
 */
#ifndef TERN_CT_INTERNAL_H
#define TERN_CT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

static inline uint32_t tern_ct_barrier(uint32_t x)
{
#if defined(__GNUC__) || defined(__clang__)
    __asm__("" : "+r"(x));
    return x;
#else
    volatile uint32_t v = x;
    return v;
#endif
}

/* 1 - ctl */
static inline uint32_t tern_ct_not(uint32_t ctl)
{
    return ctl ^ 1u;
}

/* ctl ? x : y */
static inline uint32_t tern_ct_mux(uint32_t ctl, uint32_t x, uint32_t y)
{
    uint32_t mask = (uint32_t)0 - tern_ct_barrier(ctl);
    return y ^ (mask & (x ^ y));
}

/* x == 0 */
static inline uint32_t tern_ct_is_zero(uint32_t x)
{
    uint32_t q = tern_ct_barrier(x);
    q = q | ((uint32_t)0 - q); /* top bit set iff x != 0 */
    return (q >> 31) ^ 1u;
}

/* x == y */
static inline uint32_t tern_ct_eq(uint32_t x, uint32_t y)
{
    return tern_ct_is_zero(x ^ y);
}

/* x != y */
static inline uint32_t tern_ct_neq(uint32_t x, uint32_t y)
{
    return tern_ct_not(tern_ct_eq(x, y));
}

/* x > y, unsigned. The sign of y - x, corrected for the borrow out of the
 * top bit: (y - x) ^ ((x ^ y) & (x ^ (y - x))) has its top bit set exactly
 * when x > y. */
static inline uint32_t tern_ct_gt(uint32_t x, uint32_t y)
{
    uint32_t z = y - x;
    return (z ^ ((x ^ y) & (x ^ z))) >> 31;
}

/* x >= y */
static inline uint32_t tern_ct_ge(uint32_t x, uint32_t y)
{
    return tern_ct_not(tern_ct_gt(y, x));
}

/* x < y */
static inline uint32_t tern_ct_lt(uint32_t x, uint32_t y)
{
    return tern_ct_gt(y, x);
}

/* x <= y */
static inline uint32_t tern_ct_le(uint32_t x, uint32_t y)
{
    return tern_ct_not(tern_ct_gt(x, y));
}

/* 1 if the len bytes at a and b are equal, else 0. Time depends on len
 * only. */
uint32_t tern_ct_memeq(const void *a, const void *b, size_t len);

/* Compares a and b as len-byte big-endian unsigned numbers: -1, 0 or 1.
 * Time depends on len only. */
int tern_ct_memcmp(const void *a, const void *b, size_t len);

/* If ctl is 1, copies len bytes from src to dst; if 0, leaves dst as it
 * is. Reads and writes every byte of both either way. dst and src may be
 * equal but must not otherwise overlap. */
void tern_ct_copy(uint32_t ctl, void *dst, const void *src, size_t len);

/* dst[i] = ctl ? a[i] : b[i] for i < len. */
void tern_ct_select(uint32_t ctl, void *dst, const void *a, const void *b,
                    size_t len);

#endif /* TERN_CT_INTERNAL_H */
