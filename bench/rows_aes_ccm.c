/*
 * tern side of the AES-128-CCM row (TLS CCM: 12-byte nonce, 16-byte
 * tag), through the generic AEAD side. Compiled when the library has it.
 */
#include "bench_have.h" /* bench_crypto.h, the tern headers, TERN_BENCH_HAVE_* */

#if TERN_BENCH_HAVE_AES_CCM

const bench_impl bench_tern_aes128_ccm = {bench_tern_aead_setup, bench_tern_aead_run,
                                          bench_tern_aead_done, &tern_aead_aes128_ccm};

#else
typedef int tern_bench_rows_aes_ccm_unused;
#endif
