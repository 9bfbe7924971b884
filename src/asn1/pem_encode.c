/*
 * PEM writing (RFC 7468 section 2, the "stricttextualmsg" form): boundary
 * lines, base64 in lines of 64 characters, LF line ends.
 */
#include <string.h>

#include "asn1/pem_internal.h"
#include "common/try_internal.h"
#include "tern/pem.h"

#define LINE_BYTES 48u /* 48 bytes of DER make 64 base64 characters */

static const char begin_text[] = "-----BEGIN ";
static const char end_text[] = "-----END ";
static const char close_text[] = "-----\n";

#define TEXT_LEN(s) (sizeof(s) - 1u)

/* see include/tern/pem.h */
size_t tern_pem_encoded_len(size_t label_len, size_t der_len)
{
    size_t lines = der_len / LINE_BYTES + (der_len % LINE_BYTES != 0);
    return TEXT_LEN(begin_text) + TEXT_LEN(end_text) + 2u * (label_len + TEXT_LEN(close_text)) +
           tern_base64_encoded_len(der_len) + lines;
}

static void put(char *out, size_t *o, const char *s, size_t n)
{
    memcpy(out + *o, s, n);
    *o += n;
}

/* see include/tern/pem.h */
int tern_pem_encode(const char *label, const uint8_t *der, size_t len, char *out, size_t cap,
                    size_t *out_len)
{
    size_t label_len, need, o = 0, i;

    TERN_CHECK_ARG(label != NULL && out_len != NULL && (der != NULL || len == 0));
    label_len = strlen(label);
    TERN_ENSURE(tern_pem_label_valid(label, label_len), TERN_ERR_BAD_ARG);
    /* Sizes far below SIZE_MAX / 2, so the length formula cannot wrap. */
    TERN_ENSURE(len < ((size_t)-1) / 4u && label_len < ((size_t)-1) / 4u, TERN_ERR_BAD_ARG);
    need = tern_pem_encoded_len(label_len, len);
    if (need > cap) {
        *out_len = need;
        return TERN_ERR_BUFFER_TOO_SMALL;
    }
    put(out, &o, begin_text, TEXT_LEN(begin_text));
    put(out, &o, label, label_len);
    put(out, &o, close_text, TEXT_LEN(close_text));
    for (i = 0; i < len; i += LINE_BYTES) {
        size_t chunk = len - i < LINE_BYTES ? len - i : LINE_BYTES, n = 0;
        TERN_TRY(tern_base64_encode(der + i, chunk, out + o, cap - o, &n));
        o += n;
        out[o++] = '\n';
    }
    put(out, &o, end_text, TEXT_LEN(end_text));
    put(out, &o, label, label_len);
    put(out, &o, close_text, TEXT_LEN(close_text));
    *out_len = o;
    return TERN_OK;
}
