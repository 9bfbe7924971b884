/*
 * Platform services: what tern needs from the system, and nothing more.
 *
 * This is the seed's PSP/OAL layer (User Guide 6): entropy, wall-clock
 * time (certificate validity), monotonic milliseconds (DTLS timers,
 * heartbeat), mutexes (the seed API needs two) and a log sink.
 *
 * The sans-I/O engine never calls these itself: time and entropy reach it
 * through the objects that own them (the random generator, the verify
 * policy, the front ends). A platform is a plain struct of function
 * pointers that the caller owns; tern never copies it.
 *
 * Two ready-made platforms exist:
 *  - tern_platform_posix(): getrandom()/getentropy(), clock_gettime(),
 *    pthread mutexes, log to stderr (hosted builds only,
 *    TERN_CONFIG_PLATFORM_POSIX);
 *  - tern_platform_baremetal_init(): the caller supplies entropy and time
 *    callbacks; mutexes are no-ops (single-threaded), logging is off.
 * Any other system fills the struct itself.
 */
#ifndef TERN_PLATFORM_H
#define TERN_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#include "tern/config.h"
#include "tern/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Opaque, suitably aligned storage for one platform mutex. */
typedef struct tern_mutex {
    union {
        void *align_ptr;
        uint64_t align_u64;
        unsigned char bytes[TERN_CONFIG_MUTEX_SIZE];
    } storage;
} tern_mutex;

/* Log levels, most severe first. */
enum {
    TERN_LOG_ERROR = 0,
    TERN_LOG_WARN = 1,
    TERN_LOG_INFO = 2,
    TERN_LOG_DEBUG = 3,
    TERN_LOG_TRACE = 4
};

typedef struct tern_platform tern_platform;
struct tern_platform {
    /* Fills buf with len bytes from a cryptographically strong source.
     * Returns TERN_OK or TERN_ERR_ENTROPY; must never return weak bytes
     * (fail closed). Required. */
    int (*entropy)(void *user, uint8_t *buf, size_t len);

    /* Stores the current UTC time in seconds since 1970-01-01 in *now.
     * Returns TERN_OK, or TERN_ERR_NO_TIME when the clock is not known
     * (for example before an RTC or SNTP sync). NULL means "no clock". */
    int (*wall_time)(void *user, int64_t *now);

    /* Milliseconds from an arbitrary fixed start, never going backwards.
     * NULL means "no timer" (DTLS and heartbeat timers then fail). */
    uint64_t (*monotonic_ms)(void *user);

    /* Mutexes. All four NULL means single-threaded (locks are no-ops). */
    int (*mutex_init)(void *user, tern_mutex *m);
    void (*mutex_lock)(void *user, tern_mutex *m);
    void (*mutex_unlock)(void *user, tern_mutex *m);
    void (*mutex_free)(void *user, tern_mutex *m);

    /* Log sink: one complete message without a trailing newline. NULL
     * drops every message. max_level filters before formatting. */
    void (*log)(void *user, int level, const char *msg);
    int max_level;

    /* Passed as the first argument of every callback above. */
    void *user;
};

/* The POSIX platform, or NULL when TERN_CONFIG_PLATFORM_POSIX is 0. The
 * returned object is static and read-only: logging goes to stderr at
 * TERN_LOG_WARN and above. Entropy is getrandom() on Linux and
 * getentropy() elsewhere; if the system call is missing the entropy
 * callback fails with TERN_ERR_ENTROPY rather than fall back to a weaker
 * source. */
const tern_platform *tern_platform_posix(void);

/* Fills *p for a bare-metal, single-threaded system: entropy and time come
 * from the given callbacks (wall_time and monotonic_ms may be NULL),
 * mutexes are no-ops, logging is off until the caller sets p->log. */
void tern_platform_baremetal_init(tern_platform *p,
                                  int (*entropy)(void *user, uint8_t *buf, size_t len),
                                  int (*wall_time)(void *user, int64_t *now),
                                  uint64_t (*monotonic_ms)(void *user), void *user);

/* The platform tern uses when an API is given none: the POSIX platform on
 * hosted builds, otherwise whatever tern_platform_set_default() installed
 * (NULL until then). The pointer must stay valid while tern uses it. */
const tern_platform *tern_platform_default(void);
void tern_platform_set_default(const tern_platform *p);

/* ---- helpers that tolerate a NULL platform or NULL callbacks ----------- */

/* Entropy from p; TERN_ERR_ENTROPY if p or its callback is missing. */
TERN_MUST_CHECK int tern_platform_entropy(const tern_platform *p, uint8_t *buf, size_t len);

/* Wall time from p; TERN_ERR_NO_TIME if p or its callback is missing. */
TERN_MUST_CHECK int tern_platform_time(const tern_platform *p, int64_t *now);

/* Monotonic ms; TERN_ERR_PLATFORM if p or its callback is missing. */
TERN_MUST_CHECK int tern_platform_ms(const tern_platform *p, uint64_t *now_ms);

/* Mutex operations; no-ops when p has no mutex callbacks. init returns
 * TERN_OK or TERN_ERR_PLATFORM. */
TERN_MUST_CHECK int tern_mutex_init(const tern_platform *p, tern_mutex *m);
void tern_mutex_lock(const tern_platform *p, tern_mutex *m);
void tern_mutex_unlock(const tern_platform *p, tern_mutex *m);
void tern_mutex_free(const tern_platform *p, tern_mutex *m);

/* Sends msg to p's log sink if level <= p->max_level. */
void tern_log(const tern_platform *p, int level, const char *msg);

#ifdef __cplusplus
}
#endif

#endif /* TERN_PLATFORM_H */
