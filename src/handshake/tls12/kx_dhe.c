/*
 * Finite-field Diffie-Hellman for the TLS 1.2 DHE_RSA and DHE_PSK key
 * exchanges (RFC 5246 7.4.3, 7.4.7.2, 8.1.2; RFC 4279 3; RFC 7919):
 *
 *   struct {
 *       opaque dh_p<1..2^16-1>;
 *       opaque dh_g<1..2^16-1>;
 *       opaque dh_Ys<1..2^16-1>;
 *   } ServerDHParams;
 *   opaque dh_Yc<1..2^16-1>;   (ClientDiffieHellmanPublic, explicit)
 *
 * The server uses an RFC 7919 group (the tern_kex_ffdhe* classes) and
 * sends its public value left-padded to the length of p (RFC 7919 4).
 * The client takes whatever group the server names as long as it passes
 * the size policy (cfg->dhe_min_bits, default 2048 bits) and the shape
 * checks of tern_dh_group_check(); the server's value must lie in
 * 1 < Ys < p - 1 (RFC 7919 5.1). Primality of a server-chosen p is not
 * tested: the signature over the parameters ties them to the server.
 *
 * The shared secret Z enters the PRF with its leading zero bytes
 * stripped (RFC 5246 8.1.2). The stripping, and so the length of the
 * pre-master secret, depends on Z (the "Raccoon" timing side channel of
 * TLS 1.2 DHE, inherent in the protocol); with the extended master
 * secret (required by default) the PRF input also carries the session
 * hash, and no Z is ever reused: a fresh exponent is made per handshake.
 */
#include <string.h>

#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

#if TERN_CONFIG_FFDH

#include "tern/dh.h"

static const tern_dh_group *named_group(uint16_t group)
{
    if (group == TERN_GROUP_FFDHE2048) {
        return &tern_dh_ffdhe2048_group;
    }
    if (group == TERN_GROUP_FFDHE3072) {
        return &tern_dh_ffdhe3072_group;
    }
    return NULL;
}

static int is_ffdhe(uint16_t group)
{
    return (group >> 8) == 0x01; /* 0x0100..0x01ff: RFC 7919 range */
}

/* see src/handshake/handshake_internal.h */
uint16_t tern_kx_dhe_choose_group(const tern_conn *c, const uint8_t *client_groups,
                                  size_t client_groups_len)
{
    const tern_config *cfg = c->cfg;
    int client_ffdhe = 0;
    size_t i;

    for (i = 0; client_groups != NULL && i + 1 < client_groups_len; i += 2) {
        client_ffdhe |= is_ffdhe(tern_load_be16(client_groups + i));
    }
    /* RFC 7919 4: a client naming FFDHE groups gets one of them (our
     * order: the FFDHE groups of cfg->groups, then dhe_group) or no DHE
     * suite at all. */
    for (i = 0; i <= cfg->groups_count; i++) {
        uint16_t g = i < cfg->groups_count ? cfg->groups[i] : cfg->dhe_group;
        if (!is_ffdhe(g) || named_group(g) == NULL || tern_kex_by_group(g) == NULL) {
            continue;
        }
        if (!client_ffdhe || tern_u16_list_has(client_groups, client_groups_len, g)) {
            return g;
        }
    }
    return 0;
}

/* see src/handshake/handshake_internal.h */
int tern_kx_dhe_params_parse(tern_reader *r, tern_dhe_params *dp)
{
    tern_reader p, g, y;
    TERN_TRY(tern_read_vec(r, 2, 1, 0xffff, &p));
    TERN_TRY(tern_read_vec(r, 2, 1, 0xffff, &g));
    TERN_TRY(tern_read_vec(r, 2, 1, 0xffff, &y));
    dp->p = p.p;
    dp->p_len = p.left;
    dp->g = g.p;
    dp->g_len = g.left;
    dp->y = y.p;
    dp->y_len = y.left;
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_kx_dhe_params_write(tern_conn *c, tern_writer *w)
{
    tern_hs *hs = &c->hs;
    const tern_dh_group *grp = named_group(hs->group);
    const tern_kex_class *kex = hs->kex;

    TERN_ENSURE(grp != NULL && kex != NULL && kex->group == hs->group &&
                    kex->priv_len <= sizeof(hs->kex_priv),
                TERN_ERR_INTERNAL);
    TERN_TRY(tern_write_u16(w, (uint16_t)grp->p_len));
    TERN_TRY(tern_write_bytes(w, grp->p, grp->p_len));
    TERN_TRY(tern_write_u16(w, (uint16_t)grp->g_len));
    TERN_TRY(tern_write_bytes(w, grp->g, grp->g_len));
    TERN_TRY(tern_write_u16(w, kex->pub_len));
    /* the public value goes straight into the message */
    TERN_ENSURE(kex->pub_len <= w->cap - w->len, TERN_ERR_BUFFER_TOO_SMALL);
    TERN_TRY(kex->keygen(kex, c->rng, hs->kex_priv, w->buf + w->len));
    w->len += kex->pub_len;
    return TERN_OK;
}

/* Z without its leading zero bytes (RFC 5246 8.1.2), moved to the
 * front. */
static size_t strip_zeros(uint8_t *z, size_t len)
{
    size_t k = 0;
    while (k + 1 < len && z[k] == 0) {
        k++;
    }
    memmove(z, z + k, len - k);
    tern_wipe(z + len - k, k);
    return len - k;
}

/* The RFC 7919 group whose p this is, or 0. */
static uint16_t group_of(const uint8_t *p, size_t len)
{
    if (len == tern_dh_ffdhe2048_group.p_len && memcmp(p, tern_dh_ffdhe2048_group.p, len) == 0) {
        return TERN_GROUP_FFDHE2048;
    }
    if (len == tern_dh_ffdhe3072_group.p_len && memcmp(p, tern_dh_ffdhe3072_group.p, len) == 0) {
        return TERN_GROUP_FFDHE3072;
    }
    return 0;
}

/* see src/handshake/handshake_internal.h */
int tern_kx_dhe_client(tern_conn *c, const tern_dhe_params *dp, uint8_t *secret, size_t *secret_len)
{
    tern_hs *hs = &c->hs;
    tern_dh_group grp;
    size_t min_bits = c->cfg->dhe_min_bits, len, priv_len, used_front = 0;
    uint8_t *pub;
    int rc;

    memset(&grp, 0, sizeof(grp));
    grp.p = dp->p;
    grp.p_len = dp->p_len;
    grp.g = dp->g;
    grp.g_len = dp->g_len;
    if (min_bits == 0) {
        min_bits = TERN_DH_MIN_BITS_DEFAULT;
    }
    /* Size policy first (insufficient_security), then the shape. */
    TERN_ENSURE(tern_dh_bits(&grp) >= min_bits, TERN_ERR_KEY_TOO_SMALL);
    rc = tern_dh_group_check(&grp, min_bits);
    TERN_ENSURE(rc != TERN_ERR_KEY_TOO_SMALL, TERN_ERR_KEY_TOO_SMALL);
    TERN_ENSURE(rc == TERN_OK, TERN_ERR_ILLEGAL_PARAMETER);
    len = tern_dh_len(&grp);
    TERN_ENSURE(len <= TERN_KX_MAX_SECRET && dp->y_len <= dp->p_len, TERN_ERR_ILLEGAL_PARAMETER);
    priv_len = tern_dh_priv_len(tern_dh_bits(&grp));
    TERN_ENSURE(priv_len <= sizeof(hs->kex_priv), TERN_ERR_INTERNAL);
    /* Our public value waits at the end of hs_buf, clear of the message
     * being read when that sits in hs_buf too. */
    if (dp->y >= c->hs_buf && dp->y < c->hs_buf + c->hs_cap) {
        used_front = (size_t)(dp->y - c->hs_buf) + dp->y_len;
    }
    TERN_ENSURE(c->hs_tail <= c->hs_cap && len <= c->hs_cap - c->hs_tail &&
                    used_front <= c->hs_cap - c->hs_tail - len,
                TERN_ERR_BUFFER_TOO_SMALL);
    c->hs_tail += len;
    hs->kex_tail = (uint16_t)len;
    pub = c->hs_buf + c->hs_cap - c->hs_tail;
    TERN_TRY(tern_dh_keygen(&grp, min_bits, c->rng, hs->kex_priv, priv_len, pub));
    rc = tern_dh_derive(&grp, min_bits, hs->kex_priv, priv_len, dp->y, dp->y_len, secret);
    tern_wipe(hs->kex_priv, sizeof(hs->kex_priv));
    if (rc != TERN_OK) {
        tern_wipe(secret, len);
        /* RFC 7919 5.1: an out-of-range value is illegal_parameter. */
        return rc == TERN_ERR_BAD_POINT || rc == TERN_ERR_BAD_SHARED_SECRET
                   ? TERN_ERR_ILLEGAL_PARAMETER
                   : rc;
    }
    *secret_len = strip_zeros(secret, len);
    /* A server-chosen group has no NamedGroup value unless it is one of
     * RFC 7919's. */
    c->info.group = group_of(dp->p, dp->p_len);
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_kx_dhe_public_write(tern_conn *c, tern_writer *w)
{
    tern_hs *hs = &c->hs;
    size_t len = hs->kex_tail;

    TERN_ENSURE(len > 0 && len <= c->hs_tail, TERN_ERR_INTERNAL);
    TERN_TRY(tern_write_u16(w, (uint16_t)len));
    TERN_TRY(tern_write_bytes(w, c->hs_buf + c->hs_cap - c->hs_tail, len));
    c->hs_tail -= len;
    hs->kex_tail = 0;
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_kx_dhe_derive(tern_conn *c, const uint8_t *y, size_t y_len, uint8_t *secret,
                       size_t *secret_len)
{
    tern_hs *hs = &c->hs;
    const tern_kex_class *kex = hs->kex;
    int rc;

    TERN_ENSURE(kex != NULL && kex->secret_len <= TERN_KX_MAX_SECRET, TERN_ERR_INTERNAL);
    TERN_ENSURE(y_len >= 1 && y_len <= kex->pub_len, TERN_ERR_ILLEGAL_PARAMETER);
    rc = kex->derive(kex, hs->kex_priv, y, y_len, secret);
    tern_wipe(hs->kex_priv, sizeof(hs->kex_priv));
    if (rc != TERN_OK) {
        tern_wipe(secret, kex->secret_len);
        return rc == TERN_ERR_BAD_POINT || rc == TERN_ERR_BAD_SHARED_SECRET
                   ? TERN_ERR_ILLEGAL_PARAMETER
                   : rc;
    }
    *secret_len = strip_zeros(secret, kex->secret_len);
    return TERN_OK;
}

#else
typedef int tern_kx_dhe_unused_;
#endif /* TERN_CONFIG_FFDH */
