/*
 * RSA against Botan's vectors: rsa_verify.vec, rsa_sig.vec, rsa_pss.vec,
 * rsaes.vec, rsa_decrypt.vec and pk_pad_eme/pkcs1.vec.
 *
 * Botan covers schemes tern does not implement (X9.31, ISO 9796, OAEP,
 * RIPEMD-160, Whirlpool, SHA-3); those entries are skipped with that
 * reason. OAEP ciphertexts (rsa_decrypt.vec, rsaes.vec [OAEP]) still
 * test tern's raw private-key operation: the test decrypts them with
 * tern_rsa_private and undoes the OAEP encoding itself (RFC 8017 7.1.2).
 * Keys below TERN_RSA_MIN_BITS are refused by tern's API; their textbook
 * [Raw] vectors run directly on the bignum layer instead.
 * Botan PSS verification accepts any salt length, and so does this test
 * (TERN_RSA_PSS_SALT_ANY); rsa_sig/rsa_pss "Nonce" is the salt.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/rsa/rsa_internal.h"
#include "rsa_test_util.h"
#include "tern/rsa.h"
#include "tern_test.h"
#include "tv.h"

/* ---- helpers ------------------------------------------------------------- */

/* The text between the first '(' and the matching ',' or ')' of a
 * section name such as "PSS(SHA-256)" or "OAEP(SHA-256,MGF1(SHA-1))". */
static void section_arg(const char *section, int index, char *out, size_t cap)
{
    const char *p = strchr(section, '(');
    size_t n = 0;
    int depth = 0, arg = 0;

    out[0] = '\0';
    if (p == NULL) {
        return;
    }
    for (p++; *p != '\0'; p++) {
        if (*p == '(') {
            depth++;
        } else if (*p == ')') {
            if (depth == 0) {
                break;
            }
            depth--;
        } else if (*p == ',' && depth == 0) {
            arg++;
            continue;
        }
        if (arg == index && n + 1 < cap) {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
}

/* Builds the key of the current entry: P, Q, E (CRT derived) or N, E. */
static int entry_key(const tv_fields *f, test_rsa_key *key)
{
    uint8_t *a = NULL, *b = NULL, *e = NULL;
    size_t al, bl, el;
    int rc = -1;

    if (test_parse_num(tv_fields_get(f, "E"), &e, &el) != 0) {
        return -1;
    }
    if (tv_fields_get(f, "P") != NULL && tv_fields_get(f, "Q") != NULL) {
        if (test_parse_num(tv_fields_get(f, "P"), &a, &al) == 0 &&
            test_parse_num(tv_fields_get(f, "Q"), &b, &bl) == 0) {
            rc = trk_from_pqe(key, a, al, b, bl, e, el);
        }
    } else if (tv_fields_get(f, "N") != NULL) {
        if (test_parse_num(tv_fields_get(f, "N"), &a, &al) == 0) {
            rc = trk_public(key, a, al, e, el);
        }
    }
    free(a);
    free(b);
    free(e);
    return rc;
}

/* x (any length <= k) left-padded to k bytes into out; 0 if it fits. */
static int pad_to(uint8_t *out, size_t k, const uint8_t *x, size_t x_len)
{
    while (x_len > k && x_len > 0 && x[0] == 0) {
        x++;
        x_len--;
    }
    if (x_len > k) {
        return -1;
    }
    memset(out, 0, k - x_len);
    memcpy(out + k - x_len, x, x_len);
    return 0;
}

/* out = in^e mod n on the bignum layer (any size), k bytes. */
static void bn_public(const test_rsa_key *key, const uint8_t *in, uint8_t *out)
{
    static tern_bn_mont mc;
    static tern_bn_word tmp[TERN_BN_MODEXP_VT_TMP_WORDS(TERN_BN_MAX_WORDS)];
    tern_bn_word n[TERN_BN_MAX_WORDS], x[TERN_BN_MAX_WORDS];
    size_t k = key->len[TK_N], len = TERN_BN_WORDS(k);

    (void)tern_bn_decode(n, len, key->b[TK_N], k);
    (void)tern_bn_decode(x, len, in, k);
    tern_bn_mont_init(&mc, n, len);
    tern_bn_modexp_vartime(x, key->b[TK_E], key->len[TK_E], &mc, tmp);
    tern_bn_encode(out, k, x, len);
}

static size_t key_bits(const test_rsa_key *key)
{
    return tern_rsa_pubkey_bits(&key->pub);
}

/* OAEP decoding (RFC 8017 7.1.2 step 3) of em (k bytes); returns the
 * message length or -1. */
static long oaep_decode(const tern_hash_class *h, const tern_hash_class *mgf, const char *label,
                        uint8_t *em, size_t k, const uint8_t **msg)
{
    uint8_t lhash[TERN_HASH_MAX_DIGEST];
    size_t hl = h->digest_len, i;
    uint8_t *seed = em + 1, *db = em + 1 + hl;
    size_t db_len = k - hl - 1;

    if (k < 2 * hl + 2 || em[0] != 0) {
        return -1;
    }
    tern_rsa_mgf1_xor(mgf, db, db_len, seed, hl);
    tern_rsa_mgf1_xor(mgf, seed, hl, db, db_len);
    tern_hash(h, label, strlen(label), lhash);
    if (memcmp(db, lhash, hl) != 0) {
        return -1;
    }
    for (i = hl; i < db_len && db[i] == 0; i++) {
    }
    if (i == db_len || db[i] != 1) {
        return -1;
    }
    *msg = db + i + 1;
    return (long)(db_len - i - 1);
}

/* ---- rsa_verify.vec --------------------------------------------------------------- */

static void test_verify(void)
{
    const char *file = "botan/pubkey/rsa_verify.vec";
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
        uint8_t *msg = NULL, *sig = NULL;
        size_t msg_len, sig_len;
        uint8_t digest[TERN_HASH_MAX_DIGEST], em[TERN_RSA_MAX_LEN], want[TERN_RSA_MAX_LEN];
        const tern_hash_class *h = NULL;
        int raw = strcmp(kv.section, "Raw") == 0;
        int pss = strncmp(kv.section, "PSS(", 4) == 0;
        int pkcs1 = strncmp(kv.section, "PKCS1v15(", 9) == 0;
        test_rsa_key key;
        char id[32], arg[64];
        int rc;

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
        snprintf(id, sizeof(id), "line %d", kv.line);
        section_arg(kv.section, 0, arg, sizeof(arg));
        if (!raw && !pss && !pkcs1) {
            tv_skip(&c, "scheme not implemented by tern (ISO 9796)");
            continue;
        }
        if (!raw && (h = test_hash_by_name(arg)) == NULL) {
            tv_skip(&c, "hash not implemented by tern (SHA-3, RIPEMD-160)");
            continue;
        }
        trk_init(&key);
        if (entry_key(&f, &key) != 0 || tv_hex(tv_fields_get(&f, "Msg"), &msg, &msg_len) != 0 ||
            tv_hex(kv.value, &sig, &sig_len) != 0) {
            tv_fail(&c, id, "bad fields");
        } else if (key_bits(&key) < TERN_RSA_MIN_BITS) {
            tv_skip(&c, "modulus below 1024 bits (tern's floor)");
        } else if (key_bits(&key) > TERN_CONFIG_MAX_RSA_BITS) {
            tv_skip(&c, TOO_BIG_REASON);
        } else if (raw) {
            size_t k = key.len[TK_N];
            rc = pad_to(want, k, msg, msg_len) == 0 ? tern_rsa_public(&key.pub, sig, sig_len, em)
                                                    : -1;
            tv_check(&c, rc == TERN_OK && memcmp(em, want, k) == 0, id, "raw result differs");
        } else {
            tern_hash(h, msg, msg_len, digest);
            if (pss) {
                rc = tern_rsa_pss_verify(&key.pub, h, h, TERN_RSA_PSS_SALT_ANY, digest,
                                         h->digest_len, sig, sig_len);
            } else {
                rc = tern_rsa_pkcs1_verify(&key.pub, h, digest, h->digest_len, sig, sig_len);
            }
            tv_check(&c, rc == TERN_OK, id, "valid signature rejected");
            /* and a flipped bit anywhere in the signature is not */
            sig[sig_len / 2] ^= 0x10;
            if (pss) {
                rc = tern_rsa_pss_verify(&key.pub, h, h, TERN_RSA_PSS_SALT_ANY, digest,
                                         h->digest_len, sig, sig_len);
            } else {
                rc = tern_rsa_pkcs1_verify(&key.pub, h, digest, h->digest_len, sig, sig_len);
            }
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, rc);
        }
        trk_free(&key);
        free(msg);
        free(sig);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    EXPECT_TRUE(test_counts_ok(&c));
}

/* ---- rsa_sig.vec and rsa_pss.vec ----------------------------------------------------- */

static void run_sign(const char *file)
{
    tv_counts c;
    tv_kv kv;
    tv_fields f = {0};
    tv_kv_event ev;
    test_rng rng;

    tv_counts_init(&c, file);
    test_rng_init(&rng, 11);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vectors");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        uint8_t *msg = NULL, *sig = NULL, *salt = NULL;
        size_t msg_len, sig_len, salt_len = 0, out_len = TERN_RSA_MAX_LEN, k;
        uint8_t digest[TERN_HASH_MAX_DIGEST], out[TERN_RSA_MAX_LEN], in[TERN_RSA_MAX_LEN];
        const tern_hash_class *h = NULL;
        /* rsa_pss.vec has no sections: PSS with the Hash field */
        int pss = kv.section[0] == '\0' || strncmp(kv.section, "PSS(", 4) == 0;
        int raw = strcmp(kv.section, "Raw") == 0;
        int pkcs1 = strncmp(kv.section, "PKCS1v15(", 9) == 0;
        test_rsa_key key;
        char id[32], arg0[64], arg1[64];
        int rc = -1;

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
        snprintf(id, sizeof(id), "line %d", kv.line);
        section_arg(kv.section, 0, arg0, sizeof(arg0));
        section_arg(kv.section, 1, arg1, sizeof(arg1));
        if (!raw && !pss && !pkcs1) {
            tv_skip(&c, "scheme not implemented by tern (X9.31, ISO 9796)");
            continue;
        }
        if (kv.section[0] == '\0') {
            h = test_hash_by_name(tv_fields_get(&f, "Hash"));
        } else if (pkcs1 && strcmp(arg0, "Raw") == 0) {
            h = arg1[0] != '\0' ? test_hash_by_name(arg1) : NULL;
        } else if (!raw) {
            h = test_hash_by_name(arg0);
        }
        if (!raw && h == NULL && !(pkcs1 && strcmp(arg0, "Raw") == 0 && arg1[0] == '\0')) {
            tv_skip(&c, "hash not implemented by tern (SHA-3, RIPEMD-160, Whirlpool)");
            continue;
        }
        trk_init(&key);
        if (entry_key(&f, &key) != 0 || tv_hex(tv_fields_get(&f, "Msg"), &msg, &msg_len) != 0 ||
            tv_hex(kv.value, &sig, &sig_len) != 0 ||
            (pss && tv_hex(tv_fields_get(&f, "Nonce"), &salt, &salt_len) != 0)) {
            tv_fail(&c, id, "bad fields");
        } else if (key_bits(&key) < TERN_RSA_MIN_BITS) {
            tv_skip(&c, "modulus below 1024 bits (tern's floor)");
        } else if (key_bits(&key) > TERN_CONFIG_MAX_RSA_BITS) {
            tv_skip(&c, TOO_BIG_REASON);
        } else {
            k = key.len[TK_N];
            if (raw) {
                /* textbook: Signature = Msg^d */
                if (pad_to(in, k, msg, msg_len) == 0) {
                    rc = tern_rsa_private(&key.priv, &rng.vtable, in, k, out);
                    out_len = k;
                }
            } else if (pkcs1 && strcmp(arg0, "Raw") == 0) {
                /* Msg is T itself (no hash), or an MD5 digest to wrap */
                rc = tern_rsa_pkcs1_sign(&key.priv, &rng.vtable, h, msg, msg_len, out, &out_len);
            } else if (pkcs1) {
                tern_hash(h, msg, msg_len, digest);
                rc = tern_rsa_pkcs1_sign(&key.priv, &rng.vtable, h, digest, h->digest_len, out,
                                         &out_len);
            } else {
                tern_hash(h, msg, msg_len, digest);
                rc = tern_rsa_pss_sign_salt(&key.priv, &rng.vtable, h, salt, salt_len, digest,
                                            h->digest_len, out, &out_len);
                if (rc == TERN_OK) {
                    EXPECT_OK(tern_rsa_pss_verify(&key.pub, h, h, salt_len, digest, h->digest_len,
                                                  out, out_len));
                }
            }
            tv_check(&c, rc == TERN_OK && out_len == sig_len && memcmp(out, sig, sig_len) == 0, id,
                     "signature differs");
        }
        trk_free(&key);
        free(msg);
        free(sig);
        free(salt);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    EXPECT_TRUE(test_counts_ok(&c));
}

static void test_sign(void)
{
    run_sign("botan/pubkey/rsa_sig.vec");
    run_sign("botan/pubkey/rsa_pss.vec");
}

/* ---- rsaes.vec and rsa_decrypt.vec ------------------------------------------------------ */

/* last: the field that ends an entry (Ciphertext in rsaes.vec, Msg in
 * rsa_decrypt.vec). */
static void run_encryption(const char *file, const char *last)
{
    tv_counts c;
    tv_kv kv;
    tv_fields f = {0};
    tv_kv_event ev;
    test_rng rng;

    tv_counts_init(&c, file);
    test_rng_init(&rng, 13);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vectors");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        uint8_t *msg = NULL, *ct = NULL, *nonce = NULL;
        size_t msg_len, ct_len, nonce_len = 0, k, out_len;
        uint8_t out[TERN_RSA_MAX_LEN], in[TERN_RSA_MAX_LEN];
        int raw = strcmp(kv.section, "Raw") == 0;
        int eme = strcmp(kv.section, "EME-PKCS1-v1_5") == 0;
        int oaep = strncmp(kv.section, "OAEP(", 5) == 0;
        test_rsa_key key;
        char id[32], arg0[64], arg1[64], arg2[64];
        int ok = 0;

        if (ev == TV_KV_SECTION) {
            tv_fields_clear(&f);
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, last) != 0) {
            continue;
        }
        snprintf(id, sizeof(id), "line %d", kv.line);
        if (!raw && !eme && !oaep) {
            tv_skip(&c, "scheme not implemented by tern");
            continue;
        }
        trk_init(&key);
        if (entry_key(&f, &key) != 0 || tv_hex(tv_fields_get(&f, "Msg"), &msg, &msg_len) != 0 ||
            tv_hex(tv_fields_get(&f, "Ciphertext"), &ct, &ct_len) != 0 ||
            (tv_fields_get(&f, "Nonce") != NULL &&
             tv_hex(tv_fields_get(&f, "Nonce"), &nonce, &nonce_len) != 0)) {
            tv_fail(&c, id, "bad fields");
            goto next;
        }
        k = key.len[TK_N];
        if (key_bits(&key) > TERN_CONFIG_MAX_RSA_BITS) {
            tv_skip(&c, TOO_BIG_REASON);
            goto next;
        }
        if (raw && key_bits(&key) < TERN_RSA_MIN_BITS) {
            /* below tern's floor: the textbook value on the bignum layer */
            ok = pad_to(in, k, msg, msg_len) == 0 && pad_to(out, k, ct, ct_len) == 0;
            if (ok) {
                bn_public(&key, in, in);
                ok = memcmp(in, out, k) == 0;
            }
            tv_check(&c, ok, id, "textbook RSA value differs");
            goto next;
        }
        if (key_bits(&key) < TERN_RSA_MIN_BITS) {
            tv_skip(&c, "modulus below 1024 bits (tern's floor)");
            goto next;
        }
        if (pad_to(in, k, ct, ct_len) != 0) {
            tv_fail(&c, id, "ciphertext too long");
            goto next;
        }
        if (raw) {
            /* Ciphertext = Msg^e, and back with the private key */
            uint8_t m[TERN_RSA_MAX_LEN];
            ok = pad_to(m, k, msg, msg_len) == 0 &&
                 tern_rsa_public(&key.pub, m, k, out) == TERN_OK && memcmp(out, in, k) == 0 &&
                 tern_rsa_private(&key.priv, &rng.vtable, in, k, out) == TERN_OK &&
                 memcmp(out, m, k) == 0;
        } else if (eme) {
            /* encryption with the recorded rng bytes gives Ciphertext
             * exactly, using all of them; decryption gives Msg back */
            replay_rng rr;
            replay_rng_init(&rr, nonce, nonce_len);
            out_len = sizeof(out);
            ok = tern_rsa_pkcs1_encrypt(&key.pub, &rr.vtable, msg, msg_len, out, &out_len) ==
                     TERN_OK &&
                 out_len == k && memcmp(out, in, k) == 0 && rr.left == 0;
            out_len = sizeof(out);
            ok = ok &&
                 tern_rsa_pkcs1_decrypt(&key.priv, &rng.vtable, in, k, out, &out_len) == TERN_OK &&
                 out_len == msg_len && memcmp(out, msg, msg_len) == 0;
        } else {
            const tern_hash_class *h, *mgf;
            const uint8_t *m = NULL;
            long ml;
            section_arg(kv.section, 0, arg0, sizeof(arg0));
            section_arg(kv.section, 1, arg1, sizeof(arg1));
            section_arg(kv.section, 2, arg2, sizeof(arg2));
            h = test_hash_by_name(arg0);
            mgf = h;
            if (strncmp(arg1, "MGF1(", 5) == 0) {
                arg1[strlen(arg1) - 1] = '\0';
                mgf = test_hash_by_name(arg1 + 5);
            }
            if (h == NULL || mgf == NULL) {
                tv_skip(&c, "hash not implemented by tern");
                goto next;
            }
            ok = tern_rsa_private(&key.priv, &rng.vtable, in, k, out) == TERN_OK;
            ml = ok ? oaep_decode(h, mgf, arg2, out, k, &m) : -1;
            ok = ml >= 0 && (size_t)ml == msg_len && memcmp(m, msg, msg_len) == 0;
        }
        tv_check(&c, ok, id, "encryption/decryption result differs");
    next:
        trk_free(&key);
        free(msg);
        free(ct);
        free(nonce);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    EXPECT_TRUE(test_counts_ok(&c));
}

static void test_encryption(void)
{
    run_encryption("botan/pubkey/rsaes.vec", "Ciphertext");
    run_encryption("botan/pubkey/rsa_decrypt.vec", "Msg");
}

/* ---- pk_pad_eme/pkcs1.vec: the EME-PKCS1-v1_5 check itself ------------------------------- */

static void test_eme_pkcs1(void)
{
    const char *file = "botan/pk_pad_eme/pkcs1.vec";
    tv_counts c;
    tv_kv kv;
    tv_kv_event ev;
    uint8_t *plain = NULL;
    size_t plain_len = 0;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vectors");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        uint8_t *em = NULL;
        size_t em_len;
        uint32_t off, good;
        char id[32];

        if (ev != TV_KV_FIELD) {
            continue;
        }
        if (strcmp(kv.key, "Plaintext") == 0) {
            free(plain);
            plain = NULL;
            if (tv_hex(kv.value, &plain, &plain_len) != 0) {
                TEST_FAIL("bad hex");
            }
            continue;
        }
        if (strcmp(kv.key, "RawCiphertext") != 0) {
            continue;
        }
        snprintf(id, sizeof(id), "line %d", kv.line);
        if (tv_hex(kv.value, &em, &em_len) != 0) {
            tv_fail(&c, id, "bad hex");
            continue;
        }
        good = tern_rsa_eme_pkcs1_check(em, em_len, &off);
        if (strcmp(kv.section, "valid") == 0) {
            tv_check(&c,
                     good && plain != NULL && em_len - off == plain_len &&
                         memcmp(em + off, plain, plain_len) == 0,
                     id, "valid padding rejected or wrong message");
        } else {
            tv_check(&c, !good, id, "invalid padding accepted");
        }
        free(em);
    }
    free(plain);
    tv_kv_close(&kv);
    EXPECT_TRUE(test_counts_ok(&c));
}

int main(void)
{
    RUN_TEST(test_verify);
    RUN_TEST(test_sign);
    RUN_TEST(test_encryption);
    RUN_TEST(test_eme_pkcs1);
    return TEST_REPORT();
}
