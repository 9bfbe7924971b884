/*
 * Finite-field DH internals: a loaded group with its Montgomery context
 * and the scratch space of one exponentiation (all on the caller's
 * stack; about 22 modulus-sized numbers).
 */
#ifndef TERN_DH_INTERNAL_H
#define TERN_DH_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/bignum/bignum_internal.h"
#include "tern/dh.h"

typedef struct tern_dh_work {
    tern_bn_mont mc;  /* p */
    const uint8_t *q; /* optional subgroup order (public) */
    size_t q_len;
    size_t p_len; /* bytes of p without leading zeros */
    tern_bn_word g[TERN_BN_MAX_WORDS];
    tern_bn_word x[TERN_BN_MAX_WORDS];
    tern_bn_word tmp[TERN_BN_MODEXP_TMP_WORDS(TERN_BN_MAX_WORDS)];
} tern_dh_work;

/* Checks the group (see tern_dh_group_check) and loads p and g into w. */
TERN_MUST_CHECK int tern_dh_load(tern_dh_work *w, const tern_dh_group *grp, size_t min_bits);

/* w->x = base^e mod p (constant time in e and base), encoded into out
 * (w->p_len bytes). */
void tern_dh_exp(tern_dh_work *w, const uint8_t *e, size_t e_len, uint8_t *out);

#endif /* TERN_DH_INTERNAL_H */
