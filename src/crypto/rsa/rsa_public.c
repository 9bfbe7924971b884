/*
 * Public-key loading and the public primitive RSAEP / RSAVP1
 * (RFC 8017 5.1.1, 5.2.2). Everything here is public data.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "common/try_internal.h"
#include "crypto/rsa/rsa_internal.h"
#include "tern/util.h"

static size_t bit_length(const uint8_t *p, size_t len)
{
    size_t bits;
    uint8_t top;

    if (len == 0) {
        return 0;
    }
    bits = 8 * len;
    for (top = p[0]; (top & 0x80) == 0; top = (uint8_t)(top << 1)) {
        bits--;
    }
    return bits;
}

/* see src/crypto/rsa/rsa_internal.h */
size_t tern_rsa_modulus_len(const uint8_t *n, size_t n_len)
{
    if (n == NULL) {
        return 0;
    }
    (void)tern_rsa_strip(n, &n_len);
    return n_len;
}

/* see include/tern/rsa.h */
size_t tern_rsa_pubkey_bits(const tern_rsa_pubkey *key)
{
    const uint8_t *n;
    size_t n_len;

    if (key == NULL || key->n == NULL) {
        return 0;
    }
    n_len = key->n_len;
    n = tern_rsa_strip(key->n, &n_len);
    return bit_length(n, n_len);
}

/* see src/crypto/rsa/rsa_internal.h */
int tern_rsa_pub_load(tern_rsa_pub_ctx *pc, const uint8_t *n, size_t n_len, const uint8_t *e,
                      size_t e_len)
{
    tern_bn_word nw[TERN_BN_MAX_WORDS];
    size_t bits;

    TERN_CHECK_ARG(pc != NULL && n != NULL && e != NULL);
    n = tern_rsa_strip(n, &n_len);
    e = tern_rsa_strip(e, &e_len);
    bits = bit_length(n, n_len);
    TERN_ENSURE(bits >= TERN_RSA_MIN_BITS, TERN_ERR_KEY_TOO_SMALL);
    TERN_ENSURE(bits <= TERN_CONFIG_MAX_RSA_BITS, TERN_ERR_BAD_KEY);
    TERN_ENSURE((n[n_len - 1] & 1) == 1, TERN_ERR_BAD_KEY);
    /* e odd, e >= 3 (RFC 8017 3.1), e < n */
    TERN_ENSURE(e_len > 0 && (e[e_len - 1] & 1) == 1, TERN_ERR_BAD_KEY);
    TERN_ENSURE(e_len > 1 || e[0] >= 3, TERN_ERR_BAD_KEY);
    TERN_ENSURE(e_len < n_len || (e_len == n_len && memcmp(e, n, n_len) < 0), TERN_ERR_BAD_KEY);

    (void)tern_bn_decode(nw, TERN_BN_WORDS(n_len), n, n_len);
    /* n is public: R^2 mod n by division, not the constant-time way */
    tern_bn_mont_init_vartime(&pc->mn, nw, TERN_BN_WORDS(n_len));
    pc->e = e;
    pc->e_len = e_len;
    pc->k = n_len;
    pc->bits = bits;
    return TERN_OK;
}

/* see include/tern/rsa.h */
int tern_rsa_public(const tern_rsa_pubkey *key, const uint8_t *in, size_t in_len, uint8_t *out)
{
    tern_rsa_pub_ctx pc;
    tern_bn_word x[TERN_BN_MAX_WORDS];
    tern_bn_word tmp[TERN_BN_MODEXP_VT_TMP_WORDS(TERN_BN_MAX_WORDS)];
    size_t len;

    TERN_CHECK_ARG(key != NULL && in != NULL && out != NULL);
    TERN_TRY(tern_rsa_pub_load(&pc, key->n, key->n_len, key->e, key->e_len));
    TERN_ENSURE(in_len == pc.k, TERN_ERR_BAD_LENGTH);
    len = pc.mn.len;
    (void)tern_bn_decode(x, len, in, in_len);
    TERN_ENSURE(tern_bn_lt(x, pc.mn.m, len), TERN_ERR_BAD_ARG);
    tern_bn_modexp_vartime(x, pc.e, pc.e_len, &pc.mn, tmp);
    tern_bn_encode(out, pc.k, x, len);
    /* The input may be a secret (an encrypted premaster). */
    tern_wipe(x, sizeof(x));
    tern_wipe(tmp, TERN_BN_MODEXP_VT_TMP_WORDS(len) * sizeof(tern_bn_word)); /* the part used */
    return TERN_OK;
}

#else
typedef int tern_rsa_public_unused_;
#endif /* TERN_CONFIG_RSA */
