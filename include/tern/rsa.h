/*
 * RSA (RFC 8017): the raw primitives, PKCS#1 v1.5 and PSS signatures,
 * PKCS#1 v1.5 encryption, and the decryption of a TLS 1.2 RSA key
 * exchange (RFC 5246 7.4.7.1). Keys are the structs of include/tern/pk.h
 * (big-endian integers pointing into the caller's memory).
 *
 * Sizes. Every operation takes moduli of TERN_RSA_MIN_BITS (1024) up to
 * TERN_CONFIG_MAX_RSA_BITS bits (raise that switch to 8192 to verify
 * 8192-bit signatures); smaller keys give TERN_ERR_KEY_TOO_SMALL, larger
 * ones TERN_ERR_BAD_KEY. Stricter policy (2048 bits for certificates) is
 * the caller's. Private keys must be in CRT form (p, q, dp, dq, qinv and
 * e; d is not used), with no leading zero bytes in p and q, and each
 * prime at most TERN_CONFIG_MAX_RSA_BITS / 2 bits plus one word (the
 * half-size buffers of the CRT; usual keys have primes of half the
 * modulus, so only very unbalanced keys near the maximum size are
 * refused, with TERN_ERR_BAD_KEY).
 *
 * Constant time. The private-key operation (tern_rsa_private and every
 * sign / decrypt function built on it) has no branch, memory index or
 * variable-time instruction that depends on the key or on the message
 * being signed or decrypted: CRT exponentiation with a fixed window,
 * constant-time reductions and recombination, base blinding with a fresh
 * random r (the input is multiplied by r^e, the result by 1/r) and a
 * check that the result raised to e gives the input back, whose outcome
 * is folded into the result without a branch (a failure gives
 * TERN_ERR_FAULT and a zeroed output). tern_rsa_pkcs1_decrypt_tls
 * additionally checks the padding and chooses its output without any
 * secret-dependent branch or error code. Public-key operations
 * (verify, encrypt) are variable time in the public exponent and, with
 * 64-bit words, in the public modulus (R^2 mod n comes from a division);
 * never in the message.
 *
 * Speed: on x86-64 the exponentiations use AVX2 when the CPU has it
 * (TERN_CONFIG_BN_X86, see src/crypto/bignum/bn_modexp_avx2.c), with the
 * same constant-time properties; elsewhere, portable Montgomery code
 * (a separate squaring with 64-bit words).
 *
 * Stack (measured with -fstack-usage): a private-key operation needs
 * about 15.5 KB with TERN_CONFIG_MAX_RSA_BITS = 4096 and 8 KB with 2048
 * (Cortex-M4, 32-bit words); a public-key operation about 3.5 KB and
 * 1.8 KB. On x86-64 the AVX2 code's scratch space (numbers in 28-bit
 * limbs, one per 64-bit lane) raises this to about 20 KB and 11 KB for
 * a private-key operation, 12.5 KB and 7 KB for a public-key one
 * (TERN_CONFIG_BN_X86=0: about 11.5 / 6 KB and 2.7 / 1.4 KB).
 *
 * Requires TERN_CONFIG_RSA.
 */
#ifndef TERN_RSA_H
#define TERN_RSA_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"
#include "tern/error.h"
#include "tern/hash.h"
#include "tern/pk.h"
#include "tern/rand.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Smallest modulus any operation accepts (bits). */
#define TERN_RSA_MIN_BITS 1024
/* Largest modulus (bits) and signature / ciphertext (bytes). */
#define TERN_RSA_MAX_BITS TERN_CONFIG_MAX_RSA_BITS
#define TERN_RSA_MAX_LEN ((TERN_CONFIG_MAX_RSA_BITS + 7) / 8)

/* Salt length for tern_rsa_pss_verify: accept any salt length (the
 * length is recovered from the padding, RFC 8017 9.1.2 step 10). */
#define TERN_RSA_PSS_SALT_ANY ((size_t)-1)

/* Modulus size in bits (leading zero bytes ignored), 0 if n is empty. */
size_t tern_rsa_pubkey_bits(const tern_rsa_pubkey *key);

/* ---- raw primitives (RFC 8017 5.1, 5.2) ------------------------------ */

/* out = in^e mod n (RSAEP / RSAVP1). in and out are k bytes, k the byte
 * length of n. Errors: TERN_ERR_BAD_LENGTH (in_len != k), TERN_ERR_BAD_ARG
 * (in >= n), key errors (TERN_ERR_BAD_KEY: n even, e even or < 3 or
 * >= n; TERN_ERR_KEY_TOO_SMALL). */
TERN_MUST_CHECK int tern_rsa_public(const tern_rsa_pubkey *key, const uint8_t *in, size_t in_len,
                                    uint8_t *out);

/* out = in^d mod n (RSADP / RSASP1) by CRT, blinded with randomness from
 * rng (required), and checked: TERN_ERR_FAULT if out^e != in (a fault
 * during the computation, or a key whose parts do not belong together);
 * out is then all zeros. Constant time (see above). in and out are k
 * bytes and may be the same buffer. Other errors: as tern_rsa_public,
 * TERN_ERR_BAD_KEY for a malformed CRT key, the rng's error. */
TERN_MUST_CHECK int tern_rsa_private(const tern_rsa_privkey *key, const tern_rng_class **rng,
                                     const uint8_t *in, size_t in_len, uint8_t *out);

/* ---- PKCS#1 v1.5 signatures (RFC 8017 8.2, 9.2) ------------------------ */

/* Verifies sig over a digest computed by the caller with hash. The check
 * is strict: EM is rebuilt (0x00 01 FF.. 00 || DigestInfo with the NULL
 * parameter || digest) and compared in full, so any other encoding (a
 * missing NULL, BER lengths, trailing data) is rejected. hash may be
 * NULL for the TLS 1.0/1.1 form: digest is then T itself (the 36-byte
 * MD5 || SHA-1 value, no DigestInfo). Errors: TERN_ERR_BAD_SIGNATURE
 * (wrong length, s >= n, mismatch), key errors, TERN_ERR_BAD_LENGTH
 * (digest_len != hash->digest_len), TERN_ERR_UNSUPPORTED_ALGORITHM (a
 * hash without a DigestInfo here: MD5, SHA-1, SHA-224/256/384/512 have
 * one). */
TERN_MUST_CHECK int tern_rsa_pkcs1_verify(const tern_rsa_pubkey *key, const tern_hash_class *hash,
                                          const uint8_t *digest, size_t digest_len,
                                          const uint8_t *sig, size_t sig_len);

/* Signs a digest (hash as for verify). *sig_len: capacity on input (at
 * least k), k on output. Errors: TERN_ERR_BUFFER_TOO_SMALL,
 * TERN_ERR_BAD_LENGTH (digest too long for the key), tern_rsa_private's. */
TERN_MUST_CHECK int tern_rsa_pkcs1_sign(const tern_rsa_privkey *key, const tern_rng_class **rng,
                                        const tern_hash_class *hash, const uint8_t *digest,
                                        size_t digest_len, uint8_t *sig, size_t *sig_len);

/* ---- PSS signatures (RFC 8017 8.1, 9.1) -------------------------------- */

/* Verifies a PSS signature over a digest made with hash, MGF1 with
 * mgf1_hash, salt of salt_len bytes (or TERN_RSA_PSS_SALT_ANY). The
 * trailer must be 0xbc. Errors: as tern_rsa_pkcs1_verify. */
TERN_MUST_CHECK int tern_rsa_pss_verify(const tern_rsa_pubkey *key, const tern_hash_class *hash,
                                        const tern_hash_class *mgf1_hash, size_t salt_len,
                                        const uint8_t *digest, size_t digest_len,
                                        const uint8_t *sig, size_t sig_len);

/* Signs with a random salt of salt_len bytes from rng (MGF1 with the
 * same hash). Errors: TERN_ERR_BAD_LENGTH (hash and salt do not fit:
 * emLen < hLen + sLen + 2), as tern_rsa_pkcs1_sign. */
TERN_MUST_CHECK int tern_rsa_pss_sign(const tern_rsa_privkey *key, const tern_rng_class **rng,
                                      const tern_hash_class *hash, size_t salt_len,
                                      const uint8_t *digest, size_t digest_len, uint8_t *sig,
                                      size_t *sig_len);

/* As tern_rsa_pss_sign with a given salt (known-answer tests such as
 * NIST SigGenPSS). rng is still required, for blinding. */
TERN_MUST_CHECK int tern_rsa_pss_sign_salt(const tern_rsa_privkey *key, const tern_rng_class **rng,
                                           const tern_hash_class *hash, const uint8_t *salt,
                                           size_t salt_len, const uint8_t *digest,
                                           size_t digest_len, uint8_t *sig, size_t *sig_len);

/* ---- PKCS#1 v1.5 encryption (RFC 8017 7.2) ----------------------------- */

/* RSAES-PKCS1-v1_5 encryption: EM = 0x00 02 PS 00 M, PS = the first
 * k - msg_len - 3 non-zero bytes rng produces (at least 8). *out_len:
 * capacity on input, k on output. Errors: TERN_ERR_BAD_LENGTH
 * (msg_len > k - 11), TERN_ERR_BUFFER_TOO_SMALL, key errors, the rng's. */
TERN_MUST_CHECK int tern_rsa_pkcs1_encrypt(const tern_rsa_pubkey *key, const tern_rng_class **rng,
                                           const uint8_t *msg, size_t msg_len, uint8_t *out,
                                           size_t *out_len);

/* RSAES-PKCS1-v1_5 decryption. The padding is checked without
 * secret-dependent branches; only the final verdict is branched on, so
 * the result (TERN_ERR_BAD_PADDING or not) is the one thing that is
 * visible. That is itself a padding oracle (Bleichenbacher): never use
 * this for the TLS RSA key exchange, use tern_rsa_pkcs1_decrypt_tls.
 * *out_len: capacity on input, message length on output. Errors:
 * TERN_ERR_BAD_PADDING, TERN_ERR_BAD_LENGTH (ct_len != k),
 * TERN_ERR_BUFFER_TOO_SMALL, tern_rsa_private's. */
TERN_MUST_CHECK int tern_rsa_pkcs1_decrypt(const tern_rsa_privkey *key, const tern_rng_class **rng,
                                           const uint8_t *ct, size_t ct_len, uint8_t *out,
                                           size_t *out_len);

/* Decrypts a TLS 1.2 EncryptedPreMasterSecret (RFC 5246 7.4.7.1) and
 * always produces a 48-byte premaster secret: the decrypted message if
 * the padding is correct, the message is 48 bytes long and begins with
 * client_version (the version from the ClientHello); otherwise 48 random
 * bytes from rng. That is the RFC's second construction, which treats a
 * version mismatch like a padding error; there is no switch to skip the
 * version check. The random bytes are drawn before decrypting, and the
 * choice is made with masks: no branch, memory index or return code
 * depends on the padding, the length or the version (Bleichenbacher,
 * ROBOT; the big-number arithmetic underneath is constant time too,
 * against Marvin). A ciphertext of the wrong length or >= n (public
 * properties) also gives the random premaster and TERN_OK. Errors only
 * for things that do not depend on the plaintext: key errors, the rng's
 * error, TERN_ERR_FAULT (premaster then holds the random value). */
TERN_MUST_CHECK int tern_rsa_pkcs1_decrypt_tls(const tern_rsa_privkey *key,
                                               const tern_rng_class **rng, const uint8_t *ct,
                                               size_t ct_len, uint8_t premaster[48],
                                               const uint8_t client_version[2]);

/* ---- signature classes (include/tern/pk.h) ------------------------------ */

/* rsa_pkcs1_sha1 (legacy; needs TERN_CONFIG_SHA1), rsa_pkcs1_sha256/384/512,
 * rsa_pss_rsae_sha256/384/512 and rsa_pss_pss_sha256/384/512: PSS with
 * MGF1 of the same hash and a salt as long as the hash (RFC 8446 4.2.3;
 * verification accepts only that salt length). The _pss_pss_ schemes
 * differ from _pss_rsae_ only in the key's certificate type
 * (id-RSASSA-PSS), which is the caller's business; the arithmetic is the
 * same. verify returns TERN_ERR_BAD_SIGNATURE for every failure. */
#if TERN_CONFIG_SHA1
extern const tern_sig_class tern_sig_rsa_pkcs1_sha1;
#endif
extern const tern_sig_class tern_sig_rsa_pkcs1_sha256;
extern const tern_sig_class tern_sig_rsa_pkcs1_sha384;
extern const tern_sig_class tern_sig_rsa_pkcs1_sha512;
extern const tern_sig_class tern_sig_rsa_pss_rsae_sha256;
extern const tern_sig_class tern_sig_rsa_pss_rsae_sha384;
extern const tern_sig_class tern_sig_rsa_pss_rsae_sha512;
extern const tern_sig_class tern_sig_rsa_pss_pss_sha256;
extern const tern_sig_class tern_sig_rsa_pss_pss_sha384;
extern const tern_sig_class tern_sig_rsa_pss_pss_sha512;

#ifdef __cplusplus
}
#endif

#endif /* TERN_RSA_H */
