/*
 * POSIX platform: getrandom()/getentropy(), clock_gettime(), pthreads.
 *
 * Compiled only when TERN_CONFIG_PLATFORM_POSIX is 1; on bare-metal builds
 * this file is empty and tern_platform_posix() returns NULL.
 */
#include "tern/config.h"

#if TERN_CONFIG_PLATFORM_POSIX

#if !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE 1 /* getentropy, clock_gettime on glibc */
#endif

#include <errno.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif
#if TERN_CONFIG_THREADS
#include <pthread.h>
#endif

#include "tern/platform.h"

#if TERN_CONFIG_THREADS
/* tern_mutex must be able to hold a pthread mutex. */
typedef char tern_mutex_fits_pthread[(sizeof(pthread_mutex_t) <= TERN_CONFIG_MUTEX_SIZE) ? 1 : -1];
#endif

static int posix_entropy(void *user, uint8_t *buf, size_t len)
{
    (void)user;
    while (len > 0) {
#if defined(__linux__)
        /* getrandom() blocks until the kernel pool is initialised, then
         * never fails for reads up to 256 bytes except on EINTR. ENOSYS
         * (kernel older than 3.17) fails closed. */
        ssize_t n = getrandom(buf, len > 256 ? 256 : len, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return TERN_ERR_ENTROPY;
        }
        buf += (size_t)n;
        len -= (size_t)n;
#else
        size_t chunk = len > 256 ? 256 : len; /* getentropy's limit */
        if (getentropy(buf, chunk) != 0) {
            return TERN_ERR_ENTROPY;
        }
        buf += chunk;
        len -= chunk;
#endif
    }
    return TERN_OK;
}

static int posix_wall_time(void *user, int64_t *now)
{
    struct timespec ts;
    (void)user;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) {
        return TERN_ERR_NO_TIME;
    }
    *now = (int64_t)ts.tv_sec;
    return TERN_OK;
}

static uint64_t posix_monotonic_ms(void *user)
{
    struct timespec ts;
    (void)user;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        return 0;
    }
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

#if TERN_CONFIG_THREADS
static int posix_mutex_init(void *user, tern_mutex *m)
{
    (void)user;
    return pthread_mutex_init((pthread_mutex_t *)(void *)m->storage.bytes, NULL) == 0
               ? TERN_OK
               : TERN_ERR_PLATFORM;
}

static void posix_mutex_lock(void *user, tern_mutex *m)
{
    (void)user;
    (void)pthread_mutex_lock((pthread_mutex_t *)(void *)m->storage.bytes);
}

static void posix_mutex_unlock(void *user, tern_mutex *m)
{
    (void)user;
    (void)pthread_mutex_unlock((pthread_mutex_t *)(void *)m->storage.bytes);
}

static void posix_mutex_free(void *user, tern_mutex *m)
{
    (void)user;
    (void)pthread_mutex_destroy((pthread_mutex_t *)(void *)m->storage.bytes);
}
#endif

static void posix_log(void *user, int level, const char *msg)
{
    static const char *const names[] = {"error", "warn", "info", "debug", "trace"};
    (void)user;
    if (level < 0 || level > TERN_LOG_TRACE) {
        level = TERN_LOG_TRACE;
    }
    fprintf(stderr, "tern %s: %s\n", names[level], msg);
}

static const tern_platform posix_platform = {
    posix_entropy,
    posix_wall_time,
    posix_monotonic_ms,
#if TERN_CONFIG_THREADS
    posix_mutex_init,
    posix_mutex_lock,
    posix_mutex_unlock,
    posix_mutex_free,
#else
    NULL,
    NULL,
    NULL,
    NULL,
#endif
    posix_log,
    TERN_LOG_WARN,
    NULL,
};

/* see include/tern/platform.h */
const tern_platform *tern_platform_posix(void)
{
    return &posix_platform;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_platform_posix_unused_;
#endif /* TERN_CONFIG_PLATFORM_POSIX */
