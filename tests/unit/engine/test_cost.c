/*
 * One full ECDHE-ECDSA-P256-AES128-GCM handshake (client and server in
 * this process, server chain verified by the client) and one resumed
 * handshake (session ticket), each in its own function (connection set
 * up before, freed after) so that the instruction count can be taken
 * with
 *
 *   valgrind --tool=callgrind --toggle-collect=one_full_handshake \
 *            --toggle-collect=one_resumed_handshake tests/engine/test_cost
 *
 * (callgrind_annotate then shows each function's inclusive count). As a
 * test it checks both handshakes succeed and the second one resumes.
 */
#include "engine_test_util.h"
#include "tern/rand.h"

static et_cred srv;
static tern_config ccfg, scfg;
static tern_ticket_keys tk;
static tern_session session;

/* Not static: the names are what callgrind's --toggle-collect matches.
 * Each runs the handshake of a pair set up (tern_conn_init, DRBG
 * seeding) before the call and freed (buffers wiped) after it. */
int one_full_handshake(et_pair *p);
int one_resumed_handshake(et_pair *p);

int one_full_handshake(et_pair *p)
{
    et_pump(p);
    return et_done(p);
}

int one_resumed_handshake(et_pair *p)
{
    tern_conn_info info;
    et_pump(p);
    return et_done(p) && tern_conn_get_info(p->s, &info) == TERN_OK && info.resumed;
}

static int handshake(const tern_session *offer, tern_session *out, int *resumed)
{
    et_pair p;
    tern_conn_info info;
    int ok;

    if (et_pair_init(&p, &ccfg, &scfg) != TERN_OK ||
        tern_conn_set_hostname(p.c, "localhost") != TERN_OK) {
        return 0;
    }
    if (offer != NULL && tern_conn_set_session(p.c, offer) != TERN_OK) {
        return 0;
    }
    {
        /* called through a volatile pointer: never inlined, so callgrind
         * sees the function */
        int (*volatile fn)(et_pair *) = offer == NULL ? one_full_handshake : one_resumed_handshake;
        ok = fn(&p);
    }
    ok = ok && tern_conn_get_info(p.c, &info) == TERN_OK;
    if (ok) {
        *resumed = info.resumed;
        if (out != NULL) {
            ok = tern_conn_get_session(p.c, out) == TERN_OK;
        }
    }
    et_pair_free(&p);
    return ok;
}

static void test_full_then_resumed(void)
{
    int resumed = -1;
    EXPECT_TRUE(handshake(NULL, &session, &resumed));
    EXPECT_EQ(resumed, 0);
    EXPECT_TRUE(session.ticket_len > 0);
    EXPECT_TRUE(handshake(&session, NULL, &resumed));
    EXPECT_EQ(resumed, 1);
}

int main(void)
{
    tern_hmac_drbg_ctx drbg;

    et_cred_load(&srv, "server-p256");
    tern_config_init(&ccfg);
    tern_config_init(&scfg);
    if (tern_config_set_suites(&ccfg, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256") != TERN_OK ||
        tern_config_set_groups(&ccfg, "secp256r1") != TERN_OK ||
        tern_config_set_sig_schemes(&ccfg, "ecdsa_secp256r1_sha256") != TERN_OK ||
        tern_config_add_credential(&scfg, srv.chain, srv.lens, 2, &srv.key) != TERN_OK ||
        tern_hmac_drbg_init(&drbg, &tern_sha256_class, NULL, NULL, 0) != TERN_OK ||
        tern_ticket_keys_init(&tk, &drbg.vtable, NULL) != TERN_OK) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    ccfg.trust = et_trust();
    scfg.ticket_keys = &tk;
    RUN_TEST(test_full_then_resumed);
    return TEST_REPORT();
}
