/*
 * The deterministic ECDSA nonce of RFC 6979 section 3.2 (HMAC_DRBG seeded
 * with the private key and the digest), with the optional additional
 * data k' of section 3.6, for P-256 / P-384.
 *
 * Constant-time: HMAC runs in time that depends on lengths only, the
 * candidates are checked and chosen with masks, and a fixed, public
 * number of candidates is always computed (see ecdsa_internal.h for why
 * that number is safe).
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "crypto/ecc/ecdsa_internal.h"
#include "tern/mac.h"
#include "tern/util.h"

/* The HMAC_DRBG state of RFC 6979 3.2: V, and HMAC keyed with K (K itself
 * is not kept: only its keyed context is needed). */
typedef struct nonce_drbg {
    const tern_hash_class *h;
    size_t hlen;
    tern_hmac_ctx keyed;
    uint8_t v[TERN_HASH_MAX_DIGEST];
} nonce_drbg;

/* The seed parts: int2octets(x), bits2octets(h1) and k' (may be empty). */
typedef struct nonce_seed {
    const uint8_t *x;
    const uint8_t *h1;
    size_t len;
    const uint8_t *extra;
    size_t extra_len;
} nonce_seed;

/* V = HMAC_K(V) */
static void next_v(nonce_drbg *st)
{
    tern_hmac_ctx m = st->keyed;
    tern_hmac_update(&m, st->v, st->hlen);
    tern_hmac_out(&m, st->v);
    tern_hmac_wipe(&m);
}

/* K = HMAC_K(V || sep [|| x || h1 || k']), then V = HMAC_K(V): steps d/e
 * and f/g with the seed, step h.3 without it. */
static void rekey(nonce_drbg *st, uint8_t sep, const nonce_seed *seed)
{
    tern_hmac_ctx m = st->keyed;
    uint8_t k[TERN_HASH_MAX_DIGEST];

    tern_hmac_update(&m, st->v, st->hlen);
    tern_hmac_update(&m, &sep, 1);
    if (seed != NULL) {
        tern_hmac_update(&m, seed->x, seed->len);
        tern_hmac_update(&m, seed->h1, seed->len);
        tern_hmac_update(&m, seed->extra, seed->extra_len);
    }
    tern_hmac_out(&m, k);
    tern_hmac_wipe(&m);
    tern_hmac_wipe(&st->keyed);
    tern_hmac_init(&st->keyed, st->h, k, st->hlen);
    tern_wipe(k, sizeof(k));
    next_v(st);
}

/* see src/crypto/ecc/ecdsa_internal.h */
uint32_t tern_ecdsa_rfc6979(const ec_curve *c, const tern_hash_class *h, const tern_limb *x,
                            const tern_limb *h1, const uint8_t *extra, size_t extra_len,
                            unsigned candidates, tern_limb *k)
{
    size_t len = c->len;
    nonce_drbg st;
    nonce_seed seed;
    uint8_t xb[EC_MAX_BYTES], hb[EC_MAX_BYTES], t[EC_MAX_BYTES];
    tern_limb cand[EC_MAXL];
    uint32_t found = 0;
    unsigned i;
    size_t j, off;

    /* int2octets(x) and bits2octets(h1): h1 already went through
     * bits2int and one reduction mod n (RFC 6979 2.3.4), and qlen is a
     * multiple of 8, so both are plain len-byte big-endian encodings. */
    tern_ec_encode(xb, x, c->nl);
    tern_ec_encode(hb, h1, c->nl);
    seed.x = xb;
    seed.h1 = hb;
    seed.len = len;
    seed.extra = extra;
    seed.extra_len = extra_len;

    /* steps b and c: V = 0x01 0x01 ..., K = 0x00 0x00 ... */
    st.h = h;
    st.hlen = h->digest_len;
    for (j = 0; j < st.hlen; j++) {
        st.v[j] = 0x01;
    }
    {
        uint8_t zeros[TERN_HASH_MAX_DIGEST] = {0};
        tern_hmac_init(&st.keyed, h, zeros, st.hlen);
    }
    /* steps d-g. The additional data k' of section 3.6 is part of the
     * seed material, so it enters both K updates, as provided_data does
     * in both halves of the HMAC_DRBG update (SP 800-90A 10.1.2.2). */
    rekey(&st, 0x00, &seed);
    rekey(&st, 0x01, &seed);

    for (j = 0; j < c->nl; j++) {
        k[j] = (tern_limb)(j == 0);
    }
    for (i = 0; i < candidates; i++) {
        uint32_t ok;
        if (i > 0) {
            /* step h.3 for the previous candidate: K = HMAC_K(V || 0x00),
             * V = HMAC_K(V) (done even when it was usable: the count is
             * public) */
            rekey(&st, 0x00, NULL);
        }
        /* steps h.1, h.2: T = leftmost qlen bits of V || V || ... */
        for (off = 0; off < len; off += st.hlen) {
            size_t n = len - off < st.hlen ? len - off : st.hlen;
            next_v(&st);
            for (j = 0; j < n; j++) {
                t[off + j] = st.v[j];
            }
        }
        /* step h.3: k = bits2int(T), usable if 1 <= k <= q - 1; the first
         * usable candidate is kept */
        ok = tern_ec_scalar_decode(c, cand, t, len);
        tern_ec_cmov(k, cand, ok & (found ^ 1), c->nl);
        found |= ok;
    }
    tern_wipe(&st, sizeof(st)); /* K's keyed HMAC and V */
    tern_wipe(xb, sizeof(xb));
    tern_wipe(hb, sizeof(hb));
    tern_wipe(t, sizeof(t));
    tern_wipe(cand, sizeof(cand));
    return found;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ecdsa_nonce_unused_;
#endif
