/*
 * Pre-shared keys for the seed API (tern extension; the User Guide has no
 * PSK call): tls_set_psk, tls_set_psk_hint, tls_set_psk_client_cb,
 * tls_set_psk_server_cb, and how tls_start hands them to the engine
 * (tern_config_set_psk, tern_config_set_psk_hint, psk_client_cb,
 * psk_server_cb; RFC 4279, docs/kx.md).
 *
 * The callbacks are the application's t_tls_ret functions behind two
 * trampolines that translate lengths and return codes. The values are
 * written only while the module is initialised and not started (under
 * the module mutex), so handshakes read them without a lock.
 */
#include <string.h>

#include "compat/compat_internal.h"
#include "tern/util.h"

/* The state rule of the register functions. */
static t_tls_ret check_state(void)
{
    return g_tls.state == COMPAT_INITED ? TLS_OK : TLS_INIT_ERR;
}

static t_tls_ret set_psk(const uint8_t *identity, uint16_t identity_len, const uint8_t *key,
                         uint16_t key_len)
{
    t_tls_ret ret = check_state();

    if (ret != TLS_OK) {
        return ret;
    }
    if ((key == NULL && key_len > 0) || (identity == NULL && identity_len > 0)) {
        return TLS_NULL_PTR_ERR;
    }
    if ((key != NULL && key_len == 0) || key_len > TERN_MAX_PSK ||
        identity_len > TERN_MAX_PSK_IDENTITY) {
        return TLS_PARAM_ERR;
    }
    tern_wipe(g_tls.psk_key, sizeof(g_tls.psk_key));
    g_tls.psk_key_len = key_len;
    g_tls.psk_identity_len = identity_len;
    if (key_len > 0) {
        memcpy(g_tls.psk_key, key, key_len);
    }
    if (identity_len > 0) {
        memcpy(g_tls.psk_identity, identity, identity_len);
    }
    return TLS_OK;
}

static t_tls_ret set_hint(const uint8_t *hint, uint16_t hint_len)
{
    t_tls_ret ret = check_state();

    if (ret != TLS_OK) {
        return ret;
    }
    if (hint == NULL && hint_len > 0) {
        return TLS_NULL_PTR_ERR;
    }
    if (hint_len > TERN_MAX_PSK_IDENTITY) {
        return TLS_PARAM_ERR;
    }
    g_tls.psk_hint_len = hint_len;
    if (hint_len > 0) {
        memcpy(g_tls.psk_hint, hint, hint_len);
    }
    return TLS_OK;
}

static t_tls_ret set_client_cb(t_tls_psk_client_fn fn, uint32_t param)
{
    t_tls_ret ret = check_state();
    if (ret == TLS_OK) {
        g_tls.psk_client_fn = fn;
        g_tls.psk_client_param = param;
    }
    return ret;
}

static t_tls_ret set_server_cb(t_tls_psk_server_fn fn, uint32_t param)
{
    t_tls_ret ret = check_state();
    if (ret == TLS_OK) {
        g_tls.psk_server_fn = fn;
        g_tls.psk_server_param = param;
    }
    return ret;
}

/* see include/api_tls.h */
t_tls_ret tls_set_psk(const uint8_t *p_identity, uint16_t identity_len, const uint8_t *p_key,
                      uint16_t key_len)
{
    COMPAT_LOCKED(set_psk(p_identity, identity_len, p_key, key_len));
}

/* see include/api_tls.h */
t_tls_ret tls_set_psk_hint(const uint8_t *p_hint, uint16_t hint_len)
{
    COMPAT_LOCKED(set_hint(p_hint, hint_len));
}

/* see include/api_tls.h */
t_tls_ret tls_set_psk_client_cb(t_tls_psk_client_fn fn, uint32_t param)
{
    COMPAT_LOCKED(set_client_cb(fn, param));
}

/* see include/api_tls.h */
t_tls_ret tls_set_psk_server_cb(t_tls_psk_server_fn fn, uint32_t param)
{
    COMPAT_LOCKED(set_server_cb(fn, param));
}

static uint16_t cap16(size_t n)
{
    return n > 0xFFFFu ? (uint16_t)0xFFFFu : (uint16_t)n;
}

/* tern_config.psk_client_cb: the application's client callback. */
static int client_cb(void *user, const uint8_t *hint, size_t hint_len, uint8_t *identity,
                     size_t *identity_len, uint8_t *key, size_t *key_len)
{
    uint16_t id_room = cap16(*identity_len), key_room = cap16(*key_len);
    uint16_t id_len = id_room, k_len = key_room;
    t_tls_ret r;

    (void)user;
    r = g_tls.psk_client_fn(g_tls.psk_client_param, hint, cap16(hint_len), identity, &id_len, key,
                            &k_len);
    if (r != TLS_OK || id_len > id_room || k_len == 0 || k_len > key_room) {
        tern_wipe(key, *key_len);
        return TERN_ERR_HANDSHAKE_FAILURE;
    }
    *identity_len = id_len;
    *key_len = k_len;
    return TERN_OK;
}

/* tern_config.psk_server_cb: the application's server callback. */
static int server_cb(void *user, const uint8_t *identity, size_t identity_len, uint8_t *key,
                     size_t *key_len)
{
    uint16_t key_room = cap16(*key_len), k_len = key_room;
    t_tls_ret r;

    (void)user;
    r = g_tls.psk_server_fn(g_tls.psk_server_param, identity, cap16(identity_len), key, &k_len);
    if (r != TLS_OK || k_len == 0 || k_len > key_room) {
        tern_wipe(key, *key_len);
        return r == TLS_NOT_FOUND_ERR ? TERN_ERR_UNKNOWN_PSK_IDENTITY : TERN_ERR_HANDSHAKE_FAILURE;
    }
    *key_len = k_len;
    return TERN_OK;
}

/* see src/compat/compat_internal.h */
int compat_psk_client(void)
{
    return g_tls.psk_key_len > 0 || g_tls.psk_client_fn != NULL;
}

/* see src/compat/compat_internal.h */
int compat_psk_server(void)
{
    return g_tls.psk_key_len > 0 || g_tls.psk_server_fn != NULL;
}

/* see src/compat/compat_internal.h */
t_tls_ret compat_psk_apply(tern_config *cfg)
{
    int rc = TERN_OK;

    if (g_tls.psk_key_len > 0) {
        rc = tern_config_set_psk(cfg, g_tls.psk_identity, g_tls.psk_identity_len, g_tls.psk_key,
                                 g_tls.psk_key_len);
    }
    if (rc == TERN_OK && g_tls.psk_hint_len > 0) {
        rc = tern_config_set_psk_hint(cfg, g_tls.psk_hint, g_tls.psk_hint_len);
    }
    if (rc != TERN_OK) {
        compat_log("tls_start: the PSK was refused by the engine");
        return TLS_INIT_ERR;
    }
    cfg->psk_client_cb = g_tls.psk_client_fn != NULL ? client_cb : NULL;
    cfg->psk_server_cb = g_tls.psk_server_fn != NULL ? server_cb : NULL;
    return TLS_OK;
}
