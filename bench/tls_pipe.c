/*
 * The in-memory transport of bench-tls (see tls_bench.h): two byte
 * queues, allocated once by the driver (outside any counting window, so
 * the transport is never counted as a library's memory).
 */
#include <stdlib.h>
#include <string.h>

#include "tls_bench.h"

int tlsb_link_init(tlsb_link *l, size_t cap)
{
    memset(l, 0, sizeof(*l));
    l->to_server.buf = (uint8_t *)malloc(cap);
    l->to_client.buf = (uint8_t *)malloc(cap);
    if (l->to_server.buf == NULL || l->to_client.buf == NULL) {
        tlsb_link_free(l);
        return -1;
    }
    l->to_server.cap = l->to_client.cap = cap;
    return 0;
}

void tlsb_link_reset(tlsb_link *l)
{
    l->to_server.head = l->to_server.tail = 0;
    l->to_client.head = l->to_client.tail = 0;
    l->to_server.moved = l->to_client.moved = 0;
}

void tlsb_link_free(tlsb_link *l)
{
    free(l->to_server.buf);
    free(l->to_client.buf);
    memset(l, 0, sizeof(*l));
}

size_t tlsb_pipe_queued(const tlsb_pipe *p)
{
    return p->tail - p->head;
}

size_t tlsb_pipe_write(tlsb_pipe *p, const uint8_t *data, size_t len)
{
    if (len > p->cap - p->tail && p->head != 0) {
        /* compact: move the queued bytes to the front */
        memmove(p->buf, p->buf + p->head, p->tail - p->head);
        p->tail -= p->head;
        p->head = 0;
    }
    if (len > p->cap - p->tail) {
        len = p->cap - p->tail;
    }
    memcpy(p->buf + p->tail, data, len);
    p->tail += len;
    p->moved += len;
    return len;
}

size_t tlsb_pipe_read(tlsb_pipe *p, uint8_t *out, size_t len)
{
    if (len > p->tail - p->head) {
        len = p->tail - p->head;
    }
    memcpy(out, p->buf + p->head, len);
    p->head += len;
    p->moved += len;
    if (p->head == p->tail) {
        p->head = p->tail = 0;
    }
    return len;
}

tlsb_pipe *tlsb_out(tlsb_link *l, int side)
{
    return side == TLSB_CLIENT ? &l->to_server : &l->to_client;
}

tlsb_pipe *tlsb_in(tlsb_link *l, int side)
{
    return side == TLSB_CLIENT ? &l->to_client : &l->to_server;
}
