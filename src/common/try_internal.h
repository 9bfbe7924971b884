/*
 * The two guard macros of the house (see docs/contributing.md):
 *   TERN_TRY(expr)          evaluate a fallible call, return its error
 *   TERN_ENSURE(cond, err)  return err unless cond holds
 * Both return at once, so functions that use them must need no cleanup.
 * A function that must wipe secrets on every path uses one `out:` label
 * and the *_GOTO variants, which set `ret` and jump there.
 */
#ifndef TERN_TRY_INTERNAL_H
#define TERN_TRY_INTERNAL_H

#include "tern/error.h"

#define TERN_TRY(expr)                                                         \
    do {                                                                       \
        int tern_try_rc_ = (expr);                                             \
        if (tern_try_rc_ < 0) {                                                \
            return tern_try_rc_;                                               \
        }                                                                      \
    } while (0)

#define TERN_ENSURE(cond, err)                                                 \
    do {                                                                       \
        if (!(cond)) {                                                         \
            return (err);                                                      \
        }                                                                      \
    } while (0)

#define TERN_TRY_GOTO(expr)                                                    \
    do {                                                                       \
        ret = (expr);                                                          \
        if (ret < 0) {                                                         \
            goto out;                                                          \
        }                                                                      \
    } while (0)

#define TERN_ENSURE_GOTO(cond, err)                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            ret = (err);                                                       \
            goto out;                                                          \
        }                                                                      \
    } while (0)

/* Argument-contract check: compiled to nothing when
 * TERN_CONFIG_USAGE_CHECKS is 0. Never use it on network input. */
#if TERN_CONFIG_USAGE_CHECKS
#define TERN_CHECK_ARG(cond)                                                   \
    do {                                                                       \
        if (!(cond)) {                                                         \
            return TERN_ERR_USAGE;                                             \
        }                                                                      \
    } while (0)
#else
#define TERN_CHECK_ARG(cond) ((void)0)
#endif

#endif /* TERN_TRY_INTERNAL_H */
