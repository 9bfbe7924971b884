/*
 * Bounded reader. See rw_internal.h.
 */
#include "common/endian_internal.h"
#include "common/rw_internal.h"
#include "common/try_internal.h"

/* see src/common/rw_internal.h */
void tern_reader_init(tern_reader *r, const uint8_t *buf, size_t len)
{
    r->p = buf;
    r->left = buf != NULL ? len : 0;
}

/* see src/common/rw_internal.h */
int tern_reader_expect_end(const tern_reader *r)
{
    return r->left == 0 ? TERN_OK : TERN_ERR_DECODE;
}

/* Borrows n bytes, the primitive under every other accessor. */
static int take(tern_reader *r, size_t n, const uint8_t **out)
{
    TERN_ENSURE(n <= r->left, TERN_ERR_DECODE);
    *out = r->p;
    if (n > 0) {
        r->p += n;
        r->left -= n;
    }
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_read_u8(tern_reader *r, uint8_t *v)
{
    const uint8_t *q;
    TERN_TRY(take(r, 1, &q));
    *v = q[0];
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_read_u16(tern_reader *r, uint16_t *v)
{
    const uint8_t *q;
    TERN_TRY(take(r, 2, &q));
    *v = tern_load_be16(q);
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_read_u24(tern_reader *r, uint32_t *v)
{
    const uint8_t *q;
    TERN_TRY(take(r, 3, &q));
    *v = tern_load_be24(q);
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_read_u32(tern_reader *r, uint32_t *v)
{
    const uint8_t *q;
    TERN_TRY(take(r, 4, &q));
    *v = tern_load_be32(q);
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_read_u48(tern_reader *r, uint64_t *v)
{
    const uint8_t *q;
    TERN_TRY(take(r, 6, &q));
    *v = tern_load_be48(q);
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_read_u64(tern_reader *r, uint64_t *v)
{
    const uint8_t *q;
    TERN_TRY(take(r, 8, &q));
    *v = tern_load_be64(q);
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_peek_u8(const tern_reader *r, uint8_t *v)
{
    TERN_ENSURE(r->left >= 1, TERN_ERR_DECODE);
    *v = r->p[0];
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_read_bytes(tern_reader *r, size_t n, const uint8_t **out)
{
    return take(r, n, out);
}

/* see src/common/rw_internal.h */
int tern_read_copy(tern_reader *r, void *dst, size_t n)
{
    const uint8_t *q;
    size_t i;
    TERN_TRY(take(r, n, &q));
    for (i = 0; i < n; i++) {
        ((uint8_t *)dst)[i] = q[i];
    }
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_read_skip(tern_reader *r, size_t n)
{
    const uint8_t *q;
    return take(r, n, &q);
}

/* see src/common/rw_internal.h */
int tern_read_vec(tern_reader *r, unsigned prefix_len, size_t min, size_t max,
                  tern_reader *sub)
{
    size_t len;
    const uint8_t *q;

    TERN_CHECK_ARG(prefix_len >= 1 && prefix_len <= 3);
    TERN_ENSURE(prefix_len <= r->left, TERN_ERR_DECODE);
    q = r->p;
    if (prefix_len == 1) {
        len = q[0];
    } else if (prefix_len == 2) {
        len = tern_load_be16(q);
    } else {
        len = tern_load_be24(q);
    }
    /* The body must be present after the prefix, and within bounds. */
    TERN_ENSURE(len <= r->left - prefix_len, TERN_ERR_DECODE);
    TERN_ENSURE(len >= min && len <= max, TERN_ERR_DECODE);
    sub->p = q + prefix_len;
    sub->left = len;
    r->p = q + prefix_len + len;
    r->left -= prefix_len + len;
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_read_vec8(tern_reader *r, tern_reader *sub)
{
    return tern_read_vec(r, 1, 0, 0xffu, sub);
}

/* see src/common/rw_internal.h */
int tern_read_vec16(tern_reader *r, tern_reader *sub)
{
    return tern_read_vec(r, 2, 0, 0xffffu, sub);
}

/* see src/common/rw_internal.h */
int tern_read_vec24(tern_reader *r, tern_reader *sub)
{
    return tern_read_vec(r, 3, 0, 0xffffffu, sub);
}

/* see src/common/rw_internal.h */
int tern_u16_list_has(const uint8_t *p, size_t len, uint16_t v)
{
    size_t i;
    for (i = 0; i + 1 < len; i += 2) {
        if (tern_load_be16(p + i) == v) {
            return 1;
        }
    }
    return 0;
}
