/*
 * Bounded reader and writer over byte buffers.
 *
 * All wire parsing goes through tern_reader and all wire output through
 * tern_writer. Every accessor either succeeds completely or fails with
 * nothing consumed or written, so a caller can return at the first error
 * without repairing state. Lengths are checked as `n > left`, which cannot
 * overflow, never as `p + n > end`.
 *
 * Reader failures return TERN_ERR_DECODE (the input is too short or a
 * length is out of its allowed range): the TLS decode_error alert.
 * Writer failures return TERN_ERR_BUFFER_TOO_SMALL, or TERN_ERR_BAD_LENGTH
 * when a vector body is too long for its length prefix.
 */
#ifndef TERN_RW_INTERNAL_H
#define TERN_RW_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "tern/error.h"

typedef struct tern_reader {
    const uint8_t *p; /* next unread byte */
    size_t left;      /* bytes left from p */
} tern_reader;

typedef struct tern_writer {
    uint8_t *buf;
    size_t cap; /* bytes available at buf */
    size_t len; /* bytes written so far */
} tern_writer;

/* ---- reader ----------------------------------------------------------- */

/* buf may be NULL when len is 0. */
void tern_reader_init(tern_reader *r, const uint8_t *buf, size_t len);

static inline size_t tern_reader_left(const tern_reader *r)
{
    return r->left;
}

/* TERN_OK if everything was consumed, TERN_ERR_DECODE if bytes remain
 * (trailing data after a structure). */
TERN_MUST_CHECK int tern_reader_expect_end(const tern_reader *r);

TERN_MUST_CHECK int tern_read_u8(tern_reader *r, uint8_t *v);
TERN_MUST_CHECK int tern_read_u16(tern_reader *r, uint16_t *v);
TERN_MUST_CHECK int tern_read_u24(tern_reader *r, uint32_t *v);
TERN_MUST_CHECK int tern_read_u32(tern_reader *r, uint32_t *v);
TERN_MUST_CHECK int tern_read_u48(tern_reader *r, uint64_t *v);
TERN_MUST_CHECK int tern_read_u64(tern_reader *r, uint64_t *v);

/* Peeks at the next byte without consuming it. */
TERN_MUST_CHECK int tern_peek_u8(const tern_reader *r, uint8_t *v);

/* Borrows n bytes: *out points into the input buffer. */
TERN_MUST_CHECK int tern_read_bytes(tern_reader *r, size_t n, const uint8_t **out);

/* Copies n bytes to dst. */
TERN_MUST_CHECK int tern_read_copy(tern_reader *r, void *dst, size_t n);

TERN_MUST_CHECK int tern_read_skip(tern_reader *r, size_t n);

/* Reads a length-prefixed vector (prefix_len = 1, 2 or 3 bytes, big-endian,
 * RFC 8446 3.4) whose length must lie in [min, max], and sets *sub to a
 * reader over its body. On failure nothing is consumed and *sub is left
 * unchanged. */
TERN_MUST_CHECK int tern_read_vec(tern_reader *r, unsigned prefix_len, size_t min,
                                  size_t max, tern_reader *sub);

/* Shorthands with no bounds beyond what the prefix can express. */
TERN_MUST_CHECK int tern_read_vec8(tern_reader *r, tern_reader *sub);
TERN_MUST_CHECK int tern_read_vec16(tern_reader *r, tern_reader *sub);
TERN_MUST_CHECK int tern_read_vec24(tern_reader *r, tern_reader *sub);

/* 1 if the list of big-endian 16-bit values at p (len bytes; an odd last
 * byte is ignored) holds v: the body of a supported_groups or
 * signature_algorithms vector, a cipher suite list. */
int tern_u16_list_has(const uint8_t *p, size_t len, uint16_t v);

/* ---- writer ----------------------------------------------------------- */

/* buf may be NULL when cap is 0. */
void tern_writer_init(tern_writer *w, uint8_t *buf, size_t cap);

static inline size_t tern_writer_len(const tern_writer *w)
{
    return w->len;
}

static inline size_t tern_writer_left(const tern_writer *w)
{
    return w->cap - w->len;
}

TERN_MUST_CHECK int tern_write_u8(tern_writer *w, uint8_t v);
TERN_MUST_CHECK int tern_write_u16(tern_writer *w, uint16_t v);
TERN_MUST_CHECK int tern_write_u24(tern_writer *w, uint32_t v); /* v < 2^24 */
TERN_MUST_CHECK int tern_write_u32(tern_writer *w, uint32_t v);
TERN_MUST_CHECK int tern_write_u48(tern_writer *w, uint64_t v); /* v < 2^48 */
TERN_MUST_CHECK int tern_write_u64(tern_writer *w, uint64_t v);
TERN_MUST_CHECK int tern_write_bytes(tern_writer *w, const void *src, size_t n);
TERN_MUST_CHECK int tern_write_zeros(tern_writer *w, size_t n);

/* Reserves n bytes at the current position for the caller to fill in
 * place; *out points at them. */
TERN_MUST_CHECK int tern_write_reserve(tern_writer *w, size_t n, uint8_t **out);

/* Starts a length-prefixed vector: writes a prefix_len-byte placeholder
 * (1, 2 or 3) and records its position in *mark. Finish with
 * tern_write_vec_end(), which back-patches the body length. Vectors nest. */
TERN_MUST_CHECK int tern_write_vec_begin(tern_writer *w, unsigned prefix_len, size_t *mark);

/* Back-patches the vector started at mark. TERN_ERR_BAD_LENGTH if the
 * body does not fit the prefix (nothing is changed then); TERN_ERR_USAGE
 * if mark is not a position this writer could have produced. */
TERN_MUST_CHECK int tern_write_vec_end(tern_writer *w, unsigned prefix_len, size_t mark);

#endif /* TERN_RW_INTERNAL_H */
