/*
 * Certificate revocation lists (RFC 5280 section 5) supplied by the
 * caller: parsing when the CRL is added to the store, and the check of a
 * certificate against the CRLs of its issuer during path validation
 * (section 6.3, for complete CRLs with the certificate's issuer as CRL
 * issuer: indirect CRLs, delta CRLs and distribution-point partitions are
 * not supported, and a CRL using them is refused when added).
 *
 * Fail closed: a CRL filed for the issuer that does not verify with the
 * issuer's key, is not yet valid or is past its nextUpdate, or whose
 * issuer may not sign CRLs, makes the revocation status unknown and the
 * path fails with TERN_X509_BAD_CRL.
 */
#include <string.h>

#include "common/try_internal.h"
#include "tern/keys.h"
#include "x509/x509_crl_internal.h"
#include "x509/x509_oid_internal.h"
#include "x509/x509_path_internal.h"

/* CRL extensions (5.2). */
static int crl_extensions(tern_reader *exts, tern_x509_crl *crl)
{
    tern_reader ext, v;
    tern_der_elem oid;
    const uint8_t *val;
    size_t val_len;
    int critical;

    TERN_ENSURE(tern_reader_left(exts) > 0, TERN_ERR_ASN1);
    while (tern_reader_left(exts) > 0) {
        TERN_TRY(tern_der_read_sequence(exts, &ext));
        TERN_TRY(tern_der_read_oid(&ext, &oid));
        critical = 0;
        if (tern_der_next_is(&ext, TERN_DER_BOOLEAN)) {
            TERN_TRY(tern_der_read_boolean(&ext, &critical));
            TERN_ENSURE(critical, TERN_ERR_ASN1);
        }
        TERN_TRY(tern_der_read_octet_string(&ext, &val, &val_len));
        TERN_TRY(tern_der_end(&ext));
        tern_reader_init(&v, val, val_len);
        if (TERN_DER_OID_IS(&oid, TERN_OID_EXT_CRL_NUMBER)) {
            /* 5.2.3: CRLNumber ::= INTEGER (0..MAX), non-critical, at
             * most 20 octets */
            tern_der_elem n;
            TERN_ENSURE(!critical && !crl->has_number, TERN_ERR_ASN1);
            TERN_TRY(tern_der_read_integer(&v, &n));
            TERN_ENSURE(!tern_der_int_is_negative(&n) && n.len <= 21, TERN_ERR_ASN1);
            crl->has_number = 1;
        } else if (TERN_DER_OID_IS(&oid, TERN_OID_EXT_AKI)) {
            /* 5.2.1: non-critical */
            tern_reader seq;
            TERN_ENSURE(!critical, TERN_ERR_ASN1);
            TERN_TRY(tern_der_read_sequence(&v, &seq));
        } else if (TERN_DER_OID_IS(&oid, TERN_OID_EXT_IAN)) {
            tern_reader seq;
            TERN_TRY(tern_der_read_sequence(&v, &seq));
        } else if (TERN_DER_OID_IS(&oid, TERN_OID_EXT_FRESHEST_CRL)) {
            tern_reader seq;
            TERN_ENSURE(!critical, TERN_ERR_ASN1);
            TERN_TRY(tern_der_read_sequence(&v, &seq));
        } else if (critical) {
            /* deltaCRLIndicator, issuingDistributionPoint and anything
             * else critical: a scope tern does not evaluate (5.2) */
            return TERN_ERR_CERT_UNKNOWN_CRITICAL;
        } else {
            TERN_TRY(tern_read_skip(&v, tern_reader_left(&v)));
        }
        TERN_TRY(tern_der_end(&v));
    }
    return TERN_OK;
}

/* revokedCertificates entries: userCertificate, revocationDate,
 * crlEntryExtensions (5.3: only non-critical ones are understood; the
 * critical certificateIssuer means an indirect CRL). */
static int check_entries(tern_reader *list)
{
    tern_reader entry, exts, ext;
    tern_der_elem serial, oid, e;
    int64_t t;
    int critical;

    TERN_ENSURE(tern_reader_left(list) > 0, TERN_ERR_ASN1);
    while (tern_reader_left(list) > 0) {
        TERN_TRY(tern_der_read_sequence(list, &entry));
        TERN_TRY(tern_der_read_integer(&entry, &serial));
        TERN_TRY(tern_der_read_time(&entry, &t));
        if (tern_reader_left(&entry) > 0) {
            TERN_TRY(tern_der_read_sequence(&entry, &exts));
            TERN_ENSURE(tern_reader_left(&exts) > 0, TERN_ERR_ASN1);
            while (tern_reader_left(&exts) > 0) {
                TERN_TRY(tern_der_read_sequence(&exts, &ext));
                TERN_TRY(tern_der_read_oid(&ext, &oid));
                critical = 0;
                if (tern_der_next_is(&ext, TERN_DER_BOOLEAN)) {
                    TERN_TRY(tern_der_read_boolean(&ext, &critical));
                    TERN_ENSURE(critical, TERN_ERR_ASN1);
                }
                TERN_TRY(tern_der_read(&ext, TERN_DER_OCTET_STRING, &e));
                TERN_TRY(tern_der_end(&ext));
                TERN_ENSURE(!critical, TERN_ERR_CERT_UNKNOWN_CRITICAL);
            }
        }
        TERN_TRY(tern_der_end(&entry));
    }
    return TERN_OK;
}

/* see src/x509/x509_crl_internal.h */
int tern_x509_crl_parse(const uint8_t *der, size_t len, tern_x509_crl *crl)
{
    tern_reader top, cl, tbs, list, exts;
    tern_der_elem tbs_e, alg_in, alg_out, e;
    int64_t v;
    int rc;

    memset(crl, 0, sizeof(*crl));
    /* CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm,
     *   signatureValue BIT STRING } */
    tern_reader_init(&top, der, len);
    TERN_TRY(tern_der_read_sequence(&top, &cl));
    TERN_TRY(tern_der_end(&top));
    TERN_TRY(tern_der_read(&cl, TERN_DER_SEQUENCE, &tbs_e));
    TERN_TRY(tern_der_read(&cl, TERN_DER_SEQUENCE, &alg_out));
    TERN_TRY(tern_der_read_bit_string_octets(&cl, &crl->sig.p, &crl->sig.len));
    TERN_TRY(tern_der_end(&cl));
    crl->tbs.p = tbs_e.raw;
    crl->tbs.len = tbs_e.raw_len;

    tern_der_contents(&tbs_e, &tbs);
    /* version Version OPTIONAL -- if present, MUST be v2 (5.1.2.1);
     * extensions need v2 */
    if (tern_der_next_is(&tbs, TERN_DER_INTEGER)) {
        TERN_TRY(tern_der_read_int64(&tbs, &v));
        TERN_ENSURE(v == 1, TERN_ERR_ASN1);
        crl->version = 2;
    } else {
        crl->version = 1;
    }
    TERN_TRY(tern_der_read(&tbs, TERN_DER_SEQUENCE, &alg_in));
    TERN_ENSURE(alg_in.raw_len == alg_out.raw_len &&
                    memcmp(alg_in.raw, alg_out.raw, alg_in.raw_len) == 0,
                TERN_ERR_ASN1);
    {
        tern_reader ar;
        tern_reader_init(&ar, alg_out.raw, alg_out.raw_len);
        rc = tern_x509_read_sigalg(&ar, &crl->sigalg);
        TERN_ENSURE(rc == TERN_OK || rc == TERN_ERR_UNSUPPORTED_ALGORITHM, rc);
        crl->sigalg_ok = rc == TERN_OK;
    }
    TERN_TRY(tern_der_read(&tbs, TERN_DER_SEQUENCE, &e));
    TERN_TRY(tern_x509_check_name(e.raw, e.raw_len));
    crl->issuer.p = e.raw;
    crl->issuer.len = e.raw_len;
    TERN_TRY(tern_der_read_time(&tbs, &crl->this_update));
    if (tern_der_next_is(&tbs, TERN_DER_UTC_TIME) ||
        tern_der_next_is(&tbs, TERN_DER_GENERALIZED_TIME)) {
        TERN_TRY(tern_der_read_time(&tbs, &crl->next_update));
        crl->has_next_update = 1;
    }
    if (tern_der_next_is(&tbs, TERN_DER_SEQUENCE)) {
        TERN_TRY(tern_der_read_sequence(&tbs, &list));
        crl->revoked.p = list.p;
        crl->revoked.len = list.left;
        TERN_TRY(check_entries(&list));
    }
    if (tern_der_next_is(&tbs, TERN_DER_CONTEXT_CONS(0))) {
        TERN_ENSURE(crl->version == 2, TERN_ERR_ASN1);
        TERN_TRY(tern_der_read_explicit(&tbs, 0, TERN_DER_SEQUENCE, &e));
        tern_der_contents(&e, &exts);
        TERN_TRY(crl_extensions(&exts, crl));
    }
    TERN_TRY(tern_der_end(&tbs));
    /* 5.2.3: "conforming CRL issuers MUST include this extension in all
     * CRLs" -- a CRL without a number cannot be ordered or trusted */
    TERN_ENSURE(crl->has_number, TERN_ERR_ASN1);
    return TERN_OK;
}

/* 1 if serial (INTEGER contents) is on the CRL. */
static int listed(const tern_x509_crl *crl, const tern_x509_span *serial)
{
    tern_reader list, entry;
    tern_der_elem s;

    tern_reader_init(&list, crl->revoked.p, crl->revoked.len);
    while (tern_reader_left(&list) > 0) {
        if (tern_der_read_sequence(&list, &entry) != TERN_OK ||
            tern_der_read_integer(&entry, &s) != TERN_OK) {
            return 1; /* parsed when added: cannot happen; fail closed */
        }
        if (s.len == serial->len && memcmp(s.val, serial->p, s.len) == 0) {
            return 1;
        }
    }
    return 0;
}

/* see src/x509/x509_crl_internal.h */
uint32_t tern_x509_crl_check(const tern_x509_crl *crl, const tern_x509_cert *cert,
                             const tern_x509_cert *issuer, const tern_x509_policy *pol, int64_t now,
                             int check_time)
{
    tern_pubkey key;
    tern_x509_cert fake;

    /* 6.3.3 (f): the CRL issuer is the certificate issuer, allowed to
     * sign CRLs (keyUsage cRLSign when the extension is present) */
    if ((issuer->ext & TERN_X509_EXT_KU) && !(issuer->key_usage & TERN_X509_KU_CRL_SIGN)) {
        return TERN_X509_BAD_CRL;
    }
    /* the CRL's own signature algorithm against the policy */
    memset(&fake, 0, sizeof(fake));
    fake.sigalg = crl->sigalg;
    fake.sigalg_ok = crl->sigalg_ok;
    if (tern_x509_check_sigalg(&fake, pol) != 0) {
        return TERN_X509_BAD_CRL;
    }
    if (tern_key_parse_spki(issuer->spki.p, issuer->spki.len, &key, NULL) != TERN_OK ||
        tern_x509_verify_signature(&crl->sigalg, &key, crl->tbs.p, crl->tbs.len, crl->sig.p,
                                   crl->sig.len) != TERN_OK) {
        return TERN_X509_BAD_CRL;
    }
    /* 6.3.3 (a), (b): current */
    if (check_time &&
        (now < crl->this_update || (crl->has_next_update && now > crl->next_update))) {
        return TERN_X509_BAD_CRL;
    }
    return listed(crl, &cert->serial) ? TERN_X509_REVOKED : 0;
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
                           const tern_trust_store *store, const tern_x509_policy *pol, int64_t now,
                           int check_time)
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
uint32_t tern_x509_revocation_check(const tern_x509_path *p, const tern_trust_store *store,
                                    const tern_x509_policy *pol, int64_t now, int check_time)
{
    tern_x509_cert c, issuer;
    uint32_t r = 0;
    size_t k;

    for (k = 0; k + 1 < p->count; k++) {
        if (tern_x509_path_cert(p, k, &c) != TERN_OK ||
            tern_x509_path_cert(p, k + 1, &issuer) != TERN_OK) {
            return r | TERN_X509_MALFORMED;
        }
        r |= check_revoked_entries(&c, store);
        r |= check_crls(&c, &issuer, store, pol, now, check_time);
    }
    return r;
}
