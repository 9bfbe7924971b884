/*
 * Server session cache for resumption by session ID: a caller-provided
 * table, least recently used entry replaced, one platform mutex. Session
 * IDs are public values, so lookups compare them plainly.
 */
#include <string.h>

#include "common/try_internal.h"
#include "handshake/handshake_internal.h"
#include "tern/util.h"

/* see include/tern/engine.h */
int tern_session_cache_init(tern_session_cache *cache, tern_session *slots, uint64_t *stamps,
                            size_t count, const tern_platform *platform)
{
    TERN_ENSURE(cache != NULL && slots != NULL && stamps != NULL, TERN_ERR_NULL_POINTER);
    TERN_ENSURE(count > 0, TERN_ERR_BAD_ARG);
    memset(cache, 0, sizeof(*cache));
    memset(slots, 0, count * sizeof(*slots));
    memset(stamps, 0, count * sizeof(*stamps));
    cache->slots = slots;
    cache->stamps = stamps;
    cache->count = count;
    cache->lifetime = 7200;
    cache->platform = platform != NULL ? platform : tern_platform_default();
    return tern_mutex_init(cache->platform, &cache->lock);
}

/* see include/tern/engine.h */
void tern_session_cache_free(tern_session_cache *cache)
{
    if (cache == NULL || cache->slots == NULL) {
        return;
    }
    tern_wipe(cache->slots, cache->count * sizeof(*cache->slots));
    tern_wipe(cache->stamps, cache->count * sizeof(*cache->stamps));
    tern_mutex_free(cache->platform, &cache->lock);
    cache->slots = NULL;
    cache->count = 0;
}

static size_t lookup(const tern_session_cache *cache, const uint8_t *id, size_t id_len)
{
    size_t i;
    for (i = 0; i < cache->count; i++) {
        const tern_session *s = &cache->slots[i];
        if (cache->stamps[i] != 0 && s->id_len == id_len && memcmp(s->id, id, id_len) == 0) {
            return i;
        }
    }
    return cache->count;
}

/* see src/handshake/handshake_internal.h */
int tern_session_cache_find(tern_session_cache *cache, const uint8_t *id, size_t id_len,
                            tern_session *s)
{
    size_t i;
    int rc = TERN_ERR_NOT_FOUND;

    if (id_len == 0 || id_len > TERN_SESSION_ID_MAX) {
        return TERN_ERR_NOT_FOUND;
    }
    tern_mutex_lock(cache->platform, &cache->lock);
    i = lookup(cache, id, id_len);
    if (i < cache->count) {
        *s = cache->slots[i];
        cache->stamps[i] = ++cache->clock;
        rc = TERN_OK;
    }
    tern_mutex_unlock(cache->platform, &cache->lock);
    return rc;
}

/* see src/handshake/handshake_internal.h */
void tern_session_cache_store(tern_session_cache *cache, const tern_session *s)
{
    size_t i, victim = 0;

    if (s->id_len == 0) {
        return;
    }
    tern_mutex_lock(cache->platform, &cache->lock);
    i = lookup(cache, s->id, s->id_len);
    if (i == cache->count) {
        /* an empty slot (stamp 0) has the lowest stamp of all */
        for (i = 1; i < cache->count; i++) {
            if (cache->stamps[i] < cache->stamps[victim]) {
                victim = i;
            }
        }
        i = victim;
    }
    cache->slots[i] = *s;
    cache->slots[i].ticket_len = 0;
    cache->stamps[i] = ++cache->clock;
    tern_mutex_unlock(cache->platform, &cache->lock);
}
