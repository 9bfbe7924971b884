/*
 * Class-generic random generation.
 */
#include "common/try_internal.h"
#include "tern/rand.h"

/* see include/tern/rand.h */
int tern_rng_generate(const tern_rng_class **rng, uint8_t *out, size_t len)
{
    TERN_CHECK_ARG(rng != NULL && *rng != NULL);
    return (*rng)->generate(rng, out, len);
}
