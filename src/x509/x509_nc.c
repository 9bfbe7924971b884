/*
 * Name constraints (RFC 5280 4.2.1.10, 6.1.3 (b) (c), 6.1.4 (g)).
 *
 * Every CA of the path that carries nameConstraints, the trust anchor
 * included, constrains every certificate below it except self-issued
 * intermediates (which would otherwise block key rollover). The names of
 * a certificate are its subject DN (when not empty), the emailAddress
 * attributes of that DN (as rfc822Name, 4.2.1.10) and its subjectAltName
 * entries. For each name type:
 *  - a name inside any excluded subtree of its type is rejected;
 *  - when permitted subtrees of its type exist, the name must be inside
 *    one of them.
 * Forms:
 *  dNSName     "example.com" covers itself and every name below it; ""
 *              covers all. A constraint must be a valid host name (no
 *              wildcard, no leading dot). A wildcard SAN "*.example.com"
 *              stands for every name one label below: it is excluded
 *              when any of those names would be (CVE-2025-61727), and
 *              permitted only when all of them are.
 *  iPAddress   address + mask (8 or 32 octets, contiguous mask); only
 *              addresses of the same family match.
 *  rfc822Name  "user@host" one mailbox; "host" every mailbox at host;
 *              ".host" every mailbox in a domain below host.
 *  URI         the host of the URI's authority, as for mail hosts; a URI
 *              without an authority cannot satisfy a constraint.
 *  directoryName  the constraint's RDNs are the first RDNs of the name.
 * Any other form (otherName, x400Address, ediPartyName, registeredID) is
 * not evaluated: a certificate with a name of such a type under a CA
 * that constrains that type is rejected (fail closed).
 *
 * Malformed constraints reject the path. The work is bounded: every
 * comparison of a name with a subtree costs one unit of a per-path budget
 * (TERN_X509_NC_BUDGET); a CA with thousands of subtrees over a
 * certificate with thousands of names fails with TERN_X509_TOO_MUCH_WORK
 * instead of costing quadratic time.
 */
#include <string.h>

#include "x509/x509_oid_internal.h"
#include "x509/x509_path_internal.h"

/* Name/subtree comparisons allowed for one path. */
#define TERN_X509_NC_BUDGET 16384u

typedef struct nc_ctx {
    unsigned budget;
    uint32_t r; /* reasons found */
} nc_ctx;

/* The subtrees of one CA (spans into its DER). */
typedef struct nc_trees {
    tern_x509_span permitted;
    tern_x509_span excluded;
} nc_trees;

static uint8_t lower(uint8_t c)
{
    return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
}

static int ieq(const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (lower(a[i]) != lower(b[i])) {
            return 0;
        }
    }
    return 1;
}

/* host equals dom, or ends with "." dom (case-insensitive). */
static int host_within(const uint8_t *host, size_t hlen, const uint8_t *dom, size_t dlen)
{
    if (dlen == 0) {
        return 1;
    }
    if (hlen == dlen) {
        return ieq(host, dom, dlen);
    }
    return hlen > dlen && host[hlen - dlen - 1] == '.' && ieq(host + hlen - dlen, dom, dlen);
}

/* ---- DNS ------------------------------------------------------------------ */

/* A DNS name (possibly "*.rest") against a dNSName subtree. excluded
 * selects the wildcard reading (any one of the names vs all of them). */
static int dns_hit(const tern_der_elem *name, const tern_der_elem *base, int excluded)
{
    const uint8_t *n = name->val, *c = base->val;
    size_t nl = name->len, cl = base->len;

    if (nl >= 2 && n[0] == '*' && n[1] == '.') {
        const uint8_t *x = n + 2;
        size_t xl = nl - 2;
        if (host_within(x, xl, c, cl)) {
            return 1; /* every "<label>.x" is inside */
        }
        if (excluded && cl > xl + 1 && c[cl - xl - 1] == '.' && ieq(c + cl - xl, x, xl) &&
            memchr(c, '.', cl - xl - 1) == NULL) {
            return 1; /* the constraint is one of the names "*" stands for */
        }
        return 0;
    }
    return host_within(n, nl, c, cl);
}

static int dns_constraint_valid(const tern_der_elem *base)
{
    return base->len == 0 || tern_x509_dns_valid(base->val, base->len, 0);
}

/* ---- IP ---------------------------------------------------------------------- */

static int ip_constraint_valid(const tern_der_elem *base)
{
    size_t half = base->len / 2, i;
    int seen_zero = 0;

    if (base->len != 8 && base->len != 32) {
        return 0;
    }
    /* the mask is ones then zeros (RFC 4632 prefix) */
    for (i = 0; i < half * 8; i++) {
        int bit = (base->val[half + i / 8] >> (7 - i % 8)) & 1;
        if (bit && seen_zero) {
            return 0;
        }
        seen_zero |= !bit;
    }
    return 1;
}

static int ip_hit(const tern_der_elem *name, const tern_der_elem *base)
{
    size_t i;
    if (name->len * 2 != base->len) {
        return 0;
    }
    for (i = 0; i < name->len; i++) {
        uint8_t m = base->val[name->len + i];
        if ((name->val[i] & m) != (base->val[i] & m)) {
            return 0;
        }
    }
    return 1;
}

/* ---- mail addresses and URIs ------------------------------------------------ */

/* Splits "local@domain": exactly one '@', both parts non-empty, domain a
 * host name. */
static int mailbox_split(const uint8_t *p, size_t len, size_t *at)
{
    const uint8_t *a = (const uint8_t *)memchr(p, '@', len);
    size_t i;

    if (a == NULL || a == p) {
        return 0;
    }
    i = (size_t)(a - p);
    if (memchr(a + 1, '@', len - i - 1) != NULL || !tern_x509_dns_valid(a + 1, len - i - 1, 0)) {
        return 0;
    }
    *at = i;
    return 1;
}

static int email_constraint_valid(const tern_der_elem *base)
{
    size_t at;
    if (memchr(base->val, '@', base->len) != NULL) {
        return mailbox_split(base->val, base->len, &at);
    }
    if (base->len > 0 && base->val[0] == '.') {
        return tern_x509_dns_valid(base->val + 1, base->len - 1, 0);
    }
    return tern_x509_dns_valid(base->val, base->len, 0);
}

/* A host against "host" (exactly) or ".domain" (strictly below). */
static int host_hit(const uint8_t *h, size_t hl, const uint8_t *c, size_t cl)
{
    if (cl > 0 && c[0] == '.') {
        return hl > cl - 1 && host_within(h, hl, c + 1, cl - 1) && hl != cl - 1;
    }
    return hl == cl && ieq(h, c, cl);
}

static int email_hit(const tern_der_elem *name, const tern_der_elem *base)
{
    size_t at, cat;

    if (!mailbox_split(name->val, name->len, &at)) {
        return 0;
    }
    if (memchr(base->val, '@', base->len) != NULL) {
        /* one mailbox: local part exact, host without case */
        if (!mailbox_split(base->val, base->len, &cat)) {
            return 0;
        }
        return at == cat && memcmp(name->val, base->val, at) == 0 &&
               name->len - at == base->len - cat &&
               ieq(name->val + at, base->val + cat, name->len - at);
    }
    return host_hit(name->val + at + 1, name->len - at - 1, base->val, base->len);
}

/* The host of "scheme://[userinfo@]host[:port][/...]", 0 if none. */
static int uri_host(const tern_der_elem *uri, const uint8_t **h, size_t *hl)
{
    const uint8_t *p = uri->val, *end = uri->val + uri->len, *s, *a;
    const uint8_t *colon = (const uint8_t *)memchr(p, ':', uri->len);

    if (colon == NULL || end - colon < 3 || colon[1] != '/' || colon[2] != '/') {
        return 0;
    }
    s = colon + 3;
    a = s;
    while (a < end && *a != '/' && *a != '?' && *a != '#') {
        a++;
    }
    end = a; /* authority is [s, end) */
    for (a = end; a > s; a--) {
        if (a[-1] == '@') {
            s = a;
            break;
        }
    }
    if (s < end && *s == '[') {
        return 0; /* IP literals are not host names */
    }
    for (a = s; a < end && *a != ':'; a++) {
    }
    *h = s;
    *hl = (size_t)(a - s);
    return tern_x509_dns_valid(*h, *hl, 0);
}

static int uri_hit(const tern_der_elem *name, const tern_der_elem *base)
{
    const uint8_t *h;
    size_t hl;
    return uri_host(name, &h, &hl) && host_hit(h, hl, base->val, base->len);
}

/* ---- directory names ------------------------------------------------------------ */

/* The Name (header included) inside a directoryName GeneralName. */
static void dirname_inner(const tern_der_elem *gn, tern_der_elem *name)
{
    tern_reader r;
    tern_der_contents(gn, &r);
    if (tern_der_read(&r, TERN_DER_SEQUENCE, name) != TERN_OK) {
        memset(name, 0, sizeof(*name));
    }
}

/* name (an RDNSequence element) starts with the RDNs of base. */
static int dn_hit(const tern_der_elem *name, const tern_der_elem *base)
{
    tern_reader n, b;
    tern_der_elem rn, rb;

    tern_der_contents(name, &n);
    tern_der_contents(base, &b);
    while (tern_reader_left(&b) > 0) {
        if (tern_der_read_any(&b, &rb) != TERN_OK || tern_der_read_any(&n, &rn) != TERN_OK ||
            rb.raw_len != rn.raw_len || memcmp(rb.raw, rn.raw, rb.raw_len) != 0) {
            return 0;
        }
    }
    return 1;
}

/* ---- one name against one CA's subtrees ------------------------------------------ */

static int base_of(tern_reader *subtrees, tern_der_elem *base)
{
    tern_reader st;
    if (tern_der_read_sequence(subtrees, &st) != TERN_OK ||
        tern_x509_read_general_name(&st, base) != TERN_OK) {
        return 0;
    }
    return 1;
}

/* Does name (a GeneralName of tag `tag`, or a subject DN when tag is
 * TERN_X509_GN_DIRNAME and name is the Name itself) fall in base? */
static int hit(uint8_t tag, const tern_der_elem *name, const tern_der_elem *base, int excluded)
{
    tern_der_elem inner;
    switch (tag) {
    case TERN_X509_GN_DNS:
        return dns_hit(name, base, excluded);
    case TERN_X509_GN_IP:
        return ip_hit(name, base);
    case TERN_X509_GN_EMAIL:
        return email_hit(name, base);
    case TERN_X509_GN_URI:
        return uri_hit(name, base);
    case TERN_X509_GN_DIRNAME:
        dirname_inner(base, &inner);
        return inner.raw != NULL && dn_hit(name, &inner);
    default:
        return 1; /* not evaluated: treat as inside (fails both ways) */
    }
}

/* Checks one name against the subtrees (contents of GeneralSubtrees) of
 * one kind. Returns 1 when a subtree of the name's type exists and *in is
 * set to whether one contains it, 0 when no subtree has its type. */
static int scan(nc_ctx *x, const tern_x509_span *subtrees, uint8_t tag, const tern_der_elem *name,
                int excluded, int *in)
{
    tern_reader r;
    tern_der_elem base;
    int typed = 0;

    *in = 0;
    tern_reader_init(&r, subtrees->p, subtrees->len);
    while (tern_reader_left(&r) > 0 && base_of(&r, &base)) {
        if (base.tag != tag) {
            continue;
        }
        typed = 1;
        if (x->budget == 0) {
            x->r |= TERN_X509_TOO_MUCH_WORK;
            return 1;
        }
        x->budget--;
        if (hit(tag, name, &base, excluded)) {
            *in = 1;
            return 1;
        }
    }
    return typed;
}

/* 1 if a name of this type can be evaluated; a name that is malformed
 * for its type under a constraint of that type is outside every subtree. */
static int name_ok(uint8_t tag, const tern_der_elem *name)
{
    size_t at;
    switch (tag) {
    case TERN_X509_GN_DNS:
        return tern_x509_dns_valid(name->val, name->len, 1);
    case TERN_X509_GN_EMAIL:
        return mailbox_split(name->val, name->len, &at);
    case TERN_X509_GN_IP:
        return name->len == 4 || name->len == 16;
    case TERN_X509_GN_URI: {
        const uint8_t *h;
        size_t hl;
        return uri_host(name, &h, &hl);
    }
    case TERN_X509_GN_DIRNAME:
        return 1;
    default:
        return 0;
    }
}

static void one_name(nc_ctx *x, const nc_trees *ca, uint8_t tag, const tern_der_elem *name)
{
    int typed, in;

    typed = scan(x, &ca->excluded, tag, name, 1, &in);
    if (typed && (in || !name_ok(tag, name))) {
        x->r |= TERN_X509_NAME_CONSTRAINTS;
        return;
    }
    typed = scan(x, &ca->permitted, tag, name, 0, &in);
    if (typed && (!in || !name_ok(tag, name))) {
        x->r |= TERN_X509_NAME_CONSTRAINTS;
    }
}

/* All names of cert against the constraints of ca. */
static void cert_names(nc_ctx *x, const nc_trees *ca, const tern_x509_cert *cert)
{
    tern_reader r, rdns, rdn, atv;
    tern_der_elem gn, subject, oid, val;

    if (!tern_x509_name_empty(&cert->subject)) {
        tern_reader_init(&r, cert->subject.p, cert->subject.len);
        if (tern_der_read(&r, TERN_DER_SEQUENCE, &subject) == TERN_OK) {
            one_name(x, ca, TERN_X509_GN_DIRNAME, &subject);
            /* emailAddress attributes count as rfc822Name (4.2.1.10) */
            tern_der_contents(&subject, &rdns);
            while (tern_reader_left(&rdns) > 0 && tern_der_read_set(&rdns, &rdn) == TERN_OK) {
                while (tern_reader_left(&rdn) > 0 &&
                       tern_der_read_sequence(&rdn, &atv) == TERN_OK &&
                       tern_der_read_oid(&atv, &oid) == TERN_OK &&
                       tern_der_read_any(&atv, &val) == TERN_OK) {
                    if (TERN_DER_OID_IS(&oid, TERN_OID_AT_EMAIL)) {
                        one_name(x, ca, TERN_X509_GN_EMAIL, &val);
                    }
                }
            }
        }
    }
    if (cert->ext & TERN_X509_EXT_SAN) {
        tern_reader_init(&r, cert->san.p, cert->san.len);
        while (tern_reader_left(&r) > 0 && tern_der_read_any(&r, &gn) == TERN_OK) {
            if (gn.tag == TERN_X509_GN_DIRNAME) {
                tern_der_elem inner;
                dirname_inner(&gn, &inner);
                one_name(x, ca, gn.tag, &inner);
            } else {
                one_name(x, ca, gn.tag, &gn);
            }
        }
    }
}

/* Every subtree of a CA must be well formed for its type. */
static int subtrees_valid(const tern_x509_span *s)
{
    tern_reader r;
    tern_der_elem base;

    tern_reader_init(&r, s->p, s->len);
    while (tern_reader_left(&r) > 0) {
        if (!base_of(&r, &base)) {
            return 0;
        }
        switch (base.tag) {
        case TERN_X509_GN_DNS:
            if (!dns_constraint_valid(&base)) {
                return 0;
            }
            break;
        case TERN_X509_GN_IP:
            if (!ip_constraint_valid(&base)) {
                return 0;
            }
            break;
        case TERN_X509_GN_EMAIL:
            if (!email_constraint_valid(&base)) {
                return 0;
            }
            break;
        case TERN_X509_GN_URI:
            if (base.len == 0 || !tern_x509_dns_valid(base.val + (base.val[0] == '.'),
                                                      base.len - (base.val[0] == '.'), 0)) {
                return 0;
            }
            break;
        default:
            break;
        }
    }
    return 1;
}

/* see src/x509/x509_path_internal.h */
uint32_t tern_x509_nc_check(const tern_x509_path *p)
{
    nc_ctx x;
    nc_trees trees;
    size_t j, k;

    x.budget = TERN_X509_NC_BUDGET;
    x.r = 0;
    for (j = p->count; j-- > 1;) {
        {
            tern_x509_cert ca; /* only its subtrees outlive this block */
            if (tern_x509_path_cert(p, j, &ca) != TERN_OK) {
                return TERN_X509_MALFORMED;
            }
            if (!(ca.ext & TERN_X509_EXT_NC)) {
                continue;
            }
            trees.permitted = ca.nc_permitted;
            trees.excluded = ca.nc_excluded;
        }
        if (!subtrees_valid(&trees.permitted) || !subtrees_valid(&trees.excluded)) {
            return TERN_X509_NAME_CONSTRAINTS;
        }
        for (k = j; k-- > 0;) {
            tern_x509_cert cert;
            if (tern_x509_path_cert(p, k, &cert) != TERN_OK) {
                return TERN_X509_MALFORMED;
            }
            /* 6.1.4 (g), 4.2.1.10: not applied to self-issued
             * intermediates */
            if (k > 0 && tern_x509_self_issued(&cert)) {
                continue;
            }
            cert_names(&x, &trees, &cert);
            if (x.r != 0) {
                return x.r;
            }
        }
    }
    return x.r;
}
