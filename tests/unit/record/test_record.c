/*
 * Record layer: header checks (types, versions, length limits per
 * protection), sealing and opening with the null and TLS 1.2 AEAD
 * protections, nonce and additional-data construction cross-checked
 * against OpenSSL's EVP AEADs (RFC 5288 3, RFC 6655 3, RFC 7905 2,
 * RFC 5246 6.2.3.3), tampering, truncation, sequence numbers.
 */
#include <string.h>

#include <openssl/evp.h>

#include "common/endian_internal.h"
#include "record/record_internal.h"
#include "tern/aead.h"
#if TERN_CONFIG_CHACHA20
#include "tern/chacha.h"
#endif
#include "tern_test.h"

/* ---- header checks ----------------------------------------------------- */

static void test_header_types_and_versions(void)
{
    tern_prot p;
    tern_rec_limits lim = {16384, 0, 0};
    uint8_t hdr[5] = {22, 3, 3, 0, 10};
    uint8_t type;
    size_t len;
    int t;

    tern_prot_null_init(&p);
    for (t = 0; t < 256; t++) {
        hdr[0] = (uint8_t)t;
        if (t >= 20 && t <= 23) {
            EXPECT_OK(tern_rec_header_check(hdr, &p, &lim, &type, &len));
            EXPECT_EQ(type, t);
            EXPECT_EQ_U(len, 10);
        } else {
            EXPECT_ERR(TERN_ERR_UNEXPECTED_MESSAGE,
                       tern_rec_header_check(hdr, &p, &lim, &type, &len));
        }
    }
    /* heartbeat (24) only where negotiated */
    hdr[0] = 24;
    lim.heartbeat = 1;
    EXPECT_OK(tern_rec_header_check(hdr, &p, &lim, &type, &len));
    EXPECT_EQ(type, 24);
    lim.heartbeat = 0;
    hdr[0] = 22;
    hdr[1] = 2;
    EXPECT_ERR(TERN_ERR_PROTOCOL_VERSION, tern_rec_header_check(hdr, &p, &lim, &type, &len));
    hdr[1] = 4;
    EXPECT_ERR(TERN_ERR_PROTOCOL_VERSION, tern_rec_header_check(hdr, &p, &lim, &type, &len));
    /* any {3,x} before the version is settled */
    hdr[1] = 3;
    hdr[2] = 1;
    EXPECT_OK(tern_rec_header_check(hdr, &p, &lim, &type, &len));
    lim.version = 0x0303;
    EXPECT_ERR(TERN_ERR_PROTOCOL_VERSION, tern_rec_header_check(hdr, &p, &lim, &type, &len));
    hdr[2] = 3;
    EXPECT_OK(tern_rec_header_check(hdr, &p, &lim, &type, &len));
}

static void test_header_length_limits(void)
{
    tern_prot p;
    tern_rec_limits lim = {512, 0, 0};
    uint8_t hdr[5] = {23, 3, 3, 0, 0};
    uint8_t type;
    size_t len;

    tern_prot_null_init(&p);
    tern_store_be16(hdr + 3, 512);
    EXPECT_OK(tern_rec_header_check(hdr, &p, &lim, &type, &len));
    tern_store_be16(hdr + 3, 513);
    EXPECT_ERR(TERN_ERR_RECORD_OVERFLOW, tern_rec_header_check(hdr, &p, &lim, &type, &len));
    tern_store_be16(hdr + 3, 0xffff);
    EXPECT_ERR(TERN_ERR_RECORD_OVERFLOW, tern_rec_header_check(hdr, &p, &lim, &type, &len));
    tern_store_be16(hdr + 3, 0);
    EXPECT_OK(tern_rec_header_check(hdr, &p, &lim, &type, &len));
    /* a protection's prefix and suffix extend the limit exactly */
    p.prefix = 8;
    p.suffix = 16;
    tern_store_be16(hdr + 3, 512 + 24);
    EXPECT_OK(tern_rec_header_check(hdr, &p, &lim, &type, &len));
    tern_store_be16(hdr + 3, 512 + 25);
    EXPECT_ERR(TERN_ERR_RECORD_OVERFLOW, tern_rec_header_check(hdr, &p, &lim, &type, &len));
    lim.plain_max = 16384;
    tern_store_be16(hdr + 3, 16384 + 24);
    EXPECT_OK(tern_rec_header_check(hdr, &p, &lim, &type, &len));
    tern_store_be16(hdr + 3, 16384 + 25);
    EXPECT_ERR(TERN_ERR_RECORD_OVERFLOW, tern_rec_header_check(hdr, &p, &lim, &type, &len));
}

/* ---- null protection ------------------------------------------------------ */

static void test_null_seal_open(void)
{
    tern_prot p;
    uint8_t rec[5 + 16];
    uint64_t wseq = 0, rseq = 0;
    size_t rec_len, off, len;
    uint8_t type = 22;

    tern_prot_null_init(&p);
    memcpy(rec + 5, "hello, handshake", 16);
    EXPECT_OK(tern_rec_seal(&p, &wseq, 22, 0x0303, rec, 16, &rec_len));
    EXPECT_EQ_U(rec_len, 21);
    EXPECT_EQ(rec[0], 22);
    EXPECT_EQ(tern_load_be16(rec + 1), 0x0303);
    EXPECT_EQ(tern_load_be16(rec + 3), 16);
    EXPECT_EQ_U(wseq, 1);
    EXPECT_OK(tern_rec_open(&p, &rseq, &type, rec, rec_len, &off, &len));
    EXPECT_EQ_U(off, 5);
    EXPECT_EQ_U(len, 16);
    EXPECT_MEM_EQ(rec + 5, "hello, handshake", 16);
    EXPECT_EQ_U(rseq, 1);
    /* RFC 5246 6.1: a sequence number never wraps */
    wseq = UINT64_MAX;
    EXPECT_ERR(TERN_ERR_INTERNAL, tern_rec_seal(&p, &wseq, 22, 0x0303, rec, 16, &rec_len));
    rseq = UINT64_MAX;
    EXPECT_ERR(TERN_ERR_INTERNAL, tern_rec_open(&p, &rseq, &type, rec, 21, &off, &len));
    /* over the protocol maximum */
    wseq = 0;
    EXPECT_ERR(TERN_ERR_INTERNAL, tern_rec_seal(&p, &wseq, 22, 0x0303, rec, 16385, &rec_len));
}

/* ---- AEAD protections ---------------------------------------------------------- */

typedef struct aead_case {
    const char *name;
    const tern_aead_class *cls;
    const EVP_CIPHER *(*evp)(void);
    size_t iv_len, explicit_len, tag_len;
    int ccm;
} aead_case;

/* OpenSSL's view of one record: decrypts ct (len bytes + tag) with the
 * given nonce and AAD. Returns 1 when the tag verifies. */
static int evp_open(const aead_case *ac, const uint8_t *key, const uint8_t *nonce,
                    const uint8_t *aad, const uint8_t *ct, size_t len, const uint8_t *tag,
                    uint8_t *out)
{
    EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
    int ok = 1, n = 0;

    ok &= EVP_DecryptInit_ex(x, ac->evp(), NULL, NULL, NULL) == 1;
    ok &= EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL) == 1;
    if (ac->ccm) {
        ok &= EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_SET_TAG, (int)ac->tag_len, (void *)tag) == 1;
    }
    ok &= EVP_DecryptInit_ex(x, NULL, NULL, key, nonce) == 1;
    if (ac->ccm) {
        ok &= EVP_DecryptUpdate(x, NULL, &n, NULL, (int)len) == 1;
    }
    ok &= EVP_DecryptUpdate(x, NULL, &n, aad, 13) == 1;
    if (ac->ccm) {
        ok &= EVP_DecryptUpdate(x, out, &n, ct, (int)len) == 1;
    } else {
        if (len > 0) {
            ok &= EVP_DecryptUpdate(x, out, &n, ct, (int)len) == 1;
        }
        ok &= EVP_CIPHER_CTX_ctrl(x, EVP_CTRL_AEAD_SET_TAG, (int)ac->tag_len, (void *)tag) == 1;
        ok &= EVP_DecryptFinal_ex(x, out + n, &n) == 1;
    }
    EVP_CIPHER_CTX_free(x);
    return ok;
}

static void run_aead_case(const aead_case *ac)
{
    uint8_t key[32], iv[12], rec[5 + 8 + 300 + 16], copy[sizeof(rec)], nonce[12], aad[13];
    uint8_t plain[300], out[300];
    tern_prot w, r;
    tern_aead_ctx wctx, rctx;
    uint64_t wseq, rseq;
    size_t i, rec_len, off, len, plen;
    uint8_t type;

    for (i = 0; i < sizeof(key); i++) {
        key[i] = (uint8_t)(0x40 + i);
    }
    for (i = 0; i < sizeof(iv); i++) {
        iv[i] = (uint8_t)(0xa0 + i);
    }
    for (i = 0; i < sizeof(plain); i++) {
        plain[i] = (uint8_t)(i * 7);
    }
    tern_prot_null_init(&w);
    tern_prot_null_init(&r);
    tern_prot_bind(&w, &wctx, sizeof(wctx));
    tern_prot_bind(&r, &rctx, sizeof(rctx));
    EXPECT_OK(tern_prot_aead12_init(&w, ac->cls, key, iv, ac->iv_len, ac->explicit_len));
    EXPECT_OK(tern_prot_aead12_init(&r, ac->cls, key, iv, ac->iv_len, ac->explicit_len));
    EXPECT_EQ(w.prefix, ac->explicit_len);
    EXPECT_EQ(w.suffix, ac->tag_len);

    for (plen = 0; plen <= 300; plen += 100) {
        for (wseq = 0; wseq < 3; wseq++) {
            uint64_t seq = wseq == 2 ? 0x0102030405060708ull : wseq;
            uint64_t s2 = seq;
            memcpy(rec + 5 + w.prefix, plain, plen);
            EXPECT_OK(tern_rec_seal(&w, &s2, 23, 0x0303, rec, plen, &rec_len));
            EXPECT_EQ_U(rec_len, 5 + ac->explicit_len + plen + ac->tag_len);
            EXPECT_EQ_U(s2, seq + 1);
            /* the nonce per the RFCs, the AAD per RFC 5246 6.2.3.3 */
            if (ac->explicit_len == 8) {
                memcpy(nonce, iv, 4);
                tern_store_be64(nonce + 4, seq);
                EXPECT_MEM_EQ(rec + 5, nonce + 4, 8); /* we send the seq */
            } else {
                memcpy(nonce, iv, 12);
                for (i = 0; i < 8; i++) {
                    nonce[4 + i] ^= (uint8_t)(seq >> (56 - 8 * i));
                }
            }
            tern_store_be64(aad, seq);
            aad[8] = 23;
            tern_store_be16(aad + 9, 0x0303);
            tern_store_be16(aad + 11, (uint16_t)plen);
            EXPECT_TRUE(evp_open(ac, key, nonce, aad, rec + 5 + ac->explicit_len, plen,
                                 rec + 5 + ac->explicit_len + plen, out));
            EXPECT_MEM_EQ(out, plain, plen);

            memcpy(copy, rec, rec_len);
            rseq = seq;
            type = 23;
            EXPECT_OK(tern_rec_open(&r, &rseq, &type, rec, rec_len, &off, &len));
            EXPECT_EQ_U(off, 5 + ac->explicit_len);
            EXPECT_EQ_U(len, plen);
            EXPECT_MEM_EQ(rec + off, plain, plen);
            EXPECT_EQ_U(rseq, seq + 1);

            /* wrong sequence number, wrong type, wrong version: all in
             * the AAD or nonce */
            memcpy(rec, copy, rec_len);
            rseq = seq + 1;
            type = 23;
            EXPECT_ERR(TERN_ERR_BAD_RECORD_MAC,
                       tern_rec_open(&r, &rseq, &type, rec, rec_len, &off, &len));
            EXPECT_EQ_U(rseq, seq + 1); /* not advanced on failure */
            memcpy(rec, copy, rec_len);
            rseq = seq;
            type = 22;
            EXPECT_ERR(TERN_ERR_BAD_RECORD_MAC,
                       tern_rec_open(&r, &rseq, &type, rec, rec_len, &off, &len));
            memcpy(rec, copy, rec_len);
            rec[2] = 2;
            type = 23;
            EXPECT_ERR(TERN_ERR_BAD_RECORD_MAC,
                       tern_rec_open(&r, &rseq, &type, rec, rec_len, &off, &len));
        }
    }

    /* every single-bit flip of the fragment is caught */
    plen = 40;
    wseq = 5;
    memcpy(rec + 5 + w.prefix, plain, plen);
    EXPECT_OK(tern_rec_seal(&w, &wseq, 23, 0x0303, rec, plen, &rec_len));
    memcpy(copy, rec, rec_len);
    for (i = 5; i < rec_len; i++) {
        int ok;
        memcpy(rec, copy, rec_len);
        rec[i] ^= 0x01;
        rseq = 5;
        type = 23;
        ok = tern_rec_open(&r, &rseq, &type, rec, rec_len, &off, &len) == TERN_ERR_BAD_RECORD_MAC;
        EXPECT_TRUE(ok);
        if (!ok) {
            break;
        }
    }
    /* truncated: every length short of the full record */
    for (i = 5; i < rec_len; i++) {
        memcpy(rec, copy, rec_len);
        rseq = 5;
        type = 23;
        EXPECT_ERR(TERN_ERR_BAD_RECORD_MAC, tern_rec_open(&r, &rseq, &type, rec, i, &off, &len));
    }
    tern_prot_wipe(&w);
    tern_prot_wipe(&r);
    EXPECT_TRUE(w.cls != NULL && w.active == 0 && wctx.vtable == NULL);
}

static void test_aead_protections(void)
{
    static const aead_case cases[] = {
#if TERN_CONFIG_CHACHA20
        {"ChaCha20-Poly1305", &tern_aead_chacha20_poly1305, EVP_chacha20_poly1305, 12, 0, 16, 0},
#endif
        {NULL, NULL, NULL, 0, 0, 0, 0}
    };
    size_t i;
    for (i = 0; cases[i].name != NULL; i++) {
        run_aead_case(&cases[i]);
    }
    EXPECT_TRUE(i > 0);
}

static void test_aead_init_rejects_bad_layout(void)
{
#if TERN_CONFIG_CHACHA20
    tern_prot p;
    tern_aead_ctx ctx;
    uint8_t key[32] = {0}, iv[12] = {0};
    tern_prot_null_init(&p);
    /* no storage bound: nothing can be keyed */
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_prot_aead12_init(&p, &tern_aead_chacha20_poly1305, key, iv, 12, 0));
    /* storage smaller than the context */
    tern_prot_bind(&p, &ctx, tern_aead_chacha20_poly1305.ctx_size - 1);
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_prot_aead12_init(&p, &tern_aead_chacha20_poly1305, key, iv, 12, 0));
    tern_prot_bind(&p, &ctx, sizeof(ctx));
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_prot_aead12_init(&p, &tern_aead_chacha20_poly1305, key, iv, 4, 0));
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_prot_aead12_init(&p, &tern_aead_chacha20_poly1305, key, iv, 12, 8));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_prot_aead12_init(&p, NULL, key, iv, 12, 0));
    EXPECT_EQ(p.active, 0);
    EXPECT_OK(tern_prot_aead12_init(&p, &tern_aead_chacha20_poly1305, key, iv, 12, 0));
    EXPECT_EQ(p.active, 1);
    tern_prot_wipe(&p);
    EXPECT_EQ(p.active, 0);
    EXPECT_TRUE(p.aead == &ctx.vtable && p.aead_cap == sizeof(ctx)); /* still bound */
#else
    TEST_SKIP("no AEAD compiled in");
#endif
}

int main(void)
{
    RUN_TEST(test_header_types_and_versions);
    RUN_TEST(test_header_length_limits);
    RUN_TEST(test_null_seal_open);
    RUN_TEST(test_aead_protections);
    RUN_TEST(test_aead_init_rejects_bad_layout);
    return TEST_REPORT();
}
