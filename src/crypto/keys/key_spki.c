/*
 * SubjectPublicKeyInfo (RFC 5280 4.1.2.7) for RSA, RSASSA-PSS, EC (RFC
 * 5480), Ed25519 and X25519 (RFC 8410).
 */
#include <string.h>

#include "common/try_internal.h"
#include "crypto/keys/keys_internal.h"

/* see include/tern/keys.h */
int tern_key_parse_spki(const uint8_t *der, size_t len, tern_pubkey *pub, tern_key_info *info)
{
    tern_reader top, seq;
    tern_key_info ki;
    tern_pubkey k;
    const uint8_t *key;
    size_t key_len;
    uint16_t curve;

    TERN_CHECK_ARG(pub != NULL && (der != NULL || len == 0));
    /* SubjectPublicKeyInfo ::= SEQUENCE {
     *   algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING } */
    tern_reader_init(&top, der, len);
    TERN_TRY(tern_der_read_sequence(&top, &seq));
    TERN_TRY(tern_der_end(&top));
    TERN_TRY(tern_keys_read_algid(&seq, &ki, &curve));
    TERN_TRY(tern_der_read_bit_string_octets(&seq, &key, &key_len));
    TERN_TRY(tern_der_end(&seq));

    memset(&k, 0, sizeof(k));
    switch (ki.alg) {
    case TERN_KEY_ALG_RSA:
    case TERN_KEY_ALG_RSA_PSS:
        /* RFC 3279 2.3.1, RFC 4055 1.2: the BIT STRING holds an
         * RSAPublicKey. */
        k.type = TERN_KEY_RSA;
        TERN_TRY(tern_keys_parse_rsa_pub(key, key_len, &k.u.rsa));
        break;
    case TERN_KEY_ALG_EC:
        /* RFC 5480 2.2: the BIT STRING holds the ECPoint octets. */
        k.type = TERN_KEY_EC;
        TERN_TRY(tern_keys_check_ec_point(curve, key, key_len));
        k.u.ec.curve = curve;
        k.u.ec.q = key;
        k.u.ec.q_len = key_len;
        break;
    default:
        /* RFC 8410 4: the raw 32-byte key. */
        k.type = ki.alg == TERN_KEY_ALG_ED25519 ? TERN_KEY_ED25519 : TERN_KEY_X25519;
        TERN_ENSURE(key_len == 32, TERN_ERR_BAD_KEY);
        k.u.ed25519.pk = key;
        break;
    }
    *pub = k;
    if (info != NULL) {
        *info = ki;
    }
    return TERN_OK;
}
