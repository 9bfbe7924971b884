/*
 * The cipher suites built in (all ECDHE with an AEAD, TLS 1.2), in the
 * default server preference order. A suite whose AEAD is compiled out is
 * absent.
 *
 *   suite                                     AEAD                key iv  expl PRF
 *   ECDHE_ECDSA_WITH_AES_128_GCM_SHA256       AES-128-GCM (5288)  16  4   8    SHA-256
 *   ECDHE_ECDSA_WITH_AES_256_GCM_SHA384       AES-256-GCM (5288)  32  4   8    SHA-384
 *   ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 ChaCha20-Poly1305   32  12  0    SHA-256
 *   ECDHE_RSA_WITH_AES_128_GCM_SHA256         AES-128-GCM         16  4   8    SHA-256
 *   ECDHE_RSA_WITH_AES_256_GCM_SHA384         AES-256-GCM         32  4   8    SHA-384
 *   ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256   ChaCha20-Poly1305   32  12  0    SHA-256
 *   ECDHE_ECDSA_WITH_AES_128_CCM (7251)       AES-128-CCM         16  4   8    SHA-256
 *   ECDHE_ECDSA_WITH_AES_128_CCM_8 (7251)     AES-128-CCM, 8-byte 16  4   8    SHA-256
 *                                             tag (6655)
 */
#include "handshake/handshake_internal.h"
#include "tern/aead.h"
#if TERN_CONFIG_CHACHA20
#include "tern/chacha.h"
#endif
#include "tern/cipher.h"
#include "tern/hash.h"

#define HAVE_AES (TERN_CONFIG_AES_CT || TERN_CONFIG_AES_X86NI)

#if HAVE_AES
static const tern_suite_info ecdsa_aes128_gcm = {.id = TERN_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    .name = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_EC,
    .key_len = 16,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes128_gcm,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info ecdsa_aes256_gcm = {.id = TERN_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    .name = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_EC,
    .key_len = 32,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes256_gcm,
    .prf_hash = &tern_sha384_class};
#if TERN_CONFIG_RSA
static const tern_suite_info rsa_aes128_gcm = {.id = TERN_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    .name = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_RSA,
    .key_len = 16,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes128_gcm,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info rsa_aes256_gcm = {.id = TERN_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    .name = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_RSA,
    .key_len = 32,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes256_gcm,
    .prf_hash = &tern_sha384_class};
#endif
static const tern_suite_info ecdsa_aes128_ccm = {.id = TERN_TLS_ECDHE_ECDSA_WITH_AES_128_CCM,
    .name = "TLS_ECDHE_ECDSA_WITH_AES_128_CCM",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_EC,
    .key_len = 16,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes128_ccm,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info ecdsa_aes128_ccm8 = {.id = TERN_TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
    .name = "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_EC,
    .key_len = 16,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes128_ccm8,
    .prf_hash = &tern_sha256_class};
#endif
#if TERN_CONFIG_CHACHA20
static const tern_suite_info ecdsa_chacha = {.id = TERN_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    .name = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_EC,
    .key_len = 32,
    .iv_len = 12,
    .explicit_len = 0,
    .aead = &tern_aead_chacha20_poly1305,
    .prf_hash = &tern_sha256_class};
#if TERN_CONFIG_RSA
static const tern_suite_info rsa_chacha = {.id = TERN_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    .name = "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_RSA,
    .key_len = 32,
    .iv_len = 12,
    .explicit_len = 0,
    .aead = &tern_aead_chacha20_poly1305,
    .prf_hash = &tern_sha256_class};
#endif
#endif

/* ---- ECDHE with CBC records (wip/cbc) -------------------------------------
 *
 *   suite                                  cipher   key MAC      PRF
 *   ECDHE_ECDSA_WITH_AES_128_CBC_SHA       AES-128  16  HMAC-SHA1  SHA-256
 *   ECDHE_ECDSA_WITH_AES_256_CBC_SHA       AES-256  32  HMAC-SHA1  SHA-256
 *   ECDHE_ECDSA_WITH_AES_128_CBC_SHA256    AES-128  16  HMAC-SHA256 SHA-256
 *   ECDHE_ECDSA_WITH_AES_256_CBC_SHA384    AES-256  32  HMAC-SHA384 SHA-384
 *   (and the same four with ECDHE_RSA)
 *
 * RFC 8422 6 and RFC 5289 3.2. In TLS 1.2 the *_SHA suites use the
 * default SHA-256 PRF (RFC 5246 5); *_SHA384 names the PRF hash. iv_len
 * is the block length (the TLS 1.0 key-block IV; RFC 5246 6.3). The
 * SHA-256/384 suites are TLS 1.2 only (RFC 5289 3.2). cbc_cipher is
 * left NULL for AES: tern_suite_cbc_cipher picks the best AES class at
 * run time (AES-NI when the CPU has it). */
#if HAVE_AES && TERN_CONFIG_SHA1
static const tern_suite_info ecdsa_aes128_cbc_sha = {.id = TERN_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    .name = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_EC,
    .protection = TERN_SUITE_CBC,
    .key_len = 16,
    .iv_len = 16,
    .mac_len = 20,
    .mac_hash = &tern_sha1_class,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info ecdsa_aes256_cbc_sha = {.id = TERN_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    .name = "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_EC,
    .protection = TERN_SUITE_CBC,
    .key_len = 32,
    .iv_len = 16,
    .mac_len = 20,
    .mac_hash = &tern_sha1_class,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info ecdsa_aes128_cbc_sha256 = {.id = TERN_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
    .name = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_EC,
    .protection = TERN_SUITE_CBC,
    .key_len = 16,
    .iv_len = 16,
    .mac_len = 32,
    .mac_hash = &tern_sha256_class,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info ecdsa_aes256_cbc_sha384 = {.id = TERN_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
    .name = "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_EC,
    .protection = TERN_SUITE_CBC,
    .key_len = 32,
    .iv_len = 16,
    .mac_len = 48,
    .mac_hash = &tern_sha384_class,
    .prf_hash = &tern_sha384_class};
#if TERN_CONFIG_RSA
static const tern_suite_info rsa_aes128_cbc_sha = {.id = TERN_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
    .name = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_CBC,
    .key_len = 16,
    .iv_len = 16,
    .mac_len = 20,
    .mac_hash = &tern_sha1_class,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info rsa_aes256_cbc_sha = {.id = TERN_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
    .name = "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_CBC,
    .key_len = 32,
    .iv_len = 16,
    .mac_len = 20,
    .mac_hash = &tern_sha1_class,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info rsa_aes128_cbc_sha256 = {.id = TERN_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
    .name = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_CBC,
    .key_len = 16,
    .iv_len = 16,
    .mac_len = 32,
    .mac_hash = &tern_sha256_class,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info rsa_aes256_cbc_sha384 = {.id = TERN_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
    .name = "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
    .kx = TERN_KX_ECDHE,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_CBC,
    .key_len = 32,
    .iv_len = 16,
    .mac_len = 48,
    .mac_hash = &tern_sha384_class,
    .prf_hash = &tern_sha384_class};
#endif
#define HAVE_CBC_SUITES 1
#else
#define HAVE_CBC_SUITES 0
#endif
/* ---- end of wip/cbc suites ---- */
/* ---- key exchanges beyond ECDHE (docs/kx.md) ----------------------------
 *
 *   suite                                     protection          key iv  PRF      default
 *   RSA_WITH_AES_128_GCM_SHA256               AES-128-GCM         16  4   SHA-256  no (static RSA)
 *   RSA_WITH_AES_256_GCM_SHA384               AES-256-GCM         32  4   SHA-384  no
 *   RSA_WITH_AES_128_CBC_SHA                  AES-128-CBC, SHA-1  16  16  SHA-256  no
 *   RSA_WITH_AES_128_CBC_SHA256               AES-128-CBC, SHA256 16  16  SHA-256  no
 *   RSA_WITH_3DES_EDE_CBC_SHA                 3DES-CBC, SHA-1     24  8   SHA-256  no
 *   DHE_RSA_WITH_AES_128_GCM_SHA256           AES-128-GCM         16  4   SHA-256  yes
 *   DHE_RSA_WITH_AES_256_GCM_SHA384           AES-256-GCM         32  4   SHA-384  yes
 *   DHE_RSA_WITH_CHACHA20_POLY1305_SHA256     ChaCha20-Poly1305   32  12  SHA-256  yes
 *   DHE_RSA_WITH_3DES_EDE_CBC_SHA             3DES-CBC, SHA-1     24  8   SHA-256  no (3DES)
 *   PSK_WITH_AES_128_GCM_SHA256 (5487)        AES-128-GCM         16  4   SHA-256  with a PSK
 *   PSK_WITH_AES_256_GCM_SHA384 (5487)        AES-256-GCM         32  4   SHA-384  with a PSK
 *   PSK_WITH_CHACHA20_POLY1305_SHA256 (7905)  ChaCha20-Poly1305   32  12  SHA-256  with a PSK
 *   PSK_WITH_AES_128_CCM / _256_CCM (6655)    AES-CCM             16/32 4 SHA-256  with a PSK
 *   PSK_WITH_AES_128_CCM_8 / _256_CCM_8       AES-CCM, 8-byte tag 16/32 4 SHA-256  with a PSK
 *   PSK_WITH_AES_128_CBC_SHA256 (5487)        AES-128-CBC, SHA256 16  16  SHA-256  with a PSK
 *   DHE_PSK_WITH_AES_128_GCM_SHA256 (5487)    AES-128-GCM         16  4   SHA-256  with a PSK
 *   DHE_PSK_WITH_AES_256_GCM_SHA384 (5487)    AES-256-GCM         32  4   SHA-384  with a PSK
 *   DHE_PSK_WITH_CHACHA20_POLY1305_SHA256     ChaCha20-Poly1305   32  12  SHA-256  with a PSK
 *   ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256   ChaCha20-Poly1305   32  12  SHA-256  with a PSK
 *   ECDHE_PSK_WITH_AES_128_CBC_SHA256 (5489)  AES-128-CBC, SHA256 16  16  SHA-256  with a PSK
 *   RSA_PSK_WITH_AES_128/256_GCM (5487)       AES-GCM             16/32 4 SHA-256/384 no (as RSA)
 *   RSA_PSK_WITH_CHACHA20_POLY1305 (7905)     ChaCha20-Poly1305   32  12  SHA-256  no
 *   RSA_PSK_WITH_AES_128/256_CBC_SHA (4279)   AES-CBC, SHA-1      16/32 16 SHA-256 no
 *   RSA_PSK_WITH_AES_128_CBC_SHA256 (5487)    AES-128-CBC, SHA256 16  16  SHA-256  no
 *   RSA_PSK_WITH_AES_256_CBC_SHA384 (5487)    AES-256-CBC, SHA384 32  16  SHA-384  no
 *   RSA_PSK_WITH_3DES_EDE_CBC_SHA (4279)      3DES-CBC, SHA-1     24  8   SHA-256  no
 *
 * Static RSA and RSA_PSK need TERN_CONFIG_RSA and TERN_CONFIG_STATIC_RSA
 * (so a PSK-only build has no RSA_PSK), DHE
 * TERN_CONFIG_FFDH, 3DES TERN_CONFIG_3DES and SHA-1 suites
 * TERN_CONFIG_SHA1; AES-CBC leaves cbc_cipher NULL, so that
 * tern_suite_cbc_cipher picks the AES class at run time (AES-NI when the
 * CPU has it).
 */
#define KX_RSA (TERN_CONFIG_RSA && TERN_CONFIG_STATIC_RSA)
#define KX_DHE (TERN_CONFIG_RSA && TERN_CONFIG_FFDH)
#define KX_DES (TERN_CONFIG_3DES && TERN_CONFIG_SHA1)
#define KX_AES_CBC HAVE_AES
/* ECDHE_PSK needs a curve to run on (docs/kx.md) */
#define KX_ECDHE (TERN_CONFIG_X25519 || TERN_CONFIG_ECC_P256 || TERN_CONFIG_ECC_P384)
#if KX_RSA && HAVE_AES
static const tern_suite_info kx_rsa_aes128_gcm = {.id = TERN_TLS_RSA_WITH_AES_128_GCM_SHA256,
    .name = "TLS_RSA_WITH_AES_128_GCM_SHA256",
    .kx = TERN_KX_RSA,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_AEAD,
    .key_len = 16,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes128_gcm,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info kx_rsa_aes256_gcm = {.id = TERN_TLS_RSA_WITH_AES_256_GCM_SHA384,
    .name = "TLS_RSA_WITH_AES_256_GCM_SHA384",
    .kx = TERN_KX_RSA,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_AEAD,
    .key_len = 32,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes256_gcm,
    .prf_hash = &tern_sha384_class};
#endif
#if KX_RSA && KX_AES_CBC && TERN_CONFIG_SHA1
static const tern_suite_info kx_rsa_aes128_cbc_sha = {.id = TERN_TLS_RSA_WITH_AES_128_CBC_SHA,
    .name = "TLS_RSA_WITH_AES_128_CBC_SHA",
    .kx = TERN_KX_RSA,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_CBC,
    .key_len = 16,
    .iv_len = 16,
    .mac_len = 20,
    .mac_hash = &tern_sha1_class,
    .prf_hash = &tern_sha256_class};
#endif
#if KX_RSA && KX_AES_CBC
static const tern_suite_info kx_rsa_aes128_cbc_sha256 = {.id = TERN_TLS_RSA_WITH_AES_128_CBC_SHA256,
    .name = "TLS_RSA_WITH_AES_128_CBC_SHA256",
    .kx = TERN_KX_RSA,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_CBC,
    .key_len = 16,
    .iv_len = 16,
    .mac_len = 32,
    .mac_hash = &tern_sha256_class,
    .prf_hash = &tern_sha256_class};
#endif
#if KX_RSA && KX_DES
static const tern_suite_info kx_rsa_3des = {.id = TERN_TLS_RSA_WITH_3DES_EDE_CBC_SHA,
    .name = "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
    .kx = TERN_KX_RSA,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_CBC,
    .key_len = 24,
    .iv_len = 8,
    .mac_len = 20,
    .cbc_cipher = &tern_des3_class,
    .mac_hash = &tern_sha1_class,
    .prf_hash = &tern_sha256_class};
#endif
#if KX_DHE && HAVE_AES
static const tern_suite_info kx_dhe_aes128_gcm = {.id = TERN_TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
    .name = "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
    .kx = TERN_KX_DHE,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_AEAD,
    .key_len = 16,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes128_gcm,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info kx_dhe_aes256_gcm = {.id = TERN_TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
    .name = "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
    .kx = TERN_KX_DHE,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_AEAD,
    .key_len = 32,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes256_gcm,
    .prf_hash = &tern_sha384_class};
#endif
#if KX_DHE && TERN_CONFIG_CHACHA20
static const tern_suite_info kx_dhe_chacha = {.id = TERN_TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    .name = "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    .kx = TERN_KX_DHE,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_AEAD,
    .key_len = 32,
    .iv_len = 12,
    .explicit_len = 0,
    .aead = &tern_aead_chacha20_poly1305,
    .prf_hash = &tern_sha256_class};
#endif
#if KX_DHE && KX_DES
static const tern_suite_info kx_dhe_3des = {.id = TERN_TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA,
    .name = "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
    .kx = TERN_KX_DHE,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_CBC,
    .key_len = 24,
    .iv_len = 8,
    .mac_len = 20,
    .cbc_cipher = &tern_des3_class,
    .mac_hash = &tern_sha1_class,
    .prf_hash = &tern_sha256_class};
#endif
#if HAVE_AES
static const tern_suite_info kx_psk_aes128_gcm = {.id = TERN_TLS_PSK_WITH_AES_128_GCM_SHA256,
    .name = "TLS_PSK_WITH_AES_128_GCM_SHA256",
    .kx = TERN_KX_PSK,
    .auth = TERN_KEY_NONE,
    .protection = TERN_SUITE_AEAD,
    .key_len = 16,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes128_gcm,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info kx_psk_aes256_gcm = {.id = TERN_TLS_PSK_WITH_AES_256_GCM_SHA384,
    .name = "TLS_PSK_WITH_AES_256_GCM_SHA384",
    .kx = TERN_KX_PSK,
    .auth = TERN_KEY_NONE,
    .protection = TERN_SUITE_AEAD,
    .key_len = 32,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes256_gcm,
    .prf_hash = &tern_sha384_class};
static const tern_suite_info kx_psk_aes128_ccm = {.id = TERN_TLS_PSK_WITH_AES_128_CCM,
    .name = "TLS_PSK_WITH_AES_128_CCM",
    .kx = TERN_KX_PSK,
    .auth = TERN_KEY_NONE,
    .protection = TERN_SUITE_AEAD,
    .key_len = 16,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes128_ccm,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info kx_psk_aes256_ccm = {.id = TERN_TLS_PSK_WITH_AES_256_CCM,
    .name = "TLS_PSK_WITH_AES_256_CCM",
    .kx = TERN_KX_PSK,
    .auth = TERN_KEY_NONE,
    .protection = TERN_SUITE_AEAD,
    .key_len = 32,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes256_ccm,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info kx_psk_aes128_ccm8 = {.id = TERN_TLS_PSK_WITH_AES_128_CCM_8,
    .name = "TLS_PSK_WITH_AES_128_CCM_8",
    .kx = TERN_KX_PSK,
    .auth = TERN_KEY_NONE,
    .protection = TERN_SUITE_AEAD,
    .key_len = 16,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes128_ccm8,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info kx_psk_aes256_ccm8 = {.id = TERN_TLS_PSK_WITH_AES_256_CCM_8,
    .name = "TLS_PSK_WITH_AES_256_CCM_8",
    .kx = TERN_KX_PSK,
    .auth = TERN_KEY_NONE,
    .protection = TERN_SUITE_AEAD,
    .key_len = 32,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes256_ccm8,
    .prf_hash = &tern_sha256_class};
#endif
#if TERN_CONFIG_CHACHA20
static const tern_suite_info kx_psk_chacha = {.id = TERN_TLS_PSK_WITH_CHACHA20_POLY1305_SHA256,
    .name = "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256",
    .kx = TERN_KX_PSK,
    .auth = TERN_KEY_NONE,
    .protection = TERN_SUITE_AEAD,
    .key_len = 32,
    .iv_len = 12,
    .explicit_len = 0,
    .aead = &tern_aead_chacha20_poly1305,
    .prf_hash = &tern_sha256_class};
#endif
#if KX_AES_CBC
static const tern_suite_info kx_psk_aes128_cbc = {.id = TERN_TLS_PSK_WITH_AES_128_CBC_SHA256,
    .name = "TLS_PSK_WITH_AES_128_CBC_SHA256",
    .kx = TERN_KX_PSK,
    .auth = TERN_KEY_NONE,
    .protection = TERN_SUITE_CBC,
    .key_len = 16,
    .iv_len = 16,
    .mac_len = 32,
    .mac_hash = &tern_sha256_class,
    .prf_hash = &tern_sha256_class};
#endif
#if TERN_CONFIG_FFDH && HAVE_AES
static const tern_suite_info kx_dhe_psk_aes128_gcm = {.id = TERN_TLS_DHE_PSK_WITH_AES_128_GCM_SHA256,
    .name = "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256",
    .kx = TERN_KX_DHE_PSK,
    .auth = TERN_KEY_NONE,
    .protection = TERN_SUITE_AEAD,
    .key_len = 16,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes128_gcm,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info kx_dhe_psk_aes256_gcm = {.id = TERN_TLS_DHE_PSK_WITH_AES_256_GCM_SHA384,
    .name = "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384",
    .kx = TERN_KX_DHE_PSK,
    .auth = TERN_KEY_NONE,
    .protection = TERN_SUITE_AEAD,
    .key_len = 32,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes256_gcm,
    .prf_hash = &tern_sha384_class};
#endif
#if TERN_CONFIG_FFDH && TERN_CONFIG_CHACHA20
static const tern_suite_info kx_dhe_psk_chacha = {.id = TERN_TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
    .name = "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
    .kx = TERN_KX_DHE_PSK,
    .auth = TERN_KEY_NONE,
    .protection = TERN_SUITE_AEAD,
    .key_len = 32,
    .iv_len = 12,
    .explicit_len = 0,
    .aead = &tern_aead_chacha20_poly1305,
    .prf_hash = &tern_sha256_class};
#endif
#if KX_ECDHE && TERN_CONFIG_CHACHA20
static const tern_suite_info kx_ecdhe_psk_chacha = {.id = TERN_TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
    .name = "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
    .kx = TERN_KX_ECDHE_PSK,
    .auth = TERN_KEY_NONE,
    .protection = TERN_SUITE_AEAD,
    .key_len = 32,
    .iv_len = 12,
    .explicit_len = 0,
    .aead = &tern_aead_chacha20_poly1305,
    .prf_hash = &tern_sha256_class};
#endif
#if KX_ECDHE && KX_AES_CBC
static const tern_suite_info kx_ecdhe_psk_aes128_cbc = {.id = TERN_TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256,
    .name = "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256",
    .kx = TERN_KX_ECDHE_PSK,
    .auth = TERN_KEY_NONE,
    .protection = TERN_SUITE_CBC,
    .key_len = 16,
    .iv_len = 16,
    .mac_len = 32,
    .mac_hash = &tern_sha256_class,
    .prf_hash = &tern_sha256_class};
#endif

/* RSA_PSK (RFC 4279 4; RFC 5487 2, 3.3; RFC 7905): the suites of static
 * RSA's legacy class, with the same switches plus a PSK at run time. */
#if KX_RSA && HAVE_AES
static const tern_suite_info kx_rsa_psk_aes128_gcm = {.id = TERN_TLS_RSA_PSK_WITH_AES_128_GCM_SHA256,
    .name = "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256",
    .kx = TERN_KX_RSA_PSK,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_AEAD,
    .key_len = 16,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes128_gcm,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info kx_rsa_psk_aes256_gcm = {.id = TERN_TLS_RSA_PSK_WITH_AES_256_GCM_SHA384,
    .name = "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384",
    .kx = TERN_KX_RSA_PSK,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_AEAD,
    .key_len = 32,
    .iv_len = 4,
    .explicit_len = 8,
    .aead = &tern_aead_aes256_gcm,
    .prf_hash = &tern_sha384_class};
#endif
#if KX_RSA && TERN_CONFIG_CHACHA20
static const tern_suite_info kx_rsa_psk_chacha = {.id = TERN_TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256,
    .name = "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256",
    .kx = TERN_KX_RSA_PSK,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_AEAD,
    .key_len = 32,
    .iv_len = 12,
    .explicit_len = 0,
    .aead = &tern_aead_chacha20_poly1305,
    .prf_hash = &tern_sha256_class};
#endif
#if KX_RSA && KX_AES_CBC
static const tern_suite_info kx_rsa_psk_aes128_cbc_sha256 = {.id = TERN_TLS_RSA_PSK_WITH_AES_128_CBC_SHA256,
    .name = "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256",
    .kx = TERN_KX_RSA_PSK,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_CBC,
    .key_len = 16,
    .iv_len = 16,
    .mac_len = 32,
    .mac_hash = &tern_sha256_class,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info kx_rsa_psk_aes256_cbc_sha384 = {.id = TERN_TLS_RSA_PSK_WITH_AES_256_CBC_SHA384,
    .name = "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384",
    .kx = TERN_KX_RSA_PSK,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_CBC,
    .key_len = 32,
    .iv_len = 16,
    .mac_len = 48,
    .mac_hash = &tern_sha384_class,
    .prf_hash = &tern_sha384_class};
#endif
#if KX_RSA && KX_AES_CBC && TERN_CONFIG_SHA1
static const tern_suite_info kx_rsa_psk_aes128_cbc_sha = {.id = TERN_TLS_RSA_PSK_WITH_AES_128_CBC_SHA,
    .name = "TLS_RSA_PSK_WITH_AES_128_CBC_SHA",
    .kx = TERN_KX_RSA_PSK,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_CBC,
    .key_len = 16,
    .iv_len = 16,
    .mac_len = 20,
    .mac_hash = &tern_sha1_class,
    .prf_hash = &tern_sha256_class};
static const tern_suite_info kx_rsa_psk_aes256_cbc_sha = {.id = TERN_TLS_RSA_PSK_WITH_AES_256_CBC_SHA,
    .name = "TLS_RSA_PSK_WITH_AES_256_CBC_SHA",
    .kx = TERN_KX_RSA_PSK,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_CBC,
    .key_len = 32,
    .iv_len = 16,
    .mac_len = 20,
    .mac_hash = &tern_sha1_class,
    .prf_hash = &tern_sha256_class};
#endif
#if KX_RSA && KX_DES
static const tern_suite_info kx_rsa_psk_3des = {.id = TERN_TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA,
    .name = "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA",
    .kx = TERN_KX_RSA_PSK,
    .auth = TERN_KEY_RSA,
    .protection = TERN_SUITE_CBC,
    .key_len = 24,
    .iv_len = 8,
    .mac_len = 20,
    .cbc_cipher = &tern_des3_class,
    .mac_hash = &tern_sha1_class,
    .prf_hash = &tern_sha256_class};
#endif

static const tern_suite_info *const suites[] = {
#if HAVE_AES
    &ecdsa_aes128_gcm,
    &ecdsa_aes256_gcm,
#endif
#if TERN_CONFIG_CHACHA20
    &ecdsa_chacha,
#endif
#if HAVE_AES && TERN_CONFIG_RSA
    &rsa_aes128_gcm,
    &rsa_aes256_gcm,
#endif
#if TERN_CONFIG_CHACHA20 && TERN_CONFIG_RSA
    &rsa_chacha,
#endif
#if HAVE_AES
    &ecdsa_aes128_ccm,
    &ecdsa_aes128_ccm8,
#endif
    /* ---- key exchanges beyond ECDHE (kx block; order = preference) ---- */
#if KX_DHE && HAVE_AES
    &kx_dhe_aes128_gcm,
    &kx_dhe_aes256_gcm,
#endif
#if KX_DHE && TERN_CONFIG_CHACHA20
    &kx_dhe_chacha,
#endif
#if HAVE_CBC_SUITES /* wip/cbc: after every AEAD suite */
    &ecdsa_aes128_cbc_sha256,
    &ecdsa_aes256_cbc_sha384,
    &ecdsa_aes128_cbc_sha,
    &ecdsa_aes256_cbc_sha,
#if TERN_CONFIG_RSA
    &rsa_aes128_cbc_sha256,
    &rsa_aes256_cbc_sha384,
    &rsa_aes128_cbc_sha,
    &rsa_aes256_cbc_sha,
#endif
#endif
#if KX_ECDHE && TERN_CONFIG_CHACHA20
    &kx_ecdhe_psk_chacha,
#endif
#if TERN_CONFIG_FFDH && HAVE_AES
    &kx_dhe_psk_aes128_gcm,
    &kx_dhe_psk_aes256_gcm,
#endif
#if TERN_CONFIG_FFDH && TERN_CONFIG_CHACHA20
    &kx_dhe_psk_chacha,
#endif
#if HAVE_AES
    &kx_psk_aes128_gcm,
    &kx_psk_aes256_gcm,
#endif
#if TERN_CONFIG_CHACHA20
    &kx_psk_chacha,
#endif
#if HAVE_AES
    &kx_psk_aes128_ccm,
    &kx_psk_aes256_ccm,
    &kx_psk_aes128_ccm8,
    &kx_psk_aes256_ccm8,
#endif
#if KX_ECDHE && KX_AES_CBC
    &kx_ecdhe_psk_aes128_cbc,
#endif
#if KX_AES_CBC
    &kx_psk_aes128_cbc,
#endif
#if KX_RSA && HAVE_AES
    &kx_rsa_aes128_gcm,
    &kx_rsa_aes256_gcm,
#endif
#if KX_RSA && KX_AES_CBC && TERN_CONFIG_SHA1
    &kx_rsa_aes128_cbc_sha,
#endif
#if KX_RSA && KX_AES_CBC
    &kx_rsa_aes128_cbc_sha256,
#endif
#if KX_DHE && KX_DES
    &kx_dhe_3des,
#endif
#if KX_RSA && KX_DES
    &kx_rsa_3des,
#endif
#if KX_RSA && HAVE_AES
    &kx_rsa_psk_aes128_gcm,
    &kx_rsa_psk_aes256_gcm,
#endif
#if KX_RSA && TERN_CONFIG_CHACHA20
    &kx_rsa_psk_chacha,
#endif
#if KX_RSA && KX_AES_CBC
    &kx_rsa_psk_aes128_cbc_sha256,
    &kx_rsa_psk_aes256_cbc_sha384,
#endif
#if KX_RSA && KX_AES_CBC && TERN_CONFIG_SHA1
    &kx_rsa_psk_aes128_cbc_sha,
    &kx_rsa_psk_aes256_cbc_sha,
#endif
#if KX_RSA && KX_DES
    &kx_rsa_psk_3des,
#endif
    /* ---- end of the kx block ---- */
    NULL};

/* see src/handshake/handshake_internal.h */
const tern_suite_info *const *tern_suite_info_all(size_t *count)
{
    size_t n = 0;
    while (suites[n] != NULL) {
        n++;
    }
    *count = n;
    return suites;
}

/* see src/handshake/handshake_internal.h */
const tern_suite_info *tern_suite_info_get(uint16_t id)
{
    size_t i;
    for (i = 0; suites[i] != NULL; i++) {
        if (suites[i]->id == id) {
            return suites[i];
        }
    }
    return NULL;
}

/* see src/handshake/handshake_internal.h */
const tern_aead_class *tern_ticket_aead(void)
{
#if HAVE_AES
    return &tern_aead_aes256_gcm;
#elif TERN_CONFIG_CHACHA20
    return &tern_aead_chacha20_poly1305;
#else
    return NULL;
#endif
}

/* see src/handshake/handshake_internal.h */
const tern_block_class *tern_suite_cbc_cipher(const tern_suite_info *s)
{
    if (s->protection != TERN_SUITE_CBC) {
        return NULL;
    }
    if (s->cbc_cipher != NULL) {
        return s->cbc_cipher;
    }
#if HAVE_AES
    return tern_aes_get();
#else
    return NULL;
#endif
}
