#ifndef TEMOIN_COPENSSL_SHIM_H
#define TEMOIN_COPENSSL_SHIM_H

/* OpenSSL's libcrypto, for SHA-256 only (TemoinCrypto's SHA256): its EVP digest uses the processor's SHA
   instructions where it has them, several times faster than libsodium 1.0.18's portable C. */
#include <openssl/evp.h>

#endif
