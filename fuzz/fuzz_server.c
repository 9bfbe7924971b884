/*
 * libFuzzer target: a tern TLS 1.2 server fed the client's side of a
 * connection (ClientHello and everything after it: key exchange,
 * certificates, ChangeCipherSpec, Finished, application data, alerts,
 * renegotiation attempts). Deterministic (fixed-seed random generator,
 * fixed clock, fresh ticket keys and session cache per input), so a
 * finding replays. See tls_harness.h for the input format; the seeds in
 * fuzz/corpus/fuzz_server are whole handshakes recorded by
 * tests/unit/engine/test_fuzz_corpus.c (TERN_FUZZ_REGEN=1 rewrites them).
 *
 * Checked besides memory safety: a completed handshake reports TLS 1.2
 * and a suite tern knows; an error is a negative code.
 */
#include "tls_harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    th_result r;
    if (!th_run(TERN_SERVER, data, size, &r)) {
        return 0;
    }
    if (r.done &&
        (!r.info_ok || r.info.version != TERN_TLS12 || tern_suite_name(r.info.suite) == NULL)) {
        abort();
    }
    if (r.error > 0) {
        abort();
    }
    return 0;
}
