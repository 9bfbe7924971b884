/*
 * RSASSA-PKCS1-v1_5 signature generation and verification
 * (RFC 8017 8.2.1, 8.2.2).
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include "common/ct_internal.h"
#include "common/try_internal.h"
#include "crypto/rsa/rsa_internal.h"
#include "tern/util.h"

/* see include/tern/rsa.h */
int tern_rsa_pkcs1_sign(const tern_rsa_privkey *key, const tern_rng_class **rng,
                        const tern_hash_class *hash, const uint8_t *digest, size_t digest_len,
                        uint8_t *sig, size_t *sig_len)
{
    uint8_t em[TERN_RSA_MAX_LEN];
    size_t k;

    TERN_CHECK_ARG(key != NULL && sig != NULL && sig_len != NULL);
    k = tern_rsa_modulus_len(key->n, key->n_len);
    TERN_ENSURE(k > 0 && k <= TERN_RSA_MAX_LEN, TERN_ERR_BAD_KEY);
    TERN_ENSURE(*sig_len >= k, TERN_ERR_BUFFER_TOO_SMALL);
    TERN_TRY(tern_rsa_emsa_pkcs1_encode(hash, digest, digest_len, em, k));
    *sig_len = k;
    /* Last step, and no branch on its (secret-dependent) fault verdict. */
    return tern_rsa_private(key, rng, em, k, sig);
}

/* see include/tern/rsa.h */
int tern_rsa_pkcs1_verify(const tern_rsa_pubkey *key, const tern_hash_class *hash,
                          const uint8_t *digest, size_t digest_len, const uint8_t *sig,
                          size_t sig_len)
{
    uint8_t em[TERN_RSA_MAX_LEN], want[TERN_RSA_MAX_LEN];
    size_t k;
    int ret;

    TERN_CHECK_ARG(key != NULL && digest != NULL && sig != NULL);
    k = tern_rsa_modulus_len(key->n, key->n_len);
    /* step 1: the signature is exactly k bytes */
    TERN_ENSURE(k > 0 && sig_len == k, TERN_ERR_BAD_SIGNATURE);
    ret = tern_rsa_public(key, sig, sig_len, em);
    if (ret == TERN_ERR_BAD_ARG || ret == TERN_ERR_BAD_LENGTH) {
        return TERN_ERR_BAD_SIGNATURE; /* s >= n (step 2b) */
    }
    TERN_TRY(ret);
    /* step 3: an encoding error on our side (digest too long for the
     * key) means "invalid signature"; an unknown hash or a wrong digest
     * length is the caller's error. */
    ret = tern_rsa_emsa_pkcs1_encode(hash, digest, digest_len, want, k);
    if (ret == TERN_ERR_BAD_LENGTH && (hash == NULL || digest_len == hash->digest_len)) {
        return TERN_ERR_BAD_SIGNATURE;
    }
    TERN_TRY(ret);
    /* step 4: compare the whole encoding */
    TERN_ENSURE(tern_ct_memeq(em, want, k), TERN_ERR_BAD_SIGNATURE);
    return TERN_OK;
}

#else
typedef int tern_rsa_pkcs1_sig_unused_;
#endif /* TERN_CONFIG_RSA */
