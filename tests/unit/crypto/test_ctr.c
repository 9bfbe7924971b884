/*
 * tern_ctr32_xor: the key stream is E(ctr), E(ctr + 1), ... with only the
 * last four bytes counting (modulo 2^32), a partial block still advances
 * the counter, and chunked calls equal one call.
 */
#include <string.h>

#include "tern/cipher.h"
#include "tern/util.h"
#include "tern_test.h"

static void keystream_block(const tern_block_class *const *bc, const uint8_t ctr[16],
                            uint8_t out[16])
{
    memcpy(out, ctr, 16);
    (*bc)->encrypt(bc, out, 1);
}

static void test_counter(void)
{
    uint8_t key[16], ctr[16], c0[16], blk[16], data[16 * 20], ks[16];
    tern_block_ctx bctx;
    const tern_block_class *const *bc = (const tern_block_class *const *)&bctx.vtable;
    size_t i;

    memset(key, 0x3c, sizeof(key));
    EXPECT_OK(tern_aes_get()->init(&bctx.vtable, key, 16));
    /* start 3 below the wrap: blocks use ff..fd, ff..fe, ff..ff, 0, 1, ... */
    for (i = 0; i < 12; i++) {
        c0[i] = (uint8_t)(0xA0 + i);
    }
    c0[12] = c0[13] = c0[14] = 0xFF;
    c0[15] = 0xFD;
    memcpy(ctr, c0, 16);
    memset(data, 0, sizeof(data));
    tern_ctr32_xor(bc, ctr, data, sizeof(data));
    for (i = 0; i < 20; i++) {
        uint32_t n = 0xFFFFFFFDu + (uint32_t)i;
        memcpy(blk, c0, 12);
        blk[12] = (uint8_t)(n >> 24);
        blk[13] = (uint8_t)(n >> 16);
        blk[14] = (uint8_t)(n >> 8);
        blk[15] = (uint8_t)n;
        keystream_block(bc, blk, ks);
        EXPECT_MEM_EQ(data + 16 * i, ks, 16);
    }
    /* counter after 20 blocks: ...00000011, first 12 bytes untouched */
    EXPECT_MEM_EQ(ctr, c0, 12);
    EXPECT_EQ(ctr[12] | ctr[13] | ctr[14], 0);
    EXPECT_EQ(ctr[15], 0x11);
    tern_block_wipe(&bctx.vtable);
}

static void test_chunks(void)
{
    uint8_t key[32], c0[16], ctr[16], whole[300], part[300];
    tern_block_ctx bctx;
    const tern_block_class *const *bc = (const tern_block_class *const *)&bctx.vtable;
    size_t i, cut;

    for (i = 0; i < sizeof(key); i++) {
        key[i] = (uint8_t)(i * 5);
    }
    for (i = 0; i < 16; i++) {
        c0[i] = (uint8_t)(i * 17);
    }
    for (i = 0; i < sizeof(whole); i++) {
        whole[i] = (uint8_t)(i ^ 0x5a);
    }
    EXPECT_OK(tern_aes_get()->init(&bctx.vtable, key, 32));
    memcpy(part, whole, sizeof(part));
    memcpy(ctr, c0, 16);
    tern_ctr32_xor(bc, ctr, whole, sizeof(whole));
    /* cut at block boundaries: identical */
    for (cut = 0; cut <= sizeof(part); cut += 16) {
        uint8_t p2[300];
        memcpy(p2, part, sizeof(p2));
        memcpy(ctr, c0, 16);
        tern_ctr32_xor(bc, ctr, p2, cut);
        tern_ctr32_xor(bc, ctr, p2 + cut, sizeof(p2) - cut);
        EXPECT_MEM_EQ(p2, whole, sizeof(p2));
    }
    /* a partial block consumes a whole counter value */
    memcpy(ctr, c0, 16);
    tern_ctr32_xor(bc, ctr, part, 5);
    EXPECT_EQ(ctr[15], (uint8_t)(c0[15] + 1));
    tern_ctr32_xor(bc, ctr, part + 5, 0);
    EXPECT_EQ(ctr[15], (uint8_t)(c0[15] + 1));
    EXPECT_MEM_EQ(part, whole, 5);
    tern_block_wipe(&bctx.vtable);
#if TERN_CONFIG_3DES
    {
        /* an 8-byte block class is refused: nothing changes */
        uint8_t k24[24], d[16];
        memset(k24, 1, sizeof(k24));
        memset(d, 0x77, sizeof(d));
        EXPECT_OK(tern_des3_class.init(&bctx.vtable, k24, 24));
        memcpy(ctr, c0, 16);
        tern_ctr32_xor(bc, ctr, d, sizeof(d));
        EXPECT_EQ(d[0], 0x77);
        EXPECT_MEM_EQ(ctr, c0, 16);
        tern_block_wipe(&bctx.vtable);
    }
#endif
}

int main(void)
{
    if (tern_aes_get() == NULL) {
        printf("SKIP all: no AES in this build and CPU\n");
        return 77;
    }
    RUN_TEST(test_counter);
    RUN_TEST(test_chunks);
    return TEST_REPORT();
}
