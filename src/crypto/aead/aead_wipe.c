/*
 * AEAD-context housekeeping.
 */
#include "tern/aead.h"
#include "tern/util.h"

/* see include/tern/aead.h */
void tern_aead_wipe(const tern_aead_class **ctx)
{
    if (ctx == NULL || *ctx == NULL) {
        return;
    }
    tern_wipe(ctx, (*ctx)->ctx_size);
}
