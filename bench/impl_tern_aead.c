/*
 * The tern side of every AEAD row: any tern_aead_class, keyed once in a
 * tern_aead_ctx (as the record layer keeps it), sealing each message in
 * place with the next nonce and the 13-byte AD.
 */
#include <stdlib.h>

#include "bench_crypto.h"
#include "tern/aead.h"
#include "tern/util.h"

typedef struct aead_state {
    bench_state base;
    tern_aead_ctx ctx;
} aead_state;

bench_state *bench_tern_aead_setup(const void *arg)
{
    const tern_aead_class *cls = (const tern_aead_class *)arg;
    aead_state *s = (aead_state *)calloc(1, sizeof(*s));

    if (s == NULL) {
        return NULL;
    }
    if (cls->ctx_size > sizeof(s->ctx) || cls->init(&s->ctx.vtable, bench_key) != TERN_OK) {
        free(s);
        return NULL;
    }
    s->base.out_len = cls->tag_len;
    return &s->base;
}

int bench_tern_aead_run(bench_state *st, uint8_t *buf, size_t len)
{
    aead_state *s = (aead_state *)st;
    uint8_t nonce[12];

    bench_nonce(st->seq, nonce);
    if (s->ctx.vtable->seal(&s->ctx.vtable, nonce, bench_ad, BENCH_AD_LEN, buf, len,
                            s->base.out) != TERN_OK) {
        return -1;
    }
    st->seq++;
    return 0;
}

void bench_tern_aead_done(bench_state *st)
{
    aead_state *s = (aead_state *)st;
    tern_wipe(&s->ctx, sizeof(s->ctx));
    free(s);
}
