/*
 * Heartbeat requests and responses (RFC 6520 3, 4); see
 * heartbeat_internal.h. Parsing goes through tern_reader, whose length
 * checks are what keep a claimed payload_length inside the record.
 */
#include <string.h>

#include "common/ct_internal.h"
#include "common/rw_internal.h"
#include "common/try_internal.h"
#include "record/heartbeat_internal.h"
#include "record/record_internal.h"
#include "tern/util.h"

/* see src/record/heartbeat_internal.h */
void tern_hb_init(tern_hb *hb)
{
    memset(hb, 0, sizeof(*hb));
}

/* see src/record/heartbeat_internal.h */
int tern_hb_in_flight(const tern_hb *hb)
{
    return hb->in_flight != 0;
}

/* see src/record/heartbeat_internal.h */
void tern_hb_cancel(tern_hb *hb)
{
    tern_hb_init(hb);
}

/* see src/record/heartbeat_internal.h */
int tern_hb_request(tern_hb *hb, const tern_rng_class **rng, size_t payload_len, size_t padding_len,
                    size_t max_len, uint8_t *out, size_t out_cap, size_t *out_len)
{
    size_t total;
    int ret;

    /* RFC 6520 3: one request in flight at a time */
    TERN_ENSURE(!hb->in_flight, TERN_ERR_BAD_STATE);
    TERN_ENSURE(payload_len >= 1 && payload_len <= TERN_HB_MAX_OWN_PAYLOAD, TERN_ERR_BAD_ARG);
    /* RFC 6520 4: at least 16 bytes of random padding, and the whole
     * message within the record limit (2^14 or max_fragment_length) */
    TERN_ENSURE(padding_len >= TERN_HB_MIN_PADDING, TERN_ERR_BAD_ARG);
    TERN_ENSURE(max_len <= TERN_RECORD_MAX_PLAIN, TERN_ERR_BAD_ARG);
    TERN_ENSURE(padding_len <= max_len, TERN_ERR_BAD_ARG);
    TERN_ENSURE(TERN_HB_HEADER_LEN + payload_len <= max_len - padding_len, TERN_ERR_BAD_ARG);
    total = TERN_HB_HEADER_LEN + payload_len + padding_len;
    TERN_ENSURE(total <= out_cap, TERN_ERR_BUFFER_TOO_SMALL);

    out[0] = TERN_HB_REQUEST;
    out[1] = (uint8_t)(payload_len >> 8);
    out[2] = (uint8_t)payload_len;
    /* payload and padding in one draw: both random */
    ret = tern_rng_generate(rng, out + TERN_HB_HEADER_LEN, payload_len + padding_len);
    if (ret != TERN_OK) {
        tern_wipe(out, total);
        return ret;
    }
    memcpy(hb->payload, out + TERN_HB_HEADER_LEN, payload_len);
    hb->payload_len = (uint16_t)payload_len;
    hb->in_flight = 1;
    *out_len = total;
    return TERN_OK;
}

/* Builds the response to a request with the given payload (which may lie
 * at out + 3 already: answered in place). */
static int respond_to(const uint8_t *payload, size_t payload_len, const tern_rng_class **rng,
                      size_t max_len, uint8_t *out, size_t out_cap, size_t *out_len,
                      tern_hb_action *action)
{
    size_t total = TERN_HB_HEADER_LEN + payload_len + TERN_HB_MIN_PADDING;
    int ret;

    if (total > max_len) {
        /* a response we could not send within our record limit: the
         * request is dropped like any other we cannot answer */
        return TERN_OK;
    }
    TERN_ENSURE(total <= out_cap, TERN_ERR_BUFFER_TOO_SMALL);
    memmove(out + TERN_HB_HEADER_LEN, payload, payload_len);
    out[0] = TERN_HB_RESPONSE;
    out[1] = (uint8_t)(payload_len >> 8);
    out[2] = (uint8_t)payload_len;
    ret = tern_rng_generate(rng, out + TERN_HB_HEADER_LEN + payload_len, TERN_HB_MIN_PADDING);
    if (ret != TERN_OK) {
        tern_wipe(out, total);
        return ret;
    }
    *out_len = total;
    *action = TERN_HB_RESPOND;
    return TERN_OK;
}

/* see src/record/heartbeat_internal.h */
int tern_hb_receive(tern_hb *hb, const uint8_t *msg, size_t msg_len, int respond,
                    const tern_rng_class **rng, size_t max_len, uint8_t *out, size_t out_cap,
                    size_t *out_len, tern_hb_action *action)
{
    tern_reader r;
    uint8_t type;
    uint16_t payload_len;
    const uint8_t *payload;

    *out_len = 0;
    *action = TERN_HB_DISCARD;
    tern_reader_init(&r, msg, msg_len);
    /* Any decoding failure means discard: RFC 6520 4 gives no alert for
     * a malformed length, it asks for silence. */
    if (tern_read_u8(&r, &type) != TERN_OK || tern_read_u16(&r, &payload_len) != TERN_OK) {
        return TERN_OK;
    }
    /* payload_length must leave at least 16 bytes of padding inside the
     * message. The check is against what was received, never against
     * what the peer claims: a claimed length beyond the record is
     * discarded, not answered (Heartbleed). */
    if ((size_t)payload_len + TERN_HB_MIN_PADDING > tern_reader_left(&r) ||
        tern_read_bytes(&r, payload_len, &payload) != TERN_OK) {
        return TERN_OK;
    }
    if (type == TERN_HB_REQUEST) {
        if (!respond) {
            return TERN_OK;
        }
        return respond_to(payload, payload_len, rng, max_len, out, out_cap, out_len, action);
    }
    if (type == TERN_HB_RESPONSE) {
        /* RFC 6520 4: a response without the expected payload is
         * discarded silently */
        if (hb->in_flight && payload_len == hb->payload_len &&
            tern_ct_memeq(payload, hb->payload, payload_len)) {
            tern_hb_init(hb);
            *action = TERN_HB_ANSWERED;
        }
        return TERN_OK;
    }
    return TERN_OK; /* unknown HeartbeatMessageType */
}
