/*
 * Shared helpers of the examples: files and PEM into the config_tls.c
 * tables, sockets on loopback, printing the handshake summary. Examples
 * are applications: they may allocate, and they exit on a fatal error.
 */
#ifndef TERN_EX_COMMON_H
#define TERN_EX_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "api_tls.h"

/* Prints "prog: message" to stderr and exits with status 2. */
void ex_die(const char *fmt, ...);

/* Names the program for messages, ignores SIGPIPE, and ends the process
 * with status 3 after seconds (no example hangs). */
void ex_init(const char *name, unsigned seconds);

/* The whole file, NUL-terminated; *len without the NUL. */
char *ex_read_file(const char *path, size_t *len);

/* A host entry from a PEM file of certificates (leaf first, then its
 * chain; text outside BEGIN/END lines is ignored) and a PEM private key
 * file (may be the same file). role: TLS_CERT_ROLE_*. */
void ex_load_identity(t_tls_certificate *e, const char *cert_pem, const char *key_pem,
                      uint8_t role);

/* Every certificate of a PEM bundle into g_tls_arr_ca_cert, from entry
 * *next on; returns how many. Exits when the table is too small. */
size_t ex_load_ca_bundle(const char *pem_path, size_t *next);

/* tls_init, tls_register_builtin, tls_start; exits with the reason. */
void ex_start_module(void);

/* A listening TCP socket on 127.0.0.1:port (0: any free port); the port
 * it got in *bound. */
int ex_listen(uint16_t port, uint16_t *bound);

/* A blocking TCP connection to ip:port (dotted IPv4). */
int ex_connect(const char *ip, uint16_t port);

/* Sets SO_RCVTIMEO and SO_SNDTIMEO. */
void ex_timeouts(int fd, int ms);

/* Makes fd non-blocking. */
void ex_nonblock(int fd);

/* Waits until fd is readable (in) or writable (!in), at most ms. */
int ex_wait(int fd, int in, int ms);

/* "TLS_OK", "TLS_WAIT", ... */
const char *ex_ret_name(t_tls_ret r);

/* Prints "<label>: <version> <suite> <group> chain=<verified|not verified>
 * resumed=<yes|no>". */
void ex_summary(const char *label, const tern_conn_info *info);

/* Parses "--name value" style options: returns argv[i + 1] and advances
 * *i when argv[*i] is name, else NULL. */
const char *ex_opt(int argc, char **argv, int *i, const char *name);

#endif /* TERN_EX_COMMON_H */
