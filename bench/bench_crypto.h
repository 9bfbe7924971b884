/*
 * bench-crypto: symmetric crypto, tern next to OpenSSL (libcrypto, EVP).
 *
 * The benchmark is a table of rows, one per algorithm. A row names a
 * tern side and an OpenSSL side, each a bench_impl: setup() keys a state
 * once, run() does one whole operation on a message (hash it, MAC it, or
 * encrypt it in place with a fresh nonce and a 13-byte AD, as a TLS
 * record would be), done() frees the state.
 *
 * Every state starts with a bench_state, where run() leaves the digest or
 * tag; the buffer holds the ciphertext. Both sides get the same key
 * (bytes 00 01 02 ...), the same nonce sequence (4 zero bytes, then a
 * 64-bit big-endian count of run() calls since setup) and the same AD,
 * so their outputs must be identical: the benchmark checks that before it
 * times a row.
 *
 * The OpenSSL sides are always built (impl_openssl.c). A tern side is
 * built when the library has the functions it calls: bench/CMakeLists.txt
 * looks for them and compiles rows_<family>.c only then, defining
 * TERN_BENCH_HAVE_<FAMILY> in the generated bench_have.h. Rows without a
 * tern side still print their OpenSSL figures.
 */
#ifndef TERN_BENCH_CRYPTO_H
#define TERN_BENCH_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

/* The first member of every implementation's state. */
typedef struct bench_state {
    uint8_t out[64]; /* digest or tag of the last run */
    size_t out_len;
    uint64_t seq; /* run() calls since setup: the nonce */
} bench_state;

typedef struct bench_impl {
    /* Keyed state for messages of any length, or NULL on failure. */
    bench_state *(*setup)(const void *arg);
    /* One operation on buf[0..len); 0 on success. */
    int (*run)(bench_state *st, uint8_t *buf, size_t len);
    void (*done)(bench_state *st);
    const void *arg; /* what setup() needs: a class, an algorithm name */
} bench_impl;

typedef struct bench_row {
    const char *name;         /* "chacha20-poly1305": what --one takes */
    const bench_impl *tern;   /* NULL: not in this build of tern yet */
    const bench_impl *openssl;
} bench_row;

/* Shared inputs. */
#define BENCH_AD_LEN 13
extern const uint8_t bench_key[32];
extern const uint8_t bench_ad[BENCH_AD_LEN];
/* nonce = 00 00 00 00 || be64(seq) */
void bench_nonce(uint64_t seq, uint8_t nonce[12]);

/* Generic tern AEAD side: arg is a const tern_aead_class *. */
bench_state *bench_tern_aead_setup(const void *arg);
int bench_tern_aead_run(bench_state *st, uint8_t *buf, size_t len);
void bench_tern_aead_done(bench_state *st);

/* OpenSSL sides (impl_openssl.c). */
extern const bench_impl bench_ossl_sha256, bench_ossl_sha512, bench_ossl_hmac_sha256;
extern const bench_impl bench_ossl_aes128_gcm, bench_ossl_aes256_gcm, bench_ossl_aes128_ccm;
extern const bench_impl bench_ossl_aes128_cbc;
extern const bench_impl bench_ossl_chacha20_poly1305, bench_ossl_chacha20, bench_ossl_poly1305;

/* tern sides, one set per rows_<family>.c. */
extern const bench_impl bench_tern_chacha20_poly1305, bench_tern_chacha20, bench_tern_poly1305;
extern const bench_impl bench_tern_sha256, bench_tern_sha512;
extern const bench_impl bench_tern_hmac_sha256;
extern const bench_impl bench_tern_aes128_gcm, bench_tern_aes256_gcm;
extern const bench_impl bench_tern_aes128_ccm;
extern const bench_impl bench_tern_aes128_cbc;

#endif /* TERN_BENCH_CRYPTO_H */
