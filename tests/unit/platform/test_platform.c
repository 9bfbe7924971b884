/*
 * Platform layer: POSIX services work, NULL services fail closed, the
 * bare-metal initializer wires user callbacks.
 */
#include <stdint.h>
#include <time.h>

#include "tern/platform.h"
#include "tern_test.h"

static void test_posix_entropy(void)
{
    const tern_platform *p = tern_platform_posix();
    uint8_t a[600], b[600];
    size_t i, zeros = 0;
    if (p == NULL) {
        TEST_SKIP("POSIX platform not built");
    }
    memset(a, 0, sizeof(a));
    memset(b, 0, sizeof(b));
    /* more than one getrandom() chunk */
    EXPECT_OK(tern_platform_entropy(p, a, sizeof(a)));
    EXPECT_OK(tern_platform_entropy(p, b, sizeof(b)));
    EXPECT_TRUE(memcmp(a, b, sizeof(a)) != 0);
    for (i = 0; i < sizeof(a); i++) {
        zeros += a[i] == 0;
    }
    EXPECT_TRUE(zeros < 20); /* ~2.3 expected; the buffer was really filled */
    EXPECT_OK(tern_platform_entropy(p, a, 0));
}

static void test_posix_time(void)
{
    const tern_platform *p = tern_platform_posix();
    int64_t now = 0;
    uint64_t t0 = 0, t1 = 0;
    if (p == NULL) {
        TEST_SKIP("POSIX platform not built");
    }
    EXPECT_OK(tern_platform_time(p, &now));
    EXPECT_TRUE(now > 1700000000); /* after 2023-11 */
    EXPECT_TRUE(now - (int64_t)time(NULL) < 5 && (int64_t)time(NULL) - now < 5);
    EXPECT_OK(tern_platform_ms(p, &t0));
    EXPECT_OK(tern_platform_ms(p, &t1));
    EXPECT_TRUE(t1 >= t0);
}

static void test_posix_mutex(void)
{
    const tern_platform *p = tern_platform_posix();
    tern_mutex m;
    if (p == NULL) {
        TEST_SKIP("POSIX platform not built");
    }
    EXPECT_OK(tern_mutex_init(p, &m));
    tern_mutex_lock(p, &m);
    tern_mutex_unlock(p, &m);
    tern_mutex_free(p, &m);
    EXPECT_TRUE(tern_platform_default() == p);
}

static void test_null_platform_fails_closed(void)
{
    uint8_t buf[4];
    int64_t now;
    uint64_t ms;
    tern_mutex m;
    EXPECT_ERR(TERN_ERR_ENTROPY, tern_platform_entropy(NULL, buf, sizeof(buf)));
    EXPECT_ERR(TERN_ERR_NO_TIME, tern_platform_time(NULL, &now));
    EXPECT_ERR(TERN_ERR_PLATFORM, tern_platform_ms(NULL, &ms));
    EXPECT_OK(tern_mutex_init(NULL, &m)); /* no mutexes = single-threaded */
    tern_mutex_lock(NULL, &m);
    tern_mutex_unlock(NULL, &m);
    tern_log(NULL, TERN_LOG_ERROR, "dropped");
}

/* ---- bare-metal platform with user callbacks ---- */

static int fake_entropy_calls;
static int fake_entropy_fail;
static int fake_entropy(void *user, uint8_t *buf, size_t len)
{
    size_t i;
    (void)user;
    fake_entropy_calls++;
    if (fake_entropy_fail) {
        return -42; /* any failure */
    }
    for (i = 0; i < len; i++) {
        buf[i] = (uint8_t)(i + 1);
    }
    return TERN_OK;
}

static int fake_time_known;
static int fake_time(void *user, int64_t *now)
{
    *now = *(int64_t *)user;
    return fake_time_known ? TERN_OK : TERN_ERR_NO_TIME;
}

static uint64_t fake_ms(void *user)
{
    (void)user;
    return 777;
}

static int log_count;
static int log_last_level;
static void fake_log(void *user, int level, const char *msg)
{
    (void)user;
    (void)msg;
    log_count++;
    log_last_level = level;
}

static void test_baremetal(void)
{
    tern_platform p;
    int64_t t = 1234567890, now = 0;
    uint8_t buf[3];
    uint64_t ms = 0;
    tern_mutex m;

    tern_platform_baremetal_init(&p, fake_entropy, fake_time, fake_ms, &t);
    EXPECT_OK(tern_platform_entropy(&p, buf, 3));
    EXPECT_MEM_EQ(buf, "\x01\x02\x03", 3);
    fake_entropy_fail = 1;
    EXPECT_ERR(TERN_ERR_ENTROPY, tern_platform_entropy(&p, buf, 3));
    fake_entropy_fail = 0;

    fake_time_known = 1;
    EXPECT_OK(tern_platform_time(&p, &now));
    EXPECT_EQ(now, 1234567890);
    fake_time_known = 0;
    EXPECT_ERR(TERN_ERR_NO_TIME, tern_platform_time(&p, &now));

    EXPECT_OK(tern_platform_ms(&p, &ms));
    EXPECT_EQ_U(ms, 777);

    EXPECT_OK(tern_mutex_init(&p, &m)); /* no-op mutexes */
    tern_mutex_lock(&p, &m);
    tern_mutex_unlock(&p, &m);

    /* logging: off until set, then filtered by max_level */
    tern_log(&p, TERN_LOG_ERROR, "x");
    EXPECT_EQ(log_count, 0);
    p.log = fake_log;
    p.max_level = TERN_LOG_WARN;
    tern_log(&p, TERN_LOG_ERROR, "x");
    tern_log(&p, TERN_LOG_DEBUG, "x");
#if TERN_CONFIG_LOG
    EXPECT_EQ(log_count, 1);
    EXPECT_EQ(log_last_level, TERN_LOG_ERROR);
#endif

    /* no clock at all */
    tern_platform_baremetal_init(&p, fake_entropy, NULL, NULL, NULL);
    EXPECT_ERR(TERN_ERR_NO_TIME, tern_platform_time(&p, &now));
    EXPECT_ERR(TERN_ERR_PLATFORM, tern_platform_ms(&p, &ms));

    /* default platform override */
    tern_platform_set_default(&p);
    EXPECT_TRUE(tern_platform_default() == &p);
    tern_platform_set_default(NULL);
    EXPECT_TRUE(tern_platform_default() == tern_platform_posix());
}

int main(void)
{
    RUN_TEST(test_posix_entropy);
    RUN_TEST(test_posix_time);
    RUN_TEST(test_posix_mutex);
    RUN_TEST(test_null_platform_fails_closed);
    RUN_TEST(test_baremetal);
    return TEST_REPORT();
}
