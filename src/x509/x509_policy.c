/*
 * Policy defaults (DESIGN.md "Secure by default") and the public-key
 * extraction used by the handshake.
 */
#include <string.h>

#include "common/try_internal.h"
#include "tern/keys.h"
#include "x509/x509_internal.h"

/* see include/tern/x509.h */
void tern_x509_policy_init(tern_x509_policy *policy)
{
    if (policy == NULL) {
        return;
    }
    memset(policy, 0, sizeof(*policy));
    policy->purpose = TERN_X509_PURPOSE_SERVER;
    policy->time_mode = TERN_X509_TIME_REQUIRED;
    policy->now = 0;
    policy->platform = NULL;
    policy->min_rsa_bits = 2048;
    policy->allow_sha1 = 0;
    policy->max_depth = 8;
    policy->max_candidates = 64;
    policy->cn_fallback = 0;
    policy->required_key_usage = 0;
}

/* see include/tern/x509.h */
int tern_x509_cert_pubkey(const uint8_t *der, size_t len, tern_pubkey *key)
{
    tern_x509_cert c;
    int rc;

    TERN_ENSURE(der != NULL && key != NULL, TERN_ERR_NULL_POINTER);
    /* the key of a certificate with an extension tern does not know is
     * still its key; whether to trust it is tern_x509_verify_chain's
     * business */
    rc = tern_x509_parse(der, len, &c);
    TERN_ENSURE(rc == TERN_OK || rc == TERN_ERR_CERT_UNKNOWN_CRITICAL, TERN_ERR_CERT_PARSE);
    rc = tern_key_parse_spki(c.spki.p, c.spki.len, key, NULL);
    if (rc == TERN_ERR_UNSUPPORTED_ALGORITHM) {
        return rc;
    }
    return rc == TERN_OK ? TERN_OK : TERN_ERR_CERT_PARSE;
}
