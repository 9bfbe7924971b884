/*
 * Path-wide rules of RFC 5280 section 6.1 that the search cannot apply
 * link by link: pathLenConstraint (6.1.4 (l), (m)) and revocation by the
 * store's revoked entries.
 */
#include <string.h>

#include "x509/x509_crl_internal.h"
#include "x509/x509_path_internal.h"

/* 6.1.4 (l), (m): a CA's pathLenConstraint bounds the non-self-issued
 * intermediates below it (the leaf is not one). The anchor's constraint
 * counts too: a trust anchor that says "no intermediates" is obeyed. */
static uint32_t check_path_len(const tern_x509_path *p)
{
    tern_x509_cert c;
    size_t k, below = 0;

    /* walk from the first intermediate up, counting as we go */
    for (k = 1; k < p->count; k++) {
        if (tern_x509_parse(p->der[k], p->len[k], &c) != TERN_OK) {
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

/* The store's revoked entries: same issuer name and serial number. */
static uint32_t check_revoked_entries(const tern_x509_cert *c, const tern_trust_store *store)
{
    size_t i, n = tern_trust_store_count(store);

    for (i = 0; i < n; i++) {
        const tern_x509_entry *e = tern_x509_store_entry(store, i);
        if (e->type == TERN_X509_ENTRY_REVOKED && e->aux_len == c->serial.len &&
            e->name_len == c->issuer.len && memcmp(e->aux, c->serial.p, e->aux_len) == 0 &&
            memcmp(e->name, c->issuer.p, e->name_len) == 0) {
            return TERN_X509_REVOKED;
        }
    }
    return 0;
}

/* The CRLs of the store filed under c's issuer name. */
static uint32_t check_crls(const tern_x509_cert *c, const tern_x509_cert *issuer,
                           const tern_trust_store *store, const tern_x509_policy *pol,
                           int64_t now, int check_time)
{
    size_t i, n = tern_trust_store_count(store);
    tern_x509_crl crl;
    uint32_t r = 0;

    for (i = 0; i < n; i++) {
        const tern_x509_entry *e = tern_x509_store_entry(store, i);
        if (e->type != TERN_X509_ENTRY_CRL || e->name_len != c->issuer.len ||
            memcmp(e->name, c->issuer.p, e->name_len) != 0) {
            continue;
        }
        if (tern_x509_crl_parse(e->der, e->len, &crl) != TERN_OK) {
            r |= TERN_X509_BAD_CRL;
            continue;
        }
        r |= tern_x509_crl_check(&crl, c, issuer, pol, now, check_time);
    }
    return r;
}

/* see src/x509/x509_path_internal.h */
uint32_t tern_x509_path_checks(const tern_x509_path *p, const tern_trust_store *store,
                               const tern_x509_policy *pol, int64_t now, int check_time)
{
    tern_x509_cert c, issuer;
    uint32_t r;
    size_t k;

    r = check_path_len(p);
    for (k = 0; k + 1 < p->count; k++) {
        if (tern_x509_parse(p->der[k], p->len[k], &c) != TERN_OK ||
            tern_x509_parse(p->der[k + 1], p->len[k + 1], &issuer) != TERN_OK) {
            return r | TERN_X509_MALFORMED;
        }
        r |= check_revoked_entries(&c, store);
        r |= check_crls(&c, &issuer, store, pol, now, check_time);
    }
    return r;
}
