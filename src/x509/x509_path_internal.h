/*
 * A complete candidate path (leaf first, anchor last) and the checks that
 * need all of it: pathLen, name constraints, certificate policies,
 * revocation.
 */
#ifndef TERN_X509_PATH_INTERNAL_H
#define TERN_X509_PATH_INTERNAL_H

#include "x509/x509_internal.h"

typedef struct tern_x509_path {
    const uint8_t *const *certs; /* the caller's list */
    const size_t *lens;
    const uint16_t *ids;   /* indexes into it, leaf first */
    size_t count;          /* certificates, leaf (0) .. anchor (count - 1) */
    const uint8_t *anchor; /* the anchor's DER */
    size_t anchor_len;
} tern_x509_path;

/* Parses certificate k of the path (0 = leaf, count - 1 = anchor). */
TERN_MUST_CHECK int tern_x509_path_cert(const tern_x509_path *p, size_t k, tern_x509_cert *c);

/* Every path-wide rule; returns the TERN_X509_* reasons found. Each
 * certificate of the path has parsed before. */
uint32_t tern_x509_path_checks(const tern_x509_path *p, const tern_trust_store *store,
                               const tern_x509_policy *pol, int64_t now, int check_time);

/* Revocation of every certificate below the anchor by the store's
 * revoked entries and CRLs (x509_crl.c). */
uint32_t tern_x509_revocation_check(const tern_x509_path *p, const tern_trust_store *store,
                                    const tern_x509_policy *pol, int64_t now, int check_time);

/* Name constraints of every CA over the certificates below it
 * (x509_nc.c). */
uint32_t tern_x509_nc_check(const tern_x509_path *p);

/* Certificate policies when the path requires an explicit policy
 * (x509_cpol.c). */
uint32_t tern_x509_policy_check(const tern_x509_path *p);

#endif /* TERN_X509_PATH_INTERNAL_H */
