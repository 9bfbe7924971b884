/*
 * Signature algorithms of certificates and CRLs (RFC 5280 4.1.1.2 with
 * RFC 4055, RFC 5758, RFC 8410) and the check of one signature with an
 * issuer's public key.
 */
#include <string.h>

#include "asn1/oid_internal.h"
#include "common/try_internal.h"
#include "crypto/keys/keys_internal.h"
#include "tern/hash.h"
#include "x509/x509_internal.h"
#include "x509/x509_oid_internal.h"
#if TERN_CONFIG_RSA
#include "tern/rsa.h"
#endif
#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384
#include "tern/ec.h"
#endif
#if TERN_CONFIG_ED25519
#include "tern/curve25519.h"
#endif

static const struct {
    const char *oid;
    uint8_t len;
    uint8_t kind;
    uint8_t hash;
} sigalgs[] = {
#define SA(o, k, h)                                                                                \
    {                                                                                              \
        o, (uint8_t)(sizeof(o) - 1u), k, h                                                         \
    }
    SA(TERN_OID_SHA256_RSA, TERN_X509_SIG_RSA_PKCS1, TERN_HASH_SHA256),
    SA(TERN_OID_SHA384_RSA, TERN_X509_SIG_RSA_PKCS1, TERN_HASH_SHA384),
    SA(TERN_OID_SHA512_RSA, TERN_X509_SIG_RSA_PKCS1, TERN_HASH_SHA512),
    SA(TERN_OID_SHA224_RSA, TERN_X509_SIG_RSA_PKCS1, TERN_HASH_SHA224),
    SA(TERN_OID_SHA1_RSA, TERN_X509_SIG_RSA_PKCS1, TERN_HASH_SHA1),
    SA(TERN_OID_MD5_RSA, TERN_X509_SIG_RSA_PKCS1, TERN_HASH_MD5),
    SA(TERN_OID_ECDSA_SHA256, TERN_X509_SIG_ECDSA, TERN_HASH_SHA256),
    SA(TERN_OID_ECDSA_SHA384, TERN_X509_SIG_ECDSA, TERN_HASH_SHA384),
    SA(TERN_OID_ECDSA_SHA512, TERN_X509_SIG_ECDSA, TERN_HASH_SHA512),
    SA(TERN_OID_ECDSA_SHA224, TERN_X509_SIG_ECDSA, TERN_HASH_SHA224),
    SA(TERN_OID_ECDSA_SHA1, TERN_X509_SIG_ECDSA, TERN_HASH_SHA1),
    SA(TERN_OID_RSASSA_PSS, TERN_X509_SIG_RSA_PSS, 0),
    SA(TERN_OID_ED25519, TERN_X509_SIG_ED25519, 0),
#undef SA
};

/* see src/x509/x509_internal.h */
int tern_x509_read_sigalg(tern_reader *r, tern_x509_sigalg *alg)
{
    tern_reader seq;
    tern_der_elem oid;
    size_t i;

    memset(alg, 0, sizeof(*alg));
    /* AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY
     * OPTIONAL } */
    TERN_TRY(tern_der_read_sequence(r, &seq));
    TERN_TRY(tern_der_read_oid(&seq, &oid));
    for (i = 0; i < sizeof(sigalgs) / sizeof(sigalgs[0]); i++) {
        if (tern_der_oid_eq(&oid, (const uint8_t *)sigalgs[i].oid, sigalgs[i].len)) {
            break;
        }
    }
    if (i == sizeof(sigalgs) / sizeof(sigalgs[0])) {
        return TERN_ERR_UNSUPPORTED_ALGORITHM;
    }
    alg->kind = sigalgs[i].kind;
    alg->hash = sigalgs[i].hash;
    switch (alg->kind) {
    case TERN_X509_SIG_RSA_PKCS1:
        /* RFC 4055 5 / RFC 8017 A.2.4: parameters NULL. */
        TERN_TRY(tern_der_read_null(&seq));
        break;
    case TERN_X509_SIG_RSA_PSS: {
        /* RFC 4055 3.1: RSASSA-PSS-params are required in a signature
         * AlgorithmIdentifier. */
        tern_key_info ki;
        memset(&ki, 0, sizeof(ki));
        TERN_TRY(tern_keys_read_pss_params(&seq, &ki));
        alg->hash = ki.pss_hash;
        alg->mgf1_hash = ki.pss_mgf1_hash;
        alg->salt_len = ki.pss_salt_len;
        break;
    }
    default:
        /* RFC 5758 3.2, RFC 8410 3: parameters absent. */
        break;
    }
    TERN_TRY(tern_der_end(&seq));
    return TERN_OK;
}

/* see src/x509/x509_internal.h */
int tern_x509_verify_signature(const tern_x509_sigalg *alg, const tern_pubkey *key,
                               const uint8_t *msg, size_t msg_len, const uint8_t *sig,
                               size_t sig_len)
{
    uint8_t digest[TERN_HASH_MAX_DIGEST];
    const tern_hash_class *h = NULL;
    int rc = TERN_ERR_UNSUPPORTED_ALGORITHM;

    if (alg->kind != TERN_X509_SIG_ED25519) {
        h = tern_hash_by_id(alg->hash);
        TERN_ENSURE(h != NULL && alg->hash != TERN_HASH_MD5, TERN_ERR_UNSUPPORTED_ALGORITHM);
        tern_hash(h, msg, msg_len, digest);
    }
    switch (alg->kind) {
#if TERN_CONFIG_RSA
    case TERN_X509_SIG_RSA_PKCS1:
        TERN_ENSURE(key->type == TERN_KEY_RSA, TERN_ERR_BAD_SIGNATURE);
        rc = tern_rsa_pkcs1_verify(&key->u.rsa, h, digest, h->digest_len, sig, sig_len);
        break;
    case TERN_X509_SIG_RSA_PSS: {
        const tern_hash_class *mh = tern_hash_by_id(alg->mgf1_hash);
        TERN_ENSURE(key->type == TERN_KEY_RSA, TERN_ERR_BAD_SIGNATURE);
        TERN_ENSURE(mh != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
        rc = tern_rsa_pss_verify(&key->u.rsa, h, mh, alg->salt_len, digest, h->digest_len, sig,
                                 sig_len);
        break;
    }
#endif
#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384
    case TERN_X509_SIG_ECDSA:
        TERN_ENSURE(key->type == TERN_KEY_EC, TERN_ERR_BAD_SIGNATURE);
        rc = tern_ecdsa_verify(key->u.ec.curve, key->u.ec.q, key->u.ec.q_len, digest, h->digest_len,
                               sig, sig_len, TERN_ECDSA_DER);
        break;
#endif
#if TERN_CONFIG_ED25519
    case TERN_X509_SIG_ED25519:
        TERN_ENSURE(key->type == TERN_KEY_ED25519, TERN_ERR_BAD_SIGNATURE);
        TERN_ENSURE(sig_len == 64, TERN_ERR_BAD_SIGNATURE);
        rc = tern_ed25519_verify(key->u.ed25519.pk, msg, msg_len, sig);
        break;
#endif
    default:
        break;
    }
    if (rc == TERN_ERR_UNSUPPORTED_ALGORITHM) {
        return rc;
    }
    return rc == TERN_OK ? TERN_OK : TERN_ERR_BAD_SIGNATURE;
}
