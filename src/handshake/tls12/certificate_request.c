/*
 * CertificateRequest (RFC 5246 7.4.4):
 *
 *   enum { rsa_sign(1), ..., ecdsa_sign(64), (255) } ClientCertificateType;
 *   opaque DistinguishedName<1..2^16-1>;
 *   struct {
 *       ClientCertificateType certificate_types<1..2^8-1>;
 *       SignatureAndHashAlgorithm supported_signature_algorithms<2^16-1>;
 *       DistinguishedName certificate_authorities<0..2^16-1>;
 *   } CertificateRequest;
 *
 * TLS 1.0/1.1 (RFC 2246 / RFC 4346 7.4.4) have no
 * supported_signature_algorithms: the version fixes the hashes.
 */
#include <string.h>

#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "engine/engine_internal.h"

#define TYPE_RSA_SIGN 1
#define TYPE_ECDSA_SIGN 64

/* see src/handshake/handshake_internal.h */
int tern_tls12_certificate_request_parse(const uint8_t *body, size_t len,
                                         tern_certificate_request *cr)
{
    tern_reader r, v, walk, dn;

    memset(cr, 0, sizeof(*cr));
    tern_reader_init(&r, body, len);
    TERN_TRY(tern_read_vec(&r, 1, 1, 0xff, &v));
    cr->types = v.p;
    cr->types_len = v.left;
    TERN_TRY(tern_read_vec(&r, 2, 2, 0xfffe, &cr->schemes));
    TERN_ENSURE((cr->schemes.left & 1u) == 0, TERN_ERR_DECODE);
    TERN_TRY(tern_read_vec16(&r, &v));
    TERN_TRY(tern_reader_expect_end(&r));
    cr->cas = v.p;
    cr->cas_len = v.left;
    walk = v;
    while (tern_reader_left(&walk) > 0) {
        TERN_TRY(tern_read_vec(&walk, 2, 1, 0xffff, &dn));
    }
    return TERN_OK;
}

/* Server: ask for a certificate. CertificateVerify is checked over the
 * transcript, which runs SHA-256 and SHA-384: only schemes with those
 * hashes are listed. No certificate_authorities (an empty list lets the
 * client send any certificate, 7.4.4). */
static int cr_write(tern_conn *c, tern_writer *w)
{
    const tern_config *cfg = c->cfg;
    size_t mark, i;

    TERN_TRY(tern_write_u8(w, 2));
    TERN_TRY(tern_write_u8(w, TYPE_ECDSA_SIGN));
    TERN_TRY(tern_write_u8(w, TYPE_RSA_SIGN));
#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    if (c->hs.version < TERN_TLS12) {
        return tern_write_u16(w, 0); /* certificate_authorities only */
    }
#endif
    TERN_TRY(tern_write_vec_begin(w, 2, &mark));
    for (i = 0; i < cfg->sig_schemes_count; i++) {
        const tern_sig_class *cls = tern_sig_by_scheme(cfg->sig_schemes[i]);
        if (cls != NULL && cls->hash != NULL &&
            (cls->hash->id == TERN_HASH_SHA256 || cls->hash->id == TERN_HASH_SHA384) &&
            (cls->key_type == TERN_KEY_RSA || cls->key_type == TERN_KEY_EC)) {
            TERN_TRY(tern_write_u16(w, cfg->sig_schemes[i]));
        }
    }
    TERN_ENSURE(tern_writer_len(w) > mark + 2, TERN_ERR_BAD_CONFIG);
    TERN_TRY(tern_write_vec_end(w, 2, mark));
    return tern_write_u16(w, 0);
}

/* Client: remember what the server accepts (only entries we could use). */
static int cr_read(tern_conn *c, const uint8_t *body, size_t len)
{
    const tern_config *cfg = c->cfg;
    tern_hs *hs = &c->hs;
    tern_certificate_request cr;
    size_t i;

#if TERN_CONFIG_TLS10 || TERN_CONFIG_TLS11
    if (hs->version < TERN_TLS12) {
        /* RFC 4346 7.4.4: types and authorities, no signature
         * algorithms (none kept: the client chooses by type). */
        tern_reader r, v, dn;
        tern_reader_init(&r, body, len);
        TERN_TRY(tern_read_vec(&r, 1, 1, 0xff, &v));
        cr.types = v.p;
        cr.types_len = v.left;
        TERN_TRY(tern_read_vec16(&r, &v));
        TERN_TRY(tern_reader_expect_end(&r));
        while (tern_reader_left(&v) > 0) {
            TERN_TRY(tern_read_vec(&v, 2, 1, 0xffff, &dn));
        }
        tern_reader_init(&cr.schemes, NULL, 0);
    } else {
        TERN_TRY(tern_tls12_certificate_request_parse(body, len, &cr));
    }
#else
    TERN_TRY(tern_tls12_certificate_request_parse(body, len, &cr));
#endif
    hs->cr_types = 0;
    for (i = 0; i < cr.types_len; i++) {
        if (cr.types[i] == TYPE_RSA_SIGN) {
            hs->cr_types |= 1u;
        } else if (cr.types[i] == TYPE_ECDSA_SIGN) {
            hs->cr_types |= 2u;
        }
    }
    hs->cr_schemes_len = 0;
    while (tern_reader_left(&cr.schemes) > 0) {
        uint16_t s;
        size_t k;
        TERN_TRY(tern_read_u16(&cr.schemes, &s));
        for (k = 0; k < cfg->sig_schemes_count; k++) {
            if (cfg->sig_schemes[k] == s && hs->cr_schemes_len + 2u <= sizeof(hs->cr_schemes)) {
                tern_store_be16(hs->cr_schemes + hs->cr_schemes_len, s);
                hs->cr_schemes_len = (uint8_t)(hs->cr_schemes_len + 2u);
            }
        }
    }
    return TERN_OK;
}

const tern_hs_ops tern_tls12_certificate_request_ops = {cr_write, cr_read, NULL};
