/*
 * tern_kex_x25519: the TLS key-agreement class for the group x25519
 * (RFC 8446 4.2.8.2, RFC 8422 5.11).
 */
#include "tern/config.h"

#if TERN_CONFIG_X25519

#include "common/try_internal.h"
#include "tern/curve25519.h"
#include "tern/util.h"

static int x25519_keygen(const tern_kex_class *cls, const tern_rng_class **rng, uint8_t *priv,
                         uint8_t *pub)
{
    int ret;

    TERN_CHECK_ARG(cls != NULL && rng != NULL && *rng != NULL && priv != NULL && pub != NULL);
    /* Any 32 bytes are a valid private key: clamping happens at use
     * (RFC 7748 6.1). */
    TERN_TRY_GOTO((*rng)->generate(rng, priv, 32));
    TERN_TRY_GOTO(tern_x25519_base(pub, priv));
    return TERN_OK;
out:
    tern_wipe(priv, 32);
    return ret;
}

static int x25519_derive(const tern_kex_class *cls, const uint8_t *priv, const uint8_t *peer,
                         size_t peer_len, uint8_t *secret)
{
    TERN_CHECK_ARG(cls != NULL && priv != NULL && secret != NULL);
    /* RFC 8446 4.2.8.2: the key_exchange field is exactly the 32-byte u. */
    TERN_ENSURE(peer != NULL && peer_len == 32, TERN_ERR_BAD_POINT);
    /* TERN_ERR_BAD_SHARED_SECRET (RFC 8446 7.4.2: abort) comes with an
     * all-zero secret buffer, so nothing is left to wipe, and no branch
     * here depends on the result. */
    return tern_x25519(secret, priv, peer);
}

const tern_kex_class tern_kex_x25519 = {
    .name = "x25519",
    .group = TERN_GROUP_X25519,
    .priv_len = 32,
    .pub_len = 32,
    .secret_len = 32,
    .keygen = x25519_keygen,
    .derive = x25519_derive,
};

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_x25519_kex_unused_;
#endif
