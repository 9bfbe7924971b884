/*
 * The TLS PRFs: TLS 1.2 (RFC 5246 5) and, legacy, TLS 1.0/1.1 (RFC 2246
 * 5), both built on P_hash:
 *
 *     A(0) = seed, A(i) = HMAC(secret, A(i-1))
 *     P_hash(secret, seed) = HMAC(secret, A(1) || seed) ||
 *                            HMAC(secret, A(2) || seed) || ...
 *
 * where seed = label || seed1 || seed2 is fed to HMAC in pieces. The
 * secret is keyed into HMAC once and the keyed state copied per call.
 */
#include <string.h>

#include "common/try_internal.h"
#include "tern/kdf.h"
#include "tern/mac.h"
#include "tern/util.h"

typedef struct seed_parts {
    const uint8_t *p[3];
    size_t len[3];
} seed_parts;

static void feed_seed(tern_hmac_ctx *c, const seed_parts *s)
{
    size_t i;
    for (i = 0; i < 3; i++) {
        tern_hmac_update(c, s->p[i], s->len[i]);
    }
}

/* Writes P_hash(secret, seed) to out, or XORs it into out if xor_into. */
static void p_hash(const tern_hash_class *h, const uint8_t *secret, size_t secret_len,
                   const seed_parts *seed, uint8_t *out, size_t out_len, int xor_into)
{
    tern_hmac_ctx keyed, c;
    uint8_t a[TERN_HASH_MAX_DIGEST], t[TERN_HASH_MAX_DIGEST];
    size_t dl = h->digest_len;
    size_t done = 0, i;

    tern_hmac_init(&keyed, h, secret, secret_len);
    c = keyed;
    feed_seed(&c, seed);
    tern_hmac_out(&c, a); /* A(1) */
    while (done < out_len) {
        size_t n = out_len - done < dl ? out_len - done : dl;
        c = keyed;
        tern_hmac_update(&c, a, dl);
        feed_seed(&c, seed);
        tern_hmac_out(&c, t);
        if (xor_into) {
            for (i = 0; i < n; i++) {
                out[done + i] ^= t[i];
            }
        } else {
            memcpy(out + done, t, n);
        }
        done += n;
        if (done < out_len) {
            c = keyed;
            tern_hmac_update(&c, a, dl);
            tern_hmac_out(&c, a); /* A(i+1) */
        }
    }
    tern_hmac_wipe(&keyed);
    tern_hmac_wipe(&c);
    tern_wipe(a, sizeof(a));
    tern_wipe(t, sizeof(t));
}

static void make_seed(seed_parts *s, const char *label, size_t label_len, const uint8_t *seed1,
                      size_t seed1_len, const uint8_t *seed2, size_t seed2_len)
{
    s->p[0] = (const uint8_t *)label;
    s->len[0] = label_len;
    s->p[1] = seed1;
    s->len[1] = seed1_len;
    s->p[2] = seed2;
    s->len[2] = seed2_len;
}

/* see include/tern/kdf.h */
int tern_tls12_prf(const tern_hash_class *h, const uint8_t *secret, size_t secret_len,
                   const char *label, size_t label_len, const uint8_t *seed1, size_t seed1_len,
                   const uint8_t *seed2, size_t seed2_len, uint8_t *out, size_t out_len)
{
    seed_parts s;

    TERN_CHECK_ARG(h != NULL);
    TERN_CHECK_ARG(secret != NULL || secret_len == 0);
    TERN_CHECK_ARG(label != NULL || label_len == 0);
    TERN_CHECK_ARG(seed1 != NULL || seed1_len == 0);
    TERN_CHECK_ARG(seed2 != NULL || seed2_len == 0);
    TERN_CHECK_ARG(out != NULL || out_len == 0);
    make_seed(&s, label, label_len, seed1, seed1_len, seed2, seed2_len);
    p_hash(h, secret, secret_len, &s, out, out_len, 0);
    return TERN_OK;
}

/* see include/tern/kdf.h */
int tern_tls10_prf(const uint8_t *secret, size_t secret_len, const char *label, size_t label_len,
                   const uint8_t *seed1, size_t seed1_len, const uint8_t *seed2, size_t seed2_len,
                   uint8_t *out, size_t out_len)
{
#if TERN_CONFIG_MD5 && TERN_CONFIG_SHA1
    seed_parts s;
    /* RFC 2246 5: S1 is the first and S2 the last ceil(len/2) bytes; with
     * an odd length the middle byte is in both. */
    size_t half = secret_len / 2 + (secret_len & 1);

    TERN_CHECK_ARG(secret != NULL || secret_len == 0);
    TERN_CHECK_ARG(label != NULL || label_len == 0);
    TERN_CHECK_ARG(seed1 != NULL || seed1_len == 0);
    TERN_CHECK_ARG(seed2 != NULL || seed2_len == 0);
    TERN_CHECK_ARG(out != NULL || out_len == 0);
    make_seed(&s, label, label_len, seed1, seed1_len, seed2, seed2_len);
    p_hash(&tern_md5_class, secret, half, &s, out, out_len, 0);
    /* (no pointer arithmetic on a NULL secret of length 0) */
    p_hash(&tern_sha1_class, secret_len > 0 ? secret + (secret_len - half) : secret, half, &s, out,
           out_len, 1);
    return TERN_OK;
#else
    (void)secret;
    (void)secret_len;
    (void)label;
    (void)label_len;
    (void)seed1;
    (void)seed1_len;
    (void)seed2;
    (void)seed2_len;
    (void)out;
    (void)out_len;
    return TERN_ERR_UNSUPPORTED;
#endif
}
