/*
 * Reference identities (RFC 6125, RFC 9525): DNS names and IP addresses
 * matched against a certificate's subjectAltName.
 *
 *  - an IP literal (dotted-quad IPv4, RFC 4291 2.2 IPv6) matches only an
 *    iPAddress SAN with the same octets (RFC 9525 6.3), never a dNSName;
 *  - a DNS name matches a dNSName SAN byte for byte, ASCII letters
 *    compared without case (RFC 9525 6.3, RFC 4343);
 *  - a wildcard is only the whole left-most label "*" (RFC 9525 6.3
 *    rules 1-2) and stands for exactly one non-empty label; it needs at
 *    least two labels after it, so "*.com" matches nothing (a heuristic
 *    for public suffixes: tern carries no public suffix list);
 *  - SAN entries that are not valid host names (empty labels, characters
 *    outside letters, digits and '-', labels over 63 octets) never match;
 *  - the subject CN is consulted only when the caller enables it and the
 *    certificate has no subjectAltName (RFC 9525 6.2 forbids it otherwise).
 */
#include <string.h>

#include "common/try_internal.h"
#include "x509/x509_internal.h"
#include "x509/x509_oid_internal.h"

static int is_digit(uint8_t ch)
{
    return ch >= '0' && ch <= '9';
}

static int hex_value(uint8_t ch)
{
    if (is_digit(ch)) {
        return ch - '0';
    }
    ch = (uint8_t)(ch | 0x20u);
    if (ch >= 'a' && ch <= 'f') {
        return ch - 'a' + 10;
    }
    return -1;
}

/* Dotted-quad IPv4: four decimal numbers 0..255 without leading zeros
 * (so "010.0.0.1", octal in inet_aton, is no address at all). */
static int parse_ipv4(const uint8_t *s, size_t len, uint8_t out[4])
{
    size_t i = 0, part;

    for (part = 0; part < 4; part++) {
        unsigned v = 0, digits = 0;
        if (part > 0) {
            if (i >= len || s[i] != '.') {
                return 0;
            }
            i++;
        }
        while (i < len && is_digit(s[i]) && digits < 4) {
            v = v * 10u + (unsigned)(s[i] - '0');
            digits++;
            i++;
        }
        if (digits == 0 || digits > 3 || v > 255u || (digits > 1 && s[i - digits] == '0')) {
            return 0;
        }
        out[part] = (uint8_t)v;
    }
    return i == len;
}

/* RFC 4291 2.2: eight groups of 1..4 hex digits, one "::" for a run of
 * zero groups, the last 32 bits optionally as dotted-quad IPv4. */
static int parse_ipv6(const uint8_t *s, size_t len, uint8_t out[16])
{
    uint8_t buf[16];
    size_t i = 0, n = 0;
    int gap = -1;

    if (len >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    } else if (len >= 1 && s[0] == ':') {
        return 0;
    }
    while (i < len) {
        size_t start = i, digits = 0;
        unsigned v = 0;
        int h;
        while (i < len && digits < 5 && (h = hex_value(s[i])) >= 0) {
            v = (v << 4) | (unsigned)h;
            digits++;
            i++;
        }
        if (i < len && s[i] == '.') {
            /* trailing IPv4 part */
            if (n > 12 || !parse_ipv4(s + start, len - start, buf + n)) {
                return 0;
            }
            n += 4;
            i = len;
            break;
        }
        if (digits == 0 || digits > 4 || n > 14) {
            return 0;
        }
        buf[n++] = (uint8_t)(v >> 8);
        buf[n++] = (uint8_t)v;
        if (i == len) {
            break;
        }
        if (s[i] != ':') {
            return 0;
        }
        i++;
        if (i < len && s[i] == ':') {
            if (gap >= 0) {
                return 0;
            }
            gap = (int)n;
            i++;
        } else if (i == len) {
            return 0; /* trailing single ':' */
        }
    }
    if (gap < 0) {
        if (n != 16) {
            return 0;
        }
        memcpy(out, buf, 16);
        return 1;
    }
    if (n > 14) {
        return 0; /* "::" must stand for at least one group */
    }
    memset(out, 0, 16);
    memcpy(out, buf, (size_t)gap);
    memcpy(out + 16 - (n - (size_t)gap), buf + gap, n - (size_t)gap);
    return 1;
}

/* see src/x509/x509_internal.h */
size_t tern_x509_parse_ip(const char *s, size_t len, uint8_t out[16])
{
    const uint8_t *u = (const uint8_t *)s;
    if (parse_ipv4(u, len, out)) {
        return 4;
    }
    if (memchr(u, ':', len) != NULL && parse_ipv6(u, len, out)) {
        return 16;
    }
    return 0;
}

static int is_ldh(uint8_t ch)
{
    return is_digit(ch) || ((ch | 0x20u) >= 'a' && (ch | 0x20u) <= 'z') || ch == '-';
}

/* see src/x509/x509_internal.h */
int tern_x509_dns_valid(const uint8_t *s, size_t len, int allow_wildcard)
{
    size_t i = 0, label = 0, last_start = 0;
    int all_digits = 1;

    if (len == 0 || len > 253) {
        return 0;
    }
    if (allow_wildcard && len >= 2 && s[0] == '*' && s[1] == '.') {
        i = 2;
    }
    last_start = i;
    for (; i < len; i++) {
        if (s[i] == '.') {
            /* empty label, or a label starting or ending with '-' */
            if (label == 0 || s[i - 1] == '-') {
                return 0;
            }
            label = 0;
            last_start = i + 1;
            all_digits = 1;
            continue;
        }
        if (!is_ldh(s[i]) || (label == 0 && s[i] == '-') || ++label > 63) {
            return 0;
        }
        if (!is_digit(s[i])) {
            all_digits = 0;
        }
    }
    /* no trailing dot or '-', and a top-level label that is not all
     * digits (RFC 3696 2): such a name would read as an IPv4 address */
    return label > 0 && s[len - 1] != '-' && !all_digits && last_start < len;
}

static int ascii_ieq(const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        uint8_t x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') {
            x = (uint8_t)(x + 32);
        }
        if (y >= 'A' && y <= 'Z') {
            y = (uint8_t)(y + 32);
        }
        if (x != y) {
            return 0;
        }
    }
    return 1;
}

/* A presented DNS identifier (SAN dNSName or CN) against the reference
 * host (already validated, without a trailing dot). */
static int dns_match(const uint8_t *pat, size_t plen, const uint8_t *host, size_t hlen)
{
    const uint8_t *dot;
    size_t rest, i, dots = 0;

    if (!tern_x509_dns_valid(pat, plen, 1)) {
        return 0;
    }
    if (plen >= 2 && pat[0] == '*') {
        /* "*.<rest>": rest has two labels at least */
        rest = plen - 2;
        for (i = 2; i < plen; i++) {
            dots += pat[i] == '.';
        }
        if (dots < 1) {
            return 0;
        }
        dot = (const uint8_t *)memchr(host, '.', hlen);
        if (dot == NULL || dot == host) {
            return 0;
        }
        return (size_t)(host + hlen - (dot + 1)) == rest && ascii_ieq(dot + 1, pat + 2, rest);
    }
    return plen == hlen && ascii_ieq(pat, host, hlen);
}

/* The CN attributes of the subject, as DNS identifiers. */
static int cn_match(const tern_x509_cert *c, const uint8_t *host, size_t hlen)
{
    tern_reader top, rdns, rdn, atv;
    tern_der_elem oid, val;

    tern_reader_init(&top, c->subject.p, c->subject.len);
    if (tern_der_read_sequence(&top, &rdns) != TERN_OK) {
        return 0;
    }
    while (tern_reader_left(&rdns) > 0) {
        if (tern_der_read_set(&rdns, &rdn) != TERN_OK) {
            return 0;
        }
        while (tern_reader_left(&rdn) > 0) {
            if (tern_der_read_sequence(&rdn, &atv) != TERN_OK ||
                tern_der_read_oid(&atv, &oid) != TERN_OK ||
                tern_der_read_any(&atv, &val) != TERN_OK) {
                return 0;
            }
            if (TERN_DER_OID_IS(&oid, TERN_OID_AT_CN) &&
                (val.tag == TERN_DER_PRINTABLE_STRING || val.tag == TERN_DER_UTF8_STRING ||
                 val.tag == TERN_DER_IA5_STRING) &&
                dns_match(val.val, val.len, host, hlen)) {
                return 1;
            }
        }
    }
    return 0;
}

/* see src/x509/x509_internal.h */
int tern_x509_match_host(const tern_x509_cert *c, const char *host, int cn_fallback)
{
    uint8_t ip[16];
    size_t hlen, iplen;
    const uint8_t *h = (const uint8_t *)host;
    tern_reader san;
    tern_der_elem gn;

    hlen = strlen(host);
    iplen = tern_x509_parse_ip(host, hlen, ip);
    if (iplen == 0) {
        /* an absolute name "example.com." is the same name */
        if (hlen > 1 && h[hlen - 1] == '.') {
            hlen--;
        }
        if (!tern_x509_dns_valid(h, hlen, 0)) {
            return TERN_ERR_CERT_NAME_MISMATCH;
        }
    }
    if (c->ext & TERN_X509_EXT_SAN) {
        tern_reader_init(&san, c->san.p, c->san.len);
        while (tern_reader_left(&san) > 0) {
            if (tern_der_read_any(&san, &gn) != TERN_OK) {
                break;
            }
            if (iplen != 0) {
                if (gn.tag == TERN_X509_GN_IP && gn.len == iplen &&
                    memcmp(gn.val, ip, iplen) == 0) {
                    return TERN_OK;
                }
            } else if (gn.tag == TERN_X509_GN_DNS && dns_match(gn.val, gn.len, h, hlen)) {
                return TERN_OK;
            }
        }
        return TERN_ERR_CERT_NAME_MISMATCH;
    }
    if (cn_fallback && iplen == 0 && cn_match(c, h, hlen)) {
        return TERN_OK;
    }
    return TERN_ERR_CERT_NAME_MISMATCH;
}
