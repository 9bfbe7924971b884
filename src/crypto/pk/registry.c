/*
 * The built-in signature and key-agreement classes, by TLS code point
 * (tern_sig_by_scheme, tern_kex_by_group). Each entry is compiled in only
 * with its TERN_CONFIG_* switch, so a build links just what it enables.
 */
#include <stddef.h>

#include "tern/config.h"
#include "tern/pk.h"
#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384
#include "tern/ec.h"
#endif
#if TERN_CONFIG_X25519 || TERN_CONFIG_ED25519
#include "tern/curve25519.h"
#endif
#if TERN_CONFIG_RSA
#include "tern/rsa.h"
#endif
#if TERN_CONFIG_FFDH
#include "tern/dh.h"
#endif

static const tern_sig_class *const sig_classes[] = {
#if TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384
    &tern_sig_ecdsa_sha256,
    &tern_sig_ecdsa_sha384,
    &tern_sig_ecdsa_sha512,
#if TERN_CONFIG_SHA1
    &tern_sig_ecdsa_sha1,
#endif
#endif
#if TERN_CONFIG_ED25519
    &tern_sig_ed25519,
#endif
#if TERN_CONFIG_RSA
    &tern_sig_rsa_pkcs1_sha256,
    &tern_sig_rsa_pkcs1_sha384,
    &tern_sig_rsa_pkcs1_sha512,
    &tern_sig_rsa_pss_rsae_sha256,
    &tern_sig_rsa_pss_rsae_sha384,
    &tern_sig_rsa_pss_rsae_sha512,
    &tern_sig_rsa_pss_pss_sha256,
    &tern_sig_rsa_pss_pss_sha384,
    &tern_sig_rsa_pss_pss_sha512,
#if TERN_CONFIG_SHA1
    &tern_sig_rsa_pkcs1_sha1,
#endif
#endif
    NULL /* end (and keeps the list non-empty in any build) */
};

static const tern_kex_class *const kex_classes[] = {
#if TERN_CONFIG_X25519
    &tern_kex_x25519,
#endif
#if TERN_CONFIG_ECC_P256
    &tern_kex_secp256r1,
#endif
#if TERN_CONFIG_ECC_P384
    &tern_kex_secp384r1,
#endif
#if TERN_CONFIG_FFDH
    /* RFC 7919 groups: TLS 1.2 DHE suites (never an ECDHE group) */
    &tern_kex_ffdhe2048,
    &tern_kex_ffdhe3072,
#endif
    NULL};

/* see include/tern/pk.h */
const tern_sig_class *tern_sig_by_scheme(uint16_t scheme)
{
    size_t i;
    for (i = 0; sig_classes[i] != NULL; i++) {
        if (sig_classes[i]->scheme == scheme) {
            return sig_classes[i];
        }
    }
    return NULL;
}

/* see include/tern/pk.h */
const tern_kex_class *tern_kex_by_group(uint16_t group)
{
    size_t i;
    for (i = 0; kex_classes[i] != NULL; i++) {
        if (kex_classes[i]->group == group) {
            return kex_classes[i];
        }
    }
    return NULL;
}
