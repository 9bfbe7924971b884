/*
 * The AEAD classes (AES-GCM, AES-GCM _ct, AES-CCM, AES-CCM_8): sizes and
 * flags, seal/open round trips in place, rejection of any modified tag,
 * AAD, ciphertext or nonce (with the buffer zeroed), agreement between
 * the accelerated and portable GCM classes, and wiping.
 */
#include <string.h>

#include "tern/aead.h"
#include "tern/util.h"
#include "tern_test.h"

#if TERN_CONFIG_AES_CT || TERN_CONFIG_AES_X86NI

static const tern_aead_class *const classes[] = {
    &tern_aead_aes128_gcm,    &tern_aead_aes256_gcm,    &tern_aead_aes128_ccm,
    &tern_aead_aes128_ccm8,   &tern_aead_aes256_ccm,    &tern_aead_aes256_ccm8,
#if TERN_CONFIG_AES_CT
    &tern_aead_aes128_gcm_ct, &tern_aead_aes256_gcm_ct,
#endif
};
#define NCLASSES (sizeof(classes) / sizeof(classes[0]))

static uint32_t rng_state = 0x2545f491u;

static void fill(uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        rng_state = rng_state * 1664525u + 1013904223u;
        p[i] = (uint8_t)(rng_state >> 24);
    }
}

static int all_zero(const uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (p[i] != 0) {
            return 0;
        }
    }
    return 1;
}

static void test_properties(void)
{
    size_t i;
    for (i = 0; i < NCLASSES; i++) {
        const tern_aead_class *c = classes[i];
        EXPECT_TRUE(c->ctx_size <= TERN_AEAD_CTX_MAX);
        EXPECT_TRUE(c->key_len == 16 || c->key_len == 32);
        EXPECT_EQ(c->nonce_len, 12);
        EXPECT_TRUE(c->tag_len == 16 || c->tag_len == 8);
        EXPECT_TRUE((c->flags & TERN_AEAD_CONSTANT_TIME) != 0);
        EXPECT_TRUE(c->name != NULL && c->init != NULL && c->seal != NULL && c->open != NULL);
    }
    EXPECT_EQ(tern_aead_aes128_ccm8.tag_len, 8);
    EXPECT_EQ(tern_aead_aes256_gcm.key_len, 32);
}

static void test_round_trip(void)
{
    static uint8_t pt[5000], buf[5000];
    uint8_t key[32], nonce[12], aad[40], tag[16];
    size_t i, len;

    for (i = 0; i < NCLASSES; i++) {
        const tern_aead_class *c = classes[i];
        tern_aead_ctx ctx;
        fill(key, sizeof(key));
        EXPECT_OK(c->init(&ctx.vtable, key));
        EXPECT_TRUE(ctx.vtable == c);
        for (len = 0; len < 5000; len = len * 3 + 1) {
            size_t aad_len = len % 41;
            fill(nonce, 12);
            fill(aad, aad_len);
            fill(pt, len);
            memcpy(buf, pt, len);
            EXPECT_OK(ctx.vtable->seal(&ctx.vtable, nonce, aad, aad_len, buf, len, tag));
            EXPECT_TRUE(len < 16 || memcmp(buf, pt, len) != 0);
            EXPECT_OK(ctx.vtable->open(&ctx.vtable, nonce, aad, aad_len, buf, len, tag));
            EXPECT_MEM_EQ(buf, pt, len);
        }
        tern_aead_wipe(&ctx.vtable);
    }
}

/* Flip one bit anywhere (tag, AAD, ciphertext, nonce): BAD_MAC and zeroes. */
static void test_tamper(void)
{
    uint8_t key[32], nonce[12], aad[20], pt[37], sealed[37], buf[37], tag[16], t2[16];
    size_t i, pos;

    for (i = 0; i < NCLASSES; i++) {
        const tern_aead_class *c = classes[i];
        tern_aead_ctx ctx;
        size_t tl = c->tag_len;
        fill(key, sizeof(key));
        fill(nonce, sizeof(nonce));
        fill(aad, sizeof(aad));
        fill(pt, sizeof(pt));
        EXPECT_OK(c->init(&ctx.vtable, key));
        memcpy(sealed, pt, sizeof(pt));
        EXPECT_OK(ctx.vtable->seal(&ctx.vtable, nonce, aad, sizeof(aad), sealed, sizeof(pt), tag));
        for (pos = 0; pos < 8 * tl; pos += 3) {
            memcpy(buf, sealed, sizeof(buf));
            memcpy(t2, tag, tl);
            t2[pos / 8] ^= (uint8_t)(1u << (pos % 8));
            EXPECT_ERR(TERN_ERR_BAD_MAC, ctx.vtable->open(&ctx.vtable, nonce, aad, sizeof(aad), buf,
                                                          sizeof(buf), t2));
            EXPECT_TRUE(all_zero(buf, sizeof(buf)));
        }
        for (pos = 0; pos < sizeof(aad); pos++) {
            memcpy(buf, sealed, sizeof(buf));
            aad[pos] ^= 0x01;
            EXPECT_ERR(TERN_ERR_BAD_MAC, ctx.vtable->open(&ctx.vtable, nonce, aad, sizeof(aad), buf,
                                                          sizeof(buf), tag));
            aad[pos] ^= 0x01;
            EXPECT_TRUE(all_zero(buf, sizeof(buf)));
        }
        /* dropping the AAD altogether */
        memcpy(buf, sealed, sizeof(buf));
        EXPECT_ERR(TERN_ERR_BAD_MAC,
                   ctx.vtable->open(&ctx.vtable, nonce, NULL, 0, buf, sizeof(buf), tag));
        for (pos = 0; pos < sizeof(sealed); pos++) {
            memcpy(buf, sealed, sizeof(buf));
            buf[pos] ^= 0x80;
            EXPECT_ERR(TERN_ERR_BAD_MAC, ctx.vtable->open(&ctx.vtable, nonce, aad, sizeof(aad), buf,
                                                          sizeof(buf), tag));
            EXPECT_TRUE(all_zero(buf, sizeof(buf)));
        }
        /* truncated ciphertext */
        memcpy(buf, sealed, sizeof(buf));
        EXPECT_ERR(TERN_ERR_BAD_MAC, ctx.vtable->open(&ctx.vtable, nonce, aad, sizeof(aad), buf,
                                                      sizeof(buf) - 1, tag));
        for (pos = 0; pos < sizeof(nonce); pos++) {
            memcpy(buf, sealed, sizeof(buf));
            nonce[pos] ^= 0x10;
            EXPECT_ERR(TERN_ERR_BAD_MAC, ctx.vtable->open(&ctx.vtable, nonce, aad, sizeof(aad), buf,
                                                          sizeof(buf), tag));
            nonce[pos] ^= 0x10;
        }
        /* and the untouched record still opens */
        memcpy(buf, sealed, sizeof(buf));
        EXPECT_OK(ctx.vtable->open(&ctx.vtable, nonce, aad, sizeof(aad), buf, sizeof(buf), tag));
        EXPECT_MEM_EQ(buf, pt, sizeof(pt));
        tern_aead_wipe(&ctx.vtable);
    }
}

/* The accelerated and portable GCM classes are the same function; a
 * record sealed by one opens with the other. */
static void test_gcm_variants_agree(void)
{
#if TERN_CONFIG_AES_CT
    static uint8_t a[20000], b[20000];
    uint8_t key[32], nonce[12], aad[13], ta[16], tb[16];
    size_t k, len;

    for (k = 0; k < 2; k++) {
        const tern_aead_class *fast = k ? &tern_aead_aes256_gcm : &tern_aead_aes128_gcm;
        const tern_aead_class *ct = k ? &tern_aead_aes256_gcm_ct : &tern_aead_aes128_gcm_ct;
        tern_aead_ctx cf, cc;
        fill(key, sizeof(key));
        EXPECT_OK(fast->init(&cf.vtable, key));
        EXPECT_OK(ct->init(&cc.vtable, key));
        for (len = 0; len <= 20000; len += 997) {
            fill(nonce, 12);
            fill(aad, 13);
            fill(a, len);
            memcpy(b, a, len);
            EXPECT_OK(cf.vtable->seal(&cf.vtable, nonce, aad, 13, a, len, ta));
            EXPECT_OK(cc.vtable->seal(&cc.vtable, nonce, aad, 13, b, len, tb));
            EXPECT_MEM_EQ(a, b, len);
            EXPECT_MEM_EQ(ta, tb, 16);
            EXPECT_OK(cc.vtable->open(&cc.vtable, nonce, aad, 13, a, len, ta));
            EXPECT_OK(cf.vtable->open(&cf.vtable, nonce, aad, 13, b, len, tb));
            EXPECT_MEM_EQ(a, b, len);
        }
        tern_aead_wipe(&cf.vtable);
        tern_aead_wipe(&cc.vtable);
    }
#else
    TEST_SKIP("TERN_CONFIG_AES_CT is off: no portable GCM class");
#endif
}

static void test_wipe_and_args(void)
{
    uint8_t key[32], nonce[12], buf[8], tag[16];
    size_t i, j;

    memset(key, 9, sizeof(key));
    memset(nonce, 1, sizeof(nonce));
    for (i = 0; i < NCLASSES; i++) {
        tern_aead_ctx ctx;
        EXPECT_OK(classes[i]->init(&ctx.vtable, key));
        EXPECT_ERR(TERN_ERR_USAGE, ctx.vtable->seal(&ctx.vtable, NULL, NULL, 0, buf, 8, tag));
        EXPECT_ERR(TERN_ERR_USAGE, ctx.vtable->seal(&ctx.vtable, nonce, NULL, 4, buf, 8, tag));
        EXPECT_ERR(TERN_ERR_USAGE, ctx.vtable->open(&ctx.vtable, nonce, NULL, 0, NULL, 8, tag));
        tern_aead_wipe(&ctx.vtable);
        for (j = 0; j < classes[i]->ctx_size; j++) {
            if (ctx.bytes[j] != 0) {
                break;
            }
        }
        EXPECT_EQ_U(j, classes[i]->ctx_size);
    }
    tern_aead_wipe(NULL);
}

int main(void)
{
    if (tern_aes_get() == NULL) {
        printf("SKIP all: no AES in this build and CPU\n");
        return 77;
    }
    RUN_TEST(test_properties);
    RUN_TEST(test_round_trip);
    RUN_TEST(test_tamper);
    RUN_TEST(test_gcm_variants_agree);
    RUN_TEST(test_wipe_and_args);
    return TEST_REPORT();
}

#else

static void test_no_aes(void)
{
    TEST_SKIP("no AES in this build (TERN_CONFIG_AES_CT and TERN_CONFIG_AES_X86NI off)");
}

int main(void)
{
    RUN_TEST(test_no_aes);
    return TEST_REPORT();
}

#endif
