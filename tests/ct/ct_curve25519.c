/*
 * Constant-time check of X25519 and Ed25519 signing under valgrind
 * memcheck (see tests/harness/ct_check.h): the secrets (scalars, seeds,
 * private keys, rng output) are marked undefined, so any branch or memory
 * index that depends on them is reported. Results are declassified before
 * anything looks at them. Ed25519 verification is variable-time by design
 * (public inputs only) and is not checked here.
 */
#include <stdint.h>
#include <string.h>

#include "ct_check.h"
#include "tern/curve25519.h"
#include "tern/util.h"

#if TERN_CONFIG_X25519
static uint8_t rng_byte = 0x5c;

/* An rng whose output memcheck treats as secret. */
static int secret_rng_generate(const tern_rng_class **ctx, uint8_t *out, size_t len)
{
    size_t i;
    (void)ctx;
    for (i = 0; i < len; i++) {
        rng_byte = (uint8_t)(rng_byte * 37u + 11u);
        out[i] = rng_byte;
    }
    CT_SECRET(out, len);
    return TERN_OK;
}

static const tern_rng_class secret_rng = {"ct-secret", 0, secret_rng_generate};
#endif

int main(void)
{
    uint8_t k[32], u[32], seed[32], msg[100];
    int fn = 0, fails = 0, i;
#if TERN_CONFIG_X25519
    uint8_t out[32], priv[TERN_KEX_MAX_PRIV], pub[32], secret[32];
    const tern_rng_class *rng = &secret_rng;
    const tern_kex_class *kx = &tern_kex_x25519;
#endif
#if TERN_CONFIG_ED25519
    uint8_t pk[32], sig[64];
    const tern_sig_class *sc = &tern_sig_ed25519;
    tern_privkey key;
    size_t sig_len;
#endif
#if TERN_CONFIG_X25519 || TERN_CONFIG_ED25519
    int rc;
#endif

    for (i = 0; i < 32; i++) {
        k[i] = (uint8_t)(i * 7 + 1);
        seed[i] = (uint8_t)(i * 13 + 5);
    }
    memset(u, 0, sizeof(u));
    u[0] = 9;
    memset(msg, 'm', sizeof(msg));

#if TERN_CONFIG_X25519
    /* X25519, variable base: secret scalar; then scalar and point secret. */
    CT_SECRET(k, sizeof(k));
    rc = tern_x25519(out, k, u);
    CT_PUBLIC(&rc, sizeof(rc));
    fails += rc != TERN_OK;
    CT_PUBLIC(out, sizeof(out));
    fn++;
    CT_SECRET(u, sizeof(u));
    rc = tern_x25519(out, k, u);
    CT_PUBLIC(&rc, sizeof(rc));
    fails += rc != TERN_OK;
    CT_PUBLIC(out, sizeof(out));
    /* A low-order point: the all-zero result is flagged without a branch
     * inside (the return value is declassified here, as a caller would
     * act on it). */
    memset(u, 0, sizeof(u));
    u[0] = 1;
    CT_SECRET(u, sizeof(u));
    rc = tern_x25519(out, k, u);
    CT_PUBLIC(&rc, sizeof(rc));
    fails += rc != TERN_ERR_BAD_SHARED_SECRET;
    CT_PUBLIC(out, sizeof(out));

    /* X25519, fixed base. */
    rc = tern_x25519_base(out, k);
    CT_PUBLIC(&rc, sizeof(rc));
    fails += rc != TERN_OK;
    CT_PUBLIC(out, sizeof(out));
    fn++;

    /* The kex class: keygen from a secret rng output, derive with a secret
     * private key (the peer value is public). */
    rc = kx->keygen(kx, &rng, priv, pub);
    CT_PUBLIC(&rc, sizeof(rc));
    fails += rc != TERN_OK;
    CT_PUBLIC(pub, sizeof(pub));
    fn++;
    rc = kx->derive(kx, priv, pub, sizeof(pub), secret);
    CT_PUBLIC(&rc, sizeof(rc));
    fails += rc != TERN_OK;
    CT_PUBLIC(secret, sizeof(secret));
    fn++;

#endif

#if TERN_CONFIG_ED25519
    /* Ed25519: public key and signatures with a secret seed; pk derived
     * (NULL) and given. */
    CT_SECRET(seed, sizeof(seed));
    rc = tern_ed25519_public(pk, seed);
    CT_PUBLIC(&rc, sizeof(rc));
    fails += rc != TERN_OK;
    CT_PUBLIC(pk, sizeof(pk));
    fn++;
    rc = tern_ed25519_sign(sig, msg, sizeof(msg), seed, NULL);
    CT_PUBLIC(&rc, sizeof(rc));
    fails += rc != TERN_OK;
    CT_PUBLIC(sig, sizeof(sig));
    rc = tern_ed25519_sign(sig, msg, sizeof(msg), seed, pk);
    CT_PUBLIC(&rc, sizeof(rc));
    fails += rc != TERN_OK;
    CT_PUBLIC(sig, sizeof(sig));
    fn++;

    /* The signature class. */
    memset(&key, 0, sizeof(key));
    key.type = TERN_KEY_ED25519;
    key.u.ed25519.seed = seed;
    key.u.ed25519.pk = pk;
    sig_len = sizeof(sig);
    rc = sc->sign(sc, &key, NULL, msg, sizeof(msg), sig, &sig_len);
    CT_PUBLIC(&rc, sizeof(rc));
    fails += rc != TERN_OK;
    CT_PUBLIC(sig, sizeof(sig));
    fn++;

#endif

#if !TERN_CONFIG_X25519 && !TERN_CONFIG_ED25519
    /* Both curves compiled out: only the wipe of secret bytes is left. */
    CT_SECRET(k, sizeof(k));
    tern_wipe(k, sizeof(k));
    fn++;
#endif
    (void)k;
    (void)u;
    (void)seed;
    (void)msg;
    CT_DONE(fn);
    return fails == 0 ? 0 : 1;
}
