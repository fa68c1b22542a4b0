#ifndef TEMOIN_CMAGIC_SHIM_H
#define TEMOIN_CMAGIC_SHIM_H

#include <magic.h>

/* The flags Témoin opens libmagic with, as a function (Swift does not import every macro):
   the MIME type only, without looking inside compressed files. */
static inline int temoin_magic_flags(void) { return MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_ERROR; }

#endif
