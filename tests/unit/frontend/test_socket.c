/*
 * The socket front end over a socketpair: blocking (server in a child
 * process) and non-blocking (both ends in one loop, waiting with
 * tern_socket_wait), TLS started on a connection that already carried
 * plaintext, close_notify and EOF.
 */
#include "tern/config.h"

#if TERN_CONFIG_PLATFORM_POSIX

#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../engine/engine_test_util.h"
#include "tern/socket.h"

static et_cred srv;
static tern_config ccfg, scfg;

static void configs(void)
{
    tern_config_init(&ccfg);
    tern_config_init(&scfg);
    ccfg.verify_mode = TERN_VERIFY_NONE;
    EXPECT_OK(tern_config_add_credential(&scfg, srv.chain, srv.lens, 2, &srv.key));
}

/* Reads exactly n bytes with tern_read (blocking socket). */
static int read_all(tern_conn *c, uint8_t *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        int r = tern_read(c, buf + got, n - got);
        if (r <= 0) {
            return r;
        }
        got += (size_t)r;
    }
    return (int)got;
}

/* The child: a blocking server that answers "hello" with "world" and
 * closes. Exit status 0 on success. */
static int child_server(int fd)
{
    void *mem = et_alloc(tern_conn_size(&scfg));
    tern_conn *s;
    uint8_t buf[5], pre[8];
    size_t i;

    /* the plaintext part of the conversation first (STARTTLS-like) */
    for (i = 0; i < 8;) {
        ssize_t n = read(fd, pre + i, 8 - i);
        if (n <= 0) {
            return 10;
        }
        i += (size_t)n;
    }
    if (memcmp(pre, "STARTTLS", 8) != 0 || write(fd, "OK", 2) != 2) {
        return 11;
    }
    if (tern_conn_init(&s, mem, tern_conn_size(&scfg), &scfg, TERN_SERVER) != TERN_OK ||
        tern_socket_attach(s, fd) != TERN_OK) {
        return 12;
    }
    if (tern_handshake(s) != TERN_OK) {
        return 13;
    }
    if (read_all(s, buf, 5) != 5 || memcmp(buf, "hello", 5) != 0) {
        return 14;
    }
    if (tern_write(s, (const uint8_t *)"world", 5) != 5) {
        return 15;
    }
    /* the client closes first: we see TERN_ERR_CLOSED and answer */
    if (tern_read(s, buf, 1) != TERN_ERR_CLOSED) {
        return 16;
    }
    if (tern_flush(s) != TERN_OK) {
        return 17;
    }
    tern_conn_free(s);
    return 0;
}

static void test_blocking(void)
{
    int sv[2], status = -1;
    pid_t pid;
    void *mem;
    tern_conn *c;
    uint8_t buf[8];

    configs();
    EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    pid = fork();
    if (pid == 0) {
        close(sv[0]);
        _exit(child_server(sv[1]));
    }
    close(sv[1]);
    EXPECT_EQ(write(sv[0], "STARTTLS", 8), 8);
    EXPECT_EQ(read(sv[0], buf, 2), 2);
    EXPECT_MEM_EQ(buf, "OK", 2);
    mem = et_alloc(tern_conn_size(&ccfg));
    EXPECT_OK(tern_conn_init(&c, mem, tern_conn_size(&ccfg), &ccfg, TERN_CLIENT));
    EXPECT_OK(tern_socket_attach(c, sv[0]));
    EXPECT_EQ(tern_conn_fd(c), sv[0]);
    EXPECT_OK(tern_handshake(c));
    EXPECT_EQ(tern_write(c, (const uint8_t *)"hello", 5), 5);
    EXPECT_EQ(read_all(c, buf, 5), 5);
    EXPECT_MEM_EQ(buf, "world", 5);
    EXPECT_OK(tern_close(c));
    EXPECT_EQ(tern_read(c, buf, 1), TERN_ERR_CLOSED);
    tern_conn_free(c);
    et_free(mem);
    close(sv[0]);
    EXPECT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
}

static void set_nonblocking(int fd)
{
    int fl = fcntl(fd, F_GETFL, 0);
    EXPECT_TRUE(fl >= 0 && fcntl(fd, F_SETFL, fl | O_NONBLOCK) == 0);
}

/* Both ends non-blocking in one loop; the socket buffers are made small
 * so that writes block too. */
static void test_nonblocking(void)
{
    int sv[2], rc_c = TERN_ERR_WANT_READ, rc_s = TERN_ERR_WANT_READ, i, small = 4096;
    void *cm, *sm;
    tern_conn *c, *s;
    static uint8_t big[200000], got[200000];
    size_t sent = 0, recvd = 0, k;
    int saw_want_write = 0;

    configs();
    for (k = 0; k < sizeof(big); k++) {
        big[k] = (uint8_t)(k * 31 + 7);
    }
    EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    (void)setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
    (void)setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
    set_nonblocking(sv[0]);
    set_nonblocking(sv[1]);
    cm = et_alloc(tern_conn_size(&ccfg));
    sm = et_alloc(tern_conn_size(&scfg));
    EXPECT_OK(tern_conn_init(&c, cm, tern_conn_size(&ccfg), &ccfg, TERN_CLIENT));
    EXPECT_OK(tern_conn_init(&s, sm, tern_conn_size(&scfg), &scfg, TERN_SERVER));
    EXPECT_OK(tern_socket_attach(c, sv[0]));
    EXPECT_OK(tern_socket_attach(s, sv[1]));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_socket_attach(c, -1));
    /* nothing to read yet: the wait times out */
    EXPECT_ERR(TERN_ERR_TIMEOUT, tern_socket_wait(s, TERN_ERR_WANT_READ, 0));
    EXPECT_ERR(TERN_ERR_BAD_ARG, tern_socket_wait(s, TERN_ERR_CLOSED, 0));
    for (i = 0; i < 100000 && (rc_c != TERN_OK || rc_s != TERN_OK); i++) {
        if (rc_c != TERN_OK) {
            rc_c = tern_handshake(c);
        }
        if (rc_s != TERN_OK) {
            rc_s = tern_handshake(s);
        }
        if (rc_s == TERN_ERR_WANT_READ && rc_c != TERN_OK) {
            EXPECT_TRUE(tern_socket_wait(s, rc_s, 0) == TERN_OK ||
                        tern_socket_wait(s, rc_s, 0) == TERN_ERR_TIMEOUT);
        }
        EXPECT_TRUE(rc_c == TERN_OK || TERN_ERR_IS_WANT_IO(rc_c));
        EXPECT_TRUE(rc_s == TERN_OK || TERN_ERR_IS_WANT_IO(rc_s));
    }
    EXPECT_OK(rc_c);
    EXPECT_OK(rc_s);

    /* 200 KB through small socket buffers */
    for (i = 0; i < 1000000 && recvd < sizeof(big); i++) {
        int n;
        if (sent < sizeof(big)) {
            n = tern_write(c, big + sent, sizeof(big) - sent);
            if (n > 0) {
                sent += (size_t)n;
            } else {
                EXPECT_EQ(n, TERN_ERR_WANT_WRITE);
                saw_want_write = 1;
            }
        } else {
            n = tern_flush(c);
            EXPECT_TRUE(n == TERN_OK || n == TERN_ERR_WANT_WRITE);
        }
        n = tern_read(s, got + recvd, sizeof(got) - recvd);
        if (n > 0) {
            recvd += (size_t)n;
        } else {
            EXPECT_EQ(n, TERN_ERR_WANT_READ);
        }
    }
    EXPECT_EQ_U(recvd, sizeof(big));
    EXPECT_MEM_EQ(got, big, sizeof(big));
    EXPECT_TRUE(saw_want_write);

    /* the peer goes away without close_notify */
    close(sv[0]);
    for (i = 0; i < 100; i++) {
        int n = tern_read(s, got, 10);
        if (n != TERN_ERR_WANT_READ) {
            EXPECT_EQ(n, TERN_ERR_EOF);
            break;
        }
    }
    EXPECT_EQ(tern_conn_error(s), TERN_ERR_EOF);
    tern_conn_free(c);
    tern_conn_free(s);
    et_free(cm);
    et_free(sm);
    close(sv[1]);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    et_cred_load(&srv, "server-p256");
    RUN_TEST(test_blocking);
    RUN_TEST(test_nonblocking);
    return TEST_REPORT();
}

#else
#include <stdio.h>
int main(void)
{
    printf("0 passed, 0 failed (no POSIX sockets)\n");
    return 77;
}
#endif
