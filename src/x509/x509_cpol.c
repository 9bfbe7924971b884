/*
 * Certificate policies (RFC 5280 6.1.2 - 6.1.5), for the case the path
 * itself asks for them: a requireExplicitPolicy in policyConstraints that
 * brings explicit_policy to 0. tern's caller never asks for explicit
 * policies (user-initial-policy-set = {anyPolicy}, initial-explicit-policy
 * false), so without such a constraint the policy extensions have no
 * effect on the result, as 6.1 says.
 *
 * When a policy is required, the path is valid when one policy is present
 * in every certificate (from the anchor, which is processed like a
 * certificate so that its constraints count, down to the leaf), with
 * anyPolicy standing for every policy where inhibitAnyPolicy (4.2.1.14,
 * 6.1.2 (f)) still allows it. This is the valid_policy_tree of 6.1.3
 * without policy mappings: a path that requires an explicit policy and
 * maps policies (4.2.1.5) is refused (TERN_X509_BAD_POLICY), since tern
 * does not evaluate mappings; the refusal is the safe side of a MUST.
 */
#include <string.h>

#include "x509/x509_oid_internal.h"
#include "x509/x509_path_internal.h"

/* 1 if the certificate's policies list oid; *any set when anyPolicy is
 * listed. */
static int lists(const tern_x509_cert *c, const tern_der_elem *oid, int *any)
{
    tern_reader r, pi;
    tern_der_elem e;
    int found = 0;

    *any = 0;
    tern_reader_init(&r, c->policies.p, c->policies.len);
    while (tern_reader_left(&r) > 0 && tern_der_read_sequence(&r, &pi) == TERN_OK &&
           tern_der_read_oid(&pi, &e) == TERN_OK) {
        if (TERN_DER_OID_IS(&e, TERN_OID_ANY_POLICY)) {
            *any = 1;
        } else if (oid != NULL && e.len == oid->len && memcmp(e.val, oid->val, e.len) == 0) {
            found = 1;
        }
    }
    return found;
}

/* Does policy oid (NULL: anyPolicy itself) run through the whole path?
 * any_ok[k] says whether anyPolicy counts in certificate k. */
static int runs_through(const tern_x509_path *p, const tern_der_elem *oid, const uint8_t *any_ok)
{
    tern_x509_cert c;
    size_t k;
    int any;

    for (k = 0; k < p->count; k++) {
        if (tern_x509_path_cert(p, k, &c) != TERN_OK || !(c.ext & TERN_X509_EXT_POLICIES)) {
            return 0;
        }
        if (!lists(&c, oid, &any) && !(any && any_ok[k])) {
            return 0;
        }
    }
    return 1;
}

static void lower_to(int *counter, int value)
{
    if (value >= 0 && value < *counter) {
        *counter = value;
    }
}

/* see src/x509/x509_path_internal.h */
uint32_t tern_x509_policy_check(const tern_x509_path *p)
{
    tern_x509_cert c;
    uint8_t any_ok[TERN_X509_MAX_DEPTH];
    int explicit_policy, inhibit_any, mapped = 0;
    size_t n = p->count, k;
    tern_reader r, pi;
    tern_der_elem oid;

    /* 6.1.2 (d), (f): initial values n + 1 (the anchor counts as a
     * certificate here) */
    explicit_policy = (int)n + 1;
    inhibit_any = (int)n + 1;
    for (k = n; k-- > 0;) {
        int last = k == 0;
        if (tern_x509_path_cert(p, k, &c) != TERN_OK) {
            return TERN_X509_MALFORMED;
        }
        /* 6.1.3 (d) (1) (ii): anyPolicy counts while inhibit_anyPolicy
         * > 0, or in a self-issued intermediate */
        any_ok[k] = (uint8_t)(inhibit_any > 0 || (!last && tern_x509_self_issued(&c)));
        if (c.ext & TERN_X509_EXT_POLICY_MAPPINGS) {
            mapped = 1;
        }
        if (!last) {
            /* 6.1.4 (h): counters step down below a non-self-issued CA */
            if (!tern_x509_self_issued(&c)) {
                if (explicit_policy > 0) {
                    explicit_policy--;
                }
                if (inhibit_any > 0) {
                    inhibit_any--;
                }
            }
            /* 6.1.4 (i), (j) */
            lower_to(&explicit_policy, c.require_explicit);
            lower_to(&inhibit_any, c.inhibit_any);
        } else {
            /* 6.1.5 (a), (b) */
            if (explicit_policy > 0) {
                explicit_policy--;
            }
            if (c.require_explicit == 0) {
                explicit_policy = 0;
            }
        }
    }
    if (explicit_policy > 0) {
        return 0; /* no explicit policy required */
    }
    if (mapped) {
        return TERN_X509_BAD_POLICY;
    }
    /* a policy of the leaf (or anyPolicy everywhere) through every
     * certificate */
    if (runs_through(p, NULL, any_ok)) {
        return 0;
    }
    if (tern_x509_path_cert(p, 0, &c) != TERN_OK) {
        return TERN_X509_MALFORMED;
    }
    tern_reader_init(&r, c.policies.p, c.policies.len);
    while (tern_reader_left(&r) > 0 && tern_der_read_sequence(&r, &pi) == TERN_OK &&
           tern_der_read_oid(&pi, &oid) == TERN_OK) {
        if (!TERN_DER_OID_IS(&oid, TERN_OID_ANY_POLICY) && runs_through(p, &oid, any_ok)) {
            return 0;
        }
    }
    return TERN_X509_BAD_POLICY;
}
