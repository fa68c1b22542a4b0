// Thin wrappers of system calls Swift cannot call directly (variadic C functions).
#ifndef TEMOIN_CSYSTEM_SHIM_H
#define TEMOIN_CSYSTEM_SHIM_H

#include <sys/prctl.h>

/// Makes the process non-dumpable: no core file, and /proc/PID/mem and ptrace closed to other
/// processes of the same user. Returns 0 on success, -1 with errno set otherwise.
static inline int temoin_set_nondumpable(void) {
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

#endif
