/*
 * PSK without public-key cryptography: plain PSK handshakes between a
 * tern client and server that hold no certificate, no trust store, no
 * group and no signature scheme. The default build runs it as is; the
 * .cmake file also builds libtern with every public-key switch off
 * (TERN_CONFIG_RSA, _FFDH, _X25519, _ED25519, _ECC_P256, _ECC_P384 = 0),
 * links this program against that library as engine/test_kx_psk_only_nopk
 * and checks with nm that no RSA, elliptic-curve, Diffie-Hellman or
 * big-number code got into it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/engine.h"
#include "tern_test.h"

static void *alloc16(size_t n, void **raw)
{
    uint8_t *p = (uint8_t *)malloc(n + 16);
    if (p == NULL) {
        exit(2);
    }
    *raw = p;
    return (void *)(((uintptr_t)p + 15u) & ~(uintptr_t)15u);
}

/* Moves records both ways until nothing moves. */
static void pump(tern_conn *a, tern_conn *b)
{
    int moved = 1;
    while (moved) {
        int dir;
        moved = 0;
        for (dir = 0; dir < 2; dir++) {
            tern_conn *from = dir == 0 ? a : b, *to = dir == 0 ? b : a;
            size_t out_len, in_len;
            uint8_t *out = tern_conn_sendrec_buf(from, &out_len), *in;
            if (out == NULL) {
                continue;
            }
            in = tern_conn_recvrec_buf(to, &in_len);
            if (in == NULL) {
                if (tern_conn_status(to) & TERN_ST_CLOSED) {
                    tern_conn_sendrec_ack(from, out_len);
                    moved = 1;
                }
                continue;
            }
            if (in_len > out_len) {
                in_len = out_len;
            }
            memcpy(in, out, in_len);
            tern_conn_sendrec_ack(from, in_len);
            tern_conn_recvrec_ack(to, in_len);
            moved = 1;
        }
    }
}

static const uint8_t key[32] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16,
                                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

/* A PSK-only pair; returns 1 when both sides reach application data and
 * a message crosses, with the suite expected. */
static int run(const char *suite, const uint8_t *ckey, const char *cid, int *s_err)
{
    tern_config ccfg, scfg;
    tern_conn *c, *s;
    void *craw, *sraw;
    void *cmem, *smem;
    size_t cn, sn, n;
    uint8_t *buf;
    tern_conn_info info;
    int ok;

    tern_config_init(&ccfg);
    tern_config_init(&scfg);
    /* nothing but the PSK: no groups, schemes, credentials, trust */
    ccfg.groups_count = scfg.groups_count = 0;
    ccfg.sig_schemes_count = scfg.sig_schemes_count = 0;
    if (tern_config_set_suites(&ccfg, suite) != TERN_OK ||
        tern_config_set_suites(&scfg, suite) != TERN_OK ||
        tern_config_set_psk(&ccfg, (const uint8_t *)cid, strlen(cid), ckey, 32) != TERN_OK ||
        tern_config_set_psk(&scfg, (const uint8_t *)"node-1", 6, key, 32) != TERN_OK ||
        tern_config_set_psk_hint(&scfg, (const uint8_t *)"site", 4) != TERN_OK) {
        fprintf(stderr, "configuration of %s refused\n", suite);
        return 0;
    }
    cn = tern_conn_size(&ccfg);
    sn = tern_conn_size(&scfg);
    cmem = alloc16(cn, &craw);
    smem = alloc16(sn, &sraw);
    if (tern_conn_init(&c, cmem, cn, &ccfg, TERN_CLIENT) != TERN_OK ||
        tern_conn_init(&s, smem, sn, &scfg, TERN_SERVER) != TERN_OK) {
        fprintf(stderr, "connection init failed\n");
        exit(1);
    }
    pump(c, s);
    ok = tern_conn_state(c) == TERN_CONN_OPERATING && tern_conn_state(s) == TERN_CONN_OPERATING;
    if (ok && (buf = tern_conn_sendapp_buf(c, &n)) != NULL && n >= 5) {
        memcpy(buf, "hello", 5);
        tern_conn_sendapp_ack(c, 5);
        tern_conn_flush_app(c);
        pump(c, s);
        buf = tern_conn_recvapp_buf(s, &n);
        ok = buf != NULL && n == 5 && memcmp(buf, "hello", 5) == 0;
    } else {
        ok = 0;
    }
    ok = ok && tern_conn_get_info(c, &info) == TERN_OK && info.suite == tern_suite_by_name(suite);
    *s_err = tern_conn_error(s);
    tern_conn_free(c);
    tern_conn_free(s);
    tern_config_wipe(&ccfg);
    tern_config_wipe(&scfg);
    free(craw);
    free(sraw);
    return ok;
}

static void test_psk_only(void)
{
    static const char *const list[] = {
        "TLS_PSK_WITH_AES_128_GCM_SHA256", "TLS_PSK_WITH_AES_256_GCM_SHA384",
        "TLS_PSK_WITH_AES_128_CCM_8", "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256"};
    size_t i;
    int se;
    for (i = 0; i < sizeof(list) / sizeof(list[0]); i++) {
        if (!run(list[i], key, "node-1", &se)) {
            fprintf(stderr, "  %s\n", list[i]);
            EXPECT_TRUE(0);
        }
    }
    /* the wrong key and the wrong identity still fail */
    {
        uint8_t bad[32];
        memcpy(bad, key, 32);
        bad[31] ^= 1;
        EXPECT_FALSE(run(list[0], bad, "node-1", &se));
        EXPECT_EQ(se, TERN_ERR_BAD_RECORD_MAC);
        EXPECT_FALSE(run(list[0], key, "node-2", &se));
        EXPECT_EQ(se, TERN_ERR_UNKNOWN_PSK_IDENTITY);
    }
}

int main(void)
{
    RUN_TEST(test_psk_only);
    return TEST_REPORT();
}
