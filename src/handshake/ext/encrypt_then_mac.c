/*
 * encrypt_then_mac (RFC 7366 2, 3): an empty extension. The client
 * offers it when it offers a CBC suite; the server answers it only when
 * it selects a CBC suite (3: never for an AEAD or stream suite), and
 * from then on both sides' CBC protections MAC the ciphertext
 * (TERN_PROT_CBC_ETM, src/record/prot_cbc*.c).
 *
 * Resumption. The hellos of an abbreviated handshake negotiate it the
 * same way, so a resumed connection uses whatever its own hellos said.
 * RFC 7366 3.1 asks that a rehandshake keep the mechanism of the
 * session; the hellos above cannot change it between two handshakes
 * with the same peers and configurations, and a server that saw the
 * extension once sees it again from the same client.
 */
#include "common/try_internal.h"
#include "engine/engine_internal.h"

#if TERN_CONFIG_ENCRYPT_THEN_MAC
/* 1 when a suite we offer uses CBC records. */
static int offers_cbc(const tern_config *cfg)
{
    size_t i;
    for (i = 0; i < cfg->suites_count; i++) {
        const tern_suite_info *si = tern_suite_info_get(cfg->suites[i]);
        if (si != NULL && si->protection == TERN_SUITE_CBC) {
            return 1;
        }
    }
    return 0;
}
#endif

/* see src/handshake/handshake_internal.h */
int tern_ext_encrypt_then_mac_write(tern_conn *c, tern_writer *w)
{
#if TERN_CONFIG_ENCRYPT_THEN_MAC
    tern_hs *hs = &c->hs;

    if (c->role == TERN_CLIENT) {
        if (c->cfg->disable_etm || !offers_cbc(c->cfg)) {
            return TERN_OK;
        }
        hs->etm_offered = 1;
    } else if (!hs->etm) {
        return TERN_OK;
    }
    return tern_ext_write_raw(w, TERN_EXT_ENCRYPT_THEN_MAC, NULL, 0);
#else
    (void)c;
    (void)w;
    return TERN_OK;
#endif
}

/* see src/handshake/handshake_internal.h */
int tern_ext_encrypt_then_mac_server(tern_conn *c, const tern_exts *x)
{
    tern_hs *hs = &c->hs;

    hs->etm = 0;
    c->info.etm = 0;
    if (!TERN_EXT_SEEN(x, TERN_X_ENCRYPT_THEN_MAC)) {
        return TERN_OK;
    }
    TERN_TRY(
        tern_ext_empty_parse(x->body[TERN_X_ENCRYPT_THEN_MAC], x->len[TERN_X_ENCRYPT_THEN_MAC]));
    hs->etm_offered = 1;
#if TERN_CONFIG_ENCRYPT_THEN_MAC
    /* RFC 7366 3: only for a block cipher suite */
    hs->etm = !c->cfg->disable_etm && hs->suite != NULL && hs->suite->protection == TERN_SUITE_CBC;
#endif
    c->info.etm = hs->etm;
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_ext_encrypt_then_mac_client(tern_conn *c, const tern_exts *x)
{
    tern_hs *hs = &c->hs;

    hs->etm = 0;
    c->info.etm = 0;
    if (!TERN_EXT_SEEN(x, TERN_X_ENCRYPT_THEN_MAC)) {
        return TERN_OK;
    }
    /* RFC 5246 7.4.1.4: only an answer to what we sent */
    TERN_ENSURE(hs->etm_offered, TERN_ERR_UNSUPPORTED_EXTENSION);
    TERN_TRY(
        tern_ext_empty_parse(x->body[TERN_X_ENCRYPT_THEN_MAC], x->len[TERN_X_ENCRYPT_THEN_MAC]));
    /* RFC 7366 3: a server must not send it with an AEAD suite; one that
     * does asks for a record protection that cannot exist. */
    TERN_ENSURE(hs->suite != NULL && hs->suite->protection == TERN_SUITE_CBC,
                TERN_ERR_ILLEGAL_PARAMETER);
    hs->etm = 1;
    c->info.etm = 1;
    return TERN_OK;
}
