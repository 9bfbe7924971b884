/*
 * Random generation. All key, nonce and random-field generation in tern
 * goes through a tern_rng_class object; the built-in one is HMAC-DRBG
 * (NIST SP 800-90A rev. 1, section 10.1.2) seeded from the platform
 * entropy source.
 *
 * Instance and fork safety: a DRBG is a plain struct with no global
 * state. Give each thread its own instance (or lock around a shared one).
 * After fork(), parent and child would produce the same bytes: reseed in
 * the child (tern_hmac_drbg_reseed) before using it. Instances never share
 * state, so two instances seeded separately are independent.
 */
#ifndef TERN_RAND_H
#define TERN_RAND_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"
#include "tern/error.h"
#include "tern/hash.h"
#include "tern/platform.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tern_rng_class tern_rng_class;
struct tern_rng_class {
    const char *name;
    uint16_t ctx_size;
    /* Fills out with len random bytes: TERN_OK or a negative error (then
     * out holds no usable bytes and the caller must fail). */
    int (*generate)(const tern_rng_class **ctx, uint8_t *out, size_t len);
};

/* Convenience: (*rng)->generate(rng, out, len). */
TERN_MUST_CHECK int tern_rng_generate(const tern_rng_class **rng, uint8_t *out, size_t len);

/* Default reseed interval in generate calls (SP 800-90A allows 2^48; a
 * smaller value bounds the damage of a state compromise). */
#define TERN_HMAC_DRBG_RESEED_INTERVAL 10000u
/* Largest single request (SP 800-90A Table 2: 2^19 bits). */
#define TERN_HMAC_DRBG_MAX_REQUEST 65536u

typedef struct tern_hmac_drbg_ctx {
    const tern_rng_class *vtable;
    const tern_hash_class *hash;
    const tern_platform *platform; /* entropy for (re)seeding; may be NULL */
    uint8_t K[TERN_HASH_MAX_DIGEST];
    uint8_t V[TERN_HASH_MAX_DIGEST];
    uint64_t reseed_counter;
    uint64_t reseed_interval;
} tern_hmac_drbg_ctx;

extern const tern_rng_class tern_hmac_drbg_class;

/* Instantiates from the platform's entropy source (security strength of
 * the hash: 256 bits for SHA-256), with an optional personalization
 * string. Fails closed with TERN_ERR_ENTROPY if no entropy is available.
 * The DRBG reseeds itself from the same platform every
 * TERN_HMAC_DRBG_RESEED_INTERVAL requests.
 * Security strength per hash (SP 800-90A Table 2): SHA-1 128 bits,
 * SHA-224 192, SHA-256/384/512 256; the platform is asked for 1.5x that
 * (entropy input plus nonce). A NULL platform means
 * tern_platform_default(). Errors: TERN_ERR_ENTROPY,
 * TERN_ERR_UNSUPPORTED_ALGORITHM (MD5 or a digest under 20 bytes); on
 * error ctx is left uninstantiated (generate fails). */
TERN_MUST_CHECK int tern_hmac_drbg_init(tern_hmac_drbg_ctx *ctx, const tern_hash_class *hash,
                                        const tern_platform *platform, const uint8_t *pers,
                                        size_t pers_len);

/* Instantiates from caller-supplied entropy and nonce (known-answer tests,
 * deterministic fuzzing builds). With no platform, the DRBG fails with
 * TERN_ERR_RNG_RESEED once the reseed interval is reached.
 * TERN_ERR_BAD_LENGTH if entropy_len is under the security strength or
 * nonce_len under half of it (in bytes: 32/16 for SHA-256). */
TERN_MUST_CHECK int tern_hmac_drbg_init_seeded(tern_hmac_drbg_ctx *ctx,
                                               const tern_hash_class *hash,
                                               const uint8_t *entropy, size_t entropy_len,
                                               const uint8_t *nonce, size_t nonce_len,
                                               const uint8_t *pers, size_t pers_len);

/* Reseeds from the platform (additional input optional).
 * TERN_ERR_ENTROPY if the context has no platform (instantiated with
 * tern_hmac_drbg_init_seeded) or the entropy source fails; the state is
 * then left unchanged. */
TERN_MUST_CHECK int tern_hmac_drbg_reseed(tern_hmac_drbg_ctx *ctx, const uint8_t *additional,
                                          size_t additional_len);

/* Reseeds from caller-supplied entropy (known-answer tests).
 * TERN_ERR_BAD_LENGTH if entropy_len is under the security strength. */
TERN_MUST_CHECK int tern_hmac_drbg_reseed_with(tern_hmac_drbg_ctx *ctx, const uint8_t *entropy,
                                               size_t entropy_len, const uint8_t *additional,
                                               size_t additional_len);

/* Generates len bytes (at most TERN_HMAC_DRBG_MAX_REQUEST) with optional
 * additional input. Errors: TERN_ERR_BAD_LENGTH (len over the maximum;
 * also through the class), TERN_ERR_NOT_INITIALIZED, TERN_ERR_RNG_RESEED
 * (interval reached, no platform), TERN_ERR_ENTROPY (automatic reseed
 * failed; state unchanged). On any error after the length check, out is
 * zeroed. */
TERN_MUST_CHECK int tern_hmac_drbg_generate_ex(tern_hmac_drbg_ctx *ctx, uint8_t *out, size_t len,
                                               const uint8_t *additional, size_t additional_len);

/* Sets the reseed interval (requests between reseeds, >= 1). */
void tern_hmac_drbg_set_reseed_interval(tern_hmac_drbg_ctx *ctx, uint64_t interval);

/* Wipes the state; the context must be instantiated again before use. */
void tern_hmac_drbg_wipe(tern_hmac_drbg_ctx *ctx);

/* ---- Hash_DRBG (SP 800-90A rev. 1, section 10.1.1) ------------------- */

/* The same interface as HMAC_DRBG above, with the same security strength
 * per hash, entropy and nonce lengths, reseeding, fail-closed behaviour
 * and error codes, for SHA-1, SHA-224 and SHA-256 only (seedlen 440
 * bits; SHA-384/512 would add no strength over SHA-256 and 112 bytes of
 * state: TERN_ERR_UNSUPPORTED_ALGORITHM). Hash_DRBG hashes less per output (with SHA-256: three
 * compressions for 32 bytes where HMAC_DRBG needs about twelve; eight to
 * instantiate against about twenty), which is why each tern connection
 * seeds one of these (src/engine/conn.c). Constant-time: only hashing
 * and byte-wise additions with the carry as data. */

#define TERN_HASH_DRBG_RESEED_INTERVAL 10000u
#define TERN_HASH_DRBG_MAX_REQUEST 65536u

typedef struct tern_hash_drbg_ctx {
    const tern_rng_class *vtable;
    const tern_hash_class *hash;
    const tern_platform *platform; /* entropy for (re)seeding; may be NULL */
    uint8_t V[55];                 /* seedlen 440 bits */
    uint8_t C[55];
    uint64_t reseed_counter;
    uint64_t reseed_interval;
} tern_hash_drbg_ctx;

extern const tern_rng_class tern_hash_drbg_class;

/* As tern_hmac_drbg_init: instantiates from the platform's entropy
 * (strength bits plus a nonce of half that), optional personalization.
 * TERN_ERR_ENTROPY (fails closed), TERN_ERR_UNSUPPORTED_ALGORITHM. */
TERN_MUST_CHECK int tern_hash_drbg_init(tern_hash_drbg_ctx *ctx, const tern_hash_class *hash,
                                        const tern_platform *platform, const uint8_t *pers,
                                        size_t pers_len);
/* As tern_hmac_drbg_init_seeded (known-answer tests). */
TERN_MUST_CHECK int tern_hash_drbg_init_seeded(tern_hash_drbg_ctx *ctx,
                                               const tern_hash_class *hash,
                                               const uint8_t *entropy, size_t entropy_len,
                                               const uint8_t *nonce, size_t nonce_len,
                                               const uint8_t *pers, size_t pers_len);
/* As tern_hmac_drbg_reseed / _reseed_with. */
TERN_MUST_CHECK int tern_hash_drbg_reseed(tern_hash_drbg_ctx *ctx, const uint8_t *additional,
                                          size_t additional_len);
TERN_MUST_CHECK int tern_hash_drbg_reseed_with(tern_hash_drbg_ctx *ctx, const uint8_t *entropy,
                                               size_t entropy_len, const uint8_t *additional,
                                               size_t additional_len);
/* As tern_hmac_drbg_generate_ex (at most TERN_HASH_DRBG_MAX_REQUEST
 * bytes; out zeroed on any error after the length check). */
TERN_MUST_CHECK int tern_hash_drbg_generate_ex(tern_hash_drbg_ctx *ctx, uint8_t *out, size_t len,
                                               const uint8_t *additional, size_t additional_len);
void tern_hash_drbg_set_reseed_interval(tern_hash_drbg_ctx *ctx, uint64_t interval);
void tern_hash_drbg_wipe(tern_hash_drbg_ctx *ctx);

#ifdef __cplusplus
}
#endif

#endif /* TERN_RAND_H */
