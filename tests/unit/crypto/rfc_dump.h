/*
 * Reads the hex dumps of an RFC text at run time, so RFC examples are
 * checked against the RFC itself rather than a copy pasted into C.
 *
 * A dump is a label line ("  Plaintext Sunscreen:") followed by lines of
 *     "  000  4c 61 64 69 ... 74 6c  Ladies and Gentl"
 * (three-digit decimal offset, up to 16 hex bytes, then the text column
 * after two or more spaces). rfc_dump() finds the section heading (a line
 * starting with e.g. "2.4.2."), then the first label line after it, and
 * decodes the dump that follows, checking that the offsets run on.
 *
 * The RFC folder is ../rfc next to the vectors folder (tv_dir()).
 */
#ifndef TERN_TEST_RFC_DUMP_H
#define TERN_TEST_RFC_DUMP_H

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tv.h"

/* Reads an RFC text file by name ("rfc8439.txt"); malloc'd, or NULL. */
static char *rfc_load(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/../rfc/%s", tv_dir(), name);
    return tv_read_file(path, NULL);
}

/* The start of the line after p (or the terminating NUL). */
static const char *rfc_next_line(const char *p)
{
    const char *nl = strchr(p, '\n');
    return nl != NULL ? nl + 1 : p + strlen(p);
}

static int rfc_hexval(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Parses one dump line into out (room for 16); returns the byte count,
 * or -1 if the line is not a dump line with offset `want_off`. */
static int rfc_dump_line(const char *p, size_t want_off, uint8_t *out)
{
    size_t off = 0;
    int n = 0, i;

    while (*p == ' ') {
        p++;
    }
    for (i = 0; i < 3; i++) {
        if (!isdigit((unsigned char)p[i])) {
            return -1;
        }
        off = off * 10 + (size_t)(p[i] - '0');
    }
    if (off != want_off || p[3] != ' ' || p[4] != ' ') {
        return -1;
    }
    p += 5;
    while (n < 16) {
        int hi = rfc_hexval((unsigned char)p[0]);
        int lo = hi < 0 ? -1 : rfc_hexval((unsigned char)p[1]);
        if (hi < 0 || lo < 0 || (p[2] != ' ' && p[2] != '\n' && p[2] != '\0')) {
            break;
        }
        out[n++] = (uint8_t)(hi << 4 | lo);
        p += 2;
        if (p[0] != ' ' || p[1] == ' ') {
            break; /* end of line, or two spaces before the text column */
        }
        p++;
    }
    return n > 0 ? n : -1;
}

/* Decodes the dump labelled `label` in section `section` of text.
 * Returns a malloc'd buffer and its length, or NULL (and says why). */
static uint8_t *rfc_dump(const char *text, const char *section, const char *label, size_t *len)
{
    const char *p = text;
    size_t sec_len = strlen(section), lab_len = strlen(label);
    uint8_t *buf;
    size_t have = 0;

    /* the heading: a line that starts with the section number */
    while (*p != '\0' && strncmp(p, section, sec_len) != 0) {
        p = rfc_next_line(p);
    }
    /* the label line */
    while (*p != '\0') {
        const char *q = p;
        while (*q == ' ') {
            q++;
        }
        if (strncmp(q, label, lab_len) == 0 && (q[lab_len] == '\n' || q[lab_len] == '\r')) {
            break;
        }
        p = rfc_next_line(p);
    }
    if (*p == '\0') {
        fprintf(stderr, "rfc_dump: %s \"%s\" not found\n", section, label);
        return NULL;
    }
    p = rfc_next_line(p);
    buf = (uint8_t *)malloc(4096);
    if (buf == NULL) {
        return NULL;
    }
    for (;;) {
        int n;
        if (have + 16 > 4096) {
            break;
        }
        n = rfc_dump_line(p, have, buf + have);
        if (n < 0) {
            break;
        }
        have += (size_t)n;
        p = rfc_next_line(p);
    }
    if (have == 0) {
        fprintf(stderr, "rfc_dump: %s \"%s\": no dump lines\n", section, label);
        free(buf);
        return NULL;
    }
    *len = have;
    return buf;
}

#endif /* TERN_TEST_RFC_DUMP_H */
