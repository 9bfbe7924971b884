/*
 * tern_kex_class wrappers for the RFC 7919 groups (TLS NamedGroups
 * ffdhe2048 and ffdhe3072).
 */
#include "tern/config.h"

#if TERN_CONFIG_FFDH

#include "common/try_internal.h"
#include "tern/dh.h"

static const tern_dh_group *kex_group(const tern_kex_class *cls)
{
    return cls->group == TERN_GROUP_FFDHE2048 ? &tern_dh_ffdhe2048_group : &tern_dh_ffdhe3072_group;
}

static int kex_keygen(const tern_kex_class *cls, const tern_rng_class **rng, uint8_t *priv,
                      uint8_t *pub)
{
    TERN_CHECK_ARG(cls != NULL);
    /* The named groups are known good: no size policy applies. */
    return tern_dh_keygen(kex_group(cls), 1, rng, priv, cls->priv_len, pub);
}

static int kex_derive(const tern_kex_class *cls, const uint8_t *priv, const uint8_t *peer,
                      size_t peer_len, uint8_t *secret)
{
    TERN_CHECK_ARG(cls != NULL);
    TERN_ENSURE(peer_len >= 1 && peer_len <= cls->pub_len, TERN_ERR_BAD_POINT);
    return tern_dh_derive(kex_group(cls), 1, priv, cls->priv_len, peer, peer_len, secret);
}

/* see include/tern/dh.h */
const tern_kex_class tern_kex_ffdhe2048 = {"ffdhe2048", TERN_GROUP_FFDHE2048, 32,        256,
                                           256,         kex_keygen,           kex_derive};

/* see include/tern/dh.h */
const tern_kex_class tern_kex_ffdhe3072 = {"ffdhe3072", TERN_GROUP_FFDHE3072, 36,        384,
                                           384,         kex_keygen,           kex_derive};

#else
typedef int tern_dh_kex_class_unused_;
#endif /* TERN_CONFIG_FFDH */
