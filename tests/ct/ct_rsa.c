/*
 * Constant-time check of the bignum, RSA and DH code under valgrind
 * memcheck (tests/harness/ct_check.h): key parts, exponents and rng
 * output are marked secret; any branch or memory index that depends on
 * them is a report. One RSA-2048 operation of each kind (valgrind is
 * slow).
 *
 *   bignum: modexp with a secret base, exponent and modulus (the AVX2
 *           code where the CPU has it, and the portable code); Montgomery
 *           setup, multiplication, squaring, conversions, reduction and
 *           inverse with secret inputs
 *   RSA:    the private-key operation (CRT, blinding, fault check);
 *           PKCS#1 v1.5 signing; the TLS premaster decryption of a
 *           ciphertext with good padding and of one with bad padding
 *   DH:     ffdhe2048 derive and keygen with a secret exponent
 */
#include <stdlib.h>
#include <string.h>

#include "../unit/crypto/rsa_test_util.h"
#include "crypto/bignum/bignum_internal.h"
#include "ct_check.h"
#include "tern/dh.h"
#include "tern/rsa.h"
#include "tv.h"

/* An rng whose output is marked secret (blinding factors, DH keys). */
static int secret_rng_generate(const tern_rng_class **ctx, uint8_t *out, size_t len)
{
    int rc = test_rng_generate(ctx, out, len);
    CT_SECRET(out, len);
    return rc;
}
static const tern_rng_class secret_rng_class = {"ct-secret", sizeof(test_rng), secret_rng_generate};

static void secret_key(test_rsa_key *k)
{
    int i;
    for (i = TK_D; i < TK_COUNT; i++) {
        if (k->b[i] != NULL) {
            CT_SECRET(k->b[i], k->len[i]);
        }
    }
}

static int bignum_checks(void)
{
    static tern_bn_mont mc;
    static tern_bn_word tmp[TERN_BN_MODEXP_TMP_WORDS(TERN_BN_MAX_WORDS)];
    tern_bn_word m[16], x[16], r[16], a[32];
    uint8_t e[128];
    uint32_t ok;
    size_t i;
    int fn = 0;

    for (i = 0; i < 16; i++) {
        m[i] = (tern_bn_word)(0x9e3779b97f4a7c15u * (i + 1));
        x[i] = (tern_bn_word)(0x243f6a8885a308d3u * (i + 3));
    }
    m[0] |= 1;
    m[15] |= (tern_bn_word)1 << (TERN_BN_WORD_BITS - 1);
    x[15] >>= 1;
    for (i = 0; i < sizeof(e); i++) {
        e[i] = (uint8_t)(i * 7 + 1);
    }
    for (i = 0; i < 32; i++) {
        a[i] = (tern_bn_word)(0x452821e638d01377u * (i + 5));
    }
    CT_SECRET(m, sizeof(m));
    CT_SECRET(x, sizeof(x));
    CT_SECRET(e, sizeof(e));
    CT_SECRET(a, sizeof(a));

    tern_bn_mont_init(&mc, m, 16); /* a secret prime's context */
    fn++;
    memcpy(r, x, sizeof(r));
    tern_bn_modexp(r, e, sizeof(e), &mc, tmp); /* AVX2 where the CPU has it */
    fn++;
    memcpy(r, x, sizeof(r));
    tern_bn_modexp_generic(r, e, sizeof(e), &mc, tmp); /* and the portable code */
    fn++;
    tern_bn_reduce(r, a, 32, &mc);
    fn++;
    memcpy(r, x, sizeof(r));
    ok = tern_bn_modinv(r, m, 16);
    fn++;
    memcpy(r, x, sizeof(r));
    tern_bn_modexp_vartime(r, (const uint8_t *)"\x01\x00\x01", 3, &mc, tmp); /* public e */
    fn++;
    memcpy(r, x, sizeof(r));
    tern_bn_modexp_vartime_generic(r, (const uint8_t *)"\x01\x00\x01", 3, &mc, tmp);
    fn++;
    tern_bn_mul(a, x, 16, m, 16);
    fn++;
    /* the Montgomery primitives on their own (modexp uses them too) */
    tern_bn_montmul(r, x, x, &mc);
    fn++;
    tern_bn_montsqr(r, r, &mc);
    fn++;
    tern_bn_to_mont(r, &mc);
    fn++;
    tern_bn_from_mont(r, &mc);
    fn++;

    CT_PUBLIC(r, sizeof(r));
    CT_PUBLIC(a, sizeof(a));
    CT_PUBLIC(&ok, sizeof(ok));
    return fn;
}

static int load_key(test_rsa_key *k)
{
    cJSON *root = tv_json_load("wycheproof/rsa_pkcs1_2048_test.json");
    const cJSON *group;
    int rc = -1;

    trk_init(k);
    if (root == NULL) {
        return -1;
    }
    group = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "testGroups"), 0);
    if (group != NULL) {
        rc = trk_from_wycheproof(k, cJSON_GetObjectItemCaseSensitive(group, "privateKey"));
    }
    cJSON_Delete(root);
    return rc;
}

static int rsa_checks(void)
{
    test_rsa_key key;
    test_rng rng;
    uint8_t em[256], ct_good[256], ct_bad[256], out[256], pm[48], digest[32];
    const uint8_t ver[2] = {3, 3};
    size_t k, i, sig_len;
    int rc, fn = 0;

    if (load_key(&key) != 0) {
        fprintf(stderr, "ct_rsa: cannot load the key\n");
        exit(1);
    }
    k = key.len[TK_N];
    test_rng_init(&rng, 1);
    rng.vtable = &secret_rng_class;

    /* ciphertexts made with the public key before anything is secret: a
     * well-formed 48-byte premaster, and a block with bad padding */
    for (i = 0; i < k; i++) {
        em[i] = (uint8_t)(0x40 | i);
    }
    em[0] = 0;
    em[1] = 2;
    em[k - 49] = 0;
    em[k - 48] = 3;
    em[k - 47] = 3;
    if (tern_rsa_public(&key.pub, em, k, ct_good) != TERN_OK) {
        exit(1);
    }
    em[1] = 1;
    if (tern_rsa_public(&key.pub, em, k, ct_bad) != TERN_OK) {
        exit(1);
    }
    secret_key(&key);

    rc = tern_rsa_private(&key.priv, &rng.vtable, ct_good, k, out);
    CT_PUBLIC(&rc, sizeof(rc));
    CT_PUBLIC(out, k);
    fn++;
    if (rc != TERN_OK) {
        fprintf(stderr, "ct_rsa: private op failed\n");
        exit(1);
    }

    memset(digest, 0x5c, sizeof(digest));
    sig_len = sizeof(out);
    rc = tern_rsa_pkcs1_sign(&key.priv, &rng.vtable, &tern_sha256_class, digest, 32, out, &sig_len);
    CT_PUBLIC(&rc, sizeof(rc));
    CT_PUBLIC(out, k);
    fn++;

    rc = tern_rsa_pkcs1_decrypt_tls(&key.priv, &rng.vtable, ct_good, k, pm, ver);
    CT_PUBLIC(&rc, sizeof(rc));
    CT_PUBLIC(pm, sizeof(pm));
    fn++;
    if (rc != TERN_OK || pm[0] != 3 || pm[1] != 3 || pm[2] != (uint8_t)(0x40 | (k - 46))) {
        fprintf(stderr, "ct_rsa: good premaster not recovered\n");
        exit(1);
    }
    rc = tern_rsa_pkcs1_decrypt_tls(&key.priv, &rng.vtable, ct_bad, k, pm, ver);
    CT_PUBLIC(&rc, sizeof(rc));
    CT_PUBLIC(pm, sizeof(pm));
    fn++;
    if (rc != TERN_OK) {
        fprintf(stderr, "ct_rsa: bad-padding decryption failed\n");
        exit(1);
    }
    trk_free(&key);
    return fn;
}

static int dh_checks(void)
{
    const tern_kex_class *cls = &tern_kex_ffdhe2048;
    uint8_t priv[32], pub[256], peer_priv[32], peer[256], z[256];
    test_rng rng, plain;
    int rc, fn = 0;

    /* the peer's value is public: made with an unmarked rng */
    test_rng_init(&plain, 7);
    if (cls->keygen(cls, &plain.vtable, peer_priv, peer) != TERN_OK) {
        exit(1);
    }
    test_rng_init(&rng, 8);
    rng.vtable = &secret_rng_class;
    rc = cls->keygen(cls, &rng.vtable, priv, pub);
    CT_PUBLIC(&rc, sizeof(rc));
    CT_PUBLIC(pub, sizeof(pub));
    fn++;
    rc = cls->derive(cls, priv, peer, sizeof(peer), z);
    CT_PUBLIC(&rc, sizeof(rc));
    CT_PUBLIC(z, sizeof(z));
    fn++;
    if (rc != TERN_OK) {
        fprintf(stderr, "ct_rsa: DH derive failed\n");
        exit(1);
    }
    return fn;
}

int main(void)
{
    int fn = 0;
    fn += bignum_checks();
    fn += rsa_checks();
    fn += dh_checks();
    CT_DONE(fn);
    return 0;
}
