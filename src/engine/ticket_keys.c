/*
 * Session ticket keys (RFC 5077 4): two slots, the current one sealing
 * new tickets and the previous one still opening what it sealed.
 */
#include <string.h>

#include "common/try_internal.h"
#include "tern/engine.h"
#include "tern/util.h"

/* Fills slot idx with a new random name and key. */
static int fresh_key(tern_ticket_keys *tk, size_t idx, const tern_rng_class **rng)
{
    int64_t now = 0;
    TERN_TRY(tern_rng_generate(rng, tk->slot[idx].name, sizeof(tk->slot[idx].name)));
    TERN_TRY(tern_rng_generate(rng, tk->slot[idx].key, sizeof(tk->slot[idx].key)));
    if (tern_platform_time(tk->platform, &now) != TERN_OK) {
        now = 0;
    }
    tk->slot[idx].created = now;
    tk->slot[idx].valid = 1;
    return TERN_OK;
}

/* see include/tern/engine.h */
int tern_ticket_keys_init(tern_ticket_keys *tk, const tern_rng_class **rng,
                          const tern_platform *platform)
{
    int rc;

    TERN_ENSURE(tk != NULL && rng != NULL, TERN_ERR_NULL_POINTER);
    memset(tk, 0, sizeof(*tk));
    tk->lifetime = 7200;
    tk->platform = platform != NULL ? platform : tern_platform_default();
    rc = fresh_key(tk, 0, rng);
    if (rc < 0) {
        tern_wipe(tk, sizeof(*tk));
        return rc;
    }
    tk->current = 0;
    return tern_mutex_init(tk->platform, &tk->lock);
}

/* see include/tern/engine.h */
int tern_ticket_keys_rotate(tern_ticket_keys *tk, const tern_rng_class **rng)
{
    size_t next;
    int rc;

    TERN_ENSURE(tk != NULL && rng != NULL, TERN_ERR_NULL_POINTER);
    tern_mutex_lock(tk->platform, &tk->lock);
    next = tk->current ^ 1u;
    rc = fresh_key(tk, next, rng);
    if (rc == TERN_OK) {
        tk->current = (uint8_t)next;
    } else {
        tern_wipe(&tk->slot[next], sizeof(tk->slot[next]));
    }
    tern_mutex_unlock(tk->platform, &tk->lock);
    return rc;
}

/* see include/tern/engine.h */
void tern_ticket_keys_free(tern_ticket_keys *tk)
{
    if (tk == NULL) {
        return;
    }
    tern_mutex_free(tk->platform, &tk->lock);
    tern_wipe(tk, sizeof(*tk));
}
