/*
 * Finite-field Diffie-Hellman: Botan dh.vec (NIST KAS-FFC) and
 * dh_invalid.vec, the RFC 5114 Appendix A test data (read from the RFC
 * text), the RFC 7919 primes compared with the RFC text, ffdhe2048 and
 * ffdhe3072 round trips through the kex classes, and rejection of bad
 * peer values and bad groups.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rsa_test_util.h"
#include "tern/dh.h"
#include "tern_test.h"
#include "tv.h"

/* ---- RFC text ------------------------------------------------------------ */

static char *read_rfc(const char *name)
{
    char path[1024];
    size_t len;
    snprintf(path, sizeof(path), "%s/../rfc/%s", tv_dir(), name);
    return tv_read_file(path, &len);
}

static int is_page_break(const char *line, size_t n)
{
    size_t i;
    if (n >= 3 && strncmp(line, "RFC", 3) == 0) {
        return 1;
    }
    for (i = 0; i + 5 <= n; i++) {
        if (strncmp(line + i, "[Page", 5) == 0) {
            return 1;
        }
    }
    return n > 0 && line[0] == '\f';
}

/* The hex value "name = ..." after the heading `section` (a line that
 * starts with it), or the value on the lines after a heading line
 * `name` that ends in ':'. Continuation lines hold only hex groups;
 * blank lines and page breaks are skipped. Returns the byte length, or 0. */
static size_t rfc_hex(const char *text, const char *section, const char *name, uint8_t *out,
                      size_t cap)
{
    char want[32];
    const char *p = text, *line;
    char hex[4096];
    size_t hn = 0, nlen = strlen(name);
    int collecting = 0;

    snprintf(want, sizeof(want), "\n%s", section);
    p = strstr(p, want);
    if (p == NULL) {
        return 0;
    }
    for (line = p + 1; *line != '\0';) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        const char *q = line;
        while (q < line + n && *q == ' ') {
            q++;
        }
        if (!collecting) {
            if ((size_t)(line + n - q) >= nlen && strncmp(q, name, nlen) == 0) {
                const char *r = q + nlen;
                while (*r == ' ') {
                    r++;
                }
                if (*r == '=') {
                    collecting = 1;
                    q = r + 1;
                } else if (name[nlen - 1] == ':') {
                    collecting = 1; /* a heading line: the value follows */
                    q = line + n;
                }
            }
        } else if (q == line + n || is_page_break(line, n)) {
            q = line + n; /* nothing to take */
        } else {
            const char *r;
            for (r = q; r < line + n; r++) {
                if (!isxdigit((unsigned char)*r) && *r != ' ') {
                    break;
                }
            }
            if (r < line + n) {
                break; /* the next item: done */
            }
        }
        if (collecting) {
            for (; q < line + n; q++) {
                if (isxdigit((unsigned char)*q) && hn + 1 < sizeof(hex)) {
                    hex[hn++] = *q;
                }
            }
        }
        if (end == NULL) {
            break;
        }
        line = end + 1;
    }
    hex[hn] = '\0';
    if (hn == 0 || hn / 2 > cap || tv_hex_fixed(hex, out, hn / 2) != 0) {
        return 0;
    }
    return hn / 2;
}

static void test_rfc7919_primes(void)
{
    char *text = read_rfc("rfc7919.txt");
    uint8_t p[512];
    size_t n;

    EXPECT_TRUE(text != NULL);
    if (text == NULL) {
        return;
    }
    n = rfc_hex(text, "A.1.  ffdhe2048", "The hexadecimal representation of p is:", p, sizeof(p));
    EXPECT_EQ_U(n, 256);
    EXPECT_EQ_U(tern_dh_ffdhe2048_group.p_len, 256);
    EXPECT_MEM_EQ(tern_dh_ffdhe2048_group.p, p, 256);
    n = rfc_hex(text, "A.2.  ffdhe3072", "The hexadecimal representation of p is:", p, sizeof(p));
    EXPECT_EQ_U(n, 384);
    EXPECT_EQ_U(tern_dh_ffdhe3072_group.p_len, 384);
    EXPECT_MEM_EQ(tern_dh_ffdhe3072_group.p, p, 384);
    EXPECT_EQ_U(tern_dh_ffdhe2048_group.g_len, 1);
    EXPECT_EQ(tern_dh_ffdhe2048_group.g[0], 2);
    free(text);
}

/* RFC 5114 Appendix A: yA = g^xA, yB = g^xB, Z = yB^xA = yA^xB. */
static void test_rfc5114(void)
{
    static const char *groups[3] = {"2.1.  ", "2.2.  ", "2.3.  "};
    static const char *tests[3] = {"A.1.  ", "A.2.  ", "A.3.  "};
    const char *file = "rfc5114.txt (Appendix A)";
    char *text = read_rfc("rfc5114.txt");
    tv_counts c;
    int i;

    tv_counts_init(&c, file);
    EXPECT_TRUE(text != NULL);
    if (text == NULL) {
        return;
    }
    for (i = 0; i < 3; i++) {
        uint8_t p[256], g[256], q[64], xa[64], ya[256], xb[64], yb[256], z[256];
        uint8_t out[256];
        size_t pl, gl, ql, xal, yal, xbl, ybl, zl;
        tern_dh_group grp;
        int ok;

        pl = rfc_hex(text, groups[i], "p", p, sizeof(p));
        gl = rfc_hex(text, groups[i], "g", g, sizeof(g));
        ql = rfc_hex(text, groups[i], "q", q, sizeof(q));
        xal = rfc_hex(text, tests[i], "xA", xa, sizeof(xa));
        yal = rfc_hex(text, tests[i], "yA", ya, sizeof(ya));
        xbl = rfc_hex(text, tests[i], "xB", xb, sizeof(xb));
        ybl = rfc_hex(text, tests[i], "yB", yb, sizeof(yb));
        zl = rfc_hex(text, tests[i], "Z", z, sizeof(z));
        if (pl == 0 || gl == 0 || ql == 0 || xal == 0 || yal != pl || xbl == 0 || ybl != pl ||
            zl != pl) {
            tv_fail(&c, tests[i], "cannot parse the RFC text");
            continue;
        }
        grp.p = p;
        grp.p_len = pl;
        grp.g = g;
        grp.g_len = gl;
        grp.q = q;
        grp.q_len = ql;
        ok = tern_dh_public(&grp, 1024, xa, xal, out) == TERN_OK && memcmp(out, ya, pl) == 0;
        ok = ok && tern_dh_public(&grp, 1024, xb, xbl, out) == TERN_OK && memcmp(out, yb, pl) == 0;
        ok = ok && tern_dh_derive(&grp, 1024, xa, xal, yb, ybl, out) == TERN_OK &&
             memcmp(out, z, pl) == 0;
        ok = ok && tern_dh_derive(&grp, 1024, xb, xbl, ya, yal, out) == TERN_OK &&
             memcmp(out, z, pl) == 0;
        /* without q (as in TLS) the same */
        grp.q = NULL;
        ok = ok && tern_dh_derive(&grp, 1024, xb, xbl, ya, yal, out) == TERN_OK &&
             memcmp(out, z, pl) == 0;
        tv_check(&c, ok, tests[i], "RFC 5114 values do not match");
        /* the 1024-bit group is below the default minimum */
        if (pl == 128) {
            EXPECT_ERR(TERN_ERR_KEY_TOO_SMALL, tern_dh_derive(&grp, 0, xb, xbl, ya, yal, out));
            EXPECT_ERR(TERN_ERR_KEY_TOO_SMALL, tern_dh_group_check(&grp, 0));
            EXPECT_OK(tern_dh_group_check(&grp, 1024));
        }
    }
    free(text);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

/* ---- Botan ------------------------------------------------------------------ */

static void test_botan_dh(void)
{
    const char *file = "botan/pubkey/dh.vec";
    tv_counts c;
    tv_kv kv;
    tv_fields f = {0};
    tv_kv_event ev;
    int have_q = 0, have_kdf = 0;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vectors");
        return;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        uint8_t *p = NULL, *g = NULL, *q = NULL, *x = NULL, *y = NULL, *k = NULL;
        size_t pl, gl, ql = 0, xl, yl, kl;
        uint8_t out[TERN_DH_MAX_LEN];
        tern_dh_group grp;
        char id[32];
        int ok;

        if (ev == TV_KV_SECTION) {
            tv_fields_clear(&f);
            have_q = have_kdf = 0;
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        /* Q and KDF belong to the P they follow: later groups without a
         * Q line (the "source unknown" ones) have none. */
        if (strcmp(kv.key, "P") == 0) {
            have_q = 0;
            have_kdf = 0;
        } else if (strcmp(kv.key, "Q") == 0) {
            have_q = 1;
        } else if (strcmp(kv.key, "KDF") == 0) {
            have_kdf = 1;
        }
        if (strcmp(kv.key, "K") != 0) {
            continue;
        }
        snprintf(id, sizeof(id), "line %d", kv.line);
        if (have_kdf) {
            tv_skip(&c, "KDF/OutLen entry: Botan applies a KDF to the shared secret");
            continue;
        }
        if (test_parse_num(tv_fields_get(&f, "P"), &p, &pl) != 0 ||
            test_parse_num(tv_fields_get(&f, "G"), &g, &gl) != 0 ||
            test_parse_num(tv_fields_get(&f, "X"), &x, &xl) != 0 ||
            test_parse_num(tv_fields_get(&f, "Y"), &y, &yl) != 0 ||
            tv_hex(tv_fields_get(&f, "K"), &k, &kl) != 0 ||
            (have_q && test_parse_num(tv_fields_get(&f, "Q"), &q, &ql) != 0)) {
            tv_fail(&c, id, "bad number");
        } else {
            grp.p = p;
            grp.p_len = pl;
            grp.g = g;
            grp.g_len = gl;
            grp.q = q;
            grp.q_len = ql;
            ok = kl == pl && tern_dh_derive(&grp, 1, x, xl, y, yl, out) == TERN_OK &&
                 memcmp(out, k, kl) == 0;
            tv_check(&c, ok, id, "K differs");
        }
        free(p);
        free(g);
        free(q);
        free(x);
        free(y);
        free(k);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

/* Public keys failing the SP 800-56A checks (y^q != 1): rejected. */
static void test_botan_dh_invalid(void)
{
    const char *file = "botan/pubkey/dh_invalid.vec";
    static const uint8_t x[2] = {0x12, 0x34};
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
        uint8_t *p = NULL, *g = NULL, *q = NULL, *y = NULL;
        size_t pl, gl, ql, yl;
        uint8_t out[TERN_DH_MAX_LEN];
        tern_dh_group grp;
        char id[32];

        if (ev != TV_KV_FIELD) {
            continue;
        }
        tv_fields_set(&f, kv.key, kv.value);
        if (strcmp(kv.key, "InvalidKey") != 0) {
            continue;
        }
        snprintf(id, sizeof(id), "line %d", kv.line);
        if (test_parse_num(tv_fields_get(&f, "P"), &p, &pl) != 0 ||
            test_parse_num(tv_fields_get(&f, "G"), &g, &gl) != 0 ||
            test_parse_num(tv_fields_get(&f, "Q"), &q, &ql) != 0 ||
            test_parse_num(kv.value, &y, &yl) != 0) {
            tv_fail(&c, id, "bad number");
        } else {
            grp.p = p;
            grp.p_len = pl;
            grp.g = g;
            grp.g_len = gl;
            grp.q = q;
            grp.q_len = ql;
            tv_check(&c, tern_dh_derive(&grp, 1, x, sizeof(x), y, yl, out) == TERN_ERR_BAD_POINT,
                     id, "invalid public key accepted");
        }
        free(p);
        free(g);
        free(q);
        free(y);
    }
    tv_fields_clear(&f);
    tv_kv_close(&kv);
    EXPECT_EQ(tv_counts_print(&c), 0);
}

/* ---- RFC 7919 groups through the kex classes ---------------------------------- */

static void round_trip(const tern_kex_class *cls, uint64_t seed)
{
    uint8_t pa[TERN_KEX_MAX_PRIV], pb[TERN_KEX_MAX_PRIV];
    uint8_t ya[TERN_KEX_MAX_PUB], yb[TERN_KEX_MAX_PUB];
    uint8_t za[TERN_KEX_MAX_SECRET], zb[TERN_KEX_MAX_SECRET];
    test_rng rng;

    test_rng_init(&rng, seed);
    EXPECT_OK(cls->keygen(cls, &rng.vtable, pa, ya));
    EXPECT_OK(cls->keygen(cls, &rng.vtable, pb, yb));
    EXPECT_TRUE((pa[0] & 0x80) != 0); /* exactly 8 priv_len bits */
    EXPECT_OK(cls->derive(cls, pa, yb, cls->pub_len, za));
    EXPECT_OK(cls->derive(cls, pb, ya, cls->pub_len, zb));
    EXPECT_MEM_EQ(za, zb, cls->secret_len);
    EXPECT_TRUE(memcmp(ya, yb, cls->pub_len) != 0);
}

static void test_ffdhe_round_trips(void)
{
    uint64_t s;
    EXPECT_STR_EQ(tern_kex_ffdhe2048.name, "ffdhe2048");
    EXPECT_EQ(tern_kex_ffdhe2048.group, TERN_GROUP_FFDHE2048);
    EXPECT_EQ(tern_kex_ffdhe2048.priv_len, 32);
    EXPECT_EQ(tern_kex_ffdhe2048.pub_len, 256);
    EXPECT_EQ(tern_kex_ffdhe3072.group, TERN_GROUP_FFDHE3072);
    EXPECT_EQ(tern_kex_ffdhe3072.priv_len, 36);
    EXPECT_EQ(tern_kex_ffdhe3072.secret_len, 384);
    for (s = 1; s <= 3; s++) {
        round_trip(&tern_kex_ffdhe2048, s);
    }
    if (TERN_CONFIG_MAX_RSA_BITS >= 3072) {
        round_trip(&tern_kex_ffdhe3072, 9);
    }
}

/* peer values 0, 1, p - 1, p, p + 1, 2^2048 - 1, too long, empty */
static void test_bad_peer_values(void)
{
    const tern_kex_class *cls = &tern_kex_ffdhe2048;
    const tern_dh_group *grp = &tern_dh_ffdhe2048_group;
    uint8_t priv[32], pub[256], y[257], z[256];
    test_rng rng;
    size_t i;

    test_rng_init(&rng, 42);
    EXPECT_OK(cls->keygen(cls, &rng.vtable, priv, pub));

    memset(y, 0, sizeof(y));
    EXPECT_ERR(TERN_ERR_BAD_POINT, cls->derive(cls, priv, y, 256, z)); /* 0 */
    y[255] = 1;
    EXPECT_ERR(TERN_ERR_BAD_POINT, cls->derive(cls, priv, y, 256, z));     /* 1 */
    EXPECT_ERR(TERN_ERR_BAD_POINT, cls->derive(cls, priv, y + 255, 1, z)); /* 1, short */
    memcpy(y, grp->p, 256);
    EXPECT_ERR(TERN_ERR_BAD_POINT, cls->derive(cls, priv, y, 256, z)); /* p */
    y[255] ^= 1;
    EXPECT_ERR(TERN_ERR_BAD_POINT, cls->derive(cls, priv, y, 256, z)); /* p - 1 */
    memcpy(y, grp->p, 256);
    for (i = 256; i-- > 0;) { /* p + 1 */
        if (++y[i] != 0) {
            break;
        }
    }
    EXPECT_ERR(TERN_ERR_BAD_POINT, cls->derive(cls, priv, y, 256, z));
    memset(y, 0xff, sizeof(y));
    EXPECT_ERR(TERN_ERR_BAD_POINT, cls->derive(cls, priv, y, 256, z)); /* 2^2048 - 1 > p */
    EXPECT_ERR(TERN_ERR_BAD_POINT, cls->derive(cls, priv, y, 257, z)); /* too long */
    EXPECT_ERR(TERN_ERR_BAD_POINT, cls->derive(cls, priv, y, 0, z));   /* empty */
    /* the same through the generic API, which also takes leading zeros */
    memset(y, 0, sizeof(y));
    y[256] = 1;
    EXPECT_ERR(TERN_ERR_BAD_POINT, tern_dh_derive(grp, 0, priv, 32, y, 257, z));
    y[256] = 2; /* 2 = g: valid, 257 bytes with a leading zero */
    EXPECT_OK(tern_dh_derive(grp, 0, priv, 32, y, 257, z));
    EXPECT_MEM_EQ(z, pub, 256); /* 2^x = our public value */
    y[256] = 0;
    EXPECT_ERR(TERN_ERR_BAD_POINT, tern_dh_derive(grp, 0, priv, 32, y, 257, z));
    /* p - 2 is the largest valid value */
    memcpy(y, grp->p, 256);
    y[255] -= 2;
    EXPECT_OK(cls->derive(cls, priv, y, 256, z));
}

static void test_bad_groups(void)
{
    uint8_t p[256], g[256], q[8], x[32], out[256];
    tern_dh_group grp;
    test_rng rng, failing;

    memcpy(p, tern_dh_ffdhe2048_group.p, 256);
    memset(x, 0x55, sizeof(x));
    grp.p = p;
    grp.p_len = 256;
    grp.g = g;
    grp.g_len = 1;
    grp.q = NULL;
    grp.q_len = 0;
    g[0] = 2;
    EXPECT_OK(tern_dh_group_check(&grp, 0));
    EXPECT_OK(tern_dh_group_check(&grp, 2048));
    EXPECT_ERR(TERN_ERR_KEY_TOO_SMALL, tern_dh_group_check(&grp, 2049));
    /* generator 0, 1, p - 1, p, too long */
    g[0] = 0;
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_dh_group_check(&grp, 0));
    g[0] = 1;
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_dh_group_check(&grp, 0));
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_dh_public(&grp, 0, x, sizeof(x), out));
    memcpy(g, p, 256);
    grp.g_len = 256;
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_dh_group_check(&grp, 0));
    g[255] ^= 1;
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_dh_group_check(&grp, 0));
    g[255] ^= 1;
    g[255] -= 2; /* p - 2: fine */
    EXPECT_OK(tern_dh_group_check(&grp, 0));
    grp.g_len = 1;
    g[0] = 2;
    /* even p */
    p[255] ^= 1;
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_dh_group_check(&grp, 0));
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_dh_derive(&grp, 0, x, sizeof(x), g, 1, out));
    p[255] ^= 1;
    /* leading zero bytes in p are ignored */
    {
        uint8_t p0[257];
        p0[0] = 0;
        memcpy(p0 + 1, p, 256);
        grp.p = p0;
        grp.p_len = 257;
        EXPECT_EQ_U(tern_dh_len(&grp), 256);
        EXPECT_OK(tern_dh_public(&grp, 0, x, sizeof(x), out));
        grp.p = p;
        grp.p_len = 256;
    }
    /* q out of range: 0, 1, >= p */
    grp.q = q;
    grp.q_len = 1;
    q[0] = 1;
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_dh_group_check(&grp, 0));
    q[0] = 0;
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_dh_group_check(&grp, 0));
    grp.q = p;
    grp.q_len = 256;
    EXPECT_ERR(TERN_ERR_BAD_KEY, tern_dh_group_check(&grp, 0));
    grp.q = NULL;
    /* private length: 0 or longer than p */
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_dh_public(&grp, 0, x, 0, out));
    test_rng_init(&rng, 3);
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_dh_keygen(&grp, 0, &rng.vtable, x, 256, out));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_dh_keygen(&grp, 0, &rng.vtable, x, 0, out));
    /* a failing rng fails keygen */
    failing.vtable = &failing_rng_class;
    EXPECT_ERR(TERN_ERR_ENTROPY, tern_dh_keygen(&grp, 0, &failing.vtable, x, 32, out));
    /* p too large for the build */
    {
        static uint8_t big[TERN_DH_MAX_LEN + 1];
        memset(big, 0xff, sizeof(big));
        grp.p = big;
        grp.p_len = sizeof(big);
        EXPECT_ERR(TERN_ERR_BAD_KEY, tern_dh_group_check(&grp, 0));
    }
}

/* A shared secret of 1 (a peer value of small order in a toy group,
 * p = 7, g = 2 of order 3) is refused and the output zeroed. */
static void test_secret_one(void)
{
    static const uint8_t p[1] = {7}, g[1] = {2}, y[1] = {2}, x3[1] = {3}, x2[1] = {2};
    tern_dh_group grp = {p, 1, g, 1, NULL, 0};
    uint8_t z[1] = {0xaa};

    EXPECT_ERR(TERN_ERR_BAD_SHARED_SECRET, tern_dh_derive(&grp, 1, x3, 1, y, 1, z));
    EXPECT_EQ(z[0], 0);
    EXPECT_OK(tern_dh_derive(&grp, 1, x2, 1, y, 1, z));
    EXPECT_EQ(z[0], 4);
}

static void test_priv_len(void)
{
    EXPECT_EQ_U(tern_dh_priv_len(2048), 32);
    EXPECT_EQ_U(tern_dh_priv_len(3072), 36);
    EXPECT_EQ_U(tern_dh_priv_len(4096), 42);
    EXPECT_EQ_U(tern_dh_priv_len(6144), 48);
    EXPECT_EQ_U(tern_dh_priv_len(8192), 51);
    EXPECT_EQ_U(tern_dh_priv_len(256), 31);             /* capped below p */
    EXPECT_TRUE(8 * tern_dh_priv_len(2048) - 1 >= 225); /* RFC 7919 A.1 */
    EXPECT_TRUE(8 * tern_dh_priv_len(3072) - 1 >= 275); /* RFC 7919 A.2 */
    EXPECT_TRUE(tern_kex_ffdhe2048.priv_len == tern_dh_priv_len(2048));
    EXPECT_TRUE(tern_kex_ffdhe3072.priv_len == tern_dh_priv_len(3072));
}

int main(void)
{
    RUN_TEST(test_rfc7919_primes);
    RUN_TEST(test_rfc5114);
    RUN_TEST(test_botan_dh);
    RUN_TEST(test_botan_dh_invalid);
    RUN_TEST(test_ffdhe_round_trips);
    RUN_TEST(test_bad_peer_values);
    RUN_TEST(test_bad_groups);
    RUN_TEST(test_secret_one);
    RUN_TEST(test_priv_len);
    return TEST_REPORT();
}
