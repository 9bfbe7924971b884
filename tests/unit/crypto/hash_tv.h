/*
 * Shared vector runners for the hash tests (included by test_sha*.c and
 * test_md5.c; not a test program itself).
 *
 *  - SHAVS ShortMsg/LongMsg: [L = n] sections of Len (bits), Msg, MD;
 *    Len = 0 comes with Msg = 00, which stands for the empty message.
 *  - SHAVS Monte (SHAVS 6.4): from Seed, 100 checkpoints of 1000
 *    iterations each, MD_i = H(MD_{i-3} || MD_{i-2} || MD_{i-1}).
 *  - Botan .vec: [name] sections of In/Out; sections this test does not
 *    implement are skipped with a reason.
 *
 * Every message is also hashed through the class interface (in two
 * pieces) so both entry points see all vectors.
 */
#ifndef TERN_TEST_HASH_TV_H
#define TERN_TEST_HASH_TV_H

#include <stdlib.h>
#include <string.h>

#include "tern/hash.h"
#include "tern_test.h"
#include "tv.h"

/* Hashes msg with cls through the class functions, split at `split`. */
static inline void htv_hash_split(const tern_hash_class *cls, const uint8_t *msg, size_t len,
                                  size_t split, uint8_t *out)
{
    tern_hash_ctx ctx;
    tern_hash_init(&ctx, cls);
    cls->update(&ctx.vtable, msg, split);
    cls->update(&ctx.vtable, msg + split, len - split);
    cls->out(&ctx.vtable, out);
}

/* 1 if both entry points (one-shot and split class calls) give md. */
static inline int htv_check_msg(const tern_hash_class *cls, const uint8_t *msg, size_t len,
                                const uint8_t *md)
{
    uint8_t a[TERN_HASH_MAX_DIGEST], b[TERN_HASH_MAX_DIGEST];
    tern_hash(cls, msg, len, a);
    htv_hash_split(cls, msg, len, len / 3, b);
    return memcmp(a, md, cls->digest_len) == 0 && memcmp(b, md, cls->digest_len) == 0;
}

/* ShortMsg / LongMsg. Returns 0 when every vector passed. */
static inline int htv_run_shavs(const char *file, const tern_hash_class *cls)
{
    tv_counts c;
    tv_kv kv;
    long bits = -1;
    char msg_hex_missing = 1;
    uint8_t *msg = NULL;
    size_t msg_len = 0;
    tv_kv_event ev;
    int rc;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vector file");
        return -1;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev == TV_KV_SECTION) {
            /* [L = digest bytes] must match the class */
            const char *eq = strchr(kv.section, '=');
            if (eq == NULL || atoi(eq + 1) != (int)cls->digest_len) {
                tv_fail(&c, kv.section, "unexpected [L = ...] section");
            }
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        if (strcmp(kv.key, "Len") == 0) {
            bits = atol(kv.value);
        } else if (strcmp(kv.key, "Msg") == 0) {
            free(msg);
            msg = NULL;
            msg_hex_missing = (char)(tv_hex(kv.value, &msg, &msg_len) != 0);
        } else if (strcmp(kv.key, "MD") == 0) {
            uint8_t md[TERN_HASH_MAX_DIGEST];
            char id[32];
            snprintf(id, sizeof(id), "Len=%ld", bits);
            if (bits < 0 || msg_hex_missing || bits % 8 != 0 ||
                tv_hex_fixed(kv.value, md, cls->digest_len) != 0) {
                tv_fail(&c, id, "malformed vector");
                continue;
            }
            if ((size_t)(bits / 8) > msg_len) {
                tv_fail(&c, id, "Len longer than Msg");
                continue;
            }
            tv_check(&c, htv_check_msg(cls, msg, (size_t)(bits / 8), md), id, "digest mismatch");
            bits = -1;
        }
    }
    free(msg);
    tv_kv_close(&kv);
    rc = tv_counts_print(&c);
    if (rc != 0) {
        TEST_FAIL("vector failures");
    }
    return rc;
}

/* Monte Carlo test, SHAVS 6.4. */
static inline int htv_run_monte(const char *file, const tern_hash_class *cls)
{
    tv_counts c;
    tv_kv kv;
    tv_kv_event ev;
    size_t dl = cls->digest_len;
    uint8_t seed[TERN_HASH_MAX_DIGEST];
    uint8_t m[3 * TERN_HASH_MAX_DIGEST];
    int have_seed = 0;
    long count = -1;
    int rc;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vector file");
        return -1;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev != TV_KV_FIELD) {
            continue;
        }
        if (strcmp(kv.key, "Seed") == 0) {
            have_seed = tv_hex_fixed(kv.value, seed, dl) == 0;
        } else if (strcmp(kv.key, "COUNT") == 0) {
            count = atol(kv.value);
        } else if (strcmp(kv.key, "MD") == 0) {
            uint8_t want[TERN_HASH_MAX_DIGEST];
            char id[32];
            int i;
            snprintf(id, sizeof(id), "COUNT=%ld", count);
            if (!have_seed || tv_hex_fixed(kv.value, want, dl) != 0) {
                tv_fail(&c, id, "malformed vector");
                continue;
            }
            /* m holds MD_{i-3} || MD_{i-2} || MD_{i-1}; slide by one
             * digest per iteration. */
            memcpy(m, seed, dl);
            memcpy(m + dl, seed, dl);
            memcpy(m + 2 * dl, seed, dl);
            for (i = 3; i < 1003; i++) {
                uint8_t md[TERN_HASH_MAX_DIGEST];
                tern_hash(cls, m, 3 * dl, md);
                memmove(m, m + dl, 2 * dl);
                memcpy(m + 2 * dl, md, dl);
            }
            memcpy(seed, m + 2 * dl, dl);
            tv_check(&c, memcmp(seed, want, dl) == 0, id, "digest mismatch");
            /* continue from the expected value so one failure does not
             * cascade */
            memcpy(seed, want, dl);
        }
    }
    tv_kv_close(&kv);
    rc = tv_counts_print(&c);
    if (rc != 0) {
        TEST_FAIL("vector failures");
    }
    return rc;
}

/* Botan .vec hash file: sections[i] is hashed with classes[i], every other
 * section is skipped with `skip_reason`. */
static inline int htv_run_botan(const char *file, const char *const *sections,
                                const tern_hash_class *const *classes, size_t nsections,
                                const char *skip_reason)
{
    tv_counts c;
    tv_kv kv;
    tv_kv_event ev;
    const tern_hash_class *cls = NULL;
    uint8_t *in = NULL;
    size_t in_len = 0;
    int have_in = 0;
    int n = 0;
    int rc;

    tv_counts_init(&c, file);
    if (tv_kv_open(&kv, file) != 0) {
        TEST_FAIL("cannot open vector file");
        return -1;
    }
    while ((ev = tv_kv_next(&kv)) != TV_KV_EOF) {
        if (ev == TV_KV_SECTION) {
            size_t i;
            cls = NULL;
            for (i = 0; i < nsections; i++) {
                if (strcmp(kv.section, sections[i]) == 0) {
                    cls = classes[i];
                }
            }
            continue;
        }
        if (ev != TV_KV_FIELD) {
            continue;
        }
        if (strcmp(kv.key, "In") == 0) {
            free(in);
            in = NULL;
            have_in = tv_hex(kv.value, &in, &in_len) == 0;
        } else if (strcmp(kv.key, "Out") == 0) {
            uint8_t want[TERN_HASH_MAX_DIGEST];
            char id[300];
            n++;
            snprintf(id, sizeof(id), "%s #%d", kv.section, n);
            if (cls == NULL) {
                tv_skip(&c, skip_reason);
                continue;
            }
            if (!have_in || tv_hex_fixed(kv.value, want, cls->digest_len) != 0) {
                tv_fail(&c, id, "malformed vector");
                continue;
            }
            tv_check(&c, htv_check_msg(cls, in, in_len, want), id, "digest mismatch");
        }
    }
    free(in);
    tv_kv_close(&kv);
    rc = tv_counts_print(&c);
    if (rc != 0) {
        TEST_FAIL("vector failures");
    }
    return rc;
}

/* Incremental use: for a few messages, every split point gives the
 * one-shot digest; out is non-destructive (read, continue, read); a
 * struct copy snapshots the state. */
static inline void htv_check_incremental(const tern_hash_class *cls)
{
    uint8_t msg[300];
    uint8_t ref[TERN_HASH_MAX_DIGEST], got[TERN_HASH_MAX_DIGEST];
    uint8_t mid[TERN_HASH_MAX_DIGEST], mid2[TERN_HASH_MAX_DIGEST];
    static const size_t lens[] = {0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 300};
    size_t li, split, i;

    for (i = 0; i < sizeof(msg); i++) {
        msg[i] = (uint8_t)(i * 131 + 7);
    }
    for (li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
        size_t len = lens[li];
        tern_hash(cls, msg, len, ref);
        for (split = 0; split <= len; split++) {
            htv_hash_split(cls, msg, len, split, got);
            EXPECT_MEM_EQ(got, ref, cls->digest_len);
        }
        /* byte at a time */
        {
            tern_hash_ctx ctx;
            tern_hash_init(&ctx, cls);
            for (i = 0; i < len; i++) {
                cls->update(&ctx.vtable, msg + i, 1);
            }
            cls->out(&ctx.vtable, got);
            EXPECT_MEM_EQ(got, ref, cls->digest_len);
        }
    }
    /* out, continue, out; and a struct copy taken halfway */
    {
        tern_hash_ctx ctx, snap;
        tern_hash_init(&ctx, cls);
        cls->update(&ctx.vtable, msg, 100);
        cls->out(&ctx.vtable, mid);
        tern_hash(cls, msg, 100, ref);
        EXPECT_MEM_EQ(mid, ref, cls->digest_len);
        cls->out(&ctx.vtable, mid2); /* reading twice gives the same */
        EXPECT_MEM_EQ(mid2, ref, cls->digest_len);
        snap = ctx;
        cls->update(&ctx.vtable, msg + 100, 200);
        cls->out(&ctx.vtable, got);
        tern_hash(cls, msg, 300, ref);
        EXPECT_MEM_EQ(got, ref, cls->digest_len);
        /* the snapshot still holds the first 100 bytes */
        cls->out(&snap.vtable, got);
        EXPECT_MEM_EQ(got, mid, cls->digest_len);
        cls->update(&snap.vtable, msg + 100, 50);
        cls->out(&snap.vtable, got);
        tern_hash(cls, msg, 150, ref);
        EXPECT_MEM_EQ(got, ref, cls->digest_len);
    }
}

#endif /* TERN_TEST_HASH_TV_H */
