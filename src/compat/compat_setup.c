/*
 * tls_start's work: tern configurations from the registered algorithms,
 * the certificate tables (config_tls.c) and the options of config_tls.h
 * (docs/compat.md lists how each option is honoured).
 *
 * Three configurations are built, identical but for the role settings:
 * client, server, and server that requires a client certificate (the
 * guide chooses client verification per handshake call).
 */
#include <stdio.h>
#include <string.h>

#include "compat/compat_internal.h"
#include "tern/keys.h"
#include "tern/util.h"

/* Length of the DER element (tag 0x30, definite length) at p, or 0 when
 * it is malformed or longer than left. */
static size_t der_seq_len(const uint8_t *p, size_t left)
{
    size_t len, hdr, i, nlen;

    if (left < 2 || p[0] != 0x30) {
        return 0;
    }
    if (p[1] < 0x80) {
        len = p[1];
        hdr = 2;
    } else {
        nlen = p[1] & 0x7fu;
        if (nlen == 0 || nlen > 4 || nlen > left - 2) {
            return 0;
        }
        len = 0;
        for (i = 0; i < nlen; i++) {
            len = (len << 8) | p[2 + i];
        }
        hdr = 2 + nlen;
    }
    if (len > left - hdr) {
        return 0;
    }
    return hdr + len;
}

static void log_entry(const char *table, size_t i, const char *what, int err)
{
    char msg[160];
    snprintf(msg, sizeof(msg), "tls_start: %s[%u]: %s%s%s", table, (unsigned)i, what,
             err != TERN_OK ? ": " : "", err != TERN_OK ? tern_strerror(err) : "");
    compat_log(msg);
}

static int entry_empty(const t_tls_certificate *e)
{
    return e->p_cert_block == NULL || e->cert_block_len == 0;
}

static int bytes_eq(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    while (alen > 0 && a[0] == 0) {
        a++;
        alen--;
    }
    while (blen > 0 && b[0] == 0) {
        b++;
        blen--;
    }
    return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

static int pubkey_eq(const tern_pubkey *a, const tern_pubkey *b)
{
    if (a->type != b->type) {
        return 0;
    }
    switch (a->type) {
    case TERN_KEY_RSA:
        return bytes_eq(a->u.rsa.n, a->u.rsa.n_len, b->u.rsa.n, b->u.rsa.n_len) &&
               bytes_eq(a->u.rsa.e, a->u.rsa.e_len, b->u.rsa.e, b->u.rsa.e_len);
    case TERN_KEY_EC:
        return a->u.ec.curve == b->u.ec.curve && a->u.ec.q_len == b->u.ec.q_len &&
               memcmp(a->u.ec.q, b->u.ec.q, a->u.ec.q_len) == 0;
    case TERN_KEY_ED25519:
    case TERN_KEY_X25519:
        return memcmp(a->u.ed25519.pk, b->u.ed25519.pk, 32) == 0;
    default:
        return 0;
    }
}

/* cert_type against the certificate's key (RFC 5246 7.4.4, RFC 8422 5.5:
 * ecdsa_sign also covers EdDSA). */
static int type_ok(uint8_t cert_type, const tern_pubkey *key)
{
    switch (cert_type) {
    case TLS_CERT_TYPE_ANY:
        return 1;
    case TLS_CERT_TYPE_RSA_SIGN:
        return key->type == TERN_KEY_RSA;
    case TLS_CERT_TYPE_ECDSA_SIGN:
        return key->type == TERN_KEY_EC || key->type == TERN_KEY_ED25519;
    default:
        return 0; /* DSS and unknown types */
    }
}

/* Checks what every table entry shares: the first certificate parses,
 * its type and optional public key match. */
static int check_entry(const char *table, size_t i, const t_tls_certificate *e, const uint8_t *der,
                       size_t len, tern_pubkey *key)
{
    int rc = tern_x509_cert_pubkey(der, len, key);

    if (rc != TERN_OK) {
        log_entry(table, i, "certificate", rc);
        return 0;
    }
    if (!type_ok(e->cert_type, key)) {
        log_entry(table, i, "cert_type does not match the certificate", TERN_OK);
        return 0;
    }
    if (e->p_cert_pub_key != NULL) {
        tern_pubkey given;
        rc = tern_key_parse_public(e->p_cert_pub_key, e->cert_pub_key_len, &given);
        if (rc != TERN_OK || !pubkey_eq(&given, key)) {
            log_entry(table, i, "p_cert_pub_key does not match the certificate", rc);
            return 0;
        }
    }
    return 1;
}

/* Revoked certificates (g_tls_arr_rv_cert) become revoked entries of the
 * trust store: any certificate with the same issuer and serial number is
 * then rejected, wherever it appears in a path (RFC 5280 6.1.3 (a)(2)). */
static t_tls_ret setup_revoked(void)
{
    size_t i;

    for (i = 0; i < TLS_MAX_RV_CERT; i++) {
        const t_tls_certificate *e = &g_tls_arr_rv_cert[i];
        tern_pubkey key;
        int rc;
        if (entry_empty(e)) {
            continue;
        }
        if (!check_entry("g_tls_arr_rv_cert", i, e, e->p_cert_block, e->cert_block_len, &key)) {
            return TLS_INIT_ERR;
        }
        rc = tern_trust_store_add_revoked(g_tls.trust, e->p_cert_block, e->cert_block_len);
        if (rc != TERN_OK) {
            log_entry("g_tls_arr_rv_cert", i, "revoked entry", rc);
            return TLS_INIT_ERR;
        }
    }
    return TLS_OK;
}

static t_tls_ret setup_trust(void)
{
    size_t i;
    int rc = tern_trust_store_init(&g_tls.trust, g_tls.trust_mem, sizeof(g_tls.trust_mem),
                                   TLS_MAX_CA_CERT + TLS_MAX_RV_CERT);

    if (rc != TERN_OK) {
        compat_log("tls_start: trust store");
        return TLS_INIT_ERR;
    }
    for (i = 0; i < TLS_MAX_CA_CERT; i++) {
        const t_tls_certificate *e = &g_tls_arr_ca_cert[i];
        tern_pubkey key;
        if (entry_empty(e)) {
            continue;
        }
        if (!check_entry("g_tls_arr_ca_cert", i, e, e->p_cert_block, e->cert_block_len, &key)) {
            return TLS_INIT_ERR;
        }
        rc = tern_trust_store_add_der(g_tls.trust, e->p_cert_block, e->cert_block_len);
        if (rc != TERN_OK) {
            log_entry("g_tls_arr_ca_cert", i, "trust anchor", rc);
            return TLS_INIT_ERR;
        }
    }
    return setup_revoked();
}

/* Host entries: chain split, key parsed; key types collected. */
static t_tls_ret setup_hosts(unsigned *key_types, size_t *count)
{
    size_t i;

    *key_types = 0;
    *count = 0;
    for (i = 0; i < TLS_MAX_HOST_CERT; i++) {
        const t_tls_certificate *e = &g_tls_arr_host_cert[i];
        const uint8_t *p;
        size_t left, n = 0;
        tern_pubkey key;
        int rc;

        if (entry_empty(e)) {
            continue;
        }
        p = e->p_cert_block;
        left = e->cert_block_len;
        while (left > 0) {
            size_t len = der_seq_len(p, left);
            if (len == 0 || n == COMPAT_MAX_HOST_CHAIN) {
                log_entry("g_tls_arr_host_cert", i,
                          len == 0 ? "p_cert_block is not DER certificates"
                                   : "more certificates than COMPAT_MAX_HOST_CHAIN",
                          TERN_OK);
                return TLS_INIT_ERR;
            }
            g_tls.host_chain[i][n] = p;
            g_tls.host_lens[i][n] = len;
            n++;
            p += len;
            left -= len;
        }
        if (!check_entry("g_tls_arr_host_cert", i, e, g_tls.host_chain[i][0], g_tls.host_lens[i][0],
                         &key)) {
            return TLS_INIT_ERR;
        }
        if (e->cert_role > TLS_CERT_ROLE_CLIENT) {
            log_entry("g_tls_arr_host_cert", i, "unknown cert_role", TERN_OK);
            return TLS_INIT_ERR;
        }
        if (e->p_cert_priv_key == NULL || e->cert_priv_key_len == 0) {
            log_entry("g_tls_arr_host_cert", i, "no private key", TERN_OK);
            return TLS_INIT_ERR;
        }
        rc = tern_key_parse_private(e->p_cert_priv_key, e->cert_priv_key_len, &g_tls.host_key[i]);
        if (rc != TERN_OK) {
            log_entry("g_tls_arr_host_cert", i, "private key", rc);
            return TLS_INIT_ERR;
        }
        if (e->cert_role != TLS_CERT_ROLE_CLIENT) {
            *key_types |= 1u << (key.type == TERN_KEY_ED25519 ? TERN_KEY_EC : key.type);
        }
        (*count)++;
    }
    return TLS_OK;
}

/* Adds the host entries for role (TLS_CERT_ROLE_SERVER / _CLIENT). */
static t_tls_ret add_credentials(tern_config *cfg, uint8_t role)
{
    size_t i, n;

    for (i = 0; i < TLS_MAX_HOST_CERT; i++) {
        const t_tls_certificate *e = &g_tls_arr_host_cert[i];
        int rc;
        if (entry_empty(e) || (e->cert_role != TLS_CERT_ROLE_ANY && e->cert_role != role)) {
            continue;
        }
        for (n = 0; n < COMPAT_MAX_HOST_CHAIN && g_tls.host_chain[i][n] != NULL; n++) {
        }
        rc = tern_config_add_credential(cfg, g_tls.host_chain[i], g_tls.host_lens[i], n,
                                        &g_tls.host_key[i]);
        if (rc != TERN_OK) {
            log_entry("g_tls_arr_host_cert", i, "credential", rc);
            return TLS_INIT_ERR;
        }
        if (!compat_scheme_for_key(cfg, g_tls.host_key[i].type)) {
            log_entry("g_tls_arr_host_cert", i, "no registered signature scheme for its key",
                      TERN_OK);
            return TLS_INIT_ERR;
        }
    }
    return TLS_OK;
}

/* RFC 6066 4: the largest max_fragment_length code whose size
 * (2^(8+code)) fits TLS_MAX_DATA_LEN, or 0 when none is needed or
 * fits. */
static uint8_t mfl_code(void)
{
    uint8_t code = 0;
    size_t size = 512;

    if (TLS_MAX_DATA_LEN >= 16384) {
        return 0;
    }
    while (code < 4 && size <= TLS_MAX_DATA_LEN) {
        code++;
        size <<= 1;
    }
    return code;
}

static t_tls_ret check_size(const tern_config *cfg, const char *which)
{
    size_t need = tern_conn_size(cfg);
    if (need + 16 > sizeof(g_tls_conn[0].mem)) {
        char msg[160];
        snprintf(msg, sizeof(msg),
                 "tls_start: a %s connection needs %u bytes, TLS_CONN_MEM_SIZE is %u", which,
                 (unsigned)need, (unsigned)TLS_CONN_MEM_SIZE);
        compat_log(msg);
        return TLS_INIT_ERR;
    }
    return TLS_OK;
}

/* Hands the registered classes to cfg (tern_config_set_*_class): the
 * engine then runs each application class; a built-in class sets
 * nothing. Slots are taken in order, so of two slots with the same
 * algorithm the later one wins. The register functions checked every
 * class against the setters' rules; TLS_MAX_SIGN_ALG_SIZE above
 * TERN_MAX_SIG_CLASSES application signature classes is the one failure
 * left. */
static t_tls_ret install_classes(tern_config *cfg)
{
    size_t i;
    int rc = TERN_OK;

    for (i = 0; i < TLS_MAX_BULK_ALG_SIZE && rc == TERN_OK; i++) {
        if (g_tls.bulk[i].cls != NULL && COMPAT_BULK_IS_CBC(g_tls.bulk[i].alg_id)) {
            rc = compat_block_install(cfg, g_tls.bulk[i].alg_id, g_tls.bulk[i].cls);
        } else if (g_tls.bulk[i].cls != NULL) {
            rc = tern_config_set_aead_class(cfg, g_tls.bulk[i].alg_id,
                                            (const tern_aead_class *)g_tls.bulk[i].cls);
        }
    }
    for (i = 0; i < TLS_MAX_HASH_ALG_SIZE && rc == TERN_OK; i++) {
        uint16_t id = g_tls.hash[i].alg_id;
        if (g_tls.hash[i].cls != NULL && (id == TLS_HASH_ALG_SHA256 || id == TLS_HASH_ALG_SHA384)) {
            rc = tern_config_set_hash_class(cfg, id, (const tern_hash_class *)g_tls.hash[i].cls);
        }
    }
    for (i = 0; i < TLS_MAX_SIGN_ALG_SIZE && rc == TERN_OK; i++) {
        if (g_tls.sign[i].cls != NULL) {
            rc = tern_config_set_sig_class(cfg, g_tls.sign[i].alg_id,
                                           (const tern_sig_class *)g_tls.sign[i].cls);
        }
    }
    if (rc != TERN_OK) {
        compat_log("tls_start: a registered class was refused by the engine (more application "
                   "signature classes than TERN_MAX_SIG_CLASSES?)");
        return TLS_INIT_ERR;
    }
    return TLS_OK;
}

static t_tls_ret build(void)
{
    static const uint8_t pers[] = "tern seed API ticket keys";
    tern_config *base = &g_tls.cfg_client;
    unsigned key_types;
    size_t hosts;
    t_tls_ret ret;
    int rc;

    memset(g_tls.host_chain, 0, sizeof(g_tls.host_chain));
    memset(g_tls.host_lens, 0, sizeof(g_tls.host_lens));
    ret = setup_trust();
    if (ret == TLS_OK) {
        ret = setup_hosts(&key_types, &hosts);
    }
    if (ret != TLS_OK) {
        return ret;
    }

    tern_config_init(base);
    base->platform = g_tls.platform;
    ret = compat_psk_apply(base);
    if (ret == TLS_OK) {
        ret = compat_choose_suites(base, key_types);
    }
    if (ret == TLS_OK) {
        ret = compat_choose_schemes(base);
    }
    if (ret == TLS_OK) {
        ret = install_classes(base);
    }
    if (ret != TLS_OK) {
        return ret;
    }
    base->verify_mode = TLS_TRUST_ALL_CERT ? TERN_VERIFY_NONE : TERN_VERIFY_REQUIRED;
    base->trust = g_tls.trust;
    base->policy.platform = g_tls.platform;
    base->policy.time_mode = TLS_CHECK_CERT_EXP ? TERN_X509_TIME_REQUIRED : TERN_X509_TIME_IGNORE;
    if (base->policy.min_rsa_bits < 8u * TLS_MIN_PUB_KEY_SIZE) {
        base->policy.min_rsa_bits = (uint16_t)(8u * TLS_MIN_PUB_KEY_SIZE);
    }
    base->in_record_size = TLS_MAX_DATA_LEN;
    base->out_record_size = TLS_MAX_DATA_LEN;
    base->hs_buffer_size = TLS_HS_MSG_STORE_SIZE;
    base->keep_peer_chain = TLS_PEER_CHAIN_SIZE;
    base->client_tickets = 1;
    /* Heartbeat (RFC 6520): TLS_HB_ENABLE is tern's switch; the seed's
     * options give the mode, the interval and the payload. */
    base->heartbeat = !TLS_HB_ENABLE          ? TERN_HB_OFF
                      : TLS_HB_ALLOW_PEER_REQ ? TERN_HB_PEER_ALLOWED
                                              : TERN_HB_PEER_NOT_ALLOWED;
    base->heartbeat_interval = TLS_HB_TIME;
    base->heartbeat_timeout = TLS_HB_TIMEOUT;
    base->heartbeat_payload = TLS_EXT_HB_PAYLOAD_SIZE;

    /* Server resumption: session IDs (cache of TLS_MAX_SES_SIZE) and
     * tickets (RFC 5077), both locking ses_lock through ses_platform. */
    rc = tern_hmac_drbg_init(&g_tls.drbg, &tern_sha256_class, g_tls.platform, pers,
                             sizeof(pers) - 1);
    if (rc == TERN_OK) {
        rc = tern_ticket_keys_init(&g_tls.ticket_keys, &g_tls.drbg.vtable, &g_tls.ses_platform);
    }
    if (rc == TERN_OK) {
        rc = tern_session_cache_init(&g_tls.cache, g_tls.cache_slots, g_tls.cache_stamps,
                                     TLS_MAX_SES_SIZE, &g_tls.ses_platform);
    }
    if (rc != TERN_OK) {
        compat_log("tls_start: random generator or ticket keys (no entropy?)");
        return TLS_INIT_ERR;
    }

    g_tls.cfg_server = *base;
    ret = add_credentials(base, TLS_CERT_ROLE_CLIENT);
    if (ret == TLS_OK) {
        ret = add_credentials(&g_tls.cfg_server, TLS_CERT_ROLE_SERVER);
    }
    if (ret != TLS_OK) {
        return ret;
    }
    g_tls.cfg_server.session_cache = &g_tls.cache;
    g_tls.cfg_server.ticket_keys = &g_tls.ticket_keys;
    g_tls.cfg_server.client_auth = TERN_CLIENT_AUTH_NONE;
    g_tls.cfg_server_verify = g_tls.cfg_server;
    g_tls.cfg_server_verify.client_auth = TERN_CLIENT_AUTH_REQUIRED;
    base->max_fragment_length = mfl_code();

    ret = check_size(&g_tls.cfg_client, "client");
    if (ret == TLS_OK) {
        ret = check_size(&g_tls.cfg_server_verify, "server");
    }
    (void)hosts;
    return ret;
}

/* see src/compat/compat_internal.h */
t_tls_ret compat_setup(void)
{
    t_tls_ret ret = build();
    if (ret != TLS_OK) {
        compat_teardown();
    }
    return ret;
}

/* see src/compat/compat_internal.h */
void compat_teardown(void)
{
    tern_session_cache_free(&g_tls.cache);
    tern_ticket_keys_free(&g_tls.ticket_keys);
    tern_hmac_drbg_wipe(&g_tls.drbg);
    /* The configurations point at the application's keys: forget them. */
    tern_wipe(&g_tls.cfg_client, sizeof(g_tls.cfg_client));
    tern_wipe(&g_tls.cfg_server, sizeof(g_tls.cfg_server));
    tern_wipe(&g_tls.cfg_server_verify, sizeof(g_tls.cfg_server_verify));
    tern_wipe(g_tls.host_key, sizeof(g_tls.host_key));
    g_tls.trust = NULL;
}
