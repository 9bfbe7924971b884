/*
 * A native tern peer for the seed API tests: one tern_conn on the other
 * end of a socket pair, configured through tern's own API (engine.h) to
 * allow only the suites a test names, so that a test sees what a seed
 * end offers or accepts. Include after compat_test_util.h.
 */
#ifndef TERN_COMPAT_NATIVE_PEER_H
#define TERN_COMPAT_NATIVE_PEER_H

#include "tern/engine.h"
#include "tern/keys.h"
#include "tern/socket.h"

static union {
    uint8_t b[160 * 1024];
    uint64_t align;
} native_mem;
static tern_config ncfg;
static tern_privkey nkey;

/* A native configuration allowing only `suites` (IANA names, colon
 * separated). Server: the test PKI's RSA-2048 (rsa) or P-256 server
 * identity with its intermediate; client: no certificate verification
 * (the seed server's certificates are the seed tests' business). */
static inline void native_cfg(int role, const char *suites, int rsa)
{
    static const uint8_t *chain[2];
    static size_t lens[2];
    const uint8_t *key;
    size_t key_len;

    tern_config_init(&ncfg);
    EXPECT_EQ(tern_config_set_suites(&ncfg, suites), TERN_OK);
    EXPECT_EQ(tern_config_set_groups(&ncfg, "x25519:secp256r1:ffdhe2048"), TERN_OK);
    if (role == TERN_SERVER) {
        chain[0] = ct_read(rsa ? "server-rsa2048.der" : "server-p256.der", &lens[0]);
        chain[1] = ct_read("int-ca.der", &lens[1]);
        key = ct_read(rsa ? "server-rsa2048.key.der" : "server-p256.key.der", &key_len);
        EXPECT_EQ(tern_key_parse_private(key, key_len, &nkey), TERN_OK);
        EXPECT_EQ(tern_config_add_credential(&ncfg, chain, lens, 2, &nkey), TERN_OK);
    } else {
        ncfg.verify_mode = TERN_VERIFY_NONE;
    }
}

/* The native connection with ncfg on fd; NULL on failure. */
static inline tern_conn *native_conn(int role, int fd)
{
    tern_conn *c = NULL;
    EXPECT_TRUE(tern_conn_size(&ncfg) <= sizeof(native_mem.b));
    EXPECT_EQ(tern_conn_init(&c, native_mem.b, sizeof(native_mem.b), &ncfg, role), TERN_OK);
    if (c == NULL) {
        return NULL;
    }
    EXPECT_EQ(tern_socket_attach(c, fd), TERN_OK);
    if (role == TERN_CLIENT) {
        EXPECT_EQ(tern_conn_set_hostname(c, ""), TERN_OK);
    }
    return c;
}

/* The seed end (p[0], seed_role) against the native end nc (on p[1]):
 * *sr and *nr get the final results of both handshakes. */
static inline void run_mixed(const int p[2], int seed_role, tern_conn *nc, t_tls_ret *sr, int *nr)
{
    int i;
    *sr = TLS_WAIT;
    *nr = TERN_ERR_WANT_READ;
    for (i = 0; i < 20000 && (*sr == TLS_WAIT || TERN_ERR_IS_WANT_IO(*nr)); i++) {
        if (*sr == TLS_WAIT) {
            *sr = seed_role == TERN_CLIENT
                      ? tls_client_handshake_socket(p[0], "localhost", TLS_INVALID_CONN_TICKET)
                      : tls_server_handshake_socket(p[0], 0, NULL);
        }
        if (TERN_ERR_IS_WANT_IO(*nr)) {
            *nr = tern_handshake(nc);
        }
        if (*sr != TLS_WAIT && *sr != TLS_OK && TERN_ERR_IS_WANT_IO(*nr) && i > 200) {
            break; /* the seed end failed; the native one may wait forever */
        }
    }
}

/* Data both ways between an established seed end and native end: 1 when
 * len bytes arrive intact in each direction. */
static inline int native_data(int seed_fd, tern_conn *nc, size_t len)
{
    uint8_t msg[1024], back[sizeof(msg)];
    size_t got = 0, i;
    int k, rc;

    if (len > sizeof(msg)) {
        return 0;
    }
    for (i = 0; i < len; i++) {
        msg[i] = (uint8_t)(i * 13 + 5);
    }
    if (tls_send_socket(seed_fd, msg, (uint16_t)len) != TLS_OK) {
        return 0;
    }
    for (k = 0; k < 20000 && got < len; k++) {
        rc = tern_read(nc, back + got, len - got);
        if (rc > 0) {
            got += (size_t)rc;
        } else if (!TERN_ERR_IS_WANT_IO(rc)) {
            return 0;
        }
    }
    if (got != len || memcmp(back, msg, len) != 0) {
        return 0;
    }
    for (k = 0, rc = TERN_ERR_WANT_WRITE; k < 20000 && TERN_ERR_IS_WANT_IO(rc); k++) {
        rc = tern_write(nc, msg, len);
    }
    if (rc != (int)len) {
        return 0;
    }
    for (k = 0, rc = TERN_ERR_WANT_WRITE; k < 20000 && TERN_ERR_IS_WANT_IO(rc); k++) {
        rc = tern_flush(nc);
    }
    for (k = 0, got = 0; k < 20000 && got < len; k++) {
        uint8_t *q = back + got;
        uint16_t n = 0;
        t_tls_ret r = tls_receive_socket(seed_fd, &q, (uint16_t)(sizeof(back) - got), &n);
        if (r == TLS_OK) {
            got += n;
        } else if (r != TLS_WAIT) {
            return 0;
        }
    }
    return got == len && memcmp(back, msg, len) == 0;
}

/* One seed end against one native end allowing only `suites`; with data,
 * also data both ways once both are established (a failure there turns
 * the seed result into TLS_IO_ERR). Returns the seed end's result, the
 * native one's in *nr. */
static inline t_tls_ret mixed_data(int seed_role, const char *suites, int rsa, int data, int *nr)
{
    int p[2];
    t_tls_ret sr = TLS_WAIT;
    int nrole = seed_role == TERN_CLIENT ? TERN_SERVER : TERN_CLIENT;
    tern_conn *nc;

    native_cfg(nrole, suites, rsa);
    ct_pair(p, 1);
    nc = native_conn(nrole, p[1]);
    *nr = TERN_ERR_INTERNAL;
    if (nc != NULL) {
        run_mixed(p, seed_role, nc, &sr, nr);
        if (data && sr == TLS_OK && *nr == TERN_OK && !native_data(p[0], nc, 700)) {
            sr = TLS_IO_ERR;
        }
        tern_conn_free(nc);
    }
    (void)tls_close_socket(p[0]);
    close(p[0]);
    close(p[1]);
    tern_config_wipe(&ncfg);
    return sr;
}

static inline t_tls_ret mixed(int seed_role, const char *suites, int rsa, int *nr)
{
    return mixed_data(seed_role, suites, rsa, 0, nr);
}

#endif /* TERN_COMPAT_NATIVE_PEER_H */
