/*
 * Finished (RFC 5246 7.4.9):
 *   struct { opaque verify_data[verify_data_length]; } Finished;
 *   verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))
 * verify_data_length is 12 for every suite here. The peer's value is
 * compared in constant time.
 */
#include "common/ct_internal.h"
#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

static int fin_write(tern_conn *c, tern_writer *w)
{
    uint8_t vd[TERN_FINISHED_LEN];
    int rc = tern_tls12_finished(c, c->role, vd);
    if (rc == TERN_OK) {
        rc = tern_write_bytes(w, vd, sizeof(vd));
        tern_reneg_save_vd(c, c->role, vd); /* RFC 5746 3.1 */
    }
    tern_wipe(vd, sizeof(vd));
    return rc;
}

static int fin_read(tern_conn *c, const uint8_t *body, size_t len)
{
    uint8_t vd[TERN_FINISHED_LEN];
    uint32_t ok;

    TERN_ENSURE(len == TERN_FINISHED_LEN, TERN_ERR_DECODE);
    TERN_TRY(tern_tls12_finished(c, c->role == TERN_CLIENT ? TERN_SERVER : TERN_CLIENT, vd));
    ok = tern_ct_memeq(vd, body, TERN_FINISHED_LEN);
    tern_wipe(vd, sizeof(vd));
    TERN_ENSURE(ok, TERN_ERR_BAD_FINISHED);
    tern_reneg_save_vd(c, c->role == TERN_CLIENT ? TERN_SERVER : TERN_CLIENT, body);
    c->hs.proof |= TERN_VERIFIED_FIN;
    return TERN_OK;
}

const tern_hs_ops tern_tls12_finished_ops = {fin_write, fin_read, NULL};
