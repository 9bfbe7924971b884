/*
 * tern's in-house unit-test harness: one header, no framework.
 *
 *   #include "tern_test.h"
 *   static void test_something(void) { EXPECT_OK(f()); EXPECT_EQ(x, 3); }
 *   int main(void) { RUN_TEST(test_something); return TEST_REPORT(); }
 *
 * A test (one RUN_TEST) passes when none of its expectations failed. The
 * program prints every failed expectation with file and line, then
 * "N passed, N failed" and exits non-zero if anything failed. Skipped
 * tests (TEST_SKIP) are counted apart and print their reason.
 */
#ifndef TERN_TEST_H
#define TERN_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tern/error.h"

static int tt_passed_;
static int tt_failed_;
static int tt_skipped_;
static int tt_cur_failures_;
static int tt_cur_skipped_;
static const char *tt_cur_name_ = "(none)";

static inline void tt_fail_(const char *file, int line, const char *what)
{
    if (tt_cur_failures_ == 0) {
        fprintf(stderr, "FAIL %s\n", tt_cur_name_);
    }
    tt_cur_failures_++;
    fprintf(stderr, "  %s:%d: %s\n", file, line, what);
}

static inline void tt_hexdump_(const char *label, const void *p, size_t n)
{
    size_t i;
    fprintf(stderr, "    %s:", label);
    for (i = 0; i < n && i < 64; i++) {
        fprintf(stderr, "%02x", ((const uint8_t *)p)[i]);
    }
    fprintf(stderr, "%s\n", n > 64 ? "..." : "");
}

#define EXPECT_TRUE(cond)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            tt_fail_(__FILE__, __LINE__, "expected true: " #cond);             \
        }                                                                      \
    } while (0)

#define EXPECT_FALSE(cond) EXPECT_TRUE(!(cond))

#define EXPECT_EQ(a, b)                                                        \
    do {                                                                       \
        long long tt_a_ = (long long)(a), tt_b_ = (long long)(b);              \
        if (tt_a_ != tt_b_) {                                                  \
            char tt_m_[256];                                                   \
            snprintf(tt_m_, sizeof(tt_m_), "%s == %s (%lld vs %lld)", #a, #b,  \
                     tt_a_, tt_b_);                                            \
            tt_fail_(__FILE__, __LINE__, tt_m_);                               \
        }                                                                      \
    } while (0)

#define EXPECT_NE(a, b) EXPECT_TRUE((long long)(a) != (long long)(b))

/* Unsigned 64-bit comparison (sizes, big values). */
#define EXPECT_EQ_U(a, b)                                                      \
    do {                                                                       \
        unsigned long long tt_a_ = (unsigned long long)(a),                    \
                           tt_b_ = (unsigned long long)(b);                    \
        if (tt_a_ != tt_b_) {                                                  \
            char tt_m_[256];                                                   \
            snprintf(tt_m_, sizeof(tt_m_), "%s == %s (%llu vs %llu)", #a, #b,  \
                     tt_a_, tt_b_);                                            \
            tt_fail_(__FILE__, __LINE__, tt_m_);                               \
        }                                                                      \
    } while (0)

#define EXPECT_ERR(code, expr)                                                 \
    do {                                                                       \
        int tt_rc_ = (expr);                                                   \
        if (tt_rc_ != (code)) {                                                \
            char tt_m_[256];                                                   \
            snprintf(tt_m_, sizeof(tt_m_), "%s: expected %s (%d), got %d (%s)", \
                     #expr, #code, (int)(code), tt_rc_, tern_strerror(tt_rc_)); \
            tt_fail_(__FILE__, __LINE__, tt_m_);                               \
        }                                                                      \
    } while (0)

#define EXPECT_OK(expr) EXPECT_ERR(TERN_OK, expr)

#define EXPECT_MEM_EQ(a, b, n)                                                 \
    do {                                                                       \
        size_t tt_n_ = (size_t)(n);                                            \
        if (tt_n_ > 0 && memcmp((a), (b), tt_n_) != 0) {                       \
            tt_fail_(__FILE__, __LINE__, "memory differs: " #a " vs " #b);     \
            tt_hexdump_("got     ", (a), tt_n_);                               \
            tt_hexdump_("expected", (b), tt_n_);                               \
        }                                                                      \
    } while (0)

#define EXPECT_STR_EQ(a, b)                                                    \
    do {                                                                       \
        const char *tt_sa_ = (a), *tt_sb_ = (b);                               \
        if (tt_sa_ == NULL || tt_sb_ == NULL || strcmp(tt_sa_, tt_sb_) != 0) { \
            char tt_m_[512];                                                   \
            snprintf(tt_m_, sizeof(tt_m_), "%s == %s (\"%s\" vs \"%s\")", #a,  \
                     #b, tt_sa_ ? tt_sa_ : "(null)", tt_sb_ ? tt_sb_ : "(null)"); \
            tt_fail_(__FILE__, __LINE__, tt_m_);                               \
        }                                                                      \
    } while (0)

/* Marks the current test skipped, with a reason, and returns from it. */
#define TEST_SKIP(reason)                                                      \
    do {                                                                       \
        fprintf(stderr, "SKIP %s: %s\n", tt_cur_name_, (reason));              \
        tt_cur_skipped_ = 1;                                                   \
        return;                                                                \
    } while (0)

/* Records a failure from helper code (vector runners). */
#define TEST_FAIL(msg) tt_fail_(__FILE__, __LINE__, (msg))

#define RUN_TEST(fn)                                                           \
    do {                                                                       \
        tt_cur_name_ = #fn;                                                    \
        tt_cur_failures_ = 0;                                                  \
        tt_cur_skipped_ = 0;                                                   \
        fn();                                                                  \
        if (tt_cur_failures_ > 0) {                                            \
            tt_failed_++;                                                      \
        } else if (tt_cur_skipped_) {                                          \
            tt_skipped_++;                                                     \
        } else {                                                               \
            tt_passed_++;                                                      \
        }                                                                      \
    } while (0)

static inline int tt_report_(void)
{
    if (tt_skipped_ > 0) {
        printf("%d passed, %d failed, %d skipped\n", tt_passed_, tt_failed_, tt_skipped_);
    } else {
        printf("%d passed, %d failed\n", tt_passed_, tt_failed_);
    }
    fflush(stdout);
    return tt_failed_ == 0 ? 0 : 1;
}

#define TEST_REPORT() tt_report_()

#endif /* TERN_TEST_H */
