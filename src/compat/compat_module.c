/*
 * Module management (User Guide 5.1): tls_init, tls_start, tls_stop,
 * tls_delete, and the two module mutexes of section 6.1.
 *
 * The module state and the pools are the seed API's global state: the
 * guide's API has no context argument, so they live here, statically.
 */
#include <string.h>

#include "compat/compat_internal.h"
#include "tern/util.h"

compat_state g_tls;
t_tls_connection g_tls_conn[TLS_MAX_CONN_SIZE];

/* The session platform: everything forwards to the module's platform,
 * except that the engine's session cache and ticket keys lock ses_lock
 * instead of a mutex of their own (6.1 counts two mutexes). */
static int ses_entropy(void *user, uint8_t *buf, size_t len)
{
    return tern_platform_entropy((const tern_platform *)user, buf, len);
}

static int ses_time(void *user, int64_t *now)
{
    return tern_platform_time((const tern_platform *)user, now);
}

static uint64_t ses_ms(void *user)
{
    uint64_t ms = 0;
    if (tern_platform_ms((const tern_platform *)user, &ms) != TERN_OK) {
        return 0;
    }
    return ms;
}

static int ses_mutex_init(void *user, tern_mutex *m)
{
    (void)user;
    (void)m;
    return TERN_OK;
}

static void ses_mutex_lock(void *user, tern_mutex *m)
{
    (void)m;
    tern_mutex_lock((const tern_platform *)user, &g_tls.ses_lock);
}

static void ses_mutex_unlock(void *user, tern_mutex *m)
{
    (void)m;
    tern_mutex_unlock((const tern_platform *)user, &g_tls.ses_lock);
}

static void ses_mutex_free(void *user, tern_mutex *m)
{
    (void)user;
    (void)m;
}

static void ses_log(void *user, int level, const char *msg)
{
    tern_log((const tern_platform *)user, level, msg);
}

/* see src/compat/compat_internal.h */
void compat_lock(void)
{
    tern_mutex_lock(g_tls.platform, &g_tls.mod_lock);
}

/* see src/compat/compat_internal.h */
void compat_unlock(void)
{
    tern_mutex_unlock(g_tls.platform, &g_tls.mod_lock);
}

/* see src/compat/compat_internal.h */
void compat_ses_lock(void)
{
    tern_mutex_lock(g_tls.platform, &g_tls.ses_lock);
}

/* see src/compat/compat_internal.h */
void compat_ses_unlock(void)
{
    tern_mutex_unlock(g_tls.platform, &g_tls.ses_lock);
}

/* see src/compat/compat_internal.h */
uint64_t compat_now_ms(void)
{
    uint64_t ms = 0;
    if (tern_platform_ms(g_tls.platform, &ms) != TERN_OK) {
        return 0;
    }
    return ms;
}

/* see src/compat/compat_internal.h */
void compat_log(const char *msg)
{
    tern_log(g_tls.platform, TERN_LOG_WARN, msg);
}

/* see include/api_tls.h */
t_tls_ret tls_init(void)
{
    const tern_platform *p = tern_platform_default();
    size_t i;

    if (g_tls.state != COMPAT_NONE || p == NULL) {
        return TLS_INIT_ERR;
    }
    memset(&g_tls, 0, sizeof(g_tls));
    g_tls.platform = p;
    if (tern_mutex_init(p, &g_tls.mod_lock) != TERN_OK) {
        return TLS_INIT_ERR;
    }
    if (tern_mutex_init(p, &g_tls.ses_lock) != TERN_OK) {
        tern_mutex_free(p, &g_tls.mod_lock);
        return TLS_INIT_ERR;
    }
    g_tls.ses_platform.entropy = ses_entropy;
    g_tls.ses_platform.wall_time = p->wall_time != NULL ? ses_time : NULL;
    g_tls.ses_platform.monotonic_ms = p->monotonic_ms != NULL ? ses_ms : NULL;
    g_tls.ses_platform.mutex_init = ses_mutex_init;
    g_tls.ses_platform.mutex_lock = ses_mutex_lock;
    g_tls.ses_platform.mutex_unlock = ses_mutex_unlock;
    g_tls.ses_platform.mutex_free = ses_mutex_free;
    g_tls.ses_platform.log = ses_log;
    g_tls.ses_platform.max_level = p->max_level;
    g_tls.ses_platform.user = (void *)(uintptr_t)p;
    /* Entries keep their generation across tls_delete / tls_init, so a
     * handle from before never names a new connection. */
    for (i = 0; i < TLS_MAX_CONN_SIZE; i++) {
        g_tls_conn[i].conn = NULL;
        g_tls_conn[i].kind = CONN_FREE;
        g_tls_conn[i].fd = -1;
        g_tls_conn[i].busy = 0;
        g_tls_conn[i].hs = HS_IDLE;
    }
    g_tls.state = COMPAT_INITED;
    return TLS_OK;
}

/* see include/api_tls.h */
t_tls_ret tls_start(void)
{
    t_tls_ret ret;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    compat_lock();
    if (g_tls.state != COMPAT_INITED) {
        compat_unlock();
        return TLS_INIT_ERR;
    }
    ret = compat_setup();
    if (ret == TLS_OK) {
        g_tls.state = COMPAT_STARTED;
    }
    compat_unlock();
    return ret;
}

/* see include/api_tls.h */
t_tls_ret tls_stop(void)
{
    size_t i;

    if (g_tls.state == COMPAT_NONE) {
        return TLS_INIT_ERR;
    }
    compat_lock();
    if (g_tls.state != COMPAT_STARTED) {
        compat_unlock();
        return TLS_INIT_ERR;
    }
    for (i = 0; i < TLS_MAX_CONN_SIZE; i++) {
        if (g_tls_conn[i].busy) {
            compat_unlock();
            return TLS_INIT_ERR; /* a task is inside a call: did not stop */
        }
    }
    for (i = 0; i < TLS_MAX_CONN_SIZE; i++) {
        if (g_tls_conn[i].kind != CONN_FREE) {
            compat_release(&g_tls_conn[i]);
        }
    }
#if TLS_TCPIP_IFC_ENABLE && TERN_CONFIG_PLATFORM_POSIX
    compat_tcp_reset();
#endif
    compat_ses_clear();
    compat_teardown();
    g_tls.state = COMPAT_INITED;
    compat_unlock();
    return TLS_OK;
}

/* see include/api_tls.h */
t_tls_ret tls_delete(void)
{
    const tern_platform *p = g_tls.platform;

    if (g_tls.state != COMPAT_INITED) {
        return TLS_INIT_ERR; /* not initialised, or still started */
    }
    g_tls.state = COMPAT_NONE;
    tern_mutex_free(p, &g_tls.ses_lock);
    tern_mutex_free(p, &g_tls.mod_lock);
    tern_wipe(&g_tls, sizeof(g_tls));
    return TLS_OK;
}
