/*
 * tern sides of the ChaCha20, Poly1305 and ChaCha20-Poly1305 rows
 * (include/tern/chacha.h). Compiled when the library has them.
 */
#include "bench_have.h" /* bench_crypto.h, the tern headers, TERN_BENCH_HAVE_* */

#if TERN_BENCH_HAVE_CHACHA

#include <stdlib.h>

static bench_state *plain_setup(const void *arg)
{
    (void)arg;
    return (bench_state *)calloc(1, sizeof(bench_state));
}

static void plain_done(bench_state *st)
{
    free(st);
}

/* RFC 8439 encryption: block counter 1, the next nonce. */
static int chacha20_run(bench_state *st, uint8_t *buf, size_t len)
{
    uint8_t nonce[12];
    bench_nonce(st->seq, nonce);
    tern_chacha20_xor(bench_key, nonce, 1, buf, len);
    st->seq++;
    return 0;
}

static int poly1305_run(bench_state *st, uint8_t *buf, size_t len)
{
    tern_poly1305(bench_key, buf, len, st->out);
    st->out_len = 16;
    st->seq++;
    return 0;
}

const bench_impl bench_tern_chacha20 = {plain_setup, chacha20_run, plain_done, NULL};
const bench_impl bench_tern_poly1305 = {plain_setup, poly1305_run, plain_done, NULL};
const bench_impl bench_tern_chacha20_poly1305 = {bench_tern_aead_setup, bench_tern_aead_run,
                                                 bench_tern_aead_done,
                                                 &tern_aead_chacha20_poly1305};

#else
typedef int tern_bench_rows_chacha_unused;
#endif
