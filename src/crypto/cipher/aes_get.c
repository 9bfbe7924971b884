/*
 * Choosing an AES implementation at run time.
 */
#include "tern/cipher.h"

#if !TERN_CONFIG_AES_X86NI
/* see include/tern/cipher.h: compiled out, so never available */
const tern_block_class *tern_aes_x86ni_get(void)
{
    return NULL;
}
#endif

/* see include/tern/cipher.h */
const tern_block_class *tern_aes_get(void)
{
    const tern_block_class *c = tern_aes_x86ni_get();
    if (c != NULL) {
        return c;
    }
#if TERN_CONFIG_AES_CT
    return &tern_aes_ct_class;
#else
    return NULL;
#endif
}

/* see include/tern/cipher.h */
const tern_block_class *tern_aes_enc_get(void)
{
    const tern_block_class *c = tern_aes_x86ni_get();
    if (c != NULL) {
        return c;
    }
#if TERN_CONFIG_AES_CT
    return &tern_aes_ct_enc_class;
#else
    return NULL;
#endif
}
