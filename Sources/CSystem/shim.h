// Thin wrappers of system calls Swift cannot call directly (variadic C functions, compound macros).
#ifndef TEMOIN_CSYSTEM_SHIM_H
#define TEMOIN_CSYSTEM_SHIM_H

#include <errno.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <sys/types.h>
#include <unistd.h>

/// Makes the process non-dumpable: no core file, and /proc/PID/mem and ptrace closed to other
/// processes of the same user. Returns 0 on success, -1 with errno set otherwise.
static inline int temoin_set_nondumpable(void) {
    return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

/// Opens an unnamed file for writing in `folder` (O_TMPFILE): it has no name until linked, so it
/// vanishes if the process dies. Returns the descriptor, or -1 with errno set (EOPNOTSUPP or EISDIR
/// where the file system or kernel cannot do it).
static inline int temoin_open_unnamed(const char *folder, mode_t mode) {
#if defined(O_TMPFILE)
    return open(folder, O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
#elif defined(__O_TMPFILE)  /* glibc names it O_TMPFILE only under _GNU_SOURCE */
    return open(folder, __O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
#else
    (void)folder; (void)mode;
    errno = EOPNOTSUPP;
    return -1;
#endif
}

/// Renames `from` to `to` unless `to` exists (renameat2 with RENAME_NOREPLACE): the way to publish a
/// finished file on file systems without hard links (FAT sticks). Returns 0, or -1 with errno set.
static inline int temoin_rename_noreplace(const char *from, const char *to) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 1u /* RENAME_NOREPLACE */);
#else
    (void)from; (void)to;
    errno = ENOSYS;
    return -1;
#endif
}

/// Starts writing `length` bytes of `fd` from `offset` to the disk without waiting for them
/// (sync_file_range with SYNC_FILE_RANGE_WRITE): a later fsync then has little left to wait for.
/// A hint only: returns 0, or -1 with errno set (ENOSYS, or ESPIPE on a pipe).
static inline int temoin_start_writeback(int fd, off_t offset, off_t length) {
#if defined(SYS_sync_file_range) && defined(__LP64__)  /* 32-bit systems pass 64-bit offsets in pairs */
    return (int)syscall(SYS_sync_file_range, fd, offset, length, 2u /* SYNC_FILE_RANGE_WRITE */);
#else
    (void)fd; (void)offset; (void)length;
    errno = ENOSYS;
    return -1;
#endif
}

/// Turns direct I/O (O_DIRECT: writes go from the caller's memory to the disk, not through the page
/// cache) on or off for `fd`. Returns 0, or -1 with errno set (EINVAL where the file system has none).
static inline int temoin_set_direct(int fd, int on) {
#if defined(O_DIRECT) || defined(__O_DIRECT)
#  ifndef O_DIRECT  /* glibc names it O_DIRECT only under _GNU_SOURCE */
#    define TEMOIN_O_DIRECT __O_DIRECT
#  else
#    define TEMOIN_O_DIRECT O_DIRECT
#  endif
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFL, on ? (flags | TEMOIN_O_DIRECT) : (flags & ~TEMOIN_O_DIRECT));
#else
    (void)fd; (void)on;
    errno = EINVAL;
    return -1;
#endif
}

/// The type of the file system holding `path` (statfs's f_type: 0x4d44 for FAT), or -1 with errno set.
static inline long temoin_file_system_type(const char *path) {
    struct statfs s;
    return statfs(path, &s) == 0 ? (long)s.f_type : -1;
}

#endif
