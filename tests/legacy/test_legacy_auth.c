/*
 * Client authentication in TLS 1.0 and 1.1 (RFC 2246 / RFC 4346 7.4.4,
 * 7.4.6, 7.4.8), in a build that has them (tests/legacy/tests.cmake):
 * server policy none / optional / required with EC and RSA client chains
 * (verified against the test PKI) under both server key types; the
 * CertificateRequest without supported_signature_algorithms and the
 * CertificateVerify without a SignatureAndHashAlgorithm on the wire; the
 * signature checked here independently of the library: RSA PKCS#1 v1.5
 * over MD5(messages) || SHA-1(messages), no DigestInfo; ECDSA over
 * SHA-1(messages) (RFC 4492 5.8); a tampered or 1.2-shaped
 * CertificateVerify is refused with the alert TLS 1.2 gives; a malformed
 * CertificateRequest (cut, trailing bytes, 1.2-shaped) is decode_error.
 */
#include "common/endian_internal.h"
#include "engine/engine_internal.h"
#include "engine_test_util.h"
#include "tern/hash.h"
#include "tern/pk.h"
#include "tern/rsa.h"
#include "tern/x509.h"

static et_cred srv_p256, srv_rsa, cli_ec, cli_rsa;

#define SUITE_EC "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"
#define SUITE_RSA "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"

/* ---- what the hook sees ------------------------------------------------------------------ */

enum { TAMPER_NONE = 0, TAMPER_FLIP, TAMPER_SCHEME };

typedef struct wire {
    int tamper;
    /* every handshake message in the clear, in order, up to the first
     * ChangeCipherSpec (the client's, after CertificateVerify) */
    uint8_t msgs[16384];
    size_t msgs_len;
    int ccs_seen;
    /* offsets into msgs */
    size_t cr_off, cr_len; /* CertificateRequest body */
    size_t cv_off, cv_len; /* CertificateVerify message start, body length */
    int cr_seen, cv_seen;
    /* a replacement for the body of the server's CertificateRequest */
    const uint8_t *cr_new;
    size_t cr_new_len;
    int cr_replaced;
} wire;

/* Walks the handshake messages of msgs once a record has been added. */
static void scan(wire *w)
{
    size_t off = 0;
    while (off + 4 <= w->msgs_len) {
        size_t mlen = tern_load_be24(w->msgs + off + 1);
        if (off + 4 + mlen > w->msgs_len) {
            break;
        }
        if (w->msgs[off] == TERN_HS_CERTIFICATE_REQUEST && !w->cr_seen) {
            w->cr_seen = 1;
            w->cr_off = off + 4;
            w->cr_len = mlen;
        }
        if (w->msgs[off] == TERN_HS_CERTIFICATE_VERIFY && !w->cv_seen) {
            w->cv_seen = 1;
            w->cv_off = off;
            w->cv_len = mlen;
        }
        off += 4 + mlen;
    }
}

/* Changes the client's CertificateVerify in its record: flips a bit of
 * the signature, or puts a TLS 1.2 SignatureAndHashAlgorithm in front of
 * it (rsa_pkcs1_sha1 / ecdsa_sha1: what a 1.2 client would send). */
static void tamper_cv(wire *w, uint8_t *rec, size_t *len)
{
    size_t off = 5;
    while (off + 4 <= *len) {
        size_t mlen = tern_load_be24(rec + off + 1);
        if (rec[off] == TERN_HS_CERTIFICATE_VERIFY && off + 4 + mlen <= *len) {
            if (w->tamper == TAMPER_FLIP) {
                rec[off + 4 + mlen - 3] ^= 0x01;
            } else {
                memmove(rec + off + 6, rec + off + 4, *len - (off + 4));
                tern_store_be16(rec + off + 4, 0x0201);
                tern_store_be24(rec + off + 1, (uint32_t)(mlen + 2));
                *len += 2;
                tern_store_be16(rec + 3, (uint16_t)(*len - 5));
            }
            return;
        }
        off += 4 + mlen;
    }
}

/* Puts w->cr_new in place of the CertificateRequest body in its record
 * (the messages after it move; the lengths follow). */
static void replace_cr(wire *w, uint8_t *rec, size_t *len)
{
    size_t off = 5;
    while (off + 4 <= *len) {
        size_t mlen = tern_load_be24(rec + off + 1);
        if (rec[off] == TERN_HS_CERTIFICATE_REQUEST && off + 4 + mlen <= *len) {
            size_t rest = *len - (off + 4 + mlen);
            memmove(rec + off + 4 + w->cr_new_len, rec + off + 4 + mlen, rest);
            memcpy(rec + off + 4, w->cr_new, w->cr_new_len);
            tern_store_be24(rec + off + 1, (uint32_t)w->cr_new_len);
            *len = off + 4 + w->cr_new_len + rest;
            tern_store_be16(rec + 3, (uint16_t)(*len - 5));
            w->cr_replaced = 1;
            return;
        }
        off += 4 + mlen;
    }
}

static int hook(void *user, int dir, uint8_t *rec, size_t *len)
{
    wire *w = (wire *)user;

    if (*len < 5 || w->ccs_seen) {
        return 0;
    }
    if (rec[0] == TERN_CT_CHANGE_CIPHER_SPEC) {
        w->ccs_seen = 1;
        return 0;
    }
    if (rec[0] != TERN_CT_HANDSHAKE) {
        return 0;
    }
    /* the transcript as sent (before any tampering) */
    if (w->msgs_len + *len - 5 <= sizeof(w->msgs)) {
        memcpy(w->msgs + w->msgs_len, rec + 5, *len - 5);
        w->msgs_len += *len - 5;
        scan(w);
    }
    if (dir == 0 && w->tamper != TAMPER_NONE) {
        tamper_cv(w, rec, len);
    }
    if (dir == 1 && w->cr_new != NULL && !w->cr_replaced) {
        replace_cr(w, rec, len);
    }
    return 0;
}

/* ---- one handshake ----------------------------------------------------------------------- */

typedef struct outcome {
    int done;
    int cerr, serr;
    int salert, salert_sent;
    size_t server_sees_certs;
    int server_verified;
    uint16_t version;
} outcome;

static void run(uint16_t version, const char *suite, int policy, const et_cred *cred, wire *w,
                outcome *o)
{
    tern_config c, s;
    tern_conn_info si;
    et_pair p;

    memset(o, 0, sizeof(*o));
    tern_config_init(&c);
    tern_config_init(&s);
    c.verify_mode = TERN_VERIFY_NONE;
    c.min_version = s.min_version = TERN_TLS10;
    c.max_version = version; /* the server has up to 1.2 */
    s.max_version = TERN_TLS12;
    s.client_auth = policy;
    s.trust = et_trust(); /* the client's chain is verified */
    EXPECT_OK(tern_config_set_suites(&c, suite));
    EXPECT_OK(tern_config_set_suites(&s, suite));
    EXPECT_OK(tern_config_add_credential(&s, srv_p256.chain, srv_p256.lens, 2, &srv_p256.key));
    EXPECT_OK(tern_config_add_credential(&s, srv_rsa.chain, srv_rsa.lens, 2, &srv_rsa.key));
    if (cred != NULL) {
        EXPECT_OK(tern_config_add_credential(&c, cred->chain, cred->lens, 2, &cred->key));
    }
    EXPECT_OK(et_pair_init(&p, &c, &s));
    p.hook = hook;
    p.hook_user = w;
    et_pump(&p);
    o->done = et_done(&p);
    if (o->done) {
        p.hook = NULL;
        o->done = et_exchange(&p, 300);
    }
    o->cerr = tern_conn_error(p.c);
    o->serr = tern_conn_error(p.s);
    o->salert = tern_conn_last_alert(p.s, &o->salert_sent);
    if (tern_conn_get_info(p.s, &si) == TERN_OK) {
        o->server_sees_certs = si.peer_cert_count;
        o->server_verified = si.peer_verified;
        o->version = si.version;
    }
    if (!o->done && o->serr == TERN_OK && o->cerr == TERN_OK) {
        fprintf(stderr, "  stalled\n");
    }
    et_pair_free(&p);
}

/* The CertificateRequest of TLS 1.0/1.1: certificate_types<1..255>
 * then certificate_authorities<0..2^16-1>, nothing between. */
static int cr_is_legacy(const wire *w)
{
    const uint8_t *b = w->msgs + w->cr_off;
    size_t n;
    if (!w->cr_seen || w->cr_len < 1) {
        return 0;
    }
    n = b[0];
    return n >= 1 && w->cr_len == 1 + n + 2 && tern_load_be16(b + 1 + n) == 0;
}

/* Checks the client's CertificateVerify against the transcript before
 * it: signature<0..2^16-1> only, over MD5 || SHA-1 (RSA) or SHA-1
 * (ECDSA) of the messages, with the client leaf's key. */
static int cv_checks_out(const wire *w, const et_cred *cred)
{
    const uint8_t *body = w->msgs + w->cv_off + 4;
    tern_pubkey key;
    tern_md5_ctx m;
    tern_sha1_ctx s;
    uint8_t d[36];

    if (!w->cv_seen || w->cv_len < 2 || tern_load_be16(body) != w->cv_len - 2) {
        return 0;
    }
    if (tern_x509_cert_pubkey(cred->chain[0], cred->lens[0], &key) != TERN_OK) {
        return 0;
    }
    tern_md5_init(&m);
    tern_md5_update(&m, w->msgs, w->cv_off);
    tern_md5_out(&m, d);
    tern_sha1_init(&s);
    tern_sha1_update(&s, w->msgs, w->cv_off);
    tern_sha1_out(&s, d + 16);
    if (key.type == TERN_KEY_RSA) {
        return tern_rsa_pkcs1_verify(&key.u.rsa, NULL, d, 36, body + 2, w->cv_len - 2) == TERN_OK &&
               /* and not with a DigestInfo (a 1.2 rsa_pkcs1_sha1) */
               tern_rsa_pkcs1_verify(&key.u.rsa, &tern_sha1_class, d + 16, 20, body + 2,
                                     w->cv_len - 2) != TERN_OK;
    }
    return tern_sig_verify_digest(TERN_SIG_ECDSA_SHA1, &key, d + 16, 20, body + 2, w->cv_len - 2) ==
           TERN_OK;
}

static const uint16_t versions[2] = {TERN_TLS10, TERN_TLS11};

/* ---- tests --------------------------------------------------------------------------------- */

static void test_required(void)
{
    const char *suites[2] = {SUITE_EC, SUITE_RSA};
    const et_cred *creds[2] = {&cli_ec, &cli_rsa};
    size_t v, su, k, good = 0, n = 0;

    for (v = 0; v < 2; v++) {
        for (su = 0; su < 2; su++) {
            for (k = 0; k < 2; k++) {
                wire w;
                outcome o;
                int ok;
                memset(&w, 0, sizeof(w));
                run(versions[v], suites[su], TERN_CLIENT_AUTH_REQUIRED, creds[k], &w, &o);
                ok = o.done && o.version == versions[v] && o.server_sees_certs == 2 &&
                     o.server_verified && cr_is_legacy(&w) && cv_checks_out(&w, creds[k]);
                if (!ok) {
                    fprintf(stderr, "  %04x %s client %s: client %s, server %s, cr %d, cv %d\n",
                            versions[v], suites[su], k == 0 ? "ec" : "rsa", tern_strerror(o.cerr),
                            tern_strerror(o.serr), cr_is_legacy(&w), cv_checks_out(&w, creds[k]));
                }
                good += (size_t)ok;
                n++;
            }
        }
    }
    printf("client auth required, TLS 1.0/1.1 x 2 server keys x 2 client keys: %u of %u\n",
           (unsigned)good, (unsigned)n);
    EXPECT_EQ_U(good, n);
}

static void test_optional(void)
{
    size_t v;
    for (v = 0; v < 2; v++) {
        wire w;
        outcome o;
        /* no credential: an empty Certificate, no CertificateVerify */
        memset(&w, 0, sizeof(w));
        run(versions[v], SUITE_RSA, TERN_CLIENT_AUTH_OPTIONAL, NULL, &w, &o);
        EXPECT_TRUE(o.done);
        EXPECT_EQ(o.version, versions[v]);
        EXPECT_TRUE(cr_is_legacy(&w));
        EXPECT_FALSE(w.cv_seen);
        EXPECT_EQ_U(o.server_sees_certs, 0);
        /* with one: used */
        memset(&w, 0, sizeof(w));
        run(versions[v], SUITE_EC, TERN_CLIENT_AUTH_OPTIONAL, &cli_rsa, &w, &o);
        EXPECT_TRUE(o.done);
        EXPECT_EQ_U(o.server_sees_certs, 2);
        EXPECT_TRUE(cv_checks_out(&w, &cli_rsa));
        memset(&w, 0, sizeof(w));
        run(versions[v], SUITE_RSA, TERN_CLIENT_AUTH_OPTIONAL, &cli_ec, &w, &o);
        EXPECT_TRUE(o.done);
        EXPECT_EQ_U(o.server_sees_certs, 2);
        EXPECT_TRUE(cv_checks_out(&w, &cli_ec));
    }
}

static void test_none(void)
{
    size_t v;
    for (v = 0; v < 2; v++) {
        wire w;
        outcome o;
        memset(&w, 0, sizeof(w));
        run(versions[v], SUITE_EC, TERN_CLIENT_AUTH_NONE, &cli_ec, &w, &o);
        EXPECT_TRUE(o.done);
        EXPECT_EQ(o.version, versions[v]);
        EXPECT_FALSE(w.cr_seen); /* nothing asked */
        EXPECT_FALSE(w.cv_seen);
        EXPECT_EQ_U(o.server_sees_certs, 0);
    }
}

/* Required and no certificate: handshake_failure (40), as in TLS 1.2. */
static void test_required_missing(void)
{
    size_t v;
    for (v = 0; v < 2; v++) {
        wire w;
        outcome o;
        memset(&w, 0, sizeof(w));
        run(versions[v], SUITE_RSA, TERN_CLIENT_AUTH_REQUIRED, NULL, &w, &o);
        EXPECT_FALSE(o.done);
        EXPECT_EQ(o.serr, TERN_ERR_CERT_REQUIRED);
        EXPECT_EQ(o.salert, TERN_ALERT_HANDSHAKE_FAILURE);
        EXPECT_EQ(o.salert_sent, 1);
        EXPECT_EQ(o.cerr, TERN_ERR_ALERT_RECEIVED(TERN_ALERT_HANDSHAKE_FAILURE));
    }
}

/* A signature that does not verify: decrypt_error (51), as in TLS 1.2;
 * a TLS 1.2-shaped CertificateVerify (algorithm field in front) does not
 * parse: decode_error (50). */
static void test_bad_certificate_verify(void)
{
    const et_cred *creds[2] = {&cli_ec, &cli_rsa};
    size_t v, k;
    for (v = 0; v < 2; v++) {
        for (k = 0; k < 2; k++) {
            wire w;
            outcome o;
            memset(&w, 0, sizeof(w));
            w.tamper = TAMPER_FLIP;
            run(versions[v], SUITE_RSA,
                k == 0 ? TERN_CLIENT_AUTH_REQUIRED : TERN_CLIENT_AUTH_OPTIONAL, creds[k], &w, &o);
            EXPECT_FALSE(o.done);
            EXPECT_EQ(o.serr, TERN_ERR_DECRYPT);
            EXPECT_EQ(o.salert, TERN_ALERT_DECRYPT_ERROR);
            EXPECT_EQ(o.cerr, TERN_ERR_ALERT_RECEIVED(TERN_ALERT_DECRYPT_ERROR));

            memset(&w, 0, sizeof(w));
            w.tamper = TAMPER_SCHEME;
            run(versions[v], SUITE_EC, TERN_CLIENT_AUTH_REQUIRED, creds[k], &w, &o);
            EXPECT_FALSE(o.done);
            EXPECT_EQ(o.serr, TERN_ERR_DECODE);
            EXPECT_EQ(o.cerr, TERN_ERR_ALERT_RECEIVED(TERN_ALERT_DECODE_ERROR));
        }
    }
}

/* The client parses the TLS 1.0/1.1 CertificateRequest strictly: cut
 * at every byte, trailing data, no certificate type, an empty
 * DistinguishedName, a TLS 1.2-shaped one (supported_signature_algorithms
 * between the two): decode_error. */
static void test_bad_certificate_request(void)
{
    /* what tern's server sends: types {ecdsa_sign, rsa_sign}, no CAs */
    static const uint8_t good[] = {2, 64, 1, 0, 0};
    static const uint8_t trailing[] = {2, 64, 1, 0, 0, 0};
    static const uint8_t no_type[] = {0, 0, 0};
    static const uint8_t empty_dn[] = {1, 64, 0, 2, 0, 0};
    static const uint8_t tls12[] = {2, 64, 1, 0, 2, 4, 3, 0, 0};
    static const uint8_t one_dn[] = {1, 1, 0, 4, 0, 2, 0x30, 0};
    const uint8_t *bad[4] = {trailing, no_type, empty_dn, tls12};
    const size_t bad_len[4] = {sizeof(trailing), sizeof(no_type), sizeof(empty_dn), sizeof(tls12)};
    size_t v, i, cut_fail = 0;

    for (v = 0; v < 2; v++) {
        wire w;
        outcome o;
        /* the same bytes as sent: accepted */
        memset(&w, 0, sizeof(w));
        w.cr_new = good;
        w.cr_new_len = sizeof(good);
        run(versions[v], SUITE_EC, TERN_CLIENT_AUTH_REQUIRED, &cli_ec, &w, &o);
        EXPECT_TRUE(w.cr_replaced && o.done);
        /* RSA type only, one (opaque) CA name: taken, the RSA credential
         * goes with a CertificateVerify (which the server, whose
         * transcript has the original request, cannot verify) */
        memset(&w, 0, sizeof(w));
        w.cr_new = one_dn;
        w.cr_new_len = sizeof(one_dn);
        run(versions[v], SUITE_EC, TERN_CLIENT_AUTH_OPTIONAL, &cli_rsa, &w, &o);
        EXPECT_TRUE(w.cr_replaced && w.cv_seen);
        EXPECT_EQ(o.serr, TERN_ERR_DECRYPT);
        /* the same with the EC credential: no type fits, no certificate
         * (the transcripts differ: with the extended master secret, so
         * do the keys, and the client's Finished does not decrypt) */
        memset(&w, 0, sizeof(w));
        w.cr_new = one_dn;
        w.cr_new_len = sizeof(one_dn);
        run(versions[v], SUITE_EC, TERN_CLIENT_AUTH_OPTIONAL, &cli_ec, &w, &o);
        EXPECT_TRUE(w.cr_replaced && !w.cv_seen);
        EXPECT_EQ(o.serr, TERN_ERR_BAD_RECORD_MAC);
        for (i = 0; i < sizeof(good); i++) {
            memset(&w, 0, sizeof(w));
            w.cr_new = good;
            w.cr_new_len = i;
            run(versions[v], SUITE_EC, TERN_CLIENT_AUTH_REQUIRED, &cli_ec, &w, &o);
            cut_fail += (size_t)(!o.done && o.cerr == TERN_ERR_DECODE &&
                                 o.serr == TERN_ERR_ALERT_RECEIVED(TERN_ALERT_DECODE_ERROR));
        }
        for (i = 0; i < 4; i++) {
            memset(&w, 0, sizeof(w));
            w.cr_new = bad[i];
            w.cr_new_len = bad_len[i];
            run(versions[v], SUITE_RSA, TERN_CLIENT_AUTH_REQUIRED, &cli_rsa, &w, &o);
            EXPECT_TRUE(w.cr_replaced);
            EXPECT_FALSE(o.done);
            EXPECT_EQ(o.cerr, TERN_ERR_DECODE);
            EXPECT_EQ(o.serr, TERN_ERR_ALERT_RECEIVED(TERN_ALERT_DECODE_ERROR));
        }
    }
    EXPECT_EQ_U(cut_fail, 2 * sizeof(good));
}

/* TLS 1.2 is unchanged: its CertificateRequest lists schemes, its
 * CertificateVerify names one. */
static void test_tls12_unchanged(void)
{
    wire w;
    outcome o;
    memset(&w, 0, sizeof(w));
    run(TERN_TLS12, SUITE_EC, TERN_CLIENT_AUTH_REQUIRED, &cli_rsa, &w, &o);
    EXPECT_TRUE(o.done);
    EXPECT_EQ(o.version, TERN_TLS12);
    EXPECT_TRUE(w.cr_seen && !cr_is_legacy(&w));
    EXPECT_TRUE(w.cv_seen && !cv_checks_out(&w, &cli_rsa));
}

int main(void)
{
    et_cred_load(&srv_p256, "server-p256");
    et_cred_load(&srv_rsa, "server-rsa2048");
    et_cred_load(&cli_ec, "client-p256");
    et_cred_load(&cli_rsa, "client-rsa2048");
    RUN_TEST(test_required);
    RUN_TEST(test_optional);
    RUN_TEST(test_none);
    RUN_TEST(test_required_missing);
    RUN_TEST(test_bad_certificate_verify);
    RUN_TEST(test_bad_certificate_request);
    RUN_TEST(test_tls12_unchanged);
    et_cred_free(&srv_p256);
    et_cred_free(&srv_rsa);
    et_cred_free(&cli_ec);
    et_cred_free(&cli_rsa);
    return TEST_REPORT();
}
