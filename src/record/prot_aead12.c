/*
 * TLS 1.2 AEAD record protection (RFC 5246 6.2.3.3).
 *
 *   AES-GCM  (RFC 5288 3)  nonce = salt(4) || explicit(8), explicit sent
 *   AES-CCM  (RFC 6655 3)  same layout; CCM_8 has an 8-byte tag
 *   ChaCha20-Poly1305 (RFC 7905 2)  nonce = iv(12) XOR pad64(seq), nothing
 *                                   sent
 *
 * additional_data = seq_num(8) || type(1) || version(2) || length(2), where
 * length is the plaintext length. The explicit nonce we send is the
 * sequence number itself (RFC 5288 3 allows it and it can never repeat
 * under one key); received explicit nonces are taken as sent.
 */
#include <string.h>

#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "record/record_internal.h"
#include "tern/util.h"

#define AAD_LEN 13

static void make_aad(uint8_t aad[AAD_LEN], uint64_t seq, uint8_t type, uint16_t version,
                     size_t plain_len)
{
    tern_store_be64(aad, seq);
    aad[8] = type;
    tern_store_be16(aad + 9, version);
    tern_store_be16(aad + 11, (uint16_t)plain_len);
}

/* The per-record nonce. explicit_nonce: the 8 bytes sent in the record
 * (GCM/CCM) or NULL (ChaCha20-Poly1305). */
static void make_nonce(const tern_prot *p, uint64_t seq, const uint8_t *explicit_nonce,
                       uint8_t nonce[12])
{
    if (p->prefix == 8) {
        memcpy(nonce, p->iv, 4);
        memcpy(nonce + 4, explicit_nonce, 8);
    } else {
        uint8_t s[8];
        size_t i;
        memcpy(nonce, p->iv, 12);
        tern_store_be64(s, seq);
        for (i = 0; i < 8; i++) {
            nonce[4 + i] ^= s[i];
        }
    }
}

static int aead12_seal(tern_prot *p, uint64_t seq, uint8_t type, uint16_t version, uint8_t *frag,
                       size_t plain_len, size_t *frag_len)
{
    uint8_t aad[AAD_LEN], nonce[12];
    const tern_aead_class *cls = *p->aead;

    TERN_ENSURE(plain_len <= TERN_RECORD_MAX_PLAIN, TERN_ERR_INTERNAL);
    if (p->prefix == 8) {
        tern_store_be64(frag, seq);
    }
    make_nonce(p, seq, frag, nonce);
    make_aad(aad, seq, type, version, plain_len);
    TERN_TRY(cls->seal(p->aead, nonce, aad, AAD_LEN, frag + p->prefix, plain_len,
                       frag + p->prefix + plain_len));
    *frag_len = p->prefix + plain_len + p->suffix;
    return TERN_OK;
}

static int aead12_open(tern_prot *p, uint64_t seq, uint8_t *type, uint16_t version, uint8_t *frag,
                       size_t frag_len, size_t *plain_off, size_t *plain_len)
{
    uint8_t aad[AAD_LEN], nonce[12];
    const tern_aead_class *cls = *p->aead;
    size_t overhead = (size_t)p->prefix + p->suffix;
    size_t len;

    /* Too short to hold the explicit nonce and the tag: it cannot
     * authenticate, which is what bad_record_mac reports. */
    TERN_ENSURE(frag_len >= overhead, TERN_ERR_BAD_RECORD_MAC);
    len = frag_len - overhead;
    make_nonce(p, seq, frag, nonce);
    make_aad(aad, seq, *type, version, len);
    if (cls->open(p->aead, nonce, aad, AAD_LEN, frag + p->prefix, len, frag + p->prefix + len) !=
        TERN_OK) {
        return TERN_ERR_BAD_RECORD_MAC;
    }
    *plain_off = p->prefix;
    *plain_len = len;
    return TERN_OK;
}

static const tern_prot_class prot_aead12_class = {"tls12-aead", aead12_seal, aead12_open};

/* see src/record/record_internal.h */
int tern_prot_aead12_init(tern_prot *p, const tern_aead_class *aead, const uint8_t *key,
                          const uint8_t *iv, size_t iv_len, size_t explicit_len)
{
    TERN_ENSURE(aead != NULL && aead->nonce_len == 12, TERN_ERR_BAD_ARG);
    TERN_ENSURE(p->aead != NULL && aead->ctx_size <= p->aead_cap, TERN_ERR_BAD_ARG);
    TERN_ENSURE(aead->tag_len <= TERN_RECORD_MAX_SUFFIX, TERN_ERR_BAD_ARG);
    TERN_ENSURE((explicit_len == 8 && iv_len == 4) || (explicit_len == 0 && iv_len == 12),
                TERN_ERR_BAD_ARG);
    if (p->active) {
        tern_prot_wipe(p); /* old keys go; a null protection holds none */
    }
    *p->aead = aead;
    if (aead->init(p->aead, key) != TERN_OK) {
        tern_prot_wipe(p);
        return TERN_ERR_BAD_KEY;
    }
    memcpy(p->iv, iv, iv_len);
    p->iv_len = (uint8_t)iv_len;
    p->prefix = (uint8_t)explicit_len;
    p->suffix = aead->tag_len;
    p->cls = &prot_aead12_class;
    p->active = 1;
    return TERN_OK;
}
