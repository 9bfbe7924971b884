/*
 * HMAC_DRBG (NIST SP 800-90A rev. 1, section 10.1.2).
 *
 * Implementation notes
 *  - State is (K, V, reseed_counter) of the standard plus the hash, the
 *    platform that supplies entropy and the reseed interval. No global
 *    state: instances are independent (see include/tern/rand.h on threads
 *    and fork()).
 *  - Security strength is the highest HMAC_DRBG supports for the hash
 *    (SP 800-90A Table 2): 128 bits for SHA-1, 192 for SHA-224, 256 for
 *    SHA-256/384/512. Instantiation takes strength bits of entropy input
 *    plus a nonce of half that (8.6.7), drawn from the platform in one
 *    call of 1.5 x strength; a reseed takes strength bits.
 *  - Fail closed: a failed entropy call leaves the DRBG uninstantiated
 *    (init) or unchanged (reseed) and never yields output; every failed
 *    generate wipes the caller's buffer.
 *  - Seed material (entropy || nonce || personalization, entropy ||
 *    additional) is fed to HMAC in pieces, never concatenated, so there is
 *    no length limit from a stack buffer.
 */
#include <string.h>

#include "common/try_internal.h"
#include "tern/mac.h"
#include "tern/rand.h"
#include "tern/util.h"

/* SP 800-90A rev. 1, Table 2: max_number_of_bits_per_request is 2^19,
 * the reseed interval at most 2^48. */
#define MAX_RESEED_INTERVAL ((uint64_t)1 << 48)

/* Security strength in bytes, or 0 for a hash HMAC_DRBG must not use. */
static size_t strength_bytes(const tern_hash_class *h)
{
    if (h->id == TERN_HASH_MD5) {
        return 0;
    }
    if (h->digest_len >= 32) {
        return 32;
    }
    if (h->digest_len >= 28) {
        return 24;
    }
    if (h->digest_len >= 20) {
        return 16;
    }
    return 0;
}

/* HMAC_DRBG_Update (10.1.2.2) with provided_data given as n pieces. */
static void drbg_update(tern_hmac_drbg_ctx *ctx, const uint8_t *const *data, const size_t *data_len,
                        size_t n)
{
    const tern_hash_class *h = ctx->hash;
    size_t dl = h->digest_len;
    size_t total = 0, i;
    uint8_t round;
    tern_hmac_ctx c;

    for (i = 0; i < n; i++) {
        total += data_len[i];
    }
    for (round = 0; round < 2; round++) {
        /* K = HMAC(K, V || round || provided_data); V = HMAC(K, V) */
        tern_hmac_init(&c, h, ctx->K, dl);
        tern_hmac_update(&c, ctx->V, dl);
        tern_hmac_update(&c, &round, 1);
        for (i = 0; i < n; i++) {
            tern_hmac_update(&c, data[i], data_len[i]);
        }
        tern_hmac_out(&c, ctx->K);
        tern_hmac_init(&c, h, ctx->K, dl);
        tern_hmac_update(&c, ctx->V, dl);
        tern_hmac_out(&c, ctx->V);
        /* Step 3: with no provided_data the second round is skipped. */
        if (total == 0) {
            break;
        }
    }
    tern_hmac_wipe(&c);
}

/* Instantiate (10.1.2.3) from given material; checks done by callers. */
static void instantiate(tern_hmac_drbg_ctx *ctx, const tern_hash_class *hash,
                        const tern_platform *platform, const uint8_t *entropy, size_t entropy_len,
                        const uint8_t *nonce, size_t nonce_len, const uint8_t *pers,
                        size_t pers_len)
{
    const uint8_t *parts[3];
    size_t lens[3];

    tern_wipe(ctx, sizeof(*ctx));
    ctx->vtable = &tern_hmac_drbg_class;
    ctx->hash = hash;
    ctx->platform = platform;
    memset(ctx->K, 0x00, hash->digest_len);
    memset(ctx->V, 0x01, hash->digest_len);
    parts[0] = entropy;
    lens[0] = entropy_len;
    parts[1] = nonce;
    lens[1] = nonce_len;
    parts[2] = pers;
    lens[2] = pers_len;
    drbg_update(ctx, parts, lens, 3);
    ctx->reseed_counter = 1;
    ctx->reseed_interval = TERN_HMAC_DRBG_RESEED_INTERVAL;
}

/* Reseed (10.1.2.4) from given material. */
static void reseed(tern_hmac_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
                   const uint8_t *additional, size_t additional_len)
{
    const uint8_t *parts[2];
    size_t lens[2];

    parts[0] = entropy;
    lens[0] = entropy_len;
    parts[1] = additional;
    lens[1] = additional_len;
    drbg_update(ctx, parts, lens, 2);
    ctx->reseed_counter = 1;
}

/* see include/tern/rand.h */
int tern_hmac_drbg_init(tern_hmac_drbg_ctx *ctx, const tern_hash_class *hash,
                        const tern_platform *platform, const uint8_t *pers, size_t pers_len)
{
    uint8_t seed[32 + 16];
    size_t s;
    int ret;

    TERN_CHECK_ARG(ctx != NULL && hash != NULL);
    TERN_CHECK_ARG(pers != NULL || pers_len == 0);
    /* Until instantiated, the context is unusable (fail closed). */
    tern_hmac_drbg_wipe(ctx);
    s = strength_bytes(hash);
    TERN_ENSURE(s > 0, TERN_ERR_UNSUPPORTED_ALGORITHM);
    if (platform == NULL) {
        platform = tern_platform_default();
    }
    /* entropy input (s bytes) || nonce (s / 2 bytes), 8.6.7 */
    ret = tern_platform_entropy(platform, seed, s + s / 2);
    if (ret == TERN_OK) {
        instantiate(ctx, hash, platform, seed, s, seed + s, s / 2, pers, pers_len);
    }
    tern_wipe(seed, sizeof(seed));
    return ret;
}

/* see include/tern/rand.h */
int tern_hmac_drbg_init_seeded(tern_hmac_drbg_ctx *ctx, const tern_hash_class *hash,
                               const uint8_t *entropy, size_t entropy_len, const uint8_t *nonce,
                               size_t nonce_len, const uint8_t *pers, size_t pers_len)
{
    size_t s;

    TERN_CHECK_ARG(ctx != NULL && hash != NULL);
    TERN_CHECK_ARG(entropy != NULL || entropy_len == 0);
    TERN_CHECK_ARG(nonce != NULL || nonce_len == 0);
    TERN_CHECK_ARG(pers != NULL || pers_len == 0);
    tern_hmac_drbg_wipe(ctx);
    s = strength_bytes(hash);
    TERN_ENSURE(s > 0, TERN_ERR_UNSUPPORTED_ALGORITHM);
    /* 10.1.2.3 via 9.1: at least security_strength bits of entropy and a
     * nonce of at least half of that. */
    TERN_ENSURE(entropy_len >= s && nonce_len >= s / 2, TERN_ERR_BAD_LENGTH);
    instantiate(ctx, hash, NULL, entropy, entropy_len, nonce, nonce_len, pers, pers_len);
    return TERN_OK;
}

/* see include/tern/rand.h */
int tern_hmac_drbg_reseed(tern_hmac_drbg_ctx *ctx, const uint8_t *additional, size_t additional_len)
{
    uint8_t entropy[32];
    size_t s;
    int ret;

    TERN_CHECK_ARG(ctx != NULL);
    TERN_CHECK_ARG(additional != NULL || additional_len == 0);
    TERN_ENSURE(ctx->hash != NULL, TERN_ERR_NOT_INITIALIZED);
    s = strength_bytes(ctx->hash);
    /* No platform: there is no entropy source (tern_platform_entropy
     * reports TERN_ERR_ENTROPY). The state is left as it was. */
    ret = tern_platform_entropy(ctx->platform, entropy, s);
    if (ret == TERN_OK) {
        reseed(ctx, entropy, s, additional, additional_len);
    }
    tern_wipe(entropy, sizeof(entropy));
    return ret;
}

/* see include/tern/rand.h */
int tern_hmac_drbg_reseed_with(tern_hmac_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
                               const uint8_t *additional, size_t additional_len)
{
    TERN_CHECK_ARG(ctx != NULL);
    TERN_CHECK_ARG(entropy != NULL || entropy_len == 0);
    TERN_CHECK_ARG(additional != NULL || additional_len == 0);
    TERN_ENSURE(ctx->hash != NULL, TERN_ERR_NOT_INITIALIZED);
    TERN_ENSURE(entropy_len >= strength_bytes(ctx->hash), TERN_ERR_BAD_LENGTH);
    reseed(ctx, entropy, entropy_len, additional, additional_len);
    return TERN_OK;
}

/* see include/tern/rand.h */
int tern_hmac_drbg_generate_ex(tern_hmac_drbg_ctx *ctx, uint8_t *out, size_t len,
                               const uint8_t *additional, size_t additional_len)
{
    tern_hmac_ctx keyed, c;
    size_t dl, done = 0;
    int ret = TERN_OK;

    TERN_CHECK_ARG(ctx != NULL);
    TERN_CHECK_ARG(out != NULL || len == 0);
    TERN_CHECK_ARG(additional != NULL || additional_len == 0);
    TERN_ENSURE(len <= TERN_HMAC_DRBG_MAX_REQUEST, TERN_ERR_BAD_LENGTH);
    if (ctx->hash == NULL) {
        tern_wipe(out, len);
        return TERN_ERR_NOT_INITIALIZED;
    }
    dl = ctx->hash->digest_len;

    /* 10.1.2.5 step 1, with 9.3.1 steps 7.1-7.4: reseed when due, from the
     * platform if there is one, feeding the additional input to the
     * reseed instead of to generate. */
    if (ctx->reseed_counter > ctx->reseed_interval) {
        if (ctx->platform == NULL) {
            tern_wipe(out, len);
            return TERN_ERR_RNG_RESEED;
        }
        ret = tern_hmac_drbg_reseed(ctx, additional, additional_len);
        if (ret != TERN_OK) {
            tern_wipe(out, len);
            return ret;
        }
        additional = NULL;
        additional_len = 0;
    }
    /* Step 2 */
    if (additional_len > 0) {
        drbg_update(ctx, &additional, &additional_len, 1);
    }
    /* Steps 3-4: V = HMAC(K, V), output V, with K keyed once. */
    tern_hmac_init(&keyed, ctx->hash, ctx->K, dl);
    while (done < len) {
        size_t n = len - done < dl ? len - done : dl;
        c = keyed;
        tern_hmac_update(&c, ctx->V, dl);
        tern_hmac_out(&c, ctx->V);
        memcpy(out + done, ctx->V, n);
        done += n;
    }
    tern_hmac_wipe(&keyed);
    tern_hmac_wipe(&c);
    /* Steps 6-7 */
    drbg_update(ctx, &additional, &additional_len, 1);
    ctx->reseed_counter++;
    return TERN_OK;
}

/* see include/tern/rand.h */
void tern_hmac_drbg_set_reseed_interval(tern_hmac_drbg_ctx *ctx, uint64_t interval)
{
    if (interval < 1) {
        interval = 1;
    }
    if (interval > MAX_RESEED_INTERVAL) {
        interval = MAX_RESEED_INTERVAL;
    }
    ctx->reseed_interval = interval;
}

/* see include/tern/rand.h */
void tern_hmac_drbg_wipe(tern_hmac_drbg_ctx *ctx)
{
    tern_wipe(ctx, sizeof(*ctx));
    ctx->vtable = NULL;
    ctx->hash = NULL;
    ctx->platform = NULL;
}

static int cls_generate(const tern_rng_class **rng, uint8_t *out, size_t len)
{
    /* The class pointer is the context's first member (C99 6.7.2.1p13). */
    return tern_hmac_drbg_generate_ex((tern_hmac_drbg_ctx *)(void *)rng, out, len, NULL, 0);
}

/* see include/tern/rand.h */
const tern_rng_class tern_hmac_drbg_class = {
    .name = "HMAC-DRBG",
    .ctx_size = (uint16_t)sizeof(tern_hmac_drbg_ctx),
    .generate = cls_generate,
};
