/*
 * PEM reading (RFC 7468): the block iterator and body decoding.
 *
 * Implementation notes. The iterator works line by line. A line ends at
 * LF, CRLF or CR (RFC 7468 section 3, "eol"); spaces and tabs at either
 * end of a line are ignored. Outside a block only lines whose text starts
 * with "-----BEGIN" or "-----END" mean anything; every other line is
 * ignored (comments, "Bag Attributes"). A NUL byte ends the text. Inside a block each
 * line must be base64 text or blank until the END line; the body is then
 * the span between the two boundary lines, whitespace included, and the
 * decoder skips the whitespace.
 */
#include <string.h>

#include "asn1/pem_internal.h"
#include "common/try_internal.h"
#include "tern/pem.h"
#include "tern/util.h"

static const char begin_prefix[] = "-----BEGIN ";
static const char end_prefix[] = "-----END ";
static const char dashes[] = "-----";

#define PREFIX_LEN(s) (sizeof(s) - 1u)

/* One line of the buffer: text in [start, stop) after trimming, the line
 * break ends at next. */
typedef struct line {
    size_t begin; /* first byte of the line (before trimming) */
    size_t start, stop;
    size_t next;
} line;

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static void read_line(const char *b, size_t len, size_t pos, line *ln)
{
    size_t i = pos, eol;

    while (i < len && b[i] != '\n' && b[i] != '\r') {
        i++;
    }
    eol = i;
    if (i < len && b[i] == '\r') {
        i++;
    }
    if (i < len && b[i] == '\n' && (i == eol || b[i - 1] == '\r')) {
        i++;
    }
    ln->begin = pos;
    ln->next = i;
    ln->start = pos;
    ln->stop = eol;
    while (ln->start < ln->stop && is_blank(b[ln->start])) {
        ln->start++;
    }
    while (ln->stop > ln->start && is_blank(b[ln->stop - 1])) {
        ln->stop--;
    }
}

static int line_starts_with(const char *b, const line *ln, const char *prefix, size_t n)
{
    return ln->stop - ln->start >= n && memcmp(b + ln->start, prefix, n) == 0;
}

/* see src/asn1/pem_internal.h */
int tern_pem_label_valid(const char *label, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        char c = label[i];
        if (c == '-' || c == ' ') {
            /* Only between two labelchars (RFC 7468 section 3). */
            if (i == 0 || i + 1 == len || label[i - 1] == '-' || label[i - 1] == ' ') {
                return 0;
            }
        } else if (c < 0x21 || c > 0x7e) {
            return 0;
        }
    }
    return 1;
}

/* Parses a boundary line "<prefix><label>-----"; TERN_ERR_PEM if the line
 * starts with the prefix but is not a well-formed boundary. */
static int parse_boundary(const char *b, const line *ln, const char *prefix, size_t plen,
                          const char **label, size_t *label_len)
{
    size_t n = ln->stop - ln->start;
    const char *t = b + ln->start;

    TERN_ENSURE(n >= plen + PREFIX_LEN(dashes), TERN_ERR_PEM);
    TERN_ENSURE(memcmp(t, prefix, plen) == 0, TERN_ERR_PEM);
    TERN_ENSURE(memcmp(t + n - PREFIX_LEN(dashes), dashes, PREFIX_LEN(dashes)) == 0, TERN_ERR_PEM);
    *label = t + plen;
    *label_len = n - plen - PREFIX_LEN(dashes);
    TERN_ENSURE(tern_pem_label_valid(*label, *label_len), TERN_ERR_PEM);
    return TERN_OK;
}

/* see include/tern/pem.h */
void tern_pem_iter_init(tern_pem_iter *it, const char *buf, size_t len)
{
    const char *nul = buf != NULL && len > 0 ? memchr(buf, '\0', len) : NULL;

    it->buf = buf;
    it->len = buf != NULL ? len : 0;
    /* The text ends at the first NUL: a C string's terminator may be
     * counted in len (sizeof a string literal). */
    if (nul != NULL) {
        it->len = (size_t)(nul - buf);
    }
    it->pos = 0;
}

/* Reads the body and END line of a block whose BEGIN line is `first`. */
static int read_block(const tern_pem_iter *it, const line *first, tern_pem_block *blk)
{
    const char *b = it->buf;
    const char *label, *end_label;
    size_t label_len, end_label_len, pos = first->next, i;
    int text_seen = 0;
    line ln;

    TERN_TRY(parse_boundary(b, first, begin_prefix, PREFIX_LEN(begin_prefix), &label, &label_len));
    for (;;) {
        /* RFC 7468 section 2: the END line is required. */
        TERN_ENSURE(pos < it->len, TERN_ERR_PEM);
        read_line(b, it->len, pos, &ln);
        if (line_starts_with(b, &ln, end_prefix, PREFIX_LEN(end_prefix))) {
            break;
        }
        for (i = ln.start; i < ln.stop; i++) {
            if (!tern_b64_is_text(b[i])) {
                /* RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") before the
                 * base64: legacy encrypted PEM, not supported. */
                TERN_ENSURE(text_seen || memchr(b + ln.start, ':', ln.stop - ln.start) == NULL,
                            TERN_ERR_UNSUPPORTED);
                return TERN_ERR_PEM;
            }
        }
        text_seen |= ln.stop > ln.start;
        pos = ln.next;
    }
    TERN_TRY(
        parse_boundary(b, &ln, end_prefix, PREFIX_LEN(end_prefix), &end_label, &end_label_len));
    TERN_ENSURE(end_label_len == label_len && memcmp(end_label, label, label_len) == 0,
                TERN_ERR_PEM);

    blk->label = label;
    blk->label_len = label_len;
    blk->body = b + first->next;
    blk->body_len = ln.begin - first->next;
    blk->body_offset = first->next;
    blk->offset = first->begin;
    blk->len = ln.next - first->begin;
    return TERN_OK;
}

/* see include/tern/pem.h */
int tern_pem_next(tern_pem_iter *it, tern_pem_block *blk)
{
    size_t pos = it->pos;
    tern_pem_block found;
    line ln;

    while (pos < it->len) {
        read_line(it->buf, it->len, pos, &ln);
        if (line_starts_with(it->buf, &ln, begin_prefix, PREFIX_LEN(begin_prefix) - 1u)) {
            TERN_TRY(read_block(it, &ln, &found));
            it->pos = found.offset + found.len;
            *blk = found;
            return 1;
        }
        /* An END line outside a block: a damaged or truncated bundle. */
        TERN_ENSURE(!line_starts_with(it->buf, &ln, end_prefix, PREFIX_LEN(end_prefix) - 1u),
                    TERN_ERR_PEM);
        pos = ln.next;
    }
    it->pos = it->len;
    return 0;
}

/* see include/tern/pem.h */
int tern_pem_label_is(const tern_pem_block *blk, const char *label)
{
    size_t n = strlen(label);
    return blk->label_len == n && memcmp(blk->label, label, n) == 0;
}

/* see include/tern/pem.h */
size_t tern_pem_decoded_max(const tern_pem_block *blk)
{
    return blk->body_len / 4u * 3u;
}

/* see include/tern/pem.h */
int tern_pem_decode(const tern_pem_block *blk, uint8_t *out, size_t cap, size_t *out_len)
{
    return tern_b64_decode(blk->body, blk->body_len, 1, out, cap, out_len);
}

/* see include/tern/pem.h */
int tern_pem_decode_inplace(const tern_pem_block *blk, char *buf, size_t buf_len, uint8_t **der,
                            size_t *der_len)
{
    uint8_t *body;
    size_t n = 0;
    int rc;

    TERN_CHECK_ARG(blk != NULL && buf != NULL && der != NULL && der_len != NULL);
    /* The block must be the one found in this very buffer. */
    TERN_ENSURE(blk->body_offset <= buf_len && blk->body_len <= buf_len - blk->body_offset,
                TERN_ERR_BAD_ARG);
    TERN_ENSURE(buf + blk->body_offset == blk->body, TERN_ERR_BAD_ARG);
    body = (uint8_t *)(buf + blk->body_offset);
    /* The DER is never longer than its base64, so the body is room enough,
     * and the decoder writes behind what it has read. */
    rc = tern_b64_decode(blk->body, blk->body_len, 1, body, blk->body_len, &n);
    if (rc < 0) {
        tern_wipe(body, blk->body_len);
        return rc;
    }
    tern_wipe(body + n, blk->body_len - n);
    *der = body;
    *der_len = n;
    return TERN_OK;
}
