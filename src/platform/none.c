/*
 * tern_platform_posix() for builds without the POSIX platform. A separate
 * file rather than an #else branch, so each platform reads on its own.
 */
#include "tern/config.h"

#if !TERN_CONFIG_PLATFORM_POSIX

#include <stddef.h>

#include "tern/platform.h"

/* see include/tern/platform.h */
const tern_platform *tern_platform_posix(void)
{
    return NULL;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_platform_none_unused_;
#endif
