/*
 * Key-agreement classes for the TLS groups secp256r1 and secp384r1
 * (RFC 8446 4.2.8.2, RFC 8422 5.4): the key_exchange value is the
 * uncompressed point, the shared secret the x-coordinate. See pk.h and
 * include/tern/ec.h.
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "common/try_internal.h"
#include "tern/ec.h"

static int kex_keygen(const tern_kex_class *cls, const tern_rng_class **rng, uint8_t *priv,
                      uint8_t *pub)
{
    return tern_ec_keygen(cls->group, rng, priv, pub);
}

static int kex_derive(const tern_kex_class *cls, const uint8_t *priv, const uint8_t *peer,
                      size_t peer_len, uint8_t *secret)
{
    return tern_ecdh(cls->group, priv, cls->priv_len, peer, peer_len, secret);
}

#if TERN_CONFIG_ECC_P256
/* see include/tern/ec.h */
const tern_kex_class tern_kex_secp256r1 = {
    .name = "secp256r1",
    .group = TERN_GROUP_SECP256R1,
    .priv_len = 32,
    .pub_len = 65,
    .secret_len = 32,
    .keygen = kex_keygen,
    .derive = kex_derive,
};
#endif

#if TERN_CONFIG_ECC_P384
/* see include/tern/ec.h */
const tern_kex_class tern_kex_secp384r1 = {
    .name = "secp384r1",
    .group = TERN_GROUP_SECP384R1,
    .priv_len = 48,
    .pub_len = 97,
    .secret_len = 48,
    .keygen = kex_keygen,
    .derive = kex_derive,
};
#endif

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ec_kex_unused_;
#endif
