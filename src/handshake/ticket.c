/*
 * Session tickets (RFC 5077 4, recommended layout):
 *
 *   key_name(16) | iv(12) | encrypted_state | tag(16)
 *
 * sealed with AES-256-GCM under the ticket key named key_name, with
 * key_name as additional data. A ticket that does not open (unknown
 * name, bad tag, bad state) is simply not used: full handshake (3.4).
 * The engine passes the configuration's class of the ticket AEAD
 * (tern_config_set_aead_class).
 */
#include <string.h>

#include "common/try_internal.h"
#include "engine/engine_internal.h"
#include "tern/util.h"

#define NAME_LEN 16
#define IV_LEN 12
#define TAG_LEN 16
#define STATE_MAX (2 + 2 + 1 + 8 + TERN_MASTER_SECRET_LEN + 1 + TERN_MAX_HOSTNAME)

/* see src/handshake/handshake_internal.h */
int tern_ticket_seal(tern_ticket_keys *tk, const tern_rng_class **rng, const tern_session *s,
                     uint8_t *out, size_t cap, size_t *len)
{
    return tern_ticket_seal_cls(tern_ticket_aead(), tk, rng, s, out, cap, len);
}

/* see src/handshake/handshake_internal.h */
int tern_ticket_open(tern_ticket_keys *tk, const uint8_t *ticket, size_t len, tern_session *s)
{
    return tern_ticket_open_cls(tern_ticket_aead(), tk, ticket, len, s);
}

/* see src/handshake/handshake_internal.h */
int tern_ticket_seal_cls(const tern_aead_class *cls, tern_ticket_keys *tk,
                         const tern_rng_class **rng, const tern_session *s, uint8_t *out,
                         size_t cap, size_t *len)
{
    tern_aead_ctx ctx;
    uint8_t key[32];
    tern_writer w;
    size_t state_len;
    int ret;

    TERN_ENSURE(cls != NULL && cls->key_len == sizeof(key) && cls->tag_len == TAG_LEN &&
                    cls->nonce_len == IV_LEN,
                TERN_ERR_UNSUPPORTED);
    TERN_ENSURE(cap >= NAME_LEN + IV_LEN + STATE_MAX + TAG_LEN, TERN_ERR_BUFFER_TOO_SMALL);
    if (cls->ctx_size > sizeof(ctx)) {
        *len = 0; /* an empty ticket: the class does not fit (RFC 5077 3.3) */
        return TERN_OK;
    }
    tern_mutex_lock(tk->platform, &tk->lock);
    memcpy(out, tk->slot[tk->current].name, NAME_LEN);
    memcpy(key, tk->slot[tk->current].key, sizeof(key));
    tern_mutex_unlock(tk->platform, &tk->lock);
    ctx.vtable = cls;
    /* one exit: the key and the context are wiped on every path */
    TERN_TRY_GOTO(tern_rng_generate(rng, out + NAME_LEN, IV_LEN));
    tern_writer_init(&w, out + NAME_LEN + IV_LEN, STATE_MAX);
    TERN_TRY_GOTO(tern_session_state_write(s, &w));
    state_len = tern_writer_len(&w);
    TERN_TRY_GOTO(cls->init(&ctx.vtable, key));
    TERN_TRY_GOTO(cls->seal(&ctx.vtable, out + NAME_LEN, out, NAME_LEN, out + NAME_LEN + IV_LEN,
                            state_len, out + NAME_LEN + IV_LEN + state_len));
    *len = NAME_LEN + IV_LEN + state_len + TAG_LEN;
    ret = TERN_OK;
out:
    tern_wipe(key, sizeof(key));
    tern_wipe(&ctx, sizeof(ctx));
    if (ret != TERN_OK) {
        tern_wipe(out, cap); /* may hold the state in the clear */
    }
    return ret;
}

/* see src/handshake/handshake_internal.h */
int tern_ticket_open_cls(const tern_aead_class *cls, tern_ticket_keys *tk, const uint8_t *ticket,
                         size_t len, tern_session *s)
{
    tern_aead_ctx ctx;
    uint8_t key[32], state[STATE_MAX];
    size_t i, state_len;
    int found = 0, ret;
    tern_reader r;

    if (cls == NULL || cls->ctx_size > sizeof(ctx) || cls->key_len != sizeof(key) ||
        cls->tag_len != TAG_LEN || cls->nonce_len != IV_LEN || len < NAME_LEN + IV_LEN + TAG_LEN ||
        len - (NAME_LEN + IV_LEN + TAG_LEN) > STATE_MAX) {
        return TERN_ERR_NOT_FOUND;
    }
    state_len = len - (NAME_LEN + IV_LEN + TAG_LEN);
    tern_mutex_lock(tk->platform, &tk->lock);
    for (i = 0; i < 2; i++) {
        if (tk->slot[i].valid && memcmp(tk->slot[i].name, ticket, NAME_LEN) == 0) {
            memcpy(key, tk->slot[i].key, sizeof(key));
            found = 1;
        }
    }
    tern_mutex_unlock(tk->platform, &tk->lock);
    if (!found) {
        return TERN_ERR_NOT_FOUND;
    }
    ctx.vtable = cls;
    memcpy(state, ticket + NAME_LEN + IV_LEN, state_len);
    /* one exit: key, context and decrypted state are wiped */
    TERN_TRY_GOTO(cls->init(&ctx.vtable, key));
    TERN_TRY_GOTO(cls->open(&ctx.vtable, ticket + NAME_LEN, ticket, NAME_LEN, state, state_len,
                            ticket + NAME_LEN + IV_LEN + state_len));
    memset(s, 0, sizeof(*s));
    tern_reader_init(&r, state, state_len);
    TERN_TRY_GOTO(tern_session_state_read(s, &r));
    TERN_TRY_GOTO(tern_reader_expect_end(&r));
    ret = TERN_OK;
out:
    tern_wipe(key, sizeof(key));
    tern_wipe(&ctx, sizeof(ctx));
    tern_wipe(state, sizeof(state));
    if (ret != TERN_OK) {
        tern_wipe(s, sizeof(*s));
        return TERN_ERR_NOT_FOUND;
    }
    return TERN_OK;
}
