/*
 * The constant-time pieces of the CBC record protection on their own
 * (src/record/cbc_internal.h):
 *  - tern_cbc_hmac_ct against the plain HMAC for every length in many
 *    [lo, hi] windows, around every block and length-field boundary;
 *  - tern_cbc_mac_extract for every offset in its window;
 *  - tern_cbc_pad_check on Botan's tls_cbc_padding.vec, and padding +
 *    MAC position together on Botan's tls_cbc.vec (which Botan runs with
 *    an identity block cipher, a zero IV and an all-zero MAC: the Record
 *    is that CBC ciphertext, so here it is "decrypted" by XORing each
 *    block with the one before), plus an exhaustive check against a
 *    straightforward padding check.
 */
#include <stdlib.h>
#include <string.h>

#include "record/cbc_internal.h"
#include "tern/mac.h"
#include "tern_test.h"
#include "tv.h"

static const tern_hash_class *hashes[] = {
#if TERN_CONFIG_SHA1
    &tern_sha1_class,
#endif
    &tern_sha256_class, &tern_sha384_class};
#define NHASHES (sizeof(hashes) / sizeof(hashes[0]))

static void fill(uint8_t *p, size_t n, uint32_t seed)
{
    size_t i;
    for (i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (uint8_t)(seed >> 16);
    }
}

/* ---- HMAC over a secret length -------------------------------------------- */

static void test_hmac_ct_matches_hmac(void)
{
    static const size_t his[] = {0,   1,   2,   40,  41,  42,  43,  50,  51,   52,  55,
                                 56,  57,  63,  64,  65,  98,  99,  100, 101,  102, 103,
                                 104, 105, 106, 107, 115, 116, 119, 120, 127,  128, 200,
                                 255, 256, 257, 300, 301, 400, 511, 512, 1000, 2001};
    static uint8_t data[2100];
    uint8_t key[48], hdr[TERN_CBC_MAC_HDR_LEN], want[64], got[64], msg[13 + 2100];
    size_t hi_i, h, len, lo;
    int bad = 0;

    fill(data, sizeof(data), 1);
    fill(key, sizeof(key), 2);
    fill(hdr, sizeof(hdr), 3);
    EXPECT_FALSE(tern_cbc_hmac_ct_supports(NULL));
    EXPECT_FALSE(tern_cbc_hmac_ct_supports(&tern_sha512_class));
    EXPECT_FALSE(tern_cbc_hmac_ct_supports(&tern_sha224_class));
    for (h = 0; h < NHASHES; h++) {
        const tern_hash_class *hc = hashes[h];
        tern_hmac_ctx k;
        EXPECT_TRUE(tern_cbc_hmac_ct_supports(hc));
        tern_hmac_init(&k, hc, key, hc->digest_len);
        for (hi_i = 0; hi_i < sizeof(his) / sizeof(his[0]); hi_i++) {
            size_t hi = his[hi_i];
            /* the record layer's window (256 lengths) and narrower ones */
            size_t los[3];
            size_t li;
            los[0] = hi > 255 ? hi - 255 : 0;
            los[1] = hi;
            los[2] = hi > 70 ? hi - 70 : 0;
            for (li = 0; li < 3; li++) {
                lo = los[li];
                for (len = lo; len <= hi; len++) {
                    /* the length field of the header follows len, as in a
                     * record */
                    hdr[11] = (uint8_t)(len >> 8);
                    hdr[12] = (uint8_t)len;
                    memcpy(msg, hdr, 13);
                    memcpy(msg + 13, data, len);
                    tern_hmac(hc, key, hc->digest_len, msg, 13 + len, want);
                    memset(got, 0, sizeof(got));
                    tern_cbc_hmac_ct(&k, hdr, data, lo, len, hi, got);
                    if (memcmp(want, got, hc->digest_len) != 0) {
                        if (bad++ < 5) {
                            fprintf(stderr, "  %s lo %zu len %zu hi %zu\n", hc->name, lo, len, hi);
                        }
                    }
                }
            }
        }
        tern_hmac_wipe(&k);
    }
    EXPECT_EQ(bad, 0);
}

/* ---- MAC extraction -------------------------------------------------------------- */

static void test_mac_extract_every_offset(void)
{
    static const size_t macs[] = {1, 16, 20, 32, 48, 64};
    static const size_t his[] = {0, 1, 19, 20, 47, 48, 100, 255, 256, 300, 1000};
    uint8_t buf[1100], out[64];
    size_t m, hi_i, off;
    int bad = 0;

    fill(buf, sizeof(buf), 9);
    for (m = 0; m < sizeof(macs) / sizeof(macs[0]); m++) {
        for (hi_i = 0; hi_i < sizeof(his) / sizeof(his[0]); hi_i++) {
            size_t hi = his[hi_i], lo = hi > 255 ? hi - 255 : 0;
            for (off = lo; off <= hi; off++) {
                memset(out, 0, sizeof(out));
                tern_cbc_mac_extract(out, buf, lo, hi, off, macs[m]);
                if (memcmp(out, buf + off, macs[m]) != 0 && bad++ < 5) {
                    fprintf(stderr, "  mac %zu lo %zu hi %zu off %zu\n", macs[m], lo, hi, off);
                }
            }
            /* a single-offset window */
            tern_cbc_mac_extract(out, buf, hi, hi, hi, macs[m]);
            if (memcmp(out, buf + hi, macs[m]) != 0) {
                bad++;
            }
        }
    }
    EXPECT_EQ(bad, 0);
}

/* ---- padding ---------------------------------------------------------------------- */

/* The straightforward check. */
static size_t ref_pad(const uint8_t *b, size_t len, size_t before)
{
    size_t p = b[len - 1], i;
    if (p + 1 + before > len) {
        return 0;
    }
    for (i = 0; i <= p; i++) {
        if (b[len - 1 - i] != p) {
            return 0;
        }
    }
    return p + 1;
}

static void test_pad_check_exhaustive(void)
{
    uint8_t buf[400];
    size_t len, p, before, got;
    uint32_t good;
    int bad = 0;

    for (len = 1; len <= 300; len += (len < 40 ? 1 : 13)) {
        for (before = 0; before <= 48; before += 16) {
            for (p = 0; p < 256; p++) {
                size_t i, variant;
                for (variant = 0; variant < 3; variant++) {
                    memset(buf, 0x33, len);
                    for (i = 0; i <= p && i < len; i++) {
                        buf[len - 1 - i] = (uint8_t)p;
                    }
                    if (variant == 1 && p > 0 && p < len) {
                        buf[len - 1 - p] ^= 1; /* first padding byte wrong */
                    }
                    if (variant == 2 && p > 1 && p < len) {
                        buf[len - 1 - p / 2] ^= 0x80; /* a middle one */
                    }
                    good = tern_cbc_pad_check(buf, len, before, &got);
                    if (got != ref_pad(buf, len, before) || good != (got != 0)) {
                        if (bad++ < 5) {
                            fprintf(stderr, "  len %zu before %zu p %zu v %zu: %zu\n", len, before,
                                    p, variant, got);
                        }
                    }
                }
            }
        }
    }
    EXPECT_EQ(bad, 0);
}

static void test_botan_tls_cbc_padding(void)
{
    tv_kv kv;
    tv_counts c;
    tv_kv_event ev;
    uint8_t *rec = NULL;
    size_t rec_len = 0, got;
    int n = 0;
    char id[32];

    tv_counts_init(&c, "tls_cbc_padding.vec");
    if (tv_kv_open(&kv, "botan/tls_cbc_padding.vec") != 0) {
        TEST_FAIL("cannot open botan/tls_cbc_padding.vec");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev != TV_KV_FIELD) {
            continue;
        }
        if (strcmp(kv.key, "Record") == 0) {
            free(rec);
            rec = NULL;
            if (tv_hex(kv.value, &rec, &rec_len) != 0) {
                rec_len = 0;
            }
        } else if (strcmp(kv.key, "Output") == 0) {
            long want = strtol(kv.value, NULL, 10);
            snprintf(id, sizeof(id), "#%d", ++n);
            if (rec == NULL || rec_len == 0) {
                tv_fail(&c, id, "malformed");
                continue;
            }
            (void)tern_cbc_pad_check(rec, rec_len, 0, &got);
            tv_check(&c, (long)got == want, id, "padding length");
        }
    }
    free(rec);
    tv_kv_close(&kv);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("tls_cbc_padding.vec");
    }
}

/* One tls_cbc.vec case: Botan's record check with an identity cipher
 * (zero IV), a zero MAC of mac_len bytes and the TLS 1.2
 * MAC-then-encrypt layout. 1 if the record is accepted. */
static int identity_record_valid(const uint8_t *rec, size_t len, size_t bs, size_t mac_len)
{
    uint8_t *p, mac[64], zero[64];
    size_t i, pad_total, hi, lo, l;
    uint32_t good;
    int ok;

    if (len == 0 || len % bs != 0 || len < mac_len + 1) {
        return 0; /* the public length checks of open */
    }
    p = malloc(len);
    for (i = 0; i < len; i++) { /* CBC decryption with D = identity */
        p[i] = (uint8_t)(rec[i] ^ (i >= bs ? rec[i - bs] : 0));
    }
    good = tern_cbc_pad_check(p, len, mac_len, &pad_total);
    hi = len - mac_len - 1;
    lo = hi > 255 ? hi - 255 : 0;
    l = good ? len - mac_len - pad_total : hi;
    tern_cbc_mac_extract(mac, p, lo, hi, l, mac_len);
    memset(zero, 0, sizeof(zero));
    ok = good && memcmp(mac, zero, mac_len) == 0;
    free(p);
    return ok;
}

static void test_botan_tls_cbc(void)
{
    tv_kv kv;
    tv_fields f;
    tv_counts c;
    tv_kv_event ev;
    int n = 0;
    char id[32];

    tv_counts_init(&c, "tls_cbc.vec");
    memset(&f, 0, sizeof(f));
    if (tv_kv_open(&kv, "botan/tls_cbc.vec") != 0) {
        TEST_FAIL("cannot open botan/tls_cbc.vec");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, "Valid") == 0) {
            uint8_t *rec = NULL;
            size_t rec_len;
            long bs = strtol(tv_fields_get(&f, "Blocksize"), NULL, 10);
            long ml = strtol(tv_fields_get(&f, "MACsize"), NULL, 10);
            long want = strtol(kv.value, NULL, 10);
            snprintf(id, sizeof(id), "#%d", ++n);
            if (tv_hex(tv_fields_get(&f, "Record"), &rec, &rec_len) != 0 || bs <= 0 || ml <= 0 ||
                ml > 64) {
                tv_fail(&c, id, "malformed");
            } else {
                tv_check(&c, identity_record_valid(rec, rec_len, (size_t)bs, (size_t)ml) == want,
                         id, "accept/reject");
            }
            free(rec);
        }
    }
    tv_kv_close(&kv);
    tv_fields_clear(&f);
    if (tv_counts_print(&c) != 0) {
        TEST_FAIL("tls_cbc.vec");
    }
}

int main(void)
{
    RUN_TEST(test_hmac_ct_matches_hmac);
    RUN_TEST(test_mac_extract_every_offset);
    RUN_TEST(test_pad_check_exhaustive);
    RUN_TEST(test_botan_tls_cbc_padding);
    RUN_TEST(test_botan_tls_cbc);
    return TEST_REPORT();
}
