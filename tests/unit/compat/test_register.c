/*
 * Application classes through the seed API (User Guide 4.4, 5.1):
 * tls_register_bulk / _hash / _sign accept the application's own classes
 * (here "hardware accelerator" stand-ins that wrap tern's classes and
 * count their calls) and tls_start hands them to the engine, which runs
 * them: a handshake and data over the sockets interface move the
 * counters. Classes the engine cannot use are refused, registering after
 * tls_start is refused, a class whose context does not fit the pool
 * entry fails tls_start, and a broken AEAD fails the handshake. An
 * application AES-CBC block class runs a CBC suite seed to seed.
 * Built with its own config_tls.h options (test_register.cmake).
 */
#include "compat_test_util.h" /* first: _POSIX_C_SOURCE */

#include "tern/aead.h"
#include "tern/cipher.h"
#include "tern/hash.h"
#include "tern/pk.h"

static t_tls_certificate srv, root;

/* ---- counting classes ------------------------------------------------------------------- */

/* AEAD: [class pointer | 16 + extra bytes | tern's context]. */
typedef struct count_aead {
    tern_aead_class cls;
    size_t extra;
    int broken;
    unsigned long inits, seals, opens;
} count_aead;

static count_aead gcm;

static const tern_aead_class **ca_inner(const tern_aead_class *const *ctx)
{
    return (const tern_aead_class **)(uintptr_t)((const uint8_t *)ctx + 16 + gcm.extra);
}

static int ca_init(const tern_aead_class **ctx, const uint8_t *key)
{
    gcm.inits++;
    return tern_aead_aes128_gcm.init(ca_inner((const tern_aead_class *const *)ctx), key);
}

static int ca_seal(const tern_aead_class *const *ctx, const uint8_t *nonce, const uint8_t *aad,
                   size_t aad_len, uint8_t *buf, size_t len, uint8_t *tag)
{
    gcm.seals++;
    return tern_aead_aes128_gcm.seal(ca_inner(ctx), nonce, aad, aad_len, buf, len, tag);
}

static int ca_open(const tern_aead_class *const *ctx, const uint8_t *nonce, const uint8_t *aad,
                   size_t aad_len, uint8_t *buf, size_t len, const uint8_t *tag)
{
    gcm.opens++;
    if (gcm.broken) {
        memset(buf, 0, len);
        return TERN_ERR_BAD_MAC;
    }
    return tern_aead_aes128_gcm.open(ca_inner(ctx), nonce, aad, aad_len, buf, len, tag);
}

static void gcm_setup(size_t extra, int broken)
{
    memset(&gcm, 0, sizeof(gcm));
    gcm.cls = tern_aead_aes128_gcm;
    gcm.cls.name = "counting AES-128-GCM";
    gcm.cls.ctx_size = (uint16_t)(16 + extra + tern_aead_aes128_gcm.ctx_size);
    gcm.cls.init = ca_init;
    gcm.cls.seal = ca_seal;
    gcm.cls.open = ca_open;
    gcm.extra = extra;
    gcm.broken = broken;
}

/* AES-CBC block class: [class pointer | 8 bytes | tern's AES context]. */
static tern_block_class cbc;
static unsigned long cbc_inits, cbc_enc, cbc_dec;

static const tern_block_class **cb_inner(const tern_block_class *const *ctx)
{
    return (const tern_block_class **)(uintptr_t)((const uint8_t *)ctx + 16);
}

static int cb_init(const tern_block_class **ctx, const uint8_t *key, size_t key_len)
{
    cbc_inits++;
    *ctx = &cbc;
    return tern_aes_get()->init(cb_inner((const tern_block_class *const *)ctx), key, key_len);
}

static void cb_encrypt(const tern_block_class *const *ctx, uint8_t *blocks, size_t n)
{
    cbc_enc += n;
    tern_aes_get()->encrypt(cb_inner(ctx), blocks, n);
}

static void cb_decrypt(const tern_block_class *const *ctx, uint8_t *blocks, size_t n)
{
    cbc_dec += n;
    tern_aes_get()->decrypt(cb_inner(ctx), blocks, n);
}

static void cbc_setup(void)
{
    cbc = *tern_aes_get();
    cbc.name = "counting AES";
    cbc.flags = 0;
    cbc.ctx_size = (uint16_t)(16 + tern_aes_get()->ctx_size);
    cbc.init = cb_init;
    cbc.encrypt = cb_encrypt;
    cbc.decrypt = cb_decrypt;
    cbc_inits = cbc_enc = cbc_dec = 0;
}

/* SHA-256: tern's context with the class pointer replaced. */
static tern_hash_class sha;
static unsigned long sha_updates, sha_outs;

static void ch_init(const tern_hash_class **ctx)
{
    tern_sha256_init((tern_sha256_ctx *)(void *)ctx);
    *ctx = &sha;
}

static void ch_update(const tern_hash_class **ctx, const void *data, size_t len)
{
    sha_updates++;
    tern_sha256_update((tern_sha256_ctx *)(void *)ctx, data, len);
}

static void ch_out(const tern_hash_class *const *ctx, uint8_t *digest)
{
    sha_outs++;
    tern_sha256_out((const tern_sha256_ctx *)(const void *)ctx, digest);
}

/* ECDSA P-256 with SHA-256. */
static tern_sig_class ecdsa;
static unsigned long ecdsa_signs, ecdsa_verifies;

static int cs_verify(const tern_sig_class *cls, const tern_pubkey *key, const uint8_t *msg,
                     size_t msg_len, const uint8_t *sig, size_t sig_len)
{
    const tern_sig_class *inner = tern_sig_by_scheme(TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256);
    (void)cls;
    ecdsa_verifies++;
    return inner->verify(inner, key, msg, msg_len, sig, sig_len);
}

static int cs_sign(const tern_sig_class *cls, const tern_privkey *key, const tern_rng_class **rng,
                   const uint8_t *msg, size_t msg_len, uint8_t *sig, size_t *sig_len)
{
    const tern_sig_class *inner = tern_sig_by_scheme(TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256);
    (void)cls;
    ecdsa_signs++;
    return inner->sign(inner, key, rng, msg, msg_len, sig, sig_len);
}

static void classes_setup(void)
{
    gcm_setup(0, 0);
    sha = tern_sha256_class;
    sha.name = "counting SHA-256";
    sha.init = ch_init;
    sha.update = ch_update;
    sha.out = ch_out;
    sha_updates = sha_outs = 0;
    ecdsa = *tern_sig_by_scheme(TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256);
    ecdsa.name = "counting ECDSA P-256";
    ecdsa.sign = cs_sign;
    ecdsa.verify = cs_verify;
    ecdsa_signs = ecdsa_verifies = 0;
    cbc_setup();
}

/* ---- helpers ----------------------------------------------------------------------------------
 */

static void load(void)
{
    ct_entry(&srv, "server-p256", 1, 1);
    srv.cert_role = TLS_CERT_ROLE_SERVER;
    ct_entry(&root, "root-ca", 0, 0);
}

static void tables(void)
{
    ct_clear_tables();
    g_tls_arr_host_cert[0] = srv;
    g_tls_arr_ca_cert[0] = root;
}

/* tls_init, the three application classes in slot 0, tern's classes in
 * the other slots. */
static void register_all(void)
{
    tables();
    EXPECT_EQ(tls_init(), TLS_OK);
    EXPECT_EQ(tls_register_bulk(0, &gcm.cls, TLS_BULK_ALG_AES_128_GCM), TLS_OK);
    EXPECT_EQ(tls_register_hash(0, &sha, TLS_HASH_ALG_SHA256), TLS_OK);
    EXPECT_EQ(tls_register_sign(0, &ecdsa, TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256), TLS_OK);
    EXPECT_EQ(tls_register_builtin(), TLS_OK);
}

static void run_hs(const int p[2], t_tls_ret *cr, t_tls_ret *sr)
{
    int i;
    *cr = *sr = TLS_WAIT;
    for (i = 0; i < 20000 && (*cr == TLS_WAIT || *sr == TLS_WAIT); i++) {
        if (*cr == TLS_WAIT) {
            *cr = tls_client_handshake_socket(p[0], "localhost", TLS_INVALID_CONN_TICKET);
        }
        if (*sr == TLS_WAIT) {
            *sr = tls_server_handshake_socket(p[1], 0, NULL);
        }
    }
}

static void close_pair(int p[2])
{
    (void)tls_close_socket(p[0]);
    (void)tls_close_socket(p[1]);
    close(p[0]);
    close(p[1]);
}

/* ---- tests -------------------------------------------------------------------------------------
 */

/* Unusable classes are refused at registration; tern's own are fine. */
static void test_refused(void)
{
    tern_hash_class sha512 = tern_sha512_class;
    tern_aead_class no_open;
    tern_sig_class wrong;
    tern_block_class bad;

    classes_setup();
    tables();
    EXPECT_EQ(tls_init(), TLS_OK);
    /* the engine runs only its SHA-256 and SHA-384 classes' replacements */
    EXPECT_EQ(tls_register_hash(0, &sha512, TLS_HASH_ALG_SHA512), TLS_ENCRYPTION_MODULE_ERR);
    EXPECT_EQ(tls_register_hash(0, &tern_sha512_class, TLS_HASH_ALG_SHA512), TLS_OK);
    no_open = gcm.cls;
    no_open.open = NULL;
    EXPECT_EQ(tls_register_bulk(0, &no_open, TLS_BULK_ALG_AES_128_GCM), TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_bulk(0, &gcm.cls, TLS_BULK_ALG_AES_128_CCM_8), TLS_PARAM_ERR);
    wrong = ecdsa;
    wrong.curve = TERN_GROUP_SECP384R1;
    EXPECT_EQ(tls_register_sign(0, &wrong, TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256), TLS_PARAM_ERR);
    wrong = ecdsa;
    wrong.hash = &tern_sha384_class;
    EXPECT_EQ(tls_register_sign(0, &wrong, TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256), TLS_PARAM_ERR);
    wrong = ecdsa;
    wrong.sign = NULL;
    EXPECT_EQ(tls_register_sign(0, &wrong, TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256), TLS_PARAM_ERR);
    /* block classes: the cipher's block length, not encrypt-only, all
     * functions; tern's classes under their own ids only */
    EXPECT_EQ(tls_register_bulk(0, &cbc, TLS_BULK_ALG_3DES_EDE_CBC), TLS_PARAM_ERR);
    bad = cbc;
    bad.flags = TERN_BLOCK_ENCRYPT_ONLY;
    EXPECT_EQ(tls_register_bulk(0, &bad, TLS_BULK_ALG_AES_128_CBC), TLS_PARAM_ERR);
    bad = cbc;
    bad.decrypt = NULL;
    EXPECT_EQ(tls_register_bulk(0, &bad, TLS_BULK_ALG_AES_128_CBC), TLS_PARAM_ERR);
    bad = cbc;
    bad.block_len = 8;
    EXPECT_EQ(tls_register_bulk(0, &bad, TLS_BULK_ALG_AES_128_CBC), TLS_PARAM_ERR);
    bad = cbc;
    bad.ctx_size = 0;
    EXPECT_EQ(tls_register_bulk(0, &bad, TLS_BULK_ALG_AES_128_CBC), TLS_PARAM_ERR);
    /* AES-256 keys exceed TLS_MAX_BKEY_LEN (24 here) */
    EXPECT_EQ(tls_register_bulk(0, &cbc, TLS_BULK_ALG_AES_256_CBC), TLS_PARAM_ERR);
#if TERN_CONFIG_3DES
    EXPECT_EQ(tls_register_bulk(0, &tern_des3_class, TLS_BULK_ALG_AES_128_CBC), TLS_PARAM_ERR);
#endif
    EXPECT_EQ(tls_register_bulk(0, &cbc, TLS_BULK_ALG_AES_128_CBC), TLS_OK);
    ct_down();
}

/* The registered application classes do the work of a handshake and
 * data both ways; after tls_start they cannot be replaced. */
static void test_used(void)
{
    int p[2];
    t_tls_ret cr, sr;
    tern_conn_info ci;
    uint8_t msg[1000], back[sizeof(msg)];
    size_t got = 0;
    int i;

    classes_setup();
    register_all();
    EXPECT_EQ(tls_start(), TLS_OK);
    /* the ordering rule stays: no registering once started */
    EXPECT_EQ(tls_register_bulk(0, &gcm.cls, TLS_BULK_ALG_AES_128_GCM), TLS_INIT_ERR);
    EXPECT_EQ(tls_register_hash(0, &sha, TLS_HASH_ALG_SHA256), TLS_INIT_ERR);
    EXPECT_EQ(tls_register_sign(0, &ecdsa, TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256), TLS_INIT_ERR);

    ct_pair(p, 1);
    run_hs(p, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    EXPECT_EQ(tls_get_info_socket(p[0], &ci), TLS_OK);
    EXPECT_EQ(ci.suite, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    EXPECT_EQ(ci.sig_scheme, TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256);
    memset(msg, 0x5a, sizeof(msg));
    EXPECT_EQ(tls_send_socket(p[0], msg, sizeof(msg)), TLS_OK);
    for (i = 0; i < 20000 && got < sizeof(msg); i++) {
        uint8_t *q = back + got;
        uint16_t n = 0;
        t_tls_ret r = tls_receive_socket(p[1], &q, (uint16_t)(sizeof(back) - got), &n);
        if (r == TLS_OK) {
            got += n;
        } else if (r != TLS_WAIT) {
            break;
        }
    }
    EXPECT_EQ_U(got, sizeof(msg));
    EXPECT_MEM_EQ(back, msg, sizeof(msg));
    /* both ends' read and write keys; Finished both ways and the data */
    EXPECT_EQ(gcm.inits, 4);
    EXPECT_TRUE(gcm.seals >= 3 && gcm.opens >= 3);
    EXPECT_EQ(gcm.seals, gcm.opens);
    /* transcript and PRF of both ends */
    EXPECT_TRUE(sha_updates >= 12 && sha_outs >= 40);
    /* ServerKeyExchange: signed by the server, checked by the client */
    EXPECT_EQ(ecdsa_signs, 1);
    EXPECT_EQ(ecdsa_verifies, 1);
    close_pair(p);
    ct_down();
}

/* An application AES-128-CBC class runs an ECDHE_ECDSA CBC suite seed
 * to seed: both ends' read and write keys, and every block either end
 * encrypts the other decrypts. */
static void test_cbc_used(void)
{
    int p[2];
    t_tls_ret cr, sr;
    tern_conn_info ci;
    uint8_t msg[1000], back[sizeof(msg)];
    size_t got = 0;
    int i;

    classes_setup();
    tables();
    g_tls_arr_cipher_suite[0] = TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA;
    EXPECT_EQ(tls_init(), TLS_OK);
    EXPECT_EQ(tls_register_bulk(0, &cbc, TLS_BULK_ALG_AES_128_CBC), TLS_OK);
    EXPECT_EQ(tls_register_hash(0, &tern_sha1_class, TLS_HASH_ALG_SHA1), TLS_OK); /* the MAC */
    EXPECT_EQ(tls_register_builtin(), TLS_OK);
    EXPECT_EQ(tls_start(), TLS_OK);
    ct_pair(p, 1);
    run_hs(p, &cr, &sr);
    EXPECT_EQ(cr, TLS_OK);
    EXPECT_EQ(sr, TLS_OK);
    EXPECT_EQ(tls_get_info_socket(p[0], &ci), TLS_OK);
    EXPECT_EQ(ci.suite, TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA);
    memset(msg, 0xa5, sizeof(msg));
    EXPECT_EQ(tls_send_socket(p[0], msg, sizeof(msg)), TLS_OK);
    for (i = 0; i < 20000 && got < sizeof(msg); i++) {
        uint8_t *q = back + got;
        uint16_t n = 0;
        t_tls_ret r = tls_receive_socket(p[1], &q, (uint16_t)(sizeof(back) - got), &n);
        if (r == TLS_OK) {
            got += n;
        } else if (r != TLS_WAIT) {
            break;
        }
    }
    EXPECT_EQ_U(got, sizeof(msg));
    EXPECT_MEM_EQ(back, msg, sizeof(msg));
    EXPECT_EQ(cbc_inits, 4);
    /* Finished both ways and 1000 bytes (63 blocks with IV, MAC, padding) */
    EXPECT_TRUE(cbc_enc >= 63 && cbc_dec >= 63);
    EXPECT_EQ(cbc_enc, cbc_dec);
    EXPECT_EQ(gcm.inits, 0); /* not registered: no AEAD suite offered */
    close_pair(p);
    ct_down();
}

/* A broken AEAD (open always fails): the handshake fails, nothing
 * crashes, the next module start with a good class works again. */
static void test_broken(void)
{
    int p[2];
    t_tls_ret cr, sr;

    classes_setup();
    gcm_setup(0, 1);
    register_all();
    EXPECT_EQ(tls_start(), TLS_OK);
    ct_pair(p, 1);
    run_hs(p, &cr, &sr);
    EXPECT_NE(cr, TLS_OK);
    EXPECT_NE(sr, TLS_OK);
    EXPECT_NE(cr, TLS_WAIT);
    EXPECT_NE(sr, TLS_WAIT);
    EXPECT_EQ(gcm.opens, 1); /* the server's first protected record */
    close_pair(p);
    ct_down();
}

/* A class whose context does not fit the connection pool entry
 * (TLS_CONN_MEM_SIZE): tls_start says so instead of overrunning it. */
static void test_too_large(void)
{
    classes_setup();
    gcm_setup(60000, 0);
    register_all();
    EXPECT_EQ(tls_start(), TLS_INIT_ERR);
    EXPECT_EQ(tls_delete(), TLS_OK);
    /* the built-in class fits */
    tables();
    EXPECT_TRUE(ct_up());
    ct_down();
}

int main(void)
{
    ct_guard(120);
    load();
    RUN_TEST(test_refused);
    RUN_TEST(test_used);
    RUN_TEST(test_cbc_used);
    RUN_TEST(test_broken);
    RUN_TEST(test_too_large);
    return TEST_REPORT();
}
