/*
 * TLS record framing: header checks, sealing and opening whole records
 * with their sequence numbers (RFC 5246 6.2).
 */
#include "common/endian_internal.h"
#include "common/try_internal.h"
#include "record/record_internal.h"

/* see src/record/record_internal.h */
int tern_rec_header_check(const uint8_t hdr[TERN_RECORD_HEADER_LEN], const tern_prot *prot,
                          const tern_rec_limits *limits, uint8_t *type, size_t *frag_len)
{
    uint8_t t = hdr[0];
    uint16_t version = tern_load_be16(hdr + 1);
    size_t len = tern_load_be16(hdr + 3);

    /* RFC 5246 6: an unknown record type gets unexpected_message;
     * heartbeat (24) is known where negotiated (RFC 6520 3). */
    TERN_ENSURE((t >= TERN_CT_CHANGE_CIPHER_SPEC && t <= TERN_CT_APPLICATION_DATA) ||
                    (t == 24 && limits->heartbeat),
                TERN_ERR_UNEXPECTED_MESSAGE);
    /* Appendix E.1: any {03,xx} is acceptable before the version is
     * settled; afterwards records carry the negotiated version. */
    TERN_ENSURE((version >> 8) == 3, TERN_ERR_PROTOCOL_VERSION);
    TERN_ENSURE(limits->version == 0 || version == limits->version, TERN_ERR_PROTOCOL_VERSION);
    /* 6.2.1-6.2.3: the plaintext limit plus exactly this protection's
     * expansion (a stricter bound than 2^14 + 2048). A CBC peer may pad
     * with up to 256 bytes, more than our own suffix: its expansion
     * (a size_t) says how much (6.2.3.2); the plaintext limit is then
     * checked again once the record is open. */
    TERN_ENSURE(len <= limits->plain_max + tern_prot_cbc_in_expansion(prot),
                TERN_ERR_RECORD_OVERFLOW);
    *type = t;
    *frag_len = len;
    return TERN_OK;
}

/* see src/record/record_internal.h */
void tern_rec_header_write(uint8_t hdr[TERN_RECORD_HEADER_LEN], uint8_t type, uint16_t version,
                           size_t frag_len)
{
    hdr[0] = type;
    tern_store_be16(hdr + 1, version);
    tern_store_be16(hdr + 3, (uint16_t)frag_len);
}

/* see src/record/record_internal.h */
int tern_rec_seal(tern_prot *prot, uint64_t *seq, uint8_t type, uint16_t version, uint8_t *rec,
                  size_t plain_len, size_t *rec_len)
{
    size_t frag_len;

    /* RFC 5246 6.1: sequence numbers must not wrap; stop one short. */
    TERN_ENSURE(*seq != UINT64_MAX, TERN_ERR_INTERNAL);
    TERN_ENSURE(plain_len <= TERN_RECORD_MAX_PLAIN, TERN_ERR_INTERNAL);
    TERN_TRY(prot->cls->seal(prot, *seq, type, version, rec + TERN_RECORD_HEADER_LEN, plain_len,
                             &frag_len));
    tern_rec_header_write(rec, type, version, frag_len);
    *seq += 1;
    *rec_len = TERN_RECORD_HEADER_LEN + frag_len;
    return TERN_OK;
}

/* see src/record/record_internal.h */
int tern_rec_open(tern_prot *prot, uint64_t *seq, uint8_t *type, uint8_t *rec, size_t rec_len,
                  size_t *plain_off, size_t *plain_len)
{
    size_t off;
    uint16_t version;

    TERN_ENSURE(rec_len >= TERN_RECORD_HEADER_LEN, TERN_ERR_INTERNAL);
    TERN_ENSURE(*seq != UINT64_MAX, TERN_ERR_INTERNAL);
    version = tern_load_be16(rec + 1);
    TERN_TRY(prot->cls->open(prot, *seq, type, version, rec + TERN_RECORD_HEADER_LEN,
                             rec_len - TERN_RECORD_HEADER_LEN, &off, plain_len));
    *seq += 1;
    *plain_off = TERN_RECORD_HEADER_LEN + off;
    return TERN_OK;
}
