#!/usr/bin/env python3
"""Writes ge25519_base_table.c: the fixed-base table used by
tern_ge25519_scalarmult_base (entry [i][j] = (j+1) * 2^(32 i) * B, affine x
then y, each as eight little-endian 32-bit words).

Run from this directory:  python3 ge25519_base_table.py > ge25519_base_table.c
The unit test tests/unit/crypto/test_ge25519.c recomputes every entry with
the library's own group law and compares.

Curve facts (RFC 8032 5.1): p = 2^255 - 19, d = -121665/121666,
B = (x, 4/5) with x "positive" (even).
"""

P = 2**255 - 19
D = (-121665 * pow(121666, P - 2, P)) % P


def inv(a):
    return pow(a, P - 2, P)


def base_point():
    y = 4 * inv(5) % P
    # x^2 = (y^2 - 1) / (d y^2 + 1); p = 5 mod 8 square root (RFC 8032 5.1.3)
    u = (y * y - 1) % P
    v = (D * y * y + 1) % P
    x = u * pow(v, 3, P) * pow(u * pow(v, 7, P), (P - 5) // 8, P) % P
    if (v * x * x - u) % P != 0:
        x = x * pow(2, (P - 1) // 4, P) % P
    assert (v * x * x - u) % P == 0
    if x & 1:
        x = P - x
    return x, y


def add(p1, p2):
    (x1, y1), (x2, y2) = p1, p2
    t = D * x1 * x2 * y1 * y2 % P
    x3 = (x1 * y2 + x2 * y1) * inv(1 + t) % P
    y3 = (y1 * y2 + x1 * x2) * inv(1 - t) % P
    return x3, y3


def words(v):
    return ["0x%08x" % ((v >> (32 * k)) & 0xFFFFFFFF) for k in range(8)]


def main():
    b = base_point()
    out = []
    out.append("/*")
    out.append(" * Fixed-base table for tern_ge25519_scalarmult_base, written by")
    out.append(" * ge25519_base_table.py (do not edit): entry [i][j] is (j+1) * 2^(32 i) * B")
    out.append(" * in affine coordinates, x then y, each as eight little-endian 32-bit")
    out.append(" * words. 4096 bytes.")
    out.append(" */")
    out.append('#include "tern/config.h"')
    out.append("")
    out.append("#if TERN_CONFIG_ED25519")
    out.append("")
    out.append('#include "crypto/curve25519/ge25519_internal.h"')
    out.append("")
    out.append("/* clang-format off */")
    out.append("const uint32_t tern_ge25519_base_table[8][8][16] = {")
    row = b
    for i in range(8):
        out.append("    {")
        q = row
        for j in range(8):
            w = words(q[0]) + words(q[1])
            out.append("        {" + ", ".join(w[:4]) + ",")
            out.append("         " + ", ".join(w[4:8]) + ",")
            out.append("         " + ", ".join(w[8:12]) + ",")
            out.append("         " + ", ".join(w[12:]) + "},")
            q = add(q, row)
        out.append("    },")
        for _ in range(32):
            row = add(row, row)
    out.append("};")
    out.append("/* clang-format on */")
    out.append("")
    out.append("#else")
    out.append("/* ISO C forbids an empty translation unit. */")
    out.append("typedef int tern_ge25519_base_table_unused_;")
    out.append("#endif")
    print("\n".join(out))


if __name__ == "__main__":
    main()
