/*
 * bench-pk: public-key operations of tern next to OpenSSL (libcrypto),
 * Mbed TLS (libmbedcrypto), wolfSSL and BearSSL, as Debian ships them.
 * The peer libraries are linked into this program only, never into
 * libtern.
 *
 * An operation is what a TLS handshake does once:
 *
 *   x25519        one shared secret from our scalar and the peer's
 *                 public value (decoded on every run)
 *   p256-ecdh     one shared secret from our scalar and the peer's
 *   p384-ecdh     encoded point, which is decoded and validated on every
 *                 run (an on-curve check, as TLS requires)
 *   p256-sign     ECDSA signature (DER) of a SHA-256 / SHA-384 digest,
 *   p384-sign     with the library's nonce (RFC 6979 where it has it)
 *                 and its own rng where it takes one
 *   p256-verify   ECDSA verification of a DER signature over a digest;
 *   p384-verify   the public key is loaded once (as from a certificate),
 *                 except where the API takes the encoded point (tern,
 *                 BearSSL), which then is decoded and validated per run
 *   rsa2048-sign  RSASSA-PKCS1-v1_5 with SHA-256 over a digest, private
 *                 key in CRT form loaded once, the library's blinding
 *   rsa2048-verify  its verification (e = 65537)
 *   ed25519-sign  RFC 8032 over a 64-byte message (key loaded once)
 *   ed25519-verify
 *
 * All libraries get the same keys (pk_keys.c): fixed EC and Ed25519
 * scalars, and the RSA-2048 key of tests/data/certs/server-rsa2048.key.pem.
 * Before a cell is timed its output is checked: shared secrets against
 * tern's, signatures by tern's verification, verifications must accept.
 */
#ifndef TERN_PK_BENCH_H
#define TERN_PK_BENCH_H

#include <stddef.h>
#include <stdint.h>

enum {
    PK_X25519,
    PK_P256_ECDH,
    PK_P256_SIGN,
    PK_P256_VERIFY,
    PK_P384_ECDH,
    PK_P384_SIGN,
    PK_P384_VERIFY,
    PK_RSA2048_SIGN,
    PK_RSA2048_VERIFY,
    PK_ED25519_SIGN,
    PK_ED25519_VERIFY,
    PK_NOPS
};

/* Operation names ("p256-sign"), by PK_*. */
extern const char *const pk_op_names[PK_NOPS];

/* 0 for P-256 operations, 1 for P-384, -1 otherwise. */
int pk_op_curve(int op);

typedef struct pk_ec_keys {
    uint16_t group; /* TLS NamedGroup */
    size_t len;     /* 32 / 48 */
    uint8_t d[48];  /* our private scalar */
    uint8_t q[97];  /* our public point, uncompressed */
    uint8_t peer[97];
    uint8_t shared[48]; /* x(d * peer) */
    uint8_t digest[48]; /* SHA-256 / SHA-384 of a fixed message */
    uint8_t sig[112];   /* DER signature of digest by d (tern) */
    size_t sig_len;
} pk_ec_keys;

typedef struct pk_keys {
    uint8_t x25519_priv[32], x25519_peer[32], x25519_shared[32];
    pk_ec_keys ec[2]; /* P-256, P-384 */
    /* RSA-2048, big-endian, no leading zeros */
    uint8_t n[256], e[4], d[256], p[128], q[128], dp[128], dq[128], qinv[128];
    size_t n_len, e_len, d_len, p_len, q_len, dp_len, dq_len, qinv_len;
    uint8_t rsa_der[1300]; /* the same key, PKCS#1 RSAPrivateKey */
    size_t rsa_der_len;
    uint8_t rsa_digest[32], rsa_sig[256];
    uint8_t ed_seed[32], ed_pk[32], ed_msg[64], ed_sig[64];
} pk_keys;

/* Loads or derives every key; 0 on success (prints why not otherwise). */
int pk_keys_load(pk_keys *k);

/* The first member of every library's per-operation state. */
typedef struct pk_state {
    int op;
    const pk_keys *keys;
    uint8_t out[512]; /* shared secret or signature of the last run */
    size_t out_len;
} pk_state;

typedef struct pk_lib {
    const char *name; /* "OpenSSL": column title */
    const char *id;   /* "openssl": for --one */
    /* NULL if the library can do op, else the reason why not. */
    const char *(*why_not)(int op);
    /* State for op with the shared keys, or NULL on failure. */
    pk_state *(*setup)(int op, const pk_keys *k);
    /* One operation; 0 on success. */
    int (*run)(pk_state *st);
    void (*done)(pk_state *st);
    /* Version string for the header. */
    const char *(*version)(void);
} pk_lib;

extern const pk_lib pk_lib_tern, pk_lib_openssl;
#ifdef PK_HAVE_MBEDTLS
extern const pk_lib pk_lib_mbedtls;
#endif
#ifdef PK_HAVE_WOLFSSL
extern const pk_lib pk_lib_wolfssl;
#endif
#ifdef PK_HAVE_BEARSSL
extern const pk_lib pk_lib_bearssl;
#endif

/* Common state allocation: size bytes, zeroed, pk_state filled in. */
pk_state *pk_state_new(size_t size, int op, const pk_keys *k);

#endif /* TERN_PK_BENCH_H */
