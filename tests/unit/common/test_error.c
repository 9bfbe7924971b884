/*
 * Error codes: categories, alert encoding, strings.
 */
#include "tern/error.h"
#include "tern/util.h"
#include "tern_test.h"

static void test_categories(void)
{
    EXPECT_TRUE(TERN_ERR_IS_WANT_IO(TERN_ERR_WANT_READ));
    EXPECT_TRUE(TERN_ERR_IS_WANT_IO(TERN_ERR_WANT_WRITE));
    EXPECT_FALSE(TERN_ERR_IS_WANT_IO(TERN_OK));
    EXPECT_TRUE(TERN_ERR_IS_CLOSED(TERN_ERR_CLOSED));
    EXPECT_TRUE(TERN_ERR_IS_PROTOCOL(TERN_ERR_DECODE));
    EXPECT_TRUE(TERN_ERR_IS_CRYPTO(TERN_ERR_BAD_MAC));
    EXPECT_TRUE(TERN_ERR_IS_X509(TERN_ERR_CERT_EXPIRED));
    EXPECT_TRUE(TERN_ERR_IS_USAGE(TERN_ERR_NULL_POINTER));
    EXPECT_TRUE(TERN_ERR_IS_MEMORY(TERN_ERR_BUFFER_TOO_SMALL));
    EXPECT_TRUE(TERN_ERR_IS_PLATFORM(TERN_ERR_NO_TIME));
    EXPECT_TRUE(TERN_ERR_IS_INTERNAL(TERN_ERR_INTERNAL));
    EXPECT_FALSE(TERN_ERR_IS_PROTOCOL(TERN_ERR_BAD_MAC));
}

static void test_alerts(void)
{
    int a;
    for (a = 0; a <= 255; a++) {
        int sent = TERN_ERR_ALERT_SENT(a);
        int recv = TERN_ERR_ALERT_RECEIVED(a);
        EXPECT_TRUE(TERN_ERR_IS_ALERT_SENT(sent));
        EXPECT_FALSE(TERN_ERR_IS_ALERT_RECEIVED(sent));
        EXPECT_TRUE(TERN_ERR_IS_ALERT_RECEIVED(recv));
        EXPECT_FALSE(TERN_ERR_IS_ALERT_SENT(recv));
        EXPECT_EQ(tern_err_alert(sent), a);
        EXPECT_EQ(tern_err_alert(recv), a);
        EXPECT_FALSE(TERN_ERR_IS_PROTOCOL(sent));
    }
    EXPECT_EQ(tern_err_alert(TERN_ERR_DECODE), -1);
    EXPECT_EQ(tern_err_alert(TERN_OK), -1);
    /* RFC 5246 7.2: bad_record_mac(20) */
    EXPECT_EQ(TERN_ERR_ALERT_RECEIVED(20), TERN_ERR_ALERT_RECEIVED_BASE + 20);
}

static void test_strings(void)
{
    EXPECT_STR_EQ(tern_strerror(TERN_OK), "ok");
#if TERN_CONFIG_ERROR_STRINGS
    EXPECT_STR_EQ(tern_strerror(TERN_ERR_DECODE), "malformed message");
    EXPECT_STR_EQ(tern_err_name(TERN_ERR_BAD_MAC), "TERN_ERR_BAD_MAC");
    EXPECT_STR_EQ(tern_err_name(TERN_ERR_ALERT_SENT(40)), "TERN_ERR_ALERT_SENT");
    EXPECT_STR_EQ(tern_strerror(-123456), "unknown error");
    EXPECT_TRUE(tern_err_name(-123456) == NULL);
    {
        /* every named code in every range has its own string */
        int e;
        for (e = -1999; e <= 0; e++) {
            const char *name = tern_err_name(e);
            if (name != NULL && !TERN_ERR_IS_ALERT_SENT(e) && !TERN_ERR_IS_ALERT_RECEIVED(e)) {
                EXPECT_TRUE(strcmp(tern_strerror(e), "unknown error") != 0);
            }
        }
    }
#endif
    EXPECT_TRUE(tern_strerror(TERN_ERR_ALERT_RECEIVED(42)) != NULL);
}

static void test_version_and_wipe(void)
{
    unsigned char buf[33];
    size_t i;
    EXPECT_STR_EQ(tern_version(), "0.1.0");
    memset(buf, 0xa5, sizeof(buf));
    tern_wipe(buf + 1, 31);
    EXPECT_EQ(buf[0], 0xa5);
    for (i = 1; i < 32; i++) {
        EXPECT_EQ(buf[i], 0);
    }
    EXPECT_EQ(buf[32], 0xa5);
    tern_wipe(NULL, 0);
}

int main(void)
{
    RUN_TEST(test_categories);
    RUN_TEST(test_alerts);
    RUN_TEST(test_strings);
    RUN_TEST(test_version_and_wipe);
    return TEST_REPORT();
}
