#ifndef TEMOIN_BUILD_INFO_H
#define TEMOIN_BUILD_INFO_H

/// The git commit a release build was made from (`make deb`, `make install` set it), or NULL for a
/// development build. A C define rather than a generated Swift file: only build_info.c is rebuilt
/// when the commit changes, and a plain `swift build` never depends on git.
const char *temoin_build_commit(void);

#endif
