/*
 * Test-vector support: reads vector files from shared/vectors at run time
 * (no hex blobs in C).
 *
 *  - hex decoding;
 *  - key/value files: NIST CAVP .rsp/.txt and Botan .vec ("[section]"
 *    headers, "Name = value" lines, '#' comments, blank lines);
 *  - Wycheproof JSON through cJSON;
 *  - per-file counters printed as
 *      vectors <file name>: N passed, N failed, N skipped
 *    with every distinct skip reason listed.
 *
 * The vectors directory comes from the TERN_VECTORS_DIR environment
 * variable, else from the path compiled in by CMake. A missing directory
 * or file is a test failure, not a skip.
 */
#ifndef TERN_TV_H
#define TERN_TV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cjson/cJSON.h>

/* ---- paths and files ---------------------------------------------------- */

/* Directory of shared/vectors, without a trailing slash. */
const char *tv_dir(void);

/* Reads a whole file (path relative to tv_dir() unless absolute). Returns
 * a malloc'd, NUL-terminated buffer or NULL (and prints why). */
char *tv_read_file(const char *path, size_t *len);

/* ---- hex ------------------------------------------------------------------ */

/* Decodes hex (upper or lower case; an empty string is zero bytes) into a
 * malloc'd buffer (never NULL on success, even for zero bytes). Returns 0
 * on success, -1 on odd length or a non-hex character. */
int tv_hex(const char *hex, uint8_t **out, size_t *len);

/* Decodes hex into a caller buffer of exactly want bytes; -1 otherwise. */
int tv_hex_fixed(const char *hex, uint8_t *out, size_t want);

/* ---- counters --------------------------------------------------------------- */

#define TV_MAX_REASONS 16

typedef struct tv_counts {
    const char *file;
    int passed, failed, skipped;
    int nreasons;
    const char *reasons[TV_MAX_REASONS];
    int reason_count[TV_MAX_REASONS];
} tv_counts;

void tv_counts_init(tv_counts *c, const char *file);
void tv_pass(tv_counts *c);
/* Records a failure; prints the test id and message (first 20 only). */
void tv_fail(tv_counts *c, const char *id, const char *msg);
/* Records a skip with a reason (a string literal: kept by pointer). */
void tv_skip(tv_counts *c, const char *reason);
/* Records pass when ok is non-zero, otherwise fail with msg. */
void tv_check(tv_counts *c, int ok, const char *id, const char *msg);
/* Prints the "vectors ..." line and the skip reasons. Returns 0 when
 * nothing failed and at least one case ran, -1 otherwise. */
int tv_counts_print(const tv_counts *c);

/* ---- key/value files ---------------------------------------------------------- */

typedef enum { TV_KV_EOF = 0, TV_KV_SECTION, TV_KV_FIELD, TV_KV_BLANK } tv_kv_event;

typedef struct tv_kv {
    char *data;  /* whole file */
    char *cur;   /* next line */
    int line;
    char section[256];
    const char *key;   /* TV_KV_FIELD: trimmed name */
    const char *value; /* TV_KV_FIELD: trimmed value */
} tv_kv;

/* Opens a key/value file relative to tv_dir(). Returns 0 or -1. */
int tv_kv_open(tv_kv *kv, const char *path);
/* Next event: a [section] header (kv->section set), a field (kv->key and
 * kv->value set, valid until the next call), a blank line, or EOF.
 * Comment lines are skipped. */
tv_kv_event tv_kv_next(tv_kv *kv);
void tv_kv_close(tv_kv *kv);

/* A bag of fields that persists across lines (Botan semantics: a field
 * keeps its value until set again or the bag is cleared). */
#define TV_FIELDS_MAX 32
typedef struct tv_fields {
    int n;
    char *key[TV_FIELDS_MAX];
    char *val[TV_FIELDS_MAX];
} tv_fields;

void tv_fields_set(tv_fields *f, const char *key, const char *val);
const char *tv_fields_get(const tv_fields *f, const char *key); /* NULL if absent */
void tv_fields_clear(tv_fields *f);

/* ---- Wycheproof JSON ------------------------------------------------------------ */

/* Loads and parses a JSON file relative to tv_dir(); NULL on error. */
cJSON *tv_json_load(const char *path);
/* The string member `name` of obj, or NULL. */
const char *tv_json_str(const cJSON *obj, const char *name);
/* The integer member `name` of obj, or def. */
long tv_json_int(const cJSON *obj, const char *name, long def);
/* Decodes the hex string member `name`; 0 on success. */
int tv_json_hex(const cJSON *obj, const char *name, uint8_t **out, size_t *len);
/* 1 if the test's "flags" array contains flag. */
int tv_json_has_flag(const cJSON *test, const char *flag);

#endif /* TERN_TV_H */
