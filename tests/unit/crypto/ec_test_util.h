/*
 * Helpers shared by the P-256 / P-384 tests: curve names, a strict DER
 * reader for the SubjectPublicKeyInfo of the Wycheproof ECDH files, and a
 * deterministic test-only rng.
 */
#ifndef TERN_EC_TEST_UTIL_H
#define TERN_EC_TEST_UTIL_H

#include <stdint.h>
#include <string.h>

#include "common/rw_internal.h"
#include "tern/ec.h"

/* 1 in the slow builds: the 32-bit twins (ec_w32.cmake defines
 * TERN_EC_TEST_W32) and AddressSanitizer builds (-O0). Tests sample
 * their longest loops there; the plain 64-bit build runs them in full. */
#if defined(TERN_EC_TEST_W32) || defined(__SANITIZE_ADDRESS__)
#define ECT_SLOW 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ECT_SLOW 1
#endif
#endif
#ifndef ECT_SLOW
#define ECT_SLOW 0
#endif

/* TLS group for a curve name used by the vector files, 0 if none or if
 * the curve is compiled out (TERN_CONFIG_ECC_P256 / _P384). */
static inline uint16_t ect_group(const char *name)
{
    uint16_t g = 0;
    if (name == NULL) {
        return 0;
    }
    if (strcmp(name, "secp256r1") == 0 || strcmp(name, "P-256") == 0) {
        g = TERN_GROUP_SECP256R1;
    }
    if (strcmp(name, "secp384r1") == 0 || strcmp(name, "P-384") == 0) {
        g = TERN_GROUP_SECP384R1;
    }
    return tern_ec_curve_len(g) != 0 ? g : 0;
}

/* One DER TLV with the expected tag; definite, minimal length. */
static inline int ect_der(tern_reader *r, uint8_t tag, tern_reader *body)
{
    uint8_t t, l0, b;
    size_t len = 0;
    const uint8_t *p;
    unsigned i;

    if (tern_read_u8(r, &t) != 0 || t != tag || tern_read_u8(r, &l0) != 0) {
        return -1;
    }
    if (l0 < 0x80) {
        len = l0;
    } else {
        unsigned n = l0 & 0x7fu;
        if (n == 0 || n > 2) {
            return -1;
        }
        for (i = 0; i < n; i++) {
            if (tern_read_u8(r, &b) != 0 || (i == 0 && b == 0)) {
                return -1;
            }
            len = (len << 8) | b;
        }
        if (len < 0x80) {
            return -1; /* long form for a short length: not DER */
        }
    }
    if (tern_read_bytes(r, len, &p) != 0) {
        return -1;
    }
    tern_reader_init(body, p, len);
    return 0;
}

/* SubjectPublicKeyInfo (RFC 5480 2): id-ecPublicKey with a namedCurve
 * OID of P-256 or P-384 (explicit parameters are refused, RFC 5480 2.1.1),
 * BIT STRING with no unused bits. Sets *group and the point. */
static inline int ect_spki(const uint8_t *der, size_t len, uint16_t *group, const uint8_t **point,
                           size_t *point_len)
{
    static const uint8_t oid_ec[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
    static const uint8_t oid_p256[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
    static const uint8_t oid_p384[] = {0x2b, 0x81, 0x04, 0x00, 0x22};
    tern_reader r, spki, alg, oid, curve, bits;
    uint8_t unused;

    tern_reader_init(&r, der, len);
    if (ect_der(&r, 0x30, &spki) != 0 || tern_reader_left(&r) != 0) {
        return -1;
    }
    if (ect_der(&spki, 0x30, &alg) != 0 || ect_der(&alg, 0x06, &oid) != 0 ||
        oid.left != sizeof(oid_ec) || memcmp(oid.p, oid_ec, sizeof(oid_ec)) != 0) {
        return -1;
    }
    if (ect_der(&alg, 0x06, &curve) != 0 || tern_reader_left(&alg) != 0) {
        return -1;
    }
    if (curve.left == sizeof(oid_p256) && memcmp(curve.p, oid_p256, sizeof(oid_p256)) == 0) {
        *group = TERN_GROUP_SECP256R1;
    } else if (curve.left == sizeof(oid_p384) && memcmp(curve.p, oid_p384, sizeof(oid_p384)) == 0) {
        *group = TERN_GROUP_SECP384R1;
    } else {
        return -1;
    }
    if (ect_der(&spki, 0x03, &bits) != 0 || tern_reader_left(&spki) != 0 ||
        tern_read_u8(&bits, &unused) != 0 || unused != 0) {
        return -1;
    }
    *point = bits.p;
    *point_len = bits.left;
    return 0;
}

/* Test-only deterministic rng: a counter run through a small mixing
 * function (xorshift-multiply). Not for any real use. */
typedef struct ect_rng {
    const tern_rng_class *vtable;
    uint64_t state;
} ect_rng;

static inline int ect_rng_generate(const tern_rng_class **ctx, uint8_t *out, size_t len)
{
    ect_rng *r = (ect_rng *)(void *)ctx;
    size_t i;
    for (i = 0; i < len; i++) {
        uint64_t z = (r->state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        out[i] = (uint8_t)(z ^ (z >> 31));
    }
    return TERN_OK;
}

static const tern_rng_class ect_rng_class = {"test-only counter rng", sizeof(ect_rng),
                                             ect_rng_generate};

static inline void ect_rng_init(ect_rng *r, uint64_t seed)
{
    r->vtable = &ect_rng_class;
    r->state = seed;
}

#endif /* TERN_EC_TEST_UTIL_H */

#ifndef TERN_EC_TEST_UTIL_NUM
#define TERN_EC_TEST_UTIL_NUM
/* Hex digits (no prefix) right-aligned into out, exactly len bytes
 * big-endian; -1 if malformed or too wide. */
static inline int ect_hexnum(const char *h, uint8_t *out, size_t len)
{
    size_t n = strlen(h);
    size_t i;
    memset(out, 0, len);
    for (i = 0; i < n; i++) {
        char ch = h[n - 1 - i];
        int v = (ch >= '0' && ch <= '9')   ? ch - '0'
                : (ch >= 'a' && ch <= 'f') ? ch - 'a' + 10
                : (ch >= 'A' && ch <= 'F') ? ch - 'A' + 10
                                           : -1;
        if (v < 0) {
            return -1;
        }
        if (i / 2 >= len) {
            if (v != 0) {
                return -1;
            }
            continue;
        }
        out[len - 1 - i / 2] |= (uint8_t)(i % 2 ? v << 4 : v);
    }
    return 0;
}

/* Botan writes integers as 0x-prefixed hex or as decimal. Writes the
 * value big-endian into out (exactly len bytes); -1 if it does not fit or
 * is malformed. */
static inline int ect_num(const char *s, uint8_t *out, size_t len)
{
    size_t i;
    if (s == NULL) {
        return -1;
    }
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        return ect_hexnum(s + 2, out, len);
    }
    memset(out, 0, len);
    for (; *s != '\0'; s++) {
        unsigned carry;
        if (*s < '0' || *s > '9') {
            return -1;
        }
        carry = (unsigned)(*s - '0');
        for (i = len; i > 0; i--) {
            unsigned v = out[i - 1] * 10u + carry;
            out[i - 1] = (uint8_t)v;
            carry = v >> 8;
        }
        if (carry != 0) {
            return -1;
        }
    }
    return 0;
}
#endif
