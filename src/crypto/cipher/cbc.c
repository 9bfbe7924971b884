/*
 * CBC mode over any block class (SP 800-38A, 6.2). No padding: the record
 * layer adds and checks its own (RFC 5246, 6.2.3.2).
 */
#include <string.h>

#include "common/try_internal.h"
#include "tern/cipher.h"
#include "tern/util.h"

/* Blocks decrypted per call to the class: enough for AES-NI's 8-way
 * pipeline and two batches of the 4-way bitsliced AES. */
#define CBC_BATCH 8

static int check_args(const tern_block_class *const *bc, const uint8_t *iv, const uint8_t *data,
                      size_t len)
{
    size_t bl;
    TERN_CHECK_ARG(bc != NULL && *bc != NULL && iv != NULL);
    TERN_CHECK_ARG(data != NULL || len == 0);
    bl = (*bc)->block_len;
    TERN_ENSURE(bl == 8 || bl == 16, TERN_ERR_BAD_ARG);
    TERN_ENSURE(len % bl == 0, TERN_ERR_BAD_LENGTH);
    (void)iv;
    (void)data;
    return TERN_OK;
}

/* see include/tern/cipher.h */
int tern_cbc_encrypt(const tern_block_class *const *bc, uint8_t *iv, uint8_t *data, size_t len)
{
    size_t bl, i;

    TERN_TRY(check_args(bc, iv, data, len));
    bl = (*bc)->block_len;
    /* Each block depends on the one before: one block per call. */
    for (; len > 0; len -= bl, data += bl) {
        for (i = 0; i < bl; i++) {
            data[i] ^= iv[i];
        }
        (*bc)->encrypt(bc, data, 1);
        memcpy(iv, data, bl);
    }
    return TERN_OK;
}

/* see include/tern/cipher.h */
int tern_cbc_decrypt(const tern_block_class *const *bc, uint8_t *iv, uint8_t *data, size_t len)
{
    uint8_t saved[CBC_BATCH * 16];
    size_t bl, n, i;

    TERN_TRY(check_args(bc, iv, data, len));
    TERN_ENSURE((*bc)->decrypt != NULL, TERN_ERR_UNSUPPORTED);
    bl = (*bc)->block_len;
    /* Decryption of different blocks is independent: decrypt a batch in
     * one call, then XOR each block with the ciphertext before it. */
    while (len > 0) {
        size_t chunk = (len / bl < CBC_BATCH ? len / bl : CBC_BATCH) * bl;
        memcpy(saved, data, chunk);
        (*bc)->decrypt(bc, data, chunk / bl);
        for (i = 0; i < bl; i++) {
            data[i] ^= iv[i];
        }
        for (n = bl; n < chunk; n++) {
            data[n] ^= saved[n - bl];
        }
        memcpy(iv, saved + chunk - bl, bl);
        data += chunk;
        len -= chunk;
    }
    return TERN_OK;
}
