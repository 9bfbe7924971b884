/*
 * Sessions: export/import (round trip, every truncation, every field
 * checked), the server session cache (LRU replacement, lookups), ticket
 * keys and tickets (seal/open, rotation, tampering).
 */
#include <string.h>

#include "common/rw_internal.h"
#include "handshake/handshake_internal.h"
#include "tern/engine.h"
#include "tern/rand.h"
#include "tern_test.h"

static void make_session(tern_session *s, uint8_t tag)
{
    size_t i;
    memset(s, 0, sizeof(*s));
    s->version = TERN_TLS12;
    s->suite = TERN_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    for (i = 0; i < sizeof(s->master_secret); i++) {
        s->master_secret[i] = (uint8_t)(tag + i);
    }
    s->id_len = 32;
    for (i = 0; i < 32; i++) {
        s->id[i] = (uint8_t)(tag ^ i);
    }
    s->ems = 1;
    s->created = 1700000000;
    s->lifetime = 7200;
    s->ticket_len = 100;
    for (i = 0; i < 100; i++) {
        s->ticket[i] = (uint8_t)(tag * 3 + i);
    }
    strcpy(s->server_name, "server.example");
}

static void test_export_import_roundtrip(void)
{
    tern_session a, b;
    uint8_t buf[2048];
    size_t len, i;

    make_session(&a, 7);
    EXPECT_OK(tern_session_export(&a, buf, sizeof(buf), &len));
    EXPECT_OK(tern_session_import(&b, buf, len));
    EXPECT_EQ(b.version, a.version);
    EXPECT_EQ(b.suite, a.suite);
    EXPECT_MEM_EQ(b.master_secret, a.master_secret, 48);
    EXPECT_EQ(b.id_len, 32);
    EXPECT_MEM_EQ(b.id, a.id, 32);
    EXPECT_EQ(b.ems, 1);
    EXPECT_EQ(b.created, a.created);
    EXPECT_EQ(b.lifetime, a.lifetime);
    EXPECT_EQ(b.ticket_len, 100);
    EXPECT_MEM_EQ(b.ticket, a.ticket, 100);
    EXPECT_TRUE(strcmp(b.server_name, "server.example") == 0);
    /* every truncation and a trailing byte fail (and leave nothing) */
    for (i = 0; i < len; i++) {
        int rc = tern_session_import(&b, buf, i);
        if (rc != TERN_ERR_DECODE) {
            TEST_FAIL("truncated session accepted");
            break;
        }
    }
    EXPECT_EQ(b.version, 0);
    buf[len] = 0;
    EXPECT_ERR(TERN_ERR_DECODE, tern_session_import(&b, buf, len + 1));
    /* too small an output buffer: error, nothing left behind */
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_session_export(&a, buf, 60, &len));
    for (i = 0; i < 60; i++) {
        if (buf[i] != 0) {
            TEST_FAIL("partial export not wiped");
            break;
        }
    }
}

static void test_import_field_checks(void)
{
    tern_session a, b;
    uint8_t buf[2048], copy[2048];
    size_t len;

    make_session(&a, 1);
    EXPECT_OK(tern_session_export(&a, buf, sizeof(buf), &len));
    memcpy(copy, buf, len);
    buf[0] = 'X'; /* magic */
    EXPECT_ERR(TERN_ERR_DECODE, tern_session_import(&b, buf, len));
    memcpy(buf, copy, len);
    buf[3] = 2; /* format version */
    EXPECT_ERR(TERN_ERR_DECODE, tern_session_import(&b, buf, len));
    memcpy(buf, copy, len);
    buf[5] = 0x01; /* protocol version 0x0301 */
    EXPECT_ERR(TERN_ERR_DECODE, tern_session_import(&b, buf, len));
    memcpy(buf, copy, len);
    buf[6] = buf[7] = 0; /* suite 0 */
    EXPECT_ERR(TERN_ERR_DECODE, tern_session_import(&b, buf, len));
    memcpy(buf, copy, len);
    buf[8] = 2; /* ems not 0/1 */
    EXPECT_ERR(TERN_ERR_DECODE, tern_session_import(&b, buf, len));
    memcpy(buf, copy, len);
    buf[9] = 0x80; /* created negative */
    EXPECT_ERR(TERN_ERR_DECODE, tern_session_import(&b, buf, len));
    memcpy(buf, copy, len);
    buf[4 + 2 + 2 + 1 + 8 + 4 + 48] = 33; /* id longer than 32 */
    EXPECT_ERR(TERN_ERR_DECODE, tern_session_import(&b, buf, len));
    memcpy(buf, copy, len);
    buf[len - 3] = ' '; /* a space in the server name */
    EXPECT_ERR(TERN_ERR_DECODE, tern_session_import(&b, buf, len));
    /* neither ID nor ticket: nothing to resume */
    a.id_len = 0;
    a.ticket_len = 0;
    EXPECT_OK(tern_session_export(&a, buf, sizeof(buf), &len));
    EXPECT_ERR(TERN_ERR_DECODE, tern_session_import(&b, buf, len));
}

static void test_cache_lru(void)
{
    tern_session slots[3], s, got;
    uint64_t stamps[3];
    tern_session_cache cache;
    uint8_t tag;

    EXPECT_OK(tern_session_cache_init(&cache, slots, stamps, 3, NULL));
    for (tag = 1; tag <= 3; tag++) {
        make_session(&s, tag);
        tern_session_cache_store(&cache, &s);
    }
    /* touch 1 so that 2 is the least recently used */
    make_session(&s, 1);
    EXPECT_OK(tern_session_cache_find(&cache, s.id, s.id_len, &got));
    EXPECT_MEM_EQ(got.master_secret, s.master_secret, 48);
    EXPECT_EQ(got.ticket_len, 0); /* the cache keeps no tickets */
    make_session(&s, 4);
    tern_session_cache_store(&cache, &s);
    make_session(&s, 2);
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_session_cache_find(&cache, s.id, s.id_len, &got));
    for (tag = 1; tag <= 4; tag++) {
        if (tag == 2) {
            continue;
        }
        make_session(&s, tag);
        EXPECT_OK(tern_session_cache_find(&cache, s.id, s.id_len, &got));
    }
    /* same ID again replaces in place */
    make_session(&s, 3);
    s.master_secret[0] ^= 0xff;
    tern_session_cache_store(&cache, &s);
    EXPECT_OK(tern_session_cache_find(&cache, s.id, s.id_len, &got));
    EXPECT_EQ(got.master_secret[0], s.master_secret[0]);
    make_session(&s, 4);
    EXPECT_OK(tern_session_cache_find(&cache, s.id, s.id_len, &got));
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_session_cache_find(&cache, s.id, 31, &got));
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_session_cache_find(&cache, s.id, 0, &got));
    tern_session_cache_free(&cache);
    EXPECT_EQ(slots[0].version, 0);
}

static void test_tickets(void)
{
    tern_hmac_drbg_ctx drbg;
    tern_ticket_keys tk;
    tern_session s, got;
    uint8_t t1[512], t2[512], t3[512];
    size_t n1, n2, n3, i;

    EXPECT_OK(tern_hmac_drbg_init(&drbg, &tern_sha256_class, NULL, NULL, 0));
    EXPECT_OK(tern_ticket_keys_init(&tk, &drbg.vtable, NULL));
    make_session(&s, 9);
    EXPECT_OK(tern_ticket_seal(&tk, &drbg.vtable, &s, t1, sizeof(t1), &n1));
    EXPECT_OK(tern_ticket_open(&tk, t1, n1, &got));
    EXPECT_EQ(got.suite, s.suite);
    EXPECT_MEM_EQ(got.master_secret, s.master_secret, 48);
    EXPECT_EQ(got.created, s.created);
    EXPECT_TRUE(strcmp(got.server_name, s.server_name) == 0);
    EXPECT_EQ(got.ticket_len, 0);
    /* the master secret is not visible in the ticket */
    for (i = 0; i + 48 <= n1; i++) {
        if (memcmp(t1 + i, s.master_secret, 48) == 0) {
            TEST_FAIL("master secret in the clear");
        }
    }
    /* every bit flip and every truncation: not found */
    for (i = 0; i < n1; i++) {
        t1[i] ^= 0x20;
        if (tern_ticket_open(&tk, t1, n1, &got) != TERN_ERR_NOT_FOUND) {
            TEST_FAIL("tampered ticket opened");
        }
        t1[i] ^= 0x20;
        if (tern_ticket_open(&tk, t1, i, &got) != TERN_ERR_NOT_FOUND) {
            TEST_FAIL("truncated ticket opened");
        }
    }
    /* rotation: the previous key still opens, the one before does not */
    EXPECT_OK(tern_ticket_keys_rotate(&tk, &drbg.vtable));
    EXPECT_OK(tern_ticket_seal(&tk, &drbg.vtable, &s, t2, sizeof(t2), &n2));
    EXPECT_TRUE(memcmp(t1, t2, 16) != 0); /* new key name */
    EXPECT_OK(tern_ticket_open(&tk, t1, n1, &got));
    EXPECT_OK(tern_ticket_open(&tk, t2, n2, &got));
    EXPECT_OK(tern_ticket_keys_rotate(&tk, &drbg.vtable));
    EXPECT_OK(tern_ticket_seal(&tk, &drbg.vtable, &s, t3, sizeof(t3), &n3));
    EXPECT_ERR(TERN_ERR_NOT_FOUND, tern_ticket_open(&tk, t1, n1, &got));
    EXPECT_OK(tern_ticket_open(&tk, t2, n2, &got));
    EXPECT_OK(tern_ticket_open(&tk, t3, n3, &got));
    /* too small an output */
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, tern_ticket_seal(&tk, &drbg.vtable, &s, t3, 64, &n3));
    tern_ticket_keys_free(&tk);
    tern_hmac_drbg_wipe(&drbg);
}

int main(void)
{
    RUN_TEST(test_export_import_roundtrip);
    RUN_TEST(test_import_field_checks);
    RUN_TEST(test_cache_lru);
    RUN_TEST(test_tickets);
    return TEST_REPORT();
}
