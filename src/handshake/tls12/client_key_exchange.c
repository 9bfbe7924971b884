/*
 * ClientKeyExchange for ECDHE (RFC 8422 5.7):
 *
 *   struct { opaque point <1..2^8-1>; } ECPoint;
 *   struct { ECPoint ecdh_Yc; } ClientECDiffieHellmanPublic;
 *
 * Once it is in the transcript both sides derive the master secret (the
 * extended master secret covers it, RFC 7627 4) and the key block.
 */
#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

/* see src/handshake/handshake_internal.h */
int tern_tls12_client_key_exchange_parse(const uint8_t *body, size_t len, const uint8_t **point,
                                         size_t *point_len)
{
    tern_reader r, v;
    tern_reader_init(&r, body, len);
    TERN_TRY(tern_read_vec(&r, 1, 1, 0xff, &v));
    TERN_TRY(tern_reader_expect_end(&r));
    *point = v.p;
    *point_len = v.left;
    return TERN_OK;
}

/* Client: our share (made when the ServerKeyExchange was checked). */
static int cke_write(tern_conn *c, tern_writer *w)
{
    TERN_ENSURE(c->hs.kex_pub_len > 0 && c->hs.pms_len > 0, TERN_ERR_INTERNAL);
    TERN_TRY(tern_write_u8(w, c->hs.kex_pub_len));
    return tern_write_bytes(w, c->hs.kex_pub, c->hs.kex_pub_len);
}

/* Server: the client's share gives the pre-master secret. */
static int cke_read(tern_conn *c, const uint8_t *body, size_t len)
{
    tern_hs *hs = &c->hs;
    const uint8_t *point;
    size_t point_len;

    TERN_TRY(tern_tls12_client_key_exchange_parse(body, len, &point, &point_len));
    TERN_ENSURE(hs->kex != NULL && hs->kex->secret_len <= TERN_HS_MAX_PMS, TERN_ERR_INTERNAL);
    TERN_ENSURE(point_len == hs->kex->pub_len, TERN_ERR_ILLEGAL_PARAMETER);
    TERN_TRY(hs->kex->derive(hs->kex, hs->kex_priv, point, point_len, hs->pms));
    hs->pms_len = (uint8_t)hs->kex->secret_len;
    tern_wipe(hs->kex_priv, sizeof(hs->kex_priv));
    return TERN_OK;
}

static int cke_after(tern_conn *c)
{
    TERN_TRY(tern_tls12_master_secret(c));
    return tern_tls12_key_block(c);
}

const tern_hs_ops tern_tls12_client_key_exchange_ops = {cke_write, cke_read, cke_after};
