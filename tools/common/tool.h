/*
 * Shared code of tern-client and tern-server (tools only, never part of
 * libtern): loading certificates, keys and trust stores from PEM or DER
 * files, the option-list spellings both tools accept, sockets, the
 * handshake summary line, the -msg trace and the -keylogfile writer.
 *
 * Everything here uses tern's public headers only. The tools are
 * ordinary hosted programs: they allocate with malloc and keep what they
 * loaded until they exit (the tern config points into it).
 */
#ifndef TERN_TOOL_H
#define TERN_TOOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tern/engine.h"
#include "tern/error.h"
#include "tern/pk.h"
#include "tern/x509.h"

/* Exit codes of both tools. */
enum {
    TOOL_EXIT_OK = 0,
    TOOL_EXIT_FAIL = 1, /* a connection or handshake failed */
    TOOL_EXIT_USAGE = 2 /* bad flags or unusable files: nothing was tried */
};

/* ---- messages ------------------------------------------------------------ */

/* The program name used as the prefix of every message ("tern-client"). */
void tool_set_progname(const char *name);
const char *tool_progname(void);

/* "prog: <message>\n" on stderr. */
void tool_msg(const char *fmt, ...);

/* "prog: <what>: TERN_ERR_X (description)\n" on stderr. */
void tool_err(int rc, const char *fmt, ...);

/* The symbolic name of a code, never NULL ("TERN_ERR_DECODE"; alert codes
 * with the alert's name: "TERN_ERR_ALERT_RECEIVED(handshake_failure)"). */
const char *tool_err_name(int rc, char *buf, size_t cap);

/* ---- memory ------------------------------------------------------------- */

/* Records a malloc'd block that must live until exit (the config points
 * into it); returns p. secret: wipe it before freeing. */
void *tool_keep(void *p, size_t len, int secret);

/* Wipes (where secret) and frees every block tool_keep recorded. Call
 * once at exit, after the last use of the config. */
void tool_release_all(void);

/* ---- files ------------------------------------------------------------- */

/* Reads a whole file into a malloc'd buffer with a NUL after the data.
 * TERN_OK, TERN_ERR_NOT_FOUND (cannot open), TERN_ERR_PLATFORM (read
 * error), TERN_ERR_NO_MEMORY. A message naming the file is printed on
 * failure. */
int tool_read_file(const char *path, uint8_t **data, size_t *len);

/* A list of DER certificates, each in its own malloc'd buffer. */
typedef struct tool_certs {
    uint8_t **der;
    size_t *lens;
    size_t count;
} tool_certs;

/* Loads every certificate of a file: a PEM file with any number of
 * "CERTIFICATE" blocks (other blocks and text around them are skipped),
 * or one DER certificate. TERN_ERR_NOT_FOUND if the file holds no
 * certificate; TERN_ERR_PEM / TERN_ERR_CERT_PARSE for a damaged one.
 * Prints what went wrong. skip_unusable: leave out (with one warning
 * line) certificates tern cannot parse instead of failing, for trust
 * bundles. What is loaded is kept until exit (tool_keep). */
int tool_load_certs(const char *path, tool_certs *out, int skip_unusable);

/* Loads a private key from a PEM file (the first private-key block:
 * "PRIVATE KEY", "RSA PRIVATE KEY" or "EC PRIVATE KEY") or a DER file
 * (PKCS#8, PKCS#1 or SEC1). The key points into memory kept (and wiped)
 * until exit (tool_keep). Prints what went wrong. */
int tool_load_key(const char *path, tern_privkey *key);

/* Builds a trust store from every certificate in a file (PEM bundle or
 * one DER certificate), skipping with a warning those tern cannot use.
 * TERN_ERR_NOT_FOUND when none is left. The store and the DER are kept
 * until exit. */
int tool_load_trust(const char *path, const tern_trust_store **store);

/* The system bundle used when a client is given no -CAfile, or NULL
 * when none of the usual places exists. */
const char *tool_default_ca_file(void);

/* Wipes and frees a buffer that held a secret. */
void tool_wipe_free(uint8_t *p, size_t len);

/* Loads a certificate chain file and its key file into a credential of
 * cfg (key_path NULL: the key is looked for in the chain file). */
int tool_add_credential(tern_config *cfg, const char *cert_path, const char *key_path);

/* ---- option values ----------------------------------------------------- */

/* Sets the suites from a colon-separated list of IANA names; OpenSSL
 * spellings (ECDHE-ECDSA-AES128-GCM-SHA256) are accepted too. Prints the
 * unknown name on failure (TERN_ERR_BAD_ARG). */
int tool_set_suites(tern_config *cfg, const char *list);

/* Sets the groups from a colon- or comma-separated list: x25519,
 * secp256r1, secp384r1, with the aliases X25519, P-256, prime256v1,
 * P-384. TERN_ERR_BAD_ARG names the unknown entry. */
int tool_set_groups(tern_config *cfg, const char *list);

/* Splits a comma-separated ALPN list ("h2,http/1.1") into cfg->alpn
 * (the strings are copied; at most TERN_MAX_ALPN names of 1..255
 * bytes). TERN_ERR_BAD_ARG otherwise. */
int tool_set_alpn(tern_config *cfg, const char *list);

/* Parses a decimal integer in [min, max]; 0 on success, -1 otherwise. */
int tool_parse_int(const char *s, long min, long max, long *out);

/* Parses a hex string (a -psk key, as OpenSSL takes it: an even number
 * of digits, no prefix) into out (cap bytes); 0 and *len on success, -1
 * otherwise. */
int tool_parse_hex(const char *s, uint8_t *out, size_t cap, size_t *len);

/* ---- observability ----------------------------------------------------- */

/* Per-tool observability state, set as cfg->user. */
typedef struct tool_obs {
    FILE *keylog; /* -keylogfile, or NULL */
    int msg;      /* -msg: trace every handshake message to stderr */
} tool_obs;

/* Installs cfg->keylog / cfg->trace as the flags ask. keylog_path: file
 * to append SSLKEYLOGFILE lines to (NULL: none). */
int tool_obs_setup(tool_obs *obs, tern_config *cfg, const char *keylog_path, int msg);
void tool_obs_close(tool_obs *obs);

/* The one-line handshake summary on stderr:
 *   prog: handshake version=TLS1.2 suite=... group=... sig=... resumed=no
 *   alpn=... sni=... ems=yes verified=yes peer_certs=2
 * verified: -1 to report what the engine says, 0 / 1 to report the
 * tool's own check (tern-client's -verify_hostname). Returns the
 * tern_conn_get_info result. */
int tool_print_summary(const tern_conn *c, int verified);

/* Writes the peer's certificates as PEM to f. */
void tool_print_peer_chain(const tern_conn *c, FILE *f);

/* ---- sockets ----------------------------------------------------------- */

/* Splits "host:port", "[v6]:port" or ":port" / "port" (host NULL).
 * 0 on success, -1 for a malformed address. host receives at most
 * host_cap - 1 characters. */
int tool_split_hostport(const char *s, char *host, size_t host_cap, char *port, size_t port_cap);

/* Connects a TCP socket to host:port (blocking connect); returns the fd
 * or -1 with a message. */
int tool_tcp_connect(const char *host, const char *port);

/* Listens on host:port (host NULL: every address, IPv6 and IPv4 where
 * possible; port "0": any free port). Returns the fd or -1 with a
 * message; *bound_port receives the port actually bound. */
int tool_tcp_listen(const char *host, const char *port, unsigned *bound_port);

/* Makes fd non-blocking (0) or fails (-1). */
int tool_set_nonblocking(int fd);

/* Runs tern_handshake on a non-blocking socket, waiting as it asks, at
 * most timeout_ms in each wait (-1: no limit). Returns the handshake's
 * result or TERN_ERR_TIMEOUT. */
int tool_handshake(tern_conn *c, int timeout_ms);

/* Reads once, waiting for input at most timeout_ms: bytes (> 0),
 * TERN_ERR_CLOSED at the peer's close_notify, TERN_ERR_TIMEOUT, or an
 * error. */
int tool_read_some(tern_conn *c, uint8_t *buf, size_t len, int timeout_ms);

/* Writes all of buf (waiting on the socket when it blocks), then flushes.
 * TERN_OK or an error. */
int tool_write_all(tern_conn *c, const uint8_t *buf, size_t len, int timeout_ms);

/* Sends close_notify, half-closes the socket and waits (at most
 * timeout_ms) for the peer's close_notify or end of stream, so that
 * our last records are not lost to a reset. Returns TERN_OK if our
 * close_notify went out. */
int tool_close(tern_conn *c, int timeout_ms);

/* Allocates connection memory for cfg (16-byte aligned), kept (and
 * wiped) until exit. */
void *tool_conn_alloc(const tern_config *cfg, size_t *len);

/* Sends a heartbeat request (RFC 6520) and waits up to timeout_ms for
 * its response; application data arriving meanwhile goes to out (NULL:
 * dropped). Prints "heartbeat: answered" on stderr when it came. */
int tool_heartbeat(tern_conn *c, FILE *out, int timeout_ms);

/* Renegotiates (RFC 5746) and waits up to timeout_ms for the end;
 * application data as for tool_heartbeat. Prints "renegotiated: N" (or
 * "renegotiation refused by the peer") on stderr. */
int tool_renegotiate(tern_conn *c, FILE *out, int timeout_ms);

#endif /* TERN_TOOL_H */
