/*
 * EMSA-PKCS1-v1_5 encoding (RFC 8017 9.2), shared by signing and by the
 * strict verification, which compares against a fresh encoding.
 */
#include "tern/config.h"

#if TERN_CONFIG_RSA

#include <string.h>

#include "common/try_internal.h"
#include "crypto/rsa/rsa_internal.h"

/* DER of DigestInfo up to the digest (RFC 8017 9.2 note 1): SEQUENCE {
 * SEQUENCE { OID, NULL }, OCTET STRING }. The NULL parameter is always
 * present; encodings without it are therefore rejected on verify. */
static const uint8_t di_md5[] = {0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48,
                                 0x86, 0xf7, 0x0d, 0x02, 0x05, 0x05, 0x00, 0x04, 0x10};
static const uint8_t di_sha1[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                  0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
static const uint8_t di_sha224[] = {0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x04, 0x05, 0x00, 0x04, 0x1c};
static const uint8_t di_sha256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
static const uint8_t di_sha384[] = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
static const uint8_t di_sha512[] = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};

static const uint8_t *digest_info(const tern_hash_class *hash, size_t *len)
{
    switch (hash->id) {
    case TERN_HASH_MD5:
        *len = sizeof(di_md5);
        return di_md5;
    case TERN_HASH_SHA1:
        *len = sizeof(di_sha1);
        return di_sha1;
    case TERN_HASH_SHA224:
        *len = sizeof(di_sha224);
        return di_sha224;
    case TERN_HASH_SHA256:
        *len = sizeof(di_sha256);
        return di_sha256;
    case TERN_HASH_SHA384:
        *len = sizeof(di_sha384);
        return di_sha384;
    case TERN_HASH_SHA512:
        *len = sizeof(di_sha512);
        return di_sha512;
    default:
        *len = 0;
        return NULL;
    }
}

/* see src/crypto/rsa/rsa_internal.h */
int tern_rsa_emsa_pkcs1_encode(const tern_hash_class *hash, const uint8_t *digest,
                               size_t digest_len, uint8_t *em, size_t k)
{
    const uint8_t *prefix = NULL;
    size_t prefix_len = 0, t_len;

    TERN_CHECK_ARG(digest != NULL && em != NULL);
    if (hash != NULL) {
        prefix = digest_info(hash, &prefix_len);
        TERN_ENSURE(prefix != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
        TERN_ENSURE(digest_len == hash->digest_len, TERN_ERR_BAD_LENGTH);
    }
    t_len = prefix_len + digest_len;
    /* at least 8 bytes of 0xff: k >= tLen + 11 (step 3) */
    TERN_ENSURE(k >= 11 && t_len <= k - 11, TERN_ERR_BAD_LENGTH);
    em[0] = 0x00;
    em[1] = 0x01;
    memset(em + 2, 0xff, k - t_len - 3);
    em[k - t_len - 1] = 0x00;
    if (prefix_len > 0) {
        memcpy(em + k - t_len, prefix, prefix_len);
    }
    memcpy(em + k - digest_len, digest, digest_len);
    return TERN_OK;
}

#else
typedef int tern_rsa_emsa_pkcs1_unused_;
#endif /* TERN_CONFIG_RSA */
