/*
 * The DER form of an ECDSA signature (RFC 3279 2.2.3, RFC 5480 2.2.3):
 *
 *     Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }
 *
 * Decoding is strict DER (X.690 10.1 and 8.3.2): definite short-form
 * lengths (a P-384 signature is at most 104 bytes, so a long form is
 * never minimal), INTEGER contents minimal and non-negative, nothing
 * after the SEQUENCE. The input is public.
 */
#include "tern/config.h"

#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384

#include "common/rw_internal.h"
#include "common/try_internal.h"
#include "crypto/ecc/ecdsa_internal.h"
#include "tern/ec.h"

/* One TLV with the given tag and a short-form length; the body must be
 * present. */
static int read_tlv(tern_reader *r, uint8_t tag, tern_reader *body)
{
    uint8_t t;
    TERN_TRY(tern_read_u8(r, &t));
    TERN_ENSURE(t == tag, TERN_ERR_DECODE);
    /* a one-byte length below 0x80: the short form */
    return tern_read_vec(r, 1, 0, 0x7f, body);
}

/* INTEGER -> len bytes big-endian, left-padded. */
static int read_int(tern_reader *r, size_t len, uint8_t *out)
{
    tern_reader body;
    const uint8_t *p;
    size_t n, i;

    TERN_TRY(read_tlv(r, 0x02, &body));
    n = tern_reader_left(&body);
    TERN_ENSURE(n >= 1, TERN_ERR_DECODE);
    TERN_TRY(tern_read_bytes(&body, n, &p));
    /* negative numbers are refused */
    TERN_ENSURE((p[0] & 0x80) == 0, TERN_ERR_DECODE);
    if (p[0] == 0 && n > 1) {
        /* a leading zero only to clear the sign bit of the next byte */
        TERN_ENSURE((p[1] & 0x80) != 0, TERN_ERR_DECODE);
        p++;
        n--;
    }
    TERN_ENSURE(n <= len, TERN_ERR_DECODE);
    for (i = 0; i < len - n; i++) {
        out[i] = 0;
    }
    for (i = 0; i < n; i++) {
        out[len - n + i] = p[i];
    }
    return TERN_OK;
}

static int decode(const ec_curve *c, const uint8_t *der, size_t der_len, uint8_t *r, uint8_t *s)
{
    tern_reader rd, seq;

    tern_reader_init(&rd, der, der_len);
    TERN_TRY(read_tlv(&rd, 0x30, &seq));
    TERN_TRY(tern_reader_expect_end(&rd));
    TERN_TRY(read_int(&seq, c->len, r));
    TERN_TRY(read_int(&seq, c->len, s));
    return tern_reader_expect_end(&seq);
}

/* see src/crypto/ecc/ecdsa_internal.h */
int tern_ecdsa_der_decode(const ec_curve *c, const uint8_t *der, size_t der_len, uint8_t *r,
                          uint8_t *s)
{
    TERN_ENSURE(der != NULL || der_len == 0, TERN_ERR_BAD_SIGNATURE);
    TERN_ENSURE(decode(c, der, der_len, r, s) == TERN_OK, TERN_ERR_BAD_SIGNATURE);
    return TERN_OK;
}

/* INTEGER from len big-endian bytes: leading zeros dropped (one byte
 * kept for zero), a zero byte added when the top bit is set. */
static int write_int(tern_writer *w, const uint8_t *v, size_t len)
{
    size_t i = 0;
    while (i + 1 < len && v[i] == 0) {
        i++;
    }
    TERN_TRY(tern_write_u8(w, 0x02));
    TERN_TRY(tern_write_u8(w, (uint8_t)(len - i + (v[i] >> 7))));
    if (v[i] & 0x80) {
        TERN_TRY(tern_write_u8(w, 0));
    }
    return tern_write_bytes(w, v + i, len - i);
}

/* see src/crypto/ecc/ecdsa_internal.h */
int tern_ecdsa_der_encode(const ec_curve *c, const uint8_t *r, const uint8_t *s, uint8_t *out,
                          size_t *out_len)
{
    tern_writer w;
    size_t mark;

    tern_writer_init(&w, out, *out_len);
    TERN_ENSURE(tern_write_u8(&w, 0x30) == TERN_OK, TERN_ERR_BUFFER_TOO_SMALL);
    TERN_ENSURE(tern_write_vec_begin(&w, 1, &mark) == TERN_OK, TERN_ERR_BUFFER_TOO_SMALL);
    TERN_ENSURE(write_int(&w, r, c->len) == TERN_OK, TERN_ERR_BUFFER_TOO_SMALL);
    TERN_ENSURE(write_int(&w, s, c->len) == TERN_OK, TERN_ERR_BUFFER_TOO_SMALL);
    /* at most 2 * 51 bytes: always a short-form length */
    TERN_TRY(tern_write_vec_end(&w, 1, mark));
    *out_len = tern_writer_len(&w);
    return TERN_OK;
}

/* see include/tern/ec.h */
int tern_ecdsa_der_to_raw(uint16_t curve, const uint8_t *der, size_t der_len, uint8_t *raw)
{
    const ec_curve *c = tern_ec_curve(curve);
    TERN_ENSURE(c != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    TERN_CHECK_ARG(raw != NULL);
    return tern_ecdsa_der_decode(c, der, der_len, raw, raw + c->len);
}

/* see include/tern/ec.h */
int tern_ecdsa_raw_to_der(uint16_t curve, const uint8_t *raw, size_t raw_len, uint8_t *der,
                          size_t *der_len)
{
    const ec_curve *c = tern_ec_curve(curve);
    TERN_ENSURE(c != NULL, TERN_ERR_UNSUPPORTED_ALGORITHM);
    TERN_CHECK_ARG(raw != NULL && der_len != NULL && (der != NULL || *der_len == 0));
    TERN_ENSURE(raw_len == 2 * (size_t)c->len, TERN_ERR_BAD_LENGTH);
    return tern_ecdsa_der_encode(c, raw, raw + c->len, der, der_len);
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_ecdsa_der_unused_;
#endif
