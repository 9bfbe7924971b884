/*
 * Path building and validation (RFC 5280 section 6, RFC 4158 for the
 * search): tern_x509_verify_chain.
 *
 * Search. Depth-first from the leaf: the issuer candidates of the
 * certificate on top of the path are the store's anchors whose subject is
 * its issuer name, then the pool certificates with that subject (a
 * certificate identical to an anchor is only used as the anchor, and no
 * pool certificate appears twice in one path). A candidate whose subject
 * key identifier differs from the child's authority key identifier is
 * passed over without cost (RFC 4158 3.5.12). Every other candidate costs
 * one unit of the policy's budget (max_candidates), and so does every
 * signature verification; the path is never longer than max_depth. A
 * hostile pool therefore costs at most max_candidates parses per level
 * and max_candidates signature checks. Within one call a link (child,
 * issuer) is verified at most once: the results are remembered in a small
 * table (nothing survives the call).
 *
 * Order of checks. The search follows names; everything found about a
 * certificate on the way (expired, not a CA, weak key, ...) is a reason
 * carried along the branch, so that the reasons of a complete path can be
 * reported (the caller learns "expired", not merely "not trusted") while
 * other branches may still give a clean path. Signatures, the costly
 * part, are verified when a path reaches an anchor and its other checks
 * leave it either clean or failing only for reasons a verify callback
 * might accept (not trusted, dates, name, usage, length): a reason mask
 * made only of such reasons always comes from a path whose signatures
 * verified, so a callback that waives, say, the date never waives a
 * forgery with it. A path already failing for a reason nobody waives
 * (malformed, profile, constraints, name constraints, revocation, weak
 * algorithms: FATAL below) is reported without checking its signatures.
 *
 * Result: the first clean path; without one, the reasons of the first
 * complete path, or NOT_TRUSTED (with VERIFY_FAILED when a signature
 * failed) when no path reached an anchor. The leaf's own findings (name,
 * usage, validity) are added in every case.
 */
#include <string.h>

#include "common/try_internal.h"
#include "x509/x509_internal.h"
#include "x509/x509_path_internal.h"

#define ANCHOR_ID 0x8000u
#define CACHE_N 16

/* Reasons no caller is expected to waive: a path with one of these is
 * reported without verifying its signatures. */
#define FATAL                                                                                      \
    (TERN_X509_MALFORMED | TERN_X509_UNKNOWN_CRITICAL | TERN_X509_BAD_PROFILE |                    \
     TERN_X509_BAD_CONSTRAINTS | TERN_X509_NAME_CONSTRAINTS | TERN_X509_BAD_POLICY |               \
     TERN_X509_REVOKED | TERN_X509_BAD_CRL | TERN_X509_BAD_KEY | TERN_X509_BAD_PK |                \
     TERN_X509_BAD_MD)

typedef struct vctx {
    const tern_trust_store *store;
    const tern_x509_policy *pol;
    const uint8_t *const *certs;
    const size_t *lens;
    size_t n;
    size_t anchors; /* store entries (of every type) */
    int64_t now;
    int check_time;
    unsigned budget;
    unsigned sig_budget;
    uint32_t link_reasons; /* found on links that ended a branch */
    struct {
        uint16_t child, parent;
        uint8_t ok;
    } cache[CACHE_N];
    unsigned cache_used, cache_next;
} vctx;

static void id_der(const vctx *v, uint16_t id, const uint8_t **p, size_t *len)
{
    if (id & ANCHOR_ID) {
        const tern_x509_entry *e = tern_x509_store_entry(v->store, id & ~ANCHOR_ID);
        *p = e->der;
        *len = e->len;
    } else {
        *p = v->certs[id];
        *len = v->lens[id];
    }
}

/* 1 if a pool certificate is byte for byte one of the anchors. */
static int is_anchor_der(const vctx *v, const uint8_t *der, size_t len)
{
    size_t i;
    for (i = 0; i < v->anchors; i++) {
        const tern_x509_entry *e = tern_x509_store_entry(v->store, i);
        if (e->type == TERN_X509_ENTRY_ANCHOR && e->len == len && memcmp(e->der, der, len) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The signature of child (id cid) checked with the key of parent (id
 * pid), at most once per call: 1 good, 0 bad, -1 out of budget. */
static int link_signature(vctx *v, uint16_t cid, const tern_x509_cert *child, uint16_t pid,
                          const tern_pubkey *key)
{
    unsigned i;
    int ok;

    for (i = 0; i < v->cache_used; i++) {
        if (v->cache[i].child == cid && v->cache[i].parent == pid) {
            return v->cache[i].ok;
        }
    }
    if (v->sig_budget == 0) {
        return -1;
    }
    v->sig_budget--;
    ok = child->sigalg_ok &&
         tern_x509_verify_signature(&child->sigalg, key, child->tbs.p, child->tbs.len, child->sig.p,
                                    child->sig.len) == TERN_OK;
    i = v->cache_next;
    v->cache[i].child = cid;
    v->cache[i].parent = pid;
    v->cache[i].ok = (uint8_t)ok;
    v->cache_next = (i + 1) % CACHE_N;
    if (v->cache_used < CACHE_N) {
        v->cache_used++;
    }
    return ok;
}

/* Candidate number k (0 .. anchors + n - 1) for the issuer of child.
 * Returns 1 with *id set when k names a plausible issuer, else 0. */
static int candidate(const vctx *v, size_t k, const tern_x509_cert *child, const uint16_t *path,
                     size_t depth, uint16_t *id, tern_x509_cert *cand)
{
    const uint8_t *der;
    size_t len, i;

    if (k < v->anchors) {
        const tern_x509_entry *e = tern_x509_store_entry(v->store, k);
        if (e->type != TERN_X509_ENTRY_ANCHOR || e->name_len != child->issuer.len ||
            memcmp(e->name, child->issuer.p, e->name_len) != 0) {
            return 0;
        }
        *id = (uint16_t)(ANCHOR_ID | k);
        der = e->der;
        len = e->len;
    } else {
        k -= v->anchors;
        for (i = 0; i < depth; i++) {
            if (path[i] == k) {
                return 0;
            }
        }
        der = v->certs[k];
        len = v->lens[k];
        *id = (uint16_t)k;
    }
    if (tern_x509_parse(der, len, cand) != TERN_OK ||
        !tern_x509_name_eq(&cand->subject, &child->issuer)) {
        return 0;
    }
    if (!(*id & ANCHOR_ID) && is_anchor_der(v, der, len)) {
        return 0;
    }
    /* RFC 4158 3.5.12: key identifiers that differ name different keys */
    if (child->aki.len != 0 && cand->ski.len != 0 &&
        !(child->aki.len == cand->ski.len &&
          memcmp(child->aki.p, cand->ski.p, child->aki.len) == 0)) {
        return 0;
    }
    return 1;
}

/* The current time, or NO_TIME. */
static uint32_t get_time(const tern_x509_policy *pol, int64_t *now)
{
    const tern_platform *p;

    if (pol->now != 0) {
        *now = pol->now;
        return 0;
    }
    p = pol->platform != NULL ? pol->platform : tern_platform_default();
    return tern_platform_time(p, now) == TERN_OK ? 0 : TERN_X509_NO_TIME;
}

/* The error code for a reason mask: the most important reason first. */
static int reason_code(uint32_t r)
{
    static const struct {
        uint32_t bit;
        int code;
    } order[] = {
        {TERN_X509_MALFORMED, TERN_ERR_CERT_PARSE},
        {TERN_X509_NO_TIME, TERN_ERR_CERT_NO_TIME},
        {TERN_X509_UNKNOWN_CRITICAL, TERN_ERR_CERT_UNKNOWN_CRITICAL},
        {TERN_X509_NOT_TRUSTED, TERN_ERR_CERT_NOT_TRUSTED},
        {TERN_X509_VERIFY_FAILED, TERN_ERR_CERT_VERIFY_FAILED},
        {TERN_X509_REVOKED, TERN_ERR_CERT_REVOKED},
        {TERN_X509_BAD_CRL, TERN_ERR_CERT_REVOKED},
        {TERN_X509_EXPIRED, TERN_ERR_CERT_EXPIRED},
        {TERN_X509_FUTURE, TERN_ERR_CERT_FUTURE},
        {TERN_X509_BAD_KEY, TERN_ERR_CERT_BAD_KEY},
        {TERN_X509_BAD_PK, TERN_ERR_CERT_BAD_PK},
        {TERN_X509_BAD_MD, TERN_ERR_CERT_BAD_MD},
        {TERN_X509_BAD_PROFILE, TERN_ERR_CERT_PARSE},
        {TERN_X509_BAD_CONSTRAINTS, TERN_ERR_CERT_CONSTRAINTS},
        {TERN_X509_NAME_CONSTRAINTS, TERN_ERR_CERT_CONSTRAINTS},
        {TERN_X509_BAD_POLICY, TERN_ERR_CERT_CONSTRAINTS},
        {TERN_X509_CHAIN_TOO_LONG, TERN_ERR_CERT_CHAIN_TOO_LONG},
        {TERN_X509_TOO_MUCH_WORK, TERN_ERR_CERT_CHAIN_TOO_LONG},
        {TERN_X509_BAD_USAGE, TERN_ERR_CERT_USAGE},
        {TERN_X509_NAME_MISMATCH, TERN_ERR_CERT_NAME_MISMATCH},
    };
    size_t i;

    for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        if (r & order[i].bit) {
            return order[i].code;
        }
    }
    return TERN_ERR_CERT_VERIFY_FAILED;
}

/* Path-wide checks of path[0..depth-1] + anchor. */
static uint32_t complete_path(const vctx *v, const uint16_t *path, size_t depth, uint16_t anchor)
{
    tern_x509_path p;

    p.certs = v->certs;
    p.lens = v->lens;
    p.ids = path;
    p.count = depth + 1;
    id_der(v, anchor, &p.anchor, &p.anchor_len);
    return tern_x509_path_checks(&p, v->store, v->pol, v->now, v->check_time);
}

/* The signatures of path[0..depth-1] + anchor, leaf first. 1 when all
 * verify, 0 when one does not (recorded in link_reasons), -1 when the
 * signature budget ran out. child and parent are scratch space (the
 * search's, to keep the stack small on the way to the signature code). */
static int path_signatures(vctx *v, const uint16_t *path, size_t depth, uint16_t anchor,
                           tern_x509_cert *child, tern_x509_cert *parent)
{
    tern_pubkey key;
    const uint8_t *der;
    size_t len, i;
    int ok;

    for (i = 0; i < depth; i++) {
        uint16_t pid = i + 1 < depth ? path[i + 1] : anchor;
        id_der(v, path[i], &der, &len);
        if (tern_x509_parse(der, len, child) != TERN_OK) {
            return 0;
        }
        id_der(v, pid, &der, &len);
        if (tern_x509_parse(der, len, parent) != TERN_OK) {
            return 0;
        }
        /* the key's policy reasons are already in the path's reasons */
        (void)tern_x509_check_key(parent, v->pol, &key);
        if (key.type == TERN_KEY_NONE) {
            return 0;
        }
        ok = link_signature(v, path[i], child, pid, &key);
        if (ok <= 0) {
            if (ok == 0) {
                v->link_reasons |= child->sigalg_ok ? TERN_X509_VERIFY_FAILED : TERN_X509_BAD_MD;
            }
            return ok;
        }
    }
    return 1;
}

/* The depth-first search. Returns 1 and fills res on a clean path, else
 * 0 with *reasons the reasons to report (leaf_r not included). */
static int search(vctx *v, uint32_t leaf_r, tern_x509_result *res, uint32_t *reasons)
{
    uint16_t path[TERN_X509_MAX_DEPTH];
    uint32_t soft[TERN_X509_MAX_DEPTH];
    uint16_t cursor[TERN_X509_MAX_DEPTH]; /* anchors + pool < 0x8000 + 256 */
    size_t depth = 1, total = v->anchors + v->n, max_depth;
    int have_complete = 0, sig;
    uint32_t first_complete = 0;
    tern_x509_cert child, cand;
    tern_pubkey key;

    max_depth = v->pol->max_depth;
    if (max_depth == 0 || max_depth > TERN_X509_MAX_DEPTH) {
        max_depth = TERN_X509_MAX_DEPTH;
    }
    path[0] = 0;
    soft[0] = 0;
    cursor[0] = 0;
    while (depth > 0) {
        uint16_t cid = path[depth - 1], pid = 0;
        const uint8_t *der;
        size_t len;
        uint32_t r;
        int found = 0;

        id_der(v, cid, &der, &len);
        if (tern_x509_parse(der, len, &child) != TERN_OK) {
            depth--; /* cannot happen: parsed when pushed */
            continue;
        }
        while (cursor[depth - 1] < total) {
            size_t k = cursor[depth - 1]++;
            if (candidate(v, k, &child, path, depth, &pid, &cand)) {
                found = 1;
                break;
            }
        }
        if (!found) {
            depth--;
            continue;
        }
        if (v->budget == 0) {
            goto exhausted;
        }
        v->budget--;
        if (depth + 1 > max_depth) {
            v->link_reasons |= TERN_X509_CHAIN_TOO_LONG;
            continue;
        }
        r = tern_x509_check_key(&cand, v->pol, &key);
        if (key.type == TERN_KEY_NONE) {
            v->link_reasons |= r; /* nothing can verify with it */
            continue;
        }
        r |= soft[depth - 1] | tern_x509_check_ca(&cand, v->pol, (pid & ANCHOR_ID) != 0) |
             tern_x509_check_time(&cand, v->now, v->check_time);
        if (!(pid & ANCHOR_ID)) {
            /* an intermediate: its own signature algorithm, then one
             * level down */
            r |= tern_x509_check_sigalg(&cand, v->pol);
            path[depth] = pid;
            soft[depth] = r;
            cursor[depth] = 0;
            depth++;
            continue;
        }
        r |= complete_path(v, path, depth, pid);
        if ((r | leaf_r) & FATAL) {
            if (!have_complete) {
                have_complete = 1;
                first_complete = r;
            }
            if (leaf_r != 0) {
                break; /* the verdict cannot change */
            }
            continue;
        }
        sig = path_signatures(v, path, depth, pid, &child, &cand);
        if (sig < 0) {
            goto exhausted;
        }
        if (sig == 0) {
            continue;
        }
        if ((r | leaf_r) == 0) {
            size_t i;
            const tern_x509_entry *e = tern_x509_store_entry(v->store, pid & ~ANCHOR_ID);
            if (res != NULL) {
                for (i = 0; i < depth; i++) {
                    res->path[i] = (uint8_t)path[i];
                }
                res->path_len = depth + 1;
                res->anchor = e->der;
                res->anchor_len = e->len;
            }
            *reasons = 0;
            return 1;
        }
        if (!have_complete) {
            have_complete = 1;
            first_complete = r;
        }
        if (leaf_r != 0) {
            break;
        }
    }
    *reasons = have_complete ? first_complete : (TERN_X509_NOT_TRUSTED | v->link_reasons);
    return 0;
exhausted:
    *reasons = (have_complete ? first_complete : TERN_X509_NOT_TRUSTED) | TERN_X509_TOO_MUCH_WORK;
    return 0;
}

/* see include/tern/x509.h */
int tern_x509_verify_chain(const tern_trust_store *store, const tern_x509_policy *policy,
                           const uint8_t *const *certs, const size_t *cert_lens, size_t ncerts,
                           const char *hostname, tern_x509_result *res)
{
    vctx v;
    uint32_t leaf_r, path_r = 0;
    size_t i;

    TERN_ENSURE(policy != NULL && certs != NULL && cert_lens != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(ncerts >= 1 && ncerts <= 255, TERN_ERR_BAD_ARG);
    for (i = 0; i < ncerts; i++) {
        TERN_ENSURE(certs[i] != NULL, TERN_ERR_NULL_POINTER);
    }
    if (res != NULL) {
        memset(res, 0, sizeof(*res));
    }
    memset(&v, 0, sizeof(v));
    v.store = store;
    v.pol = policy;
    v.certs = certs;
    v.lens = cert_lens;
    v.n = ncerts;
    v.anchors = tern_trust_store_count(store);
    if (v.anchors > ANCHOR_ID - 1u) {
        v.anchors = ANCHOR_ID - 1u; /* ids must fit; such stores are absurd */
    }
    v.budget = policy->max_candidates;
    v.sig_budget = policy->max_candidates;
    v.check_time = policy->time_mode != TERN_X509_TIME_IGNORE;

    if (v.check_time && get_time(policy, &v.now) != 0) {
        leaf_r = TERN_X509_NO_TIME;
        goto done;
    }
    leaf_r = tern_x509_leaf_reasons(certs[0], cert_lens[0], policy, hostname, v.now, v.check_time);
    if (leaf_r & (TERN_X509_MALFORMED | TERN_X509_UNKNOWN_CRITICAL)) {
        goto done;
    }
    if (v.anchors == 0) {
        path_r = TERN_X509_NOT_TRUSTED; /* an empty store trusts nothing */
    } else {
        (void)search(&v, leaf_r, res, &path_r);
    }
done:
    if (res != NULL) {
        res->reasons = leaf_r | path_r;
        if (res->reasons != 0) {
            res->path_len = 0;
            res->anchor = NULL;
            res->anchor_len = 0;
        }
    }
    return (leaf_r | path_r) == 0 ? TERN_OK : reason_code(leaf_r | path_r);
}
