/*
 * Path-wide rules of RFC 5280 section 6.1 that the search cannot apply
 * link by link: pathLenConstraint (6.1.4 (l), (m)), name constraints
 * (x509_nc.c), certificate policies (x509_cpol.c) and revocation by the
 * store's revoked entries and CRLs (x509_crl.c).
 */
#include <string.h>

#include "x509/x509_path_internal.h"

/* see src/x509/x509_path_internal.h */
int tern_x509_path_cert(const tern_x509_path *p, size_t k, tern_x509_cert *c)
{
    if (k + 1 == p->count) {
        return tern_x509_parse(p->anchor, p->anchor_len, c);
    }
    return tern_x509_parse(p->certs[p->ids[k]], p->lens[p->ids[k]], c);
}

/* 6.1.4 (l), (m): a CA's pathLenConstraint bounds the non-self-issued
 * intermediates below it (the leaf is not one). The anchor's constraint
 * counts too: a trust anchor that says "no intermediates" is obeyed. */
static uint32_t check_path_len(const tern_x509_path *p)
{
    tern_x509_cert c;
    size_t k, below = 0;

    /* walk from the first intermediate up, counting as we go */
    for (k = 1; k < p->count; k++) {
        if (tern_x509_path_cert(p, k, &c) != TERN_OK) {
            return TERN_X509_MALFORMED;
        }
        if (c.ca && c.path_len >= 0 && below > (size_t)c.path_len) {
            return TERN_X509_BAD_CONSTRAINTS;
        }
        if (!tern_x509_self_issued(&c)) {
            below++;
        }
    }
    return 0;
}

/* see src/x509/x509_path_internal.h */
uint32_t tern_x509_path_checks(const tern_x509_path *p, const tern_trust_store *store,
                               const tern_x509_policy *pol, int64_t now, int check_time)
{
    return check_path_len(p) | tern_x509_nc_check(p) | tern_x509_policy_check(p) |
           tern_x509_revocation_check(p, store, pol, now, check_time);
}
