/*
 * Helpers for the X.509 tests: files of the test PKI (tests/data/certs,
 * path compiled in by each test's .cmake file), chains and stores.
 */
#ifndef TERN_X509_TEST_UTIL_H
#define TERN_X509_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/x509.h"
#include "tern_test.h"

#ifndef TERN_TEST_CERTS_DIR
#error "TERN_TEST_CERTS_DIR must be defined (see the test's .cmake file)"
#endif

/* Reads a file of the test PKI (malloc'd, NUL-terminated; exits on error). */
static inline uint8_t *xt_read(const char *name, size_t *len)
{
    char path[1024];
    FILE *f;
    long n;
    uint8_t *buf;

    if (name[0] == '/') {
        snprintf(path, sizeof(path), "%s", name);
    } else {
        snprintf(path, sizeof(path), "%s/%s", TERN_TEST_CERTS_DIR, name);
    }
    f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = (uint8_t *)malloc((size_t)n + 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    buf[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* A loaded certificate list (leaf first). */
typedef struct xt_chain {
    const uint8_t *certs[16];
    size_t lens[16];
    size_t n;
} xt_chain;

static inline void xt_chain_add(xt_chain *c, const char *name)
{
    c->certs[c->n] = xt_read(name, &c->lens[c->n]);
    c->n++;
}

static inline void xt_chain_free(xt_chain *c)
{
    size_t i;
    for (i = 0; i < c->n; i++) {
        free((void *)c->certs[i]);
    }
    c->n = 0;
}

/* 2025-06-15, inside every test certificate's validity except
 * server-expired's */
#define XT_NOW 1750000000

#endif /* TERN_X509_TEST_UTIL_H */
