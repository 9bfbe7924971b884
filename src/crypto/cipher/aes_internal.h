/*
 * Shared by the AES implementations: the key expansion of FIPS 197,
 * section 5.2, written once over a caller-supplied SubWord so that every
 * implementation uses its own constant-time S-box.
 */
#ifndef TERN_AES_INTERNAL_H
#define TERN_AES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Largest expanded key: 4 * (14 + 1) words for AES-256. */
#define TERN_AES_MAX_WORDS 60

/* Expands key (16, 24 or 32 bytes) into 4 * (nrounds + 1) words w[].
 * Words are little-endian: byte 0 of the key is the low byte of w[0]
 * (FIPS 197 numbers bytes of a word left to right; loading them in
 * little-endian order makes RotWord a right rotation by 8). sub_word
 * applies the S-box to each byte of a word and must be constant-time.
 * Returns the number of rounds (10, 12, 14), or 0 for a bad key length.
 * w may hold key material on return: the caller wipes it. */
unsigned tern_aes_expand_key(uint32_t w[TERN_AES_MAX_WORDS], const uint8_t *key, size_t key_len,
                             uint32_t (*sub_word)(uint32_t));

#endif /* TERN_AES_INTERNAL_H */
