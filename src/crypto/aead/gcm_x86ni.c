/*
 * AES-GCM with AES-NI and PCLMULQDQ in one pass (SP 800-38D; see gcm.c
 * for the construction and ghash_x86_internal.h for the GHASH
 * arithmetic).
 *
 * Implementation notes.
 *
 * The bulk loop handles 128 bytes per iteration: eight counter blocks go
 * through the AES rounds side by side (AESENC pipelines), and the eight
 * ciphertext blocks are hashed with one reduction,
 *   Y' = (Y ^ C1) H^8 ^ C2 H^7 ^ ... ^ C8 H,
 * using the powers H^1..H^8 and their Karatsuba folds (a table on the
 * stack, built per call from the hash key when the call has 128 bytes or
 * more to hash: seven multiplications, against a few hundred bytes of
 * context per key if they were kept). The hashing of one iteration does
 * not depend on the AES of the next, so the CPU overlaps them.
 *
 * Counters are kept byte-reversed, where inc32 (the last four bytes of the
 * block as a big-endian counter, modulo 2^32) is a 32-bit add to the low
 * lane: PADDD, which never carries into the other lanes.
 *
 * Leftover full blocks go one at a time, a final partial block through a
 * zero-padded buffer.
 */
#include "tern/config.h"

#if TERN_CONFIG_AES_X86NI

#include <string.h>

#include "common/ct_internal.h"
#include "crypto/aead/aead_internal.h"
#include "crypto/aead/gcm_internal.h"
#include "crypto/aead/ghash_x86_internal.h"
#include "tern/util.h"

#define LOADU(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
#define STOREU(p, x) _mm_storeu_si128((__m128i *)(void *)(p), (x))
#define RK(i) LOADU(ek + 2 * (i))

/* Hash-key powers H'^1..H'^n (n = 1 or 8) and their Karatsuba folds,
 * 16 bytes each: secret, wiped after each call. */
typedef struct htab {
    uint64_t e[32]; /* power i at e[4(i-1)], its fold at e[4(i-1) + 2] */
    unsigned n;
} htab;

/* Hash-key power i (1..8) and its Karatsuba fold. */
#define HP(hk, i) LOADU((hk)->e + 4 * ((i)-1))
#define HK(hk, i) LOADU((hk)->e + 4 * ((i)-1) + 2)

TERN_X86_TARGET static __m128i aes_block(const uint64_t *ek, unsigned nr, __m128i x)
{
    unsigned r;
    x = _mm_xor_si128(x, RK(0));
    for (r = 1; r < nr; r++) {
        x = _mm_aesenc_si128(x, RK(r));
    }
    return _mm_aesenclast_si128(x, RK(nr));
}

/* see src/crypto/aead/gcm_internal.h */
TERN_X86_TARGET void tern_gcm_x86ni_hkey(uint8_t hkey[16], const uint64_t *ek, unsigned nrounds)
{
    __m128i h = aes_block(ek, nrounds, _mm_setzero_si128());
    STOREU(hkey, ghx_key(ghx_bswap(h)));
}

/* The first n powers of the hash key (1 for calls that only hash block
 * by block, 8 for the eight-block loops). */
TERN_X86_TARGET static void htab_init(htab *t, const uint8_t hkey[16], unsigned n)
{
    __m128i h = LOADU(hkey), p = h;
    unsigned i;

    for (i = 0; i < n; i++) {
        if (i > 0) {
            p = ghx_mul(p, h);
        }
        STOREU(t->e + 4 * i, p);
        STOREU(t->e + 4 * i + 2, ghx_fold(p));
    }
    t->n = n;
}

/* Wipes the powers written. */
static void htab_wipe(htab *t)
{
    tern_wipe(t->e, 32 * t->n);
}

/* y * H for one block (y already XORed with the data). */
TERN_X86_TARGET static __m128i mul_h(const htab *hk, __m128i y)
{
    ghash_acc a;
    ghx_acc_init(&a);
    ghx_acc_mul(&a, y, HP(hk, 1), HK(hk, 1));
    return ghx_reduce(&a);
}

/* Eight blocks, byte-reversed, into y with one reduction. */
TERN_X86_TARGET static __m128i hash8(const htab *hk, __m128i y, const __m128i *x)
{
    ghash_acc a;
    unsigned j;
    ghx_acc_init(&a);
    ghx_acc_mul(&a, _mm_xor_si128(y, x[0]), HP(hk, 8), HK(hk, 8));
    for (j = 1; j < 8; j++) {
        ghx_acc_mul(&a, x[j], HP(hk, 8 - j), HK(hk, 8 - j));
    }
    return ghx_reduce(&a);
}

/* GHASH over len bytes (last block zero-padded), continuing from y. */
TERN_X86_TARGET static __m128i hash_bytes(const htab *hk, __m128i y, const uint8_t *p, size_t len)
{
    unsigned j;
    while (len >= 128) {
        __m128i x[8];
        for (j = 0; j < 8; j++) {
            x[j] = ghx_bswap(LOADU(p + 16 * j));
        }
        y = hash8(hk, y, x);
        p += 128;
        len -= 128;
    }
    while (len >= 16) {
        y = mul_h(hk, _mm_xor_si128(y, ghx_bswap(LOADU(p))));
        p += 16;
        len -= 16;
    }
    if (len > 0) {
        uint8_t last[16];
        memset(last, 0, sizeof(last));
        memcpy(last, p, len);
        y = mul_h(hk, _mm_xor_si128(y, ghx_bswap(LOADU(last))));
        tern_wipe(last, sizeof(last));
    }
    return y;
}

/* J0, byte-reversed (SP 800-38D 7.1 step 2). */
TERN_X86_TARGET static __m128i pre_counter(const htab *hk, const uint8_t *iv, size_t iv_len)
{
    __m128i y;
    if (iv_len == 12) {
        uint8_t j0[16];
        memcpy(j0, iv, 12);
        j0[12] = 0;
        j0[13] = 0;
        j0[14] = 0;
        j0[15] = 1;
        return ghx_bswap(LOADU(j0));
    }
    y = hash_bytes(hk, _mm_setzero_si128(), iv, iv_len);
    /* [0]64 || [len(IV)]64, already in byte-reversed form */
    y = _mm_xor_si128(y, _mm_set_epi64x(0, (long long)((uint64_t)iv_len * 8)));
    return mul_h(hk, y);
}

/* The full 16-byte tag from the running hash y and J0. */
TERN_X86_TARGET static void finish(const uint64_t *ek, unsigned nr, const htab *hk, __m128i y,
                                   __m128i j0, size_t aad_len, size_t len, uint8_t full[16])
{
    __m128i lens =
        _mm_set_epi64x((long long)((uint64_t)aad_len * 8), (long long)((uint64_t)len * 8));
    __m128i s = aes_block(ek, nr, ghx_bswap(j0));
    y = mul_h(hk, _mm_xor_si128(y, lens));
    STOREU(full, _mm_xor_si128(ghx_bswap(y), s));
}

/* One GHASH term of an eight-block group: acc += t * H^i. */
#define GH_TERM(acc, t, i)                                                                         \
    do {                                                                                           \
        (acc).lo = _mm_xor_si128((acc).lo, _mm_clmulepi64_si128((t), HP(hk, i), 0x00));            \
        (acc).hi = _mm_xor_si128((acc).hi, _mm_clmulepi64_si128((t), HP(hk, i), 0x11));            \
        (acc).mid = _mm_xor_si128((acc).mid, _mm_clmulepi64_si128(ghx_fold(t), HK(hk, i), 0x00));  \
    } while (0)

#define ROUND8(f, k)                                                                               \
    do {                                                                                           \
        x0 = f(x0, k);                                                                             \
        x1 = f(x1, k);                                                                             \
        x2 = f(x2, k);                                                                             \
        x3 = f(x3, k);                                                                             \
        x4 = f(x4, k);                                                                             \
        x5 = f(x5, k);                                                                             \
        x6 = f(x6, k);                                                                             \
        x7 = f(x7, k);                                                                             \
    } while (0)

/* XORs key stream block x into the 16 bytes at p and returns the block to
 * hash (the ciphertext: the output when encrypting, the input when
 * decrypting), byte-reversed. */
#define XOR_OUT(x, p, decrypt, bs)                                                                 \
    ((decrypt) ? _mm_shuffle_epi8(xor_store((x), (p)), (bs))                                       \
               : _mm_shuffle_epi8(xor_store_out((x), (p)), (bs)))

GHX_INLINE __m128i xor_store(__m128i x, uint8_t *p)
{
    __m128i in = LOADU(p);
    STOREU(p, _mm_xor_si128(x, in));
    return in;
}

GHX_INLINE __m128i xor_store_out(__m128i x, uint8_t *p)
{
    __m128i out = _mm_xor_si128(x, LOADU(p));
    STOREU(p, out);
    return out;
}

/* The bulk loop: n groups of eight blocks from counter cb + 1. Written
 * out by hand (eight named registers) so that no block state goes
 * through memory between rounds. decrypt is a constant at each call. */
GHX_INLINE __m128i bulk8(const uint64_t *ek, const unsigned nr, const htab *hk, __m128i y,
                         __m128i *cbp, uint8_t *buf, size_t n, const int decrypt)
{
    const __m128i bs = _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    __m128i cb = *cbp;

    for (; n > 0; n--, buf += 128) {
        __m128i x0, x1, x2, x3, x4, x5, x6, x7, k;
        ghash_acc a;
        unsigned r;

        k = RK(0);
        x0 = _mm_xor_si128(_mm_shuffle_epi8(_mm_add_epi32(cb, _mm_set_epi32(0, 0, 0, 1)), bs), k);
        x1 = _mm_xor_si128(_mm_shuffle_epi8(_mm_add_epi32(cb, _mm_set_epi32(0, 0, 0, 2)), bs), k);
        x2 = _mm_xor_si128(_mm_shuffle_epi8(_mm_add_epi32(cb, _mm_set_epi32(0, 0, 0, 3)), bs), k);
        x3 = _mm_xor_si128(_mm_shuffle_epi8(_mm_add_epi32(cb, _mm_set_epi32(0, 0, 0, 4)), bs), k);
        x4 = _mm_xor_si128(_mm_shuffle_epi8(_mm_add_epi32(cb, _mm_set_epi32(0, 0, 0, 5)), bs), k);
        x5 = _mm_xor_si128(_mm_shuffle_epi8(_mm_add_epi32(cb, _mm_set_epi32(0, 0, 0, 6)), bs), k);
        x6 = _mm_xor_si128(_mm_shuffle_epi8(_mm_add_epi32(cb, _mm_set_epi32(0, 0, 0, 7)), bs), k);
        cb = _mm_add_epi32(cb, _mm_set_epi32(0, 0, 0, 8));
        x7 = _mm_xor_si128(_mm_shuffle_epi8(cb, bs), k);
        for (r = 1; r < nr; r++) {
            k = RK(r);
            ROUND8(_mm_aesenc_si128, k);
        }
        k = RK(nr);
        ROUND8(_mm_aesenclast_si128, k);

        /* x0..x7 become the blocks to hash */
        x0 = XOR_OUT(x0, buf, decrypt, bs);
        x1 = XOR_OUT(x1, buf + 16, decrypt, bs);
        x2 = XOR_OUT(x2, buf + 32, decrypt, bs);
        x3 = XOR_OUT(x3, buf + 48, decrypt, bs);
        x4 = XOR_OUT(x4, buf + 64, decrypt, bs);
        x5 = XOR_OUT(x5, buf + 80, decrypt, bs);
        x6 = XOR_OUT(x6, buf + 96, decrypt, bs);
        x7 = XOR_OUT(x7, buf + 112, decrypt, bs);

        ghx_acc_init(&a);
        GH_TERM(a, _mm_xor_si128(y, x0), 8);
        GH_TERM(a, x1, 7);
        GH_TERM(a, x2, 6);
        GH_TERM(a, x3, 5);
        GH_TERM(a, x4, 4);
        GH_TERM(a, x5, 3);
        GH_TERM(a, x6, 2);
        GH_TERM(a, x7, 1);
        y = ghx_reduce(&a);
    }
    *cbp = cb;
    return y;
}

/* Encrypts (decrypt = 0) or decrypts buf in CTR mode from cb + 1 and
 * hashes the ciphertext into y. */
TERN_X86_TARGET static __m128i ctr_hash(const uint64_t *ek, unsigned nr, const htab *hk, __m128i y,
                                        __m128i cb, uint8_t *buf, size_t len, const int decrypt)
{
    if (len >= 128) {
        if (decrypt) {
            y = bulk8(ek, nr, hk, y, &cb, buf, len / 128, 1);
        } else {
            y = bulk8(ek, nr, hk, y, &cb, buf, len / 128, 0);
        }
        buf += len & ~(size_t)127;
        len &= 127;
    }
    while (len > 0) {
        uint8_t blk[16];
        size_t n = len < 16 ? len : 16;
        __m128i ks, c;
        cb = _mm_add_epi32(cb, _mm_set_epi32(0, 0, 0, 1));
        ks = aes_block(ek, nr, ghx_bswap(cb));
        memset(blk, 0, sizeof(blk));
        memcpy(blk, buf, n);
        c = LOADU(blk);
        STOREU(blk, _mm_xor_si128(c, ks));
        memcpy(buf, blk, n);
        if (!decrypt) {
            /* hash the ciphertext with zero padding, not the key stream
             * that the XOR left in the tail of blk */
            memset(blk + n, 0, 16 - n);
            c = LOADU(blk);
        }
        y = mul_h(hk, _mm_xor_si128(y, ghx_bswap(c)));
        tern_wipe(blk, sizeof(blk));
        buf += n;
        len -= n;
    }
    return y;
}

/* The powers a call needs: eight when something it hashes (IV of other
 * than 96 bits, AAD, text) reaches the eight-block loops. */
static unsigned powers_needed(size_t iv_len, size_t aad_len, size_t len)
{
    return (iv_len != 12 && iv_len >= 128) || aad_len >= 128 || len >= 128 ? 8 : 1;
}

/* see src/crypto/aead/gcm_internal.h */
TERN_X86_TARGET void tern_gcm_x86ni_seal(const uint64_t *ek, unsigned nrounds,
                                         const uint8_t hkey[16], const uint8_t *iv, size_t iv_len,
                                         const uint8_t *aad, size_t aad_len, uint8_t *buf,
                                         size_t len, uint8_t *tag, size_t tag_len)
{
    uint8_t full[16];
    htab t;
    __m128i j0, y;

    htab_init(&t, hkey, powers_needed(iv_len, aad_len, len));
    j0 = pre_counter(&t, iv, iv_len);
    y = hash_bytes(&t, _mm_setzero_si128(), aad, aad_len);
    y = ctr_hash(ek, nrounds, &t, y, j0, buf, len, 0);
    finish(ek, nrounds, &t, y, j0, aad_len, len, full);
    memcpy(tag, full, tag_len);
    tern_wipe(full, sizeof(full));
    htab_wipe(&t);
}

/* Keeps or zeroes buf, sixteen bytes at a time (see aead_internal.h). */
TERN_X86_TARGET static void mask_buf(uint32_t ok, uint8_t *buf, size_t len)
{
    __m128i m = _mm_set1_epi32(-(int)tern_ct_barrier(ok));
    while (len >= 16) {
        STOREU(buf, _mm_and_si128(LOADU(buf), m));
        buf += 16;
        len -= 16;
    }
    tern_aead_mask(ok, buf, len);
}

/* see src/crypto/aead/gcm_internal.h */
TERN_X86_TARGET int tern_gcm_x86ni_open(const uint64_t *ek, unsigned nrounds,
                                        const uint8_t hkey[16], const uint8_t *iv, size_t iv_len,
                                        const uint8_t *aad, size_t aad_len, uint8_t *buf,
                                        size_t len, const uint8_t *tag, size_t tag_len)
{
    uint8_t full[16];
    uint32_t ok;
    htab t;
    __m128i j0, y;

    htab_init(&t, hkey, powers_needed(iv_len, aad_len, len));
    j0 = pre_counter(&t, iv, iv_len);
    y = hash_bytes(&t, _mm_setzero_si128(), aad, aad_len);
    y = ctr_hash(ek, nrounds, &t, y, j0, buf, len, 1);
    finish(ek, nrounds, &t, y, j0, aad_len, len, full);
    ok = tern_ct_memeq(full, tag, tag_len);
    mask_buf(ok, buf, len);
    tern_wipe(full, sizeof(full));
    htab_wipe(&t);
    return tern_aead_result(ok);
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_gcm_x86ni_unused_;
#endif
