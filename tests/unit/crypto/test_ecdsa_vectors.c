/*
 * ECDSA P-256 / P-384 known answers: Botan's RFC 6979 vectors (exact
 * deterministic signatures through tern_ecdsa_sign), Wycheproof verify
 * files (DER and IEEE P1363), NIST CAVP SigGen (given nonce) and SigVer,
 * Botan's verify and invalid-key files.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/ecc/ecdsa_internal.h"
#include "ec_test_util.h"
#include "tern/ec.h"
#include "tern/hash.h"
#include "tern_test.h"
#include "tv.h"

/* A hash class by the name the vector files use ("SHA-256"), NULL if
 * unknown or compiled out. */
static const tern_hash_class *hash_by_name(const char *name)
{
    if (name == NULL) {
        return NULL;
    }
#if TERN_CONFIG_SHA1
    if (strcmp(name, "SHA-1") == 0 || strcmp(name, "SHA1") == 0) {
        return &tern_sha1_class;
    }
#endif
    if (strcmp(name, "SHA-224") == 0) {
        return &tern_sha224_class;
    }
    if (strcmp(name, "SHA-256") == 0) {
        return &tern_sha256_class;
    }
    if (strcmp(name, "SHA-384") == 0) {
        return &tern_sha384_class;
    }
    if (strcmp(name, "SHA-512") == 0) {
        return &tern_sha512_class;
    }
    return NULL;
}

/* The signature class that hashes with h, or NULL (SHA-224 has none). */
static const tern_sig_class *class_for(const tern_hash_class *h)
{
    if (h == &tern_sha256_class) {
        return &tern_sig_ecdsa_sha256;
    }
    if (h == &tern_sha384_class) {
        return &tern_sig_ecdsa_sha384;
    }
    if (h == &tern_sha512_class) {
        return &tern_sig_ecdsa_sha512;
    }
#if TERN_CONFIG_SHA1
    if (h == &tern_sha1_class) {
        return &tern_sig_ecdsa_sha1;
    }
#endif
    return NULL;
}

/* Botan pubkey/ecdsa_rfc6979.vec: Group, X (private key, 0x-hex or
 * decimal), Msg, Hash, Signature (r || s). "Raw(H)" means Msg is already
 * the digest and H is the RFC 6979 hash. Each case is signed with
 * tern_ecdsa_sign (no rng: deterministic) in both formats, and the
 * signature must verify. */
static void test_botan_rfc6979(void)
{
    const char *file = "botan/pubkey/ecdsa_rfc6979.vec";
    tv_counts c;
    tv_kv kv;
    tv_fields f = {0};
    tv_kv_event ev;
    int n = 0;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vectors");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev == TV_KV_SECTION) {
            tv_fields_clear(&f);
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, "Signature") != 0) {
            continue;
        }
        n++;
        {
            uint16_t curve = ect_group(tv_fields_get(&f, "Group"));
            const char *hname = tv_fields_get(&f, "Hash");
            const tern_hash_class *h;
            int raw_in = 0;
            size_t len = tern_ec_curve_len(curve);
            uint8_t d[TERN_EC_MAX_LEN], q[TERN_EC_MAX_POINT_LEN], dg[TERN_HASH_MAX_DIGEST];
            uint8_t expect[TERN_ECDSA_MAX_RAW_LEN], sig[TERN_ECDSA_MAX_RAW_LEN];
            uint8_t der[TERN_ECDSA_MAX_DER_LEN], der2[TERN_ECDSA_MAX_DER_LEN];
            uint8_t *msg = NULL;
            size_t msg_len = 0, sig_len, der_len, der2_len;
            char name[64];
            char id[300];
            int ok;

            snprintf(id, sizeof(id), "#%d %s %s", n, tv_fields_get(&f, "Group"),
                     hname != NULL ? hname : "?");
            if (curve == 0) {
                tv_skip(&c, "curve other than P-256/P-384 (P-192/224/521, brainpool, secp160r1, "
                            "frp256v1) or compiled out");
                continue;
            }
            if (hname != NULL && strcmp(hname, "Raw") == 0) {
                tv_skip(&c, "Hash = Raw: the RFC 6979 hash is not named (Botan's default); "
                            "tern_ecdsa_sign needs the hash whose digest is signed");
                continue;
            }
            if (hname != NULL && strncmp(hname, "Raw(", 4) == 0) {
                size_t l = strlen(hname + 4);
                if (l == 0 || l >= sizeof(name) || hname[4 + l - 1] != ')') {
                    tv_fail(&c, id, "bad Hash field");
                    continue;
                }
                memcpy(name, hname + 4, l - 1);
                name[l - 1] = '\0';
                raw_in = 1;
            } else {
                snprintf(name, sizeof(name), "%s", hname != NULL ? hname : "");
            }
            h = hash_by_name(name);
            if (h == NULL) {
                tv_skip(&c, "hash compiled out or unknown");
                continue;
            }
            if (ect_num(tv_fields_get(&f, "X"), d, len) != 0 ||
                tv_hex(tv_fields_get(&f, "Msg"), &msg, &msg_len) != 0 ||
                tv_hex_fixed(kv.value, expect, 2 * len) != 0) {
                tv_fail(&c, id, "bad fields");
                free(msg);
                continue;
            }
            if (raw_in) {
                ok = msg_len == h->digest_len;
                if (ok) {
                    memcpy(dg, msg, msg_len);
                }
            } else {
                tern_hash(h, msg, msg_len, dg);
                ok = 1;
            }
            /* raw form, exact */
            sig_len = sizeof(sig);
            ok = ok && tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len, NULL, TERN_ECDSA_RAW,
                                       sig, &sig_len) == TERN_OK;
            ok = ok && sig_len == 2 * len && memcmp(sig, expect, 2 * len) == 0;
            /* DER form: the same r, s */
            der_len = sizeof(der);
            der2_len = sizeof(der2);
            ok = ok && tern_ecdsa_sign(curve, d, len, h, dg, h->digest_len, NULL, TERN_ECDSA_DER,
                                       der, &der_len) == TERN_OK;
            ok = ok && tern_ecdsa_raw_to_der(curve, expect, 2 * len, der2, &der2_len) == TERN_OK &&
                 der_len == der2_len && memcmp(der, der2, der_len) == 0;
            /* and it verifies */
            ok = ok && tern_ec_public_from_private(curve, d, len, q) == TERN_OK &&
                 tern_ecdsa_verify(curve, q, 1 + 2 * len, dg, h->digest_len, sig, sig_len,
                                   TERN_ECDSA_RAW) == TERN_OK &&
                 tern_ecdsa_verify(curve, q, 1 + 2 * len, dg, h->digest_len, der, der_len,
                                   TERN_ECDSA_DER) == TERN_OK;
            tv_check(&c, ok, id, "signature mismatch");
            free(msg);
        }
    }
    tv_kv_close(&kv);
    tv_fields_clear(&f);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

/* In the slow builds (ECT_SLOW: the 32-bit twin, sanitizers) the class
 * repeats the verification of every fourth Wycheproof case only. */
#define CLASS_EVERY (ECT_SLOW ? 4 : 1)

/* Wycheproof ECDSA verify (ecdsa_verify_schema_v1 / ecdsa_p1363_verify):
 * group publicKey.uncompressed and sha; test msg, sig. The files have no
 * "acceptable" case; any would be rejected here (strict DER, RFC 5480
 * 2.2.3) and counted as passing only if rejected. For the DER files the
 * class with the group's hash is run too and must agree (see CLASS_EVERY). */
static void run_wycheproof(const char *file, uint16_t file_curve, int format)
{
    tv_counts c;
    cJSON *root;
    const cJSON *group, *test;

    if (tern_ec_curve_len(file_curve) == 0) {
        TEST_SKIP("curve compiled out");
    }
    root = tv_json_load(file);
    tv_counts_init(&c, file);
    if (root == NULL) {
        TEST_FAIL("cannot load vectors");
        return;
    }
    cJSON_ArrayForEach(group, cJSON_GetObjectItemCaseSensitive(root, "testGroups"))
    {
        const cJSON *pk = cJSON_GetObjectItemCaseSensitive(group, "publicKey");
        uint16_t curve = ect_group(tv_json_str(pk, "curve"));
        const tern_hash_class *h = hash_by_name(tv_json_str(group, "sha"));
        uint8_t *q = NULL;
        size_t q_len = 0;
        int have_q = tv_json_hex(pk, "uncompressed", &q, &q_len) == 0;

        cJSON_ArrayForEach(test, cJSON_GetObjectItemCaseSensitive(group, "tests"))
        {
            uint8_t *msg = NULL, *sig = NULL;
            size_t msg_len, sig_len;
            uint8_t dg[TERN_HASH_MAX_DIGEST];
            const char *result = tv_json_str(test, "result");
            int valid = strcmp(result, "valid") == 0;
            int rc, ok;
            char id[300];

            snprintf(id, sizeof(id), "tcId %ld", tv_json_int(test, "tcId", -1));
            if (curve != file_curve || h == NULL) {
                tv_skip(&c, "curve or hash other than the file's, or compiled out");
                continue;
            }
            if (!have_q || tv_json_hex(test, "msg", &msg, &msg_len) != 0 ||
                tv_json_hex(test, "sig", &sig, &sig_len) != 0) {
                tv_fail(&c, id, "bad hex");
                free(msg);
                free(sig);
                continue;
            }
            tern_hash(h, msg, msg_len, dg);
            rc = tern_ecdsa_verify(curve, q, q_len, dg, h->digest_len, sig, sig_len, format);
            ok = valid ? rc == TERN_OK : rc == TERN_ERR_BAD_SIGNATURE;
            if (format == TERN_ECDSA_DER && class_for(h) != NULL &&
                tv_json_int(test, "tcId", 0) % CLASS_EVERY == 0) {
                const tern_sig_class *cls = class_for(h);
                tern_pubkey key;
                int rc2;
                key.type = TERN_KEY_EC;
                key.u.ec.curve = curve;
                key.u.ec.q = q;
                key.u.ec.q_len = q_len;
                rc2 = cls->verify(cls, &key, msg, msg_len, sig, sig_len);
                ok = ok && (valid ? rc2 == TERN_OK : rc2 == TERN_ERR_BAD_SIGNATURE);
            }
            tv_check(&c, ok, id, valid ? "valid case failed" : "invalid case accepted");
            free(msg);
            free(sig);
        }
        free(q);
    }
    cJSON_Delete(root);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

static void test_wycheproof_p256_sha256(void)
{
    run_wycheproof("wycheproof/ecdsa_secp256r1_sha256_test.json", TERN_GROUP_SECP256R1,
                   TERN_ECDSA_DER);
}

static void test_wycheproof_p256_sha256_p1363(void)
{
    run_wycheproof("wycheproof/ecdsa_secp256r1_sha256_p1363_test.json", TERN_GROUP_SECP256R1,
                   TERN_ECDSA_RAW);
}

static void test_wycheproof_p256_sha512(void)
{
    run_wycheproof("wycheproof/ecdsa_secp256r1_sha512_test.json", TERN_GROUP_SECP256R1,
                   TERN_ECDSA_DER);
}

static void test_wycheproof_p384_sha256(void)
{
    run_wycheproof("wycheproof/ecdsa_secp384r1_sha256_test.json", TERN_GROUP_SECP384R1,
                   TERN_ECDSA_DER);
}

static void test_wycheproof_p384_sha384(void)
{
    run_wycheproof("wycheproof/ecdsa_secp384r1_sha384_test.json", TERN_GROUP_SECP384R1,
                   TERN_ECDSA_DER);
}

static void test_wycheproof_p384_sha384_p1363(void)
{
    run_wycheproof("wycheproof/ecdsa_secp384r1_sha384_p1363_test.json", TERN_GROUP_SECP384R1,
                   TERN_ECDSA_RAW);
}

static void test_wycheproof_p384_sha512(void)
{
    run_wycheproof("wycheproof/ecdsa_secp384r1_sha512_test.json", TERN_GROUP_SECP384R1,
                   TERN_ECDSA_DER);
}

/* "[P-256,SHA-384]" -> curve and hash (0 / NULL if not ours). */
static void nist_section(const char *sec, uint16_t *curve, const tern_hash_class **h)
{
    char cname[16];
    const char *comma = strchr(sec, ',');
    size_t l = comma != NULL ? (size_t)(comma - sec) : 0;

    *curve = 0;
    *h = NULL;
    if (comma == NULL || l >= sizeof(cname)) {
        return;
    }
    memcpy(cname, sec, l);
    cname[l] = '\0';
    *curve = ect_group(cname);
    *h = hash_by_name(comma + 1);
}

/* NIST CAVP 186-3 ECDSA SigGen: Msg, d, Qx, Qy, k, R, S. Signing with the
 * given k must give R, S exactly; Q must be d G; the result verifies. */
static void test_nist_siggen(void)
{
    const char *file = "nist/ecdsa/SigGen.txt";
    tv_counts c;
    tv_kv kv;
    tv_fields f = {0};
    tv_kv_event ev;
    uint16_t curve = 0;
    const tern_hash_class *h = NULL;
    int n = 0;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vectors");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev == TV_KV_SECTION) {
            nist_section(kv.section, &curve, &h);
            tv_fields_clear(&f);
            n = 0;
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, "S") != 0) {
            continue;
        }
        n++;
        if (curve == 0 || h == NULL) {
            tv_skip(&c, "curve other than P-256/P-384 (P-224, P-521) or compiled out");
            continue;
        }
        {
            size_t len = tern_ec_curve_len(curve);
            uint8_t d[TERN_EC_MAX_LEN], k[TERN_EC_MAX_LEN], q[TERN_EC_MAX_POINT_LEN];
            uint8_t qe[TERN_EC_MAX_POINT_LEN], rs[TERN_ECDSA_MAX_RAW_LEN];
            uint8_t sig[TERN_ECDSA_MAX_RAW_LEN], dg[TERN_HASH_MAX_DIGEST];
            uint8_t *msg = NULL;
            size_t msg_len;
            char id[300];
            int ok;

            snprintf(id, sizeof(id), "[%s] #%d", kv.section, n);
            qe[0] = 0x04;
            ok = tv_hex(tv_fields_get(&f, "Msg"), &msg, &msg_len) == 0 &&
                 tv_hex_fixed(tv_fields_get(&f, "d"), d, len) == 0 &&
                 tv_hex_fixed(tv_fields_get(&f, "k"), k, len) == 0 &&
                 tv_hex_fixed(tv_fields_get(&f, "Qx"), qe + 1, len) == 0 &&
                 tv_hex_fixed(tv_fields_get(&f, "Qy"), qe + 1 + len, len) == 0 &&
                 tv_hex_fixed(tv_fields_get(&f, "R"), rs, len) == 0 &&
                 tv_hex_fixed(kv.value, rs + len, len) == 0;
            if (ok) {
                tern_hash(h, msg, msg_len, dg);
            }
            ok = ok &&
                 tern_ecdsa_sign_with_k(curve, d, len, k, len, dg, h->digest_len, sig) == TERN_OK &&
                 memcmp(sig, rs, 2 * len) == 0;
            ok = ok && tern_ec_public_from_private(curve, d, len, q) == TERN_OK &&
                 memcmp(q, qe, 1 + 2 * len) == 0;
            ok = ok && tern_ecdsa_verify(curve, q, 1 + 2 * len, dg, h->digest_len, sig, 2 * len,
                                         TERN_ECDSA_RAW) == TERN_OK;
            tv_check(&c, ok, id, "R, S or Q mismatch");
            free(msg);
        }
    }
    tv_kv_close(&kv);
    tv_fields_clear(&f);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

/* NIST CAVP 186-3 ECDSA SigVer: Msg, Qx, Qy, R, S, Result = P or F. A
 * changed Q may be off the curve (TERN_ERR_BAD_POINT): also a rejection. */
static void test_nist_sigver(void)
{
    const char *file = "nist/ecdsa/SigVer.rsp";
    tv_counts c;
    tv_kv kv;
    tv_fields f = {0};
    tv_kv_event ev;
    uint16_t curve = 0;
    const tern_hash_class *h = NULL;
    int n = 0;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vectors");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev == TV_KV_SECTION) {
            nist_section(kv.section, &curve, &h);
            tv_fields_clear(&f);
            n = 0;
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, "Result") != 0) {
            continue;
        }
        n++;
        if (curve == 0 || h == NULL) {
            tv_skip(&c, "curve other than P-256/P-384 (P-192, P-224, P-521) or compiled out");
            continue;
        }
        {
            size_t len = tern_ec_curve_len(curve);
            uint8_t q[TERN_EC_MAX_POINT_LEN], rs[TERN_ECDSA_MAX_RAW_LEN];
            uint8_t dg[TERN_HASH_MAX_DIGEST];
            uint8_t *msg = NULL;
            size_t msg_len;
            int pass = kv.value[0] == 'P';
            char id[300];
            int ok, rc = TERN_ERR_BAD_SIGNATURE;

            snprintf(id, sizeof(id), "[%s] #%d (%s)", kv.section, n, kv.value);
            q[0] = 0x04;
            ok = tv_hex(tv_fields_get(&f, "Msg"), &msg, &msg_len) == 0 &&
                 tv_hex_fixed(tv_fields_get(&f, "Qx"), q + 1, len) == 0 &&
                 tv_hex_fixed(tv_fields_get(&f, "Qy"), q + 1 + len, len) == 0 &&
                 tv_hex_fixed(tv_fields_get(&f, "R"), rs, len) == 0 &&
                 tv_hex_fixed(tv_fields_get(&f, "S"), rs + len, len) == 0;
            if (ok) {
                tern_hash(h, msg, msg_len, dg);
                rc = tern_ecdsa_verify(curve, q, 1 + 2 * len, dg, h->digest_len, rs, 2 * len,
                                       TERN_ECDSA_RAW);
            }
            ok = ok && (pass ? rc == TERN_OK
                             : (rc == TERN_ERR_BAD_SIGNATURE || rc == TERN_ERR_BAD_POINT));
            tv_check(&c, ok, id, pass ? "valid signature rejected" : "invalid case accepted");
            free(msg);
        }
    }
    tv_kv_close(&kv);
    tv_fields_clear(&f);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

/* Botan pubkey/ecdsa_verify.vec: Group, Px, Py, Msg (the digest input,
 * "Raw": any length, truncated per SEC1), Signature (r || s), Valid
 * (1 when absent). A Signature of the wrong length is a rejection. */
static void test_botan_verify(void)
{
    const char *file = "botan/pubkey/ecdsa_verify.vec";
    tv_counts c;
    tv_kv kv;
    tv_fields f = {0};
    tv_kv_event ev;
    int n = 0;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vectors");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev == TV_KV_SECTION) {
            tv_fields_clear(&f);
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, "Signature") != 0) {
            continue;
        }
        n++;
        {
            uint16_t curve = ect_group(tv_fields_get(&f, "Group"));
            const char *v = tv_fields_get(&f, "Valid");
            int valid = v == NULL || strcmp(v, "1") == 0;
            size_t len = tern_ec_curve_len(curve);
            uint8_t q[TERN_EC_MAX_POINT_LEN];
            uint8_t *msg = NULL, *sig = NULL;
            size_t msg_len, sig_len;
            char id[300];
            int ok, rc;

            snprintf(id, sizeof(id), "#%d %s", n, tv_fields_get(&f, "Group"));
            if (curve == 0) {
                tv_skip(&c, "curve other than P-256/P-384 (secp160/224/256k1/521, x962_p239, "
                            "frp256v1) or compiled out");
                continue;
            }
            q[0] = 0x04;
            ok = ect_num(tv_fields_get(&f, "Px"), q + 1, len) == 0 &&
                 ect_num(tv_fields_get(&f, "Py"), q + 1 + len, len) == 0 &&
                 tv_hex(tv_fields_get(&f, "Msg"), &msg, &msg_len) == 0 &&
                 tv_hex(kv.value, &sig, &sig_len) == 0;
            if (!ok) {
                tv_fail(&c, id, "bad fields");
            } else {
                rc = tern_ecdsa_verify(curve, q, 1 + 2 * len, msg, msg_len, sig, sig_len,
                                       TERN_ECDSA_RAW);
                tv_check(&c, valid ? rc == TERN_OK : rc == TERN_ERR_BAD_SIGNATURE, id,
                         valid ? "valid case failed" : "invalid case accepted");
            }
            free(msg);
            free(sig);
        }
    }
    tv_kv_close(&kv);
    tv_fields_clear(&f);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

/* Botan pubkey/ecdsa_invalid.vec: public keys that fail validation
 * (NIST CAVS 11.0 PKV): off the curve, or a coordinate out of range. */
static void test_botan_invalid_keys(void)
{
    const char *file = "botan/pubkey/ecdsa_invalid.vec";
    tv_counts c;
    tv_kv kv;
    tv_fields f = {0};
    tv_kv_event ev;
    int n = 0;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vectors");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev == TV_KV_SECTION) {
            tv_fields_clear(&f);
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, "InvalidKeyY") != 0) {
            continue;
        }
        n++;
        {
            uint16_t curve = ect_group(tv_fields_get(&f, "Group"));
            size_t len = tern_ec_curve_len(curve);
            uint8_t q[TERN_EC_MAX_POINT_LEN], dg[32] = {1}, sig[TERN_ECDSA_MAX_RAW_LEN];
            char id[300];

            snprintf(id, sizeof(id), "#%d %s", n, tv_fields_get(&f, "Group"));
            if (curve == 0) {
                tv_skip(&c, "curve other than P-256/P-384 (P-192, P-224, P-521) or compiled out");
                continue;
            }
            q[0] = 0x04;
            if (ect_num(tv_fields_get(&f, "InvalidKeyX"), q + 1, len) != 0 ||
                ect_num(kv.value, q + 1 + len, len) != 0) {
                /* a coordinate wider than the field has no SEC1 encoding:
                 * the nearest thing, each coordinate in len + 1 bytes,
                 * must be refused */
                uint8_t wide[1 + 2 * (TERN_EC_MAX_LEN + 1)];
                wide[0] = 0x04;
                tv_check(&c,
                         ect_num(tv_fields_get(&f, "InvalidKeyX"), wide + 1, len + 1) == 0 &&
                             ect_num(kv.value, wide + 2 + len, len + 1) == 0 &&
                             tern_ec_check_public(curve, wide, 3 + 2 * len) == TERN_ERR_BAD_POINT,
                         id, "over-wide key accepted");
                continue;
            }
            memset(sig, 1, sizeof(sig));
            tv_check(&c,
                     tern_ec_check_public(curve, q, 1 + 2 * len) == TERN_ERR_BAD_POINT &&
                         tern_ecdsa_verify(curve, q, 1 + 2 * len, dg, sizeof(dg), sig, 2 * len,
                                           TERN_ECDSA_RAW) == TERN_ERR_BAD_POINT,
                     id, "invalid key accepted");
        }
    }
    tv_kv_close(&kv);
    tv_fields_clear(&f);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

int main(void)
{
    RUN_TEST(test_botan_rfc6979);
    RUN_TEST(test_wycheproof_p256_sha256);
    RUN_TEST(test_wycheproof_p256_sha256_p1363);
    RUN_TEST(test_wycheproof_p256_sha512);
    RUN_TEST(test_wycheproof_p384_sha256);
    RUN_TEST(test_wycheproof_p384_sha384);
    RUN_TEST(test_wycheproof_p384_sha384_p1363);
    RUN_TEST(test_wycheproof_p384_sha512);
    RUN_TEST(test_nist_siggen);
    RUN_TEST(test_nist_sigver);
    RUN_TEST(test_botan_verify);
    RUN_TEST(test_botan_invalid_keys);
    return TEST_REPORT();
}
