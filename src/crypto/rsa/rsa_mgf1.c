/*
 * MGF1 (RFC 8017 B.2.1) and the PSS message hash H = Hash(M')
 * (9.1.1 steps 5-6).
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include "common/endian_internal.h"
#include "crypto/rsa/rsa_internal.h"
#include "tern/util.h"

/* see src/crypto/rsa/rsa_internal.h */
void tern_rsa_mgf1_xor(const tern_hash_class *hash, const uint8_t *seed, size_t seed_len,
                       uint8_t *out, size_t out_len)
{
    tern_hash_ctx hc;
    uint8_t t[TERN_HASH_MAX_DIGEST];
    uint8_t counter[4];
    uint32_t c = 0;
    size_t off = 0;

    while (off < out_len) {
        size_t i, n = out_len - off;
        if (n > hash->digest_len) {
            n = hash->digest_len;
        }
        tern_store_be32(counter, c);
        tern_hash_init(&hc, hash);
        hash->update(&hc.vtable, seed, seed_len);
        hash->update(&hc.vtable, counter, sizeof(counter));
        hash->out(&hc.vtable, t);
        for (i = 0; i < n; i++) {
            out[off + i] ^= t[i];
        }
        off += n;
        c++;
    }
    tern_wipe(&hc, sizeof(hc));
    tern_wipe(t, sizeof(t));
}

/* see src/crypto/rsa/rsa_internal.h */
void tern_rsa_pss_hash(const tern_hash_class *hash, const uint8_t *mhash, const uint8_t *salt,
                       size_t salt_len, uint8_t *out)
{
    static const uint8_t zeros[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    tern_hash_ctx hc;

    tern_hash_init(&hc, hash);
    hash->update(&hc.vtable, zeros, sizeof(zeros));
    hash->update(&hc.vtable, mhash, hash->digest_len);
    if (salt_len > 0) {
        hash->update(&hc.vtable, salt, salt_len);
    }
    hash->out(&hc.vtable, out);
    tern_wipe(&hc, sizeof(hc));
}

#else
typedef int tern_rsa_mgf1_unused_;
#endif /* TERN_CONFIG_RSA */
