/*
 * RSASSA-PSS signature generation (RFC 8017 8.1.1, EMSA-PSS-ENCODE 9.1.1)
 * with MGF1 over the same hash.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "common/try_internal.h"
#include "crypto/rsa/rsa_internal.h"
#include "tern/util.h"

/* see include/tern/rsa.h */
int tern_rsa_pss_sign_salt(const tern_rsa_privkey *key, const tern_rng_class **rng,
                           const tern_hash_class *hash, const uint8_t *salt, size_t salt_len,
                           const uint8_t *digest, size_t digest_len, uint8_t *sig, size_t *sig_len)
{
    uint8_t em[TERN_RSA_MAX_LEN];
    uint8_t *db, *h;
    size_t k, bits, em_bits, em_len, h_len, db_len;
    tern_rsa_pubkey pub;

    TERN_CHECK_ARG(key != NULL && hash != NULL && digest != NULL && sig != NULL &&
                   sig_len != NULL && (salt != NULL || salt_len == 0));
    pub.n = key->n;
    pub.n_len = key->n_len;
    pub.e = key->e;
    pub.e_len = key->e_len;
    k = tern_rsa_modulus_len(key->n, key->n_len);
    bits = tern_rsa_pubkey_bits(&pub);
    TERN_ENSURE(k > 0 && k <= TERN_RSA_MAX_LEN, TERN_ERR_BAD_KEY);
    TERN_ENSURE(*sig_len >= k, TERN_ERR_BUFFER_TOO_SMALL);
    h_len = hash->digest_len;
    TERN_ENSURE(digest_len == h_len, TERN_ERR_BAD_LENGTH);

    /* emBits = modBits - 1; emLen is k, or k - 1 when modBits = 1 mod 8
     * (then EM is written with one leading zero byte). */
    em_bits = bits - 1;
    em_len = (em_bits + 7) / 8;
    TERN_ENSURE(em_len >= h_len + 2 && salt_len <= em_len - h_len - 2, TERN_ERR_BAD_LENGTH);
    memset(em, 0, k);
    db = em + (k - em_len);
    db_len = em_len - h_len - 1;
    h = db + db_len;

    /* steps 5-6: H = Hash(0^8 || mHash || salt) */
    tern_rsa_pss_hash(hash, digest, salt, salt_len, h);
    /* steps 7-8: DB = PS || 0x01 || salt */
    db[db_len - salt_len - 1] = 0x01;
    if (salt_len > 0) {
        memcpy(db + db_len - salt_len, salt, salt_len);
    }
    /* steps 9-12 */
    tern_rsa_mgf1_xor(hash, h, h_len, db, db_len);
    db[0] &= (uint8_t)(0xff >> (8 * em_len - em_bits));
    h[h_len] = 0xbc;

    *sig_len = k;
    return tern_rsa_private(key, rng, em, k, sig);
}

/* see include/tern/rsa.h */
int tern_rsa_pss_sign(const tern_rsa_privkey *key, const tern_rng_class **rng,
                      const tern_hash_class *hash, size_t salt_len, const uint8_t *digest,
                      size_t digest_len, uint8_t *sig, size_t *sig_len)
{
    uint8_t salt[TERN_RSA_MAX_LEN];
    int ret;

    TERN_CHECK_ARG(rng != NULL);
    TERN_ENSURE(salt_len <= sizeof(salt), TERN_ERR_BAD_LENGTH);
    TERN_TRY(tern_rng_generate(rng, salt, salt_len));
    ret = tern_rsa_pss_sign_salt(key, rng, hash, salt, salt_len, digest, digest_len, sig, sig_len);
    tern_wipe(salt, sizeof(salt));
    return ret;
}

#else
typedef int tern_rsa_pss_sign_unused_;
#endif /* TERN_CONFIG_RSA */
