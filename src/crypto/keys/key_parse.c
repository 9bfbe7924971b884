/*
 * Format detection: SubjectPublicKeyInfo vs RSAPublicKey, and PKCS#8 vs
 * RSAPrivateKey vs ECPrivateKey, told apart by the shape of the outer
 * SEQUENCE, so each error code comes from the one parser that applies.
 */
#include "common/try_internal.h"
#include "crypto/keys/keys_internal.h"

/* The identifier octet of element `index` (0 or 1) of the outer SEQUENCE. */
static int inner_tag(const uint8_t *der, size_t len, unsigned index, uint8_t *tag)
{
    tern_reader top, seq;

    tern_reader_init(&top, der, len);
    TERN_TRY(tern_der_read_sequence(&top, &seq));
    TERN_TRY(tern_der_end(&top));
    if (index == 1) {
        TERN_TRY(tern_der_skip(&seq));
    }
    return tern_der_peek_tag(&seq, tag);
}

/* see include/tern/keys.h */
int tern_key_parse_public(const uint8_t *der, size_t len, tern_pubkey *pub)
{
    uint8_t tag;

    TERN_CHECK_ARG(pub != NULL && (der != NULL || len == 0));
    /* SPKI starts with the AlgorithmIdentifier SEQUENCE, RSAPublicKey
     * with the modulus INTEGER. */
    TERN_TRY(inner_tag(der, len, 0, &tag));
    if (tag == TERN_DER_SEQUENCE) {
        return tern_key_parse_spki(der, len, pub, NULL);
    }
    TERN_ENSURE(tag == TERN_DER_INTEGER, TERN_ERR_ASN1);
    return tern_key_parse_rsa_public(der, len, pub);
}

/* see include/tern/keys.h */
int tern_key_parse_private(const uint8_t *der, size_t len, tern_privkey *priv)
{
    uint8_t tag;

    TERN_CHECK_ARG(priv != NULL && (der != NULL || len == 0));
    /* All three start with a version INTEGER; then PKCS#8 has the
     * AlgorithmIdentifier SEQUENCE, RSAPrivateKey the modulus INTEGER and
     * ECPrivateKey the privateKey OCTET STRING. */
    TERN_TRY(inner_tag(der, len, 1, &tag));
    switch (tag) {
    case TERN_DER_SEQUENCE:
        return tern_key_parse_pkcs8(der, len, priv, NULL);
    case TERN_DER_INTEGER:
        return tern_key_parse_rsa_private(der, len, priv);
    case TERN_DER_OCTET_STRING:
        return tern_key_parse_sec1(der, len, priv);
    default:
        return TERN_ERR_ASN1;
    }
}
