/*
 * tern sides of the AES-128-GCM and AES-256-GCM rows: the AEAD classes,
 * through the generic AEAD side. Compiled when the library has them.
 */
#include "bench_have.h" /* bench_crypto.h, the tern headers, TERN_BENCH_HAVE_* */

#if TERN_BENCH_HAVE_AES_GCM

const bench_impl bench_tern_aes128_gcm = {bench_tern_aead_setup, bench_tern_aead_run,
                                          bench_tern_aead_done, &tern_aead_aes128_gcm};
const bench_impl bench_tern_aes256_gcm = {bench_tern_aead_setup, bench_tern_aead_run,
                                          bench_tern_aead_done, &tern_aead_aes256_gcm};

#else
typedef int tern_bench_rows_aes_gcm_unused;
#endif
