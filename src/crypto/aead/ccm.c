/*
 * CCM (RFC 3610; NIST SP 800-38C) over any 16-byte block class.
 *
 * With L = 15 - nonce_len length bytes and M tag bytes (RFC 3610 2.2):
 *   B0    = flags || nonce || l(m)       flags = 64*Adata + 8*((M-2)/2) + (L-1)
 *   then  l(a) encoded (2, 6 or 10 bytes) || a, zero-padded to blocks,
 *   then  m, zero-padded to blocks;
 *   T     = CBC-MAC of all that, first M bytes;
 *   A_i   = (L-1) || nonce || i (L bytes)
 *   c     = m xor E(A_1) || E(A_2) ...,  U = T xor first M bytes of E(A_0).
 * The counter lives in the last L bytes; tern_ctr32_xor increments the
 * last four, which is the same as long as the count stays below 2^32
 * blocks (guaranteed by the length cap) and, for L < 4, below 2^(8L)
 * (guaranteed by len < 2^(8L)).
 */
#include <string.h>

#include "common/ct_internal.h"
#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "crypto/aead/aead_internal.h"
#include "tern/aead.h"
#include "tern/util.h"

/* CBC-MAC state: x is the running block, pos the bytes absorbed into it
 * since the last encryption. */
typedef struct cbcmac {
    const tern_block_class *const *bc;
    uint8_t x[16];
    size_t pos;
} cbcmac;

static void mac_absorb(cbcmac *m, const uint8_t *p, size_t len)
{
    while (len > 0) {
        size_t n = 16 - m->pos, i;
        if (n > len) {
            n = len;
        }
        for (i = 0; i < n; i++) {
            m->x[m->pos + i] ^= p[i];
        }
        m->pos += n;
        p += n;
        len -= n;
        if (m->pos == 16) {
            (*m->bc)->encrypt(m->bc, m->x, 1);
            m->pos = 0;
        }
    }
}

/* Zero padding to the block boundary (XOR with zeros, then encrypt). */
static void mac_pad(cbcmac *m)
{
    if (m->pos != 0) {
        (*m->bc)->encrypt(m->bc, m->x, 1);
        m->pos = 0;
    }
}

static int check_args(const tern_block_class *const *bc, const uint8_t *nonce, size_t nonce_len,
                      const uint8_t *aad, size_t aad_len, const uint8_t *buf, size_t len,
                      const uint8_t *tag, size_t tag_len)
{
    size_t lsize;

    TERN_CHECK_ARG(bc != NULL && *bc != NULL && nonce != NULL && tag != NULL);
    TERN_CHECK_ARG(aad != NULL || aad_len == 0);
    TERN_CHECK_ARG(buf != NULL || len == 0);
    (void)nonce;
    (void)aad;
    (void)buf;
    (void)tag;
    TERN_ENSURE((*bc)->block_len == 16, TERN_ERR_BAD_ARG);
    TERN_ENSURE(nonce_len >= 7 && nonce_len <= 13, TERN_ERR_BAD_LENGTH);
    TERN_ENSURE(tag_len >= 4 && tag_len <= 16 && tag_len % 2 == 0, TERN_ERR_BAD_LENGTH);
    lsize = 15 - nonce_len;
    /* RFC 3610 2.1: 0 <= l(m) < 2^(8L); our CTR cap: under 2^32 blocks */
    TERN_ENSURE(lsize >= 8 || ((uint64_t)len >> (8 * lsize)) == 0, TERN_ERR_BAD_LENGTH);
    TERN_ENSURE(!tern_aead_len_over(len, ((uint64_t)1 << 36) - 32), TERN_ERR_BAD_LENGTH);
    TERN_ENSURE(((uint64_t)aad_len >> 61) == 0, TERN_ERR_BAD_LENGTH);
    return TERN_OK;
}

/* CBC-MAC over B0, the encoded AAD and the plaintext: the untruncated T. */
static void compute_mac(const tern_block_class *const *bc, const uint8_t *nonce, size_t nonce_len,
                        const uint8_t *aad, size_t aad_len, const uint8_t *msg, size_t len,
                        size_t tag_len, uint8_t t[16])
{
    cbcmac m;
    uint8_t hdr[10];
    size_t lsize = 15 - nonce_len, i;
    uint64_t l = len;

    m.bc = bc;
    m.pos = 0;
    /* B0 */
    m.x[0] = (uint8_t)((aad_len > 0 ? 64u : 0u) | (((tag_len - 2) / 2) << 3) | (lsize - 1));
    memcpy(m.x + 1, nonce, nonce_len);
    for (i = 0; i < lsize; i++) {
        m.x[15 - i] = (uint8_t)l;
        l >>= 8;
    }
    (*bc)->encrypt(bc, m.x, 1);

    /* l(a) (RFC 3610 2.2): 2 bytes below 2^16 - 2^8, else 0xfffe and 4
     * bytes below 2^32, else 0xffff and 8 bytes. */
    if (aad_len > 0) {
        size_t hlen;
        if (aad_len < 0xFF00u) {
            tern_store_be16(hdr, (uint16_t)aad_len);
            hlen = 2;
        } else if (((uint64_t)aad_len >> 32) == 0) {
            hdr[0] = 0xFF;
            hdr[1] = 0xFE;
            tern_store_be32(hdr + 2, (uint32_t)aad_len);
            hlen = 6;
        } else {
            hdr[0] = 0xFF;
            hdr[1] = 0xFF;
            tern_store_be64(hdr + 2, (uint64_t)aad_len);
            hlen = 10;
        }
        mac_absorb(&m, hdr, hlen);
        mac_absorb(&m, aad, aad_len);
        mac_pad(&m);
    }
    mac_absorb(&m, msg, len);
    mac_pad(&m);
    memcpy(t, m.x, 16);
    tern_wipe(&m, sizeof(m));
}

/* A_0 (counter 0); the key stream for the message starts at A_1. */
static void counter_block(const uint8_t *nonce, size_t nonce_len, uint8_t a[16])
{
    memset(a, 0, 16);
    a[0] = (uint8_t)(15 - nonce_len - 1);
    memcpy(a + 1, nonce, nonce_len);
}

/* T xor E(A_0), then sets a to A_1. */
static void encrypt_tag(const tern_block_class *const *bc, uint8_t a[16], uint8_t t[16])
{
    uint8_t s0[16];
    unsigned i;

    memcpy(s0, a, 16);
    (*bc)->encrypt(bc, s0, 1);
    for (i = 0; i < 16; i++) {
        t[i] ^= s0[i];
    }
    a[15] = 1;
    tern_wipe(s0, sizeof(s0));
}

/* see include/tern/aead.h */
int tern_ccm_seal(const tern_block_class *const *bc, const uint8_t *nonce, size_t nonce_len,
                  const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len, uint8_t *tag,
                  size_t tag_len)
{
    uint8_t t[16], a[16];

    TERN_TRY(check_args(bc, nonce, nonce_len, aad, aad_len, buf, len, tag, tag_len));
    compute_mac(bc, nonce, nonce_len, aad, aad_len, buf, len, tag_len, t);
    counter_block(nonce, nonce_len, a);
    encrypt_tag(bc, a, t);
    tern_ctr32_xor(bc, a, buf, len);
    memcpy(tag, t, tag_len);
    tern_wipe(t, sizeof(t));
    return TERN_OK;
}

/* see include/tern/aead.h */
int tern_ccm_open(const tern_block_class *const *bc, const uint8_t *nonce, size_t nonce_len,
                  const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len, const uint8_t *tag,
                  size_t tag_len)
{
    uint8_t t[16], a[16];
    uint32_t ok;

    TERN_TRY(check_args(bc, nonce, nonce_len, aad, aad_len, buf, len, tag, tag_len));
    /* The MAC covers the plaintext, so decrypt first and withhold the
     * result (zeroes) unless the tag matches. */
    counter_block(nonce, nonce_len, a);
    a[15] = 1;
    tern_ctr32_xor(bc, a, buf, len);
    compute_mac(bc, nonce, nonce_len, aad, aad_len, buf, len, tag_len, t);
    counter_block(nonce, nonce_len, a);
    encrypt_tag(bc, a, t);
    ok = tern_ct_memeq(t, tag, tag_len);
    tern_aead_mask(ok, buf, len);
    tern_wipe(t, sizeof(t));
    return tern_aead_result(ok);
}
