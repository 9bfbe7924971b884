/*
 * ChaCha20 (RFC 8439 2.1 to 2.4), portable C, and the choice of
 * implementation behind tern_chacha20_xor.
 *
 * The state is 16 little-endian 32-bit words; a block is 20 rounds (10
 * column rounds, each followed by a diagonal round) of add, xor and
 * constant rotations, then the input added back. Nothing depends on the
 * data, so the code is constant-time as written.
 */
#include "tern/config.h"

#if TERN_CONFIG_CHACHA20

#include <string.h>

#include "common/endian_internal.h"
#include "crypto/chacha/chacha_internal.h"
#include "tern/chacha.h"
#include "tern/util.h"

#define ROTL32(v, n) (((v) << (n)) | ((v) >> (32 - (n))))

/* RFC 8439 2.1: the quarter round on four state words. */
#define QR(a, b, c, d)                                                         \
    do {                                                                       \
        a += b;                                                                \
        d ^= a;                                                                \
        d = ROTL32(d, 16);                                                     \
        c += d;                                                                \
        b ^= c;                                                                \
        b = ROTL32(b, 12);                                                     \
        a += b;                                                                \
        d ^= a;                                                                \
        d = ROTL32(d, 8);                                                      \
        c += d;                                                                \
        b ^= c;                                                                \
        b = ROTL32(b, 7);                                                      \
    } while (0)

/* see src/crypto/chacha/chacha_internal.h */
void tern_chacha20_state_init(uint32_t st[16], const uint8_t key[32], const uint8_t nonce[12],
                              uint32_t counter)
{
    unsigned i;

    /* "expand 32-byte k" (RFC 8439 2.3) */
    st[0] = 0x61707865u;
    st[1] = 0x3320646eu;
    st[2] = 0x79622d32u;
    st[3] = 0x6b206574u;
    for (i = 0; i < 8; i++) {
        st[4 + i] = tern_load_le32(key + 4 * i);
    }
    st[12] = counter;
    st[13] = tern_load_le32(nonce);
    st[14] = tern_load_le32(nonce + 4);
    st[15] = tern_load_le32(nonce + 8);
}

/* p[i] ^= key stream word i of block st, little-endian (RFC 8439 2.3:
 * the rounds' output plus the input). */
#define XOR_WORD(i, x)                                                         \
    tern_store_le32(p + 4 * (i), tern_load_le32(p + 4 * (i)) ^ ((x) + st[i]))

/* XORs the 64-byte key stream block of st into p. The working words are
 * locals and go straight into the data, so the key stream is never
 * stored apart (beyond what the compiler spills). */
static void block_xor64(const uint32_t st[16], uint8_t p[64])
{
    uint32_t x0 = st[0], x1 = st[1], x2 = st[2], x3 = st[3];
    uint32_t x4 = st[4], x5 = st[5], x6 = st[6], x7 = st[7];
    uint32_t x8 = st[8], x9 = st[9], x10 = st[10], x11 = st[11];
    uint32_t x12 = st[12], x13 = st[13], x14 = st[14], x15 = st[15];
    int i;

    for (i = 0; i < 10; i++) {
        /* column round */
        QR(x0, x4, x8, x12);
        QR(x1, x5, x9, x13);
        QR(x2, x6, x10, x14);
        QR(x3, x7, x11, x15);
        /* diagonal round */
        QR(x0, x5, x10, x15);
        QR(x1, x6, x11, x12);
        QR(x2, x7, x8, x13);
        QR(x3, x4, x9, x14);
    }
    XOR_WORD(0, x0);
    XOR_WORD(1, x1);
    XOR_WORD(2, x2);
    XOR_WORD(3, x3);
    XOR_WORD(4, x4);
    XOR_WORD(5, x5);
    XOR_WORD(6, x6);
    XOR_WORD(7, x7);
    XOR_WORD(8, x8);
    XOR_WORD(9, x9);
    XOR_WORD(10, x10);
    XOR_WORD(11, x11);
    XOR_WORD(12, x12);
    XOR_WORD(13, x13);
    XOR_WORD(14, x14);
    XOR_WORD(15, x15);
}

/* see src/crypto/chacha/chacha_internal.h */
void tern_chacha20_block(const uint32_t st[16], uint8_t out[64])
{
    memset(out, 0, 64);
    block_xor64(st, out);
}

/* see src/crypto/chacha/chacha_internal.h */
void tern_chacha20_xor_portable(uint32_t st[16], uint8_t *data, size_t len)
{
    while (len >= 64) {
        block_xor64(st, data);
        st[12]++;
        data += 64;
        len -= 64;
    }
    if (len > 0) {
        /* RFC 8439 2.4: the unused rest of the last block is discarded.
         * tmp ends up holding that rest of the key stream: wiped. */
        uint8_t tmp[64];
        memcpy(tmp, data, len);
        memset(tmp + len, 0, sizeof(tmp) - len);
        block_xor64(st, tmp);
        memcpy(data, tmp, len);
        st[12]++;
        tern_wipe(tmp, sizeof(tmp));
    }
}

/* see src/crypto/chacha/chacha_internal.h */
tern_chacha20_xor_fn *tern_chacha20_xor_impl(void)
{
#if TERN_CONFIG_CHACHA20_X86
    if (tern_chacha20_avx2_supported()) {
        return tern_chacha20_xor_avx2;
    }
#endif
    return tern_chacha20_xor_portable;
}

/* see include/tern/chacha.h */
void tern_chacha20_xor(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                       uint8_t *data, size_t len)
{
    uint32_t st[16];

    if (len == 0) {
        return;
    }
    tern_chacha20_state_init(st, key, nonce, counter);
    tern_chacha20_xor_impl()(st, data, len);
    tern_wipe(st, sizeof(st));
}

#else
typedef int tern_chacha20_unused;
#endif /* TERN_CONFIG_CHACHA20 */
