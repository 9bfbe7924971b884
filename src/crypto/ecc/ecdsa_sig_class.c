/*
 * tern_sig_class objects for the TLS ECDSA signature schemes
 * (RFC 8446 4.2.3, RFC 8422 5.4 / RFC 5246 7.4.1.4.1): the class hashes
 * the message with its hash and signs / verifies the digest with the
 * key's curve, DER signatures. See include/tern/ec.h and pk.h.
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "common/try_internal.h"
#include "tern/ec.h"
#include "tern/util.h"

/* A key of the class's curve (any P-curve when cls->curve is 0). */
static int curve_fits(const tern_sig_class *cls, uint16_t curve)
{
    return tern_ec_curve_len(curve) != 0 && (cls->curve == 0 || cls->curve == curve);
}

static int ecdsa_verify(const tern_sig_class *cls, const tern_pubkey *key, const uint8_t *msg,
                        size_t msg_len, const uint8_t *sig, size_t sig_len)
{
    uint8_t digest[TERN_HASH_MAX_DIGEST];

    TERN_CHECK_ARG(cls != NULL && (msg != NULL || msg_len == 0));
    /* a key of another type or curve is a signature that does not verify
     * (pk.h) */
    TERN_ENSURE(key != NULL && key->type == TERN_KEY_EC && curve_fits(cls, key->u.ec.curve),
                TERN_ERR_BAD_SIGNATURE);
    TERN_ENSURE(sig != NULL || sig_len == 0, TERN_ERR_BAD_SIGNATURE);
    tern_hash(cls->hash, msg, msg_len, digest);
    if (tern_ecdsa_verify(key->u.ec.curve, key->u.ec.q, key->u.ec.q_len, digest,
                          cls->hash->digest_len, sig, sig_len, TERN_ECDSA_DER) != TERN_OK) {
        return TERN_ERR_BAD_SIGNATURE;
    }
    return TERN_OK;
}

static int ecdsa_sign(const tern_sig_class *cls, const tern_privkey *key,
                      const tern_rng_class **rng, const uint8_t *msg, size_t msg_len, uint8_t *sig,
                      size_t *sig_len)
{
    uint8_t digest[TERN_HASH_MAX_DIGEST];
    int ret;

    TERN_CHECK_ARG(cls != NULL && key != NULL && sig_len != NULL && (msg != NULL || msg_len == 0));
    TERN_ENSURE(key->type == TERN_KEY_EC && curve_fits(cls, key->u.ec.curve), TERN_ERR_BAD_KEY);
    tern_hash(cls->hash, msg, msg_len, digest);
    ret = tern_ecdsa_sign(key->u.ec.curve, key->u.ec.d, key->u.ec.d_len, cls->hash, digest,
                          cls->hash->digest_len, rng, TERN_ECDSA_DER, sig, sig_len);
    /* the message may be secret */
    tern_wipe(digest, sizeof(digest));
    return ret;
}

#define ECDSA_CLASS(sym, cname, cscheme, chash)                                                    \
    const tern_sig_class sym = {                                                                   \
        .name = cname,                                                                             \
        .scheme = cscheme,                                                                         \
        .key_type = TERN_KEY_EC,                                                                   \
        .curve = 0,                                                                                \
        .hash = &chash,                                                                            \
        .verify = ecdsa_verify,                                                                    \
        .sign = ecdsa_sign,                                                                        \
    }

/* see include/tern/ec.h. The curve is taken from the key (curve 0): TLS
 * 1.2 allows any pairing of curve and hash (RFC 8422 5.4), and the TLS 1.3
 * pairing is enforced by the handshake. */
ECDSA_CLASS(tern_sig_ecdsa_sha256, "ecdsa_secp256r1_sha256", TERN_SIG_ECDSA_SECP256R1_SHA256,
            tern_sha256_class);
ECDSA_CLASS(tern_sig_ecdsa_sha384, "ecdsa_secp384r1_sha384", TERN_SIG_ECDSA_SECP384R1_SHA384,
            tern_sha384_class);
ECDSA_CLASS(tern_sig_ecdsa_sha512, "ecdsa_secp521r1_sha512", TERN_SIG_ECDSA_SECP521R1_SHA512,
            tern_sha512_class);
#if TERN_CONFIG_SHA1
ECDSA_CLASS(tern_sig_ecdsa_sha1, "ecdsa_sha1", TERN_SIG_ECDSA_SHA1, tern_sha1_class);
#endif

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ecdsa_sig_class_unused_;
#endif
