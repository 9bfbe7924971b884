/*
 * A complete candidate path (leaf first, anchor last) and the checks that
 * need all of it: pathLen, name constraints, certificate policies,
 * revocation.
 */
#ifndef TERN_X509_PATH_INTERNAL_H
#define TERN_X509_PATH_INTERNAL_H

#include "x509/x509_internal.h"

typedef struct tern_x509_path {
    const uint8_t *der[TERN_X509_MAX_DEPTH];
    size_t len[TERN_X509_MAX_DEPTH];
    size_t count; /* certificates, leaf (0) .. anchor (count - 1) */
} tern_x509_path;

/* Every path-wide rule; returns the TERN_X509_* reasons found. Each
 * certificate of the path has parsed before. */
uint32_t tern_x509_path_checks(const tern_x509_path *p, const tern_trust_store *store,
                               const tern_x509_policy *pol, int64_t now, int check_time);

#endif /* TERN_X509_PATH_INTERNAL_H */
