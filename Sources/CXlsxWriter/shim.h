#ifndef TEMOIN_CXLSXWRITER_SHIM_H
#define TEMOIN_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

/* A workbook in constant-memory mode (rows go to a temporary file in tmpdir as they are written, so
   memory does not grow with the number of rows), from Swift without building the options struct there. */
static inline lxw_workbook *temoin_xlsx_new(const char *path, const char *tmpdir) {
    lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = (char *)tmpdir, .use_zip64 = LXW_TRUE };
    return workbook_new_opt(path, &options);
}

#endif
