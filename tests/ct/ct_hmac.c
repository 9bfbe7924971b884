/*
 * Constant-time check of HMAC and the HMAC-based KDFs: run under valgrind
 * memcheck with keys, messages and secrets marked secret (see
 * tests/harness/ct_check.h). Lengths are public. The tag check goes
 * through tern_ct_memeq; only its 0/1 result is declassified.
 */
#include <stdint.h>
#include <string.h>

#include "common/ct_internal.h"
#include "ct_check.h"
#include "tern/kdf.h"
#include "tern/mac.h"

static int check_hmac(const tern_hash_class *h)
{
    uint8_t key[200], msg[300], tag[TERN_HASH_MAX_DIGEST], expect[TERN_HASH_MAX_DIGEST];
    tern_hmac_ctx keyed, c;
    uint32_t eq;
    size_t i;
    int fn = 0;

    for (i = 0; i < sizeof(key); i++) {
        key[i] = (uint8_t)(i * 7 + 1);
    }
    for (i = 0; i < sizeof(msg); i++) {
        msg[i] = (uint8_t)(i * 13 + 5);
    }
    memset(expect, 0x42, sizeof(expect));
    CT_SECRET(key, sizeof(key));
    CT_SECRET(msg, sizeof(msg));
    CT_SECRET(expect, sizeof(expect));

    /* a short key and a key longer than the block (hashed first) */
    tern_hmac(h, key, 32, msg, sizeof(msg), tag);
    fn++;
    tern_hmac(h, key, sizeof(key), msg, 17, tag);
    fn++;
    /* keyed context copied per message, incremental updates, out twice */
    tern_hmac_init(&keyed, h, key, h->digest_len);
    c = keyed;
    tern_hmac_update(&c, msg, 13);
    tern_hmac_update(&c, msg + 13, 250);
    tern_hmac_out(&c, tag);
    tern_hmac_out(&c, tag);
    fn += 3;
    /* tag verification */
    eq = tern_ct_memeq(tag, expect, h->digest_len);
    fn++;
    CT_PUBLIC(&eq, sizeof(eq));
    if (eq != 0) {
        return -1000; /* the fixed expectation cannot match */
    }
    tern_hmac_wipe(&keyed);
    tern_hmac_wipe(&c);
    CT_PUBLIC(tag, sizeof(tag));
    return fn;
}

static int check_kdfs(void)
{
    uint8_t secret[48], seed[64], prk[48], out[100];
    static const uint8_t label[] = "tls13 c hs traffic";
    int fn = 0;

    memset(secret, 0x17, sizeof(secret));
    memset(seed, 0x29, sizeof(seed));
    CT_SECRET(secret, sizeof(secret));
    CT_SECRET(seed, sizeof(seed));
    if (tern_hkdf_extract(&tern_sha384_class, seed, 48, secret, 48, prk) != TERN_OK) {
        return -1000;
    }
    fn++;
    if (tern_hkdf_expand_label(&tern_sha384_class, prk, 48, label, sizeof(label) - 1, seed, 48, out,
                               sizeof(out)) != TERN_OK) {
        return -1000;
    }
    fn++;
    if (tern_tls12_prf(&tern_sha256_class, secret, 48, "master secret", 13, seed, 32, seed + 32, 32,
                       out, 48) != TERN_OK) {
        return -1000;
    }
    fn++;
#if TERN_CONFIG_MD5 && TERN_CONFIG_SHA1
    if (tern_tls10_prf(secret, 47, "key expansion", 13, seed, 32, seed + 32, 32, out,
                       sizeof(out)) != TERN_OK) {
        return -1000;
    }
    fn++;
#endif
    CT_PUBLIC(out, sizeof(out));
    CT_PUBLIC(prk, sizeof(prk));
    return fn;
}

int main(void)
{
    int fn = 0, r;

    r = check_hmac(&tern_sha256_class);
    fn += r;
    r = r < 0 ? r : check_hmac(&tern_sha384_class);
    fn += r;
    r = r < 0 ? r : check_kdfs();
    fn += r;
    if (r < 0 || fn <= 0) {
        return 1;
    }
    CT_DONE(fn);
    return 0;
}
