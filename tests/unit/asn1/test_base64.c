/*
 * Strict base64 (RFC 4648): the section 10 vectors (read from the RFC text
 * in shared/rfc), round trips of every length, canonical padding and
 * trailing bits, characters outside the alphabet, buffer sizes, in-place
 * decoding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tern/pem.h"
#include "tern_test.h"
#include "tv.h"

static int dec(const char *s, uint8_t *out, size_t cap, size_t *n)
{
    return tern_base64_decode(s, strlen(s), out, cap, n);
}

/* Lines `BASE64("fo") = "Zm8="` of RFC 4648 section 10. */
static void test_rfc4648_vectors(void)
{
    char path[1024];
    char *text, *line;
    size_t len;
    tv_counts c;

    snprintf(path, sizeof(path), "%s/../rfc/rfc4648.txt", tv_dir());
    text = tv_read_file(path, &len);
    if (text == NULL) {
        TEST_FAIL("cannot read rfc4648.txt");
        return;
    }
    tv_counts_init(&c, "rfc4648.txt");
    for (line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        char in[32], want[32], out[64];
        uint8_t back[32];
        size_t n = 0, m = 0;
        if (sscanf(line, " BASE64(\"%31[^\"]\") = \"%31[^\"]\"", in, want) != 2) {
            if (sscanf(line, " BASE64(\"\") = \"%31[^\"]\"", want) == 1 ||
                strstr(line, "BASE64(\"\") = \"\"") != NULL) {
                in[0] = want[0] = '\0';
            } else {
                continue;
            }
        }
        tv_check(&c,
                 tern_base64_encode((const uint8_t *)in, strlen(in), out, sizeof(out), &n) ==
                         TERN_OK &&
                     n == strlen(want) && memcmp(out, want, n) == 0,
                 in, "encode");
        tv_check(&c,
                 tern_base64_decode(want, strlen(want), back, sizeof(back), &m) == TERN_OK &&
                     m == strlen(in) && memcmp(back, in, m) == 0,
                 want, "decode");
    }
    EXPECT_EQ(c.passed, 14);
    EXPECT_EQ(tv_counts_print(&c), 0);
    free(text);
}

static void test_round_trip_all_lengths(void)
{
    uint8_t in[200], back[200];
    char text[300];
    size_t len, i, n, m;

    for (i = 0; i < sizeof(in); i++) {
        in[i] = (uint8_t)(i * 37u + 11u);
    }
    for (len = 0; len <= sizeof(in); len++) {
        EXPECT_OK(tern_base64_encode(in, len, text, sizeof(text), &n));
        EXPECT_EQ_U(n, tern_base64_encoded_len(len));
        EXPECT_OK(tern_base64_decode(text, n, back, sizeof(back), &m));
        EXPECT_EQ_U(m, len);
        EXPECT_MEM_EQ(back, in, len);
    }
    /* Every byte value maps and maps back. */
    for (i = 0; i < 256; i++) {
        in[i % 3] = (uint8_t)i;
        in[(i + 1) % 3] = (uint8_t)~i;
        in[(i + 2) % 3] = (uint8_t)(i ^ 0x5a);
        EXPECT_OK(tern_base64_encode(in, 3, text, sizeof(text), &n));
        EXPECT_OK(tern_base64_decode(text, n, back, sizeof(back), &m));
        EXPECT_MEM_EQ(back, in, 3);
    }
    /* The whole alphabet in order. */
    {
        static const char all[] =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        EXPECT_OK(tern_base64_decode(all, 64, back, sizeof(back), &m));
        EXPECT_EQ_U(m, 48);
        EXPECT_OK(tern_base64_encode(back, 48, text, sizeof(text), &n));
        EXPECT_MEM_EQ(text, all, 64);
    }
}

static void test_non_canonical(void)
{
    uint8_t out[16];
    size_t n;

    /* Missing or excess padding, padding in the middle. */
    EXPECT_ERR(TERN_ERR_PEM, dec("Zg", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zg=", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zm8", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zg===", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Z===", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("====", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zg==Zg==", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zm8=Zm9v", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Z=8=", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zm=v", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("=m9v", out, sizeof(out), &n));
    /* RFC 4648 3.5: non-zero bits under the padding. "Zg==" is 'f';
     * "Zh==" .. "Zv==" decode to 'f' too in lax decoders. */
    EXPECT_OK(dec("Zg==", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zh==", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zv==", out, sizeof(out), &n));
    EXPECT_OK(dec("Zm8=", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zm9=", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zm/=", out, sizeof(out), &n));
    /* On failure the bytes written are wiped. */
    memset(out, 0xee, sizeof(out));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zm9vYmFyZh==", out, sizeof(out), &n));
    EXPECT_EQ_U(n, 7);
    EXPECT_EQ(out[0] | out[1] | out[2] | out[3] | out[4] | out[5] | out[6], 0);
    EXPECT_EQ(out[7], 0xee);
}

static void test_bad_characters(void)
{
    uint8_t out[16];
    size_t n;
    unsigned c;

    /* Whitespace, URL-safe alphabet, NUL, 8-bit characters. */
    EXPECT_ERR(TERN_ERR_PEM, dec("Zm9v Ym Fy", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zm9v\nYmFy", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zm9vYmFy\n", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zm9-", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, dec("Zm9_", out, sizeof(out), &n));
    EXPECT_ERR(TERN_ERR_PEM, tern_base64_decode("Zm\0v", 4, out, sizeof(out), &n));
    /* Every byte outside the alphabet, in every position of a quantum. */
    for (c = 0; c < 256; c++) {
        char s[5] = "Zm9v";
        unsigned pos;
        int in_alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '+' || c == '/';
        for (pos = 0; pos < 4; pos++) {
            int rc;
            memcpy(s, "Zm9v", 4);
            s[pos] = (char)c;
            rc = tern_base64_decode(s, 4, out, sizeof(out), &n);
            /* '=' in the last position ("Zm9=") fails too: its
             * trailing bits are not zero. */
            if (in_alphabet) {
                EXPECT_OK(rc);
            } else {
                EXPECT_ERR(TERN_ERR_PEM, rc);
            }
        }
    }
}

static void test_sizes(void)
{
    uint8_t out[8];
    char text[8];
    size_t n = 0;

    /* The needed size is reported. */
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, dec("Zm9vYmFy", out, 5, &n));
    EXPECT_EQ_U(n, 6);
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL, dec("Zm9vYg==", out, 3, &n));
    EXPECT_EQ_U(n, 4);
    EXPECT_OK(dec("Zm9vYg==", out, 4, &n));
    EXPECT_EQ_U(n, 4);
    EXPECT_OK(dec("", NULL, 0, &n));
    EXPECT_EQ_U(n, 0);
    EXPECT_ERR(TERN_ERR_BUFFER_TOO_SMALL,
               tern_base64_encode((const uint8_t *)"foob", 4, text, 7, &n));
    EXPECT_EQ_U(n, 8);
    EXPECT_OK(tern_base64_encode((const uint8_t *)"foob", 4, text, 8, &n));
    EXPECT_OK(tern_base64_encode(NULL, 0, NULL, 0, &n));
    EXPECT_EQ_U(n, 0);
    EXPECT_EQ_U(tern_base64_encoded_len(0), 0);
    EXPECT_EQ_U(tern_base64_encoded_len(1), 4);
    EXPECT_EQ_U(tern_base64_encoded_len(3), 4);
    EXPECT_EQ_U(tern_base64_encoded_len(4), 8);
}

static void test_in_place(void)
{
    char text[] = "Zm9vYmFyZm9vYmE=";
    size_t n = 0;

    EXPECT_OK(tern_base64_decode(text, strlen(text), (uint8_t *)text, sizeof(text), &n));
    EXPECT_EQ_U(n, 11);
    EXPECT_MEM_EQ(text, "foobarfooba", 11);
}

int main(void)
{
    RUN_TEST(test_rfc4648_vectors);
    RUN_TEST(test_round_trip_all_lengths);
    RUN_TEST(test_non_canonical);
    RUN_TEST(test_bad_characters);
    RUN_TEST(test_sizes);
    RUN_TEST(test_in_place);
    return TEST_REPORT();
}
