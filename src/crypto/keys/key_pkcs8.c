/*
 * PKCS#8 PrivateKeyInfo (RFC 5208 5) and OneAsymmetricKey (RFC 5958 2),
 * unencrypted, for RSA (RFC 8017), EC (RFC 5915) and Curve25519 keys
 * (RFC 8410 7).
 */
#include <string.h>

#include "common/try_internal.h"
#include "crypto/keys/keys_internal.h"

/* CurvePrivateKey ::= OCTET STRING (RFC 8410 7), inside privateKey. */
static int parse_curve_private(const uint8_t *der, size_t len, const uint8_t **seed)
{
    tern_reader r;
    const uint8_t *p;
    size_t n;

    tern_reader_init(&r, der, len);
    TERN_TRY(tern_der_read_octet_string(&r, &p, &n));
    TERN_TRY(tern_der_end(&r));
    TERN_ENSURE(n == 32, TERN_ERR_BAD_KEY);
    *seed = p;
    return TERN_OK;
}

/* Equal magnitudes (public values). */
static int same(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len)
{
    return a_len == b_len && memcmp(a, b, a_len) == 0;
}

/* Attaches the publicKey field of a version 1 structure to the private
 * key k (of algorithm alg), checking it against what k already holds. */
static int attach_public(int alg, const uint8_t *p, size_t len, tern_privkey *k)
{
    tern_rsa_pubkey rsa;

    switch (alg) {
    case TERN_KEY_ALG_RSA:
    case TERN_KEY_ALG_RSA_PSS:
        /* Redundant for RSA: it must be the RSAPublicKey of n and e. */
        TERN_TRY(tern_keys_parse_rsa_pub(p, len, &rsa));
        TERN_ENSURE(same(rsa.n, rsa.n_len, k->u.rsa.n, k->u.rsa.n_len) &&
                        same(rsa.e, rsa.e_len, k->u.rsa.e, k->u.rsa.e_len),
                    TERN_ERR_BAD_KEY);
        return TERN_OK;
    case TERN_KEY_ALG_EC:
        TERN_TRY(tern_keys_check_ec_point(k->u.ec.curve, p, len));
        TERN_ENSURE(k->u.ec.q == NULL || same(p, len, k->u.ec.q, k->u.ec.q_len), TERN_ERR_BAD_KEY);
        k->u.ec.q = p;
        k->u.ec.q_len = len;
        return TERN_OK;
    default:
        TERN_ENSURE(len == 32, TERN_ERR_BAD_KEY);
        k->u.ed25519.pk = p;
        return TERN_OK;
    }
}

/* see include/tern/keys.h */
int tern_key_parse_pkcs8(const uint8_t *der, size_t len, tern_privkey *priv, tern_key_info *info)
{
    tern_reader top, seq;
    tern_der_elem attrs, pub;
    tern_key_info ki;
    tern_privkey k;
    const uint8_t *inner;
    size_t inner_len;
    int64_t version;
    uint16_t curve;
    int has_attrs, has_pub;

    TERN_CHECK_ARG(priv != NULL && (der != NULL || len == 0));
    /* OneAsymmetricKey ::= SEQUENCE {
     *   version                   Version,            -- v1(0), v2(1)
     *   privateKeyAlgorithm       AlgorithmIdentifier,
     *   privateKey                OCTET STRING,
     *   attributes            [0] IMPLICIT Attributes OPTIONAL,
     *   ...,
     *   [[2: publicKey        [1] IMPLICIT BIT STRING OPTIONAL ]],
     *   ... } */
    tern_reader_init(&top, der, len);
    TERN_TRY(tern_der_read_sequence(&top, &seq));
    TERN_TRY(tern_der_end(&top));
    TERN_TRY(tern_der_read_int64(&seq, &version));
    TERN_ENSURE(version == 0 || version == 1, TERN_ERR_BAD_KEY);
    TERN_TRY(tern_keys_read_algid(&seq, &ki, &curve));
    TERN_TRY(tern_der_read_octet_string(&seq, &inner, &inner_len));
    TERN_TRY(tern_der_read_optional(&seq, TERN_DER_CONTEXT_CONS(0), &attrs, &has_attrs));
    TERN_TRY(tern_der_read_optional(&seq, TERN_DER_CONTEXT(1), &pub, &has_pub));
    /* RFC 5958 2: publicKey requires version v2. */
    TERN_ENSURE(!has_pub || version == 1, TERN_ERR_ASN1);
    TERN_TRY(tern_der_end(&seq));

    memset(&k, 0, sizeof(k));
    switch (ki.alg) {
    case TERN_KEY_ALG_RSA:
    case TERN_KEY_ALG_RSA_PSS:
        k.type = TERN_KEY_RSA;
        TERN_TRY(tern_keys_parse_rsa_priv(inner, inner_len, &k.u.rsa));
        break;
    case TERN_KEY_ALG_EC:
        k.type = TERN_KEY_EC;
        TERN_TRY(tern_keys_parse_ec_priv(inner, inner_len, curve, &k.u.ec));
        break;
    default:
        k.type = ki.alg == TERN_KEY_ALG_ED25519 ? TERN_KEY_ED25519 : TERN_KEY_X25519;
        TERN_TRY(parse_curve_private(inner, inner_len, &k.u.ed25519.seed));
        break;
    }
    if (has_pub) {
        tern_der_bits bits;
        TERN_TRY(tern_der_decode_bit_string(&pub, &bits));
        TERN_ENSURE(bits.unused == 0, TERN_ERR_ASN1);
        TERN_TRY(attach_public(ki.alg, bits.bytes, bits.len, &k));
    }
    *priv = k;
    if (info != NULL) {
        *info = ki;
    }
    return TERN_OK;
}
