/*
 * Constant-time check of the CBC record protection (Lucky Thirteen), run
 * under valgrind memcheck: keys, plaintext and the whole received record
 * are marked secret, then records with good padding (short and long),
 * a wrong padding byte, a padding length beyond the record, and a bad
 * MAC are opened. Any branch or memory index that depends on the padding,
 * the plaintext length or the MAC is a report. Only the return code, the
 * plaintext length and the plaintext are declassified, after open.
 * Sealing runs with secret keys and plaintext too. Records are built
 * here with tern's own HMAC and CBC so that bad ones can be made.
 */
#include <stdint.h>
#include <string.h>

#include "common/endian_internal.h"
#include "ct_check.h"
#include "record/record_internal.h"
#include "tern/cipher.h"
#include "tern/mac.h"
#include "tern/rand.h"

#define PLEN 100

static tern_hmac_drbg_ctx drbg;
static const tern_rng_class **rng;

enum { GOOD_SHORT_PAD, GOOD_LONG_PAD, BAD_PAD_BYTE, BAD_PAD_LEN, BAD_MAC, NVARIANTS };

/* IV || ENC(pt || MAC || pad) or IV || ENC(pt || pad) || MAC, with the
 * padding of the variant. Returns the fragment length. */
static size_t build(const tern_block_class *bc, const uint8_t *key, size_t key_len,
                    const tern_hash_class *h, const uint8_t *mac_key, int etm, int variant,
                    const uint8_t *pt, uint8_t *frag)
{
    tern_block_ctx c;
    tern_hmac_ctx m;
    uint8_t hdr[13], iv[16];
    size_t bs = bc->block_len, ml = h->digest_len, n = PLEN, pad, i;
    uint8_t *body = frag + bs;

    memset(frag, 0x3c, bs); /* the explicit IV */
    memcpy(body, pt, PLEN);
    if (!etm) {
        tern_store_be64(hdr, 7);
        hdr[8] = 23;
        tern_store_be16(hdr + 9, 0x0303);
        tern_store_be16(hdr + 11, PLEN);
        tern_hmac_init(&m, h, mac_key, ml);
        tern_hmac_update(&m, hdr, 13);
        tern_hmac_update(&m, body, PLEN);
        tern_hmac_out(&m, body + PLEN);
        if (variant == BAD_MAC) {
            body[PLEN + 3] ^= 1;
        }
        n += ml;
    }
    pad = bs - n % bs;
    if (variant == GOOD_LONG_PAD) {
        pad += bs * ((256 - pad) / bs);
    }
    for (i = 0; i < pad; i++) {
        body[n + i] = (uint8_t)(pad - 1);
    }
    if (variant == BAD_PAD_BYTE) {
        body[n] ^= 0x40;
    }
    if (variant == BAD_PAD_LEN) {
        body[n + pad - 1] = 0xf0; /* more than the record holds */
    }
    n += pad;
    if (bc->init(&c.vtable, key, key_len) != TERN_OK) {
        return 0;
    }
    memcpy(iv, frag, bs);
    if (tern_cbc_encrypt(&c.vtable, iv, body, n) != TERN_OK) {
        return 0;
    }
    tern_block_wipe(&c.vtable);
    if (etm) {
        tern_store_be64(hdr, 7);
        hdr[8] = 23;
        tern_store_be16(hdr + 9, 0x0303);
        tern_store_be16(hdr + 11, (uint16_t)(bs + n));
        tern_hmac_init(&m, h, mac_key, ml);
        tern_hmac_update(&m, hdr, 13);
        tern_hmac_update(&m, frag, bs + n);
        tern_hmac_out(&m, body + n);
        if (variant == BAD_MAC) {
            body[n + 3] ^= 1;
        }
        n += ml;
    }
    tern_hmac_wipe(&m);
    return bs + n;
}

/* Seals one record and opens every variant; returns the number of
 * functions run, or -1000 on a wrong result. */
static int check(const tern_block_class *bc, size_t key_len, const tern_hash_class *h,
                 unsigned flags)
{
    uint8_t key[32], mac_key[48], pt[PLEN];
    uint8_t frag[16 + PLEN + 48 + 256 + 16], rec[5 + 16 + PLEN + 48 + 16];
    tern_prot_cbc_keys k;
    tern_prot p;
    uint64_t store[256];
    uint64_t seq = 7;
    size_t flen, off, len, rec_len;
    int variant, rc, fn = 0;

    memset(key, 0x42, sizeof(key));
    memset(mac_key, 0x17, sizeof(mac_key));
    memset(pt, 0x61, sizeof(pt));
    CT_SECRET(key, sizeof(key));
    CT_SECRET(mac_key, sizeof(mac_key));
    CT_SECRET(pt, sizeof(pt));
    k.cipher = bc;
    k.enc_key = key;
    k.enc_key_len = key_len;
    k.mac_hash = h;
    k.mac_key = mac_key;
    k.mac_key_len = h->digest_len;
    k.iv = NULL;
    tern_prot_null_init(&p);
    tern_prot_bind(&p, store, sizeof(store));
    if (tern_prot_cbc_init(&p, &k, flags, rng) != TERN_OK) {
        return -1000;
    }
    fn++;

    /* sealing: secret keys and plaintext */
    memcpy(rec + 5 + p.prefix, pt, PLEN);
    rc = tern_rec_seal(&p, &seq, 23, 0x0303, rec, PLEN, &rec_len);
    CT_PUBLIC(rec, sizeof(rec));
    if (rc != TERN_OK) {
        return -1000;
    }
    fn++;

    for (variant = 0; variant < NVARIANTS; variant++) {
        uint8_t type = 23;
        flen = build(bc, key, key_len, h, mac_key, (flags & TERN_PROT_CBC_ETM) != 0, variant, pt,
                     frag);
        if (flen == 0) {
            return -1000;
        }
        CT_SECRET(frag, flen); /* the record contents, whatever built them */
        len = 0;
        rc = p.cls->open(&p, 7, &type, 0x0303, frag, flen, &off, &len);
        CT_PUBLIC(&rc, sizeof(rc));
        CT_PUBLIC(&len, sizeof(len));
        CT_PUBLIC(frag, flen);
        CT_PUBLIC(pt, sizeof(pt)); /* to compare with; secret again below */
        if (variant == GOOD_SHORT_PAD || variant == GOOD_LONG_PAD) {
            if (rc != TERN_OK || len != PLEN || memcmp(frag + off, pt, PLEN) != 0) {
                return -1000;
            }
        } else if (rc != TERN_ERR_BAD_RECORD_MAC) {
            return -1000;
        }
        CT_SECRET(pt, sizeof(pt));
        fn++;
    }
    tern_prot_wipe(&p);
    return fn;
}

int main(void)
{
    static const uint8_t seed[48] = {1, 2, 3};
    int fn = 0, r, e;
    static const unsigned modes[] = {
        0,
#if TERN_CONFIG_ENCRYPT_THEN_MAC
        TERN_PROT_CBC_ETM,
#endif
    };

    if (tern_hmac_drbg_init_seeded(&drbg, &tern_sha256_class, seed, 32, seed + 32, 16, NULL, 0) !=
        TERN_OK) {
        return 1;
    }
    rng = &drbg.vtable;
    for (e = 0; e < (int)(sizeof(modes) / sizeof(modes[0])); e++) {
        const tern_block_class *aes = tern_aes_get();
        if (aes != NULL) {
#if TERN_CONFIG_SHA1
            if ((r = check(aes, 16, &tern_sha1_class, modes[e])) < 0) {
                return 1;
            }
            fn += r;
#endif
            if ((r = check(aes, 16, &tern_sha256_class, modes[e])) < 0) {
                return 1;
            }
            fn += r;
            if ((r = check(aes, 32, &tern_sha384_class, modes[e])) < 0) {
                return 1;
            }
            fn += r;
        }
#if TERN_CONFIG_AES_CT
        if ((r = check(&tern_aes_ct_class, 32, &tern_sha256_class, modes[e])) < 0) {
            return 1;
        }
        fn += r;
#endif
#if TERN_CONFIG_3DES && TERN_CONFIG_SHA1
        if ((r = check(&tern_des3_class, 24, &tern_sha1_class, modes[e])) < 0) {
            return 1;
        }
        fn += r;
#endif
    }
    tern_hmac_drbg_wipe(&drbg);
    CT_DONE(fn);
    return 0;
}
