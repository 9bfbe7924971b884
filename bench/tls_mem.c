/*
 * Heap accounting for bench-tls (see tls_bench.h).
 *
 * Two counters, each over a window opened by tlsb_heap_begin():
 *  - hooks: the allocation functions handed to a library's own hooks
 *    (CRYPTO_set_mem_functions, wolfSSL_SetAllocators); a 16-byte header
 *    keeps each block's size and the window it was made in;
 *  - interposer: this file defines malloc, free, calloc, realloc and the
 *    aligned allocators for the whole process (glibc allows replacing
 *    them and exports its own as __libc_*), and while a window is open
 *    records each new block in a table (address -> size). This is how
 *    the libraries without usable hooks are counted (GnuTLS, whose
 *    gnutls_global_set_mem_functions is a no-op since 3.3, and Debian's
 *    Mbed TLS, built without MBEDTLS_PLATFORM_MEMORY), and it
 *    cross-checks the others.
 *
 * Each counter also logs the window's allocations and frees, so that
 * blocks still live when the window closes (after the pair is freed:
 * caches the library keeps) can be told apart from the pair's own peak.
 *
 * The interposer is compiled only with TLSB_INTERPOSE=1 (glibc, no
 * sanitizer: ASan brings its own malloc). Both count requested sizes,
 * not allocator overhead. Single-threaded, like the benchmark.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tls_bench.h"

/* ---- event logs ------------------------------------------------------------
 * Each counter logs the window's allocations and frees so that the end
 * of the window can tell the pair's own peak from blocks the library
 * keeps after the pair is freed (global caches built while it lived,
 * such as wolfSSL's fixed-point ECC tables): the log is replayed without
 * the blocks still live at the end. */

#define LOG_SIZE ((size_t)1 << 20)
#define FREED 0x80000000u /* in ev.size: this allocation was freed */

typedef struct ev {
    uint32_t alloc; /* index of the allocation event (itself, or the one freed) */
    uint32_t size;
} ev;

typedef struct counter {
    ev *log;
    size_t n;
    int overflow;
    size_t cur, peak;
} counter;

static ev hook_events[LOG_SIZE];
static counter hook_c = {hook_events, 0, 0, 0, 0};

static void counter_reset(counter *c)
{
    c->n = 0;
    c->overflow = 0;
    c->cur = c->peak = 0;
}

/* Returns the event index + 1 (0 when the log is full). */
static uint32_t counter_alloc(counter *c, size_t size)
{
    c->cur += size;
    if (c->cur > c->peak) {
        c->peak = c->cur;
    }
    if (c->n >= LOG_SIZE || size >= FREED) {
        c->overflow = 1;
        return 0;
    }
    c->log[c->n].alloc = (uint32_t)c->n;
    c->log[c->n].size = (uint32_t)size;
    c->n++;
    return (uint32_t)c->n;
}

static void counter_free(counter *c, uint32_t id, size_t size)
{
    c->cur -= size;
    if (id == 0) {
        return;
    }
    if (c->n >= LOG_SIZE) {
        c->overflow = 1;
        return;
    }
    c->log[c->n].alloc = id - 1;
    c->log[c->n].size = 0;
    c->n++;
}

/* The window's figures. The replay leaves out the allocations never
 * freed (still live when the window closes, after the pair is freed). */
static void counter_result(counter *c, tlsb_heap_stats *st)
{
    size_t i, cur = 0, peak = 0;
    st->peak = c->peak;
    st->retained = c->cur;
    st->ok = !c->overflow;
    for (i = 0; i < c->n; i++) {
        if (c->log[i].alloc != i) {
            c->log[c->log[i].alloc].size |= FREED;
        }
    }
    for (i = 0; i < c->n; i++) {
        const ev *e = &c->log[i];
        if (e->alloc != i) {
            cur -= c->log[e->alloc].size & ~FREED;
        } else if (e->size & FREED) {
            cur += e->size & ~FREED;
            if (cur > peak) {
                peak = cur;
            }
        }
    }
    st->own_peak = peak;
}

/* ---- hook counter ---------------------------------------------------------- */

typedef union hook_hdr {
    struct {
        size_t size;
        unsigned long epoch; /* window it was allocated in, 0 = none */
        uint32_t id;         /* its event + 1 */
    } h;
    long double align; /* keep the payload aligned as malloc's is */
} hook_hdr;

static unsigned long window_epoch; /* current window, 0 when closed */
static unsigned long epoch_counter;

void *tlsb_hook_malloc(size_t n)
{
    hook_hdr *h;
    if (n > (size_t)-1 - sizeof(hook_hdr)) {
        return NULL;
    }
    h = (hook_hdr *)malloc(sizeof(hook_hdr) + n);
    if (h == NULL) {
        return NULL;
    }
    h->h.size = n;
    h->h.epoch = window_epoch;
    h->h.id = window_epoch != 0 ? counter_alloc(&hook_c, n) : 0;
    return h + 1;
}

void tlsb_hook_free(void *p)
{
    hook_hdr *h;
    if (p == NULL) {
        return;
    }
    h = (hook_hdr *)p - 1;
    if (h->h.epoch != 0 && h->h.epoch == window_epoch) {
        counter_free(&hook_c, h->h.id, h->h.size);
    }
    free(h);
}
void *tlsb_hook_realloc(void *p, size_t n)
{
    void *q;
    size_t old;
    if (p == NULL) {
        return tlsb_hook_malloc(n);
    }
    old = ((hook_hdr *)p - 1)->h.size;
    q = tlsb_hook_malloc(n);
    if (q == NULL) {
        return NULL;
    }
    memcpy(q, p, old < n ? old : n);
    tlsb_hook_free(p);
    return q;
}

/* ---- interposer ------------------------------------------------------------ */

#if defined(TLSB_INTERPOSE) && TLSB_INTERPOSE

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t m);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t align, size_t n);

static ev ip_events[LOG_SIZE];
static counter ip_c = {ip_events, 0, 0, 0, 0};

/* Live blocks allocated inside the window: linear probing, deletion by
 * backward shift (no tombstones). */
#define TABLE_BITS 17
#define TABLE_SIZE ((size_t)1 << TABLE_BITS)

static struct {
    void *p;
    size_t size;
    uint32_t id; /* event + 1 */
} table[TABLE_SIZE];
static size_t table_count;
static int table_overflow;
static int counting;

static size_t slot_of(const void *p)
{
    unsigned long long x = (unsigned long long)(size_t)p;
    x ^= x >> 29;
    x *= 0x9e3779b97f4a7c15ull;
    return (size_t)(x >> (64 - TABLE_BITS));
}

static void track_add(void *p, size_t n)
{
    size_t i;
    if (!counting || p == NULL) {
        return;
    }
    if (table_count >= TABLE_SIZE / 2) {
        table_overflow = 1;
        return;
    }
    for (i = slot_of(p); table[i].p != NULL; i = (i + 1) & (TABLE_SIZE - 1)) {
    }
    table[i].p = p;
    table[i].size = n;
    table[i].id = counter_alloc(&ip_c, n);
    table_count++;
}

static void track_del(void *p)
{
    size_t i, j;
    if (table_count == 0 || p == NULL) {
        return;
    }
    for (i = slot_of(p); table[i].p != p; i = (i + 1) & (TABLE_SIZE - 1)) {
        if (table[i].p == NULL) {
            return; /* not allocated inside a window */
        }
    }
    counter_free(&ip_c, table[i].id, table[i].size);
    table[i].p = NULL;
    table_count--;
    /* backward shift: move later entries of the run into the hole when
     * their home slot allows it */
    for (j = (i + 1) & (TABLE_SIZE - 1); table[j].p != NULL; j = (j + 1) & (TABLE_SIZE - 1)) {
        size_t home = slot_of(table[j].p);
        if (((j - home) & (TABLE_SIZE - 1)) >= ((j - i) & (TABLE_SIZE - 1))) {
            table[i] = table[j];
            table[j].p = NULL;
            i = j;
        }
    }
}

void *malloc(size_t n)
{
    void *p = __libc_malloc(n);
    track_add(p, n);
    return p;
}

void free(void *p)
{
    track_del(p);
    __libc_free(p);
}

void *calloc(size_t n, size_t m)
{
    void *p = __libc_calloc(n, m);
    track_add(p, n * m); /* __libc_calloc checked the product */
    return p;
}

void *realloc(void *p, size_t n)
{
    void *q;
    if (p == NULL) {
        return malloc(n);
    }
    if (n == 0) {
        free(p);
        return NULL;
    }
    q = __libc_realloc(p, n);
    if (q != NULL) {
        track_del(p);
        track_add(q, n);
    }
    return q;
}

void *memalign(size_t align, size_t n);
void *memalign(size_t align, size_t n)
{
    void *p = __libc_memalign(align, n);
    track_add(p, n);
    return p;
}

void *aligned_alloc(size_t align, size_t n);
void *aligned_alloc(size_t align, size_t n)
{
    return memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n);
int posix_memalign(void **out, size_t align, size_t n)
{
    void *p;
    if (align < sizeof(void *) || (align & (align - 1)) != 0) {
        return EINVAL;
    }
    p = memalign(align, n);
    if (p == NULL && n != 0) {
        return ENOMEM;
    }
    *out = p;
    return 0;
}

int tlsb_interposer(void)
{
    return 1;
}

static void interposer_begin(void)
{
    if (table_count != 0) {
        memset(table, 0, sizeof(table));
        table_count = 0;
    }
    counter_reset(&ip_c);
    table_overflow = 0;
    counting = 1;
}

static void interposer_end(tlsb_heap_stats *st)
{
    counting = 0;
    counter_result(&ip_c, st);
    st->ok = st->ok && !table_overflow;
}

#else /* no interposer */

int tlsb_interposer(void)
{
    return 0;
}

static void interposer_begin(void)
{
}

static void interposer_end(tlsb_heap_stats *st)
{
    memset(st, 0, sizeof(*st));
}

#endif

/* ---- windows --------------------------------------------------------------- */

void tlsb_heap_begin(void)
{
    window_epoch = ++epoch_counter;
    counter_reset(&hook_c);
    interposer_begin();
}

void tlsb_heap_end(tlsb_heap_stats *hook, tlsb_heap_stats *interposed)
{
    interposer_end(interposed);
    counter_result(&hook_c, hook);
    window_epoch = 0;
}
