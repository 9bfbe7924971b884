/*
 * tern side of the HMAC-SHA256 row (include/tern/mac.h): keyed per
 * message with the one-shot tern_hmac, as the OpenSSL side re-keys its
 * EVP_MAC context per message. Compiled when the library has it.
 */
#include "bench_have.h" /* bench_crypto.h, the tern headers, TERN_BENCH_HAVE_* */

#if TERN_BENCH_HAVE_HMAC

#include <stdlib.h>

static bench_state *hmac_setup(const void *arg)
{
    bench_state *s = (bench_state *)calloc(1, sizeof(*s));
    (void)arg;
    if (s != NULL) {
        s->out_len = 32;
    }
    return s;
}

static int hmac_sha256_run(bench_state *st, uint8_t *buf, size_t len)
{
    tern_hmac(&tern_sha256_class, bench_key, 32, buf, len, st->out);
    st->seq++;
    return 0;
}

static void hmac_done(bench_state *st)
{
    free(st);
}

const bench_impl bench_tern_hmac_sha256 = {hmac_setup, hmac_sha256_run, hmac_done, NULL};

#else
typedef int tern_bench_rows_hmac_unused;
#endif
