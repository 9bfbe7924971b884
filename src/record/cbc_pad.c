/*
 * CBC padding check and MAC extraction in constant time (see
 * cbc_internal.h). Both work on the decrypted bytes of a
 * MAC-then-encrypt record, where the padding length byte is secret:
 * letting a branch, a loop bound or a memory index depend on it is what
 * the padding-oracle (Vaudenay 2002) and Lucky Thirteen attacks measure.
 */
#include "common/ct_internal.h"
#include "record/cbc_internal.h"
#include "tern/util.h"

/* The padding is at most 255 bytes plus the length byte (RFC 5246
 * 6.2.3.2: padding_length is a uint8). */
#define PAD_MAX 256u

/* see src/record/cbc_internal.h */
uint32_t tern_cbc_pad_check(const uint8_t *buf, size_t len, size_t before, size_t *pad_total)
{
    uint32_t n = (uint32_t)len;
    uint32_t p = buf[len - 1];
    uint32_t check = n < PAD_MAX ? n : PAD_MAX; /* public */
    uint32_t bad = 0;
    uint32_t good, t;

    /* Every byte of the last `check` is read; the ones within the
     * padding (t <= p, counting back from the length byte at t = 0) must
     * equal p. Bytes beyond it are read and ignored by mask. */
    for (t = 1; t < check; t++) {
        uint32_t b = buf[len - 1 - t];
        bad |= tern_ct_le(t, p) & tern_ct_neq(b, p);
    }
    /* p + 1 padding bytes and `before` bytes in front of them must fit.
     * When p + 1 > check (a short buffer) this is what fails. */
    good = tern_ct_not(bad) & tern_ct_le(p + 1u + (uint32_t)before, n);
    *pad_total = tern_ct_mux(good, p + 1u, 0u);
    return good;
}

/* see src/record/cbc_internal.h */
void tern_cbc_mac_extract(uint8_t *out, const uint8_t *buf, size_t lo, size_t hi, size_t off,
                          size_t mac_len)
{
    uint8_t rot[TERN_HASH_MAX_DIGEST], tmp[TERN_HASH_MAX_DIGEST];
    uint32_t o = (uint32_t)off, n = (uint32_t)mac_len;
    uint32_t r, i, k, s, end = (uint32_t)(hi + mac_len), rounds;

    /*
     * 1. Gather. Walk the window [lo, hi + mac_len), which holds the MAC
     *    wherever it starts, and OR each byte that lies in [off, off +
     *    mac_len) into rot[(i - lo) mod mac_len]; the others are masked
     *    to zero. The slot index depends on the public i only. Byte m of
     *    the MAC (at off + m) lands in rot[(off - lo + m) mod mac_len]:
     *    rot holds the MAC rotated by r = (off - lo) mod mac_len.
     */
    for (k = 0; k < n; k++) {
        rot[k] = 0;
    }
    for (i = (uint32_t)lo, k = 0; i < end; i++) {
        /* The barrier keeps the compiler from folding off into the loop
         * counter (it did: the loop test then compared values derived
         * from off, which valgrind rightly reports). */
        uint32_t ob = tern_ct_barrier(o);
        uint32_t in = tern_ct_ge(i, ob) & tern_ct_lt(i, ob + n);
        rot[k] |= (uint8_t)(buf[i] & (0u - in));
        k++;
        if (k == n) { /* public: follows i */
            k = 0;
        }
    }
    /*
     * 2. r without a division (a divide's time can depend on its
     *    operands): off - lo < hi - lo + 1, so subtracting mac_len while
     *    r >= mac_len, (hi - lo) / mac_len times with masks, leaves
     *    r mod mac_len.
     */
    r = o - (uint32_t)lo;
    rounds = (uint32_t)((hi - lo) / mac_len); /* public */
    for (i = 0; i < rounds; i++) {
        r = tern_ct_mux(tern_ct_ge(r, n), r - n, r);
    }
    /*
     * 3. Undo the rotation: out[m] = rot[(m + r) mod mac_len]. A barrel
     *    rotator: for each bit s of r (s < mac_len, since r < mac_len),
     *    rotate left by s when that bit is set, chosen by mask. Indices
     *    depend on m and s only.
     */
    for (s = 1; s < n; s <<= 1) {
        uint32_t bit = tern_ct_neq(r & s, 0u);
        for (k = 0; k < n; k++) {
            uint32_t from = k + s < n ? k + s : k + s - n; /* public */
            tmp[k] = rot[from];
        }
        tern_ct_copy(bit, rot, tmp, n);
    }
    for (k = 0; k < n; k++) {
        out[k] = rot[k];
    }
    tern_wipe(rot, sizeof(rot));
    tern_wipe(tmp, sizeof(tmp));
}
