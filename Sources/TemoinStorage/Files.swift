import CSystem
import Foundation

/// A file written with plain POSIX calls so that full disks and fsync failures are seen, never swallowed.
public final class FileSink {
    public let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private static let bufferSize = 1 << 16
    /// Bytes handed to the kernel, and how many of them the disk was asked to take already.
    private var flushed = 0, submitted = 0

    /// Creates `path`, failing if it exists (`O_EXCL`), with mode 0600.
    public init(creating path: String) throws {
        self.path = path
        fd = FileSystem.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { throw VaultError.fileExists(path: path) }
            throw VaultError.writing(path, errno: errno)
        }
    }

    /// Takes over `fd`, an open file being written, known as `path` in messages.
    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// An unnamed file in `folder` (O_TMPFILE), or nil where the file system cannot make one.
    public static func unnamed(in folder: String) throws -> FileSink? {
        var fd: Int32
        repeat { fd = temoin_open_unnamed(folder, 0o600) } while fd < 0 && errno == EINTR
        if fd >= 0 { return FileSink(fd: fd, path: folder) }
        let code = errno
        if code == EOPNOTSUPP || code == EISDIR || code == EINVAL { return nil }
        throw VaultError.writing(folder, errno: code)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Appends bytes (buffered).
    public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    /// Appends bytes: small ones are buffered, a piece of the buffer's size or more goes to the kernel
    /// straight from `bytes` (a large file is not copied once more on its way).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count >= Self.bufferSize else {
            buffer.append(contentsOf: bytes)
            if buffer.count >= Self.bufferSize { try flush() }
            return
        }
        try flush()
        try writeOut(bytes)
    }

    /// How many bytes were appended so far (handed to the kernel or still buffered): where the next byte goes.
    public var position: Int { flushed + buffer.count }

    /// The alignment direct I/O asks of memory, lengths and file offsets (the largest logical block size).
    static let directAlignment = 4096

    /// Appends bytes as `write(_:)` does, but the largest aligned part of a large piece goes from `bytes` to
    /// the disk without passing through the page cache (O_DIRECT), when the file system allows it: a large
    /// file written once and not read again costs no copy into the cache, nor the cache's fresh memory.
    ///
    /// Used only where the bytes start at an aligned position of the file and of memory (a slab of guarded
    /// memory); anywhere else, or on a file system without direct I/O, the bytes are written as `write(_:)`
    /// does. The file is synced at the end as always (`finish`, `PendingFile.publish`).
    public func writeDirect(_ bytes: UnsafeRawBufferPointer) throws {
        let alignment = Self.directAlignment
        let aligned = bytes.count / alignment * alignment
        guard directAllowed, aligned >= Self.bufferSize, buffer.isEmpty, flushed % alignment == 0,
              let base = bytes.baseAddress, Int(bitPattern: base) % alignment == 0, temoin_set_direct(fd, 1) == 0 else {
            return try write(bytes)
        }
        var offset = 0, failure: Int32 = 0
        while offset < aligned {
            let n = Foundation.write(fd, base + offset, aligned - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EINVAL { directAllowed = false } else { failure = errno }   // EINVAL: refused, the rest through the page cache
                break
            }
            offset += n
            guard offset % alignment == 0 else { break }   // a short write (a full disk): the rest as usual, which says why
        }
        _ = temoin_set_direct(fd, 0)
        flushed += offset
        submitted += offset   // nothing of it waits in the page cache
        if failure != 0 { throw VaultError.writing(path, errno: failure) }
        try write(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
    }

    /// Whether direct writes are still to be tried (the file system did not refuse one).
    private var directAllowed = true

    /// Writes the buffer out.
    public func flush() throws {
        try buffer.withUnsafeBytes { try writeOut($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Hands `raw` to the kernel, after every byte before it.
    private func writeOut(_ raw: UnsafeRawBufferPointer) throws {
        guard let base = raw.baseAddress else { return }   // nothing to write
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(fd, base + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw VaultError.writing(path, errno: errno)
            }
            offset += n
        }
        flushed += raw.count
        // The file is synced at the end: its bytes start for the disk every 8 MiB as they are written, so
        // that final sync does not wait for all of them (a hint; nothing depends on it).
        if flushed - submitted >= 8 << 20 {
            _ = temoin_start_writeback(fd, off_t(submitted), off_t(flushed - submitted))
            submitted = flushed
        }
    }

    /// Flushes, fsyncs and closes; the data is on disk when this returns.
    public func finish() throws {
        try sync()
        close(fd); fd = -1
    }

    /// Flushes and fsyncs, keeping the file open.
    public func sync() throws {
        try flush()
        if fsync(fd) != 0 { throw VaultError.writing(path, errno: errno) }
    }

    /// Flushes and fsyncs, then asks the kernel to drop the file's pages from its cache (`POSIX_FADV_DONTNEED`),
    /// so that what reads the file next reads what the disk or stick holds, not the bytes Témoin handed the
    /// kernel: a stick that lost some of them (a faulty one, or one that claims more capacity than it has)
    /// then shows it. A hint: where the kernel keeps the pages anyway, the read-back reads them.
    public func syncAndDropCache() throws {
        try sync()
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED)
    }

    /// A path that opens this very file while it is open, named or not (`/proc/self/fd/N`).
    public var descriptorPath: String { "/proc/self/fd/\(fd)" }

    /// Gives the open file the name `path`, failing with EEXIST if that name exists; returns 0 or an errno.
    public func link(as path: String) -> Int32 {
        linkat(AT_FDCWD, descriptorPath, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 ? 0 : errno
    }
}

/// A file written at its destination but invisible until complete and checked: an unnamed file
/// (O_TMPFILE) that vanishes if the process dies, or, on file systems without them, a `.partial`
/// name removed on failure.
public final class PendingFile {
    /// Where the bytes go.
    public let sink: FileSink
    /// A path to read the written bytes back from before they are published.
    public let readablePath: String
    private let partial: String?

    /// Starts the file that will become `path`; under its temporary name (`partialPath`) when the file system
    /// cannot make unnamed files, or when `unnamed` is false (how tests take that way on any file system).
    public init(for path: String, unnamed: Bool = true) throws {
        if unnamed, let sink = try FileSink.unnamed(in: FileSystem.folder(of: path)) {
            self.sink = sink
            readablePath = sink.descriptorPath
            partial = nil
        } else {
            let partial = Self.partialPath(for: path)
            unlink(partial)
            sink = try FileSink(creating: partial)
            readablePath = partial
            self.partial = partial
        }
    }

    deinit { if let partial { unlink(partial) } }

    /// The name the file that will become `path` has while it is written, where the file system cannot make
    /// unnamed files: what a sweep of a folder must leave alone while it is written.
    public static func partialPath(for path: String) -> String { path + ".partial" }

    /// Appends bytes (buffered; a full disk is reported as `VaultError.diskFull`).
    public func write(_ bytes: [UInt8]) throws { try sink.write(bytes) }

    /// Appends bytes, as `write(_:)` does, without making an array of them.
    public func write(_ bytes: UnsafeRawBufferPointer) throws { try sink.write(bytes) }

    /// Appends a large piece not to be read again before the file is published, as `FileSink.writeDirect` does.
    public func writeDirect(_ bytes: UnsafeRawBufferPointer) throws { try sink.writeDirect(bytes) }

    /// Syncs the file and drops it from the page cache, so that it is read back from the medium (`FileSink.syncAndDropCache`).
    public func syncAndDropCache() throws { try sink.syncAndDropCache() }

    /// Syncs the file, then makes it appear as `path`, never replacing an existing file, and syncs the folder.
    public func publish(as path: String) throws {
        try sink.sync()
        var code = partial.map { link($0, path) == 0 ? 0 : errno } ?? sink.link(as: path)
        if let partial, code == EPERM || code == EOPNOTSUPP {   // no hard links (FAT): rename, still never replacing
            code = FileSystem.renameNoReplace(partial, to: path)
        }
        guard code == 0 else { throw code == EEXIST ? VaultError.fileExists(path: path) : VaultError.writing(path, errno: code) }
        FileSystem.syncDirectory(FileSystem.folder(of: path))
    }
}

/// A buffered reader of exact byte counts.
///
/// Reads the file in large blocks into one reused buffer: each byte is copied once by the kernel and
/// once into the array `read` returns (a bundle is read at disk speed, hundreds of MB at a time).
public final class FileSource {
    public let path: String
    private let fd: Int32
    private var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    /// The bytes read from the file and not yet taken: `buffer[start..<end]`.
    private var start = 0, end = 0
    private var ended = false

    /// Opens `path` for reading. A pipe, a socket or a character device (a terminal) is refused with ESPIPE,
    /// as reading at an offset would be: opening a pipe, and reading one or a terminal, waits forever (a bundle
    /// handed over on a stranger's stick may be one).
    public init(path: String) throws {
        self.path = path
        fd = FileSystem.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 { throw VaultError.reading(path, errno: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw VaultError.reading(path, errno: errno) }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG || kind == S_IFDIR || kind == S_IFBLK else { throw VaultError.reading(path, errno: ESPIPE) }
        guard fcntl(fd, F_SETFL, O_RDONLY) == 0 else { throw VaultError.reading(path, errno: errno) }
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// Reads until `need` bytes are buffered or the file ends.
    private func fill(_ need: Int) throws {
        guard end - start < need, !ended else { return }
        if start + need > buffer.count {   // move what is left to the front, growing for a large record
            let grown = need > buffer.count ? UnsafeMutableRawBufferPointer.allocate(byteCount: need, alignment: 16) : buffer
            grown.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: end - start)
            if grown.baseAddress != buffer.baseAddress { buffer.deallocate(); buffer = grown }
            (start, end) = (0, end - start)
        }
        while end - start < need {
            let n = Foundation.read(fd, buffer.baseAddress! + end, buffer.count - end)
            if n < 0 {
                if errno == EINTR { continue }
                throw VaultError.reading(path, errno: errno)
            }
            if n == 0 { ended = true; return }
            end += n
        }
    }

    /// Reads exactly `count` bytes; throws when the file ends inside them.
    public func read(_ count: Int, _ what: @autoclosure () -> String) throws -> [UInt8] {
        try fill(count)
        guard end - start >= count else { throw VaultError.bundle(.truncated("it ends inside the \(what())")) }
        defer { start += count }
        return Array(UnsafeRawBufferPointer(rebasing: buffer[start..<start + count]))
    }

    /// Reads a big-endian 32-bit integer (a length prefix) without making an array of its 4 bytes; throws like `read`.
    public func readU32(_ what: @autoclosure () -> String) throws -> UInt32 {
        try fill(4)
        guard end - start >= 4 else { throw VaultError.bundle(.truncated("it ends inside the \(what())")) }
        defer { start += 4 }
        return UInt32(bigEndian: buffer.loadUnaligned(fromByteOffset: start, as: UInt32.self))
    }

    /// The file's size in bytes.
    public func size() throws -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw VaultError.reading(path, errno: errno) }
        return Int(info.st_size)
    }

    /// Reads exactly `count` bytes at `offset`, leaving the stream position alone.
    public func read(at offset: Int, _ count: Int, _ what: String) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: count) { bytes, initialized in
            try read(at: offset, into: UnsafeMutableRawBufferPointer(bytes), what)
            initialized = count
        }
    }

    /// Fills `buffer` with the bytes at `offset`, leaving the stream position alone: a large file read
    /// piece after piece into one buffer, without an array per piece. Throws like `read(at:_:_:)`.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer, _ what: @autoclosure () -> String) throws {
        guard let base = buffer.baseAddress else { return }   // nothing to read
        var filled = 0
        while filled < buffer.count {
            let n = pread(fd, base + filled, buffer.count - filled, off_t(offset + filled))
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw VaultError.reading(path, errno: errno) }
            guard n > 0 else { throw VaultError.bundle(.truncated("it ends inside the \(what())")) }
            filled += n
        }
    }

    /// What identifies the file's content as it is now: any write, truncation or replacement of the file
    /// through the file system changes it (`FileIdentity`).
    public func identity() throws -> FileIdentity {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw VaultError.reading(path, errno: errno) }
        return FileIdentity(info)
    }
}

/// A file's device, inode, size and times of last change (to nanoseconds): two equal identities taken of
/// an open file mean that nothing wrote to it, cut it or replaced it in between through the file system,
/// which updates its modification and change times at every write.
public struct FileIdentity: Sendable, Equatable {
    let device: UInt64, inode: UInt64, size: Int64
    let modified: Int64, modifiedNanoseconds: Int64, changed: Int64, changedNanoseconds: Int64

    init(_ info: stat) {
        (device, inode, size) = (UInt64(info.st_dev), UInt64(info.st_ino), Int64(info.st_size))
        (modified, modifiedNanoseconds) = (Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec))
        (changed, changedNanoseconds) = (Int64(info.st_ctim.tv_sec), Int64(info.st_ctim.tv_nsec))
    }

    /// The file's size in bytes.
    public var byteCount: Int { Int(size) }
}

/// Small filesystem helpers.
public enum FileSystem {
    /// Throws `VaultError.fileExists` when anything is at `path`, a dangling symbolic link included: checked
    /// before a long piece of work whose result will be published there (publishing never replaces either).
    public static func ensureAbsent(_ path: String) throws {
        var info = stat()
        if lstat(path, &info) == 0 { throw VaultError.fileExists(path: path) }
    }

    /// `open(2)`, tried again when a signal interrupts it (EINTR); the descriptor, or -1 with errno set.
    public static func open(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        var fd: Int32
        repeat { fd = Foundation.open(path, flags, mode) } while fd < 0 && errno == EINTR
        return fd
    }

    /// Creates the folder `path` and its missing parents with mode 0700; the errno names any failure.
    public static func createFolder(_ path: String) throws {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o700) != 0 && errno != EEXIST { throw VaultError.writing(built, errno: errno) }
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw VaultError.writing(path, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw VaultError.notWritable(path: path, errno: ENOTDIR) }
    }

    /// fsyncs a directory so that a rename or a new file in it is durable.
    public static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    /// The largest bundle a FAT file system holds: FAT32 takes no file of 4 GiB or more (2^32 − 1 bytes at
    /// most); a mebibyte is kept as a margin.
    public static let fatLargestFile = (1 << 32) - (1 << 20)

    /// The largest file the file system of type `type` (`statfs`'s `f_type`) holds, when it is smaller than
    /// any bundle could be: `fatLargestFile` for FAT (`MSDOS_SUPER_MAGIC`, 0x4d44: the vfat and msdos drivers),
    /// nil for every other (exFAT, ext4, NTFS… take files far larger).
    public static func largestFile(fileSystemType type: Int) -> Int? { type == 0x4d44 ? fatLargestFile : nil }

    /// The largest file the file system holding `path` takes (`largestFile(fileSystemType:)`); nil when
    /// unlimited or unknown.
    public static func largestFile(at path: String) -> Int? {
        let type = temoin_file_system_type(path)
        return type < 0 ? nil : largestFile(fileSystemType: type)
    }

    /// Free bytes available to this user on the filesystem holding `path`.
    public static func freeBytes(at path: String) -> UInt64? {
        var s = statvfs()
        guard statvfs(path, &s) == 0 else { return nil }
        return UInt64(s.f_bavail) * UInt64(s.f_frsize)
    }

    /// Writes a small file (a key file, a recovery sheet) durably with mode 0600, unnamed or under a
    /// temporary name until complete, then links it into place: never replacing an existing file, never
    /// leaving half a file.
    public static func writeNew(_ bytes: [UInt8], to path: String) throws {
        try ensureAbsent(path)
        let pending = try PendingFile(for: path)
        try pending.write(bytes)
        try pending.publish(as: path)
    }

    /// Renames `source` to `path` unless `path` exists; returns 0 or an errno (EEXIST when it exists).
    public static func renameNoReplace(_ source: String, to path: String) -> Int32 {
        temoin_rename_noreplace(source, path) == 0 ? 0 : errno
    }

    /// The folder holding `path` ("." for a bare file name).
    public static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// Replaces an existing small file on purpose (a passphrase change): written beside it, then renamed over it.
    public static func replace(_ path: String, with bytes: [UInt8]) throws {
        let fresh = path + ".new"
        unlink(fresh)
        try writeNew(bytes, to: fresh)
        guard rename(fresh, path) == 0 else {
            let code = errno
            unlink(fresh)
            throw VaultError.writing(path, errno: code)
        }
    }

    /// Reads a whole file; a `VaultError` made from the errno says why not (EIO is a disk error, not
    /// "permission denied").
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = FileSystem.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw VaultError.reading(path, errno: errno) }
        defer { close(fd) }
        return try readAll(fd, path: path)
    }

    /// The first `count` bytes of the file at `path` (fewer if it is shorter).
    public static func readPrefix(_ path: String, count: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw VaultError.reading(path, errno: errno) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, count - filled, off_t(filled)) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw VaultError.reading(path, errno: errno) }
            if n == 0 { break }
            filled += n
        }
        return Array(bytes[..<filled])
    }

    /// Reads `fd` to its end (standard input too), retrying after EINTR; `path` names it in errors.
    public static func readAll(_ fd: Int32, path: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw VaultError.reading(path, errno: errno)
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<n])
        }
    }
}
