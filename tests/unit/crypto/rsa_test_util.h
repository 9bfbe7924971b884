/*
 * Helpers for the RSA / DH tests: deterministic rngs, key holders built
 * from vector files (Wycheproof JSON fields, Botan P/Q/E, NIST n/e/d),
 * number parsing and hash lookup. Header-only (static inline) so each
 * test program takes what it uses.
 *
 * CRT keys from P, Q, E (Botan) and from n, e, d (NIST, by the usual
 * factoring of n from e d - 1) are derived here with tern's own bignum
 * layer; a wrong derivation makes the vectors fail, never pass.
 */
#ifndef TERN_RSA_TEST_UTIL_H
#define TERN_RSA_TEST_UTIL_H

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/bignum/bignum_internal.h"
#include "tern/hash.h"
#include "tern/rand.h"
#include "tern/rsa.h"
#include "tv.h"

/* ---- rngs ------------------------------------------------------------------ */

/* Deterministic splitmix64 stream: for blinding, salts and padding where
 * the exact bytes do not matter. */
typedef struct test_rng {
    const tern_rng_class *vtable;
    uint64_t s;
    size_t calls;
} test_rng;

static inline int test_rng_generate(const tern_rng_class **ctx, uint8_t *out, size_t len)
{
    test_rng *r = (test_rng *)(void *)ctx;
    size_t i;
    r->calls++;
    for (i = 0; i < len; i++) {
        uint64_t z;
        if (i % 8 == 0) {
            r->s += 0x9e3779b97f4a7c15u;
        }
        z = r->s;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
        z ^= z >> 31;
        out[i] = (uint8_t)(z >> (8 * (i % 8)));
    }
    return TERN_OK;
}

static const tern_rng_class test_rng_class = {"test-splitmix", sizeof(test_rng), test_rng_generate};

static inline void test_rng_init(test_rng *r, uint64_t seed)
{
    r->vtable = &test_rng_class;
    r->s = seed;
    r->calls = 0;
}

/* Replays fixed bytes (a vector's recorded rng output); fails with
 * TERN_ERR_ENTROPY when asked for more than it has. */
typedef struct replay_rng {
    const tern_rng_class *vtable;
    const uint8_t *p;
    size_t left;
} replay_rng;

static inline int replay_rng_generate(const tern_rng_class **ctx, uint8_t *out, size_t len)
{
    replay_rng *r = (replay_rng *)(void *)ctx;
    if (len > r->left) {
        return TERN_ERR_ENTROPY;
    }
    memcpy(out, r->p, len);
    r->p += len;
    r->left -= len;
    return TERN_OK;
}

static const tern_rng_class replay_rng_class = {"test-replay", sizeof(replay_rng),
                                                replay_rng_generate};

static inline void replay_rng_init(replay_rng *r, const uint8_t *p, size_t len)
{
    r->vtable = &replay_rng_class;
    r->p = p;
    r->left = len;
}

/* An rng that always fails. */
static inline int failing_rng_generate(const tern_rng_class **ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    (void)out;
    (void)len;
    return TERN_ERR_ENTROPY;
}
static const tern_rng_class failing_rng_class = {"test-failing", sizeof(void *),
                                                 failing_rng_generate};

/* ---- hashes ------------------------------------------------------------------- */

/* "SHA-256", "SHA256", "sha256", "SHA-1", "MD5"... -> class or NULL */
static inline const tern_hash_class *test_hash_by_name(const char *name)
{
    char n[32];
    size_t j = 0;
    if (name == NULL) {
        return NULL;
    }
    for (; *name != '\0' && j + 1 < sizeof(n); name++) {
        if (*name != '-' && *name != '_') {
            n[j++] = (char)toupper((unsigned char)*name);
        }
    }
    n[j] = '\0';
    if (strcmp(n, "MD5") == 0) {
        return &tern_md5_class;
    }
#if TERN_CONFIG_SHA1
    if (strcmp(n, "SHA1") == 0) {
        return &tern_sha1_class;
    }
#endif
    if (strcmp(n, "SHA224") == 0) {
        return &tern_sha224_class;
    }
    if (strcmp(n, "SHA256") == 0) {
        return &tern_sha256_class;
    }
    if (strcmp(n, "SHA384") == 0) {
        return &tern_sha384_class;
    }
    if (strcmp(n, "SHA512") == 0) {
        return &tern_sha512_class;
    }
    return NULL;
}

/* ---- numbers --------------------------------------------------------------------- */

/* Removes leading zero bytes in place (keeps at least zero bytes). */
static inline void test_strip(uint8_t **p, size_t *len)
{
    size_t i = 0;
    while (i < *len && (*p)[i] == 0) {
        i++;
    }
    if (i > 0) {
        memmove(*p, *p + i, *len - i);
        *len -= i;
    }
}

/* Parses "0x..." hex, or decimal, into a malloc'd big-endian string
 * without leading zeros. 0 on success. */
static inline int test_parse_num(const char *s, uint8_t **out, size_t *len)
{
    size_t digits, cap, i, n = 0;
    uint8_t *b;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        const char *h = s + 2;
        char *tmp;
        int rc;
        size_t hl = strlen(h);
        tmp = (char *)malloc(hl + 2);
        if (tmp == NULL) {
            return -1;
        }
        /* odd number of digits: pad */
        if (hl % 2 == 1) {
            tmp[0] = '0';
            memcpy(tmp + 1, h, hl + 1);
        } else {
            memcpy(tmp, h, hl + 1);
        }
        rc = tv_hex(tmp, out, len);
        free(tmp);
        if (rc == 0) {
            test_strip(out, len);
        }
        return rc;
    }
    /* decimal: little-endian base-256 accumulator */
    digits = strlen(s);
    cap = digits / 2 + 2;
    b = (uint8_t *)calloc(cap, 1);
    if (b == NULL) {
        return -1;
    }
    for (; *s != '\0'; s++) {
        unsigned carry;
        if (!isdigit((unsigned char)*s)) {
            free(b);
            return -1;
        }
        carry = (unsigned)(*s - '0');
        for (i = 0; i < n || carry != 0; i++) {
            unsigned v = (i < n ? b[i] : 0u) * 10u + carry;
            b[i] = (uint8_t)v;
            carry = v >> 8;
            if (i >= n) {
                n = i + 1;
            }
        }
    }
    /* to big-endian */
    for (i = 0; i < n / 2; i++) {
        uint8_t t = b[i];
        b[i] = b[n - 1 - i];
        b[n - 1 - i] = t;
    }
    *out = b;
    *len = n;
    return 0;
}

/* ---- keys ----------------------------------------------------------------------- */

enum { TK_N, TK_E, TK_D, TK_P, TK_Q, TK_DP, TK_DQ, TK_QINV, TK_COUNT };

typedef struct test_rsa_key {
    uint8_t *b[TK_COUNT];
    size_t len[TK_COUNT];
    tern_rsa_pubkey pub;
    tern_rsa_privkey priv;
    tern_pubkey gpub; /* generic wrappers for the sig classes */
    tern_privkey gpriv;
} test_rsa_key;

static inline void trk_init(test_rsa_key *k)
{
    memset(k, 0, sizeof(*k));
}

static inline void trk_free(test_rsa_key *k)
{
    int i;
    for (i = 0; i < TK_COUNT; i++) {
        free(k->b[i]);
    }
    memset(k, 0, sizeof(*k));
}

/* 1 if the modulus (big-endian, leading zeros allowed) is larger than
 * this build handles (TERN_CONFIG_MAX_RSA_BITS): such vectors are
 * skipped, so the tests also run in small configurations. */
static inline int test_n_too_big(const uint8_t *n, size_t n_len)
{
    size_t bits;
    uint8_t top;
    while (n_len > 0 && n[0] == 0) {
        n++;
        n_len--;
    }
    if (n_len == 0) {
        return 0;
    }
    bits = 8 * n_len;
    for (top = n[0]; (top & 0x80) == 0; top = (uint8_t)(top << 1)) {
        bits--;
    }
    return bits > TERN_CONFIG_MAX_RSA_BITS;
}

#define TOO_BIG_REASON "modulus above TERN_CONFIG_MAX_RSA_BITS in this build"
#define UNBALANCED_REASON "prime longer than TERN_CONFIG_MAX_RSA_BITS / 2 + a word in this build"

/* Prints the "vectors" line; 1 if all is well. In a build for smaller
 * keys (TERN_CONFIG_MAX_RSA_BITS < 4096) a file may be skipped whole. */
static inline int test_counts_ok(const tv_counts *c)
{
    if (tv_counts_print(c) == 0) {
        return 1;
    }
    return TERN_CONFIG_MAX_RSA_BITS < 4096 && c->failed == 0 && c->passed == 0;
}

/* 1 if a CRT prime does not fit tern's half-size buffers (see rsa.h). */
static inline int test_key_unbalanced(size_t p_len, size_t q_len)
{
    return TERN_BN_WORDS(p_len) > TERN_BN_HALF_WORDS || TERN_BN_WORDS(q_len) > TERN_BN_HALF_WORDS;
}

/* Points the key structs at the buffers. */
static inline void trk_link(test_rsa_key *k)
{
    k->pub.n = k->b[TK_N];
    k->pub.n_len = k->len[TK_N];
    k->pub.e = k->b[TK_E];
    k->pub.e_len = k->len[TK_E];
    k->priv.n = k->b[TK_N];
    k->priv.n_len = k->len[TK_N];
    k->priv.e = k->b[TK_E];
    k->priv.e_len = k->len[TK_E];
    k->priv.d = k->b[TK_D];
    k->priv.d_len = k->len[TK_D];
    k->priv.p = k->b[TK_P];
    k->priv.p_len = k->len[TK_P];
    k->priv.q = k->b[TK_Q];
    k->priv.q_len = k->len[TK_Q];
    k->priv.dp = k->b[TK_DP];
    k->priv.dp_len = k->len[TK_DP];
    k->priv.dq = k->b[TK_DQ];
    k->priv.dq_len = k->len[TK_DQ];
    k->priv.qinv = k->b[TK_QINV];
    k->priv.qinv_len = k->len[TK_QINV];
    k->gpub.type = TERN_KEY_RSA;
    k->gpub.u.rsa = k->pub;
    k->gpriv.type = TERN_KEY_RSA;
    k->gpriv.u.rsa = k->priv;
}

static inline int trk_set(test_rsa_key *k, int idx, const uint8_t *p, size_t len)
{
    free(k->b[idx]);
    k->b[idx] = (uint8_t *)malloc(len + 1);
    if (k->b[idx] == NULL) {
        return -1;
    }
    memcpy(k->b[idx], p, len);
    k->len[idx] = len;
    test_strip(&k->b[idx], &k->len[idx]);
    return 0;
}

/* Sets component idx from the words of x (len words). */
static inline int trk_set_words(test_rsa_key *k, int idx, const tern_bn_word *x, size_t len)
{
    uint8_t buf[2 * TERN_BN_MAX_WORDS * TERN_BN_WORD_BYTES];
    tern_bn_encode(buf, len * TERN_BN_WORD_BYTES, x, len);
    return trk_set(k, idx, buf, len * TERN_BN_WORD_BYTES);
}

/* Public key from hex/number strings already decoded. */
static inline int trk_public(test_rsa_key *k, const uint8_t *n, size_t n_len, const uint8_t *e,
                             size_t e_len)
{
    if (trk_set(k, TK_N, n, n_len) != 0 || trk_set(k, TK_E, e, e_len) != 0) {
        return -1;
    }
    trk_link(k);
    return 0;
}

/* Wycheproof "privateKey" / "publicKey" objects (hex fields). */
static inline int trk_from_wycheproof(test_rsa_key *k, const cJSON *obj)
{
    static const char *names[TK_COUNT] = {"modulus",   "publicExponent", "privateExponent",
                                          "prime1",    "prime2",         "exponent1",
                                          "exponent2", "coefficient"};
    int i;
    for (i = 0; i < TK_COUNT; i++) {
        uint8_t *b;
        size_t len;
        if (cJSON_GetObjectItemCaseSensitive(obj, names[i]) == NULL) {
            continue;
        }
        if (tv_json_hex(obj, names[i], &b, &len) != 0) {
            return -1;
        }
        free(k->b[i]);
        k->b[i] = b;
        k->len[i] = len;
        test_strip(&k->b[i], &k->len[i]);
    }
    trk_link(k);
    return k->b[TK_N] != NULL && k->b[TK_E] != NULL ? 0 : -1;
}

/* r (mlen words) = a mod m by shift and subtract, for any m with a
 * non-zero top word that is not a power of two (here: p - 1). Variable
 * time is fine in tests; tern itself reduces with tern_bn_reduce. */
static inline void test_mod(tern_bn_word *r, const tern_bn_word *m, size_t mlen,
                            const tern_bn_word *a, size_t alen)
{
    size_t i = alen;
    memset(r, 0, mlen * sizeof(tern_bn_word));
    while (i > 0) {
        int j;
        i--;
        for (j = TERN_BN_WORD_BITS - 1; j >= 0; j--) {
            uint32_t out = tern_bn_shl1(r, mlen, (uint32_t)(a[i] >> j) & 1);
            if (out || !tern_bn_lt(r, m, mlen)) {
                (void)tern_bn_sub(r, m, mlen, 1);
            }
        }
    }
}

/* dp, dq, qinv from p, q, d (d mod (p - 1), d mod (q - 1), 1/q mod p). */
static inline int trk_crt_from_d(test_rsa_key *k)
{
    tern_bn_word p[TERN_BN_MAX_WORDS], q[TERN_BN_MAX_WORDS], d[2 * TERN_BN_MAX_WORDS];
    tern_bn_word r[TERN_BN_MAX_WORDS];
    size_t lp = TERN_BN_WORDS(k->len[TK_P]), lq = TERN_BN_WORDS(k->len[TK_Q]);
    size_t ld = TERN_BN_WORDS(k->len[TK_D]);

    if (lp > TERN_BN_MAX_WORDS || lq > TERN_BN_MAX_WORDS || ld > 2 * TERN_BN_MAX_WORDS) {
        return -1;
    }
    (void)tern_bn_decode(p, lp, k->b[TK_P], k->len[TK_P]);
    (void)tern_bn_decode(q, lq, k->b[TK_Q], k->len[TK_Q]);
    (void)tern_bn_decode(d, ld, k->b[TK_D], k->len[TK_D]);
    p[0] ^= 1;
    test_mod(r, p, lp, d, ld);
    p[0] ^= 1;
    if (trk_set_words(k, TK_DP, r, lp) != 0) {
        return -1;
    }
    q[0] ^= 1;
    test_mod(r, q, lq, d, ld);
    q[0] ^= 1;
    if (trk_set_words(k, TK_DQ, r, lq) != 0) {
        return -1;
    }
    test_mod(r, p, lp, q, lq);
    if (!tern_bn_modinv(r, p, lp)) {
        return -1;
    }
    if (trk_set_words(k, TK_QINV, r, lp) != 0) {
        return -1;
    }
    trk_link(k);
    return 0;
}

/* b = gcd(a, b), binary GCD (variable time: test only; a is clobbered). */
static inline void test_gcd(tern_bn_word *a, tern_bn_word *b, size_t len)
{
    size_t shift = 0;
    if (tern_bn_is_zero(a, len)) {
        return;
    }
    if (tern_bn_is_zero(b, len)) {
        memcpy(b, a, len * sizeof(tern_bn_word));
        return;
    }
    while (((a[0] | b[0]) & 1) == 0) {
        tern_bn_shr1(a, len, 0);
        tern_bn_shr1(b, len, 0);
        shift++;
    }
    while ((a[0] & 1) == 0) {
        tern_bn_shr1(a, len, 0);
    }
    while (!tern_bn_is_zero(b, len)) {
        while ((b[0] & 1) == 0) {
            tern_bn_shr1(b, len, 0);
        }
        if (tern_bn_lt(b, a, len)) {
            tern_bn_cswap(1, a, b, len);
        }
        (void)tern_bn_sub(b, a, len, 1);
    }
    while (shift-- > 0) {
        (void)tern_bn_shl1(a, len, 0);
    }
    memcpy(b, a, len * sizeof(tern_bn_word));
}

/* Factors n from (n, e, d) (RFC 8017 does not say how; the usual method:
 * e d - 1 = 2^t r, and for small g some g^(r 2^i) is a square root of 1
 * other than +-1, whose gcds with n are p and q). Then fills the CRT
 * parts. 0 on success. */
static inline int trk_from_ned(test_rsa_key *k, const uint8_t *n, size_t n_len, const uint8_t *e,
                               size_t e_len, const uint8_t *d, size_t d_len)
{
    static tern_bn_mont mc;
    static tern_bn_word tmp[TERN_BN_MODEXP_TMP_WORDS(TERN_BN_MAX_WORDS)];
    tern_bn_word nw[TERN_BN_MAX_WORDS], ew[TERN_BN_MAX_WORDS], dw[TERN_BN_MAX_WORDS];
    tern_bn_word kk[2 * TERN_BN_MAX_WORDS], x[TERN_BN_MAX_WORDS], y[TERN_BN_MAX_WORDS];
    tern_bn_word one[TERN_BN_MAX_WORDS], nm1[TERN_BN_MAX_WORDS], a[TERN_BN_MAX_WORDS];
    uint8_t rb[2 * TERN_BN_MAX_WORDS * TERN_BN_WORD_BYTES];
    size_t len, t = 0, i;
    tern_bn_word g;

    if (trk_public(k, n, n_len, e, e_len) != 0 || trk_set(k, TK_D, d, d_len) != 0) {
        return -1;
    }
    len = TERN_BN_WORDS(k->len[TK_N]);
    if (len > TERN_BN_MAX_WORDS || k->len[TK_E] > k->len[TK_N] || k->len[TK_D] > k->len[TK_N]) {
        return -1;
    }
    (void)tern_bn_decode(nw, len, k->b[TK_N], k->len[TK_N]);
    (void)tern_bn_decode(ew, len, k->b[TK_E], k->len[TK_E]);
    (void)tern_bn_decode(dw, len, k->b[TK_D], k->len[TK_D]);
    tern_bn_mul(kk, ew, len, dw, len);
    memset(one, 0, sizeof(one));
    one[0] = 1;
    kk[0] ^= 1; /* ed - 1: ed = 1 + k phi(n) is odd */
    while ((kk[0] & 1) == 0) {
        tern_bn_shr1(kk, 2 * len, 0);
        t++;
    }
    tern_bn_encode(rb, 2 * len * TERN_BN_WORD_BYTES, kk, 2 * len);
    tern_bn_mont_init(&mc, nw, len);
    memcpy(nm1, nw, sizeof(nm1));
    nm1[0] ^= 1;
    for (g = 2; g < 100; g++) {
        memset(x, 0, sizeof(x));
        x[0] = g;
        tern_bn_modexp(x, rb, 2 * len * TERN_BN_WORD_BYTES, &mc, tmp);
        for (i = 0; i < t; i++) {
            memcpy(y, x, sizeof(y));
            tern_bn_to_mont(y, &mc);
            tern_bn_montmul(y, y, y, &mc);
            tern_bn_from_mont(y, &mc);
            if (tern_bn_eq(y, one, len)) {
                if (!tern_bn_eq(x, one, len) && !tern_bn_eq(x, nm1, len)) {
                    /* p = gcd(x - 1, n), q = gcd(x + 1, n) */
                    memcpy(a, x, sizeof(a));
                    (void)tern_bn_sub(a, one, len, 1);
                    memcpy(y, nw, sizeof(y));
                    test_gcd(a, y, len);
                    if (trk_set_words(k, TK_P, y, len) != 0) {
                        return -1;
                    }
                    memcpy(a, x, sizeof(a));
                    (void)tern_bn_add(a, one, len, 1);
                    memcpy(y, nw, sizeof(y));
                    test_gcd(a, y, len);
                    if (trk_set_words(k, TK_Q, y, len) != 0) {
                        return -1;
                    }
                    return trk_crt_from_d(k);
                }
                break;
            }
            memcpy(x, y, sizeof(x));
        }
    }
    return -1;
}

/* n, d, dp, dq, qinv from p, q, e (Botan's P/Q/E vectors; e < 2^32):
 * d_p = (1 + (p - 1)(e - t)) / e with t = ((p - 1) mod e)^-1 mod e, which
 * is e^-1 mod (p - 1) because (p - 1)(e - t) = -1 mod e. d is then not
 * needed (left empty). */
static inline int crt_exp_small_e(const uint8_t *p, size_t p_len, uint32_t e, uint8_t *out,
                                  size_t *out_len)
{
    uint8_t pm1[TERN_BN_MAX_WORDS * TERN_BN_WORD_BYTES + 8];
    uint64_t r = 0, t;
    int64_t t0 = 0, t1 = 1, r0 = e, r1, qq, tmpv;
    size_t i;
    uint64_t carry;

    if (p_len == 0 || p_len > sizeof(pm1) - 8) {
        return -1;
    }
    memcpy(pm1, p, p_len);
    pm1[p_len - 1] ^= 1; /* p - 1, p odd */
    for (i = 0; i < p_len; i++) {
        r = (r * 256 + pm1[i]) % e;
    }
    /* t = r^-1 mod e (extended Euclid) */
    r1 = (int64_t)r;
    while (r1 != 0) {
        qq = r0 / r1;
        tmpv = r0 - qq * r1;
        r0 = r1;
        r1 = tmpv;
        tmpv = t0 - qq * t1;
        t0 = t1;
        t1 = tmpv;
    }
    if (r0 != 1) {
        return -1;
    }
    t = (uint64_t)((t0 % (int64_t)e + (int64_t)e) % (int64_t)e);
    /* out = (p - 1) * (e - t) + 1, one byte longer than p at most 4 */
    carry = 1;
    for (i = p_len; i-- > 0;) {
        uint64_t v = (uint64_t)pm1[i] * (e - t) + carry;
        out[i + 4] = (uint8_t)v;
        carry = v >> 8;
    }
    for (i = 4; i-- > 0;) {
        out[i] = (uint8_t)carry;
        carry >>= 8;
    }
    /* exact division by e */
    r = 0;
    for (i = 0; i < p_len + 4; i++) {
        uint64_t v = r * 256 + out[i];
        out[i] = (uint8_t)(v / e);
        r = v % e;
    }
    if (r != 0) {
        return -1;
    }
    *out_len = p_len + 4;
    return 0;
}

static inline int trk_from_pqe(test_rsa_key *k, const uint8_t *p, size_t p_len, const uint8_t *q,
                               size_t q_len, const uint8_t *e, size_t e_len)
{
    tern_bn_word pw[TERN_BN_MAX_WORDS], qw[TERN_BN_MAX_WORDS], nw[2 * TERN_BN_MAX_WORDS];
    tern_bn_word r[TERN_BN_MAX_WORDS];
    uint8_t buf[TERN_BN_MAX_WORDS * TERN_BN_WORD_BYTES + 8];
    size_t lp, lq, len, i;
    uint32_t ev = 0;

    if (trk_set(k, TK_P, p, p_len) != 0 || trk_set(k, TK_Q, q, q_len) != 0 ||
        trk_set(k, TK_E, e, e_len) != 0) {
        return -1;
    }
    if (k->len[TK_E] > 4) {
        return -1;
    }
    for (i = 0; i < k->len[TK_E]; i++) {
        ev = (ev << 8) | k->b[TK_E][i];
    }
    lp = TERN_BN_WORDS(k->len[TK_P]);
    lq = TERN_BN_WORDS(k->len[TK_Q]);
    if (lp + lq > 2 * TERN_BN_MAX_WORDS || lp > TERN_BN_MAX_WORDS || lq > TERN_BN_MAX_WORDS) {
        return -1;
    }
    (void)tern_bn_decode(pw, lp, k->b[TK_P], k->len[TK_P]);
    (void)tern_bn_decode(qw, lq, k->b[TK_Q], k->len[TK_Q]);
    tern_bn_mul(nw, pw, lp, qw, lq);
    if (trk_set_words(k, TK_N, nw, lp + lq) != 0) {
        return -1;
    }
    if (crt_exp_small_e(k->b[TK_P], k->len[TK_P], ev, buf, &len) != 0 ||
        trk_set(k, TK_DP, buf, len) != 0) {
        return -1;
    }
    if (crt_exp_small_e(k->b[TK_Q], k->len[TK_Q], ev, buf, &len) != 0 ||
        trk_set(k, TK_DQ, buf, len) != 0) {
        return -1;
    }
    test_mod(r, pw, lp, qw, lq);
    if (!tern_bn_modinv(r, pw, lp) || trk_set_words(k, TK_QINV, r, lp) != 0) {
        return -1;
    }
    trk_link(k);
    return 0;
}

#endif /* TERN_RSA_TEST_UTIL_H */
