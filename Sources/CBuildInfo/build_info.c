#include "build_info.h"
#include <stddef.h>

const char *temoin_build_commit(void) {
#ifdef TEMOIN_BUILD_COMMIT
    return TEMOIN_BUILD_COMMIT;
#else
    return NULL;
#endif
}
