/*
 * bench-pk: the wolfSSL side (wolfCrypt 5.5 as Debian ships it: sp_int
 * math, ECC_TIMING_RESISTANT, RSA blinding). ECDH and X25519 import the
 * peer's encoded value per run and compute the secret, as its TLS layer
 * does (wc_ecc_import_x963_ex + wc_ecc_shared_secret); RSA signing
 * encodes the DigestInfo (wc_EncodeSignature) then wc_RsaSSL_Sign.
 */
#include <stdlib.h>
#include <string.h>

/* options.h first: it carries the build's configuration */
#include <wolfssl/options.h>

#include <wolfssl/version.h>
#include <wolfssl/wolfcrypt/asn_public.h>
#include <wolfssl/wolfcrypt/curve25519.h>
#include <wolfssl/wolfcrypt/ecc.h>
#include <wolfssl/wolfcrypt/ed25519.h>
#include <wolfssl/wolfcrypt/hash.h>
#include <wolfssl/wolfcrypt/random.h>
#include <wolfssl/wolfcrypt/rsa.h>

#include "pk_bench.h"

typedef struct wolf_st {
    pk_state base;
    WC_RNG rng;
    int rng_ok;
    int kind; /* which key below is initialised: 0 none, 1 ecc, 2 x25519, 3 ed25519, 4 rsa */
    ecc_key ecc;
    curve25519_key x25519;
    ed25519_key ed25519;
    RsaKey rsa;
} wolf_st;

static const char *why_not(int op)
{
    (void)op;
    return NULL;
}

static void done(pk_state *s)
{
    wolf_st *st = (wolf_st *)s;
    switch (st->kind) {
    case 1:
        wc_ecc_free(&st->ecc);
        break;
    case 2:
        wc_curve25519_free(&st->x25519);
        break;
    case 3:
        wc_ed25519_free(&st->ed25519);
        break;
    case 4:
        wc_FreeRsaKey(&st->rsa);
        break;
    default:
        break;
    }
    if (st->rng_ok) {
        wc_FreeRng(&st->rng);
    }
    free(st);
}

static pk_state *setup(int op, const pk_keys *k)
{
    wolf_st *st = (wolf_st *)pk_state_new(sizeof(wolf_st), op, k);
    int c = pk_op_curve(op);
    int rc;

    if (st == NULL) {
        return NULL;
    }
    rc = wolfCrypt_Init();
    rc = rc != 0 ? rc : wc_InitRng(&st->rng);
    st->rng_ok = rc == 0;
    if (rc == 0 && c >= 0) {
        const pk_ec_keys *e = &k->ec[c];
        int id = c == 0 ? ECC_SECP256R1 : ECC_SECP384R1;
        rc = wc_ecc_init(&st->ecc);
        st->kind = rc == 0 ? 1 : 0;
        if (rc == 0 && (op == PK_P256_VERIFY || op == PK_P384_VERIFY)) {
            rc = wc_ecc_import_x963_ex(e->q, (word32)(1 + 2 * e->len), &st->ecc, id);
        } else if (rc == 0) {
            rc = wc_ecc_import_private_key_ex(e->d, (word32)e->len, e->q, (word32)(1 + 2 * e->len),
                                              &st->ecc, id);
            rc = rc != 0 ? rc : wc_ecc_set_rng(&st->ecc, &st->rng);
        }
    } else if (rc == 0 && op == PK_X25519) {
        uint8_t d[32];
        memcpy(d, k->x25519_priv, 32);
        /* RFC 7748 5 clamping: wolfSSL checks that the key has it */
        d[0] &= 248;
        d[31] &= 127;
        d[31] |= 64;
        rc = wc_curve25519_init(&st->x25519);
        st->kind = rc == 0 ? 2 : 0;
        rc = rc != 0 ? rc
                     : wc_curve25519_import_private_ex(d, 32, &st->x25519, EC25519_LITTLE_ENDIAN);
    } else if (rc == 0 && (op == PK_ED25519_SIGN || op == PK_ED25519_VERIFY)) {
        rc = wc_ed25519_init(&st->ed25519);
        st->kind = rc == 0 ? 3 : 0;
        rc = rc != 0 ? rc : wc_ed25519_import_private_key(k->ed_seed, 32, k->ed_pk, 32, &st->ed25519);
    } else if (rc == 0 && (op == PK_RSA2048_SIGN || op == PK_RSA2048_VERIFY)) {
        word32 idx = 0;
        rc = wc_InitRsaKey(&st->rsa, NULL);
        st->kind = rc == 0 ? 4 : 0;
        rc = rc != 0 ? rc
                     : wc_RsaPrivateKeyDecode(k->rsa_der, &idx, &st->rsa, (word32)k->rsa_der_len);
        rc = rc != 0 ? rc : wc_RsaSetRNG(&st->rsa, &st->rng);
    } else if (rc == 0) {
        rc = -1;
    }
    if (rc != 0) {
        done(&st->base);
        return NULL;
    }
    return &st->base;
}

static int run(pk_state *s)
{
    wolf_st *st = (wolf_st *)s;
    const pk_keys *k = s->keys;
    int c = pk_op_curve(s->op);
    const pk_ec_keys *e = c >= 0 ? &k->ec[c] : NULL;
    word32 len;
    int rc, res = 0;

    switch (s->op) {
    case PK_X25519: {
        curve25519_key peer;
        rc = wc_curve25519_init(&peer);
        rc = rc != 0 ? rc
                     : wc_curve25519_import_public_ex(k->x25519_peer, 32, &peer,
                                                      EC25519_LITTLE_ENDIAN);
        len = 32;
        rc = rc != 0 ? rc
                     : wc_curve25519_shared_secret_ex(&st->x25519, &peer, s->out, &len,
                                                      EC25519_LITTLE_ENDIAN);
        wc_curve25519_free(&peer);
        s->out_len = len;
        return rc == 0 ? 0 : -1;
    }
    case PK_P256_ECDH:
    case PK_P384_ECDH: {
        ecc_key peer;
        rc = wc_ecc_init(&peer);
        rc = rc != 0 ? rc
                     : wc_ecc_import_x963_ex(e->peer, (word32)(1 + 2 * e->len), &peer,
                                             c == 0 ? ECC_SECP256R1 : ECC_SECP384R1);
        len = (word32)e->len;
        rc = rc != 0 ? rc : wc_ecc_shared_secret(&st->ecc, &peer, s->out, &len);
        wc_ecc_free(&peer);
        s->out_len = len;
        return rc == 0 ? 0 : -1;
    }
    case PK_P256_SIGN:
    case PK_P384_SIGN:
        len = (word32)sizeof(s->out);
        rc = wc_ecc_sign_hash(e->digest, (word32)e->len, s->out, &len, &st->rng, &st->ecc);
        s->out_len = len;
        return rc == 0 ? 0 : -1;
    case PK_P256_VERIFY:
    case PK_P384_VERIFY:
        rc = wc_ecc_verify_hash(e->sig, (word32)e->sig_len, e->digest, (word32)e->len, &res,
                                &st->ecc);
        return rc == 0 && res == 1 ? 0 : -1;
    case PK_RSA2048_SIGN: {
        byte enc[64];
        word32 enc_len =
            wc_EncodeSignature(enc, k->rsa_digest, 32, wc_HashGetOID(WC_HASH_TYPE_SHA256));
        rc = wc_RsaSSL_Sign(enc, enc_len, s->out, 256, &st->rsa, &st->rng);
        s->out_len = rc > 0 ? (size_t)rc : 0;
        return rc == 256 ? 0 : -1;
    }
    case PK_RSA2048_VERIFY: {
        byte enc[64], dec[256];
        word32 enc_len =
            wc_EncodeSignature(enc, k->rsa_digest, 32, wc_HashGetOID(WC_HASH_TYPE_SHA256));
        rc = wc_RsaSSL_Verify(k->rsa_sig, 256, dec, sizeof(dec), &st->rsa);
        return rc > 0 && (word32)rc == enc_len && memcmp(dec, enc, enc_len) == 0 ? 0 : -1;
    }
    case PK_ED25519_SIGN:
        len = 64;
        rc = wc_ed25519_sign_msg(k->ed_msg, sizeof(k->ed_msg), s->out, &len, &st->ed25519);
        s->out_len = len;
        return rc == 0 ? 0 : -1;
    case PK_ED25519_VERIFY:
        rc = wc_ed25519_verify_msg(k->ed_sig, 64, k->ed_msg, sizeof(k->ed_msg), &res, &st->ed25519);
        return rc == 0 && res == 1 ? 0 : -1;
    default:
        return -1;
    }
}

static const char *version(void)
{
    return "wolfSSL " LIBWOLFSSL_VERSION_STRING;
}

const pk_lib pk_lib_wolfssl = {"wolfSSL", "wolfssl", why_not, setup, run, done, version};
