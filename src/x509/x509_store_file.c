/*
 * Trust anchors from files and directories (hosted POSIX systems): PEM
 * bundles or DER files read into the store's storage area.
 *
 * Compiled only when TERN_CONFIG_PLATFORM_POSIX is 1. No allocation: the
 * file is read into the free end of the storage area, and each
 * certificate is decoded from there to the front of the free space, which
 * it then keeps; the text's room is free again afterwards.
 */
#include "tern/config.h"

#if TERN_CONFIG_PLATFORM_POSIX

#if !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE 1 /* d_type, lstat on glibc */
#endif

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "common/try_internal.h"
#include "tern/pem.h"
#include "x509/x509_internal.h"

/* 1 if an anchor with these bytes is already in the store. */
static int have_anchor(const tern_trust_store *s, const uint8_t *der, size_t len)
{
    size_t i;
    for (i = 0; i < s->count; i++) {
        const tern_x509_entry *e = tern_x509_store_entry(s, i);
        if (e->type == TERN_X509_ENTRY_ANCHOR && e->len == len && memcmp(e->der, der, len) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Adds the certificate at the front of the free storage (len bytes) and
 * keeps its room, unless it is a duplicate. *added counts new anchors. */
static int keep_front(tern_trust_store *s, size_t len, size_t *added)
{
    const uint8_t *der = s->arena + s->arena_used;
    if (have_anchor(s, der, len)) {
        return TERN_OK;
    }
    TERN_TRY(tern_trust_store_add_der(s, der, len));
    s->arena_used += len;
    (*added)++;
    return TERN_OK;
}

/* Reads a whole regular file into [s->arena + at, + size). */
static int read_file(const char *path, uint8_t *dst, size_t size)
{
    FILE *f = fopen(path, "rb");
    size_t got;
    int extra;

    TERN_ENSURE(f != NULL, TERN_ERR_NOT_FOUND);
    got = fread(dst, 1, size, f);
    extra = fgetc(f);
    fclose(f);
    /* the file changed size under us: refuse rather than guess */
    TERN_ENSURE(got == size && extra == EOF, TERN_ERR_PLATFORM);
    return TERN_OK;
}

/* see include/tern/x509.h */
int tern_trust_store_add_file(tern_trust_store *store, const char *path, size_t *added)
{
    struct stat st;
    size_t size, text_at, n = 0, found = 0, der_len;
    const char *text;
    tern_pem_iter it;
    tern_pem_block blk;
    int rc = TERN_OK;

    TERN_ENSURE(store != NULL && store->magic == TERN_X509_STORE_MAGIC, TERN_ERR_BAD_ARG);
    TERN_ENSURE(path != NULL, TERN_ERR_NULL_POINTER);
    if (added != NULL) {
        *added = 0;
    }
    TERN_ENSURE(stat(path, &st) == 0 && S_ISREG(st.st_mode), TERN_ERR_NOT_FOUND);
    TERN_ENSURE(st.st_size > 0, TERN_ERR_NOT_FOUND);
    size = (size_t)st.st_size;
    TERN_ENSURE((off_t)size == st.st_size && store->arena != NULL &&
                    size <= store->arena_cap - store->arena_used,
                TERN_ERR_BUFFER_TOO_SMALL);
    /* the text goes to the end of the free space */
    text_at = store->arena_cap - size;
    TERN_TRY(read_file(path, store->arena + text_at, size));
    text = (const char *)(store->arena + text_at);

    if (store->arena[text_at] == 0x30u) {
        /* DER: one certificate, moved to the front */
        memmove(store->arena + store->arena_used, store->arena + text_at, size);
        rc = keep_front(store, size, &n);
    } else {
        tern_pem_iter_init(&it, text, size);
        for (;;) {
            rc = tern_pem_next(&it, &blk);
            if (rc <= 0) {
                break;
            }
            rc = TERN_OK;
            if (!tern_pem_label_is(&blk, "CERTIFICATE") &&
                !tern_pem_label_is(&blk, "TRUSTED CERTIFICATE")) {
                continue;
            }
            /* decoded over its own text, then moved down to the front of
             * the free space: the front never reaches text still to be
             * read, since each block's DER is shorter than its text */
            {
                uint8_t *d;
                rc = tern_pem_decode_inplace(&blk, (char *)(store->arena + text_at), size, &d,
                                             &der_len);
                if (rc != TERN_OK) {
                    break;
                }
                memmove(store->arena + store->arena_used, d, der_len);
            }
            found++;
            if ((rc = keep_front(store, der_len, &n)) != TERN_OK) {
                break;
            }
        }
        if (rc == 0 && found == 0) {
            rc = TERN_ERR_NOT_FOUND;
        }
    }
    if (added != NULL) {
        *added = n;
    }
    return rc;
}

/* see include/tern/x509.h */
int tern_trust_store_add_dir(tern_trust_store *store, const char *dir, size_t *added)
{
    DIR *d;
    struct dirent *ent;
    char path[4096];
    size_t n = 0, one;
    int rc = TERN_OK;

    TERN_ENSURE(store != NULL && store->magic == TERN_X509_STORE_MAGIC, TERN_ERR_BAD_ARG);
    TERN_ENSURE(dir != NULL, TERN_ERR_NULL_POINTER);
    if (added != NULL) {
        *added = 0;
    }
    d = opendir(dir);
    TERN_ENSURE(d != NULL, TERN_ERR_NOT_FOUND);
    while ((ent = readdir(d)) != NULL) {
        int w;
        if (ent->d_name[0] == '.') {
            continue;
        }
        w = snprintf(path, sizeof(path), "%s/%s", dir, ent->d_name);
        if (w < 0 || (size_t)w >= sizeof(path)) {
            continue;
        }
        one = 0;
        rc = tern_trust_store_add_file(store, path, &one);
        n += one;
        /* files that are no certificates (READMEs, keys, broken links,
         * subdirectories) are passed over; running out of room is not */
        if (rc == TERN_ERR_FULL || rc == TERN_ERR_BUFFER_TOO_SMALL) {
            break;
        }
        rc = TERN_OK;
    }
    closedir(d);
    if (added != NULL) {
        *added = n;
    }
    TERN_TRY(rc);
    TERN_ENSURE(n > 0, TERN_ERR_NOT_FOUND);
    return TERN_OK;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int tern_x509_store_file_unused_;
#endif /* TERN_CONFIG_PLATFORM_POSIX */
