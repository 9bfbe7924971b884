/*
 * SEC1 ECPrivateKey (RFC 5915 3, SEC1 C.4).
 */
#include <string.h>

#include "common/ct_internal.h"
#include "common/try_internal.h"
#include "crypto/keys/keys_internal.h"

/* see src/crypto/keys/keys_internal.h */
int tern_keys_parse_ec_priv(const uint8_t *der, size_t len, uint16_t outer_curve,
                            tern_ec_privkey *key)
{
    tern_reader top, seq, params;
    tern_der_elem pub;
    tern_ec_privkey k;
    int64_t version;
    uint16_t curve = 0;
    uint32_t acc = 0;
    size_t i, fs;
    int present;

    /* ECPrivateKey ::= SEQUENCE {
     *   version    INTEGER { ecPrivkeyVer1(1) },
     *   privateKey OCTET STRING,
     *   parameters [0] ECParameters {{ NamedCurve }} OPTIONAL,
     *   publicKey  [1] BIT STRING OPTIONAL }   (explicit tags) */
    memset(&k, 0, sizeof(k));
    tern_reader_init(&top, der, len);
    TERN_TRY(tern_der_read_sequence(&top, &seq));
    TERN_TRY(tern_der_end(&top));
    TERN_TRY(tern_der_read_int64(&seq, &version));
    TERN_ENSURE(version == 1, TERN_ERR_BAD_KEY);
    TERN_TRY(tern_der_read_octet_string(&seq, &k.d, &k.d_len));
    if (tern_der_next_is(&seq, TERN_DER_CONTEXT_CONS(0))) {
        TERN_TRY(tern_der_read_constructed(&seq, TERN_DER_CONTEXT_CONS(0), &params));
        TERN_TRY(tern_keys_read_curve(&params, &curve));
        TERN_TRY(tern_der_end(&params));
    }
    TERN_TRY(tern_der_read_explicit_optional(&seq, 1, TERN_DER_BIT_STRING, &pub, &present));
    TERN_TRY(tern_der_end(&seq));

    /* RFC 5915 3: the parameters may be omitted when the enclosing
     * structure (PKCS#8) names the curve; given twice they must agree. */
    if (curve == 0) {
        curve = outer_curve;
    }
    TERN_ENSURE(curve != 0, TERN_ERR_BAD_KEY);
    TERN_ENSURE(outer_curve == 0 || outer_curve == curve, TERN_ERR_BAD_KEY);
    k.curve = curve;

    /* privateKey: I2OSP(d, ceiling(log2(n) / 8)) (RFC 5915 3); shorter
     * strings mean leading zeros (pk.h). d != 0, tested without a branch
     * on the octets. */
    fs = tern_keys_curve_bytes(curve);
    TERN_ENSURE(k.d_len >= 1 && k.d_len <= fs, TERN_ERR_BAD_KEY);
    for (i = 0; i < k.d_len; i++) {
        acc |= k.d[i];
    }
    TERN_ENSURE(tern_ct_is_zero(acc) == 0, TERN_ERR_BAD_KEY);

    if (present) {
        tern_der_bits bits;
        TERN_TRY(tern_der_decode_bit_string(&pub, &bits));
        TERN_ENSURE(bits.unused == 0, TERN_ERR_ASN1);
        TERN_TRY(tern_keys_check_ec_point(curve, bits.bytes, bits.len));
        k.q = bits.bytes;
        k.q_len = bits.len;
    }
    *key = k;
    return TERN_OK;
}

/* see include/tern/keys.h */
int tern_key_parse_sec1(const uint8_t *der, size_t len, tern_privkey *priv)
{
    tern_ec_privkey k;

    TERN_CHECK_ARG(priv != NULL && (der != NULL || len == 0));
    TERN_TRY(tern_keys_parse_ec_priv(der, len, 0, &k));
    memset(priv, 0, sizeof(*priv));
    priv->type = TERN_KEY_EC;
    priv->u.ec = k;
    return TERN_OK;
}
