/*
 * tern - TLS/DTLS for embedded devices and the hosts that talk to them.
 * Umbrella header: includes every public tern header.
 */
#ifndef TERN_TERN_H
#define TERN_TERN_H

#include "tern/config.h"
#include "tern/error.h"
#include "tern/platform.h"
#include "tern/util.h"
#include "tern/hash.h"
#include "tern/mac.h"
#include "tern/kdf.h"
#include "tern/rand.h"
#include "tern/cipher.h"
#include "tern/aead.h"
#include "tern/pk.h"
#include "tern/pem.h"
#include "tern/keys.h"
#include "tern/rsa.h"
#include "tern/dh.h"
#include "tern/x509.h"
#include "tern/engine.h"

#endif /* TERN_TERN_H */
