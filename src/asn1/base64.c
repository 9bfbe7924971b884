/*
 * Strict base64 (RFC 4648 section 4), constant-time in the character
 * values: characters are mapped to 6-bit values and back with comparisons
 * and masks (src/common/ct_internal.h), never with a table indexed by
 * data. Validity is accumulated in a flag and checked once at the end.
 */
#include "asn1/pem_internal.h"
#include "common/ct_internal.h"
#include "common/try_internal.h"
#include "tern/pem.h"

/* The 6-bit value of character c; *bad gets 1 if c is not in the
 * alphabet (RFC 4648 table 1). */
static uint32_t char_value(uint32_t c, uint32_t *bad)
{
    uint32_t up = tern_ct_ge(c, 'A') & tern_ct_le(c, 'Z');
    uint32_t lo = tern_ct_ge(c, 'a') & tern_ct_le(c, 'z');
    uint32_t di = tern_ct_ge(c, '0') & tern_ct_le(c, '9');
    uint32_t pl = tern_ct_eq(c, '+');
    uint32_t sl = tern_ct_eq(c, '/');
    uint32_t v = 0;

    v = tern_ct_mux(up, c - 'A', v);
    v = tern_ct_mux(lo, c - 'a' + 26u, v);
    v = tern_ct_mux(di, c - '0' + 52u, v);
    v = tern_ct_mux(pl, 62u, v);
    v = tern_ct_mux(sl, 63u, v);
    *bad |= (up | lo | di | pl | sl) ^ 1u;
    return v;
}

/* The character for 6-bit value v. */
static char value_char(uint32_t v)
{
    uint32_t c = v + 'A';
    c = tern_ct_mux(tern_ct_ge(v, 26u), v - 26u + 'a', c);
    c = tern_ct_mux(tern_ct_ge(v, 52u), v - 52u + '0', c);
    c = tern_ct_mux(tern_ct_eq(v, 62u), '+', c);
    c = tern_ct_mux(tern_ct_eq(v, 63u), '/', c);
    return (char)c;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* see src/asn1/pem_internal.h */
int tern_b64_is_text(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/' || c == '=';
}

/* see include/tern/pem.h */
size_t tern_base64_encoded_len(size_t n)
{
    return (n / 3u + (n % 3u != 0)) * 4u;
}

/* see include/tern/pem.h */
int tern_base64_encode(const uint8_t *in, size_t len, char *out, size_t cap, size_t *out_len)
{
    size_t need, i, o = 0;

    TERN_CHECK_ARG(out_len != NULL && (in != NULL || len == 0));
    /* 4 * ceil(len / 3) must not overflow. */
    TERN_ENSURE(len / 3u < ((size_t)-1) / 4u - 1u, TERN_ERR_BAD_ARG);
    need = tern_base64_encoded_len(len);
    if (need > cap) {
        *out_len = need;
        return TERN_ERR_BUFFER_TOO_SMALL;
    }
    for (i = 0; i < len; i += 3) {
        /* One quantum: up to 3 bytes, 4 characters, '=' for the missing
         * bytes (RFC 4648 4). Only the (public) length decides. */
        size_t rem = len - i, k;
        uint32_t acc = (uint32_t)in[i] << 16;
        if (rem > 1) {
            acc |= (uint32_t)in[i + 1] << 8;
        }
        if (rem > 2) {
            acc |= in[i + 2];
        }
        for (k = 0; k < 4; k++) {
            out[o++] = k <= rem ? value_char((acc >> (18u - 6u * k)) & 63u) : '=';
        }
    }
    *out_len = o;
    return TERN_OK;
}

/* see src/asn1/pem_internal.h */
int tern_b64_decode(const char *in, size_t len, int skip_ws, uint8_t *out, size_t cap,
                    size_t *out_len)
{
    size_t n = 0, i, k, need, o = 0, pad = 0, seen = 0;
    char last[2] = {0, 0};
    uint32_t acc = 0, bad = 0;
    uint8_t keep;

    TERN_CHECK_ARG(out_len != NULL && (in != NULL || len == 0));
    /* The significant characters, and the last two of them (padding). */
    if (skip_ws) {
        for (i = 0; i < len; i++) {
            n += !is_ws(in[i]);
        }
        for (i = len; i > 0 && seen < 2; i--) {
            if (!is_ws(in[i - 1])) {
                last[seen++] = in[i - 1];
            }
        }
    } else {
        n = len;
        if (len >= 2) {
            last[0] = in[len - 1];
            last[1] = in[len - 2];
        }
    }
    if (n == 0) {
        *out_len = 0;
        return TERN_OK;
    }
    /* RFC 4648 3.2: padding is required, so whole quanta only. */
    TERN_ENSURE(n % 4u == 0, TERN_ERR_PEM);
    if (last[0] == '=') {
        pad = last[1] == '=' ? 2 : 1;
    }
    need = n / 4u * 3u - pad;
    if (need > cap) {
        *out_len = need;
        return TERN_ERR_BUFFER_TOO_SMALL;
    }

    for (i = 0, k = 0; i < len; i++) {
        uint32_t v = 0;
        if (skip_ws && is_ws(in[i])) {
            continue;
        }
        if (k < n - pad) {
            v = char_value((uint8_t)in[i], &bad);
        }
        acc = (acc << 6) | v;
        k++;
        if (k % 4u == 0) {
            /* Write after the whole quantum is read: in-place safe. */
            out[o++] = (uint8_t)(acc >> 16);
            if (o < need) {
                out[o++] = (uint8_t)(acc >> 8);
            }
            if (o < need) {
                out[o++] = (uint8_t)acc;
            }
            if (k == n) {
                /* RFC 4648 3.5: the bits under the padding are zero. */
                uint32_t mask = pad == 2 ? 0xffffu : pad == 1 ? 0xffu : 0u;
                bad |= tern_ct_is_zero(acc & mask) ^ 1u;
            }
            acc = 0;
        }
    }
    /* No branch on the validity flag either: on failure the output is
     * cleared with a mask and the error code selected arithmetically. */
    keep = (uint8_t)(0u - tern_ct_barrier(bad ^ 1u));
    for (i = 0; i < o; i++) {
        out[i] &= keep;
    }
    *out_len = o;
    return -(int)tern_ct_mux(bad, (uint32_t)-TERN_ERR_PEM, 0);
}

/* see include/tern/pem.h */
int tern_base64_decode(const char *in, size_t len, uint8_t *out, size_t cap, size_t *out_len)
{
    return tern_b64_decode(in, len, 0, out, cap, out_len);
}
