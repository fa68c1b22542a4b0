#ifndef TEMOIN_CEXIF_SHIM_H
#define TEMOIN_CEXIF_SHIM_H

#include <stddef.h>
#include <libexif/exif-data.h>

/* EXIF data read from `size` bytes (a JPEG, or its APP1 segment) exactly as the file has it: without
   libexif's "follow the specification" option, which would invent the mandatory entries a file lacks
   (a date among them). NULL when nothing could be allocated; the caller frees it with exif_data_unref. */
static inline ExifData *temoin_exif_load(const unsigned char *bytes, unsigned int size) {
    ExifData *data = exif_data_new();
    if (!data) return NULL;
    exif_data_unset_option(data, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
    exif_data_load_data(data, bytes, size);
    return data;
}

/* The entry `tag` of the directory `ifd` (the macro exif_data_get_entry searches them all, and GPS tag
   numbers collide with others); NULL when absent. */
static inline ExifEntry *temoin_exif_entry(ExifData *data, ExifIfd ifd, ExifTag tag) {
    if (!data || ifd < 0 || ifd >= EXIF_IFD_COUNT || !data->ifd[ifd]) return NULL;
    return exif_content_get_entry(data->ifd[ifd], tag);
}

#endif
