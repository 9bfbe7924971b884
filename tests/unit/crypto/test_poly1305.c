/*
 * Poly1305 (RFC 8439 2.5): the public incremental and one-shot interface
 * (over the core TERN_CONFIG_WORD_BITS picks) and both cores directly,
 * against the RFC example and Botan's mac/poly1305.vec (which holds the
 * RFC 8439 A.3 edge cases), with the message split at every offset.
 */
#include <stdio.h>

#include "tern/config.h"

#if TERN_CONFIG_CHACHA20

#include <stdlib.h>
#include <string.h>

#include "crypto/chacha/chacha_internal.h"
#include "rfc_dump.h"
#include "tern/chacha.h"
#include "tern_test.h"
#include "tv.h"

/* Drives a core the way poly1305.c does, without buffering. */
static void pad_last(uint8_t blk[16], const uint8_t *m, size_t rem)
{
    memset(blk, 0, 16);
    memcpy(blk, m, rem);
    blk[rem] = 1;
}

static void core32(const uint8_t key[32], const uint8_t *m, size_t len, uint8_t tag[16])
{
    uint32_t st[10];
    uint8_t blk[16];

    tern_poly1305_32_init(st, key);
    if (len / 16 > 0) {
        tern_poly1305_32_blocks(st, m, len / 16, 1);
    }
    if (len % 16 > 0) {
        pad_last(blk, m + len - len % 16, len % 16);
        tern_poly1305_32_blocks(st, blk, 1, 0);
    }
    tern_poly1305_32_finish(st, key + 16, tag);
}

#if TERN_CONFIG_WORD_BITS == 64
static void core64(const uint8_t key[32], const uint8_t *m, size_t len, uint8_t tag[16])
{
    uint64_t st[5];
    uint8_t blk[16];

    tern_poly1305_64_init(st, key);
    if (len / 16 > 0) {
        tern_poly1305_64_blocks(st, m, len / 16, 1);
    }
    if (len % 16 > 0) {
        pad_last(blk, m + len - len % 16, len % 16);
        tern_poly1305_64_blocks(st, blk, 1, 0);
    }
    tern_poly1305_64_finish(st, key + 16, tag);
}
#endif

/* Every way of computing the tag; NULL if all give want, else which one
 * did not. Splits the message in two at every offset. */
static const char *check_all(const uint8_t key[32], const uint8_t *m, size_t len,
                             const uint8_t want[16])
{
    uint8_t tag[16];
    size_t cut;

    tern_poly1305(key, m, len, tag);
    if (memcmp(tag, want, 16) != 0) {
        return "tern_poly1305";
    }
    core32(key, m, len, tag);
    if (memcmp(tag, want, 16) != 0) {
        return "radix 2^26 core";
    }
#if TERN_CONFIG_WORD_BITS == 64
    core64(key, m, len, tag);
    if (memcmp(tag, want, 16) != 0) {
        return "radix 2^64 core";
    }
#endif
    for (cut = 0; cut <= len; cut++) {
        tern_poly1305_ctx ctx;
        tern_poly1305_init(&ctx, key);
        tern_poly1305_update(&ctx, m, cut);
        tern_poly1305_update(&ctx, m + cut, len - cut);
        tern_poly1305_final(&ctx, tag);
        if (memcmp(tag, want, 16) != 0) {
            return "incremental, split in two";
        }
    }
    return NULL;
}

static void fill(uint8_t *p, size_t n, uint32_t seed)
{
    uint32_t x = seed * 2654435761u + 1u;
    size_t i;
    for (i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (uint8_t)(x >> 24);
    }
}

/* RFC 8439 2.5.2. The key and tag are printed with colons in the RFC and
 * transcribed here; the message is read from the RFC's dump. */
static void test_rfc_example(void)
{
    static const uint8_t key[32] = {
        0x85, 0xd6, 0xbe, 0x78, 0x57, 0x55, 0x6d, 0x33, 0x7f, 0x44, 0x52,
        0xfe, 0x42, 0xd5, 0x06, 0xa8, 0x01, 0x03, 0x80, 0x8a, 0xfb, 0x0d,
        0xb2, 0xfd, 0x4a, 0xbf, 0xf6, 0xaf, 0x41, 0x49, 0xf5, 0x1b};
    static const uint8_t want[16] = {0xa8, 0x06, 0x1d, 0xc1, 0x30, 0x51, 0x36, 0xc6,
                                     0xc2, 0x2b, 0x8b, 0xaf, 0x0c, 0x01, 0x27, 0xa9};
    char *rfc = rfc_load("rfc8439.txt");
    uint8_t *msg = NULL;
    size_t len = 0;
    const char *bad;

    EXPECT_TRUE(rfc != NULL);
    if (rfc == NULL) {
        return;
    }
    msg = rfc_dump(rfc, "2.5.2.", "Message to be Authenticated:", &len);
    EXPECT_TRUE(msg != NULL);
    EXPECT_EQ(len, 34);
    if (msg != NULL) {
        bad = check_all(key, msg, len, want);
        EXPECT_TRUE(bad == NULL);
        if (bad != NULL) {
            TEST_FAIL(bad);
        }
    }
    free(msg);
    free(rfc);
}

static void test_botan_poly1305(void)
{
    const char *file = "botan/mac/poly1305.vec";
    tv_kv kv;
    tv_fields f = {0};
    tv_counts c;
    tv_kv_event ev;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open mac/poly1305.vec");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        uint8_t key[32], want[16];
        uint8_t *in = NULL;
        size_t in_len = 0;
        const char *bad, *in_hex;
        char id[32];

        if (ev == TV_KV_SECTION) {
            tv_fields_clear(&f);
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, "Out") != 0) {
            continue;
        }
        snprintf(id, sizeof(id), "line %d", kv.line);
        if (strcmp(kv.section, "Poly1305") != 0) {
            tv_skip(&c, "not a Poly1305 section");
            continue;
        }
        in_hex = tv_fields_get(&f, "In");
        if (tv_hex_fixed(tv_fields_get(&f, "Key") ? tv_fields_get(&f, "Key") : "", key, 32) != 0 ||
            tv_hex_fixed(kv.value, want, 16) != 0 || in_hex == NULL ||
            tv_hex(in_hex, &in, &in_len) != 0) {
            tv_fail(&c, id, "bad or missing Key/In/Out");
            continue;
        }
        bad = check_all(key, in, in_len, want);
        tv_check(&c, bad == NULL, id, bad);
        free(in);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    EXPECT_TRUE(tv_counts_print(&c) == 0);
    EXPECT_EQ(c.passed, 123);
}

/* Three-way splits at every pair of offsets, including empty updates. */
static void test_three_way_splits(void)
{
    uint8_t key[32], msg[70], want[16], tag[16];
    size_t i, j;
    int fails = 0;

    fill(key, sizeof(key), 1);
    fill(msg, sizeof(msg), 2);
    tern_poly1305(key, msg, sizeof(msg), want);
    for (i = 0; i <= sizeof(msg); i++) {
        for (j = i; j <= sizeof(msg); j++) {
            tern_poly1305_ctx ctx;
            tern_poly1305_init(&ctx, key);
            tern_poly1305_update(&ctx, msg, i);
            tern_poly1305_update(&ctx, NULL, 0);
            tern_poly1305_update(&ctx, msg + i, j - i);
            tern_poly1305_update(&ctx, msg + j, sizeof(msg) - j);
            tern_poly1305_final(&ctx, tag);
            fails += memcmp(tag, want, 16) != 0;
        }
    }
    EXPECT_EQ(fails, 0);
}

/* The two cores agree where the arithmetic is tight: the largest
 * clamped r, all-ones s and messages, random keys, all lengths up to 300
 * and byte by byte updates. */
static void test_cores_agree(void)
{
    static uint8_t msg[300];
    uint8_t key[32], a[16], b[16], c[16];
    size_t len;
    int round, fails = 0;

    for (round = 0; round < 6; round++) {
        if (round == 0) {
            memset(key, 0xff, sizeof(key));
            memset(msg, 0xff, sizeof(msg));
        } else if (round == 1) {
            memset(key, 0xff, 16);
            memset(key + 16, 0, 16);
            memset(msg, 0xff, sizeof(msg));
        } else {
            fill(key, sizeof(key), (uint32_t)(10 + round));
            fill(msg, sizeof(msg), (uint32_t)(20 + round));
        }
        for (len = 0; len <= sizeof(msg); len++) {
            tern_poly1305_ctx ctx;
            size_t i;
            core32(key, msg, len, a);
            tern_poly1305(key, msg, len, b);
            tern_poly1305_init(&ctx, key);
            for (i = 0; i < len; i++) {
                tern_poly1305_update(&ctx, msg + i, 1);
            }
            tern_poly1305_final(&ctx, c);
            fails += memcmp(a, b, 16) != 0 || memcmp(b, c, 16) != 0;
        }
    }
    EXPECT_EQ(fails, 0);
}

/* The AVX2 path (four blocks per step) against the radix 2^64 core, from
 * zero, random and extreme starting accumulators, for block counts around
 * every multiple of 4, with random, all-ones and all-zero messages and the
 * largest clamped r. */
static void test_avx2_blocks(void)
{
#if TERN_CONFIG_CHACHA20_X86 && TERN_CONFIG_WORD_BITS == 64
    static uint8_t msg[16 * 140];
    uint8_t key[32];
    int pattern, start, fails = 0, bad_count = 0;
    size_t nb;

    if (!tern_chacha20_avx2_supported()) {
        TEST_SKIP("CPU without AVX2: the AVX2 Poly1305 path cannot run here");
    }
    for (pattern = 0; pattern < 4; pattern++) {
        if (pattern == 0) {
            memset(key, 0xff, sizeof(key));
            memset(msg, 0xff, sizeof(msg));
        } else if (pattern == 1) {
            memset(key, 0xff, sizeof(key));
            memset(msg, 0, sizeof(msg));
        } else {
            fill(key, sizeof(key), (uint32_t)(30 + pattern));
            fill(msg, sizeof(msg), (uint32_t)(40 + pattern));
        }
        for (start = 0; start < 3; start++) {
            for (nb = 0; nb <= 140; nb++) {
                uint64_t a[5], b[5];
                uint8_t ta[16], tb[16];
                size_t done;
                tern_poly1305_64_init(a, key);
                if (start == 1) {
                    tern_poly1305_64_blocks(a, msg + 16 * 139, 1, 1);
                } else if (start == 2) {
                    /* the largest partially reduced accumulator the core
                     * allows: h = 4 * 2^128 + 2^128 - 1 */
                    a[2] = ~(uint64_t)0;
                    a[3] = ~(uint64_t)0;
                    a[4] = 4;
                }
                memcpy(b, a, sizeof(a));
                tern_poly1305_64_blocks(a, msg, nb, 1);
                done = tern_poly1305_64_blocks_avx2(b, msg, nb);
                bad_count += done != nb - nb % 4 || b[4] > 4;
                tern_poly1305_64_blocks(b, msg + 16 * done, nb - done, 1);
                tern_poly1305_64_finish(a, key + 16, ta);
                tern_poly1305_64_finish(b, key + 16, tb);
                fails += memcmp(ta, tb, 16) != 0;
            }
        }
    }
    EXPECT_EQ(bad_count, 0);
    EXPECT_EQ(fails, 0);
#else
    TEST_SKIP("no AVX2 Poly1305 in this build (TERN_CONFIG_CHACHA20_X86 off or 32-bit words)");
#endif
}

/* A zero r gives tag = s whatever the message; final wipes the context. */
static void test_zero_r_and_wipe(void)
{
    uint8_t key[32] = {0}, msg[40], tag[16], zero[sizeof(tern_poly1305_ctx)];
    tern_poly1305_ctx ctx;

    fill(key + 16, 16, 3);
    fill(msg, sizeof(msg), 4);
    tern_poly1305(key, msg, sizeof(msg), tag);
    EXPECT_MEM_EQ(tag, key + 16, 16);

    fill(key, 16, 5);
    tern_poly1305_init(&ctx, key);
    tern_poly1305_update(&ctx, msg, 21);
    tern_poly1305_final(&ctx, tag);
    memset(zero, 0, sizeof(zero));
    EXPECT_MEM_EQ((const uint8_t *)&ctx, zero, sizeof(ctx));
}

/* Each message bit and each key bit changes the tag. */
static void test_sensitivity(void)
{
    uint8_t key[32], msg[33], want[16], tag[16];
    size_t bit;
    int same = 0;

    fill(key, sizeof(key), 6);
    fill(msg, sizeof(msg), 7);
    tern_poly1305(key, msg, sizeof(msg), want);
    for (bit = 0; bit < 8 * sizeof(msg); bit++) {
        msg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        tern_poly1305(key, msg, sizeof(msg), tag);
        msg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        same += memcmp(tag, want, 16) == 0;
    }
    /* a trailing zero byte is not the same message */
    tern_poly1305(key, msg, sizeof(msg) - 1, tag);
    same += memcmp(tag, want, 16) == 0;
    for (bit = 0; bit < 256; bit++) {
        /* bits cleared by clamping do not count */
        static const uint8_t clamp[16] = {0xff, 0xff, 0xff, 0x0f, 0xfc, 0xff, 0xff, 0x0f,
                                          0xfc, 0xff, 0xff, 0x0f, 0xfc, 0xff, 0xff, 0x0f};
        if (bit < 128 && (clamp[bit / 8] & (1u << (bit % 8))) == 0) {
            continue;
        }
        key[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        tern_poly1305(key, msg, sizeof(msg), tag);
        key[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        same += memcmp(tag, want, 16) == 0;
    }
    EXPECT_EQ(same, 0);
}

int main(void)
{
    RUN_TEST(test_rfc_example);
    RUN_TEST(test_botan_poly1305);
    RUN_TEST(test_three_way_splits);
    RUN_TEST(test_cores_agree);
    RUN_TEST(test_avx2_blocks);
    RUN_TEST(test_zero_r_and_wipe);
    RUN_TEST(test_sensitivity);
    return TEST_REPORT();
}

#else
int main(void)
{
    printf("skipped: TERN_CONFIG_CHACHA20 is off\n");
    return 77;
}
#endif /* TERN_CONFIG_CHACHA20 */
