/*
 * Block-context housekeeping.
 */
#include "tern/cipher.h"
#include "tern/util.h"

/* see include/tern/cipher.h */
void tern_block_wipe(const tern_block_class **ctx)
{
    if (ctx == NULL || *ctx == NULL) {
        return;
    }
    tern_wipe(ctx, (*ctx)->ctx_size);
}
