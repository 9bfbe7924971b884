/*
 * RSASSA-PSS verification (RFC 8017 8.1.2, EMSA-PSS-VERIFY 9.1.2).
 * Everything here is public data.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "common/ct_internal.h"
#include "common/try_internal.h"
#include "crypto/rsa/rsa_internal.h"

/* see include/tern/rsa.h */
int tern_rsa_pss_verify(const tern_rsa_pubkey *key, const tern_hash_class *hash,
                        const tern_hash_class *mgf1_hash, size_t salt_len, const uint8_t *digest,
                        size_t digest_len, const uint8_t *sig, size_t sig_len)
{
    uint8_t m[TERN_RSA_MAX_LEN];
    uint8_t want[TERN_HASH_MAX_DIGEST];
    const uint8_t *em, *h;
    uint8_t *db;
    size_t k, bits, em_bits, em_len, h_len, db_len, ps_len;
    int ret;

    TERN_CHECK_ARG(key != NULL && hash != NULL && mgf1_hash != NULL && digest != NULL &&
                   sig != NULL);
    h_len = hash->digest_len;
    TERN_ENSURE(digest_len == h_len, TERN_ERR_BAD_LENGTH);
    k = tern_rsa_modulus_len(key->n, key->n_len);
    TERN_ENSURE(k > 0 && sig_len == k, TERN_ERR_BAD_SIGNATURE);
    ret = tern_rsa_public(key, sig, sig_len, m);
    if (ret == TERN_ERR_BAD_ARG || ret == TERN_ERR_BAD_LENGTH) {
        return TERN_ERR_BAD_SIGNATURE;
    }
    TERN_TRY(ret);

    /* EM = I2OSP(m, emLen): with emLen = k - 1 the top byte must be 0 */
    bits = tern_rsa_pubkey_bits(key);
    em_bits = bits - 1;
    em_len = (em_bits + 7) / 8;
    if (em_len < k) {
        TERN_ENSURE(m[0] == 0, TERN_ERR_BAD_SIGNATURE);
    }
    em = m + (k - em_len);

    /* steps 3-4 */
    TERN_ENSURE(em_len >= h_len + 2, TERN_ERR_BAD_SIGNATURE);
    TERN_ENSURE(salt_len == TERN_RSA_PSS_SALT_ANY || salt_len <= em_len - h_len - 2,
                TERN_ERR_BAD_SIGNATURE);
    TERN_ENSURE(em[em_len - 1] == 0xbc, TERN_ERR_BAD_SIGNATURE);
    /* steps 5-9: unmask DB in place */
    db = m + (k - em_len);
    db_len = em_len - h_len - 1;
    h = em + db_len;
    TERN_ENSURE((db[0] & (uint8_t) ~(0xff >> (8 * em_len - em_bits))) == 0, TERN_ERR_BAD_SIGNATURE);
    tern_rsa_mgf1_xor(mgf1_hash, h, h_len, db, db_len);
    db[0] &= (uint8_t)(0xff >> (8 * em_len - em_bits));

    /* step 10: DB = 0x00.. || 0x01 || salt */
    for (ps_len = 0; ps_len < db_len && db[ps_len] == 0; ps_len++) {
    }
    TERN_ENSURE(ps_len < db_len && db[ps_len] == 0x01, TERN_ERR_BAD_SIGNATURE);
    if (salt_len == TERN_RSA_PSS_SALT_ANY) {
        salt_len = db_len - ps_len - 1;
    }
    TERN_ENSURE(ps_len == db_len - salt_len - 1, TERN_ERR_BAD_SIGNATURE);

    /* steps 11-14 */
    tern_rsa_pss_hash(hash, digest, db + db_len - salt_len, salt_len, want);
    TERN_ENSURE(tern_ct_memeq(want, h, h_len), TERN_ERR_BAD_SIGNATURE);
    return TERN_OK;
}

#else
typedef int tern_rsa_pss_verify_unused_;
#endif /* TERN_CONFIG_RSA */
