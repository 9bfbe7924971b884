/*
 * Helpers shared by the AEAD modes for the end of `open`: release the
 * plaintext or zeroes, and the return code, without branching on whether
 * the tag matched. (Whether it matched becomes public when the caller
 * looks at the return value; until then nothing depends on it, which is
 * what the valgrind constant-time check verifies.)
 */
#ifndef TERN_AEAD_INTERNAL_H
#define TERN_AEAD_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/ct_internal.h"
#include "tern/error.h"

/* n > max for lengths checked against 64-bit limits. A function rather
 * than an inline comparison: with a 32-bit size_t the comparison is always
 * false, which -Wtype-limits would flag. */
static inline int tern_aead_len_over(uint64_t n, uint64_t max)
{
    return n > max;
}

/* Keeps buf if ok is 1, zeroes it if ok is 0. */
static inline void tern_aead_mask(uint32_t ok, uint8_t *buf, size_t len)
{
    uint8_t m = (uint8_t)(0u - tern_ct_barrier(ok));
    size_t i;
    for (i = 0; i < len; i++) {
        buf[i] &= m;
    }
}

/* TERN_OK if ok is 1, TERN_ERR_BAD_MAC if ok is 0. */
static inline int tern_aead_result(uint32_t ok)
{
    return -(int)tern_ct_mux(ok, 0u, (uint32_t)-TERN_ERR_BAD_MAC);
}

#endif /* TERN_AEAD_INTERNAL_H */
