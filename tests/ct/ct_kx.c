/*
 * Constant-time check of the PSK pre-master secrets (kx_psk.c, kx_rsa.c)
 * under valgrind memcheck: the RSA_PSK one built from the 48 decrypted
 * bytes and the PSK, both secret, in TLS 1.2 (a 116-byte secret, hashed
 * to one SHA-256 block, tern_kx_set_pms) and TLS 1.0 (kept whole), and
 * the plain PSK one. The lengths are public (the PSK's length is
 * configuration); the bytes are not. The RSA decryption that gives the
 * 48 bytes is ct_rsa.c's.
 */
#include <stdint.h>
#include <string.h>

#include "ct_check.h"
#include "engine/engine_internal.h"
#include "handshake/handshake_internal.h"

static uint64_t mem[16384];

/* One premaster with psk_len secret PSK bytes, in version; 1 when it ran
 * and gave the expected length. */
static int premaster(tern_conn *c, const tern_suite_info *si, uint16_t version, size_t psk_len,
                     int rsa)
{
    tern_hs *hs = &c->hs;
    size_t want;
    int rc;

    if (hs->psk_buf == NULL) { /* carved by tern_conn_init for a PSK configuration */
        return 0;
    }
    hs->suite = si;
    hs->version = version;
    memset(hs->psk_buf->key, 0x3c, sizeof(hs->psk_buf->key));
    hs->psk_len = (uint16_t)psk_len;
    CT_SECRET(hs->psk_buf->key, sizeof(hs->psk_buf->key));
    if (rsa) {
        memset(hs->ks.pms, 0xa7, 48);
        hs->ks.pms[0] = 3;
        hs->ks.pms[1] = 3;
        hs->pms_len = 48;
        CT_SECRET(hs->ks.pms, 48);
        rc = tern_kx_rsa_psk_premaster(c);
        want = 2 + 48 + 2 + psk_len;
    } else {
        rc = tern_kx_psk_premaster(c, NULL, 0);
        want = 2 + psk_len + 2 + psk_len;
    }
    if (version >= TERN_TLS12 && want > si->prf_hash->block_len) {
        want = si->prf_hash->digest_len;
    }
    CT_PUBLIC(hs->ks.pms, sizeof(hs->ks.pms));
    CT_PUBLIC(hs->psk_buf->key, sizeof(hs->psk_buf->key));
    if (rc != TERN_OK || hs->pms_len != want || hs->psk_len != 0) {
        printf("premaster: rc %d, pms_len %u, want %u\n", rc, (unsigned)hs->pms_len,
               (unsigned)want);
        return 0;
    }
    return 1;
}

int main(void)
{
    tern_config cfg;
    tern_conn *c;
    const tern_suite_info *psk;
    static const uint8_t key[16] = {1};
    int fn = 0;

    tern_config_init(&cfg);
    if (tern_config_set_psk(&cfg, (const uint8_t *)"id", 2, key, sizeof(key)) != TERN_OK ||
        tern_config_set_suites(&cfg, "TLS_PSK_WITH_AES_128_GCM_SHA256") != TERN_OK ||
        tern_conn_size(&cfg) > sizeof(mem) ||
        tern_conn_init(&c, mem, sizeof(mem), &cfg, TERN_SERVER) != TERN_OK) {
        printf("ct_kx: no connection\n");
        return 1;
    }
    psk = tern_suite_info_get(TERN_TLS_PSK_WITH_AES_128_GCM_SHA256);
    if (psk == NULL || !premaster(c, psk, TERN_TLS12, 16, 0) ||
        !premaster(c, psk, TERN_TLS12, 64, 0)) {
        return 1;
    }
    fn += 2; /* tern_kx_psk_premaster, tern_kx_set_pms */
#if TERN_CONFIG_RSA && TERN_CONFIG_STATIC_RSA
    {
        const tern_suite_info *rpsk = tern_suite_info_get(TERN_TLS_RSA_PSK_WITH_AES_128_CBC_SHA);
        /* compiled out without AES or SHA-1 */
        if (rpsk != NULL) {
            if (!premaster(c, rpsk, TERN_TLS12, 16, 1) || !premaster(c, rpsk, TERN_TLS12, 64, 1) ||
                !premaster(c, rpsk, TERN_TLS10, 64, 1)) {
                return 1;
            }
            fn += 1; /* tern_kx_rsa_psk_premaster */
        }
    }
#endif
    tern_conn_free(c);
    tern_config_wipe(&cfg);
    CT_DONE(fn);
    return 0;
}
