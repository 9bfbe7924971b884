/*
 * Modular exponentiation by a public exponent (RSA e, a DH subgroup
 * order): square-and-multiply over the significant bits of e. Variable
 * time in e only; the multiplications themselves are the constant-time
 * Montgomery ones, so the base may be secret (RSA blinding r^e, the
 * fault check s^e). The AVX2 version (bn_modexp_avx2.c) runs instead
 * when it is built and the CPU has AVX2.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "crypto/bignum/bignum_internal.h"

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_modexp_vartime_generic(tern_bn_word *x, const uint8_t *e, size_t e_len,
                                    const tern_bn_mont *mc, tern_bn_word *tmp)
{
    size_t len = mc->len;
    tern_bn_word *base = tmp;
    tern_bn_word *acc = tmp + len;
    size_t nbits = 8 * e_len;
    size_t i;

    /* Skip the leading zero bits (e is public). */
    while (nbits > 0 && ((e[e_len - 1 - (nbits - 1) / 8] >> ((nbits - 1) % 8)) & 1) == 0) {
        nbits--;
    }
    if (nbits == 0) {
        memset(x, 0, len * sizeof(tern_bn_word));
        x[0] = 1; /* x^0 = 1 (m > 1) */
        return;
    }
    memcpy(base, x, len * sizeof(tern_bn_word));
    tern_bn_to_mont(base, mc);
    memcpy(acc, base, len * sizeof(tern_bn_word));
    for (i = nbits - 1; i > 0; i--) {
        size_t b = i - 1;
        tern_bn_montsqr(acc, acc, mc);
        if ((e[e_len - 1 - b / 8] >> (b % 8)) & 1) {
            tern_bn_montmul(acc, acc, base, mc);
        }
    }
    memcpy(x, acc, len * sizeof(tern_bn_word));
    tern_bn_from_mont(x, mc);
}

/* see src/crypto/bignum/bignum_internal.h */
void tern_bn_modexp_vartime(tern_bn_word *x, const uint8_t *e, size_t e_len, const tern_bn_mont *mc,
                            tern_bn_word *tmp)
{
#if TERN_CONFIG_BN_X86
    if (tern_bn_avx2_supported() && tern_bn_modexp_vartime_avx2(x, e, e_len, mc, tmp)) {
        return;
    }
#endif
    tern_bn_modexp_vartime_generic(x, e, e_len, mc, tmp);
}

#else
typedef int tern_bn_modexp_vartime_unused_;
#endif /* TERN_CONFIG_RSA */
