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

static int list_has(const uint8_t *p, size_t len, uint16_t v)
{
    size_t i;
    for (i = 0; i + 1 < len; i += 2) {
        if (tern_load_be16(p + i) == v) {
            return 1;
        }
    }
    return 0;
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
        if (!client_ffdhe || list_has(client_groups, client_groups_len, g)) {
            return g;
        }
    }
    return 0;
}

/* see src/handshake/handshake_internal.h */
int tern_kx_dhe_params_write(tern_conn *c, tern_writer *w)
{
    tern_hs *hs = &c->hs;
    const tern_dh_group *grp = named_group(hs->group);
    const tern_kex_class *kex = hs->kex;

    TERN_ENSURE(grp != NULL && kex != NULL && kex->group == hs->group &&
                    kex->pub_len <= sizeof(hs->kex_pub) && kex->priv_len <= sizeof(hs->kex_priv),
                TERN_ERR_INTERNAL);
    TERN_TRY(kex->keygen(kex, c->rng, hs->kex_priv, hs->kex_pub));
    hs->kex_pub_len = kex->pub_len;
    TERN_TRY(tern_write_u16(w, (uint16_t)grp->p_len));
    TERN_TRY(tern_write_bytes(w, grp->p, grp->p_len));
    TERN_TRY(tern_write_u16(w, (uint16_t)grp->g_len));
    TERN_TRY(tern_write_bytes(w, grp->g, grp->g_len));
    TERN_TRY(tern_write_u16(w, hs->kex_pub_len));
    return tern_write_bytes(w, hs->kex_pub, hs->kex_pub_len);
}

/* Z without its leading zero bytes, moved to the front of hs->pms. */
static void strip_zeros(tern_hs *hs, size_t len)
{
    size_t z = 0;
    while (z + 1 < len && hs->pms[z] == 0) {
        z++;
    }
    memmove(hs->pms, hs->pms + z, len - z);
    tern_wipe(hs->pms + len - z, z);
    hs->pms_len = (uint16_t)(len - z);
}

/* Bits of a big-endian number. */
static size_t bit_len(const uint8_t *p, size_t len)
{
    size_t bits;
    uint8_t top;
    while (len > 0 && p[0] == 0) {
        p++;
        len--;
    }
    if (len == 0) {
        return 0;
    }
    bits = 8 * len;
    for (top = p[0]; (top & 0x80) == 0; top <<= 1) {
        bits--;
    }
    return bits;
}

/* see src/handshake/handshake_internal.h */
int tern_kx_dhe_params_read(tern_conn *c, tern_reader *r)
{
    tern_hs *hs = &c->hs;
    tern_reader p, g, y;
    tern_dh_group grp;
    size_t min_bits = c->cfg->dhe_min_bits, len, priv_len;
    int rc;

    TERN_TRY(tern_read_vec(r, 2, 1, 0xffff, &p));
    TERN_TRY(tern_read_vec(r, 2, 1, 0xffff, &g));
    TERN_TRY(tern_read_vec(r, 2, 1, 0xffff, &y));
    memset(&grp, 0, sizeof(grp));
    grp.p = p.p;
    grp.p_len = p.left;
    grp.g = g.p;
    grp.g_len = g.left;
    if (min_bits == 0) {
        min_bits = TERN_DH_MIN_BITS_DEFAULT;
    }
    /* Size policy first (insufficient_security), then the shape. */
    TERN_ENSURE(bit_len(p.p, p.left) >= min_bits, TERN_ERR_KEY_TOO_SMALL);
    rc = tern_dh_group_check(&grp, min_bits);
    TERN_ENSURE(rc != TERN_ERR_KEY_TOO_SMALL, TERN_ERR_KEY_TOO_SMALL);
    TERN_ENSURE(rc == TERN_OK, TERN_ERR_ILLEGAL_PARAMETER);
    len = tern_dh_len(&grp);
    TERN_ENSURE(len <= sizeof(hs->kex_pub) && len <= sizeof(hs->pms), TERN_ERR_ILLEGAL_PARAMETER);
    /* No longer than p (leading zeros included), so that the signed
     * parameters fit the signature buffer. */
    TERN_ENSURE(g.left <= p.left && y.left <= p.left, TERN_ERR_ILLEGAL_PARAMETER);
    priv_len = tern_dh_priv_len(bit_len(p.p, p.left));
    TERN_ENSURE(priv_len <= sizeof(hs->kex_priv), TERN_ERR_INTERNAL);
    TERN_TRY(tern_dh_keygen(&grp, min_bits, c->rng, hs->kex_priv, priv_len, hs->kex_pub));
    hs->kex_pub_len = (uint16_t)len;
    rc = tern_dh_derive(&grp, min_bits, hs->kex_priv, priv_len, y.p, y.left, hs->pms);
    tern_wipe(hs->kex_priv, sizeof(hs->kex_priv));
    if (rc != TERN_OK) {
        tern_wipe(hs->pms, sizeof(hs->pms));
        /* RFC 7919 5.1: an out-of-range value is illegal_parameter. */
        return rc == TERN_ERR_BAD_POINT || rc == TERN_ERR_BAD_SHARED_SECRET
                   ? TERN_ERR_ILLEGAL_PARAMETER
                   : rc;
    }
    strip_zeros(hs, len);
    /* A server-chosen group has no NamedGroup value unless it is one of
     * RFC 7919's. */
    c->info.group = 0;
    if (p.left == tern_dh_ffdhe2048_group.p_len &&
        memcmp(p.p, tern_dh_ffdhe2048_group.p, p.left) == 0) {
        c->info.group = TERN_GROUP_FFDHE2048;
    } else if (p.left == tern_dh_ffdhe3072_group.p_len &&
               memcmp(p.p, tern_dh_ffdhe3072_group.p, p.left) == 0) {
        c->info.group = TERN_GROUP_FFDHE3072;
    }
    return TERN_OK;
}

/* see src/handshake/handshake_internal.h */
int tern_kx_dhe_derive(tern_conn *c, const uint8_t *y, size_t y_len)
{
    tern_hs *hs = &c->hs;
    const tern_kex_class *kex = hs->kex;
    int rc;

    TERN_ENSURE(kex != NULL && kex->secret_len <= sizeof(hs->pms), TERN_ERR_INTERNAL);
    TERN_ENSURE(y_len >= 1 && y_len <= kex->pub_len, TERN_ERR_ILLEGAL_PARAMETER);
    rc = kex->derive(kex, hs->kex_priv, y, y_len, hs->pms);
    tern_wipe(hs->kex_priv, sizeof(hs->kex_priv));
    if (rc != TERN_OK) {
        tern_wipe(hs->pms, sizeof(hs->pms));
        return rc == TERN_ERR_BAD_POINT || rc == TERN_ERR_BAD_SHARED_SECRET
                   ? TERN_ERR_ILLEGAL_PARAMETER
                   : rc;
    }
    strip_zeros(hs, kex->secret_len);
    return TERN_OK;
}

#else
typedef int tern_kx_dhe_unused_;
#endif /* TERN_CONFIG_FFDH */
