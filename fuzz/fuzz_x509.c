/*
 * libFuzzer target for the certificate code (include/tern/x509.h):
 * parsing, the trust store, CRLs and tern_x509_verify_chain.
 *
 * Input: either one DER certificate (first byte 0x30), used as leaf,
 * anchor and CRL candidate at once; or a flags byte followed by chunks
 * (2-byte big-endian length + bytes): chunk 0 the anchor, chunk 1 the
 * leaf, the rest the pool, any chunk that parses as a CRL also added as
 * one. The flags pick the purpose, the time mode and a host name.
 * Checks: nothing crashes or reads outside the input (ASan), the result
 * agrees with its reason mask, a clean result has a path of certificates
 * from the input, and verification is deterministic.
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

#define MAX_CHUNKS 8

static const char *const hosts[] = {
    "localhost", "127.0.0.1", "example.com", "::1", "a.b.example.com", "xn--n3h.com", "", NULL};

static void run(const uint8_t *const *certs, const size_t *lens, size_t n, uint8_t flags)
{
    static uint64_t mem[TERN_TRUST_STORE_SIZE(MAX_CHUNKS) / 8 + 1];
    tern_trust_store *store;
    tern_x509_policy pol;
    tern_x509_result res, res2;
    tern_pubkey key;
    size_t i;
    int rc, rc2;

    CHECK(tern_trust_store_init(&store, mem, sizeof(mem), MAX_CHUNKS) == TERN_OK);
    (void)!tern_trust_store_add_der(store, certs[0], lens[0]);
    for (i = 0; i < n; i++) {
        (void)!tern_trust_store_add_crl(store, certs[i], lens[i]);
        (void)!tern_trust_store_add_revoked(store, certs[i], lens[i]);
        rc = tern_x509_cert_pubkey(certs[i], lens[i], &key);
        CHECK(rc == TERN_OK || rc == TERN_ERR_CERT_PARSE || rc == TERN_ERR_UNSUPPORTED_ALGORITHM);
    }
    tern_x509_policy_init(&pol);
    pol.purpose = flags & 3u;
    if (pol.purpose > TERN_X509_PURPOSE_CLIENT) {
        pol.purpose = TERN_X509_PURPOSE_ANY;
    }
    pol.time_mode = (flags & 4u) ? TERN_X509_TIME_IGNORE : TERN_X509_TIME_REQUIRED;
    pol.now = 1750000000;
    pol.max_candidates = 16;
    pol.cn_fallback = (flags >> 6) & 1u;
    {
        const char *host = hosts[(flags >> 3) & 7u];
        const uint8_t *const *chain = n > 1 ? certs + 1 : certs;
        const size_t *chain_lens = n > 1 ? lens + 1 : lens;
        size_t chain_n = n > 1 ? n - 1 : 1;

        rc = tern_x509_verify_chain(store, &pol, chain, chain_lens, chain_n, host, &res);
        CHECK((rc == TERN_OK) == (res.reasons == 0));
        CHECK(rc == TERN_OK || TERN_ERR_IS_X509(rc));
        if (rc == TERN_OK) {
            CHECK(res.path_len >= 2 && res.path_len <= TERN_X509_MAX_DEPTH);
            CHECK(res.anchor == certs[0] && res.anchor_len == lens[0]);
            for (i = 0; i + 1 < res.path_len; i++) {
                CHECK(res.path[i] < chain_n);
            }
            CHECK(res.path[0] == 0);
        }
        rc2 = tern_x509_verify_chain(store, &pol, chain, chain_lens, chain_n, host, &res2);
        CHECK(rc2 == rc && res2.reasons == res.reasons && res2.path_len == res.path_len);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *certs[MAX_CHUNKS];
    size_t lens[MAX_CHUNKS], n = 0, pos = 1;

    if (size == 0) {
        return 0;
    }
    if (data[0] == 0x30u) {
        certs[0] = data;
        lens[0] = size;
        run(certs, lens, 1, 0x08u);
        return 0;
    }
    while (n < MAX_CHUNKS && size - pos >= 2) {
        size_t len = ((size_t)data[pos] << 8) | data[pos + 1];
        pos += 2;
        if (len > size - pos) {
            break;
        }
        certs[n] = data + pos;
        lens[n] = len;
        n++;
        pos += len;
    }
    if (n > 0) {
        run(certs, lens, n, data[0]);
    }
    return 0;
}
