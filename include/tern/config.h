/*
 * tern compile-time configuration.
 *
 * Every switch has a default here. To change one, either define it on the
 * compiler command line (-DTERN_CONFIG_LOG=0) or write your own header and
 * build with -DTERN_CONFIG_FILE='"my_tern_config.h"'; that header is read
 * first and anything it leaves undefined falls back to the defaults below.
 *
 * Switches are 0 (off) or 1 (on) unless stated otherwise. "Requires:" names
 * switches that must also be on; a bad combination stops the build with
 * #error rather than silently dropping a feature.
 */
#ifndef TERN_CONFIG_H
#define TERN_CONFIG_H

#ifdef TERN_CONFIG_FILE
#include TERN_CONFIG_FILE
#endif

/* ---- general --------------------------------------------------------- */

/* Human-readable error strings in tern_strerror(). Off saves ~3 KB of
 * rodata; tern_strerror() then returns "tern error". */
#ifndef TERN_CONFIG_ERROR_STRINGS
#define TERN_CONFIG_ERROR_STRINGS 1
#endif

/* Log messages through the platform log callback. Off removes every log
 * call site and its string. */
#ifndef TERN_CONFIG_LOG
#define TERN_CONFIG_LOG 1
#endif

/* Argument-contract checks (NULL pointers, impossible lengths) that return
 * TERN_ERR_USAGE. Cheap; keep on unless every byte counts. */
#ifndef TERN_CONFIG_USAGE_CHECKS
#define TERN_CONFIG_USAGE_CHECKS 1
#endif

/* ---- platform -------------------------------------------------------- */

/* The POSIX platform (getrandom/getentropy, clock_gettime, pthreads).
 * Default: on when the compiler says it targets a Unix-like system. On a
 * bare-metal build src/platform/posix.c compiles to nothing. */
#ifndef TERN_CONFIG_PLATFORM_POSIX
#if defined(__unix__) || defined(__unix) || (defined(__APPLE__) && defined(__MACH__))
#define TERN_CONFIG_PLATFORM_POSIX 1
#else
#define TERN_CONFIG_PLATFORM_POSIX 0
#endif
#endif

/* Mutexes through the platform. Off: single-threaded build, every lock is
 * a no-op and no mutex storage is reserved beyond one byte. */
#ifndef TERN_CONFIG_THREADS
#define TERN_CONFIG_THREADS 1
#endif

/* Bytes of opaque storage in tern_mutex (must hold the platform's native
 * mutex; pthread_mutex_t is 40 bytes on x86-64 glibc). */
#ifndef TERN_CONFIG_MUTEX_SIZE
#if TERN_CONFIG_THREADS
#define TERN_CONFIG_MUTEX_SIZE 64
#else
#define TERN_CONFIG_MUTEX_SIZE 1
#endif
#endif

/* ---- crypto: symmetric ----------------------------------------------- */

/* Word size of the multi-precision arithmetic: 32 or 64. 64 requires a
 * compiler with unsigned __int128 (GCC and Clang on 64-bit targets). */
#ifndef TERN_CONFIG_WORD_BITS
#if defined(__SIZEOF_INT128__) && (defined(__x86_64__) || defined(__aarch64__))
#define TERN_CONFIG_WORD_BITS 64
#else
#define TERN_CONFIG_WORD_BITS 32
#endif
#endif

/* Portable constant-time (bitsliced) AES. */
#ifndef TERN_CONFIG_AES_CT
#define TERN_CONFIG_AES_CT 1
#endif

/* AES-NI / PCLMULQDQ code on x86-64, chosen at run time by CPUID.
 * Needs GCC or Clang (target attributes and intrinsics). */
#ifndef TERN_CONFIG_AES_X86NI
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TERN_CONFIG_AES_X86NI 1
#else
#define TERN_CONFIG_AES_X86NI 0
#endif
#endif

/* MD5 and SHA-1: only for the TLS 1.0/1.1 PRF, legacy HMAC-SHA1 suites and
 * old signatures (which path validation rejects by default). */
#ifndef TERN_CONFIG_MD5
#define TERN_CONFIG_MD5 1
#endif
#ifndef TERN_CONFIG_SHA1
#define TERN_CONFIG_SHA1 1
#endif

/* Triple DES (EDE, CBC). Legacy: compiled in so the seed's 3DES suites
 * can be configured, but never offered or accepted unless a cipher list
 * names them. 0 removes it from the build. */
#ifndef TERN_CONFIG_3DES
#define TERN_CONFIG_3DES 1
#endif

/* ChaCha20 and Poly1305. */
#ifndef TERN_CONFIG_CHACHA20
#define TERN_CONFIG_CHACHA20 1
#endif

/* AVX2 ChaCha20 (eight blocks at a time) and Poly1305 (four blocks at a
 * time, with TERN_CONFIG_WORD_BITS 64) on x86-64, chosen at run time by
 * CPUID; the portable code runs on CPUs without AVX2. Needs GCC or Clang
 * (target attributes and intrinsics). Requires: TERN_CONFIG_CHACHA20. */
#ifndef TERN_CONFIG_CHACHA20_X86
#if TERN_CONFIG_CHACHA20 && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TERN_CONFIG_CHACHA20_X86 1
#else
#define TERN_CONFIG_CHACHA20_X86 0
#endif
#endif

/* ---- crypto: public key ---------------------------------------------- */

#ifndef TERN_CONFIG_RSA
#define TERN_CONFIG_RSA 1
#endif
#ifndef TERN_CONFIG_ECC_P256
#define TERN_CONFIG_ECC_P256 1
#endif
#ifndef TERN_CONFIG_ECC_P384
#define TERN_CONFIG_ECC_P384 1
#endif
#ifndef TERN_CONFIG_X25519
#define TERN_CONFIG_X25519 1
#endif
/* Ed25519 sign/verify (optional). Requires: TERN_CONFIG_X25519 is not
 * required, but both share the field arithmetic when both are on. */
#ifndef TERN_CONFIG_ED25519
#define TERN_CONFIG_ED25519 1
#endif
/* Finite-field Diffie-Hellman (DHE suites). Requires: TERN_CONFIG_RSA
 * (shares the Montgomery arithmetic). */
#ifndef TERN_CONFIG_FFDH
#define TERN_CONFIG_FFDH 1
#endif
/* Size/speed variant of the P-256 / P-384 code (see include/tern/ec.h).
 * 0 (fast): field arithmetic unrolled per curve, safegcd inversion with
 * 64-bit words, and precomputed tables for k * G (53 KB of rodata for
 * P-256, 17 KB for P-384); sign and keygen are several times faster.
 * 1 (small): generic loops, Fermat inversion, no table; for Cortex-M and
 * other flash-bound targets (P-256 ECDH + ECDSA in about 7 KB of Thumb-2
 * code). Both are constant-time. Default: small when TERN_CONFIG_WORD_BITS
 * is 32, fast otherwise. */
#ifndef TERN_CONFIG_EC_SMALL
#if TERN_CONFIG_WORD_BITS == 32
#define TERN_CONFIG_EC_SMALL 1
#else
#define TERN_CONFIG_EC_SMALL 0
#endif
#endif
/* Largest RSA / DH modulus in bits that tern handles (sizes stack buffers). */
#ifndef TERN_CONFIG_MAX_RSA_BITS
#define TERN_CONFIG_MAX_RSA_BITS 4096
#endif

/* ---- protocol -------------------------------------------------------- */

/* TLS 1.0 (RFC 2246). Legacy, off by default: enable only for peers that
 * speak nothing newer. Its record protection is CBC with the implicit IV
 * (the last ciphertext block of the previous record) and 1/n-1 splitting
 * of application data on send (BEAST); off leaves that code out of the
 * build. Requires: TERN_CONFIG_MD5 and TERN_CONFIG_SHA1 (the TLS 1.0
 * PRF). */
#ifndef TERN_CONFIG_TLS10
#define TERN_CONFIG_TLS10 0
#endif

/* TLS 1.1 (RFC 4346). Legacy, off by default, like TLS 1.0: CBC suites
 * only (explicit IVs as in TLS 1.2), the MD5/SHA-1 PRF of RFC 2246 5.
 * Requires: TERN_CONFIG_MD5 and TERN_CONFIG_SHA1. Negotiated only when
 * the configuration's min_version allows it (docs/suites.md). */
#ifndef TERN_CONFIG_TLS11
#define TERN_CONFIG_TLS11 0
#endif

/* Encrypt-then-MAC for the CBC suites (RFC 7366): the MAC covers the IV
 * and the ciphertext and is checked before anything is decrypted. Used
 * only when both sides negotiate it; off removes the code, and CBC
 * suites then always run MAC-then-encrypt. */
#ifndef TERN_CONFIG_ENCRYPT_THEN_MAC
#define TERN_CONFIG_ENCRYPT_THEN_MAC 1
#endif

#if TERN_CONFIG_WORD_BITS != 32 && TERN_CONFIG_WORD_BITS != 64
#error "TERN_CONFIG_WORD_BITS must be 32 or 64"
#endif
#if TERN_CONFIG_TLS10 && !(TERN_CONFIG_MD5 && TERN_CONFIG_SHA1)
#error "TERN_CONFIG_TLS10 requires TERN_CONFIG_MD5 and TERN_CONFIG_SHA1 (TLS 1.0 PRF)"
#endif
#if TERN_CONFIG_TLS11 && !(TERN_CONFIG_MD5 && TERN_CONFIG_SHA1)
#error "TERN_CONFIG_TLS11 requires TERN_CONFIG_MD5 and TERN_CONFIG_SHA1 (TLS 1.1 PRF)"
#endif
#if TERN_CONFIG_CHACHA20_X86 && !TERN_CONFIG_CHACHA20
#error "TERN_CONFIG_CHACHA20_X86 requires TERN_CONFIG_CHACHA20"
#endif
#if TERN_CONFIG_CHACHA20_X86 && !defined(__x86_64__)
#error "TERN_CONFIG_CHACHA20_X86 is for x86-64 targets only"
#endif
#if TERN_CONFIG_FFDH && !TERN_CONFIG_RSA
#error "TERN_CONFIG_FFDH requires TERN_CONFIG_RSA (shared modular arithmetic)"
#endif
#if !TERN_CONFIG_AES_CT && !TERN_CONFIG_AES_X86NI
/* Allowed: an AES-free build (ChaCha20-Poly1305 only). */
#endif

#endif /* TERN_CONFIG_H */
