/*
 * EME-PKCS1-v1_5 decoding check (RFC 8017 7.2.2 step 3), constant time.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include "common/ct_internal.h"
#include "crypto/rsa/rsa_internal.h"

/* see src/crypto/rsa/rsa_internal.h */
uint32_t tern_rsa_eme_pkcs1_check(const uint8_t *em, size_t k, uint32_t *msg_off)
{
    uint32_t good, looking = 1, zero_at = 0;
    size_t i;

    *msg_off = 0;
    if (k < 11) { /* the length is public */
        return 0;
    }
    good = tern_ct_is_zero(em[0]) & tern_ct_eq(em[1], 0x02);
    /* the first zero byte after the two header bytes, found with masks */
    for (i = 2; i < k; i++) {
        uint32_t is_zero = tern_ct_is_zero(em[i]);
        zero_at = tern_ct_mux(looking & is_zero, (uint32_t)i, zero_at);
        looking &= tern_ct_not(is_zero);
    }
    good &= tern_ct_not(looking);    /* a separator exists */
    good &= tern_ct_ge(zero_at, 10); /* after 2 + 8 bytes of PS */
    *msg_off = zero_at + 1;
    return good;
}

#else
typedef int tern_rsa_eme_pkcs1_unused_;
#endif /* TERN_CONFIG_RSA */
