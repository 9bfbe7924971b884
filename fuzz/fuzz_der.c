/*
 * libFuzzer target for the DER reader (src/asn1/asn1_internal.h): walks
 * the input as a tree of elements, runs every typed decoder on every
 * element, and checks the reader contract: a failed read leaves the
 * reader unchanged, a successful one stays inside the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "asn1/asn1_internal.h"

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static const uint8_t *base;
static size_t base_len;

static void in_input(const uint8_t *p, size_t len)
{
    CHECK(len == 0 || (p >= base && len <= base_len && (size_t)(p - base) <= base_len - len));
}

/* Runs one reader function on a copy and checks the contract. */
#define TRY_READ(r, call)                                                                          \
    do {                                                                                           \
        tern_reader before_ = *(r);                                                                \
        int rc_ = (call);                                                                          \
        if (rc_ < 0) {                                                                             \
            CHECK((r)->p == before_.p && (r)->left == before_.left);                               \
        } else {                                                                                   \
            CHECK((r)->left <= before_.left);                                                      \
        }                                                                                          \
        *(r) = before_;                                                                            \
    } while (0)

static void decode_all(const tern_der_elem *e)
{
    tern_der_bits bits;
    const uint8_t *m;
    size_t n;
    int64_t v;
    int b;
    uint32_t mask;

    if (tern_der_decode_integer(e) == TERN_OK) {
        (void)tern_der_int_is_negative(e);
        if (tern_der_int_magnitude(e, &m, &n) == TERN_OK) {
            in_input(m, n);
            CHECK(n == 0 || m[0] != 0);
        }
        (void)tern_der_int_to_i64(e, &v);
    }
    (void)tern_der_decode_boolean(e, &b);
    (void)tern_der_decode_oid(e);
    if (tern_der_decode_bit_string(e, &bits) == TERN_OK) {
        in_input(bits.bytes, bits.len);
        CHECK(bits.unused <= 7);
        (void)tern_der_bits_named(&bits, &mask);
    }
    (void)tern_der_check_string(e->tag, e->val, e->len);
    (void)tern_der_decode_utc_time(e->val, e->len, &v);
    (void)tern_der_decode_generalized_time(e->val, e->len, &v);
}

static void walk(tern_reader *r, int depth)
{
    while (tern_reader_left(r) > 0) {
        tern_der_elem e, inner;
        tern_reader sub;
        const uint8_t *p;
        size_t n;
        int64_t v;
        int b, present;
        tern_der_bits bits;
        uint8_t tag = 0;

        CHECK(tern_der_peek_tag(r, &tag) == TERN_OK);
        /* Every typed reader against the same position. */
        TRY_READ(r, tern_der_read_integer(r, &e));
        TRY_READ(r, tern_der_read_uint(r, &p, &n));
        TRY_READ(r, tern_der_read_uint_positive(r, &p, &n));
        TRY_READ(r, tern_der_read_int64(r, &v));
        TRY_READ(r, tern_der_read_enumerated(r, &v));
        TRY_READ(r, tern_der_read_boolean(r, &b));
        TRY_READ(r, tern_der_read_null(r));
        TRY_READ(r, tern_der_read_oid(r, &e));
        TRY_READ(r, tern_der_read_bit_string(r, &bits));
        TRY_READ(r, tern_der_read_bit_string_octets(r, &p, &n));
        TRY_READ(r, tern_der_read_octet_string(r, &p, &n));
        TRY_READ(r, tern_der_read_string(r, &e));
        TRY_READ(r, tern_der_read_time(r, &v));
        TRY_READ(r, tern_der_read_explicit(r, tag & 0x1fu, TERN_DER_INTEGER, &inner));
        TRY_READ(r, tern_der_read_explicit_optional(r, 0, TERN_DER_SEQUENCE, &inner, &present));
        TRY_READ(r, tern_der_read_optional(r, tag, &e, &present));

        if (tern_der_read_any(r, &e) < 0) {
            return;
        }
        in_input(e.raw, e.raw_len);
        in_input(e.val, e.len);
        CHECK(e.raw_len > e.len && e.raw[0] == e.tag);
        decode_all(&e);
        if ((e.tag & TERN_DER_CONSTRUCTED) && depth < 64) {
            tern_der_contents(&e, &sub);
            walk(&sub, depth + 1);
        } else if ((e.tag == TERN_DER_OCTET_STRING || e.tag == TERN_DER_BIT_STRING) && depth < 64) {
            /* Encapsulated DER, as in keys and extensions. */
            tern_der_contents(&e, &sub);
            if (e.tag == TERN_DER_BIT_STRING && tern_reader_left(&sub) > 0) {
                CHECK(tern_read_skip(&sub, 1) == TERN_OK);
            }
            walk(&sub, depth + 1);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tern_reader r;

    base = data;
    base_len = size;
    tern_reader_init(&r, data, size);
    walk(&r, 0);
    return 0;
}
