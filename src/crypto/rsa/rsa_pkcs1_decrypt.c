/*
 * RSAES-PKCS1-v1_5 decryption (RFC 8017 7.2.2) and the TLS 1.2 RSA key
 * exchange decryption (RFC 5246 7.4.7.1).
 *
 * The padding check (rsa_eme_pkcs1.c) runs over all k bytes with masks.
 * The generic
 * decryption branches only on the final verdict; the TLS one never
 * branches on anything derived from the plaintext.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "common/ct_internal.h"
#include "common/try_internal.h"
#include "crypto/rsa/rsa_internal.h"
#include "tern/util.h"

#define PREMASTER_LEN 48

/* see include/tern/rsa.h */
int tern_rsa_pkcs1_decrypt(const tern_rsa_privkey *key, const tern_rng_class **rng,
                           const uint8_t *ct, size_t ct_len, uint8_t *out, size_t *out_len)
{
    uint8_t em[TERN_RSA_MAX_LEN];
    uint32_t ok, good, off;
    size_t k, msg_len;
    int ret;

    TERN_CHECK_ARG(key != NULL && out_len != NULL && (out != NULL || *out_len == 0));
    /* one `out:` label: em holds the plaintext */
    TERN_TRY_GOTO(tern_rsa_private_core(key, rng, ct, ct_len, em, &ok));
    k = ct_len;
    good = tern_rsa_eme_pkcs1_check(em, k, &off) & ok;
    /* The verdict: the one branch on decrypted data (see rsa.h). */
    TERN_ENSURE_GOTO(ok, TERN_ERR_FAULT);
    TERN_ENSURE_GOTO(good, TERN_ERR_BAD_PADDING);
    msg_len = k - off;
    TERN_ENSURE_GOTO(msg_len <= *out_len, TERN_ERR_BUFFER_TOO_SMALL);
    if (msg_len > 0) {
        memcpy(out, em + off, msg_len);
    }
    *out_len = msg_len;
    ret = TERN_OK;
out:
    tern_wipe(em, sizeof(em));
    return ret;
}

/* see include/tern/rsa.h */
int tern_rsa_pkcs1_decrypt_tls(const tern_rsa_privkey *key, const tern_rng_class **rng,
                               const uint8_t *ct, size_t ct_len, uint8_t premaster[48],
                               const uint8_t client_version[2])
{
    uint8_t em[TERN_RSA_MAX_LEN];
    uint8_t rnd[PREMASTER_LEN];
    uint32_t ok, good, off;
    size_t k;
    int ret;

    TERN_CHECK_ARG(key != NULL && rng != NULL && premaster != NULL && client_version != NULL);
    /* Step 1 of RFC 5246 7.4.7.1: the random premaster comes first, and
     * is the output until a good one replaces it. */
    TERN_TRY(tern_rng_generate(rng, rnd, sizeof(rnd)));
    memcpy(premaster, rnd, PREMASTER_LEN);

    /* one `out:` label: em and rnd are secrets */
    ret = tern_rsa_private_core(key, rng, ct, ct_len, em, &ok);
    if (ret == TERN_ERR_BAD_LENGTH || ret == TERN_ERR_BAD_ARG) {
        /* ct_len != k or ct >= n: public facts about the ciphertext, not
         * about the plaintext; still no alert (7.4.7.1), just the random
         * premaster. */
        ret = TERN_OK;
        goto out;
    }
    TERN_TRY_GOTO(ret);
    k = ct_len;
    /* good padding, a 48-byte message, and the ClientHello version in its
     * first two bytes (a mismatch is treated like a padding error). The
     * message is read at the fixed offset k - 48. */
    good = tern_rsa_eme_pkcs1_check(em, k, &off);
    good &= tern_ct_eq(off, (uint32_t)(k - PREMASTER_LEN));
    good &= tern_ct_eq(em[k - PREMASTER_LEN], client_version[0]);
    good &= tern_ct_eq(em[k - PREMASTER_LEN + 1], client_version[1]);
    good &= ok;
    tern_ct_select(good, premaster, em + k - PREMASTER_LEN, rnd, PREMASTER_LEN);
    ret = tern_bn_status(ok, TERN_ERR_FAULT);
out:
    tern_wipe(em, sizeof(em));
    tern_wipe(rnd, sizeof(rnd));
    return ret;
}

#else
typedef int tern_rsa_pkcs1_decrypt_unused_;
#endif /* TERN_CONFIG_RSA */
