/*
 * CTR mode with a 32-bit big-endian counter in the last four bytes of the
 * counter block: the incrementing function inc32 of SP 800-38D, 6.2 (GCM)
 * and the counter blocks of SP 800-38C A.3 (CCM).
 */
#include <string.h>

#include "common/endian_internal.h"
#include "tern/cipher.h"
#include "tern/config.h"
#include "tern/util.h"

/* Counter blocks encrypted per call to the class (see cbc.c). The
 * bitsliced AES classes expand their compact round keys once per call
 * (aes_ct64.c), so a large batch makes that cost noise: 32 blocks
 * (512 bytes of stack) on 64-bit targets, 16 on 32-bit ones. */
#if TERN_CONFIG_WORD_BITS == 64
#define CTR_BATCH 32
#else
#define CTR_BATCH 16
#endif

/* see include/tern/cipher.h */
void tern_ctr32_xor(const tern_block_class *const *bc, uint8_t ctr[16], uint8_t *data, size_t len)
{
    uint8_t ks[CTR_BATCH * 16];
    uint32_t cnt;
    size_t i;

    if (bc == NULL || *bc == NULL || (*bc)->block_len != 16 || len == 0) {
        return;
    }
    cnt = tern_load_be32(ctr + 12);
    while (len > 0) {
        size_t nb = (len + 15) / 16;
        size_t n;
        if (nb > CTR_BATCH) {
            nb = CTR_BATCH;
        }
        for (i = 0; i < nb; i++) {
            memcpy(ks + 16 * i, ctr, 12);
            tern_store_be32(ks + 16 * i + 12, cnt);
            cnt++; /* wraps modulo 2^32: inc32 */
        }
        (*bc)->encrypt(bc, ks, nb);
        n = len < 16 * nb ? len : 16 * nb;
        for (i = 0; i < n; i++) {
            data[i] ^= ks[i];
        }
        data += n;
        len -= n;
    }
    tern_store_be32(ctr + 12, cnt);
    /* The key stream would decrypt whatever it was XORed into. */
    tern_wipe(ks, sizeof(ks));
}
