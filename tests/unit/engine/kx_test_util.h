/*
 * What the engine's key-exchange tests (test_kx, test_rsa_psk) share:
 * client and server configurations for a suite list (exit 2 when the
 * setup is refused), and PSK callbacks: the client answers identity "alice" with psk_b when the
 * server's hint is "zone-b" and psk_a otherwise, noting the hint it saw; the server knows "alice"
 * only, with psk_b. The including test defines psk_a and psk_b (16 bytes each).
 */
#ifndef TERN_TEST_KX_UTIL_H
#define TERN_TEST_KX_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_test_util.h"
#include "tern/error.h"

static void client_cfg(tern_config *cfg, const char *suites)
{
    tern_config_init(cfg);
    cfg->verify_mode = TERN_VERIFY_NONE;
    if (suites != NULL && tern_config_set_suites(cfg, suites) != TERN_OK) {
        fprintf(stderr, "suite list rejected: %s\n", suites);
        exit(2);
    }
}

static void server_cfg(tern_config *cfg, const char *suites, et_cred *cred)
{
    tern_config_init(cfg);
    if (suites != NULL && tern_config_set_suites(cfg, suites) != TERN_OK) {
        fprintf(stderr, "suite list rejected: %s\n", suites);
        exit(2);
    }
    if (cred != NULL &&
        tern_config_add_credential(cfg, cred->chain, cred->lens, 2, &cred->key) != TERN_OK) {
        fprintf(stderr, "credential rejected\n");
        exit(2);
    }
}

static char seen_hint[32];
static int client_cb_calls;

static int client_cb(void *user, const uint8_t *hint, size_t hint_len, uint8_t *id, size_t *id_len,
                     uint8_t *key, size_t *key_len)
{
    (void)user;
    client_cb_calls++;
    if (hint_len >= sizeof(seen_hint) || *id_len < 5 || *key_len < 16) {
        return TERN_ERR_BAD_ARG;
    }
    if (hint_len > 0) {
        memcpy(seen_hint, hint, hint_len);
    }
    seen_hint[hint_len] = '\0';
    memcpy(id, "alice", 5);
    *id_len = 5;
    memcpy(key, hint_len == 6 && memcmp(hint, "zone-b", 6) == 0 ? psk_b : psk_a, 16);
    *key_len = 16;
    return TERN_OK;
}

static int server_cb(void *user, const uint8_t *id, size_t id_len, uint8_t *key, size_t *key_len)
{
    (void)user;
    if (id_len != 5 || memcmp(id, "alice", 5) != 0) {
        return TERN_ERR_UNKNOWN_PSK_IDENTITY;
    }
    memcpy(key, psk_b, 16);
    *key_len = 16;
    return TERN_OK;
}

#endif
