/*
 * A tiny DER writer for building test keys field by field (included by the
 * key tests). Not tern code: only for tests, deliberately independent of
 * src/asn1.
 */
#ifndef TERN_TEST_DER_BUILD_H
#define TERN_TEST_DER_BUILD_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dbuf {
    uint8_t b[8192];
    size_t n;
} dbuf;

static inline void db_put(dbuf *d, const void *p, size_t n)
{
    if (n > sizeof(d->b) - d->n) {
        fprintf(stderr, "dbuf overflow\n");
        exit(2);
    }
    if (n > 0) {
        memcpy(d->b + d->n, p, n);
    }
    d->n += n;
}

static inline void db_byte(dbuf *d, uint8_t v)
{
    db_put(d, &v, 1);
}

/* Identifier, minimal length, contents. */
static inline void db_tlv(dbuf *d, uint8_t tag, const void *v, size_t n)
{
    db_byte(d, tag);
    if (n < 0x80) {
        db_byte(d, (uint8_t)n);
    } else if (n < 0x100) {
        db_byte(d, 0x81);
        db_byte(d, (uint8_t)n);
    } else {
        db_byte(d, 0x82);
        db_byte(d, (uint8_t)(n >> 8));
        db_byte(d, (uint8_t)n);
    }
    db_put(d, v, n);
}

/* Wraps everything in `in` under tag. */
static inline void db_wrap(dbuf *d, uint8_t tag, const dbuf *in)
{
    db_tlv(d, tag, in->b, in->n);
}

/* Appends hex (spaces allowed). */
static inline void db_hex(dbuf *d, const char *s)
{
    while (*s) {
        unsigned v;
        if (*s == ' ') {
            s++;
            continue;
        }
        if (sscanf(s, "%2x", &v) != 1) {
            fprintf(stderr, "bad hex\n");
            exit(2);
        }
        db_byte(d, (uint8_t)v);
        s += 2;
    }
}

/* A TLV whose contents are given in hex. */
static inline void db_tlv_hex(dbuf *d, uint8_t tag, const char *hex)
{
    dbuf t;
    t.n = 0;
    db_hex(&t, hex);
    db_wrap(d, tag, &t);
}

/* A non-negative INTEGER from a big-endian magnitude. */
static inline void db_uint(dbuf *d, const uint8_t *mag, size_t n)
{
    dbuf t;
    t.n = 0;
    while (n > 1 && mag[0] == 0) {
        mag++;
        n--;
    }
    if (n == 0 || (mag[0] & 0x80)) {
        db_byte(&t, 0);
    }
    db_put(&t, mag, n);
    db_wrap(d, 0x02, &t);
}

static inline void db_small_int(dbuf *d, int v)
{
    uint8_t b = (uint8_t)v;
    db_tlv(d, 0x02, &b, 1);
}

#endif /* TERN_TEST_DER_BUILD_H */
