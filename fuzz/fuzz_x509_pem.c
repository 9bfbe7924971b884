/*
 * libFuzzer target for certificate chains as PEM (include/tern/x509.h):
 * tern_x509_chain_from_pem (into a buffer and in place) and the store's
 * PEM loaders. Checks: both readers agree; what was read re-encodes with
 * tern_x509_chain_to_pem and reads back to the same DER; the store takes
 * the same certificates in place and by copy.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tern/x509.h"

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#define MAX 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint64_t mem[TERN_TRUST_STORE_SIZE(MAX) / 8 + 1];
    const uint8_t *a[MAX], *b[MAX], *c[MAX];
    size_t la[MAX], lb[MAX], lc[MAX], na = 0, nb = 0, nc = 0, i, pem_len = 0, added1, added2;
    uint8_t *der = malloc(size + 1), *der2 = NULL;
    char *copy = malloc(size + 1), *pem = NULL;
    tern_trust_store *store;
    int ra, rb, r1, r2;

    memcpy(copy, data, size);
    ra = tern_x509_chain_from_pem((const char *)data, size, der, size, a, la, MAX, &na);
    rb = tern_x509_chain_from_pem_inplace(copy, size, b, lb, MAX, &nb);
    CHECK(ra == rb && na == nb);
    for (i = 0; i < na; i++) {
        CHECK(la[i] == lb[i] && memcmp(a[i], b[i], la[i]) == 0);
    }
    if (ra == TERN_OK) {
        size_t need = tern_x509_chain_pem_len(la, na);
        pem = malloc(need + 1);
        der2 = malloc(need + 1);
        CHECK(tern_x509_chain_to_pem(a, la, na, pem, need, &pem_len) == TERN_OK);
        CHECK(pem_len == need);
        CHECK(tern_x509_chain_from_pem(pem, pem_len, der2, need, c, lc, MAX, &nc) == TERN_OK);
        CHECK(nc == na);
        for (i = 0; i < nc; i++) {
            CHECK(lc[i] == la[i] && memcmp(c[i], a[i], la[i]) == 0);
        }
    }
    /* the store's loaders see the same certificates (they also insist on
     * a usable key, so they may take fewer) */
    memcpy(copy, data, size);
    CHECK(tern_trust_store_init(&store, mem, sizeof(mem), MAX) == TERN_OK);
    CHECK(tern_trust_store_set_storage(store, der, size) == TERN_OK);
    r1 = tern_trust_store_add_pem(store, (const char *)data, size, &added1);
    CHECK(tern_trust_store_init(&store, mem, sizeof(mem), MAX) == TERN_OK);
    r2 = tern_trust_store_add_pem_inplace(store, copy, size, &added2);
    CHECK(r1 == r2 && added1 == added2);
    CHECK(added1 <= na || ra != TERN_OK);
    free(der);
    free(der2);
    free(copy);
    free(pem);
    return 0;
}
