/*
 * Base64 and PEM internals shared by base64.c, pem.c and pem_encode.c.
 */
#ifndef TERN_PEM_INTERNAL_H
#define TERN_PEM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "tern/error.h"

/* Strict base64 decoding as tern_base64_decode() (include/tern/pem.h);
 * when skip_ws is non-zero, ' ', '\t', '\r' and '\n' anywhere in the input
 * are skipped (PEM bodies; their positions are treated as public). out may
 * equal (uint8_t *)in. */
TERN_MUST_CHECK int tern_b64_decode(const char *in, size_t len, int skip_ws, uint8_t *out,
                                    size_t cap, size_t *out_len);

/* 1 if c is a base64 alphabet character or '=' (not constant-time: for
 * line-structure checks). */
int tern_b64_is_text(char c);

/* 1 if the len characters at label form a label as RFC 7468 section 3
 * defines it: characters 0x21..0x7E, where '-' and ' ' only appear singly
 * between two other characters. The empty label is allowed. */
int tern_pem_label_valid(const char *label, size_t len);

#endif /* TERN_PEM_INTERNAL_H */
