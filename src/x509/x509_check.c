/*
 * Checks of one certificate in its role (leaf or issuer), independent of
 * the rest of the path: RFC 5280 4.2 requirements on CA certificates,
 * the key and algorithm policy, validity, usage for the purpose and the
 * reference name. The path-wide rules (pathLen, name constraints,
 * policies, revocation) are in x509_verify.c and its helpers.
 */
#include <string.h>

#include "common/try_internal.h"
#include "tern/keys.h"
#include "x509/x509_internal.h"
#include "x509/x509_oid_internal.h"

/* see src/x509/x509_internal.h */
int tern_x509_self_issued(const tern_x509_cert *c)
{
    return tern_x509_name_eq(&c->subject, &c->issuer);
}

/* see src/x509/x509_internal.h */
uint32_t tern_x509_check_key(const tern_x509_cert *c, const tern_x509_policy *pol, tern_pubkey *key)
{
    size_t bits, min;
    int rc;

    memset(key, 0, sizeof(*key));
    rc = tern_key_parse_spki(c->spki.p, c->spki.len, key, NULL);
    if (rc == TERN_ERR_UNSUPPORTED_ALGORITHM) {
        return TERN_X509_BAD_PK; /* DSA, P-192, explicit curves, ... */
    }
    if (rc != TERN_OK) {
        return TERN_X509_BAD_KEY; /* includes RSA <= 512 bits */
    }
    switch (key->type) {
    case TERN_KEY_RSA:
        bits = tern_pubkey_bits(key);
        min = pol->min_rsa_bits > 1024 ? pol->min_rsa_bits : 1024;
        /* whole-octet moduli only (CA/B Forum BR 6.1.5) */
        if (bits < min || bits % 8 != 0) {
            return TERN_X509_BAD_KEY;
        }
        return 0;
    case TERN_KEY_EC:
        return 0;
    case TERN_KEY_ED25519:
        return TERN_CONFIG_ED25519 ? 0 : TERN_X509_BAD_PK;
    default:
        return TERN_X509_BAD_PK; /* X25519 cannot sign */
    }
}

/* see src/x509/x509_internal.h */
uint32_t tern_x509_check_sigalg(const tern_x509_cert *c, const tern_x509_policy *pol)
{
    const tern_x509_sigalg *a = &c->sigalg;

    if (!c->sigalg_ok) {
        return TERN_X509_BAD_MD;
    }
    if (a->hash == TERN_HASH_MD5 || a->mgf1_hash == TERN_HASH_MD5) {
        return TERN_X509_BAD_MD;
    }
    if ((a->hash == TERN_HASH_SHA1 || a->mgf1_hash == TERN_HASH_SHA1) && !pol->allow_sha1) {
        return TERN_X509_BAD_MD;
    }
    return 0;
}

/* see src/x509/x509_internal.h */
uint32_t tern_x509_check_time(const tern_x509_cert *c, int64_t now, int check_time)
{
    if (!check_time) {
        return 0;
    }
    /* RFC 5280 4.1.2.5: valid from notBefore through notAfter inclusive */
    if (now < c->not_before) {
        return TERN_X509_FUTURE;
    }
    if (now > c->not_after) {
        return TERN_X509_EXPIRED;
    }
    return 0;
}

/* 1 if the EKU extension lists the purpose's OID. */
static int eku_has(const tern_x509_cert *c, const char *oid, size_t oid_len, int accept_any)
{
    tern_reader r;
    tern_der_elem e;

    tern_reader_init(&r, c->eku.p, c->eku.len);
    while (tern_reader_left(&r) > 0) {
        if (tern_der_read_oid(&r, &e) != TERN_OK) {
            return 0;
        }
        if (tern_der_oid_eq(&e, (const uint8_t *)oid, oid_len) ||
            (accept_any && TERN_DER_OID_IS(&e, TERN_OID_EKU_ANY))) {
            return 1;
        }
    }
    return 0;
}

/* Extended key usage for the purpose. A certificate without the
 * extension is not restricted (RFC 5280 4.2.1.12). With it, the leaf must
 * name the purpose itself: anyExtendedKeyUsage does not make a TLS
 * certificate (CA/B Forum BR 7.1.2.7.10). A CA that carries the extension
 * restricts what it issues to what it lists (the CA/B Forum and Mozilla
 * reading, which every browser verifier applies); there anyExtendedKeyUsage
 * counts. */
static int eku_allows(const tern_x509_cert *c, int purpose, int is_ca)
{
    if (!(c->ext & TERN_X509_EXT_EKU) || purpose == TERN_X509_PURPOSE_ANY) {
        return 1;
    }
    if (purpose == TERN_X509_PURPOSE_SERVER) {
        return eku_has(c, TERN_OID_EKU_SERVER, sizeof(TERN_OID_EKU_SERVER) - 1u, is_ca);
    }
    return eku_has(c, TERN_OID_EKU_CLIENT, sizeof(TERN_OID_EKU_CLIENT) - 1u, is_ca);
}

/* The web PKI profile of authorityKeyIdentifier (CA/B Forum Baseline
 * Requirements 7.1.2.11.1): when present it carries keyIdentifier and
 * neither authorityCertIssuer nor authorityCertSerialNumber, which pin one
 * certificate rather than a key. Such certificates parse (RFC 5280 allows
 * the form) but no path goes through them. */
static uint32_t aki_profile(const tern_x509_cert *c)
{
    if ((c->ext & TERN_X509_EXT_AKI) && (c->aki.len == 0 || c->aki_issuer_serial)) {
        return TERN_X509_BAD_PROFILE;
    }
    return 0;
}

/* see src/x509/x509_internal.h */
uint32_t tern_x509_check_ca(const tern_x509_cert *c, const tern_x509_policy *pol, int is_anchor)
{
    uint32_t r = 0;

    if (c->version != 3) {
        r |= TERN_X509_BAD_PROFILE; /* a v1/v2 certificate has no cA bit */
    }
    /* 4.2.1.9: CAs carry basicConstraints, critical, with cA set */
    if (!(c->ext & TERN_X509_EXT_BC) || !c->ca || !c->bc_critical) {
        r |= TERN_X509_BAD_CONSTRAINTS;
    }
    /* 4.2.1.3: an issuer's keyUsage, when present, has keyCertSign */
    if ((c->ext & TERN_X509_EXT_KU) && !(c->key_usage & TERN_X509_KU_KEY_CERT_SIGN)) {
        r |= TERN_X509_BAD_USAGE;
    }
    /* 4.2.1.2: "this extension MUST appear in all conforming CA
     * certificates". 4.2.1.1: authorityKeyIdentifier in every certificate
     * except a self-signed one. */
    if (!(c->ext & TERN_X509_EXT_SKI)) {
        r |= TERN_X509_BAD_PROFILE;
    }
    if (is_anchor) {
        /* a trust anchor is its name and key (6.1.1 (d)): whoever signed
         * it does not matter, so no authorityKeyIdentifier is required;
         * but a self-signed root that names a key identifier names its
         * own */
        if ((c->ext & TERN_X509_EXT_AKI) && (c->ext & TERN_X509_EXT_SKI) &&
            tern_x509_self_issued(c) &&
            !(c->aki.len == c->ski.len && memcmp(c->aki.p, c->ski.p, c->aki.len) == 0)) {
            r |= TERN_X509_BAD_PROFILE;
        }
    } else if ((!(c->ext & TERN_X509_EXT_AKI) && !tern_x509_self_issued(c)) || c->bad_serial) {
        r |= TERN_X509_BAD_PROFILE;
    }
    r |= aki_profile(c);
    if (!eku_allows(c, pol->purpose, 1)) {
        r |= TERN_X509_BAD_USAGE;
    }
    return r;
}

/* see src/x509/x509_internal.h */
uint32_t tern_x509_check_leaf(const tern_x509_cert *c, const tern_x509_policy *pol,
                              const char *host)
{
    uint32_t r = 0;
    uint16_t ku = c->key_usage;

    if (c->version != 3 || c->bad_serial) {
        r |= TERN_X509_BAD_PROFILE;
    }
    if (!(c->ext & TERN_X509_EXT_AKI) && !tern_x509_self_issued(c)) {
        r |= TERN_X509_BAD_PROFILE;
    }
    r |= aki_profile(c);
    /* 4.2.1.10: name constraints only in CA certificates */
    if ((c->ext & TERN_X509_EXT_NC) && !c->ca) {
        r |= TERN_X509_NAME_CONSTRAINTS;
    }
    /* 4.2.1.3 / 4.2.1.9: keyCertSign and cA go together */
    if ((c->ext & TERN_X509_EXT_KU) && (ku & TERN_X509_KU_KEY_CERT_SIGN) && !c->ca) {
        r |= TERN_X509_BAD_USAGE;
    }
    if ((c->ext & TERN_X509_EXT_KU) && !(ku & TERN_X509_KU_KEY_CERT_SIGN) && c->ca) {
        r |= TERN_X509_BAD_CONSTRAINTS;
    }
    /* 4.2.1.6: "SHOULD mark subjectAltName as non-critical" when the
     * subject is not empty; the CA/B Forum makes it a MUST (BR
     * 7.1.2.7.12), and a critical SAN beside a subject is a sign of a
     * malformed certificate */
    if ((c->ext & TERN_X509_EXT_SAN) && c->san_critical && !tern_x509_name_empty(&c->subject)) {
        r |= TERN_X509_BAD_PROFILE;
    }
    if (!eku_allows(c, pol->purpose, 0)) {
        r |= TERN_X509_BAD_USAGE;
    }
    if ((c->ext & TERN_X509_EXT_KU) && pol->purpose != TERN_X509_PURPOSE_ANY) {
        /* TLS peers sign (digitalSignature), are encrypted to
         * (keyEncipherment, RSA key exchange) or agree keys
         * (keyAgreement, static ECDH) */
        if (!(ku & (TERN_X509_KU_DIGITAL_SIGNATURE | TERN_X509_KU_KEY_ENCIPHERMENT |
                    TERN_X509_KU_KEY_AGREEMENT))) {
            r |= TERN_X509_BAD_USAGE;
        }
    }
    if ((c->ext & TERN_X509_EXT_KU) && (ku & pol->required_key_usage) != pol->required_key_usage) {
        r |= TERN_X509_BAD_USAGE;
    }
    if (host != NULL && tern_x509_match_host(c, host, pol->cn_fallback) != TERN_OK) {
        r |= TERN_X509_NAME_MISMATCH;
    }
    return r;
}

/* see src/x509/x509_internal.h */
uint32_t tern_x509_leaf_reasons(const uint8_t *der, size_t len, const tern_x509_policy *pol,
                                const char *host, int64_t now, int check_time)
{
    tern_x509_cert leaf;
    tern_pubkey key;
    int rc = tern_x509_parse(der, len, &leaf);

    if (rc != TERN_OK) {
        return rc == TERN_ERR_CERT_UNKNOWN_CRITICAL ? TERN_X509_UNKNOWN_CRITICAL
                                                    : TERN_X509_MALFORMED;
    }
    return tern_x509_check_leaf(&leaf, pol, host) | tern_x509_check_time(&leaf, now, check_time) |
           tern_x509_check_key(&leaf, pol, &key) | tern_x509_check_sigalg(&leaf, pol);
}
