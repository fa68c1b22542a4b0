#ifndef TEMOIN_CSODIUM_SHIM_H
#define TEMOIN_CSODIUM_SHIM_H

#include <sodium.h>

/* Macros that Swift cannot import, exposed as functions. */
static inline size_t temoin_box_sealbytes(void) { return crypto_box_SEALBYTES; }

#endif
