/*
 * AlgorithmIdentifier of keys (RFC 5280 4.1.1.2 shape; RFC 3279, RFC 4055,
 * RFC 5480, RFC 8410 contents), ECParameters and RSASSA-PSS-params, and
 * the EC point format check.
 */
#include <string.h>

#include "asn1/oid_internal.h"
#include "common/try_internal.h"
#include "crypto/keys/keys_internal.h"
#include "tern/hash.h"

/* see src/crypto/keys/keys_internal.h */
size_t tern_keys_curve_bytes(uint16_t curve)
{
    switch (curve) {
    case TERN_GROUP_SECP256R1:
        return 32;
    case TERN_GROUP_SECP384R1:
        return 48;
    default:
        return 0;
    }
}

/* see src/crypto/keys/keys_internal.h */
int tern_keys_read_curve(tern_reader *r, uint16_t *curve)
{
    tern_der_elem oid;
    uint8_t tag;

    /* ECParameters ::= CHOICE { namedCurve OBJECT IDENTIFIER,
     *   implicitCurve NULL, specifiedCurve SpecifiedECDomain }
     * RFC 5480 2.1.1: PKIX uses namedCurve only. */
    TERN_TRY(tern_der_peek_tag(r, &tag));
    if (tag == TERN_DER_NULL || tag == TERN_DER_SEQUENCE) {
        TERN_TRY(tern_der_skip(r));
        return TERN_ERR_UNSUPPORTED_ALGORITHM;
    }
    TERN_TRY(tern_der_read_oid(r, &oid));
    if (TERN_DER_OID_IS(&oid, TERN_OID_SECP256R1)) {
        *curve = TERN_GROUP_SECP256R1;
    } else if (TERN_DER_OID_IS(&oid, TERN_OID_SECP384R1)) {
        *curve = TERN_GROUP_SECP384R1;
    } else {
        return TERN_ERR_UNSUPPORTED_ALGORITHM;
    }
    return TERN_OK;
}

/* HashAlgorithm ::= AlgorithmIdentifier { id-sha*, NULL or absent }
 * (RFC 4055 2.1: both forms are accepted). */
static int read_hash_alg(tern_reader *r, uint8_t *hash)
{
    tern_reader seq;
    tern_der_elem oid;

    TERN_TRY(tern_der_read_sequence(r, &seq));
    TERN_TRY(tern_der_read_oid(&seq, &oid));
    if (tern_der_next_is(&seq, TERN_DER_NULL)) {
        TERN_TRY(tern_der_read_null(&seq));
    }
    TERN_TRY(tern_der_end(&seq));
    if (TERN_DER_OID_IS(&oid, TERN_OID_SHA1)) {
        *hash = TERN_HASH_SHA1;
    } else if (TERN_DER_OID_IS(&oid, TERN_OID_SHA224)) {
        *hash = TERN_HASH_SHA224;
    } else if (TERN_DER_OID_IS(&oid, TERN_OID_SHA256)) {
        *hash = TERN_HASH_SHA256;
    } else if (TERN_DER_OID_IS(&oid, TERN_OID_SHA384)) {
        *hash = TERN_HASH_SHA384;
    } else if (TERN_DER_OID_IS(&oid, TERN_OID_SHA512)) {
        *hash = TERN_HASH_SHA512;
    } else {
        return TERN_ERR_UNSUPPORTED_ALGORITHM;
    }
    return TERN_OK;
}

/* The TLS scheme a PSS key with these parameters can sign with, or 0.
 * RFC 8446 4.2.3: rsa_pss_pss_shaN uses hash N for the digest and MGF1,
 * and a salt as long as the digest, which must not be shorter than the
 * key's minimum salt length (RFC 4055 3.1). */
static uint16_t pss_scheme(const tern_key_info *info)
{
    static const struct {
        uint8_t hash;
        uint8_t len;
        uint16_t scheme;
    } map[] = {{TERN_HASH_SHA256, 32, TERN_SIG_RSA_PSS_PSS_SHA256},
               {TERN_HASH_SHA384, 48, TERN_SIG_RSA_PSS_PSS_SHA384},
               {TERN_HASH_SHA512, 64, TERN_SIG_RSA_PSS_PSS_SHA512}};
    size_t i;

    for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (info->pss_hash == map[i].hash && info->pss_mgf1_hash == map[i].hash &&
            info->pss_salt_len <= map[i].len) {
            return map[i].scheme;
        }
    }
    return 0;
}

/* see src/crypto/keys/keys_internal.h */
int tern_keys_read_pss_params(tern_reader *r, tern_key_info *info)
{
    tern_reader seq, sub, mgf;
    tern_der_elem oid;
    int present;
    int64_t v;
    uint8_t hash = TERN_HASH_SHA1, mgf1_hash = TERN_HASH_SHA1;
    uint16_t salt = 20;

    /* RSASSA-PSS-params ::= SEQUENCE {
     *   hashAlgorithm    [0] HashAlgorithm    DEFAULT sha1,
     *   maskGenAlgorithm [1] MaskGenAlgorithm DEFAULT mgf1SHA1,
     *   saltLength       [2] INTEGER          DEFAULT 20,
     *   trailerField     [3] TrailerField     DEFAULT trailerFieldBC }
     * The tags are EXPLICIT (RFC 8017 appendix C module). A component
     * equal to its DEFAULT is not encoded in DER (X.690 11.5). */
    TERN_TRY(tern_der_read_sequence(r, &seq));
    if (tern_der_next_is(&seq, TERN_DER_CONTEXT_CONS(0))) {
        TERN_TRY(tern_der_read_constructed(&seq, TERN_DER_CONTEXT_CONS(0), &sub));
        TERN_TRY(read_hash_alg(&sub, &hash));
        TERN_TRY(tern_der_end(&sub));
        TERN_ENSURE(hash != TERN_HASH_SHA1, TERN_ERR_ASN1);
    }
    if (tern_der_next_is(&seq, TERN_DER_CONTEXT_CONS(1))) {
        /* MaskGenAlgorithm ::= AlgorithmIdentifier { id-mgf1, HashAlgorithm } */
        TERN_TRY(tern_der_read_constructed(&seq, TERN_DER_CONTEXT_CONS(1), &sub));
        TERN_TRY(tern_der_read_sequence(&sub, &mgf));
        TERN_TRY(tern_der_end(&sub));
        TERN_TRY(tern_der_read_oid(&mgf, &oid));
        TERN_ENSURE(TERN_DER_OID_IS(&oid, TERN_OID_MGF1), TERN_ERR_UNSUPPORTED_ALGORITHM);
        TERN_TRY(read_hash_alg(&mgf, &mgf1_hash));
        TERN_TRY(tern_der_end(&mgf));
        TERN_ENSURE(mgf1_hash != TERN_HASH_SHA1, TERN_ERR_ASN1);
    }
    {
        tern_der_elem e;
        TERN_TRY(tern_der_read_explicit_optional(&seq, 2, TERN_DER_INTEGER, &e, &present));
        if (present) {
            TERN_TRY(tern_der_int_to_i64(&e, &v));
            TERN_ENSURE(v != 20, TERN_ERR_ASN1);
            TERN_ENSURE(v >= 0 && v <= 0xffff, TERN_ERR_BAD_KEY);
            salt = (uint16_t)v;
        }
        TERN_TRY(tern_der_read_explicit_optional(&seq, 3, TERN_DER_INTEGER, &e, &present));
        if (present) {
            /* TrailerField ::= INTEGER { trailerFieldBC(1) } */
            TERN_TRY(tern_der_int_to_i64(&e, &v));
            TERN_ENSURE(v != 1, TERN_ERR_ASN1);
            return TERN_ERR_BAD_KEY;
        }
    }
    TERN_TRY(tern_der_end(&seq));

    info->pss_params = 1;
    info->pss_hash = hash;
    info->pss_mgf1_hash = mgf1_hash;
    info->pss_salt_len = salt;
    info->pss_scheme = pss_scheme(info);
    return TERN_OK;
}

/* see src/crypto/keys/keys_internal.h */
int tern_keys_read_algid(tern_reader *r, tern_key_info *info, uint16_t *curve)
{
    tern_reader seq;
    tern_der_elem oid;
    tern_key_info ki;
    uint16_t c = 0;

    memset(&ki, 0, sizeof(ki));
    /* AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER,
     *   parameters ANY DEFINED BY algorithm OPTIONAL } */
    TERN_TRY(tern_der_read_sequence(r, &seq));
    TERN_TRY(tern_der_read_oid(&seq, &oid));
    if (TERN_DER_OID_IS(&oid, TERN_OID_RSA_ENCRYPTION)) {
        /* RFC 3279 2.3.1: the parameters MUST be NULL. */
        ki.alg = TERN_KEY_ALG_RSA;
        TERN_TRY(tern_der_read_null(&seq));
    } else if (TERN_DER_OID_IS(&oid, TERN_OID_RSASSA_PSS)) {
        /* RFC 4055 3.1: absent (unrestricted key) or RSASSA-PSS-params. */
        ki.alg = TERN_KEY_ALG_RSA_PSS;
        if (tern_reader_left(&seq) > 0) {
            TERN_TRY(tern_keys_read_pss_params(&seq, &ki));
        }
    } else if (TERN_DER_OID_IS(&oid, TERN_OID_EC_PUBLIC_KEY)) {
        /* RFC 5480 2.1.1: parameters required. */
        ki.alg = TERN_KEY_ALG_EC;
        TERN_TRY(tern_keys_read_curve(&seq, &c));
    } else if (TERN_DER_OID_IS(&oid, TERN_OID_ED25519)) {
        /* RFC 8410 3: the parameters MUST be absent. */
        ki.alg = TERN_KEY_ALG_ED25519;
    } else if (TERN_DER_OID_IS(&oid, TERN_OID_X25519)) {
        ki.alg = TERN_KEY_ALG_X25519;
    } else {
        return TERN_ERR_UNSUPPORTED_ALGORITHM;
    }
    TERN_TRY(tern_der_end(&seq));
    *info = ki;
    *curve = c;
    return TERN_OK;
}

/* see src/crypto/keys/keys_internal.h */
int tern_keys_check_ec_point(uint16_t curve, const uint8_t *q, size_t q_len)
{
    size_t fs = tern_keys_curve_bytes(curve);

    /* SEC1 2.3.3; RFC 5480 2.2: uncompressed MUST be supported,
     * compressed MAY, hybrid MUST NOT be used. */
    TERN_ENSURE(fs != 0 && q_len >= 1, TERN_ERR_BAD_KEY);
    if (q[0] == 0x02u || q[0] == 0x03u) {
        TERN_ENSURE(q_len == 1 + fs, TERN_ERR_BAD_KEY);
        return TERN_ERR_UNSUPPORTED_ALGORITHM;
    }
    TERN_ENSURE(q[0] == 0x04u && q_len == 1 + 2 * fs, TERN_ERR_BAD_KEY);
    return TERN_OK;
}
