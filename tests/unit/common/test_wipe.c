/*
 * tern_wipe clears exactly the bytes asked for, at every alignment and
 * length, in both of its forms: the library's (memset + compiler barrier
 * under GCC/Clang) and the portable volatile-store form, compiled here
 * from the same source as portable_wipe.
 */
#include <stdint.h>

#include "tern/util.h"
#include "tern_test.h"

#define TERN_WIPE_PORTABLE
#define tern_wipe portable_wipe
#include "common/wipe.c"
#undef tern_wipe

typedef void (*wipe_fn)(void *p, size_t len);

static void check_all(wipe_fn fn)
{
    uint8_t buf[96];
    size_t off, len, i;

    for (off = 0; off < 16; off++) {
        for (len = 0; len + off + 8 <= sizeof(buf); len++) {
            int ok = 1;
            memset(buf, 0xa5, sizeof(buf));
            fn(buf + off, len);
            for (i = 0; i < sizeof(buf); i++) {
                uint8_t want = (i >= off && i < off + len) ? 0 : 0xa5;
                if (buf[i] != want) {
                    ok = 0;
                }
            }
            EXPECT_TRUE(ok);
            if (!ok) {
                fprintf(stderr, "  offset %zu length %zu\n", off, len);
                return;
            }
        }
    }
}

static void test_library_wipe(void)
{
    check_all(tern_wipe);
}

static void test_portable_wipe(void)
{
    check_all(portable_wipe);
}

static void test_null_and_empty(void)
{
    uint8_t b = 7;
    tern_wipe(NULL, 0);
    tern_wipe(NULL, 16); /* tolerated: nothing to clear */
    tern_wipe(&b, 0);
    EXPECT_EQ(b, 7);
    portable_wipe(NULL, 16);
    portable_wipe(&b, 1);
    EXPECT_EQ(b, 0);
}

int main(void)
{
    RUN_TEST(test_library_wipe);
    RUN_TEST(test_portable_wipe);
    RUN_TEST(test_null_and_empty);
    return TEST_REPORT();
}
