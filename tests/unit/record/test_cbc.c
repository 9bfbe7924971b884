/*
 * CBC record protections (RFC 5246 6.2.3.2, RFC 7366, RFC 2246 6.2.3.2
 * with TERN_CONFIG_TLS10): round trips for every cipher x MAC x mode,
 * cross-checked both ways against a reference record built from
 * OpenSSL's libcrypto primitives (EVP AES-CBC / DES-EDE3-CBC without
 * padding, and HMAC computed here by hand from EVP digests), Botan's TLS
 * CBC known answers (tls_cbc_kat.vec, TLS and DTLS), and negative tests:
 * every kind of bad padding, MAC failures, truncation, lengths that are
 * not block multiples, empty fragments; all must give the one error
 * TERN_ERR_BAD_RECORD_MAC.
 *
 * The constant-time pieces are tested on their own in test_cbc_parts.c.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "common/endian_internal.h"
#include "record/cbc_internal.h"
#include "record/record_internal.h"
#include "tern/cipher.h"
#include "tern/mac.h"
#include "tern/rand.h"
#include "tern_test.h"
#include "tv.h"

/* ---- suites ------------------------------------------------------------- */

typedef struct suite {
    const char *name;
    int des3;       /* 3DES, else AES */
    size_t key_len; /* cipher key bytes */
    size_t bs;      /* block bytes */
    const EVP_CIPHER *(*evp)(void);
    const tern_hash_class *hash;
    const EVP_MD *(*md)(void);
} suite;

static const suite suites[] = {
#if TERN_CONFIG_SHA1
    {"AES-128-CBC-SHA", 0, 16, 16, EVP_aes_128_cbc, &tern_sha1_class, EVP_sha1},
    {"AES-256-CBC-SHA", 0, 32, 16, EVP_aes_256_cbc, &tern_sha1_class, EVP_sha1},
#endif
    {"AES-128-CBC-SHA256", 0, 16, 16, EVP_aes_128_cbc, &tern_sha256_class, EVP_sha256},
    {"AES-256-CBC-SHA256", 0, 32, 16, EVP_aes_256_cbc, &tern_sha256_class, EVP_sha256},
    {"AES-128-CBC-SHA384", 0, 16, 16, EVP_aes_128_cbc, &tern_sha384_class, EVP_sha384},
    {"AES-256-CBC-SHA384", 0, 32, 16, EVP_aes_256_cbc, &tern_sha384_class, EVP_sha384},
#if TERN_CONFIG_3DES
#if TERN_CONFIG_SHA1
    {"3DES-EDE-CBC-SHA", 1, 24, 8, EVP_des_ede3_cbc, &tern_sha1_class, EVP_sha1},
#endif
    {"3DES-EDE-CBC-SHA256", 1, 24, 8, EVP_des_ede3_cbc, &tern_sha256_class, EVP_sha256},
    {"3DES-EDE-CBC-SHA384", 1, 24, 8, EVP_des_ede3_cbc, &tern_sha384_class, EVP_sha384},
#endif
};
#define NSUITES (sizeof(suites) / sizeof(suites[0]))

/* The TLS 1.0 build (test_cbc_tls10, see test_cbc.cmake) runs the TLS 1.0
 * modes; the TLS 1.1/1.2 ones are the default build's, same code. */
static const unsigned modes[] = {
#if TERN_CONFIG_TLS10
    TERN_PROT_CBC_TLS10,
#if TERN_CONFIG_ENCRYPT_THEN_MAC
    TERN_PROT_CBC_TLS10 | TERN_PROT_CBC_ETM,
#endif
#else
    0,
#if TERN_CONFIG_ENCRYPT_THEN_MAC
    TERN_PROT_CBC_ETM,
#endif
#endif
};
#define NMODES (sizeof(modes) / sizeof(modes[0]))

static const tern_block_class *suite_cipher(const suite *s)
{
#if TERN_CONFIG_3DES
    if (s->des3) {
        return &tern_des3_class;
    }
#else
    (void)s;
#endif
    return tern_aes_get();
}

/* Key material of one direction. */
typedef struct dir_keys {
    const suite *s;
    unsigned flags;
    uint8_t enc[32], mac[48], iv[16];
} dir_keys;

static void make_keys(dir_keys *k, const suite *s, unsigned flags, uint8_t salt)
{
    size_t i;
    memset(k, 0, sizeof(*k)); /* padding too: open_fresh compares keys */
    k->s = s;
    k->flags = flags;
    for (i = 0; i < sizeof(k->enc); i++) {
        k->enc[i] = (uint8_t)(salt + 3 * i + 1);
    }
    for (i = 0; i < sizeof(k->mac); i++) {
        k->mac[i] = (uint8_t)(salt ^ (7 * i + 5));
    }
    for (i = 0; i < sizeof(k->iv); i++) {
        k->iv[i] = (uint8_t)(salt + 11 * i);
    }
}

static tern_hmac_drbg_ctx drbg;

static const tern_rng_class **test_rng(void)
{
    static int ready;
    if (!ready) {
        uint8_t ent[32], nonce[16];
        memset(ent, 0x5a, sizeof(ent));
        memset(nonce, 0xa5, sizeof(nonce));
        if (tern_hmac_drbg_init_seeded(&drbg, &tern_sha256_class, ent, 32, nonce, 16, NULL, 0) !=
            TERN_OK) {
            TEST_FAIL("drbg");
        }
        tern_hmac_drbg_set_reseed_interval(&drbg, UINT32_MAX);
        ready = 1;
    }
    return &drbg.vtable;
}

/* A protection with its own bound storage, as the engine provides it. */
typedef struct cbc_prot {
    tern_prot base;
    uint64_t store[256];
} cbc_prot;

static void setup(cbc_prot *p)
{
    tern_prot_null_init(&p->base);
    tern_prot_bind(&p->base, p->store, sizeof(p->store));
}

/* 1 if every byte of p's storage is zero (after a wipe). */
static int store_zero(const cbc_prot *p)
{
    size_t i;
    for (i = 0; i < sizeof(p->store) / sizeof(p->store[0]); i++) {
        if (p->store[i] != 0) {
            return 0;
        }
    }
    return 1;
}

static int prot_init(cbc_prot *p, const dir_keys *k, unsigned extra)
{
    setup(p);
    tern_prot_cbc_keys keys;
    keys.cipher = suite_cipher(k->s);
    keys.enc_key = k->enc;
    keys.enc_key_len = k->s->key_len;
    keys.mac_hash = k->s->hash;
    keys.mac_key = k->mac;
    keys.mac_key_len = k->s->hash->digest_len;
    keys.iv = (k->flags & TERN_PROT_CBC_TLS10) ? k->iv : NULL;
    return tern_prot_cbc_init(&p->base, &keys, k->flags | extra,
                              (k->flags & TERN_PROT_CBC_TLS10) ? NULL : test_rng());
}

/* ---- the reference record, from OpenSSL primitives ------------------------- */

/* HMAC by hand (RFC 2104 2): H((K ^ opad) || H((K ^ ipad) || a || b)), key
 * no longer than the block. */
static void hand_hmac(const EVP_MD *md, const uint8_t *key, size_t klen, const uint8_t *a,
                      size_t alen, const uint8_t *b, size_t blen, uint8_t *out)
{
    uint8_t k[128], inner[64];
    size_t bl = (size_t)EVP_MD_get_block_size(md), i;
    unsigned int n = 0;
    EVP_MD_CTX *x = EVP_MD_CTX_new();

    memset(k, 0, sizeof(k));
    memcpy(k, key, klen);
    for (i = 0; i < bl; i++) {
        k[i] ^= 0x36;
    }
    EVP_DigestInit_ex(x, md, NULL);
    EVP_DigestUpdate(x, k, bl);
    EVP_DigestUpdate(x, a, alen);
    if (blen > 0) {
        EVP_DigestUpdate(x, b, blen);
    }
    EVP_DigestFinal_ex(x, inner, &n);
    for (i = 0; i < bl; i++) {
        k[i] ^= 0x36 ^ 0x5c;
    }
    EVP_DigestInit_ex(x, md, NULL);
    EVP_DigestUpdate(x, k, bl);
    EVP_DigestUpdate(x, inner, n);
    EVP_DigestFinal_ex(x, out, &n);
    EVP_MD_CTX_free(x);
}

/* CBC without padding, in place. */
static int evp_cbc(const suite *s, const uint8_t *key, const uint8_t *iv, int enc, uint8_t *buf,
                   size_t len)
{
    EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();
    int ok, n1 = 0, n2 = 0;
    ok = EVP_CipherInit_ex(x, s->evp(), NULL, key, iv, enc) == 1;
    ok &= EVP_CIPHER_CTX_set_padding(x, 0) == 1;
    if (len > 0) {
        ok &= EVP_CipherUpdate(x, buf, &n1, buf, (int)len) == 1;
    }
    ok &= EVP_CipherFinal_ex(x, buf + n1, &n2) == 1;
    EVP_CIPHER_CTX_free(x);
    return ok && (size_t)(n1 + n2) == len;
}

static void mac_hdr(uint8_t h[13], uint64_t seq, uint8_t type, uint16_t version, size_t len)
{
    tern_store_be64(h, seq);
    h[8] = type;
    tern_store_be16(h + 9, version);
    tern_store_be16(h + 11, (uint16_t)len);
}

/* One direction as OpenSSL's primitives see it. chain: the TLS 1.0 IV. */
typedef struct ref_dir {
    const dir_keys *k;
    uint8_t chain[16];
} ref_dir;

static void ref_init(ref_dir *d, const dir_keys *k)
{
    d->k = k;
    memcpy(d->chain, k->iv, sizeof(d->chain));
}

static int tls10(const ref_dir *d)
{
    return (d->k->flags & TERN_PROT_CBC_TLS10) != 0;
}

static int etm(const ref_dir *d)
{
    return (d->k->flags & TERN_PROT_CBC_ETM) != 0;
}

/* Builds a fragment: plaintext pt, then (MAC-then-encrypt) the MAC, then
 * the given padding bytes (pad_n of them, the last being the length byte
 * as the caller wants it), encrypted with iv (ignored in TLS 1.0: the
 * chain), and (encrypt-then-MAC) the MAC. flip_mac corrupts the MAC.
 * Returns the fragment length. */
static size_t ref_seal(ref_dir *d, uint64_t seq, uint8_t type, uint16_t version, const uint8_t *pt,
                       size_t plen, const uint8_t *pad, size_t pad_n, const uint8_t *iv,
                       int flip_mac, uint8_t *frag)
{
    const suite *s = d->k->s;
    size_t bs = s->bs, ml = s->hash->digest_len, ivl = tls10(d) ? 0 : bs;
    uint8_t hdr[13], use_iv[16];
    uint8_t *body = frag + ivl;
    size_t n = plen;

    memcpy(use_iv, tls10(d) ? d->chain : iv, bs);
    if (ivl) {
        memcpy(frag, iv, bs);
    }
    memmove(body, pt, plen);
    if (!etm(d)) {
        mac_hdr(hdr, seq, type, version, plen);
        hand_hmac(s->md(), d->k->mac, ml, hdr, 13, body, plen, body + plen);
        if (flip_mac) {
            body[plen] ^= 0x80;
        }
        n += ml;
    }
    memcpy(body + n, pad, pad_n);
    n += pad_n;
    if (n % bs != 0 || !evp_cbc(s, d->k->enc, use_iv, 1, body, n)) {
        /* the caller wants a length that is not a block multiple: seal the
         * whole blocks and leave the tail as it is */
        size_t whole = n / bs * bs;
        if (whole > 0 && !evp_cbc(s, d->k->enc, use_iv, 1, body, whole)) {
            TEST_FAIL("EVP encrypt");
        }
    }
    if (tls10(d) && n >= bs) {
        memcpy(d->chain, body + n / bs * bs - bs, bs);
    }
    if (etm(d)) {
        mac_hdr(hdr, seq, type, version, ivl + n);
        hand_hmac(s->md(), d->k->mac, ml, hdr, 13, frag, ivl + n, body + n);
        if (flip_mac) {
            body[n] ^= 0x80;
        }
        n += ml;
    }
    return ivl + n;
}

/* Minimal padding for n bytes before it, into pad[]; returns its length. */
static size_t min_pad(size_t n, size_t bs, uint8_t *pad)
{
    size_t p = bs - n % bs, i;
    for (i = 0; i < p; i++) {
        pad[i] = (uint8_t)(p - 1);
    }
    return p;
}

/* Opens a fragment the straightforward way (not constant-time: a test
 * reference). Returns 1 and the plaintext (in out, *plen) and the
 * padding length (*pad_total, with its length byte) when valid. */
static int ref_open(ref_dir *d, uint64_t seq, uint8_t type, uint16_t version, const uint8_t *frag,
                    size_t flen, uint8_t *out, size_t *plen, size_t *pad_total)
{
    const suite *s = d->k->s;
    size_t bs = s->bs, ml = s->hash->digest_len, ivl = tls10(d) ? 0 : bs;
    uint8_t hdr[13], mac[64], iv[16], *buf;
    size_t n, p, i, len;
    int ok = 1;

    if (flen < ivl) {
        return 0;
    }
    n = flen - ivl;
    if (etm(d)) {
        if (n < ml + bs || (n - ml) % bs != 0) {
            return 0;
        }
        n -= ml;
        mac_hdr(hdr, seq, type, version, ivl + n);
        hand_hmac(s->md(), d->k->mac, ml, hdr, 13, frag, ivl + n, mac);
        if (memcmp(mac, frag + ivl + n, ml) != 0) {
            return 0;
        }
    } else if (n % bs != 0 || n < ml + 1) {
        return 0;
    }
    buf = malloc(n);
    memcpy(buf, frag + ivl, n);
    memcpy(iv, tls10(d) ? d->chain : frag, bs);
    if (!evp_cbc(s, d->k->enc, iv, 0, buf, n)) {
        free(buf);
        return 0;
    }
    if (tls10(d)) {
        memcpy(d->chain, frag + ivl + n - bs, bs);
    }
    p = buf[n - 1];
    if (p + 1 + (etm(d) ? 0 : ml) > n) {
        free(buf);
        return 0;
    }
    for (i = 0; i <= p; i++) {
        ok &= buf[n - 1 - i] == p;
    }
    len = n - (p + 1) - (etm(d) ? 0 : ml);
    if (ok && !etm(d)) {
        mac_hdr(hdr, seq, type, version, len);
        hand_hmac(s->md(), d->k->mac, ml, hdr, 13, buf, len, mac);
        ok = memcmp(mac, buf + len, ml) == 0;
    }
    if (ok) {
        memcpy(out, buf, len);
        *plen = len;
        *pad_total = p + 1;
    }
    free(buf);
    return ok;
}

/* ---- round trips and the cross-check ----------------------------------------- */

#define REC_CAP (5 + 68 + 16384 + 320)

static uint8_t rec[REC_CAP], copy[REC_CAP], pt[16384 + 256], out[16384 + 256];

static void fill(uint8_t *p, size_t n, uint32_t seed)
{
    size_t i;
    for (i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (uint8_t)(seed >> 16);
    }
}

static const size_t lengths[] = {0,  1,  2,  7,  8,   15,  16,  17,  31,  32,  33,   47,   48,   55,
                                 56, 63, 64, 65, 100, 127, 128, 129, 255, 256, 1000, 4097, 16384};

static void run_round_trips(const suite *s, unsigned flags)
{
    dir_keys k;
    cbc_prot w, r, r2;
    ref_dir ref_a, ref_b;
    uint64_t wseq = 0, rseq = 0, bseq = 0x0102030405060708ull;
    size_t li, rec_len, off, len, pad_total, ml = s->hash->digest_len;
    size_t ivl = (flags & TERN_PROT_CBC_TLS10) ? 0 : s->bs;
    uint8_t type;

    make_keys(&k, s, flags, (uint8_t)(flags * 17 + s->key_len));
    EXPECT_OK(prot_init(&w, &k, 0));
    EXPECT_OK(prot_init(&r, &k, 0));
    EXPECT_OK(prot_init(&r2, &k, 0));
    EXPECT_EQ(w.base.prefix, ivl);
    EXPECT_EQ(w.base.suffix, ml + s->bs);
    EXPECT_EQ_U(tern_prot_cbc_in_expansion(&w.base), ivl + ml + 256);
    EXPECT_TRUE(tern_prot_is_cbc(&w.base));
    EXPECT_TRUE(w.base.active == 1);
    ref_init(&ref_a, &k);
    ref_init(&ref_b, &k);

    for (li = 0; li < sizeof(lengths) / sizeof(lengths[0]); li++) {
        size_t n = lengths[li], got_len = 0;
        uint8_t ctype = (uint8_t)(li % 2 ? TERN_CT_APPLICATION_DATA : TERN_CT_HANDSHAKE);
        uint16_t version = (flags & TERN_PROT_CBC_TLS10) ? 0x0301 : (li % 3 ? 0x0303 : 0x0302);
        uint8_t pad[256], iv[16];
        size_t pad_n, before, frag_len;
        int ok;

        /* tern seals; the reference and a tern reader open it */
        fill(pt, n, (uint32_t)(li + 1));
        memcpy(rec + 5 + w.base.prefix, pt, n);
        EXPECT_OK(tern_rec_seal(&w.base, &wseq, ctype, version, rec, n, &rec_len));
        EXPECT_EQ_U(wseq, li + 1);
        EXPECT_EQ(rec[0], ctype);
        EXPECT_EQ(tern_load_be16(rec + 1), version);
        EXPECT_EQ_U(tern_load_be16(rec + 3), rec_len - 5);
        /* minimal padding: the fragment is the next block multiple */
        before = n + (flags & TERN_PROT_CBC_ETM ? 0 : ml);
        EXPECT_EQ_U(rec_len - 5,
                    ivl + (before / s->bs + 1) * s->bs + (flags & TERN_PROT_CBC_ETM ? ml : 0));
        EXPECT_TRUE(rec_len - 5 <= ivl + n + w.base.suffix);
        ok = ref_open(&ref_a, wseq - 1, ctype, version, rec + 5, rec_len - 5, out, &got_len,
                      &pad_total);
        EXPECT_TRUE(ok);
        if (ok) {
            EXPECT_EQ_U(got_len, n);
            EXPECT_MEM_EQ(out, pt, n);
            EXPECT_TRUE(pad_total >= 1 && pad_total <= s->bs);
        }
        type = ctype;
        EXPECT_OK(tern_rec_open(&r.base, &rseq, &type, rec, rec_len, &off, &len));
        EXPECT_EQ_U(off, 5 + ivl);
        EXPECT_EQ_U(len, n);
        EXPECT_MEM_EQ(rec + off, pt, n);
        EXPECT_EQ(type, ctype);

        /* the reference seals with every amount of padding in turn (up to
         * 255 bytes, RFC 5246 6.2.3.2), tern opens */
        fill(pt, n, (uint32_t)(li + 77));
        before = n + (flags & TERN_PROT_CBC_ETM ? 0 : ml);
        pad_n = s->bs - before % s->bs + s->bs * (li % (256 / s->bs)); /* <= 256 */
        memset(pad, (int)(pad_n - 1), pad_n);
        fill(iv, sizeof(iv), (uint32_t)li);
        frag_len = ref_seal(&ref_b, bseq, ctype, version, pt, n, pad, pad_n, iv, 0, rec + 5);
        tern_rec_header_write(rec, ctype, version, frag_len);
        type = ctype;
        EXPECT_OK(tern_rec_open(&r2.base, &bseq, &type, rec, 5 + frag_len, &off, &len));
        EXPECT_EQ_U(len, n);
        EXPECT_MEM_EQ(rec + off, pt, n);
    }
    EXPECT_EQ_U(rseq, wseq);
    tern_prot_wipe(&w.base);
    tern_prot_wipe(&r.base);
    tern_prot_wipe(&r2.base);
    EXPECT_TRUE(w.base.active == 0 && store_zero(&w) && w.base.cls != NULL);
    /* the binding survives the wipe: the protection can be keyed again */
    EXPECT_TRUE(w.base.aead == (const tern_aead_class **)(void *)w.store);
    EXPECT_FALSE(tern_prot_is_cbc(&w.base));
}

static void test_round_trips_all_suites(void)
{
    size_t si, mi;
    for (si = 0; si < NSUITES; si++) {
        for (mi = 0; mi < NMODES; mi++) {
            run_round_trips(&suites[si], modes[mi]);
        }
    }
    EXPECT_TRUE(NSUITES >= 4);
}

/* ---- negative tests ------------------------------------------------------------ */

/* Opens fragment frag (frag_len bytes) with a reader in its initial state;
 * returns the result code. The reader is keyed once per key set and, in
 * TLS 1.0, its IV chain is put back to the key block's IV each time. */
static int open_fresh(const dir_keys *k, uint64_t seq, uint8_t type, uint16_t version,
                      const uint8_t *frag, size_t frag_len)
{
    static cbc_prot r;
    static dir_keys keyed;
    size_t off = 0, len = 0;
    uint64_t s = seq;
    int rc;

    memcpy(copy + 5, frag, frag_len);
    tern_rec_header_write(copy, type, version, frag_len);
    if (r.base.active == 0 || memcmp(&keyed, k, sizeof(keyed)) != 0) {
        if (prot_init(&r, k, 0) != TERN_OK) {
            return -99999;
        }
        memcpy(&keyed, k, sizeof(keyed));
    }
    memcpy(tern_cbc_state_of(&r.base)->chain, k->iv, 16);
    rc = tern_rec_open(&r.base, &s, &type, copy, 5 + frag_len, &off, &len);
    if (rc == TERN_OK && s != seq + 1) {
        rc = -99998;
    }
    if (rc != TERN_OK && s != seq) {
        rc = -99997; /* the sequence number moved on a failure */
    }
    return rc;
}

/* A fragment from the reference with the given padding and flags. */
static size_t seal_with(const dir_keys *k, const uint8_t *p, size_t n, const uint8_t *pad,
                        size_t pad_n, int flip_mac, uint8_t *frag)
{
    ref_dir d;
    uint8_t iv[16];
    ref_init(&d, k);
    fill(iv, sizeof(iv), 99);
    return ref_seal(&d, 7, TERN_CT_APPLICATION_DATA, 0x0303, p, n, pad, pad_n, iv, flip_mac, frag);
}

static uint8_t frag[16384 + 512];

/* thorough: every padding value and length; otherwise a spread sample
 * (the code paths do not depend on the suite, and this keeps the test
 * fast). */
static void run_negative(const suite *s, unsigned flags, int thorough)
{
    size_t step = thorough ? 1 : 11;
    dir_keys k;
    size_t bs = s->bs, ml = s->hash->digest_len, ivl = (flags & TERN_PROT_CBC_TLS10) ? 0 : bs;
    int is_etm = (flags & TERN_PROT_CBC_ETM) != 0;
    uint8_t pad[512];
    size_t n, pad_n, flen, i, p, before;
    const uint8_t tp = TERN_CT_APPLICATION_DATA;
    int bad = 0;

#define EXPECT_BAD(expr)                                                                           \
    do {                                                                                           \
        int rc_ = (expr);                                                                          \
        if (rc_ != TERN_ERR_BAD_RECORD_MAC) {                                                      \
            bad++;                                                                                 \
            EXPECT_ERR(TERN_ERR_BAD_RECORD_MAC, rc_);                                              \
        }                                                                                          \
    } while (0)

    make_keys(&k, s, flags, 0x42);
    fill(pt, 300, 5);

    /* valid: every padding length 0..255 that keeps block alignment */
    for (n = 0; n < 40; n += 13) {
        before = n + (is_etm ? 0 : ml);
        for (pad_n = bs - before % bs; pad_n <= 256; pad_n += bs * step) {
            memset(pad, (int)(pad_n - 1), pad_n);
            flen = seal_with(&k, pt, n, pad, pad_n, 0, frag);
            EXPECT_OK(open_fresh(&k, 7, tp, 0x0303, frag, flen));
        }
    }

    /* wrong padding byte, at each position of paddings of several
     * lengths, by several amounts */
    n = 21;
    before = n + (is_etm ? 0 : ml);
    for (pad_n = bs - before % bs; pad_n <= 256; pad_n += (thorough ? 3 : 9) * bs) {
        for (i = 0; i < pad_n; i++) {
            memset(pad, (int)(pad_n - 1), pad_n);
            pad[i] ^= (uint8_t)(i % 2 ? 0x01 : 0x80);
            flen = seal_with(&k, pt, n, pad, pad_n, 0, frag);
            EXPECT_BAD(open_fresh(&k, 7, tp, 0x0303, frag, flen));
        }
    }
    /* padding_length larger than the padding bytes that match */
    for (p = 0; p < 256; p += step) {
        pad_n = bs - before % bs;
        memset(pad, (int)(pad_n - 1), pad_n);
        if (p == pad_n - 1) {
            continue;
        }
        pad[pad_n - 1] = (uint8_t)p;
        flen = seal_with(&k, pt, n, pad, pad_n, 0, frag);
        if (is_etm && p == 0) {
            /* a lone length byte 0 is valid padding; the bytes before it
             * are plaintext, all authenticated */
            EXPECT_OK(open_fresh(&k, 7, tp, 0x0303, frag, flen));
        } else {
            EXPECT_BAD(open_fresh(&k, 7, tp, 0x0303, frag, flen));
        }
    }
    /* padding length beyond the record: a short record whose length byte
     * claims more than the fragment holds (every claim up to 255), with
     * all bytes equal to it so only the length is wrong */
    for (p = 0; p < 256; p += step) {
        size_t total = (is_etm ? 0 : ml) + 1;
        total = (total + bs - 1) / bs * bs; /* the smallest record */
        if (p + 1 + (is_etm ? 0 : ml) <= total) {
            continue;
        }
        /* the plaintext, the MAC and the padding: all p */
        memset(pad, (int)p, total);
        flen = seal_with(&k, pad, 0, pad, total - (is_etm ? 0 : ml), 0, frag);
        EXPECT_BAD(open_fresh(&k, 7, tp, 0x0303, frag, flen));
    }

    /* the whole decrypted fragment is padding bytes p, for every p the
     * fragment cannot hold (MAC-then-encrypt: p + 1 + MAC > length):
     * built as encrypt-then-MAC's body without the MAC */
    if (!is_etm) {
        dir_keys k2 = k;
        size_t total = (ml + 1 + bs - 1) / bs * bs;
        k2.flags |= TERN_PROT_CBC_ETM;
        for (; total <= ml + 2 * bs; total += bs) {
            for (p = total - ml - 1; p < 256; p += step) {
                memset(pad, (int)p, total);
                flen = seal_with(&k2, pad, 0, pad, total, 0, frag);
                EXPECT_BAD(open_fresh(&k, 7, tp, 0x0303, frag, flen - ml));
            }
        }
    }

    /* MAC failure with good padding; wrong sequence number, type, version */
    n = 50;
    before = n + (is_etm ? 0 : ml);
    pad_n = min_pad(before, bs, pad);
    flen = seal_with(&k, pt, n, pad, pad_n, 1, frag);
    EXPECT_BAD(open_fresh(&k, 7, tp, 0x0303, frag, flen));
    flen = seal_with(&k, pt, n, pad, pad_n, 0, frag);
    EXPECT_OK(open_fresh(&k, 7, tp, 0x0303, frag, flen));
    EXPECT_BAD(open_fresh(&k, 8, tp, 0x0303, frag, flen));
    EXPECT_BAD(open_fresh(&k, 7, TERN_CT_HANDSHAKE, 0x0303, frag, flen));
    EXPECT_BAD(open_fresh(&k, 7, tp, 0x0302, frag, flen));

    /* every single-bit flip of the fragment: first bit of each byte */
    memcpy(out, frag, flen);
    for (i = 0; i < flen; i++) {
        memcpy(frag, out, flen);
        frag[i] ^= (uint8_t)(1u << (i % 8));
        EXPECT_BAD(open_fresh(&k, 7, tp, 0x0303, frag, flen));
    }
    /* truncated: every shorter length (block multiples, others, zero) */
    for (i = 0; i < flen; i++) {
        memcpy(frag, out, flen);
        EXPECT_BAD(open_fresh(&k, 7, tp, 0x0303, frag, i));
    }
    /* extended by a block of garbage, by a byte */
    memcpy(frag, out, flen);
    memset(frag + flen, 0x5c, bs);
    EXPECT_BAD(open_fresh(&k, 7, tp, 0x0303, frag, flen + bs));
    EXPECT_BAD(open_fresh(&k, 7, tp, 0x0303, frag, flen + 1));

    /* too short for the MAC: well-formed padding and whole blocks, but
     * fewer bytes than a MAC and its padding byte */
    if (!is_etm) {
        for (flen = bs; flen < ml + 1; flen += bs) {
            memset(pad, (int)(flen - 1), flen);
            /* encrypt a plain run of padding bytes: ref_seal with no MAC
             * is the encrypt-then-MAC shape, so build it directly */
            {
                dir_keys k2 = k;
                size_t fl;
                k2.flags |= TERN_PROT_CBC_ETM;
                fl = seal_with(&k2, pad, 0, pad, flen, 0, frag);
                EXPECT_BAD(open_fresh(&k, 7, tp, 0x0303, frag, fl - ml));
            }
        }
    }
    /* not a block multiple, and the empty fragment */
    EXPECT_BAD(open_fresh(&k, 7, tp, 0x0303, frag, 0));
    for (flen = 1; flen < ivl + ml + 3 * bs; flen++) {
        if ((flen - ivl - (is_etm ? ml : 0)) % bs != 0 || flen < ivl) {
            fill(frag, flen, (uint32_t)flen);
            EXPECT_BAD(open_fresh(&k, 7, tp, 0x0303, frag, flen));
        }
    }
    if (bad > 0) {
        fprintf(stderr, "  suite %s flags %u: %d bad results\n", s->name, flags, bad);
    }
#undef EXPECT_BAD
}

static void test_negative_all_suites(void)
{
    size_t si, mi;
    for (si = 0; si < NSUITES; si++) {
        for (mi = 0; mi < NMODES; mi++) {
            /* every value for the first AES and the first 3DES suite */
            run_negative(&suites[si], modes[mi],
                         si == 0 || (si > 0 && suites[si].des3 && !suites[si - 1].des3));
        }
    }
}

/* ---- TLS 1.0: chaining and 1/n-1 splitting ------------------------------------- */

#if TERN_CONFIG_TLS10
static void run_split(const suite *s, unsigned flags)
{
    dir_keys k;
    cbc_prot w, r;
    ref_dir ref;
    uint64_t wseq = 0, rseq = 0;
    size_t n, rec_len, off, len, l1, l2, got, pad_total;
    uint8_t type;
    int ok;

    make_keys(&k, s, flags, 9);
    EXPECT_OK(prot_init(&w, &k, TERN_PROT_CBC_SPLIT));
    EXPECT_OK(prot_init(&r, &k, 0));
    ref_init(&ref, &k);
    EXPECT_TRUE(w.base.prefix > 4 && w.base.prefix <= TERN_RECORD_CBC_MAX_PREFIX);

    for (n = 0; n < 600; n += 37) {
        uint8_t t = (uint8_t)(n % 2 ? TERN_CT_APPLICATION_DATA : TERN_CT_HANDSHAKE);
        uint64_t before = wseq;
        fill(pt, n, (uint32_t)n);
        memset(rec, 0xee, sizeof(rec));
        memcpy(rec + 5 + w.base.prefix, pt, n);
        EXPECT_OK(tern_rec_seal_split(&w.base, &wseq, t, 0x0301, rec, n, &rec_len));
        EXPECT_TRUE(rec_len <= 5 + w.base.prefix + n + w.base.suffix);
        if (t == TERN_CT_APPLICATION_DATA && n >= 2) {
            /* two records: one byte, then the rest */
            EXPECT_EQ_U(wseq, before + 2);
            l1 = tern_load_be16(rec + 3);
            EXPECT_TRUE(5 + l1 + 5 <= rec_len);
            l2 = tern_load_be16(rec + 5 + l1 + 3);
            EXPECT_EQ_U(rec_len, 10 + l1 + l2);
            EXPECT_EQ(rec[5 + l1], TERN_CT_APPLICATION_DATA);
            ok = ref_open(&ref, before, t, 0x0301, rec + 5, l1, out, &got, &pad_total);
            EXPECT_TRUE(ok && got == 1 && out[0] == pt[0]);
            ok = ref_open(&ref, before + 1, t, 0x0301, rec + 10 + l1, l2, out, &got, &pad_total);
            EXPECT_TRUE(ok && got == n - 1);
            EXPECT_MEM_EQ(out, pt + 1, n - 1);
            type = t;
            EXPECT_OK(tern_rec_open(&r.base, &rseq, &type, rec, 5 + l1, &off, &len));
            EXPECT_TRUE(len == 1 && rec[off] == pt[0]);
            EXPECT_OK(tern_rec_open(&r.base, &rseq, &type, rec + 5 + l1, 5 + l2, &off, &len));
            EXPECT_EQ_U(len, n - 1);
            EXPECT_MEM_EQ(rec + 5 + l1 + off, pt + 1, n - 1);
        } else {
            EXPECT_EQ_U(wseq, before + 1);
            EXPECT_EQ_U(rec_len, 5 + tern_load_be16(rec + 3));
            ok = ref_open(&ref, before, t, 0x0301, rec + 5, rec_len - 5, out, &got, &pad_total);
            EXPECT_TRUE(ok && got == n);
            EXPECT_MEM_EQ(out, pt, n);
            type = t;
            EXPECT_OK(tern_rec_open(&r.base, &rseq, &type, rec, rec_len, &off, &len));
            EXPECT_EQ_U(len, n);
            EXPECT_MEM_EQ(rec + off, pt, n);
        }
    }
    /* through the plain framing, a splitting protection seals one record */
    n = 100;
    fill(pt, n, 3);
    memcpy(rec + 5 + w.base.prefix, pt, n);
    EXPECT_OK(tern_rec_seal(&w.base, &wseq, TERN_CT_APPLICATION_DATA, 0x0301, rec, n, &rec_len));
    type = TERN_CT_APPLICATION_DATA;
    EXPECT_OK(tern_rec_open(&r.base, &rseq, &type, rec, rec_len, &off, &len));
    EXPECT_EQ_U(len, n);
    EXPECT_MEM_EQ(rec + off, pt, n);
    /* the sequence number does not wrap: two records need two numbers */
    wseq = UINT64_MAX - 1;
    memcpy(rec + 5 + w.base.prefix, pt, n);
    EXPECT_ERR(TERN_ERR_INTERNAL, tern_rec_seal_split(&w.base, &wseq, TERN_CT_APPLICATION_DATA,
                                                      0x0301, rec, n, &rec_len));
    tern_prot_wipe(&w.base);
    tern_prot_wipe(&r.base);
}

static void test_tls10_split(void)
{
    size_t si;
    for (si = 0; si < NSUITES; si++) {
        run_split(&suites[si], TERN_PROT_CBC_TLS10);
#if TERN_CONFIG_ENCRYPT_THEN_MAC
        run_split(&suites[si], TERN_PROT_CBC_TLS10 | TERN_PROT_CBC_ETM);
#endif
    }
}

/* Other protections pass through tern_rec_seal_split unchanged. */
static void test_tls10_split_other_protections(void)
{
    tern_prot p;
    uint64_t seq = 0;
    size_t rec_len;
    tern_prot_null_init(&p);
    memcpy(rec + 5, "abcdef", 6);
    EXPECT_OK(tern_rec_seal_split(&p, &seq, TERN_CT_APPLICATION_DATA, 0x0301, rec, 6, &rec_len));
    EXPECT_EQ_U(rec_len, 11);
    EXPECT_EQ_U(seq, 1);
}
#endif

/* ---- Botan's TLS CBC known answers ------------------------------------------------ */

/* An rng that hands out fixed bytes (the vector's IV). */
typedef struct fixed_rng {
    const tern_rng_class *vtable;
    const uint8_t *bytes;
    size_t len;
} fixed_rng;

static int fixed_generate(const tern_rng_class **ctx, uint8_t *o, size_t len)
{
    fixed_rng *f = (fixed_rng *)(void *)ctx;
    if (len != f->len) {
        return TERN_ERR_BAD_LENGTH;
    }
    memcpy(o, f->bytes, len);
    return TERN_OK;
}

static const tern_rng_class fixed_rng_class = {"fixed", sizeof(fixed_rng), fixed_generate};

static void kat_case(tv_counts *c, const tv_fields *f, const char *id)
{
    const char *bc = tv_fields_get(f, "BlockCipher"), *mac = tv_fields_get(f, "MAC");
    const char *etm_s = tv_fields_get(f, "EncryptThenMAC");
    uint8_t *key = NULL, *ad = NULL, *nonce = NULL, *ptx = NULL, *ctx = NULL;
    size_t key_len, ad_len, nonce_len, pt_len, ct_len, flen, off, len;
    long kc = strtol(tv_fields_get(f, "KeylenCipher"), NULL, 10);
    long km = strtol(tv_fields_get(f, "KeylenMAC"), NULL, 10);
    tern_prot_cbc_keys keys;
    cbc_prot p;
    fixed_rng rng;
    unsigned flags = 0;
    uint8_t type;
    int ok;

    memset(&keys, 0, sizeof(keys));
    if (strcmp(bc, "AES-128") == 0 || strcmp(bc, "AES-256") == 0) {
        keys.cipher = tern_aes_get();
    } else if (strcmp(bc, "TripleDES") == 0) {
#if TERN_CONFIG_3DES
        keys.cipher = &tern_des3_class;
#else
        tv_skip(c, "3DES compiled out");
        return;
#endif
    }
    if (strcmp(mac, "HMAC(SHA-256)") == 0) {
        keys.mac_hash = &tern_sha256_class;
    } else if (strcmp(mac, "HMAC(SHA-384)") == 0) {
        keys.mac_hash = &tern_sha384_class;
#if TERN_CONFIG_SHA1
    } else if (strcmp(mac, "HMAC(SHA-1)") == 0) {
        keys.mac_hash = &tern_sha1_class;
#endif
    }
    if (strcmp(etm_s, "true") == 0) {
#if TERN_CONFIG_ENCRYPT_THEN_MAC
        flags = TERN_PROT_CBC_ETM;
#else
        tv_skip(c, "encrypt-then-MAC compiled out");
        return;
#endif
    }
    if (keys.cipher == NULL || keys.mac_hash == NULL ||
        tv_hex(tv_fields_get(f, "Key"), &key, &key_len) != 0 ||
        tv_hex(tv_fields_get(f, "AssociatedData"), &ad, &ad_len) != 0 ||
        tv_hex(tv_fields_get(f, "Nonce"), &nonce, &nonce_len) != 0 ||
        tv_hex(tv_fields_get(f, "Plaintext"), &ptx, &pt_len) != 0 ||
        tv_hex(tv_fields_get(f, "Ciphertext"), &ctx, &ct_len) != 0 || ad_len != 13 ||
        key_len != (size_t)(kc + km) || nonce_len != keys.cipher->block_len ||
        nonce_len + ct_len > sizeof(frag)) {
        tv_fail(c, id, "malformed vector");
        goto out;
    }
    keys.mac_key = key;
    keys.mac_key_len = (size_t)km;
    keys.enc_key = key + km;
    keys.enc_key_len = (size_t)kc;
    rng.vtable = &fixed_rng_class;
    rng.bytes = nonce;
    rng.len = nonce_len;
    setup(&p);
    if (tern_prot_cbc_init(&p.base, &keys, flags, &rng.vtable) != TERN_OK) {
        tv_fail(c, id, "init");
        goto out;
    }
    /* seal: IV || Ciphertext */
    memcpy(frag + p.base.prefix, ptx, pt_len);
    ok = p.base.cls->seal(&p.base, tern_load_be64(ad), ad[8], tern_load_be16(ad + 9), frag, pt_len,
                          &flen) == TERN_OK &&
         flen == nonce_len + ct_len && memcmp(frag, nonce, nonce_len) == 0 &&
         memcmp(frag + nonce_len, ctx, ct_len) == 0;
    /* open the vector's record */
    memcpy(frag, nonce, nonce_len);
    memcpy(frag + nonce_len, ctx, ct_len);
    type = ad[8];
    ok = ok &&
         p.base.cls->open(&p.base, tern_load_be64(ad), &type, tern_load_be16(ad + 9), frag,
                          nonce_len + ct_len, &off, &len) == TERN_OK &&
         len == pt_len && off == nonce_len && memcmp(frag + off, ptx, pt_len) == 0;
    /* and reject it with one byte of the ciphertext changed */
    memcpy(frag, nonce, nonce_len);
    memcpy(frag + nonce_len, ctx, ct_len);
    frag[nonce_len + ct_len / 2] ^= 0x04;
    ok = ok && p.base.cls->open(&p.base, tern_load_be64(ad), &type, tern_load_be16(ad + 9), frag,
                                nonce_len + ct_len, &off, &len) == TERN_ERR_BAD_RECORD_MAC;
    tv_check(c, ok, id, "seal/open mismatch");
    tern_prot_wipe(&p.base);
out:
    free(key);
    free(ad);
    free(nonce);
    free(ptx);
    free(ctx);
}

static void test_botan_tls_cbc_kat(void)
{
    tv_kv kv;
    tv_fields f;
    tv_counts c;
    tv_kv_event ev;
    int n = 0;
    char id[300];

    tv_counts_init(&c, "tls_cbc_kat.vec");
    memset(&f, 0, sizeof(f));
    if (tv_kv_open(&kv, "botan/tls_cbc_kat.vec") != 0) {
        TEST_FAIL("cannot open botan/tls_cbc_kat.vec");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev == TV_KV_SECTION) {
            tv_fields_clear(&f);
        } else if (ev == TV_KV_FIELD) {
            tv_fields_set(&f, kv.key, kv.value);
            if (strcmp(kv.key, "Ciphertext") == 0) {
                snprintf(id, sizeof(id), "%s #%d", kv.section, ++n);
                kat_case(&c, &f, id);
            }
        }
    }
    tv_kv_close(&kv);
    tv_fields_clear(&f);
    if (tv_counts_print(&c) != 0 || c.passed != 10) {
        TEST_FAIL("tls_cbc_kat.vec");
    }
}

/* ---- init and wipe ----------------------------------------------------------------- */

static void test_init_rejects(void)
{
    dir_keys k;
    cbc_prot p;
    tern_prot_cbc_keys keys;

    make_keys(&k, &suites[0], 0, 1);
    tern_prot_null_init(&p.base);
    keys.cipher = tern_aes_get();
    keys.enc_key = k.enc;
    keys.enc_key_len = 16;
    keys.mac_hash = &tern_sha256_class;
    keys.mac_key = k.mac;
    keys.mac_key_len = 32;
    keys.iv = NULL;
    /* storage: none bound, too little, just enough */
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_prot_cbc_init(&p.base, &keys, 0, test_rng()));
    tern_prot_bind(&p.base, p.store, tern_prot_cbc_ctx_size(keys.cipher) - 8);
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_prot_cbc_init(&p.base, &keys, 0, test_rng()));
    EXPECT_EQ(p.base.active, 0);
    tern_prot_bind(&p.base, p.store, tern_prot_cbc_ctx_size(keys.cipher));
    EXPECT_OK(tern_prot_cbc_init(&p.base, &keys, 0, test_rng()));
    EXPECT_TRUE(tern_prot_cbc_ctx_size(keys.cipher) % 8 == 0);
    EXPECT_TRUE(tern_prot_cbc_ctx_size(keys.cipher) <= sizeof(p.store));
    /* MAC key length must be the digest length; unknown hashes */
    keys.mac_key_len = 31;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_prot_cbc_init(&p.base, &keys, 0, test_rng()));
    keys.mac_key_len = 64;
    keys.mac_hash = &tern_sha512_class;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_prot_cbc_init(&p.base, &keys, 0, test_rng()));
#if TERN_CONFIG_MD5
    keys.mac_hash = &tern_md5_class;
    keys.mac_key_len = 16;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_prot_cbc_init(&p.base, &keys, 0, test_rng()));
#endif
    keys.mac_hash = &tern_sha256_class;
    keys.mac_key_len = 32;
    /* a bad cipher key length: the cipher's error, p left null */
    keys.enc_key_len = 17;
    EXPECT_ERR(TERN_ERR_BAD_LENGTH, tern_prot_cbc_init(&p.base, &keys, 0, test_rng()));
    EXPECT_EQ(p.base.active, 0);
    keys.enc_key_len = 16;
    /* explicit IVs need an rng; unknown flags; SPLIT only with TLS10 */
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_prot_cbc_init(&p.base, &keys, 0, NULL));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_prot_cbc_init(&p.base, &keys, 0x80, test_rng()));
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_prot_cbc_init(&p.base, &keys, TERN_PROT_CBC_SPLIT, test_rng()));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_prot_cbc_init(&p.base, NULL, 0, test_rng()));
#if TERN_CONFIG_TLS10
    /* TLS 1.0 needs the key block's IV */
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_prot_cbc_init(&p.base, &keys, TERN_PROT_CBC_TLS10, NULL));
    keys.iv = k.iv;
    EXPECT_OK(tern_prot_cbc_init(&p.base, &keys, TERN_PROT_CBC_TLS10, NULL));
    EXPECT_EQ(p.base.prefix, 0);
#else
    keys.iv = k.iv;
    EXPECT_ERR(TERN_ERR_UNSUPPORTED, tern_prot_cbc_init(&p.base, &keys, TERN_PROT_CBC_TLS10, NULL));
#endif
#if !TERN_CONFIG_ENCRYPT_THEN_MAC
    keys.iv = NULL;
    EXPECT_ERR(TERN_ERR_UNSUPPORTED,
               tern_prot_cbc_init(&p.base, &keys, TERN_PROT_CBC_ETM, test_rng()));
#endif
    tern_prot_wipe(&p.base);
    EXPECT_EQ(p.base.active, 0);
}

/* A failing rng fails the seal; nothing is half-written that counts. */
static int failing_generate(const tern_rng_class **ctx, uint8_t *o, size_t len)
{
    (void)ctx;
    (void)o;
    (void)len;
    return TERN_ERR_ENTROPY;
}

static void test_rng_failure(void)
{
    static const tern_rng_class failing = {"failing", sizeof(tern_rng_class *), failing_generate};
    const tern_rng_class *rc = &failing;
    dir_keys k;
    cbc_prot p;
    tern_prot_cbc_keys keys;
    uint64_t seq = 0;
    size_t rec_len;

    make_keys(&k, &suites[0], 0, 1);
    keys.cipher = tern_aes_get();
    keys.enc_key = k.enc;
    keys.enc_key_len = 16;
    keys.mac_hash = &tern_sha256_class;
    keys.mac_key = k.mac;
    keys.mac_key_len = 32;
    keys.iv = NULL;
    setup(&p);
    EXPECT_OK(tern_prot_cbc_init(&p.base, &keys, 0, &rc));
    EXPECT_ERR(TERN_ERR_ENTROPY, tern_rec_seal(&p.base, &seq, 23, 0x0303, rec, 10, &rec_len));
    EXPECT_EQ_U(seq, 0);
    tern_prot_wipe(&p.base);
}

/* Explicit IVs differ from record to record (RFC 5246 6.2.3.2). */
static void test_explicit_ivs_fresh(void)
{
    dir_keys k;
    cbc_prot w;
    uint64_t seq = 0;
    size_t rec_len;
    uint8_t first[16];

    make_keys(&k, &suites[0], 0, 3);
    EXPECT_OK(prot_init(&w, &k, 0));
    memset(rec + 5 + 16, 0, 10);
    EXPECT_OK(tern_rec_seal(&w.base, &seq, 23, 0x0303, rec, 10, &rec_len));
    memcpy(first, rec + 5, 16);
    memset(rec + 5 + 16, 0, 10);
    EXPECT_OK(tern_rec_seal(&w.base, &seq, 23, 0x0303, rec, 10, &rec_len));
    EXPECT_TRUE(memcmp(first, rec + 5, 16) != 0);
    tern_prot_wipe(&w.base);
}

/* An authentic record longer than 2^14 bytes of plaintext (possible
 * within the CBC expansion) is record_overflow, not accepted. */
static void test_overlong_plaintext(void)
{
    dir_keys k;
    size_t n = 16384 + 10, flen, pad_n;
    uint8_t pad[32];
    const suite *s = &suites[NSUITES > 2 ? 2 : 0];

    make_keys(&k, s, 0, 4);
    fill(pt, n, 1);
    pad_n = min_pad(n + s->hash->digest_len, s->bs, pad);
    flen = seal_with(&k, pt, n, pad, pad_n, 0, frag);
    EXPECT_ERR(TERN_ERR_RECORD_OVERFLOW, open_fresh(&k, 7, 23, 0x0303, frag, flen));
    pad_n = min_pad(n - 10 + s->hash->digest_len, s->bs, pad);
    flen = seal_with(&k, pt, n - 10, pad, pad_n, 0, frag);
    EXPECT_OK(open_fresh(&k, 7, 23, 0x0303, frag, flen));
}

int main(void)
{
    RUN_TEST(test_init_rejects);
    RUN_TEST(test_rng_failure);
    RUN_TEST(test_explicit_ivs_fresh);
    RUN_TEST(test_round_trips_all_suites);
    RUN_TEST(test_negative_all_suites);
    RUN_TEST(test_overlong_plaintext);
#if TERN_CONFIG_TLS10
    RUN_TEST(test_tls10_split);
    RUN_TEST(test_tls10_split_other_protections);
#endif
    RUN_TEST(test_botan_tls_cbc_kat);
    tern_hmac_drbg_wipe(&drbg);
    return TEST_REPORT();
}
