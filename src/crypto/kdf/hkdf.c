/*
 * HKDF (RFC 5869) and the TLS 1.3 HKDF-Expand-Label (RFC 8446 7.1).
 *
 * Expand takes its info as a list of pieces so that Expand-Label feeds the
 * HkdfLabel structure to HMAC piece by piece instead of building it in a
 * 514-byte stack buffer. The PRK is keyed into HMAC once and the keyed
 * state copied for every T(i).
 */
#include <string.h>

#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "tern/kdf.h"
#include "tern/mac.h"
#include "tern/util.h"

/* T(0) = empty; T(i) = HMAC(PRK, T(i-1) || info || i); OKM = first
 * out_len bytes of T(1) || T(2) || ... (RFC 5869 2.3). */
static int expand_parts(const tern_hash_class *h, const uint8_t *prk, size_t prk_len,
                        const uint8_t *const *info, const size_t *info_len, size_t nparts,
                        uint8_t *out, size_t out_len)
{
    tern_hmac_ctx keyed, c;
    uint8_t t[TERN_HASH_MAX_DIGEST];
    size_t dl = h->digest_len;
    size_t t_len = 0, done = 0, i;
    uint8_t counter = 0;

    TERN_ENSURE(prk_len >= dl, TERN_ERR_BAD_LENGTH);
    TERN_ENSURE(out_len <= 255 * dl, TERN_ERR_BAD_LENGTH);

    tern_hmac_init(&keyed, h, prk, prk_len);
    while (done < out_len) {
        size_t n = out_len - done < dl ? out_len - done : dl;
        c = keyed;
        tern_hmac_update(&c, t, t_len);
        for (i = 0; i < nparts; i++) {
            tern_hmac_update(&c, info[i], info_len[i]);
        }
        counter++;
        tern_hmac_update(&c, &counter, 1);
        tern_hmac_out(&c, t);
        t_len = dl;
        memcpy(out + done, t, n);
        done += n;
    }
    tern_hmac_wipe(&keyed);
    tern_hmac_wipe(&c);
    tern_wipe(t, sizeof(t));
    return TERN_OK;
}

/* see include/tern/kdf.h */
int tern_hkdf_extract(const tern_hash_class *h, const uint8_t *salt, size_t salt_len,
                      const uint8_t *ikm, size_t ikm_len, uint8_t *prk)
{
    static const uint8_t zeros[TERN_HASH_MAX_DIGEST] = {0};

    TERN_CHECK_ARG(h != NULL && prk != NULL);
    TERN_CHECK_ARG(salt != NULL || salt_len == 0);
    TERN_CHECK_ARG(ikm != NULL || ikm_len == 0);
    /* RFC 5869 2.2: "if not provided, [salt] is set to a string of
     * HashLen zeros". */
    if (salt_len == 0) {
        salt = zeros;
        salt_len = h->digest_len;
    }
    tern_hmac(h, salt, salt_len, ikm, ikm_len, prk);
    return TERN_OK;
}

/* see include/tern/kdf.h */
int tern_hkdf_expand(const tern_hash_class *h, const uint8_t *prk, size_t prk_len,
                     const uint8_t *info, size_t info_len, uint8_t *out, size_t out_len)
{
    TERN_CHECK_ARG(h != NULL && prk != NULL);
    TERN_CHECK_ARG(info != NULL || info_len == 0);
    TERN_CHECK_ARG(out != NULL || out_len == 0);
    return expand_parts(h, prk, prk_len, &info, &info_len, 1, out, out_len);
}

/* see include/tern/kdf.h */
int tern_hkdf_expand_label(const tern_hash_class *h, const uint8_t *secret, size_t secret_len,
                           const uint8_t *label, size_t label_len, const uint8_t *context,
                           size_t context_len, uint8_t *out, size_t out_len)
{
    uint8_t head[3]; /* uint16 length, label length byte */
    uint8_t ctx_len_byte;
    const uint8_t *parts[4];
    size_t lens[4];

    TERN_CHECK_ARG(h != NULL && secret != NULL);
    TERN_CHECK_ARG(label != NULL || label_len == 0);
    TERN_CHECK_ARG(context != NULL || context_len == 0);
    TERN_CHECK_ARG(out != NULL || out_len == 0);
    TERN_ENSURE(label_len <= 255, TERN_ERR_BAD_LENGTH);
    TERN_ENSURE(context_len <= 255, TERN_ERR_BAD_LENGTH);
    TERN_ENSURE(out_len <= 65535, TERN_ERR_BAD_LENGTH);

    tern_store_be16(head, (uint16_t)out_len);
    head[2] = (uint8_t)label_len;
    ctx_len_byte = (uint8_t)context_len;
    parts[0] = head;
    lens[0] = sizeof(head);
    parts[1] = label;
    lens[1] = label_len;
    parts[2] = &ctx_len_byte;
    lens[2] = 1;
    parts[3] = context;
    lens[3] = context_len;
    return expand_parts(h, secret, secret_len, parts, lens, 4, out, out_len);
}
