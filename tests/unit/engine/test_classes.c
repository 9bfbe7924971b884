/*
 * Application crypto classes (tern_config_set_aead_class / _hash_class /
 * _sig_class): "hardware accelerator" stand-ins that wrap the built-in
 * classes and count their calls prove the engine runs them for record
 * protection, session tickets, the transcript and PRF, the
 * ServerKeyExchange signature and (with digest functions) the
 * CertificateVerify; a class with a larger context sizes the
 * connection; NULL restores the built-in class; broken classes fail the
 * connection closed with the right alert.
 */
#include "engine_test_util.h"
#include "tern/chacha.h"
#include "tern/rand.h"

static et_cred srv_p256;
static tern_hmac_drbg_ctx drbg;

/* ---- a counting AEAD class ------------------------------------------------------ */

/* The class the engine sees comes first; the context is
 * [class pointer | 16 + extra bytes | the inner class's context]. */
typedef struct count_aead {
    tern_aead_class cls;
    const tern_aead_class *inner;
    size_t extra;
    int broken; /* open always fails */
    unsigned long inits, seals, opens;
} count_aead;

static count_aead *ca_of(const tern_aead_class *cls)
{
    return (count_aead *)(uintptr_t)cls;
}

static const tern_aead_class **ca_inner(const tern_aead_class *const *ctx)
{
    return (const tern_aead_class **)(uintptr_t)((const uint8_t *)ctx + 16 + ca_of(*ctx)->extra);
}

/* The engine stores the class pointer at the start of the context before
 * init (engine.h), which is how this init finds its instance. */
static int ca_init(const tern_aead_class **ctx, const uint8_t *key)
{
    count_aead *ca = ca_of(*ctx);
    ca->inits++;
    memset((uint8_t *)ctx + sizeof(*ctx), 0xa5, 16 - sizeof(*ctx) + ca->extra);
    return ca->inner->init(ca_inner((const tern_aead_class *const *)ctx), key);
}

static int ca_seal(const tern_aead_class *const *ctx, const uint8_t *nonce, const uint8_t *aad,
                   size_t aad_len, uint8_t *buf, size_t len, uint8_t *tag)
{
    count_aead *ca = ca_of(*ctx);
    ca->seals++;
    return ca->inner->seal(ca_inner(ctx), nonce, aad, aad_len, buf, len, tag);
}

static int ca_open(const tern_aead_class *const *ctx, const uint8_t *nonce, const uint8_t *aad,
                   size_t aad_len, uint8_t *buf, size_t len, const uint8_t *tag)
{
    count_aead *ca = ca_of(*ctx);
    ca->opens++;
    if (ca->broken) {
        memset(buf, 0, len);
        return TERN_ERR_BAD_MAC;
    }
    return ca->inner->open(ca_inner(ctx), nonce, aad, aad_len, buf, len, tag);
}

static void ca_setup(count_aead *ca, const tern_aead_class *inner, size_t extra, int broken)
{
    memset(ca, 0, sizeof(*ca));
    ca->cls = *inner;
    ca->cls.name = "counting AEAD";
    ca->cls.flags = 0;
    ca->cls.ctx_size = (uint16_t)(16 + extra + inner->ctx_size);
    ca->cls.init = ca_init;
    ca->cls.seal = ca_seal;
    ca->cls.open = ca_open;
    ca->inner = inner;
    ca->extra = extra;
    ca->broken = broken;
}

/* ---- counting hash classes (SHA-256, SHA-384) ------------------------------------- */

/* The context is the built-in one with the class pointer replaced. */
typedef struct count_hash {
    tern_hash_class cls;
    int corrupt; /* flip a bit of every digest */
    unsigned long inits, updates, outs;
} count_hash;

static count_hash ch256, ch384;

static void ch256_init(const tern_hash_class **ctx)
{
    ch256.inits++;
    tern_sha256_init((tern_sha256_ctx *)(void *)ctx);
    *ctx = &ch256.cls;
}

static void ch384_init(const tern_hash_class **ctx)
{
    ch384.inits++;
    tern_sha384_init((tern_sha512_ctx *)(void *)ctx);
    *ctx = &ch384.cls;
}

static void ch_update(const tern_hash_class **ctx, const void *data, size_t len)
{
    if (*ctx == &ch256.cls) {
        ch256.updates++;
        tern_sha256_update((tern_sha256_ctx *)(void *)ctx, data, len);
    } else {
        ch384.updates++;
        tern_sha512_update((tern_sha512_ctx *)(void *)ctx, data, len);
    }
}

static void ch_out(const tern_hash_class *const *ctx, uint8_t *digest)
{
    count_hash *ch = *ctx == &ch256.cls ? &ch256 : &ch384;
    ch->outs++;
    if (ch == &ch256) {
        tern_sha256_out((const tern_sha256_ctx *)(const void *)ctx, digest);
    } else {
        tern_sha384_out((const tern_sha512_ctx *)(const void *)ctx, digest);
    }
    if (ch->corrupt) {
        digest[0] ^= 1;
    }
}

static void ch_setup(void)
{
    memset(&ch256, 0, sizeof(ch256));
    memset(&ch384, 0, sizeof(ch384));
    ch256.cls = tern_sha256_class;
    ch256.cls.init = ch256_init;
    ch384.cls = tern_sha384_class;
    ch384.cls.init = ch384_init;
    ch256.cls.update = ch384.cls.update = ch_update;
    ch256.cls.out = ch384.cls.out = ch_out;
}

/* ---- a counting signature class ---------------------------------------------------- */

typedef struct count_sig {
    tern_sig_class cls;
    const tern_sig_class *inner;
    int broken; /* verify always fails */
    unsigned long signs, verifies, digest_signs, digest_verifies;
} count_sig;

static count_sig *cs_of(const tern_sig_class *cls)
{
    return (count_sig *)(uintptr_t)cls;
}

static int cs_verify(const tern_sig_class *cls, const tern_pubkey *key, const uint8_t *msg,
                     size_t msg_len, const uint8_t *sig, size_t sig_len)
{
    count_sig *cs = cs_of(cls);
    cs->verifies++;
    if (cs->broken) {
        return TERN_ERR_BAD_SIGNATURE;
    }
    return cs->inner->verify(cs->inner, key, msg, msg_len, sig, sig_len);
}

static int cs_sign(const tern_sig_class *cls, const tern_privkey *key, const tern_rng_class **rng,
                   const uint8_t *msg, size_t msg_len, uint8_t *sig, size_t *sig_len)
{
    count_sig *cs = cs_of(cls);
    cs->signs++;
    return cs->inner->sign(cs->inner, key, rng, msg, msg_len, sig, sig_len);
}

/* Digest functions (tern_config_set_sig_digest) over tern's digest
 * signatures. */
static int cs_sign_digest(const tern_sig_class *cls, const tern_privkey *key,
                          const tern_rng_class **rng, const uint8_t *digest, size_t digest_len,
                          uint8_t *sig, size_t *sig_len)
{
    count_sig *cs = cs_of(cls);
    cs->digest_signs++;
    return tern_sig_sign_digest(cs->cls.scheme, key, rng, digest, digest_len, sig, sig_len);
}

static int cs_verify_digest(const tern_sig_class *cls, const tern_pubkey *key,
                            const uint8_t *digest, size_t digest_len, const uint8_t *sig,
                            size_t sig_len)
{
    count_sig *cs = cs_of(cls);
    cs->digest_verifies++;
    if (cs->broken) {
        return TERN_ERR_BAD_SIGNATURE;
    }
    return tern_sig_verify_digest(cs->cls.scheme, key, digest, digest_len, sig, sig_len);
}

static void cs_setup(count_sig *cs, uint16_t scheme, int broken)
{
    memset(cs, 0, sizeof(*cs));
    cs->inner = tern_sig_by_scheme(scheme);
    if (cs->inner == NULL) {
        fprintf(stderr, "scheme %04x not built in\n", scheme);
        exit(2);
    }
    cs->cls = *cs->inner;
    cs->cls.name = "counting signature";
    cs->cls.sign = cs_sign;
    cs->cls.verify = cs_verify;
    cs->broken = broken;
}

/* ---- helpers -------------------------------------------------------------------------- */

static void base_configs(tern_config *ccfg, tern_config *scfg, const char *suite)
{
    tern_config_init(ccfg);
    tern_config_init(scfg);
    ccfg->verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_add_credential(scfg, srv_p256.chain, srv_p256.lens, 2, &srv_p256.key));
    if (suite != NULL) {
        EXPECT_OK(tern_config_set_suites(ccfg, suite));
    }
}

/* Handshake (resuming offer if not NULL) and `data` bytes each way (none
 * when data is 0). Returns 1 on success; *out gets the client's session,
 * *resumed whether it resumed. */
static int run(const tern_config *ccfg, const tern_config *scfg, size_t data,
               const tern_session *offer, tern_session *out, int *resumed)
{
    et_pair p;
    int ok;

    if (et_pair_init(&p, ccfg, scfg) != TERN_OK) {
        et_pair_free(&p);
        return 0;
    }
    if (offer != NULL) {
        EXPECT_OK(tern_conn_set_session(p.c, offer));
    }
    et_pump(&p);
    ok = et_done(&p) && (data == 0 || et_exchange(&p, data));
    if (ok && out != NULL) {
        EXPECT_OK(tern_conn_get_session(p.c, out));
    }
    if (ok && resumed != NULL) {
        tern_conn_info ci;
        EXPECT_OK(tern_conn_get_info(p.c, &ci));
        *resumed = ci.resumed;
    }
    if (!ok) {
        fprintf(stderr, "  handshake failed: client %s, server %s\n",
                tern_strerror(tern_conn_error(p.c)), tern_strerror(tern_conn_error(p.s)));
    }
    et_pair_free(&p);
    return ok;
}

/* ---- tests ----------------------------------------------------------------------------- */

static void test_setters(void)
{
    tern_config cfg;
    count_aead ca;
    count_sig cs, many[TERN_MAX_SIG_CLASSES + 1];
    tern_aead_class bad;
    tern_hash_class hbad;
    static const uint16_t schemes[] = {
        TERN_SIG_ECDSA_SECP256R1_SHA256, TERN_SIG_ECDSA_SECP384R1_SHA384,
        TERN_SIG_ECDSA_SECP521R1_SHA512, TERN_SIG_RSA_PSS_RSAE_SHA256,
        TERN_SIG_RSA_PSS_RSAE_SHA384,    TERN_SIG_RSA_PSS_RSAE_SHA512,
        TERN_SIG_RSA_PKCS1_SHA256,       TERN_SIG_RSA_PKCS1_SHA384,
        TERN_SIG_RSA_PKCS1_SHA512};
    size_t i, base_size;

    tern_config_init(&cfg);
    base_size = tern_conn_size(&cfg);
    EXPECT_EQ(cfg.classes_set, 0);
    EXPECT_TRUE(tern_config_aead_class(&cfg, TERN_AEAD_ID_AES_128_GCM) == &tern_aead_aes128_gcm);
    EXPECT_TRUE(tern_config_hash_class(&cfg, TERN_HASH_SHA384) == &tern_sha384_class);
    EXPECT_TRUE(tern_config_sig_class(&cfg, TERN_SIG_ECDSA_SECP256R1_SHA256) ==
                tern_sig_by_scheme(TERN_SIG_ECDSA_SECP256R1_SHA256));

    /* AEAD: wrong id, wrong lengths, missing functions */
    ca_setup(&ca, &tern_aead_aes128_gcm, 0, 0);
    EXPECT_ERR(TERN_ERR_NULL_POINTER,
               tern_config_set_aead_class(NULL, TERN_AEAD_ID_AES_128_GCM, &ca.cls));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, tern_config_set_aead_class(&cfg, 5, &ca.cls));
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_config_set_aead_class(&cfg, TERN_AEAD_ID_AES_256_GCM, &ca.cls));
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_config_set_aead_class(&cfg, TERN_AEAD_ID_AES_128_CCM_8, &ca.cls));
    bad = ca.cls;
    bad.open = NULL;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_aead_class(&cfg, TERN_AEAD_ID_AES_128_GCM, &bad));
    bad = ca.cls;
    bad.ctx_size = 0;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_aead_class(&cfg, TERN_AEAD_ID_AES_128_GCM, &bad));
    EXPECT_EQ(cfg.classes_set, 0);
    EXPECT_OK(tern_config_set_aead_class(&cfg, TERN_AEAD_ID_AES_128_GCM, &ca.cls));
    EXPECT_EQ(cfg.classes_set, 1);
    EXPECT_TRUE(tern_config_aead_class(&cfg, TERN_AEAD_ID_AES_128_GCM) == &ca.cls);
    EXPECT_TRUE(tern_config_aead_class(&cfg, TERN_AEAD_ID_AES_256_GCM) == &tern_aead_aes256_gcm);
    EXPECT_OK(tern_config_set_aead_class(&cfg, TERN_AEAD_ID_AES_128_GCM, NULL));
    EXPECT_EQ(cfg.classes_set, 0);
    EXPECT_TRUE(tern_config_aead_class(&cfg, TERN_AEAD_ID_AES_128_GCM) == &tern_aead_aes128_gcm);
    /* the built-in class itself is "no replacement" */
    EXPECT_OK(tern_config_set_aead_class(&cfg, TERN_AEAD_ID_AES_128_GCM, &tern_aead_aes128_gcm));
    EXPECT_EQ(cfg.classes_set, 0);

    /* hash: only SHA-256 / SHA-384, matching lengths, context that fits */
    ch_setup();
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               tern_config_set_hash_class(&cfg, TERN_HASH_SHA512, &ch384.cls));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               tern_config_set_hash_class(&cfg, TERN_HASH_SHA1, &ch256.cls));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_hash_class(&cfg, TERN_HASH_SHA384, &ch256.cls));
    hbad = ch256.cls;
    hbad.ctx_size = (uint16_t)(sizeof(tern_hash_ctx) + 1);
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_hash_class(&cfg, TERN_HASH_SHA256, &hbad));
    hbad = ch256.cls;
    hbad.digest_len = 20;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_hash_class(&cfg, TERN_HASH_SHA256, &hbad));
    EXPECT_OK(tern_config_set_hash_class(&cfg, TERN_HASH_SHA256, &ch256.cls));
    EXPECT_TRUE(tern_config_hash_class(&cfg, TERN_HASH_SHA256) == &ch256.cls);
    EXPECT_OK(tern_config_set_hash_class(&cfg, TERN_HASH_SHA256, NULL));
    EXPECT_TRUE(tern_config_hash_class(&cfg, TERN_HASH_SHA256) == &tern_sha256_class);
    EXPECT_EQ(cfg.classes_set, 0);

    /* signature: scheme, key type, curve; a full table; replace; remove */
    cs_setup(&cs, TERN_SIG_ECDSA_SECP256R1_SHA256, 0);
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, tern_config_set_sig_class(&cfg, 0x0101, &cs.cls));
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_config_set_sig_class(&cfg, TERN_SIG_ECDSA_SECP384R1_SHA384, &cs.cls));
    cs.cls.key_type = TERN_KEY_RSA;
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_config_set_sig_class(&cfg, TERN_SIG_ECDSA_SECP256R1_SHA256, &cs.cls));
    cs_setup(&cs, TERN_SIG_ECDSA_SECP256R1_SHA256, 0);
    for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
        if (tern_sig_by_scheme(schemes[i]) == NULL) {
            continue;
        }
        cs_setup(&many[i], schemes[i], 0);
        EXPECT_ERR(i < TERN_MAX_SIG_CLASSES ? TERN_OK : TERN_ERR_FULL,
                   tern_config_set_sig_class(&cfg, schemes[i], &many[i].cls));
    }
    /* replacing a scheme already in the full table needs no new slot */
    EXPECT_OK(tern_config_set_sig_class(&cfg, TERN_SIG_ECDSA_SECP256R1_SHA256, &cs.cls));
    EXPECT_TRUE(tern_config_sig_class(&cfg, TERN_SIG_ECDSA_SECP256R1_SHA256) == &cs.cls);
    for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
        EXPECT_OK(tern_config_set_sig_class(&cfg, schemes[i], NULL));
    }
    EXPECT_EQ(cfg.classes_set, 0);
    EXPECT_TRUE(tern_config_sig_class(&cfg, TERN_SIG_ECDSA_SECP256R1_SHA256) ==
                tern_sig_by_scheme(TERN_SIG_ECDSA_SECP256R1_SHA256));
    EXPECT_EQ_U(tern_conn_size(&cfg), base_size);
}

/* Each AEAD suite with counting classes on both sides. */
static void test_aead_used(void)
{
    static const struct {
        const char *suite;
        uint16_t id;
        const tern_aead_class *inner;
    } cases[] = {
        {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", TERN_AEAD_ID_AES_128_GCM,
         &tern_aead_aes128_gcm},
        {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", TERN_AEAD_ID_AES_256_GCM,
         &tern_aead_aes256_gcm},
        {"TLS_ECDHE_ECDSA_WITH_AES_128_CCM", TERN_AEAD_ID_AES_128_CCM, &tern_aead_aes128_ccm},
        {"TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", TERN_AEAD_ID_AES_128_CCM_8, &tern_aead_aes128_ccm8},
        {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", TERN_AEAD_ID_CHACHA20_POLY1305,
         &tern_aead_chacha20_poly1305},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        tern_config ccfg, scfg;
        count_aead cc, sc;

        base_configs(&ccfg, &scfg, cases[i].suite);
        ca_setup(&cc, cases[i].inner, 0, 0);
        ca_setup(&sc, cases[i].inner, 0, 0);
        EXPECT_OK(tern_config_set_aead_class(&ccfg, cases[i].id, &cc.cls));
        EXPECT_OK(tern_config_set_aead_class(&scfg, cases[i].id, &sc.cls));
        EXPECT_TRUE(run(&ccfg, &scfg, 40000, NULL, NULL, NULL));
        /* read and write keys on each side; 40000 bytes are at least 3
         * records each way, plus Finished */
        EXPECT_EQ(cc.inits, 2);
        EXPECT_EQ(sc.inits, 2);
        EXPECT_TRUE(cc.seals >= 4 && cc.opens >= 4);
        EXPECT_TRUE(sc.seals >= 4 && sc.opens >= 4);
        EXPECT_EQ(cc.seals, sc.opens);
        EXPECT_EQ(sc.seals, cc.opens);
        /* the other AEADs stay built in: nothing counted for them */
        if (i == 0) {
            count_aead other;
            ca_setup(&other, &tern_aead_aes256_gcm, 0, 0);
            EXPECT_OK(tern_config_set_aead_class(&ccfg, TERN_AEAD_ID_AES_256_GCM, &other.cls));
            EXPECT_TRUE(run(&ccfg, &scfg, 100, NULL, NULL, NULL));
            EXPECT_EQ(other.inits + other.seals + other.opens, 0);
        }
    }
}

/* A class with a much larger context: the connection grows by it for
 * each direction and works; NULL gives the old size back. */
static void test_large_context(void)
{
    tern_config ccfg, scfg;
    count_aead cc, sc;
    size_t before, with;
    const size_t extra = 8192;

    base_configs(&ccfg, &scfg, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
    before = tern_conn_size(&ccfg);
    ca_setup(&cc, &tern_aead_chacha20_poly1305, extra, 0);
    ca_setup(&sc, &tern_aead_chacha20_poly1305, extra, 0);
    EXPECT_OK(tern_config_set_aead_class(&ccfg, TERN_AEAD_ID_CHACHA20_POLY1305, &cc.cls));
    EXPECT_OK(tern_config_set_aead_class(&scfg, TERN_AEAD_ID_CHACHA20_POLY1305, &sc.cls));
    with = tern_conn_size(&ccfg);
    EXPECT_TRUE(with >= before + 2 * extra);
    EXPECT_TRUE(run(&ccfg, &scfg, 20000, NULL, NULL, NULL));
    EXPECT_EQ(cc.inits, 2);
    EXPECT_TRUE(cc.seals > 0 && sc.opens > 0);
    EXPECT_OK(tern_config_set_aead_class(&ccfg, TERN_AEAD_ID_CHACHA20_POLY1305, NULL));
    EXPECT_EQ_U(tern_conn_size(&ccfg), before);
    cc.seals = 0;
    EXPECT_TRUE(run(&ccfg, &scfg, 100, NULL, NULL, NULL));
    EXPECT_EQ(cc.seals, 0); /* restored: the client runs the built-in class */
}

/* A server class whose open always fails: the client's Finished does not
 * open, the server fails with bad_record_mac and tells the client. */
static void test_broken_aead(void)
{
    tern_config ccfg, scfg;
    count_aead sc;
    et_pair p;
    int sent = -1;

    base_configs(&ccfg, &scfg, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    ca_setup(&sc, &tern_aead_aes128_gcm, 0, 1);
    EXPECT_OK(tern_config_set_aead_class(&scfg, TERN_AEAD_ID_AES_128_GCM, &sc.cls));
    EXPECT_OK(et_pair_init(&p, &ccfg, &scfg));
    et_pump(&p);
    EXPECT_FALSE(et_done(&p));
    EXPECT_EQ(sc.opens, 1);
    EXPECT_ERR(TERN_ERR_BAD_RECORD_MAC, tern_conn_error(p.s));
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), 20); /* bad_record_mac */
    EXPECT_EQ(sent, 1);
    EXPECT_EQ(tern_conn_last_alert(p.c, &sent), 20);
    EXPECT_EQ(sent, 0);
    EXPECT_TRUE(tern_conn_error(p.c) != TERN_OK);
    et_pair_free(&p);
}

/* The ticket AEAD (AES-256-GCM) runs the configuration's class; one
 * whose context does not fit the ticket code's tern_aead_ctx gives an
 * empty ticket and no resumption by ticket, but the handshake works. */
static void test_ticket_aead(void)
{
    tern_config ccfg, scfg;
    tern_ticket_keys tk;
    tern_session_cache cache;
    tern_session slots[2];
    uint64_t stamps[2];
    count_aead tc;
    tern_session s1;
    int resumed = -1;

    base_configs(&ccfg, &scfg, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    EXPECT_OK(tern_ticket_keys_init(&tk, &drbg.vtable, NULL));
    scfg.ticket_keys = &tk;
    ca_setup(&tc, &tern_aead_aes256_gcm, 0, 0);
    EXPECT_TRUE(tc.cls.ctx_size <= TERN_AEAD_CTX_MAX);
    EXPECT_OK(tern_config_set_aead_class(&scfg, TERN_AEAD_ID_AES_256_GCM, &tc.cls));
    EXPECT_TRUE(run(&ccfg, &scfg, 100, NULL, &s1, &resumed));
    EXPECT_EQ(resumed, 0);
    EXPECT_TRUE(s1.ticket_len > 0);
    EXPECT_EQ(tc.inits, 1);
    EXPECT_EQ(tc.seals, 1);
    EXPECT_EQ(tc.opens, 0);
    EXPECT_TRUE(run(&ccfg, &scfg, 100, &s1, NULL, &resumed));
    EXPECT_EQ(resumed, 1);
    EXPECT_EQ(tc.opens, 1);
    EXPECT_EQ(tc.seals, 2); /* renewed */

    /* too large for a ticket: an empty ticket, resumption by ID */
    EXPECT_OK(tern_session_cache_init(&cache, slots, stamps, 2, NULL));
    scfg.session_cache = &cache;
    ca_setup(&tc, &tern_aead_aes256_gcm, TERN_AEAD_CTX_MAX, 0); /* whatever AES's own size */
    EXPECT_TRUE(tc.cls.ctx_size > TERN_AEAD_CTX_MAX);
    EXPECT_OK(tern_config_set_aead_class(&scfg, TERN_AEAD_ID_AES_256_GCM, &tc.cls));
    EXPECT_TRUE(run(&ccfg, &scfg, 100, NULL, &s1, &resumed));
    EXPECT_EQ(s1.ticket_len, 0);
    EXPECT_TRUE(s1.id_len > 0);
    EXPECT_TRUE(run(&ccfg, &scfg, 100, &s1, NULL, &resumed));
    EXPECT_EQ(resumed, 1);
    EXPECT_EQ(tc.inits + tc.seals + tc.opens, 0);
    tern_session_cache_free(&cache);
    tern_ticket_keys_free(&tk);
}

/* Counting SHA-256 / SHA-384 classes run the transcript and the PRF; a
 * corrupting one on one side breaks the handshake (so the engine depends
 * on its output). */
static void test_hash_used(void)
{
    static const char *const suites[] = {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                                         "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"};
    size_t i;

    for (i = 0; i < 2; i++) {
        tern_config ccfg, scfg;
        count_hash *prf;
        unsigned long outs_before;

        base_configs(&ccfg, &scfg, suites[i]);
        ch_setup();
        prf = i == 0 ? &ch256 : &ch384;
        EXPECT_OK(tern_config_set_hash_class(&ccfg, TERN_HASH_SHA256, &ch256.cls));
        EXPECT_OK(tern_config_set_hash_class(&ccfg, TERN_HASH_SHA384, &ch384.cls));
        EXPECT_TRUE(run(&ccfg, &scfg, 1000, NULL, NULL, NULL));
        /* both transcripts from the ClientHello on */
        EXPECT_TRUE(ch256.updates >= 6 && ch384.updates >= 6);
        /* the PRF hash: master secret, key block, two Finished, each many
         * HMAC outputs; the other hash only for its transcript */
        EXPECT_TRUE(prf->outs >= 20);

        /* corrupted digests on the client: the keys differ, the server
         * cannot open the client's Finished */
        outs_before = prf->outs;
        prf->corrupt = 1;
        EXPECT_FALSE(run(&ccfg, &scfg, 0, NULL, NULL, NULL));
        EXPECT_TRUE(prf->outs > outs_before);
        prf->corrupt = 0;
        /* and with it on both sides, both agree again */
        EXPECT_OK(tern_config_set_hash_class(&scfg, TERN_HASH_SHA256, &ch256.cls));
        EXPECT_OK(tern_config_set_hash_class(&scfg, TERN_HASH_SHA384, &ch384.cls));
        prf->corrupt = 1;
        EXPECT_TRUE(run(&ccfg, &scfg, 1000, NULL, NULL, NULL));
        prf->corrupt = 0;
    }
}

/* The ServerKeyExchange signature: the server signs and the client
 * verifies with the configuration's class. */
static void test_sig_used(void)
{
    tern_config ccfg, scfg;
    count_sig ss, cs;
    et_pair p;
    int sent = -1;

    base_configs(&ccfg, &scfg, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    EXPECT_OK(tern_config_set_sig_schemes(&ccfg, "ecdsa_secp256r1_sha256"));
    cs_setup(&ss, TERN_SIG_ECDSA_SECP256R1_SHA256, 0);
    cs_setup(&cs, TERN_SIG_ECDSA_SECP256R1_SHA256, 0);
    EXPECT_OK(tern_config_set_sig_class(&scfg, TERN_SIG_ECDSA_SECP256R1_SHA256, &ss.cls));
    EXPECT_OK(tern_config_set_sig_class(&ccfg, TERN_SIG_ECDSA_SECP256R1_SHA256, &cs.cls));
    EXPECT_TRUE(run(&ccfg, &scfg, 1000, NULL, NULL, NULL));
    EXPECT_EQ(ss.signs, 1);
    EXPECT_EQ(ss.verifies, 0);
    EXPECT_EQ(cs.verifies, 1);
    EXPECT_EQ(cs.signs, 0);

    /* a client class that rejects every signature: decrypt_error */
    cs.broken = 1;
    EXPECT_OK(et_pair_init(&p, &ccfg, &scfg));
    et_pump(&p);
    EXPECT_FALSE(et_done(&p));
    EXPECT_EQ(cs.verifies, 2);
    EXPECT_EQ(tern_conn_last_alert(p.c, &sent), 51); /* decrypt_error */
    EXPECT_EQ(sent, 1);
    et_pair_free(&p);
}

/* tern_config_set_sig_digest: rules, and the CertificateVerify (client
 * authentication) signed and checked by the digest functions; a server
 * whose digest verify rejects everything fails with decrypt_error. */
static void test_sig_digest(void)
{
    tern_config ccfg, scfg;
    count_sig ss, cs;
    et_cred cli;
    et_pair p;
    int sent = -1;

    et_cred_load(&cli, "client-p256");
    base_configs(&ccfg, &scfg, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    scfg.client_auth = TERN_CLIENT_AUTH_REQUIRED;
    scfg.verify_mode = TERN_VERIFY_NONE; /* chains are checked in test_certs */
    EXPECT_OK(tern_config_add_credential(&ccfg, cli.chain, cli.lens, 2, &cli.key));
    cs_setup(&ss, TERN_SIG_ECDSA_SECP256R1_SHA256, 0);
    cs_setup(&cs, TERN_SIG_ECDSA_SECP256R1_SHA256, 0);

    /* no class for the scheme yet; one function alone */
    EXPECT_ERR(TERN_ERR_NOT_FOUND,
               tern_config_set_sig_digest(&ccfg, TERN_SIG_ECDSA_SECP256R1_SHA256, cs_sign_digest,
                                          cs_verify_digest));
    EXPECT_OK(tern_config_set_sig_class(&ccfg, TERN_SIG_ECDSA_SECP256R1_SHA256, &cs.cls));
    EXPECT_OK(tern_config_set_sig_class(&scfg, TERN_SIG_ECDSA_SECP256R1_SHA256, &ss.cls));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_sig_digest(&ccfg, TERN_SIG_ECDSA_SECP256R1_SHA256,
                                                            cs_sign_digest, NULL));
    EXPECT_ERR(TERN_ERR_NULL_POINTER,
               tern_config_set_sig_digest(NULL, TERN_SIG_ECDSA_SECP256R1_SHA256, NULL, NULL));

    /* without digest functions: the built-in algorithm signs the CV */
    EXPECT_TRUE(run(&ccfg, &scfg, 100, NULL, NULL, NULL));
    EXPECT_EQ(cs.digest_signs + ss.digest_verifies, 0);
    EXPECT_EQ(ss.signs, 1); /* ServerKeyExchange */

    EXPECT_OK(tern_config_set_sig_digest(&ccfg, TERN_SIG_ECDSA_SECP256R1_SHA256, cs_sign_digest,
                                         cs_verify_digest));
    EXPECT_OK(tern_config_set_sig_digest(&scfg, TERN_SIG_ECDSA_SECP256R1_SHA256, cs_sign_digest,
                                         cs_verify_digest));
    /* setting the class again, then its digest functions again */
    EXPECT_OK(tern_config_set_sig_class(&scfg, TERN_SIG_ECDSA_SECP256R1_SHA256, &ss.cls));
    EXPECT_OK(tern_config_set_sig_digest(&scfg, TERN_SIG_ECDSA_SECP256R1_SHA256, cs_sign_digest,
                                         cs_verify_digest));
    EXPECT_TRUE(run(&ccfg, &scfg, 100, NULL, NULL, NULL));
    EXPECT_EQ(cs.digest_signs, 1);
    EXPECT_EQ(ss.digest_verifies, 1);
    EXPECT_EQ(cs.digest_verifies + ss.digest_signs, 0);

    /* a server that rejects every CertificateVerify */
    ss.broken = 1;
    EXPECT_OK(et_pair_init(&p, &ccfg, &scfg));
    et_pump(&p);
    EXPECT_FALSE(et_done(&p));
    EXPECT_EQ(ss.digest_verifies, 2);
    EXPECT_EQ(tern_conn_last_alert(p.s, &sent), 51); /* decrypt_error */
    EXPECT_EQ(sent, 1);
    et_pair_free(&p);
    ss.broken = 0;

    /* setting the class again drops the digest functions */
    EXPECT_OK(tern_config_set_sig_class(&scfg, TERN_SIG_ECDSA_SECP256R1_SHA256, &ss.cls));
    EXPECT_TRUE(run(&ccfg, &scfg, 100, NULL, NULL, NULL));
    EXPECT_EQ(ss.digest_verifies, 2);
    /* removing the class too; both NULL is the built-in digest algorithm */
    EXPECT_OK(tern_config_set_sig_digest(&ccfg, TERN_SIG_ECDSA_SECP256R1_SHA256, NULL, NULL));
    EXPECT_OK(tern_config_set_sig_class(&ccfg, TERN_SIG_ECDSA_SECP256R1_SHA256, NULL));
    EXPECT_ERR(TERN_ERR_NOT_FOUND,
               tern_config_set_sig_digest(&ccfg, TERN_SIG_ECDSA_SECP256R1_SHA256, cs_sign_digest,
                                          cs_verify_digest));
    EXPECT_TRUE(run(&ccfg, &scfg, 100, NULL, NULL, NULL));
    EXPECT_EQ(cs.digest_signs, 3); /* the three runs above, not this one */
    et_cred_free(&cli);
}

/* Everything at once on both sides, with client authentication (the
 * CertificateVerify digest comes from the hash class). */
static void test_all_classes_client_auth(void)
{
    tern_config ccfg, scfg;
    count_aead cc, sc;
    count_sig ss, cs;
    et_cred cli;

    et_cred_load(&cli, "client-p256");
    base_configs(&ccfg, &scfg, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    scfg.client_auth = TERN_CLIENT_AUTH_REQUIRED;
    scfg.verify_mode = TERN_VERIFY_NONE; /* chains are checked in test_certs */
    EXPECT_OK(tern_config_add_credential(&ccfg, cli.chain, cli.lens, 2, &cli.key));
    ch_setup();
    ca_setup(&cc, &tern_aead_aes128_gcm, 64, 0);
    ca_setup(&sc, &tern_aead_aes128_gcm, 0, 0);
    cs_setup(&ss, TERN_SIG_ECDSA_SECP256R1_SHA256, 0);
    cs_setup(&cs, TERN_SIG_ECDSA_SECP256R1_SHA256, 0);
    EXPECT_OK(tern_config_set_aead_class(&ccfg, TERN_AEAD_ID_AES_128_GCM, &cc.cls));
    EXPECT_OK(tern_config_set_aead_class(&scfg, TERN_AEAD_ID_AES_128_GCM, &sc.cls));
    EXPECT_OK(tern_config_set_hash_class(&ccfg, TERN_HASH_SHA256, &ch256.cls));
    EXPECT_OK(tern_config_set_hash_class(&scfg, TERN_HASH_SHA256, &ch256.cls));
    EXPECT_OK(tern_config_set_sig_class(&ccfg, TERN_SIG_ECDSA_SECP256R1_SHA256, &cs.cls));
    EXPECT_OK(tern_config_set_sig_class(&scfg, TERN_SIG_ECDSA_SECP256R1_SHA256, &ss.cls));
    EXPECT_TRUE(run(&ccfg, &scfg, 5000, NULL, NULL, NULL));
    EXPECT_EQ(cc.inits + sc.inits, 4);
    EXPECT_EQ(ss.signs, 1);
    EXPECT_EQ(cs.verifies, 1);
    EXPECT_TRUE(ch256.outs > 40);
    et_cred_free(&cli);
}

int main(void)
{
    et_cred_load(&srv_p256, "server-p256");
    if (tern_hmac_drbg_init(&drbg, &tern_sha256_class, NULL, NULL, 0) != TERN_OK) {
        return 2;
    }
    RUN_TEST(test_setters);
    RUN_TEST(test_aead_used);
    RUN_TEST(test_large_context);
    RUN_TEST(test_broken_aead);
    RUN_TEST(test_ticket_aead);
    RUN_TEST(test_hash_used);
    RUN_TEST(test_sig_used);
    RUN_TEST(test_sig_digest);
    RUN_TEST(test_all_classes_client_auth);
    et_cred_free(&srv_p256);
    return TEST_REPORT();
}
