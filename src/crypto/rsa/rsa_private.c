/*
 * The private primitive RSADP / RSASP1 (RFC 8017 5.1.2, 5.2.1) with the
 * CRT, base blinding and a fault check. Constant time in the key, the
 * input's plaintext and the blinding factor.
 *
 * Implementation notes.
 *   c' = c r^e mod n            blinding with a fresh random r < 2^(bits-1)
 *   m2 = (c' mod q)^dq mod q    (q first: its context is reused for p)
 *   m1 = (c' mod p)^dp mod p
 *   h  = qinv (m1 - m2) mod p   (m2 reduced mod p first: q may exceed p)
 *   m' = m2 + q h               (< n for a consistent key)
 *   s  = m' / r mod n
 *   ok = (s^e mod n == c) and 1/r existed and m' fit in n's words
 * The blinding makes the exponentiation inputs independent of c (against
 * chosen-ciphertext timing attacks on the reductions); the fault check
 * stops a faulty CRT half from releasing a value that factors n
 * (Boneh-DeMillo-Lipton). The inputs' lengths (n, p, q, dp, dq) are
 * public; p and q must not carry leading zero bytes (pk.h), otherwise
 * the result fails the check. Nothing branches on ok: callers fold it
 * into their own result.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "common/try_internal.h"
#include "crypto/rsa/rsa_internal.h"
#include "tern/util.h"

#define MAXW TERN_BN_MAX_WORDS
#define HALFW TERN_BN_HALF_WORDS
#define MAX2(a, b) ((a) > (b) ? (a) : (b))
#define TMPW MAX2(TERN_BN_MODEXP_TMP_WORDS(HALFW), TERN_BN_MODEXP_VT_TMP_WORDS(MAXW))

typedef struct priv_work {
    tern_rsa_pub_ctx pub;   /* n, e */
    tern_bn_mont mp;        /* q, then p */
    tern_bn_word c[MAXW];   /* input */
    tern_bn_word r[MAXW];   /* blinding r, then r^e */
    tern_bn_word ri[MAXW];  /* 1/r, then in Montgomery form */
    tern_bn_word s[MAXW];   /* c', then the result */
    tern_bn_word qw[HALFW]; /* q */
    tern_bn_word m1[HALFW];
    tern_bn_word m2[HALFW];
    tern_bn_word t[HALFW];
    tern_bn_word prod[2 * HALFW]; /* q h */
    tern_bn_word m2x[2 * HALFW];  /* m2 zero-extended */
    tern_bn_word tmp[TMPW];
    uint8_t rb[TERN_RSA_MAX_LEN]; /* random bytes for r */
} priv_work;

/* Clears the bits of x (len words) at positions >= nbits (public). */
static void truncate_bits(tern_bn_word *x, size_t len, size_t nbits)
{
    size_t i;
    for (i = 0; i < len; i++) {
        size_t lo = i * TERN_BN_WORD_BITS;
        if (lo >= nbits) {
            x[i] = 0;
        } else if (nbits - lo < TERN_BN_WORD_BITS) {
            x[i] &= ((tern_bn_word)1 << (nbits - lo)) - 1;
        }
    }
}

/* Decodes a secret prime into w words: 1 if it is odd and has a
 * non-zero first byte (which the Montgomery code needs), else 0. */
static uint32_t load_prime(tern_bn_word *x, size_t words, const uint8_t *p, size_t p_len)
{
    (void)tern_bn_decode(x, words, p, p_len);
    return ((uint32_t)x[0] & 1) & tern_ct_neq(p[0], 0);
}

/* see src/crypto/rsa/rsa_internal.h */
int tern_rsa_private_core(const tern_rsa_privkey *key, const tern_rng_class **rng,
                          const uint8_t *in, size_t in_len, uint8_t *out, uint32_t *ok_out)
{
    priv_work w;
    size_t k, ln, lp, lq, lpq;
    uint32_t ok = 1, borrow;
    int ret;

    TERN_CHECK_ARG(ok_out != NULL);
    *ok_out = 0;
    TERN_CHECK_ARG(key != NULL && rng != NULL && in != NULL && out != NULL);
    TERN_CHECK_ARG(key->p != NULL && key->q != NULL && key->dp != NULL && key->dq != NULL &&
                   key->qinv != NULL);
    /* one `out:` label: w holds key material on every path */
    TERN_TRY_GOTO(tern_rsa_pub_load(&w.pub, key->n, key->n_len, key->e, key->e_len));
    k = w.pub.k;
    ln = w.pub.mn.len;
    TERN_ENSURE_GOTO(in_len == k, TERN_ERR_BAD_LENGTH);

    /* CRT key shape (lengths are public) */
    lp = TERN_BN_WORDS(key->p_len);
    lq = TERN_BN_WORDS(key->q_len);
    lpq = lp + lq;
    TERN_ENSURE_GOTO(key->p_len > 0 && key->q_len > 0 && lp <= HALFW && lq <= HALFW,
                     TERN_ERR_BAD_KEY);
    TERN_ENSURE_GOTO(key->p_len + key->q_len >= k && lpq >= ln, TERN_ERR_BAD_KEY);
    TERN_ENSURE_GOTO(key->dp_len <= key->p_len && key->dq_len <= key->q_len &&
                         key->qinv_len <= key->p_len,
                     TERN_ERR_BAD_KEY);

    /* the input is public (a ciphertext or an encoded digest) */
    (void)tern_bn_decode(w.c, ln, in, in_len);
    TERN_ENSURE_GOTO(tern_bn_lt(w.c, w.pub.mn.m, ln), TERN_ERR_BAD_ARG);

    /* Blinding: r < 2^(bits - 1) < n, its inverse, and r^e. */
    TERN_TRY_GOTO(tern_rng_generate(rng, w.rb, k));
    (void)tern_bn_decode(w.r, ln, w.rb, k);
    truncate_bits(w.r, ln, w.pub.bits - 1);
    memcpy(w.ri, w.r, ln * sizeof(tern_bn_word));
    ok &= tern_bn_modinv(w.ri, w.pub.mn.m, ln);
    tern_bn_to_mont(w.ri, &w.pub.mn);
    tern_bn_modexp_vartime(w.r, w.pub.e, w.pub.e_len, &w.pub.mn, w.tmp);
    /* s = c r^e: montmul gives c r^e / R, to_mont multiplies by R */
    tern_bn_montmul(w.s, w.c, w.r, &w.pub.mn);
    tern_bn_to_mont(w.s, &w.pub.mn);

    /* m2 = (c' mod q)^dq mod q */
    ok &= load_prime(w.qw, lq, key->q, key->q_len);
    tern_bn_mont_init(&w.mp, w.qw, lq);
    tern_bn_reduce(w.m2, w.s, ln, &w.mp);
    tern_bn_modexp(w.m2, key->dq, key->dq_len, &w.mp, w.tmp);

    /* m1 = (c' mod p)^dp mod p, in the context of p */
    ok &= load_prime(w.t, lp, key->p, key->p_len);
    tern_bn_mont_init(&w.mp, w.t, lp);
    tern_bn_reduce(w.m1, w.s, ln, &w.mp);
    tern_bn_modexp(w.m1, key->dp, key->dp_len, &w.mp, w.tmp);

    /* h = qinv (m1 - m2 mod p) mod p: montmul(qinv, .) divides by R,
     * to_mont multiplies it back. qinv < R as it fits in lp words. */
    tern_bn_reduce(w.t, w.m2, lq, &w.mp);
    borrow = tern_bn_sub(w.m1, w.t, lp, 1);
    (void)tern_bn_add(w.m1, w.mp.m, lp, borrow);
    (void)tern_bn_decode(w.t, lp, key->qinv, key->qinv_len);
    tern_bn_montmul(w.m1, w.t, w.m1, &w.mp);
    tern_bn_to_mont(w.m1, &w.mp);

    /* m' = m2 + q h, which must fit in n's words */
    tern_bn_mul(w.prod, w.qw, lq, w.m1, lp);
    memset(w.m2x, 0, lpq * sizeof(tern_bn_word));
    memcpy(w.m2x, w.m2, lq * sizeof(tern_bn_word));
    (void)tern_bn_add(w.prod, w.m2x, lpq, 1);
    ok &= tern_bn_is_zero(w.prod + ln, lpq - ln);

    /* s = m' / r mod n: m' < R (ln words), ri = R / r mod n < n */
    tern_bn_montmul(w.s, w.prod, w.ri, &w.pub.mn);

    /* Fault check: s^e = c (RFC 8017 5.2.1 does not ask for it, but a
     * wrong CRT half would otherwise leak a factor of n). */
    memcpy(w.r, w.s, ln * sizeof(tern_bn_word));
    tern_bn_modexp_vartime(w.r, w.pub.e, w.pub.e_len, &w.pub.mn, w.tmp);
    ok &= tern_bn_eq(w.r, w.c, ln);

    /* Release s only if everything checked out, without a branch. */
    memset(w.r, 0, ln * sizeof(tern_bn_word));
    tern_bn_ccopy(tern_ct_not(ok), w.s, w.r, ln);
    tern_bn_encode(out, k, w.s, ln);
    *ok_out = ok;
    ret = TERN_OK;
out:
    tern_wipe(&w, sizeof(w));
    return ret;
}

/* see include/tern/rsa.h */
int tern_rsa_private(const tern_rsa_privkey *key, const tern_rng_class **rng, const uint8_t *in,
                     size_t in_len, uint8_t *out)
{
    uint32_t ok;

    TERN_TRY(tern_rsa_private_core(key, rng, in, in_len, out, &ok));
    return tern_bn_status(ok, TERN_ERR_FAULT);
}

#else
typedef int tern_rsa_private_unused_;
#endif /* TERN_CONFIG_RSA */
