/*
 * ECDSA signing over a digest (SEC1 4.1.3) with the RFC 6979 nonce,
 * optionally strengthened by fresh randomness (RFC 6979 3.6). See
 * include/tern/ec.h.
 *
 * Constant-time in the private key, the digest and the rng output: the
 * key check, the nonce choice and the r/s checks are masks, and the raw
 * output is written without a branch on them. The DER form branches on
 * the bytes of r and s, which are the (public) signature.
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "common/try_internal.h"
#include "crypto/ecc/ecdsa_internal.h"
#include "tern/ec.h"
#include "tern/util.h"

/* see include/tern/ec.h */
int tern_ecdsa_sign(uint16_t curve, const uint8_t *d, size_t d_len, const tern_hash_class *hash,
                    const uint8_t *digest, size_t digest_len, const tern_rng_class **rng,
                    int format, uint8_t *sig, size_t *sig_len)
{
    const ec_curve *c = tern_ec_curve(curve);
    tern_limb x[EC_MAXL], e[EC_MAXL], k[EC_MAXL];
    uint8_t extra[EC_MAX_BYTES], raw[2 * EC_MAX_BYTES];
    size_t len, extra_len = 0, i;
    uint32_t key_ok, sig_ok;
    uint8_t mask;
    int ret;

    TERN_ENSURE(c != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    TERN_CHECK_ARG(hash != NULL && sig_len != NULL && (sig != NULL || *sig_len == 0) &&
                   (d != NULL || d_len == 0) && (digest != NULL || digest_len == 0));
    TERN_ENSURE(format == TERN_ECDSA_RAW || format == TERN_ECDSA_DER, TERN_ERR_BAD_ARG);
    TERN_ENSURE(digest_len == hash->digest_len, TERN_ERR_BAD_LENGTH);
    len = c->len;
    TERN_ENSURE(format != TERN_ECDSA_RAW || *sig_len >= 2 * len, TERN_ERR_BUFFER_TOO_SMALL);

    if (rng != NULL) {
        /* RFC 6979 3.6: k' = len fresh bytes. The nonce stays secret if
         * either the key or the rng is sound. */
        ret = (*rng)->generate(rng, extra, len);
        if (ret != TERN_OK) {
            tern_wipe(extra, sizeof(extra));
            return ret;
        }
        extra_len = len;
    }

    /* an out-of-range key gives x = 1: the computation runs to the end
     * and the result is discarded without a branch */
    key_ok = tern_ec_scalar_decode(c, x, d, d_len);
    tern_ecdsa_bits2int(c, e, digest, digest_len);
    sig_ok = tern_ecdsa_rfc6979(c, hash, x, e, extra, extra_len, tern_ecdsa_candidates(c), k);
    /* r or s zero (RFC 6979 3.4: a new k should be drawn; probability
     * about 2^-256) also ends in TERN_ERR_FAULT, as does running out of
     * candidates */
    sig_ok &= tern_ecdsa_sign_k(c, x, k, e, raw, raw + len);
    mask = (uint8_t)(0u - tern_ct_barrier(key_ok & sig_ok));
    for (i = 0; i < 2 * len; i++) {
        raw[i] &= mask;
    }
    ret = -(int)tern_ct_mux(key_ok, tern_ct_mux(sig_ok, 0, (uint32_t)-TERN_ERR_FAULT),
                            (uint32_t)-TERN_ERR_BAD_KEY);

    if (format == TERN_ECDSA_RAW) {
        for (i = 0; i < 2 * len; i++) {
            sig[i] = raw[i];
        }
        *sig_len = 2 * len;
    } else if (ret == TERN_OK) {
        /* the signature is public from here on */
        ret = tern_ecdsa_der_encode(c, raw, raw + len, sig, sig_len);
    }
    tern_wipe(x, sizeof(x));
    tern_wipe(e, sizeof(e));
    tern_wipe(k, sizeof(k));
    tern_wipe(extra, sizeof(extra));
    tern_wipe(raw, sizeof(raw));
    return ret;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ecdsa_sign_unused_;
#endif
