/*
 * Heartbeat messages (RFC 6520): a pure codec the engine drives. It
 * builds requests, answers requests and recognises the answer to ours;
 * when to send (TLS_HB_TIME), whether peer requests are allowed
 * (TLS_HB_ALLOW_PEER_REQ, the extension's mode) and the timeout are the
 * engine's.
 *
 *   struct {
 *      HeartbeatMessageType type;      1 request, 2 response
 *      uint16 payload_length;
 *      opaque payload[payload_length];
 *      opaque padding[padding_length]; random, >= 16 bytes
 *   } HeartbeatMessage;                the whole record (content type 24)
 *
 * The length of a received message is the record's plaintext length, so
 * padding_length = length - payload_length - 3, and a message whose
 * payload_length does not leave 16 bytes of padding within the record is
 * discarded silently (RFC 6520 4), never answered: answering it would
 * copy memory beyond the record (Heartbleed, CVE-2014-0160).
 */
#ifndef TERN_HEARTBEAT_INTERNAL_H
#define TERN_HEARTBEAT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "tern/error.h"
#include "tern/rand.h"

/* Record content type (RFC 6520 3). */
#define TERN_CT_HEARTBEAT 24

/* HeartbeatMessageType, HeartbeatMode (RFC 6520 2, 3). */
enum { TERN_HB_REQUEST = 1, TERN_HB_RESPONSE = 2 };
enum { TERN_HB_MODE_PEER_ALLOWED = 1, TERN_HB_MODE_PEER_NOT_ALLOWED = 2 };

/* type + payload_length, and the least padding (RFC 6520 4). */
#define TERN_HB_HEADER_LEN 3
#define TERN_HB_MIN_PADDING 16
/* The largest payload of our own requests (kept to match the answer). */
#define TERN_HB_MAX_OWN_PAYLOAD 64

/* Our side of the protocol: the request in flight, if any. */
typedef struct tern_hb {
    uint8_t payload[TERN_HB_MAX_OWN_PAYLOAD];
    uint16_t payload_len;
    uint8_t in_flight; /* 1 while a request awaits its response */
} tern_hb;

/* What tern_hb_receive decided. */
typedef enum tern_hb_action {
    TERN_HB_DISCARD = 0, /* ignore the message: nothing to send, no error */
    TERN_HB_RESPOND = 1, /* send the response written to out */
    TERN_HB_ANSWERED = 2 /* the response to our request: none in flight now */
} tern_hb_action;

/* No request in flight. */
void tern_hb_init(tern_hb *hb);

/* 1 while a request awaits its response. */
int tern_hb_in_flight(const tern_hb *hb);

/* Gives up on the request in flight (the engine's timer ran out; RFC 6520
 * 3: it is no longer in flight), so another may be sent. */
void tern_hb_cancel(tern_hb *hb);

/* Builds a HeartbeatRequest of payload_len random payload bytes and
 * padding_len random padding bytes into out (3 + payload_len +
 * padding_len bytes, *out_len), and remembers the payload.
 * 1 <= payload_len <= TERN_HB_MAX_OWN_PAYLOAD, padding_len >= 16, and the
 * message must fit max_len (the record plaintext limit towards the peer:
 * 2^14 or the negotiated max_fragment_length).
 * Errors: TERN_ERR_BAD_STATE (a request is already in flight: RFC 6520 3
 * allows one), TERN_ERR_BAD_ARG (lengths), TERN_ERR_BUFFER_TOO_SMALL
 * (out_cap), the rng's error. On error nothing is in flight that was not
 * before. */
TERN_MUST_CHECK int tern_hb_request(tern_hb *hb, const tern_rng_class **rng, size_t payload_len,
                                    size_t padding_len, size_t max_len, uint8_t *out,
                                    size_t out_cap, size_t *out_len);

/* Handles one received HeartbeatMessage: msg is the whole plaintext of a
 * heartbeat record, msg_len its length.
 *  - A request whose payload and 16 bytes of padding fit msg_len, when
 *    respond is non-zero (the peer may send requests) and the response
 *    (3 + payload + 16 random bytes of padding) fits max_len: the
 *    response is written to out (*out_len), *action = TERN_HB_RESPOND.
 *  - A response with exactly the payload of our request in flight:
 *    *action = TERN_HB_ANSWERED and nothing is in flight any more.
 *  - Anything else (too short, payload_length beyond the record or
 *    leaving less than 16 bytes of padding, an unknown type, a request
 *    we may not or cannot answer, a response that matches nothing):
 *    *action = TERN_HB_DISCARD; RFC 6520 4 asks for silent discard.
 * *out_len is 0 unless the action is TERN_HB_RESPOND.
 * Errors: TERN_ERR_BUFFER_TOO_SMALL (a response to send does not fit
 * out_cap), the rng's error (padding). */
TERN_MUST_CHECK int tern_hb_receive(tern_hb *hb, const uint8_t *msg, size_t msg_len, int respond,
                                    const tern_rng_class **rng, size_t max_len, uint8_t *out,
                                    size_t out_cap, size_t *out_len, tern_hb_action *action);

#endif /* TERN_HEARTBEAT_INTERNAL_H */
