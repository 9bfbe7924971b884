/*
 * CBC record protection: keying and sealing (RFC 5246 6.2.3.2; RFC 7366;
 * RFC 2246 6.2.3.2 for TLS 1.0). Opening is in prot_cbc_open.c.
 *
 *   MAC-then-encrypt:  MAC = HMAC(seq || type || version || len || plaintext)
 *                      fragment = IV || ENC(plaintext || MAC || padding)
 *   encrypt-then-MAC:  C = ENC(plaintext || padding)
 *                      fragment = IV || C || HMAC(seq || type || version ||
 *                                                 len(IV || C) || IV || C)
 *
 * padding is padding_length + 1 bytes all equal to padding_length; we
 * send the fewest that reach a block multiple (1 to block length). IV:
 * TLS 1.1 and 1.2 send a fresh one per record, taken from the rng given
 * at setup (RFC 5246 6.2.3.2 (2)(a): unpredictable); TLS 1.0 sends none
 * and chains from the last ciphertext block of the previous record.
 */
#include <string.h>

#include "common/try_internal.h"
#include "record/cbc_internal.h"
#include "tern/util.h"

static int cbc_seal(tern_prot *bp, uint64_t seq, uint8_t type, uint16_t version, uint8_t *frag,
                    size_t plain_len, size_t *frag_len);

static const tern_prot_class prot_cbc_mte_class = {"tls-cbc", cbc_seal, tern_prot_cbc_open};
#if TERN_CONFIG_ENCRYPT_THEN_MAC
static const tern_prot_class prot_cbc_etm_class = {"tls-cbc-etm", cbc_seal, tern_prot_cbc_open};
#endif

/* see src/record/record_internal.h */
int tern_prot_is_cbc(const tern_prot *p)
{
#if TERN_CONFIG_ENCRYPT_THEN_MAC
    if (p->cls == &prot_cbc_etm_class) {
        return 1;
    }
#endif
    return p->cls == &prot_cbc_mte_class;
}

/* see src/record/cbc_internal.h */
int tern_cbc_seal_fragment(tern_cbc_state *st, uint64_t seq, uint8_t type, uint16_t version,
                           uint8_t *frag, size_t plain_len, size_t *frag_len)
{
    const tern_block_class **bc = tern_cbc_cipher(st);
    size_t bs = st->block_len, ml = st->mac_len, ivl = tern_cbc_iv_len(st);
    uint8_t *body = frag + ivl;
    uint8_t iv[16], hdr[TERN_CBC_MAC_HDR_LEN];
    tern_hmac_ctx m;
    size_t n, pad, i;
    int ret;

    TERN_ENSURE(plain_len <= TERN_RECORD_MAX_PLAIN, TERN_ERR_INTERNAL);
    if (ivl > 0) {
        TERN_TRY(tern_rng_generate(st->rng, frag, bs));
        memcpy(iv, frag, bs);
    } else {
        memcpy(iv, st->chain, bs);
    }
    n = plain_len;
    if ((st->flags & TERN_PROT_CBC_ETM) == 0) {
        tern_cbc_mac_hdr(hdr, seq, type, version, plain_len);
        m = st->mac;
        tern_hmac_update(&m, hdr, sizeof(hdr));
        tern_hmac_update(&m, body, plain_len);
        tern_hmac_out(&m, body + plain_len);
        n += ml;
    }
    /* padding_length + 1 bytes of padding_length (6.2.3.2), fewest that
     * make a whole number of blocks */
    pad = bs - n % bs;
    for (i = 0; i < pad; i++) {
        body[n + i] = (uint8_t)(pad - 1);
    }
    n += pad;
    ret = tern_cbc_encrypt(bc, iv, body, n); /* iv: now the last block */
    if (ret == TERN_OK && (st->flags & TERN_PROT_CBC_ETM) != 0) {
        /* RFC 7366 3: the MAC covers IV || ciphertext, with their length */
        tern_cbc_mac_hdr(hdr, seq, type, version, ivl + n);
        m = st->mac;
        tern_hmac_update(&m, hdr, sizeof(hdr));
        tern_hmac_update(&m, frag, ivl + n);
        tern_hmac_out(&m, frag + ivl + n);
        n += ml;
    }
    if (ret == TERN_OK && ivl == 0) {
        memcpy(st->chain, iv, bs); /* TLS 1.0: the next record's IV */
    }
    tern_wipe(&m, sizeof(m));
    TERN_TRY(ret);
    *frag_len = ivl + n;
    return TERN_OK;
}

static int cbc_seal(tern_prot *bp, uint64_t seq, uint8_t type, uint16_t version, uint8_t *frag,
                    size_t plain_len, size_t *frag_len)
{
    tern_cbc_state *st = tern_cbc_state_of(bp);
    size_t ivl = tern_cbc_iv_len(st);

    TERN_ENSURE(plain_len <= TERN_RECORD_MAX_PLAIN, TERN_ERR_INTERNAL);
    /* A splitting TLS 1.0 protection reserves more prefix than one record
     * uses (see prot_cbc_split.c); sealed as one record, the plaintext
     * moves down to where the fragment starts. */
    if (bp->prefix != ivl) {
        memmove(frag + ivl, frag + bp->prefix, plain_len);
    }
    return tern_cbc_seal_fragment(st, seq, type, version, frag, plain_len, frag_len);
}

/* Bytes of a one-byte record's fragment (TLS 1.0, no explicit IV): what
 * the first record of a 1/n-1 split takes. */
static size_t one_byte_fragment(size_t bs, size_t ml, unsigned flags)
{
    if ((flags & TERN_PROT_CBC_ETM) != 0) {
        return bs + ml; /* ENC(byte || padding) || MAC */
    }
    return (1 + ml + 1 + bs - 1) / bs * bs; /* ENC(byte || MAC || padding) */
}

static int check_keys(const tern_prot *p, const tern_prot_cbc_keys *k, unsigned flags,
                      const tern_rng_class **rng)
{
    TERN_ENSURE(k != NULL && k->cipher != NULL && k->enc_key != NULL && k->mac_key != NULL,
                TERN_ERR_BAD_ARG);
    TERN_ENSURE(k->cipher->block_len == 8 || k->cipher->block_len == 16, TERN_ERR_BAD_ARG);
    TERN_ENSURE(p->aead != NULL && tern_prot_cbc_ctx_size(k->cipher) <= p->aead_cap,
                TERN_ERR_BAD_ARG);
    TERN_ENSURE(tern_cbc_hmac_ct_supports(k->mac_hash), TERN_ERR_BAD_ARG);
    /* RFC 5246 6.3: mac_key_length is the hash's output length */
    TERN_ENSURE(k->mac_key_len == k->mac_hash->digest_len, TERN_ERR_BAD_ARG);
    TERN_ENSURE((flags & ~(TERN_PROT_CBC_ETM | TERN_PROT_CBC_TLS10 | TERN_PROT_CBC_SPLIT)) == 0,
                TERN_ERR_BAD_ARG);
#if !TERN_CONFIG_TLS10
    TERN_ENSURE((flags & TERN_PROT_CBC_TLS10) == 0, TERN_ERR_UNSUPPORTED);
#endif
#if !TERN_CONFIG_ENCRYPT_THEN_MAC
    TERN_ENSURE((flags & TERN_PROT_CBC_ETM) == 0, TERN_ERR_UNSUPPORTED);
#endif
    if ((flags & TERN_PROT_CBC_TLS10) != 0) {
        TERN_ENSURE(k->iv != NULL, TERN_ERR_BAD_ARG);
    } else {
        TERN_ENSURE(rng != NULL && (flags & TERN_PROT_CBC_SPLIT) == 0, TERN_ERR_BAD_ARG);
    }
    return TERN_OK;
}

/* see src/record/record_internal.h */
size_t tern_prot_cbc_ctx_size(const tern_block_class *cipher)
{
    size_t n = sizeof(tern_cbc_state) + cipher->ctx_size;
    return (n + 7u) & ~(size_t)7u;
}

/* see src/record/record_internal.h */
int tern_prot_cbc_init(tern_prot *p, const tern_prot_cbc_keys *keys, unsigned flags,
                       const tern_rng_class **rng)
{
    const tern_block_class *bcls;
    tern_cbc_state *st;
    size_t bs;
    int ret;

    TERN_TRY(check_keys(p, keys, flags, rng));
    tern_prot_wipe(p); /* old keys go, whatever protection held them */
    st = tern_cbc_state_of(p);
    bcls = keys->cipher;
    bs = bcls->block_len;
    ret = bcls->init(tern_cbc_cipher(st), keys->enc_key, keys->enc_key_len);
    if (ret != TERN_OK) {
        tern_prot_wipe(p);
        return ret;
    }
    tern_hmac_init(&st->mac, keys->mac_hash, keys->mac_key, keys->mac_key_len);
    st->block_len = (uint8_t)bs;
    st->mac_len = keys->mac_hash->digest_len;
    st->flags = (uint8_t)flags;
    if ((flags & TERN_PROT_CBC_TLS10) != 0) {
        memcpy(st->chain, keys->iv, bs);
        st->rng = NULL;
        p->prefix = 0;
        if ((flags & TERN_PROT_CBC_SPLIT) != 0) {
            /* room for the first record and the second header in front
             * of the plaintext's second byte (prot_cbc_split.c) */
            p->prefix =
                (uint8_t)(TERN_RECORD_HEADER_LEN - 1 + one_byte_fragment(bs, st->mac_len, flags));
        }
    } else {
        st->rng = rng;
        p->prefix = (uint8_t)bs;
    }
    /* the most seal adds after the plaintext: MAC and a block of padding */
    p->suffix = (uint8_t)(st->mac_len + bs);
    p->iv_len = 0;
    p->active = 1;
#if TERN_CONFIG_ENCRYPT_THEN_MAC
    p->cls = (flags & TERN_PROT_CBC_ETM) != 0 ? &prot_cbc_etm_class : &prot_cbc_mte_class;
#else
    p->cls = &prot_cbc_mte_class;
#endif
    return TERN_OK;
}

/* see src/record/record_internal.h */
size_t tern_prot_cbc_in_expansion(const tern_prot *p)
{
    const tern_cbc_state *st;

    if (!tern_prot_is_cbc(p)) {
        return (size_t)p->prefix + p->suffix;
    }
    st = tern_cbc_state_of(p);
    return tern_cbc_iv_len(st) + st->mac_len + 256u;
}
