/*
 * Trust store: a table of entries in caller memory (anchors, revoked
 * serials, CRLs), each pointing at DER the caller keeps, or at copies in
 * an optional storage area the caller also provides.
 */
#include <string.h>

#include "common/try_internal.h"
#include "tern/keys.h"
#include "tern/pem.h"
#include "x509/x509_crl_internal.h"

/* The layout promised by TERN_TRUST_STORE_SIZE must hold. */
typedef char header_fits[sizeof(struct tern_trust_store) <= TERN_TRUST_STORE_HEADER_ ? 1 : -1];
typedef char entry_fits[sizeof(tern_x509_entry) <= TERN_TRUST_STORE_ENTRY_ ? 1 : -1];

/* see src/x509/x509_internal.h */
const tern_x509_entry *tern_x509_store_entry(const tern_trust_store *s, size_t i)
{
    return (const tern_x509_entry *)(const void *)((const uint8_t *)s + TERN_TRUST_STORE_HEADER_ +
                                                   i * TERN_TRUST_STORE_ENTRY_);
}

static tern_x509_entry *entry_at(tern_trust_store *s, size_t i)
{
    return (tern_x509_entry *)(void *)((uint8_t *)s + TERN_TRUST_STORE_HEADER_ +
                                       i * TERN_TRUST_STORE_ENTRY_);
}

static int store_ok(const tern_trust_store *s)
{
    return s != NULL && s->magic == TERN_X509_STORE_MAGIC;
}

/* see include/tern/x509.h */
int tern_trust_store_init(tern_trust_store **store, void *mem, size_t mem_len, size_t max_entries)
{
    tern_trust_store *s;

    TERN_ENSURE(store != NULL && mem != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(((uintptr_t)mem % sizeof(void *)) == 0, TERN_ERR_BAD_ARG);
    TERN_ENSURE(max_entries <= ((size_t)-1 - TERN_TRUST_STORE_HEADER_) / TERN_TRUST_STORE_ENTRY_,
                TERN_ERR_BAD_ARG);
    TERN_ENSURE(mem_len >= TERN_TRUST_STORE_SIZE(max_entries), TERN_ERR_BUFFER_TOO_SMALL);
    memset(mem, 0, TERN_TRUST_STORE_SIZE(max_entries));
    s = (tern_trust_store *)mem;
    s->magic = TERN_X509_STORE_MAGIC;
    s->max = max_entries;
    s->count = 0;
    *store = s;
    return TERN_OK;
}

/* see include/tern/x509.h */
int tern_trust_store_set_storage(tern_trust_store *store, void *buf, size_t len)
{
    TERN_ENSURE(store_ok(store), TERN_ERR_BAD_ARG);
    TERN_ENSURE(buf != NULL || len == 0, TERN_ERR_NULL_POINTER);
    store->arena = (uint8_t *)buf;
    store->arena_cap = len;
    store->arena_used = 0;
    return TERN_OK;
}

/* see include/tern/x509.h */
size_t tern_trust_store_count(const tern_trust_store *store)
{
    return store_ok(store) ? store->count : 0;
}

static int push(tern_trust_store *s, const tern_x509_entry *e)
{
    TERN_ENSURE(s->count < s->max, TERN_ERR_FULL);
    *entry_at(s, s->count) = *e;
    s->count++;
    return TERN_OK;
}

/* see include/tern/x509.h */
int tern_trust_store_add_der(tern_trust_store *store, const uint8_t *der, size_t len)
{
    tern_x509_cert c;
    tern_x509_entry e;
    tern_pubkey key;

    TERN_ENSURE(store_ok(store), TERN_ERR_BAD_ARG);
    TERN_ENSURE(der != NULL, TERN_ERR_NULL_POINTER);
    TERN_TRY(tern_x509_parse(der, len, &c));
    /* an anchor whose key tern cannot use could never verify anything */
    TERN_ENSURE(tern_key_parse_spki(c.spki.p, c.spki.len, &key, NULL) == TERN_OK,
                TERN_ERR_CERT_BAD_KEY);
    memset(&e, 0, sizeof(e));
    e.type = TERN_X509_ENTRY_ANCHOR;
    e.der = der;
    e.len = len;
    e.name = c.subject.p;
    e.name_len = c.subject.len;
    e.aux = c.ski.p;
    e.aux_len = c.ski.len;
    return push(store, &e);
}

/* Copies len bytes into the storage area; *out points at the copy. */
static int arena_copy(tern_trust_store *s, const uint8_t *p, size_t len, const uint8_t **out)
{
    uint8_t *dst;
    TERN_ENSURE(s->arena != NULL && len <= s->arena_cap - s->arena_used, TERN_ERR_BUFFER_TOO_SMALL);
    dst = s->arena + s->arena_used;
    memcpy(dst, p, len);
    s->arena_used += len;
    *out = dst;
    return TERN_OK;
}

/* see include/tern/x509.h */
int tern_trust_store_add_der_copy(tern_trust_store *store, const uint8_t *der, size_t len)
{
    const uint8_t *copy;
    size_t mark;
    int rc;

    TERN_ENSURE(store_ok(store), TERN_ERR_BAD_ARG);
    TERN_ENSURE(der != NULL, TERN_ERR_NULL_POINTER);
    mark = store->arena_used;
    TERN_TRY(arena_copy(store, der, len, &copy));
    rc = tern_trust_store_add_der(store, copy, len);
    if (rc != TERN_OK) {
        store->arena_used = mark;
    }
    return rc;
}

/* One PEM bundle: every CERTIFICATE / TRUSTED CERTIFICATE block is
 * decoded (in place or into the storage) and added; other blocks and the
 * text around them are skipped. */
static int add_pem(tern_trust_store *s, const char *pem, size_t len, char *inplace, size_t *added)
{
    tern_pem_iter it;
    tern_pem_block blk;
    size_t n = 0;
    int rc;

    tern_pem_iter_init(&it, pem, len);
    for (;;) {
        rc = tern_pem_next(&it, &blk);
        if (rc == 0) {
            break;
        }
        TERN_TRY(rc);
        if (!tern_pem_label_is(&blk, "CERTIFICATE") &&
            !tern_pem_label_is(&blk, "TRUSTED CERTIFICATE")) {
            continue;
        }
        if (inplace != NULL) {
            uint8_t *der;
            size_t der_len;
            TERN_TRY(tern_pem_decode_inplace(&blk, inplace, len, &der, &der_len));
            TERN_TRY(tern_trust_store_add_der(s, der, der_len));
        } else {
            size_t mark = s->arena_used, der_len;
            TERN_ENSURE(s->arena != NULL, TERN_ERR_BUFFER_TOO_SMALL);
            TERN_TRY(tern_pem_decode(&blk, s->arena + mark, s->arena_cap - mark, &der_len));
            s->arena_used += der_len;
            rc = tern_trust_store_add_der(s, s->arena + mark, der_len);
            if (rc != TERN_OK) {
                s->arena_used = mark;
                return rc;
            }
        }
        n++;
        if (added != NULL) {
            *added = n;
        }
    }
    TERN_ENSURE(n > 0, TERN_ERR_NOT_FOUND);
    return TERN_OK;
}

/* see include/tern/x509.h */
int tern_trust_store_add_pem(tern_trust_store *store, const char *pem, size_t len, size_t *added)
{
    TERN_ENSURE(store_ok(store), TERN_ERR_BAD_ARG);
    TERN_ENSURE(pem != NULL || len == 0, TERN_ERR_NULL_POINTER);
    if (added != NULL) {
        *added = 0;
    }
    return add_pem(store, pem, len, NULL, added);
}

/* see include/tern/x509.h */
int tern_trust_store_add_pem_inplace(tern_trust_store *store, char *pem, size_t len, size_t *added)
{
    TERN_ENSURE(store_ok(store), TERN_ERR_BAD_ARG);
    TERN_ENSURE(pem != NULL || len == 0, TERN_ERR_NULL_POINTER);
    if (added != NULL) {
        *added = 0;
    }
    return add_pem(store, pem, len, pem, added);
}

/* see include/tern/x509.h */
int tern_trust_store_add_revoked(tern_trust_store *store, const uint8_t *der, size_t len)
{
    tern_x509_cert c;
    tern_x509_entry e;
    int rc;

    TERN_ENSURE(store_ok(store), TERN_ERR_BAD_ARG);
    TERN_ENSURE(der != NULL, TERN_ERR_NULL_POINTER);
    /* a revoked certificate with an unknown critical extension is still
     * identified by its issuer and serial */
    rc = tern_x509_parse(der, len, &c);
    TERN_ENSURE(rc == TERN_OK || rc == TERN_ERR_CERT_UNKNOWN_CRITICAL, rc);
    memset(&e, 0, sizeof(e));
    e.type = TERN_X509_ENTRY_REVOKED;
    e.der = der;
    e.len = len;
    e.name = c.issuer.p;
    e.name_len = c.issuer.len;
    e.aux = c.serial.p;
    e.aux_len = c.serial.len;
    return push(store, &e);
}

/* see include/tern/x509.h */
int tern_trust_store_add_revoked_serial(tern_trust_store *store, const uint8_t *issuer,
                                        size_t issuer_len, const uint8_t *serial, size_t serial_len)
{
    tern_x509_entry e;

    TERN_ENSURE(store_ok(store), TERN_ERR_BAD_ARG);
    TERN_ENSURE(issuer != NULL && serial != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(tern_x509_check_name(issuer, issuer_len) == TERN_OK, TERN_ERR_CERT_PARSE);
    /* the INTEGER contents: minimal two's complement */
    {
        tern_der_elem el;
        el.raw = serial;
        el.raw_len = serial_len;
        el.val = serial;
        el.len = serial_len;
        el.tag = TERN_DER_INTEGER;
        TERN_ENSURE(tern_der_decode_integer(&el) == TERN_OK, TERN_ERR_BAD_ARG);
    }
    memset(&e, 0, sizeof(e));
    e.type = TERN_X509_ENTRY_REVOKED;
    e.name = issuer;
    e.name_len = issuer_len;
    e.aux = serial;
    e.aux_len = serial_len;
    return push(store, &e);
}

/* see include/tern/x509.h */
int tern_trust_store_add_crl(tern_trust_store *store, const uint8_t *der, size_t len)
{
    tern_x509_crl crl;
    tern_x509_entry e;
    int rc;

    TERN_ENSURE(store_ok(store), TERN_ERR_BAD_ARG);
    TERN_ENSURE(der != NULL, TERN_ERR_NULL_POINTER);
    rc = tern_x509_crl_parse(der, len, &crl);
    TERN_ENSURE(rc == TERN_OK || rc == TERN_ERR_CERT_UNKNOWN_CRITICAL, TERN_ERR_CERT_PARSE);
    TERN_TRY(rc);
    memset(&e, 0, sizeof(e));
    e.type = TERN_X509_ENTRY_CRL;
    e.der = der;
    e.len = len;
    e.name = crl.issuer.p;
    e.name_len = crl.issuer.len;
    return push(store, &e);
}

/* see include/tern/x509.h */
int tern_trust_store_add_crl_copy(tern_trust_store *store, const uint8_t *der, size_t len)
{
    const uint8_t *copy;
    size_t mark;
    int rc;

    TERN_ENSURE(store_ok(store), TERN_ERR_BAD_ARG);
    TERN_ENSURE(der != NULL, TERN_ERR_NULL_POINTER);
    mark = store->arena_used;
    TERN_TRY(arena_copy(store, der, len, &copy));
    rc = tern_trust_store_add_crl(store, copy, len);
    if (rc != TERN_OK) {
        store->arena_used = mark;
    }
    return rc;
}

/* see include/tern/x509.h */
int tern_trust_store_get(const tern_trust_store *store, size_t i, const uint8_t **der, size_t *len)
{
    size_t k, n = 0;

    TERN_ENSURE(store_ok(store), TERN_ERR_BAD_ARG);
    TERN_ENSURE(der != NULL && len != NULL, TERN_ERR_NULL_POINTER);
    for (k = 0; k < store->count; k++) {
        const tern_x509_entry *e = tern_x509_store_entry(store, k);
        if (e->type != TERN_X509_ENTRY_ANCHOR) {
            continue;
        }
        if (n++ == i) {
            *der = e->der;
            *len = e->len;
            return TERN_OK;
        }
    }
    return TERN_ERR_NOT_FOUND;
}
