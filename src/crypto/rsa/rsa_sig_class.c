/*
 * tern_sig_class objects for the TLS RSA signature schemes
 * (RFC 8446 4.2.3, RFC 5246 7.4.1.4.1): the class hashes the message,
 * PSS uses MGF1 with the same hash and a salt of the hash's length.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include "common/try_internal.h"
#include "crypto/rsa/rsa_internal.h"
#include "tern/util.h"

static int is_pss(const tern_sig_class *cls)
{
    return (cls->scheme >> 8) == 0x08;
}

static int rsa_verify(const tern_sig_class *cls, const tern_pubkey *key, const uint8_t *msg,
                      size_t msg_len, const uint8_t *sig, size_t sig_len)
{
    uint8_t digest[TERN_HASH_MAX_DIGEST];
    size_t h_len;
    int ret;

    if (cls == NULL || key == NULL || key->type != TERN_KEY_RSA || sig == NULL ||
        (msg == NULL && msg_len > 0)) {
        return TERN_ERR_BAD_SIGNATURE;
    }
    h_len = cls->hash->digest_len;
    tern_hash(cls->hash, msg, msg_len, digest);
    if (is_pss(cls)) {
        ret = tern_rsa_pss_verify(&key->u.rsa, cls->hash, cls->hash, h_len, digest, h_len, sig,
                                  sig_len);
    } else {
        ret = tern_rsa_pkcs1_verify(&key->u.rsa, cls->hash, digest, h_len, sig, sig_len);
    }
    return ret == TERN_OK ? TERN_OK : TERN_ERR_BAD_SIGNATURE;
}

static int rsa_sign(const tern_sig_class *cls, const tern_privkey *key, const tern_rng_class **rng,
                    const uint8_t *msg, size_t msg_len, uint8_t *sig, size_t *sig_len)
{
    uint8_t digest[TERN_HASH_MAX_DIGEST];
    size_t h_len;

    TERN_CHECK_ARG(cls != NULL && key != NULL && (msg != NULL || msg_len == 0));
    TERN_ENSURE(key->type == TERN_KEY_RSA, TERN_ERR_BAD_KEY);
    h_len = cls->hash->digest_len;
    tern_hash(cls->hash, msg, msg_len, digest);
    if (is_pss(cls)) {
        return tern_rsa_pss_sign(&key->u.rsa, rng, cls->hash, h_len, digest, h_len, sig, sig_len);
    }
    return tern_rsa_pkcs1_sign(&key->u.rsa, rng, cls->hash, digest, h_len, sig, sig_len);
}

#define RSA_CLASS(sym, name, scheme, hash)                                                         \
    const tern_sig_class sym = {name, scheme, TERN_KEY_RSA, 0, &hash, rsa_verify, rsa_sign}

/* see include/tern/rsa.h */
#if TERN_CONFIG_SHA1
RSA_CLASS(tern_sig_rsa_pkcs1_sha1, "rsa_pkcs1_sha1", TERN_SIG_RSA_PKCS1_SHA1, tern_sha1_class);
#endif
RSA_CLASS(tern_sig_rsa_pkcs1_sha256, "rsa_pkcs1_sha256", TERN_SIG_RSA_PKCS1_SHA256,
          tern_sha256_class);
RSA_CLASS(tern_sig_rsa_pkcs1_sha384, "rsa_pkcs1_sha384", TERN_SIG_RSA_PKCS1_SHA384,
          tern_sha384_class);
RSA_CLASS(tern_sig_rsa_pkcs1_sha512, "rsa_pkcs1_sha512", TERN_SIG_RSA_PKCS1_SHA512,
          tern_sha512_class);
RSA_CLASS(tern_sig_rsa_pss_rsae_sha256, "rsa_pss_rsae_sha256", TERN_SIG_RSA_PSS_RSAE_SHA256,
          tern_sha256_class);
RSA_CLASS(tern_sig_rsa_pss_rsae_sha384, "rsa_pss_rsae_sha384", TERN_SIG_RSA_PSS_RSAE_SHA384,
          tern_sha384_class);
RSA_CLASS(tern_sig_rsa_pss_rsae_sha512, "rsa_pss_rsae_sha512", TERN_SIG_RSA_PSS_RSAE_SHA512,
          tern_sha512_class);
RSA_CLASS(tern_sig_rsa_pss_pss_sha256, "rsa_pss_pss_sha256", TERN_SIG_RSA_PSS_PSS_SHA256,
          tern_sha256_class);
RSA_CLASS(tern_sig_rsa_pss_pss_sha384, "rsa_pss_pss_sha384", TERN_SIG_RSA_PSS_PSS_SHA384,
          tern_sha384_class);
RSA_CLASS(tern_sig_rsa_pss_pss_sha512, "rsa_pss_pss_sha512", TERN_SIG_RSA_PSS_PSS_SHA512,
          tern_sha512_class);

#else
typedef int tern_rsa_sig_class_unused_;
#endif /* TERN_CONFIG_RSA */
