/*
 * Application block cipher classes for the CBC suites
 * (tern_config_set_block_class): a "hardware accelerator" stand-in that
 * wraps tern's AES or 3DES and counts its calls proves the engine runs it
 * for CBC record protection (MAC-then-encrypt and encrypt-then-MAC), with
 * the class on one side or both; each AES key length has its own slot; a
 * class with a larger context sizes the connection; NULL restores the
 * built-in class; a class that corrupts its output fails the connection
 * with bad_record_mac; bad arguments give their errors.
 */
#include "engine_test_util.h"
#include "tern/cipher.h"

static et_cred srv_p256, srv_rsa;

/* ---- a counting block class ------------------------------------------------------ */

/* The context is [class pointer | 8 + extra bytes | the inner class's
 * context]. tern_block_class.init gets no instance pointer, so each
 * instance has its own init (WRAP_INIT below). */
typedef struct count_block {
    tern_block_class cls;
    const tern_block_class *inner;
    size_t extra; /* multiple of 8 */
    int corrupt;  /* flip a bit of every encryption */
    unsigned long inits, enc_blocks, dec_blocks;
} count_block;

#define N_WRAP 4
static count_block wraps[N_WRAP];

static count_block *cb_of(const tern_block_class *cls)
{
    return (count_block *)(uintptr_t)cls;
}

static const tern_block_class **cb_inner(const tern_block_class *const *ctx, const count_block *cb)
{
    return (const tern_block_class **)(uintptr_t)((const uint8_t *)ctx + 16 + cb->extra);
}

static int cb_init(count_block *cb, const tern_block_class **ctx, const uint8_t *key,
                   size_t key_len)
{
    cb->inits++;
    *ctx = &cb->cls;
    memset((uint8_t *)ctx + sizeof(*ctx), 0xa5, 16 - sizeof(*ctx) + cb->extra);
    return cb->inner->init(cb_inner((const tern_block_class *const *)ctx, cb), key, key_len);
}

#define WRAP_INIT(i)                                                                               \
    static int cb_init##i(const tern_block_class **ctx, const uint8_t *key, size_t key_len)        \
    {                                                                                              \
        return cb_init(&wraps[i], ctx, key, key_len);                                              \
    }
WRAP_INIT(0)
WRAP_INIT(1)
WRAP_INIT(2)
WRAP_INIT(3)

static int (*const inits[N_WRAP])(const tern_block_class **, const uint8_t *,
                                  size_t) = {cb_init0, cb_init1, cb_init2, cb_init3};

static void cb_encrypt(const tern_block_class *const *ctx, uint8_t *blocks, size_t n)
{
    count_block *cb = cb_of(*ctx);
    cb->enc_blocks += n;
    cb->inner->encrypt(cb_inner(ctx, cb), blocks, n);
    if (cb->corrupt && n > 0) {
        blocks[0] ^= 1;
    }
}

static void cb_decrypt(const tern_block_class *const *ctx, uint8_t *blocks, size_t n)
{
    count_block *cb = cb_of(*ctx);
    cb->dec_blocks += n;
    cb->inner->decrypt(cb_inner(ctx, cb), blocks, n);
}

/* Wrapper i around inner; returns its class. */
static const tern_block_class *cb_setup(size_t i, const tern_block_class *inner, size_t extra,
                                        int corrupt)
{
    count_block *cb = &wraps[i];
    memset(cb, 0, sizeof(*cb));
    cb->cls = *inner;
    cb->cls.name = "counting block cipher";
    cb->cls.flags = 0;
    cb->cls.ctx_size = (uint16_t)(16 + extra + inner->ctx_size);
    cb->cls.init = inits[i];
    cb->cls.encrypt = cb_encrypt;
    cb->cls.decrypt = cb_decrypt;
    cb->inner = inner;
    cb->extra = extra;
    cb->corrupt = corrupt;
    return &cb->cls;
}

/* ---- helpers ---------------------------------------------------------------------- */

static void configs(tern_config *c, tern_config *s, const char *suite, int etm_off)
{
    tern_config_init(c);
    tern_config_init(s);
    c->verify_mode = TERN_VERIFY_NONE;
    c->disable_etm = (uint8_t)etm_off;
    EXPECT_OK(tern_config_set_suites(c, suite));
    EXPECT_OK(tern_config_set_suites(s, suite));
    EXPECT_OK(tern_config_add_credential(s, srv_p256.chain, srv_p256.lens, 2, &srv_p256.key));
    EXPECT_OK(tern_config_add_credential(s, srv_rsa.chain, srv_rsa.lens, 2, &srv_rsa.key));
}

/* Handshake and data bytes each way; 1 on success with suite agreed. */
static int run(const tern_config *c, const tern_config *s, const char *suite, size_t data)
{
    tern_conn_info ci;
    et_pair p;
    int ok = et_pair_init(&p, c, s) == TERN_OK;

    if (ok) {
        et_pump(&p);
        ok = et_done(&p) && tern_conn_get_info(p.c, &ci) == TERN_OK &&
             ci.suite == tern_suite_by_name(suite) && et_exchange(&p, data);
    }
    if (!ok) {
        fprintf(stderr, "  %s: client %s, server %s\n", suite,
                p.c != NULL ? tern_strerror(tern_conn_error(p.c)) : "-",
                p.s != NULL ? tern_strerror(tern_conn_error(p.s)) : "-");
    }
    et_pair_free(&p);
    return ok;
}

/* ---- tests ------------------------------------------------------------------------ */

static void test_setters(void)
{
    tern_config cfg;
    tern_block_class bad;
    const tern_block_class *aes = tern_aes_get();
    const tern_block_class *w = cb_setup(0, aes, 0, 0);
    size_t base_size;

    tern_config_init(&cfg);
    base_size = tern_conn_size(&cfg);
    EXPECT_ERR(TERN_ERR_NULL_POINTER, tern_config_set_block_class(NULL, TERN_BLOCK_AES_128, w));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM, tern_config_set_block_class(&cfg, -1, w));
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               tern_config_set_block_class(&cfg, TERN_BLOCK_ID_COUNT, w));
    EXPECT_TRUE(tern_config_block_class(&cfg, TERN_BLOCK_ID_COUNT) == NULL);
    /* encrypt-only (flag, or no decrypt), wrong block length, no init,
     * no context */
#if TERN_CONFIG_AES_CT
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_config_set_block_class(&cfg, TERN_BLOCK_AES_128, &tern_aes_ct_enc_class));
#endif
    bad = *w;
    bad.decrypt = NULL;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_block_class(&cfg, TERN_BLOCK_AES_128, &bad));
    bad = *w;
    bad.flags = TERN_BLOCK_ENCRYPT_ONLY;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_block_class(&cfg, TERN_BLOCK_AES_256, &bad));
    bad = *w;
    bad.block_len = 8;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_block_class(&cfg, TERN_BLOCK_AES_128, &bad));
    bad = *w;
    bad.init = NULL;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_block_class(&cfg, TERN_BLOCK_AES_128, &bad));
    bad = *w;
    bad.encrypt = NULL;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_block_class(&cfg, TERN_BLOCK_AES_128, &bad));
    bad = *w;
    bad.ctx_size = 0;
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_block_class(&cfg, TERN_BLOCK_AES_128, &bad));
#if TERN_CONFIG_3DES
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_config_set_block_class(&cfg, TERN_BLOCK_3DES, w));
    EXPECT_ERR(TERN_ERR_BAD_ARG,
               tern_config_set_block_class(&cfg, TERN_BLOCK_AES_128, &tern_des3_class));
    EXPECT_TRUE(tern_config_block_class(&cfg, TERN_BLOCK_3DES) == &tern_des3_class);
#else
    EXPECT_ERR(TERN_ERR_UNSUPPORTED_ALGORITHM,
               tern_config_set_block_class(&cfg, TERN_BLOCK_3DES, w));
#endif
    EXPECT_EQ(cfg.classes_set, 0);

    /* set, read back, the built-in class is no class, NULL restores */
    EXPECT_TRUE(tern_config_block_class(&cfg, TERN_BLOCK_AES_128) == aes);
    EXPECT_TRUE(tern_config_block_class(NULL, TERN_BLOCK_AES_256) == aes);
    EXPECT_OK(tern_config_set_block_class(&cfg, TERN_BLOCK_AES_128, w));
    EXPECT_EQ(cfg.classes_set, 1);
    EXPECT_TRUE(tern_config_block_class(&cfg, TERN_BLOCK_AES_128) == w);
    EXPECT_TRUE(tern_config_block_class(&cfg, TERN_BLOCK_AES_256) == aes);
    EXPECT_OK(tern_config_set_block_class(&cfg, TERN_BLOCK_AES_128, NULL));
    EXPECT_EQ(cfg.classes_set, 0);
    EXPECT_OK(tern_config_set_block_class(&cfg, TERN_BLOCK_AES_256, aes));
    EXPECT_EQ(cfg.classes_set, 0);
    EXPECT_TRUE(tern_config_block_class(&cfg, TERN_BLOCK_AES_128) == aes);
    EXPECT_EQ_U(tern_conn_size(&cfg), base_size);
}

/* Wrapper on the client, the server or both, for an AES-128 and an
 * AES-256 suite, with and without encrypt-then-MAC. */
static void test_aes_used(void)
{
    static const struct {
        const char *suite;
        int slot, other;
    } cases[] = {
        {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", TERN_BLOCK_AES_128, TERN_BLOCK_AES_256},
        {"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", TERN_BLOCK_AES_256, TERN_BLOCK_AES_128},
    };
    size_t i;
    int sides, etm_off;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        for (sides = 1; sides <= 3; sides++) {
            for (etm_off = 0; etm_off <= 1; etm_off++) {
                tern_config c, s;
                const tern_block_class *cw = cb_setup(0, tern_aes_get(), 0, 0);
                const tern_block_class *sw = cb_setup(1, tern_aes_get(), 0, 0);
                const tern_block_class *ow = cb_setup(2, tern_aes_get(), 0, 0);

                configs(&c, &s, cases[i].suite, etm_off);
                if (sides & 1) {
                    EXPECT_OK(tern_config_set_block_class(&c, cases[i].slot, cw));
                    EXPECT_OK(tern_config_set_block_class(&c, cases[i].other, ow));
                }
                if (sides & 2) {
                    EXPECT_OK(tern_config_set_block_class(&s, cases[i].slot, sw));
                }
                EXPECT_TRUE(run(&c, &s, cases[i].suite, 40000));
                /* read and write keys; 40000 bytes are at least 3 records
                 * of 16384 bytes (1024 AES blocks) each way */
                EXPECT_EQ(wraps[0].inits, (sides & 1) ? 2 : 0);
                EXPECT_EQ(wraps[1].inits, (sides & 2) ? 2 : 0);
                if (sides & 1) {
                    EXPECT_TRUE(wraps[0].enc_blocks >= 2500 && wraps[0].dec_blocks >= 2500);
                }
                if (sides & 2) {
                    EXPECT_TRUE(wraps[1].enc_blocks >= 2500 && wraps[1].dec_blocks >= 2500);
                }
                if (sides == 3) {
                    EXPECT_EQ(wraps[0].enc_blocks, wraps[1].dec_blocks);
                    EXPECT_EQ(wraps[1].enc_blocks, wraps[0].dec_blocks);
                }
                /* the other key length's slot never runs */
                EXPECT_EQ(wraps[2].inits + wraps[2].enc_blocks + wraps[2].dec_blocks, 0);
            }
        }
    }
}

/* 3DES (TLS_RSA_WITH_3DES_EDE_CBC_SHA, named explicitly). */
static void test_3des_used(void)
{
#if TERN_CONFIG_3DES && TERN_CONFIG_SHA1
    const char *suite = "TLS_RSA_WITH_3DES_EDE_CBC_SHA";
    tern_config c, s;
    const tern_block_class *cw = cb_setup(0, &tern_des3_class, 8, 0);
    const tern_block_class *sw = cb_setup(1, &tern_des3_class, 0, 0);
    const tern_block_class *aw = cb_setup(2, tern_aes_get(), 0, 0);

    configs(&c, &s, suite, 0);
    EXPECT_OK(tern_config_set_block_class(&c, TERN_BLOCK_3DES, cw));
    EXPECT_OK(tern_config_set_block_class(&s, TERN_BLOCK_3DES, sw));
    EXPECT_OK(tern_config_set_block_class(&s, TERN_BLOCK_AES_128, aw));
    EXPECT_TRUE(run(&c, &s, suite, 5000));
    EXPECT_EQ(wraps[0].inits, 2);
    EXPECT_EQ(wraps[1].inits, 2);
    EXPECT_TRUE(wraps[0].enc_blocks >= 625 && wraps[0].dec_blocks >= 625);
    EXPECT_EQ(wraps[0].enc_blocks, wraps[1].dec_blocks);
    EXPECT_EQ(wraps[1].enc_blocks, wraps[0].dec_blocks);
    EXPECT_EQ(wraps[2].inits, 0);
#else
    printf("test_3des_used: skipped (3DES or SHA-1 compiled out)\n");
#endif
}

/* A class with a much larger context: the connection grows by it for
 * each direction and works; NULL gives the old size back. */
static void test_large_context(void)
{
    const char *suite = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
    const size_t extra = 8192;
    tern_config c, s;
    size_t before, with;

    configs(&c, &s, suite, 0);
    before = tern_conn_size(&c);
    EXPECT_OK(
        tern_config_set_block_class(&c, TERN_BLOCK_AES_128, cb_setup(0, tern_aes_get(), extra, 0)));
    with = tern_conn_size(&c);
    EXPECT_TRUE(with >= before + 2 * extra);
    EXPECT_TRUE(run(&c, &s, suite, 20000));
    EXPECT_EQ(wraps[0].inits, 2);
    EXPECT_TRUE(wraps[0].enc_blocks > 0 && wraps[0].dec_blocks > 0);
    /* a slot the configured suites do not use does not size */
    EXPECT_OK(tern_config_set_block_class(&c, TERN_BLOCK_AES_256,
                                          cb_setup(1, tern_aes_get(), extra * 2, 0)));
    EXPECT_EQ_U(tern_conn_size(&c), with);
    EXPECT_OK(tern_config_set_block_class(&c, TERN_BLOCK_AES_256, NULL));
    EXPECT_OK(tern_config_set_block_class(&c, TERN_BLOCK_AES_128, NULL));
    EXPECT_EQ_U(tern_conn_size(&c), before);
    wraps[0].inits = 0;
    EXPECT_TRUE(run(&c, &s, suite, 100));
    EXPECT_EQ(wraps[0].inits, 0); /* restored: the built-in class runs */
}

/* A client class whose encryption is wrong: the server's MAC check of
 * the client's Finished fails (with MAC-then-encrypt, the padding or
 * MAC; with encrypt-then-MAC, the decrypted Finished): bad_record_mac. */
static void test_corrupt(void)
{
    const char *suite = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA";
    int etm_off;

    for (etm_off = 0; etm_off <= 1; etm_off++) {
        tern_config c, s;
        et_pair p;
        int sent = -1;

        configs(&c, &s, suite, etm_off);
        EXPECT_OK(
            tern_config_set_block_class(&c, TERN_BLOCK_AES_128, cb_setup(0, tern_aes_get(), 0, 1)));
        EXPECT_OK(et_pair_init(&p, &c, &s));
        et_pump(&p);
        EXPECT_FALSE(et_done(&p));
        EXPECT_TRUE(wraps[0].enc_blocks > 0);
        if (etm_off) {
            EXPECT_ERR(TERN_ERR_BAD_RECORD_MAC, tern_conn_error(p.s));
            EXPECT_EQ(tern_conn_last_alert(p.s, &sent), 20); /* bad_record_mac */
            EXPECT_EQ(sent, 1);
        } else {
            /* ETM: the MAC covers the corrupted ciphertext, so the
             * record is authentic and decrypts to a wrong Finished */
            EXPECT_TRUE(tern_conn_error(p.s) != TERN_OK);
        }
        EXPECT_TRUE(tern_conn_error(p.c) != TERN_OK);
        et_pair_free(&p);
    }
}

int main(void)
{
    et_cred_load(&srv_p256, "server-p256");
    et_cred_load(&srv_rsa, "server-rsa2048");
    RUN_TEST(test_setters);
    RUN_TEST(test_aes_used);
    RUN_TEST(test_3des_used);
    RUN_TEST(test_large_context);
    RUN_TEST(test_corrupt);
    et_cred_free(&srv_p256);
    et_cred_free(&srv_rsa);
    return TEST_REPORT();
}
