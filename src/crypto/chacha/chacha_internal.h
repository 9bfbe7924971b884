/*
 * Internal interfaces of src/crypto/chacha: the ChaCha20 core on a state
 * array (so the AEAD sets the key up once), the implementations behind
 * tern_chacha20_xor, and the two Poly1305 cores. Tests call the
 * implementations one by one to check each against the vectors.
 */
#ifndef TERN_CHACHA_INTERNAL_H
#define TERN_CHACHA_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "tern/chacha.h"
#include "tern/config.h"

/* ---- ChaCha20 ----------------------------------------------------------- */

/* The 16-word input block of RFC 8439 2.3: constants, key, block counter
 * (word 12), nonce. */
void tern_chacha20_state_init(uint32_t st[16], const uint8_t key[32], const uint8_t nonce[12],
                              uint32_t counter);

/* One block: out = the 64 key-stream bytes for st (st is not advanced). */
void tern_chacha20_block(const uint32_t st[16], uint8_t out[64]);

/* XORs the key stream for st into len bytes of data and advances the
 * counter st[12] by ceil(len / 64), wrapping mod 2^32. The stack copies of
 * key stream are wiped before return. */
typedef void tern_chacha20_xor_fn(uint32_t st[16], uint8_t *data, size_t len);

/* Portable C, one block at a time. */
tern_chacha20_xor_fn tern_chacha20_xor_portable;

#if TERN_CONFIG_CHACHA20_X86
/* 1 if the CPU and OS support AVX2 (CPUID, XGETBV), else 0. */
int tern_chacha20_avx2_supported(void);
/* AVX2: eight blocks at a time, then the tail. Only call when
 * tern_chacha20_avx2_supported() is 1. */
tern_chacha20_xor_fn tern_chacha20_xor_avx2;
#endif

/* The best implementation for this CPU (never NULL). */
tern_chacha20_xor_fn *tern_chacha20_xor_impl(void);

/* ---- Poly1305 cores -------------------------------------------------------- */

/* A core keeps r and the accumulator h in its own limb form inside
 * tern_poly1305_ctx.st; the buffering and the key half s live in
 * poly1305.c. Each core offers:
 *   init(st, r16)        clamps r (RFC 8439 2.5) and zeroes h;
 *   blocks(st, m, n, hi) absorbs n 16-byte blocks, each with 2^128 added
 *                        when hi is 1 (full blocks) or not when hi is 0
 *                        (the final partial block, already padded with
 *                        0x01 0x00...);
 *   finish(st, s, tag)   reduces h mod 2^130 - 5 without branches, adds s
 *                        and writes the 16-byte tag (st is left for the
 *                        caller to wipe). */

/* Radix 2^64 with unsigned __int128: 64-bit targets. */
#if TERN_CONFIG_WORD_BITS == 64
void tern_poly1305_64_init(uint64_t st[5], const uint8_t r[16]);
void tern_poly1305_64_blocks(uint64_t st[5], const uint8_t *m, size_t nblocks, uint32_t hibit);
void tern_poly1305_64_finish(uint64_t st[5], const uint8_t s[16], uint8_t tag[16]);
#endif

#if TERN_CONFIG_CHACHA20_X86 && TERN_CONFIG_WORD_BITS == 64
/* AVX2, four blocks at a time, on the radix 2^64 state: absorbs the first
 * 4 * floor(nblocks / 4) full blocks (hibit 1) and returns that count.
 * Only call when tern_chacha20_avx2_supported() is 1. It first computes
 * r^2..r^4, which pays off from TERN_POLY1305_AVX2_MIN_BLOCKS blocks on
 * (the break-even in callgrind instruction counts is near 24). */
size_t tern_poly1305_64_blocks_avx2(uint64_t st[5], const uint8_t *m, size_t nblocks);
#define TERN_POLY1305_AVX2_MIN_BLOCKS 24
#endif

/* Radix 2^26 with 32x32->64 products: 32-bit targets (Cortex-M). Built on
 * every target so the tests run it on the host too. */
void tern_poly1305_32_init(uint32_t st[10], const uint8_t r[16]);
void tern_poly1305_32_blocks(uint32_t st[10], const uint8_t *m, size_t nblocks, uint32_t hibit);
void tern_poly1305_32_finish(uint32_t st[10], const uint8_t s[16], uint8_t tag[16]);

#endif /* TERN_CHACHA_INTERNAL_H */
