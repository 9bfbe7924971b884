/*
 * The AES-NI block class object, for code that recognises it to take a
 * faster path (the GCM functions use the fused AES-NI + PCLMULQDQ code
 * when handed an AES-NI context). Users get it from tern_aes_x86ni_get().
 */
#ifndef TERN_AES_X86NI_INTERNAL_H
#define TERN_AES_X86NI_INTERNAL_H

#include "tern/cipher.h"

#if TERN_CONFIG_AES_X86NI
extern const tern_block_class tern_aes_x86ni_class;
#endif

#endif /* TERN_AES_X86NI_INTERNAL_H */
