/*
 * Library version string.
 */
#include "tern/util.h"

#define TERN_STR2_(x) #x
#define TERN_STR_(x) TERN_STR2_(x)

/* see include/tern/util.h */
const char *tern_version(void)
{
    return TERN_STR_(TERN_VERSION_MAJOR) "." TERN_STR_(TERN_VERSION_MINOR) "." TERN_STR_(
        TERN_VERSION_PATCH);
}
