/*
 * libFuzzer target for base64 and PEM (include/tern/pem.h):
 *  - strict base64: whatever decodes re-encodes to the same text (only
 *    the canonical encoding is accepted);
 *  - PEM: every block found decodes the same into a buffer and in place,
 *    and re-encoding the DER as PEM and reading it back gives it again.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tern/pem.h"

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static void base64_round_trip(const uint8_t *data, size_t size)
{
    uint8_t *out = malloc(size + 1);
    char *text = malloc(size + 4);
    size_t n = 0, m = 0;
    int rc = tern_base64_decode((const char *)data, size, out, size, &n);

    if (rc == TERN_OK) {
        CHECK(tern_base64_encode(out, n, text, size + 4, &m) == TERN_OK);
        CHECK(m == size && memcmp(text, data, size) == 0);
    } else {
        CHECK(rc == TERN_ERR_PEM);
    }
    free(out);
    free(text);
}

static void pem_blocks(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1);
    tern_pem_iter it;
    tern_pem_block b;
    int rc;

    memcpy(copy, data, size);
    tern_pem_iter_init(&it, (const char *)data, size);
    while ((rc = tern_pem_next(&it, &b)) > 0) {
        size_t cap = tern_pem_decoded_max(&b), n = 0, n2 = 0, pl = 0, n3 = 0;
        uint8_t *der = malloc(cap + 1), *der_ip = NULL, *back;
        char *label = malloc(b.label_len + 1), *pem;
        int drc;

        CHECK(b.offset + b.len <= size && b.body_offset + b.body_len <= size);
        CHECK(b.body == (const char *)data + b.body_offset);
        drc = tern_pem_decode(&b, der, cap, &n);
        CHECK(drc == TERN_OK || drc == TERN_ERR_PEM);
        {
            /* The same block in the writable copy. */
            tern_pem_block bc = b;
            bc.body = copy + b.body_offset;
            bc.label = copy + (b.label - (const char *)data);
            CHECK(tern_pem_decode_inplace(&b, copy, size, &der_ip, &n2) == TERN_ERR_BAD_ARG);
            CHECK(tern_pem_decode_inplace(&bc, copy, size, &der_ip, &n2) == drc);
        }
        if (drc == TERN_OK) {
            CHECK(n <= cap && n2 == n && memcmp(der, der_ip, n) == 0);
            memcpy(label, b.label, b.label_len);
            label[b.label_len] = 0;
            pl = tern_pem_encoded_len(b.label_len, n);
            pem = malloc(pl);
            CHECK(tern_pem_encode(label, der, n, pem, pl, &n3) == TERN_OK && n3 == pl);
            {
                tern_pem_iter it2;
                tern_pem_block b2;
                size_t n4 = 0;
                back = malloc(n + 1);
                tern_pem_iter_init(&it2, pem, pl);
                CHECK(tern_pem_next(&it2, &b2) == 1);
                CHECK(b2.label_len == b.label_len);
                CHECK(tern_pem_decode(&b2, back, n, &n4) == TERN_OK && n4 == n);
                CHECK(n == 0 || memcmp(back, der, n) == 0);
                CHECK(tern_pem_next(&it2, &b2) == 0);
                free(back);
            }
            free(pem);
        }
        free(der);
        free(label);
    }
    CHECK(rc == 0 || rc == TERN_ERR_PEM || rc == TERN_ERR_UNSUPPORTED);
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    base64_round_trip(data, size);
    pem_blocks(data, size);
    return 0;
}
