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
#include "tern/chacha.h"
#include "tern/pk.h"
#include "tern/pem.h"
#include "tern/keys.h"
#include "tern/rsa.h"
#include "tern/dh.h"
#include "tern/ec.h"
#include "tern/curve25519.h"
#include "tern/x509.h"
#include "tern/engine.h"
#include "tern/socket.h"

#endif /* TERN_TERN_H */
