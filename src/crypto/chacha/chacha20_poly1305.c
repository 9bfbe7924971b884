/*
 * AEAD_CHACHA20_POLY1305 (RFC 8439 2.8) and its tern_aead_class.
 *
 * Block 0 of the key stream gives the one-time Poly1305 key (RFC 8439
 * 2.6); blocks 1.. encrypt. The tag covers
 *     aad || pad16 || ciphertext || pad16 || le64(aad_len) || le64(len).
 *
 * open computes the tag, compares it with tern_ct_memeq, decrypts, and
 * then ANDs every byte with a mask that is zero when the tag was wrong.
 * The same work happens whatever the outcome and nothing branches on it,
 * so the verdict does not show in the timing and no unauthenticated
 * plaintext is released.
 */
#include "tern/config.h"

#if TERN_CONFIG_CHACHA20

#include <stdint.h>
#include <string.h>

#include "common/ct_internal.h"
#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "crypto/chacha/chacha_internal.h"
#include "tern/chacha.h"
#include "tern/util.h"

/* The context must fit the engine's tern_aead_ctx. */
typedef char tern_chacha20_poly1305_ctx_fits[(sizeof(tern_chacha20_poly1305_ctx) <= TERN_AEAD_CTX_MAX) ? 1 : -1];

static const uint8_t zeros16[16];

/* Absorbs the zero padding that brings len up to a multiple of 16. */
static void pad16(tern_poly1305_ctx *pc, size_t len)
{
    size_t rem = len % 16;

    if (rem != 0) {
        tern_poly1305_update(pc, zeros16, 16 - rem);
    }
}

/* tag = Poly1305 over the RFC 8439 2.8 layout, keyed from block 0 of st
 * (st[12] is set to 0 here), which xor_fn computes. */
static void compute_tag(tern_chacha20_xor_fn *xor_fn, uint32_t st[16], const uint8_t *aad,
                        size_t aad_len, const uint8_t *ct, size_t len, uint8_t tag[16])
{
    tern_poly1305_ctx pc;
    uint8_t otk[32];
    uint8_t lens[16];

    /* the one-time key: the first 32 bytes of block 0 (RFC 8439 2.6) */
    st[12] = 0;
    memset(otk, 0, sizeof(otk));
    xor_fn(st, otk, sizeof(otk));
    tern_poly1305_init(&pc, otk);
    tern_wipe(otk, sizeof(otk));
    tern_poly1305_update(&pc, aad, aad_len);
    pad16(&pc, aad_len);
    tern_poly1305_update(&pc, ct, len);
    pad16(&pc, len);
    tern_store_le64(lens, (uint64_t)aad_len);
    tern_store_le64(lens + 8, (uint64_t)len);
    tern_poly1305_update(&pc, lens, sizeof(lens));
    tern_poly1305_final(&pc, tag); /* wipes pc */
}

/* Argument contract shared by seal and open (compiled out with
 * TERN_CONFIG_USAGE_CHECKS 0). */
#define CHECK_AEAD_ARGS()                                                      \
    do {                                                                       \
        TERN_CHECK_ARG(key != NULL && nonce != NULL && tag != NULL);           \
        TERN_CHECK_ARG(aad != NULL || aad_len == 0);                           \
        TERN_CHECK_ARG(buf != NULL || len == 0);                               \
    } while (0)

/* RFC 8439 2.8: at most 2^32 - 1 blocks after the key block. A 32-bit
 * size_t cannot go past that (and the compiler would call the test always
 * true), so the check exists only where size_t is wider. */
static int check_len(size_t len)
{
#if SIZE_MAX > 0xffffffffu
    TERN_ENSURE((uint64_t)len <= TERN_CHACHA20_POLY1305_MAX_LEN, TERN_ERR_BAD_LENGTH);
#else
    (void)len;
#endif
    return TERN_OK;
}

/* see include/tern/chacha.h */
int tern_chacha20_poly1305_seal(const uint8_t key[32], const uint8_t nonce[12],
                                const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                                uint8_t tag[16])
{
    tern_chacha20_xor_fn *xor_fn = tern_chacha20_xor_impl();
    uint32_t st[16];

    CHECK_AEAD_ARGS();
    TERN_TRY(check_len(len));
    tern_chacha20_state_init(st, key, nonce, 1);
    xor_fn(st, buf, len);
    compute_tag(xor_fn, st, aad, aad_len, buf, len, tag);
    tern_wipe(st, sizeof(st));
    return TERN_OK;
}

/* see include/tern/chacha.h */
int tern_chacha20_poly1305_open(const uint8_t key[32], const uint8_t nonce[12],
                                const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                                const uint8_t tag[16])
{
    tern_chacha20_xor_fn *xor_fn = tern_chacha20_xor_impl();
    uint32_t st[16];
    uint8_t want[16];
    uint32_t ok;
    uint8_t keep;
    size_t i;

    CHECK_AEAD_ARGS();
    TERN_TRY(check_len(len));
    tern_chacha20_state_init(st, key, nonce, 0);
    compute_tag(xor_fn, st, aad, aad_len, buf, len, want);
    ok = tern_ct_memeq(want, tag, sizeof(want));
    tern_wipe(want, sizeof(want));

    st[12] = 1;
    xor_fn(st, buf, len);
    tern_wipe(st, sizeof(st));
    keep = (uint8_t)((uint32_t)0 - tern_ct_barrier(ok)); /* 0xff or 0x00 */
    for (i = 0; i < len; i++) {
        buf[i] &= keep;
    }
    /* TERN_OK when ok is 1, TERN_ERR_BAD_MAC when 0, without a branch. */
    return (int)tern_ct_not(ok) * TERN_ERR_BAD_MAC;
}

/* ---- class ---------------------------------------------------------------- */

static int cp_init(const tern_aead_class **ctx, const uint8_t *key)
{
    tern_chacha20_poly1305_ctx *c = (tern_chacha20_poly1305_ctx *)(void *)ctx;

    TERN_CHECK_ARG(ctx != NULL && key != NULL);
    c->vtable = &tern_aead_chacha20_poly1305;
    memcpy(c->key, key, sizeof(c->key));
    return TERN_OK;
}

static int cp_seal(const tern_aead_class *const *ctx, const uint8_t *nonce, const uint8_t *aad,
                   size_t aad_len, uint8_t *buf, size_t len, uint8_t *tag)
{
    const tern_chacha20_poly1305_ctx *c = (const tern_chacha20_poly1305_ctx *)(const void *)ctx;

    TERN_CHECK_ARG(ctx != NULL);
    return tern_chacha20_poly1305_seal(c->key, nonce, aad, aad_len, buf, len, tag);
}

static int cp_open(const tern_aead_class *const *ctx, const uint8_t *nonce, const uint8_t *aad,
                   size_t aad_len, uint8_t *buf, size_t len, const uint8_t *tag)
{
    const tern_chacha20_poly1305_ctx *c = (const tern_chacha20_poly1305_ctx *)(const void *)ctx;

    TERN_CHECK_ARG(ctx != NULL);
    return tern_chacha20_poly1305_open(c->key, nonce, aad, aad_len, buf, len, tag);
}

/* see include/tern/chacha.h */
const tern_aead_class tern_aead_chacha20_poly1305 = {
    "ChaCha20-Poly1305",
    32,
    12,
    16,
    TERN_AEAD_CONSTANT_TIME,
    (uint16_t)sizeof(tern_chacha20_poly1305_ctx),
    cp_init,
    cp_seal,
    cp_open,
};

#else
typedef int tern_chacha20_poly1305_unused;
#endif /* TERN_CONFIG_CHACHA20 */
