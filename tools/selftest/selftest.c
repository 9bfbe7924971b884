/*
 * tern-selftest: exercises what is built so far and says plainly what is
 * not. `make demo` runs it until the TLS engine exists.
 */
#include <stdio.h>
#include <string.h>

#include "common/rw_internal.h"
#include "tern/tern.h"

static int failures;

static void report(const char *what, int rc)
{
    printf("  %-44s %s\n", what, rc == TERN_OK ? "ok" : tern_strerror(rc));
    if (rc != TERN_OK) {
        failures++;
    }
}

static int check_rw(void)
{
    uint8_t buf[16];
    tern_writer w;
    tern_reader r, sub;
    size_t mark;
    uint16_t v;

    tern_writer_init(&w, buf, sizeof(buf));
    if (tern_write_vec_begin(&w, 2, &mark) != TERN_OK || tern_write_u16(&w, 0x0303) != TERN_OK ||
        tern_write_vec_end(&w, 2, mark) != TERN_OK) {
        return TERN_ERR_INTERNAL;
    }
    tern_reader_init(&r, buf, tern_writer_len(&w));
    if (tern_read_vec16(&r, &sub) != TERN_OK || tern_read_u16(&sub, &v) != TERN_OK ||
        v != 0x0303 || tern_reader_expect_end(&r) != TERN_OK) {
        return TERN_ERR_INTERNAL;
    }
    return TERN_OK;
}

int main(void)
{
    const tern_platform *p = tern_platform_default();
    uint8_t rnd[16];
    int64_t now = 0;
    uint64_t ms = 0;
    tern_mutex m;
    int rc;

    printf("tern %s self-test\n", tern_version());
    printf("The TLS engine is not built yet: this demo checks the foundation only.\n");
    if (p == NULL) {
        printf("  no platform available\n");
        return 1;
    }
    report("platform entropy (getrandom)", tern_platform_entropy(p, rnd, sizeof(rnd)));
    rc = tern_platform_time(p, &now);
    report("platform wall clock", rc);
    if (rc == TERN_OK) {
        printf("  %-44s %lld\n", "  seconds since 1970", (long long)now);
    }
    report("platform monotonic clock", tern_platform_ms(p, &ms));
    rc = tern_mutex_init(p, &m);
    report("platform mutex", rc);
    if (rc == TERN_OK) {
        tern_mutex_lock(p, &m);
        tern_mutex_unlock(p, &m);
        tern_mutex_free(p, &m);
    }
    report("bounded reader/writer round trip", check_rw());
    printf("%s\n", failures == 0 ? "self-test passed" : "self-test FAILED");
    return failures == 0 ? 0 : 1;
}
