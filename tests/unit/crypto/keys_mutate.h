/*
 * Mutation sweeps for key parsers (included by the key tests): a valid DER
 * key is truncated at every byte, given trailing bytes, and has each
 * identifier octet replaced and each length octet moved up and down by
 * one. Every mutant must be rejected with a negative code (and, under the
 * sanitizer build, without any memory error).
 *
 * The tree is walked by a small independent DER walker (not tern's). It
 * descends into OCTET STRING / BIT STRING contents that hold DER
 * themselves (PKCS#8 privateKey, the RSA subjectPublicKey, RFC 8410
 * CurvePrivateKey), but never into raw key values (EC scalars of 32/48
 * bytes, Curve25519 keys, EC points), where a changed byte can still be a
 * valid key.
 */
#ifndef TERN_TEST_KEYS_MUTATE_H
#define TERN_TEST_KEYS_MUTATE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tern_test.h"

typedef int (*km_parse_fn)(const uint8_t *der, size_t len);

#define KM_MAX_POS 512

typedef struct km_positions {
    size_t tag[KM_MAX_POS];
    size_t ntag;
    size_t len[KM_MAX_POS];
    size_t nlen;
} km_positions;

/* Header at der[off..end): 0 and *hl, *vl on success, -1 otherwise. */
static inline int km_header(const uint8_t *der, size_t off, size_t end, size_t *hl, size_t *vl)
{
    size_t n, i, v = 0;
    if (end - off < 2) {
        return -1;
    }
    if (der[off + 1] < 0x80) {
        *hl = 2;
        *vl = der[off + 1];
    } else {
        n = der[off + 1] & 0x7fu;
        if (n == 0 || n > 4 || end - off - 2 < n) {
            return -1;
        }
        for (i = 0; i < n; i++) {
            v = (v << 8) | der[off + 2 + i];
        }
        *hl = 2 + n;
        *vl = v;
    }
    return *vl <= end - off - *hl ? 0 : -1;
}

/* 1 if der[off..end) is a non-empty series of complete elements. */
static inline int km_all_tlv(const uint8_t *der, size_t off, size_t end)
{
    size_t hl, vl;
    if (off >= end) {
        return 0;
    }
    while (off < end) {
        if (km_header(der, off, end, &hl, &vl) < 0) {
            return 0;
        }
        off += hl + vl;
    }
    return 1;
}

static inline void km_walk(const uint8_t *der, size_t off, size_t end, km_positions *pos)
{
    size_t hl, vl, i;
    while (off < end && km_header(der, off, end, &hl, &vl) == 0) {
        uint8_t tag = der[off];
        size_t c = off + hl;
        if (pos->ntag < KM_MAX_POS) {
            pos->tag[pos->ntag++] = off;
        }
        for (i = off + 1; i < off + hl && pos->nlen < KM_MAX_POS; i++) {
            pos->len[pos->nlen++] = i;
        }
        if (tag & 0x20u) {
            km_walk(der, c, c + vl, pos);
        } else if (tag == 0x04 && vl > 48 && der[c] == 0x30 && km_all_tlv(der, c, c + vl)) {
            km_walk(der, c, c + vl, pos);
        } else if (tag == 0x04 && vl == 34 && der[c] == 0x04 && der[c + 1] == 0x20) {
            km_walk(der, c, c + vl, pos);
        } else if (tag == 0x03 && vl > 1 && der[c] == 0 && der[c + 1] == 0x30 &&
                   km_all_tlv(der, c + 1, c + vl)) {
            km_walk(der, c + 1, c + vl, pos);
        }
        off = c + vl;
    }
}

/* Runs fn on mutant (len bytes); a success is a test failure. */
static inline void km_expect_reject(const char *name, const char *what, size_t at, km_parse_fn fn,
                                    const uint8_t *mutant, size_t len, int *failures)
{
    int rc = fn(mutant, len);
    if (rc >= 0) {
        char m[256];
        (*failures)++;
        if (*failures <= 5) {
            snprintf(m, sizeof(m), "%s: %s at %u accepted", name, what, (unsigned)at);
            TEST_FAIL(m);
        }
    }
}

/* The whole sweep; returns the number of mutants tried. */
static inline size_t km_sweep(const char *name, const uint8_t *der, size_t len, km_parse_fn fn)
{
    static const uint8_t trail[] = {0x05, 0x00};
    km_positions *pos = calloc(1, sizeof(*pos));
    uint8_t *m = malloc(len + sizeof(trail));
    size_t i, tried = 0;
    int failures = 0;

    if (pos == NULL || m == NULL) {
        TEST_FAIL("out of memory");
        free(pos);
        free(m);
        return 0;
    }
    if (fn(der, len) < 0) {
        char msg[128];
        snprintf(msg, sizeof(msg), "%s: the unmodified key is rejected", name);
        TEST_FAIL(msg);
    }
    /* Truncation at every byte (a fresh allocation of exactly the
     * truncated size, so ASan sees any over-read). */
    for (i = 0; i < len; i++) {
        uint8_t *t = malloc(i ? i : 1);
        memcpy(t, der, i);
        km_expect_reject(name, "truncation", i, fn, t, i, &failures);
        free(t);
        tried++;
    }
    /* Trailing data. */
    memcpy(m, der, len);
    m[len] = 0x00;
    km_expect_reject(name, "trailing byte", len, fn, m, len + 1, &failures);
    memcpy(m + len, trail, sizeof(trail));
    km_expect_reject(name, "trailing element", len, fn, m, len + sizeof(trail), &failures);
    tried += 2;

    km_walk(der, 0, len, pos);
    if (pos->ntag < 3) {
        char msg[128];
        snprintf(msg, sizeof(msg), "%s: the DER walk found only %u elements", name,
                 (unsigned)pos->ntag);
        TEST_FAIL(msg);
    }
    /* Each identifier octet: constructed bit flipped, low bit flipped,
     * high-tag-number form, end-of-contents. */
    for (i = 0; i < pos->ntag; i++) {
        size_t at = pos->tag[i];
        uint8_t t = der[at];
        const uint8_t repl[4] = {(uint8_t)(t ^ 0x20u), (uint8_t)(t ^ 0x01u),
                                 (uint8_t)((t & 0xe0u) | 0x1fu), 0x00};
        size_t k;
        for (k = 0; k < 4; k++) {
            memcpy(m, der, len);
            m[at] = repl[k];
            km_expect_reject(name, "tag change", at, fn, m, len, &failures);
            tried++;
        }
    }
    /* Each length octet one up and one down. */
    for (i = 0; i < pos->nlen; i++) {
        size_t at = pos->len[i];
        memcpy(m, der, len);
        m[at] = (uint8_t)(der[at] + 1u);
        km_expect_reject(name, "length + 1", at, fn, m, len, &failures);
        m[at] = (uint8_t)(der[at] - 1u);
        km_expect_reject(name, "length - 1", at, fn, m, len, &failures);
        tried += 2;
    }
    free(pos);
    free(m);
    return tried;
}

#endif /* TERN_TEST_KEYS_MUTATE_H */
