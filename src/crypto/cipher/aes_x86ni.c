/*
 * AES with the x86 AES-NI instructions.
 *
 * The round instructions are constant-time by design (no tables). The
 * key expansion is the portable one (aes_keysched.c) with SubWord done by
 * AESENCLAST: with the word copied into all four columns, ShiftRows moves
 * nothing that matters and a zero round key adds nothing, so column 0 of
 * the result is SubWord of the word.
 *
 * Decryption uses the equivalent inverse cipher (FIPS 197, 5.3.5): the
 * middle round keys go through InvMixColumns (AESIMC) once, at init. The
 * encrypt-only class (tern_aes_x86ni_enc_class, for CTR, GCM and CCM)
 * keeps just the encryption round keys: 256 bytes instead of 496.
 *
 * Several blocks are processed eight at a time: AESENC has a latency of
 * several cycles but can start every cycle, so eight independent blocks
 * keep the unit busy where one block would wait on each round.
 */
#include "tern/config.h"

#if TERN_CONFIG_AES_X86NI

#include <immintrin.h>
#include <string.h>
#include <wmmintrin.h>

#include "common/endian_internal.h"
#include "crypto/cipher/aes_internal.h"
#include "crypto/cipher/aes_x86ni_internal.h"
#include "crypto/cipher/cpu_x86_internal.h"
#include "tern/cipher.h"
#include "tern/util.h"

#define RK(keys, i) _mm_loadu_si128((const __m128i *)(const void *)((keys) + 2 * (i)))

TERN_X86_TARGET static uint32_t sub_word(uint32_t w)
{
    __m128i x = _mm_set1_epi32((int)w);
    x = _mm_aesenclast_si128(x, _mm_setzero_si128());
    return (uint32_t)_mm_cvtsi128_si32(x);
}

/* see src/crypto/cipher/aes_x86ni_internal.h */
TERN_X86_TARGET unsigned tern_aes_x86ni_expand_enc(uint64_t ek[30], const uint8_t *key,
                                                   size_t key_len)
{
    uint32_t w[TERN_AES_MAX_WORDS];
    uint8_t bytes[16 * 15];
    unsigned nr, i;

    /* The classes are only handed out when the CPU has AES-NI, but a
     * stale pointer must not run unknown instructions. */
    if ((tern_cpu_x86_features() & TERN_X86_NEED_AES) != TERN_X86_NEED_AES) {
        return 0;
    }
    nr = tern_aes_expand_key(w, key, key_len, sub_word);
    if (nr != 0) {
        for (i = 0; i < 4 * (nr + 1); i++) {
            tern_store_le32(bytes + 4 * i, w[i]);
        }
        memcpy(ek, bytes, 16 * (nr + 1));
    }
    tern_wipe(w, sizeof(w));
    tern_wipe(bytes, sizeof(bytes));
    return nr;
}

/* The class's init: an unsupported CPU or a bad key length. */
static int init_error(void)
{
    return (tern_cpu_x86_features() & TERN_X86_NEED_AES) != TERN_X86_NEED_AES ? TERN_ERR_UNSUPPORTED
                                                                              : TERN_ERR_BAD_LENGTH;
}

TERN_X86_TARGET static int aes_x86ni_init(const tern_block_class **ctx, const uint8_t *key,
                                          size_t key_len)
{
    tern_aes_x86ni_ctx *c = (tern_aes_x86ni_ctx *)(void *)ctx;
    unsigned nr, i;

    nr = tern_aes_x86ni_expand_enc(c->ek, key, key_len);
    if (nr == 0) {
        return init_error();
    }
    /* dk[0] = ek[nr], dk[i] = InvMixColumns(ek[nr - i]), dk[nr] = ek[0] */
    _mm_storeu_si128((__m128i *)(void *)c->dk, RK(c->ek, nr));
    for (i = 1; i < nr; i++) {
        _mm_storeu_si128((__m128i *)(void *)(c->dk + 2 * i), _mm_aesimc_si128(RK(c->ek, nr - i)));
    }
    _mm_storeu_si128((__m128i *)(void *)(c->dk + 2 * nr), RK(c->ek, 0));
    c->nrounds = nr;
    c->has_pclmul = (tern_cpu_x86_features() & TERN_X86_PCLMUL) != 0;
    c->vtable = &tern_aes_x86ni_class;
    return TERN_OK;
}

/* Encryption round keys only: the context of tern_aes_x86ni_enc_class. */
static int aes_x86ni_enc_init(const tern_block_class **ctx, const uint8_t *key, size_t key_len)
{
    tern_aes_x86ni_enc_ctx *c = (tern_aes_x86ni_enc_ctx *)(void *)ctx;
    unsigned nr = tern_aes_x86ni_expand_enc(c->ek, key, key_len);

    if (nr == 0) {
        return init_error();
    }
    c->nrounds = nr;
    c->has_pclmul = (tern_cpu_x86_features() & TERN_X86_PCLMUL) != 0;
    c->vtable = &tern_aes_x86ni_enc_class;
    return TERN_OK;
}

#define LOAD8(x, p)                                                                                \
    do {                                                                                           \
        unsigned j_;                                                                               \
        for (j_ = 0; j_ < 8; j_++) {                                                               \
            (x)[j_] = _mm_loadu_si128((const __m128i *)(const void *)((p) + 16 * j_));             \
        }                                                                                          \
    } while (0)

#define STORE8(p, x)                                                                               \
    do {                                                                                           \
        unsigned j_;                                                                               \
        for (j_ = 0; j_ < 8; j_++) {                                                               \
            _mm_storeu_si128((__m128i *)(void *)((p) + 16 * j_), (x)[j_]);                         \
        }                                                                                          \
    } while (0)

/* ECB encryption of nblocks blocks under the round keys ek (inlined in
 * each class's entry). */
TERN_X86_TARGET static inline __attribute__((always_inline)) void
encrypt_blocks(const uint64_t *ek, unsigned nr, uint8_t *blocks, size_t nblocks)
{
    unsigned r, j;

    while (nblocks >= 8) {
        __m128i x[8], k;
        LOAD8(x, blocks);
        k = RK(ek, 0);
        for (j = 0; j < 8; j++) {
            x[j] = _mm_xor_si128(x[j], k);
        }
        for (r = 1; r < nr; r++) {
            k = RK(ek, r);
            for (j = 0; j < 8; j++) {
                x[j] = _mm_aesenc_si128(x[j], k);
            }
        }
        k = RK(ek, nr);
        for (j = 0; j < 8; j++) {
            x[j] = _mm_aesenclast_si128(x[j], k);
        }
        STORE8(blocks, x);
        blocks += 128;
        nblocks -= 8;
    }
    while (nblocks > 0) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)blocks);
        x = _mm_xor_si128(x, RK(ek, 0));
        for (r = 1; r < nr; r++) {
            x = _mm_aesenc_si128(x, RK(ek, r));
        }
        x = _mm_aesenclast_si128(x, RK(ek, nr));
        _mm_storeu_si128((__m128i *)(void *)blocks, x);
        blocks += 16;
        nblocks--;
    }
}

TERN_X86_TARGET static void aes_x86ni_encrypt(const tern_block_class *const *ctx, uint8_t *blocks,
                                              size_t nblocks)
{
    const tern_aes_x86ni_ctx *c = (const tern_aes_x86ni_ctx *)(const void *)ctx;
    encrypt_blocks(c->ek, c->nrounds, blocks, nblocks);
}

TERN_X86_TARGET static void aes_x86ni_enc_encrypt(const tern_block_class *const *ctx,
                                                  uint8_t *blocks, size_t nblocks)
{
    const tern_aes_x86ni_enc_ctx *c = (const tern_aes_x86ni_enc_ctx *)(const void *)ctx;
    encrypt_blocks(c->ek, c->nrounds, blocks, nblocks);
}

TERN_X86_TARGET static void aes_x86ni_decrypt(const tern_block_class *const *ctx, uint8_t *blocks,
                                              size_t nblocks)
{
    const tern_aes_x86ni_ctx *c = (const tern_aes_x86ni_ctx *)(const void *)ctx;
    const uint64_t *dk = c->dk;
    unsigned nr = c->nrounds, r, j;

    while (nblocks >= 8) {
        __m128i x[8], k;
        LOAD8(x, blocks);
        k = RK(dk, 0);
        for (j = 0; j < 8; j++) {
            x[j] = _mm_xor_si128(x[j], k);
        }
        for (r = 1; r < nr; r++) {
            k = RK(dk, r);
            for (j = 0; j < 8; j++) {
                x[j] = _mm_aesdec_si128(x[j], k);
            }
        }
        k = RK(dk, nr);
        for (j = 0; j < 8; j++) {
            x[j] = _mm_aesdeclast_si128(x[j], k);
        }
        STORE8(blocks, x);
        blocks += 128;
        nblocks -= 8;
    }
    while (nblocks > 0) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)blocks);
        x = _mm_xor_si128(x, RK(dk, 0));
        for (r = 1; r < nr; r++) {
            x = _mm_aesdec_si128(x, RK(dk, r));
        }
        x = _mm_aesdeclast_si128(x, RK(dk, nr));
        _mm_storeu_si128((__m128i *)(void *)blocks, x);
        blocks += 16;
        nblocks--;
    }
}

/* see src/crypto/cipher/aes_x86ni_internal.h */
const tern_block_class tern_aes_x86ni_class = {
    "AES (AES-NI)",           16,
    TERN_BLOCK_CONSTANT_TIME, (uint16_t)sizeof(tern_aes_x86ni_ctx),
    aes_x86ni_init,           aes_x86ni_encrypt,
    aes_x86ni_decrypt,
};

/* see src/crypto/cipher/aes_x86ni_internal.h */
const tern_block_class tern_aes_x86ni_enc_class = {
    "AES (AES-NI, encrypt only)",
    16,
    TERN_BLOCK_CONSTANT_TIME | TERN_BLOCK_ENCRYPT_ONLY,
    (uint16_t)sizeof(tern_aes_x86ni_enc_ctx),
    aes_x86ni_enc_init,
    aes_x86ni_enc_encrypt,
    NULL,
};

/* see include/tern/cipher.h */
const tern_block_class *tern_aes_x86ni_get(void)
{
    uint32_t f = tern_cpu_x86_features();
    return (f & TERN_X86_NEED_AES) == TERN_X86_NEED_AES ? &tern_aes_x86ni_class : NULL;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_aes_x86ni_unused_;
#endif
