/*
 * Test-vector support. See tv.h.
 */
#include "tv.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#ifndef TERN_VECTORS_DIR_DEFAULT
#define TERN_VECTORS_DIR_DEFAULT "../shared/vectors"
#endif

const char *tv_dir(void)
{
    const char *env = getenv("TERN_VECTORS_DIR");
    return (env != NULL && env[0] != '\0') ? env : TERN_VECTORS_DIR_DEFAULT;
}

char *tv_read_file(const char *path, size_t *len)
{
    char full[1024];
    FILE *f;
    char *buf;
    long size;

    if (path[0] == '/') {
        snprintf(full, sizeof(full), "%s", path);
    } else {
        snprintf(full, sizeof(full), "%s/%s", tv_dir(), path);
    }
    f = fopen(full, "rb");
    if (f == NULL) {
        fprintf(stderr, "tv: cannot open %s\n", full);
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        fprintf(stderr, "tv: cannot size %s\n", full);
        return NULL;
    }
    buf = (char *)malloc((size_t)size + 1);
    if (buf == NULL || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        fclose(f);
        fprintf(stderr, "tv: cannot read %s\n", full);
        return NULL;
    }
    fclose(f);
    buf[size] = '\0';
    if (len != NULL) {
        *len = (size_t)size;
    }
    return buf;
}

static int hexval(int c)
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

int tv_hex(const char *hex, uint8_t **out, size_t *len)
{
    size_t n = strlen(hex);
    size_t i;
    uint8_t *buf;

    if (n % 2 != 0) {
        return -1;
    }
    buf = (uint8_t *)malloc(n / 2 + 1);
    if (buf == NULL) {
        return -1;
    }
    for (i = 0; i < n / 2; i++) {
        int hi = hexval((unsigned char)hex[2 * i]);
        int lo = hexval((unsigned char)hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            free(buf);
            return -1;
        }
        buf[i] = (uint8_t)(hi << 4 | lo);
    }
    *out = buf;
    *len = n / 2;
    return 0;
}

int tv_hex_fixed(const char *hex, uint8_t *out, size_t want)
{
    uint8_t *buf;
    size_t len;
    if (tv_hex(hex, &buf, &len) != 0) {
        return -1;
    }
    if (len != want) {
        free(buf);
        return -1;
    }
    memcpy(out, buf, len);
    free(buf);
    return 0;
}

void tv_counts_init(tv_counts *c, const char *file)
{
    memset(c, 0, sizeof(*c));
    c->file = file;
}

void tv_pass(tv_counts *c)
{
    c->passed++;
}

void tv_fail(tv_counts *c, const char *id, const char *msg)
{
    if (c->failed < 20) {
        fprintf(stderr, "  vector FAIL %s [%s]: %s\n", c->file, id ? id : "?", msg ? msg : "");
    }
    c->failed++;
}

void tv_skip(tv_counts *c, const char *reason)
{
    int i;
    c->skipped++;
    for (i = 0; i < c->nreasons; i++) {
        if (strcmp(c->reasons[i], reason) == 0) {
            c->reason_count[i]++;
            return;
        }
    }
    if (c->nreasons < TV_MAX_REASONS) {
        c->reasons[c->nreasons] = reason;
        c->reason_count[c->nreasons] = 1;
        c->nreasons++;
    }
}

void tv_check(tv_counts *c, int ok, const char *id, const char *msg)
{
    if (ok) {
        tv_pass(c);
    } else {
        tv_fail(c, id, msg);
    }
}

int tv_counts_print(const tv_counts *c)
{
    int i;
    const char *base = strrchr(c->file, '/');
    base = base != NULL ? base + 1 : c->file;
    printf("vectors %s: %d passed, %d failed, %d skipped\n", base, c->passed, c->failed,
           c->skipped);
    for (i = 0; i < c->nreasons; i++) {
        printf("  skipped %d: %s\n", c->reason_count[i], c->reasons[i]);
    }
    fflush(stdout);
    if (c->passed + c->failed == 0) {
        fprintf(stderr, "  vector FAIL %s: no case ran\n", base);
        return -1;
    }
    return c->failed == 0 ? 0 : -1;
}

int tv_kv_open(tv_kv *kv, const char *path)
{
    memset(kv, 0, sizeof(*kv));
    kv->data = tv_read_file(path, NULL);
    if (kv->data == NULL) {
        return -1;
    }
    kv->cur = kv->data;
    return 0;
}

static char *trim(char *s)
{
    char *e;
    while (*s != '\0' && isspace((unsigned char)*s)) {
        s++;
    }
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1])) {
        e--;
    }
    *e = '\0';
    return s;
}

tv_kv_event tv_kv_next(tv_kv *kv)
{
    for (;;) {
        char *line, *nl, *eq;
        if (kv->cur == NULL || *kv->cur == '\0') {
            return TV_KV_EOF;
        }
        line = kv->cur;
        nl = strchr(line, '\n');
        if (nl != NULL) {
            *nl = '\0';
            kv->cur = nl + 1;
        } else {
            kv->cur = line + strlen(line);
        }
        kv->line++;
        line = trim(line);
        if (line[0] == '#') {
            continue;
        }
        if (line[0] == '\0') {
            return TV_KV_BLANK;
        }
        if (line[0] == '[') {
            char *close = strrchr(line, ']');
            if (close != NULL) {
                *close = '\0';
            }
            snprintf(kv->section, sizeof(kv->section), "%s", line + 1);
            return TV_KV_SECTION;
        }
        eq = strchr(line, '=');
        if (eq == NULL) {
            /* Lines without '=' (NIST headers such as "CAVS 11.0") are
             * ignored. */
            continue;
        }
        *eq = '\0';
        kv->key = trim(line);
        kv->value = trim(eq + 1);
        return TV_KV_FIELD;
    }
}

void tv_kv_close(tv_kv *kv)
{
    free(kv->data);
    memset(kv, 0, sizeof(*kv));
}

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = (char *)malloc(n);
    if (d != NULL) {
        memcpy(d, s, n);
    }
    return d;
}

void tv_fields_set(tv_fields *f, const char *key, const char *val)
{
    int i;
    for (i = 0; i < f->n; i++) {
        if (strcmp(f->key[i], key) == 0) {
            free(f->val[i]);
            f->val[i] = dupstr(val);
            return;
        }
    }
    if (f->n < TV_FIELDS_MAX) {
        f->key[f->n] = dupstr(key);
        f->val[f->n] = dupstr(val);
        f->n++;
    }
}

const char *tv_fields_get(const tv_fields *f, const char *key)
{
    int i;
    for (i = 0; i < f->n; i++) {
        if (strcmp(f->key[i], key) == 0) {
            return f->val[i];
        }
    }
    return NULL;
}

void tv_fields_clear(tv_fields *f)
{
    int i;
    for (i = 0; i < f->n; i++) {
        free(f->key[i]);
        free(f->val[i]);
    }
    f->n = 0;
}

cJSON *tv_json_load(const char *path)
{
    size_t len;
    char *text = tv_read_file(path, &len);
    cJSON *root;
    if (text == NULL) {
        return NULL;
    }
    root = cJSON_ParseWithLength(text, len);
    free(text);
    if (root == NULL) {
        fprintf(stderr, "tv: %s: JSON parse error\n", path);
    }
    return root;
}

const char *tv_json_str(const cJSON *obj, const char *name)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

long tv_json_int(const cJSON *obj, const char *name, long def)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    return cJSON_IsNumber(item) ? (long)item->valuedouble : def;
}

int tv_json_hex(const cJSON *obj, const char *name, uint8_t **out, size_t *len)
{
    const char *s = tv_json_str(obj, name);
    if (s == NULL) {
        return -1;
    }
    return tv_hex(s, out, len);
}

int tv_json_has_flag(const cJSON *test, const char *flag)
{
    const cJSON *flags = cJSON_GetObjectItemCaseSensitive(test, "flags");
    const cJSON *item;
    cJSON_ArrayForEach(item, flags)
    {
        if (cJSON_IsString(item) && strcmp(item->valuestring, flag) == 0) {
            return 1;
        }
    }
    return 0;
}
