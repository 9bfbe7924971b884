/*
 * Keys from PEM (RFC 7468 sections 10, 11, 13; the traditional OpenSSL
 * labels "RSA PRIVATE KEY", "RSA PUBLIC KEY", "EC PRIVATE KEY"): the block
 * label picks the format, no guessing.
 */
#include "common/try_internal.h"
#include "crypto/keys/keys_internal.h"
#include "tern/pem.h"
#include "tern/util.h"

enum { FMT_SPKI, FMT_RSA_PUBLIC, FMT_PKCS8, FMT_RSA_PRIVATE, FMT_SEC1, FMT_ENCRYPTED };

static const struct {
    const char *label;
    int fmt;
    int is_private;
} labels[] = {
    {"PUBLIC KEY", FMT_SPKI, 0},     {"RSA PUBLIC KEY", FMT_RSA_PUBLIC, 0},
    {"PRIVATE KEY", FMT_PKCS8, 1},   {"RSA PRIVATE KEY", FMT_RSA_PRIVATE, 1},
    {"EC PRIVATE KEY", FMT_SEC1, 1}, {"ENCRYPTED PRIVATE KEY", FMT_ENCRYPTED, 1},
};

/* The first block with a label of the wanted kind; TERN_ERR_NOT_FOUND if
 * there is none. */
static int find_key_block(const char *pem, size_t len, int want_private, tern_pem_block *blk,
                          int *fmt)
{
    tern_pem_iter it;
    int rc;

    tern_pem_iter_init(&it, pem, len);
    while ((rc = tern_pem_next(&it, blk)) > 0) {
        size_t i;
        for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
            if (labels[i].is_private == want_private && tern_pem_label_is(blk, labels[i].label)) {
                /* PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 3): no
                 * password-based decryption in tern. */
                TERN_ENSURE(labels[i].fmt != FMT_ENCRYPTED, TERN_ERR_UNSUPPORTED);
                *fmt = labels[i].fmt;
                return TERN_OK;
            }
        }
    }
    return rc < 0 ? rc : TERN_ERR_NOT_FOUND;
}

static int parse_public(int fmt, const uint8_t *der, size_t len, tern_pubkey *pub)
{
    if (fmt == FMT_SPKI) {
        return tern_key_parse_spki(der, len, pub, NULL);
    }
    return tern_key_parse_rsa_public(der, len, pub);
}

static int parse_private(int fmt, const uint8_t *der, size_t len, tern_privkey *priv)
{
    switch (fmt) {
    case FMT_PKCS8:
        return tern_key_parse_pkcs8(der, len, priv, NULL);
    case FMT_RSA_PRIVATE:
        return tern_key_parse_rsa_private(der, len, priv);
    default:
        return tern_key_parse_sec1(der, len, priv);
    }
}

/* see include/tern/keys.h */
int tern_key_parse_public_pem(const char *pem, size_t pem_len, uint8_t *der, size_t der_cap,
                              tern_pubkey *pub)
{
    tern_pem_block blk;
    size_t n;
    int fmt;

    TERN_CHECK_ARG(pub != NULL && (pem != NULL || pem_len == 0) && (der != NULL || der_cap == 0));
    TERN_TRY(find_key_block(pem, pem_len, 0, &blk, &fmt));
    TERN_TRY(tern_pem_decode(&blk, der, der_cap, &n));
    return parse_public(fmt, der, n, pub);
}

/* see include/tern/keys.h */
int tern_key_parse_private_pem(const char *pem, size_t pem_len, uint8_t *der, size_t der_cap,
                               tern_privkey *priv)
{
    tern_pem_block blk;
    size_t n = 0;
    int fmt, ret;

    TERN_CHECK_ARG(priv != NULL && (pem != NULL || pem_len == 0) && (der != NULL || der_cap == 0));
    TERN_TRY(find_key_block(pem, pem_len, 1, &blk, &fmt));
    /* The decoded DER is secret: wiped on every failure path (out:). */
    TERN_TRY_GOTO(tern_pem_decode(&blk, der, der_cap, &n));
    TERN_TRY_GOTO(parse_private(fmt, der, n, priv));
    return TERN_OK;
out:
    if (ret != TERN_ERR_BUFFER_TOO_SMALL) {
        tern_wipe(der, n);
    }
    return ret;
}

/* see include/tern/keys.h */
int tern_key_parse_public_pem_inplace(char *pem, size_t pem_len, tern_pubkey *pub)
{
    tern_pem_block blk;
    uint8_t *der;
    size_t n;
    int fmt;

    TERN_CHECK_ARG(pub != NULL && (pem != NULL || pem_len == 0));
    TERN_TRY(find_key_block(pem, pem_len, 0, &blk, &fmt));
    TERN_TRY(tern_pem_decode_inplace(&blk, pem, pem_len, &der, &n));
    return parse_public(fmt, der, n, pub);
}

/* see include/tern/keys.h */
int tern_key_parse_private_pem_inplace(char *pem, size_t pem_len, tern_privkey *priv)
{
    tern_pem_block blk;
    uint8_t *der = NULL;
    size_t n = 0;
    int fmt, ret;

    TERN_CHECK_ARG(priv != NULL && (pem != NULL || pem_len == 0));
    TERN_TRY(find_key_block(pem, pem_len, 1, &blk, &fmt));
    /* The decoder wipes the body itself when it fails; a parse failure
     * wipes the DER here (out:). */
    TERN_TRY(tern_pem_decode_inplace(&blk, pem, pem_len, &der, &n));
    TERN_TRY_GOTO(parse_private(fmt, der, n, priv));
    return TERN_OK;
out:
    tern_wipe(der, n);
    return ret;
}
