/*
 * The bitsliced AES classes keep their round keys in compact form and
 * expand them once per call (src/crypto/cipher/aes_ct64.c): the context
 * sizes stay within the memory budget, calls of every length (across the
 * four-block passes and the CTR batch of ctr32.c) give the same blocks as
 * the FIPS 197 appendix C examples and as each other, and bad key lengths
 * leave the context untouched.
 */
#include <string.h>

#include "tern/aead.h"
#include "tern/cipher.h"
#include "tern_test.h"

#if TERN_CONFIG_AES_CT

/* FIPS 197, appendix C: plaintext 00112233..ff, key 000102..(16/24/32
 * bytes); the ciphertexts of C.1, C.2 and C.3. */
static const uint8_t fips_ct[3][16] = {
    {0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30, 0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5,
     0x5a},
    {0xdd, 0xa9, 0x7c, 0xa4, 0x86, 0x4c, 0xdf, 0xe0, 0x6e, 0xaf, 0x70, 0xa0, 0xec, 0x0d, 0x71,
     0x91},
    {0x8e, 0xa2, 0xb7, 0xca, 0x51, 0x67, 0x45, 0xbf, 0xea, 0xfc, 0x49, 0x90, 0x4b, 0x49, 0x60,
     0x89},
};

#define MAX_BLOCKS 41

static const tern_block_class *const classes[] = {
#if TERN_CONFIG_WORD_BITS == 64
    &tern_aes_ct64_class,
#endif
    &tern_aes_ct32_class,
    &tern_aes_ct_class,
    &tern_aes_ct_enc_class,
};
#define NCLASSES (sizeof(classes) / sizeof(classes[0]))

/* 240 bytes of round keys for AES-256 plus the class pointer and the
 * round count: a quarter of the former expanded schedule. */
static void test_sizes(void)
{
    size_t i;
#if TERN_CONFIG_WORD_BITS == 64
    EXPECT_TRUE(sizeof(tern_aes_ct64_ctx) <= 256);
#endif
    EXPECT_TRUE(sizeof(tern_aes_ct32_ctx) <= 256);
    for (i = 0; i < NCLASSES; i++) {
        EXPECT_TRUE(classes[i]->ctx_size <= 256);
        EXPECT_TRUE(classes[i]->ctx_size <= sizeof(tern_block_ctx));
    }
    EXPECT_TRUE(tern_aead_aes128_gcm_ct.ctx_size <= TERN_AEAD_CTX_MAX);
}

/* Every call length from 1 to MAX_BLOCKS blocks, each block the FIPS 197
 * example, for each key length; decryption (where the class has it)
 * gives the plaintext back. */
static void test_fips_every_length(void)
{
    uint8_t key[32], pt[16], buf[16 * MAX_BLOCKS];
    tern_block_ctx ctx;
    size_t c, k, n, i;

    for (i = 0; i < 32; i++) {
        key[i] = (uint8_t)i;
    }
    for (i = 0; i < 16; i++) {
        pt[i] = (uint8_t)(0x11 * i);
    }
    for (c = 0; c < NCLASSES; c++) {
        for (k = 0; k < 3; k++) {
            EXPECT_OK(classes[c]->init(&ctx.vtable, key, 16 + 8 * k));
            for (n = 1; n <= MAX_BLOCKS; n++) {
                int enc_ok = 1, dec_ok = 1;
                for (i = 0; i < n; i++) {
                    memcpy(buf + 16 * i, pt, 16);
                }
                ctx.vtable->encrypt(&ctx.vtable, buf, n);
                for (i = 0; i < n; i++) {
                    enc_ok &= memcmp(buf + 16 * i, fips_ct[k], 16) == 0;
                }
                EXPECT_TRUE(enc_ok);
                if (ctx.vtable->decrypt != NULL) {
                    ctx.vtable->decrypt(&ctx.vtable, buf, n);
                    for (i = 0; i < n; i++) {
                        dec_ok &= memcmp(buf + 16 * i, pt, 16) == 0;
                    }
                    EXPECT_TRUE(dec_ok);
                }
            }
            tern_block_wipe(&ctx.vtable);
        }
    }
}

/* CTR over lengths around the batch sizes agrees between the classes. */
static void test_ctr_lengths(void)
{
    static const size_t lens[] = {1, 15, 16, 17, 127, 128, 129, 255, 256, 257, 511, 512, 513, 2000};
    uint8_t key[32], ref[2000], got[2000], ctr_ref[16], ctr_got[16];
    tern_block_ctx a, b;
    size_t c, l, i;

    for (i = 0; i < sizeof(key); i++) {
        key[i] = (uint8_t)(7 * i + 1);
    }
    for (c = 1; c < NCLASSES; c++) {
        EXPECT_OK(classes[0]->init(&a.vtable, key, 32));
        EXPECT_OK(classes[c]->init(&b.vtable, key, 32));
        for (l = 0; l < sizeof(lens) / sizeof(lens[0]); l++) {
            memset(ref, 0x5a, sizeof(ref));
            memset(got, 0x5a, sizeof(got));
            memset(ctr_ref, 0xfe, sizeof(ctr_ref)); /* counter wraps */
            memcpy(ctr_got, ctr_ref, sizeof(ctr_ref));
            tern_ctr32_xor(&a.vtable, ctr_ref, ref, lens[l]);
            tern_ctr32_xor(&b.vtable, ctr_got, got, lens[l]);
            EXPECT_MEM_EQ(got, ref, sizeof(ref));
            EXPECT_MEM_EQ(ctr_got, ctr_ref, sizeof(ctr_ref));
        }
        tern_block_wipe(&a.vtable);
        tern_block_wipe(&b.vtable);
    }
}

/* Bad key lengths: TERN_ERR_BAD_LENGTH and the context is not written. */
static void test_bad_key_length(void)
{
    static const size_t bad[] = {0, 8, 15, 17, 23, 25, 31, 33, 64};
    uint8_t key[64];
    tern_block_ctx ctx, before;
    size_t c, i;

    memset(key, 0x42, sizeof(key));
    for (c = 0; c < NCLASSES; c++) {
        for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
            memset(&ctx, 0xa5, sizeof(ctx));
            memcpy(&before, &ctx, sizeof(ctx));
            EXPECT_ERR(TERN_ERR_BAD_LENGTH, classes[c]->init(&ctx.vtable, key, bad[i]));
            EXPECT_MEM_EQ(&ctx, &before, sizeof(ctx));
        }
    }
}

int main(void)
{
    RUN_TEST(test_sizes);
    RUN_TEST(test_fips_every_length);
    RUN_TEST(test_ctr_lengths);
    RUN_TEST(test_bad_key_length);
    return TEST_REPORT();
}

#else
int main(void)
{
    printf("SKIP all: TERN_CONFIG_AES_CT is off\n");
    return 77;
}
#endif
