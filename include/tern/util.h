/*
 * Small public utilities.
 */
#ifndef TERN_UTIL_H
#define TERN_UTIL_H

#include <stddef.h>

#include "tern/config.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Overwrites len bytes at p with zeros in a way the compiler cannot remove
 * as a dead store. Use it for every key, secret and plaintext copy before
 * the memory is released or reused. p may be NULL (nothing is written). */
void tern_wipe(void *p, size_t len);

/* The library version, "MAJOR.MINOR.PATCH". */
const char *tern_version(void);

#define TERN_VERSION_MAJOR 0
#define TERN_VERSION_MINOR 1
#define TERN_VERSION_PATCH 0

#ifdef __cplusplus
}
#endif

#endif /* TERN_UTIL_H */
