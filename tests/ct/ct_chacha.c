/*
 * Constant-time check of ChaCha20, Poly1305 and ChaCha20-Poly1305 under
 * valgrind memcheck: keys, nonces, counters, messages and tags are marked
 * secret (lengths are public); any branch or memory index that depends on
 * them is a report. The AVX2 ChaCha20 and Poly1305 code runs when the
 * CPU has AVX2, next to the portable ChaCha20 and both Poly1305 cores.
 * See tests/harness/ct_check.h.
 */
#include <stdint.h>
#include <string.h>

#include "common/ct_internal.h"
#include "ct_check.h"
#include "tern/config.h"

/* The tag comparison the AEAD uses (also on its own, so this program
 * checks something when TERN_CONFIG_CHACHA20 is off). */
static int tag_compare(void)
{
    uint8_t a[16], b[16];
    uint32_t eq;

    memset(a, 0x3c, sizeof(a));
    memset(b, 0x3c, sizeof(b));
    b[15] ^= 1;
    CT_SECRET(a, sizeof(a));
    CT_SECRET(b, sizeof(b));
    eq = tern_ct_memeq(a, b, sizeof(a));
    CT_PUBLIC(&eq, sizeof(eq));
    return eq == 0 ? 1 : -1000;
}

#if TERN_CONFIG_CHACHA20

#include "crypto/chacha/chacha_internal.h"
#include "tern/chacha.h"

/* Lengths that reach every code path: partial blocks, the two-block and
 * eight-block AVX2 passes, partial 32-byte pieces, and runs long enough
 * for the AVX2 Poly1305. */
static const size_t lens[] = {0, 1, 15, 16, 17, 63, 64, 65, 200, 300, 512, 777, 1100};
#define NLENS (sizeof(lens) / sizeof(lens[0]))

static uint8_t key[32], nonce[12], aad[21], msg[1100], tag[16];

static void secrets(void)
{
    size_t i;
    for (i = 0; i < sizeof(key); i++) {
        key[i] = (uint8_t)(0x31 * i + 7);
    }
    for (i = 0; i < sizeof(nonce); i++) {
        nonce[i] = (uint8_t)(0x17 * i + 1);
    }
    for (i = 0; i < sizeof(aad); i++) {
        aad[i] = (uint8_t)(0x55 ^ i);
    }
    for (i = 0; i < sizeof(msg); i++) {
        msg[i] = (uint8_t)(i * 13 + (i >> 3));
    }
    CT_SECRET(key, sizeof(key));
    CT_SECRET(nonce, sizeof(nonce));
    CT_SECRET(aad, sizeof(aad));
    CT_SECRET(msg, sizeof(msg));
}

static void chacha_impl(tern_chacha20_xor_fn *fn)
{
    size_t i;
    uint32_t counter = 0xfffffffau; /* wraps inside the longer runs */

    CT_SECRET(&counter, sizeof(counter));
    for (i = 0; i < NLENS; i++) {
        uint32_t st[16];
        tern_chacha20_state_init(st, key, nonce, counter);
        fn(st, msg, lens[i]);
    }
}

static void poly_core32(void)
{
    uint32_t st[10];
    uint8_t last[16] = {1};

    tern_poly1305_32_init(st, key);
    tern_poly1305_32_blocks(st, msg, sizeof(msg) / 16, 1);
    memcpy(last, msg, 15);
    CT_SECRET(last, sizeof(last));
    tern_poly1305_32_blocks(st, last, 1, 0);
    tern_poly1305_32_finish(st, key + 16, tag);
}

/* Returns the number of functions checked, or a negative count on a
 * wrong result. */
static int chacha_checks(void)
{
    const tern_aead_class *cls = &tern_aead_chacha20_poly1305;
    tern_aead_ctx actx;
    int fn = 0;
    size_t i;
    int rc;

    secrets();

    chacha_impl(tern_chacha20_xor_portable);
    fn++;
#if TERN_CONFIG_CHACHA20_X86
    if (tern_chacha20_avx2_supported()) {
        chacha_impl(tern_chacha20_xor_avx2);
        fn++;
    }
#endif
    for (i = 0; i < NLENS; i++) {
        tern_chacha20_xor(key, nonce, 1, msg, lens[i]);
    }
    fn++;

    for (i = 0; i < NLENS; i++) {
        tern_poly1305_ctx pc;
        tern_poly1305(key, msg, lens[i], tag);
        tern_poly1305_init(&pc, key);
        tern_poly1305_update(&pc, msg, lens[i] / 3);
        tern_poly1305_update(&pc, msg + lens[i] / 3, lens[i] - lens[i] / 3);
        tern_poly1305_final(&pc, tag);
    }
    fn += 4; /* one-shot, init, update, final */
    poly_core32();
    fn++;
#if TERN_CONFIG_CHACHA20_X86 && TERN_CONFIG_WORD_BITS == 64
    if (tern_chacha20_avx2_supported()) {
        uint64_t st[5];
        tern_poly1305_64_init(st, key);
        (void)tern_poly1305_64_blocks_avx2(st, msg, sizeof(msg) / 16);
        tern_poly1305_64_finish(st, key + 16, tag);
        fn++;
    }
#endif

    /* seal, then open with the right tag and with a wrong one: the
     * verdict (rc) is the only thing declassified. */
    for (i = 0; i < NLENS; i++) {
        uint8_t bad[16];
        rc = tern_chacha20_poly1305_seal(key, nonce, aad, sizeof(aad), msg, lens[i], tag);
        CT_PUBLIC(&rc, sizeof(rc));
        rc = tern_chacha20_poly1305_open(key, nonce, aad, sizeof(aad), msg, lens[i], tag);
        CT_PUBLIC(&rc, sizeof(rc));
        if (rc != TERN_OK) {
            return -1;
        }
        memcpy(bad, tag, sizeof(bad));
        bad[3] ^= 0x40;
        rc = tern_chacha20_poly1305_open(key, nonce, aad, sizeof(aad), msg, lens[i], bad);
        CT_PUBLIC(&rc, sizeof(rc));
        if (rc != TERN_ERR_BAD_MAC) {
            return -1;
        }
        secrets(); /* the failed open zeroed msg */
    }
    fn += 2;

    rc = cls->init(&actx.vtable, key);
    CT_PUBLIC(&rc, sizeof(rc));
    for (i = 0; i < NLENS && rc == TERN_OK; i++) {
        rc = actx.vtable->seal(&actx.vtable, nonce, aad, sizeof(aad), msg, lens[i], tag);
        CT_PUBLIC(&rc, sizeof(rc));
        if (rc == TERN_OK) {
            rc = actx.vtable->open(&actx.vtable, nonce, aad, sizeof(aad), msg, lens[i], tag);
            CT_PUBLIC(&rc, sizeof(rc));
        }
    }
    if (rc != TERN_OK) {
        return -1;
    }
    fn += 3; /* class init, seal, open */

    CT_PUBLIC(msg, sizeof(msg));
    CT_PUBLIC(tag, sizeof(tag));
    return fn;
}

#else
static int chacha_checks(void)
{
    return 0; /* TERN_CONFIG_CHACHA20 is off */
}
#endif /* TERN_CONFIG_CHACHA20 */

int main(void)
{
    int a = tag_compare();
    int b = chacha_checks();

    if (a < 0 || b < 0) {
        return 1;
    }
    CT_DONE(a + b);
    return 0;
}
