/*
 * RSA internals shared by the files of src/crypto/rsa.
 */
#ifndef TERN_RSA_INTERNAL_H
#define TERN_RSA_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/bignum/bignum_internal.h"
#include "tern/rsa.h"

/* A loaded public key (n, e are public: checked with ordinary branches). */
typedef struct tern_rsa_pub_ctx {
    tern_bn_mont mn;  /* n */
    const uint8_t *e; /* without leading zeros */
    size_t e_len;
    size_t k;    /* bytes of n */
    size_t bits; /* bits of n */
} tern_rsa_pub_ctx;

/* Strips leading zero bytes (public values only). */
static inline const uint8_t *tern_rsa_strip(const uint8_t *p, size_t *len)
{
    while (*len > 0 && p[0] == 0) {
        p++;
        (*len)--;
    }
    return p;
}

/* Checks n and e and prepares pc: n odd with TERN_RSA_MIN_BITS to
 * TERN_CONFIG_MAX_RSA_BITS bits, e odd, 3 <= e < n.
 * Errors: TERN_ERR_KEY_TOO_SMALL, TERN_ERR_BAD_KEY, TERN_ERR_USAGE. */
TERN_MUST_CHECK int tern_rsa_pub_load(tern_rsa_pub_ctx *pc, const uint8_t *n, size_t n_len,
                                      const uint8_t *e, size_t e_len);

/* Byte length of the modulus n (leading zeros ignored). */
size_t tern_rsa_modulus_len(const uint8_t *n, size_t n_len);

/* The private-key operation without its final verdict: writes
 * out = in^d mod n (k bytes, all zeros on failure) and sets *ok to the
 * constant-time result of the blinding-inverse and fault checks (1 =
 * good). Returns TERN_OK or an error that depends only on public data
 * (key format, lengths, in >= n: TERN_ERR_BAD_ARG, in_len != k:
 * TERN_ERR_BAD_LENGTH) or on the rng. No branch depends on *ok. */
TERN_MUST_CHECK int tern_rsa_private_core(const tern_rsa_privkey *key, const tern_rng_class **rng,
                                          const uint8_t *in, size_t in_len, uint8_t *out,
                                          uint32_t *ok);

/* EMSA-PKCS1-v1_5 (RFC 8017 9.2): em (k bytes) = 0x00 01 FF..FF 00 T,
 * T = DigestInfo(hash) || digest, or digest itself when hash is NULL.
 * Errors: TERN_ERR_BAD_LENGTH (digest length, or T too long for k:
 * "intended encoded message length too short"),
 * TERN_ERR_UNSUPPORTED_ALGORITHM (no DigestInfo for this hash). */
TERN_MUST_CHECK int tern_rsa_emsa_pkcs1_encode(const tern_hash_class *hash, const uint8_t *digest,
                                               size_t digest_len, uint8_t *em, size_t k);

/* EME-PKCS1-v1_5 decoding check (RFC 8017 7.2.2 step 3): 1 if
 * em = 0x00 || 0x02 || PS (at least 8 non-zero bytes) || 0x00 || M, and
 * then *msg_off is the offset of M; 0 otherwise (also for k < 11). Time
 * depends on k only: no branch or index on the bytes of em. */
uint32_t tern_rsa_eme_pkcs1_check(const uint8_t *em, size_t k, uint32_t *msg_off);

/* out[i] ^= MGF1(seed)[i] for i < out_len (RFC 8017 B.2.1). */
void tern_rsa_mgf1_xor(const tern_hash_class *hash, const uint8_t *seed, size_t seed_len,
                       uint8_t *out, size_t out_len);

/* out = Hash(0x00 * 8 || mhash || salt): H of RFC 8017 9.1.1 step 6. */
void tern_rsa_pss_hash(const tern_hash_class *hash, const uint8_t *mhash, const uint8_t *salt,
                       size_t salt_len, uint8_t *out);

#endif /* TERN_RSA_INTERNAL_H */
