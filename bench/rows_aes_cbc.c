/*
 * tern side of the AES-128-CBC row (include/tern/cipher.h): the best AES
 * block class (tern_aes_get) under tern_cbc_encrypt, with the fixed IV
 * the OpenSSL side uses. Compiled when the library has them.
 */
#include "bench_have.h" /* bench_crypto.h, the tern headers, TERN_BENCH_HAVE_* */

#if TERN_BENCH_HAVE_AES_CBC

#include <stdlib.h>
#include <string.h>

typedef struct cbc_state {
    bench_state base;
    const tern_block_class **ctx; /* cls->ctx_size bytes */
} cbc_state;

static bench_state *cbc_setup(const void *arg)
{
    const tern_block_class *cls = tern_aes_get();
    cbc_state *s = (cbc_state *)calloc(1, sizeof(*s));

    (void)arg;
    if (s == NULL || cls == NULL) {
        free(s);
        return NULL;
    }
    s->ctx = (const tern_block_class **)calloc(1, cls->ctx_size);
    if (s->ctx == NULL || cls->init(s->ctx, bench_key, 16) != TERN_OK) {
        free(s->ctx);
        free(s);
        return NULL;
    }
    return &s->base;
}

static int cbc_run(bench_state *st, uint8_t *buf, size_t len)
{
    cbc_state *s = (cbc_state *)st;
    uint8_t iv[16];

    memset(iv, 0xa5, sizeof(iv));
    if (tern_cbc_encrypt(s->ctx, iv, buf, len) != TERN_OK) {
        return -1;
    }
    st->seq++;
    return 0;
}

static void cbc_done(bench_state *st)
{
    cbc_state *s = (cbc_state *)st;
    tern_block_wipe(s->ctx);
    free(s->ctx);
    free(s);
}

const bench_impl bench_tern_aes128_cbc = {cbc_setup, cbc_run, cbc_done, NULL};

#else
typedef int tern_bench_rows_aes_cbc_unused;
#endif
