/*
 * Signatures over a precomputed digest, by TLS SignatureScheme (see
 * include/tern/pk.h): the digest entry points of the built-in
 * algorithms, chosen by the scheme's key type and hash.
 */
#include <stddef.h>

#include "common/try_internal.h"
#include "tern/pk.h"
#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384
#include "tern/ec.h"
#endif
#if TERN_CONFIG_RSA
#include "tern/rsa.h"
#endif

#if TERN_CONFIG_RSA
/* RSASSA-PSS schemes (0x0804..0x0806 rsae, 0x0809..0x080b pss): MGF1
 * with the same hash and a salt as long as the hash (RFC 8446 4.2.3). */
static int is_pss(uint16_t scheme)
{
    return (scheme >= TERN_SIG_RSA_PSS_RSAE_SHA256 && scheme <= TERN_SIG_RSA_PSS_RSAE_SHA512) ||
           (scheme >= TERN_SIG_RSA_PSS_PSS_SHA256 && scheme <= TERN_SIG_RSA_PSS_PSS_SHA512);
}
#endif

/* The class (for key type and hash) and a digest length check. */
static int lookup(uint16_t scheme, int key_type, size_t digest_len, const tern_sig_class **out)
{
    const tern_sig_class *cls = tern_sig_by_scheme(scheme);
    TERN_ENSURE(cls != NULL && cls->hash != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    TERN_ENSURE(cls->key_type == key_type, TERN_ERR_BAD_KEY);
    TERN_ENSURE(digest_len == cls->hash->digest_len, TERN_ERR_BAD_LENGTH);
    *out = cls;
    return TERN_OK;
}

/* see include/tern/pk.h */
int tern_sig_sign_digest(uint16_t scheme, const tern_privkey *key, const tern_rng_class **rng,
                         const uint8_t *digest, size_t digest_len, uint8_t *sig, size_t *sig_len)
{
    const tern_sig_class *cls;

    TERN_ENSURE(key != NULL && digest != NULL && sig != NULL && sig_len != NULL,
                TERN_ERR_NULL_POINTER);
    TERN_TRY(lookup(scheme, key->type, digest_len, &cls));
#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384
    if (key->type == TERN_KEY_EC) {
        TERN_ENSURE(cls->curve == 0 || cls->curve == key->u.ec.curve, TERN_ERR_BAD_KEY);
        return tern_ecdsa_sign(key->u.ec.curve, key->u.ec.d, key->u.ec.d_len, cls->hash, digest,
                               digest_len, rng, TERN_ECDSA_DER, sig, sig_len);
    }
#endif
#if TERN_CONFIG_RSA
    if (key->type == TERN_KEY_RSA) {
        if (is_pss(scheme)) {
            return tern_rsa_pss_sign(&key->u.rsa, rng, cls->hash, cls->hash->digest_len, digest,
                                     digest_len, sig, sig_len);
        }
        return tern_rsa_pkcs1_sign(&key->u.rsa, rng, cls->hash, digest, digest_len, sig, sig_len);
    }
#endif
    (void)rng;
    return TERN_ERR_UNSUPPORTED_ALGORITHM;
}

/* see include/tern/pk.h */
int tern_sig_verify_digest(uint16_t scheme, const tern_pubkey *key, const uint8_t *digest,
                           size_t digest_len, const uint8_t *sig, size_t sig_len)
{
    const tern_sig_class *cls;

    TERN_ENSURE(key != NULL && digest != NULL && (sig != NULL || sig_len == 0),
                TERN_ERR_NULL_POINTER);
    if (lookup(scheme, key->type, digest_len, &cls) != TERN_OK) {
        return TERN_ERR_BAD_SIGNATURE;
    }
#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384
    if (key->type == TERN_KEY_EC) {
        if (cls->curve != 0 && cls->curve != key->u.ec.curve) {
            return TERN_ERR_BAD_SIGNATURE;
        }
        return tern_ecdsa_verify(key->u.ec.curve, key->u.ec.q, key->u.ec.q_len, digest, digest_len,
                                 sig, sig_len, TERN_ECDSA_DER) == TERN_OK
                   ? TERN_OK
                   : TERN_ERR_BAD_SIGNATURE;
    }
#endif
#if TERN_CONFIG_RSA
    if (key->type == TERN_KEY_RSA) {
        int rc =
            is_pss(scheme)
                ? tern_rsa_pss_verify(&key->u.rsa, cls->hash, cls->hash, cls->hash->digest_len,
                                      digest, digest_len, sig, sig_len)
                : tern_rsa_pkcs1_verify(&key->u.rsa, cls->hash, digest, digest_len, sig, sig_len);
        return rc == TERN_OK ? TERN_OK : TERN_ERR_BAD_SIGNATURE;
    }
#endif
    return TERN_ERR_BAD_SIGNATURE;
}
