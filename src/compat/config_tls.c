/*
 * The certificate tables of the guide's config_tls.c (User Guide 3.3,
 * 4.4), and tern's cipher suite table.
 *
 * They start empty. Fill them before tls_start, either by editing this
 * file (static DER arrays in ROM, the guide's way: keep the entries
 * pointing at const data) or at run time (as the examples do, from PEM
 * files). tls_start reads them; changes after it take effect at the next
 * tls_stop / tls_start.
 */
#define TERN_COMPAT_BUILD 1 /* see include/api_tls.h */
#include "api_tls.h"

/* see include/api_tls.h */
t_tls_certificate g_tls_arr_host_cert[TLS_MAX_HOST_CERT];

/* see include/api_tls.h */
t_tls_certificate g_tls_arr_ca_cert[TLS_MAX_CA_CERT];

/* see include/api_tls.h */
t_tls_certificate g_tls_arr_rv_cert[TLS_MAX_RV_CERT];

/* see include/api_tls.h */
uint16_t g_tls_arr_cipher_suite[TLS_MAX_CIPHER_SUITES];
