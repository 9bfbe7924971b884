/*
 * The OpenSSL side of every bench-crypto row, through EVP (OpenSSL 3).
 * Algorithms are fetched once in setup so run() measures the operation,
 * not the provider lookup. Each run() does what a TLS record needs:
 * set the nonce, feed the AD, encrypt, read the tag.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "bench_crypto.h"

/* ---- hashes ----------------------------------------------------------------- */

typedef struct md_state {
    bench_state base;
    EVP_MD *md;
    EVP_MD_CTX *ctx;
} md_state;

static bench_state *md_setup(const void *arg)
{
    md_state *s = (md_state *)calloc(1, sizeof(*s));
    if (s == NULL) {
        return NULL;
    }
    s->md = EVP_MD_fetch(NULL, (const char *)arg, NULL);
    s->ctx = EVP_MD_CTX_new();
    if (s->md == NULL || s->ctx == NULL) {
        EVP_MD_free(s->md);
        EVP_MD_CTX_free(s->ctx);
        free(s);
        return NULL;
    }
    s->base.out_len = (size_t)EVP_MD_get_size(s->md);
    return &s->base;
}

static int md_run(bench_state *st, uint8_t *buf, size_t len)
{
    md_state *s = (md_state *)st;
    unsigned int n = 0;
    if (EVP_DigestInit_ex2(s->ctx, s->md, NULL) != 1 ||
        EVP_DigestUpdate(s->ctx, buf, len) != 1 ||
        EVP_DigestFinal_ex(s->ctx, s->base.out, &n) != 1) {
        return -1;
    }
    st->seq++;
    return 0;
}

static void md_done(bench_state *st)
{
    md_state *s = (md_state *)st;
    EVP_MD_CTX_free(s->ctx);
    EVP_MD_free(s->md);
    free(s);
}

const bench_impl bench_ossl_sha256 = {md_setup, md_run, md_done, "SHA256"};
const bench_impl bench_ossl_sha512 = {md_setup, md_run, md_done, "SHA512"};

/* ---- MACs: HMAC-SHA256 and Poly1305, keyed per message ------------------------ */

typedef struct mac_state {
    bench_state base;
    EVP_MAC *mac;
    EVP_MAC_CTX *ctx;
} mac_state;

static bench_state *mac_setup(const void *arg)
{
    const char *name = (const char *)arg;
    mac_state *s = (mac_state *)calloc(1, sizeof(*s));
    OSSL_PARAM params[2];

    if (s == NULL) {
        return NULL;
    }
    s->mac = EVP_MAC_fetch(NULL, strcmp(name, "POLY1305") == 0 ? "POLY1305" : "HMAC", NULL);
    s->ctx = s->mac != NULL ? EVP_MAC_CTX_new(s->mac) : NULL;
    params[0] = OSSL_PARAM_construct_end();
    if (strcmp(name, "POLY1305") != 0) {
        params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)name, 0);
        params[1] = OSSL_PARAM_construct_end();
    }
    if (s->ctx == NULL || EVP_MAC_CTX_set_params(s->ctx, params) != 1) {
        EVP_MAC_CTX_free(s->ctx);
        EVP_MAC_free(s->mac);
        free(s);
        return NULL;
    }
    s->base.out_len = strcmp(name, "POLY1305") == 0 ? 16 : 32;
    return &s->base;
}

static int mac_run(bench_state *st, uint8_t *buf, size_t len)
{
    mac_state *s = (mac_state *)st;
    size_t n = 0;
    if (EVP_MAC_init(s->ctx, bench_key, 32, NULL) != 1 || EVP_MAC_update(s->ctx, buf, len) != 1 ||
        EVP_MAC_final(s->ctx, s->base.out, &n, sizeof(s->base.out)) != 1 ||
        n != s->base.out_len) {
        return -1;
    }
    st->seq++;
    return 0;
}

static void mac_done(bench_state *st)
{
    mac_state *s = (mac_state *)st;
    EVP_MAC_CTX_free(s->ctx);
    EVP_MAC_free(s->mac);
    free(s);
}

const bench_impl bench_ossl_hmac_sha256 = {mac_setup, mac_run, mac_done, "SHA256"};
const bench_impl bench_ossl_poly1305 = {mac_setup, mac_run, mac_done, "POLY1305"};

/* ---- ciphers: AEADs, CBC, ChaCha20 -------------------------------------------- */

typedef struct cipher_state {
    bench_state base;
    EVP_CIPHER *cipher;
    EVP_CIPHER_CTX *ctx;
    int mode; /* EVP_CIPH_*_MODE, or 0 for ChaCha20 alone */
    int aead;
} cipher_state;

static bench_state *cipher_setup(const void *arg)
{
    const char *name = (const char *)arg;
    cipher_state *s = (cipher_state *)calloc(1, sizeof(*s));
    int ok;

    if (s == NULL) {
        return NULL;
    }
    s->cipher = EVP_CIPHER_fetch(NULL, name, NULL);
    s->ctx = EVP_CIPHER_CTX_new();
    ok = s->cipher != NULL && s->ctx != NULL;
    if (ok) {
        s->mode = EVP_CIPHER_get_mode(s->cipher);
        s->aead = (EVP_CIPHER_get_flags(s->cipher) & EVP_CIPH_FLAG_AEAD_CIPHER) != 0;
        ok = EVP_EncryptInit_ex2(s->ctx, s->cipher, NULL, NULL, NULL) == 1;
    }
    if (ok && s->aead) {
        ok = EVP_CIPHER_CTX_ctrl(s->ctx, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL) == 1;
    }
    if (ok && s->mode == EVP_CIPH_CCM_MODE) {
        ok = EVP_CIPHER_CTX_ctrl(s->ctx, EVP_CTRL_AEAD_SET_TAG, 16, NULL) == 1;
    }
    if (ok) {
        ok = EVP_EncryptInit_ex2(s->ctx, NULL, bench_key, NULL, NULL) == 1;
    }
    if (ok && s->mode == EVP_CIPH_CBC_MODE) {
        ok = EVP_CIPHER_CTX_set_padding(s->ctx, 0) == 1;
    }
    if (!ok) {
        EVP_CIPHER_CTX_free(s->ctx);
        EVP_CIPHER_free(s->cipher);
        free(s);
        return NULL;
    }
    s->base.out_len = s->aead ? 16 : 0;
    return &s->base;
}

static int cipher_run(bench_state *st, uint8_t *buf, size_t len)
{
    cipher_state *s = (cipher_state *)st;
    uint8_t iv[16];
    int n = 0, fin = 0;

    if (s->aead) {
        bench_nonce(st->seq, iv);
    } else if (s->mode == EVP_CIPH_CBC_MODE) {
        memset(iv, 0xa5, 16); /* a fixed IV: every record gets a new one in TLS */
    } else {
        /* ChaCha20 alone: 32-bit little-endian block counter 1, then the
         * nonce, as RFC 8439 encryption starts. */
        iv[0] = 1;
        iv[1] = iv[2] = iv[3] = 0;
        bench_nonce(st->seq, iv + 4);
    }
    if (EVP_EncryptInit_ex2(s->ctx, NULL, NULL, iv, NULL) != 1) {
        return -1;
    }
    if (s->mode == EVP_CIPH_CCM_MODE &&
        EVP_EncryptUpdate(s->ctx, NULL, &n, NULL, (int)len) != 1) { /* length first */
        return -1;
    }
    if (s->aead && EVP_EncryptUpdate(s->ctx, NULL, &n, bench_ad, BENCH_AD_LEN) != 1) {
        return -1;
    }
    if (EVP_EncryptUpdate(s->ctx, buf, &n, buf, (int)len) != 1 ||
        EVP_EncryptFinal_ex(s->ctx, buf + n, &fin) != 1 || (size_t)(n + fin) != len) {
        return -1;
    }
    if (s->aead && EVP_CIPHER_CTX_ctrl(s->ctx, EVP_CTRL_AEAD_GET_TAG, 16, s->base.out) != 1) {
        return -1;
    }
    st->seq++;
    return 0;
}

static void cipher_done(bench_state *st)
{
    cipher_state *s = (cipher_state *)st;
    EVP_CIPHER_CTX_free(s->ctx);
    EVP_CIPHER_free(s->cipher);
    free(s);
}

const bench_impl bench_ossl_aes128_gcm = {cipher_setup, cipher_run, cipher_done, "AES-128-GCM"};
const bench_impl bench_ossl_aes256_gcm = {cipher_setup, cipher_run, cipher_done, "AES-256-GCM"};
const bench_impl bench_ossl_aes128_ccm = {cipher_setup, cipher_run, cipher_done, "AES-128-CCM"};
const bench_impl bench_ossl_aes128_cbc = {cipher_setup, cipher_run, cipher_done, "AES-128-CBC"};
const bench_impl bench_ossl_chacha20_poly1305 = {cipher_setup, cipher_run, cipher_done,
                                                 "ChaCha20-Poly1305"};
const bench_impl bench_ossl_chacha20 = {cipher_setup, cipher_run, cipher_done, "ChaCha20"};
