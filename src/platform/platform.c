/*
 * Platform helpers shared by every platform: NULL-tolerant wrappers, the
 * bare-metal initializer and the default-platform slot.
 */
#include <string.h>

#include "tern/platform.h"

static const tern_platform *default_platform;

/* see include/tern/platform.h */
void tern_platform_baremetal_init(tern_platform *p,
                                  int (*entropy)(void *user, uint8_t *buf, size_t len),
                                  int (*wall_time)(void *user, int64_t *now),
                                  uint64_t (*monotonic_ms)(void *user), void *user)
{
    memset(p, 0, sizeof(*p));
    p->entropy = entropy;
    p->wall_time = wall_time;
    p->monotonic_ms = monotonic_ms;
    p->max_level = TERN_LOG_WARN;
    p->user = user;
}

/* see include/tern/platform.h */
const tern_platform *tern_platform_default(void)
{
    if (default_platform != NULL) {
        return default_platform;
    }
    return tern_platform_posix();
}

/* see include/tern/platform.h */
void tern_platform_set_default(const tern_platform *p)
{
    default_platform = p;
}

/* see include/tern/platform.h */
int tern_platform_entropy(const tern_platform *p, uint8_t *buf, size_t len)
{
    if (p == NULL || p->entropy == NULL) {
        return TERN_ERR_ENTROPY;
    }
    if (len == 0) {
        return TERN_OK;
    }
    /* Any failure of the callback is reported as an entropy failure. */
    return p->entropy(p->user, buf, len) == TERN_OK ? TERN_OK : TERN_ERR_ENTROPY;
}

/* see include/tern/platform.h */
int tern_platform_time(const tern_platform *p, int64_t *now)
{
    if (p == NULL || p->wall_time == NULL) {
        return TERN_ERR_NO_TIME;
    }
    return p->wall_time(p->user, now) == TERN_OK ? TERN_OK : TERN_ERR_NO_TIME;
}

/* see include/tern/platform.h */
int tern_platform_ms(const tern_platform *p, uint64_t *now_ms)
{
    if (p == NULL || p->monotonic_ms == NULL) {
        return TERN_ERR_PLATFORM;
    }
    *now_ms = p->monotonic_ms(p->user);
    return TERN_OK;
}

/* see include/tern/platform.h */
int tern_mutex_init(const tern_platform *p, tern_mutex *m)
{
    if (p == NULL || p->mutex_init == NULL) {
        return TERN_OK;
    }
    return p->mutex_init(p->user, m) == TERN_OK ? TERN_OK : TERN_ERR_PLATFORM;
}

/* see include/tern/platform.h */
void tern_mutex_lock(const tern_platform *p, tern_mutex *m)
{
    if (p != NULL && p->mutex_lock != NULL) {
        p->mutex_lock(p->user, m);
    }
}

/* see include/tern/platform.h */
void tern_mutex_unlock(const tern_platform *p, tern_mutex *m)
{
    if (p != NULL && p->mutex_unlock != NULL) {
        p->mutex_unlock(p->user, m);
    }
}

/* see include/tern/platform.h */
void tern_mutex_free(const tern_platform *p, tern_mutex *m)
{
    if (p != NULL && p->mutex_free != NULL) {
        p->mutex_free(p->user, m);
    }
}

/* see include/tern/platform.h */
void tern_log(const tern_platform *p, int level, const char *msg)
{
#if TERN_CONFIG_LOG
    if (p != NULL && p->log != NULL && level <= p->max_level) {
        p->log(p->user, level, msg);
    }
#else
    (void)p;
    (void)level;
    (void)msg;
#endif
}
