/*
 * Public halves of private keys, and key sizes.
 */
#include <string.h>

#include "common/try_internal.h"
#include "crypto/keys/keys_internal.h"

/* see include/tern/keys.h */
int tern_pubkey_from_privkey(const tern_privkey *priv, tern_pubkey *pub)
{
    tern_pubkey k;

    TERN_CHECK_ARG(priv != NULL && pub != NULL);
    memset(&k, 0, sizeof(k));
    k.type = priv->type;
    switch (priv->type) {
    case TERN_KEY_RSA:
        k.u.rsa.n = priv->u.rsa.n;
        k.u.rsa.n_len = priv->u.rsa.n_len;
        k.u.rsa.e = priv->u.rsa.e;
        k.u.rsa.e_len = priv->u.rsa.e_len;
        TERN_ENSURE(k.u.rsa.n != NULL && k.u.rsa.e != NULL, TERN_ERR_BAD_ARG);
        break;
    case TERN_KEY_EC:
        /* Computing d*G is the EC code's job. */
        TERN_ENSURE(priv->u.ec.q != NULL, TERN_ERR_UNSUPPORTED);
        k.u.ec.curve = priv->u.ec.curve;
        k.u.ec.q = priv->u.ec.q;
        k.u.ec.q_len = priv->u.ec.q_len;
        break;
    case TERN_KEY_ED25519:
    case TERN_KEY_X25519:
        TERN_ENSURE(priv->u.ed25519.pk != NULL, TERN_ERR_UNSUPPORTED);
        k.u.ed25519.pk = priv->u.ed25519.pk;
        break;
    default:
        return TERN_ERR_BAD_ARG;
    }
    *pub = k;
    return TERN_OK;
}

/* see include/tern/pk.h */
size_t tern_pubkey_bits(const tern_pubkey *key)
{
    if (key == NULL) {
        return 0;
    }
    switch (key->type) {
    case TERN_KEY_RSA:
        return key->u.rsa.n != NULL ? tern_keys_bitlen(key->u.rsa.n, key->u.rsa.n_len) : 0;
    case TERN_KEY_EC:
        return tern_keys_curve_bytes(key->u.ec.curve) * 8u;
    case TERN_KEY_ED25519:
    case TERN_KEY_X25519:
        /* 32-byte keys over a 255-bit field; reported as 256 like the
         * other 128-bit-security curve. */
        return 256;
    default:
        return 0;
    }
}
