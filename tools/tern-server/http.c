/*
 * tern-server's HTTP modes: -www (a status page about the connection) and
 * -WWW (files under the current directory, as s_server -WWW does). One
 * request per connection, HTTP/1.0 style: the answer ends with the
 * connection.
 */
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdio.h>
#include <string.h>

#include "server.h"
#include "tern/util.h"

#define HTTP_REQUEST_MAX 16384

/* Has the header ended (an empty line)? */
static int ends_header(const uint8_t *buf, size_t len)
{
    size_t i;
    for (i = 0; i + 1 < len; i++) {
        if (buf[i] == '\n' &&
            (buf[i + 1] == '\n' || (buf[i + 1] == '\r' && i + 2 < len && buf[i + 2] == '\n'))) {
            return 1;
        }
    }
    return 0;
}

static const char *or_none(const char *s)
{
    return s == NULL || *s == 0 ? "none" : s;
}

static int send_text(tern_conn *c, const char *text, int timeout_ms)
{
    int rc = tool_write_all(c, (const uint8_t *)text, strlen(text), timeout_ms);
    if (rc != TERN_OK) {
        tool_err(rc, "sending the answer");
    }
    return rc;
}

/* -www: the status page. */
static int status_page(tern_conn *c, int timeout_ms)
{
    static char page[4096];
    tern_conn_info info;
    int rc, n;

    rc = tern_conn_get_info(c, &info);
    if (rc != TERN_OK) {
        return rc;
    }
    n = snprintf(
        page, sizeof(page),
        "HTTP/1.0 200 ok\r\n"
        "Content-type: text/html\r\n"
        "\r\n"
        "<html><body><pre>\n"
        "tern-server %s\n"
        "%s, %s, Cipher is %s\n"
        "version: %s\n"
        "suite: %s\n"
        "group: %s\n"
        "client signature: %s\n"
        "resumed: %s\n"
        "extended master secret: %s\n"
        "ALPN: %s\n"
        "SNI: %s\n"
        "client certificates: %lu%s\n"
        "</pre></body></html>\r\n",
        tern_version(), info.resumed ? "Reused" : "New", or_none(tern_version_name(info.version)),
        or_none(tern_suite_name(info.suite)), or_none(tern_version_name(info.version)),
        or_none(tern_suite_name(info.suite)), or_none(tern_group_name(info.group)),
        or_none(tern_sig_scheme_name(info.sig_scheme)), info.resumed ? "yes" : "no",
        info.ems ? "yes" : "no", or_none(info.alpn), or_none(info.server_name),
        (unsigned long)info.peer_cert_count,
        info.peer_cert_count > 0 ? (info.peer_verified ? " (verified)" : " (not verified)") : "");
    if (n < 0 || (size_t)n >= sizeof(page)) {
        return TERN_ERR_BUFFER_TOO_SMALL;
    }
    return send_text(c, page, timeout_ms);
}

/* The file a "GET /path HTTP/1.x" line names, relative to the current
 * directory: no absolute paths, no ".." components, no query. Returns 0
 * and the path in out, or -1. */
static int request_path(const uint8_t *req, size_t len, char *out, size_t cap)
{
    size_t i, n = 0;

    if (len < 5 || memcmp(req, "GET /", 5) != 0) {
        return -1;
    }
    i = 5;
    while (i < len && req[i] != ' ' && req[i] != '\r' && req[i] != '\n') {
        if (n + 1 >= cap || req[i] == '?' || req[i] == '%' || req[i] == '\\' || req[i] < 0x21) {
            return -1;
        }
        out[n++] = (char)req[i++];
    }
    out[n] = 0;
    if (n == 0 || out[0] == '/') {
        return -1;
    }
    /* no ".." anywhere as a path component */
    for (i = 0; i < n; i++) {
        if ((i == 0 || out[i - 1] == '/') && out[i] == '.' && i + 1 < n && out[i + 1] == '.' &&
            (i + 2 == n || out[i + 2] == '/')) {
            return -1;
        }
    }
    return 0;
}

/* -WWW: the file the request names. */
static int file_page(tern_conn *c, const uint8_t *req, size_t len, int timeout_ms)
{
    static uint8_t buf[16384];
    char path[1024];
    FILE *f;
    int rc = TERN_OK;

    if (request_path(req, len, path, sizeof(path)) != 0) {
        (void)send_text(c, "HTTP/1.0 400 bad request\r\n\r\nbad request\r\n", timeout_ms);
        tool_msg("-WWW: refused a request for a path outside the current directory");
        return TERN_OK; /* the connection worked: the request was bad */
    }
    f = fopen(path, "rb");
    if (f == NULL) {
        tool_msg("-WWW: %s: not found", path);
        return send_text(c, "HTTP/1.0 404 not found\r\n\r\nnot found\r\n", timeout_ms);
    }
    rc = send_text(c,
                   strstr(path, ".html") != NULL
                       ? "HTTP/1.0 200 ok\r\nContent-type: text/html\r\n\r\n"
                       : "HTTP/1.0 200 ok\r\nContent-type: text/plain\r\n\r\n",
                   timeout_ms);
    while (rc == TERN_OK) {
        size_t n = fread(buf, 1, sizeof(buf), f);
        if (n == 0) {
            break;
        }
        rc = tool_write_all(c, buf, n, timeout_ms);
        if (rc != TERN_OK) {
            tool_err(rc, "sending %s", path);
        }
    }
    fclose(f);
    return rc;
}

/* see server.h */
int server_http(tern_conn *c, int files, int timeout_ms)
{
    static uint8_t req[HTTP_REQUEST_MAX];
    size_t got = 0;
    int rc;

    while (!ends_header(req, got)) {
        if (got == sizeof(req)) {
            tool_msg("HTTP request header longer than %d bytes", HTTP_REQUEST_MAX);
            return TERN_ERR_BUFFER_TOO_SMALL;
        }
        rc = tool_read_some(c, req + got, sizeof(req) - got, timeout_ms);
        if (rc == TERN_ERR_CLOSED && got == 0) {
            return TERN_OK; /* closed without a request (e.g. a client that only
                               wanted a session to resume): nothing to answer */
        }
        if (rc <= 0) {
            tool_err(rc, "reading the HTTP request");
            return rc;
        }
        got += (size_t)rc;
    }
    return files ? file_page(c, req, got, timeout_ms) : status_page(c, timeout_ms);
}
