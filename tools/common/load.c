/*
 * Loading certificates, private keys and trust stores from files (PEM or
 * DER, told apart by content: a file holding a "-----BEGIN" line is PEM).
 */
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tern/keys.h"
#include "tern/pem.h"
#include "tern/util.h"
#include "tool.h"

/* see tool.h */
int tool_read_file(const char *path, uint8_t **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0;

    if (f == NULL) {
        tool_err(TERN_ERR_NOT_FOUND, "cannot open %s (%s)", path, strerror(errno));
        return TERN_ERR_NOT_FOUND;
    }
    for (;;) {
        size_t got;
        if (cap - n < 4096 + 1) {
            uint8_t *nb;
            cap = cap == 0 ? 8192 : cap * 2;
            nb = (uint8_t *)realloc(buf, cap);
            if (nb == NULL) {
                fclose(f);
                tool_wipe_free(buf, n);
                tool_err(TERN_ERR_NO_MEMORY, "reading %s", path);
                return TERN_ERR_NO_MEMORY;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(f)) {
        fclose(f);
        tool_wipe_free(buf, n);
        tool_err(TERN_ERR_PLATFORM, "cannot read %s", path);
        return TERN_ERR_PLATFORM;
    }
    fclose(f);
    buf[n] = 0;
    *data = buf;
    *len = n;
    return TERN_OK;
}

/* see tool.h */
void tool_wipe_free(uint8_t *p, size_t len)
{
    if (p != NULL) {
        tern_wipe(p, len);
        free(p);
    }
}

static int is_pem(const uint8_t *data, size_t len)
{
    size_t i;
    static const char begin[] = "-----BEGIN";
    for (i = 0; i + sizeof(begin) - 1 <= len; i++) {
        if (memcmp(data + i, begin, sizeof(begin) - 1) == 0) {
            return 1;
        }
    }
    return 0;
}

static int certs_push(tool_certs *out, const uint8_t *der, size_t len)
{
    uint8_t **nd = (uint8_t **)realloc(out->der, (out->count + 1) * sizeof(*nd));
    size_t *nl;
    uint8_t *copy;

    if (nd == NULL) {
        return TERN_ERR_NO_MEMORY;
    }
    out->der = nd;
    nl = (size_t *)realloc(out->lens, (out->count + 1) * sizeof(*nl));
    if (nl == NULL) {
        return TERN_ERR_NO_MEMORY;
    }
    out->lens = nl;
    copy = (uint8_t *)malloc(len == 0 ? 1 : len);
    if (copy == NULL) {
        return TERN_ERR_NO_MEMORY;
    }
    memcpy(copy, der, len);
    out->der[out->count] = copy;
    out->lens[out->count] = len;
    out->count++;
    return TERN_OK;
}

static void certs_free(tool_certs *c)
{
    size_t i;
    for (i = 0; i < c->count; i++) {
        free(c->der[i]);
    }
    free(c->der);
    free(c->lens);
    memset(c, 0, sizeof(*c));
}

/* Checks that a DER blob is a certificate the library can use (its
 * public key parses). */
static int check_cert(const uint8_t *der, size_t len)
{
    tern_pubkey pub;
    return tern_x509_cert_pubkey(der, len, &pub);
}

/* see tool.h */
int tool_load_certs(const char *path, tool_certs *out, int skip_unusable)
{
    uint8_t *data;
    size_t len, i;
    int rc;

    memset(out, 0, sizeof(*out));
    rc = tool_read_file(path, &data, &len);
    if (rc != TERN_OK) {
        return rc;
    }
    if (is_pem(data, len)) {
        tern_pem_iter it;
        tern_pem_block blk;
        size_t nblk = 0, skipped = 0, first_skipped = 0;
        int reported = 0, skip_rc = TERN_OK;

        tern_pem_iter_init(&it, (const char *)data, len);
        for (;;) {
            uint8_t *der;
            size_t der_len;
            rc = tern_pem_next(&it, &blk);
            if (rc <= 0) {
                break;
            }
            nblk++;
            if (!tern_pem_label_is(&blk, "CERTIFICATE") &&
                !tern_pem_label_is(&blk, "X509 CERTIFICATE") &&
                !tern_pem_label_is(&blk, "TRUSTED CERTIFICATE")) {
                continue;
            }
            der = (uint8_t *)malloc(tern_pem_decoded_max(&blk) + 1);
            if (der == NULL) {
                rc = TERN_ERR_NO_MEMORY;
                break;
            }
            rc = tern_pem_decode(&blk, der, tern_pem_decoded_max(&blk) + 1, &der_len);
            if (rc != TERN_OK) {
                tool_err(rc, "%s: PEM block %lu does not decode", path, (unsigned long)nblk);
                reported = 1;
            } else {
                rc = check_cert(der, der_len);
                if (rc != TERN_OK && skip_unusable) {
                    if (skipped++ == 0) {
                        first_skipped = nblk;
                        skip_rc = rc;
                    }
                    free(der);
                    continue;
                }
                if (rc != TERN_OK) {
                    tool_err(rc, "%s: PEM block %lu is not a usable certificate", path,
                             (unsigned long)nblk);
                    reported = 1;
                }
            }
            if (rc == TERN_OK) {
                rc = certs_push(out, der, der_len);
            }
            free(der);
            if (rc != TERN_OK) {
                break;
            }
        }
        if (rc < 0 && !reported) {
            tool_err(rc, "%s: cannot read PEM block %lu", path, (unsigned long)(nblk + 1));
        }
        if (skipped > 0) {
            tool_err(skip_rc,
                     "warning: %s: skipped %lu certificate%s tern cannot use (the first "
                     "is PEM block %lu)",
                     path, (unsigned long)skipped, skipped == 1 ? "" : "s",
                     (unsigned long)first_skipped);
        }
    } else {
        rc = check_cert(data, len);
        if (rc != TERN_OK) {
            tool_err(rc, "%s: neither PEM nor a DER certificate", path);
        } else {
            rc = certs_push(out, data, len);
        }
    }
    free(data);
    if (rc >= 0 && out->count == 0) {
        tool_err(TERN_ERR_NOT_FOUND, "%s: no certificate in the file", path);
        rc = TERN_ERR_NOT_FOUND;
    }
    if (rc < 0) {
        certs_free(out);
        return rc;
    }
    for (i = 0; i < out->count; i++) {
        (void)tool_keep(out->der[i], out->lens[i], 0);
    }
    (void)tool_keep(out->der, 0, 0);
    (void)tool_keep(out->lens, 0, 0);
    return TERN_OK;
}

/* see tool.h */
int tool_load_key(const char *path, tern_privkey *key)
{
    uint8_t *data, *der;
    size_t len;
    int rc;

    rc = tool_read_file(path, &data, &len);
    if (rc != TERN_OK) {
        return rc;
    }
    if (is_pem(data, len)) {
        der = (uint8_t *)malloc(len + 1);
        if (der == NULL) {
            tool_wipe_free(data, len);
            return TERN_ERR_NO_MEMORY;
        }
        rc = tern_key_parse_private_pem((const char *)data, len, der, len + 1, key);
        tool_wipe_free(data, len);
        if (rc != TERN_OK) {
            tool_wipe_free(der, len + 1);
            if (rc == TERN_ERR_NOT_FOUND) {
                tool_err(rc, "%s: no private key block in the file", path);
            } else if (rc == TERN_ERR_UNSUPPORTED) {
                tool_err(rc,
                         "%s: encrypted keys are not supported (decrypt it first: "
                         "openssl pkey -in %s -out plain.pem)",
                         path, path);
            } else {
                tool_err(rc, "%s: bad private key", path);
            }
            return rc;
        }
        (void)tool_keep(der, len + 1, 1);
        return TERN_OK;
    }
    rc = tern_key_parse_private(data, len, key);
    if (rc != TERN_OK) {
        tool_err(rc, "%s: bad private key (neither PEM nor DER PKCS#8 / PKCS#1 / SEC1)", path);
        tool_wipe_free(data, len);
        return rc;
    }
    (void)tool_keep(data, len + 1, 1);
    return TERN_OK;
}

/* see tool.h */
int tool_load_trust(const char *path, const tern_trust_store **store)
{
    tool_certs certs;
    tern_trust_store *ts;
    void *mem;
    size_t i, mem_len, added = 0;
    /* a system bundle may hold a root tern cannot parse: skip it, the
     * others still work */
    int rc = tool_load_certs(path, &certs, 1);

    if (rc != TERN_OK) {
        return rc;
    }
    mem_len = TERN_TRUST_STORE_SIZE(certs.count);
    mem = tool_keep(malloc(mem_len), mem_len, 0);
    if (mem == NULL) {
        tool_err(TERN_ERR_NO_MEMORY, "trust store for %s", path);
        return TERN_ERR_NO_MEMORY;
    }
    rc = tern_trust_store_init(&ts, mem, mem_len, certs.count);
    if (rc != TERN_OK) {
        tool_err(rc, "trust store for %s", path);
        return rc;
    }
    for (i = 0; i < certs.count; i++) {
        rc = tern_trust_store_add_der(ts, certs.der[i], certs.lens[i]);
        if (rc != TERN_OK) {
            tool_err(rc, "warning: %s: certificate %lu cannot be a trust anchor (skipped)", path,
                     (unsigned long)(i + 1));
            continue;
        }
        added++;
    }
    if (added == 0) {
        tool_err(TERN_ERR_NOT_FOUND, "%s: no usable trust anchor", path);
        return TERN_ERR_NOT_FOUND;
    }
    *store = ts;
    return TERN_OK;
}

/* see tool.h */
const char *tool_default_ca_file(void)
{
    static const char *const places[] = {
        "/etc/ssl/certs/ca-certificates.crt", /* Debian, Ubuntu, Alpine */
        "/etc/pki/tls/certs/ca-bundle.crt",   /* Fedora, RHEL */
        "/etc/ssl/cert.pem",                  /* macOS, BSDs */
    };
    size_t i;
    for (i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
        if (access(places[i], R_OK) == 0) {
            return places[i];
        }
    }
    return NULL;
}

/* see tool.h */
int tool_add_credential(tern_config *cfg, const char *cert_path, const char *key_path)
{
    tool_certs certs;
    tern_privkey key;
    int rc;

    rc = tool_load_certs(cert_path, &certs, 0);
    if (rc != TERN_OK) {
        return rc;
    }
    /* the credential points into the chain and key memory, kept until
     * exit */
    rc = tool_load_key(key_path != NULL ? key_path : cert_path, &key);
    if (rc != TERN_OK) {
        return rc;
    }
    rc = tern_config_add_credential(cfg, (const uint8_t *const *)certs.der, certs.lens, certs.count,
                                    &key);
    if (rc == TERN_ERR_BAD_KEY) {
        tool_err(rc, "the key in %s does not belong to the certificate in %s",
                 key_path != NULL ? key_path : cert_path, cert_path);
    } else if (rc != TERN_OK) {
        tool_err(rc, "cannot use %s as a credential", cert_path);
    }
    return rc;
}
