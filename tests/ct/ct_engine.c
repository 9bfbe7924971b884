/*
 * Constant-time check of the engine's own secret handling, run under
 * valgrind memcheck with keys, IVs, plaintext and master secrets marked
 * secret: TLS 1.2 AEAD protection setup and record sealing (nonce and
 * additional-data construction), ticket sealing (session state
 * serialisation). The cipher work itself is the AEAD classes' (their own
 * ct checks). Opening is not run here: whether a record or a Finished
 * verifies is public by design, and the engine branches on it.
 */
#include <stdint.h>
#include <string.h>

#include "ct_check.h"
#include "handshake/handshake_internal.h"
#include "record/record_internal.h"
#include "tern/aead.h"
#if TERN_CONFIG_CHACHA20
#include "tern/chacha.h"
#endif
#include "tern/rand.h"

static int seal_one(const tern_aead_class *cls, size_t iv_len, size_t explicit_len)
{
    tern_prot p;
    tern_aead_ctx ctx;
    uint8_t key[32], iv[12], rec[5 + 8 + 256 + 16];
    uint64_t seq = 7;
    size_t len;
    int rc;

    memset(key, 0x42, sizeof(key));
    memset(iv, 0x24, sizeof(iv));
    memset(rec, 0x5a, sizeof(rec));
    CT_SECRET(key, sizeof(key));
    CT_SECRET(iv, sizeof(iv));
    CT_SECRET(rec + 5 + explicit_len, 256);
    tern_prot_null_init(&p);
    tern_prot_bind(&p, &ctx, sizeof(ctx));
    rc = tern_prot_aead12_init(&p, cls, key, iv, iv_len, explicit_len);
    if (rc == TERN_OK) {
        rc = tern_rec_seal(&p, &seq, 23, 0x0303, rec, 256, &len);
    }
    CT_PUBLIC(rec, sizeof(rec));
    tern_prot_wipe(&p);
    return rc == TERN_OK ? 2 : 0;
}

int main(void)
{
    int fn = 0;
    tern_hmac_drbg_ctx drbg;
    tern_ticket_keys tk;
    tern_session s;
    uint8_t ticket[512];
    size_t len;

#if TERN_CONFIG_AES_CT || TERN_CONFIG_AES_X86NI
    fn += seal_one(&tern_aead_aes128_gcm, 4, 8);
    fn += seal_one(&tern_aead_aes128_ccm8, 4, 8);
#endif
#if TERN_CONFIG_CHACHA20
    fn += seal_one(&tern_aead_chacha20_poly1305, 12, 0);
#endif
    if (tern_hmac_drbg_init(&drbg, &tern_sha256_class, NULL, NULL, 0) != TERN_OK ||
        tern_ticket_keys_init(&tk, &drbg.vtable, NULL) != TERN_OK) {
        return 1;
    }
    memset(&s, 0, sizeof(s));
    s.version = 0x0303;
    s.suite = 0xc02b;
    s.created = 1700000000;
    memset(s.master_secret, 0x77, sizeof(s.master_secret));
    CT_SECRET(s.master_secret, sizeof(s.master_secret));
    CT_SECRET(tk.slot[0].key, sizeof(tk.slot[0].key));
    if (tern_ticket_seal(&tk, &drbg.vtable, &s, ticket, sizeof(ticket), &len) == TERN_OK) {
        fn += 2; /* tern_session_state_write, tern_ticket_seal */
    }
    CT_PUBLIC(ticket, sizeof(ticket));
    tern_ticket_keys_free(&tk);
    CT_DONE(fn);
    return fn > 0 ? 0 : 1;
}
