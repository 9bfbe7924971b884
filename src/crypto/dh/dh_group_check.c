/*
 * Group validation and loading. Everything here is public (the group
 * comes from the configuration or a ServerKeyExchange), so ordinary
 * branches are fine.
 */
#include "tern/config.h"

#if TERN_CONFIG_FFDH

#include <string.h>

#include "common/try_internal.h"
#include "crypto/dh/dh_internal.h"
#include "tern/util.h"

static const uint8_t *strip(const uint8_t *p, size_t *len)
{
    while (*len > 0 && p[0] == 0) {
        p++;
        (*len)--;
    }
    return p;
}

/* 1 < v < limit, numbers of len words */
static int between_one_and(const tern_bn_word *v, const tern_bn_word *limit, size_t len)
{
    tern_bn_word one[TERN_BN_MAX_WORDS];

    memset(one, 0, len * sizeof(tern_bn_word));
    one[0] = 1;
    return tern_bn_lt(one, v, len) == 1 && tern_bn_lt(v, limit, len) == 1;
}

/* Checks the group; on success m and g hold p and g (words of p_len
 * bytes) and *p_len_out the length of p without leading zeros. */
static int check_group(const tern_dh_group *grp, size_t min_bits, tern_bn_word *m, tern_bn_word *g,
                       size_t *p_len_out)
{
    const uint8_t *p, *gb, *q;
    size_t p_len, g_len, q_len, bits, words;
    tern_bn_word pm1[TERN_BN_MAX_WORDS];

    TERN_CHECK_ARG(grp != NULL && grp->p != NULL && grp->g != NULL);
    if (min_bits == 0) {
        min_bits = TERN_DH_MIN_BITS_DEFAULT;
    }
    p_len = grp->p_len;
    p = strip(grp->p, &p_len);
    g_len = grp->g_len;
    gb = strip(grp->g, &g_len);
    TERN_ENSURE(p_len > 0, TERN_ERR_BAD_KEY);
    bits = tern_dh_bits(grp);
    TERN_ENSURE(bits >= min_bits, TERN_ERR_KEY_TOO_SMALL);
    TERN_ENSURE(bits <= TERN_CONFIG_MAX_RSA_BITS, TERN_ERR_BAD_KEY);
    /* odd and > 3, so that 1 < g < p - 1 leaves room */
    TERN_ENSURE((p[p_len - 1] & 1) == 1 && (p_len > 1 || p[0] > 3), TERN_ERR_BAD_KEY);
    TERN_ENSURE(g_len <= p_len, TERN_ERR_BAD_KEY);

    words = TERN_BN_WORDS(p_len);
    (void)tern_bn_decode(m, words, p, p_len);
    (void)tern_bn_decode(g, words, gb, g_len);
    memcpy(pm1, m, words * sizeof(tern_bn_word));
    pm1[0] ^= 1; /* p - 1 (p is odd) */
    TERN_ENSURE(between_one_and(g, pm1, words), TERN_ERR_BAD_KEY);

    if (grp->q != NULL) {
        tern_bn_word qw[TERN_BN_MAX_WORDS];
        q_len = grp->q_len;
        q = strip(grp->q, &q_len);
        TERN_ENSURE(q_len <= p_len, TERN_ERR_BAD_KEY);
        (void)tern_bn_decode(qw, words, q, q_len);
        TERN_ENSURE(between_one_and(qw, m, words), TERN_ERR_BAD_KEY);
    }
    *p_len_out = p_len;
    return TERN_OK;
}

/* see include/tern/dh.h */
size_t tern_dh_len(const tern_dh_group *grp)
{
    size_t len;
    if (grp == NULL || grp->p == NULL) {
        return 0;
    }
    len = grp->p_len;
    (void)strip(grp->p, &len);
    return len;
}

/* see include/tern/dh.h */
size_t tern_dh_bits(const tern_dh_group *grp)
{
    size_t len = tern_dh_len(grp), bits;
    const uint8_t *p;
    uint8_t top;

    if (len == 0) {
        return 0;
    }
    p = grp->p + (grp->p_len - len);
    bits = 8 * len;
    for (top = p[0]; (top & 0x80) == 0; top = (uint8_t)(top << 1)) {
        bits--;
    }
    return bits;
}

/* see include/tern/dh.h */
int tern_dh_group_check(const tern_dh_group *grp, size_t min_bits)
{
    tern_bn_word m[TERN_BN_MAX_WORDS], g[TERN_BN_MAX_WORDS];
    size_t p_len;

    return check_group(grp, min_bits, m, g, &p_len);
}

/* see src/crypto/dh/dh_internal.h */
int tern_dh_load(tern_dh_work *w, const tern_dh_group *grp, size_t min_bits)
{
    tern_bn_word m[TERN_BN_MAX_WORDS];
    size_t p_len;

    TERN_CHECK_ARG(w != NULL);
    TERN_TRY(check_group(grp, min_bits, m, w->g, &p_len));
    w->q = NULL;
    w->q_len = 0;
    if (grp->q != NULL) {
        w->q = grp->q;
        w->q_len = grp->q_len;
    }
    /* p is public: R^2 mod p by division */
    tern_bn_mont_init_vartime(&w->mc, m, TERN_BN_WORDS(p_len));
    w->p_len = p_len;
    return TERN_OK;
}

/* see src/crypto/dh/dh_internal.h */
void tern_dh_exp(tern_dh_work *w, const uint8_t *e, size_t e_len, uint8_t *out)
{
    tern_bn_modexp(w->x, e, e_len, &w->mc, w->tmp);
    tern_bn_encode(out, w->p_len, w->x, w->mc.len);
}

#else
typedef int tern_dh_group_check_unused_;
#endif /* TERN_CONFIG_FFDH */
