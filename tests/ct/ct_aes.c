/*
 * Constant-time check of the block ciphers and AEADs, run under valgrind
 * memcheck (tests/harness/ct_check.h): keys, plaintexts, hash keys and
 * tags are marked secret, so any branch or memory index that depends on
 * them is reported. Covers the bitsliced AES (64- and 32-bit, key
 * schedule, encrypt, decrypt), 3DES, CBC and CTR, GHASH in portable C,
 * GCM (direct API and _ct classes, seal and open with a good and a bad
 * tag, i.e. the tag comparison and the masked release of the buffer) and
 * CCM; the AES-NI / PCLMULQDQ paths too when the CPU has them (both
 * AES-NI classes; GCM messages under and over 128 bytes, where the fused
 * code builds its table of hash-key powers).
 */
#include <stdint.h>
#include <string.h>

#include "crypto/cipher/aes_x86ni_internal.h"
#include "ct_check.h"
#include "tern/aead.h"
#include "tern/cipher.h"
#include "tern/util.h"

static uint8_t key[32], iv[16], data[333], h[16], y[16];

static void fresh_secrets(void)
{
    size_t i;
    for (i = 0; i < sizeof(key); i++) {
        key[i] = (uint8_t)(i * 29 + 7);
    }
    for (i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)(i * 13 + 1);
    }
    for (i = 0; i < 16; i++) {
        iv[i] = (uint8_t)i;
        h[i] = (uint8_t)(0xC3 ^ i);
        y[i] = (uint8_t)(0x5A + i);
    }
    CT_SECRET(key, sizeof(key));
    CT_SECRET(data, sizeof(data));
    CT_SECRET(h, sizeof(h));
    CT_SECRET(y, sizeof(y));
}

/* Block class: key schedule, ECB both ways over an odd number of blocks,
 * CBC both ways, CTR. */
static int check_block(const tern_block_class *cls, size_t key_len)
{
    tern_block_ctx ctx;
    const tern_block_class *const *bc = (const tern_block_class *const *)&ctx.vtable;
    size_t bl = cls->block_len, n = (sizeof(data) / bl) | 1;
    uint8_t ivw[16], ctr[16];
    int rc;

    if (n * bl > sizeof(data)) {
        n -= 2;
    }
    fresh_secrets();
    rc = cls->init(&ctx.vtable, key, key_len);
    CT_PUBLIC(&rc, sizeof(rc));
    if (rc != TERN_OK) {
        return 0;
    }
    ctx.vtable->encrypt(bc, data, n);
    ctx.vtable->decrypt(bc, data, n);
    memcpy(ivw, iv, bl);
    rc = tern_cbc_encrypt(bc, ivw, data, n * bl);
    memcpy(ivw, iv, bl);
    rc |= tern_cbc_decrypt(bc, ivw, data, n * bl);
    if (bl == 16) {
        memcpy(ctr, iv, 16);
        tern_ctr32_xor(bc, ctr, data, sizeof(data));
    }
    tern_block_wipe(&ctx.vtable);
    CT_PUBLIC(&rc, sizeof(rc));
    CT_PUBLIC(data, sizeof(data));
    return rc == TERN_OK ? 3 : 0; /* init, ECB, modes */
}

#if TERN_CONFIG_AES_CT || TERN_CONFIG_AES_X86NI
static uint8_t aad[21], tag[16];

/* An AEAD class: seal, open with the right tag, open with a wrong one,
 * on len bytes of data. */
static int check_aead_len(const tern_aead_class *cls, size_t len)
{
    tern_aead_ctx ctx;
    int rc1, rc2, rc3;

    fresh_secrets();
    memset(aad, 0x61, sizeof(aad));
    rc1 = cls->init(&ctx.vtable, key);
    CT_PUBLIC(&rc1, sizeof(rc1));
    if (rc1 != TERN_OK) {
        return 0;
    }
    rc1 = ctx.vtable->seal(&ctx.vtable, iv, aad, sizeof(aad), data, len, tag);
    rc2 = ctx.vtable->open(&ctx.vtable, iv, aad, sizeof(aad), data, len, tag);
    tag[3] ^= 0x20;
    rc3 = ctx.vtable->open(&ctx.vtable, iv, aad, sizeof(aad), data, len, tag);
    tern_aead_wipe(&ctx.vtable);
    CT_PUBLIC(&rc1, sizeof(rc1));
    CT_PUBLIC(&rc2, sizeof(rc2));
    CT_PUBLIC(&rc3, sizeof(rc3));
    CT_PUBLIC(data, sizeof(data));
    CT_PUBLIC(tag, sizeof(tag));
    return (rc1 == TERN_OK && rc2 == TERN_OK && rc3 == TERN_ERR_BAD_MAC) ? 3 : 0;
}

static int check_aead(const tern_aead_class *cls)
{
    return check_aead_len(cls, sizeof(data));
}

/* tern_gcm_* / tern_ccm_* over a block class, odd IV length for GCM. */
static int check_direct(const tern_block_class *cls)
{
    tern_block_ctx ctx;
    const tern_block_class *const *bc = (const tern_block_class *const *)&ctx.vtable;
    int rc = 0, r[6];

    fresh_secrets();
    memset(aad, 0x61, sizeof(aad));
    r[0] = cls->init(&ctx.vtable, key, 16);
    CT_PUBLIC(&r[0], sizeof(r[0]));
    if (r[0] != TERN_OK) {
        return 0;
    }
    r[0] = tern_gcm_seal(bc, iv, 7, aad, sizeof(aad), data, sizeof(data), tag, 16);
    r[1] = tern_gcm_open(bc, iv, 7, aad, sizeof(aad), data, sizeof(data), tag, 16);
    tag[0] ^= 1;
    r[2] = tern_gcm_open(bc, iv, 7, aad, sizeof(aad), data, sizeof(data), tag, 16);
    r[3] = tern_ccm_seal(bc, iv, 13, aad, sizeof(aad), data, sizeof(data), tag, 10);
    r[4] = tern_ccm_open(bc, iv, 13, aad, sizeof(aad), data, sizeof(data), tag, 10);
    tag[9] ^= 1;
    r[5] = tern_ccm_open(bc, iv, 13, aad, sizeof(aad), data, sizeof(data), tag, 10);
    tern_block_wipe(&ctx.vtable);
    CT_PUBLIC(r, sizeof(r));
    CT_PUBLIC(data, sizeof(data));
    CT_PUBLIC(tag, sizeof(tag));
    if (r[0] == 0 && r[1] == 0 && r[2] == TERN_ERR_BAD_MAC && r[3] == 0 && r[4] == 0 &&
        r[5] == TERN_ERR_BAD_MAC) {
        rc = 4; /* GCM seal/open, CCM seal/open */
    }
    return rc;
}

#endif

static int check_ghash(tern_ghash_fn gh)
{
    fresh_secrets();
    gh(y, h, data, sizeof(data));
    gh(y, h, data, 5);
    CT_PUBLIC(y, sizeof(y));
    return 1;
}

int main(void)
{
    int fn = 0;
    const tern_block_class *ni = tern_aes_x86ni_get();
    tern_ghash_fn pclmul = tern_ghash_pclmul_get();

#if TERN_CONFIG_AES_CT && TERN_CONFIG_WORD_BITS == 64
    fn += check_block(&tern_aes_ct64_class, 16);
    fn += check_block(&tern_aes_ct64_class, 24);
    fn += check_block(&tern_aes_ct64_class, 32);
    fn += check_direct(&tern_aes_ct64_class);
#endif
#if TERN_CONFIG_AES_CT
    fn += check_block(&tern_aes_ct32_class, 16);
    fn += check_block(&tern_aes_ct32_class, 24);
    fn += check_block(&tern_aes_ct32_class, 32);
    fn += check_direct(&tern_aes_ct32_class);
    /* encrypt only: no ECB decryption, so only the modes */
    fn += check_direct(&tern_aes_ct_enc_class);
    fn += check_aead(&tern_aead_aes128_gcm_ct);
    fn += check_aead(&tern_aead_aes256_gcm_ct);
#endif
#if TERN_CONFIG_3DES
    fn += check_block(&tern_des3_class, 24);
#endif
    fn += check_ghash(tern_ghash_ctmul32);
#if TERN_CONFIG_WORD_BITS == 64
    fn += check_ghash(tern_ghash_ctmul64);
#endif
#if TERN_CONFIG_AES_CT || TERN_CONFIG_AES_X86NI
    if (tern_aes_get() != NULL) {
        /* CCM classes take tern_aes_enc_get(): AES-NI here if present */
        fn += check_aead(&tern_aead_aes128_ccm);
        fn += check_aead(&tern_aead_aes256_ccm8);
    }
#endif
#if TERN_CONFIG_AES_X86NI
    if (ni != NULL) {
        fn += check_block(ni, 16);
        fn += check_block(ni, 32);
        fn += check_direct(ni);
        fn += check_direct(&tern_aes_x86ni_enc_class);
        fn += check_aead(&tern_aead_aes128_gcm);
        fn += check_aead(&tern_aead_aes256_gcm);
        fn += check_aead_len(&tern_aead_aes128_gcm, 100); /* one power of H */
    } else {
        printf("ct_aes: no AES-NI, accelerated paths not checked\n");
    }
#else
    (void)ni;
#endif
    if (pclmul != NULL) {
        fn += check_ghash(pclmul);
    }
    CT_DONE(fn);
    return 0;
}
