/*
 * Block buffering and final padding shared by every built-in hash (see
 * md_internal.h). Lengths are public; nothing here looks at data values.
 */
#include <string.h>

#include "common/endian_internal.h"
#include "crypto/hash/md_internal.h"
#include "tern/util.h"

/* see md_internal.h */
void tern_md_update(void *state, uint8_t *buf, size_t block_len, uint64_t *count,
                    tern_md_compress_fn compress, const void *data, size_t len)
{
    const uint8_t *p = (const uint8_t *)data;
    size_t used = (size_t)(*count & (uint64_t)(block_len - 1));

    if (len == 0) {
        return;
    }
    *count += (uint64_t)len;
    if (used > 0) {
        size_t take = block_len - used;
        if (take > len) {
            take = len;
        }
        memcpy(buf + used, p, take);
        p += take;
        len -= take;
        if (used + take < block_len) {
            return;
        }
        compress(state, buf, 1);
    }
    if (len >= block_len) {
        size_t whole = len / block_len;
        compress(state, p, whole);
        p += whole * block_len;
        len -= whole * block_len;
    }
    if (len > 0) {
        memcpy(buf, p, len);
    }
}

/* see md_internal.h */
void tern_md_pad(void *state, const uint8_t *buf, size_t block_len, uint64_t count,
                 int little_endian, tern_md_compress_fn compress)
{
    uint8_t block[128];
    size_t used = (size_t)(count & (uint64_t)(block_len - 1));
    size_t len_field = block_len == 128 ? 16 : 8;
    uint64_t bits = count << 3;

    memcpy(block, buf, used);
    block[used++] = 0x80;
    /* No room for the length field: pad this block out and start another. */
    if (used > block_len - len_field) {
        memset(block + used, 0, block_len - used);
        compress(state, block, 1);
        used = 0;
    }
    memset(block + used, 0, block_len - used);
    if (little_endian) {
        tern_store_le64(block + block_len - 8, bits);
    } else {
        /* For 128-byte blocks the upper half of the 128-bit length holds
         * the bits shifted out of count << 3. */
        if (len_field == 16) {
            tern_store_be64(block + block_len - 16, count >> 61);
        }
        tern_store_be64(block + block_len - 8, bits);
    }
    compress(state, block, 1);
    tern_wipe(block, sizeof(block));
}
