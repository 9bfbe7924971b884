/*
 * Bounded writer. See rw_internal.h.
 */
#include <string.h>

#include "common/endian_internal.h"
#include "common/rw_internal.h"
#include "common/try_internal.h"

/* see src/common/rw_internal.h */
void tern_writer_init(tern_writer *w, uint8_t *buf, size_t cap)
{
    w->buf = buf;
    w->cap = buf != NULL ? cap : 0;
    w->len = 0;
}

/* Claims n bytes at the end, the primitive under every other writer. */
static int claim(tern_writer *w, size_t n, uint8_t **out)
{
    TERN_ENSURE(n <= w->cap - w->len, TERN_ERR_BUFFER_TOO_SMALL);
    /* A NULL buffer has capacity 0, so only n == 0 gets here with it; do
     * no arithmetic on NULL (undefined even with a zero offset). */
    *out = w->buf != NULL ? w->buf + w->len : NULL;
    w->len += n;
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_write_u8(tern_writer *w, uint8_t v)
{
    uint8_t *q;
    TERN_TRY(claim(w, 1, &q));
    q[0] = v;
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_write_u16(tern_writer *w, uint16_t v)
{
    uint8_t *q;
    TERN_TRY(claim(w, 2, &q));
    tern_store_be16(q, v);
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_write_u24(tern_writer *w, uint32_t v)
{
    uint8_t *q;
    TERN_CHECK_ARG(v <= 0xffffffu);
    TERN_TRY(claim(w, 3, &q));
    tern_store_be24(q, v);
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_write_u32(tern_writer *w, uint32_t v)
{
    uint8_t *q;
    TERN_TRY(claim(w, 4, &q));
    tern_store_be32(q, v);
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_write_u48(tern_writer *w, uint64_t v)
{
    uint8_t *q;
    TERN_CHECK_ARG(v <= 0xffffffffffffu);
    TERN_TRY(claim(w, 6, &q));
    tern_store_be48(q, v);
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_write_u64(tern_writer *w, uint64_t v)
{
    uint8_t *q;
    TERN_TRY(claim(w, 8, &q));
    tern_store_be64(q, v);
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_write_bytes(tern_writer *w, const void *src, size_t n)
{
    uint8_t *q;
    TERN_TRY(claim(w, n, &q));
    if (n > 0) {
        memmove(q, src, n);
    }
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_write_zeros(tern_writer *w, size_t n)
{
    uint8_t *q;
    TERN_TRY(claim(w, n, &q));
    if (n > 0) {
        memset(q, 0, n);
    }
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_write_reserve(tern_writer *w, size_t n, uint8_t **out)
{
    return claim(w, n, out);
}

/* see src/common/rw_internal.h */
int tern_write_vec_begin(tern_writer *w, unsigned prefix_len, size_t *mark)
{
    uint8_t *q;
    TERN_CHECK_ARG(prefix_len >= 1 && prefix_len <= 3);
    TERN_TRY(claim(w, prefix_len, &q));
    memset(q, 0, prefix_len);
    *mark = w->len - prefix_len;
    return TERN_OK;
}

/* see src/common/rw_internal.h */
int tern_write_vec_end(tern_writer *w, unsigned prefix_len, size_t mark)
{
    size_t body;
    uint8_t *q;

    TERN_CHECK_ARG(prefix_len >= 1 && prefix_len <= 3);
    TERN_ENSURE(mark <= w->len && prefix_len <= w->len - mark, TERN_ERR_USAGE);
    body = w->len - mark - prefix_len;
    TERN_ENSURE(body < ((size_t)1 << (8 * prefix_len)), TERN_ERR_BAD_LENGTH);
    q = w->buf + mark;
    if (prefix_len == 1) {
        q[0] = (uint8_t)body;
    } else if (prefix_len == 2) {
        tern_store_be16(q, (uint16_t)body);
    } else {
        tern_store_be24(q, (uint32_t)body);
    }
    return TERN_OK;
}
