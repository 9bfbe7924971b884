/*
 * AES key expansion (FIPS 197, 5.2), shared by the bitsliced and AES-NI
 * implementations. Only the S-box differs between them; it comes in as
 * sub_word, so nothing here looks up a table with key bytes.
 */
#include "tern/config.h"

#if TERN_CONFIG_AES_CT || TERN_CONFIG_AES_X86NI

#include "common/endian_internal.h"
#include "crypto/cipher/aes_internal.h"

/* see src/crypto/cipher/aes_internal.h */
unsigned tern_aes_expand_key(uint32_t w[TERN_AES_MAX_WORDS], const uint8_t *key, size_t key_len,
                             uint32_t (*sub_word)(uint32_t))
{
    unsigned nk, nr, i, total;
    uint32_t rcon = 1; /* x^(i/Nk - 1) in GF(2^8), a public constant */

    if (key_len != 16 && key_len != 24 && key_len != 32) {
        return 0;
    }
    nk = (unsigned)(key_len / 4);
    nr = nk + 6;
    total = 4 * (nr + 1);
    for (i = 0; i < nk; i++) {
        w[i] = tern_load_le32(key + 4 * i);
    }
    for (i = nk; i < total; i++) {
        uint32_t t = w[i - 1];
        if (i % nk == 0) {
            /* SubWord(RotWord(t)) xor Rcon: RotWord is a rotation by one
             * byte towards byte 0, i.e. right by 8 in little-endian. */
            t = sub_word((t >> 8) | (t << 24)) ^ rcon;
            rcon = (rcon << 1) ^ (0x11bu & (0u - (rcon >> 7)));
        } else if (nk > 6 && i % nk == 4) {
            t = sub_word(t);
        }
        w[i] = w[i - nk] ^ t;
    }
    return nr;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_aes_keysched_unused_;
#endif
