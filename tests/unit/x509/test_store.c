/*
 * Trust store: layout and capacity, anchors by pointer and by copy, PEM
 * bundles with text, keys and junk between the certificates (in place and
 * into the storage area), malformed input, lookups, tern_x509_cert_pubkey.
 */
#if !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE 1 /* mkdtemp */
#endif
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "tern/keys.h"
#include "x509_test_util.h"

static uint64_t mem[TERN_TRUST_STORE_SIZE(8) / 8 + 1];
static uint8_t arena[16384];

static void verify_with(const tern_trust_store *s, const char *leaf, int expect)
{
    tern_x509_policy p;
    xt_chain c;
    char name[128];

    memset(&c, 0, sizeof(c));
    snprintf(name, sizeof(name), "%s.der", leaf);
    xt_chain_add(&c, name);
    xt_chain_add(&c, "int-ca.der");
    tern_x509_policy_init(&p);
    p.now = XT_NOW;
    EXPECT_ERR(expect, tern_x509_verify_chain(s, &p, c.certs, c.lens, c.n, "localhost", NULL));
    xt_chain_free(&c);
}

static void test_layout(void)
{
    tern_trust_store *s;
    uint8_t *root;
    size_t len, i;
    const uint8_t *der;
    size_t dlen;

    EXPECT_TRUE(TERN_TRUST_STORE_SIZE(8) <= sizeof(mem));
    EXPECT_ERR(TERN_ERR_NULL_POINTER, tern_trust_store_init(NULL, mem, sizeof(mem), 8));
    EXPECT_ERR(TERN_ERR_NULL_POINTER, tern_trust_store_init(&s, NULL, sizeof(mem), 8));
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
               tern_trust_store_init(&s, mem, TERN_TRUST_STORE_SIZE(8) - 1, 8));
    EXPECT_OK(tern_trust_store_init(&s, mem, TERN_TRUST_STORE_SIZE(2), 2));
    EXPECT_EQ_U(tern_trust_store_count(s), 0);
    EXPECT_EQ_U(tern_trust_store_count(NULL), 0);
    root = xt_read("root-ca.der", &len);
    EXPECT_OK(tern_trust_store_add_der(s, root, len));
    EXPECT_OK(tern_trust_store_add_der(s, root, len));
    EXPECT_ERR(TERN_ERR_FULL, tern_trust_store_add_der(s, root, len));
    EXPECT_EQ_U(tern_trust_store_count(s), 2);
    for (i = 0; i < 2; i++) {
        EXPECT_OK(tern_trust_store_get(s, i, &der, &dlen));
        EXPECT_TRUE(der == root); /* kept by pointer */
        EXPECT_EQ_U(dlen, len);
    }
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_trust_store_get(s, 2, &der, &dlen));
    /* not a store */
    memset(mem, 0, sizeof(mem));
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_trust_store_add_der((tern_trust_store *)(void *)mem, root, len));
    free(root);
}

static void test_add_der(void)
{
    tern_trust_store *s;
    uint8_t *root, *key;
    size_t len, klen, i;
    int rc;

    root = xt_read("root-ca.der", &len);
    key = xt_read("root-ca.key.der", &klen);
    EXPECT_OK(tern_trust_store_init(&s, mem, sizeof(mem), 8));
    /* not certificates */
    EXPECT_ERR(TERN_ERR_CERT_PARSE, tern_trust_store_add_der(s, key, klen));
    EXPECT_ERR(TERN_ERR_CERT_PARSE, tern_trust_store_add_der(s, root, 0));
    EXPECT_ERR(TERN_ERR_NULL_POINTER, tern_trust_store_add_der(s, NULL, 5));
    /* every truncation, and trailing bytes */
    for (i = 0; i < len; i++) {
        rc = tern_trust_store_add_der(s, root, i);
        if (rc != TERN_ERR_CERT_PARSE) {
            EXPECT_ERR(TERN_ERR_CERT_PARSE, rc);
            break;
        }
    }
    {
        uint8_t *longer = (uint8_t *)malloc(len + 1);
        memcpy(longer, root, len);
        longer[len] = 0;
        EXPECT_ERR(TERN_ERR_CERT_PARSE, tern_trust_store_add_der(s, longer, len + 1));
        free(longer);
    }
    EXPECT_EQ_U(tern_trust_store_count(s), 0);
    verify_with(s, "server-p256", TERN_ERR_CERT_NOT_TRUSTED);

    /* a copy survives the caller's buffer */
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_trust_store_add_der_copy(s, root, len));
    EXPECT_OK(tern_trust_store_set_storage(s, arena, len - 1));
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_trust_store_add_der_copy(s, root, len));
    EXPECT_OK(tern_trust_store_set_storage(s, arena, sizeof(arena)));
    EXPECT_OK(tern_trust_store_add_der_copy(s, root, len));
    memset(root, 0, len);
    verify_with(s, "server-p256", TERN_OK);
    free(root);
    free(key);
}

/* A bundle as users paste them: comments, Bag Attributes, a key and
 * blank lines around and between the certificates, CRLF line ends. */
static char *make_bundle(size_t *out_len)
{
    uint8_t *a, *b, *k;
    size_t la, lb, lk, n;
    char *buf;

    a = xt_read("other-root.pem", &la);
    b = xt_read("root-ca.pem", &lb);
    k = xt_read("root-ca.key.pem", &lk);
    buf = (char *)malloc(la + lb + lk + 1024);
    n = (size_t)sprintf(buf, "# tern test bundle\r\nsubject=/CN=whatever\r\n\r\n");
    memcpy(buf + n, a, la);
    n += la;
    n += (size_t)sprintf(buf + n, "Bag Attributes\n    friendlyName: x\n\n");
    memcpy(buf + n, k, lk);
    n += lk;
    n += (size_t)sprintf(buf + n, "random junk -- not a boundary\n");
    memcpy(buf + n, b, lb);
    n += lb;
    n += (size_t)sprintf(buf + n, "trailing text without newline");
    free(a);
    free(b);
    free(k);
    *out_len = n;
    return buf;
}

static void test_add_pem(void)
{
    tern_trust_store *s;
    char *bundle;
    size_t len, added;

    bundle = make_bundle(&len);
    EXPECT_OK(tern_trust_store_init(&s, mem, sizeof(mem), 8));
    /* no storage area: nothing can be copied */
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_trust_store_add_pem(s, bundle, len, &added));
    EXPECT_EQ_U(added, 0);
    EXPECT_OK(tern_trust_store_set_storage(s, arena, sizeof(arena)));
    EXPECT_OK(tern_trust_store_add_pem(s, bundle, len, &added));
    EXPECT_EQ_U(added, 2);
    EXPECT_EQ_U(tern_trust_store_count(s), 2);
    memset(bundle, 'x', len); /* copies are independent of the text */
    verify_with(s, "server-p256", TERN_OK);
    free(bundle);

    /* in place: the DER lands inside the caller's text */
    bundle = make_bundle(&len);
    EXPECT_OK(tern_trust_store_init(&s, mem, sizeof(mem), 8));
    EXPECT_OK(tern_trust_store_add_pem_inplace(s, bundle, len, &added));
    EXPECT_EQ_U(added, 2);
    {
        const uint8_t *der;
        size_t dlen;
        EXPECT_OK(tern_trust_store_get(s, 1, &der, &dlen));
        EXPECT_TRUE(der > (const uint8_t *)bundle && der < (const uint8_t *)bundle + len);
    }
    verify_with(s, "server-p256", TERN_OK);
    free(bundle);

    /* no certificate at all; a damaged block */
    {
        static const char none[] = "just text\n-----BEGIN PUBLIC KEY-----\n"
                                   "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
                                   "-----END PUBLIC KEY-----\n";
        static const char damaged[] = "-----BEGIN CERTIFICATE-----\nMIIB!!!!\n"
                                      "-----END CERTIFICATE-----\n";
        static const char unterminated[] = "-----BEGIN CERTIFICATE-----\nMIIB\n";
        static const char not_der[] = "-----BEGIN CERTIFICATE-----\nAAAA\n"
                                      "-----END CERTIFICATE-----\n";
        EXPECT_OK(tern_trust_store_init(&s, mem, sizeof(mem), 8));
        EXPECT_OK(tern_trust_store_set_storage(s, arena, sizeof(arena)));
        EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_trust_store_add_pem(s, none, sizeof(none), &added));
        EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_trust_store_add_pem(s, "", 0, &added));
        EXPECT_ERR(TERN_ERR_PEM, tern_trust_store_add_pem(s, damaged, sizeof(damaged), &added));
        EXPECT_ERR(TERN_ERR_PEM,
                   tern_trust_store_add_pem(s, unterminated, sizeof(unterminated), &added));
        EXPECT_ERR(TERN_ERR_CERT_PARSE,
                   tern_trust_store_add_pem(s, not_der, sizeof(not_der), &added));
        EXPECT_EQ_U(tern_trust_store_count(s), 0);
    }
}

static void test_cert_pubkey(void)
{
    static const struct {
        const char *file;
        int type;
        size_t bits;
    } cases[] = {{"root-ca.der", TERN_KEY_EC, 384},
                 {"server-p256.der", TERN_KEY_EC, 256},
                 {"server-rsa2048.der", TERN_KEY_RSA, 2048}};
    tern_pubkey k;
    size_t i, len;
    uint8_t *der;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        der = xt_read(cases[i].file, &len);
        EXPECT_OK(tern_x509_cert_pubkey(der, len, &k));
        EXPECT_EQ(k.type, cases[i].type);
        EXPECT_EQ_U(tern_pubkey_bits(&k), cases[i].bits);
        EXPECT_TRUE(k.type != TERN_KEY_EC || (k.u.ec.q > der && k.u.ec.q < der + len));
        EXPECT_ERR(TERN_ERR_CERT_PARSE, tern_x509_cert_pubkey(der, len - 1, &k));
        EXPECT_ERR(TERN_ERR_NULL_POINTER, tern_x509_cert_pubkey(der, len, NULL));
        free(der);
    }
}

#if TERN_CONFIG_PLATFORM_POSIX
static void write_file(const char *dir, const char *name, const void *p, size_t len)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    EXPECT_TRUE(f != NULL);
    if (f != NULL) {
        EXPECT_EQ_U(fwrite(p, 1, len, f), len);
        fclose(f);
    }
}

/* Files and directories: a PEM bundle with junk, a DER file, a duplicate,
 * a non-certificate file; storage limits. */
static void test_files(void)
{
    char dir[] = "/tmp/tern-x509-store-XXXXXX";
    char path[512];
    tern_trust_store *s;
    char *bundle;
    uint8_t *root, *int_der;
    size_t blen, rlen, ilen, added;

    EXPECT_TRUE(mkdtemp(dir) != NULL);
    bundle = make_bundle(&blen); /* other-root + root-ca + a key */
    root = xt_read("root-ca.der", &rlen);
    int_der = xt_read("int-ca.der", &ilen);
    write_file(dir, "bundle.pem", bundle, blen);
    write_file(dir, "int.der", int_der, ilen);
    write_file(dir, "root-again.der", root, rlen); /* duplicate of the bundle's */
    write_file(dir, "README", "not a certificate\n", 18);

    /* one file */
    EXPECT_OK(tern_trust_store_init(&s, mem, sizeof(mem), 8));
    snprintf(path, sizeof(path), "%s/bundle.pem", dir);
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_trust_store_add_file(s, path, &added));
    EXPECT_OK(tern_trust_store_set_storage(s, arena, blen)); /* exactly the file */
    EXPECT_OK(tern_trust_store_add_file(s, path, &added));
    EXPECT_EQ_U(added, 2);
    verify_with(s, "server-p256", TERN_OK);
    /* nothing new the second time (the text needs room again: a new
     * area, the copies of the first stay where they are) */
    EXPECT_OK(tern_trust_store_set_storage(s, arena + blen, sizeof(arena) - blen));
    EXPECT_OK(tern_trust_store_add_file(s, path, &added));
    EXPECT_EQ_U(added, 0);
    snprintf(path, sizeof(path), "%s/README", dir);
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_trust_store_add_file(s, path, &added));
    snprintf(path, sizeof(path), "%s/missing.pem", dir);
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_trust_store_add_file(s, path, &added));
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_trust_store_add_file(s, dir, &added)); /* a directory */

    /* the directory: 3 distinct certificates */
    EXPECT_OK(tern_trust_store_init(&s, mem, sizeof(mem), 8));
    EXPECT_OK(tern_trust_store_set_storage(s, arena, sizeof(arena)));
    EXPECT_OK(tern_trust_store_add_dir(s, dir, &added));
    EXPECT_EQ_U(added, 3);
    EXPECT_EQ_U(tern_trust_store_count(s), 3);
    verify_with(s, "server-p256", TERN_OK);
    /* a store too small stops the walk */
    EXPECT_OK(tern_trust_store_init(&s, mem, sizeof(mem), 2));
    EXPECT_OK(tern_trust_store_set_storage(s, arena, sizeof(arena)));
    EXPECT_ERR(TERN_ERR_FULL, tern_trust_store_add_dir(s, dir, &added));
    EXPECT_EQ_U(added, 2);
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_trust_store_add_dir(s, "/nonexistent-tern", &added));

    /* the system's store, where there is one */
    if (access("/etc/ssl/certs", R_OK) == 0) {
        static uint8_t big_arena[1 << 20];
        static uint64_t big_mem[TERN_TRUST_STORE_SIZE(512) / 8 + 1];
        EXPECT_OK(tern_trust_store_init(&s, big_mem, sizeof(big_mem), 512));
        EXPECT_OK(tern_trust_store_set_storage(s, big_arena, sizeof(big_arena)));
        added = 0;
        (void)!tern_trust_store_add_dir(s, "/etc/ssl/certs", &added);
        printf("system store: %zu anchors\n", added);
    }

    snprintf(path, sizeof(path), "%s/bundle.pem", dir);
    remove(path);
    snprintf(path, sizeof(path), "%s/int.der", dir);
    remove(path);
    snprintf(path, sizeof(path), "%s/root-again.der", dir);
    remove(path);
    snprintf(path, sizeof(path), "%s/README", dir);
    remove(path);
    rmdir(dir);
    free(bundle);
    free(root);
    free(int_der);
}
#endif

int main(void)
{
    RUN_TEST(test_layout);
    RUN_TEST(test_add_der);
    RUN_TEST(test_add_pem);
    RUN_TEST(test_cert_pubkey);
#if TERN_CONFIG_PLATFORM_POSIX
    RUN_TEST(test_files);
#endif
    return TEST_REPORT();
}
