#ifndef TAMGA_CLIBCRYPTO_SHIM_H
#define TAMGA_CLIBCRYPTO_SHIM_H
// Only the EVP digest interface: Tamga uses libcrypto for SHA-256 and nothing else.
#include <openssl/evp.h>
#endif
