/*
 * PKCS#1 RSA keys (RFC 8017 A.1.1, A.1.2) and the cheap RSA key checks.
 */
#include <string.h>

#include "common/ct_internal.h"
#include "common/try_internal.h"
#include "crypto/keys/keys_internal.h"

#define RSA_MIN_BITS 513u /* RSA-512 is rejected always (DESIGN.md) */

/* see src/crypto/keys/keys_internal.h */
size_t tern_keys_bitlen(const uint8_t *p, size_t len)
{
    size_t i, bits = 0;
    uint32_t found = 0;

    /* The first non-zero octet decides; every octet is looked at, and the
     * bit length of an octet is a sum of comparisons, so neither the
     * value nor the position of the top bit causes a branch. */
    for (i = 0; i < len; i++) {
        uint32_t x = p[i], nz = tern_ct_neq(x, 0), take = nz & tern_ct_not(found), b = 0, k;
        for (k = 0; k < 8; k++) {
            b += tern_ct_ge(x, 1u << k);
        }
        bits =
            (size_t)tern_ct_mux(take, (uint32_t)(b + 8u * (uint32_t)(len - 1 - i)), (uint32_t)bits);
        found |= nz;
    }
    return bits;
}

/* a < b for big-endian magnitudes without leading zeros (public values). */
static int mag_less(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len)
{
    if (a_len != b_len) {
        return a_len < b_len;
    }
    return memcmp(a, b, a_len) < 0;
}

/* see src/crypto/keys/keys_internal.h */
int tern_keys_check_rsa_public(const uint8_t *n, size_t n_len, const uint8_t *e, size_t e_len)
{
    size_t bits = tern_keys_bitlen(n, n_len);

    TERN_ENSURE(n_len >= 1 && e_len >= 1, TERN_ERR_BAD_KEY);
    TERN_ENSURE(bits >= RSA_MIN_BITS, TERN_ERR_KEY_TOO_SMALL);
    TERN_ENSURE(bits <= TERN_CONFIG_MAX_RSA_BITS, TERN_ERR_BAD_KEY);
    /* n is a product of odd primes; e is odd and 3 <= e < n
     * (RFC 8017 3.1). */
    TERN_ENSURE((n[n_len - 1] & 1u) != 0, TERN_ERR_BAD_KEY);
    TERN_ENSURE((e[e_len - 1] & 1u) != 0, TERN_ERR_BAD_KEY);
    TERN_ENSURE(e_len > 1 || e[0] >= 3u, TERN_ERR_BAD_KEY);
    TERN_ENSURE(mag_less(e, e_len, n, n_len), TERN_ERR_BAD_KEY);
    return TERN_OK;
}

/* A key INTEGER: well-formed DER (else TERN_ERR_ASN1) and positive (else
 * TERN_ERR_BAD_KEY); magnitude without the sign octet. */
static int read_key_int(tern_reader *r, const uint8_t **p, size_t *len)
{
    tern_der_elem e;

    TERN_TRY(tern_der_read_integer(r, &e));
    TERN_ENSURE(!tern_der_int_is_negative(&e), TERN_ERR_BAD_KEY);
    TERN_TRY(tern_der_int_magnitude(&e, p, len));
    TERN_ENSURE(*len >= 1, TERN_ERR_BAD_KEY);
    return TERN_OK;
}

/* see src/crypto/keys/keys_internal.h */
int tern_keys_parse_rsa_pub(const uint8_t *der, size_t len, tern_rsa_pubkey *key)
{
    tern_reader top, seq;
    tern_rsa_pubkey k;

    /* RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } */
    tern_reader_init(&top, der, len);
    TERN_TRY(tern_der_read_sequence(&top, &seq));
    TERN_TRY(tern_der_end(&top));
    TERN_TRY(read_key_int(&seq, &k.n, &k.n_len));
    TERN_TRY(read_key_int(&seq, &k.e, &k.e_len));
    TERN_TRY(tern_der_end(&seq));
    TERN_TRY(tern_keys_check_rsa_public(k.n, k.n_len, k.e, k.e_len));
    *key = k;
    return TERN_OK;
}

/* see src/crypto/keys/keys_internal.h */
int tern_keys_parse_rsa_priv(const uint8_t *der, size_t len, tern_rsa_privkey *key)
{
    tern_reader top, seq;
    tern_rsa_privkey k;
    int64_t version;
    size_t n_bits, pq_bits;

    /* RSAPrivateKey ::= SEQUENCE {
     *   version Version, modulus INTEGER, publicExponent INTEGER,
     *   privateExponent INTEGER, prime1 INTEGER, prime2 INTEGER,
     *   exponent1 INTEGER, exponent2 INTEGER, coefficient INTEGER,
     *   otherPrimeInfos OtherPrimeInfos OPTIONAL }
     * Version ::= INTEGER { two-prime(0), multi(1) } */
    tern_reader_init(&top, der, len);
    TERN_TRY(tern_der_read_sequence(&top, &seq));
    TERN_TRY(tern_der_end(&top));
    TERN_TRY(tern_der_read_int64(&seq, &version));
    TERN_ENSURE(version != 1, TERN_ERR_UNSUPPORTED_ALGORITHM);
    TERN_ENSURE(version == 0, TERN_ERR_BAD_KEY);
    TERN_TRY(read_key_int(&seq, &k.n, &k.n_len));
    TERN_TRY(read_key_int(&seq, &k.e, &k.e_len));
    TERN_TRY(read_key_int(&seq, &k.d, &k.d_len));
    TERN_TRY(read_key_int(&seq, &k.p, &k.p_len));
    TERN_TRY(read_key_int(&seq, &k.q, &k.q_len));
    TERN_TRY(read_key_int(&seq, &k.dp, &k.dp_len));
    TERN_TRY(read_key_int(&seq, &k.dq, &k.dq_len));
    TERN_TRY(read_key_int(&seq, &k.qinv, &k.qinv_len));
    /* Version 0: otherPrimeInfos absent (RFC 8017 A.1.2). */
    TERN_TRY(tern_der_end(&seq));

    TERN_TRY(tern_keys_check_rsa_public(k.n, k.n_len, k.e, k.e_len));
    /* p and q are odd primes whose product is n: bits(n) is bits(p) +
     * bits(q) or one less. The CRT values are reduced modulo p or q. */
    TERN_ENSURE((k.p[k.p_len - 1] & 1u) != 0 && (k.q[k.q_len - 1] & 1u) != 0, TERN_ERR_BAD_KEY);
    n_bits = tern_keys_bitlen(k.n, k.n_len);
    pq_bits = tern_keys_bitlen(k.p, k.p_len) + tern_keys_bitlen(k.q, k.q_len);
    TERN_ENSURE(pq_bits == n_bits || pq_bits == n_bits + 1, TERN_ERR_BAD_KEY);
    TERN_ENSURE(k.d_len <= k.n_len, TERN_ERR_BAD_KEY);
    TERN_ENSURE(k.dp_len <= k.p_len && k.qinv_len <= k.p_len && k.dq_len <= k.q_len,
                TERN_ERR_BAD_KEY);
    *key = k;
    return TERN_OK;
}

/* see include/tern/keys.h */
int tern_key_parse_rsa_public(const uint8_t *der, size_t len, tern_pubkey *pub)
{
    tern_rsa_pubkey k;

    TERN_CHECK_ARG(pub != NULL && (der != NULL || len == 0));
    TERN_TRY(tern_keys_parse_rsa_pub(der, len, &k));
    memset(pub, 0, sizeof(*pub));
    pub->type = TERN_KEY_RSA;
    pub->u.rsa = k;
    return TERN_OK;
}

/* see include/tern/keys.h */
int tern_key_parse_rsa_private(const uint8_t *der, size_t len, tern_privkey *priv)
{
    tern_rsa_privkey k;

    TERN_CHECK_ARG(priv != NULL && (der != NULL || len == 0));
    TERN_TRY(tern_keys_parse_rsa_priv(der, len, &k));
    memset(priv, 0, sizeof(*priv));
    priv->type = TERN_KEY_RSA;
    priv->u.rsa = k;
    return TERN_OK;
}
