/*
 * TLS 1.0 1/n-1 record splitting (BEAST, CVE-2011-3389).
 *
 * In TLS 1.0 the IV of a record is the last ciphertext block of the
 * previous one (RFC 2246 6.2.3.2), which the attacker has seen before
 * choosing the next plaintext: a chosen-plaintext attack on CBC. Sending
 * the first byte of each application-data write in a record of its own
 * puts a MAC (unknown to the attacker) into the first record, so the IV
 * of the second record, which carries the rest, is unpredictable. Only
 * application data is split; a one-byte write is not.
 *
 * Layout. A splitting protection's prefix is 4 + F1, F1 being the
 * fragment length of a one-byte record, so the plaintext that framing
 * put at rec + 5 + prefix has its second byte exactly where the second
 * record's fragment starts:
 *
 *   rec + 0        header 1
 *   rec + 5        fragment 1 (F1 bytes: the first plaintext byte, sealed)
 *   rec + 5 + F1   header 2 (over the first plaintext byte, copied away)
 *   rec + 10 + F1  fragment 2 (plaintext bytes 1 .. n-1, sealed in place)
 *
 * Nothing is moved but the first byte.
 */
#include "tern/config.h"

#if TERN_CONFIG_TLS10

#include <string.h>

#include "common/try_internal.h"
#include "record/cbc_internal.h"

/* see src/record/record_internal.h */
int tern_rec_seal_split(tern_prot *prot, uint64_t *seq, uint8_t type, uint16_t version,
                        uint8_t *rec, size_t plain_len, size_t *rec_len)
{
    tern_cbc_state *st;
    uint8_t *second;
    size_t f1_len, f2_len, f1_room;

    if (!tern_prot_is_cbc(prot) || (tern_cbc_state_of(prot)->flags & TERN_PROT_CBC_SPLIT) == 0 ||
        type != TERN_CT_APPLICATION_DATA || plain_len < 2) {
        return tern_rec_seal(prot, seq, type, version, rec, plain_len, rec_len);
    }
    /* RFC 5246 6.1: sequence numbers do not wrap; this takes two */
    TERN_ENSURE(*seq < UINT64_MAX - 1, TERN_ERR_INTERNAL);
    TERN_ENSURE(plain_len <= TERN_RECORD_MAX_PLAIN, TERN_ERR_INTERNAL);
    st = tern_cbc_state_of(prot);
    f1_room = (size_t)prot->prefix - (TERN_RECORD_HEADER_LEN - 1);
    second = rec + TERN_RECORD_HEADER_LEN + f1_room; /* header 2 */

    /* Record 1: the first byte, sealed with its fragment at rec + 5.
     * Record 2: the rest, in place. */
    rec[TERN_RECORD_HEADER_LEN] = second[TERN_RECORD_HEADER_LEN - 1];
    TERN_TRY(
        tern_cbc_seal_fragment(st, *seq, type, version, rec + TERN_RECORD_HEADER_LEN, 1, &f1_len));
    TERN_TRY(tern_cbc_seal_fragment(st, *seq + 1, type, version, second + TERN_RECORD_HEADER_LEN,
                                    plain_len - 1, &f2_len));
    TERN_ENSURE(f1_len == f1_room, TERN_ERR_INTERNAL);
    tern_rec_header_write(rec, type, version, f1_len);
    tern_rec_header_write(second, type, version, f2_len);
    *seq += 2;
    *rec_len = 2 * TERN_RECORD_HEADER_LEN + f1_len + f2_len;
    return TERN_OK;
}

#else

/* ISO C forbids an empty translation unit. */
typedef int tern_prot_cbc_split_unused;

#endif /* TERN_CONFIG_TLS10 */
