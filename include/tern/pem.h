/*
 * Base64 (RFC 4648) and PEM (RFC 7468): decoding of certificate bundles and
 * keys, encoding of DER as PEM.
 *
 * Nothing here allocates. Decoders write into a caller buffer, or over the
 * PEM text itself ("in place": the DER is always shorter than its base64),
 * so an embedded user needs no second buffer.
 *
 * Base64 is strict: the standard alphabet (A-Z a-z 0-9 + /), padding to a
 * multiple of four characters with '=' only at the end, and the unused low
 * bits of the last character zero (RFC 4648 3.5: the canonical encoding
 * only). tern_base64_decode() accepts no whitespace at all; inside PEM
 * blocks, line breaks and spaces or tabs around the base64 lines are
 * allowed.
 *
 * PEM, as tern reads it (RFC 7468, "strict-ish"):
 *  - a block is a line "-----BEGIN <label>-----", base64 lines, and a line
 *    "-----END <label>-----" with the same label; spaces and tabs may
 *    precede or follow a boundary on its line; lines end with LF, CRLF or
 *    CR;
 *  - text outside blocks is ignored (comments, "Bag Attributes",
 *    anything that does not start a line with "-----BEGIN" or
 *    "-----END"), so bundles of several certificates and keys work;
 *  - the text ends at len bytes or at the first NUL byte, so the
 *    terminator of a C string may be counted in len;
 *  - inside a block every line is base64 (whitespace around it allowed,
 *    blank lines allowed); anything else is TERN_ERR_PEM, as are a missing
 *    END line, a label mismatch and a boundary line outside a block that
 *    is not a well-formed BEGIN line (a stray or damaged boundary);
 *  - RFC 1421 header lines ("Proc-Type: 4,ENCRYPTED", "DEK-Info: ...") at
 *    the top of a block are TERN_ERR_UNSUPPORTED: they mark the legacy
 *    OpenSSL encryption of traditional keys, which tern does not decrypt.
 *
 * Constant time: the base64 character values are computed without
 * branches or table lookups (base64 of a private key is secret, and table
 * lookups leak it through the cache). The positions of line breaks and of
 * the '=' padding, and whether the input is valid, are treated as public.
 *
 * Errors: TERN_ERR_PEM (malformed base64 / PEM), TERN_ERR_BUFFER_TOO_SMALL
 * (the needed size is then stored in *out_len), TERN_ERR_UNSUPPORTED (see
 * above), TERN_ERR_BAD_ARG / TERN_ERR_USAGE (contract violations).
 */
#ifndef TERN_PEM_H
#define TERN_PEM_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"
#include "tern/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- base64 ---------------------------------------------------------- */

/* Length of the base64 encoding of n bytes (with padding, no line
 * breaks): 4 * ceil(n / 3). */
size_t tern_base64_encoded_len(size_t n);

/* Encodes len bytes at in as base64 with padding and without line breaks
 * or a terminating NUL. *out_len receives the text length, or on
 * TERN_ERR_BUFFER_TOO_SMALL the capacity needed. in may be NULL when len
 * is 0. Constant-time in the data. */
TERN_MUST_CHECK int tern_base64_encode(const uint8_t *in, size_t len, char *out, size_t cap,
                                       size_t *out_len);

/* Decodes len characters of strict base64 (see above; no whitespace).
 * *out_len receives the number of bytes, or on TERN_ERR_BUFFER_TOO_SMALL
 * the capacity needed. out may equal (uint8_t *)in: decoding in place.
 * On TERN_ERR_PEM the *out_len bytes written are wiped (zeros).
 * Constant-time in the character values, except for the last two
 * characters (whether they are '=' padding). */
TERN_MUST_CHECK int tern_base64_decode(const char *in, size_t len, uint8_t *out, size_t cap,
                                       size_t *out_len);

/* ---- PEM: reading ---------------------------------------------------- */

/* Iterator over the PEM blocks in a buffer. */
typedef struct tern_pem_iter {
    const char *buf; /* the whole buffer */
    size_t len;
    size_t pos; /* where the search for the next block starts */
} tern_pem_iter;

/* One block found by tern_pem_next(); all pointers point into the
 * iterated buffer. */
typedef struct tern_pem_block {
    const char *label; /* label between "BEGIN " and "-----" (no NUL) */
    size_t label_len;
    const char *body; /* base64 lines between the boundary lines */
    size_t body_len;
    size_t offset;      /* offset of the BEGIN line in the buffer */
    size_t len;         /* bytes from the BEGIN line through the END
                           line's line break */
    size_t body_offset; /* offset of body in the buffer */
} tern_pem_block;

/* Starts iterating over len bytes at buf, or up to the first NUL byte
 * among them (buf may be NULL if len is 0). */
void tern_pem_iter_init(tern_pem_iter *it, const char *buf, size_t len);

/* Finds the next block. Returns 1 and fills *blk when a block was found,
 * 0 when no block is left, or a negative error (TERN_ERR_PEM,
 * TERN_ERR_UNSUPPORTED) for a malformed block; the iterator does not move
 * on error, so every later call fails the same way. The body's base64 is
 * checked character by character here and fully when decoded. */
TERN_MUST_CHECK int tern_pem_next(tern_pem_iter *it, tern_pem_block *blk);

/* 1 if the block's label is the NUL-terminated string label, else 0. */
int tern_pem_label_is(const tern_pem_block *blk, const char *label);

/* Upper bound of the decoded size of a block (3/4 of the body length). */
size_t tern_pem_decoded_max(const tern_pem_block *blk);

/* Decodes a block's body into out. *out_len receives the DER length, or on
 * TERN_ERR_BUFFER_TOO_SMALL the capacity needed. On TERN_ERR_PEM the
 * *out_len bytes written are wiped (zeros). */
TERN_MUST_CHECK int tern_pem_decode(const tern_pem_block *blk, uint8_t *out, size_t cap,
                                    size_t *out_len);

/* Decodes a block's body over itself. buf / buf_len must be the writable
 * buffer the iterator was started on (TERN_ERR_BAD_ARG if blk does not lie
 * in it). The DER is written at the start of the body, *der points at it
 * and *der_len is its length; the rest of the body is wiped (zeros), as is
 * everything written when decoding fails. The PEM text of the block is
 * destroyed either way; blocks after it are untouched. */
TERN_MUST_CHECK int tern_pem_decode_inplace(const tern_pem_block *blk, char *buf, size_t buf_len,
                                            uint8_t **der, size_t *der_len);

/* ---- PEM: writing ---------------------------------------------------- */

/* Length of the PEM text tern_pem_encode() produces for a label of
 * label_len characters and der_len bytes of DER. */
size_t tern_pem_encoded_len(size_t label_len, size_t der_len);

/* Encodes DER as a PEM block:
 *   "-----BEGIN <label>-----\n" base64 in lines of 64 characters, each
 *   ending "\n", "-----END <label>-----\n".
 * No NUL is written. *out_len receives the text length, or on
 * TERN_ERR_BUFFER_TOO_SMALL the capacity needed. The label must follow
 * RFC 7468 section 3 (printable ASCII, no leading, trailing or doubled
 * '-' or space), else TERN_ERR_BAD_ARG. Constant-time in the DER. */
TERN_MUST_CHECK int tern_pem_encode(const char *label, const uint8_t *der, size_t len, char *out,
                                    size_t cap, size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif /* TERN_PEM_H */
