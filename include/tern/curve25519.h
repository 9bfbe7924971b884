/*
 * Curve25519: X25519 key agreement (RFC 7748) and Ed25519 signatures
 * (RFC 8032 5.1, "pure" Ed25519 as TLS uses it, RFC 8446 4.2.3).
 *
 * Switches: TERN_CONFIG_X25519 and TERN_CONFIG_ED25519 (config.h). When
 * both are on they share one copy of the field arithmetic, and X25519's
 * fixed-base function uses Ed25519's precomputed table (4 KB).
 * The field arithmetic is radix 2^51 with 128-bit products when
 * TERN_CONFIG_WORD_BITS is 64, radix 2^25.5 with 64-bit products
 * otherwise.
 *
 * Timing:
 *
 *   function                 constant-time in           variable-time in
 *   tern_x25519              scalar, point, result      (nothing)
 *   tern_x25519_base         scalar                     (nothing)
 *   tern_ed25519_public      seed                       (nothing)
 *   tern_ed25519_sign        seed, message              message length
 *   tern_ed25519_verify      (nothing: all inputs       public key, message,
 *                            are public)                signature
 *
 * Only the return value of tern_x25519 (whether the result is all zero)
 * depends on the secret beyond the output itself. Secrets (clamped
 * scalars, nonces, hash states, intermediate points) are wiped before
 * returning. The 32-bit arithmetic assumes a constant-time 32x32->64-bit
 * multiply (true on Cortex-M4/M7/M33, not on Cortex-M3, whose UMULL may
 * finish early).
 */
#ifndef TERN_CURVE25519_H
#define TERN_CURVE25519_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"
#include "tern/error.h"
#include "tern/pk.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TERN_X25519_LEN 32       /* scalar, u-coordinate, shared secret */
#define TERN_ED25519_SEED_LEN 32 /* RFC 8032 private key */
#define TERN_ED25519_PUBLIC_LEN 32
#define TERN_ED25519_SIG_LEN 64

#if TERN_CONFIG_X25519

/* X25519(scalar, point) per RFC 7748 5: the scalar is clamped (bits 0-2
 * and 255 cleared, bit 254 set) on a copy, the top bit of the
 * u-coordinate is ignored and non-canonical u values (p .. 2^255-1) are
 * reduced mod p, as 5 requires. Points on the twist are accepted (the
 * ladder is safe on them).
 *
 * out receives the 32-byte result in every case. Returns TERN_OK, or
 * TERN_ERR_BAD_SHARED_SECRET when the result is all zero (the point has
 * small order), which TLS must treat as fatal (RFC 8446 7.4.2, RFC 7748
 * 6.1). TERN_ERR_USAGE for a NULL pointer. out may alias point or scalar
 * only if it is exactly the same buffer. */
TERN_MUST_CHECK int tern_x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32]);

/* out = X25519(scalar, 9): the public key for a private scalar. Same
 * clamping; never all zero. TERN_OK or TERN_ERR_USAGE (NULL pointer). */
TERN_MUST_CHECK int tern_x25519_base(uint8_t out[32], const uint8_t scalar[32]);

/* Key-agreement class for the TLS group x25519 (0x001d): priv_len 32
 * (the raw scalar from the rng, clamped when used), pub_len 32,
 * secret_len 32. keygen fails with the rng's error; derive returns
 * TERN_ERR_BAD_POINT for a peer value that is not 32 bytes and
 * TERN_ERR_BAD_SHARED_SECRET for an all-zero secret (the secret buffer
 * is zeroed on failure). */
extern const tern_kex_class tern_kex_x25519;

#endif /* TERN_CONFIG_X25519 */

#if TERN_CONFIG_ED25519

/* pk = the public key A of a 32-byte seed (RFC 8032 5.1.5).
 * TERN_OK or TERN_ERR_USAGE (NULL pointer). */
TERN_MUST_CHECK int tern_ed25519_public(uint8_t pk[32], const uint8_t seed[32]);

/* sig = R || S, the Ed25519 signature of msg (RFC 8032 5.1.6),
 * deterministic. pk may be NULL, and is then derived from the seed (one
 * more fixed-base multiplication). If given, it MUST be the public key of
 * this seed: signing one message under two different pk values reveals
 * the private scalar, so never pass a pk that comes from somewhere else
 * than the seed's own key pair. msg may be NULL when len is 0; sig is
 * written last and may overlap any input. TERN_OK or TERN_ERR_USAGE (NULL
 * pointer). */
TERN_MUST_CHECK int tern_ed25519_sign(uint8_t sig[64], const uint8_t *msg, size_t len,
                                      const uint8_t seed[32], const uint8_t *pk);

/* Verifies sig over msg under pk (RFC 8032 5.1.7), strictly:
 *  - S must be below L (non-canonical S rejected, no malleability);
 *  - A must decode per 5.1.3: y >= p, no square root, or x = 0 with the
 *    sign bit set are rejected;
 *  - R is not decoded separately: the check is that the canonical
 *    encoding of [S]B - [k]A equals the 32 bytes of R, which holds
 *    exactly when R decodes (canonically) to the point [S]B - [k]A; a
 *    non-canonical or undecodable R therefore never verifies;
 *  - the check is cofactorless: [S]B = R + [k]A exactly, not the
 *    equation multiplied by 8 that 5.1.7 also allows. Every signature
 *    accepted here is accepted by the cofactored check too; the reverse
 *    fails only for signatures whose R or A carries a small-order
 *    component, which honest signers never produce. Chosen because it is
 *    the stricter of the two and gives a unique answer (batch
 *    verification, which needs the cofactor, is not offered).
 *    Small-order public keys are not rejected: RFC 8032 does not ask for
 *    it, and such a key only harms its owner.
 * Variable-time (all inputs are public). msg may be NULL when len is 0.
 * TERN_OK, TERN_ERR_BAD_SIGNATURE, or TERN_ERR_USAGE (NULL pointer). */
TERN_MUST_CHECK int tern_ed25519_verify(const uint8_t pk[32], const uint8_t *msg, size_t len,
                                        const uint8_t sig[64]);

/* Signature class for the TLS scheme ed25519 (0x0807), hash NULL: the
 * class signs and verifies the message itself. Keys must be
 * TERN_KEY_ED25519; verify returns TERN_ERR_BAD_SIGNATURE for any other
 * key type or a signature length other than 64; sign needs *sig_len >= 64
 * (TERN_ERR_BUFFER_TOO_SMALL otherwise) and ignores rng (may be NULL). */
extern const tern_sig_class tern_sig_ed25519;

#endif /* TERN_CONFIG_ED25519 */

#ifdef __cplusplus
}
#endif

#endif /* TERN_CURVE25519_H */
