/*
 * The null protection: records before the first ChangeCipherSpec
 * (TLS_NULL_WITH_NULL_NULL, RFC 5246 6.1). Plaintext passes unchanged.
 */
#include <string.h>

#include "common/try_internal.h"
#include "record/record_internal.h"
#include "tern/util.h"

static int null_seal(tern_prot *p, uint64_t seq, uint8_t type, uint16_t version, uint8_t *frag,
                     size_t plain_len, size_t *frag_len)
{
    (void)p;
    (void)seq;
    (void)type;
    (void)version;
    (void)frag;
    *frag_len = plain_len;
    return TERN_OK;
}

static int null_open(tern_prot *p, uint64_t seq, uint8_t *type, uint16_t version, uint8_t *frag,
                     size_t frag_len, size_t *plain_off, size_t *plain_len)
{
    (void)p;
    (void)seq;
    (void)type;
    (void)version;
    (void)frag;
    *plain_off = 0;
    *plain_len = frag_len;
    return TERN_OK;
}

static const tern_prot_class prot_null_class = {"null", null_seal, null_open};

/* see src/record/record_internal.h */
void tern_prot_null_init(tern_prot *p)
{
    p->cls = &prot_null_class;
    p->active = 0;
    p->prefix = 0;
    p->suffix = 0;
    p->iv_len = 0;
    memset(p->iv, 0, sizeof(p->iv));
    p->aead = NULL;
    p->aead_cap = 0;
}

/* see src/record/record_internal.h */
void tern_prot_bind(tern_prot *p, void *ctx, size_t cap)
{
    p->aead = (const tern_aead_class **)ctx;
    p->aead_cap = ctx != NULL ? cap : 0;
}

/* see src/record/record_internal.h */
void tern_prot_wipe(tern_prot *p)
{
    const tern_aead_class **ctx = p->aead;
    size_t cap = p->aead_cap;

    /* The whole context storage, whatever the class used of it. */
    if (ctx != NULL) {
        tern_wipe(ctx, cap);
    }
    tern_wipe(p, sizeof(*p));
    tern_prot_null_init(p);
    tern_prot_bind(p, ctx, cap);
}
