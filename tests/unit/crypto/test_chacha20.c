/*
 * ChaCha20 (RFC 8439 2.3, 2.4): every implementation compiled in (the
 * portable code, AVX2 when the CPU has it) and the public entry point,
 * against the RFC examples and Botan's stream/chacha.vec, and against
 * each other over many lengths, splits and counters near the wrap.
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

typedef struct impl {
    const char *name;
    tern_chacha20_xor_fn *fn;
} impl;

static impl impls[2];
static int nimpls;

static void find_impls(void)
{
    nimpls = 0;
    impls[nimpls].name = "portable";
    impls[nimpls].fn = tern_chacha20_xor_portable;
    nimpls++;
#if TERN_CONFIG_CHACHA20_X86
    if (tern_chacha20_avx2_supported()) {
        impls[nimpls].name = "avx2";
        impls[nimpls].fn = tern_chacha20_xor_avx2;
        nimpls++;
    }
#endif
}

/* Deterministic filler (xorshift32). */
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

/* Runs in -> out with every implementation and with tern_chacha20_xor;
 * returns NULL if all equal want, else the name of the first that did
 * not. Also checks that each implementation advanced the counter by
 * ceil(len / 64). */
static const char *xor_all(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                           const uint8_t *in, size_t len, const uint8_t *want)
{
    uint8_t *buf = (uint8_t *)malloc(len + 1);
    const char *bad = NULL;
    int i;

    for (i = 0; i < nimpls && bad == NULL; i++) {
        uint32_t st[16];
        memcpy(buf, in, len);
        tern_chacha20_state_init(st, key, nonce, counter);
        impls[i].fn(st, buf, len);
        if (memcmp(buf, want, len) != 0 || st[12] != counter + (uint32_t)((len + 63) / 64)) {
            bad = impls[i].name;
        }
    }
    if (bad == NULL) {
        memcpy(buf, in, len);
        tern_chacha20_xor(key, nonce, counter, buf, len);
        if (memcmp(buf, want, len) != 0) {
            bad = "tern_chacha20_xor";
        }
    }
    free(buf);
    return bad;
}

static void test_avx2_path(void)
{
#if TERN_CONFIG_CHACHA20_X86
    if (!tern_chacha20_avx2_supported()) {
        TEST_SKIP("CPU without AVX2: only the portable ChaCha20 path runs");
    }
    EXPECT_EQ(nimpls, 2);
    EXPECT_TRUE(tern_chacha20_xor_impl() == tern_chacha20_xor_avx2);
#else
    TEST_SKIP("TERN_CONFIG_CHACHA20_X86 is off: no SIMD ChaCha20 in this build");
#endif
}

/* RFC 8439 2.3.2: one block with counter 1. */
static void test_rfc_block(void)
{
    static const uint8_t nonce[12] = {0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0};
    uint8_t key[32], zero[64] = {0}, out[64];
    uint32_t st[16];
    char *rfc = rfc_load("rfc8439.txt");
    uint8_t *want = NULL;
    size_t want_len = 0, i;
    const char *bad;

    EXPECT_TRUE(rfc != NULL);
    if (rfc == NULL) {
        return;
    }
    for (i = 0; i < 32; i++) {
        key[i] = (uint8_t)i;
    }
    want = rfc_dump(rfc, "2.3.2.", "Serialized Block:", &want_len);
    EXPECT_TRUE(want != NULL);
    EXPECT_EQ(want_len, 64);
    if (want != NULL && want_len == 64) {
        bad = xor_all(key, nonce, 1, zero, 64, want);
        EXPECT_TRUE(bad == NULL);
        if (bad != NULL) {
            TEST_FAIL(bad);
        }
        tern_chacha20_state_init(st, key, nonce, 1);
        tern_chacha20_block(st, out);
        EXPECT_MEM_EQ(out, want, 64);
        EXPECT_EQ_U(st[12], 1); /* the block function does not advance */
    }
    free(want);
    free(rfc);
}

/* RFC 8439 2.4.2 (encryption) and 2.6.2 (key stream block 0). */
static void test_rfc_cipher(void)
{
    static const uint8_t nonce[12] = {0, 0, 0, 0, 0, 0, 0, 0x4a, 0, 0, 0, 0};
    uint8_t key[32], zero[64] = {0};
    char *rfc = rfc_load("rfc8439.txt");
    uint8_t *pt = NULL, *ct = NULL, *k2 = NULL, *n2 = NULL, *out2 = NULL;
    size_t pt_len = 0, ct_len = 0, k2_len = 0, n2_len = 0, out2_len = 0, i;
    const char *bad;

    EXPECT_TRUE(rfc != NULL);
    if (rfc == NULL) {
        return;
    }
    for (i = 0; i < 32; i++) {
        key[i] = (uint8_t)i;
    }
    pt = rfc_dump(rfc, "2.4.2.", "Plaintext Sunscreen:", &pt_len);
    ct = rfc_dump(rfc, "2.4.2.", "Ciphertext Sunscreen:", &ct_len);
    EXPECT_TRUE(pt != NULL && ct != NULL);
    EXPECT_EQ(pt_len, 114);
    if (pt != NULL && ct != NULL && pt_len == 114 && ct_len == 114) {
        bad = xor_all(key, nonce, 1, pt, pt_len, ct);
        EXPECT_TRUE(bad == NULL);
        bad = xor_all(key, nonce, 1, ct, ct_len, pt);
        EXPECT_TRUE(bad == NULL);
    }

    k2 = rfc_dump(rfc, "2.6.2.", "Key:", &k2_len);
    n2 = rfc_dump(rfc, "2.6.2.", "Nonce:", &n2_len);
    out2 = rfc_dump(rfc, "2.6.2.", "Output bytes:", &out2_len);
    EXPECT_TRUE(k2 != NULL && n2 != NULL && out2 != NULL);
    if (k2 != NULL && n2 != NULL && out2 != NULL && k2_len == 32 && n2_len == 12 &&
        out2_len == 32) {
        bad = xor_all(k2, n2, 0, zero, 32, out2);
        EXPECT_TRUE(bad == NULL);
    } else {
        TEST_FAIL("RFC 8439 2.6.2 dumps have unexpected lengths");
    }
    free(pt);
    free(ct);
    free(k2);
    free(n2);
    free(out2);
    free(rfc);
}

/* Botan stream/chacha.vec: the [ChaCha(20)] cases with a 32-byte key and
 * a 12-byte nonce are RFC 8439 ChaCha20. Seek is a byte offset into the
 * key stream (it persists, like every Botan field, until set again). */
static void test_botan_chacha(void)
{
    const char *file = "botan/stream/chacha.vec";
    tv_kv kv;
    tv_fields f = {0};
    tv_counts c;
    tv_kv_event ev;
    int in_section = 0, n = 0;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open stream/chacha.vec");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        const char *key_hex, *nonce_hex, *out_hex, *in_hex, *seek_s;
        uint8_t key[32], nonce[12];
        uint8_t *out = NULL, *in = NULL, *plain = NULL, *want = NULL;
        size_t out_len = 0, in_len = 0;
        unsigned long long seek;
        uint64_t first_block, last_block;
        size_t skip;
        const char *bad;
        char id[32];

        if (ev == TV_KV_SECTION) {
            tv_fields_clear(&f);
            in_section = strcmp(kv.section, "ChaCha(20)") == 0;
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, "Out") != 0) {
            continue;
        }
        n++;
        snprintf(id, sizeof(id), "line %d", kv.line);
        if (!in_section) {
            tv_skip(&c, "ChaCha(8) and ChaCha(12): reduced-round variants, not RFC 8439");
            continue;
        }
        key_hex = tv_fields_get(&f, "Key");
        nonce_hex = tv_fields_get(&f, "Nonce");
        out_hex = tv_fields_get(&f, "Out");
        in_hex = tv_fields_get(&f, "In");
        seek_s = tv_fields_get(&f, "Seek");
        if (key_hex == NULL || strlen(key_hex) != 64) {
            tv_skip(&c, "128-bit key (\"expand 16-byte k\"): not RFC 8439");
            continue;
        }
        if (nonce_hex == NULL || strlen(nonce_hex) != 24) {
            tv_skip(&c, "8-byte (original) or 24-byte (XChaCha) nonce: not RFC 8439");
            continue;
        }
        seek = seek_s != NULL ? strtoull(seek_s, NULL, 10) : 0;
        if (tv_hex_fixed(key_hex, key, 32) != 0 || tv_hex_fixed(nonce_hex, nonce, 12) != 0 ||
            tv_hex(out_hex, &out, &out_len) != 0 ||
            (in_hex != NULL && tv_hex(in_hex, &in, &in_len) != 0)) {
            tv_fail(&c, id, "bad hex");
            free(out);
            free(in);
            continue;
        }
        first_block = seek / 64;
        skip = (size_t)(seek % 64);
        last_block = (seek + out_len + 63) / 64; /* one past */
        if (last_block > ((uint64_t)1 << 32)) {
            tv_skip(&c, "runs past block 2^32 - 1: outside the 32-bit counter of RFC 8439");
            free(out);
            free(in);
            continue;
        }
        if (in != NULL && in_len != out_len) {
            tv_fail(&c, id, "In and Out lengths differ");
            free(out);
            free(in);
            continue;
        }
        /* plain = skip zero bytes, then In (or zeros: Out is then the key
         * stream itself), encrypted from block seek / 64; the vector's
         * part starts at byte skip. The portable result is checked
         * against Out, then every implementation against it. */
        plain = (uint8_t *)calloc(1, skip + out_len + 1);
        want = (uint8_t *)calloc(1, skip + out_len + 1);
        if (plain == NULL || want == NULL) {
            tv_fail(&c, id, "out of memory");
        } else {
            uint32_t st[16];
            if (in != NULL) {
                memcpy(plain + skip, in, in_len);
            }
            memcpy(want, plain, skip + out_len);
            tern_chacha20_state_init(st, key, nonce, (uint32_t)first_block);
            tern_chacha20_xor_portable(st, want, skip + out_len);
            bad = memcmp(want + skip, out, out_len) == 0
                      ? xor_all(key, nonce, (uint32_t)first_block, plain, skip + out_len, want)
                      : "portable";
            tv_check(&c, bad == NULL, id, bad);
        }
        free(plain);
        free(want);
        free(out);
        free(in);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    EXPECT_TRUE(n > 0);
    EXPECT_TRUE(tv_counts_print(&c) == 0);
    EXPECT_TRUE(c.passed >= 60); /* the file has 73 such cases */
}

/* All implementations agree on every length 0..1100 and on a few long
 * ones (every tail size after whole eight-block chunks). */
static void test_cross_lengths(void)
{
    static uint8_t in[5000], want[5000];
    uint8_t key[32], nonce[12];
    size_t len;
    int fails = 0;

    fill(key, sizeof(key), 1);
    fill(nonce, sizeof(nonce), 2);
    fill(in, sizeof(in), 3);
    for (len = 0; len <= 5000; len += (len < 1100 ? 1 : 61)) {
        uint32_t st[16];
        memcpy(want, in, len);
        tern_chacha20_state_init(st, key, nonce, 7);
        tern_chacha20_xor_portable(st, want, len);
        if (xor_all(key, nonce, 7, in, len, want) != NULL) {
            fails++;
        }
    }
    EXPECT_EQ(fails, 0);
}

/* Block by block equals all at once, and encrypting twice is the
 * identity. */
static void test_split_and_involution(void)
{
    static uint8_t data[2048], whole[2048], parts[2048];
    uint8_t key[32], nonce[12];
    size_t cut;

    fill(key, sizeof(key), 4);
    fill(nonce, sizeof(nonce), 5);
    fill(data, sizeof(data), 6);
    memcpy(whole, data, sizeof(data));
    tern_chacha20_xor(key, nonce, 3, whole, sizeof(whole));
    EXPECT_FALSE(memcmp(whole, data, sizeof(data)) == 0);
    for (cut = 0; cut <= sizeof(data); cut += 64) {
        memcpy(parts, data, sizeof(data));
        tern_chacha20_xor(key, nonce, 3, parts, cut);
        tern_chacha20_xor(key, nonce, 3 + (uint32_t)(cut / 64), parts + cut,
                          sizeof(parts) - cut);
        EXPECT_MEM_EQ(parts, whole, sizeof(whole));
    }
    tern_chacha20_xor(key, nonce, 3, whole, sizeof(whole));
    EXPECT_MEM_EQ(whole, data, sizeof(data));
    tern_chacha20_xor(key, nonce, 3, NULL, 0); /* no-op, no crash */
}

/* The 32-bit counter wraps to 0 (documented) the same way in every
 * implementation, including inside one eight-block pass. */
static void test_counter_wrap(void)
{
    static uint8_t in[1024], want[1024], head[64];
    uint8_t key[32], nonce[12];
    uint32_t start;

    fill(key, sizeof(key), 7);
    fill(nonce, sizeof(nonce), 8);
    fill(in, sizeof(in), 9);
    for (start = 0xfffffff0u; start != 0x4u; start++) {
        uint32_t st[16];
        memcpy(want, in, sizeof(in));
        tern_chacha20_state_init(st, key, nonce, start);
        tern_chacha20_xor_portable(st, want, sizeof(want));
        EXPECT_TRUE(xor_all(key, nonce, start, in, sizeof(in), want) == NULL);
    }
    /* block 2^32 is block 0 again */
    memcpy(want, in, 128);
    tern_chacha20_xor(key, nonce, 0xffffffffu, want, 128);
    memcpy(head, in + 64, 64);
    tern_chacha20_xor(key, nonce, 0, head, 64);
    EXPECT_MEM_EQ(want + 64, head, 64);
}

/* Different keys, nonces and counters give different streams. */
static void test_inputs_matter(void)
{
    uint8_t key[32], nonce[12], a[64] = {0}, b[64] = {0};

    fill(key, sizeof(key), 10);
    fill(nonce, sizeof(nonce), 11);
    tern_chacha20_xor(key, nonce, 0, a, sizeof(a));
    key[31] ^= 0x80;
    tern_chacha20_xor(key, nonce, 0, b, sizeof(b));
    EXPECT_FALSE(memcmp(a, b, sizeof(a)) == 0);
    key[31] ^= 0x80;
    memset(b, 0, sizeof(b));
    nonce[11] ^= 1;
    tern_chacha20_xor(key, nonce, 0, b, sizeof(b));
    EXPECT_FALSE(memcmp(a, b, sizeof(a)) == 0);
    nonce[11] ^= 1;
    memset(b, 0, sizeof(b));
    tern_chacha20_xor(key, nonce, 1, b, sizeof(b));
    EXPECT_FALSE(memcmp(a, b, sizeof(a)) == 0);
}

int main(void)
{
    find_impls();
    RUN_TEST(test_avx2_path);
    RUN_TEST(test_rfc_block);
    RUN_TEST(test_rfc_cipher);
    RUN_TEST(test_botan_chacha);
    RUN_TEST(test_cross_lengths);
    RUN_TEST(test_split_and_involution);
    RUN_TEST(test_counter_wrap);
    RUN_TEST(test_inputs_matter);
    return TEST_REPORT();
}

#else
int main(void)
{
    printf("skipped: TERN_CONFIG_CHACHA20 is off\n");
    return 77;
}
#endif /* TERN_CONFIG_CHACHA20 */
