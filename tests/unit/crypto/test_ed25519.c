/*
 * Ed25519 (RFC 8032 5.1) and the ed25519 signature class.
 *
 * Vectors: RFC 8032 7.1 (TEST 1, 2, 3, 1024, SHA(abc)) read from the RFC
 * text at run time (../rfc/rfc8032.txt next to the vectors folder);
 * Wycheproof ed25519_test.json (verification; it has only valid and
 * invalid cases, so no "acceptable" decision is needed).
 *
 * Negative tests: every byte of a signature modified, the message and
 * the key modified, S replaced by S + L and other values >= L, public
 * keys and R values with non-canonical or invalid encodings (y >= p,
 * x = 0 with the sign bit set, y with no x on the curve).
 *
 * Decision written down here: small-order public keys are accepted (RFC
 * 8032 does not ask to reject them), so the identity key with R = the
 * identity and S = 0 verifies any message; test_identity_key pins that
 * behaviour, and that only the canonical identity encoding does.
 */
#include <stdlib.h>
#include <string.h>

#include "tern/curve25519.h"
#include "tern_test.h"
#include "tv.h"

#if TERN_CONFIG_ED25519

/* L, little-endian. */
static const uint8_t L_BYTES[32] = {
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static void fill(uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        rng_state ^= rng_state << 13;
        rng_state ^= rng_state >> 7;
        rng_state ^= rng_state << 17;
        p[i] = (uint8_t)(rng_state >> 24);
    }
}

/* ---- RFC 8032 7.1 ------------------------------------------------------ */

/* Appends the hex digits of line (if it is nothing but hex, after the
 * indentation) to buf. Returns 1 if the line was hex. */
static int append_hex_line(const char *line, size_t n, char *buf, size_t cap, size_t *len)
{
    size_t i = 0, start;

    while (i < n && line[i] == ' ') {
        i++;
    }
    start = i;
    if (start == n) {
        return 0;
    }
    for (; i < n; i++) {
        char ch = line[i];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
            return 0;
        }
    }
    if (*len + (n - start) + 1 > cap) {
        return 0;
    }
    memcpy(buf + *len, line + start, n - start);
    *len += n - start;
    buf[*len] = '\0';
    return 1;
}

typedef struct rfc_case {
    char name[32];
    char *field[4]; /* SECRET KEY, PUBLIC KEY, MESSAGE, SIGNATURE: hex */
    size_t len[4];
} rfc_case;

static void run_rfc_case(tv_counts *c, rfc_case *rc)
{
    uint8_t *seed = NULL, *pk = NULL, *msg = NULL, *sig = NULL;
    size_t seed_len, pk_len, msg_len, sig_len;
    uint8_t out_pk[32], out_sig[64], out_sig2[64];
    int ok;

    if (tv_hex(rc->field[0], &seed, &seed_len) != 0 || tv_hex(rc->field[1], &pk, &pk_len) != 0 ||
        tv_hex(rc->field[2], &msg, &msg_len) != 0 || tv_hex(rc->field[3], &sig, &sig_len) != 0 ||
        seed_len != 32 || pk_len != 32 || sig_len != 64) {
        tv_fail(c, rc->name, "malformed test in the RFC text");
    } else {
        ok = tern_ed25519_public(out_pk, seed) == TERN_OK && memcmp(out_pk, pk, 32) == 0;
        ok = ok && tern_ed25519_sign(out_sig, msg, msg_len, seed, NULL) == TERN_OK &&
             memcmp(out_sig, sig, 64) == 0;
        ok = ok && tern_ed25519_sign(out_sig2, msg, msg_len, seed, pk) == TERN_OK &&
             memcmp(out_sig2, sig, 64) == 0;
        ok = ok && tern_ed25519_verify(pk, msg, msg_len, sig) == TERN_OK;
        tv_check(c, ok, rc->name, "public key, signature or verification differs");
    }
    free(seed);
    free(pk);
    free(msg);
    free(sig);
}

static void test_rfc8032(void)
{
    char path[1024];
    char *text, *p, *end;
    size_t text_len;
    tv_counts c;
    rfc_case rc;
    int in_section = 0, have_case = 0, cur = -1, i;
    static const char *const labels[4] = {"SECRET KEY:", "PUBLIC KEY:", "MESSAGE", "SIGNATURE:"};

    snprintf(path, sizeof(path), "%s/../rfc/rfc8032.txt", tv_dir());
    tv_counts_init(&c, "rfc8032.txt");
    text = tv_read_file(path, &text_len);
    if (text == NULL) {
        TEST_FAIL("cannot read rfc8032.txt");
        return;
    }
    memset(&rc, 0, sizeof(rc));
    for (i = 0; i < 4; i++) {
        rc.field[i] = (char *)malloc(4096);
        rc.field[i][0] = '\0';
    }
    for (p = text; p < text + text_len; p = end + 1) {
        size_t n;
        end = strchr(p, '\n');
        if (end == NULL) {
            end = text + text_len;
        }
        n = (size_t)(end - p);
        if (n > 0 && p[n - 1] == '\r') {
            n--;
        }
        /* Section 7.1 runs from its heading to the heading of 7.2. */
        if (n >= 4 && strncmp(p, "7.1.", 4) == 0) {
            in_section = 1;
            continue;
        }
        if (!in_section) {
            continue;
        }
        if (n >= 4 && strncmp(p, "7.2.", 4) == 0) {
            break;
        }
        if (n >= 8 && strncmp(p, "   -----", 8) == 0) {
            if (have_case) {
                run_rfc_case(&c, &rc);
            }
            have_case = n > 8;
            snprintf(rc.name, sizeof(rc.name), "%.*s", (int)(n - 8 < 31 ? n - 8 : 31), p + 8);
            for (i = 0; i < 4; i++) {
                rc.field[i][0] = '\0';
                rc.len[i] = 0;
            }
            cur = -1;
            continue;
        }
        for (i = 0; i < 4; i++) {
            size_t ll = strlen(labels[i]);
            if (n >= 3 + ll && strncmp(p + 3, labels[i], ll) == 0) {
                cur = i;
                break;
            }
        }
        if (i < 4) {
            continue;
        }
        if (cur >= 0) {
            (void)append_hex_line(p, n, rc.field[cur], 4096, &rc.len[cur]);
        }
    }
    if (have_case) {
        run_rfc_case(&c, &rc);
    }
    for (i = 0; i < 4; i++) {
        free(rc.field[i]);
    }
    free(text);
    /* TEST 1, 2, 3, 1024 and SHA(abc). */
    EXPECT_EQ(c.passed + c.failed, 5);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

/* ---- Wycheproof ---------------------------------------------------------- */

static void test_wycheproof(void)
{
    const char *file = "wycheproof/ed25519_test.json";
    const tern_sig_class *cls = &tern_sig_ed25519;
    cJSON *root = tv_json_load(file);
    const cJSON *groups, *g;
    tv_counts c;

    tv_counts_init(&c, file);
    if (root == NULL) {
        TEST_FAIL("cannot load ed25519_test.json");
        return;
    }
    groups = cJSON_GetObjectItemCaseSensitive(root, "testGroups");
    cJSON_ArrayForEach(g, groups)
    {
        const cJSON *key = cJSON_GetObjectItemCaseSensitive(g, "publicKey");
        const cJSON *tests = cJSON_GetObjectItemCaseSensitive(g, "tests");
        const cJSON *t;
        uint8_t *pk = NULL;
        size_t pk_len = 0;

        if (tv_json_hex(key, "pk", &pk, &pk_len) != 0 || pk_len != 32) {
            cJSON_ArrayForEach(t, tests)
            {
                tv_fail(&c, "group", "malformed public key");
            }
            free(pk);
            continue;
        }
        cJSON_ArrayForEach(t, tests)
        {
            uint8_t *msg = NULL, *sig = NULL;
            size_t msg_len = 0, sig_len = 0;
            const char *result = tv_json_str(t, "result");
            tern_pubkey pub;
            char id[32];
            int rc;

            snprintf(id, sizeof(id), "tcId %ld", tv_json_int(t, "tcId", -1));
            if (tv_json_hex(t, "msg", &msg, &msg_len) != 0 ||
                tv_json_hex(t, "sig", &sig, &sig_len) != 0 || result == NULL) {
                tv_fail(&c, id, "malformed test case");
                free(msg);
                free(sig);
                continue;
            }
            pub.type = TERN_KEY_ED25519;
            pub.u.ed25519.pk = pk;
            rc = cls->verify(cls, &pub, msg, msg_len, sig, sig_len);
            if (sig_len == 64 && rc != tern_ed25519_verify(pk, msg, msg_len, sig)) {
                tv_fail(&c, id, "class and direct verification disagree");
            } else if (strcmp(result, "valid") == 0) {
                tv_check(&c, rc == TERN_OK, id, "valid signature rejected");
            } else if (strcmp(result, "invalid") == 0) {
                tv_check(&c, rc == TERN_ERR_BAD_SIGNATURE, id, "invalid signature accepted");
            } else {
                /* The file has no acceptable cases; a new one needs a
                 * decision written down before it can count. */
                tv_skip(&c, "acceptable case without a recorded decision");
            }
            free(msg);
            free(sig);
        }
        free(pk);
    }
    cJSON_Delete(root);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

/* ---- negative tests --------------------------------------------------------- */

static void test_modified_signature(void)
{
    uint8_t seed[32], pk[32], msg[100], sig[64], bad[64];
    int i, bit;

    fill(seed, 32);
    fill(msg, sizeof(msg));
    EXPECT_OK(tern_ed25519_public(pk, seed));
    EXPECT_OK(tern_ed25519_sign(sig, msg, sizeof(msg), seed, pk));
    EXPECT_OK(tern_ed25519_verify(pk, msg, sizeof(msg), sig));
    for (i = 0; i < 64; i++) {
        for (bit = 0; bit < 8; bit++) {
            memcpy(bad, sig, 64);
            bad[i] ^= (uint8_t)(1u << bit);
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(pk, msg, sizeof(msg), bad));
        }
    }
    /* Modified message (every byte) and truncated / extended message. */
    for (i = 0; i < (int)sizeof(msg); i++) {
        msg[i] ^= 0x20;
        EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(pk, msg, sizeof(msg), sig));
        msg[i] ^= 0x20;
    }
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(pk, msg, sizeof(msg) - 1, sig));
    /* Modified public key (every byte). */
    for (i = 0; i < 32; i++) {
        pk[i] ^= 0x04;
        EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(pk, msg, sizeof(msg), sig));
        pk[i] ^= 0x04;
    }
    EXPECT_OK(tern_ed25519_verify(pk, msg, sizeof(msg), sig));
}

/* out = a + b (32-byte little-endian, carry out returned). */
static unsigned add256(uint8_t out[32], const uint8_t a[32], const uint8_t b[32])
{
    unsigned carry = 0;
    int i;
    for (i = 0; i < 32; i++) {
        carry += (unsigned)a[i] + b[i];
        out[i] = (uint8_t)carry;
        carry >>= 8;
    }
    return carry;
}

static void test_noncanonical_s(void)
{
    uint8_t seed[32], pk[32], msg[16], sig[64], bad[64];
    int tries = 0, done = 0;

    fill(msg, sizeof(msg));
    /* S + L still satisfies the group equation: only the range check
     * rejects it (RFC 8032 5.1.7, 8.4). S + L fits 256 bits whenever
     * S < 2^256 - L, which is every S; loop a few keys for variety. */
    while (done < 8 && tries < 32) {
        tries++;
        fill(seed, 32);
        EXPECT_OK(tern_ed25519_public(pk, seed));
        EXPECT_OK(tern_ed25519_sign(sig, msg, sizeof(msg), seed, NULL));
        memcpy(bad, sig, 64);
        if (add256(bad + 32, sig + 32, L_BYTES) != 0) {
            continue;
        }
        EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(pk, msg, sizeof(msg), bad));
        done++;
    }
    EXPECT_EQ(done, 8);
    /* S = L, S = L + 1 .. and S = 2^256 - 1 are out of range. */
    memcpy(bad, sig, 32);
    memcpy(bad + 32, L_BYTES, 32);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(pk, msg, sizeof(msg), bad));
    bad[32] = (uint8_t)(bad[32] + 1);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(pk, msg, sizeof(msg), bad));
    memset(bad + 32, 0xff, 32);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(pk, msg, sizeof(msg), bad));
}

/* Encodings: y (little-endian, 255 bits) with the sign bit. */
static void enc_small_y(uint8_t out[32], unsigned y, unsigned sign)
{
    memset(out, 0, 32);
    out[0] = (uint8_t)y;
    out[31] = (uint8_t)(sign << 7);
}

/* p + y for a small y (non-canonical encoding of y). */
static void enc_p_plus(uint8_t out[32], unsigned y, unsigned sign)
{
    memset(out, 0xff, 32);
    out[0] = (uint8_t)(0xed + y);
    out[31] = (uint8_t)(0x7f | (sign << 7));
}

static void test_bad_public_keys(void)
{
    uint8_t seed[32], pk[32], msg[8] = {1, 2, 3, 4, 5, 6, 7, 8}, sig[64], bad[32];
    unsigned y;

    fill(seed, 32);
    EXPECT_OK(tern_ed25519_public(pk, seed));
    EXPECT_OK(tern_ed25519_sign(sig, msg, sizeof(msg), seed, pk));

    /* y >= p: p + 0 (y = 0 has x = sqrt(-1): a real point, encoded
     * non-canonically), p + 1 (the identity), and 2^255 - 1. */
    enc_p_plus(bad, 0, 0);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(bad, msg, sizeof(msg), sig));
    enc_p_plus(bad, 1, 0);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(bad, msg, sizeof(msg), sig));
    enc_p_plus(bad, 18, 1);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(bad, msg, sizeof(msg), sig));
    /* x = 0 with the sign bit set: y = 1 and y = p - 1. */
    enc_small_y(bad, 1, 1);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(bad, msg, sizeof(msg), sig));
    memset(bad, 0xff, 32);
    bad[0] = 0xec;
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(bad, msg, sizeof(msg), sig));
    /* y = 2, 7 and 8 have no x on the curve (u/v is not a square;
     * test_ge25519 checks the decoder itself against a bignum square
     * root): rejected with either sign. */
    for (y = 2; y <= 8; y++) {
        if (y == 2 || y == 7 || y == 8) {
            enc_small_y(bad, y, 0);
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(bad, msg, sizeof(msg), sig));
            enc_small_y(bad, y, 1);
            EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(bad, msg, sizeof(msg), sig));
        }
    }
}

static void test_identity_key(void)
{
    uint8_t id_pk[32], sig[64], msg[5] = {'h', 'e', 'l', 'l', 'o'};

    /* A = identity (y = 1), R = identity, S = 0: [0]B = R + [k]A for any
     * k. Accepted (small-order keys are not rejected, see the file
     * comment) with the canonical encodings only. */
    enc_small_y(id_pk, 1, 0);
    memset(sig, 0, 64);
    enc_small_y(sig, 1, 0);
    EXPECT_OK(tern_ed25519_verify(id_pk, msg, sizeof(msg), sig));
    /* R = identity encoded as y = p + 1: a lenient decoder would accept
     * it; strict verification must not. */
    enc_p_plus(sig, 1, 0);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(id_pk, msg, sizeof(msg), sig));
    /* R = identity with the sign bit set (x = 0, x_0 = 1). */
    enc_small_y(sig, 1, 1);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(id_pk, msg, sizeof(msg), sig));
    /* A = identity with y = p + 1, canonical R: A fails to decode. */
    enc_p_plus(id_pk, 1, 0);
    enc_small_y(sig, 1, 0);
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, tern_ed25519_verify(id_pk, msg, sizeof(msg), sig));
}

/* ---- properties ---------------------------------------------------------- */

static void test_sign_verify_random(void)
{
    uint8_t seed[32], pk[32], sig[64], sig2[64], msg[300];
    size_t len;
    int i;

    for (i = 0; i < 40; i++) {
        fill(seed, 32);
        len = (size_t)(i * 7) % sizeof(msg);
        fill(msg, len);
        EXPECT_OK(tern_ed25519_public(pk, seed));
        EXPECT_OK(tern_ed25519_sign(sig, msg, len, seed, NULL));
        EXPECT_OK(tern_ed25519_sign(sig2, msg, len, seed, pk));
        EXPECT_MEM_EQ(sig, sig2, 64);
        EXPECT_OK(tern_ed25519_verify(pk, msg, len, sig));
    }
    /* Empty message with a NULL pointer. */
    EXPECT_OK(tern_ed25519_sign(sig, NULL, 0, seed, pk));
    EXPECT_OK(tern_ed25519_verify(pk, NULL, 0, sig));
    /* Signature written over the message buffer. */
    fill(msg, 64);
    memcpy(sig2, msg, 64);
    EXPECT_OK(tern_ed25519_sign(sig, sig2, 64, seed, pk));
    EXPECT_OK(tern_ed25519_sign(sig2, sig2, 64, seed, pk));
    EXPECT_MEM_EQ(sig2, sig, 64);
}

static void test_usage(void)
{
#if TERN_CONFIG_USAGE_CHECKS
    uint8_t seed[32] = {1}, pk[32], sig[64], msg[1] = {0};

    EXPECT_ERR(TERN_ERR_USAGE, tern_ed25519_public(NULL, seed));
    EXPECT_ERR(TERN_ERR_USAGE, tern_ed25519_public(pk, NULL));
    EXPECT_ERR(TERN_ERR_USAGE, tern_ed25519_sign(NULL, msg, 1, seed, NULL));
    EXPECT_ERR(TERN_ERR_USAGE, tern_ed25519_sign(sig, NULL, 1, seed, NULL));
    EXPECT_ERR(TERN_ERR_USAGE, tern_ed25519_sign(sig, msg, 1, NULL, NULL));
    EXPECT_OK(tern_ed25519_public(pk, seed));
    EXPECT_OK(tern_ed25519_sign(sig, msg, 1, seed, NULL));
    EXPECT_ERR(TERN_ERR_USAGE, tern_ed25519_verify(NULL, msg, 1, sig));
    EXPECT_ERR(TERN_ERR_USAGE, tern_ed25519_verify(pk, NULL, 1, sig));
    EXPECT_ERR(TERN_ERR_USAGE, tern_ed25519_verify(pk, msg, 1, NULL));
#else
    TEST_SKIP("TERN_CONFIG_USAGE_CHECKS is off");
#endif
}

static void test_sig_class(void)
{
    const tern_sig_class *cls = &tern_sig_ed25519;
    uint8_t seed[32], pk[32], sig[80], msg[40];
    size_t sig_len;
    tern_privkey priv;
    tern_pubkey pub;

    EXPECT_STR_EQ(cls->name, "ed25519");
    EXPECT_EQ(cls->scheme, TERN_SIG_ED25519);
    EXPECT_EQ(cls->scheme, 0x0807);
    EXPECT_EQ(cls->key_type, TERN_KEY_ED25519);
    EXPECT_TRUE(cls->hash == NULL);

    fill(seed, 32);
    fill(msg, sizeof(msg));
    EXPECT_OK(tern_ed25519_public(pk, seed));
    memset(&priv, 0, sizeof(priv));
    priv.type = TERN_KEY_ED25519;
    priv.u.ed25519.seed = seed;
    priv.u.ed25519.pk = NULL;
    memset(&pub, 0, sizeof(pub));
    pub.type = TERN_KEY_ED25519;
    pub.u.ed25519.pk = pk;

    sig_len = sizeof(sig);
    EXPECT_OK(cls->sign(cls, &priv, NULL, msg, sizeof(msg), sig, &sig_len));
    EXPECT_EQ_U(sig_len, 64);
    EXPECT_OK(cls->verify(cls, &pub, msg, sizeof(msg), sig, 64));
    priv.u.ed25519.pk = pk;
    sig_len = 64;
    EXPECT_OK(cls->sign(cls, &priv, NULL, msg, sizeof(msg), sig, &sig_len));
    EXPECT_OK(cls->verify(cls, &pub, msg, sizeof(msg), sig, 64));

    /* Lengths other than 64, trailing garbage, wrong key types. */
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, cls->verify(cls, &pub, msg, sizeof(msg), sig, 63));
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, cls->verify(cls, &pub, msg, sizeof(msg), sig, 65));
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, cls->verify(cls, &pub, msg, sizeof(msg), sig, 0));
    pub.type = TERN_KEY_EC;
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, cls->verify(cls, &pub, msg, sizeof(msg), sig, 64));
    pub.type = TERN_KEY_ED25519;
    pub.u.ed25519.pk = NULL;
    EXPECT_ERR(TERN_ERR_BAD_SIGNATURE, cls->verify(cls, &pub, msg, sizeof(msg), sig, 64));

    sig_len = 63;
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
               cls->sign(cls, &priv, NULL, msg, sizeof(msg), sig, &sig_len));
    priv.type = TERN_KEY_RSA;
    sig_len = 64;
    EXPECT_ERR(TERN_ERR_BAD_KEY, cls->sign(cls, &priv, NULL, msg, sizeof(msg), sig, &sig_len));
    priv.type = TERN_KEY_ED25519;
    priv.u.ed25519.seed = NULL;
    EXPECT_ERR(TERN_ERR_BAD_KEY, cls->sign(cls, &priv, NULL, msg, sizeof(msg), sig, &sig_len));
}

int main(void)
{
    RUN_TEST(test_rfc8032);
    RUN_TEST(test_wycheproof);
    RUN_TEST(test_modified_signature);
    RUN_TEST(test_noncanonical_s);
    RUN_TEST(test_bad_public_keys);
    RUN_TEST(test_identity_key);
    RUN_TEST(test_sign_verify_random);
    RUN_TEST(test_usage);
    RUN_TEST(test_sig_class);
    return TEST_REPORT();
}

#else

static void test_compiled_out(void)
{
    TEST_SKIP("Ed25519 compiled out (TERN_CONFIG_ED25519 = 0)");
}

int main(void)
{
    RUN_TEST(test_compiled_out);
    return TEST_REPORT() == 0 ? 77 : 1;
}

#endif
