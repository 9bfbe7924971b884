/*
 * HMAC over a message whose length is secret (see cbc_internal.h).
 *
 * Why: in a MAC-then-encrypt record the MAC covers the plaintext, whose
 * length is the fragment length minus the MAC minus the padding, and the
 * padding length is secret until the MAC has been checked. A plain HMAC
 * over the plaintext runs one compression per 64 (or 128) bytes of it,
 * so its time tells the padding length in steps of a block: the Lucky
 * Thirteen timing channel (AlFardan and Paterson, 2013). Comparing the
 * MAC to a fixed-length dummy on bad padding is not enough either; the
 * number of compressions must not depend on the padding at all.
 *
 * How. The inner hash of HMAC is H((K ^ ipad) || M) with
 * M = hdr || data[0 .. len), hdr the 13-byte MAC header. The keyed
 * context has absorbed the B-byte block K ^ ipad (B = 64 for SHA-1 and
 * SHA-256, 128 for SHA-384), so M starts on a block boundary. The
 * Merkle-Damgard padding appends 0x80, zeros, and the bit length of the
 * whole input, (B + 13 + len) * 8, in the last F bytes of a block
 * (F = 8, or 16 for SHA-384), so the digest is the chaining state after
 * block number
 *
 *     f(len) = floor((13 + len + F) / B)       (counting blocks of M from 0)
 *
 * built as: message bytes, then 0x80 at offset 13 + len, zeros, and the
 * length field in its last F bytes. We know lo <= len <= hi, with lo and
 * hi public and hi - lo at most 255 in the record layer.
 *
 *  1. Blocks that lie wholly inside M for every possible len, i.e. the
 *     first floor((13 + lo) / B) blocks, are hashed normally: their
 *     contents are message bytes whatever len is (the header's length
 *     field may be among them; its value is secret but the hash's time
 *     does not depend on values).
 *  2. Every further block up to f(hi) is built byte by byte, from public
 *     positions only: position i of M becomes
 *         data byte            if i < 13 + len
 *         0x80                 if i == 13 + len
 *         0                    otherwise,
 *     each chosen by masks computed from (i, len), and in the last F
 *     bytes of the block the length field is selected in by the mask
 *     (block == f(len)). Each built block goes through the hash's own
 *     update as one whole block (the context stays block-aligned, so
 *     that is exactly one compression).
 *  3. After each of those compressions the chaining state is serialised
 *     and copied into the result under the mask (block == f(len)).
 *     Blocks after f(len) are compressed too and their states discarded
 *     by the masks, so the number of compressions is fixed by lo and hi.
 *  4. The outer hash runs over the selected inner digest (public length).
 *
 * Each compression of steps 2-3 costs the same as any other, every byte
 * read is at a position fixed by lo and hi, and the only secret-dependent
 * operations are the mask computations. The extra work against a plain
 * HMAC is (hi - lo + F) / B + 1 compressions: about 6 for SHA-256 and
 * 4 for SHA-384 at the full 256-byte padding range.
 *
 * Serialising the chaining state reads the hash context's state words
 * (the public struct layout of include/tern/hash.h): SHA-1 and SHA-256
 * digests are their 32-bit words big-endian, SHA-384 the first six
 * 64-bit words big-endian (FIPS 180-4 6.1.2, 6.2.2, 6.5).
 */
#include <string.h>

#include "common/ct_internal.h"
#include "common/endian_internal.h"
#include "record/cbc_internal.h"
#include "tern/util.h"

/* see src/record/cbc_internal.h */
int tern_cbc_hmac_ct_supports(const tern_hash_class *h)
{
    if (h == NULL) {
        return 0;
    }
#if TERN_CONFIG_SHA1
    if (h == &tern_sha1_class) {
        return 1;
    }
#endif
    return h == &tern_sha256_class || h == &tern_sha384_class;
}

/* The current chaining state of c as digest bytes (digest_len of them). */
static void state_bytes(const tern_hash_ctx *c, const tern_hash_class *h, uint8_t *out)
{
    size_t i;

    if (h->block_len == 128) {
        for (i = 0; i < (size_t)h->digest_len / 8; i++) {
            tern_store_be64(out + 8 * i, c->sha512.state[i]);
        }
    } else if (h->digest_len == 20) {
        for (i = 0; i < 5; i++) {
            tern_store_be32(out + 4 * i, c->sha1.state[i]);
        }
    } else {
        for (i = 0; i < (size_t)h->digest_len / 4; i++) {
            tern_store_be32(out + 4 * i, c->sha256.state[i]);
        }
    }
}

/* see src/record/cbc_internal.h */
void tern_cbc_hmac_ct(const tern_hmac_ctx *key, const uint8_t hdr[TERN_CBC_MAC_HDR_LEN],
                      const uint8_t *data, size_t lo, size_t len, size_t hi, uint8_t *tag)
{
    const tern_hash_class *h = key->inner.vtable;
    const uint32_t hl = TERN_CBC_MAC_HDR_LEN;
    uint32_t bl = h->block_len, dl = h->digest_len;
    uint32_t lf = bl == 128 ? 16u : 8u;   /* length field bytes */
    uint32_t shift = bl == 128 ? 7u : 6u; /* log2(bl) */
    uint32_t slen = (uint32_t)len;        /* secret */
    uint32_t end = hl + slen;             /* secret: where 0x80 goes */
    uint32_t f = (end + lf) >> shift;     /* secret: the final block */
    uint64_t bits = ((uint64_t)bl + end) << 3;
    uint32_t j0 = (hl + (uint32_t)lo) >> shift;      /* public */
    uint32_t j1 = (hl + (uint32_t)hi + lf) >> shift; /* public */
    uint8_t blk[TERN_HASH_MAX_BLOCK], st[TERN_HASH_MAX_DIGEST], sel[TERN_HASH_MAX_DIGEST];
    tern_hash_ctx c;
    uint32_t j, t;

    /* Step 1: whole blocks of M for every possible len. */
    c = key->inner;
    if (j0 > 0) {
        size_t pre = (size_t)j0 << shift; /* >= 13: one block is >= 64 */
        h->update(&c.vtable, hdr, hl);
        h->update(&c.vtable, data, pre - hl);
    }
    memset(sel, 0, sizeof(sel));

    /* Steps 2 and 3. */
    for (j = j0; j <= j1; j++) {
        uint32_t is_final = tern_ct_eq(j, f);
        uint32_t base = j << shift;
        for (t = 0; t < bl; t++) {
            uint32_t i = base + t;
            uint32_t b = 0;
            uint32_t in_msg, is_end;
            if (i < hl) { /* public */
                b = hdr[i];
            } else if (i - hl < (uint32_t)hi) { /* public */
                b = data[i - hl];
            }
            in_msg = tern_ct_lt(i, end);
            is_end = tern_ct_eq(i, end);
            b = (b & (0u - in_msg)) | (0x80u & (0u - is_end));
            /* public: the length field's place; byte q of its F bytes */
            if (t >= bl - lf) {
                uint32_t q = t - (bl - lf);
                uint32_t lb = 0;
                if (q >= lf - 8) { /* public: the low 64 bits */
                    lb = (uint32_t)(bits >> (8 * (lf - 1 - q))) & 0xffu;
                }
                b = tern_ct_mux(is_final, lb, b);
            }
            blk[t] = (uint8_t)b;
        }
        h->update(&c.vtable, blk, bl); /* exactly one compression */
        state_bytes(&c, h, st);
        tern_ct_copy(is_final, sel, st, dl);
    }

    /* Step 4: the outer hash over the selected inner digest. */
    c = key->outer;
    h->update(&c.vtable, sel, dl);
    h->out(&c.vtable, tag);

    tern_wipe(&c, sizeof(c));
    tern_wipe(blk, sizeof(blk));
    tern_wipe(st, sizeof(st));
    tern_wipe(sel, sizeof(sel));
}
