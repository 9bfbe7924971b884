/*
 * ECDSA verification over a digest (SEC1 4.1.4), DER or raw signatures.
 * See include/tern/ec.h.
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "common/try_internal.h"
#include "crypto/ecc/ecdsa_internal.h"
#include "tern/ec.h"

/* see include/tern/ec.h */
int tern_ecdsa_verify(uint16_t curve, const uint8_t *q, size_t q_len, const uint8_t *digest,
                      size_t digest_len, const uint8_t *sig, size_t sig_len, int format)
{
    const ec_curve *c = tern_ec_curve(curve);
    tern_limb qx[EC_MAXL], qy[EC_MAXL], e[EC_MAXL];
    uint8_t r[EC_MAX_BYTES], s[EC_MAX_BYTES];
    size_t len;

    TERN_ENSURE(c != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    TERN_CHECK_ARG(digest != NULL || digest_len == 0);
    len = c->len;
    if (format == TERN_ECDSA_RAW) {
        size_t i;
        TERN_ENSURE(sig != NULL && sig_len == 2 * len, TERN_ERR_BAD_SIGNATURE);
        for (i = 0; i < len; i++) {
            r[i] = sig[i];
            s[i] = sig[len + i];
        }
    } else {
        TERN_ENSURE(format == TERN_ECDSA_DER, TERN_ERR_BAD_ARG);
        TERN_TRY(tern_ecdsa_der_decode(c, sig, sig_len, r, s));
    }
    TERN_TRY(tern_ec_point_decode(c, qx, qy, q, q_len));
    tern_ecdsa_bits2int(c, e, digest, digest_len);
    return tern_ecdsa_verify_rs(c, qx, qy, e, r, s);
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ecdsa_verify_unused_;
#endif
