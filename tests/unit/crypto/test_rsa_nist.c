/*
 * RSA against the NIST CAVP FIPS 186-3 files: PKCS#1 v1.5 and PSS
 * verification (SigVer15, SigVerPSS: Result P must verify, F must not)
 * and signing (SigGen15 exactly; SigGenPSS exactly with the given salt,
 * through tern_rsa_pss_sign_salt). The SigGen files give n, e and d; the
 * CRT key is derived by factoring n (rsa_test_util.h).
 */
#include <stdlib.h>
#include <string.h>

#include "rsa_test_util.h"
#include "tern/rsa.h"
#include "tern_test.h"
#include "tv.h"

/* Hex field of the bag. CAVP prints some values as integers without
 * their leading zero digit (an odd number of digits: 17 Msg, 17 S and
 * 24 e values in SigVer15), so a '0' is put in front of those. */
static int field_hex(const tv_fields *f, const char *name, uint8_t **out, size_t *len)
{
    const char *v = tv_fields_get(f, name);
    char *padded;
    size_t n;
    int rc;

    if (v == NULL) {
        return -1;
    }
    n = strlen(v);
    if (n % 2 == 0) {
        return tv_hex(v, out, len);
    }
    padded = (char *)malloc(n + 2);
    if (padded == NULL) {
        return -1;
    }
    padded[0] = '0';
    memcpy(padded + 1, v, n + 1);
    rc = tv_hex(padded, out, len);
    free(padded);
    return rc;
}

static void run_sigver(const char *file, int pss)
{
    tv_counts c;
    tv_kv kv;
    tv_fields f = {0};
    tv_kv_event ev;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vectors");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        uint8_t *n = NULL, *e = NULL, *msg = NULL, *sig = NULL, *salt = NULL;
        size_t n_len, e_len, msg_len, sig_len, salt_len = 0;
        uint8_t digest[TERN_HASH_MAX_DIGEST];
        const tern_hash_class *hash;
        const char *result;
        test_rsa_key key;
        char id[32];
        int rc, expect;

        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, "Result") != 0) {
            continue;
        }
        snprintf(id, sizeof(id), "line %d", kv.line);
        result = kv.value;
        expect = result[0] == 'P';
        hash = test_hash_by_name(tv_fields_get(&f, "SHAAlg"));
        if (hash == NULL) {
            tv_skip(&c, "hash not implemented by tern");
            continue;
        }
        trk_init(&key);
        if (field_hex(&f, "n", &n, &n_len) == 0 && test_n_too_big(n, n_len)) {
            tv_skip(&c, TOO_BIG_REASON);
        } else if (n == NULL || field_hex(&f, "e", &e, &e_len) != 0 ||
                   field_hex(&f, "Msg", &msg, &msg_len) != 0 ||
                   field_hex(&f, "S", &sig, &sig_len) != 0 ||
                   (pss && field_hex(&f, "SaltVal", &salt, &salt_len) != 0) ||
                   trk_public(&key, n, n_len, e, e_len) != 0) {
            tv_fail(&c, id, "bad fields");
        } else {
            if (pss && salt_len == 1 && salt[0] == 0) {
                salt_len = 0; /* "SaltVal = 00": no salt */
            }
            tern_hash(hash, msg, msg_len, digest);
            if (pss) {
                rc = tern_rsa_pss_verify(&key.pub, hash, hash, salt_len, digest, hash->digest_len,
                                         sig, sig_len);
            } else {
                rc = tern_rsa_pkcs1_verify(&key.pub, hash, digest, hash->digest_len, sig, sig_len);
            }
            if (rc != TERN_OK && rc != TERN_ERR_BAD_SIGNATURE) {
                tv_fail(&c, id, "unexpected error code");
            } else {
                tv_check(&c, (rc == TERN_OK) == expect, id,
                         expect ? "valid signature rejected" : "invalid signature accepted");
            }
        }
        trk_free(&key);
        free(n);
        free(e);
        free(msg);
        free(sig);
        free(salt);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    EXPECT_TRUE(test_counts_ok(&c));
}

static void test_sigver15(void)
{
    run_sigver("nist/rsa/SigVer15_186-3.rsp", 0);
}

static void test_sigver_pss(void)
{
    run_sigver("nist/rsa/SigVerPSS_186-3.rsp", 1);
}

static void run_siggen(const char *file, int pss)
{
    tv_counts c;
    tv_kv kv;
    tv_fields f = {0};
    tv_kv_event ev;
    test_rsa_key key;
    int have_key = 0, key_ok = 0, too_big = 0;
    test_rng rng;

    tv_counts_init(&c, file);
    test_rng_init(&rng, 7);
    trk_init(&key);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vectors");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        uint8_t *msg = NULL, *sig = NULL, *salt = NULL;
        size_t msg_len, sig_len, salt_len = 0, out_len = TERN_RSA_MAX_LEN;
        uint8_t digest[TERN_HASH_MAX_DIGEST], out[TERN_RSA_MAX_LEN];
        const tern_hash_class *hash;
        char id[32];
        int rc;

        if (ev == TV_KV_SECTION) {
            have_key = 0; /* a new modulus follows */
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, pss ? "SaltVal" : "S") != 0) {
            continue;
        }
        snprintf(id, sizeof(id), "line %d", kv.line);
        if (!have_key) {
            uint8_t *n = NULL, *e = NULL, *d = NULL;
            size_t n_len, e_len, d_len;
            trk_free(&key);
            too_big = field_hex(&f, "n", &n, &n_len) == 0 && test_n_too_big(n, n_len);
            key_ok = !too_big && field_hex(&f, "e", &e, &e_len) == 0 &&
                     field_hex(&f, "d", &d, &d_len) == 0 &&
                     trk_from_ned(&key, n, n_len, e, e_len, d, d_len) == 0;
            have_key = 1;
            free(n);
            free(e);
            free(d);
        }
        hash = test_hash_by_name(tv_fields_get(&f, "SHAAlg"));
        if (hash == NULL) {
            tv_skip(&c, "hash not implemented by tern");
            continue;
        }
        if (too_big) {
            tv_skip(&c, TOO_BIG_REASON);
            continue;
        }
        if (!key_ok || field_hex(&f, "Msg", &msg, &msg_len) != 0 ||
            field_hex(&f, "S", &sig, &sig_len) != 0 ||
            (pss && field_hex(&f, "SaltVal", &salt, &salt_len) != 0)) {
            tv_fail(&c, id, "bad key or fields");
        } else {
            tern_hash(hash, msg, msg_len, digest);
            if (pss) {
                rc = tern_rsa_pss_sign_salt(&key.priv, &rng.vtable, hash, salt, salt_len, digest,
                                            hash->digest_len, out, &out_len);
            } else {
                rc = tern_rsa_pkcs1_sign(&key.priv, &rng.vtable, hash, digest, hash->digest_len,
                                         out, &out_len);
            }
            tv_check(&c, rc == TERN_OK && out_len == sig_len && memcmp(out, sig, sig_len) == 0, id,
                     "signature differs");
        }
        free(msg);
        free(sig);
        free(salt);
    }
    trk_free(&key);
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    EXPECT_TRUE(test_counts_ok(&c));
}

static void test_siggen15(void)
{
    run_siggen("nist/rsa/SigGen15_186-3.txt", 0);
}

static void test_siggen_pss(void)
{
    run_siggen("nist/rsa/SigGenPSS_186-3.txt", 1);
}

int main(void)
{
    RUN_TEST(test_sigver15);
    RUN_TEST(test_sigver_pss);
    RUN_TEST(test_siggen15);
    RUN_TEST(test_siggen_pss);
    return TEST_REPORT();
}
