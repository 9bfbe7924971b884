/*
 * RSA_PSK (RFC 4279 4; RFC 5487; RFC 7905), tern client against tern
 * server: every suite with and without an identity hint, CBC suites with
 * encrypt-then-MAC and MAC-then-encrypt, PSK callbacks; what must fail:
 * a wrong PSK and every kind of bad RSA ciphertext (the same error and
 * alert, at the client's Finished), an unknown identity
 * (unknown_psk_identity), a leaf without keyEncipherment, an untrusted
 * certificate, suites not named in the list, a server without a
 * credential. Built a second time against the TLS 1.0/1.1 library
 * (tests/rsa_psk/tests.cmake), where the CBC-SHA suites also run in the
 * old versions.
 */
#include "engine_test_util.h"
#include "tern/rsa.h"
#include "tern/util.h"

static et_cred srv_rsa;

static const uint8_t psk_a[16] = {0x0f, 0x1e, 0x2d, 0x3c, 0x4b, 0x5a, 0x69, 0x78,
                                  0x87, 0x96, 0xa5, 0xb4, 0xc3, 0xd2, 0xe1, 0xf0};
static const uint8_t psk_b[16] = {0x0f, 0x1e, 0x2d, 0x3c, 0x4b, 0x5a, 0x69, 0x78,
                                  0x87, 0x96, 0xa5, 0xb4, 0xc3, 0xd2, 0xe1, 0xf1};

#include "kx_test_util.h" /* uses psk_a, psk_b */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const char *name;
    uint16_t id;
    int cbc;
    int des;
} suites[] = {
    {"TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", TERN_TLS_RSA_PSK_WITH_AES_128_GCM_SHA256, 0, 0},
    {"TLS_RSA_PSK_WITH_AES_256_GCM_SHA384", TERN_TLS_RSA_PSK_WITH_AES_256_GCM_SHA384, 0, 0},
    {"TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256", TERN_TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256, 0,
     0},
    {"TLS_RSA_PSK_WITH_AES_128_CBC_SHA256", TERN_TLS_RSA_PSK_WITH_AES_128_CBC_SHA256, 1, 0},
    {"TLS_RSA_PSK_WITH_AES_256_CBC_SHA384", TERN_TLS_RSA_PSK_WITH_AES_256_CBC_SHA384, 1, 0},
    {"TLS_RSA_PSK_WITH_AES_128_CBC_SHA", TERN_TLS_RSA_PSK_WITH_AES_128_CBC_SHA, 1, 0},
    {"TLS_RSA_PSK_WITH_AES_256_CBC_SHA", TERN_TLS_RSA_PSK_WITH_AES_256_CBC_SHA, 1, 0},
    {"TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA", TERN_TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA, 1, 1},
};

/* ---- configurations ------------------------------------------------------------ */

static void set_psk(tern_config *cfg, const char *id, const uint8_t *key, size_t key_len)
{
    if (tern_config_set_psk(cfg, (const uint8_t *)id, strlen(id), key, key_len) != TERN_OK) {
        exit(2);
    }
}

/* Both sides name suite, hold psk_a for "client1"; the server has the
 * RSA credential and, when hint, an identity hint. */
static void pair_cfg(tern_config *ccfg, tern_config *scfg, const char *suite, int hint)
{
    client_cfg(ccfg, suite);
    server_cfg(scfg, suite, &srv_rsa);
    set_psk(ccfg, "client1", psk_a, sizeof(psk_a));
    set_psk(scfg, "client1", psk_a, sizeof(psk_a));
    if (hint && tern_config_set_psk_hint(scfg, (const uint8_t *)"rsa-psk hint", 12) != TERN_OK) {
        exit(2);
    }
}

static int handshake(const tern_config *ccfg, const tern_config *scfg, et_hook hook, void *user,
                     et_pair *p)
{
    int rc = et_pair_init(p, ccfg, scfg);
    if (rc != TERN_OK) {
        fprintf(stderr, "  connection init: %s\n", tern_strerror(rc));
        exit(1);
    }
    p->hook = hook;
    p->hook_user = user;
    et_pump(p);
    return et_done(p) && et_exchange(p, 3000);
}

/* A pair that must succeed with suite id (and etm as asked when >= 0). */
static int run_ok(const tern_config *ccfg, const tern_config *scfg, uint16_t id, int etm,
                  uint16_t version)
{
    et_pair p;
    tern_conn_info ci, si;
    int ok = handshake(ccfg, scfg, NULL, NULL, &p);
    if (!ok) {
        int sent;
        fprintf(stderr, "  handshake failed (0x%04x): client %s, server %s, alert %d\n", id,
                tern_strerror(tern_conn_error(p.c)), tern_strerror(tern_conn_error(p.s)),
                tern_conn_last_alert(p.c, &sent));
    }
    if (ok && (tern_conn_get_info(p.c, &ci) != TERN_OK || tern_conn_get_info(p.s, &si) != TERN_OK ||
               ci.suite != id || si.suite != id || ci.version != version || si.version != version ||
               (etm >= 0 && (ci.etm != etm || si.etm != etm)))) {
        fprintf(stderr, "  info mismatch (0x%04x): got 0x%04x / 0x%04x, version %04x\n", id,
                ci.suite, si.suite, ci.version);
        ok = 0;
    }
    et_pair_free(&p);
    return ok;
}

static void run_fail(const tern_config *ccfg, const tern_config *scfg, et_hook hook, void *user,
                     int *c_err, int *s_err, int *c_alert, int *s_alert)
{
    et_pair p;
    int sent;
    (void)handshake(ccfg, scfg, hook, user, &p);
    *c_err = tern_conn_error(p.c);
    *s_err = tern_conn_error(p.s);
    *c_alert = tern_conn_last_alert(p.c, &sent);
    *s_alert = tern_conn_last_alert(p.s, &sent);
    et_pair_free(&p);
}

/* ---- every suite ------------------------------------------------------------------- */

/* Every suite, with and without a hint; CBC suites with encrypt-then-MAC
 * and with MAC-then-encrypt (the client does not offer RFC 7366). */
static void test_suites(void)
{
    size_t i;
    int hint, no_etm;
    for (i = 0; i < COUNT(suites); i++) {
        EXPECT_EQ_U(tern_suite_by_name(suites[i].name), suites[i].id);
        if (suites[i].des && !TERN_CONFIG_3DES) {
            printf("  skip %s: TERN_CONFIG_3DES is 0 in this build\n", suites[i].name);
            continue;
        }
        for (hint = 0; hint < 2; hint++) {
            for (no_etm = 0; no_etm < (suites[i].cbc ? 2 : 1); no_etm++) {
                tern_config ccfg, scfg;
                pair_cfg(&ccfg, &scfg, suites[i].name, hint);
                ccfg.disable_etm = (uint8_t)no_etm;
                if (!run_ok(&ccfg, &scfg, suites[i].id, suites[i].cbc ? !no_etm : 0, TERN_TLS12)) {
                    fprintf(stderr, "  suite %s, hint %d, etm %d\n", suites[i].name, hint,
                            suites[i].cbc && !no_etm);
                    EXPECT_TRUE(0);
                }
                tern_config_wipe(&ccfg);
                tern_config_wipe(&scfg);
            }
        }
    }
}

/* PSKs of 1 and 64 bytes (TERN_MAX_PSK): premasters of 53 and 116
 * bytes, the longer one above a SHA-256 block (tern_kx_set_pms). */
static void test_psk_lengths(void)
{
    static const size_t lens[] = {1, 33, TERN_MAX_PSK};
    uint8_t key[TERN_MAX_PSK];
    size_t i, k;
    for (k = 0; k < sizeof(key); k++) {
        key[k] = (uint8_t)(0xa5 ^ k);
    }
    for (i = 0; i < COUNT(lens); i++) {
        tern_config ccfg, scfg;
        client_cfg(&ccfg, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384:TLS_RSA_PSK_WITH_AES_128_CBC_SHA");
        server_cfg(&scfg, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA", &srv_rsa);
        set_psk(&ccfg, "long", key, lens[i]);
        set_psk(&scfg, "long", key, lens[i]);
        EXPECT_TRUE(run_ok(&ccfg, &scfg, TERN_TLS_RSA_PSK_WITH_AES_128_CBC_SHA, 1, TERN_TLS12));
        server_cfg(&scfg, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384", &srv_rsa);
        set_psk(&scfg, "long", key, lens[i]);
        EXPECT_TRUE(run_ok(&ccfg, &scfg, TERN_TLS_RSA_PSK_WITH_AES_256_GCM_SHA384, 0, TERN_TLS12));
        tern_config_wipe(&ccfg);
        tern_config_wipe(&scfg);
    }
}

/* ---- PSK failures and callbacks ---------------------------------------------------- */

static void test_wrong_psk(void)
{
    size_t i;
    for (i = 0; i < COUNT(suites); i++) {
        tern_config ccfg, scfg;
        int ce, se, ca, sa;
        if (suites[i].des && !TERN_CONFIG_3DES) {
            continue;
        }
        pair_cfg(&ccfg, &scfg, suites[i].name, (int)(i & 1));
        set_psk(&scfg, "client1", psk_b, sizeof(psk_b));
        run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
        /* the server cannot open the client's Finished (RFC 5246 7.2.2) */
        EXPECT_EQ(se, TERN_ERR_BAD_RECORD_MAC);
        EXPECT_EQ(sa, 20);
        EXPECT_EQ(ca, 20);
        EXPECT_NE(ce, TERN_OK);
    }
}

static void test_unknown_identity(void)
{
    tern_config ccfg, scfg;
    int ce, se, ca, sa;
    pair_cfg(&ccfg, &scfg, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", 1);
    set_psk(&ccfg, "mallory", psk_a, sizeof(psk_a));
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_EQ(se, TERN_ERR_UNKNOWN_PSK_IDENTITY);
    EXPECT_EQ(sa, 115);
    EXPECT_EQ(ca, 115);
    tern_config_wipe(&ccfg);
    tern_config_wipe(&scfg);
}

/* The callbacks of plain PSK serve RSA_PSK: the client sees the hint
 * (or none), the server looks the identity up. */
static void test_callbacks(void)
{
    tern_config ccfg, scfg;
    int ce, se, ca, sa;
    client_cfg(&ccfg, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256");
    server_cfg(&scfg, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", &srv_rsa);
    ccfg.psk_client_cb = client_cb;
    scfg.psk_server_cb = server_cb;
    EXPECT_OK(tern_config_set_psk_hint(&scfg, (const uint8_t *)"zone-b", 6));
    client_cb_calls = 0;
    EXPECT_TRUE(run_ok(&ccfg, &scfg, TERN_TLS_RSA_PSK_WITH_AES_128_GCM_SHA256, 0, TERN_TLS12));
    EXPECT_STR_EQ(seen_hint, "zone-b");
    EXPECT_EQ(client_cb_calls, 1);
    /* another hint: the client picks the other key, which fails */
    EXPECT_OK(tern_config_set_psk_hint(&scfg, (const uint8_t *)"zone-a", 6));
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_EQ(se, TERN_ERR_BAD_RECORD_MAC);
    EXPECT_STR_EQ(seen_hint, "zone-a");
    /* no hint: no ServerKeyExchange, the callback sees none */
    EXPECT_OK(tern_config_set_psk_hint(&scfg, NULL, 0));
    strcpy(seen_hint, "x");
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_STR_EQ(seen_hint, "");
    EXPECT_EQ(se, TERN_ERR_BAD_RECORD_MAC); /* psk_a against psk_b */
    /* an identity the server callback does not know */
    {
        tern_config c2;
        client_cfg(&c2, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256");
        set_psk(&c2, "bob", psk_b, sizeof(psk_b));
        run_fail(&c2, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
        EXPECT_EQ(se, TERN_ERR_UNKNOWN_PSK_IDENTITY);
        EXPECT_EQ(ca, 115);
        tern_config_wipe(&c2);
    }
    /* a client callback that refuses aborts the handshake */
    scfg.psk_server_cb = NULL;
    set_psk(&scfg, "bob", psk_a, sizeof(psk_a));
    EXPECT_OK(
        tern_config_set_psk_hint(&scfg, (const uint8_t *)"this hint is far too long for cb", 32));
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_EQ(ce, TERN_ERR_BAD_ARG);
    tern_config_wipe(&scfg);
}

/* ---- the flow: hint or not, certificate ------------------------------------------ */

/* Counts the server's handshake messages by type (plaintext records). */
typedef struct counter {
    int seen[24];
    int ccs; /* the server's ChangeCipherSpec went by: encrypted from here */
} counter;

static int count_hook(void *user, int dir, uint8_t *buf, size_t *len)
{
    counter *k = (counter *)user;
    size_t pos = 5;
    if (dir == 1 && *len >= 1 && buf[0] == 20) {
        k->ccs = 1;
    }
    if (dir != 1 || k->ccs || *len < 5 || buf[0] != 22) {
        return 0;
    }
    while (pos + 4 <= *len) {
        size_t n = ((size_t)buf[pos + 1] << 16) | ((size_t)buf[pos + 2] << 8) | buf[pos + 3];
        if (buf[pos] < COUNT(k->seen)) {
            k->seen[buf[pos]]++;
        }
        if (pos + 4 + n > *len) {
            break;
        }
        pos += 4 + n;
    }
    return 0;
}

/* RFC 4279 4: Certificate always, ServerKeyExchange only with a hint. */
static void test_flow(void)
{
    int hint;
    for (hint = 0; hint < 2; hint++) {
        tern_config ccfg, scfg;
        counter k;
        et_pair p;
        memset(&k, 0, sizeof(k));
        pair_cfg(&ccfg, &scfg, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", hint);
        EXPECT_TRUE(handshake(&ccfg, &scfg, count_hook, &k, &p));
        et_pair_free(&p);
        EXPECT_EQ(k.seen[11], 1); /* Certificate */
        EXPECT_EQ(k.seen[12], hint);
        EXPECT_EQ(k.seen[14], 1); /* ServerHelloDone */
    }
}

/* ---- bad RSA ciphertexts: no oracle ------------------------------------------------ */

typedef struct tamper {
    int mode;
    int done;
    const tern_rsa_pubkey *rsa;
} tamper;

/* Replaces the EncryptedPreMasterSecret of the ClientKeyExchange (after
 * the psk_identity) with one made here, by mode:
 * 0 well padded, right version, wrong value; 1 wrong version; 2 block
 * type 1; 3 no zero separator; 4 a 47-byte message; 5 first byte not
 * zero; 6 ciphertext above the modulus; 7 ciphertext zero. */
static int tamper_hook(void *user, int dir, uint8_t *buf, size_t *len)
{
    tamper *t = (tamper *)user;
    size_t off, n, id_len, k, i;
    uint8_t em[512], *ct;

    if (t->done || dir != 0 || *len < 9 || buf[0] != 22 || buf[5] != 16) {
        return 0;
    }
    off = 9;
    n = ((size_t)buf[6] << 16) | ((size_t)buf[7] << 8) | buf[8];
    k = t->rsa->n_len;
    if (n < 2 || off + n > *len) {
        return 0;
    }
    id_len = ((size_t)buf[off] << 8) | buf[off + 1];
    if (n != 2 + id_len + 2 + k || k > sizeof(em)) {
        fprintf(stderr, "unexpected ClientKeyExchange (%u bytes)\n", (unsigned)n);
        exit(2);
    }
    ct = buf + off + 2 + id_len + 2;
    memset(em, 0x5a, sizeof(em));
    em[0] = 0;
    em[1] = 2;
    em[k - 49] = 0;
    for (i = 0; i < 48; i++) {
        em[k - 48 + i] = (uint8_t)(i * 11 + 3);
    }
    em[k - 48] = 3;
    em[k - 47] = 3;
    switch (t->mode) {
    case 1:
        em[k - 47] = 1;
        break;
    case 2:
        em[1] = 1;
        break;
    case 3:
        em[k - 49] = 0x5a;
        break;
    case 4:
        em[k - 49] = 0x5a;
        em[k - 48] = 0;
        break;
    case 5:
        em[0] = 1;
        break;
    default:
        break;
    }
    if (t->mode == 6) {
        memset(ct, 0xff, k);
    } else if (t->mode == 7) {
        memset(ct, 0, k);
    } else if (tern_rsa_public(t->rsa, em, k, ct) != TERN_OK) {
        fprintf(stderr, "cannot encrypt the test premaster (%d)\n", t->mode);
        exit(2);
    }
    t->done = 1;
    return 0;
}

static void test_bad_ciphertext(void)
{
    tern_pubkey pub;
    int mode, first_se = 0, first_sa = 0, first_ce = 0;

    EXPECT_OK(tern_x509_cert_pubkey(srv_rsa.chain[0], srv_rsa.lens[0], &pub));
    for (mode = 0; mode < 8; mode++) {
        tern_config ccfg, scfg;
        tamper t;
        int ce, se, ca, sa;
        memset(&t, 0, sizeof(t));
        t.mode = mode;
        t.rsa = &pub.u.rsa;
        pair_cfg(&ccfg, &scfg, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256", mode & 1);
        run_fail(&ccfg, &scfg, tamper_hook, &t, &ce, &se, &ca, &sa);
        EXPECT_TRUE(t.done);
        /* found out only at the client's Finished, like a wrong PSK */
        EXPECT_EQ(se, TERN_ERR_BAD_RECORD_MAC);
        EXPECT_EQ(sa, 20);
        if (mode == 0) {
            first_se = se;
            first_sa = sa;
            first_ce = ce;
        }
        if (se != first_se || sa != first_sa || ce != first_ce) {
            fprintf(stderr, "  mode %d differs: server %d/%d client %d\n", mode, se, sa, ce);
            EXPECT_TRUE(0);
        }
        tern_config_wipe(&ccfg);
        tern_config_wipe(&scfg);
    }
}

/* ---- certificates ------------------------------------------------------------------- */

static int verified_run(const char *suite, et_cred *cred, const char *host)
{
    tern_config ccfg, scfg;
    et_pair p;
    int rc;

    pair_cfg(&ccfg, &scfg, suite, 0);
    ccfg.verify_mode = TERN_VERIFY_REQUIRED;
    ccfg.trust = et_trust();
    server_cfg(&scfg, suite, cred);
    set_psk(&scfg, "client1", psk_a, sizeof(psk_a));
    if (et_pair_init(&p, &ccfg, &scfg) != TERN_OK || tern_conn_set_hostname(p.c, host) != TERN_OK) {
        exit(1);
    }
    et_pump(&p);
    rc = et_done(&p) ? 0 : tern_conn_error(p.c);
    et_pair_free(&p);
    return rc;
}

/* RFC 5246 7.4.2 as for static RSA: the key the premaster is encrypted
 * to must allow keyEncipherment; and unlike plain PSK the certificate is
 * verified (RFC 4279 4: the server is authenticated by it). */
static void test_certificate(void)
{
    static const char *const gcm = "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256";
    et_cred signonly;

    et_cred_load(&signonly, "server-rsa-signonly");
    EXPECT_EQ(verified_run(gcm, &srv_rsa, "localhost"), 0);
    EXPECT_EQ(verified_run(gcm, &signonly, "localhost"), TERN_ERR_CERT_USAGE);
    EXPECT_EQ(verified_run("TLS_RSA_PSK_WITH_AES_256_CBC_SHA", &signonly, "localhost"),
              TERN_ERR_CERT_USAGE);
    /* the same certificate for another name */
    EXPECT_EQ(verified_run(gcm, &srv_rsa, "other.example"), TERN_ERR_CERT_NAME_MISMATCH);
    et_cred_free(&signonly);
}

/* ---- only when named ------------------------------------------------------------------ */

static int is_rsa_psk(uint16_t s)
{
    size_t i;
    for (i = 0; i < COUNT(suites); i++) {
        if (suites[i].id == s) {
            return 1;
        }
    }
    return 0;
}

static void test_not_offered(void)
{
    tern_config ccfg, scfg;
    size_t i;
    int ce, se, ca, sa;
    static uint64_t mem[65536];
    tern_conn *c;

    /* never in the default list */
    client_cfg(&ccfg, NULL);
    for (i = 0; i < ccfg.suites_count; i++) {
        EXPECT_TRUE(!is_rsa_psk(ccfg.suites[i]));
    }
    /* server names RSA_PSK only; default client with a PSK: none shared */
    set_psk(&ccfg, "client1", psk_a, sizeof(psk_a));
    server_cfg(&scfg,
               "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256:TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256:"
               "TLS_RSA_PSK_WITH_AES_128_CBC_SHA",
               &srv_rsa);
    set_psk(&scfg, "client1", psk_a, sizeof(psk_a));
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_EQ(se, TERN_ERR_HANDSHAKE_FAILURE);
    EXPECT_EQ(ca, 40);
    /* client names RSA_PSK; default server with credential and PSK:
     * refused, not accepted */
    client_cfg(&ccfg, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256:TLS_RSA_PSK_WITH_AES_256_CBC_SHA");
    set_psk(&ccfg, "client1", psk_a, sizeof(psk_a));
    server_cfg(&scfg, NULL, &srv_rsa);
    set_psk(&scfg, "client1", psk_a, sizeof(psk_a));
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_EQ(se, TERN_ERR_HANDSHAKE_FAILURE);
    /* named, but the client has no PSK: not offered (ECDHE_RSA wins) */
    client_cfg(&ccfg, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    server_cfg(&scfg, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
               &srv_rsa);
    set_psk(&scfg, "client1", psk_a, sizeof(psk_a));
    EXPECT_TRUE(run_ok(&ccfg, &scfg, TERN_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0, TERN_TLS12));
    /* named, but the server has no PSK: not chosen */
    client_cfg(&ccfg, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256");
    set_psk(&ccfg, "client1", psk_a, sizeof(psk_a));
    server_cfg(&scfg, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
               &srv_rsa);
    run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
    EXPECT_EQ(se, TERN_ERR_HANDSHAKE_FAILURE);
    /* a server with a PSK but no RSA credential cannot serve RSA_PSK */
    server_cfg(&scfg, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", NULL);
    set_psk(&scfg, "client1", psk_a, sizeof(psk_a));
    EXPECT_ERR(TERN_ERR_BAD_CONFIG, tern_conn_init(&c, mem, sizeof(mem), &scfg, TERN_SERVER));
    /* ... and with only an ECDSA credential it does not choose it */
    {
        et_cred p256;
        et_cred_load(&p256, "server-p256");
        server_cfg(&scfg, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", &p256);
        set_psk(&scfg, "client1", psk_a, sizeof(psk_a));
        run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
        EXPECT_EQ(se, TERN_ERR_HANDSHAKE_FAILURE);
        et_cred_free(&p256);
    }
    tern_config_wipe(&ccfg);
    tern_config_wipe(&scfg);
}

/* ---- resumption ---------------------------------------------------------------------- */

static int connect_resume(const tern_config *ccfg, const tern_config *scfg,
                          const tern_session *offer, tern_session *out, int *resumed)
{
    et_pair p;
    tern_conn_info ci;
    int ok;
    if (et_pair_init(&p, ccfg, scfg) != TERN_OK) {
        return 0;
    }
    if (tern_conn_set_hostname(p.c, "localhost") != TERN_OK ||
        (offer != NULL && tern_conn_set_session(p.c, offer) != TERN_OK)) {
        et_pair_free(&p);
        return 0;
    }
    et_pump(&p);
    ok = et_done(&p) && et_exchange(&p, 500) && tern_conn_get_info(p.c, &ci) == TERN_OK &&
         ci.suite == TERN_TLS_RSA_PSK_WITH_AES_256_CBC_SHA384;
    if (ok) {
        *resumed = ci.resumed;
        ok = out == NULL || tern_conn_get_session(p.c, out) == TERN_OK;
    }
    et_pair_free(&p);
    return ok;
}

/* An RSA_PSK session resumes by ID and by ticket (abbreviated handshake:
 * neither the PSK nor the RSA key is used again). */
static void test_resumption(void)
{
    int ticket;
    for (ticket = 0; ticket < 2; ticket++) {
        tern_config ccfg, scfg;
        tern_session slots[2], s1;
        uint64_t stamps[2];
        tern_session_cache cache;
        tern_ticket_keys tk;
        tern_hmac_drbg_ctx drbg;
        int resumed = -1;
        pair_cfg(&ccfg, &scfg, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384", 1);
        ccfg.client_tickets = (uint8_t)ticket;
        EXPECT_OK(tern_session_cache_init(&cache, slots, stamps, 2, NULL));
        if (ticket) {
            EXPECT_OK(tern_hmac_drbg_init(&drbg, &tern_sha256_class, NULL, NULL, 0));
            EXPECT_OK(tern_ticket_keys_init(&tk, &drbg.vtable, NULL));
            scfg.ticket_keys = &tk;
        } else {
            scfg.session_cache = &cache;
        }
        EXPECT_TRUE(connect_resume(&ccfg, &scfg, NULL, &s1, &resumed));
        EXPECT_EQ(resumed, 0);
        EXPECT_TRUE(connect_resume(&ccfg, &scfg, &s1, NULL, &resumed));
        EXPECT_EQ(resumed, 1);
        tern_wipe(&s1, sizeof(s1));
        tern_session_cache_free(&cache);
        if (ticket) {
            tern_ticket_keys_free(&tk);
        }
        tern_config_wipe(&ccfg);
        tern_config_wipe(&scfg);
    }
}

/* ---- TLS 1.0 / 1.1 (the legacy library only) ---------------------------------------- */

/* The RFC 4279 suites (CBC with HMAC-SHA1) in TLS 1.0 and 1.1, where the
 * PRF splits the pre-master secret in halves: it must reach the PRF
 * whole, never hashed (tern_kx_set_pms), also with a 64-byte PSK. */
static void test_legacy_versions(void)
{
#if TERN_CONFIG_TLS10 && TERN_CONFIG_TLS11
    static const uint16_t versions[] = {TERN_TLS10, TERN_TLS11};
    static const char *const list[] = {"TLS_RSA_PSK_WITH_AES_128_CBC_SHA",
                                       "TLS_RSA_PSK_WITH_AES_256_CBC_SHA",
                                       "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA"};
    uint8_t key[TERN_MAX_PSK];
    size_t i, v, k;
    for (k = 0; k < sizeof(key); k++) {
        key[k] = (uint8_t)(k * 3 + 1);
    }
    for (v = 0; v < COUNT(versions); v++) {
        for (i = 0; i < COUNT(list); i++) {
            tern_config ccfg, scfg;
            if (i == 2 && !TERN_CONFIG_3DES) {
                continue;
            }
            pair_cfg(&ccfg, &scfg, list[i], (int)i & 1);
            ccfg.min_version = scfg.min_version = TERN_TLS10;
            ccfg.max_version = scfg.max_version = versions[v];
            if (i == 1) {
                set_psk(&ccfg, "client1", key, sizeof(key));
                set_psk(&scfg, "client1", key, sizeof(key));
            }
            if (!run_ok(&ccfg, &scfg, tern_suite_by_name(list[i]), -1, versions[v])) {
                fprintf(stderr, "  %s in %04x\n", list[i], versions[v]);
                EXPECT_TRUE(0);
            }
            /* a wrong PSK still fails at Finished */
            set_psk(&scfg, "client1", psk_b, sizeof(psk_b));
            {
                int ce, se, ca, sa;
                run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
                EXPECT_EQ(se, TERN_ERR_BAD_RECORD_MAC);
            }
            tern_config_wipe(&ccfg);
            tern_config_wipe(&scfg);
        }
    }
    /* the TLS 1.2-only suites are not negotiated below 1.2 */
    {
        tern_config ccfg, scfg;
        int ce, se, ca, sa;
        pair_cfg(&ccfg, &scfg, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", 0);
        ccfg.min_version = scfg.min_version = TERN_TLS10;
        ccfg.max_version = scfg.max_version = TERN_TLS11;
        run_fail(&ccfg, &scfg, NULL, NULL, &ce, &se, &ca, &sa);
        EXPECT_EQ(se, TERN_ERR_HANDSHAKE_FAILURE);
        tern_config_wipe(&ccfg);
        tern_config_wipe(&scfg);
    }
#else
    printf("  skip: TLS 1.0/1.1 are not in this library (tests/rsa_psk builds it with them)\n");
#endif
}

int main(void)
{
    tern_config probe;
    tern_config_init(&probe);
    if (tern_config_set_suites(&probe, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256") != TERN_OK) {
        printf("RSA_PSK compiled out (TERN_CONFIG_STATIC_RSA 0)\n");
        return 77;
    }
    et_cred_load(&srv_rsa, "server-rsa2048");
    RUN_TEST(test_suites);
    RUN_TEST(test_psk_lengths);
    RUN_TEST(test_wrong_psk);
    RUN_TEST(test_unknown_identity);
    RUN_TEST(test_callbacks);
    RUN_TEST(test_flow);
    RUN_TEST(test_bad_ciphertext);
    RUN_TEST(test_certificate);
    RUN_TEST(test_not_offered);
    RUN_TEST(test_resumption);
    RUN_TEST(test_legacy_versions);
    et_cred_free(&srv_rsa);
    return TEST_REPORT();
}
