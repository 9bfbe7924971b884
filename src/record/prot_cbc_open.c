/*
 * CBC record protection: opening (RFC 5246 6.2.3.2, RFC 7366 3, RFC 2246
 * 6.2.3.2), constant-time with respect to the padding and the MAC.
 *
 * What is public: the fragment length (the attacker chose it), the
 * protection's parameters, and in the end whether the record was
 * accepted (the alert says so). What is secret until then: the
 * decrypted bytes, hence the padding length, the plaintext length, the
 * position of the MAC, and whether the padding was well-formed.
 *
 * MAC-then-encrypt (Lucky Thirteen, AlFardan and Paterson 2013; the
 * padding oracle of Vaudenay 2002 before it):
 *  - public checks first: a whole number of blocks, enough for a MAC and
 *    the padding length byte; anything else cannot decrypt to a valid
 *    record and is refused at once, which reveals only the length;
 *  - decrypt everything (time depends on the length only);
 *  - check the padding with masks over the last 256 bytes whatever the
 *    padding length byte says (cbc_pad.c); on bad padding carry on as if
 *    the padding were the length byte alone (RFC 5246 6.2.3.2 asks for
 *    the MAC to be computed anyway);
 *  - compute the HMAC over the plaintext of secret length with a fixed
 *    number of compressions (cbc_hmac.c), and fetch the received MAC
 *    from its secret position without a secret index (cbc_pad.c);
 *  - combine "padding good" and "MAC equal" (tern_ct_memeq) into one
 *    mask; the plaintext is wiped unless it is 1, and the return code is
 *    selected by masks. Every failure is TERN_ERR_BAD_RECORD_MAC
 *    (bad_record_mac) after the same work; RFC 5246 6.2.3.2 forbids a
 *    separate decryption_failed.
 *
 * Encrypt-then-MAC (RFC 7366 3): the MAC covers IV || ciphertext, all of
 * public length, so an ordinary HMAC and tern_ct_memeq evaluate it
 * before anything of the plaintext is looked at. We still run the
 * decryption and the padding check when it failed, and discard their
 * result by mask: nothing unauthenticated is ever released, the one
 * error is the same, and the time does not even depend on whether the
 * MAC matched. The padding, authenticated by then, is checked with the
 * same masked code as above (it needs no more care than that).
 *
 * TLS 1.0 (implicit IV): the next record's IV is this record's last
 * ciphertext block, taken before decryption in place. It is updated
 * whether or not the record is accepted: a rejected record ends the
 * connection (bad_record_mac is fatal).
 */
#include <string.h>

#include "common/ct_internal.h"
#include "common/try_internal.h"
#include "record/cbc_internal.h"
#include "tern/util.h"

/* Zeroes len bytes of buf unless ok (a 0/1 control) is 1. A word at a
 * time (memcpy keeps it alignment- and aliasing-safe): this runs over
 * every byte of every record. */
static void keep_if(uint32_t ok, uint8_t *buf, size_t len)
{
    uint32_t m = 0u - tern_ct_barrier(ok);
    size_t i = 0;
    for (; len - i >= 4; i += 4) {
        uint32_t w;
        memcpy(&w, buf + i, 4);
        w &= m;
        memcpy(buf + i, &w, 4);
    }
    for (; i < len; i++) {
        buf[i] &= (uint8_t)m;
    }
}

/* The return code for the masks: ok -> TERN_OK, or TERN_ERR_RECORD_OVERFLOW
 * when the authentic plaintext is longer than TLSPlaintext allows
 * (RFC 5246 6.2.1, 6.2.3); !ok -> TERN_ERR_BAD_RECORD_MAC. */
static int result(uint32_t ok, uint32_t plain_len)
{
    uint32_t over = tern_ct_gt(plain_len, TERN_RECORD_MAX_PLAIN);
    uint32_t good = tern_ct_mux(over, (uint32_t)-TERN_ERR_RECORD_OVERFLOW, 0u);
    return -(int)tern_ct_mux(ok, good, (uint32_t)-TERN_ERR_BAD_RECORD_MAC);
}

/* Decrypts the n bytes at body with iv (copied, not changed) and, in TLS
 * 1.0, moves the chain on to the last ciphertext block. */
static int decrypt(tern_cbc_state *st, const uint8_t *iv, uint8_t *body, size_t n)
{
    uint8_t v[16];
    size_t bs = st->block_len;
    int ret;

    memcpy(v, iv, bs);
    if (tern_cbc_iv_len(st) == 0) {
        memcpy(st->chain, body + n - bs, bs);
    }
    ret = tern_cbc_decrypt(tern_cbc_cipher(st), v, body, n);
    tern_wipe(v, sizeof(v));
    return ret;
}

static int open_mte(tern_cbc_state *st, uint64_t seq, uint8_t type, uint16_t version, uint8_t *frag,
                    size_t frag_len, size_t *plain_off, size_t *plain_len)
{
    size_t bs = st->block_len, ml = st->mac_len, ivl = tern_cbc_iv_len(st);
    uint8_t hdr[TERN_CBC_MAC_HDR_LEN], mine[TERN_HASH_MAX_DIGEST], theirs[TERN_HASH_MAX_DIGEST];
    uint8_t iv[16];
    uint8_t *body;
    size_t n, hi, lo, pad_total, len;
    uint32_t good, ok;

    /* Public checks: IV, whole blocks, at least a MAC and the padding
     * length byte. */
    TERN_ENSURE(frag_len >= ivl, TERN_ERR_BAD_RECORD_MAC);
    n = frag_len - ivl;
    TERN_ENSURE(n % bs == 0 && n >= ml + 1, TERN_ERR_BAD_RECORD_MAC);
    body = frag + ivl;
    memcpy(iv, ivl > 0 ? frag : st->chain, bs);
    TERN_TRY(decrypt(st, iv, body, n));

    /* hi: the plaintext length with no padding but its length byte; the
     * padding takes at most 256 bytes, so the plaintext length lies in
     * [lo, hi] (public bounds). */
    hi = n - ml - 1;
    lo = hi - (hi < 255 ? hi : 255);
    good = tern_cbc_pad_check(body, n, ml, &pad_total);
    /* bad padding: treat it as the length byte alone (len = hi) */
    len = tern_ct_mux(good, (uint32_t)(n - ml - pad_total), (uint32_t)hi);

    tern_cbc_mac_hdr(hdr, seq, type, version, len);
    tern_cbc_hmac_ct(&st->mac, hdr, body, lo, len, hi, mine);
    tern_cbc_mac_extract(theirs, body, lo, hi, len, ml);
    ok = good & tern_ct_memeq(mine, theirs, ml);

    keep_if(ok, body, n);
    *plain_off = ivl;
    *plain_len = tern_ct_mux(ok, (uint32_t)len, 0u);
    tern_wipe(mine, sizeof(mine));
    tern_wipe(theirs, sizeof(theirs));
    tern_wipe(hdr, sizeof(hdr));
    return result(ok, (uint32_t)len);
}

#if TERN_CONFIG_ENCRYPT_THEN_MAC
static int open_etm(tern_cbc_state *st, uint64_t seq, uint8_t type, uint16_t version, uint8_t *frag,
                    size_t frag_len, size_t *plain_off, size_t *plain_len)
{
    size_t bs = st->block_len, ml = st->mac_len, ivl = tern_cbc_iv_len(st);
    uint8_t hdr[TERN_CBC_MAC_HDR_LEN], mine[TERN_HASH_MAX_DIGEST], iv[16];
    uint8_t *body;
    tern_hmac_ctx m;
    size_t n, pad_total, len;
    uint32_t mac_ok, good, ok;

    /* Public checks: IV, at least one whole block, the MAC. */
    TERN_ENSURE(frag_len >= ivl + bs + ml, TERN_ERR_BAD_RECORD_MAC);
    n = frag_len - ivl - ml;
    TERN_ENSURE(n % bs == 0, TERN_ERR_BAD_RECORD_MAC);
    body = frag + ivl;

    /* RFC 7366 3: the MAC first, over what was received. */
    tern_cbc_mac_hdr(hdr, seq, type, version, ivl + n);
    m = st->mac;
    tern_hmac_update(&m, hdr, sizeof(hdr));
    tern_hmac_update(&m, frag, ivl + n);
    tern_hmac_out(&m, mine);
    tern_wipe(&m, sizeof(m));
    mac_ok = tern_ct_memeq(mine, body + n, ml);

    memcpy(iv, ivl > 0 ? frag : st->chain, bs);
    TERN_TRY(decrypt(st, iv, body, n));
    good = tern_cbc_pad_check(body, n, 0, &pad_total);
    len = n - pad_total; /* pad_total is 0 when !good; then unused */
    ok = mac_ok & good;

    keep_if(ok, body, n);
    *plain_off = ivl;
    *plain_len = tern_ct_mux(ok, (uint32_t)len, 0u);
    tern_wipe(mine, sizeof(mine));
    return result(ok, (uint32_t)len);
}
#endif

/* see src/record/cbc_internal.h */
int tern_prot_cbc_open(tern_prot *bp, uint64_t seq, uint8_t *type, uint16_t version, uint8_t *frag,
                       size_t frag_len, size_t *plain_off, size_t *plain_len)
{
    tern_cbc_state *st = tern_cbc_state_of(bp);

#if TERN_CONFIG_ENCRYPT_THEN_MAC
    if ((st->flags & TERN_PROT_CBC_ETM) != 0) {
        return open_etm(st, seq, *type, version, frag, frag_len, plain_off, plain_len);
    }
#endif
    return open_mte(st, seq, *type, version, frag, frag_len, plain_off, plain_len);
}
