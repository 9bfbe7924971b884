/*
 * Constant-time check of the DRBGs: run under valgrind memcheck with the
 * entropy input, nonce, personalization and additional input marked
 * secret (see tests/harness/ct_check.h), so that the whole state is
 * secret. Request lengths and the reseed counter are public; the
 * output is declassified only at the end.
 */
#include <stdint.h>
#include <string.h>

#include "ct_check.h"
#include "tern/rand.h"

static int check_hash_drbg(const tern_hash_class *h)
{
    uint8_t entropy[32], nonce[16], pers[20], adin[40], out[100];
    tern_hash_drbg_ctx d;
    int fn = 0;

    memset(entropy, 0x11, sizeof(entropy));
    memset(nonce, 0x22, sizeof(nonce));
    memset(pers, 0x33, sizeof(pers));
    memset(adin, 0x44, sizeof(adin));
    CT_SECRET(entropy, sizeof(entropy));
    CT_SECRET(nonce, sizeof(nonce));
    CT_SECRET(pers, sizeof(pers));
    CT_SECRET(adin, sizeof(adin));
    if (tern_hash_drbg_init_seeded(&d, h, entropy, sizeof(entropy), nonce, sizeof(nonce), pers,
                                   sizeof(pers)) != TERN_OK) {
        return -1000;
    }
    fn++;
    if (tern_hash_drbg_generate_ex(&d, out, sizeof(out), NULL, 0) != TERN_OK ||
        tern_hash_drbg_generate_ex(&d, out, 33, adin, sizeof(adin)) != TERN_OK) {
        return -1000;
    }
    fn++;
    if (tern_hash_drbg_reseed_with(&d, entropy, sizeof(entropy), adin, 7) != TERN_OK ||
        tern_hash_drbg_generate_ex(&d, out, 64, NULL, 0) != TERN_OK) {
        return -1000;
    }
    fn++;
    tern_hash_drbg_wipe(&d);
    CT_PUBLIC(out, sizeof(out));
    return fn;
}

static int check_hmac_drbg(void)
{
    uint8_t entropy[32], nonce[16], adin[40], out[100];
    tern_hmac_drbg_ctx d;

    memset(entropy, 0x55, sizeof(entropy));
    memset(nonce, 0x66, sizeof(nonce));
    memset(adin, 0x77, sizeof(adin));
    CT_SECRET(entropy, sizeof(entropy));
    CT_SECRET(nonce, sizeof(nonce));
    CT_SECRET(adin, sizeof(adin));
    if (tern_hmac_drbg_init_seeded(&d, &tern_sha256_class, entropy, sizeof(entropy), nonce,
                                   sizeof(nonce), NULL, 0) != TERN_OK ||
        tern_hmac_drbg_generate_ex(&d, out, sizeof(out), adin, sizeof(adin)) != TERN_OK) {
        return -1000;
    }
    tern_hmac_drbg_wipe(&d);
    CT_PUBLIC(out, sizeof(out));
    return 2;
}

int main(void)
{
    int fn = 0, r;

    r = check_hash_drbg(&tern_sha256_class);
    fn += r;
    r = r < 0 ? r : check_hash_drbg(&tern_sha1_class);
    fn += r;
    r = r < 0 ? r : check_hmac_drbg();
    fn += r;
    if (r < 0 || fn <= 0) {
        return 1;
    }
    CT_DONE(fn);
    return 0;
}
