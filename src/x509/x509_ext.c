/*
 * Certificate extensions (RFC 5280 4.2): the ones path validation uses are
 * parsed into tern_x509_cert; the others tern recognises (policies,
 * distribution points, access descriptions, SCTs) are checked for syntax
 * and criticality. Any other critical extension marks the certificate
 * unknown_critical (4.2: "A certificate-using system MUST reject the
 * certificate if it encounters a critical extension it does not
 * recognize").
 */
#include <string.h>

#include "common/try_internal.h"
#include "x509/x509_internal.h"
#include "x509/x509_oid_internal.h"

/* Reads SEQUENCE SIZE (1..MAX) OF ... into a sub-reader and its span. */
static int read_nonempty_seq(tern_reader *r, tern_reader *sub, tern_x509_span *span)
{
    TERN_TRY(tern_der_read_sequence(r, sub));
    TERN_ENSURE(tern_reader_left(sub) > 0, TERN_ERR_ASN1);
    if (span != NULL) {
        span->p = sub->p;
        span->len = sub->left;
    }
    return TERN_OK;
}

/* BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE,
 *   pathLenConstraint INTEGER (0..MAX) OPTIONAL }  (4.2.1.9) */
static int ext_basic_constraints(tern_reader *v, tern_x509_cert *c)
{
    tern_reader seq;
    int ca = 0;
    int64_t n;

    TERN_TRY(tern_der_read_sequence(v, &seq));
    if (tern_der_next_is(&seq, TERN_DER_BOOLEAN)) {
        TERN_TRY(tern_der_read_boolean(&seq, &ca));
        TERN_ENSURE(ca, TERN_ERR_ASN1); /* DEFAULT FALSE is not encoded */
    }
    if (tern_der_next_is(&seq, TERN_DER_INTEGER)) {
        TERN_TRY(tern_der_read_int64(&seq, &n));
        TERN_ENSURE(n >= 0, TERN_ERR_ASN1);
        c->path_len = (int16_t)(n > 1000 ? 1000 : n);
    }
    TERN_TRY(tern_der_end(&seq));
    c->ca = (uint8_t)ca;
    return TERN_OK;
}

/* KeyUsage ::= BIT STRING; at least one bit set (4.2.1.3). */
static int ext_key_usage(tern_reader *v, tern_x509_cert *c)
{
    tern_der_bits b;
    uint32_t mask;

    TERN_TRY(tern_der_read_bit_string(v, &b));
    TERN_TRY(tern_der_bits_named(&b, &mask));
    TERN_ENSURE(mask != 0 && mask <= 0x1ffu, TERN_ERR_ASN1);
    c->key_usage = (uint16_t)mask;
    return TERN_OK;
}

/* ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId (4.2.1.12) */
static int ext_eku(tern_reader *v, tern_x509_cert *c)
{
    tern_reader seq;
    tern_der_elem oid;

    TERN_TRY(read_nonempty_seq(v, &seq, &c->eku));
    while (tern_reader_left(&seq) > 0) {
        TERN_TRY(tern_der_read_oid(&seq, &oid));
    }
    return TERN_OK;
}

/* GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName; in a SAN an
 * iPAddress is 4 or 16 octets (4.2.1.6). */
static int ext_general_names(tern_reader *v, tern_x509_span *span, int is_san)
{
    tern_reader seq;
    tern_der_elem gn;

    TERN_TRY(read_nonempty_seq(v, &seq, span));
    while (tern_reader_left(&seq) > 0) {
        TERN_TRY(tern_x509_read_general_name(&seq, &gn));
        if (is_san && gn.tag == TERN_X509_GN_IP) {
            TERN_ENSURE(gn.len == 4 || gn.len == 16, TERN_ERR_ASN1);
        }
    }
    return TERN_OK;
}

/* GeneralSubtrees ::= SEQUENCE SIZE (1..MAX) OF GeneralSubtree
 * GeneralSubtree ::= SEQUENCE { base GeneralName,
 *   minimum [0] BaseDistance DEFAULT 0, maximum [1] BaseDistance OPTIONAL }
 * 4.2.1.10: minimum MUST be zero, maximum MUST be absent; an iPAddress
 * base is address + mask (8 or 32 octets). */
static int read_subtrees(tern_reader *r, tern_x509_span *span)
{
    tern_reader seq, st;
    tern_der_elem gn;

    span->p = r->p;
    span->len = r->left;
    TERN_ENSURE(tern_reader_left(r) > 0, TERN_ERR_ASN1);
    seq = *r;
    while (tern_reader_left(&seq) > 0) {
        TERN_TRY(tern_der_read_sequence(&seq, &st));
        TERN_TRY(tern_x509_read_general_name(&st, &gn));
        if (gn.tag == TERN_X509_GN_IP) {
            TERN_ENSURE(gn.len == 8 || gn.len == 32, TERN_ERR_ASN1);
        }
        TERN_TRY(tern_der_end(&st));
    }
    return TERN_OK;
}

/* NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees
 *   OPTIONAL, excludedSubtrees [1] GeneralSubtrees OPTIONAL }; not an
 * empty sequence (4.2.1.10). */
static int ext_name_constraints(tern_reader *v, tern_x509_cert *c)
{
    tern_reader seq, sub;

    TERN_TRY(tern_der_read_sequence(v, &seq));
    TERN_ENSURE(tern_reader_left(&seq) > 0, TERN_ERR_ASN1);
    if (tern_der_next_is(&seq, TERN_DER_CONTEXT_CONS(0))) {
        TERN_TRY(tern_der_read_constructed(&seq, TERN_DER_CONTEXT_CONS(0), &sub));
        TERN_TRY(read_subtrees(&sub, &c->nc_permitted));
    }
    if (tern_der_next_is(&seq, TERN_DER_CONTEXT_CONS(1))) {
        TERN_TRY(tern_der_read_constructed(&seq, TERN_DER_CONTEXT_CONS(1), &sub));
        TERN_TRY(read_subtrees(&sub, &c->nc_excluded));
    }
    return tern_der_end(&seq);
}

/* AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT
 *   OCTET STRING OPTIONAL, authorityCertIssuer [1] GeneralNames OPTIONAL,
 *   authorityCertSerialNumber [2] INTEGER OPTIONAL }
 * Every form RFC 5280 4.2.1.1 allows parses (real roots in system bundles
 * still carry the issuer/serial form); the issuer and the serial come
 * together or not at all (X.509 8.2.2.1). Whether a path may use a
 * certificate without a keyIdentifier or with the issuer/serial form is
 * the profile check's business (x509_check.c), not the parser's. */
static int ext_aki(tern_reader *v, tern_x509_cert *c)
{
    tern_reader seq, names;
    tern_der_elem e, gn;
    int has_issuer = 0, has_serial = 0;

    TERN_TRY(tern_der_read_sequence(v, &seq));
    c->aki.p = NULL;
    c->aki.len = 0;
    if (tern_der_next_is(&seq, TERN_DER_CONTEXT(0))) {
        TERN_TRY(tern_der_read(&seq, TERN_DER_CONTEXT(0), &e));
        TERN_ENSURE(e.len > 0, TERN_ERR_ASN1);
        c->aki.p = e.val;
        c->aki.len = e.len;
    }
    if (tern_der_next_is(&seq, TERN_DER_CONTEXT_CONS(1))) {
        TERN_TRY(tern_der_read_constructed(&seq, TERN_DER_CONTEXT_CONS(1), &names));
        TERN_ENSURE(tern_reader_left(&names) > 0, TERN_ERR_ASN1); /* SIZE (1..MAX) */
        while (tern_reader_left(&names) > 0) {
            TERN_TRY(tern_x509_read_general_name(&names, &gn));
        }
        has_issuer = 1;
    }
    if (tern_der_next_is(&seq, TERN_DER_CONTEXT(2))) {
        TERN_TRY(tern_der_read(&seq, TERN_DER_CONTEXT(2), &e));
        TERN_TRY(tern_der_decode_integer(&e));
        has_serial = 1;
    }
    TERN_TRY(tern_der_end(&seq));
    TERN_ENSURE(has_issuer == has_serial, TERN_ERR_ASN1);
    TERN_ENSURE(c->aki.len > 0 || has_issuer, TERN_ERR_ASN1); /* not an empty SEQUENCE */
    c->aki_issuer_serial = (uint8_t)has_issuer;
    return TERN_OK;
}

/* SubjectKeyIdentifier ::= KeyIdentifier (OCTET STRING) (4.2.1.2) */
static int ext_ski(tern_reader *v, tern_x509_cert *c)
{
    TERN_TRY(tern_der_read_octet_string(v, &c->ski.p, &c->ski.len));
    TERN_ENSURE(c->ski.len > 0, TERN_ERR_ASN1);
    return TERN_OK;
}

/* certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation
 * PolicyInformation ::= SEQUENCE { policyIdentifier CertPolicyId,
 *   policyQualifiers SEQUENCE SIZE (1..MAX) OF PolicyQualifierInfo
 *   OPTIONAL }; a policy OID appears at most once (4.2.1.4). */
static int ext_policies(tern_reader *v, tern_x509_cert *c)
{
    tern_reader seq, pi, quals, q, prev, ppi;
    tern_der_elem oid, poid;

    TERN_TRY(read_nonempty_seq(v, &seq, &c->policies));
    while (tern_reader_left(&seq) > 0) {
        const uint8_t *pi_start = seq.p;
        TERN_TRY(tern_der_read_sequence(&seq, &pi));
        TERN_TRY(tern_der_read_oid(&pi, &oid));
        if (tern_reader_left(&pi) > 0) {
            TERN_TRY(read_nonempty_seq(&pi, &quals, NULL));
            while (tern_reader_left(&quals) > 0) {
                /* PolicyQualifierInfo ::= SEQUENCE { policyQualifierId,
                 *   qualifier ANY } */
                TERN_TRY(tern_der_read_sequence(&quals, &q));
                TERN_TRY(tern_der_read_oid(&q, &poid));
                TERN_TRY(tern_der_skip(&q));
                TERN_TRY(tern_der_end(&q));
            }
        }
        TERN_TRY(tern_der_end(&pi));
        /* no duplicate among the policies before this one */
        tern_reader_init(&prev, c->policies.p, (size_t)(pi_start - c->policies.p));
        while (tern_reader_left(&prev) > 0) {
            TERN_TRY(tern_der_read_sequence(&prev, &ppi));
            TERN_TRY(tern_der_read_oid(&ppi, &poid));
            TERN_ENSURE(!(poid.len == oid.len && memcmp(poid.val, oid.val, oid.len) == 0),
                        TERN_ERR_ASN1);
        }
    }
    return TERN_OK;
}

/* PolicyMappings ::= SEQUENCE SIZE (1..MAX) OF SEQUENCE {
 *   issuerDomainPolicy CertPolicyId, subjectDomainPolicy CertPolicyId }
 * Mapping to or from anyPolicy is not allowed (4.2.1.5). */
static int ext_policy_mappings(tern_reader *v, tern_x509_cert *c)
{
    tern_reader seq, m;
    tern_der_elem a, b;

    TERN_TRY(read_nonempty_seq(v, &seq, &c->mappings));
    while (tern_reader_left(&seq) > 0) {
        TERN_TRY(tern_der_read_sequence(&seq, &m));
        TERN_TRY(tern_der_read_oid(&m, &a));
        TERN_TRY(tern_der_read_oid(&m, &b));
        TERN_TRY(tern_der_end(&m));
        TERN_ENSURE(!TERN_DER_OID_IS(&a, TERN_OID_ANY_POLICY) &&
                        !TERN_DER_OID_IS(&b, TERN_OID_ANY_POLICY),
                    TERN_ERR_ASN1);
    }
    return TERN_OK;
}

/* SkipCerts ::= INTEGER (0..MAX), clamped for storage. */
static int skip_certs(const tern_der_elem *e, int16_t *out)
{
    int64_t n;
    TERN_TRY(tern_der_decode_integer(e));
    TERN_TRY(tern_der_int_to_i64(e, &n));
    TERN_ENSURE(n >= 0, TERN_ERR_ASN1);
    *out = (int16_t)(n > 1000 ? 1000 : n);
    return TERN_OK;
}

/* PolicyConstraints ::= SEQUENCE { requireExplicitPolicy [0] SkipCerts
 *   OPTIONAL, inhibitPolicyMapping [1] SkipCerts OPTIONAL }; not empty
 * (4.2.1.11). */
static int ext_policy_constraints(tern_reader *v, tern_x509_cert *c)
{
    tern_reader seq;
    tern_der_elem e;
    int present;

    TERN_TRY(tern_der_read_sequence(v, &seq));
    TERN_ENSURE(tern_reader_left(&seq) > 0, TERN_ERR_ASN1);
    TERN_TRY(tern_der_read_optional(&seq, TERN_DER_CONTEXT(0), &e, &present));
    if (present) {
        TERN_TRY(skip_certs(&e, &c->require_explicit));
    }
    TERN_TRY(tern_der_read_optional(&seq, TERN_DER_CONTEXT(1), &e, &present));
    if (present) {
        TERN_TRY(skip_certs(&e, &c->inhibit_mapping));
    }
    return tern_der_end(&seq);
}

/* InhibitAnyPolicy ::= SkipCerts (4.2.1.14) */
static int ext_inhibit_any(tern_reader *v, tern_x509_cert *c)
{
    tern_der_elem e;
    TERN_TRY(tern_der_read(v, TERN_DER_INTEGER, &e));
    return skip_certs(&e, &c->inhibit_any);
}

/* CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint
 * DistributionPoint ::= SEQUENCE { distributionPoint [0] OPTIONAL,
 *   reasons [1] OPTIONAL, cRLIssuer [2] OPTIONAL } (4.2.1.13), each
 * field a well-formed element (contents not used). */
static int ext_distribution_points(tern_reader *v)
{
    tern_reader seq, dp;
    tern_der_elem e;

    TERN_TRY(read_nonempty_seq(v, &seq, NULL));
    while (tern_reader_left(&seq) > 0) {
        TERN_TRY(tern_der_read_sequence(&seq, &dp));
        TERN_ENSURE(tern_reader_left(&dp) > 0, TERN_ERR_ASN1);
        while (tern_reader_left(&dp) > 0) {
            TERN_TRY(tern_der_read_any(&dp, &e));
            TERN_ENSURE((e.tag & TERN_DER_CLASS_MASK) == TERN_DER_CLASS_CONTEXT, TERN_ERR_ASN1);
        }
    }
    return TERN_OK;
}

/* AuthorityInfoAccessSyntax / SubjectInfoAccessSyntax ::= SEQUENCE SIZE
 * (1..MAX) OF AccessDescription { accessMethod OID, accessLocation
 * GeneralName } (4.2.2.1, 4.2.2.2) */
static int ext_info_access(tern_reader *v)
{
    tern_reader seq, ad;
    tern_der_elem e;

    TERN_TRY(read_nonempty_seq(v, &seq, NULL));
    while (tern_reader_left(&seq) > 0) {
        TERN_TRY(tern_der_read_sequence(&seq, &ad));
        TERN_TRY(tern_der_read_oid(&ad, &e));
        TERN_TRY(tern_x509_read_general_name(&ad, &e));
        TERN_TRY(tern_der_end(&ad));
    }
    return TERN_OK;
}

/* Criticality rules: MUST be critical (C), MUST NOT be critical (N) or
 * either (A). */
enum { CRIT_ANY, CRIT_MUST, CRIT_NEVER };

/* One extension's value. *known = 0 for an unrecognised OID. */
static int one_extension(const tern_der_elem *oid, int critical, tern_reader *v, tern_x509_cert *c,
                         int *known)
{
    int rule = CRIT_ANY;
    uint16_t bit = 0;

    *known = 1;
    if (TERN_DER_OID_IS(oid, TERN_OID_EXT_BASIC_CONSTRAINTS)) {
        bit = TERN_X509_EXT_BC;
        c->bc_critical = (uint8_t)critical;
        TERN_TRY(ext_basic_constraints(v, c));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_KEY_USAGE)) {
        bit = TERN_X509_EXT_KU;
        TERN_TRY(ext_key_usage(v, c));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_EKU)) {
        bit = TERN_X509_EXT_EKU;
        c->eku_critical = (uint8_t)critical;
        TERN_TRY(ext_eku(v, c));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_SAN)) {
        bit = TERN_X509_EXT_SAN;
        c->san_critical = (uint8_t)critical;
        TERN_TRY(ext_general_names(v, &c->san, 1));
        /* 4.2.1.6: with an empty subject the SAN is critical. */
        TERN_ENSURE(critical || !tern_x509_name_empty(&c->subject), TERN_ERR_ASN1);
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_IAN)) {
        tern_x509_span unused;
        rule = CRIT_NEVER; /* 4.2.1.7: SHOULD NOT; tern: not */
        TERN_TRY(ext_general_names(v, &unused, 0));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_NAME_CONSTRAINTS)) {
        bit = TERN_X509_EXT_NC;
        TERN_TRY(ext_name_constraints(v, c));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_AKI)) {
        bit = TERN_X509_EXT_AKI;
        rule = CRIT_NEVER; /* 4.2.1.1 */
        TERN_TRY(ext_aki(v, c));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_SKI)) {
        bit = TERN_X509_EXT_SKI;
        rule = CRIT_NEVER; /* 4.2.1.2 */
        TERN_TRY(ext_ski(v, c));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_CERT_POLICIES)) {
        bit = TERN_X509_EXT_POLICIES;
        TERN_TRY(ext_policies(v, c));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_POLICY_MAPPINGS)) {
        bit = TERN_X509_EXT_POLICY_MAPPINGS;
        TERN_TRY(ext_policy_mappings(v, c));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_POLICY_CONSTRAINTS)) {
        bit = TERN_X509_EXT_POLICY_CONSTRAINTS;
        rule = CRIT_MUST; /* 4.2.1.11 */
        TERN_TRY(ext_policy_constraints(v, c));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_INHIBIT_ANY)) {
        bit = TERN_X509_EXT_INHIBIT_ANY;
        rule = CRIT_MUST; /* 4.2.1.14 */
        TERN_TRY(ext_inhibit_any(v, c));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_CRL_DP)) {
        bit = TERN_X509_EXT_CRL_DP;
        TERN_TRY(ext_distribution_points(v));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_FRESHEST_CRL)) {
        rule = CRIT_NEVER; /* 4.2.1.15 */
        TERN_TRY(ext_distribution_points(v));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_AIA)) {
        bit = TERN_X509_EXT_AIA;
        rule = CRIT_NEVER; /* 4.2.2.1 */
        TERN_TRY(ext_info_access(v));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_SIA)) {
        rule = CRIT_NEVER; /* 4.2.2.2 */
        TERN_TRY(ext_info_access(v));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_SCT_LIST)) {
        const uint8_t *p;
        size_t n;
        rule = CRIT_NEVER; /* RFC 6962 3.3 */
        TERN_TRY(tern_der_read_octet_string(v, &p, &n));
    } else if (TERN_DER_OID_IS(oid, TERN_OID_EXT_SUBJECT_DIR_ATTRS)) {
        tern_reader seq;
        rule = CRIT_NEVER; /* 4.2.1.8 */
        TERN_TRY(read_nonempty_seq(v, &seq, NULL));
    } else {
        *known = 0;
        return tern_read_skip(v, tern_reader_left(v));
    }
    TERN_TRY(tern_der_end(v));
    TERN_ENSURE(rule != CRIT_MUST || critical, TERN_ERR_ASN1);
    TERN_ENSURE(rule != CRIT_NEVER || !critical, TERN_ERR_ASN1);
    c->ext |= bit;
    return TERN_OK;
}

/* see src/x509/x509_internal.h */
int tern_x509_parse_extensions(tern_reader *exts, tern_x509_cert *c)
{
    const uint8_t *start = exts->p;
    tern_reader ext, v, prev, pe;
    tern_der_elem oid, poid;
    const uint8_t *val;
    size_t val_len;
    int critical, known;

    /* Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER,
     *   critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } */
    while (tern_reader_left(exts) > 0) {
        const uint8_t *ext_start = exts->p;
        TERN_TRY(tern_der_read_sequence(exts, &ext));
        TERN_TRY(tern_der_read_oid(&ext, &oid));
        critical = 0;
        if (tern_der_next_is(&ext, TERN_DER_BOOLEAN)) {
            TERN_TRY(tern_der_read_boolean(&ext, &critical));
            TERN_ENSURE(critical, TERN_ERR_ASN1); /* DEFAULT FALSE */
        }
        TERN_TRY(tern_der_read_octet_string(&ext, &val, &val_len));
        TERN_TRY(tern_der_end(&ext));

        /* 4.2: "A certificate MUST NOT include more than one instance of
         * a particular extension." */
        tern_reader_init(&prev, start, (size_t)(ext_start - start));
        while (tern_reader_left(&prev) > 0) {
            TERN_TRY(tern_der_read_sequence(&prev, &pe));
            TERN_TRY(tern_der_read_oid(&pe, &poid));
            TERN_ENSURE(!(poid.len == oid.len && memcmp(poid.val, oid.val, oid.len) == 0),
                        TERN_ERR_ASN1);
        }

        tern_reader_init(&v, val, val_len);
        TERN_TRY(one_extension(&oid, critical, &v, c, &known));
        if (!known && critical) {
            c->unknown_critical = 1;
        }
    }
    return c->unknown_critical ? TERN_ERR_CERT_UNKNOWN_CRITICAL : TERN_OK;
}
