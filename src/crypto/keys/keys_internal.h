/*
 * Key-format internals shared by the parsers in src/crypto/keys/ (and
 * reusable by the X.509 code: AlgorithmIdentifier of keys, RSASSA-PSS
 * parameters, EC point format).
 */
#ifndef TERN_KEYS_INTERNAL_H
#define TERN_KEYS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "asn1/asn1_internal.h"
#include "tern/keys.h"
#include "tern/pk.h"

/* Bytes of a field element / scalar of a curve (TERN_GROUP_SECP256R1: 32,
 * TERN_GROUP_SECP384R1: 48), 0 for anything else. */
size_t tern_keys_curve_bytes(uint16_t curve);

/* Bit length of a big-endian magnitude (leading zero octets allowed).
 * Constant-time in the value, time depends on len. */
size_t tern_keys_bitlen(const uint8_t *p, size_t len);

/* Reads ECParameters (RFC 5480 2.1.1): namedCurve secp256r1 / secp384r1 ->
 * *curve. implicitCurve, specifiedCurve and other named curves are
 * TERN_ERR_UNSUPPORTED_ALGORITHM. */
TERN_MUST_CHECK int tern_keys_read_curve(tern_reader *r, uint16_t *curve);

/* Reads RSASSA-PSS-params (RFC 4055 3.1, RFC 8017 A.2.3) into the pss_*
 * fields of info (pss_params = 1). DEFAULT values must not be encoded
 * (X.690 11.5: TERN_ERR_ASN1); unknown hashes or MGFs are
 * TERN_ERR_UNSUPPORTED_ALGORITHM, a trailerField other than 1 or a salt
 * length above 65535 TERN_ERR_BAD_KEY. */
TERN_MUST_CHECK int tern_keys_read_pss_params(tern_reader *r, tern_key_info *info);

/* Reads the AlgorithmIdentifier of a key (SubjectPublicKeyInfo or PKCS#8)
 * and fills info (all fields; pss_* zero unless id-RSASSA-PSS has
 * parameters) and, for EC, *curve (0 otherwise). */
TERN_MUST_CHECK int tern_keys_read_algid(tern_reader *r, tern_key_info *info, uint16_t *curve);

/* Checks an EC public point for the curve: 0x04 || X || Y of the right
 * length. Compressed forms (0x02 / 0x03) are
 * TERN_ERR_UNSUPPORTED_ALGORITHM, everything else TERN_ERR_BAD_KEY. */
TERN_MUST_CHECK int tern_keys_check_ec_point(uint16_t curve, const uint8_t *q, size_t q_len);

/* The cheap RSA public-key checks listed in include/tern/keys.h. */
TERN_MUST_CHECK int tern_keys_check_rsa_public(const uint8_t *n, size_t n_len, const uint8_t *e,
                                               size_t e_len);

/* PKCS#1 RSAPublicKey / RSAPrivateKey, and SEC1 ECPrivateKey with the
 * curve given by an enclosing PKCS#8 (outer_curve, or 0 for none). The
 * whole input must be the structure. */
TERN_MUST_CHECK int tern_keys_parse_rsa_pub(const uint8_t *der, size_t len, tern_rsa_pubkey *key);
TERN_MUST_CHECK int tern_keys_parse_rsa_priv(const uint8_t *der, size_t len, tern_rsa_privkey *key);
TERN_MUST_CHECK int tern_keys_parse_ec_priv(const uint8_t *der, size_t len, uint16_t outer_curve,
                                            tern_ec_privkey *key);

#endif /* TERN_KEYS_INTERNAL_H */
