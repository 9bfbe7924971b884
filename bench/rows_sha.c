/*
 * tern sides of the SHA-256 and SHA-512 rows (include/tern/hash.h).
 * Compiled when the library has them.
 */
#include "bench_have.h" /* bench_crypto.h, the tern headers, TERN_BENCH_HAVE_* */

#if TERN_BENCH_HAVE_SHA

#include <stdlib.h>

typedef struct hash_state {
    bench_state base;
    tern_hash_ctx ctx;
} hash_state;

/* arg: the hash class */
static bench_state *hash_setup(const void *arg)
{
    hash_state *s = (hash_state *)calloc(1, sizeof(*s));
    if (s != NULL) {
        s->base.out_len = ((const tern_hash_class *)arg)->digest_len;
    }
    return s != NULL ? &s->base : NULL;
}

static int sha256_run(bench_state *st, uint8_t *buf, size_t len)
{
    hash_state *s = (hash_state *)st;
    tern_sha256_init(&s->ctx.sha256);
    tern_sha256_update(&s->ctx.sha256, buf, len);
    tern_sha256_out(&s->ctx.sha256, st->out);
    st->seq++;
    return 0;
}

static int sha512_run(bench_state *st, uint8_t *buf, size_t len)
{
    hash_state *s = (hash_state *)st;
    tern_sha512_init(&s->ctx.sha512);
    tern_sha512_update(&s->ctx.sha512, buf, len);
    tern_sha512_out(&s->ctx.sha512, st->out);
    st->seq++;
    return 0;
}

static void hash_done(bench_state *st)
{
    free(st);
}

const bench_impl bench_tern_sha256 = {hash_setup, sha256_run, hash_done, &tern_sha256_class};
const bench_impl bench_tern_sha512 = {hash_setup, sha512_run, hash_done, &tern_sha512_class};

#else
typedef int tern_bench_rows_sha_unused;
#endif
