/*
 * Key derivation: HKDF (RFC 5869) with the TLS 1.3 HKDF-Expand-Label
 * (RFC 8446 7.1), the TLS 1.2 PRF (RFC 5246 5) and the TLS 1.0/1.1 PRF
 * (RFC 2246 5).
 *
 * Every function works over any tern_hash_class through HMAC
 * (include/tern/mac.h), is constant-time with respect to secrets and
 * seeds (lengths are public), and wipes every intermediate value
 * (keyed HMAC states, T(i), A(i)) before it returns, on every path.
 *
 * Errors (all functions return int):
 *   TERN_OK
 *   TERN_ERR_BAD_LENGTH  a length outside what the construction allows
 *                        (stated per function); out is not written
 *   TERN_ERR_USAGE       NULL hash or output, or NULL input with a
 *                        non-zero length (TERN_CONFIG_USAGE_CHECKS)
 *   TERN_ERR_UNSUPPORTED tern_tls10_prf without MD5 or SHA-1 compiled in
 * Any input pointer may be NULL when its length is 0. Outputs must not
 * overlap inputs.
 */
#ifndef TERN_KDF_H
#define TERN_KDF_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"
#include "tern/error.h"
#include "tern/hash.h"

#ifdef __cplusplus
extern "C" {
#endif

/* HKDF-Extract (RFC 5869 2.2): prk = HMAC-H(salt, ikm), digest_len bytes.
 * A NULL/empty salt means HashLen zero bytes. */
TERN_MUST_CHECK int tern_hkdf_extract(const tern_hash_class *h, const uint8_t *salt,
                                      size_t salt_len, const uint8_t *ikm, size_t ikm_len,
                                      uint8_t *prk);

/* HKDF-Expand (RFC 5869 2.3): out_len bytes of OKM from prk and info.
 * TERN_ERR_BAD_LENGTH if out_len > 255 * HashLen or prk_len < HashLen
 * (the RFC requires a PRK of at least HashLen bytes). */
TERN_MUST_CHECK int tern_hkdf_expand(const tern_hash_class *h, const uint8_t *prk, size_t prk_len,
                                     const uint8_t *info, size_t info_len, uint8_t *out,
                                     size_t out_len);

/* HKDF-Expand-Label (RFC 8446 7.1):
 *
 *     struct {
 *         uint16 length = out_len;
 *         opaque label<7..255> = label;
 *         opaque context<0..255> = context;
 *     } HkdfLabel;
 *     out = HKDF-Expand(secret, HkdfLabel, out_len)
 *
 * label is the COMPLETE label: the caller includes the "tls13 " prefix
 * (or "dtls13" for DTLS 1.3, RFC 9147 5.9). TERN_ERR_BAD_LENGTH if
 * label_len > 255, context_len > 255, out_len > 65535, or HKDF-Expand
 * rejects the lengths. Derive-Secret is this with context = the
 * transcript hash and out_len = HashLen. */
TERN_MUST_CHECK int tern_hkdf_expand_label(const tern_hash_class *h, const uint8_t *secret,
                                           size_t secret_len, const uint8_t *label,
                                           size_t label_len, const uint8_t *context,
                                           size_t context_len, uint8_t *out, size_t out_len);

/* TLS 1.2 PRF (RFC 5246 5): out = P_H(secret, label || seed1 || seed2),
 * out_len bytes of any length. H is the suite's PRF hash (SHA-256 unless
 * the suite names SHA-384). The seed is given in two parts because TLS
 * always uses client_random || server_random or the reverse; either part
 * may be NULL/0. */
TERN_MUST_CHECK int tern_tls12_prf(const tern_hash_class *h, const uint8_t *secret,
                                   size_t secret_len, const char *label, size_t label_len,
                                   const uint8_t *seed1, size_t seed1_len, const uint8_t *seed2,
                                   size_t seed2_len, uint8_t *out, size_t out_len);

/* TLS 1.0/1.1 PRF (RFC 2246 5): the secret is split into halves S1 and
 * S2 (sharing the middle byte when its length is odd) and
 * out = P_MD5(S1, label || seed) XOR P_SHA1(S2, label || seed).
 * LEGACY: only for TLS 1.0/1.1. TERN_ERR_UNSUPPORTED when MD5 or SHA-1
 * is compiled out. */
TERN_MUST_CHECK int tern_tls10_prf(const uint8_t *secret, size_t secret_len, const char *label,
                                   size_t label_len, const uint8_t *seed1, size_t seed1_len,
                                   const uint8_t *seed2, size_t seed2_len, uint8_t *out,
                                   size_t out_len);

#ifdef __cplusplus
}
#endif

#endif /* TERN_KDF_H */
