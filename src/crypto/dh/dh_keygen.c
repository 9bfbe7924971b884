/*
 * Public values and key generation: pub = g^x mod p.
 */
#include "tern/config.h"

#if TERN_CONFIG_FFDH

#include <string.h>

#include "common/try_internal.h"
#include "crypto/dh/dh_internal.h"
#include "tern/util.h"

/* see include/tern/dh.h */
size_t tern_dh_priv_len(size_t p_bits)
{
    /* RFC 7919 Appendix A minimum exponent bits, plus the top bit that
     * keygen forces to 1: 32 bytes = 255 free bits >= 225, 36 = 287 >= 275,
     * 42 = 335 >= 325, 48 = 383 >= 375, 51 = 407 >= 400. */
    size_t len, p_len = (p_bits + 7) / 8;

    if (p_bits <= 2048) {
        len = 32;
    } else if (p_bits <= 3072) {
        len = 36;
    } else if (p_bits <= 4096) {
        len = 42;
    } else if (p_bits <= 6144) {
        len = 48;
    } else {
        len = 51;
    }
    if (p_len >= 2 && len > p_len - 1) {
        len = p_len - 1;
    }
    return len;
}

/* see include/tern/dh.h */
int tern_dh_public(const tern_dh_group *grp, size_t min_bits, const uint8_t *priv, size_t priv_len,
                   uint8_t *pub)
{
    tern_dh_work w;
    int ret;

    TERN_CHECK_ARG(priv != NULL && pub != NULL);
    TERN_TRY_GOTO(tern_dh_load(&w, grp, min_bits));
    TERN_ENSURE_GOTO(priv_len >= 1 && priv_len <= w.p_len, TERN_ERR_BAD_ARG);
    memcpy(w.x, w.g, sizeof(w.x));
    tern_dh_exp(&w, priv, priv_len, pub);
    ret = TERN_OK;
out:
    tern_wipe(&w, sizeof(w));
    return ret;
}

/* see include/tern/dh.h */
int tern_dh_keygen(const tern_dh_group *grp, size_t min_bits, const tern_rng_class **rng,
                   uint8_t *priv, size_t priv_len, uint8_t *pub)
{
    size_t p_len = tern_dh_len(grp);

    TERN_CHECK_ARG(rng != NULL && priv != NULL && pub != NULL);
    /* x < p: strictly shorter than p (RFC 7919 5.2 short exponents) */
    TERN_ENSURE(priv_len >= 1 && priv_len < p_len, TERN_ERR_BAD_ARG);
    TERN_TRY(tern_rng_generate(rng, priv, priv_len));
    priv[0] |= 0x80; /* exactly 8 priv_len bits, so never 0 or 1 */
    return tern_dh_public(grp, min_bits, priv, priv_len, pub);
}

#else
typedef int tern_dh_keygen_unused_;
#endif /* TERN_CONFIG_FFDH */
