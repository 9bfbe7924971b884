/*
 * Curve lookup by TLS NamedGroup.
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "crypto/ecc/ec_internal.h"
#include "tern/ec.h"

/* see src/crypto/ecc/ec_internal.h */
const ec_curve *tern_ec_curve(uint16_t group)
{
#if TERN_CONFIG_ECC_P256
    if (group == TERN_GROUP_SECP256R1) {
        return &tern_ec_p256;
    }
#endif
#if TERN_CONFIG_ECC_P384
    if (group == TERN_GROUP_SECP384R1) {
        return &tern_ec_p384;
    }
#endif
    return NULL;
}

/* see include/tern/ec.h */
size_t tern_ec_curve_len(uint16_t curve)
{
    const ec_curve *c = tern_ec_curve(curve);
    return c != NULL ? c->len : 0;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ec_curve_unused_;
#endif
