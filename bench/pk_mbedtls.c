/*
 * bench-pk: the Mbed TLS side (libmbedcrypto 2.28 as Debian ships it).
 * Randomness from CTR_DRBG seeded by mbedtls_entropy_func; ECDSA signing
 * with mbedtls_ecdsa_write_signature (RFC 6979 in this build, the rng
 * blinds); ECDH decodes and checks the peer point per run
 * (mbedtls_ecp_point_read_binary, mbedtls_ecp_check_pubkey), as its TLS
 * layer does.
 */
#include <stdlib.h>
#include <string.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecdh.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/entropy.h>
#include <mbedtls/rsa.h>
#include <mbedtls/version.h>

#include "pk_bench.h"

typedef struct mb_st {
    pk_state base;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_ecdsa_context ec; /* group, d, Q */
    mbedtls_rsa_context rsa;
} mb_st;

static const char *why_not(int op)
{
    if (op == PK_ED25519_SIGN || op == PK_ED25519_VERIFY) {
        return "Mbed TLS 2.28 has no Ed25519";
    }
    return NULL;
}

static void done(pk_state *s)
{
    mb_st *st = (mb_st *)s;
    mbedtls_rsa_free(&st->rsa);
    mbedtls_ecdsa_free(&st->ec);
    mbedtls_ctr_drbg_free(&st->drbg);
    mbedtls_entropy_free(&st->entropy);
    free(st);
}

static pk_state *setup(int op, const pk_keys *k)
{
    static const unsigned char pers[] = "tern bench-pk";
    mb_st *st = (mb_st *)pk_state_new(sizeof(mb_st), op, k);
    int c = pk_op_curve(op);
    int rc;

    if (st == NULL) {
        return NULL;
    }
    mbedtls_entropy_init(&st->entropy);
    mbedtls_ctr_drbg_init(&st->drbg);
    mbedtls_ecdsa_init(&st->ec);
    mbedtls_rsa_init(&st->rsa, MBEDTLS_RSA_PKCS_V15, 0);
    rc = mbedtls_ctr_drbg_seed(&st->drbg, mbedtls_entropy_func, &st->entropy, pers,
                               sizeof(pers) - 1);
    if (rc == 0 && op == PK_X25519) {
        uint8_t d[32];
        memcpy(d, k->x25519_priv, 32);
        /* RFC 7748 5 clamping: mbedtls_ecp_mul checks the scalar has it */
        d[0] &= 248;
        d[31] &= 127;
        d[31] |= 64;
        rc = mbedtls_ecp_group_load(&st->ec.grp, MBEDTLS_ECP_DP_CURVE25519);
        rc = rc != 0 ? rc : mbedtls_mpi_read_binary_le(&st->ec.d, d, 32);
    } else if (rc == 0 && c >= 0) {
        const pk_ec_keys *e = &k->ec[c];
        rc = mbedtls_ecp_group_load(&st->ec.grp,
                                    c == 0 ? MBEDTLS_ECP_DP_SECP256R1 : MBEDTLS_ECP_DP_SECP384R1);
        rc = rc != 0 ? rc : mbedtls_mpi_read_binary(&st->ec.d, e->d, e->len);
        rc = rc != 0 ? rc
                     : mbedtls_ecp_point_read_binary(&st->ec.grp, &st->ec.Q, e->q, 1 + 2 * e->len);
    } else if (rc == 0 && (op == PK_RSA2048_SIGN || op == PK_RSA2048_VERIFY)) {
        rc = mbedtls_rsa_import_raw(&st->rsa, k->n, k->n_len, k->p, k->p_len, k->q, k->q_len, k->d,
                                    k->d_len, k->e, k->e_len);
        rc = rc != 0 ? rc : mbedtls_rsa_complete(&st->rsa);
    } else if (rc == 0) {
        rc = -1;
    }
    if (rc != 0) {
        done(&st->base);
        return NULL;
    }
    return &st->base;
}

/* Shared secret with the peer's encoded point, checked. */
static int ecdh(mb_st *st, const uint8_t *peer, size_t peer_len, size_t len, int little)
{
    mbedtls_ecp_point q;
    mbedtls_mpi z;
    int rc;

    mbedtls_ecp_point_init(&q);
    mbedtls_mpi_init(&z);
    rc = mbedtls_ecp_point_read_binary(&st->ec.grp, &q, peer, peer_len);
    rc = rc != 0 ? rc : mbedtls_ecp_check_pubkey(&st->ec.grp, &q);
    rc = rc != 0 ? rc
                 : mbedtls_ecdh_compute_shared(&st->ec.grp, &z, &q, &st->ec.d,
                                               mbedtls_ctr_drbg_random, &st->drbg);
    if (rc == 0) {
        rc = little ? mbedtls_mpi_write_binary_le(&z, st->base.out, len)
                    : mbedtls_mpi_write_binary(&z, st->base.out, len);
        st->base.out_len = len;
    }
    mbedtls_mpi_free(&z);
    mbedtls_ecp_point_free(&q);
    return rc == 0 ? 0 : -1;
}

static int run(pk_state *s)
{
    mb_st *st = (mb_st *)s;
    const pk_keys *k = s->keys;
    int c = pk_op_curve(s->op);
    const pk_ec_keys *e = c >= 0 ? &k->ec[c] : NULL;

    switch (s->op) {
    case PK_X25519:
        return ecdh(st, k->x25519_peer, 32, 32, 1);
    case PK_P256_ECDH:
    case PK_P384_ECDH:
        return ecdh(st, e->peer, 1 + 2 * e->len, e->len, 0);
    case PK_P256_SIGN:
    case PK_P384_SIGN:
        s->out_len = sizeof(s->out);
        return mbedtls_ecdsa_write_signature(&st->ec, c == 0 ? MBEDTLS_MD_SHA256 : MBEDTLS_MD_SHA384,
                                             e->digest, e->len, s->out, &s->out_len,
                                             mbedtls_ctr_drbg_random, &st->drbg) == 0
                   ? 0
                   : -1;
    case PK_P256_VERIFY:
    case PK_P384_VERIFY:
        return mbedtls_ecdsa_read_signature(&st->ec, e->digest, e->len, e->sig, e->sig_len) == 0
                   ? 0
                   : -1;
    case PK_RSA2048_SIGN:
        s->out_len = 256;
        return mbedtls_rsa_pkcs1_sign(&st->rsa, mbedtls_ctr_drbg_random, &st->drbg,
                                      MBEDTLS_RSA_PRIVATE, MBEDTLS_MD_SHA256, 32, k->rsa_digest,
                                      s->out) == 0
                   ? 0
                   : -1;
    case PK_RSA2048_VERIFY:
        return mbedtls_rsa_pkcs1_verify(&st->rsa, NULL, NULL, MBEDTLS_RSA_PUBLIC, MBEDTLS_MD_SHA256,
                                        32, k->rsa_digest, k->rsa_sig) == 0
                   ? 0
                   : -1;
    default:
        return -1;
    }
}

static const char *version(void)
{
    static char v[64];
    mbedtls_version_get_string_full(v);
    return v;
}

const pk_lib pk_lib_mbedtls = {"Mbed TLS", "mbedtls", why_not, setup, run, done, version};
