/*
 * RSAES-PKCS1-v1_5 encryption (RFC 8017 7.2.1).
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "common/try_internal.h"
#include "crypto/rsa/rsa_internal.h"
#include "tern/util.h"

/* A working rng yields a non-zero byte with probability 255/256; this
 * many rounds without filling PS means it is broken. */
#define MAX_ROUNDS 64

/* Fills ps with non-zero random bytes: the first ps_len non-zero bytes
 * of the rng's output, in order, never asking for more than is still
 * missing (so a known-answer test can replay the exact rng stream). The
 * discarded zero bytes are not part of the output. */
static int nonzero_random(const tern_rng_class **rng, uint8_t *ps, size_t ps_len)
{
    uint8_t buf[TERN_RSA_MAX_LEN];
    size_t have = 0;
    int rounds = 0;
    int ret = TERN_OK;

    while (have < ps_len) {
        size_t i, want = ps_len - have;
        if (rounds++ == MAX_ROUNDS) {
            ret = TERN_ERR_ENTROPY;
            break;
        }
        ret = tern_rng_generate(rng, buf, want);
        if (ret < 0) {
            break;
        }
        for (i = 0; i < want; i++) {
            if (buf[i] != 0) {
                ps[have++] = buf[i];
            }
        }
    }
    tern_wipe(buf, sizeof(buf));
    return ret;
}

/* see include/tern/rsa.h */
int tern_rsa_pkcs1_encrypt(const tern_rsa_pubkey *key, const tern_rng_class **rng,
                           const uint8_t *msg, size_t msg_len, uint8_t *out, size_t *out_len)
{
    uint8_t em[TERN_RSA_MAX_LEN];
    size_t k, ps_len;
    int ret;

    TERN_CHECK_ARG(key != NULL && rng != NULL && out != NULL && out_len != NULL &&
                   (msg != NULL || msg_len == 0));
    k = tern_rsa_modulus_len(key->n, key->n_len);
    TERN_ENSURE(k > 0 && k <= TERN_RSA_MAX_LEN, TERN_ERR_BAD_KEY);
    TERN_ENSURE(*out_len >= k, TERN_ERR_BUFFER_TOO_SMALL);
    /* step 1: mLen <= k - 11 (PS of at least 8 bytes) */
    TERN_ENSURE(k >= 11 && msg_len <= k - 11, TERN_ERR_BAD_LENGTH);

    /* one `out:` label: em holds the message (a premaster secret) */
    ps_len = k - msg_len - 3;
    em[0] = 0x00;
    em[1] = 0x02;
    TERN_TRY_GOTO(nonzero_random(rng, em + 2, ps_len));
    em[2 + ps_len] = 0x00;
    if (msg_len > 0) {
        memcpy(em + 3 + ps_len, msg, msg_len);
    }
    TERN_TRY_GOTO(tern_rsa_public(key, em, k, out));
    *out_len = k;
out:
    tern_wipe(em, sizeof(em));
    return ret;
}

#else
typedef int tern_rsa_pkcs1_encrypt_unused_;
#endif /* TERN_CONFIG_RSA */
