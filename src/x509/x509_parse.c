/*
 * Certificate parsing (RFC 5280 4.1): the Certificate and TBSCertificate
 * structures, names, validity and the public key, in place.
 */
#include <string.h>

#include "common/try_internal.h"
#include "x509/x509_internal.h"

/* Maps every failure of the DER layer to the certificate error code;
 * TERN_ERR_CERT_UNKNOWN_CRITICAL passes through. */
static int cert_err(int rc)
{
    return rc == TERN_ERR_CERT_UNKNOWN_CRITICAL ? rc : TERN_ERR_CERT_PARSE;
}

/* see src/x509/x509_internal.h */
int tern_x509_check_name(const uint8_t *p, size_t len)
{
    tern_reader top, rdns, rdn, atv;
    tern_der_elem oid, val;

    /* Name ::= CHOICE { rdnSequence RDNSequence }
     * RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
     * RelativeDistinguishedName ::= SET SIZE (1..MAX) OF
     *     AttributeTypeAndValue
     * AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY } */
    tern_reader_init(&top, p, len);
    TERN_TRY(tern_der_read_sequence(&top, &rdns));
    TERN_TRY(tern_der_end(&top));
    while (tern_reader_left(&rdns) > 0) {
        TERN_TRY(tern_der_read_set(&rdns, &rdn));
        TERN_ENSURE(tern_reader_left(&rdn) > 0, TERN_ERR_ASN1);
        while (tern_reader_left(&rdn) > 0) {
            TERN_TRY(tern_der_read_sequence(&rdn, &atv));
            TERN_TRY(tern_der_read_oid(&atv, &oid));
            TERN_TRY(tern_der_read_any(&atv, &val));
            TERN_TRY(tern_der_end(&atv));
            /* Directory strings are checked against their type; other
             * attribute values (rare) are only required to be well-formed
             * elements. */
            if (tern_der_is_string_tag(val.tag)) {
                TERN_TRY(tern_der_check_string(val.tag, val.val, val.len));
            }
        }
    }
    return TERN_OK;
}

/* see src/x509/x509_internal.h */
int tern_x509_name_eq(const tern_x509_span *a, const tern_x509_span *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->p, b->p, a->len) == 0);
}

/* see src/x509/x509_internal.h */
int tern_x509_name_empty(const tern_x509_span *name)
{
    /* an empty SEQUENCE: 30 00 */
    return name->len == 2;
}

/* Reads a Name into *span (header included) and checks it. */
static int read_name(tern_reader *r, tern_x509_span *span)
{
    tern_der_elem e;
    TERN_TRY(tern_der_read(r, TERN_DER_SEQUENCE, &e));
    TERN_TRY(tern_x509_check_name(e.raw, e.raw_len));
    span->p = e.raw;
    span->len = e.raw_len;
    return TERN_OK;
}

/* Version, serial number, signature algorithm, names, validity, key. */
static int parse_tbs_fields(tern_reader *tbs, tern_x509_cert *c, tern_der_elem *tbs_alg)
{
    tern_der_elem e;
    tern_reader validity;
    int present;
    int64_t v;

    /* version [0] EXPLICIT Version DEFAULT v1: DER omits v1 (X.690 11.5) */
    TERN_TRY(tern_der_read_explicit_optional(tbs, 0, TERN_DER_INTEGER, &e, &present));
    c->version = 1;
    if (present) {
        TERN_TRY(tern_der_int_to_i64(&e, &v));
        TERN_ENSURE(v == 1 || v == 2, TERN_ERR_ASN1);
        c->version = (uint8_t)(v + 1);
    }

    /* serialNumber CertificateSerialNumber: positive, at most 20
     * octets (RFC 5280 4.1.2.2). Old roots break the rule (serial 0 in
     * widely trusted anchors), so it is recorded here and enforced by
     * the verifier on everything but anchors. */
    TERN_TRY(tern_der_read_integer(tbs, &e));
    if (tern_der_int_is_negative(&e)) {
        c->bad_serial = 1;
    } else {
        const uint8_t *mag;
        size_t mag_len;
        TERN_TRY(tern_der_int_magnitude(&e, &mag, &mag_len));
        c->bad_serial = (uint8_t)(mag_len == 0 || mag_len > 20);
    }
    c->serial.p = e.val;
    c->serial.len = e.len;

    /* signature AlgorithmIdentifier: must equal signatureAlgorithm
     * (4.1.1.2); compared by the caller. */
    TERN_TRY(tern_der_read(tbs, TERN_DER_SEQUENCE, tbs_alg));

    TERN_TRY(read_name(tbs, &c->issuer));

    /* Validity ::= SEQUENCE { notBefore Time, notAfter Time } */
    TERN_TRY(tern_der_read_sequence(tbs, &validity));
    TERN_TRY(tern_der_read_time(&validity, &c->not_before));
    TERN_TRY(tern_der_read_time(&validity, &c->not_after));
    TERN_TRY(tern_der_end(&validity));

    TERN_TRY(read_name(tbs, &c->subject));

    TERN_TRY(tern_der_read(tbs, TERN_DER_SEQUENCE, &e));
    c->spki.p = e.raw;
    c->spki.len = e.raw_len;
    return TERN_OK;
}

/* see src/x509/x509_internal.h */
int tern_x509_parse(const uint8_t *der, size_t len, tern_x509_cert *c)
{
    tern_reader top, cert, tbs, exts;
    tern_der_elem tbs_e, tbs_alg, outer_alg, e;
    int present, rc;

    TERN_ENSURE(c != NULL && (der != NULL || len == 0), TERN_ERR_NULL_POINTER);
    memset(c, 0, sizeof(*c));
    c->path_len = -1;
    c->require_explicit = -1;
    c->inhibit_mapping = -1;
    c->inhibit_any = -1;

    /* Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm,
     *   signatureValue BIT STRING } */
    tern_reader_init(&top, der, len);
    rc = tern_der_read_sequence(&top, &cert);
    TERN_ENSURE(rc == TERN_OK && tern_der_end(&top) == TERN_OK, TERN_ERR_CERT_PARSE);
    c->raw.p = der;
    c->raw.len = len;
    TERN_ENSURE(tern_der_read(&cert, TERN_DER_SEQUENCE, &tbs_e) == TERN_OK, TERN_ERR_CERT_PARSE);
    c->tbs.p = tbs_e.raw;
    c->tbs.len = tbs_e.raw_len;
    TERN_ENSURE(tern_der_read(&cert, TERN_DER_SEQUENCE, &outer_alg) == TERN_OK,
                TERN_ERR_CERT_PARSE);
    TERN_ENSURE(tern_der_read_bit_string_octets(&cert, &c->sig.p, &c->sig.len) == TERN_OK,
                TERN_ERR_CERT_PARSE);
    TERN_ENSURE(tern_der_end(&cert) == TERN_OK, TERN_ERR_CERT_PARSE);

    tern_der_contents(&tbs_e, &tbs);
    TERN_ENSURE(parse_tbs_fields(&tbs, c, &tbs_alg) == TERN_OK, TERN_ERR_CERT_PARSE);
    /* 4.1.1.2: the two AlgorithmIdentifiers are the same. */
    TERN_ENSURE(tbs_alg.raw_len == outer_alg.raw_len &&
                    memcmp(tbs_alg.raw, outer_alg.raw, tbs_alg.raw_len) == 0,
                TERN_ERR_CERT_PARSE);
    {
        tern_reader ar;
        tern_reader_init(&ar, outer_alg.raw, outer_alg.raw_len);
        rc = tern_x509_read_sigalg(&ar, &c->sigalg);
        TERN_ENSURE(rc == TERN_OK || rc == TERN_ERR_UNSUPPORTED_ALGORITHM, TERN_ERR_CERT_PARSE);
        c->sigalg_ok = rc == TERN_OK;
    }

    /* issuerUniqueID [1] IMPLICIT BIT STRING OPTIONAL,
     * subjectUniqueID [2] IMPLICIT BIT STRING OPTIONAL: v2 and v3 only
     * (4.1.2.8). */
    {
        static const uint8_t uid_tags[2] = {0x81u, 0x82u};
        size_t i;
        for (i = 0; i < 2; i++) {
            TERN_ENSURE(tern_der_read_optional(&tbs, uid_tags[i], &e, &present) == TERN_OK,
                        TERN_ERR_CERT_PARSE);
            if (present) {
                tern_der_bits b;
                TERN_ENSURE(c->version >= 2 && tern_der_decode_bit_string(&e, &b) == TERN_OK,
                            TERN_ERR_CERT_PARSE);
            }
        }
    }
    /* extensions [3] EXPLICIT Extensions OPTIONAL: v3 only (4.1.2.9),
     * SEQUENCE SIZE (1..MAX). */
    if (tern_der_next_is(&tbs, TERN_DER_CONTEXT_CONS(3))) {
        TERN_ENSURE(c->version == 3, TERN_ERR_CERT_PARSE);
        TERN_ENSURE(tern_der_read_explicit(&tbs, 3, TERN_DER_SEQUENCE, &e) == TERN_OK,
                    TERN_ERR_CERT_PARSE);
        tern_der_contents(&e, &exts);
        TERN_ENSURE(tern_reader_left(&exts) > 0, TERN_ERR_CERT_PARSE);
        rc = tern_x509_parse_extensions(&exts, c);
        TERN_ENSURE(rc == TERN_OK || rc == TERN_ERR_CERT_UNKNOWN_CRITICAL, cert_err(rc));
    }
    TERN_ENSURE(tern_der_end(&tbs) == TERN_OK, TERN_ERR_CERT_PARSE);
    return c->unknown_critical ? TERN_ERR_CERT_UNKNOWN_CRITICAL : TERN_OK;
}
