/*
 * What the tools print: error messages with tern's error code names, the
 * one-line handshake summary, the -msg trace, the peer chain as PEM, and
 * the SSLKEYLOGFILE writer.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tern/pem.h"
#include "tool.h"

static const char *progname = "tern";

/* see tool.h */
void tool_set_progname(const char *name)
{
    progname = name;
}

/* see tool.h */
const char *tool_progname(void)
{
    return progname;
}

/* see tool.h */
void tool_msg(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", progname);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

typedef struct named {
    int value;
    const char *name;
} named;

static const char *lookup(const named *t, size_t n, int value)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (t[i].value == value) {
            return t[i].name;
        }
    }
    return NULL;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* TLS alert names (RFC 5246 7.2, RFC 8446 6, RFC 7301 3.2, RFC 7507). */
static const named alerts[] = {
    {0, "close_notify"},
    {10, "unexpected_message"},
    {20, "bad_record_mac"},
    {22, "record_overflow"},
    {40, "handshake_failure"},
    {42, "bad_certificate"},
    {43, "unsupported_certificate"},
    {44, "certificate_revoked"},
    {45, "certificate_expired"},
    {46, "certificate_unknown"},
    {47, "illegal_parameter"},
    {48, "unknown_ca"},
    {49, "access_denied"},
    {50, "decode_error"},
    {51, "decrypt_error"},
    {70, "protocol_version"},
    {71, "insufficient_security"},
    {80, "internal_error"},
    {86, "inappropriate_fallback"},
    {90, "user_canceled"},
    {100, "no_renegotiation"},
    {109, "missing_extension"},
    {110, "unsupported_extension"},
    {112, "unrecognized_name"},
    {115, "unknown_psk_identity"},
    {116, "certificate_required"},
    {120, "no_application_protocol"},
};

static const char *alert_name(int a)
{
    return lookup(alerts, COUNT(alerts), a);
}

/* see tool.h */
const char *tool_err_name(int rc, char *buf, size_t cap)
{
    const char *name = tern_err_name(rc);
    int alert = tern_err_alert(rc);

    if (alert >= 0) {
        const char *an = alert_name(alert);
        if (an != NULL) {
            snprintf(buf, cap, "%s(%s)", name != NULL ? name : "TERN_ERR_ALERT", an);
        } else {
            snprintf(buf, cap, "%s(%d)", name != NULL ? name : "TERN_ERR_ALERT", alert);
        }
        return buf;
    }
    if (name == NULL) {
        snprintf(buf, cap, "error %d", rc);
        return buf;
    }
    return name;
}

/* see tool.h */
void tool_err(int rc, const char *fmt, ...)
{
    va_list ap;
    char buf[96];

    fprintf(stderr, "%s: ", progname);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, ": %s (%s)\n", tool_err_name(rc, buf, sizeof(buf)), tern_strerror(rc));
}

/* "TLS 1.2" -> "TLS1.2": one token per field in the summary. */
static void squeeze(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (; *in != 0 && n + 1 < cap; in++) {
        if (*in != ' ') {
            out[n++] = *in;
        }
    }
    out[n] = 0;
}

static const char *or_none(const char *s)
{
    return s == NULL || *s == 0 ? "none" : s;
}

/* see tool.h */
int tool_print_summary(const tern_conn *c, int verified)
{
    tern_conn_info info;
    char ver[32];
    int rc = tern_conn_get_info(c, &info);

    if (rc != TERN_OK) {
        tool_err(rc, "no handshake information");
        return rc;
    }
    squeeze(or_none(tern_version_name(info.version)), ver, sizeof(ver));
    fprintf(stderr,
            "%s: handshake version=%s suite=%s group=%s sig=%s resumed=%s alpn=%s sni=%s "
            "ems=%s etm=%s verified=%s peer_certs=%lu\n",
            progname, ver, or_none(tern_suite_name(info.suite)),
            or_none(tern_group_name(info.group)), or_none(tern_sig_scheme_name(info.sig_scheme)),
            info.resumed ? "yes" : "no", or_none(info.alpn), or_none(info.server_name),
            info.ems ? "yes" : "no", info.etm ? "yes" : "no", (verified < 0 ? info.peer_verified : verified) ? "yes" : "no",
            (unsigned long)info.peer_cert_count);
    return TERN_OK;
}

/* see tool.h */
void tool_print_peer_chain(const tern_conn *c, FILE *f)
{
    size_t i;
    for (i = 0;; i++) {
        const uint8_t *der;
        size_t len, pem_len;
        char *pem;
        if (tern_conn_peer_cert(c, i, &der, &len) != TERN_OK) {
            return;
        }
        pem_len = tern_pem_encoded_len(11, len);
        pem = (char *)malloc(pem_len);
        if (pem == NULL) {
            return;
        }
        if (tern_pem_encode("CERTIFICATE", der, len, pem, pem_len, &pem_len) == TERN_OK) {
            fprintf(f, "peer certificate %lu:\n", (unsigned long)i);
            fwrite(pem, 1, pem_len, f);
        }
        free(pem);
    }
}

/* ---- -msg and -keylogfile ------------------------------------------------------ */

static const named content_types[] = {{20, "ChangeCipherSpec"},
                                      {21, "Alert"},
                                      {22, "Handshake"},
                                      {23, "ApplicationData"},
                                      {24, "Heartbeat"}};

static const named hs_types[] = {
    {0, "HelloRequest"},        {1, "ClientHello"},      {2, "ServerHello"},
    {4, "NewSessionTicket"},    {11, "Certificate"},     {12, "ServerKeyExchange"},
    {13, "CertificateRequest"}, {14, "ServerHelloDone"}, {15, "CertificateVerify"},
    {16, "ClientKeyExchange"},  {20, "Finished"}};

static const char *content_name(int type)
{
    const char *n = lookup(content_types, COUNT(content_types), type);
    return n != NULL ? n : "?";
}

static const char *hs_name(int type)
{
    const char *n = lookup(hs_types, COUNT(hs_types), type);
    return n != NULL ? n : "?";
}

static void trace_cb(void *user, int direction, int content_type, int hs_type, const uint8_t *msg,
                     size_t len)
{
    const tool_obs *obs = (const tool_obs *)user;
    const char *arrow = direction == TERN_TRACE_OUT ? ">>>" : "<<<";
    size_t i;

    if (!obs->msg) {
        return;
    }
    if (content_type == 22) {
        fprintf(stderr, "%s %s [length %04lx], %s\n", arrow, content_name(content_type),
                (unsigned long)len, hs_name(hs_type));
    } else if (content_type == 24) {
        /* hs_type carries the HeartbeatMessageType (RFC 6520 3) */
        fprintf(stderr, "%s Heartbeat [length %04lx], %s\n", arrow, (unsigned long)len,
                hs_type == 1   ? "HeartbeatRequest"
                : hs_type == 2 ? "HeartbeatResponse"
                               : "?");
    } else if (content_type == 21 && len == 2 && msg != NULL) {
        const char *an = alert_name(msg[1]);
        fprintf(stderr, "%s Alert [length 0002], %s %s\n", arrow, msg[0] == 1 ? "warning" : "fatal",
                an != NULL ? an : "?");
    } else {
        fprintf(stderr, "%s %s [length %04lx]\n", arrow, content_name(content_type),
                (unsigned long)len);
    }
    if (msg == NULL) {
        return;
    }
    for (i = 0; i < len; i++) {
        fprintf(stderr, "%s%02x", i % 16 == 0 ? "    " : " ", msg[i]);
        if (i % 16 == 15 || i + 1 == len) {
            fputc('\n', stderr);
        }
    }
}

static void keylog_cb(void *user, const char *line)
{
    const tool_obs *obs = (const tool_obs *)user;
    if (obs->keylog != NULL) {
        fprintf(obs->keylog, "%s\n", line);
        fflush(obs->keylog);
    }
}

/* see tool.h */
int tool_obs_setup(tool_obs *obs, tern_config *cfg, const char *keylog_path, int msg)
{
    memset(obs, 0, sizeof(*obs));
    obs->msg = msg;
    if (keylog_path != NULL) {
        obs->keylog = fopen(keylog_path, "a");
        if (obs->keylog == NULL) {
            tool_err(TERN_ERR_NOT_FOUND, "cannot open key log file %s", keylog_path);
            return TERN_ERR_NOT_FOUND;
        }
        cfg->keylog = keylog_cb;
    }
    if (msg) {
        cfg->trace = trace_cb;
    }
    cfg->user = obs;
    return TERN_OK;
}

/* see tool.h */
void tool_obs_close(tool_obs *obs)
{
    if (obs->keylog != NULL) {
        fclose(obs->keylog);
        obs->keylog = NULL;
    }
}
