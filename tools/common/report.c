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

/* TLS alert names (RFC 5246 7.2, RFC 8446 6, RFC 7301 3.2, RFC 7507). */
static const char *alert_name(int a)
{
    switch (a) {
    case 0: return "close_notify";
    case 10: return "unexpected_message";
    case 20: return "bad_record_mac";
    case 22: return "record_overflow";
    case 40: return "handshake_failure";
    case 42: return "bad_certificate";
    case 43: return "unsupported_certificate";
    case 44: return "certificate_revoked";
    case 45: return "certificate_expired";
    case 46: return "certificate_unknown";
    case 47: return "illegal_parameter";
    case 48: return "unknown_ca";
    case 49: return "access_denied";
    case 50: return "decode_error";
    case 51: return "decrypt_error";
    case 70: return "protocol_version";
    case 71: return "insufficient_security";
    case 80: return "internal_error";
    case 86: return "inappropriate_fallback";
    case 90: return "user_canceled";
    case 100: return "no_renegotiation";
    case 109: return "missing_extension";
    case 110: return "unsupported_extension";
    case 112: return "unrecognized_name";
    case 115: return "unknown_psk_identity";
    case 116: return "certificate_required";
    case 120: return "no_application_protocol";
    default: return NULL;
    }
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
            "ems=%s verified=%s peer_certs=%lu\n",
            progname, ver, or_none(tern_suite_name(info.suite)),
            or_none(tern_group_name(info.group)), or_none(tern_sig_scheme_name(info.sig_scheme)),
            info.resumed ? "yes" : "no", or_none(info.alpn), or_none(info.server_name),
            info.ems ? "yes" : "no",
            (verified < 0 ? info.peer_verified : verified) ? "yes" : "no",
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

static const char *content_name(int type)
{
    switch (type) {
    case 20: return "ChangeCipherSpec";
    case 21: return "Alert";
    case 22: return "Handshake";
    case 23: return "ApplicationData";
    default: return "?";
    }
}

static const char *hs_name(int type)
{
    switch (type) {
    case 0: return "HelloRequest";
    case 1: return "ClientHello";
    case 2: return "ServerHello";
    case 4: return "NewSessionTicket";
    case 11: return "Certificate";
    case 12: return "ServerKeyExchange";
    case 13: return "CertificateRequest";
    case 14: return "ServerHelloDone";
    case 15: return "CertificateVerify";
    case 16: return "ClientKeyExchange";
    case 20: return "Finished";
    default: return "?";
    }
}

static void trace_cb(void *user, int direction, int content_type, int hs_type,
                     const uint8_t *msg, size_t len)
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
    } else if (content_type == 21 && len == 2 && msg != NULL) {
        const char *an = alert_name(msg[1]);
        fprintf(stderr, "%s Alert [length 0002], %s %s\n", arrow,
                msg[0] == 1 ? "warning" : "fatal", an != NULL ? an : "?");
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
