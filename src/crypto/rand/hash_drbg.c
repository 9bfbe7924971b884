/*
 * Hash_DRBG (NIST SP 800-90A rev. 1, section 10.1.1).
 *
 * Implementation notes
 *  - State is (V, C, reseed_counter) of the standard plus the hash, the
 *    platform that supplies entropy and the reseed interval. V and C are
 *    seedlen = 440 bits (Table 2), big-endian byte strings. Only SHA-1,
 *    SHA-224 and SHA-256 are taken: SHA-384/512 would need 888-bit V and
 *    C (112 more bytes in every connection) for no more strength than
 *    SHA-256's 256 bits.
 *  - Why it is here beside HMAC_DRBG: per output block it hashes about a
 *    quarter as much. With SHA-256, 32 bytes cost three compressions
 *    (Hashgen: one; H = Hash(0x03 || V): two) against twelve or so for
 *    HMAC_DRBG (whose generate ends in an Update of four HMACs), and
 *    instantiation eight against about twenty. The connection engine
 *    seeds one per connection (src/engine/conn.c).
 *  - Security strength and entropy as for HMAC_DRBG (rand.h): strength
 *    bits of entropy input plus a nonce of half that at instantiation,
 *    strength bits at reseed, all from the platform; fail closed.
 *  - Constant time: the hashes are, and the additions modulo 2^seedlen
 *    run over every byte with the carry as data (no branch on V or C).
 *  - Hash_df inputs (counter || bits || pieces) are fed to the hash in
 *    pieces, never concatenated.
 */
#include <string.h>

#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "tern/rand.h"
#include "tern/util.h"

/* SP 800-90A rev. 1, Table 2: at most 2^48 requests between reseeds. */
#define MAX_RESEED_INTERVAL ((uint64_t)1 << 48)

/* Security strength in bytes, or 0 for a hash not taken here (MD5, and
 * digests over 32 bytes: see the notes above). */
static size_t strength_bytes(const tern_hash_class *h)
{
    if (h->id == TERN_HASH_MD5 || h->digest_len > 32) {
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

/* seedlen in bytes (Table 2): 440 bits for SHA-1/224/256. */
static size_t seed_bytes(const tern_hash_class *h)
{
    (void)h;
    return 55;
}

/* Hash_df (10.3.1): out = leftmost out_len bytes of
 * Hash(1 || bits || input) || Hash(2 || bits || input) || ...,
 * input given as n pieces. */
static void hash_df(const tern_hash_class *h, const uint8_t *const *in, const size_t *in_len,
                    size_t n, uint8_t *out, size_t out_len)
{
    tern_hash_ctx ctx;
    uint8_t head[5], digest[TERN_HASH_MAX_DIGEST];
    size_t done = 0, i, k;

    tern_store_be32(head + 1, (uint32_t)(out_len * 8));
    for (k = 1; done < out_len; k++) {
        size_t take = out_len - done < h->digest_len ? out_len - done : h->digest_len;
        head[0] = (uint8_t)k;
        h->init(&ctx.vtable);
        h->update(&ctx.vtable, head, sizeof(head));
        for (i = 0; i < n; i++) {
            h->update(&ctx.vtable, in[i], in_len[i]);
        }
        h->out(&ctx.vtable, digest);
        memcpy(out + done, digest, take);
        done += take;
    }
    tern_wipe(&ctx, sizeof(ctx));
    tern_wipe(digest, sizeof(digest));
}

/* acc = (acc + x) mod 2^(8 * acc_len), x of x_len <= acc_len bytes, both
 * big-endian; no branch on the values. */
static void add_be(uint8_t *acc, size_t acc_len, const uint8_t *x, size_t x_len)
{
    uint32_t carry = 0;
    size_t i;

    for (i = 0; i < acc_len; i++) {
        uint32_t s = acc[acc_len - 1 - i] + carry;
        if (i < x_len) {
            s += x[x_len - 1 - i]; /* i and x_len are public */
        }
        acc[acc_len - 1 - i] = (uint8_t)s;
        carry = s >> 8;
    }
}

/* V = seed (from Hash_df over the pieces), C = Hash_df(0x00 || V)
 * (10.1.1.2 steps 2-5, 10.1.1.3 steps 2-5). */
static void new_state(tern_hash_drbg_ctx *ctx, const uint8_t *const *in, const size_t *in_len,
                      size_t n)
{
    static const uint8_t zero = 0x00;
    const uint8_t *parts[2];
    size_t lens[2];
    size_t sl = seed_bytes(ctx->hash);
    uint8_t seed[sizeof(ctx->V)];

    hash_df(ctx->hash, in, in_len, n, seed, sl);
    memcpy(ctx->V, seed, sl);
    parts[0] = &zero;
    lens[0] = 1;
    parts[1] = ctx->V;
    lens[1] = sl;
    hash_df(ctx->hash, parts, lens, 2, ctx->C, sl);
    ctx->reseed_counter = 1;
    tern_wipe(seed, sizeof(seed));
}

/* Instantiate (10.1.1.2) from given material; checks done by callers. */
static void instantiate(tern_hash_drbg_ctx *ctx, const tern_hash_class *hash,
                        const tern_platform *platform, const uint8_t *entropy, size_t entropy_len,
                        const uint8_t *nonce, size_t nonce_len, const uint8_t *pers,
                        size_t pers_len)
{
    const uint8_t *parts[3];
    size_t lens[3];

    tern_wipe(ctx, sizeof(*ctx));
    ctx->vtable = &tern_hash_drbg_class;
    ctx->hash = hash;
    ctx->platform = platform;
    parts[0] = entropy;
    lens[0] = entropy_len;
    parts[1] = nonce;
    lens[1] = nonce_len;
    parts[2] = pers;
    lens[2] = pers_len;
    new_state(ctx, parts, lens, 3);
    ctx->reseed_interval = TERN_HASH_DRBG_RESEED_INTERVAL;
}

/* Reseed (10.1.1.3): seed material 0x01 || V || entropy || additional. */
static void reseed(tern_hash_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
                   const uint8_t *additional, size_t additional_len)
{
    static const uint8_t one = 0x01;
    const uint8_t *parts[4];
    size_t lens[4];

    parts[0] = &one;
    lens[0] = 1;
    parts[1] = ctx->V;
    lens[1] = seed_bytes(ctx->hash);
    parts[2] = entropy;
    lens[2] = entropy_len;
    parts[3] = additional;
    lens[3] = additional_len;
    new_state(ctx, parts, lens, 4);
}

/* see include/tern/rand.h */
int tern_hash_drbg_init(tern_hash_drbg_ctx *ctx, const tern_hash_class *hash,
                        const tern_platform *platform, const uint8_t *pers, size_t pers_len)
{
    uint8_t seed[32 + 16];
    size_t s;
    int ret;

    TERN_CHECK_ARG(ctx != NULL && hash != NULL);
    TERN_CHECK_ARG(pers != NULL || pers_len == 0);
    tern_hash_drbg_wipe(ctx);
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
int tern_hash_drbg_init_seeded(tern_hash_drbg_ctx *ctx, const tern_hash_class *hash,
                               const uint8_t *entropy, size_t entropy_len, const uint8_t *nonce,
                               size_t nonce_len, const uint8_t *pers, size_t pers_len)
{
    size_t s;

    TERN_CHECK_ARG(ctx != NULL && hash != NULL);
    TERN_CHECK_ARG(entropy != NULL || entropy_len == 0);
    TERN_CHECK_ARG(nonce != NULL || nonce_len == 0);
    TERN_CHECK_ARG(pers != NULL || pers_len == 0);
    tern_hash_drbg_wipe(ctx);
    s = strength_bytes(hash);
    TERN_ENSURE(s > 0, TERN_ERR_UNSUPPORTED_ALGORITHM);
    TERN_ENSURE(entropy_len >= s && nonce_len >= s / 2, TERN_ERR_BAD_LENGTH);
    instantiate(ctx, hash, NULL, entropy, entropy_len, nonce, nonce_len, pers, pers_len);
    return TERN_OK;
}

/* see include/tern/rand.h */
int tern_hash_drbg_reseed(tern_hash_drbg_ctx *ctx, const uint8_t *additional, size_t additional_len)
{
    uint8_t entropy[32];
    size_t s;
    int ret;

    TERN_CHECK_ARG(ctx != NULL);
    TERN_CHECK_ARG(additional != NULL || additional_len == 0);
    TERN_ENSURE(ctx->hash != NULL, TERN_ERR_NOT_INITIALIZED);
    s = strength_bytes(ctx->hash);
    ret = tern_platform_entropy(ctx->platform, entropy, s);
    if (ret == TERN_OK) {
        reseed(ctx, entropy, s, additional, additional_len);
    }
    tern_wipe(entropy, sizeof(entropy));
    return ret;
}

/* see include/tern/rand.h */
int tern_hash_drbg_reseed_with(tern_hash_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
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
int tern_hash_drbg_generate_ex(tern_hash_drbg_ctx *ctx, uint8_t *out, size_t len,
                               const uint8_t *additional, size_t additional_len)
{
    static const uint8_t two = 0x02, three = 0x03, inc = 0x01;
    const tern_hash_class *h;
    tern_hash_ctx hc;
    uint8_t data[sizeof(ctx->V)], w[TERN_HASH_MAX_DIGEST], cnt[8];
    size_t sl, done = 0;

    TERN_CHECK_ARG(ctx != NULL);
    TERN_CHECK_ARG(out != NULL || len == 0);
    TERN_CHECK_ARG(additional != NULL || additional_len == 0);
    TERN_ENSURE(len <= TERN_HASH_DRBG_MAX_REQUEST, TERN_ERR_BAD_LENGTH);
    h = ctx->hash;
    if (h == NULL) {
        tern_wipe(out, len);
        return TERN_ERR_NOT_INITIALIZED;
    }
    sl = seed_bytes(h);

    /* 10.1.1.4 step 1, with 9.3.1 steps 7.1-7.4: reseed when due (from
     * the platform), the additional input going to the reseed. */
    if (ctx->reseed_counter > ctx->reseed_interval) {
        int ret;
        if (ctx->platform == NULL) {
            tern_wipe(out, len);
            return TERN_ERR_RNG_RESEED;
        }
        ret = tern_hash_drbg_reseed(ctx, additional, additional_len);
        if (ret != TERN_OK) {
            tern_wipe(out, len);
            return ret;
        }
        additional = NULL;
        additional_len = 0;
    }
    /* Step 2: w = Hash(0x02 || V || additional); V = V + w. */
    if (additional_len > 0) {
        h->init(&hc.vtable);
        h->update(&hc.vtable, &two, 1);
        h->update(&hc.vtable, ctx->V, sl);
        h->update(&hc.vtable, additional, additional_len);
        h->out(&hc.vtable, w);
        add_be(ctx->V, sl, w, h->digest_len);
    }
    /* Step 3: Hashgen (10.1.1.4): Hash(data), data = data + 1, ... */
    memcpy(data, ctx->V, sl);
    while (done < len) {
        size_t n = len - done < h->digest_len ? len - done : h->digest_len;
        h->init(&hc.vtable);
        h->update(&hc.vtable, data, sl);
        h->out(&hc.vtable, w);
        memcpy(out + done, w, n);
        done += n;
        add_be(data, sl, &inc, 1);
    }
    /* Steps 4-6: H = Hash(0x03 || V); V = V + H + C + reseed_counter. */
    h->init(&hc.vtable);
    h->update(&hc.vtable, &three, 1);
    h->update(&hc.vtable, ctx->V, sl);
    h->out(&hc.vtable, w);
    add_be(ctx->V, sl, w, h->digest_len);
    add_be(ctx->V, sl, ctx->C, sl);
    tern_store_be64(cnt, ctx->reseed_counter);
    add_be(ctx->V, sl, cnt, sizeof(cnt));
    ctx->reseed_counter++;
    tern_wipe(&hc, sizeof(hc));
    tern_wipe(data, sizeof(data));
    tern_wipe(w, sizeof(w));
    return TERN_OK;
}

/* see include/tern/rand.h */
void tern_hash_drbg_set_reseed_interval(tern_hash_drbg_ctx *ctx, uint64_t interval)
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
void tern_hash_drbg_wipe(tern_hash_drbg_ctx *ctx)
{
    tern_wipe(ctx, sizeof(*ctx));
    ctx->vtable = NULL;
    ctx->hash = NULL;
    ctx->platform = NULL;
}

static int cls_generate(const tern_rng_class **rng, uint8_t *out, size_t len)
{
    /* The class pointer is the context's first member (C99 6.7.2.1p13). */
    return tern_hash_drbg_generate_ex((tern_hash_drbg_ctx *)(void *)rng, out, len, NULL, 0);
}

/* see include/tern/rand.h */
const tern_rng_class tern_hash_drbg_class = {
    .name = "Hash-DRBG",
    .ctx_size = (uint16_t)sizeof(tern_hash_drbg_ctx),
    .generate = cls_generate,
};
