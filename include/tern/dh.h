/*
 * Finite-field Diffie-Hellman: the RFC 7919 groups ffdhe2048 and
 * ffdhe3072 (TLS NamedGroup key exchange, classes tern_kex_ffdhe2048 and
 * tern_kex_ffdhe3072), and arbitrary groups chosen by a TLS 1.2 server in
 * its ServerKeyExchange (RFC 5246 7.4.3: dh_p, dh_g).
 *
 * Numbers are big-endian byte strings. The length of a public value and
 * of a shared secret is the byte length of p without leading zeros
 * (tern_dh_len()); both are left-padded to that length. TLS 1.2 strips
 * the leading zero bytes of the secret itself (RFC 5246 8.1.2); TLS 1.3
 * keeps them (RFC 8446 7.4.1).
 *
 * Constant time: tern_dh_public, tern_dh_keygen and tern_dh_derive do
 * not branch on, or index memory with, the private exponent or any value
 * derived from it (fixed-window exponentiation over all 8 * priv_len
 * exponent bits; see src/crypto/bignum/bignum_internal.h). The group and
 * the peer's value are public and are checked with ordinary branches.
 *
 * Stack (measured with -fstack-usage): about 12.5 KB with
 * TERN_CONFIG_MAX_RSA_BITS = 4096 and 6.5 KB with 2048, mostly the
 * 16-entry exponentiation table; on x86-64 with the AVX2 exponentiation
 * (TERN_CONFIG_BN_X86, on by default there) about 26 KB and 14 KB.
 *
 * Requires TERN_CONFIG_FFDH.
 */
#ifndef TERN_DH_H
#define TERN_DH_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"
#include "tern/error.h"
#include "tern/pk.h"
#include "tern/rand.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A group: prime p, generator g and, optionally, the order q of the
 * subgroup g generates. Pointers into caller memory. */
typedef struct tern_dh_group {
    const uint8_t *p;
    size_t p_len;
    const uint8_t *g;
    size_t g_len;
    /* Optional (NULL): when given, a peer value y must also satisfy
     * y^q = 1 mod p (SP 800-56A 5.6.2.3.1 full validation). TLS does not
     * send q; for the RFC 7919 safe-prime groups the range check is
     * enough (RFC 7919 5.1), so their q is not set here. */
    const uint8_t *q;
    size_t q_len;
} tern_dh_group;

/* RFC 7919 Appendix A.1 and A.2 (g = 2). */
extern const tern_dh_group tern_dh_ffdhe2048_group;
extern const tern_dh_group tern_dh_ffdhe3072_group;

/* Default smallest p accepted (bits) when min_bits is 0. */
#define TERN_DH_MIN_BITS_DEFAULT 2048
/* Largest p, public value or secret (bytes). */
#define TERN_DH_MAX_LEN ((TERN_CONFIG_MAX_RSA_BITS + 7) / 8)
/* Largest private exponent tern_dh_priv_len() asks for (bytes). */
#define TERN_DH_MAX_PRIV_LEN 64

/* Byte length of p without leading zeros: the length of public values
 * and shared secrets. 0 for an empty p. */
size_t tern_dh_len(const tern_dh_group *grp);

/* Bit length of p (leading zeros skipped): the size the policies compare
 * with min_bits. 0 for an empty or all-zero p. */
size_t tern_dh_bits(const tern_dh_group *grp);

/* Checks a group: p odd, p > 3, bits(p) in [min_bits, TERN_CONFIG_MAX_RSA_BITS],
 * 1 < g < p - 1, and q (if given) with 1 < q < p. min_bits 0 means
 * TERN_DH_MIN_BITS_DEFAULT. Primality is not tested.
 * Errors: TERN_ERR_KEY_TOO_SMALL (p below min_bits), TERN_ERR_BAD_KEY
 * (anything else). */
TERN_MUST_CHECK int tern_dh_group_check(const tern_dh_group *grp, size_t min_bits);

/* Private exponent length (bytes) tern uses for a p of p_bits bits:
 * at least the short-exponent sizes of RFC 7919 5.2 and Appendix A
 * (225 bits for 2048-bit p, 275 for 3072, 325 for 4096, 375 for 6144,
 * 400 for 8192), rounded up to bytes with one spare bit, and never more
 * than the length of p minus one byte. */
size_t tern_dh_priv_len(size_t p_bits);

/* pub = g^x mod p, tern_dh_len(grp) bytes, for the private exponent x
 * (big-endian, 1 <= priv_len <= tern_dh_len(grp)). The group is checked
 * as by tern_dh_group_check(). */
TERN_MUST_CHECK int tern_dh_public(const tern_dh_group *grp, size_t min_bits, const uint8_t *priv,
                                   size_t priv_len, uint8_t *pub);

/* Generates a private exponent of priv_len bytes (use tern_dh_priv_len)
 * from rng, with its top bit set so it has exactly 8 * priv_len bits, and
 * the matching public value pub (tern_dh_len(grp) bytes). Errors as
 * tern_dh_group_check(), TERN_ERR_BAD_ARG for priv_len out of range, or
 * the rng's error. */
TERN_MUST_CHECK int tern_dh_keygen(const tern_dh_group *grp, size_t min_bits,
                                   const tern_rng_class **rng, uint8_t *priv, size_t priv_len,
                                   uint8_t *pub);

/* secret = peer^x mod p, tern_dh_len(grp) bytes, left-padded. The peer
 * value y (big-endian, any length: leading zero bytes are ignored) must
 * satisfy 1 < y < p - 1 (RFC 7919 5.1, SP 800-56A 5.6.2.3.1), and
 * y^q = 1 if the group has q.
 * Errors: as tern_dh_group_check(); TERN_ERR_BAD_POINT for a peer value
 * out of range or outside the subgroup; TERN_ERR_BAD_SHARED_SECRET if
 * the result is 1 (then secret is zeroed). */
TERN_MUST_CHECK int tern_dh_derive(const tern_dh_group *grp, size_t min_bits, const uint8_t *priv,
                                   size_t priv_len, const uint8_t *peer, size_t peer_len,
                                   uint8_t *secret);

/* Key-exchange classes (include/tern/pk.h) for the TLS NamedGroups
 * ffdhe2048 (0x0100) and ffdhe3072 (0x0101). priv_len is 32 and 36 bytes
 * (256- and 288-bit exponents, RFC 7919 A.1/A.2 ask for at least 225 and
 * 275 bits), pub_len and secret_len 256 and 384. derive accepts a peer
 * value of 1..pub_len bytes (TLS 1.3 sends exactly pub_len, RFC 8446
 * 4.2.8.1; the handshake checks that). */
extern const tern_kex_class tern_kex_ffdhe2048;
extern const tern_kex_class tern_kex_ffdhe3072;

#ifdef __cplusplus
}
#endif

#endif /* TERN_DH_H */
