/*
 * Shared secret Z = y^x mod p with the peer value checks of RFC 7919 5.1
 * and SP 800-56A 5.6.2.3.1.
 */
#include "tern/config.h"

#if TERN_CONFIG_FFDH

#include <string.h>

#include "common/try_internal.h"
#include "crypto/dh/dh_internal.h"
#include "tern/util.h"

/* Peer value y into w->x, checked: 1 < y < p - 1 and, with q, y^q = 1.
 * y is public: ordinary branches. */
static int load_peer(tern_dh_work *w, const uint8_t *peer, size_t peer_len)
{
    size_t len = w->mc.len;
    tern_bn_word one[TERN_BN_MAX_WORDS], pm1[TERN_BN_MAX_WORDS];

    while (peer_len > 0 && peer[0] == 0) {
        peer++;
        peer_len--;
    }
    TERN_ENSURE(peer_len <= w->p_len, TERN_ERR_BAD_POINT);
    (void)tern_bn_decode(w->x, len, peer, peer_len);
    memset(one, 0, len * sizeof(tern_bn_word));
    one[0] = 1;
    memcpy(pm1, w->mc.m, len * sizeof(tern_bn_word));
    pm1[0] ^= 1;                                                      /* p - 1 */
    TERN_ENSURE(tern_bn_lt(one, w->x, len) == 1, TERN_ERR_BAD_POINT); /* y > 1 */
    TERN_ENSURE(tern_bn_lt(w->x, pm1, len) == 1, TERN_ERR_BAD_POINT); /* y < p-1 */
    if (w->q != NULL) {
        /* w->g is free during a derive */
        memcpy(w->g, w->x, len * sizeof(tern_bn_word));
        tern_bn_modexp_vartime(w->g, w->q, w->q_len, &w->mc, w->tmp);
        TERN_ENSURE(tern_bn_eq(w->g, one, len), TERN_ERR_BAD_POINT);
    }
    return TERN_OK;
}

/* see include/tern/dh.h */
int tern_dh_derive(const tern_dh_group *grp, size_t min_bits, const uint8_t *priv, size_t priv_len,
                   const uint8_t *peer, size_t peer_len, uint8_t *secret)
{
    tern_dh_work w;
    tern_bn_word one[TERN_BN_MAX_WORDS];
    uint32_t ok;
    size_t i;
    uint8_t keep;
    int ret;

    TERN_CHECK_ARG(priv != NULL && secret != NULL && (peer != NULL || peer_len == 0));
    /* one `out:` label: w holds the secret result on the way out */
    TERN_TRY_GOTO(tern_dh_load(&w, grp, min_bits));
    TERN_ENSURE_GOTO(priv_len >= 1 && priv_len <= w.p_len, TERN_ERR_BAD_ARG);
    TERN_TRY_GOTO(load_peer(&w, peer, peer_len));
    tern_dh_exp(&w, priv, priv_len, secret);

    /* Z = 1 only for a peer value of small order (impossible after the
     * checks above for a safe prime with x < q); fail closed, without a
     * branch on the secret. */
    memset(one, 0, w.mc.len * sizeof(tern_bn_word));
    one[0] = 1;
    ok = tern_ct_not(tern_bn_eq(w.x, one, w.mc.len));
    keep = (uint8_t)(0u - tern_ct_barrier(ok));
    for (i = 0; i < w.p_len; i++) {
        secret[i] &= keep;
    }
    ret = tern_bn_status(ok, TERN_ERR_BAD_SHARED_SECRET);
out:
    tern_wipe(&w, sizeof(w));
    return ret;
}

#else
typedef int tern_dh_derive_unused_;
#endif /* TERN_CONFIG_FFDH */
