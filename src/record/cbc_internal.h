/*
 * Constant-time building blocks of the CBC record protections (Lucky
 * Thirteen, AlFardan and Paterson 2013): what opening a MAC-then-encrypt
 * record needs once the ciphertext is decrypted, when the padding length
 * and therefore the plaintext length and the position of the MAC are
 * secret.
 *
 *   tern_cbc_pad_check   checks the padding, yields its length
 *   tern_cbc_hmac_ct     HMAC over a message of secret length
 *   tern_cbc_mac_extract copies the received MAC from a secret offset
 *
 * None of them branches on or indexes memory with secret data: their time
 * and memory accesses depend only on the public bounds they are given.
 * Control values (ctl) are uint32_t 0 or 1 as in common/ct_internal.h.
 */
#ifndef TERN_CBC_INTERNAL_H
#define TERN_CBC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/endian_internal.h"
#include "record/record_internal.h"
#include "tern/cipher.h"
#include "tern/hash.h"
#include "tern/mac.h"

/* Bytes of the MAC header: seq_num(8) type(1) version(2) length(2)
 * (RFC 5246 6.2.3.1). */
#define TERN_CBC_MAC_HDR_LEN 13

/* Checks the TLS CBC padding (RFC 5246 6.2.3.2) that ends the len
 * decrypted bytes at buf: the last byte is padding_length p, and the p
 * bytes before it must each equal p. The padding and its length byte
 * (p + 1 bytes) must also leave room for `before` bytes in front of them
 * (the MAC in MAC-then-encrypt, 0 in encrypt-then-MAC).
 * Returns 1 and sets *pad_total = p + 1 when all holds; returns 0 and
 * sets *pad_total = 0 otherwise. Reads the last min(len, 256) bytes
 * whatever p is. len is public and must be at least 1 and below 2^24. */
uint32_t tern_cbc_pad_check(const uint8_t *buf, size_t len, size_t before, size_t *pad_total);

/* Copies mac_len bytes from buf + off to out, where off is secret and lies
 * in [lo, hi] (public bounds; the caller guarantees it). Reads every byte
 * of buf[lo .. hi + mac_len) and uses no index that depends on off.
 * 1 <= mac_len <= TERN_HASH_MAX_DIGEST; hi + mac_len below 2^24. */
void tern_cbc_mac_extract(uint8_t *out, const uint8_t *buf, size_t lo, size_t hi, size_t off,
                          size_t mac_len);

/* The hashes tern_cbc_hmac_ct handles: SHA-1, SHA-256, SHA-384 (1 if h is
 * one of them). */
int tern_cbc_hmac_ct_supports(const tern_hash_class *h);

/* HMAC(key, hdr || data[0 .. len)) in constant time with respect to len,
 * which is secret and lies in [lo, hi] (public bounds). key is a keyed
 * context (tern_hmac_init, nothing absorbed since) of a hash for which
 * tern_cbc_hmac_ct_supports is 1. hdr is TERN_CBC_MAC_HDR_LEN bytes (its
 * contents may be secret: the length field is); data must be readable for
 * hi bytes. Writes the digest length of tag. The work is that of hashing
 * hdr || data[0 .. hi) plus a few blocks, whatever len is; see
 * cbc_hmac.c for how. hi below 2^24. */
void tern_cbc_hmac_ct(const tern_hmac_ctx *key, const uint8_t hdr[TERN_CBC_MAC_HDR_LEN],
                      const uint8_t *data, size_t lo, size_t len, size_t hi, uint8_t *tag);

/* ---- shared by prot_cbc*.c ------------------------------------------------ */

/* The MAC header: seq_num || type || version || length (RFC 5246
 * 6.2.3.1; RFC 7366 3 with length = IV + ciphertext). */
static inline void tern_cbc_mac_hdr(uint8_t hdr[TERN_CBC_MAC_HDR_LEN], uint64_t seq, uint8_t type,
                                    uint16_t version, size_t length)
{
    tern_store_be64(hdr, seq);
    hdr[8] = type;
    tern_store_be16(hdr + 9, version);
    tern_store_be16(hdr + 11, (uint16_t)length);
}

/* The state of a CBC protection, in the storage bound to its tern_prot
 * (tern_prot_bind); tern_prot_cbc_ctx_size() bytes of it: the fixed part
 * and the block cipher's context (its class's ctx_size) after it. */
typedef struct tern_cbc_state {
    tern_hmac_ctx mac;          /* keyed HMAC (both pads absorbed) */
    const tern_rng_class **rng; /* explicit IVs; NULL in TLS 1.0 mode */
    uint8_t chain[16];          /* TLS 1.0: the IV of the next record */
    uint8_t block_len;          /* 16 (AES) or 8 (3DES) */
    uint8_t mac_len;            /* 20, 32 or 48 */
    uint8_t flags;              /* TERN_PROT_CBC_* */
    uint64_t cipher[];          /* the block cipher context (C99 flexible
                                 * array: aligned for its 64-bit words) */
} tern_cbc_state;

/* The state of CBC protection p. */
static inline tern_cbc_state *tern_cbc_state_of(const tern_prot *p)
{
    return (tern_cbc_state *)(void *)p->aead;
}

/* The keyed block cipher in st. */
static inline const tern_block_class **tern_cbc_cipher(tern_cbc_state *st)
{
    return (const tern_block_class **)(void *)st->cipher;
}

/* Bytes of explicit IV in front of the ciphertext: the block length, or
 * 0 in TLS 1.0 (the IV is the previous record's last ciphertext block). */
static inline size_t tern_cbc_iv_len(const tern_cbc_state *st)
{
    return (st->flags & TERN_PROT_CBC_TLS10) != 0 ? 0 : st->block_len;
}

/* Seals plain_len bytes of plaintext that lie at frag + the explicit IV
 * length (whatever the protection's prefix says): writes the IV, MAC and
 * padding,
 * encrypts, sets *frag_len. The class seal is this after moving the
 * plaintext there; the TLS 1.0 splitter calls it per record. */
TERN_MUST_CHECK int tern_cbc_seal_fragment(tern_cbc_state *st, uint64_t seq, uint8_t type,
                                           uint16_t version, uint8_t *frag, size_t plain_len,
                                           size_t *frag_len);

/* The open function of the CBC classes (prot_cbc_open.c); see
 * tern_prot_class.open. */
TERN_MUST_CHECK int tern_prot_cbc_open(tern_prot *bp, uint64_t seq, uint8_t *type, uint16_t version,
                                       uint8_t *frag, size_t frag_len, size_t *plain_off,
                                       size_t *plain_len);

#endif /* TERN_CBC_INTERNAL_H */
