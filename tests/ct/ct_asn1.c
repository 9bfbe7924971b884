/*
 * Constant-time check of the secret-handling parts of src/asn1 and
 * src/crypto/keys, run under valgrind memcheck (tests/harness/ct_check.h):
 *  - base64 decoding of secret text (a private key's PEM body): every
 *    character but the last two, whose '=' padding encodes the public
 *    length, is marked secret; also a failing decode;
 *  - base64 and PEM encoding of secret DER;
 *  - the bit length of a secret magnitude (RSA primes).
 * Results are declassified before they are looked at.
 */
#include <stdint.h>
#include <string.h>

#include "crypto/keys/keys_internal.h"
#include "ct_check.h"
#include "tern/pem.h"

int main(void)
{
    uint8_t der[96], out[96], prime[64];
    char text[200], pem[400];
    size_t n = 0, m = 0, bits, i;
    int rc, fn = 0;

    for (i = 0; i < sizeof(der); i++) {
        der[i] = (uint8_t)(i * 89u + 7u);
    }
    /* Encoding secret bytes. */
    CT_SECRET(der, sizeof(der));
    rc = tern_base64_encode(der, 95, text, sizeof(text), &n);
    fn++;
    CT_PUBLIC(&rc, sizeof(rc));
    CT_PUBLIC(text, sizeof(text));
    if (rc != TERN_OK || n != 128) {
        return 1;
    }
    rc = tern_pem_encode("PRIVATE KEY", der, sizeof(der), pem, sizeof(pem), &m);
    fn++;
    CT_PUBLIC(&rc, sizeof(rc));
    CT_PUBLIC(pem, sizeof(pem));
    if (rc != TERN_OK) {
        return 1;
    }

    /* Decoding secret text: 95 bytes, so the text ends in one '='. */
    CT_SECRET(text, n - 2);
    rc = tern_base64_decode(text, n, out, sizeof(out), &m);
    fn++;
    CT_PUBLIC(&rc, sizeof(rc));
    CT_PUBLIC(out, sizeof(out));
    CT_PUBLIC(der, sizeof(der));
    if (rc != TERN_OK || m != 95 || memcmp(out, der, 95) != 0) {
        return 1;
    }
    /* A character outside the alphabet in secret text: the failure is
     * only known from the (declassified) result. */
    text[17] = '*';
    CT_SECRET(text, n - 2);
    rc = tern_base64_decode(text, n, out, sizeof(out), &m);
    fn++;
    CT_PUBLIC(&rc, sizeof(rc));
    CT_PUBLIC(out, sizeof(out));
    if (rc != TERN_ERR_PEM || out[0] != 0) {
        return 1;
    }

    /* Bit length of a secret prime. */
    memset(prime, 0xa5, sizeof(prime));
    prime[0] = 0x00;
    prime[1] = 0x1b;
    CT_SECRET(prime, sizeof(prime));
    bits = tern_keys_bitlen(prime, sizeof(prime));
    fn++;
    CT_PUBLIC(&bits, sizeof(bits));
    if (bits != 62 * 8 + 5) {
        return 1;
    }
    CT_DONE(fn);
    return 0;
}
