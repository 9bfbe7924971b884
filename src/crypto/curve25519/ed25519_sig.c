/*
 * tern_sig_ed25519: the TLS signature class for the scheme ed25519
 * (0x0807, RFC 8446 4.2.3), which signs the message itself (hash NULL).
 */
#include "tern/config.h"

#if TERN_CONFIG_ED25519

#include "common/try_internal.h"
#include "tern/curve25519.h"

static int ed25519_verify(const tern_sig_class *cls, const tern_pubkey *key, const uint8_t *msg,
                          size_t msg_len, const uint8_t *sig, size_t sig_len)
{
    TERN_CHECK_ARG(cls != NULL && (msg != NULL || msg_len == 0));
    /* A key of another type or a signature of the wrong size is simply a
     * signature that does not verify (pk.h). */
    TERN_ENSURE(key != NULL && key->type == TERN_KEY_ED25519 && key->u.ed25519.pk != NULL,
                TERN_ERR_BAD_SIGNATURE);
    TERN_ENSURE(sig != NULL && sig_len == TERN_ED25519_SIG_LEN, TERN_ERR_BAD_SIGNATURE);
    return tern_ed25519_verify(key->u.ed25519.pk, msg, msg_len, sig);
}

static int ed25519_sign(const tern_sig_class *cls, const tern_privkey *key,
                        const tern_rng_class **rng, const uint8_t *msg, size_t msg_len,
                        uint8_t *sig, size_t *sig_len)
{
    (void)rng; /* deterministic (RFC 8032 5.1.6) */
    TERN_CHECK_ARG(cls != NULL && key != NULL && sig != NULL && sig_len != NULL &&
                   (msg != NULL || msg_len == 0));
    TERN_ENSURE(key->type == TERN_KEY_ED25519 && key->u.ed25519.seed != NULL, TERN_ERR_BAD_KEY);
    TERN_ENSURE(*sig_len >= TERN_ED25519_SIG_LEN, TERN_ERR_BUFFER_TOO_SMALL);
    TERN_TRY(tern_ed25519_sign(sig, msg, msg_len, key->u.ed25519.seed, key->u.ed25519.pk));
    *sig_len = TERN_ED25519_SIG_LEN;
    return TERN_OK;
}

const tern_sig_class tern_sig_ed25519 = {
    .name = "ed25519",
    .scheme = TERN_SIG_ED25519,
    .key_type = TERN_KEY_ED25519,
    .curve = 0,
    .hash = NULL,
    .verify = ed25519_verify,
    .sign = ed25519_sign,
};

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ed25519_sig_unused_;
#endif
