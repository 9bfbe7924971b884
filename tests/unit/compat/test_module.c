/*
 * Module management of the seed API (User Guide 5.1) with the default
 * config_tls.h: tls_init / tls_register_* / tls_start / tls_stop /
 * tls_delete, their ordering rules and documented returns, the
 * certificate tables read by tls_start, and the pool limits of the
 * defaults (one connection).
 */
#include "compat_test_util.h"

#include "compat_native_peer.h"
#include "tern/aead.h"
#include "tern/cipher.h"
#include "tern/hash.h"
#include "tern/pk.h"

static void test_before_init(void)
{
    uint8_t b[4] = {0};
    uint8_t *p = b;
    uint16_t n;
    t_tls_ticket t;
    t_tls_hash_alg_attr attr;

    EXPECT_EQ(tls_register_hash(0, &tern_sha256_class, TLS_HASH_ALG_SHA256), TLS_INIT_ERR);
    EXPECT_EQ(tls_register_bulk(0, &tern_aead_aes128_gcm, TLS_BULK_ALG_AES_128_GCM), TLS_INIT_ERR);
    EXPECT_EQ(tls_register_sign(0, tern_sig_by_scheme(TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256),
                                TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256),
              TLS_INIT_ERR);
    EXPECT_EQ(tls_register_builtin(), TLS_INIT_ERR);
    EXPECT_EQ(tls_get_hash_attr(0, &attr), TLS_INIT_ERR);
    EXPECT_EQ(tls_start(), TLS_INIT_ERR);
    EXPECT_EQ(tls_stop(), TLS_INIT_ERR);
    EXPECT_EQ(tls_delete(), TLS_INIT_ERR);
    EXPECT_EQ(tls_client_handshake_socket(0, "x", TLS_INVALID_CONN_TICKET), TLS_INIT_ERR);
    EXPECT_EQ(tls_server_handshake_socket(0, 0, NULL), TLS_INIT_ERR);
    EXPECT_EQ(tls_send_socket(0, b, 1), TLS_INIT_ERR);
    EXPECT_EQ(tls_receive_socket(0, &p, sizeof(b), &n), TLS_INIT_ERR);
    EXPECT_EQ(tls_get_ticket_socket(0, &t), TLS_INIT_ERR);
    EXPECT_EQ(tls_get_state_socket(0), TLS_CONNST_CLOSED);
    EXPECT_EQ(tls_close_socket(0), TLS_INIT_ERR);
    EXPECT_EQ(tls_tcp_poll(0), TLS_INIT_ERR);
    EXPECT_EQ(tls_get_state_tcp(0), TLS_CONNST_CLOSED);
    EXPECT_EQ(tls_close_tcp(0), TLS_INIT_ERR);
    EXPECT_EQ(tcp_release_buf(b), TLS_INIT_ERR);
}

/* A class that is not tern's built-in one (as an accelerator would be). */
static tern_hash_class my_hash;
static tern_aead_class my_gcm;
static tern_sig_class my_ecdsa;

static void test_register(void)
{
    const tern_sig_class *ecdsa = tern_sig_by_scheme(TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256);
    t_tls_hash_alg_attr attr;
    static const uint8_t sha256_prefix[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                            0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                            0x01, 0x05, 0x00, 0x04, 0x20};
    static const uint8_t sha384_prefix[] = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                            0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                            0x02, 0x05, 0x00, 0x04, 0x30};

    EXPECT_EQ(tls_init(), TLS_OK);
    EXPECT_EQ(tls_init(), TLS_INIT_ERR); /* once */

    /* Slot numbers: 0 .. TLS_MAX_*_ALG_SIZE - 1. */
    EXPECT_EQ(tls_register_hash(TLS_MAX_HASH_ALG_SIZE, &tern_sha256_class, TLS_HASH_ALG_SHA256),
              TLS_PARAM_ERR);
    EXPECT_EQ(
        tls_register_bulk(TLS_MAX_BULK_ALG_SIZE, &tern_aead_aes128_gcm, TLS_BULK_ALG_AES_128_GCM),
        TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_sign(TLS_MAX_SIGN_ALG_SIZE, ecdsa, TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256),
              TLS_PARAM_ERR);
    /* No class. */
    EXPECT_EQ(tls_register_hash(0, NULL, TLS_HASH_ALG_SHA256), TLS_NULL_PTR_ERR);
    EXPECT_EQ(tls_register_bulk(0, NULL, TLS_BULK_ALG_AES_128_GCM), TLS_NULL_PTR_ERR);
    EXPECT_EQ(tls_register_sign(0, NULL, TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256), TLS_NULL_PTR_ERR);
    /* The id does not name the class's algorithm. */
    EXPECT_EQ(tls_register_hash(0, &tern_sha256_class, TLS_HASH_ALG_SHA384), TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_hash(0, &tern_sha256_class, 99), TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_bulk(0, &tern_aead_aes128_gcm, TLS_BULK_ALG_AES_128_CCM), TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_sign(0, ecdsa, TLS_SIGN_ALG_RSA_PSS_RSAE_SHA256), TLS_PARAM_ERR);
    /* AES-256 needs a 32-byte key: over TLS_MAX_BKEY_LEN (24). */
    EXPECT_EQ(tls_register_bulk(0, &tern_aead_aes256_gcm, TLS_BULK_ALG_AES_256_GCM), TLS_PARAM_ERR);
    /* Classes of the application's own are accepted (test_register.c
     * runs them) unless the engine cannot use them: a hash it never runs
     * (only SHA-256 / SHA-384 are replaced), a class missing a function. */
    my_hash = tern_sha1_class;
    my_gcm = tern_aead_aes128_gcm;
    my_gcm.seal = NULL;
    my_ecdsa = *ecdsa;
    my_ecdsa.verify = NULL;
    EXPECT_EQ(tls_register_hash(0, &my_hash, TLS_HASH_ALG_SHA1), TLS_ENCRYPTION_MODULE_ERR);
    EXPECT_EQ(tls_register_bulk(0, &my_gcm, TLS_BULK_ALG_AES_128_GCM), TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_sign(0, &my_ecdsa, TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256), TLS_PARAM_ERR);

    /* Nothing registered: no suite can be offered. */
    EXPECT_EQ(tls_start(), TLS_INIT_ERR);
    EXPECT_EQ(tls_get_hash_attr(0, &attr), TLS_NOT_FOUND_ERR);

    /* Hash and bulk but no signature: no scheme. */
    EXPECT_EQ(tls_register_hash(0, &tern_sha384_class, TLS_HASH_ALG_SHA384), TLS_OK);
    EXPECT_EQ(tls_register_hash(0, &tern_sha256_class, TLS_HASH_ALG_SHA256), TLS_OK); /* replaces */
    EXPECT_EQ(tls_register_bulk(1, &tern_aead_aes128_gcm, TLS_BULK_ALG_AES_128_GCM), TLS_OK);
    EXPECT_EQ(tls_start(), TLS_INIT_ERR);
    /* The signature's hash must be registered as well: P-384 needs SHA-384. */
    EXPECT_EQ(tls_register_sign(2, tern_sig_by_scheme(TLS_SIGN_ALG_ECDSA_SECP384R1_SHA384),
                                TLS_SIGN_ALG_ECDSA_SECP384R1_SHA384),
              TLS_OK);
    EXPECT_EQ(tls_start(), TLS_INIT_ERR);
    EXPECT_EQ(tls_register_sign(0, ecdsa, TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256), TLS_OK);

    EXPECT_EQ(tls_get_hash_attr(0, NULL), TLS_NULL_PTR_ERR);
    EXPECT_EQ(tls_get_hash_attr(TLS_MAX_HASH_ALG_SIZE, &attr), TLS_PARAM_ERR);
    EXPECT_EQ(tls_get_hash_attr(0, &attr), TLS_OK);
    EXPECT_EQ(attr.digest_len, 32);
    EXPECT_EQ(attr.block_len, 64);
    EXPECT_EQ(attr.key_len, 32);
    EXPECT_EQ(attr.digest_prefix_len, sizeof(sha256_prefix));
    EXPECT_MEM_EQ(attr.digest_prefix, sha256_prefix, sizeof(sha256_prefix));
    EXPECT_EQ(tls_get_hash_attr(1, &attr), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tls_register_builtin(), TLS_OK); /* fills the free slots */
    EXPECT_EQ(tls_get_hash_attr(1, &attr), TLS_OK);
    EXPECT_EQ(attr.digest_len, 48);
    EXPECT_MEM_EQ(attr.digest_prefix, sha384_prefix, sizeof(sha384_prefix));

    EXPECT_EQ(tls_start(), TLS_OK);
    /* Registering after tls_start is an error; so is a second start. */
    EXPECT_EQ(tls_register_hash(0, &tern_sha256_class, TLS_HASH_ALG_SHA256), TLS_INIT_ERR);
    EXPECT_EQ(tls_register_bulk(0, &tern_aead_aes128_gcm, TLS_BULK_ALG_AES_128_GCM), TLS_INIT_ERR);
    EXPECT_EQ(tls_register_sign(0, ecdsa, TLS_SIGN_ALG_ECDSA_SECP256R1_SHA256), TLS_INIT_ERR);
    EXPECT_EQ(tls_register_builtin(), TLS_INIT_ERR);
    EXPECT_EQ(tls_start(), TLS_INIT_ERR);
    /* tls_delete only after tls_stop. */
    EXPECT_EQ(tls_delete(), TLS_INIT_ERR);
    EXPECT_EQ(tls_stop(), TLS_OK);
    EXPECT_EQ(tls_stop(), TLS_INIT_ERR);
    /* Stopped: registering is allowed again, and starting. */
    EXPECT_EQ(tls_register_hash(0, &tern_sha256_class, TLS_HASH_ALG_SHA256), TLS_OK);
    EXPECT_EQ(tls_start(), TLS_OK);
    EXPECT_EQ(tls_stop(), TLS_OK);
    EXPECT_EQ(tls_delete(), TLS_OK);
    EXPECT_EQ(tls_delete(), TLS_INIT_ERR);
    /* A new cycle starts empty. */
    EXPECT_EQ(tls_init(), TLS_OK);
    EXPECT_EQ(tls_get_hash_attr(0, &attr), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tls_delete(), TLS_OK);
}

static t_tls_ret start_with_tables(void)
{
    t_tls_ret r;
    if (tls_init() != TLS_OK || tls_register_builtin() != TLS_OK) {
        return TLS_INIT_ERR;
    }
    r = tls_start();
    if (r == TLS_OK) {
        (void)tls_stop();
    }
    (void)tls_delete();
    return r;
}

static void test_tables(void)
{
    t_tls_certificate good;
    static const uint8_t junk[] = {0x30, 0x03, 0x02, 0x01, 0x01};

    ct_clear_tables();
    ct_entry(&good, "server-p256", 1, 1);

    /* A proper server identity (leaf + intermediate, key) and anchor. */
    g_tls_arr_host_cert[0] = good;
    ct_entry(&g_tls_arr_ca_cert[0], "root-ca", 0, 0);
    EXPECT_EQ(start_with_tables(), TLS_OK);

    /* The certificate type must match: P-256 is ecdsa_sign. */
    g_tls_arr_host_cert[0].cert_type = TLS_CERT_TYPE_RSA_SIGN;
    EXPECT_EQ(start_with_tables(), TLS_INIT_ERR);
    g_tls_arr_host_cert[0].cert_type = TLS_CERT_TYPE_DSS_SIGN;
    EXPECT_EQ(start_with_tables(), TLS_INIT_ERR);
    g_tls_arr_host_cert[0].cert_type = TLS_CERT_TYPE_ECDSA_SIGN;
    EXPECT_EQ(start_with_tables(), TLS_OK);

    /* The public key, when given, must be the certificate's. */
    {
        size_t klen;
        uint8_t *own = ct_read("@server-p256.spki", &klen);
        uint8_t *other = ct_read("@client-p256.spki", &klen);
        static uint8_t junk_spki[91];
        g_tls_arr_host_cert[0].p_cert_pub_key = own;
        g_tls_arr_host_cert[0].cert_pub_key_len = (uint16_t)klen;
        EXPECT_EQ(start_with_tables(), TLS_OK);
        g_tls_arr_host_cert[0].p_cert_pub_key = other;
        EXPECT_EQ(start_with_tables(), TLS_INIT_ERR);
        memset(junk_spki, 0x30, sizeof(junk_spki));
        g_tls_arr_host_cert[0].p_cert_pub_key = junk_spki;
        EXPECT_EQ(start_with_tables(), TLS_INIT_ERR);
        g_tls_arr_host_cert[0].p_cert_pub_key = NULL;
        g_tls_arr_host_cert[0].cert_pub_key_len = 0;
    }

    /* No private key. */
    g_tls_arr_host_cert[0].p_cert_priv_key = NULL;
    EXPECT_EQ(start_with_tables(), TLS_INIT_ERR);
    g_tls_arr_host_cert[0] = good;

    /* The key of another certificate. */
    {
        t_tls_certificate other;
        ct_entry(&other, "client-p256", 0, 1);
        g_tls_arr_host_cert[0].p_cert_priv_key = other.p_cert_priv_key;
        g_tls_arr_host_cert[0].cert_priv_key_len = other.cert_priv_key_len;
        EXPECT_EQ(start_with_tables(), TLS_INIT_ERR);
        g_tls_arr_host_cert[0] = good;
    }

    /* Not DER certificates, and truncated ones. */
    g_tls_arr_host_cert[0].p_cert_block = junk;
    g_tls_arr_host_cert[0].cert_block_len = sizeof(junk);
    EXPECT_EQ(start_with_tables(), TLS_INIT_ERR);
    g_tls_arr_host_cert[0] = good;
    g_tls_arr_host_cert[0].cert_block_len -= 1;
    EXPECT_EQ(start_with_tables(), TLS_INIT_ERR);
    g_tls_arr_host_cert[0] = good;
    g_tls_arr_ca_cert[0].cert_block_len = 10;
    EXPECT_EQ(start_with_tables(), TLS_INIT_ERR);
    ct_entry(&g_tls_arr_ca_cert[0], "root-ca", 0, 0);

    /* A revoked entry is accepted (and used: test_socket). */
    ct_entry(&g_tls_arr_rv_cert[0], "server-rsa2048", 0, 0);
    EXPECT_EQ(start_with_tables(), TLS_OK);
    g_tls_arr_rv_cert[0].cert_block_len = 7;
    EXPECT_EQ(start_with_tables(), TLS_INIT_ERR);
    memset(&g_tls_arr_rv_cert[0], 0, sizeof(g_tls_arr_rv_cert[0]));

    /* Cipher suites: only what tern implements and registration allows. */
    g_tls_arr_cipher_suite[0] = TLS_RSA_WITH_AES_128_CBC_SHA; /* no CBC cipher registered */
    EXPECT_EQ(start_with_tables(), TLS_INIT_ERR);
    g_tls_arr_cipher_suite[0] = TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384; /* key > 24 bytes */
    EXPECT_EQ(start_with_tables(), TLS_INIT_ERR);
    g_tls_arr_cipher_suite[0] = TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    EXPECT_EQ(start_with_tables(), TLS_OK);
    g_tls_arr_cipher_suite[0] = 0;

    ct_clear_tables();
}

/* The default pool holds one connection. */
static void test_pool_full(void)
{
    int a[2], b[2];
    uint8_t data[4] = {1, 2, 3, 4};
    uint8_t buf[8], *p = buf;
    uint16_t n;
    t_tls_ticket t;

    ct_clear_tables();
    ct_entry(&g_tls_arr_ca_cert[0], "root-ca", 0, 0);
    EXPECT_TRUE(ct_up());
    ct_pair(a, 1);
    ct_pair(b, 1);
    /* Unknown descriptors. */
    EXPECT_EQ(tls_send_socket(a[0], data, 4), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tls_receive_socket(a[0], &p, sizeof(buf), &n), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tls_get_ticket_socket(a[0], &t), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tls_close_socket(a[0]), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tls_get_state_socket(a[0]), TLS_CONNST_CLOSED);
    /* Bad arguments. */
    EXPECT_EQ(tls_client_handshake_socket(-1, "localhost", TLS_INVALID_CONN_TICKET), TLS_PARAM_ERR);
    EXPECT_EQ(
        tls_client_handshake_socket(a[0], "a-name-longer-than-sixteen", TLS_INVALID_CONN_TICKET),
        TLS_PARAM_ERR);
    EXPECT_EQ(tls_send_socket(a[0], NULL, 4), TLS_NULL_PTR_ERR);
    EXPECT_EQ(tls_send_socket(a[0], data, 0), TLS_PARAM_ERR);
    EXPECT_EQ(tls_send_socket(a[0], data, TLS_MAX_DATA_LEN + 1), TLS_PARAM_ERR);
    EXPECT_EQ(tls_receive_socket(a[0], NULL, sizeof(buf), &n), TLS_NULL_PTR_ERR);
    EXPECT_EQ(tls_get_ticket_socket(a[0], NULL), TLS_NULL_PTR_ERR);

    /* The first handshake takes the only connection (no server answers:
     * the non-blocking socket makes it wait). */
    EXPECT_EQ(tls_client_handshake_socket(a[0], "localhost", TLS_INVALID_CONN_TICKET), TLS_WAIT);
    EXPECT_EQ(tls_get_state_socket(a[0]), TLS_CONNST_HANDSHAKE);
    EXPECT_EQ(tls_client_handshake_socket(b[0], "localhost", TLS_INVALID_CONN_TICKET),
              TLS_FULL_ERR);
    /* Before the handshake ends: no data, no ticket. */
    EXPECT_EQ(tls_send_socket(a[0], data, 4), TLS_WAIT);
    EXPECT_EQ(tls_receive_socket(a[0], &p, sizeof(buf), &n), TLS_WAIT);
    EXPECT_EQ(tls_get_ticket_socket(a[0], &t), TLS_PARAM_ERR);
    /* The same descriptor as a server is a misuse. */
    EXPECT_EQ(tls_server_handshake_socket(a[0], 0, NULL), TLS_PARAM_ERR);
    /* No host certificate: a server cannot start. */
    EXPECT_EQ(tls_close_socket(a[0]), TLS_OK);
    EXPECT_EQ(tls_server_handshake_socket(b[1], 0, NULL), TLS_INIT_ERR);
    EXPECT_EQ(tls_get_state_socket(b[1]), TLS_CONNST_CLOSED);
    /* The entry came back: the second socket gets it now. */
    EXPECT_EQ(tls_client_handshake_socket(b[0], "localhost", TLS_INVALID_CONN_TICKET), TLS_WAIT);
    /* tls_stop closes what is open. */
    EXPECT_EQ(tls_stop(), TLS_OK);
    EXPECT_EQ(tls_start(), TLS_OK);
    EXPECT_EQ(tls_get_state_socket(b[0]), TLS_CONNST_CLOSED);
    ct_down();
    close(a[0]);
    close(a[1]);
    close(b[0]);
    close(b[1]);
    ct_clear_tables();
}

/* The native interface's pool: one connection, one port. */
static void test_tcp_pool(void)
{
    t_tcp_port_hdl port, port2;
    t_tcp_conn_hdl h, h2;
    t_tls_conn_inf inf;
    t_ip_port ip;
    uint16_t num = 0;
    uint8_t *buf;
    uint16_t blen;

    EXPECT_TRUE(ct_up());
    memset(&inf, 0, sizeof(inf));
    EXPECT_EQ(tcp_open(0, 1, NULL, NULL), TLS_NULL_PTR_ERR);
    EXPECT_EQ(tcp_open(0, 1, &(t_ip_ntf){NULL, 0, NULL}, &port), TLS_PARAM_ERR);
    EXPECT_EQ(tcp_open(0, 1, NULL, &port), TLS_OK);
    EXPECT_EQ(tcp_get_port(port, &num), TLS_OK);
    EXPECT_NE(num, 0);
    EXPECT_EQ(tcp_open(0, 1, NULL, &port2), TLS_FULL_ERR); /* TLS_TCP_MAX_PORT 1 */
    EXPECT_EQ(tls_tcp_accept(port + 256, &inf, &ip, &h), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tls_tcp_accept(port, NULL, &ip, &h), TLS_NULL_PTR_ERR);
    EXPECT_EQ(tls_tcp_accept(port, &inf, &ip, &h), TLS_OK);
    EXPECT_EQ(tls_get_state_tcp(h), TLS_CONNST_HANDSHAKE);
    /* max_conn 1: the port is taken. */
    EXPECT_EQ(tls_tcp_accept(port, &inf, &ip, &h2), TLS_WAIT);
    /* The pool is full for a client as well. */
    ip.ipp_ip_addr = IP_ADDR_LOOPBACK;
    ip.ipp_port = num;
    inf.p_tci_peer_name = "localhost";
    EXPECT_EQ(tls_tcp_connect(&ip, &inf, TLS_INVALID_CONN_TICKET, &h2), TLS_NOT_FOUND_ERR);
    inf.p_tci_peer_name = NULL;
    EXPECT_EQ(tls_tcp_connect(&ip, &inf, TLS_INVALID_CONN_TICKET, &h2), TLS_PARAM_ERR);
    /* Not established: no buffers, no sending. */
    EXPECT_EQ(tls_get_buffer_tcp(h, 10, &buf, 0, NULL, &blen), TLS_WAIT);
    EXPECT_EQ(tls_start_tcp(h), TLS_WAIT); /* nobody connected yet */
    EXPECT_EQ(tls_close_tcp(h), TLS_OK);
    EXPECT_EQ(tls_close_tcp(h), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tls_get_state_tcp(h), TLS_CONNST_CLOSED);
    EXPECT_EQ(tls_start_tcp(h), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tls_get_buffer_tcp(h, 10, &buf, 0, NULL, &blen), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tls_receive_tcp(h, &buf, &blen), TLS_PARAM_ERR);
    EXPECT_EQ(tcp_release_buf(NULL), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tcp_close_port(port), TLS_OK);
    EXPECT_EQ(tcp_close_port(port), TLS_NOT_FOUND_ERR);
    EXPECT_EQ(tcp_get_port(port, &num), TLS_NOT_FOUND_ERR);
    ct_down();
}

/* The guide's RSA registrations and its CA. */
static void guide_setup(void)
{
    static t_tls_certificate ca;
    ct_clear_tables();
    ct_entry(&ca, "root-ca", 0, 0);
    g_tls_arr_ca_cert[0] = ca;
    EXPECT_EQ(tls_init(), TLS_OK);
    EXPECT_EQ(tls_register_hash(0, &tern_sha1_class, TLS_HASH_ALG_SHA1), TLS_OK);
    EXPECT_EQ(tls_register_hash(1, &tern_sha256_class, TLS_HASH_ALG_SHA256), TLS_OK);
    EXPECT_EQ(tls_register_sign(0, tern_sig_by_scheme(TLS_SIGN_ALG_RSA_PKCS1_SHA256),
                                TLS_SIGN_ALG_RSA_PKCS1_SHA256),
              TLS_OK);
    EXPECT_EQ(tls_register_sign(1, tern_sig_by_scheme(TLS_SIGN_ALG_RSA_PSS_RSAE_SHA256),
                                TLS_SIGN_ALG_RSA_PSS_RSAE_SHA256),
              TLS_OK);
}

/* The guide's own suites (4.4) with the guide's defaults
 * (TLS_MAX_BKEY_LEN 24, TLS_MAX_MKEY_LEN 20, one suite, two bulk slots,
 * one connection): registered as the guide's application would and named
 * in g_tls_arr_cipher_suite, a seed client completes a handshake with a
 * native tern server allowing only that suite, and data flows both ways.
 * What the defaults cannot hold is refused; the automatic choice takes
 * a CBC suite but never 3DES. */
static void test_guide_suites(void)
{
    static const struct {
        uint16_t id;
        const char *name;
    } guide[] = {
        {TLS_RSA_WITH_3DES_EDE_CBC_SHA, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"},
        {TLS_RSA_WITH_AES_128_CBC_SHA, "TLS_RSA_WITH_AES_128_CBC_SHA"},
        {TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA"},
    };
    size_t i;
    int nr;

    for (i = 0; i < sizeof(guide) / sizeof(guide[0]); i++) {
        guide_setup();
        EXPECT_EQ(tls_register_bulk(0, &tern_des3_class, TLS_BULK_ALG_3DES_EDE_CBC), TLS_OK);
        EXPECT_EQ(tls_register_bulk(1, tern_aes_get(), TLS_BULK_ALG_AES_128_CBC), TLS_OK);
        g_tls_arr_cipher_suite[0] = guide[i].id;
        EXPECT_EQ(tls_start(), TLS_OK);
        EXPECT_EQ(mixed_data(TERN_CLIENT, guide[i].name, 1, 1, &nr), TLS_OK);
        EXPECT_EQ(nr, TERN_OK);
        ct_down();
    }

    /* AES-256 (32-byte key) and a SHA-256 MAC (32-byte key) exceed the
     * defaults. */
    guide_setup();
    EXPECT_EQ(tls_register_bulk(0, tern_aes_get(), TLS_BULK_ALG_AES_256_CBC), TLS_PARAM_ERR);
    EXPECT_EQ(tls_register_bulk(0, tern_aes_get(), TLS_BULK_ALG_AES_128_CBC), TLS_OK);
    g_tls_arr_cipher_suite[0] = TLS_RSA_WITH_AES_128_CBC_SHA256;
    EXPECT_EQ(tls_start(), TLS_INIT_ERR);
    EXPECT_EQ(tls_delete(), TLS_OK);

    /* Automatic (nothing named): 3DES registered first, yet the one suite
     * offered is ECDHE_RSA with AES-128-CBC-SHA. */
    guide_setup();
    EXPECT_EQ(tls_register_bulk(0, &tern_des3_class, TLS_BULK_ALG_3DES_EDE_CBC), TLS_OK);
    EXPECT_EQ(tls_register_bulk(1, tern_aes_get(), TLS_BULK_ALG_AES_128_CBC), TLS_OK);
    EXPECT_EQ(tls_start(), TLS_OK);
    EXPECT_EQ(mixed_data(TERN_CLIENT, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 1, 1, &nr), TLS_OK);
    EXPECT_EQ(nr, TERN_OK);
    EXPECT_NE(mixed(TERN_CLIENT, "TLS_RSA_WITH_3DES_EDE_CBC_SHA:TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
                    1, &nr),
              TLS_OK);
    EXPECT_NE(nr, TERN_OK);
    ct_down();
}

int main(void)
{
    ct_guard(60);
    RUN_TEST(test_before_init);
    RUN_TEST(test_register);
    RUN_TEST(test_tables);
    RUN_TEST(test_pool_full);
    RUN_TEST(test_tcp_pool);
    RUN_TEST(test_guide_suites);
    return TEST_REPORT();
}
